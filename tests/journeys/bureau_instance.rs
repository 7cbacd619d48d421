//! A bureau's own instance and the operation of its draw service, with a relocated binary:
//! `init` → `hooks install` → a commit with a broken record is refused by the hook and a
//! good one passes → `check` → `build`; and a backup of the data folder of a running service
//! → restore into a new folder → the service opens it and `expertpool verify` accepts the
//! exported log, while a backup with a changed byte or a missing file is refused by name.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use expertpool_drawd::{Clock, Config, Options, Role, Service};
use expertpool_testkit::{InstanceCopy, binary, copy_dir, run_program};
use serde_json::json;
use std::path::{Path, PathBuf};
use std::process::Command;
use tower::ServiceExt;

fn arg(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 temporary path")
}

fn relocated() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let bin = dir.path().join("bin").join(binary().file_name().unwrap());
    std::fs::create_dir_all(bin.parent().unwrap()).unwrap();
    std::fs::copy(binary(), &bin).unwrap();
    (dir, bin)
}

fn git(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["-c", "user.name=王科员", "-c", "user.email=clerk@example.gov.cn", "-c", "commit.gpgsign=false"])
        .args(args)
        .output()
        .expect("git runs")
}

#[test]
fn a_new_instance_becomes_a_repository_whose_hook_refuses_a_broken_record() {
    if Command::new("git").arg("--version").output().is_err() {
        eprintln!("SKIPPED: git is not installed, so the hook journey cannot run (install git to run it)");
        return;
    }
    let (dir, bin) = relocated();
    let work = dir.path().join("work");
    std::fs::create_dir_all(&work).unwrap();
    let instance = work.join("星河市专家库");
    run_program(&bin, &["init", arg(&instance)], &work).success();
    for file in [".gitignore", ".gitlab-ci.yml", "ci/publish.sh"] {
        assert!(instance.join(file).is_file(), "init writes {file}");
    }
    assert!(git(&instance, &["init", "-q"]).status.success());
    let installed = run_program(&bin, &["hooks", "install", "--content", arg(&instance)], &work).success();
    assert!(installed.stdout.contains("已安装"), "{installed}");
    let hook = instance.join(".git/hooks/pre-commit");
    let text = std::fs::read_to_string(&hook).unwrap();
    assert!(text.contains(arg(&bin)), "the hook names the binary by its path: {text}");
    // Installing again is idempotent.
    let again = run_program(&bin, &["hooks", "install", "--content", arg(&instance)], &work).success();
    assert!(again.stdout.contains("已是最新"), "{again}");
    assert_eq!(std::fs::read_to_string(&hook).unwrap(), text);

    // The skeleton commits (the hook's check passes), from the repository's own folder.
    assert!(git(&instance, &["add", "-A"]).status.success());
    let first = git(&instance, &["commit", "-q", "-m", "初始化"]);
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));

    // A broken record is refused by the hook and nothing is committed.
    let pool = instance.join("pools/zhineng/pool.toml");
    let good = std::fs::read_to_string(&pool).unwrap();
    std::fs::write(&pool, format!("{good}\n[broken\n")).unwrap();
    assert!(git(&instance, &["add", "-A"]).status.success());
    let refused = git(&instance, &["commit", "-q", "-m", "改坏"]);
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(!refused.status.success(), "the hook refuses the commit: {stderr}");
    assert!(stderr.contains("提交前检查未通过"), "{stderr}");
    let log = git(&instance, &["log", "--oneline"]);
    assert_eq!(String::from_utf8_lossy(&log.stdout).lines().count(), 1, "only the first commit exists");

    // Mended, it commits.
    let mended = format!("{good}\n# 已核对\n");
    std::fs::write(&pool, mended).unwrap();
    assert!(git(&instance, &["add", "-A"]).status.success());
    let second = git(&instance, &["commit", "-q", "-m", "核对管理规则"]);
    assert!(second.status.success(), "{}", String::from_utf8_lossy(&second.stderr));

    // Check and build as the CI script does, from inside the repository; the build output
    // is ignored by the skeleton's .gitignore.
    run_program(&bin, &["check", "--content", ".", "--today", "2026-12-03"], &instance).success();
    run_program(&bin, &["build", "--content", ".", "--out", "public", "--today", "2026-12-03"], &instance).success();
    assert!(instance.join("public/index.html").is_file());
    let status = git(&instance, &["status", "--porcelain"]);
    assert_eq!(String::from_utf8_lossy(&status.stdout), "", "public/ is not a change to commit");

    // A foreign hook is kept unless --force, which moves it aside.
    std::fs::write(&hook, "#!/bin/sh\nexit 0\n").unwrap();
    let foreign = run_program(&bin, &["hooks", "install", "--content", arg(&instance)], &work);
    assert_eq!(foreign.code, Some(1), "{foreign}");
    assert!(foreign.stderr.contains("--force"), "{foreign}");
    assert_eq!(std::fs::read_to_string(&hook).unwrap(), "#!/bin/sh\nexit 0\n");
    run_program(&bin, &["hooks", "install", "--force", "--content", arg(&instance)], &work).success();
    assert_eq!(std::fs::read_to_string(&hook).unwrap(), text);
    assert_eq!(
        std::fs::read_to_string(instance.join(".git/hooks/pre-commit.before-expertpool")).unwrap(),
        "#!/bin/sh\nexit 0\n"
    );
}

async fn post(router: &axum::Router, path: &str, token: &str, body: serde_json::Value) -> serde_json::Value {
    let request = Request::builder()
        .method("POST")
        .uri(path)
        .header("Authorization", format!("Bearer {token}"))
        .header("Content-Type", "application/json")
        .body(Body::from(body.to_string()))
        .unwrap();
    let response = router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = axum::body::to_bytes(response.into_body(), 1 << 20).await.unwrap();
    let value: serde_json::Value = serde_json::from_slice(&bytes).unwrap_or_default();
    assert!(status == StatusCode::CREATED || status == StatusCode::OK, "{path}: {status} {value}");
    value
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_of_a_running_service_restores_and_verifies_and_a_damaged_one_is_refused() {
    let (dir, bin) = relocated();
    let copy = InstanceCopy::demo();
    let content = copy.root();
    let config_path = copy.scratch().join("drawd.toml");
    let data = copy.scratch().join("data");
    let operator =
        expertpool_drawd::add_token(&config_path, "clerk.wang", Role::Operator, "2026-12-01T00:00:00Z").unwrap();
    let service = Service::open(Options {
        config: Config::load(&config_path).unwrap(),
        data: data.clone(),
        content: content.clone(),
        clock: Clock::manual("2026-12-02T02:00:00Z".parse().unwrap()),
    })
    .unwrap();
    let router = expertpool_drawd::router(service.clone());
    let request = json!({
        "pool": "zhineng", "purpose": "技能人才评价", "specialty": "ZZ-01", "min_level": "中级",
        "using_unit": "市技能人才评价中心", "work_content": "职业技能等级认定考评",
        "count": 3, "event_date": "2026-12-10",
    });
    let created = post(&router, "/api/draws", &operator, request).await;
    let id = created["id"].as_str().unwrap().to_string();
    post(&router, &format!("/api/draws/{id}/run"), &operator, json!({})).await;
    let (entries, _) = service.head();

    // While the service holds the data folder.
    let backups = dir.path().join("backups");
    std::fs::create_dir_all(&backups).unwrap();
    let made =
        run_program(&bin, &["backup", arg(&data), "--out", arg(&backups), "--config", arg(&config_path)], dir.path())
            .success();
    assert!(made.stdout.contains(&format!("日志 {entries} 条")), "{made}");
    let backup = std::fs::read_dir(&backups).unwrap().next().unwrap().unwrap().path();
    assert!(backup.file_name().unwrap().to_string_lossy().starts_with("drawd-backup-"), "{}", backup.display());
    assert!(!backup.join("data/lock").exists(), "the lock is not state");
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(backup.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["journal"]["entries"], entries);
    let head = service.public_export();
    service.shutdown();
    drop(router);
    drop(service);

    // Restore into a new folder, with the configuration; the key stays owner-only.
    let restored = dir.path().join("restored");
    let config_restored = dir.path().join("drawd-restored.toml");
    run_program(
        &bin,
        &["restore", arg(&backup), "--data", arg(&restored), "--config", arg(&config_restored)],
        dir.path(),
    )
    .success();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(restored.join("signing.key")).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "the signing key stays private");
    }
    assert_eq!(std::fs::read(&config_restored).unwrap(), std::fs::read(&config_path).unwrap());
    let reopened = Service::open(Options {
        config: Config::load(&config_restored).unwrap(),
        data: restored.clone(),
        content: content.clone(),
        clock: Clock::manual("2026-12-02T03:00:00Z".parse().unwrap()),
    })
    .unwrap();
    assert_eq!(reopened.head().0, entries, "the restored service has every entry");
    assert_eq!(reopened.public_export()["entries"], head["entries"]);
    reopened.shutdown();
    drop(reopened);
    let exported = dir.path().join("log.json");
    run_program(&bin, &["export-log", "--data", arg(&restored), "--out", arg(&exported)], dir.path()).success();
    run_program(&bin, &["verify", arg(&exported)], dir.path()).success();

    // A second restore over the now non-empty folder is refused without --force.
    let over = run_program(&bin, &["restore", arg(&backup), "--data", arg(&restored)], dir.path());
    assert_eq!(over.code, Some(1), "{over}");
    assert!(over.stderr.contains("不是空的"), "{over}");

    // A changed byte in the journal, and a missing file, are refused by name.
    let tampered = dir.path().join("tampered");
    copy_dir(&backup, &tampered);
    let journal = tampered.join("data/journal.jsonl");
    let mut bytes = std::fs::read(&journal).unwrap();
    let at = bytes.iter().position(|b| b.is_ascii_digit()).unwrap();
    bytes[at] = if bytes[at] == b'9' { b'8' } else { bytes[at] + 1 };
    std::fs::write(&journal, bytes).unwrap();
    let refused = run_program(&bin, &["restore", arg(&tampered), "--data", arg(&dir.path().join("t1"))], dir.path());
    assert_eq!(refused.code, Some(1), "{refused}");
    assert!(refused.stderr.contains("data/journal.jsonl") && refused.stderr.contains("已损坏"), "{refused}");
    assert!(!dir.path().join("t1").exists(), "nothing is written from a damaged backup");

    let incomplete = dir.path().join("incomplete");
    copy_dir(&backup, &incomplete);
    std::fs::remove_file(incomplete.join("data/identity.toml")).unwrap();
    let refused = run_program(&bin, &["restore", arg(&incomplete), "--data", arg(&dir.path().join("t2"))], dir.path());
    assert_eq!(refused.code, Some(1), "{refused}");
    assert!(refused.stderr.contains("data/identity.toml") && refused.stderr.contains("文件缺失"), "{refused}");
}
