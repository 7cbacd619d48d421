//! HTML escaping for tera.
//!
//! Why tera 1.x and this function: tera 1 is what Zola ships and has years of use; its
//! default escaper also turns `/` into `&#x2F;`, which OWASP once advised but which no
//! HTML context needs and which makes every URL in the output unreadable. Autoescaping stays
//! on for every template; this function escapes the five characters that can end a text
//! node or an attribute value and leaves `/` alone.

/// Escapes `&`, `<`, `>`, `"` and `'` for HTML text and quoted attribute values.
pub(crate) fn escape_html(input: &str) -> String {
    // Most record strings (names, units, dates) need nothing escaped.
    if !input.bytes().any(|b| matches!(b, b'&' | b'<' | b'>' | b'"' | b'\'')) {
        return input.to_string();
    }
    let mut out = String::with_capacity(input.len() + input.len() / 8);
    for c in input.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_but_not_slashes() {
        assert_eq!(escape_html("<a href=\"x\">'&'</a>"), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
        assert_eq!(escape_html("pools/zhineng/"), "pools/zhineng/");
    }
}
