//! A calendar date that reads from a TOML date (`2025-03-01`) or a quoted string, and
//! writes as `YYYY-MM-DD`, so records, templates and JSON all agree on one spelling.

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A civil date (no time, no zone): every date in the seeds is a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub jiff::civil::Date);

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
            return Err(format!("`{text}` is not a date; write it as YYYY-MM-DD, e.g. 2025-03-01"));
        }
        text.parse::<jiff::civil::Date>().map(Date).map_err(|_| format!("`{text}` is not a real calendar date"))
    }

    /// The year.
    pub fn year(self) -> i16 {
        self.0.year()
    }

    /// The date `days` days later (negative: earlier).
    pub fn plus_days(self, days: i64) -> Date {
        Date(self.0.checked_add(jiff::Span::new().days(days)).expect("date within jiff's range"))
    }

    /// Same day `years` later; 29 February becomes 28 February in a common year.
    pub fn plus_years(self, years: i16) -> Date {
        Date(self.0.checked_add(jiff::Span::new().years(years)).expect("date within jiff's range"))
    }

    /// Same day `months` later (negative: earlier), clamped to the month's end.
    pub fn plus_months(self, months: i32) -> Date {
        Date(self.0.checked_add(jiff::Span::new().months(months)).expect("date within jiff's range"))
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
        assert!(err.message().contains("not a real calendar date"), "{err}");
        let err = toml::from_str::<Row>("day = \"2025/02/03\"").unwrap_err();
        assert!(err.message().contains("YYYY-MM-DD"), "{err}");
    }

    #[test]
    fn completed_years_turn_on_the_birthday() {
        let born = Date::ymd(1956, 3, 10);
        assert_eq!(born.completed_years_on(Date::ymd(2026, 3, 9)), 69);
        assert_eq!(born.completed_years_on(Date::ymd(2026, 3, 10)), 70);
    }
}
