//! Anonymised samples of closed cases for a scrutiny panel (DOMAIN.md §5):
//! picked at random with a seed, so the same request gives the same sample,
//! and stripped to structured facts. No names, contact details, dates of
//! birth or free text (notes, offence descriptions, evidence) are read at
//! all, so none can leak; references become sample numbers (S01, S02 …).

use std::path::Path;

use chrono::{Datelike, NaiveDate};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rusqlite::{params, Connection};

use crate::domain::caps::ConditionKind;
use crate::domain::checklist::{Decision, RiskLevel};
use crate::domain::status::{DisposalType, OffenceMode};
use crate::domain::types::{AgreementItemKind, ConditionStatus, Service, Source};
use crate::export::safe::spreadsheet_cell;
use crate::export::summary::sections::{Cell, Section};
use crate::export::summary::xlsx::{add_sheet, workbook_titled};
use crate::export::write_file_atomically;
use crate::store::{AuditEntry, AuditOp, Store, StoreError, StoreResult};

/// Who the audit log records as receiving a sample.
pub const SAMPLE_RECIPIENT: &str = "scrutiny panel sample";

/// What to sample.
#[derive(Debug, Clone)]
pub struct SampleRequest {
    pub n: usize,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub seed: u64,
}

/// What was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SampleReport {
    /// Closed cases in the period.
    pub available: usize,
    /// Cases in the file.
    pub taken: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SampleFormat {
    Csv,
    Xlsx,
}

impl SampleFormat {
    fn of(path: &Path) -> anyhow::Result<SampleFormat> {
        let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
        match ext.as_deref() {
            Some("csv") => Ok(SampleFormat::Csv),
            Some("xlsx") => Ok(SampleFormat::Xlsx),
            _ => anyhow::bail!("{} must end in .xlsx or .csv: the sample is written as one of those", path.display()),
        }
    }
}

/// `casedesk sample`.
pub fn cli_sample(
    mut store: Store,
    n: usize,
    from: NaiveDate,
    to: NaiveDate,
    seed: u64,
    output: &Path,
) -> anyhow::Result<()> {
    let report = write_sample(&mut store, &SampleRequest { n, from, to, seed }, output)?;
    if report.taken < n {
        eprintln!(
            "Only {} closed case{} between {from} and {to}, fewer than the {n} asked for: the sample holds all of them.",
            report.available,
            if report.available == 1 { "" } else { "s" }
        );
    }
    eprintln!("Wrote an anonymised sample of {} closed cases to {}", report.taken, output.display());
    Ok(())
}

/// Pick, anonymise, write and log the sample in one transaction: the file
/// exists only if its audit row does, and describes the cases the row lists.
pub fn write_sample(store: &mut Store, req: &SampleRequest, output: &Path) -> anyhow::Result<SampleReport> {
    let format = SampleFormat::of(output)?;
    if req.n == 0 {
        anyhow::bail!("--n must be at least 1");
    }
    if req.to < req.from {
        anyhow::bail!("--to {} is before --from {}: give the period earliest day first", req.to, req.from);
    }
    let mut written = false;
    let result = store.write(|tx| {
        let candidates = closed_case_ids(tx.conn(), req.from, req.to)?;
        let chosen = choose(&candidates, req.n, req.seed);
        let width = chosen.len().to_string().len().max(2);
        let mut rows = Vec::with_capacity(chosen.len());
        let mut key = serde_json::Map::new();
        for (i, (case_id, reference)) in chosen.iter().enumerate() {
            let number = format!("S{:0width$}", i + 1);
            key.insert(number.clone(), serde_json::Value::String(reference.clone()));
            rows.push(sample_row(tx.conn(), number, *case_id)?);
        }
        let bytes = render(format, req, candidates.len(), &rows).map_err(invalid)?;
        tx.audit(&audit_entry(req, output, key))?;
        write_file_atomically(output, &bytes).map_err(invalid)?;
        written = true;
        Ok(SampleReport { available: candidates.len(), taken: rows.len() })
    });
    if result.is_err() && written {
        let _ = std::fs::remove_file(output);
    }
    Ok(result?)
}

fn invalid(e: anyhow::Error) -> StoreError {
    StoreError::Invalid(format!("{e:#}"))
}

/// The log keeps which case each sample number stands for, so the desk can
/// answer the panel's questions about "S03"; the file itself never does.
fn audit_entry(req: &SampleRequest, output: &Path, key: serde_json::Map<String, serde_json::Value>) -> AuditEntry {
    let path = output.display().to_string();
    let mut entry = AuditEntry::new(AuditOp::Export, "sample", format!("{}..{}", req.from, req.to))
        .after(serde_json::json!({ "path": path, "from": req.from, "to": req.to, "seed": req.seed, "cases": key }));
    entry.justification = Some(format!("anonymised sample for a scrutiny panel (DOMAIN.md §5), written to {path}"));
    entry.recipient = Some(SAMPLE_RECIPIENT.to_string());
    entry
}

/// Up to `n` of `candidates`, picked by a ChaCha8 generator seeded with
/// `seed`: the same database, period and seed always give the same sample.
fn choose<T: Clone>(candidates: &[T], n: usize, seed: u64) -> Vec<T> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let amount = n.min(candidates.len());
    rand::seq::index::sample(&mut rng, candidates.len(), amount).into_iter().map(|i| candidates[i].clone()).collect()
}

// ------------------------------------------------------------------ reading
//
// These queries read only vocabulary columns and dates, never a name or a
// free-text column. They run in the transaction that logs the export.

fn closed_case_ids(conn: &Connection, from: NaiveDate, to: NaiveDate) -> StoreResult<Vec<(i64, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, ref FROM case_file WHERE status = 'closed' AND closed_on BETWEEN ?1 AND ?2 ORDER BY id",
    )?;
    let rows = stmt.query_map(params![day(from), day(to)], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// One anonymised case.
#[derive(Debug, Clone, PartialEq)]
struct SampleRow {
    number: String,
    service: String,
    source: String,
    disposal: String,
    offence: String,
    flags: String,
    received: NaiveDate,
    closed: NaiveDate,
    decision: String,
    risk_level: String,
    outcomes: Vec<Outcome>,
}

/// A condition or agreement item: its kind and how it ended.
#[derive(Debug, Clone, PartialEq)]
struct Outcome {
    item: &'static str,
    kind: String,
    outcome: &'static str,
}

fn sample_row(conn: &Connection, number: String, case_id: i64) -> StoreResult<SampleRow> {
    let mut stmt = conn.prepare_cached(
        "SELECT c.service, c.source, c.offence_mode, c.flag_domestic_abuse, c.flag_intimate_partner,
                c.flag_hate_crime, c.flag_sexual, c.flag_knife, c.flag_youth, c.received_on, c.closed_on,
                d.disposal_type,
                (SELECT decision FROM decision WHERE case_id = c.id ORDER BY id DESC LIMIT 1),
                (SELECT risk_level FROM decision WHERE case_id = c.id ORDER BY id DESC LIMIT 1)
         FROM case_file c LEFT JOIN oocd_disposal d ON d.case_id = c.id WHERE c.id = ?1",
    )?;
    let mut row = stmt.query_row(params![case_id], |r| {
        let service: String = r.get(0)?;
        let mode: Option<String> = r.get(2)?;
        let flags: Vec<bool> = (3..=8).map(|i| r.get(i)).collect::<Result<_, _>>()?;
        let received: String = r.get(9)?;
        let closed: Option<String> = r.get(10)?;
        let disposal: Option<String> = r.get(11)?;
        let decision: Option<String> = r.get(12)?;
        let risk: Option<String> = r.get(13)?;
        Ok(SampleRow {
            number: number.clone(),
            service: service_label(&service),
            source: Source::parse(&r.get::<_, String>(1)?).map_or("Other", |s| s.label()).to_string(),
            disposal: disposal.as_deref().and_then(DisposalType::parse).map_or("", |d| d.label()).to_string(),
            offence: offence_words(mode.as_deref(), &service),
            flags: flag_words(&flags),
            received: first_of_month(&received),
            closed: first_of_month(closed.as_deref().unwrap_or(&received)),
            decision: decision.as_deref().and_then(Decision::parse).map_or("", |d| d.label()).to_string(),
            risk_level: risk.as_deref().and_then(RiskLevel::parse).map_or("", |l| l.as_str()).to_string(),
            outcomes: Vec::new(),
        })
    })?;
    row.outcomes = condition_outcomes(conn, case_id)?;
    row.outcomes.extend(item_outcomes(conn, case_id)?);
    Ok(row)
}

fn condition_outcomes(conn: &Connection, case_id: i64) -> StoreResult<Vec<Outcome>> {
    let mut stmt = conn.prepare_cached(
        "SELECT k.kind, k.status, k.due_on, k.completed_on,
                EXISTS (SELECT 1 FROM breach b WHERE b.condition_id = k.id)
         FROM condition k WHERE k.case_id = ?1 ORDER BY k.seq",
    )?;
    let rows = stmt.query_map(params![case_id], |r| {
        let kind: String = r.get(0)?;
        let status: String = r.get(1)?;
        let (due, completed): (String, Option<String>) = (r.get(2)?, r.get(3)?);
        let breached: bool = r.get(4)?;
        Ok(Outcome {
            item: "condition",
            kind: ConditionKind::parse(&kind).map_or("Other", |k| k.label()).to_string(),
            outcome: condition_outcome(&status, &due, completed.as_deref(), breached),
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn item_outcomes(conn: &Connection, case_id: i64) -> StoreResult<Vec<Outcome>> {
    let mut stmt = conn.prepare_cached(
        "SELECT i.kind, i.status, i.due_on, i.completed_on
         FROM rj_process p JOIN outcome_agreement a ON a.process_id = p.id
         JOIN agreement_item i ON i.agreement_id = a.id
         WHERE p.case_id = ?1 ORDER BY a.id, i.seq",
    )?;
    let rows = stmt.query_map(params![case_id], |r| {
        let kind: String = r.get(0)?;
        let status: String = r.get(1)?;
        let (due, completed): (String, Option<String>) = (r.get(2)?, r.get(3)?);
        Ok(Outcome {
            item: "agreement item",
            kind: AgreementItemKind::parse(&kind).map_or("Other", |k| k.label()).to_string(),
            outcome: item_outcome(&status, &due, completed.as_deref()),
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

// ------------------------------------------------------------------ words

/// A breach outweighs a later completion: it is what a panel looks for.
fn condition_outcome(status: &str, due: &str, completed: Option<&str>, breached: bool) -> &'static str {
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

fn item_outcome(status: &str, due: &str, completed: Option<&str>) -> &'static str {
    match (status, completed) {
        ("done", Some(on)) => on_time_or_late(on, due),
        ("done", None) => "completed",
        ("not_done", _) => "not done",
        ("waived", _) => "waived",
        _ => "still open at closure",
    }
}

/// ISO dates compare correctly as text.
fn on_time_or_late(completed: &str, due: &str) -> &'static str {
    if completed <= due {
        "completed on time"
    } else {
        "completed late"
    }
}

fn service_label(service: &str) -> String {
    Service::parse(service).map_or("Other", |s| s.label()).to_string()
}

/// The offence as the panel may see it: its mode of trial and the service,
/// never the description typed at intake.
fn offence_words(mode: Option<&str>, service: &str) -> String {
    let service = service_label(service).to_lowercase();
    match mode.and_then(OffenceMode::parse) {
        Some(m) => format!("{} offence ({service})", m.label()),
        None => format!("Offence mode not recorded ({service})"),
    }
}

fn flag_words(flags: &[bool]) -> String {
    const WORDS: [&str; 6] =
        ["domestic abuse", "intimate partner", "hate crime", "sexual offence", "knife / weapon", "youth"];
    let on: Vec<&str> = WORDS.iter().zip(flags).filter(|(_, on)| **on).map(|(w, _)| *w).collect();
    if on.is_empty() {
        "none".to_string()
    } else {
        on.join("; ")
    }
}

fn day(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// A stored date as the first day of its month; the day itself is dropped
/// so a date cannot single a case out.
fn first_of_month(text: &str) -> NaiveDate {
    let d = NaiveDate::parse_from_str(text.get(..10).unwrap_or(text), "%Y-%m-%d").unwrap_or_default();
    d.with_day(1).unwrap_or(d)
}

// ------------------------------------------------------------------ writing

const COLUMNS: [&str; 12] = [
    "Sample",
    "Service",
    "Source",
    "Disposal type",
    "Offence",
    "Flags",
    "Received (month)",
    "Closed (month)",
    "Decision",
    "Risk level",
    "Conditions",
    "Agreement items",
];

fn render(format: SampleFormat, req: &SampleRequest, available: usize, rows: &[SampleRow]) -> anyhow::Result<Vec<u8>> {
    match format {
        SampleFormat::Csv => csv(rows),
        SampleFormat::Xlsx => xlsx(req, available, rows),
    }
}

/// "Unpaid work: completed late; Apology: breached" for one kind of item.
fn outcome_list(row: &SampleRow, item: &str) -> String {
    row.outcomes
        .iter()
        .filter(|o| o.item == item)
        .map(|o| format!("{}: {}", o.kind, o.outcome))
        .collect::<Vec<_>>()
        .join("; ")
}

fn text_cells(row: &SampleRow) -> Vec<Cell> {
    vec![
        Cell::text(&row.number),
        Cell::text(&row.service),
        Cell::text(&row.source),
        Cell::text(&row.disposal),
        Cell::text(&row.offence),
        Cell::text(&row.flags),
        Cell::Month(row.received),
        Cell::Month(row.closed),
        Cell::text(&row.decision),
        Cell::text(&row.risk_level),
        Cell::Text(outcome_list(row, "condition")),
        Cell::Text(outcome_list(row, "agreement item")),
    ]
}

fn csv(rows: &[SampleRow]) -> anyhow::Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(COLUMNS)?;
    for row in rows {
        w.write_record(text_cells(row).iter().map(|c| spreadsheet_cell(&c.display())))?;
    }
    Ok(w.into_inner()?)
}

fn xlsx(req: &SampleRequest, available: usize, rows: &[SampleRow]) -> anyhow::Result<Vec<u8>> {
    let mut workbook = workbook_titled("casedesk anonymised sample");
    let about = Section {
        sheet: "About",
        heading: "About this sample",
        columns: vec!["Fact", "Value"],
        rows: vec![
            vec![Cell::text("Closed from"), Cell::Date(req.from)],
            vec![Cell::text("Closed to"), Cell::Date(req.to)],
            vec![Cell::text("Closed cases in the period"), Cell::Number(available as i64)],
            vec![Cell::text("Cases in this sample"), Cell::Number(rows.len() as i64)],
            vec![Cell::text("Random seed"), Cell::Text(req.seed.to_string())],
        ],
    };
    let cases = Section {
        sheet: "Sample",
        heading: "Sampled cases",
        columns: COLUMNS.to_vec(),
        rows: rows.iter().map(text_cells).collect(),
    };
    let outcomes = Section {
        sheet: "Outcomes",
        heading: "Conditions and agreement items",
        columns: vec!["Sample", "Item", "Kind", "Outcome"],
        rows: rows
            .iter()
            .flat_map(|r| {
                r.outcomes.iter().map(|o| {
                    vec![Cell::text(&r.number), Cell::text(o.item), Cell::text(&o.kind), Cell::text(o.outcome)]
                })
            })
            .collect(),
    };
    for section in [&cases, &outcomes, &about] {
        add_sheet(&mut workbook, section)?;
    }
    Ok(workbook.save_to_buffer()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choice_is_deterministic_and_bounded() {
        let ids: Vec<i64> = (1..=40).collect();
        assert_eq!(choose(&ids, 10, 3), choose(&ids, 10, 3));
        assert_ne!(choose(&ids, 10, 3), choose(&ids, 10, 4));
        assert_eq!(choose(&ids, 100, 3).len(), 40);
        let mut picked = choose(&ids, 10, 3);
        picked.sort();
        picked.dedup();
        assert_eq!(picked.len(), 10, "no case is picked twice");
    }

    #[test]
    fn outcomes_in_words() {
        assert_eq!(condition_outcome("completed", "2026-03-10", Some("2026-03-10"), false), "completed on time");
        assert_eq!(condition_outcome("completed", "2026-03-10", Some("2026-03-11"), false), "completed late");
        assert_eq!(condition_outcome("completed", "2026-03-10", Some("2026-03-01"), true), "breached");
        assert_eq!(condition_outcome("withdrawn", "2026-03-10", None, false), "withdrawn");
        assert_eq!(item_outcome("waived", "2026-03-10", None), "waived");
    }

    #[test]
    fn the_file_kind_comes_from_the_extension() {
        assert_eq!(SampleFormat::of(Path::new("a.XLSX")).unwrap(), SampleFormat::Xlsx);
        assert_eq!(SampleFormat::of(Path::new("a.csv")).unwrap(), SampleFormat::Csv);
        let err = SampleFormat::of(Path::new("a.txt")).unwrap_err().to_string();
        assert!(err.contains(".xlsx or .csv"), "{err}");
    }

    #[test]
    fn flags_and_months() {
        assert_eq!(flag_words(&[false; 6]), "none");
        assert_eq!(flag_words(&[true, false, true, false, false, false]), "domestic abuse; hate crime");
        assert_eq!(first_of_month("2026-03-17"), NaiveDate::from_ymd_opt(2026, 3, 1).unwrap());
    }
}
