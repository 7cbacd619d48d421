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
//! log.commit("2026-12-01T08:00:00Z", "staff-li", &req, &elig, &snapshot_hash(&snap), &secret, &salt, None)?;
//! let order = log.run("2026-12-01T08:00:01Z", "staff-li", "2026-0001", None)?;
//! log.respond("2026-12-01T09:00:00Z", "staff-li", "2026-0001", 0, Outcome::Declined, Some("出差"))?;
//! assert!(log.call_next("2026-12-01T09:00:01Z", "staff-li", "2026-0001")?.is_empty()); // order exhausted
//! assert_eq!(order, ["E001"]);
//! // Each appended entry is `serde_json::to_string(log.entries().last().unwrap())` in the journal.
//! # Ok::<(), LogError>(())
//! ```

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
    Candidate, Collaboration, DrawRequest, DrawRules, ELIGIBILITY_VERSION, Eligibility, Employment, Exclusion,
    PreparedCandidates, Reason, Recusal, SnapshotRecord, eligibility, eligibility_prepared, snapshot_hash,
};
pub use encoding::{ALGORITHM, Hash};
pub use error::{CheckpointError, EncodeError, LogError, OrderError};
pub use log::{BeaconSpec, Log, LogEntry, Outcome};
pub use order::{OrderInputs, order, order_hash};
pub use verify::{Report, Status, verify_log};
