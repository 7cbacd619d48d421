//! Every failure the fuzzers found, as the minimised input that showed it, with what the
//! fixed code now says. docs/fuzzing.md lists them.

use expertpool_fuzz::targets;
use serde_json::Value;
use std::process::Command;

fn repo() -> std::path::PathBuf {
    expertpool_testkit::repo_root()
}

/// verify_mutation, input `00 02 00 00 00 00` (log-ok.json, `checkpoints[0]`, "x" appended):
/// text after the signature lines of a checkpoint was ignored by all three verifiers, so a
/// changed log file verified. Now the note is malformed, in Rust, Python and the site's JS.
#[test]
fn text_appended_to_a_checkpoint_is_refused() {
    targets::verify_mutation(&[0, 2, 0, 0, 0, 0]);

    let text = std::fs::read_to_string(repo().join("crates/draw/tests/vectors/logs/log-ok.json")).unwrap();
    let mut log: Value = serde_json::from_str(&text).unwrap();
    for tail in ["x", "\n", "\nmore text\n", "\u{2014} \n"] {
        let note = log["checkpoints"][0].as_str().unwrap().to_string();
        let mut changed = log.clone();
        changed["checkpoints"][0] = Value::String(format!("{note}{tail}"));
        let written = serde_json::to_string_pretty(&changed).unwrap();
        let report = expertpool_draw::verify_log(&written);
        assert!(!report.ok(), "{tail:?} appended to the checkpoint passes");
        let failed: Vec<&str> = report.failures().iter().map(|(_, c)| c.name.as_str()).collect();
        assert_eq!(failed, ["checkpoint[0]"], "{tail:?}");
        if Command::new("python3").arg("--version").output().is_ok() {
            let path = std::env::temp_dir().join(format!("expertpool-fuzz-checkpoint-{}.json", std::process::id()));
            std::fs::write(&path, &written).unwrap();
            let out = Command::new("python3").arg(repo().join("tools/verify_draws.py")).arg(&path).output().unwrap();
            let _ = std::fs::remove_file(&path);
            assert!(!out.status.success(), "the Python verifier accepts {tail:?} appended to the checkpoint");
        }
    }
    // A signature by another key (a witness) is still allowed beside the log's own.
    let note = log["checkpoints"][0].as_str().unwrap().to_string();
    log["checkpoints"][0] = Value::String(format!("{note}\u{2014} witness.example AAAAAAAA\n"));
    assert!(expertpool_draw::verify_log(&serde_json::to_string(&log).unwrap()).ok());
}

/// import_sheet, `fuzz/regressions/import_sheet-column-overflow` (an .xlsx whose sheet has a
/// cell reference with a very long column name): calamine's column arithmetic overflowed and
/// the import panicked. Now the clerk is told in Chinese that the file cannot be read.
#[test]
fn a_workbook_whose_cell_reference_overflows_is_refused() {
    let input = std::fs::read(repo().join("fuzz/regressions/import_sheet-column-overflow")).unwrap();
    targets::import_sheet(&input);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("汇总表.xlsx");
    std::fs::write(&path, &input[1..]).unwrap();
    let error = expertpool_staff::sheet::read(&path).unwrap_err();
    assert!(matches!(error, expertpool_staff::sheet::SheetError::NotSpreadsheet { .. }), "{error}");
    assert!(error.to_string().contains("无法解析"), "{error}");
}

/// Found while minimising the crash above: calamine's `worksheet_range` allocates every cell
/// of the rectangle the stored cells span, so a 6 KB workbook with values in A1 and
/// XFD1048576 asked for 512 GiB and aborted the process (one in row 100,000, column 200 took
/// 6 s and 1.1 GB). The .xlsx reader now reads cell by cell.
#[test]
fn a_workbook_with_a_far_away_cell_is_read_in_proportion_to_its_values() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("汇总表.xlsx");
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.write_string(0, 0, "姓名").unwrap();
    sheet.write_string(1_048_575, 16_383, "远处的单元格").unwrap();
    workbook.save(&path).unwrap();
    let grid = expertpool_staff::sheet::read(&path).unwrap();
    assert_eq!(grid.rows.len(), 1_048_576);
    assert_eq!(grid.rows[0].cell(0).text(), "姓名");
    assert_eq!(grid.rows[1_048_575].cells.len(), 16_384);
    assert_eq!(grid.rows[1_048_575].cell(16_383).text(), "远处的单元格");
    assert!(grid.rows[1..1_048_575].iter().all(|r| r.cells.is_empty()));
}
