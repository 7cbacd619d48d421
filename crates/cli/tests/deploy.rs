//! The deployment files in deploy/ and scripts/release.sh stay true to the binary: every
//! command a systemd unit starts exists and takes the flags the unit gives it, the paths a
//! unit writes are the ones its hardening leaves writable, and the scripts are valid shell.

use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `key=value` lines of a unit file's sections, comments skipped.
fn directives(unit: &str) -> Vec<(String, String)> {
    unit.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#') && !l.starts_with('['))
        .filter_map(|l| l.split_once('=').map(|(k, v)| (k.trim().to_string(), v.trim().to_string())))
        .collect()
}

fn values<'a>(d: &'a [(String, String)], key: &str) -> Vec<&'a str> {
    d.iter().filter(|(k, _)| k == key).map(|(_, v)| v.as_str()).collect()
}

fn help(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_expertpool")).args(args).arg("--help").output().unwrap();
    assert!(out.status.success(), "expertpool {args:?} --help failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn every_unit_starts_a_real_command_with_real_flags_and_may_write_where_it_writes() {
    let dir = repo().join("deploy/systemd");
    let mut services = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let d = directives(&text);
        if path.extension().is_some_and(|e| e == "timer") {
            let service = path.with_extension("service");
            assert!(service.is_file(), "{} starts {}, which is missing", path.display(), service.display());
            assert!(!values(&d, "OnCalendar").is_empty());
            continue;
        }
        services += 1;
        let exec = values(&d, "ExecStart");
        assert_eq!(exec.len(), 1, "{}", path.display());
        let argv: Vec<&str> = exec[0].split_whitespace().collect();
        assert_eq!(argv[0], "/usr/local/bin/expertpool", "{}: the path release.sh installs to", path.display());
        let usage = help(&[argv[1]]);
        for flag in argv.iter().filter(|a| a.starts_with("--")) {
            assert!(usage.contains(flag), "{}: `expertpool {}` has no {flag}", path.display(), argv[1]);
        }
        // Whatever the command writes must be under a ReadWritePaths entry (ProtectSystem=strict).
        let writable: Vec<&str> = values(&d, "ReadWritePaths").iter().flat_map(|v| v.split_whitespace()).collect();
        let written = match argv[1] {
            "drawd" => argv.iter().position(|a| *a == "--data").map(|i| argv[i + 1]),
            "backup" => argv.iter().position(|a| *a == "--out").map(|i| argv[i + 1]),
            other => panic!("{}: no rule for what `{other}` writes; add one here", path.display()),
        };
        let written = written.unwrap_or_else(|| panic!("{}: names no output folder", path.display()));
        assert!(
            writable.iter().any(|w| written.starts_with(w)),
            "{}: writes {written}, not under ReadWritePaths {writable:?}",
            path.display()
        );
        assert_eq!(values(&d, "UMask"), ["0077"], "{}: data files stay private", path.display());
    }
    assert!(services >= 2);
}

#[test]
fn the_container_builds_and_runs_the_cli_package() {
    let file = std::fs::read_to_string(repo().join("deploy/Containerfile")).unwrap();
    assert!(file.contains("cargo build --release --locked -p expertpool "), "builds the cli package by its name");
    let manifest = std::fs::read_to_string(repo().join("crates/cli/Cargo.toml")).unwrap();
    assert!(manifest.contains("name = \"expertpool\""));
    assert!(file.contains("COPY --from=build /out/expertpool /usr/local/bin/expertpool"));
    assert!(file.contains("ENTRYPOINT [\"/usr/local/bin/expertpool\"]"));
    // The run example's flags are the service's.
    let usage = help(&["drawd"]);
    for flag in ["--config", "--data", "--content", "--listen"] {
        assert!(usage.contains(flag), "{flag}");
    }
}

#[test]
fn release_script_is_valid_bash() {
    let out = Command::new("bash").arg("-n").arg(repo().join("scripts/release.sh")).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}
