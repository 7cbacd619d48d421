//! `[publish]`: after every durable batch the public log file is replaced atomically at
//! `log_path` and `command` runs, never two at once; a failing command is reported in the
//! status (and the log), and the journal is unaffected.

mod common;

use common::*;
use std::os::unix::fs::MetadataExt;
use std::path::Path;
use std::time::{Duration, Instant};

fn with_publish(s: &mut Setup, section: &str) {
    let mut text = std::fs::read_to_string(&s.config_path).unwrap();
    text.push_str(section);
    std::fs::write(&s.config_path, text).unwrap();
    s.restart();
}

/// Waits until the publisher has caught up with the log (or `what` times out).
fn wait_until(s: &Setup, what: &str, done: &dyn Fn(&expertpool_drawd::publish::PublishStatus) -> bool) {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let status = s.service.publish_status().expect("publishing is configured");
        if done(&status) {
            return;
        }
        assert!(Instant::now() < deadline, "timed out waiting for {what}: {status:?}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn toml_path(p: &Path) -> String {
    p.display().to_string().replace('\\', "\\\\")
}

#[tokio::test]
async fn the_log_is_replaced_atomically_and_the_command_runs_after_each_batch() {
    let mut s = Setup::new("publish");
    let out = s.root.join("site/draws/log.json");
    let script = s.root.join("publish.sh");
    let runs = s.root.join("runs.txt");
    // Records the size it was told and whether another run was still going (overlap).
    std::fs::write(
        &script,
        format!(
            "set -e\ncd '{root}'\nif [ -e running ]; then echo overlap >> overlaps.txt; fi\ntouch running\n\
             sleep 0.05\ncmp \"$EXPERTPOOL_PUBLISHED_LOG\" site/draws/log.json\n\
             echo \"$EXPERTPOOL_PUBLISHED_SIZE\" >> '{runs}'\nrm running\n",
            root = s.root.display(),
            runs = runs.display()
        ),
    )
    .unwrap();
    with_publish(
        &mut s,
        &format!(
            "\n[publish]\nlog_path = \"{}\"\ncommand = [\"/bin/sh\", \"{}\"]\n",
            toml_path(&out),
            toml_path(&script)
        ),
    );
    wait_until(&s, "the first publication", &|st| st.written >= 1 && st.command_runs >= 1);
    let first_inode = std::fs::metadata(&out).unwrap().ino();

    busy(&s, 3).await;
    let size = s.service.head().0;
    let last_told = || std::fs::read_to_string(&runs).unwrap_or_default().lines().last().map(str::to_string);
    wait_until(&s, "the publication of every batch", &|st| {
        st.last_size == size && last_told() == Some(size.to_string())
    });
    let status = s.service.publish_status().unwrap();
    assert_eq!(status.failures, 0, "{status:?}");

    let published: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(published["entries"].as_array().unwrap().len() as u64, size);
    assert_eq!(published, s.service.public_export(), "the file is the service's public log");
    assert_ne!(std::fs::metadata(&out).unwrap().ino(), first_inode, "replaced by a rename, not rewritten in place");
    let leftovers: Vec<_> = std::fs::read_dir(out.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "log.json")
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");

    let told = std::fs::read_to_string(&runs).unwrap();
    assert_eq!(told.lines().last(), Some(size.to_string().as_str()), "the last run saw the whole log: {told}");
    assert!(!s.root.join("overlaps.txt").exists(), "two runs of the command overlapped");
    // Signals that arrive during a run merge: fewer runs than batches is allowed, never more.
    assert!(told.lines().count() as u64 <= size + 1, "{told}");
}

#[tokio::test]
async fn a_failing_command_is_reported_and_changes_nothing_else() {
    let mut s = Setup::new("publish-fail");
    let out = s.root.join("log.json");
    with_publish(
        &mut s,
        &format!(
            "\n[publish]\nlog_path = \"{}\"\ncommand = [\"/bin/sh\", \"-c\", \"echo upload refused >&2; exit 7\"]\n",
            toml_path(&out)
        ),
    );
    busy(&s, 1).await;
    let size = s.service.head().0;
    wait_until(&s, "the failure", &|st| st.failures >= 1 && st.last_size == size);
    let status = s.service.publish_status().unwrap();
    let error = status.last_error.clone().unwrap();
    assert!(error.contains("exit status: 7") && error.contains("upload refused"), "{error}");
    assert!(out.is_file(), "the log is written even when the command fails");
    // The service goes on writing.
    busy(&s, 1).await;
    assert!(s.service.head().0 > size);
}

#[test]
fn a_publish_section_without_a_program_is_refused_naming_the_field() {
    let err = expertpool_drawd::Config::parse("[publish]\ncommand = []\n", Path::new("drawd.toml")).unwrap_err();
    let text = err.to_string();
    assert!(text.contains("publish.command") && text.contains("fix:"), "{text}");
    let err = expertpool_drawd::Config::parse("[publish]\nlog = \"x\"\n", Path::new("drawd.toml")).unwrap_err();
    assert!(err.to_string().contains("log"), "{err}");
}
