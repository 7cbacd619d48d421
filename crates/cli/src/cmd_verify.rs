//! `expertpool verify`: checks a public draw log (spec: docs/draw-protocol.md)
//! and prints the report entry by entry; exit 1 on any failed check.

use expertpool_draw::verify_log;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// The public draw log (`expertpool-draw-log/v1` JSON), e.g. downloaded from the bureau's site.
    pub file: PathBuf,
    /// `text` for people, `json` for machines (the full structured report).
    #[arg(long, default_value = "text", value_parser = ["text", "json"])]
    pub format: String,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let text = std::fs::read_to_string(&args.file)
        .map_err(|e| anyhow::anyhow!("cannot read draw log `{}`: {e}", args.file.display()))?;
    let report = verify_log(&text);
    // Written, not printed: `print!` panics when the reader has gone (`verify LOG | head`);
    // the write error reaches main, which ends quietly on a broken pipe.
    let mut out = std::io::stdout().lock();
    if args.format == "json" {
        writeln!(out, "{}", serde_json::to_string_pretty(&report)?)?;
    } else {
        write!(out, "{report}")?;
    }
    out.flush()?;
    Ok(if report.ok() { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}
