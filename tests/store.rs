//! The store as the rest of the program sees it: opening and migrating the
//! file, the audit log written with every change, the rules it enforces, the
//! Today queries, backups and references (DOMAIN.md §12).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use casedesk::domain::caps::{ConditionKind, ConditionObject, Severity};
use casedesk::domain::checklist::{Answer, Decision, RiskLevel, RiskSeverity};
use casedesk::domain::rules::{Confidence, Rules};
use casedesk::domain::status::{DisposalType, OffenceMode};
use casedesk::domain::triage::{ItemKind, TodaySection};
use casedesk::domain::types::{
    AgreementItemKind, ContactChannel, DataSubjectCategory, PartyRole, ProcessKind, ProcessStatus, Service, Source,
};
use casedesk::store::model::{
    CaseFlags, CaseKey, ChecklistEntry, NewAgreement, NewAgreementItem, NewBreach, NewCase, NewCondition, NewContact,
    NewDecision, NewDisposal, NewPerson, NewProcess, PartyLink,
};
use casedesk::store::{Day, OpenMode, Store, StoreError, StoreResult, Tx, SCHEMA_VERSION};
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{params, Connection};
use tempfile::TempDir;

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
    NewCondition {
        kind,
        object,
        description: format!("{} ({})", kind.label(), due),
        provider_id: None,
        hours_required: hours,
        amount_pence: None,
        payee: None,
        restriction_until: None,
        due_on: d(due),
        due_rule: None,
    }
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

fn answer(tx: &mut Tx<'_>, case_id: i64, code: &str, a: Answer, on: &str) -> StoreResult<()> {
    let entry = ChecklistEntry { item_code: code.to_string(), answer: a, severity: None, note: String::new() };
    tx.answer_checklist(case_id, &entry, d(on))
}

const SENSE_CHECK: [&str; 8] =
    ["SC_REF", "SC_PARTIES", "SC_STAGE", "SC_CONSENT_SHARE", "SC_OFFENCE", "SC_AGE", "SC_NO_CONFLICT", "SC_DUPLICATE"];
const SUITABILITY: [&str; 8] = [
    "SU_ACCEPTS",
    "SU_WILLING_HARMED",
    "SU_WILLING_RESP",
    "SU_CAPACITY",
    "SU_PROCEEDINGS",
    "SU_ORDERS",
    "SU_METHOD",
    "SU_FACILITATOR",
];

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

// ------------------------------------------------------- opening and pragmas

#[test]
fn a_new_file_is_created_in_wal_mode_and_migrated_to_the_current_schema() {
    let db = FileDb::new();
    assert!(db.path.is_file());
    let raw = db.raw();
    let journal: String = raw.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(journal, "wal");
    let version: i64 = raw.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(version, SCHEMA_VERSION);
    // A WAL database keeps its log beside it while open.
    assert!(sidecar(&db.path, "-wal").exists(), "no -wal file beside an open WAL database");
}

#[test]
fn the_rule_table_is_seeded_from_the_domain_defaults() {
    let db = FileDb::new();
    let raw = db.raw();
    assert_eq!(count(&raw, "rule"), Rules::defaults().iter().count() as i64);
    let (value, unit, confidence): (f64, String, String) = raw
        .query_row("SELECT value, unit, confidence FROM rule WHERE id = 'CC_ATTEND_MAX'", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .unwrap();
    assert_eq!((value, unit.as_str(), confidence.as_str()), (20.0, "h", "verified"));

    let rules = db.store.rules().unwrap();
    let cap = rules.get("CC_ATTEND_MAX").expect("CC_ATTEND_MAX seeded");
    assert_eq!(cap.value, 20.0);
    assert_eq!(cap.confidence, Confidence::Verified);
    assert_eq!(rules.get("CC_TIME_NORMAL").map(|r| r.confidence), Some(Confidence::Partial));
    assert_eq!(rules.days_or("RETENTION_REVIEW_YEARS", 0), 6);
}

#[test]
fn reopening_does_not_migrate_or_seed_again() {
    let mut db = FileDb::new();
    let key = db.store.write(|tx| tx.create_case(&case(Service::RestorativeJustice, "2026-11-02"))).unwrap();
    let FileDb { dir, path, store } = db;
    drop(store);
    // The table is the truth once seeded: a local change must survive a reopen.
    Connection::open(&path).unwrap().execute("UPDATE rule SET value = 18 WHERE id = 'CC_ATTEND_MAX'", []).unwrap();
    let rules_before = count(&Connection::open(&path).unwrap(), "rule");

    let store = Store::open(&path, OpenMode::MustExist).expect("reopen");
    let db = FileDb { dir, path, store };
    let raw = db.raw();
    assert_eq!(count(&raw, "rule"), rules_before);
    assert_eq!(db.store.rules().unwrap().get("CC_ATTEND_MAX").map(|r| r.value), Some(18.0));
    let version: i64 = raw.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(version, SCHEMA_VERSION);
    assert_eq!(count(&raw, "case_file"), 1);
    let reference: String =
        raw.query_row("SELECT ref FROM case_file WHERE id = ?1", params![key.id], |r| r.get(0)).unwrap();
    assert_eq!(reference, key.reference);
}

#[test]
fn foreign_keys_are_enforced_on_the_stores_connection() {
    let mut db = FileDb::new();
    // add_party does not look the case up itself: only the foreign key stops
    // a party being linked to a case that does not exist.
    let result = db.store.write(|tx| {
        let link = PartyLink { role: PartyRole::Harmed, category: DataSubjectCategory::Victim };
        tx.add_party(999, &NewPerson::named("Ann", "Smith"), link)
    });
    let msg = err_text(result);
    assert!(msg.contains("FOREIGN KEY"), "{msg}");
    assert_eq!(db.count("person"), 0, "the person insert must roll back with the failed link");
    assert_eq!(db.count("audit_log"), 0);
}

#[test]
fn a_writer_waits_for_another_connections_lock_instead_of_failing_at_once() {
    let mut db = FileDb::new();
    let blocker = db.raw();
    blocker.execute_batch("BEGIN IMMEDIATE").unwrap();
    let release = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(400));
        blocker.execute_batch("COMMIT").unwrap();
    });
    let started = Instant::now();
    let key = db.store.write(|tx| tx.create_case(&case(Service::Mediation, "2026-11-20")));
    let waited = started.elapsed();
    release.join().unwrap();
    assert_eq!(key.expect("the write succeeds once the lock is released").reference, "MED-2026-0001");
    assert!(waited >= Duration::from_millis(300), "returned after {waited:?}: no busy timeout?");
}

#[test]
fn a_lock_held_past_the_busy_timeout_is_reported_as_locked() {
    let mut db = FileDb::new();
    let blocker = db.raw();
    blocker.execute_batch("BEGIN IMMEDIATE").unwrap();
    let started = Instant::now();
    let result = db.store.write(|tx| tx.create_case(&case(Service::Mediation, "2026-11-20")));
    let waited = started.elapsed();
    blocker.execute_batch("ROLLBACK").unwrap();
    assert!(matches!(result, Err(StoreError::Locked)), "{result:?}");
    assert!(waited >= Duration::from_secs(2), "gave up after {waited:?}");
    assert_eq!(db.count("case_file"), 0);
}

// ------------------------------------------------------------ refusing files

#[test]
fn a_database_from_a_newer_program_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("newer.db");
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(&format!(
            "CREATE TABLE future (x INTEGER); INSERT INTO future VALUES (1); PRAGMA user_version = {};",
            SCHEMA_VERSION + 1
        ))
        .unwrap();
    }
    let before = header_of(&path);
    let result = Store::open(&path, OpenMode::CreateIfMissing);
    match result {
        Err(StoreError::NewerSchema { path: p, found, supported }) => {
            assert_eq!(p, path);
            assert_eq!(found, SCHEMA_VERSION + 1);
            assert_eq!(supported, SCHEMA_VERSION);
        }
        Err(other) => panic!("expected NewerSchema, got {other:?}"),
        Ok(_) => panic!("a newer schema was opened"),
    }
    assert_eq!(header_of(&path), before, "the refused file was changed");
    assert!(!sidecar(&path, "-wal").exists(), "a -wal file was created beside a refused database");
    assert!(!sidecar(&path, "-journal").exists());
    let conn = Connection::open(&path).unwrap();
    let journal: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(journal, "delete", "the refused file was switched to WAL");
    assert_eq!(count(&conn, "future"), 1);
}

#[test]
fn a_casedesk_file_bumped_to_a_newer_schema_is_refused_without_changing_it() {
    let db = FileDb::new();
    let FileDb { dir, path, store } = db;
    drop(store);
    Connection::open(&path).unwrap().execute_batch(&format!("PRAGMA user_version = {}", SCHEMA_VERSION + 1)).unwrap();
    let before = header_of(&path);
    let result = Store::open(&path, OpenMode::MustExist);
    assert!(matches!(result, Err(StoreError::NewerSchema { found, .. }) if found == SCHEMA_VERSION + 1));
    assert_eq!(header_of(&path), before);
    let version: i64 = Connection::open(&path).unwrap().query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(version, SCHEMA_VERSION + 1);
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(left, ["casedesk.db"], "files left beside a refused database");
}

#[test]
fn a_directory_is_refused_as_a_database_path() {
    let dir = tempfile::tempdir().unwrap();
    for mode in [OpenMode::CreateIfMissing, OpenMode::MustExist] {
        match Store::open(dir.path(), mode) {
            Err(StoreError::IsDirectory(p)) => assert_eq!(p, dir.path()),
            Err(other) => panic!("expected IsDirectory, got {other:?}"),
            Ok(_) => panic!("a directory was opened as a database"),
        }
    }
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0, "something was created in the directory");
}

#[test]
fn a_text_file_is_refused_and_left_byte_for_byte_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        ("notes.txt", b"Case notes, not a database.\nSecond line of notes that is long enough.\n".to_vec()),
        ("short.db", b"hi".to_vec()),
        // Right header, nonsense after it.
        ("garbage.db", {
            let mut bytes = b"SQLite format 3\0".to_vec();
            bytes.extend(std::iter::repeat_n(0xA5u8, 4096));
            bytes
        }),
    ];
    for (name, bytes) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, &bytes).unwrap();
        match Store::open(&path, OpenMode::CreateIfMissing) {
            Err(StoreError::NotADatabase(p)) => assert_eq!(p, path, "{name}"),
            Err(other) => panic!("{name}: expected NotADatabase, got {other:?}"),
            Ok(_) => panic!("{name}: opened as a database"),
        }
        assert_eq!(std::fs::read(&path).unwrap(), bytes, "{name} was changed");
        assert!(!sidecar(&path, "-wal").exists(), "{name}: -wal created");
        assert!(!sidecar(&path, "-journal").exists(), "{name}: -journal created");
    }
}

#[test]
fn must_exist_on_a_missing_path_is_refused_and_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("absent.db");
    match Store::open(&path, OpenMode::MustExist) {
        Err(StoreError::Missing(p)) => assert_eq!(p, path),
        Err(other) => panic!("expected Missing, got {other:?}"),
        Ok(_) => panic!("a missing database was opened"),
    }
    assert!(!path.exists());
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn an_empty_file_is_taken_as_a_new_database() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.db");
    std::fs::write(&path, b"").unwrap();
    let store = Store::open(&path, OpenMode::CreateIfMissing).expect("an empty file opens");
    let report = store.check().unwrap();
    assert!(report.is_ok(), "{:?}", report.lines());
    assert_eq!(report.schema_version, SCHEMA_VERSION);
}

// ------------------------------------------------------------------- audit

#[test]
fn every_write_method_appends_its_audit_rows_in_the_same_transaction() {
    let mut db = FileDb::new();
    db.store.set_user("alice");
    let raw = db.raw();
    let mut last = max_audit_id(&raw);
    let mut step = |db: &mut FileDb, f: &mut dyn FnMut(&mut Tx<'_>) -> StoreResult<i64>| -> (i64, Vec<AuditRow>) {
        let id = db.store.write(|tx| f(tx)).expect("write");
        let rows = audit_rows_after(&raw, last);
        last = rows.last().map_or(last, |r| r.id);
        (id, rows)
    };

    // create_case
    let (oocd, rows) = step(&mut db, &mut |tx| {
        let mut nc = case(Service::Oocd, "2026-11-02");
        nc.offence_mode = Some(OffenceMode::SummaryOnly);
        tx.create_case(&nc).map(|k| k.id)
    });
    assert_eq!(shape(&rows), [row("collect", "case_file", oocd, oocd)]);
    assert_eq!(rows[0].user, "alice");
    assert_eq!(field(&rows[0].after, "ref"), "OOCD-2026-0001");
    assert!(rows[0].before.is_none());

    // add_party: the person and the link
    let (person, rows) = step(&mut db, &mut |tx| {
        let link = PartyLink { role: PartyRole::Offender, category: DataSubjectCategory::Suspect };
        tx.add_party(oocd, &NewPerson::named("Sam", "Jones"), link)
    });
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!(shape(&rows[..1]), [row("collect", "person", person, oocd)]);
    assert_eq!((rows[1].op.as_str(), rows[1].entity.as_str(), rows[1].case_id), ("collect", "case_party", Some(oocd)));
    assert_eq!(field(&rows[1].after, "person_id"), person);

    // set_disposal
    let (disp, rows) =
        step(&mut db, &mut |tx| tx.set_disposal(oocd, &disposal(DisposalType::AdultConditionalCaution, "2026-11-02")));
    assert_eq!(shape(&rows), [row("collect", "oocd_disposal", disp, oocd)]);
    assert_eq!(field(&rows[0].after, "disposal_type"), "adult_conditional_caution");

    // change_status: an alteration, with the row as it was
    let (_, rows) = step(&mut db, &mut |tx| tx.change_status(oocd, "issued", d("2026-11-02")).map(|_| 0));
    assert_eq!(shape(&rows), [row("alter", "case_file", oocd, oocd)]);
    assert_eq!(field(&rows[0].before, "status"), "draft");
    assert_eq!(field(&rows[0].after, "status"), "issued");
    step(&mut db, &mut |tx| tx.change_status(oocd, "active", d("2026-11-03")).map(|_| 0));

    // add_condition
    let rules = db.store.rules().unwrap();
    let (cond, rows) = step(&mut db, &mut |tx| tx.add_condition(oocd, &apology("2026-11-30"), &rules).map(|r| r.0));
    assert_eq!(shape(&rows), [row("collect", "condition", cond, oocd)]);
    assert_eq!(field(&rows[0].after, "status"), "active");
    let (cond2, _) = step(&mut db, &mut |tx| {
        tx.add_condition(
            oocd,
            &condition(ConditionKind::Attendance, ConditionObject::Reparation, Some(4.0), "2026-12-01"),
            &rules,
        )
        .map(|r| r.0)
    });

    // complete_condition: the compliance event, then the condition altered
    let (_, rows) = step(&mut db, &mut |tx| tx.complete_condition(cond, d("2026-11-10"), "letter received").map(|_| 0));
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!(
        (rows[0].op.as_str(), rows[0].entity.as_str(), rows[0].case_id),
        ("collect", "compliance_event", Some(oocd))
    );
    assert_eq!(shape(&rows[1..]), [row("alter", "condition", cond, oocd)]);
    assert_eq!(field(&rows[1].before, "status"), "active");
    assert_eq!(field(&rows[1].after, "status"), "completed");

    // record_breach: the condition, the breach, and the case moving to breach_suspected
    let (breach, rows) = step(&mut db, &mut |tx| {
        let b = NewBreach {
            case_id: oocd,
            condition_id: Some(cond2),
            identified_on: d("2026-11-12"),
            description: "did not attend".into(),
            reasonable_excuse_claimed: false,
            referred_to: None,
            referred_on: None,
        };
        tx.record_breach(&b, d("2026-11-12"))
    });
    assert_eq!(
        shape(&rows),
        [
            row("alter", "condition", cond2, oocd),
            row("collect", "breach", breach, oocd),
            row("alter", "case_file", oocd, oocd)
        ]
    );
    assert_eq!(field(&rows[0].before, "status"), "active");
    assert_eq!(field(&rows[2].before, "status"), "active");
    assert_eq!(field(&rows[2].after, "status"), "breach_suspected");

    // An RJ referral: checklist answers, a decision, a process and its agreement.
    let (rj, _) = step(&mut db, &mut |tx| {
        let key = tx.create_case(&case(Service::RestorativeJustice, "2026-11-02"))?;
        tx.change_status(key.id, "sense_check", d("2026-11-02"))?;
        Ok(key.id)
    });
    let (_, rows) = step(&mut db, &mut |tx| answer(tx, rj, "SC_REF", Answer::Unknown, "2026-11-03").map(|_| 0));
    assert_eq!(rows.len(), 1);
    assert_eq!(
        (rows[0].op.as_str(), rows[0].entity.as_str(), rows[0].case_id),
        ("collect", "checklist_answer", Some(rj))
    );
    assert_eq!(field(&rows[0].after, "answer"), "unknown");
    // Re-answering alters the same row, keeping the old answer in the log:
    // only the columns that changed (and the id), not the whole row.
    let (_, rows) = step(&mut db, &mut |tx| answer(tx, rj, "SC_REF", Answer::Yes, "2026-11-04").map(|_| 0));
    assert_eq!(rows.len(), 1);
    assert_eq!((rows[0].op.as_str(), rows[0].entity.as_str()), ("alter", "checklist_answer"));
    assert_eq!(field(&rows[0].before, "answer"), "unknown");
    assert_eq!(field(&rows[0].after, "answer"), "yes");
    assert_eq!(field(&rows[0].after, "checked_on"), "2026-11-04");
    let logged: Vec<&String> = rows[0].after.as_ref().and_then(|a| a.as_object()).unwrap().keys().collect();
    assert_eq!(logged, ["answer", "checked_on", "id"], "checked_by (alice both times) and the rest did not change");

    step(&mut db, &mut |tx| {
        for code in SENSE_CHECK {
            answer(tx, rj, code, Answer::Yes, "2026-11-04")?;
        }
        tx.change_status(rj, "risk_assessment", d("2026-11-04"))?;
        all_suitability_yes(tx, rj, "2026-11-05")?;
        Ok(0)
    });
    let (dec, rows) = step(&mut db, &mut |tx| {
        tx.record_decision(rj, &decision(Decision::Suitable, "both parties keen", "2026-11-06", None))
    });
    assert_eq!(shape(&rows), [row("collect", "decision", dec, rj), row("alter", "case_file", rj, rj)]);
    assert_eq!(field(&rows[0].after, "rationale"), "both parties keen");
    assert_eq!(field(&rows[1].before, "status"), "risk_assessment");
    assert_eq!(field(&rows[1].after, "status"), "suitable");

    let (proc_id, rows) = step(&mut db, &mut |tx| {
        tx.add_process(rj, &process(ProcessKind::FaceToFaceConference, "2026-11-10 10:00", ProcessStatus::Held))
    });
    assert_eq!(shape(&rows), [row("collect", "rj_process", proc_id, rj)]);

    let (agr, rows) = step(&mut db, &mut |tx| {
        tx.add_agreement(&NewAgreement {
            process_id: proc_id,
            agreed_on: d("2026-11-10"),
            signed_by_harmed: true,
            signed_by_responsible: true,
            copies_given: true,
            review_on: None,
        })
    });
    assert_eq!(shape(&rows), [row("collect", "outcome_agreement", agr, rj)]);

    let (item, rows) = step(&mut db, &mut |tx| tx.add_agreement_item(agr, &agreement_item("mend fence", "2026-11-30")));
    assert_eq!(shape(&rows), [row("collect", "agreement_item", item, rj)]);
    assert_eq!(field(&rows[0].after, "description"), "mend fence");

    let (contact_id, rows) = step(&mut db, &mut |tx| tx.log_contact(&contact(rj, "2026-11-11", Some("2026-11-18"))));
    assert_eq!(shape(&rows), [row("collect", "contact_log", contact_id, rj)]);
    assert_eq!(field(&rows[0].after, "follow_up_on"), "2026-11-18");

    // The whole log is one intact chain, one row per recorded change.
    let report = db.store.check().unwrap();
    assert!(report.is_ok(), "{:?}", report.lines());
    assert_eq!(report.audit.rows as i64, count(&raw, "audit_log"));
    let everyone: Vec<String> = raw
        .prepare("SELECT DISTINCT user FROM audit_log")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(everyone, ["alice"]);
}

#[test]
fn an_invalid_status_move_rolls_back_everything_written_before_it() {
    let mut db = FileDb::new();
    let result = db.store.write(|tx| {
        let key = oocd_case(tx, DisposalType::AdultConditionalCaution, "2026-11-02")?;
        tx.change_status(key.id, "completed", d("2026-11-03"))?;
        Ok(key)
    });
    let msg = err_text(result);
    assert!(msg.contains("Draft") && msg.contains("Completed"), "{msg}");
    for table in ["case_file", "oocd_disposal", "audit_log", "ref_counter"] {
        assert_eq!(db.count(table), 0, "{table} kept a row from a failed write");
    }
    // The reference number was not used up either.
    let key = db.store.write(|tx| tx.create_case(&case(Service::Oocd, "2026-11-02"))).unwrap();
    assert_eq!(key.reference, "OOCD-2026-0001");
}

#[test]
fn a_blocked_cap_rolls_back_the_case_and_disposal_written_with_it() {
    let mut db = FileDb::new();
    let rules = db.store.rules().unwrap();
    let result = db.store.write(|tx| {
        let key = oocd_case(tx, DisposalType::AdultConditionalCaution, "2026-11-02")?;
        let c = condition(ConditionKind::Attendance, ConditionObject::Reparation, Some(21.0), "2026-12-01");
        tx.add_condition(key.id, &c, &rules)
    });
    err_text(result);
    for table in ["case_file", "oocd_disposal", "condition", "audit_log"] {
        assert_eq!(db.count(table), 0, "{table} kept a row from a failed write");
    }
}

#[test]
fn a_blank_rationale_rolls_back_the_answers_written_with_it() {
    let mut db = FileDb::new();
    let key = db
        .store
        .write(|tx| referral_at_risk_assessment(tx, &case(Service::RestorativeJustice, "2026-11-02"), "2026-11-03"))
        .unwrap();
    let answers_before = db.count("checklist_answer");
    let audit_before = db.count("audit_log");
    let result = db.store.write(|tx| {
        answer(tx, key.id, "SU_ACCEPTS", Answer::No, "2026-11-04")?;
        tx.record_decision(key.id, &decision(Decision::NotSuitable, "   ", "2026-11-04", None))
    });
    let msg = err_text(result);
    assert!(msg.contains("rationale"), "{msg}");
    assert_eq!(db.count("checklist_answer"), answers_before);
    assert_eq!(db.count("decision"), 0);
    assert_eq!(db.count("audit_log"), audit_before);
    assert_eq!(status_of(&db.raw(), key.id), "risk_assessment");
}

#[test]
fn the_audit_log_refuses_update_and_delete() {
    let mut db = FileDb::new();
    db.store.write(|tx| tx.create_case(&case(Service::Mediation, "2026-11-02"))).unwrap();
    let raw = db.raw();
    let before: String = raw.query_row("SELECT after_json FROM audit_log WHERE id = 1", [], |r| r.get(0)).unwrap();

    let update = raw.execute("UPDATE audit_log SET after_json = '{}' WHERE id = 1", []);
    let msg = update.expect_err("UPDATE on audit_log must fail").to_string();
    assert!(msg.contains("append-only"), "{msg}");
    let delete = raw.execute("DELETE FROM audit_log", []);
    let msg = delete.expect_err("DELETE on audit_log must fail").to_string();
    assert!(msg.contains("append-only"), "{msg}");

    assert_eq!(count(&raw, "audit_log"), 1);
    let after: String = raw.query_row("SELECT after_json FROM audit_log WHERE id = 1", [], |r| r.get(0)).unwrap();
    assert_eq!(after, before);
    assert!(db.store.check().unwrap().is_ok());
}

/// Three cases, so three chained audit rows, on a file.
fn three_audited_rows() -> FileDb {
    let mut db = FileDb::new();
    db.store
        .write(|tx| {
            for service in [Service::Oocd, Service::RestorativeJustice, Service::Mediation] {
                tx.create_case(&case(service, "2026-11-02"))?;
            }
            Ok(())
        })
        .unwrap();
    assert_eq!(db.count("audit_log"), 3);
    db
}

#[test]
fn an_untouched_log_passes_the_check() {
    let db = three_audited_rows();
    let report = db.store.check().unwrap();
    assert!(report.is_ok(), "{:?}", report.lines());
    assert_eq!(report.audit.fault, None);
    assert_eq!(report.audit.rows, 3);
    assert_eq!(report.integrity, ["ok"]);
    assert_eq!(report.foreign_key_faults, 0);
    assert_eq!(report.schema_version, SCHEMA_VERSION);
    let newest: String = db.raw().query_row("SELECT hash FROM audit_log WHERE id = 3", [], |r| r.get(0)).unwrap();
    assert_eq!(report.audit.newest_hash, newest);
}

#[test]
fn an_edited_audit_row_is_detected() {
    let db = three_audited_rows();
    let raw = db.raw();
    raw.execute_batch("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;").unwrap();
    let changed = raw
        .execute(
            "UPDATE audit_log SET after_json = replace(after_json, 'RJ-2026-0001', 'RJ-2026-9999') WHERE id = 2",
            [],
        )
        .unwrap();
    assert_eq!(changed, 1);
    let tampered: String = raw.query_row("SELECT after_json FROM audit_log WHERE id = 2", [], |r| r.get(0)).unwrap();
    assert!(tampered.contains("RJ-2026-9999"), "the tamper did not take: {tampered}");

    let report = db.store.check().unwrap();
    assert!(!report.is_ok());
    let fault = report.audit.fault.clone().expect("an edited row must be reported");
    assert!(fault.contains("audit row 2"), "{fault}");
    assert!(report.lines().iter().any(|l| l.contains("FAULT")), "{:?}", report.lines());
}

#[test]
fn a_deleted_middle_audit_row_is_detected() {
    let db = three_audited_rows();
    let raw = db.raw();
    raw.execute_batch("DROP TRIGGER audit_log_no_delete;").unwrap();
    assert_eq!(raw.execute("DELETE FROM audit_log WHERE id = 2", []).unwrap(), 1);

    let report = db.store.check().unwrap();
    assert!(!report.is_ok());
    let fault = report.audit.fault.expect("a deleted row must be reported");
    assert!(fault.contains("audit row 3"), "{fault}");
}

// ------------------------------------------------------- status enforcement

#[test]
fn an_oocd_status_change_needs_the_disposal_first() {
    let mut db = FileDb::new();
    let key = db.store.write(|tx| tx.create_case(&case(Service::Oocd, "2026-11-02"))).unwrap();
    let msg = err_text(db.store.write(|tx| tx.change_status(key.id, "issued", d("2026-11-02"))));
    assert!(msg.contains("disposal"), "{msg}");
    assert_eq!(status_of(&db.raw(), key.id), "draft");
}

#[test]
fn an_oocd_case_cannot_jump_from_draft_to_completed() {
    let mut db = FileDb::new();
    let key = db.store.write(|tx| oocd_case(tx, DisposalType::AdultConditionalCaution, "2026-11-02")).unwrap();
    let audit_before = db.count("audit_log");
    let msg = err_text(db.store.write(|tx| tx.change_status(key.id, "completed", d("2026-11-03"))));
    assert!(msg.contains("cannot move a case from Draft to Completed"), "{msg}");
    assert_eq!(status_of(&db.raw(), key.id), "draft");
    assert_eq!(db.count("audit_log"), audit_before);
}

#[test]
fn an_oocd_case_walks_draft_issued_active_completed_closed() {
    let mut db = FileDb::new();
    let key = db.store.write(|tx| oocd_case(tx, DisposalType::AdultConditionalCaution, "2026-11-02")).unwrap();
    let raw = db.raw();
    let mut seen = vec![status_of(&raw, key.id)];
    for (to, on) in
        [("issued", "2026-11-02"), ("active", "2026-11-03"), ("completed", "2027-01-04"), ("closed", "2027-01-05")]
    {
        db.store.write(|tx| tx.change_status(key.id, to, d(on))).unwrap_or_else(|e| panic!("{to}: {e}"));
        seen.push(status_of(&raw, key.id));
    }
    assert_eq!(seen, ["draft", "issued", "active", "completed", "closed"]);
    let changed_on: String =
        raw.query_row("SELECT status_changed_on FROM case_file WHERE id = ?1", params![key.id], |r| r.get(0)).unwrap();
    assert_eq!(changed_on, "2027-01-05");
    // Closed is terminal.
    err_text(db.store.write(|tx| tx.change_status(key.id, "active", d("2027-01-06"))));
    err_text(db.store.write(|tx| tx.change_status(key.id, "banana", d("2027-01-06"))));
}

#[test]
fn only_a_community_resolution_closes_straight_from_active() {
    let mut db = FileDb::new();
    for (kind, allowed) in [(DisposalType::CommunityResolution, true), (DisposalType::AdultConditionalCaution, false)] {
        let key = db
            .store
            .write(|tx| {
                let key = oocd_case(tx, kind, "2026-11-02")?;
                tx.change_status_path(key.id, &["issued", "active"], d("2026-11-02"))?;
                Ok(key)
            })
            .unwrap();
        let result = db.store.write(|tx| tx.change_status(key.id, "closed", d("2026-11-20")));
        assert_eq!(result.is_ok(), allowed, "{kind:?}: {result:?}");
        assert_eq!(status_of(&db.raw(), key.id), if allowed { "closed" } else { "active" });
    }
}

#[test]
fn a_referral_cannot_skip_the_sense_check() {
    let mut db = FileDb::new();
    let key = db.store.write(|tx| tx.create_case(&case(Service::RestorativeJustice, "2026-11-02"))).unwrap();
    let msg = err_text(db.store.write(|tx| tx.change_status(key.id, "risk_assessment", d("2026-11-03"))));
    assert!(msg.contains("Received") && msg.contains("Risk assessment"), "{msg}");
    assert_eq!(status_of(&db.raw(), key.id), "received");
}

#[test]
fn leaving_the_sense_check_needs_every_item_yes_or_na() {
    let mut db = FileDb::new();
    let key = db
        .store
        .write(|tx| {
            let key = tx.create_case(&case(Service::Mediation, "2026-11-02"))?;
            tx.change_status(key.id, "sense_check", d("2026-11-02"))?;
            for code in &SENSE_CHECK[..7] {
                answer(tx, key.id, code, Answer::Yes, "2026-11-03")?;
            }
            Ok(key)
        })
        .unwrap();
    let to_risk = |store: &mut Store| store.write(|tx| tx.change_status(key.id, "risk_assessment", d("2026-11-04")));

    let msg = err_text(to_risk(&mut db.store));
    assert!(msg.contains("SC_DUPLICATE") && !msg.contains("SC_REF"), "{msg}");
    db.store.write(|tx| answer(tx, key.id, "SC_DUPLICATE", Answer::No, "2026-11-04")).unwrap();
    let msg = err_text(to_risk(&mut db.store));
    assert!(msg.contains("SC_DUPLICATE"), "{msg}");
    db.store.write(|tx| answer(tx, key.id, "SC_DUPLICATE", Answer::Unknown, "2026-11-04")).unwrap();
    err_text(to_risk(&mut db.store));
    assert_eq!(status_of(&db.raw(), key.id), "sense_check");

    db.store.write(|tx| answer(tx, key.id, "SC_DUPLICATE", Answer::NotApplicable, "2026-11-04")).unwrap();
    to_risk(&mut db.store).expect("all yes or n/a: the referral moves on");
    assert_eq!(status_of(&db.raw(), key.id), "risk_assessment");
}

#[test]
fn a_paused_referral_resumes_only_where_it_stopped() {
    let mut db = FileDb::new();
    let key = db
        .store
        .write(|tx| {
            let key = tx.create_case(&case(Service::RestorativeJustice, "2026-11-02"))?;
            tx.change_status_path(key.id, &["sense_check", "paused"], d("2026-11-03"))?;
            Ok(key)
        })
        .unwrap();
    let raw = db.raw();
    let paused_from: Option<String> =
        raw.query_row("SELECT paused_from FROM case_file WHERE id = ?1", params![key.id], |r| r.get(0)).unwrap();
    assert_eq!(paused_from.as_deref(), Some("sense_check"));
    err_text(db.store.write(|tx| tx.change_status(key.id, "received", d("2026-11-05"))));
    db.store.write(|tx| tx.change_status(key.id, "sense_check", d("2026-11-05"))).unwrap();
    assert_eq!(status_of(&raw, key.id), "sense_check");
    let paused_from: Option<String> =
        raw.query_row("SELECT paused_from FROM case_file WHERE id = ?1", params![key.id], |r| r.get(0)).unwrap();
    assert_eq!(paused_from, None);
}

#[test]
fn issuing_a_caution_without_admission_consent_or_signed_document_is_refused() {
    let mut db = FileDb::new();
    let key = db
        .store
        .write(|tx| {
            let key = tx.create_case(&case(Service::Oocd, "2026-11-02"))?;
            tx.set_disposal(key.id, &NewDisposal::new(DisposalType::AdultConditionalCaution))?;
            Ok(key)
        })
        .unwrap();
    let msg = err_text(db.store.write(|tx| tx.change_status(key.id, "issued", d("2026-11-02"))));
    assert!(msg.contains("admission"), "{msg}");
    assert_eq!(status_of(&db.raw(), key.id), "draft");
}

// --------------------------------------------------------------------- caps

#[test]
fn adult_caution_non_rehabilitative_attendance_over_20_hours_is_refused() {
    let mut db = FileDb::new();
    let rules = db.store.rules().unwrap();
    let key = db.store.write(|tx| oocd_case(tx, DisposalType::AdultConditionalCaution, "2026-11-02")).unwrap();
    let attend = |hours| condition(ConditionKind::Attendance, ConditionObject::Reparation, Some(hours), "2026-12-01");

    let msg = err_text(db.store.write(|tx| tx.add_condition(key.id, &attend(21.0), &rules)));
    assert!(msg.contains("the cap is 20 h"), "{msg}");
    assert!(msg.contains("21 h"), "{msg}");
    assert_eq!(db.count("condition"), 0);

    // Exactly the cap is allowed; one more hour on a second condition is not.
    let (_, findings) = db.store.write(|tx| tx.add_condition(key.id, &attend(20.0), &rules)).unwrap();
    assert!(findings.is_empty(), "{findings:?}");
    let msg = err_text(db.store.write(|tx| tx.add_condition(key.id, &attend(1.0), &rules)));
    assert!(msg.contains("20 h"), "{msg}");
    assert_eq!(db.count("condition"), 1);

    // Rehabilitative attendance does not count (CJA 2003 s.22(3B)).
    let course = condition(ConditionKind::RehabCourse, ConditionObject::Rehabilitation, Some(21.0), "2026-12-01");
    db.store.write(|tx| tx.add_condition(key.id, &course, &rules)).expect("rehabilitative hours are exempt");
    assert_eq!(db.count("condition"), 2);
}

#[test]
fn a_financial_penalty_is_capped_by_offence_mode_and_refused_on_a_community_resolution() {
    let mut db = FileDb::new();
    let rules = db.store.rules().unwrap();
    let acc = db.store.write(|tx| oocd_case(tx, DisposalType::AdultConditionalCaution, "2026-11-02")).unwrap();
    // Summary offence: £50 (SI 2013/615).
    let msg = err_text(db.store.write(|tx| tx.add_condition(acc.id, &penalty(5001, "2026-12-01"), &rules)));
    assert!(msg.contains("£50"), "{msg}");
    db.store.write(|tx| tx.add_condition(acc.id, &penalty(5000, "2026-12-01"), &rules)).expect("£50 is the cap");

    let cr = db.store.write(|tx| oocd_case(tx, DisposalType::CommunityResolution, "2026-11-02")).unwrap();
    let msg = err_text(db.store.write(|tx| tx.add_condition(cr.id, &penalty(100, "2026-12-01"), &rules)));
    assert!(msg.contains("community resolution cannot carry a financial penalty"), "{msg}");
    let on_cr: i64 =
        db.raw().query_row("SELECT COUNT(*) FROM condition WHERE case_id = ?1", params![cr.id], |r| r.get(0)).unwrap();
    assert_eq!(on_cr, 0);
    // An agreed action is fine, and is not a statutory condition.
    let (id, _) = db.store.write(|tx| tx.add_condition(cr.id, &apology("2026-12-01"), &rules)).unwrap();
    let statutory: bool = db
        .raw()
        .query_row("SELECT is_statutory_condition FROM condition WHERE id = ?1", params![id], |r| r.get(0))
        .unwrap();
    assert!(!statutory);
}

#[test]
fn community_caution_unpaid_work_over_10_hours_is_refused() {
    let mut db = FileDb::new();
    let rules = db.store.rules().unwrap();
    let key = db.store.write(|tx| oocd_case(tx, DisposalType::CommunityCaution, "2026-11-02")).unwrap();
    let work = |h| condition(ConditionKind::UnpaidWork, ConditionObject::Reparation, Some(h), "2026-12-01");
    let msg = err_text(db.store.write(|tx| tx.add_condition(key.id, &work(11.0), &rules)));
    assert!(msg.contains("10 h"), "{msg}");
    db.store.write(|tx| tx.add_condition(key.id, &work(10.0), &rules)).expect("10 h is the cap");
}

#[test]
fn varying_a_due_date_to_17_weeks_warns_but_is_saved() {
    let mut db = FileDb::new();
    let rules = db.store.rules().unwrap();
    let cond = db
        .store
        .write(|tx| {
            let key = oocd_case(tx, DisposalType::AdultConditionalCaution, "2026-11-02")?;
            Ok(tx.add_condition(key.id, &apology("2026-12-01"), &rules)?.0)
        })
        .unwrap();
    let seventeen_weeks = d("2026-11-02") + chrono::Duration::weeks(17);
    let findings = db
        .store
        .write(|tx| tx.vary_condition_due(cond, seventeen_weeks, "provider cancelled", d("2026-11-20"), &rules))
        .expect("a warning, not an error");
    assert_eq!(findings.len(), 1, "{findings:?}");
    assert_eq!(findings[0].severity, Severity::Warn);
    assert_eq!(findings[0].rule_id, "CC_TIME_NORMAL");
    assert!(findings[0].message.contains("17 weeks") && findings[0].message.contains("16 weeks"), "{findings:?}");

    let raw = db.raw();
    let (due, status): (String, String) = raw
        .query_row("SELECT due_on, status FROM condition WHERE id = ?1", params![cond], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap();
    assert_eq!((due.as_str(), status.as_str()), ("2027-03-01", "varied"));
    let events: i64 = raw
        .query_row(
            "SELECT COUNT(*) FROM compliance_event WHERE condition_id = ?1 AND type = 'variation_agreed'",
            params![cond],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(events, 1);

    // A date before the issue date is refused outright.
    let msg =
        err_text(db.store.write(|tx| tx.vary_condition_due(cond, d("2026-10-01"), "typo", d("2026-11-20"), &rules)));
    assert!(msg.contains("before the issue date"), "{msg}");
}

// ---------------------------------------------------------- checklist rules

#[test]
fn no_acknowledgement_of_harm_forbids_a_suitable_decision() {
    let mut db = FileDb::new();
    let key = db
        .store
        .write(|tx| {
            let key = referral_at_risk_assessment(tx, &case(Service::RestorativeJustice, "2026-11-02"), "2026-11-03")?;
            all_suitability_yes(tx, key.id, "2026-11-04")?;
            answer(tx, key.id, "SU_ACCEPTS", Answer::No, "2026-11-04")?;
            Ok(key)
        })
        .unwrap();
    let msg = err_text(db.store.write(|tx| {
        tx.record_decision(key.id, &decision(Decision::Suitable, "keen", "2026-11-05", Some("Insp. Grey")))
    }));
    assert!(msg.contains("SU_ACCEPTS"), "{msg}");
    assert_eq!(db.count("decision"), 0);
    assert_eq!(status_of(&db.raw(), key.id), "risk_assessment");

    db.store
        .write(|tx| {
            tx.record_decision(key.id, &decision(Decision::NotSuitable, "denies the offence", "2026-11-05", None))
        })
        .expect("not suitable is always open with a rationale");
    assert_eq!(status_of(&db.raw(), key.id), "not_suitable");
}

#[test]
fn domestic_abuse_needs_manager_sign_off_for_a_suitable_decision() {
    let mut db = FileDb::new();
    let key = db
        .store
        .write(|tx| {
            let key = referral_at_risk_assessment(tx, &case(Service::RestorativeJustice, "2026-11-02"), "2026-11-03")?;
            all_suitability_yes(tx, key.id, "2026-11-04")?;
            let entry = ChecklistEntry {
                item_code: "RK_DA".into(),
                answer: Answer::Yes,
                severity: Some(RiskSeverity::Low),
                note: "historic, familial".into(),
            };
            tx.answer_checklist(key.id, &entry, d("2026-11-04"))?;
            Ok(key)
        })
        .unwrap();
    let msg = err_text(
        db.store.write(|tx| tx.record_decision(key.id, &decision(Decision::Suitable, "keen", "2026-11-05", None))),
    );
    assert!(msg.contains("RK_DA") && msg.contains("sign-off"), "{msg}");
    assert_eq!(db.count("decision"), 0);
    // A blank name is no sign-off.
    err_text(
        db.store
            .write(|tx| tx.record_decision(key.id, &decision(Decision::Suitable, "keen", "2026-11-05", Some("  ")))),
    );

    let id = db
        .store
        .write(|tx| tx.record_decision(key.id, &decision(Decision::Suitable, "keen", "2026-11-05", Some("Insp. Grey"))))
        .expect("signed off");
    let raw = db.raw();
    let (risk, signoff): (String, String) = raw
        .query_row("SELECT risk_level, manager_signoff_by FROM decision WHERE id = ?1", params![id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    // The recorded level is never below the computed one (DA present → high).
    assert_eq!((risk.as_str(), signoff.as_str()), ("high", "Insp. Grey"));
    assert_eq!(status_of(&raw, key.id), "suitable");
}

#[test]
fn a_domestic_abuse_flag_at_intake_also_needs_sign_off() {
    let mut db = FileDb::new();
    let mut nc = case(Service::RestorativeJustice, "2026-11-02");
    nc.flags = CaseFlags { domestic_abuse: true, ..CaseFlags::default() };
    let key = db
        .store
        .write(|tx| {
            let key = referral_at_risk_assessment(tx, &nc, "2026-11-03")?;
            all_suitability_yes(tx, key.id, "2026-11-04")?;
            answer(tx, key.id, "RK_DA", Answer::No, "2026-11-04")?;
            Ok(key)
        })
        .unwrap();
    let msg = err_text(
        db.store.write(|tx| tx.record_decision(key.id, &decision(Decision::Suitable, "keen", "2026-11-05", None))),
    );
    assert!(msg.contains("flagged at intake"), "{msg}");
    db.store
        .write(|tx| tx.record_decision(key.id, &decision(Decision::ReferToManager, "DA flag", "2026-11-05", None)))
        .expect("refer to manager is open");
    assert_eq!(status_of(&db.raw(), key.id), "risk_assessment");
}

// -------------------------------------------------------------- Today list

#[test]
fn the_today_list_has_exactly_the_expected_sections_and_references() {
    let mut db = FileDb::new();
    let rules = db.store.rules().unwrap();

    // OOCD-2026-0001: an adult conditional caution with five conditions.
    let (oocd, conds) = db
        .store
        .write(|tx| {
            let key = oocd_case(tx, DisposalType::AdultConditionalCaution, "2026-11-02")?;
            tx.change_status_path(key.id, &["issued", "active"], d("2026-11-02"))?;
            let mut ids = Vec::new();
            for due in ["2026-11-18", "2026-11-20", "2026-11-27", "2026-11-30", "2026-11-19"] {
                ids.push(tx.add_condition(key.id, &apology(due), &rules)?.0);
            }
            // Done already: not on the list although its date has passed.
            tx.complete_condition(ids[4], d("2026-11-17"), "letter received")?;
            Ok((key, ids))
        })
        .unwrap();

    // RJ-2026-0001: conference held, agreement, a follow-up, two meetings ahead.
    let (rj, overdue_item, meeting, follow_up) = db
        .store
        .write(|tx| {
            let key = referral_at_risk_assessment(tx, &case(Service::RestorativeJustice, "2026-10-01"), "2026-10-02")?;
            all_suitability_yes(tx, key.id, "2026-10-05")?;
            tx.record_decision(key.id, &decision(Decision::Suitable, "both willing", "2026-10-06", None))?;
            tx.change_status_path(
                key.id,
                &["logged", "transferred", "contacting_parties", "preparation", "process_arranged"],
                d("2026-10-07"),
            )?;
            let held = tx.add_process(
                key.id,
                &process(ProcessKind::FaceToFaceConference, "2026-11-10 10:00", ProcessStatus::Held),
            )?;
            let agreement = tx.add_agreement(&NewAgreement {
                process_id: held,
                agreed_on: d("2026-11-10"),
                signed_by_harmed: true,
                signed_by_responsible: true,
                copies_given: true,
                review_on: Some(d("2026-12-15")),
            })?;
            let overdue_item = tx.add_agreement_item(agreement, &agreement_item("mend the fence", "2026-11-17"))?;
            tx.add_agreement_item(agreement, &agreement_item("write to the school", "2026-12-15"))?;
            let meeting = tx.add_process(
                key.id,
                &process(ProcessKind::CommunityConference, "2026-11-23 10:00", ProcessStatus::Confirmed),
            )?;
            // The day after the next working day: not yet.
            tx.add_process(key.id, &process(ProcessKind::VideoCall, "2026-11-24 14:00", ProcessStatus::Planned))?;
            let follow_up = tx.log_contact(&contact(key.id, "2026-11-12", Some("2026-11-19")))?;
            tx.log_contact(&contact(key.id, "2026-11-12", Some("2026-11-23")))?;
            Ok((key, overdue_item, meeting, follow_up))
        })
        .unwrap();

    // RJ-2026-0002: received Monday, not sense-checked by Friday.
    let referral = db.store.write(|tx| tx.create_case(&case(Service::RestorativeJustice, "2026-11-16"))).unwrap();

    // MED-2026-0001: in risk assessment since 2 November.
    let mediation = db
        .store
        .write(|tx| referral_at_risk_assessment(tx, &case(Service::Mediation, "2026-10-20"), "2026-11-02"))
        .unwrap();

    // OOCD-2019-0001: closed seven years ago, retention review now due.
    let closed = db
        .store
        .write(|tx| {
            let key = oocd_case(tx, DisposalType::CommunityResolution, "2019-10-01")?;
            tx.change_status_path(key.id, &["issued", "active"], d("2019-10-01"))?;
            tx.close_case(key.id, d("2019-11-20"), "completed", &rules)?;
            Ok(key)
        })
        .unwrap();

    let refs = [&oocd.reference, &rj.reference, &referral.reference, &mediation.reference, &closed.reference];
    assert_eq!(refs, ["OOCD-2026-0001", "RJ-2026-0001", "RJ-2026-0002", "MED-2026-0001", "OOCD-2019-0001"]);

    let calendar = db.store.calendar().unwrap();
    let items = db.store.today_items(&Day { today: d("2026-11-20"), calendar: &calendar, rules: &rules }).unwrap();
    let got: Vec<_> = items
        .iter()
        .map(|i| {
            (i.section, i.kind, i.case_ref.as_str(), i.date.format("%Y-%m-%d").to_string(), i.working_days, i.late)
        })
        .collect();
    let want: Vec<(TodaySection, ItemKind, &str, String, i64, bool)> = vec![
        (TodaySection::NewReferrals, ItemKind::Referral, "RJ-2026-0002", "2026-11-16".into(), 4, true),
        (TodaySection::Checklists, ItemKind::Checklist, "MED-2026-0001", "2026-11-02".into(), 14, true),
        (TodaySection::Overdue, ItemKind::AgreementItem, "RJ-2026-0001", "2026-11-17".into(), 3, true),
        (TodaySection::Overdue, ItemKind::Condition, "OOCD-2026-0001", "2026-11-18".into(), 2, true),
        (TodaySection::DueToday, ItemKind::Condition, "OOCD-2026-0001", "2026-11-20".into(), 0, false),
        (TodaySection::DueSoon, ItemKind::Condition, "OOCD-2026-0001", "2026-11-27".into(), -5, false),
        (TodaySection::FollowUps, ItemKind::FollowUp, "RJ-2026-0001", "2026-11-19".into(), 1, true),
        (TodaySection::Meetings, ItemKind::Meeting, "RJ-2026-0001", "2026-11-23".into(), 0, false),
        (TodaySection::RetentionReviews, ItemKind::Retention, "OOCD-2019-0001", "2025-11-20".into(), 0, true),
    ];
    // The retention review's age is whatever a year of working days is; compare it apart.
    let mut got_fixed = got.clone();
    let retention_age = got_fixed.last_mut().map(|g| std::mem::replace(&mut g.4, 0));
    assert_eq!(got_fixed, want);
    assert_eq!(retention_age, Some(calendar.working_days_between(d("2025-11-20"), d("2026-11-20"))));

    // Each entry points at its own row.
    let ids: Vec<i64> = items.iter().map(|i| i.entity_id).collect();
    let retention_id: i64 =
        db.raw().query_row("SELECT id FROM retention WHERE case_id = ?1", params![closed.id], |r| r.get(0)).unwrap();
    assert_eq!(
        ids,
        [referral.id, mediation.id, overdue_item, conds[0], conds[1], conds[2], follow_up, meeting, retention_id]
    );
    assert!(items[7].title.starts_with("10:00 community conference at Town Hall"), "{}", items[7].title);
}

#[test]
fn closing_a_case_books_its_retention_review_six_years_on() {
    let mut db = FileDb::new();
    let rules = db.store.rules().unwrap();
    let key = db
        .store
        .write(|tx| {
            let key = oocd_case(tx, DisposalType::CommunityResolution, "2026-11-02")?;
            tx.change_status_path(key.id, &["issued", "active"], d("2026-11-02"))?;
            tx.close_case(key.id, d("2026-11-20"), "completed", &rules)?;
            Ok(key)
        })
        .unwrap();
    let raw = db.raw();
    let (closed_on, review_due): (String, String) = raw
        .query_row("SELECT closed_on, review_due FROM retention WHERE case_id = ?1", params![key.id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!((closed_on.as_str(), review_due.as_str()), ("2026-11-20", "2032-11-20"));
    assert_eq!(status_of(&raw, key.id), "closed");
}

#[test]
fn a_holiday_added_by_hand_moves_the_next_working_day() {
    let mut db = FileDb::new();
    let rules = db.store.rules().unwrap();
    db.store
        .write(|tx| {
            let key = tx.create_case(&case(Service::Mediation, "2026-11-02"))?;
            tx.add_process(
                key.id,
                &process(ProcessKind::MediationJointMeeting, "2026-11-23 10:00", ProcessStatus::Planned),
            )?;
            tx.add_process(
                key.id,
                &process(ProcessKind::MediationShuttle, "2026-11-24 10:00", ProcessStatus::Planned),
            )?;
            Ok(())
        })
        .unwrap();
    let meeting_dates = |store: &Store| {
        let calendar = store.calendar().unwrap();
        let items = store.today_items(&Day { today: d("2026-11-20"), calendar: &calendar, rules: &rules }).unwrap();
        items.iter().filter(|i| i.kind == ItemKind::Meeting).map(|i| i.date.to_string()).collect::<Vec<_>>()
    };
    assert_eq!(meeting_dates(&db.store), ["2026-11-23"]);
    db.raw()
        .execute("INSERT INTO bank_holiday (date, name, source) VALUES ('2026-11-23', 'Local closure', 'manual')", [])
        .unwrap();
    assert_eq!(meeting_dates(&db.store), ["2026-11-23", "2026-11-24"]);
}

#[test]
fn a_withdrawn_cases_conditions_leave_the_today_list() {
    let mut db = FileDb::new();
    let rules = db.store.rules().unwrap();
    db.store
        .write(|tx| {
            let key = oocd_case(tx, DisposalType::AdultConditionalCaution, "2026-11-02")?;
            tx.change_status_path(key.id, &["issued", "active"], d("2026-11-02"))?;
            tx.add_condition(key.id, &apology("2026-11-18"), &rules)?;
            tx.change_status(key.id, "withdrawn", d("2026-11-19"))
        })
        .unwrap();
    let calendar = db.store.calendar().unwrap();
    let items = db.store.today_items(&Day { today: d("2026-11-20"), calendar: &calendar, rules: &rules }).unwrap();
    assert_eq!(items, [], "a withdrawn case has no work left to do");
}

#[test]
fn a_case_closed_on_29_february_is_reviewed_no_earlier_than_six_years_on() {
    let mut db = FileDb::new();
    let rules = db.store.rules().unwrap();
    let key = db
        .store
        .write(|tx| {
            let key = oocd_case(tx, DisposalType::CommunityResolution, "2024-02-01")?;
            tx.change_status_path(key.id, &["issued", "active"], d("2024-02-01"))?;
            tx.close_case(key.id, d("2024-02-29"), "completed", &rules)?;
            Ok(key)
        })
        .unwrap();
    let due: String = db
        .raw()
        .query_row("SELECT review_due FROM retention WHERE case_id = ?1", params![key.id], |r| r.get(0))
        .unwrap();
    assert!(due.as_str() == "2030-02-28" || due.as_str() == "2030-03-01", "review booked for {due}");
}

// ------------------------------------------------------------------ backups

fn case_count(path: &Path) -> i64 {
    count(&Connection::open(path).unwrap(), "case_file")
}

#[test]
fn a_backup_is_a_complete_checked_copy() {
    let mut db = FileDb::new();
    db.store
        .write(|tx| {
            for day in ["2026-11-02", "2026-11-03", "2026-11-04"] {
                tx.create_case(&case(Service::RestorativeJustice, day))?;
            }
            oocd_case(tx, DisposalType::AdultConditionalCaution, "2026-11-05")
        })
        .unwrap();
    let dest = db.dir.path().join("backup.db");
    let written = db.store.backup_to(&dest).expect("backup");
    assert_eq!(written, dest);
    assert!(dest.is_file());
    assert!(!sidecar(&dest, ".partial").exists(), "a .partial file was left behind");

    let copy = Connection::open(&dest).unwrap();
    let journal: String = copy.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(journal, "delete", "the copy should be a self-contained file");
    assert_eq!(count(&copy, "case_file"), 4);
    assert_eq!(count(&copy, "case_file"), db.count("case_file"));
    assert_eq!(count(&copy, "audit_log"), db.count("audit_log"));
    drop(copy);

    let restored = Store::open(&dest, OpenMode::MustExist).expect("the copy opens");
    let report = restored.check().unwrap();
    assert!(report.is_ok(), "{:?}", report.lines());
    assert_eq!(report.audit.newest_hash, db.store.check().unwrap().audit.newest_hash);
}

#[test]
fn a_backup_replaces_an_older_backup_at_the_same_place() {
    let mut db = FileDb::new();
    db.store.write(|tx| tx.create_case(&case(Service::Mediation, "2026-11-02"))).unwrap();
    let dest = db.dir.path().join("nightly.db");
    db.store.backup_to(&dest).unwrap();
    assert_eq!(case_count(&dest), 1);
    db.store.write(|tx| tx.create_case(&case(Service::Mediation, "2026-11-03"))).unwrap();
    db.store.backup_to(&dest).unwrap();
    assert_eq!(case_count(&dest), 2);
    assert!(!sidecar(&dest, ".partial").exists());
}

#[test]
fn a_backup_onto_the_database_itself_is_refused() {
    let mut db = FileDb::new();
    db.store.write(|tx| tx.create_case(&case(Service::Mediation, "2026-11-02"))).unwrap();
    let same_file_other_spelling = db.dir.path().join(".").join("casedesk.db");
    for dest in [db.path.clone(), same_file_other_spelling] {
        let msg = err_text(db.store.backup_to(&dest));
        assert!(msg.contains("different file"), "{msg}");
        assert!(!sidecar(&dest, ".partial").exists());
    }
    assert!(db.store.check().unwrap().is_ok());
    assert_eq!(db.count("case_file"), 1);
}

#[test]
fn a_backup_into_a_directory_path_is_refused() {
    let db = FileDb::new();
    let target = db.dir.path().join("backups");
    std::fs::create_dir(&target).unwrap();
    assert!(matches!(db.store.backup_to(&target), Err(StoreError::IsDirectory(p)) if p == target));
    assert_eq!(std::fs::read_dir(&target).unwrap().count(), 0);
}

#[test]
fn an_in_memory_store_can_be_backed_up_to_a_file() {
    let mut store = Store::open_in_memory().unwrap();
    store.write(|tx| tx.create_case(&case(Service::Oocd, "2026-11-02"))).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("mem.db");
    store.backup_to(&dest).unwrap();
    assert_eq!(case_count(&dest), 1);
    assert!(Store::open(&dest, OpenMode::MustExist).unwrap().check().unwrap().is_ok());
}

// --------------------------------------------------------------- references

#[test]
fn references_are_numbered_per_prefix_and_year() {
    let mut store = Store::open_in_memory().unwrap();
    let plan = [
        (Service::RestorativeJustice, "2026-01-05", "RJ-2026-0001"),
        (Service::RestorativeJustice, "2026-11-20", "RJ-2026-0002"),
        (Service::Oocd, "2026-03-01", "OOCD-2026-0001"),
        (Service::Mediation, "2026-03-01", "MED-2026-0001"),
        (Service::RestorativeJustice, "2025-12-31", "RJ-2025-0001"),
        (Service::Oocd, "2026-03-02", "OOCD-2026-0002"),
        (Service::RestorativeJustice, "2026-06-30", "RJ-2026-0003"),
        (Service::Mediation, "2027-01-04", "MED-2027-0001"),
    ];
    let mut seen = std::collections::HashSet::new();
    for (service, received, want) in plan {
        let key = store.write(|tx| tx.create_case(&case(service, received))).unwrap();
        assert_eq!(key.reference, want);
        assert!(seen.insert(key.reference), "duplicate reference {want}");
    }
}

#[test]
fn references_continue_after_a_reopen() {
    let mut db = FileDb::new();
    for _ in 0..2 {
        db.store.write(|tx| tx.create_case(&case(Service::RestorativeJustice, "2026-11-02"))).unwrap();
    }
    let FileDb { dir, path, store } = db;
    drop(store);
    let mut store = Store::open(&path, OpenMode::MustExist).unwrap();
    let key = store.write(|tx| tx.create_case(&case(Service::RestorativeJustice, "2026-11-20"))).unwrap();
    assert_eq!(key.reference, "RJ-2026-0003");
    let distinct: i64 = Connection::open(&path)
        .unwrap()
        .query_row("SELECT COUNT(DISTINCT ref) FROM case_file", [], |r| r.get(0))
        .unwrap();
    assert_eq!(distinct, 3);
    drop(dir);
}

#[test]
fn an_offence_after_the_referral_date_is_refused() {
    let mut store = Store::open_in_memory().unwrap();
    let mut nc = case(Service::Oocd, "2026-11-02");
    nc.offence_date = Some(d("2026-11-03"));
    let msg = err_text(store.write(|tx| tx.create_case(&nc)));
    assert!(msg.contains("after the date the referral was received"), "{msg}");
    // Nothing was numbered.
    let key = store.write(|tx| tx.create_case(&case(Service::Oocd, "2026-11-02"))).unwrap();
    assert_eq!(key.reference, "OOCD-2026-0001");
}
