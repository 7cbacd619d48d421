//! `expertpool serve`: the site built into memory, served on loopback, rebuilt when a record
//! or template changes, with live reload.
//!
//! - Pages are served from the in-memory [`SiteFiles`] under the base URL's path (so the
//!   preview has the production paths); `/` redirects there.
//! - A watcher thread collects file events, waits until they stop for a moment (editors
//!   write in several steps), and rebuilds. Unchanged pages come from the render cache;
//!   a change to expert records only re-reads those files ([`crate::Builder`]).
//! - A failed rebuild keeps the last good site; the diagnostics go to the terminal and, over
//!   server-sent events, to an overlay in every open tab. A good rebuild reloads the tabs.
//! - The live-reload script is injected into HTML responses here, never into `build` output.
//! - [`router`] is a plain axum router; the caller may merge others (the draw service's `/api`).

use crate::incremental::Builder;
use crate::{BuildOptions, SiteFiles};
use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use std::convert::Infallible;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};
use tokio::sync::watch;
use tokio_stream::wrappers::ReceiverStream;

/// Where the live-reload endpoints live; no site path starts with it.
const LIVE: &str = "/__expertpool";

/// What open tabs are told: the site version, or why the last rebuild failed.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct LiveStatus {
    /// Counts good builds; a tab showing an older version reloads.
    pub version: u64,
    /// Why the last rebuild failed, while the last good site is still served.
    pub error: Option<String>,
}

/// The site being served and its status.
pub struct LiveSite {
    site: RwLock<Arc<SiteFiles>>,
    base_path: String,
    status: watch::Sender<LiveStatus>,
}

impl LiveSite {
    /// A live site serving `site` under `base_path`, showing `error` if the first build failed.
    pub fn new(site: SiteFiles, base_path: String, error: Option<String>) -> Arc<LiveSite> {
        let (status, _) = watch::channel(LiveStatus { version: 1, error });
        Arc::new(LiveSite { site: RwLock::new(Arc::new(site)), base_path, status })
    }

    /// Replaces the site after a good rebuild and tells the tabs to reload.
    pub fn publish(&self, site: SiteFiles) {
        *self.site.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(site);
        self.status.send_modify(|s| {
            s.version += 1;
            s.error = None;
        });
    }

    /// Keeps the site and shows `error` in the tabs.
    pub fn fail(&self, error: String) {
        self.status.send_modify(|s| s.error = Some(error));
    }

    /// What open tabs are told now.
    pub fn status(&self) -> LiveStatus {
        self.status.borrow().clone()
    }

    /// The site served now.
    pub fn site(&self) -> Arc<SiteFiles> {
        self.site.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// The path the site is served under, e.g. `/` or `/experts/`.
    pub fn base_path(&self) -> &str {
        &self.base_path
    }
}

/// The routes of the preview: live-reload endpoints and the site's files.
pub fn router(live: Arc<LiveSite>) -> Router {
    Router::new()
        .route(&format!("{LIVE}/events"), get(events))
        .route(&format!("{LIVE}/live.js"), get(live_script))
        .fallback(get(file))
        .with_state(live)
}

async fn events(State(live): State<Arc<LiveSite>>) -> impl IntoResponse {
    let mut receiver = live.status.subscribe();
    // A task feeds the stream through a small channel, and ends when the tab goes away.
    let (tx, rx) = tokio::sync::mpsc::channel::<Result<Event, Infallible>>(4);
    tokio::spawn(async move {
        loop {
            let status = receiver.borrow_and_update().clone();
            let data = serde_json::to_string(&status).unwrap_or_default();
            if tx.send(Ok(Event::default().data(data))).await.is_err() {
                return;
            }
            if receiver.changed().await.is_err() {
                return;
            }
        }
    });
    Sse::new(ReceiverStream::new(rx)).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
}

async fn live_script() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8"), (header::CACHE_CONTROL, "no-store")], LIVE_JS)
}

const LIVE_JS: &str = r#"(function () {
  'use strict';
  var me = document.currentScript;
  var version = me && me.getAttribute('data-version');
  var source = new EventSource(me.getAttribute('data-events'));
  // Browsers allow six connections per host; a page left open in the back/forward cache
  // must not keep one of them.
  addEventListener('pagehide', function () { source.close(); });
  addEventListener('pageshow', function (e) { if (e.persisted) location.reload(); });
  source.onmessage = function (event) {
    var status = JSON.parse(event.data);
    if (status.error) { show(status.error); return; }
    hide();
    if (String(status.version) !== version) location.reload();
  };
  function show(text) {
    var box = document.getElementById('expertpool-overlay');
    if (!box) {
      box = document.createElement('div');
      box.id = 'expertpool-overlay';
      box.setAttribute('role', 'alert');
      box.style.cssText = 'position:fixed;inset:0;z-index:2147483647;margin:0;padding:1.5rem;overflow:auto;' +
        'background:rgba(25,25,25,.96);color:#fff;font:14px/1.5 ui-monospace,Menlo,Consolas,monospace;white-space:pre-wrap';
      document.body.appendChild(box);
    }
    box.textContent = '构建失败：网站仍是上一次成功构建的内容。修正后自动刷新。\n\n' + text;
  }
  function hide() {
    var box = document.getElementById('expertpool-overlay');
    if (box) box.parentNode.removeChild(box);
  }
})();
"#;

async fn file(State(live): State<Arc<LiveSite>>, uri: Uri) -> Response {
    let path = percent_encoding::percent_decode_str(uri.path()).decode_utf8_lossy().into_owned();
    let base = live.base_path();
    if path.len() + 1 == base.len() && base.starts_with(path.as_str()) {
        return Redirect::permanent(base).into_response();
    }
    let Some(relative) = path.strip_prefix(base) else {
        return if path == "/" { Redirect::temporary(base).into_response() } else { not_found(&live) };
    };
    if relative.split('/').any(|s| s == "..") {
        return not_found(&live);
    }
    let site = live.site();
    let key = if relative.is_empty() || relative.ends_with('/') {
        format!("{relative}index.html")
    } else {
        relative.to_string()
    };
    match site.get(&key) {
        Some(bytes) => respond(&live, &key, bytes, StatusCode::OK),
        None if site.get(&format!("{key}/index.html")).is_some() => {
            Redirect::permanent(&format!("{path}/")).into_response()
        }
        None => not_found(&live),
    }
}

fn not_found(live: &LiveSite) -> Response {
    let site = live.site();
    match site.get("404.html") {
        Some(bytes) => respond(live, "404.html", bytes, StatusCode::NOT_FOUND),
        None => (StatusCode::NOT_FOUND, "not found").into_response(),
    }
}

fn respond(live: &LiveSite, key: &str, bytes: &Arc<Vec<u8>>, status: StatusCode) -> Response {
    let kind = content_type(key);
    let body = if kind.starts_with("text/html") {
        Body::from(inject(bytes, live.status().version))
    } else {
        Body::from(bytes.as_ref().clone())
    };
    let mut response = Response::new(body);
    *response.status_mut() = status;
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// Adds the live-reload script before `</body>`.
fn inject(html: &[u8], version: u64) -> Vec<u8> {
    let tag =
        format!("<script src=\"{LIVE}/live.js\" data-events=\"{LIVE}/events\" data-version=\"{version}\"></script>\n");
    let text = String::from_utf8_lossy(html);
    match text.rfind("</body>") {
        Some(at) => format!("{}{tag}{}", &text[..at], &text[at..]).into_bytes(),
        None => format!("{text}{tag}").into_bytes(),
    }
}

fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "ics" => "text/calendar; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _ => "application/octet-stream",
    }
}

/// How `serve` is set up.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// What each build reads.
    pub build: BuildOptions,
    /// Quiet time after the last file event before rebuilding.
    pub debounce: Duration,
}

/// Builds the site, then rebuilds it on every change until the process ends. Returns the
/// live site to serve; the watcher runs on its own thread.
pub fn start(options: ServeOptions) -> Result<Arc<LiveSite>, crate::BuildError> {
    start_with_draw_log(options, None)
}

/// [`start`], showing the public draw log at `draw_log` (the draw service's live copy,
/// written after every durable batch) instead of the instance's `draws/log.json` while it
/// has entries, and rebuilding whenever that file is replaced: the draw pages follow the
/// service's log as it grows, with no export or rebuild by hand.
pub fn start_with_draw_log(
    options: ServeOptions,
    draw_log: Option<PathBuf>,
) -> Result<Arc<LiveSite>, crate::BuildError> {
    let mut builder = Builder::new(options.build.clone());
    if let Some(path) = draw_log {
        builder = builder.with_draw_log(path);
    }
    let started = Instant::now();
    let first = builder.build(&[]);
    let base_path = builder.base_path().unwrap_or_else(|| "/".to_string());
    let live = match first {
        Ok(site) => {
            eprintln!(
                "{}",
                expertpool_i18n::t!("site-serve-built", files = site.files.len(), ms = started.elapsed().as_millis())
            );
            LiveSite::new(site, base_path, None)
        }
        Err(error) => {
            eprintln!("{}\n{}", error.report(), expertpool_i18n::t!("site-serve-build-failed"));
            LiveSite::new(SiteFiles::default(), base_path, Some(error.report()))
        }
    };
    watch_and_rebuild(builder, live.clone(), options)?;
    Ok(live)
}

fn watch_and_rebuild(
    mut builder: Builder,
    live: Arc<LiveSite>,
    options: ServeOptions,
) -> Result<(), crate::BuildError> {
    use notify::{RecursiveMode, Watcher};
    let (tx, rx) = std::sync::mpsc::channel::<PathBuf>();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event {
            if matches!(event.kind, notify::EventKind::Access(_)) {
                return;
            }
            for path in event.paths {
                let _ = tx.send(path);
            }
        }
    })
    .map_err(|e| crate::BuildError::Watch { path: options.build.content.clone(), message: e.to_string() })?;
    // The compiled-in templates cannot change under a running server; a folder given
    // with --templates is watched like the content.
    for dir in std::iter::once(&options.build.content).chain(options.build.templates.as_ref()) {
        watcher
            .watch(dir, RecursiveMode::Recursive)
            .map_err(|e| crate::BuildError::Watch { path: dir.clone(), message: e.to_string() })?;
    }
    // The live draw log usually sits in the service's data folder: its folder is watched
    // too, and of its files only the log itself counts (the journal changes all the time).
    let live_log = builder.draw_log().map(Path::to_path_buf);
    let live_folder = live_log
        .as_ref()
        .and_then(|p| p.parent().map(Path::to_path_buf))
        .filter(|folder| !folder.starts_with(&options.build.content));
    if let Some(folder) = &live_folder {
        std::fs::create_dir_all(folder).ok();
        watcher
            .watch(folder, RecursiveMode::NonRecursive)
            .map_err(|e| crate::BuildError::Watch { path: folder.clone(), message: e.to_string() })?;
    }
    let private = options.build.content.join(expertpool_records::layout::PRIVATE);
    std::thread::spawn(move || {
        let _watcher = watcher; // lives as long as the thread
        while let Ok(first) = rx.recv() {
            let mut changed = vec![first];
            while let Ok(more) = rx.recv_timeout(options.debounce) {
                changed.push(more);
            }
            changed.retain(|p| {
                if live_log.as_ref() == Some(p) {
                    return true;
                }
                if live_folder.as_ref().is_some_and(|f| p.starts_with(f)) {
                    return false;
                }
                relevant(p, &private)
            });
            if changed.is_empty() {
                continue;
            }
            changed.sort();
            changed.dedup();
            let started = Instant::now();
            match builder.build(&changed) {
                Ok(site) => {
                    let files = site.files.len();
                    live.publish(site);
                    eprintln!(
                        "{}",
                        expertpool_i18n::t!(
                            "site-serve-rebuilt",
                            changed = describe(&changed),
                            ms = started.elapsed().as_millis(),
                            rendered = builder.last_rendered(),
                            files = files
                        )
                    );
                }
                Err(error) => {
                    eprintln!("{}\n{}", error.report(), expertpool_i18n::t!("site-serve-rebuild-failed"));
                    live.fail(error.report());
                }
            }
        }
    });
    Ok(())
}

/// Changes the site cannot depend on: personal data (never read by the site) and the
/// scratch files editors write next to the real ones.
fn relevant(path: &Path, private: &Path) -> bool {
    if path.starts_with(private) {
        return false;
    }
    let name = path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
    // Every input has an extension; `sed -i`, vim and others write extension-less scratch files.
    if path.extension().is_none() && !path.is_dir() {
        return false;
    }
    !(name.starts_with(".#")
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name == "4913")
}

fn describe(paths: &[PathBuf]) -> String {
    match paths {
        [one] => one.display().to_string(),
        many => format!("{} files", many.len()),
    }
}
