//! Loading the tera templates and static assets: the defaults from `site-templates/`, any of
//! which an instance replaces by putting a file of the same name in `<content>/templates/`
//! (templates) or `<content>/templates/static/` (assets).

use crate::BuildError;
use crate::escape::escape_html;
use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use tera::Tera;

/// Most pages are 4–12 KB; starting there saves the buffer's regrowth on every page.
const PAGE_CAPACITY: usize = 16 * 1024;

/// Parsed templates plus the static files copied verbatim into the output.
pub struct Templates {
    pub tera: Tera,
    /// Output path (relative to the site root) → bytes.
    pub static_files: BTreeMap<String, Vec<u8>>,
    /// Fingerprint of every template source: cached pages are reused only while it holds.
    pub fingerprint: u64,
}

/// The default templates folder: `./site-templates` when run from a checkout or an
/// instance repository that carries them, else the one next to this crate's sources.
pub fn default_dir() -> PathBuf {
    let here = PathBuf::from("site-templates");
    if here.is_dir() {
        return here;
    }
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../site-templates")
}

impl Templates {
    /// Loads the defaults from `dir` (or [`default_dir`]) and the overrides of `content`.
    pub fn load(dir: Option<&Path>, content: &Path) -> Result<Templates, BuildError> {
        let dir = dir.map(Path::to_path_buf).unwrap_or_else(default_dir);
        if !dir.is_dir() {
            return Err(BuildError::Input {
                path: dir,
                message: "templates folder not found; run from the repository root or pass --templates DIR".into(),
            });
        }
        let mut sources: BTreeMap<String, String> = BTreeMap::new();
        let mut static_files: BTreeMap<String, Vec<u8>> = BTreeMap::new();
        read_tree(&dir, &mut sources, &mut static_files)?;
        let overrides = content.join(expertpool_records::layout::templates_dir());
        if overrides.is_dir() {
            read_tree(&overrides, &mut sources, &mut static_files)?;
        }

        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        sources.hash(&mut hasher);
        let fingerprint = hasher.finish();

        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html"]);
        tera.set_escape_fn(escape_html);
        tera.register_filter("cn_date", cn_date);
        tera.add_raw_templates(sources.iter().map(|(n, s)| (n.as_str(), s.as_str())))
            .map_err(|e| BuildError::Template { name: dir.display().to_string(), message: error_chain(&e) })?;
        Ok(Templates { tera, static_files, fingerprint })
    }

    /// Renders template `name` with `context`.
    pub fn render(&self, name: &str, context: &tera::Context) -> Result<String, BuildError> {
        self.tera
            .render(name, context)
            .map_err(|e| BuildError::Template { name: name.to_string(), message: error_chain(&e) })
    }

    /// Renders template `name` with `context` as the bytes of a file: written straight into
    /// a buffer sized for a typical page, without the UTF-8 check of a `String` (tera writes
    /// only template text and `&str` values, so the bytes are UTF-8 anyway).
    pub fn render_bytes(&self, name: &str, context: &tera::Context) -> Result<Vec<u8>, BuildError> {
        let mut out = Vec::with_capacity(PAGE_CAPACITY);
        self.tera
            .render_to(name, context, &mut out)
            .map_err(|e| BuildError::Template { name: name.to_string(), message: error_chain(&e) })?;
        Ok(out)
    }
}

/// Templates are the `*.html` files at the top of the folder and in `partials/`; everything
/// under `static/` is an asset.
fn read_tree(
    dir: &Path,
    sources: &mut BTreeMap<String, String>,
    static_files: &mut BTreeMap<String, Vec<u8>>,
) -> Result<(), BuildError> {
    for sub in ["", "partials"] {
        let folder = dir.join(sub);
        for path in files_in(&folder)? {
            if path.extension().is_some_and(|e| e == "html") {
                let text = std::fs::read_to_string(&path).map_err(|e| BuildError::io(&path, e))?;
                let name = if sub.is_empty() { file_name(&path) } else { format!("{sub}/{}", file_name(&path)) };
                sources.insert(name, text);
            }
        }
    }
    let static_dir = dir.join("static");
    let mut stack = vec![static_dir.clone()];
    while let Some(folder) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if let Ok(rel) = path.strip_prefix(&static_dir) {
                let bytes = std::fs::read(&path).map_err(|e| BuildError::io(&path, e))?;
                let rel = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
                static_files.insert(rel, bytes);
            }
        }
    }
    Ok(())
}

fn files_in(folder: &Path) -> Result<Vec<PathBuf>, BuildError> {
    match std::fs::read_dir(folder) {
        Ok(entries) => {
            let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).filter(|p| p.is_file()).collect();
            paths.sort();
            Ok(paths)
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(e) => Err(BuildError::io(folder, e)),
    }
}

fn file_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

/// tera reports the useful part (line, column, what was expected) in the error's sources.
fn error_chain(error: &tera::Error) -> String {
    let mut message = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(inner) = source {
        message.push_str(": ");
        message.push_str(&inner.to_string());
        source = inner.source();
    }
    message
}

/// `{{ date | cn_date }}`: `2026-03-05` → `2026年3月5日`, as Chinese official documents print dates.
fn cn_date(value: &tera::Value, _: &HashMap<String, tera::Value>) -> tera::Result<tera::Value> {
    let text = value.as_str().ok_or_else(|| tera::Error::msg("cn_date expects a YYYY-MM-DD string"))?;
    chinese_date(text)
        .map(tera::Value::String)
        .ok_or_else(|| tera::Error::msg(format!("cn_date: `{text}` is not YYYY-MM-DD")))
}

/// `2026-03-05` → `2026年3月5日` without a calendar round trip: every date reaching a
/// template was written by [`expertpool_records::Date`], so only the shape is checked.
pub fn chinese_date(text: &str) -> Option<String> {
    let b = text.as_bytes();
    let shaped = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shaped {
        return None;
    }
    let month = text[5..7].trim_start_matches('0');
    let day = text[8..10].trim_start_matches('0');
    Some(format!("{}年{month}月{day}日", &text[..4]))
}

#[cfg(test)]
mod tests {
    #[test]
    fn chinese_dates_drop_leading_zeros() {
        assert_eq!(super::chinese_date("2026-03-05").as_deref(), Some("2026年3月5日"));
        assert_eq!(super::chinese_date("2026-11-25").as_deref(), Some("2026年11月25日"));
        assert_eq!(super::chinese_date("2026/11/25"), None);
    }
}
