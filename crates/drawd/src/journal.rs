//! The journal: `<data>/journal.jsonl`, one log entry per line, payloads included (so
//! sealed data survives restarts; the API withholds it until its time).
//!
//! Durability rules: a batch of lines is written and `fsync`ed before any of it is
//! acknowledged; a failed write is cut back to the last acknowledged byte. On start
//! the whole file is replayed and verified. A final line without its newline can only
//! come from a crash mid-write (it was never acknowledged): it is cut off and reported.
//! Anything else that is wrong stops the start with the line number; the file is never
//! rewritten to hide it. An OS lock on `<data>/lock` keeps a second process out.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use expertpool_draw::{Log, LogEntry, sealed_hash};

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
    /// A line is not what was written (the file is never repaired silently).
    Corrupt { path: PathBuf, line: usize, problem: String },
    #[error("{path}: another process holds the data folder (is a draw service already running on it?)")]
    /// Another process has the data folder.
    Locked { path: PathBuf },
}

/// What replay found besides the entries.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReplayReport {
    /// Entries replayed and verified.
    pub entries: usize,
    /// Bytes of an incomplete final line that were cut off, with its line number.
    pub torn_tail: Option<(usize, usize)>,
}

impl std::fmt::Display for ReplayReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "journal: {} entries verified", self.entries)?;
        if let Some((line, bytes)) = self.torn_tail {
            write!(
                f,
                "; an incomplete line {line} ({bytes} bytes, never acknowledged) from an interrupted write was cut off"
            )?;
        }
        Ok(())
    }
}

/// Entries, length of the valid prefix in bytes, and the torn tail (line, bytes).
pub type Parsed = (Vec<LogEntry>, usize, Option<(usize, usize)>);

/// Parses and verifies journal bytes: every complete line must be an entry whose
/// sequence number, chain link, time order and payload seal are right. Returns the
/// entries and the byte length of the valid prefix (shorter when the tail is torn).
pub fn parse(bytes: &[u8], path: &Path) -> Result<Parsed, JournalError> {
    let corrupt = |line: usize, problem: String| JournalError::Corrupt { path: path.into(), line, problem };
    let mut entries: Vec<LogEntry> = Vec::new();
    let mut prev_hash = [0u8; 32];
    let mut pos = 0;
    let mut line_no = 0;
    while pos < bytes.len() {
        line_no += 1;
        let Some(nl) = bytes[pos..].iter().position(|b| *b == b'\n') else {
            return Ok((entries, pos, Some((line_no, bytes.len() - pos))));
        };
        let line = &bytes[pos..pos + nl];
        let e: LogEntry =
            serde_json::from_slice(line).map_err(|e| corrupt(line_no, format!("not a log entry: {e}")))?;
        let expect_seq = entries.len() as u64;
        if e.seq != expect_seq {
            return Err(corrupt(line_no, format!("seq is {} but this is entry {expect_seq}", e.seq)));
        }
        if e.prev != hex::encode(prev_hash) {
            return Err(corrupt(
                line_no,
                format!(
                    "prev does not equal the hash of line {}: one of the two lines was altered (chain broken)",
                    line_no - 1
                ),
            ));
        }
        if let Some(last) = entries.last()
            && e.time < last.time
        {
            return Err(corrupt(
                line_no,
                format!("time {} is earlier than the previous entry's {}", e.time, last.time),
            ));
        }
        match (&e.sealed, &e.payload) {
            (Some(s), Some(p)) => {
                let h = sealed_hash(p).map_err(|x| corrupt(line_no, format!("payload cannot be hashed: {x}")))?;
                if *s != hex::encode(h) {
                    return Err(corrupt(line_no, "payload does not match its seal".into()));
                }
            }
            (Some(_), None) => return Err(corrupt(line_no, "sealed entry without its payload".into())),
            (None, Some(_)) => return Err(corrupt(line_no, "payload without a seal".into())),
            (None, None) => {}
        }
        prev_hash = e.hash().map_err(|x| corrupt(line_no, x.to_string()))?;
        entries.push(e);
        pos += nl + 1;
    }
    Ok((entries, pos, None))
}

/// Reads and verifies a journal without locking or changing it (for exports).
pub fn read_only(data: &Path) -> Result<Log, JournalError> {
    let path = data.join(JOURNAL);
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(source) => return Err(JournalError::Io { path, source }),
    };
    let (entries, _, _) = parse(&bytes, &path)?;
    Log::from_entries(entries).map_err(|e| JournalError::Corrupt { path, line: 0, problem: e.to_string() })
}

/// The open, locked journal of a running service.
pub struct Journal {
    path: PathBuf,
    file: File,
    len: u64,
    _lock: File,
}

impl Journal {
    /// Locks the data folder, replays and verifies the journal, cuts a torn tail.
    pub fn open(data: &Path) -> Result<(Journal, Log, ReplayReport), JournalError> {
        let io = |path: &Path| {
            let path = path.to_path_buf();
            move |source| JournalError::Io { path, source }
        };
        std::fs::create_dir_all(data).map_err(io(data))?;
        let lock_path = data.join("lock");
        let lock =
            OpenOptions::new().create(true).truncate(false).write(true).open(&lock_path).map_err(io(&lock_path))?;
        match lock.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => return Err(JournalError::Locked { path: data.into() }),
            Err(std::fs::TryLockError::Error(e)) => return Err(io(&lock_path)(e)),
        }
        let path = data.join(JOURNAL);
        let mut opts = OpenOptions::new();
        opts.read(true).append(true).create(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
        let file = opts.open(&path).map_err(io(&path))?;
        let bytes = std::fs::read(&path).map_err(io(&path))?;
        let (entries, valid, torn) = parse(&bytes, &path)?;
        if valid < bytes.len() {
            file.set_len(valid as u64).map_err(io(&path))?;
            file.sync_all().map_err(io(&path))?;
        }
        let report = ReplayReport { entries: entries.len(), torn_tail: torn };
        let log = Log::from_entries(entries).map_err(|e| JournalError::Corrupt {
            path: path.clone(),
            line: 0,
            problem: e.to_string(),
        })?;
        if let Some(dir) = path.parent() {
            File::open(dir).and_then(|d| d.sync_all()).map_err(io(dir))?;
        }
        Ok((Journal { path, file, len: valid as u64, _lock: lock }, log, report))
    }

    /// Appends the entries and makes them durable. On failure the file is cut back,
    /// so the journal holds exactly what was acknowledged before.
    pub fn append(&mut self, entries: &[Arc<LogEntry>]) -> std::io::Result<()> {
        if entries.is_empty() {
            return Ok(());
        }
        let mut buf = Vec::with_capacity(entries.len() * 512);
        for e in entries {
            serde_json::to_writer(&mut buf, e).map_err(std::io::Error::other)?;
            buf.push(b'\n');
        }
        let result = self.file.write_all(&buf).and_then(|_| self.file.sync_data());
        match result {
            Ok(()) => {
                self.len += buf.len() as u64;
                Ok(())
            }
            Err(e) => {
                let _ = self.file.set_len(self.len);
                let _ = self.file.sync_data();
                Err(e)
            }
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use expertpool_draw::{Kind, Stamp};
    use serde_json::json;

    fn sample() -> Vec<u8> {
        let mut log = Log::new();
        let at = |t| Stamp::new(t, "a");
        log.append_raw(at("2026-01-01T00:00:00Z"), Kind::Directed, "d1", json!({"x": 1}), Some(json!({"salt": "00"})))
            .unwrap();
        log.append_raw(at("2026-01-01T00:00:01Z"), Kind::Reveal, "d1", json!({"names": []}), None).unwrap();
        let mut out = Vec::new();
        for e in log.entries() {
            out.extend(serde_json::to_vec(e).unwrap());
            out.push(b'\n');
        }
        out
    }

    #[test]
    fn torn_tail_is_reported_not_fatal() {
        let mut b = sample();
        let full = b.len();
        b.extend_from_slice(b"{\"seq\":2,\"pr");
        let (e, valid, torn) = parse(&b, Path::new("j")).unwrap();
        assert_eq!((e.len(), valid), (2, full));
        assert_eq!(torn, Some((3, 12)));
    }

    #[test]
    fn edited_line_stops_with_its_number() {
        let b = String::from_utf8(sample()).unwrap().replacen("\"x\":1", "\"x\":2", 1);
        let err = parse(b.as_bytes(), Path::new("j")).unwrap_err().to_string();
        assert!(err.contains("j:2:") && err.contains("chain"), "{err}");
        let b = String::from_utf8(sample()).unwrap().replacen("\"salt\":\"00\"", "\"salt\":\"01\"", 1);
        let err = parse(b.as_bytes(), Path::new("j")).unwrap_err().to_string();
        assert!(err.contains("j:1:") && err.contains("seal"), "{err}");
        let mut b = sample();
        b.splice(0..0, b"garbage\n".iter().copied());
        assert!(parse(&b, Path::new("j")).unwrap_err().to_string().contains("j:1: not a log entry"));
    }
}
