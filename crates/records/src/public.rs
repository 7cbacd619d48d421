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
pub struct PublicExpert {
    pub id: String,
    pub pool: String,
    pub name: String,
    pub gender: &'static str,
    pub employer: String,
    pub employer_kind: &'static str,
    pub position: Option<String>,
    pub title: Option<PublicTitle>,
    pub skill: Option<PublicSkill>,
    pub specialties: Vec<PublicSpecialty>,
    pub expertise: Option<String>,
    pub honours: Vec<PublicHonour>,
    pub roles: Vec<String>,
    pub channel: &'static str,
    /// The term in force, or the last one.
    pub term: Option<PublicTerm>,
    pub status: Status,
    pub status_label: &'static str,
    /// The level shown in lists: title if any, else skill level.
    pub level_label: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PublicTitle {
    pub name: String,
    pub level: &'static str,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PublicSkill {
    pub occupation: String,
    pub level: &'static str,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PublicSpecialty {
    pub code: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PublicHonour {
    pub name: String,
    pub tier: &'static str,
    pub year: Option<i16>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PublicTerm {
    pub start: Date,
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
