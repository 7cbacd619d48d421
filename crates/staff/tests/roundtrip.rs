//! Export a pool, import the file into an empty instance: validation is clean and every
//! field the summary table carries comes back equal.

mod common;

use common::*;
use expertpool_private::{PrivateRecord, validate};
use expertpool_records::model::*;
use expertpool_staff::export;
use expertpool_staff::import::{self, ImportOptions};
use expertpool_staff::progress::Progress;
use expertpool_staff::sheet;

/// The fields of a record the roster carries.
fn table_fields(e: &ExpertRecord) -> impl PartialEq + std::fmt::Debug {
    (
        e.name.clone(),
        e.gender,
        e.employer.clone(),
        e.employer_kind,
        e.position.clone(),
        e.title.clone(),
        e.skill.clone(),
        e.specialties.clone(),
        e.honours.clone(),
        e.field_since,
    )
}

fn person_fields(p: &PrivateRecord) -> impl PartialEq + std::fmt::Debug {
    (p.id_number.clone(), p.birth_date, p.mobile.clone(), p.office_phone.clone(), p.email.clone())
}

fn round_trip(extension: &str) {
    let (_src_dir, source) = copy_fixture();
    let (original, original_private) = load(&source);
    let roster = export::roster(&original, Some(&original_private), "zhineng", TODAY).unwrap();
    let out_dir = tempfile::tempdir().unwrap();
    let file = out_dir.path().join(format!("roster.{extension}"));
    export::write(&roster, &file).unwrap();

    let grid = sheet::read(&file).unwrap();
    let banner = grid.rows[0].cells[0].text();
    assert_eq!(banner, export::PRIVATE_BANNER, "the first row warns of personal data");

    let (_dst_dir, target) = empty_copy();
    let (empty, empty_private) = load(&target);
    let options = ImportOptions {
        pool: "zhineng".into(),
        channel: Channel::SpecialInvitation,
        call: None,
        late_reason: None,
        unit: None,
        unit_credit_code: None,
        received: TODAY,
        source_name: format!("roster.{extension}"),
        id_prefix: Some("ZN-".into()),
    };
    let plan = import::plan(&empty, &empty_private, &grid, &options, &mut Progress::hidden());
    assert!(
        !plan.has_errors(),
        "{:#?}",
        plan.rows.iter().flat_map(|r| r.issues.iter().map(|i| i.render())).collect::<Vec<_>>()
    );
    import::apply(&plan, false, "roster", TODAY).unwrap();

    let (imported, imported_private) = load(&target);
    let errors: Vec<String> = validate(&imported, Some(&imported_private), TODAY)
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.render())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");

    let before = &original.pool("zhineng").unwrap().experts;
    let after = &imported.pool("zhineng").unwrap().experts;
    assert_eq!(before.len(), after.len());
    for (old, new) in before.iter().zip(after.iter()) {
        assert_eq!(old.id, new.id, "ids are allocated in roster order from ZN-0001");
        assert_eq!(table_fields(old), table_fields(new), "{}", old.id);
        let old_person = original_private.person(&old.person).unwrap();
        let new_person = imported_private.person(&new.person).unwrap();
        assert_eq!(person_fields(old_person), person_fields(new_person), "{}", old.id);
    }
}

#[test]
fn xlsx_roster_round_trips() {
    round_trip("xlsx");
}

#[test]
fn csv_roster_round_trips() {
    round_trip("csv");
}

#[test]
fn public_roster_has_no_personal_columns() {
    let (_dir, root) = copy_fixture();
    let (instance, private) = load(&root);
    let roster = export::roster(&instance, None, "zhineng", TODAY).unwrap();
    assert_eq!(roster.banner, None);
    let headers: Vec<&str> = roster.headers.iter().map(|h| h.text()).collect();
    for private_header in ["身份证号码", "联系方式", "电子邮箱", "出生日期"] {
        assert!(!headers.contains(&private_header), "{private_header} in {headers:?}");
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("public.csv");
    export::write(&roster, &file).unwrap();
    let text = std::fs::read_to_string(&file).unwrap();
    for person in &private.people {
        assert!(!text.contains(&person.id_number), "ID number of {} leaked", person.id);
        assert!(!text.contains(&person.mobile), "mobile of {} leaked", person.id);
    }
    assert!(text.contains("甲一"));
}

#[test]
fn the_blank_template_reads_back_with_no_rows_and_says_so() {
    let (_dir, root) = copy_fixture();
    let (instance, private) = load(&root);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("template.xlsx");
    export::write_template(&file, "汇总表").unwrap();
    let grid = sheet::read(&file).unwrap();
    let options = ImportOptions {
        pool: "zhineng".into(),
        channel: Channel::OpenCallUnit,
        call: None,
        late_reason: None,
        unit: Some("某单位".into()),
        unit_credit_code: None,
        received: TODAY,
        source_name: "template.xlsx".into(),
        id_prefix: None,
    };
    let plan = import::plan(&instance, &private, &grid, &options, &mut Progress::hidden());
    assert_only_no_data_rows(&plan);
    assert!(plan.rows.is_empty());
    assert_eq!(plan.skipped_rows.len(), 5, "the five numbered rows");
}

#[test]
fn the_site_annex_template_reads_back() {
    let (_dir, root) = copy_fixture();
    let (instance, private) = load(&root);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("summary-table.xlsx");
    std::fs::write(&file, expertpool_records::annex2::blank_xlsx("汇总表").unwrap()).unwrap();
    let csv = dir.path().join("summary-table.csv");
    std::fs::write(&csv, expertpool_records::annex2::blank_csv()).unwrap();
    for path in [file, csv] {
        let grid = sheet::read(&path).unwrap();
        let options = ImportOptions {
            pool: "zhineng".into(),
            channel: Channel::OpenCallSelf,
            call: None,
            late_reason: None,
            unit: None,
            unit_credit_code: None,
            received: TODAY,
            source_name: "template".into(),
            id_prefix: None,
        };
        let plan = import::plan(&instance, &private, &grid, &options, &mut Progress::hidden());
        assert_only_no_data_rows(&plan);
        assert!(plan.rows.is_empty());
    }
}

/// A blank template reads back cleanly but for the one error an empty table gets: every
/// header is found, and nothing is there to import.
fn assert_only_no_data_rows(plan: &import::Plan) {
    let errors: Vec<&str> = plan.file_issues.iter().filter(|i| i.is_error()).map(|i| i.message.as_str()).collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].contains("没有数据行"), "{errors:?}");
    assert!(plan.rows.iter().all(|r| r.issues.is_empty()));
}
