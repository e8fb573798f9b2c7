//! A desk in a real file (rolling backups and restore need one), and the
//! command line run against it.

use std::path::{Path, PathBuf};

use casedesk::domain::types::{Service, Source};
use casedesk::store::model::NewCase;
use casedesk::store::{OpenMode, Store};
use chrono::NaiveDate;
use rusqlite::Connection;
use tempfile::TempDir;

/// A closed desk file holding `cases` cases and no rolling backup yet
/// (the open that wrote them found it empty).
pub fn desk(cases: usize) -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.db");
    let mut store = Store::open(&db, OpenMode::CreateIfMissing).unwrap();
    add_cases(&mut store, cases);
    (dir, db)
}

/// `n` new cases, one audit row each, in one save.
pub fn add_cases(store: &mut Store, n: usize) {
    let received = NaiveDate::from_ymd_opt(2026, 11, 2).unwrap();
    store
        .write(|tx| {
            for _ in 0..n {
                tx.create_case(&NewCase::new(Service::Mediation, Source::Police, received))?;
            }
            Ok(())
        })
        .unwrap();
}

pub fn count(db: &Path, table: &str) -> i64 {
    Connection::open(db).unwrap().query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0)).unwrap()
}

/// `casedesk --db DB ARGS...`, run.
pub fn casedesk(db: &Path, args: &[&str]) -> assert_cmd::assert::Assert {
    assert_cmd::Command::cargo_bin("casedesk")
        .unwrap()
        .env_remove("CASEDESK_DB")
        .arg("--db")
        .arg(db)
        .args(args)
        .assert()
}

/// The local date, which names the day's rolling backup.
pub fn local_today() -> NaiveDate {
    chrono::Local::now().date_naive()
}
