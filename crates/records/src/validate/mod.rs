//! The rules `check` applies after every file has parsed: identifiers, dates in order,
//! references that resolve, lifecycle steps in order, and the privacy rules. Each rule is
//! a plain function over loaded data that appends diagnostics; nothing here does I/O.
//! The rules over personal data live in the private crate, which runs these with the
//! [`Births`] of its records and adds its own.

mod documents;
mod experts;
mod names;
mod taxonomy;

use crate::diagnostic::Diagnostic;
use crate::instance::PublicInstance;
use crate::model::{Date, Specialty};
use crate::source::SourceFile;
use experts::ExpertResults;
use std::sync::Arc;

/// What the public rules may learn from the private half of a person: the birth date (from
/// the ID number), for the age rules. The private crate supplies it; without it, an
/// applicant's age is not assessed.
pub trait Births: Sync {
    /// The birth date of person `person`, when their private record gives one.
    fn birth_date(&self, person: &str) -> Option<Date>;
}

/// What the rules need besides the records: the date "today" is for (status, age, dates
/// in the future), passed in so results are reproducible.
struct Context<'a> {
    instance: &'a PublicInstance,
    births: Option<&'a dyn Births>,
    today: Date,
    /// Specialties by code: every expert names some, and a scan per name shows at 10,000 experts.
    specialties: foldhash::HashMap<&'a str, &'a Specialty>,
}

impl<'a> Context<'a> {
    fn new(instance: &'a PublicInstance, births: Option<&'a dyn Births>, today: Date) -> Context<'a> {
        Context { instance, births, today, specialties: index_specialties(instance) }
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
pub fn validate_public(instance: &PublicInstance, today: Date) -> Vec<Diagnostic> {
    run(&Context::new(instance, None, today))
}

/// Runs the public rules with the birth dates of the private half, sorted by file and
/// position. The private crate adds the rules over personal data.
pub fn validate_with_births(instance: &PublicInstance, births: &dyn Births, today: Date) -> Vec<Diagnostic> {
    run(&Context::new(instance, Some(births), today))
}

fn run(cx: &Context) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    check_whole_files(cx, &mut out);
    out.extend(experts::check_experts(cx));
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
    let cx = Context::new(instance, None, today);
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
    names::check_names(cx, out);
}

/// Orders diagnostics by file, then line, so output reads top to bottom like a compiler's.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
}

/// The file stem of a loaded file, which must equal the record's id.
fn stem(file: &crate::source::SourceFile) -> String {
    file.path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
}
