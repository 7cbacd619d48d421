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

/// [`today`] for a command on the instance at `content`: without `--today`, a demonstration
/// instance's pinned day (`[demo] today` in site.toml) instead of the clock.
pub fn today_in(content: &std::path::Path, overridden: Option<&str>) -> anyhow::Result<Date> {
    match (overridden, expertpool_records::demo::pinned_today(content)) {
        (None, Some(pinned)) => Ok(pinned),
        _ => today(overridden),
    }
}
