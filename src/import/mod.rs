//! Import from existing trackers (`casedesk import`). The tracker export
//! that round-trips with it (`casedesk tracker`) is `export::tracker`, and
//! writes the layout read here (`layout`).
//!
//! An import reads the file (`read`), matches its headers to fields
//! (`mapping`), turns every row into typed records or named problems
//! (`rows`, `dates`, `values`), and writes them row by row in one
//! transaction (`write`), each row freed once written. If any row has a
//! problem, the transaction is rolled back, nothing is imported and every
//! problem is listed by row number, column and reason.
//!
//! References: a tracker reference already in casedesk's form
//! (`OOCD-2026-0107`, `RJ-…`, `MED-…`, matching the row's service) is kept,
//! and the reference counter moves past it. Any other tracker reference is
//! kept in the case's notes ("Imported from tracker reference "T/17".") and
//! the case gets a new reference; a second import of the same tracker
//! reference is refused.

mod dates;
pub mod directory;
mod holidays;
mod limits;
mod mapping;
mod read;
mod rows;
mod values;
mod write;

use std::path::Path;

use chrono::NaiveDate;

use crate::domain::case_status::CaseStatus;
use crate::export::safe::inert;
use crate::store::Store;

pub use dates::{excel_serial_date, excel_serial_of, parse_uk_date};
pub use holidays::{read_holidays, HolidayLine};
pub use mapping::{Field, Mapping};

/// The tracker layout as `export::tracker` writes it: the columns and how
/// a value is written in its cell, the same that an import reads back.
pub(crate) mod layout {
    pub use super::mapping::{CondPart, Field, MAX_CONDITIONS};
    pub use super::read::number_text;
    pub use super::values::{flags_text, other_people_text, OtherPerson};
}

pub use rows::RowError;
use write::ImportRun;
pub use write::{Outcome, PlannedCase};

/// Read the tracker `file`, match its headers (with the `mapping` file when
/// given), then check and write every row in one transaction.
pub fn import_file(
    store: &mut Store,
    today: NaiveDate,
    file: &Path,
    dry_run: bool,
    mapping: Option<&Path>,
) -> anyhow::Result<Checked> {
    let mapping = match mapping {
        Some(path) => Mapping::load(path)?,
        None => Mapping::default(),
    };
    let table = read::read_table(file)?;
    check_and_write(store, today, &file_name(file), table, &mapping, dry_run)
}

/// The name an import gives its file in what it says and records.
pub fn file_name(file: &Path) -> String {
    file.file_name().map_or_else(|| file.display().to_string(), |n| n.to_string_lossy().into_owned())
}

/// How far an import got. `Err` from the functions returning this is
/// reserved for the store failing (disk, lock): every problem with the
/// file's content is one of these.
pub enum Checked {
    /// The file could not be read as a tracker, or its headers did not
    /// match the fields; each sentence says why.
    Unmapped(Vec<String>),
    /// Rows with problems, found before anything was written (nothing
    /// was): the first problems, and how many more there are.
    RowProblems { accepted: usize, errors: Vec<RowError>, unlisted: usize },
    /// Every row passed its checks (`accepted` of them) and the write ran.
    Written { accepted: usize, outcome: Outcome },
}

/// Map the headers, then check and write every row in one transaction.
fn check_and_write(
    store: &mut Store,
    today: NaiveDate,
    name: &str,
    table: read::Table,
    mapping: &Mapping,
    dry_run: bool,
) -> anyhow::Result<Checked> {
    let columns = match mapping::resolve(&table.headers, mapping) {
        Ok(columns) => columns,
        Err(problems) => return Ok(Checked::Unmapped(problems)),
    };
    let (rules, calendar) = (store.rules()?, store.calendar()?);
    let run = ImportRun { file_name: name, columns: &columns, rules: &rules, calendar: &calendar, dry_run };
    write::import_table(store, table, today, &run)
}

/// The whole import over CSV bytes held in memory, with the default
/// mapping: the entry point of the import fuzz target and its stable twin
/// (`tests/fuzz_inputs.rs`). The same reading, row checks and write as
/// `casedesk import`, with no file on disk.
pub fn import_csv_bytes(store: &mut Store, today: NaiveDate, bytes: &[u8], dry_run: bool) -> anyhow::Result<Checked> {
    const NAME: &str = "tracker.csv";
    let table = match read::read_csv_bytes(NAME, bytes).and_then(|t| read::check_table(NAME, t)) {
        Ok(table) => table,
        Err(e) => return Ok(Checked::Unmapped(vec![format!("{e:#}")])),
    };
    check_and_write(store, today, NAME, table, &Mapping::default(), dry_run)
}

/// The first problems one by one, then how many more: a file with a
/// problem in every cell gives a page, not gigabytes.
pub fn problem_lines(errors: &[RowError], unlisted: usize) -> Vec<String> {
    let listed = errors.len().min(limits::PROBLEMS_LISTED);
    let mut lines: Vec<String> = errors[..listed].iter().map(|e| format!("  {e}")).collect();
    let more = unlisted + (errors.len() - listed);
    if more > 0 {
        let noun = if more == 1 { "problem" } else { "problems" };
        lines.push(format!("  and {more} more {noun}"));
    }
    lines
}

/// Why nothing was imported, once the problems are listed.
pub fn refused(name: &str, count: usize) -> anyhow::Error {
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
        let each: Vec<String> = p.conditions.iter().map(|(kind, due)| format!("{} due {due}", kind.label())).collect();
        format!("conditions: {}", each.join(", "))
    };
    let status = CaseStatus::parse(p.service, &p.status).map_or_else(|| p.status.clone(), |s| s.label().to_string());
    format!("  row {}: {reference}, {}, status {status}, {people}, {conditions}", p.row, p.service.label())
}
