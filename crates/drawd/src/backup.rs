//! Backup and restore of a data folder, verified both ways.
//!
//! A backup is a folder: `manifest.json` (entry count and head hash of the journal, size and
//! SHA-256 of every file) beside `data/` (every regular file of the data folder but its lock)
//! and, when asked for, `config/` (the service configuration with the token hashes).
//!
//! It is consistent while the service runs because of how the service writes: every file but
//! the journal is replaced in one rename, so a read sees an old or a new version whole; the
//! journal only grows, so one read of it holds a valid prefix (a line being written is cut
//! off, as a restart would). The journal is read last, so anything the other files refer to
//! (checkpoints, no-show counts) is in the copied prefix. The copy is replayed and verified
//! before the manifest is written, and a backup without its manifest is no backup.
//!
//! Restore checks everything against the manifest and replays the journal before it touches
//! the target, then copies into a fresh folder beside it and renames it into place, so a
//! failure part way leaves the target as it was. Files are written owner-only (0600).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::identity::Identity;
use crate::journal::JOURNAL;
use expertpool_records::fsio::{WriteMode, create_new};

/// The manifest's file name inside a backup.
pub const MANIFEST: &str = "manifest.json";
/// The folder of a backup holding the data folder's files.
pub const DATA_DIR: &str = "data";
/// The folder of a backup holding the configuration file.
pub const CONFIG_DIR: &str = "config";
/// The service's lock file: held by the running process, never copied.
const LOCK: &str = "lock";
/// This build's manifest format.
const FORMAT: u32 = 1;

/// What a backup holds, written as `manifest.json`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// The manifest format (1).
    pub format: u32,
    /// When the backup was made (RFC 3339, UTC).
    pub created: String,
    /// The data folder it was made from, for the operator's reference.
    pub source: String,
    /// The journal as copied.
    pub journal: JournalSummary,
    /// Every file of the backup but the manifest, sorted by path.
    pub files: Vec<FileEntry>,
}

/// The journal's state in a backup.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct JournalSummary {
    /// Entries replayed and verified.
    pub entries: u64,
    /// Hex entry hash of the last entry; empty for an empty journal.
    pub head_hash: String,
}

/// One file of a backup.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct FileEntry {
    /// Path inside the backup, with `/` (e.g. `data/journal.jsonl`).
    pub path: String,
    /// Size in bytes.
    pub bytes: u64,
    /// Hex SHA-256 of the content.
    pub sha256: String,
}

impl Manifest {
    /// The entry of the configuration file, if the backup holds one.
    pub fn config(&self) -> Option<&FileEntry> {
        self.files.iter().find(|f| f.path.starts_with(&format!("{CONFIG_DIR}/")))
    }
}

/// Why a backup or restore did nothing (every message names the file and the fix).
#[derive(Debug, thiserror::Error)]
#[allow(missing_docs)] // The messages say what each field is.
pub enum BackupError {
    #[error("{path}：{source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error(
        "{path} 不是抽取服务的数据文件夹：{problem}\n  改法：--data 应指向抽取服务使用的数据文件夹（其中有 journal.jsonl 和 signing.key）"
    )]
    NotDataFolder { path: PathBuf, problem: String },
    #[error("{path} 不是普通文件（符号链接或特殊文件），备份不会跟随它\n  改法：把它换成普通文件，或移出数据文件夹")]
    NotRegular { path: PathBuf },
    #[error(
        "数据文件夹中的日志无法通过校验：{0}\n  改法：服务不能用这个日志启动，备份它没有意义；按 docs/operations.md“日志损坏时”一节处理"
    )]
    SourceJournal(String),
    #[error(
        "备份目标 {0} 已存在且不是文件夹\n  改法：--out 指定一个新路径，或一个已有的文件夹（备份会写在其中以时间命名的子文件夹里）"
    )]
    OutIsFile(PathBuf),
    #[error("备份目标 {out} 在数据文件夹 {data} 里面\n  改法：把备份写到数据文件夹以外")]
    OutInsideData { out: PathBuf, data: PathBuf },
    #[error("备份 {backup} 已损坏或不完整：{file}：{problem}\n  改法：不要用这个备份恢复，改用另一份备份")]
    Damaged { backup: PathBuf, file: String, problem: String },
    #[error(
        "数据文件夹 {0} 不是空的，未作任何改动\n  改法：恢复到一个新的或空的文件夹；确需替换时加 --force（原有文件会移到旁边的 .before-restore 文件夹，不会删除）"
    )]
    TargetNotEmpty(PathBuf),
    #[error(
        "配置文件 {0} 已存在，未作任何改动\n  改法：另选 --config 路径，或加 --force（原文件改名为 .before-restore 保留）"
    )]
    ConfigExists(PathBuf),
    #[error(
        "数据文件夹 {0} 正被另一个进程（抽取服务）使用\n  改法：先停止抽取服务（systemctl stop expertpool-drawd），再恢复"
    )]
    InUse(PathBuf),
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> BackupError + '_ {
    move |source| BackupError::Io { path: path.to_path_buf(), source }
}

fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Files of `root` (relative, `/`-separated, sorted), recursing into folders. Symbolic
/// links and special files are refused; `skip` says which relative paths to leave out.
fn list_files(root: &Path, skip: &dyn Fn(&str) -> bool) -> Result<Vec<String>, BackupError> {
    fn walk(
        root: &Path,
        dir: &Path,
        prefix: &str,
        skip: &dyn Fn(&str) -> bool,
        out: &mut Vec<String>,
    ) -> Result<(), BackupError> {
        for entry in std::fs::read_dir(dir).map_err(io(dir))? {
            let entry = entry.map_err(io(dir))?;
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            let relative = if prefix.is_empty() { name.clone() } else { format!("{prefix}/{name}") };
            if skip(&relative) {
                continue;
            }
            let kind = entry.file_type().map_err(io(&path))?;
            if kind.is_dir() {
                walk(root, &path, &relative, skip, out)?;
            } else if kind.is_file() {
                out.push(relative);
            } else {
                return Err(BackupError::NotRegular { path });
            }
        }
        Ok(())
    }
    let mut out = Vec::new();
    walk(root, root, "", skip, &mut out)?;
    out.sort();
    Ok(out)
}

/// A file the data folder holds only while being written (fsio's temporary files).
fn is_temporary(name: &str) -> bool {
    let base = name.rsplit('/').next().unwrap_or(name);
    base.starts_with(".expertpool-") && base.ends_with(".tmp")
}

/// Summary of a verified journal, from the journal module's own replay.
fn replay(data: &Path) -> Result<JournalSummary, String> {
    let log = crate::journal::read_only(data).map_err(|e| e.to_string())?;
    let entries = log.len();
    let head_hash = match entries.checked_sub(1) {
        Some(last) => log.entry_hash(last).map(hex::encode).unwrap_or_default(),
        None => String::new(),
    };
    Ok(JournalSummary { entries, head_hash })
}

/// Where a backup requested as `out` goes: `out` itself when it does not exist yet, or a
/// new folder named by the time inside `out` when that is a folder (for scheduled runs).
pub fn resolve_out(out: &Path, now: &str) -> Result<PathBuf, BackupError> {
    match std::fs::metadata(out) {
        Ok(m) if m.is_dir() => Ok(out.join(format!("drawd-backup-{now}"))),
        Ok(_) => Err(BackupError::OutIsFile(out.to_path_buf())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(out.to_path_buf()),
        Err(e) => Err(BackupError::Io { path: out.to_path_buf(), source: e }),
    }
}

/// A sibling of `path` that does not exist yet: `<name>.<tag>-<pid>[-n]`.
fn sibling(path: &Path, tag: &str) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "data".into());
    let base = format!("{name}.{tag}-{}", std::process::id());
    let mut candidate = path.with_file_name(&base);
    let mut n = 1;
    while candidate.exists() {
        candidate = path.with_file_name(format!("{base}-{n}"));
        n += 1;
    }
    candidate
}

fn make_private_dir(path: &Path) -> Result<(), BackupError> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(path).map_err(io(path))
}

/// Writes one file of a backup (owner-only) and returns its manifest entry.
fn put(root: &Path, relative: &str, bytes: &[u8]) -> Result<FileEntry, BackupError> {
    let path = root.join(relative);
    if let Some(parent) = path.parent() {
        make_private_dir(parent)?;
    }
    create_new(&path, bytes, WriteMode::Private).map_err(io(&path))?;
    Ok(FileEntry { path: relative.to_owned(), bytes: bytes.len() as u64, sha256: sha256_hex(bytes) })
}

/// Backs up the data folder `data` (and the configuration file `config`, if given) into
/// the new folder `target` (see [`resolve_out`]). Works while the service runs.
pub fn backup(data: &Path, config: Option<&Path>, target: &Path, created: &str) -> Result<Manifest, BackupError> {
    if !data.is_dir() {
        return Err(BackupError::NotDataFolder { path: data.into(), problem: "文件夹不存在".into() });
    }
    Identity::open(data, None, false)
        .map_err(|e| BackupError::NotDataFolder { path: data.into(), problem: e.to_string() })?;
    if let (Ok(d), Some(parent)) = (data.canonicalize(), target.parent())
        && let Ok(p) = if parent.as_os_str().is_empty() { Path::new(".") } else { parent }.canonicalize()
        && p.starts_with(&d)
    {
        return Err(BackupError::OutInsideData { out: target.into(), data: data.into() });
    }
    // The replay snapshot is derived from the journal (a restored folder replays in full).
    let files = list_files(data, &|r| r == LOCK || r == crate::snapshot::SNAPSHOT || is_temporary(r))?;
    // Built beside the target and renamed at the end: a half-made backup never carries
    // the target's name.
    let staging = sibling(target, "partial");
    make_private_dir(&staging)?;
    let result = (|| {
        let mut entries = Vec::new();
        // Everything but the journal first (each read whole: the service replaces them by
        // rename), then the journal, so it covers whatever the others refer to.
        for relative in files.iter().filter(|r| r.as_str() != JOURNAL) {
            let from = data.join(relative);
            match std::fs::read(&from) {
                // The kept checkpoints are appended to, like the journal: a line being
                // written now is left out (start-up re-signs the size it covers).
                Ok(bytes) if relative.as_str() == crate::CHECKPOINTS => {
                    entries.push(put(&staging, &format!("{DATA_DIR}/{relative}"), complete_lines(&bytes))?)
                }
                Ok(bytes) => entries.push(put(&staging, &format!("{DATA_DIR}/{relative}"), &bytes)?),
                // Replaced or removed between the listing and the read: not part of the state.
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(io(&from)(e)),
            }
        }
        let journal_path = data.join(JOURNAL);
        let bytes = match std::fs::read(&journal_path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
            Err(e) => return Err(io(&journal_path)(e)),
        };
        // The complete lines: one being appended right now is not acknowledged yet. The
        // replay of the copy below checks every rule of what is kept.
        entries.push(put(&staging, &format!("{DATA_DIR}/{JOURNAL}"), complete_lines(&bytes))?);
        if let Some(config) = config {
            let text = std::fs::read(config).map_err(io(config))?;
            let name =
                config.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "drawd.toml".into());
            entries.push(put(&staging, &format!("{CONFIG_DIR}/{name}"), &text)?);
        }
        let journal = replay(&staging.join(DATA_DIR)).map_err(BackupError::SourceJournal)?;
        entries.sort_by(|a, b| a.path.cmp(&b.path));
        let manifest = Manifest {
            format: FORMAT,
            created: created.to_owned(),
            source: data.display().to_string(),
            journal,
            files: entries,
        };
        let text = serde_json::to_string_pretty(&manifest).expect("a manifest serializes");
        create_new(&staging.join(MANIFEST), text.as_bytes(), WriteMode::Private).map_err(io(&staging))?;
        // The backup as written must pass what restore will check.
        verify(&staging)?;
        Ok(manifest)
    })();
    match result {
        Ok(manifest) => {
            std::fs::rename(&staging, target).map_err(io(target))?;
            Ok(manifest)
        }
        Err(e) => {
            let _ = std::fs::remove_dir_all(&staging);
            Err(e)
        }
    }
}

/// Checks a backup folder: the manifest reads, every file it names is there with its size
/// and checksum, no other file is, the journal replays to the recorded count and head hash,
/// and the signing key loads. Returns the manifest.
pub fn verify(backup: &Path) -> Result<Manifest, BackupError> {
    let damaged = |file: &str, problem: String| BackupError::Damaged {
        backup: backup.to_path_buf(),
        file: file.to_owned(),
        problem,
    };
    if !backup.is_dir() {
        return Err(damaged("", "不是备份文件夹（应是 expertpool backup 写出的文件夹）".into()));
    }
    let manifest_path = backup.join(MANIFEST);
    let text = match std::fs::read(&manifest_path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(damaged(MANIFEST, "缺少清单文件：备份没有完成".into()));
        }
        Err(e) => return Err(io(&manifest_path)(e)),
    };
    let manifest: Manifest =
        serde_json::from_slice(&text).map_err(|e| damaged(MANIFEST, format!("清单文件无法读取：{e}")))?;
    if manifest.format != FORMAT {
        return Err(damaged(MANIFEST, format!("清单格式 {} 不是本版本支持的 {FORMAT}", manifest.format)));
    }
    let mut listed = std::collections::BTreeSet::new();
    for f in &manifest.files {
        let safe = !f.path.is_empty()
            && (f.path.starts_with(&format!("{DATA_DIR}/")) || f.path.starts_with(&format!("{CONFIG_DIR}/")))
            && f.path.split('/').all(|part| !part.is_empty() && part != "." && part != "..");
        if !safe {
            return Err(damaged(MANIFEST, format!("清单中的路径 {:?} 不在备份之内", f.path)));
        }
        let path = backup.join(&f.path);
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(damaged(&f.path, "文件缺失".into()));
            }
            Err(e) => return Err(io(&path)(e)),
        };
        if bytes.len() as u64 != f.bytes {
            return Err(damaged(&f.path, format!("大小是 {} 字节，清单记录的是 {} 字节", bytes.len(), f.bytes)));
        }
        if sha256_hex(&bytes) != f.sha256 {
            return Err(damaged(&f.path, "内容与清单中的校验值（SHA-256）不符".into()));
        }
        listed.insert(f.path.clone());
    }
    for present in list_files(backup, &|r| r == MANIFEST)? {
        if !listed.contains(&present) {
            return Err(damaged(&present, "清单中没有这个文件".into()));
        }
    }
    let journal_file = format!("{DATA_DIR}/{JOURNAL}");
    if !listed.contains(&journal_file) {
        return Err(damaged(&journal_file, "清单中没有日志文件".into()));
    }
    let data = backup.join(DATA_DIR);
    let journal = replay(&data).map_err(|e| damaged(&journal_file, format!("日志校验失败：{e}")))?;
    if journal != manifest.journal {
        return Err(damaged(
            &journal_file,
            format!(
                "日志有 {} 条、末条哈希 {}，清单记录的是 {} 条、{}",
                journal.entries, journal.head_hash, manifest.journal.entries, manifest.journal.head_hash
            ),
        ));
    }
    Identity::open(&data, None, false).map_err(|e| damaged(&format!("{DATA_DIR}/signing.key"), e.to_string()))?;
    Ok(manifest)
}

/// Restores the verified backup `backup` into the data folder `data` (and its configuration
/// into `config`, when given). Refuses a non-empty `data` or an existing `config` unless
/// `force`, and then moves what was there aside rather than deleting it. Returns the
/// manifest and the folder (if any) the old data was moved to.
pub fn restore(
    backup: &Path,
    data: &Path,
    config: Option<&Path>,
    force: bool,
) -> Result<(Manifest, Option<PathBuf>), BackupError> {
    let manifest = verify(backup)?;
    let occupied = match std::fs::read_dir(data) {
        Ok(mut entries) => entries.next().is_some(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => false,
        Err(e) => return Err(io(data)(e)),
    };
    if occupied && !force {
        return Err(BackupError::TargetNotEmpty(data.into()));
    }
    // A running service holds the lock; restoring under it would be overwritten or lost.
    let lock_path = data.join(LOCK);
    let _lock = if occupied && lock_path.is_file() {
        let lock = std::fs::OpenOptions::new().write(true).open(&lock_path).map_err(io(&lock_path))?;
        match lock.try_lock() {
            Ok(()) => Some(lock),
            Err(std::fs::TryLockError::WouldBlock) => return Err(BackupError::InUse(data.into())),
            Err(std::fs::TryLockError::Error(e)) => return Err(io(&lock_path)(e)),
        }
    } else {
        None
    };
    let config_entry = manifest.config();
    if let Some(config) = config
        && config_entry.is_some()
        && config.exists()
        && !force
    {
        return Err(BackupError::ConfigExists(config.into()));
    }
    let staging = sibling(data, "restoring");
    make_private_dir(&staging)?;
    let copied = (|| {
        let prefix = format!("{DATA_DIR}/");
        for f in manifest.files.iter().filter(|f| f.path.starts_with(&prefix)) {
            let bytes = std::fs::read(backup.join(&f.path)).map_err(io(&backup.join(&f.path)))?;
            let written = put(&staging, &f.path[prefix.len()..], &bytes)?;
            if written.sha256 != f.sha256 {
                return Err(BackupError::Damaged {
                    backup: backup.into(),
                    file: f.path.clone(),
                    problem: "复制过程中内容改变了".into(),
                });
            }
        }
        let journal = replay(&staging).map_err(|e| BackupError::Damaged {
            backup: backup.into(),
            file: format!("{DATA_DIR}/{JOURNAL}"),
            problem: e,
        })?;
        if journal != manifest.journal {
            return Err(BackupError::Damaged {
                backup: backup.into(),
                file: format!("{DATA_DIR}/{JOURNAL}"),
                problem: "恢复后的日志与清单不符".into(),
            });
        }
        Ok(())
    })();
    if let Err(e) = copied {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(e);
    }
    let mut moved_aside = None;
    if data.exists() {
        let aside = sibling(data, "before-restore");
        std::fs::rename(data, &aside).map_err(io(data))?;
        moved_aside = Some(aside);
    }
    std::fs::rename(&staging, data).map_err(io(data))?;
    if let Some(parent) = data.parent().filter(|p| !p.as_os_str().is_empty())
        && let Ok(d) = std::fs::File::open(parent)
    {
        let _ = d.sync_all();
    }
    if let (Some(config), Some(entry)) = (config, config_entry) {
        let bytes = std::fs::read(backup.join(&entry.path)).map_err(io(&backup.join(&entry.path)))?;
        if config.exists() {
            std::fs::rename(config, sibling(config, "before-restore")).map_err(io(config))?;
        }
        create_new(config, &bytes, WriteMode::Private).map_err(io(config))?;
    }
    Ok((manifest, moved_aside))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporary_files_and_the_lock_are_not_state() {
        assert!(is_temporary(".expertpool-abc.tmp"));
        assert!(is_temporary("sub/.expertpool-abc.tmp"));
        assert!(!is_temporary("journal.jsonl"));
    }

    #[test]
    fn out_is_the_new_folder_or_a_dated_folder_inside_an_existing_one() {
        let dir = std::env::temp_dir().join(format!("drawd-backup-out-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        assert_eq!(resolve_out(&dir, "T").unwrap(), dir.join("drawd-backup-T"));
        assert_eq!(resolve_out(&dir.join("new"), "T").unwrap(), dir.join("new"));
        std::fs::write(dir.join("file"), b"x").unwrap();
        assert!(matches!(resolve_out(&dir.join("file"), "T"), Err(BackupError::OutIsFile(_))));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

/// `bytes` up to and including its last line break.
fn complete_lines(bytes: &[u8]) -> &[u8] {
    let end = bytes.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
    &bytes[..end]
}
