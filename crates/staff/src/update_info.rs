//! `expertpool record update-info`: the yearly information check of art. 16(1) ("每年组织一次
//! 专家信息集中更新……如果专家工作单位、联系方式、专业技术职称等发生变化的……及时……进行相关信息变更"),
//! in one step: the changed details go into the public record (employer, credit code,
//! position) and the private one (phones, e-mail, address), a change of employer closes the
//! current `[[employment]]` entry and opens a new one (so that the recusal rule of art.
//! 10(2) sees the old employer for as long as it must), and the year's confirmation is
//! recorded.

use crate::fsio;
use crate::lifecycle::{Edit, Field, Refusal, edit_text, find};
use expertpool_i18n::t;
use expertpool_private::{PrivateData, PrivateRecord};
use expertpool_records::checksum::validate_credit_code;
use expertpool_records::model::ExpertRecord;
use expertpool_records::status::{Status, status_on};
use expertpool_records::{Date, PublicInstance};
use std::path::PathBuf;

/// The details an expert reported; `None` leaves a detail as it is.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct InfoUpdate {
    /// The new employer (现工作单位).
    pub employer: Option<String>,
    /// The new employer's unified social credit code.
    pub employer_credit_code: Option<String>,
    /// The new position (职务).
    pub position: Option<String>,
    /// Mobile number.
    pub mobile: Option<String>,
    /// Office phone.
    pub office_phone: Option<String>,
    /// E-mail.
    pub email: Option<String>,
    /// Postal address.
    pub address: Option<String>,
}

/// What the update wrote (or, in a dry run, would write).
#[derive(Debug, Clone)]
pub struct InfoUpdated {
    /// The public record file and its new text.
    pub public: (PathBuf, String),
    /// The private record file and its new text, when a private detail changed.
    pub private: Option<(PathBuf, String)>,
    /// A line for the clerk.
    pub summary: String,
    /// The public change note for the commit (public details only: never a phone).
    pub public_note: String,
}

fn refused(message: impl Into<String>, help: Option<String>) -> Refusal {
    Refusal { message: message.into(), help }
}

fn clean(what: &str, text: &Option<String>) -> Result<Option<String>, Refusal> {
    let Some(t) = text else { return Ok(None) };
    let t = t.trim();
    if t.is_empty() || t.chars().any(char::is_control) {
        return Err(refused(t!("staff-update-empty-value", field = what), Some(t!("staff-update-empty-value-help"))));
    }
    Ok(Some(t.to_string()))
}

/// Checks and applies an information update to expert `id` on `date`.
pub fn update_info(
    instance: &PublicInstance,
    private: &PrivateData,
    id: &str,
    update: &InfoUpdate,
    date: Date,
    dry_run: bool,
) -> Result<InfoUpdated, Refusal> {
    let (_, record) = find(instance, id).map_err(|e| refused(e.to_string(), None))?;
    if !matches!(status_on(record, date), Status::Active | Status::Appointed) {
        return Err(refused(
            t!("staff-update-not-in-pool", id = id, date = date, status = status_on(record, date).label()),
            None,
        ));
    }
    let year = date.year();
    if let Some(c) = record.confirmations.iter().find(|c| c.year == year) {
        return Err(refused(
            t!("staff-update-already-confirmed", id = id, date = c.date, year = year),
            Some(t!("staff-update-already-confirmed-help")),
        ));
    }
    let employer = clean("工作单位", &update.employer)?;
    let credit_code = clean("统一社会信用代码", &update.employer_credit_code)?;
    let position = clean("职务", &update.position)?;
    if let Some(code) = &credit_code {
        validate_credit_code(code).map_err(|e| refused(t!("staff-update-bad-credit-code", error = e), None))?;
    }
    if credit_code.is_some() && employer.is_none() {
        return Err(refused(t!("staff-update-credit-code-alone"), Some(t!("staff-update-credit-code-alone-help"))));
    }
    let mobile = clean("手机号码", &update.mobile)?;
    if let Some(m) = &mobile
        && !expertpool_private::is_mobile(m)
    {
        return Err(refused(t!("staff-update-bad-mobile", value = m), Some(t!("staff-update-bad-mobile-help"))));
    }
    let email = clean("电子邮箱", &update.email)?;
    if let Some(e) = &email
        && !expertpool_private::is_email(e)
    {
        return Err(refused(t!("staff-update-bad-email", value = e), Some(t!("staff-update-bad-email-help"))));
    }
    let office_phone = clean("办公电话", &update.office_phone)?;
    let address = clean("通讯地址", &update.address)?;

    let person = private.person(&record.person).ok_or_else(|| {
        refused(
            t!("staff-update-no-private", id = id, person = record.person),
            Some(t!("staff-update-no-private-help")),
        )
    })?;
    let employer_changed = employer.as_deref().is_some_and(|e| e != record.employer);

    // The public record.
    let mut public_edits = Vec::new();
    let mut public_changes = Vec::new();
    if let Some(e) = &employer
        && employer_changed
    {
        public_edits.push(Edit::Set { key: "employer", value: Field::Text(e.clone()) });
        public_changes.push("工作单位");
    }
    if let Some(c) = &credit_code {
        public_edits.push(Edit::Set { key: "employer_credit_code", value: Field::Text(c.clone()) });
    }
    if let Some(p) = &position
        && record.position.as_deref() != Some(p)
    {
        public_edits.push(Edit::Set { key: "position", value: Field::Text(p.clone()) });
        public_changes.push("职务");
    }
    public_edits.push(Edit::Append {
        array: "confirmations",
        fields: vec![("year", Field::Int(i64::from(year))), ("date", Field::Date(date))],
    });
    let public_path = record.file.path.clone();
    let public_text = edit_file::<ExpertRecord>(&public_path, &public_edits)?;

    // The private record.
    let mut private_edits = Vec::new();
    let mut private_changes = Vec::new();
    for (key, label, new, old) in [
        ("mobile", "手机", &mobile, Some(person.mobile.as_str())),
        ("office_phone", "办公电话", &office_phone, person.office_phone.as_deref()),
        ("email", "电子邮箱", &email, person.email.as_deref()),
        ("address", "通讯地址", &address, person.address.as_deref()),
    ] {
        if let Some(v) = new
            && old != Some(v.as_str())
        {
            private_edits.push(Edit::Set { key, value: Field::Text(v.clone()) });
            private_changes.push(label);
        }
    }
    if let Some(e) = &employer
        && employer_changed
    {
        private_edits.push(Edit::SetInOpenEntry {
            array: "employment",
            key: "to",
            value: Field::Date(date.plus_days(-1)),
        });
        let mut fields = vec![("from", Field::Date(date)), ("employer", Field::Text(e.clone()))];
        if let Some(c) = &credit_code {
            fields.push(("credit_code", Field::Text(c.clone())));
        }
        private_edits.push(Edit::Append { array: "employment", fields });
        private_changes.push("工作经历");
    }
    let private_out = if private_edits.is_empty() {
        None
    } else {
        let path = person.file.path.clone();
        let text = edit_file::<PrivateRecord>(&path, &private_edits)?;
        Some((path, text))
    };

    if !dry_run {
        // Private first: if the public write then fails, the confirmation is simply not
        // recorded yet and the step can be run again.
        if let Some((path, text)) = &private_out {
            fsio::replace(path, text)
                .map_err(|e| refused(t!("staff-update-write-failed", file = path.display(), error = e), None))?;
        }
        fsio::replace(&public_path, &public_text)
            .map_err(|e| refused(t!("staff-update-write-failed", file = public_path.display(), error = e), None))?;
    }
    let mut changed: Vec<&str> = public_changes.clone();
    changed.extend(private_changes.iter().copied());
    let summary = if changed.is_empty() {
        t!("staff-update-summary-unchanged", id = id, year = year)
    } else {
        t!("staff-update-summary-changed", id = id, year = year, fields = changed.join("、"))
    };
    // The public note is published on the expert's page, always in Chinese.
    let public_note = if public_changes.is_empty() {
        format!("{year} 年度信息确认")
    } else {
        format!("{year} 年度信息确认，更新{}", public_changes.join("、"))
    };
    Ok(InfoUpdated { public: (public_path, public_text), private: private_out, summary, public_note })
}

/// Reads `path`, applies `edits` and checks the result still parses as `T`.
fn edit_file<T: serde::de::DeserializeOwned>(path: &std::path::Path, edits: &[Edit]) -> Result<String, Refusal> {
    let original = std::fs::read_to_string(path)
        .map_err(|e| refused(t!("staff-update-read-failed", file = path.display(), error = e), None))?;
    let edited = edit_text(&original, edits)
        .map_err(|e| refused(t!("staff-update-edit-failed", file = path.display(), error = e), None))?;
    toml::from_str::<T>(&edited)
        .map_err(|e| refused(t!("staff-update-would-not-parse", file = path.display(), error = e.message()), None))?;
    Ok(edited)
}
