//! Working days (工作日) from the State Council holiday schedules: Monday to Friday
//! unless a day off, plus the weekend days made working days in exchange (调休).
//! A date in a year the calendar does not cover is an error, never a guess.

use crate::model::{CalendarYear, Date};
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone, Default, PartialEq)]
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

    pub fn covers(&self, day: Date) -> bool {
        self.years.contains(&day.year())
    }

    /// The holiday a day belongs to, if it is a statutory day off.
    pub fn holiday_name(&self, day: Date) -> Option<&str> {
        self.days_off.get(&day).map(String::as_str)
    }

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
    pub fn add_working_days(&self, start: Date, n: u32, start_counts: bool) -> Result<Date, UncoveredYear> {
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

    /// Working days in `from..=to`.
    pub fn working_days_between(&self, from: Date, to: Date) -> Result<u32, UncoveredYear> {
        let mut day = from;
        let mut count = 0;
        while day <= to {
            if self.is_working_day(day)? {
                count += 1;
            }
            day = day.plus_days(1);
        }
        Ok(count)
    }
}

/// A publicity period: first and last day (inclusive) of the working days it spans.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Period {
    pub start: Date,
    pub end: Date,
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
pub enum Phase {
    Upcoming,
    Open,
    Ended,
}

impl Phase {
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
        assert_eq!(cal.holiday_name(d("2026-10-05")), Some("国庆节"));
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
        assert_eq!(cal.working_days_between(d("2026-02-13"), d("2026-02-26")).unwrap(), 5);
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
