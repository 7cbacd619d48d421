//! Which draws an expert served in, read from the public draw log the draw service exports
//! to `<content>/draws/log.json`. An evaluation (art. 17: "谁使用、谁评价") names the
//! draw the expert was used through, so that it can be checked: the draw exists in the
//! verified log, its names are public, and this expert accepted (or was directed).

use expertpool_draw::{Body, Kind, LogEntry, Outcome};
use expertpool_i18n::t;
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Deserialize)]
struct PublicLog {
    entries: Vec<LogEntry>,
}

/// How an expert took part in one draw, as the public log shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Service {
    /// Called and answered 同意参加.
    Accepted,
    /// Chosen by directed selection (定向选用).
    Directed,
}

/// Why a draw does not show that the expert served, with what to do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct NotServed {
    /// What the log shows.
    pub message: String,
    /// What to do.
    pub help: String,
}

fn not_served(message: String, help: String) -> NotServed {
    NotServed { message, help }
}

/// Looks up `expert` in draw `draw` of the public log `text`. The log must pass the
/// verifier (an evaluation cannot rest on a log that does not check), the draw's names
/// must be revealed, and the expert must have accepted the call or been directed.
pub fn service_in_draw(text: &str, draw: &str, expert: &str) -> Result<Service, NotServed> {
    let report = expertpool_draw::verify_log(text);
    if !report.ok() {
        return Err(not_served(t!("staff-served-log-unverified"), t!("staff-served-log-unverified-help")));
    }
    let log: PublicLog = serde_json::from_str(text)
        .map_err(|e| not_served(t!("staff-served-log-invalid", error = e), t!("staff-served-log-invalid-help")))?;
    let entries: Vec<&LogEntry> = log.entries.iter().filter(|e| e.draw == draw).collect();
    let Some(first) = entries.first() else {
        return Err(not_served(t!("staff-served-no-draw", draw = draw), t!("staff-served-no-draw-help")));
    };
    let names = entries.iter().find_map(|e| match e.typed() {
        Ok(Body::Reveal(r)) => Some(r.names),
        _ => None,
    });
    let Some(names) = names else {
        return Err(not_served(
            t!("staff-served-not-revealed", draw = draw, expert = expert),
            t!("staff-served-not-revealed-help"),
        ));
    };
    let Some(position) = names.iter().position(|n| n.id == expert) else {
        return Err(not_served(
            t!("staff-served-not-listed", draw = draw, expert = expert),
            t!("staff-served-not-listed-help"),
        ));
    };
    if first.kind == Kind::Directed {
        return Ok(Service::Directed);
    }
    // The last answer recorded for the position is its outcome.
    let mut answers: BTreeMap<u64, Outcome> = BTreeMap::new();
    for e in &entries {
        if let Ok(Body::Response(r)) = e.typed() {
            answers.insert(r.position, r.outcome);
        }
    }
    match answers.get(&(position as u64)) {
        Some(Outcome::Accepted) => Ok(Service::Accepted),
        Some(other) => Err(not_served(
            t!("staff-served-did-not-accept", draw = draw, expert = expert, answer = outcome_label(*other)),
            t!("staff-served-accepted-only"),
        )),
        None => Err(not_served(
            t!("staff-served-no-answer", draw = draw, expert = expert),
            t!("staff-served-accepted-only"),
        )),
    }
}

fn outcome_label(o: Outcome) -> &'static str {
    match o {
        Outcome::Accepted => "同意参加",
        Outcome::Declined => "拒绝",
        Outcome::Recused => "回避",
        Outcome::NoAnswer => "未接通",
        Outcome::Withdrawn => "同意后撤回",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn demo_log() -> String {
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../content/draws/log.json")).unwrap()
    }

    /// The demo's first draw: position 0 accepted, 1 declined.
    fn names_of_first_draw(text: &str) -> (String, Vec<String>) {
        let log: PublicLog = serde_json::from_str(text).unwrap();
        let draw = log.entries[0].draw.clone();
        let names = log
            .entries
            .iter()
            .filter(|e| e.draw == draw)
            .find_map(|e| match e.typed() {
                Ok(Body::Reveal(r)) => Some(r.names.into_iter().map(|n| n.id).collect()),
                _ => None,
            })
            .expect("the demo's first draw is revealed");
        (draw, names)
    }

    #[test]
    fn accepted_declined_unknown_and_edited_logs() {
        let text = demo_log();
        let (draw, names) = names_of_first_draw(&text);
        assert_eq!(service_in_draw(&text, &draw, &names[0]), Ok(Service::Accepted));
        let declined = service_in_draw(&text, &draw, &names[1]).unwrap_err();
        assert!(declined.message.contains("拒绝"), "{declined}");
        assert!(service_in_draw(&text, &draw, "ZN-99999").unwrap_err().message.contains("不在"));
        assert!(service_in_draw(&text, "20990101-000000", &names[0]).unwrap_err().message.contains("没有编号"));
        let edited = text.replacen("出差在外", "出差在内", 1);
        assert!(service_in_draw(&edited, &draw, &names[0]).unwrap_err().message.contains("未通过验证"));
    }
}
