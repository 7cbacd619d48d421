//! The one error shape every endpoint answers with:
//! `{"error": {"code", "field", "message", "fix"}}`, so a client (or a clerk reading
//! the raw JSON) always learns what was wrong, where, and what to do about it.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub status: StatusCode,
    /// Stable machine-readable code, e.g. `unknown_pool`.
    pub code: &'static str,
    /// The request field at fault (`count`, `recusal.units[2]`, `Authorization`), or empty.
    pub field: String,
    pub message: String,
    pub fix: String,
}

impl ApiError {
    pub fn new(
        status: StatusCode,
        code: &'static str,
        field: impl Into<String>,
        message: impl Into<String>,
        fix: impl Into<String>,
    ) -> Self {
        ApiError { status, code, field: field.into(), message: message.into(), fix: fix.into() }
    }

    /// A well-formed request whose content breaks a rule (422).
    pub fn invalid(
        code: &'static str,
        field: impl Into<String>,
        message: impl Into<String>,
        fix: impl Into<String>,
    ) -> Self {
        Self::new(StatusCode::UNPROCESSABLE_ENTITY, code, field, message, fix)
    }

    pub fn bad_request(
        code: &'static str,
        field: impl Into<String>,
        message: impl Into<String>,
        fix: impl Into<String>,
    ) -> Self {
        Self::new(StatusCode::BAD_REQUEST, code, field, message, fix)
    }

    /// The request conflicts with the state of the draw (409).
    pub fn conflict(
        code: &'static str,
        field: impl Into<String>,
        message: impl Into<String>,
        fix: impl Into<String>,
    ) -> Self {
        Self::new(StatusCode::CONFLICT, code, field, message, fix)
    }

    pub fn unknown_draw(id: &str) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "unknown_draw",
            "id",
            format!("there is no draw with id {id:?}"),
            "use the id returned by POST /api/draws, or list draws with GET /api/draws",
        )
    }

    /// The journal could not be written: nothing was acknowledged.
    pub fn storage(detail: impl std::fmt::Display) -> Self {
        Self::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "journal_write_failed",
            "",
            format!("the journal could not be written, nothing was recorded: {detail}"),
            "retry later; an administrator should check the data folder's disk space and permissions",
        )
    }

    pub fn internal(detail: impl std::fmt::Display) -> Self {
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "",
            format!("internal error: {detail}"),
            "report this to the service administrator with the time of the request",
        )
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}: {}", self.status.as_u16(), self.code, self.message)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = json!({ "error": {
            "code": self.code, "field": self.field, "message": self.message, "fix": self.fix,
        }});
        let mut resp = (self.status, axum::Json(body)).into_response();
        if self.status == StatusCode::UNAUTHORIZED {
            resp.headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer realm=\"expertpool\""));
        }
        resp
    }
}
