//! The HTTP listener of `drawd` and `serve`: axum's router on hyper's HTTP/1 server with
//! the limits `axum::serve` does not set. Without them a client sending its headers a
//! byte a second held a connection forever, and idle connections piled up until the
//! process ran out of file descriptors and every other client was locked out.

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::ConnectInfo;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower::ServiceExt as _;

/// Connection limits of the listener.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Time a client has to send a request's headers, counted from when the server
    /// waits for them: also how long an idle kept-alive connection stays open.
    pub header_timeout: Duration,
    /// Connections served at once; more wait in the kernel's queue until one closes.
    /// Keep it well below the process's file limit (`ulimit -n`, often 1024).
    pub max_connections: usize,
    /// How long a graceful shutdown waits for open connections to finish.
    pub shutdown_grace: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            header_timeout: Duration::from_secs(10),
            max_connections: 512,
            shutdown_grace: Duration::from_secs(10),
        }
    }
}

impl Limits {
    /// The limits the configuration sets.
    pub fn from_config(c: &crate::Config) -> Limits {
        Limits {
            header_timeout: Duration::from_secs(c.header_timeout_secs),
            max_connections: c.max_connections,
            ..Limits::default()
        }
    }
}

/// Serves `app` on `listener` within `limits` until `shutdown` completes, then lets the
/// open connections finish (for at most the grace period). Each request carries the
/// client's address (`ConnectInfo<SocketAddr>`).
pub async fn serve_router(
    listener: TcpListener,
    app: Router,
    limits: Limits,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let slots = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    let graceful = GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        // A slot first, then the accept: at the cap, new clients wait in the backlog
        // (taking no descriptor of ours) until an idle connection times out.
        let permit = tokio::select! {
            p = slots.clone().acquire_owned() => match p { Ok(p) => p, Err(_) => break },
            _ = &mut shutdown => break,
        };
        let (stream, peer) = tokio::select! {
            r = listener.accept() => match r {
                Ok(c) => c,
                // Out of descriptors or a connection reset before the accept: the
                // listener is still good; pause briefly rather than spin.
                Err(e) => {
                    tracing::warn!(target: "expertpool_drawd::listen", "accept failed: {e}");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            _ = &mut shutdown => break,
        };
        let _ = stream.set_nodelay(true);
        let svc = app.clone().map_request(move |mut req: axum::http::Request<Incoming>| {
            req.extensions_mut().insert(ConnectInfo(peer));
            req
        });
        let mut builder = hyper::server::conn::http1::Builder::new();
        builder.timer(TokioTimer::new()).header_read_timeout(limits.header_timeout).keep_alive(true);
        let conn = builder.serve_connection(TokioIo::new(stream), TowerToHyperService::new(svc));
        let conn = graceful.watch(conn);
        tokio::spawn(async move {
            let _ = conn.await;
            drop(permit);
        });
    }
    drop(listener);
    let _ = tokio::time::timeout(limits.shutdown_grace, graceful.shutdown()).await;
    Ok(())
}
