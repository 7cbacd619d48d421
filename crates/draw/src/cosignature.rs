//! Witness cosignatures in the C2SP `tlog-cosignature` format, Ed25519 type
//! (`cosignature/v1`).
//!
//! A cosignature is one more signature line on the log's checkpoint note:
//!
//! ```text
//! — <witness name> base64(key id || timestamp || signature)
//! ```
//! * key id: the first 4 bytes of `SHA-256(name || 0x0A || 0x04 || public key)`; the
//!   signature-type byte 0x04 (not the log's 0x01) keeps a cosignature from ever being
//!   taken for a log signature of the same key;
//! * timestamp: seconds since the Unix epoch when the witness signed, 8 bytes big-endian;
//! * signature: Ed25519 over `cosignature/v1\ntime <timestamp>\n` followed by the whole
//!   checkpoint body (origin, size and root lines, each ending in `\n`).
//!
//! Its meaning: as of that time, this is the largest tree the witness has seen for the
//! origin, and it is consistent with every earlier one it saw.

use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};

use crate::checkpoint::Checkpoint;
use crate::encoding::sha256;

/// The header line of the signed message.
pub const COSIGNATURE_V1: &str = "cosignature/v1";

/// Signature-type byte of an Ed25519 cosignature in its key id.
const ED25519_COSIGNATURE: u8 = 0x04;

/// Largest timestamp the format allows (2^63 − 1).
const MAX_TIMESTAMP: u64 = i64::MAX as u64;

/// Key id of a witness's Ed25519 cosigning key.
pub fn cosigner_key_id(name: &str, key: &VerifyingKey) -> [u8; 4] {
    let h = sha256(&[name.as_bytes(), b"\n", &[ED25519_COSIGNATURE], key.as_bytes()]);
    [h[0], h[1], h[2], h[3]]
}

/// The bytes a witness signs for `checkpoint` at `timestamp`.
pub fn cosigned_message(checkpoint: &Checkpoint, timestamp: u64) -> String {
    format!("{COSIGNATURE_V1}\ntime {timestamp}\n{}", checkpoint.body())
}

/// A witness's cosignature of one checkpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cosignature {
    /// The witness's key name.
    pub name: String,
    /// When it signed, seconds since the Unix epoch.
    pub timestamp: u64,
    /// The note signature line, without its final newline: `— <name> <base64>`.
    pub line: String,
}

/// Why a cosignature was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CosignatureError {
    /// Not a signature line of the expected shape.
    #[error("not a cosignature line `— <name> <base64>`: {0}")]
    Malformed(String),
    /// The line names another witness.
    #[error("the line is signed by {found:?}, not by witness {expected:?}")]
    OtherName {
        /// The name configured.
        expected: String,
        /// The name in the line.
        found: String,
    },
    /// The key id is not that of the witness's key (another key, or a log signature).
    #[error("the key id is not that of witness {0:?}'s cosigning key")]
    OtherKey(String),
    /// The timestamp is above 2^63 − 1.
    #[error("the timestamp {0} is above 2^63 - 1")]
    Timestamp(u64),
    /// The signature does not verify over this checkpoint.
    #[error("the signature does not verify over this checkpoint at time {0}")]
    BadSignature(u64),
}

/// Signs `checkpoint` as witness `name` at `timestamp`.
pub fn cosign(checkpoint: &Checkpoint, name: &str, key: &SigningKey, timestamp: u64) -> Cosignature {
    let sig = key.sign(cosigned_message(checkpoint, timestamp).as_bytes());
    let mut blob = cosigner_key_id(name, &key.verifying_key()).to_vec();
    blob.extend_from_slice(&timestamp.to_be_bytes());
    blob.extend_from_slice(&sig.to_bytes());
    Cosignature { name: name.to_owned(), timestamp, line: format!("\u{2014} {name} {}", B64.encode(blob)) }
}

/// Verifies one signature line as witness `name`'s cosignature of `checkpoint`.
pub fn verify_cosignature(
    checkpoint: &Checkpoint,
    line: &str,
    name: &str,
    key: &VerifyingKey,
) -> Result<Cosignature, CosignatureError> {
    let line = line.strip_suffix('\n').unwrap_or(line);
    let bad = |m: &str| CosignatureError::Malformed(m.to_owned());
    let rest = line.strip_prefix("\u{2014} ").ok_or_else(|| bad("it must start with U+2014 EM DASH and a space"))?;
    let (found, b64) = rest.split_once(' ').ok_or_else(|| bad("a space must separate the name and the signature"))?;
    if found != name {
        return Err(CosignatureError::OtherName { expected: name.to_owned(), found: found.to_owned() });
    }
    let blob = B64.decode(b64).map_err(|_| bad("the signature is not standard base64"))?;
    if blob.len() != 4 + 8 + 64 {
        return Err(bad("an Ed25519 cosignature holds 76 bytes: key id, timestamp, signature"));
    }
    if blob[..4] != cosigner_key_id(name, key) {
        return Err(CosignatureError::OtherKey(name.to_owned()));
    }
    let timestamp = u64::from_be_bytes(blob[4..12].try_into().expect("8 bytes"));
    if timestamp > MAX_TIMESTAMP {
        return Err(CosignatureError::Timestamp(timestamp));
    }
    let sig = Signature::from_slice(&blob[12..]).map_err(|_| CosignatureError::BadSignature(timestamp))?;
    key.verify(cosigned_message(checkpoint, timestamp).as_bytes(), &sig)
        .map_err(|_| CosignatureError::BadSignature(timestamp))?;
    Ok(Cosignature { name: name.to_owned(), timestamp, line: line.to_owned() })
}

/// The checkpoint's signed note with cosignature lines appended (signed-note allows any
/// number of signature lines; readers ignore those of keys they do not know).
pub fn with_cosignatures<'a>(note: &str, cosignatures: impl IntoIterator<Item = &'a Cosignature>) -> String {
    let mut out = note.to_owned();
    for c in cosignatures {
        out.push_str(&c.line);
        out.push('\n');
    }
    out
}

/// The signature lines of a note (every line after its blank line).
pub fn signature_lines(note: &str) -> Vec<&str> {
    note.split_once("\n\n").map(|(_, sigs)| sigs.lines().collect()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn checkpoint() -> Checkpoint {
        Checkpoint { origin: "draws.example.gov.cn".into(), size: 7, root: [9u8; 32] }
    }

    #[test]
    fn a_cosignature_verifies_and_any_change_is_refused() {
        let key = SigningKey::from_bytes(&[3u8; 32]);
        let vk = key.verifying_key();
        let c = cosign(&checkpoint(), "czj.example/w1", &key, 1_790_000_000);
        assert_eq!(verify_cosignature(&checkpoint(), &c.line, "czj.example/w1", &vk), Ok(c.clone()));
        let other = Checkpoint { size: 8, ..checkpoint() };
        assert_eq!(
            verify_cosignature(&other, &c.line, "czj.example/w1", &vk),
            Err(CosignatureError::BadSignature(1_790_000_000))
        );
        assert!(matches!(
            verify_cosignature(&checkpoint(), &c.line, "czj.example/w2", &vk),
            Err(CosignatureError::OtherName { .. })
        ));
        let stranger = SigningKey::from_bytes(&[4u8; 32]).verifying_key();
        assert_eq!(
            verify_cosignature(&checkpoint(), &c.line, "czj.example/w1", &stranger),
            Err(CosignatureError::OtherKey("czj.example/w1".into()))
        );
        // A log signature by the same key (type 0x01) is not a cosignature.
        let note = checkpoint().sign("czj.example/w1", &key);
        let log_line = signature_lines(&note)[0];
        assert!(verify_cosignature(&checkpoint(), log_line, "czj.example/w1", &vk).is_err());
    }

    #[test]
    fn cosignature_lines_append_to_the_note_and_the_log_signature_still_verifies() {
        let log_key = SigningKey::from_bytes(&[1u8; 32]);
        let note = checkpoint().sign("draws.example.gov.cn", &log_key);
        let w = cosign(&checkpoint(), "czj.example/w1", &SigningKey::from_bytes(&[3u8; 32]), 5);
        let both = with_cosignatures(&note, [&w]);
        assert_eq!(signature_lines(&both).len(), 2);
        assert_eq!(Checkpoint::verify(&both, "draws.example.gov.cn", &log_key.verifying_key()), Ok(checkpoint()));
    }
}
