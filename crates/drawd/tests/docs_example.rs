//! The example draw of docs/api.md works as shown on the demo instance: it is committed,
//! with at least as many eligible experts as it asks for (so no `warning`).

mod common;

use axum::http::StatusCode;
use common::{Setup, copy_dir};
use std::path::Path;

/// The JSON block of step 1 ("Create") of docs/api.md.
fn documented_create_body() -> String {
    let docs = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/api.md")).unwrap();
    let step = &docs[docs.find("1. **Create**").expect("docs/api.md has the Create step")..];
    let block = &step[step.find("```json\n").unwrap() + 8..];
    block[..block.find("```").unwrap()].to_string()
}

#[tokio::test]
async fn the_documented_draw_is_committed_on_the_demo_without_a_shortfall() {
    let mut s = Setup::new("docs-example");
    std::fs::remove_dir_all(&s.content).unwrap();
    copy_dir(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../content")), &s.content);
    s.restart();
    let body = documented_create_body();
    let (st, v) = s.call("POST", "/api/draws", Some(&s.operator), Some(&body)).await;
    assert_eq!(st, StatusCode::CREATED, "{v}");
    let commitment = &v["commitment"];
    let (count, eligible) = (commitment["count"].as_u64().unwrap(), commitment["eligible_count"].as_u64().unwrap());
    eprintln!("docs example: {eligible} eligible for {count}");
    assert!(eligible >= count, "the example asks for {count} with {eligible} eligible: {v}");
    assert!(v.get("warning").is_none(), "{v}");

    // Asking for more than are eligible is committed with a warning saying so.
    // (Another project: the same one again would be a re-draw, which needs `redo_of`.)
    let more = body
        .replace(&format!("\"count\": {count}"), &format!("\"count\": {}", eligible + 1))
        .replace("2026年第四季度技能等级认定", "2026年第四季度技能等级认定（补充）");
    assert_ne!(more, body);
    let (st, v) = s.call("POST", "/api/draws", Some(&s.operator), Some(&more)).await;
    assert_eq!(st, StatusCode::CREATED, "{v}");
    assert_eq!(v["warning"]["code"], "too_few_eligible", "{v}");
    assert_eq!(v["warning"]["eligible"], eligible);
    assert!(v["warning"]["message"].as_str().unwrap().contains("缺额1名"), "{v}");
}
