//! Markup planted in records (names, employers, Markdown bodies) never becomes live markup.

mod common;

use common::*;

const PAYLOADS: [&str; 3] =
    ["<script>alert(1)</script>", "<img src=x onerror=alert(2)>", "<a href=\"javascript:alert(3)\">点</a>"];

#[test]
fn planted_markup_is_inert() {
    let content = copy_demo();
    let root = content.path();
    // Every expert's name and employer carries markup.
    for pool in ["zhineng", "gaojineng"] {
        for entry in std::fs::read_dir(root.join("pools").join(pool).join("experts")).unwrap() {
            let path = entry.unwrap().path();
            set_field(&path, "name", "'张<script>alert(1)</script>三'");
            set_field(&path, "employer", "'<img src=x onerror=alert(2)>某公司<a href=\"javascript:alert(3)\">点</a>'");
        }
    }
    // Every Markdown body carries raw HTML, handlers and javascript: links.
    let body = "\n<script>alert(4)</script>\n\n<div onclick=\"alert(5)\" onmouseover='alert(6)'>x</div>\n\n[链接](javascript:alert(7))\n\n<a href=\"JaVaScRiPt:alert(8)\">y</a>\n\n<iframe src=\"https://evil.example/\"></iframe>\n<style>body{display:none}</style>\n";
    for folder in ["notices", "calls", "pages"] {
        for entry in std::fs::read_dir(root.join(folder)).unwrap() {
            let path = entry.unwrap().path();
            let mut text = std::fs::read_to_string(&path).unwrap();
            text.push_str(body);
            std::fs::write(&path, text).unwrap();
        }
    }
    let site = render(root, day()).unwrap();
    let mut pages = 0;
    for (path, bytes) in site.files.iter().filter(|(p, _)| p.ends_with(".html") && !p.starts_with("verify")) {
        pages += 1;
        let html = std::str::from_utf8(bytes).unwrap().to_lowercase();
        for tag in tags(&html) {
            let problem = live_markup(tag);
            assert!(problem.is_none(), "{path}: {} in <{tag}>", problem.unwrap());
        }
    }
    assert!(pages > 400);
    // The markup shows as text where the names are printed.
    let notice = text(&site, "notices/zhineng-20261119/index.html");
    assert!(notice.contains("张&lt;script&gt;alert(1)&lt;/script&gt;三"), "escaped name printed");
    // The search index carries the raw strings as JSON data (the script inserts them as text).
    let index: serde_json::Value = serde_json::from_slice(site.get("search-index.json").unwrap()).unwrap();
    assert_eq!(index["experts"][0][2], "张<script>alert(1)</script>三");
    let _ = PAYLOADS;
}

/// The tags of an HTML text: in escaped text every `<` starts a real tag.
fn tags(html: &str) -> impl Iterator<Item = &str> {
    html.split('<').skip(1).map(|rest| rest.split('>').next().unwrap_or(""))
}

/// What makes a tag able to run code or load from elsewhere, if anything.
fn live_markup(tag: &str) -> Option<&'static str> {
    let name = tag.split(|c: char| c.is_whitespace() || c == '/').next().unwrap_or("");
    if name == "script" && !tag.contains(" src=\"") {
        return Some("inline script");
    }
    if ["iframe", "style", "object", "embed", "img"].contains(&name) {
        return Some("embedded content");
    }
    if tag.contains("javascript:") {
        return Some("javascript: URL");
    }
    // An attribute whose name starts with `on` is an event handler.
    let attributes = tag.split_whitespace().skip(1);
    for attribute in attributes {
        if attribute.starts_with("on") && attribute.contains('=') {
            return Some("event handler");
        }
    }
    None
}

#[test]
fn the_checker_sees_live_markup() {
    let html =
        "<p>安全 &lt;script&gt;</p><img src=x onerror=alert(1)><a href=\"javascript:x\">a</a><div onclick=\"x\">";
    let found: Vec<_> = tags(html).filter_map(live_markup).collect();
    assert_eq!(found, ["embedded content", "javascript: URL", "event handler"]);
}

#[test]
fn search_script_inserts_data_as_text_only() {
    let js = std::fs::read_to_string(templates_dir().join("static/assets/search.js")).unwrap();
    assert!(!js.contains("innerHTML") && !js.contains("insertAdjacentHTML") && !js.contains("document.write"));
}
