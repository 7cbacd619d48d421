//! Draw records for the public site, from the public draw log the draw service exports to
//! `<content>/draws/log.json` (format `expertpool-draw-log/v1`, docs/draw-protocol.md §5.6).
//! The site only presents the log; checking it is the job of `verify.html` and
//! `expertpool verify`, which the pages link to.

use crate::{BuildError, urls};
use expertpool_draw::encoding::to_hex;
use expertpool_draw::{Body, Kind, LOG_FORMAT, LogEntry, Outcome};
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
pub(crate) struct DrawLog {
    pub(crate) raw: Vec<u8>,
    pub(crate) summary: LogSummary,
    pub(crate) draws: Vec<DrawView>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct LogSummary {
    pub(crate) origin: String,
    pub(crate) key_name: String,
    pub(crate) public_key: String,
    pub(crate) entries: usize,
    pub(crate) head: Option<String>,
    pub(crate) checkpoint: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct DrawView {
    pub(crate) id: String,
    pub(crate) url: String,
    /// `random` or `directed` (定向选用, art. 9(2)).
    pub(crate) kind: &'static str,
    pub(crate) pool: String,
    /// The pool's name for display; the id until the renderer looks it up.
    pub(crate) pool_name: String,
    pub(crate) count: Option<u64>,
    pub(crate) committed: String,
    /// `committed` as Beijing time, e.g. 2026年3月2日 09:30（北京时间）.
    pub(crate) committed_label: String,
    pub(crate) reveal_after: Option<String>,
    pub(crate) reveal_after_label: Option<String>,
    pub(crate) revealed: bool,
    /// Public commitments of the commit or directed entry, as key/value pairs.
    pub(crate) commitments: Vec<(String, String)>,
    pub(crate) shortfall: Option<bool>,
    pub(crate) names: Vec<RevealedName>,
    pub(crate) entries: Vec<EntryView>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct RevealedName {
    pub(crate) id: String,
    pub(crate) name: String,
    /// What became of the call: 同意参加, 拒绝, 回避, 未答复 — or 定向选用 for a directed draw.
    pub(crate) outcome: String,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct EntryView {
    pub(crate) seq: u64,
    pub(crate) time: String,
    pub(crate) time_label: String,
    pub(crate) kind: &'static str,
    pub(crate) summary: String,
    pub(crate) hash: String,
}

/// Reads `draws/log.json` under the instance root; `None` when the instance has no log.
pub(crate) fn read(root: &Path) -> Result<Option<DrawLog>, BuildError> {
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
    let directed = first.kind == Kind::Directed;
    let text = |v: &Value| match v {
        Value::String(s) => s.clone(),
        Value::Null => "—".to_string(),
        other => other.to_string(),
    };
    let commitments = match &first.body {
        Value::Object(map) => map.iter().map(|(k, v)| (k.clone(), text(v))).collect(),
        _ => Vec::new(),
    };
    // A body the protocol does not allow is shown without its details; the verifier
    // linked from the page reports it.
    let bodies: Vec<Body> = entries.iter().filter_map(|e| e.typed().ok()).collect();
    let (pool, count, reveal_after) = match first.typed() {
        Ok(Body::Commit(b)) => (b.pool, Some(b.count), Some(b.reveal_after)),
        Ok(Body::Directed(b)) => (b.pool, Some(b.count), Some(b.reveal_after)),
        _ => (String::new(), None, None),
    };
    // Revealed names come in calling order, so the i-th name is the expert at position i;
    // the last answer recorded for a position is its outcome.
    let mut answers: BTreeMap<u64, String> = BTreeMap::new();
    for b in &bodies {
        if let Body::Response(r) = b {
            answers.insert(r.position, outcome_label(r.outcome, r.reason.as_deref()));
        }
    }
    let names = bodies
        .iter()
        .filter_map(|b| match b {
            Body::Reveal(r) => Some(&r.names),
            _ => None,
        })
        .flatten()
        .enumerate()
        .map(|(position, n)| RevealedName {
            id: n.id.clone(),
            name: n.name.clone(),
            outcome: if directed {
                "定向选用".to_string()
            } else {
                answers.get(&(position as u64)).cloned().unwrap_or_else(|| "已通知，未记录答复".to_string())
            },
        })
        .collect::<Vec<_>>();
    let shortfall = bodies.iter().find_map(|b| match b {
        Body::Run(r) => Some(r.shortfall > 0),
        _ => None,
    });
    DrawView {
        id: id.to_string(),
        url: urls::draw(id),
        kind: if directed { "directed" } else { "random" },
        pool_name: pool.clone(),
        pool,
        count,
        committed: first.time.clone(),
        committed_label: beijing_time(&first.time),
        reveal_after_label: reveal_after.as_deref().map(beijing_time),
        reveal_after,
        revealed: entries.iter().any(|e| e.kind == Kind::Reveal),
        commitments,
        shortfall,
        names,
        entries: entries.iter().map(|e| entry_view(e)).collect(),
    }
}

/// A protocol time (`YYYY-MM-DDTHH:MM:SSZ`, UTC) as a reader in China reads it; anything
/// else is shown as written.
pub(crate) fn beijing_time(utc: &str) -> String {
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
fn outcome_label(outcome: Outcome, reason: Option<&str>) -> String {
    let label = match outcome {
        Outcome::Accepted => "同意参加",
        Outcome::Declined => "拒绝",
        Outcome::Recused => "回避",
        Outcome::NoAnswer => "未答复",
    };
    match reason {
        Some(reason) if !reason.is_empty() => format!("{label}（{reason}）"),
        _ => label.to_string(),
    }
}

fn entry_view(entry: &LogEntry) -> EntryView {
    let positions = |p: &[u64]| format!("通知顺位 {}", Value::from(p.to_vec()));
    let summary = match entry.typed() {
        Ok(Body::Commit(_)) => "公布抽取条件与各项承诺值".to_string(),
        Ok(Body::Run(b)) => positions(&b.called),
        Ok(Body::Call(b)) => positions(&b.positions),
        Ok(Body::Response(b)) => format!("顺位 {}：{}", b.position, b.outcome.code()),
        Ok(Body::Directed(_)) => "经批准的定向选用".to_string(),
        Ok(Body::Reveal(_)) => "公布抽取结果与密钥".to_string(),
        Ok(Body::Cancel(b)) => format!("取消本次抽取：{}", b.reason),
        Err(_) => String::new(),
    };
    let kind = match entry.kind {
        Kind::Commit => "承诺",
        Kind::Run => "抽取",
        Kind::Call => "递补通知",
        Kind::Response => "答复",
        Kind::Directed => "定向选用",
        Kind::Reveal => "公布名单",
        Kind::Cancel => "取消",
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
