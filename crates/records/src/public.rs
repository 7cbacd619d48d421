//! The public projection of the records: the only expert data the site renders.
//!
//! [`PublicExpert`] is built from an [`ExpertRecord`] alone and has no field for anything
//! in a private record, so no template can print an ID number, phone or address: there is
//! nothing to print. Misconduct records and evaluations stay out too; the site shows the
//! status they lead to.

use crate::instance::PublicInstance;
use crate::model::*;
use crate::status::{Status, current_term, status_on};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
/// What the public site may show of an expert: no field for personal data exists here.
pub struct PublicExpert {
    /// Public id.
    pub id: String,
    /// Pool id.
    pub pool: String,
    /// Name as published (masked on notices that ask for it).
    pub name: String,
    /// 性别 label.
    pub gender: &'static str,
    /// 工作单位.
    pub employer: String,
    /// 工作单位属性 label.
    pub employer_kind: &'static str,
    /// 职务.
    pub position: Option<String>,
    /// 职称, if any.
    pub title: Option<PublicTitle>,
    /// 职业资格等级, if any.
    pub skill: Option<PublicSkill>,
    /// 专业类别, with names from the taxonomy.
    pub specialties: Vec<PublicSpecialty>,
    /// 专业特长.
    pub expertise: Option<String>,
    /// Honours.
    pub honours: Vec<PublicHonour>,
    /// Role labels.
    pub roles: Vec<String>,
    /// How the expert entered the pool (入库渠道) label.
    pub channel: &'static str,
    /// The term in force, or the last one.
    pub term: Option<PublicTerm>,
    /// Status on the day of the build.
    pub status: Status,
    /// Its label.
    pub status_label: &'static str,
    /// The level shown in lists: title if any, else skill level.
    pub level_label: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
/// A professional title as published.
pub struct PublicTitle {
    /// The title, e.g. 高级工程师.
    pub name: String,
    /// Its level label.
    pub level: &'static str,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
/// A skill level as published.
pub struct PublicSkill {
    /// The occupation, e.g. 电工.
    pub occupation: String,
    /// Its level label.
    pub level: &'static str,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
/// A specialty as published.
pub struct PublicSpecialty {
    /// Taxonomy code.
    pub code: String,
    /// Name.
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
/// An honour as published.
pub struct PublicHonour {
    /// Name.
    pub name: String,
    /// Tier label.
    pub tier: &'static str,
    /// Year awarded.
    pub year: Option<i16>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
/// An appointment term as published.
pub struct PublicTerm {
    /// First day.
    pub start: Date,
    /// Last day (inclusive).
    pub end: Date,
}

impl PublicExpert {
    /// Projects one record as the site shows it on `today`.
    pub fn project(instance: &PublicInstance, pool: &PoolPolicy, record: &ExpertRecord, today: Date) -> PublicExpert {
        let specialties = record
            .specialties
            .iter()
            .map(|code| PublicSpecialty {
                code: code.clone(),
                name: instance.specialty(code).map(|s| s.name.clone()).unwrap_or_else(|| code.clone()),
            })
            .collect();
        let term = current_term(record, today).or(record.appointments.last());
        let status = status_on(record, today);
        let level_label = record
            .title
            .as_ref()
            .map(|t| format!("{}（{}）", t.name, t.level))
            .or_else(|| record.skill.as_ref().map(|s| format!("{} {}", s.occupation, s.level)));
        PublicExpert {
            id: record.id.clone(),
            pool: pool.id.clone(),
            name: record.name.clone(),
            gender: record.gender.label(),
            employer: record.employer.clone(),
            employer_kind: record.employer_kind.label(),
            position: record.position.clone(),
            title: record.title.as_ref().map(|t| PublicTitle { name: t.name.clone(), level: t.level.label() }),
            skill: record
                .skill
                .as_ref()
                .map(|s| PublicSkill { occupation: s.occupation.clone(), level: s.level.label() }),
            specialties,
            expertise: record.expertise.clone(),
            honours: record
                .honours
                .iter()
                .map(|h| PublicHonour { name: h.name.clone(), tier: h.tier.label(), year: h.year })
                .collect(),
            roles: record.roles.iter().map(|r| r.kind.label().to_string()).collect(),
            channel: record.admission.channel.label(),
            term: term.map(|t| PublicTerm { start: t.start, end: t.end }),
            status,
            status_label: status.label(),
            level_label,
        }
    }
}

/// Masks a name for notices that ask for it: 张三丰 → 张*丰, 张三 → 张*, 欧阳小明 → 欧**明.
pub fn mask_name(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    match chars.len() {
        0 | 1 => name.to_string(),
        2 => format!("{}*", chars[0]),
        n => format!("{}{}{}", chars[0], "*".repeat(n - 2), chars[n - 1]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_keep_first_and_last_character() {
        assert_eq!(mask_name("张三丰"), "张*丰");
        assert_eq!(mask_name("张三"), "张*");
        assert_eq!(mask_name("欧阳小明"), "欧**明");
    }
}
