//! A pool's roster as a spreadsheet in the annex-2 shape, so that an exported file can
//! be read back by the importer. Public columns by default; personal data only when the
//! caller asks, and then the first row of the file says so.

use crate::cells;
use expertpool_i18n::t;
use expertpool_private::{PrivateData, PrivateRecord};
use expertpool_records::annex2::Column;
use expertpool_records::fsio;
use expertpool_records::model::*;
use expertpool_records::status::{current_term, status_on};
use expertpool_records::{Date, PublicInstance};
use std::path::Path;

/// The warning printed above the header of any file with personal data.
pub const PRIVATE_BANNER: &str = "内部资料 含个人信息 严禁公开";

/// A header of the roster: an annex-2 column, or one only the roster has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Header {
    /// A column of the summary table.
    Known(Column),
    /// 聘期 (current or last term).
    Term,
    /// 状态 on the export date.
    Status,
}

impl Header {
    /// The header as written in the file.
    pub fn text(self) -> &'static str {
        match self {
            Header::Known(c) => c.header(),
            Header::Term => "聘期",
            Header::Status => "状态",
        }
    }

    /// Whether the column holds personal data (left out of a public roster).
    pub fn is_private(self) -> bool {
        matches!(self, Header::Known(Column::IdNumber | Column::Contact | Column::Email | Column::BirthDate))
    }
}

/// The roster's columns: annex 2's order first, then what the roster adds.
pub fn headers(include_private: bool) -> Vec<Header> {
    Column::ALL
        .into_iter()
        .map(Header::Known)
        .chain([Header::Term, Header::Status])
        .filter(|h| include_private || !h.is_private())
        .collect()
}

/// One cell of the roster.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Text.
    Text(String),
    /// A whole number (序号, a year).
    Int(i64),
    /// A date, written as an Excel date.
    Date(Date),
    /// Nothing.
    Empty,
}

/// A roster ready to write.
#[derive(Debug, Clone, PartialEq)]
pub struct Roster {
    /// [`PRIVATE_BANNER`] when the roster holds personal data.
    pub banner: Option<&'static str>,
    /// The title row: the pool and the day.
    pub title: String,
    /// The header row.
    pub headers: Vec<Header>,
    /// One row per expert, a value per header.
    pub rows: Vec<Vec<Value>>,
}

/// Why a roster could not be made or written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// No pool has this id.
    #[error("{}", t!("lookup-pool-unknown", input = _0))]
    NoPool(String),
    /// The file could not be written (the message names it).
    #[error("{0}")]
    Write(String),
}

/// Builds the roster of `pool_id`: every record, in id order. `private` adds the personal
/// columns; without it the roster has none.
pub fn roster(
    instance: &PublicInstance,
    private: Option<&PrivateData>,
    pool_id: &str,
    today: Date,
) -> Result<Roster, ExportError> {
    let pool = instance.pool(pool_id).ok_or_else(|| ExportError::NoPool(pool_id.to_string()))?;
    let headers = headers(private.is_some());
    let mut rows = Vec::with_capacity(pool.experts.len());
    for (i, e) in pool.experts.iter().enumerate() {
        let person = private.and_then(|p| p.person(&e.person));
        let row = headers
            .iter()
            .map(|h| match h {
                Header::Known(c) => cell(instance, e, person.map(|p| &p.value), *c, i),
                Header::Term => {
                    let term = current_term(e, today).or(e.appointments.last());
                    term.map(|t| Value::Text(format!("{} 至 {}", t.start, t.end))).unwrap_or(Value::Empty)
                }
                Header::Status => Value::Text(status_on(e, today).label().to_string()),
            })
            .collect();
        rows.push(row);
    }
    Ok(Roster {
        banner: private.map(|_| PRIVATE_BANNER),
        title: format!("{}专家名单（{}）", pool.policy.name, today.chinese()),
        headers,
        rows,
    })
}

fn text(s: impl Into<String>) -> Value {
    let s = s.into();
    if s.is_empty() { Value::Empty } else { Value::Text(s) }
}

fn cell(
    instance: &PublicInstance,
    e: &ExpertRecord,
    person: Option<&PrivateRecord>,
    column: Column,
    index: usize,
) -> Value {
    match column {
        Column::Seq => Value::Int(index as i64 + 1),
        Column::Name => text(&e.name),
        Column::Gender => text(e.gender.label()),
        Column::IdNumber => person.map(|p| text(&p.id_number)).unwrap_or(Value::Empty),
        Column::Profession => text(
            e.specialties
                .iter()
                .map(|code| instance.specialty(code).map(|s| s.name.clone()).unwrap_or_else(|| code.clone()))
                .collect::<Vec<_>>()
                .join("、"),
        ),
        Column::Employer => text(&e.employer),
        Column::Level => text(level_text(e)),
        Column::Honours => text(e.honours.iter().map(honour_text).collect::<Vec<_>>().join("、")),
        Column::Contact => person
            .map(|p| {
                text(match &p.office_phone {
                    Some(office) => format!("{}；{office}", p.mobile),
                    None => p.mobile.clone(),
                })
            })
            .unwrap_or(Value::Empty),
        Column::PublicId => text(&e.id),
        Column::BirthDate => person.and_then(|p| p.birth_date).map(Value::Date).unwrap_or(Value::Empty),
        Column::EmployerKind => text(e.employer_kind.label()),
        Column::Position => text(e.position.clone().unwrap_or_default()),
        Column::Email => person.and_then(|p| p.email.clone()).map(text).unwrap_or(Value::Empty),
        Column::FieldSince => e.field_since.map(|y| Value::Int(i64::from(y))).unwrap_or(Value::Empty),
    }
}

/// Title and skill as the importer reads them back: the title's name, with its level in
/// brackets when the name alone would not tell it; the skill's label with its trade.
pub fn level_text(e: &ExpertRecord) -> String {
    let mut parts = Vec::new();
    if let Some(t) = &e.title {
        let plain = cells::levels(&t.name, "")
            .ok()
            .and_then(|(title, _)| title)
            .is_some_and(|x| x.level == t.level && x.name == t.name);
        parts.push(if plain { t.name.clone() } else { format!("{}（{}）", t.name, t.level) });
    }
    if let Some(s) = &e.skill {
        parts.push(format!("{}（{}）", s.level.label(), s.occupation));
    }
    parts.join("；")
}

fn honour_text(h: &Honour) -> String {
    let base = match h.year {
        Some(y) => format!("{y}年{}", h.name),
        None => h.name.clone(),
    };
    let reads_back =
        cells::honours(&base).ok().is_some_and(|v| v.len() == 1 && v[0].tier == h.tier && v[0].name == h.name);
    if reads_back { base } else { format!("{base}（{}）", h.tier) }
}

/// Writes `.xlsx` or `.csv` by the extension of `path`.
pub fn write(roster: &Roster, path: &Path) -> Result<(), ExportError> {
    let ext = path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "xlsx" => write_xlsx(roster, path),
        "csv" => write_csv(roster, path),
        _ => Err(ExportError::Write(t!("staff-export-bad-extension", file = path.display()))),
    }
}

fn value_text(v: &Value) -> String {
    match v {
        Value::Text(s) => s.clone(),
        Value::Int(n) => n.to_string(),
        Value::Date(d) => d.to_string(),
        Value::Empty => String::new(),
    }
}

fn write_csv(roster: &Roster, path: &Path) -> Result<(), ExportError> {
    let err = |e: &dyn std::fmt::Display| ExportError::Write(format!("{}: {e}", path.display()));
    // A BOM, so Excel opens the UTF-8 file with the right encoding.
    let mut buffer = "\u{feff}".as_bytes().to_vec();
    {
        let mut writer = csv::WriterBuilder::new().flexible(true).from_writer(&mut buffer);
        if let Some(banner) = roster.banner {
            writer.write_record([banner]).map_err(|e| err(&e))?;
        }
        writer.write_record([roster.title.as_str()]).map_err(|e| err(&e))?;
        writer.write_record(roster.headers.iter().map(|h| h.text())).map_err(|e| err(&e))?;
        for row in &roster.rows {
            writer.write_record(row.iter().map(value_text)).map_err(|e| err(&e))?;
        }
        writer.flush().map_err(|e| err(&e))?;
    }
    let text = String::from_utf8(buffer).map_err(|e| err(&e))?;
    crate::fsio::replace(path, &text).map_err(|e| err(&e))
}

fn write_xlsx(roster: &Roster, path: &Path) -> Result<(), ExportError> {
    use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign, Workbook};
    let err = |e: &dyn std::fmt::Display| ExportError::Write(format!("{}: {e}", path.display()));
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    let last_col = roster.headers.len().saturating_sub(1) as u16;
    let bold = Format::new().set_bold().set_align(FormatAlign::Center);
    let banner = Format::new().set_bold().set_font_color(rust_xlsxwriter::Color::Red).set_align(FormatAlign::Center);
    let date_format = Format::new().set_num_format("yyyy-mm-dd");
    let mut row: u32 = 0;
    if let Some(text) = roster.banner {
        sheet.merge_range(row, 0, row, last_col, text, &banner).map_err(|e| err(&e))?;
        row += 1;
    }
    sheet.merge_range(row, 0, row, last_col, &roster.title, &bold).map_err(|e| err(&e))?;
    row += 1;
    for (col, h) in roster.headers.iter().enumerate() {
        sheet.write_string_with_format(row, col as u16, h.text(), &bold).map_err(|e| err(&e))?;
        let width = match h {
            Header::Known(Column::IdNumber | Column::Employer | Column::Honours | Column::Level) => 24.0,
            Header::Known(Column::Contact | Column::Profession) | Header::Term => 20.0,
            _ => 10.0,
        };
        sheet.set_column_width(col as u16, width).map_err(|e| err(&e))?;
    }
    row += 1;
    for values in &roster.rows {
        for (col, v) in values.iter().enumerate() {
            let col = col as u16;
            match v {
                Value::Text(s) => {
                    sheet.write_string(row, col, s).map_err(|e| err(&e))?;
                }
                Value::Int(n) => {
                    sheet.write_number(row, col, *n as f64).map_err(|e| err(&e))?;
                }
                Value::Date(d) => {
                    let date = ExcelDateTime::from_ymd(d.0.year() as u16, d.0.month() as u8, d.0.day() as u8)
                        .map_err(|e| err(&e))?;
                    sheet.write_datetime_with_format(row, col, &date, &date_format).map_err(|e| err(&e))?;
                }
                Value::Empty => {}
            }
        }
        row += 1;
    }
    let bytes = workbook.save_to_buffer().map_err(|e| err(&e))?;
    fsio::replace(path, &bytes, fsio::WriteMode::Shared).map_err(|e| err(&e))
}

/// Writes the blank annex-2 summary table to `path` in the format its extension names: the
/// `.xlsx` the site offers on call pages ([`expertpool_records::annex2::blank_xlsx`]) or the
/// header-only `.csv` ([`expertpool_records::annex2::blank_csv`]). Any other extension is
/// refused before anything is written: a file must hold what its name says.
pub fn write_template(path: &Path, title: &str) -> Result<(), ExportError> {
    let err = |e: &dyn std::fmt::Display| ExportError::Write(format!("{}: {e}", path.display()));
    let ext = path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    let bytes = match ext.as_str() {
        "xlsx" => expertpool_records::annex2::blank_xlsx(title).map_err(|e| err(&e))?,
        "csv" => expertpool_records::annex2::blank_csv(),
        _ => {
            let message = if ext.is_empty() {
                t!("staff-export-template-no-extension", file = path.display())
            } else {
                t!("staff-export-template-bad-extension", file = path.display(), ext = ext)
            };
            return Err(ExportError::Write(message));
        }
    };
    fsio::replace(path, &bytes, fsio::WriteMode::Shared).map_err(|e| err(&e))
}
