//! `expertpool witness`: an independent witness of a draw service's log (C2SP
//! tlog-witness semantics, polling rather than being called). Each round it fetches the
//! signed checkpoint, verifies the log's signature with the pinned key, checks a
//! consistency proof from the last checkpoint it cosigned, and only then cosigns
//! (C2SP cosignature/v1) and submits the cosignature. A fork or a rollback is refused,
//! reported in Chinese, and kept as evidence in the state folder.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, anyhow, bail};
use ed25519_dalek::{SigningKey, VerifyingKey};
use expertpool_draw::{Checkpoint, Hash, cosign};
use expertpool_records::fsio::{WriteMode, create_new, replace};
use serde_json::{Value, json};

use crate::http::{Client, join};
use crate::witness::{
    EVIDENCE_FORMAT, Evidence, Misbehaviour, PinnedLog, ProofRecord, STATE_FORMAT, Seen, Step, WitnessState, compare,
    consistent,
};

/// Exit code when the log misbehaved (fork or rollback): distinct from ordinary errors.
const MISBEHAVIOUR_EXIT: u8 = 2;

const KEY_FILE: &str = "witness.key";
const STATE_FILE: &str = "state.json";

#[derive(clap::Args)]
pub struct Args {
    /// The draw service's address, e.g. https://draws.example.gov.cn (its API is under /api).
    #[arg(long, required_unless_present = "print_key")]
    pub log: Option<String>,
    /// The witness's state folder: its key, the pinned log and the last checkpoint cosigned.
    #[arg(long)]
    pub state: PathBuf,
    /// The log's public key (64 hex digits) to pin instead of trusting the first answer.
    #[arg(long)]
    pub key: Option<PathBuf>,
    /// The witness's name in its cosignatures (needed on the first run), e.g. czj.example.gov.cn/witness.
    #[arg(long)]
    pub name: Option<String>,
    /// One round, then exit (the default).
    #[arg(long, conflicts_with = "every")]
    pub once: bool,
    /// A round every SECS seconds until stopped (or until the log misbehaves).
    #[arg(long, value_name = "SECS")]
    pub every: Option<u64>,
    /// Print the witness's name and public key as a `[[witness]]` table for the service's
    /// configuration (creating the key on first use), and exit.
    #[arg(long)]
    pub print_key: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    std::fs::create_dir_all(&args.state).with_context(|| format!("无法建立状态文件夹 {}", args.state.display()))?;
    let key = witness_key(&args.state)?;
    let state = read_state(&args.state)?;
    let name = witness_name(&args, state.as_ref())?;
    if args.print_key {
        say!("[[witness]]\nname = \"{name}\"\npublic_key = \"{}\"", hex::encode(key.verifying_key().as_bytes()))?;
        if state.is_none() {
            // Keep the name, so that later rounds sign under the name the bureau registered.
            std::fs::write(args.state.join("name"), format!("{name}\n"))
                .with_context(|| format!("无法写入 {}", args.state.join("name").display()))?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    let log = args.log.clone().expect("clap requires --log without --print-key");
    let pinned_key = args.key.as_deref().map(read_log_key).transpose()?;
    let client = Client::new();
    let mut state = state;
    loop {
        match round(&client, &log, &args.state, &name, &key, pinned_key.as_ref(), state.take()) {
            Ok((s, said)) => {
                say!("{said}")?;
                state = Some(s);
            }
            Err(RoundError::Misbehaved(report)) => {
                eprintln!("{report}");
                return Ok(ExitCode::from(MISBEHAVIOUR_EXIT));
            }
            Err(RoundError::Failed(e)) => {
                let Some(secs) = args.every else { return Err(e) };
                eprintln!("见证：本轮未完成，{secs} 秒后重试：{e:#}");
                // The state file is authoritative: a round may have advanced it before failing.
                state = read_state(&args.state)?;
            }
        }
        let Some(secs) = args.every else { return Ok(ExitCode::SUCCESS) };
        std::thread::sleep(Duration::from_secs(secs.max(1)));
    }
}

enum RoundError {
    /// The log misbehaved: the report (evidence already written).
    Misbehaved(String),
    /// Anything else: network, a refused submission…
    Failed(anyhow::Error),
}

/// One round: fetch, verify, compare, prove, cosign, keep, submit.
fn round(
    client: &Client,
    log: &str,
    dir: &Path,
    name: &str,
    key: &SigningKey,
    pinned_key: Option<&VerifyingKey>,
    state: Option<WitnessState>,
) -> Result<(WitnessState, String), RoundError> {
    let fail = RoundError::Failed;
    let mut state = match state {
        Some(s) => s,
        None => first_contact(client, log, name, pinned_key).map_err(fail)?,
    };
    if let Some(k) = pinned_key
        && hex::encode(k.as_bytes()) != state.log.public_key
    {
        return Err(fail(anyhow!(
            "--key 给出的公钥与状态文件夹中已固定的日志公钥不同；如日志确已换用新密钥，请使用新的状态文件夹"
        )));
    }
    let log_key = pinned(&state.log).map_err(fail)?;
    let head = client.get_json(&join(log, "/api/log/head")).map_err(fail)?;
    let note = head
        .get("checkpoint")
        .and_then(Value::as_str)
        .ok_or_else(|| fail(anyhow!("{log}/api/log/head 的应答中没有 checkpoint")))?;
    let cp = Checkpoint::verify(note, &state.log.key_name, &log_key)
        .map_err(|e| fail(anyhow!("{log} 给出的检查点没有日志 {} 的有效签名：{e}", state.log.key_name)))?;
    if cp.origin != state.log.origin {
        return Err(fail(anyhow!("检查点的来源行 {:?} 不是已固定的 {:?}", cp.origin, state.log.origin)));
    }
    let step = match compare(state.last.as_ref(), &cp) {
        Ok(step) => step,
        Err(kind) => return Err(report(dir, &state, kind, &cp, note, None).map_err(fail)?),
    };
    if let Step::Grown { old } = step {
        let url = join(log, &format!("/api/log/proof/consistency?old={old}&new={}", cp.size));
        let proof = client.get_json(&url).and_then(|v| proof_hashes(&v)).map_err(fail)?;
        let last = state.last.as_ref().expect("Grown has a last checkpoint");
        if !consistent(last, &cp, &proof) {
            let record = ProofRecord { old, new: cp.size, proof: proof.iter().map(hex::encode).collect() };
            return Err(report(dir, &state, Misbehaviour::Inconsistent, &cp, note, Some(record)).map_err(fail)?);
        }
    }
    let now = jiff::Timestamp::now().as_second().max(0) as u64;
    let c = cosign(&cp, name, key, now);
    // Kept before it is handed out: a witness never cosigns a tree smaller than one it
    // has already vouched for, even after a crash between the two.
    state.last = Some(Seen::of(&cp, note));
    state.last_cosigned = Some(now);
    write_state(dir, &state).map_err(fail)?;
    let answer = client
        .post_json(&join(log, "/api/log/cosignatures"), &json!({ "size": cp.size, "cosignature": c.line }))
        .map_err(fail)?;
    let said = match answer.status {
        201 => format!("见证：已为 {} 的检查点（{} 条）签署见证，服务已保存。", cp.origin, cp.size),
        200 => format!("见证：{} 的检查点（{} 条）此前已签署见证，服务已有记录。", cp.origin, cp.size),
        403 => {
            return Err(fail(anyhow!(
                "服务拒绝了本见证方的签名：{}\n请把 `expertpool witness --state {} --print-key` 的输出交给服务管理员登记",
                answer.error_text(),
                dir.display()
            )));
        }
        s => return Err(fail(anyhow!("服务未保存见证签名（HTTP {s}）：{}", answer.error_text()))),
    };
    Ok((state, said))
}

/// Learns the log's identity from its key endpoint (or checks it against `--key`).
fn first_contact(
    client: &Client,
    log: &str,
    name: &str,
    pinned_key: Option<&VerifyingKey>,
) -> anyhow::Result<WitnessState> {
    let v = client.get_json(&join(log, "/api/key"))?;
    let field = |k: &str| {
        v.get(k).and_then(Value::as_str).map(str::to_owned).ok_or_else(|| anyhow!("{log}/api/key 的应答中没有 {k}"))
    };
    let public_key = field("public_key")?;
    if let Some(k) = pinned_key
        && hex::encode(k.as_bytes()) != public_key
    {
        bail!("{log} 公布的日志公钥 {public_key} 与 --key 给出的不同：拒绝见证这个日志");
    }
    let log = PinnedLog { url: log.to_owned(), origin: field("origin")?, key_name: field("key_name")?, public_key };
    pinned(&log)?;
    Ok(WitnessState { format: STATE_FORMAT.into(), name: name.to_owned(), log, last: None, last_cosigned: None })
}

fn pinned(log: &PinnedLog) -> anyhow::Result<VerifyingKey> {
    parse_key(&log.public_key).ok_or_else(|| anyhow!("已固定的日志公钥 {:?} 不是 Ed25519 公钥", log.public_key))
}

fn parse_key(hex_text: &str) -> Option<VerifyingKey> {
    let bytes: [u8; 32] = hex::decode(hex_text.trim()).ok()?.try_into().ok()?;
    VerifyingKey::from_bytes(&bytes).ok()
}

fn read_log_key(path: &Path) -> anyhow::Result<VerifyingKey> {
    let text = std::fs::read_to_string(path).with_context(|| format!("无法读取日志公钥文件 {}", path.display()))?;
    parse_key(&text).ok_or_else(|| {
        anyhow!("{} 应当只含日志的 Ed25519 公钥（64 个十六进制数字，即 GET /api/key 的 public_key）", path.display())
    })
}

fn proof_hashes(v: &Value) -> anyhow::Result<Vec<Hash>> {
    let list = v.get("proof").and_then(Value::as_array).ok_or_else(|| anyhow!("一致性证明的应答中没有 proof 列表"))?;
    list.iter()
        .map(|h| {
            h.as_str()
                .and_then(|s| hex::decode(s).ok())
                .and_then(|b| b.try_into().ok())
                .ok_or_else(|| anyhow!("一致性证明中有一项不是 32 字节的十六进制哈希"))
        })
        .collect()
}

/// Writes the evidence file and returns the report for standard error.
fn report(
    dir: &Path,
    state: &WitnessState,
    kind: Misbehaviour,
    cp: &Checkpoint,
    note: &str,
    proof: Option<ProofRecord>,
) -> anyhow::Result<RoundError> {
    let previous = state.last.as_ref().expect("misbehaviour needs a last checkpoint");
    let message = kind.message(&state.log.origin, previous, cp);
    let now = jiff::Timestamp::now();
    let evidence = Evidence {
        format: EVIDENCE_FORMAT,
        kind,
        detected: now.strftime("%Y-%m-%dT%H:%M:%SZ").to_string(),
        message: message.clone(),
        log: &state.log,
        previous,
        current: Seen::of(cp, note),
        consistency_proof: proof,
    };
    let path = dir.join(format!("evidence-{}-{}.json", now.as_second(), kind.code()));
    let text = serde_json::to_string_pretty(&evidence)?;
    replace(&path, text.as_bytes(), WriteMode::Private)
        .with_context(|| format!("无法写入证据文件 {}", path.display()))?;
    Ok(RoundError::Misbehaved(format!(
        "见证：{message}\n拒绝签署见证。两个带签名的检查点{}已作为证据保存在 {}，请交给专家库主管部门和纪检部门。",
        if kind == Misbehaviour::Inconsistent { "和不成立的一致性证明" } else { "" },
        path.display()
    )))
}

/// The witness's signing key, created (from the OS generator, mode 0600) on first use.
fn witness_key(dir: &Path) -> anyhow::Result<SigningKey> {
    let path = dir.join(KEY_FILE);
    if !path.exists() {
        let mut seed = [0u8; 32];
        rand::TryRng::try_fill_bytes(&mut rand::rngs::SysRng, &mut seed)
            .map_err(|e| anyhow!("无法从操作系统取得随机数：{e}"))?;
        create_new(&path, format!("{}\n", hex::encode(seed)).as_bytes(), WriteMode::Private)
            .with_context(|| format!("无法写入见证方密钥 {}", path.display()))?;
    }
    let text = std::fs::read_to_string(&path).with_context(|| format!("无法读取见证方密钥 {}", path.display()))?;
    let seed: [u8; 32] = hex::decode(text.trim())
        .ok()
        .and_then(|v| v.try_into().ok())
        .ok_or_else(|| anyhow!("{} 不是 64 个十六进制数字：请从备份恢复", path.display()))?;
    Ok(SigningKey::from_bytes(&seed))
}

fn read_state(dir: &Path) -> anyhow::Result<Option<WitnessState>> {
    let path = dir.join(STATE_FILE);
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e).with_context(|| format!("无法读取 {}", path.display())),
    };
    let s: WitnessState =
        serde_json::from_str(&text).with_context(|| format!("{} 不是见证方的状态文件", path.display()))?;
    if s.format != STATE_FORMAT {
        bail!("{} 的格式是 {:?}，本程序只认 {STATE_FORMAT}", path.display(), s.format);
    }
    Ok(Some(s))
}

fn write_state(dir: &Path, s: &WitnessState) -> anyhow::Result<()> {
    let path = dir.join(STATE_FILE);
    let text = serde_json::to_string_pretty(s)?;
    replace(&path, text.as_bytes(), WriteMode::Private).with_context(|| format!("无法写入 {}", path.display()))
}

/// The witness's name: from the state, else `--name`, else the one `--print-key` kept.
fn witness_name(args: &Args, state: Option<&WitnessState>) -> anyhow::Result<String> {
    let kept = std::fs::read_to_string(args.state.join("name")).ok().map(|s| s.trim().to_owned());
    let known = state.map(|s| s.name.clone()).or(kept);
    match (&args.name, known) {
        (Some(n), Some(k)) if *n != k => {
            bail!("这个状态文件夹的见证方名称是 {k:?}，不是 --name 给出的 {n:?}；改名须使用新的状态文件夹和密钥")
        }
        (_, Some(k)) => Ok(k),
        (Some(n), None) if valid_name(n) => Ok(n.clone()),
        (Some(n), None) => bail!("见证方名称 {n:?} 不可用：不能含空格或 +，例如 czj.example.gov.cn/witness"),
        (None, None) => bail!("首次运行需要用 --name 指定见证方名称，例如 --name czj.example.gov.cn/witness"),
    }
}

fn valid_name(n: &str) -> bool {
    !n.is_empty() && n.len() <= 200 && !n.chars().any(|c| c.is_whitespace() || c == '+' || c.is_control())
}
