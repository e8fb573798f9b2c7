//! `casedesk report`: the figures for a period, to a file or the terminal.

use std::path::Path;

use chrono::NaiveDate;

use crate::cli::desk::Desk;
use crate::cli::Failure;
use crate::export::report::write_report;
use crate::store::OpenMode;

pub fn run(desk: Desk<'_>, from: NaiveDate, to: NaiveDate, format: &str, output: Option<&Path>) -> Result<(), Failure> {
    desk.guard_output(output)?;
    let mut store = desk.open(OpenMode::ToRead)?;
    match (write_report(&mut store, from, to, format, output)?, output) {
        (Some(document), _) => super::print_document(&document, "cannot write the report")?,
        (None, Some(path)) => crate::tell!("Wrote the report for {from} to {to} to {}", path.display()),
        (None, None) => {}
    }
    Ok(())
}
