//! `casedesk summary`: the end-of-day summary, to a file or the terminal.

use std::path::Path;

use chrono::NaiveDate;

use crate::cli::desk::Desk;
use crate::cli::failure::Failure;
use crate::cli::output::print_or_say_written;
use crate::export::format::chosen;
use crate::export::summary::{write_summary, SummaryFormat};
use crate::store::OpenMode;

/// The format is `--format`'s, else the output file's extension's. With
/// `disclosure` = (recipient, justification) names are included, and
/// the log records a disclosure (DPA 2018 s.62(4)).
pub fn run(
    desk: Desk<'_>,
    date: NaiveDate,
    format: Option<SummaryFormat>,
    output: Option<&Path>,
    disclosure: Option<(String, String)>,
) -> Result<(), Failure> {
    // A path that cannot be written to is refused before its extension is read.
    desk.guard_output(output)?;
    let format = chosen(format, output)?;
    let mut store = desk.open(OpenMode::ToRead)?;
    let document = write_summary(&mut store, date, format, output, disclosure)?;
    print_or_say_written(document, output, "writing the summary to standard output", |path| {
        format!("Wrote the summary for {} to {}", crate::domain::dates::day(date), path.display())
    })?;
    Ok(())
}
