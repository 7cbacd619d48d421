//! Choosing pools and specialties by their Chinese names: the options of the forms'
//! `<datalist>`s (the browser filters them as the clerk types) and the way back from what
//! was typed (a name, `名称（代码）` as the list offers it, or the bare code) to the id.

use crate::directory::Directory;
use crate::error::ApiError;
use expertpool_i18n::t;

use super::html::esc;

/// How the lists offer a specialty: its name with the code, so two of one name differ.
pub fn specialty_option(name: &str, code: &str) -> String {
    format!("{name}（{code}）")
}

/// The `<datalist>` of pools, by name.
pub fn pool_list(dir: &Directory) -> String {
    let mut out = String::from("<datalist id=\"pools\">");
    for p in dir.pools.values() {
        out.push_str(&format!("<option value=\"{}\"></option>", esc(&p.name)));
    }
    out.push_str("</datalist>");
    out
}

/// The `<datalist>` of specialties still in use.
pub fn specialty_list(dir: &Directory, today: expertpool_records::Date) -> String {
    let mut out = String::from("<datalist id=\"specialties\">");
    for (code, name) in &dir.specialty_names {
        if matches!(dir.specialties.get(code), Some(Some(retired)) if *retired <= today) {
            continue;
        }
        out.push_str(&format!("<option value=\"{}\"></option>", esc(&specialty_option(name, code))));
    }
    out.push_str("</datalist>");
    out
}

/// The pool typed: by name or id. The console's forms and `POST /api/draws` both resolve
/// here, so a name the console accepts the API accepts too.
pub fn pool_id(dir: &Directory, typed: &str) -> Result<String, ApiError> {
    let t = typed.trim();
    if let Some(p) = dir.pools.values().find(|p| p.id == t || p.name == t) {
        return Ok(p.id.clone());
    }
    if t.is_empty() {
        return Err(ApiError::invalid(
            "unknown_pool",
            "pool",
            t!("console-no-pool-chosen"),
            t!("console-choose-pool-fix"),
        ));
    }
    let offered = dir.pools.values().flat_map(|p| [p.name.as_str(), p.id.as_str()]);
    let fix = match closest(t, offered) {
        Some(near) => t!("console-unknown-pool-suggest-fix", near = near),
        None => {
            let names: Vec<String> = dir.pools.values().map(|p| format!("{}（{}）", p.name, p.id)).collect();
            t!("console-unknown-pool-fix", names = names.join(&t!("console-list-separator")))
        }
    };
    Err(ApiError::invalid("unknown_pool", "pool", t!("console-unknown-pool", typed = t), fix))
}

/// The specialty typed: `名称（代码）`, a code, or a name that only one specialty has.
pub fn specialty_code(dir: &Directory, typed: &str) -> Result<String, ApiError> {
    let t = typed.trim();
    let in_parens = t.strip_suffix('）').and_then(|s| s.rsplit_once('（')).map(|(_, c)| c.trim());
    if let Some(code) = in_parens.filter(|c| dir.specialty_names.contains_key(*c)) {
        return Ok(code.to_owned());
    }
    if dir.specialty_names.contains_key(t) || (!t.is_empty() && dir.specialties.contains_key(t)) {
        return Ok(t.to_owned());
    }
    let by_name: Vec<&String> = dir.specialty_names.iter().filter(|(_, n)| n.as_str() == t).map(|(c, _)| c).collect();
    match by_name.as_slice() {
        [one] => Ok((*one).clone()),
        [] if t.is_empty() => Err(ApiError::invalid(
            "unknown_specialty",
            "specialty",
            t!("console-no-specialty-chosen"),
            t!("console-unknown-specialty-fix"),
        )),
        [] => {
            let offered = dir.specialty_names.iter().flat_map(|(c, n)| [n.as_str(), c.as_str()]);
            let fix = match closest(t, offered) {
                Some(near) => {
                    // The suggestion as the lists offer it, so that it can be pasted back.
                    let code = dir.specialty_names.iter().find(|(c, n)| *c == near || *n == near).map(|(c, _)| c);
                    let shown = code.map_or_else(|| near.to_owned(), |c| specialty_name(dir, c));
                    t!("console-unknown-specialty-suggest-fix", near = shown)
                }
                None => t!("console-unknown-specialty-fix"),
            };
            Err(ApiError::invalid("unknown_specialty", "specialty", t!("console-unknown-specialty", typed = t), fix))
        }
        many => Err(ApiError::invalid(
            "ambiguous_specialty",
            "specialty",
            t!("console-ambiguous-specialty", count = many.len(), typed = t),
            t!("console-ambiguous-specialty-fix"),
        )),
    }
}

/// The offered name or code nearest to what was typed, when it is near enough to be the
/// one meant: a slip of a character or two, or a part of the name. Counted in characters,
/// since one Chinese character is one slip.
fn closest<'a>(typed: &str, offered: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let typed: Vec<char> = typed.chars().collect();
    let mut best: Option<(usize, &str)> = None;
    for name in offered {
        let chars: Vec<char> = name.chars().collect();
        let contains = |a: &[char], b: &[char]| !b.is_empty() && a.windows(b.len()).any(|w| w == b);
        let part = contains(&chars, &typed) || (typed.len() >= 2 && contains(&typed, &chars));
        let d = if part { 0 } else { distance(&typed, &chars) };
        let allowed = (chars.len().max(typed.len()) / 3).max(1);
        if d <= allowed && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, name));
        }
    }
    best.map(|(_, name)| name)
}

/// Levenshtein distance of two strings of characters.
fn distance(a: &[char], b: &[char]) -> usize {
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut diag = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let up = row[j + 1];
            row[j + 1] = (up + 1).min(row[j] + 1).min(diag + usize::from(ca != cb));
            diag = up;
        }
    }
    row[b.len()]
}

/// A specialty's name, or its code when the taxonomy no longer has it.
pub fn specialty_name(dir: &Directory, code: &str) -> String {
    dir.specialty_names.get(code).map(|n| specialty_option(n, code)).unwrap_or_else(|| code.to_owned())
}

/// A pool's name, or its id.
pub fn pool_name(dir: &Directory, id: &str) -> String {
    dir.pools.get(id).map(|p| p.name.clone()).unwrap_or_else(|| id.to_owned())
}

#[cfg(test)]
mod tests {
    use super::closest;

    #[test]
    fn a_slip_or_a_part_finds_the_name_and_a_stranger_finds_none() {
        let names = ["评标专家库", "工程技术专家库", "EVAL"];
        assert_eq!(closest("评标专家", names.iter().copied()), Some("评标专家库"));
        assert_eq!(closest("评表专家库", names.iter().copied()), Some("评标专家库"));
        assert_eq!(closest("EVL", names.iter().copied()), Some("EVAL"));
        assert_eq!(closest("医疗卫生", names.iter().copied()), None);
    }
}
