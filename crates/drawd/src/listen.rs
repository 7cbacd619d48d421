//! The HTTP listener of `drawd` and `serve`: axum's router on hyper's HTTP/1 server with
//! the limits `axum::serve` does not set. Without them a client sending its headers a
//! byte a second held a connection forever, and idle connections piled up until the
//! process ran out of file descriptors and every other client was locked out.

use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll, ready};
use std::time::Duration;

use axum::Router;
use axum::extract::ConnectInfo;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
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
        let io = TokioIo::new(JsonParseErrors::new(stream));
        let conn = builder.serve_connection(io, TowerToHyperService::new(svc));
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

/// A connection on which hyper's own answers to requests it cannot parse — 400 for a
/// broken request line or header, 414 for a URI over 64 KiB, 431 for headers over its
/// buffer — are replaced by the JSON error shape. hyper writes them itself, headers
/// only, before any layer of ours sees a request, so the bytes are the only place to
/// change them.
struct JsonParseErrors<T> {
    inner: T,
    pending: Vec<u8>,
    sent: usize,
}

impl<T> JsonParseErrors<T> {
    fn new(inner: T) -> Self {
        JsonParseErrors { inner, pending: Vec::new(), sent: 0 }
    }
}

/// The status of `chunk` if it is one of hyper's automatic answers: a whole response
/// of headers only, with no body and no content type (every error answer of the router
/// has a JSON body, so none of them looks like this).
fn automatic_answer(chunk: &[u8]) -> Option<axum::http::StatusCode> {
    let rest = chunk.strip_prefix(b"HTTP/1.1 ")?;
    let code: u16 = std::str::from_utf8(rest.get(..3)?).ok()?.parse().ok()?;
    if !matches!(code, 400 | 414 | 431) || chunk.len() > 1024 {
        return None;
    }
    let text = std::str::from_utf8(chunk).ok()?.to_ascii_lowercase();
    let bare = text.ends_with("\r\n\r\n")
        && !text.contains("content-type")
        && !text.contains("transfer-encoding")
        && text.split("\r\n").filter_map(|l| l.strip_prefix("content-length:")).all(|v| v.trim() == "0");
    bare.then(|| axum::http::StatusCode::from_u16(code).ok()).flatten()
}

/// The JSON answer for `status`, closing the connection (hyper closes it after these).
fn json_answer(status: axum::http::StatusCode) -> Vec<u8> {
    let e = crate::error::ApiError::for_status(status);
    let body = serde_json::json!({ "error": { "code": e.code, "field": e.field, "message": e.message, "fix": e.fix } })
        .to_string();
    let mut head = axum::http::HeaderMap::new();
    crate::layers::security_headers(&mut head, false);
    let mut out = format!(
        "HTTP/1.1 {} {}\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n",
        status.as_u16(),
        status.canonical_reason().unwrap_or(""),
        body.len()
    );
    for (k, v) in &head {
        out.push_str(&format!("{}: {}\r\n", k, v.to_str().unwrap_or("")));
    }
    out.push_str("\r\n");
    out.push_str(&body);
    out.into_bytes()
}

impl<T: AsyncWrite + Unpin> JsonParseErrors<T> {
    fn drain(&mut self, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        while self.sent < self.pending.len() {
            let n = ready!(Pin::new(&mut self.inner).poll_write(cx, &self.pending[self.sent..]))?;
            if n == 0 {
                return Poll::Ready(Err(std::io::ErrorKind::WriteZero.into()));
            }
            self.sent += n;
        }
        self.pending.clear();
        self.sent = 0;
        Poll::Ready(Ok(()))
    }
}

impl<T: AsyncRead + Unpin> AsyncRead for JsonParseErrors<T> {
    fn poll_read(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_read(cx, buf)
    }
}

impl<T: AsyncWrite + Unpin> AsyncWrite for JsonParseErrors<T> {
    fn poll_write(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<std::io::Result<usize>> {
        let this = self.get_mut();
        ready!(this.drain(cx))?;
        if let Some(status) = automatic_answer(buf) {
            this.pending = json_answer(status);
            // Taken whole; the replacement goes out on this call if it can, else on the
            // flush hyper makes next.
            if let Poll::Ready(Err(e)) = this.drain(cx) {
                return Poll::Ready(Err(e));
            }
            return Poll::Ready(Ok(buf.len()));
        }
        Pin::new(&mut this.inner).poll_write(cx, buf)
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        let this = self.get_mut();
        ready!(this.drain(cx))?;
        Pin::new(&mut this.inner).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        let this = self.get_mut();
        ready!(this.drain(cx))?;
        Pin::new(&mut this.inner).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_bare_parse_error_answers_are_replaced() {
        let bare = b"HTTP/1.1 414 URI Too Long\r\nconnection: close\r\ncontent-length: 0\r\ndate: Thu, 03 Dec 2026 13:00:00 GMT\r\n\r\n";
        assert_eq!(automatic_answer(bare), Some(axum::http::StatusCode::URI_TOO_LONG));
        let json = b"HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\ncontent-length: 2\r\n\r\n{}";
        assert_eq!(automatic_answer(json), None);
        assert_eq!(automatic_answer(b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n"), None);
        let out = String::from_utf8(json_answer(axum::http::StatusCode::URI_TOO_LONG)).unwrap();
        let (head, body) = out.split_once("\r\n\r\n").unwrap();
        assert!(head.contains(&format!("content-length: {}", body.len())), "{head}");
        let v: serde_json::Value = serde_json::from_str(body).unwrap();
        assert_eq!(v["error"]["code"], "uri_too_long");
    }
}
