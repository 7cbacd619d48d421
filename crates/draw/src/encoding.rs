//! Byte encodings shared by every hash of the protocol (spec §2).
//!
//! Two encodings exist and each has one job: `lp` framing for fixed-shape
//! values (secrets, ids, commitments), where a length prefix is all that is
//! needed to make concatenation unambiguous, and a canonical JSON form for the
//! structured records (requests, log entries, sealed payloads) that would be
//! tedious and error-prone to frame field by field in three languages.

use serde_json::Value;
use sha2::{Digest, Sha256};
use unicode_normalization::{UnicodeNormalization, is_nfc};

use crate::error::EncodeError;

/// Algorithm identifier; also the prefix of every domain-separation tag, in v2 too
/// (so that entry hashes, the chain and every v1 commitment stay as they are).
pub const ALGORITHM: &str = "expertpool-draw/v1";
/// The second version's identifier, in a commit's `algorithm` (spec §10).
pub const ALGORITHM_V2: &str = "expertpool-draw/v2";

/// A SHA-256 output.
pub type Hash = [u8; 32];

/// Appends `u32be(len(x)) || x`.
pub fn lp_into(out: &mut Vec<u8>, x: &[u8]) {
    out.extend_from_slice(&(x.len() as u32).to_be_bytes());
    out.extend_from_slice(x);
}

/// The full domain-separation tag, e.g. `expertpool-draw/v1/secret`.
pub fn tag(name: &str) -> String {
    format!("{ALGORITHM}/{name}")
}

/// `H(tag, f1, …, fn) = SHA-256(lp(tag) || lp(f1) || … || lp(fn))`.
pub fn tagged_hash<I, F>(name: &str, fields: I) -> Hash
where
    I: IntoIterator<Item = F>,
    F: AsRef<[u8]>,
{
    // Fed to the hash as it goes: a commit of a large pool hashes hundreds of kilobytes,
    // which need not be copied into one buffer first.
    let mut h = Sha256::new();
    let mut lp = |x: &[u8]| {
        h.update((x.len() as u32).to_be_bytes());
        h.update(x);
    };
    lp(tag(name).as_bytes());
    for f in fields {
        lp(f.as_ref());
    }
    h.finalize().into()
}

/// Plain SHA-256, for the RFC 6962 tree where the framing is fixed by that RFC.
pub fn sha256(parts: &[&[u8]]) -> Hash {
    let mut h = Sha256::new();
    for p in parts {
        h.update(p);
    }
    h.finalize().into()
}

/// Canonical JSON (RFC 8785 restricted to the values the protocol uses:
/// objects, arrays, strings, booleans, null and integers in 0..2^53).
/// Object keys are sorted by their UTF-8 bytes. Floats and out-of-range
/// integers are refused rather than guessed at, because the three verifiers
/// would print them differently.
pub fn canonical_json(v: &Value) -> Result<String, EncodeError> {
    let mut out = String::new();
    write_canonical(v, &mut out)?;
    Ok(out)
}

fn write_canonical(v: &Value, out: &mut String) -> Result<(), EncodeError> {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => match n.as_u64() {
            Some(u) if u < (1u64 << 53) => out.push_str(&u.to_string()),
            _ => return Err(EncodeError::Number(n.to_string())),
        },
        Value::String(s) => write_string(s, out),
        Value::Array(a) => {
            out.push('[');
            for (i, x) in a.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(x, out)?;
            }
            out.push(']');
        }
        Value::Object(m) => {
            out.push('{');
            // serde_json's map usually iterates in key order already (it is a BTreeMap
            // unless a crate enables `preserve_order`): then no key list is built, which
            // matters for payloads with thousands of small objects.
            let mut it = m.keys();
            let sorted = it.next().is_none_or(|first| {
                let mut prev = first;
                it.all(|k| {
                    let ok = prev.as_bytes() < k.as_bytes();
                    prev = k;
                    ok
                })
            });
            let mut first = true;
            let mut member = |k: &String, v: &Value, out: &mut String| -> Result<(), EncodeError> {
                if !first {
                    out.push(',');
                }
                first = false;
                write_string(k, out);
                out.push(':');
                write_canonical(v, out)
            };
            if sorted {
                for (k, v) in m {
                    member(k, v, out)?;
                }
            } else {
                let mut keys: Vec<&String> = m.keys().collect();
                keys.sort_by(|a, b| a.as_bytes().cmp(b.as_bytes()));
                for k in keys {
                    member(k, &m[k.as_str()], out)?;
                }
            }
            out.push('}');
        }
    }
    Ok(())
}

fn write_string(s: &str, out: &mut String) {
    out.push('"');
    // Most strings (ids, codes, hex) need no escaping at all.
    if !s.bytes().any(|b| b < 0x20 || b == b'"' || b == b'\\') {
        out.push_str(s);
        out.push('"');
        return;
    }
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// `H(name, canonical_json(v))`.
pub fn json_hash(name: &str, v: &Value) -> Result<Hash, EncodeError> {
    Ok(tagged_hash(name, [canonical_json(v)?.as_bytes()]))
}

/// NFC form of an identifier. Ids are compared and hashed in this form so that
/// the same name typed on two systems gives one id.
pub fn nfc(s: &str) -> String {
    nfc_cow(s).into_owned()
}

/// [`nfc`] without a copy when the text is already in NFC (nearly always).
pub fn nfc_cow(s: &str) -> std::borrow::Cow<'_, str> {
    if is_nfc(s) { std::borrow::Cow::Borrowed(s) } else { std::borrow::Cow::Owned(s.nfc().collect()) }
}

/// Lower-case hex.
pub fn to_hex(b: &[u8]) -> String {
    hex::encode(b)
}

/// Parses exactly 64 lower-case hex digits. Upper case is refused so that a
/// hash has one written form, which the verifiers compare as text.
pub fn hash_from_hex(s: &str) -> Result<Hash, EncodeError> {
    if s.bytes().any(|b| b.is_ascii_uppercase()) {
        return Err(EncodeError::Hex(s.chars().take(80).collect()));
    }
    let v = hex::decode(s).map_err(|_| EncodeError::Hex(s.chars().take(80).collect()))?;
    v.try_into().map_err(|_| EncodeError::Hex(s.chars().take(80).collect()))
}

/// Checks a date `YYYY-MM-DD` (a real calendar day).
pub fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b.iter().zip(b"dddd-dd-dd").all(|(c, p)| if *p == b'd' { c.is_ascii_digit() } else { c == p })
        && jiff::civil::Date::strptime("%Y-%m-%d", s).is_ok()
}

/// Checks the one timestamp format the log uses: `YYYY-MM-DDTHH:MM:SSZ`.
/// A single fixed format makes timestamps comparable as strings in every
/// language, with no time-zone parsing in the verifiers.
pub fn is_timestamp(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 20 {
        return false;
    }
    let shape = b"dddd-dd-ddTdd:dd:ddZ";
    b.iter().zip(shape).all(|(c, p)| if *p == b'd' { c.is_ascii_digit() } else { c == p })
        && jiff::civil::DateTime::strptime("%Y-%m-%dT%H:%M:%SZ", s).is_ok()
}

/// A list of hashes as one byte string (serde `with` module): a long log's hashes are most
/// of a state snapshot, and one 32·n-byte string reads back far faster than n lists.
pub mod flat_hashes {
    use super::Hash;

    /// Writes the hashes one after the other.
    pub fn serialize<S: serde::Serializer>(hashes: &[Hash], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(hashes.as_flattened())
    }

    /// Reads what [`serialize`] wrote; anything but a multiple of 32 bytes is an error.
    pub fn deserialize<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<Hash>, D::Error> {
        struct Flat;
        impl<'de> serde::de::Visitor<'de> for Flat {
            type Value = Vec<Hash>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a byte string of 32-byte hashes")
            }
            fn visit_bytes<E: serde::de::Error>(self, b: &[u8]) -> Result<Vec<Hash>, E> {
                let (chunks, rest) = b.as_chunks::<32>();
                if !rest.is_empty() {
                    return Err(E::invalid_length(b.len(), &self));
                }
                Ok(chunks.to_vec())
            }
            fn visit_byte_buf<E: serde::de::Error>(self, b: Vec<u8>) -> Result<Vec<Hash>, E> {
                self.visit_bytes(&b)
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<Hash>, A::Error> {
                let mut b = Vec::new();
                while let Some(x) = seq.next_element::<u8>()? {
                    b.push(x);
                }
                self.visit_bytes(&b)
            }
        }
        // byte_buf, not bytes: ciborium hands out only short byte strings borrowed.
        d.deserialize_byte_buf(Flat)
    }
}
