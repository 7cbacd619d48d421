//! A draw's page: the request, the 运行抽取 button before the run, and after it the call
//! sheet: the called experts in calling order with employer and phone numbers (`tel:`
//! links; operators and admins only, read from the private records), and one-click answers.
//! Each answer is `Op::Respond`, which calls the next expert in order in the same durable
//! batch, so the replacement is on the page the clerk is sent back to.

use std::fmt::Write as _;

use axum::Form;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use expertpool_draw::Outcome;
use serde::Deserialize;

use super::facts::{Call, Facts, load};
use super::html::{beijing, csrf_field, error_box, esc, page, tel};
use super::session::Session;
use super::{Console, Shared, labels};
use crate::error::ApiError;
use crate::request::{ResponseBody, validate_response};
use crate::service::{Op, Target};

fn unknown(s: &Session, id: &str) -> Response {
    super::refused(StatusCode::NOT_FOUND, Some(s), &format!("没有编号为 {id} 的抽取"), "从抽取列表中选择")
}

/// The request's facts as a definition list (also on the printed record).
pub(crate) fn request_facts(f: &Facts) -> String {
    let d = f.details.clone().unwrap_or_default();
    let r = &f.request;
    let mut rows: Vec<(&str, String)> = vec![("抽取编号", f.id.clone()), ("专家库", f.pool_name.clone())];
    if !f.directed {
        rows.push(("专业类别", f.specialty.clone()));
        rows.push(("最低等级", labels::level(r["min_level"].as_u64().unwrap_or(0)).to_owned()));
        rows.push(("抽取人数", f.wanted.to_string()));
    } else {
        rows.push(("审批文号", f.commitment["approval_ref"].as_str().unwrap_or_default().to_owned()));
        rows.push(("审批人", f.commitment["approved_by"].as_str().unwrap_or_default().to_owned()));
        rows.push(("选用人数", f.calls.len().to_string()));
    }
    rows.push(("专家使用方", d.using_unit.clone()));
    rows.push(("项目名称", d.project.clone()));
    let work = if d.work.is_empty() { r["purpose"].as_str().unwrap_or_default().to_owned() } else { d.work.clone() };
    rows.push(("工作内容", work));
    let when = format!("{} {}", r["event_date"].as_str().unwrap_or_default(), d.event_time).trim().to_owned();
    rows.push(("活动时间", when));
    rows.push(("活动地点", d.place.clone()));
    rows.push(("监督人", d.supervisor.clone()));
    rows.push(("回避单位和人员", d.recused.join("、")));
    rows.push(("经办人", f.committed_by.clone()));
    rows.push(("提交时间", beijing(&f.committed_at)));
    if let Some(at) = &f.run_at {
        rows.push(("抽取时间", beijing(at)));
    }
    rows.push(("保密截止", beijing(&f.reveal_after)));
    rows.push(("状态", labels::status(&f.status).to_owned()));
    let mut out = String::from("<dl class=\"facts\">");
    for (k, v) in rows.into_iter().filter(|(_, v)| !v.is_empty()) {
        let _ = write!(out, "<dt>{k}</dt><dd>{}</dd>", esc(&v));
    }
    out.push_str("</dl>");
    out
}

fn answer_forms(s: &Session, f: &Facts, c: &Call) -> String {
    let action = format!("/staff/draws/{}/answer", esc(&f.id));
    let csrf = csrf_field(s);
    let p = c.position;
    let mut kinds = String::new();
    for (code, label) in labels::RECUSAL_KINDS {
        let _ = write!(kinds, "<option value=\"{code}\">{label}</option>");
    }
    format!(
        "<div class=\"answer\">\
         <form method=\"post\" action=\"{action}\">{csrf}<input type=\"hidden\" name=\"position\" value=\"{p}\">\
         <button name=\"outcome\" value=\"accepted\" type=\"submit\">同意参加</button>\
         <button name=\"outcome\" value=\"no_answer\" type=\"submit\" class=\"secondary\">未接通</button></form>\
         <form method=\"post\" action=\"{action}\">{csrf}<input type=\"hidden\" name=\"position\" value=\"{p}\">\
         <input name=\"reason\" placeholder=\"拒绝原因\" aria-label=\"拒绝原因\">\
         <button name=\"outcome\" value=\"declined\" type=\"submit\" class=\"danger\">拒绝</button></form>\
         <form method=\"post\" action=\"{action}\">{csrf}<input type=\"hidden\" name=\"position\" value=\"{p}\">\
         <select name=\"kind\" aria-label=\"回避情形\">{kinds}</select>\
         <input name=\"note\" placeholder=\"说明（申报内容）\" aria-label=\"回避说明\">\
         <button name=\"outcome\" value=\"recused\" type=\"submit\" class=\"danger\">回避</button></form></div>"
    )
}

/// The call sheet's table; contact details only for members who call.
fn calls_table(s: &Session, f: &Facts) -> String {
    let contact = s.operates();
    let mut out = String::from("<table id=\"calls\"><thead><tr><th>序</th><th>专家</th><th>工作单位</th>");
    if contact {
        out.push_str("<th>联系电话</th>");
    }
    out.push_str("<th>通知时间</th><th>答复</th></tr></thead><tbody>");
    for (i, c) in f.calls.iter().enumerate() {
        let _ = write!(
            out,
            "<tr data-position=\"{}\" data-outcome=\"{}\"><td>{}</td><td>{}<br><span class=\"muted\">{}</span></td><td>{}</td>",
            c.position,
            c.outcome.map(Outcome::code).unwrap_or("pending"),
            i + 1,
            esc(&c.name),
            esc(&c.expert),
            esc(&c.employer)
        );
        if contact {
            let mut phones = Vec::new();
            if let Some(m) = &c.mobile {
                phones.push(format!("手机 {}", tel(m)));
            }
            if let Some(o) = &c.office {
                phones.push(format!("办公 {}", tel(o)));
            }
            if phones.is_empty() {
                phones.push("<span class=\"muted\">私密记录中无电话</span>".to_owned());
            }
            let _ = write!(out, "<td>{}</td>", phones.join("<br>"));
        }
        let _ = write!(out, "<td>{}</td><td>", beijing(&c.called_at));
        match c.outcome {
            Some(_) => {
                let _ = write!(
                    out,
                    "<strong>{}</strong><br><span class=\"muted\">{} {}</span>",
                    esc(&c.answer_label()),
                    c.answered_at.as_deref().map(beijing).unwrap_or_default(),
                    esc(c.answered_by.as_deref().unwrap_or_default())
                );
            }
            None if f.directed => out.push_str("定向选用"),
            None if s.operates() && !f.revealed && f.cancelled.is_none() => out.push_str(&answer_forms(s, f, c)),
            None => out.push_str("待答复"),
        }
        out.push_str("</td></tr>");
    }
    out.push_str("</tbody></table>");
    out
}

fn render(s: &Session, f: &Facts, notice: &str) -> String {
    let mut body = format!("<h1>抽取 {}</h1>{notice}", esc(&f.id));
    if !f.directed && f.eligible < f.wanted {
        let _ = write!(
            body,
            "<div class=\"warning\">符合条件的专家只有{}名，少于所需的{}名：全部通知后仍缺额{}名。</div>",
            f.eligible,
            f.wanted,
            f.wanted - f.eligible
        );
    }
    let _ = write!(body, "<section class=\"card\">{}</section>", request_facts(f));
    if !f.directed && !f.run {
        body.push_str(
            "<section class=\"card\"><h2>运行抽取</h2><p>请求已写入公开记录。运行前，任何人（包括工作人员）都看不到名单和顺序；\
             运行后按顺序通知专家。</p>",
        );
        if s.operates() {
            let _ = write!(
                body,
                "<form method=\"post\" action=\"/staff/draws/{}/run\">{}<button type=\"submit\">运行抽取</button></form>",
                esc(&f.id),
                csrf_field(s)
            );
        }
        body.push_str("</section>");
    } else {
        let _ = write!(
            body,
            "<section><h2>{}</h2><p>已同意 {} 名，需要 {} 名，待答复 {} 名。{}</p>{}</section>",
            if f.directed { "定向选用的专家" } else { "通知名单（按通知顺序）" },
            f.accepted,
            f.wanted,
            f.awaiting,
            f.message.as_deref().map(|m| format!("<br><span class=\"muted\">{}</span>", esc(m))).unwrap_or_default(),
            calls_table(s, f)
        );
    }
    if let Some(r) = &f.cancelled {
        let _ = write!(body, "<div class=\"warning\" id=\"cancelled\">本次抽取已撤销。公开的原因：{}</div>", esc(r));
    } else if s.operates() && !f.directed && !f.revealed && f.accepted < f.wanted.max(1) {
        let _ = write!(
            body,
            "<details class=\"card noprint\"><summary>撤销本次抽取</summary>\
             <form method=\"post\" action=\"/staff/draws/{}/cancel\">{}\
             <div><label for=\"cancel-reason\">撤销原因 <small>将在公开记录中显示</small></label>\
             <input id=\"cancel-reason\" name=\"reason\" required></div>\
             <div class=\"actions\"><button class=\"danger\" type=\"submit\">确认撤销</button></div></form></details>",
            esc(&f.id),
            csrf_field(s)
        );
    }
    let _ = write!(
        body,
        "<div class=\"actions\"><a class=\"button secondary\" href=\"/staff/draws/{id}/record\">打印抽取记录表</a>",
        id = esc(&f.id)
    );
    if s.operates() && f.accepted > 0 {
        let _ =
            write!(body, "<a class=\"button secondary\" href=\"/staff/draws/{}/evaluate\">使用方评价</a>", esc(&f.id));
    }
    body.push_str("<a class=\"button secondary\" href=\"/staff/\">返回列表</a></div>");
    page(&format!("抽取 {}", f.id), Some(s), &body)
}

pub async fn show(State(c): Shared, Path(id): Path<String>, headers: HeaderMap) -> Response {
    let s = match c.member(&headers) {
        Ok(s) => s,
        Err(r) => return r,
    };
    match load(&c, &id) {
        Some(f) => Html(render(&s, &f, "")).into_response(),
        None => unknown(&s, &id),
    }
}

#[derive(Deserialize)]
pub struct CsrfOnly {
    #[serde(default)]
    csrf: String,
}

/// After a refused change: the page again with why.
fn refused_on_page(c: &Console, s: &Session, id: &str, e: &ApiError) -> Response {
    match load(c, id) {
        Some(f) => (StatusCode::UNPROCESSABLE_ENTITY, Html(render(s, &f, &error_box(e)))).into_response(),
        None => unknown(s, id),
    }
}

#[allow(clippy::result_large_err)] // The refusal page, once per request.
fn operator(c: &Console, headers: &HeaderMap, csrf: &str) -> Result<Session, Response> {
    let s = c.poster(headers, csrf)?;
    if !s.operates() {
        return Err(super::refused(
            StatusCode::FORBIDDEN,
            Some(&s),
            "审计人员只能查看，不能运行抽取或记录答复",
            "请经办人或管理员操作",
        ));
    }
    Ok(s)
}

pub async fn run(State(c): Shared, Path(id): Path<String>, headers: HeaderMap, Form(f): Form<CsrfOnly>) -> Response {
    let s = match operator(&c, &headers, &f.csrf) {
        Ok(s) => s,
        Err(r) => return r,
    };
    let body = crate::request::RunBody { beacon_value: None, drand_round: None, lottery_result: None };
    match crate::api::run_draw(&c.service, s.staff.clone(), id.clone(), &body).await {
        Ok(_) => Redirect::to(&format!("/staff/draws/{id}#calls")).into_response(),
        Err(e) => refused_on_page(&c, &s, &id, &e),
    }
}

#[derive(Deserialize)]
pub struct AnswerForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    position: String,
    #[serde(default)]
    outcome: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    note: String,
}

/// The form as the API's answer body: a declined answer's reason as typed, a recusal's
/// kind with the declaration as its note.
fn response_of(f: &AnswerForm) -> Result<ResponseBody, ApiError> {
    let position = f.position.trim().parse::<u64>().map_err(|_| {
        ApiError::invalid("invalid_position", "position", "未指明是哪一位专家的答复", "在通知名单中该专家一行点按钮")
    })?;
    let reason = match f.outcome.as_str() {
        "declined" => Some(f.reason.trim().to_owned()).filter(|r| !r.is_empty()),
        "recused" => {
            let kind = f.kind.trim();
            let note = f.note.trim();
            match (kind, note.is_empty()) {
                ("", _) => None,
                ("other", true) => {
                    return Err(ApiError::invalid(
                        "reason_required",
                        "reason",
                        "选择“其他”回避情形时须写明说明",
                        "在说明栏写明回避的原因",
                    ));
                }
                (k, true) => Some(k.to_owned()),
                (k, false) => Some(format!("{k}: {note}")),
            }
        }
        _ => None,
    };
    if f.outcome == "declined" && reason.is_none() {
        return Err(ApiError::invalid(
            "reason_required",
            "reason",
            "拒绝须记录专家给出的原因",
            "在“拒绝原因”栏写明；专家未说明原因的，填写 unexplained（计入第十八条第七项）",
        ));
    }
    Ok(ResponseBody { position: Some(position), expert: None, outcome: f.outcome.clone(), reason })
}

pub async fn answer(
    State(c): Shared,
    Path(id): Path<String>,
    headers: HeaderMap,
    Form(f): Form<AnswerForm>,
) -> Response {
    let s = match operator(&c, &headers, &f.csrf) {
        Ok(s) => s,
        Err(r) => return r,
    };
    let checked = response_of(&f).and_then(|b| {
        let (outcome, reason) = validate_response(&b)?;
        Ok((b.position.unwrap_or_default(), outcome, reason))
    });
    let (position, outcome, reason) = match checked {
        Ok(v) => v,
        Err(e) => return refused_on_page(&c, &s, &id, &e),
    };
    let op =
        Op::Respond { actor: s.staff.clone(), draw: id.clone(), target: Target::Position(position), outcome, reason };
    match c.service.submit(op).await {
        Ok(_) => Redirect::to(&format!("/staff/draws/{id}#calls")).into_response(),
        Err(e) => refused_on_page(&c, &s, &id, &e),
    }
}

#[derive(Deserialize)]
pub struct CancelForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    reason: String,
}

/// 撤销: `Op::Cancel` with the reason, which the public log shows.
pub async fn cancel(
    State(c): Shared,
    Path(id): Path<String>,
    headers: HeaderMap,
    Form(f): Form<CancelForm>,
) -> Response {
    let s = match operator(&c, &headers, &f.csrf) {
        Ok(s) => s,
        Err(r) => return r,
    };
    let reason = f.reason.trim().to_owned();
    if reason.is_empty() {
        let e = ApiError::invalid("blank", "reason", "请填写撤销原因", "原因将在公开记录中显示，写明为何撤销");
        return refused_on_page(&c, &s, &id, &e);
    }
    match c.service.submit(Op::Cancel { actor: s.staff.clone(), draw: id.clone(), reason }).await {
        Ok(_) => Redirect::to(&format!("/staff/draws/{id}")).into_response(),
        Err(e) => refused_on_page(&c, &s, &id, &e),
    }
}
