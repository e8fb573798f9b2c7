//! Typos and careless input met at the command line: dates from another
//! millennium, a desk day in another time zone, a full disk, a missing
//! folder. Each is refused in one sentence, or handled, and nothing is lost.

mod common;

use common::cli::{casedesk, stderr_of};
use tempfile::TempDir;

/// `--today 9999-12-31 demo` stored `+10000-…` dates that Deadlines showed
/// as 1970-01-01.
#[test]
fn a_today_after_2199_is_refused_before_anything_is_written() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("desk.db");
    let refused =
        casedesk().arg("--db").arg(&db).args(["--today", "9999-12-31", "demo", "--cases", "5"]).assert().code(2);
    let err = stderr_of(&refused);
    assert!(err.contains("between 1900 and 2199"), "{err}");
    assert!(!db.exists(), "nothing is created for a refused date");
}

/// `demo` into a folder not made yet said "cannot read …partial".
#[test]
fn demo_into_a_missing_folder_makes_the_folder() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("not/yet/made/desk.db");
    casedesk().arg("--db").arg(&db).args(["--today", "2026-11-20", "demo", "--cases", "3"]).assert().success();
    assert!(db.is_file());
}
