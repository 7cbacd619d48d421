//! Staff authentication: `Authorization: Bearer <token>`, checked against the hashes
//! in the configuration. A missing or unknown token is 401, a known token with too
//! little authority is 403.

use axum::http::HeaderMap;
use axum::http::StatusCode;
use expertpool_i18n::t;

use crate::config::{Config, Role};
use crate::error::ApiError;

/// An authenticated staff member.
#[derive(Debug, Clone)]
pub struct Actor {
    pub id: String,
    pub role: Role,
}

fn unauthenticated(message: String) -> ApiError {
    ApiError::new(
        StatusCode::UNAUTHORIZED,
        "unauthenticated",
        "Authorization",
        message,
        t!("drawd-unauthenticated-fix"),
    )
}

/// The actor behind the request's token, if it carries one; an invalid token is an
/// error (never silently treated as anonymous).
pub fn optional(headers: &HeaderMap, config: &Config) -> Result<Option<Actor>, ApiError> {
    let Some(h) = headers.get(axum::http::header::AUTHORIZATION) else { return Ok(None) };
    let token = h
        .to_str()
        .ok()
        .and_then(|v| v.strip_prefix("Bearer ").or_else(|| v.strip_prefix("bearer ")))
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .ok_or_else(|| unauthenticated(t!("drawd-auth-not-bearer")))?;
    let staff = config.authenticate(token).ok_or_else(|| unauthenticated(t!("drawd-auth-invalid-token")))?;
    Ok(Some(Actor { id: staff.id.clone(), role: staff.role }))
}

/// Requires a token whose role is one of `allowed` (admin is always allowed).
pub fn require(headers: &HeaderMap, config: &Config, allowed: &[Role], action: &str) -> Result<Actor, ApiError> {
    let actor = optional(headers, config)?.ok_or_else(|| unauthenticated(t!("drawd-auth-token-needed")))?;
    if actor.role == Role::Admin || allowed.contains(&actor.role) {
        return Ok(actor);
    }
    let roles: Vec<&str> = allowed.iter().map(|r| r.code()).chain(["admin"]).collect();
    Err(ApiError::new(
        StatusCode::FORBIDDEN,
        "forbidden",
        "Authorization",
        t!("drawd-forbidden", staff = actor.id, role = actor.role.code(), action = action),
        t!("drawd-forbidden-fix", roles = roles.join(&format!(" {} ", t!("drawd-roles-or")))),
    ))
}
