//! End-to-end tests of the `expertpool` binary: exit statuses, output formats and the
//! edits commands make, run as a clerk would run them.

mod common;

use common::*;
use std::path::PathBuf;
use std::process::Command;

#[test]
fn check_hides_notes_unless_verbose() {
    let quiet = text(&expertpool(&["check", "--today", TODAY]).stdout);
    assert!(!quiet.lines().any(|l| l.contains(": 提示: ")), "no note by default: {quiet}");
    let hint =
        quiet.lines().find(|l| l.starts_with("另有 ")).unwrap_or_else(|| panic!("a count of hidden notes: {quiet}"));
    let hidden: usize = hint.trim_start_matches("另有 ").split(' ').next().unwrap().parse().unwrap();
    assert!(hint.contains("--verbose"), "{hint}");
    let verbose = text(&expertpool(&["check", "--today", TODAY, "--verbose"]).stdout);
    let notes = verbose.lines().filter(|l| l.contains(": 提示: ")).count();
    assert_eq!(notes, hidden, "--verbose prints every note the hint counted");
    assert!(!verbose.contains("另有 "));
}

#[test]
fn check_passes_on_the_demo_and_fails_on_a_wrong_check_digit() {
    let out = expertpool(&["check", "--today", TODAY]);
    assert!(out.status.success(), "{}", text(&out.stdout));
    assert!(text(&out.stdout).contains("：0 个错误，0 个警告"), "{}", text(&out.stdout));

    let dir = demo_copy();
    let person = dir.path().join("private/experts/P-000001.toml");
    let source = std::fs::read_to_string(&person).unwrap();
    let line = source.lines().find(|l| l.starts_with("id_number")).unwrap().to_string();
    let digits: String = line.chars().filter(|c| c.is_ascii_alphanumeric()).skip("idnumber".len()).collect();
    let wrong = if digits.ends_with('0') { format!("{}1", &digits[..17]) } else { format!("{}0", &digits[..17]) };
    std::fs::write(&person, source.replace(&digits, &wrong)).unwrap();

    let content = dir.path().to_str().unwrap();
    let out = expertpool(&["check", "--content", content, "--today", TODAY, "--no-notes"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("P-000001.toml:3:13: 错误: id_number (身份证号码): 校验码应为"), "{stdout}");
    assert!(stdout.contains("= 修改方法: 请对照身份证重新录入号码"), "{stdout}");

    let out = expertpool(&["check", "--content", content, "--today", TODAY, "--format", "json", "--no-notes"]);
    let diagnostics: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON diagnostics");
    let first = &diagnostics[0];
    assert_eq!(first["code"], "id-number");
    assert_eq!(first["field"], "id_number");
    assert_eq!((first["line"].as_u64(), first["column"].as_u64()), (Some(3), Some(13)));
}

#[test]
fn check_names_a_missing_content_folder() {
    let out = expertpool(&["check", "--content", "/nonexistent/instance"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("找不到内容文件夹 `/nonexistent/instance`：请用 --content DIR 指定"));
}

#[test]
fn approval_waits_for_the_publicity_period_then_is_written_with_comments_kept() {
    let dir = demo_copy();
    let content = dir.path().to_str().unwrap();
    // ZN-00020 is listed in zhineng-20261119, whose period runs until 2026-11-25.
    let refused = expertpool(&[
        "record",
        "approve",
        "ZN-00020",
        "--meeting",
        "2026年第9次会议",
        "--content",
        content,
        "--date",
        TODAY,
    ]);
    assert!(!refused.status.success());
    assert!(text(&refused.stderr).contains("2026-11-25"), "{}", text(&refused.stderr));

    let file = dir.path().join("pools/zhineng/experts/ZN-00020.toml");
    let before = std::fs::read_to_string(&file).unwrap();
    let done = expertpool(&[
        "record",
        "approve",
        "ZN-00020",
        "--meeting",
        "2026年第9次会议",
        "--content",
        content,
        "--date",
        "2026-11-26",
    ]);
    assert!(done.status.success(), "{}{}", text(&done.stdout), text(&done.stderr));
    let after = std::fs::read_to_string(&file).unwrap();
    assert!(after.contains("会议审定") && after.contains("2026年第9次会议"), "{after}");
    let comments =
        |s: &str| s.lines().filter(|l| l.trim_start().starts_with('#')).map(str::to_string).collect::<Vec<_>>();
    assert_eq!(comments(&before), comments(&after), "comments are kept");

    let check = expertpool(&["check", "--content", content, "--today", "2026-11-26", "--no-notes"]);
    assert!(check.status.success(), "{}", text(&check.stdout));
}

#[test]
fn verify_accepts_the_published_log_and_rejects_a_tampered_one() {
    let ok = expertpool(&["verify", "crates/draw/tests/vectors/logs/log-ok.json"]);
    assert!(ok.status.success(), "{}", text(&ok.stdout));
    let bad = expertpool(&["verify", "crates/draw/tests/vectors/logs/tampered-called-out-of-order.json"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(text(&bad.stdout).contains("called_in_order"), "{}", text(&bad.stdout));
}

/// `expertpool verify LOG | head`: a reader that has gone is no error of the verifier's,
/// and never a panic.
#[test]
fn verify_ends_quietly_when_its_reader_has_gone() {
    for format in ["text", "json"] {
        // The read end is closed before the process starts, so every write fails with EPIPE.
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let out = Command::new(env!("CARGO_BIN_EXE_expertpool"))
            .args(["verify", "--format", format, "content/draws/log.json"])
            .current_dir(repo())
            .stdout(writer)
            .stderr(std::process::Stdio::piped())
            .output()
            .expect("run expertpool");
        let err = text(&out.stderr);
        assert!(!err.contains("panicked"), "{format}: {err}");
        assert!(out.status.success(), "{format}: {:?} {err}", out.status);
    }
}

#[test]
fn synthesized_instance_builds_and_checks_clean() {
    let dir = tempfile::tempdir().unwrap();
    let instance = dir.path().join("instance");
    let site = dir.path().join("site");
    let (instance_arg, site_arg) = (instance.to_str().unwrap(), site.to_str().unwrap());
    let out = expertpool(&["synthesize", "--experts", "60", "--seed", "7", "--out", instance_arg]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = expertpool(&["check", "--content", instance_arg, "--today", TODAY, "--no-notes"]);
    assert!(out.status.success(), "{}", text(&out.stdout));
    let out = expertpool(&["build", "--content", instance_arg, "--out", site_arg, "--today", TODAY]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(site.join("index.html").is_file());
    assert!(text(&out.stdout).contains("个，未变 0 个；"), "{}", text(&out.stdout));
    // A second build of the same instance keeps every file and says so.
    let again = expertpool(&["build", "--content", instance_arg, "--out", site_arg, "--today", TODAY]);
    assert!(again.status.success(), "{}", text(&again.stderr));
    assert!(text(&again.stdout).contains("（写出 0 个，"), "{}", text(&again.stdout));
}

#[test]
fn init_writes_an_instance_that_checks_and_builds() {
    let dir = tempfile::tempdir().unwrap();
    let instance = dir.path().join("专家库");
    let site = dir.path().join("site");
    let (instance_arg, site_arg) = (instance.to_str().unwrap(), site.to_str().unwrap());
    let out = expertpool(&["init", instance_arg]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("README.md"), "{}", text(&out.stdout));
    let readme = std::fs::read_to_string(instance.join("README.md")).unwrap();
    assert!(readme.contains("expertpool check"), "{readme}");
    assert!(std::fs::read_to_string(instance.join("site.toml")).unwrap().contains("【请修改】"));
    for year in ["2025", "2026"] {
        let ours = std::fs::read(instance.join(format!("calendar/{year}.toml"))).unwrap();
        assert_eq!(ours, std::fs::read(repo().join(format!("content/calendar/{year}.toml"))).unwrap(), "{year}");
    }

    let out = expertpool(&["check", "--content", instance_arg, "--today", TODAY]);
    assert_eq!(out.status.code(), Some(0), "{}{}", text(&out.stdout), text(&out.stderr));
    assert!(text(&out.stdout).contains("：0 个错误，0 个警告"), "{}", text(&out.stdout));
    let out = expertpool(&["build", "--content", instance_arg, "--out", site_arg, "--today", TODAY]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let home = std::fs::read_to_string(site.join("index.html")).unwrap();
    assert!(home.contains("某某市人力资源和社会保障局专家库（请修改）"), "{home}");
    assert!(site.join("verify.html").is_file() && site.join("assets/site.css").is_file());
}

#[test]
fn init_refuses_a_folder_that_is_not_empty() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.txt"), "mine").unwrap();
    let out = expertpool(&["init", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("不是空的，未写入任何文件"), "{stderr}");
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names, ["notes.txt"]);
}

/// A relocated binary (tests/journeys/relocated_binary.rs) would also build if a fallback to
/// the source tree were compiled in, since the tree is still here; so no library or binary code outside its tests may name the crate's
/// source folder (`env!("CARGO_MANIFEST_DIR")`, used by tests to find fixtures).
#[test]
fn no_code_outside_tests_names_the_source_tree() {
    let mut offenders = Vec::new();
    let mut stack: Vec<PathBuf> =
        std::fs::read_dir(repo().join("crates")).unwrap().map(|e| e.unwrap().path().join("src")).collect();
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for path in entries.map(|e| e.unwrap().path()) {
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let source = std::fs::read_to_string(&path).unwrap();
                let before_tests = source.split("#[cfg(test)]").next().unwrap_or_default();
                if before_tests.contains("CARGO_MANIFEST_DIR") {
                    offenders.push(path.display().to_string());
                }
            }
        }
    }
    assert!(offenders.is_empty(), "source-tree paths compiled into the binary: {offenders:?}");
}

#[test]
fn report_lists_its_sections_in_text_and_json() {
    let out = expertpool(&["report", "--today", TODAY]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("90 天内聘期届满"), "{stdout}");
    let english = text(&expertpool(&["--lang", "en", "report", "--today", TODAY]).stdout);
    assert!(english.contains("Terms ending within 90 days"), "{english}");
    let out = expertpool(&["report", "--today", TODAY, "--format", "json"]);
    let _: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON report");
}

#[test]
fn record_new_checks_its_flags_like_an_imported_row_and_creates_both_records() {
    let dir = demo_copy();
    let content = dir.path().to_str().unwrap();
    let experts = dir.path().join("pools/zhineng/experts");
    let before = std::fs::read_dir(&experts).unwrap().count();
    let new = |extra: &[&str]| {
        let mut args = vec!["record", "new", "--pool", "zhineng", "--content", content, "--date", TODAY];
        args.extend_from_slice(extra);
        expertpool(&args)
    };
    // 449901198001010027 is a woman's number (even 17th digit).
    let refused = new(&[
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
        "数控加工",
        "--level",
        "高级工程师",
    ]);
    assert_eq!(refused.status.code(), Some(1));
    let stderr = text(&refused.stderr);
    let errors: Vec<&str> = stderr.lines().filter(|l| l.starts_with("错误：")).collect();
    assert_eq!(
        errors,
        [
            "错误：--name（姓名）：`王3` 不是姓名。",
            "错误：--gender（性别）：填写为 男，而身份证号码显示为 女。",
            "错误：--mobile（联系方式）：`123` 中没有 11 位手机号码。",
        ],
        "{stderr}"
    );
    assert_eq!(std::fs::read_dir(&experts).unwrap().count(), before, "nothing written");

    let created = new(&[
        "--name",
        "张测试",
        "--id-number",
        "449901198001010019",
        "--mobile",
        "13800000009",
        "--employer",
        "星河示例机械有限公司",
        "--specialty",
        "数控加工",
        "--level",
        "高级工程师",
        "--channel",
        "单位推荐",
        "--unit",
        "星河示例机械有限公司",
    ]);
    assert!(created.status.success(), "{}{}", text(&created.stdout), text(&created.stderr));
    let stdout = text(&created.stdout);
    let public = stdout.lines().find_map(|l| l.strip_prefix("已建立 ").filter(|p| p.contains("/pools/"))).unwrap();
    let record = std::fs::read_to_string(public).unwrap();
    assert!(record.contains("name = \"张测试\"") && record.contains("stage = \"申请\""), "{record}");
    assert!(record.contains("channel = \"公开征集-单位推荐\""), "{record}");
    assert!(stdout.lines().any(|l| l.starts_with("已建立 ") && l.contains("/private/experts/")), "{stdout}");
    let check = expertpool(&["check", "--content", content, "--today", TODAY, "--no-notes"]);
    assert!(check.status.success(), "{}", text(&check.stdout));
}
