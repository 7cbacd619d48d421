//! `expertpool import`: read a unit's annex-2 summary table (.xlsx/.csv), show what would
//! be created and every problem by cell; write only with `--apply`.

use crate::admission::{AdmissionArgs, Target};
use crate::today::today;
use anyhow::{Context, bail};
use expertpool_i18n::t;
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
        bail!("{}", t!("staff-cli-no-content", dir = content.display()));
    }
    let public = load_public(content);
    let Some(instance) = public.value else {
        for d in &public.diagnostics {
            eprintln!("{}", d.render());
        }
        bail!("{}", t!("staff-cli-instance-unloadable", dir = content.display()));
    };
    let private = load_private(content).value.unwrap_or_default();
    Ok((instance, private))
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let received = today(args.date.as_deref())?;
    let source_name = args.file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let (instance, private) = load_instance(&args.content)?;
    let pool = expertpool_records::lookup::pool(&instance, &args.pool)
        .map_err(|e| anyhow::anyhow!("{}", t!("staff-cli-flag-error", flag = "--pool", error = e)))?;
    let options = args.admission.options(Target {
        default_channel: "单位推荐",
        pool: pool.clone(),
        received,
        source_name: source_name.clone(),
        id_prefix: args.id_prefix.clone(),
    })?;
    let grid = expertpool_staff::sheet::read(&args.file)?;
    let mut progress = Progress::new(&t!("staff-cli-progress-checking-rows"), grid.rows.len() as u64, 2000);
    let plan = import::plan(&instance, &private, &grid, &options, &mut progress);
    progress.finish();
    let mut out = String::new();
    print_plan(&mut out, &plan, &instance);
    let summary = plan.summary();
    let _ = writeln!(
        out,
        "\n{}",
        t!(
            "staff-cli-import-summary",
            rows = summary.rows,
            to_create = summary.to_create,
            new_people = summary.new_people,
            rows_with_errors = summary.rows_with_errors,
            errors = summary.errors,
            warnings = summary.warnings,
            skipped = summary.skipped_rows,
        )
    );
    std::io::stdout().lock().write_all(out.as_bytes())?;
    if args.apply {
        let written = import::apply(&plan, args.skip_invalid, &source_name, received)
            .with_context(|| t!("staff-cli-importing", file = args.file.display()))?;
        say!("{}", t!("staff-cli-import-wrote", count = written.len()))?;
    } else if summary.to_create > 0 {
        say!("{}", t!("staff-cli-import-dry-run"))?;
    }
    Ok(if plan.has_errors() { ExitCode::FAILURE } else { ExitCode::SUCCESS })
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
            let level = if level.is_empty() { t!("staff-cli-import-no-level") } else { level };
            let line = if r.private.is_some() {
                t!(
                    "staff-cli-import-row-create-new-person",
                    row = row.row,
                    id = e.id,
                    name = e.name,
                    gender = e.gender,
                    employer = e.employer,
                    kind = e.employer_kind,
                    specialties = specialties.join("、"),
                    level = level,
                    person = e.person,
                )
            } else {
                t!(
                    "staff-cli-import-row-create-existing-person",
                    row = row.row,
                    id = e.id,
                    name = e.name,
                    gender = e.gender,
                    employer = e.employer,
                    kind = e.employer_kind,
                    specialties = specialties.join("、"),
                    level = level,
                    person = e.person,
                )
            };
            let _ = writeln!(out, "{line}");
        }
        None => {
            let name = if row.name.is_empty() { t!("staff-cli-import-no-name") } else { row.name.clone() };
            let _ = writeln!(out, "{}", t!("staff-cli-import-row-not-imported", row = row.row, name = name));
        }
    }
    for issue in &row.issues {
        if issue.severity != Severity::Note || row.record.is_some() {
            let _ = writeln!(out, "  {}", issue.render().replace('\n', "\n  "));
        }
    }
}
