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

use crate::checkpoint::Checkpoint;
use crate::eligibility::{DrawRequest, Eligibility, eligible_commitment, excluded_commitment};
use crate::encoding::{Hash, hash_from_hex, is_timestamp, json_hash, tagged_hash, to_hex};
use crate::error::LogError;
use crate::merkle;
use crate::order::{OrderInputs, order, order_hash};

/// Format identifier of a public log file.
pub const LOG_FORMAT: &str = "expertpool-draw-log/v1";

/// One log entry, exactly as journaled and published.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LogEntry {
    pub seq: u64,
    /// Hex entry hash of the previous entry; 64 zeros for the first.
    pub prev: String,
    /// `YYYY-MM-DDTHH:MM:SSZ`, passed in by the caller, never decreasing.
    pub time: String,
    /// Staff member (token owner) who caused the entry.
    pub actor: String,
    /// `commit`, `run`, `call`, `response`, `directed` or `reveal`.
    pub kind: String,
    /// Draw id the entry belongs to.
    pub draw: String,
    /// Kind-specific public fields.
    pub body: Value,
    /// Hex `H("sealed", cj(payload))` when the entry has a confidential payload.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sealed: Option<String>,
    /// The confidential payload; not hashed, withheld until the draw is revealed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payload: Option<Value>,
}

/// `H("entry", cj(entry without "payload"))` of a raw JSON entry.
pub fn entry_hash_value(v: &Value) -> Result<Hash, LogError> {
    let mut v = v.clone();
    if let Some(m) = v.as_object_mut() {
        m.remove("payload");
    }
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

impl LogEntry {
    fn hashed(&self) -> Hashed<'_> {
        Hashed {
            seq: self.seq,
            prev: &self.prev,
            time: &self.time,
            actor: &self.actor,
            kind: &self.kind,
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

/// Outcome of calling an expert (art. 11).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Accepted,
    /// Declined; a reason is required.
    Declined,
    /// Recused under art. 10 after being called; a reason code is required.
    Recused,
    /// No answer within the time the bureau allows.
    NoAnswer,
}

impl Outcome {
    pub fn code(self) -> &'static str {
        match self {
            Outcome::Accepted => "accepted",
            Outcome::Declined => "declined",
            Outcome::Recused => "recused",
            Outcome::NoAnswer => "no_answer",
        }
    }
    pub fn from_code(s: &str) -> Option<Self> {
        Some(match s {
            "accepted" => Outcome::Accepted,
            "declined" => Outcome::Declined,
            "recused" => Outcome::Recused,
            "no_answer" => Outcome::NoAnswer,
            _ => return None,
        })
    }
}

/// A public beacon round named before the draw.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BeaconSpec {
    /// e.g. `drand/quicknet`.
    pub source: String,
    pub round: u64,
}

/// The confidential part of a commit entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommitPayload {
    pub salt: String,
    pub secret: String,
    pub request: Value,
    pub eligible: Vec<String>,
    pub excluded: Vec<ExcludedCodes>,
}

/// An excluded id with its reason codes as strings (the wire form).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExcludedCodes {
    pub id: String,
    pub reasons: Vec<String>,
}

/// Computes the order of a draw from its commit entry hash, payload and beacon.
pub fn draw_order(context: &Hash, payload: &CommitPayload, beacon: &[u8]) -> Result<Vec<String>, LogError> {
    order_from(context, &payload.secret, &payload.eligible, beacon)
}

fn order_from(context: &Hash, secret: &str, eligible: &[String], beacon: &[u8]) -> Result<Vec<String>, LogError> {
    let secret = hex::decode(secret).map_err(|_| LogError::Protocol("secret is not hex".into()))?;
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
#[derive(Debug, Clone, Default)]
pub struct DrawState {
    pub commit_seq: Option<u64>,
    pub pool: String,
    pub count: u64,
    pub eligible_count: u64,
    pub directed: bool,
    pub run: bool,
    /// Called positions in calling order.
    pub called: Vec<u64>,
    pub outcomes: BTreeMap<u64, Outcome>,
    pub revealed: bool,
    /// The full order once the draw is run: it never changes after that, and the pause
    /// rule, reveals and the service read it again and again.
    order: OnceLock<Arc<Vec<String>>>,
}

impl DrawState {
    pub fn accepted(&self) -> u64 {
        self.outcomes.values().filter(|o| **o == Outcome::Accepted).count() as u64
    }
    pub fn pending(&self) -> u64 {
        self.called.iter().filter(|p| !self.outcomes.contains_key(p)).count() as u64
    }
    /// Positions to call now: as many as are missing, next in order (spec §4.3).
    pub fn next_positions(&self) -> Vec<u64> {
        if !self.run {
            return vec![];
        }
        let want = self.count.saturating_sub(self.accepted() + self.pending());
        let next = self.called.len() as u64;
        (next..self.eligible_count).take(want as usize).collect()
    }
}

/// An in-memory log. The service appends to it (and journals each new entry);
/// verifiers use [`crate::verify::verify_log`] on the public export instead.
#[derive(Debug, Clone, Default)]
pub struct Log {
    /// Shared, so that the service's second copy of the log (what readers see) costs no
    /// copy of the payloads, which for a large pool are hundreds of kilobytes per commit.
    entries: Vec<Arc<LogEntry>>,
    hashes: Vec<Hash>,
    leaves: Vec<Hash>,
    draws: BTreeMap<String, DrawState>,
}

impl Log {
    pub fn new() -> Self {
        Self::default()
    }

    /// Rebuilds a log from journaled entries, checking the chain as it goes.
    pub fn from_entries(entries: Vec<LogEntry>) -> Result<Self, LogError> {
        let mut log = Log::new();
        for e in entries {
            let expected_prev = log.head_hash();
            if e.seq != log.entries.len() as u64 || e.prev != to_hex(&expected_prev) {
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

    pub fn entries(&self) -> &[Arc<LogEntry>] {
        &self.entries
    }
    pub fn len(&self) -> u64 {
        self.entries.len() as u64
    }
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
    /// Hash of the last entry, or zeros.
    pub fn head_hash(&self) -> Hash {
        self.hashes.last().copied().unwrap_or([0; 32])
    }
    pub fn entry_hash(&self, seq: u64) -> Option<Hash> {
        self.hashes.get(seq as usize).copied()
    }
    pub fn draw(&self, id: &str) -> Option<&DrawState> {
        self.draws.get(id)
    }

    /// Merkle root over the first `size` entries.
    pub fn root(&self, size: u64) -> Result<Hash, LogError> {
        if size > self.len() {
            return Err(LogError::Size(size, self.len()));
        }
        Ok(merkle::root(&self.leaves[..size as usize]))
    }
    pub fn checkpoint(&self, origin: &str) -> Checkpoint {
        Checkpoint { origin: origin.to_owned(), size: self.len(), root: merkle::root(&self.leaves) }
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
        let body = &e.body;
        let u = |k: &str| body.get(k).and_then(Value::as_u64).unwrap_or(0);
        match e.kind.as_str() {
            "commit" => {
                st.commit_seq = Some(e.seq);
                st.pool = body.get("pool").and_then(Value::as_str).unwrap_or("").to_owned();
                st.count = u("count");
                st.eligible_count = u("eligible_count");
            }
            "directed" => {
                st.commit_seq = Some(e.seq);
                st.directed = true;
                st.pool = body.get("pool").and_then(Value::as_str).unwrap_or("").to_owned();
                st.count = u("count");
            }
            "run" | "call" => {
                st.run = true;
                let key = if e.kind == "run" { "called" } else { "positions" };
                if let Some(a) = body.get(key).and_then(Value::as_array) {
                    st.called.extend(a.iter().filter_map(Value::as_u64));
                }
            }
            "response" => {
                if let Some(o) = body.get("outcome").and_then(Value::as_str).and_then(Outcome::from_code) {
                    st.outcomes.insert(u("position"), o);
                }
            }
            "reveal" => st.revealed = true,
            _ => {}
        }
        self.leaves.push(merkle::leaf_hash(&h));
        self.hashes.push(h);
        self.entries.push(e);
        Ok(())
    }

    /// Appends a raw entry of any kind. The typed helpers below are preferred;
    /// this is the one place that assigns `seq`, `prev` and `sealed`.
    pub fn append(
        &mut self,
        time: &str,
        actor: &str,
        kind: &str,
        draw: &str,
        body: Value,
        payload: Option<Value>,
    ) -> Result<&LogEntry, LogError> {
        if !is_timestamp(time) {
            return Err(LogError::Timestamp(time.to_owned()));
        }
        if let Some(last) = self.entries.last().filter(|l| time < l.time.as_str()) {
            return Err(LogError::TimeGoesBack { time: time.into(), prev: last.time.clone() });
        }
        let sealed = match &payload {
            Some(p) => Some(to_hex(&sealed_hash(p)?)),
            None => None,
        };
        let e = LogEntry {
            seq: self.len(),
            prev: to_hex(&self.head_hash()),
            time: time.into(),
            actor: actor.into(),
            kind: kind.into(),
            draw: draw.into(),
            body,
            sealed,
            payload,
        };
        self.push(Arc::new(e))?;
        Ok(self.entries.last().expect("just pushed"))
    }

    fn state(&self, draw: &str) -> Result<&DrawState, LogError> {
        self.draws.get(draw).ok_or_else(|| LogError::Protocol(format!("unknown draw {draw:?}")))
    }

    /// Appends the commit entry of a random draw: every input is fixed and the
    /// secret committed before anything is drawn.
    #[allow(clippy::too_many_arguments)]
    pub fn commit(
        &mut self,
        time: &str,
        actor: &str,
        request: &DrawRequest,
        elig: &Eligibility,
        snapshot_hash: &Hash,
        secret: &[u8; 32],
        salt: &[u8; 32],
        beacon: Option<BeaconSpec>,
    ) -> Result<&LogEntry, LogError> {
        if self.draws.contains_key(&request.draw) {
            return Err(LogError::Protocol(format!("draw {:?} already exists", request.draw)));
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
        let body = json!({
            "algorithm": crate::ALGORITHM,
            "eligibility": crate::ELIGIBILITY_VERSION,
            "pool": request.pool,
            "count": request.count,
            "reveal_after": request.reveal_after,
            "rules": request.rules.to_value(),
            "request_hash": to_hex(&json_hash("request", &req)?),
            "snapshot_hash": to_hex(snapshot_hash),
            "eligible_count": elig.eligible.len(),
            "eligible_commit": to_hex(&eligible_commitment(salt, &elig.eligible)),
            "excluded_count": elig.excluded.len(),
            "excluded_commit": to_hex(&excluded_commitment(salt, &elig.excluded)),
            "secret_commit": to_hex(&secret_commitment(secret)),
            "beacon": beacon,
        });
        // Not `json!`, which would copy the sets once more through serde.
        let mut payload = serde_json::Map::new();
        payload.insert("salt".into(), Value::String(to_hex(salt)));
        payload.insert("secret".into(), Value::String(to_hex(secret)));
        payload.insert("request".into(), req);
        payload.insert("eligible".into(), Value::Array(eligible));
        payload.insert("excluded".into(), Value::Array(excluded));
        let payload = Value::Object(payload);
        self.append(time, actor, "commit", &request.draw, body, Some(payload))
    }

    fn commit_of(&self, draw: &str) -> Result<(Hash, OrderPayload, &LogEntry), LogError> {
        let st = self.state(draw)?;
        let seq = st.commit_seq.filter(|_| !st.directed).ok_or_else(|| LogError::Protocol("no commit".into()))?;
        let e = &self.entries[seq as usize];
        let p = e.payload.as_ref().ok_or_else(|| LogError::Protocol("commit payload missing".into()))?;
        let p = OrderPayload::deserialize(p).map_err(|x| LogError::Malformed(seq, x.to_string()))?;
        Ok((self.hashes[seq as usize], p, e))
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
        let (ctx, p, _) = self.commit_of(draw)?;
        let beacon = self
            .draw_entries(draw)
            .find(|e| e.kind == "run")
            .and_then(|e| e.body.get("beacon_value").and_then(Value::as_str))
            .map(hex::decode)
            .transpose()
            .map_err(|_| LogError::Protocol("beacon value is not hex".into()))?
            .unwrap_or_default();
        let o = Arc::new(order_from(&ctx, &p.secret, &p.eligible, &beacon)?);
        // Before the run entry the beacon value is not known yet: nothing to remember.
        if st.run {
            let _ = st.order.set(o.clone());
        }
        Ok(o)
    }

    /// Entries of one draw, from its first entry on.
    fn draw_entries<'a>(&'a self, draw: &'a str) -> impl Iterator<Item = &'a LogEntry> + 'a {
        let from = self.draws.get(draw).and_then(|s| s.commit_seq).unwrap_or(0) as usize;
        self.entries[from.min(self.entries.len())..].iter().map(|e| &**e).filter(move |e| e.draw == draw)
    }

    /// Appends the run entry: the order is fixed and the first `min(N, E)`
    /// positions are called. Returns the full order (confidential).
    pub fn run(
        &mut self,
        time: &str,
        actor: &str,
        draw: &str,
        beacon_value: Option<&[u8]>,
    ) -> Result<Vec<String>, LogError> {
        let (ctx, p, e) = self.commit_of(draw)?;
        if self.state(draw)?.run {
            return Err(LogError::Protocol("draw already run".into()));
        }
        let named = !e.body.get("beacon").is_none_or(Value::is_null);
        if named != beacon_value.is_some() {
            return Err(LogError::Protocol("beacon value must be given iff a beacon round was named".into()));
        }
        let beacon = beacon_value.unwrap_or(&[]);
        let ord = order_from(&ctx, &p.secret, &p.eligible, beacon)?;
        let salt = hex::decode(&p.salt).map_err(|_| LogError::Protocol("salt is not hex".into()))?;
        let count = self.state(draw)?.count;
        let called: Vec<u64> = (0..count.min(ord.len() as u64)).collect();
        let body = json!({
            "beacon_value": beacon_value.map(hex::encode),
            "order_hash": to_hex(&order_hash(&salt, &ord)),
            "called": called,
            "shortfall": count.saturating_sub(ord.len() as u64),
        });
        self.append(time, actor, "run", draw, body, None)?;
        if let Some(st) = self.draws.get(draw) {
            let _ = st.order.set(Arc::new(ord.clone()));
        }
        Ok(ord)
    }

    /// Records the answer of the expert at `position`.
    pub fn respond(
        &mut self,
        time: &str,
        actor: &str,
        draw: &str,
        position: u64,
        outcome: Outcome,
        reason: Option<&str>,
    ) -> Result<&LogEntry, LogError> {
        let st = self.state(draw)?;
        if !st.called.contains(&position) || st.outcomes.contains_key(&position) {
            return Err(LogError::Protocol(format!("position {position} is not awaiting an answer")));
        }
        let needs_reason = matches!(outcome, Outcome::Declined | Outcome::Recused);
        if needs_reason != reason.is_some_and(|r| !r.is_empty()) {
            return Err(LogError::Protocol("a reason is required for declined and recused, and only for them".into()));
        }
        let body = json!({ "position": position, "outcome": outcome.code(), "reason": reason });
        self.append(time, actor, "response", draw, body, None)
    }

    /// Calls the next positions in order if seats are missing; returns them
    /// (empty when nothing is to be called or the order is exhausted).
    pub fn call_next(&mut self, time: &str, actor: &str, draw: &str) -> Result<Vec<u64>, LogError> {
        let next = self.state(draw)?.next_positions();
        if !next.is_empty() {
            self.append(time, actor, "call", draw, json!({ "positions": next }), None)?;
        }
        Ok(next)
    }

    /// A directed selection (art. 9(2)), allowed only with an approval reference.
    #[allow(clippy::too_many_arguments)]
    pub fn directed(
        &mut self,
        time: &str,
        actor: &str,
        draw: &str,
        pool: &str,
        approval_ref: &str,
        approved_by: &str,
        experts: &[String],
        reason: &str,
        reveal_after: &str,
        salt: &[u8; 32],
    ) -> Result<&LogEntry, LogError> {
        if approval_ref.trim().is_empty() || approved_by.trim().is_empty() {
            return Err(LogError::Protocol("directed selection needs an approval reference and approver".into()));
        }
        if self.draws.contains_key(draw) {
            return Err(LogError::Protocol(format!("draw {draw:?} already exists")));
        }
        if !is_timestamp(reveal_after) {
            return Err(LogError::Timestamp(reveal_after.into()));
        }
        let ids = crate::order::canonical_ids(experts)?;
        let body = json!({
            "pool": pool, "approval_ref": approval_ref, "approved_by": approved_by,
            "count": ids.len(), "reveal_after": reveal_after,
        });
        let payload = json!({ "salt": to_hex(salt), "experts": ids, "reason": reason });
        self.append(time, actor, "directed", draw, body, Some(payload))
    }

    /// Publishes the names of the experts who were called (random draw) or
    /// chosen (directed). `names` maps id to name.
    pub fn reveal(
        &mut self,
        time: &str,
        actor: &str,
        draw: &str,
        names: &BTreeMap<String, String>,
    ) -> Result<&LogEntry, LogError> {
        let st = self.state(draw)?.clone();
        let seq = st.commit_seq.ok_or_else(|| LogError::Protocol("no commit".into()))?;
        let c = &self.entries[seq as usize];
        let after = c.body.get("reveal_after").and_then(Value::as_str).unwrap_or("");
        if time < after {
            return Err(LogError::Protocol(format!("cannot reveal before {after}")));
        }
        let ids = self.revealed_ids(draw)?;
        let mut list = Vec::new();
        for id in ids {
            let name = names.get(&id).ok_or_else(|| LogError::Protocol(format!("no name for {id}")))?;
            list.push(json!({ "id": id, "name": name }));
        }
        self.append(time, actor, "reveal", draw, json!({ "names": list }), None)
    }

    /// Ids whose names a reveal publishes: called positions in calling order,
    /// or the directed experts.
    pub fn revealed_ids(&self, draw: &str) -> Result<Vec<String>, LogError> {
        let st = self.state(draw)?;
        if st.directed {
            let seq = st.commit_seq.unwrap_or(0) as usize;
            let p = self.entries[seq].payload.as_ref();
            let ex = p.and_then(|p| p.get("experts")).and_then(Value::as_array);
            return Ok(ex.into_iter().flatten().filter_map(|v| v.as_str().map(String::from)).collect());
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
        let mut all: Vec<(u64, &String, &DrawState)> = self
            .draws
            .iter()
            .filter(|(_, st)| st.pool == pool && (st.run || st.directed))
            .map(|(id, st)| (st.commit_seq.unwrap_or(0), id, st))
            .collect();
        all.sort_by_key(|u| u.0);
        let skip = all.len().saturating_sub(uses);
        all[skip..].iter().map(|(_, id, st)| self.drawn_in(id, st)).collect()
    }

    /// The experts one use of the pool drew: those who accepted, or the directed ones.
    fn drawn_in(&self, id: &str, st: &DrawState) -> Result<Vec<String>, LogError> {
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

/// Parses a hex hash field, for callers holding raw JSON.
pub fn parse_hash(s: &str) -> Result<Hash, LogError> {
    Ok(hash_from_hex(s)?)
}
