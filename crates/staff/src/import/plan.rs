//! The plan of an import: every applicant through stages 1 and 2, then the checks that
//! need all of them (the same person twice, a person already in the pool) and the ids
//! given out in file order. Pure: nothing is written until [`super::apply`].

use super::ImportOptions;
use super::admission::shared_admission;
use super::applicant::{RawApplicant, parse};
use super::checks::{Candidate, Rules, candidate, cross_field};
use super::issue::{FieldIssue, Issue, file_issue, in_report_order};
use crate::columns::{Layout, find_layout};
use crate::ids::{IdAllocator, common_prefix};
use crate::progress::Progress;
use crate::sheet::{Grid, Row};
use crate::text::column_letters;
use expertpool_i18n::t;
use expertpool_private::PrivateData;
use expertpool_private::PrivateRecord;
use expertpool_records::annex2::Column;
use expertpool_records::layout;
use expertpool_records::model::*;
use expertpool_records::{Pool, PublicInstance, Severity};
use serde::Serialize;
use std::collections::HashMap;
use std::path::PathBuf;

/// One applicant (a data row) and what it would become.
#[derive(Debug, Clone)]
pub struct RowPlan {
    /// The 1-based sheet row.
    pub row: u32,
    /// The name as written, to show the clerk which row a problem is on.
    pub name: String,
    /// The row's problems, errors and warnings and notes.
    pub issues: Vec<Issue>,
    /// The records to create; `None` when the row has an error.
    pub record: Option<NewRecord>,
}

impl RowPlan {
    /// Whether any of the row's problems is an error.
    pub fn has_error(&self) -> bool {
        self.issues.iter().any(Issue::is_error)
    }
}

/// The records one applicant becomes, and where they go.
#[derive(Debug, Clone)]
pub struct NewRecord {
    /// The public record (stage 申请).
    pub public: ExpertRecord,
    /// `pools/<pool>/experts/<id>.toml`.
    pub public_path: PathBuf,
    /// `None` when the person already has a private record (serving in another pool).
    pub private: Option<PrivateRecord>,
    /// `private/experts/<person>.toml`, written or already there.
    pub private_path: PathBuf,
}

/// What an import would do, row by row.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// Problems with the file or the options, not tied to a row.
    pub file_issues: Vec<Issue>,
    /// The data rows, in file order.
    pub rows: Vec<RowPlan>,
    /// Rows skipped as blank or as template numbering (`5` with nothing else).
    pub skipped_rows: Vec<u32>,
}

impl Plan {
    /// Errors in the file and in every row.
    pub fn error_count(&self) -> usize {
        self.file_issues.iter().filter(|i| i.is_error()).count()
            + self.rows.iter().map(|r| r.issues.iter().filter(|i| i.is_error()).count()).sum::<usize>()
    }

    /// Whether the plan has any error.
    pub fn has_errors(&self) -> bool {
        self.error_count() > 0
    }

    /// The records the plan would create.
    pub fn records(&self) -> impl Iterator<Item = &NewRecord> {
        self.rows.iter().filter_map(|r| r.record.as_ref())
    }

    /// The counts printed under the plan.
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

/// The counts of a plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Data rows read.
    pub rows: usize,
    /// Rows that would become records.
    pub to_create: usize,
    /// Rows with at least one error.
    pub rows_with_errors: usize,
    /// Errors, in the file and the rows.
    pub errors: usize,
    /// Warnings, in the file and the rows.
    pub warnings: usize,
    /// Blank and template rows skipped.
    pub skipped_rows: usize,
    /// Records of people not yet known (a new private record each).
    pub new_people: usize,
}

/// Where an applicant's fields come from: the columns of a table, or the flags of
/// `record new` (no column letters; the caller names the flag).
#[derive(Clone, Copy)]
enum Source<'a> {
    Table(&'a Layout),
    Flags,
}

impl Source<'_> {
    /// (column letters, header) of a field, for an [`Issue`].
    fn place(self, column: Column) -> (String, String) {
        match self {
            Source::Table(layout) => (
                layout.position(column).map(column_letters).unwrap_or_default(),
                layout.header_text(column).to_string(),
            ),
            Source::Flags => (String::new(), column.header().to_string()),
        }
    }

    fn issue(self, row: u32, field: FieldIssue) -> Issue {
        let (column, header) = self.place(field.column);
        Issue {
            severity: field.severity,
            row,
            column,
            header,
            field: Some(field.column),
            message: field.problem.message,
            help: field.problem.help,
        }
    }
}

/// Reads a table into a plan against the instance. Pure: writes nothing.
pub fn plan(
    instance: &PublicInstance,
    private: &PrivateData,
    grid: &Grid,
    options: &ImportOptions,
    progress: &mut Progress,
) -> Plan {
    let mut out = Plan::default();
    let Some(pool) = find_pool(instance, options, &mut out) else { return out };
    if !prefix_follows_the_naming_rule(options, &mut out) {
        return out;
    }
    let Some(layout) = find_layout(grid) else {
        out.file_issues.push(file_issue(
            Severity::Error,
            t!("staff-plan-no-header"),
            Some(t!("staff-plan-no-header-help", headers = header_list(&Column::ANNEX2))),
        ));
        return out;
    };
    let missing = layout.missing_required();
    if !missing.is_empty() {
        out.file_issues.push(file_issue(
            Severity::Error,
            t!("staff-plan-header-lacks", row = grid.rows[layout.header_index].number, headers = header_list(&missing)),
            Some(t!("staff-plan-header-lacks-help")),
        ));
        return out;
    }
    for (col, text) in &layout.ignored {
        out.file_issues.push(file_issue(
            Severity::Note,
            t!("staff-plan-column-ignored", column = column_letters(*col), header = text),
            None,
        ));
    }
    let admission = shared_admission(instance, layout.unit.as_deref(), options, &mut out.file_issues);
    let rules = Rules::new(&pool.policy, admission, options.received);
    let source = Source::Table(&layout);
    // A column merged down over several applicants (one employer for three rows) holds its
    // value in the first row only; every row of the region means it.
    let carried = grid.carried_down(grid.rows[layout.header_index].number);
    let grid: &Grid = &carried;
    let data_rows = &grid.rows[layout.header_index + 1..];
    let mut checked = Vec::with_capacity(data_rows.len());
    for row in data_rows {
        progress.inc(1);
        if is_filler(row, &layout) {
            out.skipped_rows.push(row.number);
            continue;
        }
        let raw = RawApplicant::from_row(&layout, row);
        // The reference is written into the record, which is kept in Chinese.
        let reference = format!("{} 第{}行", options.source_name, row.number);
        checked.push(check(instance, &rules, source, row.number, &raw, reference));
    }
    if checked.is_empty() {
        // A table of headers alone is a wrong file or an unfilled template, not an import
        // of nobody: the clerk must hear of it, and the exit status must say so.
        out.file_issues.push(file_issue(
            Severity::Error,
            t!("staff-plan-no-data-rows", row = grid.rows[layout.header_index].number),
            Some(t!("staff-plan-no-data-rows-help")),
        ));
    }
    assign(instance, private, pool, options, source, checked, &mut out);
    out
}

/// The plan of one applicant given by flags (`expertpool record new`): the same checks
/// as a table row, reported by field. The applicant is row 1; its 申请 stage refers to
/// `options.source_name`.
pub fn plan_applicant(
    instance: &PublicInstance,
    private: &PrivateData,
    raw: &RawApplicant,
    options: &ImportOptions,
) -> Plan {
    let mut out = Plan::default();
    let Some(pool) = find_pool(instance, options, &mut out) else { return out };
    if !prefix_follows_the_naming_rule(options, &mut out) {
        return out;
    }
    let admission = shared_admission(instance, None, options, &mut out.file_issues);
    let rules = Rules::new(&pool.policy, admission, options.received);
    let checked = vec![check(instance, &rules, Source::Flags, 1, raw, options.source_name.clone())];
    assign(instance, private, pool, options, Source::Flags, checked, &mut out);
    out
}

/// New ids are file names and URL segments: a prefix given by the clerk must make ids that
/// `check` accepts (`expertpool_records::names`).
fn prefix_follows_the_naming_rule(options: &ImportOptions, out: &mut Plan) -> bool {
    let Some(prefix) = &options.id_prefix else { return true };
    let Some(problem) = expertpool_records::names::problem(&format!("{prefix}0001")) else { return true };
    out.file_issues.push(file_issue(
        Severity::Error,
        t!("staff-plan-bad-prefix", prefix = prefix, problem = problem),
        Some(expertpool_records::names::help(prefix, "前缀")),
    ));
    false
}

fn find_pool<'a>(instance: &'a PublicInstance, options: &ImportOptions, out: &mut Plan) -> Option<&'a Pool> {
    let pool = instance.pool(&options.pool);
    if pool.is_none() {
        let known: Vec<&str> = instance.pools.iter().map(|p| p.id()).collect();
        out.file_issues.push(file_issue(
            Severity::Error,
            t!("staff-plan-no-pool", pool = options.pool, dir = instance.root.join(layout::pools_dir()).display()),
            Some(t!("staff-plan-no-pool-help", pools = known.join(", "))),
        ));
    }
    pool
}

/// Stages 1 and 2 for one applicant.
fn check(
    instance: &PublicInstance,
    rules: &Rules,
    source: Source,
    row: u32,
    raw: &RawApplicant,
    reference: String,
) -> (RowPlan, Option<Candidate>) {
    let (applicant, mut issues) = parse(raw, &instance.specialties, rules.received);
    issues.extend(cross_field(&applicant));
    in_report_order(&mut issues);
    let name = applicant.name.clone();
    let candidate = candidate(rules, applicant, reference, &mut issues);
    let issues = issues.into_iter().map(|i| source.issue(row, i)).collect();
    (RowPlan { row, name, issues, record: None }, candidate)
}

/// The checks that need every applicant, in file order: the same ID number twice, a
/// person already in the pool; then ids for the rows that pass.
fn assign(
    instance: &PublicInstance,
    private: &PrivateData,
    pool: &Pool,
    options: &ImportOptions,
    source: Source,
    checked: Vec<(RowPlan, Option<Candidate>)>,
    out: &mut Plan,
) {
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
    let (id_column, id_header) = source.place(Column::IdNumber);

    for (mut row_plan, candidate) in checked {
        let Some(mut candidate) = candidate else {
            out.rows.push(row_plan);
            continue;
        };
        let at_id = |severity: Severity, message: String, help: Option<String>| Issue {
            severity,
            row: row_plan.row,
            column: id_column.clone(),
            header: id_header.clone(),
            field: Some(Column::IdNumber),
            message,
            help,
        };
        if let Some(first) = first_row_of.get(&candidate.private.id_number) {
            let issue = at_id(
                Severity::Error,
                t!("staff-plan-duplicate-id-number", row = first),
                Some(t!("staff-plan-duplicate-id-number-help")),
            );
            row_plan.issues.push(issue);
        } else {
            first_row_of.insert(candidate.private.id_number.clone(), row_plan.row);
        }
        let existing_person = person_by_number.get(&candidate.private.id_number).copied();
        if let Some(person) = existing_person
            && let Some(expert) = in_pool.get(person)
        {
            let issue = at_id(
                Severity::Error,
                t!("staff-plan-already-in-pool", pool = pool.id(), expert = expert, person = person),
                Some(t!("staff-plan-already-in-pool-help")),
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
                let note = at_id(Severity::Note, t!("staff-plan-known-person", person = person), None);
                row_plan.issues.push(note);
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
