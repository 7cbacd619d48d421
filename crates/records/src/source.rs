//! Source files as diagnostics need them: a path, and the text to point into.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// One file of an instance, as read from disk.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path as given to the loader (relative to the working directory when the content
    /// directory was relative), which is what a clerk can paste into an editor.
    pub path: PathBuf,
    text: Text,
    /// Byte offset of the TOML inside `text`: non-zero for Markdown front matter.
    pub toml_offset: usize,
}

/// Where the text of a [`SourceFile`] is.
#[derive(Debug, Clone)]
enum Text {
    InMemory(String),
    /// Not kept after parsing: a `check` of 19,000 clean records would otherwise hold
    /// 26 MB it never looks at again. Read back the first time a diagnostic asks for it.
    OnDisk(OnceLock<String>),
}

/// Whether loading keeps the text of the records that parsed cleanly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeepText {
    /// Keep every text: `serve` compares a saved file with what it last read.
    Always,
    /// Keep only the texts of files that failed to parse; the others are read again when a
    /// rule reports on them (a few in a large instance), so memory stays proportional to
    /// the records, not to their files.
    OnlyBroken,
}

impl SourceFile {
    /// A file whose text is held in memory.
    pub fn new(path: impl Into<PathBuf>, text: String) -> SourceFile {
        SourceFile { path: path.into(), text: Text::InMemory(text), toml_offset: 0 }
    }

    /// A file whose text is read from `path` again when first needed.
    pub(crate) fn on_disk(path: impl Into<PathBuf>) -> SourceFile {
        SourceFile { path: path.into(), text: Text::OnDisk(OnceLock::new()), toml_offset: 0 }
    }

    /// The path the file was read from.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether the text is held now rather than read back when asked for (what the tests of
    /// the loader observe).
    #[cfg(test)]
    pub(crate) fn holds_text(&self) -> bool {
        match &self.text {
            Text::InMemory(_) => true,
            Text::OnDisk(cell) => cell.get().is_some(),
        }
    }

    /// The whole text of the file. For a file loaded with [`KeepText::OnlyBroken`] this is
    /// what the file holds when first asked, and empty when it can no longer be read: a
    /// diagnostic then names the file without quoting a line.
    pub fn text(&self) -> &str {
        match &self.text {
            Text::InMemory(text) => text,
            Text::OnDisk(cell) => cell.get_or_init(|| std::fs::read_to_string(&self.path).unwrap_or_default()),
        }
    }

    /// The TOML part of the file (all of it, or the front matter).
    pub fn toml(&self) -> &str {
        let text = self.text();
        let start = floor_char_boundary(text, self.toml_offset);
        let rest = &text[start..];
        if self.toml_offset == 0 {
            return rest;
        }
        &rest[..rest.find("\n+++").map(|i| i + 1).unwrap_or(rest.len())]
    }

    /// 1-based line and column (in characters) of a byte offset into the whole file.
    pub(crate) fn line_col(&self, offset: usize) -> (usize, usize) {
        let text = self.text();
        let offset = floor_char_boundary(text, offset);
        let before = &text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
        let col = text[line_start..offset].chars().count() + 1;
        (line, col)
    }

    /// The full text of the 1-based line `line`.
    pub(crate) fn line_text(&self, line: usize) -> &str {
        self.text().lines().nth(line.saturating_sub(1)).unwrap_or("")
    }

    /// The text of `span`, or less of it when the file has since become shorter.
    pub fn slice(&self, span: Range<usize>) -> &str {
        let text = self.text();
        let end = floor_char_boundary(text, span.end);
        &text[floor_char_boundary(text, span.start).min(end)..end]
    }

    /// Shifts a span inside [`Self::toml`] to a span inside the whole file.
    pub(crate) fn from_toml_span(&self, span: Range<usize>) -> Range<usize> {
        span.start + self.toml_offset..span.end + self.toml_offset
    }
}

/// `offset` clamped to `text` and moved back to the start of the character it falls in.
fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Splits a Markdown document into its `+++` TOML front matter and body.
/// Returns (front matter offset, body offset) or `None` when the file has no front matter.
pub fn split_front_matter(text: &str) -> Option<(usize, usize)> {
    let text_start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let rest = &text[text_start..];
    let first_line_end = rest.find('\n')?;
    if rest[..first_line_end].trim_end() != "+++" {
        return None;
    }
    let toml_start = text_start + first_line_end + 1;
    let mut offset = toml_start;
    for line in text[toml_start..].split_inclusive('\n') {
        if line.trim_end() == "+++" {
            return Some((toml_start, offset + line.len()));
        }
        offset += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_is_found_and_bounded() {
        let text = "+++\ntitle = \"x\"\n+++\nBody\n";
        let (fm, body) = split_front_matter(text).unwrap();
        let mut file = SourceFile::new("a.md", text.to_string());
        file.toml_offset = fm;
        assert_eq!(file.toml(), "title = \"x\"\n");
        assert_eq!(&text[body..], "Body\n");
        assert!(split_front_matter("no front matter").is_none());
        assert!(split_front_matter("+++\nunterminated").is_none());
    }

    #[test]
    fn line_and_column_count_characters() {
        let file = SourceFile::new("a.toml", "a = 1\nname = \"张三\"\n".to_string());
        let offset = file.text().find('"').unwrap() + 1 + "张三".len();
        assert_eq!(file.line_col(offset), (2, 11));
    }

    #[test]
    fn text_left_on_disk_is_read_when_first_asked_for() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml");
        std::fs::write(&path, "a = 1\nname = \"张三\"\n").unwrap();
        let file = SourceFile::on_disk(&path);
        assert!(!file.holds_text());
        assert_eq!(file.line_text(2), "name = \"张三\"");
        assert!(file.holds_text());
        assert_eq!(file.slice(6..10), "name");
        // Once read, the text stays what it was for every later diagnostic on the file.
        std::fs::write(&path, "changed").unwrap();
        assert_eq!(file.line_text(1), "a = 1");
    }

    #[test]
    fn a_file_gone_since_loading_gives_no_text_and_no_panic() {
        let file = SourceFile::on_disk("/nonexistent/expertpool/a.toml");
        assert_eq!(file.text(), "");
        assert_eq!(file.line_col(40), (1, 1));
        assert_eq!(file.slice(3..9), "");
        assert_eq!(file.toml(), "");
    }
}
