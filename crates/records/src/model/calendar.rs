//! One year of the statutory-holiday schedule (`calendar/<year>.toml`).

use super::date::Date;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
/// One year's holiday schedule, `calendar/<year>.toml`.
pub struct CalendarYear {
    /// The year.
    pub year: i16,
    /// The State Council notice the schedule comes from.
    pub source: String,
    #[serde(default, rename = "holiday")]
    /// The holidays, as the State Council notice lists them.
    pub holidays: Vec<Holiday>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
/// One holiday: its days off and its make-up working days.
pub struct Holiday {
    /// e.g. 国庆节.
    pub name: String,
    /// First day off.
    pub from: Date,
    /// Last day off (inclusive).
    pub to: Date,
    /// Weekend days that are working days in exchange (调休上班).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub makeup_workdays: Vec<Date>,
}
