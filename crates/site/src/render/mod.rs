//! From a loaded instance to every output file. The jobs, each in its own module:
//!
//! - [`pages`]: which pages exist, each with its template and typed context;
//! - [`data`]: the files made without a template (search index, feeds, sitemap, annexes);
//! - [`jobs`]: rendering the pages in parallel (rayon);
//! - [`cache`]: with a [`RenderCache`], a page whose inputs did not change since the last
//!   render is reused instead of rendered again, which is what makes `serve` fast;
//! - [`sink`]: where each file goes as soon as it is ready.

mod cache;
mod data;
mod jobs;
mod pages;
mod sink;

pub(crate) use cache::RenderCache;
pub(crate) use sink::MemorySink;
pub use sink::{Sink, SiteFiles};

use crate::BuildError;
use crate::templates::Templates;
use crate::views::call_view;
use cache::{Versions, hash_value, record_history};
use expertpool_records::public::PublicExpert;
use expertpool_records::{Date, PublicInstance};
use pages::{Cx, Lazy};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;

/// The browser verifier's script among the static files; with it the site has a verify page.
const VERIFY_SCRIPT: &str = "verify.js";

/// Renders the whole site of `instance` as of `today` into memory.
pub fn render_site(instance: &PublicInstance, templates: &Templates, today: Date) -> Result<SiteFiles, BuildError> {
    let sink = MemorySink::default();
    render_into(instance, templates, today, None, None, &sink)?;
    Ok(sink.into_files())
}

/// [`render_site`], taking from `cache` every page whose inputs did not change since the
/// render that filled it, and leaving this render's pages in it.
pub(crate) fn render_cached(
    instance: &PublicInstance,
    templates: &Templates,
    today: Date,
    cache: &mut RenderCache,
    draw_log: Option<&Path>,
) -> Result<SiteFiles, BuildError> {
    let sink = MemorySink::default();
    render_into(instance, templates, today, Some(cache), draw_log, &sink)?;
    Ok(sink.into_files())
}

/// Renders the whole site of `instance` as of `today`, handing each file to `sink` as soon
/// as it is ready (so a build never holds the whole site in memory). `draw_log`, when it
/// names a public log with entries (`serve`'s live copy of the service's log), replaces
/// the instance's `draws/log.json`.
pub(crate) fn render_into(
    instance: &PublicInstance,
    templates: &Templates,
    today: Date,
    mut cache: Option<&mut RenderCache>,
    draw_log: Option<&Path>,
    sink: &dyn Sink,
) -> Result<(), BuildError> {
    // Before anything reaches the sink: a collision must leave every output untouched.
    crate::outputs::check_unique(instance)?;
    let experts: Vec<Vec<PublicExpert>> = instance
        .pools
        .iter()
        .map(|pool| pool.experts.par_iter().map(|r| PublicExpert::project(instance, &pool.policy, r, today)).collect())
        .collect();
    let notices = pages::notice_views(instance, today)?;
    let calls: Vec<(usize, _)> = instance
        .calls
        .iter()
        .enumerate()
        .filter_map(|(i, c)| instance.pool(&c.meta.pool).map(|p| (i, call_view(c, p, today))))
        .collect();
    let live_log = match draw_log {
        Some(path) => crate::draws::read_file(path)?.filter(|log| !log.entries.is_empty()),
        None => None,
    };
    let draw_log = match live_log {
        Some(log) => Some(log),
        None => crate::draws::read(&instance.root)?,
    };
    let verifier = templates.static_files.get(VERIFY_SCRIPT);

    let listed_any = experts.iter().flatten().any(|e| e.status.is_listed());
    let nav = pages::nav(instance, listed_any, &notices, &calls, draw_log.is_some());
    let site = pages::site_view(instance, today, nav, verifier.is_some());
    let mut fingerprint = templates.fingerprint ^ hash_value(&site).rotate_left(7);
    // One `git log` for the whole instance; a commit changes no record bytes, so the
    // history enters the fingerprint that decides whether cached expert pages are reused.
    let history = record_history(&instance.root, cache.as_deref_mut());
    fingerprint ^= history.fingerprint.rotate_left(13);
    // Record versions only for a cached render: hashing reads every record's text, which a
    // one-off build does not keep in memory.
    let versions = cache.is_some().then(|| Versions::new(instance, fingerprint, today));

    let mut cx = Cx {
        instance,
        today,
        page_size: instance.site.site.page_size.max(1),
        experts,
        jobs: Vec::new(),
        // Taken, not copied: this render's memo replaces it below.
        prior: match cache.as_deref_mut() {
            Some(c) if c.fingerprint == templates.fingerprint => std::mem::take(&mut c.experts),
            _ => HashMap::new(),
        },
        memo: versions.as_ref().map(|v| (v, HashMap::new())),
        fingerprint,
    };
    let mut out = SiteFiles::default();
    pages::home(&mut cx, &notices, &calls);
    pages::directories(&mut cx);
    pages::specialties(&mut cx);
    pages::initial_lists(&mut cx);
    pages::statements(&mut cx);
    pages::notice_pages(&mut cx, &notices);
    let annexes = pages::call_pages(&mut cx, &calls);
    pages::policy_pages(&mut cx);
    if let Some(log) = &draw_log {
        pages::draw_pages(&mut cx, log);
        pages::protocol_page(&mut cx);
        out.files.insert("draws/log.json".into(), Arc::new(log.raw.clone()));
        for (path, bytes) in crate::draw_proofs::proof_files(log) {
            out.files.insert(path, Arc::new(bytes));
        }
    }
    if let Some(script) = verifier {
        pages::verify_page(&mut cx, script);
    }
    cx.jobs.push(pages::not_found(instance));
    crate::outputs::check_pages(cx.jobs.iter().map(|j| j.path.as_str()))?;

    let paths: Vec<String> = cx.jobs.iter().map(|j| j.path.clone()).filter(|p| p != "404.html").collect();
    let rendered_paths: HashSet<String> = paths.iter().cloned().collect();
    if let (Some(c), Some((_, memo))) = (cache.as_deref_mut(), cx.memo.take()) {
        c.experts = memo;
    }
    let experts = &cx.experts;
    // A set, not a scan of the notices per expert: both grow with the instance.
    let slugs: HashSet<&str> = instance.notices.iter().map(|n| n.slug.as_str()).collect();
    let fill = |path: &str, lazy: &Lazy| match lazy {
        Lazy::Expert(pool, index) => {
            Some(pages::expert_context(instance, &slugs, experts, &history.changes, (*pool, *index), path))
        }
        Lazy::Rows(list, range) => Some(pages::expert_rows(experts, &list[range.clone()])),
        Lazy::Notice(k) => pages::notice_context(instance, experts, &notices, *k, today),
    };
    let quick_key = |lazy: &Lazy| versions.as_ref().and_then(|v| v.key(instance, &notices, lazy));
    let jobs = std::mem::take(&mut cx.jobs);
    // The machine-readable files need no template: they are made while the pages render.
    let (rendered, data) = rayon::join(
        || jobs::render_jobs(jobs, templates, &site, cache, sink, &fill, &quick_key),
        || data::data_files(instance, experts, &notices, &calls, paths, &annexes),
    );
    rendered?;
    out.files.extend(data?);
    // A page the site renders wins over a static file of the same path: `verify.html`
    // is rendered with the site's header and footer; the bare file in the templates'
    // `static/` is the stand-alone copy the verifier tests load from the repository.
    for (path, bytes) in &templates.static_files {
        if !rendered_paths.contains(path) {
            out.files.insert(path.clone(), Arc::new(bytes.clone()));
        }
    }
    for (path, bytes) in out.files {
        sink.put(&path, bytes)?;
    }
    Ok(())
}
