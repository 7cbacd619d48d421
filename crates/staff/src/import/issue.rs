//! The problems an import reports: each tied to a sheet row and cell (or to the file), in
//! the words the clerk reads.

use crate::cells::Problem;
use expertpool_i18n::t;
use expertpool_records::Severity;
use expertpool_records::annex2::Column;
use serde::Serialize;

/// A problem in one cell, or in the file (row 0).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Issue {
    /// How bad it is: an error keeps the row (or, in the file, the table) out.
    pub severity: Severity,
    /// 1-based sheet row; 0 for the file as a whole.
    pub row: u32,
    /// Excel column letters (`D`), empty for the file, a whole row, or an applicant given
    /// by command-line flags.
    pub column: String,
    /// The column's header as the file writes it.
    pub header: String,
    /// The field the problem is about, when it is about one.
    #[serde(skip)]
    pub field: Option<Column>,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
}

impl Issue {
    /// `错误：第 7 行 D 列（身份证号码）：…` (`error: row 7, column D (身份证号码): …` in English).
    pub fn headline(&self) -> String {
        let severity = self.severity.localized();
        let message = &self.message;
        match (self.row, self.column.is_empty()) {
            (0, _) => t!("staff-issue-file", severity = severity, message = message),
            (row, true) => t!("staff-issue-row", severity = severity, row = row, message = message),
            (row, false) => t!(
                "staff-issue-cell",
                severity = severity,
                row = row,
                column = self.column,
                header = self.header,
                message = message
            ),
        }
    }

    /// The headline, and the help on an indented second line.
    pub fn render(&self) -> String {
        match &self.help {
            Some(help) => format!("{}\n  {}", self.headline(), t!("staff-issue-help", help = help)),
            None => self.headline(),
        }
    }

    /// Whether this is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// A problem with the file or the options, not tied to a row.
pub(crate) fn file_issue(severity: Severity, message: impl Into<String>, help: Option<String>) -> Issue {
    Issue { severity, row: 0, column: String::new(), header: String::new(), field: None, message: message.into(), help }
}

/// A problem with one field of an applicant, before it is placed on a sheet row.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct FieldIssue {
    pub(crate) severity: Severity,
    pub(crate) column: Column,
    pub(crate) problem: Problem,
}

impl FieldIssue {
    pub(crate) fn error(column: Column, problem: Problem) -> FieldIssue {
        FieldIssue { severity: Severity::Error, column, problem }
    }

    pub(crate) fn warning(column: Column, problem: Problem) -> FieldIssue {
        FieldIssue { severity: Severity::Warning, column, problem }
    }
}

/// The order a row's problems are listed in, whichever stage found them: who the person
/// is (name, ID number and what it implies), what they do, how to reach them, then the
/// optional columns. It is the order the importer has always printed.
const REPORT_ORDER: [Column; 12] = [
    Column::Name,
    Column::IdNumber,
    Column::Gender,
    Column::BirthDate,
    Column::Profession,
    Column::Employer,
    Column::Level,
    Column::Honours,
    Column::Contact,
    Column::EmployerKind,
    Column::FieldSince,
    Column::Email,
];

/// Sorts the cell problems of one row into [`REPORT_ORDER`], keeping the order of several
/// problems in one cell.
pub(crate) fn in_report_order(issues: &mut [FieldIssue]) {
    let rank = |c: Column| REPORT_ORDER.iter().position(|k| *k == c).unwrap_or(REPORT_ORDER.len());
    issues.sort_by_key(|i| rank(i.column));
}

/// Whether any of the problems is an error.
pub(crate) fn any_error(issues: &[FieldIssue]) -> bool {
    issues.iter().any(|i| i.severity == Severity::Error)
}
