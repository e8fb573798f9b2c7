//! A list as a command prints it: an aligned table for reading, CSV for a
//! spreadsheet, JSON for another program. Every cell is made inert; CSV cells
//! cannot start a formula.

use std::fmt::Write as _;

use unicode_width::UnicodeWidthStr;

use crate::export::safe::{inert, inert_json, spreadsheet_cell};

/// How a list is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TableFormat {
    /// Aligned columns for reading
    Table,
    /// Comma-separated values, one header row
    Csv,
    /// An array of objects keyed by the column headings
    Json,
}

/// Headings and rows of cells, one cell per heading.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    pub headings: Vec<&'static str>,
    pub rows: Vec<Vec<String>>,
}

impl Table {
    pub fn new(headings: Vec<&'static str>) -> Self {
        Table { headings, rows: Vec::new() }
    }

    /// The table as text in `format`, ending with a line break.
    pub fn render(&self, format: TableFormat) -> anyhow::Result<String> {
        match format {
            TableFormat::Table => Ok(self.aligned()),
            TableFormat::Csv => self.csv(),
            TableFormat::Json => self.json(),
        }
    }

    fn aligned(&self) -> String {
        let rows: Vec<Vec<String>> = self.rows.iter().map(|r| r.iter().map(|c| inert(c)).collect()).collect();
        let mut widths: Vec<usize> = self.headings.iter().map(|h| h.width()).collect();
        for row in &rows {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(cell.width());
            }
        }
        let line = |cells: Vec<&str>| {
            let padded: Vec<String> =
                cells.iter().zip(&widths).map(|(c, w)| format!("{c}{}", " ".repeat(w - c.width()))).collect();
            padded.join("  ").trim_end().to_string()
        };
        let mut out = String::new();
        let _ = writeln!(out, "{}", line(self.headings.clone()));
        for row in &rows {
            let _ = writeln!(out, "{}", line(row.iter().map(String::as_str).collect()));
        }
        out
    }

    fn csv(&self) -> anyhow::Result<String> {
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(&self.headings)?;
        for row in &self.rows {
            w.write_record(row.iter().map(|c| spreadsheet_cell(&inert(c))))?;
        }
        Ok(String::from_utf8(w.into_inner()?)?)
    }

    fn json(&self) -> anyhow::Result<String> {
        let objects: Vec<serde_json::Value> = self
            .rows
            .iter()
            .map(|row| {
                let fields = self.headings.iter().zip(row).map(|(h, c)| (h.to_string(), c.clone().into()));
                serde_json::Value::Object(fields.collect())
            })
            .collect();
        Ok(serde_json::to_string_pretty(&inert_json(objects.into()))? + "\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Table {
        let mut t = Table::new(vec!["Name", "Open"]);
        t.rows.push(vec!["Priya Shah".into(), "12".into()]);
        t.rows.push(vec!["=cmd|x".into(), "3".into()]);
        t
    }

    #[test]
    fn columns_line_up_under_their_headings() {
        assert_eq!(sample().render(TableFormat::Table).unwrap(), "Name        Open\nPriya Shah  12\n=cmd|x      3\n");
    }

    #[test]
    fn a_csv_cell_never_starts_a_formula_and_json_is_keyed_by_heading() {
        let csv = sample().render(TableFormat::Csv).unwrap();
        assert!(csv.starts_with("Name,Open\nPriya Shah,12\n") && !csv.contains("\n=cmd"), "{csv}");
        let json: serde_json::Value = serde_json::from_str(&sample().render(TableFormat::Json).unwrap()).unwrap();
        assert_eq!(json[0]["Name"], "Priya Shah");
    }
}
