//! The kept checkpoints: every acknowledged entry is covered by a signed checkpoint in
//! `<data>/checkpoints.jsonl`, start-up refuses a journal that lost or changed covered
//! entries (naming the checkpoint and the damage), start-up and `export-log` refuse a
//! correctly chained entry that breaks the protocol, and the export streams while
//! writes go on.

mod common;

use axum::body::Body;
use axum::http::Request;
use expertpool_draw::{Checkpoint, Kind, Log, LogEntry, Stamp, verify_log};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use tower::ServiceExt;

use common::{Setup, busy, create_body, try_open};

fn lines(text: &str) -> Vec<LogEntry> {
    text.lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

fn render(entries: &[LogEntry]) -> String {
    entries.iter().map(|e| serde_json::to_string(e).unwrap() + "\n").collect()
}

/// The entries re-chained from `from` on, as someone rewriting history would.
fn rechain(mut entries: Vec<LogEntry>) -> Vec<LogEntry> {
    let mut log = Log::new();
    for e in entries.iter_mut() {
        e.prev = hex::encode(log.head_hash());
        log.push_entry(e.clone()).unwrap();
    }
    entries
}

#[tokio::test]
async fn every_acknowledged_entry_is_covered_by_a_served_verifiable_checkpoint() {
    let mut s = Setup::new("kept");
    busy(&s, 3).await;
    let (_, head) = s.call("GET", "/api/log/head", None, None).await;
    let (_, key) = s.call("GET", "/api/key", None, None).await;
    let (_, page) = s.call("GET", "/api/log/checkpoints?from=0", None, None).await;
    let vk = ed25519_dalek::VerifyingKey::from_bytes(
        &hex::decode(page["public_key"].as_str().unwrap()).unwrap().try_into().unwrap(),
    )
    .unwrap();
    assert_eq!(page["public_key"], key["public_key"]);
    let kept = page["checkpoints"].as_array().unwrap();
    // One at the (empty) start, then one per durable batch: 3 draws × 3 requests.
    assert_eq!(kept.len(), 10, "{page}");
    let mut last = 0;
    for k in kept {
        let cp = Checkpoint::verify(k["note"].as_str().unwrap(), page["key_name"].as_str().unwrap(), &vk).unwrap();
        assert_eq!(cp.size, k["size"].as_u64().unwrap());
        assert!(cp.size >= last);
        last = cp.size;
    }
    assert_eq!(kept.last().unwrap()["note"], head["checkpoint"]);
    assert_eq!(head["size"], 9);
    let (_, later) = s.call("GET", "/api/log/checkpoints?from=5&limit=2", None, None).await;
    let sizes: Vec<u64> =
        later["checkpoints"].as_array().unwrap().iter().map(|k| k["size"].as_u64().unwrap()).collect();
    assert_eq!(sizes, [5, 6]);
    assert_eq!(later["next"], 7);
    // The file itself is what is served.
    let file = std::fs::read_to_string(s.data.join("checkpoints.jsonl")).unwrap();
    assert_eq!(file.lines().count(), 10);
    // A restart keeps the same head and writes no new checkpoint for the same size.
    s.restart();
    let (_, again) = s.call("GET", "/api/log/head", None, None).await;
    assert_eq!(again["checkpoint"], head["checkpoint"]);
    assert_eq!(std::fs::read_to_string(s.data.join("checkpoints.jsonl")).unwrap(), file);
}

#[tokio::test]
async fn lost_or_changed_acknowledged_entries_stop_the_start_naming_the_damage() {
    let s = Setup::new("damage-kept");
    busy(&s, 3).await;
    s.service.shutdown();
    let path = s.data.join("journal.jsonl");
    let good = std::fs::read_to_string(&path).unwrap();
    let entries = lines(&good);
    assert_eq!(entries.len(), 9);

    // Truncated at half: the cut line is covered by a checkpoint, so it is not a torn tail.
    let half = &good.as_bytes()[..good.len() / 2];
    std::fs::write(&path, half).unwrap();
    let err = try_open(&s).err().expect("a truncated journal must not start").to_string();
    assert!(err.contains("checkpoint line 10") && err.contains("size 9") && err.contains("are missing"), "{err}");
    assert!(err.contains("restore journal.jsonl from a backup"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), half, "never cut");

    // The last two lines dropped.
    std::fs::write(&path, render(&entries[..7])).unwrap();
    let err = try_open(&s).err().unwrap().to_string();
    assert!(err.contains("holds 7 complete entries") && err.contains("entries 7..8 (lines 8-9)"), "{err}");

    // The last line edited (no later line links to it, so only the checkpoint shows it).
    let mut edited = entries.clone();
    edited[8].actor = "mallory".into();
    std::fs::write(&path, render(&edited)).unwrap();
    let err = try_open(&s).err().unwrap().to_string();
    assert!(err.contains("do not have the Merkle root") && err.contains("line 9 (entry 8) was changed"), "{err}");

    // A middle line edited and every later line re-chained to hide it. (Re-chaining past
    // a commit also changes that draw's order context, which the protocol replay catches
    // first; here only a response follows.)
    let mut edited = entries.clone();
    edited[7].actor = "mallory".into();
    std::fs::write(&path, render(&rechain(edited))).unwrap();
    let err = try_open(&s).err().unwrap().to_string();
    assert!(err.contains("line 8 (entry 7) was changed"), "{err}");
    let mut edited = entries.clone();
    edited[4].actor = "mallory".into();
    std::fs::write(&path, render(&rechain(edited))).unwrap();
    let err = try_open(&s).err().unwrap().to_string();
    assert!(err.contains("journal.jsonl:8:") && err.contains("order"), "{err}");

    // Restored: it starts, and the next draw gets the next sequence number and id.
    std::fs::write(&path, &good).unwrap();
    let service = try_open(&s).unwrap();
    let router = expertpool_drawd::router(service.clone());
    let (_, v) =
        common::call(&router, "POST", "/api/draws", Some(&s.operator), Some(("application/json", create_body(2))))
            .await;
    assert_eq!(v["seq"], 9, "{v}");
    assert!(v["id"].as_str().unwrap().ends_with("-000009"), "{v}");
    service.shutdown();
}

#[tokio::test]
async fn a_chained_and_sealed_entry_that_breaks_the_protocol_is_refused_at_start_and_by_export() {
    let s = Setup::new("protocol");
    busy(&s, 2).await;
    s.service.shutdown();
    let path = s.data.join("journal.jsonl");
    let good = std::fs::read_to_string(&path).unwrap();
    let entries = lines(&good);
    let draw = entries[0].draw.clone();
    let last_time = entries.last().unwrap().time.clone();
    let breaking = [
        (Kind::Response, json!({"position": 7, "outcome": "accepted", "reason": null}), "not called"),
        (Kind::Run, entries[1].body.clone(), "run twice"),
    ];
    for (kind, body, what) in breaking {
        let mut log = Log::new();
        for e in &entries {
            log.push_entry(e.clone()).unwrap();
        }
        log.append_raw(Stamp::new(&last_time, "clerk.wang"), kind, &draw, body, None).unwrap();
        std::fs::write(&path, render(&log.entries().iter().map(|e| (**e).clone()).collect::<Vec<_>>())).unwrap();
        let err = try_open(&s).err().expect("must not start").to_string();
        assert!(err.contains("journal.jsonl:7:") && err.contains("breaks the protocol") && err.contains(what), "{err}");
        let err = expertpool_drawd::export_from_data(&s.data).err().expect("must not export").to_string();
        assert!(err.contains("journal.jsonl:7:") && err.contains(what), "{err}");
    }
    std::fs::write(&path, &good).unwrap();
    let export = expertpool_drawd::export_from_data(&s.data).unwrap();
    assert!(verify_log(&export.to_string()).ok());
}

#[tokio::test]
async fn the_export_streams_a_fixed_size_while_writes_complete() {
    let s = Setup::new("stream");
    busy(&s, 4).await;
    let (_, head) = s.call("GET", "/api/log/head", None, None).await;
    let req = Request::builder().uri("/api/log/export").body(Body::empty()).unwrap();
    let resp = s.router.clone().oneshot(req).await.unwrap();
    assert_eq!(resp.headers()["content-type"], "application/json");
    let mut body = resp.into_body();
    let first = body.frame().await.unwrap().unwrap().into_data().unwrap();
    // The export is under way; a write goes through meanwhile.
    let write = tokio::time::timeout(
        std::time::Duration::from_secs(10),
        s.call("POST", "/api/draws", Some(&s.operator), Some(&create_body(2))),
    )
    .await
    .expect("a write during an export completes");
    assert_eq!(write.0, 201);
    let mut all = first.to_vec();
    all.extend(body.collect().await.unwrap().to_bytes());
    let text = String::from_utf8(all).unwrap();
    let report = verify_log(&text);
    assert!(report.ok(), "{report}");
    let v: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["entries"].as_array().unwrap().len() as u64, head["size"].as_u64().unwrap());
    assert_eq!(v["checkpoints"][0], head["checkpoint"]);
    // Same document as the log built in memory for that size.
    let offline = expertpool_drawd::export_from_data(&s.data).unwrap();
    assert_eq!(offline["entries"].as_array().unwrap()[..12], v["entries"].as_array().unwrap()[..]);
}
