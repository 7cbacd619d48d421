//! Error types. Every fallible entry point returns one of these; nothing in
//! the crate panics on bad input.

use thiserror::Error;

/// A value could not be encoded canonically.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum EncodeError {
    #[error("number {0} is not an integer in 0..2^53 (the protocol has no other numbers)")]
    Number(String),
    #[error("expected 64 hex digits, found {0:?}")]
    Hex(String),
}

/// The ordering could not be computed.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum OrderError {
    #[error("id {0:?} appears twice in the eligible set (after NFC normalisation)")]
    DuplicateId(String),
    #[error("empty id in the eligible set")]
    EmptyId,
}

/// A log operation failed.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum LogError {
    #[error(transparent)]
    Encode(#[from] EncodeError),
    #[error(transparent)]
    Order(#[from] OrderError),
    #[error("timestamp {0:?} is not of the form YYYY-MM-DDTHH:MM:SSZ")]
    Timestamp(String),
    #[error("timestamp {time} is earlier than the previous entry's {prev}")]
    TimeGoesBack { time: String, prev: String },
    #[error("entry {0} is malformed: {1}")]
    Malformed(u64, String),
    #[error("tree size {0} is larger than the log ({1} entries)")]
    Size(u64, u64),
    #[error("{0}")]
    Protocol(String),
}

/// A checkpoint could not be parsed or verified.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum CheckpointError {
    #[error("malformed checkpoint note: {0}")]
    Malformed(String),
    #[error("no signature line from key {0:?} with the expected key id")]
    NoSignature(String),
    #[error("signature does not verify")]
    BadSignature,
    #[error("bad public key")]
    BadKey,
}
