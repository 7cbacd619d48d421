//! The dates a synthetic instance hangs on, all relative to "today": publicity rounds
//! (each a notice start and its period under the real holiday schedule) and the two calls.

use expertpool_records::calendar::{Calendar, Period};
use expertpool_records::model::Date;

/// Publicity rounds, oldest first. Rounds 0–2 are admitted and serving, round 3 ended a
/// few weeks ago (approved, some appointed from a later date), round 4 is open today.
pub const ROUNDS: usize = 5;
/// Days before today each of rounds 0–3 starts (then moved to a working day).
const ROUND_OFFSETS: [i64; 4] = [600, 420, 170, 45];
/// Minimum publicity length both demo pools use (不少于5个工作日).
pub const PUBLICITY_DAYS: u8 = 5;

#[derive(Debug, Clone, Copy)]
pub struct Round {
    pub start: Date,
    /// Last day of the publicity period.
    pub end: Date,
    /// 会议审定
    pub approved: Date,
    /// 分类入库 and the first day of the term.
    pub admitted: Date,
}

#[derive(Debug, Clone, Copy)]
pub struct CallDates {
    pub published: Date,
    pub deadline: Date,
}

#[derive(Debug, Clone)]
pub struct Timeline {
    pub today: Date,
    pub rounds: [Round; ROUNDS],
    /// The zhineng call rounds 2–4 answered; closed.
    pub closed_call: CallDates,
    /// The gaojineng call open today; its applicants have applied but are not yet publicised.
    pub open_call: CallDates,
}

impl Timeline {
    /// Lays the rounds out before `today`. Fails when a period would fall in a year the
    /// calendar has no schedule for.
    pub fn new(calendar: &Calendar, today: Date) -> Result<Timeline, String> {
        let uncovered = |e: expertpool_records::calendar::UncoveredYear| {
            format!(
                "--today {today} puts a publicity period in {}, which calendar/ does not cover; \
                 pick a date from 2026-09-01 to 2026-12-20 (the synthetic history reaches back 600 days)",
                e.year
            )
        };
        let mut rounds = Vec::with_capacity(ROUNDS);
        for offset in ROUND_OFFSETS {
            let start = calendar.next_working_day(today.plus_days(-offset)).map_err(uncovered)?;
            rounds.push(round(calendar, start).map_err(uncovered)?);
        }
        // The open round started two working days ago, so today is inside its period.
        let mut start = today;
        let mut counted = 0;
        while counted < 2 {
            start = start.plus_days(-1);
            if calendar.is_working_day(start).map_err(uncovered)? {
                counted += 1;
            }
        }
        rounds.push(round(calendar, start).map_err(uncovered)?);
        let rounds: [Round; ROUNDS] = rounds.try_into().expect("five rounds");
        let closed_call =
            CallDates { published: rounds[2].start.plus_days(-80), deadline: rounds[2].start.plus_days(-30) };
        let open_call = CallDates { published: today.plus_days(-25), deadline: today.plus_days(35) };
        Ok(Timeline { today, rounds, closed_call, open_call })
    }
}

fn round(calendar: &Calendar, start: Date) -> Result<Round, expertpool_records::calendar::UncoveredYear> {
    let period = Period::compute(calendar, start, PUBLICITY_DAYS, true)?;
    Ok(Round { start, end: period.end, approved: period.end.plus_days(5), admitted: period.end.plus_days(12) })
}
