//! The TOML record loaders: one file's text through the loader `check` and `build` use
//! (`parse_value`, front matter for Markdown documents, the calendar's own checks), and a
//! whole `check` of a small instance with one of its files replaced by the input.

use expertpool_private::PrivateRecord;
use expertpool_records::load::parse_value;
use expertpool_records::model::*;
use expertpool_records::source::{KeepText, SourceFile, split_front_matter};
use expertpool_records::{Loaded, fast_toml};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::cell::RefCell;
use std::fmt::Debug;
use std::path::PathBuf;
use std::sync::Arc;

/// First byte: which kind of file; the rest: its text.
///
/// Properties: no panic; a value the fast path returns is the one the `toml` crate returns;
/// a parsed record written back as TOML reads back equal (what import and the lifecycle
/// commands rely on when they write records).
pub fn records_parse(data: &[u8]) {
    let Some((&kind, rest)) = data.split_first() else { return };
    if rest.len() > crate::MAX_INPUT {
        return;
    }
    let Ok(text) = std::str::from_utf8(rest) else { return };
    match kind % 9 {
        0 => drop(record::<ExpertRecord>("pools/p/experts/ZN-0001.toml", text)),
        1 => drop(record::<PoolPolicy>("pools/p/pool.toml", text)),
        2 => {
            if let Some(calendar) = record::<CalendarYear>("calendar/2026.toml", text) {
                let loaded =
                    Loaded { value: calendar, file: Arc::new(SourceFile::new("calendar/2026.toml", text.into())) };
                for d in expertpool_records::calendar::check_schedule(&loaded) {
                    let _ = d.render();
                }
            }
        }
        3 => drop(record::<SiteConfig>("site.toml", text)),
        4 => drop(record::<SpecialtyFile>("specialties.toml", text)),
        5 => document::<NoticeMeta>("notices/n.md", text),
        6 => document::<CallMeta>("calls/c.md", text),
        7 => document::<PageMeta>("pages/p.md", text),
        _ => drop(record::<PrivateRecord>("private/experts/P-0001.toml", text)),
    }
}

fn record<T>(path: &str, text: &str) -> Option<T>
where
    T: DeserializeOwned + Serialize + PartialEq + Debug,
{
    let file = SourceFile::new(path, text.to_string());
    let parsed = parse_value::<T>(&file);
    if let Some(fast) = fast_toml::from_str::<T>(text) {
        match toml::from_str::<T>(text) {
            Ok(slow) => assert_eq!(fast, slow, "the fast TOML path and the toml crate read {path} differently"),
            Err(e) => panic!("the fast TOML path accepted {path}, which the toml crate refuses: {e}"),
        }
    }
    match parsed {
        Err(diagnostic) => {
            let _ = diagnostic.render();
            None
        }
        Ok(value) => {
            round_trip(path, &value);
            Some(value)
        }
    }
}

fn round_trip<T>(path: &str, value: &T)
where
    T: DeserializeOwned + Serialize + PartialEq + Debug,
{
    let Ok(written) = toml::to_string(value) else { return };
    match toml::from_str::<T>(&written) {
        Ok(back) => assert_eq!(&back, value, "{path} written back as TOML reads back differently:\n{written}"),
        Err(e) => panic!("{path} written back as TOML does not parse: {e}\n{written}"),
    }
}

fn document<M: DeserializeOwned>(path: &str, text: &str) {
    let Some((toml_start, body_start)) = split_front_matter(text) else { return };
    let _body = &text[body_start..];
    let mut file = SourceFile::new(path, text.to_string());
    file.toml_offset = toml_start;
    if let Err(d) = parse_value::<M>(&file) {
        let _ = d.render();
    }
}

/// A private copy of the small instance per thread, and its files in name order.
struct Scratch {
    _dir: tempfile::TempDir,
    root: PathBuf,
    files: Vec<(PathBuf, Vec<u8>)>,
}

thread_local! {
    static SCRATCH: RefCell<Option<Scratch>> = const { RefCell::new(None) };
}

fn scratch() -> Scratch {
    let dir = tempfile::tempdir().expect("temp folder");
    let root = dir.path().join("content");
    expertpool_testkit::copy_dir(&crate::targets::small_instance(), &root);
    let mut files = Vec::new();
    collect_files(&root, &mut files);
    files.sort();
    let files = files.into_iter().map(|p| (p.clone(), std::fs::read(&p).unwrap())).collect();
    Scratch { _dir: dir, root, files }
}

fn collect_files(dir: &std::path::Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_files(&path, out);
        } else {
            out.push(path);
        }
    }
}

/// First byte: which file of the small instance to replace; the rest: its new bytes.
/// Then the whole of `expertpool check` runs on the instance (both loaders and every rule),
/// and every diagnostic is rendered. Property: no panic.
pub fn records_check(data: &[u8]) {
    let Some((&which, rest)) = data.split_first() else { return };
    if rest.len() > crate::MAX_INPUT {
        return;
    }
    SCRATCH.with(|cell| {
        let mut slot = cell.borrow_mut();
        let scratch = slot.get_or_insert_with(scratch);
        let (path, original) = &scratch.files[usize::from(which) % scratch.files.len()];
        std::fs::write(path, rest).unwrap();
        // Put the file back even when the check panics, so the next input starts clean.
        struct Restore<'a>(&'a PathBuf, &'a [u8]);
        impl Drop for Restore<'_> {
            fn drop(&mut self) {
                let _ = std::fs::write(self.0, self.1);
            }
        }
        let _restore = Restore(path, original);
        check(&scratch.root);
    });
}

/// What `expertpool check` does, without printing.
fn check(root: &std::path::Path) {
    let public = expertpool_records::load::load_public_with(root, KeepText::OnlyBroken);
    let private = expertpool_private::load_private_with(root, KeepText::OnlyBroken);
    let mut diagnostics = public.diagnostics;
    diagnostics.extend(private.diagnostics);
    if let Some(instance) = &public.value {
        diagnostics.extend(expertpool_private::validate(instance, private.value.as_ref(), crate::targets::today()));
    }
    for d in &diagnostics {
        let _ = d.render();
    }
}
