//! `casedesk holidays list|add|remove|import`: the bank holidays a desk
//! counts working days with, changed from the command line and audited,
//! with their exit codes (2 for bad input, and then nothing changes).

mod common;

use std::path::{Path, PathBuf};

use casedesk::store::{OpenMode, Store};
use chrono::NaiveDate;
use common::cli::{run, stderr_of, stdout_of};
use tempfile::TempDir;

fn new_desk() -> (TempDir, PathBuf) {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("desk.db");
    run(&db, &["init"]).success();
    (dir, db)
}

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

/// Whether the desk's working-day calendar counts `text` as a holiday.
fn counted(db: &Path, text: &str) -> bool {
    Store::open(db, OpenMode::ToRead).unwrap().calendar().unwrap().is_holiday(day(text))
}

fn audited(db: &Path, entity: &str) -> Vec<(String, String)> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut stmt =
        conn.prepare("SELECT entity_id, justification FROM audit_log WHERE entity = ?1 ORDER BY id").unwrap();
    let rows = stmt.query_map([entity], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
    rows.map(Result::unwrap).collect()
}

#[test]
fn a_day_added_is_listed_counted_and_audited() {
    let (_dir, db) = new_desk();
    assert!(!counted(&db, "2027-05-10"));
    let said = stderr_of(&run(&db, &["holidays", "add", "2027-05-10", "--name", "Coronation anniversary"]).success());
    assert!(said.contains("Added Mon 10 May 2027 as a bank holiday"), "{said}");
    assert!(counted(&db, "2027-05-10"), "working days now skip it");
    let listed = stdout_of(&run(&db, &["holidays", "list", "--year", "2027"]).success());
    assert!(listed.contains("2027-05-10 Coronation anniversary (added on this desk)"), "{listed}");
    assert_eq!(
        audited(&db, "bank_holiday"),
        [("2027-05-10".into(), "bank holiday added: Coronation anniversary".into())]
    );
    // The same day again changes nothing.
    let again = stderr_of(&run(&db, &["holidays", "add", "2027-05-10", "--name", "Again"]).success());
    assert!(again.contains("already a bank holiday"), "{again}");
    assert_eq!(audited(&db, "bank_holiday").len(), 1);
}

#[test]
fn a_computed_day_removed_stops_counting_with_its_reason() {
    let (_dir, db) = new_desk();
    assert!(counted(&db, "2026-12-28"));
    run(&db, &["holidays", "remove", "2026-12-28", "--reason", "moved by proclamation to 29 December"]).success();
    assert!(!counted(&db, "2026-12-28"));
    let listed = stdout_of(&run(&db, &["holidays", "list", "--year", "2026"]).success());
    assert!(!listed.contains("2026-12-28"), "{listed}");
    assert!(listed.contains("2026-12-25 Christmas Day"), "{listed}");
    let rows = audited(&db, "bank_holiday_removed");
    assert_eq!(rows, [("2026-12-28".into(), "bank holiday removed: moved by proclamation to 29 December".into())]);
    // Added back, it counts again.
    run(&db, &["holidays", "add", "2026-12-28", "--name", "Boxing Day (substitute day)"]).success();
    assert!(counted(&db, "2026-12-28"));
}

#[test]
fn bad_input_is_refused_with_exit_2_and_changes_nothing() {
    let (_dir, db) = new_desk();
    for (args, said) in [
        (vec!["holidays", "remove", "2026-12-28", "--reason", "  "], "give the reason"),
        (vec!["holidays", "remove", "2026-12-29", "--reason", "a mistake"], "Tue 29 Dec 2026 is not a bank holiday"),
        (vec!["holidays", "add", "2027-05-10", "--name", " "], "give the bank holiday its name"),
        (vec!["holidays", "add", "31/02/2027", "--name", "Nonsense"], "31/02/2027"),
        (vec!["holidays", "list", "--format", "xml"], "invalid value"),
    ] {
        let out = run(&db, &args).code(2);
        assert!(stderr_of(&out).contains(said), "{args:?}: {}", stderr_of(&out));
    }
    assert!(audited(&db, "bank_holiday").is_empty() && audited(&db, "bank_holiday_removed").is_empty());
    assert!(counted(&db, "2026-12-28"));
}

#[test]
fn the_list_reads_as_csv_and_json() {
    let (_dir, db) = new_desk();
    let csv = stdout_of(&run(&db, &["holidays", "list", "--year", "2026", "--format", "csv"]).success());
    assert!(csv.starts_with("Date,Name,Added on this desk\n2026-01-01,New Year's Day,no\n"), "{csv}");
    let json = stdout_of(&run(&db, &["holidays", "list", "--year", "2026", "--format", "json"]).success());
    let rows: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(rows.as_array().unwrap().len(), 8, "{json}");
}

const GOV_UK: &str = "title,date,notes,bunting\n\
    Christmas Day,2027-12-27,Substitute day,true\n\
    Boxing Day,2027-12-28,Substitute day,true\n\
    Extra bank holiday,2027-06-07,,true\n";

#[test]
fn the_official_list_imports_all_or_nothing_and_a_dry_run_changes_nothing() {
    let (dir, db) = new_desk();
    let file = dir.path().join("bank-holidays.csv");
    std::fs::write(&file, GOV_UK).unwrap();
    let file = file.to_str().unwrap();
    let dry = stderr_of(&run(&db, &["holidays", "import", file, "--dry-run"]).success());
    assert!(dry.contains("Dry run: 1 new bank holidays of the 3 listed would be added; nothing changed"), "{dry}");
    assert!(!counted(&db, "2027-06-07"));
    let done = run(&db, &["holidays", "import", file]).success();
    assert_eq!(stdout_of(&done), "2027-06-07 Extra bank holiday\n");
    assert!(counted(&db, "2027-06-07"));
    assert_eq!(audited(&db, "bank_holiday").len(), 1);

    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, "title,date,notes,bunting\nAnother day,2028-06-05,,true\nBroken,2028-02-30,,true\n").unwrap();
    let out = run(&db, &["holidays", "import", bad.to_str().unwrap()]).code(2);
    let said = stderr_of(&out);
    assert!(said.contains("nothing changed") && said.contains("row 3, column \"date\""), "{said}");
    assert!(!counted(&db, "2028-06-05"), "no row of a bad file is imported");
}

/// A holiday added, removed or restored is undone like any change.
#[test]
fn holiday_changes_are_undone_like_any_change() {
    let (_dir, db) = new_desk();
    run(&db, &["holidays", "add", "2027-05-10", "--name", "Coronation anniversary"]).success();
    run(&db, &["holidays", "remove", "2026-12-28", "--reason", "moved"]).success();
    let mut store = Store::open(&db, OpenMode::MustExist).unwrap();
    store.write(|tx| tx.undo_last()).unwrap();
    store.write(|tx| tx.undo_last()).unwrap();
    drop(store);
    assert!(counted(&db, "2026-12-28") && !counted(&db, "2027-05-10"), "both undone");
}
