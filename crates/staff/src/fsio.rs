//! Writing record files safely: never half a file (temp file, then rename or link), and
//! never over an existing record when creating one.

use std::io::Write;
use std::path::{Path, PathBuf};

fn temp_path(path: &Path) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    path.with_file_name(format!(".{name}.{}.tmp", std::process::id()))
}

fn write_temp(path: &Path, text: &str, durable: bool) -> std::io::Result<PathBuf> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let temp = temp_path(path);
    let mut file = std::fs::File::create(&temp)?;
    file.write_all(text.as_bytes())?;
    if durable {
        file.sync_all()?;
    }
    Ok(temp)
}

/// Replaces `path` with `text` atomically.
pub fn replace(path: &Path, text: &str) -> std::io::Result<()> {
    let temp = write_temp(path, text, true)?;
    std::fs::rename(&temp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&temp);
    })
}

/// Creates `path` with `text`; fails with `AlreadyExists` rather than overwrite.
///
/// No fsync per file: an import creates thousands (10,000 rows took 25–50 s with one
/// each). Readers still see each file whole or not at all, and a crash mid-import loses
/// only new files, which re-running the import recreates (existing ones are reported as
/// duplicates, never touched).
pub fn create_new(path: &Path, text: &str) -> std::io::Result<()> {
    let temp = write_temp(path, text, false)?;
    // A hard link appears whole, and unlike rename it refuses an existing target.
    let linked = std::fs::hard_link(&temp, path);
    let _ = std::fs::remove_file(&temp);
    linked
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn create_new_never_overwrites() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/a.toml");
        create_new(&path, "one").unwrap();
        let err = create_new(&path, "two").unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "one");
        replace(&path, "three").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "three");
        assert_eq!(std::fs::read_dir(path.parent().unwrap()).unwrap().count(), 1, "no temp file left");
    }
}
