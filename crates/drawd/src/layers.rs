//! The layers around every endpoint, outermost first:
//!
//! * [`language`] — the language of every message of the answer: `Accept-Language`,
//!   else the service's own;
//! * [`outer`] — the access log, the security headers, the refusal of over-long URIs,
//!   and the JSON error shape for every answer a lower layer made without it (axum's own
//!   rejections, the timeout's empty 408);
//! * [`auth_guard`] — the limit on failed authentications per client address;
//! * [`idempotent`] — `Idempotency-Key`: a retried write returns the first answer.

use std::collections::{HashMap, VecDeque};
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use expertpool_i18n::{Lang, t};
use sha2::{Digest, Sha256};
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use crate::error::ApiError;
use crate::service::Service;

/// Longest path and query accepted; the API's own are under 100 bytes.
pub const MAX_URI: usize = 8 * 1024;

/// The client's address, when the listener recorded it (the tests' in-process router
/// has none: all their calls count as one unknown client).
fn peer(req: &Request) -> Option<IpAddr> {
    req.extensions().get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip())
}

fn is_json(headers: &HeaderMap) -> bool {
    headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|v| v.starts_with("application/json"))
}

/// The language a request's messages are written in: the first language of its
/// `Accept-Language` (by `q`, highest first) that the catalogues have, else the
/// service's process language.
pub fn request_lang(headers: &HeaderMap) -> Lang {
    let Some(value) = headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()) else {
        return expertpool_i18n::current();
    };
    let mut offered: Vec<(f32, Lang)> = value
        .split(',')
        .filter_map(|item| {
            let mut parts = item.split(';');
            let lang = Lang::parse(parts.next()?.trim())?;
            let q = parts
                .filter_map(|p| p.trim().strip_prefix("q="))
                .find_map(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            (q > 0.0).then_some((q, lang))
        })
        .collect();
    // Stable: of equal weights the first named wins, as the header lists them.
    offered.sort_by(|a, b| b.0.total_cmp(&a.0));
    offered.first().map_or_else(expertpool_i18n::current, |(_, lang)| *lang)
}

/// Runs the rest of the request with its language set on whichever thread polls it, so
/// that every message formed on the way — by a handler, an extractor or a layer below —
/// is in the language the client asked for.
pub async fn language(req: Request, next: Next) -> Response {
    let lang = request_lang(req.headers());
    InLang { lang, inner: Box::pin(next.run(req)) }.await
}

/// A future polled with a language: the override is thread-local and a task may move
/// between threads at each `.await`, so it is set again around every poll.
struct InLang<F> {
    lang: Lang,
    inner: Pin<Box<F>>,
}

impl<F: Future> Future for InLang<F> {
    type Output = F::Output;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let lang = self.lang;
        expertpool_i18n::scoped(lang, || self.inner.as_mut().poll(cx))
    }
}

/// Access log, security headers, URI length and the JSON error fallback.
pub async fn outer(req: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = req.method().clone();
    // The path only: no query, no header, no body, so no token can reach the log; cut
    // short, so an over-long URI does not fill it.
    let path: String = req.uri().path().chars().take(120).collect();
    let ip = peer(&req);
    let staff = req.headers().contains_key(header::AUTHORIZATION);
    let uri_len = req.uri().path_and_query().map_or(0, |p| p.as_str().len());
    let mut resp = if uri_len > MAX_URI {
        ApiError::for_status(StatusCode::URI_TOO_LONG).into_response()
    } else {
        next.run(req).await
    };
    let status = resp.status();
    if (status.is_client_error() || status.is_server_error()) && !is_json(resp.headers()) {
        let mut fresh = ApiError::for_status(status).into_response();
        for name in [header::ALLOW, header::RETRY_AFTER, header::WWW_AUTHENTICATE] {
            if let Some(v) = resp.headers().get(&name) {
                fresh.headers_mut().insert(name, v.clone());
            }
        }
        resp = fresh;
    }
    security_headers(resp.headers_mut(), staff);
    tracing::info!(
        target: "expertpool_drawd::access",
        method = %method,
        path = %path,
        status = resp.status().as_u16(),
        ms = started.elapsed().as_millis() as u64,
        peer = %ip.map(|i| i.to_string()).unwrap_or_else(|| "-".into()),
        staff,
        "request"
    );
    resp
}

/// Headers every answer carries: no content sniffing, no referrer, never in a frame;
/// answers to staff (a token was sent) are never stored by a cache.
pub fn security_headers(h: &mut HeaderMap, staff: bool) {
    h.insert("x-content-type-options", HeaderValue::from_static("nosniff"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static("default-src 'none'; frame-ancestors 'none'"));
    if staff {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
}

/// Failed authentications allowed per address within [`AUTH_WINDOW_SECS`].
pub const AUTH_FAILURES: u32 = 10;
/// The window of [`AUTH_FAILURES`], in seconds.
pub const AUTH_WINDOW_SECS: i64 = 60;
/// Addresses tracked at once; past that, new addresses share one count.
const AUTH_TRACKED: usize = 10_000;

#[derive(Debug, Clone, Copy)]
struct Window {
    start: i64,
    failures: u32,
}

/// Failed authentications per client address in fixed windows. Past the limit every
/// request with a token from that address is refused until the window ends, the right
/// token included: otherwise a guesser would still learn when a guess was right.
#[derive(Default)]
pub struct AuthLimiter {
    windows: Mutex<HashMap<Option<IpAddr>, Window>>,
}

impl AuthLimiter {
    /// Seconds to wait, when `ip` is over the limit at `now`.
    pub fn blocked(&self, ip: Option<IpAddr>, now: i64) -> Option<i64> {
        let m = self.windows.lock().unwrap_or_else(|p| p.into_inner());
        let w = m.get(&ip)?;
        let end = w.start + AUTH_WINDOW_SECS;
        (now < end && w.failures >= AUTH_FAILURES).then_some(end - now)
    }

    /// Counts a failed authentication from `ip` at `now`.
    pub fn failed(&self, ip: Option<IpAddr>, now: i64) {
        let mut m = self.windows.lock().unwrap_or_else(|p| p.into_inner());
        let mut key = ip;
        if !m.contains_key(&key) && m.len() >= AUTH_TRACKED {
            m.retain(|_, w| now < w.start + AUTH_WINDOW_SECS);
            if m.len() >= AUTH_TRACKED {
                key = None;
            }
        }
        let w = m.entry(key).or_insert(Window { start: now, failures: 0 });
        if now >= w.start + AUTH_WINDOW_SECS {
            *w = Window { start: now, failures: 0 };
        }
        w.failures = w.failures.saturating_add(1);
    }
}

/// Refuses requests with a token from an address with too many failed authentications
/// (429 with Retry-After), and counts each 401 given to a request that sent a token.
pub async fn auth_guard(State(s): State<Arc<Service>>, req: Request, next: Next) -> Response {
    if !req.headers().contains_key(header::AUTHORIZATION) {
        return next.run(req).await;
    }
    let ip = peer(&req);
    let now = s.clock.now().as_second();
    if let Some(wait) = s.limiter.blocked(ip, now) {
        let mut resp = ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "too_many_auth_failures",
            "Authorization",
            t!("drawd-too-many-auth-failures", window = AUTH_WINDOW_SECS, failures = AUTH_FAILURES),
            t!("drawd-too-many-auth-failures-fix", wait = wait),
        )
        .into_response();
        resp.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(wait.max(1)));
        return resp;
    }
    let resp = next.run(req).await;
    if resp.status() == StatusCode::UNAUTHORIZED {
        s.limiter.failed(ip, now);
    }
    resp
}

/// The request header naming a write for retries.
pub const IDEMPOTENCY_KEY: &str = "idempotency-key";
/// Keys remembered (the most recent ones).
pub const IDEMPOTENCY_KEEP: usize = 10_000;

/// An answer kept for replay.
#[derive(Clone)]
struct Stored {
    status: StatusCode,
    headers: Vec<(header::HeaderName, HeaderValue)>,
    body: Bytes,
}

impl Stored {
    async fn collect(resp: Response) -> Stored {
        let (parts, body) = resp.into_parts();
        let body = axum::body::to_bytes(body, usize::MAX).await.unwrap_or_default();
        let headers = [header::CONTENT_TYPE, header::WWW_AUTHENTICATE, header::RETRY_AFTER]
            .into_iter()
            .filter_map(|n| parts.headers.get(&n).map(|v| (n, v.clone())))
            .collect();
        Stored { status: parts.status, headers, body }
    }

    fn response(&self, replayed: bool) -> Response {
        let mut resp = (self.status, self.body.clone()).into_response();
        for (n, v) in &self.headers {
            resp.headers_mut().insert(n, v.clone());
        }
        if replayed {
            resp.headers_mut().insert("idempotent-replayed", HeaderValue::from_static("true"));
        }
        resp
    }

    /// Whether a retry should get this answer again. Not when nothing was done and a
    /// retry may well succeed: authentication refused or throttled, or a fault of the
    /// service (a failed journal write records nothing).
    fn keep(&self) -> bool {
        !(self.status.is_server_error()
            || matches!(
                self.status,
                StatusCode::UNAUTHORIZED | StatusCode::REQUEST_TIMEOUT | StatusCode::TOO_MANY_REQUESTS
            ))
    }
}

enum Slot {
    Running(tokio::sync::watch::Receiver<Option<Stored>>),
    Done(Stored),
}

struct Entry {
    fingerprint: [u8; 32],
    slot: Slot,
}

/// Entries by hash of (token, key), and those hashes oldest first (for eviction).
type Recent = (HashMap<[u8; 32], Entry>, VecDeque<[u8; 32]>);

/// Recent idempotency keys and their answers, by (token, key).
#[derive(Default)]
pub struct Idempotency {
    inner: Mutex<Recent>,
}

enum Act {
    Run(tokio::sync::watch::Sender<Option<Stored>>),
    Wait(tokio::sync::watch::Receiver<Option<Stored>>),
    Replay(Stored),
    Reused,
}

impl Idempotency {
    fn begin(&self, slot: [u8; 32], fingerprint: [u8; 32]) -> Act {
        let mut g = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        let (map, order) = &mut *g;
        match map.get(&slot) {
            Some(e) if e.fingerprint != fingerprint => Act::Reused,
            Some(Entry { slot: Slot::Done(st), .. }) => Act::Replay(st.clone()),
            Some(Entry { slot: Slot::Running(rx), .. }) => Act::Wait(rx.clone()),
            None => {
                let (tx, rx) = tokio::sync::watch::channel(None);
                map.insert(slot, Entry { fingerprint, slot: Slot::Running(rx) });
                order.push_back(slot);
                while order.len() > IDEMPOTENCY_KEEP {
                    if let Some(old) = order.pop_front() {
                        map.remove(&old);
                    }
                }
                Act::Run(tx)
            }
        }
    }

    fn finish(&self, slot: [u8; 32], fingerprint: [u8; 32], stored: &Stored) {
        let mut g = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        let (map, order) = &mut *g;
        let ours = map.get(&slot).is_some_and(|e| e.fingerprint == fingerprint && matches!(e.slot, Slot::Running(_)));
        if !ours {
            return;
        }
        if stored.keep() {
            map.insert(slot, Entry { fingerprint, slot: Slot::Done(stored.clone()) });
        } else {
            map.remove(&slot);
            order.retain(|k| *k != slot);
        }
    }
}

fn valid_key(k: &str) -> bool {
    (1..=200).contains(&k.len()) && k.bytes().all(|b| b.is_ascii_graphic())
}

fn hash(parts: &[&[u8]]) -> [u8; 32] {
    let mut h = Sha256::new();
    for p in parts {
        h.update((p.len() as u64).to_be_bytes());
        h.update(p);
    }
    h.finalize().into()
}

/// `Idempotency-Key` on a write: the first request with a key runs (to its end even if
/// the client gives up — a 408 does not stop a write already queued); a retry with the
/// same key and the same request gets that first answer and writes nothing, also while
/// the first is still running; the same key with another request is 422. Keys are per
/// token, so two clerks cannot see each other's answers.
pub async fn idempotent(State(s): State<Arc<Service>>, req: Request, next: Next) -> Response {
    if req.method() != Method::POST {
        return next.run(req).await;
    }
    let Some(key) = req.headers().get(IDEMPOTENCY_KEY) else { return next.run(req).await };
    let Some(key) = key.to_str().ok().filter(|k| valid_key(k)).map(str::to_owned) else {
        return ApiError::bad_request(
            "invalid_idempotency_key",
            "Idempotency-Key",
            t!("drawd-invalid-idempotency-key"),
            t!("drawd-invalid-idempotency-key-fix"),
        )
        .into_response();
    };
    let token = req.headers().get(header::AUTHORIZATION).map(|v| v.as_bytes().to_vec()).unwrap_or_default();
    let (parts, body) = req.into_parts();
    let limit = s.config.body_limit;
    let bytes = match axum::body::to_bytes(body, limit).await {
        Ok(b) => b,
        Err(e) => {
            let too_large = std::error::Error::source(&e)
                .is_some_and(|c| c.downcast_ref::<http_body_util::LengthLimitError>().is_some());
            let status = if too_large { StatusCode::PAYLOAD_TOO_LARGE } else { StatusCode::BAD_REQUEST };
            return ApiError::for_status(status).into_response();
        }
    };
    let uri = parts.uri.path_and_query().map_or("", |p| p.as_str()).to_owned();
    let slot = hash(&[&token, key.as_bytes()]);
    let fingerprint = hash(&[parts.method.as_str().as_bytes(), uri.as_bytes(), &bytes]);
    match s.idempotency.begin(slot, fingerprint) {
        Act::Reused => ApiError::invalid(
            "idempotency_key_reused",
            "Idempotency-Key",
            t!("drawd-idempotency-key-reused", key = key),
            t!("drawd-idempotency-key-reused-fix"),
        )
        .into_response(),
        Act::Replay(st) => st.response(true),
        Act::Wait(mut rx) => match rx.wait_for(Option::is_some).await {
            Ok(st) => st
                .as_ref()
                .map(|st| st.response(true))
                .unwrap_or_else(|| ApiError::for_status(StatusCode::SERVICE_UNAVAILABLE).into_response()),
            Err(_) => ApiError::for_status(StatusCode::SERVICE_UNAVAILABLE).into_response(),
        },
        Act::Run(tx) => {
            let req = Request::from_parts(parts, Body::from(bytes));
            let svc = s.clone();
            // Spawned: the write and its bookkeeping finish even when the timeout layer
            // above drops this request, so the retry finds the answer.
            let lang = expertpool_i18n::current();
            let task = tokio::spawn(InLang {
                lang,
                inner: Box::pin(async move {
                    let stored = Stored::collect(next.run(req).await).await;
                    svc.idempotency.finish(slot, fingerprint, &stored);
                    let _ = tx.send(Some(stored.clone()));
                    stored
                }),
            });
            match task.await {
                Ok(st) => st.response(false),
                Err(e) => ApiError::internal(e).into_response(),
            }
        }
    }
}
