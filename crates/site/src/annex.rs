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
/// File name of the application form offered as `.docx` on a call page.
pub const DOCX_NAME: &str = "application-form.docx";
// The paths stay ASCII so that every static host and link checker serves them; the
// links give each download its Chinese name with the `download` attribute
// ([`download_names`]).

/// The names a citizen's browser saves a call's annexes under: the form and the two
/// templates of the table, each distinct and saying what it is.
#[derive(Debug, Clone, Serialize)]
pub struct DownloadNames {
    /// 附件1 as `.docx`.
    pub docx: String,
    /// 附件2 as `.xlsx`.
    pub xlsx: String,
    /// 附件2 as `.csv`.
    pub csv: String,
}

/// [`DownloadNames`] for a pool: `附件1 <pool>入库申请表.docx` and so on.
pub fn download_names(pool_name: &str) -> DownloadNames {
    let table = summary_table_title(pool_name);
    DownloadNames {
        docx: format!("附件1 {}.docx", application_form_title(pool_name)),
        xlsx: format!("附件2 {table}.xlsx"),
        csv: format!("附件2 {table}（CSV）.csv"),
    }
}

/// The title of annex 1 for a pool.
pub fn application_form_title(pool_name: &str) -> String {
    format!("{pool_name}入库申请表")
}

/// The title of annex 2 for a pool.
pub fn summary_table_title(pool_name: &str) -> String {
    format!("{pool_name}推荐（遴选）入库名单汇总表")
}

/// The application form's layout (annex 1): labelled fields, then the tables.
#[derive(Debug, Serialize)]
pub struct FormTables {
    /// Rows of labels; each label is followed by a blank cell to write in.
    pub fields: &'static [&'static [&'static str]],
    /// The tables below the fields (education, work history, achievements).
    pub grids: &'static [Grid],
    /// The applicant's pledge and signature line under the tables.
    pub applicant_lines: &'static [ClosingLine],
    /// The box where the unit gives its opinion and stamps the form.
    pub unit_lines: &'static [ClosingLine],
    /// 填表说明, numbered in order.
    pub instructions: &'static [&'static str],
}

/// A line under the form's tables.
#[derive(Debug, Serialize)]
pub struct ClosingLine {
    /// What it says.
    pub text: &'static str,
    /// What it is, which sets how it is laid out (also its CSS class on the page).
    pub kind: ClosingKind,
}

/// What a closing line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ClosingKind {
    /// The applicant's pledge, a paragraph.
    Pledge,
    /// A signature, stamp or date line, set to the right.
    Sign,
    /// The heading of the unit's opinion box.
    Opinion,
}

impl ClosingLine {
    /// How the `.docx` aligns the line.
    pub fn align(&self) -> crate::annex_docx::Align {
        match self.kind {
            ClosingKind::Sign => crate::annex_docx::Align::Right,
            ClosingKind::Pledge | ClosingKind::Opinion => crate::annex_docx::Align::Left,
        }
    }
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
    applicant_lines: &[
        ClosingLine {
            text: "本人郑重承诺，以上所填写内容及提交证明材料真实、有效。如有任何虚假，愿意承担相应后果。",
            kind: ClosingKind::Pledge,
        },
        ClosingLine {
            text: "申请人签名：　　　　　　　　年　　月　　日", kind: ClosingKind::Sign
        },
    ],
    unit_lines: &[
        ClosingLine { text: "单位意见：", kind: ClosingKind::Opinion },
        ClosingLine { text: "（盖章）", kind: ClosingKind::Sign },
        ClosingLine { text: "年　　月　　日", kind: ClosingKind::Sign },
    ],
    instructions: &[
        "“获得何荣誉称号”填写获得的最高级别荣誉称号即可。",
        "“主要专业工作业绩”填写市级以上即可。",
        "相关证明材料（复印件）请附后。",
        "如以上所列行数不够，可另附表。",
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
