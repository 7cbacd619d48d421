//! The CLI speaks the reader's language: every subcommand's `--help` and a typical failing
//! call of each, in Chinese by default, in English with `--lang en` and with an English
//! `LANG`, and `--lang` over the environment. No message may show a missing catalogue id
//! (`⟦id⟧`); the English help may hold Chinese only where the English catalogue itself
//! does (data a clerk types, such as 单位推荐 or 聘书编号), never a Chinese sentence.

mod common;

use std::process::{Command, Output};

use common::{repo, text};
use expertpool_i18n::Lang;

/// Where the language comes from in a run.
#[derive(Clone, Copy, Debug)]
enum Asked {
    /// No flag, no language in the environment: Chinese.
    Default,
    /// `--lang en`.
    Flag,
    /// `LANG=en_US.UTF-8`, with `LC_ALL` and `LC_MESSAGES` unset.
    Environment,
}

fn run(asked: Asked, args: &[&str]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_expertpool"));
    c.current_dir(repo()).env_remove("LC_ALL").env_remove("LC_MESSAGES").env_remove("LANG");
    match asked {
        Asked::Default => {}
        Asked::Flag => {
            c.arg("--lang").arg("en");
        }
        Asked::Environment => {
            c.env("LANG", "en_US.UTF-8");
        }
    }
    c.args(args).output().expect("run expertpool")
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}')
}

fn has_han(s: &str) -> bool {
    s.chars().any(is_han)
}

/// The runs of Chinese characters in `s` that the English catalogue does not hold.
fn foreign_chinese(s: &str) -> Vec<String> {
    let catalogue: String = expertpool_i18n::sources(Lang::En).map(|(_, t)| t).collect();
    s.split(|c: char| !is_han(c)).filter(|run| !run.is_empty() && !catalogue.contains(run)).map(str::to_owned).collect()
}

/// Every command and subcommand, as typed.
const COMMANDS: &[&[&str]] = &[
    &[],
    &["init"],
    &["check"],
    &["build"],
    &["serve"],
    &["synthesize"],
    &["verify"],
    &["witness"],
    &["drawd"],
    &["token"],
    &["token", "add"],
    &["staff"],
    &["staff", "add"],
    &["export-log"],
    &["import"],
    &["export"],
    &["report"],
    &["record"],
    &["record", "new"],
    &["record", "review"],
    &["record", "publicize"],
    &["record", "approve"],
    &["record", "admit"],
    &["record", "renew"],
    &["record", "evaluate"],
    &["record", "misconduct"],
    &["record", "dismiss"],
    &["record", "confirm-info"],
    &["record", "update-info"],
    &["hooks"],
    &["hooks", "install"],
    &["backup"],
    &["restore"],
    &["verify-backup"],
];

fn help(asked: Asked, command: &[&str]) -> String {
    let mut args = command.to_vec();
    args.push("--help");
    let out = run(asked, &args);
    assert!(out.status.success(), "{args:?} {asked:?}: {}", text(&out.stderr));
    text(&out.stdout)
}

#[test]
fn help_is_chinese_by_default_and_english_on_request() {
    for command in COMMANDS {
        let zh = help(Asked::Default, command);
        assert!(!zh.contains('⟦'), "{command:?}: {zh}");
        assert!(zh.contains("用法：") && zh.contains("显示帮助"), "{command:?}: {zh}");
        // The first line is the command's about text.
        let about = zh.lines().next().unwrap_or("");
        assert!(has_han(about), "{command:?}: the about text is not Chinese: {zh}");
        // Every argument and option says what it is for, in Chinese: on its line, or on
        // the next when clap puts long lists in two lines per option.
        let lines: Vec<&str> = zh.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let trimmed = line.trim_start();
            if trimmed.starts_with('-') || trimmed.starts_with('<') {
                let next = lines.get(i + 1).copied().unwrap_or("");
                assert!(has_han(line) || has_han(next), "{command:?}: no Chinese for: {line}\n{zh}");
            }
        }
        for asked in [Asked::Flag, Asked::Environment] {
            let en = help(asked, command);
            assert!(!en.contains('⟦'), "{command:?} {asked:?}: {en}");
            assert!(en.contains("Usage: ") && en.contains("Print help"), "{command:?} {asked:?}: {en}");
            let foreign = foreign_chinese(&en);
            assert!(foreign.is_empty(), "{command:?} {asked:?}: Chinese text {foreign:?} in the English help:\n{en}");
        }
    }
}

#[test]
fn the_flag_beats_the_environment() {
    let mut c = Command::new(env!("CARGO_BIN_EXE_expertpool"));
    let out = c
        .current_dir(repo())
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "en_US.UTF-8")
        .args(["verify", "--help", "--lang", "zh"])
        .output()
        .unwrap();
    let said = text(&out.stdout);
    assert!(said.contains("核验公开的抽取日志") && !said.contains("Usage:"), "{said}");
    let out = Command::new(env!("CARGO_BIN_EXE_expertpool"))
        .current_dir(repo())
        .env("LC_ALL", "zh_CN.UTF-8")
        .args(["verify", "/nonexistent/log.json", "--lang=en"])
        .output()
        .unwrap();
    let said = text(&out.stderr);
    assert!(said.contains("cannot read the draw log file") && !has_han(&said), "{said}");
}

/// A typical failing call of each subcommand, and whether its message is already the
/// catalogue's in both languages (then the English one may hold no Chinese at all).
/// The others' messages belong to other areas; they must still fail cleanly, with the
/// localised `错误：`/`error:` line and no missing id.
fn failing_calls(dir: &str) -> Vec<(Vec<String>, bool)> {
    let calls: &[(&str, bool)] = &[
        ("init crates", false),
        ("check --content /nonexistent", false),
        ("build --content /nonexistent --out {dir}/site", false),
        ("serve --port notaport", true),
        ("synthesize --experts many --out {dir}/synthetic", true),
        ("verify /nonexistent/log.json", true),
        ("verify crates/cli/Cargo.toml --format xml", true),
        ("witness --log http://127.0.0.1:9 --state {dir}/witness", true),
        ("witness --state {dir}/witness", true),
        ("drawd --config /nonexistent/drawd.toml --data {dir}/data", false),
        ("token add wang.li --role boss --config {dir}/drawd.toml", true),
        ("staff add wang.li --role boss --config {dir}/drawd.toml", true),
        ("export-log --data /nonexistent --out {dir}/log.json", false),
        ("import /nonexistent.xlsx --pool zn", false),
        ("export --pool zn --out {dir}/roster.csv --content /nonexistent", false),
        ("report --content /nonexistent", false),
        ("record review ZN-00001 --content /nonexistent", false),
        ("record promote ZN-00001", true),
        ("hooks install --content /nonexistent", false),
        ("backup /nonexistent --out {dir}/backup", false),
        ("restore /nonexistent --data {dir}/restored", false),
        ("verify-backup /nonexistent", false),
        ("verify", true),
        ("check --no-such-flag", true),
    ];
    calls
        .iter()
        .map(|(line, ours)| (line.replace("{dir}", dir).split(' ').map(str::to_owned).collect(), *ours))
        .collect()
}

#[test]
fn failures_are_explained_in_the_language_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    for (args, ours) in failing_calls(dir.path().to_str().unwrap()) {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let zh = run(Asked::Default, &args);
        let said = text(&zh.stderr);
        assert!(!zh.status.success(), "{args:?} should fail: {said}");
        assert!(!said.contains('⟦') && !said.contains("panicked"), "{args:?}: {said}");
        let message =
            said.strip_prefix("错误：").unwrap_or_else(|| panic!("{args:?}: not a Chinese error line: {said}"));
        if ours {
            assert!(has_han(message), "{args:?}: {said}");
        }
        for asked in [Asked::Flag, Asked::Environment] {
            let en = run(asked, &args);
            let said = text(&en.stderr);
            assert_eq!(en.status.code(), zh.status.code(), "{args:?} {asked:?}: {said}");
            assert!(!said.contains('⟦') && !said.contains("panicked"), "{args:?} {asked:?}: {said}");
            assert!(said.starts_with("error: "), "{args:?} {asked:?}: {said}");
            if ours {
                assert!(!has_han(&said), "{args:?} {asked:?}: {said}");
            }
        }
    }
}
