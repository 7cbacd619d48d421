//! Lifecycle steps (L2, L3), one function each: a pure check that the step may happen
//! now ([`check_step`]), an edit of the record's TOML that keeps its comments and layout
//! (`edit_text`), and [`run_step`] at the edge, which re-reads the edited text with the
//! record model before writing it atomically.

use crate::fsio;
use expertpool_i18n::t;
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
        return refuse(t!("staff-step-publicity-no-notice"), Some(t!("staff-step-publicity-no-notice-help")));
    };
    let Some(notice) = instance.notice(slug) else {
        return refuse(
            t!("staff-step-publicity-notice-missing", slug = slug),
            Some(t!("staff-step-publicity-notice-missing-help")),
        );
    };
    let policy = &pool.policy.publicity;
    let days = notice.meta.working_days.unwrap_or(policy.working_days).max(policy.working_days);
    Period::compute(&instance.calendar, notice.meta.start, days, policy.first_day_counts).map(Some).map_err(|e| {
        Refusal {
            message: t!("staff-step-publicity-period-error", slug = slug, error = e),
            help: Some(t!("staff-step-publicity-period-error-help")),
        }
    })
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
            t!("staff-step-publicity-running", step = step, date = date, start = period.start, end = period.end),
            Some(t!("staff-step-publicity-running-help", step = step, from = period.end.plus_days(1))),
        ),
        Some(_) => Ok(()),
        None if matches!(record.admission.channel, Channel::OpenCallSelf | Channel::OpenCallUnit) => refuse(
            t!("staff-step-open-call-unpublicised", step = step),
            Some(t!("staff-step-open-call-unpublicised-help")),
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
    let need = need.join(&t!("staff-step-or"));
    let message = match last_stage(record) {
        Some(s) => {
            t!("staff-step-out-of-order", step = step, id = record.id, stage = s.stage, date = s.date, need = need)
        }
        None => t!("staff-step-out-of-order-no-stage", step = step, id = record.id, need = need),
    };
    refuse(message, Some(t!("staff-step-order-help")))
}

fn require_in_pool(record: &ExpertRecord, date: Date, step: &str) -> Result<(), Refusal> {
    match status_on(record, date) {
        Status::Active | Status::Appointed => Ok(()),
        Status::Dismissed => refuse(
            t!(
                "staff-step-dismissed",
                step = step,
                id = record.id,
                date = record.dismissal.as_ref().map(|d| d.date.to_string()).unwrap_or_default()
            ),
            None,
        ),
        other => refuse(
            t!("staff-step-not-in-pool", step = step, id = record.id, date = date, status = other.label()),
            Some(t!("staff-step-not-in-pool-help")),
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
            return refuse(
                t!("staff-step-override-not-gated", step = step.name()),
                Some(t!("staff-step-override-drop")),
            );
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
            return refuse(t!("staff-step-override-unneeded", id = record.id), Some(t!("staff-step-override-drop")));
        }
        return Ok(change);
    }
    let reasons: Vec<String> = found.iter().map(ToString::to_string).collect();
    let Some(reason) = exception.map(str::trim).filter(|r| !r.is_empty()) else {
        return refuse(
            format!(
                "{}\n    {}",
                t!("staff-step-barred", id = record.id, stage = inputs_stage.label()),
                reasons.join("\n    ")
            ),
            Some(t!(
                "staff-step-barred-help",
                rules = found.iter().map(|b| b.kind.code()).collect::<Vec<_>>().join(", ")
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
    change.summary.push_str(&t!("staff-step-override-recorded", barriers = reasons.join("; "), reason = reason));
    Ok(change)
}

/// An evaluation tied to a draw: the expert served in it (public log) and has no
/// evaluation for it yet (one per draw: 谁使用、谁评价, once).
fn served_in(instance: &PublicInstance, record: &ExpertRecord, draw: &str) -> Result<(), Refusal> {
    if record.evaluations.iter().any(|e| e.draw.as_deref() == Some(draw)) {
        return refuse(
            t!("staff-step-already-evaluated", id = record.id, draw = draw),
            Some(t!("staff-step-already-evaluated-help")),
        );
    }
    let path = instance.root.join(layout::draw_log());
    let text = std::fs::read_to_string(&path).map_err(|e| Refusal {
        message: t!("staff-step-draw-log-unreadable", file = path.display(), error = e),
        help: Some(t!("staff-step-draw-log-unreadable-help")),
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
            return refuse(
                t!("staff-step-before-last", date = date, stage = last.stage, last = last.date),
                Some(t!("staff-step-before-last-help", last = last.date)),
            );
        }
    }
    if let Some(d) = record.dismissal.as_ref().filter(|_| !matches!(step, Step::Evaluate { .. })) {
        return refuse(t!("staff-step-was-dismissed", id = record.id, date = d.date, ground = d.ground), None);
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
            let summary = if missing.is_empty() {
                t!("staff-step-reviewed", id = record.id, date = date)
            } else {
                t!("staff-step-reviewed-missing", id = record.id, date = date, missing = missing.join("、"))
            };
            Ok(Change { edits, summary })
        }
        Step::Publicize { notice } => {
            require_stage(record, &[Stage::Reviewed], name)?;
            let Some(doc) = instance.notice(notice) else {
                return refuse(
                    t!("staff-step-no-notice", file = layout::notice(notice).display()),
                    Some(t!("staff-step-no-notice-help")),
                );
            };
            if doc.meta.pool != pool.id() {
                return refuse(
                    t!("staff-step-notice-other-pool", notice = notice, notice_pool = doc.meta.pool, pool = pool.id()),
                    Some(t!("staff-step-notice-other-pool-help")),
                );
            }
            if !doc.meta.experts.contains(&record.id) {
                return refuse(
                    t!("staff-step-notice-lacks-expert", notice = notice, id = record.id),
                    Some(t!("staff-step-notice-lacks-expert-help", id = record.id)),
                );
            }
            let start = doc.meta.start;
            Ok(Change {
                edits: vec![Edit::Append {
                    array: "stages",
                    fields: stage_fields(Stage::Publicity, start, None, Some(notice)),
                }],
                summary: t!("staff-step-publicized", id = record.id, start = start, notice = notice),
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
                summary: t!("staff-step-approved", id = record.id, date = date, meeting = meeting),
            })
        }
        Step::Admit { certificate, categories } => {
            require_stage(record, &[Stage::Approved], name)?;
            publicity_over(instance, pool, record, date, name)?;
            for code in categories {
                if !record.specialties.contains(code) {
                    return refuse(
                        t!(
                            "staff-step-category-not-specialty",
                            code = code,
                            specialties = record.specialties.join(", ")
                        ),
                        Some(t!("staff-step-category-not-specialty-help")),
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
                summary: t!("staff-step-admitted", id = record.id, date = date, certificate = certificate, end = end),
            })
        }
        Step::Renew { certificate, meeting } => {
            require_stage(record, &[Stage::Admitted, Stage::Renewed], name)?;
            let Some(last) = record.appointments.last() else {
                return refuse(t!("staff-step-nothing-to-renew", id = record.id), None);
            };
            let earliest = last.end.plus_days(-180);
            if date < earliest {
                return refuse(
                    t!("staff-step-renew-too-early", end = last.end),
                    Some(t!("staff-step-renew-too-early-help", earliest = earliest)),
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
                summary: t!(
                    "staff-step-renewed",
                    id = record.id,
                    date = date,
                    certificate = certificate,
                    start = start,
                    end = end
                ),
            })
        }
        Step::Evaluate { unit, work, rating, comment, draw } => {
            if !record.appointments.iter().any(|a| a.start <= date) {
                return refuse(t!("staff-step-evaluate-not-appointed", id = record.id, date = date), None);
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
                summary: t!("staff-step-evaluated", id = record.id, rating = rating, unit = unit),
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
            let summary = if count >= 3 {
                t!("staff-step-misconduct-dismissal-due", id = record.id, count = count, kind = kind)
            } else {
                t!("staff-step-misconduct", id = record.id, count = count, kind = kind)
            };
            Ok(Change { edits: vec![Edit::Append { array: "misconduct", fields }], summary })
        }
        Step::Dismiss { ground, meeting, note } => {
            if !record.appointments.iter().any(|a| a.start <= date) {
                return refuse(t!("staff-step-dismiss-never-appointed", id = record.id, date = date), None);
            }
            if *ground == DismissalGround::ThreeMisconducts && record.misconduct.len() < 3 {
                return refuse(
                    t!(
                        "staff-step-dismiss-too-few-misconduct",
                        ground = ground,
                        id = record.id,
                        count = record.misconduct.len()
                    ),
                    Some(t!("staff-step-dismiss-too-few-misconduct-help")),
                );
            }
            let mut fields =
                vec![("date", Field::Date(date)), ("ground", text(ground.label())), ("meeting", text(meeting))];
            if let Some(n) = note {
                fields.push(("note", text(n)));
            }
            Ok(Change {
                edits: vec![Edit::SetTable { key: "dismissal", fields }],
                summary: t!(
                    "staff-step-dismissed-summary",
                    id = record.id,
                    date = date,
                    ground = ground,
                    meeting = meeting
                ),
            })
        }
        Step::ConfirmInfo => {
            require_in_pool(record, date, name)?;
            let year = date.year();
            if let Some(c) = record.confirmations.iter().find(|c| c.year == year) {
                return refuse(t!("staff-step-already-confirmed", id = record.id, year = year, date = c.date), None);
            }
            Ok(Change {
                edits: vec![Edit::Append {
                    array: "confirmations",
                    fields: vec![("year", Field::Int(i64::from(year))), ("date", Field::Date(date))],
                }],
                summary: t!("staff-step-confirmed", id = record.id, year = year),
            })
        }
    }
}

fn certificate_unused(instance: &PublicInstance, certificate: &str) -> Result<(), Refusal> {
    if certificate.trim().is_empty() {
        return refuse(t!("staff-step-certificate-empty"), Some(t!("staff-step-certificate-empty-help")));
    }
    match instance.experts().find(|(_, e)| e.appointments.iter().any(|a| a.certificate == certificate)) {
        Some((_, e)) => refuse(
            t!("staff-step-certificate-taken", certificate = certificate, id = e.id),
            Some(t!("staff-step-certificate-taken-help")),
        ),
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
    let mut doc: DocumentMut =
        original.parse().map_err(|e: toml_edit::TomlError| t!("staff-edit-invalid-toml", error = e))?;
    for edit in edits {
        match edit {
            Edit::Append { array, fields } => append(&mut doc, array, table_of(fields))?,
            Edit::AddDocuments(documents) => {
                let admission = doc
                    .get_mut("admission")
                    .and_then(Item::as_table_like_mut)
                    .ok_or_else(|| t!("staff-edit-no-admission"))?;
                if admission.get("documents").is_none() {
                    admission.insert("documents", value(Array::new()));
                }
                let list = admission
                    .get_mut("documents")
                    .and_then(Item::as_array_mut)
                    .ok_or_else(|| t!("staff-edit-documents-not-list"))?;
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
                    return Err(t!("staff-edit-key-exists", key = key));
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
        Some(_) => return Err(t!("staff-edit-not-table-list", array = array)),
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
    #[error("{}", t!("staff-cli-no-expert", id = id))]
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
        message: t!("staff-edit-would-not-parse", error = e.message()),
    })?;
    if reread.id != record.id {
        return Err(StepError::File { path, message: t!("staff-edit-id-changed") });
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
    Err(t!("staff-choice-unknown", text = text, what = what, options = options.join("; ")))
}
