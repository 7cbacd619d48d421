//! Restart behaviour of the journal: a clean restart changes nothing, a torn final line
//! is cut and reported, any other damage stops the start naming the line, and a second
//! process cannot open the same data folder.

mod common;

use common::{Setup, busy, open, try_open};
use serde_json::json;

#[tokio::test]
async fn restart_keeps_the_same_log() {
    let mut s = Setup::new("restart");
    busy(&s, 3).await;
    let (_, before) = s.call("GET", "/api/log/head", None, None).await;
    s.restart();
    let (_, after) = s.call("GET", "/api/log/head", None, None).await;
    assert_eq!(before["root"], after["root"]);
    assert_eq!(before["size"], 9);
    assert!(s.service.replay.torn_tail.is_none());
    // The signing key is created once, private to the owner, and reused.
    let mode =
        std::os::unix::fs::PermissionsExt::mode(&std::fs::metadata(s.data.join("signing.key")).unwrap().permissions());
    assert_eq!(mode & 0o777, 0o600);
    assert_eq!(before["checkpoint"], after["checkpoint"]);
}

#[tokio::test]
async fn torn_final_line_is_cut_and_reported() {
    let s = Setup::new("torn");
    busy(&s, 3).await;
    s.service.shutdown();
    let path = s.data.join("journal.jsonl");
    let good = std::fs::read(&path).unwrap();
    let mut torn = good.clone();
    torn.extend_from_slice(b"{\"seq\":9,\"prev\":\"ab");
    std::fs::write(&path, &torn).unwrap();
    let service = open(&s.config_path, &s.data, &s.content, s.clock.clone());
    assert_eq!(service.replay.entries, 9);
    assert_eq!(service.replay.torn_tail, Some((10, 19)));
    assert!(service.replay.to_string().contains("cut off"));
    assert_eq!(std::fs::read(&path).unwrap(), good, "only the torn bytes went");
    let router = expertpool_drawd::router(service.clone());
    let (_, h) = common::call(&router, "GET", "/api/health", None, None).await;
    assert_eq!(h["journal"]["torn_tail_cut"], json!({"line": 10, "bytes": 19}));
    service.shutdown();
}

#[tokio::test]
async fn damage_stops_the_start_with_the_line_and_leaves_the_file_alone() {
    let s = Setup::new("damage");
    busy(&s, 3).await;
    s.service.shutdown();
    let path = s.data.join("journal.jsonl");
    let good = String::from_utf8(std::fs::read(&path).unwrap()).unwrap();
    let lines: Vec<&str> = good.lines().collect();
    let damages = [
        // An edited line breaks the link of the line after it.
        (5, lines[4].replacen("\"actor\":\"clerk.wang\"", "\"actor\":\"mallory\"", 1), "chain"),
        (3, lines[2].replacen("\"seq\":2", "\"seq\":7", 1), "seq"),
        (1, lines[0].replacen("\"secret\":\"", "\"secret\":\"0", 1), "seal"),
        (2, "not json".to_owned(), "not a log entry"),
    ];
    for (line, replacement, what) in damages {
        let mut l = lines.clone();
        l[line - 1] = &replacement;
        let line = if what == "chain" { line + 1 } else { line };
        let bad = format!("{}\n", l.join("\n"));
        std::fs::write(&path, &bad).unwrap();
        let err = try_open(&s).err().expect("damaged journal must not start").to_string();
        assert!(err.contains(&format!("journal.jsonl:{line}:")) && err.contains(what), "{err}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), bad, "never rewritten");
    }
    std::fs::write(&path, &good).unwrap();
    let a = try_open(&s).unwrap();
    let second = try_open(&s).err().expect("one writer per data folder").to_string();
    assert!(second.contains("another process"), "{second}");
    a.shutdown();
}
