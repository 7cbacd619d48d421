//! Two sources never share an output folder: `check` rejects names outside the naming rule,
//! and the build refuses, before writing anything, two records that map to one URL.

mod common;

use common::*;
use expertpool_records::load::load_public;
use expertpool_site::{BuildError, BuildOptions, MARKER, Templates, build, render_site};
use std::path::Path;

fn add_page(content: &Path, stem: &str) {
    let pages = content.join("pages");
    std::fs::copy(pages.join("guanli-banfa.md"), pages.join(format!("{stem}.md"))).unwrap();
}

#[test]
fn check_rejects_chinese_page_names_with_the_fix() {
    let dir = copy_demo();
    add_page(dir.path(), "通知一");
    let Err(BuildError::Records(diagnostics)) = expertpool_site::load_instance(dir.path(), day()) else {
        panic!("a page named 通知一.md passed check");
    };
    let d = diagnostics.iter().find(|d| d.file.ends_with("pages/通知一.md")).expect("the file is named");
    assert!(d.message.contains("不符合命名规则"), "{}", d.message);
    assert!(d.help.as_deref().unwrap().contains("拼音"), "{:?}", d.help);
}

#[test]
fn check_rejects_an_expert_file_name_with_a_space() {
    let dir = copy_demo();
    let experts = dir.path().join("pools/zhineng/experts");
    std::fs::rename(experts.join("ZN-00001.toml"), experts.join("ZN 00001.toml")).unwrap();
    set_field(&experts.join("ZN 00001.toml"), "id", "\"ZN 00001\"");
    let Err(BuildError::Records(diagnostics)) = expertpool_site::load_instance(dir.path(), day()) else {
        panic!("an expert file named `ZN 00001.toml` passed check");
    };
    let d = diagnostics
        .iter()
        .find(|d| d.file.ends_with("ZN 00001.toml") && d.message.contains("命名规则"))
        .expect("the file name is reported");
    assert!(d.message.contains("空格"), "{}", d.message);
    assert!(d.help.as_deref().unwrap().contains("`ZN-00001`"), "{:?}", d.help);
}

#[test]
fn rendering_refuses_two_pages_that_collapse_into_one_folder() {
    // Past validation (a caller that renders without `check`): 通知一 and 通知二 both
    // become `pages/___/`.
    let dir = copy_demo();
    add_page(dir.path(), "通知一");
    add_page(dir.path(), "通知二");
    let instance = load_public(dir.path()).value.unwrap();
    let templates = Templates::load(Some(&templates_dir()), dir.path()).unwrap();
    let err = render_site(&instance, &templates, day()).expect_err("two pages were rendered to one folder");
    let BuildError::Collision { path, first, second } = &err else { panic!("{err}") };
    assert_eq!(path, "pages/___/");
    let mut names = [first.file_name().unwrap().to_owned(), second.file_name().unwrap().to_owned()];
    names.sort();
    assert_eq!(names, ["通知一.md", "通知二.md"].map(std::ffi::OsString::from));
    let message = err.to_string();
    assert!(message.contains("通知一.md") && message.contains("通知二.md"), "{message}");
}

#[test]
fn build_refuses_names_that_differ_only_in_case_and_keeps_the_previous_site() {
    let dir = copy_demo();
    add_page(dir.path(), "About");
    add_page(dir.path(), "about");
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("public");
    std::fs::create_dir(&site).unwrap();
    std::fs::write(site.join(MARKER), "").unwrap();
    std::fs::write(site.join("index.html"), "previous site").unwrap();
    let options = BuildOptions { content: dir.path().to_path_buf(), templates: Some(templates_dir()), today: day() };
    let err = build(&options, &site).expect_err("pages/About/ and pages/about/ were both built");
    let message = err.to_string();
    assert!(message.contains("About.md") && message.contains("about.md"), "{message}");
    assert!(message.contains("大小写"), "{message}");
    assert_eq!(std::fs::read_to_string(site.join("index.html")).unwrap(), "previous site");
    let mut left: Vec<_> = std::fs::read_dir(out.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    left.sort();
    assert_eq!(left, ["public"], "no staging folder is left behind");
}

#[test]
fn rendering_refuses_names_that_differ_only_in_case() {
    // What a caller past `check` meets: one folder on a case-insensitive web server.
    let dir = copy_demo();
    add_page(dir.path(), "About");
    add_page(dir.path(), "about");
    let instance = load_public(dir.path()).value.unwrap();
    let templates = Templates::load(Some(&templates_dir()), dir.path()).unwrap();
    let err = render_site(&instance, &templates, day()).expect_err("pages/About/ and pages/about/ were both rendered");
    let BuildError::Collision { path, .. } = &err else { panic!("{err}") };
    assert_eq!(path.to_ascii_lowercase(), "pages/about/");
}

#[test]
fn the_demo_has_no_collision() {
    render(&demo(), day()).unwrap();
}

#[test]
fn a_page_over_the_size_limit_is_refused_by_check() {
    let dir = copy_demo();
    let page = dir.path().join("pages/guanli-banfa.md");
    let mut text = std::fs::read_to_string(&page).unwrap();
    let line = "**第一条** 为规范我市职业能力建设专家库的组建、使用和管理。\n";
    while text.len() <= expertpool_records::load::MAX_FILE_BYTES {
        text.push_str(line);
    }
    std::fs::write(&page, &text).unwrap();
    let Err(BuildError::Records(diagnostics)) = expertpool_site::load_instance(dir.path(), day()) else {
        panic!("a page of {} bytes passed check", text.len());
    };
    let d = diagnostics.iter().find(|d| d.file.ends_with("pages/guanli-banfa.md")).expect("the file is named");
    assert!(d.message.contains("超过单个文件 1.0 MB 的上限"), "{}", d.message);
}
