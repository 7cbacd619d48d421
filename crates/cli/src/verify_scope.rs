//! What `expertpool verify` adds to the protocol verifier's report, without I/O: the
//! checks of one draw (`--draw`), the inclusion of its entries in the latest signed
//! checkpoint, the witnesses' cosignatures of the file's `witnesses` section, and the
//! human summary in the current language (catalogue verify.ftl).
//!
//! `--draw` runs the whole log's checks and then keeps that draw's: an entry's chain link,
//! the pause rule and the checkpoint all depend on the entries before it, so nothing about
//! one draw can be established from its entries alone. Failures elsewhere in the log are
//! counted in the summary but do not fail the draw, unless they are file-level (a
//! checkpoint that does not match the entries fails every draw).

use std::collections::BTreeSet;

use ed25519_dalek::VerifyingKey;
use expertpool_draw::{Check, Checkpoint, EntryReport, Hash, Report, Status, merkle};
use expertpool_i18n::t;
use serde_json::Value;

/// The latest checkpoint of the file that verifies, with its index.
struct Latest {
    index: usize,
    checkpoint: Checkpoint,
}

/// The public key, key name and origin of the file, when well-formed.
fn log_key(doc: &Value) -> Option<(VerifyingKey, String, String)> {
    let bytes: [u8; 32] = hex::decode(doc.get("public_key")?.as_str()?).ok()?.try_into().ok()?;
    let key = VerifyingKey::from_bytes(&bytes).ok()?;
    Some((key, doc.get("key_name")?.as_str()?.to_owned(), doc.get("origin")?.as_str()?.to_owned()))
}

fn leaves(report: &Report) -> Vec<Hash> {
    report
        .entries
        .iter()
        .map(|e| {
            let h: Hash = hex::decode(&e.hash).ok().and_then(|b| b.try_into().ok()).unwrap_or([0; 32]);
            merkle::leaf_hash(&h)
        })
        .collect()
}

fn latest_checkpoint(doc: &Value, report: &Report) -> Option<Latest> {
    let (key, name, origin) = log_key(doc)?;
    let notes = doc.get("checkpoints")?.as_array()?;
    let ok: BTreeSet<usize> = report
        .log
        .iter()
        .filter(|c| c.status == Status::Ok)
        .filter_map(|c| c.name.strip_prefix("checkpoint[")?.strip_suffix(']')?.parse().ok())
        .collect();
    notes
        .iter()
        .enumerate()
        .filter(|(i, _)| ok.contains(i))
        .filter_map(|(i, n)| Some((i, Checkpoint::verify(n.as_str()?, &name, &key).ok()?)))
        .filter(|(_, cp)| cp.origin == origin)
        .max_by_key(|(_, cp)| cp.size)
        .map(|(index, checkpoint)| Latest { index, checkpoint })
}

fn check(name: String, r: Result<String, String>) -> Check {
    match r {
        Ok(detail) => Check { name, status: Status::Ok, detail },
        Err(detail) => Check { name, status: Status::Fail, detail },
    }
}

/// The witness checks of the report (`witness[i]`, made by the protocol verifier, spec
/// §5.7) with the details of those that passed in the current language.
pub fn localize_witness_checks(report: &mut Report) {
    let mut passed = report.witnesses.iter();
    for c in report.log.iter_mut().filter(|c| c.name.starts_with("witness[") && c.status == Status::Ok) {
        if let Some(w) = passed.next() {
            c.detail = t!("verify-witness-ok", name = w.name, size = w.size, timestamp = when(w.timestamp));
        }
    }
}

/// A cosignature's Unix time as people read it (UTC), the number itself if out of range.
fn when(seconds: u64) -> String {
    i64::try_from(seconds)
        .ok()
        .and_then(|s| jiff::Timestamp::from_second(s).ok())
        .map_or_else(|| seconds.to_string(), |t| t.strftime("%Y-%m-%d %H:%M:%S UTC").to_string())
}

/// What `--draw` keeps of a report, and what it adds.
pub struct DrawScope {
    pub id: String,
    /// The draw's entries (indices into the report).
    pub entries: Vec<usize>,
    /// `inclusion` of each entry in the latest checkpoint.
    pub inclusion: Vec<Check>,
    /// Size of that checkpoint.
    pub checkpoint_size: Option<u64>,
}

/// The draw's entries and their inclusion proofs in the latest verified checkpoint; None
/// when the log has no entry of that draw.
pub fn draw_scope(doc: &Value, report: &Report, id: &str) -> Option<DrawScope> {
    let entries: Vec<usize> = report.entries.iter().filter(|e| e.draw == id).map(|e| e.index).collect();
    if entries.is_empty() {
        return None;
    }
    let latest = latest_checkpoint(doc, report);
    let leaves = leaves(report);
    let inclusion = entries
        .iter()
        .map(|&i| {
            let r = match &latest {
                None => Err(t!("verify-inclusion-no-checkpoint")),
                Some(l) if (i as u64) >= l.checkpoint.size => {
                    Err(t!("verify-inclusion-not-covered", index = i, size = l.checkpoint.size))
                }
                Some(l) => {
                    let size = l.checkpoint.size as usize;
                    let proof = merkle::inclusion_proof(&leaves[..size], i).unwrap_or_default();
                    if merkle::verify_inclusion(&leaves[i], i as u64, size as u64, &proof, &l.checkpoint.root) {
                        Ok(t!("verify-inclusion-ok", checkpoint = l.index, size = size, hashes = proof.len()))
                    } else {
                        Err(t!("verify-inclusion-bad-path", checkpoint = l.index))
                    }
                }
            };
            check(format!("inclusion[{i}]"), r)
        })
        .collect();
    Some(DrawScope { id: id.to_owned(), entries, inclusion, checkpoint_size: latest.map(|l| l.checkpoint.size) })
}

/// The report limited to one draw: its entries, then the file-level checks (the
/// witnesses' among them) with its inclusion.
pub fn scoped_report(report: &Report, scope: &DrawScope) -> Report {
    let entries: Vec<EntryReport> = scope.entries.iter().map(|&i| report.entries[i].clone()).collect();
    let mut log = report.log.clone();
    log.extend(scope.inclusion.iter().cloned());
    Report { log, entries, root: report.root.clone(), size: report.size, witnesses: report.witnesses.clone() }
}

/// The name of an entry kind for people; the code itself when unknown.
fn kind_label(kind: &str) -> String {
    match kind {
        "commit" => t!("verify-kind-commit"),
        "run" => t!("verify-kind-run"),
        "call" => t!("verify-kind-call"),
        "response" => t!("verify-kind-response"),
        "directed" => t!("verify-kind-directed"),
        "reveal" => t!("verify-kind-reveal"),
        other => other.to_owned(),
    }
}

/// The name of a check (spec §6) for people, with its index; the code itself when unknown.
fn check_label(name: &str) -> String {
    let (base, index) = match name.split_once('[') {
        Some((b, rest)) => (b, Some(rest.trim_end_matches(']'))),
        None => (name, None),
    };
    let label = match base {
        "parse" => t!("verify-check-parse"),
        "seq" => t!("verify-check-seq"),
        "chain" => t!("verify-check-chain"),
        "time" => t!("verify-check-time"),
        "sealed" => t!("verify-check-sealed"),
        "commit" => t!("verify-check-commit"),
        "secret" => t!("verify-check-secret"),
        "inputs" => t!("verify-check-inputs"),
        "pause" => t!("verify-check-pause"),
        "before_draw" => t!("verify-check-before-draw"),
        "called_in_order" => t!("verify-check-called-in-order"),
        "order" => t!("verify-check-order"),
        "response" => t!("verify-check-response"),
        "directed" => t!("verify-check-directed"),
        "reveal" => t!("verify-check-reveal"),
        "kind" => t!("verify-check-kind"),
        "closed" => t!("verify-check-closed"),
        "format" => t!("verify-check-format"),
        "public_key" => t!("verify-check-public-key"),
        "checkpoint" => t!("verify-check-checkpoint"),
        "inclusion" => t!("verify-check-inclusion"),
        "witness" => t!("verify-check-witness"),
        _ => return name.to_owned(),
    };
    match index {
        Some(i) => t!("verify-check-indexed", label = label, index = i),
        None => label,
    }
}

/// What the summary says about one failure: which entry (numbered from 1 for people,
/// with its `seq`) or the file, which check, and the verifier's detail. Indented here:
/// Fluent drops a message's leading spaces.
fn failure_line(report: &Report, at: Option<usize>, c: &Check) -> String {
    let said = match at {
        Some(i) => {
            let e = &report.entries[i];
            t!(
                "verify-failure-entry",
                number = i + 1,
                seq = i,
                kind = kind_label(&e.kind),
                draw = e.draw,
                check = check_label(&c.name),
                detail = c.detail
            )
        }
        None => t!("verify-failure-log", check = check_label(&c.name), detail = c.detail),
    };
    format!("  {said}")
}

/// The human summary of a whole-log verification, in the current language.
pub fn summary(report: &Report, doc: &Value) -> String {
    let witnessed = &report.witnesses;
    let fails = report.failures();
    let origin = doc.get("origin").and_then(Value::as_str).unwrap_or("");
    let latest = latest_checkpoint(doc, report).map(|l| l.checkpoint.size);
    let root = &report.root[..report.root.len().min(16)];
    let covering = witnessed.iter().filter(|w| w.size as usize == report.size).count();
    let mut lines = vec![
        if fails.is_empty() { t!("verify-verdict-passed") } else { t!("verify-verdict-failed") },
        t!("verify-log-line", origin = origin, size = report.size, root = root),
        match latest {
            Some(s) => t!("verify-checkpoint-latest", size = s),
            None => t!("verify-checkpoint-none"),
        },
        if witnessed.is_empty() {
            t!("verify-witnesses-none")
        } else {
            t!("verify-witnesses-some", count = witnessed.len(), covering = covering)
        },
    ];
    if !fails.is_empty() {
        lines.push(t!("verify-failed-checks", count = fails.len()));
    }
    lines.extend(fails.iter().map(|(at, c)| failure_line(report, *at, c)));
    lines.iter().map(|l| format!("{l}\n")).collect()
}

/// The human summary of one draw: its verdict, entries, inclusion and witnesses, and a
/// note of failures elsewhere in the log.
pub fn draw_summary(full: &Report, scoped: &Report, scope: &DrawScope) -> String {
    let witnessed = &full.witnesses;
    let fails = scoped.failures();
    let last = scope.entries.iter().copied().max().unwrap_or(0) as u64;
    let covering: Vec<&str> = witnessed.iter().filter(|w| w.size > last).map(|w| w.name.as_str()).collect();
    let ours: BTreeSet<usize> = scope.entries.iter().copied().collect();
    let elsewhere = full.failures().iter().filter(|(at, _)| at.is_some_and(|i| !ours.contains(&i))).count();
    let separator = t!("verify-list-separator");
    let kinds: Vec<String> = scope.entries.iter().map(|&i| kind_label(&full.entries[i].kind)).collect();
    let included = scope.inclusion.iter().all(|c| c.status == Status::Ok);
    let mut lines = vec![
        if fails.is_empty() {
            t!("verify-draw-passed", id = scope.id)
        } else {
            t!("verify-draw-failed", id = scope.id)
        },
        t!("verify-draw-entries", count = scope.entries.len(), kinds = kinds.join(&separator)),
        match (included, scope.checkpoint_size) {
            (true, Some(s)) => t!("verify-draw-included", size = s),
            (_, Some(s)) => t!("verify-draw-not-included", size = s),
            (_, None) => t!("verify-draw-no-checkpoint"),
        },
        if covering.is_empty() {
            t!("verify-draw-witnesses", count = 0)
        } else {
            t!("verify-draw-witnesses-named", count = covering.len(), names = covering.join(&separator))
        },
    ];
    if elsewhere > 0 {
        lines.push(t!("verify-draw-elsewhere", count = elsewhere));
    }
    if !fails.is_empty() {
        lines.push(t!("verify-failed-checks", count = fails.len()));
    }
    // The scoped report keeps each entry's index in the log.
    lines.extend(fails.iter().map(|(at, c)| failure_line(full, *at, c)));
    lines.iter().map(|l| format!("{l}\n")).collect()
}
