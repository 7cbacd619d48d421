//! The rules that need personal data: each private record alone (identity numbers, contact
//! details, history), and the join of the two halves (every expert has a person, the ID
//! number agrees with the public gender, and the age rules see the real birth date). Pure
//! functions over loaded data, like the public rules they run alongside.

mod join;
mod people;

use crate::data::PrivateData;
use expertpool_records::model::Date;
use expertpool_records::validate::{sort, validate_public, validate_with_births};
use expertpool_records::{Diagnostic, PublicInstance};

/// What the private rules read besides the records.
pub use people::{is_email, is_mobile};

struct Context<'a> {
    instance: &'a PublicInstance,
    today: Date,
}

/// Runs every rule, joining the private half when given, sorted by file and position.
pub fn validate(instance: &PublicInstance, private: Option<&PrivateData>, today: Date) -> Vec<Diagnostic> {
    let Some(private) = private else {
        return validate_public(instance, today);
    };
    let cx = Context { instance, today };
    // The public rules and the private ones are independent; both are parallel inside, and
    // joining them keeps both cores busy during the serial parts.
    let (mut out, private) = rayon::join(
        || validate_with_births(instance, private, today),
        || {
            let mut out = Vec::new();
            join::check_experts_have_people(&cx, private, &mut out);
            people::check_people(&cx, private, &mut out);
            out
        },
    );
    out.extend(private);
    sort(&mut out);
    out
}

/// The file stem of a loaded file, which must equal the record's id.
fn stem(file: &expertpool_records::source::SourceFile) -> String {
    file.path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
}
