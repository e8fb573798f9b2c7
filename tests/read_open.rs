//! Opening a desk only to read it (`today`, `summary`, `report`, ...): no
//! rolling backup and, on a large file, no pre-write quick check, since the
//! command changes no case; the first writing open of the day still makes
//! the backup. A damaged page the command reads is still reported plainly,
//! and the file is left as it was.

mod common;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use casedesk::domain::types::{Service, Source};
use casedesk::store::backup::rolling_dir;
use casedesk::store::model::NewCase;
use casedesk::store::{OpenMode, Store, StoreError};
use chrono::NaiveDate;
use predicates::prelude::*;
use rusqlite::Connection;
use tempfile::TempDir;

const TODAY: &str = "2026-11-20";

fn casedesk(db: &Path) -> Command {
    let mut cmd = Command::cargo_bin("casedesk").expect("binary built");
    cmd.env_remove("CASEDESK_DB").env_remove("CASEDESK_TODAY").arg("--db").arg(db).args(["--today", TODAY]);
    cmd
}

/// A desk with a few audited cases (so a backup would be due), closed.
fn desk(dir: &TempDir) -> PathBuf {
    let db = dir.path().join("desk.db");
    let mut store = Store::open(&db, OpenMode::CreateIfMissing).unwrap();
    let day = NaiveDate::from_ymd_opt(2026, 11, 2).unwrap();
    store
        .write(|tx| {
            for _ in 0..3 {
                tx.create_case(&NewCase::new(Service::Mediation, Source::Police, day))?;
            }
            Ok(())
        })
        .unwrap();
    db
}

#[test]
fn reading_commands_leave_the_backup_to_the_first_writing_open() {
    let dir = TempDir::new().unwrap();
    let db = desk(&dir);
    assert!(!rolling_dir(&db).exists(), "the desk was empty when it was opened to write");
    casedesk(&db).arg("today").assert().success();
    casedesk(&db).args(["summary", "--format", "json"]).assert().success();
    assert!(!rolling_dir(&db).exists(), "a reading command made a backup");
    drop(Store::open(&db, OpenMode::MustExist).unwrap());
    let backups = std::fs::read_dir(rolling_dir(&db)).unwrap().count();
    assert_eq!(backups, 2, "the writing open makes the day's backup and its manifest");
}

#[test]
fn a_desk_that_needs_upgrading_is_refused_by_a_reading_command_and_upgraded_by_a_writing_one() {
    let dir = TempDir::new().unwrap();
    // An empty desk: one with records would carry record seals in its log
    // (0009), which a desk of version 5 cannot have.
    let db = dir.path().join("desk.db");
    drop(Store::open(&db, OpenMode::CreateIfMissing).unwrap());
    // A desk from version 5: the marks of 0006 and 0007 not yet made, not yet marked as a desk (0008),
    // no record seals (0009), no desk day in the log (0010), no authorising rank or YOT referral (0011),
    // no case endings (0012), no record of backups (0013), no directory details (0014), no service profiles (0015),
    // no finalising (0016), no timers' indexes or removed bank holidays (0017, which creates them only if
    // missing), no folded names in the search index (0018), no index of the day's audit rows by table (0019),
    // no counts of a disposal's conditions (0020), no way to pay in the profiles (0021), no desk users (0022),
    // no earlier checklist assessments (0023), no at-risk timer's indexes (0024, which creates them only if missing),
    // no facilitators, venues or agencies (0025), no harmed-party-told timer (0026), no enhanced rights or
    // report date (0027), no date of each case's last progress (0028), no documents on file (0029), no diary (0030),
    // no providers' returns or enquiries (0031), no desk settings (0032), no meetings (0033), no feedback felt safe (0034),
    // no follow-up words in its index (0035), no caseload index (0036, which creates it only if missing),
    // no caseload counts (0037), no diary week index (0038), no index of the day's audit rows by op (0039),
    // no party named on feedback (0040), no index of a person's meetings (0041).
    assert_eq!(casedesk::store::SCHEMA_VERSION, 41, "make this desk thirty-six versions behind the newest migration");
    common::back_to_version_5(&db);
    let before = std::fs::read(&db).unwrap();
    // Upgrading is a write, which a reading command never makes.
    for args in [&["today"][..], &["summary"], &["audit"]] {
        casedesk(&db)
            .args(args)
            .assert()
            .code(2)
            .stdout(predicate::str::is_empty())
            .stderr(predicate::str::contains(format!(
                "needs upgrading from schema version 5 to {}",
                casedesk::store::SCHEMA_VERSION
            )))
            .stderr(predicate::str::contains("run `casedesk check` or open casedesk once to upgrade it"));
    }
    assert_eq!(std::fs::read(&db).unwrap(), before, "a reading command changed the desk");
    assert!(["-wal", "-shm"].iter().all(|s| !Path::new(&format!("{}{s}", db.display())).exists()));
    assert!(!rolling_dir(&db).exists(), "a reading command made a backup");
    // A writing open upgrades it and marks it as a desk; then it reads.
    casedesk(&db).arg("check").assert().success();
    let conn = Connection::open(&db).unwrap();
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    let mark: i64 = conn.query_row("PRAGMA application_id", [], |r| r.get(0)).unwrap();
    assert_eq!((version, mark), (casedesk::store::SCHEMA_VERSION, casedesk::store::APPLICATION_ID));
    casedesk(&db).arg("today").assert().success().stdout(predicate::str::starts_with("Today: Friday 20 November"));
}

/// Pages of `name` (a table or index), from SQLite's own page map.
fn pages_of(db: &Path, name: &str) -> Vec<i64> {
    let conn = Connection::open(db).unwrap();
    let mut stmt = conn.prepare("SELECT pageno FROM dbstat WHERE name = ?1").unwrap();
    stmt.query_map([name], |r| r.get(0)).unwrap().collect::<Result<_, _>>().unwrap()
}

#[test]
fn a_damaged_page_met_while_reading_a_large_desk_is_said_plainly() {
    let dir = TempDir::new().unwrap();
    let db = desk(&dir);
    // Past the size that is quick-checked whole on every open.
    Connection::open(&db)
        .unwrap()
        .execute_batch("CREATE TABLE padding (b BLOB); INSERT INTO padding VALUES (zeroblob(9 * 1024 * 1024));")
        .unwrap();
    let damaged = pages_of(&db, "case_file_status");
    assert!(!damaged.is_empty());
    let mut bytes = std::fs::read(&db).unwrap();
    let page_size = 4096;
    for page in &damaged {
        let at = (*page as usize - 1) * page_size;
        bytes[at..at + page_size].iter_mut().enumerate().for_each(|(i, b)| *b = (i * 7 + 13) as u8);
    }
    std::fs::write(&db, &bytes).unwrap();

    casedesk(&db)
        .arg("today")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("the database is damaged (SQLite found a malformed page while reading it)"));
    assert_eq!(std::fs::read(&db).unwrap(), bytes, "reading the damaged desk changed it");

    // The same page met by the library says the same.
    let store = Store::open(&db, OpenMode::ToRead).unwrap();
    let (calendar, rules) = (store.calendar().unwrap(), store.rules().unwrap());
    let day = casedesk::store::Day::new(NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(), &calendar, &rules);
    assert!(matches!(store.today_items(&day), Err(StoreError::Damaged)));
    // A writing open still runs the quick check first and refuses the file.
    drop(store);
    assert!(matches!(Store::open(&db, OpenMode::MustExist), Err(StoreError::Corrupt { .. })));
}
