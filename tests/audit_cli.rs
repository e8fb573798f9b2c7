//! `casedesk audit`: the log as text, newest last, disclosures with their
//! recipient and reason, and the listing itself recorded as a consultation.

mod common;

use std::path::{Path, PathBuf};

use common::cli::{run, stdout_of};
use predicates::prelude::*;
use rusqlite::Connection;
use tempfile::TempDir;

fn demo() -> (TempDir, PathBuf) {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("desk.db");
    run(&db, &["demo", "--cases", "12", "--seed", "3"]).success();
    (dir, db)
}

fn audit_rows(db: &Path) -> i64 {
    Connection::open(db).unwrap().query_row("SELECT COUNT(*) FROM audit_log", [], |r| r.get(0)).unwrap()
}

#[test]
fn the_listing_shows_a_disclosure_with_its_recipient_and_reason() {
    let (dir, db) = demo();
    let out_file = dir.path().join("summary.md");
    run(
        &db,
        &[
            "summary",
            "--with-names",
            "--recipient",
            "Panel chair",
            "--justification",
            "scrutiny panel review",
            "-o",
            out_file.to_str().unwrap(),
        ],
    )
    .success();
    let rows_before = audit_rows(&db);
    let out = stdout_of(&run(&db, &["audit"]).success());
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len() as i64, rows_before + 1, "one line per row, plus this listing's own record");
    let disclosure = lines.iter().find(|l| l.contains("  disclose  ")).unwrap_or_else(|| panic!("{out}"));
    assert!(disclosure.contains("to: Panel chair"), "{disclosure}");
    assert!(disclosure.contains("why: scrutiny panel review"), "{disclosure}");
    // Newest last: the consultation recorded for this very listing.
    let last = lines.last().unwrap();
    assert!(last.contains("  consult  audit_log all  -  why: viewed the whole audit log"), "{last}");
    // The desk's local time, with its offset from UTC: `2026-11-20 09:14:03 +00:00  `.
    let offset = lines[0].get(19..28).unwrap_or_default();
    assert!(
        lines[0].starts_with("20") && (offset.starts_with(" +") || offset.starts_with(" -")) && offset.ends_with("  "),
        "time first, in local time with its offset: {}",
        lines[0]
    );
    assert_eq!(audit_rows(&db), rows_before + 1);
}

#[test]
fn a_case_listing_shows_only_that_case_and_is_logged_as_a_consultation() {
    let (_dir, db) = demo();
    let reference: String =
        Connection::open(&db).unwrap().query_row("SELECT ref FROM case_file LIMIT 1", [], |r| r.get(0)).unwrap();
    let out = stdout_of(&run(&db, &["audit", "--case", &reference]).success());
    assert!(!out.is_empty());
    for line in out.lines() {
        assert!(line.contains(&format!("  {reference}")), "a line of another case: {line}");
    }
    let last = out.lines().last().unwrap();
    assert!(last.contains("consult  case_file"), "{last}");
    assert!(last.contains("viewed the case's audit log"), "{last}");
}

#[test]
fn an_unknown_case_is_a_clear_error_and_logs_nothing() {
    let (_dir, db) = demo();
    let before = audit_rows(&db);
    run(&db, &["audit", "--case", "RJ-1999-9999"])
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains("there is no case with reference \"RJ-1999-9999\""));
    assert_eq!(audit_rows(&db), before);
}
