//! The test kit of expertpool: one home for what every end-to-end test needs — the
//! repository's demo instance, a private copy of it to edit, the `expertpool` binary and a
//! way to run it that reports its output when it fails.
//!
//! The journeys in `journeys/` (a bureau's year, a draw day, a relocated binary) use it, and
//! so do the crates' own integration tests, as a dev-dependency.

#![warn(missing_docs)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository's top folder.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("tests/ is inside the repository").to_path_buf()
}

/// The demo instance shipped in the repository (`content/`).
pub fn demo_content() -> PathBuf {
    repo_root().join("content")
}

/// Copies a folder tree; files are copied, symbolic links are not followed.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap_or_else(|e| panic!("create {}: {e}", to.display()));
    let entries = std::fs::read_dir(from).unwrap_or_else(|e| panic!("read {}: {e}", from.display()));
    for entry in entries {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        let kind = entry.file_type().unwrap();
        if kind.is_dir() {
            copy_dir(&entry.path(), &target);
        } else if kind.is_file() {
            std::fs::copy(entry.path(), &target).unwrap_or_else(|e| panic!("copy {}: {e}", entry.path().display()));
        }
    }
}

/// A throw-away folder holding a copy of an instance at `root()`; deleted when dropped.
pub struct InstanceCopy {
    dir: tempfile::TempDir,
}

impl InstanceCopy {
    /// A private copy of the demo instance.
    pub fn demo() -> InstanceCopy {
        InstanceCopy::of(&demo_content())
    }

    /// A private copy of the instance at `source`.
    pub fn of(source: &Path) -> InstanceCopy {
        let dir = tempfile::tempdir().expect("a temporary folder");
        copy_dir(source, &dir.path().join("content"));
        InstanceCopy { dir }
    }

    /// The copy's instance folder.
    pub fn root(&self) -> PathBuf {
        self.dir.path().join("content")
    }

    /// The temporary folder the instance is in (for outputs beside it).
    pub fn scratch(&self) -> &Path {
        self.dir.path()
    }
}

/// The `expertpool` binary of this build. `cargo test --workspace` builds it before any
/// test runs; a test run of this package alone needs `cargo build -p expertpool` first.
pub fn binary() -> PathBuf {
    let exe = std::env::current_exe().expect("the test's own path");
    // target/<profile>/deps/<test> → target/<profile>/expertpool
    let profile_dir = exe.parent().and_then(Path::parent).expect("a test binary lives in target/<profile>/deps");
    let bin = profile_dir.join(format!("expertpool{}", std::env::consts::EXE_SUFFIX));
    assert!(
        bin.is_file(),
        "{} not built: run `cargo build -p expertpool` (cargo test --workspace does)",
        bin.display()
    );
    bin
}

/// The outcome of one command: status and both output streams as text.
pub struct Run {
    /// The command line, for messages.
    pub command: String,
    /// The exit code (None when killed by a signal).
    pub code: Option<i32>,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

impl Run {
    /// Panics, showing everything the command printed, unless it exited 0.
    pub fn success(self) -> Run {
        assert_eq!(self.code, Some(0), "{}", self);
        self
    }

    /// Panics unless the command exited with `code`.
    pub fn exit(self, code: i32) -> Run {
        assert_eq!(self.code, Some(code), "{}", self);
        self
    }
}

impl std::fmt::Display for Run {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "$ {}\n(exit {:?})\n--- stdout\n{}\n--- stderr\n{}",
            self.command, self.code, self.stdout, self.stderr
        )
    }
}

/// Runs `program` with `args` in `cwd`, without standard input.
pub fn run_program(program: &Path, args: &[&str], cwd: &Path) -> Run {
    let output: Output = Command::new(program)
        .args(args)
        .current_dir(cwd)
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("cannot start {}: {e}", program.display()));
    Run {
        command: format!("{} {}", program.display(), args.join(" ")),
        code: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// Runs the `expertpool` binary with `args`, from the repository's top folder.
pub fn expertpool(args: &[&str]) -> Run {
    run_program(&binary(), args, &repo_root())
}

/// Runs a Python 3 script of the repository (e.g. `tools/verify_draws.py`).
pub fn python(script: &str, args: &[&str]) -> Run {
    let mut all = vec![script];
    all.extend_from_slice(args);
    run_program(Path::new("python3"), &all, &repo_root())
}
