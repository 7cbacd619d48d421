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
mod help_text;
mod http;
mod today;
mod verify_scope;
mod witness;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser)]
// The about and help texts are the catalogue's (help.ftl, through help_text.rs).
#[command(name = "expertpool", version)]
struct Cli {
    #[arg(long, global = true, value_parser = ["zh", "en"])]
    lang: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    Init(cmd_init::Args),
    Check(cmd_check::Args),
    Build(cmd_build::Args),
    Serve(cmd_serve::Args),
    Synthesize(cmd_synthesize::Args),
    Verify(cmd_verify::Args),
    Witness(cmd_witness::Args),
    Drawd(cmd_drawd::Args),
    Token(cmd_token::Args),
    Staff(cmd_staff::Args),
    ExportLog(cmd_export_log::Args),
    Import(cmd_import::Args),
    Export(cmd_export::Args),
    Report(cmd_report::Args),
    Record(cmd_lifecycle::Args),
    Hooks(cmd_hooks::Args),
    Backup(cmd_backup::BackupArgs),
    Restore(cmd_backup::RestoreArgs),
    VerifyBackup(cmd_backup::VerifyBackupArgs),
}

fn main() -> ExitCode {
    // The language is needed before clap parses: its help and errors are in it.
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    expertpool_i18n::set(help_text::early_lang(&args));
    let matches =
        help_text::localise(Cli::command()).try_get_matches_from(args).unwrap_or_else(|e| help_text::exit_on(e));
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| help_text::exit_on(e));
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
