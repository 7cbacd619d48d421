//! Large journals: generate one, time the start-up on it, and load the service with
//! export loops while measuring `/api/health` (and `/api/log/head`) latency.
//!
//! ```text
//! cargo build --release -p expertpool-drawd --example journal_scale
//! J=target/release/examples/journal_scale
//! # 1. A realistic N-entry journal in a fresh data folder.
//! nice -n 19 $J gen --data /tmp/big --entries 1000000 [--experts 2000] [--pools 4] [--specialties 40]
//! # 2. Start-up time and peak memory (the first start also creates the key and
//! #    keeps the first checkpoint; time the second).
//! nice -n 19 $J open --data /tmp/big
//! nice -n 19 /usr/bin/time -v $J open --data /tmp/big     # "Maximum resident set size"
//! # 3. One client loops GET /api/log/export while another measures /api/health.
//! nice -n 19 $J export-load --data /tmp/big --secs 20 [--probe /api/health]
//! # 4. The time `[publish]` takes to write the public log file of that journal.
//! nice -n 19 $J publish --data /tmp/big --out /tmp/big-log.json
//! rm -r /tmp/big
//! ```
//!
//! The generated journal is what the service itself writes (the draw crate's `Log`
//! builds every entry): pools of `--experts` experts with one or two of `--specialties`
//! specialties each, so each draw's eligible list is the specialty-filtered few and the
//! excluded set the rest of the pool; per draw a commit, a run calling 3–5 experts,
//! their answers (about 70 % accept, the rest decline with a reason or give no answer),
//! the calls replacing them, and the reveal; one draw in 50 is a directed selection and
//! one in 100 is committed and never run. Times advance a second per entry. Secrets and
//! salts come from a counter (this is test data), never from a real service.

#[path = "../tests/common/http.rs"]
#[allow(dead_code)]
mod http;

use std::collections::BTreeMap;
use std::io::{BufWriter, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use expertpool_draw::{
    Candidate, CommitInputs, DirectedSelection, DrawRequest, DrawRules, Log, Outcome, Recusal, SnapshotRecord, Stamp,
    eligibility, snapshot_hash,
};
use expertpool_drawd::{Clock, Config, Options, Service};
use jiff::civil::date;
use sha2::{Digest, Sha256};

/// The allocator of the `expertpool` binary (`expertpool drawd`), so figures match it.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn arg(name: &str, default: &str) -> String {
    let args: Vec<String> = std::env::args().collect();
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1).cloned()).unwrap_or_else(|| default.to_owned())
}

fn bytes32(tag: &str, n: u64) -> [u8; 32] {
    Sha256::digest(format!("{tag}-{n}").as_bytes()).into()
}

/// A small deterministic generator (xorshift), so runs are reproducible.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn stamp(second: i64) -> String {
    jiff::Timestamp::from_second(1_767_225_600 + second).unwrap().strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

fn tick(second: &mut i64) -> String {
    *second += 1;
    stamp(*second)
}

fn generate() {
    let data = PathBuf::from(arg("--data", "big-data"));
    let entries: u64 = arg("--entries", "1000000").parse().unwrap();
    let experts: usize = arg("--experts", "2000").parse().unwrap();
    let pools: usize = arg("--pools", "4").parse().unwrap();
    let specialties: u64 = arg("--specialties", "40").parse().unwrap();
    std::fs::create_dir_all(&data).unwrap();
    let path = data.join(expertpool_drawd::JOURNAL);
    assert!(!path.exists(), "{} exists; generate into a fresh folder", path.display());
    let mut out = BufWriter::with_capacity(1 << 20, std::fs::File::create(&path).unwrap());
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let pool_names: Vec<String> = (0..pools).map(|p| format!("pool{p}")).collect();
    let candidates: Vec<Vec<Candidate>> = (0..pools)
        .map(|p| {
            (0..experts)
                .map(|i| {
                    let mut sp = vec![format!("S{:02}", rng.below(specialties))];
                    if rng.below(3) == 0 {
                        sp.push(format!("S{:02}", rng.below(specialties)));
                    }
                    Candidate {
                        id: format!("P{p}E{i:05}"),
                        specialties: sp,
                        level: 1 + rng.below(4) as u32,
                        appointment_start: date(2024, 1, 1),
                        appointment_end: date(2030, 12, 31),
                        active: rng.below(50) != 0,
                        units: vec![],
                        employment: vec![],
                        collaborations: vec![],
                        relations: vec![],
                    }
                })
                .collect()
        })
        .collect();
    let snapshots: Vec<_> =
        candidates.iter().map(|c| snapshot_hash(&c.iter().map(SnapshotRecord::from).collect::<Vec<_>>())).collect();
    let mut log = Log::compacting();
    let mut second = 0i64;
    let mut draw_no = 0u64;
    let mut written = 0u64;
    let started = Instant::now();
    let flush = |log: &Log, written: &mut u64, out: &mut BufWriter<std::fs::File>| {
        for e in log.entries_from(*written) {
            serde_json::to_writer(&mut *out, &*e).unwrap();
            out.write_all(b"\n").unwrap();
        }
        *written = log.len();
    };
    while log.len() < entries {
        draw_no += 1;
        let p = rng.below(pools as u64) as usize;
        let pool = &pool_names[p];
        let id = format!("20260101-{draw_no:06}");
        if draw_no % 50 == 0 {
            let chosen: Vec<String> =
                (0..2).map(|_| candidates[p][rng.below(experts as u64) as usize].id.clone()).collect();
            let mut chosen = chosen;
            chosen.dedup();
            let t = tick(&mut second);
            let reveal_after = stamp(second + 5);
            let sel = DirectedSelection {
                draw: &id,
                pool,
                approval_ref: "批复〔2026〕1号",
                approved_by: "局长",
                experts: &chosen,
                reason: "专业特殊",
                reveal_after: &reveal_after,
                salt: &bytes32("salt", draw_no),
            };
            log.directed(Stamp::new(&t, "clerk"), &sel).unwrap();
            second += 5;
            let names: BTreeMap<String, String> = chosen.iter().map(|x| (x.clone(), format!("专家{x}"))).collect();
            log.reveal(Stamp::new(&stamp(second), "drawd"), &id, &names).unwrap();
        } else {
            let specialty = format!("S{:02}", rng.below(specialties));
            let count = 3 + rng.below(3) as u32;
            let t = tick(&mut second);
            let reveal_after = stamp(second + 30);
            let request = DrawRequest {
                draw: id.clone(),
                pool: pool.clone(),
                purpose: "项目评审".into(),
                specialty,
                min_level: 1 + rng.below(2) as u32,
                count,
                event_date: date(2026, 6, 1),
                reveal_after: reveal_after.clone(),
                recusal: Recusal::default(),
                rules: DrawRules { pause: true, employment_months: 24, collaboration_months: 36 },
            };
            let history = log.recent_pause_history(pool, 2).unwrap();
            let elig = eligibility(&candidates[p], &request, &history);
            let inputs = CommitInputs {
                request: &request,
                eligibility: &elig,
                snapshot_hash: &snapshots[p],
                secret: &bytes32("secret", draw_no),
                salt: &bytes32("salt", draw_no),
                beacon: None,
            };
            log.commit(Stamp::new(&t, "clerk"), &inputs).unwrap();
            if draw_no % 100 == 1 {
                // Abandoned: committed, never run.
                flush(&log, &mut written, &mut out);
                continue;
            }
            let t = tick(&mut second);
            log.run(Stamp::new(&t, "clerk"), &id, None).unwrap();
            // Answer every call until the seats are filled or the order is exhausted.
            loop {
                let st = log.draw(&id).unwrap();
                let open: Vec<u64> = st.called.iter().copied().filter(|p| !st.outcomes.contains_key(p)).collect();
                if open.is_empty() {
                    break;
                }
                for pos in open {
                    let t = tick(&mut second);
                    let (outcome, reason) = match rng.below(10) {
                        0..=6 => (Outcome::Accepted, None),
                        7 | 8 => (Outcome::Declined, Some("出差")),
                        _ => (Outcome::NoAnswer, None),
                    };
                    log.respond(Stamp::new(&t, "clerk"), &id, pos, outcome, reason).unwrap();
                    let t = tick(&mut second);
                    log.call_next(Stamp::new(&t, "clerk"), &id).unwrap();
                }
            }
            second += 30;
            let ids = log.revealed_ids(&id).unwrap();
            let names: BTreeMap<String, String> = ids.iter().map(|x| (x.clone(), format!("专家{x}"))).collect();
            log.reveal(Stamp::new(&stamp(second), "drawd"), &id, &names).unwrap();
        }
        flush(&log, &mut written, &mut out);
        log.compact();
        if draw_no % 10_000 == 0 {
            eprintln!("{} entries, {draw_no} draws, {:.0?}", log.len(), started.elapsed());
        }
    }
    out.flush().unwrap();
    let size = std::fs::metadata(&path).unwrap().len();
    println!(
        "wrote {} entries ({draw_no} draws, {:.1} MB) to {} in {:.1?}",
        log.len(),
        size as f64 / 1e6,
        path.display(),
        started.elapsed()
    );
}

fn open_service(data: &PathBuf) -> std::sync::Arc<Service> {
    let content = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/instance"));
    Service::open(Options { config: Config::default(), data: data.clone(), content, clock: Clock::System }).unwrap()
}

/// `publish --data DIR --out FILE`: how long `[publish]` takes to write the public log of
/// the journal (the publisher thread's work after a batch, off the writer's path).
fn publish() {
    let data = PathBuf::from(arg("--data", "big-data"));
    let out = PathBuf::from(arg("--out", "big-public-log.json"));
    let content = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/instance"));
    let mut config = Config::default();
    config.publish.log_path = Some(out.clone());
    let service = Service::open(Options { config, data, content, clock: Clock::System }).unwrap();
    let deadline = Instant::now() + Duration::from_secs(600);
    while service.publish_status().is_some_and(|s| s.written == 0 && s.failures == 0) && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    let status = service.publish_status().unwrap();
    let bytes = std::fs::metadata(&out).map(|m| m.len()).unwrap_or(0);
    println!("published {} entries ({bytes} bytes) in {} ms: {status:?}", status.last_size, status.last_write_ms);
    service.shutdown();
}

fn open() {
    let data = PathBuf::from(arg("--data", "big-data"));
    let t = Instant::now();
    let service = open_service(&data);
    println!("{} — started in {:.2?}", service.replay, t.elapsed());
    service.shutdown();
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted.get(((sorted.len().max(1) - 1) as f64 * p).round() as usize).copied().unwrap_or_default()
}

/// Reads one whole export over a fresh connection (the body is chunked; it is drained,
/// not decoded).
fn export_once(addr: SocketAddr) -> std::io::Result<usize> {
    let mut s = TcpStream::connect(addr)?;
    s.write_all(b"GET /api/log/export HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")?;
    let mut buf = vec![0u8; 1 << 16];
    let mut n = 0;
    loop {
        let k = s.read(&mut buf)?;
        if k == 0 {
            return Ok(n);
        }
        n += k;
    }
}

fn export_load() {
    let data = PathBuf::from(arg("--data", "big-data"));
    let secs: u64 = arg("--secs", "20").parse().unwrap();
    let probe = arg("--probe", "/api/health");
    let exporters: usize = arg("--exporters", "1").parse().unwrap();
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let service = open_service(&data);
    let listener = rt.block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = rt.spawn(expertpool_drawd::serve(service.clone(), listener, async {
        let _ = stopped.await;
    }));
    println!("service on {addr}: {}", service.replay);
    let until = Instant::now() + Duration::from_secs(secs);
    let (lat, exports) = std::thread::scope(|s| {
        let loops: Vec<_> = (0..exporters)
            .map(|_| {
                s.spawn(move || {
                    let mut done = Vec::new();
                    while Instant::now() < until {
                        let t = Instant::now();
                        let bytes = export_once(addr).unwrap();
                        done.push((bytes, t.elapsed()));
                    }
                    done
                })
            })
            .collect();
        let prober = s.spawn(move || {
            let mut c = http::Conn::new(addr);
            let mut lat = Vec::new();
            while Instant::now() < until {
                let t = Instant::now();
                let r = c.send("GET", &probe, None, None).unwrap();
                assert_eq!(r.status, 200, "{}", r.body);
                lat.push(t.elapsed());
                std::thread::sleep(Duration::from_millis(10));
            }
            lat
        });
        let exports: Vec<(usize, Duration)> = loops.into_iter().flat_map(|h| h.join().unwrap()).collect();
        (prober.join().unwrap(), exports)
    });
    let mut lat = lat;
    lat.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    for (bytes, took) in exports.iter().take(3) {
        println!("export: {:.1} MB in {:.2?}", *bytes as f64 / 1e6, took);
    }
    println!(
        "{} exports completed in {secs} s by {exporters} looping client(s); {} probes of {}: p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        exports.len(),
        lat.len(),
        arg("--probe", "/api/health"),
        ms(percentile(&lat, 0.5)),
        ms(percentile(&lat, 0.99)),
        ms(*lat.last().unwrap_or(&Duration::ZERO)),
    );
    let _ = stop.send(());
    let _ = rt.block_on(server);
}

fn main() {
    match std::env::args().nth(1).as_deref() {
        Some("gen") => generate(),
        Some("open") => open(),
        Some("export-load") => export_load(),
        Some("publish") => publish(),
        _ => eprintln!("usage: journal_scale gen|open|export-load|publish --data DIR [...] (see the source header)"),
    }
}
