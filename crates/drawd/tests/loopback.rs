//! The service on a real loopback socket: 50 concurrent clients creating, running and
//! answering draws; then the journal verifies, every acknowledged entry is in it
//! exactly once, the pause rule held (checked by the verifier after the reveals), and
//! a graceful shutdown loses nothing.

mod common;

use std::collections::BTreeSet;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use common::http::Conn;
use common::{Setup, create_body};
use serde_json::{Value, json};

/// One acknowledged write: the draw and the entries it added.
#[derive(Debug, Clone)]
struct Ack {
    draw: String,
    kind: &'static str,
    seqs: Vec<u64>,
}

fn client(addr: SocketAddr, token: &str, n: usize, acks: &Mutex<Vec<Ack>>) {
    let mut c = Conn::new(addr);
    let body = json!({"pool": "zhineng", "purpose": "并发测试", "using_unit": "测试用人单位", "work_content": "评审", "project": common::fresh_project(), "specialty": "ZZ-01", "count": 2 + n % 2, "event_date": "2026-12-01"}).to_string();
    let r = c.send("POST", "/api/draws", Some(token), Some(&body)).unwrap();
    assert_eq!(r.status, 201, "{}", r.body);
    let v = r.json();
    let id = v["id"].as_str().unwrap().to_owned();
    acks.lock().unwrap().push(Ack { draw: id.clone(), kind: "commit", seqs: vec![v["seq"].as_u64().unwrap()] });
    let r = c.send("POST", &format!("/api/draws/{id}/run"), Some(token), None).unwrap();
    assert_eq!(r.status, 200, "{}", r.body);
    acks.lock().unwrap().push(Ack { draw: id.clone(), kind: "run", seqs: seqs(&r.json()) });
    let mut round = 0;
    loop {
        let v = c.send("GET", &format!("/api/draws/{id}"), Some(token), None).unwrap().json();
        let waiting: Vec<u64> = v["positions"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p["outcome"].is_null())
            .map(|p| p["position"].as_u64().unwrap())
            .collect();
        if waiting.is_empty() {
            break;
        }
        for p in waiting {
            round += 1;
            let b = if (n + round).is_multiple_of(4) {
                json!({"position": p, "outcome": "declined", "reason": "另有安排"})
            } else {
                json!({"position": p, "outcome": "accepted"})
            };
            let r = c.send("POST", &format!("/api/draws/{id}/responses"), Some(token), Some(&b.to_string())).unwrap();
            assert_eq!(r.status, 200, "{}", r.body);
            acks.lock().unwrap().push(Ack { draw: id.clone(), kind: "response", seqs: seqs(&r.json()) });
        }
    }
}

fn seqs(v: &Value) -> Vec<u64> {
    v["receipt"]["seqs"].as_array().unwrap().iter().map(|s| s.as_u64().unwrap()).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_concurrent_clients_then_graceful_shutdown() {
    let s = Setup::new("loopback");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(expertpool_drawd::serve(s.service.clone(), listener, async {
        let _ = stop_rx.await;
    }));

    // Two full uses first (5 of the 8 eligible accepted each, so they overlap): the
    // first concurrent draw must pause someone. Later ones mostly follow draws that
    // are still being answered, where the rule correctly pauses nobody.
    let acks = Arc::new(Mutex::new(Vec::new()));
    let op = s.operator.clone();
    let a1 = acks.clone();
    tokio::task::spawn_blocking(move || {
        for _ in 0..2 {
            let mut c = Conn::new(addr);
            let body = json!({"pool": "zhineng", "purpose": "热身", "using_unit": "测试用人单位", "work_content": "评审", "project": common::fresh_project(), "specialty": "ZZ-01", "count": 5, "event_date": "2026-12-01"}).to_string();
            let v = c.send("POST", "/api/draws", Some(&op), Some(&body)).unwrap().json();
            let id = v["id"].as_str().unwrap().to_owned();
            a1.lock().unwrap().push(Ack { draw: id.clone(), kind: "commit", seqs: vec![v["seq"].as_u64().unwrap()] });
            let v = c.send("POST", &format!("/api/draws/{id}/run"), Some(&op), None).unwrap().json();
            a1.lock().unwrap().push(Ack { draw: id.clone(), kind: "run", seqs: seqs(&v) });
            for p in 0..5 {
                let b = json!({"position": p, "outcome": "accepted"}).to_string();
                let v = c.send("POST", &format!("/api/draws/{id}/responses"), Some(&op), Some(&b)).unwrap().json();
                a1.lock().unwrap().push(Ack { draw: id.clone(), kind: "response", seqs: seqs(&v) });
            }
        }
    })
    .await
    .unwrap();
    let op = s.operator.clone();
    let a2 = acks.clone();
    let started = std::time::Instant::now();
    tokio::task::spawn_blocking(move || {
        std::thread::scope(|sc| {
            for n in 0..50 {
                let (op, acks) = (&op, &a2);
                sc.spawn(move || client(addr, op, n, acks));
            }
        })
    })
    .await
    .unwrap();
    assert!(started.elapsed().as_secs() < 60, "bounded in time");

    // A few checks over the socket: auth and limits behave the same there.
    let mut c = Conn::new(addr);
    assert_eq!(c.send("POST", "/api/draws", None, Some(&create_body(2))).unwrap().status, 401);
    assert_eq!(c.send("POST", "/api/draws", Some("ept_wrong"), Some(&create_body(2))).unwrap().status, 401);
    assert_eq!(c.send("POST", "/api/draws", Some(&s.auditor), Some(&create_body(2))).unwrap().status, 403);
    let big = format!("{{\"purpose\": \"{}\"}}", "x".repeat(100_000));
    assert_eq!(c.send("POST", "/api/draws", Some(&s.operator), Some(&big)).unwrap().status, 413);
    assert_eq!(c.send("GET", "/api/health", None, None).unwrap().status, 200);

    let _ = stop_tx.send(());
    server.await.unwrap().unwrap();

    // The journal, read cold, verifies and holds every acknowledged entry exactly once.
    let log = expertpool_drawd::read_journal(&s.data).unwrap();
    let acks = acks.lock().unwrap().clone();
    assert!(acks.len() >= 150, "{} acknowledged writes", acks.len());
    let mut seen = BTreeSet::new();
    for a in &acks {
        assert!(!a.seqs.is_empty(), "{a:?}");
        let e = &log.entries()[a.seqs[0] as usize];
        assert_eq!((e.draw.as_str(), e.kind.code()), (a.draw.as_str(), a.kind), "{a:?}");
        for s in &a.seqs {
            assert!(seen.insert(*s), "entry {s} acknowledged twice");
            assert_eq!(log.entries()[*s as usize].draw, a.draw);
        }
    }
    let commits: Vec<&str> =
        log.entries().iter().filter(|e| e.kind == expertpool_draw::Kind::Commit).map(|e| e.draw.as_str()).collect();
    assert_eq!(commits.len(), 52);
    assert_eq!(commits.iter().collect::<BTreeSet<_>>().len(), 52, "draw ids are unique");
    assert_eq!(seen.len() as u64, log.len(), "every entry was acknowledged to someone");

    // Reveal everything, then the protocol verifier checks the pause rule of each draw.
    let mut s = s;
    s.restart();
    s.clock.advance(9 * 86400);
    assert!(s.service.reveal_due().await.iter().all(Result::is_ok));
    let report = expertpool_draw::verify_log(&s.service.public_export().to_string());
    assert!(report.ok(), "{report}");
    let pause_ok = report
        .entries
        .iter()
        .filter(|e| e.checks.iter().any(|c| c.name == "pause" && c.status == expertpool_draw::Status::Ok))
        .count();
    assert_eq!(pause_ok, 52, "the pause rule was checked for every draw");
    let paused = log
        .entries()
        .iter()
        .filter_map(|e| e.payload.as_ref())
        .filter(|p| {
            p["excluded"]
                .as_array()
                .is_some_and(|x| x.iter().any(|e| e["reasons"].as_array().unwrap().contains(&json!("pause"))))
        })
        .count();
    assert!(paused > 0, "the first concurrent draw follows two full uses that overlap: somebody sat out");
    s.service.shutdown();
}
