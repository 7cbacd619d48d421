//! The synthesizer: the same seed writes the same bytes, its output is clean, and it
//! refuses to write over an instance.

use expertpool_private::load_private;
use expertpool_private::synth::{Options, SynthError, synthesize};
use expertpool_private::validate;
use expertpool_records::diagnostic::Severity;
use expertpool_records::load::load_public;
use expertpool_records::model::Date;
use std::collections::BTreeMap;
use std::path::Path;

fn options(experts: usize, seed: u64) -> Options {
    Options { experts, seed, today: Date::ymd(2026, 11, 23) }
}

/// Every file under `root` by relative path, with its bytes.
fn snapshot(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path.strip_prefix(root).unwrap().to_string_lossy().into_owned();
                files.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    files
}

#[test]
fn same_seed_same_bytes_other_seed_other_bytes() {
    let (a, b, c) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    synthesize(a.path(), &options(150, 42)).unwrap();
    synthesize(b.path(), &options(150, 42)).unwrap();
    synthesize(c.path(), &options(150, 43)).unwrap();
    let (sa, sb, sc) = (snapshot(a.path()), snapshot(b.path()), snapshot(c.path()));
    assert!(sa.len() > 150 + 100);
    assert_eq!(sa, sb);
    assert_ne!(sa, sc);
    // The bundled calendar is the demo's, byte for byte.
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content/calendar");
    for year in ["2025.toml", "2026.toml"] {
        assert_eq!(sa[&format!("calendar/{year}")], std::fs::read(demo.join(year)).unwrap(), "{year}");
    }
}

#[test]
fn output_is_clean_for_several_seeds_and_sizes() {
    for (experts, seed) in [(1, 1), (23, 5), (900, 9)] {
        let dir = tempfile::tempdir().unwrap();
        let summary = synthesize(dir.path(), &options(experts, seed)).unwrap();
        assert_eq!(summary.experts, experts);
        let public = load_public(dir.path());
        let private = load_private(dir.path());
        let mut diagnostics = public.diagnostics;
        diagnostics.extend(private.diagnostics);
        let instance = public.value.unwrap();
        let loaded: usize = instance.pools.iter().map(|p| p.experts.len()).sum();
        assert_eq!(loaded, experts);
        assert_eq!(private.value.as_ref().unwrap().people.len(), summary.people);
        let taxonomy = &instance.specialties.specialties;
        assert!(taxonomy.iter().filter(|s| s.parent.is_some()).count() >= 40);
        assert!((1..=2).contains(&taxonomy.iter().filter(|s| s.retired.is_some()).count()));
        diagnostics.extend(validate(&instance, private.value.as_ref(), Date::ymd(2026, 11, 23)));
        let problems: Vec<String> =
            diagnostics.iter().filter(|d| d.severity != Severity::Note).map(|d| d.headline()).collect();
        assert!(problems.is_empty(), "{experts} experts, seed {seed}:\n{}", problems.join("\n"));
    }
}

#[test]
fn large_rounds_are_split_into_batches() {
    let dir = tempfile::tempdir().unwrap();
    let summary = synthesize(dir.path(), &options(6000, 3)).unwrap();
    // 5 rounds × 2 pools, and the serving rounds (15% of 3000 a pool) need a second batch.
    assert!(summary.notices > 10, "{summary:?}");
    let instance = load_public(dir.path()).value.unwrap();
    assert!(instance.notices.iter().all(|n| n.meta.experts.len() <= expertpool_private::synth::NOTICE_BATCH));
    assert!(instance.notices.iter().any(|n| n.slug.ends_with("-2")));
}

#[test]
fn refuses_to_overwrite_and_rejects_uncovered_dates() {
    let dir = tempfile::tempdir().unwrap();
    synthesize(dir.path(), &options(5, 1)).unwrap();
    let again = synthesize(dir.path(), &options(5, 1));
    assert!(matches!(again, Err(SynthError::NotEmpty(..))), "{again:?}");
    let fresh = tempfile::tempdir().unwrap();
    let far = Options { today: Date::ymd(2030, 1, 1), ..options(5, 1) };
    let err = synthesize(fresh.path(), &far).unwrap_err().to_string();
    assert!(err.contains("calendar/ does not cover"), "{err}");
}
