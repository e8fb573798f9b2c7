//! Backups: complete checked copies, and the places they are refused.

use std::path::Path;

use casedesk::domain::status::DisposalType;
use casedesk::domain::types::Service;
use casedesk::store::{OpenMode, Store, StoreError};
use rusqlite::Connection;

use super::{case, count, err_text, oocd_case, sidecar, FileDb};

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
