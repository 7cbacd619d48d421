//! A calendar date that reads from a TOML date (`2025-03-01`) or a quoted string, and
//! writes as `YYYY-MM-DD`, so records, templates and JSON all agree on one spelling.

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A civil date (no time, no zone): every date in the seeds is a day.
///
/// Dates read from files and flags are bounded to the years [`MIN_YEAR`]..=[`MAX_YEAR`]:
/// no record of a living expert, no holiday schedule and no term falls outside them, and
/// the bound keeps every sum of a date and a term, a publicity period or a report horizon
/// far inside the calendar's range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub jiff::civil::Date);

/// The earliest year a date in a record, a calendar or a flag may have.
pub const MIN_YEAR: i16 = 1900;
/// The latest year a date in a record, a calendar or a flag may have.
pub const MAX_YEAR: i16 = 2199;

/// Whether a deserialiser message is the out-of-range year of [`Date::parse`]: it names
/// both bounds in every language, which no other message does, so the loader can classify
/// it whatever the language (the text itself is localised).
pub(crate) fn is_year_range_message(message: &str) -> bool {
    message.contains(&MIN_YEAR.to_string()) && message.contains(&MAX_YEAR.to_string())
}

/// Whether a deserialiser message is one of [`Date::parse`]'s: they all name the
/// `YYYY-MM-DD` spelling, in every language.
pub(crate) fn is_date_message(message: &str) -> bool {
    message.contains("YYYY-MM-DD")
}

impl Date {
    /// Builds a date, panicking on impossible input: for tests and constants only.
    pub fn ymd(year: i16, month: i8, day: i8) -> Date {
        Date(jiff::civil::date(year, month, day))
    }

    /// Parses `YYYY-MM-DD`, rejecting impossible days such as 2025-02-30.
    pub fn parse(text: &str) -> Result<Date, String> {
        let bytes = text.as_bytes();
        let shaped = bytes.len() == 10
            && bytes[4] == b'-'
            && bytes[7] == b'-'
            && bytes.iter().enumerate().all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
        if !shaped {
            return Err(expertpool_i18n::t!("records-not-a-date", text = text));
        }
        let date = text
            .parse::<jiff::civil::Date>()
            .map(Date)
            .map_err(|_| expertpool_i18n::t!("records-not-a-real-date", text = text))?;
        if !Date::year_in_range(date.year()) {
            return Err(expertpool_i18n::t!("records-year-out-of-range", text = text, min = MIN_YEAR, max = MAX_YEAR));
        }
        Ok(date)
    }

    /// Whether `year` is one a date may have ([`MIN_YEAR`]..=[`MAX_YEAR`]).
    pub fn year_in_range(year: i16) -> bool {
        (MIN_YEAR..=MAX_YEAR).contains(&year)
    }

    /// The year.
    pub fn year(self) -> i16 {
        self.0.year()
    }

    /// The date `days` days later (negative: earlier).
    ///
    /// Saturates at the ends of the calendar's range (years -9999 and 9999) instead of
    /// panicking; dates parsed within [`MIN_YEAR`]..=[`MAX_YEAR`] plus the spans the rules
    /// use never come near them.
    pub fn plus_days(self, days: i64) -> Date {
        self.plus(jiff::Span::new().try_days(days), days < 0)
    }

    /// Same day `years` later; 29 February becomes 28 February in a common year.
    /// Saturates like [`Date::plus_days`].
    pub fn plus_years(self, years: i16) -> Date {
        self.plus(jiff::Span::new().try_years(years), years < 0)
    }

    /// Same day `months` later (negative: earlier), clamped to the month's end.
    /// Saturates like [`Date::plus_days`].
    pub fn plus_months(self, months: i32) -> Date {
        self.plus(jiff::Span::new().try_months(months), months < 0)
    }

    fn plus(self, span: Result<jiff::Span, jiff::Error>, backwards: bool) -> Date {
        let limit = if backwards { jiff::civil::Date::MIN } else { jiff::civil::Date::MAX };
        Date(span.and_then(|span| self.0.checked_add(span)).unwrap_or(limit))
    }

    /// The day someone born on `self` has completed `years` years (周岁): the same month and
    /// day `years` later, and for a birth on 29 February, 1 March in a common year (on
    /// 28 February the year is not yet complete). [`Date::completed_years_on`] turns on
    /// exactly this day.
    pub fn nth_birthday(self, years: i16) -> Date {
        let same_day = self.plus_years(years);
        if same_day.0.day() == self.0.day() { same_day } else { same_day.plus_days(1) }
    }

    /// Completed years (周岁) of someone born on `self`, on `on`.
    pub(crate) fn completed_years_on(self, on: Date) -> i32 {
        let mut years = i32::from(on.0.year()) - i32::from(self.0.year());
        if (on.0.month(), on.0.day()) < (self.0.month(), self.0.day()) {
            years -= 1;
        }
        years
    }

    /// ISO weekday, Monday = 1 … Sunday = 7.
    pub(crate) fn iso_weekday(self) -> i8 {
        self.0.weekday().to_monday_one_offset()
    }

    /// Chinese long form, e.g. 2026年3月5日, as notices print dates.
    pub fn chinese(self) -> String {
        format!("{}年{}月{}日", self.0.year(), self.0.month(), self.0.day())
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
        struct DateVisitor;

        impl<'de> Visitor<'de> for DateVisitor {
            type Value = Date;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date such as 2025-03-01")
            }

            fn visit_str<E: de::Error>(self, text: &str) -> Result<Date, E> {
                Date::parse(text).map_err(E::custom)
            }

            // toml hands a native date over as a one-entry map holding its text.
            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Date, M::Error> {
                let _key: Option<String> = map.next_key()?;
                let text: String = map.next_value()?;
                Date::parse(&text).map_err(de::Error::custom)
            }
        }

        deserializer.deserialize_any(DateVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    struct Row {
        day: Date,
    }

    #[test]
    fn reads_native_and_quoted_dates() {
        assert_eq!(toml::from_str::<Row>("day = 2025-03-01").unwrap().day, Date::ymd(2025, 3, 1));
        assert_eq!(toml::from_str::<Row>("day = \"2025-03-01\"").unwrap().day, Date::ymd(2025, 3, 1));
    }

    #[test]
    fn rejects_impossible_and_malformed_dates() {
        let err = toml::from_str::<Row>("day = \"2025-02-30\"").unwrap_err();
        assert!(err.message().contains("不是真实存在的日期"), "{err}");
        let err = toml::from_str::<Row>("day = \"2025/02/03\"").unwrap_err();
        assert!(err.message().contains("YYYY-MM-DD"), "{err}");
    }

    #[test]
    fn dates_outside_the_supported_years_are_refused() {
        for text in ["9999-12-31", "0001-01-01", "1899-12-31", "2200-01-01"] {
            let err = Date::parse(text).unwrap_err();
            assert!(err.contains("1900") && err.contains("2199"), "{text}: {err}");
        }
        assert_eq!(Date::parse("1900-01-01"), Ok(Date::ymd(1900, 1, 1)));
        assert_eq!(Date::parse("2199-12-31"), Ok(Date::ymd(2199, 12, 31)));
        let err = toml::from_str::<Row>("day = 9999-12-30").unwrap_err();
        assert!(err.message().contains("2199"), "{err}");
    }

    #[test]
    fn arithmetic_saturates_instead_of_panicking() {
        let last = Date(jiff::civil::Date::MAX);
        assert_eq!(last.plus_days(1), last);
        assert_eq!(Date::ymd(2026, 1, 1).plus_days(i64::MAX), last);
        assert_eq!(Date::ymd(2026, 1, 1).plus_days(999_999_999), last);
        assert_eq!(Date::ymd(2026, 1, 1).plus_days(i64::MIN), Date(jiff::civil::Date::MIN));
        assert_eq!(last.plus_years(1), last);
        assert_eq!(last.plus_months(1), last);
        assert_eq!(Date::ymd(2026, 1, 31).plus_months(1), Date::ymd(2026, 2, 28));
    }

    #[test]
    fn a_birthday_on_29_february_completes_on_1_march_in_a_common_year() {
        let born = Date::ymd(1956, 2, 29);
        assert_eq!(born.nth_birthday(70), Date::ymd(2026, 3, 1));
        assert_eq!(born.nth_birthday(68), Date::ymd(2024, 2, 29));
        assert_eq!(born.completed_years_on(Date::ymd(2026, 2, 28)), 69);
        assert_eq!(born.completed_years_on(Date::ymd(2026, 3, 1)), 70);
        let born = Date::ymd(1956, 3, 10);
        assert_eq!(born.nth_birthday(70), Date::ymd(2026, 3, 10));
    }

    #[test]
    fn completed_years_turn_on_the_birthday() {
        let born = Date::ymd(1956, 3, 10);
        assert_eq!(born.completed_years_on(Date::ymd(2026, 3, 9)), 69);
        assert_eq!(born.completed_years_on(Date::ymd(2026, 3, 10)), 70);
    }
}
