//! Rules for notices and calls.

use super::Context;
use crate::calendar::Period;
use crate::diagnostic::{Code, Diagnostic};
use crate::instance::Doc;
use crate::layout;
use crate::model::NoticeMeta;
use expertpool_i18n::t;
use foldhash::HashSetExt;
use rayon::prelude::*;

pub(super) fn check_notices(cx: &Context, out: &mut Vec<Diagnostic>) {
    // A large instance has hundreds of notices listing thousands of experts between them.
    let found: Vec<Diagnostic> = cx
        .instance
        .notices
        .par_iter()
        .flat_map_iter(|notice| {
            let mut found = Vec::new();
            check_notice(cx, notice, &mut found);
            found
        })
        .collect();
    out.extend(found);
}

fn check_notice(cx: &Context, notice: &Doc<NoticeMeta>, out: &mut Vec<Diagnostic>) {
    let file = &notice.file;
    let meta = &notice.meta;
    let Some(pool) = cx.instance.pool(&meta.pool) else {
        if !cx.instance.unloaded_pools.contains(&meta.pool) {
            out.push(unknown_pool(cx, file, &meta.pool));
        }
        return;
    };
    let minimum = pool.policy.publicity.working_days;
    let days = meta.working_days.unwrap_or(minimum);
    if days < minimum {
        out.push(
            Diagnostic::error(
                Code::Publicity,
                file,
                "working_days",
                t!("records-publicity-too-short", days = days, minimum = minimum),
            )
            .with_help(t!("records-publicity-too-short-help", minimum = minimum)),
        );
    }
    let period = match Period::compute(&cx.instance.calendar, meta.start, days, pool.policy.publicity.first_day_counts)
    {
        Ok(p) => Some(p),
        Err(e) => {
            out.push(Diagnostic::error(Code::Calendar, file, "start", e.to_string()));
            None
        }
    };
    check_objections(meta, period.as_ref(), file, out);
    if meta.start < meta.published {
        out.push(Diagnostic::warning(
            Code::DateOrder,
            file,
            "start",
            t!("records-period-before-publication", start = meta.start, published = meta.published),
        ));
    }
    if meta.experts.is_empty() {
        out.push(Diagnostic::error(
            Code::MissingField,
            file,
            "experts",
            "a publicity notice must list at least one expert",
        ));
    }
    let mut seen = foldhash::HashSet::with_capacity(meta.experts.len());
    for (i, id) in meta.experts.iter().enumerate() {
        let field = format!("experts[{i}]");
        if !seen.insert(id) {
            out.push(Diagnostic::error(Code::Duplicate, file, &field, t!("records-listed-twice", id = id)));
            continue;
        }
        match pool.expert(id) {
            None if pool.unparsed.contains(id) => {}
            None => out.push(
                Diagnostic::error(
                    Code::UnknownReference,
                    file,
                    &field,
                    t!("records-pool-lacks-expert", pool = meta.pool, id = id),
                )
                .with_help(t!("records-pool-lacks-expert-help", path = layout::expert(&meta.pool, id).display())),
            ),
            Some(expert) => {
                let recorded = expert.stages.iter().any(|s| s.notice.as_deref() == Some(notice.slug.as_str()));
                if !recorded {
                    out.push(
                        Diagnostic::warning(
                            Code::Lifecycle,
                            file,
                            &field,
                            t!("records-expert-lacks-publicity-stage", id = id),
                        )
                        .with_help(t!(
                            "records-expert-lacks-publicity-stage-help",
                            notice = notice.slug,
                            id = id
                        )),
                    );
                }
            }
        }
    }
}

pub(super) fn check_calls(cx: &Context, out: &mut Vec<Diagnostic>) {
    for call in &cx.instance.calls {
        if cx.instance.pool(&call.meta.pool).is_none() && !cx.instance.unloaded_pools.contains(&call.meta.pool) {
            out.push(unknown_pool(cx, &call.file, &call.meta.pool));
        }
        if call.meta.deadline < call.meta.published {
            out.push(Diagnostic::error(
                Code::DateOrder,
                &call.file,
                "deadline",
                t!(
                    "records-deadline-before-publication",
                    deadline = call.meta.deadline,
                    published = call.meta.published
                ),
            ));
        }
        if call.meta.process.is_empty() {
            out.push(Diagnostic::warning(Code::MissingField, &call.file, "process", t!("records-call-no-process")));
        }
    }
}

fn unknown_pool(cx: &Context, file: &crate::source::SourceFile, pool: &str) -> Diagnostic {
    let known: Vec<String> = cx.instance.pools.iter().map(|p| p.id().to_string()).collect();
    let help = match crate::load::suggest(pool, &known) {
        Some(best) => t!("records-did-you-mean", suggestion = best),
        None => t!("records-known-pools", pools = known.join("、")),
    };
    Diagnostic::error(Code::UnknownReference, file, "pool", t!("records-unknown-pool", pool = pool)).with_help(help)
}

/// Each objection names an expert on the notice, has a summary, and is handled with a
/// date and a result together; one that came after the period is flagged, not dropped.
fn check_objections(
    meta: &NoticeMeta,
    period: Option<&Period>,
    file: &crate::source::SourceFile,
    out: &mut Vec<Diagnostic>,
) {
    for (i, o) in meta.objections.iter().enumerate() {
        let field = |key: &str| format!("objections[{i}].{key}");
        if let Some(id) = &o.expert
            && !meta.experts.contains(id)
        {
            out.push(
                Diagnostic::error(Code::UnknownReference, file, &field("expert"), format!("`{id}` 不在本公示名单中"))
                    .with_help("填写名单中的专家编号；针对整份公示的异议不填 expert"),
            );
        }
        if o.summary.trim().is_empty() {
            out.push(Diagnostic::error(Code::MissingField, file, &field("summary"), "异议须有一句摘要（不公开）"));
        }
        if o.received < meta.published {
            out.push(Diagnostic::error(
                Code::DateOrder,
                file,
                &field("received"),
                format!("收到日期 {} 早于公示发布日期 {}", o.received, meta.published),
            ));
        }
        if let Some(p) = period
            && o.received > p.end
        {
            out.push(Diagnostic::warning(
                Code::Publicity,
                file,
                &field("received"),
                format!("异议在公示期（{} 至 {}）结束后收到，仍须处理并记录结果", p.start, p.end),
            ));
        }
        match (o.handled, o.result) {
            (Some(h), Some(_)) if h < o.received => out.push(Diagnostic::error(
                Code::DateOrder,
                file,
                &field("handled"),
                format!("处理日期 {h} 早于收到日期 {}", o.received),
            )),
            (Some(_), None) | (None, Some(_)) => out.push(
                Diagnostic::error(
                    Code::MissingField,
                    file,
                    &field("result"),
                    "处理结果（result）和处理日期（handled）须同时填写",
                )
                .with_help("result = \"不成立\" | \"部分成立\" | \"成立\"，handled = 处理完毕的日期"),
            ),
            _ => {}
        }
    }
}
