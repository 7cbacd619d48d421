//! Withdrawal after acceptance (art. 11) and attendance (art. 18(7), (8)) over the API:
//! a withdrawal calls the next expert in order at once; attendance is recorded once per
//! accepted expert; refusals name the rule in Chinese by default; the public log verifies.

mod common;

use axum::http::StatusCode;
use common::*;
use serde_json::{Value, json};

async fn post(s: &Setup, path: &str, body: Value) -> (StatusCode, Value) {
    s.call("POST", path, Some(&s.operator), Some(&body.to_string())).await
}

#[tokio::test]
async fn a_withdrawal_calls_the_next_in_order_and_attendance_is_recorded_once() {
    let s = Setup::new("withdrawals");
    let (st, v) = s.call("POST", "/api/draws", Some(&s.operator), Some(&create_body(1))).await;
    assert_eq!(st, StatusCode::CREATED, "{v}");
    let id = v["id"].as_str().unwrap().to_owned();
    let (st, v) = s.call("POST", &format!("/api/draws/{id}/run"), Some(&s.operator), None).await;
    assert_eq!(st, StatusCode::OK, "{v}");
    assert_eq!(v["counts"]["called"], 1);
    let base = format!("/api/draws/{id}");

    // Nobody has accepted yet: nothing to withdraw.
    let (st, v) = post(&s, &format!("{base}/withdrawals"), json!({"position": 0, "reason": "临时出差"})).await;
    assert_eq!((st, v["error"]["code"].as_str()), (StatusCode::CONFLICT, Some("not_accepted")), "{v}");
    assert!(v["error"]["message"].as_str().unwrap().contains("没有同意参加"), "Chinese by default: {v}");

    let (st, _) = post(&s, &format!("{base}/responses"), json!({"position": 0, "outcome": "accepted"})).await;
    assert_eq!(st, StatusCode::OK);
    // A blank reason is refused; a real one opens the seat and calls position 1.
    let (st, v) = post(&s, &format!("{base}/withdrawals"), json!({"position": 0, "reason": "\u{3000}"})).await;
    assert_eq!((st, v["error"]["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("reason_blank")), "{v}");
    let (st, v) =
        post(&s, &format!("{base}/withdrawals"), json!({"position": 0, "reason": "临时出差，已书面请假"})).await;
    assert_eq!(st, StatusCode::OK, "{v}");
    assert_eq!(v["counts"]["called"], 2, "the next in order is called at once: {v}");
    let (st, _) = post(&s, &format!("{base}/responses"), json!({"position": 1, "outcome": "accepted"})).await;
    assert_eq!(st, StatusCode::OK);

    // Attendance: the withdrawn expert has none; the serving one, once.
    let (st, v) =
        post(&s, &format!("{base}/attendance"), json!({"position": 0, "outcome": "present", "reason": null})).await;
    assert_eq!((st, v["error"]["code"].as_str()), (StatusCode::CONFLICT, Some("not_accepted")), "{v}");
    let (st, v) = post(&s, &format!("{base}/attendance"), json!({"position": 1, "outcome": "excused"})).await;
    assert_eq!((st, v["error"]["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("unknown_outcome")), "{v}");
    let (st, v) = post(&s, &format!("{base}/attendance"), json!({"position": 1, "outcome": "late"})).await;
    assert_eq!(st, StatusCode::OK, "{v}");
    // Counted for art. 18(8) in the year of the event (2026-12-01), none proposed yet.
    let late = v["positions"][1]["expert"].as_str().unwrap().to_owned();
    let (_, ns) = s.call("GET", "/api/no-shows", Some(&s.auditor), None).await;
    assert_eq!(ns["experts"][&late]["late_or_early"]["2026"], json!([id]), "{ns}");
    assert_eq!(ns["experts"][&late]["lateness_misconduct_proposed"], Value::Null, "{ns}");
    let (st, v) = post(&s, &format!("{base}/attendance"), json!({"position": 1, "outcome": "absent"})).await;
    assert_eq!((st, v["error"]["code"].as_str()), (StatusCode::CONFLICT, Some("already_attended")), "{v}");

    // An auditor cannot record them.
    let (st, _) = s
        .call(
            "POST",
            &format!("{base}/attendance"),
            Some(&s.auditor),
            Some(&json!({"position": 1, "outcome": "present"}).to_string()),
        )
        .await;
    assert_eq!(st, StatusCode::FORBIDDEN);

    let (_, export) = s.call("GET", "/api/log/export", None, None).await;
    let kinds: Vec<&str> = export["entries"].as_array().unwrap().iter().filter_map(|e| e["kind"].as_str()).collect();
    assert!(kinds.ends_with(&["response", "withdrawal", "call", "response", "attendance"]), "{kinds:?}");
    let report = expertpool_draw::verify_log(&export.to_string());
    assert!(report.ok(), "{report}");
}
