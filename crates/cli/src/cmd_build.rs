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
        anyhow::bail!("content folder `{}` not found; pass --content DIR", args.content.display());
    }
    let today = today_in(&args.content, args.today.as_deref())?;
    let options = BuildOptions { content: args.content, templates: args.templates, today };
    match build(&options, &args.out) {
        Ok(report) => {
            for warning in &report.warnings {
                eprintln!("{warning}");
            }
            say!(
                "built {} files ({} written, {} unchanged; {:.1} MB, {} experts) into {} in {} ms \
                 (load and check {} ms, render and write {} ms, swap and clean up {} ms)",
                report.files,
                report.written,
                report.unchanged,
                report.bytes as f64 / 1e6,
                report.experts,
                args.out.display(),
                started.elapsed().as_millis(),
                report.load_time.as_millis(),
                report.render_time.as_millis(),
                report.write_time.as_millis(),
            )?;
            Ok(ExitCode::SUCCESS)
        }
        Err(error) => {
            eprintln!("{}", error.report());
            eprintln!("build failed; {} was left as it was", args.out.display());
            Ok(ExitCode::FAILURE)
        }
    }
}
