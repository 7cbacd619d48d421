//! The weekly report (W3): terms ending soon, age limits, missing yearly confirmations,
//! dismissal proposals with their grounds, and specialty coverage for a typical draw.
//! [`build`] is a pure function of loaded data; rendering is text, JSON or CSV.

use expertpool_i18n::t;
use expertpool_private::{PrivateData, PrivateRecord};
use expertpool_records::Loaded;
use expertpool_records::checksum::parse_resident_id;
use expertpool_records::model::*;
use expertpool_records::status::{Status, current_term, status_on};
use expertpool_records::{Date, PublicInstance};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// No-shows reported by the draw service in `<data>/no-shows.json`:
/// `{"<expert id>": {"consecutive_no_shows": n, "draws": ["<draw id>", …]}}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NoShow {
    /// Draws in a row the expert was called to and did not attend.
    pub consecutive_no_shows: u32,
    /// The draws of that streak, by id.
    #[serde(default)]
    pub draws: Vec<String>,
    /// Late arrivals or early departures without reason: draws by calendar year (art.
    /// 18(8)).
    #[serde(default)]
    pub late_or_early: BTreeMap<String, Vec<String>>,
}

/// No-shows by public expert id.
pub type NoShows = HashMap<String, NoShow>;

/// Reads `<data>/no-shows.json`; a missing file is no data, a broken one an error.
pub fn read_no_shows(data_dir: &Path) -> Result<NoShows, String> {
    let path = data_dir.join("no-shows.json");
    match std::fs::read_to_string(&path) {
        Ok(text) => serde_json::from_str(&text)
            .map_err(|e| t!("staff-report-no-shows-invalid", file = path.display(), error = e)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(NoShows::new()),
        Err(e) => Err(t!("staff-report-no-shows-unreadable", file = path.display(), error = e)),
    }
}

/// The weekly report: each section a list, empty when nothing needs doing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// The day the report is for.
    pub today: Date,
    /// How far ahead terms ending are listed.
    pub within_days: i64,
    /// Age checks need the private records; false when they were not available.
    pub private_data: bool,
    /// Terms that end within `within_days`.
    pub terms_ending: Vec<TermEnding>,
    /// Experts past the age limit, or reaching it before their term ends.
    pub age_limit: Vec<AgeLimitItem>,
    /// Experts who have not confirmed their information this year (art. 16).
    pub confirmations_missing: Vec<ConfirmationMissing>,
    /// Experts with a ground for dismissal (art. 19) or a misconduct record due.
    pub dismissal_proposals: Vec<Proposal>,
    /// Per specialty, whether a typical panel can be drawn.
    pub coverage: Vec<Coverage>,
    /// Steps taken as recorded exceptions to the admission rules (`--override`), so that
    /// every exception stays in view.
    pub overrides: Vec<OverrideItem>,
    /// Pools whose whole-pool review (专家复审) is due or was never recorded.
    pub reviews_due: Vec<ReviewDue>,
}

/// A pool whose periodic whole-pool review is due.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReviewDue {
    /// The pool's id.
    pub pool: String,
    /// The pool's name.
    pub name: String,
    /// The cycle in years.
    pub cycle_years: u8,
    /// The last review's end, if recorded.
    pub last: Option<Date>,
    /// When the next is due (`None` when no review was ever recorded).
    pub due: Option<Date>,
}

/// Whether the whole-pool review of `policy` is due within 180 days of `today`.
fn review_due(policy: &PoolPolicy, today: Date) -> Option<ReviewDue> {
    let cycle = policy.review.review_cycle_years?;
    let due = policy.review.last_review.map(|d| d.plus_years(i16::from(cycle)));
    if due.is_some_and(|d| d > today.plus_days(180)) {
        return None;
    }
    Some(ReviewDue {
        pool: policy.id.clone(),
        name: policy.name.clone(),
        cycle_years: cycle,
        last: policy.review.last_review,
        due,
    })
}

/// A recorded exception to the admission rules.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OverrideItem {
    /// Who it is about.
    #[serde(flatten)]
    pub who: Who,
    /// The stage taken despite the rules.
    pub stage: Stage,
    /// When.
    pub date: Date,
    /// The rules overridden (their codes).
    pub rules: Vec<String>,
    /// The decision and reason given.
    pub reason: String,
}

/// An expert, as the report names them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Who {
    /// The pool's id.
    pub pool: String,
    /// The public expert id.
    pub id: String,
    /// The expert's name.
    pub name: String,
}

/// A term that ends soon.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TermEnding {
    /// Who it is about.
    #[serde(flatten)]
    pub who: Who,
    /// The appointment certificate of the term.
    pub certificate: String,
    /// Last day of the term.
    pub end: Date,
    /// Days from today to the end.
    pub days_left: i64,
}

/// An expert at or near the pool's age limit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgeLimitItem {
    /// Who it is about.
    #[serde(flatten)]
    pub who: Who,
    /// First day the expert is past the pool's age limit.
    pub out_from: Date,
    /// Already past it today (else: before the current term ends).
    pub reached: bool,
    /// End of the current term, if any.
    pub term_end: Option<Date>,
}

/// An expert whose yearly confirmation is missing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConfirmationMissing {
    /// Who it is about.
    #[serde(flatten)]
    pub who: Who,
    /// The year without a confirmation.
    pub year: i16,
    /// The last year confirmed, if ever.
    pub last_confirmed: Option<i16>,
}

/// A proposed dismissal or misconduct record.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Proposal {
    /// Who it is about.
    #[serde(flatten)]
    pub who: Who,
    /// The art. 19 ground, or `None` when the step due is a misconduct record (a no-show
    /// streak that is not yet the third record).
    pub ground: Option<DismissalGround>,
    /// What supports it: the records, no-shows or retired specialties.
    pub reasons: Vec<String>,
}

/// How well one specialty of a pool is staffed for a draw.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Coverage {
    /// The pool's id.
    pub pool: String,
    /// The specialty code.
    pub specialty: String,
    /// The specialty's name.
    pub name: String,
    /// Experts active in it today.
    pub active: usize,
    /// The employer with most active experts in the specialty (recused in a typical draw).
    pub largest_employer: Option<String>,
    /// How many of them the largest employer has.
    pub largest_group: usize,
    /// Active experts left after recusing the largest employer.
    pub available: usize,
    /// The pool's typical panel size.
    pub panel: u8,
    /// Whether `available` covers the panel.
    pub fillable: bool,
}

fn who(pool: &str, e: &ExpertRecord) -> Who {
    Who { pool: pool.to_string(), id: e.id.clone(), name: e.name.clone() }
}

fn birth_of(person: &PrivateRecord) -> Option<Date> {
    person.birth_date.or_else(|| parse_resident_id(&person.id_number).ok().map(|r| r.birth_date))
}

/// First day someone born on `birth` is past `limit` (未满70: the 70th birthday; 70周岁以内:
/// the 71st).
pub(crate) fn out_of_age_from(limit: &AgeLimit, birth: Date) -> Date {
    expertpool_records::eligibility::past_age_limit_from(limit, birth)
}

/// Builds the report for `today`, looking `within_days` ahead.
pub fn build(
    instance: &PublicInstance,
    private: Option<&PrivateData>,
    no_shows: &NoShows,
    today: Date,
    within_days: i64,
) -> Report {
    let horizon = today.plus_days(within_days);
    let mut report = Report {
        today,
        within_days,
        private_data: private.is_some(),
        terms_ending: vec![],
        age_limit: vec![],
        confirmations_missing: vec![],
        dismissal_proposals: vec![],
        coverage: vec![],
        overrides: vec![],
        reviews_due: vec![],
    };
    for pool in &instance.pools {
        let policy = &pool.policy;
        for e in &pool.experts {
            for o in &e.overrides {
                report.overrides.push(OverrideItem {
                    who: who(pool.id(), e),
                    stage: o.stage,
                    date: o.date,
                    rules: o.rules.clone(),
                    reason: o.reason.clone(),
                });
            }
            let status = status_on(e, today);
            if !matches!(status, Status::Active | Status::Appointed) {
                continue;
            }
            let term = current_term(e, today).or_else(|| e.appointments.iter().find(|a| a.start > today));
            let later = |t: &Appointment| e.appointments.iter().any(|a| a.start > t.end);
            if let Some(t) = term.filter(|t| t.end <= horizon && !later(t)) {
                report.terms_ending.push(TermEnding {
                    who: who(pool.id(), e),
                    certificate: t.certificate.clone(),
                    end: t.end,
                    days_left: days_between(today, t.end),
                });
            }
            let mut reasons_age = None;
            if let Some(birth) = private.and_then(|p| p.person(&e.person)).and_then(|p| birth_of(p)) {
                let out_from = out_of_age_from(&policy.age_limit, birth);
                let term_end = term.map(|t| t.end);
                if out_from <= today || term_end.is_some_and(|end| out_from <= end) {
                    let reached = out_from <= today;
                    report.age_limit.push(AgeLimitItem { who: who(pool.id(), e), out_from, reached, term_end });
                    if reached {
                        let limit = policy.age_limit.max_age;
                        reasons_age = Some(if policy.age_limit.inclusive {
                            t!("staff-report-reason-age-inclusive", limit = limit, date = out_from)
                        } else {
                            t!("staff-report-reason-age-under", limit = limit, date = out_from)
                        });
                    }
                }
            }
            if policy.review.yearly_confirmation && status == Status::Active {
                let admitted_before = e.appointments.first().is_some_and(|a| a.start.year() < today.year());
                let confirmed = e.confirmations.iter().any(|c| c.year == today.year());
                if admitted_before && !confirmed {
                    report.confirmations_missing.push(ConfirmationMissing {
                        who: who(pool.id(), e),
                        year: today.year(),
                        last_confirmed: e.confirmations.iter().map(|c| c.year).max(),
                    });
                }
            }
            report.dismissal_proposals.extend(proposals(
                instance,
                pool.id(),
                e,
                reasons_age,
                no_shows.get(&e.id),
                today,
            ));
        }
        report.coverage.extend(coverage(instance, pool, today));
        report.reviews_due.extend(review_due(policy, today));
    }
    report
}

fn days_between(from: Date, to: Date) -> i64 {
    let mut days = 0;
    let mut day = from;
    while day < to {
        day = day.plus_days(1);
        days += 1;
    }
    days
}

fn proposals(
    instance: &PublicInstance,
    pool: &str,
    e: &ExpertRecord,
    age: Option<String>,
    no_show: Option<&NoShow>,
    today: Date,
) -> Vec<Proposal> {
    let mut out = Vec::new();
    if let Some(reason) = age {
        out.push(Proposal { who: who(pool, e), ground: Some(DismissalGround::AgeLimit), reasons: vec![reason] });
    }
    let mut records: Vec<String> = e.misconduct.iter().map(|m| format!("{} {}", m.date, m.kind)).collect();
    if let Some(ns) = no_show.filter(|n| n.consecutive_no_shows >= 3) {
        let recorded = e.misconduct.iter().any(|m| {
            m.kind == MisconductKind::ThreeNoShows
                && m.reference.as_ref().is_some_and(|r| ns.draws.iter().any(|d| r.contains(d.as_str())))
        });
        if !recorded {
            let pending = t!(
                "staff-report-reason-no-shows",
                count = ns.consecutive_no_shows,
                draws = ns.draws.join(", "),
                kind = MisconductKind::ThreeNoShows
            );
            records.push(pending.clone());
            if e.misconduct.len() + 1 < 3 {
                out.push(Proposal { who: who(pool, e), ground: None, reasons: vec![pending] });
            }
        }
    }
    // Art. 18(8): three unexplained late arrivals or early departures in a calendar year,
    // unless a misconduct record of that kind names one of those draws.
    if let Some(ns) = no_show {
        for (year, draws) in ns.late_or_early.iter().filter(|(_, d)| d.len() >= 3) {
            let recorded = e.misconduct.iter().any(|m| {
                m.kind == MisconductKind::ThreeLateOrEarly
                    && m.reference.as_ref().is_some_and(|r| draws.iter().any(|d| r.contains(d.as_str())))
            });
            if !recorded {
                let reason = t!(
                    "staff-report-reason-late",
                    year = year.as_str(),
                    count = draws.len(),
                    draws = draws.join(", "),
                    kind = MisconductKind::ThreeLateOrEarly
                );
                out.push(Proposal { who: who(pool, e), ground: None, reasons: vec![reason] });
            }
        }
    }
    // An evaluation of 不称职 (art. 17) is looked into as possible misconduct under
    // art. 18(1) (未按照……工作程序、方法、标准进行工作): a proposal, never a silent
    // record, until a misconduct record dated on or after it shows it was handled.
    for ev in e.evaluations.iter().filter(|ev| ev.rating == Rating::Incompetent) {
        if e.misconduct.iter().any(|m| m.date >= ev.date) {
            continue;
        }
        let reason = match ev.draw.as_deref() {
            Some(draw) => {
                t!("staff-report-reason-incompetent-draw", date = ev.date, unit = ev.unit, work = ev.work, draw = draw)
            }
            None => t!("staff-report-reason-incompetent", date = ev.date, unit = ev.unit, work = ev.work),
        };
        out.push(Proposal { who: who(pool, e), ground: None, reasons: vec![reason] });
    }
    if records.len() >= 3 {
        out.push(Proposal { who: who(pool, e), ground: Some(DismissalGround::ThreeMisconducts), reasons: records });
    }
    let retired: Vec<String> = e
        .specialties
        .iter()
        .filter_map(|c| instance.specialty(c))
        .filter(|s| s.retired.is_some_and(|r| r <= today))
        .map(|s| {
            let date = s.retired.map(|r| r.to_string()).unwrap_or_default();
            t!("staff-report-reason-retired", name = s.name, code = s.code, date = date)
        })
        .collect();
    if !e.specialties.is_empty() && retired.len() == e.specialties.len() {
        out.push(Proposal { who: who(pool, e), ground: Some(DismissalGround::FieldObsolete), reasons: retired });
    }
    out
}

/// Active experts per specialty, and whether a typical panel can be drawn after recusing
/// the largest single employer (one unit under review is the usual case).
fn coverage(instance: &PublicInstance, pool: &expertpool_records::Pool, today: Date) -> Vec<Coverage> {
    let mut by_specialty: BTreeMap<&str, Vec<&Loaded<ExpertRecord>>> = BTreeMap::new();
    for e in &pool.experts {
        for code in &e.specialties {
            by_specialty.entry(code.as_str()).or_default();
        }
        let Some(term) = current_term(e, today).filter(|_| status_on(e, today) == Status::Active) else { continue };
        let codes = if term.categories.is_empty() { &e.specialties } else { &term.categories };
        for code in codes {
            by_specialty.entry(code.as_str()).or_default().push(e);
        }
    }
    let panel = pool.policy.draw.typical_panel;
    by_specialty
        .into_iter()
        .filter(|(code, _)| instance.specialty(code).is_none_or(|s| s.retired.is_none_or(|r| r > today)))
        .map(|(code, experts)| {
            let mut groups: BTreeMap<String, usize> = BTreeMap::new();
            for e in &experts {
                let key = e.employer_credit_code.clone().unwrap_or_else(|| e.employer.clone());
                *groups.entry(key).or_default() += 1;
            }
            let largest = groups.iter().max_by_key(|(_, n)| **n).map(|(k, n)| (k.clone(), *n));
            let largest_employer = largest.as_ref().map(|(key, _)| {
                experts
                    .iter()
                    .find(|e| e.employer_credit_code.as_ref() == Some(key))
                    .map(|e| e.employer.clone())
                    .unwrap_or(key.clone())
            });
            let largest_group = largest.map(|(_, n)| n).unwrap_or(0);
            let available = experts.len() - largest_group;
            Coverage {
                pool: pool.id().to_string(),
                specialty: code.to_string(),
                name: instance.specialty(code).map(|s| s.name.clone()).unwrap_or_default(),
                active: experts.len(),
                largest_employer,
                largest_group,
                available,
                panel,
                fillable: available >= usize::from(panel),
            }
        })
        .collect()
}

impl Report {
    /// Whether anything needs the clerk's attention.
    pub fn needs_action(&self) -> bool {
        !(self.terms_ending.is_empty()
            && self.age_limit.is_empty()
            && self.confirmations_missing.is_empty()
            && self.dismissal_proposals.is_empty()
            && self.reviews_due.is_empty()
            && self.coverage.iter().all(|c| c.fillable))
    }

    /// For people: one section per question, empty sections said in one line.
    pub fn to_text(&self) -> String {
        let mut out = t!("staff-report-title", today = self.today, days = self.within_days) + "\n";
        let section = |out: &mut String, title: &str, lines: Vec<String>| {
            out.push_str(&format!("\n{}\n", t!("staff-report-section", title = title, count = lines.len())));
            if lines.is_empty() {
                out.push_str(&format!("  {}\n", t!("staff-report-none")));
            }
            for line in lines {
                out.push_str(&format!("  {line}\n"));
            }
        };
        section(
            &mut out,
            &t!("staff-report-terms-ending", days = self.within_days),
            self.terms_ending
                .iter()
                .map(|t| {
                    t!(
                        "staff-report-term-ends",
                        id = t.who.id,
                        name = t.who.name,
                        pool = t.who.pool,
                        certificate = t.certificate,
                        end = t.end,
                        days = t.days_left
                    )
                })
                .collect(),
        );
        let mut age: Vec<String> = self
            .age_limit
            .iter()
            .map(|a| {
                if a.reached {
                    t!(
                        "staff-report-age-reached",
                        id = a.who.id,
                        name = a.who.name,
                        pool = a.who.pool,
                        date = a.out_from
                    )
                } else {
                    t!(
                        "staff-report-age-before-term-end",
                        id = a.who.id,
                        name = a.who.name,
                        pool = a.who.pool,
                        date = a.out_from,
                        end = a.term_end.map(|d| d.to_string()).unwrap_or_default()
                    )
                }
            })
            .collect();
        if !self.private_data {
            age.push(t!("staff-report-age-unchecked"));
        }
        section(&mut out, &t!("staff-report-age-limit"), age);
        section(
            &mut out,
            &t!("staff-report-confirmations-missing", year = self.today.year()),
            self.confirmations_missing
                .iter()
                .map(|c| {
                    let (id, name, pool) = (&c.who.id, &c.who.name, &c.who.pool);
                    match c.last_confirmed {
                        Some(year) => t!("staff-report-last-confirmed", id = id, name = name, pool = pool, year = year),
                        None => t!("staff-report-never-confirmed", id = id, name = name, pool = pool),
                    }
                })
                .collect(),
        );
        section(
            &mut out,
            &t!("staff-report-dismissal-proposals"),
            self.dismissal_proposals
                .iter()
                .map(|p| {
                    let ground = p
                        .ground
                        .map(|g| t!("staff-report-ground", ground = g))
                        .unwrap_or_else(|| t!("staff-report-misconduct-to-record"));
                    t!(
                        "staff-report-proposal",
                        id = p.who.id,
                        name = p.who.name,
                        pool = p.who.pool,
                        ground = ground,
                        reasons = p.reasons.join(&t!("staff-report-reason-separator"))
                    )
                })
                .collect(),
        );
        section(
            &mut out,
            &t!("staff-report-coverage"),
            self.coverage
                .iter()
                .filter(|c| !c.fillable)
                .map(|c| {
                    let largest = c.largest_employer.clone().unwrap_or_else(|| t!("staff-report-nobody"));
                    t!(
                        "staff-report-coverage-line",
                        pool = c.pool,
                        code = c.specialty,
                        name = c.name,
                        active = c.active,
                        available = c.available,
                        employer = largest,
                        group = c.largest_group,
                        panel = c.panel
                    )
                })
                .collect(),
        );
        section(
            &mut out,
            &t!("staff-report-reviews-due"),
            self.reviews_due
                .iter()
                .map(|r| match (r.last, r.due) {
                    (Some(last), Some(due)) => {
                        t!(
                            "staff-report-review-due",
                            pool = r.pool,
                            name = r.name,
                            years = r.cycle_years,
                            last = last,
                            due = due
                        )
                    }
                    _ => t!("staff-report-review-never", pool = r.pool, name = r.name, years = r.cycle_years),
                })
                .collect(),
        );
        section(
            &mut out,
            &t!("staff-report-overrides"),
            self.overrides
                .iter()
                .map(|o| {
                    t!(
                        "staff-report-override",
                        id = o.who.id,
                        name = o.who.name,
                        pool = o.who.pool,
                        stage = o.stage,
                        date = o.date,
                        rules = o.rules.join(", "),
                        reason = o.reason
                    )
                })
                .collect(),
        );
        out
    }

    /// For machines: one flat row per finding.
    pub fn to_csv(&self) -> Result<String, String> {
        let mut writer = csv::Writer::from_writer(Vec::new());
        let mut row = |fields: [String; 6]| writer.write_record(&fields).map_err(|e| e.to_string());
        row(["section", "pool", "id", "name", "date", "detail"].map(String::from))?;
        for t in &self.terms_ending {
            row([
                "term_ending".into(),
                t.who.pool.clone(),
                t.who.id.clone(),
                t.who.name.clone(),
                t.end.to_string(),
                t.certificate.clone(),
            ])?;
        }
        for a in &self.age_limit {
            let detail = if a.reached { "reached" } else { "before_term_end" };
            row([
                "age_limit".into(),
                a.who.pool.clone(),
                a.who.id.clone(),
                a.who.name.clone(),
                a.out_from.to_string(),
                detail.into(),
            ])?;
        }
        for c in &self.confirmations_missing {
            row([
                "confirmation_missing".into(),
                c.who.pool.clone(),
                c.who.id.clone(),
                c.who.name.clone(),
                String::new(),
                c.year.to_string(),
            ])?;
        }
        for p in &self.dismissal_proposals {
            let ground = p.ground.map(|g| g.label().to_string()).unwrap_or_else(|| "misconduct_due".into());
            row([
                "dismissal_proposal".into(),
                p.who.pool.clone(),
                p.who.id.clone(),
                p.who.name.clone(),
                ground,
                p.reasons.join("; "),
            ])?;
        }
        for c in &self.coverage {
            let detail =
                format!("active={} available={} panel={} fillable={}", c.active, c.available, c.panel, c.fillable);
            row(["coverage".into(), c.pool.clone(), c.specialty.clone(), c.name.clone(), String::new(), detail])?;
        }
        for r in &self.reviews_due {
            row([
                "review_due".into(),
                r.pool.clone(),
                String::new(),
                r.name.clone(),
                r.due.map(|d| d.to_string()).unwrap_or_default(),
                format!("cycle={} last={}", r.cycle_years, r.last.map(|d| d.to_string()).unwrap_or_default()),
            ])?;
        }
        for o in &self.overrides {
            row([
                "override".into(),
                o.who.pool.clone(),
                o.who.id.clone(),
                o.who.name.clone(),
                o.date.to_string(),
                format!("{} {}: {}", o.stage, o.rules.join(","), o.reason),
            ])?;
        }
        let bytes = writer.into_inner().map_err(|e| e.to_string())?;
        String::from_utf8(bytes).map_err(|e| e.to_string())
    }
}

#[cfg(test)]
mod age_tests {
    use super::*;
    use expertpool_records::eligibility::within_age_limit;

    #[test]
    fn a_birth_on_29_february_is_past_the_limit_on_the_same_day_as_check_says() {
        let birth = Date::ymd(1956, 2, 29);
        for limit in [AgeLimit { max_age: 70, inclusive: false }, AgeLimit { max_age: 70, inclusive: true }] {
            let out_from = out_of_age_from(&limit, birth);
            assert_eq!(out_from.to_string()[5..], *"03-01", "{limit:?}");
            assert!(within_age_limit(&limit, birth, out_from.plus_days(-1)), "{limit:?}");
            assert!(!within_age_limit(&limit, birth, out_from), "{limit:?}");
        }
    }
}
