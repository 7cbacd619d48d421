//! `expertpool drawd`: the draw service alone, for production behind a reverse proxy.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use expertpool_drawd::{Clock, Config, Options, Service};

#[derive(clap::Args)]
pub struct Args {
    /// Service configuration (staff token hashes, limits); see `expertpool token add`.
    #[arg(long)]
    pub config: PathBuf,
    /// Data folder: journal, signing key, no-show counts. Created if missing.
    #[arg(long, default_value = "data")]
    pub data: PathBuf,
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub listen: String,
    /// The instance whose pools are drawn (public and private records).
    #[arg(long, default_value = "content")]
    pub content: PathBuf,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let config = Config::load(&args.config)?;
    let rt =
        tokio::runtime::Builder::new_multi_thread().enable_all().build().context("cannot start the async runtime")?;
    rt.block_on(async {
        let service = Service::open(Options {
            config,
            data: args.data.clone(),
            content: args.content.clone(),
            clock: Clock::System,
        })?;
        eprintln!("drawd: {}", service.replay);
        let listener = tokio::net::TcpListener::bind(&args.listen)
            .await
            .with_context(|| format!("cannot listen on {}", args.listen))?;
        eprintln!("drawd: listening on http://{}/api", listener.local_addr()?);
        expertpool_drawd::serve(service, listener, expertpool_drawd::shutdown_signal()).await?;
        eprintln!("drawd: stopped; every acknowledged write is in the journal");
        Ok(ExitCode::SUCCESS)
    })
}
