//! `expertpool-drawd`: the draw service as its own small binary (the same as
//! `expertpool drawd`), for deployments that do not need the site tools.

use std::process::ExitCode;

use clap::Parser;

#[derive(Parser)]
#[command(name = "expertpool-drawd", version, about = "The expertpool draw service (HTTP API under /api)")]
struct Cli {
    #[command(flatten)]
    args: expertpool_drawd::Args,
}

fn main() -> ExitCode {
    match expertpool_drawd::run(Cli::parse().args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
