//! `casedesk find`: the cases a search finds, for the shell, without names.

mod common;

use std::path::{Path, PathBuf};

use common::cli::{casedesk, stdout_of, TODAY};
use rusqlite::Connection;
use tempfile::TempDir;

fn demo_desk() -> (TempDir, PathBuf) {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("desk.db");
    casedesk().arg("--db").arg(&db).args(["--today", TODAY, "demo", "--cases", "30"]).assert().success();
    (dir, db)
}

fn find(db: &Path, args: &[&str]) -> String {
    stdout_of(&casedesk().arg("--db").arg(db).args(["--today", TODAY, "find"]).args(args).assert().success())
}

/// A responsible person on a case: (case reference, given names, family name).
fn a_party(db: &Path) -> (String, String, String) {
    Connection::open(db)
        .unwrap()
        .query_row(
            "SELECT c.ref, p.given_names, p.family_name FROM case_party cp
             JOIN person p ON p.id = cp.person_id JOIN case_file c ON c.id = cp.case_id
             WHERE cp.role = 'offender' ORDER BY c.id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap()
}

fn consultations(db: &Path) -> i64 {
    Connection::open(db)
        .unwrap()
        .query_row("SELECT COUNT(*) FROM audit_log WHERE op = 'consult'", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn find_by_name_lists_the_case_with_initials_and_no_names() {
    let (_dir, db) = demo_desk();
    let (reference, given, family) = a_party(&db);
    let out = find(&db, &[&given, &family]);
    let row = out.lines().find(|l| l.starts_with(&reference)).unwrap_or_else(|| panic!("{reference} not in\n{out}"));
    let first_letters = given.split_whitespace().chain(family.split_whitespace()).map(|w| w.chars().next().unwrap());
    let initials: String = first_letters.flat_map(|c| [c.to_ascii_uppercase(), '.']).collect();
    assert!(row.contains(&initials), "{row}");
    assert!(out.starts_with("Reference"), "{out}");
    assert!(!out.contains(&family) && !out.contains(&given), "a name was printed:\n{out}");
    assert!(!out.contains('_'), "an internal code was printed:\n{out}");
}

#[test]
fn find_by_reference_as_json_gives_labels() {
    let (_dir, db) = demo_desk();
    let (reference, ..) = a_party(&db);
    let out = find(&db, &[&reference, "--format", "json"]);
    let cases: serde_json::Value = serde_json::from_str(&out).unwrap();
    let case = cases.as_array().unwrap().iter().find(|c| c["reference"] == reference.as_str()).expect("the case");
    let service = case["service"].as_str().unwrap();
    assert!(["Out-of-court disposal", "Restorative justice", "Mediation"].contains(&service), "{service}");
    assert!(!case["status"].as_str().unwrap().contains('_'), "{case}");
    assert!(case["parties"].as_array().is_some_and(|p| !p.is_empty()), "{case}");
}

#[test]
fn find_logs_each_case_listed_as_consulted() {
    let (_dir, db) = demo_desk();
    let (reference, ..) = a_party(&db);
    let before = consultations(&db);
    find(&db, &[&reference]);
    assert_eq!(consultations(&db), before + 1);
}

#[test]
fn find_with_no_match_says_so_and_succeeds() {
    let (_dir, db) = demo_desk();
    let before = consultations(&db);
    assert_eq!(find(&db, &["zzqqxx"]), "No case matches.\n");
    assert_eq!(find(&db, &["zzqqxx", "--format", "json"]).trim(), "[]");
    assert_eq!(consultations(&db), before);
}

#[test]
fn find_needs_words() {
    casedesk().args(["--today", TODAY, "find"]).assert().code(2);
}
