//! References already on file, kept from the tracker, and the counter.

use crate::common::cli::{stderr_of, stdout_of};
use tempfile::TempDir;

use super::{demo_db, dump, fingerprint, good_csv, import, one};

#[test]
fn a_reference_already_in_the_database_is_refused() {
    let dir = TempDir::new().unwrap();
    let db = demo_db(&dir, 20);
    let existing = one(&db, "SELECT ref FROM case_file WHERE service = 'oocd' ORDER BY id LIMIT 1");
    let file = good_csv(&dir, "dup.csv", &existing);
    let before = fingerprint(&db);
    let result = import(&db, &file, &[]).code(2);
    let expected = format!(r#"row 2, column "Reference": {existing} is already in the database"#);
    assert!(stderr_of(&result).contains(&expected), "{}", stderr_of(&result));
    assert_eq!(fingerprint(&db), before);
}

#[test]
fn a_tracker_reference_goes_in_the_notes_and_cannot_come_in_twice() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("new.db");
    let file = good_csv(&dir, "one.csv", "T/77");
    import(&db, &file, &[]).success();
    let notes = one(&db, "SELECT ref || ' | ' || notes FROM case_file");
    assert_eq!(notes, r#"OOCD-2026-0001 | Imported from tracker reference "T/77"."#);
    let before = fingerprint(&db);
    let again = import(&db, &file, &[]).code(2);
    let expected = r#"row 2, column "Reference": tracker reference T/77 was already imported, as OOCD-2026-0001"#;
    assert!(stderr_of(&again).contains(expected), "{}", stderr_of(&again));
    assert_eq!(fingerprint(&db), before);
}

#[test]
fn a_kept_reference_moves_the_counter_past_it() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("new.db");
    let path = dir.path().join("kept.csv");
    std::fs::write(
        &path,
        "Reference,Service,Received,Disposal type\nOOCD-2026-0050,oocd,01/11/2026,community_resolution\n,oocd,02/11/2026,community_resolution\n",
    )
    .unwrap();
    let out = stdout_of(&import(&db, &path, &[]).success());
    assert!(out.contains("row 2: OOCD-2026-0050 (kept)"), "{out}");
    assert!(out.contains("row 3: OOCD-2026-0051 (new)"), "{out}");
    assert_eq!(dump(&db, "SELECT ref FROM case_file ORDER BY id"), ["OOCD-2026-0050", "OOCD-2026-0051"]);
}

/// Rows are written one by one as they are read, so the counter must be
/// moved past every kept reference before the first row is written: a new
/// reference on an earlier row would otherwise take a later row's number.
#[test]
fn a_kept_reference_on_a_later_row_is_not_taken_by_an_earlier_new_one() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("new.db");
    let path = dir.path().join("kept_later.csv");
    std::fs::write(
        &path,
        "Reference,Service,Received,Disposal type\n,oocd,02/11/2026,community_resolution\nOOCD-2026-0001,oocd,01/11/2026,community_resolution\n",
    )
    .unwrap();
    let out = stdout_of(&import(&db, &path, &[]).success());
    assert!(out.contains("row 2: OOCD-2026-0002 (new)"), "{out}");
    assert!(out.contains("row 3: OOCD-2026-0001 (kept)"), "{out}");
}

/// Rows before the one with a problem were already written inside the
/// transaction; all of them are rolled back.
#[test]
fn a_problem_on_the_last_row_leaves_out_the_rows_written_before_it() {
    let dir = TempDir::new().unwrap();
    let db = demo_db(&dir, 20);
    let existing = one(&db, "SELECT ref FROM case_file WHERE service = 'oocd' ORDER BY id LIMIT 1");
    let path = dir.path().join("last_bad.csv");
    std::fs::write(
        &path,
        format!(
            "Reference,Service,Received,Disposal type\n,oocd,01/11/2026,community_resolution\n,oocd,02/11/2026,community_resolution\n{existing},oocd,03/11/2026,community_resolution\n"
        ),
    )
    .unwrap();
    let before = fingerprint(&db);
    let result = import(&db, &path, &[]).code(2);
    let expected = format!(r#"row 4, column "Reference": {existing} is already in the database"#);
    assert!(stderr_of(&result).contains(&expected), "{}", stderr_of(&result));
    assert!(stderr_of(&result).contains("1 problem in last_bad.csv"), "{}", stderr_of(&result));
    assert_eq!(fingerprint(&db), before);
}

/// A row the store refuses (here a verified cap) does not stop the run:
/// the rows after it are still written, so their refusals are listed too.
#[test]
fn every_row_the_store_refuses_is_listed() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("new.db");
    let path = dir.path().join("caps.csv");
    // An adult conditional caution: a diversionary caution, as this was
    // before, is now refused sooner, as not in force (DOMAIN.md §4.1).
    let row = "oocd,01/11/2026,adult_conditional_caution,02/11/2026,unpaid_work,dig,20/11/2026,500\n";
    let header = "Service,Received,Disposal type,Issued,Condition 1 kind,Condition 1 description,Condition 1 due,Condition 1 hours\n";
    std::fs::write(&path, format!("{header}{row}{row}")).unwrap();
    let stderr = stderr_of(&import(&db, &path, &[]).code(2));
    for line in [2, 3] {
        assert!(
            stderr.contains(&format!(
                "row {line}, column \"Condition 1 kind\": non-rehabilitative attendance totals 500 h"
            )),
            "{stderr}"
        );
    }
    assert!(stderr.contains("2 problems in caps.csv"), "{stderr}");
}
