//! Writing record files safely: never half a file, and never over an existing record when
//! creating one. Both go through [`expertpool_records::fsio`], the workspace's one home for
//! atomic writes.

use expertpool_records::fsio::{self, WriteMode};
use std::path::Path;

/// Replaces `path` with `text` atomically.
pub(crate) fn replace(path: &Path, text: &str) -> std::io::Result<()> {
    fsio::replace(path, text.as_bytes(), WriteMode::Shared)
}

/// Creates `path` with `text`; fails with `AlreadyExists` rather than overwrite.
///
/// No fsync per file: an import creates thousands (10,000 rows took 25–50 s with one
/// each). Readers still see each file whole or not at all, and a crash mid-import loses
/// only new files, which re-running the import recreates (existing ones are reported as
/// duplicates, never touched).
pub(crate) fn create_new(path: &Path, text: &str) -> std::io::Result<()> {
    fsio::create_new(path, text.as_bytes(), WriteMode::Bulk)
}
