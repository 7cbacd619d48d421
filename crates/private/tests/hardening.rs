//! Records that used to be accepted, or drowned in follow-on warnings: each now gets one
//! precise diagnostic. Every test edits a copy of the demo instance.

use expertpool_private::{load_private, validate};
use expertpool_records::diagnostic::{Diagnostic, Severity};
use expertpool_records::load::load_public;
use expertpool_records::model::Date;
use std::path::{Path, PathBuf};

fn content() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../content")
}

fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

fn demo_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy(&content(), &dir.path().join("content"));
    dir
}

fn edit(path: &Path, from: &str, to: &str) {
    let source = std::fs::read_to_string(path).unwrap();
    assert!(source.contains(from), "{} lacks {from:?}", path.display());
    std::fs::write(path, source.replacen(from, to, 1)).unwrap();
}

/// Everything `check` reports on the instance at `root`, notes left out.
fn check(root: &Path) -> Vec<Diagnostic> {
    let public = load_public(root);
    let private = load_private(root);
    let mut out = public.diagnostics;
    out.extend(private.diagnostics);
    if let Some(instance) = public.value {
        out.extend(validate(&instance, private.value.as_ref(), Date::ymd(2026, 11, 23)));
    }
    out.retain(|d| d.severity != Severity::Note);
    out
}

fn rendered(found: &[Diagnostic]) -> String {
    found.iter().map(Diagnostic::render).collect::<Vec<_>>().join("\n")
}

#[test]
fn a_name_with_a_tab_or_a_newline_is_refused() {
    let dir = demo_copy();
    let root = dir.path().join("content");
    edit(&root.join("pools/gaojineng/experts/GJ-00001.toml"), "name = \"黄永家\"", "name = \"黄永\\t家\"");
    let found = check(&root);
    assert!(
        found.iter().any(|d| d.file.ends_with("GJ-00001.toml") && d.field == "name" && d.message.contains("控制字符")),
        "{}",
        rendered(&found)
    );
}

#[test]
fn a_stage_dated_0001_01_01_is_refused() {
    let dir = demo_copy();
    let root = dir.path().join("content");
    edit(&root.join("pools/gaojineng/experts/GJ-00001.toml"), "date = 2026-05-05", "date = 0001-01-01");
    let found = check(&root);
    assert!(
        found.iter().any(|d| d.file.ends_with("GJ-00001.toml") && d.is_error() && d.message.contains("1900")),
        "{}",
        rendered(&found)
    );
}

#[test]
fn the_same_person_twice_in_one_pool_is_flagged() {
    let dir = demo_copy();
    let root = dir.path().join("content");
    let second = root.join("pools/gaojineng/experts/GJ-00002.toml");
    let text = std::fs::read_to_string(&second).unwrap();
    let person = text.lines().find(|l| l.starts_with("person = ")).unwrap().to_string();
    edit(&second, &person, "person = \"P-000001\"");
    let name = text.lines().find(|l| l.starts_with("name = ")).unwrap().to_string();
    edit(&second, &name, "name = \"黄永家\"");
    let found = check(&root);
    assert!(
        found
            .iter()
            .any(|d| d.file.ends_with("GJ-00002.toml") && d.field == "person" && d.message.contains("GJ-00001")),
        "{}",
        rendered(&found)
    );
}

#[test]
fn one_person_under_two_names_in_two_pools_is_flagged() {
    let dir = demo_copy();
    let root = dir.path().join("content");
    // ZN-00001 and GJ-00001 are the same person, P-000001, in the demo.
    edit(&root.join("pools/zhineng/experts/ZN-00001.toml"), "name = \"黄永家\"", "name = \"黄勇家\"");
    let found = check(&root);
    assert!(
        found.iter().any(|d| d.file.ends_with("ZN-00001.toml") && d.field == "name" && d.message.contains("黄永家")),
        "{}",
        rendered(&found)
    );
}

#[test]
fn a_type_error_in_pool_toml_is_reported_once_without_follow_on_warnings() {
    let dir = demo_copy();
    let root = dir.path().join("content");
    edit(&root.join("pools/gaojineng/pool.toml"), "term_years = 5", "term_years = \"5\"");
    let found = check(&root);
    assert_eq!(found.len(), 1, "{}", rendered(&found));
    assert!(found[0].file.ends_with("pool.toml") && found[0].field == "term_years", "{}", rendered(&found));
    assert!(found[0].help.as_deref().is_some_and(|h| h.contains("整数")), "{}", rendered(&found));
}

#[cfg(unix)]
#[test]
fn links_out_of_the_instance_are_refused_and_never_read() {
    let dir = demo_copy();
    let root = dir.path().join("content");
    std::fs::write(dir.path().join("passwd"), "root:x:0:0:root:/root:/bin/bash\n").unwrap();
    let expert = root.join("pools/gaojineng/experts/GJ-00001.toml");
    std::fs::remove_file(&expert).unwrap();
    std::os::unix::fs::symlink(dir.path().join("passwd"), &expert).unwrap();
    std::fs::write(dir.path().join("leak.md"), "+++\ntitle = \"泄露\"\n+++\n机密\n").unwrap();
    std::os::unix::fs::symlink(dir.path().join("leak.md"), root.join("pages/leak.md")).unwrap();
    // A link that stays inside the instance is fine.
    let page =
        std::fs::read_dir(root.join("pages")).unwrap().map(|e| e.unwrap().path()).find(|p| !p.ends_with("leak.md"));
    std::os::unix::fs::symlink(page.unwrap(), root.join("pages/alias.md")).unwrap();

    let public = load_public(&root);
    let instance = public.value.as_ref().unwrap();
    assert!(instance.pages.iter().all(|p| p.slug != "leak"), "the page outside was read");
    assert!(instance.pages.iter().any(|p| p.slug == "alias"), "the link inside was refused");
    let found = check(&root);
    let text = rendered(&found);
    assert!(!text.contains("root:x"), "{text}");
    for leaked in ["GJ-00001.toml", "leak.md"] {
        assert!(found.iter().any(|d| d.file.ends_with(leaked) && d.message.contains("实例文件夹之外")), "{text}");
    }
}
