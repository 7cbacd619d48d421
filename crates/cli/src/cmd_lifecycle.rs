//! `expertpool record <step> <ID>`: one lifecycle step per command. Each refuses a step
//! out of order, edits the record's TOML in place (comments and layout kept), re-reads
//! it with the record model and writes it atomically.

use crate::admission::{AdmissionArgs, Target};
use crate::cmd_import::load_instance;
use crate::today::today_in;
use expertpool_i18n::t;
use expertpool_records::annex2::Column;
use expertpool_records::model::*;
use expertpool_staff::import::{self, RawApplicant};
use expertpool_staff::lifecycle::{self, Step, StepError, parse_choice};
use expertpool_staff::sheet::Cell;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub step: StepCommand,
}

#[derive(clap::Args)]
pub struct Common {
    #[arg(long, default_value = "content", global = true)]
    pub content: PathBuf,
    #[arg(long, global = true)]
    pub date: Option<String>,
    #[arg(long, global = true)]
    pub dry_run: bool,
    #[arg(long = "override", value_name = "REASON", global = true)]
    pub exception: Option<String>,
}

#[derive(clap::Subcommand)]
pub enum StepCommand {
    New(NewArgs),
    Review {
        id: String,
        #[arg(long)]
        reference: Option<String>,
        #[arg(long = "document")]
        documents: Vec<String>,
        #[command(flatten)]
        common: Common,
    },
    Publicize {
        id: String,
        #[arg(long)]
        notice: String,
        #[command(flatten)]
        common: Common,
    },
    Approve {
        id: String,
        #[arg(long)]
        meeting: String,
        #[command(flatten)]
        common: Common,
    },
    Admit {
        id: String,
        #[arg(long)]
        certificate: String,
        #[arg(long = "category")]
        categories: Vec<String>,
        #[command(flatten)]
        common: Common,
    },
    Renew {
        id: String,
        #[arg(long)]
        certificate: String,
        #[arg(long)]
        meeting: Option<String>,
        #[command(flatten)]
        common: Common,
    },
    Evaluate {
        id: String,
        #[arg(long)]
        unit: String,
        #[arg(long)]
        work: String,
        #[arg(long)]
        rating: String,
        #[arg(long)]
        comment: Option<String>,
        #[arg(long)]
        draw: Option<String>,
        #[command(flatten)]
        common: Common,
    },
    Misconduct {
        id: String,
        #[arg(long)]
        kind: String,
        #[arg(long)]
        description: String,
        #[arg(long)]
        reference: Option<String>,
        #[command(flatten)]
        common: Common,
    },
    Dismiss {
        id: String,
        #[arg(long)]
        ground: String,
        #[arg(long)]
        meeting: String,
        #[arg(long)]
        note: Option<String>,
        #[command(flatten)]
        common: Common,
    },
    ConfirmInfo {
        id: String,
        #[command(flatten)]
        common: Common,
    },
    UpdateInfo(UpdateInfoArgs),
}

#[derive(clap::Args)]
pub struct UpdateInfoArgs {
    id: String,
    #[arg(long)]
    employer: Option<String>,
    #[arg(long)]
    employer_credit_code: Option<String>,
    #[arg(long)]
    position: Option<String>,
    #[arg(long)]
    mobile: Option<String>,
    #[arg(long)]
    office_phone: Option<String>,
    #[arg(long)]
    email: Option<String>,
    #[arg(long)]
    address: Option<String>,
    #[command(flatten)]
    common: Common,
}

fn run_update_info(args: UpdateInfoArgs) -> anyhow::Result<ExitCode> {
    let date = today_in(&args.common.content, args.common.date.as_deref())?;
    let (instance, private) = load_instance(&args.common.content)?;
    let update = expertpool_staff::update_info::InfoUpdate {
        employer: args.employer,
        employer_credit_code: args.employer_credit_code,
        position: args.position,
        mobile: args.mobile,
        office_phone: args.office_phone,
        email: args.email,
        address: args.address,
    };
    match expertpool_staff::update_info::update_info(&instance, &private, &args.id, &update, date, args.common.dry_run)
    {
        Ok(done) => {
            say!("{}", done.summary)?;
            let changed = |path: &std::path::Path| {
                if args.common.dry_run {
                    t!("staff-cli-update-would-change", file = path.display())
                } else {
                    t!("staff-cli-update-changed", file = path.display())
                }
            };
            say!("{}", changed(&done.public.0))?;
            if let Some((path, _)) = &done.private {
                say!("{}", changed(path))?;
            }
            if !args.common.dry_run {
                say!("{}", t!("staff-cli-commit-hint"))?;
                say!(
                    "  git commit -m \"{} update-info\" -m \"{}：{}\" -- {}",
                    args.id,
                    expertpool_records::history::CHANGE_NOTE_KEY,
                    done.public_note,
                    std::iter::once(&done.public.0)
                        .chain(done.private.as_ref().map(|p| &p.0))
                        .map(|p| p.display().to_string())
                        .collect::<Vec<_>>()
                        .join(" ")
                )?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(refusal) => {
            print_refusal(&refusal.message, refusal.help.as_deref());
            Ok(ExitCode::FAILURE)
        }
    }
}

#[derive(clap::Args)]
pub struct NewArgs {
    #[arg(long)]
    pub pool: String,
    #[arg(long)]
    pub name: String,
    #[arg(long)]
    pub gender: Option<String>,
    #[arg(long)]
    pub id_number: String,
    #[arg(long)]
    pub mobile: String,
    #[arg(long)]
    pub office_phone: Option<String>,
    #[arg(long)]
    pub email: Option<String>,
    #[arg(long)]
    pub employer: String,
    #[arg(long)]
    pub employer_kind: Option<String>,
    #[arg(long)]
    pub position: Option<String>,
    #[arg(long)]
    pub specialty: String,
    #[arg(long)]
    pub level: String,
    #[arg(long)]
    pub honours: Option<String>,
    #[arg(long)]
    pub field_since: Option<String>,
    #[command(flatten)]
    pub admission: AdmissionArgs,
    #[command(flatten)]
    pub common: Common,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let (step, id, common) = match args.step {
        StepCommand::New(new) => return run_new(new),
        StepCommand::UpdateInfo(update) => return run_update_info(update),
        StepCommand::Review { id, reference, documents, common } => {
            let documents = documents
                .iter()
                .map(|d| parse_choice(d, Document::ALL, Document::label, &t!("staff-choice-document")))
                .collect::<Result<Vec<_>, _>>()
                .map_err(anyhow::Error::msg)?;
            (Step::Review { reference, documents }, id, common)
        }
        StepCommand::Publicize { id, notice, common } => (Step::Publicize { notice }, id, common),
        StepCommand::Approve { id, meeting, common } => (Step::Approve { meeting }, id, common),
        StepCommand::Admit { id, certificate, categories, common } => {
            (Step::Admit { certificate, categories }, id, common)
        }
        StepCommand::Renew { id, certificate, meeting, common } => (Step::Renew { certificate, meeting }, id, common),
        StepCommand::Evaluate { id, unit, work, rating, comment, draw, common } => {
            let rating = parse_choice(&rating, Rating::ALL, Rating::label, &t!("staff-choice-rating"))
                .map_err(anyhow::Error::msg)?;
            (Step::Evaluate { unit, work, rating, comment, draw }, id, common)
        }
        StepCommand::Misconduct { id, kind, description, reference, common } => {
            let kind = parse_choice(&kind, MisconductKind::ALL, MisconductKind::label, &t!("staff-choice-misconduct"))
                .map_err(anyhow::Error::msg)?;
            (Step::Misconduct { kind, description, reference }, id, common)
        }
        StepCommand::Dismiss { id, ground, meeting, note, common } => {
            let ground =
                parse_choice(&ground, DismissalGround::ALL, DismissalGround::label, &t!("staff-choice-dismissal"))
                    .map_err(anyhow::Error::msg)?;
            (Step::Dismiss { ground, meeting, note }, id, common)
        }
        StepCommand::ConfirmInfo { id, common } => (Step::ConfirmInfo, id, common),
    };
    let date = today_in(&common.content, common.date.as_deref())?;
    let (instance, private) = load_instance(&common.content)?;
    // `--category` takes a specialty's name as well as its code; the record keeps codes.
    let step = match step {
        Step::Admit { certificate, categories } => {
            let categories = categories
                .iter()
                .map(|c| expertpool_records::lookup::specialty(&instance, c))
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| anyhow::anyhow!("{}", t!("staff-cli-flag-error", flag = "--category", error = e)))?;
            Step::Admit { certificate, categories }
        }
        other => other,
    };
    match lifecycle::run_step(&instance, Some(&private), &id, &step, date, common.exception.as_deref(), common.dry_run)
    {
        Ok(done) => {
            say!("{}", done.summary)?;
            if common.dry_run {
                say!("{}", t!("staff-cli-step-dry-run", file = done.path.display()))?;
                say!("{}", done.text)?;
            } else {
                say!("{}", t!("staff-cli-step-updated", file = done.path.display()))?;
            }
            // The commit message is for colleagues; the 变更说明 line is what the expert's
            // public page shows (records::history).
            if !common.dry_run {
                say!("{}", t!("staff-cli-commit-hint"))?;
                say!(
                    "  git commit -m \"{} {}\" -m \"{}：{}\" -- {}",
                    id,
                    step.name(),
                    expertpool_records::history::CHANGE_NOTE_KEY,
                    step.public_note(date),
                    done.path.display()
                )?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(StepError::Refused(refusal)) => {
            print_refusal(&refusal.message, refusal.help.as_deref());
            Ok(ExitCode::FAILURE)
        }
        Err(StepError::NotFound { id, suggestion }) => {
            let help = suggestion.map(|s| t!("staff-cli-did-you-mean", id = s));
            print_refusal(&t!("staff-cli-no-expert", id = id), help.as_deref());
            Ok(ExitCode::FAILURE)
        }
        Err(other) => Err(other.into()),
    }
}

/// `record new` goes through the importer's checks with an applicant filled from the
/// flags, so a record made by hand passes exactly the checks an imported one does.
fn run_new(args: NewArgs) -> anyhow::Result<ExitCode> {
    const SOURCE: &str = "expertpool record new";
    let date = today_in(&args.common.content, args.common.date.as_deref())?;
    let (instance, private) = load_instance(&args.common.content)?;
    let pool = expertpool_records::lookup::pool(&instance, &args.pool)
        .map_err(|e| anyhow::anyhow!("{}", t!("staff-cli-flag-error", flag = "--pool", error = e)))?;
    let options = args.admission.options(Target {
        default_channel: "个人自荐",
        pool,
        received: date,
        source_name: SOURCE.into(),
        id_prefix: None,
    })?;
    let text = |value: &Option<String>| value.clone().map(Cell::Text).unwrap_or(Cell::Empty);
    let contact = match &args.office_phone {
        Some(office) => format!("{}；{office}", args.mobile),
        None => args.mobile.clone(),
    };
    let applicant = RawApplicant {
        name: Cell::Text(args.name.clone()),
        gender: text(&args.gender),
        id_number: Cell::Text(args.id_number.clone()),
        profession: Cell::Text(args.specialty.clone()),
        employer: Cell::Text(args.employer.clone()),
        level: Cell::Text(args.level.clone()),
        honours: text(&args.honours),
        contact: Cell::Text(contact),
        birth_date: Cell::Empty,
        employer_kind: text(&args.employer_kind),
        position: text(&args.position),
        email: text(&args.email),
        field_since: text(&args.field_since),
    };
    let plan = import::plan_applicant(&instance, &private, &applicant, &options);
    for issue in plan.file_issues.iter().chain(plan.rows.iter().flat_map(|r| &r.issues)) {
        let severity = issue.severity.localized();
        let line = match issue.field {
            Some(field) => t!(
                "staff-cli-new-field-issue",
                severity = severity,
                flag = flag_of(field),
                header = issue.header,
                message = issue.message
            ),
            None => t!("staff-issue-file", severity = severity, message = issue.message),
        };
        eprintln!("{line}");
        if let Some(help) = &issue.help {
            eprintln!("  {}", t!("staff-issue-help", help = help));
        }
    }
    if plan.has_errors() {
        return Ok(ExitCode::FAILURE);
    }
    let Some(record) = plan.records().next() else {
        anyhow::bail!("{}", t!("staff-cli-new-nothing"));
    };
    say!(
        "{}",
        t!(
            "staff-cli-new-applied",
            id = record.public.id,
            date = date,
            name = record.public.name,
            file = record.public_path.display()
        )
    )?;
    if args.common.dry_run {
        say!("{}", t!("staff-cli-new-dry-run"))?;
        return Ok(ExitCode::SUCCESS);
    }
    import::write_records(&[(record, format!("Created with {SOURCE} on {date}."))])?;
    say!("{}", t!("staff-cli-new-created", file = record.public_path.display()))?;
    if record.private.is_some() {
        say!("{}", t!("staff-cli-new-created", file = record.private_path.display()))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// A refused step: the message, and the fix on an indented line.
fn print_refusal(message: &str, help: Option<&str>) {
    eprintln!("{}", t!("staff-cli-refused", message = message));
    if let Some(help) = help {
        eprintln!("  {}", t!("staff-issue-help", help = help));
    }
}

/// The flag of `record new` that gives a field of the applicant.
fn flag_of(field: Column) -> &'static str {
    match field {
        Column::Name => "--name",
        Column::Gender => "--gender",
        Column::IdNumber => "--id-number",
        Column::Profession => "--specialty",
        Column::Employer => "--employer",
        Column::Level => "--level",
        Column::Honours => "--honours",
        Column::Contact => "--mobile",
        Column::EmployerKind => "--employer-kind",
        Column::Position => "--position",
        Column::Email => "--email",
        Column::FieldSince => "--field-since",
        // Not asked by `record new`: the ID number gives the birth date, ids are allocated.
        Column::Seq | Column::PublicId | Column::BirthDate => "",
    }
}
