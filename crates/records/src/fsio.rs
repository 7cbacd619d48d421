//! Writing files so that a reader or a crash never sees half of one: the bytes go to a
//! temporary file in the same folder, which then replaces the target in one rename (or
//! appears beside it in one hard link, when an existing file must not be overwritten).
//! The one home for this in the workspace: records, spreadsheets, the draw service's
//! state files and exported logs all come through here.

use std::io::Write;
use std::path::Path;

/// How a write is made to last, and who may read the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteMode {
    /// Readable by the group and others (0644), fsync'd before the rename: records and
    /// exports that a clerk commits to git.
    Shared,
    /// Readable by the owner only (0600), fsync'd, and the folder fsync'd after the rename:
    /// the draw service's keys, tokens and state.
    Private,
    /// Readable by all, not fsync'd: thousands of new files in one import, where a crash
    /// loses only new files that re-running recreates.
    Bulk,
}

fn temp_in(path: &Path, mode: WriteMode, bytes: &[u8]) -> std::io::Result<tempfile::NamedTempFile> {
    let dir = match path.parent().filter(|d| !d.as_os_str().is_empty()) {
        Some(dir) => dir,
        None => Path::new("."),
    };
    std::fs::create_dir_all(dir)?;
    let mut builder = tempfile::Builder::new();
    builder.prefix(".expertpool-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let bits = if mode == WriteMode::Private { 0o600 } else { 0o644 };
        builder.permissions(std::fs::Permissions::from_mode(bits));
    }
    let mut temp = builder.tempfile_in(dir)?;
    temp.write_all(bytes)?;
    if mode != WriteMode::Bulk {
        temp.as_file().sync_all()?;
    }
    Ok(temp)
}

fn sync_parent(path: &Path, mode: WriteMode) {
    if mode == WriteMode::Private
        && let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
        && let Ok(d) = std::fs::File::open(dir)
    {
        // Best effort: a folder that cannot be opened for sync still has the file.
        let _ = d.sync_all();
    }
}

/// Replaces (or creates) `path` with `bytes` atomically.
pub fn replace(path: &Path, bytes: &[u8], mode: WriteMode) -> std::io::Result<()> {
    let temp = temp_in(path, mode, bytes)?;
    temp.persist(path).map_err(|e| e.error)?;
    sync_parent(path, mode);
    Ok(())
}

/// Replaces (or creates) `path` atomically with what `write` writes, streamed to a
/// temporary file beside it (for files too large to build in memory first).
pub fn replace_streamed(
    path: &Path,
    mode: WriteMode,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let mut temp = temp_in(path, mode, &[])?;
    {
        let mut out = std::io::BufWriter::with_capacity(1 << 20, temp.as_file_mut());
        write(&mut out)?;
        out.flush()?;
    }
    if mode != WriteMode::Bulk {
        temp.as_file().sync_all()?;
    }
    temp.persist(path).map_err(|e| e.error)?;
    sync_parent(path, mode);
    Ok(())
}

/// Creates `path` with `bytes`; fails with `AlreadyExists` rather than overwrite.
pub fn create_new(path: &Path, bytes: &[u8], mode: WriteMode) -> std::io::Result<()> {
    let temp = temp_in(path, mode, bytes)?;
    temp.persist_noclobber(path).map_err(|e| e.error)?;
    sync_parent(path, mode);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn create_new_never_overwrites_and_replace_does() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/a.toml");
        create_new(&path, b"one", WriteMode::Bulk).unwrap();
        let err = create_new(&path, b"two", WriteMode::Shared).unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "one");
        replace(&path, b"three", WriteMode::Shared).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "three");
        let left: Vec<_> = std::fs::read_dir(path.parent().unwrap()).unwrap().collect();
        assert_eq!(left.len(), 1, "no temporary file left behind");
    }

    #[cfg(unix)]
    #[test]
    fn private_files_are_owner_only_and_shared_ones_readable() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let key = dir.path().join("key");
        replace(&key, b"k", WriteMode::Private).unwrap();
        assert_eq!(std::fs::metadata(&key).unwrap().permissions().mode() & 0o777, 0o600);
        let record = dir.path().join("r.toml");
        replace(&record, b"r", WriteMode::Shared).unwrap();
        assert_eq!(std::fs::metadata(&record).unwrap().permissions().mode() & 0o777, 0o644);
    }
}
