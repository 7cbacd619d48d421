//! The messages a clerk reads — `check` diagnostics, import, lifecycle, report, the token
//! and staff commands, the draw service's errors — in Simplified Chinese by default and in
//! English on request, through Project Fluent.
//!
//! There is one catalogue per language (`locales/<lang>/*.ftl`, compiled into the binary,
//! one file per crate so that the messages of a crate sit beside each other); each message
//! has an id, and code names the id with [`t!`]. `tests/catalogue.rs` fails when an id is in
//! one language and not the other, when the two disagree on a message's variables, or when
//! code names an id or passes variables that no catalogue has.
//!
//! The language is process-wide ([`set`], from `--lang` or the environment with
//! [`from_env`]); [`scoped`] overrides it on one thread, for a test or one answer.

#![warn(missing_docs)]

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::cell::Cell;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU8, Ordering};

/// A language the messages exist in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    /// 简体中文, the default: what a bureau's clerks read.
    Zh,
    /// English, for `--lang en` or an English `LANG`.
    En,
}

impl Lang {
    /// Both languages, the default first.
    pub const ALL: [Lang; 2] = [Lang::Zh, Lang::En];

    /// `zh` or `en`, as `--lang` takes it.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    /// `zh`, `zh-CN`, `zh_CN.UTF-8`, `en`, `en_US.UTF-8`, … ; `None` for anything else.
    pub fn parse(tag: &str) -> Option<Lang> {
        let primary = tag.split(['-', '_', '.', '@']).next().unwrap_or("").to_ascii_lowercase();
        match primary.as_str() {
            "zh" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    fn index(self) -> usize {
        self as usize
    }

    fn folder(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }
}

/// The language the environment asks for, as POSIX orders it: the first set of `LC_ALL`,
/// `LC_MESSAGES` and `LANG`. English only when that one is English; Chinese otherwise,
/// also for `C` and `POSIX`, which say nothing about the reader.
pub fn from_env() -> Lang {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|name| std::env::var(name).ok())
        .find(|value| !value.is_empty())
        .and_then(|value| Lang::parse(&value))
        .unwrap_or(Lang::Zh)
}

static CURRENT: AtomicU8 = AtomicU8::new(0);

thread_local! {
    static OVERRIDE: Cell<Option<Lang>> = const { Cell::new(None) };
}

/// Sets the process's language (the CLI does it once, from `--lang` or [`from_env`]).
pub fn set(lang: Lang) {
    CURRENT.store(lang.index() as u8, Ordering::Relaxed);
}

/// The language messages are written in on this thread now.
pub fn current() -> Lang {
    OVERRIDE.with(Cell::get).unwrap_or(if CURRENT.load(Ordering::Relaxed) == 1 { Lang::En } else { Lang::Zh })
}

/// Runs `f` with messages in `lang` on this thread, then restores what was before.
pub fn scoped<R>(lang: Lang, f: impl FnOnce() -> R) -> R {
    let before = OVERRIDE.with(|o| o.replace(Some(lang)));
    struct Restore(Option<Lang>);
    impl Drop for Restore {
        fn drop(&mut self) {
            OVERRIDE.with(|o| o.set(self.0));
        }
    }
    let _restore = Restore(before);
    f()
}

/// `include_str!` of `locales/<lang>/<name>.ftl` for every name, in both languages.
macro_rules! catalogue_files {
    ($($name:literal),+ $(,)?) => {
        [
            $((Lang::Zh, concat!($name, ".ftl"), include_str!(concat!("../locales/zh-CN/", $name, ".ftl"))),)+
            $((Lang::En, concat!($name, ".ftl"), include_str!(concat!("../locales/en/", $name, ".ftl"))),)+
        ]
    };
}

/// Every catalogue file, by language: (language, file name, text).
const SOURCES: &[(Lang, &str, &str)] =
    &catalogue_files!["common", "records", "lookup", "site", "drawd", "console", "staff", "cli", "verify", "help"];

/// The catalogue files of one language as `(file name, text)`, for tests and tools.
pub fn sources(lang: Lang) -> impl Iterator<Item = (&'static str, &'static str)> {
    SOURCES.iter().filter(move |(l, _, _)| *l == lang).map(|(_, name, text)| (*name, *text))
}

type Bundle = FluentBundle<FluentResource>;

fn bundles() -> &'static [Bundle; 2] {
    static BUNDLES: OnceLock<[Bundle; 2]> = OnceLock::new();
    BUNDLES.get_or_init(|| Lang::ALL.map(bundle))
}

fn bundle(lang: Lang) -> Bundle {
    let tag = lang.folder().parse().expect("a valid language tag");
    let mut bundle = Bundle::new_concurrent(vec![tag]);
    // Fluent wraps every value in Unicode isolation marks for right-to-left text by
    // default; in a terminal and in JSON they are invisible noise around paths and codes.
    bundle.set_use_isolating(false);
    for (_, text) in sources(lang) {
        // A broken or duplicate message is caught by tests/catalogue.rs; here the rest of
        // the file still serves, so one slip cannot silence every message.
        let resource = FluentResource::try_new(text.to_owned()).unwrap_or_else(|(partial, _)| partial);
        bundle.add_resource_overriding(resource);
    }
    bundle
}

/// One variable of a message: a number when it is a small whole number (so that the
/// English catalogue can choose `expert` or `experts`), text otherwise — an id code such as
/// `007` or an ID number stays text, digit for digit.
fn value(text: &str) -> FluentValue<'_> {
    let small_whole = !text.is_empty()
        && text.len() <= 9
        && text.trim_start_matches('-').bytes().all(|b| b.is_ascii_digit())
        && text.parse::<i64>().is_ok_and(|n| n.to_string() == text);
    if small_whole { FluentValue::from(text.parse::<i64>().unwrap_or(0)) } else { FluentValue::from(text) }
}

/// The message `id` in `lang` with its variables. A message missing from `lang` falls back
/// to the other language, and one missing from both shows as `⟦id⟧`; the catalogue test
/// keeps both from happening in a release.
pub fn text_in(lang: Lang, id: &str, args: &[(&str, String)]) -> String {
    let all = bundles();
    let found = [lang, other(lang)].into_iter().find_map(|l| {
        let bundle = &all[l.index()];
        bundle.get_message(id).and_then(|m| m.value()).map(|pattern| (bundle, pattern))
    });
    let Some((bundle, pattern)) = found else {
        return format!("⟦{id}⟧");
    };
    let mut fluent_args = FluentArgs::new();
    for (name, text) in args {
        fluent_args.set(*name, value(text));
    }
    let mut errors = Vec::new();
    bundle.format_pattern(pattern, Some(&fluent_args), &mut errors).into_owned()
}

/// The message `id` in the current language ([`current`]).
pub fn text(id: &str, args: &[(&str, String)]) -> String {
    text_in(current(), id, args)
}

/// Whether `lang`'s catalogue has a message `id`.
pub fn has(lang: Lang, id: &str) -> bool {
    bundles()[lang.index()].get_message(id).is_some_and(|m| m.value().is_some())
}

fn other(lang: Lang) -> Lang {
    match lang {
        Lang::Zh => Lang::En,
        Lang::En => Lang::Zh,
    }
}

/// A message of the catalogue in the current language:
/// `t!("records-id-differs", id = e.id, stem = stem)`. Each variable is anything that
/// implements `Display`; the id is a literal so that the catalogue test finds every use.
#[macro_export]
macro_rules! t {
    ($id:literal $(,)?) => {
        $crate::text($id, &[])
    };
    ($id:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::text($id, &[$((stringify!($name), ($value).to_string())),+])
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_parse_from_locale_names() {
        assert_eq!(Lang::parse("en_US.UTF-8"), Some(Lang::En));
        assert_eq!(Lang::parse("zh_CN.UTF-8"), Some(Lang::Zh));
        assert_eq!(Lang::parse("zh-Hans-CN"), Some(Lang::Zh));
        assert_eq!(Lang::parse("C"), None);
        assert_eq!(Lang::parse(""), None);
    }

    #[test]
    fn codes_stay_text_and_counts_become_numbers() {
        assert!(matches!(value("3"), FluentValue::Number(_)));
        assert!(matches!(value("-2"), FluentValue::Number(_)));
        assert!(matches!(value("007"), FluentValue::String(_)));
        assert!(matches!(value("110101199003071234"), FluentValue::String(_)));
        assert!(matches!(value("ZN-00001"), FluentValue::String(_)));
        assert!(matches!(value("+1"), FluentValue::String(_)));
    }

    #[test]
    fn a_scope_sets_the_language_of_one_thread_and_restores_it() {
        let outside = current();
        scoped(Lang::En, || {
            assert_eq!(current(), Lang::En);
            scoped(Lang::Zh, || assert_eq!(current(), Lang::Zh));
            assert_eq!(current(), Lang::En);
        });
        assert_eq!(current(), outside);
    }

    #[test]
    fn messages_follow_the_language_and_a_missing_one_is_marked() {
        let zh = text_in(Lang::Zh, "common-severity-error", &[]);
        let en = text_in(Lang::En, "common-severity-error", &[]);
        assert_eq!((zh.as_str(), en.as_str()), ("错误", "error"));
        assert_eq!(text_in(Lang::Zh, "no-such-message", &[]), "⟦no-such-message⟧");
    }

    #[test]
    fn english_counts_choose_singular_or_plural() {
        let one = text_in(Lang::En, "common-count-experts", &[("count", "1".into())]);
        let many = text_in(Lang::En, "common-count-experts", &[("count", "12".into())]);
        assert_eq!((one.as_str(), many.as_str()), ("1 expert", "12 experts"));
        assert_eq!(text_in(Lang::Zh, "common-count-experts", &[("count", "12".into())]), "12 名专家");
    }
}
