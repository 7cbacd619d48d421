//! Witness cosignatures at the service: a configured witness's cosignature of a kept
//! checkpoint is verified, kept durably (one file, one line each, across a restart) and
//! served back per size, as the latest per witness, and in the public log file; one from
//! an unknown key, over another root, or dated ahead of the clock is refused and not kept.

mod common;

use axum::http::StatusCode;
use common::{Setup, busy};
use ed25519_dalek::SigningKey;
use expertpool_draw::{Checkpoint, cosign, cosigner_key_id, verify_cosignature};
use serde_json::{Value, json};

const NAME: &str = "czj.example.gov.cn/witness";

fn witness_key() -> SigningKey {
    SigningKey::from_bytes(&[21u8; 32])
}

/// The setup with `NAME` configured as a witness (the service restarted to read it).
async fn with_witness(tag: &str) -> Setup {
    let mut s = Setup::new(tag);
    let mut text = std::fs::read_to_string(&s.config_path).unwrap();
    text.push_str(&format!(
        "\n[[witness]]\nname = \"{NAME}\"\npublic_key = \"{}\"\n",
        hex::encode(witness_key().verifying_key().as_bytes())
    ));
    std::fs::write(&s.config_path, text).unwrap();
    s.restart();
    s
}

/// The service's checkpoint of the current size, as a witness would fetch and verify it.
async fn head(s: &Setup) -> Checkpoint {
    let (_, key) = s.call("GET", "/api/key", None, None).await;
    let (_, head) = s.call("GET", "/api/log/head", None, None).await;
    let pk: [u8; 32] = hex::decode(key["public_key"].as_str().unwrap()).unwrap().try_into().unwrap();
    let vk = ed25519_dalek::VerifyingKey::from_bytes(&pk).unwrap();
    Checkpoint::verify(head["checkpoint"].as_str().unwrap(), key["key_name"].as_str().unwrap(), &vk).unwrap()
}

fn now(s: &Setup) -> u64 {
    s.clock.now().as_second() as u64
}

async fn submit(s: &Setup, size: u64, line: &str) -> (StatusCode, Value) {
    let body = json!({ "size": size, "cosignature": line }).to_string();
    s.call("POST", "/api/log/cosignatures", None, Some(&body)).await
}

fn kept_lines(s: &Setup) -> usize {
    std::fs::read_to_string(s.data.join(expertpool_drawd::COSIGNATURES)).map_or(0, |t| t.lines().count())
}

#[tokio::test]
async fn a_configured_witness_cosignature_is_verified_kept_and_served() {
    let mut s = with_witness("cosign-ok").await;
    busy(&s, 2).await;
    let cp = head(&s).await;
    assert!(cp.size >= 6, "{cp:?}");
    let c = cosign(&cp, NAME, &witness_key(), now(&s));
    let (st, v) = submit(&s, cp.size, &c.line).await;
    assert_eq!(st, StatusCode::CREATED, "{v}");
    assert_eq!(v["kept"], true);
    // The same witness and size again: answered, not kept twice.
    let again = cosign(&cp, NAME, &witness_key(), now(&s) + 1);
    let (st, v) = submit(&s, cp.size, &again.line).await;
    assert_eq!((st, &v["kept"]), (StatusCode::OK, &json!(false)), "{v}");
    assert_eq!(kept_lines(&s), 1);

    // Per size: the note with the cosignature line appended; both signatures verify.
    let (st, v) = s.call("GET", &format!("/api/log/cosignatures?size={}", cp.size), None, None).await;
    assert_eq!(st, StatusCode::OK, "{v}");
    assert_eq!(v["cosignatures"][0]["witness"], NAME);
    assert_eq!(v["cosignatures"][0]["timestamp"], c.timestamp);
    let note = v["checkpoint"].as_str().unwrap();
    assert!(note.ends_with(&format!("{}\n", c.line)), "{note}");
    let line = expertpool_draw::signature_lines(note)[1];
    assert!(verify_cosignature(&cp, line, NAME, &witness_key().verifying_key()).is_ok());
    assert_eq!(v["witnesses"][0]["key_id"], hex::encode(cosigner_key_id(NAME, &witness_key().verifying_key())), "{v}");

    // Survives a restart: kept in the data folder, not in memory only.
    s.restart();
    busy(&s, 1).await;
    let (_, v) = s.call("GET", "/api/log/cosignatures", None, None).await;
    let latest = &v["latest"][0];
    assert_eq!((latest["name"].as_str(), latest["size"].as_u64()), (Some(NAME), Some(cp.size)), "{v}");
    assert!(v["size"].as_u64().unwrap() > cp.size);

    // The public log file carries it, and the verifier still accepts the file.
    let (_, export) = s.call("GET", "/api/log/export", None, None).await;
    assert_eq!(export["witnesses"][0]["size"], cp.size, "{}", export["witnesses"]);
    assert_eq!(export["witnesses"][0]["checkpoint"], latest["checkpoint"]);
    let report = expertpool_draw::verify_log(&export.to_string());
    assert!(report.ok(), "{report}");
}

#[tokio::test]
async fn cosignatures_from_unknown_keys_or_of_other_trees_are_refused_and_not_kept() {
    let s = with_witness("cosign-refused").await;
    busy(&s, 1).await;
    let cp = head(&s).await;

    // A name the configuration does not list.
    let stranger = cosign(&cp, "someone.else/witness", &SigningKey::from_bytes(&[5u8; 32]), now(&s));
    let (st, v) = submit(&s, cp.size, &stranger.line).await;
    assert_eq!((st, v["error"]["code"].as_str()), (StatusCode::FORBIDDEN, Some("unknown_witness")), "{v}");

    // The configured name, signed with another key.
    let impostor = cosign(&cp, NAME, &SigningKey::from_bytes(&[6u8; 32]), now(&s));
    let (st, v) = submit(&s, cp.size, &impostor.line).await;
    assert_eq!((st, v["error"]["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("bad_cosignature")), "{v}");

    // The right key over a tree the service never had (a witness shown a fork).
    let forked = Checkpoint { root: [0xAB; 32], ..cp.clone() };
    let (st, v) = submit(&s, cp.size, &cosign(&forked, NAME, &witness_key(), now(&s)).line).await;
    assert_eq!(v["error"]["code"], "bad_cosignature", "{st} {v}");
    // The right cosignature presented for another size.
    let (st, v) = submit(&s, cp.size - 1, &cosign(&cp, NAME, &witness_key(), now(&s)).line).await;
    assert_eq!(v["error"]["code"], "bad_cosignature", "{st} {v}");
    // Beyond the log.
    let (st, v) = submit(&s, cp.size + 5, &cosign(&cp, NAME, &witness_key(), now(&s)).line).await;
    assert_eq!(v["error"]["code"], "out_of_range", "{st} {v}");
    // Dated an hour ahead of the service's clock.
    let (st, v) = submit(&s, cp.size, &cosign(&cp, NAME, &witness_key(), now(&s) + 3600).line).await;
    assert_eq!(v["error"]["code"], "cosignature_in_future", "{st} {v}");
    // Not a line at all; and an extra key in the body.
    let (st, v) = submit(&s, cp.size, "cosign me").await;
    assert_eq!(v["error"]["code"], "malformed_cosignature", "{st} {v}");
    let body = json!({"size": cp.size, "cosignature": "x", "note": "y"}).to_string();
    let (st, _) = s.call("POST", "/api/log/cosignatures", None, Some(&body)).await;
    assert!(st.is_client_error());

    assert_eq!(kept_lines(&s), 0, "nothing refused may be kept");
    let (_, v) = s.call("GET", &format!("/api/log/cosignatures?size={}", cp.size), None, None).await;
    assert_eq!(v["cosignatures"], json!([]), "{v}");
    let (st, _) = s.call("GET", "/api/log/cosignatures?size=x", None, None).await;
    assert_eq!(st, StatusCode::BAD_REQUEST);
}

#[test]
fn the_configuration_names_a_bad_witness_table() {
    let path = std::path::Path::new("drawd.toml");
    let bad_key = "[[witness]]\nname = \"w\"\npublic_key = \"00\"\n";
    let e = expertpool_drawd::Config::parse(bad_key, path).unwrap_err().to_string();
    assert!(e.contains("witness[0] (w)") && e.contains("public_key"), "{e}");
    let pk = hex::encode(witness_key().verifying_key().as_bytes());
    let spaced = format!("[[witness]]\nname = \"a b\"\npublic_key = \"{pk}\"\n");
    assert!(expertpool_drawd::Config::parse(&spaced, path).unwrap_err().to_string().contains("witness[0]"));
    let twice =
        format!("[[witness]]\nname = \"w\"\npublic_key = \"{pk}\"\n[[witness]]\nname = \"w\"\npublic_key = \"{pk}\"\n");
    assert!(expertpool_drawd::Config::parse(&twice, path).unwrap_err().to_string().contains("twice"));
    let unknown = format!("[[witness]]\nname = \"w\"\npublic_key = \"{pk}\"\nurl = \"x\"\n");
    assert!(expertpool_drawd::Config::parse(&unknown, path).is_err());
}
