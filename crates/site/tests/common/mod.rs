//! Helpers shared by the site tests: building an instance into memory or a folder, copying
//! the demo instance to plant changes in it, reading the built pages.
#![allow(dead_code)]

use expertpool_records::Date;
use expertpool_site::Templates;
use expertpool_site::load_instance;
use expertpool_site::render_site;
use expertpool_site::{BuildError, SiteFiles};
use std::path::{Path, PathBuf};

/// The demo instance of the repository.
pub fn demo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content")
}

pub fn templates_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../site-templates")
}

/// The day the demo's tests are pinned to: the synthetic data is generated for it.
pub fn day() -> Date {
    Date::parse("2026-11-23").unwrap()
}

/// Renders `content` into memory as of `today`.
pub fn render(content: &Path, today: Date) -> Result<SiteFiles, BuildError> {
    let loaded = load_instance(content, today)?;
    let templates = Templates::load(Some(&templates_dir()), content)?;
    render_site(&loaded.instance, &templates, today)
}

pub fn text(site: &SiteFiles, path: &str) -> String {
    let bytes = site.get(path).unwrap_or_else(|| panic!("{path} was not built"));
    String::from_utf8(bytes.to_vec()).unwrap()
}

/// A copy of the demo instance (without `private/`, which the site never reads) to edit.
pub fn copy_demo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&demo(), dir.path(), &|p: &Path| !p.ends_with("private"));
    dir
}

pub fn copy_tree(from: &Path, to: &Path, keep: &dyn Fn(&Path) -> bool) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        if !keep(&path) {
            continue;
        }
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_tree(&path, &target, keep);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

/// Replaces the value of the first top-level `key = …` line of a TOML (or front matter) file.
pub fn set_field(path: &Path, key: &str, literal: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    let prefix = format!("{key} = ");
    let mut done = false;
    let lines: Vec<String> = text
        .lines()
        .map(|line| {
            if !done && line.starts_with(&prefix) {
                done = true;
                format!("{prefix}{literal}")
            } else {
                line.to_string()
            }
        })
        .collect();
    assert!(done, "no `{key}` in {}", path.display());
    std::fs::write(path, lines.join("\n") + "\n").unwrap();
}

/// The internal links and asset references of an HTML page, as written.
pub fn references(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["href=\"", "src=\""] {
        let mut rest = html;
        while let Some(at) = rest.find(attr) {
            rest = &rest[at + attr.len()..];
            let end = rest.find('"').unwrap_or(rest.len());
            out.push(rest[..end].to_string());
        }
    }
    out
}
