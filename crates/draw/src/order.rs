//! The full order of eligible experts (spec §4).
//!
//! Each id gets a keyed score and the order is the ascending sort of scores.
//! Sorting by a PRF, rather than drawing indices, means there is no modulo step
//! to bias, the result does not depend on how the eligible set was listed, and
//! removing one id leaves the relative order of all others unchanged.

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

use crate::encoding::{Hash, lp_into, nfc, tag, tagged_hash};
use crate::error::OrderError;

type HmacSha256 = Hmac<Sha256>;

/// The public inputs of an order besides the eligible ids and the secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OrderInputs<'a> {
    /// Entry hash of the draw's commit entry; binds the request, pool snapshot,
    /// eligible and excluded commitments and the secret commitment.
    pub context: &'a Hash,
    /// Public beacon output named in advance, or empty when none was named.
    pub beacon: &'a [u8],
}

fn hmac(key: &[u8], parts: &[&[u8]]) -> Hash {
    // HMAC accepts keys of any length, so this cannot fail.
    let mut mac = <HmacSha256 as KeyInit>::new_from_slice(key).expect("HMAC takes any key length");
    for p in parts {
        mac.update(p);
    }
    mac.finalize().into_bytes().into()
}

/// `K = HMAC(secret, lp(tag "order-key") || lp(beacon) || lp(context))`.
pub fn order_key(secret: &[u8], inputs: OrderInputs<'_>) -> Hash {
    let mut msg = Vec::with_capacity(100);
    lp_into(&mut msg, tag("order-key").as_bytes());
    lp_into(&mut msg, inputs.beacon);
    lp_into(&mut msg, inputs.context);
    hmac(secret, &[&msg])
}

/// NFC-normalises, rejects empty and duplicate ids, and sorts bytewise: the
/// canonical form of an id set.
pub(crate) fn canonical_ids<S: AsRef<str>>(ids: &[S]) -> Result<Vec<String>, OrderError> {
    let mut v: Vec<String> = ids.iter().map(|s| nfc(s.as_ref())).collect();
    if v.iter().any(|s| s.is_empty()) {
        return Err(OrderError::EmptyId);
    }
    v.sort_unstable_by(|a, b| a.as_bytes().cmp(b.as_bytes()));
    if let Some(w) = v.windows(2).find(|w| w[0] == w[1]) {
        return Err(OrderError::DuplicateId(w[0].clone()));
    }
    Ok(v)
}

/// The full order of `eligible` for this secret and these inputs: ascending
/// score, ties (which would need a SHA-256 collision) broken by id bytes.
pub fn order<S: AsRef<str>>(eligible: &[S], secret: &[u8], inputs: OrderInputs<'_>) -> Result<Vec<String>, OrderError> {
    let ids = canonical_ids(eligible)?;
    let key = order_key(secret, inputs);
    // Key the MAC and absorb the constant label once, then clone the state per
    // id: same bytes as `score`, half the SHA-256 compressions.
    let mut keyed = <HmacSha256 as KeyInit>::new_from_slice(&key).expect("HMAC takes any key length");
    let mut label = Vec::with_capacity(40);
    lp_into(&mut label, tag("score").as_bytes());
    keyed.update(&label);
    let mut scored: Vec<(Hash, String)> = ids
        .into_iter()
        .map(|id| {
            let mut mac = keyed.clone();
            mac.update(&(id.len() as u32).to_be_bytes());
            mac.update(id.as_bytes());
            (mac.finalize().into_bytes().into(), id)
        })
        .collect();
    scored.sort_unstable_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.as_bytes().cmp(b.1.as_bytes())));
    Ok(scored.into_iter().map(|(_, id)| id).collect())
}

/// `H("order", salt, id_0, …, id_{n-1})`: commits to the order without
/// revealing it (the salt stops anyone trying small pools by hand).
pub fn order_hash<S: AsRef<str>>(salt: &[u8], order: &[S]) -> Hash {
    tagged_hash("order", std::iter::once(salt).chain(order.iter().map(|s| s.as_ref().as_bytes())))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `score(id) = HMAC(K, lp(tag "score") || lp(nfc(id)))`.
    fn score(key: &Hash, id: &str) -> Hash {
        let mut msg = Vec::with_capacity(64 + id.len());
        lp_into(&mut msg, tag("score").as_bytes());
        lp_into(&mut msg, nfc(id).as_bytes());
        hmac(key, &[&msg])
    }

    #[test]
    fn fast_path_equals_the_plain_definition() {
        let ids: Vec<String> = ["b", "a", "专家-甲", "Zoe\u{308}"].iter().map(|s| s.to_string()).collect();
        let (secret, ctx) = ([7u8; 32], [9u8; 32]);
        let inputs = OrderInputs { context: &ctx, beacon: b"x" };
        let key = order_key(&secret, inputs);
        let mut slow = canonical_ids(&ids).unwrap();
        slow.sort_by_key(|id| score(&key, id));
        assert_eq!(order(&ids, &secret, inputs).unwrap(), slow);
    }
}
