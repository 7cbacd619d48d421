//! The one error shape every endpoint answers with:
//! `{"error": {"code", "field", "message", "fix"}}`, so a client (or a clerk reading
//! the raw JSON) always learns what was wrong, where, and what to do about it.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use expertpool_draw::{LogError, OrderError};
use expertpool_i18n::t;
use serde_json::json;

/// An error answer: status, code and the three texts of the JSON error shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// HTTP status.
    pub status: StatusCode,
    /// Stable machine-readable code, e.g. `unknown_pool`.
    pub code: &'static str,
    /// The request field at fault (`count`, `recusal.units[2]`, `Authorization`), or empty.
    pub field: String,
    /// What was wrong.
    pub message: String,
    /// What to do about it.
    pub fix: String,
}

impl ApiError {
    /// An error with every part given.
    pub(crate) fn new(
        status: StatusCode,
        code: &'static str,
        field: impl Into<String>,
        message: impl Into<String>,
        fix: impl Into<String>,
    ) -> Self {
        ApiError { status, code, field: field.into(), message: message.into(), fix: fix.into() }
    }

    /// A well-formed request whose content breaks a rule (422).
    pub(crate) fn invalid(
        code: &'static str,
        field: impl Into<String>,
        message: impl Into<String>,
        fix: impl Into<String>,
    ) -> Self {
        Self::new(StatusCode::UNPROCESSABLE_ENTITY, code, field, message, fix)
    }

    /// A request that cannot be read as one (400).
    pub(crate) fn bad_request(
        code: &'static str,
        field: impl Into<String>,
        message: impl Into<String>,
        fix: impl Into<String>,
    ) -> Self {
        Self::new(StatusCode::BAD_REQUEST, code, field, message, fix)
    }

    /// The request conflicts with the state of the draw (409).
    pub(crate) fn conflict(
        code: &'static str,
        field: impl Into<String>,
        message: impl Into<String>,
        fix: impl Into<String>,
    ) -> Self {
        Self::new(StatusCode::CONFLICT, code, field, message, fix)
    }

    /// No draw has this id (404).
    pub(crate) fn unknown_draw(id: &str) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "unknown_draw",
            "id",
            t!("drawd-unknown-draw", id = id),
            t!("drawd-unknown-draw-fix"),
        )
    }

    /// The journal could not be written: nothing was acknowledged.
    pub(crate) fn storage(detail: impl std::fmt::Display) -> Self {
        Self::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "journal_write_failed",
            "",
            t!("drawd-journal-write-failed", detail = detail),
            t!("drawd-journal-write-failed-fix"),
        )
    }

    /// A fault of the service, not of the request (500).
    pub(crate) fn internal(detail: impl std::fmt::Display) -> Self {
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "",
            t!("drawd-internal", detail = detail),
            t!("drawd-internal-fix"),
        )
    }
}

impl ApiError {
    /// The JSON error for an answer that a layer below the handlers produced without a
    /// body of the error shape (axum's own rejections, the timeout's empty 408, …), so
    /// that every refusal a client sees has the same shape.
    pub(crate) fn for_status(status: StatusCode) -> Self {
        let status_code = status.as_u16();
        let (code, message, fix) = match status_code {
            400 => ("bad_request", t!("drawd-http-400", status = status_code), t!("drawd-http-400-fix")),
            404 => ("no_such_endpoint", t!("drawd-http-404", status = status_code), t!("drawd-http-404-fix")),
            408 => ("request_timeout", t!("drawd-http-408", status = status_code), t!("drawd-http-408-fix")),
            413 => ("body_too_large", t!("drawd-http-413", status = status_code), t!("drawd-http-413-fix")),
            414 => ("uri_too_long", t!("drawd-http-414", status = status_code), t!("drawd-http-414-fix")),
            431 => ("headers_too_large", t!("drawd-http-431", status = status_code), t!("drawd-http-431-fix")),
            _ => ("http_error", t!("drawd-http-other", status = status_code), t!("drawd-http-other-fix")),
        };
        Self::new(status, code, "", message, fix)
    }
}

/// What the log refused, as the caller should hear it. Every rule of the draw state
/// machine has its own code, so a client can tell an early reveal from a second run
/// without reading the message. The draw crate's own texts are English and for
/// developers; the clerk reads the catalogue's.
impl From<LogError> for ApiError {
    fn from(e: LogError) -> Self {
        let read = || t!("drawd-read-draw-fix");
        match e {
            LogError::UnknownDraw(id) => ApiError::unknown_draw(&id),
            LogError::DrawExists(id) => {
                ApiError::conflict("draw_exists", "id", t!("drawd-draw-exists", id = id), t!("drawd-draw-exists-fix"))
            }
            LogError::Directed(id) => {
                ApiError::conflict("directed", "id", t!("drawd-directed", id = id), t!("drawd-directed-fix"))
            }
            LogError::AlreadyRun(id) => {
                ApiError::conflict("already_run", "id", t!("drawd-already-run", id = id), read())
            }
            LogError::BeaconMismatch { named } => ApiError::invalid(
                "beacon_value",
                "beacon_value",
                if named { t!("drawd-beacon-value-required") } else { t!("drawd-beacon-value-not-taken") },
                t!("drawd-beacon-value-fix"),
            ),
            LogError::NotCalled(position) => ApiError::invalid(
                "not_called",
                "position",
                t!("drawd-not-called", position = position),
                t!("drawd-not-called-fix"),
            ),
            LogError::AlreadyAnswered(position) => ApiError::conflict(
                "already_answered",
                "position",
                t!("drawd-already-answered", position = position),
                t!("drawd-already-answered-fix"),
            ),
            LogError::ReasonRequired(answer) => ApiError::invalid(
                "reason_required",
                "reason",
                t!("drawd-reason-required", answer = answer),
                t!("drawd-reason-required-fix"),
            ),
            LogError::ReasonNotTaken(answer) => ApiError::invalid(
                "unexpected_reason",
                "reason",
                t!("drawd-reason-not-taken", answer = answer),
                t!("drawd-reason-not-taken-fix"),
            ),
            LogError::ApprovalMissing => ApiError::invalid(
                "approval_required",
                "approval_ref",
                t!("drawd-approval-missing"),
                t!("drawd-approval-missing-fix"),
            ),
            LogError::Order(OrderError::DuplicateId(id)) => ApiError::invalid(
                "duplicate_expert",
                "experts",
                t!("drawd-duplicate-expert", id = id),
                t!("drawd-duplicate-expert-fix"),
            ),
            LogError::Order(OrderError::EmptyId) => {
                ApiError::invalid("blank", "experts", t!("drawd-empty-expert-id"), t!("drawd-empty-expert-id-fix"))
            }
            LogError::TooEarly(time) => ApiError::conflict(
                "too_early_to_reveal",
                "id",
                t!("drawd-too-early", time = time),
                t!("drawd-too-early-fix"),
            ),
            LogError::NotV2(id) => {
                ApiError::conflict("not_v2", "id", t!("drawd-not-v2", id = id), t!("drawd-not-v2-fix"))
            }
            LogError::NotRun(id) => ApiError::conflict("not_run", "id", t!("drawd-not-run", id = id), read()),
            LogError::NotAccepted(position) => ApiError::conflict(
                "not_accepted",
                "position",
                t!("drawd-not-accepted", position = position),
                t!("drawd-not-accepted-fix"),
            ),
            LogError::AlreadyAttended(position) => ApiError::conflict(
                "already_attended",
                "position",
                t!("drawd-already-attended", position = position),
                read(),
            ),
            LogError::AlreadyRevealed(id) => {
                ApiError::conflict("already_revealed", "id", t!("drawd-already-revealed", id = id), read())
            }
            LogError::RedoRequired { latest } => ApiError::conflict(
                "redo_required",
                "redo_of",
                t!("drawd-redo-required", latest = latest),
                t!("drawd-redo-required-fix", latest = latest),
            ),
            LogError::RedoUnknown(d) => ApiError::invalid(
                "redo_unknown",
                "redo_of.draw",
                t!("drawd-redo-unknown", draw = d),
                t!("drawd-redo-unknown-fix"),
            ),
            LogError::BlankReason(what) => ApiError::invalid(
                "reason_blank",
                if what == "redo_of" { "redo_of.reason" } else { what },
                t!("drawd-reason-blank"),
                t!("drawd-reason-blank-fix"),
            ),
            LogError::Beacon(ref detail) => ApiError::invalid(
                "beacon_invalid",
                "beacon",
                t!("drawd-beacon-invalid", detail = detail),
                t!("drawd-beacon-invalid-fix"),
            ),
            LogError::Cancelled(_) => ApiError::conflict("cancelled", "id", t!("drawd-cancelled"), read()),
            LogError::StandsIn(d, why) => ApiError::invalid(
                "stands_in_for",
                "stands_in_for",
                t!("drawd-stands-in", draw = d, why = why),
                t!("drawd-stands-in-fix"),
            ),
            // The service supplies times, names, secrets and salts itself: any of these
            // is its own fault, not the caller's.
            LogError::NoName(_)
            | LogError::PayloadWithheld(_)
            | LogError::NotHex(_)
            | LogError::Timestamp(_)
            | LogError::TimeGoesBack { .. }
            | LogError::Encode(_)
            | LogError::Malformed(..)
            | LogError::Size(..) => ApiError::internal(e),
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use expertpool_draw::EncodeError;

    /// Each refusal of the log reaches the client with its own status and code.
    #[test]
    fn each_log_error_has_its_own_code() {
        let cases: Vec<(LogError, StatusCode, &str)> = vec![
            (LogError::UnknownDraw("d".into()), StatusCode::NOT_FOUND, "unknown_draw"),
            (LogError::DrawExists("d".into()), StatusCode::CONFLICT, "draw_exists"),
            (LogError::Directed("d".into()), StatusCode::CONFLICT, "directed"),
            (LogError::AlreadyRun("d".into()), StatusCode::CONFLICT, "already_run"),
            (LogError::BeaconMismatch { named: true }, StatusCode::UNPROCESSABLE_ENTITY, "beacon_value"),
            (LogError::NotCalled(3), StatusCode::UNPROCESSABLE_ENTITY, "not_called"),
            (LogError::AlreadyAnswered(3), StatusCode::CONFLICT, "already_answered"),
            (LogError::ReasonRequired("declined"), StatusCode::UNPROCESSABLE_ENTITY, "reason_required"),
            (LogError::ReasonNotTaken("accepted"), StatusCode::UNPROCESSABLE_ENTITY, "unexpected_reason"),
            (LogError::ApprovalMissing, StatusCode::UNPROCESSABLE_ENTITY, "approval_required"),
            (
                LogError::Order(OrderError::DuplicateId("E1".into())),
                StatusCode::UNPROCESSABLE_ENTITY,
                "duplicate_expert",
            ),
            (LogError::Order(OrderError::EmptyId), StatusCode::UNPROCESSABLE_ENTITY, "blank"),
            (LogError::TooEarly("2026-01-01T00:00:00Z".into()), StatusCode::CONFLICT, "too_early_to_reveal"),
            (LogError::AlreadyRevealed("d".into()), StatusCode::CONFLICT, "already_revealed"),
        ];
        let mut codes = std::collections::BTreeSet::new();
        for (e, status, code) in cases {
            let a = ApiError::from(e.clone());
            assert_eq!((a.status, a.code), (status, code), "{e:?}");
            assert!(!a.message.is_empty() && !a.fix.is_empty(), "{e:?}");
            assert!(codes.insert(code), "{code} used twice");
        }
        for e in [
            LogError::NoName("E1".into()),
            LogError::PayloadWithheld("d".into()),
            LogError::NotHex("salt"),
            LogError::Timestamp("x".into()),
            LogError::Encode(EncodeError::Hex("x".into())),
            LogError::Malformed(1, "x".into()),
        ] {
            assert_eq!(ApiError::from(e).code, "internal");
        }
    }
}
