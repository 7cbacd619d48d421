//! `expertpool serve`: preview the public site on loopback with rebuild on save and live
//! reload, and the draw service under `/api` on the same port (read-only until staff
//! tokens exist in its configuration file).

use crate::today::today_in;
use anyhow::Context;
use expertpool_site::BuildOptions;
use expertpool_site::serve::{ServeOptions, router, start};
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

#[derive(clap::Args)]
pub struct Args {
    /// The instance folder.
    #[arg(long, default_value = "content")]
    pub content: PathBuf,
    /// Address to listen on; loopback by default, so the preview is not on the network.
    #[arg(long, default_value = "127.0.0.1")]
    pub addr: IpAddr,
    #[arg(long, default_value_t = 8080)]
    pub port: u16,
    /// Build as of this date (YYYY-MM-DD) instead of today (or a demo instance's `[demo] today`).
    #[arg(long)]
    pub today: Option<String>,
    /// A folder of default templates to use instead of those compiled into the binary
    /// (for working on the templates; an instance overrides single files in its templates/).
    #[arg(long)]
    pub templates: Option<PathBuf>,
    /// Configuration of the draw service with the staff tokens (see `expertpool token add`);
    /// without the file the service starts read-only.
    #[arg(long, default_value = "drawd.toml")]
    pub draw_config: PathBuf,
    /// Data folder of the draw service: its journal and signing key (created if missing).
    #[arg(long, default_value = "data")]
    pub draw_data: PathBuf,
    /// Serve the site only, without the draw service.
    #[arg(long)]
    pub no_draws: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if !args.content.is_dir() {
        anyhow::bail!("content folder `{}` not found; pass --content DIR", args.content.display());
    }
    let build = BuildOptions {
        content: args.content.clone(),
        templates: args.templates,
        today: today_in(&args.content, args.today.as_deref())?,
    };
    let rt =
        tokio::runtime::Builder::new_multi_thread().enable_all().build().context("cannot start the async runtime")?;
    rt.block_on(async {
        let live = start(ServeOptions { build, debounce: Duration::from_millis(30) })
            .map_err(|e| anyhow::anyhow!("{}", e.report()))?;
        let mut app = router(live.clone());
        let mut draw_service = None;
        if !args.no_draws {
            let config = args.draw_config.is_file().then_some(args.draw_config.as_path());
            if config.is_none() {
                eprintln!(
                    "serve: no {} — the draw service is read-only; add a staff token with `expertpool token add NAME --role operator --config {}`",
                    args.draw_config.display(),
                    args.draw_config.display()
                );
            }
            let service = expertpool_drawd::Service::load(&args.content, &args.draw_data, config)?;
            eprintln!("serve: draw service under /api, data in {}: {}", args.draw_data.display(), service.replay);
            app = expertpool_drawd::router(service.clone()).merge(app);
            tokio::spawn(expertpool_drawd::reveal_loop(service.clone(), Duration::from_secs(1)));
            draw_service = Some(service);
        }
        let address = SocketAddr::new(args.addr, args.port);
        let listener =
            tokio::net::TcpListener::bind(address).await.with_context(|| format!("cannot listen on {address}"))?;
        eprintln!("serve: http://{}{} (Ctrl-C to stop)", listener.local_addr()?, live.base_path());
        // The draw service's listener: header timeout and connection cap (issue #14).
        let limits = draw_service
            .as_ref()
            .map(|s| expertpool_drawd::Limits::from_config(&s.config))
            .unwrap_or_default();
        expertpool_drawd::serve_router(listener, app, limits, expertpool_drawd::shutdown_signal()).await?;
        if let Some(service) = draw_service {
            let _ = tokio::task::spawn_blocking(move || service.shutdown()).await;
        }
        Ok(ExitCode::SUCCESS)
    })
}
