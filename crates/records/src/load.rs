//! Reading an instance from disk. Every file is parsed independently (in parallel), and a
//! broken file becomes a diagnostic rather than stopping the run, so one `check` reports
//! every problem. Only `site.toml` and `specialties.toml` are needed to go on at all.

use crate::calendar::Calendar;
use crate::confine::Confinement;
use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::instance::*;
use crate::layout;
use crate::model::*;
use crate::source::{KeepText, SourceFile, split_front_matter};
use crate::spans;
use rayon::prelude::*;
use serde::de::DeserializeOwned;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The outcome of loading: what could be read, and what was wrong.
pub struct Loading<T> {
    /// `None` when a file the rest depends on (`site.toml`, `specialties.toml`) is unusable.
    pub value: Option<T>,
    /// Everything that was wrong, one diagnostic per problem.
    pub diagnostics: Vec<Diagnostic>,
}

/// Loads everything but `private/`. This function never opens the private folder.
pub fn load_public(root: &Path) -> Loading<PublicInstance> {
    load_public_with(root, KeepText::Always)
}

/// [`load_public`], keeping the text of expert records as `keep` says.
pub fn load_public_with(root: &Path, keep: KeepText) -> Loading<PublicInstance> {
    let mut diagnostics = Vec::new();
    let confine = Confinement::new(root);
    let site = read_toml::<SiteConfig>(&confine, &root.join(layout::site()), &mut diagnostics);
    let specialties = read_toml::<SpecialtyFile>(&confine, &root.join(layout::specialties()), &mut diagnostics);

    let calendar = load_calendar(&confine, root, &mut diagnostics);

    let mut pools = Vec::new();
    let mut unloaded_pools = BTreeSet::new();
    for pool_dir in list_dirs(&confine, &root.join(layout::pools_dir()), &mut diagnostics) {
        let Some(policy) = read_toml::<PoolPolicy>(&confine, &layout::policy_in(&pool_dir), &mut diagnostics) else {
            unloaded_pools.extend(pool_dir.file_name().map(|n| n.to_string_lossy().into_owned()));
            continue;
        };
        let Folder { mut records, unparsed } =
            load_folder(&confine, &layout::experts_in(&pool_dir), keep, &mut diagnostics);
        records.sort_by(|a: &Loaded<ExpertRecord>, b| a.id.cmp(&b.id));
        pools.push(Pool { policy, experts: records, unparsed });
    }
    pools.sort_by(|a, b| a.id().cmp(b.id()));

    let docs = |folder: PathBuf, diagnostics: &mut Vec<Diagnostic>| {
        list(&confine, &root.join(folder), layout::DOC_EXT, diagnostics)
    };
    let notices = read_docs::<NoticeMeta>(&docs(layout::notices_dir(), &mut diagnostics), &mut diagnostics);
    let calls = read_docs::<CallMeta>(&docs(layout::calls_dir(), &mut diagnostics), &mut diagnostics);
    let pages = read_docs::<PageMeta>(&docs(layout::pages_dir(), &mut diagnostics), &mut diagnostics);

    let value = match (site, specialties) {
        (Some(site), Some(specialties)) => Some(PublicInstance {
            root: root.to_path_buf(),
            site,
            specialties,
            calendar,
            pools,
            unloaded_pools,
            notices,
            calls,
            pages,
        }),
        _ => None,
    };
    Loading { value, diagnostics }
}

/// The working-day calendar from `calendar/`: only the schedule files that parse and pass
/// [`crate::calendar::check_schedule`] are used; the years of the others are known as
/// refused, so questions about them ask for the file to be corrected, not added.
fn load_calendar(confine: &Confinement, root: &Path, diagnostics: &mut Vec<Diagnostic>) -> Calendar {
    let Folder { records, unparsed } =
        load_folder::<CalendarYear>(confine, &root.join(layout::calendar_dir()), KeepText::Always, diagnostics);
    let (usable, refused): (Vec<_>, Vec<_>) = records.into_iter().partition(|file| {
        let problems = crate::calendar::check_schedule(file);
        let usable = problems.is_empty();
        diagnostics.extend(problems);
        usable
    });
    let refused_stems = refused.iter().filter_map(|f| f.file.path.file_stem()?.to_str().map(str::to_string));
    let refused_years: Vec<i16> = refused_stems.chain(unparsed).filter_map(|stem| stem.parse().ok()).collect();
    Calendar::from_years(usable.iter().map(|f| &f.value)).with_rejected(refused_years)
}

/// The records of one folder, in file-name order, and the stems of the files that did not parse.
pub struct Folder<T> {
    /// The records that parsed, each with its file.
    pub records: Vec<Loaded<T>>,
    /// File stems of the files that did not parse (each has a diagnostic). References to
    /// them are not reported again: the parse error already names the real problem.
    pub unparsed: BTreeSet<String>,
}

/// Reads every `*.toml` directly in `folder` in parallel; a missing folder is empty, and a
/// file that does not parse becomes a diagnostic. Nothing outside `confine`'s instance is read.
pub fn load_folder<T>(
    confine: &Confinement,
    folder: &Path,
    keep: KeepText,
    diagnostics: &mut Vec<Diagnostic>,
) -> Folder<T>
where
    T: DeserializeOwned + Send,
{
    let listing = list(confine, folder, layout::RECORD_EXT, diagnostics);
    let records: Vec<Loaded<T>> = read_all(&listing, keep, diagnostics);
    let unparsed = unparsed_stems(&listing.paths, records.iter().map(|r| r.file.path.as_path()));
    Folder { records, unparsed }
}

/// File stems of `paths` that are not among the parsed files.
fn unparsed_stems<'a>(paths: &[PathBuf], parsed: impl ExactSizeIterator<Item = &'a Path>) -> BTreeSet<String> {
    // The usual case, every file parsed, needs no set of ten thousand paths.
    if parsed.len() == paths.len() {
        return Default::default();
    }
    let parsed: std::collections::HashSet<&Path> = parsed.collect();
    paths
        .iter()
        .filter(|p| !parsed.contains(p.as_path()))
        .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .collect()
}

/// The files with one extension directly in one folder, sorted by name.
struct Listing {
    folder: PathBuf,
    names: Vec<std::ffi::OsString>,
    paths: Vec<PathBuf>,
}

/// Files with extension `ext` directly in `folder`; a missing folder is empty. A folder or a
/// file whose link leads out of the instance is left out, with a diagnostic.
fn list(confine: &Confinement, folder: &Path, ext: &str, diagnostics: &mut Vec<Diagnostic>) -> Listing {
    let folder = folder.to_path_buf();
    if let Err(d) = confine.check(&folder) {
        diagnostics.push(d);
        return Listing { folder, names: Vec::new(), paths: Vec::new() };
    }
    let entries = match std::fs::read_dir(&folder) {
        Ok(entries) => entries,
        Err(e) => {
            if e.kind() != std::io::ErrorKind::NotFound {
                diagnostics.push(Diagnostic::file_error(
                    Code::Io,
                    &folder,
                    expertpool_i18n::t!("records-cannot-list-folder", error = e),
                ));
            }
            return Listing { folder, names: Vec::new(), paths: Vec::new() };
        }
    };
    let suffix = format!(".{ext}");
    // The entry's own name and type need no system call or path parsing per file (unlike
    // `Path::is_file` and `Path::extension`), which shows with tens of thousands of records;
    // symbolic links are still followed.
    let mut names: Vec<std::ffi::OsString> = entries
        .filter_map(|e| e.ok())
        .filter(|e| {
            let name = e.file_name();
            name.len() > suffix.len() && name.as_encoded_bytes().ends_with(suffix.as_bytes())
        })
        .filter(|e| match e.file_type() {
            Ok(t) if t.is_symlink() => match confine.check_entry(&e.path(), true) {
                Ok(()) => e.path().is_file(),
                Err(d) => {
                    diagnostics.push(d);
                    false
                }
            },
            Ok(t) => t.is_file(),
            Err(_) => false,
        })
        .map(|e| e.file_name())
        .collect();
    names.sort_unstable();
    let paths = names.iter().map(|name| folder.join(name)).collect();
    Listing { folder, names, paths }
}

fn list_dirs(confine: &Confinement, dir: &Path, diagnostics: &mut Vec<Diagnostic>) -> Vec<PathBuf> {
    if let Err(d) = confine.check(dir) {
        diagnostics.push(d);
        return Vec::new();
    }
    match std::fs::read_dir(dir) {
        Ok(entries) => {
            let mut dirs: Vec<PathBuf> = entries
                .filter_map(|e| e.ok())
                .filter(|e| {
                    let link = e.file_type().is_ok_and(|t| t.is_symlink());
                    match confine.check_entry(&e.path(), link) {
                        Ok(()) => e.path().is_dir(),
                        Err(d) => {
                            diagnostics.push(d);
                            false
                        }
                    }
                })
                .map(|e| e.path())
                .collect();
            dirs.sort();
            dirs
        }
        Err(e) => {
            diagnostics.push(
                Diagnostic::file_error(Code::Io, dir, expertpool_i18n::t!("records-cannot-list-folder", error = e))
                    .with_help(expertpool_i18n::t!(
                        "records-pools-folder-help",
                        path = layout::pool_policy("<pool>").display()
                    )),
            );
            Vec::new()
        }
    }
}

fn read_file(path: &Path) -> Result<SourceFile, Diagnostic> {
    text_of(path, std::fs::File::open(path).and_then(|file| with_contents(file, <[u8]>::to_vec)))
}

/// The largest record or document file an instance may hold, in bytes (1 MiB: about
/// 330,000 Chinese characters, many times the longest policy document). Every field and
/// every published page is bounded by it; a larger file is an error, so a pasted 50 MB
/// text never becomes a 52 MB page.
pub const MAX_FILE_BYTES: usize = 1 << 20;

/// The source file read from `path`, or why it cannot be.
fn text_of(path: &Path, bytes: std::io::Result<Vec<u8>>) -> Result<SourceFile, Diagnostic> {
    let bytes = bytes.map_err(|e| {
        Diagnostic::file_error(Code::Io, path, expertpool_i18n::t!("records-cannot-read-file", error = e))
    })?;
    if bytes.len() > MAX_FILE_BYTES {
        return Err(too_large(path, bytes.len()));
    }
    // The validation in `String::from_utf8` goes character by character through Chinese
    // text; checking with SIMD first and converting without a second pass is several times
    // faster over 26 MB of records.
    match simdutf8::basic::from_utf8(&bytes) {
        // SAFETY: `simdutf8` has just checked that `bytes` is valid UTF-8.
        Ok(_) => Ok(SourceFile::new(path, unsafe { String::from_utf8_unchecked(bytes) })),
        Err(_) => Err(Diagnostic::file_error(Code::Io, path, expertpool_i18n::t!("records-not-utf8"))
            .with_help(expertpool_i18n::t!("records-not-utf8-help"))),
    }
}

fn too_large(path: &Path, len: usize) -> Diagnostic {
    let mb = |n: usize| format!("{:.1} MB", n as f64 / (1024.0 * 1024.0));
    Diagnostic::file_error(
        Code::BadValue,
        path,
        format!("文件大小为 {}，超过单个文件 {} 的上限，不能发布", mb(len), mb(MAX_FILE_BYTES)),
    )
    .with_help("检查是否误粘贴了大段内容；过长的正文请拆成几个页面，表格、扫描件等请作为附件提供（上限见 docs/content-format.md）")
}

/// Reads a whole file into a per-thread buffer and hands its bytes to `use_bytes`. Records
/// are small and many: this skips the size query `std::fs::read` makes for every file (a
/// fifth of the system calls of a `check`), and a caller that keeps the text copies it into
/// an allocation of exactly its size.
fn with_contents<R>(mut file: std::fs::File, use_bytes: impl FnOnce(&[u8]) -> R) -> std::io::Result<R> {
    use std::io::Read;
    thread_local! {
        static BUFFER: std::cell::RefCell<Vec<u8>> = std::cell::RefCell::new(vec![0; 64 * 1024]);
    }
    BUFFER.with_borrow_mut(|buffer| {
        let mut filled = 0;
        loop {
            if filled == buffer.len() {
                buffer.resize(buffer.len() * 2, 0);
            }
            match file.read(&mut buffer[filled..]) {
                Ok(0) => return Ok(use_bytes(&buffer[..filled])),
                Ok(n) => filled += n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
    })
}

/// An open folder whose files are opened by name: the kernel then looks up one name per
/// record instead of walking the whole path again, ten thousand times over.
#[cfg(unix)]
struct FolderHandle(Option<std::os::fd::OwnedFd>);

#[cfg(unix)]
impl FolderHandle {
    fn open_folder(folder: &Path) -> FolderHandle {
        use rustix::fs::{Mode, OFlags};
        let flags = OFlags::DIRECTORY | OFlags::RDONLY | OFlags::CLOEXEC;
        FolderHandle(rustix::fs::open(folder, flags, Mode::empty()).ok())
    }

    fn open(&self, name: &std::ffi::OsStr, path: &Path) -> std::io::Result<std::fs::File> {
        use rustix::fs::{Mode, OFlags};
        match &self.0 {
            Some(folder) => Ok(std::fs::File::from(rustix::fs::openat(
                folder,
                name,
                OFlags::RDONLY | OFlags::CLOEXEC,
                Mode::empty(),
            )?)),
            None => std::fs::File::open(path),
        }
    }
}

#[cfg(not(unix))]
struct FolderHandle;

#[cfg(not(unix))]
impl FolderHandle {
    fn open_folder(_: &Path) -> FolderHandle {
        FolderHandle
    }

    fn open(&self, _: &std::ffi::OsStr, path: &Path) -> std::io::Result<std::fs::File> {
        std::fs::File::open(path)
    }
}

fn read_toml<T: DeserializeOwned>(
    confine: &Confinement,
    path: &Path,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Loaded<T>> {
    match confine.check(path).and_then(|()| read_file(path)).and_then(|file| parse_loaded(Arc::new(file))) {
        Ok(loaded) => Some(loaded),
        Err(d) => {
            diagnostics.push(d);
            None
        }
    }
}

fn read_all<T>(listing: &Listing, keep: KeepText, diagnostics: &mut Vec<Diagnostic>) -> Vec<Loaded<T>>
where
    T: DeserializeOwned + Send,
{
    let folder = FolderHandle::open_folder(&listing.folder);
    let results: Vec<Result<Loaded<T>, Diagnostic>> = listing
        .names
        .par_iter()
        .zip(&listing.paths)
        .map(|(name, path)| {
            let contents = folder.open(name, path);
            let kept = |bytes| text_of(path, bytes).and_then(|f| parse_loaded(Arc::new(f)));
            match keep {
                KeepText::Always => kept(contents.and_then(|file| with_contents(file, <[u8]>::to_vec))),
                KeepText::OnlyBroken => {
                    match contents
                        .and_then(|file| with_contents(file, |b| parse_clean(path, b).ok_or_else(|| b.to_vec())))
                    {
                        Ok(Ok(loaded)) => Ok(loaded),
                        // Declined: the bytes already read are kept, to say why.
                        Ok(Err(bytes)) => kept(Ok(bytes)),
                        Err(e) => kept(Err(e)),
                    }
                }
            }
        })
        .collect();
    collect_ok(results, diagnostics)
}

/// The record in `bytes` when it is UTF-8 that the fast parser reads, without keeping its
/// text; `None` sends the file down the path that keeps the text to explain what is wrong.
fn parse_clean<T: DeserializeOwned>(path: &Path, bytes: &[u8]) -> Option<Loaded<T>> {
    if bytes.len() > MAX_FILE_BYTES {
        return None;
    }
    let text = simdutf8::basic::from_utf8(bytes).ok()?;
    let value = crate::fast_toml::from_str::<T>(text)?;
    Some(Loaded { value, file: Arc::new(SourceFile::on_disk(path)) })
}

fn read_docs<M>(listing: &Listing, diagnostics: &mut Vec<Diagnostic>) -> Vec<Doc<M>>
where
    M: DeserializeOwned + Send,
{
    let results: Vec<Result<Doc<M>, Diagnostic>> = listing.paths.par_iter().map(|p| read_doc(p)).collect();
    collect_ok(results, diagnostics)
}

fn collect_ok<T>(results: Vec<Result<T, Diagnostic>>, diagnostics: &mut Vec<Diagnostic>) -> Vec<T> {
    let mut values = Vec::with_capacity(results.len());
    for result in results {
        match result {
            Ok(v) => values.push(v),
            Err(d) => diagnostics.push(d),
        }
    }
    values
}

fn read_doc<M: DeserializeOwned>(path: &Path) -> Result<Doc<M>, Diagnostic> {
    let mut file = read_file(path)?;
    let Some((toml_start, body_start)) = split_front_matter(file.text()) else {
        return Err(Diagnostic::file_error(Code::Syntax, path, "no `+++` front matter at the top of the file")
            .with_help(expertpool_i18n::t!("records-front-matter-help")));
    };
    file.toml_offset = toml_start;
    let body = file.text()[body_start..].to_string();
    let slug = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let file = Arc::new(file);
    let meta = parse_value::<M>(&file)?;
    Ok(Doc { slug, meta, body, file })
}

fn parse_loaded<T: DeserializeOwned>(file: Arc<SourceFile>) -> Result<Loaded<T>, Diagnostic> {
    let value = parse_value::<T>(&file)?;
    Ok(Loaded { value, file })
}

/// Parses the TOML of `file` into `T`, turning a failure into a located diagnostic.
/// The fast path reads clean files; whatever it declines, the `toml` crate reads and explains.
pub fn parse_value<T: DeserializeOwned>(file: &SourceFile) -> Result<T, Diagnostic> {
    if let Some(value) = crate::fast_toml::from_str::<T>(file.toml()) {
        return Ok(value);
    }
    toml::from_str::<T>(file.toml()).map_err(|e| parse_error(file, &e))
}

/// Classifies a toml/serde error and adds the field name and a fix.
pub(crate) fn parse_error(file: &SourceFile, error: &toml::de::Error) -> Diagnostic {
    let message = error.message().trim().to_string();
    let toml_span = error.span();
    let is_missing = message.starts_with("missing field");
    let field_path = match &toml_span {
        Some(s) if is_missing => spans::path_of_span(file.toml(), s),
        Some(s) => spans::path_at(file.toml(), s.start),
        None => Default::default(),
    };
    let mut field = field_path.to_string();
    let span = toml_span.map(|s| file.from_toml_span(s));

    let (code, text, help) = if let Some(rest) = message.strip_prefix("unknown field ") {
        let name = between_backticks(rest).unwrap_or_default();
        let expected = backticked_after(rest, "expected");
        let help = match suggest(&name, &expected) {
            Some(best) => expertpool_i18n::t!("records-did-you-mean", suggestion = best),
            None if expected.is_empty() => expertpool_i18n::t!("records-remove-field"),
            None => expertpool_i18n::t!("records-remove-field-allowed", allowed = list_backticked(&expected)),
        };
        (Code::UnknownField, expertpool_i18n::t!("records-unknown-field", name = name), Some(help))
    } else if let Some(rest) = message.strip_prefix("missing field ") {
        let name = between_backticks(rest).unwrap_or_default();
        field = if field.is_empty() { name.clone() } else { format!("{field}.{name}") };
        (
            Code::MissingField,
            expertpool_i18n::t!("records-missing-field", name = name),
            Some(expertpool_i18n::t!("records-missing-field-help", name = name)),
        )
    } else if let Some(rest) = message.strip_prefix("unknown variant ") {
        let value = between_backticks(rest).unwrap_or_default();
        let expected = backticked_after(rest, "expected");
        let help = match suggest(&value, &expected) {
            Some(best) => expertpool_i18n::t!(
                "records-did-you-mean-allowed",
                suggestion = best,
                allowed = list_backticked(&expected)
            ),
            None => expertpool_i18n::t!("records-use-one-of", allowed = list_backticked(&expected)),
        };
        (Code::BadValue, expertpool_i18n::t!("records-not-allowed-value", value = value), Some(help))
    } else if crate::model::is_year_range_message(&message) {
        let help = expertpool_i18n::t!(
            "records-year-out-of-range-help",
            min = crate::model::MIN_YEAR,
            max = crate::model::MAX_YEAR
        );
        (Code::BadDate, message.clone(), Some(help))
    } else if crate::model::is_date_message(&message) {
        (Code::BadDate, message.clone(), Some(expertpool_i18n::t!("records-bad-date-help")))
    } else if message.starts_with("invalid type") || message.starts_with("invalid value") {
        let wanted = wanted_type(&message, &field);
        let text = match wanted {
            Some(kind) => {
                expertpool_i18n::t!("records-wrong-type", expected = kind.label(), found = found_value(&message))
            }
            None => expertpool_i18n::t!("records-wrong-type-other", detail = message),
        };
        (Code::WrongType, text, wanted.map(WantedType::fix))
    } else {
        (Code::Syntax, message.clone(), Some(expertpool_i18n::t!("records-syntax-help")))
    };
    let mut d = Diagnostic::at_span(Severity::Error, code, file, span, &field, text);
    d.help = help;
    d
}

/// What a field wants, in a clerk's words: a clerk does not know what an `i16` is, but
/// knows a year.
#[derive(Clone, Copy)]
enum WantedType {
    Year,
    Integer,
    Boolean,
    Text,
    List,
    Date,
}

impl WantedType {
    fn label(self) -> String {
        match self {
            WantedType::Year => expertpool_i18n::t!("records-type-year"),
            WantedType::Integer => expertpool_i18n::t!("records-type-integer"),
            WantedType::Boolean => expertpool_i18n::t!("records-type-boolean"),
            WantedType::Text => expertpool_i18n::t!("records-type-text"),
            WantedType::List => expertpool_i18n::t!("records-type-list"),
            WantedType::Date => expertpool_i18n::t!("records-type-date"),
        }
    }

    fn fix(self) -> String {
        match self {
            WantedType::Year => expertpool_i18n::t!("records-type-year-help"),
            WantedType::Integer => expertpool_i18n::t!("records-type-integer-help"),
            WantedType::Boolean => expertpool_i18n::t!("records-type-boolean-help"),
            WantedType::Text => expertpool_i18n::t!("records-type-text-help"),
            WantedType::List => expertpool_i18n::t!("records-type-list-help"),
            WantedType::Date => expertpool_i18n::t!("records-type-date-help"),
        }
    }
}

/// The type serde expected (`…, expected i16`), read with the field's name.
fn wanted_type(message: &str, field: &str) -> Option<WantedType> {
    let expected = message.rsplit_once("expected ")?.1.trim();
    let last = field.rsplit('.').next().unwrap_or(field);
    let last = last.split('[').next().unwrap_or(last);
    let integer = ["i8", "i16", "i32", "i64", "u8", "u16", "u32", "u64", "usize", "an integer"];
    Some(if integer.contains(&expected) {
        let a_year = ["year", "since"].iter().any(|w| last == *w || last.ends_with(&format!("_{w}")));
        if expected == "i16" || a_year { WantedType::Year } else { WantedType::Integer }
    } else if expected == "a boolean" {
        WantedType::Boolean
    } else if expected.starts_with("a string") {
        WantedType::Text
    } else if expected.starts_with("a sequence") {
        WantedType::List
    } else if expected.starts_with("a date") {
        WantedType::Date
    } else {
        return None;
    })
}

/// What was written, from serde's `invalid type: string "1987", expected …`: the quoted
/// value when serde quotes it, else the kind of value in the clerk's language.
fn found_value(message: &str) -> String {
    let found = message.split_once(": ").map_or("", |(_, rest)| rest);
    let found = found.split(", expected").next().unwrap_or(found).trim();
    if let (Some(start), Some(end)) = (found.find('"'), found.rfind('"')) {
        if end > start {
            return found[start..=end].to_string();
        }
    }
    let word = found.split_whitespace().next().unwrap_or("");
    match word {
        "integer" => expertpool_i18n::t!("records-type-integer"),
        "boolean" => expertpool_i18n::t!("records-type-boolean"),
        "string" => expertpool_i18n::t!("records-type-text"),
        "sequence" => expertpool_i18n::t!("records-type-list"),
        "map" => expertpool_i18n::t!("records-type-table"),
        "floating" => expertpool_i18n::t!("records-type-decimal"),
        _ => format!("`{found}`"),
    }
}

fn between_backticks(text: &str) -> Option<String> {
    let start = text.find('`')? + 1;
    let end = start + text[start..].find('`')?;
    Some(text[start..end].to_string())
}

/// The backticked names after `marker`, as serde lists expected fields and variants.
fn backticked_after(text: &str, marker: &str) -> Vec<String> {
    let Some(at) = text.find(marker) else { return Vec::new() };
    text[at..].split('`').skip(1).step_by(2).map(str::to_string).collect()
}

fn list_backticked(names: &[String]) -> String {
    names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
}

/// The closest candidate by edit distance, if it is close enough to be a likely typo.
pub fn suggest(name: &str, candidates: &[String]) -> Option<String> {
    candidates
        .iter()
        .map(|c| (strsim::damerau_levenshtein(name, c), c))
        .filter(|(d, c)| *d <= 2.max(c.chars().count() / 3) && *d < name.chars().count())
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Sample {
        name: String,
        gender: Gender,
        #[serde(default)]
        specialties: Vec<String>,
    }

    fn diagnose(text: &str) -> Diagnostic {
        let file = SourceFile::new("x.toml", text.to_string());
        parse_value::<Sample>(&file).unwrap_err()
    }

    #[test]
    fn a_file_not_in_utf8_is_named_with_the_fix() {
        let dir = tempfile::tempdir().unwrap();
        let experts = dir.path().join("experts");
        std::fs::create_dir(&experts).unwrap();
        // "name = 张三" in GBK, as a spreadsheet export on a Chinese Windows writes it.
        std::fs::write(experts.join("gbk.toml"), b"name = \"\xd5\xc5\xc8\xfd\"\n").unwrap();
        std::fs::write(experts.join("good.toml"), "name = \"张三\"\ngender = \"男\"\n").unwrap();
        for keep in [KeepText::Always, KeepText::OnlyBroken] {
            let mut diagnostics = Vec::new();
            let listing = list(&Confinement::new(dir.path()), &experts, "toml", &mut diagnostics);
            let read: Vec<Loaded<Sample>> = read_all(&listing, keep, &mut diagnostics);
            assert_eq!(read.len(), 1);
            assert_eq!(read[0].name, "张三");
            assert_eq!(diagnostics.len(), 1);
            assert!(diagnostics[0].file.ends_with("gbk.toml"));
            assert_eq!(diagnostics[0].message, "文件不是 UTF-8 编码");
            assert_eq!(diagnostics[0].help.as_deref(), Some("请以 UTF-8 编码保存文件（不要用 GBK）"));
            assert_eq!(read[0].file.holds_text(), keep == KeepText::Always);
        }
    }

    #[test]
    fn unknown_field_gets_did_you_mean_and_position() {
        let d = diagnose("name = \"a\"\ngender = \"男\"\nspecialites = []\n");
        assert_eq!(d.code, Code::UnknownField);
        assert_eq!((d.line, d.column), (3, 1));
        assert_eq!(d.field, "specialites");
        assert_eq!(d.help.as_deref(), Some("是否要写 `specialties`？"));
    }

    #[test]
    fn bad_enum_value_lists_allowed_values() {
        let d = diagnose("name = \"a\"\ngender = \"M\"\n");
        assert_eq!(d.code, Code::BadValue);
        assert_eq!((d.line, d.column), (2, 10));
        assert_eq!(d.field, "gender");
        assert!(d.help.unwrap().contains("`男`, `女`"));
    }

    #[test]
    fn missing_field_is_named() {
        let d = diagnose("gender = \"男\"\n");
        assert_eq!(d.code, Code::MissingField);
        assert_eq!(d.field, "name");
    }

    #[test]
    fn a_wrong_type_says_what_to_write() {
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct Years {
            field_since: i16,
            count: u8,
            flag: bool,
        }
        let file = SourceFile::new("x.toml", "field_since = \"2020年\"\ncount = 1\nflag = true\n".to_string());
        let d = parse_value::<Years>(&file).unwrap_err();
        assert_eq!((d.code, d.field.as_str()), (Code::WrongType, "field_since"));
        assert!(d.help.as_deref().is_some_and(|h| h.contains("2020")), "{d:?}");
        let file = SourceFile::new("x.toml", "field_since = 2020\ncount = \"3\"\nflag = true\n".to_string());
        let d = parse_value::<Years>(&file).unwrap_err();
        assert!(d.help.as_deref().is_some_and(|h| h.contains("整数")), "{d:?}");
        let file = SourceFile::new("x.toml", "field_since = 2020\ncount = 3\nflag = \"是\"\n".to_string());
        let d = parse_value::<Years>(&file).unwrap_err();
        assert!(d.help.as_deref().is_some_and(|h| h.contains("true")), "{d:?}");
    }

    #[test]
    fn wrong_type_and_syntax_are_located() {
        let d = diagnose("name = 3\ngender = \"男\"\n");
        assert_eq!(d.code, Code::WrongType);
        assert_eq!((d.line, d.column, d.field.as_str()), (1, 8, "name"));
        let d = diagnose("name = \"unterminated\ngender = \"男\"\n");
        assert_eq!(d.code, Code::Syntax);
        assert_eq!(d.line, 1);
    }
}
