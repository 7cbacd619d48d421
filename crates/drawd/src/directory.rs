//! The pools as the draw sees them: both halves of every record, joined here and
//! mapped onto the protocol's [`Candidate`]. Reloaded when the content folder changes
//! (checked before each draw by comparing file sizes and modification times).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::SystemTime;

use expertpool_draw::{Candidate, Collaboration, DrawRules, Employment, PreparedCandidates, SnapshotRecord};
use expertpool_private::{PrivateRecord, load_private};
use expertpool_records::Date;
use expertpool_records::layout;
use expertpool_records::load::load_public;
use expertpool_records::model::{DrawPolicy, ExpertRecord, SkillLevel, TitleLevel};
use expertpool_records::status::{Status, current_term, status_on};

/// One expert: public record and, when present, the private half.
#[derive(Debug, Clone)]
pub struct Expert {
    pub public: ExpertRecord,
    pub private: Option<PrivateRecord>,
}

#[derive(Debug, Clone)]
pub struct PoolData {
    pub id: String,
    pub name: String,
    /// The pool policy's `[draw]` rules, committed with each of its draws.
    pub rules: DrawRules,
    /// Sorted by id.
    pub experts: Vec<Expert>,
}

impl PoolData {
    pub fn expert(&self, id: &str) -> Option<&Expert> {
        self.experts.binary_search_by(|e| e.public.id.as_str().cmp(id)).ok().map(|i| &self.experts[i])
    }
}

/// A pool's candidates for one event date, prepared for eligibility (normalised once),
/// with their snapshot hash.
pub type Pooled = Arc<(PreparedCandidates, [u8; 32])>;

/// The instance's pools and experts as the draw sees them, reloaded when content changes.
#[derive(Debug)]
pub struct Directory {
    /// Pools by id.
    pub pools: BTreeMap<String, PoolData>,
    /// Specialty code → retired (date) or not.
    pub specialties: BTreeMap<String, Option<Date>>,
    /// Specialty code → its Chinese name (the console's forms choose by name).
    pub specialty_names: BTreeMap<String, String>,
    /// The bureau's name and the public site's address, from `site.toml` (the console's
    /// printed record names the bureau and points to the public draw page).
    pub bureau: String,
    /// `site.toml` `base_url`.
    pub site_url: String,
    pub(crate) fingerprint: Vec<(PathBuf, u64, Option<SystemTime>)>,
    /// Problems found by the last load; draws are refused while there are any.
    pub problems: Vec<String>,
    /// Candidates and snapshot hash per (pool, event date): the mapping and hashing
    /// walk the whole pool, and many draws of a day share a date.
    cache: std::sync::Mutex<BTreeMap<(String, Date), Pooled>>,
}

/// Watches the content folder so that checking for changes before a draw costs an
/// atomic load instead of a walk over thousands of files. Where no watcher can be set
/// up (e.g. inotify limits), [`ContentWatch::changed`] falls back to comparing the
/// files' sizes and modification times.
pub struct ContentWatch {
    dirty: Arc<AtomicBool>,
    watcher: Option<notify::RecommendedWatcher>,
}

impl ContentWatch {
    pub fn new(root: &Path) -> ContentWatch {
        use notify::Watcher;
        let dirty = Arc::new(AtomicBool::new(false));
        let flag = dirty.clone();
        let watcher = notify::recommended_watcher(move |ev: notify::Result<notify::Event>| {
            if ev.is_ok_and(|e| matches!(e.kind, notify::EventKind::Access(_))) {
                return;
            }
            flag.store(true, Ordering::SeqCst);
        })
        .and_then(|mut w| w.watch(root, notify::RecursiveMode::Recursive).map(|_| w));
        ContentWatch { dirty, watcher: watcher.ok() }
    }

    /// Whether the content may have changed since `current` was loaded; clears the flag.
    pub fn changed(&self, root: &Path, current: &Directory) -> bool {
        if self.watcher.is_some() {
            self.dirty.swap(false, Ordering::SeqCst)
        } else {
            fingerprint(root) != current.fingerprint
        }
    }
}

/// The files whose change means a reload: the taxonomy, pools and private records.
pub fn fingerprint(root: &Path) -> Vec<(PathBuf, u64, Option<SystemTime>)> {
    let mut out = Vec::new();
    fn walk(dir: &Path, out: &mut Vec<(PathBuf, u64, Option<SystemTime>)>) {
        let Ok(rd) = std::fs::read_dir(dir) else { return };
        for e in rd.flatten() {
            let p = e.path();
            let Ok(md) = e.metadata() else { continue };
            if md.is_dir() {
                walk(&p, out);
            } else {
                out.push((p, md.len(), md.modified().ok()));
            }
        }
    }
    for f in [layout::specialties(), layout::site()] {
        let p = root.join(f);
        if let Ok(md) = std::fs::metadata(&p) {
            out.push((p, md.len(), md.modified().ok()));
        }
    }
    walk(&root.join(layout::POOLS), &mut out);
    walk(&root.join(layout::PRIVATE), &mut out);
    out.sort();
    out
}

impl Directory {
    /// Loads both halves. Unreadable files become `problems`, not a crash: the service
    /// keeps serving reads and refuses new draws until the content is fixed.
    pub fn load(root: &Path) -> Directory {
        let fingerprint = fingerprint(root);
        let public = load_public(root);
        let private = load_private(root);
        let mut problems: Vec<String> =
            public.diagnostics.iter().chain(private.diagnostics.iter()).map(|d| d.headline()).collect();
        let mut pools = BTreeMap::new();
        let mut specialties = BTreeMap::new();
        let mut specialty_names = BTreeMap::new();
        let (mut bureau, mut site_url) = (String::new(), String::new());
        if let Some(inst) = public.value {
            for s in &inst.specialties.specialties {
                specialties.insert(s.code.clone(), s.retired);
                specialty_names.insert(s.code.clone(), s.name.clone());
            }
            bureau = inst.site.bureau.name.clone();
            site_url = inst.site.site.base_url.clone();
            let people = private.value.unwrap_or_default();
            for p in &inst.pools {
                let experts = p
                    .experts
                    .iter()
                    .map(|e| Expert {
                        public: e.value.clone(),
                        private: people.person(&e.person).map(|x| x.value.clone()),
                    })
                    .collect();
                pools.insert(
                    p.id().to_owned(),
                    PoolData {
                        id: p.id().to_owned(),
                        name: p.policy.name.clone(),
                        rules: rules_of(&p.policy.draw),
                        experts,
                    },
                );
            }
        } else if problems.is_empty() {
            problems.push(format!("{}: site.toml or specialties.toml could not be read", root.display()));
        }
        Directory {
            pools,
            specialties,
            specialty_names,
            bureau,
            site_url,
            fingerprint,
            problems,
            cache: Default::default(),
        }
    }

    /// The pool's candidates for an event on `on`, with their snapshot hash.
    pub fn candidates(&self, pool: &PoolData, on: Date) -> Pooled {
        let key = (pool.id.clone(), on);
        if let Some(hit) = self.cache.lock().unwrap_or_else(|p| p.into_inner()).get(&key) {
            return hit.clone();
        }
        let cands = candidates(pool, on);
        let hash = snapshot(&cands);
        let v = Arc::new((PreparedCandidates::new(&cands), hash));
        let mut cache = self.cache.lock().unwrap_or_else(|p| p.into_inner());
        if cache.len() > 64 {
            cache.clear();
        }
        cache.insert(key, v.clone());
        v
    }

    /// Experts in every pool.
    pub fn expert_count(&self) -> usize {
        self.pools.values().map(|p| p.experts.len()).sum()
    }
}

/// The protocol's rules from a pool policy. The policy states the collaboration window
/// in years (as art. 10(3) does); the protocol counts both windows in months.
pub fn rules_of(d: &DrawPolicy) -> DrawRules {
    DrawRules {
        pause: d.pause_rule,
        employment_months: d.employment_recusal_months as u32,
        collaboration_months: d.collaboration_recusal_years as u32 * 12,
    }
}

/// Level rank shared by the two ladders, so one `min_level` works for both: the seeds
/// treat an intermediate title like a technician (二级) and a senior title like a senior
/// technician (一级).
pub fn title_rank(l: TitleLevel) -> u32 {
    match l {
        TitleLevel::Junior => 1,
        TitleLevel::Intermediate => 2,
        TitleLevel::AssociateSenior => 3,
        TitleLevel::Senior => 4,
    }
}

pub fn skill_rank(l: SkillLevel) -> u32 {
    match l {
        SkillLevel::Level5 | SkillLevel::Level4 | SkillLevel::Level3 => 1,
        SkillLevel::Level2 => 2,
        SkillLevel::Level1 => 3,
    }
}

/// `min_level` as the API accepts it: a rank 0–4 or a title/skill label.
pub fn parse_level(v: &serde_json::Value) -> Option<u32> {
    match v {
        serde_json::Value::Number(n) => n.as_u64().filter(|n| *n <= 4).map(|n| n as u32),
        serde_json::Value::String(s) => {
            TitleLevel::from_label(s).map(title_rank).or_else(|| SkillLevel::from_label(s).map(skill_rank))
        }
        _ => None,
    }
}

pub fn level_of(r: &ExpertRecord) -> u32 {
    let t = r.title.as_ref().map(|t| title_rank(t.level)).unwrap_or(0);
    let s = r.skill.as_ref().map(|s| skill_rank(s.level)).unwrap_or(0);
    t.max(s)
}

fn keys(name: &str, code: Option<&String>) -> Vec<String> {
    let mut v = vec![name.trim().to_owned()];
    if let Some(c) = code.filter(|c| !c.trim().is_empty()) {
        v.push(c.trim().to_owned());
    }
    v
}

/// Maps one expert onto the protocol's candidate for an event on `on`. Units are
/// keyed both by credit code and by name, so a request may name a unit either way.
/// Experts never appointed are not part of the pool yet and yield `None`.
pub fn candidate(e: &Expert, on: Date) -> Option<Candidate> {
    let r = &e.public;
    let term = current_term(r, on).or_else(|| r.appointments.iter().max_by_key(|a| a.end))?;
    let specialties = if term.categories.is_empty() { r.specialties.clone() } else { term.categories.clone() };
    let status = status_on(r, on);
    let mut c = Candidate {
        id: r.id.clone(),
        specialties,
        level: level_of(r),
        appointment_start: term.start.0,
        appointment_end: term.end.0,
        active: !r.blacklisted && !matches!(status, Status::Dismissed | Status::Exited),
        units: keys(&r.employer, r.employer_credit_code.as_ref()),
        employment: vec![],
        collaborations: vec![],
        relations: vec![],
    };
    if let Some(p) = &e.private {
        for job in &p.employment {
            for unit in keys(&job.employer, job.credit_code.as_ref()) {
                c.employment.push(Employment { unit, end: job.to.map(|d| d.0) });
            }
        }
        c.collaborations =
            p.collaborations.iter().map(|k| Collaboration { with: k.with.trim().to_owned(), date: k.date.0 }).collect();
        for d in &p.declarations {
            c.relations.extend(keys(&d.party, d.credit_code.as_ref()));
        }
    }
    Some(c)
}

pub fn candidates(pool: &PoolData, on: Date) -> Vec<Candidate> {
    pool.experts.iter().filter_map(|e| candidate(e, on)).collect()
}

pub fn snapshot(cands: &[Candidate]) -> [u8; 32] {
    let recs: Vec<SnapshotRecord> = cands.iter().map(SnapshotRecord::from).collect();
    expertpool_draw::snapshot_hash(&recs)
}
