//! A JSON body extractor whose every rejection is an [`ApiError`] naming the field at
//! fault: axum's own `Json` answers in plain text and loses the field path.

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::{StatusCode, header};
use expertpool_i18n::t;
use serde::de::DeserializeOwned;

use crate::error::ApiError;

/// A request body read as bytes, for handlers that must check the caller's token
/// before looking at the body: [`RawJson::decode`] then parses it.
pub struct RawJson {
    bytes: Bytes,
    json_type: Option<bool>,
}

impl<S: Send + Sync> FromRequest<S> for RawJson {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        let json_type = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(|v| v.split(';').next().unwrap_or("").trim().eq_ignore_ascii_case("application/json"));
        let bytes = Bytes::from_request(req, state).await.map_err(|e| {
            if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                ApiError::new(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    "body_too_large",
                    "",
                    t!("drawd-body-too-large"),
                    t!("drawd-body-too-large-fix"),
                )
            } else {
                ApiError::bad_request(
                    "unreadable_body",
                    "",
                    t!("drawd-body-unreadable", detail = e),
                    t!("drawd-body-unreadable-fix"),
                )
            }
        })?;
        Ok(RawJson { bytes, json_type })
    }
}

impl RawJson {
    /// Parses the body into `T` (which should deny unknown fields). An empty body
    /// parses as `{}`, so endpoints whose fields are all optional need none.
    pub fn decode<T: DeserializeOwned>(&self) -> Result<T, ApiError> {
        if !self.bytes.iter().all(u8::is_ascii_whitespace) && self.json_type != Some(true) {
            return Err(ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "not_json",
                "Content-Type",
                t!("drawd-not-json"),
                t!("drawd-not-json-fix"),
            ));
        }
        let text: &[u8] = if self.bytes.iter().all(u8::is_ascii_whitespace) { b"{}" } else { &self.bytes };
        parse(text)
    }
}

/// Deserialises `text`, turning serde's message into a field path and a fix.
pub fn parse<T: DeserializeOwned>(text: &[u8]) -> Result<T, ApiError> {
    let de = &mut serde_json::Deserializer::from_slice(text);
    let value = decode_value(de)?;
    // Exactly one JSON value: `{…}}}garbage` or two objects in a row would otherwise be
    // read as the first and the rest ignored, so a client's mistake went unnoticed.
    de.end().map_err(|e| {
        ApiError::bad_request("trailing_data", "", t!("drawd-trailing-data", detail = e), t!("drawd-trailing-data-fix"))
    })?;
    Ok(value)
}

fn decode_value<'de, T: DeserializeOwned>(
    de: &mut serde_json::Deserializer<serde_json::de::SliceRead<'de>>,
) -> Result<T, ApiError> {
    serde_path_to_error::deserialize(de).map_err(|err| {
        let path = err.path().to_string();
        let inner = err.into_inner();
        let msg = inner.to_string();
        let at = |p: &str| if p == "." { String::new() } else { p.to_owned() };
        if let Some(name) = between(&msg, "unknown field `", "`") {
            let field = if at(&path).is_empty() {
                name.to_owned()
            } else if path == name || path.ends_with(&format!(".{name}")) {
                path.clone()
            } else {
                format!("{path}.{name}")
            };
            let expected = msg
                .split_once(", expected")
                .map(|(_, e)| format!("expected{}", e.split(" at line").next().unwrap_or(e)));
            return ApiError::bad_request(
                "unknown_field",
                field,
                t!("drawd-unknown-field", name = name),
                t!(
                    "drawd-unknown-field-fix",
                    expected = expected.unwrap_or_else(|| t!("drawd-unknown-field-see-docs"))
                ),
            );
        }
        if let Some(name) = between(&msg, "missing field `", "`") {
            let field = if at(&path).is_empty() { name.to_owned() } else { format!("{path}.{name}") };
            return ApiError::bad_request(
                "missing_field",
                field,
                t!("drawd-missing-field", name = name),
                t!("drawd-missing-field-fix"),
            );
        }
        match inner.classify() {
            serde_json::error::Category::Data => {
                let detail = msg.split(" at line").next().unwrap_or(&msg).to_owned();
                ApiError::bad_request(
                    "invalid_value",
                    at(&path),
                    t!("drawd-invalid-value", detail = detail),
                    t!("drawd-invalid-value-fix"),
                )
            }
            _ => ApiError::bad_request(
                "malformed_json",
                at(&path),
                t!("drawd-malformed-json", detail = msg),
                t!("drawd-malformed-json-fix"),
            ),
        }
    })
}

fn between<'a>(s: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let rest = &s[s.find(start)? + start.len()..];
    Some(&rest[..rest.find(end)?])
}
