//! The printable 抽取记录表 (A4): bureau, request, the call list in calling order with
//! answers and times, signature lines for the operator and the supervisor, the commitment
//! values, and a QR code (SVG, made here) of the public draw page where anyone can check them.

use std::fmt::Write as _;

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use qrcode::QrCode;
use qrcode::render::svg;

use super::Shared;
use super::call_sheet::request_facts;
use super::facts::load;
use super::html::{beijing, esc, page_with};

/// An inline `<svg>` QR code of `url`, or `None` if it does not fit in one.
pub fn qr_svg(url: &str) -> Option<String> {
    let image = QrCode::new(url.as_bytes())
        .ok()?
        .render::<svg::Color>()
        .min_dimensions(136, 136)
        .quiet_zone(true)
        .dark_color(svg::Color("#000000"))
        .light_color(svg::Color("#ffffff"))
        .build();
    // The renderer starts with an XML declaration, which does not belong inside HTML.
    let svg = &image[image.find("<svg")?..];
    Some(svg.replacen("<svg", &format!("<svg class=\"qr\" role=\"img\" aria-label=\"{}\"", esc(url)), 1))
}

pub async fn show(State(c): Shared, Path(id): Path<String>, headers: HeaderMap) -> Response {
    let s = match c.member(&headers) {
        Ok(s) => s,
        Err(r) => return r,
    };
    let Some(f) = load(&c, &id) else {
        return super::refused(StatusCode::NOT_FOUND, Some(&s), &format!("没有编号为 {id} 的抽取"), "从抽取列表中选择");
    };
    let dir = c.service.cached_directory();
    let entry_hash = {
        let sh = c.service.shared.read().unwrap_or_else(|p| p.into_inner());
        sh.log.entry_hash(f.commit_seq).map(hex::encode).unwrap_or_default()
    };
    let url = format!("{}draws/{}/", c.site_url(), f.id);
    let mut body = format!(
        "<div class=\"record\"><p class=\"noprint actions\"><a class=\"button secondary\" href=\"/staff/draws/{id}\">返回抽取页面</a>\
         <span class=\"muted\">用浏览器的“打印”（Ctrl+P）打印本表，纸张 A4；导航和按钮不会打印。</span></p>\
         <h1>专家抽取记录表</h1><p style=\"text-align:center\">{bureau}</p><section class=\"card\">{facts}</section>",
        id = esc(&f.id),
        bureau = esc(&dir.bureau),
        facts = request_facts(&f)
    );
    body.push_str(
        "<h2>通知与答复（按通知顺序）</h2><table><thead><tr><th>序</th><th>专家</th><th>工作单位</th>\
         <th>通知时间</th><th>答复</th><th>答复时间</th></tr></thead><tbody>",
    );
    for (i, call) in f.calls.iter().enumerate() {
        let _ = write!(
            body,
            "<tr><td>{}</td><td>{}（{}）</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            i + 1,
            esc(&call.name),
            esc(&call.expert),
            esc(&call.employer),
            beijing(&call.called_at),
            esc(&if f.directed { "定向选用".to_owned() } else { call.answer_label() }),
            call.answered_at.as_deref().map(beijing).unwrap_or_default()
        );
    }
    if f.calls.is_empty() {
        body.push_str("<tr><td colspan=\"6\">尚未运行抽取。</td></tr>");
    }
    let _ = write!(body, "</tbody></table><p>已同意 {} 名，需要 {} 名。</p>", f.accepted, f.wanted);
    body.push_str("<h2>承诺值</h2><dl class=\"facts\">");
    let mut values = vec![("记录序号", f.commit_seq.to_string()), ("条目哈希", entry_hash)];
    for (label, key) in [
        ("请求哈希", "request_hash"),
        ("专家快照哈希", "snapshot_hash"),
        ("符合条件人数", "eligible_count"),
        ("符合条件名单承诺", "eligible_commit"),
        ("排除名单承诺", "excluded_commit"),
        ("随机秘密承诺", "secret_commit"),
    ] {
        match &f.commitment[key] {
            serde_json::Value::String(v) => values.push((label, v.clone())),
            serde_json::Value::Number(n) => values.push((label, n.to_string())),
            _ => {}
        }
    }
    if let Some(h) = f.run_body.as_ref().and_then(|r| r["order_hash"].as_str()) {
        values.push(("顺序哈希", h.to_owned()));
    }
    for (k, v) in values {
        let _ = write!(body, "<dt>{k}</dt><dd class=\"hash\">{}</dd>", esc(&v));
    }
    body.push_str("</dl>");
    let _ = write!(
        body,
        "<div class=\"verify\">{}<p>任何人都可以扫描二维码或访问 <a href=\"{u}\">{u}</a>，在公开的抽取页面核对上列承诺值，\
         并用页面上的验证功能（或 <code>expertpool verify</code>）独立复算：名单公布后，抽取顺序只由这些承诺值和公开记录决定，与本表一致即未被改动。</p></div>",
        qr_svg(&url).unwrap_or_default(),
        u = esc(&url)
    );
    let d = f.details.clone().unwrap_or_default();
    let _ = write!(
        body,
        "<div class=\"sign\"><div>经办人（签字）：{}</div><div>监督人（签字）：{}</div><div>日期：</div><div>日期：</div></div></div>",
        esc(&d.operator),
        esc(&d.supervisor)
    );
    Html(page_with(&format!("抽取记录表 {}", f.id), Some(&s), &body, true)).into_response()
}
