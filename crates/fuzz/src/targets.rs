//! The fuzz targets: each takes arbitrary bytes and panics only when a property is broken.

mod api;
mod import;
mod journal;
mod log;
mod records;

pub use api::api_bodies;
pub use import::import_sheet;
pub use journal::journal;
pub use log::{verify_log, verify_mutation};
pub use records::{records_check, records_parse};

/// Every target by the name its corpus folder and its libFuzzer target have.
pub const ALL: &[(&str, fn(&[u8]))] = &[
    ("records_parse", records_parse),
    ("records_check", records_check),
    ("import_sheet", import_sheet),
    ("api_bodies", api_bodies),
    ("verify_log", verify_log),
    ("verify_mutation", verify_mutation),
    ("journal", journal),
];

/// The day every target checks as of (the demo's "today").
pub(crate) fn today() -> expertpool_records::Date {
    expertpool_records::Date::ymd(2026, 11, 23)
}

/// The small test instance of the staff tests: five experts in one pool, with calendar,
/// notices and a call, so a whole `check` runs in about a millisecond.
pub(crate) fn small_instance() -> std::path::PathBuf {
    expertpool_testkit::repo_root().join("crates/staff/tests/fixtures/instance")
}
