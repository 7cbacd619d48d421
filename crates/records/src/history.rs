//! The public change history of expert records, read from git: for each
//! `pools/<pool>/experts/<id>.toml`, the commits that changed it, with the date and the
//! change note written for the public.
//!
//! A commit message is written for colleagues; it can hold anything a clerk typed (or a
//! developer's English). So the site never shows it. What citizens read is the commit's
//! public change note: every line of the message that starts with `变更说明：` (or the
//! ASCII `变更说明:`), anywhere in the message. A commit without one is still listed, with
//! its date, as an update without a note: the record did change, and hiding that would
//! be worse than saying nothing about why. See docs/content-format.md, "Record history".
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
    /// The public change note (`变更说明：` lines, joined by "；"), if the commit has one.
    pub note: Option<String>,
    /// Abbreviated commit hash, to cite.
    pub commit: String,
}

/// The prefix that marks a public change note in a commit message. Git's own trailer
/// parser only accepts ASCII keys, so the lines are found here, not with `%(trailers)`.
pub const CHANGE_NOTE_KEY: &str = "变更说明";

/// Longest note shown, in characters: a note is a sentence, not a document. Longer notes
/// are cut with "…" so that one careless commit cannot publish pages of text.
pub const CHANGE_NOTE_MAX_CHARS: usize = 200;

const RECORD_SEP: char = '\u{1e}';
const FIELD_SEP: char = '\u{1f}';

/// The public change note of a commit message: its `变更说明：` lines, in order, joined
/// by "；"; control characters are dropped and the result is cut at
/// [`CHANGE_NOTE_MAX_CHARS`]. `None` when the message has no such line with text.
pub fn change_note(message: &str) -> Option<String> {
    let notes: Vec<String> = message
        .lines()
        .filter_map(|line| {
            let rest = line.trim_start().strip_prefix(CHANGE_NOTE_KEY)?;
            let value = rest.trim_start().strip_prefix('：').or_else(|| rest.trim_start().strip_prefix(':'))?;
            let value: String = value.chars().filter(|c| !c.is_control()).collect();
            let value = value.trim().trim_end_matches(['；', ';']).trim();
            (!value.is_empty()).then(|| value.to_string())
        })
        .collect();
    if notes.is_empty() {
        return None;
    }
    let joined = notes.join("；");
    if joined.chars().count() <= CHANGE_NOTE_MAX_CHARS {
        return Some(joined);
    }
    let mut cut: String = joined.chars().take(CHANGE_NOTE_MAX_CHARS - 1).collect();
    cut.push('…');
    Some(cut)
}

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
            // Hash, date and the whole message, then the file names: the message may span
            // lines, so it is closed by a field separator of its own.
            "--format=%x1e%h%x1f%ad%x1f%B%x1f",
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
        let mut fields = entry.splitn(4, FIELD_SEP);
        let (Some(commit), Some(date), Some(message), Some(paths)) =
            (fields.next(), fields.next(), fields.next(), fields.next())
        else {
            continue;
        };
        let Ok(date) = Date::parse(date.trim()) else { continue };
        let note = change_note(message);
        for path in paths.lines().map(str::trim).filter(|p| layout::is_expert_path(p)) {
            map.entry(content_root.join(path)).or_default().push(Change {
                date,
                note: note.clone(),
                commit: commit.trim().to_string(),
            });
        }
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_output_is_grouped_by_file_and_only_notes_are_kept() {
        let log = "\u{1e}abc1234\u{1f}2026-03-02\u{1f}zhineng: admit ZN-0001\n\n变更说明：经会议审定入库\n\u{1f}\n\npools/zhineng/experts/ZN-0001.toml\npools/zhineng/pool.toml\n\
                   \u{1e}def5678\u{1f}2026-01-05\u{1f}import 单位推荐 table\n\u{1f}\n\npools/zhineng/experts/ZN-0001.toml\npools/zhineng/experts/ZN-0002.toml\n";
        let map = parse_log(Path::new("content"), log);
        assert_eq!(map.len(), 2);
        let first = &map[&PathBuf::from("content/pools/zhineng/experts/ZN-0001.toml")];
        assert_eq!(first.len(), 2);
        assert_eq!(
            first[0],
            Change {
                date: Date::ymd(2026, 3, 2), note: Some("经会议审定入库".into()), commit: "abc1234".into()
            }
        );
        assert_eq!(first[1].note, None, "the raw message is never the note");
        assert!(!map.contains_key(&PathBuf::from("content/pools/zhineng/pool.toml")));
    }

    #[test]
    fn change_note_lines_in_either_colon_anywhere_in_the_message() {
        assert_eq!(change_note("fix\n\n变更说明: 更正工作单位名称"), Some("更正工作单位名称".into()));
        assert_eq!(change_note("变更说明：更正职称；\nbody\n  变更说明：补充专业"), Some("更正职称；补充专业".into()));
        assert_eq!(change_note("变更说明：   \n"), None, "a blank note is no note");
        assert_eq!(change_note("说明：变更说明：x"), None, "only at the start of a line");
        assert_eq!(change_note("变更说明 x"), None, "the colon is required");
        assert_eq!(change_note("变更说明：a\u{7}b"), Some("ab".into()));
        let long = format!("变更说明：{}", "字".repeat(500));
        let cut = change_note(&long).unwrap();
        assert_eq!(cut.chars().count(), CHANGE_NOTE_MAX_CHARS);
        assert!(cut.ends_with('…'));
    }

    #[test]
    fn outside_git_is_empty() {
        let dir = tempfile::tempdir().unwrap();
        assert!(public_record_history(dir.path()).is_empty());
    }
}
