//! Staff workflows over an expertpool instance: importing the annex-2 summary tables
//! units send in, exporting a pool's roster, the lifecycle steps that edit a record in
//! place, the weekly report, and the public change history of records read from git.
//!
//! Rules are pure functions over loaded data ([`import::plan`], [`report::build`],
//! [`lifecycle`] edits over text); reading spreadsheets, writing files and running git
//! happen at the edges ([`sheet`], [`fsio`], [`history`]).

pub mod cells;
pub mod columns;
pub mod export;
pub mod fsio;
pub mod history;
pub mod ids;
pub mod import;
pub mod lifecycle;
pub mod progress;
pub mod report;
pub mod sheet;
pub mod text;
