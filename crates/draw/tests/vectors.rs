//! Generates the published test vectors and checks that the committed files
//! are exactly what the crate produces. Regenerate after a deliberate change:
//! `EXPERTPOOL_REGEN_VECTORS=1 cargo test -p expertpool-draw --test vectors`.

mod common;

use common::*;
use expertpool_draw::encoding::{canonical_json, json_hash, nfc, tagged_hash, to_hex};
use expertpool_draw::*;
use serde_json::{Value, json};

fn order_case(name: &str, eligible: &[String], secret_label: &str, beacon: &[u8], compact: Option<Value>) -> Value {
    let secret = bytes(secret_label);
    let context = bytes(&format!("context {name}"));
    let salt = bytes(&format!("salt {name}"));
    let inputs = OrderInputs { context: &context, beacon };
    let ord = order(eligible, &secret, inputs).unwrap();
    let mut v = json!({
        "name": name,
        "secret": to_hex(&secret),
        "context": to_hex(&context),
        "beacon": to_hex(beacon),
        "key": to_hex(&order_key(&secret, inputs)),
        "salt": to_hex(&salt),
        "order_hash": to_hex(&order_hash(&salt, &ord)),
    });
    match compact {
        Some(pattern) => {
            v["eligible_pattern"] = pattern;
            v["order_first_20"] = json!(ord[..20.min(ord.len())]);
        }
        None => {
            v["eligible"] = json!(eligible);
            v["order"] = json!(ord);
        }
    }
    v
}

fn ids(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

pub fn generate() -> (Value, Vec<(String, Value)>) {
    let mut orders = vec![
        order_case("pool-of-1", &ids(&["E001"]), "s1", b"", None),
        order_case("pool-of-2", &ids(&["E001", "E002"]), "s1", b"", None),
        order_case("ten-ascii", &(1..=10).map(|i| format!("E{i:03}")).collect::<Vec<_>>(), "s1", b"", None),
        order_case(
            "ten-ascii-listed-backwards",
            &(1..=10).rev().map(|i| format!("E{i:03}")).collect::<Vec<_>>(),
            "s1",
            b"",
            None,
        ),
        order_case(
            "ten-ascii-other-secret",
            &(1..=10).map(|i| format!("E{i:03}")).collect::<Vec<_>>(),
            "s2",
            b"",
            None,
        ),
        order_case(
            "ten-ascii-with-beacon",
            &(1..=10).map(|i| format!("E{i:03}")).collect::<Vec<_>>(),
            "s1",
            &bytes("beacon"),
            None,
        ),
        order_case(
            "chinese-ids",
            &ids(&["专家-甲", "专家-乙", "专家-丙", "王芳", "李娜", "E0020", "E0008"]),
            "s3",
            b"",
            None,
        ),
        // "Zoë" given decomposed (e + U+0308): hashed and sorted in NFC.
        order_case("nfd-input-normalised", &ids(&["Zoe\u{308}", "Zoa", "Zoz", "ÅB"]), "s4", b"", None),
        order_case("ids-differing-in-case", &ids(&["a", "A", "b", "B", "_", "~"]), "s5", b"", None),
    ];
    let big: Vec<String> = (0..10_000).map(|i| format!("E{i:05}")).collect();
    orders.push(order_case(
        "ten-thousand",
        &big,
        "s10k",
        &bytes("beacon 10k"),
        Some(json!({"prefix": "E", "start": 0, "count": 10000, "width": 5})),
    ));

    let cj = |v: Value| json!({"value": v, "canonical": canonical_json(&v).unwrap(), "hash_tag": "request", "hash": to_hex(&json_hash("request", &v).unwrap())});
    let canonical = vec![
        cj(request("2026-0001", 2, "2026-11-20T00:00:00Z").to_value()),
        cj(json!({"b": [1, true, null, "é\u{1}\n\"\\/"], "a": {"z": 0, "Z": 9007199254740991u64}, "中": "文"})),
    ];
    let secret = bytes("s1");
    let hashes = json!([
        {"what": "secret commitment H(\"secret\", secret)", "secret": to_hex(&secret), "hash": to_hex(&secret_commitment(&secret))},
        {"what": "H(\"entry\") of the empty field list", "tag": "entry", "fields": [], "hash": to_hex(&tagged_hash::<[&[u8]; 0], &[u8]>("entry", []))},
    ]);

    // Eligibility: one case per reason code, over the demo pool.
    let cands = pool();
    let mut elig_cases = vec![];
    let req = request("E-1", 3, "2026-12-31T00:00:00Z");
    elig_cases.push(json!({"name": "every-reason", "request": req, "candidates": cands, "history": [],
        "result": eligibility(&cands, &req, &[])}));
    let hist = vec![ids(&["E001", "E002"]), ids(&["E002", "E003"])];
    elig_cases
        .push(json!({"name": "pause-after-two-consecutive-uses", "request": req, "candidates": cands, "history": hist,
        "result": eligibility(&cands, &req, &hist)}));
    let hist2 = vec![ids(&["E002"]), ids(&["E001"]), ids(&["E002"])];
    elig_cases.push(
        json!({"name": "no-pause-when-uses-not-consecutive", "request": req, "candidates": cands, "history": hist2,
        "result": eligibility(&cands, &req, &hist2)}),
    );
    // Windows and pause rule from the request: shorter windows and no pause (X-employed,
    // X-collab and the twice-drawn E002 become eligible), then longer windows (X-employed-
    // long-ago is excluded). A verifier that assumes 24/36 months and pause on fails both.
    let mut short = req.clone();
    short.rules = DrawRules { pause: false, employment_months: 12, collaboration_months: 12 };
    elig_cases
        .push(json!({"name": "rules-12-months-pause-off", "request": short, "candidates": cands, "history": hist,
        "result": eligibility(&cands, &short, &hist)}));
    let mut long = req.clone();
    long.rules = DrawRules { pause: true, employment_months: 36, collaboration_months: 60 };
    elig_cases.push(json!({"name": "rules-36-and-60-months", "request": long, "candidates": cands, "history": hist,
        "result": eligibility(&cands, &long, &hist)}));
    // Window edges on a leap day: 24 and 36 months before 2028-02-29 are
    // 2026-02-28 and 2025-02-28 (clamped); those days still count.
    let mut leap_req = request("E-2", 1, "2028-03-01T00:00:00Z");
    leap_req.event_date = jiff::civil::date(2028, 2, 29);
    let mut leap = vec![];
    for (id, emp_end, collab) in [
        ("L-emp-edge", (2026, 2, 28), None),
        ("L-emp-before", (2026, 2, 27), None),
        ("L-collab-edge", (2020, 1, 1), Some((2025, 2, 28))),
        ("L-collab-before", (2020, 1, 1), Some((2025, 2, 27))),
    ] {
        let mut c = pool()[0].clone();
        c.id = id.into();
        c.units = vec![];
        c.appointment_end = jiff::civil::date(2029, 12, 31);
        c.employment = vec![Employment {
            unit: "91440000MA00000001".into(),
            end: Some(jiff::civil::date(emp_end.0, emp_end.1, emp_end.2)),
        }];
        c.collaborations = collab
            .into_iter()
            .map(|(y, m, d)| Collaboration { with: "91440000MA00000001".into(), date: jiff::civil::date(y, m, d) })
            .collect();
        leap.push(c);
    }
    elig_cases.push(json!({"name": "leap-day-window-edges", "request": leap_req, "candidates": leap, "history": [],
        "result": eligibility(&leap, &leap_req, &[])}));
    let snap: Vec<SnapshotRecord> = cands.iter().map(SnapshotRecord::from).collect();

    // Logs.
    let built = full_log();
    let ok = built.export();
    let log = &built.log;
    let n = log.len();
    let leaves: Vec<String> = (0..n).map(|i| to_hex(&log.entry_hash(i).unwrap())).collect();
    let mut incl = vec![];
    for (i, size) in [(0, 1), (0, n), (5, n), (n - 1, n), (6, 7), (12, 13)] {
        incl.push(json!({"index": i, "size": size, "root": to_hex(&log.root(size).unwrap()),
            "proof": log.inclusion_proof(i, size).unwrap().iter().map(|h| to_hex(h)).collect::<Vec<_>>()}));
    }
    let mut cons = vec![];
    for (m, size) in [(1, n), (4, 8), (6, n), (13, n), (n, n), (7, 12)] {
        cons.push(json!({"old_size": m, "new_size": size, "old_root": to_hex(&log.root(m).unwrap()),
            "new_root": to_hex(&log.root(size).unwrap()),
            "proof": log.consistency_proof(m, size).unwrap().iter().map(|h| to_hex(h)).collect::<Vec<_>>()}));
    }

    // The same log before the reveals: payloads withheld, still verifiable.
    let mut early = Log::new();
    for e in log.entries().iter().take_while(|e| e.kind != Kind::Reveal) {
        early.append_raw(Stamp::new(&e.time, &e.actor), e.kind, &e.draw, e.body.clone(), e.payload.clone()).unwrap();
    }
    let cp = early.checkpoint(ORIGIN).sign(KEY_NAME, &signing_key());
    let before = early.public_export(ORIGIN, KEY_NAME, &signing_key().verifying_key().to_bytes(), &[cp]);

    let mut files = vec![("log-ok.json".to_string(), ok.clone()), ("log-before-reveal.json".to_string(), before)];
    let mut logs = vec![
        json!({"file": "logs/log-ok.json", "verdict": "ok", "what": "full log: every entry kind and outcome, directed selection, pause rule, beacon, shortfall, one draw still sealed"}),
        json!({"file": "logs/log-before-reveal.json", "verdict": "ok", "what": "the same log before any reveal: payloads withheld"}),
    ];
    for (name, what, v) in tampered(&ok) {
        let rep = verify_log(&serde_json::to_string(&v).unwrap());
        let f = rep.failures();
        assert!(!f.is_empty(), "tampered log {name} passed verification");
        let first = match f[0].0 {
            Some(i) => format!("entry {i}: {}", f[0].1.name),
            None => format!("log: {}", f[0].1.name),
        };
        logs.push(json!({"file": format!("logs/tampered-{name}.json"), "verdict": "fail", "what": what, "first_failure": first}));
        files.push((format!("tampered-{name}.json"), v));
    }

    // v2 (spec §10): the journal goes on from v1 with v2 draws; tampered v2 logs.
    let v2 = full_log_v2().export();
    logs.push(json!({"file": "logs/log-v2-ok.json", "verdict": "ok", "what": "v1 then v2 draws: drand (a real quicknet round), lottery, none, a cancel, a linked re-draw, directed selections standing in and by exception, a withdrawal and its replacement, attendance before and after the reveal"}));
    for (name, what, v, without_bls) in tampered_v2(&v2) {
        let rep = verify_log(&serde_json::to_string(&v).unwrap());
        let f = rep.failures();
        assert!(!f.is_empty(), "tampered log {name} passed verification");
        let first = match f[0].0 {
            Some(i) => format!("entry {i}: {}", f[0].1.name),
            None => format!("log: {}", f[0].1.name),
        };
        let mut row = json!({"file": format!("logs/tampered-{name}.json"), "verdict": "fail", "what": what, "first_failure": first});
        if let Some(w) = without_bls {
            row["first_failure_without_bls"] = json!(w);
        }
        logs.push(row);
        files.push((format!("tampered-{name}.json"), v));
    }
    files.push(("log-v2-ok.json".to_string(), v2));

    // Witness cosignatures (spec §5.7): the full log cosigned by two witnesses.
    let (witnessed_ok, witness_edits) = witnessed(&built);
    let rep = verify_log(&serde_json::to_string(&witnessed_ok).unwrap());
    assert!(rep.ok() && rep.witnesses.len() == 2, "{rep}");
    logs.push(json!({"file": "logs/log-witnessed.json", "verdict": "ok", "what": "the full log with two witnesses: one cosigned the whole log, one its first 32 entries (covering draws 2026-0001 and 2026-0002)", "witnesses": rep.witnesses}));
    files.push(("log-witnessed.json".to_string(), witnessed_ok));
    for (name, what, v) in witness_edits {
        let rep = verify_log(&serde_json::to_string(&v).unwrap());
        let f = rep.failures();
        assert_eq!(f.len(), 1, "tampered log {name}: {rep}");
        let first = format!("log: {}", f[0].1.name);
        logs.push(json!({"file": format!("logs/tampered-{name}.json"), "verdict": "fail", "what": what, "first_failure": first}));
        files.push((format!("tampered-{name}.json"), v));
    }

    let doc = json!({
        "algorithm": ALGORITHM,
        "algorithm_v2": ALGORITHM_V2,
        "eligibility_version": ELIGIBILITY_VERSION,
        "spec": "docs/draw-protocol.md",
        "regenerate": "EXPERTPOOL_REGEN_VECTORS=1 cargo test -p expertpool-draw --test vectors",
        "order": orders,
        "canonical_json": canonical,
        "hashes": hashes,
        "snapshot": {"records": snap, "hash": to_hex(&snapshot_hash(&snap))},
        "eligibility": elig_cases,
        "merkle": {"leaf_data": leaves, "inclusion": incl, "consistency": cons},
        "checkpoint": {"key_name": KEY_NAME, "public_key": to_hex(&signing_key().verifying_key().to_bytes()),
                       "note": built.checkpoints.last().unwrap()},
        "logs": logs,
    });
    let _ = nfc("");
    (doc, files)
}

fn pretty(v: &Value) -> String {
    let mut s = serde_json::to_string_pretty(v).unwrap();
    s.push('\n');
    s
}

#[test]
fn committed_vectors_are_current() {
    let (doc, files) = generate();
    let dir = vectors_dir();
    let mut all = vec![(dir.join("draw-vectors.json"), pretty(&doc))];
    all.extend(files.iter().map(|(n, v)| (dir.join("logs").join(n), pretty(v))));
    if std::env::var_os("EXPERTPOOL_REGEN_VECTORS").is_some() {
        std::fs::create_dir_all(dir.join("logs")).unwrap();
        for (p, s) in &all {
            std::fs::write(p, s).unwrap();
        }
    }
    for (p, s) in &all {
        let have = std::fs::read_to_string(p).unwrap_or_default();
        assert!(have == *s, "{} is stale; regenerate with EXPERTPOOL_REGEN_VECTORS=1", p.display());
    }
}

#[test]
fn good_logs_verify() {
    let (_, files) = generate();
    for (name, v) in files.iter().filter(|f| f.0.starts_with("log-")) {
        let rep = verify_log(&serde_json::to_string(v).unwrap());
        assert!(rep.ok(), "{name}:\n{rep}");
    }
}

#[test]
fn full_log_exercises_every_kind_and_outcome() {
    let b = full_log();
    let text = serde_json::to_string(&b.export()).unwrap();
    for needle in [
        "\"commit\"",
        "\"run\"",
        "\"call\"",
        "\"response\"",
        "\"directed\"",
        "\"reveal\"",
        "\"accepted\"",
        "\"declined\"",
        "\"recused\"",
        "\"no_answer\"",
        "\"pause\"",
        "\"shortfall\":",
    ] {
        assert!(text.contains(needle), "missing {needle}");
    }
    let rep = verify_log(&text);
    let checks: Vec<&str> = rep.entries.iter().flat_map(|e| e.checks.iter().map(|c| c.name.as_str())).collect();
    for c in ["secret", "inputs", "order", "called_in_order", "before_draw", "pause", "reveal", "directed"] {
        assert!(checks.contains(&c), "check {c} never ran");
    }
    // The fourth draw is still confidential: its payloads are withheld.
    assert!(rep.entries.iter().any(|e| e.draw == "2026-0004" && e.checks.iter().any(|c| c.status == Status::Skipped)));
}

#[test]
fn vectors_with_other_rules_differ_from_the_defaults() {
    // Each rules case must give another result than 24/36 months with pause on, or a
    // verifier ignoring the rules would still pass it.
    let (doc, _) = generate();
    let cases: Vec<&Value> = doc["eligibility"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["name"].as_str().unwrap().starts_with("rules-"))
        .collect();
    assert_eq!(cases.len(), 2);
    for c in cases {
        let mut req: DrawRequest = serde_json::from_value(c["request"].clone()).unwrap();
        assert_ne!(req.rules, DrawRules::default());
        let cands: Vec<Candidate> = serde_json::from_value(c["candidates"].clone()).unwrap();
        let hist: Vec<Vec<String>> = serde_json::from_value(c["history"].clone()).unwrap();
        req.rules = DrawRules::default();
        assert_ne!(serde_json::to_value(eligibility(&cands, &req, &hist)).unwrap(), c["result"], "{}", c["name"]);
    }
    // In the full log, the pool without a pause rule keeps its twice-drawn experts eligible.
    let text = serde_json::to_string(&full_log().export()).unwrap();
    let v: Value = serde_json::from_str(&text).unwrap();
    let commit =
        v["entries"].as_array().unwrap().iter().find(|e| e["draw"] == "2026-0007" && e["kind"] == "commit").unwrap();
    assert_eq!(commit["body"]["rules"]["pause"], false);
    let eligible = commit["payload"]["eligible"].as_array().unwrap();
    assert!(eligible.contains(&json!("E001")) && eligible.contains(&json!("E002")));
    let rep = verify_log(&text);
    let seq = commit["seq"].as_u64().unwrap() as usize;
    assert!(rep.entries[seq].checks.iter().any(|c| c.name == "pause" && c.status == Status::Ok), "{rep}");
}
