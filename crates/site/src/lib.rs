//! The public site of an expertpool instance: records in, a static site out.
//!
//! The pipeline is `load` → `validate` → project → render in parallel → write atomically:
//!
//! - [`load_instance`] reads the public half only ([`expertpool_records::load::load_public_with`])
//!   and validates it. Personal data lives in the `expertpool-private` crate, which this
//!   crate does not depend on in any build, so it cannot name a private record, let alone
//!   print one (see [the proof below](#personal-data-cannot-be-named)).
//! - [`render_site`] turns the instance into an in-memory [`SiteFiles`]:
//!   one entry per output file (HTML pages, search index, Atom feed, sitemap, iCalendar,
//!   annexes, static assets). Experts are rendered only through
//!   [`expertpool_records::public::PublicExpert`].
//! - [`replace_dir`] puts those files on disk so that a reader never sees half a site,
//!   keeping the files whose bytes did not change.
//! - [`serve`] keeps a site in memory, rebuilds it on change and serves it with live reload.
//!
//! [`build`] strings the first three together for `expertpool build`.
//!
//! # Personal data cannot be named
//!
//! Code in this crate that reaches for a private record does not compile:
//!
//! ```compile_fail,E0432
//! use expertpool_private::PrivateRecord as Record;
//! fn shown(record: &Record) -> &str {
//!     &record.id
//! }
//! ```
//!
//! The same code over a public record compiles, so the import alone is what fails:
//!
//! ```
//! use expertpool_records::model::ExpertRecord as Record;
//! fn shown(record: &Record) -> &str {
//!     &record.id
//! }
//! ```

#![warn(missing_docs)]

pub mod annex;
pub mod annex_docx;
mod context;
mod draw_labels;
mod draw_proofs;
mod draws;
mod error;
mod escape;
mod feeds;
mod incremental;
mod initials;
mod load;
mod markdown;
mod memo;
mod outputs;
mod qr;
mod render;
mod search;
pub mod serve;
mod statements;
mod templates;
mod urls;
mod views;
mod write;

pub use error::BuildError;
pub use incremental::Builder;
pub use load::{LoadedInstance, load_instance};
pub use render::{Sink, SiteFiles, render_site};
pub use templates::Templates;
pub use write::{DirSink, MARKER, Replaced, Swap, replace_dir};

use expertpool_records::Date;

/// The draw protocol's specification, published as a page of every site with draws.
pub(crate) const PROTOCOL_SPEC: &str = include_str!("../../../docs/draw-protocol.md");
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// What a build reads: the instance and the templates, and the day it is built for.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The instance folder (`content/`).
    pub content: PathBuf,
    /// The default templates (`site-templates/`); `None` uses the copy compiled into the binary.
    pub templates: Option<PathBuf>,
    /// The date statuses are computed for (the bureau's civil date).
    pub today: Date,
}

/// What a finished build reports.
#[derive(Debug, Clone)]
pub struct BuildReport {
    /// Files of the new site: `written + unchanged`.
    pub files: usize,
    /// Files written with new bytes.
    pub written: usize,
    /// Files whose bytes were the same as in the previous output: kept (hard-linked), not
    /// written, so they keep their inode and modification time.
    pub unchanged: usize,
    /// Bytes of the new site.
    pub bytes: usize,
    /// Expert records in the instance.
    pub experts: usize,
    /// How the new site replaced the previous one.
    pub swap: Swap,
    /// Warnings from validation, already rendered like `check` prints them, and any trouble
    /// removing the previous site after the new one was in place.
    pub warnings: Vec<String>,
    /// Reading and validating the instance.
    pub load_time: Duration,
    /// Rendering and writing (or linking) the files, which overlap.
    pub render_time: Duration,
    /// Swapping the new site in and removing the previous one.
    pub write_time: Duration,
}

/// Builds the site of `options.content` into `out`, replacing `out` as a whole.
pub fn build(options: &BuildOptions, out: &Path) -> Result<BuildReport, BuildError> {
    let started = Instant::now();
    let loaded = load_instance(&options.content, options.today)?;
    let load_time = started.elapsed();

    // Pages go to disk as they are rendered, in parallel, so rendering and writing overlap
    // and the site is never held in memory as a whole.
    let started = Instant::now();
    let templates = Templates::load(options.templates.as_deref(), &options.content)?;
    let mut rendered = started;
    let replaced = replace_dir(out, |sink| {
        let result = render::render_into(&loaded.instance, &templates, options.today, None, None, sink);
        rendered = Instant::now();
        result
    })?;
    let render_time = rendered - started;
    let write_time = rendered.elapsed();

    let mut warnings: Vec<String> = loaded.warnings.iter().map(|d| d.render()).collect();
    warnings.extend(replaced.leftover);
    Ok(BuildReport {
        files: replaced.written + replaced.unchanged,
        written: replaced.written,
        unchanged: replaced.unchanged,
        bytes: replaced.bytes,
        experts: loaded.instance.experts().count(),
        swap: replaced.swap,
        warnings,
        load_time,
        render_time,
        write_time,
    })
}
