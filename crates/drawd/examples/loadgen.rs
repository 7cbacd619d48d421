//! Load generator for the draw service on loopback.
//!
//! ```text
//! cargo run --release -p expertpool-drawd --example loadgen -- \
//!     [--content DIR] [--pool zhineng] [--specialty ZZ-01] [--rate 1000] [--secs 10]
//!     [--pairs 400] [--clients 1]
//! ```
//!
//! It starts the service in-process (its own 2-thread runtime, a fresh data folder in
//! the temp dir, real fsyncs) on 127.0.0.1, then measures from separate client threads
//! over real sockets:
//!
//! 1. create-and-run: `POST /api/draws` then `POST /api/draws/{id}/run`, `--clients`
//!    clients (default 1) in a closed loop, latency of each pair (both fsynced before
//!    answering);
//! 2. public reads at a fixed open-loop rate (default 1,000 requests/s) over 8 kept-alive
//!    connections, mixing head, draw, log page and key; latency is counted from the
//!    moment each request was due, so a stall is not hidden by sending later.

#[path = "../tests/common/http.rs"]
mod http;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use expertpool_drawd::{Clock, Config, Options, Role, Service};

fn arg(name: &str, default: &str) -> String {
    let args: Vec<String> = std::env::args().collect();
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1).cloned()).unwrap_or_else(|| default.to_owned())
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn report(name: &str, mut lat: Vec<Duration>, errors: usize, wall: Duration) {
    lat.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{name}: {} ok, {errors} errors in {:.1}s ({:.0}/s) — p50 {:.2} ms, p90 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        lat.len(),
        wall.as_secs_f64(),
        lat.len() as f64 / wall.as_secs_f64(),
        ms(percentile(&lat, 0.5)),
        ms(percentile(&lat, 0.9)),
        ms(percentile(&lat, 0.99)),
        ms(*lat.last().unwrap_or(&Duration::ZERO)),
    );
}

fn main() {
    let content = PathBuf::from(arg("--content", concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/instance")));
    let pool = arg("--pool", "zhineng");
    let specialty = arg("--specialty", "ZZ-01");
    let rate: u64 = arg("--rate", "1000").parse().unwrap();
    let secs: u64 = arg("--secs", "10").parse().unwrap();
    let pairs: usize = arg("--pairs", "400").parse().unwrap();
    let clients: usize = arg("--clients", "1").parse().unwrap();

    let root = std::env::temp_dir().join(format!("drawd-loadgen-{}", std::process::id()));
    std::fs::create_dir_all(&root).unwrap();
    let config_path = root.join("drawd.toml");
    let token = expertpool_drawd::add_token(&config_path, "bench", Role::Operator, "2026-01-01T00:00:00Z").unwrap();
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let service = Service::open(Options {
        config: Config::load(&config_path).unwrap(),
        data: root.join("data"),
        content: content.clone(),
        clock: Clock::System,
    })
    .unwrap();
    let listener = rt.block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = rt.spawn(expertpool_drawd::serve(service.clone(), listener, async {
        let _ = stopped.await;
    }));
    let event = jiff::Timestamp::now().checked_add(jiff::SignedDuration::from_hours(24 * 7)).unwrap();
    let event_date = event.strftime("%Y-%m-%d").to_string();
    let experts = service.cached_directory().pools.get(&pool).map_or(0, |p| p.experts.len());
    println!(
        "service on {addr}, content {} (pool {pool}: {experts} experts), data {}",
        content.display(),
        root.display()
    );

    // 1. create-and-run.
    let body = format!(
        r#"{{"pool":"{pool}","purpose":"压力测试","using_unit":"压力测试单位","work_content":"评审","project":"压测PROJECT","specialty":"{specialty}","count":5,"event_date":"{event_date}","recusal":{{"units":["某某单位"],"people":["某某人"]}}}}"#
    );
    let ids = Arc::new(std::sync::Mutex::new(Vec::new()));
    let started = Instant::now();
    let results: Vec<(Vec<Duration>, usize)> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..clients)
            .map(|_| {
                let (body, token, ids) = (&body, &token, &ids);
                s.spawn(move || {
                    let mut c = http::Conn::new(addr);
                    let (mut lat, mut errors) = (Vec::new(), 0);
                    for k in 0..pairs / clients {
                        // Each request its own project: otherwise they would be re-draws.
                        let body = body.replace("PROJECT", &format!("{:?}-{k}", std::thread::current().id()));
                        let t = Instant::now();
                        let r = c.send("POST", "/api/draws", Some(token), Some(&body)).unwrap();
                        if r.status != 201 {
                            errors += 1;
                            eprintln!("create: {} {}", r.status, r.body);
                            continue;
                        }
                        let id = r.json()["id"].as_str().unwrap().to_owned();
                        let r = c.send("POST", &format!("/api/draws/{id}/run"), Some(token), None).unwrap();
                        if r.status != 200 {
                            errors += 1;
                            continue;
                        }
                        lat.push(t.elapsed());
                        ids.lock().unwrap().push(id);
                    }
                    (lat, errors)
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let wall = started.elapsed();
    let errors = results.iter().map(|r| r.1).sum();
    report(
        &format!("create+run ({clients} client(s), closed loop)"),
        results.into_iter().flat_map(|r| r.0).collect(),
        errors,
        wall,
    );

    // 2. public reads at a fixed rate.
    let ids = ids.lock().unwrap().clone();
    let conns = 8u64;
    let per_conn = rate / conns;
    let interval = Duration::from_secs_f64(1.0 / per_conn as f64);
    let total = per_conn * secs;
    let begin = Instant::now() + Duration::from_millis(100);
    let results: Vec<(Vec<Duration>, usize)> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..conns)
            .map(|k| {
                let ids = &ids;
                s.spawn(move || read_loop(addr, k, ids, begin, interval, total))
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let wall = begin.elapsed();
    let errors = results.iter().map(|r| r.1).sum();
    report(
        &format!("public reads ({rate}/s open loop, {conns} connections)"),
        results.into_iter().flat_map(|r| r.0).collect(),
        errors,
        wall,
    );

    let _ = stop.send(());
    rt.block_on(server).unwrap().unwrap();
    let _ = std::fs::remove_dir_all(&root);
}

fn read_loop(
    addr: SocketAddr,
    k: u64,
    ids: &[String],
    begin: Instant,
    interval: Duration,
    total: u64,
) -> (Vec<Duration>, usize) {
    let mut c = http::Conn::new(addr);
    let (mut lat, mut errors) = (Vec::with_capacity(total as usize), 0);
    // Offset each connection inside the interval so the load is even.
    let offset = interval.mul_f64(k as f64 / 8.0);
    for i in 0..total {
        let due = begin + offset + interval * i as u32;
        if let Some(wait) = due.checked_duration_since(Instant::now()) {
            std::thread::sleep(wait);
        }
        let path = match (i + k) % 4 {
            0 => "/api/log/head".to_owned(),
            1 => format!("/api/draws/{}", ids[(i as usize * 7 + k as usize) % ids.len().max(1)]),
            2 => format!("/api/log?from={}&limit=20", (i * 13) % 1000),
            _ => "/api/key".to_owned(),
        };
        match c.send("GET", &path, None, None) {
            Ok(r) if r.status == 200 => lat.push(due.elapsed()),
            _ => errors += 1,
        }
    }
    (lat, errors)
}
