//! `expertpool synthesize`: a complete, fictional instance of any size, the same bytes
//! for the same seed and "today". It wrote the demo (now kept as files), and feeds the tests
//! and the benchmarks.
//!
//! Records are planned in a cheap first pass (pool, person, cohort, publicity round),
//! which fixes the notices; then every public and private record is built from its own
//! random stream and written in parallel, so memory stays small and order is irrelevant.

mod experts;
mod fixed;
mod ids;
mod people;
mod plan;
mod rng;
mod timeline;
mod words;

use expertpool_records::calendar::Calendar;
use expertpool_records::layout;
use expertpool_records::model::{CalendarYear, Date};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// The date the demo instance is written for; `check --today` uses the same default.
pub(crate) const DEFAULT_TODAY: (i16, i8, i8) = (2026, 11, 23);
/// Experts per publicity notice; a larger round is split into batches.
pub const NOTICE_BATCH: usize = 200;

/// What to synthesize.
#[derive(Debug, Clone)]
pub struct Options {
    /// Public records to write, over both pools (a person in both has two).
    pub experts: usize,
    /// The seed: the same seed and `today` give the same bytes.
    pub seed: u64,
    /// The day the instance describes: statuses, open periods and calls are as of it.
    pub today: Date,
}

/// What was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// Public expert records written.
    pub experts: usize,
    /// Private records written (a person in both pools has one).
    pub people: usize,
    /// Publicity notices written.
    pub notices: usize,
    /// Calls for experts written.
    pub calls: usize,
}

/// Why nothing, or not everything, was written.
#[derive(Debug, thiserror::Error)]
pub enum SynthError {
    /// `today` puts a publicity period in a year the bundled calendar does not cover.
    #[error("{0}")]
    Dates(String),
    /// The folder already holds an instance: the entry named exists.
    #[error("`{0}` already holds an instance ({1} exists); choose an empty or new folder")]
    NotEmpty(PathBuf, String),
    /// Writing a file or making a folder failed.
    #[error("cannot write {0}: {1}")]
    Io(PathBuf, std::io::Error),
}

/// Writes a synthetic instance into `out` (created if missing; must not hold one).
pub fn synthesize(out: &Path, options: &Options) -> Result<Summary, SynthError> {
    for existing in layout::TOP_LEVEL {
        if out.join(existing).exists() {
            return Err(SynthError::NotEmpty(out.to_path_buf(), existing.to_string()));
        }
    }
    let calendar = calendar();
    let t = timeline::Timeline::new(&calendar, options.today).map_err(SynthError::Dates)?;
    let seed = options.seed;
    let mut plans: Vec<plan::Plan> = (0..options.experts).into_par_iter().map(|k| plan::plan(seed, k)).collect();
    let notices = batch_notices(&mut plans, &t);
    let people = people::people(seed, &plans, t.today);

    let write = |path: PathBuf, text: &str| std::fs::write(&path, text).map_err(|e| SynthError::Io(path, e));
    let mkdir = |path: PathBuf| std::fs::create_dir_all(&path).map_err(|e| SynthError::Io(path, e));
    for dir in
        [layout::calendar_dir(), layout::notices_dir(), layout::calls_dir(), layout::pages_dir(), layout::people_dir()]
    {
        mkdir(out.join(dir))?;
    }
    write(out.join(layout::site()), fixed::SITE_TOML)?;
    write(out.join(layout::specialties()), &fixed::specialties_toml())?;
    for (year, text) in fixed::CALENDAR {
        write(out.join(layout::calendar_year(*year)), text)?;
    }
    for (id, _, policy, ..) in fixed::POOLS {
        mkdir(out.join(layout::experts_dir(id)))?;
        write(out.join(layout::pool_policy(id)), policy)?;
    }
    for (slug, text) in &notices {
        write(out.join(layout::notice(slug)), text)?;
    }
    let calls = [fixed::closed_call(&t), fixed::open_call(&t)];
    for (slug, text) in &calls {
        write(out.join(layout::call(slug)), text)?;
    }
    write(out.join(layout::page("guanli-banfa")), &fixed::policy_page(&t))?;

    let header =
        format!("# Synthetic record (expertpool synthesize --seed {seed} --today {}): a fictional person.\n", t.today);
    plans.par_iter().enumerate().try_for_each(|(k, plan)| {
        let record = experts::expert_record(seed, k, plan, &people[plan.person], &t);
        let text = header.clone() + &fixed::record_toml(&record);
        let pool = fixed::POOLS[plan.pool].0;
        write(out.join(layout::expert(pool, &record.id)), &text)
    })?;
    people.par_iter().enumerate().try_for_each(|(p, person)| {
        let record = people::private_record(seed, p, person, t.today);
        let text = header.clone() + &fixed::record_toml(&record);
        write(out.join(layout::person(&record.id)), &text)
    })?;
    Ok(Summary { experts: plans.len(), people: people.len(), notices: notices.len(), calls: calls.len() })
}

/// The holiday schedules the synthetic instance ships with.
fn calendar() -> Calendar {
    let years: Vec<CalendarYear> =
        fixed::CALENDAR.iter().map(|(_, text)| toml::from_str(text).expect("bundled calendar parses")).collect();
    Calendar::from_years(&years)
}

/// Groups publicised records by pool and round into notices of at most [`NOTICE_BATCH`],
/// records each record's notice slug, and renders the notices.
fn batch_notices(plans: &mut [plan::Plan], t: &timeline::Timeline) -> Vec<(String, String)> {
    let mut notices = Vec::new();
    let mut serial = 10;
    for pool in 0..fixed::POOLS.len() {
        for round in 0..timeline::ROUNDS {
            let members: Vec<usize> =
                (0..plans.len()).filter(|&k| plans[k].pool == pool && plans[k].round == Some(round)).collect();
            let batches = members.len().div_ceil(NOTICE_BATCH);
            for (batch, chunk) in members.chunks(NOTICE_BATCH).enumerate() {
                let start = t.rounds[round].start;
                let slug = fixed::notice_slug(pool, start, batch);
                let ids = chunk.iter().map(|&k| experts::public_id(pool, plans[k].number)).collect();
                for &k in chunk {
                    plans[k].notice = Some(slug.clone());
                }
                let open = round == timeline::ROUNDS - 1;
                serial += 1;
                notices.push((slug, fixed::notice(pool, &t.rounds[round], open, batch, batches, ids, serial)));
            }
        }
    }
    notices
}

/// Parses `YYYY-MM-DD` for `--today`, defaulting to [`DEFAULT_TODAY`].
pub fn today_or_default(text: Option<&str>) -> Result<Date, String> {
    match text {
        Some(text) => Date::parse(text),
        None => Ok(Date::ymd(DEFAULT_TODAY.0, DEFAULT_TODAY.1, DEFAULT_TODAY.2)),
    }
}
