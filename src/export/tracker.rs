//! `casedesk tracker`: every case in the layout `import` reads, so that
//! export → import into an empty database gives the same cases, people,
//! conditions and due dates. One row per case; columns as `Field::layout`,
//! with as many condition groups as the busiest case needs (at least 3).
//!
//! What the layout carries: the case, its disposal type, issue and
//! completion-due dates, status (with paused-from and closure), the
//! coordinator a referral is allocated to, the first harmed and first
//! responsible person (with the responsible's date of
//! birth), everyone else by name and role, and each condition's kind,
//! description, due date, status, completion date, hours, amount and
//! provider (by its name in the directory).
//! What it does not: contact details, checklists, risk assessments,
//! meetings, agreements, contacts and letters, which have no column in a
//! tracker.
//!
//! Text goes through `spreadsheet_cell` (no formulas); dates are ISO text in
//! csv and real date cells in xlsx.

use std::collections::HashMap;
use std::path::Path;

use chrono::NaiveDate;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

use super::safe::spreadsheet_cell;
use super::write_recorded;
use crate::domain::closure::{WithdrawalReason, WithdrawnBy};
use crate::domain::types::PartyRole;
use crate::import::layout::{flags_text, number_text, other_people_text, CondPart, Field, OtherPerson, MAX_CONDITIONS};
use crate::store::tracker::{TrackerCondition, TrackerParty};
use crate::store::{AuditEntry, AuditOp, Store, StoreError, StoreResult, Tx};

/// The fewest condition groups the layout shows, so a tracker started from
/// an empty export has room to type in.
const MIN_CONDITION_GROUPS: u8 = 3;

/// One cell of the tracker.
#[derive(Debug, Clone, PartialEq)]
enum Out {
    Text(String),
    Date(NaiveDate),
    Number(f64),
}

type Line = HashMap<Field, Out>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TrackerFormat {
    Csv,
    Xlsx,
}

/// Read every case in a snapshot (another process saving holds nothing up),
/// then write the file and log the export in one transaction (the log row
/// stands only if the file was written); returns how many cases it holds.
pub fn write_tracker(store: &mut Store, output: &Path) -> anyhow::Result<usize> {
    let format = output_format(output)?;
    let name = output.file_name().map_or_else(|| output.display().to_string(), |n| n.to_string_lossy().into_owned());
    let (lines, groups) = store.in_snapshot(tracker_lines)?;
    let bytes = match format {
        TrackerFormat::Csv => csv_bytes(&lines, groups),
        TrackerFormat::Xlsx => xlsx_bytes(&lines, groups),
    }
    .map_err(|e| StoreError::Invalid(format!("cannot build the tracker: {e}")))?;
    write_recorded(store, output, |tx| {
        let mut entry = AuditEntry::new(AuditOp::Export, "tracker", &name);
        entry.justification = Some(format!("tracker export of {} cases, with names", lines.len()));
        entry.recipient = Some(output.display().to_string());
        tx.audit(&entry)?;
        Ok((lines.len(), bytes))
    })
}

fn output_format(path: &Path) -> anyhow::Result<TrackerFormat> {
    match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
        Some("csv") => Ok(TrackerFormat::Csv),
        Some("xlsx") => Ok(TrackerFormat::Xlsx),
        _ => anyhow::bail!("write the tracker to a .csv or .xlsx file (got {})", path.display()),
    }
}

/// Every case as a line of cells, and how many condition groups to show.
fn tracker_lines(tx: &Tx<'_>) -> StoreResult<(Vec<Line>, u8)> {
    let mut people = tx.tracker_people()?;
    let mut conditions = tx.tracker_conditions()?;
    let mut lines = Vec::new();
    let mut groups = MIN_CONDITION_GROUPS;
    tx.each_tracker_case(|c| {
        let mut line = Line::new();
        put_text(&mut line, Field::Reference, c.reference);
        put_text(&mut line, Field::Service, Some(c.service.label().to_string()));
        put_text(&mut line, Field::Source, c.source.map(|s| s.label().to_string()));
        put_date(&mut line, Field::Received, c.received_on);
        put_date(&mut line, Field::ReportedOn, c.reported_on);
        put_text(&mut line, Field::Referrer, c.referrer_name);
        put_text(&mut line, Field::ReferrerContact, c.referrer_contact);
        put_text(&mut line, Field::CrimeRef, c.crime_ref);
        put_text(&mut line, Field::Offence, c.offence_desc);
        put_date(&mut line, Field::OffenceDate, c.offence_date);
        put_text(&mut line, Field::OffenceMode, c.offence_mode.map(|m| m.label().to_string()));
        put_text(&mut line, Field::CjsStage, c.cjs_stage.map(|s| s.label().to_string()));
        put_text(&mut line, Field::Flags, Some(flags_text(&c.flags)));
        put_text(&mut line, Field::HarmSummary, c.harm_summary);
        put_text(&mut line, Field::DisposalType, c.disposal_type.map(|d| d.label().to_string()));
        put_date(&mut line, Field::Issued, c.issued_on);
        put_date(&mut line, Field::CompletionDue, c.completion_due);
        put_text(&mut line, Field::CpsDecision, c.cps_decision_ref);
        put_text(&mut line, Field::Status, Some(c.status.label().to_string()));
        put_date(&mut line, Field::StatusChanged, c.status_changed_on);
        put_text(&mut line, Field::PausedFrom, c.paused_from.map(|s| s.label().to_string()));
        put_date(&mut line, Field::ClosedOn, c.closed_on);
        put_text(&mut line, Field::ClosureOutcome, c.closure_outcome);
        let by = c.withdrawn_by.map(|t| WithdrawnBy::parse(&t).map_or(t, |w| w.label().to_string()));
        put_text(&mut line, Field::WithdrawnBy, by);
        let why = c.withdrawal_reason.map(|t| WithdrawalReason::parse(&t).map_or(t, |w| w.label().to_string()));
        put_text(&mut line, Field::WithdrawalReason, why);
        put_text(&mut line, Field::WithdrawalNote, c.withdrawal_note);
        put_text(&mut line, Field::Coordinator, c.coordinator);
        put_text(&mut line, Field::Notes, c.notes);
        put_people(&mut line, people.remove(&c.id).unwrap_or_default());
        let case_conditions = conditions.remove(&c.id).unwrap_or_default();
        groups = groups.max(u8::try_from(case_conditions.len()).unwrap_or(u8::MAX));
        put_conditions(&mut line, case_conditions);
        lines.push(line);
    })?;
    Ok((lines, groups.min(MAX_CONDITIONS)))
}

fn put_text(line: &mut Line, field: Field, value: Option<String>) {
    if let Some(v) = value.filter(|v| !v.trim().is_empty()) {
        line.insert(field, Out::Text(v));
    }
}

fn put_date(line: &mut Line, field: Field, value: Option<String>) {
    if let Some(v) = value {
        let out = NaiveDate::parse_from_str(&v, "%Y-%m-%d").map_or(Out::Text(v), Out::Date);
        line.insert(field, out);
    }
}

/// The first harmed and first responsible person get their own columns;
/// everyone else goes in "Other people", one entry per person with all
/// their roles.
fn put_people(line: &mut Line, parties: Vec<TrackerParty>) {
    let harmed = parties.iter().position(|p| p.role == PartyRole::Harmed);
    let responsible = parties.iter().position(|p| p.role == PartyRole::Offender);
    if let Some(p) = harmed.map(|i| &parties[i]) {
        put_text(line, Field::HarmedGiven, Some(p.given.clone()));
        put_text(line, Field::HarmedFamily, Some(p.family.clone()));
        put_date(line, Field::HarmedDob, p.dob.clone());
        put_text(line, Field::HarmedEnhanced, p.enhanced_rights.then(|| "yes".to_string()));
    }
    if let Some(p) = responsible.map(|i| &parties[i]) {
        put_text(line, Field::ResponsibleGiven, Some(p.given.clone()));
        put_text(line, Field::ResponsibleFamily, Some(p.family.clone()));
        put_date(line, Field::ResponsibleDob, p.dob.clone());
    }
    let mut others: Vec<(i64, OtherPerson)> = Vec::new();
    for (i, p) in parties.into_iter().enumerate() {
        if Some(i) == harmed || Some(i) == responsible {
            continue;
        }
        match others.iter_mut().find(|(id, _)| *id == p.person_id) {
            Some((_, other)) => other.roles.push(p.role),
            None => {
                let dob = p.dob.as_deref().and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
                let other = OtherPerson { roles: vec![p.role], family_name: p.family, given_names: p.given, dob };
                others.push((p.person_id, other));
            }
        }
    }
    let others: Vec<OtherPerson> = others.into_iter().map(|(_, o)| o).collect();
    put_text(line, Field::OtherPeople, Some(other_people_text(&others)));
}

fn put_conditions(line: &mut Line, conditions: Vec<TrackerCondition>) {
    for (i, c) in conditions.into_iter().enumerate() {
        let Ok(n) = u8::try_from(i + 1) else { break };
        let field = |part| Field::Condition(n, part);
        put_text(line, field(CondPart::Kind), Some(c.kind.label().to_string()));
        put_text(line, field(CondPart::Description), Some(c.description));
        put_date(line, field(CondPart::Due), Some(c.due_on));
        put_text(line, field(CondPart::Status), Some(c.status.label().to_string()));
        put_date(line, field(CondPart::Completed), c.completed_on);
        if let Some(h) = c.hours {
            line.insert(field(CondPart::Hours), Out::Number(h));
        }
        if let Some(p) = c.amount_pence {
            line.insert(field(CondPart::Amount), Out::Number(p as f64 / 100.0));
        }
        put_text(line, field(CondPart::Provider), c.provider);
    }
}

fn csv_bytes(lines: &[Line], groups: u8) -> anyhow::Result<Vec<u8>> {
    let layout = Field::layout(groups);
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(layout.iter().map(|f| f.header()))?;
    for line in lines {
        writer.write_record(layout.iter().map(|f| match line.get(f) {
            None => String::new(),
            Some(Out::Text(t)) => spreadsheet_cell(t),
            Some(Out::Date(d)) => crate::domain::dates::iso(*d),
            Some(Out::Number(n)) => number_text(*n),
        }))?;
    }
    writer.into_inner().map_err(|e| anyhow::anyhow!("{e}"))
}

fn xlsx_bytes(lines: &[Line], groups: u8) -> anyhow::Result<Vec<u8>> {
    let layout = Field::layout(groups);
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("Cases")?;
    let bold = Format::new().set_bold();
    let day = Format::new().set_num_format("dd/mm/yyyy");
    for (col, field) in layout.iter().enumerate() {
        let col = u16::try_from(col)?;
        sheet.write_string_with_format(0, col, field.header(), &bold)?;
        sheet.set_column_width(col, 16)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    for (i, line) in lines.iter().enumerate() {
        let row = u32::try_from(i + 1)?;
        for (col, field) in layout.iter().enumerate() {
            let col = u16::try_from(col)?;
            match line.get(field) {
                None => {}
                Some(Out::Text(t)) => {
                    sheet.write_string(row, col, spreadsheet_cell(t))?;
                }
                Some(Out::Number(n)) => {
                    sheet.write_number(row, col, *n)?;
                }
                Some(Out::Date(d)) => match excel_date(*d) {
                    Some(x) => {
                        sheet.write_date_with_format(row, col, &x, &day)?;
                    }
                    None => {
                        sheet.write_string(row, col, crate::domain::dates::iso(*d))?;
                    }
                },
            }
        }
    }
    Ok(workbook.save_to_buffer()?)
}

fn excel_date(d: NaiveDate) -> Option<ExcelDateTime> {
    use chrono::Datelike;
    let year = u16::try_from(d.year()).ok()?;
    ExcelDateTime::from_ymd(year, d.month() as u8, d.day() as u8).ok()
}
