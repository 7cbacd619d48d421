//! The committed demo draw log (`content/draws/log.json`, made by `examples/demo_log.rs`):
//! it verifies with the crate and with the independent Python verifier, shows the
//! scenario the site describes, and holds no personal data of the demo instance.

use std::path::PathBuf;
use std::process::Command;

use expertpool_draw::Status;
use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn log_text() -> String {
    let p = root().join("content/draws/log.json");
    std::fs::read_to_string(&p).unwrap_or_else(|e| {
        panic!("{}: {e}; generate it with `cargo run -p expertpool-drawd --example demo_log -- --content content --out content/draws/log.json`", p.display())
    })
}

#[test]
fn demo_log_verifies_with_the_crate_and_the_python_verifier() {
    let text = log_text();
    let report = expertpool_draw::verify_log(&text);
    assert!(report.ok(), "{report}");
    let out = Command::new("python3")
        .arg(root().join("tools/verify_draws.py"))
        .arg(root().join("content/draws/log.json"))
        .output()
        .expect("python3 must be installed to run the independent verifier");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && stdout.contains("VERDICT: OK"),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Both verifiers actually checked the revealed draws rather than skipping them.
    let checked = |name: &str| {
        report.entries.iter().flat_map(|e| &e.checks).filter(|c| c.name == name && c.status == Status::Ok).count()
    };
    assert!(checked("order") >= 3 && checked("pause") >= 3 && checked("reveal") >= 4, "{report}");
}

#[test]
fn demo_log_shows_the_scenario() {
    let v: Value = serde_json::from_str(&log_text()).unwrap();
    assert!(v["key_name"].as_str().unwrap().contains("DEMO"), "the demo key must be labelled as such");
    let entries = v["entries"].as_array().unwrap();
    let of = |kind: &str| entries.iter().filter(|e| e["kind"] == kind).collect::<Vec<_>>();
    for e in entries {
        assert!(e["time"].as_str().unwrap() < "2026-11-23", "{e}");
    }
    let outcomes: Vec<&str> = of("response").iter().map(|e| e["body"]["outcome"].as_str().unwrap()).collect();
    for o in ["accepted", "declined", "no_answer", "recused"] {
        assert!(outcomes.contains(&o), "no {o} answer");
    }
    let directed = of("directed");
    assert_eq!(directed.len(), 1);
    assert!(!directed[0]["body"]["approval_ref"].as_str().unwrap().trim().is_empty());
    // Every draw but the last is revealed; the last stays sealed until 2026-12-31.
    let revealed: Vec<&str> = of("reveal").iter().map(|e| e["draw"].as_str().unwrap()).collect();
    let commits = of("commit");
    let sealed: Vec<&&Value> = commits.iter().filter(|e| !revealed.contains(&e["draw"].as_str().unwrap())).collect();
    assert_eq!(sealed.len(), 1);
    assert_eq!(sealed[0]["body"]["reveal_after"], "2026-12-31T00:00:00Z");
    assert!(sealed[0].get("payload").is_none(), "a sealed draw's payload is withheld");
    assert_eq!(revealed.len(), commits.len() - 1 + directed.len());
    // The pool rules are on every commit, and the pause rule took someone out once.
    assert!(commits.iter().all(|e| e["body"]["rules"]["pause"].is_boolean()));
    let paused = commits
        .iter()
        .filter_map(|e| e["payload"]["excluded"].as_array())
        .flatten()
        .filter(|x| x["reasons"].as_array().unwrap().contains(&Value::from("pause")))
        .count();
    assert!(paused > 0, "no draw shows the pause rule");
}

#[test]
fn demo_log_holds_no_private_value() {
    let text = log_text();
    let private = expertpool_private::load_private(&root().join("content"));
    let people = private.value.expect("content/private loads");
    assert!(!people.people.is_empty());
    let mut checked = 0;
    for p in &people.people {
        let values =
            [Some(&p.id_number), Some(&p.mobile), p.office_phone.as_ref(), p.email.as_ref(), p.address.as_ref()];
        for x in values.into_iter().flatten().map(|s| s.trim()).filter(|s| !s.is_empty()) {
            assert!(!text.contains(x), "{} of {} appears in the public log", x, p.id);
            checked += 1;
        }
    }
    assert!(checked >= people.people.len() * 2, "the scan must have looked at the private values");
}
