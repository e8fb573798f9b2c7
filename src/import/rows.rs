//! One spreadsheet row into the typed records the store takes, with every
//! problem named by row number, column header and reason. Nothing here
//! touches the database; duplicates against it are checked in `write`.

mod parts;
mod reference;
mod status;
mod withdrawal;

use crate::domain::victims_code::reported_problem;
use std::collections::HashMap;
use std::fmt;

use chrono::NaiveDate;

use super::dates::{excel_serial_date, parse_uk_date, DATE_FORMS};
use super::limits::PROBLEMS_LISTED;
use super::mapping::{Columns, Field};
use super::read::{number_text, Cell, SheetRow, Table};
use super::values::{self, options};
use crate::domain::dates;
use crate::domain::status::{DisposalType, OffenceMode};
use crate::domain::types::{CjsStage, ConditionStatus, Service, Source};
use crate::export::safe::inert;
use crate::store::limits::{check_lengths, TextKind};
use crate::store::model::{NewCase, NewCondition, NewPerson, PartyLink};
use parts::{check_youth_age_known, read_conditions, read_people};
pub use reference::our_reference;
use reference::read_reference;
use status::read_status;
pub use withdrawal::ImportWithdrawal;

/// A problem with one cell (or one row), as the user will look for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub row: usize,
    pub column: String,
    pub reason: String,
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "row {}, column \"{}\": {}", self.row, inert(&self.column), self.reason)
    }
}

/// What happens to the tracker's own reference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RefPlan {
    /// Already in casedesk's form (`RJ-2026-0042`) and the row's service:
    /// the case keeps it, and the reference counter moves past it.
    Keep { reference: String, prefix: &'static str, year: i32, number: i64 },
    /// A new reference is assigned; the tracker's own, if any, goes in the notes.
    Assign { tracker_ref: Option<String> },
}

#[derive(Debug, Clone)]
pub struct ImportPerson {
    pub person: NewPerson,
    /// One person may hold several roles (a parent who is also the appropriate adult).
    pub links: Vec<PartyLink>,
    pub field: Field,
}

#[derive(Debug, Clone)]
pub struct ImportCondition {
    pub number: u8,
    pub condition: NewCondition,
    pub status: ConditionStatus,
    pub completed_on: Option<NaiveDate>,
    /// The provider, by its name in the directory (matched when written).
    pub provider: Option<String>,
}

/// One case, ready to write.
#[derive(Debug, Clone)]
pub struct ImportRow {
    pub row: usize,
    pub reference: RefPlan,
    pub case: NewCase,
    pub disposal: Option<DisposalType>,
    pub issued_on: Option<NaiveDate>,
    pub completion_due: Option<NaiveDate>,
    pub cps_decision_ref: Option<String>,
    /// The stored status to reach; `None` leaves the first status of the service.
    pub status: Option<String>,
    pub status_changed: Option<NaiveDate>,
    pub paused_from: Option<String>,
    pub closed_on: Option<NaiveDate>,
    pub closure_outcome: Option<String>,
    /// Who withdrew the case and why, for a withdrawn case.
    pub withdrawal: Option<ImportWithdrawal>,
    /// The coordinator a referral was transferred to, by their name in the directory.
    pub coordinator: Option<String>,
    pub people: Vec<ImportPerson>,
    pub conditions: Vec<ImportCondition>,
}

/// The note that records a tracker's own reference; also how a second
/// import of the same tracker is recognised.
pub fn tracker_ref_note(tracker_ref: &str) -> String {
    format!("Imported from tracker reference \"{tracker_ref}\".")
}

/// The problems found in a file: the first ones, in row order, to list,
/// and how many more there are. Only the first are kept, so a file with a
/// problem in every cell costs no more memory than one with a hundred.
#[derive(Debug, Default)]
pub struct Problems {
    pub listed: Vec<RowError>,
    pub unlisted: usize,
}

impl Problems {
    pub fn keep(&mut self, errors: impl IntoIterator<Item = RowError>) {
        for e in errors {
            if self.listed.len() < PROBLEMS_LISTED {
                self.listed.push(e);
            } else {
                self.unlisted += 1;
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.listed.is_empty()
    }
}

/// One sheet row as a case ready to write, or every problem in it.
/// `today` catches dates typed into the future.
pub fn check_row(sheet_row: &SheetRow, columns: &Columns, today: NaiveDate) -> Result<ImportRow, Vec<RowError>> {
    let mut reader = RowReader { row: sheet_row, columns, today, errors: Vec::new() };
    let parsed = parse_row(&mut reader);
    if reader.errors.is_empty() {
        Ok(parsed)
    } else {
        Err(reader.errors)
    }
}

/// The problems found row by row, merged with the repeated references
/// (`duplicate_references`): rows come in order, so the kept problems are
/// the first, and the first of both are listed.
pub fn merge_problems(in_rows: Problems, repeated: Vec<RowError>) -> Problems {
    let mut merged = in_rows.listed;
    merged.extend(repeated);
    merged.sort_by_key(|e| e.row);
    let mut problems = Problems { listed: Vec::new(), unlisted: in_rows.unlisted };
    problems.keep(merged);
    problems
}

/// The same reference twice in the file: the later row is reported.
pub fn duplicate_references(table: &Table, columns: &Columns) -> Vec<RowError> {
    let Some(index) = columns.index(Field::Reference) else {
        return Vec::new();
    };
    let mut first_seen: HashMap<String, usize> = HashMap::new();
    let mut errors = Vec::new();
    for row in &table.rows {
        let text = match row.cell(index) {
            Cell::Text(t) => t.trim().to_uppercase(),
            Cell::Number(n) => number_text(*n),
            _ => continue,
        };
        if text.is_empty() {
            continue;
        }
        if let Some(first) = first_seen.get(&text) {
            errors.push(RowError {
                row: row.number,
                column: columns.header(Field::Reference),
                reason: format!("the reference {} is also on row {first}", inert(&text)),
            });
        } else {
            first_seen.insert(text, row.number);
        }
    }
    errors
}

/// Reads the cells of one row, collecting problems instead of stopping at the first.
struct RowReader<'a> {
    row: &'a SheetRow,
    columns: &'a Columns,
    today: NaiveDate,
    errors: Vec<RowError>,
}

impl RowReader<'_> {
    fn fail(&mut self, field: Field, reason: impl Into<String>) {
        self.errors.push(RowError { row: self.row.number, column: self.columns.header(field), reason: reason.into() });
    }

    fn cell(&self, field: Field) -> &Cell {
        self.columns.index(field).map_or(&Cell::Empty, |i| self.row.cell(i))
    }

    fn present(&self, field: Field) -> bool {
        !self.cell(field).is_empty()
    }

    fn missing(&mut self, field: Field, why: &str) {
        self.fail(field, format!("missing required field: {why}"));
    }

    fn text(&mut self, field: Field) -> Option<String> {
        match self.cell(field).clone() {
            Cell::Empty => None,
            Cell::Text(t) => Some(t.trim().to_string()).filter(|t| !t.is_empty()),
            Cell::Number(n) => Some(number_text(n)),
            Cell::Date(d) => Some(d.to_string()),
            Cell::Unreadable(why) => {
                self.fail(field, why);
                None
            }
        }
    }

    /// Text within the store's limit for its kind, checked here so that a
    /// text too long is reported under its own column (the store, meeting
    /// it later, could only blame the row).
    fn limited_text(&mut self, field: Field, label: &'static str, kind: TextKind) -> Option<String> {
        let text = self.text(field)?;
        if let Err(too_long) = check_lengths(&[(label, kind, Some(&text))]) {
            self.fail(field, too_long.to_string());
            return None;
        }
        Some(text)
    }

    /// A date in the years the desk accepts; anything else is a problem with the cell.
    fn date(&mut self, field: Field) -> Option<NaiveDate> {
        let day = self.any_date(field)?;
        if !dates::in_range(day) {
            self.fail(
                field,
                format!("{day} is outside the years the desk accepts: give a date {}", dates::range_in_words()),
            );
            return None;
        }
        Some(day)
    }

    fn any_date(&mut self, field: Field) -> Option<NaiveDate> {
        match self.cell(field).clone() {
            Cell::Empty => None,
            Cell::Date(d) => Some(d),
            Cell::Number(n) => excel_serial_date(n).or_else(|| {
                self.fail(
                    field,
                    format!("{} is not a date (as an Excel day number it is out of range)", number_text(n)),
                );
                None
            }),
            Cell::Text(t) => parse_uk_date(&t).or_else(|| {
                self.fail(field, format!("\"{}\" is not a date: write it as {DATE_FORMS}", inert(t.trim())));
                None
            }),
            Cell::Unreadable(why) => {
                self.fail(field, why);
                None
            }
        }
    }

    /// A value from a vocabulary; `unknown` says what the choices are.
    fn choice<T>(
        &mut self,
        field: Field,
        parse: impl Fn(&str) -> Option<T>,
        unknown: impl Fn(&str) -> String,
    ) -> Option<T> {
        let text = self.text(field)?;
        let value = parse(&text);
        if value.is_none() {
            self.fail(field, unknown(&inert(&text)));
        }
        value
    }

    fn hours(&mut self, field: Field) -> Option<f64> {
        let value = match self.cell(field).clone() {
            Cell::Number(n) => Some(n),
            Cell::Text(t) => t.trim().trim_end_matches(['h', 'H']).trim().parse::<f64>().ok(),
            Cell::Empty => return None,
            _ => None,
        };
        match value.filter(|h| h.is_finite() && *h >= 0.0) {
            Some(h) => Some(h),
            None => {
                let shown = self.text(field).unwrap_or_default();
                self.fail(field, format!("\"{}\" is not a number of hours", inert(&shown)));
                None
            }
        }
    }

    fn pence(&mut self, field: Field) -> Option<i64> {
        let value = match self.cell(field).clone() {
            Cell::Number(n) => values::pence_from_pounds(n),
            Cell::Text(t) => values::pence_from_text(&t),
            Cell::Empty => return None,
            _ => None,
        };
        if value.is_none() {
            let shown = self.text(field).unwrap_or_default();
            self.fail(field, format!("\"{}\" is not an amount in pounds (e.g. 25 or £25.50)", inert(&shown)));
        }
        value
    }

    /// Data under a blank header would otherwise be lost without a word.
    fn check_unnamed(&mut self) {
        for &i in &self.columns.unnamed {
            if !self.row.cell(i).is_empty() {
                let column = format!("column {} (no header)", super::mapping::column_letter(i));
                let reason = "this cell holds data but its column has no header; name the column or empty it".into();
                self.errors.push(RowError { row: self.row.number, column, reason });
            }
        }
        let width = self.columns.width();
        if let Some(i) = (width..self.row.cells.len()).find(|&i| !self.row.cell(i).is_empty()) {
            let column = format!("column {} (no header)", super::mapping::column_letter(i));
            let reason = "this cell is to the right of the last header; name the column or empty it".into();
            self.errors.push(RowError { row: self.row.number, column, reason });
        }
    }
}

fn parse_row(r: &mut RowReader<'_>) -> ImportRow {
    r.check_unnamed();
    // With the service unknown, the checks that depend on it (disposal,
    // status, conditions) would only add noise to the one real problem.
    let known_service = read_service(r);
    let service = known_service.unwrap_or(Service::Oocd);
    let received = r.date(Field::Received);
    if received.is_none() && !r.present(Field::Received) {
        r.missing(Field::Received, "the date the case was received");
    }
    if let Some(day) = received.filter(|d| *d > r.today) {
        r.fail(Field::Received, format!("the received date {day} is in the future (today is {})", r.today));
    }
    let received_on = received.unwrap_or(NaiveDate::MIN);
    let source = r
        .choice(Field::Source, values::source, |t| {
            format!("unknown source \"{t}\": use one of {}", options(Source::ALL, Source::label))
        })
        .unwrap_or(Source::Other);
    let mut case = NewCase::new(service, source, received_on);
    read_case_details(r, &mut case);
    let reference = match known_service {
        Some(service) => read_reference(r, service),
        None => RefPlan::Assign { tracker_ref: None },
    };
    if let (RefPlan::Assign { tracker_ref: Some(tracker_ref) }, notes) = (&reference, &mut case.notes) {
        let note = tracker_ref_note(tracker_ref);
        *notes = Some(notes.as_ref().map_or(note.clone(), |n| format!("{n}\n{note}")));
    }
    let (disposal, issued_on, completion_due) = match known_service {
        Some(service) => read_disposal(r, service, received_on),
        None => (None, None, None),
    };
    let mut row = ImportRow {
        row: r.row.number,
        reference,
        case,
        disposal,
        issued_on,
        completion_due,
        cps_decision_ref: r.text(Field::CpsDecision),
        status: None,
        status_changed: None,
        paused_from: None,
        closed_on: None,
        closure_outcome: None,
        withdrawal: None,
        coordinator: None,
        people: Vec::new(),
        conditions: Vec::new(),
    };
    row.people = read_people(r, &row.case);
    check_youth_age_known(r, &row);
    if known_service.is_some() {
        read_status(r, &mut row);
        row.conditions = read_conditions(r, &row);
    }
    row
}

fn read_service(r: &mut RowReader<'_>) -> Option<Service> {
    let service = r.choice(Field::Service, values::service, |t| {
        format!("unknown service \"{t}\": use one of {}", options(Service::ALL, Service::label))
    });
    if service.is_none() && !r.present(Field::Service) {
        let why = format!("which service the case belongs to ({})", options(Service::ALL, Service::label));
        r.missing(Field::Service, &why);
    }
    service
}

fn read_case_details(r: &mut RowReader<'_>, case: &mut NewCase) {
    case.referrer_name = r.limited_text(Field::Referrer, "referrer's name", TextKind::Name);
    case.referrer_contact = r.limited_text(Field::ReferrerContact, "referrer's contact", TextKind::Short);
    case.crime_ref = r.limited_text(Field::CrimeRef, "crime reference", TextKind::Reference);
    case.offence_desc = r.limited_text(Field::Offence, "offence description", TextKind::Long);
    case.offence_date = r.date(Field::OffenceDate);
    if let Some(offence_date) =
        case.offence_date.filter(|d| *d > case.received_on && case.received_on != NaiveDate::MIN)
    {
        r.fail(
            Field::OffenceDate,
            format!("the offence date {offence_date} is after the date the case was received ({})", case.received_on),
        );
    }
    case.reported_on = r.date(Field::ReportedOn);
    if case.received_on != NaiveDate::MIN {
        if let Some(problem) = reported_problem(case.reported_on, case.received_on) {
            r.fail(Field::ReportedOn, problem);
        }
    }
    case.offence_mode = r.choice(Field::OffenceMode, values::offence_mode, |t| {
        format!("unknown offence mode \"{t}\": use one of {}", options(OffenceMode::ALL, OffenceMode::label))
    });
    case.cjs_stage = r
        .choice(Field::CjsStage, values::cjs_stage, |t| {
            format!("unknown CJS stage \"{t}\": use one of {}", options(CjsStage::ALL, CjsStage::label))
        })
        .unwrap_or(CjsStage::Unknown);
    if let Some(text) = r.text(Field::Flags) {
        match values::flags(&text) {
            Ok(flags) => case.flags = flags,
            Err(why) => r.fail(Field::Flags, why),
        }
    }
    case.harm_summary = r.limited_text(Field::HarmSummary, "harm summary", TextKind::Long);
    case.notes = r.limited_text(Field::Notes, "notes", TextKind::Long);
}

type DisposalFacts = (Option<DisposalType>, Option<NaiveDate>, Option<NaiveDate>);

fn read_disposal(r: &mut RowReader<'_>, service: Service, received: NaiveDate) -> DisposalFacts {
    let disposal = r.choice(Field::DisposalType, values::disposal_type, |t| {
        format!("unknown disposal type \"{t}\": use one of {}", options(DisposalType::ALL, DisposalType::label))
    });
    let issued = r.date(Field::Issued);
    let completion_due = r.date(Field::CompletionDue);
    if service != Service::Oocd {
        for field in [Field::DisposalType, Field::Issued, Field::CompletionDue] {
            if r.present(field) {
                r.fail(
                    field,
                    format!("only an out-of-court disposal has this; the row's service is {}", service.label()),
                );
            }
        }
        return (None, None, None);
    }
    if disposal.is_none() && !r.present(Field::DisposalType) {
        r.missing(Field::DisposalType, "an out-of-court disposal needs its type (e.g. Community resolution)");
    }
    if let Some(issued) = issued.filter(|d| *d < received) {
        r.fail(Field::Issued, format!("the issue date {issued} is before the date the case was received ({received})"));
    }
    if let (Some(due), Some(start)) = (completion_due, issued) {
        if due < start {
            r.fail(Field::CompletionDue, format!("the completion due date {due} is before the issue date {start}"));
        }
    }
    (disposal, issued, completion_due)
}
