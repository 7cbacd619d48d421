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
    pub value: T,
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
    pub slug: String,
    pub meta: M,
    pub body: String,
    pub file: Arc<SourceFile>,
}

/// One pool: its policy and its experts' public records, sorted by id.
#[derive(Debug, Clone)]
pub struct Pool {
    pub policy: Loaded<PoolPolicy>,
    pub experts: Vec<Loaded<ExpertRecord>>,
    /// Ids (file stems) of expert files that exist but did not parse. References to them
    /// are not reported again: the parse error already names the real problem.
    pub unparsed: BTreeSet<String>,
}

impl Pool {
    pub fn id(&self) -> &str {
        &self.policy.id
    }

    pub fn expert(&self, id: &str) -> Option<&Loaded<ExpertRecord>> {
        self.experts.binary_search_by(|e| e.id.as_str().cmp(id)).ok().map(|i| &self.experts[i])
    }
}

/// Everything of an instance except personal data. The site is built from this alone.
#[derive(Debug, Clone)]
pub struct PublicInstance {
    pub root: PathBuf,
    pub site: Loaded<SiteConfig>,
    pub specialties: Loaded<SpecialtyFile>,
    pub calendar: Calendar,
    pub pools: Vec<Pool>,
    pub notices: Vec<Doc<NoticeMeta>>,
    pub calls: Vec<Doc<CallMeta>>,
    pub pages: Vec<Doc<PageMeta>>,
}

impl PublicInstance {
    pub fn pool(&self, id: &str) -> Option<&Pool> {
        self.pools.iter().find(|p| p.id() == id)
    }

    pub fn specialty(&self, code: &str) -> Option<&Specialty> {
        self.specialties.specialties.iter().find(|s| s.code == code)
    }

    pub fn notice(&self, slug: &str) -> Option<&Doc<NoticeMeta>> {
        self.notices.iter().find(|n| n.slug == slug)
    }

    pub fn call(&self, slug: &str) -> Option<&Doc<CallMeta>> {
        self.calls.iter().find(|c| c.slug == slug)
    }

    /// All experts of all pools.
    pub fn experts(&self) -> impl Iterator<Item = (&Pool, &Loaded<ExpertRecord>)> {
        self.pools.iter().flat_map(|p| p.experts.iter().map(move |e| (p, e)))
    }
}
