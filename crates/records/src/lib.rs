//! The data of an expertpool instance: loading TOML with spans, the record model, the
//! validation rules, eligibility, the working-day calendar and the public projection.
//!
//! Reading is split by what a caller may see: [`load::load_public`] never opens the
//! `private/` folder and yields a [`PublicInstance`]; only [`load::load_private`] reads
//! personal data, for `check`, staff tools and the draw service.

pub mod calendar;
pub mod checksum;
pub mod diagnostic;
pub mod eligibility;
pub mod fast_toml;
pub mod fsio;
pub mod history;
pub mod instance;
pub mod layout;
pub mod load;
pub mod model;
pub mod public;
pub mod source;
pub mod spans;
pub mod status;
pub mod validate;

pub use diagnostic::{Code, Diagnostic, Severity};
pub use instance::*;
pub use model::Date;
