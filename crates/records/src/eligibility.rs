//! Eligibility rules as data (E1): each pool lists professional conditions (any-of),
//! plus the age limit and the clean-record conditions every applicant must meet.
//! Every check says which rule was met, or for each rule why it was not.

use crate::model::*;
use serde::Serialize;

/// A checked professional condition.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Rule {
    /// A title of at least `min`, held for `min_years` when given.
    Title {
        /// The lowest level accepted.
        min: TitleLevel,
        /// Years the title must have been held.
        min_years: Option<u8>,
    },
    /// A skill level of at least `min`, held for `min_years` when given.
    Skill {
        /// The lowest level accepted.
        min: SkillLevel,
        /// Years the level must have been held.
        min_years: Option<u8>,
    },
    /// Either a title of at least `min_title` or a skill level of at least `min_skill`.
    TitleOrSkill {
        /// The lowest title level accepted.
        min_title: TitleLevel,
        /// The lowest skill level accepted.
        min_skill: SkillLevel,
        /// Years the title or level must have been held.
        min_years: Option<u8>,
    },
    /// An honour of at least `min_tier`, or one named in `names`.
    Honour {
        /// The lowest tier accepted.
        min_tier: Option<Tier>,
        /// Honours that qualify by name.
        names: Vec<String>,
    },
    /// One of `roles`, at `min_tier` or above when given.
    Role {
        /// Roles that qualify.
        roles: Vec<RoleKind>,
        /// The lowest tier accepted.
        min_tier: Option<Tier>,
    },
    /// A technical backbone for at least `min_years`.
    Backbone {
        /// Years in the role required.
        min_years: u8,
    },
}

/// Why a rule as written in `pool.toml` cannot be used: (field, message).
pub type RuleSpecError = (&'static str, String);

impl Rule {
    /// Checks that the fields present fit the kind, and builds the rule.
    pub fn from_spec(spec: &RuleSpec) -> Result<Rule, RuleSpecError> {
        let allowed: &[&str] = match spec.kind {
            RuleKind::Title => &["min_title", "min_years_in_field"],
            RuleKind::Skill => &["min_skill", "min_years_in_field"],
            RuleKind::TitleOrSkill => &["min_title", "min_skill", "min_years_in_field"],
            RuleKind::Honour => &["min_tier", "honours"],
            RuleKind::Role => &["roles", "min_tier"],
            RuleKind::Backbone => &["min_years"],
        };
        let present = [
            ("min_title", spec.min_title.is_some()),
            ("min_skill", spec.min_skill.is_some()),
            ("min_years_in_field", spec.min_years_in_field.is_some()),
            ("min_tier", spec.min_tier.is_some()),
            ("honours", !spec.honours.is_empty()),
            ("roles", !spec.roles.is_empty()),
            ("min_years", spec.min_years.is_some()),
        ];
        for (field, is_present) in present {
            if is_present && !allowed.contains(&field) {
                return Err((
                    field,
                    expertpool_i18n::t!(
                        "records-rule-field-unused",
                        kind = format!("{:?}", spec.kind),
                        field = field,
                        allowed = allowed.join(", ")
                    ),
                ));
            }
        }
        let need = |field: &'static str| {
            (field, expertpool_i18n::t!("records-rule-field-needed", kind = format!("{:?}", spec.kind), field = field))
        };
        Ok(match spec.kind {
            RuleKind::Title => Rule::Title {
                min: spec.min_title.ok_or_else(|| need("min_title"))?,
                min_years: spec.min_years_in_field,
            },
            RuleKind::Skill => Rule::Skill {
                min: spec.min_skill.ok_or_else(|| need("min_skill"))?,
                min_years: spec.min_years_in_field,
            },
            RuleKind::TitleOrSkill => Rule::TitleOrSkill {
                min_title: spec.min_title.ok_or_else(|| need("min_title"))?,
                min_skill: spec.min_skill.ok_or_else(|| need("min_skill"))?,
                min_years: spec.min_years_in_field,
            },
            RuleKind::Honour => {
                if spec.min_tier.is_none() && spec.honours.is_empty() {
                    return Err(("min_tier", "a rule of kind `Honour` needs `min_tier`, `honours`, or both".into()));
                }
                Rule::Honour { min_tier: spec.min_tier, names: spec.honours.clone() }
            }
            RuleKind::Role => {
                if spec.roles.is_empty() {
                    return Err(need("roles"));
                }
                Rule::Role { roles: spec.roles.clone(), min_tier: spec.min_tier }
            }
            RuleKind::Backbone => Rule::Backbone { min_years: spec.min_years.ok_or_else(|| need("min_years"))? },
        })
    }

    /// `Ok(())` when `record` meets the rule on `on`, else the reason in Chinese.
    pub fn check(&self, record: &ExpertRecord, on: Date) -> Result<(), String> {
        let years_in_field = record.field_since.map(|y| i32::from(on.year()) - i32::from(y));
        let enough_years = |min: Option<u8>| -> Result<(), String> {
            match (min, years_in_field) {
                (None, _) => Ok(()),
                (Some(min), Some(have)) if have >= i32::from(min) => Ok(()),
                (Some(min), Some(have)) => Err(format!("从事相关领域工作{have}年，不满{min}年")),
                (Some(min), None) => Err(format!("未填写从事相关领域起始年份（field_since），无法认定满{min}年")),
            }
        };
        match self {
            Rule::Title { min, min_years } => {
                match &record.title {
                    Some(t) if t.level >= *min => {}
                    Some(t) => return Err(format!("职称为{}，低于{}", t.level, min)),
                    None => return Err(format!("无职称，需{}及以上", min)),
                }
                enough_years(*min_years)
            }
            Rule::Skill { min, min_years } => {
                match &record.skill {
                    Some(s) if s.level >= *min => {}
                    Some(s) => return Err(format!("职业资格为{}，低于{}", s.level, min)),
                    None => return Err(format!("无职业资格等级，需{}及以上", min)),
                }
                enough_years(*min_years)
            }
            Rule::TitleOrSkill { min_title, min_skill, min_years } => {
                let title_ok = record.title.as_ref().is_some_and(|t| t.level >= *min_title);
                let skill_ok = record.skill.as_ref().is_some_and(|s| s.level >= *min_skill);
                if !title_ok && !skill_ok {
                    return Err(format!("职称不到{min_title}，职业资格也不到{min_skill}"));
                }
                enough_years(*min_years)
            }
            Rule::Honour { min_tier, names } => {
                let hit = record
                    .honours
                    .iter()
                    .any(|h| names.iter().any(|n| n == &h.name) || min_tier.is_some_and(|t| h.tier >= t));
                if hit {
                    Ok(())
                } else if let Some(t) = min_tier {
                    Err(format!("无{t}及以上荣誉"))
                } else {
                    Err("无所列荣誉".to_string())
                }
            }
            Rule::Role { roles, min_tier } => {
                let hit = record
                    .roles
                    .iter()
                    .any(|r| roles.contains(&r.kind) && min_tier.is_none_or(|min| r.tier.is_some_and(|t| t >= min)));
                if hit {
                    Ok(())
                } else {
                    let names: Vec<&str> = roles.iter().map(|r| r.label()).collect();
                    match min_tier {
                        Some(t) => Err(format!("未担任{t}及以上的{}", names.join("、"))),
                        None => Err(format!("未担任{}", names.join("、"))),
                    }
                }
            }
            Rule::Backbone { min_years } => {
                let since = record
                    .roles
                    .iter()
                    .filter(|r| r.kind == RoleKind::EnterpriseBackbone)
                    .filter_map(|r| r.since)
                    .min();
                match since {
                    None => Err("未登记为企业技术骨干".to_string()),
                    Some(_) if record.employer_kind != EmployerKind::Enterprise => {
                        Err("现工作单位不是企业".to_string())
                    }
                    Some(y) => {
                        let have = i32::from(on.year()) - i32::from(y);
                        if have >= i32::from(*min_years) {
                            Ok(())
                        } else {
                            Err(format!("任企业技术骨干{have}年，不满{min_years}年"))
                        }
                    }
                }
            }
        }
    }
}

/// Whether someone born on `birth` is within the pool's age limit on `on`.
pub fn within_age_limit(limit: &AgeLimit, birth: Date, on: Date) -> bool {
    on < past_age_limit_from(limit, birth)
}

/// The first day someone born on `birth` is past `limit`: for 未满70 the 70th birthday, for
/// 70周岁以内 the 71st (see [`Date::nth_birthday`] for a birth on 29 February). The one home
/// of the age rule: `check` and the staff report both ask it.
pub fn past_age_limit_from(limit: &AgeLimit, birth: Date) -> Date {
    birth.nth_birthday(i16::from(limit.max_age) + i16::from(limit.inclusive))
}

/// The full answer for one applicant.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assessment {
    /// Ids of the professional conditions met.
    pub met: Vec<String>,
    /// Conditions not met, with the reason each failed.
    pub unmet: Vec<(String, String)>,
    /// Reasons that bar the applicant whatever the conditions (age, record, blacklist).
    pub barred: Vec<String>,
}

impl Assessment {
    /// Whether at least one condition is met.
    pub fn eligible(&self) -> bool {
        !self.met.is_empty() && self.barred.is_empty()
    }

    /// One line for `check`: which rule is met, or why none is.
    pub fn summary(&self) -> String {
        if self.eligible() {
            expertpool_i18n::t!("records-assessment-meets", rules = self.met.join("、"))
        } else if !self.barred.is_empty() {
            expertpool_i18n::t!("records-assessment-barred", reasons = self.barred.join("；"))
        } else {
            let reasons: Vec<String> = self.unmet.iter().map(|(id, why)| format!("{id}: {why}")).collect();
            expertpool_i18n::t!("records-assessment-unmet", reasons = reasons.join("；"))
        }
    }
}

/// Assesses `record` against the pool's rules on `on`; `birth` comes from the private
/// record (absent when only the public half is available).
pub fn assess(
    policy: &PoolPolicy,
    rules: &[(String, Rule)],
    record: &ExpertRecord,
    birth: Option<Date>,
    on: Date,
) -> Assessment {
    let mut met = Vec::new();
    let mut unmet = Vec::new();
    for (id, rule) in rules {
        match rule.check(record, on) {
            Ok(()) => met.push(id.clone()),
            Err(why) => unmet.push((id.clone(), why)),
        }
    }
    let mut barred = Vec::new();
    if let Some(birth) = birth {
        if !within_age_limit(&policy.age_limit, birth, on) {
            let age = birth.completed_years_on(on);
            let wording = if policy.age_limit.inclusive { "以内" } else { "未满" };
            barred.push(format!("{on}时年满{age}周岁，不符合{}{}周岁的要求", wording, policy.age_limit.max_age));
        }
    }
    if !record.misconduct.is_empty() {
        barred.push(format!("有{}条不良行为记录", record.misconduct.len()));
    }
    if record.blacklisted {
        barred.push("被列为失信联合惩戒对象".to_string());
    }
    Assessment { met, unmet, barred }
}

/// The pool's rules that are well formed, with their ids.
pub fn rules_of(policy: &PoolPolicy) -> Vec<(String, Rule)> {
    policy.eligibility.iter().filter_map(|s| Rule::from_spec(s).ok().map(|r| (s.id.clone(), r))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> ExpertRecord {
        toml::from_str(
            r#"
            id = "ZN-1"
            person = "P-1"
            name = "林测"
            gender = "女"
            employer = "某公司"
            employer_kind = "企业"
            specialties = ["A"]
            field_since = 2020
            [admission]
            channel = "公开征集-个人自荐"
            "#,
        )
        .unwrap()
    }

    fn spec(toml_text: &str) -> RuleSpec {
        toml::from_str(toml_text).unwrap()
    }

    const ON: Date = Date(jiff::civil::date(2026, 6, 1));

    #[test]
    fn title_with_years_in_field() {
        let rule =
            Rule::from_spec(&spec("id='a'\ndescription='d'\nkind='title'\nmin_title='中级'\nmin_years_in_field=3"))
                .unwrap();
        let mut r = base();
        assert_eq!(rule.check(&r, ON), Err("无职称，需中级及以上".into()));
        r.title = Some(Title {
            name: "工程师".into(),
            level: TitleLevel::Intermediate,
            field: None,
            obtained: None,
            authority: None,
        });
        assert_eq!(rule.check(&r, ON), Ok(()));
        r.field_since = Some(2024);
        assert_eq!(rule.check(&r, ON), Err("从事相关领域工作2年，不满3年".into()));
        r.field_since = None;
        assert!(rule.check(&r, ON).unwrap_err().contains("field_since"));
    }

    #[test]
    fn skill_level_alone() {
        let rule = Rule::from_spec(&spec("id='a'\ndescription='d'\nkind='skill'\nmin_skill='一级/高级技师'")).unwrap();
        let mut r = base();
        r.skill = Some(Skill { occupation: "电工".into(), level: SkillLevel::Level2, obtained: None });
        assert_eq!(rule.check(&r, ON), Err("职业资格为二级/技师，低于一级/高级技师".into()));
        r.skill.as_mut().unwrap().level = SkillLevel::Level1;
        assert_eq!(rule.check(&r, ON), Ok(()));
    }

    #[test]
    fn title_or_skill_with_five_years() {
        let rule = Rule::from_spec(&spec(
            "id='a'\ndescription='d'\nkind='title_or_skill'\nmin_title='副高级'\nmin_skill='二级/技师'\nmin_years_in_field=5",
        ))
        .unwrap();
        let mut r = base();
        r.skill = Some(Skill { occupation: "焊工".into(), level: SkillLevel::Level2, obtained: None });
        r.field_since = Some(2021);
        assert_eq!(rule.check(&r, ON), Ok(()));
        r.field_since = Some(2022);
        assert!(rule.check(&r, ON).is_err());
    }

    #[test]
    fn honour_by_tier_or_by_name() {
        let by_tier = Rule::from_spec(&spec("id='a'\ndescription='d'\nkind='honour'\nmin_tier='市级'")).unwrap();
        let by_name =
            Rule::from_spec(&spec("id='b'\ndescription='d'\nkind='honour'\nhonours=['全国技术能手']")).unwrap();
        let mut r = base();
        r.honours.push(Honour { name: "县级优秀工匠".into(), tier: Tier::County, year: None });
        assert_eq!(by_tier.check(&r, ON), Err("无市级及以上荣誉".into()));
        r.honours.push(Honour { name: "全国技术能手".into(), tier: Tier::National, year: Some(2019) });
        assert_eq!(by_tier.check(&r, ON), Ok(()));
        assert_eq!(by_name.check(&r, ON), Ok(()));
    }

    #[test]
    fn role_with_tier() {
        let rule = Rule::from_spec(&spec(
            "id='a'\ndescription='d'\nkind='role'\nroles=['职业技能竞赛裁判员']\nmin_tier='省级'",
        ))
        .unwrap();
        let mut r = base();
        r.roles.push(Role { kind: RoleKind::CompetitionReferee, tier: Some(Tier::Municipal), since: None });
        assert_eq!(rule.check(&r, ON), Err("未担任省级及以上的职业技能竞赛裁判员".into()));
        r.roles[0].tier = Some(Tier::Provincial);
        assert_eq!(rule.check(&r, ON), Ok(()));
    }

    #[test]
    fn backbone_years() {
        let rule = Rule::from_spec(&spec("id='a'\ndescription='d'\nkind='backbone'\nmin_years=10")).unwrap();
        let mut r = base();
        r.roles.push(Role { kind: RoleKind::EnterpriseBackbone, tier: None, since: Some(2017) });
        assert_eq!(rule.check(&r, ON), Err("任企业技术骨干9年，不满10年".into()));
        r.roles[0].since = Some(2016);
        assert_eq!(rule.check(&r, ON), Ok(()));
        r.employer_kind = EmployerKind::University;
        assert_eq!(rule.check(&r, ON), Err("现工作单位不是企业".into()));
    }

    #[test]
    fn spec_errors_name_the_field() {
        let err = Rule::from_spec(&spec("id='a'\ndescription='d'\nkind='title'")).unwrap_err();
        assert_eq!(err.0, "min_title");
        let err = Rule::from_spec(&spec("id='a'\ndescription='d'\nkind='backbone'\nmin_years=10\nmin_title='中级'"))
            .unwrap_err();
        assert_eq!(err.0, "min_title");
    }

    #[test]
    fn seventieth_birthday_exclusive_and_inclusive() {
        let birth = Date::ymd(1956, 6, 1);
        let under_70 = AgeLimit { max_age: 70, inclusive: false };
        let within_70 = AgeLimit { max_age: 70, inclusive: true };
        assert!(within_age_limit(&under_70, birth, Date::ymd(2026, 5, 31)));
        assert!(!within_age_limit(&under_70, birth, Date::ymd(2026, 6, 1)), "未满70周岁 excludes the birthday");
        assert!(within_age_limit(&within_70, birth, Date::ymd(2026, 6, 1)), "70周岁以内 includes the birthday");
        assert!(within_age_limit(&within_70, birth, Date::ymd(2027, 5, 31)));
        assert!(!within_age_limit(&within_70, birth, Date::ymd(2027, 6, 1)));
    }

    #[test]
    fn a_birth_on_29_february_is_past_the_limit_on_1_march_in_a_common_year() {
        let birth = Date::ymd(1956, 2, 29);
        let under_70 = AgeLimit { max_age: 70, inclusive: false };
        assert_eq!(past_age_limit_from(&under_70, birth), Date::ymd(2026, 3, 1));
        assert!(within_age_limit(&under_70, birth, Date::ymd(2026, 2, 28)));
        assert!(!within_age_limit(&under_70, birth, Date::ymd(2026, 3, 1)));
        let within_70 = AgeLimit { max_age: 70, inclusive: true };
        assert_eq!(past_age_limit_from(&within_70, birth), Date::ymd(2027, 3, 1));
    }
}
