//! The site in headless Chromium, driven over WebDriver (chromedriver on a loopback port):
//! search and filters (by specialty name and pinyin initials too), the directory's paging,
//! the site-wide search box, the lists without JavaScript, status labels after the build
//! day, live reload and the error overlay, and no sideways scrolling on a 360-pixel phone.
//! Screenshots go to `tests/artifacts/` at the workspace root.
//!
//! Needs the Debian packages `chromium` and `chromium-driver`; without them the test fails
//! and says how to install them, unless `EXPERTPOOL_SKIP_BROWSER=1`.

mod common;

use common::*;
use expertpool_site::BuildOptions;
use expertpool_site::serve::{LiveSite, ServeOptions, router, start};
use expertpool_webdriver::*;
use fantoccini::{Client, Locator};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The search index's own answer, computed here independently of search.js.
fn expected_count(
    index: &Value,
    q: &str,
    pool: Option<&str>,
    spec: Option<&str>,
    level: Option<&str>,
    kind: Option<&str>,
) -> usize {
    expected_in_scope(index, q, pool, spec, level, kind, &["在库", "待聘任"])
}

/// [`expected_count`] over the experts whose status label is one of `statuses`. The query
/// matches name, employer, specialty names, or (Latin letters) the start of the initials.
fn expected_in_scope(
    index: &Value,
    q: &str,
    pool: Option<&str>,
    spec: Option<&str>,
    level: Option<&str>,
    kind: Option<&str>,
    statuses: &[&str],
) -> usize {
    let fields: Vec<&str> = index["fields"].as_array().unwrap().iter().map(|f| f.as_str().unwrap()).collect();
    let at = |name: &str| fields.iter().position(|f| *f == name).unwrap();
    let pos_pair = |list: &str, v: &str| index[list].as_array().unwrap().iter().position(|p| p[0] == v);
    let pos = |list: &str, v: &str| index[list].as_array().unwrap().iter().position(|p| p == v);
    let pool = pool.map(|p| pos_pair("pools", p).unwrap());
    let spec = spec.map(|s| pos_pair("specialties", s).unwrap());
    let level = level.map(|l| pos("levels", l).unwrap());
    let kind = kind.map(|k| pos("kinds", k).unwrap());
    let q = q.to_lowercase();
    index["experts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| statuses.contains(&index["statuses"][e[at("status")].as_u64().unwrap() as usize].as_str().unwrap()))
        .filter(|e| pool.is_none_or(|p| e[at("pool")] == p))
        .filter(|e| kind.is_none_or(|k| e[at("kind")] == k))
        .filter(|e| level.is_none_or(|l| e[at("levels")].as_array().unwrap().contains(&json!(l))))
        .filter(|e| spec.is_none_or(|s| e[at("specialties")].as_array().unwrap().contains(&json!(s))))
        .filter(|e| {
            let specialty_names = e[at("specialties")]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| index["specialties"][s.as_u64().unwrap() as usize][1].as_str().unwrap().to_string());
            let latin = !q.is_empty() && q.chars().all(|c| c.is_ascii_lowercase());
            q.is_empty()
                || e[at("name")].as_str().unwrap().to_lowercase().contains(&q)
                || e[at("employer")].as_str().unwrap().to_lowercase().contains(&q)
                || specialty_names.into_iter().any(|n| n.to_lowercase().contains(&q))
                || (latin && e[at("initials")].as_str().unwrap().split(' ').any(|i| i.starts_with(&q)))
        })
        .count()
}

async fn shown_count(client: &Client, url: &str) -> usize {
    client.goto(url).await.unwrap();
    wait_for(
        client,
        "document.getElementById('count').getAttribute('data-count')",
        "the result count",
        Duration::from_secs(10),
    )
    .await
    .as_str()
    .unwrap()
    .parse()
    .unwrap()
}

async fn serve_copy(content: &Path) -> (Arc<LiveSite>, String, tokio::task::JoinHandle<()>) {
    let options = ServeOptions {
        build: BuildOptions { content: content.to_path_buf(), templates: Some(templates_dir()), today: day() },
        debounce: Duration::from_millis(30),
    };
    let live = start(options).expect("the demo builds");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}{}", listener.local_addr().unwrap(), live.base_path());
    let app = router(live.clone());
    let server = tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    (live, base, server)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn site_in_headless_chromium() {
    let Some(Programs { chromium, chromedriver }) = programs() else { return };
    let content = copy_demo();
    let (live, base, server) = serve_copy(content.path()).await;
    let driver = start_driver(&chromedriver).await;
    let profile = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let client = browser(&driver, &chromium, profile.path(), Window::sized(1280, 900)).await;
    eprintln!("browser: Chromium session in {:?}", started.elapsed());
    // A second browser with a phone-sized window (resizing a headless window is unreliable).
    let phone_profile = tempfile::tempdir().unwrap();
    let phone = browser(&driver, &chromium, phone_profile.path(), Window::sized(360, 780)).await;
    // A third with JavaScript off, for the lists that must work without it.
    let nojs_profile = tempfile::tempdir().unwrap();
    let nojs =
        browser(&driver, &chromium, nojs_profile.path(), Window { javascript: false, ..Window::sized(1280, 900) })
            .await;

    // Run the steps on their own task so that a failed assertion still closes the browser.
    let steps = tokio::spawn(run_all(
        client.clone(),
        phone.clone(),
        nojs.clone(),
        live.clone(),
        base.clone(),
        content.path().to_path_buf(),
    ));
    let outcome = steps.await;
    let _ = client.close().await;
    let _ = phone.close().await;
    let _ = nojs.close().await;
    server.abort();
    drop(driver);
    if let Err(error) = outcome {
        if error.is_panic() {
            std::panic::resume_unwind(error.into_panic());
        }
        panic!("browser steps did not finish: {error}");
    }
}

async fn run_all(client: Client, phone: Client, nojs: Client, live: Arc<LiveSite>, base: String, content: PathBuf) {
    let started = Instant::now();
    search_and_filters(&client, &live, &base).await;
    eprintln!("browser: search and filters checked at {:?}", started.elapsed());
    directory_pages_and_labels(&client, &live, &base).await;
    eprintln!("browser: directory paging checked at {:?}", started.elapsed());
    site_wide_search_box(&client, &base).await;
    eprintln!("browser: site-wide search checked at {:?}", started.elapsed());
    status_after_the_build_day(&client, &base).await;
    eprintln!("browser: status labels checked at {:?}", started.elapsed());
    lists_without_javascript(&nojs, &base).await;
    eprintln!("browser: no-JS lists checked at {:?}", started.elapsed());
    phone_width_has_no_sideways_scroll(&phone, &base).await;
    eprintln!("browser: phone widths checked at {:?}", started.elapsed());
    live_reload_and_overlay(&client, &base, &content).await;
    eprintln!("browser: live reload checked at {:?}", started.elapsed());
}

async fn search_and_filters(client: &Client, live: &Arc<LiveSite>, base: &str) {
    let index: Value = serde_json::from_slice(live.site().get("search-index.json").unwrap()).unwrap();
    let everyone = index["experts"].as_array().unwrap().len();
    // In service by default; the status filter shows the others.
    let total = expected_count(&index, "", None, None, None, None);
    assert!(total < everyone);
    assert_eq!(shown_count(client, &format!("{base}search/")).await, total);
    assert_eq!(shown_count(client, &format!("{base}search/?status=all")).await, everyone);
    let expired = expected_in_scope(&index, "", None, None, None, None, &["聘期届满"]);
    assert!(expired > 0);
    assert_eq!(shown_count(client, &format!("{base}search/?status=expired")).await, expired);
    screenshot(client, "search-desktop").await;

    let name = index["experts"][0][2].as_str().unwrap().to_string();
    let initials: String = index["experts"][0][9].as_str().unwrap().chars().take(2).collect();
    assert!(expected_count(&index, "焊接", None, None, None, None) > 0, "the demo has welding experts");
    let fragment: String = name.chars().take(1).collect();
    let cases: Vec<(String, usize)> = vec![
        (format!("?q={fragment}"), expected_count(&index, &fragment, None, None, None, None)),
        ("?pool=zhineng".into(), expected_count(&index, "", Some("zhineng"), None, None, None)),
        ("?pool=gaojineng&kind=企业".into(), expected_count(&index, "", Some("gaojineng"), None, None, Some("企业"))),
        ("?level=正高级".into(), expected_count(&index, "", None, None, Some("正高级"), None)),
        (
            format!("?spec={}", index["specialties"][0][0].as_str().unwrap()),
            expected_count(&index, "", None, index["specialties"][0][0].as_str(), None, None),
        ),
        ("?q=不存在的名字".into(), 0),
        // A specialty's name finds its experts (焊接 finds 焊接技术).
        ("?q=%E7%84%8A%E6%8E%A5".into(), expected_count(&index, "焊接", None, None, None, None)),
        // Pinyin initials from the start of the name.
        (format!("?q={initials}"), expected_count(&index, &initials, None, None, None, None)),
    ];
    for (query, expected) in &cases {
        assert!(*expected < total || query.is_empty(), "{query} should narrow the list");
        assert!(*expected > 0 || query.contains("不存在"), "{query} should find someone");
        assert_eq!(shown_count(client, &format!("{base}search/{query}")).await, *expected, "{query}");
    }

    // Typing updates the count at once and puts the filter into the address.
    client.goto(&format!("{base}search/")).await.unwrap();
    wait_for(client, "document.getElementById('count').getAttribute('data-count')", "index", Duration::from_secs(10))
        .await;
    client.find(Locator::Id("q")).await.unwrap().send_keys(&fragment).await.unwrap();
    let expected = expected_count(&index, &fragment, None, None, None, None).to_string();
    wait_for(
        client,
        &format!("document.getElementById('count').getAttribute('data-count') === '{expected}'"),
        "the count after typing",
        Duration::from_secs(5),
    )
    .await;
    let url = client.current_url().await.unwrap();
    assert!(url.query().unwrap_or("").starts_with("q="), "filter state in the URL: {url}");
    screenshot(client, "search-typed").await;
}

/// The directory shows results a page at a time with a pager, in a table with labelled
/// columns and statuses in words.
async fn directory_pages_and_labels(client: &Client, live: &Arc<LiveSite>, base: &str) {
    let index: Value = serde_json::from_slice(live.site().get("search-index.json").unwrap()).unwrap();
    let total =
        expected_in_scope(&index, "", None, None, None, None, &["在库", "待聘任", "聘期届满", "已出库", "已解聘"]);
    assert!(total > 100, "paging beyond 100 is exercised ({total})");
    assert_eq!(shown_count(client, &format!("{base}search/?status=all")).await, total);
    let rows = "document.querySelectorAll('#results tbody tr').length";
    assert_eq!(client.execute(&format!("return {rows};"), vec![]).await.unwrap(), json!(50));
    let headers = client
        .execute("return Array.from(document.querySelectorAll('#results thead th')).map(t => t.textContent);", vec![])
        .await
        .unwrap();
    assert_eq!(headers, json!(["姓名", "专家库", "工作单位", "职称/技能等级", "专业类别", "状态"]));
    // Every cell carries its label (the phone layout shows it), every status is a word.
    let unlabelled = client
        .execute("return document.querySelectorAll('#results tbody td:not([data-label]), #results tbody th:not([data-label])').length;", vec![])
        .await
        .unwrap();
    assert_eq!(unlabelled, json!(0));
    // Pages beyond 100 results: the third page, by its button, and the last page by URL.
    client.find(Locator::Css("#pages button[data-page='3']")).await.unwrap().click().await.unwrap();
    wait_for(client, "location.search.includes('page=3')", "page 3 in the URL", Duration::from_secs(5)).await;
    let first_on_page =
        client.execute("return document.querySelector('#results tbody th a').textContent;", vec![]).await.unwrap();
    let fields = index["experts"].as_array().unwrap();
    let all_names: Vec<&str> = fields.iter().map(|e| e[2].as_str().unwrap()).collect();
    assert_eq!(first_on_page.as_str().unwrap(), all_names[100], "page 3 starts at the 101st expert");
    let last = total.div_ceil(50);
    shown_count(client, &format!("{base}search/?status=all&page={last}")).await;
    assert_eq!(
        client.execute(&format!("return {rows};"), vec![]).await.unwrap(),
        json!(total - (last - 1) * 50),
        "the last page holds the rest"
    );
    screenshot(client, "search-paged").await;
}

/// The header's search box on any page leads to results over notices, calls, pages and experts.
async fn site_wide_search_box(client: &Client, base: &str) {
    client.goto(&format!("{base}pools/zhineng/")).await.unwrap();
    let input = client.find(Locator::Id("site-q")).await.unwrap();
    input.send_keys("公示").await.unwrap();
    client.find(Locator::Css(".site-search button")).await.unwrap().click().await.unwrap();
    wait_for(
        client,
        "document.getElementById('find-count') && document.getElementById('find-count').getAttribute('data-count')",
        "site search results",
        Duration::from_secs(10),
    )
    .await;
    let found = client
        .execute("return Array.from(document.querySelectorAll('#find-results section')).map(s => s.getAttribute('data-kind'));", vec![])
        .await
        .unwrap();
    assert!(found.as_array().unwrap().contains(&json!("notice")), "{found}");
    // Experts by specialty name and by initials, from the same box.
    for query in ["焊接", "zs"] {
        client.goto(&format!("{base}find/?q={}", percent(query))).await.unwrap();
        wait_for(
            client,
            "document.getElementById('find-count').getAttribute('data-count')",
            "results",
            Duration::from_secs(10),
        )
        .await;
        let kinds = client
            .execute("return Array.from(document.querySelectorAll('#find-results section')).map(s => s.getAttribute('data-kind'));", vec![])
            .await
            .unwrap();
        assert!(kinds.as_array().unwrap().contains(&json!("expert")), "{query}: {kinds}");
    }
    screenshot(client, "site-search").await;
}

fn percent(text: &str) -> String {
    text.bytes()
        .map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect()
}

/// With JavaScript disabled: the header box leads to a page that links the lists, and the
/// lists by initial, specialty and status serve the directory's need.
async fn lists_without_javascript(client: &Client, base: &str) {
    client.goto(&format!("{base}find/?q=%E7%84%8A%E6%8E%A5")).await.unwrap();
    let body = client.find(Locator::Css("main")).await.unwrap().text().await.unwrap();
    assert!(body.contains("需要启用 JavaScript"), "{body}");
    client.find(Locator::LinkText("Z")).await.unwrap().click().await.unwrap();
    let url = client.current_url().await.unwrap();
    assert!(url.path().ends_with("/initials/z/"), "{url}");
    let rows = client.find_all(Locator::Css(".experts tbody tr")).await.unwrap();
    assert!(!rows.is_empty());
    screenshot(client, "nojs-initial").await;
    client.goto(&format!("{base}search/")).await.unwrap();
    client.find(Locator::LinkText("专业类别一览")).await.unwrap().click().await.unwrap();
    client.find(Locator::XPath("//main//a[contains(., '焊接')]")).await.unwrap().click().await.unwrap();
    assert!(!client.find_all(Locator::Css(".experts tbody tr")).await.unwrap().is_empty());
    client.goto(&format!("{base}pools/zhineng/")).await.unwrap();
    client
        .find(Locator::XPath("//nav[@class='scope-filter']//a[starts-with(., '聘期届满（')]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let statuses = client.find_all(Locator::Css(".experts td[data-label='状态']")).await.unwrap();
    assert!(!statuses.is_empty());
    for cell in statuses {
        assert_eq!(cell.text().await.unwrap(), "聘期届满");
    }
    screenshot(client, "nojs-expired").await;
}

async fn phase_label(client: &Client, url: &str) -> String {
    client.goto(url).await.unwrap();
    let value =
        client.execute("return document.querySelector('.period-box .phase').textContent;", vec![]).await.unwrap();
    value.as_str().unwrap().to_string()
}

async fn status_after_the_build_day(client: &Client, base: &str) {
    // Built on 2026-11-23 while open (2026-11-19 … 2026-11-25); read on other days.
    let page = format!("{base}notices/zhineng-20261119/");
    assert!(phase_label(client, &format!("{page}?now=2026-11-25")).await.starts_with("公示中"));
    assert!(phase_label(client, &format!("{page}?now=2026-11-26")).await.starts_with("已结束"));
    assert!(phase_label(client, &format!("{page}?now=2026-11-18")).await.starts_with("未开始"));
    screenshot(client, "notice-desktop").await;
    let call = format!("{base}calls/gaojineng-call-20261029/");
    assert!(phase_label(client, &format!("{call}?now=2026-12-29")).await.starts_with("已截止"));
    assert!(phase_label(client, &format!("{call}?now=2026-12-28")).await.starts_with("征集中"));
}

async fn phone_width_has_no_sideways_scroll(client: &Client, base: &str) {
    let pages = [
        ("home", "".to_string()),
        ("notice", "notices/zhineng-20261119/".to_string()),
        ("search", "search/?q=%E5%BC%A0".to_string()),
        ("directory", "pools/zhineng/".to_string()),
        ("call", "calls/gaojineng-call-20261029/".to_string()),
        ("form", "calls/gaojineng-call-20261029/application-form/".to_string()),
        ("specialties", "specialties/".to_string()),
        ("find", "find/?q=%E7%84%8A%E6%8E%A5".to_string()),
        ("initial", "initials/z/".to_string()),
        ("search-all", "search/?status=all&page=3".to_string()),
        ("draws", "draws/".to_string()),
        ("draw", "draws/20260302-000000/#verify".to_string()),
        ("draw-directed", "draws/20260309-000011/".to_string()),
        ("protocol", "draws/protocol/".to_string()),
        ("verify", "verify.html?log=draws/log.json".to_string()),
    ];
    for (name, path) in &pages {
        client.goto(&format!("{base}{path}")).await.unwrap();
        if path.contains("verify") {
            // Measured with the verification's report on the page.
            wait_for(
                client,
                "document.getElementById('verdict').getAttribute('data-verdict') !== 'pending'",
                "a verdict",
                Duration::from_secs(20),
            )
            .await;
        }
        let widths = client
            .execute("return [document.documentElement.clientWidth, document.documentElement.scrollWidth];", vec![])
            .await
            .unwrap();
        let (client_width, scroll_width) = (widths[0].as_u64().unwrap(), widths[1].as_u64().unwrap());
        assert!(client_width <= 400, "the viewport is phone-sized ({client_width}px)");
        assert!(
            scroll_width <= client_width,
            "{name}: content {scroll_width}px wider than the {client_width}px screen"
        );
        screenshot(client, &format!("phone-{name}")).await;
    }
    // An expert page (the first link of the directory).
    client.goto(&format!("{base}pools/zhineng/")).await.unwrap();
    let href = client.find(Locator::Css(".experts tbody a")).await.unwrap().prop("href").await.unwrap().unwrap();
    client.goto(&href).await.unwrap();
    screenshot(client, "phone-expert").await;
}

async fn live_reload_and_overlay(client: &Client, base: &str, content: &Path) {
    let record = content.join("pools/zhineng/experts/ZN-00001.toml");
    client.goto(&format!("{base}pools/zhineng/experts/ZN-00001/")).await.unwrap();
    client.execute("window.__notReloaded = true; return 1;", vec![]).await.unwrap();
    // Let the page's event stream connect before the edit.
    wait_for(client, "document.readyState === 'complete'", "page load", Duration::from_secs(5)).await;
    tokio::time::sleep(Duration::from_millis(300)).await;

    set_field(&record, "expertise", "'实时刷新测试专长'");
    wait_for(
        client,
        "!window.__notReloaded && document.body.textContent.includes('实时刷新测试专长')",
        "the reload",
        Duration::from_secs(10),
    )
    .await;

    set_field(&record, "gender", "\"M\"");
    let overlay = wait_for(
        client,
        "document.getElementById('expertpool-overlay') && document.getElementById('expertpool-overlay').textContent",
        "the error overlay",
        Duration::from_secs(10),
    )
    .await;
    let overlay = overlay.as_str().unwrap();
    assert!(overlay.contains("ZN-00001.toml:") && overlay.contains("gender"), "{overlay}");
    screenshot(client, "overlay").await;
    // The last good site is still served.
    client.refresh().await.unwrap();
    wait_for(
        client,
        "document.body.textContent.includes('实时刷新测试专长')",
        "the last good page",
        Duration::from_secs(5),
    )
    .await;

    set_field(&record, "gender", "\"女\"");
    wait_for(
        client,
        "!document.getElementById('expertpool-overlay') && document.body.textContent.includes('性别')",
        "recovery",
        Duration::from_secs(10),
    )
    .await;
}
