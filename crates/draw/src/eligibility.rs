//! Eligibility for a draw (spec §3): a pure, versioned function of the
//! candidates, the request and the pause history.
//!
//! These input types are the crate's own so that it depends on nothing else in
//! the workspace; the draw service maps its record model onto them.

use std::collections::BTreeSet;

use jiff::ToSpan;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::encoding::{Hash, nfc, nfc_cow, tagged_hash};

/// Version of the eligibility rules; recorded in every commit entry.
pub const ELIGIBILITY_VERSION: &str = "expertpool-eligibility/v1";

/// A past employment of an expert.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Employment {
    /// Key of the legal entity (e.g. its unified social credit code).
    pub unit: String,
    /// Last day of employment; `None` while it lasts.
    pub end: Option<Date>,
}

/// A collaboration (joint project, award, paper, patent…) of an expert.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Collaboration {
    /// Key of the person or unit collaborated with.
    pub with: String,
    /// Date of the collaboration (its latest date if it spanned time).
    pub date: Date,
}

/// One expert as the draw sees them. Private fields (employment,
/// collaborations, relations) are used here and never published.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Candidate {
    /// The expert's public id.
    pub id: String,
    /// Specialty codes the expert is admitted for.
    pub specialties: Vec<String>,
    /// Level rank: a higher number is a higher level (title or skill grade).
    pub level: u32,
    /// First and last day of the appointment, inclusive.
    pub appointment_start: Date,
    /// Last day of the appointment.
    pub appointment_end: Date,
    /// `false` when the expert is suspended, on leave or dismissed.
    #[serde(default = "yes")]
    pub active: bool,
    /// Legal entities the expert currently belongs to.
    #[serde(default)]
    pub units: Vec<String>,
    /// Past and present employments (art. 10(2)).
    #[serde(default)]
    pub employment: Vec<Employment>,
    /// Collaborations with units and people (art. 10(3)).
    #[serde(default)]
    pub collaborations: Vec<Collaboration>,
    /// Declared relatives, supervisors, financial interests: keys of people or units.
    #[serde(default)]
    pub relations: Vec<String>,
}

fn yes() -> bool {
    true
}

/// Recusal constraints of a request (art. 10).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recusal {
    /// Units under review and the requesting unit: same-unit, employment,
    /// collaboration and relation rules apply to them.
    #[serde(default)]
    pub units: Vec<String>,
    /// Project leader and other named people.
    #[serde(default)]
    pub people: Vec<String>,
    /// Experts excluded by name (e.g. they took part in the project).
    #[serde(default)]
    pub experts: Vec<String>,
}

/// The pool's draw rules (its `pool.toml` `[draw]` table), committed with every
/// request so that observers see which windows and which pause rule applied and
/// verifiers re-run eligibility with them rather than with assumed defaults.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DrawRules {
    /// Art. 9(1): experts drawn in the pool's last two uses sit this draw out.
    pub pause: bool,
    /// Art. 10(2): employment by a recused unit ending this many months or less
    /// before the event excludes.
    pub employment_months: u32,
    /// Art. 10(3): collaboration with a recused party this many months or less
    /// before the event excludes.
    pub collaboration_months: u32,
}

/// Upper bound of both windows (100 years): larger values are input errors, and
/// the bound keeps the month arithmetic in range in every verifier.
pub const MAX_WINDOW_MONTHS: u32 = 1200;

impl Default for DrawRules {
    /// The measures' own values: pause on, 24 months, 3 years.
    fn default() -> Self {
        DrawRules { pause: true, employment_months: 24, collaboration_months: 36 }
    }
}

impl DrawRules {
    /// The rules as they appear in the request and the commit entry.
    pub fn to_value(self) -> Value {
        json!({
            "pause": self.pause,
            "employment_months": self.employment_months,
            "collaboration_months": self.collaboration_months,
        })
    }

    /// Parses and range-checks a `rules` object; `None` when it is not exactly
    /// the three fields with valid values.
    pub fn from_value(v: &Value) -> Option<DrawRules> {
        let m = v.as_object().filter(|m| m.len() == 3)?;
        let months = |k: &str| m.get(k)?.as_u64().filter(|n| *n <= MAX_WINDOW_MONTHS as u64).map(|n| n as u32);
        Some(DrawRules {
            pause: m.get("pause")?.as_bool()?,
            employment_months: months("employment_months")?,
            collaboration_months: months("collaboration_months")?,
        })
    }
}

/// A user unit's request for experts (D1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DrawRequest {
    /// Unique id of the draw, chosen by the service.
    pub draw: String,
    /// The pool drawn from.
    pub pool: String,
    /// Work type per art. 8, e.g. "项目评审".
    pub purpose: String,
    /// Specialty code the experts must be admitted for.
    pub specialty: String,
    /// Lowest level rank drawn.
    pub min_level: u32,
    /// Experts wanted (N).
    pub count: u32,
    /// Day of the event the experts are drawn for.
    pub event_date: Date,
    /// Names and secret are published from this moment (`YYYY-MM-DDTHH:MM:SSZ`).
    pub reveal_after: String,
    /// Units, people and experts the request names for recusal (art. 10).
    #[serde(default)]
    pub recusal: Recusal,
    /// The pool's draw rules in force for this draw.
    #[serde(default)]
    pub rules: DrawRules,
}

impl DrawRequest {
    /// The request as canonical JSON input (spec §2.3).
    pub fn to_value(&self) -> Value {
        let sorted = |v: &[String]| {
            let s: BTreeSet<Vec<u8>> = v.iter().map(|x| nfc(x).into_bytes()).collect();
            s.into_iter().map(|b| String::from_utf8(b).unwrap_or_default()).collect::<Vec<_>>()
        };
        json!({
            "draw": self.draw, "pool": self.pool, "purpose": self.purpose,
            "specialty": self.specialty, "min_level": self.min_level, "count": self.count,
            "event_date": self.event_date.to_string(), "reveal_after": self.reveal_after,
            "recusal": {
                "units": sorted(&self.recusal.units),
                "people": sorted(&self.recusal.people),
                "experts": sorted(&self.recusal.experts),
            },
            "rules": self.rules.to_value(),
        })
    }
}

/// Why an expert is excluded. The string codes are part of the protocol.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// Suspended, on leave or dismissed.
    Inactive,
    /// No appointment covering the event date.
    NotAppointed,
    /// Not admitted for the specialty.
    Specialty,
    /// Below the minimum level.
    Level,
    /// Named for recusal by the request.
    NamedExclusion,
    /// Belongs to a recused unit.
    SameUnit,
    /// Employed by a recused unit within the employment window.
    RecentEmployment,
    /// Collaborated with a recused party within the collaboration window.
    RecentCollaboration,
    /// Declared a relation to a recused person or unit.
    DeclaredRelation,
    /// Drawn in the pool's last two uses (art. 9(1)).
    Pause,
}

impl Reason {
    /// The wire code, e.g. `same_unit`.
    pub fn code(self) -> &'static str {
        match self {
            Reason::Inactive => "inactive",
            Reason::NotAppointed => "not_appointed",
            Reason::Specialty => "specialty",
            Reason::Level => "level",
            Reason::NamedExclusion => "named_exclusion",
            Reason::SameUnit => "same_unit",
            Reason::RecentEmployment => "recent_employment",
            Reason::RecentCollaboration => "recent_collaboration",
            Reason::DeclaredRelation => "declared_relation",
            Reason::Pause => "pause",
        }
    }
}

/// An excluded expert with every reason that applies, in code order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exclusion {
    /// The expert's id.
    pub id: String,
    /// Every reason that applies, in code order.
    pub reasons: Vec<Reason>,
}

/// Result of [`eligibility`]: both sets in canonical (bytewise NFC) id order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Eligibility {
    /// Ids that may be drawn.
    pub eligible: Vec<String>,
    /// Ids that may not, with why.
    pub excluded: Vec<Exclusion>,
}

/// Drawn experts of earlier uses of the same pool, oldest first (spec §3.2).
/// Only the last two uses matter.
pub type PauseHistory = [Vec<String>];

/// Subtracts calendar months, clamping the day to the month's end, and years
/// likewise (so 29 Feb minus one year is 28 Feb).
fn months_before(d: Date, months: i32) -> Date {
    d.checked_sub(months.months()).unwrap_or(Date::MIN)
}

/// Candidates prepared for [`eligibility_prepared`]: every identifier in NFC, empty ids
/// dropped, sorted by id bytes, duplicates merged by keeping the first. Normalising is
/// most of the cost of eligibility on a large pool, and the pool changes far less often
/// than draws are made, so the draw service prepares a pool once and reuses it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PreparedCandidates(Vec<Candidate>);

impl PreparedCandidates {
    /// Prepares `candidates` once for many draws.
    pub fn new(candidates: &[Candidate]) -> PreparedCandidates {
        let all = |v: &[String]| v.iter().map(|s| nfc(s)).collect::<Vec<_>>();
        let mut v: Vec<Candidate> = candidates
            .iter()
            .filter(|c| !nfc_cow(&c.id).is_empty())
            .map(|c| Candidate {
                id: nfc(&c.id),
                specialties: all(&c.specialties),
                units: all(&c.units),
                employment: c.employment.iter().map(|e| Employment { unit: nfc(&e.unit), end: e.end }).collect(),
                collaborations: c
                    .collaborations
                    .iter()
                    .map(|k| Collaboration { with: nfc(&k.with), date: k.date })
                    .collect(),
                relations: all(&c.relations),
                ..c.clone()
            })
            .collect();
        // Stable: of two equal ids the first given stays first and is kept.
        v.sort_by(|a, b| a.id.as_bytes().cmp(b.id.as_bytes()));
        v.dedup_by(|later, first| later.id == first.id);
        PreparedCandidates(v)
    }

    /// The prepared candidates, in canonical id order.
    pub fn candidates(&self) -> &[Candidate] {
        &self.0
    }
}

/// Computes who may be drawn. Duplicate candidate ids are merged by keeping the
/// first; the service is expected to pass each expert once.
pub fn eligibility(candidates: &[Candidate], req: &DrawRequest, history: &PauseHistory) -> Eligibility {
    eligibility_prepared(&PreparedCandidates::new(candidates), req, history)
}

/// [`eligibility`] over candidates normalised in advance.
pub fn eligibility_prepared(candidates: &PreparedCandidates, req: &DrawRequest, history: &PauseHistory) -> Eligibility {
    let set = |v: &[String]| v.iter().map(|s| nfc(s)).collect::<BTreeSet<String>>();
    let units = set(&req.recusal.units);
    let parties: BTreeSet<String> = units.union(&set(&req.recusal.people)).cloned().collect();
    let named = set(&req.recusal.experts);
    let n = history.len();
    let paused: BTreeSet<String> = if req.rules.pause && n >= 2 {
        let a = set(&history[n - 1]);
        let b = set(&history[n - 2]);
        a.intersection(&b).cloned().collect()
    } else {
        BTreeSet::new()
    };
    let emp_since = months_before(req.event_date, req.rules.employment_months.min(MAX_WINDOW_MONTHS) as i32);
    let collab_since = months_before(req.event_date, req.rules.collaboration_months.min(MAX_WINDOW_MONTHS) as i32);
    let specialty = nfc(&req.specialty);

    let mut out = Eligibility::default();
    for c in candidates.candidates() {
        let id = c.id.as_str();
        let mut r = Vec::new();
        if !c.active {
            r.push(Reason::Inactive);
        }
        if !(c.appointment_start <= req.event_date && req.event_date <= c.appointment_end) {
            r.push(Reason::NotAppointed);
        }
        if !c.specialties.contains(&specialty) {
            r.push(Reason::Specialty);
        }
        if c.level < req.min_level {
            r.push(Reason::Level);
        }
        if named.contains(id) {
            r.push(Reason::NamedExclusion);
        }
        if c.units.iter().any(|u| units.contains(u)) {
            r.push(Reason::SameUnit);
        }
        if c.employment.iter().any(|e| units.contains(&e.unit) && e.end.is_none_or(|end| end >= emp_since)) {
            r.push(Reason::RecentEmployment);
        }
        if c.collaborations.iter().any(|k| parties.contains(&k.with) && k.date >= collab_since) {
            r.push(Reason::RecentCollaboration);
        }
        if c.relations.iter().any(|k| parties.contains(k)) {
            r.push(Reason::DeclaredRelation);
        }
        if paused.contains(id) {
            r.push(Reason::Pause);
        }
        if r.is_empty() {
            out.eligible.push(id.to_owned());
        } else {
            out.excluded.push(Exclusion { id: id.to_owned(), reasons: r });
        }
    }
    out
}

/// `H("eligible", salt, id_1, …)` over the canonical eligible ids.
pub fn eligible_commitment<S: AsRef<str>>(salt: &[u8], eligible: &[S]) -> Hash {
    tagged_hash("eligible", std::iter::once(salt).chain(eligible.iter().map(|s| s.as_ref().as_bytes())))
}

/// `H("excluded", salt, id_1, reasons_1, …)`, `reasons_i` being the codes
/// joined by commas.
pub fn excluded_commitment(salt: &[u8], excluded: &[Exclusion]) -> Hash {
    let fields = excluded.iter().flat_map(|e| {
        let codes = e.reasons.iter().map(|r| r.code()).collect::<Vec<_>>().join(",");
        [std::borrow::Cow::Borrowed(e.id.as_bytes()), std::borrow::Cow::Owned(codes.into_bytes())]
    });
    tagged_hash("excluded", std::iter::once(std::borrow::Cow::Borrowed(salt)).chain(fields))
}

/// The public part of one expert in a pool snapshot (spec §3.3): what the
/// public directory shows, so an observer can recompute the snapshot hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnapshotRecord {
    /// See [`Candidate::id`].
    pub id: String,
    /// See [`Candidate::specialties`].
    pub specialties: Vec<String>,
    /// See [`Candidate::level`].
    pub level: u32,
    /// See [`Candidate::appointment_start`].
    pub appointment_start: Date,
    /// See [`Candidate::appointment_end`].
    pub appointment_end: Date,
    /// See [`Candidate::active`].
    pub active: bool,
}

impl From<&Candidate> for SnapshotRecord {
    fn from(c: &Candidate) -> Self {
        SnapshotRecord {
            id: c.id.clone(),
            specialties: c.specialties.clone(),
            level: c.level,
            appointment_start: c.appointment_start,
            appointment_end: c.appointment_end,
            active: c.active,
        }
    }
}

/// `H("snapshot", cj(r_1), …)` over records sorted by NFC id bytes, each with
/// its specialty codes NFC-normalised and sorted bytewise.
pub fn snapshot_hash(records: &[SnapshotRecord]) -> Hash {
    let mut rows: Vec<(String, String)> = records
        .iter()
        .map(|r| {
            let mut sp: Vec<String> = r.specialties.iter().map(|s| nfc(s)).collect();
            sp.sort_by(|a, b| a.as_bytes().cmp(b.as_bytes()));
            sp.dedup();
            let id = nfc(&r.id);
            let v = json!({
                "id": id, "specialties": sp, "level": r.level,
                "appointment_start": r.appointment_start.to_string(),
                "appointment_end": r.appointment_end.to_string(), "active": r.active,
            });
            // Only strings, booleans and small integers: cannot fail.
            (id, crate::encoding::canonical_json(&v).unwrap_or_default())
        })
        .collect();
    rows.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    tagged_hash("snapshot", rows.iter().map(|r| r.1.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn expert(id: &str) -> Candidate {
        Candidate {
            id: id.into(),
            specialties: vec!["6-29".into()],
            level: 3,
            appointment_start: date(2025, 1, 1),
            appointment_end: date(2028, 12, 31),
            active: true,
            units: vec![],
            employment: vec![],
            collaborations: vec![],
            relations: vec![],
        }
    }

    fn req(event: Date) -> DrawRequest {
        DrawRequest {
            draw: "d".into(),
            pool: "p".into(),
            purpose: "评审".into(),
            specialty: "6-29".into(),
            min_level: 3,
            count: 1,
            event_date: event,
            reveal_after: "2028-03-01T00:00:00Z".into(),
            recusal: Recusal { units: vec!["U".into()], people: vec!["leader".into()], experts: vec![] },
            rules: DrawRules::default(),
        }
    }

    fn reasons(c: Candidate, r: &DrawRequest, h: &PauseHistory) -> Vec<Reason> {
        eligibility(&[c], r, h).excluded.into_iter().flat_map(|x| x.reasons).collect()
    }

    #[test]
    fn windows_are_inclusive_and_clamp_leap_days() {
        // 24 months before 2028-02-29 is 2026-02-28 (clamped).
        let r = req(date(2028, 2, 29));
        let mut c = expert("a");
        c.employment = vec![Employment { unit: "U".into(), end: Some(date(2026, 2, 28)) }];
        assert_eq!(reasons(c.clone(), &r, &[]), vec![Reason::RecentEmployment]);
        c.employment[0].end = Some(date(2026, 2, 27));
        assert!(reasons(c, &r, &[]).is_empty());
        let mut c = expert("b");
        c.collaborations = vec![Collaboration { with: "leader".into(), date: date(2025, 2, 28) }];
        assert_eq!(reasons(c.clone(), &r, &[]), vec![Reason::RecentCollaboration]);
        c.collaborations[0].date = date(2025, 2, 27);
        assert!(reasons(c, &r, &[]).is_empty());
    }

    #[test]
    fn every_reason_is_listed_in_code_order() {
        let r = req(date(2029, 6, 1));
        let mut c = expert("x");
        c.active = false;
        c.level = 1;
        c.units = vec!["U".into()];
        c.relations = vec!["U".into()];
        let got = reasons(c, &r, &[vec!["x".into()], vec!["x".into()]]);
        assert_eq!(
            got,
            vec![
                Reason::Inactive,
                Reason::NotAppointed,
                Reason::Level,
                Reason::SameUnit,
                Reason::DeclaredRelation,
                Reason::Pause
            ]
        );
    }

    #[test]
    fn windows_and_pause_follow_the_request_rules() {
        let mut r = req(date(2026, 12, 10));
        let mut c = expert("a");
        c.employment = vec![Employment { unit: "U".into(), end: Some(date(2025, 3, 31)) }];
        c.collaborations = vec![Collaboration { with: "leader".into(), date: date(2024, 1, 10) }];
        let h = vec![vec!["a".to_string()], vec!["a".to_string()]];
        assert_eq!(
            reasons(c.clone(), &r, &h),
            vec![Reason::RecentEmployment, Reason::RecentCollaboration, Reason::Pause]
        );
        r.rules = DrawRules { pause: false, employment_months: 12, collaboration_months: 12 };
        assert!(reasons(c.clone(), &r, &h).is_empty());
        // 12 months before 2026-12-10 is 2025-12-10: that day still counts.
        c.employment[0].end = Some(date(2025, 12, 10));
        assert_eq!(reasons(c, &r, &h), vec![Reason::RecentEmployment]);
    }

    #[test]
    fn rules_parse_only_with_exactly_their_fields_in_range() {
        let d = DrawRules::default();
        assert_eq!(DrawRules::from_value(&d.to_value()), Some(d));
        let mut v = d.to_value();
        v["employment_months"] = json!(1201);
        assert_eq!(DrawRules::from_value(&v), None);
        let mut v = d.to_value();
        v["extra"] = json!(1);
        assert_eq!(DrawRules::from_value(&v), None);
        assert_eq!(
            DrawRules::from_value(&json!({"pause": 1, "employment_months": 1, "collaboration_months": 1})),
            None
        );
    }

    #[test]
    fn prepared_candidates_keep_the_first_of_duplicates_in_nfc_id_order() {
        let mut a = expert("Zoe\u{308}");
        a.level = 1;
        let b = expert("Zoë");
        let p = PreparedCandidates::new(&[expert("b"), a, b, expert("")]);
        let ids: Vec<&str> = p.candidates().iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["Zoë", "b"]);
        assert_eq!(p.candidates()[0].level, 1, "the first occurrence is kept");
        let r = req(date(2027, 6, 1));
        let e = eligibility(p.candidates(), &r, &[]);
        assert_eq!(e.eligible, ["b"]);
        assert_eq!(e.excluded, [Exclusion { id: "Zoë".into(), reasons: vec![Reason::Level] }]);
    }

    #[test]
    fn pause_needs_the_last_two_uses_and_nfc_ids_match() {
        let r = req(date(2027, 6, 1));
        let h = vec![vec!["Zoe\u{308}".to_string()], vec!["Zoë".to_string()]];
        assert_eq!(reasons(expert("Zoë"), &r, &h), vec![Reason::Pause]);
        let h = vec![vec!["a".to_string()], vec!["b".to_string()], vec!["a".to_string()]];
        assert!(reasons(expert("a"), &r, &h).is_empty());
        assert!(reasons(expert("a"), &r, &h[..1]).is_empty());
    }
}
