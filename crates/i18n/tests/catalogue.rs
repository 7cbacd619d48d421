//! The catalogues are complete and agree with the code: every message is in both
//! languages with the same variables, every id the code names exists, the variables the
//! code passes are the ones the message uses, and no message is left unused.

use expertpool_i18n::{Lang, sources};
use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Message id → the variables it uses, for one language; panics on a parse error.
fn catalogue(lang: Lang) -> BTreeMap<String, BTreeSet<String>> {
    let mut messages = BTreeMap::new();
    for (file, text) in sources(lang) {
        let resource = fluent_syntax::parser::parse(text)
            .unwrap_or_else(|(_, errors)| panic!("{}/{file} does not parse: {errors:?}", lang.code()));
        for entry in resource.body {
            match entry {
                Entry::Message(m) => {
                    let mut vars = BTreeSet::new();
                    let pattern =
                        m.value.unwrap_or_else(|| panic!("{}/{file}: `{}` has no value", lang.code(), m.id.name));
                    pattern_vars(&pattern, &mut vars);
                    let id = m.id.name.to_owned();
                    assert!(
                        messages.insert(id.clone(), vars).is_none(),
                        "{}/{file}: `{id}` is defined twice",
                        lang.code()
                    );
                }
                Entry::Term(t) => {
                    panic!("{}/{file}: term `-{}`: the catalogues use messages only", lang.code(), t.id.name)
                }
                Entry::Junk { content } => panic!("{}/{file}: cannot read {content:?}", lang.code()),
                _ => {}
            }
        }
    }
    messages
}

fn pattern_vars(pattern: &Pattern<&str>, vars: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            expression_vars(expression, vars);
        }
    }
}

fn expression_vars(expression: &Expression<&str>, vars: &mut BTreeSet<String>) {
    match expression {
        Expression::Inline(inline) => inline_vars(inline, vars),
        Expression::Select { selector, variants } => {
            inline_vars(selector, vars);
            for v in variants {
                pattern_vars(&v.value, vars);
            }
        }
    }
}

fn inline_vars(inline: &InlineExpression<&str>, vars: &mut BTreeSet<String>) {
    match inline {
        InlineExpression::VariableReference { id } => {
            vars.insert(id.name.to_owned());
        }
        InlineExpression::Placeable { expression } => expression_vars(expression, vars),
        InlineExpression::FunctionReference { arguments, .. } => {
            for a in &arguments.positional {
                inline_vars(a, vars);
            }
        }
        _ => {}
    }
}

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap()
}

/// Every `.rs` file of the workspace's crates and tests, but this one (whose scan test
/// holds made-up calls).
fn rust_files() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name();
            if path.is_dir() {
                if name != "target" && name != "fixtures" && !name.to_string_lossy().starts_with('.') {
                    walk(&path, out);
                }
            } else if path.extension().is_some_and(|e| e == "rs") && !path.ends_with("i18n/tests/catalogue.rs") {
                out.push(path);
            }
        }
    }
    let root = workspace();
    let mut files = Vec::new();
    walk(&root.join("crates"), &mut files);
    walk(&root.join("tests"), &mut files);
    files
}

/// One `t!("id", a = …, b = …)` in the code: where, the id and the variable names.
struct Use {
    place: String,
    id: String,
    names: BTreeSet<String>,
}

/// The `t!` calls of one file, read with just enough of Rust's syntax to split the
/// arguments at top-level commas (strings, chars and nested brackets are skipped).
fn uses_in(path: &Path, text: &str) -> Vec<Use> {
    let mut found = Vec::new();
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(at) = text[from..].find("t!(") {
        let start = from + at;
        from = start + 3;
        // `t!(` as a whole word (not `assert!(`, `print!(`…).
        if start > 0 && (bytes[start - 1].is_ascii_alphanumeric() || bytes[start - 1] == b'_') {
            continue;
        }
        // Examples in comments are not calls.
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        if text[line_start..start].trim_start().starts_with("//") {
            continue;
        }
        let rest = &text[start + 3..];
        let rest_trim = rest.trim_start();
        if !rest_trim.starts_with('"') {
            continue;
        }
        let Some(end_quote) = rest_trim[1..].find('"') else { continue };
        let id = rest_trim[1..1 + end_quote].to_owned();
        let after = &rest_trim[1 + end_quote + 1..];
        let line = text[..start].matches('\n').count() + 1;
        let mut names = BTreeSet::new();
        for arg in top_level_args(after) {
            let arg = arg.trim();
            if let Some((name, _)) = arg.split_once('=') {
                let name = name.trim();
                if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                    names.insert(name.to_owned());
                }
            }
        }
        found.push(Use { place: format!("{}:{line}", path.display()), id, names });
    }
    found
}

/// The comma-separated arguments after the id, up to the macro's closing parenthesis.
fn top_level_args(after_id: &str) -> Vec<String> {
    let mut args = Vec::new();
    let mut depth = 0i32;
    let mut current = String::new();
    let mut chars = after_id.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                current.push(c);
                while let Some(s) = chars.next() {
                    current.push(s);
                    if s == '\\' {
                        if let Some(n) = chars.next() {
                            current.push(n);
                        }
                    } else if s == '"' {
                        break;
                    }
                }
            }
            '(' | '[' | '{' => {
                depth += 1;
                current.push(c);
            }
            ')' | ']' | '}' => {
                if depth == 0 {
                    break;
                }
                depth -= 1;
                current.push(c);
            }
            ',' if depth == 0 => args.push(std::mem::take(&mut current)),
            _ => current.push(c),
        }
    }
    args.push(current);
    // The first piece is what stands between the id and the first comma (nothing).
    args.into_iter().skip(1).collect()
}

#[test]
fn both_languages_have_every_message_with_the_same_variables() {
    let zh = catalogue(Lang::Zh);
    let en = catalogue(Lang::En);
    let only_zh: Vec<_> = zh.keys().filter(|k| !en.contains_key(*k)).collect();
    let only_en: Vec<_> = en.keys().filter(|k| !zh.contains_key(*k)).collect();
    assert!(only_zh.is_empty(), "in zh-CN but not in en: {only_zh:?}");
    assert!(only_en.is_empty(), "in en but not in zh-CN: {only_en:?}");
    for (id, vars) in &zh {
        assert_eq!(vars, &en[id], "`{id}` uses different variables in zh-CN and en");
    }
}

#[test]
fn every_message_the_code_names_exists_with_the_variables_it_passes() {
    let zh = catalogue(Lang::Zh);
    let mut problems = Vec::new();
    let mut count = 0;
    for path in rust_files() {
        let text = std::fs::read_to_string(&path).unwrap();
        for u in uses_in(&path, &text) {
            count += 1;
            match zh.get(&u.id) {
                None => problems.push(format!("{}: no message `{}` in the catalogues", u.place, u.id)),
                Some(vars) if vars != &u.names => {
                    problems.push(format!("{}: `{}` uses {:?} but the code passes {:?}", u.place, u.id, vars, u.names))
                }
                Some(_) => {}
            }
        }
    }
    assert!(count > 0, "found no t! call at all: the scan is broken");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_message_is_used() {
    let mut code = String::new();
    for path in rust_files() {
        code.push_str(&std::fs::read_to_string(&path).unwrap());
    }
    let unused: Vec<_> = catalogue(Lang::Zh).into_keys().filter(|id| !code.contains(&format!("\"{id}\""))).collect();
    assert!(unused.is_empty(), "messages no code names (remove them or use them): {unused:?}");
}

#[test]
fn the_scan_reads_ids_and_variable_names() {
    let code = r#"let m = t!("a-b", id = e.id, stem = f(x, y), text = "x, y = z");
        // let z = t!("in-a-comment");
        assert!(x); let n = t!("c-d");"#;
    let uses = uses_in(Path::new("x.rs"), code);
    assert_eq!(uses.len(), 2);
    assert_eq!(uses[0].id, "a-b");
    assert_eq!(uses[0].names, ["id", "stem", "text"].map(String::from).into());
    assert!(uses[1].names.is_empty());
}
