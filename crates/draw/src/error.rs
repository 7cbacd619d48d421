//! Error types. Every fallible entry point returns one of these; nothing in
//! the crate panics on bad input.
//!
//! [`LogError`] names each rule of the draw state machine that an append can
//! break, so that the service answers each with its own status and code rather
//! than parsing a message.

use thiserror::Error;

/// A value could not be encoded canonically.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum EncodeError {
    /// A float, a negative number or one at or above 2^53.
    #[error("number {0} is not an integer in 0..2^53 (the protocol has no other numbers)")]
    Number(String),
    /// Not exactly 64 lower-case hex digits.
    #[error("expected 64 hex digits, found {0:?}")]
    Hex(String),
}

/// The ordering could not be computed.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum OrderError {
    /// Two ids are equal once NFC-normalised.
    #[error("id {0:?} appears twice in the eligible set (after NFC normalisation)")]
    DuplicateId(String),
    /// An id is the empty string.
    #[error("empty id in the eligible set")]
    EmptyId,
}

/// A log operation failed.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum LogError {
    /// A value of the entry has no canonical encoding.
    #[error(transparent)]
    Encode(#[from] EncodeError),
    /// The id set of a commit or directed selection is not a set.
    #[error(transparent)]
    Order(#[from] OrderError),
    /// A time is not `YYYY-MM-DDTHH:MM:SSZ`.
    #[error("timestamp {0:?} is not of the form YYYY-MM-DDTHH:MM:SSZ")]
    Timestamp(String),
    /// An entry would be older than the one before it.
    #[error("timestamp {time} is earlier than the previous entry's {prev}")]
    TimeGoesBack {
        /// The new entry's time.
        time: String,
        /// The last entry's time.
        prev: String,
    },
    /// A stored entry (by sequence number) cannot be read as the protocol requires.
    #[error("entry {0} is malformed: {1}")]
    Malformed(u64, String),
    /// A tree size or index beyond the log.
    #[error("tree size {0} is larger than the log ({1} entries)")]
    Size(u64, u64),
    /// No draw has this id.
    #[error("unknown draw {0:?}")]
    UnknownDraw(String),
    /// A commit or directed selection reuses an existing draw id.
    #[error("draw {0:?} already exists")]
    DrawExists(String),
    /// The draw is a directed selection: it has no order, no run and no calls.
    #[error("draw {0:?} is a directed selection, not a random draw")]
    Directed(String),
    /// The draw's commit payload is withheld (a public export), so its order is unknown.
    #[error("the commit payload of draw {0:?} is withheld")]
    PayloadWithheld(String),
    /// A stored secret, salt or beacon value is not hex.
    #[error("{0} is not hex")]
    NotHex(&'static str),
    /// The draw has a run entry already.
    #[error("draw {0:?} has already been run")]
    AlreadyRun(String),
    /// A beacon value was given without a named round, or missing for a named one.
    #[error("{}", if *named { "the draw named a beacon round: its value is required" } else { "the draw named no beacon round: no beacon value is taken" })]
    BeaconMismatch {
        /// Whether the commit named a round.
        named: bool,
    },
    /// The position was never called.
    #[error("position {0} has not been called")]
    NotCalled(u64),
    /// The position already has its answer.
    #[error("position {0} already has an answer")]
    AlreadyAnswered(u64),
    /// Declined and recused need a reason.
    #[error("a {0} answer needs a reason")]
    ReasonRequired(&'static str),
    /// Accepted and no answer take no reason.
    #[error("a {0} answer takes no reason")]
    ReasonNotTaken(&'static str),
    /// A directed selection without an approval reference or approver (art. 9(2)).
    #[error("a directed selection needs an approval reference and an approver")]
    ApprovalMissing,
    /// A reveal before the draw's confidentiality time.
    #[error("the draw cannot be revealed before {0}")]
    TooEarly(String),
    /// The draw has a reveal entry already.
    #[error("draw {0:?} has already been revealed")]
    AlreadyRevealed(String),
    /// A reveal lacks the name of a called or directed expert.
    #[error("no name given for {0}")]
    NoName(String),
    /// v2: an earlier draw has the same request key, and the commit does not name the
    /// latest such draw as the one it re-draws (with a reason).
    #[error("draw {latest:?} was made for the same request: name it in redo_of with the reason it was abandoned")]
    RedoRequired {
        /// The latest earlier draw of the request.
        latest: String,
    },
    /// v2: `redo_of` names a draw although no earlier draw has this request key.
    #[error("redo_of names {0:?}, but no earlier draw was made for this request")]
    RedoUnknown(String),
    /// A reason (redo, cancel, exception) is blank after trimming White_Space.
    #[error("the reason for {0} is blank")]
    BlankReason(&'static str),
    /// v2: the beacon evidence does not fit the named beacon (kind, round, signature).
    #[error("beacon: {0}")]
    Beacon(String),
    /// The draw was cancelled: nothing more is called or answered for it.
    #[error("draw {0:?} was cancelled")]
    Cancelled(String),
    /// Withdrawal and attendance are v2 kinds (spec §10.9): a v1 draw cannot take them.
    #[error("draw {0:?} was made under expertpool-draw/v1, which has no withdrawal or attendance")]
    NotV2(String),
    /// The draw has not been run: no position has been called.
    #[error("draw {0:?} has not been run")]
    NotRun(String),
    /// The position's answer is not an acceptance (or it has withdrawn already).
    #[error("position {0} has not accepted (or has withdrawn already)")]
    NotAccepted(u64),
    /// The position's attendance is recorded already.
    #[error("the attendance of position {0} is recorded already")]
    AlreadyAttended(u64),
    /// v2: a directed selection names a draw it stands in for that is not a random draw
    /// of the same request that could not be filled.
    #[error("directed selection cannot stand in for {0:?}: {1}")]
    StandsIn(String, String),
}

/// A checkpoint could not be parsed or verified.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum CheckpointError {
    /// The note is not a checkpoint note.
    #[error("malformed checkpoint note: {0}")]
    Malformed(String),
    /// No signature line of the key with the expected key id.
    #[error("no signature line from key {0:?} with the expected key id")]
    NoSignature(String),
    /// The signature of the key does not verify.
    #[error("signature does not verify")]
    BadSignature,
}
