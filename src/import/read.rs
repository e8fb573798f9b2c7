//! Reading a tracker file into rows of cells: `.csv` (UTF-8, as Excel's
//! "CSV UTF-8" saves it) or `.xlsx` (the first sheet, through calamine).
//! Nothing here knows what the columns mean; that is `mapping` and `rows`.

use std::io::{Cursor, Read};
use std::path::Path;

use anyhow::Context;
use calamine::{Data, Reader, Xlsx};
use chrono::NaiveDate;

use super::limits::{self, Budget};

/// One cell as the spreadsheet holds it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    /// A cell Excel formats as a date.
    Date(NaiveDate),
    /// A cell that cannot be read as a value (an Excel error such as `#REF!`,
    /// or a date cell on the fictitious 29 February 1900); the text says why.
    Unreadable(String),
}

impl Cell {
    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }
}

/// A data row and the number the spreadsheet shows beside it (header = 1).
#[derive(Debug, Clone)]
pub struct SheetRow {
    pub number: usize,
    pub cells: Vec<Cell>,
}

impl SheetRow {
    pub fn cell(&self, index: usize) -> &Cell {
        self.cells.get(index).unwrap_or(&Cell::Empty)
    }
}

/// The header row and every non-blank row under it.
#[derive(Debug, Clone)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<SheetRow>,
}

/// The kinds of file `import` reads, decided by the file's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Csv,
    Xlsx,
}

impl FileKind {
    pub fn of(path: &Path) -> anyhow::Result<FileKind> {
        let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
        match ext.as_deref() {
            Some("csv") => Ok(FileKind::Csv),
            Some("xlsx") => Ok(FileKind::Xlsx),
            Some(other) => anyhow::bail!(
                "{} is a .{other} file; casedesk reads trackers saved as .csv (CSV UTF-8) or .xlsx (Excel workbook)",
                path.display()
            ),
            None => anyhow::bail!(
                "{} has no file extension; name it .csv or .xlsx so casedesk knows how to read it",
                path.display()
            ),
        }
    }
}

/// Read the whole tracker. Errors name the file and say what to do.
pub fn read_table(path: &Path) -> anyhow::Result<Table> {
    let kind = FileKind::of(path)?;
    if !path.is_file() {
        anyhow::bail!("there is no file at {}", path.display());
    }
    let shown = path.display().to_string();
    let size = std::fs::metadata(path).with_context(|| format!("cannot read {shown}"))?.len();
    limits::check_file_size(&shown, size)?;
    // Read once into memory (at most MAX_FILE_BYTES): what is checked is
    // what is read, even if the file changes meanwhile.
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(limits::MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
        .with_context(|| format!("cannot read {shown}"))?;
    limits::check_file_size(&shown, bytes.len() as u64)?;
    let table = match kind {
        FileKind::Csv => read_csv_bytes(&shown, &bytes)?,
        FileKind::Xlsx => read_xlsx_bytes(&shown, &bytes)?,
    };
    check_table(&shown, table)
}

/// A table with headers and at least one case under them; `shown` names
/// the file in the refusal.
pub fn check_table(shown: &str, table: Table) -> anyhow::Result<Table> {
    if table.headers.iter().all(|h| h.trim().is_empty()) {
        anyhow::bail!("{shown} is empty: the first row should hold the column headers");
    }
    if table.rows.is_empty() {
        anyhow::bail!("{shown} has a header row but no cases under it; nothing was imported");
    }
    Ok(table)
}

/// CSV text as Excel's "CSV UTF-8" saves it; `shown` names the file in errors.
pub fn read_csv_bytes(shown: &str, bytes: &[u8]) -> anyhow::Result<Table> {
    // Excel's "CSV UTF-8" starts with a byte-order mark.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(bytes);
    let mut lines = Vec::new();
    let mut budget = Budget::default();
    for (index, record) in reader.byte_records().enumerate() {
        let number = index + 1;
        let record = record.with_context(|| format!("{shown} cannot be read as CSV at row {number}"))?;
        let mut cells = Vec::with_capacity(record.len());
        for (column, field) in record.iter().enumerate() {
            let text = std::str::from_utf8(field).map_err(|_| {
                anyhow::anyhow!(
                    "row {number} of {shown} is not UTF-8 text; in Excel use Save As \"CSV UTF-8 (Comma delimited)\""
                )
            })?;
            if !text.trim().is_empty() {
                budget.cell(shown, column)?;
            }
            cells.push(text_cell(text));
        }
        if !cells.iter().all(Cell::is_empty) {
            budget.row(shown)?;
        }
        lines.push(SheetRow { number, cells });
    }
    refuse_other_separators(shown, &lines)?;
    Ok(split_header(lines))
}

/// A header row that is one cell full of semicolons or tabs is a file saved
/// with another separator (Excel does this in some regional settings).
fn refuse_other_separators(shown: &str, lines: &[SheetRow]) -> anyhow::Result<()> {
    let first = lines.iter().find(|r| !r.cells.iter().all(Cell::is_empty));
    if let Some([Cell::Text(header)]) = first.map(|r| r.cells.as_slice()) {
        if header.contains([';', '\t']) {
            anyhow::bail!(
                "{shown} separates its columns with semicolons or tabs; casedesk reads commas: \
                 in Excel use Save As \"CSV UTF-8 (Comma delimited)\""
            );
        }
    }
    Ok(())
}

/// The first sheet of a workbook held in memory, read cell by cell so that
/// the limits stop the read rather than a full sheet being built first.
fn read_xlsx_bytes(shown: &str, bytes: &[u8]) -> anyhow::Result<Table> {
    limits::check_unpacked_size(shown, Cursor::new(bytes))?;
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes))
        .map_err(|e| anyhow::anyhow!("{shown} is not an Excel workbook casedesk can read ({e})"))?;
    let first = book.sheet_names().into_iter().next().ok_or_else(|| anyhow::anyhow!("{shown} has no worksheets"))?;
    let unreadable = |e: calamine::XlsxError| anyhow::anyhow!("cannot read the first sheet of {shown} ({e})");
    let mut reader = book.worksheet_cells_reader(&first).map_err(unreadable)?;
    let mut lines: Vec<SheetRow> = Vec::new();
    let mut budget = Budget::default();
    while let Some(cell) = reader.next_cell().map_err(unreadable)? {
        let value = Data::from(cell.get_value().clone());
        if value == Data::Empty {
            continue;
        }
        // Positions count from the top left of the sheet, as Excel shows
        // its rows; cells come row by row.
        let (row, column) = (cell.get_position().0 as usize, cell.get_position().1 as usize);
        budget.cell(shown, column)?;
        if lines.last().is_none_or(|l| l.number != row + 1) {
            budget.row(shown)?;
            // The row before is complete: give back what its growth reserved.
            if let Some(done) = lines.last_mut() {
                done.cells.shrink_to_fit();
            }
            lines.push(SheetRow { number: row + 1, cells: Vec::new() });
        }
        let cells = &mut lines.last_mut().expect("a row was just pushed").cells;
        if cells.len() <= column {
            cells.resize(column + 1, Cell::Empty);
        }
        cells[column] = xlsx_cell(&value);
    }
    Ok(split_header(lines))
}

/// The first non-blank row is the header; blank rows below it are skipped.
fn split_header(lines: Vec<SheetRow>) -> Table {
    let mut rows = lines.into_iter().filter(|r| !r.cells.iter().all(Cell::is_empty));
    let headers = rows
        .next()
        .map(|r| {
            r.cells
                .iter()
                .map(|c| match c {
                    Cell::Text(t) => t.trim().to_string(),
                    Cell::Number(n) => number_text(*n),
                    Cell::Date(d) => d.to_string(),
                    Cell::Empty | Cell::Unreadable(_) => String::new(),
                })
                .collect()
        })
        .unwrap_or_default();
    Table { headers, rows: rows.collect() }
}

fn xlsx_cell(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::String(s) => text_cell(s),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Text(if *b { "TRUE" } else { "FALSE" }.to_string()),
        Data::DateTime(dt) if dt.is_datetime() => {
            // calamine applies the workbook's 1900 or 1904 epoch and keeps
            // Excel's fictitious 29 February 1900, which chrono refuses.
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            NaiveDate::from_ymd_opt(i32::from(y), u32::from(m), u32::from(d)).map_or_else(
                || Cell::Unreadable(format!("the date cell shows {d}/{m}/{y}, which is not a real date")),
                Cell::Date,
            )
        }
        Data::DateTime(dt) => Cell::Number(dt.as_f64()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => text_cell(s),
        Data::Error(e) => Cell::Unreadable(format!("the cell shows the Excel error {e}")),
    }
}

fn text_cell(text: &str) -> Cell {
    if text.trim().is_empty() {
        Cell::Empty
    } else if let Some(why) = limits::cell_too_long(text) {
        Cell::Unreadable(why)
    } else {
        Cell::Text(undo_neutralisation(text).to_string())
    }
}

/// Our own exports put an apostrophe before text that starts like a formula
/// (`export::safe::spreadsheet_cell`); reading it back takes that apostrophe
/// off, so export → import gives the text that was exported. Text is only
/// ever stored, never evaluated, so the bare `=` is harmless here.
pub fn undo_neutralisation(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest,
        _ => text,
    }
}

/// A number as a person would type it: `12`, not `12.0`.
pub fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        n.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn our_apostrophe_comes_off_and_others_stay() {
        assert_eq!(undo_neutralisation("'=1+1"), "=1+1");
        assert_eq!(undo_neutralisation("'-2 days"), "-2 days");
        assert_eq!(undo_neutralisation("'tis"), "'tis");
        assert_eq!(undo_neutralisation("plain"), "plain");
    }

    #[test]
    fn file_kinds_come_from_the_extension() {
        assert_eq!(FileKind::of(Path::new("a.CSV")).unwrap(), FileKind::Csv);
        assert_eq!(FileKind::of(Path::new("a.xlsx")).unwrap(), FileKind::Xlsx);
        let err = FileKind::of(Path::new("a.xls")).unwrap_err().to_string();
        assert!(err.contains(".xls file"), "{err}");
        assert!(FileKind::of(Path::new("tracker")).is_err());
    }

    #[test]
    fn whole_numbers_read_without_a_decimal_point() {
        assert_eq!(number_text(12.0), "12");
        assert_eq!(number_text(2.5), "2.5");
    }
}
