//! `casedesk feedback add|list` (issue 15 §4): participants' feedback from
//! the command line, from one of the case's people or someone not on the
//! case, audited and undone like any change, listed in words; bad input is
//! one sentence naming what is accepted, exit 2, and nothing changes.

mod common;

use std::path::{Path, PathBuf};

use casedesk::store::{OpenMode, Store};
use common::cli::{run, stderr_of, stdout_of};
use rusqlite::Connection;
use tempfile::TempDir;

/// A demo desk and one of its restorative cases whose meeting was held,
/// with the name of its harmed person.
fn desk_with_a_held_meeting() -> (TempDir, PathBuf, String, String) {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("desk.db");
    run(&db, &["demo", "--cases", "120"]).success();
    let conn = Connection::open(&db).unwrap();
    let (reference, name): (String, String) = conn
        .query_row(
            "SELECT c.ref, p.given_names || ' ' || p.family_name
               FROM case_file c JOIN case_party cp ON cp.case_id = c.id AND cp.role = 'harmed'
               JOIN person p ON p.id = cp.person_id
              WHERE c.service = 'restorative_justice'
                AND EXISTS (SELECT 1 FROM rj_process r WHERE r.case_id = c.id AND r.status = 'held')
                AND NOT EXISTS (SELECT 1 FROM case_party o WHERE o.case_id = c.id AND o.person_id <> cp.person_id
                                AND o.person_id IN (SELECT id FROM person q
                                                     WHERE q.given_names || ' ' || q.family_name
                                                         = p.given_names || ' ' || p.family_name))
              ORDER BY c.id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("the demo has a restorative case whose meeting was held");
    (dir, db, reference, name)
}

/// A feedback row as stored: who (person, part), satisfaction, would
/// recommend, felt safe.
type Stored = (Option<i64>, String, i64, Option<i64>, Option<i64>);

fn stored(db: &Path) -> Vec<Stored> {
    let conn = Connection::open(db).unwrap();
    let mut stmt = conn
        .prepare("SELECT person_id, person_role, satisfied, would_recommend, felt_safe FROM feedback ORDER BY id")
        .unwrap();
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))).unwrap();
    rows.map(Result::unwrap).collect()
}

/// `feedback add` on a case from `party`, satisfied `score`, would
/// recommend `recommend`, felt safe `safe`.
fn add_args(reference: &str, party: &str, score: &str, recommend: &str, safe: &str) -> Vec<String> {
    let args = ["feedback", "add", "--case", reference, "--party", party, "--satisfaction", score];
    let replies = ["--recommend", recommend, "--felt-safe", safe];
    args.iter().chain(&replies).map(|a| a.to_string()).collect()
}

fn strs(args: &[String]) -> Vec<&str> {
    args.iter().map(String::as_str).collect()
}

#[test]
fn feedback_is_added_from_a_party_or_someone_else_listed_in_words_and_undone() {
    let (_dir, db, reference, name) = desk_with_a_held_meeting();
    let before = stored(&db).len();
    let mut first = add_args(&reference, &name.to_uppercase(), "4", "yes", "unsure");
    first.extend(["--comment".to_string(), "It helped.".to_string()]);
    let added = run(&db, &strs(&first)).success();
    assert!(stderr_of(&added).contains(&format!("Recorded feedback on {reference} from {name}.")), "{added:?}");
    let second = add_args(&reference, "someone else", "2", "no", "yes");
    run(&db, &strs(&second)).success();
    let rows = stored(&db);
    assert_eq!(rows.len(), before + 2);
    let (person, part, score, recommend, safe) = rows[before].clone();
    assert!(person.is_some(), "the party is named on the feedback");
    assert_eq!((part.as_str(), score, recommend, safe), ("harmed", 4, Some(1), None));
    assert_eq!(rows[before + 1], (None, "other".to_string(), 2, Some(0), Some(1)));

    let listed = stdout_of(&run(&db, &["feedback", "list", "--case", &reference]).success());
    assert!(listed.starts_with("Case"), "{listed}");
    assert!(listed.contains(&format!("{name} (Harmed)")), "{listed}");
    assert!(listed.contains("4 satisfied"), "{listed}");
    assert!(listed.contains("Someone else") && listed.contains("2 dissatisfied"), "{listed}");
    assert!(!listed.contains("harmed,") && !listed.contains("_"), "labels, not codes: {listed}");
    let csv = stdout_of(&run(&db, &["feedback", "list", "--case", &reference, "--format", "csv"]).success());
    assert!(csv.starts_with("Case,Collected,From,Satisfaction,Would recommend,Felt safe,Comments"), "{csv}");
    assert!(csv.contains(",2026-11-20,"), "csv dates are ISO: {csv}");
    let json = stdout_of(&run(&db, &["feedback", "list", "--format", "json"]).success());
    let parsed: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(parsed.as_array().map(Vec::len), Some(before + 2), "{json}");

    let audited: i64 = Connection::open(&db)
        .unwrap()
        .query_row("SELECT COUNT(*) FROM audit_log WHERE entity = 'feedback' AND op = 'collect'", [], |r| r.get(0))
        .unwrap();
    assert!(audited >= 2, "each feedback is audited");
    let mut store = Store::open(&db, OpenMode::MustExist).unwrap();
    let words = store.next_undo().unwrap().expect("something to undo").words;
    assert!(words.contains("feedback"), "{words}");
    store.undo_last().unwrap();
    drop(store);
    assert_eq!(stored(&db).len(), before + 1, "undo takes the last feedback back");
}

#[test]
fn bad_feedback_is_one_sentence_exit_2_and_changes_nothing() {
    let (_dir, db, reference, name) = desk_with_a_held_meeting();
    let before = stored(&db).len();
    let base = |party: &str, score: &str, recommend: &str| add_args(&reference, party, score, recommend, "yes");
    let refused = |args: Vec<String>| {
        let err = stderr_of(&run(&db, &strs(&args)).code(2));
        assert!(!err.contains("_"), "no internal codes: {err}");
        err
    };
    let err = refused(base("Nobody Here", "4", "yes"));
    assert!(err.contains("No one called \"Nobody Here\" is on"), "{err}");
    assert!(err.contains(&name) && err.contains("harmed, responsible or \"someone else\""), "{err}");
    let err = refused(base(&name, "6", "yes"));
    assert!(err.contains("from 1 (very dissatisfied) to 5 (very satisfied)"), "{err}");
    let err = refused(base(&name, "4", "maybe"));
    assert!(err.contains("give yes, no or unsure"), "{err}");
    let mut args = base(&name, "4", "yes");
    args[3] = "RJ-2099-9999".into();
    let err = refused(args);
    assert!(err.contains("There is no case with reference RJ-2099-9999"), "{err}");
    // An OOCD case takes no feedback: the write path says why.
    let oocd: String = Connection::open(&db)
        .unwrap()
        .query_row("SELECT ref FROM case_file WHERE service = 'oocd' LIMIT 1", [], |r| r.get(0))
        .unwrap();
    let mut args = base("someone else", "4", "yes");
    args[3] = oocd;
    let err = refused(args);
    assert!(err.contains("restorative justice and mediation cases only"), "{err}");
    assert_eq!(stored(&db).len(), before, "nothing was recorded");
}
