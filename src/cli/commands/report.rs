//! `casedesk report`: the figures for a period, to a file or the terminal.

use std::path::Path;

use chrono::NaiveDate;

use crate::cli::desk::Desk;
use crate::cli::failure::Failure;
use crate::cli::output::print_or_say_written;
use crate::export::format::chosen;
use crate::export::report::{write_report, ReportFormat};
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
