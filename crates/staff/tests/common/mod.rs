//! Shared by the staff integration tests: a fresh copy of the fixture instance per test,
//! loading, and made-up resident ID numbers with valid check digits.
#![allow(dead_code)]

use expertpool_private::{PrivateData, load_private};
use expertpool_records::checksum::resident_id_check_char;
use expertpool_records::load::load_public;
use expertpool_records::{Date, PublicInstance};
pub use expertpool_testkit::copy_dir;
use std::path::{Path, PathBuf};

pub const TODAY: Date = Date(jiff::civil::date(2026, 11, 23));

pub fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/instance")
}

/// A throw-away copy of the fixture instance.
pub fn copy_fixture() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("instance");
    copy_dir(&fixture(), &root);
    (dir, root)
}

/// The fixture without any expert or person: an empty pool with the same policy.
pub fn empty_copy() -> (tempfile::TempDir, PathBuf) {
    let (dir, root) = copy_fixture();
    for sub in ["pools/zhineng/experts", "private/experts"] {
        for entry in std::fs::read_dir(root.join(sub)).unwrap() {
            std::fs::remove_file(entry.unwrap().path()).unwrap();
        }
    }
    for entry in std::fs::read_dir(root.join("notices")).unwrap() {
        std::fs::remove_file(entry.unwrap().path()).unwrap();
    }
    (dir, root)
}

pub fn load(root: &Path) -> (PublicInstance, PrivateData) {
    let public = load_public(root);
    assert!(public.diagnostics.is_empty(), "{:?}", public.diagnostics.iter().map(|d| d.render()).collect::<Vec<_>>());
    let private = load_private(root);
    assert!(private.diagnostics.is_empty(), "{:?}", private.diagnostics.iter().map(|d| d.render()).collect::<Vec<_>>());
    (public.value.unwrap(), private.value.unwrap())
}

/// An obviously made-up ID number (region 449905) with a correct check digit. Odd
/// `seq` is a man, even a woman.
pub fn synthetic_id(birth: &str, seq: u16) -> String {
    let first17 = format!("449905{birth}{seq:03}");
    let bytes: [u8; 17] = first17.as_bytes().try_into().unwrap();
    format!("{first17}{}", resident_id_check_char(&bytes))
}

/// The same number with a wrong check digit, and the digit that would be right.
pub fn wrong_check_digit(birth: &str, seq: u16) -> (String, char, char) {
    let good = synthetic_id(birth, seq);
    let right = good.chars().last().unwrap();
    let wrong = if right == '0' { '1' } else { '0' };
    (format!("{}{wrong}", &good[..17]), right, wrong)
}
