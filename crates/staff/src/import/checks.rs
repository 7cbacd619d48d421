//! Stage 2 of an import: the rules over a parsed applicant. First the rules that join
//! fields (the gender and birth date written must be the ID number's), then, once every
//! field is usable, the records are assembled and the pool's eligibility assessed.

use super::admission::SharedAdmission;
use super::applicant::Applicant;
use super::issue::{FieldIssue, any_error};
use crate::cells::Problem;
use expertpool_i18n::t;
use expertpool_private::PrivateRecord;
use expertpool_records::Date;
use expertpool_records::annex2::Column;
use expertpool_records::eligibility::{Rule, assess, rules_of};
use expertpool_records::model::*;

/// What every applicant of one import is checked against.
pub(crate) struct Rules<'a> {
    pub(crate) policy: &'a PoolPolicy,
    pub(crate) eligibility: Vec<(String, Rule)>,
    pub(crate) admission: SharedAdmission,
    pub(crate) received: Date,
}

impl<'a> Rules<'a> {
    pub(crate) fn new(policy: &'a PoolPolicy, admission: SharedAdmission, received: Date) -> Rules<'a> {
        Rules { policy, eligibility: rules_of(policy), admission, received }
    }
}

/// The public and private records an applicant becomes, before ids are given out.
#[derive(Debug, Clone)]
pub(crate) struct Candidate {
    pub(crate) public: ExpertRecord,
    pub(crate) private: PrivateRecord,
}

/// The gender and birth date written must agree with the ID number's.
pub(crate) fn cross_field(applicant: &Applicant) -> Vec<FieldIssue> {
    let mut issues = Vec::new();
    let Some((_, rid)) = &applicant.id else { return issues };
    if let Some(g) = applicant.gender
        && g != rid.gender
    {
        issues.push(FieldIssue::error(
            Column::Gender,
            Problem::new(t!("staff-cell-gender-differs", value = g, id_gender = rid.gender))
                .help(t!("staff-cell-differs-help")),
        ));
    }
    if let Some(birth) = applicant.birth_date
        && birth != rid.birth_date
    {
        issues.push(FieldIssue::error(
            Column::BirthDate,
            Problem::new(t!("staff-cell-birth-differs", value = birth, id_birth = rid.birth_date))
                .help(t!("staff-cell-differs-help")),
        ));
    }
    issues
}

/// The records of an applicant whose every field is usable, its eligibility assessed:
/// `None` when a field is missing or a problem so far, or now, is an error. `reference`
/// says where the application came from (`汇总表.xlsx 第5行`), for the 申请 stage.
pub(crate) fn candidate(
    rules: &Rules,
    applicant: Applicant,
    reference: String,
    issues: &mut Vec<FieldIssue>,
) -> Option<Candidate> {
    let Applicant {
        name,
        id,
        specialties,
        employer,
        levels,
        honours,
        contacts,
        employer_kind,
        position,
        email,
        field_since,
        ..
    } = applicant;
    let (
        Some((id_number, rid)),
        Some(specialties),
        Some((title, skill)),
        Some(honours),
        Some(contacts),
        Some(employer_kind),
    ) = (id, specialties, levels, honours, contacts, employer_kind)
    else {
        return None;
    };
    if any_error(issues) {
        return None;
    }
    let SharedAdmission { admission, late_note } = &rules.admission;
    let public = ExpertRecord {
        id: String::new(),
        person: String::new(),
        name,
        gender: rid.gender,
        employer,
        employer_kind,
        employer_credit_code: None,
        position,
        title,
        skill,
        specialties,
        expertise: None,
        field_since,
        honours,
        roles: vec![],
        admission: admission.clone(),
        stages: vec![StageRecord {
            stage: Stage::Applied,
            date: rules.received,
            reference: Some(reference),
            notice: None,
            note: late_note.clone(),
        }],
        appointments: vec![],
        confirmations: vec![],
        evaluations: vec![],
        misconduct: vec![],
        dismissal: None,
        blacklisted: false,
        overrides: vec![],
    };
    issues.extend(eligibility(rules, &public, rid.birth_date));
    if any_error(issues) {
        return None;
    }
    let private = PrivateRecord {
        id: String::new(),
        id_number,
        birth_date: Some(rid.birth_date),
        mobile: contacts.mobile,
        office_phone: contacts.office,
        email,
        address: None,
        postcode: None,
        education: None,
        employment: vec![],
        achievements: vec![],
        collaborations: vec![],
        declarations: vec![],
    };
    Some(Candidate { public, private })
}

/// Eligibility where the table allows: the age limit always, the professional conditions
/// unless they hinge on years in the field, which annex 2 does not ask.
fn eligibility(rules: &Rules, public: &ExpertRecord, birth_date: Date) -> Option<FieldIssue> {
    let policy = rules.policy;
    let assessment = assess(policy, &rules.eligibility, public, Some(birth_date), rules.received);
    if !assessment.barred.is_empty() {
        return Some(FieldIssue::error(
            Column::IdNumber,
            Problem::new(t!("staff-check-not-eligible", reasons = assessment.barred.join("; "))).help(
                if policy.age_limit.inclusive {
                    t!("staff-check-age-help-inclusive", pool = policy.id, age = policy.age_limit.max_age)
                } else {
                    t!("staff-check-age-help-under", pool = policy.id, age = policy.age_limit.max_age)
                },
            ),
        ));
    }
    if !assessment.met.is_empty() || rules.eligibility.is_empty() {
        return None;
    }
    let only_years_unknown = assessment.unmet.iter().any(|(_, why)| why.contains("field_since"));
    if only_years_unknown {
        return Some(FieldIssue::warning(
            Column::Level,
            Problem::new(t!("staff-check-years-unknown")).help(t!("staff-check-years-unknown-help")),
        ));
    }
    let reasons: Vec<String> = assessment.unmet.iter().map(|(id, why)| format!("{id}: {why}")).collect();
    Some(FieldIssue::error(
        Column::Level,
        Problem::new(t!("staff-check-no-condition", pool = policy.id, reasons = reasons.join("; ")))
            .help(t!("staff-check-no-condition-help")),
    ))
}

#[cfg(test)]
mod tests {
    use super::super::applicant::{RawApplicant, parse};
    use super::super::issue::in_report_order;
    use super::*;
    use crate::sheet::Cell;

    fn taxonomy() -> SpecialtyFile {
        let specialty =
            Specialty { code: "ZZ-01".into(), name: "数控加工".into(), parent: None, retired: None, added: None };
        SpecialtyFile { specialties: vec![specialty] }
    }

    fn raw(gender: &str, birth: &str, contact: &str) -> RawApplicant {
        let text = |s: &str| if s.is_empty() { Cell::Empty } else { Cell::Text(s.into()) };
        RawApplicant {
            name: text("张测试"),
            gender: text(gender),
            // 449901198001010027: born 1980-01-01, a woman (even 17th digit).
            id_number: text("449901198001010027"),
            profession: text("数控加工"),
            employer: text("星河示例机械有限公司"),
            level: text("高级工程师"),
            contact: text(contact),
            birth_date: text(birth),
            ..RawApplicant::default()
        }
    }

    fn columns_of(raw: &RawApplicant) -> Vec<(Column, String)> {
        let (applicant, mut issues) = parse(raw, &taxonomy(), Date::ymd(2026, 11, 23));
        issues.extend(cross_field(&applicant));
        in_report_order(&mut issues);
        issues.into_iter().map(|i| (i.column, i.problem.message)).collect()
    }

    #[test]
    fn a_clean_applicant_has_no_problem_and_records_the_id_numbers_facts() {
        let (applicant, issues) = parse(&raw("", "", "13800000001"), &taxonomy(), Date::ymd(2026, 11, 23));
        assert!(issues.is_empty(), "{issues:?}");
        assert!(cross_field(&applicant).is_empty());
        assert_eq!(applicant.specialties, Some(vec!["ZZ-01".to_string()]));
        assert_eq!(applicant.employer_kind, Some(EmployerKind::Enterprise), "guessed from 有限公司");
    }

    #[test]
    fn cross_field_problems_are_listed_with_their_field_not_after_the_others() {
        let found = columns_of(&raw("男", "1981-01-01", "123"));
        assert_eq!(
            found,
            [
                (Column::Gender, "填写为 男，而身份证号码显示为 女。".to_string()),
                (Column::BirthDate, "填写为 1981-01-01，而身份证号码显示为 1980-01-01。".to_string()),
                (Column::Contact, "`123` 中没有 11 位手机号码。".to_string()),
            ]
        );
    }
}
