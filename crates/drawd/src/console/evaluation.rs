//! The using unit's evaluation after the event (art. 17, "谁使用、谁评价"): per expert who
//! accepted in the draw, a rating and a comment, tied to the draw. Kept in
//! `<data>/console-evaluations.jsonl` with the fields of a record's `[[evaluations]]` table;
//! the page shows, for each, the `expertpool record evaluate … --draw` command that enters
//! it into the expert's record once the draw's names are public (docs/api.md, Console).

use std::fmt::Write as _;

use axum::Form;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use expertpool_draw::Outcome;
use serde::{Deserialize, Serialize};

use super::facts::{Facts, load};
use super::html::{csrf_field, error_box, esc, page};
use super::session::Session;
use super::{Console, Shared};
use crate::error::ApiError;

/// The file name in the data folder.
pub const FILE: &str = "console-evaluations.jsonl";

/// The ratings of art. 17 as records spell them.
pub const RATINGS: [&str; 4] = ["优秀", "称职", "基本称职", "不称职"];

/// One evaluation: the fields of `[[evaluations]]` plus the expert and who entered it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Evaluation {
    /// The draw the expert served through.
    pub draw: String,
    /// The expert's public id.
    pub expert: String,
    /// `YYYY-MM-DD`, Beijing date of entry.
    pub date: String,
    /// The evaluating (using) unit.
    pub unit: String,
    /// What the expert did.
    pub work: String,
    /// One of [`RATINGS`].
    pub rating: String,
    /// Optional remarks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// Staff id who entered it.
    pub entered_by: String,
}

/// A shell word, quoted when needed.
fn sh(s: &str) -> String {
    if !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || "-_.:/".contains(c)) {
        s.to_owned()
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

/// The command that enters `e` into the expert's record.
pub fn record_command(e: &Evaluation) -> String {
    let mut cmd = format!(
        "expertpool record evaluate {} --unit {} --work {} --rating {} --draw {}",
        sh(&e.expert),
        sh(&e.unit),
        sh(&e.work),
        sh(&e.rating),
        sh(&e.draw)
    );
    if let Some(c) = &e.comment {
        let _ = write!(cmd, " --comment {}", sh(c));
    }
    cmd
}

fn served(f: &Facts) -> Vec<&super::facts::Call> {
    f.calls.iter().filter(|c| f.directed || c.outcome == Some(Outcome::Accepted)).collect()
}

fn event_date(f: &Facts) -> Option<String> {
    f.request["event_date"].as_str().map(str::to_owned)
}

fn render(c: &Console, s: &Session, f: &Facts, notice: &str) -> String {
    let done = c.evaluations.find(|e| e.draw == f.id);
    let d = f.details.clone().unwrap_or_default();
    let mut body = format!(
        "<h1>使用方评价 · 抽取 {}</h1><p class=\"muted\">管理办法第十七条：谁使用、谁评价。活动结束后，由专家使用方对参加工作的专家逐一评价。</p>{notice}",
        esc(&f.id)
    );
    let open: Vec<_> = served(f).into_iter().filter(|x| !done.iter().any(|e| e.expert == x.expert)).collect();
    if !open.is_empty() {
        let _ = write!(
            body,
            "<form method=\"post\" action=\"/staff/draws/{}/evaluate\" class=\"card\">{}<div class=\"grid\">\
             <div><label for=\"unit\">评价单位</label><input id=\"unit\" name=\"unit\" value=\"{}\" required></div>\
             <div><label for=\"work\">工作内容</label><input id=\"work\" name=\"work\" value=\"{}\" required></div></div>\
             <table><thead><tr><th>专家</th><th>评价等次</th><th>评语</th></tr></thead><tbody>",
            esc(&f.id),
            csrf_field(s),
            esc(&d.using_unit),
            esc(&d.work)
        );
        for x in &open {
            let mut options = String::from("<option value=\"\">（暂不评价）</option>");
            for r in RATINGS {
                let _ = write!(options, "<option value=\"{r}\">{r}</option>");
            }
            let _ = write!(
                body,
                "<tr><td>{}（{}）</td><td><select name=\"rating:{id}\" aria-label=\"评价等次\">{options}</select></td>\
                 <td><input name=\"comment:{id}\" aria-label=\"评语\"></td></tr>",
                esc(&x.name),
                esc(&x.expert),
                id = esc(&x.expert)
            );
        }
        body.push_str("</tbody></table><div class=\"actions\"><button type=\"submit\">保存评价</button></div></form>");
    }
    if !done.is_empty() {
        body.push_str("<h2>已登记的评价</h2><table><thead><tr><th>专家</th><th>等次</th><th>评语</th><th>登记</th><th>记入专家档案的命令</th></tr></thead><tbody>");
        for e in &done {
            let _ = write!(
                body,
                "<tr data-expert=\"{}\"><td>{}</td><td>{}</td><td>{}</td><td>{} {}</td><td><code>{}</code></td></tr>",
                esc(&e.expert),
                esc(&e.expert),
                esc(&e.rating),
                esc(e.comment.as_deref().unwrap_or("")),
                esc(&e.date),
                esc(&e.entered_by),
                esc(&record_command(e))
            );
        }
        body.push_str(
            "</tbody></table><p class=\"muted\">名单公布并导出抽取记录（<code>expertpool export-log</code>）后，在内容仓库中运行上列命令，评价即记入专家档案（第十七条），\
             <code>expertpool report</code> 会列出其中的“不称职”。</p>",
        );
    }
    if open.is_empty() && done.is_empty() {
        body.push_str("<p>本次抽取没有同意参加的专家，无需评价。</p>");
    }
    let _ = write!(body, "<p><a href=\"/staff/draws/{}\">返回抽取页面</a></p>", esc(&f.id));
    page("使用方评价", Some(s), &body)
}

fn before_event(c: &Console, f: &Facts) -> Option<ApiError> {
    let date = event_date(f)?;
    let today = c.service.clock.today().0.to_string();
    (today < date).then(|| {
        ApiError::invalid("before_event", "", format!("活动日期是 {date}，活动结束后才能评价"), "活动结束后再登记评价")
    })
}

pub(crate) async fn form(State(c): Shared, Path(id): Path<String>, headers: HeaderMap) -> Response {
    let s = match c.member(&headers) {
        Ok(s) => s,
        Err(r) => return r,
    };
    let Some(f) = load(&c, &id) else {
        return super::refused(StatusCode::NOT_FOUND, Some(&s), &format!("没有编号为 {id} 的抽取"), "从抽取列表中选择");
    };
    let notice = before_event(&c, &f).map(|e| error_box(&e)).unwrap_or_default();
    Html(render(&c, &s, &f, &notice)).into_response()
}

pub(crate) async fn submit(
    State(c): Shared,
    Path(id): Path<String>,
    headers: HeaderMap,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let get = |k: &str| fields.iter().find(|(n, _)| n == k).map(|(_, v)| v.trim().to_owned()).unwrap_or_default();
    let s = match c.poster(&headers, &get("csrf")) {
        Ok(s) => s,
        Err(r) => return r,
    };
    if !s.operates() {
        return super::refused(StatusCode::FORBIDDEN, Some(&s), "审计人员不能登记评价", "请经办人或管理员操作");
    }
    let Some(f) = load(&c, &id) else {
        return super::refused(StatusCode::NOT_FOUND, Some(&s), &format!("没有编号为 {id} 的抽取"), "从抽取列表中选择");
    };
    let back =
        |e: ApiError| (StatusCode::UNPROCESSABLE_ENTITY, Html(render(&c, &s, &f, &error_box(&e)))).into_response();
    if let Some(e) = before_event(&c, &f) {
        return back(e);
    }
    let (unit, work) = (get("unit"), get("work"));
    if unit.is_empty() || work.is_empty() {
        return back(ApiError::invalid(
            "blank",
            "unit",
            "请填写评价单位和工作内容",
            "两项都是专家档案中评价记录的必填项",
        ));
    }
    let done = c.evaluations.find(|e| e.draw == id);
    let mut new = Vec::new();
    for x in served(&f) {
        let rating = get(&format!("rating:{}", x.expert));
        if rating.is_empty() || done.iter().any(|e| e.expert == x.expert) {
            continue;
        }
        if !RATINGS.contains(&rating.as_str()) {
            return back(ApiError::invalid(
                "unknown_rating",
                "rating",
                format!("“{rating}”不是评价等次"),
                "选择 优秀、称职、基本称职 或 不称职",
            ));
        }
        let comment = Some(get(&format!("comment:{}", x.expert))).filter(|c| !c.is_empty());
        new.push(Evaluation {
            draw: id.clone(),
            expert: x.expert.clone(),
            date: c.service.clock.today().0.to_string(),
            unit: unit.clone(),
            work: work.clone(),
            rating,
            comment,
            entered_by: s.staff.clone(),
        });
    }
    if new.is_empty() {
        return back(ApiError::invalid("nothing", "rating", "没有选择任何评价等次", "至少为一名专家选择等次"));
    }
    if let Err(e) = c.evaluations.append(&new) {
        return back(e);
    }
    Redirect::to(&format!("/staff/draws/{id}/evaluate")).into_response()
}
