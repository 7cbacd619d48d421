//! The loaded personal data of an instance, and what the public rules may learn from it.

use crate::model::PrivateRecord;
use expertpool_records::Loaded;
use expertpool_records::checksum::parse_resident_id;
use expertpool_records::model::Date;
use expertpool_records::validate::Births;
use std::collections::BTreeSet;

/// The personal data of an instance (`private/experts/*.toml`), sorted by person id.
#[derive(Debug, Clone, Default)]
pub struct PrivateData {
    /// The private records that parsed, sorted by id.
    pub people: Vec<Loaded<PrivateRecord>>,
    /// Person ids (file stems) whose files did not parse.
    pub unparsed: BTreeSet<String>,
}

impl PrivateData {
    /// The private record of person `id`.
    pub fn person(&self, id: &str) -> Option<&Loaded<PrivateRecord>> {
        self.people.binary_search_by(|p| p.id.as_str().cmp(id)).ok().map(|i| &self.people[i])
    }
}

/// The birth date the age rules use is the one in the ID number, which the rules check
/// against the written `birth_date`.
impl Births for PrivateData {
    fn birth_date(&self, person: &str) -> Option<Date> {
        let record = self.person(person)?;
        parse_resident_id(&record.id_number).ok().map(|id| id.birth_date)
    }
}
