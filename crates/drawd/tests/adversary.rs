//! A scripted adversary against the draw service (issue #12): each attack is tried the
//! way a member of staff or an outsider could try it, and each must be refused or be
//! visible in the public log.

mod common;

use axum::http::StatusCode;
use common::{Setup, create_body};
use serde_json::Value;

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
