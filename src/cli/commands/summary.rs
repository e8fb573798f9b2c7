//! `casedesk summary`: the end-of-day summary, to a file or the terminal.

use std::path::Path;

use chrono::NaiveDate;

use crate::cli::desk::Desk;
use crate::cli::Failure;
use crate::export::summary::{write_summary, SummaryFormat};
use crate::store::OpenMode;

/// With `disclosure` = (recipient, justification) names are included, and
/// the log records a disclosure (DPA 2018 s.62(4)).
pub fn run(
    desk: Desk<'_>,
    date: NaiveDate,
    format: SummaryFormat,
    output: Option<&Path>,
    disclosure: Option<(String, String)>,
) -> Result<(), Failure> {
    desk.guard_output(output)?;
    let mut store = desk.open(OpenMode::ToRead)?;
    match (write_summary(&mut store, date, format, output, disclosure)?, output) {
        (Some(document), _) => super::print_document(&document, "writing the summary to standard output")?,
        (None, Some(path)) => crate::tell!("Wrote the summary for {date} to {}", path.display()),
        (None, None) => {}
    }
    Ok(())
}
