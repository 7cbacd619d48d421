//! Shared by the cli integration tests: the binary under test (CARGO_BIN_EXE, so each run
//! uses this package's own build), run from the repository's top folder, and a demo copy.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const TODAY: &str = "2026-11-23";

pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub fn expertpool(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_expertpool")).args(args).current_dir(repo()).output().expect("run expertpool")
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A private copy of the demo instance to edit.
pub fn demo_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    expertpool_testkit::copy_dir(&repo().join("content"), dir.path());
    dir
}
