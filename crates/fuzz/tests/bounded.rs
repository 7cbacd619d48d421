//! The bounded fuzz run of CI: each target replays its committed corpus, then runs
//! mutations of it for `EXPERTPOOL_FUZZ_SECS` seconds (15 by default; 0 replays only).
//! A failure names the saved input; docs/fuzzing.md says how to minimise it.

use expertpool_fuzz::runner::{budget, run};
use expertpool_fuzz::targets;

fn fuzz(name: &str) {
    let target = targets::ALL.iter().find(|(n, _)| *n == name).unwrap_or_else(|| panic!("no target {name}")).1;
    let stats = run(name, target, budget());
    assert!(stats.replayed > 0);
}

#[test]
fn records_parse() {
    fuzz("records_parse");
}

#[test]
fn records_check() {
    fuzz("records_check");
}

#[test]
fn import_sheet() {
    fuzz("import_sheet");
}

#[test]
fn api_bodies() {
    fuzz("api_bodies");
}

#[test]
fn verify_log() {
    fuzz("verify_log");
}

#[test]
fn verify_mutation() {
    fuzz("verify_mutation");
}

#[test]
fn journal() {
    fuzz("journal");
}

/// Every target has a test above, a corpus and a libFuzzer target.
#[test]
fn every_target_is_wired() {
    let root = expertpool_testkit::repo_root();
    let this = std::fs::read_to_string(root.join("crates/fuzz/tests/bounded.rs")).unwrap();
    for (name, _) in targets::ALL {
        assert!(this.contains(&format!("fn {name}()")), "no bounded test for {name}");
        assert!(root.join("fuzz/fuzz_targets").join(format!("{name}.rs")).is_file(), "no libFuzzer target {name}");
        assert!(root.join("fuzz/corpus").join(name).is_dir(), "no corpus for {name}");
    }
}

/// The seeds of the journal are valid journals (one with a torn last line), so mutations start deep in the parser.
#[test]
fn journal_seeds_are_valid_journals() {
    for (path, bytes) in expertpool_fuzz::runner::read_corpus(&expertpool_fuzz::runner::corpus_dir("journal")) {
        if !path.file_name().unwrap().to_string_lossy().starts_with("seed-") {
            continue;
        }
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("journal.jsonl"), &bytes).unwrap();
        let (entries, valid, torn) =
            expertpool_drawd::fuzzing::replay_journal(dir.path()).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(entries > 5, "{}", path.display());
        assert_eq!(valid as usize + torn.map_or(0, |(_, bytes)| bytes), bytes.len(), "{}", path.display());
    }
}
