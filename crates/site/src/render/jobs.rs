//! Rendering the pages in parallel (rayon), each thread reusing one tera context, and with a
//! [`RenderCache`] reusing every page whose key did not change.

use super::cache::{RenderCache, hash_str, hash_value};
use super::pages::{Job, Lazy};
use super::sink::Sink;
use crate::BuildError;
use crate::context::PageContext;
use crate::templates::Templates;
use crate::views::{ChromeContext, FullContext, LateContext, SiteView};
use rayon::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;

/// Builds the part of a page's context that waits for rendering; `None` when there is none.
pub(super) type Fill<'a> = dyn Fn(&str, &Lazy) -> Option<LateContext<'a>> + Sync + 'a;

/// Gives a page's inputs a key without building its context, where that is possible.
pub(super) type QuickKey<'a> = dyn Fn(&Lazy) -> Option<u64> + Sync + 'a;

/// Renders the jobs in parallel, reusing cached pages whose inputs did not change.
pub(super) fn render_jobs(
    jobs: Vec<Job>,
    templates: &Templates,
    site: &SiteView,
    cache: Option<&mut RenderCache>,
    sink: &dyn Sink,
    fill: &Fill,
    quick_key: &QuickKey,
) -> Result<(), BuildError> {
    let chrome = chrome(&jobs, templates, site)?;
    let late = |job: &Job| job.lazy.as_ref().and_then(|lazy| fill(&job.path, lazy));
    let render = |page: &mut PageContext, job: &Job, context: &FullContext| -> Result<Arc<Vec<u8>>, BuildError> {
        let key = job.chrome_key();
        let bytes = page.render(templates, job.template, context, chrome.get_key_value(&key))?;
        Ok(Arc::new(bytes))
    };
    let new_context = || PageContext::new(site);
    // Without a cache (a one-off build) there is nothing to compare with: render and hand
    // over each page at once.
    let Some(cache) = cache else {
        return jobs.into_par_iter().try_for_each_init(new_context, |page, job| {
            let context = FullContext { info: job.info.as_deref(), late: late(&job) };
            sink.put(&job.path, render(page, &job, &context)?)
        });
    };
    let site_hash = hash_value(site);
    if cache.fingerprint != templates.fingerprint {
        cache.pages.clear();
        cache.fingerprint = templates.fingerprint;
    }
    let cached = &cache.pages;
    type Rendered = (String, u64, Arc<Vec<u8>>, bool);
    let results: Vec<Result<Rendered, BuildError>> = jobs
        .into_par_iter()
        .map_init(new_context, |page, job| {
            if job.reuse {
                let (key, bytes) =
                    cached.get(&job.path).cloned().ok_or_else(|| BuildError::CacheMiss { path: job.path.clone() })?;
                sink.put(&job.path, bytes.clone())?;
                return Ok((job.path, key, bytes, false));
            }
            // A page whose rows or names stand for records that did not change is keyed by
            // their versions and its own small context, and reused without building the rest.
            let quick = job.lazy.as_ref().and_then(quick_key);
            if let Some(quick) = quick {
                let key = site_hash ^ hash_value(&job.info).rotate_left(1) ^ hash_str(job.template) ^ quick;
                if let Some((hash, bytes)) = cached.get(&job.path)
                    && *hash == key
                {
                    sink.put(&job.path, bytes.clone())?;
                    return Ok((job.path, key, bytes.clone(), false));
                }
                let context = FullContext { info: job.info.as_deref(), late: late(&job) };
                let bytes = render(page, &job, &context)?;
                sink.put(&job.path, bytes.clone())?;
                return Ok((job.path, key, bytes, true));
            }
            let context = FullContext { info: job.info.as_deref(), late: late(&job) };
            let key = site_hash ^ hash_value(&context).rotate_left(1) ^ hash_str(job.template);
            let (bytes, fresh) = match cached.get(&job.path) {
                Some((hash, bytes)) if *hash == key => (bytes.clone(), false),
                _ => (render(page, &job, &context)?, true),
            };
            sink.put(&job.path, bytes.clone())?;
            Ok((job.path, key, bytes, fresh))
        })
        .collect();
    let mut fresh = HashMap::with_capacity(results.len());
    let mut rendered = 0;
    for result in results {
        let (path, key, bytes, was_rendered) = result?;
        rendered += usize::from(was_rendered);
        fresh.insert(path, (key, bytes));
    }
    cache.pages = fresh;
    cache.last_rendered = rendered;
    Ok(())
}

/// The header and footer of every (root, section) the pages have, rendered once: they are
/// the same on thousands of pages and the costliest part of each.
type Chrome = HashMap<(String, String), (String, String)>;

fn chrome(jobs: &[Job], templates: &Templates, site: &SiteView) -> Result<Chrome, BuildError> {
    let mut keys: Vec<(String, String)> = jobs.iter().filter(|j| !j.reuse).map(Job::chrome_key).collect();
    keys.sort();
    keys.dedup();
    let mut out = HashMap::with_capacity(keys.len());
    for (root, section) in keys {
        let context = tera::Context::from_serialize(ChromeContext { site, root: &root, section: &section })
            .map_err(|e| BuildError::Context { template: "partials/header.html".into(), message: e.to_string() })?;
        let header = templates.render("partials/header.html", &context)?;
        let footer = templates.render("partials/footer.html", &context)?;
        out.insert((root, section), (header, footer));
    }
    Ok(out)
}
