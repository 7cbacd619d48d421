//! The witness's rules, without I/O: what it remembers of a log (the pinned identity and
//! the last checkpoint it cosigned), how a newly fetched checkpoint compares with it, and
//! the evidence kept when the log misbehaves. `cmd_witness` does the fetching and files.

use expertpool_draw::{Checkpoint, Hash, merkle};
use expertpool_i18n::t;
use serde::{Deserialize, Serialize};

/// Version tag of the state file.
pub const STATE_FORMAT: &str = "expertpool-witness-state/v1";
/// Version tag of an evidence file.
pub const EVIDENCE_FORMAT: &str = "expertpool-witness-evidence/v1";

/// The log a witness follows, pinned on first contact (or from `--key`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PinnedLog {
    /// The address it was first reached at (for the operator; not part of its identity).
    pub url: String,
    /// The checkpoint origin line.
    pub origin: String,
    /// The log's key name in its signature lines.
    pub key_name: String,
    /// The log's Ed25519 public key, hex.
    pub public_key: String,
}

/// A checkpoint the witness has seen and verified.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Seen {
    pub size: u64,
    /// Root, hex.
    pub root: String,
    /// The log's signed note, as fetched.
    pub checkpoint: String,
}

impl Seen {
    pub fn of(cp: &Checkpoint, note: &str) -> Seen {
        Seen { size: cp.size, root: hex::encode(cp.root), checkpoint: note.to_owned() }
    }
    fn root(&self) -> Option<Hash> {
        hex::decode(&self.root).ok()?.try_into().ok()
    }
}

/// `<state>/state.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WitnessState {
    pub format: String,
    /// The witness's own key name, in its cosignature lines.
    pub name: String,
    pub log: PinnedLog,
    /// The last checkpoint cosigned, with the time it was signed.
    pub last: Option<Seen>,
    /// Unix time of the last cosignature.
    pub last_cosigned: Option<u64>,
}

/// How a fresh checkpoint relates to the last one cosigned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Nothing cosigned yet (or only the empty tree): nothing to prove.
    First,
    /// The same tree again: cosign it anew (a fresh timestamp).
    Same,
    /// A larger tree: a consistency proof from `old` is needed.
    Grown { old: u64 },
}

/// What the log did that no honest log does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Misbehaviour {
    /// Two signed checkpoints of the same size with different roots.
    Fork,
    /// A signed checkpoint smaller than one already cosigned.
    Rollback,
    /// A larger checkpoint whose consistency proof from the last one fails.
    Inconsistent,
}

impl Misbehaviour {
    pub fn code(self) -> &'static str {
        match self {
            Misbehaviour::Fork => "fork",
            Misbehaviour::Rollback => "rollback",
            Misbehaviour::Inconsistent => "inconsistent",
        }
    }

    /// The report for the operator and the bureau, in the current language.
    pub fn message(self, origin: &str, previous: &Seen, current: &Checkpoint) -> String {
        match self {
            Misbehaviour::Fork => t!(
                "cli-witness-fork",
                origin = origin,
                size = current.size,
                previous = short(&previous.root),
                current = short(&hex::encode(current.root))
            ),
            Misbehaviour::Rollback => {
                t!("cli-witness-rollback", origin = origin, previous = previous.size, current = current.size)
            }
            Misbehaviour::Inconsistent => {
                t!("cli-witness-inconsistent", origin = origin, previous = previous.size, current = current.size)
            }
        }
    }
}

fn short(hex: &str) -> &str {
    &hex[..hex.len().min(16)]
}

/// Compares a verified checkpoint with the last one cosigned.
pub fn compare(last: Option<&Seen>, current: &Checkpoint) -> Result<Step, Misbehaviour> {
    let Some(last) = last.filter(|l| l.size > 0) else { return Ok(Step::First) };
    if current.size < last.size {
        return Err(Misbehaviour::Rollback);
    }
    if current.size == last.size {
        return if last.root() == Some(current.root) { Ok(Step::Same) } else { Err(Misbehaviour::Fork) };
    }
    Ok(Step::Grown { old: last.size })
}

/// Checks the consistency proof from the last cosigned checkpoint to `current`.
pub fn consistent(last: &Seen, current: &Checkpoint, proof: &[Hash]) -> bool {
    last.root().is_some_and(|old| merkle::verify_consistency(last.size, current.size, proof, &old, &current.root))
}

/// An evidence file: both signed checkpoints (and the failing proof), enough for anyone
/// holding the log's public key to confirm the misbehaviour without the witness.
#[derive(Debug, Clone, Serialize)]
pub struct Evidence<'a> {
    pub format: &'static str,
    pub kind: Misbehaviour,
    pub detected: String,
    pub message: String,
    pub log: &'a PinnedLog,
    pub previous: &'a Seen,
    pub current: Seen,
    /// The consistency proof that failed, when there was one.
    pub consistency_proof: Option<ProofRecord>,
}

/// A consistency proof as fetched.
#[derive(Debug, Clone, Serialize)]
pub struct ProofRecord {
    pub old: u64,
    pub new: u64,
    /// Hashes, hex.
    pub proof: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cp(size: u64, root: u8) -> Checkpoint {
        Checkpoint { origin: "o".into(), size, root: [root; 32] }
    }

    #[test]
    fn sizes_and_roots_decide_the_step() {
        let last = Seen::of(&cp(5, 1), "note");
        assert_eq!(compare(None, &cp(3, 1)), Ok(Step::First));
        assert_eq!(compare(Some(&Seen::of(&cp(0, 0), "n")), &cp(3, 1)), Ok(Step::First));
        assert_eq!(compare(Some(&last), &cp(5, 1)), Ok(Step::Same));
        assert_eq!(compare(Some(&last), &cp(5, 2)), Err(Misbehaviour::Fork));
        assert_eq!(compare(Some(&last), &cp(4, 1)), Err(Misbehaviour::Rollback));
        assert_eq!(compare(Some(&last), &cp(9, 7)), Ok(Step::Grown { old: 5 }));
    }

    #[test]
    fn a_proof_holds_only_for_a_tree_that_extends_the_last() {
        let leaves: Vec<Hash> = (0u8..9).map(|i| merkle::leaf_hash(&[i])).collect();
        let last = Seen::of(&Checkpoint { origin: "o".into(), size: 5, root: merkle::root(&leaves[..5]) }, "n");
        let new = Checkpoint { origin: "o".into(), size: 9, root: merkle::root(&leaves) };
        let proof = merkle::consistency_proof(&leaves, 5).unwrap();
        assert!(consistent(&last, &new, &proof));
        let mut other = leaves.clone();
        other[2] = merkle::leaf_hash(b"rewritten");
        let forked = Checkpoint { origin: "o".into(), size: 9, root: merkle::root(&other) };
        assert!(!consistent(&last, &forked, &merkle::consistency_proof(&other, 5).unwrap()));
    }
}
