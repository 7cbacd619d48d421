//! Shared test set-up: a fixture instance, a data folder, tokens for each role and a
//! settable clock.
#![allow(dead_code)]

pub mod http;

pub use expertpool_testkit::copy_dir;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use expertpool_drawd::{Clock, Config, Options, Role, Service};
use serde_json::Value;
use tower::ServiceExt;

pub const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/instance");

/// 2026-11-23 10:00 in Beijing.
pub const START: &str = "2026-11-23T02:00:00Z";

static COUNTER: AtomicUsize = AtomicUsize::new(0);

/// A fresh empty folder under the system temp dir.
pub fn temp_dir(tag: &str) -> PathBuf {
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    let p = std::env::temp_dir().join(format!("drawd-test-{}-{tag}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&p);
    std::fs::create_dir_all(&p).unwrap();
    p
}

pub struct Setup {
    pub root: PathBuf,
    pub content: PathBuf,
    pub data: PathBuf,
    pub config_path: PathBuf,
    pub clock: Clock,
    pub operator: String,
    pub auditor: String,
    pub admin: String,
    pub service: Arc<Service>,
    pub router: Router,
}

impl Setup {
    pub fn new(tag: &str) -> Setup {
        let root = temp_dir(tag);
        let content = root.join("content");
        copy_dir(Path::new(FIXTURE), &content);
        let config_path = root.join("drawd.toml");
        let now = "2026-11-23T00:00:00Z";
        let operator = expertpool_drawd::add_token(&config_path, "clerk.wang", Role::Operator, now).unwrap();
        let auditor = expertpool_drawd::add_token(&config_path, "auditor.li", Role::Auditor, now).unwrap();
        let admin = expertpool_drawd::add_token(&config_path, "admin.zhao", Role::Admin, now).unwrap();
        let clock = Clock::manual(START.parse().unwrap());
        let data = root.join("data");
        let service = open(&config_path, &data, &content, clock.clone());
        let router = expertpool_drawd::router(service.clone());
        Setup { root, content, data, config_path, clock, operator, auditor, admin, service, router }
    }

    /// Stops the service and opens the same folders again (a clean restart).
    pub fn restart(&mut self) {
        self.service.shutdown();
        self.service = open(&self.config_path, &self.data, &self.content, self.clock.clone());
        self.router = expertpool_drawd::router(self.service.clone());
    }

    pub async fn call(&self, method: &str, path: &str, token: Option<&str>, body: Option<&str>) -> (StatusCode, Value) {
        call(&self.router, method, path, token, body.map(|b| ("application/json", b.to_owned()))).await
    }
}

impl Drop for Setup {
    fn drop(&mut self) {
        self.service.shutdown();
        if !std::thread::panicking() {
            let _ = std::fs::remove_dir_all(&self.root);
        }
    }
}

pub fn open(config: &Path, data: &Path, content: &Path, clock: Clock) -> Arc<Service> {
    Service::open(Options { config: Config::load(config).unwrap(), data: data.into(), content: content.into(), clock })
        .unwrap()
}

pub async fn call(
    router: &Router,
    method: &str,
    path: &str,
    token: Option<&str>,
    body: Option<(&str, String)>,
) -> (StatusCode, Value) {
    let mut req = Request::builder().method(method).uri(path);
    if let Some(t) = token {
        req = req.header("Authorization", format!("Bearer {t}"));
    }
    let req = match body {
        Some((ctype, b)) => req.header("Content-Type", ctype).body(Body::from(b)).unwrap(),
        None => req.body(Body::empty()).unwrap(),
    };
    let resp = router.clone().oneshot(req).await.unwrap();
    let status = resp.status();
    let bytes = axum::body::to_bytes(resp.into_body(), 10 << 20).await.unwrap();
    let v =
        serde_json::from_slice(&bytes).unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into_owned()));
    (status, v)
}

static PROJECTS: AtomicUsize = AtomicUsize::new(0);

/// A project name no other request of the test run has: each call is a new request, not
/// a re-draw of an earlier one (spec §10.4).
pub fn fresh_project() -> String {
    format!("测试项目{}", PROJECTS.fetch_add(1, Ordering::SeqCst))
}

/// A valid creation body for the fixture (a new request each time).
pub fn create_body(count: u32) -> String {
    serde_json::json!({
        "pool": "zhineng", "purpose": "技能人才评价", "specialty": "ZZ-01", "min_level": "中级",
        "using_unit": "市技能人才评价中心", "work_content": "职业技能等级认定考评", "project": fresh_project(),
        "count": count, "event_date": "2026-12-01",
        "recusal": { "units": ["云港模具厂"], "people": ["张项目"] },
    })
    .to_string()
}

/// Every string value the private records of the fixture hold that must never be
/// public (ID numbers, phones, e-mails, addresses, declarations).
pub fn private_values() -> Vec<String> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(Path::new(FIXTURE).join("private/experts")).unwrap() {
        let text = std::fs::read_to_string(e.unwrap().path()).unwrap();
        let v: toml::Value = toml::from_str(&text).unwrap();
        for k in ["id_number", "mobile", "email", "address"] {
            if let Some(s) = v.get(k).and_then(|x| x.as_str()) {
                out.push(s.to_owned());
            }
        }
        for d in v.get("declarations").and_then(|x| x.as_array()).into_iter().flatten() {
            for k in ["party", "note", "credit_code"] {
                if let Some(s) = d.get(k).and_then(|x| x.as_str()) {
                    out.push(s.to_owned());
                }
            }
        }
    }
    assert!(out.len() >= 48, "the scan needs the fixture's private values");
    out
}

/// Names of all fixture experts, by id.
pub fn names() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(Path::new(FIXTURE).join("pools/zhineng/experts")).unwrap() {
        let v: toml::Value = toml::from_str(&std::fs::read_to_string(e.unwrap().path()).unwrap()).unwrap();
        out.push((v["id"].as_str().unwrap().to_owned(), v["name"].as_str().unwrap().to_owned()));
    }
    out
}

/// Creates, runs and answers `draws` draws of two experts each (the first accepts).
pub async fn busy(s: &Setup, draws: usize) {
    for _ in 0..draws {
        let (_, v) = s.call("POST", "/api/draws", Some(&s.operator), Some(&create_body(2))).await;
        let id = v["id"].as_str().unwrap().to_owned();
        s.call("POST", &format!("/api/draws/{id}/run"), Some(&s.operator), None).await;
        s.call(
            "POST",
            &format!("/api/draws/{id}/responses"),
            Some(&s.operator),
            Some(&serde_json::json!({"position": 0, "outcome": "accepted"}).to_string()),
        )
        .await;
    }
}

/// Opens the setup's data folder again, returning why it would not start.
pub fn try_open(s: &Setup) -> Result<Arc<Service>, expertpool_drawd::StartError> {
    Service::open(expertpool_drawd::Options {
        config: expertpool_drawd::Config::load(&s.config_path).unwrap(),
        data: s.data.clone(),
        content: s.content.clone(),
        clock: s.clock.clone(),
    })
}
