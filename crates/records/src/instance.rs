//! A loaded instance: every record with the file it came from.

use crate::calendar::Calendar;
use crate::model::*;
use crate::source::SourceFile;
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::Arc;

/// A value together with the file it was read from, so any rule can point back at it.
#[derive(Debug, Clone)]
pub struct Loaded<T> {
    /// The parsed record.
    pub value: T,
    /// The file it was read from.
    pub file: Arc<SourceFile>,
}

impl<T> std::ops::Deref for Loaded<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

/// A Markdown document: front matter, slug (file stem) and Markdown body.
#[derive(Debug, Clone)]
pub struct Doc<M> {
    /// The file stem: the document's URL segment.
    pub slug: String,
    /// The front matter.
    pub meta: M,
    /// The Markdown body after the front matter.
    pub body: String,
    /// The file it was read from.
    pub file: Arc<SourceFile>,
}

/// One pool: its policy and its experts' public records, sorted by id.
#[derive(Debug, Clone)]
pub struct Pool {
    /// The pool's `pool.toml`.
    pub policy: Loaded<PoolPolicy>,
    /// Its experts' public records, sorted by id.
    pub experts: Vec<Loaded<ExpertRecord>>,
    /// Ids (file stems) of expert files that exist but did not parse. References to them
    /// are not reported again: the parse error already names the real problem.
    pub unparsed: BTreeSet<String>,
}

impl Pool {
    /// The pool's id (its folder name).
    pub fn id(&self) -> &str {
        &self.policy.id
    }

    /// The expert with public id `id`.
    pub fn expert(&self, id: &str) -> Option<&Loaded<ExpertRecord>> {
        self.experts.binary_search_by(|e| e.id.as_str().cmp(id)).ok().map(|i| &self.experts[i])
    }
}

/// Everything of an instance except personal data. The site is built from this alone.
#[derive(Debug, Clone)]
pub struct PublicInstance {
    /// The folder the instance was loaded from.
    pub root: PathBuf,
    /// `site.toml`.
    pub site: Loaded<SiteConfig>,
    /// `specialties.toml`.
    pub specialties: Loaded<SpecialtyFile>,
    /// The holiday schedules of `calendar/`.
    pub calendar: Calendar,
    /// The pools, sorted by id.
    pub pools: Vec<Pool>,
    /// Folder names of pools whose `pool.toml` did not parse (each has a diagnostic). Their
    /// experts are not loaded, so nothing that may be theirs (a person, a notice's pool) is
    /// reported missing or unreferenced on top of the one parse error.
    pub unloaded_pools: BTreeSet<String>,
    /// Publicity notices.
    pub notices: Vec<Doc<NoticeMeta>>,
    /// Calls for experts.
    pub calls: Vec<Doc<CallMeta>>,
    /// Policy documents and other pages.
    pub pages: Vec<Doc<PageMeta>>,
}

impl PublicInstance {
    /// The pool with id `id`.
    pub fn pool(&self, id: &str) -> Option<&Pool> {
        self.pools.iter().find(|p| p.id() == id)
    }

    /// The specialty with code `code` (the first, if listed twice).
    pub fn specialty(&self, code: &str) -> Option<&Specialty> {
        self.specialties.specialties.iter().find(|s| s.code == code)
    }

    /// The notice with slug `slug`.
    pub fn notice(&self, slug: &str) -> Option<&Doc<NoticeMeta>> {
        self.notices.iter().find(|n| n.slug == slug)
    }

    /// The call with slug `slug`.
    pub fn call(&self, slug: &str) -> Option<&Doc<CallMeta>> {
        self.calls.iter().find(|c| c.slug == slug)
    }

    /// All experts of all pools.
    pub fn experts(&self) -> impl Iterator<Item = (&Pool, &Loaded<ExpertRecord>)> {
        self.pools.iter().flat_map(|p| p.experts.iter().map(move |e| (p, e)))
    }
}
