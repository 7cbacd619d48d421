//! The search indexes the browser filters in memory: `search-index.json` for the directory
//! (experts) and `site-index.json` for the site-wide search (notices, calls, pages).
//!
//! Facet values are listed once and experts refer to them by position, so 10,000 experts
//! fit in well under a megabyte and filtering is a loop over small arrays. Only public,
//! listed experts are in it, through [`PublicExpert`]; the scopes (in service, expired, …)
//! come from [`Scope`], so the script applies the records' rule rather than its own.

use crate::views::{CallView, NoticeView, Scope, pool_name};
use crate::{initials, urls};
use expertpool_records::PublicInstance;
use expertpool_records::model::{EmployerKind, SkillLevel, TitleLevel};
use expertpool_records::public::PublicExpert;
use expertpool_records::status::Status;
use serde::Serialize;
use std::collections::BTreeMap;

/// Field order of one expert entry in `experts`; the browser script reads the same order.
pub(crate) const FIELDS: [&str; 10] =
    ["id", "pool", "name", "employer", "kind", "levels", "specialties", "status", "level_label", "initials"];

#[derive(Serialize)]
struct Index<'a> {
    fields: [&'static str; 10],
    pools: Vec<(String, &'a str)>,
    specialties: Vec<(String, &'a str)>,
    levels: Vec<&'static str>,
    kinds: Vec<&'static str>,
    statuses: Vec<&'static str>,
    /// `[code, label, [status positions]]` of each scope; the first is the default.
    scopes: Vec<(&'static str, &'static str, Vec<usize>)>,
    experts: Vec<Row<'a>>,
}

/// One expert in [`FIELDS`] order; a tuple, so it is written as a JSON array. Borrowed from
/// the projections and serialised straight to bytes: 100,000 rows as `serde_json::Value`s
/// cost more than the rest of the index.
type Row<'a> = (String, usize, &'a str, &'a str, usize, Vec<usize>, Vec<usize>, usize, &'a str, String);

/// Builds `search-index.json` from the projections of each pool's experts.
pub(crate) fn index(instance: &PublicInstance, experts: &[Vec<PublicExpert>]) -> Vec<u8> {
    let levels: Vec<&'static str> =
        TitleLevel::ALL.iter().map(|l| l.label()).chain(SkillLevel::ALL.iter().map(|l| l.label())).collect();
    let kinds: Vec<&'static str> = EmployerKind::ALL.iter().map(|k| k.label()).collect();
    let statuses: Vec<&'static str> = Status::ALL.iter().map(|s| s.label()).collect();
    let scopes = Scope::every()
        .into_iter()
        .map(|scope| {
            let admitted = Status::ALL.iter().enumerate().filter(|(_, s)| scope.admits(**s)).map(|(i, _)| i);
            (scope.code(), scope.label(), admitted.collect())
        })
        .collect();

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
        pools.push((urls::segment(pool.id()), pool_name(pool)));
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
                Status::ALL.iter().position(|s| *s == e.status).unwrap_or(0),
                e.level_label.as_deref().unwrap_or(""),
                // Alternatives separated by spaces: the script matches any of them.
                initials::initials(&e.name).join(" "),
            ));
        }
    }
    let index = Index { fields: FIELDS, pools, specialties, levels, kinds, statuses, scopes, experts: rows };
    serde_json::to_vec(&index).unwrap_or_else(|_| b"{}".to_vec())
}

/// One document of the site-wide search: `[kind, title, url, date, text]`, where `text` is
/// what is matched besides the title (number, pool, body). Only what the page itself shows.
type SiteEntry = (&'static str, String, String, String, String);

#[derive(Serialize)]
struct SiteIndex {
    fields: [&'static str; 5],
    kinds: [(&'static str, &'static str); 3],
    documents: Vec<SiteEntry>,
}

/// `site-index.json`: the notices, calls and policy pages the site lists (archived notices
/// without their withdrawn names: a notice's names are not in its body in any case).
pub(crate) fn site_index(
    instance: &PublicInstance,
    notices: &[(usize, NoticeView)],
    calls: &[(usize, CallView)],
) -> Vec<u8> {
    let plain = |body: &str| body.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut documents: Vec<SiteEntry> = Vec::new();
    for (i, n) in notices {
        let body = &instance.notices[*i].body;
        let text = format!("{} {} {}", n.number.as_deref().unwrap_or(""), n.pool_name, plain(body));
        documents.push(("notice", n.title.clone(), n.url.clone(), n.published.to_string(), text));
    }
    for (i, c) in calls {
        let body = &instance.calls[*i].body;
        let text = format!("{} {} {}", c.number.as_deref().unwrap_or(""), c.pool_name, plain(body));
        documents.push(("call", c.title.clone(), c.url.clone(), c.published.to_string(), text));
    }
    for page in &instance.pages {
        let text = format!("{} {}", page.meta.number.as_deref().unwrap_or(""), plain(&page.body));
        documents.push((
            "page",
            page.meta.title.clone(),
            urls::page(&page.slug),
            page.meta.published.to_string(),
            text,
        ));
    }
    let index = SiteIndex {
        fields: ["kind", "title", "url", "date", "text"],
        kinds: [("notice", "公示公告"), ("call", "专家征集"), ("page", "政策文件")],
        documents,
    };
    serde_json::to_vec(&index).unwrap_or_else(|_| b"{}".to_vec())
}
