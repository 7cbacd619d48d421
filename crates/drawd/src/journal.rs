//! The journal: `<data>/journal.jsonl`, one log entry per line, payloads included (so
//! sealed data survives restarts; the API withholds it until its time).
//!
//! Durability rules: a batch of lines is written and `fsync`ed, then the checkpoint
//! signed for the new size is appended to `<data>/checkpoints.jsonl` and `fsync`ed, and
//! only then is any of it acknowledged; a failed write is cut back to the last
//! acknowledged byte in both files. On start the journal is read line by line and every
//! entry is checked by the protocol verifier (chain, seals, typed bodies, state
//! transitions, recomputed orders, reveal names, time order: see
//! [`expertpool_draw::Verifier::journal`]), then compared with the last kept checkpoint:
//! a journal shorter than it, or with another root at its size, lost or changed
//! acknowledged entries, and the start is refused naming the damage. A final line
//! without its newline that no checkpoint covers can only come from a crash mid-write (it
//! was never acknowledged): it is cut off and reported. Anything else that is wrong
//! stops the start with the line number; the file is never rewritten to hide it. An OS
//! lock on `<data>/lock` keeps a second process out.
//!
//! Only what must stay is kept in memory: hashes, the Merkle frontier, the byte offset
//! of every line, and the entries of open draws ([`Log::compacting`]); the service reads
//! everything else back from the file by offset ([`EntryReader`]).

use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Seek, SeekFrom, Write};
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use ed25519_dalek::VerifyingKey;
use expertpool_draw::{Log, LogEntry, LogError, Status, Verifier, merkle};

use sha2::{Digest, Sha256};

use crate::checkpoints::{self, CHECKPOINTS, CheckpointFile, KeptCheckpoint, Located};
use crate::snapshot::{self, SNAPSHOT};

/// File name of the journal in the data folder.
pub const JOURNAL: &str = "journal.jsonl";

/// The journal could not be opened, read or trusted.
#[derive(Debug, thiserror::Error)]
#[allow(missing_docs)] // The messages say what each field is.
pub enum JournalError {
    /// Reading or writing failed.
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error(
        "{path}:{line}: {problem}\n  the journal is left untouched; restore it from a backup or repair this line by hand"
    )]
    /// A line is not what was written, or breaks the protocol (never repaired silently).
    Corrupt { path: PathBuf, line: usize, problem: String },
    #[error("{path}: another process holds the data folder (is a draw service already running on it?)")]
    /// Another process has the data folder.
    Locked { path: PathBuf },
    /// Fewer entries than a kept checkpoint covers: acknowledged entries were lost.
    #[error(
        "{path}: holds {entries} complete entries, but checkpoint line {line} of {checkpoints} (size {size}, signed {time}) covers {size}: acknowledged entries {entries}..{last} (lines {first_line}-{size}) are missing — the journal was truncated or its last lines dropped\n  the service refuses to start so that no sequence number or draw id is reused; restore journal.jsonl from a backup holding at least {size} entries, then start again",
        last = size - 1, first_line = entries + 1
    )]
    Shortened { path: PathBuf, checkpoints: PathBuf, line: usize, size: u64, time: String, entries: u64 },
    /// The entries a kept checkpoint covers hash to another root: an entry was changed.
    #[error(
        "{path}: the first {size} entries do not have the Merkle root that checkpoint line {line} of {checkpoints} (signed {time}) signed for them: {damage}\n  the journal is left untouched; restore journal.jsonl from a backup, then start again"
    )]
    Rewritten { path: PathBuf, checkpoints: PathBuf, line: usize, size: u64, time: String, damage: String },
    /// A line of the checkpoint file is unreadable or not signed by this folder's key.
    #[error(
        "{path}:{line}: {problem}\n  the checkpoint file is left untouched; restore it (and the journal) from a backup of this data folder"
    )]
    BadCheckpoint { path: PathBuf, line: usize, problem: String },
}

/// What replay found besides the entries.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReplayReport {
    /// Entries replayed and verified.
    pub entries: usize,
    /// Bytes of an incomplete final line that were cut off, with its line number.
    pub torn_tail: Option<(usize, usize)>,
    /// Size of the last kept checkpoint the journal was checked against.
    pub checkpoint: Option<u64>,
    /// Whether the replay started from the kept snapshot ([`crate::snapshot`]).
    pub snapshot: snapshot::Use,
}

impl std::fmt::Display for ReplayReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "journal: {} entries verified", self.entries)?;
        match &self.snapshot {
            snapshot::Use::None => {}
            snapshot::Use::Used { entries } => write!(
                f,
                " ({entries} restored from {SNAPSHOT}, the {} written since replayed)",
                self.entries as u64 - entries
            )?,
            snapshot::Use::Ignored(why) => write!(f, " (in full: {SNAPSHOT} not used, {why})")?,
        }
        match self.checkpoint {
            Some(n) => write!(f, ", matching the kept checkpoint of size {n}")?,
            None => write!(f, "; no kept checkpoint yet ({CHECKPOINTS} is started now)")?,
        }
        if let Some((line, bytes)) = self.torn_tail {
            write!(
                f,
                "; an incomplete line {line} ({bytes} bytes, never acknowledged) from an interrupted write was cut off"
            )?;
        }
        Ok(())
    }
}

/// The service key, to check the kept checkpoints with.
#[derive(Clone, Copy)]
pub struct Key<'a> {
    pub name: &'a str,
    pub key: &'a VerifyingKey,
}

/// A journal read and verified.
pub struct Replayed {
    pub log: Log,
    /// Byte offset of the start of every entry's line, and the end of the last.
    pub offsets: Vec<u64>,
    pub report: ReplayReport,
    /// The last kept checkpoint, when there is one.
    pub last: Option<KeptCheckpoint>,
    /// Length of the journal up to its last complete line.
    valid_len: u64,
    /// The protocol verifier's state after the last entry (for the next snapshot).
    pub verifier: Verifier,
    /// SHA-256 of the journal's first `valid_len` bytes (for the next snapshot).
    pub journal_sha256: [u8; 32],
}

impl Replayed {
    /// Entries replayed from the journal itself rather than restored from a snapshot.
    pub fn replayed_from_journal(&self) -> u64 {
        match self.report.snapshot {
            snapshot::Use::Used { entries } => self.log.len() - entries,
            _ => self.log.len(),
        }
    }
}

/// What the service derives from the entries while they are replayed (its indexes).
pub trait Replaying {
    /// Called with each entry once it is in the log.
    fn observe(&mut self, e: &LogEntry, log: &Log) -> Result<(), LogError>;
    /// Takes back what [`Replaying::save`] wrote, instead of observing the covered entries.
    fn restore(&mut self, saved: &[u8]) -> Result<(), String>;
    /// The derived state after the last observed entry, for a snapshot.
    fn save(&self) -> Result<Vec<u8>, String>;
    /// Forgets everything, before a replay starts again from the first entry.
    fn reset(&mut self);
}

/// Derives nothing (read-only replays: exports, backups).
impl Replaying for () {
    fn observe(&mut self, _: &LogEntry, _: &Log) -> Result<(), LogError> {
        Ok(())
    }
    fn restore(&mut self, _: &[u8]) -> Result<(), String> {
        Ok(())
    }
    fn save(&self) -> Result<Vec<u8>, String> {
        Ok(Vec::new())
    }
    fn reset(&mut self) {}
}

/// Called with each entry once it is in the log (the service builds its indexes).
pub type Observer<'a> = &'a mut dyn Replaying;

fn io_err(path: &Path) -> impl Fn(std::io::Error) -> JournalError + '_ {
    move |source| JournalError::Io { path: path.to_path_buf(), source }
}

/// Reads, verifies and checks against the last kept checkpoint (`key` given), changing
/// nothing. `compacting` keeps only open draws' entries in memory; `from_snapshot` starts
/// from the kept snapshot when it matches the journal (with `key` and `compacting` only).
pub fn replay(
    data: &Path,
    key: Option<Key<'_>>,
    compacting: bool,
    from_snapshot: bool,
    observe: Observer<'_>,
) -> Result<Replayed, JournalError> {
    let path = data.join(JOURNAL);
    let cp_path = data.join(CHECKPOINTS);
    let corrupt = |line: usize, problem: String| JournalError::Corrupt { path: path.clone(), line, problem };
    let last = match key {
        Some(k) => checkpoints::read_last(&cp_path, k.name, k.key)
            .map_err(|(line, problem)| JournalError::BadCheckpoint { path: cp_path.clone(), line, problem })?,
        None => None,
    };
    let file = match File::open(&path) {
        Ok(f) => Some(f),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(source) => return Err(JournalError::Io { path, source }),
    };
    let mut log = if compacting { Log::compacting() } else { Log::new() };
    let mut verifier = Verifier::journal();
    let mut offsets = vec![0u64];
    let mut torn = None;
    let mut digest = Sha256::new();
    let mut used = snapshot::Use::None;
    if let Some(mut file) = file {
        let restored = match (compacting && from_snapshot, key) {
            (true, Some(k)) => snapshot::load(data, k.name, &file),
            _ => Ok(None),
        };
        let mut pos = 0u64;
        let mut line_no = 0;
        match restored.and_then(|r| match r {
            Some(r) => observe.restore(&r.derived).map(|()| Some(r)).map_err(|e| format!("indexes unreadable: {e}")),
            None => Ok(None),
        }) {
            Ok(Some(r)) => {
                pos = r.journal_len();
                line_no = r.entries() as usize;
                used = snapshot::Use::Used { entries: r.entries() };
                (log, verifier, offsets, digest) = (r.log, r.verifier, r.offsets, r.digest);
                file.seek(SeekFrom::Start(pos)).map_err(io_err(&path))?;
            }
            Ok(None) => {}
            Err(why) => used = snapshot::Use::Ignored(why),
        }
        let mut r = BufReader::with_capacity(1 << 20, file);
        let mut buf = Vec::new();
        loop {
            buf.clear();
            let n = r.read_until(b'\n', &mut buf).map_err(io_err(&path))?;
            if n == 0 {
                break;
            }
            line_no += 1;
            if buf.last() != Some(&b'\n') {
                torn = Some((line_no, n));
                break;
            }
            digest.update(&buf);
            let line = &buf[..n - 1];
            // Read straight into an entry (no JSON tree: a commit's payload is large).
            let found: LogEntry<String> =
                serde_json::from_slice(line).map_err(|e| corrupt(line_no, format!("not a log entry: {e}")))?;
            if found.sealed.is_none() && line.windows(14).any(|w| w == b"\"sealed\":null") {
                return Err(corrupt(line_no, "not a log entry: sealed is null".into()));
            }
            let (report, _) = verifier.check_entry(&found);
            if let Some(c) = report.checks.iter().find(|c| c.status == Status::Fail) {
                return Err(corrupt(
                    line_no,
                    format!(
                        "{} entry of draw {:?} breaks the protocol (check `{}`): {}",
                        report.kind, report.draw, c.name, c.detail
                    ),
                ));
            }
            let e = found.typed_kind().map_err(|e| corrupt(line_no, e.to_string()))?;
            log.push_entry(Arc::new(e)).map_err(|e| corrupt(line_no, e.to_string()))?;
            let seq = log.len() - 1;
            // The entry just pushed is live until the next compaction.
            if let Some(e) = log.entry(seq).cloned() {
                observe.observe(&e, &log).map_err(|e| corrupt(line_no, e.to_string()))?;
            }
            if seq % 64 == 63 {
                log.compact();
            }
            pos += n as u64;
            offsets.push(pos);
        }
    }
    log.compact();
    let entries = log.len();
    if let Some(cp) = &last {
        if entries < cp.kept.size {
            return Err(JournalError::Shortened {
                path,
                checkpoints: cp_path,
                line: cp.line,
                size: cp.kept.size,
                time: cp.kept.time.clone(),
                entries,
            });
        }
        let root = log.root(cp.kept.size).map_err(|e| corrupt(0, e.to_string()))?;
        if root != cp.checkpoint.root {
            let damage = locate_damage(&log, &cp_path, key.expect("a checkpoint was read with the key"), cp);
            return Err(JournalError::Rewritten {
                path,
                checkpoints: cp_path,
                line: cp.line,
                size: cp.kept.size,
                time: cp.kept.time.clone(),
                damage,
            });
        }
    }
    let valid_len = *offsets.last().unwrap_or(&0);
    let report = ReplayReport {
        entries: entries as usize,
        torn_tail: torn,
        checkpoint: last.as_ref().map(|c| c.kept.size),
        snapshot: used,
    };
    let journal_sha256 = digest.finalize().into();
    Ok(Replayed { log, offsets, report, last: last.map(|c| c.kept), valid_len, verifier, journal_sha256 })
}

/// Finds the first kept checkpoint the journal no longer matches: the first changed
/// entry lies after the last one that still matches and within the first that does not.
fn locate_damage(log: &Log, cp_path: &Path, key: Key<'_>, last: &Located) -> String {
    let all = match checkpoints::read_all(cp_path, key.name, key.key) {
        Ok(a) => a,
        Err((line, p)) => return format!("(could not read {}:{line} to locate the change: {p})", cp_path.display()),
    };
    let mut frontier = merkle::Frontier::new();
    let mut good: Option<&Located> = None;
    for cp in all.iter().filter(|c| c.kept.size <= last.kept.size) {
        while frontier.size() < cp.kept.size {
            let h = log.entry_hash(frontier.size()).unwrap_or_default();
            frontier.push(merkle::leaf_hash(&h));
        }
        if frontier.root() != cp.checkpoint.root {
            let from = good.map_or(0, |g| g.kept.size);
            return if cp.kept.size == from + 1 {
                format!(
                    "line {} (entry {from}) was changed: the checkpoint of size {from} still matches, that of size {} (line {}, {}) does not",
                    from + 1,
                    cp.kept.size,
                    cp.line,
                    cp.kept.time
                )
            } else {
                format!(
                    "the first changed line is among lines {}-{}: the checkpoint of size {from} still matches, that of size {} (line {}, {}) does not",
                    from + 1,
                    cp.kept.size,
                    cp.kept.size,
                    cp.line,
                    cp.kept.time
                )
            };
        }
        good = Some(cp);
    }
    format!("an entry among the first {} was changed", last.kept.size)
}

/// Reads and verifies a journal without locking or changing it (for exports and backups):
/// the whole log in memory, checked by the protocol verifier and against the last kept
/// checkpoint when the folder has its signing key.
pub fn read_only(data: &Path) -> Result<Log, JournalError> {
    let id = crate::identity::Identity::open(data, None, false).ok();
    let vk = id.as_ref().map(|i| i.key.verifying_key());
    let key = id.as_ref().zip(vk.as_ref()).map(|(i, k)| Key { name: &i.key_name, key: k });
    Ok(replay(data, key, false, false, &mut ())?.log)
}

/// Reads entries back from the journal by byte offset (positioned reads: no seek, so
/// any number of readers share one handle while the writer appends).
pub struct EntryReader {
    file: File,
    path: PathBuf,
}

impl EntryReader {
    pub fn open(path: &Path) -> std::io::Result<EntryReader> {
        Ok(EntryReader { file: File::open(path)?, path: path.into() })
    }

    /// The raw bytes `start..end` (lines, newlines included).
    pub fn bytes(&self, start: u64, end: u64) -> std::io::Result<Vec<u8>> {
        let mut buf = vec![0u8; (end - start) as usize];
        self.file.read_exact_at(&mut buf, start)?;
        Ok(buf)
    }

    /// The entry whose line spans `start..end`.
    pub fn entry(&self, start: u64, end: u64) -> Result<LogEntry, JournalError> {
        let b = self.bytes(start, end).map_err(io_err(&self.path))?;
        serde_json::from_slice(b.strip_suffix(b"\n").unwrap_or(&b)).map_err(|e| JournalError::Corrupt {
            path: self.path.clone(),
            line: 0,
            problem: format!("entry at byte {start} no longer reads back: {e}"),
        })
    }
}

/// The open, locked journal of a running service, with its checkpoint file.
pub struct Journal {
    path: PathBuf,
    file: File,
    len: u64,
    checkpoints: CheckpointFile,
    _lock: File,
}

impl Journal {
    /// Locks the data folder (before anything in it is read or created).
    pub fn lock(data: &Path) -> Result<File, JournalError> {
        std::fs::create_dir_all(data).map_err(io_err(data))?;
        let lock_path = data.join("lock");
        // std opens with O_CLOEXEC, so a child process never inherits the lock.
        let lock =
            OpenOptions::new().create(true).truncate(false).write(true).open(&lock_path).map_err(io_err(&lock_path))?;
        // A lock just released can look held for a moment: a process spawned by another
        // thread between its fork and its exec holds a copy of every descriptor, the lock's
        // too (O_CLOEXEC closes it only at the exec). So a restart in the same process
        // retries briefly; a service that really runs on the folder holds it for good.
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(2);
        loop {
            match lock.try_lock() {
                Ok(()) => return Ok(lock),
                Err(std::fs::TryLockError::WouldBlock) if std::time::Instant::now() < deadline => {
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
                Err(std::fs::TryLockError::WouldBlock) => return Err(JournalError::Locked { path: data.into() }),
                Err(std::fs::TryLockError::Error(e)) => return Err(io_err(&lock_path)(e)),
            }
        }
    }

    /// Replays and verifies the journal of the locked folder, cuts a torn tail that no
    /// checkpoint covers, and opens both files for appending.
    pub fn open(
        data: &Path,
        lock: File,
        key: Key<'_>,
        observe: Observer<'_>,
    ) -> Result<(Journal, Replayed), JournalError> {
        let path = data.join(JOURNAL);
        let mut opts = OpenOptions::new();
        opts.read(true).append(true).create(true);
        std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
        let file = opts.open(&path).map_err(io_err(&path))?;
        let replayed = match replay(data, Some(key), true, true, observe) {
            Ok(r) => r,
            // The snapshot is a cache: when the journal replayed on top of it does not
            // match the signed checkpoints, the full replay decides (and names the damage
            // exactly, with the line numbers of the journal alone).
            Err(e) if data.join(SNAPSHOT).exists() => {
                observe.reset();
                let mut r = replay(data, Some(key), true, false, observe)?;
                r.report.snapshot = snapshot::Use::Ignored(format!("the journal replayed on it was refused: {e}"));
                r
            }
            Err(e) => return Err(e),
        };
        let on_disk = file.metadata().map_err(io_err(&path))?.len();
        if replayed.valid_len < on_disk {
            file.set_len(replayed.valid_len).map_err(io_err(&path))?;
            file.sync_all().map_err(io_err(&path))?;
        }
        let cp_path = data.join(CHECKPOINTS);
        let checkpoints = CheckpointFile::open(&cp_path).map_err(io_err(&cp_path))?;
        if let Some(dir) = path.parent() {
            File::open(dir).and_then(|d| d.sync_all()).map_err(io_err(dir))?;
        }
        let len = replayed.valid_len;
        Ok((Journal { path, file, len, checkpoints, _lock: lock }, replayed))
    }

    /// Appends the entries and makes them durable, then keeps the checkpoint signed for
    /// the new size. Returns the end offset of each entry's line. On any failure both
    /// files are cut back, so they hold exactly what was acknowledged before.
    pub fn append(&mut self, entries: &[Arc<LogEntry>], checkpoint: &KeptCheckpoint) -> std::io::Result<Vec<u64>> {
        let mut buf = Vec::with_capacity(entries.len() * 512);
        let mut ends = Vec::with_capacity(entries.len());
        for e in entries {
            serde_json::to_writer(&mut buf, e).map_err(std::io::Error::other)?;
            buf.push(b'\n');
            ends.push(self.len + buf.len() as u64);
        }
        let result = self
            .file
            .write_all(&buf)
            .and_then(|_| self.file.sync_data())
            .and_then(|_| self.checkpoints.append(checkpoint));
        match result {
            Ok(()) => {
                self.len += buf.len() as u64;
                Ok(ends)
            }
            Err(e) => {
                let _ = self.file.set_len(self.len);
                let _ = self.file.sync_data();
                Err(e)
            }
        }
    }

    /// Keeps a checkpoint for entries already in the journal (at start, when the last
    /// batch's checkpoint was not written before a crash, or none was ever kept).
    pub fn keep(&mut self, checkpoint: &KeptCheckpoint) -> std::io::Result<()> {
        self.checkpoints.append(checkpoint)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn checkpoints_path(&self) -> &Path {
        self.checkpoints.path()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use expertpool_draw::{Kind, Stamp};
    use serde_json::json;

    fn folder(tag: &str, journal: &[u8]) -> PathBuf {
        let d = std::env::temp_dir().join(format!("journal-unit-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        std::fs::write(d.join(JOURNAL), journal).unwrap();
        d
    }

    fn sample() -> Vec<u8> {
        let mut log = Log::new();
        let at = |t| Stamp::new(t, "a");
        let payload = json!({"salt": "00".repeat(32), "experts": ["E1"], "reason": "r"});
        let body = json!({"pool": "p", "approval_ref": "ref", "approved_by": "chief", "count": 1,
            "reveal_after": "2026-01-01T00:00:01Z"});
        log.append_raw(at("2026-01-01T00:00:00Z"), Kind::Directed, "d1", body, Some(payload)).unwrap();
        log.append_raw(
            at("2026-01-01T00:00:01Z"),
            Kind::Reveal,
            "d1",
            json!({"names": [{"id": "E1", "name": "甲"}]}),
            None,
        )
        .unwrap();
        let mut out = Vec::new();
        for e in log.entries() {
            out.extend(serde_json::to_vec(e).unwrap());
            out.push(b'\n');
        }
        out
    }

    fn replay_of(d: &Path) -> Result<Replayed, JournalError> {
        replay(d, None, true, false, &mut ())
    }

    #[test]
    fn torn_tail_is_reported_not_fatal() {
        let mut b = sample();
        let full = b.len();
        b.extend_from_slice(b"{\"seq\":2,\"pr");
        let d = folder("torn", &b);
        let r = replay_of(&d).unwrap();
        assert_eq!((r.log.len(), r.valid_len), (2, full as u64));
        assert_eq!(r.report.torn_tail, Some((3, 12)));
        assert_eq!(r.offsets.len(), 3);
        std::fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn edited_line_stops_with_its_number() {
        let b = String::from_utf8(sample()).unwrap().replacen("\"ref\"", "\"ref-2\"", 1);
        let d = folder("edit", b.as_bytes());
        let err = replay_of(&d).err().unwrap().to_string();
        assert!(err.contains("journal.jsonl:2:") && err.contains("chain"), "{err}");
        let b = String::from_utf8(sample()).unwrap().replacen("\"r\"", "\"s\"", 1);
        std::fs::write(d.join(JOURNAL), b).unwrap();
        let err = replay_of(&d).err().unwrap().to_string();
        assert!(err.contains("journal.jsonl:1:") && err.contains("seal"), "{err}");
        let mut b = sample();
        b.splice(0..0, b"garbage\n".iter().copied());
        std::fs::write(d.join(JOURNAL), b).unwrap();
        assert!(replay_of(&d).err().unwrap().to_string().contains("journal.jsonl:1: not a log entry"));
        std::fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn a_correctly_chained_entry_that_breaks_the_protocol_is_refused() {
        // A second reveal of the same draw, sealed and chained like any other entry.
        let mut log = Log::new();
        let text = String::from_utf8(sample()).unwrap();
        for l in text.lines() {
            log.push_entry(serde_json::from_str::<LogEntry>(l).unwrap()).unwrap();
        }
        log.append_raw(
            Stamp::new("2026-01-01T00:00:02Z", "a"),
            Kind::Response,
            "d1",
            json!({"position": 0, "outcome": "accepted", "reason": null}),
            None,
        )
        .unwrap();
        let mut b = text.into_bytes();
        b.extend(serde_json::to_vec(log.entries().last().unwrap()).unwrap());
        b.push(b'\n');
        let d = folder("protocol", &b);
        let err = replay_of(&d).err().unwrap().to_string();
        assert!(err.contains("journal.jsonl:3:") && err.contains("breaks the protocol"), "{err}");
        std::fs::remove_dir_all(&d).unwrap();
    }
}
