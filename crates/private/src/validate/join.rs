//! Rules joining each expert's public record with the private record of its person.

use super::Context;
use crate::data::PrivateData;
use expertpool_i18n::t;
use expertpool_records::checksum::parse_resident_id;
use expertpool_records::diagnostic::{Code, Diagnostic};
use expertpool_records::layout;
use expertpool_records::model::Gender;
use rayon::prelude::*;

/// Every expert points at a person with a private record, and the ID number's gender
/// agrees with the public record's.
pub(super) fn check_experts_have_people(cx: &Context, private: &PrivateData, out: &mut Vec<Diagnostic>) {
    let found: Vec<Diagnostic> = cx
        .instance
        .pools
        .par_iter()
        .flat_map(|pool| pool.experts.par_iter())
        .flat_map_iter(|e| {
            let mut found = Vec::new();
            match private.person(&e.person) {
                None if private.unparsed.contains(&e.person) => {}
                None => found.push(
                    Diagnostic::error(
                        Code::UnknownReference,
                        &e.file,
                        "person",
                        t!("records-no-private-record", path = layout::person(&e.person).display()),
                    )
                    .with_help(t!("records-no-private-record-help")),
                ),
                Some(person) => {
                    if let Ok(id) = parse_resident_id(&person.id_number) {
                        if id.gender != e.gender {
                            found.push(
                                Diagnostic::error(
                                    Code::Gender,
                                    &e.file,
                                    "gender",
                                    if id.gender == Gender::Male {
                                        t!("records-gender-id-male", gender = e.gender, person = e.person)
                                    } else {
                                        t!("records-gender-id-female", gender = e.gender, person = e.person)
                                    },
                                )
                                .with_help(t!("records-gender-id-help")),
                            );
                        }
                    }
                }
            }
            found
        })
        .collect();
    out.extend(found);
}
