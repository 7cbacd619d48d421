//! Fetching a named drand quicknet round (`[beacon] drand_url`): the service takes the
//! round from the beacon itself rather than from a caller, so nobody at the bureau
//! supplies the value. The log checks the round's BLS signature before it is used.
//!
//! Plain HTTP/1.1 over a TCP stream: the one request is a GET of a small JSON object,
//! and a bureau's server reaches drand's HTTPS API through a local relay (or staff paste
//! the round's JSON when there is none).

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use axum::http::StatusCode;
use expertpool_draw::BeaconEvidence;
use expertpool_draw::beacon::QUICKNET_CHAIN_HASH;
use serde_json::Value;

use crate::error::ApiError;
use crate::service::Service;

const TIMEOUT: Duration = Duration::from_secs(10);
const MAX_RESPONSE: u64 = 64 * 1024;

fn unavailable(message: String) -> ApiError {
    ApiError::new(
        StatusCode::BAD_GATEWAY,
        "beacon_unavailable",
        "drand_round",
        message,
        "稍后重试；若服务器无法访问 drand，请从其他渠道取得该轮 JSON（round、randomness、signature）粘贴到 drand_round",
    )
}

/// The round's evidence, fetched from the configured drand server.
pub async fn fetch(s: &Service, round: u64) -> Result<BeaconEvidence, ApiError> {
    let Some(base) = s.config.beacon.drand_url.clone() else {
        return Err(unavailable(format!("本服务未配置 drand 地址（[beacon] drand_url），无法自动获取第 {round} 轮")));
    };
    let lang = expertpool_i18n::current();
    tokio::task::spawn_blocking(move || expertpool_i18n::scoped(lang, || get_round(&base, round)))
        .await
        .map_err(ApiError::internal)?
}

/// `GET {base}/{chain hash}/public/{round}`, read as drand's round JSON.
fn get_round(base: &str, round: u64) -> Result<BeaconEvidence, ApiError> {
    let rest = base.strip_prefix("http://").ok_or_else(|| {
        unavailable(format!("drand_url {base:?} 不是 http:// 地址（请经本地中继访问 drand 的 HTTPS 接口）"))
    })?;
    let (host, prefix) = match rest.find('/') {
        Some(i) => (&rest[..i], rest[i..].trim_end_matches('/')),
        None => (rest, ""),
    };
    let path = format!("{prefix}/{QUICKNET_CHAIN_HASH}/public/{round}");
    let fail = |e: std::io::Error| unavailable(format!("无法连接 drand 服务器 {host}：{e}"));
    let addr = std::net::ToSocketAddrs::to_socket_addrs(host)
        .map_err(fail)?
        .next()
        .ok_or_else(|| unavailable(format!("无法解析 drand 服务器地址 {host}")))?;
    let mut stream = TcpStream::connect_timeout(&addr, TIMEOUT).map_err(fail)?;
    stream.set_read_timeout(Some(TIMEOUT)).map_err(fail)?;
    write!(stream, "GET {path} HTTP/1.0\r\nHost: {host}\r\nAccept: application/json\r\nConnection: close\r\n\r\n")
        .map_err(fail)?;
    let mut raw = Vec::new();
    stream.take(MAX_RESPONSE).read_to_end(&mut raw).map_err(fail)?;
    let text = String::from_utf8_lossy(&raw);
    let (head, body) = text.split_once("\r\n\r\n").ok_or_else(|| unavailable("drand 服务器的应答不完整".into()))?;
    let status = head.split(' ').nth(1).unwrap_or("");
    if status == "404" || status == "425" {
        return Err(ApiError::conflict(
            "beacon_not_yet",
            "id",
            format!("drand 第 {round} 轮尚未产生，现在不能抽取"),
            "等该轮产生后再运行",
        ));
    }
    if status != "200" {
        return Err(unavailable(format!("drand 服务器对第 {round} 轮的应答状态为 {status}")));
    }
    let v: Value = serde_json::from_str(body.trim()).map_err(|e| unavailable(format!("drand 应答不是 JSON：{e}")))?;
    let got = v.get("round").and_then(Value::as_u64);
    let sig = v.get("signature").and_then(Value::as_str);
    match (got, sig) {
        (Some(r), Some(sig)) if r == round => Ok(BeaconEvidence::Drand { round, signature: sig.to_ascii_lowercase() }),
        _ => Err(unavailable(format!("drand 应答不是第 {round} 轮的 round 与 signature"))),
    }
}
