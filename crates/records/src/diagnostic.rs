//! Compiler-style diagnostics: `path:line:col: field (中文名): problem`, the source line
//! with a caret, and how to fix it. The same data prints as JSON for machines.

use crate::source::SourceFile;
use crate::spans::{self, FieldPath};
use serde::Serialize;
use std::fmt::Write as _;
use std::ops::Range;
use std::path::PathBuf;
use unicode_width::UnicodeWidthChar;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
/// How bad a diagnostic is.
pub enum Severity {
    /// Information, such as which eligibility rule an applicant meets.
    Note,
    /// Probably wrong; does not fail `check`.
    Warning,
    /// Wrong; `check` fails.
    Error,
}

impl Severity {
    /// `error`, `warning` or `note`: the stable name machines match (JSON, tests).
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }

    /// 错误, 警告 or 提示 (error, warning, note in English), as a line of output starts.
    pub fn localized(self) -> String {
        match self {
            Severity::Error => expertpool_i18n::t!("common-severity-error"),
            Severity::Warning => expertpool_i18n::t!("common-severity-warning"),
            Severity::Note => expertpool_i18n::t!("common-severity-note"),
        }
    }
}

/// Every kind of problem `check` can report, so tests and tools can match on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Code {
    /// A file or folder could not be read.
    Io,
    /// The TOML or front matter does not parse.
    Syntax,
    /// A field the format does not have.
    UnknownField,
    /// A required field is absent or empty.
    MissingField,
    /// A value of the wrong type.
    WrongType,
    /// A value outside what the field allows.
    BadValue,
    /// A date that is not a real date.
    BadDate,
    /// Dates out of order.
    DateOrder,
    /// A resident ID number that is not valid.
    IdNumber,
    /// A unified social credit code that is not valid.
    CreditCode,
    /// The gender disagrees with the ID number.
    Gender,
    /// The birth date disagrees with the ID number, or is in the future.
    BirthDate,
    /// A reference to a record that does not exist.
    UnknownReference,
    /// A retired specialty on a current record.
    RetiredSpecialty,
    /// The same id or value twice where it must be unique.
    Duplicate,
    /// Two private records with the same ID number.
    SharedIdNumber,
    /// A publicity notice or period that breaks the rules.
    Publicity,
    /// A missing holiday schedule.
    Calendar,
    /// What the eligibility rules say of an applicant or expert.
    Eligibility,
    /// A pool's eligibility rule that is malformed.
    Rule,
    /// Lifecycle steps out of order or missing.
    Lifecycle,
    /// Personal data where it must not be.
    PrivateData,
}

#[derive(Debug, Clone, Serialize)]
/// One problem found in one file, located like a compiler error.
pub struct Diagnostic {
    /// How bad it is.
    pub severity: Severity,
    /// What kind of problem it is.
    pub code: Code,
    /// The file it is in.
    pub file: PathBuf,
    /// 1-based; 0 when the problem is about the file as a whole.
    pub line: usize,
    /// 1-based column of the value, in characters; 0 for the whole file.
    pub column: usize,
    /// Dotted path of the field, e.g. `appointments[0].end`; empty for whole-file problems.
    pub field: String,
    /// Chinese label of the field as printed on the bureau's forms, when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<&'static str>,
    /// What is wrong, in one sentence.
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// How to fix it, when the rule knows.
    pub help: Option<String>,
    #[serde(skip)]
    /// The source line the problem is on, for the caret display.
    pub source_line: String,
    #[serde(skip)]
    /// How many characters the caret underlines.
    pub caret_len: usize,
}

impl Diagnostic {
    /// A diagnostic at a known byte span of `file` (span relative to the whole file).
    pub(crate) fn at_span(
        severity: Severity,
        code: Code,
        file: &SourceFile,
        span: Option<Range<usize>>,
        field: &str,
        message: impl Into<String>,
    ) -> Diagnostic {
        let (line, column, source_line, caret_len) = match span {
            Some(span) => {
                let (line, column) = file.line_col(span.start);
                let source_line = file.line_text(line).to_string();
                let on_line = file.slice(span.clone()).lines().next().unwrap_or("").chars().count();
                (line, column, source_line, on_line.max(1))
            }
            None => (0, 0, String::new(), 0),
        };
        Diagnostic {
            severity,
            code,
            file: file.path.clone(),
            line,
            column,
            field: field.to_string(),
            label: label_for(FieldPath::parse(field).leaf_key().unwrap_or("")),
            message: message.into(),
            help: None,
            source_line,
            caret_len,
        }
    }

    /// A diagnostic about the value at `field` (dotted path inside the file's TOML).
    pub(crate) fn at_field(
        severity: Severity,
        code: Code,
        file: &SourceFile,
        field: &str,
        message: impl Into<String>,
    ) -> Diagnostic {
        let span = spans::locate(file.toml(), &FieldPath::parse(field)).map(|s| file.from_toml_span(s));
        Diagnostic::at_span(severity, code, file, span, field, message)
    }

    /// An error about the value at `field`.
    pub fn error(code: Code, file: &SourceFile, field: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic::at_field(Severity::Error, code, file, field, message)
    }

    /// A note about the value at `field`.
    pub fn note(code: Code, file: &SourceFile, field: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic::at_field(Severity::Note, code, file, field, message)
    }

    /// A warning about the value at `field`.
    pub fn warning(code: Code, file: &SourceFile, field: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic::at_field(Severity::Warning, code, file, field, message)
    }

    /// A problem with the file itself (unreadable, misnamed) rather than a value in it.
    pub fn file_error(code: Code, path: impl Into<PathBuf>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            code,
            file: path.into(),
            line: 0,
            column: 0,
            field: String::new(),
            label: None,
            message: message.into(),
            help: None,
            source_line: String::new(),
            caret_len: 0,
        }
    }

    /// Adds the fix to the diagnostic.
    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    /// Whether it is an error (fails `check`).
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The first line: `path:line:col: error: field (标签): message`.
    pub fn headline(&self) -> String {
        let mut out = self.file.display().to_string();
        if self.line > 0 {
            let _ = write!(out, ":{}:{}", self.line, self.column);
        }
        let _ = write!(out, ": {}: ", self.severity.localized());
        if !self.field.is_empty() {
            out.push_str(&self.field);
            if let Some(label) = self.label {
                let _ = write!(out, " ({label})");
            }
            out.push_str(": ");
        }
        out.push_str(&self.message);
        out
    }

    /// The headline, the source line with a caret under the value, and the help line.
    pub fn render(&self) -> String {
        let mut out = self.headline();
        out.push('\n');
        if self.line > 0 && !self.source_line.is_empty() {
            let gutter = self.line.to_string().len();
            let indent: String = self
                .source_line
                .chars()
                .take(self.column - 1)
                .map(|c| {
                    if c == '\t' {
                        '\t'
                    } else if c.width() == Some(2) {
                        // CJK characters take two columns in a terminal: pad with a full-width space.
                        '　'
                    } else {
                        ' '
                    }
                })
                .collect();
            let carets = "^".repeat(self.caret_len);
            let _ = writeln!(out, "{:gutter$} |", "");
            let _ = writeln!(out, "{} | {}", self.line, self.source_line);
            let _ = writeln!(out, "{:gutter$} | {indent}{carets}", "");
        }
        if let Some(help) = &self.help {
            let _ = writeln!(out, "  = {}: {help}", expertpool_i18n::t!("common-help-label"));
        }
        out
    }
}

/// Chinese labels of fields, as the annexes print them.
pub(crate) fn label_for(key: &str) -> Option<&'static str> {
    Some(match key {
        "name" => "姓名",
        "gender" => "性别",
        "id_number" => "身份证号码",
        "mobile" => "手机",
        "office_phone" => "办公电话",
        "email" => "电子邮箱",
        "address" => "通讯地址",
        "employer" => "工作单位",
        "employer_kind" => "工作单位属性",
        "employer_credit_code" | "credit_code" => "统一社会信用代码",
        "position" => "职务",
        "title" => "职称",
        "skill" => "职业资格等级",
        "level" => "等级",
        "specialties" => "专业类别",
        "expertise" => "专业特长",
        "honours" => "获得荣誉",
        "channel" => "入库方式",
        "recommending_unit" => "推荐单位",
        "stages" => "入库流程",
        "appointments" => "聘任",
        "certificate" => "聘书编号",
        "start" => "开始日期",
        "end" => "结束日期",
        "deadline" => "截止日期",
        "published" => "发布日期",
        "experts" => "专家",
        "pool" => "专家库",
        "person" => "个人档案",
        "notice" => "公示",
        "call" => "征集公告",
        "education" => "最高学历",
        "employment" => "工作经历",
        "declarations" => "利益申报",
        "collaborations" => "合作关系",
        "misconduct" => "不良行为记录",
        "dismissal" => "解聘",
        "evaluations" => "评价",
        "confirmations" => "信息确认",
        "parent" => "上级类别",
        "retired" => "淘汰日期",
        "term_years" => "聘期",
        "max_age" => "年龄上限",
        "working_days" => "公示工作日",
        "eligibility" => "入库条件",
        "field_since" => "从事本领域起始年份",
        _ => return None,
    })
}

/// Counts of errors and warnings, for the summary line and the exit status.
pub fn count(diagnostics: &[Diagnostic]) -> (usize, usize) {
    let errors = diagnostics.iter().filter(|d| d.severity == Severity::Error).count();
    let warnings = diagnostics.iter().filter(|d| d.severity == Severity::Warning).count();
    (errors, warnings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_headline_source_and_caret() {
        let file = SourceFile::new("p/x.toml", "id = \"a\"\nid_number = \"11010519491231002Y\"\n".to_string());
        let d = Diagnostic::error(Code::IdNumber, &file, "id_number", "check digit should be X, found Y")
            .with_help("re-type the number from the ID card");
        assert_eq!(d.line, 2);
        assert_eq!(d.column, 13);
        let text = d.render();
        assert!(text.starts_with("p/x.toml:2:13: 错误: id_number (身份证号码): check digit should be X"), "{text}");
        assert!(text.contains("2 | id_number = \"11010519491231002Y\""), "{text}");
        assert!(text.contains(&format!("  | {}{}", " ".repeat(12), "^".repeat(20))), "{text}");
        assert!(text.contains("= 修改方法: re-type"), "{text}");
    }
}
