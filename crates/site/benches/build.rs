//! Build benchmarks on synthetic instances written by `expertpool synthesize` (the site
//! crate cannot call the generator itself: it writes private records, and this crate is
//! built without the private model). Generate them once:
//!
//! ```text
//! cargo run --release -- synthesize --experts 10000 --seed 1 --today 2026-11-23 --out /dev/shm/expertpool-bench-10000
//! cargo run --release -- synthesize --experts 10000 --seed 1 --today 2026-11-23 --out target/bench-data/expertpool-bench-10000
//! ```
//!
//! `cargo bench -p expertpool-site` measures, for 10,000 experts:
//! - `build/10k/tmpfs`: a full `build` with instance and output on /dev/shm;
//! - `build/10k/disk`: the same with both under target/ on disk, over the previous output;
//! - `build/10k/disk-one-record-changed`: a build on disk after one expert's name changed;
//! - `serve/10k/one-record-changed`: what `serve` does after one expert file is saved.
//!
//! `EXPERTPOOL_BENCH_100K=1` adds `build/100k/tmpfs` (instance in
//! /dev/shm/expertpool-bench-100000). Peak memory is not measured here; see the crate README.

// The allocator of the `expertpool` binary, so the figures are those of `expertpool build`.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use criterion::{Criterion, criterion_group, criterion_main};
use expertpool_records::Date;
use expertpool_site::Builder;
use expertpool_site::{BuildOptions, build};
use std::path::{Path, PathBuf};
use std::time::Duration;

fn today() -> Date {
    Date::parse("2026-11-23").unwrap()
}

fn templates() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../site-templates")
}

/// The synthetic instance of `experts` under `parent`.
fn instance(parent: &Path, experts: usize) -> PathBuf {
    let dir = parent.join(format!("expertpool-bench-{experts}"));
    assert!(
        dir.join("site.toml").is_file(),
        "no instance at {0}; generate it with `cargo run --release -- synthesize --experts {experts} --seed 1 --today 2026-11-23 --out {0}`",
        dir.display()
    );
    dir
}

fn tmpfs() -> PathBuf {
    let shm = Path::new("/dev/shm");
    if shm.is_dir() { shm.to_path_buf() } else { std::env::temp_dir() }
}

fn disk() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/bench-data");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn bench_build(c: &mut Criterion, name: &str, parent: &Path, experts: usize, samples: usize) {
    let content = instance(parent, experts);
    let out = parent.join(format!("expertpool-bench-{experts}-out"));
    let options = BuildOptions { content, templates: Some(templates()), today: today() };
    let mut group = c.benchmark_group("build");
    group.sample_size(samples).measurement_time(Duration::from_secs(20));
    group.bench_function(name, |b| b.iter(|| build(&options, &out).expect("build")));
    group.finish();
}

/// A build after one expert record changed: the output already holds the previous site, and
/// each iteration renames the expert (and back), so every iteration has one record to publish.
fn bench_one_record_changed(c: &mut Criterion, name: &str, parent: &Path, experts: usize) {
    let content = instance(parent, experts);
    let out = parent.join(format!("expertpool-bench-{experts}-out"));
    let options = BuildOptions { content: content.clone(), templates: Some(templates()), today: today() };
    let edit = RecordEdit::new(&content);
    build(&options, &out).expect("first build");
    let mut flip = false;
    let mut group = c.benchmark_group("build");
    group.sample_size(10).measurement_time(Duration::from_secs(20));
    group.bench_function(name, |b| {
        b.iter(|| {
            flip = !flip;
            edit.apply(flip);
            build(&options, &out).expect("build")
        })
    });
    group.finish();
    edit.apply(false);
}

fn builds(c: &mut Criterion) {
    bench_build(c, "10k/tmpfs", &tmpfs(), 10_000, 10);
    // The disk instance is a second copy to generate; without it the disk cases are skipped
    // (with the command to make it) so that the tmpfs and 100k cases still run.
    if disk().join("expertpool-bench-10000/site.toml").is_file() {
        bench_build(c, "10k/disk", &disk(), 10_000, 10);
        bench_one_record_changed(c, "10k/disk-one-record-changed", &disk(), 10_000);
    } else {
        eprintln!(
            "skipping build/10k/disk*: generate {0} with `cargo run --release -- synthesize --experts 10000 --seed 1 --today 2026-11-23 --out {0}`",
            disk().join("expertpool-bench-10000").display()
        );
    }
    if std::env::var("EXPERTPOOL_BENCH_100K").as_deref() == Ok("1") {
        bench_build(c, "100k/tmpfs", &tmpfs(), 100_000, 10);
    }
}

/// The edit a clerk makes most: correcting a name (which shows on the expert's page, the
/// directory and specialty lists, notices and the search index).
struct RecordEdit {
    record: PathBuf,
    original: String,
    edited: String,
}

impl RecordEdit {
    fn new(content: &Path) -> RecordEdit {
        let record = std::fs::read_dir(content.join("pools/zhineng/experts")).unwrap().next().unwrap().unwrap().path();
        let original = std::fs::read_to_string(&record).unwrap();
        let edited: String = original
            .lines()
            .map(|l| if l.starts_with("name = \"") { l.replacen("name = \"", "name = \"测", 1) } else { l.to_string() })
            .collect::<Vec<_>>()
            .join("\n")
            + "\n";
        assert_ne!(edited, original);
        RecordEdit { record, original, edited }
    }

    fn apply(&self, edited: bool) {
        std::fs::write(&self.record, if edited { &self.edited } else { &self.original }).unwrap();
    }
}

fn serve(c: &mut Criterion) {
    let content = instance(&tmpfs(), 10_000);
    let mut builder =
        Builder::new(BuildOptions { content: content.clone(), templates: Some(templates()), today: today() });
    builder.build(&[]).expect("first build");
    let edit = RecordEdit::new(&content);
    let mut flip = false;
    let mut group = c.benchmark_group("serve");
    group.sample_size(20);
    group.bench_function("10k/one-record-changed", |b| {
        b.iter(|| {
            flip = !flip;
            edit.apply(flip);
            let site = builder.build(std::slice::from_ref(&edit.record)).expect("rebuild");
            assert!(builder.last_rendered() <= 20, "re-rendered {} pages", builder.last_rendered());
            site
        })
    });
    group.finish();
    edit.apply(false);
}

criterion_group!(benches, builds, serve);
criterion_main!(benches);
