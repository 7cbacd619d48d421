//! The journal parser the draw service runs on start-up (`journal::parse`): every line an
//! entry, chained, in time order, each payload matching its seal.

use std::path::Path;

/// Arbitrary bytes as `journal.jsonl`. Properties: no panic; the valid prefix it reports
/// lies within the input and ends at a line break, and what it accepted builds a log.
pub fn journal(data: &[u8]) {
    if data.len() > crate::MAX_INPUT {
        return;
    }
    let Ok((entries, valid, torn)) = expertpool_drawd::fuzzing::parse_journal(data, Path::new("journal.jsonl")) else {
        return;
    };
    assert!(valid <= data.len(), "the valid prefix ({valid} bytes) is longer than the journal");
    assert!(valid == 0 || data[valid - 1] == b'\n', "the valid prefix does not end at a line break");
    assert_eq!(torn.is_some(), valid < data.len(), "a torn tail is reported exactly when bytes are left over");
    let _ = expertpool_draw::Log::from_entries(entries);
}
