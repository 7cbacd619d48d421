//! Draw records for the public site, from the public draw log the draw service exports to
//! `<content>/draws/log.json` (format `expertpool-draw-log/v1`, docs/draw-protocol.md §5.6),
//! or, in `serve`, from the running service's live copy of it.
//!
//! The site presents the log in Chinese (labels in [`crate::draw_labels`]) and writes, per
//! draw, the small proof file its page verifies in the browser ([`crate::draw_proofs`]).
//! Entries are read with their kind as written and their bodies as JSON, so a log of a
//! later protocol version (new kinds, new body fields) is still shown, field by field.

use crate::draw_labels::{self as labels, LabelledValue, beijing_time};
use crate::{BuildError, urls};
use expertpool_draw::LOG_FORMAT;
use expertpool_draw::LogEntry;
use expertpool_draw::encoding::to_hex;
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
    entries: Vec<LogEntry<String>>,
    #[serde(default)]
    checkpoints: Vec<String>,
    /// Witnesses' cosigned checkpoints (spec §5.7), when the service has any.
    #[serde(default)]
    witnesses: Option<Vec<Value>>,
}

/// The log as the pages show it, plus its raw bytes (published next to the pages).
pub(crate) struct DrawLog {
    pub(crate) raw: Vec<u8>,
    pub(crate) summary: LogSummary,
    pub(crate) entries: Vec<LogEntry<String>>,
    /// The latest signed checkpoint, as published.
    pub(crate) checkpoint: Option<String>,
    /// Sizes of the checkpoints witnesses cosigned, only those that verify; `None` when
    /// the log has no `witnesses` section.
    pub(crate) witnessed: Option<Vec<u64>>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct LogSummary {
    pub(crate) origin: String,
    pub(crate) key_name: String,
    pub(crate) public_key: String,
    pub(crate) entries: usize,
    pub(crate) head: Option<String>,
    pub(crate) checkpoint: Option<String>,
    /// Size of the tree the latest checkpoint signs.
    pub(crate) checkpoint_size: Option<u64>,
}

/// Names the log refers to by code, looked up in the instance.
pub(crate) struct Names<'a> {
    pub(crate) pool: &'a dyn Fn(&str) -> Option<String>,
    pub(crate) specialty: &'a dyn Fn(&str) -> Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct DrawView {
    pub(crate) id: String,
    pub(crate) url: String,
    /// `random` or `directed` (定向选用, art. 9(2)).
    pub(crate) kind: &'static str,
    /// `sealed`, `revealed`, `cancelled`, `shortfall` or `directed`.
    pub(crate) status: &'static str,
    /// 保密期内, 已公布, 已取消, 未满额 or 定向选用.
    pub(crate) status_label: &'static str,
    pub(crate) pool: String,
    /// The pool's name for display.
    pub(crate) pool_name: String,
    pub(crate) count: Option<u64>,
    /// What the request says in public, as far as the log says it yet.
    pub(crate) request: RequestView,
    pub(crate) committed: String,
    /// `committed` as Beijing time, e.g. 2026年3月2日 09:30（北京时间，UTC+8）.
    pub(crate) committed_label: String,
    pub(crate) reveal_after: Option<String>,
    pub(crate) reveal_after_label: Option<String>,
    pub(crate) revealed: bool,
    /// How the order was made unpredictable, in words (beacon named, or none).
    pub(crate) randomness: Option<String>,
    /// Public values of the commit or directed entry, labelled and explained.
    pub(crate) commitments: Vec<LabelledValue>,
    pub(crate) shortfall: Option<u64>,
    /// The call list, numbered from 1, with outcomes in Chinese.
    pub(crate) calls: Vec<CallRow>,
    /// A directed selection's experts, once revealed.
    pub(crate) directed_experts: Vec<NamedExpert>,
    /// The public reason of a cancellation, if the draw was cancelled.
    pub(crate) cancel_reason: Option<String>,
    /// Draws this one is linked to: the draw it redoes or stands in for.
    pub(crate) links: Vec<DrawLink>,
    /// Later draws that redo this one or stand in for it.
    pub(crate) linked_from: Vec<DrawLink>,
    pub(crate) entries: Vec<EntryView>,
    /// The proof file the page verifies, relative to the site root.
    pub(crate) proof_url: String,
    /// How many witnesses cosigned a checkpoint that includes the draw (verified); `None`
    /// when the log carries no cosignatures.
    pub(crate) witnesses: Option<u64>,
}

/// The public part of the request (protocol v2 publishes it in the commit; in v1 it is
/// known once the draw is revealed, from the commit's payload).
#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct RequestView {
    pub(crate) using_unit: Option<String>,
    pub(crate) purpose: Option<String>,
    pub(crate) work_content: Option<String>,
    pub(crate) specialty: Option<String>,
    /// The specialty's Chinese name, with its code in brackets.
    pub(crate) specialty_name: Option<String>,
    pub(crate) level: Option<String>,
    pub(crate) event_date: Option<String>,
    pub(crate) event_date_label: Option<String>,
    /// Whether the fields come from the revealed payload (v1) rather than the public body.
    pub(crate) from_reveal: bool,
}

/// One called position of a random draw.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct CallRow {
    /// Position in the order, counted from 1 as people count.
    pub(crate) number: u64,
    /// The expert, once revealed.
    pub(crate) name: Option<String>,
    pub(crate) id: Option<String>,
    pub(crate) outcome: String,
    /// `accepted`, `declined`, `recused`, `no_answer` or `pending`, for styling.
    pub(crate) outcome_code: String,
    pub(crate) answered_label: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct NamedExpert {
    pub(crate) id: String,
    pub(crate) name: String,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct DrawLink {
    pub(crate) id: String,
    pub(crate) url: String,
    /// 重新抽取自, 定向选用替代 …
    pub(crate) relation: String,
    pub(crate) reason: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct EntryView {
    /// The entry's number among the draw's entries, from 1 (what verdicts name).
    pub(crate) number: usize,
    pub(crate) seq: u64,
    pub(crate) time: String,
    pub(crate) time_label: String,
    pub(crate) kind: String,
    pub(crate) kind_code: String,
    pub(crate) summary: String,
    pub(crate) hash: String,
}

/// Reads `draws/log.json` under the instance root; `None` when the instance has no log.
pub(crate) fn read(root: &Path) -> Result<Option<DrawLog>, BuildError> {
    read_file(&root.join(expertpool_records::layout::draw_log()))
}

/// Reads the public log at `path`; `None` when there is no such file.
pub(crate) fn read_file(path: &Path) -> Result<Option<DrawLog>, BuildError> {
    let raw = match std::fs::read(path) {
        Ok(raw) => raw,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(BuildError::io(path, e)),
    };
    parse(raw, path).map(Some)
}

fn parse(raw: Vec<u8>, path: &Path) -> Result<DrawLog, BuildError> {
    let bad = |message: String| BuildError::Input { path: path.to_path_buf(), message };
    let log: PublicLog =
        serde_json::from_slice(&raw).map_err(|e| bad(expertpool_i18n::t!("site-draw-log-unreadable", error = e)))?;
    if log.format != LOG_FORMAT {
        return Err(bad(expertpool_i18n::t!("site-draw-log-format", format = log.format, expected = LOG_FORMAT)));
    }
    let checkpoint = log.checkpoints.last().cloned();
    let checkpoint_size = checkpoint.as_deref().and_then(|n| n.lines().nth(1)).and_then(|s| s.parse().ok());
    let summary = LogSummary {
        origin: log.origin,
        key_name: log.key_name,
        public_key: log.public_key,
        entries: log.entries.len(),
        head: log.entries.last().and_then(|e| e.hash().ok()).map(|h| to_hex(&h)),
        checkpoint: checkpoint.clone(),
        checkpoint_size,
    };
    let witnessed = log.witnesses.as_ref().map(|items| verified_witnesses(items, &summary, &log.entries));
    Ok(DrawLog { raw, summary, entries: log.entries, checkpoint, witnessed })
}

/// The sizes cosigned by the witnesses whose items verify (the log's signature, the root
/// over the entries, the cosignature): a page counts only what an observer can check.
fn verified_witnesses(items: &[Value], summary: &LogSummary, entries: &[LogEntry<String>]) -> Vec<u64> {
    let Some(key) = expertpool_draw::encoding::hash_from_hex(&summary.public_key)
        .ok()
        .and_then(|k| ed25519_dalek::VerifyingKey::from_bytes(&k).ok())
    else {
        return Vec::new();
    };
    let leaves: Vec<expertpool_draw::Hash> =
        entries.iter().map(|e| expertpool_draw::merkle::leaf_hash(&e.hash().unwrap_or([0; 32]))).collect();
    let log = expertpool_draw::LogKey { key: &key, name: &summary.key_name, origin: &summary.origin };
    items.iter().filter_map(|w| expertpool_draw::verify_witness(w, log, &leaves).ok()).map(|w| w.size).collect()
}

impl DrawLog {
    /// One view per draw, newest commit first.
    pub(crate) fn views(&self, names: &Names) -> Vec<DrawView> {
        let mut by_draw: BTreeMap<&str, Vec<&LogEntry<String>>> = BTreeMap::new();
        for entry in &self.entries {
            by_draw.entry(entry.draw.as_str()).or_default().push(entry);
        }
        let mut draws: Vec<DrawView> = by_draw.into_iter().map(|(id, entries)| view(id, &entries, names)).collect();
        // Links both ways: a redo names the draw it redoes; that draw lists its redos.
        let forward: Vec<(String, DrawLink)> =
            draws.iter().flat_map(|d| d.links.iter().map(move |l| (l.id.clone(), back_link(d, l)))).collect();
        for (target, link) in forward {
            if let Some(d) = draws.iter_mut().find(|d| d.id == target) {
                d.linked_from.push(link);
            }
        }
        if let Some(sizes) = &self.witnessed {
            let mut last_seq: BTreeMap<&str, u64> = BTreeMap::new();
            for e in &self.entries {
                last_seq.insert(e.draw.as_str(), e.seq);
            }
            for d in &mut draws {
                let last = last_seq.get(d.id.as_str()).copied().unwrap_or(u64::MAX);
                d.witnesses = Some(sizes.iter().filter(|&&size| size > last).count() as u64);
            }
        }
        draws.sort_by(|a, b| b.committed.cmp(&a.committed).then(a.id.cmp(&b.id)));
        draws
    }
}

fn back_link(from: &DrawView, link: &DrawLink) -> DrawLink {
    let relation = if link.relation.starts_with("重新抽取") {
        "已重新抽取，见"
    } else {
        "已由定向选用替代，见"
    };
    DrawLink { id: from.id.clone(), url: from.url.clone(), relation: relation.to_string(), reason: link.reason.clone() }
}

fn text(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The public request fields: from the commit body (protocol v2: a `request` object or
/// the fields themselves), else from the revealed payload's request (v1).
fn request_view(first: &LogEntry<String>, names: &Names) -> RequestView {
    let body_request = first.body.get("request").filter(|r| r.is_object());
    let payload_request = first.payload.as_ref().and_then(|p| p.get("request")).filter(|r| r.is_object());
    let public = body_request.unwrap_or(&first.body);
    let pick = |keys: &[&str]| -> (Option<String>, bool) {
        for k in keys {
            if let Some(v) = text(public.get(*k)) {
                return (Some(v), false);
            }
        }
        for k in keys {
            if let Some(v) = text(payload_request.and_then(|r| r.get(*k))) {
                return (Some(v), true);
            }
        }
        (None, false)
    };
    let mut from_reveal = false;
    let mut field = |keys: &[&str]| {
        let (v, revealed) = pick(keys);
        from_reveal |= revealed;
        v
    };
    let using_unit = field(&["using_unit", "unit"]);
    let purpose = field(&["purpose"]);
    let work_content = field(&["work_content", "content"]);
    let specialty = field(&["specialty"]);
    let level = field(&["min_level", "level"]);
    let event_date = field(&["event_date"]);
    RequestView {
        specialty_name: specialty.as_ref().map(|code| match (names.specialty)(code) {
            Some(name) => format!("{name}（{code}）"),
            None => code.clone(),
        }),
        specialty,
        level: level.map(|l| l.parse::<u64>().map(labels::level_label).unwrap_or(l)),
        event_date_label: event_date.as_deref().map(labels::chinese_date),
        event_date,
        using_unit,
        purpose,
        work_content,
        from_reveal,
    }
}

fn view(id: &str, entries: &[&LogEntry<String>], names: &Names) -> DrawView {
    let first = entries[0];
    let directed = first.kind == "directed";
    let of_kind = |k: &'static str| entries.iter().copied().filter(move |e| e.kind == k);
    let pool = text(first.body.get("pool")).unwrap_or_default();
    let pool_name = (names.pool)(&pool).unwrap_or_else(|| pool.clone());
    let count = first.body.get("count").and_then(Value::as_u64);
    let reveal_after = text(first.body.get("reveal_after"));
    let revealed = of_kind("reveal").next().is_some();
    let cancel = of_kind("cancel").next();
    let shortfall = of_kind("run").find_map(|e| e.body.get("shortfall").and_then(Value::as_u64));

    // Revealed names come in calling order, which is position order: the i-th name is the
    // expert at position i (spec §5.2).
    let revealed_names: Vec<NamedExpert> = of_kind("reveal")
        .flat_map(|e| e.body.get("names").and_then(Value::as_array).cloned().unwrap_or_default())
        .map(|n| NamedExpert {
            id: text(n.get("id")).unwrap_or_default(),
            name: text(n.get("name")).unwrap_or_default(),
        })
        .collect();
    let mut called: Vec<u64> = Vec::new();
    for e in entries {
        let positions = match e.kind.as_str() {
            "run" => e.body.get("called"),
            "call" => e.body.get("positions"),
            _ => None,
        };
        called.extend(positions.and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_u64));
    }
    let mut answers: BTreeMap<u64, (String, String, String)> = BTreeMap::new();
    for e in of_kind("response") {
        let Some(position) = e.body.get("position").and_then(Value::as_u64) else { continue };
        let outcome = text(e.body.get("outcome")).unwrap_or_default();
        let reason = text(e.body.get("reason"));
        answers.insert(position, (labels::outcome_label(&outcome, reason.as_deref()), outcome, beijing_time(&e.time)));
    }
    // A withdrawal replaces the acceptance (its seat went to the next in order); an
    // attendance follows it (spec §10.9).
    for e in of_kind("withdrawal") {
        let Some(position) = e.body.get("position").and_then(Value::as_u64) else { continue };
        let reason = text(e.body.get("reason")).unwrap_or_default();
        answers.insert(position, (format!("同意后撤回（{reason}）"), "withdrawn".into(), beijing_time(&e.time)));
    }
    for e in of_kind("attendance") {
        let Some(position) = e.body.get("position").and_then(Value::as_u64) else { continue };
        let Some(answer) = answers.get_mut(&position) else { continue };
        let outcome = text(e.body.get("outcome")).unwrap_or_default();
        answer.0 =
            format!("{}；{}", answer.0, labels::attendance_label(&outcome, text(e.body.get("reason")).as_deref()));
    }
    let calls = if directed {
        Vec::new()
    } else {
        called
            .iter()
            .map(|&p| {
                let expert = revealed_names.get(p as usize);
                let (outcome, code, answered) = match answers.get(&p) {
                    Some((label, code, time)) => (label.clone(), code.clone(), Some(time.clone())),
                    None => ("已通知，尚无答复".to_string(), "pending".to_string(), None),
                };
                CallRow {
                    number: p + 1,
                    name: expert.map(|n| n.name.clone()),
                    id: expert.map(|n| n.id.clone()),
                    outcome,
                    outcome_code: code,
                    answered_label: answered,
                }
            })
            .collect()
    };
    let links = ["redo_of", "stands_in_for"]
        .iter()
        .filter_map(|key| {
            let target = text(first.body.get(*key))?;
            let relation = if *key == "redo_of" { "重新抽取自" } else { "定向选用替代" };
            Some(DrawLink {
                url: urls::draw(&target),
                id: target,
                relation: relation.to_string(),
                reason: text(first.body.get("redo_reason")).or_else(|| text(first.body.get("reason"))),
            })
        })
        .collect();
    let (status, status_label) = if cancel.is_some() {
        ("cancelled", "已取消")
    } else if directed {
        ("directed", "定向选用")
    } else if shortfall.is_some_and(|s| s > 0) {
        ("shortfall", "未满额")
    } else if revealed {
        ("revealed", "已公布")
    } else {
        ("sealed", "保密期内")
    };
    let randomness = (!directed).then(|| match first.body.get("beacon") {
        Some(b) if !b.is_null() => format!("使用{}，其结果在抽取承诺之后才产生。", labels::beacon_sentence(b)),
        _ => "未使用公共随机信标：密钥由抽取服务在承诺时生成，公布前对所有人（包括管理员）保密。这种方式弱于公共信标。"
            .to_string(),
    });
    let numbered: Vec<EntryView> = entries.iter().enumerate().map(|(i, e)| entry_view(i + 1, e)).collect();
    DrawView {
        id: id.to_string(),
        url: urls::draw(id),
        kind: if directed { "directed" } else { "random" },
        status,
        status_label,
        request: request_view(first, names),
        commitments: labels::commitments(&first.body, &pool_name),
        pool_name,
        pool,
        count,
        committed: first.time.clone(),
        committed_label: beijing_time(&first.time),
        reveal_after_label: reveal_after.as_deref().map(beijing_time),
        reveal_after,
        revealed,
        randomness,
        shortfall,
        calls,
        directed_experts: if directed { revealed_names } else { Vec::new() },
        cancel_reason: cancel.and_then(|e| text(e.body.get("reason"))),
        links,
        linked_from: Vec::new(),
        entries: numbered,
        proof_url: format!("{}proof.json", urls::draw(id)),
        witnesses: None,
    }
}

/// A list of positions as people count them: 第 1、2、3 位.
fn positions_text(v: Option<&Value>) -> String {
    let numbers: Vec<String> = v
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_u64)
        .map(|p| (p + 1).to_string())
        .collect();
    if numbers.is_empty() { "无".to_string() } else { format!("第 {} 位", numbers.join("、")) }
}

fn entry_view(number: usize, entry: &LogEntry<String>) -> EntryView {
    let b = &entry.body;
    let summary = match entry.kind.as_str() {
        "commit" => "公布抽取条件与各项承诺值".to_string(),
        "run" => format!("确定顺序，通知{}", positions_text(b.get("called"))),
        "call" => format!("递补通知{}", positions_text(b.get("positions"))),
        "response" => {
            let position = b.get("position").and_then(Value::as_u64).map_or("?".to_string(), |p| (p + 1).to_string());
            let outcome = text(b.get("outcome")).unwrap_or_default();
            format!("第 {position} 位：{}", labels::outcome_label(&outcome, text(b.get("reason")).as_deref()))
        }
        "directed" => "经批准的定向选用".to_string(),
        "reveal" => "公布名单与密钥".to_string(),
        "cancel" => format!("取消本次抽取{}", text(b.get("reason")).map(|r| format!("：{r}")).unwrap_or_default()),
        "withdrawal" => {
            let position = b.get("position").and_then(Value::as_u64).map_or("?".to_string(), |p| (p + 1).to_string());
            format!("第 {position} 位同意后撤回：{}", text(b.get("reason")).unwrap_or_default())
        }
        "attendance" => {
            let position = b.get("position").and_then(Value::as_u64).map_or("?".to_string(), |p| (p + 1).to_string());
            let outcome = text(b.get("outcome")).unwrap_or_default();
            format!("第 {position} 位：{}", labels::attendance_label(&outcome, text(b.get("reason")).as_deref()))
        }
        other => labels::kind_label(other),
    };
    EntryView {
        number,
        seq: entry.seq,
        time: entry.time.clone(),
        time_label: beijing_time(&entry.time),
        kind: labels::kind_label(&entry.kind),
        kind_code: entry.kind.clone(),
        summary,
        hash: entry.hash().map(|h| to_hex(&h)).unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn demo() -> DrawLog {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content/draws/log.json");
        read_file(&path).unwrap().unwrap()
    }

    fn vector(name: &str) -> DrawLog {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../draw/tests/vectors/logs").join(name);
        read_file(&path).unwrap().unwrap()
    }

    /// Witness counts per draw: (id, count, last seq).
    fn witness_counts(log: &DrawLog) -> Vec<(String, Option<u64>, u64)> {
        let none = |_: &str| None;
        let views = log.views(&Names { pool: &none, specialty: &none });
        views
            .iter()
            .map(|d| {
                let last = log.entries.iter().filter(|e| e.draw == d.id).map(|e| e.seq).max().unwrap();
                (d.id.clone(), d.witnesses, last)
            })
            .collect()
    }

    #[test]
    fn a_withdrawal_and_attendance_show_on_the_call_list() {
        let log = vector("log-v2-ok.json");
        let none = |_: &str| None;
        let views = log.views(&Names { pool: &none, specialty: &none });
        let d = views.iter().find(|d| d.id == "2023-0002").unwrap();
        let rows: Vec<(&str, &str)> = d.calls.iter().map(|c| (c.outcome.as_str(), c.outcome_code.as_str())).collect();
        assert_eq!(
            rows,
            [
                ("同意参加；到场", "accepted"),
                ("拒绝（出差）", "declined"),
                ("同意后撤回（临时出差，已书面请假）", "withdrawn"),
                ("同意参加；迟到（无故）", "accepted"),
            ]
        );
        let d4 = views.iter().find(|d| d.id == "2023-0004").unwrap();
        assert_eq!(d4.calls[0].outcome, "同意参加；缺席（因病请假）");
    }

    #[test]
    fn draw_pages_count_only_witnesses_that_verify_and_cover_the_draw() {
        // One witness of the whole log, one of its first 32 entries (spec §5.7 vectors).
        let counts = witness_counts(&vector("log-witnessed.json"));
        assert_eq!(counts.iter().filter(|(_, _, last)| *last < 32).count(), 2, "{counts:?}");
        for (id, count, last) in &counts {
            assert_eq!(*count, Some(if *last < 32 { 2 } else { 1 }), "draw {id}, last entry {last}");
        }
        // The second witness's checkpoint does not match the entries: it is not counted.
        for (id, count, _) in witness_counts(&vector("tampered-witness-root.json")) {
            assert_eq!(count, Some(1), "draw {id}");
        }
        // A cosignature altered: the first witness is not counted either.
        for (id, count, last) in witness_counts(&vector("tampered-witness-cosignature.json")) {
            assert_eq!(count, Some(u64::from(last < 32)), "draw {id}");
        }
        // No witnesses section: no count at all (the page says none has cosigned yet).
        assert!(witness_counts(&vector("log-ok.json")).iter().all(|(_, c, _)| c.is_none()));
    }

    #[test]
    fn the_demo_reads_in_chinese() {
        let specialty = |c: &str| (c == "ZZ-06").then(|| "数控技术".to_string());
        let pool = |p: &str| (p == "zhineng").then(|| "智能制造专家库".to_string());
        let views = demo().views(&Names { pool: &pool, specialty: &specialty });
        let first = views.iter().find(|d| d.id == "20260302-000000").unwrap();
        assert_eq!(first.status_label, "已公布");
        assert_eq!(first.pool_name, "智能制造专家库");
        assert_eq!(first.request.purpose.as_deref(), Some("技能人才评价"));
        assert_eq!(first.request.specialty_name.as_deref(), Some("数控技术（ZZ-06）"));
        assert_eq!(first.request.event_date_label.as_deref(), Some("2026年3月12日"));
        assert_eq!(first.calls[0].number, 1);
        assert_eq!(first.calls[0].outcome, "同意参加");
        assert_eq!(first.calls[2].outcome, "未接通");
        assert_eq!(first.calls[3].outcome, "回避（本单位：近期在被评价单位兼职授课）");
        assert_eq!(first.entries[0].number, 1);
        assert!(first.entries[1].summary.contains("第 1、2、3 位"), "{}", first.entries[1].summary);
        let directed = views.iter().find(|d| d.kind == "directed").unwrap();
        assert_eq!(directed.status_label, "定向选用");
        assert_eq!(directed.directed_experts.len(), 2);
        let sealed = views.iter().find(|d| d.id == "20261116-000030").unwrap();
        assert_eq!(sealed.status_label, "保密期内");
        assert!(sealed.calls.iter().all(|c| c.name.is_none()));
    }
}
