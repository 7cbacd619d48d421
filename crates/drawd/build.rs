//! Makes `EXPERTPOOL_SNAPSHOT_SHAPE`: a digest of the source of every struct a replay
//! snapshot holds (the draw crate's log and verifier, the service's indexes). A snapshot
//! records it and is used only by a build with the same digest, so a changed layout can
//! never be read as the old one (src/snapshot.rs).

use sha2::{Digest, Sha256};
use std::path::Path;

fn main() {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<_> = std::fs::read_dir(manifest.join("../draw/src"))
        .map(|d| d.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default();
    for own in ["service.rs", "noshows.rs", "snapshot.rs", "journal.rs"] {
        files.push(manifest.join("src").join(own));
    }
    files.retain(|p| p.extension().is_some_and(|x| x == "rs"));
    files.sort();
    let mut h = Sha256::new();
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        h.update(f.file_name().unwrap_or_default().as_encoded_bytes());
        h.update(std::fs::read(f).unwrap_or_default());
    }
    println!("cargo:rerun-if-changed=../draw/src");
    let hex: String = h.finalize().iter().map(|b| format!("{b:02x}")).collect();
    println!("cargo:rustc-env=EXPERTPOOL_SNAPSHOT_SHAPE={hex}");
}
