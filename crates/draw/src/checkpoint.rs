//! Signed tree heads in the C2SP tlog-checkpoint / signed-note format.
//!
//! ```text
//! <origin>\n<size>\n<base64 root>\n\n— <key name> <base64(key id || signature)>\n
//! ```
//! The signature is Ed25519 over the note body (the three lines, each ending
//! in `\n`); the key id is the first 4 bytes of
//! `SHA-256(key name || 0x0A || 0x01 || public key)`.

use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};

use crate::encoding::{Hash, sha256};
use crate::error::CheckpointError;

/// A tree head: which log, how many entries, which root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checkpoint {
    /// The log's origin line, e.g. its host and path.
    pub origin: String,
    /// Number of entries covered.
    pub size: u64,
    /// Merkle root of the first `size` entries.
    pub root: Hash,
}

/// Key id of a signed-note Ed25519 key.
pub fn key_id(name: &str, key: &VerifyingKey) -> [u8; 4] {
    let h = sha256(&[name.as_bytes(), b"\n", &[1u8], key.as_bytes()]);
    [h[0], h[1], h[2], h[3]]
}

impl Checkpoint {
    /// The signed body: three lines, each terminated by a newline.
    pub fn body(&self) -> String {
        format!("{}\n{}\n{}\n", self.origin, self.size, B64.encode(self.root))
    }

    /// Signs and renders the whole note.
    pub fn sign(&self, key_name: &str, key: &SigningKey) -> String {
        let body = self.body();
        let sig = key.sign(body.as_bytes());
        let mut blob = key_id(key_name, &key.verifying_key()).to_vec();
        blob.extend_from_slice(&sig.to_bytes());
        format!("{body}\n\u{2014} {key_name} {}\n", B64.encode(blob))
    }

    /// Parses a note and verifies the signature of `key_name`/`key` on it.
    pub fn verify(note: &str, key_name: &str, key: &VerifyingKey) -> Result<Checkpoint, CheckpointError> {
        let bad = |m: &str| CheckpointError::Malformed(m.to_owned());
        let (body, sigs) = note.split_once("\n\n").ok_or_else(|| bad("no blank line before signatures"))?;
        let body = format!("{body}\n");
        let lines: Vec<&str> = body.lines().collect();
        if lines.len() < 3 {
            return Err(bad("body needs origin, size and root lines"));
        }
        let size: u64 = lines[1]
            .parse()
            .ok()
            .filter(|_| lines[1] == "0" || !lines[1].starts_with('0'))
            .ok_or_else(|| bad("size is not a decimal number"))?;
        let root: Hash = B64
            .decode(lines[2])
            .ok()
            .and_then(|v| v.try_into().ok())
            .ok_or_else(|| bad("root is not 32 bytes of base64"))?;
        // Every line after the blank one is a signature line, and the note ends with a
        // newline (signed-note): text appended to a signed note must not pass unnoticed.
        let well_formed = |line: &str| {
            line.strip_prefix("\u{2014} ").and_then(|rest| rest.split_once(' ')).is_some_and(|(name, sig)| {
                !name.is_empty()
                    && !name.contains(' ')
                    && !sig.is_empty()
                    && sig.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'='))
            })
        };
        let Some(sig_lines) = sigs.strip_suffix('\n') else {
            return Err(bad("the note does not end with a newline after its signature lines"));
        };
        if !sig_lines.split('\n').all(well_formed) {
            return Err(bad("a line after the blank line is not a signature line `— <key name> <base64>`"));
        }
        let want = key_id(key_name, key);
        let prefix = format!("\u{2014} {key_name} ");
        for line in sigs.lines() {
            let Some(b) = line.strip_prefix(&prefix) else { continue };
            let Ok(blob) = B64.decode(b) else { continue };
            if blob.len() != 68 || blob[..4] != want {
                continue;
            }
            let sig = Signature::from_slice(&blob[4..]).map_err(|_| CheckpointError::BadSignature)?;
            key.verify(body.as_bytes(), &sig).map_err(|_| CheckpointError::BadSignature)?;
            return Ok(Checkpoint { origin: lines[0].to_owned(), size, root });
        }
        Err(CheckpointError::NoSignature(key_name.to_owned()))
    }
}
