//! Working days (工作日) from the State Council holiday schedules: Monday to Friday
//! unless a day off, plus the weekend days made working days in exchange (调休).
//! A date in a year the calendar does not cover is an error, never a guess.

use crate::diagnostic::{Code, Diagnostic};
use crate::instance::Loaded;
use crate::model::{CalendarYear, Date, MAX_YEAR, MIN_YEAR};
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone, Default, PartialEq)]
/// The working-day calendar: statutory days off and make-up working days (调休), by year.
pub struct Calendar {
    years: BTreeSet<i16>,
    days_off: BTreeMap<Date, String>,
    makeup_workdays: BTreeSet<Date>,
    /// Years whose schedule file exists but was refused (see [`check_schedule`]).
    rejected: BTreeSet<i16>,
}

/// Asked about a day in a year with no usable schedule in `calendar/`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", uncovered_message(*.year, *.rejected))]
pub struct UncoveredYear {
    /// The year without a schedule.
    pub year: i16,
    /// Whether the year's file exists but has errors, so the fix is to correct it, not add it.
    pub rejected: bool,
}

fn uncovered_message(year: i16, rejected: bool) -> String {
    let file = crate::layout::calendar_year(year);
    if rejected {
        expertpool_i18n::t!("records-calendar-rejected", year = year, path = file.display())
    } else {
        expertpool_i18n::t!("records-calendar-missing", year = year, path = file.display())
    }
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

    /// This calendar, knowing that the schedule files of `years` exist but were refused, so
    /// a question about those years asks for the file to be corrected rather than added.
    pub fn with_rejected(mut self, years: impl IntoIterator<Item = i16>) -> Calendar {
        self.rejected.extend(years);
        self
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
            return Err(UncoveredYear { year: day.year(), rejected: self.rejected.contains(&day.year()) });
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

/// The problems of one schedule file, `calendar/<year>.toml`: its `year` must be its file
/// name's and within the supported years, every day must fall in that year, each holiday's
/// `from` must not be after its `to`, make-up working days must be Saturdays or Sundays, and
/// no day may be off in two holidays or both off and a make-up working day. A file with any
/// of these is not used: a wrong schedule would silently move every publicity period.
pub fn check_schedule(loaded: &Loaded<CalendarYear>) -> Vec<Diagnostic> {
    let file = &loaded.file;
    let schedule = &loaded.value;
    let year = schedule.year;
    let mut out = Vec::new();
    let stem = file.path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    if stem != year.to_string() {
        out.push(
            Diagnostic::error(Code::BadValue, file, "year", format!("`year = {year}` 与文件名 {stem}.toml 不符"))
                .with_help(format!(
                    "每个文件只写它文件名所示的那一年：把 year 改为 {stem}，或把文件改名为 {year}.toml"
                )),
        );
    }
    if !Date::year_in_range(year) {
        out.push(Diagnostic::error(
            Code::BadValue,
            file,
            "year",
            format!("年份 {year} 超出范围：须在 {MIN_YEAR} 年至 {MAX_YEAR} 年之间"),
        ));
    }
    let outside = |day: Date| day.year() != year;
    let outside_help = format!("{year}.toml 只写 {year} 年的日期；其他年份的日期写进该年的文件");
    let mut off: BTreeMap<Date, usize> = BTreeMap::new();
    for (i, holiday) in schedule.holidays.iter().enumerate() {
        for (field, day) in [("from", holiday.from), ("to", holiday.to)] {
            if outside(day) {
                out.push(
                    Diagnostic::error(
                        Code::BadValue,
                        file,
                        &format!("holiday[{i}].{field}"),
                        format!("{day} 不在 {year} 年内"),
                    )
                    .with_help(outside_help.clone()),
                );
            }
        }
        if holiday.from > holiday.to {
            out.push(
                Diagnostic::error(
                    Code::DateOrder,
                    file,
                    &format!("holiday[{i}].to"),
                    format!("{}的放假结束日 {} 早于开始日 {}", holiday.name, holiday.to, holiday.from),
                )
                .with_help("from 写放假第一天，to 写放假最后一天"),
            );
        }
        let mut day = holiday.from;
        while day <= holiday.to && !outside(day) {
            if let Some(first) = off.insert(day, i) {
                out.push(
                    Diagnostic::error(
                        Code::Duplicate,
                        file,
                        &format!("holiday[{i}].from"),
                        format!("{}的放假日期与{}重叠（{day}）", holiday.name, schedule.holidays[first].name),
                    )
                    .with_help("每一天只属于一个假期：按国务院通知改正 from 和 to"),
                );
                break;
            }
            day = day.plus_days(1);
        }
    }
    for (i, holiday) in schedule.holidays.iter().enumerate() {
        for (j, &day) in holiday.makeup_workdays.iter().enumerate() {
            let field = format!("holiday[{i}].makeup_workdays[{j}]");
            if outside(day) {
                out.push(
                    Diagnostic::error(Code::BadValue, file, &field, format!("{day} 不在 {year} 年内"))
                        .with_help(outside_help.clone()),
                );
            } else if day.iso_weekday() <= 5 {
                out.push(
                    Diagnostic::error(Code::BadValue, file, &field, format!("调休上班日 {day} 是工作日（周一至周五）"))
                        .with_help("调休上班日只能是周六或周日：按国务院通知改正该日期"),
                );
            } else if let Some(&k) = off.get(&day) {
                out.push(
                    Diagnostic::error(
                        Code::BadValue,
                        file,
                        &field,
                        format!("调休上班日 {day} 在{}的放假日期之内", schedule.holidays[k].name),
                    )
                    .with_help("一天不能既放假又上班：按国务院通知改正该日期或放假日期"),
                );
            }
        }
    }
    out
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

    /// The shipped 2026 schedule with `from` and `to` replaced, as a file named `name`.
    fn schedule(name: &str, edit: impl Fn(String) -> String) -> Loaded<CalendarYear> {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../content/calendar");
        let text = edit(std::fs::read_to_string(format!("{dir}/2026.toml")).unwrap());
        let file = crate::source::SourceFile::new(format!("calendar/{name}"), text);
        Loaded { value: crate::load::parse_value(&file).unwrap(), file: std::sync::Arc::new(file) }
    }

    fn problems(name: &str, edit: impl Fn(String) -> String) -> Vec<Diagnostic> {
        check_schedule(&schedule(name, edit))
    }

    #[test]
    fn the_shipped_schedules_pass() {
        assert!(problems("2026.toml", |t| t).is_empty());
    }

    #[test]
    fn a_holiday_ending_before_it_starts_is_refused_at_its_to() {
        let found = problems("2026.toml", |t| t.replace("to = 2026-10-07", "to = 2026-09-30"));
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!((found[0].code, found[0].field.as_str()), (Code::DateOrder, "holiday[6].to"));
        assert_eq!(found[0].line, 41);
    }

    #[test]
    fn make_up_days_must_be_weekend_days_not_off_and_in_the_year() {
        let found = problems("2026.toml", |t| t.replace("2026-09-20, 2026-10-10", "2026-09-21, 2026-10-03"));
        let fields: Vec<&str> = found.iter().map(|d| d.field.as_str()).collect();
        assert_eq!(fields, ["holiday[6].makeup_workdays[0]", "holiday[6].makeup_workdays[1]"], "{found:?}");
        assert!(found[0].message.contains("周一至周五"), "{}", found[0].message);
        assert!(found[1].message.contains("国庆节"), "{}", found[1].message);
        let found = problems("2026.toml", |t| t.replace("2026-09-20, 2026-10-10", "2027-01-09"));
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].message.contains("不在 2026 年内"), "{}", found[0].message);
    }

    #[test]
    fn a_day_of_another_year_or_a_year_not_the_file_name_is_refused() {
        let found = problems("2026.toml", |t| t.replace("to = 2026-10-07", "to = 2027-10-07"));
        assert!(found.iter().any(|d| d.field == "holiday[6].to" && d.message.contains("不在 2026 年内")), "{found:?}");
        let found = problems("2026.toml", |t| t.replace("year = 2026", "year = 2025"));
        assert!(found.iter().any(|d| d.field == "year" && d.message.contains("2026.toml")), "{found:?}");
    }

    #[test]
    fn overlapping_holidays_are_refused() {
        let found = problems("2026.toml", |t| t.replace("from = 2026-10-01", "from = 2026-09-25"));
        assert!(found.iter().any(|d| d.code == Code::Duplicate && d.message.contains("中秋节")), "{found:?}");
    }

    #[test]
    fn a_refused_year_asks_for_the_file_to_be_corrected_not_added() {
        let cal = Calendar::default().with_rejected([2026]);
        let err = cal.is_working_day(d("2026-10-01")).unwrap_err();
        assert!(err.rejected);
        assert!(err.to_string().contains("有错误"), "{err}");
        assert!(!err.to_string().contains("add "), "{err}");
    }
}
