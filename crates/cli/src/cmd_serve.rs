//! `expertpool serve`: preview the public site on loopback with rebuild on save and live
//! reload; with `--draw-config`, the draw service answers under `/api` on the same port.

use crate::today::today;
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
    /// Build as of this date (YYYY-MM-DD) instead of today.
    #[arg(long)]
    pub today: Option<String>,
    /// The default templates folder (default: ./site-templates, else the one in the source tree).
    #[arg(long)]
    pub templates: Option<PathBuf>,
    /// Also run the draw service under /api, with this configuration (see `expertpool token add`).
    #[arg(long)]
    pub draw_config: Option<PathBuf>,
    /// Data folder of the draw service (with --draw-config).
    #[arg(long, default_value = "data")]
    pub draw_data: PathBuf,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if !args.content.is_dir() {
        anyhow::bail!("content folder `{}` not found; pass --content DIR", args.content.display());
    }
    let build = BuildOptions { content: args.content.clone(), templates: args.templates, today: today(args.today.as_deref())? };
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().context("cannot start the async runtime")?;
    rt.block_on(async {
        let live = start(ServeOptions { build, debounce: Duration::from_millis(30) })
            .map_err(|e| anyhow::anyhow!("{}", e.report()))?;
        let mut app = router(live.clone());
        let mut draw_service = None;
        if let Some(config) = &args.draw_config {
            let config = expertpool_drawd::Config::load(config)?;
            let service = expertpool_drawd::Service::open(expertpool_drawd::Options {
                config,
                data: args.draw_data.clone(),
                content: args.content.clone(),
                clock: expertpool_drawd::Clock::System,
            })?;
            eprintln!("serve: draw service: {}", service.replay);
            app = expertpool_drawd::router(service.clone()).merge(app);
            tokio::spawn(expertpool_drawd::reveal_loop(service.clone(), Duration::from_secs(1)));
            draw_service = Some(service);
        }
        let address = SocketAddr::new(args.addr, args.port);
        let listener =
            tokio::net::TcpListener::bind(address).await.with_context(|| format!("cannot listen on {address}"))?;
        eprintln!("serve: http://{}{} (Ctrl-C to stop)", listener.local_addr()?, live.base_path());
        axum::serve(listener, app).with_graceful_shutdown(expertpool_drawd::shutdown_signal()).await?;
        if let Some(service) = draw_service {
            let _ = tokio::task::spawn_blocking(move || service.shutdown()).await;
        }
        Ok(ExitCode::SUCCESS)
    })
}
