//! Workbooks: the end-of-day summary with one sheet per section, and the
//! sheet writer the anonymised sample shares. Every text cell goes through
//! `spreadsheet_cell`; dates are Excel dates; nothing is hidden; the document
//! properties carry a title and nothing about who made it.

use chrono::Datelike;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

use super::sections::{sections, Cell, Section};
use super::PartyNames;
use crate::export::safe::spreadsheet_cell;
use crate::store::summary::Summary;

/// The whole summary as an .xlsx file's bytes.
pub fn render(s: &Summary, names: Option<&PartyNames>) -> anyhow::Result<Vec<u8>> {
    let mut workbook = workbook_titled("casedesk end-of-day summary");
    // The front sheet, then one sheet per list that has rows: a workbook of
    // header rows alone told the manager nothing (issue 15 §2).
    let all = sections(s, names);
    let shown: Vec<&Section> =
        all.iter().enumerate().filter(|(i, s)| *i == 0 || !s.rows.is_empty()).map(|(_, s)| s).collect();
    add_sheets(&mut workbook, &shown)?;
    Ok(workbook.save_to_buffer()?)
}

/// Sheets of at least this many rows are filled on a thread of their own.
const ROWS_FOR_A_THREAD: usize = 2_000;

/// The sheets in order, the long ones filled side by side: each sheet
/// streams to its own file, so at 100,000 cases the five long deadline
/// lists take the time of the longest rather than of all five (issue 15,
/// Speed). The formats are registered first, so their numbering in the
/// file does not depend on which thread reaches them first.
pub(crate) fn add_sheets(workbook: &mut Workbook, sections: &[&Section]) -> Result<(), XlsxError> {
    let formats = Formats::new();
    for format in [&formats.bold, &formats.date, &formats.month] {
        workbook.register_format(format);
    }
    let first = workbook.worksheets_mut().len();
    for _ in sections {
        new_sheet(workbook)?;
    }
    let sheets = &mut workbook.worksheets_mut()[first..];
    std::thread::scope(|scope| {
        let mut threads = Vec::new();
        let mut here = Vec::new();
        for (sheet, section) in sheets.iter_mut().zip(sections) {
            if section.rows.len() >= ROWS_FOR_A_THREAD {
                threads.push(scope.spawn(|| fill_sheet(sheet, section, &formats)));
            } else {
                here.push((sheet, section));
            }
        }
        let mut result: Result<(), XlsxError> =
            here.into_iter().try_for_each(|(sheet, section)| fill_sheet(sheet, section, &formats));
        for thread in threads {
            let filled = thread.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            result = result.and(filled);
        }
        result
    })
}

/// A workbook whose properties say only `title`: no author, company or
/// comment (rust_xlsxwriter leaves them empty unless set).
pub(crate) fn workbook_titled(title: &str) -> Workbook {
    let mut workbook = Workbook::new();
    workbook.set_properties(&DocProperties::new().set_title(title));
    // The fastest zip level: a force-wide summary of 60,000 cells is written
    // in a third of the time, for a file about a fifth larger.
    workbook.set_zip_compression_level(1);
    workbook
}

/// One sheet: a bold header row, frozen so it stays in view, then the rows,
/// each column as wide as its longest entry (within reason).
pub(crate) fn add_sheet(workbook: &mut Workbook, section: &Section) -> Result<(), XlsxError> {
    fill_sheet(new_sheet(workbook)?, section, &Formats::new())
}

/// The formats a sheet's cells take.
struct Formats {
    bold: Format,
    date: Format,
    month: Format,
}

impl Formats {
    fn new() -> Formats {
        Formats {
            bold: Format::new().set_bold(),
            date: Format::new().set_num_format("dd/mm/yyyy"),
            month: Format::new().set_num_format("mmm yyyy"),
        }
    }
}

/// A new sheet's name, header, widths and rows.
fn fill_sheet(sheet: &mut Worksheet, section: &Section, formats: &Formats) -> Result<(), XlsxError> {
    let Formats { bold, date, month } = formats;
    // Widths first: a streamed sheet writes its column widths before its rows.
    let mut widths: Vec<usize> = section.columns.iter().map(|c| c.chars().count()).collect();
    for row in &section.rows {
        for (c, cell) in row.iter().enumerate() {
            if let Some(width) = widths.get_mut(c) {
                *width = (*width).max(shown_width(cell));
            }
        }
    }
    sheet.set_name(section.sheet)?;
    // Printed, each page of a sheet is headed by what it lists.
    sheet.set_header(format!("&C{}", section.heading.replace('&', "&&")));
    for (c, width) in widths.into_iter().enumerate() {
        sheet.set_column_width(col(c)?, (width.min(MAX_WIDTH) + 2) as f64)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    for (c, column) in section.columns.iter().enumerate() {
        sheet.write_string_with_format(0, col(c)?, spreadsheet_cell(column), bold)?;
    }
    for (r, row) in section.rows.iter().enumerate() {
        let r = u32::try_from(r + 1).map_err(|_| XlsxError::RowColumnLimitError)?;
        for (c, cell) in row.iter().enumerate() {
            let c = col(c)?;
            match cell {
                Cell::Text(text) => sheet.write_string(r, c, spreadsheet_cell(text))?,
                Cell::Number(n) => sheet.write_number(r, c, *n as f64)?,
                Cell::Date(d) => sheet.write_date_with_format(r, c, excel_date(*d)?, date)?,
                Cell::Month(d) => sheet.write_date_with_format(r, c, excel_date(*d)?, month)?,
            };
        }
    }
    Ok(())
}

/// A sheet streamed row by row: its rows go to an unnamed temporary file
/// (owner-only, gone when the workbook is) rather than being held in memory,
/// and its strings are written inline rather than through a shared table,
/// which on a force-wide summary is a third faster and a third the memory.
/// Where no temporary file can be made, an ordinary sheet held in memory.
fn new_sheet(workbook: &mut Workbook) -> Result<&mut Worksheet, XlsxError> {
    let index = workbook.worksheets_mut().len();
    if workbook.add_worksheet_with_constant_memory().is_err() {
        workbook.add_worksheet();
    }
    workbook.worksheet_from_index(index)
}

/// Widest column, in characters; a longer entry is still whole in its cell.
const MAX_WIDTH: usize = 60;

/// How many characters a cell shows: its text, or its number or date as
/// formatted.
fn shown_width(cell: &Cell) -> usize {
    match cell {
        Cell::Text(text) => text.chars().count(),
        Cell::Number(n) => n.to_string().len(),
        Cell::Date(_) => "dd/mm/yyyy".len(),
        Cell::Month(_) => "mmm yyyy".len(),
    }
}

fn col(c: usize) -> Result<u16, XlsxError> {
    u16::try_from(c).map_err(|_| XlsxError::RowColumnLimitError)
}

fn excel_date(d: chrono::NaiveDate) -> Result<ExcelDateTime, XlsxError> {
    let year = u16::try_from(d.year()).map_err(|_| XlsxError::DateTimeRangeError(d.to_string()))?;
    ExcelDateTime::from_ymd(year, d.month() as u8, d.day() as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_count_what_the_cell_shows() {
        let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        assert_eq!(shown_width(&Cell::text("Ünïcode")), 7);
        assert_eq!(shown_width(&Cell::Number(-1234)), 5);
        assert_eq!(shown_width(&Cell::Date(day)), 10);
        assert_eq!(shown_width(&Cell::Month(day)), 8);
    }

    fn one_section() -> Section {
        let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        Section {
            sheet: "Deadlines",
            heading: "Deadlines",
            columns: vec!["Case", "Due"],
            rows: vec![vec![Cell::text("RJ-2026-0001"), Cell::Date(day)], vec![Cell::text("=1+1"), Cell::Date(day)]],
        }
    }

    fn read_back(bytes: Vec<u8>) -> Vec<Vec<String>> {
        use calamine::{Reader, Xlsx};
        let mut book = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
        let range = book.worksheet_range("Deadlines").unwrap();
        range.rows().map(|r| r.iter().map(|c| c.to_string()).collect()).collect()
    }

    #[test]
    fn a_sheet_is_written_whether_or_not_a_temporary_file_can_be_made() {
        let streamed = {
            let mut workbook = workbook_titled("t");
            add_sheet(&mut workbook, &one_section()).unwrap();
            read_back(workbook.save_to_buffer().unwrap())
        };
        // A temporary folder that has gone: the sheet is held in memory instead.
        let gone = tempfile::tempdir().unwrap();
        let mut workbook = workbook_titled("t");
        workbook.set_tempdir(gone.path()).unwrap();
        drop(gone);
        assert!(workbook.add_worksheet_with_constant_memory().is_err(), "the folder is gone");
        add_sheet(&mut workbook, &one_section()).unwrap();
        let in_memory = read_back(workbook.save_to_buffer().unwrap());
        assert_eq!(streamed, in_memory);
        assert_eq!(streamed[0], ["Case", "Due"]);
        assert_eq!(streamed[2][0], "'=1+1", "text a spreadsheet could run is neutralised");
    }

    fn rows_of(n: usize, sheet: &'static str) -> Section {
        let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        let rows = (0..n).map(|i| vec![Cell::text(format!("{sheet} {i}")), Cell::Date(day), Cell::Number(i as i64)]);
        Section { sheet, heading: sheet, columns: vec!["Case", "Due", "Days"], rows: rows.collect() }
    }

    /// Long sheets filled on threads of their own come out whole, in their
    /// place among the short ones, and the file says the same each time.
    #[test]
    fn long_sheets_filled_side_by_side_keep_their_order_and_rows() {
        let long = ROWS_FOR_A_THREAD + 5;
        let sections = [rows_of(3, "Front"), rows_of(long, "Long one"), rows_of(7, "Short"), rows_of(long, "Long two")];
        let write = || {
            let mut workbook = workbook_titled("t");
            add_sheets(&mut workbook, &sections.iter().collect::<Vec<_>>()).unwrap();
            workbook.save_to_buffer().unwrap()
        };
        let bytes = write();
        use calamine::{Data, Reader, Xlsx};
        let mut book = Xlsx::new(std::io::Cursor::new(bytes.clone())).unwrap();
        assert_eq!(book.sheet_names(), ["Front", "Long one", "Short", "Long two"]);
        for section in &sections {
            let range = book.worksheet_range(section.sheet).unwrap();
            assert_eq!(range.height(), section.rows.len() + 1, "{}", section.sheet);
            let last = range.rows().next_back().unwrap();
            assert_eq!(last[0], Data::String(format!("{} {}", section.sheet, section.rows.len() - 1)));
            assert!(matches!(last[1], Data::DateTime(_)), "a date stays a date: {:?}", last[1]);
        }
        let styles = |bytes: Vec<u8>| {
            let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
            std::io::read_to_string(zip.by_name("xl/styles.xml").unwrap()).unwrap()
        };
        assert_eq!(styles(bytes), styles(write()), "the formats are numbered the same every time");
    }
}
