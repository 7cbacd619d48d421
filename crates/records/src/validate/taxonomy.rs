//! Rules for the instance-wide files: site.toml, specialties.toml, calendar/, pool.toml.

use super::Context;
use crate::diagnostic::{Code, Diagnostic};
use crate::eligibility::Rule;
use crate::layout;
use expertpool_i18n::t;
use std::collections::{HashMap, HashSet};

pub(super) fn check_site(cx: &Context, out: &mut Vec<Diagnostic>) {
    let site = &cx.instance.site;
    let url = &site.site.base_url;
    if !(url.starts_with("https://") || url.starts_with("http://")) || !url.ends_with('/') {
        out.push(
            Diagnostic::error(Code::BadValue, &site.file, "site.base_url", t!("records-base-url", url = url))
                .with_help(t!("records-base-url-help")),
        );
    }
    if site.site.page_size == 0 {
        out.push(Diagnostic::error(Code::BadValue, &site.file, "site.page_size", t!("records-page-size")));
    }
}

pub(super) fn check_specialties(cx: &Context, out: &mut Vec<Diagnostic>) {
    let file = &cx.instance.specialties.file;
    let list = &cx.instance.specialties.specialties;
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, s) in list.iter().enumerate() {
        if let Some(first) = seen.insert(&s.code, i) {
            out.push(
                Diagnostic::error(
                    Code::Duplicate,
                    file,
                    &format!("specialty[{i}].code"),
                    t!("records-specialty-code-taken", code = s.code, entry = first + 1),
                )
                .with_help(t!("records-specialty-code-taken-help")),
            );
        }
    }
    for (i, s) in list.iter().enumerate() {
        let Some(parent) = &s.parent else { continue };
        if !seen.contains_key(parent.as_str()) {
            out.push(Diagnostic::error(
                Code::UnknownReference,
                file,
                &format!("specialty[{i}].parent"),
                t!("records-unknown-specialty", code = parent),
            ));
            continue;
        }
        // Walk up; a walk longer than the list means a cycle.
        let mut cursor = Some(parent.as_str());
        let mut steps = 0;
        while let Some(code) = cursor {
            if code == s.code || steps > list.len() {
                out.push(Diagnostic::error(
                    Code::BadValue,
                    file,
                    &format!("specialty[{i}].parent"),
                    t!("records-specialty-cycle", code = s.code),
                ));
                break;
            }
            cursor = seen.get(code).and_then(|&j| list[j].parent.as_deref());
            steps += 1;
        }
    }
}

pub(super) fn check_calendar_coverage(cx: &Context, out: &mut Vec<Diagnostic>) {
    if cx.instance.calendar.years().next().is_none() {
        out.push(
            Diagnostic::file_error(
                Code::Calendar,
                cx.instance.root.join(layout::calendar_dir()),
                t!("records-no-calendar"),
            )
            .with_help(t!("records-no-calendar-help", path = layout::calendar_dir().join("<year>.toml").display())),
        );
    }
}

pub(super) fn check_pools(cx: &Context, out: &mut Vec<Diagnostic>) {
    for pool in &cx.instance.pools {
        let policy = &pool.policy;
        let file = &policy.file;
        let folder = file
            .path
            .parent()
            .and_then(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if policy.id != folder {
            out.push(
                Diagnostic::error(
                    Code::BadValue,
                    file,
                    "id",
                    t!("records-pool-id-not-folder", id = policy.id, folder = folder),
                )
                .with_help(t!("records-pool-id-not-folder-help", folder = folder)),
            );
        }
        if policy.term_years == 0 {
            out.push(Diagnostic::error(Code::BadValue, file, "term_years", t!("records-term-years-zero")));
        }
        if policy.publicity.working_days == 0 {
            out.push(Diagnostic::error(
                Code::BadValue,
                file,
                "publicity.working_days",
                "a publicity period must be at least 1 working day",
            ));
        }
        if policy.eligibility.is_empty() {
            out.push(
                Diagnostic::error(Code::Rule, file, "id", t!("records-no-eligibility-rule"))
                    .with_help(t!("records-no-eligibility-rule-help")),
            );
        }
        let mut ids = HashSet::new();
        for (i, spec) in policy.eligibility.iter().enumerate() {
            if !ids.insert(spec.id.as_str()) {
                out.push(Diagnostic::error(
                    Code::Duplicate,
                    file,
                    &format!("eligibility[{i}].id"),
                    t!("records-rule-id-twice", id = spec.id),
                ));
            }
            if let Err((field, message)) = Rule::from_spec(spec) {
                out.push(Diagnostic::error(Code::Rule, file, &format!("eligibility[{i}].{field}"), message));
            }
        }
    }
}
