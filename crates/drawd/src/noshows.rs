//! No-shows and unexplained refusals per expert (art. 18(7): three consecutive
//! unexplained absences after being drawn is a misconduct). Derived from the log
//! alone, so it is rebuilt on every start and can never disagree with it.

use std::collections::BTreeMap;

use expertpool_draw::Outcome;
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
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoShows {
    pub experts: BTreeMap<String, ExpertTally>,
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
            t.consecutive_no_shows = 0;
            t.draws.clear();
        }
    }

    /// The file the staff report reads: experts with a running streak only.
    pub fn report_json(&self) -> serde_json::Value {
        let mut m = serde_json::Map::new();
        for (id, t) in &self.experts {
            if t.consecutive_no_shows > 0 {
                m.insert(
                    id.clone(),
                    serde_json::json!({ "consecutive_no_shows": t.consecutive_no_shows, "draws": t.draws }),
                );
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
}
