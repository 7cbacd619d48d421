//! The binary on its own: copied out of the build tree to a folder of its own, it sets up a
//! new instance with `init` and checks and builds it, and it builds the demo copied outside
//! the repository — so nothing it needs at run time is read from the source tree (templates,
//! styles and scripts are compiled in).

use expertpool_testkit::{InstanceCopy, binary, run_program};
use std::path::Path;

fn arg(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 temporary path")
}

/// The binary copied to a fresh folder, and a working folder outside the repository.
fn relocated() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let bin = dir.path().join("bin").join(binary().file_name().unwrap());
    std::fs::create_dir_all(bin.parent().unwrap()).unwrap();
    std::fs::copy(binary(), &bin).unwrap();
    (dir, bin)
}

#[test]
fn a_copied_binary_initialises_checks_and_builds_a_new_instance() {
    let (dir, bin) = relocated();
    let work = dir.path().join("work");
    std::fs::create_dir_all(&work).unwrap();
    let instance = work.join("星河市专家库");

    run_program(&bin, &["init", arg(&instance)], &work).success();
    for file in ["site.toml", "specialties.toml", "README.md"] {
        assert!(instance.join(file).is_file(), "init writes {file}");
    }
    let check = run_program(&bin, &["check", "--content", arg(&instance), "--today", "2026-12-03"], &work).success();
    assert!(check.stdout.contains("错误 0 处"), "{check}");
    let site = work.join("public");
    run_program(&bin, &["build", "--content", arg(&instance), "--today", "2026-12-03", "--out", arg(&site)], &work)
        .success();
    let home = std::fs::read_to_string(site.join("index.html")).expect("a home page");
    assert!(home.contains("<html"), "{home}");
    assert!(
        std::fs::read_dir(site.join("assets")).map(|d| d.count() > 0).unwrap_or(false),
        "styles and scripts are written"
    );

    // A second init into the same, now non-empty, folder is refused and changes nothing.
    let before = std::fs::read_to_string(instance.join("site.toml")).unwrap();
    let again = run_program(&bin, &["init", arg(&instance)], &work);
    assert_ne!(again.code, Some(0), "{again}");
    assert_eq!(std::fs::read_to_string(instance.join("site.toml")).unwrap(), before);
}

#[test]
fn the_binary_does_not_point_into_the_source_tree() {
    // A path compiled in (env!("CARGO_MANIFEST_DIR") and the like) would work here and fail
    // on any other machine; the templates must be inside the binary instead.
    let bytes = std::fs::read(binary()).unwrap();
    let templates = expertpool_testkit::repo_root().join("site-templates");
    let needle = templates.to_str().unwrap().as_bytes();
    assert!(!bytes.windows(needle.len()).any(|w| w == needle), "the binary names {}", templates.display());
}

#[test]
fn a_copied_binary_builds_the_demo_outside_the_repository() {
    let (dir, bin) = relocated();
    let copy = InstanceCopy::demo();
    let site = dir.path().join("public");
    run_program(
        &bin,
        &["build", "--content", arg(&copy.root()), "--today", "2026-12-03", "--out", arg(&site)],
        dir.path(),
    )
    .success();
    let repo_site = copy.scratch().join("repo-site");
    expertpool_testkit::expertpool(&[
        "build",
        "--content",
        arg(&copy.root()),
        "--today",
        "2026-12-03",
        "--out",
        arg(&repo_site),
    ])
    .success();
    // The same pages and assets, byte for byte, as the binary run from the repository writes.
    for page in
        ["index.html", "pools/zhineng/index.html", "verify.html", "verify.js", "assets/site.css", "assets/search.js"]
    {
        let relocated = std::fs::read(site.join(page)).unwrap_or_else(|e| panic!("{page}: {e}"));
        let in_repo = std::fs::read(repo_site.join(page)).unwrap();
        assert!(relocated == in_repo, "{page} differs");
    }
    let css = std::fs::read(site.join("assets/site.css")).unwrap();
    let source = expertpool_testkit::repo_root().join("site-templates/static/assets/site.css");
    assert_eq!(css, std::fs::read(source).unwrap(), "the compiled-in stylesheet is the one in site-templates/");
}
