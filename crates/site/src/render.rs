//! From a loaded instance to every output file, in memory. Pages are rendered in parallel
//! (rayon); with a [`RenderCache`] a page whose context and templates did not change since
//! the last render is reused instead of rendered again, which is what makes `serve` fast.

use crate::context::PageContext;
use crate::templates::Templates;
use crate::views::*;
use crate::{BuildError, annex, draws, feeds, markdown, search, urls};
use expertpool_records::calendar::Period;
use expertpool_records::diagnostic::{Code, Diagnostic};
use expertpool_records::eligibility::rules_of;
use expertpool_records::history::Change;
use expertpool_records::public::PublicExpert;
use expertpool_records::source::SourceFile;
use expertpool_records::{Date, PublicInstance};
use rayon::prelude::*;
use serde::Serialize;
use serde_json::{Map, Value, json};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::ops::Range;
use std::sync::{Arc, Mutex};

/// A rendered site: output path (relative, `/`-separated) → bytes.
#[derive(Debug, Clone, Default)]
pub struct SiteFiles {
    pub files: BTreeMap<String, Arc<Vec<u8>>>,
}

impl SiteFiles {
    fn insert(&mut self, path: impl Into<String>, bytes: Vec<u8>) {
        self.files.insert(path.into(), Arc::new(bytes));
    }

    pub fn get(&self, path: &str) -> Option<&Arc<Vec<u8>>> {
        self.files.get(path)
    }
}

/// Pages rendered by a previous run, keyed by output path, with the hash of what they were
/// rendered from.
#[derive(Debug, Default)]
pub struct RenderCache {
    fingerprint: u64,
    pages: HashMap<String, (u64, Arc<Vec<u8>>)>,
    /// Expert pages by path: the record file and the inputs shared by a pool's pages
    /// (`epoch`) they were rendered from. A page whose record file is the same one (or has
    /// the same text) under the same epoch is reused without even building its context,
    /// which is what makes a one-record edit in a 10,000-expert instance fast.
    experts: HashMap<String, (Arc<SourceFile>, u64)>,
    /// Every record file (and `site.toml`) the last run read. List and notice pages are
    /// keyed by the addresses of their experts' record files (see [`Versions`]); holding
    /// the previous run's files keeps those addresses from being reused by new ones.
    files: Vec<Arc<SourceFile>>,
    /// The record history of the last run and the commit it was read at: a `git log` over a
    /// long history costs far more than asking git which commit is checked out.
    history: Option<(String, Arc<History>)>,
    /// How many pages the last run rendered (the rest came from the cache).
    pub last_rendered: usize,
}

/// Which version of every record a render sees, cheaply: `serve` replaces an edited record
/// with a newly read file and keeps every other record's file as it was, and reloads
/// everything (new files throughout) for any other change. So the address of a record's
/// file, with the address of `site.toml`'s, the day and the templates, stands for all a
/// list or notice page shows of it — without building the page's rows to compare them.
struct Versions {
    generation: u64,
    /// The address of each record's file, by pool and position.
    records: Vec<Vec<usize>>,
}

impl Versions {
    fn new(instance: &PublicInstance, fingerprint: u64, today: Date) -> Versions {
        let records =
            instance.pools.iter().map(|p| p.experts.iter().map(|e| Arc::as_ptr(&e.file) as usize).collect()).collect();
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        (Arc::as_ptr(&instance.site.file) as usize, fingerprint, today).hash(&mut hasher);
        Versions { generation: hasher.finish(), records }
    }

    /// A key for what `lazy` will add to its page, or `None` where only building it tells.
    fn key(&self, instance: &PublicInstance, notices: &[(usize, NoticeView)], lazy: &Lazy) -> Option<u64> {
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
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
                for id in &notice.meta.experts {
                    let index = pool.experts.binary_search_by(|e| e.id.as_str().cmp(id)).ok();
                    index.map(|i| self.records[pool_index][i]).hash(&mut hasher);
                }
            }
        }
        Some(hasher.finish())
    }
}

/// A page to render: output file, template and the page's own context.
struct Job {
    path: String,
    template: &'static str,
    /// The navigation section the page belongs to (which header it shares).
    section: &'static str,
    context: Map<String, Value>,
    /// Take the page from the cache as it is (its inputs are known not to have changed).
    reuse: bool,
    /// The part of the context built only when the page is rendered.
    lazy: Option<Lazy>,
}

/// Context built at render time, so that a build never holds the contexts of 100,000 expert
/// pages and thousands of list pages at once: with them built up front, peak memory grew
/// with the site and the 100,000-expert build spent its time in the allocator.
enum Lazy {
    /// An expert page: pool, index into the pool's projections.
    Expert(usize, usize),
    /// A page of an expert list: `items` are these (pool, index) pairs of the whole list.
    Rows(Arc<[(usize, usize)]>, Range<usize>),
    /// A notice page: index into the notice views.
    Notice(usize),
}

/// Everything shared by the page builders.
struct Cx<'a> {
    instance: &'a PublicInstance,
    today: Date,
    page_size: usize,
    /// Projections of each pool's experts, in the pool's order.
    experts: Vec<Vec<PublicExpert>>,
    jobs: Vec<Job>,
    /// Expert pages of the previous render (see [`RenderCache::experts`]).
    prior: HashMap<String, (Arc<SourceFile>, u64)>,
    /// What the expert pages of this render depend on, kept only when there is a cache.
    memo: Option<HashMap<String, (Arc<SourceFile>, u64)>>,
    /// Templates and the shared `site` value: a change to either invalidates every page.
    fingerprint: u64,
}

/// Where rendered files go: memory (`serve`, tests) or a folder (`build`). Called from
/// several threads at once.
pub trait Sink: Sync {
    fn put(&self, path: &str, bytes: Arc<Vec<u8>>) -> Result<(), BuildError>;
}

/// Collects the files in memory.
#[derive(Default)]
pub struct MemorySink(Mutex<SiteFiles>);

impl MemorySink {
    pub fn into_files(self) -> SiteFiles {
        self.0.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

impl Sink for MemorySink {
    fn put(&self, path: &str, bytes: Arc<Vec<u8>>) -> Result<(), BuildError> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).files.insert(path.to_string(), bytes);
        Ok(())
    }
}

/// Renders the whole site of `instance` as of `today` into memory.
pub fn render_site(
    instance: &PublicInstance,
    templates: &Templates,
    today: Date,
    cache: Option<&mut RenderCache>,
) -> Result<SiteFiles, BuildError> {
    let sink = MemorySink::default();
    render_into(instance, templates, today, cache, &sink)?;
    Ok(sink.into_files())
}

/// Renders the whole site of `instance` as of `today`, handing each file to `sink` as soon
/// as it is ready (so a build never holds the whole site in memory).
pub fn render_into(
    instance: &PublicInstance,
    templates: &Templates,
    today: Date,
    mut cache: Option<&mut RenderCache>,
    sink: &dyn Sink,
) -> Result<(), BuildError> {
    let experts: Vec<Vec<PublicExpert>> = instance
        .pools
        .iter()
        .map(|pool| pool.experts.par_iter().map(|r| PublicExpert::project(instance, &pool.policy, r, today)).collect())
        .collect();
    let mut cx = Cx {
        instance,
        today,
        page_size: instance.site.site.page_size.max(1),
        experts,
        jobs: Vec::new(),
        prior: match &cache {
            Some(c) if c.fingerprint == templates.fingerprint => c.experts.clone(),
            _ => HashMap::new(),
        },
        memo: cache.is_some().then(HashMap::new),
        fingerprint: templates.fingerprint,
    };
    let mut out = SiteFiles::default();

    let notices = notice_views(instance, today)?;
    let calls: Vec<(usize, CallView)> = instance
        .calls
        .iter()
        .enumerate()
        .filter_map(|(i, c)| instance.pool(&c.meta.pool).map(|p| (i, call_view(c, p, today))))
        .collect();
    let draw_log = draws::read(&instance.root)?;

    let listed_any = cx.experts.iter().flatten().any(|e| e.status.is_listed());
    let nav = nav(instance, listed_any, &notices, &calls, draw_log.is_some());
    let site = site_value(instance, today, nav, templates.static_files.contains_key("verify.html"));
    cx.fingerprint ^= hash_value(&site).rotate_left(7);
    // One `git log` for the whole instance; a commit changes no record bytes, so the
    // history enters the fingerprint that decides whether cached expert pages are reused.
    let history = record_history(&instance.root, cache.as_deref_mut());
    cx.fingerprint ^= history.fingerprint.rotate_left(13);

    let versions = Versions::new(instance, cx.fingerprint, today);
    home(&mut cx, &notices, &calls);
    directories(&mut cx);
    specialties(&mut cx);
    notice_pages(&mut cx, &notices);
    let annexes = call_pages(&mut cx, &calls);
    policy_pages(&mut cx);
    if let Some(log) = &draw_log {
        draw_pages(&mut cx, log);
        out.insert("draws/log.json", log.raw.clone());
    }
    // Served at any depth, so it links through the base URL's path rather than `../`.
    let mut not_found = job("404.html", "404.html", "页面未找到", "", Map::new());
    not_found.context.insert("root".into(), Value::String(urls::base_path(&instance.site.site.base_url)));
    cx.jobs.push(not_found);

    let pages: Vec<String> = cx.jobs.iter().map(|j| j.path.clone()).filter(|p| p != "404.html").collect();
    let memo = cx.memo.take();
    if let (Some(c), Some(memo)) = (cache.as_deref_mut(), memo) {
        c.experts = memo;
    }
    let experts = &cx.experts;
    // A set, not a scan of the notices per expert: both grow with the instance.
    let slugs: HashSet<&str> = instance.notices.iter().map(|n| n.slug.as_str()).collect();
    let fill = |path: &str, lazy: Lazy| match lazy {
        Lazy::Expert(pool, index) => expert_context(instance, &slugs, experts, &history.changes, pool, index, path),
        Lazy::Rows(list, range) => expert_rows(experts, &list[range]),
        Lazy::Notice(k) => notice_context(instance, experts, &notices, k),
    };
    // The machine-readable files need no template: they are made while the pages render.
    let quick_key = |lazy: &Lazy| versions.key(instance, &notices, lazy);
    let jobs = std::mem::take(&mut cx.jobs);
    let (rendered, data) = rayon::join(
        || render_jobs(jobs, templates, &site, cache.as_deref_mut(), sink, &fill, &quick_key),
        || data_files(instance, experts, &notices, &calls, pages, &annexes),
    );
    rendered?;
    if let Some(c) = cache {
        // Replaced only after a good run: until then the cached keys name the old files.
        c.files = std::iter::once(instance.site.file.clone())
            .chain(instance.pools.iter().flat_map(|p| p.experts.iter().map(|e| e.file.clone())))
            .collect();
    }
    out.files.extend(data?);
    for (path, bytes) in &templates.static_files {
        out.insert(path.clone(), bytes.clone());
    }
    for (path, bytes) in out.files {
        sink.put(&path, bytes)?;
    }
    Ok(())
}

/// Commits per expert file, with a hash of them all.
#[derive(Debug)]
struct History {
    changes: HashMap<std::path::PathBuf, Vec<Change>>,
    fingerprint: u64,
}

impl History {
    fn read(root: &std::path::Path) -> History {
        let changes = expertpool_records::history::public_record_history(root);
        let mut commits: Vec<(&std::path::PathBuf, &Vec<Change>)> = changes.iter().collect();
        commits.sort_by(|a, b| a.0.cmp(b.0));
        let fingerprint = hash_value(&commits);
        History { changes, fingerprint }
    }
}

/// The record history, from the cache while the checked-out commit is the same.
fn record_history(root: &std::path::Path, cache: Option<&mut RenderCache>) -> Arc<History> {
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

/// Output path and bytes of files made outside the templates.
type Files = Vec<(String, Arc<Vec<u8>>)>;

/// The search index, feed, calendar, sitemap, robots.txt and the calls' summary tables
/// (`annexes`: folder and title of each).
fn data_files(
    instance: &PublicInstance,
    experts: &[Vec<PublicExpert>],
    notices: &[(usize, NoticeView)],
    calls: &[(usize, CallView)],
    mut pages: Vec<String>,
    annexes: &[(String, String)],
) -> Result<Files, BuildError> {
    let base = &instance.site.site.base_url;
    pages.sort_unstable();
    let pages: Vec<&String> = pages.iter().collect();
    let mut files: Vec<(String, Vec<u8>)> = vec![
        ("search-index.json".into(), search::index(instance, experts)),
        ("feed.xml".into(), feeds::atom(instance, notices, calls).into_bytes()),
        ("calendar.ics".into(), feeds::ics(instance, notices, calls).into_bytes()),
        ("sitemap.xml".into(), feeds::sitemap(base, &pages).into_bytes()),
        ("robots.txt".into(), feeds::robots(base).into_bytes()),
    ];
    for (folder, title) in annexes {
        let xlsx = annex::summary_xlsx(title).map_err(|e| BuildError::Template {
            name: annex::XLSX_NAME.into(),
            message: format!("cannot write the summary table: {e}"),
        })?;
        files.push((format!("{folder}{}", annex::XLSX_NAME), xlsx));
        files.push((format!("{folder}{}", annex::CSV_NAME), annex::summary_csv()));
    }
    Ok(files.into_iter().map(|(path, bytes)| (path, Arc::new(bytes))).collect())
}

/// The notices with their computed periods, newest first.
fn notice_views(instance: &PublicInstance, today: Date) -> Result<Vec<(usize, NoticeView)>, BuildError> {
    let mut views = Vec::new();
    let mut errors = Vec::new();
    for (i, notice) in instance.notices.iter().enumerate() {
        let Some(pool) = instance.pool(&notice.meta.pool) else { continue };
        let policy = &pool.policy.publicity;
        let days = notice.meta.working_days.unwrap_or(0).max(policy.working_days);
        match Period::compute(&instance.calendar, notice.meta.start, days, policy.first_day_counts) {
            Ok(period) => {
                views.push((i, notice_view(notice, pool, &period, instance.site.site.notices_after_period, today)))
            }
            Err(e) => errors.push(
                Diagnostic::error(Code::Calendar, &notice.file, "start", e.to_string())
                    .with_help("add the missing year's holiday schedule before publishing this notice"),
            ),
        }
    }
    if !errors.is_empty() {
        return Err(BuildError::Records(errors));
    }
    views.sort_by(|a, b| b.1.published.cmp(&a.1.published).then(a.1.slug.cmp(&b.1.slug)));
    Ok(views)
}

#[derive(Serialize)]
struct NavItem {
    url: &'static str,
    label: &'static str,
    section: &'static str,
}

fn nav(
    instance: &PublicInstance,
    listed_any: bool,
    notices: &[(usize, NoticeView)],
    calls: &[(usize, CallView)],
    draws: bool,
) -> Vec<NavItem> {
    let mut items = vec![NavItem { url: "", label: "首页", section: "home" }];
    if listed_any {
        items.push(NavItem { url: "search/", label: "专家名录", section: "directory" });
    }
    if notices.iter().any(|(_, n)| !n.archived) {
        items.push(NavItem { url: "notices/", label: "公示公告", section: "notices" });
    }
    if !calls.is_empty() {
        items.push(NavItem { url: "calls/", label: "专家征集", section: "calls" });
    }
    if !instance.pages.is_empty() {
        items.push(NavItem { url: "pages/", label: "政策文件", section: "pages" });
    }
    if draws {
        items.push(NavItem { url: "draws/", label: "抽取记录", section: "draws" });
    }
    items
}

fn site_value(instance: &PublicInstance, today: Date, nav: Vec<NavItem>, verify: bool) -> Value {
    let config = &instance.site;
    json!({
        "title": config.site.title,
        "description": config.site.description,
        "base_url": config.site.base_url,
        "base_path": urls::base_path(&config.site.base_url),
        "bureau": config.bureau,
        "nav": nav,
        "today": today,
        "verify": verify,
    })
}

fn job(path: &str, template: &'static str, title: &str, section: &'static str, mut context: Map<String, Value>) -> Job {
    let path = urls::file_of(path);
    page_keys(&mut context, &path, title, section);
    Job { path, template, section, context, reuse: false, lazy: None }
}

/// What every page's context has: title, section, `root` prefix and own URL.
fn page_keys(context: &mut Map<String, Value>, path: &str, title: &str, section: &str) {
    context.insert("title".into(), Value::String(title.to_string()));
    context.insert("section".into(), Value::String(section.to_string()));
    context.insert("root".into(), Value::String(urls::root_of(path)));
    let url = path.strip_suffix("index.html").unwrap_or(path).to_string();
    context.insert("url".into(), Value::String(url));
}

fn to_value<T: Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

/// Where a paginated list goes and what its pages are called.
struct ListPages<'a> {
    base: &'a str,
    template: &'static str,
    title: &'a str,
    section: &'static str,
}

/// Adds one job per page of `items`, each page holding `page_size` of them under `items`.
fn paginate<T: Serialize>(jobs: &mut Vec<Job>, size: usize, list: ListPages, items: &[T], extra: &Map<String, Value>) {
    paginate_with(jobs, size, list, items.len(), extra, |job, range| {
        job.context.insert("items".into(), to_value(&&items[range]));
    });
}

/// [`paginate`] for a list of experts: a page's rows are built when it is rendered.
fn paginate_experts(
    jobs: &mut Vec<Job>,
    size: usize,
    list: ListPages,
    experts: Arc<[(usize, usize)]>,
    extra: &Map<String, Value>,
) {
    paginate_with(jobs, size, list, experts.len(), extra, |job, range| {
        job.lazy = Some(Lazy::Rows(experts.clone(), range));
    });
}

/// One job per page of a list of `len` items; `fill` gives each page its items.
fn paginate_with(
    jobs: &mut Vec<Job>,
    size: usize,
    list: ListPages,
    len: usize,
    extra: &Map<String, Value>,
    mut fill: impl FnMut(&mut Job, Range<usize>),
) {
    let total = len.div_ceil(size).max(1);
    for (i, start) in (0..len).step_by(size).enumerate() {
        let n = i + 1;
        let mut context = extra.clone();
        context.insert("total_items".into(), json!(len));
        context.insert("pager".into(), to_value(&Pager::new(list.base, n, total)));
        let title = list.title;
        let page_title = if n == 1 { title.to_string() } else { format!("{title}（第{n}页）") };
        let mut job = job(&urls::page_url(list.base, n), list.template, &page_title, list.section, context);
        fill(&mut job, start..(start + size).min(len));
        jobs.push(job);
    }
}

/// The `items` of a page of an expert list.
fn expert_rows(experts: &[Vec<PublicExpert>], page: &[(usize, usize)]) -> Map<String, Value> {
    let rows: Vec<ExpertRow> = page.iter().map(|&(pool, index)| ExpertRow::from(&experts[pool][index])).collect();
    let mut context = Map::new();
    context.insert("items".into(), to_value(&rows));
    context
}

fn home(cx: &mut Cx, notices: &[(usize, NoticeView)], calls: &[(usize, CallView)]) {
    let instance = cx.instance;
    let pools: Vec<PoolSummary> =
        instance.pools.iter().zip(&cx.experts).map(|(p, e)| pool_summary(p, e)).filter(|p| p.listed > 0).collect();
    let current: Vec<&NoticeView> = notices.iter().map(|(_, n)| n).filter(|n| n.window.phase != "ended").collect();
    let recent: Vec<&NoticeView> =
        notices.iter().map(|(_, n)| n).filter(|n| n.window.phase == "ended" && !n.archived).take(5).collect();
    let open: Vec<&CallView> = calls.iter().map(|(_, c)| c).filter(|c| c.window.phase != "ended").collect();
    let mut pages: Vec<PageView> = instance.pages.iter().map(page_view).collect();
    pages.sort_by_key(|p| (instance.pages.iter().find(|d| d.slug == p.slug).map(|d| d.meta.weight), p.slug.clone()));
    let mut context = Map::new();
    context.insert("pools".into(), to_value(&pools));
    context.insert("current_notices".into(), to_value(&current));
    context.insert("recent_notices".into(), to_value(&recent));
    context.insert("open_calls".into(), to_value(&open));
    context.insert("policy_pages".into(), to_value(&pages));
    let total: usize = pools.iter().map(|p| p.listed).sum();
    let active: usize = pools.iter().map(|p| p.active).sum();
    context.insert("figures".into(), json!({ "listed": total, "active": active }));
    cx.jobs.push(job("", "home.html", &instance.site.site.title, "home", context));
    if total > 0 {
        cx.jobs.push(job("search/", "search.html", "专家名录检索", "directory", Map::new()));
    }
}

/// One paginated directory per pool, one page per listed expert.
fn directories(cx: &mut Cx) {
    let instance = cx.instance;
    let mut expert_jobs = Vec::new();
    for (pool_index, (pool, experts)) in instance.pools.iter().zip(&cx.experts).enumerate() {
        let listed: Arc<[(usize, usize)]> = experts
            .iter()
            .enumerate()
            .filter(|(_, e)| e.status.is_listed())
            .map(|(index, _)| (pool_index, index))
            .collect();
        if listed.is_empty() {
            continue;
        }
        let summary = pool_summary(pool, experts);
        let mut extra = Map::new();
        extra.insert("pool".into(), to_value(&summary));
        let base = urls::pool(pool.id());
        let list = ListPages { base: &base, template: "pool.html", title: &pool.policy.name, section: "directory" };
        paginate_experts(&mut cx.jobs, cx.page_size, list, listed.clone(), &extra);

        // Projections are in the pool's record order, so `index` finds the record as well.
        let epoch = epoch(instance, pool, cx.today, cx.fingerprint);
        if let Some(memo) = cx.memo.as_mut() {
            memo.extend(listed.iter().map(|&(_, index)| {
                let e = &experts[index];
                (urls::file_of(&urls::expert(&e.pool, &e.id)), (pool.experts[index].file.clone(), epoch))
            }));
        }
        let prior = &cx.prior;
        expert_jobs.par_extend(listed.par_iter().map(|&(_, index)| {
            let e = &experts[index];
            let url = urls::expert(&e.pool, &e.id);
            if !prior.is_empty() {
                let record = &pool.experts[index];
                let path = urls::file_of(&url);
                if let Some((file, was)) = prior.get(&path)
                    && *was == epoch
                    && (Arc::ptr_eq(file, &record.file) || file.text() == record.file.text())
                {
                    return Job {
                        path,
                        template: "expert.html",
                        section: "directory",
                        context: Map::new(),
                        reuse: true,
                        lazy: None,
                    };
                }
            }
            // Even the page's title and URL wait for rendering: 100,000 small maps cost
            // more than building them later.
            Job {
                path: urls::file_of(&url),
                template: "expert.html",
                section: "directory",
                context: Map::new(),
                reuse: false,
                lazy: Some(Lazy::Expert(pool_index, index)),
            }
        }));
    }
    cx.jobs.extend(expert_jobs);
}

/// The context of an expert page, built when the page is rendered.
fn expert_context(
    instance: &PublicInstance,
    notices: &HashSet<&str>,
    experts: &[Vec<PublicExpert>],
    history: &HashMap<std::path::PathBuf, Vec<Change>>,
    pool_index: usize,
    index: usize,
    path: &str,
) -> Map<String, Value> {
    let pool = &instance.pools[pool_index];
    let e = &experts[pool_index][index];
    let record = &pool.experts[index];
    let mut context = Map::new();
    page_keys(&mut context, path, &e.name, "directory");
    context.insert("expert".into(), to_value(e));
    context.insert(
        "pool".into(),
        json!({ "name": pool.policy.name, "url": urls::pool(pool.id()), "term_years": pool.policy.term_years }),
    );
    context.insert("stages".into(), to_value(&stages(&record.stages, notices)));
    let specialties: Vec<Value> =
        e.specialties.iter().map(|s| json!({ "name": s.name, "url": urls::specialty(&s.code) })).collect();
    context.insert("specialty_links".into(), Value::Array(specialties));
    // Only the public file's commits: the history reader never looks at private/.
    if let Some(changes) = history.get(&record.file.path) {
        context.insert("history".into(), to_value(changes));
    }
    context
}

/// What every expert page of `pool` depends on besides its own record.
fn epoch(instance: &PublicInstance, pool: &expertpool_records::Pool, today: Date, fingerprint: u64) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
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

/// The taxonomy with the listed experts of each specialty (a specialty with none gets no page).
fn specialties(cx: &mut Cx) {
    let instance = cx.instance;
    let mut by_code: BTreeMap<&str, Vec<(usize, usize)>> = BTreeMap::new();
    for (pool, experts) in cx.experts.iter().enumerate() {
        for (index, e) in experts.iter().enumerate().filter(|(_, e)| e.status.is_listed()) {
            for s in &e.specialties {
                by_code.entry(s.code.as_str()).or_default().push((pool, index));
            }
        }
    }
    if by_code.is_empty() {
        return;
    }
    let taxonomy = &instance.specialties.specialties;
    let mut groups = Vec::new();
    let counted = |code: &str| by_code.get(code).map(Vec::len).unwrap_or(0);
    for top in taxonomy.iter().filter(|s| s.parent.is_none()) {
        let children: Vec<Value> = taxonomy
            .iter()
            .filter(|c| c.parent.as_deref() == Some(top.code.as_str()) && counted(&c.code) > 0)
            .map(|c| json!({ "name": c.name, "url": urls::specialty(&c.code), "count": counted(&c.code), "retired": c.retired }))
            .collect();
        if children.is_empty() && counted(&top.code) == 0 {
            continue;
        }
        groups.push(json!({
            "name": top.name,
            "url": (counted(&top.code) > 0).then(|| urls::specialty(&top.code)),
            "count": counted(&top.code),
            "retired": top.retired,
            "children": children,
        }));
    }
    let mut context = Map::new();
    context.insert("groups".into(), Value::Array(groups));
    cx.jobs.push(job("specialties/", "specialties.html", "专业类别", "directory", context));
    let page_size = cx.page_size;
    let jobs: Vec<Vec<Job>> = by_code
        .into_par_iter()
        .filter_map(|(code, rows)| {
            let specialty = instance.specialty(code)?;
            let mut extra = Map::new();
            extra.insert(
                "specialty".into(),
                json!({ "code": code, "name": specialty.name, "retired": specialty.retired }),
            );
            let mut jobs = Vec::new();
            let base = urls::specialty(code);
            let list =
                ListPages { base: &base, template: "specialty.html", title: &specialty.name, section: "directory" };
            paginate_experts(&mut jobs, page_size, list, rows.into(), &extra);
            Some(jobs)
        })
        .collect();
    cx.jobs.extend(jobs.into_iter().flatten());
}

fn notice_pages(cx: &mut Cx, notices: &[(usize, NoticeView)]) {
    let instance = cx.instance;
    let (listed, archived): (Vec<&NoticeView>, Vec<&NoticeView>) =
        notices.iter().map(|(_, n)| n).partition(|n| !n.archived);
    let has_archive = !archived.is_empty();
    if !listed.is_empty() {
        let mut extra = Map::new();
        extra.insert("has_archive".into(), json!(has_archive));
        let list = ListPages { base: "notices/", template: "notices.html", title: "公示公告", section: "notices" };
        paginate(&mut cx.jobs, cx.page_size, list, &listed, &extra);
    }
    if has_archive {
        let mut extra = Map::new();
        extra.insert("archive".into(), json!(true));
        let list =
            ListPages { base: "notices/archive/", template: "notices.html", title: "公示归档", section: "notices" };
        paginate(&mut cx.jobs, cx.page_size, list, &archived, &extra);
    }
    for (k, (i, view)) in notices.iter().enumerate() {
        if instance.pool(&instance.notices[*i].meta.pool).is_some() {
            let mut job = job(&view.url, "notice.html", &view.title, "notices", Map::new());
            job.lazy = Some(Lazy::Notice(k));
            cx.jobs.push(job);
        }
    }
}

/// The context of a notice page (`k` in `notices`): built at render time, as a large
/// instance's notices list tens of thousands of proposed experts between them.
fn notice_context(
    instance: &PublicInstance,
    experts: &[Vec<PublicExpert>],
    notices: &[(usize, NoticeView)],
    k: usize,
) -> Map<String, Value> {
    let mut context = Map::new();
    let Some((i, view)) = notices.get(k) else { return context };
    let notice = &instance.notices[*i];
    let Some((pool_index, pool)) = instance.pools.iter().enumerate().find(|(_, p)| p.id() == notice.meta.pool) else {
        return context;
    };
    // Projections are in the pool's record order, so the record's position finds its projection.
    let find = |id: &str| {
        let index = pool.experts.binary_search_by(|e| e.id.as_str().cmp(id)).ok()?;
        experts[pool_index].get(index)
    };
    let detail = notice_detail(notice, view, instance, find);
    context.insert("notice".into(), to_value(view));
    context.insert("detail".into(), to_value(&detail));
    context
}

/// The calls list, call pages and application forms; returns the folder and title of each
/// call's summary table, made later with the other data files.
fn call_pages(cx: &mut Cx, calls: &[(usize, CallView)]) -> Vec<(String, String)> {
    let instance = cx.instance;
    let mut annexes = Vec::new();
    if calls.is_empty() {
        return annexes;
    }
    let mut sorted: Vec<&CallView> = calls.iter().map(|(_, c)| c).collect();
    sorted.sort_by(|a, b| b.published.cmp(&a.published).then(a.slug.cmp(&b.slug)));
    let list = ListPages { base: "calls/", template: "calls.html", title: "专家征集", section: "calls" };
    paginate(&mut cx.jobs, cx.page_size, list, &sorted, &Map::new());
    for (i, view) in calls {
        let call = &instance.calls[*i];
        let Some(pool) = instance.pool(&call.meta.pool) else { continue };
        let rules: Vec<&str> = pool.policy.eligibility.iter().map(|r| r.description.as_str()).collect();
        let well_formed = rules_of(&pool.policy).len();
        let mut context = Map::new();
        context.insert("call".into(), to_value(view));
        context.insert("meta".into(), to_value(&call.meta));
        context.insert("rules".into(), to_value(&rules));
        context.insert("rules_checked".into(), json!(well_formed));
        context.insert(
            "policy".into(),
            json!({ "max_age": pool.policy.age_limit.max_age, "inclusive": pool.policy.age_limit.inclusive, "term_years": pool.policy.term_years, "publicity_days": pool.policy.publicity.working_days }),
        );
        context.insert("body_html".into(), Value::String(markdown::render(&call.body)));
        let annex_base = &view.url;
        context.insert(
            "annexes".into(),
            json!({
                "form": format!("{annex_base}application-form/"),
                "xlsx": format!("{annex_base}{}", annex::XLSX_NAME),
                "csv": format!("{annex_base}{}", annex::CSV_NAME),
            }),
        );
        cx.jobs.push(job(&view.url, "call.html", &view.title, "calls", context));

        let mut form = Map::new();
        form.insert("call".into(), to_value(view));
        form.insert("pool_name".into(), json!(pool.policy.name));
        form.insert("channels".into(), to_value(&annex::channels()));
        form.insert("employer_kinds".into(), to_value(&annex::employer_kinds()));
        form.insert("form_rows".into(), to_value(&annex::FORM_TABLES));
        form.insert("form_fields".into(), to_value(&annex::form_fields()));
        let title = format!("{}入库申请表", pool.policy.name);
        cx.jobs.push(job(&format!("{annex_base}application-form/"), "form.html", &title, "calls", form));

        let table_title = format!("{}推荐（遴选）入库名单汇总表", pool.policy.name);
        annexes.push((annex_base.clone(), table_title));
    }
    annexes
}

fn policy_pages(cx: &mut Cx) {
    let instance = cx.instance;
    if instance.pages.is_empty() {
        return;
    }
    let mut docs: Vec<_> = instance.pages.iter().collect();
    docs.sort_by(|a, b| a.meta.weight.cmp(&b.meta.weight).then(a.slug.cmp(&b.slug)));
    let views: Vec<PageView> = docs.iter().map(|d| page_view(d)).collect();
    let list = ListPages { base: "pages/", template: "pages.html", title: "政策文件", section: "pages" };
    paginate(&mut cx.jobs, cx.page_size, list, &views, &Map::new());
    for (doc, view) in docs.iter().zip(&views) {
        let mut context = Map::new();
        context.insert("page".into(), to_value(view));
        context.insert("body_html".into(), Value::String(markdown::render(&doc.body)));
        cx.jobs.push(job(&view.url, "page.html", &view.title, "pages", context));
    }
}

fn draw_pages(cx: &mut Cx, log: &draws::DrawLog) {
    let instance = cx.instance;
    let named: Vec<draws::DrawView> = log
        .draws
        .iter()
        .cloned()
        .map(|mut d| {
            if let Some(pool) = instance.pool(&d.pool) {
                d.pool_name = pool.policy.name.clone();
            }
            d
        })
        .collect();
    let mut extra = Map::new();
    extra.insert("log".into(), to_value(&log.summary));
    let list = ListPages { base: "draws/", template: "draws.html", title: "专家抽取记录", section: "draws" };
    paginate(&mut cx.jobs, cx.page_size, list, &named, &extra);
    for draw in &named {
        let mut context = Map::new();
        context.insert("draw".into(), to_value(draw));
        context.insert("log".into(), to_value(&log.summary));
        cx.jobs.push(job(&draw.url, "draw.html", &format!("抽取记录 {}", draw.id), "draws", context));
    }
}

/// Renders the jobs in parallel, reusing cached pages whose inputs did not change.
fn render_jobs(
    jobs: Vec<Job>,
    templates: &Templates,
    site: &Value,
    cache: Option<&mut RenderCache>,
    sink: &dyn Sink,
    fill: &(dyn Fn(&str, Lazy) -> Map<String, Value> + Sync),
    quick_key: &(dyn Fn(&Lazy) -> Option<u64> + Sync),
) -> Result<(), BuildError> {
    let chrome = chrome(&jobs, templates, site)?;
    let complete = |mut job: Job| -> Job {
        if let Some(lazy) = job.lazy.take() {
            job.context.extend(fill(&job.path, lazy));
        }
        job
    };
    let render = |page: &mut PageContext, job: Job| -> Result<Arc<Vec<u8>>, BuildError> {
        let key = chrome_key(&job);
        let bytes = page.render(templates, job.template, job.context, chrome.get_key_value(&key))?;
        Ok(Arc::new(bytes))
    };
    let new_context = || PageContext::new(site);
    // Without a cache (a one-off build) there is nothing to compare with: render and hand
    // over each page at once.
    let Some(cache) = cache else {
        return jobs.into_par_iter().try_for_each_init(new_context, |page, job| {
            let path = job.path.clone();
            sink.put(&path, render(page, complete(job))?)
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
                let (key, bytes) = cached.get(&job.path).cloned().ok_or_else(|| BuildError::Template {
                    name: job.template.into(),
                    message: format!("{} was to be reused but is not in the cache", job.path),
                })?;
                sink.put(&job.path, bytes.clone())?;
                return Ok((job.path, key, bytes, false));
            }
            // A page whose rows or names stand for records that did not change is keyed by
            // their versions and its own small context, and reused without building the rest.
            let quick = job.lazy.as_ref().and_then(quick_key);
            if let Some(quick) = quick {
                let key = site_hash ^ hash_value(&job.context).rotate_left(1) ^ hash_str(job.template) ^ quick;
                if let Some((hash, bytes)) = cached.get(&job.path)
                    && *hash == key
                {
                    sink.put(&job.path, bytes.clone())?;
                    return Ok((job.path, key, bytes.clone(), false));
                }
                let path = job.path.clone();
                let bytes = render(page, complete(job))?;
                sink.put(&path, bytes.clone())?;
                return Ok((path, key, bytes, true));
            }
            let job = complete(job);
            let key = site_hash ^ hash_value(&job.context).rotate_left(1) ^ hash_str(job.template);
            let path = job.path.clone();
            let (bytes, fresh) = match cached.get(&job.path) {
                Some((hash, bytes)) if *hash == key => (bytes.clone(), false),
                _ => (render(page, job)?, true),
            };
            sink.put(&path, bytes.clone())?;
            Ok((path, key, bytes, fresh))
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

/// The (root, section) whose header and footer `job` shows; the 404 page sets its own root.
fn chrome_key(job: &Job) -> (String, String) {
    let root = match job.context.get("root").and_then(Value::as_str) {
        Some(root) => root.to_string(),
        None => urls::root_of(&job.path),
    };
    (root, job.section.to_string())
}

/// The header and footer of every (depth, section) the pages have, rendered once: they are
/// the same on thousands of pages and the costliest part of each.
type Chrome = HashMap<(String, String), (String, String)>;

fn chrome(jobs: &[Job], templates: &Templates, site: &Value) -> Result<Chrome, BuildError> {
    let mut keys: Vec<(String, String)> = jobs.iter().filter(|j| !j.reuse).map(chrome_key).collect();
    keys.sort();
    keys.dedup();
    let mut out = HashMap::with_capacity(keys.len());
    for (root, section) in keys {
        let mut context = tera::Context::new();
        context.insert("site", site);
        context.insert("root", &root);
        context.insert("section", &section);
        let header = templates.render("partials/header.html", &context)?;
        let footer = templates.render("partials/footer.html", &context)?;
        out.insert((root, section), (header, footer));
    }
    Ok(out)
}

fn hash_value(value: &impl Serialize) -> u64 {
    struct HashWriter<'a>(&'a mut std::collections::hash_map::DefaultHasher);
    impl std::io::Write for HashWriter<'_> {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.write(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    let _ = serde_json::to_writer(HashWriter(&mut hasher), value);
    hasher.finish()
}

fn hash_str(text: &str) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut hasher);
    hasher.finish()
}
