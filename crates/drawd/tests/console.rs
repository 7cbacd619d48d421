//! The staff console over HTTP (in-process router, manual clock): login, sessions and
//! their expiry, CSRF refusal, login rate limits, roles, the preview that writes nothing,
//! a whole draw with a decline and its replacement, directed selection, the printed record,
//! evaluations, and a scan proving no phone number reaches any public answer.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::*;
use expertpool_drawd::{Clock, Role, Service};
use tower::ServiceExt;

const PASSWORD: &str = "correct-horse-battery";

struct Console {
    root: std::path::PathBuf,
    clock: Clock,
    service: Arc<Service>,
    router: Router,
}

impl Drop for Console {
    fn drop(&mut self) {
        self.service.shutdown();
        if !std::thread::panicking() {
            let _ = std::fs::remove_dir_all(&self.root);
        }
    }
}

fn console(tag: &str) -> Console {
    let root = temp_dir(tag);
    let content = root.join("content");
    copy_dir(Path::new(FIXTURE), &content);
    let config = root.join("drawd.toml");
    for (id, role) in [("clerk.wang", Role::Operator), ("auditor.li", Role::Auditor), ("admin.zhao", Role::Admin)] {
        expertpool_drawd::add_login(&config, id, role, Some(PASSWORD), "2026-11-23T00:00:00Z").unwrap();
    }
    let clock = Clock::manual(START.parse().unwrap());
    let service = open(&config, &root.join("data"), &content, clock.clone());
    let router = expertpool_drawd::router(service.clone());
    Console { root, clock, service, router }
}

/// One browser: a cookie jar over the router.
struct Agent<'a> {
    c: &'a Console,
    cookies: BTreeMap<String, String>,
}

struct Page {
    status: StatusCode,
    location: Option<String>,
    body: String,
}

impl Page {
    fn csrf(&self) -> String {
        let at = self.body.find("name=\"csrf\" value=\"").expect("a form with a CSRF token") + 19;
        self.body[at..at + self.body[at..].find('"').unwrap()].to_owned()
    }
}

fn form(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| {
            let enc =
                |s: &str| percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC).to_string();
            format!("{}={}", enc(k), enc(v))
        })
        .collect::<Vec<_>>()
        .join("&")
}

impl<'a> Agent<'a> {
    fn new(c: &'a Console) -> Agent<'a> {
        Agent { c, cookies: BTreeMap::new() }
    }

    async fn send(&mut self, method: &str, path: &str, body: Option<String>) -> Page {
        let mut req = Request::builder().method(method).uri(path);
        if !self.cookies.is_empty() {
            let jar: Vec<String> = self.cookies.iter().map(|(k, v)| format!("{k}={v}")).collect();
            req = req.header(header::COOKIE, jar.join("; "));
        }
        let req = match body {
            Some(b) => req.header(header::CONTENT_TYPE, "application/x-www-form-urlencoded").body(Body::from(b)),
            None => req.body(Body::empty()),
        }
        .unwrap();
        let resp = self.c.router.clone().oneshot(req).await.unwrap();
        for v in resp.headers().get_all(header::SET_COOKIE) {
            let v = v.to_str().unwrap();
            let (kv, attrs) = v.split_once(';').unwrap_or((v, ""));
            let (k, val) = kv.split_once('=').unwrap();
            if attrs.contains("Max-Age=0") {
                self.cookies.remove(k);
            } else {
                self.cookies.insert(k.to_owned(), val.to_owned());
            }
        }
        let status = resp.status();
        let location = resp.headers().get(header::LOCATION).map(|l| l.to_str().unwrap().to_owned());
        let bytes = axum::body::to_bytes(resp.into_body(), 10 << 20).await.unwrap();
        Page { status, location, body: String::from_utf8_lossy(&bytes).into_owned() }
    }

    async fn get(&mut self, path: &str) -> Page {
        self.send("GET", path, None).await
    }

    async fn post(&mut self, path: &str, pairs: &[(&str, &str)]) -> Page {
        self.send("POST", path, Some(form(pairs))).await
    }

    async fn login(&mut self, id: &str, password: &str) -> Page {
        let p = self.get("/staff/login").await;
        let csrf = p.csrf();
        self.post("/staff/login", &[("csrf", &csrf), ("id", id), ("password", password)]).await
    }

    /// The CSRF token of this session (from any of its pages).
    async fn token(&mut self) -> String {
        self.get("/staff/").await.csrf()
    }
}

fn log_size(c: &Console) -> u64 {
    c.service.head().0
}

fn draw_form<'b>(csrf: &'b str, action: &'b str, count: &'b str) -> Vec<(&'b str, &'b str)> {
    vec![
        ("csrf", csrf),
        ("pool", "测试市职业能力建设专家库"),
        ("specialty", "数控加工（ZZ-01）"),
        ("min_level", "2"),
        ("count", count),
        ("using_unit", "云港模具厂"),
        ("project", "2026年数控车工技能等级认定"),
        ("work", "技能人才评价"),
        ("event_date", "2026-12-01"),
        ("event_time", "09:00"),
        ("place", "测试市职业技能鉴定中心"),
        ("supervisor", "监督员孙"),
        ("recusal_units", ""),
        ("recusal_people", "张项目"),
        ("recusal_experts", "ZN-T01"),
        ("reveal_after", ""),
        ("action", action),
    ]
}

/// Creates (confirms) a draw through the form; returns its id.
async fn confirmed(a: &mut Agent<'_>, count: &str) -> String {
    let csrf = a.token().await;
    let p = a.post("/staff/draws/new", &draw_form(&csrf, "confirm", count)).await;
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.body);
    p.location.unwrap().trim_start_matches("/staff/draws/").to_owned()
}

async fn answer(a: &mut Agent<'_>, id: &str, position: &str, outcome: &str, reason: &str) -> Page {
    let csrf = a.token().await;
    a.post(
        &format!("/staff/draws/{id}/answer"),
        &[("csrf", &csrf), ("position", position), ("outcome", outcome), ("reason", reason)],
    )
    .await
}

/// `data-position` values of the call sheet, in the order shown, with `data-outcome`.
fn rows(html: &str) -> Vec<(String, String)> {
    html.split("<tr data-position=\"")
        .skip(1)
        .map(|r| {
            let pos = r[..r.find('"').unwrap()].to_owned();
            let at = r.find("data-outcome=\"").unwrap() + 14;
            (pos, r[at..at + r[at..].find('"').unwrap()].to_owned())
        })
        .collect()
}

#[tokio::test]
async fn console_pages_need_a_login_and_logout_ends_the_session() {
    let c = console("login");
    let mut a = Agent::new(&c);
    let p = a.get("/staff/").await;
    assert_eq!(p.status, StatusCode::SEE_OTHER);
    assert_eq!(p.location.as_deref(), Some("/staff/login"));
    let p = a.login("clerk.wang", "wrong password").await;
    assert_eq!(p.status, StatusCode::UNAUTHORIZED);
    assert!(p.body.contains("账号或密码不正确"));
    let p = a.login("nobody", PASSWORD).await;
    assert_eq!(p.status, StatusCode::UNAUTHORIZED, "an unknown account answers like a wrong password");
    let p = a.login("clerk.wang", PASSWORD).await;
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.body);
    let set = a.cookies.get("ep_staff").cloned().expect("a session cookie");
    let p = a.get("/staff/").await;
    assert_eq!(p.status, StatusCode::OK);
    assert!(p.body.contains("抽取列表") && p.body.contains("clerk.wang"));
    let csrf = p.csrf();
    let p = a.post("/staff/logout", &[("csrf", &csrf)]).await;
    assert_eq!(p.location.as_deref(), Some("/staff/login"));
    // The old cookie no longer opens anything, even if a copy was kept.
    a.cookies.insert("ep_staff".into(), set);
    assert_eq!(a.get("/staff/").await.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn session_cookie_is_httponly_strict_and_secure_only_over_https() {
    let c = console("cookie");
    let req = |cookie: String, body: String| {
        Request::post("/staff/login")
            .header(header::COOKIE, cookie)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(body))
            .unwrap()
    };
    let mut a = Agent::new(&c);
    let p = a.get("/staff/login").await;
    let csrf = p.csrf();
    let resp = c
        .router
        .clone()
        .oneshot(req(
            format!("ep_login={csrf}"),
            form(&[("csrf", &csrf), ("id", "clerk.wang"), ("password", PASSWORD)]),
        ))
        .await
        .unwrap();
    let cookie = resp
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .find(|v| v.starts_with("ep_staff="))
        .unwrap();
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), "{cookie}");
    assert!(!cookie.contains("Secure"), "the fixture's configuration names no https site: {cookie}");
    let csp = resp.headers().get(header::CONTENT_SECURITY_POLICY).unwrap().to_str().unwrap();
    assert!(csp.contains("default-src 'none'"), "{csp}");

    // With `site_url = "https://…"` the cookie is Secure.
    let config = c.root.join("drawd.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    let https = c.root.join("https.toml");
    std::fs::write(&https, format!("site_url = \"https://rsj.example.gov.cn/zjk/\"\n{text}")).unwrap();
    let data = c.root.join("data-https");
    let s = open(&https, &data, &c.root.join("content"), c.clock.clone());
    let router = expertpool_drawd::router(s.clone());
    let login = router.clone().oneshot(Request::get("/staff/login").body(Body::empty()).unwrap()).await.unwrap();
    let pre = login.headers().get(header::SET_COOKIE).unwrap().to_str().unwrap().to_owned();
    assert!(pre.contains("Secure"), "{pre}");
    let token = pre.split(';').next().unwrap().trim_start_matches("ep_login=").to_owned();
    let resp = router
        .oneshot(req(
            format!("ep_login={token}"),
            form(&[("csrf", &token), ("id", "clerk.wang"), ("password", PASSWORD)]),
        ))
        .await
        .unwrap();
    let cookie = resp
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap())
        .find(|v| v.starts_with("ep_staff="))
        .unwrap()
        .to_owned();
    assert!(cookie.contains("Secure"), "{cookie}");
    s.shutdown();
}

#[tokio::test]
async fn a_post_without_the_sessions_csrf_token_is_refused_and_writes_nothing() {
    let c = console("csrf");
    let mut a = Agent::new(&c);
    a.login("clerk.wang", PASSWORD).await;
    let before = log_size(&c);
    for bad in ["", "0000", "forged-token"] {
        let p = a.post("/staff/draws/new", &draw_form(bad, "confirm", "3")).await;
        assert_eq!(p.status, StatusCode::FORBIDDEN, "csrf {bad:?}");
        assert!(p.body.contains("表单校验码不符"));
    }
    assert_eq!(log_size(&c), before, "nothing was committed");
    // Another member's token does not do either.
    let mut b = Agent::new(&c);
    b.login("admin.zhao", PASSWORD).await;
    let theirs = b.token().await;
    let p = a.post("/staff/draws/new", &draw_form(&theirs, "confirm", "3")).await;
    assert_eq!(p.status, StatusCode::FORBIDDEN);
    // The login form has its own token, in a cookie of its own.
    let mut fresh = Agent::new(&c);
    let p = fresh.post("/staff/login", &[("csrf", "x"), ("id", "clerk.wang"), ("password", PASSWORD)]).await;
    assert_eq!(p.status, StatusCode::FORBIDDEN);
    assert!(!fresh.cookies.contains_key("ep_staff"));
    // And the right token works.
    let id = confirmed(&mut a, "3").await;
    assert_eq!(log_size(&c), before + 1, "draw {id} committed");
}

#[tokio::test]
async fn a_session_ends_after_thirty_idle_minutes() {
    let c = console("idle");
    let mut a = Agent::new(&c);
    a.login("clerk.wang", PASSWORD).await;
    c.clock.advance(29 * 60);
    assert_eq!(a.get("/staff/").await.status, StatusCode::OK, "29 minutes idle: still signed in");
    c.clock.advance(29 * 60);
    assert_eq!(a.get("/staff/").await.status, StatusCode::OK, "each request resets the idle time");
    c.clock.advance(30 * 60 + 1);
    let p = a.get("/staff/").await;
    assert_eq!(p.status, StatusCode::SEE_OTHER);
    assert_eq!(p.location.as_deref(), Some("/staff/login?expired=1"));
    assert!(a.get("/staff/login?expired=1").await.body.contains("登录已失效"));
}

#[tokio::test]
async fn failed_logins_are_limited_per_account_and_per_address() {
    let c = console("throttle");
    let mut a = Agent::new(&c);
    for _ in 0..expertpool_drawd::console::throttle::PER_ACCOUNT {
        assert_eq!(a.login("clerk.wang", "guess").await.status, StatusCode::UNAUTHORIZED);
    }
    let p = a.login("clerk.wang", PASSWORD).await;
    assert_eq!(p.status, StatusCode::TOO_MANY_REQUESTS, "even the right password, while blocked");
    assert!(p.body.contains("登录失败次数过多"));
    assert_eq!(a.login("admin.zhao", PASSWORD).await.status, StatusCode::SEE_OTHER, "another account may log in");
    c.clock.advance(expertpool_drawd::console::throttle::WINDOW_SECS);
    assert_eq!(a.login("clerk.wang", PASSWORD).await.status, StatusCode::SEE_OTHER, "after the window");
    // Per address: many accounts guessed from one address (the in-process router has no
    // peer address, so every call here is the same unknown address).
    for i in 0..expertpool_drawd::console::throttle::PER_ADDRESS {
        a.login(&format!("guess{i}"), "x").await;
    }
    assert_eq!(a.login("auditor.li", PASSWORD).await.status, StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn preview_counts_eligible_experts_and_writes_nothing() {
    let c = console("preview");
    let mut a = Agent::new(&c);
    a.login("clerk.wang", PASSWORD).await;
    let csrf = a.token().await;
    let before = log_size(&c);
    let p = a.post("/staff/draws/new", &draw_form(&csrf, "preview", "3")).await;
    assert_eq!(p.status, StatusCode::OK, "{}", p.body);
    assert_eq!(log_size(&c), before, "a preview writes nothing");
    let needle = "id=\"eligible-count\">";
    let at = p.body.find(needle).unwrap() + needle.len();
    let shown: u64 = p.body[at..at + p.body[at..].find('<').unwrap()].parse().unwrap();
    assert!(p.body.contains("data-reason=\"specialty\""), "the tally names reasons");
    assert!(p.body.contains("data-reason=\"named_exclusion\""), "ZN-T01 is named for recusal");
    assert!(p.body.contains("专业类别不符"));
    assert!(!p.body.contains("id=\"too-few\""), "enough experts for 3");
    // The form keeps what was typed.
    assert!(p.body.contains("value=\"云港模具厂\""));
    // The commit then counts the same.
    let id = confirmed(&mut a, "3").await;
    let v = c.service.public_export();
    let commit = v["entries"].as_array().unwrap().iter().find(|e| e["draw"] == id.as_str()).unwrap();
    assert_eq!(commit["body"]["eligible_count"].as_u64(), Some(shown));
    // Too many wanted: a warning.
    let p = a.post("/staff/draws/new", &draw_form(&csrf, "preview", "50")).await;
    assert!(p.body.contains("id=\"too-few\""), "{}", p.body);
    // Bad input names the field.
    let mut bad = draw_form(&csrf, "preview", "3");
    bad[2] = ("specialty", "不存在的专业");
    let p = a.post("/staff/draws/new", &bad).await;
    assert_eq!(p.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(p.body.contains("【专业类别】"), "{}", p.body);
    assert_eq!(log_size(&c), before + 1);
}

#[tokio::test]
async fn whole_draw_with_a_decline_and_its_replacement_then_record_and_evaluation() {
    let c = console("draw");
    let mut a = Agent::new(&c);
    a.login("clerk.wang", PASSWORD).await;
    let id = confirmed(&mut a, "2").await;
    let p = a.get(&format!("/staff/draws/{id}")).await;
    assert!(p.body.contains("运行抽取") && rows(&p.body).is_empty(), "nobody is shown before the run");
    let csrf = p.csrf();
    let p = a.post(&format!("/staff/draws/{id}/run"), &[("csrf", &csrf)]).await;
    assert_eq!(p.status, StatusCode::SEE_OTHER);
    let sheet = a.get(&format!("/staff/draws/{id}")).await.body;
    let called = rows(&sheet);
    assert_eq!(called.len(), 2, "{sheet}");
    assert!(sheet.contains("href=\"tel:139"), "mobile numbers as tel: links");
    assert!(sheet.contains("同意参加") && sheet.contains("未接通") && sheet.contains("拒绝") && sheet.contains("回避"));
    // A decline without a reason is refused, naming the field.
    let p = answer(&mut a, &id, &called[0].0, "declined", "").await;
    assert_eq!(p.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(p.body.contains("【原因】"));
    // With a reason: the next expert in order is on the sheet at once.
    let p = answer(&mut a, &id, &called[0].0, "declined", "出差在外").await;
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.body);
    let sheet = a.get(&format!("/staff/draws/{id}")).await.body;
    let now = rows(&sheet);
    assert_eq!(now.len(), 3, "a replacement was called");
    assert_eq!(now[0], (called[0].0.clone(), "declined".into()));
    assert_eq!(now[2].1, "pending");
    assert!(sheet.contains("拒绝（出差在外）"));
    // A recusal with its kind and declaration.
    let csrf = a.token().await;
    let p = a
        .post(
            &format!("/staff/draws/{id}/answer"),
            &[
                ("csrf", &csrf),
                ("position", &now[1].0),
                ("outcome", "recused"),
                ("kind", "declared_relation"),
                ("note", "项目负责人系本人表弟"),
            ],
        )
        .await;
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.body);
    let now = rows(&a.get(&format!("/staff/draws/{id}")).await.body);
    assert_eq!(now.len(), 4);
    answer(&mut a, &id, &now[2].0, "accepted", "").await;
    answer(&mut a, &id, &now[3].0, "accepted", "").await;
    let sheet = a.get(&format!("/staff/draws/{id}")).await.body;
    assert!(sheet.contains("已同意 2 名"), "{sheet}");
    assert!(sheet.contains("回避（与项目负责人或单位有亲属、师生或利益关系：项目负责人系本人表弟）"));
    // The log has every answer with the clerk as actor.
    let v = c.service.public_export();
    let answers: Vec<_> = v["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["draw"] == id.as_str() && e["kind"] == "response")
        .collect();
    assert_eq!(answers.len(), 4);
    assert!(answers.iter().all(|e| e["actor"] == "clerk.wang"));
    // The printed record.
    let rec = a.get(&format!("/staff/draws/{id}/record")).await.body;
    for needle in [
        "专家抽取记录表",
        "测试市人力资源和社会保障局",
        "云港模具厂",
        "监督员孙",
        "经办人（签字）",
        "监督人（签字）",
        "@page{size:A4",
        "<svg class=\"qr\"",
        "https://example.invalid/draws/",
        "出差在外",
        "请求哈希",
    ] {
        assert!(rec.contains(needle), "the record lacks {needle}");
    }
    // Evaluations only after the event, only for those who served.
    let p = a.get(&format!("/staff/draws/{id}/evaluate")).await;
    assert!(p.body.contains("活动结束后才能评价"));
    c.clock.advance(9 * 24 * 3600);
    assert_eq!(a.get("/staff/").await.status, StatusCode::SEE_OTHER, "nine idle days end the session");
    a.login("clerk.wang", PASSWORD).await;
    let p = a.get(&format!("/staff/draws/{id}/evaluate")).await;
    assert_eq!(p.body.matches("name=\"rating:").count(), 2, "the two who accepted");
    let served: Vec<String> =
        p.body.split("name=\"rating:").skip(1).map(|r| r[..r.find('"').unwrap()].to_owned()).collect();
    let csrf = p.csrf();
    let r0 = format!("rating:{}", served[0]);
    let c0 = format!("comment:{}", served[0]);
    let p = a
        .post(
            &format!("/staff/draws/{id}/evaluate"),
            &[("csrf", &csrf), ("unit", "云港模具厂"), ("work", "技能人才评价"), (&r0, "优秀"), (&c0, "认真负责")],
        )
        .await;
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.body);
    let p = a.get(&format!("/staff/draws/{id}/evaluate")).await;
    assert!(
        p.body.contains(&format!("expertpool record evaluate {} --unit 云港模具厂", served[0]))
            || p.body.contains(&format!("expertpool record evaluate {} --unit &#39;云港模具厂&#39;", served[0])),
        "{}",
        p.body
    );
    let stored = std::fs::read_to_string(c.root.join("data/console-evaluations.jsonl")).unwrap();
    assert!(stored.contains(&id) && stored.contains("优秀") && stored.contains(&served[0]));
    #[cfg(unix)]
    for f in ["console-evaluations.jsonl", "console-requests.jsonl"] {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(c.root.join("data").join(f)).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "{f} is staff data");
    }
    assert_eq!(p.body.matches("name=\"rating:").count(), 1, "one left to evaluate");
}

#[tokio::test]
async fn an_auditor_reads_but_cannot_answer_and_sees_no_phone() {
    let c = console("roles");
    let mut op = Agent::new(&c);
    op.login("clerk.wang", PASSWORD).await;
    let id = confirmed(&mut op, "2").await;
    let csrf = op.token().await;
    op.post(&format!("/staff/draws/{id}/run"), &[("csrf", &csrf)]).await;
    let mut au = Agent::new(&c);
    au.login("auditor.li", PASSWORD).await;
    let sheet = au.get(&format!("/staff/draws/{id}")).await;
    assert_eq!(sheet.status, StatusCode::OK);
    assert!(!sheet.body.contains("tel:") && !sheet.body.contains("139000"), "no phone for an auditor");
    assert!(!sheet.body.contains("value=\"accepted\""), "no answer buttons");
    let before = log_size(&c);
    let p = answer(&mut au, &id, &rows(&sheet.body)[0].0, "accepted", "").await;
    assert_eq!(p.status, StatusCode::FORBIDDEN);
    assert_eq!(log_size(&c), before);
    let csrf = au.token().await;
    assert_eq!(au.post("/staff/draws/new", &draw_form(&csrf, "confirm", "2")).await.status, StatusCode::FORBIDDEN);
    assert_eq!(au.get("/staff/directed").await.status, StatusCode::FORBIDDEN);
    assert_eq!(op.get("/staff/directed").await.status, StatusCode::FORBIDDEN, "directed selection is for admins");
}

#[tokio::test]
async fn directed_selection_by_an_admin() {
    let c = console("directed");
    let mut a = Agent::new(&c);
    a.login("admin.zhao", PASSWORD).await;
    let draw = confirmed(&mut a, "2").await;
    let csrf = a.token().await;
    let (id0, _) = names().into_iter().min().unwrap();
    let fields = |experts: &'static str| {
        vec![
            ("pool", "测试市职业能力建设专家库".to_owned()),
            ("experts", experts.to_owned()),
            ("approval_ref", "测人社函〔2026〕12号".to_owned()),
            ("approved_by", "局长办公会".to_owned()),
            ("reason", "随机抽取未能满额".to_owned()),
            ("event_date", "2026-12-01".to_owned()),
            ("using_unit", "云港模具厂".to_owned()),
            ("for_draw", draw.clone()),
            ("exception", "评审须有本地区唯一的五轴加工专家".to_owned()),
        ]
    };
    let mut bad: Vec<(&str, String)> = fields("ZN-NOPE");
    bad.push(("csrf", csrf.clone()));
    let pairs: Vec<(&str, &str)> = bad.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let p = a.post("/staff/directed", &pairs).await;
    assert_eq!(p.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(p.body.contains("【专家编号】"), "{}", p.body);
    let experts: &'static str = Box::leak(id0.clone().into_boxed_str());
    let mut good = fields(experts);
    good.push(("csrf", csrf));
    let pairs: Vec<(&str, &str)> = good.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let p = a.post("/staff/directed", &pairs).await;
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.body);
    let page = a.get(p.location.as_deref().unwrap()).await.body;
    assert!(page.contains("定向选用的专家") && page.contains(&id0), "{page}");
    let v = c.service.public_export();
    let last = v["entries"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["kind"], "directed");
    assert_eq!(last["actor"], "admin.zhao");
}

/// Every phone number of the fixture's private records.
fn phones() -> Vec<String> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(Path::new(FIXTURE).join("private/experts")).unwrap() {
        let v: toml::Value = toml::from_str(&std::fs::read_to_string(e.unwrap().path()).unwrap()).unwrap();
        for k in ["mobile", "office_phone"] {
            if let Some(s) = v.get(k).and_then(|x| x.as_str()) {
                out.push(s.to_owned());
            }
        }
    }
    assert!(out.len() >= 9, "{out:?}");
    out
}

#[tokio::test]
async fn no_phone_number_reaches_any_public_answer() {
    let c = console("phones");
    let mut a = Agent::new(&c);
    a.login("clerk.wang", PASSWORD).await;
    let id = confirmed(&mut a, "3").await;
    let csrf = a.token().await;
    a.post(&format!("/staff/draws/{id}/run"), &[("csrf", &csrf)]).await;
    let called = rows(&a.get(&format!("/staff/draws/{id}")).await.body);
    answer(&mut a, &id, &called[0].0, "declined", "出差").await;
    answer(&mut a, &id, &called[1].0, "accepted", "").await;
    let sheet = a.get(&format!("/staff/draws/{id}")).await.body;
    let phones = phones();
    assert!(phones.iter().any(|p| sheet.contains(p.as_str())), "the scan would see a phone where there is one");
    let scan = |label: &str, text: &str| {
        for p in &phones {
            assert!(!text.contains(p.as_str()), "{label} contains the phone number {p}");
        }
    };
    let anonymous = Agent::new(&c);
    let mut anon = anonymous;
    let public_paths = |id: &str| {
        vec![
            "/api/draws".to_owned(),
            format!("/api/draws/{id}"),
            "/api/log?from=0&limit=1000".to_owned(),
            "/api/log/export".to_owned(),
            "/api/log/head".to_owned(),
            "/api/health".to_owned(),
            "/api/no-shows".to_owned(),
            "/staff/".to_owned(),
            format!("/staff/draws/{id}"),
            format!("/staff/draws/{id}/record"),
        ]
    };
    for path in public_paths(&id) {
        let p = anon.get(&path).await;
        scan(&path, &p.body);
    }
    // After the confidentiality time the names are public; the phones still are not.
    c.clock.advance(10 * 24 * 3600);
    for r in c.service.reveal_due().await {
        r.unwrap();
    }
    for path in public_paths(&id) {
        let p = anon.get(&path).await;
        scan(&path, &p.body);
    }
    let export = serde_json::to_string(&c.service.public_export()).unwrap();
    assert!(export.contains("\"reveal\""), "revealed");
    scan("public export", &export);
}

#[tokio::test]
async fn a_draw_is_cancelled_with_a_public_reason() {
    let c = console("cancel");
    let mut a = Agent::new(&c);
    a.login("clerk.wang", PASSWORD).await;
    let id = confirmed(&mut a, "2").await;
    let csrf = a.token().await;
    a.post(&format!("/staff/draws/{id}/run"), &[("csrf", &csrf)]).await;
    let before = log_size(&c);
    // An auditor cannot cancel.
    let mut au = Agent::new(&c);
    au.login("auditor.li", PASSWORD).await;
    let t = au.token().await;
    let p = au.post(&format!("/staff/draws/{id}/cancel"), &[("csrf", &t), ("reason", "x")]).await;
    assert_eq!(p.status, StatusCode::FORBIDDEN);
    let p = a.post(&format!("/staff/draws/{id}/cancel"), &[("csrf", &csrf), ("reason", "  ")]).await;
    assert_eq!(p.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(p.body.contains("【原因】请填写撤销原因"), "{}", p.body);
    assert_eq!(log_size(&c), before);
    let p = a.post(&format!("/staff/draws/{id}/cancel"), &[("csrf", &csrf), ("reason", "项目延期，另行抽取")]).await;
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.body);
    let page = a.get(&format!("/staff/draws/{id}")).await.body;
    assert!(page.contains("id=\"cancelled\"") && page.contains("项目延期，另行抽取"), "{page}");
    assert!(!page.contains("value=\"accepted\""), "no answers after a cancel");
    let v = c.service.public_export();
    let last = v["entries"].as_array().unwrap().last().unwrap().clone();
    assert_eq!((last["kind"].as_str(), last["actor"].as_str()), (Some("cancel"), Some("clerk.wang")));
    assert_eq!(last["body"]["reason"], "项目延期，另行抽取", "the reason is public");
}
