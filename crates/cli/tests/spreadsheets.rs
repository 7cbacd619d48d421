//! `import` and `export --template` as a clerk runs them on the files clerks have: a table
//! with headers only, a file renamed to .xlsx, a template asked for as .csv.

mod common;

use common::*;
use std::path::Path;
use std::process::Output;

fn import(file: &Path) -> Output {
    let content = repo().join("content");
    expertpool(&[
        "import",
        file.to_str().unwrap(),
        "--pool",
        "zhineng",
        "--unit",
        "星河市第一机床厂",
        "--content",
        content.to_str().unwrap(),
        "--date",
        "2026-11-23",
    ])
}

#[test]
fn a_table_with_headers_only_exits_1_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("汇总表.csv");
    std::fs::write(&file, format!("{}\r\n", expertpool_records::annex2::HEADERS.join(","))).unwrap();
    let out = import(&file);
    assert_eq!(out.status.code(), Some(1), "{}{}", text(&out.stdout), text(&out.stderr));
    assert!(text(&out.stdout).contains("没有数据行"), "{}", text(&out.stdout));
}

#[test]
fn a_renamed_file_is_refused_in_words_a_clerk_can_act_on() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("汇总表.xlsx");
    std::fs::write(&file, "名单见附件").unwrap();
    let out = import(&file);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("不是有效的 .xlsx 文件") && stderr.contains("另存为"), "{stderr}");
    assert!(!stderr.contains("EOCD"), "{stderr}");
}

#[test]
fn export_template_writes_the_format_its_extension_names() {
    let dir = tempfile::tempdir().unwrap();
    let content = repo().join("content");
    let template = |name: &str| {
        let out = dir.path().join(name);
        let run = expertpool(&[
            "export",
            "--pool",
            "zhineng",
            "--template",
            "--out",
            out.to_str().unwrap(),
            "--content",
            content.to_str().unwrap(),
        ]);
        (out, run)
    };
    let (csv, run) = template("t.csv");
    assert!(run.status.success(), "{}", text(&run.stderr));
    let bytes = std::fs::read(&csv).unwrap();
    assert_eq!(bytes, expertpool_records::annex2::blank_csv(), "t.csv holds the CSV template");
    let (xlsx, run) = template("t.xlsx");
    assert!(run.status.success(), "{}", text(&run.stderr));
    assert!(std::fs::read(&xlsx).unwrap().starts_with(b"PK\x03\x04"));
    let (ods, run) = template("t.ods");
    assert_eq!(run.status.code(), Some(1));
    assert!(text(&run.stderr).contains(".ods"), "{}", text(&run.stderr));
    assert!(!ods.exists());
}
