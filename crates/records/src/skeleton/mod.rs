//! The skeleton of a new instance, as `expertpool init DIR` writes it: an empty but valid
//! instance (no experts yet) from which `check` and `build` succeed, with every placeholder
//! a clerk must replace marked 【请修改】 and a README in Chinese.
//!
//! The files are data, kept as files beside this module so they read as a clerk will see
//! them. The holiday schedules are the State Council's, the same files as the demo's.

use crate::fsio::{WriteMode, create_new};
use std::path::{Path, PathBuf};

/// The State Council schedules this build knows, by file name under `calendar/`: facts,
/// so one copy, the demo's, serves the skeleton and the synthesizer.
pub const OFFICIAL_CALENDARS: &[(i16, &str)] = &[
    (2025, include_str!("../../../../content/calendar/2025.toml")),
    (2026, include_str!("../../../../content/calendar/2026.toml")),
];

/// The pool the skeleton starts with (its folder under `pools/`).
pub const POOL_ID: &str = "zhineng";

/// Files of the skeleton other than the calendar: path relative to the instance, text.
const FILES: &[(&str, &str)] = &[
    ("README.md", include_str!("README.md")),
    ("site.toml", include_str!("site.toml")),
    ("specialties.toml", include_str!("specialties.toml")),
    ("pools/zhineng/pool.toml", include_str!("pool.toml")),
    // The instance is its own git repository: what never to commit, and its CI.
    (".gitignore", include_str!("gitignore")),
    (".gitlab-ci.yml", include_str!("gitlab-ci.yml")),
    ("ci/publish.sh", include_str!("publish.sh")),
];

/// Folders that start empty, so a clerk sees where each kind of file goes.
const FOLDERS: &[&str] = &["pools/zhineng/experts", "private/experts", "calls", "notices", "pages"];

/// Every file of the skeleton: path relative to the instance, text.
pub fn files() -> impl Iterator<Item = (String, &'static str)> {
    FILES.iter().map(|&(path, text)| (path.to_string(), text)).chain(
        OFFICIAL_CALENDARS.iter().map(|&(year, text)| (crate::layout::calendar_year(year).display().to_string(), text)),
    )
}

/// Why `init` wrote nothing (or stopped part way, for [`InitError::Io`]).
#[derive(Debug, thiserror::Error)]
pub enum InitError {
    /// The folder exists and holds something: init never writes over a clerk's files.
    #[error("文件夹 {0} 不是空的，未写入任何文件。请指定一个新的或空的文件夹")]
    NotEmpty(PathBuf),
    /// The path exists but is a file.
    #[error("{0} 已存在，但不是文件夹")]
    NotAFolder(PathBuf),
    /// Writing a file or folder failed part way.
    #[error("无法写入 {0}：{1}")]
    Io(PathBuf, std::io::Error),
}

/// Writes the skeleton into `dir`, which must be missing or empty; returns the files written.
pub fn write_new(dir: &Path) -> Result<Vec<PathBuf>, InitError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |e| InitError::Io(path, e)
    };
    match std::fs::read_dir(dir) {
        Ok(mut entries) => {
            if entries.next().is_some() {
                return Err(InitError::NotEmpty(dir.to_path_buf()));
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(_) if dir.exists() && !dir.is_dir() => return Err(InitError::NotAFolder(dir.to_path_buf())),
        Err(e) => return Err(InitError::Io(dir.to_path_buf(), e)),
    }
    for folder in FOLDERS {
        let path = dir.join(folder);
        std::fs::create_dir_all(&path).map_err(io(&path))?;
    }
    let mut written = Vec::new();
    for (relative, text) in files() {
        let path = dir.join(&relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(io(parent))?;
        }
        // create_new: a file that appeared since the emptiness check is never overwritten.
        create_new(&path, text.as_bytes(), WriteMode::Shared).map_err(io(&path))?;
        written.push(path);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_into_a_new_folder_and_refuses_a_non_empty_one() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("专家库");
        let written = write_new(&dir).unwrap();
        assert!(written.contains(&dir.join("calendar/2026.toml")));
        assert!(dir.join("private/experts").is_dir());
        assert!(dir.join("pools").join(POOL_ID).join("experts").is_dir());
        let calendar = std::fs::read_to_string(dir.join("calendar/2025.toml")).unwrap();
        assert_eq!(calendar, OFFICIAL_CALENDARS[0].1);
        for repository_file in [".gitignore", ".gitlab-ci.yml", "ci/publish.sh"] {
            assert!(dir.join(repository_file).is_file(), "{repository_file}");
        }

        let err = write_new(&dir).unwrap_err();
        assert!(matches!(err, InitError::NotEmpty(_)), "{err:?}");
        assert!(err.to_string().contains("不是空的"), "{err}");
    }

    #[test]
    fn the_pool_file_names_its_folder() {
        let (_, text) = files().find(|(p, _)| p.ends_with("pool.toml")).unwrap();
        assert!(text.contains(&format!("id = \"{POOL_ID}\"")));
        assert!(FOLDERS.contains(&format!("pools/{POOL_ID}/experts").as_str()));
    }
}
