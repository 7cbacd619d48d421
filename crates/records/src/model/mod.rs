//! The record model: one type per file kind of an instance.

pub mod calendar;
pub mod date;
pub mod documents;
pub mod expert;
pub mod levels;
pub mod pool;
pub mod site;
pub mod specialty;

pub use calendar::*;
pub use date::{Date, MAX_YEAR, MIN_YEAR};
pub(crate) use date::{is_date_message, is_year_range_message};
pub use documents::*;
pub use expert::*;
pub use levels::*;
pub use pool::*;
pub use site::*;
pub use specialty::*;
