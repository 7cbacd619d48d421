//! QR codes of notice URLs, drawn locally as inline SVG (no image service, no external asset).

use crate::memo::Memo;
use qrcode::QrCode;
use qrcode::render::svg;

/// An `<svg>` element encoding `url`, labelled for screen readers; `None` if the URL is too
/// long for a QR code (it never is for a page URL, but a build must not fail over it).
pub(crate) fn svg_for(url: &str, label: &str) -> Option<String> {
    // `serve` renders the same notices again on every change; a code depends only on its text.
    static MEMO: Memo = Memo::new();
    MEMO.get_or_insert(&format!("{url}\u{0}{label}"), || draw(url, label))
}

fn draw(url: &str, label: &str) -> Option<String> {
    let code = QrCode::new(url.as_bytes()).ok()?;
    let image = code
        .render::<svg::Color>()
        .min_dimensions(148, 148)
        .quiet_zone(true)
        .dark_color(svg::Color("#000000"))
        .light_color(svg::Color("#ffffff"))
        .build();
    // The renderer emits an XML declaration, which does not belong inside HTML.
    let start = image.find("<svg")?;
    let svg = &image[start..];
    let label = crate::escape::escape_html(label);
    Some(svg.replacen("<svg", &format!("<svg role=\"img\" aria-label=\"{label}\" class=\"qr\""), 1))
}

#[cfg(test)]
mod tests {
    #[test]
    fn svg_is_inline_and_labelled() {
        let svg = super::svg_for("https://rsj.example.gov.cn/notices/a/", "二维码").unwrap();
        assert!(svg.starts_with("<svg role=\"img\" aria-label=\"二维码\""), "{}", &svg[..80]);
        assert!(!svg.contains("<?xml"));
        assert!(svg.contains("<path") || svg.contains("<rect"));
    }
}
