//! # expertpool-draw: the verifiable expert draw, `expertpool-draw/v1`
//!
//! The public specification is `docs/draw-protocol.md`; this crate is its
//! reference implementation, used by the draw service, the CLI verifier and
//! the test vector generator. The algorithm is pure: no I/O, no clock and no
//! randomness inside. Callers pass the time, the server secret and all salts.
//!
//! * [`encoding`] — length-prefixed tagged hashes and canonical JSON.
//! * [`eligibility`] — who may be drawn, with reason codes (versioned).
//! * [`order`] — the full order of eligible experts from the secret and inputs.
//! * [`log`] — entries, the hash chain, the draw state machine, public export.
//! * [`merkle`] — RFC 9162 tree, inclusion and consistency proofs.
//! * [`checkpoint`] — Ed25519-signed tree heads as C2SP signed notes.
//! * [`verify`] — the observer's verifier over a public log file.

pub mod checkpoint;
pub mod eligibility;
pub mod encoding;
pub mod error;
pub mod log;
pub mod merkle;
pub mod order;
pub mod verify;

pub use checkpoint::Checkpoint;
pub use eligibility::{
    Candidate, Collaboration, DrawRequest, ELIGIBILITY_VERSION, Eligibility, Employment, Exclusion, Reason, Recusal,
    SnapshotRecord, eligibility, snapshot_hash,
};
pub use encoding::{ALGORITHM, Hash};
pub use error::{CheckpointError, EncodeError, LogError, OrderError};
pub use log::{BeaconSpec, Log, LogEntry, Outcome};
pub use order::{OrderInputs, order, order_hash};
pub use verify::{Report, Status, verify_log};
