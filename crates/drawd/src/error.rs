//! The one error shape every endpoint answers with:
//! `{"error": {"code", "field", "message", "fix"}}`, so a client (or a clerk reading
//! the raw JSON) always learns what was wrong, where, and what to do about it.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use expertpool_draw::{LogError, OrderError};
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
            format!("there is no draw with id {id:?}"),
            "use the id returned by POST /api/draws, or list draws with GET /api/draws",
        )
    }

    /// The journal could not be written: nothing was acknowledged.
    pub(crate) fn storage(detail: impl std::fmt::Display) -> Self {
        Self::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "journal_write_failed",
            "",
            format!("the journal could not be written, nothing was recorded: {detail}"),
            "retry later; an administrator should check the data folder's disk space and permissions",
        )
    }

    /// A fault of the service, not of the request (500).
    pub(crate) fn internal(detail: impl std::fmt::Display) -> Self {
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "",
            format!("internal error: {detail}"),
            "report this to the service administrator with the time of the request",
        )
    }
}

impl ApiError {
    /// The JSON error for an answer that a layer below the handlers produced without a
    /// body of the error shape (axum's own rejections, the timeout's empty 408, …), so
    /// that every refusal a client sees has the same shape.
    pub(crate) fn for_status(status: StatusCode) -> Self {
        let (code, message, fix) = match status.as_u16() {
            400 => ("bad_request", "请求无法解析", "检查请求行、路径和请求头的写法"),
            404 => ("no_such_endpoint", "没有这个接口", "see GET /api/openapi.json for the endpoints"),
            408 => (
                "request_timeout",
                "请求未能在规定时间内处理完；写入可能已经完成",
                "用同一个 Idempotency-Key 重试：已完成的写入会返回第一次的结果，不会重复写入",
            ),
            413 => ("body_too_large", "请求体超过了服务接受的大小", "缩小请求体；一次抽取请求只有几百字节"),
            414 => ("uri_too_long", "请求的地址过长", "缩短地址；查询参数只有几个数字"),
            431 => ("headers_too_large", "请求头过大", "减少或缩短请求头"),
            _ => ("http_error", "请求未能处理", "检查请求后重试"),
        };
        Self::new(status, code, "", format!("{message}（HTTP {}）", status.as_u16()), fix)
    }
}

/// What the log refused, as the caller should hear it. Every rule of the draw state
/// machine has its own code, so a client can tell an early reveal from a second run
/// without reading the message.
impl From<LogError> for ApiError {
    fn from(e: LogError) -> Self {
        const READ: &str = "read the draw with GET /api/draws/{id} to see what it awaits";
        let m = e.to_string();
        match e {
            LogError::UnknownDraw(id) => ApiError::unknown_draw(&id),
            LogError::DrawExists(_) => ApiError::conflict("draw_exists", "id", m, "create the draw again for a new id"),
            LogError::Directed(_) => {
                ApiError::conflict("directed", "id", m, "a directed selection is not run; nothing to do")
            }
            LogError::AlreadyRun(_) => ApiError::conflict("already_run", "id", m, READ),
            LogError::BeaconMismatch { .. } => ApiError::invalid(
                "beacon_value",
                "beacon_value",
                m,
                "give beacon_value (hex) exactly when the draw named a beacon round",
            ),
            LogError::NotCalled(_) => {
                ApiError::invalid("not_called", "position", m, "use a position from the called list")
            }
            LogError::AlreadyAnswered(_) => ApiError::conflict(
                "already_answered",
                "position",
                m,
                "an answer is final; the next expert is called automatically",
            ),
            LogError::ReasonRequired(_) => {
                ApiError::invalid("reason_required", "reason", m, "give the reason the expert stated")
            }
            LogError::ReasonNotTaken(_) => ApiError::invalid("unexpected_reason", "reason", m, "remove `reason`"),
            LogError::ApprovalMissing => ApiError::invalid(
                "approval_required",
                "approval_ref",
                m,
                "give the approval document's reference and the approver (art. 9(2))",
            ),
            LogError::Order(OrderError::DuplicateId(_)) => {
                ApiError::invalid("duplicate_expert", "experts", m, "name each expert once")
            }
            LogError::Order(OrderError::EmptyId) => ApiError::invalid("blank", "experts", m, "give every expert's id"),
            LogError::TooEarly(_) => {
                ApiError::conflict("too_early_to_reveal", "id", m, "wait for the confidentiality time")
            }
            LogError::AlreadyRevealed(_) => ApiError::conflict("already_revealed", "id", m, READ),
            LogError::RedoRequired { latest } => ApiError::conflict(
                "redo_required",
                "redo_of",
                format!(
                    "同一用人需求（专家使用方、用途、活动日期、项目）已有抽取 {latest}：重新抽取须说明替代哪一次及原因"
                ),
                format!("在请求中加入 \"redo_of\": {{\"draw\": \"{latest}\", \"reason\": \"放弃原抽取的原因\"}}"),
            ),
            LogError::RedoUnknown(d) => ApiError::invalid(
                "redo_unknown",
                "redo_of.draw",
                format!("redo_of 指向的 {d} 并非同一用人需求的抽取"),
                "去掉 redo_of，或核对专家使用方、用途、活动日期和项目是否与原抽取一致",
            ),
            LogError::BlankReason(what) => ApiError::invalid(
                "reason_blank",
                if what == "redo_of" { "redo_of.reason" } else { what },
                "原因不能为空（只有空格也算空）",
                "写明具体原因，它会公开记录在抽取日志中",
            ),
            LogError::Beacon(_) => ApiError::invalid(
                "beacon_invalid",
                "beacon",
                format!("随机信标不符合要求：{m}"),
                "drand 信标由服务自动获取；离线时粘贴该轮的 JSON（round、randomness、signature）；彩票信标填写开奖结果",
            ),
            LogError::Cancelled(_) => {
                ApiError::conflict("cancelled", "id", "该次抽取已取消，不能再通知或记录答复", READ)
            }
            LogError::StandsIn(d, why) => ApiError::invalid(
                "stands_in_for",
                "stands_in_for",
                format!("定向选用不能替代抽取 {d}：{why}"),
                "只能替代同一用人需求中未能满额的抽取；否则填写公开的例外理由 exception",
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
            | LogError::Size(..) => ApiError::internal(m),
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
