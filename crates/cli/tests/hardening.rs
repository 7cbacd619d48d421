//! Input that used to crash the binary (exit 101) or slip through: every case must end in a
//! located refusal, never a panic.

mod common;

use common::*;
use std::path::Path;
use std::process::Output;

fn edit(path: &Path, from: &str, to: &str) {
    let source = std::fs::read_to_string(path).unwrap();
    assert!(source.contains(from), "{} lacks {from:?}", path.display());
    std::fs::write(path, source.replacen(from, to, 1)).unwrap();
}

fn all_output(out: &Output) -> String {
    format!("{}{}", text(&out.stdout), text(&out.stderr))
}

#[test]
fn an_appointment_in_year_9999_is_a_located_error_in_check_and_build() {
    let dir = demo_copy();
    let expert = dir.path().join("pools/gaojineng/experts/GJ-00001.toml");
    edit(&expert, "start = 2026-06-24", "start = 9999-06-24");
    let content = dir.path().to_str().unwrap();
    let out = expertpool(&["check", "--content", content, "--today", TODAY, "--no-notes"]);
    assert_eq!(out.status.code(), Some(1), "{}", all_output(&out));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("GJ-00001.toml:"), "{stdout}");
    assert!(stdout.contains("1900") && stdout.contains("2199"), "{stdout}");

    let site = tempfile::tempdir().unwrap();
    let out_dir = site.path().join("public");
    let out = expertpool(&["build", "--content", content, "--today", TODAY, "--out", out_dir.to_str().unwrap()]);
    assert_ne!(out.status.code(), Some(101), "{}", all_output(&out));
}

#[test]
fn a_notice_starting_at_the_end_of_year_9999_is_refused_not_a_panic() {
    let dir = demo_copy();
    let notice = dir.path().join("notices/gaojineng-20260608.md");
    edit(&notice, "start = 2026-06-08", "start = 9999-12-30");
    let out = expertpool(&["check", "--content", dir.path().to_str().unwrap(), "--today", TODAY, "--no-notes"]);
    assert_eq!(out.status.code(), Some(1), "{}", all_output(&out));
    assert!(text(&out.stdout).contains("gaojineng-20260608.md:"), "{}", text(&out.stdout));
}

#[test]
fn report_refuses_a_horizon_or_a_day_beyond_the_calendar() {
    let out = expertpool(&["report", "--today", TODAY, "--within", "999999999"]);
    assert_eq!(out.status.code(), Some(2), "{}", all_output(&out));
    assert!(text(&out.stderr).contains("--within"), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("3650"), "{}", text(&out.stderr));

    let out = expertpool(&["report", "--today", "9999-12-31"]);
    assert_eq!(out.status.code(), Some(1), "{}", all_output(&out));
    assert!(text(&out.stderr).contains("--today") && text(&out.stderr).contains("2199"), "{}", text(&out.stderr));

    let out = expertpool(&["report", "--today", TODAY, "--within", "3650"]);
    assert!(out.status.success(), "{}", all_output(&out));
}

#[test]
fn lifecycle_steps_refuse_a_date_beyond_the_calendar() {
    let dir = demo_copy();
    let content = dir.path().to_str().unwrap();
    for step in ["renew", "admit"] {
        let args =
            ["record", step, "GJ-00001", "--certificate", "GJ-2099-1", "--content", content, "--date", "9999-12-31"];
        let out = expertpool(&[&args[..], &["--dry-run"]].concat());
        assert_eq!(out.status.code(), Some(1), "{step}: {}", all_output(&out));
        assert!(text(&out.stderr).contains("2199"), "{step}: {}", text(&out.stderr));
    }
}
