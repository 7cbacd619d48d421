//! The spreadsheet import: CSV or .xlsx bytes read as a table and planned against the
//! small instance, exactly as `expertpool import` does before `--apply`.

use expertpool_private::PrivateData;
use expertpool_records::PublicInstance;
use expertpool_records::model::Channel;
use expertpool_staff::import::{self, ImportOptions};
use expertpool_staff::progress::Progress;
use expertpool_staff::sheet;
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::fmt::Debug;
use std::path::PathBuf;
use std::sync::OnceLock;

struct Fixture {
    instance: PublicInstance,
    private: PrivateData,
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let root = crate::targets::small_instance();
        let instance = expertpool_records::load::load_public(&root).value.expect("the small instance loads");
        let private = expertpool_private::load_private(&root).value.expect("its private records load");
        Fixture { instance, private }
    })
}

thread_local! {
    static DIR: (tempfile::TempDir, PathBuf, PathBuf) = {
        let dir = tempfile::tempdir().expect("temp folder");
        let (csv, xlsx) = (dir.path().join("汇总表.csv"), dir.path().join("汇总表.xlsx"));
        (dir, csv, xlsx)
    };
}

/// First byte: bit 0 picks CSV or .xlsx, bit 1 whether the unit comes from the command
/// line; the rest: the file's bytes.
///
/// Properties: no panic; every issue renders; a row the plan accepts yields records that
/// read back equal once written as TOML (otherwise `--apply` would refuse a clean row).
pub fn import_sheet(data: &[u8]) {
    let Some((&flags, bytes)) = data.split_first() else { return };
    if bytes.len() > crate::MAX_INPUT {
        return;
    }
    DIR.with(|(_, csv, xlsx)| {
        let path = if flags & 1 == 0 { csv } else { xlsx };
        std::fs::write(path, bytes).unwrap();
        let Ok(grid) = sheet::read(path) else { return };
        let options = ImportOptions {
            pool: "zhineng".into(),
            channel: Channel::OpenCallUnit,
            call: None,
            late_reason: None,
            unit: (flags & 2 != 0).then(|| "星河示例机械有限公司".to_string()),
            unit_credit_code: None,
            received: crate::targets::today(),
            source_name: path.file_name().unwrap().to_string_lossy().into_owned(),
            id_prefix: None,
        };
        let fixture = fixture();
        let plan = import::plan(&fixture.instance, &fixture.private, &grid, &options, &mut Progress::hidden());
        for issue in plan.file_issues.iter().chain(plan.rows.iter().flat_map(|r| &r.issues)) {
            let _ = issue.render();
        }
        let _ = plan.summary();
        for row in plan.rows.iter().filter(|r| !r.has_error()) {
            if let Some(record) = &row.record {
                reads_back(&record.public);
                if let Some(private) = &record.private {
                    reads_back(private);
                }
            }
        }
    });
}

fn reads_back<T: Serialize + DeserializeOwned + PartialEq + Debug>(value: &T) {
    let text = toml::to_string(value).unwrap_or_else(|e| panic!("an accepted row cannot be written as TOML: {e}"));
    let back: T =
        toml::from_str(&text).unwrap_or_else(|e| panic!("an accepted row's record does not parse: {e}\n{text}"));
    assert_eq!(&back, value, "an accepted row's record reads back differently:\n{text}");
}
