//! `expertpool staff add`: a console login whose password is printed once, as the last
//! line, or read from standard input; only an argon2id hash reaches the configuration.

mod common;

use common::*;
use expertpool_drawd::Config;
use expertpool_drawd::console::accounts::verify_password;
use std::io::Write as _;
use std::process::{Command, Stdio};

#[test]
fn staff_add_prints_the_password_last_and_stores_only_its_hash() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("drawd.toml");
    std::fs::write(&config, "# 本局的抽取服务配置\nmax_count = 30\n").unwrap();
    let cfg = config.to_str().unwrap();
    let out = expertpool(&["staff", "add", "wang.li", "--role", "operator", "--config", cfg]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let password = stdout.lines().last().unwrap().trim().to_owned();
    assert_eq!(password.len(), 23, "{stdout}");
    let stored = std::fs::read_to_string(&config).unwrap();
    assert!(stored.starts_with("# 本局的抽取服务配置\nmax_count = 30\n"), "comments kept: {stored}");
    assert!(!stored.contains(&password) && stored.contains("$argon2id$"), "{stored}");
    let loaded = Config::load(&config).unwrap();
    assert!(verify_password(&loaded.login("wang.li").unwrap().password_argon2id, &password));

    // A password of one's own, from standard input; not echoed.
    let mut child = Command::new(env!("CARGO_BIN_EXE_expertpool"))
        .args(["staff", "add", "zhao.admin", "--role", "admin", "--config", cfg, "--password-stdin"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"my own long password\n").unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(!text(&out.stdout).contains("my own long password"));
    let loaded = Config::load(&config).unwrap();
    assert!(verify_password(&loaded.login("zhao.admin").unwrap().password_argon2id, "my own long password"));

    // The same id again is refused, naming the fix; the file is unchanged.
    let before = std::fs::read_to_string(&config).unwrap();
    let out = expertpool(&["staff", "add", "wang.li", "--role", "admin", "--config", cfg]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("already has a console login"), "{}", text(&out.stderr));
    assert_eq!(std::fs::read_to_string(&config).unwrap(), before);
}

/// Kills the child when dropped, so a failed assertion leaves no server behind.
struct Server(std::process::Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn get(port: u16, path: &str) -> String {
    use std::io::Read as _;
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(s, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    out
}

#[test]
fn serve_mounts_the_console_beside_the_site_and_the_api() {
    let content = demo_copy();
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("drawd.toml");
    let out = expertpool(&["staff", "add", "wang.li", "--role", "operator", "--config", config.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let child = Command::new(env!("CARGO_BIN_EXE_expertpool"))
        .args(["serve", "--content", content.path().to_str().unwrap(), "--port", &port.to_string()])
        .args(["--today", TODAY, "--draw-config", config.to_str().unwrap()])
        .args(["--draw-data", dir.path().join("data").to_str().unwrap()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let _server = Server(child);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(std::time::Instant::now() < deadline, "serve did not open port {port}");
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let login = get(port, "/staff/login");
    assert!(login.starts_with("HTTP/1.1 200"), "{login}");
    assert!(login.contains("工作人员登录") && login.contains("ep_login="), "{login}");
    let list = get(port, "/staff/");
    assert!(list.starts_with("HTTP/1.1 303") && list.contains("location: /staff/login"), "{list}");
    assert!(get(port, "/api/health").starts_with("HTTP/1.1 200"), "the API is still there");
}
