//! Reading a spreadsheet (.xlsx, .xls, .ods via calamine; .csv via csv) into a plain grid
//! that remembers each cell's sheet row, so every problem can be reported as an Excel
//! cell reference.

use expertpool_i18n::t;
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
    /// The merged regions that span more than one row (a workbook's; CSV has none).
    pub merged: Vec<Merged>,
}

/// A region of merged cells spanning rows `first_row..=last_row`: the sheet stores its value
/// in the top-left cell only, and leaves the others empty.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Merged {
    /// The 1-based sheet row of the cell holding the value.
    pub first_row: u32,
    /// The 1-based last sheet row of the region.
    pub last_row: u32,
    /// The region's first column (0 is column A).
    pub column: usize,
}

impl Grid {
    /// The grid with the value of each region merged down a column (a unit written once
    /// for the three experts it recommends) copied into every row of the region, for
    /// regions that start below sheet row `below` (the header: a header cell merged over
    /// two rows is no value of the row under it). Merges across columns (the title, the
    /// unit line) are left alone: one value is one cell.
    pub fn carried_down(&self, below: u32) -> std::borrow::Cow<'_, Grid> {
        if !self.merged.iter().any(|m| m.first_row > below && m.last_row > m.first_row) {
            return std::borrow::Cow::Borrowed(self);
        }
        let mut grid = self.clone();
        let index: std::collections::HashMap<u32, usize> =
            grid.rows.iter().enumerate().map(|(i, r)| (r.number, i)).collect();
        for region in self.merged.iter().filter(|m| m.first_row > below && m.last_row > m.first_row) {
            let Some(&top) = index.get(&region.first_row) else { continue };
            let value = grid.rows[top].cell(region.column).clone();
            if value.is_empty() {
                continue;
            }
            for number in region.first_row + 1..=region.last_row {
                let Some(&i) = index.get(&number) else { continue };
                let cells = &mut grid.rows[i].cells;
                if cells.len() <= region.column {
                    cells.resize(region.column + 1, Cell::Empty);
                }
                if cells[region.column].is_empty() {
                    cells[region.column] = value.clone();
                }
            }
        }
        std::borrow::Cow::Owned(grid)
    }
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
    #[error("{}", t!("staff-sheet-cannot-open", path = path, message = message))]
    /// The file could not be opened or parsed.
    Open {
        /// The file.
        path: String,
        /// What the reader said.
        message: String,
    },
    #[error("{}", t!("staff-sheet-no-worksheet", path = path))]
    /// The workbook has no worksheet.
    NoSheet {
        /// The file.
        path: String,
    },
    #[error("{}", t!("staff-sheet-not-utf8", path = path))]
    /// A CSV file that is not UTF-8 (Excel on a Chinese Windows saves plain CSV as GBK).
    NotUtf8 {
        /// The file.
        path: String,
    },
    #[error("{}", t!("staff-sheet-not-spreadsheet", path = path, ext = ext, hint = hint))]
    /// A file whose bytes are not the workbook its extension names.
    NotSpreadsheet {
        /// The file.
        path: String,
        /// Its extension, lower case.
        ext: String,
        /// What to do, in the clerk's language.
        hint: String,
    },
    #[error("{}", t!("staff-sheet-unsupported", path = path))]
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
        "xlsx" | "xlsm" | "xls" | "xlsb" | "ods" => read_workbook(path, &ext),
        _ => Err(SheetError::Unsupported { path: path.display().to_string() }),
    }
}

/// Parses CSV bytes (a UTF-8 BOM is allowed); `None` when the text is not UTF-8.
///
/// Rows are numbered as a spreadsheet program shows the file: one row per line, blank
/// lines included, a line break inside quotes staying in its cell, and `\r\n`, `\n` or
/// `\r` ending a line alike. (The csv crate's own line count skips blank lines and, after
/// a `\r\n`, lags one line behind, which put `第3行` into records read from line 4.)
pub(crate) fn read_csv(bytes: &[u8]) -> Option<Grid> {
    let text = std::str::from_utf8(bytes).ok()?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut rows = Vec::new();
    for (i, line) in csv_lines(text).into_iter().enumerate() {
        let number = i as u32 + 1;
        let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(line.as_bytes());
        // A malformed line (an unbalanced quote) still yields what could be read.
        let cells = match reader.records().next() {
            Some(Ok(record)) => {
                record.iter().map(|c| if c.is_empty() { Cell::Empty } else { Cell::Text(c.to_string()) }).collect()
            }
            _ => Vec::new(),
        };
        rows.push(Row { number, cells });
    }
    Some(Grid { rows, merged: Vec::new() })
}

/// The text of each spreadsheet row of a CSV file, without its line break.
fn csv_lines(text: &str) -> Vec<&str> {
    let bytes = text.as_bytes();
    let mut lines = Vec::new();
    let (mut start, mut quoted, mut i) = (0, false, 0);
    while i < bytes.len() {
        match bytes[i] {
            b'"' => quoted = !quoted,
            b'\r' | b'\n' if !quoted => {
                lines.push(&text[start..i]);
                if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    if start < bytes.len() {
        lines.push(&text[start..]);
    }
    lines
}

/// The first bytes of a zip archive (.xlsx, .xlsm, .xlsb, .ods) and of an OLE compound file (.xls).
const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
const OLE_MAGIC: &[u8] = &[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/// Refuses, in words a clerk can act on, a file whose first bytes are not the kind of
/// workbook its extension names (a Word file or a web page renamed .xlsx), instead of the
/// reader's `Zip error: … EOCD`.
fn check_kind(path: &Path, ext: &str) -> Result<(), SheetError> {
    use std::io::Read as _;
    let mut head = [0u8; 8];
    let read = std::fs::File::open(path)
        .and_then(|mut f| {
            let mut n = 0;
            while n < head.len() {
                match f.read(&mut head[n..])? {
                    0 => break,
                    k => n += k,
                }
            }
            Ok(n)
        })
        .map_err(|e| SheetError::Open { path: path.display().to_string(), message: e.to_string() })?;
    let head = &head[..read];
    let expected = if ext == "xls" { OLE_MAGIC } else { ZIP_MAGIC };
    if head.starts_with(expected) {
        return Ok(());
    }
    let hint = if ext != "xls" && head.starts_with(OLE_MAGIC) {
        t!("staff-sheet-hint-really-xls")
    } else if ext == "xls" && head.starts_with(ZIP_MAGIC) {
        t!("staff-sheet-hint-really-xlsx")
    } else if read == 0 {
        t!("staff-sheet-hint-empty")
    } else {
        t!("staff-sheet-hint-save-as")
    };
    Err(SheetError::NotSpreadsheet { path: path.display().to_string(), ext: ext.to_string(), hint })
}

fn read_workbook(path: &Path, ext: &str) -> Result<Grid, SheetError> {
    check_kind(path, ext)?;
    // calamine panics on some damaged workbooks (a cell reference like `AAAAAAAAA1`
    // overflows its column arithmetic; found by fuzzing, crates/fuzz): a bad file must be a
    // message to the clerk, not a crash of the import.
    std::panic::catch_unwind(|| read_workbook_unguarded(path, ext)).unwrap_or_else(|_| {
        Err(SheetError::NotSpreadsheet {
            path: path.display().to_string(),
            ext: ext.to_string(),
            hint: t!("staff-sheet-hint-unparsable"),
        })
    })
}

fn read_workbook_unguarded(path: &Path, ext: &str) -> Result<Grid, SheetError> {
    use calamine::Reader;
    let shown = path.display().to_string();
    let open = |e: &dyn std::fmt::Display| SheetError::Open { path: shown.clone(), message: e.to_string() };
    let mut workbook = calamine::open_workbook_auto(path).map_err(|e| open(&e))?;
    let rows = match &mut workbook {
        // An .xlsx is read cell by cell: calamine's `worksheet_range` allocates every cell of
        // the rectangle the stored cells span, so a few-kilobyte file with one cell in A1 and
        // one in XFD1048576 asked for 512 GiB and aborted the import (found by fuzzing).
        calamine::Sheets::Xlsx(xlsx) => {
            let name =
                xlsx.sheet_names().first().cloned().ok_or_else(|| SheetError::NoSheet { path: shown.clone() })?;
            let mut reader = xlsx.worksheet_cells_reader(&name).map_err(|e| open(&e))?;
            let mut cells = Vec::new();
            while let Some(cell) = reader.next_cell().map_err(|e| open(&e))? {
                let value = cell_of(&calamine::Data::from(cell.get_value().clone()));
                if !value.is_empty() {
                    let (row, column) = cell.get_position();
                    // Beyond Excel's last row and column (XFD1048576) is a damaged file, and
                    // a cell there would make one row of billions of cells.
                    if row >= MAX_ROWS || column >= MAX_COLUMNS {
                        return Err(SheetError::NotSpreadsheet {
                            path: shown.clone(),
                            ext: ext.to_string(),
                            hint: t!(
                                "staff-sheet-hint-cell-out-of-range",
                                row = u64::from(row) + 1,
                                column = u64::from(column) + 1,
                                max_rows = MAX_ROWS,
                                max_columns = MAX_COLUMNS
                            ),
                        });
                    }
                    cells.push((row, column, value));
                }
            }
            sparse_rows(cells)
        }
        other => {
            let range = other
                .worksheet_range_at(0)
                .ok_or_else(|| SheetError::NoSheet { path: shown.clone() })?
                .map_err(|e| open(&e))?;
            let Some((first_row, first_col)) = range.start() else { return Ok(Grid::default()) };
            let mut rows = Vec::with_capacity(range.height());
            for (i, data_row) in range.rows().enumerate() {
                let mut cells = vec![Cell::Empty; first_col as usize];
                cells.extend(data_row.iter().map(cell_of));
                rows.push(Row { number: first_row + i as u32 + 1, cells });
            }
            rows
        }
    };
    let merged = merged_regions(&mut workbook).map_err(|message| SheetError::Open { path: shown, message })?;
    Ok(Grid { rows, merged })
}

/// Excel's last row and column (XFD1048576): no workbook holds a cell beyond them.
const MAX_ROWS: u32 = 1 << 20;
const MAX_COLUMNS: u32 = 1 << 14;

/// Rows from the first to the last that holds a value, from (0-based row, column, value)
/// triples: memory in proportion to the values and rows, not to the rectangle they span.
fn sparse_rows(mut cells: Vec<(u32, u32, Cell)>) -> Vec<Row> {
    cells.sort_by_key(|(row, column, _)| (*row, *column));
    let (Some(first), Some(last)) = (cells.first().map(|c| c.0), cells.last().map(|c| c.0)) else {
        return Vec::new();
    };
    let mut rows: Vec<Row> = (first..=last).map(|r| Row { number: r + 1, cells: Vec::new() }).collect();
    for (row, column, value) in cells {
        let cells = &mut rows[(row - first) as usize].cells;
        cells.resize(column as usize, Cell::Empty);
        cells.push(value);
    }
    rows
}

fn cell_of(d: &calamine::Data) -> Cell {
    use calamine::Data;
    match d {
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
    }
}

fn merged_regions<R: std::io::Read + std::io::Seek>(workbook: &mut calamine::Sheets<R>) -> Result<Vec<Merged>, String> {
    let regions = match workbook {
        calamine::Sheets::Xlsx(x) => x.merge_cells_by_sheet_id(0).map_err(|e| e.to_string())?,
        calamine::Sheets::Xls(x) => x.merge_cells_by_sheet_id(0).map_err(|e| e.to_string())?,
        // .xlsb and .ods: calamine does not read their merges; the cells stay as stored.
        _ => Vec::new(),
    };
    Ok(regions
        .into_iter()
        .filter(|d| d.end.0 > d.start.0)
        .map(|d| Merged { first_row: d.start.0 + 1, last_row: d.end.0 + 1, column: d.start.1 as usize })
        .collect())
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
    fn csv_rows_are_numbered_as_a_spreadsheet_shows_them() {
        // Excel writes CRLF; a blank line is a row; a quoted line break stays in its cell.
        let grid = read_csv("标题\r\n\r\n序号,姓名\r\n1,\"张\r\n三\"\r\n2,李四\r\n".as_bytes()).unwrap();
        let numbers: Vec<u32> = grid.rows.iter().map(|r| r.number).collect();
        assert_eq!(numbers, [1, 2, 3, 4, 5]);
        assert!(grid.rows[1].is_empty());
        assert_eq!(grid.rows[3].cell(1), &Cell::Text("张\r\n三".into()));
        assert_eq!(grid.rows[4].cell(1), &Cell::Text("李四".into()));
        let grid = read_csv("a\rb\nc".as_bytes()).unwrap();
        assert_eq!(grid.rows.iter().map(|r| r.cell(0).text()).collect::<Vec<_>>(), ["a", "b", "c"]);
    }

    #[test]
    fn a_renamed_file_is_not_a_spreadsheet() {
        let dir = tempfile::tempdir().unwrap();
        let fake = dir.path().join("汇总表.xlsx");
        std::fs::write(&fake, "<html>not a workbook</html>").unwrap();
        let err = read(&fake).unwrap_err();
        let message = err.to_string();
        assert!(matches!(err, SheetError::NotSpreadsheet { .. }), "{message}");
        assert!(message.contains("不是有效的 .xlsx 文件") && message.contains("另存为"), "{message}");
        assert!(!message.contains("EOCD"), "{message}");
        std::fs::write(&fake, OLE_MAGIC).unwrap();
        assert!(read(&fake).unwrap_err().to_string().contains("改为 .xls"));
        std::fs::write(&fake, "").unwrap();
        assert!(read(&fake).unwrap_err().to_string().contains("空"));
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
