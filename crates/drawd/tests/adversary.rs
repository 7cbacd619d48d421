//! A scripted adversary against the draw service (issue #12): each attack is tried the
//! way a member of staff or an outsider could try it, and each must be refused or be
//! visible in the public log.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use axum::http::StatusCode;
use common::{Setup, create_body};
use serde_json::{Value, json};

async fn create(s: &Setup, body: &str) -> String {
    let (st, v) = s.call("POST", "/api/draws", Some(&s.operator), Some(body)).await;
    assert_eq!(st, StatusCode::CREATED, "{v}");
    v["id"].as_str().unwrap().to_owned()
}

/// Every answer a reader with `token` can get about the draw `id` and the log.
async fn everything_readable(s: &Setup, token: Option<&str>, id: &str) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    for p in
        [format!("/api/draws/{id}"), "/api/draws".into(), "/api/log?from=0&limit=1000".into(), "/api/log/export".into()]
    {
        let (st, v) = s.call("GET", &p, token, None).await;
        assert_eq!(st, StatusCode::OK, "{p}: {v}");
        out.push((p, v));
    }
    out
}

/// Attack: read the secret (or the eligible set, or the order) of a committed draw
/// before it is run, as each role, to learn who will be called and abandon the draw
/// if the order is not to one's liking. Nobody may; after the run auditors and admins
/// read the sealed inputs, operators still do not.
#[tokio::test]
async fn nobody_reads_the_secret_or_the_order_before_the_run() {
    let s = Setup::new("adversary-secret");
    let id = create(&s, &create_body(2)).await;
    let roles =
        [("public", None), ("operator", Some(&s.operator)), ("auditor", Some(&s.auditor)), ("admin", Some(&s.admin))];
    let mut before = Vec::new();
    for (role, token) in roles {
        let answers = everything_readable(&s, token.map(String::as_str), &id).await;
        let (_, draw) = &answers[0];
        assert!(draw.get("sealed").is_none(), "{role} reads the sealed payload before the run: {draw}");
        assert!(draw.get("order").is_none(), "{role} reads the order before the run");
        for (p, v) in &answers {
            let text = v.to_string();
            assert!(!text.contains("\"secret\""), "{role}: {p} shows a secret before the run");
            assert!(!text.contains("\"eligible\":["), "{role}: {p} shows the eligible set before the run");
        }
        before.push((role, answers));
    }

    let (st, v) = s.call("POST", &format!("/api/draws/{id}/run"), Some(&s.operator), None).await;
    assert_eq!(st, StatusCode::OK, "{v}");
    let (_, audit) = s.call("GET", &format!("/api/draws/{id}"), Some(&s.auditor), None).await;
    let secret = audit["sealed"][0]["payload"]["secret"].as_str().expect("auditors read the secret after the run");
    let order: Vec<String> =
        audit["order"].as_array().expect("and the order").iter().map(|x| x.as_str().unwrap().to_owned()).collect();
    assert_eq!(secret.len(), 64);
    // The secret itself was in no answer to anyone before the run.
    for (role, answers) in &before {
        for (p, v) in answers {
            assert!(!v.to_string().contains(secret), "{role}: {p} leaked the secret before the run");
        }
    }
    let (_, admin) = s.call("GET", &format!("/api/draws/{id}"), Some(&s.admin), None).await;
    assert_eq!(admin["sealed"][0]["payload"]["secret"], secret, "admins too, after the run");
    let (_, op) = s.call("GET", &format!("/api/draws/{id}"), Some(&s.operator), None).await;
    assert!(op.get("sealed").is_none() && op.get("order").is_none(), "operators never read the sealed inputs: {op}");
    assert_eq!(op["positions"][0]["expert"], order[0].as_str(), "operators see whom to call");
    let (_, public) = s.call("GET", &format!("/api/draws/{id}"), None, None).await;
    assert!(public.get("sealed").is_none() && public["positions"][0].get("expert").is_none(), "{public}");
}

/// Quicknet round 657413 (2023-09-15T11:00:03Z) as drand serves it, and the signature of
/// another round (123): valid BLS, but not this round's.
const ROUND: u64 = 657_413;
const SIGNATURE: &str =
    "b713718a38ae728dfd477991af2822e08d2f305e47718cef9f7848ce4050e7be41076862b98fad56e91a6b85b89cd97b";
const RANDOMNESS: &str = "fc1873a13f3545aeade8401532ef5519920652eee6b0d2b19ca12643b87b3587";
const OTHER_ROUND_SIGNATURE: &str =
    "b75c69d0b72a5d906e854e808ba7e2accb1542ac355ae486d591aa9d43765482e26cd02df835d3546d23c4b13e0dfc92";

/// A fake drand HTTP server on 127.0.0.1 serving the recorded round 657413 (404 for any
/// other); with `forge` set it serves another round's signature instead.
fn fake_drand(forge: Arc<AtomicBool>) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut line = String::new();
            let mut reader = BufReader::new(&stream);
            if reader.read_line(&mut line).is_err() {
                continue;
            }
            loop {
                let mut h = String::new();
                if reader.read_line(&mut h).map(|n| n == 0).unwrap_or(true) || h == "\r\n" {
                    break;
                }
            }
            let want = format!("/{}/public/{ROUND} ", expertpool_draw::beacon::QUICKNET_CHAIN_HASH);
            let (status, body) = if !line.contains(&want) {
                ("404 Not Found", "{}".to_string())
            } else if forge.load(Ordering::SeqCst) {
                let r = hex::encode(expertpool_draw::beacon::drand_randomness(
                    &hex::decode(OTHER_ROUND_SIGNATURE).unwrap(),
                ));
                ("200 OK", json!({"round": ROUND, "randomness": r, "signature": OTHER_ROUND_SIGNATURE}).to_string())
            } else {
                ("200 OK", json!({"round": ROUND, "randomness": RANDOMNESS, "signature": SIGNATURE}).to_string())
            };
            let mut s = &stream;
            let _ = write!(
                s,
                "HTTP/1.0 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
                body.len()
            );
        }
    });
    port
}

fn set_clock(s: &Setup, t: &str) {
    let t: jiff::Timestamp = t.parse().unwrap();
    s.clock.advance(t.as_second() - s.clock.now().as_second());
}

/// Attack: grind the beacon (give a value that puts a chosen expert first), forge it
/// (another round's signature), or run before the round exists. The service names the
/// round itself, fetches it, and takes it only with quicknet's valid signature.
#[tokio::test]
async fn the_beacon_is_a_real_drand_round_fetched_by_the_service_never_a_callers_value() {
    let mut s = Setup::new("adversary-drand");
    let forge = Arc::new(AtomicBool::new(true));
    let port = fake_drand(forge.clone());
    let mut cfg = std::fs::read_to_string(&s.config_path).unwrap();
    cfg.push_str(&format!("\n[beacon]\ndrand_url = \"http://127.0.0.1:{port}\"\n"));
    std::fs::write(&s.config_path, cfg).unwrap();
    s.restart();
    // 61 s before round 657413: the first round at least 60 s after the commit.
    set_clock(&s, "2023-09-15T10:59:02Z");
    let id = create(&s, &create_body(2)).await;
    let (_, v) = s.call("GET", &format!("/api/draws/{id}"), None, None).await;
    assert_eq!(
        v["commitment"]["beacon"],
        json!({"kind": "drand", "chain_hash": expertpool_draw::beacon::QUICKNET_CHAIN_HASH, "round": ROUND}),
        "{v}"
    );
    let run = format!("/api/draws/{id}/run");
    let (st, v) = s.call("POST", &run, Some(&s.operator), None).await;
    assert_eq!((st, v["error"]["code"].as_str()), (StatusCode::CONFLICT, Some("beacon_not_yet")), "{v}");
    set_clock(&s, "2023-09-15T11:00:10Z");
    // A ground value is refused outright.
    let ground = json!({"beacon_value": "00".repeat(32)}).to_string();
    let (st, v) = s.call("POST", &run, Some(&s.operator), Some(&ground)).await;
    assert_eq!(
        (st, v["error"]["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("beacon_value_refused")),
        "{v}"
    );
    assert!(v["error"]["message"].as_str().unwrap().contains("不接受"), "{v}");
    // Another round's (valid) signature, served or pasted, fails quicknet's BLS check.
    let (st, v) = s.call("POST", &run, Some(&s.operator), None).await;
    assert_eq!((st, v["error"]["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("beacon_invalid")), "{v}");
    let pasted = json!({"drand_round": {"round": ROUND, "signature": OTHER_ROUND_SIGNATURE}}).to_string();
    let (st, v) = s.call("POST", &run, Some(&s.operator), Some(&pasted)).await;
    assert_eq!((st, v["error"]["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("beacon_invalid")), "{v}");
    // The real round, fetched by the service.
    forge.store(false, Ordering::SeqCst);
    let (st, v) = s.call("POST", &run, Some(&s.operator), None).await;
    assert_eq!(st, StatusCode::OK, "{v}");
    assert_eq!(v["run"]["beacon_value"], RANDOMNESS);
    assert_eq!(v["run"]["beacon_evidence"], json!({"round": ROUND, "signature": SIGNATURE}));
    let (_, export) = s.call("GET", "/api/log/export", None, None).await;
    let report = expertpool_draw::verify_log(&export.to_string());
    assert!(report.ok(), "{report}");
    let bls = report.entries.iter().flat_map(|e| &e.checks).find(|c| c.name == "beacon_signature").unwrap();
    assert_eq!(bls.status, expertpool_draw::Status::Ok, "{report}");
}

/// Attack: abandon a draw whose order one dislikes and draw again for the same request
/// as if it were new. Refused; the linked re-draw shows the first and why, in public.
#[tokio::test]
async fn a_request_cannot_be_drawn_again_silently() {
    let s = Setup::new("adversary-redo");
    let mut body: Value = serde_json::from_str(&create_body(2)).unwrap();
    let first = create(&s, &body.to_string()).await;
    s.call("POST", &format!("/api/draws/{first}/run"), Some(&s.operator), None).await;
    let (st, v) = s.call("POST", "/api/draws", Some(&s.operator), Some(&body.to_string())).await;
    assert_eq!((st, v["error"]["code"].as_str()), (StatusCode::CONFLICT, Some("redo_required")), "{v}");
    assert!(v["error"]["message"].as_str().unwrap().contains("同一用人需求"), "{v}");
    body["redo_of"] = json!({"draw": first, "reason": "\u{3000}"});
    let (st, v) = s.call("POST", "/api/draws", Some(&s.operator), Some(&body.to_string())).await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "a blank (U+3000) reason: {v}");
    let (st, v) = s
        .call(
            "POST",
            &format!("/api/draws/{first}/cancel"),
            Some(&s.operator),
            Some(&json!({"reason": "活动延期"}).to_string()),
        )
        .await;
    assert_eq!(st, StatusCode::OK, "{v}");
    let (st, v) = s
        .call(
            "POST",
            &format!("/api/draws/{first}/responses"),
            Some(&s.operator),
            Some(&json!({"position": 0, "outcome": "accepted"}).to_string()),
        )
        .await;
    assert_eq!(
        (st, v["error"]["code"].as_str()),
        (StatusCode::CONFLICT, Some("cancelled")),
        "no answers after a cancel: {v}"
    );
    body["redo_of"] = json!({"draw": first, "reason": "活动延期，原抽取作废"});
    let second = create(&s, &body.to_string()).await;
    let (_, export) = s.call("GET", "/api/log/export", None, None).await;
    let entries = export["entries"].as_array().unwrap();
    let commit = |d: &str| entries.iter().find(|e| e["draw"] == d && e["kind"] == "commit").unwrap()["body"].clone();
    assert_eq!(commit(&second)["redo_of"], json!({"draw": first, "reason": "活动延期，原抽取作废"}));
    assert_eq!(commit(&second)["request_key"], commit(&first)["request_key"]);
    assert_eq!(commit(&first)["using_unit"], "市技能人才评价中心", "the request is public before the reveal");
    assert!(entries.iter().any(|e| e["kind"] == "cancel" && e["body"]["reason"] == "活动延期"));
    let report = expertpool_draw::verify_log(&export.to_string());
    assert!(report.ok(), "{report}");
}

/// Attack: choose experts directly although the random draw was filled. A directed
/// selection stands in only for a draw that ended unfilled; otherwise its public
/// exception reason is required and shown.
#[tokio::test]
async fn a_directed_selection_names_the_draw_it_replaces_or_a_public_exception() {
    let s = Setup::new("adversary-directed");
    let id = create(&s, &create_body(1)).await;
    s.call("POST", &format!("/api/draws/{id}/run"), Some(&s.operator), None).await;
    let (st, v) = s
        .call(
            "POST",
            &format!("/api/draws/{id}/responses"),
            Some(&s.operator),
            Some(&json!({"position": 0, "outcome": "accepted"}).to_string()),
        )
        .await;
    assert_eq!(st, StatusCode::OK, "{v}");
    let mut sel = json!({"experts": ["ZN-T08"], "approval_ref": "测人社批〔2026〕9号", "approved_by": "局长办公会",
        "reason": "评价急需", "event_date": "2026-12-01"});
    let path = format!("/api/draws/{id}/directed");
    let (st, v) = s.call("POST", &path, Some(&s.admin), Some(&sel.to_string())).await;
    assert_eq!(
        (st, v["error"]["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("exception_required")),
        "{v}"
    );
    sel["exception"] = json!("非遗项目仅此一名专家");
    let (st, v) = s.call("POST", &path, Some(&s.admin), Some(&sel.to_string())).await;
    assert_eq!(st, StatusCode::CREATED, "{v}");
    assert_eq!(v["directed"]["exception"], "非遗项目仅此一名专家");
    assert_eq!(v["directed"]["stands_in_for"], Value::Null);
    // A cancelled draw is one a directed selection may stand in for.
    let other = create(&s, &create_body(1)).await;
    s.call(
        "POST",
        &format!("/api/draws/{other}/cancel"),
        Some(&s.operator),
        Some(&json!({"reason": "专家不足"}).to_string()),
    )
    .await;
    sel.as_object_mut().unwrap().remove("exception");
    let (st, v) = s.call("POST", &format!("/api/draws/{other}/directed"), Some(&s.admin), Some(&sel.to_string())).await;
    assert_eq!(st, StatusCode::CREATED, "{v}");
    assert_eq!(v["directed"]["stands_in_for"], other.as_str());
    let (_, export) = s.call("GET", "/api/log/export", None, None).await;
    let report = expertpool_draw::verify_log(&export.to_string());
    assert!(report.ok(), "{report}");
}

/// A lottery beacon: named at creation, its result typed at the run, hashed by the
/// protocol's normal form; without the result the draw does not run.
#[tokio::test]
async fn a_lottery_beacon_takes_the_published_result() {
    let s = Setup::new("adversary-lottery");
    let mut body: Value = serde_json::from_str(&create_body(2)).unwrap();
    body["beacon"] = json!({"kind": "lottery", "lottery": "福彩3D", "issue": "2026321", "draw_date": "2026-11-24",
        "url": "https://www.cwl.gov.cn/ygkj/wqkjgg/fc3d/"});
    let id = create(&s, &body.to_string()).await;
    let run = format!("/api/draws/{id}/run");
    s.clock.advance(86_400);
    let (st, v) = s.call("POST", &run, Some(&s.operator), None).await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    let (st, v) = s.call("POST", &run, Some(&s.operator), Some(&json!({"lottery_result": "３ 7 1"}).to_string())).await;
    assert_eq!(st, StatusCode::OK, "{v}");
    let want = expertpool_draw::beacon::lottery_value("福彩3D", "2026321", "3,7,1").unwrap();
    assert_eq!(v["run"]["beacon_value"], hex::encode(want));
    let (_, export) = s.call("GET", "/api/log/export", None, None).await;
    assert!(expertpool_draw::verify_log(&export.to_string()).ok());
}
