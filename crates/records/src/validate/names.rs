//! The naming rule of [`crate::names`] over every name that becomes a URL segment.

use super::{Context, stem};
use crate::diagnostic::{Code, Diagnostic};
use crate::names;

pub(super) fn check_names(cx: &Context, out: &mut Vec<Diagnostic>) {
    let instance = cx.instance;
    for pool in &instance.pools {
        let folder = pool.policy.file.path.parent().map(|p| p.to_path_buf()).unwrap_or_default();
        let name = folder.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if let Some(problem) = names::problem(&name) {
            out.push(
                Diagnostic::file_error(
                    Code::BadValue,
                    &folder,
                    format!("库的文件夹名 `{name}` 不符合命名规则：{problem}"),
                )
                .with_help(names::help(&name, "文件夹名（以及 pool.toml 中的 id）")),
            );
        }
        for expert in &pool.experts {
            let name = stem(&expert.file);
            if let Some(problem) = names::problem(&name) {
                out.push(file_name_error(&expert.file.path, &name, &problem, "文件名（以及其中的 id）"));
            }
        }
    }
    let pools = instance.pools.iter().map(|p| (p.id(), p.policy.file.path.as_path()));
    check_case_clashes(pools, out);
    for pool in &instance.pools {
        check_case_clashes(pool.experts.iter().map(|e| (e.id.as_str(), e.file.path.as_path())), out);
    }
    check_case_clashes(instance.notices.iter().map(|d| (d.slug.as_str(), d.file.path.as_path())), out);
    check_case_clashes(instance.calls.iter().map(|d| (d.slug.as_str(), d.file.path.as_path())), out);
    check_case_clashes(instance.pages.iter().map(|d| (d.slug.as_str(), d.file.path.as_path())), out);
    let docs = instance.notices.iter().map(|d| (&d.file, &d.slug));
    let docs = docs.chain(instance.calls.iter().map(|d| (&d.file, &d.slug)));
    for (file, slug) in docs.chain(instance.pages.iter().map(|d| (&d.file, &d.slug))) {
        if let Some(problem) = names::problem(slug) {
            out.push(file_name_error(&file.path, slug, &problem, "文件名（以及引用它的地方）"));
        }
    }
    let specialties = &instance.specialties;
    for (i, s) in specialties.specialties.iter().enumerate() {
        if let Some(problem) = names::problem(&s.code) {
            out.push(
                Diagnostic::error(
                    Code::BadValue,
                    &specialties.file,
                    &format!("specialty[{i}].code"),
                    format!("专业代码 `{}` 不符合命名规则：{problem}", s.code),
                )
                .with_help(names::help(&s.code, "代码")),
            );
        }
    }
}

/// Names of one kind that differ only in letter case: distinct files here, one folder on a
/// web server that ignores case, so the site build refuses them; `check` says so first.
fn check_case_clashes<'a>(names: impl Iterator<Item = (&'a str, &'a std::path::Path)>, out: &mut Vec<Diagnostic>) {
    let mut seen: std::collections::HashMap<String, (&str, &std::path::Path)> = std::collections::HashMap::new();
    for (name, path) in names {
        match seen.entry(name.to_ascii_lowercase()) {
            std::collections::hash_map::Entry::Occupied(first) => {
                let (first_name, first_path) = *first.get();
                // The same name twice is a duplicate id, which its own rule reports.
                if first_name != name {
                    out.push(
                        Diagnostic::file_error(
                            Code::Duplicate,
                            path,
                            format!(
                                "文件名 `{name}` 与 {} 只有大小写不同，发布后两者会落在同一个网址",
                                first_path.display()
                            ),
                        )
                        .with_help("给其中一个改名，使两者不只是大小写不同"),
                    );
                }
            }
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert((name, path));
            }
        }
    }
}

fn file_name_error(path: &std::path::Path, name: &str, problem: &str, what: &str) -> Diagnostic {
    Diagnostic::file_error(Code::BadValue, path, format!("文件名 `{name}` 不符合命名规则：{problem}"))
        .with_help(names::help(name, what))
}
