//! The specialty taxonomy (`specialties.toml`), shared by all pools (P2).

use super::date::Date;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
/// `specialties.toml`: the taxonomy of specialties.
pub struct SpecialtyFile {
    #[serde(rename = "specialty")]
    /// Every specialty, parents and children.
    pub specialties: Vec<Specialty>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
/// One specialty.
pub struct Specialty {
    /// Stable code used by records and URLs, e.g. `ZZ-03`.
    pub code: String,
    /// Its name.
    pub name: String,
    /// Code of the parent category; top-level categories have none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// Set when the market retired the field (art. 16(2)); records keep the code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retired: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// When it was added to the taxonomy.
    pub added: Option<Date>,
}
