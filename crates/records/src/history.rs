//! The public change history of expert records, read from git: for each
//! `pools/<pool>/experts/<id>.toml`, the commits that changed it (date and message), so
//! each expert page can show when its public record changed and why.
//!
//! One `git log` over `pools/` serves the whole instance (10,000 files cost one process,
//! not 10,000). The pathspec is `pools` only: the private folder is never read, and its
//! commit messages never surface here.

use crate::Date;
use crate::layout;
use serde::Serialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// One commit that touched a record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// Author date of the commit, as the committer's calendar day.
    pub date: Date,
    /// The commit's subject line: the why.
    pub message: String,
    /// Abbreviated commit hash, to cite.
    pub commit: String,
}

const RECORD_SEP: char = '\u{1e}';
const FIELD_SEP: char = '\u{1f}';

/// Changes per expert file, newest first. Keys are `content_root.join("pools/<pool>/experts/<id>.toml")`,
/// the same spelling the loader gives `Loaded::file.path` when it is passed the same root.
/// Outside a git checkout, or without git, the map is empty.
pub fn public_record_history(content_root: &Path) -> HashMap<PathBuf, Vec<Change>> {
    let output = Command::new("git")
        .arg("-C")
        .arg(content_root)
        .args([
            "-c",
            "core.quotepath=off",
            "log",
            "--no-renames",
            "--relative",
            "--name-only",
            "--format=%x1e%h%x1f%ad%x1f%s",
            "--date=short",
            "--",
            layout::POOLS,
        ])
        .output();
    match output {
        Ok(out) if out.status.success() => parse_log(content_root, &String::from_utf8_lossy(&out.stdout)),
        _ => HashMap::new(),
    }
}

/// The commit checked out in the repository holding `content_root`, or `None` outside git.
/// History changes only with a commit, so `serve` reads it again only when this changes.
pub fn head_commit(content_root: &Path) -> Option<String> {
    let output = Command::new("git").arg("-C").arg(content_root).args(["rev-parse", "--verify", "-q", "HEAD"]).output();
    match output {
        Ok(out) if out.status.success() => Some(String::from_utf8_lossy(&out.stdout).trim().to_string()),
        _ => None,
    }
}

/// Parses `git log --name-only` output in the format above. Pure, for tests.
pub(crate) fn parse_log(content_root: &Path, log: &str) -> HashMap<PathBuf, Vec<Change>> {
    let mut map: HashMap<PathBuf, Vec<Change>> = HashMap::new();
    for entry in log.split(RECORD_SEP).filter(|e| !e.trim().is_empty()) {
        let mut lines = entry.lines();
        let Some(header) = lines.next() else { continue };
        let mut fields = header.splitn(3, FIELD_SEP);
        let (Some(commit), Some(date), Some(message)) = (fields.next(), fields.next(), fields.next()) else {
            continue;
        };
        let Ok(date) = Date::parse(date.trim()) else { continue };
        for path in lines.map(str::trim).filter(|p| layout::is_expert_path(p)) {
            map.entry(content_root.join(path)).or_default().push(Change {
                date,
                message: message.trim().to_string(),
                commit: commit.to_string(),
            });
        }
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_output_is_grouped_by_file() {
        let log = "\u{1e}abc1234\u{1f}2026-03-02\u{1f}zhineng: admit ZN-0001\n\npools/zhineng/experts/ZN-0001.toml\npools/zhineng/pool.toml\n\
                   \u{1e}def5678\u{1f}2026-01-05\u{1f}import 单位推荐 table\n\npools/zhineng/experts/ZN-0001.toml\npools/zhineng/experts/ZN-0002.toml\n";
        let map = parse_log(Path::new("content"), log);
        assert_eq!(map.len(), 2);
        let first = &map[&PathBuf::from("content/pools/zhineng/experts/ZN-0001.toml")];
        assert_eq!(first.len(), 2);
        assert_eq!(
            first[0],
            Change { date: Date::ymd(2026, 3, 2), message: "zhineng: admit ZN-0001".into(), commit: "abc1234".into() }
        );
        assert_eq!(first[1].message, "import 单位推荐 table");
        assert!(!map.contains_key(&PathBuf::from("content/pools/zhineng/pool.toml")));
    }

    #[test]
    fn outside_git_is_empty() {
        let dir = tempfile::tempdir().unwrap();
        assert!(public_record_history(dir.path()).is_empty());
    }
}
