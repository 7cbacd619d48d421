//! The console's first page: every draw, newest first, with its using unit and state.

use std::collections::HashMap;
use std::fmt::Write as _;

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{Html, IntoResponse, Response};

use super::html::{beijing, esc, page};
use super::{Shared, labels, names};
use crate::views;

pub async fn show(State(c): Shared, headers: HeaderMap) -> Response {
    let s = match c.member(&headers) {
        Ok(s) => s,
        Err(r) => return r,
    };
    let dir = c.service.cached_directory();
    let units: HashMap<String, String> = c.details.all().into_iter().map(|d| (d.draw, d.using_unit)).collect();
    let list = {
        let sh = c.service.shared.read().unwrap_or_else(|p| p.into_inner());
        views::draw_list(&sh)
    };
    let mut body = String::from("<h1>抽取列表</h1>");
    if s.operates() {
        body.push_str("<div class=\"actions\" style=\"margin:0 0 1rem\"><a class=\"button\" href=\"/staff/draws/new\">新建抽取</a></div>");
    }
    body.push_str(
        "<table><thead><tr><th>抽取编号</th><th>专家库</th><th>专家使用方</th><th>状态</th><th>保密截止</th></tr></thead><tbody>",
    );
    let draws = list["draws"].as_array().cloned().unwrap_or_default();
    for d in draws.iter().rev() {
        let id = d["id"].as_str().unwrap_or_default();
        let _ = write!(
            body,
            "<tr><td><a href=\"/staff/draws/{id}\">{id}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&names::pool_name(&dir, d["pool"].as_str().unwrap_or_default())),
            esc(units.get(id).map(String::as_str).unwrap_or("")),
            labels::status(d["status"].as_str().unwrap_or_default()),
            beijing(d["reveal_after"].as_str().unwrap_or_default()),
            id = esc(id)
        );
    }
    if draws.is_empty() {
        body.push_str("<tr><td colspan=\"5\" class=\"muted\">还没有抽取。</td></tr>");
    }
    body.push_str("</tbody></table>");
    Html(page("抽取列表", Some(&s), &body)).into_response()
}
