//! The checks `expertpool-draw/v2` adds to the verifier (spec §10): exact body keys,
//! the three beacon kinds, the request's public fields and key, re-draw links, names
//! bound at commit time, cancel entries and directed selections tied to what they
//! replace. Pure functions over raw JSON; [`crate::verify`] calls them for v2 draws.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::beacon::{self, Beacon, BeaconChecked, is_blank};
use crate::encoding::{is_date, to_hex};
use crate::log::{CommitPayload, request_key};

/// Keys of a v2 commit body, exactly.
pub(crate) const COMMIT_KEYS: [&str; 22] = [
    "algorithm",
    "eligibility",
    "pool",
    "count",
    "reveal_after",
    "rules",
    "request_hash",
    "snapshot_hash",
    "eligible_count",
    "eligible_commit",
    "excluded_count",
    "excluded_commit",
    "secret_commit",
    "beacon",
    "using_unit",
    "purpose",
    "work_content",
    "specialty",
    "min_level",
    "event_date",
    "request_key",
    "redo_of",
];
/// Keys of a v2 run body, exactly.
pub(crate) const RUN_KEYS: [&str; 5] = ["beacon_value", "beacon_evidence", "order_hash", "called", "shortfall"];
/// Keys of a v2 directed body, exactly.
pub(crate) const DIRECTED_KEYS: [&str; 9] = [
    "algorithm",
    "pool",
    "approval_ref",
    "approved_by",
    "count",
    "reveal_after",
    "request_key",
    "stands_in_for",
    "exception",
];
/// Keys of a v2 request (sealed in the commit payload), exactly.
const REQUEST_KEYS: [&str; 13] = [
    "draw",
    "pool",
    "purpose",
    "specialty",
    "min_level",
    "count",
    "event_date",
    "reveal_after",
    "recusal",
    "rules",
    "using_unit",
    "work_content",
    "project",
];

/// Fails unless the object `v` has exactly the keys `want`.
pub(crate) fn exact_keys(what: &str, v: &Value, want: &[&str]) -> Result<(), String> {
    let m = v.as_object().ok_or_else(|| format!("{what} is not an object"))?;
    let have: BTreeSet<&str> = m.keys().map(String::as_str).collect();
    let want: BTreeSet<&str> = want.iter().copied().collect();
    if let Some(x) = have.difference(&want).next() {
        return Err(format!("{what} has the key {x:?}, which v2 does not define"));
    }
    if let Some(x) = want.difference(&have).next() {
        return Err(format!("{what} lacks the key {x:?}"));
    }
    Ok(())
}

fn text<'a>(v: &'a Value, k: &str) -> Result<&'a str, String> {
    v.get(k).and_then(Value::as_str).ok_or_else(|| format!("{k} missing or not a string"))
}

fn lower_hex64(v: &Value, k: &str) -> Result<(), String> {
    let s = text(v, k)?;
    if s.len() == 64 && s.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)) {
        Ok(())
    } else {
        Err(format!("{k} must be 64 lower-case hex digits"))
    }
}

/// Unix seconds of a checked `YYYY-MM-DDTHH:MM:SSZ` time, and its date in Beijing.
pub(crate) fn unix_and_beijing_date(t: &str) -> Option<(i64, String)> {
    if !crate::encoding::is_timestamp(t) {
        return None;
    }
    let ts: jiff::Timestamp = t.parse().ok()?;
    let bj = ts.to_zoned_datetime(jiff::tz::TimeZone::fixed(jiff::tz::offset(8)));
    Some((ts.as_second(), bj.date().to_string()))
}

/// The v2-only part of the `commit` check: exact keys, public request fields, request
/// key, `redo_of` shape and the named beacon. Returns the beacon.
pub(crate) fn commit_shape(b: &Value, time: &str) -> Result<Beacon, String> {
    exact_keys("the commit body", b, &COMMIT_KEYS)?;
    for k in ["using_unit", "purpose", "work_content", "specialty", "event_date"] {
        if is_blank(text(b, k)?) {
            return Err(format!("{k} is blank"));
        }
    }
    if !is_date(text(b, "event_date")?) {
        return Err("event_date is not YYYY-MM-DD".into());
    }
    b.get("min_level").and_then(Value::as_u64).ok_or("min_level must be an integer")?;
    if b.get("count").and_then(Value::as_u64) == Some(0) {
        return Err("count must be at least 1".into());
    }
    lower_hex64(b, "request_key")?;
    match b.get("redo_of") {
        Some(Value::Null) => {}
        Some(r) => {
            exact_keys("redo_of", r, &["draw", "reason"])?;
            text(r, "draw")?;
            text(r, "reason")?;
        }
        None => unreachable!("exact_keys requires redo_of"),
    }
    let (unix, date) = unix_and_beijing_date(time).ok_or("bad commit time")?;
    beacon::check_named(&b["beacon"], unix, &date)
}

/// The `redo` check (spec §10.4): the latest earlier commit with this request key, if
/// any, must be named in `redo_of` with a reason that is not blank; without one,
/// `redo_of` is null.
pub(crate) fn redo(b: &Value, latest: Option<&str>) -> Result<String, String> {
    let named = b.get("redo_of").filter(|r| !r.is_null());
    match (latest, named) {
        (None, None) => Ok("first draw for this request".into()),
        (None, Some(r)) => Err(format!("redo_of names {}, but no earlier draw has this request key", r["draw"])),
        (Some(l), None) => Err(format!("draw {l} was made for the same request and redo_of does not name it")),
        (Some(l), Some(r)) if r["draw"].as_str() != Some(l) => {
            Err(format!("redo_of names {}, but the latest draw for this request is {l}", r["draw"]))
        }
        (Some(_), Some(r)) if r["reason"].as_str().is_none_or(is_blank) => Err("redo_of.reason is blank".into()),
        (Some(l), Some(r)) => Ok(format!("RE-DRAW of {l}: {}", r["reason"].as_str().unwrap_or(""))),
    }
}

/// The v2 part of `inputs` (revealed commit): the request has exactly the v2 keys, its
/// public fields equal the body's, the request key recomputes, and a non-blank name is
/// committed for every eligible expert.
pub(crate) fn inputs(b: &Value, p: &CommitPayload) -> Result<(), String> {
    let r = &p.request;
    exact_keys("the request", r, &REQUEST_KEYS)?;
    for k in ["using_unit", "purpose", "work_content", "specialty", "min_level", "event_date"] {
        if r.get(k) != b.get(k) {
            return Err(format!("request {k} differs from the commit entry"));
        }
    }
    let key = request_key(text(r, "using_unit")?, text(r, "purpose")?, text(r, "event_date")?, text(r, "project")?);
    if to_hex(&key) != text(b, "request_key")? {
        return Err("request_key does not follow from the request".into());
    }
    let names = p.names.as_ref().ok_or("the payload commits to no names")?;
    if names.len() != p.eligible.len() || names.iter().any(|n| is_blank(n)) {
        return Err("names must give a non-blank name for each eligible expert, in order".into());
    }
    Ok(())
}

/// The `beacon` check of a v2 run: the value follows from the evidence for the named
/// beacon (everything but the BLS pairing).
pub(crate) fn run_beacon(named: &Beacon, b: &Value, time: &str) -> Result<BeaconChecked, String> {
    let (unix, date) = unix_and_beijing_date(time).ok_or("bad run time")?;
    beacon::check_run(named, &b["beacon_value"], &b["beacon_evidence"], unix, &date)
}

/// The v2-only part of the `directed` check: exact keys, a request key, and exactly one
/// of `stands_in_for` (checked by the caller against the log) and a non-blank `exception`.
pub(crate) fn directed_shape(b: &Value) -> Result<Option<String>, String> {
    exact_keys("the directed body", b, &DIRECTED_KEYS)?;
    lower_hex64(b, "request_key")?;
    match (&b["stands_in_for"], &b["exception"]) {
        (Value::String(d), Value::Null) => Ok(Some(d.clone())),
        (Value::Null, Value::String(x)) if !is_blank(x) => Ok(None),
        (Value::Null, Value::String(_)) => Err("exception is blank".into()),
        _ => Err("give exactly one of stands_in_for (a draw id) and exception (a reason)".into()),
    }
}
