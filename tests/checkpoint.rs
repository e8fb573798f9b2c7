//! A reading command writes one audit row and leaves it in the WAL for the
//! next writer to fold into the file: folding it in on close (SQLite's
//! checkpoint on close) synced the whole file and remade the WAL on every
//! `casedesk summary`, a third of its time beyond the queries.

mod common;

use std::fs;

use common::desk_file::{casedesk, count, desk, local_today};

fn wal(db: &std::path::Path) -> std::path::PathBuf {
    let mut name = db.as_os_str().to_os_string();
    name.push("-wal");
    name.into()
}

#[test]
fn a_reading_command_leaves_its_audit_row_in_the_wal_for_the_next_writer() {
    let (_dir, db) = desk(3);
    // A writing open first: the day's backup, so the reading command below
    // finds nothing else to do; then closed, so the file holds everything.
    casedesk(&db, &["check"]).success();
    let rows = count(&db, "audit_log");
    let file_before = fs::read(&db).unwrap();
    assert_eq!(fs::metadata(wal(&db)).map(|m| m.len()).unwrap_or(0), 0);

    let day = local_today().format("%Y-%m-%d").to_string();
    casedesk(&db, &["summary", "--format", "json", "--date", &day]).success();
    assert!(fs::read(&db).unwrap() == file_before, "the reading command checkpointed into the file");
    assert!(fs::metadata(wal(&db)).unwrap().len() > 0, "the audit row is not in the WAL");
    // The row is committed and chained: any reader sees it, and `check`
    // (a writing open) passes with it.
    casedesk(&db, &["check"]).success();
    assert_eq!(count(&db, "audit_log"), rows + 1);
}
