//! Erasing a case at its review: nothing personal survives, what is refused,
//! people named in another live case, and no undo.

use crate::common::today;
use casedesk::store::views::retention::ERASURE_ENTITY;
use rusqlite::params;

use super::{
    all_values, audit_rows, count, demo_file, due_cases, fill_every_free_column, free_values, ids, period_report, sql,
    text_of, BLANKS, TABLES,
};

fn erase_and_check_nothing_survives(service_like: &str) {
    let (_dir, path, mut store) = demo_file(40);
    let conn = sql(&path);
    let case_id = due_cases(&conn, service_like)[0];
    fill_every_free_column(&conn, case_id);
    let originals = free_values(&conn, case_id);
    // Every table with free text has a row to erase, except the other service's.
    let other_service: &[&str] = match service_like {
        "oocd" => &["rj_process", "agreement_item"],
        _ => &["oocd_disposal", "condition", "compliance_event", "provider_referral"],
    };
    for spec in TABLES.iter().filter(|s| !s.free.is_empty() && !other_service.contains(&s.table)) {
        assert!(!ids(&conn, spec, case_id).is_empty(), "the fixture has no {} row", spec.table);
    }
    let names: Vec<String> = {
        let mut stmt = conn
            .prepare(
                "SELECT p.family_name, p.given_names FROM person p JOIN case_party c ON c.person_id = p.id
                 WHERE c.case_id = ?1",
            )
            .unwrap();
        let rows = stmt.query_map(params![case_id], |r| Ok([r.get(0)?, r.get(1)?])).unwrap();
        rows.flat_map(Result::unwrap).collect()
    };
    assert!(!names.is_empty());
    for name in &names {
        assert!(store.search(name, 50).unwrap().iter().any(|h| h.case_id == case_id), "{name} findable before");
    }
    let report_before = period_report(&store);

    let done = store.write(|tx| tx.review_erase(case_id, "Six-year review: no longer needed", today())).unwrap();
    assert_eq!(done.people_kept, 0);
    assert_eq!(done.people * 2, names.len());

    // Every free-text column is blank; nothing anywhere in the case's rows
    // still holds an original value.
    for spec in TABLES {
        for id in ids(&conn, spec, case_id) {
            for column in spec.free {
                let v = text_of(&conn, spec.table, column, id).unwrap_or_default();
                assert!(BLANKS.contains(&v.as_str()), "{}.{column} {id} kept {v:?}", spec.table);
            }
        }
    }
    for (place, value) in all_values(&conn, case_id) {
        for original in originals.iter().filter(|o| o.chars().count() >= 8) {
            assert!(!value.contains(original.as_str()), "{place} still holds {original:?}");
        }
        assert!(!value.contains("Zqxmarker"), "{place} still holds {value:?}");
        for name in names.iter().filter(|n| n.chars().count() >= 3) {
            assert!(!value.contains(name.as_str()), "{place} still names {name:?}: {value:?}");
        }
    }
    for name in &names {
        assert!(!store.search(name, 50).unwrap().iter().any(|h| h.case_id == case_id), "{name} still found");
    }
    // Reports count the same.
    assert_eq!(period_report(&store), report_before);
    // Audited: every row change, and one erase row with the reason.
    let (op, why, user): (String, String, String) = conn
        .query_row(
            "SELECT op, justification, user FROM audit_log WHERE case_id = ?1 AND entity = ?2",
            params![case_id, ERASURE_ENTITY],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!((op.as_str(), why.as_str(), user.as_str()), ("erase", "Six-year review: no longer needed", "reviewer"));
    let person_alters = count(
        &conn,
        "SELECT COUNT(*) FROM audit_log WHERE case_id = ?1 AND entity = 'person' AND op = 'alter'
           AND json_extract(after_json, '$.family_name') = 'Erased'",
        case_id,
    );
    assert_eq!(person_alters as usize * 2, names.len());
    let decision: String =
        conn.query_row("SELECT decision FROM retention WHERE case_id = ?1", params![case_id], |r| r.get(0)).unwrap();
    assert_eq!(decision, "dispose");
    assert!(store.check().unwrap().is_ok());
}

#[test]
fn erasing_an_oocd_case_removes_every_name_contact_and_free_text() {
    erase_and_check_nothing_survives("oocd");
}

#[test]
fn erasing_a_restorative_case_removes_every_name_contact_and_free_text() {
    erase_and_check_nothing_survives("restorative_justice");
}

#[test]
fn erasure_is_refused_for_an_open_case_a_review_not_due_and_a_second_time() {
    let (_dir, path, mut store) = demo_file(40);
    let conn = sql(&path);
    let open: i64 =
        conn.query_row("SELECT id FROM case_file WHERE status <> 'closed' LIMIT 1", [], |r| r.get(0)).unwrap();
    let not_due: i64 = conn
        .query_row("SELECT case_id FROM retention WHERE review_due > ?1 LIMIT 1", params![today().to_string()], |r| {
            r.get(0)
        })
        .unwrap();
    let due = due_cases(&conn, "%")[0];
    let before = audit_rows(&conn);
    let e = store.write(|tx| tx.review_erase(open, "tidy up", today())).unwrap_err();
    assert!(e.to_string().contains("not closed"), "{e}");
    let e = store.write(|tx| tx.review_erase(not_due, "tidy up", today())).unwrap_err();
    assert!(e.to_string().contains("not due until"), "{e}");
    let e = store.write(|tx| tx.review_erase(due, "", today())).unwrap_err();
    assert!(e.to_string().contains("needs a reason"), "{e}");
    assert_eq!(audit_rows(&conn), before, "a refusal writes nothing");
    store.write(|tx| tx.review_erase(due, "review", today())).unwrap();
    let e = store.write(|tx| tx.review_erase(due, "again", today())).unwrap_err();
    assert!(e.to_string().contains("already been erased"), "{e}");
}

#[test]
fn a_person_named_in_another_live_case_is_kept_for_that_case() {
    let (_dir, path, mut store) = demo_file(40);
    let conn = sql(&path);
    let due = due_cases(&conn, "%")[0];
    let live: i64 =
        conn.query_row("SELECT id FROM case_file WHERE status <> 'closed' LIMIT 1", [], |r| r.get(0)).unwrap();
    let person: i64 = conn
        .query_row("SELECT person_id FROM case_party WHERE case_id = ?1 LIMIT 1", params![due], |r| r.get(0))
        .unwrap();
    conn.execute(
        "INSERT INTO case_party (case_id, person_id, role, data_subject_category) VALUES (?1, ?2, 'witness', 'witness')",
        params![live, person],
    )
    .unwrap();
    let name_before = text_of(&conn, "person", "family_name", person);
    let done = store.write(|tx| tx.review_erase(due, "review", today())).unwrap();
    assert_eq!(done.people_kept, 1);
    assert_eq!(text_of(&conn, "person", "family_name", person), name_before);
}

#[test]
fn an_erasure_cannot_be_undone() {
    let (_dir, path, mut store) = demo_file(40);
    let conn = sql(&path);
    let case_id = due_cases(&conn, "%")[0];
    store.write(|tx| tx.review_erase(case_id, "review", today())).unwrap();
    let before = audit_rows(&conn);
    let refused = store.undo_last();
    assert!(refused.is_err(), "{refused:?}");
    assert_eq!(audit_rows(&conn), before);
    let still = count(
        &conn,
        "SELECT COUNT(*) FROM person p JOIN case_party c ON c.person_id = p.id
         WHERE c.case_id = ?1 AND p.family_name <> 'Erased'",
        case_id,
    );
    assert_eq!(still, 0, "undo must not bring the names back from the log");
}
