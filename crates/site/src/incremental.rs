//! Rebuilding after a change without starting from scratch: `serve` keeps the loaded
//! instance, the parsed templates and the rendered pages. A change to expert records re-reads
//! only those files; anything else (site.toml, a notice, the taxonomy, a template) reloads
//! what it belongs to. Pages whose inputs did not change come from the render cache.

use crate::load::accept;
use crate::render::{RenderCache, render_cached};
use crate::templates::Templates;
use crate::{BuildError, BuildOptions, SiteFiles, urls};
use expertpool_records::diagnostic::Diagnostic;
use expertpool_records::layout;
use expertpool_records::load::{load_public, parse_value};
use expertpool_records::model::ExpertRecord;
use expertpool_records::source::SourceFile;
use expertpool_records::validate::{ValidationCache, validate_public_cached};
use expertpool_records::{Loaded, PublicInstance};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Builds a site again and again, each time after some files changed, reusing what the
/// change did not touch.
pub struct Builder {
    options: BuildOptions,
    templates: Option<Templates>,
    instance: Option<PublicInstance>,
    /// Expert files that failed to parse since the last full load, with their diagnostic.
    broken: BTreeMap<PathBuf, Diagnostic>,
    cache: RenderCache,
    /// Per-record validation results, so an edited expert file is the only one checked again.
    validation: ValidationCache,
    /// A public draw log shown instead of the instance's `draws/log.json` (see
    /// [`Builder::with_draw_log`]).
    draw_log: Option<PathBuf>,
}

impl Builder {
    /// A builder that has built nothing yet: its first [`Builder::build`] reads everything.
    pub fn new(options: BuildOptions) -> Builder {
        Builder {
            options,
            templates: None,
            instance: None,
            broken: BTreeMap::new(),
            cache: RenderCache::default(),
            validation: ValidationCache::default(),
            draw_log: None,
        }
    }

    /// Shows the public draw log at `path` (`serve`'s live copy of the draw service's log)
    /// instead of the instance's `draws/log.json`, while it has entries. A change to that
    /// file re-renders the site without reloading the records.
    pub fn with_draw_log(mut self, path: PathBuf) -> Builder {
        self.draw_log = Some(path);
        self
    }

    /// The live draw log this builder shows, if any.
    pub fn draw_log(&self) -> Option<&Path> {
        self.draw_log.as_deref()
    }

    /// The path part of the instance's base URL, once an instance has loaded.
    pub fn base_path(&self) -> Option<String> {
        self.instance.as_ref().map(|i| urls::base_path(&i.site.site.base_url))
    }

    /// Pages the last build rendered rather than took from the cache.
    pub fn last_rendered(&self) -> usize {
        self.cache.last_rendered
    }

    /// Expert records the last build validated rather than took from the cache.
    pub fn last_validated(&self) -> usize {
        self.validation.last_checked
    }

    /// Builds after `changed` files changed (empty: build everything from disk).
    pub fn build(&mut self, changed: &[PathBuf]) -> Result<SiteFiles, BuildError> {
        let content = &self.options.content;
        // The compiled-in defaults never change while running; a templates folder or the
        // instance's overrides may.
        let template_dir = self.options.templates.as_deref();
        let is_template = |p: &PathBuf| {
            template_dir.is_some_and(|d| p.starts_with(d)) || p.starts_with(content.join(layout::templates_dir()))
        };
        let templates_changed = changed.iter().any(is_template);
        if self.templates.is_none() || templates_changed {
            self.templates = None;
            self.templates = Some(Templates::load(template_dir, content)?);
        }
        let live_log = self.draw_log.clone();
        let records: Vec<&PathBuf> =
            changed.iter().filter(|p| !is_template(p) && live_log.as_ref() != Some(*p)).collect();
        let patchable = self.instance.is_some() && records.iter().all(|p| self.expert_pool_of(p).is_some());
        let diagnostics = if patchable {
            for path in records {
                self.patch_expert(path);
            }
            let instance = self.instance.as_ref().expect("checked above");
            let mut diagnostics: Vec<Diagnostic> = self.broken.values().cloned().collect();
            diagnostics.extend(validate_public_cached(instance, self.options.today, &mut self.validation));
            diagnostics
        } else {
            self.broken.clear();
            let loading = load_public(content);
            let Some(instance) = loading.value else {
                self.instance = None;
                let errors = loading.diagnostics.into_iter().filter(Diagnostic::is_error).collect();
                return Err(BuildError::Records(errors));
            };
            let mut diagnostics = loading.diagnostics;
            diagnostics.extend(validate_public_cached(&instance, self.options.today, &mut self.validation));
            self.instance = Some(instance);
            diagnostics
        };
        let instance = self.instance.take().expect("loaded above");
        let accepted = accept(instance, diagnostics);
        let (instance, result) = match accepted {
            Ok(loaded) => (loaded.instance, Ok(())),
            Err(rejected) => {
                let (instance, error) = *rejected;
                (instance, Err(error))
            }
        };
        let result = result.and_then(|()| {
            render_cached(
                &instance,
                self.templates.as_ref().expect("loaded above"),
                self.options.today,
                &mut self.cache,
                self.draw_log.as_deref(),
            )
        });
        self.instance = Some(instance);
        result
    }

    /// The index of the pool whose `experts/` folder holds `path`, if it is an expert record.
    fn expert_pool_of(&self, path: &Path) -> Option<usize> {
        if path.extension().is_none_or(|e| e != layout::RECORD_EXT) {
            return None;
        }
        let folder = path.parent()?;
        let pool_dir = folder.parent()?;
        if folder != layout::experts_in(pool_dir) {
            return None;
        }
        self.instance.as_ref()?.pools.iter().position(|p| p.policy.file.path().parent() == Some(pool_dir))
    }

    /// The text of the record now loaded from `path` in pool `index`, if any.
    fn current_text(&self, index: usize, path: &Path) -> Option<&str> {
        let pool = &self.instance.as_ref()?.pools[index];
        pool.experts.iter().find(|e| e.file.path() == path).map(|e| e.file.text())
    }

    /// Re-reads one expert file into its pool, or drops it if deleted. A file that no longer
    /// parses keeps its last good version in the instance, so that notices naming the expert
    /// do not add errors of their own to the one that matters.
    fn patch_expert(&mut self, path: &Path) {
        let Some(index) = self.expert_pool_of(path) else { return };
        self.broken.remove(path);
        let confine = expertpool_records::confine::Confinement::new(&self.options.content);
        let parsed = match confine.check(path).map(|()| std::fs::read_to_string(path)) {
            Err(refused) => Err(refused),
            Ok(read) => match read {
                // Saved without a change (editors do): the record stays the very same object, so
                // everything keyed by it (validation, list pages) is known to be unchanged.
                Ok(text) if self.current_text(index, path) == Some(text.as_str()) => return,
                Ok(text) => {
                    let file = Arc::new(SourceFile::new(path, text));
                    parse_value::<ExpertRecord>(&file).map(|value| Some(Loaded { value, file }))
                }
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
                Err(e) => Err(Diagnostic::file_error(
                    expertpool_records::Code::Io,
                    path,
                    expertpool_i18n::t!("site-cannot-read", error = e),
                )),
            },
        };
        let pool = &mut self.instance.as_mut().expect("patchable").pools[index];
        match parsed {
            Ok(record) => {
                pool.experts.retain(|e| e.file.path() != path);
                if let Some(record) = record {
                    let at = pool.experts.partition_point(|e| e.id < record.id);
                    pool.experts.insert(at, record);
                }
            }
            Err(diagnostic) => {
                self.broken.insert(path.to_path_buf(), diagnostic);
            }
        }
    }
}
