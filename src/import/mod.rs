//! Import from existing trackers (`casedesk import`) and the tracker export
//! that round-trips with it (`casedesk tracker`).
//!
//! An import reads the file (`read`), matches its headers to fields
//! (`mapping`), turns every row into typed records or named problems
//! (`rows`, `dates`, `values`), and writes all of it in one transaction
//! (`write`). If any row has a problem, nothing is imported and every
//! problem is listed by row number, column and reason.
//!
//! References: a tracker reference already in casedesk's form
//! (`OOCD-2026-0107`, `RJ-…`, `MED-…`, matching the row's service) is kept,
//! and the reference counter moves past it. Any other tracker reference is
//! kept in the case's notes ("Imported from tracker reference "T/17".") and
//! the case gets a new reference; a second import of the same tracker
//! reference is refused.

mod dates;
mod mapping;
mod read;
mod rows;
mod tracker;
mod values;
mod write;

use std::path::Path;

use chrono::NaiveDate;

use crate::export::safe::inert;
use crate::store::Store;

pub use dates::{excel_serial_date, excel_serial_of, parse_uk_date};
pub use mapping::{Field, Mapping};
pub use tracker::cli_tracker;

use rows::RowError;
use write::{ImportRun, Outcome, PlannedCase};

/// `casedesk import FILE [--dry-run] [--mapping FILE.toml]`.
pub fn cli_import(
    mut store: Store,
    today: NaiveDate,
    file: &Path,
    dry_run: bool,
    mapping: Option<&Path>,
) -> anyhow::Result<()> {
    let mapping = match mapping {
        Some(path) => Mapping::load(path)?,
        None => Mapping::default(),
    };
    let table = read::read_table(file)?;
    let name = file.file_name().map_or_else(|| file.display().to_string(), |n| n.to_string_lossy().into_owned());
    let columns = match mapping::resolve(&table.headers, &mapping) {
        Ok(columns) => columns,
        Err(problems) => {
            for problem in &problems {
                eprintln!("  {problem}");
            }
            return Err(refused(&name, problems.len()));
        }
    };
    let (rows, errors) = rows::read_rows(&table, &columns, today);
    if !errors.is_empty() {
        return Err(report(&name, &errors));
    }
    let rules = store.rules()?;
    let run = ImportRun { file_name: &name, columns: &columns, rules: &rules, dry_run };
    match write::write_rows(&mut store, &rows, &run)? {
        Outcome::Rejected(errors) => Err(report(&name, &errors)),
        Outcome::Written(planned) => {
            print!("{}", plan_text(&name, &planned, dry_run));
            Ok(())
        }
    }
}

fn report(name: &str, errors: &[RowError]) -> anyhow::Error {
    for e in errors {
        eprintln!("  {e}");
    }
    refused(name, errors.len())
}

fn refused(name: &str, count: usize) -> anyhow::Error {
    let problems = if count == 1 { "1 problem".to_string() } else { format!("{count} problems") };
    anyhow::anyhow!("{problems} in {} (listed above); nothing was imported", inert(name))
}

/// What was (or would be) created, one line per row.
pub fn plan_text(name: &str, planned: &[PlannedCase], dry_run: bool) -> String {
    let people: usize = planned.iter().map(|p| p.people).sum();
    let conditions: usize = planned.iter().map(|p| p.conditions.len()).sum();
    let counts = format!("{} cases, {people} people and {conditions} conditions", planned.len());
    let mut out = if dry_run {
        format!("Dry run of {}: nothing was changed. Importing it would create {counts}:\n", inert(name))
    } else {
        format!("Imported {counts} from {} in one transaction:\n", inert(name))
    };
    for p in planned {
        out.push_str(&plan_line(p));
        out.push('\n');
        for warning in &p.warnings {
            out.push_str(&format!("    warning: {}\n", inert(warning)));
        }
    }
    out
}

fn plan_line(p: &PlannedCase) -> String {
    let reference = if p.kept { format!("{} (kept)", p.reference) } else { format!("{} (new)", p.reference) };
    let people = if p.people == 1 { "1 person".to_string() } else { format!("{} people", p.people) };
    let conditions = if p.conditions.is_empty() {
        "no conditions".to_string()
    } else {
        let each: Vec<String> = p.conditions.iter().map(|(kind, due)| format!("{} due {due}", kind.as_str())).collect();
        format!("conditions: {}", each.join(", "))
    };
    format!("  row {}: {reference}, {}, status {}, {people}, {conditions}", p.row, p.service.as_str(), p.status)
}
