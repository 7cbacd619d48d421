//! A pool's policy (`pools/<pool>/pool.toml`): every figure the seeds fix is a setting here.

use super::levels::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
/// A pool's policy, `pools/<pool>/pool.toml`.
pub struct PoolPolicy {
    /// Folder name of the pool; also its URL segment.
    pub id: String,
    /// Full name, e.g. 某某市职业能力建设专家库.
    pub name: String,
    /// The short form used in lists, e.g. 职业能力建设专家库.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// A paragraph for the pool's page.
    pub description: Option<String>,
    /// The measures the pool is run under, e.g. 东人社发〔2021〕1号-style number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<String>,
    /// Appointment term in years (3 in seed 000, 5 in seed 002).
    pub term_years: u8,
    /// The age limit.
    pub age_limit: AgeLimit,
    /// Publicity rules.
    pub publicity: PublicityPolicy,
    /// Draw rules.
    pub draw: DrawPolicy,
    #[serde(default)]
    /// Review rules.
    pub review: ReviewPolicy,
    /// Professional conditions; an applicant must meet at least one (any-of).
    pub eligibility: Vec<RuleSpec>,
    /// The articles of the pool's measures that each admission rule cites.
    #[serde(default)]
    pub articles: RuleArticles,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
/// Where each admission rule stands in the pool's measures, as refusals cite it. The
/// defaults number them as seed 000 (the 职业能力建设专家库 measures) does.
pub struct RuleArticles {
    /// The professional conditions (seed 000: art. 4(3)).
    pub conditions: String,
    /// The age limit (art. 4(4)).
    pub age: String,
    /// Conduct (art. 4(1): 品行端正、诚实守信、遵纪守法).
    pub record: String,
    /// The credit blacklist (art. 20).
    pub blacklist: String,
    /// The papers per channel (art. 6).
    pub papers: String,
    /// Three misconduct records end the appointment (art. 19(7)).
    pub renewal_misconduct: String,
    /// Admission after a publicity period without objections, or with them handled.
    pub objections: String,
}

impl Default for RuleArticles {
    fn default() -> Self {
        RuleArticles {
            conditions: "第四条第（三）项".into(),
            age: "第四条第（四）项".into(),
            record: "第四条第（一）项".into(),
            blacklist: "第二十条".into(),
            papers: "第六条".into(),
            renewal_misconduct: "第十九条第（七）项".into(),
            // Seed 000 has no article on publicity; the bureau's notice practice governs.
            objections: "公示规定（公示期满无异议或异议已处理方可审定入库）".into(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
/// The age limit of a pool.
pub struct AgeLimit {
    /// The limiting age in years.
    pub max_age: u8,
    /// `false` for 未满70周岁 (the 70-year-old is out), `true` for 70周岁以内 (still in).
    pub inclusive: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
/// How long a publicity period runs.
pub struct PublicityPolicy {
    /// Minimum length of a publicity period in working days (不少于5个工作日).
    pub working_days: u8,
    /// Whether the day a notice is published counts as the first day. Default `true`:
    /// notices state their start date and it is a day of the period.
    #[serde(default = "yes")]
    pub first_day_counts: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
/// The rules a draw applies.
pub struct DrawPolicy {
    /// Art. 9(1): drawn in two consecutive uses → sits out the next one.
    pub pause_rule: bool,
    /// Art. 10(2): employment by the unit under review within this many months.
    pub employment_recusal_months: u16,
    /// Art. 10(3): collaboration with the project leader within this many years.
    pub collaboration_recusal_years: u8,
    /// The draw size used to judge coverage in reports (a typical panel).
    #[serde(default = "five")]
    pub typical_panel: u8,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
/// How the pool is reviewed.
pub struct ReviewPolicy {
    /// Art. 16(1): each expert confirms their information once a year.
    #[serde(default = "yes")]
    pub yearly_confirmation: bool,
    /// Whole-pool review every this many years (seed 002: 5).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_cycle_years: Option<u8>,
    /// The day the last whole-pool review (专家复审) ended; with `review_cycle_years`, the
    /// next is due that many years later (`report` lists it from 180 days before).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_review: Option<crate::Date>,
}

impl Default for ReviewPolicy {
    fn default() -> Self {
        ReviewPolicy { yearly_confirmation: true, review_cycle_years: None, last_review: None }
    }
}

fn yes() -> bool {
    true
}

fn five() -> u8 {
    5
}

/// The kinds of professional condition the seeds use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleKind {
    /// A title at or above `min_title`, optionally with years in the field.
    Title,
    /// A skill level at or above `min_skill`, optionally with years in the field.
    Skill,
    /// Either ladder: title ≥ `min_title` or skill ≥ `min_skill`, plus years in the field.
    TitleOrSkill,
    /// An honour at or above `min_tier`, or one of `honours` by name.
    Honour,
    /// One of `roles`, optionally at or above `min_tier`.
    Role,
    /// `min_years` as an enterprise technical backbone.
    Backbone,
}

/// One eligibility rule as written in TOML. Fields a kind does not use must be absent;
/// [`crate::eligibility::Rule::from_spec`] turns this into a checked rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSpec {
    /// Short stable name, cited in reports (e.g. `art4-senior`).
    pub id: String,
    /// The condition as the measures word it, shown to applicants.
    pub description: String,
    /// Which kind of condition; says which of the fields below apply.
    pub kind: RuleKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// Lowest title level accepted.
    pub min_title: Option<TitleLevel>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// Lowest skill level accepted.
    pub min_skill: Option<SkillLevel>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// Years in the field required.
    pub min_years_in_field: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// Lowest tier of honour or role accepted.
    pub min_tier: Option<Tier>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    /// Honours that qualify by name.
    pub honours: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    /// Roles that qualify.
    pub roles: Vec<RoleKind>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// Years required (with the title or skill, or as backbone).
    pub min_years: Option<u8>,
}
