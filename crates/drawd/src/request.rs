//! Request bodies and their validation: pure functions from a body, the directory and
//! the current time to what the writer needs, or an [`ApiError`] naming the field.

use expertpool_i18n::t;
use std::collections::BTreeMap;

use expertpool_draw::{Attendance, Beacon, BeaconEvidence, DrawRequest, Outcome, Recusal, RedoOf, RequestV2};
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
    /// The unit the experts are drawn for (专家使用方); public.
    pub using_unit: String,
    /// What the experts will do (工作内容); public.
    pub work_content: String,
    /// The project or event; sealed, part of the request key (omitted: empty).
    #[serde(default)]
    pub project: String,
    /// The earlier draw of the same request this one replaces, with why (spec §10.4).
    #[serde(default)]
    pub redo_of: Option<RedoBody>,
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
    /// The beacon: `drand` (default when `[beacon] drand_url` is configured), `lottery`
    /// or `none` (default otherwise).
    #[serde(default)]
    pub beacon: Option<BeaconBody>,
}

/// `redo_of` of a creation.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RedoBody {
    /// The latest earlier draw of the same request.
    pub draw: String,
    /// Why it was abandoned (public).
    pub reason: String,
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
/// The beacon named at creation. The service picks a drand round itself (the first at
/// least 60 s after the commit): a caller never chooses a round or a value.
pub struct BeaconBody {
    /// `drand`, `lottery` or `none`.
    pub kind: String,
    /// Lottery: its name, e.g. 福彩3D.
    #[serde(default)]
    pub lottery: Option<String>,
    /// Lottery: the issue number (期号).
    #[serde(default)]
    pub issue: Option<String>,
    /// Lottery: the draw's date (Beijing), after today.
    #[serde(default)]
    pub draw_date: Option<String>,
    /// Lottery: where the result is officially published.
    #[serde(default)]
    pub url: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
/// `POST /api/draws/{id}/run`: nothing for drand (the service fetches the round) or
/// `none`; the round's JSON when the drand server cannot be reached; the result of a
/// lottery beacon.
pub struct RunBody {
    /// Refused: a caller-chosen value is what the beacon exists to rule out.
    #[serde(default)]
    pub beacon_value: Option<String>,
    /// A drand round's JSON as drand serves it (`round`, `randomness`, `signature`),
    /// pasted when the service cannot reach the drand server; verified all the same.
    #[serde(default)]
    pub drand_round: Option<Value>,
    /// A lottery beacon's published result, as printed (e.g. `3 7 1`).
    #[serde(default)]
    pub lottery_result: Option<String>,
}

/// `POST /api/draws/{id}/cancel`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CancelBody {
    /// Why the draw is abandoned (public).
    pub reason: String,
}

/// `POST /api/draws/{id}/withdrawals`: an expert who accepted withdraws (art. 11).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WithdrawalBody {
    /// The accepted position.
    pub position: u64,
    /// What the expert's leave request says (public).
    pub reason: String,
}

/// `POST /api/draws/{id}/attendance`: what an accepted expert did at the event.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttendanceBody {
    /// The accepted position.
    pub position: u64,
    /// `present`, `absent`, `late` or `left_early`.
    pub outcome: String,
    /// The reason the expert gave; absent or null for 无故.
    #[serde(default)]
    pub reason: Option<String>,
}

/// Checks an attendance body: a known outcome, a bounded position, a reason text.
pub fn validate_attendance(b: &AttendanceBody) -> Result<(Attendance, Option<String>), ApiError> {
    bounded("position", b.position)?;
    let outcome = Attendance::from_code(&b.outcome).ok_or_else(|| {
        ApiError::invalid(
            "unknown_outcome",
            "outcome",
            t!("drawd-attendance-unknown", outcome = b.outcome.clone()),
            t!("drawd-attendance-unknown-fix"),
        )
    })?;
    let reason = b.reason.as_deref().map(|r| text("reason", r)).transpose()?;
    Ok((outcome, reason))
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
    /// Why directed, when the draw in the path did not end unfilled (public).
    #[serde(default)]
    pub exception: Option<String>,
}

/// A validated creation: everything the writer needs except the id, secret and salt.
pub struct NewDraw {
    pub request: DrawRequest,
    pub candidates: crate::directory::Pooled,
    pub snapshot: [u8; 32],
    pub beacon: BeaconChoice,
    pub extra: RequestV2,
    pub redo_of: Option<RedoOf>,
    /// Display names of the pool's experts, committed for the eligible ones.
    pub names: BTreeMap<String, String>,
}

/// The beacon a creation asks for; the writer fixes the drand round at commit time.
#[derive(Debug, Clone)]
pub enum BeaconChoice {
    /// The first quicknet round at least 60 s after the commit.
    Drand,
    /// A named lottery draw (already a complete beacon).
    Lottery(Beacon),
    /// No beacon (weaker).
    None,
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
        return Err(ApiError::invalid(
            "blank",
            field,
            t!("drawd-field-empty", field = field),
            t!("drawd-field-empty-fix"),
        ));
    }
    if t.chars().all(|c| c.is_whitespace() || is_invisible(c)) {
        return Err(ApiError::invalid(
            "blank",
            field,
            t!("drawd-field-invisible", field = field),
            t!("drawd-field-invisible-fix"),
        ));
    }
    if let Some(c) = t.chars().find(|c| is_bidi_control(*c)) {
        return Err(ApiError::invalid(
            "bidi_control",
            field,
            t!("drawd-field-bidi", field = field, char = format!("U+{:04X}", c as u32)),
            t!("drawd-field-bidi-fix"),
        ));
    }
    if t.chars().count() > MAX_TEXT || t.chars().any(char::is_control) {
        return Err(ApiError::invalid(
            "text_too_long",
            field,
            t!("drawd-field-too-long", field = field, max = MAX_TEXT),
            t!("drawd-field-too-long-fix"),
        ));
    }
    Ok(t.to_owned())
}

fn list(field: &str, v: &[String]) -> Result<Vec<String>, ApiError> {
    if v.len() > MAX_LIST {
        return Err(ApiError::invalid(
            "list_too_long",
            field,
            t!("drawd-list-too-long", field = field, max = MAX_LIST),
            t!("drawd-list-too-long-fix"),
        ));
    }
    v.iter().enumerate().map(|(i, s)| text(&format!("{field}[{i}]"), s)).collect()
}

pub fn pool<'a>(dir: &'a Directory, id: &str) -> Result<&'a PoolData, ApiError> {
    dir.pools.get(id).ok_or_else(|| {
        ApiError::invalid(
            "unknown_pool",
            "pool",
            t!("drawd-unknown-pool", id = id),
            t!("drawd-unknown-pool-fix", ids = dir.pools.keys().cloned().collect::<Vec<_>>().join(", ")),
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
pub fn validate_create(
    b: CreateBody,
    dir: &Directory,
    clock: &Clock,
    max_count: u32,
    drand_configured: bool,
) -> Result<NewDraw, ApiError> {
    // By code or by Chinese name, resolved as the console resolves what a clerk types.
    let pool_id = crate::console::names::pool_id(dir, &text("pool", &b.pool)?)?;
    let pool = pool(dir, &pool_id)?;
    let purpose = text("purpose", &b.purpose)?;
    let specialty = crate::console::names::specialty_code(dir, &text("specialty", &b.specialty)?)?;
    match dir.specialties.get(&specialty) {
        None => {
            return Err(ApiError::invalid(
                "unknown_specialty",
                "specialty",
                t!("drawd-unknown-specialty", code = specialty),
                t!("drawd-unknown-specialty-fix"),
            ));
        }
        Some(Some(retired)) if *retired <= clock.today() => {
            return Err(ApiError::invalid(
                "retired_specialty",
                "specialty",
                t!("drawd-retired-specialty", code = specialty, date = retired.0),
                t!("drawd-retired-specialty-fix"),
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
            t!("drawd-count-out-of-range", count = b.count, max = max_count),
            t!("drawd-count-out-of-range-fix"),
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
    let beacon = beacon_choice(b.beacon, clock, drand_configured)?;
    let extra = RequestV2 {
        using_unit: text("using_unit", &b.using_unit)?,
        work_content: text("work_content", &b.work_content)?,
        project: if b.project.trim().is_empty() { String::new() } else { text("project", &b.project)? },
    };
    let redo_of = match b.redo_of {
        None => None,
        Some(r) => Some(RedoOf { draw: text("redo_of.draw", &r.draw)?, reason: text("redo_of.reason", &r.reason)? }),
    };
    let names =
        pool.experts.iter().map(|e| (expertpool_draw::encoding::nfc(&e.public.id), e.public.name.clone())).collect();
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
    Ok(NewDraw { request, candidates: cands, snapshot, beacon, extra, redo_of, names })
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
    /// The draw in the path, which this selection stands in for if it ended unfilled.
    pub for_draw: String,
    /// The public exception reason otherwise.
    pub exception: Option<String>,
    /// Display names of the chosen experts, committed with them.
    pub names: BTreeMap<String, String>,
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
    let names = experts
        .iter()
        .filter_map(|x| pool.expert(x).map(|e| (expertpool_draw::encoding::nfc(x), e.public.name.clone())))
        .collect();
    let exception = match b.exception.as_deref() {
        None => None,
        Some(x) => Some(text("exception", x)?),
    };
    Ok(NewDirected {
        for_draw: String::new(),
        exception,
        names,
        pool: pool_id,
        experts,
        approval_ref,
        approved_by,
        reason,
        reveal_after,
    })
}

/// The beacon of a creation (spec §10.3): drand by default when the service can fetch
/// rounds, `none` otherwise; a lottery with its name, issue, a draw date after today
/// (Beijing) and the publication address.
fn beacon_choice(b: Option<BeaconBody>, clock: &Clock, drand_configured: bool) -> Result<BeaconChoice, ApiError> {
    let Some(b) = b else {
        return Ok(if drand_configured { BeaconChoice::Drand } else { BeaconChoice::None });
    };
    let lottery_field = |v: &Option<String>, f: &str| -> Result<String, ApiError> {
        text(&format!("beacon.{f}"), v.as_deref().unwrap_or(""))
    };
    match b.kind.as_str() {
        "drand" => Ok(BeaconChoice::Drand),
        "none" => Ok(BeaconChoice::None),
        "lottery" => {
            let draw_date = lottery_field(&b.draw_date, "draw_date")?;
            let d = Date::parse(&draw_date)
                .map_err(|m| ApiError::invalid("invalid_date", "beacon.draw_date", m, "开奖日期写作 YYYY-MM-DD"))?;
            if d <= clock.today() {
                return Err(ApiError::invalid(
                    "lottery_not_after_commit",
                    "beacon.draw_date",
                    format!("开奖日期 {draw_date} 不晚于今天：信标必须是承诺之后才产生的结果"),
                    "选择明天或以后开奖的一期",
                ));
            }
            let url = lottery_field(&b.url, "url")?;
            if !(url.starts_with("https://") || url.starts_with("http://")) || url.contains(char::is_whitespace) {
                return Err(ApiError::invalid(
                    "invalid_url",
                    "beacon.url",
                    "开奖公告地址应为 http(s) 网址",
                    "填写官方公布开奖结果的网页地址",
                ));
            }
            Ok(BeaconChoice::Lottery(Beacon::Lottery {
                lottery: lottery_field(&b.lottery, "lottery")?,
                issue: lottery_field(&b.issue, "issue")?,
                draw_date,
                url,
            }))
        }
        other => Err(ApiError::invalid(
            "unknown_beacon",
            "beacon.kind",
            format!("没有 {other:?} 这种信标"),
            "使用 drand、lottery 或 none",
        )),
    }
}

/// The evidence a run body gives for the draw's beacon: a pasted drand round (its
/// `randomness` must be SHA-256 of its `signature`; the signature is checked by the log)
/// or a lottery result. A `beacon_value` is refused: nobody may choose the value.
pub fn run_evidence(b: &RunBody) -> Result<Option<BeaconEvidence>, ApiError> {
    if b.beacon_value.is_some() {
        return Err(ApiError::invalid(
            "beacon_value_refused",
            "beacon_value",
            "不接受调用方给出的信标值：信标值只能来自 drand 轮次的签名或已公布的开奖结果",
            "drand 信标不用填写（服务自动获取）；离线时粘贴该轮 JSON 到 drand_round；彩票信标填写 lottery_result",
        ));
    }
    if let Some(r) = &b.drand_round {
        let round = r.get("round").and_then(Value::as_u64);
        let sig = r.get("signature").and_then(Value::as_str);
        let (Some(round), Some(sig)) = (round, sig) else {
            return Err(ApiError::invalid(
                "drand_round",
                "drand_round",
                "drand_round 应包含 round 和 signature",
                "粘贴 drand 提供的该轮 JSON 原文",
            ));
        };
        if let Some(rand) = r.get("randomness").and_then(Value::as_str) {
            let want = hex::decode(sig).map(|s| hex::encode(expertpool_draw::beacon::drand_randomness(&s)));
            if want.as_deref() != Ok(rand) {
                return Err(ApiError::invalid(
                    "drand_round",
                    "drand_round.randomness",
                    "randomness 不是 signature 的 SHA-256",
                    "粘贴 drand 提供的该轮 JSON 原文，不要改动",
                ));
            }
        }
        return Ok(Some(BeaconEvidence::Drand { round, signature: sig.to_ascii_lowercase() }));
    }
    Ok(b.lottery_result.as_ref().map(|r| BeaconEvidence::Lottery { result: r.clone() }))
}
