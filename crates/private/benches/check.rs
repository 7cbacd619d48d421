//! `check` on a 10,000-expert synthesized instance: load both halves and validate.
//! Target: under 150 ms wall on two cores.

use criterion::{Criterion, criterion_group, criterion_main};
use expertpool_private::synth::{Options, synthesize};
use expertpool_private::validate;
use expertpool_private::{load_private, load_private_with};
use expertpool_records::load::{load_public, load_public_with};
use expertpool_records::model::Date;
use expertpool_records::source::KeepText;
use std::hint::black_box;
use std::time::Duration;

// The allocator of the `expertpool` binary, so the figures are those of `expertpool check`.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn check(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let today = Date::ymd(2026, 11, 23);
    synthesize(dir.path(), &Options { experts: 10_000, seed: 1, today }).expect("synthesize");
    let root = dir.path();
    let mut group = c.benchmark_group("check");
    group.sample_size(20).measurement_time(Duration::from_secs(10));
    group.bench_function("10k experts: load public + private, validate", |b| {
        b.iter(|| {
            // As `expertpool check` loads: the text of clean records is not kept.
            let keep = KeepText::OnlyBroken;
            let (public, private) = rayon::join(|| load_public_with(root, keep), || load_private_with(root, keep));
            let instance = public.value.expect("instance loads");
            let diagnostics = validate(&instance, private.value.as_ref(), today);
            black_box(diagnostics.len())
        })
    });
    group.bench_function("10k experts: load public only", |b| b.iter(|| black_box(load_public(root).value.is_some())));
    group
        .bench_function("10k experts: load private only", |b| b.iter(|| black_box(load_private(root).value.is_some())));
    let instance = load_public(root).value.expect("instance loads");
    let private = load_private(root).value;
    group.bench_function("10k experts: validate only (loaded)", |b| {
        b.iter(|| black_box(validate(&instance, private.as_ref(), today).len()))
    });
    group.finish();
}

criterion_group!(benches, check);
criterion_main!(benches);
