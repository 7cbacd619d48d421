//! Record history from a real git repository: one entry per commit touching an expert
//! file, newest first; private files and pool policies are not reported.

mod common;

use common::*;
use expertpool_records::Date;
use expertpool_staff::history::public_record_history;
use std::path::Path;
use std::process::Command;

fn git(dir: &Path, args: &[&str]) -> bool {
    Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false"])
        .args(args)
        .env("GIT_AUTHOR_DATE", "2026-03-02T10:00:00+08:00")
        .env("GIT_COMMITTER_DATE", "2026-03-02T10:00:00+08:00")
        .status()
        .is_ok_and(|s| s.success())
}

#[test]
fn changes_per_expert_file_from_one_git_log() {
    let (dir, root) = copy_fixture();
    if !git(dir.path(), &["init", "-q"]) {
        eprintln!("git is not available; skipping");
        return;
    }
    assert!(git(dir.path(), &["add", "."]));
    assert!(git(dir.path(), &["commit", "-q", "-m", "导入首批专家"]));
    let path = root.join("pools/zhineng/experts/ZN-0001.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, format!("{text}\n[[confirmations]]\nyear = 2026\ndate = 2026-03-01\n")).unwrap();
    let private = root.join("private/experts/P-0001.toml");
    std::fs::write(&private, std::fs::read_to_string(&private).unwrap() + "email = \"a@b.example\"\n").unwrap();
    assert!(git(dir.path(), &["add", "."]));
    assert!(git(
        dir.path(),
        &["commit", "-q", "-m", "ZN-0001 confirm-info (internal text)", "-m", "变更说明：2026 年度信息确认"]
    ));

    let history = public_record_history(&root);
    let zn1 = &history[&path];
    assert_eq!(zn1.len(), 2);
    assert_eq!(zn1[0].note.as_deref(), Some("2026 年度信息确认"));
    assert_eq!(zn1[0].date, Date::ymd(2026, 3, 2));
    assert_eq!(zn1[1].note, None, "a message without 变更说明 is not published");
    assert_eq!(history[&root.join("pools/zhineng/experts/ZN-0002.toml")].len(), 1);
    assert_eq!(history.len(), 5, "the five expert files, nothing else");
    assert!(history.keys().all(|k| !k.to_string_lossy().contains("private")));
}
