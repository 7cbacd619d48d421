//! `expertpool export-log`: writes the public draw log (the protocol's public export,
//! payloads of unrevealed draws withheld) from a data folder, for the site and observers.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;

#[derive(clap::Args)]
pub struct Args {
    #[arg(long, default_value = "data")]
    pub data: PathBuf,
    #[arg(long)]
    pub out: PathBuf,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let mut export = expertpool_drawd::export_from_data(&args.data)?;
    // The latest checkpoint each witness cosigned (docs/draw-protocol.md §5.7).
    let size = export["entries"].as_array().map_or(0, Vec::len) as u64;
    export["witnesses"] = expertpool_drawd::witnesses_for_export(&args.data, size)
        .with_context(|| format!("cannot read the witnesses' cosignatures in {}", args.data.display()))?;
    if let Some(dir) = args.out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    let text = serde_json::to_string_pretty(&export)?;
    expertpool_drawd::write_atomically(&args.out, text.as_bytes())
        .with_context(|| format!("cannot write {}", args.out.display()))?;
    let n = export["entries"].as_array().map_or(0, Vec::len);
    eprintln!("wrote {} ({n} entries)", args.out.display());
    Ok(ExitCode::SUCCESS)
}
