//! `--help` in the reader's language. Clap parses arguments only after the whole command
//! is built, so `main` decides the language first ([`early_lang`]) and then replaces every
//! about and help text of the derived command with the catalogue's (help.ftl), looked up
//! by the command path and the argument: `help-<command>[-<subcommand>][-<argument>]`.
//! Clap's own words (the "Usage:" heading, the help and version flags, the headings of
//! the lists, defaults and possible values, and its error messages) are replaced too,
//! as far as clap lets them be.

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command};
use expertpool_i18n::{Lang, t};

/// The catalogue's text for `key`, when it has one: every about and help text of the
/// command, by the id that [`localise`] derives from the command path and argument id.
fn text(key: &str) -> Option<String> {
    Some(match key {
        "help-about" => t!("help-about"),
        "help-lang" => t!("help-lang"),
        "help-shared-content" => t!("help-shared-content"),
        "help-shared-channel" => t!("help-shared-channel"),
        "help-shared-call" => t!("help-shared-call"),
        "help-shared-late-reason" => t!("help-shared-late-reason"),
        "help-shared-unit" => t!("help-shared-unit"),
        "help-shared-unit-credit-code" => t!("help-shared-unit-credit-code"),
        "help-init-about" => t!("help-init-about"),
        "help-init-dir" => t!("help-init-dir"),
        "help-init-git" => t!("help-init-git"),
        "help-check-about" => t!("help-check-about"),
        "help-check-format" => t!("help-check-format"),
        "help-check-today" => t!("help-check-today"),
        "help-check-verbose" => t!("help-check-verbose"),
        "help-build-about" => t!("help-build-about"),
        "help-build-out" => t!("help-build-out"),
        "help-build-today" => t!("help-build-today"),
        "help-build-templates" => t!("help-build-templates"),
        "help-serve-about" => t!("help-serve-about"),
        "help-serve-addr" => t!("help-serve-addr"),
        "help-serve-port" => t!("help-serve-port"),
        "help-serve-today" => t!("help-serve-today"),
        "help-serve-templates" => t!("help-serve-templates"),
        "help-serve-draw-config" => t!("help-serve-draw-config"),
        "help-serve-draw-data" => t!("help-serve-draw-data"),
        "help-serve-no-draws" => t!("help-serve-no-draws"),
        "help-synthesize-about" => t!("help-synthesize-about"),
        "help-synthesize-experts" => t!("help-synthesize-experts"),
        "help-synthesize-seed" => t!("help-synthesize-seed"),
        "help-synthesize-out" => t!("help-synthesize-out"),
        "help-synthesize-today" => t!("help-synthesize-today"),
        "help-verify-about" => t!("help-verify-about"),
        "help-verify-source" => t!("help-verify-source"),
        "help-verify-draw" => t!("help-verify-draw"),
        "help-verify-format" => t!("help-verify-format"),
        "help-witness-about" => t!("help-witness-about"),
        "help-witness-log" => t!("help-witness-log"),
        "help-witness-state" => t!("help-witness-state"),
        "help-witness-key" => t!("help-witness-key"),
        "help-witness-name" => t!("help-witness-name"),
        "help-witness-once" => t!("help-witness-once"),
        "help-witness-every" => t!("help-witness-every"),
        "help-witness-print-key" => t!("help-witness-print-key"),
        "help-drawd-about" => t!("help-drawd-about"),
        "help-drawd-config" => t!("help-drawd-config"),
        "help-drawd-data" => t!("help-drawd-data"),
        "help-drawd-listen" => t!("help-drawd-listen"),
        "help-drawd-content" => t!("help-drawd-content"),
        "help-token-about" => t!("help-token-about"),
        "help-token-add-about" => t!("help-token-add-about"),
        "help-token-add-name" => t!("help-token-add-name"),
        "help-token-add-role" => t!("help-token-add-role"),
        "help-token-add-config" => t!("help-token-add-config"),
        "help-staff-about" => t!("help-staff-about"),
        "help-staff-add-about" => t!("help-staff-add-about"),
        "help-staff-add-name" => t!("help-staff-add-name"),
        "help-staff-add-role" => t!("help-staff-add-role"),
        "help-staff-add-config" => t!("help-staff-add-config"),
        "help-staff-add-password-stdin" => t!("help-staff-add-password-stdin"),
        "help-export-log-about" => t!("help-export-log-about"),
        "help-export-log-data" => t!("help-export-log-data"),
        "help-export-log-out" => t!("help-export-log-out"),
        "help-import-about" => t!("help-import-about"),
        "help-import-file" => t!("help-import-file"),
        "help-import-pool" => t!("help-import-pool"),
        "help-import-apply" => t!("help-import-apply"),
        "help-import-skip-invalid" => t!("help-import-skip-invalid"),
        "help-import-id-prefix" => t!("help-import-id-prefix"),
        "help-import-date" => t!("help-import-date"),
        "help-export-about" => t!("help-export-about"),
        "help-export-pool" => t!("help-export-pool"),
        "help-export-out" => t!("help-export-out"),
        "help-export-include-private" => t!("help-export-include-private"),
        "help-export-template" => t!("help-export-template"),
        "help-export-today" => t!("help-export-today"),
        "help-report-about" => t!("help-report-about"),
        "help-report-after" => t!("help-report-after"),
        "help-report-today" => t!("help-report-today"),
        "help-report-within" => t!("help-report-within"),
        "help-report-format" => t!("help-report-format"),
        "help-report-data" => t!("help-report-data"),
        "help-record-about" => t!("help-record-about"),
        "help-record-after" => t!("help-record-after"),
        "help-record-id" => t!("help-record-id"),
        "help-record-date" => t!("help-record-date"),
        "help-record-dry-run" => t!("help-record-dry-run"),
        "help-record-exception" => t!("help-record-exception"),
        "help-record-new-about" => t!("help-record-new-about"),
        "help-record-new-pool" => t!("help-record-new-pool"),
        "help-record-new-name" => t!("help-record-new-name"),
        "help-record-new-gender" => t!("help-record-new-gender"),
        "help-record-new-id-number" => t!("help-record-new-id-number"),
        "help-record-new-mobile" => t!("help-record-new-mobile"),
        "help-record-new-office-phone" => t!("help-record-new-office-phone"),
        "help-record-new-email" => t!("help-record-new-email"),
        "help-record-new-employer" => t!("help-record-new-employer"),
        "help-record-new-employer-kind" => t!("help-record-new-employer-kind"),
        "help-record-new-position" => t!("help-record-new-position"),
        "help-record-new-specialty" => t!("help-record-new-specialty"),
        "help-record-new-level" => t!("help-record-new-level"),
        "help-record-new-honours" => t!("help-record-new-honours"),
        "help-record-new-field-since" => t!("help-record-new-field-since"),
        "help-record-review-about" => t!("help-record-review-about"),
        "help-record-review-reference" => t!("help-record-review-reference"),
        "help-record-review-documents" => t!("help-record-review-documents"),
        "help-record-publicize-about" => t!("help-record-publicize-about"),
        "help-record-publicize-notice" => t!("help-record-publicize-notice"),
        "help-record-approve-about" => t!("help-record-approve-about"),
        "help-record-approve-meeting" => t!("help-record-approve-meeting"),
        "help-record-admit-about" => t!("help-record-admit-about"),
        "help-record-admit-certificate" => t!("help-record-admit-certificate"),
        "help-record-admit-categories" => t!("help-record-admit-categories"),
        "help-record-renew-about" => t!("help-record-renew-about"),
        "help-record-renew-certificate" => t!("help-record-renew-certificate"),
        "help-record-renew-meeting" => t!("help-record-renew-meeting"),
        "help-record-evaluate-about" => t!("help-record-evaluate-about"),
        "help-record-evaluate-unit" => t!("help-record-evaluate-unit"),
        "help-record-evaluate-work" => t!("help-record-evaluate-work"),
        "help-record-evaluate-rating" => t!("help-record-evaluate-rating"),
        "help-record-evaluate-comment" => t!("help-record-evaluate-comment"),
        "help-record-evaluate-draw" => t!("help-record-evaluate-draw"),
        "help-record-misconduct-about" => t!("help-record-misconduct-about"),
        "help-record-misconduct-kind" => t!("help-record-misconduct-kind"),
        "help-record-misconduct-description" => t!("help-record-misconduct-description"),
        "help-record-misconduct-reference" => t!("help-record-misconduct-reference"),
        "help-record-dismiss-about" => t!("help-record-dismiss-about"),
        "help-record-dismiss-ground" => t!("help-record-dismiss-ground"),
        "help-record-dismiss-meeting" => t!("help-record-dismiss-meeting"),
        "help-record-dismiss-note" => t!("help-record-dismiss-note"),
        "help-record-confirm-info-about" => t!("help-record-confirm-info-about"),
        "help-record-update-info-about" => t!("help-record-update-info-about"),
        "help-record-update-info-employer" => t!("help-record-update-info-employer"),
        "help-record-update-info-employer-credit-code" => t!("help-record-update-info-employer-credit-code"),
        "help-record-update-info-position" => t!("help-record-update-info-position"),
        "help-record-update-info-mobile" => t!("help-record-update-info-mobile"),
        "help-record-update-info-office-phone" => t!("help-record-update-info-office-phone"),
        "help-record-update-info-email" => t!("help-record-update-info-email"),
        "help-record-update-info-address" => t!("help-record-update-info-address"),
        "help-hooks-about" => t!("help-hooks-about"),
        "help-hooks-install-about" => t!("help-hooks-install-about"),
        "help-hooks-install-content" => t!("help-hooks-install-content"),
        "help-hooks-install-force" => t!("help-hooks-install-force"),
        "help-backup-about" => t!("help-backup-about"),
        "help-backup-data" => t!("help-backup-data"),
        "help-backup-out" => t!("help-backup-out"),
        "help-backup-config" => t!("help-backup-config"),
        "help-restore-about" => t!("help-restore-about"),
        "help-restore-backup" => t!("help-restore-backup"),
        "help-restore-data" => t!("help-restore-data"),
        "help-restore-config" => t!("help-restore-config"),
        "help-restore-force" => t!("help-restore-force"),
        "help-verify-backup-about" => t!("help-verify-backup-about"),
        "help-verify-backup-backup" => t!("help-verify-backup-backup"),
        _ => return None,
    })
}

/// The language of this run, before clap has parsed anything: `--lang X` or `--lang=X`
/// anywhere on the line, else the environment. A bad value is left to clap to report.
pub fn early_lang(args: &[std::ffi::OsString]) -> Lang {
    let mut words = args.iter().skip(1).filter_map(|a| a.to_str());
    while let Some(word) = words.next() {
        if word == "--" {
            break;
        }
        let value = match word.strip_prefix("--lang") {
            Some("") => words.next(),
            Some(rest) => rest.strip_prefix('='),
            None => None,
        };
        if let Some(lang) = value.and_then(Lang::parse) {
            return lang;
        }
    }
    expertpool_i18n::from_env()
}

/// The command with every text in the current language.
pub fn localise(cmd: Command) -> Command {
    let mut cmd = localise_tree(cmd, "help", None).disable_version_flag(true).arg(
        Arg::new("version")
            .short('V')
            .long("version")
            .action(ArgAction::Version)
            .help(t!("help-clap-version"))
            .help_heading(t!("help-clap-options")),
    );
    // Clap adds its `help` subcommand while building: build first, then reword it.
    cmd.build();
    cmd.mut_subcommand("help", |help| help.about(t!("help-clap-help-command")).long_about(None))
}

/// The help text of argument `id` of the command at `key`: its own, else its parent
/// command's (`help-record-date` for the flags every `record` step shares), else the one
/// several commands share (`help-shared-content`).
fn arg_text(key: &str, parent: Option<&str>, id: &str) -> Option<String> {
    let id = id.replace('_', "-");
    text(&format!("{key}-{id}"))
        .or_else(|| parent.and_then(|p| text(&format!("{p}-{id}"))))
        .or_else(|| text(&format!("help-shared-{id}")))
}

/// Replaces the texts of the command at `key` (`help-verify`, `help-record-new`) and of
/// its subcommands, and clap's headings and template.
fn localise_tree(mut cmd: Command, key: &str, parent: Option<&str>) -> Command {
    if let Some(about) = text(&format!("{key}-about")) {
        cmd = cmd.about(about).long_about(None);
    }
    if let Some(after) = text(&format!("{key}-after")) {
        cmd = cmd.after_help(after).after_long_help(None);
    }
    let ids: Vec<String> = cmd.get_arguments().map(|a| a.get_id().as_str().to_owned()).collect();
    for id in ids {
        let help = arg_text(key, parent, &id);
        cmd = cmd.mut_arg(id.as_str(), |arg| localise_arg(arg, help));
    }
    let names: Vec<String> = cmd.get_subcommands().map(|s| s.get_name().to_owned()).collect();
    for name in names {
        let sub_key = format!("{key}-{name}");
        cmd = cmd.mut_subcommand(name.as_str(), |sub| localise_tree(sub, &sub_key, Some(key)));
    }
    let template = format!(
        "{{about-with-newline}}\n{}\n\n{{all-args}}{{after-help}}",
        t!("help-clap-usage-line", usage = "{usage}")
    );
    cmd.subcommand_help_heading(t!("help-clap-commands"))
        .subcommand_value_name(t!("help-clap-command-value"))
        .help_template(template)
        .disable_help_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help(t!("help-clap-help"))
                .help_heading(t!("help-clap-options")),
        )
}

/// The argument under a localised heading, with its help and clap's `[default: …]` and
/// `[possible values: …]` notes in the current language.
fn localise_arg(arg: Arg, help: Option<String>) -> Arg {
    let heading = if arg.is_positional() { t!("help-clap-arguments") } else { t!("help-clap-options") };
    let mut arg = arg.help_heading(heading);
    let Some(mut help) = help else { return arg };
    if arg.get_action().takes_values() {
        let possible: Vec<String> = arg.get_possible_values().iter().map(|v| v.get_name().to_owned()).collect();
        if !possible.is_empty() {
            help = t!("help-clap-possible-values", help = help, values = possible.join(", "));
            arg = arg.hide_possible_values(true);
        }
        let defaults: Vec<String> = arg.get_default_values().iter().map(|v| v.to_string_lossy().into_owned()).collect();
        if !defaults.is_empty() {
            help = t!("help-clap-default", help = help, value = defaults.join(", "));
            arg = arg.hide_default_value(true);
        }
    }
    arg.help(help).long_help(None)
}

/// Clap's complaint about the command line, reworded in the current language; help and
/// version requests are clap's to print. The exit status is clap's (2 for a usage error).
pub fn exit_on(err: clap::Error) -> ! {
    if matches!(
        err.kind(),
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        err.exit();
    }
    let value = |kind| err.get(kind).map(context_text);
    let arg = value(ContextKind::InvalidArg).unwrap_or_default();
    let given = value(ContextKind::InvalidValue).unwrap_or_default();
    let message = match err.kind() {
        ErrorKind::UnknownArgument => t!("help-clap-error-unknown-argument", arg = arg),
        ErrorKind::InvalidSubcommand => {
            t!("help-clap-error-unknown-subcommand", name = value(ContextKind::InvalidSubcommand).unwrap_or_default())
        }
        ErrorKind::InvalidValue if given.is_empty() => t!("help-clap-error-value-needed", arg = arg),
        ErrorKind::InvalidValue => t!(
            "help-clap-error-invalid-value",
            value = given,
            arg = arg,
            valid = value(ContextKind::ValidValue).unwrap_or_default()
        ),
        ErrorKind::ValueValidation => match std::error::Error::source(&err) {
            // The standard parsers' reasons are English; say what is expected instead.
            Some(e) if e.is::<std::num::ParseIntError>() => {
                t!("help-clap-error-not-a-number", value = given, arg = arg)
            }
            Some(e) if e.is::<std::net::AddrParseError>() => {
                t!("help-clap-error-not-an-address", value = given, arg = arg)
            }
            reason => t!(
                "help-clap-error-bad-value",
                value = given,
                arg = arg,
                reason = reason.map(|e| e.to_string()).unwrap_or_default()
            ),
        },
        ErrorKind::MissingRequiredArgument => t!("help-clap-error-missing", args = arg),
        ErrorKind::MissingSubcommand => t!("help-clap-error-missing-command"),
        ErrorKind::ArgumentConflict => {
            t!("help-clap-error-conflict", arg = arg, other = value(ContextKind::PriorArg).unwrap_or_default())
        }
        ErrorKind::NoEquals | ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            t!("help-clap-error-value-needed", arg = arg)
        }
        _ => t!("help-clap-error-other", detail = err.kind()),
    };
    let mut said = t!("help-clap-error", message = message);
    if let Some(ContextValue::StyledStr(usage)) = err.get(ContextKind::Usage) {
        // Clap's usage line starts with its own "Usage:" heading.
        let usage = usage.to_string();
        let usage = usage.trim().strip_prefix("Usage:").unwrap_or(&usage).trim();
        said.push_str(&format!("\n\n{}", t!("help-clap-usage-line", usage = usage)));
    }
    said.push_str(&format!("\n\n{}", t!("help-clap-error-more")));
    eprintln!("{said}");
    std::process::exit(err.exit_code());
}

/// A value of clap's error context as text: lists joined with commas.
fn context_text(value: &ContextValue) -> String {
    match value {
        ContextValue::String(s) => s.clone(),
        ContextValue::Strings(list) => list.join(", "),
        ContextValue::StyledStr(s) => s.to_string(),
        ContextValue::StyledStrs(list) => list.iter().map(ToString::to_string).collect::<Vec<_>>().join(", "),
        ContextValue::Number(n) => n.to_string(),
        ContextValue::Bool(b) => b.to_string(),
        ContextValue::None => String::new(),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    /// The ids of every command and visible argument that have no text.
    fn missing(cmd: &Command, key: &str, parent: Option<&str>, out: &mut Vec<String>) {
        if text(&format!("{key}-about")).is_none() {
            out.push(format!("{key}-about"));
        }
        for arg in cmd.get_arguments().filter(|a| !a.is_hide_set()) {
            if arg_text(key, parent, arg.get_id().as_str()).is_none() {
                out.push(format!("{key}-{}", arg.get_id()));
            }
        }
        for sub in cmd.get_subcommands() {
            missing(sub, &format!("{key}-{}", sub.get_name()), Some(key), out);
        }
    }

    #[test]
    fn every_command_and_argument_has_a_text() {
        let mut out = vec![];
        missing(&crate::Cli::command(), "help", None, &mut out);
        assert!(out.is_empty(), "no help text in help.ftl for: {out:?}");
    }

    #[test]
    fn the_language_comes_from_the_flag_before_the_environment() {
        let line = |words: &[&str]| words.iter().map(std::ffi::OsString::from).collect::<Vec<_>>();
        assert_eq!(early_lang(&line(&["expertpool", "verify", "--lang", "en", "x"])), Lang::En);
        assert_eq!(early_lang(&line(&["expertpool", "--lang=zh", "check"])), Lang::Zh);
        assert_eq!(early_lang(&line(&["expertpool", "verify", "--", "--lang", "en"])), expertpool_i18n::from_env());
    }

    #[test]
    fn help_is_in_the_language_asked_for() {
        let render = |lang| {
            expertpool_i18n::scoped(lang, || {
                let mut cmd = localise(crate::Cli::command());
                cmd.find_subcommand_mut("verify").expect("verify").render_help().to_string()
            })
        };
        let zh = render(Lang::Zh);
        assert!(zh.contains("用法：") && zh.contains("核验公开的抽取日志") && zh.contains("显示帮助"), "{zh}");
        let en = render(Lang::En);
        assert!(en.contains("Usage:") && en.contains("Verify a public draw log") && en.contains("Print help"), "{en}");
        assert!(!en.contains("核验") && !zh.contains("Print help"), "{en}\n{zh}");
    }
}
