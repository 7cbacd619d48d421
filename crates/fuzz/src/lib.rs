//! Fuzz targets over every parser of untrusted input in expertpool, and a small bounded
//! fuzzer that runs them on stable Rust.
//!
//! Each target in [`targets`] takes arbitrary bytes and panics only when a property is
//! broken: a parser panicked, or an oracle disagreed (a value the fast TOML path returned
//! that the `toml` crate reads differently, a record that does not read back after it was
//! written, a mutated log the verifier accepts). The same functions are driven two ways:
//!
//! * `cargo test -p expertpool-fuzz` (stable, CI): [`runner::run`] replays the committed
//!   corpus in `fuzz/corpus/<target>/` and then mutates it for a time budget
//!   (`EXPERTPOOL_FUZZ_SECS` seconds per target);
//! * `cargo +nightly fuzz run <target>` in `fuzz/` (libFuzzer, coverage-guided), whose
//!   targets are one-line calls into this crate.
//!
//! docs/fuzzing.md has the commands, the targets and what each has found.

pub mod mutate;
pub mod runner;
pub mod targets;

/// Inputs larger than this are ignored by every target: the loaders read files of any
/// size, but a bounded input keeps each run short, so a slow input is a hang, not a size.
pub const MAX_INPUT: usize = 64 * 1024;
