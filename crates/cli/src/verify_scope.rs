//! What `expertpool verify` adds to the protocol verifier's report, without I/O: the
//! checks of one draw (`--draw`), the inclusion of its entries in the latest signed
//! checkpoint, the witnesses' cosignatures of the file's `witnesses` section, and the
//! human summary in Chinese or English.
//!
//! `--draw` runs the whole log's checks and then keeps that draw's: an entry's chain link,
//! the pause rule and the checkpoint all depend on the entries before it, so nothing about
//! one draw can be established from its entries alone. Failures elsewhere in the log are
//! counted in the summary but do not fail the draw, unless they are file-level (a
//! checkpoint that does not match the entries fails every draw).

use std::collections::BTreeSet;

use ed25519_dalek::VerifyingKey;
use expertpool_draw::{
    Check, Checkpoint, EntryReport, Hash, Report, Status, merkle, signature_lines, verify_cosignature,
};
use serde_json::Value;

pub use expertpool_i18n::Lang;

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

/// A witness of the file's `witnesses` section whose cosignature verified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Witnessed {
    pub name: String,
    pub size: u64,
}

/// Checks each entry of the `witnesses` section (docs/draw-protocol.md §5.7): the log's
/// signature on the note, its root against the entries, and the witness's cosignature.
pub fn witness_checks(doc: &Value, report: &Report) -> (Vec<Check>, Vec<Witnessed>) {
    let Some(list) = doc.get("witnesses").and_then(Value::as_array) else { return (vec![], vec![]) };
    let Some((log_key, key_name, origin)) = log_key(doc) else { return (vec![], vec![]) };
    let leaves = leaves(report);
    let mut checks = Vec::new();
    let mut good = Vec::new();
    for (i, w) in list.iter().enumerate() {
        let r = (|| -> Result<(String, String, u64), String> {
            let name = w.get("name").and_then(Value::as_str).ok_or("name missing")?;
            let key: [u8; 32] = w
                .get("public_key")
                .and_then(Value::as_str)
                .and_then(|k| hex::decode(k).ok())
                .and_then(|b| b.try_into().ok())
                .ok_or("public_key must be 64 hex digits")?;
            let key = VerifyingKey::from_bytes(&key).map_err(|_| "public_key is not an Ed25519 key")?;
            let note = w.get("checkpoint").and_then(Value::as_str).ok_or("checkpoint missing")?;
            let cp = Checkpoint::verify(note, &key_name, &log_key).map_err(|e| format!("log signature: {e}"))?;
            if cp.origin != origin || cp.size as usize > leaves.len() {
                return Err(format!("checkpoint of size {} is not of this log's entries", cp.size));
            }
            if merkle::root(&leaves[..cp.size as usize]) != cp.root {
                return Err(format!("the cosigned root for size {} does not match the entries (a fork?)", cp.size));
            }
            let prefix = format!("\u{2014} {name} ");
            let line = signature_lines(note)
                .into_iter()
                .find(|l| l.starts_with(&prefix) && verify_cosignature(&cp, l, name, &key).is_ok())
                .ok_or_else(|| format!("no valid cosignature/v1 line of {name} on the checkpoint"))?;
            let c = verify_cosignature(&cp, line, name, &key).map_err(|e| e.to_string())?;
            Ok((name.to_owned(), format!("{name} cosigned size {} at {}", cp.size, c.timestamp), cp.size))
        })();
        let label = format!("witness[{i}]");
        match r {
            Ok((name, detail, size)) => {
                checks.push(check(label, Ok(detail)));
                good.push(Witnessed { name, size });
            }
            Err(e) => checks.push(check(label, Err(e))),
        }
    }
    (checks, good)
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
                None => Err("no signed checkpoint of this log verifies".to_owned()),
                Some(l) if (i as u64) >= l.checkpoint.size => {
                    Err(format!("entry {i} is not covered by the latest checkpoint (size {})", l.checkpoint.size))
                }
                Some(l) => {
                    let size = l.checkpoint.size as usize;
                    let proof = merkle::inclusion_proof(&leaves[..size], i).unwrap_or_default();
                    if merkle::verify_inclusion(&leaves[i], i as u64, size as u64, &proof, &l.checkpoint.root) {
                        Ok(format!(
                            "included in checkpoint[{}] (size {size}), audit path of {} hashes",
                            l.index,
                            proof.len()
                        ))
                    } else {
                        Err(format!("the audit path does not lead to the root of checkpoint[{}]", l.index))
                    }
                }
            };
            check(format!("inclusion[{i}]"), r)
        })
        .collect();
    Some(DrawScope { id: id.to_owned(), entries, inclusion, checkpoint_size: latest.map(|l| l.checkpoint.size) })
}

/// The report limited to one draw: its entries, then the file-level checks with its
/// inclusion and the witnesses' checks.
pub fn scoped_report(report: &Report, scope: &DrawScope, witness: &[Check]) -> Report {
    let entries: Vec<EntryReport> = scope.entries.iter().map(|&i| report.entries[i].clone()).collect();
    let mut log = report.log.clone();
    log.extend(scope.inclusion.iter().cloned());
    log.extend(witness.iter().cloned());
    Report { log, entries, root: report.root.clone(), size: report.size }
}

fn kind_label(kind: &str, lang: Lang) -> &str {
    if lang == Lang::En {
        return kind;
    }
    match kind {
        "commit" => "承诺",
        "run" => "运行",
        "call" => "通知",
        "response" => "答复",
        "directed" => "定向选用",
        "reveal" => "公布",
        other => other,
    }
}

/// The Chinese name of a check (spec §6), the code itself when unknown.
fn check_label(name: &str, lang: Lang) -> String {
    if lang == Lang::En {
        return name.to_owned();
    }
    let (base, index) = match name.split_once('[') {
        Some((b, rest)) => (b, Some(rest.trim_end_matches(']'))),
        None => (name, None),
    };
    let label = match base {
        "parse" => "格式",
        "seq" => "序号",
        "chain" => "哈希链",
        "time" => "时间",
        "sealed" => "封存内容",
        "commit" => "承诺内容",
        "secret" => "秘密值",
        "inputs" => "候选与排除名单",
        "pause" => "暂停规则",
        "before_draw" => "运行前提",
        "called_in_order" => "通知顺序",
        "order" => "排序",
        "response" => "答复",
        "directed" => "定向选用",
        "reveal" => "公布名单",
        "kind" => "记录类型",
        "closed" => "已结束的抽取",
        "format" => "文件格式",
        "public_key" => "日志公钥",
        "checkpoint" => "签名检查点",
        "inclusion" => "包含证明",
        "witness" => "见证签名",
        _ => return name.to_owned(),
    };
    match index {
        Some(i) => format!("{label}[{i}]"),
        None => label.to_owned(),
    }
}

/// What the summary says about one failure: which entry (numbered from 1 for people,
/// with its `seq`) or the file, which check, and the verifier's detail.
fn failure_line(report: &Report, at: Option<usize>, c: &Check, lang: Lang) -> String {
    match (at, lang) {
        (Some(i), Lang::Zh) => {
            let e = &report.entries[i];
            format!(
                "  第 {} 条记录（序号 {i}，{}，抽取 {}）的「{}」检查未通过：{}",
                i + 1,
                kind_label(&e.kind, lang),
                e.draw,
                check_label(&c.name, lang),
                c.detail
            )
        }
        (Some(i), Lang::En) => {
            let e = &report.entries[i];
            format!("  entry {} (seq {i}, {}, draw {}) fails `{}`: {}", i + 1, e.kind, e.draw, c.name, c.detail)
        }
        (None, Lang::Zh) => format!("  整个日志的「{}」检查未通过：{}", check_label(&c.name, lang), c.detail),
        (None, Lang::En) => format!("  the log fails `{}`: {}", c.name, c.detail),
    }
}

/// The human summary of a whole-log verification.
pub fn summary(report: &Report, doc: &Value, witnessed: &[Witnessed], lang: Lang) -> String {
    let fails = report.failures();
    let origin = doc.get("origin").and_then(Value::as_str).unwrap_or("");
    let latest = latest_checkpoint(doc, report).map(|l| l.checkpoint.size);
    let root = &report.root[..report.root.len().min(16)];
    let covering = witnessed.iter().filter(|w| w.size as usize == report.size).count();
    let mut out = String::new();
    let mut line = |s: String| {
        out.push_str(&s);
        out.push('\n');
    };
    match lang {
        Lang::Zh => {
            line(format!("核验结果：{}", if fails.is_empty() { "通过" } else { "未通过" }));
            line(format!("日志 {origin}：共 {} 条记录，默克尔根 {root}…", report.size));
            line(match latest {
                Some(s) => format!("签名检查点：最新一个覆盖 {s} 条记录，日志签名有效"),
                None => "签名检查点：没有一个能通过核验".into(),
            });
            line(if witnessed.is_empty() {
                "见证：日志文件中没有有效的见证方签名".into()
            } else {
                format!("见证：{} 个见证方的签名有效，其中 {covering} 个签署了覆盖全部记录的检查点", witnessed.len())
            });
            if !fails.is_empty() {
                line(format!("未通过的检查（{} 项）：", fails.len()));
            }
        }
        Lang::En => {
            line(format!("Verdict: {}", if fails.is_empty() { "PASSED" } else { "FAILED" }));
            line(format!("Log {origin}: {} entries, Merkle root {root}…", report.size));
            line(match latest {
                Some(s) => format!("Signed checkpoints: the latest covers {s} entries; the log's signature is valid"),
                None => "Signed checkpoints: none verifies".into(),
            });
            line(if witnessed.is_empty() {
                "Witnesses: the file holds no valid witness cosignature".into()
            } else {
                format!(
                    "Witnesses: {} valid cosignature(s), {covering} of a checkpoint covering every entry",
                    witnessed.len()
                )
            });
            if !fails.is_empty() {
                line(format!("Failed checks ({}):", fails.len()));
            }
        }
    }
    for (at, c) in &fails {
        line(failure_line(report, *at, c, lang));
    }
    out
}

/// The human summary of one draw: its verdict, entries, inclusion and witnesses, and a
/// note of failures elsewhere in the log.
pub fn draw_summary(full: &Report, scoped: &Report, scope: &DrawScope, witnessed: &[Witnessed], lang: Lang) -> String {
    let fails = scoped.failures();
    let last = scope.entries.iter().copied().max().unwrap_or(0) as u64;
    let covering_names: Vec<&str> = witnessed.iter().filter(|w| w.size > last).map(|w| w.name.as_str()).collect();
    let covering = covering_names.len();
    let names = if covering_names.is_empty() { String::new() } else { format!("（{}）", covering_names.join("、")) };
    let names_en = if covering_names.is_empty() { String::new() } else { format!(" ({})", covering_names.join(", ")) };
    let ours: BTreeSet<usize> = scope.entries.iter().copied().collect();
    let elsewhere = full.failures().iter().filter(|(at, _)| at.is_some_and(|i| !ours.contains(&i))).count();
    let kinds: Vec<&str> = scope.entries.iter().map(|&i| kind_label(&full.entries[i].kind, lang)).collect();
    let included = scope.inclusion.iter().all(|c| c.status == Status::Ok);
    let mut out = String::new();
    let mut line = |s: String| {
        out.push_str(&s);
        out.push('\n');
    };
    match lang {
        Lang::Zh => {
            line(format!("抽取 {} 的核验结果：{}", scope.id, if fails.is_empty() { "通过" } else { "未通过" }));
            line(format!("记录：{} 条（{}）", scope.entries.len(), kinds.join("、")));
            line(match (included, scope.checkpoint_size) {
                (true, Some(s)) => format!("包含证明：全部记录都包含在最新的签名检查点（{s} 条）中"),
                (_, Some(s)) => format!("包含证明：有记录未能证明包含在最新的签名检查点（{s} 条）中"),
                (_, None) => "包含证明：日志没有能通过核验的签名检查点".into(),
            });
            line(format!("见证：{covering} 个见证方{names}签署了包含本次抽取全部记录的检查点"));
            if elsewhere > 0 {
                line(format!("注意：日志中其他抽取的记录有 {elsewhere} 项检查未通过（不影响本次抽取的结论）"));
            }
            if !fails.is_empty() {
                line(format!("未通过的检查（{} 项）：", fails.len()));
            }
        }
        Lang::En => {
            line(format!("Draw {}: {}", scope.id, if fails.is_empty() { "PASSED" } else { "FAILED" }));
            line(format!("Entries: {} ({})", scope.entries.len(), kinds.join(", ")));
            line(match (included, scope.checkpoint_size) {
                (true, Some(s)) => format!("Inclusion: every entry is in the latest signed checkpoint ({s} entries)"),
                (_, Some(s)) => {
                    format!("Inclusion: some entries are not proven in the latest checkpoint ({s} entries)")
                }
                (_, None) => "Inclusion: no signed checkpoint of the log verifies".into(),
            });
            line(format!(
                "Witnesses: {covering}{names_en} cosigned a checkpoint that includes every entry of this draw"
            ));
            if elsewhere > 0 {
                line(format!("Note: {elsewhere} check(s) fail on other draws' entries (not this draw's verdict)"));
            }
            if !fails.is_empty() {
                line(format!("Failed checks ({}):", fails.len()));
            }
        }
    }
    for (at, c) in &fails {
        // The scoped report keeps each entry's index in the log.
        line(failure_line(full, *at, c, lang));
    }
    out
}
