//! `expertpool-drawd`: the draw service as its own small binary (the same as
//! `expertpool drawd`), for deployments that do not need the site tools.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use expertpool_drawd::{Clock, Config, Options, Service};

#[derive(Parser)]
#[command(name = "expertpool-drawd", version, about = "The expertpool draw service (HTTP API under /api)")]
struct Args {
    /// Service configuration (staff token hashes, limits).
    #[arg(long)]
    config: PathBuf,
    /// Data folder: journal, signing key, no-show counts. Created if missing.
    #[arg(long, default_value = "data")]
    data: PathBuf,
    /// Address to listen on (port 0: any free port, printed on start).
    #[arg(long, default_value = "127.0.0.1:8080")]
    listen: String,
    /// The instance whose pools are drawn.
    #[arg(long, default_value = "content")]
    content: PathBuf,
}

fn main() -> ExitCode {
    let args = Args::parse();
    match run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: Args) -> Result<(), Box<dyn std::error::Error>> {
    let config = Config::load(&args.config)?;
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    rt.block_on(async {
        let service = Service::open(Options { config, data: args.data, content: args.content, clock: Clock::System })?;
        eprintln!("drawd: {}", service.replay);
        let listener = tokio::net::TcpListener::bind(&args.listen).await?;
        eprintln!("drawd: listening on http://{}/api", listener.local_addr()?);
        expertpool_drawd::serve(service, listener, expertpool_drawd::shutdown_signal()).await?;
        eprintln!("drawd: stopped; every acknowledged write is in the journal");
        Ok(())
    })
}
