//! The independent Python verifier (tools/verify_draws.py) must agree with the
//! crate on every published vector and reject every tampered log.

mod common;

use std::process::Command;

#[test]
fn python_verifier_agrees_on_vectors() {
    let root = common::repo_root();
    let out = Command::new("python3")
        .arg(root.join("tools/verify_draws.py"))
        .arg("--vectors")
        .arg(common::vectors_dir().join("draw-vectors.json"))
        .output()
        .expect("python3 must be installed to run the independent verifier");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "python verifier disagrees:\n{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.contains("VECTORS: OK"));
}

#[test]
fn python_verifier_exit_codes() {
    let root = common::repo_root();
    let logs = common::vectors_dir().join("logs");
    for entry in std::fs::read_dir(&logs).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let out = Command::new("python3").arg(root.join("tools/verify_draws.py")).arg(&path).output().unwrap();
        let rust_ok = expertpool_draw::verify_log(&std::fs::read_to_string(&path).unwrap()).ok();
        assert_eq!(out.status.success(), rust_ok, "{name}: python and rust verdicts differ");
        assert_eq!(rust_ok, name.starts_with("log-"), "{name}");
    }
}

/// Random single-character edits of the good log: Rust and Python must report
/// the same verdict and the same first failure for every one.
#[test]
fn python_and_rust_agree_on_random_edits() {
    let dir = std::env::temp_dir().join(format!("expertpool-edits-{}", std::process::id()));
    let edits = common::random_edits(&dir, 400);
    let out = Command::new("python3")
        .arg(common::repo_root().join("tools/verify_draws.py"))
        .arg("--first-failure")
        .args(edits.iter().map(|e| &e.0))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let _ = std::fs::remove_dir_all(&dir);
    let py: Vec<&str> = stdout.lines().map(|l| l.split('\t').nth(1).unwrap_or("")).collect();
    assert_eq!(py.len(), edits.len(), "python output: {stdout}");
    let mismatches: Vec<String> = edits
        .iter()
        .zip(&py)
        .filter(|(e, p)| e.1 != **p)
        .map(|(e, p)| format!("{} ({}): rust {} python {p}", e.0.display(), e.2, e.1))
        .collect();
    assert!(mismatches.is_empty(), "verifiers disagree:\n{}", mismatches.join("\n"));
}

/// The same for the v2 log: Rust and Python agree on every single-character edit (no
/// edit of one character can forge a BLS signature, so that check never decides alone).
#[test]
fn python_and_rust_agree_on_random_edits_of_the_v2_log() {
    let dir = std::env::temp_dir().join(format!("expertpool-edits-v2-{}", std::process::id()));
    let edits = common::random_edits_v2(&dir, 300);
    let out = Command::new("python3")
        .arg(common::repo_root().join("tools/verify_draws.py"))
        .arg("--first-failure")
        .args(edits.iter().map(|e| &e.0))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let _ = std::fs::remove_dir_all(&dir);
    let py: Vec<&str> = stdout.lines().map(|l| l.split('\t').nth(1).unwrap_or("")).collect();
    assert_eq!(py.len(), edits.len(), "python output: {stdout}");
    let mismatches: Vec<String> = edits
        .iter()
        .zip(&py)
        .filter(|(e, p)| e.1 != **p)
        .map(|(e, p)| format!("{} ({}): rust {} python {p}", e.0.display(), e.2, e.1))
        .collect();
    assert!(mismatches.is_empty(), "verifiers disagree:\n{}", mismatches.join("\n"));
}
