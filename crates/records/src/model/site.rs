//! Instance configuration (`site.toml`): the bureau, the site and its footer.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
/// `site.toml`: the bureau and its public site.
pub struct SiteConfig {
    /// The bureau that runs the pools.
    pub bureau: Bureau,
    /// Settings of the public site.
    pub site: SiteSettings,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
/// The bureau: who publishes, and where to reach it.
pub struct Bureau {
    /// Its name.
    pub name: String,
    /// Its postal address.
    pub address: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// Its postcode.
    pub postcode: Option<String>,
    /// The bureau's public office line (not a person's).
    pub phone: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// Its office e-mail.
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
/// Settings of the public site.
pub struct SiteSettings {
    /// The site's title.
    pub title: String,
    /// Absolute URL the site is served from, ending in `/`; may have a sub-path.
    pub base_url: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// A line for search engines and feeds.
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
/// What happens to a notice after its period ends.
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
