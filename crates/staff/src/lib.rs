//! Staff workflows over an expertpool instance: importing the annex-2 summary tables
//! units send in, exporting a pool's roster, the lifecycle steps that edit a record in
//! place, the weekly report, and the public change history of records read from git.
//!
//! Rules are pure functions over loaded data ([`import::plan`], [`report::build`],
//! [`lifecycle`] edits over text); reading spreadsheets, writing files and running git
//! happen at the edges ([`sheet`], the atomic writes of `fsio`, [`history`]).
//!
//! The `expertpool` binary exposes them as:
//!
//! - `expertpool import FILE --pool POOL [--channel 单位推荐|个人自荐|互通遴选|特约邀请]
//!   [--call SLUG [--late-reason "…"]] [--unit NAME] [--unit-credit-code CODE] [--apply
//!   [--skip-invalid]] [--id-prefix P] [--content DIR] [--date YYYY-MM-DD]` — a dry run unless
//!   `--apply`; exit status 1 whenever a row has an error.
//! - `expertpool export --pool POOL --out FILE.xlsx|FILE.csv [--include-private] [--template]`.
//! - `expertpool record <new|review|publicize|approve|admit|renew|evaluate|misconduct|dismiss|confirm-info> …`
//!   with `--content DIR --date YYYY-MM-DD --dry-run`.
//! - `expertpool report [--within 90] [--format text|json|csv] [--data DIR]`, reading
//!   `DIR/no-shows.json` (`{"<expert id>": {"consecutive_no_shows": n, "draws": ["…"]}}`).
//!
//! The site calls [`history::public_record_history`] for the change list of each expert page.
//!
//! Benchmark (10,000-row .xlsx): `cargo run --release -p expertpool-staff --example
//! bench_import [ROWS] [CONTENT_DIR]` prints the time to read the file, check every row, and
//! write the 20,000 record files.

//!
//! The public surface is the workflow modules ([`import`], [`export`], [`lifecycle`],
//! [`report`], with [`sheet`] and [`progress`] at the edges); the cell parsers, header
//! recognition, text normalisation and id allocation behind them are private to the crate.

#![warn(missing_docs)]

mod cells;
mod columns;
pub mod export;
mod fsio;
/// Lives in the records crate so the site, which never depends on personal data, can use it.
pub use expertpool_records::history;
mod ids;
pub mod import;
pub mod lifecycle;
pub mod progress;
pub mod report;
pub mod served;
pub mod sheet;
mod text;
pub mod update_info;

pub use import::{ImportOptions, Plan, RawApplicant};
pub use progress::Progress;
pub use sheet::Cell;
