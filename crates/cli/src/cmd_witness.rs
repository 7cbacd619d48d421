//! `expertpool witness`: an independent witness of a draw service's log (C2SP
//! tlog-witness semantics, polling rather than being called). Each round it fetches the
//! signed checkpoint, verifies the log's signature with the pinned key, checks a
//! consistency proof from the last checkpoint it cosigned, and only then cosigns
//! (C2SP cosignature/v1) and submits the cosignature. A fork or a rollback is refused,
//! reported, and kept as evidence in the state folder.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, anyhow, bail};
use ed25519_dalek::{SigningKey, VerifyingKey};
use expertpool_draw::{Checkpoint, Hash, cosign};
use expertpool_i18n::t;
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
    #[arg(long, required_unless_present = "print_key")]
    pub log: Option<String>,
    #[arg(long)]
    pub state: PathBuf,
    #[arg(long)]
    pub key: Option<PathBuf>,
    #[arg(long)]
    pub name: Option<String>,
    #[arg(long, conflicts_with = "every")]
    pub once: bool,
    #[arg(long, value_name = "SECS")]
    pub every: Option<u64>,
    #[arg(long)]
    pub print_key: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    std::fs::create_dir_all(&args.state)
        .with_context(|| t!("cli-witness-state-dir-failed", path = args.state.display()))?;
    let key = witness_key(&args.state)?;
    let state = read_state(&args.state)?;
    let name = witness_name(&args, state.as_ref())?;
    if args.print_key {
        say!("[[witness]]\nname = \"{name}\"\npublic_key = \"{}\"", hex::encode(key.verifying_key().as_bytes()))?;
        if state.is_none() {
            // Keep the name, so that later rounds sign under the name the bureau registered.
            std::fs::write(args.state.join("name"), format!("{name}\n"))
                .with_context(|| t!("cli-witness-write-failed", path = args.state.join("name").display()))?;
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
                eprintln!("{}", t!("cli-witness-retry", secs = secs, error = format!("{e:#}")));
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
        return Err(fail(anyhow!(t!("cli-witness-key-differs-from-state"))));
    }
    let log_key = pinned(&state.log).map_err(fail)?;
    let head = client.get_json(&join(log, "/api/log/head")).map_err(fail)?;
    let note = head
        .get("checkpoint")
        .and_then(Value::as_str)
        .ok_or_else(|| fail(anyhow!(t!("cli-witness-head-no-checkpoint", log = log))))?;
    let cp = Checkpoint::verify(note, &state.log.key_name, &log_key).map_err(|e| {
        fail(anyhow!(t!("cli-witness-bad-log-signature", log = log, key_name = state.log.key_name, error = e)))
    })?;
    if cp.origin != state.log.origin {
        return Err(fail(anyhow!(t!(
            "cli-witness-origin-differs",
            origin = format!("{:?}", cp.origin),
            pinned = format!("{:?}", state.log.origin)
        ))));
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
        201 => t!("cli-witness-cosigned", origin = cp.origin, size = cp.size),
        200 => t!("cli-witness-already-cosigned", origin = cp.origin, size = cp.size),
        403 => {
            return Err(fail(anyhow!(t!("cli-witness-refused", detail = answer.error_text(), state = dir.display()))));
        }
        s => return Err(fail(anyhow!(t!("cli-witness-not-saved", status = s, detail = answer.error_text())))),
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
        v.get(k)
            .and_then(Value::as_str)
            .map(str::to_owned)
            .ok_or_else(|| anyhow!(t!("cli-witness-key-answer-missing", log = log, field = k)))
    };
    let public_key = field("public_key")?;
    if let Some(k) = pinned_key
        && hex::encode(k.as_bytes()) != public_key
    {
        bail!(t!("cli-witness-published-key-differs", log = log, key = public_key));
    }
    let log = PinnedLog { url: log.to_owned(), origin: field("origin")?, key_name: field("key_name")?, public_key };
    pinned(&log)?;
    Ok(WitnessState { format: STATE_FORMAT.into(), name: name.to_owned(), log, last: None, last_cosigned: None })
}

fn pinned(log: &PinnedLog) -> anyhow::Result<VerifyingKey> {
    parse_key(&log.public_key)
        .ok_or_else(|| anyhow!(t!("cli-witness-pinned-key-invalid", key = format!("{:?}", log.public_key))))
}

fn parse_key(hex_text: &str) -> Option<VerifyingKey> {
    let bytes: [u8; 32] = hex::decode(hex_text.trim()).ok()?.try_into().ok()?;
    VerifyingKey::from_bytes(&bytes).ok()
}

fn read_log_key(path: &Path) -> anyhow::Result<VerifyingKey> {
    let text =
        std::fs::read_to_string(path).with_context(|| t!("cli-witness-log-key-read-failed", path = path.display()))?;
    parse_key(&text).ok_or_else(|| anyhow!(t!("cli-witness-log-key-invalid", path = path.display())))
}

fn proof_hashes(v: &Value) -> anyhow::Result<Vec<Hash>> {
    let list = v.get("proof").and_then(Value::as_array).ok_or_else(|| anyhow!(t!("cli-witness-proof-missing")))?;
    list.iter()
        .map(|h| {
            h.as_str()
                .and_then(|s| hex::decode(s).ok())
                .and_then(|b| b.try_into().ok())
                .ok_or_else(|| anyhow!(t!("cli-witness-proof-bad-hash")))
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
        .with_context(|| t!("cli-witness-evidence-write-failed", path = path.display()))?;
    Ok(RoundError::Misbehaved(if kind == Misbehaviour::Inconsistent {
        t!("cli-witness-misbehaved-proof", message = message, path = path.display())
    } else {
        t!("cli-witness-misbehaved", message = message, path = path.display())
    }))
}

/// The witness's signing key, created (from the OS generator, mode 0600) on first use.
fn witness_key(dir: &Path) -> anyhow::Result<SigningKey> {
    let path = dir.join(KEY_FILE);
    if !path.exists() {
        let mut seed = [0u8; 32];
        rand::TryRng::try_fill_bytes(&mut rand::rngs::SysRng, &mut seed)
            .map_err(|e| anyhow!(t!("cli-witness-no-randomness", error = e)))?;
        create_new(&path, format!("{}\n", hex::encode(seed)).as_bytes(), WriteMode::Private)
            .with_context(|| t!("cli-witness-key-write-failed", path = path.display()))?;
    }
    let text =
        std::fs::read_to_string(&path).with_context(|| t!("cli-witness-key-read-failed", path = path.display()))?;
    let seed: [u8; 32] = hex::decode(text.trim())
        .ok()
        .and_then(|v| v.try_into().ok())
        .ok_or_else(|| anyhow!(t!("cli-witness-key-invalid", path = path.display())))?;
    Ok(SigningKey::from_bytes(&seed))
}

fn read_state(dir: &Path) -> anyhow::Result<Option<WitnessState>> {
    let path = dir.join(STATE_FILE);
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e).with_context(|| t!("cli-witness-read-failed", path = path.display())),
    };
    let s: WitnessState =
        serde_json::from_str(&text).with_context(|| t!("cli-witness-not-state", path = path.display()))?;
    if s.format != STATE_FORMAT {
        bail!(t!(
            "cli-witness-state-format",
            path = path.display(),
            found = format!("{:?}", s.format),
            expected = STATE_FORMAT
        ));
    }
    Ok(Some(s))
}

fn write_state(dir: &Path, s: &WitnessState) -> anyhow::Result<()> {
    let path = dir.join(STATE_FILE);
    let text = serde_json::to_string_pretty(s)?;
    replace(&path, text.as_bytes(), WriteMode::Private)
        .with_context(|| t!("cli-witness-write-failed", path = path.display()))
}

/// The witness's name: from the state, else `--name`, else the one `--print-key` kept.
fn witness_name(args: &Args, state: Option<&WitnessState>) -> anyhow::Result<String> {
    let kept = std::fs::read_to_string(args.state.join("name")).ok().map(|s| s.trim().to_owned());
    let known = state.map(|s| s.name.clone()).or(kept);
    match (&args.name, known) {
        (Some(n), Some(k)) if *n != k => {
            bail!(t!("cli-witness-name-differs", kept = format!("{k:?}"), given = format!("{n:?}")))
        }
        (_, Some(k)) => Ok(k),
        (Some(n), None) if valid_name(n) => Ok(n.clone()),
        (Some(n), None) => bail!(t!("cli-witness-name-invalid", name = format!("{n:?}"))),
        (None, None) => bail!(t!("cli-witness-name-needed")),
    }
}

fn valid_name(n: &str) -> bool {
    !n.is_empty() && n.len() <= 200 && !n.chars().any(|c| c.is_whitespace() || c == '+' || c.is_control())
}
