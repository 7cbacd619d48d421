//! Loading the tera templates and static assets. The defaults are the files of
//! `site-templates/`, compiled into the binary (see `build.rs`), so a copied or installed
//! binary needs no source tree; `--templates DIR` reads them from a folder instead, for
//! working on the templates themselves. An instance replaces any of them by putting a file
//! of the same name in `<content>/templates/` (templates) or `<content>/templates/static/`
//! (assets).

use crate::BuildError;
use crate::escape::escape_html;
use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use tera::Tera;

include!(concat!(env!("OUT_DIR"), "/default_templates.rs"));

/// Most pages are 4–12 KB; starting there saves the buffer's regrowth on every page.
const PAGE_CAPACITY: usize = 16 * 1024;

/// Parsed templates plus the static files copied verbatim into the output.
pub struct Templates {
    /// The parsed templates: the compiled-in defaults, overridden by an instance's own.
    pub tera: Tera,
    /// Output path (relative to the site root) → bytes.
    pub static_files: BTreeMap<String, Vec<u8>>,
    /// Fingerprint of every template source: cached pages are reused only while it holds.
    pub fingerprint: u64,
}

/// What a file of a templates folder is, from its path relative to that folder: the
/// `*.html` files at the top and in `partials/` are templates, everything under `static/`
/// is an asset, anything else is ignored. One rule for the compiled-in defaults and for
/// folders on disk.
#[derive(Debug, PartialEq, Eq)]
enum Role<'a> {
    Template(&'a str),
    Asset(&'a str),
}

fn role(relative: &str) -> Option<Role<'_>> {
    if let Some(asset) = relative.strip_prefix("static/") {
        return Some(Role::Asset(asset));
    }
    let name = relative.strip_prefix("partials/").unwrap_or(relative);
    (name.ends_with(".html") && !name.contains('/')).then_some(Role::Template(relative))
}

/// Template sources by name and assets by output path, before parsing.
#[derive(Default)]
struct Sources {
    templates: BTreeMap<String, String>,
    assets: BTreeMap<String, Vec<u8>>,
}

impl Sources {
    /// Adds (or, for an override, replaces) the file at `relative`.
    fn add(&mut self, relative: &str, bytes: Vec<u8>, origin: &Path) -> Result<(), BuildError> {
        match role(relative) {
            Some(Role::Template(name)) => {
                let text = String::from_utf8(bytes).map_err(|_| BuildError::Input {
                    path: origin.join(relative),
                    message: expertpool_i18n::t!("site-template-not-utf8"),
                })?;
                self.templates.insert(name.to_string(), text);
            }
            Some(Role::Asset(path)) => {
                self.assets.insert(path.to_string(), bytes);
            }
            None => {}
        }
        Ok(())
    }

    /// The defaults compiled into the binary.
    fn compiled_in() -> Sources {
        let mut sources = Sources::default();
        for (relative, bytes) in DEFAULTS {
            sources
                .add(relative, bytes.to_vec(), Path::new("site-templates"))
                .expect("build.rs embeds the repository's own UTF-8 templates");
        }
        sources
    }

    /// Every file below `dir` that has a role, read from disk.
    /// A file or subfolder whose link leads out of `dir` is refused, never read.
    fn read_folder(&mut self, dir: &Path) -> Result<(), BuildError> {
        let confine = expertpool_records::confine::Confinement::new(dir);
        let refuse = |d| BuildError::Records(vec![d]);
        let mut stack = vec![dir.to_path_buf()];
        while let Some(folder) = stack.pop() {
            confine.check_entry(&folder, folder.is_symlink()).map_err(refuse)?;
            for path in files_in(&folder, &mut stack)? {
                confine.check_entry(&path, path.is_symlink()).map_err(refuse)?;
                let Ok(relative) = path.strip_prefix(dir) else { continue };
                let relative =
                    relative.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
                if role(&relative).is_some() {
                    let bytes = std::fs::read(&path).map_err(|e| BuildError::io(&path, e))?;
                    self.add(&relative, bytes, dir)?;
                }
            }
        }
        Ok(())
    }
}

impl Templates {
    /// Loads the defaults, from `dir` or else those compiled into the binary, then the
    /// overrides of `content`.
    pub fn load(dir: Option<&Path>, content: &Path) -> Result<Templates, BuildError> {
        let mut sources = match dir {
            None => Sources::compiled_in(),
            Some(dir) if !dir.is_dir() => {
                return Err(BuildError::Input {
                    path: dir.to_path_buf(),
                    message: expertpool_i18n::t!("site-templates-folder-missing"),
                });
            }
            Some(dir) => {
                let mut sources = Sources::default();
                sources.read_folder(dir)?;
                sources
            }
        };
        let overrides = content.join(expertpool_records::layout::templates_dir());
        if overrides.is_dir() {
            sources.read_folder(&overrides)?;
        }
        let Sources { templates, assets } = sources;

        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        templates.hash(&mut hasher);
        let fingerprint = hasher.finish();

        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html"]);
        tera.set_escape_fn(escape_html);
        tera.register_filter("cn_date", cn_date);
        let origin = dir.map_or_else(|| "site-templates (built in)".to_string(), |d| d.display().to_string());
        tera.add_raw_templates(templates.iter().map(|(n, s)| (n.as_str(), s.as_str())))
            .map_err(|e| BuildError::Template { name: origin, message: error_chain(&e) })?;
        Ok(Templates { tera, static_files: assets, fingerprint })
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

/// The files of `folder`, sorted; its subfolders go on `stack`. A missing folder is empty.
fn files_in(folder: &Path, stack: &mut Vec<PathBuf>) -> Result<Vec<PathBuf>, BuildError> {
    match std::fs::read_dir(folder) {
        Ok(entries) => {
            let mut paths = Vec::new();
            for path in entries.flatten().map(|e| e.path()) {
                if path.is_dir() {
                    stack.push(path);
                } else if path.is_file() {
                    paths.push(path);
                }
            }
            paths.sort();
            Ok(paths)
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(e) => Err(BuildError::io(folder, e)),
    }
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
    use super::*;

    #[test]
    fn roles_follow_the_folder_layout() {
        assert_eq!(role("home.html"), Some(Role::Template("home.html")));
        assert_eq!(role("partials/pager.html"), Some(Role::Template("partials/pager.html")));
        assert_eq!(role("static/assets/site.css"), Some(Role::Asset("assets/site.css")));
        assert_eq!(role("partials/deeper/x.html"), None);
        assert_eq!(role("notes/x.html"), None);
        assert_eq!(role("README.md"), None);
    }

    /// The compiled-in table is the folder, file for file and byte for byte (the test
    /// reads the source tree; the library never does).
    #[test]
    fn compiled_in_defaults_are_the_site_templates_folder() {
        let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../site-templates");
        let mut on_disk = Sources::default();
        on_disk.read_folder(&folder).unwrap();
        let built_in = Sources::compiled_in();
        assert_eq!(built_in.templates, on_disk.templates);
        assert_eq!(built_in.assets, on_disk.assets);
        assert!(built_in.templates.contains_key("partials/header.html"));
        assert!(built_in.assets.contains_key("verify.html"));
        assert!(built_in.assets.contains_key("assets/site.css"));
    }

    #[test]
    fn chinese_dates_drop_leading_zeros() {
        assert_eq!(super::chinese_date("2026-03-05").as_deref(), Some("2026年3月5日"));
        assert_eq!(super::chinese_date("2026-11-25").as_deref(), Some("2026年11月25日"));
        assert_eq!(super::chinese_date("2026/11/25"), None);
    }
}
