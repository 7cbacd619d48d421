//! Stage 1 of an import: the cells of one applicant read into typed values. Every field
//! is parsed on its own, and a cell that cannot be read leaves its field empty and a
//! problem tied to its column; the rules that join several fields come in stage 2
//! ([`super::checks`]).

use super::issue::FieldIssue;
use crate::cells::{self, Contacts, Problem};
use crate::columns::Layout;
use crate::sheet::{Cell, Row};
use crate::text::{split_items, squeeze};
use expertpool_i18n::t;
use expertpool_records::Date;
use expertpool_records::annex2::Column;
use expertpool_records::checksum::ResidentId;
use expertpool_records::model::{EmployerKind, Gender, Honour, Skill, SpecialtyFile, Title};

/// One applicant as typed: a cell for each field of a summary-table row. A column the
/// table lacks is an empty cell. `expertpool record new` fills it from its flags.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawApplicant {
    /// 姓名.
    pub name: Cell,
    /// 性别 (may be blank: the ID number tells it).
    pub gender: Cell,
    /// 身份证号码.
    pub id_number: Cell,
    /// 职业、专业: specialty names or codes.
    pub profession: Cell,
    /// 工作单位.
    pub employer: Cell,
    /// 职业资格等级/职称.
    pub level: Cell,
    /// 获得荣誉.
    pub honours: Cell,
    /// 联系方式: the mobile number, perhaps an office line.
    pub contact: Cell,
    /// 出生日期 (optional: checked against the ID number).
    pub birth_date: Cell,
    /// 工作单位属性 (optional: guessed from the employer's name).
    pub employer_kind: Cell,
    /// 职务 (optional).
    pub position: Cell,
    /// 电子邮箱 (optional).
    pub email: Cell,
    /// 从事相关领域工作起始年份 (optional).
    pub field_since: Cell,
}

impl RawApplicant {
    /// The cells of a sheet row, by the columns the layout found.
    pub(crate) fn from_row(layout: &Layout, row: &Row) -> RawApplicant {
        let at = |c: Column| layout.position(c).map(|i| row.cell(i).clone()).unwrap_or(Cell::Empty);
        RawApplicant {
            name: at(Column::Name),
            gender: at(Column::Gender),
            id_number: at(Column::IdNumber),
            profession: at(Column::Profession),
            employer: at(Column::Employer),
            level: at(Column::Level),
            honours: at(Column::Honours),
            contact: at(Column::Contact),
            birth_date: at(Column::BirthDate),
            employer_kind: at(Column::EmployerKind),
            position: at(Column::Position),
            email: at(Column::Email),
            field_since: at(Column::FieldSince),
        }
    }
}

/// An applicant with every field parsed. A field is `None` when its cell could not be
/// read (the problem says why) or, for the optional ones, when it was left blank.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Applicant {
    /// Squeezed; possibly empty (a problem then says so).
    pub(crate) name: String,
    /// The normalised ID number and what it tells.
    pub(crate) id: Option<(String, ResidentId)>,
    /// As written; the ID number's is the one recorded.
    pub(crate) gender: Option<Gender>,
    /// As written; the ID number's is the one recorded.
    pub(crate) birth_date: Option<Date>,
    /// Specialty codes.
    pub(crate) specialties: Option<Vec<String>>,
    /// Squeezed; possibly empty (a problem then says so).
    pub(crate) employer: String,
    /// The title and the skill level.
    pub(crate) levels: Option<(Option<Title>, Option<Skill>)>,
    pub(crate) honours: Option<Vec<Honour>>,
    pub(crate) contacts: Option<Contacts>,
    /// As written, or guessed from the employer's name when blank.
    pub(crate) employer_kind: Option<EmployerKind>,
    pub(crate) position: Option<String>,
    pub(crate) email: Option<String>,
    pub(crate) field_since: Option<i16>,
}

/// Parses each cell of `raw`. `received` is the day the table came in: no year after it
/// is a year in the field, and specialties retired by then are refused.
pub(crate) fn parse(raw: &RawApplicant, taxonomy: &SpecialtyFile, received: Date) -> (Applicant, Vec<FieldIssue>) {
    let mut issues = Vec::new();
    let mut error = |column: Column, problem: Problem| issues.push(FieldIssue::error(column, problem));

    let name = squeeze(&raw.name.text());
    if name.is_empty() {
        error(Column::Name, Problem::new(t!("staff-cell-name-missing")).help(t!("staff-cell-name-help")));
    } else if name.chars().any(|c| c.is_ascii_digit()) {
        error(Column::Name, Problem::new(t!("staff-cell-not-a-name", value = name)).help(t!("staff-cell-name-help")));
    }
    let id = cells::id_number(&raw.id_number).map_err(|p| error(Column::IdNumber, p)).ok();
    let gender = cells::gender(&squeeze(&raw.gender.text())).unwrap_or_else(|p| {
        error(Column::Gender, p);
        None
    });
    let birth_date = if raw.birth_date.is_empty() {
        None
    } else {
        cells::date(&raw.birth_date).map_err(|p| error(Column::BirthDate, p)).ok()
    };
    let mut notes = Vec::new();
    let specialties = match cells::specialties(&raw.profession.text(), taxonomy, received) {
        Ok(m) => {
            notes = m.notes;
            Some(m.codes)
        }
        Err(p) => {
            error(Column::Profession, p);
            None
        }
    };
    let employer = squeeze(&raw.employer.text());
    if employer.is_empty() {
        error(Column::Employer, Problem::new(t!("staff-cell-employer-missing")).help(t!("staff-cell-employer-help")));
    }
    // A skill level written without its trade (`技师`) takes the row's first occupation.
    let occupation = split_items(&squeeze(&raw.profession.text())).into_iter().next().unwrap_or_default();
    let levels = cells::levels(&raw.level.text(), &occupation).map_err(|p| error(Column::Level, p)).ok();
    let honours = cells::honours(&raw.honours.text()).map_err(|p| error(Column::Honours, p)).ok();
    let contacts = cells::contacts(&raw.contact).map_err(|p| error(Column::Contact, p)).ok();
    let employer_kind = if raw.employer_kind.is_empty() {
        Some(cells::guess_employer_kind(&employer))
    } else {
        cells::employer_kind(&raw.employer_kind.text()).map_err(|p| error(Column::EmployerKind, p)).ok()
    };
    let field_since = if raw.field_since.is_empty() {
        None
    } else {
        match cells::year(&raw.field_since) {
            Ok(y) if y > received.year() => {
                error(
                    Column::FieldSince,
                    Problem::new(t!("staff-cell-year-in-future", year = y)).help(t!("staff-cell-year-in-future-help")),
                );
                None
            }
            Ok(y) => Some(y),
            Err(p) => {
                error(Column::FieldSince, p);
                None
            }
        }
    };
    let email = Some(squeeze(&raw.email.text())).filter(|e| !e.is_empty());
    if let Some(e) = &email
        && !(e.contains('@') && e.rsplit('@').next().is_some_and(|d| d.contains('.')))
    {
        error(Column::Email, Problem::new(t!("staff-cell-bad-email", value = e)).help(t!("staff-cell-bad-email-help")));
    }
    let position = Some(squeeze(&raw.position.text())).filter(|p| !p.is_empty());
    // Loose specialty matches accepted, for the clerk to see.
    issues.extend(notes.into_iter().map(|note| FieldIssue::warning(Column::Profession, Problem::new(note))));

    let applicant = Applicant {
        name,
        id,
        gender,
        birth_date,
        specialties,
        employer,
        levels,
        honours,
        contacts,
        employer_kind,
        position,
        email,
        field_since,
    };
    (applicant, issues)
}
