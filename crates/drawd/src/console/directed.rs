//! Directed selection (定向选用, art. 9(2)), admins only, on its own form: the approved
//! experts by id or name, the approval, and the draw it stands in for. Validated as the API
//! validates it, then `Op::Directed`.

use axum::Form;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::details::DrawDetails;
use super::html::{csrf_field, error_box, input, page, textarea};
use super::new_draw::{beijing_to_stamp, items};
use super::session::Session;
use super::{Console, Shared, names};
use crate::config::Role;
use crate::error::ApiError;
use crate::request::{DirectedBody, validate_directed};
use crate::service::{Op, random32};

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct DirectedForm {
    csrf: String,
    pool: String,
    experts: String,
    approval_ref: String,
    approved_by: String,
    reason: String,
    for_draw: String,
    exception: String,
    using_unit: String,
    work: String,
    event_date: String,
    supervisor: String,
    reveal_after: String,
}

fn render(c: &Console, s: &Session, f: &DirectedForm, notice: &str) -> String {
    let dir = c.service.cached_directory();
    let body = format!(
        "<h1>定向选用</h1><p class=\"muted\">管理办法第九条第二项：随机抽取不能满足需要时，经批准可定向选用库内专家。\
         选用结果写入公开记录，名单在保密截止后公布。</p>{notice}\
         <form method=\"post\" action=\"/staff/directed\" class=\"card\">{csrf}{pools}<div class=\"grid\">\
         {pool}{experts}{approval}{approver}{reason}{for_draw}{exception}{unit}{work}{date}{supervisor}{reveal}</div>\
         <div class=\"actions\"><button type=\"submit\">确认定向选用</button></div></form>",
        csrf = csrf_field(s),
        pools = names::pool_list(&dir),
        pool = input("pool", "专家库", &f.pool, "list=\"pools\" required autocomplete=\"off\""),
        experts = textarea("experts", "选用的专家 <small>专家编号或姓名，每行一个</small>", &f.experts),
        approval = input("approval_ref", "审批文号", &f.approval_ref, "required"),
        approver = input("approved_by", "审批人", &f.approved_by, "required"),
        reason = input("reason", "选用理由", &f.reason, "required"),
        for_draw = input("for_draw", "所替代的抽取编号 <small>未能满额的那次抽取</small>", &f.for_draw, "required"),
        exception =
            input("exception", "例外理由 <small>该抽取已满额或未用尽名单时必填，公开</small>", &f.exception, ""),
        unit = input("using_unit", "专家使用方", &f.using_unit, ""),
        work = input("work", "工作内容", &f.work, ""),
        date = input("event_date", "活动日期", &f.event_date, "type=\"date\" required"),
        supervisor = input("supervisor", "监督人", &f.supervisor, ""),
        reveal = input(
            "reveal_after",
            "保密截止时间 <small>北京时间，可不填</small>",
            &f.reveal_after,
            "type=\"datetime-local\""
        ),
    );
    page("定向选用", Some(s), &body)
}

#[allow(clippy::result_large_err)] // The refusal page, once per request.
fn admin(s: &Session) -> Result<(), Response> {
    if s.role == Role::Admin {
        return Ok(());
    }
    Err(super::refused(StatusCode::FORBIDDEN, Some(s), "只有管理员可以定向选用专家", "请管理员操作"))
}

pub async fn form(State(c): Shared, headers: HeaderMap) -> Response {
    let s = match c.member(&headers) {
        Ok(s) => s,
        Err(r) => return r,
    };
    if let Err(r) = admin(&s) {
        return r;
    }
    Html(render(&c, &s, &DirectedForm::default(), "")).into_response()
}

/// The experts typed: ids, or names that only one expert of the pool has.
fn expert_ids(c: &Console, pool: &str, typed: &str) -> Result<Vec<String>, ApiError> {
    let dir = c.service.cached_directory();
    let Some(p) = dir.pools.get(pool) else { return Ok(items(typed)) };
    items(typed)
        .into_iter()
        .enumerate()
        .map(|(i, t)| {
            if p.expert(&t).is_some() {
                return Ok(t);
            }
            let same: Vec<&str> =
                p.experts.iter().filter(|e| e.public.name == t).map(|e| e.public.id.as_str()).collect();
            match same.as_slice() {
                [one] => Ok((*one).to_owned()),
                [] => Ok(t),
                many => Err(ApiError::invalid(
                    "ambiguous_expert",
                    format!("experts[{i}]"),
                    format!("库内有{}名专家都叫“{t}”：{}", many.len(), many.join("、")),
                    "改填专家编号",
                )),
            }
        })
        .collect()
}

async fn select(c: &Console, s: &Session, f: &DirectedForm) -> Result<String, ApiError> {
    let dir = c.service.cached_directory();
    let pool = names::pool_id(&dir, &f.pool)?;
    let mut reason = f.reason.clone();
    let for_draw = f.for_draw.trim();
    if for_draw.is_empty() {
        return Err(ApiError::invalid(
            "blank",
            "for_draw",
            "请填写所替代的抽取编号",
            "定向选用须指明它所替代的那次抽取（第九条第二项）；该抽取已满额的，另填例外理由",
        ));
    }
    {
        let sh = c.service.shared.read().unwrap_or_else(|p| p.into_inner());
        let meta = sh.meta(for_draw).ok_or_else(|| ApiError::unknown_draw(for_draw))?;
        if meta.pool != pool {
            return Err(ApiError::invalid(
                "pool_mismatch",
                "pool",
                format!("抽取 {for_draw} 属于另一个专家库"),
                "选择该抽取所在的专家库",
            ));
        }
        reason = format!("for draw {for_draw}: {}", reason.trim());
    }
    let body = DirectedBody {
        pool: Some(pool),
        experts: expert_ids(c, &names::pool_id(&dir, &f.pool)?, &f.experts)?,
        approval_ref: f.approval_ref.clone(),
        approved_by: f.approved_by.clone(),
        reason,
        event_date: f.event_date.trim().to_owned(),
        reveal_after: beijing_to_stamp("reveal_after", &f.reveal_after)?,
        exception: Some(f.exception.trim().to_owned()).filter(|e| !e.is_empty()),
    };
    let mut sel = validate_directed(body, &dir, &c.service.clock)?;
    sel.for_draw = for_draw.to_owned();
    let done = c.service.submit(Op::Directed { actor: s.staff.clone(), sel, salt: random32()? }).await?;
    let details = DrawDetails {
        draw: done.draw.clone(),
        using_unit: f.using_unit.trim().to_owned(),
        work: f.work.trim().to_owned(),
        supervisor: f.supervisor.trim().to_owned(),
        operator: s.staff.clone(),
        ..Default::default()
    };
    if let Err(e) = c.details.append(&[details]) {
        eprintln!("drawd: console: cannot keep the details of {}: {}", done.draw, e.message);
    }
    Ok(done.draw)
}

pub async fn submit(State(c): Shared, headers: HeaderMap, Form(f): Form<DirectedForm>) -> Response {
    let s = match c.poster(&headers, &f.csrf) {
        Ok(s) => s,
        Err(r) => return r,
    };
    if let Err(r) = admin(&s) {
        return r;
    }
    match select(&c, &s, &f).await {
        Ok(id) => Redirect::to(&format!("/staff/draws/{id}")).into_response(),
        Err(e) => (StatusCode::UNPROCESSABLE_ENTITY, Html(render(&c, &s, &f, &error_box(&e)))).into_response(),
    }
}
