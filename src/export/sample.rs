//! Anonymised samples of closed cases for a scrutiny panel (DOMAIN.md §5):
//! picked at random with a seed, so the same request gives the same sample,
//! and stripped to structured facts. No names, contact details, dates of
//! birth or free text (notes, offence descriptions, evidence) are read at
//! all, so none can leak; references become sample numbers (S01, S02 …).

use std::path::Path;

use chrono::NaiveDate;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use crate::export::safe::spreadsheet_cell;
use crate::export::summary::sections::{Cell, Section};
use crate::export::summary::xlsx::{add_sheet, workbook_titled};
use crate::export::write_recorded;
use crate::store::views::sample::{closed_case_ids, sample_row, SampleRow};
use crate::store::{AuditEntry, AuditOp, Store, StoreError};

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
    write_recorded(store, output, |tx| {
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
        Ok((SampleReport { available: candidates.len(), taken: rows.len() }, bytes))
    })
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
    use crate::store::views::sample::{condition_outcome, first_of_month, flag_words, item_outcome};

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
