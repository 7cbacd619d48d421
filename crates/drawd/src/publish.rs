//! Publishing the public log for a static host (`[publish]` in the configuration): after
//! every durable batch the service writes the public log file atomically (a temporary file
//! in the same folder, then a rename, so a reader or an uploader never sees half a file)
//! to `log_path`, then runs `command` if one is configured (for example a site rebuild and
//! upload), so the published site lags a reveal by at most the command's time.
//!
//! The writer only signals ([`PublishSignal::notify`], which never blocks); one publisher
//! thread does the work, so writing a large log (about a second per 100,000 entries) is off
//! the writer's critical path, runs never overlap, and signals that arrive while a run is
//! under way are merged into one more run. The command is started directly with its
//! arguments as configured, never through a shell, so nothing in the log can inject into
//! it; it learns the file and its size from the environment (`EXPERTPOOL_PUBLISHED_LOG`,
//! `EXPERTPOOL_PUBLISHED_SIZE`). Failures are logged and counted in [`PublishStatus`];
//! they never affect the journal.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, SyncSender, TrySendError, sync_channel};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Instant;

use serde::Deserialize;

use crate::identity::Identity;
use crate::service::Shared;

/// `[publish]` of the configuration file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PublishConfig {
    /// Where to write the public log file after every durable batch.
    #[serde(default)]
    pub log_path: Option<PathBuf>,
    /// Program and arguments to run after each write, e.g. `["/usr/local/bin/publish-site"]`.
    #[serde(default)]
    pub command: Option<Vec<String>>,
}

impl PublishConfig {
    /// Whether anything is to be published.
    pub fn enabled(&self) -> bool {
        self.log_path.is_some() || self.command.is_some()
    }

    /// What is wrong with the section, as (message, fix).
    pub(crate) fn problem(&self) -> Option<(String, &'static str)> {
        if self.command.as_ref().is_some_and(|c| c.first().is_none_or(|p| p.trim().is_empty())) {
            return Some((
                "publish.command is empty or its program is blank".into(),
                "give the program and its arguments as a list, e.g. command = [\"/usr/local/bin/publish-site\", \"--quiet\"]",
            ));
        }
        if self.log_path.as_ref().is_some_and(|p| p.as_os_str().is_empty() || p.file_name().is_none()) {
            return Some((
                "publish.log_path does not name a file".into(),
                "give the file to write, e.g. log_path = \"/srv/site/content/draws/log.json\"",
            ));
        }
        None
    }
}

/// What publishing has done since the service started.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct PublishStatus {
    /// Times the log file was written.
    pub written: u64,
    /// Times the command ran (successfully or not).
    pub command_runs: u64,
    /// Failed writes and failed command runs.
    pub failures: u64,
    /// The last failure, with its time.
    pub last_error: Option<String>,
    /// Entries in the last file written.
    pub last_size: u64,
    /// Milliseconds the last file write took.
    pub last_write_ms: u64,
}

/// The writer's handle: tells the publisher that the log grew.
#[derive(Clone)]
pub(crate) struct PublishSignal(SyncSender<()>);

impl PublishSignal {
    /// Asks for a publication; returns at once. A request already waiting covers this one.
    pub(crate) fn notify(&self) {
        match self.0.try_send(()) {
            Ok(()) | Err(TrySendError::Full(())) | Err(TrySendError::Disconnected(())) => {}
        }
    }
}

/// Starts the publisher thread; it ends when every [`PublishSignal`] is dropped.
pub(crate) fn start(
    config: PublishConfig,
    shared: Arc<RwLock<Shared>>,
    identity: Identity,
    status: Arc<Mutex<PublishStatus>>,
) -> std::io::Result<PublishSignal> {
    let (tx, rx) = sync_channel(1);
    std::thread::Builder::new()
        .name("drawd-publish".into())
        .spawn(move || run(rx, &config, &shared, &identity, &status))?;
    Ok(PublishSignal(tx))
}

fn run(
    rx: Receiver<()>,
    config: &PublishConfig,
    shared: &RwLock<Shared>,
    identity: &Identity,
    status: &Mutex<PublishStatus>,
) {
    let record = |f: &dyn Fn(&mut PublishStatus)| f(&mut status.lock().unwrap_or_else(|p| p.into_inner()));
    let fail = |message: String| {
        tracing::warn!("publish: {message}");
        eprintln!("drawd: publish: {message}");
        let stamped = format!("{}: {message}", jiff::Timestamp::now().strftime("%Y-%m-%dT%H:%M:%SZ"));
        record(&|s| {
            s.failures += 1;
            s.last_error = Some(stamped.clone());
        });
    };
    while rx.recv().is_ok() {
        let mut size = 0;
        if let Some(path) = &config.log_path {
            let started = Instant::now();
            match write_log(path, shared, identity) {
                Ok(n) => {
                    size = n;
                    let ms = started.elapsed().as_millis() as u64;
                    record(&|s| {
                        s.written += 1;
                        s.last_size = n;
                        s.last_write_ms = ms;
                    });
                }
                Err(e) => {
                    fail(format!("cannot write {}: {e}", path.display()));
                    continue;
                }
            }
        }
        if let Some(command) = &config.command {
            let result = run_command(command, config.log_path.as_deref(), size);
            record(&|s| s.command_runs += 1);
            if let Err(e) = result {
                fail(e);
            }
        }
    }
}

/// Writes the public log of the current size to `path` through a temporary file in the
/// same folder and a rename; returns the number of entries written.
pub(crate) fn write_log(path: &Path, shared: &RwLock<Shared>, identity: &Identity) -> std::io::Result<u64> {
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(folder)?;
    let mut temp = tempfile_in(folder, path)?;
    let size = {
        let mut out = std::io::BufWriter::with_capacity(256 * 1024, &mut temp.1);
        let size = crate::export::write_parts(shared, identity, &mut out)?;
        out.flush()?;
        size
    };
    temp.1.sync_all()?;
    std::fs::rename(&temp.0, path)?;
    temp.0 = PathBuf::new(); // renamed: nothing to clean up
    Ok(size)
}

/// A new temporary file next to `target`, removed on drop unless renamed.
struct Temp(PathBuf, std::fs::File);

impl Drop for Temp {
    fn drop(&mut self) {
        if !self.0.as_os_str().is_empty() {
            let _ = std::fs::remove_file(&self.0);
        }
    }
}

fn tempfile_in(folder: &Path, target: &Path) -> std::io::Result<Temp> {
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let path = folder.join(format!(".{name}.{}.tmp", std::process::id()));
    let file = std::fs::OpenOptions::new().write(true).create(true).truncate(true).open(&path)?;
    Ok(Temp(path, file))
}

/// Runs `command` (program and arguments, no shell) and waits for it.
fn run_command(command: &[String], log: Option<&Path>, size: u64) -> Result<(), String> {
    let (program, args) = command.split_first().ok_or("publish.command is empty")?;
    let mut child = std::process::Command::new(program);
    child.args(args).stdin(std::process::Stdio::null());
    if let Some(log) = log {
        child.env("EXPERTPOOL_PUBLISHED_LOG", log);
    }
    child.env("EXPERTPOOL_PUBLISHED_SIZE", size.to_string());
    let output = child.output().map_err(|e| format!("cannot start {program}: {e}"))?;
    if output.status.success() {
        return Ok(());
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    let tail: String = stderr.chars().rev().take(400).collect::<Vec<_>>().into_iter().rev().collect();
    Err(format!("{program} failed ({}): {}", output.status, tail.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_blank_command_or_path_is_refused_with_a_fix() {
        let blank = PublishConfig { log_path: None, command: Some(vec![]) };
        assert!(blank.problem().unwrap().0.contains("publish.command"));
        let dir = PublishConfig { log_path: Some(PathBuf::from("")), command: None };
        assert!(dir.problem().unwrap().0.contains("publish.log_path"));
        let good = PublishConfig { log_path: Some("out/log.json".into()), command: Some(vec!["true".into()]) };
        assert!(good.problem().is_none() && good.enabled());
    }

    #[test]
    fn a_failing_command_reports_its_status_and_stderr() {
        let err =
            run_command(&["sh".into(), "-c".into(), "echo upload refused >&2; exit 3".into()], None, 0).unwrap_err();
        assert!(err.contains("exit status: 3") && err.contains("upload refused"), "{err}");
        let missing = run_command(&["/nonexistent/program".into()], None, 0).unwrap_err();
        assert!(missing.contains("cannot start /nonexistent/program"), "{missing}");
    }
}
