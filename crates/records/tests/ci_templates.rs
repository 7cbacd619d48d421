//! The CI templates `expertpool init` writes into a bureau's repository: the GitLab file
//! parses and every job calls a step that ci/publish.sh knows, and the script itself
//! runs its steps in order, stops on a failed check and publishes by swapping folders.
//! A fake `expertpool` (a shell script that records its arguments) stands in for the
//! real program, so the test needs nothing but `sh`.

use expertpool_records::skeleton;
use std::path::Path;
use std::process::Command;
use yaml_rust2::YamlLoader;

fn template(path: &str) -> &'static str {
    skeleton::files().find(|(p, _)| p == path).unwrap_or_else(|| panic!("no template {path}")).1
}

#[test]
fn the_gitlab_file_parses_and_each_job_calls_a_known_step() {
    let docs = YamlLoader::load_from_str(template(".gitlab-ci.yml")).expect("valid YAML");
    let ci = &docs[0];
    let stages: Vec<&str> = ci["stages"].as_vec().unwrap().iter().map(|s| s.as_str().unwrap()).collect();
    assert_eq!(stages, ["check", "build", "publish"]);
    let script = template("ci/publish.sh");
    for job in ["check", "build", "publish"] {
        assert_eq!(ci[job]["stage"].as_str(), Some(job));
        let line = ci[job]["script"][0].as_str().unwrap();
        assert_eq!(line, format!("sh ci/publish.sh {job}"));
        assert!(script.contains(&format!("  {job}) ")), "publish.sh has no step {job}");
    }
    assert_eq!(ci["build"]["artifacts"]["paths"][0].as_str(), Some("public/"));
    assert_eq!(ci["variables"]["SITE_OUT"].as_str(), Some("public"), "the artifact is the folder the script builds");
}

/// A bureau repository with the templates and a fake `expertpool` that logs its calls
/// to `calls.log` and, for `build`, writes an index page; `check` fails when the file
/// `broken` exists.
fn repository(root: &Path) -> std::path::PathBuf {
    let repo = root.join("仓库");
    std::fs::create_dir_all(repo.join("ci")).unwrap();
    std::fs::write(repo.join("ci/publish.sh"), template("ci/publish.sh")).unwrap();
    let fake = root.join("fake-expertpool");
    std::fs::write(
        &fake,
        r#"#!/bin/sh
echo "$*" >> calls.log
case $1 in
  check) [ ! -e broken ] ;;
  build) while [ $# -gt 0 ]; do [ "$1" = --out ] && { mkdir -p "$2"; echo site > "$2/index.html"; }; shift; done ;;
esac
"#,
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    repo
}

fn run(repo: &Path, fake: &Path, args: &[&str], env: &[(&str, &str)]) -> std::process::Output {
    let mut cmd = Command::new("sh");
    cmd.arg("ci/publish.sh").args(args).current_dir(repo).env("EXPERTPOOL", fake);
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().unwrap()
}

#[test]
fn publish_sh_is_valid_shell() {
    let root = tempfile::tempdir().unwrap();
    let repo = repository(root.path());
    let out = Command::new("sh").arg("-n").arg("ci/publish.sh").current_dir(&repo).output().unwrap();
    assert!(out.status.success(), "sh -n: {}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn publish_sh_checks_builds_and_swaps_the_published_folder() {
    let root = tempfile::tempdir().unwrap();
    let repo = repository(root.path());
    let fake = root.path().join("fake-expertpool");
    let target = root.path().join("www");
    std::fs::create_dir_all(&target).unwrap();
    std::fs::write(target.join("stale.html"), "old").unwrap();
    let target_text = target.to_str().unwrap();

    let out = run(&repo, &fake, &[], &[("PUBLISH_TARGET", target_text), ("EXPERTPOOL_TODAY", "2026-12-03")]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let calls = std::fs::read_to_string(repo.join("calls.log")).unwrap();
    assert_eq!(
        calls.lines().collect::<Vec<_>>(),
        ["check --content . --today 2026-12-03", "build --content . --out public --today 2026-12-03"]
    );
    assert_eq!(std::fs::read_to_string(target.join("index.html")).unwrap(), "site\n");
    assert!(!target.join("stale.html").exists(), "the old site is replaced, not merged");
    assert!(!root.path().join("www.new").exists() && !root.path().join("www.old").exists());

    // A failed check stops before anything is built or published, and says so in Chinese.
    std::fs::write(repo.join("broken"), "").unwrap();
    std::fs::remove_file(repo.join("calls.log")).unwrap();
    let out = run(&repo, &fake, &["build"], &[]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("检查发现错误"), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(std::fs::read_to_string(repo.join("calls.log")).unwrap().lines().count(), 1, "only check ran");

    // Publishing without a target, or an unknown step, is refused with the fix.
    let out = run(&repo, &fake, &["publish"], &[]);
    assert!(!out.status.success() && String::from_utf8_lossy(&out.stderr).contains("PUBLISH_TARGET"));
    let out = run(&repo, &fake, &["deploy"], &[]);
    assert!(!out.status.success() && String::from_utf8_lossy(&out.stderr).contains("不认识的步骤"));
}
