//! Why a build stopped. Every variant names the input to fix.

use expertpool_records::Diagnostic;
use std::path::PathBuf;

/// Why a build (or a `serve` rebuild) stopped.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// The records have errors; the same diagnostics `check` prints.
    #[error("{}", expertpool_i18n::t!("site-records-errors", count = .0.len(), diagnostics = render_all(.0)))]
    Records(Vec<Diagnostic>),
    /// A template failed to parse or render.
    #[error("{}", expertpool_i18n::t!("site-template-failed", name = name, message = message))]
    Template {
        /// The template's name, e.g. `expert.html`.
        name: String,
        /// What tera reported.
        message: String,
    },
    /// A page's context could not be turned into the values a template reads.
    #[error("{}", expertpool_i18n::t!("site-template-context", template = template, message = message))]
    Context {
        /// The template the context was for.
        template: String,
        /// What went wrong.
        message: String,
    },
    /// A call's downloadable annex (`.xlsx` table or `.docx` form) could not be written.
    #[error("{}", expertpool_i18n::t!("site-annex-failed", path = path, message = message))]
    Annex {
        /// The annex's output path.
        path: String,
        /// What the writer reported.
        message: String,
    },
    /// Two sources would be written to the same output folder; nothing was written.
    #[error(
        "{}",
        expertpool_i18n::t!("site-output-collision", first = first.display(), second = second.display(), path = path)
    )]
    Collision {
        /// The output folder both map to (as the first one would write it).
        path: String,
        /// The source that claimed it first.
        first: PathBuf,
        /// The source that maps to the same folder.
        second: PathBuf,
    },
    /// A page that was to be taken from the render cache was not in it.
    #[error("{}", expertpool_i18n::t!("site-cache-miss", path = path))]
    CacheMiss {
        /// The page's output path.
        path: String,
    },
    /// Reading or writing a file failed.
    #[error("{}: {source}", .path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What the system reported.
        #[source]
        source: std::io::Error,
    },
    /// `serve` cannot watch a folder for changes.
    #[error("{}", expertpool_i18n::t!("site-cannot-watch", path = path.display(), message = message))]
    Watch {
        /// The folder.
        path: PathBuf,
        /// What the file watcher reported.
        message: String,
    },
    /// An input other than a record is unusable (e.g. the draw log).
    #[error("{}: {message}", .path.display())]
    Input {
        /// The input file or folder.
        path: PathBuf,
        /// Why it is unusable.
        message: String,
    },
}

impl BuildError {
    /// An [`BuildError::Io`] for `path`.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> BuildError {
        BuildError::Io { path: path.into(), source }
    }

    /// The diagnostics as `check` prints them, or the message, for terminal and overlay.
    pub fn report(&self) -> String {
        match self {
            BuildError::Records(diagnostics) => render_all(diagnostics),
            other => other.to_string(),
        }
    }
}

fn render_all(diagnostics: &[Diagnostic]) -> String {
    diagnostics.iter().map(|d| d.render()).collect::<Vec<_>>().join("\n")
}
