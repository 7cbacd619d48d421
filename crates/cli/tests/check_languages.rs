//! `check` speaks the clerk's language: on an instance with many kinds of mistakes, every
//! diagnostic is Chinese by default and English with `--lang en`, and the machine-facing
//! `code`s are the same in both.

mod common;

use common::*;

fn has_han(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// The message of a headline `path:line:col: 错误: field (标签): message`, with the parts
/// that are data — backticked or quoted values and the field label — taken out.
fn sentence_of(headline: &str, severity: &str) -> String {
    let after = headline.split_once(&format!(": {severity}: ")).map_or(headline, |(_, rest)| rest);
    let mut out = String::new();
    let mut inside = None;
    for c in after.chars() {
        match (inside, c) {
            (None, '`' | '"' | '（' | '(' | '“') => inside = Some(c),
            (Some('`'), '`') | (Some('"'), '"') | (Some('（'), '）') | (Some('('), ')') | (Some('“'), '”') => {
                inside = None
            }
            (None, _) => out.push(c),
            _ => {}
        }
    }
    out
}

/// A copy of the demo with one mistake of each kind.
fn broken_instance() -> tempfile::TempDir {
    let dir = demo_copy();
    let root = dir.path();
    let edit = |id: &str, from: &str, to: &str| {
        let path = root.join(format!("pools/zhineng/experts/{id}.toml"));
        let text = std::fs::read_to_string(&path).unwrap();
        let line = text.lines().find(|l| l.starts_with(from)).unwrap_or_else(|| panic!("{id} has {from}")).to_owned();
        std::fs::write(&path, text.replacen(&line, &to.replace("{line}", &line), 1)).unwrap();
    };
    edit("ZN-00001", "employer_kind = ", "employer_kind = \"公司\"");
    edit("ZN-00002", "field_since = ", "field_since = \"1990\"");
    edit("ZN-00003", "specialties = ", "specialties = [\"ZZ-99\"]");
    edit("ZN-00004", "expertise = ", "expertize = \"焊接\"");
    edit("ZN-00005", "id = ", "id = \"ZN-09999\"");
    edit("ZN-00006", "employer = ", "employer = \" \"");
    let person = root.join("private/experts/P-000001.toml");
    let text = std::fs::read_to_string(&person).unwrap();
    let line = text.lines().find(|l| l.starts_with("mobile")).unwrap().to_owned();
    std::fs::write(&person, text.replace(&line, "mobile = \"123\"")).unwrap();
    dir
}

fn check(root: &std::path::Path, lang: &[&str], format: &str) -> String {
    let mut args = vec!["check", "--content", root.to_str().unwrap(), "--today", TODAY, "--format", format];
    args.extend_from_slice(lang);
    let out = expertpool(&args);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    text(&out.stdout)
}

#[test]
fn diagnostics_are_chinese_by_default_and_english_with_lang_en() {
    let dir = broken_instance();
    let zh = check(dir.path(), &[], "text");
    let en = check(dir.path(), &["--lang", "en"], "text");
    assert!(!zh.contains('⟦') && !en.contains('⟦'), "a message id is missing:\n{zh}\n{en}");
    let zh_heads: Vec<&str> = zh.lines().filter(|l| l.contains(": 错误: ") || l.contains(": 警告: ")).collect();
    let en_heads: Vec<&str> = en.lines().filter(|l| l.contains(": error: ") || l.contains(": warning: ")).collect();
    assert!(zh_heads.len() >= 5, "{zh}");
    assert_eq!(zh_heads.len(), en_heads.len(), "the same diagnostics in both languages:\n{zh}\n{en}");
    for head in &zh_heads {
        let severity = if head.contains(": 错误: ") { "错误" } else { "警告" };
        assert!(has_han(&sentence_of(head, severity)), "an untranslated message: {head}");
    }
    for head in &en_heads {
        let severity = if head.contains(": error: ") { "error" } else { "warning" };
        let sentence = sentence_of(head, severity);
        assert!(!has_han(&sentence), "Chinese text in an English message: {head} ({sentence})");
    }
    let zh_help = zh.lines().filter(|l| l.starts_with("  = 修改方法: ")).count();
    let en_help = en.lines().filter(|l| l.starts_with("  = help: ")).count();
    assert!(zh_help > 0 && zh_help == en_help, "{zh}\n{en}");
    assert!(zh.lines().any(|l| l.starts_with("已检查 ") && l.contains(" 个错误，")), "{zh}");
    assert!(en.lines().any(|l| l.starts_with("checked ") && l.contains(" errors, ")), "{en}");
}

#[test]
fn json_codes_are_the_same_in_both_languages() {
    let dir = broken_instance();
    let parse = |s: String| -> Vec<(String, String)> {
        let v: serde_json::Value = serde_json::from_str(&s).unwrap();
        v.as_array()
            .unwrap()
            .iter()
            .map(|d| (d["code"].as_str().unwrap().to_owned(), d["field"].as_str().unwrap().to_owned()))
            .collect()
    };
    let zh = parse(check(dir.path(), &[], "json"));
    let en = parse(check(dir.path(), &["--lang", "en"], "json"));
    assert_eq!(zh, en);
    for code in ["unknown-reference", "unknown-field", "bad-value", "wrong-type"] {
        assert!(zh.iter().any(|(c, _)| c == code), "no `{code}` in {zh:?}");
    }
}

#[test]
fn an_english_locale_chooses_english_and_lang_beats_it() {
    let dir = broken_instance();
    let root = dir.path().to_str().unwrap();
    let run = |lang: Option<&str>| {
        let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_expertpool"));
        c.args(["check", "--content", root, "--today", TODAY])
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", "en_US.UTF-8");
        if let Some(l) = lang {
            c.args(["--lang", l]);
        }
        text(&c.output().unwrap().stdout)
    };
    assert!(run(None).contains(": error: "));
    assert!(run(Some("zh")).contains(": 错误: "));
}
