//! The cheap first pass: which pool, person, cohort and round each record gets. It is a
//! pure function of the seed and the record's index, so the notices (which list whole
//! rounds) and the records (built in parallel) agree without sharing state.

use super::rng::Rng;
use expertpool_records::model::DismissalGround;

pub const SALT_PLAN: u64 = 1;

/// Where a record stands on "today"; see docs/content-format.md for the proportions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cohort {
    /// Applied (and maybe reviewed), not yet publicised.
    Applicant,
    /// Listed in the notice open today.
    Publicity,
    /// Publicised, approved by the committee, not appointed yet.
    Approved,
    /// Admitted with a term starting in a few days.
    Appointed,
    /// Admitted in round 0, 1 or 2 and serving.
    Serving,
    /// Serving, with one or two misconduct records.
    Misconduct,
    /// Admitted before 2025 without publicity (互通遴选 / 特约邀请), renewed as needed.
    Veteran,
    /// Last term ended without renewal.
    Expired,
    /// Left the pool (出库) at their request or at the end of a review.
    Exited,
    Dismissed,
}

#[derive(Debug, Clone)]
pub struct Plan {
    /// Index into `fixed::POOLS`.
    pub pool: usize,
    /// 1-based number inside the pool, the digits of the public id.
    pub number: usize,
    pub person: usize,
    pub cohort: Cohort,
    /// The publicity round, for cohorts that went through one.
    pub round: Option<usize>,
    pub ground: Option<DismissalGround>,
    /// Notice slug, filled in once rounds are batched.
    pub notice: Option<String>,
}

/// Every tenth record of the second pool belongs to the person of the record before it:
/// one person serving in both pools, with one private record.
pub fn is_shared(k: usize) -> bool {
    k % 10 == 1
}

pub fn person_of(k: usize) -> usize {
    if is_shared(k) { person_of(k - 1) } else { k - (k + 8) / 10 }
}

pub fn people_count(records: usize) -> usize {
    records - (records + 8) / 10
}

pub fn plan(seed: u64, k: usize) -> Plan {
    let mut rng = Rng::derive(seed, SALT_PLAN, k as u64);
    let pool = k % 2;
    let roll = rng.below(100);
    let (cohort, round) = match roll {
        0..=3 => (Cohort::Applicant, None),
        4..=8 => (Cohort::Publicity, Some(4)),
        9..=10 => (Cohort::Approved, Some(3)),
        11..=12 => (Cohort::Appointed, Some(3)),
        13..=27 => (Cohort::Serving, Some(0)),
        28..=42 => (Cohort::Serving, Some(1)),
        43..=54 => (Cohort::Serving, Some(2)),
        55..=58 => (Cohort::Misconduct, Some(1)),
        59..=76 => (Cohort::Veteran, None),
        77..=86 => (Cohort::Expired, None),
        87..=90 => (Cohort::Exited, None),
        91..=94 => (Cohort::Dismissed, Some(1)),
        _ => (Cohort::Dismissed, None),
    };
    let ground = (cohort == Cohort::Dismissed).then(|| {
        let grounds = if round.is_some() || is_shared(k) || is_shared(k + 1) {
            // Age and obsolete-field dismissals need a person and a history to match.
            &[
                DismissalGround::JobChange,
                DismissalGround::Health,
                DismissalGround::OwnRequest,
                DismissalGround::Penalty,
                DismissalGround::ThreeMisconducts,
            ][..]
        } else {
            DismissalGround::ALL
        };
        *rng.pick(grounds)
    });
    Plan { pool, number: k / 2 + 1, person: person_of(k), cohort, round, ground, notice: None }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn people_are_numbered_without_gaps() {
        for n in 1..60 {
            let mut seen: Vec<usize> = (0..n).map(person_of).collect();
            seen.dedup();
            assert_eq!(seen, (0..people_count(n)).collect::<Vec<_>>(), "n = {n}");
        }
    }
}
