//! HTTP endpoints. Every route carries the `/api` prefix, so the router can be merged
//! beside a static site as it is. Handlers are thin: check the token, decode the body,
//! validate (pure functions in [`crate::request`]), hand the change to the writer,
//! and answer with a view from [`crate::views`].

use expertpool_i18n::t;
use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::{DefaultBodyLimit, FromRequestParts, Path, RawQuery, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde_json::{Value, json};
use tower_http::timeout::TimeoutLayer;

use crate::auth::{self, Actor};
use crate::body::RawJson;
use crate::config::Role;
use crate::error::ApiError;
use crate::layers;
use crate::request::{self, CreateBody, DirectedBody, ResponseBody, RunBody};
use crate::service::{Done, Op, Service, Target, random32};
use crate::views::{self, Access};

type Svc = State<Arc<Service>>;
type ApiResult = Result<Response, ApiError>;

/// The draw service's routes, all under `/api`, with the layers of [`crate::layers`],
/// body limit and timeout applied; and the staff console's, under `/staff`.
pub fn router(service: Arc<Service>) -> Router {
    let limit = service.config.body_limit;
    let timeout = Duration::from_secs(service.config.request_timeout_secs);
    // The staff console (`/staff/`) has its own layers (HTML, sessions, CSRF).
    let console = crate::console::router(service.clone());
    Router::new()
        .route("/api/draws", post(create).get(list))
        .route("/api/draws/{id}", get(read))
        .route("/api/draws/{id}/run", post(run))
        .route("/api/draws/{id}/responses", post(respond))
        .route("/api/draws/{id}/directed", post(directed))
        .route("/api/draws/{id}/cancel", post(cancel))
        .route("/api/draws/{id}/withdrawals", post(withdraw))
        .route("/api/draws/{id}/attendance", post(attend))
        .route("/api/log", get(log_page))
        .route("/api/log/head", get(head))
        .route("/api/log/export", get(export))
        .route("/api/log/checkpoints", get(checkpoints))
        .route("/api/log/proof/inclusion", get(inclusion))
        .route("/api/log/proof/consistency", get(consistency))
        .route("/api/log/cosignatures", get(crate::cosign::list).post(crate::cosign::submit))
        .route("/api/key", get(key))
        .route("/api/health", get(health))
        .route("/api/no-shows", get(noshows))
        .route("/api/openapi.json", get(openapi))
        .route("/api", get(openapi))
        .route("/api/{*rest}", axum::routing::any(not_found))
        .method_not_allowed_fallback(method_not_allowed)
        .layer(axum::Extension(crate::cosign::Store::for_service(&service)))
        .layer(DefaultBodyLimit::max(limit))
        // Innermost first: idempotency inside the timeout, so a write that outlives its
        // request still records its answer for the retry.
        .layer(axum::middleware::from_fn_with_state(service.clone(), layers::idempotent))
        .layer(axum::middleware::from_fn_with_state(service.clone(), layers::auth_guard))
        .layer(TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, timeout))
        .layer(axum::middleware::from_fn(layers::outer))
        .with_state(service)
        .merge(console)
        // Outermost, so that the console, the timeout's answer and every refusal below are
        // written in the request's language.
        .layer(axum::middleware::from_fn(layers::language))
}

/// The `{id}` of a path; a segment that does not decode (`%FF`) is refused in the JSON
/// error shape, where axum's own `Path` answers in plain text.
struct DrawId(String);

impl<S: Send + Sync> FromRequestParts<S> for DrawId {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        match Path::<String>::from_request_parts(parts, state).await {
            Ok(Path(id)) => Ok(DrawId(id)),
            Err(e) => Err(ApiError::bad_request(
                "invalid_path",
                "id",
                format!("路径中的抽取编号无法解码：{e}"),
                "use the id returned by POST /api/draws (e.g. 20261123-000000)",
            )),
        }
    }
}

async fn not_found() -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "no_such_endpoint",
        "",
        "there is no such endpoint",
        "see GET /api/openapi.json for the endpoints",
    )
}

async fn method_not_allowed() -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        "",
        "this endpoint does not take that HTTP method",
        "see GET /api/openapi.json for the methods of each endpoint",
    )
}

fn json_ok(status: StatusCode, v: Value) -> Response {
    (status, axum::Json(v)).into_response()
}

/// The draw as staff see it, with the receipt of the write just made: the sequence
/// numbers of the entries it added, durable before this answer was sent.
fn staff_view(s: &Service, id: &str, actor: &Actor, done: &Done) -> ApiResult {
    let dir = s.cached_directory();
    let sh = s.shared.read().unwrap_or_else(|p| p.into_inner());
    let mut v = views::draw_view(&sh, &dir, id, Access::Staff(actor.role)).ok_or_else(|| ApiError::unknown_draw(id))?;
    v["receipt"] = json!({ "seqs": done.seqs });
    Ok(json_ok(StatusCode::OK, v))
}

/// The directory, reloaded off the async threads when the content changed (a large
/// instance takes a while to parse).
async fn fresh_directory(s: &Arc<Service>) -> Result<Arc<crate::directory::Directory>, ApiError> {
    let s = s.clone();
    tokio::task::spawn_blocking(move || s.directory()).await.map_err(ApiError::internal)
}

/// The warning of a committed draw with fewer eligible experts (E) than places (N): it is
/// still made (every eligible expert is called, `shortfall = N − E`), but the clerk is told
/// at once rather than after the run.
fn too_few_eligible(commitment: &Value) -> Option<Value> {
    let wanted = commitment.get("count")?.as_u64()?;
    let eligible = commitment.get("eligible_count")?.as_u64()?;
    (eligible < wanted).then(|| {
        json!({
            "code": "too_few_eligible",
            "eligible": eligible,
            "count": wanted,
            "message": format!("符合条件的专家只有{eligible}名，少于所需的{wanted}名；运行后将通知全部{eligible}名，缺额{}名", wanted - eligible),
            "fix": "如需补足，可放宽专业类别或等级条件另行抽取，或按管理办法第九条邀请专家",
        })
    })
}

async fn create(State(s): Svc, headers: HeaderMap, body: RawJson) -> ApiResult {
    let actor = auth::require(&headers, &s.config, &[Role::Operator], &t!("drawd-action-create"))?;
    let b: CreateBody = body.decode()?;
    let dir = fresh_directory(&s).await?;
    if !dir.problems.is_empty() {
        return Err(ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "content_has_errors",
            "",
            format!("the records cannot be read, so no draw can be made: {}", dir.problems.join("; ")),
            "fix the files named (run `expertpool check`) and retry",
        ));
    }
    let draw = request::validate_create(b, &dir, &s.clock, s.config.max_count, s.config.beacon.drand_url.is_some())?;
    let done = s.submit(Op::Create { actor: actor.id, draw, secret: random32()?, salt: random32()? }).await?;
    let sh = s.shared.read().unwrap_or_else(|p| p.into_inner());
    let seq = done.seqs.first().copied().unwrap_or(0);
    let entry = sh.entry(seq)?;
    let v = json!({
        "id": done.draw,
        "seq": seq,
        "entry_hash": hex::encode(sh.log.entry_hash(seq).unwrap_or_default()),
        "commitment": entry.body,
        "links": { "self": format!("/api/draws/{}", done.draw), "run": format!("/api/draws/{}/run", done.draw) },
    });
    let mut v = v;
    if let Some(warning) = too_few_eligible(&entry.body) {
        v["warning"] = warning;
    }
    Ok(json_ok(StatusCode::CREATED, v))
}

async fn run(State(s): Svc, DrawId(id): DrawId, headers: HeaderMap, body: RawJson) -> ApiResult {
    let actor = auth::require(&headers, &s.config, &[Role::Operator], &t!("drawd-action-run"))?;
    let b: RunBody = body.decode()?;
    let done = run_draw(&s, actor.id.clone(), id.clone(), &b).await?;
    staff_view(&s, &id, &actor, &done)
}

/// Runs draw `id` for `actor` with the beacon evidence of `b`, fetching a drand round the
/// caller did not paste (the API's run and the console's 运行抽取).
pub(crate) async fn run_draw(s: &Arc<Service>, actor: String, id: String, b: &RunBody) -> Result<Done, ApiError> {
    let mut evidence = request::run_evidence(b)?;
    // A drand draw without a pasted round: the service fetches the round itself.
    if evidence.is_none()
        && let Some(round) = drand_round_of(s, &id)
    {
        let wait = expertpool_draw::beacon::drand_round_time(round) - s.clock.now().as_second();
        if wait > 0 {
            return Err(ApiError::conflict(
                "beacon_not_yet",
                "id",
                format!("drand 第 {round} 轮尚未产生（{wait} 秒后），现在不能抽取"),
                "等该轮产生后再运行",
            ));
        }
        evidence = Some(crate::beacon_fetch::fetch(s, round).await?);
    }
    s.submit(Op::Run { actor, draw: id, evidence }).await
}

async fn respond(State(s): Svc, DrawId(id): DrawId, headers: HeaderMap, body: RawJson) -> ApiResult {
    let actor = auth::require(&headers, &s.config, &[Role::Operator], &t!("drawd-action-answer"))?;
    let b: ResponseBody = body.decode()?;
    let (outcome, reason) = request::validate_response(&b)?;
    let target = match (b.position, b.expert) {
        (Some(p), _) => Target::Position(p),
        (None, Some(x)) => Target::Expert(x),
        (None, None) => unreachable!("validate_response requires one"),
    };
    let done = s.submit(Op::Respond { actor: actor.id.clone(), draw: id.clone(), target, outcome, reason }).await?;
    staff_view(&s, &id, &actor, &done)
}

/// The drand round a v2 draw named, if it named one.
fn drand_round_of(s: &Service, id: &str) -> Option<u64> {
    let sh = s.shared.read().unwrap_or_else(|p| p.into_inner());
    match &sh.log.draw(id)?.beacon {
        Some(expertpool_draw::NamedBeacon::V2(expertpool_draw::Beacon::Drand { round, .. })) => Some(*round),
        _ => None,
    }
}

/// `POST /api/draws/{id}/cancel`: abandons a random draw with a public reason.
async fn cancel(State(s): Svc, DrawId(id): DrawId, headers: HeaderMap, body: RawJson) -> ApiResult {
    let actor = auth::require(&headers, &s.config, &[Role::Operator], &t!("drawd-action-cancel"))?;
    let b: request::CancelBody = body.decode()?;
    let done = s.submit(Op::Cancel { actor: actor.id.clone(), draw: id.clone(), reason: b.reason }).await?;
    staff_view(&s, &id, &actor, &done)
}

/// `POST /api/draws/{id}/withdrawals`: an accepted expert withdraws; the next is called.
async fn withdraw(State(s): Svc, DrawId(id): DrawId, headers: HeaderMap, body: RawJson) -> ApiResult {
    let actor = auth::require(&headers, &s.config, &[Role::Operator], &t!("drawd-action-withdraw"))?;
    let b: request::WithdrawalBody = body.decode()?;
    let op = Op::Withdraw { actor: actor.id.clone(), draw: id.clone(), position: b.position, reason: b.reason };
    let done = s.submit(op).await?;
    staff_view(&s, &id, &actor, &done)
}

/// `POST /api/draws/{id}/attendance`: present, absent, late or left early, with the
/// reason the expert gave (none: 无故).
async fn attend(State(s): Svc, DrawId(id): DrawId, headers: HeaderMap, body: RawJson) -> ApiResult {
    let actor = auth::require(&headers, &s.config, &[Role::Operator], &t!("drawd-action-attend"))?;
    let b: request::AttendanceBody = body.decode()?;
    let (outcome, reason) = request::validate_attendance(&b)?;
    let op = Op::Attend { actor: actor.id.clone(), draw: id.clone(), position: b.position, outcome, reason };
    let done = s.submit(op).await?;
    staff_view(&s, &id, &actor, &done)
}

async fn directed(State(s): Svc, DrawId(id): DrawId, headers: HeaderMap, body: RawJson) -> ApiResult {
    let actor = auth::require(&headers, &s.config, &[], &t!("drawd-action-direct"))?;
    let mut b: DirectedBody = body.decode()?;
    let pool = {
        let sh = s.shared.read().unwrap_or_else(|p| p.into_inner());
        sh.meta(&id).map(|m| m.pool.clone()).ok_or_else(|| ApiError::unknown_draw(&id))?
    };
    match &b.pool {
        Some(p) if *p != pool => {
            return Err(ApiError::invalid(
                "pool_mismatch",
                "pool",
                format!("draw {id} is in pool {pool}, not {p}"),
                "leave `pool` out or give the draw's pool",
            ));
        }
        _ => b.pool = Some(pool),
    }
    let dir = fresh_directory(&s).await?;
    let mut sel = request::validate_directed(b, &dir, &s.clock)?;
    sel.reason = format!("for draw {id}: {}", sel.reason);
    sel.for_draw = id.clone();
    let done = s.submit(Op::Directed { actor: actor.id.clone(), sel, salt: random32()? }).await?;
    let mut resp = staff_view(&s, &done.draw, &actor, &done)?;
    *resp.status_mut() = StatusCode::CREATED;
    Ok(resp)
}

async fn read(State(s): Svc, DrawId(id): DrawId, headers: HeaderMap) -> ApiResult {
    let access = match auth::optional(&headers, &s.config)? {
        Some(a) => Access::Staff(a.role),
        None => Access::Public,
    };
    let dir = s.cached_directory();
    let sh = s.shared.read().unwrap_or_else(|p| p.into_inner());
    let v = views::draw_view(&sh, &dir, &id, access).ok_or_else(|| ApiError::unknown_draw(&id))?;
    Ok(json_ok(StatusCode::OK, v))
}

async fn list(State(s): Svc) -> ApiResult {
    let sh = s.shared.read().unwrap_or_else(|p| p.into_inner());
    Ok(json_ok(StatusCode::OK, views::draw_list(&sh)))
}

/// Reads the named non-negative integer parameters of a query string; anything else
/// in it is an error naming the parameter.
fn query(raw: Option<String>, names: &[&str]) -> Result<BTreeMap<String, u64>, ApiError> {
    let mut out = BTreeMap::new();
    for pair in raw.unwrap_or_default().split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        if !names.contains(&k) {
            return Err(ApiError::bad_request(
                "unknown_parameter",
                k,
                format!("unknown query parameter `{k}`"),
                format!("use only {}", names.join(", ")),
            ));
        }
        let n = v.parse::<u64>().map_err(|_| {
            ApiError::bad_request(
                "invalid_parameter",
                k,
                format!("`{k}` must be a non-negative integer, not {v:?}"),
                "give a number, e.g. ?from=0",
            )
        })?;
        out.insert(k.to_owned(), n);
    }
    Ok(out)
}

const PAGE_MAX: u64 = 1000;

async fn log_page(State(s): Svc, RawQuery(q): RawQuery) -> ApiResult {
    let q = query(q, &["from", "limit"])?;
    let from = q.get("from").copied().unwrap_or(0);
    let limit = q.get("limit").copied().unwrap_or(100).min(PAGE_MAX);
    let sh = s.shared.read().unwrap_or_else(|p| p.into_inner());
    let size = sh.log.len();
    let entries: Vec<Value> = (from.min(size)..size.min(from.saturating_add(limit)))
        .map(|seq| sh.entry(seq).map(|e| views::public_entry(&sh, &e)))
        .collect::<Result<_, _>>()?;
    let next = (from + (entries.len() as u64) < size).then(|| from + entries.len() as u64);
    Ok(json_ok(StatusCode::OK, json!({ "size": size, "from": from, "next": next, "entries": entries })))
}

/// The kept checkpoint of the current size: O(log n) root, no signing per request.
async fn head(State(s): Svc) -> ApiResult {
    let sh = s.shared.read().unwrap_or_else(|p| p.into_inner());
    let head = sh.head.as_ref().ok_or_else(|| ApiError::internal("no checkpoint kept"))?;
    let root = sh.log.root(head.size).map_err(ApiError::internal)?;
    Ok(json_ok(
        StatusCode::OK,
        json!({
            "origin": s.identity.origin, "size": head.size, "root": hex::encode(root),
            "checkpoint": head.note, "time": head.time,
        }),
    ))
}

/// Streamed from the journal (see [`crate::export`]): bounded memory, no lock held.
async fn export(State(s): Svc) -> ApiResult {
    let body = axum::body::Body::new(crate::export::stream(s));
    Ok(([(header::CONTENT_TYPE, "application/json")], body).into_response())
}

const CHECKPOINTS_MAX: u64 = 100;

/// The kept checkpoints (one per durable batch) with `size >= from`, oldest first.
async fn checkpoints(State(s): Svc, RawQuery(q): RawQuery) -> ApiResult {
    let q = query(q, &["from", "limit"])?;
    let from = q.get("from").copied().unwrap_or(0);
    let limit = q.get("limit").copied().unwrap_or(CHECKPOINTS_MAX).clamp(1, CHECKPOINTS_MAX);
    let path = s.shared.read().unwrap_or_else(|p| p.into_inner()).checkpoints.clone();
    let page = tokio::task::spawn_blocking(move || crate::checkpoints::page(&path, from, limit as usize + 1))
        .await
        .map_err(ApiError::internal)?
        .map_err(ApiError::internal)?;
    let next = page.get(limit as usize).map(|k| k.size);
    let list: Vec<&crate::checkpoints::KeptCheckpoint> = page.iter().take(limit as usize).collect();
    Ok(json_ok(
        StatusCode::OK,
        json!({
            "origin": s.identity.origin, "key_name": s.identity.key_name,
            "public_key": hex::encode(s.identity.public_key()),
            "from": from, "next": next, "checkpoints": list,
        }),
    ))
}

fn size_error(field: &str, m: String) -> ApiError {
    ApiError::bad_request("out_of_range", field, m, "use GET /api/log/head for the current size")
}

async fn inclusion(State(s): Svc, RawQuery(q): RawQuery) -> ApiResult {
    let q = query(q, &["index", "size"])?;
    let sh = s.shared.read().unwrap_or_else(|p| p.into_inner());
    let size = q.get("size").copied().unwrap_or(sh.log.len());
    let index = *q.get("index").ok_or_else(|| {
        ApiError::bad_request("missing_parameter", "index", "`index` is required", "add ?index=<entry seq>")
    })?;
    if size > sh.log.len() || index >= size {
        return Err(size_error(
            "index",
            format!("need index < size <= {}, got index {index}, size {size}", sh.log.len()),
        ));
    }
    let proof = sh.log.inclusion_proof(index, size).map_err(|e| size_error("index", e.to_string()))?;
    let root = sh.log.root(size).map_err(ApiError::internal)?;
    Ok(json_ok(
        StatusCode::OK,
        json!({
            "index": index, "size": size,
            "entry_hash": hex::encode(sh.log.entry_hash(index).unwrap_or_default()),
            "root": hex::encode(root),
            "proof": proof.iter().map(hex::encode).collect::<Vec<_>>(),
        }),
    ))
}

async fn consistency(State(s): Svc, RawQuery(q): RawQuery) -> ApiResult {
    let q = query(q, &["old", "new"])?;
    let sh = s.shared.read().unwrap_or_else(|p| p.into_inner());
    let new = q.get("new").copied().unwrap_or(sh.log.len());
    let old = *q.get("old").ok_or_else(|| {
        ApiError::bad_request("missing_parameter", "old", "`old` is required", "add ?old=<earlier size>")
    })?;
    if old == 0 || old > new || new > sh.log.len() {
        return Err(size_error("old", format!("need 0 < old <= new <= {}, got old {old}, new {new}", sh.log.len())));
    }
    let proof = sh.log.consistency_proof(old, new).map_err(|e| size_error("old", e.to_string()))?;
    Ok(json_ok(
        StatusCode::OK,
        json!({
            "old": old, "new": new,
            "old_root": hex::encode(sh.log.root(old).map_err(ApiError::internal)?),
            "new_root": hex::encode(sh.log.root(new).map_err(ApiError::internal)?),
            "proof": proof.iter().map(hex::encode).collect::<Vec<_>>(),
        }),
    ))
}

async fn key(State(s): Svc) -> ApiResult {
    let pk = s.identity.public_key();
    let vk = s.identity.key.verifying_key();
    Ok(json_ok(
        StatusCode::OK,
        json!({
            "algorithm": "ed25519", "origin": s.identity.origin, "key_name": s.identity.key_name,
            "public_key": hex::encode(pk),
            "key_id": hex::encode(expertpool_draw::key_id(&s.identity.key_name, &vk)),
        }),
    ))
}

async fn health(State(s): Svc) -> ApiResult {
    let dir = s.cached_directory();
    let sh = s.shared.read().unwrap_or_else(|p| p.into_inner());
    // A service that cannot write its journal is not healthy, whatever it can still
    // read: a monitor must see it before the clerks do.
    let failing = sh.write_health.failing;
    let status = if failing {
        "journal_write_failing"
    } else if dir.problems.is_empty() {
        "ok"
    } else {
        "degraded"
    };
    Ok(json_ok(
        if failing { StatusCode::SERVICE_UNAVAILABLE } else { StatusCode::OK },
        json!({
            "status": status,
            "last_write_failure": sh.write_health.last_failure.as_ref().map(|(time, error)| json!({"time": time, "error": error})),
            "log_size": sh.log.len(),
            "draws": sh.draws.len(),
            "journal": {
                "replayed_entries": s.replay.entries,
                "torn_tail_cut": s.replay.torn_tail.map(|(line, bytes)| json!({"line": line, "bytes": bytes})),
            },
            "content": { "pools": dir.pools.len(), "experts": dir.expert_count(), "problems": dir.problems.len() },
        }),
    ))
}

async fn noshows(State(s): Svc, headers: HeaderMap) -> ApiResult {
    auth::require(&headers, &s.config, &[Role::Auditor], &t!("drawd-action-noshows"))?;
    let sh = s.shared.read().unwrap_or_else(|p| p.into_inner());
    let experts: serde_json::Map<String, Value> = sh
        .noshows
        .experts
        .iter()
        .map(|(id, t)| {
            let mut v = serde_json::to_value(t).unwrap_or(Value::Null);
            // Bookkeeping for the streak, not a finding.
            if let Some(o) = v.as_object_mut() {
                o.remove("before_acceptance");
            }
            v["misconduct_proposed"] = json!(t.consecutive_no_shows >= crate::noshows::MISCONDUCT_STREAK);
            // Art. 18(8): three unexplained late arrivals or early departures in a year.
            v["lateness_misconduct_proposed"] = json!(t.lateness_year().map(|(year, _)| year));
            (id.clone(), v)
        })
        .collect();
    Ok(json_ok(StatusCode::OK, json!({ "experts": experts })))
}

pub const OPENAPI: &str = include_str!("openapi.json");

async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI).into_response()
}

#[cfg(test)]
mod tests {
    /// The hand-written OpenAPI document describes exactly the routes the router has.
    #[test]
    fn openapi_lists_every_route() {
        let doc: serde_json::Value = serde_json::from_str(super::OPENAPI).unwrap();
        let paths = doc["paths"].as_object().unwrap();
        let src = include_str!("api.rs");
        let routes: Vec<&str> = src
            .split(".route(\"")
            .skip(1)
            .map(|r| &r[..r.find('"').unwrap()])
            .filter(|r| *r != "/api" && !r.contains('*'))
            .collect();
        assert!(routes.len() >= 14, "{routes:?}");
        for r in &routes {
            assert!(paths.contains_key(*r), "{r} is not in openapi.json");
        }
        for p in paths.keys() {
            assert!(routes.contains(&p.as_str()), "openapi.json documents {p}, which has no route");
        }
    }
}
