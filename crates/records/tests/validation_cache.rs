//! `validate_public_cached` must say exactly what `validate_public` says, while checking only
//! the expert records that changed since the last run.

use expertpool_records::diagnostic::{Code, Diagnostic};
use expertpool_records::load::load_public;
use expertpool_records::model::Date;
use expertpool_records::source::SourceFile;
use expertpool_records::validate::{ValidationCache, validate_public, validate_public_cached};
use std::path::Path;
use std::sync::Arc;

fn today() -> Date {
    Date::ymd(2026, 11, 23)
}

fn rendered(diagnostics: &[Diagnostic]) -> Vec<String> {
    diagnostics.iter().map(Diagnostic::render).collect()
}

#[test]
fn cached_validation_matches_a_fresh_one_and_checks_only_changed_records() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content");
    let mut instance = load_public(&root).value.expect("demo loads");
    let experts: usize = instance.pools.iter().map(|p| p.experts.len()).sum();
    let mut cache = ValidationCache::default();

    let first = validate_public_cached(&instance, today(), &mut cache);
    assert_eq!(rendered(&first), rendered(&validate_public(&instance, today())));
    assert_eq!(cache.last_checked, experts);

    let again = validate_public_cached(&instance, today(), &mut cache);
    assert_eq!(rendered(&again), rendered(&first));
    assert_eq!(cache.last_checked, 0, "nothing changed, nothing is checked again");

    // An edit that breaks a record: the name emptied, as `serve` would re-read it.
    let record = &mut instance.pools[0].experts[3];
    let text = record.file.text().replacen(&format!("name = \"{}\"", record.name), "name = \" \"", 1);
    assert_ne!(text, record.file.text());
    record.value.name = " ".to_string();
    record.file = Arc::new(SourceFile::new(record.file.path.clone(), text));
    let edited = validate_public_cached(&instance, today(), &mut cache);
    assert_eq!(cache.last_checked, 1);
    assert_eq!(rendered(&edited), rendered(&validate_public(&instance, today())));
    assert!(
        edited.iter().any(|d| d.code == Code::MissingField && d.field == "name"),
        "the edited record's new error is reported"
    );

    // Another day can change statuses everywhere: everything is checked again.
    let later = today().plus_days(400);
    let moved = validate_public_cached(&instance, later, &mut cache);
    assert_eq!(cache.last_checked, experts);
    assert_eq!(rendered(&moved), rendered(&validate_public(&instance, later)));
}
