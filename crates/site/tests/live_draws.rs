//! `serve` with the draw service's live log (`start_with_draw_log`): the draw pages show
//! that file instead of content/draws/log.json, and follow it when it is replaced (as the
//! service's publisher replaces it after every durable batch), with no export or rebuild.

mod common;

use common::*;
use expertpool_site::BuildOptions;
use expertpool_site::serve::{ServeOptions, start_with_draw_log};
use serde_json::Value;
use std::time::{Duration, Instant};

fn write_atomically(path: &std::path::Path, bytes: &[u8]) {
    let temp = path.with_extension("tmp");
    std::fs::write(&temp, bytes).unwrap();
    std::fs::rename(&temp, path).unwrap();
}

#[test]
fn draw_pages_follow_the_live_log_as_it_grows() {
    let content = copy_demo();
    let data = tempfile::tempdir().unwrap();
    let live_log = data.path().join("public-log.json");
    let full: Value = serde_json::from_slice(&std::fs::read(content.path().join("draws/log.json")).unwrap()).unwrap();
    // The service's log before the second draw: its first eleven entries (one draw).
    let mut early = full.clone();
    early["entries"].as_array_mut().unwrap().truncate(11);
    write_atomically(&live_log, &serde_json::to_vec(&early).unwrap());
    // Something only in the instance's own file, to tell the two apart.
    let options = ServeOptions {
        build: BuildOptions { content: content.path().to_path_buf(), templates: Some(templates_dir()), today: day() },
        debounce: Duration::from_millis(30),
    };
    let live = start_with_draw_log(options, Some(live_log.clone())).expect("the demo builds");
    let site = live.site();
    assert!(site.get("draws/20260302-000000/index.html").is_some());
    assert!(site.get("draws/20260511-000014/index.html").is_none(), "the instance's log was shown, not the live one");
    let page = String::from_utf8(site.get("draws/20260302-000000/index.html").unwrap().to_vec()).unwrap();
    assert!(page.contains("已通知，尚无答复") || page.contains("保密期内"), "the early log has no reveal yet");

    // The service writes the grown log: the pages follow without anyone rebuilding.
    write_atomically(&live_log, &serde_json::to_vec(&full).unwrap());
    let deadline = Instant::now() + Duration::from_secs(20);
    while live.site().get("draws/20260511-000014/index.html").is_none() {
        assert!(Instant::now() < deadline, "the site did not follow the live log");
        std::thread::sleep(Duration::from_millis(30));
    }
    let site = live.site();
    let page = String::from_utf8(site.get("draws/20260302-000000/index.html").unwrap().to_vec()).unwrap();
    assert!(page.contains("已公布"), "the reveal is shown");
    let proof: Value = serde_json::from_slice(site.get("draws/20260302-000000/proof.json").unwrap()).unwrap();
    assert_eq!(proof["log_entries"], 34, "the proof file follows the live log too");

    // A live log with no entries yet (a fresh data folder) leaves the instance's log shown.
    let mut empty = full.clone();
    empty["entries"] = Value::Array(vec![]);
    write_atomically(&live_log, &serde_json::to_vec(&empty).unwrap());
    std::thread::sleep(Duration::from_millis(500));
    assert!(live.site().get("draws/20261116-000030/index.html").is_some());
}
