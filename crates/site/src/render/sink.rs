//! Where rendered files go: memory (`serve`, tests) or a folder (`build`, [`crate::write`]).

use crate::BuildError;
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

/// A rendered site: output path (relative, `/`-separated) → bytes.
#[derive(Debug, Clone, Default)]
pub struct SiteFiles {
    /// Every file of the site, by output path.
    pub files: BTreeMap<String, Arc<Vec<u8>>>,
}

impl SiteFiles {
    /// The bytes of the file at `path`, if the site has one.
    pub fn get(&self, path: &str) -> Option<&Arc<Vec<u8>>> {
        self.files.get(path)
    }
}

/// Takes each rendered file as soon as it is ready. Called from several threads at once.
pub trait Sink: Sync {
    /// Takes the file at output path `path`.
    fn put(&self, path: &str, bytes: Arc<Vec<u8>>) -> Result<(), BuildError>;
}

/// Collects the files in memory.
#[derive(Default)]
pub(crate) struct MemorySink(Mutex<SiteFiles>);

impl MemorySink {
    pub(crate) fn into_files(self) -> SiteFiles {
        self.0.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

impl Sink for MemorySink {
    fn put(&self, path: &str, bytes: Arc<Vec<u8>>) -> Result<(), BuildError> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).files.insert(path.to_string(), bytes);
        Ok(())
    }
}
