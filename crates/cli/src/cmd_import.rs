//! `expertpool import`: read a unit's annex-2 summary table (.xlsx/.csv), show what would
//! be created and every problem by cell; write only with `--apply`.

use crate::admission::{AdmissionArgs, Target};
use crate::today::today;
use anyhow::{Context, bail};
use expertpool_private::{PrivateData, load_private};
use expertpool_records::load::load_public;
use expertpool_records::{PublicInstance, Severity};
use expertpool_staff::import::{self, Plan, RowPlan};
use expertpool_staff::progress::Progress;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    pub file: PathBuf,
    #[arg(long)]
    pub pool: String,
    #[command(flatten)]
    pub admission: AdmissionArgs,
    #[arg(long)]
    pub apply: bool,
    #[arg(long)]
    pub skip_invalid: bool,
    #[arg(long)]
    pub id_prefix: Option<String>,
    #[arg(long, default_value = "content")]
    pub content: PathBuf,
    #[arg(long)]
    pub date: Option<String>,
}

/// Loads the public instance and the private records, or explains why not.
pub fn load_instance(content: &Path) -> anyhow::Result<(PublicInstance, PrivateData)> {
    if !content.is_dir() {
        bail!("content folder `{}` not found; pass --content DIR", content.display());
    }
    let public = load_public(content);
    let Some(instance) = public.value else {
        for d in &public.diagnostics {
            eprintln!("{}", d.render());
        }
        bail!("the instance in `{}` cannot be loaded; run `expertpool check`", content.display());
    };
    let private = load_private(content).value.unwrap_or_default();
    Ok((instance, private))
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let received = today(args.date.as_deref())?;
    let source_name = args.file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let options = args.admission.options(Target {
        default_channel: "单位推荐",
        pool: args.pool.clone(),
        received,
        source_name: source_name.clone(),
        id_prefix: args.id_prefix.clone(),
    })?;
    let (instance, private) = load_instance(&args.content)?;
    let grid = expertpool_staff::sheet::read(&args.file)?;
    let mut progress = Progress::new("checking rows", grid.rows.len() as u64, 2000);
    let plan = import::plan(&instance, &private, &grid, &options, &mut progress);
    progress.finish();
    let mut out = String::new();
    print_plan(&mut out, &plan, &instance);
    let summary = plan.summary();
    let _ = writeln!(
        out,
        "\n{} row{} read: {} to create ({} new people), {} with errors; {} error{}, {} warning{}; {} blank or template row{} skipped",
        summary.rows,
        plural(summary.rows),
        summary.to_create,
        summary.new_people,
        summary.rows_with_errors,
        summary.errors,
        plural(summary.errors),
        summary.warnings,
        plural(summary.warnings),
        summary.skipped_rows,
        plural(summary.skipped_rows),
    );
    std::io::stdout().lock().write_all(out.as_bytes())?;
    if args.apply {
        let written = import::apply(&plan, args.skip_invalid, &source_name, received)
            .with_context(|| format!("importing {}", args.file.display()))?;
        say!("wrote {} file{}", written.len(), plural(written.len()))?;
    } else if summary.to_create > 0 {
        say!("dry run: nothing written; run again with --apply to create the records")?;
    }
    Ok(if plan.has_errors() { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn print_plan(out: &mut String, plan: &Plan, instance: &PublicInstance) {
    for issue in &plan.file_issues {
        let _ = writeln!(out, "{}", issue.render());
    }
    for row in &plan.rows {
        print_row(out, row, instance);
    }
}

fn print_row(out: &mut String, row: &RowPlan, instance: &PublicInstance) {
    match &row.record {
        Some(r) => {
            let e = &r.public;
            let specialties: Vec<String> = e
                .specialties
                .iter()
                .map(|c| instance.specialty(c).map(|s| format!("{} {c}", s.name)).unwrap_or_else(|| c.clone()))
                .collect();
            let level = expertpool_staff::export::level_text(e);
            let person = if r.private.is_some() {
                format!("new person {}", e.person)
            } else {
                format!("existing person {}", e.person)
            };
            let _ = writeln!(
                out,
                "row {}: create {} {} ({}, {}, {}; {}; {}) — {person}",
                row.row,
                e.id,
                e.name,
                e.gender,
                e.employer,
                e.employer_kind,
                specialties.join("、"),
                if level.is_empty() { "no level".to_string() } else { level },
            );
        }
        None => writeln!(
            out,
            "row {}: {} — not imported",
            row.row,
            if row.name.is_empty() { "(no name)" } else { &row.name }
        )
        .unwrap_or(()),
    }
    for issue in &row.issues {
        if issue.severity != Severity::Note || row.record.is_some() {
            let _ = writeln!(out, "  {}", issue.render().replace('\n', "\n  "));
        }
    }
}
