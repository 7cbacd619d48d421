//! Where an expert stands on a given day, derived from the record (never stored, so it
//! cannot disagree with the stages and terms it comes from).

use crate::model::{Appointment, Date, ExpertRecord, Stage};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
/// Where an expert stands in the lifecycle on a given day.
pub enum Status {
    /// Applied or under review, not yet publicised.
    Applicant,
    /// Listed in a publicity notice.
    InPublicity,
    /// Approved by the committee, not yet appointed.
    Approved,
    /// Appointed, term not yet begun.
    Appointed,
    /// In an appointment term: can be drawn.
    Active,
    /// Last term ended without renewal.
    Expired,
    /// Left the pool (出库) other than by dismissal.
    Exited,
    /// Dismissed under art. 19.
    Dismissed,
}

impl Status {
    /// The label the public site prints.
    pub fn label(self) -> &'static str {
        match self {
            Status::Applicant => "申请中",
            Status::InPublicity => "公示中",
            Status::Approved => "已审定",
            Status::Appointed => "待聘任",
            Status::Active => "在库",
            Status::Expired => "聘期届满",
            Status::Exited => "已出库",
            Status::Dismissed => "已解聘",
        }
    }

    /// The status as a URL segment and filter value (its serialised name).
    pub fn code(self) -> &'static str {
        match self {
            Status::Applicant => "applicant",
            Status::InPublicity => "in_publicity",
            Status::Approved => "approved",
            Status::Appointed => "appointed",
            Status::Active => "active",
            Status::Expired => "expired",
            Status::Exited => "exited",
            Status::Dismissed => "dismissed",
        }
    }

    /// Whether the public directory lists the expert (admitted at some point).
    pub fn is_listed(self) -> bool {
        matches!(self, Status::Appointed | Status::Active | Status::Expired | Status::Exited | Status::Dismissed)
    }

    /// Whether the expert is in service: appointed, with a term in force or about to begin.
    /// The public counts and lists show these by default; expired, exited and dismissed
    /// experts stay listed behind a filter.
    pub fn is_in_service(self) -> bool {
        matches!(self, Status::Appointed | Status::Active)
    }

    /// Every status, in lifecycle order.
    pub const ALL: [Status; 8] = [
        Status::Applicant,
        Status::InPublicity,
        Status::Approved,
        Status::Appointed,
        Status::Active,
        Status::Expired,
        Status::Exited,
        Status::Dismissed,
    ];
}

/// The term in force on `on`, if any.
pub fn current_term(record: &ExpertRecord, on: Date) -> Option<&Appointment> {
    record.appointments.iter().rev().find(|a| a.start <= on && on <= a.end)
}

/// The status of `record` on `on`.
pub fn status_on(record: &ExpertRecord, on: Date) -> Status {
    if record.dismissal.as_ref().is_some_and(|d| d.date <= on) {
        return Status::Dismissed;
    }
    if record.stages.iter().any(|s| s.stage == Stage::Exited && s.date <= on) {
        return Status::Exited;
    }
    if current_term(record, on).is_some() {
        return Status::Active;
    }
    if let Some(last) = record.appointments.iter().filter(|a| a.start <= on).max_by_key(|a| a.end) {
        if last.end < on {
            return Status::Expired;
        }
    }
    let reached = record.stages.iter().filter(|s| s.date <= on).map(|s| s.stage).max();
    match reached {
        Some(Stage::Approved) | Some(Stage::Admitted) | Some(Stage::Renewed) => {
            if record.appointments.iter().any(|a| a.start > on) { Status::Appointed } else { Status::Approved }
        }
        Some(Stage::Publicity) => Status::InPublicity,
        _ => Status::Applicant,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;

    fn record(stages: &[(Stage, Date)], terms: &[(Date, Date)]) -> ExpertRecord {
        ExpertRecord {
            id: "T-1".into(),
            person: "P-1".into(),
            name: "测试".into(),
            gender: Gender::Female,
            employer: "某单位".into(),
            employer_kind: EmployerKind::Enterprise,
            employer_credit_code: None,
            position: None,
            title: None,
            skill: None,
            specialties: vec!["A".into()],
            expertise: None,
            field_since: None,
            honours: vec![],
            roles: vec![],
            admission: Admission {
                channel: Channel::OpenCallSelf,
                call: None,
                recommending_unit: None,
                documents: vec![],
            },
            stages: stages
                .iter()
                .map(|(s, d)| StageRecord { stage: *s, date: *d, reference: None, notice: None, note: None })
                .collect(),
            appointments: terms
                .iter()
                .map(|(s, e)| Appointment { certificate: "C".into(), start: *s, end: *e, categories: vec![] })
                .collect(),
            confirmations: vec![],
            evaluations: vec![],
            misconduct: vec![],
            dismissal: None,
            blacklisted: false,
            overrides: vec![],
        }
    }

    #[test]
    fn lifecycle_statuses_in_order() {
        let applied = Date::ymd(2026, 1, 5);
        let publicity = Date::ymd(2026, 2, 2);
        let r = record(&[(Stage::Applied, applied), (Stage::Publicity, publicity)], &[]);
        assert_eq!(status_on(&r, Date::ymd(2026, 1, 10)), Status::Applicant);
        assert_eq!(status_on(&r, Date::ymd(2026, 2, 3)), Status::InPublicity);
        let r = record(&[(Stage::Admitted, Date::ymd(2023, 3, 1))], &[(Date::ymd(2023, 3, 1), Date::ymd(2026, 2, 28))]);
        assert_eq!(status_on(&r, Date::ymd(2026, 2, 28)), Status::Active);
        assert_eq!(status_on(&r, Date::ymd(2026, 3, 1)), Status::Expired);
        assert_eq!(status_on(&r, Date::ymd(2023, 2, 28)), Status::Applicant);
    }

    #[test]
    fn dismissal_wins() {
        let mut r = record(&[], &[(Date::ymd(2025, 1, 1), Date::ymd(2027, 12, 31))]);
        r.dismissal = Some(Dismissal {
            date: Date::ymd(2026, 6, 1),
            ground: DismissalGround::OwnRequest,
            meeting: "2026年第3次会议".into(),
            note: None,
        });
        assert_eq!(status_on(&r, Date::ymd(2026, 5, 31)), Status::Active);
        assert_eq!(status_on(&r, Date::ymd(2026, 6, 1)), Status::Dismissed);
    }
}
