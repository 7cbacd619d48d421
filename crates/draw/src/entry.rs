//! Typed log entries (spec §5.2–5.5): the entry kinds and the public body of each.
//!
//! An entry is kept, hashed and published as its wire JSON ([`crate::LogEntry`]),
//! so that a file written by another implementation, or tampered with, hashes
//! exactly as written. The types here are how the crate and the service read and
//! write bodies: each serialises to the JSON the spec describes, field for field,
//! and [`Body::parse`] reads one back or says what is wrong with it.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

use crate::beacon::Beacon;
use crate::eligibility::DrawRules;

/// What an entry records. The string codes are part of the protocol.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A random draw's inputs and commitments, before anything is drawn.
    Commit,
    /// The order is fixed and the first positions are called.
    Run,
    /// Further positions are called in order to fill missing seats.
    Call,
    /// A called expert's answer.
    Response,
    /// A directed selection (art. 9(2)) with its approval.
    Directed,
    /// The names of the called or directed experts, once the draw may be public.
    Reveal,
    /// A random draw abandoned, with its public reason (v2): nothing more is called or
    /// answered for it.
    Cancel,
    /// An expert who had accepted withdraws (v2, art. 11): the next position is called.
    Withdrawal,
    /// Whether an accepted expert came, came late, left early or was absent (v2, art.
    /// 18(7) and (8)).
    Attendance,
}

impl Kind {
    /// Every kind, in the order the spec lists them.
    pub const ALL: [Kind; 9] = [
        Kind::Commit,
        Kind::Run,
        Kind::Call,
        Kind::Response,
        Kind::Directed,
        Kind::Reveal,
        Kind::Cancel,
        Kind::Withdrawal,
        Kind::Attendance,
    ];

    /// The wire code, e.g. `commit`.
    pub fn code(self) -> &'static str {
        match self {
            Kind::Commit => "commit",
            Kind::Run => "run",
            Kind::Call => "call",
            Kind::Response => "response",
            Kind::Directed => "directed",
            Kind::Reveal => "reveal",
            Kind::Cancel => "cancel",
            Kind::Withdrawal => "withdrawal",
            Kind::Attendance => "attendance",
        }
    }

    /// The kind with this wire code.
    pub fn from_code(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.code() == s)
    }

    /// True for the two kinds that open a draw: a commit or a directed selection.
    pub fn opens_draw(self) -> bool {
        matches!(self, Kind::Commit | Kind::Directed)
    }
}

impl AsRef<str> for Kind {
    fn as_ref(&self) -> &str {
        self.code()
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Kind {
    type Err = String;
    fn from_str(s: &str) -> Result<Kind, String> {
        Kind::from_code(s).ok_or_else(|| format!("unknown entry kind {s:?}"))
    }
}

/// Outcome of calling an expert (art. 11).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Accepted: the seat is filled.
    Accepted,
    /// Declined; a reason is required.
    Declined,
    /// Recused under art. 10 after being called; a reason code is required.
    Recused,
    /// No answer within the time the bureau allows.
    NoAnswer,
    /// Accepted, then withdrew (a `withdrawal` entry, v2): the seat is open again. Never
    /// the outcome of a response.
    Withdrawn,
}

impl Outcome {
    /// The wire code, e.g. `no_answer`.
    pub fn code(self) -> &'static str {
        match self {
            Outcome::Accepted => "accepted",
            Outcome::Declined => "declined",
            Outcome::Recused => "recused",
            Outcome::NoAnswer => "no_answer",
            Outcome::Withdrawn => "withdrawn",
        }
    }
    /// The answers a response may give.
    pub const RESPONSES: [Outcome; 4] = [Outcome::Accepted, Outcome::Declined, Outcome::Recused, Outcome::NoAnswer];
    /// The response outcome with this wire code (`withdrawn` is not one: it takes a
    /// withdrawal entry).
    pub fn from_code(s: &str) -> Option<Self> {
        Outcome::RESPONSES.into_iter().find(|o| o.code() == s)
    }
    /// Declined and recused answers carry a reason; the others none.
    pub fn needs_reason(self) -> bool {
        matches!(self, Outcome::Declined | Outcome::Recused)
    }
}

/// What an accepted expert did at the event (v2 `attendance`, spec §10.9).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Attendance {
    /// 到场.
    Present,
    /// 缺席.
    Absent,
    /// 迟到.
    Late,
    /// 早退.
    LeftEarly,
}

impl Attendance {
    /// Every outcome, in the order the spec lists them.
    pub const ALL: [Attendance; 4] = [Attendance::Present, Attendance::Absent, Attendance::Late, Attendance::LeftEarly];
    /// The wire code, e.g. `left_early`.
    pub fn code(self) -> &'static str {
        match self {
            Attendance::Present => "present",
            Attendance::Absent => "absent",
            Attendance::Late => "late",
            Attendance::LeftEarly => "left_early",
        }
    }
    /// The outcome with this wire code.
    pub fn from_code(s: &str) -> Option<Self> {
        Attendance::ALL.into_iter().find(|a| a.code() == s)
    }
    /// Present takes no reason; the others may give one (a `null` reason is 无故).
    pub fn takes_reason(self) -> bool {
        self != Attendance::Present
    }
}

/// A public beacon round named before the draw.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BeaconSpec {
    /// e.g. `drand/quicknet`.
    pub source: String,
    /// The round whose output enters the order.
    pub round: u64,
}

/// The beacon a commit names: a v1 round `{source, round}` or a v2 [`Beacon`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum NamedBeacon {
    /// `expertpool-draw/v2`: one of three kinds (spec §10.3).
    V2(Beacon),
    /// `expertpool-draw/v1`: a round named in advance, value given at the run.
    V1(BeaconSpec),
}

impl NamedBeacon {
    /// True when the run must carry a beacon value (every kind but v2's `none`).
    pub fn needs_value(&self) -> bool {
        !matches!(self, NamedBeacon::V2(Beacon::None))
    }
}

/// Body of a commit entry (spec §5.2), the fields both versions share. A v2 body has
/// more keys (spec §10.2), read here when present; [`crate::Log::commit_v2`] writes it
/// with every key, and the verifier checks that exact set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CommitBody {
    /// [`crate::ALGORITHM`].
    pub algorithm: String,
    /// [`crate::ELIGIBILITY_VERSION`]; the verifiers do not read it, so neither does
    /// [`Body::parse`] insist on it.
    #[serde(default)]
    pub eligibility: String,
    /// The pool drawn from.
    pub pool: String,
    /// Experts wanted (N).
    pub count: u64,
    /// Time from which the draw may be revealed.
    pub reveal_after: String,
    /// The pool's draw rules in force.
    #[serde(deserialize_with = "checked_rules")]
    pub rules: DrawRules,
    /// `H("request", cj(request))`.
    pub request_hash: String,
    /// Hash of the pool snapshot the eligibility was computed from.
    pub snapshot_hash: String,
    /// Size of the eligible set (E).
    pub eligible_count: u64,
    /// Salted commitment to the eligible set.
    pub eligible_commit: String,
    /// Size of the excluded set.
    pub excluded_count: u64,
    /// Salted commitment to the excluded set with reasons.
    pub excluded_commit: String,
    /// `H("secret", secret)`.
    pub secret_commit: String,
    /// The beacon round named in advance; present as `null` when none is (v1), always
    /// an object in v2.
    #[serde(deserialize_with = "present")]
    pub beacon: Option<NamedBeacon>,
    /// v2: the unit the experts are drawn for (专家使用方).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub using_unit: Option<String>,
    /// v2: the work type per art. 8.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purpose: Option<String>,
    /// v2: what the experts will do (工作内容).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub work_content: Option<String>,
    /// v2: the specialty code required.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub specialty: Option<String>,
    /// v2: the lowest level rank drawn.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_level: Option<u64>,
    /// v2: the event date, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_date: Option<String>,
    /// v2: `H("request-key", using_unit, purpose, event_date, project)`, hex: equal for
    /// every draw of one request, so a re-draw is linked to the draw it replaces.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_key: Option<String>,
    /// v2: the earlier draw of the same request this one replaces, with why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redo_of: Option<RedoOf>,
}

impl CommitBody {
    /// True for an `expertpool-draw/v2` commit.
    pub fn is_v2(&self) -> bool {
        self.algorithm == crate::ALGORITHM_V2
    }
}

/// A re-draw's link to the draw of the same request it replaces (v2 `redo_of`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RedoOf {
    /// The latest earlier draw with the same `request_key`.
    pub draw: String,
    /// Why that draw was abandoned (not blank).
    pub reason: String,
}

/// Body of a cancel entry (v2): the public reason a random draw was abandoned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CancelBody {
    /// Why (not blank).
    pub reason: String,
}

/// Body of a run entry (spec §5.3; v2 adds `beacon_evidence`, §10.3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunBody {
    /// Hex output of the named beacon round, `null` when none was named.
    #[serde(default)]
    pub beacon_value: Option<String>,
    /// v2: what proves the value, a [`crate::BeaconEvidence`] or `null` (kind `none`);
    /// absent in v1. [`crate::Log::run_v2`] writes it; read leniently here.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub beacon_evidence: Option<Value>,
    /// Salted commitment to the full order.
    pub order_hash: String,
    /// Positions called at once: `0..min(N, E)`.
    pub called: Vec<u64>,
    /// Seats the eligible set cannot fill: `N - E` when positive.
    pub shortfall: u64,
}

/// Body of a call entry: positions called to replace answers that left seats open.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallBody {
    /// The next positions in order.
    pub positions: Vec<u64>,
}

/// Body of a response entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResponseBody {
    /// The called position answering.
    pub position: u64,
    /// The answer (one of [`Outcome::RESPONSES`]).
    #[serde(deserialize_with = "response_outcome")]
    pub outcome: Outcome,
    /// Required for declined and recused, `null` otherwise.
    #[serde(default)]
    pub reason: Option<String>,
}

/// Body of a withdrawal entry (v2, spec §10.9).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WithdrawalBody {
    /// The accepted position withdrawing.
    pub position: u64,
    /// Why (not blank): what the expert's leave request says.
    pub reason: String,
}

/// Body of an attendance entry (v2, spec §10.9).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttendanceBody {
    /// The accepted position.
    pub position: u64,
    /// What the expert did.
    pub outcome: Attendance,
    /// The reason the expert gave; `null` is 无故 (without reason), always for present.
    pub reason: Option<String>,
}

/// Body of a directed entry (art. 9(2)); the experts are in the sealed payload.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectedBody {
    /// The pool chosen from.
    pub pool: String,
    /// Reference of the approval document.
    pub approval_ref: String,
    /// Who approved.
    pub approved_by: String,
    /// Number of experts chosen.
    pub count: u64,
    /// Time from which the selection may be revealed.
    pub reveal_after: String,
    /// v2: [`crate::ALGORITHM_V2`]; absent in v1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub algorithm: Option<String>,
    /// v2: the request's key (as in its random draws' commits).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_key: Option<String>,
    /// v2: the random draw of the same request that could not be filled and that this
    /// selection stands in for; `null` when `exception` is given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stands_in_for: Option<String>,
    /// v2: the public reason for choosing without a failed draw; `null` when
    /// `stands_in_for` is given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exception: Option<String>,
}

/// One name a reveal binds to an id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevealedName {
    /// The expert's id, as in the order or the directed payload.
    pub id: String,
    /// The expert's name.
    pub name: String,
}

/// Body of a reveal entry: names in calling order (or the directed experts).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevealBody {
    /// Ids with their names.
    pub names: Vec<RevealedName>,
}

/// The confidential payload of a directed entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct DirectedPayload {
    pub(crate) salt: String,
    pub(crate) experts: Vec<String>,
    pub(crate) reason: String,
    /// v2: the display name of each expert, in the order of `experts`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) names: Option<Vec<String>>,
}

/// The public body of an entry, by kind.
// A body is read, used and dropped; boxing the commit's (v2: 22 fields) would only add
// an allocation to every read.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    /// See [`CommitBody`].
    Commit(CommitBody),
    /// See [`RunBody`].
    Run(RunBody),
    /// See [`CallBody`].
    Call(CallBody),
    /// See [`ResponseBody`].
    Response(ResponseBody),
    /// See [`DirectedBody`].
    Directed(DirectedBody),
    /// See [`RevealBody`].
    Reveal(RevealBody),
    /// See [`CancelBody`].
    Cancel(CancelBody),
    /// See [`WithdrawalBody`].
    Withdrawal(WithdrawalBody),
    /// See [`AttendanceBody`].
    Attendance(AttendanceBody),
}

impl Body {
    /// The kind this body belongs to.
    pub fn kind(&self) -> Kind {
        match self {
            Body::Commit(_) => Kind::Commit,
            Body::Run(_) => Kind::Run,
            Body::Call(_) => Kind::Call,
            Body::Response(_) => Kind::Response,
            Body::Directed(_) => Kind::Directed,
            Body::Reveal(_) => Kind::Reveal,
            Body::Cancel(_) => Kind::Cancel,
            Body::Withdrawal(_) => Kind::Withdrawal,
            Body::Attendance(_) => Kind::Attendance,
        }
    }

    /// Reads the body of an entry of `kind`; the error says which field is wrong.
    pub fn parse(kind: Kind, body: &Value) -> Result<Body, serde_json::Error> {
        Ok(match kind {
            Kind::Commit => Body::Commit(CommitBody::deserialize(body)?),
            Kind::Run => Body::Run(RunBody::deserialize(body)?),
            Kind::Call => Body::Call(CallBody::deserialize(body)?),
            Kind::Response => Body::Response(ResponseBody::deserialize(body)?),
            Kind::Directed => Body::Directed(DirectedBody::deserialize(body)?),
            Kind::Reveal => Body::Reveal(RevealBody::deserialize(body)?),
            Kind::Cancel => Body::Cancel(CancelBody::deserialize(body)?),
            Kind::Withdrawal => Body::Withdrawal(WithdrawalBody::deserialize(body)?),
            Kind::Attendance => Body::Attendance(AttendanceBody::deserialize(body)?),
        })
    }

    /// The wire JSON of the body.
    pub(crate) fn to_value(&self) -> Value {
        let v = match self {
            Body::Commit(b) => serde_json::to_value(b),
            Body::Run(b) => serde_json::to_value(b),
            Body::Call(b) => serde_json::to_value(b),
            Body::Response(b) => serde_json::to_value(b),
            Body::Directed(b) => serde_json::to_value(b),
            Body::Reveal(b) => serde_json::to_value(b),
            Body::Cancel(b) => serde_json::to_value(b),
            Body::Withdrawal(b) => serde_json::to_value(b),
            Body::Attendance(b) => serde_json::to_value(b),
        };
        // Plain structs of strings, integers and vectors: serialising cannot fail.
        v.unwrap_or(Value::Null)
    }
}

/// `rules` must be exactly the three fields with months in range (spec §3.1).
fn checked_rules<'de, D: Deserializer<'de>>(d: D) -> Result<DrawRules, D::Error> {
    let v = Value::deserialize(d)?;
    DrawRules::from_value(&v).ok_or_else(|| {
        serde::de::Error::custom("rules must be {pause, employment_months, collaboration_months} with months 0-1200")
    })
}

/// A response's outcome: any but `withdrawn`, which only a withdrawal entry records.
fn response_outcome<'de, D: Deserializer<'de>>(d: D) -> Result<Outcome, D::Error> {
    let o = Outcome::deserialize(d)?;
    if o == Outcome::Withdrawn {
        return Err(serde::de::Error::custom("`withdrawn` is not a response outcome: it takes a withdrawal entry"));
    }
    Ok(o)
}

/// A field that must be present even when it is `null` (serde would default a missing
/// `Option` to `None`, and the spec requires the key).
fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<T>, D::Error> {
    Option::<T>::deserialize(d)
}

/// Positions to call now (spec §4.3): as many as seats are neither filled nor awaiting
/// an answer, next in order after those already called, while the order lasts.
pub(crate) fn next_positions(count: u64, eligible: u64, called: &[u64], outcomes: &BTreeMap<u64, Outcome>) -> Vec<u64> {
    let accepted = outcomes.values().filter(|o| **o == Outcome::Accepted).count() as u64;
    let pending = called.iter().filter(|p| !outcomes.contains_key(p)).count() as u64;
    let want = count.saturating_sub(accepted + pending);
    (called.len() as u64..eligible).take(want as usize).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_through_their_codes() {
        for k in Kind::ALL {
            assert_eq!(Kind::from_code(k.code()), Some(k));
            assert_eq!(serde_json::to_value(k).unwrap(), Value::String(k.code().into()));
        }
        assert_eq!(Kind::from_code("other"), None);
    }

    #[test]
    fn beacon_is_required_even_when_null() {
        let mut b = serde_json::json!({
            "algorithm": "a", "eligibility": "e", "pool": "p", "count": 1, "reveal_after": "t",
            "rules": {"pause": true, "employment_months": 24, "collaboration_months": 36},
            "request_hash": "h", "snapshot_hash": "h", "eligible_count": 1, "eligible_commit": "h",
            "excluded_count": 0, "excluded_commit": "h", "secret_commit": "h", "beacon": null,
        });
        assert!(Body::parse(Kind::Commit, &b).is_ok());
        b.as_object_mut().unwrap().remove("beacon");
        assert!(Body::parse(Kind::Commit, &b).unwrap_err().to_string().contains("beacon"));
    }

    #[test]
    fn next_positions_fill_open_seats_in_order() {
        let mut outcomes = BTreeMap::new();
        assert_eq!(next_positions(2, 5, &[0, 1], &outcomes), Vec::<u64>::new());
        outcomes.insert(0, Outcome::Accepted);
        outcomes.insert(1, Outcome::Declined);
        assert_eq!(next_positions(2, 5, &[0, 1], &outcomes), [2]);
        assert_eq!(next_positions(3, 2, &[0, 1], &outcomes), Vec::<u64>::new(), "order exhausted");
    }
}
