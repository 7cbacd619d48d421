//! Annex 2 of the measures, the summary table (推荐（遴选）入库名单汇总表) a unit sends in:
//! its columns, their headers and order, and the blank template.
//!
//! The one home of these facts. The site offers the blank table for download on every call
//! page and the staff tools import filled-in tables and export rosters in the same shape;
//! both read this module. It lives here rather than in `staff` because the site may
//! depend on `records` (and `draw`) only, and a column list the site and the importer
//! each kept would drift apart.
//!
//! The template writer needs `rust_xlsxwriter`, so it sits behind the `xlsx` feature: the
//! site and the staff tools enable it, while the draw service and `check`, which never
//! write a spreadsheet, do not compile it.

/// One column of the summary table: the nine annex 2 prints ([`Column::ANNEX2`]), then the
/// optional columns a unit may add and the roster export writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Column {
    /// 序号: the running number of the row.
    Seq,
    /// 姓名.
    Name,
    /// 性别.
    Gender,
    /// 身份证号码.
    IdNumber,
    /// 职业、专业: specialty names from the taxonomy.
    Profession,
    /// 工作单位.
    Employer,
    /// 职业资格等级/职称: a title, a skill level or both.
    Level,
    /// 获得荣誉.
    Honours,
    /// 联系方式: the mobile number, perhaps an office line.
    Contact,
    /// 专家编号 (optional; the roster writes it).
    PublicId,
    /// 出生日期 (optional).
    BirthDate,
    /// 工作单位属性 (optional; annex 1 asks it).
    EmployerKind,
    /// 职务 (optional).
    Position,
    /// 电子邮箱 (optional).
    Email,
    /// 从事相关领域工作起始年份 (optional).
    FieldSince,
}

impl Column {
    /// The nine columns of annex 2, in the order of the form.
    pub const ANNEX2: [Column; 9] = [
        Column::Seq,
        Column::Name,
        Column::Gender,
        Column::IdNumber,
        Column::Profession,
        Column::Employer,
        Column::Level,
        Column::Honours,
        Column::Contact,
    ];

    /// Every column: annex 2's first, then the optional ones, in the roster's order.
    pub const ALL: [Column; 15] = [
        Column::Seq,
        Column::Name,
        Column::Gender,
        Column::IdNumber,
        Column::Profession,
        Column::Employer,
        Column::Level,
        Column::Honours,
        Column::Contact,
        Column::PublicId,
        Column::BirthDate,
        Column::EmployerKind,
        Column::Position,
        Column::Email,
        Column::FieldSince,
    ];

    /// The header as annex 2 prints it (and as the roster export writes it).
    pub const fn header(self) -> &'static str {
        match self {
            Column::Seq => "序号",
            Column::Name => "姓名",
            Column::Gender => "性别",
            Column::IdNumber => "身份证号码",
            Column::Profession => "职业、专业",
            Column::Employer => "工作单位",
            Column::Level => "职业资格等级/职称",
            Column::Honours => "获得荣誉",
            Column::Contact => "联系方式",
            Column::PublicId => "专家编号",
            Column::BirthDate => "出生日期",
            Column::EmployerKind => "工作单位属性",
            Column::Position => "职务",
            Column::Email => "电子邮箱",
            Column::FieldSince => "从事相关领域工作起始年份",
        }
    }
}

/// The headers of annex 2, in its order ([`Column::ANNEX2`] spelled out).
pub const HEADERS: [&str; 9] = {
    let mut out = [""; 9];
    let mut i = 0;
    while i < out.len() {
        out[i] = Column::ANNEX2[i].header();
        i += 1;
    }
    out
};

/// The line under the title where the unit writes its name and stamps the table; the
/// importer reads the unit back from it ([`HEADERS`] follow on the next row).
pub const UNIT_LINE: &str = "单位：（盖章）        填报人：        联系电话：";

/// Numbered blank rows in the template, as on the printed form.
pub const BLANK_ROWS: u32 = 5;

/// The blank summary table as a UTF-8 CSV with a byte-order mark (so that Excel on a
/// Chinese Windows reads it as UTF-8 rather than GBK): the header row only, since a CSV
/// cannot merge a title across the columns.
pub fn blank_csv() -> Vec<u8> {
    let mut text = String::from("\u{feff}");
    text.push_str(&HEADERS.join(","));
    text.push_str("\r\n");
    text.into_bytes()
}

/// The blank summary table as seed 000 prints annex 2: the title merged across the
/// columns, the [`UNIT_LINE`], the [`HEADERS`] and [`BLANK_ROWS`] numbered rows whose cells
/// are formatted as text (so ID and phone numbers keep every digit). It reads back
/// through the importer with no rows. The bytes depend on `title` only, so a site build
/// that has not changed rewrites nothing.
#[cfg(feature = "xlsx")]
pub fn blank_xlsx(title: &str) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook};
    const HEADER_ROW: u32 = 2;
    let mut workbook = Workbook::new();
    // A fixed creation time: without it the file would change on every build.
    let created = ExcelDateTime::from_ymd(2021, 1, 15)?;
    workbook.set_properties(&DocProperties::new().set_title(title).set_creation_datetime(&created));
    let sheet = workbook.add_worksheet();
    sheet.set_name("汇总表")?;
    let last = (HEADERS.len() - 1) as u16;
    let title_format = Format::new().set_bold().set_font_size(14).set_align(FormatAlign::Center);
    sheet.merge_range(0, 0, 0, last, title, &title_format)?;
    sheet.merge_range(1, 0, 1, last, UNIT_LINE, &Format::new())?;
    let header = Format::new().set_bold().set_border(FormatBorder::Thin).set_align(FormatAlign::Center).set_text_wrap();
    let numbered = Format::new().set_border(FormatBorder::Thin);
    let text = Format::new().set_border(FormatBorder::Thin).set_num_format("@");
    let widths = [6.0, 10.0, 6.0, 22.0, 16.0, 24.0, 18.0, 20.0, 16.0];
    for (col, (name, width)) in HEADERS.iter().zip(widths).enumerate() {
        let col = col as u16;
        sheet.set_column_width(col, width)?;
        sheet.write_string_with_format(HEADER_ROW, col, *name, &header)?;
    }
    for n in 1..=BLANK_ROWS {
        sheet.write_number_with_format(HEADER_ROW + n, 0, f64::from(n), &numbered)?;
        for col in 1..=last {
            sheet.write_blank(HEADER_ROW + n, col, &text)?;
        }
    }
    sheet.set_landscape();
    sheet.set_paper_size(9); // A4
    sheet.set_repeat_rows(HEADER_ROW, HEADER_ROW)?;
    workbook.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_follow_the_form() {
        assert_eq!(
            HEADERS,
            [
                "序号",
                "姓名",
                "性别",
                "身份证号码",
                "职业、专业",
                "工作单位",
                "职业资格等级/职称",
                "获得荣誉",
                "联系方式"
            ]
        );
        assert_eq!(&Column::ALL[..9], &Column::ANNEX2[..]);
    }

    #[test]
    fn csv_header_is_the_columns() {
        let text = String::from_utf8(blank_csv()).unwrap();
        assert_eq!(text.trim_start_matches('\u{feff}').trim_end(), HEADERS.join(","));
    }

    #[cfg(feature = "xlsx")]
    #[test]
    fn xlsx_is_a_zip_and_stable() {
        let a = blank_xlsx("某某专家库推荐（遴选）入库名单汇总表").unwrap();
        assert_eq!(&a[..2], b"PK");
        assert_eq!(a, blank_xlsx("某某专家库推荐（遴选）入库名单汇总表").unwrap());
    }
}
