//! No-shows and unexplained refusals per expert (art. 18(7): three consecutive
//! unexplained absences after being drawn is a misconduct), and lateness or leaving
//! early without reason per calendar year (art. 18(8): three in a year). Derived from the
//! log alone, so it is rebuilt on every start and can never disagree with it.

use std::collections::BTreeMap;

use expertpool_draw::{Attendance, Outcome};
use serde::{Deserialize, Serialize};

/// A declined answer whose reason is this code (alone or followed by `: note`) is a
/// refusal without justification; it counts like a no-show.
pub const UNEXPLAINED: &str = "unexplained";

/// The streak at which a misconduct record is proposed.
pub const MISCONDUCT_STREAK: u32 = 3;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExpertTally {
    /// Unexplained absences since the expert last answered properly.
    pub consecutive_no_shows: u32,
    /// Draws of the current streak, oldest first.
    pub draws: Vec<String>,
    pub no_answers_total: u32,
    pub unexplained_refusals_total: u32,
    /// Absent without reason after accepting (an `attendance` entry).
    #[serde(default)]
    pub unexplained_absences_total: u32,
    /// Late or left early without reason: draws by calendar year of the event.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub late_or_early: BTreeMap<String, Vec<String>>,
    /// The streak as it was before the latest acceptance, with that draw: an acceptance
    /// ends a streak only if the expert then came, so an unexplained absence in the same
    /// draw restores it and adds one. Kept in the replay snapshot (a restart must count
    /// as a full replay would); the API leaves it out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) before_acceptance: Option<(String, u32, Vec<String>)>,
}

impl ExpertTally {
    /// A year with this many unexplained late arrivals or early departures (art. 18(8)).
    pub fn lateness_year(&self) -> Option<(&str, &[String])> {
        self.late_or_early
            .iter()
            .find(|(_, d)| d.len() as u32 >= MISCONDUCT_STREAK)
            .map(|(y, d)| (y.as_str(), d.as_slice()))
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoShows {
    pub experts: BTreeMap<String, ExpertTally>,
    /// Accepted experts whose attendance is not recorded yet, by draw and position: an
    /// attendance may come after the reveal, when the draw's order is no longer kept.
    #[serde(default)]
    pub seats: BTreeMap<String, BTreeMap<u64, String>>,
}

pub fn is_unexplained(reason: Option<&str>) -> bool {
    reason.is_some_and(|r| r == UNEXPLAINED || r.starts_with("unexplained:"))
}

impl NoShows {
    /// Takes one answer of `expert` in `draw`, in log order.
    pub fn observe(&mut self, expert: &str, draw: &str, outcome: Outcome, reason: Option<&str>) {
        let t = self.experts.entry(expert.to_owned()).or_default();
        let absent = match outcome {
            Outcome::NoAnswer => {
                t.no_answers_total += 1;
                true
            }
            Outcome::Declined if is_unexplained(reason) => {
                t.unexplained_refusals_total += 1;
                true
            }
            _ => false,
        };
        if absent {
            t.consecutive_no_shows += 1;
            t.draws.push(draw.to_owned());
        } else {
            if outcome == Outcome::Accepted {
                t.before_acceptance = Some((draw.to_owned(), t.consecutive_no_shows, std::mem::take(&mut t.draws)));
            } else {
                t.draws.clear();
            }
            t.consecutive_no_shows = 0;
        }
    }

    /// Remembers who accepted `position` of `draw`, until their attendance or withdrawal.
    pub fn seat(&mut self, draw: &str, position: u64, expert: &str) {
        self.seats.entry(draw.to_owned()).or_default().insert(position, expert.to_owned());
    }

    /// The expert who accepted `position` of `draw`, forgotten from here on.
    pub fn unseat(&mut self, draw: &str, position: u64) -> Option<String> {
        let seats = self.seats.get_mut(draw)?;
        let expert = seats.remove(&position);
        if seats.is_empty() {
            self.seats.remove(draw);
        }
        expert
    }

    /// Takes one attendance of `expert` in `draw` (whose event falls in `year`). `reason`
    /// is what the expert gave; none is 无故.
    pub fn observe_attendance(
        &mut self,
        expert: &str,
        draw: &str,
        year: &str,
        outcome: Attendance,
        reason: Option<&str>,
    ) {
        let t = self.experts.entry(expert.to_owned()).or_default();
        if reason.is_some() {
            return;
        }
        match outcome {
            Attendance::Absent => {
                t.unexplained_absences_total += 1;
                if let Some((_, n, draws)) = t.before_acceptance.take().filter(|(d, _, _)| d == draw) {
                    // Nothing since the acceptance changed the streak: it goes on.
                    if t.consecutive_no_shows == 0 {
                        (t.consecutive_no_shows, t.draws) = (n, draws);
                    }
                }
                t.consecutive_no_shows += 1;
                t.draws.push(draw.to_owned());
            }
            Attendance::Late | Attendance::LeftEarly => {
                t.late_or_early.entry(year.to_owned()).or_default().push(draw.to_owned());
            }
            Attendance::Present => {}
        }
    }

    /// The file the staff report reads: experts with a running streak only.
    pub fn report_json(&self) -> serde_json::Value {
        let mut m = serde_json::Map::new();
        for (id, t) in &self.experts {
            if t.consecutive_no_shows > 0 || !t.late_or_early.is_empty() {
                let mut v = serde_json::json!({ "consecutive_no_shows": t.consecutive_no_shows, "draws": t.draws });
                if !t.late_or_early.is_empty() {
                    v["late_or_early"] = serde_json::json!(t.late_or_early);
                }
                m.insert(id.clone(), v);
            }
        }
        serde_json::Value::Object(m)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streak_counts_absences_and_resets_on_a_proper_answer() {
        let mut n = NoShows::default();
        n.observe("E1", "d1", Outcome::NoAnswer, None);
        n.observe("E1", "d2", Outcome::Declined, Some("unexplained"));
        n.observe("E2", "d2", Outcome::Declined, Some("出差"));
        n.observe("E1", "d3", Outcome::NoAnswer, None);
        let t = &n.experts["E1"];
        assert_eq!(t.consecutive_no_shows, MISCONDUCT_STREAK);
        assert_eq!(t.draws, ["d1", "d2", "d3"]);
        assert_eq!((t.no_answers_total, t.unexplained_refusals_total), (2, 1));
        assert_eq!(n.experts["E2"].consecutive_no_shows, 0);
        n.observe("E1", "d4", Outcome::Accepted, None);
        assert_eq!(n.experts["E1"].consecutive_no_shows, 0);
        assert_eq!(n.report_json(), serde_json::json!({}));
    }

    #[test]
    fn an_unexplained_absence_after_accepting_continues_the_streak() {
        let mut n = NoShows::default();
        n.observe("E1", "d1", Outcome::NoAnswer, None);
        n.observe("E1", "d2", Outcome::Declined, Some("unexplained"));
        // Accepts d3, then does not come without reason: the third in a row.
        n.observe("E1", "d3", Outcome::Accepted, None);
        assert_eq!(n.experts["E1"].consecutive_no_shows, 0);
        n.observe_attendance("E1", "d3", "2026", Attendance::Absent, None);
        let t = &n.experts["E1"];
        assert_eq!(
            (t.consecutive_no_shows, t.draws.as_slice()),
            (3, &["d1".to_string(), "d2".into(), "d3".into()][..])
        );
        // An absence with a reason (请假) is recorded elsewhere and not counted.
        n.observe("E2", "d3", Outcome::Accepted, None);
        n.observe_attendance("E2", "d3", "2026", Attendance::Absent, Some("因病请假"));
        assert_eq!(n.experts["E2"].consecutive_no_shows, 0);
    }

    #[test]
    fn lateness_counts_per_calendar_year_without_reason_only() {
        let mut n = NoShows::default();
        for (d, y) in [("d1", "2025"), ("d2", "2026"), ("d3", "2026")] {
            n.observe_attendance("E1", d, y, Attendance::Late, None);
        }
        n.observe_attendance("E1", "d4", "2026", Attendance::LeftEarly, Some("家中急事，已告知"));
        assert_eq!(n.experts["E1"].lateness_year(), None, "two in 2026, one in 2025, one explained");
        n.observe_attendance("E1", "d5", "2026", Attendance::LeftEarly, None);
        assert_eq!(n.experts["E1"].lateness_year().map(|(y, d)| (y, d.len())), Some(("2026", 3)));
        assert_eq!(n.report_json()["E1"]["late_or_early"]["2026"], serde_json::json!(["d2", "d3", "d5"]));
    }
}
