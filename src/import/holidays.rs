//! The GOV.UK bank holidays list saved as csv, in the official list's
//! layout: `title,date,notes,bunting`, one holiday a row, a header row first
//! (as www.gov.uk/bank-holidays.json has it, turned into csv). Every row is
//! read before anything is written, so a file with one bad row imports
//! nothing and each problem is named by row and column.

use chrono::NaiveDate;

use super::dates::{parse_uk_date, DATE_FORMS};
use super::limits::{MAX_CELL_CHARS, MAX_ROWS};
use super::RowError;

/// One holiday of the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HolidayLine {
    /// The row of the file it came from, the header being row 1.
    pub row: usize,
    pub date: NaiveDate,
    /// The title, with "(substitute day)" when the notes say it is one, as
    /// the desk's computed list names them.
    pub name: String,
}

const HEADERS: [&str; 4] = ["title", "date", "notes", "bunting"];

/// The holidays of a csv file's text, or every row's problem.
pub fn read_holidays(text: &str) -> Result<Vec<HolidayLine>, Vec<RowError>> {
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(text.as_bytes());
    let headers: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|c| c.trim().to_lowercase()).collect(),
        Err(e) => return Err(vec![problem(1, "", format!("the file is not csv: {e}"))]),
    };
    if headers.iter().take(4).map(String::as_str).ne(HEADERS) {
        let found = headers.join(",");
        return Err(vec![problem(
            1,
            "",
            format!("the header row is \"{found}\"; the GOV.UK list's is \"title,date,notes,bunting\""),
        )]);
    }
    let (mut lines, mut errors) = (Vec::new(), Vec::new());
    for (n, record) in reader.records().enumerate() {
        let row = n + 2;
        if row > MAX_ROWS {
            errors.push(problem(row, "", format!("more than {MAX_ROWS} rows: split the file")));
            break;
        }
        match record {
            Ok(record) => match line(row, &record) {
                Ok(line) => lines.push(line),
                Err(e) => errors.push(e),
            },
            Err(e) => errors.push(problem(row, "", format!("unreadable row: {e}"))),
        }
    }
    if lines.is_empty() && errors.is_empty() {
        errors.push(problem(2, "", "the file lists no bank holidays".into()));
    }
    if errors.is_empty() {
        Ok(lines)
    } else {
        Err(errors)
    }
}

fn line(row: usize, record: &csv::StringRecord) -> Result<HolidayLine, RowError> {
    let cell = |n: usize| record.get(n).unwrap_or("").trim();
    let (title, date, notes) = (cell(0), cell(1), cell(2));
    if title.is_empty() {
        return Err(problem(row, "title", "no title: name the bank holiday".into()));
    }
    if title.chars().count() > MAX_CELL_CHARS.min(200) {
        return Err(problem(row, "title", "the title is longer than 200 characters".into()));
    }
    let date = parse_uk_date(date)
        .ok_or_else(|| problem(row, "date", format!("\"{date}\" is not a date: write it as {DATE_FORMS}")))?;
    let substitute = notes.to_lowercase().contains("substitute day") && !title.to_lowercase().contains("substitute");
    let name = if substitute { format!("{title} (substitute day)") } else { title.to_string() };
    Ok(HolidayLine { row, date, name })
}

fn problem(row: usize, column: &str, reason: String) -> RowError {
    RowError { row, column: column.to_string(), reason }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_official_layout_reads_with_substitute_days_named() {
        let text = "title,date,notes,bunting\n\
                    Christmas Day,2026-12-25,,true\n\
                    Boxing Day,2026-12-28,Substitute day,true\n\
                    Coronation,08/05/2023,,true\n";
        let lines = read_holidays(text).unwrap();
        let names: Vec<(String, &str)> = lines.iter().map(|l| (l.date.to_string(), l.name.as_str())).collect();
        assert_eq!(
            names,
            [
                ("2026-12-25".into(), "Christmas Day"),
                ("2026-12-28".into(), "Boxing Day (substitute day)"),
                ("2023-05-08".into(), "Coronation")
            ]
        );
        assert_eq!(lines[2].row, 4);
    }

    #[test]
    fn every_bad_row_is_named_and_nothing_is_read() {
        let text =
            "title,date,notes,bunting\nChristmas Day,2026-12-25,,true\n,2026-12-28,,true\nNew Year,31/02/2027,,true\n";
        let errors = read_holidays(text).unwrap_err();
        let said: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(said.len(), 2, "{said:?}");
        assert!(said[0].starts_with("row 3, column \"title\""), "{said:?}");
        assert!(said[1].starts_with("row 4, column \"date\": \"31/02/2027\" is not a date"), "{said:?}");
        let wrong = read_holidays("date,name\n2026-12-25,Christmas\n").unwrap_err();
        assert!(wrong[0].reason.contains("title,date,notes,bunting"), "{wrong:?}");
    }
}
