//! A period report as Markdown, CSV, JSON or an Excel workbook. Every format
//! carries each figure's definition beside its value. Figures only: no names,
//! references or notes; closure outcomes are the one free text, written inert.

use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet};

use super::{PeriodReport, ReportFormat};
use crate::export::safe::{escape_markdown, spreadsheet_cell};

/// The file's bytes in `format`.
pub fn render(report: &PeriodReport, format: ReportFormat) -> anyhow::Result<Vec<u8>> {
    Ok(match format {
        ReportFormat::Md => markdown(report).into_bytes(),
        ReportFormat::Csv => csv(report)?,
        ReportFormat::Json => {
            let value = crate::export::safe::inert_json(serde_json::to_value(report)?);
            (serde_json::to_string_pretty(&value)? + "\n").into_bytes()
        }
        ReportFormat::Xlsx => xlsx(report)?,
    })
}

const HEADER: [&str; 4] = ["key", "figure", "value", "definition"];

fn long_date(d: NaiveDate) -> String {
    crate::domain::dates::long(d)
}

fn markdown(r: &PeriodReport) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}: {} to {}\n", r.title, long_date(r.from), long_date(r.to));
    let _ = writeln!(
        out,
        "Both days included. Figures only: this file holds no names. Each figure's definition says what is \
         counted, from which date and in which statuses.\n"
    );
    let _ = writeln!(out, "| Figure | Value | Definition |\n|---|---:|---|");
    for f in &r.figures {
        let value = f.value.text();
        let value = if value.is_empty() { "—".to_string() } else { value };
        let _ = writeln!(out, "| {} | {value} | {} |", escape_markdown(&f.label), escape_markdown(&f.definition));
    }
    // A return without weekly counts has no table of them.
    if r.weekly.week_starts.is_empty() {
        return out;
    }
    let _ = writeln!(out, "\n## By week\n");
    let _ = writeln!(
        out,
        "Weeks start on the period's first day; the last week may be short. Counted as in the figures above: \
         referrals by received date, conditions completed by completion date, suitability decisions by \
         decision date.\n"
    );
    let _ = writeln!(
        out,
        "| Week starting | Referrals received | Conditions completed | Decisions |\n|---|---:|---:|---:|"
    );
    let w = &r.weekly;
    for (i, start) in w.week_starts.iter().enumerate() {
        let at = |v: &[u64]| v.get(i).copied().unwrap_or(0);
        let _ = writeln!(
            out,
            "| {start} | {} | {} | {} |",
            at(&w.referrals_received),
            at(&w.conditions_completed),
            at(&w.decisions)
        );
    }
    out
}

fn csv(r: &PeriodReport) -> anyhow::Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(HEADER)?;
    for f in &r.figures {
        w.write_record([
            spreadsheet_cell(&f.key),
            spreadsheet_cell(&f.label),
            f.value.text(),
            spreadsheet_cell(&f.definition),
        ])?;
    }
    Ok(w.into_inner()?)
}

fn excel_date(d: NaiveDate) -> anyhow::Result<ExcelDateTime> {
    let month = u8::try_from(d.month())?;
    let day = u8::try_from(d.day())?;
    Ok(ExcelDateTime::from_ymd(u16::try_from(d.year())?, month, day)?)
}

/// Three sheets, each with its header row frozen: the figures with their
/// definitions, the weekly counts, and the period itself.
fn xlsx(r: &PeriodReport) -> anyhow::Result<Vec<u8>> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap();
    let date = Format::new().set_num_format("yyyy-mm-dd");

    let sheet = book.add_worksheet().set_name("Figures")?;
    header(sheet, &HEADER, &bold)?;
    for (i, f) in r.figures.iter().enumerate() {
        let row = u32::try_from(i + 1)?;
        sheet.write_string(row, 0, spreadsheet_cell(&f.key))?;
        sheet.write_string(row, 1, spreadsheet_cell(&f.label))?;
        if let Some(n) = f.value.number() {
            sheet.write_number(row, 2, n)?;
        }
        sheet.write_string_with_format(row, 3, spreadsheet_cell(&f.definition), &wrap)?;
    }
    for (col, width) in [(0u16, 34.0), (1, 48.0), (2, 10.0), (3, 90.0)] {
        sheet.set_column_width(col, width)?;
    }

    let sheet = book.add_worksheet().set_name("Weekly")?;
    header(sheet, &["week starting", "referrals received", "conditions completed", "decisions"], &bold)?;
    let w = &r.weekly;
    for (i, start) in w.week_starts.iter().enumerate() {
        let row = u32::try_from(i + 1)?;
        sheet.write_datetime_with_format(row, 0, excel_date(*start)?, &date)?;
        for (col, series) in [(1u16, &w.referrals_received), (2, &w.conditions_completed), (3, &w.decisions)] {
            sheet.write_number(row, col, series.get(i).copied().unwrap_or(0) as f64)?;
        }
    }
    sheet.set_column_width(0, 14.0)?;

    let sheet = book.add_worksheet().set_name("Period")?;
    header(sheet, &["from", "to"], &bold)?;
    sheet.write_datetime_with_format(1, 0, excel_date(r.from)?, &date)?;
    sheet.write_datetime_with_format(1, 1, excel_date(r.to)?, &date)?;
    sheet.set_column_width(0, 14.0)?;
    sheet.set_column_width(1, 14.0)?;

    Ok(book.save_to_buffer()?)
}

fn header(sheet: &mut Worksheet, names: &[&str], bold: &Format) -> anyhow::Result<()> {
    for (col, name) in names.iter().enumerate() {
        sheet.write_string_with_format(0, u16::try_from(col)?, *name, bold)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}
