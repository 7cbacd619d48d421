//! The directory's search index: one compact JSON file the browser filters in memory.
//!
//! Facet values are listed once and experts refer to them by position, so 10,000 experts
//! fit in well under a megabyte and filtering is a loop over small arrays. Only public,
//! listed experts are in it, through [`PublicExpert`].

use crate::urls;
use expertpool_records::PublicInstance;
use expertpool_records::model::{EmployerKind, SkillLevel, TitleLevel};
use expertpool_records::public::PublicExpert;
use expertpool_records::status::Status;
use serde::Serialize;
use std::collections::BTreeMap;

/// Field order of one expert entry in `experts`; the browser script reads the same order.
pub(crate) const FIELDS: [&str; 9] =
    ["id", "pool", "name", "employer", "kind", "levels", "specialties", "status", "level_label"];

#[derive(Serialize)]
struct Index<'a> {
    fields: [&'static str; 9],
    pools: Vec<(String, &'a str)>,
    specialties: Vec<(String, &'a str)>,
    levels: Vec<&'static str>,
    kinds: Vec<&'static str>,
    statuses: Vec<&'static str>,
    experts: Vec<Row<'a>>,
}

/// One expert in [`FIELDS`] order; a tuple, so it is written as a JSON array. Borrowed from
/// the projections and serialised straight to bytes: 100,000 rows as `serde_json::Value`s
/// cost more than the rest of the index.
type Row<'a> = (String, usize, &'a str, &'a str, usize, Vec<usize>, Vec<usize>, usize, &'a str);

/// Builds `search-index.json` from the projections of each pool's experts.
pub(crate) fn index(instance: &PublicInstance, experts: &[Vec<PublicExpert>]) -> Vec<u8> {
    let levels: Vec<&'static str> =
        TitleLevel::ALL.iter().map(|l| l.label()).chain(SkillLevel::ALL.iter().map(|l| l.label())).collect();
    let kinds: Vec<&'static str> = EmployerKind::ALL.iter().map(|k| k.label()).collect();
    let statuses: Vec<&'static str> = Status::ALL.iter().map(|s| s.label()).collect();

    let mut used: BTreeMap<&str, usize> = BTreeMap::new();
    for e in experts.iter().flatten().filter(|e| e.status.is_listed()) {
        for s in &e.specialties {
            let next = used.len();
            used.entry(s.code.as_str()).or_insert(next);
        }
    }
    // Positions in taxonomy order, so the filter lists them as the taxonomy does.
    let mut ordered: Vec<&str> = used.keys().copied().collect();
    let position =
        |code: &str| instance.specialties.specialties.iter().position(|s| s.code == code).unwrap_or(usize::MAX);
    ordered.sort_by_key(|c| (position(c), c.to_string()));
    let spec_index: BTreeMap<&str, usize> = ordered.iter().enumerate().map(|(i, c)| (*c, i)).collect();
    let specialties: Vec<(String, &str)> = ordered
        .iter()
        .map(|code| {
            let name = instance.specialty(code).map(|s| s.name.as_str()).unwrap_or(code);
            (urls::segment(code), name)
        })
        .collect();

    let mut pools = Vec::new();
    let mut rows = Vec::new();
    for (i, (pool, list)) in instance.pools.iter().zip(experts).enumerate() {
        pools.push((urls::segment(pool.id()), pool.policy.short_name.as_deref().unwrap_or(&pool.policy.name)));
        for e in list.iter().filter(|e| e.status.is_listed()) {
            let mut lv: Vec<usize> = Vec::new();
            if let Some(t) = &e.title {
                lv.extend(levels.iter().position(|l| *l == t.level));
            }
            if let Some(s) = &e.skill {
                lv.extend(levels.iter().rposition(|l| *l == s.level));
            }
            let specs: Vec<usize> =
                e.specialties.iter().filter_map(|s| spec_index.get(s.code.as_str()).copied()).collect();
            rows.push((
                urls::segment(&e.id),
                i,
                e.name.as_str(),
                e.employer.as_str(),
                kinds.iter().position(|k| *k == e.employer_kind).unwrap_or(kinds.len() - 1),
                lv,
                specs,
                statuses.iter().position(|s| *s == e.status_label).unwrap_or(0),
                e.level_label.as_deref().unwrap_or(""),
            ));
        }
    }
    let index = Index { fields: FIELDS, pools, specialties, levels, kinds, statuses, experts: rows };
    serde_json::to_vec(&index).unwrap_or_else(|_| b"{}".to_vec())
}
