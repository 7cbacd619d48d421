//! The staff console in headless Chromium over WebDriver (chromedriver on a loopback port),
//! against the service on a real loopback listener: login, a whole draw (preview, confirm,
//! run, a decline and its replacement, acceptances), directed selection by an admin, and the
//! printed record with its QR code; the pages fit a tablet's width. Screenshots go to
//! `tests/artifacts/` at the workspace root.
//!
//! Needs the Debian packages `chromium` and `chromium-driver`; without them the test fails
//! and says how to install them, unless `EXPERTPOOL_SKIP_BROWSER=1`.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::*;
use expertpool_drawd::{Clock, Role};
use expertpool_webdriver::{Programs, Window, browser, programs, screenshot, start_driver};
use fantoccini::{Client, Locator};
use serde_json::{Value, json};

const PASSWORD: &str = "correct-horse-battery";

async fn fill(client: &Client, id: &str, text: &str) {
    let e = client.find(Locator::Id(id)).await.unwrap();
    e.clear().await.unwrap();
    e.send_keys(text).await.unwrap();
}

/// Sets an input's value directly (date and time pickers do not take typed keys alike in
/// every locale).
async fn set(client: &Client, id: &str, value: &str) {
    client
        .execute("document.getElementById(arguments[0]).value = arguments[1];", vec![json!(id), json!(value)])
        .await
        .unwrap();
}

async fn js(client: &Client, script: &str) -> Value {
    client.execute(&format!("return ({script});"), vec![]).await.unwrap_or(Value::Null)
}

async fn login(client: &Client, base: &str, id: &str) {
    client.goto(&format!("{base}/staff/")).await.unwrap();
    assert!(client.current_url().await.unwrap().path().ends_with("/staff/login"), "sent to the login page");
    fill(client, "id", id).await;
    fill(client, "password", PASSWORD).await;
    client.find(Locator::Css("form button[type=submit]")).await.unwrap().click().await.unwrap();
    wait_for(client, "location.pathname === '/staff/'", "the draw list").await;
    let body = client.find(Locator::Css("main")).await.unwrap().text().await.unwrap();
    assert!(body.contains("抽取列表"), "{body}");
}

async fn logout(client: &Client) {
    client.find(Locator::Css("header form button")).await.unwrap().click().await.unwrap();
    wait_for(client, "location.pathname === '/staff/login'", "the login page").await;
    assert!(client.current_url().await.unwrap().path().ends_with("/staff/login"));
}

/// (position, outcome) of the call sheet's rows, in the order shown, once there are `n`
/// (a form post navigates; the old page's rows go stale meanwhile).
async fn rows(client: &Client, n: usize) -> Vec<(String, String)> {
    let script = "[...document.querySelectorAll('#calls tbody tr')].map(r => [r.dataset.position, r.dataset.outcome])";
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let v = client.execute(&format!("return ({script});"), vec![]).await.unwrap_or(Value::Null);
        let got: Vec<(String, String)> = serde_json::from_value(v).unwrap_or_default();
        if got.len() == n && document_ready(client).await {
            return got;
        }
        assert!(Instant::now() < deadline, "the call sheet never had {n} rows: {got:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn document_ready(client: &Client) -> bool {
    client.execute("return document.readyState === 'complete';", vec![]).await.unwrap_or(Value::Null) == json!(true)
}

/// Waits until `script` is true (after a click that posts a form).
async fn wait_for(client: &Client, script: &str, what: &str) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while !(js(client, script).await == json!(true) && document_ready(client).await) {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn click_in_row(client: &Client, position: &str, button: &str) {
    let css = format!("#calls tr[data-position='{position}'] button[value='{button}']");
    client.find(Locator::Css(&css)).await.unwrap().click().await.unwrap();
}

async fn no_sideways_scroll(client: &Client, what: &str) {
    let fits = js(client, "document.documentElement.scrollWidth <= window.innerWidth + 1").await;
    assert_eq!(fits, json!(true), "{what} scrolls sideways on a tablet");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_whole_draw_day_in_the_console() {
    let Some(Programs { chromium, chromedriver }) = programs() else { return };
    let root = temp_dir("console-browser");
    let content = root.join("content");
    copy_dir(Path::new(FIXTURE), &content);
    let config = root.join("drawd.toml");
    for (id, role) in [("clerk.wang", Role::Operator), ("admin.zhao", Role::Admin)] {
        expertpool_drawd::add_login(&config, id, role, Some(PASSWORD), "2026-11-23T00:00:00Z").unwrap();
    }
    let service = open(&config, &root.join("data"), &content, Clock::manual(START.parse().unwrap()));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(expertpool_drawd::serve_router(
        listener,
        expertpool_drawd::router(service.clone()),
        expertpool_drawd::Limits::default(),
        async move {
            let _ = stopped.await;
        },
    ));
    let driver = start_driver(&chromedriver).await;
    let client = browser(&driver, &chromium, &root.join("profile"), Window::sized(1024, 768)).await;

    // Login as the clerk; a new draw chosen by names, previewed, then confirmed.
    login(&client, &base, "clerk.wang").await;
    client.goto(&format!("{base}/staff/draws/new")).await.unwrap();
    fill(&client, "pool", "测试市职业能力建设专家库").await;
    fill(&client, "specialty", "数控加工（ZZ-01）").await;
    fill(&client, "count", "2").await;
    fill(&client, "using_unit", "云港模具厂").await;
    fill(&client, "project", "2026年数控车工技能等级认定").await;
    fill(&client, "work", "技能人才评价").await;
    set(&client, "event_date", "2026-12-01").await;
    set(&client, "event_time", "09:00").await;
    fill(&client, "place", "测试市职业技能鉴定中心").await;
    fill(&client, "supervisor", "监督员孙").await;
    fill(&client, "recusal_people", "张项目").await;
    let before = service.head().0;
    client.find(Locator::Css("button[value=preview]")).await.unwrap().click().await.unwrap();
    wait_for(&client, "!!document.getElementById('eligible-count')", "the preview").await;
    let eligible = client.find(Locator::Id("eligible-count")).await.unwrap().text().await.unwrap();
    assert!(eligible.parse::<u32>().unwrap() >= 2, "{eligible}");
    assert_eq!(service.head().0, before, "the preview wrote nothing");
    screenshot(&client, "console-preview").await;
    client.find(Locator::Css("button[value=confirm]")).await.unwrap().click().await.unwrap();
    wait_for(&client, "/^\\/staff\\/draws\\/\\d/.test(location.pathname)", "the draw page").await;
    let url = client.current_url().await.unwrap();
    let id = url.path().trim_start_matches("/staff/draws/").to_owned();
    assert_eq!(service.head().0, before + 1, "confirmed: committed");

    // Run; decline the first called expert; the replacement appears at once.
    client.find(Locator::Css("form[action$='/run'] button")).await.unwrap().click().await.unwrap();
    let called = rows(&client, 2).await;
    let tel = client.find(Locator::Css("#calls a[href^='tel:']")).await.unwrap().attr("href").await.unwrap().unwrap();
    assert!(tel.starts_with("tel:1"), "{tel}");
    let reason = format!("#calls tr[data-position='{}'] input[name=reason]", called[0].0);
    client.find(Locator::Css(&reason)).await.unwrap().send_keys("出差在外").await.unwrap();
    click_in_row(&client, &called[0].0, "declined").await;
    let now = rows(&client, 3).await;
    assert_eq!(now[0].1, "declined");
    click_in_row(&client, &now[1].0, "accepted").await;
    wait_for(
        &client,
        &format!("document.querySelector(\"tr[data-position='{}']\").dataset.outcome === 'accepted'", now[1].0),
        "the answer",
    )
    .await;
    click_in_row(&client, &now[2].0, "accepted").await;
    wait_for(&client, "document.body.innerText.includes('已同意 2 名')", "both acceptances").await;
    let text = client.find(Locator::Css("main")).await.unwrap().text().await.unwrap();
    assert!(text.contains("已同意 2 名") && text.contains("拒绝（出差在外）"), "{text}");
    screenshot(&client, "console-call-sheet").await;
    // A tablet held upright.
    client.set_window_size(768, 1024).await.unwrap();
    client.refresh().await.unwrap();
    wait_for(&client, "document.querySelectorAll('#calls tbody tr').length === 3", "the call sheet again").await;
    no_sideways_scroll(&client, "the call sheet").await;
    screenshot(&client, "console-call-sheet-tablet").await;
    client.set_window_size(1024, 768).await.unwrap();

    // The printed record.
    client.find(Locator::LinkText("打印抽取记录表")).await.unwrap().click().await.unwrap();
    wait_for(&client, "location.pathname.endsWith('/record')", "the record").await;
    let text = client.find(Locator::Css("main")).await.unwrap().text().await.unwrap();
    for needle in ["专家抽取记录表", "经办人（签字）", "监督人（签字）", "云港模具厂", &id] {
        assert!(text.contains(needle), "the record lacks {needle}");
    }
    let qr = js(
        &client,
        "document.querySelector('svg.qr') && document.querySelector('svg.qr').getBoundingClientRect().width",
    )
    .await;
    assert!(qr.as_f64().unwrap_or(0.0) > 50.0, "a QR code is drawn: {qr}");
    let print_hides_nav = js(
        &client,
        "[...document.styleSheets].some(s => [...s.cssRules].some(r => r.media && r.media.mediaText === 'print'))",
    )
    .await;
    assert_eq!(print_hides_nav, json!(true), "a print stylesheet");
    screenshot(&client, "console-record").await;
    logout(&client).await;

    // Directed selection by an admin.
    login(&client, &base, "admin.zhao").await;
    client.goto(&format!("{base}/staff/directed")).await.unwrap();
    let (expert, name) = names().into_iter().min().unwrap();
    fill(&client, "pool", "测试市职业能力建设专家库").await;
    fill(&client, "experts", &name).await;
    fill(&client, "approval_ref", "测人社函〔2026〕12号").await;
    fill(&client, "approved_by", "局长办公会").await;
    fill(&client, "reason", "随机抽取未能满额").await;
    fill(&client, "for_draw", &id).await;
    fill(&client, "exception", "评审须有本地区唯一的五轴加工专家").await;
    set(&client, "event_date", "2026-12-01").await;
    client.find(Locator::Css("form.card button[type=submit]")).await.unwrap().click().await.unwrap();
    wait_for(&client, "document.body.innerText.includes('定向选用的专家')", "the directed selection").await;
    let text = client.find(Locator::Css("main")).await.unwrap().text().await.unwrap();
    assert!(text.contains("定向选用的专家") && text.contains(&expert), "{text}");
    let v = service.public_export();
    assert_eq!(v["entries"].as_array().unwrap().last().unwrap()["actor"], "admin.zhao");

    client.close().await.unwrap();
    let _ = stop.send(());
    let _ = server.await;
    service.shutdown();
    let _ = std::fs::remove_dir_all(&root);
}
