//! Every "today" is the desk's day: the local date, or `--today` when given.
//! Work done under `--today` is counted on that day, whatever the clock says,
//! and the audit listing shows the desk's own clock.

mod common;

use std::path::Path;

use common::cli::{casedesk, stdout_of};
use tempfile::TempDir;

/// A day other than the real one, as a desk catching up on paperwork sets it.
const DESK_DAY: &str = "2026-11-20";

fn desk(dir: &TempDir) -> std::path::PathBuf {
    let db = dir.path().join("desk.db");
    casedesk().arg("--db").arg(&db).args(["--today", DESK_DAY, "demo", "--cases", "3"]).assert().success();
    db
}

/// `casedesk --today DESK_DAY ARGS…` under the time zone `tz`.
fn on_desk_day(db: &Path, tz: &str, args: &[&str]) -> assert_cmd::assert::Assert {
    casedesk().env("TZ", tz).arg("--db").arg(db).args(["--today", DESK_DAY]).args(args).assert().success()
}

/// "Records exported or disclosed today" of the json summary for DESK_DAY.
fn disclosed_on_desk_day(db: &Path, tz: &str) -> i64 {
    let out = on_desk_day(db, tz, &["summary", "--date", DESK_DAY, "--format", "json"]);
    let summary: serde_json::Value = serde_json::from_str(&stdout_of(&out)).unwrap();
    summary["records_disclosed_today"].as_i64().unwrap_or_else(|| panic!("no count in {summary}"))
}

/// Under `--today`, an export was stamped with the real clock, so the
/// summary of that desk day did not count it.
fn exports_under_today_count_on_that_day(tz: &str) {
    let dir = TempDir::new().unwrap();
    let db = desk(&dir);
    assert_ne!(chrono::Local::now().date_naive().to_string(), DESK_DAY, "pick a desk day other than the real one");
    // Reading the count is itself an export of the summary, logged after the count.
    let before = disclosed_on_desk_day(&db, tz);
    let written = dir.path().join("summary.md");
    on_desk_day(&db, tz, &["summary", "--date", DESK_DAY, "-o", written.to_str().unwrap()]);
    let after = disclosed_on_desk_day(&db, tz);
    assert_eq!(after, before + 2, "the first count's own export and the written summary");
    casedesk().arg("--db").arg(&db).arg("check").assert().success();
}

#[test]
fn an_export_under_today_counts_on_that_desk_day() {
    exports_under_today_count_on_that_day("UTC");
}

#[test]
fn an_export_under_today_counts_on_that_desk_day_in_los_angeles() {
    exports_under_today_count_on_that_day("America/Los_Angeles");
}

/// `casedesk audit` printed UTC marked "Z"; it shows the desk's local time
/// and its offset.
#[test]
fn the_audit_listing_shows_local_times_with_their_offset() {
    let dir = TempDir::new().unwrap();
    let db = desk(&dir);
    // India keeps +05:30 all year, so the offset does not hang on the date.
    let out = on_desk_day(&db, "Asia/Kolkata", &["audit"]);
    let listing = stdout_of(&out);
    let last = listing.lines().last().expect("the listing's own consultation");
    let conn = rusqlite::Connection::open(&db).unwrap();
    let stamp: String =
        conn.query_row("SELECT at_utc FROM audit_log ORDER BY id DESC LIMIT 1", [], |r| r.get(0)).unwrap();
    let india = chrono::FixedOffset::east_opt(330 * 60).unwrap();
    let at = chrono::DateTime::parse_from_rfc3339(&stamp).unwrap().with_timezone(&india);
    let expected = format!("{}  ", at.format("%Y-%m-%d %H:%M:%S +05:30"));
    assert!(last.starts_with(&expected), "{last} does not begin with {expected} (stored {stamp})");
}
