//! Importing an annex-2 summary table: every row read into a public and a private
//! record, every problem tied to its cell, nothing written until the plan is applied,
//! and an existing record never overwritten.
//!
//! A pipeline, one stage per file:
//!
//! 1. `applicant`: the cells of a row ([`RawApplicant`]) parsed into typed fields, each
//!    unreadable cell a problem of its own;
//! 2. `checks`: the rules over those fields: gender and birth date against the ID
//!    number, then the records assembled and the pool's eligibility assessed;
//! 3. `plan`: the rules that need every row (duplicates, people already in
//!    the pool) and the ids, giving a [`Plan`] the clerk reviews;
//! 4. `write`: the records as TOML, checked to read back, created as new files.
//!
//! The table's shared admission (channel, call, unit) is read once, in `admission`.
//! `expertpool record new` enters at stage 1 with a [`RawApplicant`] filled from its
//! flags ([`plan_applicant`]), so a record made by hand passes exactly the checks an
//! imported one does.

mod admission;
mod applicant;
mod checks;
mod issue;
mod plan;
mod write;

pub use admission::parse_channel;
pub use applicant::RawApplicant;
pub use expertpool_records::Severity;
pub use issue::Issue;
pub use plan::{NewRecord, Plan, RowPlan, Summary, plan, plan_applicant};
pub use write::{ApplyError, apply, write_records};

use expertpool_records::Date;
use expertpool_records::model::Channel;

/// What the clerk asked for on the command line.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// The pool the applicants apply to (its folder under `pools/`).
    pub pool: String,
    /// How they came: recommended by a unit, self-nominated, selected, invited.
    pub channel: Channel,
    /// The call (`calls/<slug>.md`) the table answers; its deadline is enforced.
    pub call: Option<String>,
    /// Accept a table received after the call's deadline, for this recorded reason.
    pub late_reason: Option<String>,
    /// The recommending unit, when the title area of the table does not name it.
    pub unit: Option<String>,
    /// The recommending unit's unified social credit code, checked.
    pub unit_credit_code: Option<String>,
    /// Day the table was received: the date of the 申请 stage and of the checks.
    pub received: Date,
    /// File name recorded in each record's 申请 stage, e.g. `某单位推荐汇总表.xlsx`.
    pub source_name: String,
    /// Prefix of new public ids; by default the one the pool's ids use.
    pub id_prefix: Option<String>,
}
