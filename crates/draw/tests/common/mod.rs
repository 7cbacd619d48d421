//! Test-vector generation shared by the test suites. Everything is derived
//! from fixed labels, so regenerating gives byte-identical files.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::PathBuf;

use ed25519_dalek::SigningKey;
use expertpool_draw::beacon;
use expertpool_draw::encoding::{Hash, tagged_hash, to_hex};
use expertpool_draw::*;
use jiff::civil::date;
use serde_json::{Value, json};

pub const ORIGIN: &str = "hrss.example.gov.cn/expertpool/draw-log";
pub const KEY_NAME: &str = "hrss.example.gov.cn/expertpool";

pub fn bytes(label: &str) -> Hash {
    tagged_hash("test-vector", [label.as_bytes()])
}

pub fn signing_key() -> SigningKey {
    SigningKey::from_bytes(&bytes("signing key"))
}

pub fn vectors_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/vectors")
}

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn cand(id: &str, specs: &[&str], level: u32) -> Candidate {
    Candidate {
        id: id.into(),
        specialties: specs.iter().map(|s| s.to_string()).collect(),
        level,
        appointment_start: date(2025, 1, 1),
        appointment_end: date(2027, 12, 31),
        active: true,
        units: vec![],
        employment: vec![],
        collaborations: vec![],
        relations: vec![],
    }
}

/// A small pool exercising every reason code.
pub fn pool() -> Vec<Candidate> {
    let mut v = Vec::new();
    for (i, id) in
        ["E001", "E002", "E003", "E004", "E005", "E006", "E007", "专家-甲", "专家-乙", "Zoë"].iter().enumerate()
    {
        let mut c = cand(id, &["6-29", "4-07"], 2 + (i as u32 % 3));
        c.units = vec![format!("unit-{}", i % 4)];
        v.push(c);
    }
    let mut x = cand("X-inactive", &["6-29"], 4);
    x.active = false;
    v.push(x);
    let mut x = cand("X-expired", &["6-29"], 4);
    x.appointment_end = date(2026, 6, 30);
    v.push(x);
    v.push(cand("X-specialty", &["4-07"], 4));
    v.push(cand("X-level", &["6-29"], 1));
    v.push(cand("X-named", &["6-29"], 4));
    let mut x = cand("X-sameunit", &["6-29"], 4);
    x.units = vec!["91440000MA00000001".into()];
    v.push(x);
    let mut x = cand("X-employed", &["6-29"], 4);
    x.employment = vec![Employment { unit: "91440000MA00000001".into(), end: Some(date(2025, 3, 31)) }];
    v.push(x);
    let mut x = cand("X-employed-long-ago", &["6-29"], 4);
    x.employment = vec![Employment { unit: "91440000MA00000001".into(), end: Some(date(2024, 11, 30)) }];
    v.push(x);
    let mut x = cand("X-collab", &["6-29"], 4);
    x.collaborations = vec![Collaboration { with: "leader-王".into(), date: date(2024, 1, 10) }];
    v.push(x);
    let mut x = cand("X-relative", &["6-29"], 4);
    x.relations = vec!["leader-王".into()];
    v.push(x);
    v
}

pub fn request(draw: &str, count: u32, reveal_after: &str) -> DrawRequest {
    DrawRequest {
        draw: draw.into(),
        pool: "jineng".into(),
        purpose: "技能竞赛评委".into(),
        specialty: "6-29".into(),
        min_level: 2,
        count,
        event_date: date(2026, 12, 10),
        reveal_after: reveal_after.into(),
        recusal: Recusal {
            units: vec!["91440000MA00000001".into()],
            people: vec!["leader-王".into()],
            experts: vec!["X-named".into()],
        },
        rules: DrawRules::default(),
    }
}

/// A request of the second demo pool, whose policy has short windows and no pause rule.
pub fn request_gaoji(draw: &str, count: u32, reveal_after: &str) -> DrawRequest {
    let mut r = request(draw, count, reveal_after);
    r.pool = "gaoji".into();
    r.rules = DrawRules { pause: false, employment_months: 12, collaboration_months: 12 };
    r
}

pub struct Built {
    pub log: Log,
    pub checkpoints: Vec<String>,
}

impl Built {
    pub fn export(&self) -> Value {
        let pk = signing_key().verifying_key().to_bytes();
        self.log.public_export(ORIGIN, KEY_NAME, &pk, &self.checkpoints)
    }
    pub fn sign_now(&mut self) {
        self.checkpoints.push(self.log.checkpoint(ORIGIN).sign(KEY_NAME, &signing_key()));
    }
}

fn commit(log: &mut Log, t: &str, req: &DrawRequest, beacon: Option<BeaconSpec>) {
    let cands = pool();
    let hist = log.pause_history(&req.pool).unwrap();
    let el = eligibility(&cands, req, &hist);
    let snap: Vec<SnapshotRecord> = cands.iter().map(SnapshotRecord::from).collect();
    log.commit(
        Stamp::new(t, "staff-li"),
        &CommitInputs {
            request: req,
            eligibility: &el,
            snapshot_hash: &snapshot_hash(&snap),
            secret: &bytes(&format!("secret {}", req.draw)),
            salt: &bytes(&format!("salt {}", req.draw)),
            beacon,
        },
    )
    .unwrap();
}

fn names(log: &Log, draw: &str) -> BTreeMap<String, String> {
    log.revealed_ids(draw).unwrap().into_iter().map(|id| (id.clone(), format!("姓名{id}"))).collect()
}

/// The full demonstration log: every entry kind, every outcome, a beacon,
/// a directed selection, the pause rule, a shortfall, and one draw still sealed.
pub fn full_log() -> Built {
    let mut b = Built { log: Log::new(), checkpoints: vec![] };
    let l = &mut b.log;
    // D1: N=2; declined, no answer and recused replaced strictly in order.
    commit(l, "2026-11-02T01:00:00Z", &request("2026-0001", 2, "2026-11-20T00:00:00Z"), None);
    l.run(Stamp::new("2026-11-02T01:00:05Z", "staff-li"), "2026-0001", None).unwrap();
    l.respond(Stamp::new("2026-11-02T02:00:00Z", "staff-li"), "2026-0001", 0, Outcome::Accepted, None).unwrap();
    l.respond(Stamp::new("2026-11-02T02:10:00Z", "staff-li"), "2026-0001", 1, Outcome::Declined, Some("出差")).unwrap();
    l.call_next(Stamp::new("2026-11-02T02:10:01Z", "staff-li"), "2026-0001").unwrap();
    l.respond(Stamp::new("2026-11-02T04:10:01Z", "staff-li"), "2026-0001", 2, Outcome::NoAnswer, None).unwrap();
    l.call_next(Stamp::new("2026-11-02T04:10:02Z", "staff-li"), "2026-0001").unwrap();
    l.respond(
        Stamp::new("2026-11-02T04:30:00Z", "staff-li"),
        "2026-0001",
        3,
        Outcome::Recused,
        Some("recent_employment"),
    )
    .unwrap();
    l.call_next(Stamp::new("2026-11-02T04:30:01Z", "staff-li"), "2026-0001").unwrap();
    l.respond(Stamp::new("2026-11-02T05:00:00Z", "staff-li"), "2026-0001", 4, Outcome::Accepted, None).unwrap();
    // D2: directed selection of the first accepted expert of D1 and one more.
    let ord1 = l.order_of("2026-0001").unwrap();
    let mut dir = vec![ord1[0].clone(), "专家-乙".to_string()];
    dir.dedup();
    l.directed(
        Stamp::new("2026-11-03T01:00:00Z", "staff-zhao"),
        &DirectedSelection {
            draw: "2026-0002",
            pool: "jineng",
            approval_ref: "人社审〔2026〕12号",
            approved_by: "chief-chen",
            experts: &dir,
            reason: "非遗技艺评审，需定向选用",
            reveal_after: "2026-11-20T00:00:00Z",
            salt: &bytes("salt 2026-0002"),
        },
    )
    .unwrap();
    b_sign(l, &mut b.checkpoints);
    // D3: with a beacon, N larger than the eligible set: pause rule and shortfall.
    commit(
        l,
        "2026-11-04T01:00:00Z",
        &request("2026-0003", 12, "2026-11-20T00:00:00Z"),
        Some(BeaconSpec { source: "drand/quicknet".into(), round: 24_000_000 }),
    );
    l.run(Stamp::new("2026-11-04T01:02:00Z", "staff-li"), "2026-0003", Some(&bytes("beacon round 24000000"))).unwrap();
    for p in 0..l.draw("2026-0003").unwrap().called.len() as u64 {
        let o = if p % 3 == 2 { Outcome::NoAnswer } else { Outcome::Accepted };
        l.respond(Stamp::new("2026-11-04T03:00:00Z", "staff-li"), "2026-0003", p, o, None).unwrap();
    }
    assert!(l.call_next(Stamp::new("2026-11-04T03:00:01Z", "staff-li"), "2026-0003").unwrap().is_empty());
    // Pool gaoji has no pause rule: two directed uses draw the same experts, and the
    // next random draw still has them among the eligible (a verifier that applied the
    // rule anyway would report a failure). Its 12-month windows also make X-employed
    // and X-collab eligible.
    let twice = vec!["E001".to_string(), "E002".to_string()];
    for (k, d) in ["2026-0005", "2026-0006"].iter().enumerate() {
        l.directed(
            Stamp::new(&format!("2026-11-05T0{k}:00:00Z"), "staff-zhao"),
            &DirectedSelection {
                draw: d,
                pool: "gaoji",
                approval_ref: &format!("人社审〔2026〕{}号", 20 + k),
                approved_by: "chief-chen",
                experts: &twice,
                reason: "紧急评审，需定向选用",
                reveal_after: "2026-11-20T00:00:00Z",
                salt: &bytes(&format!("salt {d}")),
            },
        )
        .unwrap();
    }
    commit(l, "2026-11-06T01:00:00Z", &request_gaoji("2026-0007", 3, "2026-11-20T00:00:00Z"), None);
    l.run(Stamp::new("2026-11-06T01:00:05Z", "staff-li"), "2026-0007", None).unwrap();
    for p in 0..3 {
        l.respond(Stamp::new("2026-11-06T02:00:00Z", "staff-li"), "2026-0007", p, Outcome::Accepted, None).unwrap();
    }
    // Reveals after the confidentiality time.
    for d in ["2026-0001", "2026-0002", "2026-0003", "2026-0005", "2026-0006", "2026-0007"] {
        let n = names(l, d);
        l.reveal(Stamp::new("2026-11-21T00:00:00Z", "staff-zhao"), d, &n).unwrap();
    }
    // D4: committed and run, still confidential.
    commit(l, "2026-11-22T01:00:00Z", &request("2026-0004", 1, "2026-12-31T00:00:00Z"), None);
    l.run(Stamp::new("2026-11-22T01:00:01Z", "staff-li"), "2026-0004", None).unwrap();
    l.respond(Stamp::new("2026-11-22T02:00:00Z", "staff-li"), "2026-0004", 0, Outcome::Accepted, None).unwrap();
    b_sign(l, &mut b.checkpoints);
    b
}

fn b_sign(l: &Log, cps: &mut Vec<String>) {
    cps.push(l.checkpoint(ORIGIN).sign(KEY_NAME, &signing_key()));
}

/// Rebuilds a log from edited raw entries with a correct chain, tree and
/// signature, so that only the protocol checks can catch the edit.
pub fn resign(entries: Vec<Value>) -> Value {
    let mut log = Log::new();
    for e in entries {
        let s = |k: &str| e.get(k).and_then(Value::as_str).unwrap_or("").to_string();
        let kind: Kind = s("kind").parse().unwrap();
        log.append_raw(
            Stamp::new(&s("time"), &s("actor")),
            kind,
            &s("draw"),
            e["body"].clone(),
            e.get("payload").cloned(),
        )
        .unwrap();
    }
    let pk = signing_key().verifying_key().to_bytes();
    let cp = log.checkpoint(ORIGIN).sign(KEY_NAME, &signing_key());
    // Export every payload: the edited draws are all revealed ones.
    let entries: Vec<Value> = log.entries().iter().map(|e| serde_json::to_value(e).unwrap()).collect();
    json!({ "format": "expertpool-draw-log/v1", "origin": ORIGIN, "key_name": KEY_NAME,
            "public_key": to_hex(&pk), "entries": entries, "checkpoints": [cp] })
}

/// Tampered logs: (file name, what was done, the (entry, check) a verifier must report).
pub fn tampered(ok: &Value) -> Vec<(String, String, Value)> {
    let entries = ok["entries"].as_array().unwrap().clone();
    let mut out: Vec<(String, String, Value)> = Vec::new();
    let mut add = |name: &str, what: &str, v: Value| out.push((name.into(), what.into(), v));

    let mut v = ok.clone();
    v["entries"][3]["body"]["reason"] = json!("出差 ");
    add("edit-body", "one byte of a response reason changed", v);
    let mut v = ok.clone();
    v["entries"][2]["time"] = json!("2026-11-02T02:00:01Z");
    add("edit-time", "timestamp of an entry changed", v);
    let mut v = ok.clone();
    let sec = v["entries"][0]["payload"]["secret"].as_str().unwrap().to_string();
    v["entries"][0]["payload"]["secret"] =
        json!(format!("{}{}", &sec[..63], if sec.ends_with('0') { '1' } else { '0' }));
    add("edit-secret", "last hex digit of a revealed secret changed", v);
    let mut v = ok.clone();
    v["entries"].as_array_mut().unwrap().remove(5);
    add("drop-entry", "an entry removed from the middle", v);
    let mut v = ok.clone();
    v["entries"].as_array_mut().unwrap().swap(2, 3);
    add("swap-entries", "two entries swapped", v);
    let mut v = ok.clone();
    let n = v["checkpoints"][0].as_str().unwrap().replacen("\n", "\n1", 1);
    v["checkpoints"][0] = json!(n);
    add("edit-checkpoint", "size in a signed checkpoint changed", v);
    let mut v = ok.clone();
    v["entries"][0]["payload"]["eligible"].as_array_mut().unwrap().pop();
    add("edit-eligible", "an expert removed from the revealed eligible set", v);
    let mut v = ok.clone();
    v["entries"].as_array_mut().unwrap().last_mut().unwrap()["body"]["position"] = json!(1);
    add("edit-last", "the last entry changed (beyond the first checkpoint)", v);

    // Protocol violations with a valid chain, tree and signature.
    let mut e = entries.clone();
    let i = entries.iter().position(|x| x["kind"] == "call").unwrap();
    e[i]["body"]["positions"] = json!([3]);
    add("skip-in-order", "the substitute call skips a position", resign(e));
    let mut e = entries.clone();
    e[2]["body"]["position"] = json!(2);
    add("answer-uncalled", "a response for a position never called", resign(e));
    let mut e = entries.clone();
    e[1]["body"]["order_hash"] = json!(to_hex(&bytes("another order")));
    add("wrong-order", "order hash does not follow from the inputs", resign(e));
    let mut e = entries.clone();
    e[1]["body"]["called"] = json!([1, 0]);
    add("called-out-of-order", "the first calls are not positions 0..N", resign(e));
    let i = entries.iter().position(|x| x["kind"] == "directed").unwrap();
    let mut e = entries.clone();
    e[i]["body"]["approval_ref"] = json!(" ");
    add("directed-unapproved", "directed selection without approval", resign(e));
    let i = entries.iter().position(|x| x["kind"] == "reveal").unwrap();
    let mut e = entries.clone();
    e[i]["time"] = json!("2026-11-19T00:00:00Z");
    for x in e.iter_mut().skip(i + 1) {
        if x["time"].as_str().unwrap() < "2026-11-19T00:00:00Z" {
            x["time"] = json!("2026-11-19T00:00:00Z");
        }
    }
    add("early-reveal", "names revealed before the confidentiality time", resign(e));
    let mut e = entries.clone();
    let names = e[i]["body"]["names"].as_array_mut().unwrap();
    names.swap(0, 1);
    add("reveal-swapped-names", "revealed names listed out of calling order", resign(e));
    let ci = entries.iter().position(|x| x["draw"] == "2026-0003" && x["kind"] == "commit").unwrap();
    let mut e = entries.clone();
    let p = e[ci]["payload"].as_object_mut().unwrap();
    // Move the paused expert back into the eligible set and recommit.
    let ex = p["excluded"].as_array().unwrap().clone();
    let paused: Vec<Value> = ex.iter().filter(|x| x["reasons"] == json!(["pause"])).map(|x| x["id"].clone()).collect();
    assert!(!paused.is_empty(), "the demo log must exercise the pause rule");
    let salt = hex::decode(p["salt"].as_str().unwrap()).unwrap();
    let mut el: Vec<String> =
        p["eligible"].as_array().unwrap().iter().map(|x| x.as_str().unwrap().to_string()).collect();
    el.extend(paused.iter().map(|x| x.as_str().unwrap().to_string()));
    el.sort();
    let exl: Vec<Value> = ex.into_iter().filter(|x| x["reasons"] != json!(["pause"])).collect();
    let excl: Vec<Exclusion> = exl
        .iter()
        .map(|x| Exclusion {
            id: x["id"].as_str().unwrap().into(),
            reasons: x["reasons"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| serde_json::from_value(r.clone()).unwrap())
                .collect(),
        })
        .collect();
    p.insert("eligible".into(), json!(el));
    p.insert("excluded".into(), json!(exl));
    let b = e[ci]["body"].as_object_mut().unwrap();
    b.insert("eligible_count".into(), json!(el.len()));
    b.insert("excluded_count".into(), json!(excl.len()));
    b.insert("eligible_commit".into(), json!(to_hex(&eligible_commitment(&salt, &el))));
    b.insert("excluded_commit".into(), json!(to_hex(&excluded_commitment(&salt, &excl))));
    add("pause-ignored", "an expert drawn in the two previous uses made eligible again", resign(e));
    let gi = entries.iter().position(|x| x["draw"] == "2026-0007" && x["kind"] == "commit").unwrap();
    let mut e = entries.clone();
    e[gi]["body"]["rules"]["pause"] = json!(true);
    add("rules-differ", "the published rules say pause on, the committed request says off", resign(e));
    let mut e = entries.clone();
    e[gi]["body"]["rules"]["employment_months"] = json!(1201);
    add("rules-out-of-range", "an employment window beyond 1,200 months", resign(e));
    out
}

/// Writes `n` single-character edits of the compact good log into `dir`;
/// returns (path, the crate's first failure or "OK", what was edited).
pub fn random_edits(dir: &std::path::Path, n: u32) -> Vec<(PathBuf, String, String)> {
    edits_of(&serde_json::to_string(&full_log().export()).unwrap(), dir, n, "edit")
}

fn edits_of(text: &str, dir: &std::path::Path, n: u32, prefix: &str) -> Vec<(PathBuf, String, String)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    std::fs::create_dir_all(dir).unwrap();
    let mut out = Vec::new();
    for k in 0..n {
        let h = tagged_hash("test-edit", [k.to_be_bytes()]);
        let (at, old) = chars[(u32::from_be_bytes([h[0], h[1], h[2], h[3]]) as usize) % chars.len()];
        let new = (b' ' + h[4] % 95) as char;
        if new == old {
            continue;
        }
        let edited = format!("{}{}{}", &text[..at], new, &text[at + old.len_utf8()..]);
        let path = dir.join(format!("{prefix}-{k}.json"));
        std::fs::write(&path, &edited).unwrap();
        let rep = verify_log(&edited);
        let first = rep.failures().first().map(|(i, c)| match i {
            Some(i) => format!("entry {i}: {}", c.name),
            None => format!("log: {}", c.name),
        });
        out.push((path, first.unwrap_or_else(|| "OK".into()), format!("byte {at} {old:?} -> {new:?}")));
    }
    out
}

/// Quicknet round 657413 (2023-09-15T11:00:03Z): a real signature from drand's API.
pub const DRAND_ROUND: u64 = 657_413;
pub const DRAND_SIGNATURE: &str =
    "b713718a38ae728dfd477991af2822e08d2f305e47718cef9f7848ce4050e7be41076862b98fad56e91a6b85b89cd97b";
/// Another real quicknet signature (round 123): valid BLS, but not of round 657413.
pub const DRAND_SIGNATURE_123: &str =
    "b75c69d0b72a5d906e854e808ba7e2accb1542ac355ae486d591aa9d43765482e26cd02df835d3546d23c4b13e0dfc92";

fn all_names() -> BTreeMap<String, String> {
    pool().into_iter().map(|c| (c.id.clone(), format!("姓名{}", c.id))).collect()
}

fn extra(unit: &str, project: &str) -> RequestV2 {
    RequestV2 { using_unit: unit.into(), work_content: "技能竞赛现场评分".into(), project: project.into() }
}

fn commit_v2(log: &mut Log, t: &str, req: &DrawRequest, ex: &RequestV2, beacon: Beacon, redo_of: Option<RedoOf>) {
    let cands = pool();
    let hist = log.pause_history(&req.pool).unwrap();
    let el = eligibility(&cands, req, &hist);
    let snap: Vec<SnapshotRecord> = cands.iter().map(SnapshotRecord::from).collect();
    let names = all_names();
    log.commit_v2(
        Stamp::new(t, "staff-li"),
        &CommitV2 {
            inputs: CommitInputs {
                request: req,
                eligibility: &el,
                snapshot_hash: &snapshot_hash(&snap),
                secret: &bytes(&format!("secret {}", req.draw)),
                salt: &bytes(&format!("salt {}", req.draw)),
                beacon: None,
            },
            extra: ex,
            beacon,
            redo_of,
            names: &names,
        },
    )
    .unwrap();
}

fn unix(t: &str) -> i64 {
    t.parse::<jiff::Timestamp>().unwrap().as_second()
}

/// A journal that goes on from v1 to v2: one v1 draw, then v2 draws with each beacon
/// kind (a real drand quicknet round, a lottery, none), a cancelled draw, its re-draw
/// linked by request key, a directed selection standing in for the cancelled draw,
/// one with a public exception, and the reveals.
pub fn full_log_v2() -> Built {
    let mut b = Built { log: Log::new(), checkpoints: vec![] };
    let l = &mut b.log;
    let at = |t| Stamp::new(t, "staff-li");
    let after = "2023-09-20T00:00:00Z";
    commit(l, "2023-09-14T01:00:00Z", &request("2023-0001", 1, after), None);
    l.run(at("2023-09-14T01:00:05Z"), "2023-0001", None).unwrap();
    l.respond(at("2023-09-14T02:00:00Z"), "2023-0001", 0, Outcome::Accepted, None).unwrap();
    // V2 with drand: the first round at least 60 s after the commit is 657413.
    let t = "2023-09-15T10:59:02Z";
    let beacon = Beacon::drand_after(unix(t));
    assert_eq!(beacon, Beacon::Drand { chain_hash: beacon::QUICKNET_CHAIN_HASH.into(), round: DRAND_ROUND });
    commit_v2(l, t, &request("2023-0002", 2, after), &extra("市技能大赛组委会", "第五届技能大赛"), beacon, None);
    let ev = BeaconEvidence::Drand { round: DRAND_ROUND, signature: DRAND_SIGNATURE.into() };
    l.run_v2(at("2023-09-15T11:00:05Z"), "2023-0002", Some(&ev)).unwrap();
    l.respond(at("2023-09-15T12:00:00Z"), "2023-0002", 0, Outcome::Accepted, None).unwrap();
    l.respond(at("2023-09-15T12:10:00Z"), "2023-0002", 1, Outcome::Declined, Some("出差")).unwrap();
    l.call_next(at("2023-09-15T12:10:01Z"), "2023-0002").unwrap();
    l.respond(at("2023-09-15T12:20:00Z"), "2023-0002", 2, Outcome::Accepted, None).unwrap();
    // Position 2 withdraws after accepting (art. 11): the next in order fills the seat.
    l.withdraw(at("2023-09-15T12:30:00Z"), "2023-0002", 2, "临时出差，已书面请假").unwrap();
    assert_eq!(l.call_next(at("2023-09-15T12:30:01Z"), "2023-0002").unwrap(), [3]);
    l.respond(at("2023-09-15T12:40:00Z"), "2023-0002", 3, Outcome::Accepted, None).unwrap();
    // V2 with a lottery draw the next day; run, then cancelled.
    let lottery = Beacon::Lottery {
        lottery: "福彩3D".into(),
        issue: "2023250".into(),
        draw_date: "2023-09-16".into(),
        url: "https://www.cwl.gov.cn/ygkj/wqkjgg/fc3d/".into(),
    };
    let fair = extra("市职业技能鉴定中心", "2023年秋季鉴定");
    commit_v2(l, "2023-09-15T13:00:00Z", &request("2023-0003", 2, after), &fair, lottery, None);
    let ev = BeaconEvidence::Lottery { result: "3 7 1".into() };
    l.run_v2(at("2023-09-16T14:00:00Z"), "2023-0003", Some(&ev)).unwrap();
    l.respond(at("2023-09-16T14:30:00Z"), "2023-0003", 0, Outcome::Accepted, None).unwrap();
    l.cancel(at("2023-09-16T15:00:00Z"), "2023-0003", "鉴定时间调整，原抽取作废").unwrap();
    // The same request again, with no beacon (weaker, and the commit says so): linked.
    let redo = RedoOf { draw: "2023-0003".into(), reason: "鉴定时间调整，原抽取作废".into() };
    commit_v2(l, "2023-09-16T15:10:00Z", &request("2023-0004", 1, after), &fair, Beacon::None, Some(redo));
    l.run_v2(at("2023-09-16T15:10:01Z"), "2023-0004", None).unwrap();
    l.respond(at("2023-09-16T16:00:00Z"), "2023-0004", 0, Outcome::Accepted, None).unwrap();
    // A directed selection standing in for the cancelled draw, and one by exception.
    let names = all_names();
    let key = l.draw("2023-0003").unwrap().request_key.clone().unwrap();
    let experts = vec!["专家-乙".to_string()];
    let salt = bytes("salt directed v2");
    let sel = |draw: &'static str, r: &'static str| DirectedSelection {
        draw,
        pool: "jineng",
        approval_ref: r,
        approved_by: "chief-chen",
        experts: &experts,
        reason: "需定向选用",
        reveal_after: after,
        salt: &salt,
    };
    let d = DirectedV2 {
        sel: sel("2023-0005", "人社审〔2023〕31号"),
        request_key: &key,
        stands_in_for: Some("2023-0003"),
        exception: None,
        names: &names,
    };
    l.directed_v2(at("2023-09-17T01:00:00Z"), &d).unwrap();
    let other = to_hex(&request_key("市急救中心", "技能竞赛评委", "2026-12-10", "急救技能比武"));
    let d = DirectedV2 {
        sel: sel("2023-0006", "人社审〔2023〕32号"),
        request_key: &other,
        stands_in_for: None,
        exception: Some("非遗项目全市仅一名专家"),
        names: &names,
    };
    l.directed_v2(at("2023-09-17T02:00:00Z"), &d).unwrap();
    l.attend(at("2023-09-17T03:00:00Z"), "2023-0002", 0, Attendance::Present, None).unwrap();
    b_sign(l, &mut b.checkpoints);
    for d in ["2023-0001", "2023-0002", "2023-0003", "2023-0004", "2023-0005", "2023-0006"] {
        let n = all_names();
        l.reveal(Stamp::new("2023-09-21T00:00:00Z", "drawd"), d, &n).unwrap();
    }
    // Attendance recorded after the reveal (the event was before it; the clerk is late).
    l.attend(at("2023-09-22T09:00:00Z"), "2023-0002", 3, Attendance::Late, None).unwrap();
    l.attend(at("2023-09-22T09:05:00Z"), "2023-0004", 0, Attendance::Absent, Some("因病请假")).unwrap();
    b_sign(l, &mut b.checkpoints);
    b
}

/// Tampered v2 logs: (file name, what was done, rebuilt log, first failure of a verifier
/// without the BLS check when it differs from the Rust verifier's).
pub fn tampered_v2(ok: &Value) -> Vec<(String, String, Value, Option<String>)> {
    let entries = ok["entries"].as_array().unwrap().clone();
    let find = |draw: &str, kind: &str| entries.iter().position(|x| x["draw"] == draw && x["kind"] == kind).unwrap();
    let mut out = Vec::new();
    let run = find("2023-0002", "run");
    let mut e = entries.clone();
    e[run]["body"]["beacon_value"] = json!(to_hex(&bytes("a ground value")));
    out.push(("v2-ground-beacon", "a caller-chosen beacon value instead of the round's", resign(e), None));
    let mut e = entries.clone();
    let sig = hex::decode(DRAND_SIGNATURE_123).unwrap();
    e[run]["body"]["beacon_evidence"]["signature"] = json!(DRAND_SIGNATURE_123);
    e[run]["body"]["beacon_value"] = json!(to_hex(&beacon::drand_randomness(&sig)));
    out.push((
        "v2-wrong-round-signature",
        "another round's signature (its SHA-256 as the value): only the BLS check sees it",
        resign(e),
        Some(format!("entry {run}: order")),
    ));
    let mut e = entries.clone();
    let v = e[run]["body"]["beacon_value"].as_str().unwrap().to_uppercase();
    e[run]["body"]["beacon_value"] = json!(v);
    out.push(("v2-upper-case-beacon", "the beacon value in upper-case hex", resign(e), None));
    let mut e = entries.clone();
    e[run]["body"]["beacon_value"] = json!("");
    out.push(("v2-empty-beacon", "an empty beacon value where a round was named", resign(e), None));
    let mut e = entries.clone();
    e[run]["body"]["note"] = json!("x");
    out.push(("v2-extra-key", "a key v2 does not define in a run body", resign(e), None));
    let c2 = find("2023-0002", "commit");
    let mut e = entries.clone();
    e[c2]["body"]["beacon"]["round"] = json!(DRAND_ROUND - 30);
    out.push(("v2-round-before-commit", "the named drand round is older than the commit", resign(e), None));
    let c4 = find("2023-0004", "commit");
    let mut e = entries.clone();
    e[c4]["body"]["redo_of"] = Value::Null;
    out.push(("v2-silent-redo", "a second draw for the same request without redo_of", resign(e), None));
    let mut e = entries.clone();
    e[c4]["body"]["redo_of"]["reason"] = json!(" \u{3000}");
    out.push(("v2-blank-redo-reason", "redo_of with a reason of white space (U+3000)", resign(e), None));
    let d5 = find("2023-0005", "directed");
    let mut e = entries.clone();
    e[d5]["body"]["stands_in_for"] = json!("2023-0002");
    out.push(("v2-directed-without-failed-draw", "directed selection naming a draw that was filled", resign(e), None));
    let rv = find("2023-0002", "reveal");
    let mut e = entries.clone();
    e[rv]["body"]["names"][0]["name"] = json!("改过的名字");
    out.push(("v2-renamed", "a revealed name differs from the committed one", resign(e), None));
    let cancel = find("2023-0003", "cancel");
    let mut e = entries.clone();
    let mut late = e[cancel].clone();
    late["kind"] = json!("call");
    late["body"] = json!({"positions": [2]});
    e.insert(cancel + 1, late);
    out.push(("v2-call-after-cancel", "a call for a draw after its cancel entry", resign(e), None));
    let wd = find("2023-0002", "withdrawal");
    let mut e = entries.clone();
    e[wd]["body"]["position"] = json!(1);
    out.push(("v2-withdrawal-not-accepted", "a withdrawal of a position that had declined", resign(e), None));
    let mut e = entries.clone();
    e[wd]["body"]["reason"] = json!("\u{3000}");
    out.push(("v2-withdrawal-blank-reason", "a withdrawal whose reason is an ideographic space", resign(e), None));
    let mut e = entries.clone();
    e.remove(wd);
    out.push((
        "v2-replacement-without-withdrawal",
        "the withdrawal left out: the replacement is called while every seat is filled",
        resign(e),
        None,
    ));
    let mut e = entries.clone();
    let mut late = e[wd].clone();
    late["time"] = json!("2023-09-21T00:00:00Z");
    late["body"]["position"] = json!(0);
    e.insert(rv + 1, late);
    out.push(("v2-withdrawal-after-reveal", "a withdrawal after the draw was revealed", resign(e), None));
    let att: Vec<usize> = (0..entries.len()).filter(|i| entries[*i]["kind"] == "attendance").collect();
    let mut e = entries.clone();
    e[att[1]]["body"]["position"] = json!(0);
    out.push(("v2-attendance-twice", "a second attendance for the same position", resign(e), None));
    let mut e = entries.clone();
    e[att[1]]["body"]["position"] = json!(2);
    out.push(("v2-attendance-of-withdrawn", "an attendance for the position that withdrew", resign(e), None));
    let mut e = entries.clone();
    e[att[0]]["body"]["reason"] = json!("准时");
    out.push(("v2-attendance-present-with-reason", "present with a reason (present takes none)", resign(e), None));
    let mut e = entries.clone();
    e[att[1]]["body"]["outcome"] = json!("excused");
    out.push(("v2-attendance-unknown-outcome", "an attendance outcome the spec does not define", resign(e), None));
    out.into_iter().map(|(n, w, v, f)| (n.to_string(), w.to_string(), v, f)).collect()
}

/// [`random_edits`] of the v2 log.
pub fn random_edits_v2(dir: &std::path::Path, n: u32) -> Vec<(PathBuf, String, String)> {
    edits_of(&serde_json::to_string(&full_log_v2().export()).unwrap(), dir, n, "v2-edit")
}

/// A witness of the vectors: name and key (spec §5.7).
pub fn witness(label: &str) -> (String, SigningKey) {
    (format!("witness.example.gov.cn/{label}"), SigningKey::from_bytes(&bytes(&format!("witness {label}"))))
}

/// One `witnesses` item: the log's checkpoint of `size` entries cosigned by `label`.
pub fn witness_item(log: &Log, size: u64, label: &str, timestamp: u64) -> Value {
    let (name, key) = witness(label);
    let cp = Checkpoint { origin: ORIGIN.into(), size, root: log.root(size).unwrap() };
    let note = cp.sign(KEY_NAME, &signing_key());
    let c = cosign(&cp, &name, &key, timestamp);
    json!({"name": name, "public_key": to_hex(&key.verifying_key().to_bytes()), "size": size,
        "timestamp": timestamp, "checkpoint": with_cosignatures(&note, [&c])})
}

/// The full log with two witnesses (one of the whole log, one of its first 32 entries,
/// which hold the last entries of two draws),
/// and edits of their items that every verifier must refuse.
pub fn witnessed(built: &Built) -> (Value, Vec<(String, String, Value)>) {
    let n = built.log.len();
    let mut ok = built.export();
    ok["witnesses"] =
        json!([witness_item(&built.log, n, "a", 1795000000), witness_item(&built.log, 32, "b", 1795000100)]);
    let mut out = Vec::new();
    let mut edit = |name: &str, what: &str, f: &dyn Fn(&mut Value)| {
        let mut v = ok.clone();
        f(&mut v);
        out.push((name.to_string(), what.to_string(), v));
    };
    edit("witness-cosignature", "a witness's cosignature altered by one character", &|v| {
        let note = v["witnesses"][0]["checkpoint"].as_str().unwrap().to_string();
        let at = note.len() - 10;
        let c = if &note[at..at + 1] == "A" { "B" } else { "A" };
        v["witnesses"][0]["checkpoint"] = json!(format!("{}{c}{}", &note[..at], &note[at + 1..]));
    });
    edit("witness-timestamp", "a witness item whose timestamp is not the cosigned one", &|v| {
        v["witnesses"][0]["timestamp"] = json!(1795000001u64);
    });
    edit("witness-other-key", "a witness item naming another key than the one that cosigned", &|v| {
        v["witnesses"][1]["public_key"] = json!(to_hex(&witness("c").1.verifying_key().to_bytes()));
    });
    let root33 = built.log.root(33).unwrap();
    edit("witness-root", "a witness of a checkpoint (signed by the log) whose root is not that of the entries", &|v| {
        let (name, key) = witness("b");
        let cp = Checkpoint { origin: ORIGIN.into(), size: 32, root: root33 };
        let note = cp.sign(KEY_NAME, &signing_key());
        let c = cosign(&cp, &name, &key, 1795000100);
        v["witnesses"][1]["checkpoint"] = json!(with_cosignatures(&note, [&c]));
    });
    edit("witness-beyond", "a witness of a size larger than the file", &|v| {
        let mut longer = built.log.clone();
        longer
            .append_raw(Stamp::new("2027-01-01T00:00:00Z", "drawd"), Kind::Reveal, "X-1", json!({"names": []}), None)
            .ok();
        v["witnesses"][0] = witness_item(&longer, longer.len(), "a", 1795000000);
    });
    (ok, out)
}
