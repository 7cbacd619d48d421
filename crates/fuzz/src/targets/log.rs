//! The log verifier (`expertpool verify`, the site's verify page has its own in JS): over
//! arbitrary bytes, and over valid logs with one field changed, which it must reject.

use serde_json::Value;
use std::sync::OnceLock;

/// Arbitrary bytes as a log file. Property: no panic; a report is always produced.
pub fn verify_log(data: &[u8]) {
    if data.len() > crate::MAX_INPUT {
        return;
    }
    let text = String::from_utf8_lossy(data);
    let report = expertpool_draw::verify_log(&text);
    let _ = report.ok();
    let _ = report.failures();
}

/// The valid logs the mutations start from: the published test vectors (a revealed log
/// and one before its reveal) and the demo's log.
fn bases() -> &'static [Value] {
    static BASES: OnceLock<Vec<Value>> = OnceLock::new();
    BASES.get_or_init(|| {
        let root = expertpool_testkit::repo_root();
        ["crates/draw/tests/vectors/logs/log-ok.json", "crates/draw/tests/vectors/logs/log-before-reveal.json"]
            .iter()
            .map(|path| {
                let text = std::fs::read_to_string(root.join(path)).unwrap();
                assert!(expertpool_draw::verify_log(&text).ok(), "{path} is a valid log");
                serde_json::from_str(&text).unwrap()
            })
            .collect()
    })
}

/// One place in a document: the path of keys and indices from the top.
#[derive(Debug, Clone)]
enum Step {
    Key(String),
    Index(usize),
}

fn paths(value: &Value, at: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
    out.push(at.clone());
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                at.push(Step::Key(k.clone()));
                paths(v, at, out);
                at.pop();
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                at.push(Step::Index(i));
                paths(v, at, out);
                at.pop();
            }
        }
        _ => {}
    }
}

fn get_mut<'a>(value: &'a mut Value, path: &[Step]) -> Option<&'a mut Value> {
    path.iter().try_fold(value, |v, step| match step {
        Step::Key(k) => v.get_mut(k.as_str()),
        Step::Index(i) => v.get_mut(*i),
    })
}

/// Bytes 0-4: which base log and which place in it; byte 5: what to change; the rest: the
/// new text of a string. The changed log is written out and verified.
///
/// Property: the verifier reports a failure for every change that alters the log (a
/// changed value, a removed field or entry, two entries swapped, an entry duplicated).
pub fn verify_mutation(data: &[u8]) {
    if data.len() < 6 || data.len() > crate::MAX_INPUT {
        return;
    }
    let bases = bases();
    let mut log = bases[usize::from(data[0]) % bases.len()].clone();
    let mut all = Vec::new();
    paths(&log, &mut Vec::new(), &mut all);
    let place = u32::from_le_bytes([data[1], data[2], data[3], data[4]]) as usize % all.len();
    let path = &all[place];
    let text = String::from_utf8_lossy(&data[6..]).into_owned();
    let Some(what) = change(&mut log, path, data[5], text) else { return };
    let written = serde_json::to_string_pretty(&log).unwrap();
    let report = expertpool_draw::verify_log(&written);
    assert!(!report.ok(), "the verifier accepts a log whose {} was changed ({what})", describe(path));
}

fn describe(path: &[Step]) -> String {
    path.iter()
        .map(|s| match s {
            Step::Key(k) => format!(".{k}"),
            Step::Index(i) => format!("[{i}]"),
        })
        .collect()
}

/// Applies one change at `path`; `None` when it would leave the log as it was.
fn change(log: &mut Value, path: &[Step], how: u8, text: String) -> Option<&'static str> {
    // The checkpoints are independent signed statements about prefixes of the log: which
    // of them a file carries, and in what order, is not part of the log (each must verify).
    if how % 4 != 0 && matches!(path, [Step::Key(k), Step::Index(_)] if k == "checkpoints") {
        return None;
    }
    match how % 4 {
        // A different value of the same type.
        0 => {
            let v = get_mut(log, path)?;
            let new = match v {
                Value::String(s) => {
                    let new = if text.is_empty() || text == *s { format!("{s}x") } else { text };
                    Value::String(new)
                }
                Value::Number(n) => match n.as_u64() {
                    Some(u) if u < u64::MAX => Value::from(u + 1),
                    _ => Value::from(n.as_i64().unwrap_or(0).wrapping_sub(1)),
                },
                Value::Bool(b) => Value::Bool(!*b),
                Value::Null => Value::from(0),
                _ => return None,
            };
            *v = new;
            Some("value changed")
        }
        // The field or element removed.
        1 => {
            let (last, parent) = path.split_last()?;
            let parent = get_mut(log, parent)?;
            match (last, parent) {
                (Step::Key(k), Value::Object(map)) => map.remove(k.as_str()).map(|_| "field removed"),
                (Step::Index(i), Value::Array(items)) => Some(items.remove(*i)).map(|_| "element removed"),
                _ => None,
            }
        }
        // The element swapped with the next one of its array.
        2 => {
            let (Step::Index(i), parent) = path.split_last()? else { return None };
            let Value::Array(items) = get_mut(log, parent)? else { return None };
            if *i + 1 >= items.len() || items[*i] == items[*i + 1] {
                return None;
            }
            items.swap(*i, *i + 1);
            Some("swapped with the next element")
        }
        // The element duplicated in place.
        _ => {
            let (Step::Index(i), parent) = path.split_last()? else { return None };
            let Value::Array(items) = get_mut(log, parent)? else { return None };
            let copy = items[*i].clone();
            items.insert(*i, copy);
            Some("duplicated")
        }
    }
}
