//! `casedesk tracker`: every case in the layout `import` reads, so that
//! export → import into an empty database gives the same cases, people,
//! conditions and due dates. One row per case; columns as `Field::layout`,
//! with as many condition groups as the busiest case needs (at least 3).
//!
//! What the layout carries: the case, its disposal type, issue and
//! completion-due dates, status (with paused-from and closure), the first
//! harmed and first responsible person (with the responsible's date of
//! birth), everyone else by name and role, and each condition's kind,
//! description, due date, status, completion date, hours and amount.
//! What it does not: contact details, checklists, risk assessments,
//! meetings, agreements, contacts and letters, which have no column in a
//! tracker.
//!
//! Text goes through `spreadsheet_cell` (no formulas); dates are ISO text in
//! csv and real date cells in xlsx.

use std::collections::HashMap;
use std::path::Path;

use chrono::NaiveDate;
use rusqlite::params;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

use super::mapping::{CondPart, Field};
use super::values::{flags_text, other_people_text, OtherPerson};
use crate::domain::caps::ConditionKind;
use crate::domain::status::{DisposalType, OffenceMode, OocdStatus, RjStatus};
use crate::domain::types::{CjsStage, ConditionStatus, PartyRole, Service, Source};
use crate::export::safe::spreadsheet_cell;
use crate::export::write_recorded;
use crate::store::model::CaseFlags;
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

/// `casedesk tracker -o FILE`: read every case in a snapshot (another
/// process saving holds nothing up), then write the file and log the export
/// in one transaction (the log row stands only if the file was written).
pub fn cli_tracker(mut store: Store, output: &Path) -> anyhow::Result<()> {
    let format = output_format(output)?;
    let name = output.file_name().map_or_else(|| output.display().to_string(), |n| n.to_string_lossy().into_owned());
    let (lines, groups) = store.in_snapshot(tracker_lines)?;
    let bytes = match format {
        TrackerFormat::Csv => csv_bytes(&lines, groups),
        TrackerFormat::Xlsx => xlsx_bytes(&lines, groups),
    }
    .map_err(|e| StoreError::Invalid(format!("cannot build the tracker: {e}")))?;
    let count = write_recorded(&mut store, output, |tx| {
        let mut entry = AuditEntry::new(AuditOp::Export, "tracker", &name);
        entry.justification = Some(format!("tracker export of {} cases, with names", lines.len()));
        entry.recipient = Some(output.display().to_string());
        tx.audit(&entry)?;
        Ok((lines.len(), bytes))
    })?;
    crate::tell!("Wrote {count} cases to {} (tracker layout; it holds names: keep it safe)", output.display());
    Ok(())
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
    let mut people = people_by_case(tx)?;
    let mut conditions = conditions_by_case(tx)?;
    let mut stmt = tx.conn().prepare(
        "SELECT c.id, c.ref, c.service, c.source, c.received_on, c.referrer_name, c.referrer_contact, c.crime_ref,
                c.offence_desc, c.offence_date, c.offence_mode, c.cjs_stage, c.flag_domestic_abuse,
                c.flag_intimate_partner, c.flag_hate_crime, c.flag_sexual, c.flag_knife, c.flag_youth,
                c.harm_summary, d.disposal_type, d.issued_on, d.completion_due, c.status, c.status_changed_on,
                c.paused_from, c.closed_on, c.closure_outcome, c.notes, d.cps_decision_ref
         FROM case_file c LEFT JOIN oocd_disposal d ON d.case_id = c.id ORDER BY c.id",
    )?;
    let mut rows = stmt.query([])?;
    let mut lines = Vec::new();
    let mut groups = MIN_CONDITION_GROUPS;
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let mut line = Line::new();
        let service: String = r.get(2)?;
        let service = Service::parse(&service);
        put_text(&mut line, Field::Reference, r.get(1)?);
        put_text(&mut line, Field::Service, service.map(|s| s.label().to_string()));
        put_text(&mut line, Field::Source, label_of(r.get(3)?, |t| Source::parse(t).map(Source::label)));
        put_date(&mut line, Field::Received, r.get(4)?);
        put_text(&mut line, Field::Referrer, r.get(5)?);
        put_text(&mut line, Field::ReferrerContact, r.get(6)?);
        put_text(&mut line, Field::CrimeRef, r.get(7)?);
        put_text(&mut line, Field::Offence, r.get(8)?);
        put_date(&mut line, Field::OffenceDate, r.get(9)?);
        put_text(
            &mut line,
            Field::OffenceMode,
            label_of(r.get(10)?, |t| OffenceMode::parse(t).map(OffenceMode::label)),
        );
        put_text(&mut line, Field::CjsStage, label_of(r.get(11)?, |t| CjsStage::parse(t).map(CjsStage::label)));
        let flags = CaseFlags::from_row(r, 12)?;
        put_text(&mut line, Field::Flags, Some(flags_text(&flags)));
        put_text(&mut line, Field::HarmSummary, r.get(18)?);
        put_text(
            &mut line,
            Field::DisposalType,
            label_of(r.get(19)?, |t| DisposalType::parse(t).map(DisposalType::label)),
        );
        put_date(&mut line, Field::Issued, r.get(20)?);
        put_date(&mut line, Field::CompletionDue, r.get(21)?);
        put_text(&mut line, Field::CpsDecision, r.get(28)?);
        let status_label = |t: &str| match service {
            Some(Service::Oocd) => OocdStatus::parse(t).map(OocdStatus::label),
            _ => RjStatus::parse(t).map(RjStatus::label),
        };
        put_text(&mut line, Field::Status, label_of(r.get(22)?, status_label));
        put_date(&mut line, Field::StatusChanged, r.get(23)?);
        put_text(&mut line, Field::PausedFrom, label_of(r.get(24)?, |t| RjStatus::parse(t).map(RjStatus::label)));
        put_date(&mut line, Field::ClosedOn, r.get(25)?);
        put_text(&mut line, Field::ClosureOutcome, r.get(26)?);
        put_text(&mut line, Field::Notes, r.get(27)?);
        put_people(&mut line, people.remove(&id).unwrap_or_default());
        let case_conditions = conditions.remove(&id).unwrap_or_default();
        groups = groups.max(u8::try_from(case_conditions.len()).unwrap_or(u8::MAX));
        put_conditions(&mut line, case_conditions);
        lines.push(line);
    }
    Ok((lines, groups.min(super::mapping::MAX_CONDITIONS)))
}

/// A stored name shown by its label; an unknown one as it is.
fn label_of(stored: Option<String>, label: impl Fn(&str) -> Option<&'static str>) -> Option<String> {
    stored.map(|s| label(&s).map_or(s.clone(), str::to_string))
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

struct Party {
    person_id: i64,
    role: PartyRole,
    given: String,
    family: String,
    dob: Option<String>,
}

fn people_by_case(tx: &Tx<'_>) -> StoreResult<HashMap<i64, Vec<Party>>> {
    let mut stmt = tx.conn().prepare(
        "SELECT cp.case_id, cp.person_id, cp.role, p.given_names, p.family_name, p.dob
         FROM case_party cp JOIN person p ON p.id = cp.person_id ORDER BY cp.case_id, cp.id",
    )?;
    let rows = stmt.query_map(params![], |r| {
        let role: String = r.get(2)?;
        Ok((
            r.get::<_, i64>(0)?,
            Party {
                person_id: r.get(1)?,
                role: PartyRole::parse(&role).unwrap_or(PartyRole::Other),
                given: r.get(3)?,
                family: r.get(4)?,
                dob: r.get(5)?,
            },
        ))
    })?;
    let mut by_case: HashMap<i64, Vec<Party>> = HashMap::new();
    for row in rows {
        let (case_id, party) = row?;
        by_case.entry(case_id).or_default().push(party);
    }
    Ok(by_case)
}

/// The first harmed and first responsible person get their own columns;
/// everyone else goes in "Other people", one entry per person with all
/// their roles.
fn put_people(line: &mut Line, parties: Vec<Party>) {
    let harmed = parties.iter().position(|p| p.role == PartyRole::Harmed);
    let responsible = parties.iter().position(|p| p.role == PartyRole::Offender);
    if let Some(p) = harmed.map(|i| &parties[i]) {
        put_text(line, Field::HarmedGiven, Some(p.given.clone()));
        put_text(line, Field::HarmedFamily, Some(p.family.clone()));
        put_date(line, Field::HarmedDob, p.dob.clone());
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

struct TrackedCondition {
    kind: String,
    description: String,
    due_on: String,
    status: String,
    completed_on: Option<String>,
    hours: Option<f64>,
    amount_pence: Option<i64>,
}

fn conditions_by_case(tx: &Tx<'_>) -> StoreResult<HashMap<i64, Vec<TrackedCondition>>> {
    let mut stmt = tx.conn().prepare(
        "SELECT case_id, kind, description, due_on, status, completed_on, hours_required, amount_pence
         FROM condition ORDER BY case_id, seq",
    )?;
    let rows = stmt.query_map(params![], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            TrackedCondition {
                kind: r.get(1)?,
                description: r.get(2)?,
                due_on: r.get(3)?,
                status: r.get(4)?,
                completed_on: r.get(5)?,
                hours: r.get(6)?,
                amount_pence: r.get(7)?,
            },
        ))
    })?;
    let mut by_case: HashMap<i64, Vec<TrackedCondition>> = HashMap::new();
    for row in rows {
        let (case_id, condition) = row?;
        by_case.entry(case_id).or_default().push(condition);
    }
    Ok(by_case)
}

fn put_conditions(line: &mut Line, conditions: Vec<TrackedCondition>) {
    for (i, c) in conditions.into_iter().enumerate() {
        let Ok(n) = u8::try_from(i + 1) else { break };
        let field = |part| Field::Condition(n, part);
        let kind = label_of(Some(c.kind), |t| ConditionKind::parse(t).map(ConditionKind::label));
        put_text(line, field(CondPart::Kind), kind);
        put_text(line, field(CondPart::Description), Some(c.description));
        put_date(line, field(CondPart::Due), Some(c.due_on));
        let status = label_of(Some(c.status), |t| ConditionStatus::parse(t).map(ConditionStatus::label));
        put_text(line, field(CondPart::Status), status);
        put_date(line, field(CondPart::Completed), c.completed_on);
        if let Some(h) = c.hours {
            line.insert(field(CondPart::Hours), Out::Number(h));
        }
        if let Some(p) = c.amount_pence {
            line.insert(field(CondPart::Amount), Out::Number(p as f64 / 100.0));
        }
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
            Some(Out::Date(d)) => d.format("%Y-%m-%d").to_string(),
            Some(Out::Number(n)) => super::read::number_text(*n),
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
                        sheet.write_string(row, col, d.format("%Y-%m-%d").to_string())?;
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
