//! The replay snapshot: `<data>/replay-snapshot.cbor`, the state start-up derives from the
//! journal (the log's hashes and draw states, the protocol verifier's state, the line
//! offsets and the service's indexes) as it was after the first `entries` entries, so
//! that the next start replays only the entries written since.
//!
//! Three CBOR items: a header, the body, and a trailer with the body's SHA-256.
//!
//! It is a cache, never a source of truth. It is used only when everything it was made
//! from is unchanged:
//! - the same build's state layout ([`SHAPE`], a digest of the source files of every
//!   struct it holds: a new version of the software replays in full once);
//! - the same log origin;
//! - the journal's first `journal_len` bytes have the SHA-256 recorded in it (read again
//!   on every start: an edited, shortened or replaced journal does not match);
//! - after the tail is replayed on top of it, the Merkle root at the last kept checkpoint's
//!   size is the signed one (the check every start makes, [`crate::journal::replay`]).
//!
//! Anything else — a missing, unreadable, foreign or stale file — is reported and the
//! journal is replayed in full, which names any damage exactly as without a snapshot.
//! The file is written after every start that replayed new entries, by an atomic
//! replace; a crash while writing leaves the previous one (or none), never half a file.

use std::io::{BufReader, Read, Write};
use std::os::unix::fs::FileExt;
use std::path::Path;

use expertpool_draw::{Log, Verifier};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// File name of the snapshot in the data folder.
pub const SNAPSHOT: &str = "replay-snapshot.cbor";

/// The snapshot's own format; [`SHAPE`] covers the layout of what it holds.
const FORMAT: &str = "expertpool-drawd-snapshot/1";

/// Digest of the source of every struct a snapshot holds (made by build.rs).
pub const SHAPE: &str = env!("EXPERTPOOL_SNAPSHOT_SHAPE");

/// Read first, so that a stale or foreign snapshot is recognised before its body is read.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
struct Header {
    format: String,
    shape: String,
    /// The log origin (key name) of the data folder it was made in.
    origin: String,
    /// Entries covered.
    entries: u64,
    /// Bytes of the journal covered: the end of entry `entries - 1`'s line.
    journal_len: u64,
    /// Hex SHA-256 of those bytes.
    journal_sha256: String,
}

/// Written after the body, whose digest it holds (a damaged file is never read as state).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
struct Trailer {
    body_sha256: String,
}

/// What start-up restores from a snapshot.
pub struct Restored {
    pub log: Log,
    pub verifier: Verifier,
    /// Start of every covered entry's line, and the end of the last.
    pub offsets: Vec<u64>,
    /// The service's indexes, as [`crate::journal::Replaying::save`] wrote them.
    pub derived: Vec<u8>,
    /// SHA-256 state over the covered bytes, to go on over the tail.
    pub digest: Sha256,
}

impl Restored {
    pub fn entries(&self) -> u64 {
        self.log.len()
    }
    pub fn journal_len(&self) -> u64 {
        *self.offsets.last().unwrap_or(&0)
    }
}

/// What start-up made of the snapshot.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Use {
    /// There was none (or the start did not look: a read-only replay).
    #[default]
    None,
    /// The first `entries` entries came from it.
    Used {
        /// Entries restored rather than replayed.
        entries: u64,
    },
    /// It was there but could not be used: why (the journal was replayed in full).
    Ignored(String),
}

/// The body, written after the header.
#[derive(Serialize)]
struct BodyRef<'a> {
    log: &'a Log,
    verifier: &'a Verifier,
    #[serde(serialize_with = "flat_u64::serialize")]
    offsets: &'a [u64],
    #[serde(with = "serde_bytes_vec")]
    derived: &'a [u8],
}

#[derive(Deserialize)]
struct Body {
    log: Log,
    verifier: Verifier,
    #[serde(deserialize_with = "flat_u64::deserialize")]
    offsets: Vec<u64>,
    #[serde(deserialize_with = "serde_bytes_vec::deserialize")]
    derived: Vec<u8>,
}

/// Everything [`write`] needs, as start-up has it after the replay.
pub struct State<'a> {
    pub origin: &'a str,
    pub log: &'a Log,
    pub verifier: &'a Verifier,
    pub offsets: &'a [u64],
    pub derived: &'a [u8],
    /// SHA-256 of the journal's bytes up to `offsets.last()`.
    pub journal_sha256: [u8; 32],
}

/// Writes the snapshot of `state` (atomically replacing the previous one).
pub fn write(data: &Path, state: &State<'_>) -> std::io::Result<()> {
    let header = Header {
        format: FORMAT.into(),
        shape: SHAPE.into(),
        origin: state.origin.into(),
        entries: state.log.len(),
        journal_len: *state.offsets.last().unwrap_or(&0),
        journal_sha256: hex::encode(state.journal_sha256),
    };
    if state.offsets.len() as u64 != header.entries + 1 {
        return Err(std::io::Error::other("offsets do not match the log's length"));
    }
    let body = BodyRef { log: state.log, verifier: state.verifier, offsets: state.offsets, derived: state.derived };
    // Streamed to the file: a million entries make a body of about 140 MB.
    let path = data.join(SNAPSHOT);
    expertpool_records::fsio::replace_streamed(&path, expertpool_records::fsio::WriteMode::Private, |out| {
        ciborium::into_writer(&header, &mut *out).map_err(std::io::Error::other)?;
        let mut hashed = Hashing { inner: &mut *out, digest: Sha256::new() };
        ciborium::into_writer(&body, &mut hashed).map_err(std::io::Error::other)?;
        let trailer = Trailer { body_sha256: hex::encode(hashed.digest.finalize()) };
        ciborium::into_writer(&trailer, out).map_err(std::io::Error::other)
    })
}

/// Reads the snapshot and checks it against `journal` (the open journal file). `Ok(None)`
/// when there is none; `Err(why)` when there is one that cannot be used.
pub fn load(data: &Path, origin: &str, journal: &std::fs::File) -> Result<Option<Restored>, String> {
    let path = data.join(SNAPSHOT);
    let file = match std::fs::File::open(&path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(format!("{}: {e}", path.display())),
    };
    let mut r = BufReader::with_capacity(1 << 20, file);
    let header: Header = ciborium::from_reader(&mut r).map_err(|e| format!("unreadable header: {e}"))?;
    if header.format != FORMAT || header.shape != SHAPE {
        return Err("made by another version of the software".into());
    }
    if header.origin != origin {
        return Err(format!("made for the log origin {:?}, not {origin:?}", header.origin));
    }
    let on_disk = journal.metadata().map_err(|e| e.to_string())?.len();
    if on_disk < header.journal_len {
        return Err(format!(
            "covers {} bytes ({} entries) of the journal, which holds only {on_disk}",
            header.journal_len, header.entries
        ));
    }
    let digest = prefix_digest(journal, header.journal_len).map_err(|e| e.to_string())?;
    if hex::encode(digest.clone().finalize()) != header.journal_sha256 {
        return Err(format!(
            "the journal's first {} bytes ({} entries) are no longer those it was made from",
            header.journal_len, header.entries
        ));
    }
    let mut hashed = Hashing { inner: &mut r, digest: Sha256::new() };
    let body: Result<Body, _> = ciborium::from_reader(&mut hashed);
    let body = body.map_err(|e| format!("unreadable body: {e}"))?;
    let digest_read = hex::encode(hashed.digest.finalize());
    let damaged = || "damaged: its body does not have the digest its trailer records".to_string();
    let trailer: Trailer = ciborium::from_reader(&mut r).map_err(|_| damaged())?;
    if trailer.body_sha256 != digest_read {
        return Err(damaged());
    }
    let mut rest = [0u8; 1];
    if r.read(&mut rest).map_err(|e| e.to_string())? != 0 {
        return Err("trailing bytes after the trailer".into());
    }
    if body.log.len() != header.entries
        || body.offsets.len() as u64 != header.entries + 1
        || body.offsets.last() != Some(&header.journal_len)
        || body.offsets.windows(2).any(|w| w[0] >= w[1])
    {
        return Err("its parts disagree in length".into());
    }
    let mut log = body.log;
    log.restore_tree();
    Ok(Some(Restored { log, verifier: body.verifier, offsets: body.offsets, derived: body.derived, digest }))
}

/// A reader that hashes what passes through it.
struct Hashing<R> {
    inner: R,
    digest: Sha256,
}

impl<R: Read> Read for Hashing<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.digest.update(&buf[..n]);
        Ok(n)
    }
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.digest.update(&buf[..n]);
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// SHA-256 state over the first `len` bytes of `file`.
fn prefix_digest(file: &std::fs::File, len: u64) -> std::io::Result<Sha256> {
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    let mut pos = 0u64;
    while pos < len {
        let n = buf.len().min((len - pos) as usize);
        file.read_exact_at(&mut buf[..n], pos)?;
        h.update(&buf[..n]);
        pos += n as u64;
    }
    Ok(h)
}

/// Offsets as one byte string of little-endian u64s (a million entries: 8 MB, read at once).
mod flat_u64 {
    pub fn serialize<S: serde::Serializer>(v: &&[u64], s: S) -> Result<S::Ok, S::Error> {
        let mut b = Vec::with_capacity(v.len() * 8);
        for x in v.iter() {
            b.extend_from_slice(&x.to_le_bytes());
        }
        s.serialize_bytes(&b)
    }

    pub fn deserialize<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<u64>, D::Error> {
        let b = super::serde_bytes_vec::deserialize(d)?;
        let (chunks, rest) = b.as_chunks::<8>();
        if !rest.is_empty() {
            return Err(serde::de::Error::invalid_length(b.len(), &"a multiple of 8 bytes"));
        }
        Ok(chunks.iter().map(|c| u64::from_le_bytes(*c)).collect())
    }
}

/// A byte string (serde writes `&[u8]` as a list of numbers unless told otherwise).
mod serde_bytes_vec {
    pub fn serialize<S: serde::Serializer>(v: &&[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(v)
    }

    pub fn deserialize<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        struct Bytes;
        impl<'de> serde::de::Visitor<'de> for Bytes {
            type Value = Vec<u8>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a byte string")
            }
            fn visit_bytes<E: serde::de::Error>(self, b: &[u8]) -> Result<Vec<u8>, E> {
                Ok(b.to_vec())
            }
            fn visit_byte_buf<E: serde::de::Error>(self, b: Vec<u8>) -> Result<Vec<u8>, E> {
                Ok(b)
            }
        }
        d.deserialize_byte_buf(Bytes)
    }
}
