//! Lifecycle steps (L2, L3), one function each: a pure check that the step may happen
//! now ([`check_step`]), an edit of the record's TOML that keeps its comments and layout
//! (`edit_text`), and [`run_step`] at the edge, which re-reads the edited text with the
//! record model before writing it atomically.

use crate::fsio;
use expertpool_private::PrivateData;
use expertpool_records::calendar::Period;
use expertpool_records::gate;
use expertpool_records::layout;
use expertpool_records::model::*;
use expertpool_records::status::{Status, status_on};
use expertpool_records::{Date, PublicInstance};
use expertpool_records::{Loaded, Pool};
use std::path::PathBuf;
use toml_edit::{Array, ArrayOfTables, DocumentMut, Item, Table, value};

/// A step and its inputs.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    /// 资料审核: papers checked; the papers received are added to the admission checklist.
    Review {
        /// The review record's reference.
        reference: Option<String>,
        /// Papers received (art. 6).
        documents: Vec<Document>,
    },
    /// 公示: listed in a publicity notice (the stage takes the notice's start date).
    Publicize {
        /// The notice's slug (`notices/<slug>.md`); it must list the expert.
        notice: String,
    },
    /// 会议审定, with the meeting that approved.
    Approve {
        /// The meeting, e.g. 2026年第2次会议.
        meeting: String,
    },
    /// 分类入库 and the appointment certificate; the term comes from the pool policy.
    Admit {
        /// The appointment certificate number (聘书编号).
        certificate: String,
        /// Specialty codes filed under; empty for all of the expert's.
        categories: Vec<String>,
    },
    /// 续聘: a new term right after the last one.
    Renew {
        /// The new certificate number.
        certificate: String,
        /// The review or meeting that decided the renewal.
        meeting: Option<String>,
    },
    /// Art. 17 evaluation by the unit that used the expert.
    Evaluate {
        /// The unit that evaluates.
        unit: String,
        /// What the expert did for it.
        work: String,
        /// 优秀, 称职, 基本称职 or 不称职.
        rating: Rating,
        /// The unit's comment.
        comment: Option<String>,
        /// The draw the expert was used through, checked against the public draw log.
        draw: Option<String>,
    },
    /// Art. 18 misconduct record.
    Misconduct {
        /// Which item of art. 18.
        kind: MisconductKind,
        /// What happened.
        description: String,
        /// A draw id, letter or meeting.
        reference: Option<String>,
    },
    /// Art. 19 dismissal, decided by a meeting.
    Dismiss {
        /// Which item of art. 19.
        ground: DismissalGround,
        /// The meeting that decided.
        meeting: String,
        /// A note for the record.
        note: Option<String>,
    },
    /// Art. 16(1) yearly confirmation of the expert's information.
    ConfirmInfo,
}

impl Step {
    /// The subcommand that takes the step (`review`, `confirm-info` …).
    pub fn name(&self) -> &'static str {
        match self {
            Step::Review { .. } => "review",
            Step::Publicize { .. } => "publicize",
            Step::Approve { .. } => "approve",
            Step::Admit { .. } => "admit",
            Step::Renew { .. } => "renew",
            Step::Evaluate { .. } => "evaluate",
            Step::Misconduct { .. } => "misconduct",
            Step::Dismiss { .. } => "dismiss",
            Step::ConfirmInfo => "confirm-info",
        }
    }

    /// A public change note for the commit that records this step (`变更说明：…`, see
    /// `history::change_note`): what a citizen may read on the expert's page. It names
    /// the step and its public reference only; descriptions and comments stay out, since
    /// they are written for the bureau.
    pub fn public_note(&self, date: Date) -> String {
        match self {
            Step::Review { .. } => "完成入库资料审核".to_string(),
            Step::Publicize { notice } => format!("列入入库公示（{notice}）"),
            Step::Approve { meeting } => format!("经{meeting}审定"),
            Step::Admit { .. } => "分类入库，颁发聘书".to_string(),
            Step::Renew { .. } => "续聘，颁发新聘书".to_string(),
            Step::Evaluate { .. } => "记录用人单位评价（第十七条）".to_string(),
            Step::Misconduct { kind, .. } => format!("记录不良行为：{}（第十八条）", kind.label()),
            Step::Dismiss { ground, .. } => format!("解聘：{}（第十九条）", ground.label()),
            Step::ConfirmInfo => format!("{} 年度信息确认", date.year()),
        }
    }
}

/// Why a step cannot happen now: the message, and what would make it possible.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct Refusal {
    /// What stands in the way.
    pub message: String,
    /// What would make the step possible.
    pub help: Option<String>,
}

fn refuse<T>(message: impl Into<String>, help: Option<String>) -> Result<T, Refusal> {
    Err(Refusal { message: message.into(), help })
}

/// A change to the record, as TOML to add.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// Appends an entry to an array of tables (`[[stages]]`, `[[appointments]]` …).
    Append {
        /// The array's key.
        array: &'static str,
        /// The entry's keys and values, in the order written.
        fields: Vec<(&'static str, Field)>,
    },
    /// Adds papers to `admission.documents` (those not there yet).
    AddDocuments(Vec<Document>),
    /// Sets a top-level key, replacing its value (`employer = …`).
    Set {
        /// The key.
        key: &'static str,
        /// The new value.
        value: Field,
    },
    /// Sets `key` in the last entry of `[[array]]` whose `key` is absent (closing the
    /// current `[[employment]]` with `to = …`).
    SetInOpenEntry {
        /// The array's key.
        array: &'static str,
        /// The key to set.
        key: &'static str,
        /// The value.
        value: Field,
    },
    /// Sets a table that was absent (`[dismissal]`).
    SetTable {
        /// The table's key.
        key: &'static str,
        /// Its keys and values, in the order written.
        fields: Vec<(&'static str, Field)>,
    },
}

/// A TOML value to write.
#[derive(Debug, Clone, PartialEq)]
pub enum Field {
    /// A string.
    Text(String),
    /// A date, written as a TOML local date.
    Date(Date),
    /// An integer.
    Int(i64),
    /// An array of strings.
    List(Vec<String>),
}

fn text(s: &str) -> Field {
    Field::Text(s.to_string())
}

/// What a step will do: the edits and a line for the clerk.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// The edits, applied in order.
    pub edits: Vec<Edit>,
    /// A line for the clerk saying what the step does.
    pub summary: String,
}

fn stage_fields(stage: Stage, date: Date, reference: Option<&str>, notice: Option<&str>) -> Vec<(&'static str, Field)> {
    let mut fields = vec![("stage", text(stage.label())), ("date", Field::Date(date))];
    if let Some(r) = reference {
        fields.push(("reference", text(r)));
    }
    if let Some(n) = notice {
        fields.push(("notice", text(n)));
    }
    fields
}

fn last_stage(record: &ExpertRecord) -> Option<&StageRecord> {
    record.stages.iter().max_by_key(|s| (s.stage, s.date))
}

/// The publicity period of the record's 公示 stage, if it has one.
fn publicity_period(instance: &PublicInstance, pool: &Pool, record: &ExpertRecord) -> Result<Option<Period>, Refusal> {
    let Some(stage) = record.stages.iter().find(|s| s.stage == Stage::Publicity) else { return Ok(None) };
    let Some(slug) = &stage.notice else {
        return refuse("the 公示 stage names no notice", Some("add notice = \"<slug>\" to the 公示 stage".into()));
    };
    let Some(notice) = instance.notice(slug) else {
        return refuse(format!("the 公示 stage names notice `{slug}`, which does not exist"), None);
    };
    let policy = &pool.policy.publicity;
    let days = notice.meta.working_days.unwrap_or(policy.working_days).max(policy.working_days);
    Period::compute(&instance.calendar, notice.meta.start, days, policy.first_day_counts)
        .map(Some)
        .map_err(|e| Refusal { message: format!("cannot compute the publicity period of `{slug}`: {e}"), help: None })
}

/// Admission and approval wait for the end of the publicity period (L2).
fn publicity_over(
    instance: &PublicInstance,
    pool: &Pool,
    record: &ExpertRecord,
    date: Date,
    step: &str,
) -> Result<(), Refusal> {
    match publicity_period(instance, pool, record)? {
        Some(period) if date <= period.end => refuse(
            format!("cannot {step} on {date}: the publicity period runs from {} to {}", period.start, period.end),
            Some(format!("{step} from {} on", period.end.plus_days(1))),
        ),
        Some(_) => Ok(()),
        None if matches!(record.admission.channel, Channel::OpenCallSelf | Channel::OpenCallUnit) => refuse(
            format!("cannot {step}: an open-call applicant must be publicised (公示) first"),
            Some("run `expertpool record publicize <ID> --notice <slug>` once the notice is published".into()),
        ),
        None => Ok(()),
    }
}

fn require_stage(record: &ExpertRecord, allowed: &[Stage], step: &str) -> Result<(), Refusal> {
    let last = last_stage(record).map(|s| s.stage);
    if last.is_some_and(|s| allowed.contains(&s)) {
        return Ok(());
    }
    let need: Vec<&str> = allowed.iter().map(|s| s.label()).collect();
    let now = match last_stage(record) {
        Some(s) => format!("its last step is {} on {}", s.stage, s.date),
        None => "it has no stage yet".to_string(),
    };
    refuse(
        format!("cannot {step} `{}`: {now}, and {step} follows {}", record.id, need.join(" or ")),
        Some("stages go 申请 → 资料审核 → 公示 → 会议审定 → 分类入库 → 续聘 → 出库".into()),
    )
}

fn require_in_pool(record: &ExpertRecord, date: Date, step: &str) -> Result<(), Refusal> {
    match status_on(record, date) {
        Status::Active | Status::Appointed => Ok(()),
        Status::Dismissed => refuse(
            format!(
                "cannot {step} `{}`: dismissed on {}",
                record.id,
                record.dismissal.as_ref().map(|d| d.date.to_string()).unwrap_or_default()
            ),
            None,
        ),
        other => refuse(
            format!("cannot {step} `{}` on {date}: status is {} ({other:?}), not 在库", record.id, other.label()),
            Some("only experts in an appointment term can be evaluated, recorded or confirmed".into()),
        ),
    }
}

/// Checks that `step` may happen to `record` on `date`, and says what it changes. A step
/// that the admission rules bar (records::gate) is refused naming the rule and its
/// article, unless `exception` gives the reason and authority for an exception: then the
/// step goes ahead and the exception is written into the record (`[[overrides]]`), where
/// `check` and `report` show it.
pub fn check_step(
    instance: &PublicInstance,
    private: Option<&PrivateData>,
    pool: &Pool,
    record: &ExpertRecord,
    step: &Step,
    date: Date,
    exception: Option<&str>,
) -> Result<Change, Refusal> {
    let mut change = check_procedure(instance, pool, record, step, date)?;
    let Some(inputs_stage) = gated_stage(step) else {
        if exception.is_some() {
            return refuse(format!("{} 不受入库条件限制，无需 --override", step.name()), None);
        }
        return Ok(change);
    };
    let mut papers = record.admission.documents.clone();
    if let Step::Review { documents, .. } = step {
        papers.extend(documents.iter().copied());
    }
    let age_on = match step {
        // A renewal is judged on the first day of the new term.
        Step::Renew { .. } => renewal_start(record, date),
        _ => date,
    };
    let deadline = record.admission.call.as_deref().and_then(|c| instance.call(c)).map(|c| c.meta.deadline);
    let objections = gate::objections_for(instance, record);
    let inputs = gate::GateInputs {
        stage: inputs_stage,
        conditions_on: deadline.unwrap_or(date),
        age_on,
        birth: birth_of(private, record),
        papers: &papers,
        objections: &objections,
    };
    let rules = expertpool_records::eligibility::rules_of(&pool.policy);
    let found = gate::barriers(&pool.policy, &rules, record, &inputs);
    if found.is_empty() {
        if exception.is_some() {
            return refuse(
                format!("`{}` 符合入库条件，无需 --override；破例只为确有规则阻止的情形记录", record.id),
                Some("去掉 --override 再执行".into()),
            );
        }
        return Ok(change);
    }
    let reasons: Vec<String> = found.iter().map(ToString::to_string).collect();
    let Some(reason) = exception.map(str::trim).filter(|r| !r.is_empty()) else {
        return refuse(
            format!("不能对 `{}` 执行“{}”：\n    {}", record.id, inputs_stage.label(), reasons.join("\n    ")),
            Some(format!(
                "纠正记录或补齐材料；如经有权机构批准破例，加 --override \"批准依据和理由\"（将写入记录 [[overrides]]，并在 check 和 report 中列出）。规则代码：{}",
                found.iter().map(|b| b.kind.code()).collect::<Vec<_>>().join("、")
            )),
        );
    };
    change.edits.push(Edit::Append {
        array: "overrides",
        fields: vec![
            ("stage", text(inputs_stage.label())),
            ("date", Field::Date(date)),
            ("rules", Field::List(found.iter().map(|b| b.kind.code().to_string()).collect())),
            ("reason", text(reason)),
        ],
    });
    change.summary.push_str(&format!("；已记录破例（{}）：{reason}", reasons.join("；")));
    Ok(change)
}

/// An evaluation tied to a draw: the expert served in it (public log) and has no
/// evaluation for it yet (one per draw: 谁使用、谁评价, once).
fn served_in(instance: &PublicInstance, record: &ExpertRecord, draw: &str) -> Result<(), Refusal> {
    if record.evaluations.iter().any(|e| e.draw.as_deref() == Some(draw)) {
        return refuse(
            format!("`{}` 在抽取 {draw} 中的工作已有评价", record.id),
            Some("每次抽取每位专家只登记一次评价；如需更正，直接修改该条评价".into()),
        );
    }
    let path = instance.root.join(layout::draw_log());
    let text = std::fs::read_to_string(&path).map_err(|e| Refusal {
        message: format!("读不到抽取记录 {}：{e}", path.display()),
        help: Some("从抽取服务导出抽取记录：expertpool export-log --data <数据目录> --out draws/log.json".into()),
    })?;
    crate::served::service_in_draw(&text, draw, &record.id)
        .map(|_| ())
        .map_err(|e| Refusal { message: e.message, help: Some(e.help) })
}

/// The stage a step writes, where the admission rules gate it.
fn gated_stage(step: &Step) -> Option<Stage> {
    match step {
        Step::Review { .. } => Some(Stage::Reviewed),
        Step::Publicize { .. } => Some(Stage::Publicity),
        Step::Approve { .. } => Some(Stage::Approved),
        Step::Admit { .. } => Some(Stage::Admitted),
        Step::Renew { .. } => Some(Stage::Renewed),
        _ => None,
    }
}

/// The first day of the term a renewal on `date` starts.
fn renewal_start(record: &ExpertRecord, date: Date) -> Date {
    match record.appointments.last() {
        Some(last) if date <= last.end => last.end.plus_days(1),
        _ => date,
    }
}

/// The birth date from the private record (or its ID number), if there is one.
fn birth_of(private: Option<&PrivateData>, record: &ExpertRecord) -> Option<Date> {
    let person = private.and_then(|p| p.person(&record.person))?;
    person
        .birth_date
        .or_else(|| expertpool_records::checksum::parse_resident_id(&person.id_number).ok().map(|r| r.birth_date))
}

/// The procedure of a step (order of stages, publicity period, certificates), before the
/// admission rules.
fn check_procedure(
    instance: &PublicInstance,
    pool: &Pool,
    record: &ExpertRecord,
    step: &Step,
    date: Date,
) -> Result<Change, Refusal> {
    if let Some(last) = last_stage(record) {
        let staged =
            matches!(step, Step::Review { .. } | Step::Approve { .. } | Step::Admit { .. } | Step::Renew { .. });
        if staged && date < last.date {
            return refuse(format!("{date} is before the last step, {} on {}", last.stage, last.date), None);
        }
    }
    if let Some(d) = record.dismissal.as_ref().filter(|_| !matches!(step, Step::Evaluate { .. })) {
        return refuse(format!("`{}` was dismissed on {} ({})", record.id, d.date, d.ground), None);
    }
    let name = step.name();
    match step {
        Step::Review { reference, documents } => {
            require_stage(record, &[Stage::Applied], name)?;
            let mut edits = vec![Edit::Append {
                array: "stages",
                fields: stage_fields(Stage::Reviewed, date, reference.as_deref(), None),
            }];
            if !documents.is_empty() {
                edits.push(Edit::AddDocuments(documents.clone()));
            }
            let missing: Vec<&str> = record
                .admission
                .channel
                .required_documents()
                .iter()
                .filter(|d| !record.admission.documents.contains(d) && !documents.contains(d))
                .map(|d| d.label())
                .collect();
            let mut summary = format!("{}: 资料审核 on {date}", record.id);
            if !missing.is_empty() {
                summary.push_str(&format!(" (papers still missing: {})", missing.join("、")));
            }
            Ok(Change { edits, summary })
        }
        Step::Publicize { notice } => {
            require_stage(record, &[Stage::Reviewed], name)?;
            let Some(doc) = instance.notice(notice) else {
                return refuse(
                    format!("no notice `{}`", layout::notice(notice).display()),
                    Some("write and commit the notice first".into()),
                );
            };
            if doc.meta.pool != pool.id() {
                return refuse(format!("notice `{notice}` is for pool `{}`, not `{}`", doc.meta.pool, pool.id()), None);
            }
            if !doc.meta.experts.contains(&record.id) {
                return refuse(
                    format!("notice `{notice}` does not list `{}`", record.id),
                    Some(format!("add \"{}\" to the notice's experts list", record.id)),
                );
            }
            let start = doc.meta.start;
            Ok(Change {
                edits: vec![Edit::Append {
                    array: "stages",
                    fields: stage_fields(Stage::Publicity, start, None, Some(notice)),
                }],
                summary: format!("{}: 公示 from {start} (notice {notice})", record.id),
            })
        }
        Step::Approve { meeting } => {
            let from: &[Stage] = match record.admission.channel {
                Channel::OpenCallSelf | Channel::OpenCallUnit => &[Stage::Publicity],
                // Mutual selection and special invitation go to the committee directly (art. 7(2)).
                _ => &[Stage::Reviewed, Stage::Publicity],
            };
            require_stage(record, from, name)?;
            publicity_over(instance, pool, record, date, name)?;
            Ok(Change {
                edits: vec![Edit::Append {
                    array: "stages",
                    fields: stage_fields(Stage::Approved, date, Some(meeting), None),
                }],
                summary: format!("{}: 会议审定 on {date} ({meeting})", record.id),
            })
        }
        Step::Admit { certificate, categories } => {
            require_stage(record, &[Stage::Approved], name)?;
            publicity_over(instance, pool, record, date, name)?;
            for code in categories {
                if !record.specialties.contains(code) {
                    return refuse(
                        format!(
                            "category `{code}` is not one of the expert's specialties ({})",
                            record.specialties.join(", ")
                        ),
                        None,
                    );
                }
            }
            certificate_unused(instance, certificate)?;
            let end = date.plus_years(i16::from(pool.policy.term_years)).plus_days(-1);
            let mut term =
                vec![("certificate", text(certificate)), ("start", Field::Date(date)), ("end", Field::Date(end))];
            if !categories.is_empty() {
                term.push(("categories", Field::List(categories.clone())));
            }
            Ok(Change {
                edits: vec![
                    Edit::Append { array: "stages", fields: stage_fields(Stage::Admitted, date, None, None) },
                    Edit::Append { array: "appointments", fields: term },
                ],
                summary: format!("{}: 分类入库 on {date}, certificate {certificate}, term {date} – {end}", record.id),
            })
        }
        Step::Renew { certificate, meeting } => {
            require_stage(record, &[Stage::Admitted, Stage::Renewed], name)?;
            let Some(last) = record.appointments.last() else {
                return refuse(format!("`{}` has no appointment to renew", record.id), None);
            };
            let earliest = last.end.plus_days(-180);
            if date < earliest {
                return refuse(
                    format!("too early to renew: the term runs until {}", last.end),
                    Some(format!("renew from {earliest} on (within 180 days of the end)")),
                );
            }
            certificate_unused(instance, certificate)?;
            // The same first day the admission rules judge the age on.
            let start = renewal_start(record, date);
            let end = start.plus_years(i16::from(pool.policy.term_years)).plus_days(-1);
            let mut term =
                vec![("certificate", text(certificate)), ("start", Field::Date(start)), ("end", Field::Date(end))];
            if let Some(categories) = last.categories.first().map(|_| last.categories.clone()) {
                term.push(("categories", Field::List(categories)));
            }
            Ok(Change {
                edits: vec![
                    Edit::Append {
                        array: "stages",
                        fields: stage_fields(Stage::Renewed, date, meeting.as_deref(), None),
                    },
                    Edit::Append { array: "appointments", fields: term },
                ],
                summary: format!("{}: 续聘 on {date}, certificate {certificate}, term {start} – {end}", record.id),
            })
        }
        Step::Evaluate { unit, work, rating, comment, draw } => {
            if !record.appointments.iter().any(|a| a.start <= date) {
                return refuse(format!("cannot evaluate `{}`: not appointed on {date}", record.id), None);
            }
            if let Some(draw) = draw {
                served_in(instance, record, draw)?;
            }
            let mut fields = vec![
                ("date", Field::Date(date)),
                ("unit", text(unit)),
                ("work", text(work)),
                ("rating", text(rating.label())),
            ];
            if let Some(c) = comment {
                fields.push(("comment", text(c)));
            }
            if let Some(d) = draw {
                fields.push(("draw", text(d)));
            }
            Ok(Change {
                edits: vec![Edit::Append { array: "evaluations", fields }],
                summary: format!("{}: evaluated {rating} by {unit}", record.id),
            })
        }
        Step::Misconduct { kind, description, reference } => {
            require_in_pool(record, date, name)?;
            let mut fields =
                vec![("date", Field::Date(date)), ("kind", text(kind.label())), ("description", text(description))];
            if let Some(r) = reference {
                fields.push(("reference", text(r)));
            }
            let count = record.misconduct.len() + 1;
            let mut summary = format!("{}: misconduct record {count} ({kind})", record.id);
            if count >= 3 {
                summary
                    .push_str(&format!("; {count} records: dismissal on art. 19(7) is due (不良行为记录累计三条以上)"));
            }
            Ok(Change { edits: vec![Edit::Append { array: "misconduct", fields }], summary })
        }
        Step::Dismiss { ground, meeting, note } => {
            if !record.appointments.iter().any(|a| a.start <= date) {
                return refuse(format!("cannot dismiss `{}`: never appointed (before {date})", record.id), None);
            }
            if *ground == DismissalGround::ThreeMisconducts && record.misconduct.len() < 3 {
                return refuse(
                    format!(
                        "ground {ground} needs three misconduct records; `{}` has {}",
                        record.id,
                        record.misconduct.len()
                    ),
                    None,
                );
            }
            let mut fields =
                vec![("date", Field::Date(date)), ("ground", text(ground.label())), ("meeting", text(meeting))];
            if let Some(n) = note {
                fields.push(("note", text(n)));
            }
            Ok(Change {
                edits: vec![Edit::SetTable { key: "dismissal", fields }],
                summary: format!("{}: dismissed on {date} ({ground}; {meeting})", record.id),
            })
        }
        Step::ConfirmInfo => {
            require_in_pool(record, date, name)?;
            let year = date.year();
            if let Some(c) = record.confirmations.iter().find(|c| c.year == year) {
                return refuse(format!("`{}` already confirmed {year} on {}", record.id, c.date), None);
            }
            Ok(Change {
                edits: vec![Edit::Append {
                    array: "confirmations",
                    fields: vec![("year", Field::Int(i64::from(year))), ("date", Field::Date(date))],
                }],
                summary: format!("{}: information confirmed for {year}", record.id),
            })
        }
    }
}

fn certificate_unused(instance: &PublicInstance, certificate: &str) -> Result<(), Refusal> {
    if certificate.trim().is_empty() {
        return refuse("the certificate number is empty", None);
    }
    match instance.experts().find(|(_, e)| e.appointments.iter().any(|a| a.certificate == certificate)) {
        Some((_, e)) => refuse(format!("certificate `{certificate}` is already issued to `{}`", e.id), None),
        None => Ok(()),
    }
}

fn field_value(field: &Field) -> toml_edit::Value {
    match field {
        Field::Text(s) => s.as_str().into(),
        Field::Date(d) => d.to_string().parse::<toml_edit::Datetime>().expect("YYYY-MM-DD is a TOML date").into(),
        Field::Int(n) => (*n).into(),
        Field::List(items) => {
            let mut array = Array::new();
            for item in items {
                array.push(item.as_str());
            }
            array.into()
        }
    }
}

fn table_of(fields: &[(&'static str, Field)]) -> Table {
    let mut table = Table::new();
    for (key, field) in fields {
        table.insert(key, value(field_value(field)));
    }
    table
}

/// Applies edits to a record's TOML text, keeping everything else as written.
pub(crate) fn edit_text(original: &str, edits: &[Edit]) -> Result<String, String> {
    let mut doc: DocumentMut = original.parse().map_err(|e| format!("the file is not valid TOML: {e}"))?;
    for edit in edits {
        match edit {
            Edit::Append { array, fields } => append(&mut doc, array, table_of(fields))?,
            Edit::AddDocuments(documents) => {
                let admission = doc
                    .get_mut("admission")
                    .and_then(Item::as_table_like_mut)
                    .ok_or("the record has no [admission] table")?;
                if admission.get("documents").is_none() {
                    admission.insert("documents", value(Array::new()));
                }
                let list = admission
                    .get_mut("documents")
                    .and_then(Item::as_array_mut)
                    .ok_or("admission.documents is not a list")?;
                for d in documents {
                    if !list.iter().any(|v| v.as_str() == Some(d.label())) {
                        list.push(d.label());
                    }
                }
            }
            Edit::Set { key, value: v } => {
                doc.insert(key, Item::Value(field_value(v)));
            }
            Edit::SetInOpenEntry { array, key, value: v } => {
                if let Some(tables) = doc.get_mut(array).and_then(Item::as_array_of_tables_mut)
                    && let Some(open) = tables.iter_mut().filter(|t| !t.contains_key(key)).last()
                {
                    open.insert(key, Item::Value(field_value(v)));
                }
            }
            Edit::SetTable { key, fields } => {
                if doc.contains_key(key) {
                    return Err(format!("the record already has `{key}`"));
                }
                doc.insert(key, Item::Table(table_of(fields)));
            }
        }
    }
    Ok(doc.to_string())
}

/// Appends to `[[array]]`, right after its last entry (or to an inline array of tables).
fn append(doc: &mut DocumentMut, array: &str, mut table: Table) -> Result<(), String> {
    match doc.get_mut(array) {
        None => {
            let mut tables = ArrayOfTables::new();
            tables.push(table);
            doc.insert(array, Item::ArrayOfTables(tables));
        }
        Some(Item::ArrayOfTables(tables)) => {
            // Same position as the last entry: rendered after it, before the next section.
            let position = tables.iter().filter_map(Table::position).max();
            table.set_position(position);
            tables.push(table);
        }
        Some(Item::Value(toml_edit::Value::Array(list))) => {
            list.push(table.into_inline_table());
        }
        Some(_) => return Err(format!("`{array}` is not a list of tables")),
    }
    Ok(())
}

/// The outcome of a step on disk.
#[derive(Debug, Clone)]
pub struct Done {
    /// The record file.
    pub path: PathBuf,
    /// The change's line for the clerk.
    pub summary: String,
    /// The record as edited (what was, or would be, written).
    pub text: String,
}

/// Why a step did not happen.
#[derive(Debug, thiserror::Error)]
pub enum StepError {
    #[error("no expert `{id}` in any pool")]
    /// No record has this public id.
    NotFound {
        /// The id asked for.
        id: String,
        /// The nearest id there is.
        suggestion: Option<String>,
    },
    #[error("{0}")]
    /// The step may not happen now.
    Refused(Refusal),
    #[error("{path}: {message}")]
    /// The record file could not be read, edited or written.
    File {
        /// The record file.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
}

/// Finds the record with public id `id` in any pool.
pub fn find<'a>(instance: &'a PublicInstance, id: &str) -> Result<(&'a Pool, &'a Loaded<ExpertRecord>), StepError> {
    instance.pools.iter().find_map(|p| p.expert(id).map(|e| (p, e))).ok_or_else(|| {
        let ids: Vec<String> = instance.experts().map(|(_, e)| e.id.clone()).collect();
        StepError::NotFound { id: id.to_string(), suggestion: expertpool_records::load::suggest(id, &ids) }
    })
}

/// Checks, edits, re-reads and writes one step; with `dry_run` nothing is written.
pub fn run_step(
    instance: &PublicInstance,
    private: Option<&PrivateData>,
    id: &str,
    step: &Step,
    date: Date,
    exception: Option<&str>,
    dry_run: bool,
) -> Result<Done, StepError> {
    let (pool, record) = find(instance, id)?;
    let change = check_step(instance, private, pool, record, step, date, exception).map_err(StepError::Refused)?;
    let path = record.file.path.clone();
    // Edit what is on disk now, not what was loaded, so a concurrent hand edit is kept.
    let original =
        std::fs::read_to_string(&path).map_err(|e| StepError::File { path: path.clone(), message: e.to_string() })?;
    let edited =
        edit_text(&original, &change.edits).map_err(|message| StepError::File { path: path.clone(), message })?;
    let reread: ExpertRecord = toml::from_str(&edited).map_err(|e| StepError::File {
        path: path.clone(),
        message: format!("the edited record would not parse ({}); nothing written", e.message()),
    })?;
    if reread.id != record.id {
        return Err(StepError::File { path, message: "the edited record changed its id; nothing written".into() });
    }
    if !dry_run {
        fsio::replace(&path, &edited).map_err(|e| StepError::File { path: path.clone(), message: e.to_string() })?;
    }
    Ok(Done { path, summary: change.summary, text: edited })
}

/// Parses a label or the article's item number (1-based) of a closed list.
pub fn parse_choice<T: Copy>(text: &str, all: &[T], label: fn(T) -> &'static str, what: &str) -> Result<T, String> {
    let key = crate::text::squeeze(text);
    if let Some(v) = all.iter().copied().find(|v| label(*v) == key) {
        return Ok(v);
    }
    let number = key.trim_matches(|c| c == '(' || c == ')' || c == '（' || c == '）');
    if let Ok(n) = number.parse::<usize>()
        && (1..=all.len()).contains(&n)
    {
        return Ok(all[n - 1]);
    }
    if let Some(v) = all.iter().copied().find(|v| label(*v).contains(key.as_str()) && !key.is_empty()) {
        return Ok(v);
    }
    let options: Vec<String> = all.iter().enumerate().map(|(i, v)| format!("{} {}", i + 1, label(*v))).collect();
    Err(format!("`{text}` is not a {what}; use a number or a label: {}", options.join("; ")))
}
