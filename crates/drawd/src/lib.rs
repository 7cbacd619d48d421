//! # expertpool-drawd: the draw service
//!
//! An axum service that runs the verifiable draws of `expertpool-draw` for bureau
//! staff and publishes the log for everyone:
//!
//! * [`router`] — every endpoint, under `/api`, and the staff [`console`] under `/staff/`
//!   (merge it beside a site as is);
//! * [`Service`] — state, the single journal writer (group commit, fsync
//!   before acknowledging), content reloading, reveals when their time comes;
//! * the journal — the append-only, hash-chained, verified-on-start journal file
//!   ([`read_journal`] reads one without a service);
//! * configuration and auth — staff tokens (hashed at rest, constant-time compared)
//!   and roles ([`Config`], [`add_token`]);
//! * the [`Directory`] — records (public and private halves) mapped to draw candidates;
//! * requests and views — validation of what comes in ([`validate_create`] …), and
//!   what each reader may see of what goes out.
//!
//! Start it with [`run`] (what `expertpool-drawd` and `expertpool drawd` do), or with
//! [`Service::open`] and [`serve`] to embed it.

#![warn(missing_docs)]

mod api;
mod auth;
pub mod backup;
mod beacon_fetch;
mod body;
mod checkpoints;
mod clock;
mod config;
pub mod console;
mod cosign;
mod directory;
mod eligible;
mod error;
mod export;
mod identity;
mod journal;
mod layers;
mod listen;
mod noshows;
pub mod publish;
mod request;
mod service;
mod snapshot;
mod start;
mod views;

use std::sync::Arc;
use std::time::Duration;

pub use api::router;
pub use checkpoints::{CHECKPOINTS, KeptCheckpoint};
pub use clock::Clock;
pub use config::{Config, ConfigError, Role, add_token, write_atomically};
pub use console::accounts::add_login;
pub use cosign::{COSIGNATURES, KeptCosignature, export_section as witnesses_for_export};
pub use directory::{Directory, candidate};
pub use error::ApiError;
pub use journal::{JOURNAL, JournalError, ReplayReport, read_only as read_journal};
pub use layers::{AUTH_FAILURES, AUTH_WINDOW_SECS, IDEMPOTENCY_KEEP, MAX_URI};
pub use listen::{Limits, serve_router};
pub use request::{
    BeaconBody, CreateBody, DirectedBody, RecusalBody, ResponseBody, validate_create, validate_directed,
    validate_response,
};
pub use service::{Done, Op, Options, Service, Shared, StartError, Target, export_from_data};
pub use snapshot::{SNAPSHOT, Use as SnapshotUse};
pub use start::{Args, RunError, run};

/// The parsing the handlers apply to untrusted bytes, for the fuzz harnesses
/// (`crates/fuzz`, `fuzz/`): the JSON body parser every endpoint uses, the bodies and the
/// beacon value of `POST /api/draws/{id}/run`, and the journal parser of start-up.
#[doc(hidden)]
pub mod fuzzing {
    pub use crate::body::parse as parse_body;
    pub use crate::request::{RunBody, parse_beacon};

    /// Replays `<data>/journal.jsonl` as start-up does (every protocol rule, no
    /// checkpoint file, nothing changed): the entries, the byte length of the valid
    /// prefix, and the torn tail (line, bytes) if any.
    pub fn replay_journal(data: &std::path::Path) -> Result<(u64, u64, Option<(usize, usize)>), crate::JournalError> {
        let r = crate::journal::replay(data, None, false, false, &mut ())?;
        Ok((r.log.len(), r.offsets.last().copied().unwrap_or(0), r.report.torn_tail))
    }
}

/// Runs the service on `listener` until `shutdown` completes, then finishes every
/// acknowledged write and stops the writer. Reveals run every `reveal_every`.
pub async fn serve(
    service: Arc<Service>,
    listener: tokio::net::TcpListener,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let revealer = tokio::spawn(reveal_loop(service.clone(), Duration::from_secs(1)));
    let limits = Limits::from_config(&service.config);
    let result = serve_router(listener, router(service.clone()), limits, shutdown).await;
    revealer.abort();
    let s = service.clone();
    let _ = tokio::task::spawn_blocking(move || s.shutdown()).await;
    result
}

/// Sends the `tracing` events (the access log, target `expertpool_drawd::access`, and
/// warnings) to standard error, at level INFO. Does nothing if the process already set
/// a subscriber.
pub fn init_logging() {
    let _ = tracing_subscriber::fmt().with_writer(std::io::stderr).with_max_level(tracing::Level::INFO).try_init();
}

/// Publishes names and secrets of draws whose confidentiality time has passed.
pub async fn reveal_loop(service: Arc<Service>, every: Duration) {
    let mut tick = tokio::time::interval(every);
    loop {
        tick.tick().await;
        for r in service.reveal_due().await {
            if let Err(e) = r {
                eprintln!("drawd: reveal failed: {e}");
            }
        }
    }
}

/// Completes on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}
