//! Normalising what people type into spreadsheet cells: full-width forms, stray spaces,
//! the several ways of separating items in one cell.

/// Full-width ASCII (ＡＢＣ１２３，（）) to half-width, ideographic space to a space.
pub(crate) fn half_width(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{3000}' => ' ',
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// Half-width, trimmed, with inner runs of whitespace removed (Chinese text has none
/// that matter, and clerks pad cells with spaces to align them).
pub(crate) fn squeeze(text: &str) -> String {
    half_width(text).chars().filter(|c| !c.is_whitespace() && *c != '\u{200b}' && *c != '\u{feff}').collect()
}

/// The key a header is compared by: squeezed, with separators and brackets removed, so
/// `职业、专业`, `职业/专业` and `职业 ， 专业` are one header.
pub(crate) fn header_key(text: &str) -> String {
    squeeze(text).chars().filter(|c| !is_separator(*c) && !"()[]【】<>《》*".contains(*c)).collect()
}

fn is_separator(c: char) -> bool {
    matches!(c, '、' | ',' | ';' | '；' | '，' | '/' | '\\' | '|' | ':' | '：' | '-' | '_' | '.' | '。')
}

/// Splits a cell holding several items (`电工、焊工；钳工`) into trimmed, non-empty items.
/// `/` is not a separator here: it belongs to labels such as `二级/技师`.
pub(crate) fn split_items(text: &str) -> Vec<String> {
    half_width(text)
        .split(['、', ',', ';', '；', '，', '\n', '\r'])
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// Whether a cell says "nothing" the way forms do (无, /, —).
pub(crate) fn is_blank_marker(text: &str) -> bool {
    matches!(squeeze(text).as_str(), "" | "无" | "/" | "-" | "—" | "——" | "暂无" | "N/A" | "n/a")
}

/// Takes a trailing `(…)` off an item: `高级讲师(副高级)` → (`高级讲师`, Some(`副高级`)).
pub(crate) fn split_parenthetical(item: &str) -> (String, Option<String>) {
    let item = half_width(item);
    let item = item.trim();
    if let Some(body) = item.strip_suffix(')')
        && let Some(open) = body.rfind('(')
    {
        let inner = body[open + 1..].trim().to_string();
        let outer = body[..open].trim().to_string();
        return (outer, if inner.is_empty() { None } else { Some(inner) });
    }
    (item.to_string(), None)
}

/// Excel's column letters for a 0-based index: 0 → A, 25 → Z, 26 → AA.
pub(crate) fn column_letters(index: usize) -> String {
    let mut n = index + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).expect("ASCII letters")
}

/// Values a clerk may write, listed for a message: `a`、`b` joined as Chinese lists them,
/// and each in backticks in English, where the Chinese values are data to copy, not prose.
pub(crate) fn choices<S: AsRef<str>>(values: impl IntoIterator<Item = S>) -> String {
    let values = values.into_iter();
    match expertpool_i18n::current() {
        expertpool_i18n::Lang::Zh => values.map(|v| v.as_ref().to_string()).collect::<Vec<_>>().join("、"),
        expertpool_i18n::Lang::En => values.map(|v| format!("`{}`", v.as_ref())).collect::<Vec<_>>().join(", "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_and_spaces_are_normalised() {
        assert_eq!(half_width("１２３Ｘ（注）"), "123X(注)");
        assert_eq!(squeeze(" 姓　名 "), "姓名");
        assert_eq!(header_key("职业、专业"), header_key("职业 / 专业"));
        assert_eq!(header_key("职业资格等级／职称"), "职业资格等级职称");
    }

    #[test]
    fn items_split_on_chinese_and_ascii_separators() {
        assert_eq!(split_items("电工、焊工；钳工,  车工"), vec!["电工", "焊工", "钳工", "车工"]);
        assert_eq!(split_items("二级/技师"), vec!["二级/技师"]);
    }

    #[test]
    fn parenthetical_is_split_off() {
        assert_eq!(split_parenthetical("高级讲师（副高级）"), ("高级讲师".to_string(), Some("副高级".to_string())));
        assert_eq!(split_parenthetical("技师"), ("技师".to_string(), None));
    }

    #[test]
    fn column_letters_follow_excel() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(3), "D");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(701), "ZZ");
    }
}
