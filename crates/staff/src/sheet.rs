//! Reading a spreadsheet (.xlsx, .xls, .ods via calamine; .csv via csv) into a plain grid
//! that remembers each cell's sheet row, so every problem can be reported as an Excel
//! cell reference.

use expertpool_records::Date;
use std::path::Path;

/// One cell as the file stored it. Numbers stay numbers: an ID number typed into a
/// number-formatted cell has lost digits, and only the raw value tells.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum Cell {
    /// Nothing in the cell.
    #[default]
    Empty,
    /// Text as stored (untrimmed).
    Text(String),
    /// A number (Excel stores every number as a double).
    Number(f64),
    /// A cell Excel formatted as a date (its serial number already converted).
    Date(Date),
}

impl Cell {
    /// Whether the cell holds nothing but whitespace.
    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => crate::text::squeeze(t).is_empty(),
            _ => false,
        }
    }

    /// The cell as text: integral numbers without a decimal point, dates as YYYY-MM-DD.
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => t.trim().to_string(),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Cell::Number(n) => n.to_string(),
            Cell::Date(d) => d.to_string(),
        }
    }
}

/// A sheet: rows with their 1-based sheet row number; cell 0 is column A.
#[derive(Debug, Clone, Default)]
pub struct Grid {
    /// The rows in sheet order (blank ones included).
    pub rows: Vec<Row>,
}

/// One sheet row.
#[derive(Debug, Clone)]
pub struct Row {
    /// The 1-based row number Excel shows.
    pub number: u32,
    /// The cells from column A on.
    pub cells: Vec<Cell>,
}

impl Row {
    /// The cell in 0-based `column`; empty beyond the last one stored.
    pub fn cell(&self, column: usize) -> &Cell {
        self.cells.get(column).unwrap_or(&Cell::Empty)
    }

    /// Whether every cell is empty.
    pub fn is_empty(&self) -> bool {
        self.cells.iter().all(Cell::is_empty)
    }
}

/// Why a spreadsheet could not be read.
#[derive(Debug, thiserror::Error)]
pub enum SheetError {
    #[error("{path}: cannot open the spreadsheet: {message}")]
    /// The file could not be opened or parsed.
    Open {
        /// The file.
        path: String,
        /// What the reader said.
        message: String,
    },
    #[error("{path}: the workbook has no worksheet")]
    /// The workbook has no worksheet.
    NoSheet {
        /// The file.
        path: String,
    },
    #[error("{path}: not UTF-8 text; in Excel choose \"CSV UTF-8 (逗号分隔)\" when saving, or send the .xlsx")]
    /// A CSV file that is not UTF-8 (Excel on a Chinese Windows saves plain CSV as GBK).
    NotUtf8 {
        /// The file.
        path: String,
    },
    #[error("{path}: unsupported file type; use .xlsx, .xls, .ods or .csv")]
    /// The extension is not a spreadsheet's.
    Unsupported {
        /// The file.
        path: String,
    },
}

/// Reads the first worksheet of a workbook, or a CSV file, by extension.
pub fn read(path: &Path) -> Result<Grid, SheetError> {
    let ext = path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "csv" => {
            let bytes = std::fs::read(path)
                .map_err(|e| SheetError::Open { path: path.display().to_string(), message: e.to_string() })?;
            read_csv(&bytes).ok_or_else(|| SheetError::NotUtf8 { path: path.display().to_string() })
        }
        "xlsx" | "xlsm" | "xls" | "xlsb" | "ods" => read_workbook(path),
        _ => Err(SheetError::Unsupported { path: path.display().to_string() }),
    }
}

/// Parses CSV bytes (a UTF-8 BOM is allowed); `None` when the text is not UTF-8.
pub(crate) fn read_csv(bytes: &[u8]) -> Option<Grid> {
    let text = std::str::from_utf8(bytes).ok()?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        // A malformed line (an unbalanced quote) still yields what could be read.
        let Ok(record) = record else { continue };
        let number = record.position().map(|p| p.line() as u32).unwrap_or(i as u32 + 1);
        let cells = record.iter().map(|c| if c.is_empty() { Cell::Empty } else { Cell::Text(c.to_string()) }).collect();
        rows.push(Row { number, cells });
    }
    Some(Grid { rows })
}

fn read_workbook(path: &Path) -> Result<Grid, SheetError> {
    use calamine::{Data, Reader};
    let shown = path.display().to_string();
    let mut workbook = calamine::open_workbook_auto(path)
        .map_err(|e| SheetError::Open { path: shown.clone(), message: e.to_string() })?;
    let range = workbook
        .worksheet_range_at(0)
        .ok_or_else(|| SheetError::NoSheet { path: shown.clone() })?
        .map_err(|e| SheetError::Open { path: shown.clone(), message: e.to_string() })?;
    let Some((first_row, first_col)) = range.start() else { return Ok(Grid::default()) };
    let mut rows = Vec::with_capacity(range.height());
    for (i, data_row) in range.rows().enumerate() {
        let mut cells = vec![Cell::Empty; first_col as usize];
        cells.extend(data_row.iter().map(|d| match d {
            Data::Empty => Cell::Empty,
            Data::String(s) => Cell::Text(s.clone()),
            Data::Int(n) => Cell::Number(*n as f64),
            Data::Float(f) => Cell::Number(*f),
            Data::Bool(b) => Cell::Text(if *b { "是" } else { "否" }.to_string()),
            Data::DateTime(dt) if dt.is_datetime() => {
                let (y, m, d, ..) = dt.to_ymd_hms_milli();
                match jiff::civil::Date::new(y as i16, m as i8, d as i8) {
                    Ok(date) => Cell::Date(Date(date)),
                    Err(_) => Cell::Number(dt.as_f64()),
                }
            }
            Data::DateTime(dt) => Cell::Number(dt.as_f64()),
            Data::DateTimeIso(s) => match Date::parse(s.get(..10).unwrap_or(s)) {
                Ok(d) => Cell::Date(d),
                Err(_) => Cell::Text(s.clone()),
            },
            Data::DurationIso(s) => Cell::Text(s.clone()),
            Data::Error(e) => Cell::Text(format!("#{e:?}")),
        }));
        rows.push(Row { number: first_row + i as u32 + 1, cells });
    }
    Ok(Grid { rows })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_keeps_line_numbers_and_strips_bom() {
        let grid = read_csv("\u{feff}标题\n序号,姓名\n1,张三\n".as_bytes()).unwrap();
        assert_eq!(grid.rows.len(), 3);
        assert_eq!(grid.rows[2].number, 3);
        assert_eq!(grid.rows[2].cell(1), &Cell::Text("张三".into()));
        assert_eq!(grid.rows[0].cell(5), &Cell::Empty);
    }

    #[test]
    fn non_utf8_csv_is_refused() {
        assert!(read_csv(&[0xd5, 0xc5, 0xc8, 0xfd]).is_none());
    }

    #[test]
    fn numbers_print_without_decimals() {
        assert_eq!(Cell::Number(13800138000.0).text(), "13800138000");
        assert_eq!(Cell::Number(1.5).text(), "1.5");
    }
}
