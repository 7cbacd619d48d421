//! The console's HTML: escaping, the page frame (header, navigation, one stylesheet for
//! desktop, tablet and print) and small form pieces. Pages are plain server-rendered HTML:
//! every action is a form post, so nothing needs JavaScript.

use std::fmt::Write as _;

use super::session::Session;
use crate::error::ApiError;

/// Text for HTML content and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

const STYLE: &str = r#"
*{box-sizing:border-box}
body{margin:0;font:16px/1.6 "PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;color:#1d1d1f;background:#f4f5f7}
header.top{background:#8c1c13;color:#fff;padding:.6rem 1rem;display:flex;flex-wrap:wrap;gap:.5rem 1.2rem;align-items:center}
header.top a{color:#fff}
header.top .who{margin-left:auto}
header.top form{display:inline}
main{max-width:1100px;margin:0 auto;padding:1rem}
h1{font-size:1.4rem;margin:.4rem 0 1rem}
h2{font-size:1.15rem;margin:1.4rem 0 .6rem}
a{color:#0b57a4}
.card{background:#fff;border:1px solid #d9dce1;border-radius:6px;padding:1rem;margin:0 0 1rem}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(260px,1fr));gap:.8rem 1.2rem}
label{display:block;font-weight:600;margin-bottom:.2rem}
label small{font-weight:400;color:#555}
input,select,textarea{width:100%;font:inherit;padding:.45rem .5rem;border:1px solid #aab;border-radius:4px;background:#fff}
textarea{min-height:4.5rem}
button,.button{display:inline-block;font:inherit;padding:.5rem 1rem;border-radius:4px;border:1px solid #0b57a4;background:#0b57a4;color:#fff;cursor:pointer;text-decoration:none;min-height:44px}
button.secondary,.button.secondary{background:#fff;color:#0b57a4}
button.danger{background:#a4260b;border-color:#a4260b}
.actions{display:flex;flex-wrap:wrap;gap:.5rem;margin-top:1rem}
table{width:100%;border-collapse:collapse;background:#fff}
th,td{border:1px solid #d9dce1;padding:.45rem .5rem;text-align:left;vertical-align:top}
th{background:#eef0f3}
.error{border-left:4px solid #a4260b;background:#fdecea;padding:.6rem .8rem;margin:0 0 1rem}
.warning{border-left:4px solid #b26a00;background:#fff4e0;padding:.6rem .8rem;margin:0 0 1rem}
.notice{border-left:4px solid #1b7a2f;background:#e8f5eb;padding:.6rem .8rem;margin:0 0 1rem}
.muted{color:#555}
.answer form{display:inline-flex;flex-wrap:wrap;gap:.3rem;align-items:center;margin:.2rem .4rem .2rem 0}
.answer input,.answer select{width:auto;min-width:8rem}
.tel{white-space:nowrap}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:0}
dl.facts dt{font-weight:600}
dl.facts dd{margin:0}
code,.hash{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.85em;word-break:break-all}
@media (max-width:700px){th,td{padding:.35rem}.answer input,.answer select{min-width:6rem}}
"#;

const PRINT_STYLE: &str = r#"
@page{size:A4;margin:16mm 14mm}
@media print{
 body{background:#fff;font-size:11pt}
 header.top,.noprint{display:none!important}
 main{max-width:none;padding:0}
 .card{border:none;padding:0;margin:0 0 4mm}
 table{page-break-inside:auto} tr{page-break-inside:avoid}
 a{color:#000;text-decoration:none}
}
.record h1{text-align:center;font-size:1.5rem;letter-spacing:.2em}
.record .sign{display:grid;grid-template-columns:1fr 1fr;gap:1rem 2rem;margin-top:1.5rem}
.record .sign div{border-bottom:1px solid #000;padding-top:2.2rem}
.record .qr{width:36mm;height:36mm}
.record .verify{display:flex;gap:1rem;align-items:center;margin-top:1rem}
"#;

/// A whole page: `title`, the signed-in member (navigation and logout), the body.
pub fn page(title: &str, who: Option<&Session>, body: &str) -> String {
    page_with(title, who, body, false)
}

/// [`page`] with the print stylesheet (the 抽取记录表).
pub fn page_with(title: &str, who: Option<&Session>, body: &str, print: bool) -> String {
    let mut out = String::with_capacity(body.len() + 4096);
    let _ = write!(
        out,
        "<!doctype html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{} · 专家抽取工作台</title><style>{STYLE}{}</style></head><body>",
        esc(title),
        if print { PRINT_STYLE } else { "" }
    );
    out.push_str("<header class=\"top\"><strong>专家抽取工作台</strong>");
    if let Some(s) = who {
        out.push_str("<nav><a href=\"/staff/\">抽取列表</a>");
        if s.operates() {
            out.push_str(" · <a href=\"/staff/draws/new\">新建抽取</a>");
        }
        if s.role == crate::config::Role::Admin {
            out.push_str(" · <a href=\"/staff/directed\">定向选用</a>");
        }
        let _ = write!(
            out,
            "</nav><span class=\"who\">{}（{}）<form method=\"post\" action=\"/staff/logout\">{}\
             <button class=\"secondary\" type=\"submit\">退出登录</button></form></span>",
            esc(&s.staff),
            super::labels::role(s.role),
            csrf_field(s)
        );
    }
    out.push_str("</header><main>");
    out.push_str(body);
    out.push_str("</main></body></html>\n");
    out
}

/// The hidden CSRF field every form of a session carries.
pub fn csrf_field(s: &Session) -> String {
    format!("<input type=\"hidden\" name=\"csrf\" value=\"{}\">", esc(&s.csrf))
}

/// An error box: what was wrong (with the field named) and what to do.
pub fn error_box(e: &ApiError) -> String {
    let field = super::labels::field(&e.field);
    let place = if field.is_empty() { String::new() } else { format!("【{}】", esc(&field)) };
    format!(
        "<div class=\"error\" role=\"alert\"><strong>未能完成：</strong>{place}{}<br><span class=\"muted\">处理办法：{}</span></div>",
        esc(&e.message),
        esc(&e.fix)
    )
}

/// A labelled text input.
pub fn input(name: &str, label: &str, value: &str, attrs: &str) -> String {
    format!(
        "<div><label for=\"{name}\">{label}</label><input id=\"{name}\" name=\"{name}\" value=\"{}\" {attrs}></div>",
        esc(value)
    )
}

/// A labelled textarea.
pub fn textarea(name: &str, label: &str, value: &str) -> String {
    format!(
        "<div><label for=\"{name}\">{label}</label><textarea id=\"{name}\" name=\"{name}\">{}</textarea></div>",
        esc(value)
    )
}

/// A `tel:` link for a phone number (digits, `+` and `-` kept in the link).
pub fn tel(number: &str) -> String {
    let dial: String = number.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect();
    format!("<a class=\"tel\" href=\"tel:{}\">{}</a>", esc(&dial), esc(number))
}

/// A protocol time (`YYYY-MM-DDTHH:MM:SSZ`) in Beijing time, as clerks read it.
pub fn beijing(stamp: &str) -> String {
    crate::clock::parse_stamp(stamp)
        .map(|t| t.to_zoned_datetime(crate::clock::beijing()).strftime("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_else(|| stamp.to_owned())
}
