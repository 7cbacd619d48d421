//! Writing a rendered site to disk so that a reader never sees half of it: everything goes
//! into a fresh folder next to the output, which then takes the output's place.
//!
//! The swap is two renames (old output aside, new one in), each atomic; a failure before
//! them leaves the previous site untouched. A marker file identifies folders this crate
//! wrote, so `--out` pointed at the wrong folder (say, the content) is refused, not erased.

use crate::render::Sink;
use crate::{BuildError, SiteFiles};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Present in every output folder; only folders holding it (or empty ones) are replaced.
pub const MARKER: &str = ".expertpool-site";

/// Writes `site` as the folder `out`, replacing what was there.
pub fn write_atomic(site: &SiteFiles, out: &Path) -> Result<(), BuildError> {
    replace_dir(out, |sink| site.files.par_iter().try_for_each(|(path, bytes)| sink.put(path, bytes.clone())))
        .map(|_| ())
}

/// Writes files straight into a folder, creating sub-folders as needed; counts what it wrote.
pub struct DirSink {
    root: PathBuf,
    files: AtomicUsize,
    bytes: AtomicUsize,
}

impl DirSink {
    pub fn files(&self) -> usize {
        self.files.load(Ordering::Relaxed)
    }

    pub fn bytes(&self) -> usize {
        self.bytes.load(Ordering::Relaxed)
    }
}

impl Sink for DirSink {
    fn put(&self, path: &str, bytes: Arc<Vec<u8>>) -> Result<(), BuildError> {
        let target = self.root.join(path);
        if let Some(folder) = target.parent() {
            std::fs::create_dir_all(folder).map_err(|e| BuildError::io(folder, e))?;
        }
        std::fs::write(&target, bytes.as_slice()).map_err(|e| BuildError::io(&target, e))?;
        self.files.fetch_add(1, Ordering::Relaxed);
        self.bytes.fetch_add(bytes.len(), Ordering::Relaxed);
        Ok(())
    }
}

/// Lets `fill` write a complete site into a staging folder next to `out`, then swaps it in.
/// If `fill` fails, the staging folder is removed and `out` is left as it was.
pub fn replace_dir<T>(
    out: &Path,
    fill: impl FnOnce(&DirSink) -> Result<T, BuildError>,
) -> Result<(T, DirSink), BuildError> {
    check_replaceable(out)?;
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent).map_err(|e| BuildError::io(&parent, e))?;
    let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "public".into());
    let staging = parent.join(format!(".{name}.building-{}", std::process::id()));
    let retired = parent.join(format!(".{name}.old-{}", std::process::id()));
    remove_if_present(&staging)?;
    std::fs::create_dir_all(&staging).map_err(|e| BuildError::io(&staging, e))?;
    let sink = DirSink { root: staging.clone(), files: AtomicUsize::new(0), bytes: AtomicUsize::new(0) };
    let filled =
        std::fs::write(staging.join(MARKER), b"written by expertpool build; replaced as a whole on each build\n")
            .map_err(|e| BuildError::io(staging.join(MARKER), e))
            .and_then(|()| fill(&sink));
    let value = match filled {
        Ok(value) => value,
        Err(e) => {
            let _ = std::fs::remove_dir_all(&staging);
            return Err(e);
        }
    };
    if out.exists() {
        remove_if_present(&retired)?;
        std::fs::rename(out, &retired).map_err(|e| BuildError::io(out, e))?;
    }
    if let Err(e) = std::fs::rename(&staging, out) {
        // Put the previous site back rather than leave no site at all.
        let _ = std::fs::rename(&retired, out);
        return Err(BuildError::io(out, e));
    }
    remove_if_present(&retired)?;
    Ok((value, sink))
}

fn check_replaceable(out: &Path) -> Result<(), BuildError> {
    if !out.exists() {
        return Ok(());
    }
    if !out.is_dir() {
        return Err(BuildError::Input { path: out.into(), message: "output exists and is not a folder".into() });
    }
    let empty = std::fs::read_dir(out).map_err(|e| BuildError::io(out, e))?.next().is_none();
    if empty || out.join(MARKER).is_file() {
        Ok(())
    } else {
        Err(BuildError::Input {
            path: out.into(),
            message: format!(
                "this folder was not written by `expertpool build` (no {MARKER} in it) and would be replaced; \
                 choose another --out or empty it first"
            ),
        })
    }
}

fn remove_if_present(path: &Path) -> Result<(), BuildError> {
    match remove_tree(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
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
