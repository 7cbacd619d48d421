//! `expertpool check`: load, validate, print diagnostics; exit 1 on any error.

use crate::today::today_in;
use expertpool_private::{load_private_with, validate};
use expertpool_records::diagnostic::{Diagnostic, Severity, count};
use expertpool_records::load::load_public_with;
use expertpool_records::source::KeepText;
use expertpool_records::validate::sort;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

#[derive(clap::Args)]
pub struct Args {
    #[arg(long, default_value = "content")]
    pub content: PathBuf,
    #[arg(long, default_value = "text", value_parser = ["text", "json"])]
    pub format: String,
    #[arg(long)]
    pub today: Option<String>,
    #[arg(long, short)]
    pub verbose: bool,
    #[arg(long, hide = true)]
    pub no_notes: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    if !args.content.is_dir() {
        anyhow::bail!(expertpool_i18n::t!("cli-check-no-content", path = args.content.display()));
    }
    let today = today_in(&args.content, args.today.as_deref())?;
    let (diagnostics, summary) = check(&args.content, today);
    let mut diagnostics: Vec<Diagnostic> = diagnostics;
    let all = diagnostics.len();
    if !args.verbose {
        diagnostics.retain(|d| d.severity != Severity::Note);
    }
    let hidden_notes = all - diagnostics.len();
    let (errors, warnings) = count(&diagnostics);
    let mut out = std::io::stdout().lock();
    if args.format == "json" {
        serde_json::to_writer_pretty(&mut out, &diagnostics)?;
        writeln!(out)?;
    } else {
        for d in &diagnostics {
            if d.severity == Severity::Note {
                writeln!(out, "{}", d.headline())?;
            } else {
                writeln!(out, "{}", d.render())?;
            }
        }
        let ms = started.elapsed().as_millis();
        writeln!(
            out,
            "{}",
            expertpool_i18n::t!("cli-check-summary", summary = summary, ms = ms, errors = errors, warnings = warnings)
        )?;
        if hidden_notes > 0 {
            writeln!(out, "{}", expertpool_i18n::t!("cli-check-hidden-notes", count = hidden_notes))?;
        }
    }
    Ok(if errors > 0 { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

/// Loads both halves and validates; returns the diagnostics and a one-line summary.
pub fn check(content: &std::path::Path, today: expertpool_records::Date) -> (Vec<Diagnostic>, String) {
    // Most records are clean: their text is read again only for a diagnostic that quotes it.
    let keep = KeepText::OnlyBroken;
    let (public, private) = rayon::join(|| load_public_with(content, keep), || load_private_with(content, keep));
    let mut diagnostics = public.diagnostics;
    diagnostics.extend(private.diagnostics);
    let summary = match &public.value {
        Some(instance) => {
            diagnostics.extend(validate(instance, private.value.as_ref(), today));
            let experts: usize = instance.pools.iter().map(|p| p.experts.len()).sum();
            let people = private.value.as_ref().map(|p| p.people.len()).unwrap_or(0);
            expertpool_i18n::t!("cli-check-scope", pools = instance.pools.len(), experts = experts, people = people)
        }
        None => expertpool_i18n::t!("cli-check-scope-nothing"),
    };
    sort(&mut diagnostics);
    // The process ends right after printing; freeing tens of thousands of records one by
    // one would only delay that (by about a tenth of the whole run at 10,000 experts).
    std::mem::forget(public.value);
    std::mem::forget(private.value);
    (diagnostics, summary)
}
