//! Compiles the default templates into the crate, so a binary copied to another machine
//! (or installed with `cargo install`) renders a site without the source tree.
//!
//! Every file under `site-templates/` becomes one entry of `DEFAULTS` in
//! `$OUT_DIR/default_templates.rs`: its path relative to that folder (always with `/`) and
//! its bytes through `include_bytes!`. Generated rather than listed by hand, so a new
//! template or asset cannot be forgotten; `templates.rs` decides what each file is.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let root = manifest.join("../../site-templates");
    // A folder here makes cargo rerun this script when any file below it changes.
    println!("cargo::rerun-if-changed={}", root.display());
    println!("cargo::rerun-if-changed=build.rs");

    let mut files = Vec::new();
    collect(&root, &root, &mut files);
    files.sort();
    assert!(!files.is_empty(), "no default templates under {}", root.display());

    let mut table = String::from("/// Every file of `site-templates/`: relative path, bytes.\n");
    table.push_str("pub(crate) static DEFAULTS: &[(&str, &[u8])] = &[\n");
    for (relative, absolute) in &files {
        let absolute = absolute.to_str().expect("template paths are UTF-8");
        writeln!(table, "    ({relative:?}, include_bytes!({absolute:?})),").unwrap();
    }
    table.push_str("];\n");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out.join("default_templates.rs"), table).expect("write default_templates.rs");
}

fn collect(root: &Path, folder: &Path, files: &mut Vec<(String, PathBuf)>) {
    let entries = std::fs::read_dir(folder).unwrap_or_else(|e| panic!("read {}: {e}", folder.display()));
    for entry in entries {
        let path = entry.expect("read a folder entry").path();
        if path.is_dir() {
            collect(root, &path, files);
        } else {
            let relative = path.strip_prefix(root).expect("below the root");
            let relative: Vec<String> =
                relative.components().map(|c| c.as_os_str().to_str().expect("UTF-8 name").to_string()).collect();
            let absolute = path.canonicalize().expect("canonical path");
            files.push((relative.join("/"), absolute));
        }
    }
}
