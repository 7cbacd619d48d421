//! The data of an expertpool instance: loading TOML with spans, the record model, the
//! validation rules, eligibility, the working-day calendar and the public projection.
//!
//! This crate knows nothing of personal data: [`load::load_public`] never opens the
//! `private/` folder and yields a [`PublicInstance`]. The private record, its loader and
//! the rules joining both halves are the `expertpool-private` crate, which depends on
//! this one and which the public site never depends on. The private rules reach the
//! public ones only through [`validate::Births`].
//!
//! [`layout`] is the one home of the instance's folder layout. Modules are public where
//! another crate uses them; the items inside are `pub(crate)` unless another crate does.

#![warn(missing_docs)]

pub mod annex2;
pub mod calendar;
pub mod checksum;
pub mod confine;
pub mod demo;
pub mod diagnostic;
pub mod eligibility;
pub mod fast_toml;
pub mod fsio;
pub mod gate;
pub mod history;
mod instance;
pub mod layout;
pub mod load;
pub mod lookup;
pub mod model;
pub mod names;
pub mod public;
pub mod skeleton;
pub mod source;
mod spans;
pub mod status;
pub mod validate;

pub use diagnostic::{Code, Diagnostic, Severity};
pub use instance::{Doc, Loaded, Pool, PublicInstance};
pub use model::Date;
