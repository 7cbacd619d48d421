//! The admission block every applicant of one table (or one `record new`) shares: the
//! channel, the call and its deadline, the recommending unit. Read once per import, from
//! the options and the table's title area, before any row.

use super::ImportOptions;
use super::issue::{Issue, file_issue};
use crate::text::squeeze;
use expertpool_i18n::t;
use expertpool_records::checksum::validate_credit_code;
use expertpool_records::layout;
use expertpool_records::model::{Admission, Channel, Document, Unit};
use expertpool_records::{PublicInstance, Severity};

/// Reads a `--channel` value: the full labels and the short forms
/// 单位推荐/个人自荐/互通遴选/特约邀请.
pub fn parse_channel(text: &str) -> Result<Channel, String> {
    let key = squeeze(text);
    if let Some(c) = Channel::from_label(&key) {
        return Ok(c);
    }
    match key.as_str() {
        "单位推荐" | "公开征集单位推荐" | "unit" => Ok(Channel::OpenCallUnit),
        "个人自荐" | "公开征集个人自荐" | "自荐" | "self" => Ok(Channel::OpenCallSelf),
        "互通遴选" | "遴选" | "mutual" => Ok(Channel::MutualSelection),
        "特约邀请" | "邀请" | "invitation" => Ok(Channel::SpecialInvitation),
        _ => Err(t!("staff-import-bad-channel", text = text, labels = crate::text::choices(Channel::labels()))),
    }
}

/// The admission every applicant gets, and the note a late table leaves on the 申请 stage.
#[derive(Debug, Clone)]
pub(crate) struct SharedAdmission {
    pub(crate) admission: Admission,
    pub(crate) late_note: Option<String>,
}

/// Checks the call's deadline, the unit and its credit code, and builds the admission.
/// `table_unit` is the unit the table's title area names, if any.
pub(crate) fn shared_admission(
    instance: &PublicInstance,
    table_unit: Option<&str>,
    options: &ImportOptions,
    issues: &mut Vec<Issue>,
) -> SharedAdmission {
    let mut late_note = None;
    if let Some(slug) = &options.call {
        match instance.call(slug) {
            None => issues.push(file_issue(
                Severity::Error,
                t!("staff-import-no-call", file = layout::call(slug).display()),
                Some(t!(
                    "staff-import-no-call-help",
                    calls = instance.calls.iter().map(|c| c.slug.as_str()).collect::<Vec<_>>().join(", ")
                )),
            )),
            Some(call) if call.meta.pool != options.pool => issues.push(file_issue(
                Severity::Error,
                t!("staff-import-call-other-pool", call = slug, call_pool = call.meta.pool, pool = options.pool),
                Some(t!("staff-import-call-other-pool-help")),
            )),
            Some(call) if options.received > call.meta.deadline => match &options.late_reason {
                Some(reason) => {
                    issues.push(file_issue(
                        Severity::Warning,
                        t!(
                            "staff-import-late-accepted",
                            received = options.received,
                            deadline = call.meta.deadline,
                            call = slug,
                            reason = reason
                        ),
                        None,
                    ));
                    // Written into the record, which is kept in Chinese.
                    late_note = Some(format!("逾期提交（截止{}），经同意受理：{reason}", call.meta.deadline.chinese()));
                }
                None => issues.push(file_issue(
                    Severity::Error,
                    t!(
                        "staff-import-late-refused",
                        received = options.received,
                        deadline = call.meta.deadline,
                        call = slug
                    ),
                    Some(t!("staff-import-late-refused-help")),
                )),
            },
            Some(_) => {}
        }
    }
    let unit_name = options.unit.clone().or_else(|| table_unit.map(str::to_string));
    let needs_unit = matches!(options.channel, Channel::OpenCallUnit | Channel::MutualSelection);
    if needs_unit && unit_name.is_none() {
        issues.push(file_issue(
            Severity::Error,
            t!("staff-import-unit-missing", channel = options.channel),
            Some(t!("staff-import-unit-missing-help")),
        ));
    }
    if let Some(code) = &options.unit_credit_code
        && let Err(e) = validate_credit_code(code)
    {
        issues.push(file_issue(
            Severity::Error,
            t!("staff-import-bad-unit-credit-code", code = code, error = e),
            Some(t!("staff-import-bad-unit-credit-code-help")),
        ));
    }
    let recommending_unit = unit_name
        .filter(|_| needs_unit || options.unit.is_some())
        .map(|name| Unit { name, credit_code: options.unit_credit_code.clone() });
    let admission = Admission {
        channel: options.channel,
        call: options.call.clone(),
        recommending_unit,
        documents: if needs_unit { vec![Document::SummaryTable] } else { vec![] },
    };
    SharedAdmission { admission, late_note }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn channels_short_and_full() {
        assert_eq!(parse_channel("单位推荐"), Ok(Channel::OpenCallUnit));
        assert_eq!(parse_channel("公开征集-个人自荐"), Ok(Channel::OpenCallSelf));
        assert_eq!(parse_channel("特约邀请"), Ok(Channel::SpecialInvitation));
        assert!(parse_channel("走后门").is_err());
    }
}
