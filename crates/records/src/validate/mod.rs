//! The rules `check` applies after every file has parsed: identifiers, dates in order,
//! references that resolve, lifecycle steps in order, and the privacy rules. Each rule is
//! a plain function over loaded data that appends diagnostics; nothing here does I/O.

mod documents;
mod experts;
#[cfg(feature = "private")]
mod people;
mod taxonomy;

use crate::diagnostic::Diagnostic;
#[cfg(feature = "private")]
use crate::instance::PrivateData;
use crate::instance::PublicInstance;
use crate::model::{Date, Specialty};
use crate::source::SourceFile;
use experts::ExpertResults;
use std::sync::Arc;

/// What the rules need besides the records: the date "today" is for (status, age, dates
/// in the future), passed in so results are reproducible.
pub struct Context<'a> {
    pub instance: &'a PublicInstance,
    #[cfg(feature = "private")]
    pub private: Option<&'a PrivateData>,
    pub today: Date,
    /// Specialties by code: every expert names some, and a scan per name shows at 10,000 experts.
    specialties: foldhash::HashMap<&'a str, &'a Specialty>,
}

impl<'a> Context<'a> {
    #[cfg(feature = "private")]
    fn new(instance: &'a PublicInstance, private: Option<&'a PrivateData>, today: Date) -> Context<'a> {
        Context { instance, private, today, specialties: index_specialties(instance) }
    }

    #[cfg(not(feature = "private"))]
    fn new(instance: &'a PublicInstance, today: Date) -> Context<'a> {
        Context { instance, today, specialties: index_specialties(instance) }
    }

    fn specialty(&self, code: &str) -> Option<&'a Specialty> {
        self.specialties.get(code).copied()
    }
}

/// The first specialty of each code wins, as in [`PublicInstance::specialty`]; duplicates
/// are reported by the taxonomy rules.
fn index_specialties(instance: &PublicInstance) -> foldhash::HashMap<&str, &Specialty> {
    let mut index = foldhash::HashMap::default();
    for s in &instance.specialties.specialties {
        index.entry(s.code.as_str()).or_insert(s);
    }
    index
}

/// Runs the rules that need only the public half (what `serve` shows while editing).
#[cfg(feature = "private")]
pub fn validate_public(instance: &PublicInstance, today: Date) -> Vec<Diagnostic> {
    validate(instance, None, today)
}

/// Runs the rules that need only the public half (what `serve` shows while editing).
#[cfg(not(feature = "private"))]
pub fn validate_public(instance: &PublicInstance, today: Date) -> Vec<Diagnostic> {
    run(&Context::new(instance, today))
}

/// Runs every rule, joining the private half when given, sorted by file and position.
#[cfg(feature = "private")]
pub fn validate(instance: &PublicInstance, private: Option<&PrivateData>, today: Date) -> Vec<Diagnostic> {
    run(&Context::new(instance, private, today))
}

fn run(cx: &Context) -> Vec<Diagnostic> {
    // The rules over whole files and those over each record are independent; the per-record
    // ones are parallel inside, and joining them keeps both cores busy during the serial ones.
    let (mut out, private) = rayon::join(
        || {
            let mut out = Vec::new();
            check_whole_files(cx, &mut out);
            out.extend(experts::check_experts(cx));
            out
        },
        || check_private(cx),
    );
    out.extend(private);
    sort(&mut out);
    out
}

/// What `serve` keeps between validations: the per-expert results of the last run, valid
/// while the rest of the instance is the same load (the same `site.toml` in memory) and the
/// day is the same. Edits to expert files replace only those records, so only they are
/// checked again; the rules across records (unique ids, notices, taxonomy) always run.
#[derive(Default)]
pub struct ValidationCache {
    basis: Option<(Arc<SourceFile>, Date)>,
    experts: ExpertResults,
    /// How many expert records the last run checked rather than took from the cache.
    pub last_checked: usize,
}

/// [`validate_public`] that re-checks only the expert records that changed since `cache` was filled.
pub fn validate_public_cached(instance: &PublicInstance, today: Date, cache: &mut ValidationCache) -> Vec<Diagnostic> {
    #[cfg(feature = "private")]
    let cx = Context::new(instance, None, today);
    #[cfg(not(feature = "private"))]
    let cx = Context::new(instance, today);
    let same_basis =
        matches!(&cache.basis, Some((site, day)) if Arc::ptr_eq(site, &instance.site.file) && *day == today);
    let previous = same_basis.then_some(&cache.experts);
    let ((mut out, unique), per_expert) = rayon::join(
        || {
            let mut out = Vec::new();
            check_whole_files(&cx, &mut out);
            (out, experts::check_unique_ids(&cx))
        },
        || experts::check_each_expert(&cx, previous),
    );
    out.extend(unique);
    let mut results = ExpertResults::default();
    results.reserve(per_expert.len());
    let mut checked = 0;
    for (file, found, checked_now) in per_expert {
        checked += usize::from(checked_now);
        out.extend(found.iter().cloned());
        results.insert(Arc::as_ptr(&file) as usize, (file, found));
    }
    cache.basis = Some((instance.site.file.clone(), today));
    cache.experts = results;
    cache.last_checked = checked;
    sort(&mut out);
    out
}

/// The rules over the site, taxonomy, calendar, pools, notices and calls.
fn check_whole_files(cx: &Context, out: &mut Vec<Diagnostic>) {
    taxonomy::check_site(cx, out);
    taxonomy::check_specialties(cx, out);
    taxonomy::check_calendar_coverage(cx, out);
    taxonomy::check_pools(cx, out);
    documents::check_notices(cx, out);
    documents::check_calls(cx, out);
}

#[cfg(feature = "private")]
fn check_private(cx: &Context) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if let Some(private) = cx.private {
        people::check_people(cx, private, &mut out);
    }
    out
}

#[cfg(not(feature = "private"))]
fn check_private(_: &Context) -> Vec<Diagnostic> {
    Vec::new()
}

/// Orders diagnostics by file, then line, so output reads top to bottom like a compiler's.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
}

/// The file stem of a loaded file, which must equal the record's id.
fn stem(file: &crate::source::SourceFile) -> String {
    file.path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
}
