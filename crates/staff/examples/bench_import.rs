//! Benchmark: import a 10,000-row annex-2 table.
//!
//! ```text
//! cargo run --release -p expertpool-staff --example bench_import [ROWS] [CONTENT_DIR]
//! ```
//!
//! Writes a table of ROWS (default 10,000) synthetic applicants into a temp folder, then
//! times reading the .xlsx and planning the import (every check of every row) against
//! CONTENT_DIR (default: the staff test fixture), and writing the records into a copy.

use expertpool_private::load_private;
use expertpool_records::checksum::resident_id_check_char;
use expertpool_records::load::load_public;
use expertpool_records::model::Channel;
use expertpool_staff::import::{self, ImportOptions};
use expertpool_staff::progress::Progress;
use expertpool_staff::sheet;
use std::path::PathBuf;
use std::time::Instant;

fn id_number(n: u32) -> String {
    let birth = format!("19{:02}{:02}{:02}", 60 + n % 30, 1 + n % 12, 1 + n % 28);
    let first17 = format!("449905{birth}{:03}", n % 1000);
    let bytes: [u8; 17] = first17.as_bytes().try_into().unwrap();
    format!("{first17}{}", resident_id_check_char(&bytes))
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let rows: u32 = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let content = args
        .get(2)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/instance"));
    let dir = std::env::temp_dir().join(format!("expertpool-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("bench.xlsx");

    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet_out = workbook.add_worksheet();
    sheet_out.write_string(0, 0, "星河市职业能力建设专家库推荐（遴选）入库名单汇总表").unwrap();
    sheet_out.write_string(1, 0, "单位：（盖章）星河示例机械有限公司").unwrap();
    let headers =
        ["序号", "姓名", "性别", "身份证号码", "职业、专业", "工作单位", "职业资格等级/职称", "获得荣誉", "联系方式"];
    for (i, h) in headers.iter().enumerate() {
        sheet_out.write_string(2, i as u16, *h).unwrap();
    }
    let specialties = ["数控加工", "焊接技术", "模具设计与制造", "电工"];
    let levels = ["高级工程师", "正高级工程师", "高级技师", "高级工程师/高级技师"];
    let surnames = ["张", "王", "李", "赵", "陈", "刘", "杨", "黄"];
    // Distinct people: the sequence number and birth date vary together.
    let mut seen = std::collections::HashSet::new();
    let mut n = 0u32;
    let mut written = 0u32;
    while written < rows {
        n += 1;
        let id = id_number(n);
        if !seen.insert(id.clone()) {
            continue;
        }
        let r = 3 + written;
        let male = (id.as_bytes()[16] - b'0') % 2 == 1;
        sheet_out.write_number(r, 0, f64::from(written + 1)).unwrap();
        let given: Vec<char> = "明华强军平伟芳娜敏静丽涛杰磊超勇艳娟霞刚".chars().collect();
        let name =
            format!("{}{}{}", surnames[(n % 8) as usize], given[(n / 8 % 20) as usize], given[(n / 160 % 20) as usize]);
        sheet_out.write_string(r, 1, name).unwrap();
        sheet_out.write_string(r, 2, if male { "男" } else { "女" }).unwrap();
        sheet_out.write_string(r, 3, &id).unwrap();
        sheet_out.write_string(r, 4, specialties[(n % 4) as usize]).unwrap();
        sheet_out.write_string(r, 5, format!("星河示例{}号有限公司", n % 500)).unwrap();
        sheet_out.write_string(r, 6, levels[(n % 4) as usize]).unwrap();
        sheet_out.write_string(r, 7, if n % 5 == 0 { "2019年全国技术能手" } else { "" }).unwrap();
        sheet_out.write_string(r, 8, format!("139{:08}", n)).unwrap();
        written += 1;
    }
    workbook.save(&path).unwrap();

    // Work on a copy: the benchmark writes the records too.
    let root = dir.join("instance");
    expertpool_testkit::copy_dir(&content, &root);
    let instance = load_public(&root).value.expect("instance loads");
    let private = load_private(&root).value.unwrap_or_default();
    let options = ImportOptions {
        pool: "zhineng".into(),
        channel: Channel::OpenCallUnit,
        call: None,
        late_reason: None,
        unit: None,
        unit_credit_code: None,
        received: expertpool_records::Date::ymd(2026, 11, 23),
        source_name: "bench.xlsx".into(),
        id_prefix: None,
    };
    let started = Instant::now();
    let grid = sheet::read(&path).unwrap();
    let read = started.elapsed();
    let plan = import::plan(&instance, &private, &grid, &options, &mut Progress::hidden());
    let planned = started.elapsed();
    let summary = plan.summary();
    println!(
        "{rows} rows: read .xlsx {:.0} ms, checked {:.0} ms, total {:.0} ms; {} to create, {} errors, {} warnings",
        read.as_secs_f64() * 1e3,
        (planned - read).as_secs_f64() * 1e3,
        planned.as_secs_f64() * 1e3,
        summary.to_create,
        summary.errors,
        summary.warnings
    );
    let before_write = Instant::now();
    let files = import::apply(&plan, false, "bench.xlsx", options.received).expect("writes");
    println!("wrote {} files in {:.0} ms", files.len(), before_write.elapsed().as_secs_f64() * 1e3);
    if let Some(issue) = plan.file_issues.iter().chain(plan.rows.iter().flat_map(|r| &r.issues)).next() {
        println!("first issue: {}", issue.render());
    }
    let _ = std::fs::remove_dir_all(&dir);
}
