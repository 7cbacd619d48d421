//! `build` on disk: the new site replaces the old one in one step, files whose bytes did not
//! change are kept (same inode, same modification time), and a failed build changes nothing.

mod common;

use common::*;
use expertpool_site::{BuildError, BuildOptions, BuildReport, build};
use expertpool_site::{MARKER, Swap, replace_dir};
use std::collections::BTreeMap;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// What identifies one written file on disk: its bytes, its inode and its modification time.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Written {
    bytes: Vec<u8>,
    inode: u64,
    mtime: (i64, i64),
}

/// Every file under `root`, by path relative to it.
fn snapshot(root: &Path) -> BTreeMap<String, Written> {
    let mut files = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let meta = std::fs::symlink_metadata(&path).unwrap();
            if meta.is_dir() {
                stack.push(path);
                continue;
            }
            let relative = path.strip_prefix(root).unwrap().to_string_lossy().into_owned();
            let written = Written {
                bytes: std::fs::read(&path).unwrap(),
                inode: meta.ino(),
                mtime: (meta.mtime(), meta.mtime_nsec()),
            };
            files.insert(relative, written);
        }
    }
    files
}

fn build_demo(content: &Path, out: &Path) -> Result<BuildReport, BuildError> {
    build(&BuildOptions { content: content.to_path_buf(), templates: Some(templates_dir()), today: day() }, out)
}

/// The names in `dir`, to check that no staging or retired folder is left next to the output.
fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

#[test]
fn unchanged_rebuild_keeps_every_file() {
    let parent = tempfile::tempdir().unwrap();
    let out = parent.path().join("public");
    let first = build_demo(&demo(), &out).unwrap();
    assert_eq!((first.written, first.unchanged, first.swap), (first.files, 0, Swap::Created));
    let before = snapshot(&out);
    assert_eq!(before.len(), first.files + 1, "the files plus the marker");

    let second = build_demo(&demo(), &out).unwrap();
    assert_eq!((second.written, second.unchanged), (0, first.files), "nothing rewritten");
    assert_eq!(snapshot(&out), before, "same bytes, same inodes, same modification times");
    assert_eq!(names_in(parent.path()), ["public"]);
}

#[test]
fn one_changed_record_rewrites_only_what_shows_it() {
    let content = copy_demo();
    let parent = tempfile::tempdir().unwrap();
    let out = parent.path().join("public");
    build_demo(content.path(), &out).unwrap();
    let before = snapshot(&out);

    set_field(&content.path().join("pools/zhineng/experts/ZN-00002.toml"), "name", "\"改名字\"");
    let report = build_demo(content.path(), &out).unwrap();
    let after = snapshot(&out);

    let same_paths = before.keys().eq(after.keys());
    assert!(same_paths, "a name change adds or removes no file");
    let mut rewritten = Vec::new();
    for (path, old) in &before {
        let new = &after[path];
        if old.bytes == new.bytes {
            assert_eq!((new.inode, new.mtime), (old.inode, old.mtime), "{path} is unchanged but was rewritten");
        } else {
            assert_ne!(new.inode, old.inode, "{path} changed in place instead of being replaced");
            rewritten.push(path.as_str());
        }
    }
    assert_eq!(report.written, rewritten.len());
    assert_eq!(report.unchanged, report.files - rewritten.len());
    for expected in ["pools/zhineng/experts/ZN-00002/index.html", "search-index.json"] {
        assert!(rewritten.contains(&expected), "{expected} shows the name: {rewritten:?}");
    }
    assert!(rewritten.iter().any(|p| p.starts_with("pools/zhineng/") && !p.contains("/experts/")), "{rewritten:?}");
    assert!(rewritten.len() < 20, "only what shows the name: {rewritten:?}");
    let unrelated = "pools/zhineng/experts/ZN-00003/index.html";
    assert_eq!(after[unrelated].inode, before[unrelated].inode);
}

#[test]
fn failed_render_leaves_the_previous_site_intact() {
    let content = copy_demo();
    let parent = tempfile::tempdir().unwrap();
    let out = parent.path().join("public");
    build_demo(content.path(), &out).unwrap();
    let before = snapshot(&out);

    // Parses, so the build starts and links files into the staging folder, then fails
    // while rendering the 404 page.
    std::fs::create_dir_all(content.path().join("templates")).unwrap();
    std::fs::write(content.path().join("templates/404.html"), "{{ no_such_variable.field }}").unwrap();
    let error = build_demo(content.path(), &out).unwrap_err();
    assert!(matches!(error, BuildError::Template { .. }), "{}", error.report());

    assert_eq!(snapshot(&out), before, "bytes, inodes and modification times as before");
    assert_eq!(names_in(parent.path()), ["public"], "no staging folder left behind");
}

#[test]
fn failed_fill_leaves_the_previous_site_intact() {
    let parent = tempfile::tempdir().unwrap();
    let out = parent.path().join("public");
    let site = |page: &'static str| {
        move |sink: &expertpool_site::DirSink| -> Result<(), BuildError> {
            use expertpool_site::Sink;
            sink.put("index.html", Arc::new(b"home".to_vec()))?;
            sink.put("pages/a/index.html", Arc::new(page.as_bytes().to_vec()))
        }
    };
    replace_dir(&out, site("first")).unwrap();
    let before = snapshot(&out);

    let error = replace_dir(&out, |sink| {
        site("second")(sink)?;
        Err::<(), _>(BuildError::Input { path: PathBuf::from("x"), message: "stop here".into() })
    })
    .unwrap_err();
    assert!(error.report().contains("stop here"));
    assert_eq!(snapshot(&out), before);
    assert_eq!(names_in(parent.path()), ["public"]);

    let replaced = replace_dir(&out, site("second")).unwrap();
    assert_eq!((replaced.written, replaced.unchanged), (1, 1));
    assert_eq!(std::fs::read(out.join("pages/a/index.html")).unwrap(), b"second");
    assert!(out.join(MARKER).is_file());
}

#[test]
fn there_is_never_a_moment_without_a_site() {
    let parent = tempfile::tempdir().unwrap();
    let out = parent.path().join("public");
    let fill = |round: usize| {
        move |sink: &expertpool_site::DirSink| -> Result<(), BuildError> {
            use expertpool_site::Sink;
            sink.put("index.html", Arc::new(format!("round {round}").into_bytes()))?;
            sink.put("about/index.html", Arc::new(b"same every time".to_vec()))
        }
    };
    replace_dir(&out, fill(0)).unwrap();

    let done = Arc::new(AtomicBool::new(false));
    let (missing, looks) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
    let watcher = {
        let (out, done, missing, looks) = (out.clone(), done.clone(), missing.clone(), looks.clone());
        std::thread::spawn(move || {
            while !done.load(Ordering::Relaxed) {
                if std::fs::symlink_metadata(&out).is_err() {
                    missing.fetch_add(1, Ordering::Relaxed);
                }
                looks.fetch_add(1, Ordering::Relaxed);
            }
        })
    };
    for round in 1..=200 {
        let replaced = replace_dir(&out, fill(round)).unwrap();
        assert_eq!(replaced.swap, Swap::Exchanged, "round {round}");
        assert_eq!((replaced.written, replaced.unchanged), (1, 1));
    }
    done.store(true, Ordering::Relaxed);
    watcher.join().unwrap();
    assert!(looks.load(Ordering::Relaxed) > 200, "the watcher ran alongside");
    assert_eq!(missing.load(Ordering::Relaxed), 0, "the output was missing while being replaced");
    assert_eq!(std::fs::read_to_string(out.join("index.html")).unwrap(), "round 200");
    assert_eq!(names_in(parent.path()), ["public"]);
}
