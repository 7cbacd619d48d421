//! The service's command line and start-up, the one implementation behind both the
//! `expertpool-drawd` binary and `expertpool drawd`.

use std::path::PathBuf;

use crate::clock::Clock;
use crate::config::Config;
use crate::service::{Options, Service, StartError};

/// Command-line arguments of the draw service.
#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    /// Service configuration (staff token hashes, limits); see `expertpool token add`.
    #[arg(long)]
    pub config: PathBuf,
    /// Data folder: journal, signing key, no-show counts. Created if missing.
    #[arg(long, default_value = "data")]
    pub data: PathBuf,
    /// Address to listen on (port 0: any free port, printed on start).
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub listen: String,
    /// The instance whose pools are drawn (public and private records).
    #[arg(long, default_value = "content")]
    pub content: PathBuf,
}

/// Why the service stopped with an error.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// The configuration, data folder or content could not be opened.
    #[error(transparent)]
    Start(#[from] StartError),
    /// The async runtime could not be created.
    #[error("cannot start the async runtime: {0}")]
    Runtime(std::io::Error),
    /// The address could not be bound.
    #[error("cannot listen on {addr}: {source}")]
    Listen {
        /// The `--listen` address.
        addr: String,
        /// Why.
        source: std::io::Error,
    },
    /// Serving failed after the start.
    #[error("serving failed: {0}")]
    Serve(std::io::Error),
}

/// Opens the service as `args` say and serves it until Ctrl-C or SIGTERM, then
/// finishes every acknowledged write. Progress goes to standard error.
pub fn run(args: Args) -> Result<(), RunError> {
    let config = Config::load(&args.config).map_err(StartError::from)?;
    crate::init_logging();
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().map_err(RunError::Runtime)?;
    rt.block_on(async {
        let service = Service::open(Options { config, data: args.data, content: args.content, clock: Clock::System })?;
        eprintln!("drawd: {}", service.replay);
        let listener = tokio::net::TcpListener::bind(&args.listen)
            .await
            .map_err(|source| RunError::Listen { addr: args.listen.clone(), source })?;
        let addr = listener.local_addr().map_err(RunError::Serve)?;
        eprintln!("drawd: listening on http://{addr}/api");
        crate::serve(service, listener, crate::shutdown_signal()).await.map_err(RunError::Serve)?;
        eprintln!("drawd: stopped; every acknowledged write is in the journal");
        Ok(())
    })
}
