//! The staff console at `/staff/`: server-rendered pages in Chinese for the bureau's clerks,
//! beside the API and over the same service: every change is an [`Op`](crate::Op) handed
//! to [`Service::submit`] with the signed-in member as actor, exactly as an API call.
//!
//! * [`accounts`] — logins (`expertpool staff add`), argon2id hashes in the configuration;
//! * [`session`], [`throttle`] — sessions, CSRF tokens, idle expiry, login rate limits;
//! * [`login`] — sign in and out; [`dashboard`] — the list of draws;
//! * [`new_draw`] — the request form, its preview (nothing written) and its confirmation;
//! * [`call_sheet`] — run, call in order with contact details, record answers;
//! * [`directed`] — directed selection (admins); [`record`] — the printable 抽取记录表;
//! * [`evaluation`] — the using unit's evaluation after the event (art. 17);
//! * [`html`], [`labels`], [`names`] — page frame, Chinese labels, choosing by name;
//! * [`store`], [`details`] — the console's own files in the data folder.

pub mod accounts;
mod call_sheet;
mod dashboard;
pub mod details;
mod directed;
pub mod evaluation;
mod facts;
pub mod html;
pub mod labels;
mod login;
pub(crate) mod names;
mod new_draw;
mod record;
pub mod session;
mod store;
pub mod throttle;

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use axum::Router;
use axum::extract::{ConnectInfo, DefaultBodyLimit, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};

use crate::service::Service;
use details::DrawDetails;
use evaluation::Evaluation;
use session::{COOKIE, Session, Sessions};
use store::Jsonl;
use throttle::LoginThrottle;

/// The console's state beside the service.
pub struct Console {
    pub(crate) service: Arc<Service>,
    pub(crate) sessions: Sessions,
    pub(crate) throttle: LoginThrottle,
    pub(crate) details: Jsonl<DrawDetails>,
    pub(crate) evaluations: Jsonl<Evaluation>,
}

type Shared = State<Arc<Console>>;

impl Console {
    /// The console of `service`, reading its files from the service's data folder.
    pub fn new(service: Arc<Service>) -> Arc<Console> {
        let data = data_folder(&service);
        Arc::new(Console {
            details: Jsonl::open(&data, details::FILE),
            evaluations: Jsonl::open(&data, evaluation::FILE),
            service,
            sessions: Sessions::default(),
            throttle: LoginThrottle::default(),
        })
    }

    /// Seconds since the epoch on the service's clock (a manual one in tests).
    pub(crate) fn now(&self) -> i64 {
        self.service.clock.now().as_second()
    }

    /// Whether the session cookie is marked `Secure`: the configuration says the site is
    /// served over https.
    pub(crate) fn secure(&self) -> bool {
        self.service.config.site_url.as_deref().is_some_and(|u| u.starts_with("https://"))
    }

    /// The signed-in member of this request, idle time reset; else the answer to send
    /// instead (to the login page, which says why).
    // The refusal is the page to send; once per request, so its size does not matter.
    #[allow(clippy::result_large_err)]
    pub(crate) fn member(&self, headers: &HeaderMap) -> Result<Session, Response> {
        let token = headers
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find_map(|c| session::cookie(c, COOKIE).map(str::to_owned));
        let Some(token) = token else { return Err(Redirect::to("/staff/login").into_response()) };
        self.sessions.touch(&token, self.now()).ok_or_else(|| Redirect::to("/staff/login?expired=1").into_response())
    }

    /// [`Console::member`] for a form post: also the form's CSRF token must be the session's.
    #[allow(clippy::result_large_err)]
    pub(crate) fn poster(&self, headers: &HeaderMap, csrf: &str) -> Result<Session, Response> {
        let s = self.member(headers)?;
        if !s.csrf_ok(csrf) {
            return Err(refused(
                StatusCode::FORBIDDEN,
                Some(&s),
                "表单校验码不符，操作未执行",
                "该表单可能来自其他网站，或页面已过期：请回到工作台重新打开页面后再提交",
            ));
        }
        Ok(s)
    }

    /// The public site's address for QR codes: the configuration's `site_url`, else the
    /// content's `base_url`, always ending in `/`.
    pub(crate) fn site_url(&self) -> String {
        let dir = self.service.cached_directory();
        let mut u = self.service.config.site_url.clone().unwrap_or_else(|| dir.site_url.clone());
        if !u.ends_with('/') {
            u.push('/');
        }
        u
    }
}

/// The service's data folder: where its checkpoints file is (the service keeps no other
/// record of the path, and the console keeps its files beside the journal).
fn data_folder(service: &Service) -> PathBuf {
    let sh = service.shared.read().unwrap_or_else(|p| p.into_inner());
    sh.checkpoints.parent().map(PathBuf::from).unwrap_or_else(|| PathBuf::from("."))
}

/// A page refusing an action, with what to do.
pub(crate) fn refused(status: StatusCode, who: Option<&Session>, message: &str, fix: &str) -> Response {
    let body = format!(
        "<h1>无法执行</h1><div class=\"error\" role=\"alert\">{}<br><span class=\"muted\">处理办法：{}</span></div>\
         <p><a href=\"/staff/\">返回抽取列表</a></p>",
        html::esc(message),
        html::esc(fix)
    );
    (status, Html(html::page("无法执行", who, &body))).into_response()
}

/// The client's address, when the listener recorded it.
pub(crate) fn peer(ext: &axum::http::Extensions) -> Option<IpAddr> {
    ext.get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip())
}

/// Headers of every console answer: never cached, never framed, no referrer, no script,
/// and the time the server spent (`Server-Timing`, for measuring the pages).
async fn headers(req: Request, next: Next) -> Response {
    let started = Instant::now();
    let mut resp = next.run(req).await;
    let h = resp.headers_mut();
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert("x-content-type-options", HeaderValue::from_static("nosniff"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        ),
    );
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    if let Ok(v) = HeaderValue::from_str(&format!("app;dur={ms:.2}")) {
        h.insert("server-timing", v);
    }
    resp
}

/// The console's routes, all under `/staff`. Merged beside the API by [`crate::router`],
/// so both `expertpool drawd` and `expertpool serve` serve it.
pub fn router(service: Arc<Service>) -> Router {
    let limit = service.config.body_limit;
    let console = Console::new(service);
    Router::new()
        .route("/staff", get(|| async { Redirect::permanent("/staff/") }))
        .route("/staff/", get(dashboard::show))
        .route("/staff/login", get(login::form).post(login::submit))
        .route("/staff/logout", post(login::logout))
        .route("/staff/draws/new", get(new_draw::form).post(new_draw::submit))
        .route("/staff/draws/{id}", get(call_sheet::show))
        .route("/staff/draws/{id}/run", post(call_sheet::run))
        .route("/staff/draws/{id}/answer", post(call_sheet::answer))
        .route("/staff/draws/{id}/cancel", post(call_sheet::cancel))
        .route("/staff/draws/{id}/record", get(record::show))
        .route("/staff/draws/{id}/evaluate", get(evaluation::form).post(evaluation::submit))
        .route("/staff/directed", get(directed::form).post(directed::submit))
        .layer(DefaultBodyLimit::max(limit))
        .layer(axum::middleware::from_fn(headers))
        .with_state(console)
}
