//! Putting a complete staging tree in the output's place.
//!
//! Where the kernel and file system allow it, one `renameat2(RENAME_EXCHANGE)` swaps the two
//! trees, so the output path names a complete site at every moment. Elsewhere (other
//! systems, or file systems that refuse the flag, such as some network file systems) the
//! previous site is renamed aside and the new one renamed in: each rename is atomic, but
//! between the two a reader finds no site.

use crate::BuildError;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

/// How the new site took the output's place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Swap {
    /// There was no previous output: one rename.
    Created,
    /// One atomic exchange of the two trees.
    Exchanged,
    /// The fallback: previous site aside, new one in.
    TwoRenames,
}

/// Moves `staging` to `out`. `aside` is a free name next to `out`, used only by the fallback.
/// On success, returns how, and where the previous site now is (for the caller to remove).
/// On failure, `out` still holds the previous site and `staging` the new one.
pub(super) fn swap_in(
    staging: &Path,
    out: &Path,
    aside: &Path,
    try_exchange: bool,
) -> Result<(Swap, Option<PathBuf>), BuildError> {
    match std::fs::symlink_metadata(out) {
        Err(e) if e.kind() == ErrorKind::NotFound => {
            std::fs::rename(staging, out).map_err(|e| BuildError::io(out, e))?;
            return Ok((Swap::Created, None));
        }
        Err(e) => return Err(BuildError::io(out, e)),
        Ok(_) => {}
    }
    if try_exchange {
        match exchange(staging, out) {
            // The names traded places: `staging` now holds the previous site.
            Exchanged::Yes => return Ok((Swap::Exchanged, Some(staging.to_path_buf()))),
            Exchanged::Failed(e) => return Err(BuildError::io(out, e)),
            Exchanged::Unsupported => {}
        }
    }
    super::remove_if_present(aside)?;
    std::fs::rename(out, aside).map_err(|e| BuildError::io(out, e))?;
    if let Err(e) = std::fs::rename(staging, out) {
        // Put the previous site back rather than leave no site at all.
        let _ = std::fs::rename(aside, out);
        return Err(BuildError::io(out, e));
    }
    Ok((Swap::TwoRenames, Some(aside.to_path_buf())))
}

enum Exchanged {
    Yes,
    /// This system or file system cannot exchange; nothing was changed.
    Unsupported,
    Failed(std::io::Error),
}

#[cfg(any(target_os = "linux", target_os = "android"))]
fn exchange(a: &Path, b: &Path) -> Exchanged {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    use rustix::io::Errno;
    match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
        Ok(()) => Exchanged::Yes,
        // Kernels before 3.15 lack renameat2 (ENOSYS); file systems without support for the
        // flag answer EINVAL (or EOPNOTSUPP on some FUSE and network file systems).
        Err(e) if e == Errno::NOSYS || e == Errno::INVAL || e == Errno::OPNOTSUPP => Exchanged::Unsupported,
        Err(e) => Exchanged::Failed(e.into()),
    }
}

/// No portable exchange elsewhere; macOS's `renamex_np(RENAME_SWAP)` would do, but nobody
/// deploys a bureau's site from there, so it takes the two renames.
#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn exchange(_: &Path, _: &Path) -> Exchanged {
    Exchanged::Unsupported
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(parent: &Path, name: &str, content: &str) -> PathBuf {
        let dir = parent.join(name);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("index.html"), content).unwrap();
        dir
    }

    fn content(dir: &Path) -> String {
        std::fs::read_to_string(dir.join("index.html")).unwrap()
    }

    #[test]
    fn first_output_is_a_rename() {
        let parent = tempfile::tempdir().unwrap();
        let staging = tree(parent.path(), "staging", "new");
        let out = parent.path().join("out");
        let (swap, old) = swap_in(&staging, &out, &parent.path().join("aside"), true).unwrap();
        assert_eq!((swap, old), (Swap::Created, None));
        assert_eq!(content(&out), "new");
        assert!(!staging.exists());
    }

    #[cfg(any(target_os = "linux", target_os = "android"))]
    #[test]
    fn existing_output_is_exchanged_on_linux() {
        let parent = tempfile::tempdir().unwrap();
        let staging = tree(parent.path(), "staging", "new");
        let out = tree(parent.path(), "out", "old");
        let (swap, old) = swap_in(&staging, &out, &parent.path().join("aside"), true).unwrap();
        assert_eq!(swap, Swap::Exchanged);
        assert_eq!(content(&out), "new");
        assert_eq!(old.as_deref(), Some(staging.as_path()));
        assert_eq!(content(&staging), "old", "the previous site is handed back for removal");
    }

    #[test]
    fn fallback_renames_the_old_site_aside() {
        let parent = tempfile::tempdir().unwrap();
        let staging = tree(parent.path(), "staging", "new");
        let out = tree(parent.path(), "out", "old");
        let aside = tree(parent.path(), "aside", "stale leftover");
        let (swap, old) = swap_in(&staging, &out, &aside, false).unwrap();
        assert_eq!(swap, Swap::TwoRenames);
        assert_eq!(content(&out), "new");
        assert_eq!(old.as_deref(), Some(aside.as_path()));
        assert_eq!(content(&aside), "old");
        assert!(!staging.exists());
    }
}
