//! Witness cosignatures (C2SP `cosignature/v1`): the witnesses named in the configuration
//! (`[[witness]] name, public_key`) submit their cosignature of a checkpoint; each is
//! verified against the service's own checkpoint of that size before it is kept, in
//! `<data>/cosignatures.jsonl` (append-only, one JSON object a line, `fsync`ed before the
//! answer), and served back: per size, with the cosignature lines appended to the signed
//! note, and as the latest checkpoint each witness cosigned, which the public log file
//! carries under `witnesses` so that a draw page can count the witnesses that vouch for a
//! checkpoint including the draw.

use std::collections::BTreeMap;
use std::fs::{File, OpenOptions};
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use axum::Extension;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use ed25519_dalek::VerifyingKey;
use expertpool_draw::{Checkpoint, Cosignature, cosigner_key_id, verify_cosignature, with_cosignatures};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::body::RawJson;
use crate::error::ApiError;
use crate::service::Service;

/// File name of the kept cosignatures in the data folder.
pub const COSIGNATURES: &str = "cosignatures.jsonl";

/// A cosignature may be dated at most this far past the service's clock (clock skew).
const FUTURE_SLACK_SECS: i64 = 600;

/// One `[[witness]]` table of the configuration.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WitnessEntry {
    /// The witness's key name, as in its cosignature lines.
    pub name: String,
    /// Its Ed25519 public key, 64 hex digits.
    pub public_key: String,
}

impl WitnessEntry {
    fn key(&self) -> Option<VerifyingKey> {
        let bytes: [u8; 32] = hex::decode(&self.public_key).ok()?.try_into().ok()?;
        VerifyingKey::from_bytes(&bytes).ok()
    }
}

/// A note key name: non-empty, no spaces or newlines, no `+` (signed-note).
fn valid_key_name(name: &str) -> bool {
    !name.is_empty() && name.len() <= 200 && !name.chars().any(|c| c.is_whitespace() || c == '+' || c.is_control())
}

/// Checks the `[[witness]]` tables: `(message, fix)` for the first one wrong.
pub(crate) fn check_witnesses(list: &[WitnessEntry]) -> Result<(), (String, String)> {
    let mut seen = std::collections::BTreeSet::new();
    for (i, w) in list.iter().enumerate() {
        if !valid_key_name(&w.name) {
            return Err((
                format!("witness[{i}]: name {:?} is not a key name", w.name),
                "use the witness's name without spaces, e.g. czj.example.gov.cn/witness".into(),
            ));
        }
        if w.key().is_none() {
            return Err((
                format!("witness[{i}] ({}): public_key is not an Ed25519 public key in 64 hex digits", w.name),
                "copy the key that `expertpool witness --state DIR --print-key` prints on the witness's machine".into(),
            ));
        }
        if !seen.insert(w.name.clone()) {
            return Err((
                format!("witness[{i}]: name {:?} appears twice", w.name),
                "keep one table per witness".into(),
            ));
        }
    }
    Ok(())
}

/// One line of the cosignature file: a verified cosignature and the log's checkpoint it
/// signs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeptCosignature {
    /// The witness's key name.
    pub witness: String,
    /// Its public key (hex), as configured when the cosignature was accepted.
    pub public_key: String,
    /// Size of the cosigned checkpoint.
    pub size: u64,
    /// When the witness signed (seconds since the Unix epoch).
    pub timestamp: u64,
    /// When the service accepted it (`YYYY-MM-DDTHH:MM:SSZ`).
    pub received: String,
    /// The signature line, `— <name> <base64>`.
    pub cosignature: String,
    /// The log's signed checkpoint note of that size (without the cosignature).
    pub checkpoint: String,
}

impl KeptCosignature {
    /// The log's note with this cosignature appended.
    pub fn cosigned_note(&self) -> String {
        format!("{}{}\n", self.checkpoint, self.cosignature)
    }
}

/// The kept cosignatures, by size; opened on first use.
pub struct Store {
    path: PathBuf,
    inner: Mutex<Option<Inner>>,
}

struct Inner {
    file: File,
    by_size: BTreeMap<u64, Vec<KeptCosignature>>,
}

/// Reads every complete line of the file (a torn last line, never acknowledged, is left
/// out), oldest first.
pub fn read_all(path: &Path) -> std::io::Result<Vec<KeptCosignature>> {
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(vec![]),
        Err(e) => return Err(e),
    };
    let mut out = Vec::new();
    let mut reader = std::io::BufReader::new(file);
    let mut line = String::new();
    let mut number = 0;
    loop {
        line.clear();
        if reader.read_line(&mut line)? == 0 || !line.ends_with('\n') {
            return Ok(out);
        }
        number += 1;
        let kept: KeptCosignature = serde_json::from_str(&line).map_err(|e| {
            std::io::Error::other(format!("{} line {number}: not a kept cosignature: {e}", path.display()))
        })?;
        out.push(kept);
    }
}

impl Store {
    /// The store of a service (its data folder holds the checkpoint file).
    pub fn for_service(s: &Service) -> Arc<Store> {
        let checkpoints = s.shared.read().unwrap_or_else(|p| p.into_inner()).checkpoints.clone();
        let data = checkpoints.parent().map(Path::to_path_buf).unwrap_or_default();
        Arc::new(Store { path: data.join(COSIGNATURES), inner: Mutex::new(None) })
    }

    fn with<T>(&self, f: impl FnOnce(&mut Inner) -> std::io::Result<T>) -> std::io::Result<T> {
        let mut guard = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        if guard.is_none() {
            let mut opts = OpenOptions::new();
            opts.read(true).append(true).create(true);
            std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
            let file = opts.open(&self.path)?;
            let mut by_size: BTreeMap<u64, Vec<KeptCosignature>> = BTreeMap::new();
            let all = read_all(&self.path)?;
            // A torn last line (a crash mid-append, never acknowledged) is cut off.
            let complete: u64 =
                std::fs::read(&self.path)?.iter().rposition(|b| *b == b'\n').map_or(0, |i| i as u64 + 1);
            if complete < file.metadata()?.len() {
                file.set_len(complete)?;
                file.sync_all()?;
            }
            for k in all {
                by_size.entry(k.size).or_default().push(k);
            }
            *guard = Some(Inner { file, by_size });
        }
        f(guard.as_mut().expect("opened above"))
    }

    /// Keeps `k` durably unless this witness already cosigned this size; true when kept.
    fn keep(&self, k: &KeptCosignature) -> std::io::Result<bool> {
        self.with(|inner| {
            let at = inner.by_size.entry(k.size).or_default();
            if at.iter().any(|x| x.witness == k.witness && x.public_key == k.public_key) {
                return Ok(false);
            }
            let mut line = serde_json::to_vec(k).map_err(std::io::Error::other)?;
            line.push(b'\n');
            let before = inner.file.metadata()?.len();
            if let Err(e) = inner.file.write_all(&line).and_then(|_| inner.file.sync_data()) {
                let _ = inner.file.set_len(before);
                return Err(e);
            }
            at.push(k.clone());
            Ok(true)
        })
    }

    fn at_size(&self, size: u64) -> std::io::Result<Vec<KeptCosignature>> {
        self.with(|inner| Ok(inner.by_size.get(&size).cloned().unwrap_or_default()))
    }

    fn latest(&self, upto: u64) -> std::io::Result<Vec<KeptCosignature>> {
        self.with(|inner| Ok(latest_per_witness(inner.by_size.range(..=upto).flat_map(|(_, v)| v.iter()))))
    }
}

/// The latest (largest size, then newest) cosignature of each witness key, by name.
fn latest_per_witness<'a>(all: impl Iterator<Item = &'a KeptCosignature>) -> Vec<KeptCosignature> {
    let mut best: BTreeMap<(String, String), &KeptCosignature> = BTreeMap::new();
    for k in all {
        let slot = best.entry((k.witness.clone(), k.public_key.clone())).or_insert(k);
        if (k.size, k.timestamp) > (slot.size, slot.timestamp) {
            *slot = k;
        }
    }
    best.into_values().cloned().collect()
}

/// The public log file's `witnesses` section: the latest checkpoint of at most `size`
/// entries that each witness cosigned, read from the data folder.
pub fn export_section(data: &Path, size: u64) -> std::io::Result<Value> {
    let all = read_all(&data.join(COSIGNATURES))?;
    Ok(section(&latest_per_witness(all.iter().filter(|k| k.size <= size))))
}

fn section(latest: &[KeptCosignature]) -> Value {
    Value::Array(
        latest
            .iter()
            .map(|k| {
                json!({
                    "name": k.witness, "public_key": k.public_key, "size": k.size,
                    "timestamp": k.timestamp, "checkpoint": k.cosigned_note(),
                })
            })
            .collect(),
    )
}

/// The body of `POST /api/log/cosignatures`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Submission {
    /// Size of the checkpoint cosigned.
    size: u64,
    /// The cosignature line `— <name> <base64>`.
    cosignature: String,
}

fn io_error(e: std::io::Error) -> ApiError {
    ApiError::new(
        StatusCode::SERVICE_UNAVAILABLE,
        "cosignature_store_failed",
        "",
        format!("见证签名文件无法读写：{e}"),
        "稍后重试；管理员应检查数据文件夹中的 cosignatures.jsonl、磁盘空间和权限",
    )
}

/// The service's checkpoint of `size` entries and its signed note.
fn checkpoint_of(s: &Service, size: u64, field: &str) -> Result<(Checkpoint, String), ApiError> {
    let sh = s.shared.read().unwrap_or_else(|p| p.into_inner());
    let len = sh.log.len();
    if size > len {
        return Err(ApiError::invalid(
            "out_of_range",
            field,
            format!("日志只有 {len} 条，没有 {size} 条的检查点"),
            "用 GET /api/log/head 取得当前的检查点",
        ));
    }
    let root = sh.log.root(size).map_err(ApiError::internal)?;
    let cp = Checkpoint { origin: s.identity.origin.clone(), size, root };
    // Ed25519 signatures are deterministic: this is the note the service published.
    let note = cp.sign(&s.identity.key_name, &s.identity.key);
    Ok((cp, note))
}

/// `POST /api/log/cosignatures`: a witness's cosignature, verified before it is kept.
pub async fn submit(State(s): State<Arc<Service>>, Extension(store): Extension<Arc<Store>>, body: RawJson) -> Response {
    match submit_inner(&s, store, body).await {
        Ok(r) => r,
        Err(e) => e.into_response(),
    }
}

async fn submit_inner(s: &Arc<Service>, store: Arc<Store>, body: RawJson) -> Result<Response, ApiError> {
    let b: Submission = body.decode()?;
    let line = b.cosignature.strip_suffix('\n').unwrap_or(&b.cosignature);
    let name = line.strip_prefix("\u{2014} ").and_then(|r| r.split_once(' ')).map(|(n, _)| n).ok_or_else(|| {
        ApiError::invalid(
            "malformed_cosignature",
            "cosignature",
            "见证签名不是一行 `— <见证方名称> <base64>`",
            "提交见证程序给出的签名行（C2SP cosignature/v1）",
        )
    })?;
    let Some((entry, key)) = s.config.witness.iter().find(|w| w.name == name).and_then(|w| Some((w, w.key()?))) else {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "unknown_witness",
            "cosignature",
            format!("见证方 {name:?} 不在本服务的见证方名单中，签名未保存"),
            "请服务管理员在配置文件中加入 [[witness]] name 和 public_key（见 docs/operations.md）后重启服务",
        ));
    };
    let (cp, note) = checkpoint_of(s, b.size, "size")?;
    let c: Cosignature = verify_cosignature(&cp, line, name, &key).map_err(|e| {
        ApiError::invalid(
            "bad_cosignature",
            "cosignature",
            format!("见证签名与本服务 {} 条的检查点不符：{e}", b.size),
            "见证方看到的检查点与本服务的不同，或使用了未登记的密钥：请见证方核对后重新签署",
        )
    })?;
    let now = s.clock.now().as_second();
    if c.timestamp as i64 > now + FUTURE_SLACK_SECS {
        return Err(ApiError::invalid(
            "cosignature_in_future",
            "cosignature",
            format!("见证签名的时间 {} 晚于服务器时间 {now} 超过 {FUTURE_SLACK_SECS} 秒", c.timestamp),
            "请见证方校准时钟后重新签署",
        ));
    }
    let kept = KeptCosignature {
        witness: c.name.clone(),
        public_key: entry.public_key.to_ascii_lowercase(),
        size: b.size,
        timestamp: c.timestamp,
        received: s.clock.stamp(),
        cosignature: c.line.clone(),
        checkpoint: note,
    };
    let k = kept.clone();
    let fresh =
        tokio::task::spawn_blocking(move || store.keep(&k)).await.map_err(ApiError::internal)?.map_err(io_error)?;
    let status = if fresh { StatusCode::CREATED } else { StatusCode::OK };
    Ok((
        status,
        axum::Json(json!({
            "witness": kept.witness, "size": kept.size, "timestamp": kept.timestamp, "kept": fresh,
            "checkpoint": kept.cosigned_note(),
        })),
    )
        .into_response())
}

/// `GET /api/log/cosignatures?size=N`: the cosignatures of the checkpoint of N entries;
/// without `size`, the latest checkpoint each witness cosigned.
pub async fn list(
    State(s): State<Arc<Service>>,
    Extension(store): Extension<Arc<Store>>,
    RawQuery(q): RawQuery,
) -> Response {
    match list_inner(&s, store, q).await {
        Ok(r) => r,
        Err(e) => e.into_response(),
    }
}

fn parse_size(q: Option<String>) -> Result<Option<u64>, ApiError> {
    let mut size = None;
    for pair in q.unwrap_or_default().split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        if k != "size" {
            return Err(ApiError::bad_request(
                "unknown_parameter",
                k,
                format!("未知的查询参数 `{k}`"),
                "只用 size，例如 ?size=120",
            ));
        }
        size = Some(v.parse::<u64>().map_err(|_| {
            ApiError::bad_request(
                "invalid_parameter",
                "size",
                format!("`size` 应为非负整数，而不是 {v:?}"),
                "给出检查点的条数，例如 ?size=120",
            )
        })?);
    }
    Ok(size)
}

async fn list_inner(s: &Arc<Service>, store: Arc<Store>, q: Option<String>) -> Result<Response, ApiError> {
    let size = parse_size(q)?;
    let len = s.shared.read().unwrap_or_else(|p| p.into_inner()).log.len();
    let witnesses: Vec<Value> = s
        .config
        .witness
        .iter()
        .map(|w| {
            let key_id = w.key().map(|k| hex::encode(cosigner_key_id(&w.name, &k))).unwrap_or_default();
            json!({ "name": w.name, "public_key": w.public_key, "key_id": key_id })
        })
        .collect();
    let body = match size {
        Some(size) => {
            let (cp, note) = checkpoint_of(s, size, "size")?;
            let kept = tokio::task::spawn_blocking(move || store.at_size(size))
                .await
                .map_err(ApiError::internal)?
                .map_err(io_error)?;
            let cosigs: Vec<Cosignature> = kept
                .iter()
                .map(|k| Cosignature { name: k.witness.clone(), timestamp: k.timestamp, line: k.cosignature.clone() })
                .collect();
            json!({
                "origin": cp.origin, "size": size, "root": hex::encode(cp.root),
                "checkpoint": with_cosignatures(&note, &cosigs),
                "cosignatures": kept.iter().map(|k| json!({
                    "witness": k.witness, "public_key": k.public_key, "timestamp": k.timestamp,
                    "received": k.received, "cosignature": k.cosignature,
                })).collect::<Vec<_>>(),
                "witnesses": witnesses,
            })
        }
        None => {
            let latest = tokio::task::spawn_blocking(move || store.latest(len))
                .await
                .map_err(ApiError::internal)?
                .map_err(io_error)?;
            json!({ "origin": s.identity.origin, "size": len, "latest": section(&latest), "witnesses": witnesses })
        }
    };
    Ok((StatusCode::OK, axum::Json(body)).into_response())
}
