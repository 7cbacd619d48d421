//! Source files kept in memory with their text, so diagnostics can point into them.

use std::ops::Range;
use std::path::{Path, PathBuf};

/// One file of an instance, as read from disk.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path as given to the loader (relative to the working directory when the content
    /// directory was relative), which is what a clerk can paste into an editor.
    pub path: PathBuf,
    pub text: String,
    /// Byte offset of the TOML inside `text`: non-zero for Markdown front matter.
    pub toml_offset: usize,
}

impl SourceFile {
    pub fn new(path: impl Into<PathBuf>, text: String) -> SourceFile {
        SourceFile { path: path.into(), text, toml_offset: 0 }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The TOML part of the file (all of it, or the front matter).
    pub fn toml(&self) -> &str {
        let end = self.toml_end();
        &self.text[self.toml_offset..end]
    }

    fn toml_end(&self) -> usize {
        if self.toml_offset == 0 {
            return self.text.len();
        }
        let rest = &self.text[self.toml_offset..];
        self.toml_offset + rest.find("\n+++").map(|i| i + 1).unwrap_or(rest.len())
    }

    /// 1-based line and column (in characters) of a byte offset into the whole file.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let before = &self.text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
        let col = self.text[line_start..offset].chars().count() + 1;
        (line, col)
    }

    /// The full text of the 1-based line `line`.
    pub fn line_text(&self, line: usize) -> &str {
        self.text.lines().nth(line.saturating_sub(1)).unwrap_or("")
    }

    /// Shifts a span inside [`Self::toml`] to a span inside the whole file.
    pub fn from_toml_span(&self, span: Range<usize>) -> Range<usize> {
        span.start + self.toml_offset..span.end + self.toml_offset
    }
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
        let offset = file.text.find('"').unwrap() + 1 + "张三".len();
        assert_eq!(file.line_col(offset), (2, 11));
    }
}
