//! Why a build stopped. Every variant names the input to fix.

use expertpool_records::Diagnostic;
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// The records have errors; the same diagnostics `check` prints.
    #[error("{} error(s) in the records:\n{}", .0.len(), render_all(.0))]
    Records(Vec<Diagnostic>),
    /// A template failed to parse or render.
    #[error("template {name}: {message}")]
    Template { name: String, message: String },
    /// Reading or writing a file failed.
    #[error("{}: {source}", .path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// An input other than a record is unusable (e.g. the draw log).
    #[error("{}: {message}", .path.display())]
    Input { path: PathBuf, message: String },
}

impl BuildError {
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
