//! `expertpool`: the command-line front of the workspace. Each subcommand lives in its
//! own `cmd_*` module and delegates to the library crates.

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `println!` that hands a failed write back (`say!(...)?`) instead of panicking: a
/// reader that has gone (`expertpool verify LOG | head`) ends the command quietly, in
/// `main`, rather than with a panic message.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        writeln!(std::io::stdout().lock(), $($arg)*)
    }};
}

mod admission;
mod cmd_backup;
mod cmd_build;
mod cmd_check;
mod cmd_drawd;
mod cmd_export;
mod cmd_export_log;
mod cmd_hooks;
mod cmd_import;
mod cmd_init;
mod cmd_lifecycle;
mod cmd_report;
mod cmd_serve;
mod cmd_staff;
mod cmd_synthesize;
mod cmd_token;
mod cmd_verify;
mod cmd_witness;
mod http;
mod today;
mod verify_scope;
mod witness;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "expertpool",
    version,
    about = "Expert pools of a human-resources bureau: records, public site and verifiable draws"
)]
struct Cli {
    /// Language of messages: zh (简体中文, the default) or en; without it, an English
    /// LC_ALL, LC_MESSAGES or LANG chooses English.
    #[arg(long, global = true, value_parser = ["zh", "en"])]
    lang: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Write a new, empty but valid instance into DIR (a new or empty folder) to fill in.
    Init(cmd_init::Args),
    /// Validate every record of an instance and explain each problem, like a compiler.
    Check(cmd_check::Args),
    /// Build the public site of an instance into a folder for any static host.
    Build(cmd_build::Args),
    /// Preview the public site on loopback, rebuilding and reloading on every change.
    Serve(cmd_serve::Args),
    /// Write a fictional instance of any size, deterministic from the seed.
    Synthesize(cmd_synthesize::Args),
    /// Verify a public draw log (a file or an address), or one draw of it: commitments, order,
    /// calls, reveals, chain, signed checkpoints and witnesses' cosignatures.
    Verify(cmd_verify::Args),
    /// Witness a draw service's log: check that it only grows, cosign its checkpoints
    /// (C2SP cosignature/v1) and report a fork or rollback with evidence.
    Witness(cmd_witness::Args),
    /// Run the draw service alone (HTTP API under /api), for production behind a proxy.
    Drawd(cmd_drawd::Args),
    /// Manage staff tokens of the draw service.
    Token(cmd_token::Args),
    /// Manage staff logins of the console (/staff/).
    Staff(cmd_staff::Args),
    /// Write the public draw log from the draw service's data folder.
    ExportLog(cmd_export_log::Args),
    /// Import a unit's annex-2 summary table (.xlsx/.csv) into records: a dry run unless --apply.
    Import(cmd_import::Args),
    /// Export a pool's roster (or the blank annex-2 template) as .xlsx or .csv.
    Export(cmd_export::Args),
    /// The weekly staff report: terms ending, age limits, confirmations, dismissals, coverage.
    Report(cmd_report::Args),
    /// Lifecycle steps on one record: new, review, publicize, approve, admit, renew,
    /// evaluate, misconduct, dismiss, confirm-info.
    Record(cmd_lifecycle::Args),
    /// Git hooks of the instance's repository: `hooks install` runs `check` before each commit.
    Hooks(cmd_hooks::Args),
    /// Back up the draw service's data folder (also while it runs), verified, with a manifest.
    Backup(cmd_backup::BackupArgs),
    /// Restore a backup into a data folder, after verifying every file and the journal.
    Restore(cmd_backup::RestoreArgs),
    /// Verify a backup without restoring it (for scheduled restore tests).
    VerifyBackup(cmd_backup::VerifyBackupArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    expertpool_i18n::set(cli.lang.as_deref().and_then(expertpool_i18n::Lang::parse).unwrap_or_else(expertpool_i18n::from_env));
    let result = match cli.command {
        Command::Init(args) => cmd_init::run(args),
        Command::Check(args) => cmd_check::run(args),
        Command::Build(args) => cmd_build::run(args),
        Command::Serve(args) => cmd_serve::run(args),
        Command::Synthesize(args) => cmd_synthesize::run(args),
        Command::Verify(args) => cmd_verify::run(args),
        Command::Witness(args) => cmd_witness::run(args),
        Command::Drawd(args) => cmd_drawd::run(args),
        Command::Token(args) => cmd_token::run(args),
        Command::Staff(args) => cmd_staff::run(args),
        Command::ExportLog(args) => cmd_export_log::run(args),
        Command::Import(args) => cmd_import::run(args),
        Command::Export(args) => cmd_export::run(args),
        Command::Report(args) => cmd_report::run(args),
        Command::Record(args) => cmd_lifecycle::run(args),
        Command::Hooks(args) => cmd_hooks::run(args),
        Command::Backup(args) => cmd_backup::run_backup(args),
        Command::Restore(args) => cmd_backup::run_restore(args),
        Command::VerifyBackup(args) => cmd_backup::run_verify(args),
    };
    match result {
        Ok(code) => code,
        // A reader that stops early (`check | head`) is not an error of ours.
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("{}", expertpool_i18n::t!("cli-failed", detail = format!("{err:#}")));
            ExitCode::FAILURE
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
