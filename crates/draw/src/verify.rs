//! The verifier (spec §6): recomputes everything an observer can recompute
//! from a public log file and reports every check, entry by entry.
//!
//! It works on raw JSON rather than on typed entries so that a malformed or
//! tampered file yields failed checks, never a panic or an early exit, and so
//! that each problem is reported under the same check, field by field, as the
//! independent verifiers (tools/verify_draws.py, the site's verify.js) report
//! it: an unknown kind is a failed `kind` check after the chain checks, and a
//! body missing `order_hash` fails `order`, not the whole run entry.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use ed25519_dalek::VerifyingKey;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::checkpoint::Checkpoint;
use crate::eligibility::Reason;
use crate::encoding::{Hash, hash_from_hex, is_timestamp, json_hash, nfc, to_hex};
use crate::entry::{Kind, Outcome, next_positions};
use crate::log::{CommitPayload, LOG_FORMAT, LogEntry, draw_order, entry_hash_value, sealed_hash, secret_commitment};

/// An entry as found in the file: the kind is kept as written, so that an unknown
/// one is a failed check rather than an unreadable entry.
type Found = LogEntry<String>;
use crate::merkle;
use crate::order::order_hash;

/// Result of one check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// The check passed.
    Ok,
    /// The check failed: the log is not what the protocol allows.
    Fail,
    /// Not checkable yet, e.g. the draw is not revealed.
    Skipped,
}

/// One named check with a human-readable detail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Check {
    /// Stable name, e.g. `chain` or `called_in_order` (spec §6).
    pub name: String,
    /// Passed, failed or not checkable yet.
    pub status: Status,
    /// What was found.
    pub detail: String,
}

/// All checks about one entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntryReport {
    /// Position in the file.
    pub index: usize,
    /// The entry's kind as written, empty when it did not parse.
    pub kind: String,
    /// The entry's draw id, empty when it did not parse.
    pub draw: String,
    /// Hex entry hash, empty when it has none.
    pub hash: String,
    /// Every check made, in order.
    pub checks: Vec<Check>,
}

/// The verifier's answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct Report {
    /// File-level checks: format, key, checkpoints, tree.
    pub log: Vec<Check>,
    /// One report per entry, in file order.
    pub entries: Vec<EntryReport>,
    /// Merkle root over all entries, hex.
    pub root: String,
    /// Number of entries.
    pub size: usize,
    /// The witnesses whose cosigned checkpoint in the file verified (spec §5.7).
    pub witnesses: Vec<Witnessed>,
}

/// A witness's cosignature of a checkpoint of the log, verified (spec §5.7).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Witnessed {
    /// The witness's key name.
    pub name: String,
    /// Its Ed25519 public key, hex, as the file states it.
    pub public_key: String,
    /// Size of the checkpoint it cosigned: it covers every draw whose last entry's `seq`
    /// is below this.
    pub size: u64,
    /// When it cosigned, seconds since the Unix epoch.
    pub timestamp: u64,
}

impl Report {
    /// True when no check failed.
    pub fn ok(&self) -> bool {
        self.failures().is_empty()
    }
    /// `(entry index or None for file-level, check)` of every failure,
    /// entries first in log order, then file-level checks.
    pub fn failures(&self) -> Vec<(Option<usize>, &Check)> {
        let mut v: Vec<(Option<usize>, &Check)> = Vec::new();
        for e in &self.entries {
            v.extend(e.checks.iter().filter(|c| c.status == Status::Fail).map(|c| (Some(e.index), c)));
        }
        v.extend(self.log.iter().filter(|c| c.status == Status::Fail).map(|c| (None, c)));
        v
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mark = |s: Status| match s {
            Status::Ok => "ok  ",
            Status::Fail => "FAIL",
            Status::Skipped => "skip",
        };
        for e in &self.entries {
            writeln!(f, "entry {} {} draw={} hash={}", e.index, e.kind, e.draw, &e.hash[..e.hash.len().min(16)])?;
            for c in &e.checks {
                writeln!(f, "  [{}] {:<16} {}", mark(c.status), c.name, c.detail)?;
            }
        }
        writeln!(f, "log")?;
        for c in &self.log {
            writeln!(f, "  [{}] {:<16} {}", mark(c.status), c.name, c.detail)?;
        }
        writeln!(f, "size {} root {}", self.size, self.root)?;
        let fails = self.failures();
        if fails.is_empty() {
            writeln!(f, "VERDICT: OK")
        } else {
            for (i, c) in &fails {
                match i {
                    Some(i) => writeln!(f, "failed: entry {i}: {}: {}", c.name, c.detail)?,
                    None => writeln!(f, "failed: log: {}: {}", c.name, c.detail)?,
                }
            }
            writeln!(f, "VERDICT: FAILED ({} checks)", fails.len())
        }
    }
}

struct Checks(Vec<Check>);

impl Checks {
    fn push(&mut self, name: &str, r: Result<String, String>) {
        let (status, detail) = match r {
            Ok(d) => (Status::Ok, d),
            Err(d) => (Status::Fail, d),
        };
        self.0.push(Check { name: name.into(), status, detail });
    }
    fn skip(&mut self, name: &str, why: &str) {
        self.0.push(Check { name: name.into(), status: Status::Skipped, detail: why.into() });
    }
}

/// What the verifier remembers about a draw while walking the log.
#[derive(Default, Serialize, Deserialize)]
struct Draw {
    /// A directed selection rather than a random draw.
    directed_draw: bool,
    commit_seq: usize,
    commit_time: String,
    body: Value,
    context: Hash,
    payload: Option<CommitPayload>,
    directed: Option<Vec<String>>,
    ran: bool,
    order: Option<Vec<String>>,
    called: Vec<u64>,
    outcomes: BTreeMap<u64, Outcome>,
    /// Accepted positions in the order they were recorded, with entry index.
    accepted: Vec<(usize, u64)>,
    /// Journal only: revealed, so nothing more may be written for it.
    closed: bool,
    /// What this use drew, kept when the draw is closed and its order dropped.
    drawn: Option<BTreeSet<String>>,
    /// Committed or directed under `expertpool-draw/v2`.
    v2: bool,
    /// v2: the beacon the commit named.
    beacon: Option<crate::beacon::Beacon>,
    /// v2: the names committed for the eligible (or directed) experts, in their order.
    names: Option<Vec<String>>,
    /// A cancel entry is in (v2).
    cancelled: bool,
    /// v2: the request key of the commit or directed entry.
    request_key: Option<String>,
    /// Kept when the draw is closed: whether it ended unfilled (spec §10.5).
    ended_unfilled: Option<bool>,
    /// A reveal entry of the draw is in: no withdrawal may follow (spec §10.9).
    #[serde(default)]
    revealed: bool,
    /// v2: positions whose attendance is recorded.
    #[serde(default)]
    attended: BTreeSet<u64>,
    /// Kept when the draw is closed: accepted positions without attendance yet, the only
    /// ones an attendance after the reveal may name.
    #[serde(default)]
    awaiting_attendance: BTreeSet<u64>,
}

impl Draw {
    fn count(&self) -> u64 {
        self.body.get("count").and_then(Value::as_u64).unwrap_or(0)
    }
    fn eligible_count(&self) -> u64 {
        self.body.get("eligible_count").and_then(Value::as_u64).unwrap_or(0)
    }
    fn next_positions(&self) -> Vec<u64> {
        next_positions(self.count(), self.eligible_count(), &self.called, &self.outcomes)
    }
    fn pool(&self) -> &str {
        self.body.get("pool").and_then(Value::as_str).unwrap_or("")
    }
    /// The experts this use of the pool drew, if known.
    fn drawn(&self) -> Option<BTreeSet<String>> {
        if let Some(d) = &self.drawn {
            return Some(d.clone());
        }
        if let Some(x) = &self.directed {
            return Some(x.iter().cloned().collect());
        }
        let ord = self.order.as_ref()?;
        // A withdrawn expert did not serve (spec §10.9): not drawn by this use.
        let serving = self.accepted.iter().filter(|(_, pos)| self.outcomes.get(pos) == Some(&Outcome::Accepted));
        Some(serving.filter_map(|(_, pos)| ord.get(*pos as usize).cloned()).collect())
    }
    /// True when a directed selection may stand in for this draw (spec §10.5): a random
    /// draw cancelled, or run with every callable position called and answered and
    /// fewer than N accepted.
    fn unfilled(&self) -> bool {
        if let Some(u) = self.ended_unfilled {
            return u;
        }
        let accepted = self.outcomes.values().filter(|o| **o == Outcome::Accepted).count() as u64;
        let pending = self.called.iter().filter(|p| !self.outcomes.contains_key(p)).count();
        !self.directed_draw
            && (self.cancelled
                || (self.ran && accepted < self.count() && pending == 0 && self.next_positions().is_empty()))
    }
    /// Keeps only what the pause rule and later v2 checks need of a revealed draw.
    fn close(&mut self) {
        self.ended_unfilled = Some(self.unfilled());
        self.awaiting_attendance = self.seated().filter(|p| !self.attended.contains(p)).collect();
        self.attended = BTreeSet::new();
        self.names = None;
        self.drawn = self.drawn();
        self.closed = true;
        self.payload = None;
        self.order = None;
        self.directed = None;
        self.called = Vec::new();
        self.outcomes = BTreeMap::new();
        self.accepted = Vec::new();
        let pool = self.pool().to_owned();
        self.body = serde_json::json!({ "pool": pool });
    }
    /// Accepted positions that have not withdrawn.
    fn seated(&self) -> impl Iterator<Item = u64> + '_ {
        self.outcomes.iter().filter(|(_, o)| **o == Outcome::Accepted).map(|(p, _)| *p)
    }
    fn is_use(&self) -> bool {
        self.ran || self.directed.is_some() || self.drawn.is_some()
    }
}

fn add_use(uses: &mut Uses, d: &Draw, id: &str) {
    uses.entry(d.pool().to_owned()).or_default().insert(d.commit_seq, id.to_owned());
}

fn s<'a>(v: &'a Value, k: &str) -> Result<&'a str, String> {
    v.get(k).and_then(Value::as_str).ok_or_else(|| format!("field {k} missing or not a string"))
}
fn h(v: &Value, k: &str) -> Result<Hash, String> {
    hash_from_hex(s(v, k)?).map_err(|e| format!("{k}: {e}"))
}
fn canonical_sorted(ids: &[String]) -> bool {
    ids.iter().all(|i| !i.is_empty() && nfc(i) == *i) && ids.windows(2).all(|w| w[0].as_bytes() < w[1].as_bytes())
}

/// Uses of each pool (random draws run, directed selections): commit index → draw id.
type Uses = BTreeMap<String, BTreeMap<usize, String>>;

/// Checks entries one at a time in log order, keeping only what later checks need:
/// [`verify_log`] over a whole public file, or a journal read line by line (the service
/// at start-up, `export-log`), so that neither accepts a log this verifier rejects.
#[derive(Serialize, Deserialize)]
pub struct Verifier {
    draws: BTreeMap<String, Draw>,
    uses: Uses,
    prev_time: String,
    /// Hash of the previous entry (zeros before the first); `None` when it had none.
    prev_hash: Option<Hash>,
    index: usize,
    /// Draws revealed anywhere in a public file (a withheld payload of one is a failure).
    revealed: BTreeSet<String>,
    /// A private journal: every payload must be present, and a revealed draw is closed.
    journal: bool,
    /// v2: the latest commit of each request key.
    request_keys: BTreeMap<String, String>,
}

impl Verifier {
    /// For a public file, given the draws it reveals.
    fn public(revealed: BTreeSet<String>) -> Self {
        Verifier {
            draws: BTreeMap::new(),
            uses: Uses::new(),
            prev_time: String::new(),
            prev_hash: Some([0; 32]),
            index: 0,
            revealed,
            journal: false,
            request_keys: BTreeMap::new(),
        }
    }

    /// For the service's private journal, where every payload is present. It checks what
    /// the public verifier checks, with every payload in view, and two rules more that the
    /// service always keeps: a sealed entry carries its payload, and nothing is written
    /// for a draw once it is closed (revealed, or not run by its confidentiality time). A
    /// closed draw is forgotten but for what the pause rule needs, so memory follows the
    /// open draws, not the journal.
    pub fn journal() -> Self {
        Verifier { journal: true, ..Verifier::public(BTreeSet::new()) }
    }

    /// Checks the next entry (raw JSON), returning its report and its entry hash.
    pub fn check(&mut self, v: &Value) -> (EntryReport, Option<Hash>) {
        let hash = entry_hash_value(v).ok();
        // `sealed` and `payload` may be absent but not null: a null would still be
        // hashed, and the other verifiers treat it as malformed.
        let nulls = ["sealed"].iter().any(|k| v.get(*k).is_some_and(Value::is_null));
        let parsed: Result<Found, String> =
            if nulls { Err("sealed is null".into()) } else { Found::deserialize(v).map_err(|e| e.to_string()) };
        let report = self.check_parsed(parsed.as_ref().map_err(String::clone), hash);
        (report, hash)
    }

    /// Checks the next entry, already parsed (a journal line read straight into an entry,
    /// without an intermediate JSON tree), with its entry hash.
    pub fn check_entry(&mut self, e: &LogEntry<String>) -> (EntryReport, Option<Hash>) {
        let hash = e.hash().ok();
        (self.check_parsed(Ok(e), hash), hash)
    }

    fn check_parsed(&mut self, parsed: Result<&Found, String>, hash: Option<Hash>) -> EntryReport {
        let i = self.index;
        self.index += 1;
        let want_prev = std::mem::replace(&mut self.prev_hash, hash);
        let mut c = Checks(Vec::new());
        let hash_hex = hash.map(|x| to_hex(&x)).unwrap_or_default();
        let mut er = EntryReport { index: i, kind: String::new(), draw: String::new(), hash: hash_hex, checks: vec![] };
        let e = match (parsed, hash) {
            (Ok(e), Some(_)) => {
                c.push("parse", Ok("well-formed entry".into()));
                e
            }
            (Err(m), _) => {
                c.push("parse", Err(format!("malformed entry: {m}")));
                er.checks = c.0;
                return er;
            }
            (Ok(_), None) => {
                c.push("parse", Err("entry has a value that has no canonical encoding".into()));
                er.checks = c.0;
                return er;
            }
        };
        er.kind = e.kind.clone();
        er.draw = e.draw.clone();
        c.push(
            "seq",
            if e.seq == i as u64 { Ok(format!("{i}")) } else { Err(format!("seq {} at position {i}", e.seq)) },
        );
        c.push(
            "chain",
            match want_prev {
                Some(p) if to_hex(&p) == e.prev => Ok("links to the previous entry".into()),
                _ => Err("prev does not equal the hash of the previous entry (log rewritten?)".into()),
            },
        );
        c.push(
            "time",
            if !is_timestamp(&e.time) {
                Err(format!("bad timestamp {:?}", e.time))
            } else if e.time < self.prev_time {
                Err(format!("{} is earlier than the previous entry ({})", e.time, self.prev_time))
            } else {
                Ok(e.time.clone())
            },
        );
        if is_timestamp(&e.time) {
            self.prev_time = e.time.clone();
        }
        let is_revealed = self.revealed.contains(&e.draw);
        match (&e.sealed, &e.payload) {
            (Some(sh), Some(p)) => c.push(
                "sealed",
                match sealed_hash(p) {
                    Ok(x) if to_hex(&x) == *sh => Ok("payload matches its seal".into()),
                    Ok(_) => Err("payload does not match the sealed hash".into()),
                    Err(m) => Err(m.to_string()),
                },
            ),
            (None, Some(_)) => c.push("sealed", Err("payload without a sealed hash".into())),
            (Some(_), None) if self.journal => {
                c.push("sealed", Err("the journal must hold the payload of every sealed entry".into()))
            }
            (Some(_), None) if is_revealed => {
                c.push("sealed", Err("draw is revealed but the payload is withheld".into()))
            }
            (Some(_), None) => c.skip("sealed", "payload sealed until the draw is revealed"),
            (None, None) => {}
        }
        let ctx = hash.unwrap_or([0; 32]);
        if !e.body.is_object() {
            c.push("kind", Err("body is not an object".into()));
            er.checks = c.0;
            return er;
        }
        let kind = Kind::from_code(&e.kind);
        // An attendance may follow the reveal (spec §10.9); its own check decides.
        if self.journal
            && kind.is_some_and(|k| !k.opens_draw() && k != Kind::Attendance)
            && self.draws.get(&e.draw).is_some_and(|d| d.closed)
        {
            c.push(
                "closed",
                Err(format!(
                    "a {} entry for draw {} after it closed (revealed, or never run before its confidentiality time)",
                    e.kind, e.draw
                )),
            );
            er.checks = c.0;
            return er;
        }
        let (draws, uses) = (&mut self.draws, &mut self.uses);
        match kind {
            Some(Kind::Commit) => check_commit(e, i, ctx, draws, uses, &mut self.request_keys, &mut c),
            Some(Kind::Cancel) => check_cancel(e, draws, &mut c),
            Some(Kind::Directed) => check_directed(e, i, draws, uses, &mut c),
            Some(Kind::Run) => check_run(e, draws, uses, &mut c),
            Some(Kind::Call) => check_call(e, draws, &mut c),
            Some(Kind::Response) => check_response(e, i, draws, &mut c),
            Some(Kind::Reveal) => check_reveal(e, draws, &mut c),
            Some(Kind::Withdrawal) => check_withdrawal(e, draws, &mut c),
            Some(Kind::Attendance) => check_attendance(e, draws, &mut c),
            None => c.push("kind", Err(format!("unknown entry kind {:?}", e.kind))),
        }
        if self.journal
            && kind == Some(Kind::Reveal)
            && let Some(d) = self.draws.get_mut(&e.draw)
        {
            d.close();
        }
        // The service runs no draw after its confidentiality time: one committed and not
        // run by then is abandoned, and its (large) payload need not stay in memory.
        if self.journal && i % 4096 == 4095 {
            let now = self.prev_time.clone();
            for d in self.draws.values_mut() {
                let after = d.body.get("reveal_after").and_then(Value::as_str).unwrap_or("");
                if !d.closed && !d.ran && !d.directed_draw && !after.is_empty() && after <= now.as_str() {
                    d.close();
                }
            }
        }
        er.checks = c.0;
        er
    }
}

/// Verifies a public log file (the JSON text). Never panics; any problem is a
/// failed check in the report.
pub fn verify_log(text: &str) -> Report {
    let mut rep = Report::default();
    let mut top = Checks(Vec::new());
    let doc: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            top.push("format", Err(format!("not JSON: {e}")));
            rep.log = top.0;
            return rep;
        }
    };
    let fmt_ok = doc.get("format").and_then(Value::as_str) == Some(LOG_FORMAT);
    let Some(raw) = doc.get("entries").and_then(Value::as_array).filter(|_| fmt_ok) else {
        top.push("format", Err(format!("not an {LOG_FORMAT} file with an entries array")));
        rep.log = top.0;
        return rep;
    };
    top.push("format", Ok(LOG_FORMAT.into()));
    let revealed: BTreeSet<String> = raw
        .iter()
        .filter(|v| v.get("kind").and_then(Value::as_str) == Some(Kind::Reveal.code()))
        .filter_map(|v| v.get("draw").and_then(Value::as_str).map(String::from))
        .collect();
    let mut verifier = Verifier::public(revealed);
    let mut leaves = Vec::with_capacity(raw.len());
    for v in raw {
        let (er, hash) = verifier.check(v);
        leaves.push(merkle::leaf_hash(&hash.unwrap_or([0; 32])));
        rep.entries.push(er);
    }
    rep.size = leaves.len();
    rep.root = to_hex(&merkle::root(&leaves));
    check_checkpoints(&doc, &leaves, &mut top);
    rep.witnesses = check_witnesses(&doc, &leaves, &mut top);
    rep.log = top.0;
    rep
}

/// The log's key as the file states it.
fn log_key(doc: &Value) -> Option<VerifyingKey> {
    doc.get("public_key")
        .and_then(Value::as_str)
        .and_then(|k| hash_from_hex(k).ok())
        .and_then(|k| VerifyingKey::from_bytes(&k).ok())
}

/// `witness[i]` for each item of the optional `witnesses` list (spec §5.7).
fn check_witnesses(doc: &Value, leaves: &[Hash], top: &mut Checks) -> Vec<Witnessed> {
    let Some(items) = doc.get("witnesses") else { return Vec::new() };
    let Some(items) = items.as_array() else {
        top.push("witnesses", Err("witnesses must be a list".into()));
        return Vec::new();
    };
    let Some(key) = log_key(doc) else { return Vec::new() };
    let name = doc.get("key_name").and_then(Value::as_str).unwrap_or("");
    let origin = doc.get("origin").and_then(Value::as_str).unwrap_or("");
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let r = verify_witness(item, LogKey { key: &key, name, origin }, leaves);
        top.push(
            &format!("witness[{i}]"),
            r.as_ref()
                .map(|w| {
                    format!("{} cosigned size {} at {}; log signature valid, root matches", w.name, w.size, w.timestamp)
                })
                .map_err(Clone::clone),
        );
        out.extend(r.ok());
    }
    out
}

/// The log's signing key, key name and origin, as a verifier knows them.
#[derive(Clone, Copy)]
pub struct LogKey<'a> {
    /// The log's Ed25519 key.
    pub key: &'a VerifyingKey,
    /// Its key name in signature lines.
    pub name: &'a str,
    /// The checkpoints' origin line.
    pub origin: &'a str,
}

/// Checks one item of a public file's `witnesses` list against the entries' leaf hashes:
/// the log's signature and origin, the root over the first `size` entries, and the
/// witness's cosignature line (spec §5.7).
pub fn verify_witness(item: &Value, log: LogKey<'_>, leaves: &[Hash]) -> Result<Witnessed, String> {
    let field = |k: &str| item.get(k).ok_or_else(|| format!("{k} missing"));
    let name = field("name")?.as_str().filter(|n| !n.is_empty()).ok_or("name must be a non-empty string")?;
    let public_key = field("public_key")?.as_str().ok_or("public_key must be hex text")?;
    let wkey = hash_from_hex(public_key)
        .ok()
        .and_then(|k| VerifyingKey::from_bytes(&k).ok())
        .ok_or("public_key must be 32 bytes of lower-case hex (an Ed25519 key)")?;
    let size = field("size")?.as_u64().ok_or("size must be a whole number")?;
    let timestamp = field("timestamp")?.as_u64().ok_or("timestamp must be a whole number")?;
    let note = field("checkpoint")?.as_str().ok_or("checkpoint must be a signed note")?;
    let cp = Checkpoint::verify(note, log.name, log.key).map_err(|e| format!("log signature: {e}"))?;
    if cp.origin != log.origin {
        return Err(format!("origin {:?} is not the log's {:?}", cp.origin, log.origin));
    }
    if cp.size != size {
        return Err(format!("size {size} differs from the checkpoint's {}", cp.size));
    }
    if size as usize > leaves.len() {
        return Err(format!("cosigned size {size} exceeds the {} entries given", leaves.len()));
    }
    if merkle::root(&leaves[..size as usize]) != cp.root {
        return Err(format!("the cosigned root for size {size} does not match the entries"));
    }
    let prefix = format!("\u{2014} {name} ");
    let mut why = format!("no cosignature line of {name:?}");
    let mut valid = None;
    for line in crate::cosignature::signature_lines(note).into_iter().filter(|l| l.starts_with(&prefix)) {
        match crate::cosignature::verify_cosignature(&cp, line, name, &wkey) {
            Ok(c) => {
                valid = Some(c);
                break;
            }
            Err(e) => why = format!("cosignature: {e}"),
        }
    }
    let c = valid.ok_or(why)?;
    if c.timestamp != timestamp {
        return Err(format!("timestamp {timestamp} differs from the cosigned {}", c.timestamp));
    }
    Ok(Witnessed { name: name.to_owned(), public_key: public_key.to_owned(), size, timestamp })
}

fn check_checkpoints(doc: &Value, leaves: &[Hash], top: &mut Checks) {
    let key = log_key(doc);
    let name = doc.get("key_name").and_then(Value::as_str).unwrap_or("");
    let origin = doc.get("origin").and_then(Value::as_str).unwrap_or("");
    let notes = doc.get("checkpoints").and_then(Value::as_array).cloned().unwrap_or_default();
    let Some(key) = key else {
        top.push("public_key", Err("public_key must be 32 bytes of hex (an Ed25519 key)".into()));
        return;
    };
    if notes.is_empty() {
        top.push("checkpoint", Err("the log has no signed checkpoint".into()));
    }
    for (j, n) in notes.iter().enumerate() {
        let label = format!("checkpoint[{j}]");
        let r = match n.as_str().map(|n| Checkpoint::verify(n, name, &key)) {
            None => Err("not a string".to_string()),
            Some(Err(e)) => Err(e.to_string()),
            Some(Ok(cp)) if cp.origin != origin => Err(format!("origin {:?} is not the log's {origin:?}", cp.origin)),
            Some(Ok(cp)) if cp.size as usize > leaves.len() => {
                Err(format!("signed size {} exceeds the {} entries given", cp.size, leaves.len()))
            }
            Some(Ok(cp)) if merkle::root(&leaves[..cp.size as usize]) != cp.root => {
                Err(format!("signed root for size {} does not match the entries", cp.size))
            }
            Some(Ok(cp)) => Ok(format!("signature valid, size {}, root matches", cp.size)),
        };
        top.push(&label, r);
    }
}

fn check_commit(
    e: &Found,
    i: usize,
    ctx: Hash,
    draws: &mut BTreeMap<String, Draw>,
    uses: &Uses,
    request_keys: &mut BTreeMap<String, String>,
    c: &mut Checks,
) {
    let b = &e.body;
    let v2 = b.get("algorithm").and_then(Value::as_str) == Some(crate::ALGORITHM_V2);
    let mut beacon = None;
    let shape = (|| -> Result<String, String> {
        if draws.contains_key(&e.draw) {
            return Err(format!("draw id {:?} used twice", e.draw));
        }
        if !v2 && s(b, "algorithm")? != crate::ALGORITHM {
            return Err("unknown algorithm".into());
        }
        if v2 {
            beacon = Some(crate::verify_v2::commit_shape(b, &e.time)?);
        }
        for k in ["request_hash", "snapshot_hash", "eligible_commit", "excluded_commit", "secret_commit"] {
            h(b, k)?;
        }
        for k in ["count", "eligible_count", "excluded_count"] {
            b.get(k).and_then(Value::as_u64).ok_or(format!("{k} missing"))?;
        }
        if !is_timestamp(s(b, "reveal_after")?) {
            return Err("reveal_after is not a timestamp".into());
        }
        s(b, "pool")?;
        b.get("rules")
            .and_then(crate::eligibility::DrawRules::from_value)
            .ok_or("rules must be {pause, employment_months, collaboration_months} with months 0-1200")?;
        if let Some(bc) = &beacon {
            return Ok(format!("inputs committed (v2); beacon {}", bc.kind()));
        }
        match b.get("beacon") {
            None => Err("beacon missing (null when no beacon round is named)".into()),
            Some(Value::Null) => Ok("inputs committed; no beacon".into()),
            Some(x)
                if x.get("source").and_then(Value::as_str).is_some()
                    && x.get("round").and_then(Value::as_u64).is_some() =>
            {
                Ok(format!("inputs committed; beacon {} round {} named in advance", x["source"], x["round"]))
            }
            _ => Err("beacon must be null or {source, round}".into()),
        }
    })();
    let good = shape.is_ok();
    c.push("commit", shape);
    if !good {
        return;
    }
    let key = b.get("request_key").and_then(Value::as_str).map(String::from);
    if v2 {
        let latest = key.as_ref().and_then(|k| request_keys.get(k)).map(String::as_str);
        c.push("redo", crate::verify_v2::redo(b, latest));
        if let Some(k) = &key {
            request_keys.insert(k.clone(), e.draw.clone());
        }
    }
    let mut d = Draw {
        commit_seq: i,
        commit_time: e.time.clone(),
        body: b.clone(),
        context: ctx,
        v2,
        beacon,
        request_key: key,
        ..Draw::default()
    };
    match &e.payload {
        None => {
            c.skip("secret", "not revealed yet");
            c.skip("inputs", "not revealed yet");
        }
        Some(p) => match CommitPayload::deserialize(p) {
            Err(m) => c.push("inputs", Err(format!("commit payload malformed: {m}"))),
            Ok(p) => {
                let sec = hex::decode(&p.secret).ok().filter(|x| x.len() == 32);
                c.push(
                    "secret",
                    match sec {
                        Some(x) if Ok(secret_commitment(&x)) == h(b, "secret_commit") => {
                            Ok("secret matches its commitment".into())
                        }
                        Some(_) => Err("secret does not match secret_commit".into()),
                        None => Err("secret is not 32 bytes of hex".into()),
                    },
                );
                let inputs = check_inputs(e, &p).and_then(|ok| match (v2, &p.names) {
                    (true, _) => crate::verify_v2::inputs(b, &p).map(|()| ok),
                    (false, Some(_)) => Err("names is a v2 payload key".into()),
                    (false, None) => Ok(ok),
                });
                c.push("inputs", inputs);
                pause_check(e, &p, draws, uses, c);
                d.names = p.names.clone();
                d.payload = Some(p);
            }
        },
    }
    draws.insert(e.draw.clone(), d);
}

fn check_inputs(e: &Found, p: &CommitPayload) -> Result<String, String> {
    let b = &e.body;
    let salt = hex::decode(&p.salt).ok().filter(|x| x.len() == 32).ok_or("salt is not 32 bytes of hex")?;
    let rh = json_hash("request", &p.request).map_err(|x| x.to_string())?;
    if to_hex(&rh) != s(b, "request_hash")? {
        return Err("request does not match request_hash".into());
    }
    let r = &p.request;
    if s(r, "draw")? != e.draw || s(r, "pool")? != s(b, "pool")? || s(r, "reveal_after")? != s(b, "reveal_after")? {
        return Err("request draw/pool/reveal_after differ from the commit entry".into());
    }
    if r.get("count") != b.get("count") {
        return Err("request count differs from the commit entry".into());
    }
    if r.get("rules") != b.get("rules") {
        return Err("request rules differ from the commit entry".into());
    }
    if !canonical_sorted(&p.eligible) {
        return Err("eligible ids are not NFC, unique and sorted bytewise".into());
    }
    let ex_ids: Vec<String> = p.excluded.iter().map(|x| x.id.clone()).collect();
    if !canonical_sorted(&ex_ids) {
        return Err("excluded ids are not NFC, unique and sorted bytewise".into());
    }
    let elig: BTreeSet<&String> = p.eligible.iter().collect();
    if let Some(x) = ex_ids.iter().find(|x| elig.contains(x)) {
        return Err(format!("{x} is both eligible and excluded"));
    }
    let mut excl = Vec::new();
    for x in &p.excluded {
        let reasons: Option<Vec<Reason>> =
            x.reasons.iter().map(|r| serde_json::from_value::<Reason>(Value::String(r.clone())).ok()).collect();
        match reasons {
            Some(rs) if !rs.is_empty() && rs.windows(2).all(|w| w[0] < w[1]) => {
                excl.push(crate::eligibility::Exclusion { id: x.id.clone(), reasons: rs })
            }
            _ => return Err(format!("reasons of {} are empty, unknown or out of order", x.id)),
        }
    }
    if p.eligible.len() as u64 != b["eligible_count"].as_u64().unwrap_or(u64::MAX)
        || excl.len() as u64 != b["excluded_count"].as_u64().unwrap_or(u64::MAX)
    {
        return Err("set sizes differ from the published counts".into());
    }
    if to_hex(&crate::eligibility::eligible_commitment(&salt, &p.eligible)) != s(b, "eligible_commit")? {
        return Err("eligible set does not match eligible_commit".into());
    }
    if to_hex(&crate::eligibility::excluded_commitment(&salt, &excl)) != s(b, "excluded_commit")? {
        return Err("excluded set does not match excluded_commit".into());
    }
    Ok(format!("request, eligible ({}) and excluded ({}) sets match their commitments", p.eligible.len(), excl.len()))
}

/// Pause rule (spec §3.2), checkable once the two previous uses are revealed.
fn pause_check(e: &Found, p: &CommitPayload, draws: &BTreeMap<String, Draw>, uses: &Uses, c: &mut Checks) {
    let pool = e.body.get("pool").and_then(Value::as_str).unwrap_or("");
    // The last two uses by commit position (a use is a random draw run or a directed one).
    let uses: Vec<&Draw> = uses
        .get(pool)
        .into_iter()
        .flat_map(|u| u.values().rev())
        .filter_map(|id| draws.get(id))
        .filter(|d| d.is_use())
        .take(2)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let drawn = |d: &Draw| d.drawn();
    let n = uses.len();
    // The commit check has already required well-formed rules.
    let on = e.body.get("rules").and_then(crate::eligibility::DrawRules::from_value).is_some_and(|r| r.pause);
    let paused: BTreeSet<String> = if !on || n < 2 {
        BTreeSet::new()
    } else {
        match (drawn(uses[n - 1]), drawn(uses[n - 2])) {
            (Some(a), Some(b)) => a.intersection(&b).cloned().collect(),
            _ => return c.skip("pause", "an earlier use of the pool is not revealed yet"),
        }
    };
    let flagged: BTreeSet<String> =
        p.excluded.iter().filter(|x| x.reasons.iter().any(|r| r == "pause")).map(|x| x.id.clone()).collect();
    if let Some(x) = p.eligible.iter().find(|x| paused.contains(*x)) {
        return c.push("pause", Err(format!("{x} was drawn in the two previous uses but is eligible")));
    }
    if let Some(x) = flagged.iter().find(|x| !paused.contains(*x)) {
        return c.push("pause", Err(format!("{x} is excluded for pause but was not drawn in both previous uses")));
    }
    c.push(
        "pause",
        Ok(if on {
            format!("{} expert(s) sit out under the pause rule", flagged.len())
        } else {
            "the pool's pause rule is off and nobody sits out".into()
        }),
    );
}

fn check_directed(e: &Found, i: usize, draws: &mut BTreeMap<String, Draw>, uses: &mut Uses, c: &mut Checks) {
    let b = &e.body;
    let v2 = b.get("algorithm").and_then(Value::as_str) == Some(crate::ALGORITHM_V2);
    let r = (|| -> Result<String, String> {
        if draws.contains_key(&e.draw) {
            return Err(format!("draw id {:?} used twice", e.draw));
        }
        if v2 && let Some(x) = crate::verify_v2::directed_shape(b)? {
            let key = b.get("request_key").and_then(Value::as_str);
            match draws.get(&x) {
                None => return Err(format!("stands_in_for names {x:?}, which is not an earlier draw")),
                Some(d) if d.directed_draw || d.request_key.as_deref() != key => {
                    return Err(format!("stands_in_for names {x:?}, which is not a random draw of this request"));
                }
                Some(d) if !d.unfilled() => {
                    return Err(format!("stands_in_for names {x:?}, which has not ended unfilled"));
                }
                Some(_) => {}
            }
        }
        let appr = s(b, "approval_ref")?;
        let by = s(b, "approved_by")?;
        if appr.trim().is_empty() || by.trim().is_empty() {
            return Err("directed selection without an approval reference and approver".into());
        }
        s(b, "pool")?;
        b.get("count").and_then(Value::as_u64).ok_or("count missing")?;
        if !is_timestamp(s(b, "reveal_after")?) {
            return Err("reveal_after is not a timestamp".into());
        }
        if e.sealed.is_none() {
            return Err("directed entry must seal its experts".into());
        }
        let why = match (b.get("stands_in_for").and_then(Value::as_str), b.get("exception").and_then(Value::as_str)) {
            (Some(x), _) => format!(", standing in for unfilled draw {x}"),
            (None, Some(x)) => format!(", EXCEPTION: {x}"),
            _ => String::new(),
        };
        Ok(format!("DIRECTED selection (art. 9(2)) approved under {appr} by {by}{why}"))
    })();
    let good = r.is_ok();
    c.push("directed", r);
    if !good {
        return;
    }
    let mut d = Draw {
        directed_draw: true,
        commit_seq: i,
        commit_time: e.time.clone(),
        body: b.clone(),
        v2,
        request_key: b.get("request_key").and_then(Value::as_str).map(String::from),
        ..Draw::default()
    };
    if let Some(p) = &e.payload {
        let strings = |k: &str| -> Option<Vec<String>> {
            p.get(k).and_then(Value::as_array).and_then(|a| a.iter().map(|x| x.as_str().map(String::from)).collect())
        };
        let ids = strings("experts");
        let names = strings("names");
        let keys_ok = if v2 {
            crate::verify_v2::exact_keys("the directed payload", p, &["salt", "experts", "reason", "names"])
        } else if p.get("names").is_some() {
            Err("names is a v2 payload key".into())
        } else {
            Ok(())
        };
        let names_ok = !v2
            || names
                .as_ref()
                .zip(ids.as_ref())
                .is_some_and(|(n, i)| n.len() == i.len() && n.iter().all(|x| !crate::beacon::is_blank(x)));
        match (keys_ok, ids) {
            (Err(m), _) => c.push("inputs", Err(m)),
            (Ok(()), Some(_)) if !names_ok => {
                c.push("inputs", Err("names must give a non-blank name for each expert, in order".into()))
            }
            (Ok(()), Some(ids)) if canonical_sorted(&ids) && ids.len() as u64 == d.count() => {
                c.push("inputs", Ok(format!("{} directed expert(s)", ids.len())));
                d.directed = Some(ids);
                d.names = names;
            }
            _ => c.push("inputs", Err("experts must be NFC, unique, sorted, and as many as count".into())),
        }
    } else {
        d.directed = None;
    }
    // A directed draw counts as a use even while its experts are sealed.
    if d.directed.is_none() {
        d.ran = true;
    }
    if d.is_use() {
        add_use(uses, &d, &e.draw);
    }
    draws.insert(e.draw.clone(), d);
}

fn check_run(e: &Found, draws: &mut BTreeMap<String, Draw>, uses: &mut Uses, c: &mut Checks) {
    let Some(d) = draws.get_mut(&e.draw).filter(|d| !d.directed_draw) else {
        return c.push("before_draw", Err("no earlier commit entry for this draw".into()));
    };
    if d.ran {
        return c.push("before_draw", Err("draw run twice".into()));
    }
    if d.cancelled {
        return c.push("before_draw", Err("the draw was cancelled".into()));
    }
    if d.v2
        && let Err(m) = crate::verify_v2::exact_keys("the run body", &e.body, &crate::verify_v2::RUN_KEYS)
    {
        return c.push("before_draw", Err(m));
    }
    d.ran = true;
    add_use(uses, d, &e.draw);
    let b = &e.body;
    if let Some(named) = d.beacon.clone() {
        return check_run_v2(e, d, &named, c);
    }
    let named = !d.body.get("beacon").is_none_or(Value::is_null);
    let beacon = match b.get("beacon_value") {
        None | Some(Value::Null) => None,
        Some(Value::String(x)) => hex::decode(x).ok(),
        _ => Some(vec![]).filter(|_| false),
    };
    let given = !b.get("beacon_value").is_none_or(Value::is_null);
    c.push(
        "before_draw",
        if named != given {
            Err("beacon value must be present exactly when a beacon round was named".into())
        } else if given && beacon.is_none() {
            Err("beacon_value is not hex".into())
        } else {
            Ok(format!("commitment at entry {} ({}) precedes the draw", d.commit_seq, d.commit_time))
        },
    );
    called_and_order(e, d, beacon, true, c);
}

/// A v2 run (spec §10.3): `before_draw`, then `beacon` (the value follows from the
/// evidence), `beacon_signature` for drand (the BLS check against quicknet's key),
/// then the calls and the order as in v1.
fn check_run_v2(e: &Found, d: &mut Draw, named: &crate::beacon::Beacon, c: &mut Checks) {
    c.push("before_draw", Ok(format!("commitment at entry {} ({}) precedes the draw", d.commit_seq, d.commit_time)));
    let checked = crate::verify_v2::run_beacon(named, &e.body, &e.time);
    let (value, drand) = match &checked {
        Ok(x) => (Some(x.value.clone()), x.drand.clone()),
        Err(_) => (None, None),
    };
    c.push("beacon", checked.map(|x| x.detail));
    if let Some((round, sig)) = drand {
        c.push(
            "beacon_signature",
            crate::beacon::verify_drand_signature(round, &sig)
                .map(|()| format!("BLS signature of quicknet round {round} verified against the pinned key")),
        );
    }
    // A failed beacon leaves the order uncheckable rather than failed a second time.
    let checkable = value.is_some();
    called_and_order(e, d, value, checkable, c);
}

/// `called_in_order` and `order` of a run entry, with the beacon bytes (v1: `None` is
/// the empty value). With `checkable` false (a v2 beacon that failed) the order is
/// skipped.
fn called_and_order(e: &Found, d: &mut Draw, beacon: Option<Vec<u8>>, checkable: bool, c: &mut Checks) {
    let b = &e.body;
    let (n, el) = (d.count(), d.eligible_count());
    let called: Option<Vec<u64>> =
        b.get("called").and_then(Value::as_array).and_then(|a| a.iter().map(Value::as_u64).collect());
    let want: Vec<u64> = (0..n.min(el)).collect();
    let short = b.get("shortfall").and_then(Value::as_u64);
    c.push(
        "called_in_order",
        match called {
            Some(cl) if cl == want && short == Some(n.saturating_sub(el)) => {
                d.called = cl;
                Ok(format!(
                    "positions 0..{} called{}",
                    n.min(el),
                    if n > el { format!("; TOO FEW eligible experts, {} short", n - el) } else { String::new() }
                ))
            }
            _ => Err(format!("must call positions 0..{} with shortfall {}", n.min(el), n.saturating_sub(el))),
        },
    );
    let Some(p) = d.payload.clone() else {
        return c.skip("order", "not revealed yet");
    };
    if !checkable {
        return c.skip("order", "the beacon value is not established");
    }
    let r = (|| -> Result<String, String> {
        let ord = draw_order(&d.context, &p, beacon.as_deref().unwrap_or(&[])).map_err(|x| x.to_string())?;
        let salt = hex::decode(&p.salt).map_err(|_| "bad salt")?;
        if to_hex(&order_hash(&salt, &ord)) != s(b, "order_hash")? {
            return Err("order recomputed from the secret and inputs does not match order_hash".into());
        }
        let first = ord.iter().take(3).cloned().collect::<Vec<_>>().join(", ");
        d.order = Some(ord);
        Ok(format!("order recomputed; starts {first}"))
    })();
    c.push("order", r);
}

fn check_call(e: &Found, draws: &mut BTreeMap<String, Draw>, c: &mut Checks) {
    let Some(d) = draws.get_mut(&e.draw).filter(|d| d.ran && !d.directed_draw) else {
        return c.push("called_in_order", Err("call before the draw was run".into()));
    };
    if d.cancelled {
        return c.push("called_in_order", Err("a call after the draw was cancelled".into()));
    }
    if d.v2
        && let Err(m) = crate::verify_v2::exact_keys("the call body", &e.body, &["positions"])
    {
        return c.push("called_in_order", Err(m));
    }
    let want = d.next_positions();
    let got: Option<Vec<u64>> =
        e.body.get("positions").and_then(Value::as_array).and_then(|a| a.iter().map(Value::as_u64).collect());
    c.push(
        "called_in_order",
        match got {
            Some(g) if !g.is_empty() && g == want => {
                d.called.extend(&g);
                Ok(format!("next in order: positions {g:?}"))
            }
            _ => Err(format!("the next positions to call were {want:?}")),
        },
    );
}

fn check_response(e: &Found, i: usize, draws: &mut BTreeMap<String, Draw>, c: &mut Checks) {
    let Some(d) = draws.get_mut(&e.draw).filter(|d| !d.directed_draw) else {
        return c.push("response", Err("response for an unknown draw".into()));
    };
    if d.cancelled {
        return c.push("response", Err("a response after the draw was cancelled".into()));
    }
    if d.v2
        && let Err(m) = crate::verify_v2::exact_keys("the response body", &e.body, &["position", "outcome", "reason"])
    {
        return c.push("response", Err(m));
    }
    let b = &e.body;
    let pos = b.get("position").and_then(Value::as_u64);
    let out = b.get("outcome").and_then(Value::as_str).and_then(Outcome::from_code);
    let reason = match b.get("reason") {
        None | Some(Value::Null) => Some(""),
        Some(Value::String(x)) => Some(x.as_str()),
        _ => None,
    };
    c.push(
        "response",
        match (pos, out, reason) {
            (Some(p), Some(o), Some(r)) => {
                let needs = o.needs_reason();
                if !d.called.contains(&p) || d.outcomes.contains_key(&p) {
                    Err(format!("position {p} was not called or already answered"))
                } else if needs == r.is_empty() {
                    Err("declined/recused need a reason; other outcomes take none".into())
                } else {
                    d.outcomes.insert(p, o);
                    if o == Outcome::Accepted {
                        d.accepted.push((i, p));
                    }
                    Ok(format!(
                        "position {p}: {}{}",
                        o.code(),
                        if r.is_empty() { String::new() } else { format!(" ({r})") }
                    ))
                }
            }
            _ => Err("position, outcome (accepted/declined/recused/no_answer) and reason required".into()),
        },
    );
}

fn check_reveal(e: &Found, draws: &mut BTreeMap<String, Draw>, c: &mut Checks) {
    let Some(d) = draws.get_mut(&e.draw) else {
        return c.push("reveal", Err("reveal of an unknown draw".into()));
    };
    d.revealed = true;
    let d = &*d;
    let after = d.body.get("reveal_after").and_then(Value::as_str).unwrap_or("");
    if e.time.as_str() < after {
        return c.push("reveal", Err(format!("revealed at {} before the confidentiality time {after}", e.time)));
    }
    if d.v2
        && let Err(m) = crate::verify_v2::exact_keys("the reveal body", &e.body, &["names"])
    {
        return c.push("reveal", Err(m));
    }
    let ids: Option<Vec<String>> = if d.directed_draw {
        d.directed.clone()
    } else if d.v2 && !d.ran {
        // A v2 draw cancelled before its run called nobody: its reveal names nobody.
        d.payload.as_ref().map(|_| vec![])
    } else {
        d.order.as_ref().map(|o| d.called.iter().filter_map(|p| o.get(*p as usize).cloned()).collect())
    };
    let Some(ids) = ids else {
        return c.push("reveal", Err("the draw's payload or order could not be recomputed".into()));
    };
    let names: Option<Vec<(String, String)>> = e.body.get("names").and_then(Value::as_array).and_then(|a| {
        a.iter().map(|x| Some((x.get("id")?.as_str()?.to_owned(), x.get("name")?.as_str()?.to_owned()))).collect()
    });
    if d.v2
        && let Some(n) = &names
        && let Some(bad) = n.iter().find(|(id, name)| committed_name(d, id) != Some(name.as_str()))
    {
        return c.push(
            "reveal",
            Err(format!(
                "the name revealed for {} is not the name committed for it ({:?})",
                bad.0,
                committed_name(d, &bad.0)
            )),
        );
    }
    c.push(
        "reveal",
        match names {
            Some(n) if n.iter().map(|x| &x.0).eq(ids.iter()) && n.iter().all(|x| !x.1.is_empty()) => Ok(format!(
                "names bound to ids: {}",
                n.iter().map(|x| format!("{}={}", x.0, x.1)).collect::<Vec<_>>().join(", ")
            )),
            _ => Err(format!("names must list, in calling order, exactly the ids {ids:?}")),
        },
    );
}

/// The display name a v2 draw committed for `id` (eligible experts of a random draw,
/// the experts of a directed one).
fn committed_name<'a>(d: &'a Draw, id: &str) -> Option<&'a str> {
    let ids: &[String] = if d.directed_draw { d.directed.as_deref()? } else { &d.payload.as_ref()?.eligible };
    let i = ids.iter().position(|x| x == id)?;
    d.names.as_ref()?.get(i).map(String::as_str)
}

/// A cancel entry (v2, spec §10.5): a random draw, not cancelled or revealed before,
/// with a reason that is not blank.
fn check_cancel(e: &Found, draws: &mut BTreeMap<String, Draw>, c: &mut Checks) {
    let r = (|| -> Result<String, String> {
        crate::verify_v2::exact_keys("the cancel body", &e.body, &["reason"])?;
        let d = draws.get_mut(&e.draw).ok_or("cancel of an unknown draw")?;
        if d.directed_draw || !d.v2 {
            return Err("only a v2 random draw can be cancelled".into());
        }
        if d.cancelled {
            return Err("the draw was cancelled already".into());
        }
        let reason = s(&e.body, "reason")?;
        if crate::beacon::is_blank(reason) {
            return Err("the reason is blank".into());
        }
        d.cancelled = true;
        Ok(format!("CANCELLED: {reason}"))
    })();
    c.push("cancel", r);
}

/// The draw of a withdrawal or attendance: a v2 random draw, run and not cancelled.
fn seated_draw<'a>(e: &Found, draws: &'a mut BTreeMap<String, Draw>, what: &str) -> Result<&'a mut Draw, String> {
    let d = draws.get_mut(&e.draw).ok_or_else(|| format!("{what} for an unknown draw"))?;
    if d.directed_draw || !d.v2 {
        return Err(format!("a {what} is recorded only for a v2 random draw"));
    }
    if d.cancelled {
        return Err(format!("a {what} after the draw was cancelled"));
    }
    if !d.ran {
        return Err(format!("a {what} before the draw was run"));
    }
    Ok(d)
}

/// A withdrawal (v2, spec §10.9): an accepted position, before the reveal, with a reason
/// that is not blank; the seat opens again for the next position in order.
fn check_withdrawal(e: &Found, draws: &mut BTreeMap<String, Draw>, c: &mut Checks) {
    let r = (|| -> Result<String, String> {
        crate::verify_v2::exact_keys("the withdrawal body", &e.body, &["position", "reason"])?;
        let d = seated_draw(e, draws, "withdrawal")?;
        if d.revealed {
            return Err("a withdrawal after the draw was revealed".into());
        }
        let p = e.body.get("position").and_then(Value::as_u64).ok_or("position must be an integer")?;
        let reason = s(&e.body, "reason")?;
        if d.outcomes.get(&p) != Some(&Outcome::Accepted) {
            return Err(format!("position {p} has not accepted, or has withdrawn already"));
        }
        if crate::beacon::is_blank(reason) {
            return Err("the reason is blank".into());
        }
        d.outcomes.insert(p, Outcome::Withdrawn);
        Ok(format!("position {p} withdrew ({reason})"))
    })();
    c.push("withdrawal", r);
}

/// An attendance (v2, spec §10.9): an accepted position that has not withdrawn, recorded
/// once, also after the reveal.
fn check_attendance(e: &Found, draws: &mut BTreeMap<String, Draw>, c: &mut Checks) {
    let r = (|| -> Result<String, String> {
        crate::verify_v2::exact_keys("the attendance body", &e.body, &["position", "outcome", "reason"])?;
        let d = seated_draw(e, draws, "attendance")?;
        let p = e.body.get("position").and_then(Value::as_u64).ok_or("position must be an integer")?;
        let outcome = e
            .body
            .get("outcome")
            .and_then(Value::as_str)
            .and_then(crate::Attendance::from_code)
            .ok_or("outcome must be present, absent, late or left_early")?;
        let reason = match e.body.get("reason") {
            Some(Value::Null) => None,
            Some(Value::String(r)) if !crate::beacon::is_blank(r) => Some(r.as_str()),
            _ => return Err("reason must be null or a text that is not blank".into()),
        };
        if reason.is_some() && !outcome.takes_reason() {
            return Err("present takes no reason".into());
        }
        let open = if d.closed {
            d.awaiting_attendance.remove(&p)
        } else {
            d.seated().any(|x| x == p) && d.attended.insert(p)
        };
        if !open {
            return Err(format!("position {p} has not accepted, has withdrawn, or its attendance is recorded already"));
        }
        Ok(match reason {
            Some(r) => format!("position {p}: {} ({r})", outcome.code()),
            None if outcome.takes_reason() => format!("position {p}: {} without reason", outcome.code()),
            None => format!("position {p}: {}", outcome.code()),
        })
    })();
    c.push("attendance", r);
}
