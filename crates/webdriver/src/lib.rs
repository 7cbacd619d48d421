//! Headless Chromium for the browser tests of the site and the staff console, in one place.
//!
//! Starting chromedriver on a free loopback port races with everything else that binds port
//! 0 in the same test binary: between our probe releasing the port and chromedriver binding
//! it, another test's server can take it; chromedriver then exits, and a naive readiness
//! probe connects to the *other* server. So a start checks that the child is still alive,
//! and both the start and the session are retried a few times on a fresh port.

use fantoccini::{Client, ClientBuilder};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// How many fresh ports a start tries before the test fails.
const ATTEMPTS: usize = 4;

/// The first of `names` found on PATH.
pub fn find_program(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).flat_map(|dir| names.iter().map(move |name| dir.join(name))).find(|p| p.is_file())
}

/// Chromium and chromedriver, found on PATH; `None` when `EXPERTPOOL_SKIP_BROWSER=1`. Without
/// them (and without the skip) the test fails and says how to install them.
pub fn programs() -> Option<Programs> {
    if std::env::var("EXPERTPOOL_SKIP_BROWSER").as_deref() == Ok("1") {
        eprintln!("skipping a browser test: EXPERTPOOL_SKIP_BROWSER=1");
        return None;
    }
    match (find_program(&["chromium", "chromium-browser", "google-chrome"]), find_program(&["chromedriver"])) {
        (Some(chromium), Some(chromedriver)) => Some(Programs { chromium, chromedriver }),
        _ => panic!(
            "headless Chromium and chromedriver are needed for the browser tests: \
             `apt-get update && apt-get install -y chromium chromium-driver` (Debian), \
             or set EXPERTPOOL_SKIP_BROWSER=1 to skip them"
        ),
    }
}

pub struct Programs {
    pub chromium: PathBuf,
    pub chromedriver: PathBuf,
}

/// A running chromedriver, killed when dropped.
pub struct Driver {
    child: Child,
    pub url: String,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// Starts chromedriver and waits until it answers its status endpoint.
pub async fn start_driver(chromedriver: &Path) -> Driver {
    let mut failures = Vec::new();
    for _ in 0..ATTEMPTS {
        match try_start(chromedriver).await {
            Ok(driver) => return driver,
            Err(why) => failures.push(why),
        }
    }
    panic!("chromedriver did not start: {failures:?}")
}

async fn try_start(chromedriver: &Path) -> Result<Driver, String> {
    let port = free_port();
    let child = Command::new(chromedriver)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("{}: {e}", chromedriver.display()))?;
    let mut driver = Driver { child, url: format!("http://127.0.0.1:{port}") };
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if let Ok(Some(status)) = driver.child.try_wait() {
            return Err(format!("port {port}: chromedriver exited ({status})"));
        }
        // Only a live child *and* an open port: a port open while our child is dead is
        // someone else's listener.
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            tokio::time::sleep(Duration::from_millis(50)).await;
            if let Ok(None) = driver.child.try_wait() {
                return Ok(driver);
            }
        }
        if Instant::now() > deadline {
            return Err(format!("port {port}: not open after 20 s"));
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// What a browser window is: its size, whether page scripts run.
#[derive(Clone, Copy, Debug)]
pub struct Window {
    pub width: u32,
    pub height: u32,
    pub javascript: bool,
}

impl Window {
    pub const fn sized(width: u32, height: u32) -> Window {
        Window { width, height, javascript: true }
    }
}

/// A Chromium session on `driver`, with its own profile directory; a failed session is
/// retried, since Chromium occasionally fails to start on a loaded two-core machine.
pub async fn browser(driver: &Driver, chromium: &Path, profile: &Path, window: Window) -> Client {
    let mut options = json!({
        "binary": chromium,
        "args": [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--no-first-run", "--hide-scrollbars", format!("--window-size={},{}", window.width, window.height),
            format!("--user-data-dir={}", profile.display()),
        ],
    });
    if !window.javascript {
        // Page scripts off, as a reader who disabled them; WebDriver itself still works.
        options["prefs"] = json!({ "profile.managed_default_content_settings.javascript": 2 });
    }
    // Headless windows are at least 500 pixels wide; a phone viewport needs device emulation.
    if window.width < 500 {
        options["mobileEmulation"] =
            json!({ "deviceMetrics": { "width": window.width, "height": window.height, "pixelRatio": 2.0 } });
    }
    let mut caps = serde_json::Map::new();
    caps.insert("goog:chromeOptions".into(), options);
    let mut failures: Vec<String> = Vec::new();
    for _ in 0..ATTEMPTS {
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        match ClientBuilder::new(connector).capabilities(caps.clone()).connect(&driver.url).await {
            Ok(client) => return client,
            Err(e) => failures.push(e.to_string()),
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    panic!("no Chromium session on {}: {failures:?}", driver.url)
}

/// Polls `script` (a JS expression) until it returns something truthy.
pub async fn wait_for(client: &Client, script: &str, what: &str, timeout: Duration) -> Value {
    let deadline = Instant::now() + timeout;
    loop {
        let value = client.execute(&format!("return ({script});"), vec![]).await.unwrap_or(Value::Null);
        if !(value.is_null() || value == json!(false) || value == json!("") || value == json!(0)) {
            return value;
        }
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// `tests/artifacts/` at the workspace root, where screenshots go for a person to look at.
/// Cargo runs a test binary in its package's folder, `crates/NAME`. (No compile-time
/// source path here: a test of the CLI keeps every crate's `src` free of them.)
pub fn artifacts() -> PathBuf {
    let dir = std::env::current_dir().unwrap().join("../../tests/artifacts");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Saves the window as `tests/artifacts/{name}.png`.
pub async fn screenshot(client: &Client, name: &str) {
    let png = client.screenshot().await.unwrap();
    std::fs::write(artifacts().join(format!("{name}.png")), png).unwrap();
}
