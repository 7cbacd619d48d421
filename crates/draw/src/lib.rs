//! # expertpool-draw: the verifiable expert draw, `expertpool-draw/v1`
//!
//! The public specification is `docs/draw-protocol.md`; this crate is its
//! reference implementation, used by the draw service, the CLI verifier and
//! the test vector generator. The algorithm is pure: no I/O, no clock and no
//! randomness inside. Callers pass the time, the server secret and all salts.
//!
//! * [`encoding`] — length-prefixed tagged hashes and canonical JSON.
//! * eligibility — who may be drawn, with reason codes (versioned): [`eligibility()`].
//! * order — the full order of eligible experts from the secret and inputs: [`order()`].
//! * entries — the typed kinds and bodies of log entries: [`Kind`], [`Body`].
//! * log — the hash chain, the draw state machine, public export: [`Log`].
//! * [`merkle`] — RFC 9162 tree, inclusion and consistency proofs.
//! * checkpoints — Ed25519-signed tree heads as C2SP signed notes: [`Checkpoint`].
//! * cosignatures — witnesses' C2SP `cosignature/v1` lines on checkpoints: [`cosign`].
//! * verification — the observer's verifier over a public log file: [`verify_log`].
//!
//! ## How the draw service uses it
//!
//! ```
//! use expertpool_draw::*;
//! use jiff::civil::date;
//!
//! let experts = vec![Candidate {
//!     id: "E001".into(), specialties: vec!["6-29".into()], level: 3,
//!     appointment_start: date(2025, 1, 1), appointment_end: date(2027, 12, 31), active: true,
//!     units: vec![], employment: vec![], collaborations: vec![], relations: vec![],
//! }];
//! let req = DrawRequest {
//!     draw: "2026-0001".into(), pool: "jineng".into(), purpose: "项目评审".into(),
//!     specialty: "6-29".into(), min_level: 2, count: 1, event_date: date(2026, 12, 10),
//!     reveal_after: "2026-12-11T00:00:00Z".into(), recusal: Recusal::default(),
//!     // From the pool's policy: pause rule on, 24 months of employment, 3 years of collaboration.
//!     rules: DrawRules { pause: true, employment_months: 24, collaboration_months: 36 },
//! };
//! let mut log = Log::new(); // or Log::from_entries(journal lines parsed as LogEntry)
//! let elig = eligibility(&experts, &req, &log.pause_history(&req.pool)?);
//! let snap: Vec<SnapshotRecord> = experts.iter().map(SnapshotRecord::from).collect();
//! let (secret, salt) = ([1u8; 32], [2u8; 32]); // from the OS RNG in the service
//! let inputs = CommitInputs {
//!     request: &req, eligibility: &elig, snapshot_hash: &snapshot_hash(&snap),
//!     secret: &secret, salt: &salt, beacon: None,
//! };
//! log.commit(Stamp::new("2026-12-01T08:00:00Z", "staff-li"), &inputs)?;
//! let order = log.run(Stamp::new("2026-12-01T08:00:01Z", "staff-li"), "2026-0001", None)?;
//! log.respond(Stamp::new("2026-12-01T09:00:00Z", "staff-li"), "2026-0001", 0, Outcome::Declined, Some("出差"))?;
//! // Order exhausted: nobody is left to call.
//! assert!(log.call_next(Stamp::new("2026-12-01T09:00:01Z", "staff-li"), "2026-0001")?.is_empty());
//! assert_eq!(order, ["E001"]);
//! // Each appended entry is `serde_json::to_string(log.entries().last().unwrap())` in the journal.
//! # Ok::<(), LogError>(())
//! ```

#![warn(missing_docs)]

pub mod beacon;
mod checkpoint;
mod cosignature;
mod eligibility;
pub mod encoding;
mod entry;
mod error;
mod log;
pub mod merkle;
mod order;
mod verify;
mod verify_v2;

pub use beacon::{Beacon, BeaconEvidence};
pub use checkpoint::{Checkpoint, key_id};
pub use cosignature::{
    COSIGNATURE_V1, Cosignature, CosignatureError, cosign, cosigned_message, cosigner_key_id, signature_lines,
    verify_cosignature, with_cosignatures,
};
pub use eligibility::{
    Candidate, Collaboration, DrawRequest, DrawRules, ELIGIBILITY_VERSION, Eligibility, Employment, Exclusion,
    MAX_WINDOW_MONTHS, PauseHistory, PreparedCandidates, Reason, Recusal, SnapshotRecord, eligibility,
    eligibility_prepared, eligible_commitment, excluded_commitment, snapshot_hash,
};
pub use encoding::{ALGORITHM, ALGORITHM_V2, Hash};
pub use entry::{
    Attendance, AttendanceBody, BeaconSpec, Body, CallBody, CancelBody, CommitBody, DirectedBody, Kind, NamedBeacon,
    Outcome, RedoOf, ResponseBody, RevealBody, RevealedName, RunBody, WithdrawalBody,
};
pub use error::{CheckpointError, EncodeError, LogError, OrderError};
pub use log::{
    CommitInputs, CommitV2, DirectedSelection, DirectedV2, DrawState, LOG_FORMAT, Log, LogEntry, RequestV2, Stamp,
    request_key, sealed_hash, secret_commitment,
};
pub use order::{OrderInputs, order, order_hash, order_key};
pub use verify::{Check, EntryReport, LogKey, Report, Status, Verifier, Witnessed, verify_log, verify_witness};
