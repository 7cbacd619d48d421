//! The import's answers to tables as clerks really send them: CSV saved by Excel (CRLF,
//! blank lines), unknown levels, tables with headers only, merged unit cells, files that
//! are not spreadsheets at all; and the blank template in the format its name asks for.

mod common;

use common::*;
use expertpool_records::model::Channel;
use expertpool_staff::export;
use expertpool_staff::import::{self, ImportOptions, Plan, Severity};
use expertpool_staff::progress::Progress;
use expertpool_staff::sheet;
use rust_xlsxwriter::{Format, Workbook};
use std::path::Path;

const HEADERS: [&str; 10] = [
    "序号",
    "姓名",
    "性别",
    "身份证号码",
    "职业/专业",
    "工作单位",
    "职称/职业资格等级",
    "获得荣誉",
    "联系电话",
    "出生年月",
];

fn options(source_name: &str) -> ImportOptions {
    ImportOptions {
        pool: "zhineng".into(),
        channel: Channel::OpenCallUnit,
        call: None,
        late_reason: None,
        unit: Some("星河示例机械有限公司".into()),
        unit_credit_code: None,
        received: TODAY,
        source_name: source_name.into(),
        id_prefix: None,
    }
}

fn person(n: u16, level: &str, employer: &str) -> Vec<String> {
    let id = synthetic_id("19780601", 2 * n + 1);
    let name = format!("张{}", ["一", "二", "三", "四"][usize::from(n) - 1]);
    [&n.to_string(), &name, "男", &id, "数控加工", employer, level, "无", &format!("1380000000{n}"), ""]
        .map(String::from)
        .to_vec()
}

fn plan_of(path: &Path) -> (tempfile::TempDir, Plan) {
    let (dir, root) = copy_fixture();
    let (instance, private) = load(&root);
    let grid = sheet::read(path).unwrap();
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let plan = import::plan(&instance, &private, &grid, &options(&name), &mut Progress::hidden());
    (dir, plan)
}

fn csv_line(cells: &[String]) -> String {
    cells.join(",")
}

#[test]
fn csv_rows_are_numbered_as_excel_shows_them() {
    // What Excel writes for "CSV UTF-8": BOM, CRLF, the title, the unit line, a blank line.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("汇总表.csv");
    let lines = [
        "星河市职业能力建设专家库推荐（遴选）入库名单汇总表".to_string(),
        "单位：（盖章）星河示例机械有限公司".to_string(),
        String::new(),
        HEADERS.join(","),
        csv_line(&person(1, "高级工程师", "星河示例机械有限公司")),
        csv_line(&person(2, "高级工程师", "星河示例机械有限公司")),
    ];
    std::fs::write(&path, format!("\u{feff}{}\r\n", lines.join("\r\n"))).unwrap();
    let (_dir, plan) = plan_of(&path);
    assert!(!plan.has_errors(), "{:?} {:?}", plan.file_issues, plan.rows);
    let rows: Vec<u32> = plan.rows.iter().map(|r| r.row).collect();
    assert_eq!(rows, [5, 6], "header on line 4, applicants on lines 5 and 6");
    let record = format!("{:?}", plan.rows[0].record.as_ref().unwrap().public);
    assert!(record.contains("汇总表.csv 第5行"), "{record}");
}

#[test]
fn an_unknown_title_is_an_error_naming_the_cell_and_the_allowed_levels() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("汇总表.csv");
    let lines = [HEADERS.join(","), csv_line(&person(1, "特级大师", "星河示例机械有限公司"))];
    std::fs::write(&path, lines.join("\n")).unwrap();
    let (_dir, plan) = plan_of(&path);
    let row = &plan.rows[0];
    assert_eq!(row.row, 2);
    assert!(row.record.is_none(), "特级大师 was imported as {:?}", row.record.as_ref().map(|r| &r.public.title));
    let issue = row.issues.iter().find(|i| i.severity == Severity::Error).expect("an error");
    let headline = issue.headline();
    assert!(headline.starts_with("错误：第 2 行 G 列") && headline.contains("特级大师"), "{headline}");
    let help = issue.help.as_deref().unwrap();
    assert!(help.contains("初级、中级、副高级、正高级"), "{help}");
    assert!(help.contains("一级/高级技师"), "{help}");
}

#[test]
fn a_table_with_headers_only_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("汇总表.csv");
    std::fs::write(&path, format!("{}\r\n", HEADERS.join(","))).unwrap();
    let (_dir, plan) = plan_of(&path);
    assert!(plan.has_errors(), "a header-only table passed");
    let issue = plan.file_issues.iter().find(|i| i.is_error()).unwrap();
    assert!(issue.message.contains("没有数据行"), "{}", issue.message);
    assert!(issue.message.contains("第 1 行"), "{}", issue.message);
}

#[test]
fn a_unit_merged_down_the_employer_column_is_carried_into_every_row() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("汇总表.xlsx");
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.merge_range(0, 0, 0, 9, "星河市职业能力建设专家库推荐（遴选）入库名单汇总表", &Format::new()).unwrap();
    for (c, h) in HEADERS.iter().enumerate() {
        sheet.write_string(1, c as u16, *h).unwrap();
    }
    for n in 1..=3u16 {
        for (c, v) in person(n, "高级工程师", "").iter().enumerate() {
            if !v.is_empty() {
                sheet.write_string(u32::from(n) + 1, c as u16, v).unwrap();
            }
        }
    }
    // 工作单位 (column F) written once for rows 3–5, as a clerk merges it.
    sheet.merge_range(2, 5, 4, 5, "星河示例机械有限公司", &Format::new()).unwrap();
    workbook.save(&path).unwrap();
    let (_dir, plan) = plan_of(&path);
    assert!(!plan.has_errors(), "{:?}", plan.rows.iter().map(|r| &r.issues).collect::<Vec<_>>());
    let employers: Vec<&str> = plan.rows.iter().map(|r| r.record.as_ref().unwrap().public.employer.as_str()).collect();
    assert_eq!(employers, ["星河示例机械有限公司"; 3]);
    // The title merged across the columns is not copied into its neighbours.
    assert_eq!(plan.rows.iter().map(|r| r.row).collect::<Vec<_>>(), [3, 4, 5]);
}

#[test]
fn a_file_that_is_not_a_spreadsheet_is_named_as_such() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("汇总表.xlsx");
    std::fs::write(&path, "这其实是一份文本文件").unwrap();
    let message = sheet::read(&path).unwrap_err().to_string();
    assert!(message.contains("不是有效的 .xlsx 文件"), "{message}");
    assert!(!message.contains("EOCD"), "{message}");
}

#[test]
fn the_template_is_written_in_the_format_its_extension_names() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("t.csv");
    export::write_template(&csv, "汇总表").unwrap();
    let bytes = std::fs::read(&csv).unwrap();
    assert_eq!(bytes, expertpool_records::annex2::blank_csv());
    assert!(!bytes.starts_with(b"PK"), "xlsx bytes in a .csv");
    let xlsx = dir.path().join("t.xlsx");
    export::write_template(&xlsx, "汇总表").unwrap();
    assert!(std::fs::read(&xlsx).unwrap().starts_with(b"PK\x03\x04"));
    let ods = dir.path().join("t.ods");
    let message = export::write_template(&ods, "汇总表").unwrap_err().to_string();
    assert!(message.contains(".xlsx") && message.contains(".ods"), "{message}");
    assert!(!ods.exists());
}

#[test]
fn an_id_prefix_that_breaks_the_naming_rule_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("汇总表.csv");
    let lines = [HEADERS.join(","), csv_line(&person(1, "高级工程师", "星河示例机械有限公司"))];
    std::fs::write(&path, lines.join("\n")).unwrap();
    let (_fixture, root) = copy_fixture();
    let (instance, private) = load(&root);
    let grid = sheet::read(&path).unwrap();
    let options = ImportOptions { id_prefix: Some("专家 ".into()), ..options("汇总表.csv") };
    let plan = import::plan(&instance, &private, &grid, &options, &mut Progress::hidden());
    let issue = plan.file_issues.iter().find(|i| i.is_error()).expect("the prefix is refused");
    assert!(issue.message.contains("命名规则"), "{}", issue.message);
    assert!(plan.records().next().is_none());
}
