//! Importing an annex-2 summary table: every row read into a public and a private
//! record, every problem tied to its cell, nothing written until the plan is applied,
//! and an existing record never overwritten.

use crate::cells::{self, Problem};
use crate::columns::{Column, Layout, find_layout};
use crate::ids::{IdAllocator, common_prefix};
use crate::progress::Progress;
use crate::sheet::{Cell, Grid, Row};
use crate::text::{column_letters, squeeze};
use expertpool_private::{PrivateData, PrivateRecord};
use expertpool_records::checksum::validate_credit_code;
use expertpool_records::eligibility::{assess, rules_of};
use expertpool_records::layout;
use expertpool_records::model::*;
use expertpool_records::{Date, PublicInstance};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// What the clerk asked for on the command line.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    pub pool: String,
    pub channel: Channel,
    /// The call (`calls/<slug>.md`) the table answers; its deadline is enforced.
    pub call: Option<String>,
    /// Accept a table received after the call's deadline, for this recorded reason.
    pub late_reason: Option<String>,
    /// The recommending unit, when the title area of the table does not name it.
    pub unit: Option<String>,
    pub unit_credit_code: Option<String>,
    /// Day the table was received: the date of the 申请 stage and of the checks.
    pub received: Date,
    /// File name recorded in each record's 申请 stage, e.g. `某单位推荐汇总表.xlsx`.
    pub source_name: String,
    /// Prefix of new public ids; by default the one the pool's ids use.
    pub id_prefix: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Error,
    Warning,
    Note,
}

/// A problem in one cell, or in the file (row 0).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Issue {
    pub severity: Severity,
    /// 1-based sheet row; 0 for the file as a whole.
    pub row: u32,
    /// Excel column letters (`D`), empty for the file or a whole row.
    pub column: String,
    /// The column's header as the file writes it.
    pub header: String,
    pub message: String,
    pub help: Option<String>,
}

impl Issue {
    /// `row 7, column D (身份证号码): check digit should be 3, found 5`.
    pub fn headline(&self) -> String {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        };
        let place = match (self.row, self.column.is_empty()) {
            (0, _) => String::new(),
            (row, true) => format!("row {row}: "),
            (row, false) => format!("row {row}, column {} ({}): ", self.column, self.header),
        };
        format!("{level}: {place}{}", self.message)
    }

    pub fn render(&self) -> String {
        match &self.help {
            Some(help) => format!("{}\n  help: {help}", self.headline()),
            None => self.headline(),
        }
    }
}

/// One data row and what it would become.
#[derive(Debug, Clone)]
pub struct RowPlan {
    pub row: u32,
    pub name: String,
    pub issues: Vec<Issue>,
    /// The records to create; `None` when the row has an error.
    pub record: Option<NewRecord>,
}

impl RowPlan {
    pub fn has_error(&self) -> bool {
        self.issues.iter().any(|i| i.severity == Severity::Error)
    }
}

#[derive(Debug, Clone)]
pub struct NewRecord {
    pub public: ExpertRecord,
    pub public_path: PathBuf,
    /// `None` when the person already has a private record (serving in another pool).
    pub private: Option<PrivateRecord>,
    pub private_path: PathBuf,
}

#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// Problems with the file or the options, not tied to a row.
    pub file_issues: Vec<Issue>,
    pub rows: Vec<RowPlan>,
    /// Rows skipped as blank or as template numbering (`5` with nothing else).
    pub skipped_rows: Vec<u32>,
}

impl Plan {
    pub fn error_count(&self) -> usize {
        self.file_issues.iter().filter(|i| i.severity == Severity::Error).count()
            + self.rows.iter().map(|r| r.issues.iter().filter(|i| i.severity == Severity::Error).count()).sum::<usize>()
    }

    pub fn has_errors(&self) -> bool {
        self.error_count() > 0
    }

    pub fn records(&self) -> impl Iterator<Item = &NewRecord> {
        self.rows.iter().filter_map(|r| r.record.as_ref())
    }

    pub fn summary(&self) -> Summary {
        Summary {
            rows: self.rows.len(),
            to_create: self.records().count(),
            rows_with_errors: self.rows.iter().filter(|r| r.has_error()).count(),
            errors: self.error_count(),
            warnings: self
                .file_issues
                .iter()
                .chain(self.rows.iter().flat_map(|r| &r.issues))
                .filter(|i| i.severity == Severity::Warning)
                .count(),
            skipped_rows: self.skipped_rows.len(),
            new_people: self.records().filter(|r| r.private.is_some()).count(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub rows: usize,
    pub to_create: usize,
    pub rows_with_errors: usize,
    pub errors: usize,
    pub warnings: usize,
    pub skipped_rows: usize,
    pub new_people: usize,
}

fn file_issue(severity: Severity, message: impl Into<String>, help: Option<String>) -> Issue {
    Issue { severity, row: 0, column: String::new(), header: String::new(), message: message.into(), help }
}

/// Reads a grid into a plan against the instance. Pure: writes nothing.
pub fn plan(
    instance: &PublicInstance,
    private: &PrivateData,
    grid: &Grid,
    options: &ImportOptions,
    progress: &mut Progress,
) -> Plan {
    let mut out = Plan::default();
    let Some(pool) = instance.pool(&options.pool) else {
        let known: Vec<&str> = instance.pools.iter().map(|p| p.id()).collect();
        out.file_issues.push(file_issue(
            Severity::Error,
            format!("no pool `{}` in {}", options.pool, instance.root.join(layout::pools_dir()).display()),
            Some(format!("use one of: {}", known.join(", "))),
        ));
        return out;
    };
    let Some(layout) = find_layout(grid) else {
        out.file_issues.push(file_issue(
            Severity::Error,
            "no header row found: no row among the first 30 names 姓名 and two other annex-2 columns",
            Some(format!("the table needs the annex-2 headers: {}", header_list(&Column::ANNEX2))),
        ));
        return out;
    };
    let missing = layout.missing_required();
    if !missing.is_empty() {
        out.file_issues.push(file_issue(
            Severity::Error,
            format!("the header row (row {}) lacks {}", grid.rows[layout.header_index].number, header_list(&missing)),
            Some("add the missing columns with these headers".into()),
        ));
        return out;
    }
    for (col, text) in &layout.ignored {
        out.file_issues.push(file_issue(
            Severity::Note,
            format!("column {} ({text}) is not imported", column_letters(*col)),
            None,
        ));
    }
    let admission = admission_for(instance, &layout, options, &mut out.file_issues);

    let context = RowContext {
        instance,
        policy: &pool.policy,
        rules: rules_of(&pool.policy),
        layout: &layout,
        options,
        admission,
    };
    let data_rows = &grid.rows[layout.header_index + 1..];
    let mut parsed: Vec<(RowPlan, Option<Candidate>)> = Vec::with_capacity(data_rows.len());
    for row in data_rows {
        progress.inc(1);
        if is_filler(row, &layout) {
            out.skipped_rows.push(row.number);
            continue;
        }
        parsed.push(read_row(&context, row));
    }

    // Duplicates and ids need every row: a second pass, in file order.
    let person_by_number: HashMap<String, &str> =
        private.people.iter().map(|p| (p.id_number.to_ascii_uppercase(), p.id.as_str())).collect();
    let in_pool: HashMap<&str, &str> = pool.experts.iter().map(|e| (e.person.as_str(), e.id.as_str())).collect();
    let mut first_row_of: HashMap<String, u32> = HashMap::new();
    let pool_ids: Vec<&str> = pool.experts.iter().map(|e| e.id.as_str()).collect();
    let fallback = format!("{}-", pool.id().to_ascii_uppercase());
    let prefix = options.id_prefix.clone().unwrap_or_else(|| common_prefix(pool_ids.iter().copied(), &fallback));
    let mut public_ids = IdAllocator::new(&prefix, instance.experts().map(|(_, e)| e.id.as_str()));
    let person_prefix = common_prefix(private.people.iter().map(|p| p.id.as_str()), "P-");
    let mut person_ids = IdAllocator::new(&person_prefix, private.people.iter().map(|p| p.id.as_str()));
    let id_column = layout.position(Column::IdNumber).unwrap_or(0);
    let id_header = layout.header_text(Column::IdNumber).to_string();

    for (mut row_plan, candidate) in parsed {
        let Some(mut candidate) = candidate else {
            out.rows.push(row_plan);
            continue;
        };
        let duplicate = |message: String, help: &str| Issue {
            severity: Severity::Error,
            row: row_plan.row,
            column: column_letters(id_column),
            header: id_header.clone(),
            message,
            help: Some(help.to_string()),
        };
        if let Some(first) = first_row_of.get(&candidate.private.id_number) {
            let issue = duplicate(format!("the same ID number is on row {first}"), "keep one row per person");
            row_plan.issues.push(issue);
        } else {
            first_row_of.insert(candidate.private.id_number.clone(), row_plan.row);
        }
        let existing_person = person_by_number.get(&candidate.private.id_number).copied();
        if let Some(person) = existing_person
            && let Some(expert) = in_pool.get(person)
        {
            let issue = duplicate(
                format!("this person is already in pool `{}` as {expert} (private record {person})", pool.id()),
                "remove the row; change the existing record instead",
            );
            row_plan.issues.push(issue);
        }
        if row_plan.has_error() {
            out.rows.push(row_plan);
            continue;
        }
        let id = public_ids.next_id();
        candidate.public.id = id.clone();
        let private_record = match existing_person {
            Some(person) => {
                candidate.public.person = person.to_string();
                row_plan.issues.push(Issue {
                    severity: Severity::Note,
                    row: row_plan.row,
                    column: column_letters(id_column),
                    header: id_header.clone(),
                    message: format!(
                        "already known as private record {person} (another pool); the new record points at it"
                    ),
                    help: None,
                });
                None
            }
            None => {
                let person = person_ids.next_id();
                candidate.public.person = person.clone();
                candidate.private.id = person;
                Some(candidate.private)
            }
        };
        let public_path = instance.root.join(layout::expert(pool.id(), &id));
        let private_path = instance.root.join(layout::person(&candidate.public.person));
        row_plan.record =
            Some(NewRecord { public: candidate.public, public_path, private: private_record, private_path });
        out.rows.push(row_plan);
    }
    out
}

fn header_list(columns: &[Column]) -> String {
    columns.iter().map(|c| c.header()).collect::<Vec<_>>().join("、")
}

/// Blank rows, the numbered empty rows of the template, notes under the table.
fn is_filler(row: &Row, layout: &Layout) -> bool {
    let filled = row.cells.iter().filter(|c| !c.is_empty()).count();
    let key_empty = |c: Column| layout.position(c).is_none_or(|i| row.cell(i).is_empty());
    filled == 0 || (filled <= 1 && key_empty(Column::Name) && key_empty(Column::IdNumber))
}

/// The admission block every row shares: channel, call, unit, late reason.
fn admission_for(
    instance: &PublicInstance,
    layout: &Layout,
    options: &ImportOptions,
    issues: &mut Vec<Issue>,
) -> (Admission, Option<String>) {
    let mut late_note = None;
    if let Some(slug) = &options.call {
        match instance.call(slug) {
            None => issues.push(file_issue(
                Severity::Error,
                format!("no call `{}`", layout::call(slug).display()),
                Some(format!(
                    "use one of: {}",
                    instance.calls.iter().map(|c| c.slug.as_str()).collect::<Vec<_>>().join(", ")
                )),
            )),
            Some(call) if call.meta.pool != options.pool => issues.push(file_issue(
                Severity::Error,
                format!("call `{slug}` is for pool `{}`, not `{}`", call.meta.pool, options.pool),
                None,
            )),
            Some(call) if options.received > call.meta.deadline => match &options.late_reason {
                Some(reason) => {
                    issues.push(file_issue(
                        Severity::Warning,
                        format!(
                            "received {} after the deadline {} of `{slug}`; accepted late: {reason}",
                            options.received, call.meta.deadline
                        ),
                        None,
                    ));
                    late_note = Some(format!("逾期提交（截止{}），经同意受理：{reason}", call.meta.deadline.chinese()));
                }
                None => issues.push(file_issue(
                    Severity::Error,
                    format!(
                        "received {} after the deadline {} of call `{slug}` (逾期不予受理)",
                        options.received, call.meta.deadline
                    ),
                    Some(
                        "late tables are refused; to accept it anyway pass --late-reason \"…\" (it is recorded)".into(),
                    ),
                )),
            },
            Some(_) => {}
        }
    }
    let unit_name = options.unit.clone().or_else(|| layout.unit.clone());
    let needs_unit = matches!(options.channel, Channel::OpenCallUnit | Channel::MutualSelection);
    if needs_unit && unit_name.is_none() {
        issues.push(file_issue(
            Severity::Error,
            format!("channel {} needs the recommending unit, and the table's title area names none", options.channel),
            Some("pass --unit \"单位名称\" (and --unit-credit-code) or fill in 单位：… above the header".into()),
        ));
    }
    if let Some(code) = &options.unit_credit_code
        && let Err(e) = validate_credit_code(code)
    {
        issues.push(file_issue(
            Severity::Error,
            format!("--unit-credit-code {code}: {e}"),
            Some("copy the code from the unit's business licence".into()),
        ));
    }
    let recommending_unit = unit_name
        .filter(|_| needs_unit || options.unit.is_some())
        .map(|name| Unit { name, credit_code: options.unit_credit_code.clone() });
    let admission = Admission {
        channel: options.channel,
        call: options.call.clone(),
        recommending_unit,
        documents: if needs_unit { vec![Document::SummaryTable] } else { vec![] },
    };
    (admission, late_note)
}

struct RowContext<'a> {
    instance: &'a PublicInstance,
    policy: &'a PoolPolicy,
    rules: Vec<(String, expertpool_records::eligibility::Rule)>,
    layout: &'a Layout,
    options: &'a ImportOptions,
    admission: (Admission, Option<String>),
}

struct Candidate {
    public: ExpertRecord,
    private: PrivateRecord,
}

/// Reads one row; the candidate is `None` when a cell it needs is unusable.
fn read_row(cx: &RowContext, row: &Row) -> (RowPlan, Option<Candidate>) {
    let layout = cx.layout;
    let at = |c: Column| layout.position(c).map(|i| row.cell(i)).unwrap_or(&Cell::Empty);
    let text = |c: Column| squeeze(&at(c).text());
    let mut raw: Vec<(Severity, Column, Problem)> = Vec::new();
    macro_rules! report {
        ($severity:expr, $column:expr, $problem:expr $(,)?) => {
            raw.push(($severity, $column, $problem))
        };
    }
    let name = text(Column::Name);
    if name.is_empty() {
        report!(Severity::Error, Column::Name, Problem::new("the name is missing"));
    } else if name.chars().any(|c| c.is_ascii_digit()) {
        report!(
            Severity::Error,
            Column::Name,
            Problem::new(format!("`{name}` is not a name")).help("write the name as on the identity card")
        );
    }
    let id = cells::id_number(at(Column::IdNumber)).map_err(|p| report!(Severity::Error, Column::IdNumber, p)).ok();
    let gender = match cells::gender(&text(Column::Gender)) {
        Ok(g) => g,
        Err(p) => {
            report!(Severity::Error, Column::Gender, p);
            None
        }
    };
    if let (Some(g), Some((_, rid))) = (gender, &id)
        && g != rid.gender
    {
        report!(
            Severity::Error,
            Column::Gender,
            Problem::new(format!("is {g} but the ID number says {}", rid.gender))
                .help("correct whichever was mistyped"),
        );
    }
    if layout.position(Column::BirthDate).is_some() && !at(Column::BirthDate).is_empty() {
        match cells::date(at(Column::BirthDate)) {
            Ok(birth) => {
                if let Some((_, rid)) = &id
                    && birth != rid.birth_date
                {
                    report!(
                        Severity::Error,
                        Column::BirthDate,
                        Problem::new(format!("is {birth} but the ID number says {}", rid.birth_date))
                            .help("correct whichever was mistyped"),
                    );
                }
            }
            Err(p) => report!(Severity::Error, Column::BirthDate, p),
        }
    }
    let profession = text(Column::Profession);
    let specialties =
        match cells::specialties(&at(Column::Profession).text(), &cx.instance.specialties, cx.options.received) {
            Ok(m) => {
                for note in &m.notes {
                    report!(Severity::Warning, Column::Profession, Problem::new(note.clone()));
                }
                Some(m.codes)
            }
            Err(p) => {
                report!(Severity::Error, Column::Profession, p);
                None
            }
        };
    let employer = text(Column::Employer);
    if employer.is_empty() {
        report!(Severity::Error, Column::Employer, Problem::new("the employer is missing"));
    }
    let occupation = crate::text::split_items(&profession).into_iter().next().unwrap_or_default();
    let levels = cells::levels(&at(Column::Level).text(), &occupation)
        .map_err(|p| report!(Severity::Error, Column::Level, p))
        .ok();
    let honours =
        cells::honours(&at(Column::Honours).text()).map_err(|p| report!(Severity::Error, Column::Honours, p)).ok();
    let contacts = cells::contacts(at(Column::Contact)).map_err(|p| report!(Severity::Error, Column::Contact, p)).ok();
    let employer_kind = match layout.position(Column::EmployerKind).map(|i| row.cell(i)).filter(|c| !c.is_empty()) {
        Some(cell) => {
            cells::employer_kind(&cell.text()).map_err(|p| report!(Severity::Error, Column::EmployerKind, p)).ok()
        }
        None => Some(cells::guess_employer_kind(&employer)),
    };
    let field_since = match layout.position(Column::FieldSince).map(|i| row.cell(i)).filter(|c| !c.is_empty()) {
        Some(cell) => match cells::year(cell) {
            Ok(y) if y > cx.options.received.year() => {
                report!(Severity::Error, Column::FieldSince, Problem::new(format!("{y} is in the future")));
                None
            }
            Ok(y) => Some(y),
            Err(p) => {
                report!(Severity::Error, Column::FieldSince, p);
                None
            }
        },
        None => None,
    };
    let email = Some(text(Column::Email)).filter(|e| !e.is_empty() && layout.position(Column::Email).is_some());
    if let Some(e) = &email
        && !(e.contains('@') && e.rsplit('@').next().is_some_and(|d| d.contains('.')))
    {
        report!(Severity::Error, Column::Email, Problem::new(format!("`{e}` is not an e-mail address")));
    }
    let position =
        Some(text(Column::Position)).filter(|p| !p.is_empty() && layout.position(Column::Position).is_some());

    let row_plan = |raw: Vec<(Severity, Column, Problem)>| {
        let issues = raw
            .into_iter()
            .map(|(severity, column, problem)| Issue {
                severity,
                row: row.number,
                column: layout.position(column).map(column_letters).unwrap_or_default(),
                header: layout.header_text(column).to_string(),
                message: problem.message,
                help: problem.help,
            })
            .collect();
        RowPlan { row: row.number, name: name.clone(), issues, record: None }
    };
    let (
        Some((id_number, rid)),
        Some(specialties),
        Some((title, skill)),
        Some(honours),
        Some(contacts),
        Some(employer_kind),
    ) = (id, specialties, levels, honours, contacts, employer_kind)
    else {
        return (row_plan(raw), None);
    };
    if raw.iter().any(|(s, ..)| *s == Severity::Error) {
        return (row_plan(raw), None);
    }
    let (admission, late_note) = &cx.admission;
    let public = ExpertRecord {
        id: String::new(),
        person: String::new(),
        name: name.clone(),
        gender: rid.gender,
        employer,
        employer_kind,
        employer_credit_code: None,
        position,
        title,
        skill,
        specialties,
        expertise: None,
        field_since,
        honours,
        roles: vec![],
        admission: admission.clone(),
        stages: vec![StageRecord {
            stage: Stage::Applied,
            date: cx.options.received,
            reference: Some(format!("{} 第{}行", cx.options.source_name, row.number)),
            notice: None,
            note: late_note.clone(),
        }],
        appointments: vec![],
        confirmations: vec![],
        evaluations: vec![],
        misconduct: vec![],
        dismissal: None,
        blacklisted: false,
    };

    // Eligibility where the table allows: the age limit always, the professional
    // conditions unless they hinge on years in the field, which annex 2 does not ask.
    let assessment = assess(cx.policy, &cx.rules, &public, Some(rid.birth_date), cx.options.received);
    if !assessment.barred.is_empty() {
        report!(
            Severity::Error,
            Column::IdNumber,
            Problem::new(format!("not eligible: {}", assessment.barred.join("; "))).help(format!(
                "pool `{}` takes experts {}{} years old",
                cx.policy.id,
                if cx.policy.age_limit.inclusive { "up to " } else { "under " },
                cx.policy.age_limit.max_age
            )),
        );
    } else if assessment.met.is_empty() && !cx.rules.is_empty() {
        let reasons: Vec<String> = assessment.unmet.iter().map(|(id, why)| format!("{id}: {why}")).collect();
        let only_years_unknown = assessment.unmet.iter().any(|(_, why)| why.contains("field_since"));
        if only_years_unknown {
            report!(
                Severity::Warning,
                Column::Level,
                Problem::new("eligibility depends on years in the field, which the table does not give")
                    .help("check the application form (annex 1) before review"),
            );
        } else {
            report!(
                Severity::Error,
                Column::Level,
                Problem::new(format!("meets no condition of pool `{}` ({})", cx.policy.id, reasons.join("; ")))
                    .help("check the level and honours typed, or leave the applicant out"),
            );
        }
    }
    if raw.iter().any(|(s, ..)| *s == Severity::Error) {
        return (row_plan(raw), None);
    }
    let private = PrivateRecord {
        id: String::new(),
        id_number,
        birth_date: Some(rid.birth_date),
        mobile: contacts.mobile,
        office_phone: contacts.office,
        email,
        address: None,
        postcode: None,
        education: None,
        employment: vec![],
        achievements: vec![],
        collaborations: vec![],
        declarations: vec![],
    };
    (row_plan(raw), Some(Candidate { public, private }))
}

/// The TOML text of a new record, checked to read back to the same value.
pub fn record_text<T>(value: &T, comment: &str) -> Result<String, String>
where
    T: Serialize + serde::de::DeserializeOwned + PartialEq,
{
    let body = toml::to_string(value).map_err(|e| format!("cannot write the record as TOML: {e}"))?;
    let text = format!("# {comment}\n{body}");
    match toml::from_str::<T>(&text) {
        Ok(back) if &back == value => Ok(text),
        Ok(_) => Err("the record does not read back the same; nothing written".into()),
        Err(e) => Err(format!("the record would not parse ({e}); nothing written")),
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ApplyError {
    #[error(
        "the plan has {0} error(s); nothing written (fix the table, or pass --skip-invalid to import the other rows)"
    )]
    HasErrors(usize),
    #[error("{0} already exists; nothing written (records are never overwritten)")]
    Exists(PathBuf),
    #[error("{path}: {message}")]
    Write { path: PathBuf, message: String },
}

/// Writes the plan's records: private files first (the public file points at them), each
/// created new. With `skip_invalid` false, any error in the plan writes nothing.
pub fn apply(plan: &Plan, skip_invalid: bool, source: &str, on: Date) -> Result<Vec<PathBuf>, ApplyError> {
    let errors = plan.error_count();
    let file_errors = plan.file_issues.iter().any(|i| i.severity == Severity::Error);
    if errors > 0 && (!skip_invalid || file_errors) {
        return Err(ApplyError::HasErrors(errors));
    }
    // Serialising and re-reading every record is the costly part: in parallel.
    let records: Vec<(u32, &NewRecord)> =
        plan.rows.iter().filter_map(|r| r.record.as_ref().map(|rec| (r.row, rec))).collect();
    let texts: Vec<Vec<(&Path, String)>> = records
        .par_iter()
        .map(|(row, record)| {
            let comment = format!("Imported from {source}, row {row}, on {on}.");
            let mut out = Vec::with_capacity(2);
            if let Some(private) = &record.private {
                let text = record_text(private, &comment)
                    .map_err(|message| ApplyError::Write { path: record.private_path.clone(), message })?;
                out.push((record.private_path.as_path(), text));
            }
            let text = record_text(&record.public, &comment)
                .map_err(|message| ApplyError::Write { path: record.public_path.clone(), message })?;
            out.push((record.public_path.as_path(), text));
            Ok(out)
        })
        .collect::<Result<_, ApplyError>>()?;
    if let Some((path, _)) = texts.iter().flatten().find(|(p, _)| p.exists()) {
        return Err(ApplyError::Exists(path.to_path_buf()));
    }
    // Private file first: a public record never points at a private one not there yet.
    let mut written = Vec::with_capacity(texts.len() * 2);
    for (path, text) in texts.iter().flatten() {
        crate::fsio::create_new(path, text).map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                ApplyError::Exists(path.to_path_buf())
            } else {
                ApplyError::Write { path: path.to_path_buf(), message: e.to_string() }
            }
        })?;
        written.push(path.to_path_buf());
    }
    Ok(written)
}
