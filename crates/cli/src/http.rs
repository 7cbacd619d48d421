//! The CLI's one HTTP client (ureq): plain GET and JSON POST with timeouts, every status
//! answered (not turned into an error) so that callers can read the service's JSON error
//! shape, and errors that say which address failed and why.

use std::time::Duration;

use anyhow::{Context, anyhow};
use expertpool_i18n::t;
use serde_json::Value;

/// Largest body read: a public log of a few hundred thousand entries.
const MAX_BODY: u64 = 2 << 30;

/// An answer: status and body text.
pub struct Answer {
    pub status: u16,
    pub body: String,
}

impl Answer {
    /// The body as JSON.
    pub fn json(&self, url: &str) -> anyhow::Result<Value> {
        serde_json::from_str(&self.body).with_context(|| t!("cli-http-not-json", url = url, status = self.status))
    }

    /// The service's error message (`error.message` and `error.fix`), or the raw body.
    pub fn error_text(&self) -> String {
        let v: Option<Value> = serde_json::from_str(&self.body).ok();
        match v.as_ref().and_then(|v| v.get("error")) {
            Some(e) => t!(
                "cli-http-service-error",
                message = e.get("message").and_then(Value::as_str).unwrap_or(""),
                fix = e.get("fix").and_then(Value::as_str).unwrap_or("")
            ),
            None => self.body.chars().take(300).collect(),
        }
    }
}

pub struct Client {
    agent: ureq::Agent,
}

impl Client {
    pub fn new() -> Client {
        let agent = ureq::Agent::config_builder()
            .timeout_global(Some(Duration::from_secs(60)))
            .http_status_as_error(false)
            .user_agent(concat!("expertpool/", env!("CARGO_PKG_VERSION")))
            .build()
            .into();
        Client { agent }
    }

    pub fn get(&self, url: &str) -> anyhow::Result<Answer> {
        let resp = self.agent.get(url).call().map_err(|e| anyhow!(t!("cli-http-unreachable", url = url, error = e)))?;
        read(url, resp)
    }

    pub fn post_json(&self, url: &str, body: &Value) -> anyhow::Result<Answer> {
        let resp = self
            .agent
            .post(url)
            .header("content-type", "application/json")
            .send(body.to_string())
            .map_err(|e| anyhow!(t!("cli-http-unreachable", url = url, error = e)))?;
        read(url, resp)
    }

    /// GET expecting 200 and JSON.
    pub fn get_json(&self, url: &str) -> anyhow::Result<Value> {
        let a = self.get(url)?;
        if a.status != 200 {
            return Err(anyhow!(t!("cli-http-status", url = url, status = a.status, detail = a.error_text())));
        }
        a.json(url)
    }
}

fn read(url: &str, mut resp: ureq::http::Response<ureq::Body>) -> anyhow::Result<Answer> {
    let status = resp.status().as_u16();
    let body = resp
        .body_mut()
        .with_config()
        .limit(MAX_BODY)
        .read_to_string()
        .map_err(|e| anyhow!(t!("cli-http-read-failed", url = url, error = e)))?;
    Ok(Answer { status, body })
}

/// `base` without a trailing slash, joined with `path` (which starts with `/`).
pub fn join(base: &str, path: &str) -> String {
    format!("{}{path}", base.trim_end_matches('/'))
}

/// True for an `http://` or `https://` address.
pub fn is_url(s: &str) -> bool {
    s.starts_with("http://") || s.starts_with("https://")
}
