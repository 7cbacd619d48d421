//! `expertpool synthesize`: write a fictional instance of any size, for demos, tests and
//! benchmarks. Deterministic: the same seed and --today give the same bytes.

use expertpool_private::synth::{Options, synthesize, today_or_default};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

#[derive(clap::Args)]
pub struct Args {
    #[arg(long, default_value_t = 400)]
    pub experts: usize,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    #[arg(long)]
    pub out: PathBuf,
    #[arg(long)]
    pub today: Option<String>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let today = today_or_default(args.today.as_deref()).map_err(|e| anyhow::anyhow!("--today: {e}"))?;
    let options = Options { experts: args.experts, seed: args.seed, today };
    let summary = synthesize(&args.out, &options)?;
    say!(
        "wrote {} experts, {} people, {} notices, {} calls to {} (as of {today}) in {} ms",
        summary.experts,
        summary.people,
        summary.notices,
        summary.calls,
        args.out.display(),
        started.elapsed().as_millis()
    )?;
    Ok(ExitCode::SUCCESS)
}
