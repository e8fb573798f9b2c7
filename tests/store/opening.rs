//! Opening and migrating the file, its pragmas and locks, and the files
//! it refuses to open.

use std::time::{Duration, Instant};

use casedesk::domain::rules::{Confidence, Rules};
use casedesk::domain::types::{DataSubjectCategory, PartyRole, Service};
use casedesk::store::model::{NewPerson, PartyLink};
use casedesk::store::{OpenMode, Store, StoreError, SCHEMA_VERSION};
use rusqlite::{params, Connection};

use super::{case, count, err_text, header_of, sidecar, FileDb};

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
