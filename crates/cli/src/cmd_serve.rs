//! `expertpool serve`: preview the public site on loopback with rebuild on save and live
//! reload, and the draw service under `/api` on the same port (read-only until staff
//! tokens exist in its configuration file).

use crate::today::today_in;
use anyhow::Context;
use expertpool_site::BuildOptions;
use expertpool_site::serve::{ServeOptions, router, start_with_draw_log};
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

#[derive(clap::Args)]
pub struct Args {
    #[arg(long, default_value = "content")]
    pub content: PathBuf,
    #[arg(long, default_value = "127.0.0.1")]
    pub addr: IpAddr,
    #[arg(long, default_value_t = 8080)]
    pub port: u16,
    #[arg(long)]
    pub today: Option<String>,
    #[arg(long)]
    pub templates: Option<PathBuf>,
    #[arg(long, default_value = "drawd.toml")]
    pub draw_config: PathBuf,
    #[arg(long, default_value = "data")]
    pub draw_data: PathBuf,
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
        // The draw service first: it writes its public log to a file after every durable
        // batch (`[publish] log_path`, by default `<data>/public-log.json`), and the site
        // shows that file instead of content/draws/log.json, rebuilt whenever it changes.
        let mut draw_service = None;
        let mut live_log = None;
        if !args.no_draws {
            let config_file = args.draw_config.is_file().then_some(args.draw_config.as_path());
            if config_file.is_none() {
                eprintln!(
                    "serve: no {} — the draw service is read-only; add a staff token with `expertpool token add NAME --role operator --config {}`",
                    args.draw_config.display(),
                    args.draw_config.display()
                );
            }
            let mut config = match config_file {
                Some(path) => expertpool_drawd::Config::load(path)?,
                None => expertpool_drawd::Config::default(),
            };
            let log_path = config.publish.log_path.get_or_insert_with(|| args.draw_data.join("public-log.json")).clone();
            let service = expertpool_drawd::Service::open(expertpool_drawd::Options {
                config,
                data: args.draw_data.clone(),
                content: args.content.clone(),
                clock: expertpool_drawd::Clock::System,
            })?;
            eprintln!("serve: draw service under /api, data in {}: {}", args.draw_data.display(), service.replay);
            wait_for_first_publication(&service);
            eprintln!("serve: draw pages follow the service's log ({})", log_path.display());
            live_log = Some(log_path);
            draw_service = Some(service);
        }
        let live = start_with_draw_log(ServeOptions { build, debounce: Duration::from_millis(30) }, live_log)
            .map_err(|e| anyhow::anyhow!("{}", e.report()))?;
        let mut app = router(live.clone());
        if let Some(service) = &draw_service {
            app = expertpool_drawd::router(service.clone()).merge(app);
            tokio::spawn(expertpool_drawd::reveal_loop(service.clone(), Duration::from_secs(1)));
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

/// The site's first build should show the service's log: wait (briefly) until the
/// publisher has written it once.
fn wait_for_first_publication(service: &expertpool_drawd::Service) {
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while service.publish_status().is_some_and(|s| s.written == 0 && s.failures == 0)
        && std::time::Instant::now() < deadline
    {
        std::thread::sleep(Duration::from_millis(20));
    }
}
