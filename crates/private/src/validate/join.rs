//! Rules joining each expert's public record with the private record of its person.

use super::Context;
use crate::data::PrivateData;
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
                        format!("no private record `{}`", layout::person(&e.person).display()),
                    )
                    .with_help("create the private record or correct the person id"),
                ),
                Some(person) => {
                    if let Ok(id) = parse_resident_id(&person.id_number) {
                        if id.gender != e.gender {
                            found.push(
                                Diagnostic::error(
                                    Code::Gender,
                                    &e.file,
                                    "gender",
                                    format!(
                                        "is {} but the ID number of `{}` is a {}'s",
                                        e.gender,
                                        e.person,
                                        if id.gender == Gender::Male { "man" } else { "woman" }
                                    ),
                                )
                                .with_help(
                                    "correct the gender or the ID number (its 17th digit is odd for men, even for women)",
                                ),
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
