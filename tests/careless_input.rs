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

/// An export stamped in the audit log at `at_utc`, as a writer would leave it.
fn export_row_at(db: &std::path::Path, at_utc: &str) {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.execute(
        "INSERT INTO audit_log (txn, at_utc, user, op, entity, entity_id, prev_hash, hash)
         VALUES (9999, ?1, 'tester', 'export', 'tracker', 'x', 'p', ?1)",
        [at_utc],
    )
    .unwrap();
}

fn disclosed_today(db: &std::path::Path, tz: &str) -> String {
    let out =
        casedesk().env("TZ", tz).arg("--db").arg(db).args(["--today", "2026-11-20", "summary"]).assert().success();
    let text = common::cli::stdout_of(&out);
    text.lines().find(|l| l.contains("Records exported or disclosed today")).unwrap_or_default().to_string()
}

/// Under TZ=America/Los_Angeles at 23:23, a letter written that day was not
/// counted in that day's summary: audit time was compared by UTC date.
#[test]
fn the_summary_counts_exports_by_the_desks_local_day() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("desk.db");
    casedesk().arg("--db").arg(&db).args(["--today", "2026-11-20", "demo", "--cases", "3"]).assert().success();
    let base = disclosed_today(&db, "America/Los_Angeles");
    // "… Records exported or disclosed today: 3. Retention reviews …"
    let count = |line: &str| {
        let after = line.split("Records exported or disclosed today: ").nth(1).unwrap();
        after.split(|c: char| !c.is_ascii_digit()).next().unwrap().parse::<i64>().unwrap()
    };
    // 23:23 on 20 November in Los Angeles is 07:23 on the 21st in UTC.
    export_row_at(&db, "2026-11-21T07:23:00.000000Z");
    // Each summary is itself an export made on the desk's day (`--today`),
    // counted by the next one.
    let evening = disclosed_today(&db, "America/Los_Angeles");
    assert_eq!(count(&evening), count(&base) + 1 + 1, "{base} → {evening}");
    // 23:00 on 19 November in Los Angeles (07:00 on the 20th in UTC) is the day before.
    export_row_at(&db, "2026-11-20T07:00:00.000000Z");
    let day_before = disclosed_today(&db, "America/Los_Angeles");
    assert_eq!(count(&day_before), count(&evening) + 1, "{evening} → {day_before}");
}
