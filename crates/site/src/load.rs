//! Reading the public half of an instance and deciding whether it can be published.

use crate::BuildError;
use expertpool_records::diagnostic::Severity;
use expertpool_records::load::load_public_with;
use expertpool_records::source::KeepText;
use expertpool_records::validate::validate_public;
use expertpool_records::{Date, Diagnostic, PublicInstance};
use std::path::Path;

/// An instance fit to publish, with the warnings found on the way.
pub struct LoadedInstance {
    /// The public half of the instance, valid.
    pub instance: PublicInstance,
    /// Validation warnings (errors stop the build instead).
    pub warnings: Vec<Diagnostic>,
}

/// Loads `content` (never its `private/` folder) and validates it as of `today`.
/// Any error-level diagnostic stops the build: a site is never published from records
/// that `check` rejects.
pub fn load_instance(content: &Path, today: Date) -> Result<LoadedInstance, BuildError> {
    // A one-off build never compares a record's text with a later save (`serve` does), so
    // the text of clean records stays on disk: 160 MB less at 100,000 experts.
    let loading = load_public_with(content, KeepText::OnlyBroken);
    let mut diagnostics = loading.diagnostics;
    let Some(instance) = loading.value else {
        diagnostics.retain(Diagnostic::is_error);
        return Err(BuildError::Records(diagnostics));
    };
    diagnostics.extend(validate_public(&instance, today));
    accept(instance, diagnostics).map_err(|rejected| rejected.1)
}

/// Splits diagnostics into errors (which stop the build) and warnings; on errors the
/// instance is handed back with them, for callers that keep it (`serve`).
pub(crate) fn accept(
    instance: PublicInstance,
    mut diagnostics: Vec<Diagnostic>,
) -> Result<LoadedInstance, Box<(PublicInstance, BuildError)>> {
    expertpool_records::validate::sort(&mut diagnostics);
    let errors: Vec<Diagnostic> = diagnostics.iter().filter(|d| d.is_error()).cloned().collect();
    if !errors.is_empty() {
        return Err(Box::new((instance, BuildError::Records(errors))));
    }
    diagnostics.retain(|d| d.severity == Severity::Warning);
    Ok(LoadedInstance { instance, warnings: diagnostics })
}
