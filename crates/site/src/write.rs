//! Writing a rendered site to disk so that a reader never sees half of it: everything goes
//! into a fresh folder next to the output, which then takes the output's place.
//!
//! The swap is two renames (old output aside, new one in), each atomic; a failure before
//! them leaves the previous site untouched. A marker file identifies folders this crate
//! wrote, so `--out` pointed at the wrong folder (say, the content) is refused, not erased.

use crate::{BuildError, SiteFiles};
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Present in every output folder; only folders holding it (or empty ones) are replaced.
pub const MARKER: &str = ".expertpool-site";

/// Writes `site` as the folder `out`, replacing what was there.
pub fn write_atomic(site: &SiteFiles, out: &Path) -> Result<(), BuildError> {
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

    let result = write_tree(site, &staging);
    if let Err(e) = result {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(e);
    }
    if out.exists() {
        remove_if_present(&retired)?;
        std::fs::rename(out, &retired).map_err(|e| BuildError::io(out, e))?;
    }
    if let Err(e) = std::fs::rename(&staging, out) {
        // Put the previous site back rather than leave no site at all.
        let _ = std::fs::rename(&retired, out);
        return Err(BuildError::io(out, e));
    }
    remove_if_present(&retired)
}

/// Writes every file of `site` under `dir` (which must not exist yet), in parallel.
pub fn write_tree(site: &SiteFiles, dir: &Path) -> Result<(), BuildError> {
    let folders: BTreeSet<PathBuf> =
        site.files.keys().filter_map(|p| Path::new(p).parent().map(|f| dir.join(f))).collect();
    std::fs::create_dir_all(dir).map_err(|e| BuildError::io(dir, e))?;
    for folder in &folders {
        std::fs::create_dir_all(folder).map_err(|e| BuildError::io(folder, e))?;
    }
    std::fs::write(dir.join(MARKER), b"written by expertpool build; replaced as a whole on each build\n")
        .map_err(|e| BuildError::io(dir.join(MARKER), e))?;
    site.files.par_iter().try_for_each(|(path, bytes)| {
        let target = dir.join(path);
        std::fs::write(&target, bytes.as_slice()).map_err(|e| BuildError::io(&target, e))
    })
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
    match std::fs::remove_dir_all(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(BuildError::io(path, e)),
    }
}
