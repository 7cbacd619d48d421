//! Expert pages list the commits that changed the public record (issue 5: record history).

mod common;

use common::*;
use std::process::Command;

fn git(dir: &std::path::Path, args: &[&str]) {
    let status = Command::new("git")
        .args(["-c", "user.name=测试", "-c", "user.email=test@example.org"])
        .args(args)
        .current_dir(dir)
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?}");
}

#[test]
fn expert_page_shows_the_commits_of_its_public_record_only() {
    let dir = copy_demo();
    let root = dir.path();
    git(root, &["init", "-q"]);
    git(root, &["add", "."]);
    git(root, &["commit", "-q", "-m", "导入演示数据"]);
    let record = root.join("pools/zhineng/experts/ZN-00003.toml");
    let source = std::fs::read_to_string(&record).unwrap();
    std::fs::write(&record, source.replacen("name = ", "# 更正单位名称\nname = ", 1)).unwrap();
    git(root, &["commit", "-q", "-am", "fix employer of ZN-00003 (internal)", "-m", "变更说明：更正工作单位名称"]);
    // The site copy has no private folder; a commit touching only private/ must not show.
    std::fs::create_dir_all(root.join("private/experts")).unwrap();
    std::fs::write(root.join("private/experts/P-999999.toml"), "id = \"P-999999\"\n").unwrap();
    git(root, &["add", "private"]);
    git(root, &["commit", "-q", "-m", "私密记录的提交说明"]);

    let site = render(root, day()).unwrap();
    let page = site.files.iter().find(|(p, _)| p.contains("ZN-00003")).map(|(p, _)| text(&site, p)).unwrap();
    assert!(page.contains("记录变更"), "history section missing");
    assert!(page.contains("更正工作单位名称"), "the public note is shown: {page}");
    assert!(page.contains("记录更新（未附公开说明）"), "a commit without a note is listed without its message");
    assert!(!page.contains("导入演示数据") && !page.contains("internal"), "raw commit messages never reach the site");
    let everything: String = site.files.iter().map(|(_, bytes)| String::from_utf8_lossy(bytes).into_owned()).collect();
    assert!(!everything.contains("私密记录的提交说明"), "a commit that only touched private/ leaked");

    // Outside a git checkout the section is simply left out.
    let plain = render(&demo_outside_git(), day()).unwrap();
    let page = plain.files.iter().find(|(p, _)| p.contains("ZN-00003")).map(|(p, _)| text(&plain, p)).unwrap();
    assert!(!page.contains("记录变更"));
}

/// A copy of the demo in a temporary folder that is not inside any git checkout.
fn demo_outside_git() -> std::path::PathBuf {
    let dir = copy_demo();
    dir.keep()
}

/// `serve` reads the history again when a commit is made, and only then.
#[test]
fn serve_shows_a_new_commit_and_reuses_the_history_until_then() {
    use expertpool_site::BuildOptions;
    use expertpool_site::Builder;
    let dir = copy_demo();
    let root = dir.path();
    git(root, &["init", "-q"]);
    git(root, &["add", "."]);
    git(root, &["commit", "-q", "-m", "导入演示数据"]);
    let mut builder =
        Builder::new(BuildOptions { content: root.to_path_buf(), templates: Some(templates_dir()), today: day() });
    builder.build(&[]).unwrap();

    let record = root.join("pools/zhineng/experts/ZN-00003.toml");
    let source = std::fs::read_to_string(&record).unwrap();
    std::fs::write(&record, source.replacen("name = ", "# 更正单位名称\nname = ", 1)).unwrap();
    let page = "pools/zhineng/experts/ZN-00003/index.html";
    let edited = builder.build(std::slice::from_ref(&record)).unwrap();
    assert!(!text(&edited, page).contains("更正工作单位名称"), "not committed yet");

    git(root, &["commit", "-q", "-am", "更正ZN-00003工作单位", "-m", "变更说明：更正工作单位名称"]);
    let committed = builder.build(std::slice::from_ref(&record)).unwrap();
    assert!(text(&committed, page).contains("更正工作单位名称"), "the new commit is shown");

    builder.build(std::slice::from_ref(&record)).unwrap();
    assert_eq!(builder.last_rendered(), 0, "no commit, no change: nothing rendered again");
}
