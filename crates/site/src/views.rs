//! What templates see: small, flat, serialisable views built from the public records.
//! Every expert value here comes from a [`PublicExpert`]; a view never holds a whole
//! record, so a template cannot reach a field the site is not meant to show.

use crate::annex::{FieldCell, FormTables};
use crate::draws::{DrawView, LogSummary};
use crate::{markdown, qr, urls};
use expertpool_records::calendar::{Period, Phase};
use expertpool_records::history::Change;
use expertpool_records::model::site::IdentityBadge;
use expertpool_records::model::{AfterPeriod, Bureau, CallMeta, Contact, NoticeMeta, PageMeta, StageRecord};
use expertpool_records::public::{PublicExpert, mask_name};
use expertpool_records::status::Status;
use expertpool_records::{Date, Doc, Pool, PublicInstance};
use serde::Serialize;
use std::collections::HashSet;

/// One expert as a row of a directory list, borrowed from the projection: list pages build
/// their rows when they are rendered, so nothing is copied but the URL.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ExpertRow<'a> {
    pub(crate) id: &'a str,
    pub(crate) name: &'a str,
    pub(crate) gender: &'static str,
    pub(crate) employer: &'a str,
    pub(crate) level: Option<&'a str>,
    pub(crate) specialties: Vec<&'a str>,
    pub(crate) status: &'static str,
    pub(crate) in_service: bool,
    pub(crate) url: String,
}

impl<'a> ExpertRow<'a> {
    pub(crate) fn from(expert: &'a PublicExpert) -> ExpertRow<'a> {
        ExpertRow {
            id: &expert.id,
            name: &expert.name,
            gender: expert.gender,
            employer: &expert.employer,
            level: expert.level_label.as_deref(),
            specialties: expert.specialties.iter().map(|s| s.name.as_str()).collect(),
            status: expert.status_label,
            in_service: expert.status.is_in_service(),
            url: urls::expert(&expert.pool, &expert.id),
        }
    }
}

/// A lifecycle step as the expert page lists it (the free-text note stays internal).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct StageView {
    pub(crate) stage: &'static str,
    pub(crate) date: Date,
    pub(crate) reference: Option<String>,
    pub(crate) notice_url: Option<String>,
}

/// `notices` holds the slugs of the instance's notices: a stage links to its notice only when
/// that page exists.
pub(crate) fn stages(records: &[StageRecord], notices: &HashSet<&str>) -> Vec<StageView> {
    records
        .iter()
        .map(|s| StageView {
            stage: s.stage.label(),
            date: s.date,
            reference: s.reference.clone(),
            notice_url: s.notice.as_deref().filter(|n| notices.contains(n)).map(urls::notice),
        })
        .collect()
}

/// The name a pool goes by on every page, list, index and feed of the site: one field,
/// `name` in pool.toml, so that home, directory, notices and draws cannot disagree.
pub(crate) fn pool_name(pool: &Pool) -> &str {
    &pool.policy.name
}

/// Which of the listed experts a list shows: those in service (the default, by the
/// records' rule [`Status::is_in_service`]), those of one former status, or all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope {
    InService,
    Former(Status),
    All,
}

impl Scope {
    /// Every scope in the order the filter shows them: in service, each listed status that
    /// is not in service (expired, exited, dismissed), all.
    pub(crate) fn every() -> Vec<Scope> {
        let former = Status::ALL.iter().copied().filter(|s| s.is_listed() && !s.is_in_service());
        std::iter::once(Scope::InService).chain(former.map(Scope::Former)).chain([Scope::All]).collect()
    }

    pub(crate) fn admits(self, status: Status) -> bool {
        match self {
            Scope::InService => status.is_in_service(),
            Scope::Former(s) => status == s,
            Scope::All => status.is_listed(),
        }
    }

    pub(crate) fn label(self) -> &'static str {
        match self {
            Scope::InService => "在库",
            Scope::Former(s) => s.label(),
            Scope::All => "全部",
        }
    }

    /// The filter value (`status=` in the directory search; empty for the default).
    pub(crate) fn code(self) -> &'static str {
        match self {
            Scope::InService => "",
            Scope::Former(s) => s.code(),
            Scope::All => "all",
        }
    }

    /// The list of this scope under the list at `base`.
    pub(crate) fn url(self, base: &str) -> String {
        match self {
            Scope::InService => base.to_string(),
            _ => format!("{base}status/{}/", self.code()),
        }
    }
}

/// One entry of a list's status filter (links, so it works without JavaScript).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ScopeLink {
    pub(crate) label: &'static str,
    pub(crate) url: String,
    pub(crate) count: usize,
    pub(crate) current: bool,
}

/// The filter of the list at `base` showing `current`; a scope with no experts is left
/// out, except the default one.
pub(crate) fn scope_links(base: &str, counts: &[(Scope, usize)], current: Scope) -> Vec<ScopeLink> {
    counts
        .iter()
        .filter(|(scope, count)| *count > 0 || *scope == Scope::InService || *scope == current)
        .map(|&(scope, count)| ScopeLink {
            label: scope.label(),
            url: scope.url(base),
            count,
            current: scope == current,
        })
        .collect()
}

/// A pool with its figures, for the home page and the pool directory header.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct PoolSummary {
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) description: Option<String>,
    pub(crate) basis: Option<String>,
    pub(crate) term_years: u8,
    pub(crate) url: String,
    pub(crate) listed: usize,
    pub(crate) in_service: usize,
    pub(crate) specialties: usize,
}

pub(crate) fn pool_summary(pool: &Pool, experts: &[PublicExpert]) -> PoolSummary {
    let listed: Vec<&PublicExpert> = experts.iter().filter(|e| e.status.is_listed()).collect();
    let serving = || listed.iter().filter(|e| e.status.is_in_service());
    let mut codes: Vec<&str> = serving().flat_map(|e| e.specialties.iter().map(|s| s.code.as_str())).collect();
    codes.sort_unstable();
    codes.dedup();
    PoolSummary {
        id: pool.id().to_string(),
        name: pool_name(pool).to_string(),
        description: pool.policy.description.clone(),
        basis: pool.policy.basis.clone(),
        term_years: pool.policy.term_years,
        url: urls::pool(pool.id()),
        listed: listed.len(),
        in_service: serving().count(),
        specialties: codes.len(),
    }
}

/// Status of a dated window (publicity period or call deadline) on the build day; the
/// page's script recomputes it from `start`/`end` when the page is read later.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Window {
    pub(crate) start: Date,
    pub(crate) end: Date,
    /// `upcoming`, `open` or `ended`.
    pub(crate) phase: &'static str,
    pub(crate) label: &'static str,
}

pub(crate) fn publicity_window(period: &Period, today: Date) -> Window {
    let phase = period.phase(today);
    Window { start: period.start, end: period.end, phase: phase_code(phase), label: phase.label() }
}

/// A call is open from publication to its deadline, inclusive.
pub(crate) fn call_window(call: &CallMeta, today: Date) -> Window {
    let (phase, label) = if today < call.published {
        ("upcoming", "未开始")
    } else if today <= call.deadline {
        ("open", "征集中")
    } else {
        ("ended", "已截止")
    };
    Window { start: call.published, end: call.deadline, phase, label }
}

fn phase_code(phase: Phase) -> &'static str {
    match phase {
        Phase::Upcoming => "upcoming",
        Phase::Open => "open",
        Phase::Ended => "ended",
    }
}

/// One proposed expert in a notice's table.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct NoticeRow {
    pub(crate) n: usize,
    /// The public id: with masked names, what tells two 林* apart.
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) gender: &'static str,
    pub(crate) employer: String,
    pub(crate) level: String,
    pub(crate) specialties: String,
    pub(crate) honours: String,
}

/// A notice as its list entry and page show it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct NoticeView {
    pub(crate) slug: String,
    pub(crate) title: String,
    pub(crate) number: Option<String>,
    pub(crate) published: Date,
    pub(crate) pool_name: String,
    pub(crate) pool_url: String,
    pub(crate) window: Window,
    pub(crate) working_days: u8,
    pub(crate) first_day_counts: bool,
    /// Ended and archived: the page stays, the names are withdrawn.
    pub(crate) archived: bool,
    /// Archive mode: the script withdraws the names once the period has ended.
    pub(crate) withdraw_after_end: bool,
    pub(crate) url: String,
    pub(crate) count: usize,
}

/// Everything the notice page needs beyond [`NoticeView`].
#[derive(Debug, Clone, Serialize)]
pub(crate) struct NoticeDetail {
    pub(crate) experts: Vec<NoticeRow>,
    pub(crate) mask_names: bool,
    pub(crate) contact: Contact,
    /// How objections may be made, from the contact box: `电话、电子邮件、来信或来访`.
    pub(crate) objection_ways: String,
    /// What followed the period, once it has ended (as of the build day).
    pub(crate) outcome: Option<NoticeOutcome>,
    pub(crate) body_html: String,
    pub(crate) qr_svg: Option<String>,
    pub(crate) canonical: String,
}

pub(crate) fn notice_view(
    notice: &Doc<NoticeMeta>,
    pool: &Pool,
    period: &Period,
    after: AfterPeriod,
    today: Date,
) -> NoticeView {
    let window = publicity_window(period, today);
    let archive_mode = after == AfterPeriod::Archive;
    NoticeView {
        slug: notice.slug.clone(),
        title: notice.meta.title.clone(),
        number: notice.meta.number.clone(),
        published: notice.meta.published,
        pool_name: pool_name(pool).to_string(),
        pool_url: urls::pool(pool.id()),
        archived: archive_mode && window.phase == "ended",
        withdraw_after_end: archive_mode,
        window,
        working_days: period.working_days,
        first_day_counts: pool.policy.publicity.first_day_counts,
        url: urls::notice(&notice.slug),
        count: notice.meta.experts.len(),
    }
}

/// What followed a publicity period, as the notice page reports it once the period has
/// ended: how many objections came in and what was found (never what they said), and how
/// many of the listed experts the committee has approved since.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct NoticeOutcome {
    /// Objections received.
    pub(crate) objections: usize,
    /// `不成立 2 件` and so on, for those looked into.
    pub(crate) results: Vec<String>,
    /// Objections still being looked into.
    pub(crate) pending: usize,
    /// Listed experts approved (审定) since, whatever has become of them.
    pub(crate) approved: usize,
    /// Listed experts not (yet) approved.
    pub(crate) not_approved: usize,
}

fn notice_outcome<'a>(notice: &NoticeMeta, listed: &[&'a PublicExpert], today: Date) -> NoticeOutcome {
    use expertpool_records::model::ObjectionResult;
    let results = ObjectionResult::ALL
        .iter()
        .filter_map(|r| {
            let n = notice.objections.iter().filter(|o| o.handled_by(today) && o.result == Some(*r)).count();
            (n > 0).then(|| format!("{} {n} 件", r.label()))
        })
        .collect();
    let approved = listed.iter().filter(|e| e.status >= Status::Approved).count();
    NoticeOutcome {
        objections: notice.objections.len(),
        results,
        pending: notice.objections.iter().filter(|o| !o.handled_by(today)).count(),
        approved,
        not_approved: listed.len() - approved,
    }
}

/// `电话、电子邮件或来信`: the items joined as a Chinese sentence lists them.
fn or_list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{}或{last}", rest.join("、")),
    }
}

/// The detail of a notice page; `find` gives the projection of a proposed expert by id.
pub(crate) fn notice_detail<'a>(
    notice: &Doc<NoticeMeta>,
    view: &NoticeView,
    instance: &PublicInstance,
    find: impl Fn(&str) -> Option<&'a PublicExpert>,
    today: Date,
) -> NoticeDetail {
    let canonical = urls::absolute(&instance.site.site.base_url, &view.url);
    let listed: Vec<&PublicExpert> = notice.meta.experts.iter().filter_map(|id| find(id)).collect();
    let outcome = (view.window.phase == "ended").then(|| notice_outcome(&notice.meta, &listed, today));
    let experts = if view.archived {
        Vec::new()
    } else {
        listed
            .iter()
            .enumerate()
            .map(|(i, e)| NoticeRow {
                n: i + 1,
                id: e.id.clone(),
                name: if notice.meta.mask_names { mask_name(&e.name) } else { e.name.clone() },
                gender: e.gender,
                employer: e.employer.clone(),
                level: e.level_label.clone().unwrap_or_default(),
                specialties: e.specialties.iter().map(|s| s.name.as_str()).collect::<Vec<_>>().join("、"),
                honours: e.honours.iter().map(|h| h.name.as_str()).collect::<Vec<_>>().join("、"),
            })
            .collect()
    };
    NoticeDetail {
        experts,
        mask_names: notice.meta.mask_names,
        contact: notice.meta.contact.clone(),
        objection_ways: or_list(&notice.meta.contact.objection_ways()),
        outcome,
        body_html: markdown::render(&notice.body),
        qr_svg: qr::svg_for(&canonical, &format!("本公示网址的二维码：{canonical}")),
        canonical,
    }
}

/// A call as its list entry shows it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct CallView {
    pub(crate) slug: String,
    pub(crate) title: String,
    pub(crate) number: Option<String>,
    pub(crate) published: Date,
    pub(crate) deadline: Date,
    pub(crate) pool_name: String,
    pub(crate) pool_url: String,
    pub(crate) window: Window,
    pub(crate) url: String,
}

pub(crate) fn call_view(call: &Doc<CallMeta>, pool: &Pool, today: Date) -> CallView {
    CallView {
        slug: call.slug.clone(),
        title: call.meta.title.clone(),
        number: call.meta.number.clone(),
        published: call.meta.published,
        deadline: call.meta.deadline,
        pool_name: pool_name(pool).to_string(),
        pool_url: urls::pool(pool.id()),
        window: call_window(&call.meta, today),
        url: urls::call(&call.slug),
    }
}

/// A policy page in lists.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct PageView {
    pub(crate) slug: String,
    pub(crate) title: String,
    pub(crate) published: Date,
    pub(crate) updated: Option<Date>,
    pub(crate) number: Option<String>,
    pub(crate) issuer: Option<String>,
    pub(crate) url: String,
}

pub(crate) fn page_view(page: &Doc<PageMeta>) -> PageView {
    PageView {
        slug: page.slug.clone(),
        title: page.meta.title.clone(),
        published: page.meta.published,
        updated: page.meta.updated,
        number: page.meta.number.clone(),
        issuer: page.meta.issuer.clone(),
        url: urls::page(&page.slug),
    }
}

/// Links to the pages of a paginated list, for a pager that works without JavaScript.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Pager {
    pub(crate) current: usize,
    pub(crate) total: usize,
    pub(crate) prev: Option<String>,
    pub(crate) next: Option<String>,
    pub(crate) pages: Vec<PagerLink>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct PagerLink {
    pub(crate) n: usize,
    pub(crate) url: String,
    pub(crate) current: bool,
}

impl Pager {
    /// The pager of page `current` of `total` at `base`; links around the current page and
    /// the two ends, so a list of 200 pages does not print 200 links.
    pub(crate) fn new(base: &str, current: usize, total: usize) -> Pager {
        let mut pages = Vec::new();
        for n in 1..=total {
            if n == 1 || n == total || n.abs_diff(current) <= 2 {
                pages.push(PagerLink { n, url: urls::page_url(base, n), current: n == current });
            }
        }
        Pager {
            current,
            total,
            prev: (current > 1).then(|| urls::page_url(base, current - 1)),
            next: (current < total).then(|| urls::page_url(base, current + 1)),
            pages,
        }
    }
}

// Page contexts: what each template gets besides `site` and the chrome. Each struct
// serialises to the keys its template reads; an empty optional part adds no key at all, as
// templates test some keys with `is defined`.

/// What every page's context has: title, section, `root` prefix and own URL.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct PageKeys {
    pub(crate) title: String,
    pub(crate) section: &'static str,
    /// `../` repeated to the site's root, or the base URL's path for a page served at any depth.
    pub(crate) root: String,
    pub(crate) url: String,
}

impl PageKeys {
    /// The keys of the page at output file `path`.
    pub(crate) fn new(path: &str, title: &str, section: &'static str) -> PageKeys {
        PageKeys {
            title: title.to_string(),
            section,
            root: urls::root_of(path),
            url: path.strip_suffix("index.html").unwrap_or(path).to_string(),
        }
    }
}

/// The context a page has before rendering: its keys and its own part.
#[derive(Debug, Serialize)]
pub(crate) struct PageInfo {
    #[serde(flatten)]
    pub(crate) keys: PageKeys,
    #[serde(flatten)]
    pub(crate) body: Option<PageBody>,
}

/// The part of a page's context that depends on its template.
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub(crate) enum PageBody {
    Home(HomePage),
    List(ListPage),
    Specialties {
        groups: Vec<SpecialtyGroup>,
    },
    Call(Box<CallPage>),
    Form(FormPage),
    Page {
        page: PageView,
        body_html: String,
    },
    Statement {
        body_html: String,
    },
    Directory {
        letters: Vec<InitialLink>,
        pools: Vec<PoolSummary>,
        page_size: usize,
    },
    Find {
        letters: Vec<InitialLink>,
        directory: bool,
    },
    Draw {
        draw: Box<DrawView>,
        log: LogSummary,
    },
    /// `verify.html`: the verifier's script, written into the page.
    Verify {
        script: String,
    },
}

/// `home.html`.
#[derive(Debug, Serialize)]
pub(crate) struct HomePage {
    pub(crate) pools: Vec<PoolSummary>,
    pub(crate) current_notices: Vec<NoticeView>,
    pub(crate) recent_notices: Vec<NoticeView>,
    pub(crate) open_calls: Vec<CallView>,
    pub(crate) policy_pages: Vec<PageView>,
    pub(crate) figures: Figures,
}

/// The home page's totals over all pools: in service, and the rest of the listed experts
/// (expired, exited, dismissed), which the directory shows behind its filter.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Figures {
    pub(crate) in_service: usize,
    pub(crate) former: usize,
}

/// One page of a paginated list.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ListPage {
    pub(crate) total_items: usize,
    pub(crate) pager: Pager,
    /// `None` for a list of experts, whose rows are built when the page is rendered.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) items: Option<ListItems>,
    #[serde(flatten)]
    pub(crate) extra: Option<ListExtra>,
}

/// The items of one page of a list.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub(crate) enum ListItems {
    Notices(Vec<NoticeView>),
    Calls(Vec<CallView>),
    Pages(Vec<PageView>),
    Draws(Vec<DrawView>),
}

/// What a list's pages show besides their items.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub(crate) enum ListExtra {
    Pool {
        pool: PoolSummary,
        #[serde(flatten)]
        scope: ScopeView,
    },
    Specialty {
        specialty: SpecialtyRef,
        #[serde(flatten)]
        scope: ScopeView,
    },
    /// The in-service experts whose name starts with one pinyin initial.
    Initial {
        letter: String,
        letters: Vec<InitialLink>,
    },
    /// The current notices, and whether an archive list exists.
    Notices {
        has_archive: bool,
    },
    /// The archived notices (always `true`).
    Archive {
        archive: bool,
    },
    Draws {
        log: LogSummary,
    },
}

/// Which scope a list of experts shows, and its filter.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ScopeView {
    pub(crate) scope_label: &'static str,
    pub(crate) in_service_scope: bool,
    pub(crate) scopes: Vec<ScopeLink>,
}

/// A letter of the lists by initial.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct InitialLink {
    pub(crate) letter: String,
    pub(crate) url: String,
    pub(crate) count: usize,
}

/// The specialty a specialty list is of.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct SpecialtyRef {
    pub(crate) code: String,
    pub(crate) name: String,
    pub(crate) retired: Option<Date>,
}

/// A top-level specialty on `specialties.html`, with its children that have experts.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct SpecialtyGroup {
    pub(crate) name: String,
    /// Only when the specialty itself has listed experts (and so a page).
    pub(crate) url: Option<String>,
    pub(crate) count: usize,
    pub(crate) retired: Option<Date>,
    pub(crate) children: Vec<SpecialtyChild>,
}

/// A child specialty on `specialties.html`.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct SpecialtyChild {
    pub(crate) name: String,
    pub(crate) url: String,
    pub(crate) count: usize,
    pub(crate) retired: Option<Date>,
}

/// `call.html`.
#[derive(Debug, Serialize)]
pub(crate) struct CallPage {
    pub(crate) call: CallView,
    pub(crate) meta: CallMeta,
    pub(crate) rules: Vec<String>,
    /// How many of the rules the eligibility check understands.
    pub(crate) rules_checked: usize,
    pub(crate) policy: CallPolicy,
    pub(crate) body_html: String,
    pub(crate) annexes: CallAnnexes,
}

/// The pool policy a call page quotes.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct CallPolicy {
    pub(crate) max_age: u8,
    pub(crate) inclusive: bool,
    pub(crate) term_years: u8,
    pub(crate) publicity_days: u8,
}

/// Links to a call's annexes.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct CallAnnexes {
    pub(crate) form: String,
    pub(crate) docx: String,
    pub(crate) xlsx: String,
    pub(crate) csv: String,
    /// The names the downloads are saved under.
    pub(crate) names: crate::annex::DownloadNames,
}

/// `form.html`: a call's application form.
#[derive(Debug, Serialize)]
pub(crate) struct FormPage {
    pub(crate) call: CallView,
    pub(crate) pool_name: String,
    pub(crate) channels: Vec<&'static str>,
    pub(crate) employer_kinds: Vec<&'static str>,
    pub(crate) form_rows: &'static FormTables,
    pub(crate) form_fields: Vec<Vec<FieldCell>>,
}

/// The part of a page's context built only when it is rendered (see [`crate::render`]).
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub(crate) enum LateContext<'a> {
    /// The rows of a page of an expert list.
    Rows {
        items: Vec<ExpertRow<'a>>,
    },
    Notice {
        notice: &'a NoticeView,
        detail: NoticeDetail,
    },
    Expert(Box<ExpertPage<'a>>),
}

/// `expert.html`.
#[derive(Debug, Serialize)]
pub(crate) struct ExpertPage<'a> {
    #[serde(flatten)]
    pub(crate) keys: PageKeys,
    pub(crate) expert: &'a PublicExpert,
    pub(crate) pool: ExpertPool<'a>,
    pub(crate) stages: Vec<StageView>,
    pub(crate) specialty_links: Vec<Link<'a>>,
    /// The public record file's commits; absent (not empty) without history.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) history: Option<&'a [Change]>,
}

/// The pool an expert page names.
#[derive(Debug, Serialize)]
pub(crate) struct ExpertPool<'a> {
    pub(crate) name: &'a str,
    pub(crate) url: String,
    pub(crate) term_years: u8,
}

/// A named link.
#[derive(Debug, Serialize)]
pub(crate) struct Link<'a> {
    pub(crate) name: &'a str,
    pub(crate) url: String,
}

/// A page's whole context: what it had before rendering and what rendering added.
#[derive(Debug, Serialize)]
pub(crate) struct FullContext<'a> {
    #[serde(flatten)]
    pub(crate) info: Option<&'a PageInfo>,
    #[serde(flatten)]
    pub(crate) late: Option<LateContext<'a>>,
}

/// `site`: what every page and the header and footer see.
#[derive(Debug, Serialize)]
pub(crate) struct SiteView<'a> {
    pub(crate) title: &'a str,
    pub(crate) description: &'a Option<String>,
    pub(crate) base_url: &'a str,
    pub(crate) base_path: String,
    pub(crate) bureau: &'a Bureau,
    pub(crate) nav: Vec<NavItem>,
    pub(crate) today: Date,
    /// Whether the templates have a `verify.html` to link.
    pub(crate) verify: bool,
    /// The 党政机关 identity badge, when the bureau has one.
    pub(crate) identity: Option<&'a IdentityBadge>,
    /// Where 找错 links: site.toml's `error_report`, else the bureau's e-mail.
    pub(crate) error_report: Option<String>,
    /// A demonstration instance ([`expertpool_records::model::site::Demo`]): every page
    /// says so, and page scripts show phases as of the build day instead of the clock.
    pub(crate) demo: bool,
}

/// An entry of the main navigation.
#[derive(Debug, Serialize)]
pub(crate) struct NavItem {
    pub(crate) url: &'static str,
    pub(crate) label: &'static str,
    pub(crate) section: &'static str,
}

/// What the header and footer are rendered with, once per (root, section).
#[derive(Debug, Serialize)]
pub(crate) struct ChromeContext<'a> {
    pub(crate) site: &'a SiteView<'a>,
    pub(crate) root: &'a str,
    pub(crate) section: &'a str,
}

#[cfg(test)]
mod tests {
    use super::*;
    use expertpool_records::model::Stage;

    fn stage(stage: Stage, notice: Option<&str>) -> StageRecord {
        StageRecord {
            stage,
            date: Date::ymd(2026, 3, 5),
            reference: None,
            notice: notice.map(str::to_string),
            note: Some("internal".into()),
        }
    }

    #[test]
    fn a_stage_links_its_notice_only_when_the_notice_page_exists() {
        let notices: HashSet<&str> = ["zhineng-2026-1"].into_iter().collect();
        let records = [
            stage(Stage::Applied, None),
            stage(Stage::Publicity, Some("zhineng-2026-1")),
            stage(Stage::Publicity, Some("withdrawn-notice")),
        ];
        let views = stages(&records, &notices);
        let links: Vec<Option<&str>> = views.iter().map(|v| v.notice_url.as_deref()).collect();
        assert_eq!(links, [None, Some("notices/zhineng-2026-1/"), None]);
        assert_eq!(views[1].stage, "公示");
    }
}
