//! Instance configuration (`site.toml`): the bureau, the site and its footer.

use super::Date;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
/// `site.toml`: the bureau and its public site.
pub struct SiteConfig {
    /// The bureau that runs the pools.
    pub bureau: Bureau,
    /// Settings of the public site.
    pub site: SiteSettings,
    /// Only in a demonstration instance: see [`Demo`]. A bureau's instance has no `[demo]`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub demo: Option<Demo>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
/// `[demo]`: a demonstration instance is shown as of one fixed day, so that its notices and
/// calls (written for that day) are open whenever the demo is run. It changes only which day
/// is "today" when none is given; every date in the records stays literal and is checked as
/// usual, and every page says that the site is a demonstration fixed at that day.
pub struct Demo {
    /// The day commands use when `--today` is not given, and page scripts show phases as of.
    pub today: Date,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
/// The 党政机关 identity badge of a government site: the code the registration authority
/// issued and the page where it can be verified. The site draws the badge itself.
pub struct IdentityBadge {
    /// The identification code as issued.
    pub code: String,
    /// The verification page the badge links to.
    pub link: String,
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
    /// The 党政机关 identity badge in the footer; none when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity: Option<IdentityBadge>,
    /// Where the footer's 找错 (error report) link goes; the bureau's e-mail when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_report: Option<String>,
    /// The copyright statement (Markdown); a default naming the bureau when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub copyright: Option<String>,
    /// The privacy statement (Markdown); a default naming the bureau when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub privacy: Option<String>,
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
