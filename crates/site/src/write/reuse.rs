//! Recognising an output file whose bytes did not change since the previous build, so that
//! it can be hard-linked into the new site instead of written again.
//!
//! A build calls this once per file, from rayon's workers. Most files of a rebuild are
//! unchanged, so the common case is one `lstat`, one open and one read of a file that is
//! usually still in the page cache; a changed file is mostly caught by its length alone.

use std::io::Read;
use std::path::Path;

/// Files are compared this many bytes at a time, so a large file that differs early (the
/// search index) is not read to the end, and memory stays bounded.
const CHUNK: usize = 64 * 1024;

/// Whether `path` is a regular file holding exactly `bytes`. Any error reading it means
/// "no": the caller then writes the file, which is always correct.
pub(super) fn holds(path: &Path, bytes: &[u8]) -> bool {
    // `symlink_metadata`, not `metadata`: only a regular file of the previous site may be
    // linked, never what a symbolic link planted there points to.
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.is_file() && meta.len() == bytes.len() as u64 => {}
        _ => return false,
    }
    let Ok(mut file) = std::fs::File::open(path) else { return false };
    let mut buffer = vec![0; bytes.len().min(CHUNK)];
    for expected in bytes.chunks(CHUNK) {
        let read = &mut buffer[..expected.len()];
        if file.read_exact(read).is_err() || read != expected {
            return false;
        }
    }
    // A file that grew since the `lstat` has more to read; it is not the same.
    matches!(file.read(&mut [0]), Ok(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_bytes_only() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("page.html");
        let big: Vec<u8> = (0..3 * CHUNK + 17).map(|i| (i % 251) as u8).collect();
        std::fs::write(&path, &big).unwrap();
        assert!(holds(&path, &big));

        let mut late_change = big.clone();
        *late_change.last_mut().unwrap() ^= 1;
        assert!(!holds(&path, &late_change), "a difference in the last chunk counts");
        assert!(!holds(&path, &big[..big.len() - 1]), "a shorter file is not the same");

        std::fs::write(&path, b"").unwrap();
        assert!(holds(&path, b""));
        assert!(!holds(&dir.path().join("missing.html"), b""));
        assert!(!holds(dir.path(), b""), "a folder is not a file");
    }

    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_is_not_reused() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("elsewhere"), b"same").unwrap();
        std::os::unix::fs::symlink(dir.path().join("elsewhere"), dir.path().join("page.html")).unwrap();
        assert!(!holds(&dir.path().join("page.html"), b"same"));
    }
}
