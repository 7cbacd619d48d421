//! A draw day on a copy of the demo: the draw service (in process, with a settable clock)
//! creates and runs a draw, an expert declines and the next in order is called, the others
//! accept; at the confidentiality time the service reveals it. The exported public log then
//! goes into the instance, `expertpool build` publishes the draw page, and both
//! `expertpool verify` and the standard-library Python verifier accept the log — and reject
//! it once one answer is edited.

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use expertpool_drawd::{Clock, Config, Options, Role, Service};
use expertpool_testkit::{InstanceCopy, expertpool, python};
use serde_json::{Value, json};
use std::path::Path;
use tower::ServiceExt;

async fn call(
    router: &Router,
    method: &str,
    path: &str,
    token: Option<&str>,
    body: Option<Value>,
) -> (StatusCode, Value) {
    let mut request = Request::builder().method(method).uri(path);
    if let Some(token) = token {
        request = request.header("Authorization", format!("Bearer {token}"));
    }
    let request = match body {
        Some(b) => request.header("Content-Type", "application/json").body(Body::from(b.to_string())).unwrap(),
        None => request.body(Body::empty()).unwrap(),
    };
    let response = router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = axum::body::to_bytes(response.into_body(), 64 << 20).await.unwrap();
    (status, serde_json::from_slice(&bytes).unwrap_or(Value::Null))
}

fn arg(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 temporary path")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_draw_is_run_answered_revealed_published_and_verified() {
    let copy = InstanceCopy::demo();
    let content = copy.root();
    let config_path = copy.scratch().join("drawd.toml");
    let data = copy.scratch().join("data");
    let operator =
        expertpool_drawd::add_token(&config_path, "clerk.wang", Role::Operator, "2026-12-01T00:00:00Z").unwrap();
    // Wednesday 2026-12-02, 10:00 in Beijing.
    let clock = Clock::manual("2026-12-02T02:00:00Z".parse().unwrap());
    let service = Service::open(Options {
        config: Config::load(&config_path).unwrap(),
        data: data.clone(),
        content: content.clone(),
        clock: clock.clone(),
    })
    .unwrap();
    let router = expertpool_drawd::router(service.clone());

    let request = json!({
        "pool": "zhineng", "purpose": "技能人才评价", "specialty": "ZZ-01", "min_level": "中级",
        "using_unit": "市技能人才评价中心", "work_content": "职业技能等级认定考评",
        "count": 3, "event_date": "2026-12-10",
        "recusal": { "units": ["星河市第一机床厂"], "people": ["张项目"] },
    });
    let (status, created) = call(&router, "POST", "/api/draws", Some(&operator), Some(request)).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let id = created["id"].as_str().unwrap().to_string();
    let eligible = created["commitment"]["eligible_count"].as_u64().unwrap_or_else(|| panic!("{created}"));
    assert!(eligible >= 4, "the demo has enough 数控加工 experts for a replacement: {created}");

    let (status, run) = call(&router, "POST", &format!("/api/draws/{id}/run"), Some(&operator), None).await;
    assert_eq!(status, StatusCode::OK, "{run}");
    let called: Vec<String> =
        run["positions"].as_array().unwrap().iter().map(|p| p["expert"].as_str().unwrap().to_string()).collect();
    assert_eq!(called.len(), 3, "the first three in order are called: {run}");

    let answer = |body: Value| {
        let router = router.clone();
        let operator = operator.clone();
        let path = format!("/api/draws/{id}/responses");
        async move {
            let (status, v) = call(&router, "POST", &path, Some(&operator), Some(body)).await;
            assert_eq!(status, StatusCode::OK, "{v}");
            v
        }
    };
    answer(json!({"expert": called[0], "outcome": "accepted"})).await;
    let after_decline = answer(json!({"expert": called[1], "outcome": "declined", "reason": "出差在外"})).await;
    assert_eq!(after_decline["counts"]["called"], 4, "a decline calls the next in order: {after_decline}");
    let replacement = after_decline["positions"][3]["expert"].as_str().unwrap().to_string();
    assert!(!called.contains(&replacement));
    answer(json!({"expert": called[2], "outcome": "accepted"})).await;
    let done = answer(json!({"expert": replacement, "outcome": "accepted"})).await;
    assert_eq!(done["status"], "complete", "{done}");

    // Nothing is revealed before the confidentiality time (midnight after the event day).
    assert!(service.reveal_due().await.is_empty());
    clock.advance(9 * 86400);
    let revealed = service.reveal_due().await;
    assert_eq!(revealed.len(), 1, "{revealed:?}");
    assert!(revealed.iter().all(Result::is_ok), "{revealed:?}");

    let (status, log) = call(&router, "GET", "/api/log/export", None, None).await;
    assert_eq!(status, StatusCode::OK);
    service.shutdown();
    let log_path = content.join("draws/log.json");
    std::fs::write(&log_path, serde_json::to_vec_pretty(&log).unwrap()).unwrap();

    // The site publishes the draw page from the exported log.
    let site = copy.scratch().join("site");
    expertpool(&["build", "--content", arg(&content), "--today", "2026-12-11", "--out", arg(&site)]).success();
    let page = std::fs::read_to_string(site.join(format!("draws/{id}/index.html")))
        .unwrap_or_else(|e| panic!("the draw page of {id}: {e}"));
    for expert in called.iter().chain([&replacement]) {
        assert!(page.contains(expert.as_str()), "the revealed call list names {expert}");
    }
    assert!(site.join("draws/log.json").is_file(), "the log is published beside the pages");

    // Both verifiers accept the published log …
    let verified = expertpool(&["verify", arg(&log_path)]).success();
    assert!(!verified.stdout.is_empty());
    python("tools/verify_draws.py", &[arg(&log_path)]).success();

    // … and both reject it once one answer is changed after the fact.
    let text = std::fs::read_to_string(&log_path).unwrap();
    let tampered = text.replacen("\"declined\"", "\"accepted\"", 1);
    assert_ne!(tampered, text, "the log holds the decline");
    let tampered_path = copy.scratch().join("tampered.json");
    std::fs::write(&tampered_path, tampered).unwrap();
    expertpool(&["verify", arg(&tampered_path)]).exit(1);
    let rejected = python("tools/verify_draws.py", &[arg(&tampered_path)]);
    assert_ne!(rejected.code, Some(0), "{rejected}");
}
