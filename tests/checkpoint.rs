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

/// `find` logs every case it lists as consulted. Each new process re-reads
/// the whole WAL before its first query, and no reading command could
/// restart it, so left in the WAL those rows grew it by every command,
/// without end (40 MB and 160 ms a `find` after about 50 of them at
/// 100,000 cases). Past `FOLD_WAL_ABOVE` a reading command folds it in as it closes.
#[test]
fn reading_commands_one_after_another_keep_the_wal_bounded() {
    use casedesk::store::{OpenMode, Store, FOLD_WAL_ABOVE};
    let (_dir, db) = desk(200);
    casedesk(&db, &["check"]).success();
    let rows = count(&db, "audit_log");
    let wal_len = || fs::metadata(wal(&db)).map(|m| m.len()).unwrap_or(0);
    let (mut longest, mut most_added) = (0, 0);
    for _ in 0..40 {
        let before = wal_len();
        let mut store = Store::open(&db, OpenMode::ToRead).unwrap();
        store.write(|tx| (1..=200).try_for_each(|case| tx.log_consult(case, "listed by a search"))).unwrap();
        drop(store);
        most_added = most_added.max(wal_len().saturating_sub(before));
        longest = longest.max(wal_len());
    }
    assert!(most_added > 0, "the reading commands wrote nothing to the WAL");
    assert!(
        longest <= FOLD_WAL_ABOVE + most_added,
        "the WAL grew to {longest} bytes; a reading command should fold it in past {FOLD_WAL_ABOVE}"
    );
    assert_eq!(count(&db, "audit_log"), rows + 40 * 200, "a consultation was lost in the fold");
}
