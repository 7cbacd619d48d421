//! Writing a rendered site to disk so that a reader never sees half of it, and so that a
//! file whose bytes did not change is not written again.
//!
//! Every build fills a staging folder `.<out>.building-<pid>` next to the output. A file
//! whose bytes equal the file at the same path of the previous output is hard-linked from
//! there ([`reuse`]) instead of written: it keeps its inode and modification time, so rsync,
//! a CDN sync or an HTTP cache sees it unchanged, and a rebuild after a one-record change
//! writes a few dozen files, not ten thousand. Nothing ever writes into a file of the
//! previous output: new bytes always go to a newly created file.
//!
//! When the staging folder is complete, [`swap`] puts it in the output's place: one atomic
//! exchange on Linux, two renames where that is not available. Only then is the previous
//! site removed, which for the files the new site shares only unlinks a name. A failure
//! before the swap removes the staging folder and leaves the previous site as it was. A
//! marker file identifies folders this crate wrote, so `--out` pointed at the wrong folder
//! (say, the content) is refused, not erased.

mod reuse;
mod swap;

pub use swap::Swap;

use crate::BuildError;
use crate::render::Sink;
use rayon::prelude::*;
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Present in every output folder; only folders holding it (or empty ones) are replaced.
pub const MARKER: &str = ".expertpool-site";

const MARKER_TEXT: &[u8] = b"written by expertpool build; replaced as a whole on each build\n";

/// Puts files into the staging folder: linked from the previous output when their bytes are
/// the same, written otherwise. Counts both.
pub struct DirSink {
    root: PathBuf,
    previous: Option<PathBuf>,
    written: AtomicUsize,
    unchanged: AtomicUsize,
    bytes: AtomicUsize,
}

impl DirSink {
    /// Puts one file into the staging folder; true if it was linked from the previous output.
    fn place(&self, path: &str, bytes: &[u8]) -> Result<bool, BuildError> {
        let target = self.root.join(path);
        if let Some(folder) = target.parent() {
            std::fs::create_dir_all(folder).map_err(|e| BuildError::io(folder, e))?;
        }
        if let Some(previous) = &self.previous {
            let old = previous.join(path);
            // A link can fail where writing works (another device, a file system without
            // hard links, a link count at its limit): then the file is written.
            if reuse::holds(&old, bytes) && std::fs::hard_link(&old, &target).is_ok() {
                return Ok(true);
            }
        }
        write_new(&target, bytes).map_err(|e| BuildError::io(&target, e))?;
        Ok(false)
    }
}

impl Sink for DirSink {
    fn put(&self, path: &str, bytes: Arc<Vec<u8>>) -> Result<(), BuildError> {
        let counter = if self.place(path, &bytes)? { &self.unchanged } else { &self.written };
        counter.fetch_add(1, Ordering::Relaxed);
        self.bytes.fetch_add(bytes.len(), Ordering::Relaxed);
        Ok(())
    }
}

/// Writes `bytes` as a new file. A name already there is unlinked first, never truncated:
/// it may be a link to a file of the live site.
fn write_new(target: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let create = || std::fs::OpenOptions::new().write(true).create_new(true).open(target);
    let mut file = match create() {
        Err(e) if e.kind() == ErrorKind::AlreadyExists => {
            std::fs::remove_file(target)?;
            create()?
        }
        other => other?,
    };
    file.write_all(bytes)
}

/// What [`replace_dir`] did.
#[derive(Debug)]
pub struct Replaced<T> {
    /// What `fill` returned.
    pub value: T,
    /// Files written with new bytes.
    pub written: usize,
    /// Files linked from the previous output because their bytes did not change.
    pub unchanged: usize,
    /// The size of all files of the new site.
    pub bytes: usize,
    /// How the new site replaced the previous one.
    pub swap: Swap,
    /// Set when the new site is in place but the previous one could not be removed.
    pub leftover: Option<String>,
}

/// Lets `fill` put a complete site into a staging folder next to `out`, then swaps it in.
/// If `fill` fails, the staging folder is removed and `out` is left as it was.
pub fn replace_dir<T>(
    out: &Path,
    fill: impl FnOnce(&DirSink) -> Result<T, BuildError>,
) -> Result<Replaced<T>, BuildError> {
    check_replaceable(out)?;
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent).map_err(|e| BuildError::io(&parent, e))?;
    let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "public".into());
    let staging = parent.join(format!(".{name}.building-{}", std::process::id()));
    let aside = parent.join(format!(".{name}.old-{}", std::process::id()));
    remove_if_present(&staging)?;
    std::fs::create_dir_all(&staging).map_err(|e| BuildError::io(&staging, e))?;
    let sink = DirSink {
        root: staging.clone(),
        // check_replaceable has made sure an existing `out` is a folder this crate wrote.
        previous: out.is_dir().then(|| out.to_path_buf()),
        written: AtomicUsize::new(0),
        unchanged: AtomicUsize::new(0),
        bytes: AtomicUsize::new(0),
    };
    let filled = sink.place(MARKER, MARKER_TEXT).and_then(|_| fill(&sink));
    let value = match filled {
        Ok(value) => value,
        Err(e) => {
            let _ = remove_if_present(&staging);
            return Err(e);
        }
    };
    let (swap, previous) = match swap::swap_in(&staging, out, &aside, true) {
        Ok(done) => done,
        Err(e) => {
            let _ = remove_if_present(&staging);
            return Err(e);
        }
    };
    // The new site is live; failing to tidy up after it does not make the build fail.
    let leftover = previous
        .and_then(|old| remove_if_present(&old).err().map(|e| format!("the previous site could not be removed: {e}")));
    Ok(Replaced {
        value,
        written: sink.written.into_inner(),
        unchanged: sink.unchanged.into_inner(),
        bytes: sink.bytes.into_inner(),
        swap,
        leftover,
    })
}

fn check_replaceable(out: &Path) -> Result<(), BuildError> {
    if !out.exists() {
        return Ok(());
    }
    if !out.is_dir() {
        return Err(BuildError::Input { path: out.into(), message: expertpool_i18n::t!("site-out-not-a-folder") });
    }
    let empty = std::fs::read_dir(out).map_err(|e| BuildError::io(out, e))?.next().is_none();
    if empty || out.join(MARKER).is_file() {
        Ok(())
    } else {
        Err(BuildError::Input { path: out.into(), message: expertpool_i18n::t!("site-out-not-ours", marker = MARKER) })
    }
}

fn remove_if_present(path: &Path) -> Result<(), BuildError> {
    let removed = match std::fs::symlink_metadata(path) {
        // A link is removed as a link: what it points to is not ours to empty.
        Ok(meta) if !meta.is_dir() => std::fs::remove_file(path),
        Ok(_) => remove_tree(path),
        Err(e) => Err(e),
    };
    match removed {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(()),
        Err(e) => Err(BuildError::io(path, e)),
    }
}

/// `remove_dir_all`, with sub-folders removed in parallel: an old site of 10,000 pages is
/// 10,000 folders, and removing them one by one costs as much as writing them.
fn remove_tree(dir: &Path) -> std::io::Result<()> {
    let mut folders = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_type()?.is_dir() {
            folders.push(entry.path());
        } else {
            std::fs::remove_file(entry.path())?;
        }
    }
    folders.par_iter().try_for_each(|f| remove_tree(f))?;
    std::fs::remove_dir(dir)
}
