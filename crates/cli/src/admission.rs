//! The admission flags `expertpool import` and `expertpool record new` share: how the
//! applicants came, and through which call and unit. Defined once, so both commands
//! spell, document and check them alike.

use anyhow::anyhow;
use expertpool_records::Date;
use expertpool_staff::import::{ImportOptions, parse_channel};

#[derive(clap::Args)]
pub struct AdmissionArgs {
    #[arg(long)]
    pub channel: Option<String>,
    #[arg(long)]
    pub call: Option<String>,
    #[arg(long)]
    pub late_reason: Option<String>,
    #[arg(long)]
    pub unit: Option<String>,
    #[arg(long)]
    pub unit_credit_code: Option<String>,
}

/// The rest of what an import needs besides the admission flags.
pub struct Target {
    /// `--channel` when the flag is not given.
    pub default_channel: &'static str,
    pub pool: String,
    pub received: Date,
    pub source_name: String,
    pub id_prefix: Option<String>,
}

impl AdmissionArgs {
    /// The importer's options; fails on an unknown `--channel`.
    pub fn options(&self, target: Target) -> anyhow::Result<ImportOptions> {
        let channel = parse_channel(self.channel.as_deref().unwrap_or(target.default_channel))
            .map_err(|e| anyhow!("{}", expertpool_i18n::t!("staff-cli-flag-error", flag = "--channel", error = e)))?;
        Ok(ImportOptions {
            pool: target.pool,
            channel,
            call: self.call.clone(),
            late_reason: self.late_reason.clone(),
            unit: self.unit.clone(),
            unit_credit_code: self.unit_credit_code.clone(),
            received: target.received,
            source_name: target.source_name,
            id_prefix: target.id_prefix,
        })
    }
}
