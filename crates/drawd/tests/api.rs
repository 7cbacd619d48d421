//! API tests on the router (tower oneshot): the scripted scenario with the public-data
//! scan, every auth case, every bad-input case, and every read endpoint.

mod common;

use axum::http::StatusCode;
use common::{Setup, call, create_body, names, private_values};
use expertpool_draw::Checkpoint;
use expertpool_draw::merkle;
use serde_json::{Value, json};

async fn create(s: &Setup, body: &str) -> String {
    let (st, v) = s.call("POST", "/api/draws", Some(&s.operator), Some(body)).await;
    assert_eq!(st, StatusCode::CREATED, "{v}");
    v["id"].as_str().unwrap().to_owned()
}

async fn respond(s: &Setup, id: &str, body: Value) -> Value {
    let (st, v) =
        s.call("POST", &format!("/api/draws/{id}/responses"), Some(&s.operator), Some(&body.to_string())).await;
    assert_eq!(st, StatusCode::OK, "{body} → {v}");
    v
}

/// Every public endpoint's answer after the scenario so far.
async fn public_responses(s: &Setup, ids: &[String]) -> Vec<(String, Value)> {
    let mut paths: Vec<String> = vec![
        "/api/draws".into(),
        "/api/log?from=0&limit=1000".into(),
        "/api/log/head".into(),
        "/api/log/export".into(),
        "/api/key".into(),
        "/api/health".into(),
        "/api/log/proof/inclusion?index=0".into(),
        "/api/log/proof/consistency?old=1".into(),
    ];
    paths.extend(ids.iter().map(|id| format!("/api/draws/{id}")));
    let mut out = Vec::new();
    for p in paths {
        let (st, v) = s.call("GET", &p, None, None).await;
        assert_eq!(st, StatusCode::OK, "{p}: {v}");
        out.push((p, v));
    }
    out
}

fn hits(responses: &[(String, Value)], needles: &[String]) -> Vec<String> {
    let mut found = Vec::new();
    for (p, v) in responses {
        let text = v.to_string();
        for n in needles {
            if text.contains(n.as_str()) {
                found.push(format!("{p} contains {n:?}"));
            }
        }
    }
    found
}

#[tokio::test]
async fn scripted_scenario_reveals_nothing_before_its_time_and_verifies() {
    let s = Setup::new("scenario");
    let id = create(&s, &create_body(3)).await;
    let (_, v) = s.call("GET", &format!("/api/draws/{id}"), None, None).await;
    assert_eq!(v["status"], "committed");
    assert_eq!(v["commitment"]["eligible_count"], 5, "{v}");
    assert_eq!(v["commitment"]["excluded_count"], 7);

    // Before the run nobody, auditors included, reads the sealed inputs.
    let (_, a) = s.call("GET", &format!("/api/draws/{id}"), Some(&s.auditor), None).await;
    assert!(a.get("sealed").is_none(), "sealed before the run: {a}");

    let (st, v) = s.call("POST", &format!("/api/draws/{id}/run"), Some(&s.operator), None).await;
    assert_eq!(st, StatusCode::OK, "{v}");
    // After it, auditors see why each expert is out, with the protocol's reason codes.
    let (_, a) = s.call("GET", &format!("/api/draws/{id}"), Some(&s.auditor), None).await;
    let excluded = &a["sealed"][0]["payload"]["excluded"];
    let reasons = |x: &str| excluded.as_array().unwrap().iter().find(|e| e["id"] == x).map(|e| e["reasons"].clone());
    assert_eq!(reasons("ZN-T02"), Some(json!(["recent_employment"])));
    assert_eq!(reasons("ZN-T03"), Some(json!(["recent_collaboration"])));
    assert_eq!(reasons("ZN-T04"), Some(json!(["declared_relation"])));
    assert_eq!(reasons("ZN-T05"), Some(json!(["inactive"])));
    assert_eq!(reasons("ZN-T06"), Some(json!(["not_appointed"])));
    assert_eq!(reasons("ZN-T07"), Some(json!(["level"])));
    assert_eq!(reasons("ZN-T12"), Some(json!(["specialty"])));

    assert_eq!(v["status"], "calling");
    let called: Vec<String> =
        v["positions"].as_array().unwrap().iter().map(|p| p["expert"].as_str().unwrap().to_owned()).collect();
    assert_eq!(called.len(), 3);
    assert!(v["positions"][0]["name"].is_string(), "staff see names");
    assert!(v.get("sealed").is_none(), "operators do not see the secret");

    respond(&s, &id, json!({"position": 0, "outcome": "accepted"})).await;
    let v = respond(&s, &id, json!({"expert": called[1], "outcome": "declined", "reason": "出差在外"})).await;
    assert_eq!(v["counts"]["called"], 4, "a decline calls the next in order");
    let v = respond(&s, &id, json!({"position": 2, "outcome": "no_answer"})).await;
    assert_eq!(v["counts"]["called"], 5);
    respond(&s, &id, json!({"position": 3, "outcome": "recused", "reason": "same_unit: 曾在申报单位兼职"})).await;
    let v = respond(&s, &id, json!({"position": 4, "outcome": "accepted"})).await;
    assert_eq!(v["status"], "exhausted", "{v}");
    assert!(v["message"].as_str().unwrap().contains("art. 9"));
    assert_eq!(v["counts"]["accepted"], 2);

    let (st, d) = s
        .call(
            "POST",
            &format!("/api/draws/{id}/directed"),
            Some(&s.admin),
            Some(
                &json!({"experts": ["ZN-T08"], "approval_ref": "测人社批〔2026〕8号", "approved_by": "局长办公会",
                "reason": "评价急需", "event_date": "2026-12-01"})
                .to_string(),
            ),
        )
        .await;
    assert_eq!(st, StatusCode::CREATED, "{d}");
    let directed_id = d["id"].as_str().unwrap().to_owned();
    assert_eq!(d["kind"], "directed");
    assert_eq!(d["directed"]["approval_ref"], "测人社批〔2026〕8号");

    // Before the confidentiality time: no name, no private value in any public answer.
    let ids = vec![id.clone(), directed_id.clone()];
    let before = public_responses(&s, &ids).await;
    let all_names: Vec<String> = names().into_iter().map(|(_, n)| n).collect();
    assert_eq!(hits(&before, &all_names), Vec::<String>::new());
    let request_inputs = ["张项目".to_owned(), "云港模具厂".to_owned()];
    let private: Vec<String> = private_values().into_iter().filter(|v| !request_inputs.contains(v)).collect();
    assert_eq!(hits(&before, &private), Vec::<String>::new());
    // The scan can fail: staff answers do carry names.
    let (_, staff) = s.call("GET", &format!("/api/draws/{id}"), Some(&s.operator), None).await;
    assert!(!hits(&[("staff".into(), staff)], &all_names).is_empty());

    // Reveals wait for their time.
    assert!(s.service.reveal_due().await.is_empty());
    s.clock.advance(9 * 86400);
    let revealed = s.service.reveal_due().await;
    assert_eq!(revealed.len(), 2);
    assert!(revealed.iter().all(Result::is_ok), "{revealed:?}");
    let (_, v) = s.call("GET", &format!("/api/draws/{id}"), None, None).await;
    assert_eq!(v["revealed"], true);
    assert!(v["positions"][0]["name"].is_string(), "names are public after the event");
    assert!(v["sealed"][0]["payload"]["secret"].is_string(), "and so is the secret");

    let after = public_responses(&s, &ids).await;
    assert_eq!(hits(&after, &private), Vec::<String>::new());

    // The exported log verifies with the protocol crate and the Python verifier.
    let (_, export) = s.call("GET", "/api/log/export", None, None).await;
    let text = serde_json::to_string_pretty(&export).unwrap();
    let report = expertpool_draw::verify_log(&text);
    assert!(report.ok(), "{report}");
    let file = s.root.join("log.json");
    std::fs::write(&file, &text).unwrap();
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tools/verify_draws.py");
    let out = std::process::Command::new("python3").arg(script).arg(&file).output().expect("python3 runs");
    assert!(
        out.status.success(),
        "python verifier: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );

    // The offline export from the data folder is the same log.
    let offline = expertpool_drawd::export_from_data(&s.data).unwrap();
    assert_eq!(offline["entries"], export["entries"]);
}

#[tokio::test]
async fn every_change_needs_a_token_with_the_right_role() {
    let s = Setup::new("auth");
    let id = create(&s, &create_body(2)).await;
    let writes: Vec<(String, String)> = vec![
        ("/api/draws".into(), create_body(2)),
        (format!("/api/draws/{id}/run"), "{}".into()),
        (format!("/api/draws/{id}/responses"), json!({"position": 0, "outcome": "accepted"}).to_string()),
        (
            format!("/api/draws/{id}/directed"),
            json!({"experts": ["ZN-T01"], "approval_ref": "x", "approved_by": "y", "reason": "z", "event_date": "2026-12-01"}).to_string(),
        ),
    ];
    for (path, body) in &writes {
        let (st, v) = s.call("POST", path, None, Some(body)).await;
        assert_eq!(st, StatusCode::UNAUTHORIZED, "{path} without token: {v}");
        assert_eq!(v["error"]["code"], "unauthenticated");
        assert_eq!(v["error"]["field"], "Authorization");
        let (st, _) = s.call("POST", path, Some("ept_not-a-real-token"), Some(body)).await;
        assert_eq!(st, StatusCode::UNAUTHORIZED, "{path} with a wrong token");
        let (st, v) = s.call("POST", path, Some(&s.auditor), Some(body)).await;
        assert_eq!(st, StatusCode::FORBIDDEN, "{path} as auditor: {v}");
        assert_eq!(v["error"]["code"], "forbidden");
    }
    let (st, _) = s.call("POST", &writes[3].0, Some(&s.operator), Some(&writes[3].1)).await;
    assert_eq!(st, StatusCode::FORBIDDEN, "directed selection is for admins");
    // A malformed header is refused too, and an invalid token is never read as anonymous.
    let (st, _) = call(&s.router, "GET", &format!("/api/draws/{id}"), Some("x"), None).await;
    assert_eq!(st, StatusCode::UNAUTHORIZED, "an invalid token on a public read is refused, not ignored");
    let req = axum::http::Request::builder()
        .uri(format!("/api/draws/{id}"))
        .header("Authorization", "Basic abc")
        .body(axum::body::Body::empty())
        .unwrap();
    let resp = tower::ServiceExt::oneshot(s.router.clone(), req).await.unwrap();
    assert_eq!(resp.status(), StatusCode::UNAUTHORIZED);
    let (st, _) = s.call("GET", "/api/no-shows", None, None).await;
    assert_eq!(st, StatusCode::UNAUTHORIZED);
    let (st, _) = s.call("GET", "/api/no-shows", Some(&s.operator), None).await;
    assert_eq!(st, StatusCode::FORBIDDEN);
    let (st, _) = s.call("GET", "/api/no-shows", Some(&s.auditor), None).await;
    assert_eq!(st, StatusCode::OK);
    // Nothing was written by the refused calls: one commit only.
    let (_, head) = s.call("GET", "/api/log/head", None, None).await;
    assert_eq!(head["size"], 1);
    // Every entry names its actor.
    let (_, log) = s.call("GET", "/api/log", None, None).await;
    assert_eq!(log["entries"][0]["actor"], "clerk.wang");
}

#[tokio::test]
async fn bad_input_gets_a_4xx_naming_the_field_and_the_fix() {
    let s = Setup::new("bad");
    let base: Value = serde_json::from_str(&create_body(3)).unwrap();
    let with = |k: &str, v: Value| {
        let mut b = base.clone();
        b[k] = v;
        b.to_string()
    };
    let cases: Vec<(String, StatusCode, &str, &str)> = vec![
        ("{\"pool\": ".into(), StatusCode::BAD_REQUEST, "malformed_json", "pool"),
        (with("colour", json!("red")), StatusCode::BAD_REQUEST, "unknown_field", "colour"),
        (
            {
                let mut b = base.clone();
                b["recusal"]["unitz"] = json!([]);
                b.to_string()
            },
            StatusCode::BAD_REQUEST,
            "unknown_field",
            "recusal.unitz",
        ),
        (
            {
                let mut b = base.clone();
                b.as_object_mut().unwrap().remove("purpose");
                b.to_string()
            },
            StatusCode::BAD_REQUEST,
            "missing_field",
            "purpose",
        ),
        (with("count", json!("five")), StatusCode::BAD_REQUEST, "invalid_value", "count"),
        (with("pool", json!("nosuch")), StatusCode::UNPROCESSABLE_ENTITY, "unknown_pool", "pool"),
        (with("specialty", json!("XX-99")), StatusCode::UNPROCESSABLE_ENTITY, "unknown_specialty", "specialty"),
        (with("specialty", json!("ZZ-09")), StatusCode::UNPROCESSABLE_ENTITY, "retired_specialty", "specialty"),
        (with("count", json!(0)), StatusCode::UNPROCESSABLE_ENTITY, "count_out_of_range", "count"),
        (with("count", json!(-3)), StatusCode::UNPROCESSABLE_ENTITY, "count_out_of_range", "count"),
        (with("count", json!(100000)), StatusCode::UNPROCESSABLE_ENTITY, "count_out_of_range", "count"),
        (with("event_date", json!("2026-11-22")), StatusCode::UNPROCESSABLE_ENTITY, "date_in_past", "event_date"),
        (with("event_date", json!("2026-02-30")), StatusCode::UNPROCESSABLE_ENTITY, "invalid_date", "event_date"),
        (
            with("reveal_after", json!("2026-11-01T00:00:00Z")),
            StatusCode::UNPROCESSABLE_ENTITY,
            "time_in_past",
            "reveal_after",
        ),
        (
            with("reveal_after", json!("2026-11-25T00:00:00Z")),
            StatusCode::UNPROCESSABLE_ENTITY,
            "reveal_before_event",
            "reveal_after",
        ),
        (with("reveal_after", json!("tomorrow")), StatusCode::UNPROCESSABLE_ENTITY, "invalid_time", "reveal_after"),
        (with("min_level", json!("大师")), StatusCode::UNPROCESSABLE_ENTITY, "unknown_level", "min_level"),
        (with("purpose", json!("  ")), StatusCode::UNPROCESSABLE_ENTITY, "blank", "purpose"),
        (
            {
                let mut b = base.clone();
                b["recusal"]["experts"] = json!(["ZN-NOPE"]);
                b.to_string()
            },
            StatusCode::UNPROCESSABLE_ENTITY,
            "unknown_expert",
            "recusal.experts[0]",
        ),
        (format!("{{\"purpose\": \"{}\"}}", "长".repeat(70_000)), StatusCode::PAYLOAD_TOO_LARGE, "body_too_large", ""),
    ];
    for (body, status, code, field) in &cases {
        let (st, v) = s.call("POST", "/api/draws", Some(&s.operator), Some(body)).await;
        assert_eq!(st, *status, "{code}: {v}");
        assert_eq!(v["error"]["code"], *code, "{v}");
        assert_eq!(v["error"]["field"], *field, "{v}");
        assert!(!v["error"]["fix"].as_str().unwrap_or("").is_empty(), "a fix is given: {v}");
        assert!(!v["error"]["message"].as_str().unwrap_or("").is_empty());
    }
    let (st, v) = call(&s.router, "POST", "/api/draws", Some(&s.operator), Some(("text/plain", create_body(3)))).await;
    assert_eq!((st, v["error"]["code"].as_str()), (StatusCode::UNSUPPORTED_MEDIA_TYPE, Some("not_json")));

    let id = create(&s, &create_body(3)).await;
    let p = format!("/api/draws/{id}/responses");
    let (st, v) =
        s.call("POST", &p, Some(&s.operator), Some(&json!({"position": 0, "outcome": "accepted"}).to_string())).await;
    assert_eq!((st, v["error"]["code"].as_str()), (StatusCode::CONFLICT, Some("not_run")));
    s.call("POST", &format!("/api/draws/{id}/run"), Some(&s.operator), None).await;
    let resp_cases = [
        (json!({"position": 0, "outcome": "maybe"}), "unknown_outcome", "outcome"),
        (json!({"position": 0, "outcome": "declined"}), "reason_required", "reason"),
        (json!({"position": 0, "outcome": "recused", "reason": "不想去"}), "unknown_reason_code", "reason"),
        (json!({"position": 0, "outcome": "accepted", "reason": "ok"}), "unexpected_reason", "reason"),
        (json!({"outcome": "accepted"}), "target", "position"),
        (json!({"position": 0, "expert": "ZN-T01", "outcome": "accepted"}), "target", "position"),
        (json!({"position": 4, "outcome": "accepted"}), "not_called", "position"),
        (json!({"expert": "ZN-T07", "outcome": "accepted"}), "not_called", "expert"),
    ];
    for (b, code, field) in resp_cases {
        let (st, v) = s.call("POST", &p, Some(&s.operator), Some(&b.to_string())).await;
        assert!(st.is_client_error(), "{b}: {st}");
        assert_eq!((v["error"]["code"].as_str(), v["error"]["field"].as_str()), (Some(code), Some(field)), "{b}: {v}");
    }
    respond(&s, &id, json!({"position": 0, "outcome": "accepted"})).await;
    let (st, v) = s
        .call(
            "POST",
            &p,
            Some(&s.operator),
            Some(&json!({"position": 0, "outcome": "declined", "reason": "x"}).to_string()),
        )
        .await;
    assert_eq!((st, v["error"]["code"].as_str()), (StatusCode::CONFLICT, Some("already_answered")));
    let (st, v) = s.call("POST", &format!("/api/draws/{id}/run"), Some(&s.operator), None).await;
    assert_eq!(st, StatusCode::CONFLICT, "{v}");
    let (st, v) =
        s.call("POST", &format!("/api/draws/{id}/run"), Some(&s.operator), Some("{\"beacon_value\": \"zz\"}")).await;
    assert_eq!((st, v["error"]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("beacon_value")));

    let (st, v) = s.call("GET", "/api/draws/nope", None, None).await;
    assert_eq!((st, v["error"]["code"].as_str()), (StatusCode::NOT_FOUND, Some("unknown_draw")));
    let (st, _) = s.call("POST", "/api/draws/nope/run", Some(&s.operator), None).await;
    assert_eq!(st, StatusCode::NOT_FOUND);
    let (st, v) = s.call("GET", "/api/log?from=abc", None, None).await;
    assert_eq!((st, v["error"]["field"].as_str()), (StatusCode::BAD_REQUEST, Some("from")));
    let (st, v) = s.call("GET", "/api/log?page=2", None, None).await;
    assert_eq!((st, v["error"]["code"].as_str()), (StatusCode::BAD_REQUEST, Some("unknown_parameter")));
    let (st, _) = s.call("GET", "/api/log/proof/inclusion?index=99", None, None).await;
    assert_eq!(st, StatusCode::BAD_REQUEST);
    let (st, _) = s.call("GET", "/api/log/proof/consistency?old=0", None, None).await;
    assert_eq!(st, StatusCode::BAD_REQUEST);
    // A request larger than the eligible set is a clear result at run time, not an error.
    let (_, big) = s.call("POST", "/api/draws", Some(&s.operator), Some(&create_body(9))).await;
    let big_id = big["id"].as_str().unwrap();
    let (st, v) = s.call("POST", &format!("/api/draws/{big_id}/run"), Some(&s.operator), None).await;
    assert_eq!(st, StatusCode::OK);
    assert_eq!(v["run"]["shortfall"], 4, "{v}");
    assert!(v["message"].as_str().unwrap().contains("too few eligible experts"), "{v}");
    let (st, v) = s.call("GET", "/api/nothing-here", None, None).await;
    assert_eq!((st, v["error"]["code"].as_str()), (StatusCode::NOT_FOUND, Some("no_such_endpoint")));
}

#[tokio::test]
async fn log_head_proofs_and_key_verify() {
    let s = Setup::new("proofs");
    for _ in 0..3 {
        let id = create(&s, &create_body(2)).await;
        s.call("POST", &format!("/api/draws/{id}/run"), Some(&s.operator), None).await;
    }
    let (_, key) = s.call("GET", "/api/key", None, None).await;
    let pk: [u8; 32] = hex::decode(key["public_key"].as_str().unwrap()).unwrap().try_into().unwrap();
    let vk = ed25519_dalek::VerifyingKey::from_bytes(&pk).unwrap();
    let (_, head) = s.call("GET", "/api/log/head", None, None).await;
    assert_eq!(head["size"], 6);
    let cp = Checkpoint::verify(head["checkpoint"].as_str().unwrap(), key["key_name"].as_str().unwrap(), &vk).unwrap();
    assert_eq!(hex::encode(cp.root), head["root"].as_str().unwrap());
    let root = cp.root;
    let h = |v: &Value| -> [u8; 32] { hex::decode(v.as_str().unwrap()).unwrap().try_into().unwrap() };
    for i in 0..6 {
        let (_, p) = s.call("GET", &format!("/api/log/proof/inclusion?index={i}"), None, None).await;
        let proof: Vec<[u8; 32]> = p["proof"].as_array().unwrap().iter().map(h).collect();
        assert!(merkle::verify_inclusion(&merkle::leaf_hash(&h(&p["entry_hash"])), i, 6, &proof, &root), "entry {i}");
    }
    for old in 1..=6 {
        let (_, p) = s.call("GET", &format!("/api/log/proof/consistency?old={old}&new=6"), None, None).await;
        let proof: Vec<[u8; 32]> = p["proof"].as_array().unwrap().iter().map(h).collect();
        assert!(merkle::verify_consistency(old, 6, &proof, &h(&p["old_root"]), &root), "old {old}");
    }
    let (_, page) = s.call("GET", "/api/log?from=2&limit=3", None, None).await;
    assert_eq!(page["entries"].as_array().unwrap().len(), 3);
    assert_eq!(page["entries"][0]["seq"], 2);
    assert_eq!(page["next"], 5);
    assert!(page["entries"].as_array().unwrap().iter().all(|e| e.get("payload").is_none()), "sealed before reveal");
    let (_, health) = s.call("GET", "/api/health", None, None).await;
    assert_eq!((health["status"].as_str(), health["log_size"].as_u64()), (Some("ok"), Some(6)));
    let (st, spec) = s.call("GET", "/api/openapi.json", None, None).await;
    assert_eq!(st, StatusCode::OK);
    assert!(spec["openapi"].as_str().unwrap().starts_with("3."));
    let (_, list) = s.call("GET", "/api/draws", None, None).await;
    assert_eq!(list["draws"].as_array().unwrap().len(), 3);
}

async fn accept_all(s: &Setup, id: &str) -> Vec<String> {
    let (_, v) = s.call("POST", &format!("/api/draws/{id}/run"), Some(&s.operator), None).await;
    let ids: Vec<String> =
        v["positions"].as_array().unwrap().iter().map(|p| p["expert"].as_str().unwrap().to_owned()).collect();
    for x in &ids {
        respond(s, id, json!({"expert": x, "outcome": "accepted"})).await;
    }
    ids
}

#[tokio::test]
async fn pause_rule_excludes_experts_drawn_in_the_two_previous_uses() {
    let s = Setup::new("pause");
    // Three requests (three projects), not re-draws of one.
    let body = || {
        json!({"pool": "zhineng", "purpose": "竞赛评委", "using_unit": "测试用人单位", "work_content": "评审", "project": common::fresh_project(), "specialty": "ZZ-01", "count": 5, "event_date": "2026-12-01"})
            .to_string()
    };
    let a = create(&s, &body()).await;
    let drawn_a = accept_all(&s, &a).await;
    let b = create(&s, &body()).await;
    let drawn_b = accept_all(&s, &b).await;
    let c = create(&s, &body()).await;
    let (st, v) = s.call("POST", &format!("/api/draws/{c}/run"), Some(&s.operator), None).await;
    assert_eq!(st, StatusCode::OK, "{v}");
    let (_, v) = s.call("GET", &format!("/api/draws/{c}"), Some(&s.auditor), None).await;
    let paused: Vec<String> = v["sealed"][0]["payload"]["excluded"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["reasons"].as_array().unwrap().contains(&json!("pause")))
        .map(|e| e["id"].as_str().unwrap().to_owned())
        .collect();
    let mut both: Vec<String> = drawn_a.iter().filter(|x| drawn_b.contains(x)).cloned().collect();
    both.sort();
    assert!(!both.is_empty(), "8 eligible, 5 + 5 drawn: someone was drawn twice");
    assert_eq!(paused, both);
    s.clock.advance(9 * 86400);
    s.service.reveal_due().await;
    let (_, export) = s.call("GET", "/api/log/export", None, None).await;
    let report = expertpool_draw::verify_log(&export.to_string());
    assert!(report.ok(), "{report}");
    assert!(
        report
            .entries
            .iter()
            .any(|e| e.checks.iter().any(|c| c.name == "pause" && c.status == expertpool_draw::Status::Ok))
    );
}

#[tokio::test]
async fn the_pool_policy_sets_the_committed_rules_and_eligibility_follows_them() {
    let mut s = Setup::new("rules");
    let (_, v) = s.call("GET", "/api/log/export", None, None).await;
    assert!(v["entries"].as_array().unwrap().is_empty());
    let id = create(&s, &create_body(3)).await;
    let (_, before) = s.call("GET", "/api/log/export", None, None).await;
    let commit = |v: &Value, id: &str| {
        v["entries"].as_array().unwrap().iter().find(|e| e["draw"] == id).unwrap()["body"].clone()
    };
    // Public at once, before any reveal: the fixture pool's policy (24 months, 3 years, pause on).
    assert_eq!(
        commit(&before, &id)["rules"],
        json!({"pause": true, "employment_months": 24, "collaboration_months": 36})
    );
    // Shorter windows and no pause rule in the pool's policy.
    let path = s.content.join("pools/zhineng/pool.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let edited = text
        .replace("pause_rule = true", "pause_rule = false")
        .replace("employment_recusal_months = 24", "employment_recusal_months = 12")
        .replace("collaboration_recusal_years = 3", "collaboration_recusal_years = 1");
    assert_ne!(text, edited);
    std::fs::write(&path, edited).unwrap();
    s.restart();
    let id2 = create(&s, &create_body(3)).await;
    let (_, after) = s.call("GET", "/api/log/export", None, None).await;
    assert_eq!(
        commit(&after, &id2)["rules"],
        json!({"pause": false, "employment_months": 12, "collaboration_months": 12})
    );
    // ZN-T02 left the unit 2025-06-30 and ZN-T03 collaborated 2025-03-01: outside the
    // 12-month windows before the event, so both are eligible now.
    let (st, v) = s.call("POST", &format!("/api/draws/{id2}/run"), Some(&s.operator), None).await;
    assert_eq!(st, StatusCode::OK, "{v}");
    let (_, a) = s.call("GET", &format!("/api/draws/{id2}"), Some(&s.auditor), None).await;
    let p = &a["sealed"][0]["payload"];
    assert_eq!(p["request"]["rules"], commit(&after, &id2)["rules"]);
    let eligible: Vec<&str> = p["eligible"].as_array().unwrap().iter().filter_map(Value::as_str).collect();
    assert!(eligible.contains(&"ZN-T02") && eligible.contains(&"ZN-T03"), "{eligible:?}");
    assert_eq!(a["commitment"]["eligible_count"], 7, "{a}");
}

#[tokio::test]
async fn three_unexplained_absences_propose_misconduct() {
    let s = Setup::new("noshow");
    let others: Vec<String> = names().into_iter().map(|(id, _)| id).filter(|id| id != "ZN-T01").collect();
    let body = || {
        json!({"pool": "zhineng", "purpose": "项目评审", "using_unit": "测试用人单位", "work_content": "评审", "project": common::fresh_project(), "specialty": "ZZ-01", "count": 1, "event_date": "2026-12-01",
        "recusal": {"experts": others}})
        .to_string()
    };
    let answers = [("no_answer", None), ("declined", Some("unexplained")), ("no_answer", None)];
    let mut draws = vec![];
    for (outcome, reason) in answers {
        let id = create(&s, &body()).await;
        s.call("POST", &format!("/api/draws/{id}/run"), Some(&s.operator), None).await;
        let mut b = json!({"expert": "ZN-T01", "outcome": outcome});
        if let Some(r) = reason {
            b["reason"] = json!(r);
        }
        let v = respond(&s, &id, b).await;
        assert_eq!(v["status"], "exhausted");
        draws.push(id);
    }
    let file: Value = serde_json::from_str(&std::fs::read_to_string(s.data.join("no-shows.json")).unwrap()).unwrap();
    assert_eq!(file, json!({"ZN-T01": {"consecutive_no_shows": 3, "draws": draws}}));
    let (_, v) = s.call("GET", "/api/no-shows", Some(&s.auditor), None).await;
    assert_eq!(v["experts"]["ZN-T01"]["misconduct_proposed"], true);
    assert_eq!(v["experts"]["ZN-T01"]["unexplained_refusals_total"], 1);
    // Rebuilt from the journal on restart.
    let mut s = s;
    s.restart();
    let (_, v2) = s.call("GET", "/api/no-shows", Some(&s.auditor), None).await;
    assert_eq!(v, v2);
}

#[tokio::test]
async fn content_changes_are_picked_up_before_the_next_draw() {
    let s = Setup::new("reload");
    let (_, first) = s.call("POST", "/api/draws", Some(&s.operator), Some(&create_body(2))).await;
    let path = s.content.join("pools/zhineng/experts/ZN-T09.toml");
    let text = std::fs::read_to_string(&path).unwrap().replace("end = 2027-12-31", "end = 2026-11-30");
    std::fs::write(&path, text).unwrap();
    // The change reaches the service through the file watcher.
    std::thread::sleep(std::time::Duration::from_millis(500));
    let (_, second) = s.call("POST", "/api/draws", Some(&s.operator), Some(&create_body(2))).await;
    assert_ne!(first["commitment"]["snapshot_hash"], second["commitment"]["snapshot_hash"]);
    assert_eq!(first["commitment"]["eligible_count"], 5);
    assert_eq!(second["commitment"]["eligible_count"], 4);
    // A broken record stops new draws (and says which file) instead of drawing from a
    // silently smaller pool.
    std::fs::write(&path, "id = ").unwrap();
    std::thread::sleep(std::time::Duration::from_millis(500));
    let (st, v) = s.call("POST", "/api/draws", Some(&s.operator), Some(&create_body(2))).await;
    assert_eq!(st, StatusCode::SERVICE_UNAVAILABLE);
    assert!(v["error"]["message"].as_str().unwrap().contains("ZN-T09.toml"), "{v}");
}

/// A call with an `Accept-Language` header (or none), answering the status and the body.
async fn call_in(s: &Setup, lang: Option<&str>, method: &str, path: &str, body: Option<&str>) -> (StatusCode, Value) {
    use tower::ServiceExt;
    let mut req = axum::http::Request::builder()
        .method(method)
        .uri(path)
        .header("Authorization", format!("Bearer {}", s.operator));
    if let Some(l) = lang {
        req = req.header("Accept-Language", l);
    }
    let req = match body {
        Some(b) => req.header("Content-Type", "application/json").body(axum::body::Body::from(b.to_owned())).unwrap(),
        None => req.body(axum::body::Body::empty()).unwrap(),
    };
    let resp = s.router.clone().oneshot(req).await.unwrap();
    let status = resp.status();
    let bytes = axum::body::to_bytes(resp.into_body(), 1 << 20).await.unwrap();
    (status, serde_json::from_slice(&bytes).unwrap())
}

fn has_han(text: &str) -> bool {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// A refusal is in Chinese by default and in English for `Accept-Language: en`, with the
/// same code and field; neither shows a catalogue marker.
#[tokio::test]
async fn refusals_follow_accept_language_with_the_same_code() {
    let s = Setup::new("lang");
    let cases: Vec<(&str, &str, Option<String>)> = vec![
        ("GET", "/api/draws/no-such-draw", None),
        ("POST", "/api/draws", Some(r#"{"pool": "zhineng", "nonsense": 1}"#.to_owned())),
        ("POST", "/api/draws", Some(create_body(2).replace("\"zhineng\"", "\"nope\""))),
        ("POST", "/api/draws", Some("{".to_owned())),
        ("POST", "/api/draws/no-such-draw/run", Some("{}".to_owned())),
    ];
    for (method, path, body) in cases {
        let (zh_status, zh) = call_in(&s, None, method, path, body.as_deref()).await;
        let (zh2_status, zh2) = call_in(&s, Some("zh-CN,zh;q=0.9,en;q=0.8"), method, path, body.as_deref()).await;
        let (en_status, en) = call_in(&s, Some("en-US,en;q=0.9"), method, path, body.as_deref()).await;
        assert!(zh_status.is_client_error(), "{path}: {zh}");
        assert_eq!((zh_status, &zh), (zh2_status, &zh2), "{path}");
        assert_eq!(zh_status, en_status, "{path}");
        assert_eq!(zh["error"]["code"], en["error"]["code"], "{path}");
        assert_eq!(zh["error"]["field"], en["error"]["field"], "{path}");
        for part in ["message", "fix"] {
            let (z, e) = (zh["error"][part].as_str().unwrap(), en["error"][part].as_str().unwrap());
            assert!(has_han(z), "{path} {part} in zh: {z}");
            // Data may be Chinese (the pool's name); the sentence around it may not.
            let sentence = e.replace("测试市职业能力建设专家库（zhineng）", "");
            assert!(!has_han(&sentence), "{path} {part} in en: {e}");
            assert!(!z.contains('⟦') && !e.contains('⟦'), "{path}: {z} / {e}");
        }
    }
    // A language the catalogues lack falls to the next one the client accepts.
    let (_, v) = call_in(&s, Some("fr-FR, en;q=0.5"), "GET", "/api/draws/x", None).await;
    assert_eq!(v["error"]["message"], "there is no draw with id `x`");
    let (_, v) = call_in(&s, None, "GET", "/api/draws/x", None).await;
    assert_eq!(v["error"]["message"], "没有编号为 `x` 的抽取");
}

/// `POST /api/draws` takes the pool and the specialty by their Chinese names as well as
/// by code, and a misspelt name is refused with the name it was probably meant to be.
#[tokio::test]
async fn create_takes_chinese_names_and_suggests_for_a_slip() {
    let s = Setup::new("names");
    let mut body: Value = serde_json::from_str(&create_body(2)).unwrap();
    body["pool"] = json!("测试市职业能力建设专家库");
    body["specialty"] = json!("数控加工");
    let id = create(&s, &body.to_string()).await;
    let (_, d) = s.call("GET", &format!("/api/draws/{id}"), None, None).await;
    assert!(d.to_string().contains("zhineng") && d.to_string().contains("ZZ-01"), "{d}");

    let mut slip = body.clone();
    slip["project"] = json!(common::fresh_project());
    slip["pool"] = json!("测试市职业能力建设专加库");
    let (st, v) = call_in(&s, None, "POST", "/api/draws", Some(&slip.to_string())).await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert_eq!(v["error"]["code"], "unknown_pool");
    assert_eq!(v["error"]["message"], "没有名为“测试市职业能力建设专加库”的专家库");
    assert!(v["error"]["fix"].as_str().unwrap().contains("您要找的是否是“测试市职业能力建设专家库”"), "{v}");

    slip["pool"] = json!("zhineng");
    slip["specialty"] = json!("数控加功");
    let (st, v) = call_in(&s, Some("en"), "POST", "/api/draws", Some(&slip.to_string())).await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert_eq!(v["error"]["code"], "unknown_specialty");
    assert_eq!(
        v["error"]["fix"].as_str().unwrap(),
        "did you mean “数控加工（ZZ-01）”? Give the name or the code as the list spells it"
    );
}

/// A start-up refusal is written in the process's language: Chinese by default, English
/// when the CLI sets `--lang en`.
#[test]
fn a_start_up_refusal_is_in_either_language() {
    use expertpool_i18n::{Lang, scoped};
    let s = Setup::new("start-lang");
    let file = s.content.join("specialties.toml");
    let open = || {
        expertpool_drawd::Service::open(expertpool_drawd::Options {
            config: expertpool_drawd::Config::default(),
            data: common::temp_dir("start-lang-data"),
            content: file.clone(),
            clock: s.clock.clone(),
        })
        .err()
        .expect("a file is not a content folder")
        .to_string()
    };
    let zh = scoped(Lang::Zh, open);
    let en = scoped(Lang::En, open);
    assert!(zh.contains("不是文件夹") && zh.contains("--content") && zh.contains("specialties.toml"), "{zh}");
    assert!(en.contains("is not a folder") && en.contains("--content") && !has_han(&en), "{en}");
}
