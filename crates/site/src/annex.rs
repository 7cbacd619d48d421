//! The annexes of a call, generated from the model: the application form (annex 1 of the
//! measures) as a printable page, and the summary table (annex 2) as `.xlsx` and `.csv`
//! templates whose header is [`SUMMARY_COLUMNS`], so that a filled-in table can be imported
//! back (crates/staff reads the same constant).

use expertpool_records::model::{Channel, EmployerKind};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook};
use serde::Serialize;

/// The columns of annex 2 (推荐（遴选）入库名单汇总表), in the order of the form.
pub const SUMMARY_COLUMNS: [&str; 9] =
    ["序号", "姓名", "性别", "身份证号码", "职业、专业", "工作单位", "职业资格等级/职称", "获得荣誉", "联系方式"];

pub const XLSX_NAME: &str = "summary-table.xlsx";
pub const CSV_NAME: &str = "summary-table.csv";

/// Blank numbered rows in the spreadsheet template, as on the printed form.
const BLANK_ROWS: u32 = 5;

/// The application form's layout (annex 1): labelled fields, then the tables.
#[derive(Debug, Serialize)]
pub struct FormTables {
    /// Rows of labels; each label is followed by a blank cell to write in.
    pub fields: &'static [&'static [&'static str]],
    pub grids: &'static [Grid],
}

#[derive(Debug, Serialize)]
pub struct Grid {
    pub title: &'static str,
    pub columns: &'static [&'static str],
    pub rows: usize,
}

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
    pub label: &'static str,
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

pub fn employer_kinds() -> Vec<&'static str> {
    EmployerKind::ALL.iter().map(|k| k.label()).collect()
}

/// The summary table as a UTF-8 CSV with a byte-order mark (so that Excel on a Chinese
/// Windows reads it as UTF-8 rather than GBK), header row only.
pub fn summary_csv() -> Vec<u8> {
    let mut text = String::from("\u{feff}");
    text.push_str(&SUMMARY_COLUMNS.join(","));
    text.push_str("\r\n");
    text.into_bytes()
}

/// The summary table as an Excel template: header row, numbered blank rows, print title.
pub fn summary_xlsx(title: &str) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let mut workbook = Workbook::new();
    // A fixed creation time keeps the file byte-identical between builds, so an unchanged
    // site rewrites nothing.
    let created = ExcelDateTime::from_ymd(2021, 1, 15)?;
    workbook.set_properties(&DocProperties::new().set_title(title).set_creation_datetime(&created));
    let sheet = workbook.add_worksheet();
    sheet.set_name("汇总表")?;
    let header = Format::new().set_bold().set_border(FormatBorder::Thin).set_align(FormatAlign::Center).set_text_wrap();
    let cell = Format::new().set_border(FormatBorder::Thin);
    let widths = [6.0, 10.0, 6.0, 22.0, 16.0, 24.0, 18.0, 20.0, 16.0];
    for (col, (name, width)) in SUMMARY_COLUMNS.iter().zip(widths).enumerate() {
        let col = col as u16;
        sheet.set_column_width(col, width)?;
        sheet.write_string_with_format(0, col, *name, &header)?;
    }
    for row in 1..=BLANK_ROWS {
        sheet.write_number_with_format(row, 0, f64::from(row), &cell)?;
        for col in 1..SUMMARY_COLUMNS.len() as u16 {
            sheet.write_blank(row, col, &cell)?;
        }
    }
    sheet.set_landscape();
    sheet.set_paper_size(9); // A4
    sheet.set_header(format!("&C&14{}", title.replace('&', "&&")));
    sheet.set_repeat_rows(0, 0)?;
    workbook.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_header_is_the_columns() {
        let text = String::from_utf8(summary_csv()).unwrap();
        assert_eq!(text.trim_start_matches('\u{feff}').trim_end(), SUMMARY_COLUMNS.join(","));
    }

    #[test]
    fn xlsx_is_a_zip_and_stable() {
        let a = summary_xlsx("某某专家库推荐（遴选）入库名单汇总表").unwrap();
        assert_eq!(&a[..2], b"PK");
        assert_eq!(a, summary_xlsx("某某专家库推荐（遴选）入库名单汇总表").unwrap());
    }
}
