//! Every example file in docs/content-format.md parses into its model type, the rules are
//! well formed, and the identifiers in them carry valid check characters.

use expertpool_private::PrivateRecord;
use expertpool_records::checksum::{parse_resident_id, validate_credit_code};
use expertpool_records::eligibility::Rule;
use expertpool_records::model::*;
use expertpool_records::source::split_front_matter;
use serde::de::DeserializeOwned;
use std::collections::BTreeSet;

/// (file tag, body) of every fenced block whose info string carries `file=`.
fn examples() -> Vec<(String, String)> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/content-format.md");
    let text = std::fs::read_to_string(path).unwrap();
    let mut out = Vec::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        let Some(tag) =
            line.strip_prefix("```").and_then(|info| info.split_once("file=")).map(|(_, f)| f.trim().to_string())
        else {
            continue;
        };
        let body: Vec<&str> = lines.by_ref().take_while(|l| !l.starts_with("```")).collect();
        out.push((tag, body.join("\n") + "\n"));
    }
    out
}

fn parse<T: DeserializeOwned>(tag: &str, text: &str) -> T {
    toml::from_str(text).unwrap_or_else(|e| panic!("{tag}: {e}"))
}

fn front<M: DeserializeOwned>(tag: &str, text: &str) -> M {
    let (start, body) = split_front_matter(text).unwrap_or_else(|| panic!("{tag}: no front matter"));
    let toml_part = &text[start..body];
    let toml_part = &toml_part[..toml_part.rfind("+++").unwrap_or(toml_part.len())];
    parse(tag, toml_part)
}

#[test]
fn every_file_kind_has_a_parsing_example() {
    let mut kinds = BTreeSet::new();
    for (tag, text) in examples() {
        let kind = match tag.as_str() {
            "site.toml" => {
                parse::<SiteConfig>(&tag, &text);
                "site"
            }
            "specialties.toml" => {
                let file: SpecialtyFile = parse(&tag, &text);
                assert!(file.specialties.iter().any(|s| s.retired.is_some()));
                "specialties"
            }
            t if t.starts_with("calendar/") => {
                parse::<CalendarYear>(&tag, &text);
                "calendar"
            }
            t if t.ends_with("/pool.toml") => {
                let policy: PoolPolicy = parse(&tag, &text);
                let mut rule_kinds = BTreeSet::new();
                for spec in &policy.eligibility {
                    Rule::from_spec(spec).unwrap_or_else(|e| panic!("{}: {e:?}", spec.id));
                    rule_kinds.insert(format!("{:?}", spec.kind));
                }
                assert_eq!(rule_kinds.len(), 6, "every rule kind: {rule_kinds:?}");
                "pool"
            }
            t if t.starts_with("pools/") => {
                let e: ExpertRecord = parse(&tag, &text);
                for code in e
                    .employer_credit_code
                    .iter()
                    .chain(e.admission.recommending_unit.iter().filter_map(|u| u.credit_code.as_ref()))
                {
                    validate_credit_code(code).unwrap_or_else(|err| panic!("{code}: {err}"));
                }
                assert!(
                    e.dismissal.is_some() && !e.misconduct.is_empty() && !e.honours.is_empty() && !e.roles.is_empty()
                );
                "expert"
            }
            t if t.starts_with("private/") => {
                let p: PrivateRecord = parse(&tag, &text);
                let id = parse_resident_id(&p.id_number).unwrap();
                assert_eq!(Some(id.birth_date), p.birth_date);
                for code in p
                    .employment
                    .iter()
                    .filter_map(|j| j.credit_code.as_ref())
                    .chain(p.declarations.iter().filter_map(|d| d.credit_code.as_ref()))
                {
                    validate_credit_code(code).unwrap_or_else(|err| panic!("{code}: {err}"));
                }
                "private"
            }
            t if t.starts_with("notices/") => {
                front::<NoticeMeta>(&tag, &text);
                "notice"
            }
            t if t.starts_with("calls/") => {
                front::<CallMeta>(&tag, &text);
                "call"
            }
            t if t.starts_with("pages/") => {
                front::<PageMeta>(&tag, &text);
                "page"
            }
            other => panic!("example tagged with an unknown file kind: {other}"),
        };
        kinds.insert(kind);
    }
    let all: BTreeSet<&str> =
        ["site", "specialties", "calendar", "pool", "expert", "private", "notice", "call", "page"].into();
    assert_eq!(kinds, all);
}
