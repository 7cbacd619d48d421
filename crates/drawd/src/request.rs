//! Request bodies and their validation: pure functions from a body, the directory and
//! the current time to what the writer needs, or an [`ApiError`] naming the field.

use expertpool_draw::{BeaconSpec, DrawRequest, Outcome, Recusal};
use expertpool_records::Date;
use serde::Deserialize;
use serde_json::Value;

use crate::clock::{Clock, end_of_day, parse_stamp};
use crate::directory::{Directory, PoolData, parse_level};
use crate::error::ApiError;

const MAX_TEXT: usize = 200;
const MAX_LIST: usize = 200;

/// `POST /api/draws` (docs/api.md).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateBody {
    /// Pool id.
    pub pool: String,
    /// Work type, e.g. 项目评审.
    pub purpose: String,
    /// Specialty code.
    pub specialty: String,
    /// Lowest level: a rank 0-4 or a label.
    #[serde(default)]
    pub min_level: Option<Value>,
    /// Experts wanted.
    pub count: i64,
    /// `YYYY-MM-DD`.
    pub event_date: String,
    /// Confidentiality time; default midnight after the event (UTC+8).
    #[serde(default)]
    pub reveal_after: Option<String>,
    /// Who must not be drawn.
    #[serde(default)]
    pub recusal: RecusalBody,
    /// A beacon round named in advance.
    #[serde(default)]
    pub beacon: Option<BeaconBody>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
/// Recusal lists of a request (art. 10).
pub struct RecusalBody {
    /// Units by credit code or name.
    #[serde(default)]
    pub units: Vec<String>,
    /// People by key.
    #[serde(default)]
    pub people: Vec<String>,
    /// Experts by id.
    #[serde(default)]
    pub experts: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
/// A beacon round named at creation.
pub struct BeaconBody {
    /// e.g. `drand/quicknet`.
    pub source: String,
    /// The round number.
    pub round: u64,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
/// `POST /api/draws/{id}/run`: the beacon value, when a beacon was named.
pub struct RunBody {
    /// Hex output of the beacon round named at creation.
    #[serde(default)]
    pub beacon_value: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
/// `POST /api/draws/{id}/responses`: one of `position` and `expert`.
pub struct ResponseBody {
    /// Position in the order.
    #[serde(default)]
    pub position: Option<u64>,
    /// Expert id.
    #[serde(default)]
    pub expert: Option<String>,
    /// `accepted`, `declined`, `recused` or `no_answer`.
    pub outcome: String,
    /// Required for declined and recused.
    #[serde(default)]
    pub reason: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
/// `POST /api/draws/{id}/directed` (art. 9(2)).
pub struct DirectedBody {
    /// Defaults to the pool of the draw in the path.
    #[serde(default)]
    pub pool: Option<String>,
    /// The approved experts' ids.
    pub experts: Vec<String>,
    /// Reference of the approval document.
    pub approval_ref: String,
    /// Who approved.
    pub approved_by: String,
    /// Why these experts.
    pub reason: String,
    /// `YYYY-MM-DD`.
    pub event_date: String,
    /// Confidentiality time; default midnight after the event (UTC+8).
    #[serde(default)]
    pub reveal_after: Option<String>,
}

/// A validated creation: everything the writer needs except the id, secret and salt.
pub struct NewDraw {
    pub request: DrawRequest,
    pub candidates: crate::directory::Pooled,
    pub snapshot: [u8; 32],
    pub beacon: Option<BeaconSpec>,
}

/// The largest integer a JSON number holds exactly (2^53 − 1): the protocol's canonical
/// JSON and every verifier read numbers as doubles, so a larger one cannot be committed.
pub const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;

fn bounded(field: &str, n: u64) -> Result<u64, ApiError> {
    if n > MAX_SAFE_INTEGER {
        return Err(ApiError::bad_request(
            "number_too_large",
            field,
            format!("`{field}` 的值 {n} 超过了 JSON 能精确表示的最大整数 {MAX_SAFE_INTEGER}"),
            format!("给出不大于 {MAX_SAFE_INTEGER} 的整数"),
        ));
    }
    Ok(n)
}

/// Bidirectional controls: they make a text display in another order than it is stored
/// (U+202E turns `exe.txt` into `txt.exe`), so a record could read differently to a
/// clerk and to a verifier.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Characters that show nothing: format characters (Unicode category Cf: zero-width
/// space and joiners, word joiner, BOM, marks, tags …), variation selectors and fillers.
/// A text made only of them (and spaces) looks blank and is refused as blank.
pub fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
        | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{FFA0}'
        | '\u{FFF9}'..='\u{FFFB}' | '\u{0600}'..='\u{0605}' | '\u{06DD}' | '\u{070F}' | '\u{08E2}'
        | '\u{110BD}' | '\u{110CD}' | '\u{1BCA0}'..='\u{1BCA3}' | '\u{1D173}'..='\u{1D17A}'
        | '\u{E0001}' | '\u{E0020}'..='\u{E007F}' | '\u{E0100}'..='\u{E01EF}')
}

fn text(field: &str, v: &str) -> Result<String, ApiError> {
    let t = v.trim();
    if t.is_empty() {
        return Err(ApiError::invalid("blank", field, format!("`{field}` is empty"), "give a value"));
    }
    if t.chars().all(|c| c.is_whitespace() || is_invisible(c)) {
        return Err(ApiError::invalid(
            "blank",
            field,
            format!("`{field}` 只含不可见字符（如零宽空格），看起来是空的"),
            "填写可见的内容",
        ));
    }
    if let Some(c) = t.chars().find(|c| is_bidi_control(*c)) {
        return Err(ApiError::invalid(
            "bidi_control",
            field,
            format!("`{field}` 含有文字方向控制字符 U+{:04X}，显示的顺序会与实际内容不同", c as u32),
            "删去该字符，直接输入文字",
        ));
    }
    if t.chars().count() > MAX_TEXT || t.chars().any(char::is_control) {
        return Err(ApiError::invalid(
            "text_too_long",
            field,
            format!("`{field}` is longer than {MAX_TEXT} characters or contains control characters"),
            "shorten it to one line",
        ));
    }
    Ok(t.to_owned())
}

fn list(field: &str, v: &[String]) -> Result<Vec<String>, ApiError> {
    if v.len() > MAX_LIST {
        return Err(ApiError::invalid(
            "list_too_long",
            field,
            format!("more than {MAX_LIST} items"),
            "split the request or name fewer",
        ));
    }
    v.iter().enumerate().map(|(i, s)| text(&format!("{field}[{i}]"), s)).collect()
}

pub fn pool<'a>(dir: &'a Directory, id: &str) -> Result<&'a PoolData, ApiError> {
    dir.pools.get(id).ok_or_else(|| {
        ApiError::invalid(
            "unknown_pool",
            "pool",
            format!("there is no pool {id:?}"),
            format!("use one of: {}", dir.pools.keys().cloned().collect::<Vec<_>>().join(", ")),
        )
    })
}

fn event_date(v: &str, clock: &Clock) -> Result<Date, ApiError> {
    let d = Date::parse(v)
        .map_err(|m| ApiError::invalid("invalid_date", "event_date", m, "write the date as YYYY-MM-DD"))?;
    let today = clock.today();
    if d < today {
        return Err(ApiError::invalid(
            "date_in_past",
            "event_date",
            format!("the event date {v} is before today ({})", today.0),
            "give the date of the coming event; draws are never made for past events",
        ));
    }
    Ok(d)
}

fn reveal_after(v: Option<&str>, event: Date, clock: &Clock) -> Result<String, ApiError> {
    let Some(v) = v else {
        return end_of_day(event)
            .ok_or_else(|| ApiError::invalid("invalid_date", "event_date", "date out of range", "give a real date"));
    };
    let t = parse_stamp(v).ok_or_else(|| {
        ApiError::invalid(
            "invalid_time",
            "reveal_after",
            format!("{v:?} is not a UTC time"),
            "write it as YYYY-MM-DDTHH:MM:SSZ, e.g. 2026-05-20T10:00:00Z",
        )
    })?;
    if t <= clock.now() {
        return Err(ApiError::invalid(
            "time_in_past",
            "reveal_after",
            format!("the confidentiality time {v} has already passed"),
            "give a time after the event is over, or leave it out (default: midnight after the event date, UTC+8)",
        ));
    }
    // Names must stay secret until the event is under way at the earliest.
    let event_start = event.0.to_zoned_datetime(crate::clock::beijing()).map(|z| z.timestamp()).ok();
    if event_start.is_some_and(|s| t < s) {
        return Err(ApiError::invalid(
            "reveal_before_event",
            "reveal_after",
            format!("the confidentiality time {v} is before the event day {} begins (UTC+8)", event.0),
            "give a time after the event is over, or leave it out (default: midnight after the event date, UTC+8)",
        ));
    }
    Ok(v.to_owned())
}

/// Checks a creation against the directory, the clock and the largest count allowed.
pub fn validate_create(b: CreateBody, dir: &Directory, clock: &Clock, max_count: u32) -> Result<NewDraw, ApiError> {
    let pool_id = text("pool", &b.pool)?;
    let pool = pool(dir, &pool_id)?;
    let purpose = text("purpose", &b.purpose)?;
    let specialty = text("specialty", &b.specialty)?;
    match dir.specialties.get(&specialty) {
        None => {
            return Err(ApiError::invalid(
                "unknown_specialty",
                "specialty",
                format!("there is no specialty with code {specialty:?}"),
                "use a code from specialties.toml",
            ));
        }
        Some(Some(retired)) if *retired <= clock.today() => {
            return Err(ApiError::invalid(
                "retired_specialty",
                "specialty",
                format!("specialty {specialty:?} was retired on {}", retired.0),
                "use the specialty that replaced it",
            ));
        }
        _ => {}
    }
    let min_level = match &b.min_level {
        None => 0,
        Some(v) => parse_level(v).ok_or_else(|| {
            ApiError::invalid(
                "unknown_level",
                "min_level",
                format!("{v} is not a level"),
                "give a rank 0-4 or a label: 初级, 中级, 副高级, 正高级, 五级/初级工 … 一级/高级技师",
            )
        })?,
    };
    if b.count < 1 || b.count > max_count as i64 {
        return Err(ApiError::invalid(
            "count_out_of_range",
            "count",
            format!("count is {}; it must be between 1 and {max_count}", b.count),
            "ask for the number of experts the event needs (a panel is usually 3-9)",
        ));
    }
    let event = event_date(&b.event_date, clock)?;
    let reveal_after = reveal_after(b.reveal_after.as_deref(), event, clock)?;
    let recusal = Recusal {
        units: list("recusal.units", &b.recusal.units)?,
        people: list("recusal.people", &b.recusal.people)?,
        experts: list("recusal.experts", &b.recusal.experts)?,
    };
    for (i, x) in recusal.experts.iter().enumerate() {
        if pool.expert(x).is_none() {
            return Err(ApiError::invalid(
                "unknown_expert",
                format!("recusal.experts[{i}]"),
                format!("pool {pool_id} has no expert {x:?}"),
                "name experts by their public id, e.g. as on the site",
            ));
        }
    }
    let beacon = match b.beacon {
        None => None,
        Some(bb) => {
            Some(BeaconSpec { source: text("beacon.source", &bb.source)?, round: bounded("beacon.round", bb.round)? })
        }
    };
    let cands = dir.candidates(pool, event);
    let snapshot = cands.1;
    let request = DrawRequest {
        draw: String::new(),
        pool: pool_id,
        purpose,
        specialty,
        min_level,
        count: b.count as u32,
        event_date: event.0,
        reveal_after,
        recusal,
        rules: pool.rules,
    };
    Ok(NewDraw { request, candidates: cands, snapshot, beacon })
}

/// The hex beacon value of a run body as bytes.
pub fn parse_beacon(v: Option<&str>) -> Result<Option<Vec<u8>>, ApiError> {
    v.map(|s| {
        hex::decode(s).map_err(|_| {
            ApiError::invalid(
                "invalid_hex",
                "beacon_value",
                "beacon_value is not hex",
                "give the round's output bytes as hex",
            )
        })
    })
    .transpose()
}

/// Recusal reason codes a called expert may give (spec §3.2 codes about conflicts,
/// plus `other: …`).
pub const RECUSAL_CODES: [&str; 5] =
    ["same_unit", "recent_employment", "recent_collaboration", "declared_relation", "named_exclusion"];

/// A known code, optionally with `: note`, or `other: <explanation>`.
fn recusal_reason_ok(r: &str) -> bool {
    let (code, note) = match r.split_once(':') {
        Some((c, n)) => (c.trim(), Some(n.trim())),
        None => (r.trim(), None),
    };
    if code == "other" {
        return note.is_some_and(|n| !n.is_empty());
    }
    RECUSAL_CODES.contains(&code)
}

/// Checks an answer's outcome and reason, returning what the log records.
pub fn validate_response(b: &ResponseBody) -> Result<(Outcome, Option<String>), ApiError> {
    if b.position.is_some() == b.expert.is_some() {
        return Err(ApiError::invalid(
            "target",
            "position",
            "give exactly one of `position` and `expert`",
            "name the called expert by id (`expert`) or by position in the order (`position`)",
        ));
    }
    if let Some(p) = b.position {
        bounded("position", p)?;
    }
    let outcome = Outcome::from_code(&b.outcome).ok_or_else(|| {
        ApiError::invalid(
            "unknown_outcome",
            "outcome",
            format!("{:?} is not an outcome", b.outcome),
            "use accepted, declined, recused or no_answer",
        )
    })?;
    let reason = b.reason.as_deref().map(|r| text("reason", r)).transpose()?;
    match outcome {
        Outcome::Accepted | Outcome::NoAnswer if reason.is_some() => Err(ApiError::invalid(
            "unexpected_reason",
            "reason",
            format!("`{}` takes no reason", b.outcome),
            "remove `reason`",
        )),
        Outcome::Declined if reason.is_none() => Err(ApiError::invalid(
            "reason_required",
            "reason",
            "a declined answer needs the reason given",
            "write the expert's reason, or `unexplained` when they gave none (it counts toward art. 18(7))",
        )),
        Outcome::Recused => {
            let r = reason.ok_or_else(|| {
                ApiError::invalid(
                    "reason_required",
                    "reason",
                    "a recusal needs a reason code",
                    format!("use one of {}, or `other: <explanation>`", RECUSAL_CODES.join(", ")),
                )
            })?;
            if !recusal_reason_ok(&r) {
                return Err(ApiError::invalid(
                    "unknown_reason_code",
                    "reason",
                    format!("{r:?} does not start with a recusal reason code"),
                    format!(
                        "use one of {}, optionally followed by `: note`, or `other: <explanation>`",
                        RECUSAL_CODES.join(", ")
                    ),
                ));
            }
            Ok((outcome, Some(r)))
        }
        _ => Ok((outcome, reason)),
    }
}

/// A validated directed selection.
pub struct NewDirected {
    pub pool: String,
    pub experts: Vec<String>,
    pub approval_ref: String,
    pub approved_by: String,
    pub reason: String,
    pub reveal_after: String,
}

/// Checks a directed selection against the directory and the clock.
pub fn validate_directed(b: DirectedBody, dir: &Directory, clock: &Clock) -> Result<NewDirected, ApiError> {
    let pool_id = text("pool", b.pool.as_deref().unwrap_or(""))?;
    let pool = pool(dir, &pool_id)?;
    let approval_ref = text("approval_ref", &b.approval_ref)?;
    let approved_by = text("approved_by", &b.approved_by)?;
    let reason = text("reason", &b.reason)?;
    if b.experts.is_empty() {
        return Err(ApiError::invalid("empty_list", "experts", "no experts named", "name the approved experts by id"));
    }
    let experts = list("experts", &b.experts)?;
    let event = event_date(&b.event_date, clock)?;
    for (i, x) in experts.iter().enumerate() {
        let Some(e) = pool.expert(x) else {
            return Err(ApiError::invalid(
                "unknown_expert",
                format!("experts[{i}]"),
                format!("pool {pool_id} has no expert {x:?}"),
                "use the experts' public ids",
            ));
        };
        if !crate::directory::candidate(e, event)
            .is_some_and(|c| c.active && c.appointment_start <= event.0 && event.0 <= c.appointment_end)
        {
            return Err(ApiError::invalid(
                "not_appointed",
                format!("experts[{i}]"),
                format!("{x} holds no active appointment on {}", event.0),
                "directed selection is among appointed experts; invite and admit others first (art. 9)",
            ));
        }
    }
    let reveal_after = reveal_after(b.reveal_after.as_deref(), event, clock)?;
    Ok(NewDirected { pool: pool_id, experts, approval_ref, approved_by, reason, reveal_after })
}
