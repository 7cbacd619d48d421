//! One year of the statutory-holiday schedule (`calendar/<year>.toml`).

use super::date::Date;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalendarYear {
    pub year: i16,
    /// The State Council notice the schedule comes from.
    pub source: String,
    #[serde(default, rename = "holiday")]
    pub holidays: Vec<Holiday>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Holiday {
    pub name: String,
    /// First day off.
    pub from: Date,
    /// Last day off (inclusive).
    pub to: Date,
    /// Weekend days that are working days in exchange (调休上班).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub makeup_workdays: Vec<Date>,
}
