//! Property tests of the order and of the log's tamper evidence.

mod common;

use expertpool_draw::encoding::tagged_hash;
use expertpool_draw::{OrderInputs, order, verify_log};
use proptest::prelude::*;
use std::collections::BTreeSet;

fn ids_strategy(min: usize) -> impl Strategy<Value = Vec<String>> {
    prop::collection::btree_set("[A-Za-z0-9专家甲乙丙-]{1,8}", min..40).prop_map(|s| s.into_iter().collect())
}

fn ord(ids: &[String], secret: &[u8; 32], ctx: &[u8; 32], beacon: &[u8]) -> Vec<String> {
    order(ids, secret, OrderInputs { context: ctx, beacon }).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, rng_seed: proptest::test_runner::RngSeed::Fixed(20261123), ..ProptestConfig::default() })]

    #[test]
    fn order_is_a_permutation(ids in ids_strategy(1), secret in any::<[u8; 32]>(), ctx in any::<[u8; 32]>()) {
        let o = ord(&ids, &secret, &ctx, b"");
        prop_assert_eq!(o.len(), ids.len());
        prop_assert_eq!(o.iter().collect::<BTreeSet<_>>(), ids.iter().collect::<BTreeSet<_>>());
    }

    #[test]
    fn same_inputs_same_order_whatever_the_listing(ids in ids_strategy(1), secret in any::<[u8; 32]>(), ctx in any::<[u8; 32]>(), seed in any::<u64>()) {
        let mut shuffled = ids.clone();
        // A deterministic shuffle driven by the generated seed.
        shuffled.sort_by_key(|s| tagged_hash("test-shuffle", [s.as_bytes(), &seed.to_be_bytes()]));
        prop_assert_eq!(ord(&ids, &secret, &ctx, b"x"), ord(&shuffled, &secret, &ctx, b"x"));
    }

    // With 12 or more ids an unchanged order by chance has probability below 1/12! ≈ 2e-9.
    #[test]
    fn any_single_input_change_changes_the_order(
        ids in ids_strategy(12), secret in any::<[u8; 32]>(), ctx in any::<[u8; 32]>(),
        beacon in prop::collection::vec(any::<u8>(), 0..48), byte in 0usize..32, bit in 0u8..8, which in any::<prop::sample::Index>(),
    ) {
        let base = ord(&ids, &secret, &ctx, &beacon);
        let mut s2 = secret; s2[byte] ^= 1 << bit;
        prop_assert_ne!(&base, &ord(&ids, &s2, &ctx, &beacon), "secret");
        let mut c2 = ctx; c2[byte] ^= 1 << bit;
        prop_assert_ne!(&base, &ord(&ids, &secret, &c2, &beacon), "context (request and commit)");
        let mut b2 = beacon.clone(); b2.push(0);
        prop_assert_ne!(&base, &ord(&ids, &secret, &ctx, &b2), "beacon");
        let mut ids2 = ids.clone();
        let i = which.index(ids2.len());
        ids2[i] = format!("{}\u{2060}", ids2[i]);
        let o2 = ord(&ids2, &secret, &ctx, &beacon);
        prop_assert_ne!(&base, &o2, "one id");
        // Removing an id keeps the others' relative order (a property of sort-by-score).
        let removed = ids[i].clone();
        let mut ids3 = ids.clone(); ids3.remove(i);
        let kept: Vec<String> = base.iter().filter(|x| **x != removed).cloned().collect();
        prop_assert_eq!(kept, ord(&ids3, &secret, &ctx, &beacon));
    }

    #[test]
    fn any_edit_of_any_entry_is_detected(pos in any::<prop::sample::Index>(), replacement in 0x20u8..0x7f) {
        let text = serde_json::to_string(&common::full_log().export()).unwrap();
        let start = text.find("\"entries\":[").unwrap() + 11;
        let end = text.find("],\"format\"").unwrap();
        let chars: Vec<(usize, char)> = text[start..end].char_indices().collect();
        let (off, old) = chars[pos.index(chars.len())];
        prop_assume!(old != replacement as char);
        let at = start + off;
        let tampered = format!("{}{}{}", &text[..at], replacement as char, &text[at + old.len_utf8()..]);
        prop_assert!(!verify_log(&tampered).ok(), "edit at byte {} ({:?} -> {:?}) went unnoticed", at, old, replacement as char);
    }

    #[test]
    fn verifier_never_panics(cut in any::<prop::sample::Index>(), junk in ".{0,40}") {
        let text = serde_json::to_string(&common::full_log().export()).unwrap();
        let mut at = cut.index(text.len());
        while !text.is_char_boundary(at) { at -= 1; }
        let _ = verify_log(&format!("{}{}", &text[..at], junk));
        let _ = verify_log(&junk);
    }
}

/// Over many secrets each expert lands in each position equally often.
/// 10 experts, 20,000 secrets from a fixed derivation; for every expert the
/// chi-square statistic of its 10 position counts (9 degrees of freedom) must
/// stay below 27.88, the 0.999 quantile. Deterministic, so it cannot flake.
#[test]
fn positions_are_uniform_chi_square() {
    let ids: Vec<String> = (0..10).map(|i| format!("E{i:02}")).collect();
    let ctx = tagged_hash("test-vector", [b"chi-square context".as_slice()]);
    let rounds = 20_000u32;
    let mut counts = [[0u32; 10]; 10];
    for r in 0..rounds {
        let secret = tagged_hash("test-vector", [b"chi-square".as_slice(), &r.to_be_bytes()]);
        for (pos, id) in ord(&ids, &secret, &ctx, b"").iter().enumerate() {
            let e: usize = id[1..].parse().unwrap();
            counts[e][pos] += 1;
        }
    }
    let expected = rounds as f64 / 10.0;
    for (e, row) in counts.iter().enumerate() {
        let chi: f64 = row.iter().map(|&c| (c as f64 - expected).powi(2) / expected).sum();
        assert!(chi < 27.88, "expert E{e:02}: chi-square {chi:.2} over positions {row:?}");
    }
}
