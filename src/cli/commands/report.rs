//! `casedesk report`: the figures for a period, to a file or the terminal.

use std::path::Path;

use chrono::NaiveDate;

use crate::cli::desk::Desk;
use crate::cli::failure::Failure;
use crate::cli::output::print_or_say_written;
use crate::export::format::chosen;
use crate::export::report::{write_oocd_monthly, write_report, write_rj_quarterly, ReportFormat};
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

/// The period a return names: a month or a quarter.
pub struct ReturnPeriod<'a> {
    pub month: Option<&'a str>,
    pub quarter: Option<&'a str>,
}

/// A return by its kind: `oocd-monthly` for `--month`, `rj-quarterly` for
/// `--quarter`.
pub fn run_return(
    desk: Desk<'_>,
    kind: &str,
    period: ReturnPeriod<'_>,
    format: Option<&str>,
    output: Option<&Path>,
) -> Result<(), Failure> {
    let (name, period, write): (&str, &str, Writer) = match (kind.trim(), period.month, period.quarter) {
        ("oocd-monthly", Some(month), None) => ("OOCD monthly return", month, write_oocd_monthly),
        ("rj-quarterly", None, Some(quarter)) => ("RJ quarterly return", quarter, write_rj_quarterly),
        ("oocd-monthly", ..) => {
            return Err(anyhow::anyhow!("the OOCD monthly return takes --month, e.g. 2026-11").into())
        }
        ("rj-quarterly", ..) => {
            return Err(anyhow::anyhow!("the RJ quarterly return takes --quarter, e.g. 2026-Q3").into())
        }
        _ => return Err(anyhow::anyhow!("{kind:?} is not a kind of return: use oocd-monthly or rj-quarterly").into()),
    };
    desk.guard_output(output)?;
    let format = chosen(format.map(ReportFormat::parse).transpose()?, output)?;
    let mut store = desk.open(OpenMode::ToRead)?;
    let document = write(&mut store, period, format, output)?;
    print_or_say_written(document, output, "cannot write the return", |path| {
        format!("Wrote the {name} for {period} to {}", path.display())
    })?;
    Ok(())
}

type Writer = fn(&mut crate::store::Store, &str, ReportFormat, Option<&Path>) -> anyhow::Result<Option<Vec<u8>>>;
