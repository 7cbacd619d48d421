//! The annexes of a call, generated from the model: the application form (annex 1 of the
//! measures) as a printable page, and the summary table (annex 2) as `.xlsx` and `.csv`
//! templates. The summary table's columns and its blank template belong to
//! [`expertpool_records::annex2`], which the importer in crates/staff reads too, so that a
//! table downloaded here imports back.

use expertpool_records::model::{Channel, EmployerKind};
use serde::Serialize;

/// The blank summary table (`.csv` and `.xlsx`), written by the one template writer.
pub use expertpool_records::annex2::{blank_csv as summary_csv, blank_xlsx as summary_xlsx};

/// File name of the summary table offered as `.xlsx` on a call page.
pub const XLSX_NAME: &str = "summary-table.xlsx";
/// File name of the summary table offered as `.csv` on a call page.
pub const CSV_NAME: &str = "summary-table.csv";

/// The application form's layout (annex 1): labelled fields, then the tables.
#[derive(Debug, Serialize)]
pub struct FormTables {
    /// Rows of labels; each label is followed by a blank cell to write in.
    pub fields: &'static [&'static [&'static str]],
    /// The tables below the fields (education, work history, achievements).
    pub grids: &'static [Grid],
}

/// One table of the form: a title, its column headers and the number of blank rows.
#[derive(Debug, Serialize)]
pub struct Grid {
    /// The table's title, printed in its first column.
    pub title: &'static str,
    /// Column headers.
    pub columns: &'static [&'static str],
    /// Blank rows to write in.
    pub rows: usize,
}

/// The layout of annex 1 as the measures print it.
pub const FORM_TABLES: FormTables = FormTables {
    fields: &[
        &["姓名", "性别", "出生年月"],
        &["身份证号码", "通讯地址"],
        &["办公电话", "手机", "电子邮箱"],
        &["现工作单位", "职务", "职称/职业资格"],
        &["专业特长/研究领域", "获得何荣誉称号"],
        &["专业技术职务任职资格（专业领域、取得时间及审批机关）"],
    ],
    grids: &[
        Grid {
            title: "最高学历", columns: &["毕（肄、结）业时间", "学校", "专业", "学制", "学位"], rows: 1
        },
        Grid {
            title: "工作经历",
            columns: &["起止时间", "工作单位", "所属行业领域", "从事何专业技术工作", "职务"],
            rows: 4,
        },
        Grid {
            title: "主要专业工作业绩",
            columns: &[
                "起止时间",
                "专业技术工作名称（项目/课题/成果等）",
                "工作内容及本人地位（主持/参加/独立）",
                "完成情况及效果（获何奖励/效益/专利）",
            ],
            rows: 4,
        },
    ],
};

/// One label of the form and how many columns its blank cell spans.
#[derive(Debug, Serialize)]
pub struct FieldCell {
    /// The printed label.
    pub label: &'static str,
    /// Grid columns the blank cell after the label spans.
    pub span: usize,
}

/// The labelled rows of the form laid out on a grid of three label/blank pairs: the last
/// blank of a shorter row stretches to the right edge.
pub fn form_fields() -> Vec<Vec<FieldCell>> {
    const PAIRS: usize = 3;
    FORM_TABLES
        .fields
        .iter()
        .map(|row| {
            row.iter()
                .enumerate()
                .map(|(i, label)| FieldCell {
                    label,
                    span: if i + 1 == row.len() { 1 + (PAIRS - row.len().min(PAIRS)) * 2 } else { 1 },
                })
                .collect()
        })
        .collect()
}

/// The admission channels the form lets the applicant tick.
pub fn channels() -> Vec<&'static str> {
    Channel::ALL.iter().map(|c| c.label().trim_start_matches("公开征集-")).collect()
}

/// The employer kinds of the form, as its tick boxes list them.
pub fn employer_kinds() -> Vec<&'static str> {
    EmployerKind::ALL.iter().map(|k| k.label()).collect()
}
