//! `expertpool report`: the weekly staff report (terms ending, age limits, missing yearly
//! confirmations, dismissal proposals, specialty coverage).

use crate::cmd_import::load_instance;
use crate::today::today_in;
use expertpool_staff::report;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    #[arg(long, default_value = "content")]
    pub content: PathBuf,
    #[arg(long)]
    pub today: Option<String>,
    #[arg(long, default_value_t = 90, value_parser = within_days)]
    pub within: i64,
    #[arg(long, default_value = "text", value_parser = ["text", "json", "csv"])]
    pub format: String,
    #[arg(long)]
    pub data: Option<PathBuf>,
}

/// The longest look-ahead `--within` takes: ten years, more than any term, so a typo such as
/// an extra digit gets a clear refusal instead of a date beyond every calendar.
const MAX_WITHIN_DAYS: i64 = 3650;

fn within_days(text: &str) -> Result<i64, String> {
    match text.parse::<i64>() {
        Ok(days) if (0..=MAX_WITHIN_DAYS).contains(&days) => Ok(days),
        _ => Err(expertpool_i18n::t!("staff-cli-report-bad-within", text = text, max = MAX_WITHIN_DAYS)),
    }
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let today = today_in(&args.content, args.today.as_deref())?;
    let (instance, private) = load_instance(&args.content)?;
    let no_shows = match &args.data {
        Some(dir) => report::read_no_shows(dir).map_err(anyhow::Error::msg)?,
        None => Default::default(),
    };
    let report = report::build(&instance, Some(&private), &no_shows, today, args.within);
    let text = match args.format.as_str() {
        "json" => serde_json::to_string_pretty(&report)? + "\n",
        "csv" => report.to_csv().map_err(anyhow::Error::msg)?,
        _ => report.to_text(),
    };
    std::io::stdout().lock().write_all(text.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}
