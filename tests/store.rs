//! The store as the rest of the program sees it: opening and migrating the
//! file, the audit log written with every change, the rules it enforces, the
//! Today queries, backups and references (DOMAIN.md §12).
//!
//! The helpers stay in this file; the tests are in `store/`, one file a
//! subject.

mod common;

use std::path::{Path, PathBuf};

use casedesk::domain::caps::{ConditionKind, ConditionObject};
use casedesk::domain::checklist::{Answer, Decision, RiskLevel};
use casedesk::domain::rules::Rules;
use casedesk::domain::status::{DisposalType, OffenceMode};
use casedesk::domain::triage::TodayItem;
use casedesk::domain::types::{AgreementItemKind, ContactChannel, ProcessKind, ProcessStatus, Service, Source};
use casedesk::store::model::{
    CaseKey, ChecklistEntry, NewAgreementItem, NewCase, NewCondition, NewContact, NewDecision, NewDisposal, NewProcess,
};
use casedesk::store::{Day, OpenMode, Store, StoreError, StoreResult, Tx};
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{params, Connection};
use tempfile::TempDir;

use common::{SENSE_CHECK, SUITABILITY};

#[path = "store/audit.rs"]
mod audit;
#[path = "store/backups.rs"]
mod backups;
#[path = "store/caseload_counts.rs"]
mod caseload_counts;
#[path = "store/compliance.rs"]
mod compliance;
#[path = "store/directory.rs"]
mod directory;
#[path = "store/edits.rs"]
mod edits;
#[path = "store/endings.rs"]
mod endings;
#[path = "store/feedback.rs"]
mod feedback;
#[path = "store/finalise.rs"]
mod finalise;
#[path = "store/legal.rs"]
mod legal;
#[path = "store/marks.rs"]
mod marks;
#[path = "store/meetings.rs"]
mod meetings;
#[path = "store/oocd_monthly.rs"]
mod oocd_monthly;
#[path = "store/opening.rs"]
mod opening;
#[path = "store/references.rs"]
mod references;
#[path = "store/referrals.rs"]
mod referrals;
#[path = "store/rj_quarterly.rs"]
mod rj_quarterly;
#[path = "store/rules.rs"]
mod rules;
#[path = "store/spelling.rs"]
mod spelling;
#[path = "store/summary_done.rs"]
mod summary_done;
#[path = "store/today.rs"]
mod today;

// ------------------------------------------------------------------ helpers

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").expect("test date-time")
}

/// A database file in its own temporary directory, opened as a store.
struct FileDb {
    dir: TempDir,
    path: PathBuf,
    store: Store,
}

impl FileDb {
    fn new() -> FileDb {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("casedesk.db");
        let store = Store::open(&path, OpenMode::CreateIfMissing).expect("open new database");
        FileDb { dir, path, store }
    }

    /// A second, plain SQLite connection to the same file, to look at (or
    /// tamper with) what the store wrote.
    fn raw(&self) -> Connection {
        Connection::open(&self.path).expect("raw connection")
    }

    fn count(&self, table: &str) -> i64 {
        count(&self.raw(), table)
    }

    /// Write what a test starts from; a refusal here is a broken test.
    fn setup<T>(&mut self, f: impl FnOnce(&mut Tx<'_>) -> StoreResult<T>) -> T {
        self.store.write(f).expect("the setup is written")
    }

    /// The Today list on Friday 20 November 2026.
    fn today_items(&self, rules: &Rules) -> Vec<TodayItem> {
        let calendar = self.store.calendar().unwrap();
        self.store.today_items(&Day::new(d("2026-11-20"), &calendar, rules)).unwrap()
    }
}

fn count(conn: &Connection, table: &str) -> i64 {
    conn.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0)).expect("count")
}

fn status_of(conn: &Connection, case_id: i64) -> String {
    conn.query_row("SELECT status FROM case_file WHERE id = ?1", params![case_id], |r| r.get(0)).expect("status")
}

fn err_text<T: std::fmt::Debug>(result: StoreResult<T>) -> String {
    match result {
        Ok(v) => panic!("expected the store to refuse, got Ok({v:?})"),
        Err(StoreError::Invalid(msg)) => msg,
        Err(other) => panic!("expected StoreError::Invalid, got {other:?}"),
    }
}

/// One row of the audit log, as far as these tests care.
#[derive(Debug, Clone)]
struct AuditRow {
    id: i64,
    user: String,
    op: String,
    entity: String,
    entity_id: String,
    case_id: Option<i64>,
    before: Option<serde_json::Value>,
    after: Option<serde_json::Value>,
}

fn audit_rows_after(conn: &Connection, after_id: i64) -> Vec<AuditRow> {
    let mut stmt = conn
        .prepare(
            "SELECT id, user, op, entity, entity_id, case_id, before_json, after_json
             FROM audit_log WHERE id > ?1 ORDER BY id",
        )
        .expect("prepare audit query");
    let rows = stmt
        .query_map(params![after_id], |r| {
            let before: Option<String> = r.get(6)?;
            let after: Option<String> = r.get(7)?;
            Ok(AuditRow {
                id: r.get(0)?,
                user: r.get(1)?,
                op: r.get(2)?,
                entity: r.get(3)?,
                entity_id: r.get(4)?,
                case_id: r.get(5)?,
                before: before.map(|s| serde_json::from_str(&s).expect("before_json is JSON")),
                after: after.map(|s| serde_json::from_str(&s).expect("after_json is JSON")),
            })
        })
        .expect("query audit");
    rows.collect::<Result<Vec<_>, _>>().expect("audit rows")
}

fn max_audit_id(conn: &Connection) -> i64 {
    conn.query_row("SELECT COALESCE(MAX(id), 0) FROM audit_log", [], |r| r.get(0)).expect("max audit id")
}

/// (op, entity, entity_id, case_id) of each row, for compact assertions.
fn shape(rows: &[AuditRow]) -> Vec<(String, String, String, Option<i64>)> {
    rows.iter().map(|r| (r.op.clone(), r.entity.clone(), r.entity_id.clone(), r.case_id)).collect()
}

fn row(op: &str, entity: &str, entity_id: i64, case_id: i64) -> (String, String, String, Option<i64>) {
    (op.to_string(), entity.to_string(), entity_id.to_string(), Some(case_id))
}

fn field<'a>(json: &'a Option<serde_json::Value>, name: &str) -> &'a serde_json::Value {
    json.as_ref().and_then(|j| j.get(name)).unwrap_or_else(|| panic!("no {name} in {json:?}"))
}

fn case(service: Service, received: &str) -> NewCase {
    NewCase::new(service, Source::Police, d(received))
}

/// A disposal with everything §12.3 asks for before issue.
fn disposal(kind: DisposalType, issued_on: &str) -> NewDisposal {
    let mut nd = NewDisposal::new(kind);
    nd.admission_recorded_on = Some(d(issued_on));
    nd.consent_recorded_on = Some(d(issued_on));
    nd.signed_document_ref = Some("DOC-1".into());
    nd.victim_views_sought_on = Some(d(issued_on));
    nd.authorised_by = Some("Sgt Patel".into());
    nd.issued_on = Some(d(issued_on));
    nd
}

fn condition(kind: ConditionKind, object: ConditionObject, hours: Option<f64>, due: &str) -> NewCondition {
    let mut c = NewCondition::new(kind, object, &format!("{} ({})", kind.label(), due), d(due));
    c.hours_required = hours;
    c
}

fn apology(due: &str) -> NewCondition {
    condition(ConditionKind::ReparationApologyLetter, ConditionObject::Reparation, None, due)
}

fn penalty(pence: i64, due: &str) -> NewCondition {
    let mut c = condition(ConditionKind::FinancialPenalty, ConditionObject::Punishment, None, due);
    c.amount_pence = Some(pence);
    c
}

/// An OOCD case with its disposal recorded, still in draft.
fn oocd_case(tx: &mut Tx<'_>, kind: DisposalType, received: &str) -> StoreResult<CaseKey> {
    let mut nc = case(Service::Oocd, received);
    nc.offence_mode = Some(OffenceMode::SummaryOnly);
    nc.offence_date = Some(d(received));
    let key = tx.create_case(&nc)?;
    tx.set_disposal(key.id, &disposal(kind, received))?;
    Ok(key)
}

/// An OOCD case issued and active from the day it was received, with no
/// conditions (a community resolution, a youth caution).
fn active_oocd(tx: &mut Tx<'_>, kind: DisposalType, received: &str) -> StoreResult<CaseKey> {
    active_with(tx, kind, received, &[], &Rules::default()).map(|(key, _)| key)
}

/// `active_oocd` with its conditions, agreed before the issue as the law
/// has it (a conditional caution is issued with at least one); returns the
/// conditions' ids in order too.
fn active_with(
    tx: &mut Tx<'_>,
    kind: DisposalType,
    received: &str,
    conditions: &[NewCondition],
    rules: &Rules,
) -> StoreResult<(CaseKey, Vec<i64>)> {
    let key = oocd_case(tx, kind, received)?;
    let mut ids = Vec::new();
    for c in conditions {
        ids.push(tx.add_condition(key.id, c, rules)?.0);
    }
    tx.change_status_path(key.id, &["issued", "active"], d(received))?;
    Ok((key, ids))
}

/// A community resolution received, issued and closed as completed.
fn closed_resolution(tx: &mut Tx<'_>, received: &str, closed: &str, rules: &Rules) -> StoreResult<CaseKey> {
    let key = active_oocd(tx, DisposalType::CommunityResolution, received)?;
    tx.close_case(key.id, d(closed), "completed", rules)?;
    Ok(key)
}

fn answer(tx: &mut Tx<'_>, case_id: i64, code: &str, a: Answer, on: &str) -> StoreResult<()> {
    let entry = ChecklistEntry { item_code: code.to_string(), answer: a, severity: None, note: String::new() };
    tx.answer_checklist(case_id, &entry, d(on))
}

/// A referral taken through the sense-check into risk assessment on `on`.
fn referral_at_risk_assessment(tx: &mut Tx<'_>, nc: &NewCase, on: &str) -> StoreResult<CaseKey> {
    let key = tx.create_case(nc)?;
    tx.change_status(key.id, "sense_check", nc.received_on)?;
    for code in SENSE_CHECK {
        answer(tx, key.id, code, Answer::Yes, on)?;
    }
    tx.change_status(key.id, "risk_assessment", d(on))?;
    Ok(key)
}

fn all_suitability_yes(tx: &mut Tx<'_>, case_id: i64, on: &str) -> StoreResult<()> {
    SUITABILITY.iter().try_for_each(|code| answer(tx, case_id, code, Answer::Yes, on))
}

fn decision(kind: Decision, rationale: &str, on: &str, signoff: Option<&str>) -> NewDecision {
    NewDecision {
        decided_on: d(on),
        decision: kind,
        risk_level: RiskLevel::Low,
        rationale: rationale.to_string(),
        manager_signoff_by: signoff.map(str::to_string),
        manager_signoff_on: signoff.map(|_| d(on)),
    }
}

fn process(kind: ProcessKind, when: &str, status: ProcessStatus) -> NewProcess {
    NewProcess {
        kind,
        scheduled_for: Some(at(when)),
        venue: Some("Town Hall".into()),
        room_booked: true,
        refreshments: None,
        facilitators: "A. Facilitator".into(),
        participants: "harmed, responsible".into(),
        status,
    }
}

/// An outcome agreement made at a conference held on 10 November 2026 on case `case_id`.
fn held_agreement(tx: &mut Tx<'_>, case_id: i64) -> StoreResult<i64> {
    let held =
        tx.add_process(case_id, &process(ProcessKind::FaceToFaceConference, "2026-11-10 10:00", ProcessStatus::Held))?;
    tx.add_agreement(&casedesk::store::model::NewAgreement {
        process_id: held,
        agreed_on: d("2026-11-10"),
        signed_by_harmed: true,
        signed_by_responsible: true,
        copies_given: true,
        review_on: None,
    })
}

fn agreement_item(description: &str, due: &str) -> NewAgreementItem {
    NewAgreementItem {
        description: description.to_string(),
        kind: AgreementItemKind::RepairWork,
        owner: "Responsible party".into(),
        responsible_person_id: None,
        amount_pence: None,
        due_on: d(due),
        monitoring_method: Some("photo of the repaired fence".into()),
    }
}

fn contact(case_id: i64, on: &str, follow_up: Option<&str>) -> NewContact {
    NewContact {
        case_id,
        person_id: None,
        occurred_on: d(on),
        channel: ContactChannel::Phone,
        outgoing: true,
        summary: "left a message".into(),
        outcome: None,
        follow_up_on: follow_up.map(d),
    }
}

fn header_of(path: &Path) -> Vec<u8> {
    std::fs::read(path).expect("read file")
}

fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().expect("file name").to_os_string();
    name.push(suffix);
    path.with_file_name(name)
}

/// Holds PCSC Act 2022 Part 6 as in force from `yyyymmdd` on this desk.
pub(crate) fn pcsc_in_force_from(db: &FileDb, yyyymmdd: &str) {
    db.raw()
        .execute(
            "INSERT INTO rule (id, key, value, unit, source, confidence)
             VALUES ('PCSC_PART6_IN_FORCE_FROM', 'PCSC_PART6_IN_FORCE_FROM', ?1, 'date', 'test', 'unverified')",
            params![yyyymmdd.parse::<f64>().unwrap()],
        )
        .unwrap();
}
