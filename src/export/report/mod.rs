//! Period reports: figures over a period, each with its counting definition,
//! for the command line (`casedesk report`) and the Reports screen.

mod figures;
pub mod oocd_monthly;
mod render;
pub mod rj_quarterly;

use std::path::Path;

use chrono::NaiveDate;
use serde::Serialize;

pub use figures::{build as build_figures, median, percentile_nearest_rank, Figure, FigureValue};
pub use render::render;

use crate::domain::workdays::WorkCalendar;
use crate::export::deliver_logged;
use crate::store::views::reports::WeeklyCounts;
use crate::store::{AuditEntry, AuditOp, Store, StoreResult};

/// The formats a report is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    Md,
    Csv,
    Json,
    Xlsx,
}

impl crate::export::format::FileFormat for ReportFormat {
    const ALL: &'static [Self] = &[ReportFormat::Md, ReportFormat::Csv, ReportFormat::Json, ReportFormat::Xlsx];
    const TERMINAL: Self = ReportFormat::Md;

    fn extension(self) -> &'static str {
        self.name()
    }
}

impl ReportFormat {
    pub fn parse(text: &str) -> anyhow::Result<ReportFormat> {
        match text.trim().to_ascii_lowercase().as_str() {
            "md" | "markdown" => Ok(ReportFormat::Md),
            "csv" => Ok(ReportFormat::Csv),
            "json" => Ok(ReportFormat::Json),
            "xlsx" => Ok(ReportFormat::Xlsx),
            _ => anyhow::bail!("{text:?} is not a report format: use md, csv, json or xlsx"),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            ReportFormat::Md => "md",
            ReportFormat::Csv => "csv",
            ReportFormat::Json => "json",
            ReportFormat::Xlsx => "xlsx",
        }
    }
}

/// One period's report; the field names are the JSON keys.
#[derive(Debug, Clone, Serialize)]
pub struct PeriodReport {
    /// "Period report", "OOCD monthly return": the document's heading.
    pub title: &'static str,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub figures: Vec<Figure>,
    pub weekly: Weekly,
}

/// Counts per week, for the screen's sparklines (and the JSON file).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Weekly {
    /// The first day of each week; week 0 starts on the period's first day.
    pub week_starts: Vec<NaiveDate>,
    pub referrals_received: Vec<u64>,
    pub conditions_completed: Vec<u64>,
    pub decisions: Vec<u64>,
}

impl PeriodReport {
    /// The figure with this key, if the report has it.
    pub fn figure(&self, key: &str) -> Option<&Figure> {
        self.figures.iter().find(|f| f.key == key)
    }

    /// Figures whose key starts with `prefix`, e.g. `referrals_by_source.`.
    pub fn group<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = &'a Figure> + 'a {
        self.figures.iter().filter(move |f| f.key.starts_with(prefix))
    }
}

/// Gather the report for `from..=to` (both days included).
pub fn gather(store: &Store, from: NaiveDate, to: NaiveDate, calendar: &WorkCalendar) -> StoreResult<PeriodReport> {
    let (facts, counts) = store.period_figures(from, to)?;
    let weekly = weekly(from, counts);
    Ok(PeriodReport { title: "Period report", from, to, figures: build_figures(&facts, calendar), weekly })
}

fn weekly(from: NaiveDate, counts: WeeklyCounts) -> Weekly {
    let week_starts = (0..counts.referrals.len()).map(|w| from + chrono::Duration::days(7 * w as i64)).collect();
    Weekly {
        week_starts,
        referrals_received: counts.referrals,
        conditions_completed: counts.conditions_completed,
        decisions: counts.decisions,
    }
}

/// Gather, render, write to `output` and log the export, the file and its
/// audit row together; with no `output` the export is logged and the
/// document returned, for the caller to print.
pub fn write_report(
    store: &mut Store,
    from: NaiveDate,
    to: NaiveDate,
    format: ReportFormat,
    output: Option<&Path>,
) -> anyhow::Result<Option<Vec<u8>>> {
    if to < from {
        anyhow::bail!("the period ends ({to}) before it starts ({from}): give --from on or before --to");
    }
    if format == ReportFormat::Xlsx && output.is_none() {
        anyhow::bail!("an xlsx report is a binary file: give -o FILE.xlsx to write it");
    }
    let calendar = store.calendar()?;
    let report = gather(store, from, to, &calendar)?;
    deliver(store, &report, "period report", format, output)
}

/// The OOCD monthly return for `month` ("2026-11"), written and logged as
/// a period report is.
pub fn write_oocd_monthly(
    store: &mut Store,
    month: &str,
    format: ReportFormat,
    output: Option<&Path>,
) -> anyhow::Result<Option<Vec<u8>>> {
    let (from, to) = oocd_monthly::month_bounds(month)?;
    if format == ReportFormat::Xlsx && output.is_none() {
        anyhow::bail!("an xlsx report is a binary file: give -o FILE.xlsx to write it");
    }
    let report = oocd_monthly::gather(store, from, to)?;
    deliver(store, &report, "OOCD monthly return", format, output)
}

/// The RJ quarterly return for `quarter` ("2026-Q3"), written and logged
/// as a period report is.
pub fn write_rj_quarterly(
    store: &mut Store,
    quarter: &str,
    format: ReportFormat,
    output: Option<&Path>,
) -> anyhow::Result<Option<Vec<u8>>> {
    let (from, to) = rj_quarterly::quarter_bounds(quarter)?;
    if format == ReportFormat::Xlsx && output.is_none() {
        anyhow::bail!("an xlsx report is a binary file: give -o FILE.xlsx to write it");
    }
    let report = rj_quarterly::gather(store, from, to)?;
    deliver(store, &report, "RJ quarterly return", format, output)
}

fn deliver(
    store: &mut Store,
    report: &PeriodReport,
    what: &str,
    format: ReportFormat,
    output: Option<&Path>,
) -> anyhow::Result<Option<Vec<u8>>> {
    let (from, to) = (report.from, report.to);
    let bytes = render(report, format)?;
    // Each export is logged (DPA 2018 s.62): figures only, no personal data.
    let recipient = output.map_or("standard output".to_string(), |p| p.display().to_string());
    let mut entry = AuditEntry::new(AuditOp::Export, "report", format!("{from}..{to}"));
    entry.justification = Some(format!("{what} {from} to {to} ({}), figures only", format.name()));
    entry.recipient = Some(recipient);
    deliver_logged(store, output, &entry, bytes)
}
