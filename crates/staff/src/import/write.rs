//! Stage 3 of an import: the records as TOML text, each checked to read back to the same
//! value, then written as new files. The only stage that touches the disk.

use super::issue::Issue;
use super::plan::{NewRecord, Plan};
use expertpool_i18n::t;
use expertpool_records::Date;
use rayon::prelude::*;
use serde::Serialize;
use std::path::{Path, PathBuf};

/// The TOML text of a new record, checked to read back to the same value.
pub(crate) fn record_text<T>(value: &T, comment: &str) -> Result<String, String>
where
    T: Serialize + serde::de::DeserializeOwned + PartialEq,
{
    let body = toml::to_string(value).map_err(|e| t!("staff-write-not-toml", error = e))?;
    let text = format!("# {comment}\n{body}");
    match toml::from_str::<T>(&text) {
        Ok(back) if &back == value => Ok(text),
        Ok(_) => Err(t!("staff-write-differs")),
        Err(e) => Err(t!("staff-write-would-not-parse", error = e)),
    }
}

/// Why an import wrote nothing.
#[derive(Debug, thiserror::Error)]
pub enum ApplyError {
    /// The plan has errors (their number), and the clerk did not ask to skip those rows.
    #[error("{}", t!("staff-write-has-errors", count = _0))]
    HasErrors(usize),
    /// A record file is already there.
    #[error("{}", t!("staff-write-exists", file = _0.display()))]
    Exists(PathBuf),
    /// A record could not be serialised or written.
    #[error("{}", t!("staff-write-failed", file = path.display(), message = message))]
    Write {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
}

/// Writes the plan's records: private files first (the public file points at them), each
/// created new. With `skip_invalid` false, any error in the plan writes nothing.
pub fn apply(plan: &Plan, skip_invalid: bool, source: &str, on: Date) -> Result<Vec<PathBuf>, ApplyError> {
    let errors = plan.error_count();
    let file_errors = plan.file_issues.iter().any(Issue::is_error);
    if errors > 0 && (!skip_invalid || file_errors) {
        return Err(ApplyError::HasErrors(errors));
    }
    let records: Vec<(&NewRecord, String)> = plan
        .rows
        .iter()
        .filter_map(|r| r.record.as_ref().map(|rec| (rec, format!("Imported from {source}, row {}, on {on}.", r.row))))
        .collect();
    write_records(&records)
}

/// Writes records, each file created new under its comment line: all or, when one exists
/// already, none; private files first (the public file points at them).
pub fn write_records(records: &[(&NewRecord, String)]) -> Result<Vec<PathBuf>, ApplyError> {
    // Serialising and re-reading every record is the costly part: in parallel.
    let texts: Vec<Vec<(&Path, String)>> = records
        .par_iter()
        .map(|(record, comment)| {
            let mut out = Vec::with_capacity(2);
            if let Some(private) = &record.private {
                let text = record_text(private, comment)
                    .map_err(|message| ApplyError::Write { path: record.private_path.clone(), message })?;
                out.push((record.private_path.as_path(), text));
            }
            let text = record_text(&record.public, comment)
                .map_err(|message| ApplyError::Write { path: record.public_path.clone(), message })?;
            out.push((record.public_path.as_path(), text));
            Ok(out)
        })
        .collect::<Result<_, ApplyError>>()?;
    if let Some((path, _)) = texts.iter().flatten().find(|(p, _)| p.exists()) {
        return Err(ApplyError::Exists(path.to_path_buf()));
    }
    // Private file first: a public record never points at a private one not there yet.
    let mut written = Vec::with_capacity(texts.len() * 2);
    for (path, text) in texts.iter().flatten() {
        crate::fsio::create_new(path, text).map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                ApplyError::Exists(path.to_path_buf())
            } else {
                ApplyError::Write { path: path.to_path_buf(), message: e.to_string() }
            }
        })?;
        written.push(path.to_path_buf());
    }
    Ok(written)
}
