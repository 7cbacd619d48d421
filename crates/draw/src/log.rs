//! The append-only draw log (spec §5): entries, their hashes, the hash chain,
//! the Merkle tree over entry hashes, and the public export.
//!
//! An entry is one JSON object, written by the service as one line of its
//! journal. Anything confidential sits in `payload`, which is excluded from the
//! entry hash; the entry commits to it through `sealed`. The public export is
//! the same entries with the payloads of unrevealed draws removed, so the chain
//! and the tree verify identically before and after a reveal.

use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::beacon::{Beacon, BeaconEvidence};
use crate::checkpoint::Checkpoint;
use crate::eligibility::{DrawRequest, Eligibility, eligible_commitment, excluded_commitment};
use crate::encoding::{Hash, is_timestamp, json_hash, tagged_hash, to_hex};
use crate::entry::{
    Attendance, AttendanceBody, BeaconSpec, Body, CallBody, CancelBody, CommitBody, DirectedBody, DirectedPayload,
    Kind, NamedBeacon, Outcome, RedoOf, ResponseBody, RevealBody, RevealedName, RunBody, WithdrawalBody,
    next_positions,
};
use crate::error::LogError;
use crate::merkle;
use crate::order::{OrderInputs, order, order_hash};

/// Format identifier of a public log file.
pub const LOG_FORMAT: &str = "expertpool-draw-log/v1";

/// One log entry, exactly as journaled and published.
///
/// `K` is [`Kind`] everywhere but in the verifier, which reads the kind as written
/// (a `String`) so that a file with an unknown kind still gets its chain checked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LogEntry<K = Kind> {
    /// Position in the log, from 0.
    pub seq: u64,
    /// Hex entry hash of the previous entry; 64 zeros for the first.
    pub prev: String,
    /// `YYYY-MM-DDTHH:MM:SSZ`, passed in by the caller, never decreasing.
    pub time: String,
    /// Staff member (token owner) who caused the entry.
    pub actor: String,
    /// What the entry records; [`LogEntry::typed`] reads its body accordingly.
    pub kind: K,
    /// Draw id the entry belongs to.
    pub draw: String,
    /// Kind-specific public fields, as written (and hashed); see [`crate::Body`].
    pub body: Value,
    /// Hex `H("sealed", cj(payload))` when the entry has a confidential payload.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sealed: Option<String>,
    /// The confidential payload; not hashed, withheld until the draw is revealed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payload: Option<Value>,
}

/// `H("entry", cj(entry without "payload"))` of a raw JSON entry.
pub(crate) fn entry_hash_value(v: &Value) -> Result<Hash, LogError> {
    // Everything but the payload is copied: the payload is most of a commit entry.
    let v = match v.as_object() {
        Some(m) => {
            Value::Object(m.iter().filter(|(k, _)| *k != "payload").map(|(k, x)| (k.clone(), x.clone())).collect())
        }
        None => v.clone(),
    };
    Ok(json_hash("entry", &v)?)
}

/// `H("sealed", cj(payload))`.
pub fn sealed_hash(payload: &Value) -> Result<Hash, LogError> {
    Ok(json_hash("sealed", payload)?)
}

/// `H("secret", secret)`: the commitment to the server secret.
pub fn secret_commitment(secret: &[u8]) -> Hash {
    tagged_hash("secret", [secret])
}

/// An entry as published: the payload only when its draw is revealed.
#[derive(Serialize)]
struct Public<'a> {
    #[serde(flatten)]
    entry: Hashed<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    payload: Option<&'a Value>,
}

/// The hashed fields of an entry, borrowed: hashing must not copy the payload, which
/// for a commit of a large pool is most of the entry.
#[derive(Serialize)]
struct Hashed<'a> {
    seq: u64,
    prev: &'a str,
    time: &'a str,
    actor: &'a str,
    kind: &'a str,
    draw: &'a str,
    body: &'a Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    sealed: Option<&'a str>,
}

impl<K: AsRef<str>> LogEntry<K> {
    fn hashed(&self) -> Hashed<'_> {
        Hashed {
            seq: self.seq,
            prev: &self.prev,
            time: &self.time,
            actor: &self.actor,
            kind: self.kind.as_ref(),
            draw: &self.draw,
            body: &self.body,
            sealed: self.sealed.as_deref(),
        }
    }

    /// Entry hash (chain link and Merkle leaf data).
    pub fn hash(&self) -> Result<Hash, LogError> {
        let v = serde_json::to_value(self.hashed()).map_err(|e| LogError::Malformed(self.seq, e.to_string()))?;
        Ok(json_hash("entry", &v)?)
    }
}

impl LogEntry<String> {
    /// The entry with its kind read as a [`Kind`].
    pub fn typed_kind(self) -> Result<LogEntry, LogError> {
        let kind = Kind::from_code(&self.kind)
            .ok_or_else(|| LogError::Malformed(self.seq, format!("unknown entry kind {:?}", self.kind)))?;
        Ok(LogEntry {
            seq: self.seq,
            prev: self.prev,
            time: self.time,
            actor: self.actor,
            kind,
            draw: self.draw,
            body: self.body,
            sealed: self.sealed,
            payload: self.payload,
        })
    }
}

impl LogEntry {
    /// The body read as its kind requires.
    pub fn typed(&self) -> Result<Body, LogError> {
        Body::parse(self.kind, &self.body).map_err(|e| LogError::Malformed(self.seq, e.to_string()))
    }
}

/// The confidential part of a commit entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CommitPayload {
    pub(crate) salt: String,
    pub(crate) secret: String,
    pub(crate) request: Value,
    pub(crate) eligible: Vec<String>,
    pub(crate) excluded: Vec<ExcludedCodes>,
    /// v2: the display name of each eligible expert, in the order of `eligible`.
    #[serde(default)]
    pub(crate) names: Option<Vec<String>>,
}

/// An excluded id with its reason codes as strings (the wire form).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ExcludedCodes {
    pub(crate) id: String,
    pub(crate) reasons: Vec<String>,
}

/// Computes the order of a draw from its commit entry hash, payload and beacon.
pub(crate) fn draw_order(context: &Hash, payload: &CommitPayload, beacon: &[u8]) -> Result<Vec<String>, LogError> {
    order_from(context, &payload.secret, &payload.eligible, beacon)
}

fn order_from(context: &Hash, secret: &str, eligible: &[String], beacon: &[u8]) -> Result<Vec<String>, LogError> {
    let secret = hex::decode(secret).map_err(|_| LogError::NotHex("secret"))?;
    Ok(order(eligible, &secret, OrderInputs { context, beacon })?)
}

/// The parts of a commit payload the order needs, read from the stored payload without
/// copying it (the excluded set, often most of a large pool, is skipped).
#[derive(Deserialize)]
struct OrderPayload {
    salt: String,
    secret: String,
    eligible: Vec<String>,
}

/// Derived state of one draw, as the service needs it to write the next entry.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct DrawState {
    /// Sequence number of the commit or directed entry.
    pub commit_seq: Option<u64>,
    /// The pool drawn from.
    pub pool: String,
    /// Experts wanted (N), or chosen for a directed selection.
    pub count: u64,
    /// Size of the eligible set (E); 0 for a directed selection.
    pub eligible_count: u64,
    /// Time from which the draw may be revealed.
    pub reveal_after: String,
    /// True for a directed selection.
    pub directed: bool,
    /// True once the run entry is in.
    pub run: bool,
    /// Called positions in calling order.
    pub called: Vec<u64>,
    /// Answers by position.
    pub outcomes: BTreeMap<u64, Outcome>,
    /// True once the reveal entry is in.
    pub revealed: bool,
    /// Sequence number of the (first) reveal entry.
    pub reveal_seq: Option<u64>,
    /// What this use of the pool drew, kept when a compacting log drops the draw's
    /// entries (the pause rule still needs it, the order is gone).
    drawn: Option<Vec<String>>,
    /// The beacon the commit named (v1 round or v2 kind); `None` for v1 without one.
    pub beacon: Option<NamedBeacon>,
    /// True for a draw committed (or directed) under `expertpool-draw/v2`.
    pub v2: bool,
    /// v2: the commit's request key.
    pub request_key: Option<String>,
    /// Time of the commit or directed entry.
    pub commit_time: String,
    /// True once a cancel entry is in: nothing more is called or answered.
    pub cancelled: bool,
    /// v2: attendance recorded by position (spec §10.9).
    #[serde(default)]
    pub attendance: BTreeMap<u64, Attendance>,

    /// The full order once the draw is run: it never changes after that, and the pause
    /// rule, reveals and the service read it again and again. A cache: a snapshot
    /// leaves it out and the first use recomputes it from the kept entries.
    #[serde(skip)]
    order: OnceLock<Arc<Vec<String>>>,
}

impl DrawState {
    /// Called experts who accepted.
    pub fn accepted(&self) -> u64 {
        self.outcomes.values().filter(|o| **o == Outcome::Accepted).count() as u64
    }
    /// Called experts not answered yet.
    pub fn pending(&self) -> u64 {
        self.called.iter().filter(|p| !self.outcomes.contains_key(p)).count() as u64
    }
    /// True when the draw ended without filling its seats (spec §10.5): cancelled, or
    /// run with every position it could call called and answered and fewer than N
    /// accepted. A directed selection may stand in only for such a draw.
    pub fn unfilled(&self) -> bool {
        !self.directed
            && (self.cancelled
                || (self.run
                    && self.accepted() < self.count
                    && self.pending() == 0
                    && self.next_positions().is_empty()))
    }

    /// Positions to call now: as many as are missing, next in order (spec §4.3).
    pub fn next_positions(&self) -> Vec<u64> {
        if !self.run || self.cancelled {
            return vec![];
        }
        next_positions(self.count, self.eligible_count, &self.called, &self.outcomes)
    }
}

/// Who writes an entry and when: the two fields every append takes from its caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp<'a> {
    /// `YYYY-MM-DDTHH:MM:SSZ`, never before the previous entry.
    pub time: &'a str,
    /// The staff member (token owner) or the service itself.
    pub actor: &'a str,
}

impl<'a> Stamp<'a> {
    /// `actor` at `time`.
    pub fn new(time: &'a str, actor: &'a str) -> Self {
        Stamp { time, actor }
    }
}

/// Everything a commit entry fixes besides who and when (spec §5.2).
#[derive(Debug, Clone)]
pub struct CommitInputs<'a> {
    /// The request, with its draw id set.
    pub request: &'a DrawRequest,
    /// Eligibility computed for it.
    pub eligibility: &'a Eligibility,
    /// Hash of the pool snapshot eligibility was computed from.
    pub snapshot_hash: &'a Hash,
    /// The server secret, from the OS generator.
    pub secret: &'a [u8; 32],
    /// The salt of the set commitments, from the OS generator.
    pub salt: &'a [u8; 32],
    /// A beacon round named in advance, if any.
    pub beacon: Option<BeaconSpec>,
}

/// A directed selection (art. 9(2)) as approved.
#[derive(Debug, Clone, Copy)]
pub struct DirectedSelection<'a> {
    /// The new draw id.
    pub draw: &'a str,
    /// The pool chosen from.
    pub pool: &'a str,
    /// Reference of the approval document.
    pub approval_ref: &'a str,
    /// Who approved.
    pub approved_by: &'a str,
    /// The chosen experts' ids.
    pub experts: &'a [String],
    /// Why they were chosen (sealed until the reveal).
    pub reason: &'a str,
    /// Time from which the selection may be revealed.
    pub reveal_after: &'a str,
    /// The payload's salt, from the OS generator.
    pub salt: &'a [u8; 32],
}

/// An in-memory log. The service appends to it (and journals each new entry);
/// verifiers use [`crate::verify::verify_log`] on the public export instead.
///
/// A log made with [`Log::compacting`] keeps, besides the hashes and the state of every
/// draw, only the entries of draws that can still change: [`Log::compact`] drops those of
/// revealed draws (and of draws never run whose confidentiality time has passed). Its
/// owner reads dropped entries back from wherever it stored them (the service: its journal).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Log {
    /// Shared, so that the service's second copy of the log (what readers see) costs no
    /// copy of the payloads, which for a large pool are hundreds of kilobytes per commit.
    /// Every entry in a full log; empty in a compacting one.
    entries: Vec<Arc<LogEntry>>,
    /// A compacting log's entries of draws still open, by sequence number.
    live: BTreeMap<u64, Arc<LogEntry>>,
    compacting: bool,
    len: u64,
    last_time: String,
    #[serde(with = "crate::encoding::flat_hashes")]
    hashes: Vec<Hash>,
    /// Derived from `hashes`, so a serialized log leaves them out and
    /// [`Log::restore_tree`] rebuilds them: the tree can never disagree with the entries.
    #[serde(skip)]
    leaves: Vec<Hash>,
    #[serde(skip)]
    frontier: merkle::Frontier,
    draws: BTreeMap<String, DrawState>,
    /// Uses of each pool (random draws run, directed selections) by commit sequence number.
    uses: BTreeMap<String, BTreeMap<u64, String>>,
    /// v2: the latest commit of each request key (spec §10.4).
    request_keys: BTreeMap<String, String>,
}

impl Log {
    /// An empty log.
    pub fn new() -> Self {
        Self::default()
    }

    /// Rebuilds the Merkle tree from the entry hashes, after the log was deserialized (a
    /// state snapshot holds the hashes only). Costs two hashes per entry.
    pub fn restore_tree(&mut self) {
        self.leaves = self.hashes.iter().map(|h| merkle::leaf_hash(h)).collect();
        self.frontier = merkle::Frontier::new();
        for l in &self.leaves {
            self.frontier.push(*l);
        }
    }

    /// An empty log that keeps only the entries of open draws (see [`Log::compact`]).
    pub fn compacting() -> Self {
        Log { compacting: true, ..Self::default() }
    }

    /// True for a log made with [`Log::compacting`].
    pub fn is_compacting(&self) -> bool {
        self.compacting
    }

    /// In a compacting log, drops the entries of every draw that can no longer change:
    /// revealed, or never run with its confidentiality time passed (the service runs no
    /// draw after that time). What the pause rule needs of them is kept. A full log is
    /// left as it is.
    pub fn compact(&mut self) {
        if !self.compacting || self.live.is_empty() {
            return;
        }
        let now = self.last_time.clone();
        let closed: Vec<String> = self
            .live
            .values()
            .map(|e| e.draw.as_str())
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .filter(|d| {
                self.draws.get(*d).is_some_and(|st| {
                    st.revealed || (!st.run && !st.directed && st.reveal_after.as_str() <= now.as_str())
                })
            })
            .map(String::from)
            .collect();
        for d in &closed {
            let drawn = self.draws.get(d).and_then(|st| (st.run || st.directed).then(|| self.drawn_in(d, st).ok()));
            if let Some(st) = self.draws.get_mut(d) {
                st.drawn = drawn.flatten().or(Some(vec![]));
                st.order = OnceLock::new();
            }
        }
        let closed: std::collections::BTreeSet<&str> = closed.iter().map(String::as_str).collect();
        self.live.retain(|_, e| !closed.contains(e.draw.as_str()));
    }

    /// Entry `seq`, when this log still holds it (a compacting log drops closed draws').
    pub fn entry(&self, seq: u64) -> Option<&Arc<LogEntry>> {
        if self.compacting { self.live.get(&seq) } else { self.entries.get(seq as usize) }
    }

    /// The entries from `seq` on that this log holds (for the service: the batch just
    /// appended, before it compacts).
    pub fn entries_from(&self, seq: u64) -> Vec<Arc<LogEntry>> {
        if self.compacting {
            self.live.range(seq..).map(|(_, e)| e.clone()).collect()
        } else {
            self.entries.get(seq as usize..).unwrap_or_default().to_vec()
        }
    }

    /// Time of the last entry.
    pub fn last_time(&self) -> Option<&str> {
        (self.len > 0).then_some(self.last_time.as_str())
    }

    /// Rebuilds a log from journaled entries, checking the chain as it goes.
    pub fn from_entries(entries: Vec<LogEntry>) -> Result<Self, LogError> {
        let mut log = Log::new();
        for e in entries {
            let expected_prev = log.head_hash();
            if e.seq != log.len || e.prev != to_hex(&expected_prev) {
                return Err(LogError::Malformed(e.seq, "sequence number or chain link does not match".into()));
            }
            log.push(Arc::new(e))?;
        }
        Ok(log)
    }

    /// Appends one already-built entry (e.g. copied from another log or a journal),
    /// checking its sequence number and chain link as [`Log::from_entries`] does. Unlike
    /// [`Log::append`] it does not re-seal the payload, which for a large pool is most
    /// of the cost of an entry.
    pub fn push_entry(&mut self, e: impl Into<Arc<LogEntry>>) -> Result<(), LogError> {
        let e = e.into();
        if e.seq != self.len() || e.prev != to_hex(&self.head_hash()) {
            return Err(LogError::Malformed(e.seq, "sequence number or chain link does not match".into()));
        }
        self.push(e)
    }

    /// Every entry, in order, of a full log; a compacting log returns none (use
    /// [`Log::entry`] and [`Log::entries_from`]).
    pub fn entries(&self) -> &[Arc<LogEntry>] {
        &self.entries
    }
    /// Number of entries.
    pub fn len(&self) -> u64 {
        self.len
    }
    /// True when the log has no entry.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
    /// Hash of the last entry, or zeros.
    pub fn head_hash(&self) -> Hash {
        self.hashes.last().copied().unwrap_or([0; 32])
    }
    /// Hash of entry `seq`.
    pub fn entry_hash(&self, seq: u64) -> Option<Hash> {
        self.hashes.get(seq as usize).copied()
    }
    /// State of draw `id`.
    pub fn draw(&self, id: &str) -> Option<&DrawState> {
        self.draws.get(id)
    }

    /// Merkle root over the first `size` entries: O(log n) for the whole log, a
    /// recomputation for an earlier size.
    pub fn root(&self, size: u64) -> Result<Hash, LogError> {
        if size > self.len() {
            return Err(LogError::Size(size, self.len()));
        }
        if size == self.len() {
            return Ok(self.frontier.root());
        }
        Ok(merkle::root(&self.leaves[..size as usize]))
    }
    /// The (unsigned) tree head of the whole log, in O(log n).
    pub fn checkpoint(&self, origin: &str) -> Checkpoint {
        Checkpoint { origin: origin.to_owned(), size: self.len(), root: self.frontier.root() }
    }
    /// Inclusion proof of entry `seq` in the tree of the first `size` entries.
    pub fn inclusion_proof(&self, seq: u64, size: u64) -> Result<Vec<Hash>, LogError> {
        if size > self.len() {
            return Err(LogError::Size(size, self.len()));
        }
        merkle::inclusion_proof(&self.leaves[..size as usize], seq as usize).ok_or(LogError::Size(seq, size))
    }
    /// Consistency proof between tree sizes `old <= new`.
    pub fn consistency_proof(&self, old: u64, new: u64) -> Result<Vec<Hash>, LogError> {
        if new > self.len() {
            return Err(LogError::Size(new, self.len()));
        }
        merkle::consistency_proof(&self.leaves[..new as usize], old as usize).ok_or(LogError::Size(old, new))
    }

    fn push(&mut self, e: Arc<LogEntry>) -> Result<(), LogError> {
        let h = e.hash()?;
        let st = self.draws.entry(e.draw.clone()).or_default();
        let was_use = st.run || st.directed;
        match e.kind {
            Kind::Cancel => st.cancelled = true,
            Kind::Commit | Kind::Directed => {
                st.commit_seq = Some(e.seq);
                st.commit_time.clone_from(&e.time);
            }
            Kind::Run | Kind::Call => st.run = true,
            Kind::Reveal => {
                st.revealed = true;
                st.reveal_seq.get_or_insert(e.seq);
            }
            Kind::Response | Kind::Withdrawal | Kind::Attendance => {}
        }

        // A body that does not parse adds no state; only rebuilt, edited logs have one
        // (the verifier reports it), and their hashes must still come out.
        match e.typed() {
            Ok(Body::Commit(b)) => {
                st.pool = b.pool;
                st.count = b.count;
                st.eligible_count = b.eligible_count;
                st.reveal_after = b.reveal_after;
                st.v2 = b.algorithm == crate::ALGORITHM_V2;
                st.beacon = b.beacon;
                if let Some(k) = &b.request_key {
                    self.request_keys.insert(k.clone(), e.draw.clone());
                }
                st.request_key = b.request_key;
            }
            Ok(Body::Directed(b)) => {
                st.directed = true;
                st.v2 = b.algorithm.as_deref() == Some(crate::ALGORITHM_V2);
                st.request_key = b.request_key;
                st.pool = b.pool;
                st.count = b.count;
                st.reveal_after = b.reveal_after;
            }
            Ok(Body::Run(b)) => st.called.extend(b.called),
            Ok(Body::Call(b)) => st.called.extend(b.positions),
            Ok(Body::Response(b)) => {
                st.outcomes.insert(b.position, b.outcome);
            }
            Ok(Body::Withdrawal(b)) => {
                st.outcomes.insert(b.position, Outcome::Withdrawn);
            }
            Ok(Body::Attendance(b)) => {
                st.attendance.insert(b.position, b.outcome);
            }
            Ok(Body::Reveal(_) | Body::Cancel(_)) | Err(_) => {}
        }
        if e.kind == Kind::Directed {
            st.directed = true;
        }
        if !was_use
            && (st.run || st.directed)
            && let Some(c) = st.commit_seq
        {
            let pool = st.pool.clone();
            self.uses.entry(pool).or_default().insert(c, e.draw.clone());
        }
        let leaf = merkle::leaf_hash(&h);
        self.leaves.push(leaf);
        self.frontier.push(leaf);
        self.hashes.push(h);
        self.len += 1;
        self.last_time.clone_from(&e.time);
        if self.compacting {
            self.live.insert(e.seq, e);
        } else {
            self.entries.push(e);
        }
        Ok(())
    }

    /// Appends an entry of any kind with its typed body.
    pub fn append(
        &mut self,
        at: Stamp<'_>,
        draw: &str,
        body: Body,
        payload: Option<Value>,
    ) -> Result<&LogEntry, LogError> {
        self.append_raw(at, body.kind(), draw, body.to_value(), payload)
    }

    /// Appends an entry whose body is given as JSON, unchecked: for tools and tests that
    /// rebuild a log from edited entries. This is the one place that assigns `seq`,
    /// `prev` and `sealed`.
    pub fn append_raw(
        &mut self,
        at: Stamp<'_>,
        kind: Kind,
        draw: &str,
        body: Value,
        payload: Option<Value>,
    ) -> Result<&LogEntry, LogError> {
        let time = at.time;
        if !is_timestamp(time) {
            return Err(LogError::Timestamp(time.to_owned()));
        }
        if let Some(last) = self.last_time().filter(|l| time < *l) {
            return Err(LogError::TimeGoesBack { time: time.into(), prev: last.to_owned() });
        }
        let sealed = match &payload {
            Some(p) => Some(to_hex(&sealed_hash(p)?)),
            None => None,
        };
        let e = LogEntry {
            seq: self.len(),
            prev: to_hex(&self.head_hash()),
            time: time.into(),
            actor: at.actor.into(),
            kind,
            draw: draw.into(),
            body,
            sealed,
            payload,
        };
        let seq = e.seq;
        self.push(Arc::new(e))?;
        Ok(self.entry(seq).expect("just pushed"))
    }

    fn state(&self, draw: &str) -> Result<&DrawState, LogError> {
        self.draws.get(draw).ok_or_else(|| LogError::UnknownDraw(draw.to_owned()))
    }

    /// Appends the commit entry of a random draw: every input is fixed and the
    /// secret committed before anything is drawn.
    pub fn commit(&mut self, at: Stamp<'_>, inputs: &CommitInputs<'_>) -> Result<&LogEntry, LogError> {
        let CommitInputs { request, eligibility: elig, snapshot_hash, secret, salt, .. } = *inputs;
        let (snapshot_hash, secret, salt) = (*snapshot_hash, *secret, *salt);
        if self.draws.contains_key(&request.draw) {
            return Err(LogError::DrawExists(request.draw.clone()));
        }
        if !is_timestamp(&request.reveal_after) {
            return Err(LogError::Timestamp(request.reveal_after.clone()));
        }
        let req = request.to_value();
        // Built as values directly: going through serde for thousands of exclusions
        // costs more than the hashing.
        let excluded: Vec<Value> = elig
            .excluded
            .iter()
            .map(|x| {
                let mut m = serde_json::Map::new();
                m.insert("id".into(), Value::String(x.id.clone()));
                m.insert(
                    "reasons".into(),
                    Value::Array(x.reasons.iter().map(|r| Value::String(r.code().into())).collect()),
                );
                Value::Object(m)
            })
            .collect();
        let eligible: Vec<Value> = elig.eligible.iter().map(|x| Value::String(x.clone())).collect();
        let body = CommitBody {
            algorithm: crate::ALGORITHM.into(),
            eligibility: crate::ELIGIBILITY_VERSION.into(),
            pool: request.pool.clone(),
            count: request.count.into(),
            reveal_after: request.reveal_after.clone(),
            rules: request.rules,
            request_hash: to_hex(&json_hash("request", &req)?),
            snapshot_hash: to_hex(&snapshot_hash),
            eligible_count: elig.eligible.len() as u64,
            eligible_commit: to_hex(&eligible_commitment(&salt, &elig.eligible)),
            excluded_count: elig.excluded.len() as u64,
            excluded_commit: to_hex(&excluded_commitment(&salt, &elig.excluded)),
            secret_commit: to_hex(&secret_commitment(&secret)),
            beacon: inputs.beacon.clone().map(NamedBeacon::V1),
            using_unit: None,
            purpose: None,
            work_content: None,
            specialty: None,
            min_level: None,
            event_date: None,
            request_key: None,
            redo_of: None,
        };
        // Not `json!`, which would copy the sets once more through serde.
        let mut payload = serde_json::Map::new();
        payload.insert("salt".into(), Value::String(to_hex(&salt)));
        payload.insert("secret".into(), Value::String(to_hex(&secret)));
        payload.insert("request".into(), req);
        payload.insert("eligible".into(), Value::Array(eligible));
        payload.insert("excluded".into(), Value::Array(excluded));
        let payload = Value::Object(payload);
        self.append(at, &request.draw, Body::Commit(body), Some(payload))
    }

    fn commit_of(&self, draw: &str) -> Result<(Hash, OrderPayload), LogError> {
        let st = self.state(draw)?;
        if st.directed {
            return Err(LogError::Directed(draw.to_owned()));
        }
        // A run, call or response without a commit: only an edited log has one.
        let seq = st.commit_seq.ok_or_else(|| LogError::UnknownDraw(draw.to_owned()))?;
        let e = self.entry(seq).ok_or_else(|| LogError::PayloadWithheld(draw.to_owned()))?;
        let p = e.payload.as_ref().ok_or_else(|| LogError::PayloadWithheld(draw.to_owned()))?;
        let p = OrderPayload::deserialize(p).map_err(|x| LogError::Malformed(seq, x.to_string()))?;
        Ok((self.hashes[seq as usize], p))
    }

    /// The full order of a run draw (the service calls experts from it), computed once.
    pub fn order_of(&self, draw: &str) -> Result<Vec<String>, LogError> {
        Ok(self.order_arc(draw)?.as_ref().clone())
    }

    /// [`Log::order_of`] without copying the ids.
    pub fn order_arc(&self, draw: &str) -> Result<Arc<Vec<String>>, LogError> {
        let st = self.state(draw)?;
        if let Some(o) = st.order.get() {
            return Ok(o.clone());
        }
        let (ctx, p) = self.commit_of(draw)?;
        let beacon =
            match self.draw_entries(draw).into_iter().find(|e| e.kind == Kind::Run).map(LogEntry::typed).transpose()? {
                Some(Body::Run(RunBody { beacon_value: Some(v), .. })) => {
                    hex::decode(v).map_err(|_| LogError::NotHex("beacon value"))?
                }
                _ => vec![],
            };
        let o = Arc::new(order_from(&ctx, &p.secret, &p.eligible, &beacon)?);
        // Before the run entry the beacon value is not known yet: nothing to remember.
        if st.run {
            let _ = st.order.set(o.clone());
        }
        Ok(o)
    }

    /// Entries of one draw, from its first entry on.
    fn draw_entries<'a>(&'a self, draw: &'a str) -> Vec<&'a LogEntry> {
        let from = self.draws.get(draw).and_then(|s| s.commit_seq).unwrap_or(0);
        if self.compacting {
            return self.live.range(from..).map(|(_, e)| &**e).filter(|e| e.draw == draw).collect();
        }
        let from = from as usize;
        self.entries[from.min(self.entries.len())..].iter().map(|e| &**e).filter(|e| e.draw == draw).collect()
    }

    /// Appends the run entry: the order is fixed and the first `min(N, E)`
    /// positions are called. Returns the full order (confidential).
    pub fn run(&mut self, at: Stamp<'_>, draw: &str, beacon_value: Option<&[u8]>) -> Result<Vec<String>, LogError> {
        let (ctx, p) = self.commit_of(draw)?;
        let st = self.state(draw)?;
        if st.run {
            return Err(LogError::AlreadyRun(draw.to_owned()));
        }
        if st.v2 {
            return Err(LogError::Beacon("a v2 draw is run with its beacon evidence (run_v2)".into()));
        }
        let named = st.beacon.is_some();
        if named != beacon_value.is_some() {
            return Err(LogError::BeaconMismatch { named });
        }
        let count = st.count;
        let beacon = beacon_value.unwrap_or(&[]);
        let ord = order_from(&ctx, &p.secret, &p.eligible, beacon)?;
        let salt = hex::decode(&p.salt).map_err(|_| LogError::NotHex("salt"))?;
        let body = RunBody {
            beacon_value: beacon_value.map(hex::encode),
            order_hash: to_hex(&order_hash(&salt, &ord)),
            called: (0..count.min(ord.len() as u64)).collect(),
            shortfall: count.saturating_sub(ord.len() as u64),
            beacon_evidence: None,
        };
        self.append(at, draw, Body::Run(body), None)?;
        if let Some(st) = self.draws.get(draw) {
            let _ = st.order.set(Arc::new(ord.clone()));
        }
        Ok(ord)
    }

    /// Records the answer of the expert at `position`.
    pub fn respond(
        &mut self,
        at: Stamp<'_>,
        draw: &str,
        position: u64,
        outcome: Outcome,
        reason: Option<&str>,
    ) -> Result<&LogEntry, LogError> {
        let st = self.state(draw)?;
        if st.cancelled {
            return Err(LogError::Cancelled(draw.to_owned()));
        }
        if !st.called.contains(&position) {
            return Err(LogError::NotCalled(position));
        }
        if st.outcomes.contains_key(&position) {
            return Err(LogError::AlreadyAnswered(position));
        }
        if outcome == Outcome::Withdrawn {
            return Err(LogError::NotAccepted(position));
        }
        let reason = reason.filter(|r| !r.is_empty());
        match (outcome.needs_reason(), reason) {
            (true, None) => return Err(LogError::ReasonRequired(outcome.code())),
            (false, Some(_)) => return Err(LogError::ReasonNotTaken(outcome.code())),
            _ => {}
        }
        let body = ResponseBody { position, outcome, reason: reason.map(String::from) };
        self.append(at, draw, Body::Response(body), None)
    }

    /// Calls the next positions in order if seats are missing; returns them
    /// (empty when nothing is to be called or the order is exhausted).
    pub fn call_next(&mut self, at: Stamp<'_>, draw: &str) -> Result<Vec<u64>, LogError> {
        let next = self.state(draw)?.next_positions();
        if !next.is_empty() {
            self.append(at, draw, Body::Call(CallBody { positions: next.clone() }), None)?;
        }
        Ok(next)
    }

    /// A directed selection (art. 9(2)), allowed only with an approval reference.
    pub fn directed(&mut self, at: Stamp<'_>, sel: &DirectedSelection<'_>) -> Result<&LogEntry, LogError> {
        if sel.approval_ref.trim().is_empty() || sel.approved_by.trim().is_empty() {
            return Err(LogError::ApprovalMissing);
        }
        if self.draws.contains_key(sel.draw) {
            return Err(LogError::DrawExists(sel.draw.to_owned()));
        }
        if !is_timestamp(sel.reveal_after) {
            return Err(LogError::Timestamp(sel.reveal_after.into()));
        }
        let ids = crate::order::canonical_ids(sel.experts)?;
        let body = DirectedBody {
            pool: sel.pool.into(),
            approval_ref: sel.approval_ref.into(),
            approved_by: sel.approved_by.into(),
            count: ids.len() as u64,
            reveal_after: sel.reveal_after.into(),
            algorithm: None,
            request_key: None,
            stands_in_for: None,
            exception: None,
        };
        let payload = DirectedPayload { salt: to_hex(sel.salt), experts: ids, reason: sel.reason.into(), names: None };
        let payload = serde_json::to_value(payload).map_err(|e| LogError::Malformed(self.len(), e.to_string()))?;
        self.append(at, sel.draw, Body::Directed(body), Some(payload))
    }

    /// Publishes the names of the experts who were called (random draw) or
    /// chosen (directed). `names` maps id to name.
    pub fn reveal(
        &mut self,
        at: Stamp<'_>,
        draw: &str,
        names: &BTreeMap<String, String>,
    ) -> Result<&LogEntry, LogError> {
        let st = self.state(draw)?;
        if st.revealed {
            return Err(LogError::AlreadyRevealed(draw.to_owned()));
        }
        if at.time < st.reveal_after.as_str() {
            return Err(LogError::TooEarly(st.reveal_after.clone()));
        }
        // v2 binds the names at commit time: the reveal publishes those, whatever the
        // directory says now.
        let committed = if st.v2 { Some(self.committed_names(draw)?) } else { None };
        let names = committed.as_ref().unwrap_or(names);
        let names = self
            .revealed_ids(draw)?
            .into_iter()
            .map(|id| match names.get(&id) {
                Some(name) => Ok(RevealedName { name: name.clone(), id }),
                None => Err(LogError::NoName(id)),
            })
            .collect::<Result<Vec<_>, _>>()?;
        self.append(at, draw, Body::Reveal(RevealBody { names }), None)
    }

    /// Ids whose names a reveal publishes: called positions in calling order,
    /// or the directed experts.
    pub fn revealed_ids(&self, draw: &str) -> Result<Vec<String>, LogError> {
        let st = self.state(draw)?;
        if st.directed {
            let seq = st.commit_seq.unwrap_or(0) as usize;
            let p = self
                .entry(seq as u64)
                .and_then(|e| e.payload.as_ref())
                .ok_or_else(|| LogError::PayloadWithheld(draw.to_owned()))?;
            let p = DirectedPayload::deserialize(p).map_err(|e| LogError::Malformed(seq as u64, e.to_string()))?;
            return Ok(p.experts);
        }
        let ord = if st.run { self.order_arc(draw)? } else { Arc::default() };
        Ok(st.called.iter().filter_map(|p| ord.get(*p as usize).cloned()).collect())
    }

    /// Drawn experts of each earlier use of `pool`, oldest first: the input of
    /// the pause rule (spec §3.2). A use is a random draw with a run entry or a
    /// directed selection; drawn means accepted or directed.
    pub fn pause_history(&self, pool: &str) -> Result<Vec<Vec<String>>, LogError> {
        self.recent_pause_history(pool, usize::MAX)
    }

    /// [`Log::pause_history`] restricted to the last `uses` uses of `pool`.
    /// Eligibility only looks at the last two, and recomputing every earlier
    /// order on each commit would make a long-running service slower per draw.
    pub fn recent_pause_history(&self, pool: &str, uses: usize) -> Result<Vec<Vec<String>>, LogError> {
        let Some(all) = self.uses.get(pool) else { return Ok(vec![]) };
        let skip = all.len().saturating_sub(uses);
        all.values()
            .skip(skip)
            .filter_map(|id| self.draws.get(id).map(|st| (id, st)))
            .map(|(id, st)| self.drawn_in(id, st))
            .collect()
    }

    /// The experts one use of the pool drew: those who accepted, or the directed ones.
    fn drawn_in(&self, id: &str, st: &DrawState) -> Result<Vec<String>, LogError> {
        if let Some(d) = &st.drawn {
            return Ok(d.clone());
        }
        if st.directed {
            return self.revealed_ids(id);
        }
        let ord = self.order_arc(id)?;
        Ok(st
            .outcomes
            .iter()
            .filter(|(_, o)| **o == Outcome::Accepted)
            .filter_map(|(p, _)| ord.get(*p as usize).cloned())
            .collect())
    }

    /// The public file: entries with payloads of unrevealed draws withheld,
    /// plus the signed checkpoint notes given by the caller.
    pub fn public_export(&self, origin: &str, key_name: &str, public_key: &[u8; 32], checkpoints: &[String]) -> Value {
        let entries: Vec<Value> = self
            .entries
            .iter()
            .map(|e| {
                let revealed = self.draws.get(&e.draw).is_some_and(|s| s.revealed);
                serde_json::to_value(Public { entry: e.hashed(), payload: e.payload.as_ref().filter(|_| revealed) })
                    .unwrap_or(Value::Null)
            })
            .collect();
        json!({
            "format": LOG_FORMAT,
            "origin": origin,
            "key_name": key_name,
            "public_key": to_hex(public_key),
            "entries": entries,
            "checkpoints": checkpoints,
        })
    }
}

/// The fields of a v2 request beyond [`DrawRequest`] (spec §10.2). The service trims and
/// NFC-normalises them; the request key is computed over them as stored.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RequestV2 {
    /// The unit the experts are drawn for (专家使用方).
    pub using_unit: String,
    /// What the experts will do (工作内容); public.
    pub work_content: String,
    /// The project or event the request is for; sealed, enters the request key.
    pub project: String,
}

/// `H("request-key", using_unit, purpose, event_date, project)` (spec §10.4).
pub fn request_key(using_unit: &str, purpose: &str, event_date: &str, project: &str) -> Hash {
    tagged_hash("request-key", [using_unit.as_bytes(), purpose.as_bytes(), event_date.as_bytes(), project.as_bytes()])
}

/// Everything a v2 commit fixes besides who and when.
#[derive(Debug, Clone)]
pub struct CommitV2<'a> {
    /// The v1 inputs; their `beacon` must be `None` (v2 names [`CommitV2::beacon`]).
    pub inputs: CommitInputs<'a>,
    /// Using unit, work content and project.
    pub extra: &'a RequestV2,
    /// The beacon named (for drand, [`Beacon::drand_after`] the commit time).
    pub beacon: Beacon,
    /// The draw of the same request this one replaces, when there is one.
    pub redo_of: Option<RedoOf>,
    /// Display name of every eligible expert, by id (committed, then revealed).
    pub names: &'a BTreeMap<String, String>,
}

/// A v2 directed selection: the v1 fields, what it stands in for, and the names.
#[derive(Debug, Clone, Copy)]
pub struct DirectedV2<'a> {
    /// The v1 fields.
    pub sel: DirectedSelection<'a>,
    /// The request's key (as its random draws have it).
    pub request_key: &'a str,
    /// The random draw of that request that could not be filled, or
    pub stands_in_for: Option<&'a str>,
    /// the public reason for a selection without such a draw.
    pub exception: Option<&'a str>,
    /// Display name of every chosen expert, by id.
    pub names: &'a BTreeMap<String, String>,
}

fn not_blank(what: &'static str, s: &str) -> Result<(), LogError> {
    if crate::beacon::is_blank(s) { Err(LogError::BlankReason(what)) } else { Ok(()) }
}

impl Log {
    /// The latest draw committed with request key `key` (v2), if any.
    pub fn latest_with_request_key(&self, key: &str) -> Option<&str> {
        self.request_keys.get(key).map(String::as_str)
    }

    /// Appends a v2 commit entry (spec §10.2): the v1 commitments plus the request's
    /// public fields, its key, the named beacon and the link to a re-drawn request.
    /// A request key already used requires `redo_of` naming the latest draw with it.
    pub fn commit_v2(&mut self, at: Stamp<'_>, c: &CommitV2<'_>) -> Result<&LogEntry, LogError> {
        let request = c.inputs.request;
        let event = request.event_date.to_string();
        let key = to_hex(&request_key(&c.extra.using_unit, &request.purpose, &event, &c.extra.project));
        match (self.latest_with_request_key(&key), &c.redo_of) {
            (Some(latest), Some(r)) if r.draw == latest => not_blank("redo_of", &r.reason)?,
            (Some(latest), _) => return Err(LogError::RedoRequired { latest: latest.to_owned() }),
            (None, Some(r)) => return Err(LogError::RedoUnknown(r.draw.clone())),
            (None, None) => {}
        }
        let names: Vec<Value> = c
            .inputs
            .eligibility
            .eligible
            .iter()
            .map(|id| match c.names.get(id) {
                Some(n) if !crate::beacon::is_blank(n) => Ok(Value::String(n.clone())),
                _ => Err(LogError::NoName(id.clone())),
            })
            .collect::<Result<_, _>>()?;
        let inputs = CommitInputs { beacon: None, ..c.inputs.clone() };
        // The v1 commit builds the commitments; its entry is taken back and rewritten
        // as v2 before anything else can see it.
        let mut scratch = Log::new();
        scratch.commit(Stamp::new(at.time, at.actor), &inputs)?;
        let v1 = scratch.entries.pop().ok_or(LogError::UnknownDraw(request.draw.clone()))?;
        let mut payload = v1.payload.clone().unwrap_or(Value::Null);
        let req = &mut payload["request"];
        req["using_unit"] = json!(c.extra.using_unit);
        req["work_content"] = json!(c.extra.work_content);
        req["project"] = json!(c.extra.project);
        let request_hash = to_hex(&json_hash("request", req)?);
        payload["names"] = Value::Array(names);
        let mut body = v1.body.clone();
        body["algorithm"] = json!(crate::ALGORITHM_V2);
        body["request_hash"] = json!(request_hash);
        body["beacon"] = serde_json::to_value(&c.beacon).map_err(|e| LogError::Beacon(e.to_string()))?;
        body["using_unit"] = json!(c.extra.using_unit);
        body["purpose"] = json!(request.purpose);
        body["work_content"] = json!(c.extra.work_content);
        body["specialty"] = json!(request.specialty);
        body["min_level"] = json!(request.min_level);
        body["event_date"] = json!(event);
        body["request_key"] = json!(key);
        body["redo_of"] = match &c.redo_of {
            Some(r) => json!({"draw": r.draw, "reason": r.reason}),
            None => Value::Null,
        };
        if self.draws.contains_key(&request.draw) {
            return Err(LogError::DrawExists(request.draw.clone()));
        }
        self.append_raw(at, Kind::Commit, &request.draw, body, Some(payload))
    }

    /// Runs a v2 draw with the evidence of its beacon (spec §10.3): a drand round's
    /// signature, checked against quicknet's key here; a lottery's published result;
    /// nothing for kind `none`. The value entering the order is derived from the
    /// evidence, never taken from the caller. Returns the full order (confidential).
    pub fn run_v2(
        &mut self,
        at: Stamp<'_>,
        draw: &str,
        evidence: Option<&BeaconEvidence>,
    ) -> Result<Vec<String>, LogError> {
        let (ctx, p) = self.commit_of(draw)?;
        let st = self.state(draw)?;
        if st.run {
            return Err(LogError::AlreadyRun(draw.to_owned()));
        }
        if st.cancelled {
            return Err(LogError::Cancelled(draw.to_owned()));
        }
        let Some(NamedBeacon::V2(named)) = st.beacon.clone().filter(|_| st.v2) else {
            return Err(LogError::Beacon("not a v2 draw: run it with its beacon value (run)".into()));
        };
        let (value, evidence_json): (Vec<u8>, Value) = match (&named, evidence) {
            (Beacon::None, None) => (vec![], Value::Null),
            (Beacon::Drand { round, .. }, Some(BeaconEvidence::Drand { round: r, signature })) => {
                if r != round {
                    return Err(LogError::Beacon(format!(
                        "the evidence is of round {r}, the draw named round {round}"
                    )));
                }
                let sig = hex::decode(signature).map_err(|_| LogError::NotHex("drand signature"))?;
                crate::beacon::verify_drand_signature(*round, &sig).map_err(LogError::Beacon)?;
                (crate::beacon::drand_randomness(&sig).to_vec(), json!({"round": round, "signature": to_hex(&sig)}))
            }
            (Beacon::Lottery { lottery, issue, .. }, Some(BeaconEvidence::Lottery { result })) => {
                let v = crate::beacon::lottery_value(lottery, issue, result).map_err(LogError::Beacon)?;
                (v.to_vec(), json!({"result": result}))
            }
            (named, _) => {
                return Err(LogError::Beacon(format!("the draw named a {} beacon: give its evidence", named.kind())));
            }
        };
        let count = st.count;
        let ord = order_from(&ctx, &p.secret, &p.eligible, &value)?;
        let salt = hex::decode(&p.salt).map_err(|_| LogError::NotHex("salt"))?;
        let body = json!({
            "beacon_value": if value.is_empty() { Value::Null } else { json!(to_hex(&value)) },
            "beacon_evidence": evidence_json,
            "order_hash": to_hex(&order_hash(&salt, &ord)),
            "called": (0..count.min(ord.len() as u64)).collect::<Vec<_>>(),
            "shortfall": count.saturating_sub(ord.len() as u64),
        });
        self.append_raw(at, Kind::Run, draw, body, None)?;
        if let Some(st) = self.draws.get(draw) {
            let _ = st.order.set(Arc::new(ord.clone()));
        }
        Ok(ord)
    }

    /// Cancels a random draw with a public reason (spec §10.5): nothing more is called
    /// or answered for it; a re-draw of its request names it in `redo_of`.
    pub fn cancel(&mut self, at: Stamp<'_>, draw: &str, reason: &str) -> Result<&LogEntry, LogError> {
        let st = self.state(draw)?;
        if st.directed {
            return Err(LogError::Directed(draw.to_owned()));
        }
        if st.cancelled {
            return Err(LogError::Cancelled(draw.to_owned()));
        }
        if st.revealed {
            return Err(LogError::AlreadyRevealed(draw.to_owned()));
        }
        not_blank("cancel", reason)?;
        self.append(at, draw, Body::Cancel(CancelBody { reason: reason.to_owned() }), None)
    }

    /// The state of a run v2 random draw, for a withdrawal or attendance (spec §10.9).
    fn accepted_seat(&self, draw: &str, position: u64) -> Result<&DrawState, LogError> {
        let st = self.state(draw)?;
        if st.directed {
            return Err(LogError::Directed(draw.to_owned()));
        }
        if !st.v2 {
            return Err(LogError::NotV2(draw.to_owned()));
        }
        if st.cancelled {
            return Err(LogError::Cancelled(draw.to_owned()));
        }
        if !st.run {
            return Err(LogError::NotRun(draw.to_owned()));
        }
        if st.outcomes.get(&position) != Some(&Outcome::Accepted) {
            return Err(LogError::NotAccepted(position));
        }
        Ok(st)
    }

    /// The expert at `position` had accepted and withdraws (art. 11): the seat is open
    /// again and [`Log::call_next`] calls the next position in order. Not after the reveal,
    /// whose names would then miss the replacement.
    pub fn withdraw(&mut self, at: Stamp<'_>, draw: &str, position: u64, reason: &str) -> Result<&LogEntry, LogError> {
        if self.accepted_seat(draw, position)?.revealed {
            return Err(LogError::AlreadyRevealed(draw.to_owned()));
        }
        not_blank("withdrawal", reason)?;
        let body = WithdrawalBody { position, reason: reason.to_owned() };
        self.append(at, draw, Body::Withdrawal(body), None)
    }

    /// What the accepted expert at `position` did at the event (art. 18(7), (8)); `reason`
    /// is what they gave for an absence, lateness or leaving early (`None`: 无故). Also
    /// after the reveal: the clerk records it after the event.
    pub fn attend(
        &mut self,
        at: Stamp<'_>,
        draw: &str,
        position: u64,
        outcome: Attendance,
        reason: Option<&str>,
    ) -> Result<&LogEntry, LogError> {
        if self.accepted_seat(draw, position)?.attendance.contains_key(&position) {
            return Err(LogError::AlreadyAttended(position));
        }
        let reason = reason.filter(|r| !crate::beacon::is_blank(r));
        if reason.is_some() && !outcome.takes_reason() {
            return Err(LogError::ReasonNotTaken(outcome.code()));
        }
        let body = AttendanceBody { position, outcome, reason: reason.map(String::from) };
        self.append(at, draw, Body::Attendance(body), None)
    }

    /// A v2 directed selection (spec §10.5): it stands in for a random draw of the same
    /// request that could not be filled, or carries a public exception reason.
    pub fn directed_v2(&mut self, at: Stamp<'_>, d: &DirectedV2<'_>) -> Result<&LogEntry, LogError> {
        match (d.stands_in_for, d.exception) {
            (Some(x), None) => {
                let st = self.draws.get(x).ok_or_else(|| LogError::StandsIn(x.into(), "no such draw".into()))?;
                if st.request_key.as_deref() != Some(d.request_key) {
                    return Err(LogError::StandsIn(x.into(), "it was made for another request".into()));
                }
                if !st.unfilled() {
                    return Err(LogError::StandsIn(
                        x.into(),
                        "it is not a random draw that ended unfilled (cancelled, or every eligible expert called and answered)".into(),
                    ));
                }
            }
            (None, Some(r)) => not_blank("exception", r)?,
            _ => {
                return Err(LogError::StandsIn(
                    String::new(),
                    "give exactly one of stands_in_for and exception".into(),
                ));
            }
        }
        let sel = d.sel;
        let ids = crate::order::canonical_ids(sel.experts)?;
        let names: Vec<String> = ids
            .iter()
            .map(|id| match d.names.get(id) {
                Some(n) if !crate::beacon::is_blank(n) => Ok(n.clone()),
                _ => Err(LogError::NoName(id.clone())),
            })
            .collect::<Result<_, _>>()?;
        let mut scratch = Log::new();
        scratch.directed(Stamp::new(at.time, at.actor), &sel)?;
        let v1 = scratch.entries.pop().ok_or(LogError::UnknownDraw(sel.draw.to_owned()))?;
        let mut body = v1.body.clone();
        body["algorithm"] = json!(crate::ALGORITHM_V2);
        body["request_key"] = json!(d.request_key);
        body["stands_in_for"] = json!(d.stands_in_for);
        body["exception"] = json!(d.exception);
        let mut payload = v1.payload.clone().unwrap_or(Value::Null);
        payload["names"] = json!(names);
        if self.draws.contains_key(sel.draw) {
            return Err(LogError::DrawExists(sel.draw.to_owned()));
        }
        self.append_raw(at, Kind::Directed, sel.draw, body, Some(payload))
    }

    /// The display names a v2 draw committed, by id (eligible experts, or the directed).
    pub fn committed_names(&self, draw: &str) -> Result<BTreeMap<String, String>, LogError> {
        let st = self.state(draw)?;
        let seq = st.commit_seq.ok_or_else(|| LogError::UnknownDraw(draw.to_owned()))?;
        let p = self
            .entry(seq)
            .and_then(|e| e.payload.as_ref())
            .ok_or_else(|| LogError::PayloadWithheld(draw.to_owned()))?;
        let ids = p.get(if st.directed { "experts" } else { "eligible" }).and_then(Value::as_array);
        let names = p.get("names").and_then(Value::as_array);
        let (Some(ids), Some(names)) = (ids, names) else {
            return Err(LogError::Malformed(seq, "the payload has no committed names".into()));
        };
        Ok(ids.iter().zip(names).filter_map(|(i, n)| Some((i.as_str()?.to_owned(), n.as_str()?.to_owned()))).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each rule the state machine enforces refuses with its own variant.
    #[test]
    fn refusals_name_the_rule() {
        let mut log = Log::new();
        let at = |t| Stamp::new(t, "staff");
        let experts = ["E2".to_string(), "E1".to_string()];
        let mut sel = DirectedSelection {
            draw: "d1",
            pool: "p",
            approval_ref: " ",
            approved_by: "chief",
            experts: &experts,
            reason: "why",
            reveal_after: "2026-01-02T00:00:00Z",
            salt: &[7; 32],
        };
        assert_eq!(log.directed(at("2026-01-01T00:00:00Z"), &sel).unwrap_err(), LogError::ApprovalMissing);
        sel.approval_ref = "ref-1";
        log.directed(at("2026-01-01T00:00:00Z"), &sel).unwrap();
        assert_eq!(log.directed(at("2026-01-01T00:00:00Z"), &sel).unwrap_err(), LogError::DrawExists("d1".into()));
        assert_eq!(log.run(at("2026-01-01T00:00:01Z"), "d1", None).unwrap_err(), LogError::Directed("d1".into()));
        assert_eq!(log.run(at("2026-01-01T00:00:01Z"), "d9", None).unwrap_err(), LogError::UnknownDraw("d9".into()));
        assert_eq!(
            log.respond(at("2026-01-01T00:00:01Z"), "d1", 0, Outcome::Accepted, None).unwrap_err(),
            LogError::NotCalled(0)
        );
        let names: BTreeMap<String, String> = [("E1", "甲"), ("E2", "乙")].map(|(i, n)| (i.into(), n.into())).into();
        assert_eq!(
            log.reveal(at("2026-01-01T00:00:01Z"), "d1", &names).unwrap_err(),
            LogError::TooEarly("2026-01-02T00:00:00Z".into())
        );
        let mut partial = names.clone();
        partial.remove("E2");
        assert_eq!(log.reveal(at("2026-01-02T00:00:00Z"), "d1", &partial).unwrap_err(), LogError::NoName("E2".into()));
        log.reveal(at("2026-01-02T00:00:00Z"), "d1", &names).unwrap();
        assert_eq!(
            log.reveal(at("2026-01-02T00:00:01Z"), "d1", &names).unwrap_err(),
            LogError::AlreadyRevealed("d1".into())
        );
        // The typed bodies read back what was written.
        match log.entries()[1].typed().unwrap() {
            Body::Reveal(b) => assert_eq!(b.names.iter().map(|n| n.id.as_str()).collect::<Vec<_>>(), ["E1", "E2"]),
            other => panic!("{other:?}"),
        }
    }
}
