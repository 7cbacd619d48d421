//! The personal data of an expertpool instance (`private/experts/<person>.toml`): the
//! private record, its loader, the rules that join it to the public records, and the
//! synthesizer that writes both halves of a fictional instance.
//!
//! This is a crate of its own, not a feature of `expertpool-records`, because Cargo unifies
//! features: with a feature, any build that also compiled the check or the draw service
//! handed the site crate the private types too. As a crate, the public site cannot name a
//! private field in any build: `expertpool-site` does not depend on this crate, which
//! `scripts/test.sh` checks with `cargo tree`, and a `compile_fail` example in the site's
//! crate docs shows.
//!
//! Only `check`, the draw service and staff tools depend on it. Reading a whole instance:
//!
//! ```no_run
//! use expertpool_private::{load_private, validate};
//! use expertpool_records::Date;
//! use expertpool_records::load::load_public;
//! use std::path::Path;
//!
//! let root = Path::new("content");
//! let public = load_public(root);
//! let private = load_private(root);
//! if let Some(instance) = &public.value {
//!     let diagnostics = validate(instance, private.value.as_ref(), Date::ymd(2026, 11, 23));
//!     println!("{} problems", diagnostics.len());
//! }
//! ```

#![warn(missing_docs)]

mod data;
mod load;
mod model;
pub mod synth;
mod validate;

pub use data::PrivateData;
pub use load::{load_private, load_private_with};
pub use model::{Achievement, Collaboration, Declaration, EducationRecord, Employment, PrivateRecord};
pub use validate::{is_email, is_mobile, validate};
