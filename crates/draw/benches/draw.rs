//! Benchmarks: ordering 10,000 eligible experts (target < 5 ms) and verifying
//! a 1,000-entry public log (target < 200 ms).

#[path = "../tests/common/mod.rs"]
mod common;

use std::collections::BTreeMap;
use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use expertpool_draw::*;

fn order_10k(c: &mut Criterion) {
    let ids: Vec<String> = (0..10_000).map(|i| format!("E{i:05}")).collect();
    let secret = common::bytes("bench secret");
    let ctx = common::bytes("bench context");
    c.bench_function("order 10,000 eligible experts", |b| {
        b.iter(|| order(black_box(&ids), &secret, OrderInputs { context: &ctx, beacon: b"beacon" }).unwrap())
    });
}

/// About 1,000 entries: 100 revealed draws over a 40-expert pool, each with a
/// commit, run, responses with substitutions, and a reveal.
fn big_log() -> String {
    let cands: Vec<Candidate> = common::pool()
        .into_iter()
        .chain((0..30).map(|i| {
            let mut c = common::pool()[0].clone();
            c.id = format!("B{i:03}");
            c
        }))
        .collect();
    let snap: Vec<SnapshotRecord> = cands.iter().map(SnapshotRecord::from).collect();
    let sh = snapshot_hash(&snap);
    let mut log = Log::new();
    let t = "2026-11-02T01:00:00Z";
    let mut d = 0;
    while log.len() < 1000 {
        let id = format!("B-{d:04}");
        let mut req = common::request(&id, 3, t);
        req.pool = format!("pool-{}", d % 5);
        let hist = log.pause_history(&req.pool).unwrap();
        let el = eligibility(&cands, &req, &hist);
        log.commit(
            Stamp::new(t, "staff"),
            &CommitInputs {
                request: &req,
                eligibility: &el,
                snapshot_hash: &sh,
                secret: &common::bytes(&id),
                salt: &common::bytes(&format!("salt{id}")),
                beacon: None,
            },
        )
        .unwrap();
        log.run(Stamp::new(t, "staff"), &id, None).unwrap();
        for p in 0..3 {
            log.respond(
                Stamp::new(t, "staff"),
                &id,
                p,
                if p == 1 { Outcome::Declined } else { Outcome::Accepted },
                (p == 1).then_some("出差"),
            )
            .unwrap();
        }
        let next = log.call_next(Stamp::new(t, "staff"), &id).unwrap();
        log.respond(Stamp::new(t, "staff"), &id, next[0], Outcome::NoAnswer, None).unwrap();
        let next = log.call_next(Stamp::new(t, "staff"), &id).unwrap();
        log.respond(Stamp::new(t, "staff"), &id, next[0], Outcome::Accepted, None).unwrap();
        let names: BTreeMap<String, String> =
            log.revealed_ids(&id).unwrap().into_iter().map(|i| (i.clone(), i)).collect();
        log.reveal(Stamp::new(t, "staff"), &id, &names).unwrap();
        d += 1;
    }
    let cp = log.checkpoint(common::ORIGIN).sign(common::KEY_NAME, &common::signing_key());
    let pk = common::signing_key().verifying_key().to_bytes();
    serde_json::to_string(&log.public_export(common::ORIGIN, common::KEY_NAME, &pk, &[cp])).unwrap()
}

fn verify_1000(c: &mut Criterion) {
    let text = big_log();
    let rep = verify_log(&text);
    assert!(rep.ok() && rep.size >= 1000, "benchmark log must verify");
    c.bench_function("verify a 1,000-entry log", |b| b.iter(|| verify_log(black_box(&text))));
}

/// What the draw service does per draw on a large pool: pause history, eligibility over
/// 5,000 candidates (about 250 eligible, the rest mostly excluded for specialty, as in a
/// real pool with many specialties), commit, run, and copying both entries into a
/// replica log (the service's readers' copy).
fn commit_run_5000(c: &mut Criterion) {
    let mut cands = Vec::new();
    for i in 0..5000 {
        let mut x = common::pool()[0].clone();
        x.id = format!("C{i:05}");
        x.specialties = vec![format!("S-{:02}", i % 20), "4-07".into()];
        x.units = vec![format!("unit-{}", i % 300)];
        cands.push(x);
    }
    let snap: Vec<SnapshotRecord> = cands.iter().map(SnapshotRecord::from).collect();
    let sh = snapshot_hash(&snap);
    let t = "2026-11-02T01:00:00Z";
    let mut log = Log::new();
    let draw = |log: &mut Log, id: &str| {
        let mut req = common::request(id, 5, "2026-12-31T00:00:00Z");
        req.specialty = "S-07".into();
        let hist = log.recent_pause_history(&req.pool, 2).unwrap();
        let el = eligibility(&cands, &req, &hist);
        log.commit(
            Stamp::new(t, "staff"),
            &CommitInputs {
                request: &req,
                eligibility: &el,
                snapshot_hash: &sh,
                secret: &common::bytes(id),
                salt: &common::bytes(&format!("salt{id}")),
                beacon: None,
            },
        )
        .unwrap();
        log.run(Stamp::new(t, "staff"), id, None).unwrap();
    };
    for d in 0..10 {
        let id = format!("W-{d:04}");
        draw(&mut log, &id);
        for p in 0..5 {
            log.respond(Stamp::new(t, "staff"), &id, p, Outcome::Accepted, None).unwrap();
        }
    }
    let mut k = 0;
    c.bench_function("commit and run a draw of a 5,000-expert pool", |b| {
        b.iter_batched(
            || (log.clone(), log.clone()),
            |(mut staging, mut replica)| {
                k += 1;
                let id = format!("B-{k:06}");
                draw(&mut staging, &id);
                for e in &staging.entries()[replica.len() as usize..] {
                    replica.push_entry(e.clone()).unwrap();
                }
                (staging, replica)
            },
            criterion::BatchSize::LargeInput,
        )
    });
}

criterion_group!(benches, order_10k, verify_1000, commit_run_5000);
criterion_main!(benches);
