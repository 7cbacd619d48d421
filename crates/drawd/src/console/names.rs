//! Choosing pools and specialties by their Chinese names: the options of the forms'
//! `<datalist>`s (the browser filters them as the clerk types) and the way back from what
//! was typed (a name, `名称（代码）` as the list offers it, or the bare code) to the id.

use crate::directory::Directory;
use crate::error::ApiError;

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

/// The pool typed: by name or id.
pub fn pool_id(dir: &Directory, typed: &str) -> Result<String, ApiError> {
    let t = typed.trim();
    if let Some(p) = dir.pools.values().find(|p| p.id == t || p.name == t) {
        return Ok(p.id.clone());
    }
    let names: Vec<&str> = dir.pools.values().map(|p| p.name.as_str()).collect();
    Err(ApiError::invalid(
        "unknown_pool",
        "pool",
        if t.is_empty() { "未选择专家库".to_owned() } else { format!("没有名为“{t}”的专家库") },
        format!("从列表中选择：{}", names.join("、")),
    ))
}

/// The specialty typed: `名称（代码）`, a code, or a name that only one specialty has.
pub fn specialty_code(dir: &Directory, typed: &str) -> Result<String, ApiError> {
    let t = typed.trim();
    let in_parens = t.strip_suffix('）').and_then(|s| s.rsplit_once('（')).map(|(_, c)| c.trim());
    if let Some(code) = in_parens.filter(|c| dir.specialty_names.contains_key(*c)) {
        return Ok(code.to_owned());
    }
    if dir.specialty_names.contains_key(t) {
        return Ok(t.to_owned());
    }
    let by_name: Vec<&String> = dir.specialty_names.iter().filter(|(_, n)| n.as_str() == t).map(|(c, _)| c).collect();
    match by_name.as_slice() {
        [one] => Ok((*one).clone()),
        [] => Err(ApiError::invalid(
            "unknown_specialty",
            "specialty",
            if t.is_empty() {
                "未选择专业类别".to_owned()
            } else {
                format!("没有名为“{t}”的专业类别")
            },
            "输入名称的几个字，从出现的列表中选择",
        )),
        many => Err(ApiError::invalid(
            "ambiguous_specialty",
            "specialty",
            format!("有{}个专业类别都叫“{t}”", many.len()),
            "从列表中选择带代码的一项",
        )),
    }
}

/// A specialty's name, or its code when the taxonomy no longer has it.
pub fn specialty_name(dir: &Directory, code: &str) -> String {
    dir.specialty_names.get(code).map(|n| specialty_option(n, code)).unwrap_or_else(|| code.to_owned())
}

/// A pool's name, or its id.
pub fn pool_name(dir: &Directory, id: &str) -> String {
    dir.pools.get(id).map(|p| p.name.clone()).unwrap_or_else(|| id.to_owned())
}
