//! `expertpool drawd`: the draw service alone, for production behind a reverse proxy.
//! Arguments and start-up are the draw service's own (`expertpool_drawd::run`), shared
//! with the `expertpool-drawd` binary.

use std::process::ExitCode;

pub use expertpool_drawd::Args;

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    expertpool_drawd::run(args)?;
    Ok(ExitCode::SUCCESS)
}
