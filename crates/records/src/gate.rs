//! The rules that stop an admission or a renewal: the pure half of "rules that govern".
//!
//! `expertpool record review|publicize|approve|admit|renew` asks [`barriers`] before it
//! writes a stage, and refuses while any barrier stands, unless the clerk gives an
//! explicit override that is written into the record (`[[overrides]]`). `check` asks the
//! same function for every stage a record already has, on that stage's date, so a record
//! whose stages contradict the rules is an error at whatever stage it has reached — not a
//! warning that disappears once the expert is admitted.
//!
//! Which article a barrier cites is pool policy ([`RuleArticles`]): the two seeds number
//! the same conditions differently.

use crate::Date;
use crate::eligibility::{Rule, assess, within_age_limit};
use crate::model::{ExpertRecord, PoolPolicy, RuleArticles, Stage};
use serde::Serialize;

/// What bars a step. Its [`code`](BarrierKind::code) is what an override names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum BarrierKind {
    /// Meets none of the pool's professional conditions.
    NoCondition,
    /// Past the pool's age limit on the step's date.
    AgeLimit,
    /// On the credit blacklist (失信联合惩戒对象).
    Blacklisted,
    /// Has misconduct records, which bar admission.
    Misconduct,
    /// Three or more misconduct records: dismissal, not renewal.
    MisconductForRenewal,
    /// Papers the admission channel requires are missing.
    MissingPapers,
    /// An objection to the publicity notice is not yet handled, or was found to hold.
    Objection,
}

impl BarrierKind {
    /// Every kind, in the order barriers are reported.
    pub const ALL: [BarrierKind; 7] = [
        BarrierKind::NoCondition,
        BarrierKind::AgeLimit,
        BarrierKind::Blacklisted,
        BarrierKind::Misconduct,
        BarrierKind::MisconductForRenewal,
        BarrierKind::MissingPapers,
        BarrierKind::Objection,
    ];

    /// The short code written in an override's `rules` list.
    pub fn code(self) -> &'static str {
        match self {
            BarrierKind::NoCondition => "conditions",
            BarrierKind::AgeLimit => "age",
            BarrierKind::Blacklisted => "blacklist",
            BarrierKind::Misconduct => "misconduct",
            BarrierKind::MisconductForRenewal => "misconduct-renewal",
            BarrierKind::MissingPapers => "papers",
            BarrierKind::Objection => "objection",
        }
    }

    /// The kind with this code.
    pub fn from_code(code: &str) -> Option<BarrierKind> {
        BarrierKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The rule's name for a clerk.
    pub fn label(self) -> &'static str {
        match self {
            BarrierKind::NoCondition => "入库专业条件",
            BarrierKind::AgeLimit => "年龄条件",
            BarrierKind::Blacklisted => "失信联合惩戒对象不得入库",
            BarrierKind::Misconduct => "无不良记录",
            BarrierKind::MisconductForRenewal => "不良行为记录累计三条以上应予解聘",
            BarrierKind::MissingPapers => "入库资料齐全",
            BarrierKind::Objection => "公示期满无异议",
        }
    }

    fn article(self, articles: &RuleArticles) -> &str {
        match self {
            BarrierKind::NoCondition => &articles.conditions,
            BarrierKind::AgeLimit => &articles.age,
            BarrierKind::Blacklisted => &articles.blacklist,
            BarrierKind::Misconduct => &articles.record,
            BarrierKind::MisconductForRenewal => &articles.renewal_misconduct,
            BarrierKind::MissingPapers => &articles.papers,
            BarrierKind::Objection => &articles.objections,
        }
    }
}

/// One rule that bars a step, with the article it comes from and why it applies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Barrier {
    /// Which rule.
    pub kind: BarrierKind,
    /// The article, as the pool's measures number it (e.g. 第四条第（四）项).
    pub article: String,
    /// Why the rule applies to this record, in Chinese.
    pub reason: String,
}

impl std::fmt::Display for Barrier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "不符合“{}”（{}）：{}", self.kind.label(), self.article, self.reason)
    }
}

/// The facts a gate needs about one step.
#[derive(Debug, Clone, Copy)]
pub struct GateInputs<'a> {
    /// The stage the step writes.
    pub stage: Stage,
    /// The day the professional conditions are judged on: the call's deadline for an
    /// application to a call, otherwise the step's date.
    pub conditions_on: Date,
    /// The day the age limit is judged on: the step's date (for a renewal, the new term's
    /// first day).
    pub age_on: Date,
    /// The birth date from the private record; `None` when it is not available, and then
    /// the age is not judged here (`check` reports a missing private record by itself).
    pub birth: Option<Date>,
    /// The papers on record for the step (for a review, including those it adds).
    pub papers: &'a [crate::model::Document],
    /// Objections to the notices that publicised the record, that concern it.
    pub objections: &'a [&'a crate::model::Objection],
}

/// Whether a stage is one that the admission rules gate.
pub fn is_gated(stage: Stage) -> bool {
    matches!(stage, Stage::Reviewed | Stage::Publicity | Stage::Approved | Stage::Admitted | Stage::Renewed)
}

/// Every rule that bars writing `inputs.stage` for `record` in a pool with `policy` and
/// professional conditions `rules`. Empty when the step may go ahead.
pub fn barriers(
    policy: &PoolPolicy,
    rules: &[(String, Rule)],
    record: &ExpertRecord,
    inputs: &GateInputs<'_>,
) -> Vec<Barrier> {
    if !is_gated(inputs.stage) {
        return vec![];
    }
    let articles = &policy.articles;
    let bar = |kind: BarrierKind, reason: String| Barrier { kind, article: kind.article(articles).to_string(), reason };
    let mut out = Vec::new();
    let renewal = inputs.stage == Stage::Renewed;
    if !renewal {
        // The conditions are those of admission; a renewal does not re-examine a title.
        let a = assess(policy, rules, record, None, inputs.conditions_on);
        if a.met.is_empty() {
            let why: Vec<String> = a.unmet.iter().map(|(_, why)| why.clone()).collect();
            let why = if why.is_empty() { "本库未设专业条件".to_string() } else { why.join("；") };
            out.push(bar(BarrierKind::NoCondition, format!("截至{}，{}", inputs.conditions_on.chinese(), why)));
        }
    }
    if let Some(birth) = inputs.birth
        && !within_age_limit(&policy.age_limit, birth, inputs.age_on)
    {
        let age = birth.completed_years_on(inputs.age_on);
        let max = policy.age_limit.max_age;
        let limit =
            if policy.age_limit.inclusive { format!("{max}周岁以内") } else { format!("未满{max}周岁") };
        out.push(bar(BarrierKind::AgeLimit, format!("{}时年满{age}周岁，本库要求{limit}", inputs.age_on.chinese())));
    }
    if record.blacklisted {
        out.push(bar(BarrierKind::Blacklisted, "记录标注为失信联合惩戒对象（blacklisted = true）".to_string()));
    }
    let misconduct = record.misconduct.iter().filter(|m| m.date <= inputs.age_on).count();
    if renewal {
        if misconduct >= 3 {
            out.push(bar(BarrierKind::MisconductForRenewal, format!("已有{misconduct}条不良行为记录")));
        }
    } else if misconduct > 0 {
        out.push(bar(BarrierKind::Misconduct, format!("已有{misconduct}条不良行为记录")));
    }
    if matches!(inputs.stage, Stage::Approved | Stage::Admitted) {
        // Approval and admission follow a publicity period "无异议", or objections handled.
        let on = inputs.age_on;
        for o in inputs.objections.iter().filter(|o| o.received <= on) {
            let received = o.received.chinese();
            if !o.handled_by(on) {
                out.push(bar(
                    BarrierKind::Objection,
                    format!("{received}收到的异议（{}）尚未处理完毕", o.channel.label()),
                ));
            } else if o.result == Some(crate::model::ObjectionResult::Founded) {
                out.push(bar(BarrierKind::Objection, format!("{received}收到的异议经核查成立")));
            }
        }
    }
    if !renewal {
        let missing: Vec<&str> = record
            .admission
            .channel
            .required_documents()
            .iter()
            .filter(|d| !inputs.papers.contains(d))
            .map(|d| d.label())
            .collect();
        if !missing.is_empty() {
            out.push(bar(
                BarrierKind::MissingPapers,
                format!("{}须提交的资料尚缺：{}", record.admission.channel.label(), missing.join("、")),
            ));
        }
    }
    out
}

/// The barriers an override recorded for `stage` does not cover.
pub fn uncovered<'a>(record: &ExpertRecord, stage: Stage, found: &'a [Barrier]) -> Vec<&'a Barrier> {
    found
        .iter()
        .filter(|b| !record.overrides.iter().any(|o| o.stage == stage && o.rules.iter().any(|r| r == b.kind.code())))
        .collect()
}

/// The objections that concern `record`: those to the notices its 公示 stages name,
/// about it or about the whole notice.
pub fn objections_for<'a>(
    instance: &'a crate::PublicInstance,
    record: &ExpertRecord,
) -> Vec<&'a crate::model::Objection> {
    record
        .stages
        .iter()
        .filter(|s| s.stage == Stage::Publicity)
        .filter_map(|s| s.notice.as_deref().and_then(|slug| instance.notice(slug)))
        .flat_map(|n| n.meta.objections.iter())
        .filter(|o| o.concerns(&record.id))
        .collect()
}
