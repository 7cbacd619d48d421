//! `expertpool build`: render the public site of an instance into a folder for any static host.

use crate::today::today_in;
use expertpool_site::{BuildOptions, build};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

#[derive(clap::Args)]
pub struct Args {
    /// The instance folder.
    #[arg(long, default_value = "content")]
    pub content: PathBuf,
    /// The output folder; replaced as a whole once the new site is complete (files whose bytes did not
    /// change keep their inode and modification time).
    #[arg(long, default_value = "public")]
    pub out: PathBuf,
    /// Build as of this date (YYYY-MM-DD) instead of today (or a demo instance's `[demo] today`).
    #[arg(long)]
    pub today: Option<String>,
    /// A folder of default templates to use instead of those compiled into the binary
    /// (for working on the templates; an instance overrides single files in its templates/).
    #[arg(long)]
    pub templates: Option<PathBuf>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    if !args.content.is_dir() {
        anyhow::bail!(expertpool_i18n::t!("cli-build-no-content", path = args.content.display()));
    }
    let today = today_in(&args.content, args.today.as_deref())?;
    let options = BuildOptions { content: args.content, templates: args.templates, today };
    match build(&options, &args.out) {
        Ok(report) => {
            for warning in &report.warnings {
                eprintln!("{warning}");
            }
            say!(
                "{}",
                expertpool_i18n::t!(
                    "cli-build-built",
                    files = report.files,
                    written = report.written,
                    unchanged = report.unchanged,
                    megabytes = format!("{:.1}", report.bytes as f64 / 1e6),
                    experts = report.experts,
                    out = args.out.display(),
                    ms = started.elapsed().as_millis(),
                    load_ms = report.load_time.as_millis(),
                    render_ms = report.render_time.as_millis(),
                    swap_ms = report.write_time.as_millis()
                )
            )?;
            Ok(ExitCode::SUCCESS)
        }
        Err(error) => {
            eprintln!("{}", error.report());
            eprintln!("{}", expertpool_i18n::t!("cli-build-failed", out = args.out.display()));
            Ok(ExitCode::FAILURE)
        }
    }
}
