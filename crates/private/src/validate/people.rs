//! Rules for the private records: identity numbers, contact details, history.

use super::{Context, stem};
use crate::data::PrivateData;
use crate::model::PrivateRecord;
use expertpool_i18n::t;
use expertpool_records::Loaded;
use expertpool_records::checksum::{ResidentIdError, parse_resident_id, validate_credit_code};
use expertpool_records::diagnostic::{Code, Diagnostic};
use foldhash::HashMapExt;
use rayon::prelude::*;
use std::borrow::Cow;

pub(super) fn check_people(cx: &Context, private: &PrivateData, out: &mut Vec<Diagnostic>) {
    let referenced: foldhash::HashSet<&str> = cx.instance.experts().map(|(_, e)| e.person.as_str()).collect();
    // An expert file or a pool.toml that did not parse may be the one pointing at a person,
    // so nobody is called unreferenced then.
    let any_unparsed =
        !cx.instance.unloaded_pools.is_empty() || cx.instance.pools.iter().any(|p| !p.unparsed.is_empty());
    let per_person: Vec<Diagnostic> = private
        .people
        .par_iter()
        .flat_map_iter(|person| {
            let mut found = Vec::new();
            check_person(cx, person, &mut found);
            if !referenced.contains(person.id.as_str()) && !any_unparsed {
                found.push(
                    Diagnostic::warning(Code::UnknownReference, &person.file, "id", t!("records-person-unreferenced"))
                        .with_help(t!("records-person-unreferenced-help")),
                );
            }
            found
        })
        .collect();
    out.extend(per_person);
    check_shared_numbers(private, out);
}

/// One person has one private record, however many pools they serve in.
fn check_shared_numbers(private: &PrivateData, out: &mut Vec<Diagnostic>) {
    let mut by_number: foldhash::HashMap<Cow<str>, &str> = foldhash::HashMap::with_capacity(private.people.len());
    for person in &private.people {
        let number = &person.id_number;
        let normalised = if number.bytes().any(|b| b.is_ascii_lowercase()) {
            Cow::Owned(number.to_ascii_uppercase())
        } else {
            Cow::Borrowed(number.as_str())
        };
        if let Some(first) = by_number.insert(normalised, &person.id) {
            out.push(
                Diagnostic::error(
                    Code::SharedIdNumber,
                    &person.file,
                    "id_number",
                    t!("records-shared-id-number", first = first),
                )
                .with_help(t!("records-shared-id-number-help", first = first)),
            );
        }
    }
}

/// The rules about one private record alone.
fn check_person(cx: &Context, person: &Loaded<PrivateRecord>, out: &mut Vec<Diagnostic>) {
    let file = &person.file;
    let stem = stem(file);
    if person.id != stem {
        out.push(Diagnostic::error(
            Code::BadValue,
            file,
            "id",
            t!("records-id-not-file-name", id = person.id, stem = stem),
        ));
    }
    match parse_resident_id(&person.id_number) {
        Ok(id) => {
            if let Some(written) = person.birth_date {
                if written != id.birth_date {
                    out.push(
                        Diagnostic::error(
                            Code::BirthDate,
                            file,
                            "birth_date",
                            t!("records-birth-date-mismatch", written = written, from_id = id.birth_date),
                        )
                        .with_help(t!("records-birth-date-mismatch-help")),
                    );
                }
            }
            if id.birth_date > cx.today {
                out.push(Diagnostic::error(
                    Code::BirthDate,
                    file,
                    "id_number",
                    t!("records-birth-date-future", date = id.birth_date),
                ));
            }
        }
        Err(err) => {
            let code = if matches!(err, ResidentIdError::BirthDate(_)) { Code::BirthDate } else { Code::IdNumber };
            out.push(
                Diagnostic::error(code, file, "id_number", err.to_string()).with_help(t!("records-id-number-help")),
            );
        }
    }
    if !is_mobile(&person.mobile) {
        out.push(Diagnostic::error(Code::BadValue, file, "mobile", t!("records-bad-mobile", mobile = person.mobile)));
    }
    if let Some(email) = &person.email {
        if !is_email(email) {
            out.push(Diagnostic::error(Code::BadValue, file, "email", t!("records-bad-email", email = email)));
        }
    }
    for (i, job) in person.employment.iter().enumerate() {
        if job.to.is_some_and(|to| to < job.from) {
            out.push(Diagnostic::error(
                Code::DateOrder,
                file,
                &format!("employment[{i}].to"),
                t!("records-employment-ends-before-start"),
            ));
        }
    }
    let employers = person.employment.iter().enumerate().map(|(i, job)| ("employment", i, &job.credit_code));
    let declared = person.declarations.iter().enumerate().map(|(i, decl)| ("declarations", i, &decl.credit_code));
    for (list, i, code) in employers.chain(declared) {
        let Some(code) = code else { continue };
        if let Err(err) = validate_credit_code(code) {
            let field = format!("{list}[{i}].credit_code");
            out.push(Diagnostic::error(Code::CreditCode, file, &field, err.to_string()));
        }
    }
}

/// An 11-digit mainland mobile number.
pub fn is_mobile(text: &str) -> bool {
    text.len() == 11 && text.starts_with('1') && text.bytes().all(|b| b.is_ascii_digit())
}

/// An e-mail address of a plausible shape.
pub fn is_email(text: &str) -> bool {
    match text.split_once('@') {
        Some((user, domain)) => {
            !user.is_empty() && domain.contains('.') && !domain.starts_with('.') && !text.contains(char::is_whitespace)
        }
        None => false,
    }
}
