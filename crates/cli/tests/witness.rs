//! `expertpool witness` and `expertpool verify URL` against real draw services on
//! 127.0.0.1 (`expertpool drawd` child processes): the witness cosigns, the service serves
//! the cosignature, a later round after more entries checks consistency; a forked log
//! (two services with one key, same size, different roots; or a consistency proof that
//! fails) and a rolled-back log (a service restored from an older copy) are refused, with
//! both signed checkpoints as evidence in the state folder.

mod common;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

use common::{repo, text};
use ed25519_dalek::VerifyingKey;
use expertpool_draw::{Checkpoint, verify_cosignature};
use serde_json::{Value, json};

const FIXTURE: &str = "crates/drawd/tests/fixtures/instance";
const WITNESS: &str = "czj.example.gov.cn/witness";

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_expertpool"));
    c.current_dir(repo());
    c
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("run expertpool")
}

fn has_han(s: &str) -> bool {
    s.chars().any(|c| matches!(c, '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}'))
}

/// The summary `verify` prints before the list of every check.
fn summary_of(said: &str) -> &str {
    said.split("\n[").next().unwrap_or(said)
}

/// The line of the check `name` in `verify`'s list.
fn check_line<'a>(said: &'a str, name: &str) -> &'a str {
    said.lines().find(|l| l.contains(&format!("] {name} "))).unwrap_or("")
}

fn arg(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// A draw service on a free loopback port, stopped when dropped.
struct Drawd {
    child: Child,
    url: String,
}

impl Drawd {
    fn start(config: &Path, data: &Path) -> Drawd {
        let content = repo().join(FIXTURE);
        let mut child = bin()
            .args(["drawd", "--config", arg(config), "--data", arg(data), "--content", arg(&content)])
            .args(["--listen", "127.0.0.1:0"])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start drawd");
        let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
        let url = loop {
            let line = lines.next().expect("drawd printed its address").unwrap();
            if let Some(rest) = line.split("listening on ").nth(1) {
                break rest.trim_end_matches("/api").to_owned();
            }
        };
        // Keep draining standard error so the service never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        Drawd { child, url }
    }

    fn stop(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    fn get(&self, path: &str) -> Value {
        let mut r = ureq::get(&format!("{}{path}", self.url)).call().unwrap();
        serde_json::from_str(&r.body_mut().read_to_string().unwrap()).unwrap()
    }

    /// Commits a new draw (one entry) and returns its id.
    fn create(&self, token: &str) -> String {
        let event = (jiff::Timestamp::now() + jiff::SignedDuration::from_hours(20 * 24)).strftime("%Y-%m-%d");
        // Each call is a new request (its own project), so the service never takes it for a
        // silent re-draw of the previous one.
        static PROJECTS: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let project = format!("见证测试项目{}", PROJECTS.fetch_add(1, std::sync::atomic::Ordering::SeqCst));
        let body = json!({"pool": "zhineng", "purpose": "见证测试", "specialty": "ZZ-01", "count": 2,
            "using_unit": "市技能人才评价中心", "work_content": "职业技能等级认定考评", "project": project,
            "event_date": event.to_string()});
        let mut r = ureq::post(&format!("{}/api/draws", self.url))
            .header("Authorization", &format!("Bearer {token}"))
            .header("Content-Type", "application/json")
            .send(body.to_string())
            .unwrap();
        let v: Value = serde_json::from_str(&r.body_mut().read_to_string().unwrap()).unwrap();
        v["id"].as_str().expect("created").to_owned()
    }

    fn size(&self) -> u64 {
        self.get("/api/log/head")["size"].as_u64().unwrap()
    }
}

impl Drop for Drawd {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct World {
    _dir: tempfile::TempDir,
    root: PathBuf,
    config: PathBuf,
    token: String,
    /// The witness's `[[witness]]` table, as `--print-key` gave it.
    witness_table: String,
}

impl World {
    /// A configuration with an operator and the witness of `state` (whose key is made here).
    fn new(state: &Path) -> World {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().to_path_buf();
        let config = root.join("drawd.toml");
        let token = expertpool_drawd::add_token(
            &config,
            "clerk.wang",
            expertpool_drawd::Role::Operator,
            "2026-01-01T00:00:00Z",
        )
        .unwrap();
        let out = run(&["witness", "--state", arg(state), "--name", WITNESS, "--print-key"]);
        assert!(out.status.success(), "{}", text(&out.stderr));
        let witness_table = text(&out.stdout);
        assert!(witness_table.contains(&format!("name = \"{WITNESS}\"")), "{witness_table}");
        let mut cfg = std::fs::read_to_string(&config).unwrap();
        cfg.push('\n');
        cfg.push_str(&witness_table);
        std::fs::write(&config, cfg).unwrap();
        World { _dir: dir, root, config, token, witness_table }
    }

    fn witness_key(&self) -> VerifyingKey {
        let hex_key = self.witness_table.split("public_key = \"").nth(1).unwrap().split('"').next().unwrap();
        VerifyingKey::from_bytes(&hex::decode(hex_key).unwrap().try_into().unwrap()).unwrap()
    }
}

fn witness(log: &Drawd, state: &Path) -> Output {
    run(&["witness", "--log", &log.url, "--state", arg(state), "--once"])
}

/// A copy of a (stopped) service's data folder.
fn copy_data(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_file() {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

/// A second state folder with the same witness key and name (and nothing cosigned yet).
fn same_witness(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for f in ["witness.key", "name"] {
        std::fs::copy(from.join(f), to.join(f)).unwrap();
    }
}

fn state(dir: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(dir.join("state.json")).unwrap()).unwrap()
}

/// The one evidence file of `kind` in `dir`.
fn evidence(dir: &Path, kind: &str) -> Value {
    let files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_str().unwrap().ends_with(&format!("-{kind}.json")))
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    serde_json::from_str(&std::fs::read_to_string(&files[0]).unwrap()).unwrap()
}

/// Both checkpoints in the evidence verify with the log's key, and differ as `kind` says.
fn assert_signed_evidence(e: &Value, log_key: &Value) {
    let pk: [u8; 32] = hex::decode(log_key["public_key"].as_str().unwrap()).unwrap().try_into().unwrap();
    let vk = VerifyingKey::from_bytes(&pk).unwrap();
    let name = log_key["key_name"].as_str().unwrap();
    for side in ["previous", "current"] {
        let note = e[side]["checkpoint"].as_str().unwrap();
        let cp = Checkpoint::verify(note, name, &vk).unwrap_or_else(|err| panic!("{side}: {err}"));
        assert_eq!(cp.size, e[side]["size"].as_u64().unwrap());
        assert_eq!(hex::encode(cp.root), e[side]["root"].as_str().unwrap());
    }
}

#[test]
fn the_witness_cosigns_checks_consistency_and_the_service_serves_its_cosignature() {
    let states = tempfile::tempdir().unwrap();
    let w = states.path().join("w");
    let world = World::new(&w);
    let a = Drawd::start(&world.config, &world.root.join("a"));
    let first = a.create(&world.token);

    let out = witness(&a, &w);
    assert!(out.status.success(), "{}{}", text(&out.stdout), text(&out.stderr));
    assert!(text(&out.stdout).contains("已为"), "{}", text(&out.stdout));
    let size1 = a.size();
    assert_eq!(state(&w)["last"]["size"], size1);
    // The service serves it, and it verifies with the witness's key.
    let v = a.get(&format!("/api/log/cosignatures?size={size1}"));
    assert_eq!(v["cosignatures"][0]["witness"], WITNESS, "{v}");
    let note = v["checkpoint"].as_str().unwrap();
    let key = a.get("/api/key");
    let cp = Checkpoint::verify(
        note,
        key["key_name"].as_str().unwrap(),
        &VerifyingKey::from_bytes(&hex::decode(key["public_key"].as_str().unwrap()).unwrap().try_into().unwrap())
            .unwrap(),
    )
    .unwrap();
    let line = expertpool_draw::signature_lines(note)[1];
    assert!(verify_cosignature(&cp, line, WITNESS, &world.witness_key()).is_ok(), "{note}");

    // More entries: the second round proves consistency from the last size and cosigns.
    let second = a.create(&world.token);
    a.create(&world.token);
    let out = witness(&a, &w);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let size2 = a.size();
    assert!(size2 > size1);
    assert_eq!(state(&w)["last"]["size"], size2);
    let latest = a.get("/api/log/cosignatures");
    assert_eq!(latest["latest"][0]["size"], size2, "{latest}");
    // An unchanged log is cosigned again without complaint.
    assert!(witness(&a, &w).status.success());

    // `verify URL`: the whole log, with the witness counted, in Chinese and in English.
    let out = run(&["verify", &a.url]);
    let said = text(&out.stdout);
    assert!(out.status.success(), "{said}");
    assert!(said.starts_with("核验结果：通过"), "{said}");
    assert!(said.contains("见证：1 个见证方的签名有效，其中 1 个签署了覆盖全部记录的检查点"), "{said}");
    assert!(said.contains("[ok  ] witness[0]"), "{said}");
    assert!(check_line(&said, "witness[0]").contains(&format!("{WITNESS} 于 ")), "{said}");
    let out = run(&["verify", &format!("{}/api/log/export", a.url), "--lang", "en"]);
    let said = text(&out.stdout);
    assert!(said.starts_with("Verdict: PASSED"), "{said}");
    assert!(said.contains("Witnesses: 1 valid cosignature, 1 of a checkpoint covering every entry"), "{said}");
    assert!(check_line(&said, "witness[0]").contains(&format!("{WITNESS} cosigned size 3 at ")), "{said}");
    assert!(!has_han(summary_of(&said)), "the English summary holds no Chinese: {said}");

    // `--draw`: only that draw's entries, their inclusion, and the witnesses covering it.
    let out = run(&["verify", &a.url, "--draw", &first]);
    let said = text(&out.stdout);
    assert!(out.status.success(), "{said}");
    assert!(said.starts_with(&format!("抽取 {first} 的核验结果：通过")), "{said}");
    assert!(said.contains("包含证明：全部记录都包含在最新的签名检查点"), "{said}");
    assert!(said.contains(&format!("见证：1 个见证方（{WITNESS}）签署了包含本次抽取全部记录的检查点")), "{said}");
    assert!(said.contains("[ok  ] inclusion[0]"), "{said}");
    assert!(!said.contains(&format!("draw={second}")), "other draws' entries are left out: {said}");
    let out = run(&["verify", &a.url, "--draw", &second, "--lang", "en"]);
    let said = text(&out.stdout);
    assert!(said.starts_with(&format!("Draw {second}: PASSED")), "{said}");
    assert!(said.contains("Inclusion: every entry is in the latest signed checkpoint"), "{said}");
    assert!(!has_han(summary_of(&said)), "the English summary holds no Chinese: {said}");
    let out = run(&["verify", &a.url, "--draw", "no-such-draw"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("日志中没有抽取 no-such-draw"), "{}", text(&out.stderr));
    let out = run(&["verify", &a.url, "--draw", "no-such-draw", "--lang", "en"]);
    assert!(text(&out.stderr).contains("the log has no entry of draw no-such-draw"), "{}", text(&out.stderr));
    a.stop();
}

#[test]
fn a_forked_log_is_refused_with_both_checkpoints_as_evidence() {
    let states = tempfile::tempdir().unwrap();
    let (w, w2) = (states.path().join("w"), states.path().join("w2"));
    let world = World::new(&w);
    same_witness(&w, &w2);
    let (data_a, data_b) = (world.root.join("a"), world.root.join("b"));
    let a = Drawd::start(&world.config, &data_a);
    a.create(&world.token);
    a.stop();
    // Two services with one signing key and one history, which then diverge.
    copy_data(&data_a, &data_b);
    let a = Drawd::start(&world.config, &data_a);
    let b = Drawd::start(&world.config, &data_b);
    a.create(&world.token);
    b.create(&world.token);
    assert_eq!(a.size(), b.size());
    assert!(witness(&a, &w).status.success());
    assert!(witness(&a, &w2).status.success());
    let before = state(&w);

    // Same size, another root: refused, reported in Chinese, evidence kept, state unchanged.
    let out = witness(&b, &w);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    let err = text(&out.stderr);
    assert!(err.contains("出现分叉") && err.contains("拒绝签署见证"), "{err}");
    let e = evidence(&w, "fork");
    assert_eq!(e["previous"]["size"], e["current"]["size"]);
    assert_ne!(e["previous"]["root"], e["current"]["root"]);
    assert_signed_evidence(&e, &a.get("/api/key"));
    assert_eq!(state(&w), before, "a refused checkpoint is not remembered");
    assert_eq!(b.get(&format!("/api/log/cosignatures?size={}", b.size()))["cosignatures"], json!([]));

    // A larger tree whose consistency proof from the cosigned one fails.
    b.create(&world.token);
    let out = witness(&b, &w2);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("一致性证明不成立"), "{}", text(&out.stderr));
    let e = evidence(&w2, "inconsistent");
    assert!(e["current"]["size"].as_u64() > e["previous"]["size"].as_u64());
    assert_eq!(e["consistency_proof"]["old"], e["previous"]["size"]);
    assert!(!e["consistency_proof"]["proof"].as_array().unwrap().is_empty());
    assert_signed_evidence(&e, &b.get("/api/key"));
}

#[test]
fn a_rolled_back_log_is_refused_with_both_checkpoints_as_evidence() {
    let states = tempfile::tempdir().unwrap();
    let w = states.path().join("w");
    let world = World::new(&w);
    let (data, old) = (world.root.join("a"), world.root.join("old"));
    let a = Drawd::start(&world.config, &data);
    a.create(&world.token);
    a.stop();
    copy_data(&data, &old);
    let a = Drawd::start(&world.config, &data);
    a.create(&world.token);
    a.create(&world.token);
    assert!(witness(&a, &w).status.success());
    let seen = a.size();
    a.stop();
    // The service comes back from the older copy: fewer entries than the witness vouched for.
    let restored = Drawd::start(&world.config, &old);
    assert!(restored.size() < seen);
    let out = witness(&restored, &w);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    let err = text(&out.stderr);
    assert!(err.contains("出现回滚") && err.contains(&format!("{seen} 条")), "{err}");
    let e = evidence(&w, "rollback");
    assert_eq!(e["previous"]["size"], seen);
    assert!(e["current"]["size"].as_u64().unwrap() < seen);
    assert_signed_evidence(&e, &restored.get("/api/key"));
}

#[test]
fn a_witness_the_service_does_not_know_is_refused_and_told_how_to_register() {
    let states = tempfile::tempdir().unwrap();
    let world = World::new(&states.path().join("w"));
    let a = Drawd::start(&world.config, &world.root.join("a"));
    a.create(&world.token);
    let stranger = states.path().join("stranger");
    let out = run(&["witness", "--log", &a.url, "--state", arg(&stranger), "--name", "stranger.example/w", "--once"]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("服务拒绝了本见证方的签名") && err.contains("--print-key"), "{err}");
    assert_eq!(a.get(&format!("/api/log/cosignatures?size={}", a.size()))["cosignatures"], json!([]));
    // A log key given with --key that is not the log's: refused before anything is signed.
    let key_file = states.path().join("log.pub");
    let other_log = ed25519_dalek::SigningKey::from_bytes(&[7u8; 32]).verifying_key();
    std::fs::write(&key_file, format!("{}\n", hex::encode(other_log.as_bytes()))).unwrap();
    let pinned = states.path().join("pinned");
    let out = run(&["witness", "--log", &a.url, "--state", arg(&pinned), "--name", WITNESS, "--key", arg(&key_file)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("与 --key 给出的不同"), "{}", text(&out.stderr));
    assert!(!pinned.join("state.json").exists());
}

/// Every command that writes to standard output ends quietly when its reader has gone.
#[test]
fn commands_end_quietly_when_their_reader_has_gone() {
    let states = tempfile::tempdir().unwrap();
    let state = states.path().join("w");
    let log = "crates/draw/tests/vectors/logs/log-ok.json";
    let v: Value = serde_json::from_str(&std::fs::read_to_string(repo().join(log)).unwrap()).unwrap();
    let draw = v["entries"][0]["draw"].as_str().unwrap().to_owned();
    let cases: Vec<Vec<&str>> = vec![
        vec!["verify", log, "--draw", &draw],
        vec!["verify", log, "--lang", "en"],
        vec!["witness", "--state", arg(&state), "--name", WITNESS, "--print-key"],
    ];
    for args in cases {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let out = bin().args(&args).stdout(writer).stderr(Stdio::piped()).output().unwrap();
        let err = text(&out.stderr);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert!(out.status.success(), "{args:?}: {:?} {err}", out.status);
    }
}

/// `--draw` on a tampered vector log names the failing entry of that draw, in Chinese.
#[test]
fn verify_draw_names_the_failing_entry() {
    let log = "crates/draw/tests/vectors/logs/tampered-called-out-of-order.json";
    let v: Value = serde_json::from_str(&std::fs::read_to_string(repo().join(log)).unwrap()).unwrap();
    let report = expertpool_draw::verify_log(&v.to_string());
    let (at, check) = report.failures().into_iter().next().map(|(i, c)| (i.unwrap(), c.name.clone())).unwrap();
    let draw = report.entries[at].draw.clone();
    let out = run(&["verify", log, "--draw", &draw]);
    assert_eq!(out.status.code(), Some(1));
    let said = text(&out.stdout);
    assert!(said.starts_with(&format!("抽取 {draw} 的核验结果：未通过")), "{said}");
    assert!(said.contains(&format!("第 {} 条记录（序号 {at}，", at + 1)), "{said}");
    assert_eq!(check, "called_in_order");
    assert!(said.contains("「通知顺序」检查未通过"), "{said}");
    let out = run(&["verify", log, "--draw", &draw, "--lang", "en"]);
    assert!(text(&out.stdout).contains(&format!("entry {} (seq {at}", at + 1)), "{}", text(&out.stdout));
}
