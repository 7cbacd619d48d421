//! What `serve` keeps between renders to skip pages whose inputs did not change, and the
//! keys that tell. Every key is a hash of content (record texts, contexts, templates), so a
//! key stays right however the instance was (re)loaded: a record re-read with the same text
//! keeps its pages, a changed one changes the key of every page that shows it.

use super::pages::Lazy;
use crate::views::NoticeView;
use expertpool_records::history::Change;
use expertpool_records::{Date, Pool, PublicInstance};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::HashMap;
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Pages rendered by a previous run, keyed by output path, with the hash of what they were
/// rendered from.
#[derive(Debug, Default)]
pub(crate) struct RenderCache {
    /// The templates' fingerprint the pages were rendered with; another one voids them all.
    pub(super) fingerprint: u64,
    pub(super) pages: HashMap<String, (u64, Arc<Vec<u8>>)>,
    /// Expert pages by path: the hash of the record's text and of the inputs shared by a
    /// pool's pages ([`epoch`]) they were rendered from. A page whose record and epoch are
    /// the same is reused without even building its context, which is what makes a
    /// one-record edit in a 10,000-expert instance fast.
    pub(super) experts: ExpertMemo,
    /// The record history of the last run and the commit it was read at: a `git log` over a
    /// long history costs far more than asking git which commit is checked out.
    history: Option<(String, Arc<History>)>,
    /// How many pages the last run rendered (the rest came from the cache).
    pub(crate) last_rendered: usize,
}

/// Expert page path → (record text hash, epoch).
pub(super) type ExpertMemo = HashMap<String, (u64, u64)>;

/// Which version of every record a render sees: a hash of each record file's text, and one
/// of everything else a list or notice page shares with all pages (`site.toml`, the
/// templates and `site` value, the day). Together they stand for all a list or notice page
/// shows of its experts, without building the page's rows to compare them.
pub(super) struct Versions {
    generation: u64,
    /// The hash of each record's text, by pool and position.
    records: Vec<Vec<u64>>,
}

impl Versions {
    /// Hashes every record's text, in parallel. Only for a render with a cache: `serve`
    /// keeps the texts in memory, where a one-off build would read them back from disk.
    pub(super) fn new(instance: &PublicInstance, fingerprint: u64, today: Date) -> Versions {
        let records =
            instance.pools.iter().map(|p| p.experts.par_iter().map(|e| hash_str(e.file.text())).collect()).collect();
        let mut hasher = DefaultHasher::new();
        (instance.site.file.text(), fingerprint, today).hash(&mut hasher);
        Versions { generation: hasher.finish(), records }
    }

    /// The version of the record at `index` of pool `pool`.
    pub(super) fn record(&self, pool: usize, index: usize) -> u64 {
        self.records[pool][index]
    }

    /// A key for what `lazy` will add to its page, or `None` where only building it tells.
    pub(super) fn key(&self, instance: &PublicInstance, notices: &[(usize, NoticeView)], lazy: &Lazy) -> Option<u64> {
        let mut hasher = DefaultHasher::new();
        self.generation.hash(&mut hasher);
        match lazy {
            Lazy::Expert(..) => return None,
            Lazy::Rows(list, range) => {
                for &(pool, index) in &list[range.clone()] {
                    self.records[pool][index].hash(&mut hasher);
                }
            }
            Lazy::Notice(k) => {
                let notice = &instance.notices[notices.get(*k)?.0];
                let pool_index = instance.pools.iter().position(|p| p.id() == notice.meta.pool)?;
                let pool = &instance.pools[pool_index];
                notice.slug.hash(&mut hasher);
                // The whole file: its objections and contact shape the page's late part too.
                hash_str(notice.file.text()).hash(&mut hasher);
                for id in &notice.meta.experts {
                    let index = pool.experts.binary_search_by(|e| e.id.as_str().cmp(id)).ok();
                    index.map(|i| self.records[pool_index][i]).hash(&mut hasher);
                }
            }
        }
        Some(hasher.finish())
    }
}

/// What every expert page of `pool` depends on besides its own record.
pub(super) fn epoch(instance: &PublicInstance, pool: &Pool, today: Date, fingerprint: u64) -> u64 {
    let mut hasher = DefaultHasher::new();
    instance.site.file.text().hash(&mut hasher);
    instance.specialties.file.text().hash(&mut hasher);
    pool.policy.file.text().hash(&mut hasher);
    for notice in &instance.notices {
        notice.slug.hash(&mut hasher);
    }
    today.hash(&mut hasher);
    fingerprint.hash(&mut hasher);
    hasher.finish()
}

/// Commits per expert file, with a hash of them all.
#[derive(Debug)]
pub(super) struct History {
    pub(super) changes: HashMap<PathBuf, Vec<Change>>,
    pub(super) fingerprint: u64,
}

impl History {
    fn read(root: &Path) -> History {
        let changes = expertpool_records::history::public_record_history(root);
        let mut commits: Vec<(&PathBuf, &Vec<Change>)> = changes.iter().collect();
        commits.sort_by(|a, b| a.0.cmp(b.0));
        let fingerprint = hash_value(&commits);
        History { changes, fingerprint }
    }
}

/// The record history, from the cache while the checked-out commit is the same.
pub(super) fn record_history(root: &Path, cache: Option<&mut RenderCache>) -> Arc<History> {
    let Some(cache) = cache else { return Arc::new(History::read(root)) };
    let head = expertpool_records::history::head_commit(root);
    if let (Some(head), Some((seen, history))) = (&head, &cache.history)
        && head == seen
    {
        return history.clone();
    }
    let history = Arc::new(History::read(root));
    cache.history = head.map(|head| (head, history.clone()));
    history
}

/// A hash of `value`'s JSON form, written straight into the hasher.
pub(super) fn hash_value(value: &impl Serialize) -> u64 {
    struct HashWriter<'a>(&'a mut DefaultHasher);
    impl std::io::Write for HashWriter<'_> {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.write(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut hasher = DefaultHasher::new();
    let _ = serde_json::to_writer(HashWriter(&mut hasher), value);
    hasher.finish()
}

pub(super) fn hash_str(text: &str) -> u64 {
    let mut hasher = DefaultHasher::new();
    text.hash(&mut hasher);
    hasher.finish()
}
