//! The day a demonstration instance is pinned to (`[demo] today` in `site.toml`), read on
//! its own before the instance is loaded, so that commands can take it as their default day.

use crate::layout;
use crate::model::Date;
use crate::model::site::Demo;
use serde::Deserialize;
use std::path::Path;

/// Only the `[demo]` table; the rest of `site.toml` is checked by the full load.
#[derive(Deserialize)]
struct DemoOnly {
    demo: Option<Demo>,
}

/// The pinned day of the instance at `root`, if it is a demonstration. An unreadable or
/// invalid `site.toml` gives `None` here: the load that follows reports it precisely.
pub fn pinned_today(root: &Path) -> Option<Date> {
    let text = std::fs::read_to_string(root.join(layout::site())).ok()?;
    let parsed: DemoOnly = toml::from_str(&text).ok()?;
    parsed.demo.map(|d| d.today)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_demo_table_pins_the_day_and_its_absence_does_not() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site.toml");
        std::fs::write(&site, "[bureau]\nname = \"x\"\n[demo]\ntoday = 2026-11-23\n").unwrap();
        assert_eq!(pinned_today(dir.path()), Some(Date::ymd(2026, 11, 23)));
        std::fs::write(&site, "[bureau]\nname = \"x\"\n").unwrap();
        assert_eq!(pinned_today(dir.path()), None);
        std::fs::remove_file(&site).unwrap();
        assert_eq!(pinned_today(dir.path()), None);
    }
}
