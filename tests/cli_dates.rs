//! Dates on the command line written as in a form field: every date
//! argument reads `20/11/2026`, `20 Nov 2026`, `today`, `+3`, `+3wd`, `fri`,
//! counting from the desk's day (`--today`).

mod common;

use common::cli::{casedesk, stderr_of, stdout_of, TODAY};
use predicates::prelude::*;
use tempfile::TempDir;

/// A small demo desk on 20 November 2026, and its folder.
fn demo_desk() -> (TempDir, std::path::PathBuf) {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("desk.db");
    casedesk().arg("--db").arg(&db).args(["--today", TODAY, "demo", "--cases", "20"]).assert().success();
    (dir, db)
}

fn today_heading(db: &std::path::Path, today: &str) -> String {
    let out = stdout_of(&casedesk().arg("--db").arg(db).args(["--today", today, "today"]).assert().success());
    out.lines().next().unwrap().to_string()
}

#[test]
fn today_reads_every_written_form() {
    let (_dir, db) = demo_desk();
    for written in ["2026-11-20", "20/11/2026", "20 Nov 2026", "Fri 20 Nov 2026"] {
        assert!(today_heading(&db, written).starts_with("Today: Friday 20 November 2026"), "{written}");
    }
}

#[test]
fn the_summary_date_counts_from_the_desk_day() {
    let (_dir, db) = demo_desk();
    let summary = |date: &str| {
        let args = ["--today", TODAY, "summary", "--format", "json", "--date", date];
        let out = stdout_of(&casedesk().arg("--db").arg(&db).args(args).assert().success());
        let json: serde_json::Value = serde_json::from_str(&out).unwrap();
        json["date"].as_str().unwrap().to_string()
    };
    assert_eq!(summary("yesterday"), summary("2026-11-19"));
    assert_eq!(summary("-1"), summary("19/11/2026"));
    // 20 November 2026 is a Friday: three working days on is Wednesday.
    assert_eq!(summary("+3wd"), summary("2026-11-25"));
    assert_eq!(summary("mon"), summary("23 Nov 2026"));
    assert_eq!(summary("today"), summary(TODAY));
}

#[test]
fn report_and_sample_periods_take_written_dates() {
    let (dir, db) = demo_desk();
    let report = |from: &str, to: &str| {
        let args = ["--today", TODAY, "report", "--format", "csv", "--from", from, "--to", to];
        stdout_of(&casedesk().arg("--db").arg(&db).args(args).assert().success())
    };
    assert_eq!(report("1/1/2026", "today"), report("2026-01-01", TODAY));
    let sample = dir.path().join("sample.csv");
    casedesk()
        .arg("--db")
        .arg(&db)
        .args(["--today", TODAY, "sample", "--from", "1 Jan 2026", "--to", "-1", "-o"])
        .arg(&sample)
        .assert()
        .success();
    assert!(sample.exists());
}

#[test]
fn a_date_that_is_no_form_is_refused_listing_the_forms() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("desk.db");
    let refused = casedesk().arg("--db").arg(&db).args(["--today", TODAY, "summary", "--date", "someday"]).assert();
    let stderr = stderr_of(&refused.code(2));
    for form in ["2026-11-20", "20/11/2026", "20 Nov 2026", "today", "+3wd", "fri"] {
        assert!(stderr.contains(form), "{form} not listed in {stderr}");
    }
    assert!(!db.exists(), "a refused date made the database");
}

#[test]
fn a_short_year_is_refused_with_the_year_in_full() {
    casedesk()
        .args(["--today", TODAY, "report", "--from", "1/1/26", "--to", "today"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("write the year in full, e.g. 1/1/2026"));
}

#[test]
fn a_relative_date_past_the_years_the_desk_takes_is_refused() {
    casedesk()
        .args(["--today", "2199-12-30", "summary", "--date", "+5"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("outside the dates the desk takes"));
}
