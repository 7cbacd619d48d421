//! The checkpoint file: `<data>/checkpoints.jsonl`, append-only, one signed tree head per
//! line (`{"size":…,"time":…,"note":…}`), written and `fsync`ed after each durable batch
//! of the journal and before that batch is acknowledged. So every acknowledged entry is
//! covered by a kept, signed checkpoint, and start-up can tell a journal that lost or
//! changed acknowledged entries from one that merely lost an unacknowledged torn line.

use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};

use ed25519_dalek::VerifyingKey;
use expertpool_draw::Checkpoint;
use serde::{Deserialize, Serialize};

/// File name of the checkpoint file in the data folder.
pub const CHECKPOINTS: &str = "checkpoints.jsonl";

/// One line of the checkpoint file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeptCheckpoint {
    /// Entries covered.
    pub size: u64,
    /// When it was signed (`YYYY-MM-DDTHH:MM:SSZ`).
    pub time: String,
    /// The signed note (C2SP checkpoint).
    pub note: String,
}

/// A kept checkpoint with where it is in the file.
#[derive(Debug, Clone)]
pub struct Located {
    /// Line number in the file, from 1.
    pub line: usize,
    pub kept: KeptCheckpoint,
    pub checkpoint: Checkpoint,
}

/// Why a checkpoint line cannot be trusted: (line, problem).
pub type LineProblem = (usize, String);

/// Verifies one line against the service key.
pub fn parse_line(text: &[u8], key_name: &str, key: &VerifyingKey) -> Result<(KeptCheckpoint, Checkpoint), String> {
    let kept: KeptCheckpoint = serde_json::from_slice(text).map_err(|e| format!("not a kept checkpoint: {e}"))?;
    let cp = Checkpoint::verify(&kept.note, key_name, key)
        .map_err(|e| format!("signature does not verify with this data folder's key: {e}"))?;
    if cp.size != kept.size {
        return Err(format!("size {} differs from the signed size {}", kept.size, cp.size));
    }
    Ok((kept, cp))
}

/// Length of the file up to its last complete line (a torn line from a crash mid-write
/// is not part of it), and the number of complete lines is not counted here.
fn complete_len(file: &File) -> std::io::Result<u64> {
    let len = file.metadata()?.len();
    let mut pos = len;
    let mut buf = vec![0u8; 4096];
    while pos > 0 {
        let n = buf.len().min(pos as usize);
        file.read_exact_at(&mut buf[..n], pos - n as u64)?;
        if let Some(i) = buf[..n].iter().rposition(|b| *b == b'\n') {
            return Ok(pos - n as u64 + i as u64 + 1);
        }
        pos -= n as u64;
    }
    Ok(0)
}

/// The last complete line, read from the end of the file (not the whole history), with
/// its line number counted only when it must be named (on the error path, by the caller).
pub fn read_last(path: &Path, key_name: &str, key: &VerifyingKey) -> Result<Option<Located>, LineProblem> {
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err((0, e.to_string())),
    };
    let end = complete_len(&file).map_err(|e| (0, e.to_string()))?;
    if end == 0 {
        return Ok(None);
    }
    let mut start = end - 1;
    let mut buf = vec![0u8; 4096];
    // Back to the newline before the last line.
    loop {
        if start == 0 {
            break;
        }
        let n = buf.len().min(start as usize);
        file.read_exact_at(&mut buf[..n], start - n as u64).map_err(|e| (0, e.to_string()))?;
        if let Some(i) = buf[..n].iter().rposition(|b| *b == b'\n') {
            start = start - n as u64 + i as u64 + 1;
            break;
        }
        start -= n as u64;
    }
    let mut line = vec![0u8; (end - 1 - start) as usize];
    file.read_exact_at(&mut line, start).map_err(|e| (0, e.to_string()))?;
    let number = || count_lines(&file, start).map(|n| n + 1).unwrap_or(0);
    let (kept, checkpoint) = parse_line(&line, key_name, key).map_err(|p| (number(), p))?;
    Ok(Some(Located { line: number(), kept, checkpoint }))
}

fn count_lines(file: &File, upto: u64) -> std::io::Result<usize> {
    let mut r = std::io::BufReader::new(file.try_clone()?);
    r.seek(SeekFrom::Start(0))?;
    let mut n = 0;
    let mut left = upto;
    let mut buf = vec![0u8; 1 << 16];
    while left > 0 {
        let k = r.read(&mut buf[..(left.min(1 << 16)) as usize])?;
        if k == 0 {
            break;
        }
        n += buf[..k].iter().filter(|b| **b == b'\n').count();
        left -= k as u64;
    }
    Ok(n)
}

/// Every complete line, in order (the error path of start-up, which looks for the first
/// checkpoint the journal no longer matches).
pub fn read_all(path: &Path, key_name: &str, key: &VerifyingKey) -> Result<Vec<Located>, LineProblem> {
    let text = std::fs::read(path).map_err(|e| (0, e.to_string()))?;
    let mut out = Vec::new();
    for (i, line) in text.split(|b| *b == b'\n').enumerate() {
        if line.is_empty() {
            continue;
        }
        if !text.ends_with(b"\n") && i == text.split(|b| *b == b'\n').count() - 1 {
            break; // torn, never acknowledged
        }
        let (kept, checkpoint) = parse_line(line, key_name, key).map_err(|p| (i + 1, p))?;
        out.push(Located { line: i + 1, kept, checkpoint });
    }
    Ok(out)
}

/// Up to `limit` kept checkpoints with `size >= from`, found by bisecting the file on
/// the sizes (which only grow), so a request costs O(log n) reads.
pub fn page(path: &Path, from: u64, limit: usize) -> std::io::Result<Vec<KeptCheckpoint>> {
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(vec![]),
        Err(e) => return Err(e),
    };
    let end = complete_len(&file)?;
    // The first line starting at or after `at`, with its size.
    let line_at = |at: u64| -> std::io::Result<Option<(u64, KeptCheckpoint, u64)>> {
        let mut start = at;
        if at > 0 {
            let mut b = [0u8; 1];
            file.read_exact_at(&mut b, at - 1)?;
            if b[0] != b'\n' {
                // Skip to the next line.
                let mut buf = vec![0u8; 1024];
                loop {
                    if start >= end {
                        return Ok(None);
                    }
                    let n = buf.len().min((end - start) as usize);
                    file.read_exact_at(&mut buf[..n], start)?;
                    if let Some(i) = buf[..n].iter().position(|b| *b == b'\n') {
                        start += i as u64 + 1;
                        break;
                    }
                    start += n as u64;
                }
            }
        }
        if start >= end {
            return Ok(None);
        }
        let mut line = Vec::new();
        let mut pos = start;
        let mut buf = vec![0u8; 1024];
        loop {
            let n = buf.len().min((end - pos) as usize);
            file.read_exact_at(&mut buf[..n], pos)?;
            if let Some(i) = buf[..n].iter().position(|b| *b == b'\n') {
                line.extend_from_slice(&buf[..i]);
                break;
            }
            line.extend_from_slice(&buf[..n]);
            pos += n as u64;
        }
        let next = start + line.len() as u64 + 1;
        let kept: KeptCheckpoint = serde_json::from_slice(&line).map_err(std::io::Error::other)?;
        Ok(Some((start, kept, next)))
    };
    // Smallest line start whose size >= from.
    let (mut lo, mut hi) = (0u64, end);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        match line_at(mid)? {
            Some((start, kept, _)) if kept.size < from => lo = start.max(mid) + 1,
            _ => hi = mid,
        }
    }
    let mut out = Vec::new();
    let mut at = lo;
    while out.len() < limit {
        let Some((_, kept, next)) = line_at(at)? else { break };
        if kept.size >= from {
            out.push(kept);
        }
        at = next;
    }
    Ok(out)
}

/// The open checkpoint file of a running service.
pub struct CheckpointFile {
    path: PathBuf,
    file: File,
    len: u64,
}

impl CheckpointFile {
    /// Opens for appending; a torn last line (never acknowledged) is cut off.
    pub fn open(path: &Path) -> std::io::Result<CheckpointFile> {
        let mut opts = OpenOptions::new();
        opts.read(true).append(true).create(true);
        std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
        let file = opts.open(path)?;
        let len = complete_len(&file)?;
        if len < file.metadata()?.len() {
            file.set_len(len)?;
            file.sync_all()?;
        }
        Ok(CheckpointFile { path: path.into(), file, len })
    }

    /// Appends one checkpoint and makes it durable; on failure the file is cut back.
    pub fn append(&mut self, kept: &KeptCheckpoint) -> std::io::Result<()> {
        let mut line = serde_json::to_vec(kept).map_err(std::io::Error::other)?;
        line.push(b'\n');
        match self.file.write_all(&line).and_then(|_| self.file.sync_data()) {
            Ok(()) => {
                self.len += line.len() as u64;
                Ok(())
            }
            Err(e) => {
                let _ = self.file.set_len(self.len);
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

    #[test]
    fn page_bisects_on_sizes_and_read_last_skips_a_torn_line() {
        let dir = std::env::temp_dir().join(format!("cp-page-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(CHECKPOINTS);
        let _ = std::fs::remove_file(&path);
        let mut f = CheckpointFile::open(&path).unwrap();
        for size in [0u64, 3, 4, 9, 12, 30] {
            f.append(&KeptCheckpoint {
                size,
                time: "2026-01-01T00:00:00Z".into(),
                note: "x".repeat(size as usize * 50),
            })
            .unwrap();
        }
        let sizes = |from, limit| page(&path, from, limit).unwrap().iter().map(|k| k.size).collect::<Vec<_>>();
        assert_eq!(sizes(0, 100), [0, 3, 4, 9, 12, 30]);
        assert_eq!(sizes(4, 2), [4, 9]);
        assert_eq!(sizes(5, 100), [9, 12, 30]);
        assert_eq!(sizes(31, 100), Vec::<u64>::new());
        std::fs::OpenOptions::new().append(true).open(&path).unwrap().write_all(b"{\"size\":31,").unwrap();
        assert_eq!(sizes(12, 100), [12, 30]);
        let f = File::open(&path).unwrap();
        let end = complete_len(&f).unwrap();
        assert_eq!(count_lines(&f, end).unwrap(), 6);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
