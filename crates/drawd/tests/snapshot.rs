//! The replay snapshot: a restart replays only what was written since the last start, ends
//! in exactly the state a full replay gives, and a snapshot that does not match the journal
//! (edited, shortened, foreign, damaged) is never trusted: the start replays in full and
//! names journal damage as it would without one.

mod common;

use expertpool_drawd::{SNAPSHOT, SnapshotUse};
use serde_json::{Value, json};

use common::{Setup, busy, create_body, try_open};

/// Everything the API derives from the replayed state, as staff and the public see it.
async fn state(s: &Setup) -> Vec<Value> {
    let (_, list) = s.call("GET", "/api/draws", Some(&s.admin), None).await;
    let mut out = vec![list.clone()];
    for d in list["draws"].as_array().expect("a list of draws") {
        let id = d["id"].as_str().unwrap();
        for token in [&s.admin, &s.operator, &s.auditor] {
            out.push(s.call("GET", &format!("/api/draws/{id}"), Some(token), None).await.1);
        }
        out.push(s.call("GET", &format!("/api/draws/{id}"), None, None).await.1);
    }
    for path in ["/api/log/head", "/api/log/export", "/api/log?from=0", "/api/log/checkpoints?from=0"] {
        out.push(s.call("GET", path, None, None).await.1);
    }
    out.push(s.call("GET", "/api/no-shows", Some(&s.admin), None).await.1);
    out
}

/// A draw that is run and still calling: one unexplained refusal, one answer pending.
async fn open_draw(s: &Setup) -> String {
    let (_, v) = s.call("POST", "/api/draws", Some(&s.operator), Some(&create_body(2))).await;
    let id = v["id"].as_str().unwrap().to_owned();
    s.call("POST", &format!("/api/draws/{id}/run"), Some(&s.operator), None).await;
    let answer = json!({"position": 0, "outcome": "declined", "reason": "unexplained"}).to_string();
    let (status, v) = s.call("POST", &format!("/api/draws/{id}/responses"), Some(&s.operator), Some(&answer)).await;
    assert!(status.is_success(), "{v}");
    id
}

async fn size(s: &Setup) -> u64 {
    s.call("GET", "/api/log/head", None, None).await.1["size"].as_u64().unwrap()
}

fn used(s: &Setup) -> SnapshotUse {
    s.service.replay.snapshot.clone()
}

#[tokio::test]
async fn a_restart_replays_only_the_new_entries_and_ends_in_the_full_replays_state() {
    let mut s = Setup::new("snap-same");
    // Enough entries that the hashes (32 bytes each) exceed the CBOR reader's 4 KB scratch
    // buffer: long byte strings must read back too.
    busy(&s, 45).await;
    let open = open_draw(&s).await;
    // Committed, never run.
    s.call("POST", "/api/draws", Some(&s.operator), Some(&create_body(1))).await;
    let entries = s.service.replay.entries;
    assert_eq!((entries, used(&s)), (0, SnapshotUse::None), "a new folder has nothing to restore");
    assert!(!s.data.join(SNAPSHOT).exists(), "nothing replayed, nothing kept");

    s.restart();
    assert_eq!(used(&s), SnapshotUse::None);
    let n = s.service.replay.entries as u64;
    assert!(n >= 140, "{n}");
    assert!(s.data.join(SNAPSHOT).exists(), "a start that replayed entries keeps them");
    let full = state(&s).await;

    s.restart();
    assert_eq!(used(&s), SnapshotUse::Used { entries: n });
    assert!(s.service.replay.to_string().contains(&format!("{n} restored from {SNAPSHOT}, the 0 written since")));
    assert_eq!(state(&s).await, full, "restored state differs from the full replay's");

    // More entries on top: the pending answer, then a new draw.
    let answer = json!({"position": 1, "outcome": "accepted"}).to_string();
    s.call("POST", &format!("/api/draws/{open}/responses"), Some(&s.operator), Some(&answer)).await;
    busy(&s, 1).await;
    let m = size(&s).await;
    s.restart();
    assert_eq!(used(&s), SnapshotUse::Used { entries: n });
    assert_eq!(s.service.replay.entries as u64, m);
    let restored = state(&s).await;
    std::fs::remove_file(s.data.join(SNAPSHOT)).unwrap();
    s.restart();
    assert_eq!(used(&s), SnapshotUse::None);
    assert_eq!(state(&s).await, restored, "snapshot plus tail differs from the full replay");
    // And writes go on from the restored state with the next sequence number and id.
    let (status, v) = s.call("POST", "/api/draws", Some(&s.operator), Some(&create_body(1))).await;
    assert!(status.is_success(), "{v}");
    assert_eq!(size(&s).await, m + 1);
}

#[tokio::test]
async fn a_snapshot_that_does_not_match_is_ignored_and_journal_damage_is_named_as_without_one() {
    let mut s = Setup::new("snap-damage");
    busy(&s, 3).await;
    s.restart();
    let snap = std::fs::read(s.data.join(SNAPSHOT)).unwrap();
    let full = state(&s).await;
    s.service.shutdown();
    let path = s.data.join("journal.jsonl");
    let good = std::fs::read_to_string(&path).unwrap();

    // An entry inside the covered bytes edited in place (same length): the snapshot's digest
    // no longer matches, and the full replay names the line, as it does without a snapshot.
    let edited = good.replacen("\"actor\":\"clerk.wang\"", "\"actor\":\"clerk.wanG\"", 1);
    assert_eq!(edited.len(), good.len());
    std::fs::write(&path, &edited).unwrap();
    let err = try_open(&s).err().expect("an edited journal must not start").to_string();
    assert!(err.contains("journal.jsonl:2:") && err.contains("chain"), "{err}");

    // Shortened below what the snapshot covers.
    std::fs::write(&path, &good[..good.len() / 2]).unwrap();
    let err = try_open(&s).err().expect("a truncated journal must not start").to_string();
    assert!(err.contains("are missing"), "{err}");
    std::fs::write(&path, &good).unwrap();

    // Damaged, foreign or stale snapshots: the start goes on with a full replay and says why.
    let mut flipped = snap.clone();
    // Inside the last field of the body (the indexes, an opaque byte string), before the trailer.
    let last = flipped.len() - 100;
    flipped[last] ^= 0x55;
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("garbage", b"not a snapshot".to_vec(), "unreadable header"),
        ("cut", snap[..snap.len() / 2].to_vec(), "unreadable body"),
        ("flipped", flipped, "damaged"),
        ("trailing", [snap.clone(), vec![0]].concat(), "trailing bytes"),
    ];
    for (what, bytes, why) in cases {
        std::fs::write(s.data.join(SNAPSHOT), &bytes).unwrap();
        s.service = try_open(&s).unwrap_or_else(|e| panic!("{what}: {e}"));
        s.router = expertpool_drawd::router(s.service.clone());
        match used(&s) {
            SnapshotUse::Ignored(reason) => assert!(reason.contains(why), "{what}: {reason}"),
            other => panic!("{what}: {other:?}"),
        }
        assert_eq!(state(&s).await, full, "{what}: the state after ignoring the snapshot");
        s.service.shutdown();
    }
}

#[tokio::test]
async fn a_snapshot_with_other_hashes_is_caught_by_the_signed_checkpoint() {
    // Header and digest intact, the log's hashes changed: the tail replays on top of it,
    // the root at the signed size differs, and the start replays in full instead.
    let mut s = Setup::new("snap-hashes");
    busy(&s, 2).await;
    s.restart();
    let full = state(&s).await;
    s.service.shutdown();
    let bytes = std::fs::read(s.data.join(SNAPSHOT)).unwrap();
    let mut r = bytes.as_slice();
    let header: ciborium::Value = ciborium::from_reader(&mut r).unwrap();
    let mut body: ciborium::Value = ciborium::from_reader(&mut r).unwrap();
    let log = body.as_map_mut().unwrap().iter_mut().find(|(k, _)| k.as_text() == Some("log")).unwrap();
    let hashes = log.1.as_map_mut().unwrap().iter_mut().find(|(k, _)| k.as_text() == Some("hashes")).unwrap();
    hashes.1.as_bytes_mut().unwrap()[0] ^= 1;
    let mut body_bytes = Vec::new();
    ciborium::into_writer(&body, &mut body_bytes).unwrap();
    // Made as the service makes them: the trailer records the new body's digest.
    let digest = hex::encode(<sha2::Sha256 as sha2::Digest>::digest(&body_bytes));
    let trailer =
        ciborium::Value::Map(vec![(ciborium::Value::Text("body_sha256".into()), ciborium::Value::Text(digest))]);
    let mut out = Vec::new();
    ciborium::into_writer(&header, &mut out).unwrap();
    out.extend(body_bytes);
    ciborium::into_writer(&trailer, &mut out).unwrap();
    std::fs::write(s.data.join(SNAPSHOT), out).unwrap();
    s.service = try_open(&s).unwrap();
    s.router = expertpool_drawd::router(s.service.clone());
    match used(&s) {
        SnapshotUse::Ignored(reason) => assert!(reason.contains("Merkle root"), "{reason}"),
        other => panic!("a snapshot with changed hashes was used: {other:?}"),
    }
    assert_eq!(state(&s).await, full);
}
