//! Which pages the site has: one [`Job`] per page, with its template and the context it is
//! rendered with. The costly part of a context (expert rows, a notice's table, an expert
//! page) is only named here ([`Lazy`]) and built when the page is rendered.

use super::cache::{ExpertMemo, Versions, epoch};
use crate::views::*;
use crate::{BuildError, annex, draws, markdown, urls};
use expertpool_records::calendar::Period;
use expertpool_records::diagnostic::{Code, Diagnostic};
use expertpool_records::eligibility::rules_of;
use expertpool_records::history::Change;
use expertpool_records::public::PublicExpert;
use expertpool_records::{Date, PublicInstance};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

/// A page to render: output file, template and the page's own context.
pub(super) struct Job {
    pub(super) path: String,
    pub(super) template: &'static str,
    /// The navigation section the page belongs to (which header it shares).
    pub(super) section: &'static str,
    /// `None` for an expert page, whose context is built as a whole when it is rendered.
    /// Boxed: a build holds a job per page at once, and most are expert pages.
    pub(super) info: Option<Box<PageInfo>>,
    /// Take the page from the cache as it is (its inputs are known not to have changed).
    pub(super) reuse: bool,
    /// The part of the context built only when the page is rendered.
    pub(super) lazy: Option<Lazy>,
}

impl Job {
    /// The (root, section) whose header and footer the page shows; the 404 page sets its own root.
    pub(super) fn chrome_key(&self) -> (String, String) {
        let root = match &self.info {
            Some(info) => info.keys.root.clone(),
            None => urls::root_of(&self.path),
        };
        (root, self.section.to_string())
    }
}

/// Context built at render time, so that a build never holds the contexts of 100,000 expert
/// pages and thousands of list pages at once: with them built up front, peak memory grew
/// with the site and the 100,000-expert build spent its time in the allocator.
pub(super) enum Lazy {
    /// An expert page: pool, index into the pool's projections.
    Expert(usize, usize),
    /// A page of an expert list: `items` are these (pool, index) pairs of the whole list.
    Rows(Arc<[(usize, usize)]>, Range<usize>),
    /// A notice page: index into the notice views.
    Notice(usize),
}

/// Everything shared by the page builders.
pub(super) struct Cx<'a> {
    pub(super) instance: &'a PublicInstance,
    pub(super) today: Date,
    pub(super) page_size: usize,
    /// Projections of each pool's experts, in the pool's order.
    pub(super) experts: Vec<Vec<PublicExpert>>,
    pub(super) jobs: Vec<Job>,
    /// Expert pages of the previous render (see [`super::RenderCache`]).
    pub(super) prior: ExpertMemo,
    /// With a cache: the records' versions, and what the expert pages of this render depend on.
    pub(super) memo: Option<(&'a Versions, ExpertMemo)>,
    /// Templates and the shared `site` value: a change to either invalidates every page.
    pub(super) fingerprint: u64,
}

/// The notices with their computed periods, newest first.
pub(super) fn notice_views(instance: &PublicInstance, today: Date) -> Result<Vec<(usize, NoticeView)>, BuildError> {
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

/// The main navigation: a section is linked only when it has a page.
pub(super) fn nav(
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

pub(super) fn site_view(instance: &PublicInstance, today: Date, nav: Vec<NavItem>, verify: bool) -> SiteView<'_> {
    let config = &instance.site;
    SiteView {
        title: &config.site.title,
        description: &config.site.description,
        base_url: &config.site.base_url,
        base_path: urls::base_path(&config.site.base_url),
        bureau: &config.bureau,
        nav,
        today,
        verify,
        identity: config.site.identity.as_ref(),
        error_report: config.site.error_report.clone().or_else(|| {
            config.bureau.email.as_ref().map(|e| format!("mailto:{e}?subject=%E7%BD%91%E7%AB%99%E6%89%BE%E9%94%99"))
        }),
        demo: config.demo.is_some(),
    }
}

/// A page at URL `path` with its keys and `body`.
pub(super) fn job(
    path: &str,
    template: &'static str,
    title: &str,
    section: &'static str,
    body: Option<PageBody>,
) -> Job {
    let path = urls::file_of(path);
    let keys = PageKeys::new(&path, title, section);
    Job { path, template, section, info: Some(Box::new(PageInfo { keys, body })), reuse: false, lazy: None }
}

/// The 404 page: served at any depth, so it links through the base URL's path rather than `../`.
pub(super) fn not_found(instance: &PublicInstance) -> Job {
    let mut job = job("404.html", "404.html", "页面未找到", "", None);
    if let Some(info) = job.info.as_mut() {
        info.keys.root = urls::base_path(&instance.site.site.base_url);
    }
    job
}

/// Where a paginated list goes and what its pages are called.
struct ListPages<'a> {
    base: &'a str,
    template: &'static str,
    title: &'a str,
    section: &'static str,
}

/// Adds one job per page of `items`, each page holding `page_size` of them as `items`.
fn paginate<T: Clone>(
    jobs: &mut Vec<Job>,
    size: usize,
    list: ListPages,
    items: &[T],
    wrap: fn(Vec<T>) -> ListItems,
    extra: Option<ListExtra>,
) {
    paginate_with(jobs, size, list, items.len(), extra, |job, range| {
        if let Some(PageInfo { body: Some(PageBody::List(page)), .. }) = job.info.as_deref_mut() {
            page.items = Some(wrap(items[range].to_vec()));
        }
    });
}

/// [`paginate`] for a list of experts: a page's rows are built when it is rendered. An
/// empty list still has its first page, which says so and links the other scopes.
fn paginate_experts(
    jobs: &mut Vec<Job>,
    size: usize,
    list: ListPages,
    experts: Arc<[(usize, usize)]>,
    extra: Option<ListExtra>,
) {
    if experts.is_empty() {
        let page = ListPage { total_items: 0, pager: Pager::new(list.base, 1, 1), items: None, extra };
        let mut job = job(list.base, list.template, list.title, list.section, Some(PageBody::List(page)));
        job.lazy = Some(Lazy::Rows(experts, 0..0));
        jobs.push(job);
        return;
    }
    paginate_with(jobs, size, list, experts.len(), extra, |job, range| {
        job.lazy = Some(Lazy::Rows(experts.clone(), range));
    });
}

/// The lists of one set of experts (a pool's, a specialty's) by scope: in service at `base`,
/// each other non-empty scope under `base/status/…/`, each with the filter linking them all.
fn scoped_lists(
    jobs: &mut Vec<Job>,
    size: usize,
    list: ListPages,
    experts: &[Vec<PublicExpert>],
    rows: &[(usize, usize)],
    extra: impl Fn(ScopeView) -> ListExtra,
) {
    let scopes: Vec<(Scope, Arc<[(usize, usize)]>)> = Scope::every()
        .into_iter()
        .map(|scope| {
            let admitted = rows.iter().copied().filter(|&(p, i)| scope.admits(experts[p][i].status)).collect();
            (scope, admitted)
        })
        .collect();
    let counts: Vec<(Scope, usize)> = scopes.iter().map(|(s, r)| (*s, r.len())).collect();
    for (scope, admitted) in scopes {
        if scope != Scope::InService && admitted.is_empty() {
            continue;
        }
        let view = ScopeView {
            scope_label: scope.label(),
            in_service_scope: scope == Scope::InService,
            scopes: scope_links(list.base, &counts, scope),
        };
        let base = scope.url(list.base);
        let title = if scope == Scope::InService {
            list.title.to_string()
        } else {
            format!("{}（{}）", list.title, scope.label())
        };
        let scoped = ListPages { base: &base, template: list.template, title: &title, section: list.section };
        paginate_experts(jobs, size, scoped, admitted, Some(extra(view)));
    }
}

/// One job per page of a list of `len` items; `fill` gives each page its items.
fn paginate_with(
    jobs: &mut Vec<Job>,
    size: usize,
    list: ListPages,
    len: usize,
    extra: Option<ListExtra>,
    mut fill: impl FnMut(&mut Job, Range<usize>),
) {
    let total = len.div_ceil(size).max(1);
    for (i, start) in (0..len).step_by(size).enumerate() {
        let n = i + 1;
        let page =
            ListPage { total_items: len, pager: Pager::new(list.base, n, total), items: None, extra: extra.clone() };
        let title = list.title;
        let page_title = if n == 1 { title.to_string() } else { format!("{title}（第{n}页）") };
        let url = urls::page_url(list.base, n);
        let mut job = job(&url, list.template, &page_title, list.section, Some(PageBody::List(page)));
        fill(&mut job, start..(start + size).min(len));
        jobs.push(job);
    }
}

/// The `items` of a page of an expert list.
pub(super) fn expert_rows<'a>(experts: &'a [Vec<PublicExpert>], page: &[(usize, usize)]) -> LateContext<'a> {
    LateContext::Rows { items: page.iter().map(|&(pool, index)| ExpertRow::from(&experts[pool][index])).collect() }
}

pub(super) fn home(cx: &mut Cx, notices: &[(usize, NoticeView)], calls: &[(usize, CallView)]) {
    let instance = cx.instance;
    let pools: Vec<PoolSummary> =
        instance.pools.iter().zip(&cx.experts).map(|(p, e)| pool_summary(p, e)).filter(|p| p.listed > 0).collect();
    let views = || notices.iter().map(|(_, n)| n);
    let current_notices = views().filter(|n| n.window.phase != "ended").cloned().collect();
    let recent_notices = views().filter(|n| n.window.phase == "ended" && !n.archived).take(5).cloned().collect();
    let open_calls = calls.iter().map(|(_, c)| c).filter(|c| c.window.phase != "ended").cloned().collect();
    let mut policy_pages: Vec<PageView> = instance.pages.iter().map(page_view).collect();
    policy_pages
        .sort_by_key(|p| (instance.pages.iter().find(|d| d.slug == p.slug).map(|d| d.meta.weight), p.slug.clone()));
    let in_service: usize = pools.iter().map(|p| p.in_service).sum();
    let listed: usize = pools.iter().map(|p| p.listed).sum();
    let figures = Figures { in_service, former: listed - in_service };
    let page = HomePage { pools, current_notices, recent_notices, open_calls, policy_pages, figures };
    cx.jobs.push(job("", "home.html", &instance.site.site.title, "home", Some(PageBody::Home(page))));
    if listed > 0 {
        let letters = initial_groups(&cx.experts).into_iter().map(|(link, _)| link).collect();
        let pools = instance.pools.iter().zip(&cx.experts).map(|(p, e)| pool_summary(p, e)).filter(|p| p.listed > 0);
        let body = PageBody::Directory { letters, pools: pools.collect(), page_size: cx.page_size };
        cx.jobs.push(job("search/", "search.html", "专家名录检索", "directory", Some(body)));
    }
    // The site-wide search: with JavaScript it searches the indexes; without, it explains
    // and links the lists that serve the same need.
    let letters =
        if listed > 0 { initial_groups(&cx.experts).into_iter().map(|(link, _)| link).collect() } else { Vec::new() };
    cx.jobs.push(job("find/", "find.html", "全站搜索", "", Some(PageBody::Find { letters, directory: listed > 0 })));
}

/// The in-service experts of all pools by the pinyin initial of their name, letters in
/// order, each list in order of initials then name.
fn initial_groups(experts: &[Vec<PublicExpert>]) -> Vec<(InitialLink, Vec<(usize, usize)>)> {
    let mut by_letter: BTreeMap<char, Vec<(String, &str, (usize, usize))>> = BTreeMap::new();
    for (p, list) in experts.iter().enumerate() {
        for (i, e) in list.iter().enumerate().filter(|(_, e)| e.status.is_in_service()) {
            let initials = crate::initials::initials(&e.name);
            let letter = crate::initials::filing_letter(&initials);
            let key = initials.into_iter().next().unwrap_or_default();
            by_letter.entry(letter).or_default().push((key, e.name.as_str(), (p, i)));
        }
    }
    by_letter
        .into_iter()
        .map(|(letter, mut rows)| {
            rows.sort();
            let link = InitialLink { letter: initial_label(letter), url: urls::initial(letter), count: rows.len() };
            (link, rows.into_iter().map(|(_, _, at)| at).collect())
        })
        .collect()
}

/// `Z` for `z`; `其他` for names without a readable initial.
fn initial_label(letter: char) -> String {
    if letter == '#' { "其他".to_string() } else { letter.to_ascii_uppercase().to_string() }
}

/// The no-JS lists by initial: one paginated list per letter of in-service experts.
pub(super) fn initial_lists(cx: &mut Cx) {
    let groups = initial_groups(&cx.experts);
    let letters: Vec<InitialLink> = groups.iter().map(|(link, _)| link.clone()).collect();
    for (link, rows) in groups {
        let title = format!("姓名首字母 {}", link.letter);
        let list = ListPages { base: &link.url, template: "initial.html", title: &title, section: "directory" };
        let extra = ListExtra::Initial { letter: link.letter.clone(), letters: letters.clone() };
        paginate_experts(&mut cx.jobs, cx.page_size, list, rows.into(), Some(extra));
    }
}

/// The copyright and privacy statements: from site.toml, or the defaults naming the bureau.
pub(super) fn statements(cx: &mut Cx) {
    let site = &cx.instance.site;
    let bureau = &site.bureau.name;
    for (url, title, text, default) in [
        ("copyright/", "版权声明", &site.site.copyright, crate::statements::COPYRIGHT),
        ("privacy/", "隐私声明", &site.site.privacy, crate::statements::PRIVACY),
    ] {
        let markdown = match text {
            Some(own) => own.clone(),
            None => default.replace("{bureau}", bureau).replace("{site}", &site.site.title),
        };
        let body = PageBody::Statement { body_html: markdown::render(&markdown) };
        cx.jobs.push(job(url, "statement.html", title, "", Some(body)));
    }
}

/// One paginated directory per pool, one page per listed expert.
pub(super) fn directories(cx: &mut Cx) {
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
        let base = urls::pool(pool.id());
        let list = ListPages { base: &base, template: "pool.html", title: pool_name(pool), section: "directory" };
        let extra = |scope| ListExtra::Pool { pool: summary.clone(), scope };
        scoped_lists(&mut cx.jobs, cx.page_size, list, &cx.experts, &listed, extra);

        // What each expert page depends on, to reuse it next time; projections are in the
        // pool's record order, so `index` finds the record as well.
        let mut known: Option<(&Versions, u64)> = None;
        if let Some((versions, memo)) = cx.memo.as_mut() {
            let epoch = epoch(instance, pool, cx.today, cx.fingerprint);
            known = Some((versions, epoch));
            memo.extend(listed.iter().map(|&(_, index)| {
                let e = &experts[index];
                (urls::file_of(&urls::expert(&e.pool, &e.id)), (versions.record(pool_index, index), epoch))
            }));
        }
        let prior = &cx.prior;
        expert_jobs.par_extend(listed.par_iter().map(|&(_, index)| {
            let e = &experts[index];
            let path = urls::file_of(&urls::expert(&e.pool, &e.id));
            let reuse = known.is_some_and(|(versions, epoch)| {
                prior.get(&path) == Some(&(versions.record(pool_index, index), epoch))
            });
            // Even the page's title and URL wait for rendering: 100,000 small contexts cost
            // more than building them later.
            let lazy = (!reuse).then_some(Lazy::Expert(pool_index, index));
            Job { path, template: "expert.html", section: "directory", info: None, reuse, lazy }
        }));
    }
    cx.jobs.extend(expert_jobs);
}

/// The context of an expert page, built when the page is rendered.
pub(super) fn expert_context<'a>(
    instance: &'a PublicInstance,
    notices: &HashSet<&str>,
    experts: &'a [Vec<PublicExpert>],
    history: &'a HashMap<PathBuf, Vec<Change>>,
    (pool_index, index): (usize, usize),
    path: &str,
) -> LateContext<'a> {
    let pool = &instance.pools[pool_index];
    let e = &experts[pool_index][index];
    let record = &pool.experts[index];
    LateContext::Expert(Box::new(ExpertPage {
        keys: PageKeys::new(path, &e.name, "directory"),
        expert: e,
        pool: ExpertPool { name: pool_name(pool), url: urls::pool(pool.id()), term_years: pool.policy.term_years },
        stages: stages(&record.stages, notices),
        specialty_links: e.specialties.iter().map(|s| Link { name: &s.name, url: urls::specialty(&s.code) }).collect(),
        // Only the public file's commits: the history reader never looks at private/.
        history: history.get(&record.file.path).map(Vec::as_slice),
    }))
}

/// The taxonomy with the listed experts of each specialty (a specialty with none gets no page).
pub(super) fn specialties(cx: &mut Cx) {
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
    // The tree counts the experts in service; a specialty whose experts have all left still
    // has its page, with them behind the filter.
    let experts = &cx.experts;
    let has_page = |code: &str| by_code.contains_key(code);
    let counted = |code: &str| {
        by_code.get(code).map(|rows| rows.iter().filter(|&&(p, i)| experts[p][i].status.is_in_service()).count())
    };
    for top in taxonomy.iter().filter(|s| s.parent.is_none()) {
        let children: Vec<SpecialtyChild> = taxonomy
            .iter()
            .filter(|c| c.parent.as_deref() == Some(top.code.as_str()) && has_page(&c.code))
            .map(|c| SpecialtyChild {
                name: c.name.clone(),
                url: urls::specialty(&c.code),
                count: counted(&c.code).unwrap_or(0),
                retired: c.retired,
            })
            .collect();
        if children.is_empty() && !has_page(&top.code) {
            continue;
        }
        groups.push(SpecialtyGroup {
            name: top.name.clone(),
            url: has_page(&top.code).then(|| urls::specialty(&top.code)),
            count: counted(&top.code).unwrap_or(0),
            retired: top.retired,
            children,
        });
    }
    let body = PageBody::Specialties { groups };
    cx.jobs.push(job("specialties/", "specialties.html", "专业类别", "directory", Some(body)));
    let page_size = cx.page_size;
    let experts = &cx.experts;
    let jobs: Vec<Vec<Job>> = by_code
        .into_par_iter()
        .filter_map(|(code, rows)| {
            let specialty = instance.specialty(code)?;
            let reference =
                SpecialtyRef { code: code.to_string(), name: specialty.name.clone(), retired: specialty.retired };
            let mut jobs = Vec::new();
            let base = urls::specialty(code);
            let list =
                ListPages { base: &base, template: "specialty.html", title: &specialty.name, section: "directory" };
            let extra = |scope| ListExtra::Specialty { specialty: reference.clone(), scope };
            scoped_lists(&mut jobs, page_size, list, experts, &rows, extra);
            Some(jobs)
        })
        .collect();
    cx.jobs.extend(jobs.into_iter().flatten());
}

pub(super) fn notice_pages(cx: &mut Cx, notices: &[(usize, NoticeView)]) {
    let instance = cx.instance;
    let (listed, archived): (Vec<NoticeView>, Vec<NoticeView>) =
        notices.iter().map(|(_, n)| n.clone()).partition(|n| !n.archived);
    let has_archive = !archived.is_empty();
    if !listed.is_empty() {
        let list = ListPages { base: "notices/", template: "notices.html", title: "公示公告", section: "notices" };
        let extra = ListExtra::Notices { has_archive };
        paginate(&mut cx.jobs, cx.page_size, list, &listed, ListItems::Notices, Some(extra));
    }
    if has_archive {
        let list =
            ListPages { base: "notices/archive/", template: "notices.html", title: "公示归档", section: "notices" };
        let extra = ListExtra::Archive { archive: true };
        paginate(&mut cx.jobs, cx.page_size, list, &archived, ListItems::Notices, Some(extra));
    }
    for (k, (i, view)) in notices.iter().enumerate() {
        if instance.pool(&instance.notices[*i].meta.pool).is_some() {
            let mut job = job(&view.url, "notice.html", &view.title, "notices", None);
            job.lazy = Some(Lazy::Notice(k));
            cx.jobs.push(job);
        }
    }
}

/// The context of a notice page (`k` in `notices`): built at render time, as a large
/// instance's notices list tens of thousands of proposed experts between them.
pub(super) fn notice_context<'a>(
    instance: &PublicInstance,
    experts: &[Vec<PublicExpert>],
    notices: &'a [(usize, NoticeView)],
    k: usize,
    today: Date,
) -> Option<LateContext<'a>> {
    let (i, view) = notices.get(k)?;
    let notice = &instance.notices[*i];
    let (pool_index, pool) = instance.pools.iter().enumerate().find(|(_, p)| p.id() == notice.meta.pool)?;
    // Projections are in the pool's record order, so the record's position finds its projection.
    let find = |id: &str| {
        let index = pool.experts.binary_search_by(|e| e.id.as_str().cmp(id)).ok()?;
        experts[pool_index].get(index)
    };
    let detail = notice_detail(notice, view, instance, find, today);
    Some(LateContext::Notice { notice: view, detail })
}

/// The calls list, call pages and application forms; returns the folder and pool name of
/// each call's downloadable annexes, made later with the other data files.
pub(super) fn call_pages(cx: &mut Cx, calls: &[(usize, CallView)]) -> Vec<(String, String)> {
    let instance = cx.instance;
    let mut annexes = Vec::new();
    if calls.is_empty() {
        return annexes;
    }
    let mut sorted: Vec<CallView> = calls.iter().map(|(_, c)| c.clone()).collect();
    sorted.sort_by(|a, b| b.published.cmp(&a.published).then(a.slug.cmp(&b.slug)));
    let list = ListPages { base: "calls/", template: "calls.html", title: "专家征集", section: "calls" };
    paginate(&mut cx.jobs, cx.page_size, list, &sorted, ListItems::Calls, None);
    for (i, view) in calls {
        let call = &instance.calls[*i];
        let Some(pool) = instance.pool(&call.meta.pool) else { continue };
        let policy = &pool.policy;
        let annex_base = &view.url;
        let page = CallPage {
            call: view.clone(),
            meta: call.meta.clone(),
            rules: policy.eligibility.iter().map(|r| r.description.clone()).collect(),
            rules_checked: rules_of(policy).len(),
            policy: CallPolicy {
                max_age: policy.age_limit.max_age,
                inclusive: policy.age_limit.inclusive,
                term_years: policy.term_years,
                publicity_days: policy.publicity.working_days,
            },
            body_html: markdown::render(&call.body),
            annexes: CallAnnexes {
                form: format!("{annex_base}application-form/"),
                docx: format!("{annex_base}{}", annex::DOCX_NAME),
                xlsx: format!("{annex_base}{}", annex::XLSX_NAME),
                csv: format!("{annex_base}{}", annex::CSV_NAME),
                names: annex::download_names(pool_name(pool)),
            },
        };
        cx.jobs.push(job(&view.url, "call.html", &view.title, "calls", Some(PageBody::Call(Box::new(page)))));

        let form = FormPage {
            call: view.clone(),
            pool_name: pool_name(pool).to_string(),
            channels: annex::channels(),
            employer_kinds: annex::employer_kinds(),
            form_rows: &annex::FORM_TABLES,
            form_fields: annex::form_fields(),
        };
        let title = annex::application_form_title(pool_name(pool));
        let url = format!("{annex_base}application-form/");
        cx.jobs.push(job(&url, "form.html", &title, "calls", Some(PageBody::Form(form))));

        annexes.push((annex_base.clone(), pool_name(pool).to_string()));
    }
    annexes
}

pub(super) fn policy_pages(cx: &mut Cx) {
    let instance = cx.instance;
    if instance.pages.is_empty() {
        return;
    }
    let mut docs: Vec<_> = instance.pages.iter().collect();
    docs.sort_by(|a, b| a.meta.weight.cmp(&b.meta.weight).then(a.slug.cmp(&b.slug)));
    let views: Vec<PageView> = docs.iter().map(|d| page_view(d)).collect();
    let list = ListPages { base: "pages/", template: "pages.html", title: "政策文件", section: "pages" };
    paginate(&mut cx.jobs, cx.page_size, list, &views, ListItems::Pages, None);
    for (doc, view) in docs.iter().zip(views) {
        let (url, title) = (view.url.clone(), view.title.clone());
        let body = PageBody::Page { page: view, body_html: markdown::render(&doc.body) };
        cx.jobs.push(job(&url, "page.html", &title, "pages", Some(body)));
    }
}

pub(super) fn draw_pages(cx: &mut Cx, log: &draws::DrawLog) {
    let instance = cx.instance;
    let pool = |id: &str| instance.pool(id).map(|p| pool_name(p).to_string());
    let specialty = |code: &str| instance.specialty(code).map(|s| s.name.clone());
    let named = log.views(&draws::Names { pool: &pool, specialty: &specialty });
    let list = ListPages { base: "draws/", template: "draws.html", title: "专家抽取记录", section: "draws" };
    let extra = ListExtra::Draws { log: log.summary.clone() };
    paginate(&mut cx.jobs, cx.page_size, list, &named, ListItems::Draws, Some(extra));
    for draw in named {
        let (url, title) = (draw.url.clone(), format!("抽取记录 {}", draw.id));
        let body = PageBody::Draw { draw: Box::new(draw), log: log.summary.clone() };
        cx.jobs.push(job(&url, "draw.html", &title, "draws", Some(body)));
    }
}

/// The protocol specification (docs/draw-protocol.md, compiled in) as a page of the site,
/// linked from every draw page and the verify page.
pub(super) fn protocol_page(cx: &mut Cx) {
    let body = PageBody::Statement { body_html: markdown::render(crate::PROTOCOL_SPEC) };
    cx.jobs.push(job(urls::PROTOCOL, "protocol.html", "抽取协议规范", "draws", Some(body)));
}

/// The verify page: the site's header and footer around the browser verifier, whose script
/// is written into the page so that the saved file works offline on its own.
pub(super) fn verify_page(cx: &mut Cx, script: &[u8]) {
    let body = PageBody::Verify { script: String::from_utf8_lossy(script).into_owned() };
    cx.jobs.push(job("verify.html", "verify.html", "抽取结果验证", "draws", Some(body)));
}
