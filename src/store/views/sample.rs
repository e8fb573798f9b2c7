//! What an anonymised sample reads (DOMAIN.md §5): only vocabulary columns
//! and dates, never a name or a free-text column, in the transaction that
//! logs the export. The export module turns these rows into a file.

use chrono::{Datelike, NaiveDate};
use rusqlite::{params, Connection};

use crate::domain::caps::ConditionKind;
use crate::domain::checklist::{Decision, RiskLevel};
use crate::domain::status::{DisposalType, OffenceMode};
use crate::domain::types::{AgreementItemKind, ConditionStatus, Service, Source};
use crate::store::StoreResult;

// ------------------------------------------------------------------ reading
//
// These queries read only vocabulary columns and dates, never a name or a
// free-text column. They run in the transaction that logs the export.

pub(crate) fn closed_case_ids(conn: &Connection, from: NaiveDate, to: NaiveDate) -> StoreResult<Vec<(i64, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, ref FROM case_file WHERE status = 'closed' AND closed_on BETWEEN ?1 AND ?2 ORDER BY id",
    )?;
    let rows = stmt.query_map(params![day(from), day(to)], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// One anonymised case.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct SampleRow {
    pub(crate) number: String,
    pub(crate) service: String,
    pub(crate) source: String,
    pub(crate) disposal: String,
    pub(crate) offence: String,
    pub(crate) flags: String,
    pub(crate) received: NaiveDate,
    pub(crate) closed: NaiveDate,
    pub(crate) decision: String,
    pub(crate) risk_level: String,
    pub(crate) outcomes: Vec<Outcome>,
}

/// A condition or agreement item: its kind and how it ended.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Outcome {
    pub(crate) item: &'static str,
    pub(crate) kind: String,
    pub(crate) outcome: &'static str,
}

pub(crate) fn sample_row(conn: &Connection, number: String, case_id: i64) -> StoreResult<SampleRow> {
    let mut stmt = conn.prepare_cached(
        "SELECT c.service, c.source, c.offence_mode, c.flag_domestic_abuse, c.flag_intimate_partner,
                c.flag_hate_crime, c.flag_sexual, c.flag_knife, c.flag_youth, c.received_on, c.closed_on,
                d.disposal_type,
                (SELECT decision FROM decision WHERE case_id = c.id ORDER BY id DESC LIMIT 1) AS decision,
                (SELECT risk_level FROM decision WHERE case_id = c.id ORDER BY id DESC LIMIT 1) AS risk_level
         FROM case_file c LEFT JOIN oocd_disposal d ON d.case_id = c.id WHERE c.id = ?1",
    )?;
    let mut row = stmt.query_row(params![case_id], |r| {
        let service: String = r.get(0)?;
        let mode: Option<String> = r.get(2)?;
        let flags: Vec<bool> = (3..=8).map(|i| r.get(i)).collect::<Result<_, _>>()?;
        let received: String = r.get(9)?;
        let closed: Option<String> = r.get(10)?;
        let disposal: Option<DisposalType> = r.get("disposal_type")?;
        let decision: Option<Decision> = r.get("decision")?;
        let risk: Option<RiskLevel> = r.get("risk_level")?;
        Ok(SampleRow {
            number: number.clone(),
            service: service_label(&service),
            source: r.get::<_, Source>("source")?.label().to_string(),
            disposal: disposal.map_or("", |d| d.label()).to_string(),
            offence: offence_words(mode.as_deref(), &service),
            flags: flag_words(&flags),
            received: first_of_month(&received),
            closed: first_of_month(closed.as_deref().unwrap_or(&received)),
            decision: decision.map_or("", |d| d.label()).to_string(),
            risk_level: risk.map_or("", |l| l.as_str()).to_string(),
            outcomes: Vec::new(),
        })
    })?;
    row.outcomes = condition_outcomes(conn, case_id)?;
    row.outcomes.extend(item_outcomes(conn, case_id)?);
    Ok(row)
}

pub(crate) fn condition_outcomes(conn: &Connection, case_id: i64) -> StoreResult<Vec<Outcome>> {
    let mut stmt = conn.prepare_cached(
        "SELECT k.kind, k.status, k.due_on, k.completed_on,
                EXISTS (SELECT 1 FROM breach b WHERE b.condition_id = k.id)
         FROM condition k WHERE k.case_id = ?1 ORDER BY k.seq",
    )?;
    let rows = stmt.query_map(params![case_id], |r| {
        let kind: ConditionKind = r.get("kind")?;
        let status: String = r.get(1)?;
        let (due, completed): (String, Option<String>) = (r.get(2)?, r.get(3)?);
        let breached: bool = r.get(4)?;
        Ok(Outcome {
            item: "condition",
            kind: kind.label().to_string(),
            outcome: condition_outcome(&status, &due, completed.as_deref(), breached),
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub(crate) fn item_outcomes(conn: &Connection, case_id: i64) -> StoreResult<Vec<Outcome>> {
    let mut stmt = conn.prepare_cached(
        "SELECT i.kind, i.status, i.due_on, i.completed_on
         FROM rj_process p JOIN outcome_agreement a ON a.process_id = p.id
         JOIN agreement_item i ON i.agreement_id = a.id
         WHERE p.case_id = ?1 ORDER BY a.id, i.seq",
    )?;
    let rows = stmt.query_map(params![case_id], |r| {
        let kind: AgreementItemKind = r.get("kind")?;
        let status: String = r.get(1)?;
        let (due, completed): (String, Option<String>) = (r.get(2)?, r.get(3)?);
        Ok(Outcome {
            item: "agreement item",
            kind: kind.label().to_string(),
            outcome: item_outcome(&status, &due, completed.as_deref()),
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

// ------------------------------------------------------------------ words

/// A breach outweighs a later completion: it is what a panel looks for.
pub(crate) fn condition_outcome(status: &str, due: &str, completed: Option<&str>, breached: bool) -> &'static str {
    if breached || status == "breached" {
        return "breached";
    }
    match (ConditionStatus::parse(status), completed) {
        (Some(ConditionStatus::Completed), Some(on)) => on_time_or_late(on, due),
        (Some(ConditionStatus::Completed), None) => "completed",
        (Some(ConditionStatus::NotCompleted), _) => "not completed",
        (Some(ConditionStatus::Withdrawn), _) => "withdrawn",
        _ => "still open at closure",
    }
}

pub(crate) fn item_outcome(status: &str, due: &str, completed: Option<&str>) -> &'static str {
    match (status, completed) {
        ("done", Some(on)) => on_time_or_late(on, due),
        ("done", None) => "completed",
        ("not_done", _) => "not done",
        ("waived", _) => "waived",
        _ => "still open at closure",
    }
}

/// ISO dates compare correctly as text.
pub(crate) fn on_time_or_late(completed: &str, due: &str) -> &'static str {
    if completed <= due {
        "completed on time"
    } else {
        "completed late"
    }
}

pub(crate) fn service_label(service: &str) -> String {
    Service::parse(service).map_or("Other", |s| s.label()).to_string()
}

/// The offence as the panel may see it: its mode of trial and the service,
/// never the description typed at intake.
pub(crate) fn offence_words(mode: Option<&str>, service: &str) -> String {
    let service = service_label(service).to_lowercase();
    match mode.and_then(OffenceMode::parse) {
        Some(m) => format!("{} offence ({service})", m.label()),
        None => format!("Offence mode not recorded ({service})"),
    }
}

pub(crate) fn flag_words(flags: &[bool]) -> String {
    const WORDS: [&str; 6] =
        ["domestic abuse", "intimate partner", "hate crime", "sexual offence", "knife / weapon", "youth"];
    let on: Vec<&str> = WORDS.iter().zip(flags).filter(|(_, on)| **on).map(|(w, _)| *w).collect();
    if on.is_empty() {
        "none".to_string()
    } else {
        on.join("; ")
    }
}

pub(crate) fn day(d: NaiveDate) -> String {
    crate::domain::dates::iso(d)
}

/// A stored date as the first day of its month; the day itself is dropped
/// so a date cannot single a case out.
pub(crate) fn first_of_month(text: &str) -> NaiveDate {
    let d = NaiveDate::parse_from_str(text.get(..10).unwrap_or(text), "%Y-%m-%d").unwrap_or_default();
    d.with_day(1).unwrap_or(d)
}
