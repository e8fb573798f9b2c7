//! Writing a whole tracker in ONE transaction through the store's audited
//! `Tx` functions: `create_case`, `add_party`, `set_disposal`,
//! `add_condition` (caps enforced). All or nothing: the first problem does
//! not stop the run, every row is tried so every problem is reported, and
//! then the transaction is rolled back. A dry run is the same run, always
//! rolled back, so what it prints is exactly what an import would do.
//!
//! Statuses. A tracker records where a case *is*, not the checklists and
//! breach records that got it there, so walking the status machine step by
//! step would be refused (issue needs a signed document, leaving sense check
//! needs the checklist). Instead `rows` refuses any status the machine could
//! never reach for that disposal type, and here the status is set directly,
//! through the audited `Tx::update`, with the import's own Combine row
//! saying where it came from.

use chrono::NaiveDate;
use std::collections::HashMap;

use super::mapping::{Columns, CondPart, Field};
use super::read::{Cell, Table};
use super::rows::{self, tracker_ref_note, ImportRow, Problems, RefPlan, RowError};
use super::Checked;
use crate::domain::caps::ConditionKind;
use crate::domain::due_day::due_day_warning;
use crate::domain::rules::Rules;
use crate::domain::types::Service;
use crate::domain::workdays::WorkCalendar;
use crate::export::safe::inert;
use crate::store::model::NewDisposal;
use crate::store::{AuditEntry, AuditOp, ImportedStatus, Store, StoreError, StoreResult, Tx};

/// What one row becomes (or would become, in a dry run).
#[derive(Debug, Clone)]
pub struct PlannedCase {
    pub row: usize,
    pub reference: String,
    pub kept: bool,
    pub service: Service,
    pub status: String,
    pub people: usize,
    pub conditions: Vec<(ConditionKind, NaiveDate)>,
    /// Cap findings that warn but do not block (unverified limits).
    pub warnings: Vec<String>,
}

pub enum Outcome {
    /// Imported, or for a dry run what would be.
    Written(Vec<PlannedCase>),
    /// Nothing changed; every problem found.
    Rejected(Vec<RowError>),
}

/// How this run was asked for.
pub struct ImportRun<'a> {
    pub file_name: &'a str,
    pub columns: &'a Columns,
    pub rules: &'a Rules,
    /// The desk's working days, for the Victims' Code clock.
    pub calendar: &'a WorkCalendar,
    pub dry_run: bool,
}

/// A failure inside one row: the row's problem, or the store's own
/// (disk, lock), which stops the whole run.
enum Failure {
    Row(RowError),
    Store(StoreError),
}

/// Returned from the transaction to roll it back on purpose.
const ROLL_BACK: &str = "import rolled back";

/// Every problem found so far, by kind. Only the first kind found is
/// reported, as the checks ran one after the other before: problems in the
/// file's cells, then references already in the database, then what the
/// store refused. Once one of the first two kinds is found no more rows are
/// written, since all of them will be rolled back, but every row is still
/// read.
#[derive(Default)]
struct Found {
    in_cells: Problems,
    repeated: Vec<RowError>,
    in_database: Vec<RowError>,
    refused: Vec<RowError>,
    accepted: usize,
}

impl Found {
    /// Rows the store refused are still written after, so that every
    /// refusal is listed; a problem of an earlier kind stops the writing.
    fn still_writing(&self) -> bool {
        self.in_cells.is_empty() && self.repeated.is_empty() && self.in_database.is_empty()
    }
}

/// Check and write the table row by row inside one transaction: each row's
/// cells and records are freed once it is written, so memory stays bounded
/// by the file, not by the cases it makes. The transaction is rolled back
/// at the end if any row had a problem (or for a dry run).
pub fn import_table(store: &mut Store, table: Table, today: NaiveDate, run: &ImportRun<'_>) -> anyhow::Result<Checked> {
    let mut found = Found { repeated: rows::duplicate_references(&table, run.columns), ..Found::default() };
    let mut planned = Vec::new();
    let result = store.write(|tx| {
        let imported = imported_tracker_refs(tx)?;
        reserve_kept_references(tx, &table, run.columns)?;
        // Consumed: each row's cells are freed once it is written.
        for sheet_row in table.rows {
            let row = match rows::check_row(&sheet_row, run.columns, today) {
                Ok(row) => row,
                Err(errors) => {
                    found.in_cells.keep(errors);
                    continue;
                }
            };
            found.accepted += 1;
            if !found.still_writing() {
                continue;
            }
            if let Some(e) = already_in_database(tx, &row, run.columns, &imported)? {
                found.in_database.push(e);
                continue;
            }
            match write_case(tx, &row, run, today) {
                Ok(p) => planned.push(p),
                Err(Failure::Row(e)) => found.refused.push(e),
                Err(Failure::Store(e)) => return Err(e),
            }
        }
        if !found.still_writing() || !found.refused.is_empty() || run.dry_run {
            return Err(StoreError::Invalid(ROLL_BACK.into()));
        }
        tx.audit(&combine_entry(run, &planned))
    });
    match result {
        Ok(()) => Ok(Checked::Written { accepted: found.accepted, outcome: Outcome::Written(planned) }),
        Err(StoreError::Invalid(why)) if why == ROLL_BACK => Ok(verdict(found, planned)),
        Err(e) => Err(anyhow::Error::new(e).context("the import was rolled back; nothing was changed")),
    }
}

/// What a rolled-back run reports.
fn verdict(found: Found, planned: Vec<PlannedCase>) -> Checked {
    let accepted = found.accepted;
    if !found.in_cells.is_empty() || !found.repeated.is_empty() {
        let problems = rows::merge_problems(found.in_cells, found.repeated);
        return Checked::RowProblems { accepted, errors: problems.listed, unlisted: problems.unlisted };
    }
    let outcome = if !found.in_database.is_empty() {
        Outcome::Rejected(found.in_database)
    } else if !found.refused.is_empty() {
        Outcome::Rejected(found.refused)
    } else {
        Outcome::Written(planned)
    };
    Checked::Written { accepted, outcome }
}

/// DPA 2018 s.62: bringing a tracker's records into the desk is a combination.
fn combine_entry(run: &ImportRun<'_>, planned: &[PlannedCase]) -> AuditEntry {
    let people: usize = planned.iter().map(|p| p.people).sum();
    let conditions: usize = planned.iter().map(|p| p.conditions.len()).sum();
    let mut entry = AuditEntry::new(AuditOp::Combine, "import", run.file_name);
    entry.justification = Some(format!(
        "import from tracker {}: {} cases, {people} people, {conditions} conditions",
        run.file_name,
        planned.len()
    ));
    entry
}

/// A kept reference already in the database, or a tracker reference already
/// imported once (found by the note `tracker_ref_note` leaves).
fn already_in_database(
    tx: &Tx<'_>,
    row: &ImportRow,
    columns: &Columns,
    imported: &HashMap<String, String>,
) -> StoreResult<Option<RowError>> {
    let problem = match &row.reference {
        RefPlan::Keep { reference, .. } => {
            tx.reference_exists(reference)?.then(|| format!("{reference} is already in the database"))
        }
        RefPlan::Assign { tracker_ref: Some(tracker_ref) } => imported.get(tracker_ref).map(|ours| {
            format!("tracker reference {} was already imported, as {ours}", crate::export::safe::inert(tracker_ref))
        }),
        RefPlan::Assign { tracker_ref: None } => None,
    };
    Ok(problem.map(|reason| RowError { row: row.row, column: columns.header(Field::Reference), reason }))
}

/// Tracker reference → our reference, for every case an import created.
fn imported_tracker_refs(tx: &Tx<'_>) -> StoreResult<HashMap<String, String>> {
    let prefix = tracker_ref_note("");
    let opening = prefix.trim_end_matches("\".");
    let mut found = HashMap::new();
    for (ours, notes) in tx.notes_containing(opening)? {
        for piece in notes.split(opening).skip(1) {
            if let Some((tracker_ref, _)) = piece.split_once("\".") {
                found.insert(tracker_ref.to_string(), ours.clone());
            }
        }
    }
    Ok(found)
}

/// Move each reference counter past the references kept from the file, so
/// the references assigned to the other rows never collide with them. Read
/// from the cells before any row is written; a reference whose prefix is not
/// its row's service makes that row a problem, and the whole run is rolled
/// back, so reserving by the reference's own prefix is safe.
fn reserve_kept_references(tx: &Tx<'_>, table: &Table, columns: &Columns) -> StoreResult<()> {
    let Some(index) = columns.index(Field::Reference) else {
        return Ok(());
    };
    for row in &table.rows {
        let Cell::Text(text) = row.cell(index) else { continue };
        if let Some((prefix, year, number)) = rows::our_reference(&text.trim().to_uppercase()) {
            tx.reserve_reference(prefix, year, number)?;
        }
    }
    Ok(())
}

/// Store problems that are about the row's content become that row's error,
/// against `field`'s column; anything else stops the run.
fn at(columns: &Columns, row: usize, field: Field) -> impl Fn(StoreError) -> Failure + '_ {
    move |e| match e {
        StoreError::Invalid(reason) | StoreError::NotFound(reason) => {
            Failure::Row(RowError { row, column: columns.header(field), reason })
        }
        other => Failure::Store(other),
    }
}

/// As `at`, for a refusal that quotes a name from the file: the file's own
/// text, made inert before it is printed.
fn inert_at(columns: &Columns, row: usize, field: Field) -> impl Fn(StoreError) -> Failure + '_ {
    move |e| match at(columns, row, field)(e) {
        Failure::Row(e) => Failure::Row(RowError { reason: inert(&e.reason), ..e }),
        store => store,
    }
}

/// Where the row says its case is, in the store's terms.
fn imported_status(row: &ImportRow) -> ImportedStatus<'_> {
    ImportedStatus {
        status: row.status.as_deref(),
        received_on: row.case.received_on,
        status_changed: row.status_changed,
        paused_from: row.paused_from.as_deref(),
        closed_on: row.closed_on,
        closure_outcome: row.closure_outcome.as_deref(),
        withdrawal: row.withdrawal.as_ref().map(|w| (w.by, w.reason, w.note.as_deref())),
    }
}

fn write_case(tx: &mut Tx<'_>, row: &ImportRow, run: &ImportRun<'_>, today: NaiveDate) -> Result<PlannedCase, Failure> {
    let columns = run.columns;
    let key = match &row.reference {
        RefPlan::Keep { reference, .. } => {
            tx.create_case_with_reference(&row.case, reference).map_err(at(columns, row.row, Field::Reference))?
        }
        RefPlan::Assign { .. } => tx.create_case(&row.case).map_err(at(columns, row.row, Field::Service))?,
    };
    for p in &row.people {
        let fail = at(columns, row.row, p.field);
        let (first, more) =
            p.links.split_first().ok_or_else(|| fail(StoreError::Invalid("a person needs a role".into())))?;
        let person_id = tx.add_party(key.id, &p.person, *first).map_err(&fail)?;
        for link in more {
            tx.link_party(key.id, person_id, *link).map_err(&fail)?;
        }
    }
    if let Some(disposal) = row.disposal {
        let mut d = NewDisposal::new(disposal);
        d.issued_on = row.issued_on;
        d.completion_due = row.completion_due;
        d.cps_decision_ref = row.cps_decision_ref.clone();
        tx.set_disposal(key.id, &d).map_err(at(columns, row.row, Field::DisposalType))?;
    }
    let mut warnings = Vec::new();
    for c in &row.conditions {
        let fail = at(columns, row.row, Field::Condition(c.number, CondPart::Kind));
        let mut condition = c.condition.clone();
        if let Some(name) = &c.provider {
            let provider = tx.imported_provider(name).map_err(inert_at(
                columns,
                row.row,
                Field::Condition(c.number, CondPart::Provider),
            ))?;
            condition.provider_id = Some(provider);
        }
        let (condition_id, findings) = tx.add_condition(key.id, &condition, run.rules).map_err(&fail)?;
        warnings.extend(findings.into_iter().map(|f| format!("condition {}: {}", c.number, f.message)));
        // Flagged as the forms flag it, never moved (DOMAIN.md §11).
        if let Some(day_off) = due_day_warning(run.calendar, condition.due_on, today) {
            warnings.push(format!("condition {}: its due date {day_off}", c.number));
        }
        tx.set_imported_condition_status(key.id, condition_id, c.status, c.completed_on).map_err(at(
            columns,
            row.row,
            Field::Condition(c.number, CondPart::Status),
        ))?;
    }
    let status =
        tx.set_imported_status(&key, &imported_status(row), run.rules).map_err(at(columns, row.row, Field::Status))?;
    // A referral still at its start runs the Victims' Code clock, as at intake.
    tx.start_victim_info_clock(key.id, run.calendar, run.rules).map_err(at(columns, row.row, Field::Status))?;
    if let Some(name) = &row.coordinator {
        let on = row.status_changed.unwrap_or(row.case.received_on);
        tx.assign_imported_coordinator(key.id, name, on).map_err(inert_at(columns, row.row, Field::Coordinator))?;
    }
    Ok(PlannedCase {
        row: row.row,
        reference: key.reference,
        kept: matches!(row.reference, RefPlan::Keep { .. }),
        service: row.case.service,
        status,
        people: row.people.len(),
        conditions: row.conditions.iter().map(|c| (c.condition.kind, c.condition.due_on)).collect(),
        warnings,
    })
}
