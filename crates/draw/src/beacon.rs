//! Public randomness beacons of `expertpool-draw/v2` (spec §10.3): what a commit
//! names, what a run must carry, and how each value is checked.
//!
//! Three kinds exist. A drand quicknet round is the anchor: its value is a BLS
//! signature nobody can compute before the round's time, checked here against the
//! pinned public key. A public lottery draw serves bureaus whose servers cannot reach
//! the internet (as RFC 3797 uses lottery numbers): staff type the published result,
//! observers compare it with the official publication. `none` is the visibly weaker
//! fallback: the order then rests on the service's sealed secret alone.

use drand_verify::{G2PubkeyRfc, Pubkey};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use unicode_normalization::UnicodeNormalization;

use crate::encoding::{Hash, sha256, tagged_hash, to_hex};

/// Chain hash of drand quicknet (unchained, `bls-unchained-g1-rfc9380`).
pub const QUICKNET_CHAIN_HASH: &str = "52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971";
/// The quicknet group public key (a G2 point, compressed, hex).
pub const QUICKNET_PUBLIC_KEY: &str = "83cf0f2896adee7eb8b5f01fcad3912212c437e0073e911fb90022d3e760183c8c4b450b6a0a6c3ac6a5776a2d1064510d1fec758c921cc22b0e17e63aaf4bcb5ed66304de9cf809bd274ca73bab4af5a6e9c76a4bc09e76eae8991ef5ece45a";
/// Unix time of quicknet round 1.
pub const QUICKNET_GENESIS: i64 = 1_692_803_367;
/// Seconds between quicknet rounds.
pub const QUICKNET_PERIOD: i64 = 3;
/// How long after the commit the service's named round starts at the earliest: long
/// enough for the commit to be durable and published before the round exists.
pub const DRAND_MARGIN_SECONDS: i64 = 60;
/// Length of a quicknet signature (a compressed G1 point) in bytes.
pub const DRAND_SIGNATURE_LEN: usize = 48;

/// The beacon a v2 commit names (`beacon` in its body).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Beacon {
    /// A drand quicknet round whose time is after the commit.
    Drand {
        /// [`QUICKNET_CHAIN_HASH`]; no other chain is accepted.
        chain_hash: String,
        /// The round named.
        round: u64,
    },
    /// A public lottery draw held after the commit.
    Lottery {
        /// The lottery's name, e.g. `福彩3D`.
        lottery: String,
        /// The draw's issue number (期号), e.g. `2026321`.
        issue: String,
        /// Date of the draw (Beijing), `YYYY-MM-DD`, after the commit's date.
        draw_date: String,
        /// Where the result is officially published.
        url: String,
    },
    /// No beacon: the order rests on the service's sealed secret alone.
    None,
}

impl Beacon {
    /// The drand quicknet beacon of the first round at least [`DRAND_MARGIN_SECONDS`]
    /// after `commit_unix`.
    pub fn drand_after(commit_unix: i64) -> Beacon {
        Beacon::Drand {
            chain_hash: QUICKNET_CHAIN_HASH.into(),
            round: first_round_at_or_after(commit_unix + DRAND_MARGIN_SECONDS),
        }
    }
    /// The wire code of the kind: `drand`, `lottery` or `none`.
    pub fn kind(&self) -> &'static str {
        match self {
            Beacon::Drand { .. } => "drand",
            Beacon::Lottery { .. } => "lottery",
            Beacon::None => "none",
        }
    }
}

/// What a v2 run entry carries to prove its beacon value (`beacon_evidence`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum BeaconEvidence {
    /// The drand round's signature (lower-case hex of 48 bytes).
    Drand {
        /// The round, equal to the commit's.
        round: u64,
        /// Lower-case hex.
        signature: String,
    },
    /// The lottery result as staff typed it from the official publication.
    Lottery {
        /// The text typed; normalised by [`normalise_lottery_result`].
        result: String,
    },
}

/// Unix time of quicknet round `round` (round 1 at genesis).
pub fn drand_round_time(round: u64) -> i64 {
    QUICKNET_GENESIS + (round.saturating_sub(1) as i64).saturating_mul(QUICKNET_PERIOD)
}

/// The first quicknet round whose time is at or after `unix`.
pub fn first_round_at_or_after(unix: i64) -> u64 {
    if unix <= QUICKNET_GENESIS {
        return 1;
    }
    let d = unix - QUICKNET_GENESIS;
    (d / QUICKNET_PERIOD + i64::from(d % QUICKNET_PERIOD != 0) + 1) as u64
}

/// Checks a quicknet signature of `round` against the pinned public key.
pub fn verify_drand_signature(round: u64, signature: &[u8]) -> Result<(), String> {
    let mut pk = [0u8; 96];
    hex::decode_to_slice(QUICKNET_PUBLIC_KEY, &mut pk).map_err(|e| e.to_string())?;
    let pk = G2PubkeyRfc::from_fixed(pk).map_err(|e| format!("pinned key unreadable: {e}"))?;
    match pk.verify(round, b"", signature) {
        Ok(true) => Ok(()),
        Ok(false) => Err(format!("the signature is not quicknet's signature of round {round}")),
        Err(e) => Err(format!("the signature is not a point of the curve: {e}")),
    }
}

/// drand's randomness of a round: `SHA-256(signature)`.
pub fn drand_randomness(signature: &[u8]) -> Hash {
    sha256(&[signature])
}

/// Unicode White_Space (spec §10.1): what a blank text consists of and what is trimmed.
pub fn is_white_space(c: char) -> bool {
    matches!(c, '\u{9}'..='\u{d}' | ' ' | '\u{85}' | '\u{a0}' | '\u{1680}' | '\u{2000}'..='\u{200a}' | '\u{2028}' | '\u{2029}' | '\u{202f}' | '\u{205f}' | '\u{3000}')
}

/// True when `s` is empty after trimming White_Space (spec §10.1), e.g. `"　"` (U+3000).
pub fn is_blank(s: &str) -> bool {
    s.chars().all(is_white_space)
}

/// The normal form of a lottery result (spec §10.3): NFKC (so full-width digits become
/// ASCII), then every maximal run of ASCII digits in order, each without leading zeros
/// (`0` when all zeros), joined by `,`. Every other character only separates. A text
/// without digits is refused.
pub fn normalise_lottery_result(text: &str) -> Result<String, String> {
    let folded: String = text.nfkc().collect();
    let numbers: Vec<String> = folded
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .map(|p| {
            let t = p.trim_start_matches('0');
            if t.is_empty() { "0".to_owned() } else { t.to_owned() }
        })
        .collect();
    if numbers.is_empty() {
        return Err("the lottery result has no numbers".into());
    }
    Ok(numbers.join(","))
}

/// The beacon value of a lottery draw: `H("lottery", lottery, issue, normalised result)`.
pub fn lottery_value(lottery: &str, issue: &str, result: &str) -> Result<Hash, String> {
    let n = normalise_lottery_result(result)?;
    Ok(tagged_hash("lottery", [lottery.as_bytes(), issue.as_bytes(), n.as_bytes()]))
}

fn is_lower_hex(s: &str, bytes: usize) -> bool {
    s.len() == 2 * bytes && s.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// Reads a commit's `beacon` (v2): one of the three kinds, fields well-formed, a drand
/// round after `commit_unix` (strictly), a lottery draw dated after the commit's date in
/// Beijing (`commit_date_beijing`).
pub fn check_named(v: &Value, commit_unix: i64, commit_date_beijing: &str) -> Result<Beacon, String> {
    let b = Beacon::deserialize(v).map_err(|e| {
        format!("beacon must be {{kind: drand, chain_hash, round}}, {{kind: lottery, lottery, issue, draw_date, url}} or {{kind: none}}: {e}")
    })?;
    match &b {
        Beacon::Drand { chain_hash, round } => {
            if chain_hash != QUICKNET_CHAIN_HASH {
                return Err(format!("beacon chain {chain_hash} is not drand quicknet ({QUICKNET_CHAIN_HASH})"));
            }
            if *round == 0 || *round >= 1 << 53 {
                return Err("beacon round out of range".into());
            }
            if drand_round_time(*round) <= commit_unix {
                return Err(format!("drand round {round} is not after the commit time"));
            }
        }
        Beacon::Lottery { lottery, issue, draw_date, url } => {
            if is_blank(lottery) || is_blank(issue) {
                return Err("a lottery beacon names the lottery and the issue".into());
            }
            if !(url.starts_with("https://") || url.starts_with("http://")) || url.chars().any(is_white_space) {
                return Err("the lottery's publication url must be an http(s) address".into());
            }
            if !crate::encoding::is_date(draw_date) {
                return Err(format!("draw_date {draw_date:?} is not YYYY-MM-DD"));
            }
            if draw_date.as_str() <= commit_date_beijing {
                return Err(format!(
                    "the lottery draw of {draw_date} is not after the commit's day {commit_date_beijing} (UTC+8)"
                ));
            }
        }
        Beacon::None => {}
    }
    Ok(b)
}

/// How far a run's beacon was checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BeaconChecked {
    /// The bytes that enter the order key (empty for `none`).
    pub value: Vec<u8>,
    /// For drand: the round and signature whose BLS check remains ([`verify_drand_signature`]).
    pub drand: Option<(u64, Vec<u8>)>,
    /// What was found, for the report.
    pub detail: String,
}

/// Checks a v2 run's `beacon_value` and `beacon_evidence` against the named beacon
/// (everything but the BLS pairing, which [`BeaconChecked::drand`] leaves to the
/// caller): strict lower-case hex of the exact length, the value recomputed from the
/// evidence, and the run not before the round's time or the lottery's day.
pub fn check_run(
    named: &Beacon,
    value: &Value,
    evidence: &Value,
    run_unix: i64,
    run_date_beijing: &str,
) -> Result<BeaconChecked, String> {
    match named {
        Beacon::None => {
            if !value.is_null() || !evidence.is_null() {
                return Err("no beacon was named: beacon_value and beacon_evidence must be null".into());
            }
            Ok(BeaconChecked {
                value: vec![],
                drand: None,
                detail: "no beacon (weaker: the order rests on the sealed secret alone)".into(),
            })
        }
        Beacon::Drand { round, .. } => {
            let v = value
                .as_str()
                .filter(|s| is_lower_hex(s, 32))
                .ok_or("beacon_value must be 64 lower-case hex digits")?;
            let ev =
                evidence.as_object().filter(|m| m.len() == 2).ok_or("beacon_evidence must be {round, signature}")?;
            if ev.get("round").and_then(Value::as_u64) != Some(*round) {
                return Err(format!("beacon_evidence.round must be the named round {round}"));
            }
            let sig = ev
                .get("signature")
                .and_then(Value::as_str)
                .filter(|s| is_lower_hex(s, DRAND_SIGNATURE_LEN))
                .ok_or("beacon_evidence.signature must be 96 lower-case hex digits")?;
            let sig = hex::decode(sig).map_err(|e| e.to_string())?;
            if to_hex(&drand_randomness(&sig)) != v {
                return Err("beacon_value is not SHA-256 of the round's signature".into());
            }
            if run_unix < drand_round_time(*round) {
                return Err(format!("run before drand round {round} existed"));
            }
            Ok(BeaconChecked {
                value: hex::decode(v).map_err(|e| e.to_string())?,
                drand: Some((*round, sig)),
                detail: format!("drand quicknet round {round}: value is SHA-256 of its signature"),
            })
        }
        Beacon::Lottery { lottery, issue, draw_date, .. } => {
            let v = value
                .as_str()
                .filter(|s| is_lower_hex(s, 32))
                .ok_or("beacon_value must be 64 lower-case hex digits")?;
            let ev = evidence.as_object().filter(|m| m.len() == 1).ok_or("beacon_evidence must be {result}")?;
            let result = ev.get("result").and_then(Value::as_str).ok_or("beacon_evidence.result must be a string")?;
            let want = lottery_value(lottery, issue, result)?;
            if to_hex(&want) != v {
                return Err("beacon_value is not the hash of the lottery result".into());
            }
            if run_date_beijing < draw_date.as_str() {
                return Err(format!("run before the lottery draw of {draw_date}"));
            }
            Ok(BeaconChecked {
                value: want.to_vec(),
                drand: None,
                detail: format!(
                    "{lottery} {issue}: result {} (compare with the publication)",
                    normalise_lottery_result(result)?
                ),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Real quicknet rounds (drand's public API): signature and published randomness.
    const ROUND_123: &str =
        "b75c69d0b72a5d906e854e808ba7e2accb1542ac355ae486d591aa9d43765482e26cd02df835d3546d23c4b13e0dfc92";

    /// Round 657413 (2023-09-15T11:00:03Z) and its published randomness.
    pub(crate) const ROUND_657413: &str =
        "b713718a38ae728dfd477991af2822e08d2f305e47718cef9f7848ce4050e7be41076862b98fad56e91a6b85b89cd97b";
    const RANDOMNESS_657413: &str = "fc1873a13f3545aeade8401532ef5519920652eee6b0d2b19ca12643b87b3587";

    #[test]
    fn the_randomness_is_sha256_of_the_signature() {
        let sig = hex::decode(ROUND_657413).unwrap();
        verify_drand_signature(657_413, &sig).unwrap();
        assert_eq!(to_hex(&drand_randomness(&sig)), RANDOMNESS_657413);
        assert_eq!(drand_round_time(657_413), 1_694_775_603);
    }

    #[test]
    fn a_real_quicknet_round_verifies_and_an_edited_one_does_not() {
        let sig = hex::decode(ROUND_123).unwrap();
        verify_drand_signature(123, &sig).unwrap();
        assert!(verify_drand_signature(124, &sig).is_err(), "another round's message");
        let mut bad = sig.clone();
        bad[47] ^= 1;
        assert!(verify_drand_signature(123, &bad).is_err());
    }

    #[test]
    fn rounds_and_times() {
        assert_eq!(drand_round_time(1), QUICKNET_GENESIS);
        assert_eq!(first_round_at_or_after(QUICKNET_GENESIS), 1);
        assert_eq!(first_round_at_or_after(QUICKNET_GENESIS + 1), 2);
        assert_eq!(first_round_at_or_after(QUICKNET_GENESIS + 3), 2);
        assert_eq!(first_round_at_or_after(QUICKNET_GENESIS + 4), 3);
        for t in [QUICKNET_GENESIS + 5, QUICKNET_GENESIS + 1_000_001] {
            let r = first_round_at_or_after(t);
            assert!(drand_round_time(r) >= t && drand_round_time(r - 1) < t);
        }
    }

    #[test]
    fn lottery_results_normalise() {
        assert_eq!(normalise_lottery_result("3 7 1").unwrap(), "3,7,1");
        assert_eq!(normalise_lottery_result("０３，07、80").unwrap(), "3,7,80");
        assert_eq!(normalise_lottery_result(" 000 ").unwrap(), "0");
        assert!(normalise_lottery_result("　").is_err());
        assert!(is_blank(" \u{3000}\t") && !is_blank(" x "));
    }
}
