//! "Today" for commands that depend on the date: the bureau's civil date (UTC+8, China
//! has one zone and no daylight saving), or a date given with `--today` for reproducible
//! runs and tests.

use expertpool_records::Date;

pub fn today(overridden: Option<&str>) -> anyhow::Result<Date> {
    match overridden {
        Some(text) => Date::parse(text).map_err(|e| anyhow::anyhow!("--today: {e}")),
        None => {
            let china = jiff::tz::offset(8);
            Ok(Date(china.to_datetime(jiff::Timestamp::now()).date()))
        }
    }
}
