//! The staff commands speak the clerk's language: Chinese by default, English with
//! `--lang en`. Each command is run on input with problems in both languages; every line
//! of the Chinese run must be Chinese (no English fallback, no `⟦id⟧` marker), and the
//! English run must carry none of the Chinese catalogue's sentences — Chinese there only
//! as data: names, field labels in parentheses, values in backticks.

mod common;

use common::*;
use expertpool_i18n::{Lang, sources};
use std::path::Path;

fn han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// The fixed text of the Chinese staff and lookup messages: what stands between their
/// variables, where it holds two or more Chinese characters (a fragment that short could
/// be data).
fn chinese_sentences() -> Vec<String> {
    let mut out = Vec::new();
    for (file, text) in sources(Lang::Zh) {
        if file != "staff.ftl" && file != "lookup.ftl" {
            continue;
        }
        for line in text.lines() {
            let Some((id, value)) = line.split_once(" = ") else { continue };
            if !(id.starts_with("staff-") || id.starts_with("lookup-")) {
                continue;
            }
            for piece in value.split(['{', '}']) {
                let piece = piece.trim();
                if piece.chars().filter(|c| han(*c)).count() >= 2 && !piece.starts_with('$') {
                    out.push(piece.to_string());
                }
            }
        }
    }
    assert!(out.len() > 100, "the Chinese staff catalogue is read: {} fragments", out.len());
    out
}

/// Output lines with something on them.
fn lines(out: &std::process::Output) -> Vec<String> {
    [text(&out.stdout), text(&out.stderr)]
        .iter()
        .flat_map(|t| t.lines().map(str::to_string).collect::<Vec<_>>())
        .filter(|l| !l.trim().is_empty())
        .collect()
}

fn assert_chinese(what: &str, out: &std::process::Output) {
    let lines = lines(out);
    assert!(!lines.is_empty(), "{what} printed nothing");
    for line in &lines {
        assert!(!line.contains('⟦'), "{what}: a message id instead of its text: {line}");
        assert!(line.chars().any(han), "{what}: a line not in Chinese: {line}\n{}", lines.join("\n"));
    }
}

/// `line` with what is data removed: backticked values, anything in parentheses or
/// brackets, and the given data words (names, employers …).
fn without_data(line: &str, data: &[&str]) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    let mut in_ticks = false;
    for c in line.chars() {
        match c {
            '`' => in_ticks = !in_ticks,
            '(' | '（' | '[' => depth += 1,
            ')' | '）' | ']' => depth = depth.saturating_sub(1),
            _ if in_ticks || depth > 0 => {}
            _ => out.push(c),
        }
    }
    data.iter().fold(out, |text, word| text.replace(word, " "))
}

fn assert_english(what: &str, out: &std::process::Output, data: Option<&[&str]>) {
    let lines = lines(out);
    assert!(!lines.is_empty(), "{what} printed nothing");
    let sentences = chinese_sentences();
    for line in &lines {
        assert!(!line.contains('⟦'), "{what}: a message id instead of its text: {line}");
        let rest = without_data(line, data.unwrap_or_default());
        if let Some(s) = sentences.iter().find(|s| rest.contains(s.as_str())) {
            panic!("{what}: Chinese message text `{s}` in English output: {line}");
        }
        if data.is_some() {
            assert!(!rest.chars().any(han), "{what}: Chinese outside data in English output: {line} (left: {rest})");
        }
    }
}

fn run(lang: Option<&str>, args: &[&str]) -> std::process::Output {
    let mut all: Vec<&str> = lang.map(|l| vec!["--lang", l]).unwrap_or_default();
    all.extend_from_slice(args);
    expertpool(&all)
}

/// A summary table with one good row and one with a problem in nearly every cell.
fn table_with_problems(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("汇总表.csv");
    let lines = [
        expertpool_records::annex2::HEADERS.join(","),
        "1,张测试,女,449901198001010027,数控加工,星河示例机械有限公司,高级工程师,,13800000009".to_string(),
        "2,王3,男,449901198001010027,数空加工,星河示例机械有限公司,特级大师,优秀员工,123".to_string(),
    ];
    std::fs::write(&path, lines.join("\n")).unwrap();
    path
}

/// What the table and the demo put into lines as data.
const IMPORT_DATA: &[&str] =
    &["张测试", "王3", "星河示例机械有限公司", "数控加工", "高级工程师", "、", "—", "单位推荐", "公开征集-单位推荐"];

#[test]
fn import_dry_run_speaks_the_language_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    let table = table_with_problems(dir.path());
    let content = repo().join("content");
    // The pool by its Chinese short name: clerks know it so.
    let args = |content: &Path| {
        vec![
            "import".to_string(),
            table.to_str().unwrap().to_string(),
            "--pool".into(),
            "职业能力建设专家库".into(),
            "--unit".into(),
            "星河示例机械有限公司".into(),
            "--content".into(),
            content.to_str().unwrap().to_string(),
            "--date".into(),
            TODAY.into(),
        ]
    };
    let args = args(&content);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let zh = run(None, &args);
    assert_eq!(zh.status.code(), Some(1), "{}{}", text(&zh.stdout), text(&zh.stderr));
    assert_chinese("import", &zh);
    let stdout = text(&zh.stdout);
    assert!(stdout.contains("错误：第 3 行 B 列（姓名）：`王3` 不是姓名。"), "{stdout}");
    assert!(stdout.contains("共读取 2 行"), "{stdout}");
    let en = run(Some("en"), &args);
    assert_eq!(en.status.code(), Some(1));
    assert_english("import --lang en", &en, Some(IMPORT_DATA));
    let stdout = text(&en.stdout);
    assert!(stdout.contains("error: row 3, column B (姓名): `王3` is not a name"), "{stdout}");
    assert!(stdout.contains("2 rows read: 1 to create"), "{stdout}");
}

#[test]
fn record_new_refusals_speak_the_language_asked_for() {
    let content = repo().join("content");
    let args = [
        "record",
        "new",
        "--pool",
        "zhineng",
        "--content",
        content.to_str().unwrap(),
        "--date",
        TODAY,
        "--dry-run",
        "--name",
        "王3",
        "--gender",
        "男",
        "--id-number",
        "449901198001010027",
        "--mobile",
        "123",
        "--employer",
        "星河示例机械有限公司",
        "--specialty",
        "数空加工",
        "--level",
        "特级大师",
    ];
    let zh = run(None, &args);
    assert_eq!(zh.status.code(), Some(1));
    assert_chinese("record new", &zh);
    assert!(
        text(&zh.stderr).contains("错误：--specialty（职业、专业）：没有名为 `数空加工` 的专业。"),
        "{}",
        text(&zh.stderr)
    );
    let en = run(Some("en"), &args);
    assert_eq!(en.status.code(), Some(1));
    assert_english("record new --lang en", &en, Some(&["王3", "星河示例机械有限公司", "数控加工", "特级大师"]));
    assert!(text(&en.stderr).contains("error: --specialty (职业、专业): no specialty is named `数空加工`"));
}

#[test]
fn report_speaks_the_language_asked_for() {
    let args = ["report", "--today", TODAY];
    let zh = run(None, &args);
    assert!(zh.status.success(), "{}", text(&zh.stderr));
    assert_chinese("report", &zh);
    // The report's lines carry names, employers, specialties and Chinese labels of the
    // rules as data; no catalogue sentence may be among them.
    let en = run(Some("en"), &args);
    assert!(en.status.success());
    assert_english("report --lang en", &en, None);
    assert!(text(&en.stdout).starts_with("Report for 2026-11-23 (looking 90 days ahead)"));
}

#[test]
fn export_finds_a_pool_by_its_chinese_name_and_suggests_for_a_misspelt_one() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("名单.csv");
    let export = |lang: Option<&str>, pool: &str| {
        run(lang, &["export", "--pool", pool, "--out", out.to_str().unwrap(), "--today", TODAY])
    };
    let found = export(None, "星河市职业能力建设专家库");
    assert!(found.status.success(), "{}", text(&found.stderr));
    assert!(text(&found.stdout).contains("已将 `zhineng` 的"), "{}", text(&found.stdout));
    assert!(std::fs::read_to_string(&out).unwrap().contains("姓名"), "the roster is written");
    assert_chinese("export", &found);

    // A wrong character in the name: an error naming the pool meant.
    let zh = export(None, "职业能力建设专家裤");
    assert_eq!(zh.status.code(), Some(1));
    assert_chinese("export with a misspelt pool", &zh);
    let stderr = text(&zh.stderr);
    assert!(stderr.contains("没有代码或名称为 `职业能力建设专家裤` 的专家库"), "{stderr}");
    assert!(stderr.contains("是否指：星河市职业能力建设专家库（`zhineng`）"), "{stderr}");
    let en = export(Some("en"), "zhinen");
    assert_eq!(en.status.code(), Some(1));
    assert_english("export --lang en with a misspelt pool", &en, Some(&[]));
    let stderr = text(&en.stderr);
    assert!(stderr.contains("No pool has the code or name `zhinen`"), "{stderr}");
    assert!(stderr.contains("Did you mean `星河市职业能力建设专家库` (`zhineng`)?"), "{stderr}");

    // A part common to both pools' names lists them.
    let both = export(Some("en"), "星河市");
    assert_eq!(both.status.code(), Some(1));
    let stderr = text(&both.stderr);
    assert!(stderr.contains("2 pools") && stderr.contains("`gaojineng`") && stderr.contains("`zhineng`"), "{stderr}");
}

#[test]
fn admit_takes_a_specialty_by_name_and_suggests_for_a_misspelt_one() {
    let content = repo().join("content");
    let admit = |lang: Option<&str>, category: &str| {
        let args = [
            "record",
            "admit",
            "ZN-00020",
            "--certificate",
            "ZN-2026-99999",
            "--category",
            category,
            "--content",
            content.to_str().unwrap(),
            "--date",
            "2026-12-30",
            "--dry-run",
        ];
        run(lang, &args)
    };
    let zh = admit(None, "电公");
    assert_eq!(zh.status.code(), Some(1));
    assert_chinese("admit with a misspelt category", &zh);
    let stderr = text(&zh.stderr);
    assert!(stderr.contains("--category：没有代码或名称为 `电公` 的专业。"), "{stderr}");
    assert!(stderr.contains("电工（`DQ-01`）"), "{stderr}");
    let en = admit(Some("en"), "电公");
    assert_english("admit --lang en with a misspelt category", &en, Some(&[]));
    assert!(text(&en.stderr).contains("No specialty has the code or name `电公`"), "{}", text(&en.stderr));
    // By its name the category is found: what stops the step now is the step itself.
    let by_name = admit(None, "电工");
    assert!(!text(&by_name.stderr).contains("--category"), "{}", text(&by_name.stderr));
}
