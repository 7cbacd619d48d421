//! Issue #14 (hardening): strict bodies, bounded numbers, the JSON error shape for every
//! refusal, invisible and bidi text, no answers after the reveal, the limit on failed
//! authentications, security headers, the access log, health after a failed write,
//! `Idempotency-Key`, and the listener's header timeout and connection cap (loopback).

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::{Setup, create_body};
use serde_json::{Value, json};
use tower::ServiceExt;

async fn raw(s: &Setup, req: Request<Body>) -> (StatusCode, axum::http::HeaderMap, Value) {
    let resp = s.router.clone().oneshot(req).await.unwrap();
    let (status, headers) = (resp.status(), resp.headers().clone());
    let bytes = axum::body::to_bytes(resp.into_body(), 10 << 20).await.unwrap();
    let v = serde_json::from_slice(&bytes).unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into()));
    (status, headers, v)
}

fn post(path: &str, token: &str, key: Option<&str>, body: &str) -> Request<Body> {
    let mut r = Request::post(path).header("Authorization", format!("Bearer {token}"));
    r = r.header("Content-Type", "application/json");
    if let Some(k) = key {
        r = r.header("Idempotency-Key", k);
    }
    r.body(Body::from(body.to_owned())).unwrap()
}

async fn log_size(s: &Setup) -> u64 {
    s.call("GET", "/api/log/head", None, None).await.1["size"].as_u64().unwrap()
}

fn assert_error_shape(v: &Value, code: &str) {
    assert_eq!(v["error"]["code"], code, "{v}");
    for k in ["field", "message", "fix"] {
        assert!(v["error"][k].is_string(), "{k} in {v}");
    }
    assert!(!v["error"]["fix"].as_str().unwrap().is_empty(), "{v}");
}

#[tokio::test]
async fn a_body_is_exactly_one_json_value() {
    let s = Setup::new("strict");
    let good = create_body(2);
    for body in [format!("{good}}}}}garbage"), format!("{good}{good}"), format!("{good} x"), format!("{good}\n[]")] {
        let (st, v) = s.call("POST", "/api/draws", Some(&s.operator), Some(&body)).await;
        assert_eq!(st, StatusCode::BAD_REQUEST, "{body}: {v}");
        assert_error_shape(&v, "trailing_data");
    }
    assert_eq!(log_size(&s).await, 0, "nothing was written");
    // Whitespace after the value is fine.
    let (st, v) = s.call("POST", "/api/draws", Some(&s.operator), Some(&format!("{good} \n\t "))).await;
    assert_eq!(st, StatusCode::CREATED, "{v}");
}

#[tokio::test]
async fn numbers_beyond_two_to_the_53_are_refused_naming_the_field() {
    let s = Setup::new("bounded");
    // (A creation no longer takes a beacon round: the service picks it. Positions remain.)
    let b: Value = serde_json::from_str(&create_body(2)).unwrap();
    let (st, v) = s.call("POST", "/api/draws", Some(&s.operator), Some(&b.to_string())).await;
    assert_eq!(st, StatusCode::CREATED, "{v}");
    let id = v["id"].as_str().unwrap();
    let body = json!({"position": 1u64 << 60, "outcome": "accepted"}).to_string();
    let (st, v) = s.call("POST", &format!("/api/draws/{id}/responses"), Some(&s.operator), Some(&body)).await;
    assert_eq!((st, v["error"]["field"].as_str()), (StatusCode::BAD_REQUEST, Some("position")), "{v}");
}

#[tokio::test]
async fn every_refusal_has_the_json_error_shape() {
    let s = Setup::new("shape");
    let (st, v) = s.call("GET", "/api/draws/%FF", None, None).await;
    assert_eq!(st, StatusCode::BAD_REQUEST, "{v}");
    assert_error_shape(&v, "invalid_path");
    assert_eq!(v["error"]["field"], "id");
    let (st, v) = s.call("POST", "/api/draws/%FF%FE/run", Some(&s.operator), None).await;
    assert_eq!(st, StatusCode::BAD_REQUEST, "{v}");
    assert_error_shape(&v, "invalid_path");
    let long = format!("/api/draws/{}", "a".repeat(60_000));
    let (st, v) = s.call("GET", &long, None, None).await;
    assert_eq!(st, StatusCode::URI_TOO_LONG, "{v}");
    assert_error_shape(&v, "uri_too_long");
    let (st, v) = s.call("GET", &format!("/api/log?from={}", "1".repeat(9000)), None, None).await;
    assert_eq!(st, StatusCode::URI_TOO_LONG);
    assert_error_shape(&v, "uri_too_long");
    let (st, v) = s.call("DELETE", "/api/draws", None, None).await;
    assert_eq!(st, StatusCode::METHOD_NOT_ALLOWED);
    assert_error_shape(&v, "method_not_allowed");
}

#[tokio::test]
async fn invisible_or_bidi_text_is_refused() {
    let s = Setup::new("text");
    let base: Value = serde_json::from_str(&create_body(2)).unwrap();
    let cases = [
        ("\u{200B}\u{200B}", "blank"),
        (" \u{200C}\u{FEFF}\u{2060} ", "blank"),
        ("\u{3000}\u{200D}", "blank"),
        ("技能\u{202E}价评", "bidi_control"),
        ("\u{2066}技能人才评价\u{2069}", "bidi_control"),
        ("技能\u{202A}评价", "bidi_control"),
    ];
    for (purpose, code) in cases {
        let mut b = base.clone();
        b["purpose"] = json!(purpose);
        let (st, v) = s.call("POST", "/api/draws", Some(&s.operator), Some(&b.to_string())).await;
        assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "{purpose:?}: {v}");
        assert_error_shape(&v, code);
        assert_eq!(v["error"]["field"], "purpose");
    }
    let mut b = base.clone();
    b["recusal"]["people"] = json!(["张\u{202E}三"]);
    let (_, v) = s.call("POST", "/api/draws", Some(&s.operator), Some(&b.to_string())).await;
    assert_eq!(
        (v["error"]["code"].as_str(), v["error"]["field"].as_str()),
        (Some("bidi_control"), Some("recusal.people[0]"))
    );
    assert_eq!(log_size(&s).await, 0);
    // A joiner inside visible text (emoji, some scripts) is kept.
    let mut b = base.clone();
    b["purpose"] = json!("技能人才评价\u{200D}");
    let (st, v) = s.call("POST", "/api/draws", Some(&s.operator), Some(&b.to_string())).await;
    assert_eq!(st, StatusCode::CREATED, "{v}");
}

#[tokio::test]
async fn no_answer_is_taken_after_the_confidentiality_time() {
    let s = Setup::new("closed");
    let (_, v) = s.call("POST", "/api/draws", Some(&s.operator), Some(&create_body(2))).await;
    let id = v["id"].as_str().unwrap().to_owned();
    s.call("POST", &format!("/api/draws/{id}/run"), Some(&s.operator), None).await;
    let answer = json!({"position": 0, "outcome": "declined", "reason": "出差"}).to_string();
    let path = format!("/api/draws/{id}/responses");
    // Past the time but before the reveal loop ran, and after the reveal: both refused.
    s.clock.advance(9 * 86400);
    let (st, v) = s.call("POST", &path, Some(&s.operator), Some(&answer)).await;
    assert_eq!(st, StatusCode::CONFLICT, "{v}");
    assert_error_shape(&v, "answers_closed");
    assert!(s.service.reveal_due().await.iter().all(Result::is_ok));
    let before = log_size(&s).await;
    let (st, v) = s.call("POST", &path, Some(&s.operator), Some(&answer)).await;
    assert_eq!(st, StatusCode::CONFLICT, "{v}");
    assert_error_shape(&v, "answers_closed");
    assert_eq!(log_size(&s).await, before, "no answer and nobody new called");
    let (_, d) = s.call("GET", &format!("/api/draws/{id}"), None, None).await;
    assert_eq!(d["counts"]["called"], 2, "{d}");
}

#[tokio::test]
async fn failed_authentications_are_limited_per_address() {
    let s = Setup::new("ratelimit");
    for i in 0..expertpool_drawd::AUTH_FAILURES {
        let (st, _) = s.call("POST", "/api/draws", Some(&format!("ept_guess{i}")), Some(&create_body(2))).await;
        assert_eq!(st, StatusCode::UNAUTHORIZED);
    }
    let (st, h, v) = raw(&s, post("/api/draws", "ept_guess", None, &create_body(2))).await;
    assert_eq!(st, StatusCode::TOO_MANY_REQUESTS, "{v}");
    assert_error_shape(&v, "too_many_auth_failures");
    let wait: i64 = h["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=expertpool_drawd::AUTH_WINDOW_SECS).contains(&wait), "{wait}");
    // The right token is refused too while the address is blocked: no oracle for guesses.
    let (st, _) = s.call("POST", "/api/draws", Some(&s.operator), Some(&create_body(2))).await;
    assert_eq!(st, StatusCode::TOO_MANY_REQUESTS);
    // Public reads without a token go on.
    assert_eq!(s.call("GET", "/api/draws", None, None).await.0, StatusCode::OK);
    s.clock.advance(wait);
    let (st, v) = s.call("POST", "/api/draws", Some(&s.operator), Some(&create_body(2))).await;
    assert_eq!(st, StatusCode::CREATED, "{v}");
}

#[tokio::test]
async fn every_answer_carries_the_security_headers() {
    let s = Setup::new("headers");
    let reqs = [
        Request::get("/api/health").body(Body::empty()).unwrap(),
        Request::get("/api/nothing").body(Body::empty()).unwrap(),
        Request::get("/api/draws/%FF").body(Body::empty()).unwrap(),
        post("/api/draws", &s.operator, None, &create_body(2)),
        post("/api/draws", "ept_wrong", None, &create_body(2)),
    ];
    for (i, req) in reqs.into_iter().enumerate() {
        let staff = req.headers().contains_key("authorization");
        let (st, h, _) = raw(&s, req).await;
        assert_eq!(h["x-content-type-options"], "nosniff", "{i} {st}");
        assert_eq!(h["x-frame-options"], "DENY");
        assert_eq!(h["referrer-policy"], "no-referrer");
        assert!(h["content-security-policy"].to_str().unwrap().contains("frame-ancestors 'none'"));
        assert_eq!(h.get("cache-control").map(|v| v.to_str().unwrap()), staff.then_some("no-store"), "{i}");
    }
}

/// The access log: one line per request through `tracing`, without tokens or bodies.
#[tokio::test(flavor = "current_thread")]
async fn the_access_log_names_requests_but_no_token_or_body() {
    use std::sync::{Arc, Mutex};
    #[derive(Clone, Default)]
    struct Buf(Arc<Mutex<Vec<u8>>>);
    impl Write for Buf {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(b);
            Ok(b.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let buf = Buf::default();
    let w = buf.clone();
    let sub = tracing_subscriber::fmt().with_writer(move || w.clone()).with_max_level(tracing::Level::INFO).finish();
    let _guard = tracing::subscriber::set_default(sub);
    let s = Setup::new("accesslog");
    let (st, _) = s.call("POST", "/api/draws", Some(&s.operator), Some(&create_body(2))).await;
    assert_eq!(st, StatusCode::CREATED);
    s.call("GET", "/api/log/head?x=1", None, None).await;
    let text = String::from_utf8(buf.0.lock().unwrap().clone()).unwrap();
    let lines: Vec<&str> = text.lines().filter(|l| l.contains("expertpool_drawd::access")).collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert!(lines[0].contains("POST") && lines[0].contains("/api/draws") && lines[0].contains("201"), "{}", lines[0]);
    assert!(lines[1].contains("/api/log/head") && lines[1].contains("200"), "{}", lines[1]);
    assert!(!text.contains(&s.operator), "a token reached the log: {text}");
    assert!(!text.contains("技能人才评价") && !text.contains("云港模具厂"), "a body reached the log: {text}");
}

#[tokio::test]
async fn health_reports_a_failed_journal_write() {
    let s = Setup::new("health");
    let (st, v) = s.call("GET", "/api/health", None, None).await;
    assert_eq!((st, v["status"].as_str()), (StatusCode::OK, Some("ok")));
    s.service.inject_write_failures(true);
    let (st, v) = s.call("POST", "/api/draws", Some(&s.operator), Some(&create_body(2))).await;
    assert_eq!((st, v["error"]["code"].as_str()), (StatusCode::SERVICE_UNAVAILABLE, Some("journal_write_failed")));
    let (st, v) = s.call("GET", "/api/health", None, None).await;
    assert_eq!(st, StatusCode::SERVICE_UNAVAILABLE, "{v}");
    assert_eq!(v["status"], "journal_write_failing");
    assert!(v["last_write_failure"]["error"].as_str().unwrap().contains("No space left"), "{v}");
    // Once writes succeed again, health is ok and still tells of the last failure.
    s.service.inject_write_failures(false);
    let (st, _) = s.call("POST", "/api/draws", Some(&s.operator), Some(&create_body(2))).await;
    assert_eq!(st, StatusCode::CREATED);
    let (st, v) = s.call("GET", "/api/health", None, None).await;
    assert_eq!((st, v["status"].as_str()), (StatusCode::OK, Some("ok")));
    assert!(v["last_write_failure"]["time"].is_string(), "{v}");
}

#[tokio::test]
async fn a_retried_write_with_its_idempotency_key_writes_nothing_more() {
    let mut s = Setup::new("idem");
    let body = create_body(2);
    let (st, h1, first) = raw(&s, post("/api/draws", &s.operator, Some("k-1"), &body)).await;
    assert_eq!(st, StatusCode::CREATED, "{first}");
    assert!(h1.get("idempotent-replayed").is_none());
    let (st, h2, again) = raw(&s, post("/api/draws", &s.operator, Some("k-1"), &body)).await;
    assert_eq!(st, StatusCode::CREATED);
    assert_eq!(again, first, "the first answer, again");
    assert_eq!(h2["idempotent-replayed"], "true");
    assert_eq!(log_size(&s).await, 1, "one draw");
    // The same key with another body is refused.
    let (st, _, v) = raw(&s, post("/api/draws", &s.operator, Some("k-1"), &create_body(3))).await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY);
    assert_error_shape(&v, "idempotency_key_reused");
    // Another key is another write; no key: every request writes.
    // (Each new write is a new request: the same body again would be a re-draw.)
    let (st, _, _) = raw(&s, post("/api/draws", &s.operator, Some("k-2"), &create_body(2))).await;
    assert_eq!(st, StatusCode::CREATED);
    raw(&s, post("/api/draws", &s.operator, None, &create_body(2))).await;
    assert_eq!(log_size(&s).await, 3);
    // Keys belong to a token: another clerk's key does not replay this one's answer.
    let (st, _, v) = raw(&s, post("/api/draws", &s.admin, Some("k-1"), &create_body(2))).await;
    assert_eq!(st, StatusCode::CREATED);
    assert_ne!(v["id"], first["id"]);
    // A refused write (nothing written) is not kept: the retry runs again.
    let body = create_body(2);
    s.service.inject_write_failures(true);
    let (st, _, _) = raw(&s, post("/api/draws", &s.operator, Some("k-3"), &body)).await;
    assert_eq!(st, StatusCode::SERVICE_UNAVAILABLE);
    s.service.inject_write_failures(false);
    let (st, _, _) = raw(&s, post("/api/draws", &s.operator, Some("k-3"), &body)).await;
    assert_eq!(st, StatusCode::CREATED);
    // Concurrent retries of one key: one write, one answer.
    let size = log_size(&s).await;
    let body = create_body(2);
    let calls = (0..8).map(|_| raw(&s, post("/api/draws", &s.operator, Some("k-4"), &body)));
    let answers = futures_join(calls).await;
    assert!(answers.iter().all(|(st, _, v)| *st == StatusCode::CREATED && v["id"] == answers[0].2["id"]));
    assert_eq!(log_size(&s).await, size + 1);
    let (st, _, v) = raw(&s, post("/api/draws", &s.operator, Some("bad key"), &body)).await;
    assert_eq!(st, StatusCode::BAD_REQUEST);
    assert_error_shape(&v, "invalid_idempotency_key");
    // Not kept across a restart (documented): the journal holds no keys.
    s.restart();
    let (st, h, _) = raw(&s, post("/api/draws", &s.operator, Some("k-1"), &create_body(2))).await;
    assert_eq!(st, StatusCode::CREATED);
    assert!(h.get("idempotent-replayed").is_none());
}

async fn futures_join<F: std::future::Future>(fs: impl Iterator<Item = F>) -> Vec<F::Output> {
    let mut set = Vec::new();
    for f in fs {
        set.push(Box::pin(f));
    }
    let mut out = Vec::new();
    // Polled together: each starts before any finishes.
    let mut pending: Vec<_> = set.into_iter().map(Some).collect();
    let mut results: Vec<Option<F::Output>> = (0..pending.len()).map(|_| None).collect();
    std::future::poll_fn(|cx| {
        let mut all = true;
        for (i, f) in pending.iter_mut().enumerate() {
            if let Some(fut) = f {
                match fut.as_mut().poll(cx) {
                    std::task::Poll::Ready(v) => {
                        results[i] = Some(v);
                        *f = None;
                    }
                    std::task::Poll::Pending => all = false,
                }
            }
        }
        if all { std::task::Poll::Ready(()) } else { std::task::Poll::Pending }
    })
    .await;
    out.extend(results.into_iter().map(|r| r.unwrap()));
    out
}

/// Reads what the server sends until it closes the connection or `within` passes;
/// returns whether it closed, and what it sent.
fn closed_within(stream: &mut TcpStream, within: Duration) -> (bool, String) {
    stream.set_read_timeout(Some(Duration::from_millis(200))).unwrap();
    let start = Instant::now();
    let mut got = Vec::new();
    let mut buf = [0u8; 4096];
    while start.elapsed() < within {
        match stream.read(&mut buf) {
            Ok(0) => return (true, String::from_utf8_lossy(&got).into()),
            Ok(n) => got.extend_from_slice(&buf[..n]),
            Err(e) if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) => {}
            Err(_) => return (true, String::from_utf8_lossy(&got).into()),
        }
    }
    (false, String::from_utf8_lossy(&got).into())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_headers_time_out_and_idle_connections_do_not_lock_others_out() {
    let s = Setup::new("listener");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let limits = expertpool_drawd::Limits {
        header_timeout: Duration::from_secs(1),
        max_connections: 4,
        shutdown_grace: Duration::from_secs(2),
    };
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(expertpool_drawd::serve_router(listener, s.router.clone(), limits, async {
        let _ = stop_rx.await;
    }));
    tokio::task::spawn_blocking(move || {
        // A client sending its headers a byte every 300 ms is cut off after the timeout.
        let mut slow = TcpStream::connect(addr).unwrap();
        let started = Instant::now();
        let mut cut = false;
        for b in b"GET /api/health HTTP/1.1\r\nHost: x\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaa" {
            if slow.write_all(&[*b]).is_err() {
                cut = true;
                break;
            }
            std::thread::sleep(Duration::from_millis(300));
            if started.elapsed() > Duration::from_secs(6) {
                break;
            }
        }
        let (closed, _) = if cut { (true, String::new()) } else { closed_within(&mut slow, Duration::from_secs(3)) };
        assert!(closed, "the slow client was not cut off");
        assert!(started.elapsed() < Duration::from_secs(8), "{:?}", started.elapsed());

        // As many idle connections as the cap: a further client is served as soon as
        // the idle ones time out, not never.
        let idle: Vec<TcpStream> = (0..4).map(|_| TcpStream::connect(addr).unwrap()).collect();
        std::thread::sleep(Duration::from_millis(200));
        let started = Instant::now();
        let mut c = common::http::Conn::new(addr);
        let r = c.send("GET", "/api/health", None, None).unwrap();
        assert_eq!(r.status, 200);
        assert!(started.elapsed() < Duration::from_secs(5), "waited {:?}", started.elapsed());
        for mut i in idle {
            assert!(closed_within(&mut i, Duration::from_secs(3)).0, "an idle connection stayed open");
        }
    })
    .await
    .unwrap();
    let _ = stop_tx.send(());
    tokio::time::timeout(Duration::from_secs(10), server).await.expect("the server stops").unwrap().unwrap();
}

/// What a raw request gets from the listener: the answer up to the server's close.
fn exchange(addr: std::net::SocketAddr, request: &[u8]) -> String {
    let mut c = TcpStream::connect(addr).unwrap();
    let _ = c.write_all(request);
    closed_within(&mut c, Duration::from_secs(5)).1
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requests_hyper_cannot_parse_get_the_json_error_shape_too() {
    let s = Setup::new("parse");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let limits = expertpool_drawd::Limits::from_config(&s.service.config);
    let server = tokio::spawn(expertpool_drawd::serve_router(listener, s.router.clone(), limits, async {
        let _ = stop_rx.await;
    }));
    tokio::task::spawn_blocking(move || {
        let long = format!("GET /api/draws/{} HTTP/1.1\r\nHost: x\r\n\r\n", "a".repeat(100_000));
        let cases: [(&[u8], &str, &str); 3] = [
            (long.as_bytes(), "414", "uri_too_long"),
            (
                format!("GET /api/log?from={} HTTP/1.1\r\nHost: x\r\n\r\n", "1".repeat(20_000))
                    .as_bytes()
                    .to_vec()
                    .leak(),
                "414",
                "uri_too_long",
            ),
            (b"GET /api/health HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n", "400", "bad_request"),
        ];
        for (req, status, code) in cases {
            let answer = exchange(addr, req);
            let (head, body) = answer.split_once("\r\n\r\n").unwrap_or((&answer, ""));
            assert!(head.starts_with(&format!("HTTP/1.1 {status}")), "{head}");
            assert!(head.to_ascii_lowercase().contains("content-type: application/json"), "{head}");
            assert!(head.to_ascii_lowercase().contains("x-content-type-options: nosniff"), "{head}");
            let v: Value = serde_json::from_str(body).unwrap_or(Value::Null);
            assert_error_shape(&v, code);
        }
        // The connection limit and the rewriting leave ordinary answers alone.
        let mut c = common::http::Conn::new(addr);
        assert_eq!(c.send("GET", "/api/health", None, None).unwrap().status, 200);
    })
    .await
    .unwrap();
    let _ = stop_tx.send(());
    tokio::time::timeout(Duration::from_secs(10), server).await.expect("the server stops").unwrap().unwrap();
}
