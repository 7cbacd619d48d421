//! Draw records for the public site, from the public draw log the draw service exports to
//! `<content>/draws/log.json` (format `expertpool-draw-log/v1`, docs/draw-protocol.md §5.6).
//! The site only presents the log; checking it is the job of `verify.html` and
//! `expertpool verify`, which the pages link to.

use crate::{BuildError, urls};
use expertpool_draw::LogEntry;
use expertpool_draw::encoding::to_hex;
use expertpool_draw::log::LOG_FORMAT;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Deserialize)]
struct PublicLog {
    format: String,
    origin: String,
    key_name: String,
    public_key: String,
    entries: Vec<LogEntry>,
    #[serde(default)]
    checkpoints: Vec<String>,
}

/// The log as the pages show it, plus its raw bytes (published next to the pages).
pub struct DrawLog {
    pub raw: Vec<u8>,
    pub summary: LogSummary,
    pub draws: Vec<DrawView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LogSummary {
    pub origin: String,
    pub key_name: String,
    pub public_key: String,
    pub entries: usize,
    pub head: Option<String>,
    pub checkpoint: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DrawView {
    pub id: String,
    pub url: String,
    /// `random` or `directed` (定向选用, art. 9(2)).
    pub kind: &'static str,
    pub pool: String,
    /// The pool's name for display; the id until the renderer looks it up.
    pub pool_name: String,
    pub count: Option<u64>,
    pub committed: String,
    /// `committed` as Beijing time, e.g. 2026年3月2日 09:30（北京时间）.
    pub committed_label: String,
    pub reveal_after: Option<String>,
    pub reveal_after_label: Option<String>,
    pub revealed: bool,
    /// Public commitments of the commit or directed entry, as key/value pairs.
    pub commitments: Vec<(String, String)>,
    pub shortfall: Option<bool>,
    pub names: Vec<RevealedName>,
    pub entries: Vec<EntryView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RevealedName {
    pub id: String,
    pub name: String,
    /// What became of the call: 同意参加, 拒绝, 回避, 未答复 — or 定向选用 for a directed draw.
    pub outcome: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct EntryView {
    pub seq: u64,
    pub time: String,
    pub time_label: String,
    pub kind: &'static str,
    pub summary: String,
    pub hash: String,
}

/// Reads `draws/log.json` under the instance root; `None` when the instance has no log.
pub fn read(root: &Path) -> Result<Option<DrawLog>, BuildError> {
    let path = root.join(expertpool_records::layout::draw_log());
    let raw = match std::fs::read(&path) {
        Ok(raw) => raw,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(BuildError::io(&path, e)),
    };
    let bad = |message: String| BuildError::Input { path: path.clone(), message };
    let log: PublicLog = serde_json::from_slice(&raw)
        .map_err(|e| bad(format!("not a public draw log: {e}; export it again from the draw service")))?;
    if log.format != LOG_FORMAT {
        return Err(bad(format!("format `{}` is not `{LOG_FORMAT}`", log.format)));
    }
    let mut by_draw: BTreeMap<&str, Vec<&LogEntry>> = BTreeMap::new();
    for entry in &log.entries {
        by_draw.entry(entry.draw.as_str()).or_default().push(entry);
    }
    let mut draws: Vec<DrawView> = by_draw.into_iter().map(|(id, entries)| view(id, &entries)).collect();
    draws.sort_by(|a, b| b.committed.cmp(&a.committed).then(a.id.cmp(&b.id)));
    let summary = LogSummary {
        origin: log.origin,
        key_name: log.key_name,
        public_key: log.public_key,
        entries: log.entries.len(),
        head: log.entries.last().and_then(|e| e.hash().ok()).map(|h| to_hex(&h)),
        checkpoint: log.checkpoints.last().cloned(),
    };
    Ok(Some(DrawLog { raw, summary, draws }))
}

fn view(id: &str, entries: &[&LogEntry]) -> DrawView {
    let first = entries[0];
    let directed = first.kind == "directed";
    let body = &first.body;
    let text = |v: &Value| match v {
        Value::String(s) => s.clone(),
        Value::Null => "—".to_string(),
        other => other.to_string(),
    };
    let commitments = match body {
        Value::Object(map) => map.iter().map(|(k, v)| (k.clone(), text(v))).collect(),
        _ => Vec::new(),
    };
    // Revealed names come in calling order, so the i-th name is the expert at position i;
    // the last answer recorded for a position is its outcome.
    let mut answers: BTreeMap<u64, String> = BTreeMap::new();
    for e in entries.iter().filter(|e| e.kind == "response") {
        if let Some(position) = e.body.get("position").and_then(Value::as_u64) {
            let outcome = e.body.get("outcome").and_then(Value::as_str).unwrap_or("");
            let reason = e.body.get("reason").and_then(Value::as_str);
            answers.insert(position, outcome_label(outcome, reason));
        }
    }
    let names = entries
        .iter()
        .filter(|e| e.kind == "reveal")
        .flat_map(|e| e.body.get("names").and_then(Value::as_array).cloned().unwrap_or_default())
        .enumerate()
        .map(|(position, n)| RevealedName {
            id: n.get("id").map(text).unwrap_or_default(),
            name: n.get("name").map(text).unwrap_or_default(),
            outcome: if directed {
                "定向选用".to_string()
            } else {
                answers.get(&(position as u64)).cloned().unwrap_or_else(|| "已通知，未记录答复".to_string())
            },
        })
        .collect::<Vec<_>>();
    let shortfall = entries
        .iter()
        .find(|e| e.kind == "run")
        .and_then(|e| e.body.get("shortfall"))
        .and_then(|v| v.as_bool().or_else(|| v.as_u64().map(|n| n > 0)));
    DrawView {
        id: id.to_string(),
        url: urls::draw(id),
        kind: if directed { "directed" } else { "random" },
        pool: body.get("pool").map(text).unwrap_or_default(),
        pool_name: body.get("pool").map(text).unwrap_or_default(),
        count: body.get("count").and_then(Value::as_u64),
        committed: first.time.clone(),
        committed_label: beijing_time(&first.time),
        reveal_after: body.get("reveal_after").map(text),
        reveal_after_label: body.get("reveal_after").and_then(Value::as_str).map(beijing_time),
        revealed: entries.iter().any(|e| e.kind == "reveal"),
        commitments,
        shortfall,
        names,
        entries: entries.iter().map(|e| entry_view(e)).collect(),
    }
}

/// A protocol time (`YYYY-MM-DDTHH:MM:SSZ`, UTC) as a reader in China reads it; anything
/// else is shown as written.
pub fn beijing_time(utc: &str) -> String {
    let Ok(timestamp) = utc.parse::<jiff::Timestamp>() else { return utc.to_string() };
    let local = jiff::tz::offset(8).to_datetime(timestamp);
    format!(
        "{}年{}月{}日 {:02}:{:02}（北京时间）",
        local.year(),
        local.month(),
        local.day(),
        local.hour(),
        local.minute()
    )
}

/// The Chinese label of a response outcome, with the reason where the protocol records one.
fn outcome_label(outcome: &str, reason: Option<&str>) -> String {
    let label = match outcome {
        "accepted" => "同意参加",
        "declined" => "拒绝",
        "recused" => "回避",
        "no_answer" => "未答复",
        other => other,
    };
    match reason {
        Some(reason) if !reason.is_empty() => format!("{label}（{reason}）"),
        _ => label.to_string(),
    }
}

fn entry_view(entry: &LogEntry) -> EntryView {
    let (kind, summary) = match entry.kind.as_str() {
        "commit" => ("承诺", "公布抽取条件与各项承诺值".to_string()),
        "run" => ("抽取", format!("通知顺位 {}", entry.body.get("called").map(|v| v.to_string()).unwrap_or_default())),
        "call" => {
            ("递补通知", format!("通知顺位 {}", entry.body.get("positions").map(|v| v.to_string()).unwrap_or_default()))
        }
        "response" => (
            "答复",
            format!(
                "顺位 {}：{}",
                entry.body.get("position").map(|v| v.to_string()).unwrap_or_default(),
                entry.body.get("outcome").and_then(Value::as_str).unwrap_or("")
            ),
        ),
        "directed" => ("定向选用", "经批准的定向选用".to_string()),
        "reveal" => ("公布名单", "公布抽取结果与密钥".to_string()),
        _ => ("其他", String::new()),
    };
    EntryView {
        seq: entry.seq,
        time: entry.time.clone(),
        time_label: beijing_time(&entry.time),
        kind,
        summary,
        hash: entry.hash().map(|h| to_hex(&h)).unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::beijing_time;

    #[test]
    fn utc_times_read_as_beijing_time() {
        assert_eq!(beijing_time("2026-03-02T01:30:00Z"), "2026年3月2日 09:30（北京时间）");
        assert_eq!(beijing_time("2026-12-31T16:00:00Z"), "2027年1月1日 00:00（北京时间）");
        assert_eq!(beijing_time("not a time"), "not a time");
    }
}
