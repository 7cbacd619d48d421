//! Reading the personal data: the only code that opens the `private/` folder.

use crate::data::PrivateData;
use crate::model::PrivateRecord;
use expertpool_records::confine::Confinement;
use expertpool_records::layout;
use expertpool_records::load::{Folder, Loading, load_folder};
use expertpool_records::source::KeepText;
use std::path::Path;

/// Loads the personal data in `private/experts/` of the instance at `root`.
pub fn load_private(root: &Path) -> Loading<PrivateData> {
    load_private_with(root, KeepText::Always)
}

/// [`load_private`], keeping the text of the records as `keep` says.
pub fn load_private_with(root: &Path, keep: KeepText) -> Loading<PrivateData> {
    let mut diagnostics = Vec::new();
    let Folder { records: mut people, unparsed } =
        load_folder::<PrivateRecord>(&Confinement::new(root), &root.join(layout::people_dir()), keep, &mut diagnostics);
    people.sort_by(|a, b| a.id.cmp(&b.id));
    Loading { value: Some(PrivateData { people, unparsed }), diagnostics }
}
