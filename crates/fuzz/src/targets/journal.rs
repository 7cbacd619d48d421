//! The journal replay the draw service runs on start-up (`journal::replay`): every line an
//! entry, chained, in time order, each payload matching its seal, every protocol rule.

/// Arbitrary bytes as `journal.jsonl`, replayed as start-up does. Properties: no panic;
/// the valid prefix it reports lies within the input and ends at a line break, and a torn
/// tail is reported exactly when bytes are left over.
pub fn journal(data: &[u8]) {
    if data.len() > crate::MAX_INPUT {
        return;
    }
    let Ok(dir) = tempfile::tempdir() else { return };
    if std::fs::write(dir.path().join("journal.jsonl"), data).is_err() {
        return;
    }
    let Ok((_entries, valid, torn)) = expertpool_drawd::fuzzing::replay_journal(dir.path()) else {
        return;
    };
    let valid = valid as usize;
    assert!(valid <= data.len(), "the valid prefix ({valid} bytes) is longer than the journal");
    assert!(valid == 0 || data[valid - 1] == b'\n', "the valid prefix does not end at a line break");
    assert_eq!(torn.is_some(), valid < data.len(), "a torn tail is reported exactly when bytes are left over");
}
