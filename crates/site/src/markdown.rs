//! Markdown bodies to safe HTML: pulldown-cmark renders, ammonia removes anything that
//! could run (raw `<script>`, `on*` handlers, `javascript:` URLs, `<iframe>`, styles).

use crate::memo::Memo;
use pulldown_cmark::{Options, Parser, html};
use std::sync::OnceLock;

/// Renders a Markdown body; the result is safe to insert unescaped.
pub(crate) fn render(markdown: &str) -> String {
    // Bodies rarely change between two `serve` rebuilds; sanitising is the costly part.
    static MEMO: Memo = Memo::new();
    MEMO.get_or_insert(markdown, || Some(render_uncached(markdown))).unwrap_or_default()
}

fn render_uncached(markdown: &str) -> String {
    let parser = Parser::new_ext(markdown, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH);
    let mut raw = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut raw, parser);
    sanitizer().clean(&raw).to_string()
}

fn sanitizer() -> &'static ammonia::Builder<'static> {
    static BUILDER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    BUILDER.get_or_init(|| {
        let mut builder = ammonia::Builder::default();
        // Links in bodies may point anywhere a citizen could go; schemes that run code do not.
        builder.url_schemes(["http", "https", "mailto", "tel"].into_iter().collect());
        builder.link_rel(Some("noopener noreferrer"));
        builder
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_markdown() {
        let out = render("# 标题\n\n一段**文字**。\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
        assert!(out.contains("<h1>标题</h1>"), "{out}");
        assert!(out.contains("<strong>文字</strong>"));
        assert!(out.contains("<table>"));
    }

    #[test]
    fn nothing_executable_survives() {
        let out = render(
            "<script>alert(1)</script>\n\n<img src=x onerror=\"alert(2)\">\n\n[点我](javascript:alert(3))\n\n<a href=\"javascript:alert(4)\">x</a>\n\n<iframe src=\"https://evil.example\"></iframe>",
        );
        let lower = out.to_lowercase();
        for bad in ["<script", "onerror", "javascript:", "<iframe"] {
            assert!(!lower.contains(bad), "{bad} survived in {out}");
        }
    }
}
