//! `casedesk report`: the figures for a period, to a file or the terminal.

use std::path::Path;

use chrono::NaiveDate;

use crate::cli::desk::Desk;
use crate::cli::failure::Failure;
use crate::cli::output::print_or_say_written;
use crate::export::format::chosen;
use crate::export::report::{write_oocd_monthly, write_report, ReportFormat};
use crate::store::OpenMode;

/// The format is `--format`'s, else the output file's extension's.
pub fn run(
    desk: Desk<'_>,
    from: NaiveDate,
    to: NaiveDate,
    format: Option<&str>,
    output: Option<&Path>,
) -> Result<(), Failure> {
    // A path that cannot be written to is refused before its extension is read.
    desk.guard_output(output)?;
    let format = chosen(format.map(ReportFormat::parse).transpose()?, output)?;
    let mut store = desk.open(OpenMode::ToRead)?;
    let document = write_report(&mut store, from, to, format, output)?;
    print_or_say_written(document, output, "cannot write the report", |path| {
        format!("Wrote the report for {from} to {to} to {}", path.display())
    })?;
    Ok(())
}

/// A return by its kind: `oocd-monthly` for `--month`.
pub fn run_return(
    desk: Desk<'_>,
    kind: &str,
    month: &str,
    format: Option<&str>,
    output: Option<&Path>,
) -> Result<(), Failure> {
    if kind.trim() != "oocd-monthly" {
        return Err(anyhow::anyhow!("{kind:?} is not a kind of return: use oocd-monthly").into());
    }
    desk.guard_output(output)?;
    let format = chosen(format.map(ReportFormat::parse).transpose()?, output)?;
    let mut store = desk.open(OpenMode::ToRead)?;
    let document = write_oocd_monthly(&mut store, month, format, output)?;
    print_or_say_written(document, output, "cannot write the return", |path| {
        format!("Wrote the OOCD monthly return for {month} to {}", path.display())
    })?;
    Ok(())
}
