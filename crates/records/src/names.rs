//! The one rule for the names that become URL segments: expert ids (and so expert file
//! names), pool ids (folder names), document slugs (`notices/`, `calls/`, `pages/` file
//! names) and specialty codes.
//!
//! A name is 1 to [`MAX_LEN`] characters of ASCII letters, digits, `-` and `_`, and starts
//! with a letter or a digit. We chose ASCII over Chinese names in URLs because a bureau's
//! links travel through WeChat, SMS and printed notices, where a percent-encoded Chinese
//! path (`/pages/%E9%80%9A%E7%9F%A5%E4%B8%80/`) is unreadable and often cut off, and
//! because the rule makes the name the URL segment byte for byte: no two files can collapse
//! into one folder. Titles stay Chinese; only file names are identifiers. Names that differ
//! only in letter case are also kept apart by the site build, since the bureau's web server
//! may run on a file system that ignores case.

/// The longest name allowed, in characters.
pub const MAX_LEN: usize = 64;

/// What is wrong with `name` as a URL name, in Chinese, or `None` if it follows the rule.
pub fn problem(name: &str) -> Option<String> {
    if name.is_empty() {
        return Some("名称为空".into());
    }
    let count = name.chars().count();
    if count > MAX_LEN {
        return Some(format!("名称有 {count} 个字符，超过上限 {MAX_LEN}"));
    }
    let bad: Vec<char> = name.chars().filter(|&c| !allowed(c)).collect();
    if !bad.is_empty() {
        let mut shown: Vec<String> = Vec::new();
        for c in bad {
            let s = if c == ' ' { "空格".to_string() } else { format!("`{c}`") };
            if !shown.contains(&s) {
                shown.push(s);
            }
        }
        return Some(format!("名称含有不允许的字符 {}（只允许英文字母、数字、`-` 和 `_`）", shown.join("、")));
    }
    if !name.starts_with(|c: char| c.is_ascii_alphanumeric()) {
        return Some("名称须以英文字母或数字开头".into());
    }
    None
}

/// A name that follows the rule, made from `name`: every run of characters the rule does not
/// allow becomes one `-`. `None` when nothing of `name` is left (say, a Chinese title),
/// which a clerk must name by hand (in pinyin or by date).
pub fn suggestion(name: &str) -> Option<String> {
    let mut out = String::new();
    for c in name.chars() {
        if allowed(c) {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let trimmed: String = out.trim_matches(|c| c == '-' || c == '_').chars().take(MAX_LEN).collect();
    let trimmed = trimmed.trim_end_matches(['-', '_']).to_string();
    (!trimmed.is_empty() && problem(&trimmed).is_none()).then_some(trimmed)
}

/// How to fix a name that breaks the rule, in Chinese; `what` says which kind of name
/// (and so what to rename), e.g. `文件名`.
pub fn help(name: &str, what: &str) -> String {
    match suggestion(name) {
        Some(s) if s != name => {
            format!("把{what}改为 `{s}`（只用英文字母、数字、`-` 和 `_`，见 docs/content-format.md）")
        }
        _ => format!(
            "把{what}改为拼音或日期，例如 `tongzhi-20260301`（只用英文字母、数字、`-` 和 `_`，见 docs/content-format.md）"
        ),
    }
}

fn allowed(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || c == '_'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rule() {
        for ok in ["ZN-00042", "zhineng", "zhineng-20260608", "ZZ-01", "a_b", "2026"] {
            assert_eq!(problem(ok), None, "{ok}");
        }
        assert!(problem("").is_some());
        assert!(problem("ZN 70021").unwrap().contains("空格"));
        assert!(problem("通知一").unwrap().contains("`通`"));
        assert!(problem("a.b").is_some());
        assert!(problem("-a").is_some());
        assert!(problem(&"a".repeat(MAX_LEN + 1)).is_some());
        assert_eq!(problem(&"a".repeat(MAX_LEN)), None);
    }

    #[test]
    fn suggestions() {
        assert_eq!(suggestion("ZN 70021").as_deref(), Some("ZN-70021"));
        assert_eq!(suggestion("通知一"), None);
        assert_eq!(suggestion("2026年通知").as_deref(), Some("2026"));
        assert!(help("通知一", "文件名").contains("拼音"));
        assert!(help("ZN 70021", "文件名").contains("`ZN-70021`"));
    }
}
