//! Rules for each expert's public record, run in parallel over all pools.

use super::{Context, stem};
use crate::calendar::Period;
use crate::checksum::validate_credit_code;
use crate::diagnostic::{Code, Diagnostic};
use crate::eligibility::{Rule, assess, rules_of, within_age_limit};
use crate::gate;
use crate::instance::{Loaded, Pool};
use crate::layout;
use crate::model::*;
use crate::source::SourceFile;
use crate::status::{Status, status_on};
use expertpool_i18n::t;
use foldhash::HashMapExt;
use rayon::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;

pub(super) fn check_experts(cx: &Context) -> Vec<Diagnostic> {
    let (mut out, per_expert) = rayon::join(|| check_unique_ids(cx), || check_each_expert(cx, None));
    out.extend(per_expert.into_iter().flat_map(|(_, found, _)| found));
    out
}

/// The rules about each expert record alone, with the results of records whose file is the
/// very one checked last time (same `Arc`) taken from `previous`. Each result says whether
/// it was checked now (`true`) or taken from `previous`.
pub(super) fn check_each_expert(
    cx: &Context,
    previous: Option<&ExpertResults>,
) -> Vec<(Arc<SourceFile>, Vec<Diagnostic>, bool)> {
    let rules: HashMap<&str, Vec<(String, Rule)>> =
        cx.instance.pools.iter().map(|p| (p.id(), rules_of(&p.policy))).collect();
    cx.instance
        .pools
        .par_iter()
        .flat_map(|pool| {
            let rules = &rules[pool.id()];
            pool.experts.par_iter().map(move |e| {
                let known = previous.and_then(|p| p.get(&(Arc::as_ptr(&e.file) as usize)));
                match known {
                    Some((file, found)) if Arc::ptr_eq(file, &e.file) => (e.file.clone(), found.clone(), false),
                    _ => (e.file.clone(), check_expert(cx, pool, rules, e), true),
                }
            })
        })
        .collect()
}

/// Per-expert diagnostics by the address of the file they were found in.
pub(super) type ExpertResults = foldhash::HashMap<usize, (Arc<SourceFile>, Vec<Diagnostic>)>;

/// Public ids name URLs and draw entries, so they are unique across the instance; so are
/// certificate numbers.
pub(super) fn check_unique_ids(cx: &Context) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let experts = cx.instance.pools.iter().map(|p| p.experts.len()).sum();
    let mut ids: foldhash::HashMap<&str, &Loaded<ExpertRecord>> = foldhash::HashMap::with_capacity(experts);
    let mut certificates: foldhash::HashMap<&str, &Loaded<ExpertRecord>> = foldhash::HashMap::with_capacity(experts);
    let mut people: foldhash::HashMap<&str, (&str, &Loaded<ExpertRecord>)> = foldhash::HashMap::with_capacity(experts);
    for (pool, expert) in cx.instance.experts() {
        match people.get(expert.person.as_str()) {
            Some(&(first_pool, first)) if first_pool == pool.id() => out.push(
                Diagnostic::error(
                    Code::Duplicate,
                    &expert.file,
                    "person",
                    format!("人员 `{}` 在本库已有记录 `{}`：同一人在一个库中只能有一条记录", expert.person, first.id),
                )
                .with_help("保留一条记录，删除另一条；或改正 person，使其指向本人的个人信息文件"),
            ),
            Some(&(first_pool, first)) if first.name != expert.name => out.push(
                Diagnostic::error(
                    Code::BadValue,
                    &expert.file,
                    "name",
                    format!(
                        "人员 `{}` 在 {first_pool} 库的记录 `{}` 中名为「{}」，此处却名为「{}」",
                        expert.person, first.id, first.name, expert.name
                    ),
                )
                .with_help("同一人员在各库中的姓名应一致：改正姓名，或改正 person 使其指向本人"),
            ),
            Some(_) => {}
            None => {
                people.insert(&expert.person, (pool.id(), expert));
            }
        }
        if let Some(first) = ids.insert(&expert.id, expert) {
            out.push(
                Diagnostic::error(
                    Code::Duplicate,
                    &expert.file,
                    "id",
                    t!("records-id-taken", id = expert.id, file = first.file.path.display()),
                )
                .with_help(t!("records-id-taken-help")),
            );
        }
        for (i, a) in expert.appointments.iter().enumerate() {
            if let Some(first) = certificates.insert(&a.certificate, expert) {
                if !std::ptr::eq(first, expert) {
                    out.push(Diagnostic::error(
                        Code::Duplicate,
                        &expert.file,
                        &format!("appointments[{i}].certificate"),
                        t!("records-certificate-taken", certificate = a.certificate, id = first.id),
                    ));
                }
            }
        }
    }
    out
}

fn check_expert(cx: &Context, pool: &Pool, rules: &[(String, Rule)], e: &Loaded<ExpertRecord>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let file = &e.file;
    let stem = stem(file);
    if e.id != stem {
        out.push(
            Diagnostic::error(Code::BadValue, file, "id", t!("records-id-not-file-name", id = e.id, stem = stem))
                .with_help(t!("records-id-not-file-name-help", stem = stem)),
        );
    }
    if e.name.trim().is_empty() {
        out.push(Diagnostic::error(Code::MissingField, file, "name", t!("records-name-empty")));
    }
    if e.employer.trim().is_empty() {
        out.push(Diagnostic::error(Code::MissingField, file, "employer", t!("records-employer-empty")));
    }
    for (field, value) in [("name", &e.name), ("employer", &e.employer)] {
        if let Some(c) = value.chars().find(|c| c.is_control()) {
            out.push(
                Diagnostic::error(
                    Code::BadValue,
                    file,
                    field,
                    format!("含有控制字符 {c:?}（制表符、换行等），名单和网页上会显示错乱"),
                )
                .with_help("删去其中的制表符和换行，写在一行之内"),
            );
        }
    }
    if let Some(code) = &e.employer_credit_code {
        if let Err(err) = validate_credit_code(code) {
            out.push(credit_code_error(file, "employer_credit_code", err.to_string()));
        }
    }
    let status = status_on(e, cx.today);
    check_specialties(cx, e, status, &mut out);
    if let Some(year) = e.field_since {
        if year > cx.today.year() || year < 1940 {
            out.push(Diagnostic::error(
                Code::BadValue,
                file,
                "field_since",
                t!("records-field-since-implausible", year = year),
            ));
        }
    }
    if e.title.is_none() && e.skill.is_none() && e.honours.is_empty() && e.roles.is_empty() {
        out.push(
            Diagnostic::warning(Code::MissingField, file, "title", t!("records-no-qualification"))
                .with_help(t!("records-no-qualification-help")),
        );
    }
    check_admission(cx, pool, e, &mut out);
    check_stages(cx, pool, e, &mut out);
    check_appointments(pool, e, &mut out);
    check_history(cx, e, &mut out);
    check_eligibility(cx, pool, rules, e, status, &mut out);
    check_gates(cx, pool, rules, e, &mut out);
    out
}

/// Every gated stage the record has must have been allowed by the admission rules on its
/// date, or carry a recorded override (crate::gate). An error at whatever stage the record
/// has reached: a barred admission does not become right by being in the past.
fn check_gates(
    cx: &Context,
    pool: &Pool,
    rules: &[(String, Rule)],
    e: &Loaded<ExpertRecord>,
    out: &mut Vec<Diagnostic>,
) {
    let birth = cx.births.and_then(|births| births.birth_date(&e.person));
    let deadline = e.admission.call.as_deref().and_then(|c| cx.instance.call(c)).map(|c| c.meta.deadline);
    let objections = gate::objections_for(cx.instance, e);
    for (i, stage) in e.stages.iter().enumerate() {
        if !gate::is_gated(stage.stage) {
            continue;
        }
        let inputs = gate::GateInputs {
            stage: stage.stage,
            conditions_on: deadline.unwrap_or(stage.date),
            age_on: stage.date,
            birth,
            papers: &e.admission.documents,
            objections: &objections,
        };
        let mut found = gate::barriers(&pool.policy, rules, e, &inputs);
        // The blacklist flag carries no date: it says what is true now, not at a past
        // stage. It is judged on the record's present status below.
        found.retain(|b| b.kind != gate::BarrierKind::Blacklisted);
        for b in gate::uncovered(e, stage.stage, &found) {
            out.push(
                Diagnostic::error(
                    Code::Eligibility,
                    &e.file,
                    &format!("stages[{i}]"),
                    format!("{}（{}）{b}", stage.stage.label(), stage.date.chinese()),
                )
                .with_help(format!(
                    "纠正记录；如确经批准破例，记录 [[overrides]] stage = \"{}\"、rules = [\"{}\"] 及理由",
                    stage.stage.label(),
                    b.kind.code()
                )),
            );
        }
    }
    let status = status_on(e, cx.today);
    let blacklist_excepted =
        e.overrides.iter().any(|o| o.rules.iter().any(|r| r == gate::BarrierKind::Blacklisted.code()));
    if e.blacklisted
        && !blacklist_excepted
        && matches!(status, Status::Approved | Status::Appointed | Status::Active | Status::InPublicity)
    {
        out.push(
            Diagnostic::error(
                Code::Eligibility,
                &e.file,
                "blacklisted",
                format!(
                    "失信联合惩戒对象不得入库（{}），但本记录状态为“{}”",
                    pool.policy.articles.blacklist,
                    status.label()
                ),
            )
            .with_help("提请会议解聘并记录 [dismissal]，或核实后更正 blacklisted"),
        );
    }
    for (i, o) in e.overrides.iter().enumerate() {
        let field = format!("overrides[{i}]");
        for (j, code) in o.rules.iter().enumerate() {
            if gate::BarrierKind::from_code(code).is_none() {
                let codes: Vec<&str> = gate::BarrierKind::ALL.iter().map(|k| k.code()).collect();
                out.push(
                    Diagnostic::error(
                        Code::BadValue,
                        &e.file,
                        &format!("{field}.rules[{j}]"),
                        format!("没有名为 `{code}` 的规则"),
                    )
                    .with_help(format!("可用：{}", codes.join("、"))),
                );
            }
        }
        if o.reason.trim().is_empty() {
            out.push(
                Diagnostic::error(Code::MissingField, &e.file, &format!("{field}.reason"), "破例须写明理由和批准依据")
                    .with_help("写明会议或批文，例如 “经2026年第3次会议研究同意”"),
            );
        }
        if !e.stages.iter().any(|s| s.stage == o.stage) {
            out.push(Diagnostic::warning(
                Code::Eligibility,
                &e.file,
                &field,
                format!("记录的破例针对“{}”，但本记录没有该环节", o.stage.label()),
            ));
        } else {
            out.push(Diagnostic::warning(
                Code::Eligibility,
                &e.file,
                &field,
                format!(
                    "已记录破例：{}（{}）不适用 {}，理由：{}",
                    o.stage.label(),
                    o.date.chinese(),
                    o.rules.join("、"),
                    o.reason
                ),
            ));
        }
    }
}

fn check_specialties(cx: &Context, e: &Loaded<ExpertRecord>, status: Status, out: &mut Vec<Diagnostic>) {
    if e.specialties.is_empty() {
        out.push(
            Diagnostic::error(Code::MissingField, &e.file, "specialties", t!("records-no-specialty"))
                .with_help(t!("records-no-specialty-help")),
        );
    }
    for (i, code) in e.specialties.iter().enumerate() {
        let field = format!("specialties[{i}]");
        match cx.specialty(code) {
            None => {
                let known: Vec<String> = cx.instance.specialties.specialties.iter().map(|s| s.code.clone()).collect();
                let mut d = Diagnostic::error(
                    Code::UnknownReference,
                    &e.file,
                    &field,
                    t!("records-unknown-specialty", code = code),
                );
                if let Some(best) = crate::load::suggest(code, &known) {
                    d = d.with_help(t!("records-did-you-mean", suggestion = best));
                }
                out.push(d);
            }
            Some(s) => {
                if let Some(retired) = s.retired {
                    if status == Status::Active && retired <= cx.today {
                        out.push(
                            Diagnostic::warning(
                                Code::RetiredSpecialty,
                                &e.file,
                                &field,
                                t!("records-specialty-retired", code = code, name = s.name, date = retired),
                            )
                            .with_help(t!("records-specialty-retired-help")),
                        );
                    }
                }
            }
        }
    }
    for (i, a) in e.appointments.iter().enumerate() {
        for (j, code) in a.categories.iter().enumerate() {
            if !e.specialties.contains(code) {
                out.push(Diagnostic::error(
                    Code::UnknownReference,
                    &e.file,
                    &format!("appointments[{i}].categories[{j}]"),
                    t!("records-category-not-specialty", code = code),
                ));
            }
        }
    }
}

fn check_admission(cx: &Context, pool: &Pool, e: &Loaded<ExpertRecord>, out: &mut Vec<Diagnostic>) {
    let admission = &e.admission;
    let needs_unit = matches!(admission.channel, Channel::OpenCallUnit | Channel::MutualSelection);
    match &admission.recommending_unit {
        None if needs_unit => out.push(
            Diagnostic::error(
                Code::MissingField,
                &e.file,
                "admission.channel",
                t!("records-channel-needs-unit", channel = admission.channel),
            )
            .with_help(t!("records-channel-needs-unit-help")),
        ),
        Some(unit) => {
            if let Some(code) = &unit.credit_code {
                if let Err(err) = validate_credit_code(code) {
                    out.push(credit_code_error(&e.file, "admission.recommending_unit.credit_code", err.to_string()));
                }
            } else if admission.channel == Channel::OpenCallUnit {
                out.push(
                    Diagnostic::warning(
                        Code::MissingField,
                        &e.file,
                        "admission.recommending_unit",
                        t!("records-unit-no-credit-code"),
                    )
                    .with_help(t!("records-unit-no-credit-code-help")),
                );
            }
        }
        None => {}
    }
    if let Some(slug) = &admission.call {
        match cx.instance.call(slug) {
            None => out.push(Diagnostic::error(
                Code::UnknownReference,
                &e.file,
                "admission.call",
                t!("records-no-call", path = layout::call(slug).display()),
            )),
            Some(call) if call.meta.pool != pool.id() => out.push(Diagnostic::error(
                Code::UnknownReference,
                &e.file,
                "admission.call",
                t!("records-call-other-pool", call = slug, pool = call.meta.pool, expected = pool.id()),
            )),
            Some(_) => {}
        }
    }
    // Missing papers for a reviewed record are a gate error (check_gates, art. 6).
}

fn check_stages(cx: &Context, pool: &Pool, e: &Loaded<ExpertRecord>, out: &mut Vec<Diagnostic>) {
    for (i, pair) in e.stages.windows(2).enumerate() {
        let field = format!("stages[{}]", i + 1);
        if pair[1].date < pair[0].date {
            out.push(Diagnostic::error(
                Code::DateOrder,
                &e.file,
                &format!("{field}.date"),
                t!(
                    "records-stage-earlier",
                    stage = pair[1].stage,
                    date = pair[1].date,
                    previous = pair[0].stage,
                    previous_date = pair[0].date
                ),
            ));
        }
        let repeatable = pair[1].stage == Stage::Renewed && pair[0].stage == Stage::Renewed;
        if pair[1].stage < pair[0].stage || (pair[1].stage == pair[0].stage && !repeatable) {
            out.push(
                Diagnostic::error(
                    Code::Lifecycle,
                    &e.file,
                    &format!("{field}.stage"),
                    t!("records-stage-order", stage = pair[1].stage, previous = pair[0].stage),
                )
                .with_help(t!("records-stage-order-help")),
            );
        }
    }
    for (i, s) in e.stages.iter().enumerate() {
        if s.date > cx.today {
            out.push(
                Diagnostic::error(
                    Code::DateOrder,
                    &e.file,
                    &format!("stages[{i}].date"),
                    t!("records-date-in-future", date = s.date),
                )
                .with_help(t!("records-stage-in-future-help")),
            );
        }
    }
    let publicity = e.stages.iter().enumerate().find(|(_, s)| s.stage == Stage::Publicity);
    let admitted_on = e
        .stages
        .iter()
        .enumerate()
        .find(|(_, s)| s.stage == Stage::Admitted)
        .map(|(i, s)| (format!("stages[{i}].date"), s.date));
    let first_term = e.appointments.first().map(|a| ("appointments[0].start".to_string(), a.start));
    let Some((i, stage)) = publicity else {
        if admitted_on.is_some() || first_term.is_some() {
            if pool.policy.publicity.working_days > 0
                && matches!(e.admission.channel, Channel::OpenCallSelf | Channel::OpenCallUnit)
            {
                out.push(
                    Diagnostic::warning(Code::Publicity, &e.file, "stages", t!("records-no-publicity-stage"))
                        .with_help(t!("records-no-publicity-stage-help")),
                );
            }
        }
        return;
    };
    let Some(slug) = &stage.notice else {
        out.push(
            Diagnostic::error(
                Code::MissingField,
                &e.file,
                &format!("stages[{i}]"),
                t!("records-publicity-needs-notice"),
            )
            .with_help(t!("records-publicity-needs-notice-help")),
        );
        return;
    };
    let Some(notice) = cx.instance.notice(slug) else {
        out.push(Diagnostic::error(
            Code::UnknownReference,
            &e.file,
            &format!("stages[{i}].notice"),
            t!("records-no-notice", path = layout::notice(slug).display()),
        ));
        return;
    };
    if !notice.meta.experts.contains(&e.id) {
        out.push(
            Diagnostic::error(
                Code::UnknownReference,
                &e.file,
                &format!("stages[{i}].notice"),
                t!("records-notice-lacks-expert", notice = slug, id = e.id),
            )
            .with_help(t!("records-notice-lacks-expert-help")),
        );
    }
    let days =
        notice.meta.working_days.unwrap_or(pool.policy.publicity.working_days).max(pool.policy.publicity.working_days);
    let Ok(period) =
        Period::compute(&cx.instance.calendar, notice.meta.start, days, pool.policy.publicity.first_day_counts)
    else {
        return; // reported on the notice itself
    };
    for (field, date) in admitted_on.into_iter().chain(first_term) {
        if date <= period.end {
            out.push(
                Diagnostic::error(
                    Code::Publicity,
                    &e.file,
                    &field,
                    t!("records-admitted-during-publicity", date = date, notice = slug, end = period.end),
                )
                .with_help(t!("records-admitted-during-publicity-help", from = period.end.plus_days(1))),
            );
        }
    }
}

fn check_appointments(pool: &Pool, e: &Loaded<ExpertRecord>, out: &mut Vec<Diagnostic>) {
    for (i, a) in e.appointments.iter().enumerate() {
        if a.end <= a.start {
            out.push(Diagnostic::error(
                Code::DateOrder,
                &e.file,
                &format!("appointments[{i}].end"),
                t!("records-term-ends-before-start", end = a.end, start = a.start),
            ));
            continue;
        }
        let expected = a.start.plus_years(i16::from(pool.policy.term_years)).plus_days(-1);
        if a.end != expected {
            out.push(Diagnostic::warning(
                Code::BadValue,
                &e.file,
                &format!("appointments[{i}].end"),
                t!(
                    "records-term-length",
                    years = pool.policy.term_years,
                    start = a.start,
                    expected = expected,
                    end = a.end
                ),
            ));
        }
        if i > 0 && a.start <= e.appointments[i - 1].end {
            out.push(Diagnostic::error(
                Code::DateOrder,
                &e.file,
                &format!("appointments[{i}].start"),
                t!("records-term-overlap", start = a.start, previous_end = e.appointments[i - 1].end),
            ));
        }
    }
    if let (Some(d), Some(first)) = (&e.dismissal, e.appointments.first()) {
        if d.date < first.start {
            out.push(Diagnostic::error(
                Code::DateOrder,
                &e.file,
                "dismissal.date",
                t!("records-dismissed-before-term", date = d.date, start = first.start),
            ));
        }
    }
    if let Some(d) = &e.dismissal {
        if d.meeting.trim().is_empty() {
            out.push(Diagnostic::error(
                Code::MissingField,
                &e.file,
                "dismissal.meeting",
                t!("records-dismissal-needs-meeting"),
            ));
        }
    }
}

fn check_history(cx: &Context, e: &Loaded<ExpertRecord>, out: &mut Vec<Diagnostic>) {
    for (i, m) in e.misconduct.iter().enumerate() {
        if m.date > cx.today {
            out.push(Diagnostic::error(
                Code::DateOrder,
                &e.file,
                &format!("misconduct[{i}].date"),
                t!("records-date-in-future", date = m.date),
            ));
        }
    }
    for (i, v) in e.evaluations.iter().enumerate() {
        if v.date > cx.today {
            out.push(Diagnostic::error(
                Code::DateOrder,
                &e.file,
                &format!("evaluations[{i}].date"),
                t!("records-date-in-future", date = v.date),
            ));
        }
    }
    for (i, c) in e.confirmations.iter().enumerate() {
        if e.confirmations[..i].iter().any(|earlier| earlier.year == c.year) {
            out.push(Diagnostic::error(
                Code::Duplicate,
                &e.file,
                &format!("confirmations[{i}].year"),
                t!("records-confirmed-twice", year = c.year),
            ));
        }
        if c.date.year() < c.year {
            out.push(Diagnostic::error(
                Code::DateOrder,
                &e.file,
                &format!("confirmations[{i}].date"),
                t!("records-confirmation-too-early", year = c.year, date = c.date),
            ));
        }
    }
    if e.misconduct.len() >= 3 && e.dismissal.is_none() {
        out.push(
            Diagnostic::warning(
                Code::Lifecycle,
                &e.file,
                "misconduct",
                t!("records-misconduct-three", count = e.misconduct.len()),
            )
            .with_help(t!("records-misconduct-three-help")),
        );
    }
}

/// The eligibility rules, with the real age when the private half gives the birth date.
fn check_eligibility(
    cx: &Context,
    pool: &Pool,
    rules: &[(String, Rule)],
    e: &Loaded<ExpertRecord>,
    status: Status,
    out: &mut Vec<Diagnostic>,
) {
    let birth = cx.births.and_then(|births| births.birth_date(&e.person));
    match status {
        Status::Applicant | Status::InPublicity => {
            let on = e
                .admission
                .call
                .as_deref()
                .and_then(|c| cx.instance.call(c))
                .map(|c| c.meta.deadline)
                .unwrap_or(cx.today);
            let a = assess(&pool.policy, rules, e, birth, on);
            let field = if e.title.is_some() {
                "title"
            } else if e.skill.is_some() {
                "skill"
            } else {
                "name"
            };
            if a.eligible() {
                out.push(Diagnostic::note(
                    Code::Eligibility,
                    &e.file,
                    field,
                    t!("records-applicant-assessment", summary = a.summary()),
                ));
            } else {
                out.push(Diagnostic::warning(
                    Code::Eligibility,
                    &e.file,
                    field,
                    t!("records-applicant-assessment", summary = a.summary()),
                ));
            }
        }
        Status::Active => {
            if let Some(birth) = birth {
                if !within_age_limit(&pool.policy.age_limit, birth, cx.today) {
                    out.push(
                        Diagnostic::warning(
                            Code::Eligibility,
                            &e.file,
                            "appointments",
                            t!("records-past-age-limit", max_age = pool.policy.age_limit.max_age, birth = birth),
                        )
                        .with_help(t!("records-past-age-limit-help")),
                    );
                }
            }
        }
        _ => {}
    }
}

fn credit_code_error(file: &crate::source::SourceFile, field: &str, message: String) -> Diagnostic {
    Diagnostic::error(Code::CreditCode, file, field, message)
        .with_help("copy the 18-character code from the unit's business licence")
}
