//! Synthetic people: who they are (name, gender, birth, ID number), where they work, what
//! qualifies them, and their private record.

use super::ids::{OrgKind, credit_code, resident_id};
use super::plan::Plan;
use super::rng::Rng;
use super::words::*;
use crate::model::*;
use expertpool_records::model::*;
use std::collections::HashMap;

pub const SALT_PERSON: u64 = 2;
pub const SALT_PRIVATE: u64 = 3;

/// What qualifies a person; chosen so each pool the person is in accepts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Profile {
    MidTitle,
    SeniorTitle,
    Technician,
    SeniorTechnician,
    Municipal,
    Named,
    Backbone,
    Master,
    Heritage,
    Referee,
}

const FOR_ZHINENG: &[Profile] = &[
    Profile::MidTitle,
    Profile::SeniorTitle,
    Profile::Technician,
    Profile::SeniorTechnician,
    Profile::Municipal,
    Profile::Named,
    Profile::Backbone,
    Profile::Master,
];
const FOR_GAOJINENG: &[Profile] = &[
    Profile::SeniorTitle,
    Profile::Technician,
    Profile::SeniorTechnician,
    Profile::Named,
    Profile::Master,
    Profile::Heritage,
    Profile::Referee,
];
const FOR_BOTH: &[Profile] =
    &[Profile::SeniorTitle, Profile::Technician, Profile::SeniorTechnician, Profile::Named, Profile::Master];

#[derive(Debug, Clone)]
pub struct Employer {
    pub name: String,
    pub kind: EmployerKind,
    pub credit_code: String,
}

/// The part of a person every record of theirs agrees on.
#[derive(Debug, Clone)]
pub struct Person {
    pub id: String,
    pub name: String,
    pub gender: Gender,
    pub birth: Date,
    pub district: u8,
    pub id_number: String,
    pub employer: Employer,
    pub field_since: i16,
    pub profile: Profile,
    pub education: Education,
    /// Indices into `SPECIALTIES` (current, not retired).
    pub specialties: Vec<usize>,
}

pub fn person_id(p: usize) -> String {
    format!("P-{:06}", p + 1)
}

/// Builds every person. Sequential because ID numbers count people born on the same day
/// in the same district; the rest is cheap.
pub fn people(seed: u64, plans: &[Plan], today: Date) -> Vec<Person> {
    let count = super::plan::people_count(plans.len());
    let mut pools = vec![0u8; count];
    let mut old_in: Vec<Option<usize>> = vec![None; count];
    for plan in plans {
        pools[plan.person] |= 1 << plan.pool;
        if plan.ground == Some(DismissalGround::AgeLimit) {
            old_in[plan.person] = Some(plan.pool);
        }
    }
    let mut serials: HashMap<(u8, Date, Gender), u16> = HashMap::new();
    (0..count)
        .map(|p| {
            let mut rng = Rng::derive(seed, SALT_PERSON, p as u64);
            let gender = if rng.chance(42) { Gender::Female } else { Gender::Male };
            let birth = match old_in[p] {
                Some(_) => today.plus_years(-71).plus_days(-rng.range(20, 300)),
                None => today.plus_years(-(rng.range(35, 66) as i16)).plus_days(-rng.range(0, 364)),
            };
            let district = rng.range(1, DISTRICTS.len() as i64) as u8;
            let serial = serials.entry((district, birth, gender)).or_insert(0);
            let id_number = resident_id(district, birth, *serial, gender);
            *serial += 1;
            let choices = match pools[p] {
                1 => FOR_ZHINENG,
                2 => FOR_GAOJINENG,
                _ => FOR_BOTH,
            };
            let profile = *rng.pick(choices);
            let specialties = specialties(&mut rng, profile);
            let parent = SPECIALTIES[specialties[0]].parent.unwrap_or("PJ");
            let employer = employer(&mut rng, profile, parent);
            let education = education_level(&mut rng, profile);
            // Work in the field starts after school, and early enough for every rule.
            let field_since = (birth.year() + finishing_age(education) + rng.range(0, 4) as i16).min(today.year() - 12);
            Person {
                id: person_id(p),
                name: name(&mut rng, gender),
                gender,
                birth,
                district,
                id_number,
                employer,
                field_since,
                profile,
                education,
                specialties,
            }
        })
        .collect()
}

fn name(rng: &mut Rng, gender: Gender) -> String {
    let surname = *rng.pick(SURNAMES);
    let gendered = if gender == Gender::Male { GIVEN_MALE } else { GIVEN_FEMALE };
    let last = if rng.chance(60) { *rng.pick(gendered) } else { *rng.pick(GIVEN_COMMON) };
    if rng.chance(25) { format!("{surname}{last}") } else { format!("{surname}{}{last}", rng.pick(GIVEN_COMMON)) }
}

/// Leaf specialties in use (not retired), optionally only under `parent`.
fn current_leaves(parent: Option<&str>) -> Vec<usize> {
    SPECIALTIES
        .iter()
        .enumerate()
        .filter(|(_, s)| s.parent.is_some() && s.retired.is_none() && parent.is_none_or(|p| s.parent == Some(p)))
        .map(|(i, _)| i)
        .collect()
}

fn specialties(rng: &mut Rng, profile: Profile) -> Vec<usize> {
    let leaves = current_leaves(if profile == Profile::Heritage { Some("CY") } else { None });
    let first = *rng.pick(&leaves);
    let mut list = vec![first];
    if rng.chance(35) {
        // A second specialty under the same parent, as experts usually span neighbours.
        let siblings: Vec<usize> =
            current_leaves(SPECIALTIES[first].parent).into_iter().filter(|&i| i != first).collect();
        if !siblings.is_empty() {
            list.push(*rng.pick(&siblings));
        }
    }
    list
}

pub fn employer(rng: &mut Rng, profile: Profile, parent: &str) -> Employer {
    let kind = match profile {
        Profile::Backbone => EmployerKind::Enterprise,
        Profile::Heritage => {
            if rng.chance(50) {
                EmployerKind::Other
            } else {
                EmployerKind::Enterprise
            }
        }
        _ => match rng.below(100) {
            0..=9 => EmployerKind::University,
            10..=29 => EmployerKind::VocationalCollege,
            30..=49 => EmployerKind::TechnicalSchool,
            50..=89 => EmployerKind::Enterprise,
            _ => EmployerKind::Other,
        },
    };
    let (name, org) = match kind {
        EmployerKind::University => (rng.pick(UNIVERSITIES).to_string(), OrgKind::Institution),
        EmployerKind::VocationalCollege => (rng.pick(COLLEGES).to_string(), OrgKind::Institution),
        EmployerKind::TechnicalSchool => (rng.pick(TECH_SCHOOLS).to_string(), OrgKind::Institution),
        EmployerKind::Other => (rng.pick(OTHER_EMPLOYERS).to_string(), OrgKind::NonProfit),
        EmployerKind::Enterprise => (enterprise_name(rng, parent), OrgKind::Enterprise),
    };
    let credit_code = organisation_code(&name, org);
    Employer { name, kind, credit_code }
}

/// An enterprise in the trade of specialty category `parent`.
pub fn enterprise_name(rng: &mut Rng, parent: &str) -> String {
    let trades = ENTERPRISE_TRADES.iter().find(|(code, _)| *code == parent).map(|(_, t)| *t).unwrap_or(&["职业培训"]);
    format!("{CITY}{}{}{}", rng.pick(ENTERPRISE_CORES), rng.pick(trades), rng.pick(ENTERPRISE_SUFFIXES))
}

fn parent_of(person: &Person) -> &'static str {
    SPECIALTIES[person.specialties[0]].parent.unwrap_or("PJ")
}

/// The credit code of a named organisation: a hash of the name, so the same name always
/// gets the same code wherever it appears.
pub fn organisation_code(name: &str, kind: OrgKind) -> String {
    let hash = name.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3));
    credit_code(kind, 1 + (hash % 5) as u8, (hash >> 8) as u32 % 1_000_000)
}

/// The private record of `person`.
pub fn private_record(seed: u64, index: usize, person: &Person, today: Date) -> PrivateRecord {
    let mut rng = Rng::derive(seed, SALT_PRIVATE, index as u64);
    let number = index + 1;
    let district = DISTRICTS[usize::from(person.district - 1)];
    let education = education(&mut rng, person);
    let mut employment = Vec::new();
    let switch_year = person.field_since + rng.range(2, 8) as i16;
    let switched = switch_year < today.year() - 1 && rng.chance(70);
    if switched {
        let previous = enterprise_name(&mut rng, parent_of(person));
        let credit_code = Some(organisation_code(&previous, OrgKind::Enterprise));
        employment.push(Employment {
            from: Date::ymd(person.field_since, 7, 1),
            to: Some(Date::ymd(switch_year, 6, 30)),
            employer: previous,
            credit_code,
            industry: Some(industry(person).into()),
            work: Some(work(person)),
            position: Some("技术员".into()),
        });
    }
    employment.push(Employment {
        from: Date::ymd(if switched { switch_year } else { person.field_since }, 7, 1),
        to: None,
        employer: person.employer.name.clone(),
        credit_code: Some(person.employer.credit_code.clone()),
        industry: Some(industry(person).into()),
        work: Some(work(person)),
        position: Some(rng.pick(POSITIONS).to_string()),
    });
    let achievements = (0..rng.range(1, 2))
        .map(|i| {
            let from = Date::ymd((today.year() - 2 - 3 * i as i16).max(person.field_since), 3, 1);
            Achievement {
                from,
                to: Some(from.plus_months(rng.range(6, 20) as i32)),
                name: format!("{}{}", SPECIALTIES[person.specialties[0]].name, rng.pick(ACHIEVEMENTS)),
                role: rng.pick(&["主持", "参加", "独立"]).to_string(),
                outcome: Some(
                    rng.pick(&["通过市级验收", "获市级科技进步奖三等奖", "在全市推广应用", "获实用新型专利1项"])
                        .to_string(),
                ),
            }
        })
        .collect();
    let collaborations = (0..rng.range(0, 2))
        .map(|_| Collaboration {
            with: name(&mut rng, Gender::Male),
            kind: rng.pick(&["共同承担项目", "获得奖励", "发表论文", "申请专利"]).to_string(),
            date: today.plus_days(-rng.range(60, 1500)),
        })
        .collect();
    let declarations = if rng.chance(12) {
        let party = enterprise_name(&mut rng, parent_of(person));
        vec![Declaration {
            kind: "近亲属".into(),
            credit_code: Some(organisation_code(&party, OrgKind::Enterprise)),
            party,
            note: Some("配偶在该单位任职".into()),
        }]
    } else {
        vec![]
    };
    PrivateRecord {
        id: person.id.clone(),
        id_number: person.id_number.clone(),
        birth_date: rng.chance(80).then_some(person.birth),
        mobile: format!("1{}0000{:04}", 39 - (index / 10_000) % 10, index % 10_000),
        office_phone: rng.chance(70).then(|| format!("0900-8{:07}", 2_000_000 + index % 8_000_000)),
        email: Some(format!("p{number:06}@{MAIL_DOMAIN}")),
        address: Some(format!("{CITY}{district}{}{}号", rng.pick(STREETS), rng.range(1, 300))),
        postcode: Some(format!("9901{}0", person.district - 1)),
        education: Some(education),
        employment,
        achievements,
        collaborations,
        declarations,
    }
}

fn industry(person: &Person) -> &'static str {
    SPECIALTIES
        .iter()
        .find(|s| Some(s.code) == SPECIALTIES[person.specialties[0]].parent)
        .map(|s| s.name)
        .unwrap_or("职业技能")
}

fn work(person: &Person) -> String {
    format!("{}技术工作", SPECIALTIES[person.specialties[0]].name)
}

fn education_level(rng: &mut Rng, profile: Profile) -> Education {
    match profile {
        Profile::MidTitle | Profile::SeniorTitle => {
            *rng.pick(&[Education::Bachelor, Education::Master, Education::Doctor])
        }
        Profile::Heritage => Education::Secondary,
        _ => *rng.pick(&[Education::Secondary, Education::Associate, Education::Bachelor]),
    }
}

/// Typical age at graduation for a level.
fn finishing_age(level: Education) -> i16 {
    match level {
        Education::Secondary => 18,
        Education::Associate => 21,
        Education::Bachelor => 22,
        Education::Master => 25,
        Education::Doctor => 28,
    }
}

fn education(rng: &mut Rng, person: &Person) -> EducationRecord {
    let level = person.education;
    let (years, degree) = match level {
        Education::Secondary => (3, None),
        Education::Associate => (3, None),
        Education::Bachelor => (4, Some("学士")),
        Education::Master => (3, Some("硕士")),
        Education::Doctor => (3, Some("博士")),
    };
    EducationRecord {
        level,
        school: rng.pick(SCHOOLS).to_string(),
        major: Some(rng.pick(MAJORS).to_string()),
        graduated: Some(Date::ymd(person.birth.year() + finishing_age(level), 7, 1)),
        years: Some(years),
        degree: degree.map(str::to_string),
    }
}
