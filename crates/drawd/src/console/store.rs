//! An append-only JSON-lines file in the data folder, read once at start and kept in
//! memory: the console's own records (request details, evaluations), which are staff data
//! and never enter the public log. Each append is written and synced before it is kept; a
//! torn last line (a crash mid-write, or a backup copied during one) is skipped on reading.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::error::ApiError;

/// The records of one file, in the order written.
pub struct Jsonl<T> {
    path: PathBuf,
    rows: Mutex<Vec<T>>,
}

impl<T: Serialize + DeserializeOwned + Clone> Jsonl<T> {
    /// Reads `<data>/<name>`; a missing file is empty, and a line that does not parse (a
    /// torn last write) is skipped with a warning rather than stopping the service.
    pub fn open(data: &Path, name: &str) -> Jsonl<T> {
        let path = data.join(name);
        let mut rows = Vec::new();
        if let Ok(text) = std::fs::read_to_string(&path) {
            for (i, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
                match serde_json::from_str(line) {
                    Ok(r) => rows.push(r),
                    Err(e) => eprintln!("drawd: {}:{}: skipped: {e}", path.display(), i + 1),
                }
            }
        }
        Jsonl { path, rows: Mutex::new(rows) }
    }

    /// Every record.
    pub fn all(&self) -> Vec<T> {
        self.rows.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Records matching `f`.
    pub fn find(&self, f: impl Fn(&T) -> bool) -> Vec<T> {
        self.rows.lock().unwrap_or_else(|p| p.into_inner()).iter().filter(|r| f(r)).cloned().collect()
    }

    /// Writes `rows` durably, then keeps them.
    pub fn append(&self, new: &[T]) -> Result<(), ApiError> {
        let mut rows = self.rows.lock().unwrap_or_else(|p| p.into_inner());
        let mut text = String::new();
        for r in new {
            text.push_str(&serde_json::to_string(r).map_err(ApiError::internal)?);
            text.push('\n');
        }
        let write = || -> std::io::Result<()> {
            if let Some(dir) = self.path.parent() {
                std::fs::create_dir_all(dir)?;
            }
            let mut open = std::fs::OpenOptions::new();
            open.create(true).append(true);
            // Staff data, like the journal: readable by the service's user only.
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut open, 0o600);
            let mut f = open.open(&self.path)?;
            f.write_all(text.as_bytes())?;
            f.sync_data()
        };
        write().map_err(ApiError::storage)?;
        rows.extend_from_slice(new);
        Ok(())
    }
}
