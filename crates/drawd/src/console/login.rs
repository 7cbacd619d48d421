//! Signing in and out. The login form's CSRF token lives in a short cookie of its own (there
//! is no session yet); a wrong password and an unknown account answer alike, equally slowly;
//! failures are counted per account and per address ([`super::throttle`]).

use std::sync::Arc;

use axum::Form;
use axum::extract::{Query, State};
use axum::http::{Extensions, HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;
use subtle::ConstantTimeEq;

use super::html::{esc, page};
use super::session::{COOKIE, LOGIN_COOKIE, cookie, random_token, set_cookie};
use super::{Console, Shared, accounts, peer, throttle};

#[derive(Deserialize, Default)]
pub struct LoginQuery {
    #[serde(default)]
    expired: Option<String>,
}

#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    id: String,
    #[serde(default)]
    password: String,
}

fn form_page(c: &Console, status: StatusCode, id: &str, message: Option<String>) -> Response {
    let token = match random_token() {
        Ok(t) => t,
        Err(e) => return (StatusCode::INTERNAL_SERVER_ERROR, e.message).into_response(),
    };
    let msg = message.unwrap_or_default();
    let body = format!(
        "<h1>工作人员登录</h1>{msg}<form class=\"card\" method=\"post\" action=\"/staff/login\" style=\"max-width:28rem\">\
         <input type=\"hidden\" name=\"csrf\" value=\"{token}\">\
         <div><label for=\"id\">账号</label><input id=\"id\" name=\"id\" value=\"{}\" autocomplete=\"username\" required autofocus></div>\
         <div style=\"margin-top:.8rem\"><label for=\"password\">密码</label>\
         <input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required></div>\
         <div class=\"actions\"><button type=\"submit\">登录</button></div></form>\
         <p class=\"muted\">账号由管理员用 <code>expertpool staff add</code> 创建。连续输错密码将暂停登录一段时间。</p>",
        esc(id)
    );
    let mut resp = (status, Html(page("登录", None, &body))).into_response();
    if let Ok(v) = HeaderValue::from_str(&set_cookie(LOGIN_COOKIE, &token, c.secure(), false)) {
        resp.headers_mut().append(header::SET_COOKIE, v);
    }
    resp
}

pub async fn form(State(c): Shared, Query(q): Query<LoginQuery>) -> Response {
    let msg = q
        .expired
        .map(|_| "<div class=\"warning\">登录已失效（超过30分钟未操作或已退出），请重新登录。</div>".to_owned());
    form_page(&c, StatusCode::OK, "", msg)
}

fn bad(text: &str) -> Option<String> {
    Some(format!("<div class=\"error\" role=\"alert\">{}</div>", esc(text)))
}

pub async fn submit(State(c): Shared, headers: HeaderMap, ext: Extensions, Form(f): Form<LoginForm>) -> Response {
    let expected = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|h| cookie(h, LOGIN_COOKIE).map(str::to_owned))
        .unwrap_or_default();
    if expected.is_empty() || !bool::from(expected.as_bytes().ct_eq(f.csrf.as_bytes())) {
        return form_page(
            &c,
            StatusCode::FORBIDDEN,
            &f.id,
            bad("表单校验码不符（页面已过期，或来自其他网站），请在本页重新输入后登录。"),
        );
    }
    let id = f.id.trim().to_owned();
    let ip = peer(&ext);
    let now = c.now();
    if let Some(wait) = c.throttle.blocked(&id, ip, now) {
        let minutes = (wait + 59) / 60;
        return form_page(
            &c,
            StatusCode::TOO_MANY_REQUESTS,
            &id,
            bad(&format!(
                "登录失败次数过多（每个账号{}分钟内最多{}次，每个地址{}次），请{minutes}分钟后再试，或请管理员重设密码。",
                throttle::WINDOW_SECS / 60,
                throttle::PER_ACCOUNT,
                throttle::PER_ADDRESS
            )),
        );
    }
    let login = c.service.config.login(&id).cloned();
    let password = f.password;
    // Argon2 takes tens of milliseconds of CPU: off the async threads.
    let ok = tokio::task::spawn_blocking(move || match &login {
        Some(l) => accounts::verify_password(&l.password_argon2id, &password).then(|| l.clone()),
        None => {
            accounts::verify_nothing(&password);
            None
        }
    })
    .await
    .ok()
    .flatten();
    let Some(login) = ok else {
        c.throttle.failed(&id, ip, now);
        return form_page(&c, StatusCode::UNAUTHORIZED, &id, bad("账号或密码不正确。"));
    };
    c.throttle.succeeded(&id);
    let token = match c.sessions.start(&login.id, login.role, now) {
        Ok(t) => t,
        Err(e) => return super::refused(StatusCode::INTERNAL_SERVER_ERROR, None, &e.message, &e.fix),
    };
    let mut resp = Redirect::to("/staff/").into_response();
    for v in [set_cookie(COOKIE, &token, c.secure(), false), set_cookie(LOGIN_COOKIE, "", c.secure(), true)] {
        if let Ok(v) = HeaderValue::from_str(&v) {
            resp.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    resp
}

#[derive(Deserialize)]
pub struct LogoutForm {
    #[serde(default)]
    csrf: String,
}

pub async fn logout(State(c): State<Arc<Console>>, headers: HeaderMap, Form(f): Form<LogoutForm>) -> Response {
    if let Err(r) = c.poster(&headers, &f.csrf) {
        return r;
    }
    let token = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|h| cookie(h, COOKIE).map(str::to_owned));
    if let Some(t) = token {
        c.sessions.end(&t);
    }
    let mut resp = Redirect::to("/staff/login").into_response();
    if let Ok(v) = HeaderValue::from_str(&set_cookie(COOKIE, "", c.secure(), true)) {
        resp.headers_mut().append(header::SET_COOKIE, v);
    }
    resp
}
