//! C2SP `cosignature/v1` (Ed25519) vectors: a fixed witness key, time and checkpoint give
//! exactly these bytes. The expected values were produced by an independent
//! implementation (Python's `cryptography` package, from the C2SP text), not by this
//! crate, so a wrong key id byte, message layout or byte order here fails.

use ed25519_dalek::SigningKey;
use expertpool_draw::{
    Checkpoint, CosignatureError, cosign, cosigned_message, cosigner_key_id, verify_cosignature, with_cosignatures,
};

/// Seed bytes 0x00, 0x01, …, 0x1f.
fn witness_key() -> SigningKey {
    let seed: [u8; 32] = std::array::from_fn(|i| i as u8);
    SigningKey::from_bytes(&seed)
}

const NAME: &str = "witness.example.gov.cn/czj";
const TIME: u64 = 1_795_000_000;
const PUBLIC_KEY: &str = "03a107bff3ce10be1d70dd18e74bc09967e4d6309ba50d5f1ddc8664125531b8";
const KEY_ID: &str = "759dc521";
const MESSAGE: &str =
    "cosignature/v1\ntime 1795000000\ndraws.example.gov.cn\n42\nBQL0l7vcM856/ZiWAYkpCn+Op+zQgZ6+dyyfMH7hIhg=\n";
const LINE: &str = "\u{2014} witness.example.gov.cn/czj dZ3FIQAAAABq/YbAwG/pr/4bZvlPhNmaW5V1NClLWe/93pcOMm/g45wzlZ907L6kQHYp3DS9pkZWm0YLqb/pXrnr0jAQMTbBvuoWAA==";

fn checkpoint() -> Checkpoint {
    let root: [u8; 32] =
        hex::decode("0502f497bbdc33ce7afd98960189290a7f8ea7ecd0819ebe772c9f307ee12218").unwrap().try_into().unwrap();
    Checkpoint { origin: "draws.example.gov.cn".into(), size: 42, root }
}

#[test]
fn fixed_key_time_and_checkpoint_give_the_exact_bytes() {
    let key = witness_key();
    assert_eq!(hex::encode(key.verifying_key().as_bytes()), PUBLIC_KEY);
    assert_eq!(hex::encode(cosigner_key_id(NAME, &key.verifying_key())), KEY_ID);
    assert_eq!(cosigned_message(&checkpoint(), TIME), MESSAGE);
    let c = cosign(&checkpoint(), NAME, &key, TIME);
    assert_eq!(c.line, LINE);
    assert_eq!(c.timestamp, TIME);
}

#[test]
fn the_vector_verifies_and_a_changed_byte_does_not() {
    let vk = witness_key().verifying_key();
    let c = verify_cosignature(&checkpoint(), LINE, NAME, &vk).unwrap();
    assert_eq!(c.timestamp, TIME);
    // One more second in the timestamp field (byte 11 of the blob) breaks the signature.
    let mut blob = base64_decode(LINE.rsplit(' ').next().unwrap());
    blob[11] ^= 1;
    let changed = format!("\u{2014} {NAME} {}", base64_encode(&blob));
    assert_eq!(verify_cosignature(&checkpoint(), &changed, NAME, &vk), Err(CosignatureError::BadSignature(TIME ^ 1)));
    let other_root = Checkpoint { root: [0; 32], ..checkpoint() };
    assert!(verify_cosignature(&other_root, LINE, NAME, &vk).is_err());
}

#[test]
fn the_cosigned_note_keeps_the_log_signature_valid() {
    let log = SigningKey::from_bytes(&[7u8; 32]);
    let note = checkpoint().sign("draws.example.gov.cn", &log);
    let c = verify_cosignature(&checkpoint(), LINE, NAME, &witness_key().verifying_key()).unwrap();
    let both = with_cosignatures(&note, [&c]);
    assert!(both.ends_with(&format!("{LINE}\n")));
    assert_eq!(Checkpoint::verify(&both, "draws.example.gov.cn", &log.verifying_key()).unwrap(), checkpoint());
}

fn base64_decode(s: &str) -> Vec<u8> {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.decode(s).unwrap()
}

fn base64_encode(b: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(b)
}
