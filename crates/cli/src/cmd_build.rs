//! `expertpool build`: render the public site of an instance into a folder for any static host.

use crate::today::today_in;
use expertpool_site::{BuildOptions, build};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

#[derive(clap::Args)]
pub struct Args {
    #[arg(long, default_value = "content")]
    pub content: PathBuf,
    #[arg(long, default_value = "public")]
    pub out: PathBuf,
    #[arg(long)]
    pub today: Option<String>,
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
