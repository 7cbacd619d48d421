//! The browser verifier (site-templates/static/verify.{html,js}) must agree
//! with the crate on every vector and tampered log. Runs headless Chromium
//! against a loopback HTTP server (WebCrypto needs a secure context, and
//! http://127.0.0.1 is one). Set EXPERTPOOL_SKIP_BROWSER=1 to skip.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A minimal static file server for GET requests under `root`.
fn serve(root: PathBuf) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let root = root.clone();
            std::thread::spawn(move || {
                let mut reader = BufReader::new(&stream);
                let mut line = String::new();
                if reader.read_line(&mut line).is_err() {
                    return;
                }
                loop {
                    let mut h = String::new();
                    if reader.read_line(&mut h).map(|n| n == 0).unwrap_or(true) || h == "\r\n" {
                        break;
                    }
                }
                let path = line.split(' ').nth(1).unwrap_or("/").split('?').next().unwrap_or("/");
                let rel = Path::new(path.trim_start_matches('/'));
                let ok = !rel.components().any(|c| matches!(c, std::path::Component::ParentDir));
                let (status, body) = match std::fs::read(root.join(rel)).ok().filter(|_| ok) {
                    Some(b) => ("200 OK", b),
                    None => ("404 Not Found", b"not found".to_vec()),
                };
                let ctype = match rel.extension().and_then(|e| e.to_str()) {
                    Some("html") => "text/html; charset=utf-8",
                    Some("js") => "text/javascript; charset=utf-8",
                    Some("json") => "application/json",
                    _ => "application/octet-stream",
                };
                let mut s = &stream;
                let _ = write!(
                    s,
                    "HTTP/1.0 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    body.len()
                );
                let _ = s.write_all(&body);
            });
        }
    });
    port
}

fn chromium() -> Option<PathBuf> {
    ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.exists())
}

fn dump_dom(browser: &Path, url: &str) -> String {
    let profile = std::env::temp_dir().join(format!("expertpool-chromium-{}-{}", std::process::id(), url.len()));
    let out = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--virtual-time-budget=30000",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg("--dump-dom")
        .arg(url)
        .output()
        .expect("chromium runs");
    let _ = std::fs::remove_dir_all(&profile);
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn verdict(dom: &str) -> (String, String) {
    let attr = |name: &str| {
        let i = dom.find("id=\"verdict\"").expect("verdict element");
        let tag = &dom[i..i + dom[i..].find('>').unwrap()];
        let k = tag.find(&format!("{name}=\"")).map(|k| k + name.len() + 2).unwrap_or(0);
        tag[k..k + tag[k..].find('"').unwrap_or(0)].to_string()
    };
    (attr("data-verdict"), attr("data-first-failure"))
}

#[test]
fn browser_verifier_agrees_on_vectors_and_logs() {
    if std::env::var("EXPERTPOOL_SKIP_BROWSER").as_deref() == Ok("1") {
        eprintln!("EXPERTPOOL_SKIP_BROWSER=1: browser verifier not tested");
        return;
    }
    let Some(browser) = chromium() else {
        panic!(
            "headless Chromium not found; install it with `apt-get install -y chromium chromium-driver`, or set EXPERTPOOL_SKIP_BROWSER=1 to skip this test"
        );
    };
    let port = serve(common::repo_root());
    let page = format!("http://127.0.0.1:{port}/site-templates/static/verify.html");

    let dom = dump_dom(&browser, &format!("{page}?vectors=/crates/draw/tests/vectors/draw-vectors.json"));
    let (v, first) = verdict(&dom);
    assert_eq!(v, "ok", "browser disagrees with the vectors at {first:?}");

    let dom = dump_dom(&browser, &format!("{page}?log=/crates/draw/tests/vectors/logs/log-ok.json"));
    assert_eq!(verdict(&dom).0, "ok");
    assert!(dom.contains("data-check=\"order\" data-status=\"ok\""), "order check not shown");
    assert!(dom.contains("签名有效"), "Ed25519 signature not verified by WebCrypto");

    let dom = dump_dom(&browser, &format!("{page}?log=/crates/draw/tests/vectors/logs/tampered-wrong-order.json"));
    assert_eq!(verdict(&dom), ("fail".to_string(), "entry 1: order".to_string()));

    // Random single-character edits: the page must name the same first failure
    // as the crate. They are listed in a vectors-shaped index the page can run.
    let root = common::repo_root().canonicalize().unwrap();
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("browser-edits-{}", std::process::id()));
    let mut edits = common::random_edits(&dir, 150);
    edits.extend(common::random_edits_v2(&dir, 100));
    let logs: Vec<serde_json::Value> = edits
        .iter()
        .map(|(p, first, _)| {
            let file = p.file_name().unwrap().to_string_lossy();
            if first == "OK" {
                serde_json::json!({"file": file, "verdict": "ok"})
            } else {
                serde_json::json!({"file": file, "verdict": "fail", "first_failure": first})
            }
        })
        .collect();
    let index = serde_json::json!({"order": [], "canonical_json": [], "merkle": {"leaf_data": [], "inclusion": []}, "logs": logs});
    std::fs::write(dir.join("index.json"), index.to_string()).unwrap();
    let rel = dir.canonicalize().unwrap().strip_prefix(&root).expect("target dir inside the repository").to_path_buf();
    let dom = dump_dom(&browser, &format!("{page}?vectors=/{}/index.json", rel.display()));
    let _ = std::fs::remove_dir_all(&dir);
    let (v, first) = verdict(&dom);
    assert_eq!(v, "ok", "browser and crate disagree on edit {first}");
}
