//! Working days (工作日) from the State Council holiday schedules: Monday to Friday
//! unless a day off, plus the weekend days made working days in exchange (调休).
//! A date in a year the calendar does not cover is an error, never a guess.

use crate::model::{CalendarYear, Date};
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone, Default, PartialEq)]
/// The working-day calendar: statutory days off and make-up working days (调休), by year.
pub struct Calendar {
    years: BTreeSet<i16>,
    days_off: BTreeMap<Date, String>,
    makeup_workdays: BTreeSet<Date>,
}

/// Asked about a day in a year with no schedule in `calendar/`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "no holiday schedule for {year}: add {} from the State Council notice for {year}",
    crate::layout::calendar_year(*.year).display()
)]
pub struct UncoveredYear {
    /// The year without a schedule.
    pub year: i16,
}

impl Calendar {
    /// The calendar of the given years' schedules.
    pub fn from_years<'a>(years: impl IntoIterator<Item = &'a CalendarYear>) -> Calendar {
        let mut calendar = Calendar::default();
        for year in years {
            calendar.years.insert(year.year);
            for holiday in &year.holidays {
                let mut day = holiday.from;
                while day <= holiday.to {
                    calendar.days_off.insert(day, holiday.name.clone());
                    day = day.plus_days(1);
                }
                calendar.makeup_workdays.extend(holiday.makeup_workdays.iter().copied());
            }
        }
        calendar
    }

    /// The years this calendar has schedules for.
    pub fn years(&self) -> impl Iterator<Item = i16> + '_ {
        self.years.iter().copied()
    }

    pub(crate) fn covers(&self, day: Date) -> bool {
        self.years.contains(&day.year())
    }

    /// Whether `day` is a working day: a weekday not off, or a make-up working day.
    pub fn is_working_day(&self, day: Date) -> Result<bool, UncoveredYear> {
        if !self.covers(day) {
            return Err(UncoveredYear { year: day.year() });
        }
        if self.makeup_workdays.contains(&day) {
            return Ok(true);
        }
        Ok(day.iso_weekday() <= 5 && !self.days_off.contains_key(&day))
    }

    /// The first working day on or after `day`.
    pub fn next_working_day(&self, mut day: Date) -> Result<Date, UncoveredYear> {
        while !self.is_working_day(day)? {
            day = day.plus_days(1);
        }
        Ok(day)
    }

    /// The `n`th working day counting from `start`: with `start_counts`, `start` itself
    /// is day 1 when it is a working day; otherwise counting begins the day after.
    /// `n = 0` returns the day before counting begins.
    pub(crate) fn add_working_days(&self, start: Date, n: u32, start_counts: bool) -> Result<Date, UncoveredYear> {
        let mut day = if start_counts { start.plus_days(-1) } else { start };
        let mut counted = 0;
        while counted < n {
            day = day.plus_days(1);
            if self.is_working_day(day)? {
                counted += 1;
            }
        }
        Ok(day)
    }
}

/// A publicity period: first and last day (inclusive) of the working days it spans.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Period {
    /// The first day of the period.
    pub start: Date,
    /// The last day of the period (inclusive).
    pub end: Date,
    /// Working days in the period.
    pub working_days: u8,
}

impl Period {
    /// The period of `working_days` starting at `start` under the pool's counting rule.
    pub fn compute(
        calendar: &Calendar,
        start: Date,
        working_days: u8,
        first_day_counts: bool,
    ) -> Result<Period, UncoveredYear> {
        let end = calendar.add_working_days(start, u32::from(working_days), first_day_counts)?;
        Ok(Period { start, end, working_days })
    }

    /// Upcoming / open / ended on `today`.
    pub fn phase(&self, today: Date) -> Phase {
        if today < self.start {
            Phase::Upcoming
        } else if today <= self.end {
            Phase::Open
        } else {
            Phase::Ended
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
/// Where a day stands relative to a period.
pub enum Phase {
    /// Before the first day.
    Upcoming,
    /// On a day of the period.
    Open,
    /// After the last day.
    Ended,
}

impl Phase {
    /// The label the public site prints.
    pub fn label(self) -> &'static str {
        match self {
            Phase::Upcoming => "未开始",
            Phase::Open => "公示中",
            Phase::Ended => "已结束",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The real schedules shipped in content/calendar, read as a clerk would write them.
    fn real_calendar() -> Calendar {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../content/calendar");
        let years: Vec<CalendarYear> = ["2025", "2026"]
            .iter()
            .map(|y| toml::from_str(&std::fs::read_to_string(format!("{dir}/{y}.toml")).unwrap()).unwrap())
            .collect();
        Calendar::from_years(&years)
    }

    fn d(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    #[test]
    fn weekends_holidays_and_makeup_days() {
        let cal = real_calendar();
        assert!(!cal.is_working_day(d("2025-10-08")).unwrap(), "National Day week 2025");
        assert!(cal.is_working_day(d("2025-09-28")).unwrap(), "Sunday made a working day");
        assert!(cal.is_working_day(d("2025-10-11")).unwrap(), "Saturday made a working day");
        assert!(!cal.is_working_day(d("2026-02-23")).unwrap(), "Monday in Spring Festival 2026");
        assert!(cal.is_working_day(d("2026-02-14")).unwrap(), "Saturday before Spring Festival 2026");
        assert!(cal.is_working_day(d("2026-01-04")).unwrap(), "Sunday after New Year 2026");
        assert!(!cal.is_working_day(d("2026-01-02")).unwrap(), "Friday off at New Year 2026");
        assert!(!cal.is_working_day(d("2026-11-22")).unwrap(), "an ordinary Sunday");
        assert_eq!(cal.days_off.get(&d("2026-10-05")).map(String::as_str), Some("国庆节"));
    }

    #[test]
    fn periods_skip_holidays() {
        let cal = real_calendar();
        // Starting the Friday before Spring Festival 2026: 13th, then 14th (Saturday,
        // make-up), then nothing until the 24th.
        let p = Period::compute(&cal, d("2026-02-13"), 5, true).unwrap();
        assert_eq!(p.end, d("2026-02-26"));
        // Across National Day 2025 with the make-up Saturday 11 October.
        let p = Period::compute(&cal, d("2025-09-29"), 5, true).unwrap();
        assert_eq!(p.end, d("2025-10-11"));
        // An ordinary week, first day not counted.
        let p = Period::compute(&cal, d("2026-11-16"), 5, false).unwrap();
        assert_eq!(p.end, d("2026-11-23"));
        let p = Period::compute(&cal, d("2026-11-16"), 5, true).unwrap();
        assert_eq!(p.end, d("2026-11-20"));
        let working = (0..=13).map(|n| d("2026-02-13").plus_days(n)).filter(|&day| cal.is_working_day(day).unwrap());
        assert_eq!(working.count(), 5);
    }

    #[test]
    fn years_without_a_schedule_are_errors() {
        let cal = real_calendar();
        let err = Period::compute(&cal, d("2026-12-28"), 5, true).unwrap_err();
        assert_eq!(err.year, 2027);
        assert!(err.to_string().contains("calendar/2027.toml"));
        assert!(cal.is_working_day(d("2024-12-31")).is_err());
    }

    #[test]
    fn phase_follows_the_dates() {
        let p = Period { start: d("2026-11-16"), end: d("2026-11-20"), working_days: 5 };
        assert_eq!(p.phase(d("2026-11-15")), Phase::Upcoming);
        assert_eq!(p.phase(d("2026-11-20")), Phase::Open);
        assert_eq!(p.phase(d("2026-11-21")), Phase::Ended);
    }
}
