//! `serve`: rebuilding after a change gives exactly the site a fresh build gives, re-renders
//! only what changed, and the preview server injects live reload into pages it serves only.

mod common;

use common::*;
use expertpool_site::BuildOptions;
use expertpool_site::Builder;
use expertpool_site::serve::{LiveSite, router};
use std::io::{Read, Write};
use std::path::Path;

fn builder(content: &Path) -> Builder {
    Builder::new(BuildOptions { content: content.to_path_buf(), templates: Some(templates_dir()), today: day() })
}

fn assert_same_site(a: &expertpool_site::SiteFiles, b: &expertpool_site::SiteFiles) {
    let keys_a: Vec<&String> = a.files.keys().collect();
    let keys_b: Vec<&String> = b.files.keys().collect();
    assert_eq!(keys_a, keys_b, "the same files");
    for (path, bytes) in &a.files {
        assert!(b.files[path] == *bytes, "{path} differs from a fresh build");
    }
}

#[test]
fn incremental_rebuilds_equal_fresh_builds() {
    let content = copy_demo();
    let root = content.path();
    let mut builder = builder(root);
    builder.build(&[]).unwrap();
    assert!(builder.last_rendered() > 400);

    // One record edited (its employer: a renamed person would now clash with the same
    // person's record in the other pool): its page, the lists it is on, the search index.
    let record = root.join("pools/zhineng/experts/ZN-00001.toml");
    set_field(&record, "employer", "'改名测试单位'");
    let rebuilt = builder.build(std::slice::from_ref(&record)).unwrap();
    assert_same_site(&rebuilt, &render(root, day()).unwrap());
    let rendered = builder.last_rendered();
    assert!((1..=20).contains(&rendered), "{rendered} pages re-rendered for one record");
    assert_eq!(builder.last_validated(), 1, "only the edited record is validated again");
    assert!(
        String::from_utf8_lossy(rebuilt.get("pools/zhineng/experts/ZN-00001/index.html").unwrap()).contains("改名测试")
    );

    // Nothing changed: nothing re-rendered.
    builder.build(std::slice::from_ref(&record)).unwrap();
    assert_eq!(builder.last_rendered(), 0);

    // A change every page shows (the site title) reaches every page, reused ones included.
    let site = root.join("site.toml");
    set_field(&site, "title", "\"星河市专家库（改）\"");
    let rebuilt = builder.build(std::slice::from_ref(&site)).unwrap();
    assert_same_site(&rebuilt, &render(root, day()).unwrap());
    assert!(
        String::from_utf8_lossy(rebuilt.get("pools/zhineng/experts/ZN-00002/index.html").unwrap())
            .contains("星河市专家库（改）")
    );

    // A template change re-renders everything.
    let templates = tempfile::tempdir().unwrap();
    copy_tree(&templates_dir(), templates.path(), &|_| true);
    let mut builder = Builder::new(BuildOptions {
        content: root.to_path_buf(),
        templates: Some(templates.path().to_path_buf()),
        today: day(),
    });
    builder.build(&[]).unwrap();
    let expert = templates.path().join("expert.html");
    let text = std::fs::read_to_string(&expert).unwrap().replace("<h2>获得荣誉</h2>", "<h2>所获荣誉</h2>");
    std::fs::write(&expert, text).unwrap();
    builder.build(std::slice::from_ref(&expert)).unwrap();
    assert!(builder.last_rendered() > 300);
}

#[test]
fn a_reload_that_changes_no_text_re_renders_nothing() {
    let content = copy_demo();
    let root = content.path();
    let mut builder = builder(root);
    builder.build(&[]).unwrap();
    // site.toml saved as it was: the whole instance is read again into new files with the
    // same texts, and the cache keys, being hashes of content, are all the same.
    let site = root.join("site.toml");
    let rebuilt = builder.build(std::slice::from_ref(&site)).unwrap();
    assert_same_site(&rebuilt, &render(root, day()).unwrap());
    assert_eq!(builder.last_rendered(), 0, "the same texts give the same pages");
}

#[test]
fn a_broken_record_fails_and_the_fix_recovers() {
    let content = copy_demo();
    let root = content.path();
    let mut builder = builder(root);
    builder.build(&[]).unwrap();
    let record = root.join("pools/zhineng/experts/ZN-00001.toml");
    let good = std::fs::read_to_string(&record).unwrap();
    set_field(&record, "gender", "\"M\"");
    let error = builder.build(std::slice::from_ref(&record)).unwrap_err().report();
    assert!(error.contains("ZN-00001.toml:") && error.contains("gender"), "{error}");
    assert!(!error.contains("has no expert"), "no follow-on errors from notices naming the expert: {error}");
    std::fs::write(&record, good).unwrap();
    let rebuilt = builder.build(std::slice::from_ref(&record)).unwrap();
    assert_same_site(&rebuilt, &render(root, day()).unwrap());
}

/// A minimal HTTP/1.1 GET over loopback: status line and body.
fn get(address: std::net::SocketAddr, path: &str) -> (String, String) {
    let mut stream = std::net::TcpStream::connect(address).unwrap();
    stream.set_read_timeout(Some(std::time::Duration::from_secs(10))).unwrap();
    write!(stream, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let status = response.lines().next().unwrap_or("").to_string();
    let body = response.split_once("\r\n\r\n").map(|(_, b)| b.to_string()).unwrap_or_default();
    (status, body)
}

#[test]
fn preview_serves_under_the_base_path_with_live_reload() {
    let site = render(&demo(), day()).unwrap();
    let live = LiveSite::new(site.clone(), "/zjk/".into(), None);
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().unwrap();
    let listener = runtime.block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).unwrap();
    let address = listener.local_addr().unwrap();
    let app = router(live.clone());
    runtime.spawn(async move {
        let _ = axum::serve(listener, app).await;
    });

    let (status, _) = get(address, "/");
    assert!(status.contains("307"), "{status}");
    let (status, body) = get(address, "/zjk/");
    assert!(status.contains("200"), "{status}");
    assert!(body.contains("__expertpool/live.js"), "live reload injected when served");
    assert!(
        !String::from_utf8_lossy(site.get("index.html").unwrap()).contains("__expertpool"),
        "never in the built files"
    );
    let (status, body) = get(address, "/zjk/no/such/page/");
    assert!(status.contains("404") && body.contains("页面未找到"), "{status}");
    let (status, _) = get(address, "/zjk/notices");
    assert!(status.contains("308"), "{status}");
    let (status, _) = get(address, "/zjk/../Cargo.toml");
    assert!(status.contains("404"), "{status}");
    let (status, body) = get(address, "/zjk/search-index.json");
    assert!(status.contains("200") && !body.contains("__expertpool"));

    live.fail("broken.toml:1:1: error".into());
    assert_eq!(live.status().error.as_deref(), Some("broken.toml:1:1: error"));
    live.publish(site);
    assert_eq!(live.status().error, None);
    assert_eq!(live.status().version, 2);
}
