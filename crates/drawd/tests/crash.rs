//! Kill -9 at random moments: the real service binary runs a write-heavy load and is
//! killed (SIGKILL) 24 times; after each restart the journal must verify and hold
//! every write that was acknowledged before the kill.

mod common;

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::http::Conn;
use common::{FIXTURE, copy_dir, temp_dir};
use expertpool_drawd::Role;
use serde_json::json;

const KILLS: usize = 24;

fn start(config: &Path, data: &Path, content: &Path) -> (Child, SocketAddr) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_expertpool-drawd"))
        .args(["--listen", "127.0.0.1:0", "--config"])
        .arg(config)
        .arg("--data")
        .arg(data)
        .arg("--content")
        .arg(content)
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut seen = Vec::new();
    while Instant::now() < deadline {
        let Some(Ok(line)) = lines.next() else { break };
        if let Some(rest) = line.strip_prefix("drawd: listening on http://") {
            let addr = rest.trim_end_matches("/api").parse().unwrap();
            // Keep draining stderr so the child never blocks on a full pipe.
            std::thread::spawn(move || for _ in lines.by_ref() {});
            return (child, addr);
        }
        seen.push(line);
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("service did not start: {seen:?}");
}

/// A simple xorshift so kill moments differ but the test needs no extra crate.
fn next(seed: &mut u64) -> u64 {
    *seed ^= *seed << 13;
    *seed ^= *seed >> 7;
    *seed ^= *seed << 17;
    *seed
}

#[derive(Debug, Clone)]
struct Ack {
    draw: String,
    kind: &'static str,
    seq: u64,
}

fn worker(addr: SocketAddr, token: String, stop: Arc<AtomicBool>, acks: Arc<Mutex<Vec<Ack>>>) {
    let mut c = Conn::new(addr);
    let body =
        json!({"pool": "zhineng", "purpose": "断电测试", "using_unit": "测试用人单位", "work_content": "评审", "project": common::fresh_project(), "specialty": "ZZ-01", "count": 3, "event_date": "2027-06-01"})
            .to_string();
    while !stop.load(Ordering::SeqCst) {
        let Ok(r) = c.send("POST", "/api/draws", Some(&token), Some(&body)) else { return };
        if r.status != 201 {
            return;
        }
        let v = r.json();
        let id = v["id"].as_str().unwrap().to_owned();
        acks.lock().unwrap().push(Ack { draw: id.clone(), kind: "commit", seq: v["seq"].as_u64().unwrap() });
        let Ok(r) = c.send("POST", &format!("/api/draws/{id}/run"), Some(&token), None) else { return };
        if r.status != 200 {
            return;
        }
        let v = r.json();
        acks.lock().unwrap().push(Ack {
            draw: id.clone(),
            kind: "run",
            seq: v["receipt"]["seqs"][0].as_u64().unwrap(),
        });
        for p in 0..3u64 {
            let b = json!({"position": p, "outcome": if p == 1 { "no_answer" } else { "accepted" }}).to_string();
            let Ok(r) = c.send("POST", &format!("/api/draws/{id}/responses"), Some(&token), Some(&b)) else { return };
            if r.status != 200 {
                return;
            }
            let v = r.json();
            acks.lock().unwrap().push(Ack {
                draw: id.clone(),
                kind: "response",
                seq: v["receipt"]["seqs"][0].as_u64().unwrap(),
            });
        }
    }
}

fn check(addr: SocketAddr, acks: &[Ack]) -> u64 {
    let mut c = Conn::new(addr);
    let mut entries = Vec::new();
    let mut from = 0;
    loop {
        let v = c.send("GET", &format!("/api/log?from={from}&limit=1000"), None, None).unwrap().json();
        entries.extend(v["entries"].as_array().unwrap().iter().cloned());
        match v["next"].as_u64() {
            Some(n) => from = n,
            None => break,
        }
    }
    for a in acks {
        let e = entries.get(a.seq as usize).unwrap_or_else(|| panic!("acknowledged entry {a:?} lost"));
        assert_eq!((e["draw"].as_str(), e["kind"].as_str()), (Some(a.draw.as_str()), Some(a.kind)), "{a:?}");
    }
    entries.len() as u64
}

#[test]
fn sigkill_during_writes_loses_nothing_acknowledged() {
    let root = temp_dir("crash");
    let content = root.join("content");
    copy_dir(Path::new(FIXTURE), &content);
    let config = root.join("drawd.toml");
    let token = expertpool_drawd::add_token(&config, "clerk", Role::Operator, "2026-01-01T00:00:00Z").unwrap();
    let data = root.join("data");
    let acks = Arc::new(Mutex::new(Vec::<Ack>::new()));
    let mut seed = 0x9e37_79b9_7f4a_7c15u64 ^ std::process::id() as u64;
    let started = Instant::now();
    let mut torn = 0;
    for round in 0..KILLS {
        let (mut child, addr) = start(&config, &data, &content);
        let known = acks.lock().unwrap().clone();
        let size = check(addr, &known);
        assert!(size >= known.len() as u64);
        let stop = Arc::new(AtomicBool::new(false));
        let workers: Vec<_> = (0..4)
            .map(|_| {
                let (t, s, a) = (token.clone(), stop.clone(), acks.clone());
                std::thread::spawn(move || worker(addr, t, s, a))
            })
            .collect();
        std::thread::sleep(Duration::from_millis(60 + next(&mut seed) % 300));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        stop.store(true, Ordering::SeqCst);
        for w in workers {
            w.join().unwrap();
        }
        let bytes = std::fs::read(data.join("journal.jsonl")).unwrap();
        torn += usize::from(!bytes.is_empty() && !bytes.ends_with(b"\n"));
        assert!(started.elapsed() < Duration::from_secs(240), "round {round}: too slow");
    }
    // Last restart: verify everything, then stop gracefully.
    let (mut child, addr) = start(&config, &data, &content);
    let acks = acks.lock().unwrap().clone();
    assert!(acks.len() > KILLS * 5, "the load wrote enough to be meaningful: {}", acks.len());
    check(addr, &acks);
    let health = Conn::new(addr).send("GET", "/api/health", None, None).unwrap().json();
    assert_eq!(health["status"], "ok");
    child.kill().unwrap();
    child.wait().unwrap();
    let log = expertpool_drawd::read_journal(&data).unwrap();
    assert!(log.len() >= acks.len() as u64);
    eprintln!("{} acknowledged writes over {KILLS} kills, {} entries, {torn} torn tails seen", acks.len(), log.len());
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn sigterm_stops_gracefully_after_finishing_writes() {
    let root = temp_dir("sigterm");
    let content = root.join("content");
    copy_dir(Path::new(FIXTURE), &content);
    let config = root.join("drawd.toml");
    let token = expertpool_drawd::add_token(&config, "clerk", Role::Operator, "2026-01-01T00:00:00Z").unwrap();
    let data = root.join("data");
    let (mut child, addr) = start(&config, &data, &content);
    let acks = Arc::new(Mutex::new(Vec::<Ack>::new()));
    let stop = Arc::new(AtomicBool::new(false));
    let workers: Vec<_> = (0..3)
        .map(|_| {
            let (t, s, a) = (token.clone(), stop.clone(), acks.clone());
            std::thread::spawn(move || worker(addr, t, s, a))
        })
        .collect();
    std::thread::sleep(Duration::from_millis(300));
    let status = Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    assert!(status.success());
    let deadline = Instant::now() + Duration::from_secs(20);
    let exit = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        assert!(Instant::now() < deadline, "service did not stop on SIGTERM");
        std::thread::sleep(Duration::from_millis(20));
    };
    stop.store(true, Ordering::SeqCst);
    for w in workers {
        w.join().unwrap();
    }
    assert!(exit.success(), "clean exit on SIGTERM: {exit:?}");
    let bytes = std::fs::read(data.join("journal.jsonl")).unwrap();
    assert!(bytes.ends_with(b"\n"), "no torn line after a graceful stop");
    let (mut child, addr) = start(&config, &data, &content);
    let acks = acks.lock().unwrap().clone();
    assert!(!acks.is_empty());
    check(addr, &acks);
    child.kill().unwrap();
    child.wait().unwrap();
    let _ = std::fs::remove_dir_all(&root);
}
