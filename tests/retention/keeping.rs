//! Keeping a case at its review: the next review booked, the decision logged.

use crate::common::today;
use casedesk::store::views::retention::default_next_review;
use rusqlite::params;

use super::{audit_rows, count, d, demo_file, due_cases, sql};

#[test]
fn keeping_moves_the_review_on_and_logs_the_decision() {
    let (_dir, path, mut store) = demo_file(40);
    let conn = sql(&path);
    let case_id = due_cases(&conn, "%")[0];
    let rules = store.rules().unwrap();
    let next = default_next_review(&rules, today());
    assert_eq!(next, d(2032, 11, 20));
    store.write(|tx| tx.review_keep(case_id, "Linked to an open investigation", next, today())).unwrap();

    let (due, decision, decided_on, by, why): (String, Option<String>, String, String, String) = conn
        .query_row(
            "SELECT review_due, decision, decided_on, decided_by, rationale FROM retention WHERE case_id = ?1",
            params![case_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .unwrap();
    assert_eq!((due.as_str(), decision, decided_on.as_str()), ("2032-11-20", None, "2026-11-20"));
    assert_eq!((by.as_str(), why.as_str()), ("reviewer", "Linked to an open investigation"));
    // The decision itself is in the log, with who made it.
    let logged = count(
        &conn,
        "SELECT COUNT(*) FROM audit_log WHERE case_id = ?1 AND entity = 'retention' AND op = 'alter'
           AND json_extract(after_json, '$.decision') = 'retain' AND user = 'reviewer'",
        case_id,
    );
    assert_eq!(logged, 1);
    // Today no longer lists it; the record is untouched.
    assert_eq!(due_cases(&conn, "%").iter().filter(|c| **c == case_id).count(), 0);
    assert!(count(&conn, "SELECT COUNT(*) FROM person p JOIN case_party c ON c.person_id = p.id WHERE c.case_id = ?1 AND p.family_name = 'Erased'", case_id) == 0);
    assert!(store.check().unwrap().is_ok());
}

#[test]
fn keeping_needs_a_reason_and_a_later_date() {
    let (_dir, path, mut store) = demo_file(40);
    let conn = sql(&path);
    let case_id = due_cases(&conn, "%")[0];
    let before = audit_rows(&conn);
    let blank = store.write(|tx| tx.review_keep(case_id, "  ", d(2030, 1, 1), today())).unwrap_err();
    assert!(blank.to_string().contains("needs a reason"), "{blank}");
    let past = store.write(|tx| tx.review_keep(case_id, "still needed", today(), today())).unwrap_err();
    assert!(past.to_string().contains("must be after"), "{past}");
    assert_eq!(audit_rows(&conn), before);
}
