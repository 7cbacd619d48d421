//! `expertpool verify`: checks a public draw log (spec: docs/draw-protocol.md), read from
//! a file or fetched from an address, as a whole or for one draw (`--draw`), and prints a
//! summary for people (in the language of the global `--lang`) and then every check; exit 1
//! on any failed check (of that draw, with `--draw`).

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Context, anyhow, bail};
use expertpool_draw::verify_log;
use expertpool_i18n::t;
use serde_json::Value;

use crate::http::{Client, is_url, join};
use crate::verify_scope::{draw_scope, draw_summary, localize_witness_checks, scoped_report, summary};

#[derive(clap::Args)]
pub struct Args {
    pub source: String,
    #[arg(long, value_name = "ID")]
    pub draw: Option<String>,
    #[arg(long, default_value = "text", value_parser = ["text", "json"])]
    pub format: String,
}

/// The log's text, from a file or an address. A bare service address gets the export
/// endpoint; any other address is fetched as given.
fn read_source(source: &str) -> anyhow::Result<String> {
    if !is_url(source) {
        return std::fs::read_to_string(source)
            .map_err(|e| anyhow!(t!("verify-read-failed", source = source, error = e)));
    }
    let after_host = source.splitn(4, '/').nth(3).unwrap_or("");
    let url = if after_host.is_empty() { join(source, "/api/log/export") } else { source.to_owned() };
    let answer = Client::new().get(&url)?;
    if answer.status != 200 {
        bail!(t!("verify-http-status", url = url, status = answer.status, detail = answer.error_text()));
    }
    Ok(answer.body)
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let text = read_source(&args.source)?;
    let mut report = verify_log(&text);
    let doc: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
    localize_witness_checks(&mut report);
    // Written, not printed: `print!` panics when the reader has gone (`verify LOG | head`);
    // the write error reaches main, which ends quietly on a broken pipe.
    let mut out = std::io::stdout().lock();
    let (shown, said) = match &args.draw {
        None => {
            let said = summary(&report, &doc);
            (report, said)
        }
        Some(id) => {
            let scope = draw_scope(&doc, &report, id).with_context(|| t!("verify-no-such-draw", id = id))?;
            let scoped = scoped_report(&report, &scope);
            let said = draw_summary(&report, &scoped, &scope);
            (scoped, said)
        }
    };
    if args.format == "json" {
        writeln!(out, "{}", serde_json::to_string_pretty(&shown)?)?;
    } else {
        write!(out, "{said}\n{shown}")?;
    }
    out.flush()?;
    Ok(if shown.ok() { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}
