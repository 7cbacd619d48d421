//! Instance configuration (`site.toml`): the bureau, the site and its footer.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    pub bureau: Bureau,
    pub site: SiteSettings,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bureau {
    pub name: String,
    pub address: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postcode: Option<String>,
    /// The bureau's public office line (not a person's).
    pub phone: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// 主办单位
    pub sponsor: String,
    /// 承办单位
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organizer: Option<String>,
    /// 网站标识码
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site_code: Option<String>,
    /// ICP备案号
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub icp_filing: Option<String>,
    /// 公安机关备案号
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub police_filing: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteSettings {
    pub title: String,
    /// Absolute URL the site is served from, ending in `/`; may have a sub-path.
    pub base_url: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// What happens to a notice after its period: kept readable, or archived.
    #[serde(default)]
    pub notices_after_period: AfterPeriod,
    /// Items per page of every paginated list.
    #[serde(default = "default_page_size")]
    pub page_size: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AfterPeriod {
    /// The notice stays listed with status "ended".
    #[default]
    Keep,
    /// The notice moves to the archive list; its names are withdrawn from the page.
    Archive,
}

fn default_page_size() -> usize {
    50
}
