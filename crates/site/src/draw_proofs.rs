//! Per-draw proof files (`draws/<id>/proof.json`): what a draw page needs to verify that
//! draw in the browser without downloading the whole log — its entries (with payloads once
//! revealed), each entry's hash, an RFC 9162 inclusion proof of that hash in the tree the
//! latest checkpoint signs, and the checkpoint itself with the log's public key.
//!
//! The page recomputes each entry's hash from its content and checks it against the stated
//! hash, the stated hash against the signed tree, and the signature. For a verdict that
//! names the entry that was edited (not its successor), the stated hashes must be the ones
//! the checkpoint signed, not hashes recomputed from a possibly edited file. The builder
//! therefore states, for each entry, the hash its successor's `prev` records when that
//! choice is what makes the tree match the checkpoint ([`signed_leaves`]): an edited entry
//! then shows as "content differs from its hash", and an edited `prev` as that entry's own
//! hash mismatch. Nothing here is trusted by the page: a wrong choice only fails there.

use crate::draws::DrawLog;
use expertpool_draw::encoding::{hash_from_hex, sha256, to_hex};
use expertpool_draw::merkle::{leaf_hash, node_hash};
use expertpool_draw::{Hash, LogEntry};
use serde::Serialize;
use std::collections::BTreeMap;

/// The proof file's format name.
pub(crate) const PROOF_FORMAT: &str = "expertpool-draw-proof/v1";

/// Candidate edits tried when the tree does not match the checkpoint (2^n roots each).
const MAX_BREAKS: usize = 6;

#[derive(Serialize)]
struct ProofFile<'a> {
    format: &'static str,
    draw: &'a str,
    origin: &'a str,
    key_name: &'a str,
    public_key: &'a str,
    /// The latest signed checkpoint, `null` if the log has none.
    checkpoint: Option<&'a str>,
    /// Entries in the whole log when the site was built.
    log_entries: usize,
    entries: Vec<ProofEntry<'a>>,
}

#[derive(Serialize)]
struct ProofEntry<'a> {
    /// Position in the log (the leaf index the proof is for).
    index: usize,
    entry: &'a LogEntry<String>,
    /// The entry hash as the signed tree has it (hex).
    hash: String,
    /// Audit path to the checkpoint's root, bottom up; `null` when the checkpoint does not
    /// cover the entry yet.
    proof: Option<Vec<String>>,
}

/// The size and root a checkpoint note states (signature not checked: the page does that).
fn checkpoint_tree(note: &str) -> Option<(usize, Hash)> {
    let mut lines = note.lines();
    lines.next()?;
    let size = lines.next()?.parse().ok()?;
    let root = base64_decode(lines.next()?)?;
    Some((size, root.try_into().ok()?))
}

fn base64_decode(text: &str) -> Option<Vec<u8>> {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in text.trim_end_matches('=').bytes() {
        let v = ALPHABET.iter().position(|&a| a == c)? as u32;
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    Some(out)
}

/// The levels of the tree over `leaves` (already leaf-hashed), bottom up: an odd last node
/// moves up unchanged, which gives RFC 9162's tree (split at the largest power of two).
fn levels(leaves: Vec<Hash>) -> Vec<Vec<Hash>> {
    let mut levels = vec![leaves];
    while levels.last().is_some_and(|l| l.len() > 1) {
        let below = levels.last().expect("non-empty");
        let above = below.chunks(2).map(|p| if p.len() == 2 { node_hash(&p[0], &p[1]) } else { p[0] }).collect();
        levels.push(above);
    }
    levels
}

fn root_of(levels: &[Vec<Hash>]) -> Hash {
    levels.last().and_then(|l| l.first()).copied().unwrap_or_else(|| sha256(&[]))
}

/// The audit path of leaf `index`, bottom up (RFC 9162 §2.1.3.1).
fn audit_path(levels: &[Vec<Hash>], mut index: usize) -> Vec<Hash> {
    let mut path = Vec::new();
    for level in &levels[..levels.len().saturating_sub(1)] {
        let sibling = index ^ 1;
        if sibling < level.len() {
            path.push(level[sibling]);
        }
        index /= 2;
    }
    path
}

/// The entry hashes the checkpoint signed, as far as the file lets them be found: the
/// recomputed hashes when they match; else, where an entry's hash and its successor's
/// `prev` disagree (an edit), whichever of the two makes the tree match. Returns the
/// recomputed hashes when nothing matches (the page then reports the tree mismatch).
pub(crate) fn signed_leaves(entries: &[LogEntry<String>], checkpoint: Option<(usize, Hash)>) -> Vec<Hash> {
    let recomputed: Vec<Hash> = entries.iter().map(|e| e.hash().unwrap_or([0; 32])).collect();
    let Some((size, root)) = checkpoint.filter(|(size, _)| *size <= entries.len()) else { return recomputed };
    let tree_root = |hashes: &[Hash]| root_of(&levels(hashes[..size].iter().map(|h| leaf_hash(h)).collect()));
    if tree_root(&recomputed) == root {
        return recomputed;
    }
    let stated = |i: usize| entries.get(i + 1).and_then(|next| hash_from_hex(&next.prev).ok());
    let breaks: Vec<usize> =
        (0..size).filter(|&i| stated(i).is_some_and(|s| s != recomputed[i])).take(MAX_BREAKS + 1).collect();
    if breaks.is_empty() || breaks.len() > MAX_BREAKS {
        return recomputed;
    }
    for choice in 1u32..(1 << breaks.len()) {
        let mut hashes = recomputed.clone();
        for (bit, &i) in breaks.iter().enumerate() {
            if choice & (1 << bit) != 0 {
                hashes[i] = stated(i).expect("a break has a stated hash");
            }
        }
        if tree_root(&hashes) == root {
            return hashes;
        }
    }
    recomputed
}

/// One proof file per draw: output path → bytes.
pub(crate) fn proof_files(log: &DrawLog) -> BTreeMap<String, Vec<u8>> {
    let tree = log.checkpoint.as_deref().and_then(checkpoint_tree);
    let hashes = signed_leaves(&log.entries, tree);
    let size = tree.map_or(0, |(size, _)| size.min(hashes.len()));
    let levels = levels(hashes[..size].iter().map(|h| leaf_hash(h)).collect());
    let mut by_draw: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, e) in log.entries.iter().enumerate() {
        by_draw.entry(e.draw.as_str()).or_default().push(i);
    }
    by_draw
        .into_iter()
        .map(|(draw, indexes)| {
            let entries = indexes
                .into_iter()
                .map(|i| ProofEntry {
                    index: i,
                    entry: &log.entries[i],
                    hash: to_hex(&hashes[i]),
                    proof: (i < size).then(|| audit_path(&levels, i).iter().map(|h| to_hex(h)).collect()),
                })
                .collect();
            let file = ProofFile {
                format: PROOF_FORMAT,
                draw,
                origin: &log.summary.origin,
                key_name: &log.summary.key_name,
                public_key: &log.summary.public_key,
                checkpoint: log.checkpoint.as_deref(),
                log_entries: log.entries.len(),
                entries,
            };
            let path = format!("{}proof.json", crate::urls::draw(draw));
            (path, serde_json::to_vec(&file).expect("a proof file is JSON"))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use expertpool_draw::merkle::{inclusion_proof, root, verify_inclusion};

    fn hashes(n: usize) -> Vec<Hash> {
        (0..n).map(|i| sha256(&[&(i as u64).to_be_bytes()])).collect()
    }

    /// The level tree is RFC 9162's: same root and same audit paths as the crate's
    /// recursive definition, for every size up to 40 and every leaf.
    #[test]
    fn level_tree_matches_rfc_9162() {
        for n in 1..=40 {
            let leaves: Vec<Hash> = hashes(n).iter().map(|h| leaf_hash(h)).collect();
            let lv = levels(leaves.clone());
            assert_eq!(root_of(&lv), root(&leaves), "root of {n}");
            for m in 0..n {
                let path = audit_path(&lv, m);
                assert_eq!(Some(path.clone()), inclusion_proof(&leaves, m), "path {m} of {n}");
                assert!(verify_inclusion(&leaves[m], m as u64, n as u64, &path, &root(&leaves)));
            }
        }
    }

    /// An edited entry, or an edited `prev`, leaves the stated hashes those the checkpoint
    /// signed, so the page can name the edited entry itself.
    #[test]
    fn stated_hashes_are_the_signed_ones_after_an_edit() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content/draws/log.json");
        let log = crate::draws::read_file(&path).unwrap().unwrap();
        let tree = checkpoint_tree(log.checkpoint.as_deref().unwrap());
        let signed = signed_leaves(&log.entries, tree);
        assert_eq!(tree.unwrap().0, log.entries.len());
        let mut body = log.entries.clone();
        body[3].body["reason"] = serde_json::json!("另有安排");
        assert_eq!(signed_leaves(&body, tree), signed, "an edited body keeps the signed hash");
        assert_ne!(body[3].hash().unwrap(), signed[3]);
        let mut prev = log.entries.clone();
        prev[9].prev = "11".repeat(32);
        let stated = signed_leaves(&prev, tree);
        assert_eq!(stated, signed, "an edited prev blames its own entry, not the one before");
        assert_ne!(prev[9].hash().unwrap(), stated[9]);
        assert_eq!(prev[8].hash().unwrap(), stated[8]);
    }

    #[test]
    fn base64_roots_decode() {
        assert_eq!(base64_decode("AAEC/w==").unwrap(), vec![0, 1, 2, 255]);
        assert_eq!(base64_decode("*"), None);
    }
}
