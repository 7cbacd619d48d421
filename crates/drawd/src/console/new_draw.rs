//! The new-draw form. 预览 validates the request exactly as the API does and computes the
//! eligible set against the acknowledged log ([`crate::eligible::eligibility_of`], the
//! function the commit uses), writing nothing; only 确认抽取 submits `Op::Create`.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::Arc;

use axum::Form;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use expertpool_draw::{Eligibility, Reason};
use serde::Deserialize;
use serde_json::json;

use super::details::DrawDetails;
use super::html::{csrf_field, error_box, input, page, textarea};
use super::session::Session;
use super::{Console, Shared, labels, names};
use crate::error::ApiError;
use crate::request::{CreateBody, NewDraw, RecusalBody, validate_create};
use crate::service::{Op, random32};

/// What the form posts; every field as typed, so a refused form comes back as it was.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct DrawForm {
    csrf: String,
    pool: String,
    specialty: String,
    min_level: String,
    count: String,
    using_unit: String,
    project: String,
    work: String,
    event_date: String,
    event_time: String,
    place: String,
    supervisor: String,
    recusal_units: String,
    recusal_people: String,
    recusal_experts: String,
    reveal_after: String,
    action: String,
}

/// Lines (or items separated by 、) of a textarea.
pub(crate) fn items(text: &str) -> Vec<String> {
    text.split(['\n', '、', '；', ';']).map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect()
}

fn required(field: &'static str, label: &str, v: &str) -> Result<String, ApiError> {
    let t = v.trim();
    if t.is_empty() {
        return Err(ApiError::invalid(
            "blank",
            field,
            format!("请填写{label}"),
            format!("{label}是抽取记录表的必填项"),
        ));
    }
    if t.chars().count() > 200 {
        return Err(ApiError::invalid("text_too_long", field, format!("{label}超过200字"), "请精简"));
    }
    Ok(t.to_owned())
}

/// A `datetime-local` value (Beijing time) as the protocol's UTC stamp.
pub(crate) fn beijing_to_stamp(field: &'static str, v: &str) -> Result<Option<String>, ApiError> {
    let v = v.trim();
    if v.is_empty() {
        return Ok(None);
    }
    let t = v
        .parse::<jiff::civil::DateTime>()
        .ok()
        .and_then(|d| d.to_zoned_datetime(crate::clock::beijing()).ok())
        .ok_or_else(|| {
            ApiError::invalid(
                "invalid_time",
                field,
                format!("“{v}”不是日期时间"),
                "按 年-月-日 时:分 填写，如 2026-12-01 18:00",
            )
        })?;
    Ok(Some(crate::clock::stamp(t.timestamp())))
}

/// The console fields beside the protocol's request.
fn details_of(f: &DrawForm) -> Result<DrawDetails, ApiError> {
    Ok(DrawDetails {
        draw: String::new(),
        using_unit: required("using_unit", "专家使用方", &f.using_unit)?,
        project: f.project.trim().to_owned(),
        work: required("purpose", "工作内容", &f.work)?,
        event_time: f.event_time.trim().to_owned(),
        place: f.place.trim().to_owned(),
        supervisor: required("supervisor", "监督人", &f.supervisor)?,
        operator: String::new(),
        recused: vec![],
    })
}

/// The form as the API's creation body. The using unit is always a recused unit: its own
/// experts may not judge its work (art. 10(2)).
fn body_of(c: &Console, f: &DrawForm, d: &DrawDetails) -> Result<CreateBody, ApiError> {
    let dir = c.service.cached_directory();
    let count = f.count.trim().parse::<i64>().map_err(|_| {
        ApiError::invalid(
            "invalid_count",
            "count",
            format!("抽取人数“{}”不是整数", f.count.trim()),
            "填写所需专家人数，如 5",
        )
    })?;
    let mut units = vec![d.using_unit.clone()];
    units.extend(items(&f.recusal_units).into_iter().filter(|u| *u != d.using_unit));
    Ok(CreateBody {
        pool: names::pool_id(&dir, &f.pool)?,
        purpose: d.work.clone(),
        using_unit: d.using_unit.clone(),
        work_content: d.work.clone(),
        project: d.project.clone(),
        redo_of: None,
        specialty: names::specialty_code(&dir, &f.specialty)?,
        min_level: Some(json!(f.min_level.trim().parse::<u64>().unwrap_or(0).min(4))),
        count,
        event_date: f.event_date.trim().to_owned(),
        reveal_after: beijing_to_stamp("reveal_after", &f.reveal_after)?,
        recusal: RecusalBody { units, people: items(&f.recusal_people), experts: items(&f.recusal_experts) },
        beacon: None,
    })
}

/// Validates the whole form as the API would.
async fn validate(c: &Arc<Console>, f: &DrawForm) -> Result<(NewDraw, DrawDetails), ApiError> {
    let d = details_of(f)?;
    let body = body_of(c, f, &d)?;
    let s = c.service.clone();
    let dir = tokio::task::spawn_blocking(move || s.directory()).await.map_err(ApiError::internal)?;
    if !dir.problems.is_empty() {
        return Err(ApiError::invalid(
            "content_has_errors",
            "",
            format!("专家记录有误，暂不能抽取：{}", dir.problems.join("；")),
            "请管理员运行 expertpool check 修正所列文件",
        ));
    }
    let drand = c.service.config.beacon.drand_url.is_some();
    let draw = validate_create(body, &dir, &c.service.clock, c.service.config.max_count, drand)?;
    Ok((draw, d))
}

/// Exclusion reasons and how many experts each applies to (an expert may have several).
pub(crate) fn tally(e: &Eligibility) -> BTreeMap<Reason, usize> {
    let mut t = BTreeMap::new();
    for x in &e.excluded {
        for r in &x.reasons {
            *t.entry(*r).or_insert(0) += 1;
        }
    }
    t
}

fn preview_box(e: &Eligibility, wanted: u32) -> String {
    let eligible = e.eligible.len();
    let mut out = String::from("<section class=\"card\" id=\"preview\"><h2>预览（尚未抽取，未写入记录）</h2>");
    let _ = write!(
        out,
        "<p>符合条件的专家：<strong id=\"eligible-count\">{eligible}</strong> 名；不符合：{} 名；需要：{wanted} 名。</p>",
        e.excluded.len()
    );
    if (eligible as u64) < wanted as u64 {
        let _ = write!(
            out,
            "<div class=\"warning\" id=\"too-few\">符合条件的专家只有{eligible}名，少于所需的{wanted}名。确认后仍会通知全部{eligible}名，缺额{}名；\
             可放宽专业类别或等级条件，或按管理办法第九条邀请专家。</div>",
            wanted as usize - eligible
        );
    }
    let t = tally(e);
    if !t.is_empty() {
        out.push_str("<table><thead><tr><th>不符合的原因</th><th>人数</th></tr></thead><tbody>");
        for (r, n) in &t {
            let _ = write!(out, "<tr data-reason=\"{}\"><td>{}</td><td>{n}</td></tr>", r.code(), labels::reason(*r));
        }
        out.push_str("</tbody></table><p class=\"muted\">一名专家可能同时有几项原因，各项分别计数。</p>");
    }
    out.push_str("</section>");
    out
}

fn render(c: &Console, s: &Session, f: &DrawForm, notice: &str) -> String {
    let dir = c.service.cached_directory();
    let today = c.service.clock.today();
    let level = f.min_level.trim().parse::<usize>().unwrap_or(0);
    let mut levels = String::new();
    for (i, l) in labels::LEVELS.iter().enumerate() {
        let sel = if i == level { " selected" } else { "" };
        let _ = write!(levels, "<option value=\"{i}\"{sel}>{l}</option>");
    }
    let count = if f.count.is_empty() { "5" } else { f.count.as_str() };
    let body = format!(
        "<h1>新建抽取</h1>{notice}<form method=\"post\" action=\"/staff/draws/new\" class=\"card\">{csrf}\
         {pools}{specs}<div class=\"grid\">\
         {pool}{spec}<div><label for=\"min_level\">最低等级</label><select id=\"min_level\" name=\"min_level\">{levels}</select></div>\
         {count}</div><h2>使用方与活动</h2><div class=\"grid\">{unit}{project}{work}{date}{time}{place}{supervisor}</div>\
         <h2>回避与保密</h2><div class=\"grid\">{runits}{rpeople}{rexperts}{reveal}</div>\
         <div class=\"actions\"><button type=\"submit\" name=\"action\" value=\"preview\" class=\"secondary\">预览</button>\
         <button type=\"submit\" name=\"action\" value=\"confirm\">确认抽取</button></div>\
         <p class=\"muted\">预览只计算符合条件的人数，不写入任何记录；“确认抽取”提交请求并写入公开的抽取记录，之后才能运行抽取。</p></form>",
        csrf = csrf_field(s),
        pools = names::pool_list(&dir),
        specs = names::specialty_list(&dir, today),
        pool = input(
            "pool",
            "专家库 <small>输入名称筛选</small>",
            &f.pool,
            "list=\"pools\" required autocomplete=\"off\""
        ),
        spec = input(
            "specialty",
            "专业类别 <small>输入名称筛选</small>",
            &f.specialty,
            "list=\"specialties\" required autocomplete=\"off\""
        ),
        count = input("count", "抽取人数", count, "type=\"number\" min=\"1\" required"),
        unit = input("using_unit", "专家使用方 <small>自动列入回避单位</small>", &f.using_unit, "required"),
        project = input("project", "项目名称", &f.project, ""),
        work = input("work", "工作内容", &f.work, "required"),
        date = input("event_date", "活动日期", &f.event_date, "type=\"date\" required"),
        time = input("event_time", "活动时间", &f.event_time, "type=\"time\""),
        place = input("place", "活动地点", &f.place, ""),
        supervisor = input("supervisor", "监督人", &f.supervisor, "required"),
        runits =
            textarea("recusal_units", "其他回避单位 <small>名称或统一社会信用代码，每行一个</small>", &f.recusal_units),
        rpeople =
            textarea("recusal_people", "回避人员 <small>项目负责人、参与人等姓名，每行一个</small>", &f.recusal_people),
        rexperts = textarea("recusal_experts", "点名回避的专家 <small>专家编号，每行一个</small>", &f.recusal_experts),
        reveal = input(
            "reveal_after",
            "保密截止时间 <small>北京时间；不填则为活动日次日零时</small>",
            &f.reveal_after,
            "type=\"datetime-local\""
        ),
    );
    page("新建抽取", Some(s), &body)
}

pub async fn form(State(c): Shared, headers: HeaderMap) -> Response {
    let s = match c.member(&headers) {
        Ok(s) => s,
        Err(r) => return r,
    };
    if !s.operates() {
        return super::refused(StatusCode::FORBIDDEN, Some(&s), "审计人员不能新建抽取", "请经办人或管理员操作");
    }
    Html(render(&c, &s, &DrawForm::default(), "")).into_response()
}

pub async fn submit(State(c): Shared, headers: HeaderMap, Form(f): Form<DrawForm>) -> Response {
    let s = match c.poster(&headers, &f.csrf) {
        Ok(s) => s,
        Err(r) => return r,
    };
    if !s.operates() {
        return super::refused(StatusCode::FORBIDDEN, Some(&s), "审计人员不能新建抽取", "请经办人或管理员操作");
    }
    let back =
        |e: ApiError| (StatusCode::UNPROCESSABLE_ENTITY, Html(render(&c, &s, &f, &error_box(&e)))).into_response();
    let (draw, mut details) = match validate(&c, &f).await {
        Ok(v) => v,
        Err(e) => return back(e),
    };
    if f.action != "confirm" {
        let sh = c.service.shared.read().unwrap_or_else(|p| p.into_inner());
        let elig = match crate::eligible::eligibility_of(&sh.log, &draw) {
            Ok(e) => e,
            Err(e) => {
                drop(sh);
                return back(ApiError::internal(e));
            }
        };
        drop(sh);
        return Html(render(&c, &s, &f, &preview_box(&elig, draw.request.count))).into_response();
    }
    details.recused = draw
        .request
        .recusal
        .units
        .iter()
        .chain(&draw.request.recusal.people)
        .chain(&draw.request.recusal.experts)
        .cloned()
        .collect();
    let (secret, salt) = match (random32(), random32()) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(e), _) | (_, Err(e)) => return back(e),
    };
    let done = match c.service.submit(Op::Create { actor: s.staff.clone(), draw, secret, salt }).await {
        Ok(d) => d,
        Err(e) => return back(e),
    };
    details.draw = done.draw.clone();
    details.operator = s.staff.clone();
    if let Err(e) = c.details.append(&[details]) {
        // The draw is committed; only the console's notes are missing. Say so on its page.
        eprintln!("drawd: console: cannot keep the details of draw {}: {}", done.draw, e.message);
    }
    Redirect::to(&format!("/staff/draws/{}", done.draw)).into_response()
}
