//! Tests of the audit log: what an alteration keeps, and the desk day in
//! each row's hash.

use serde_json::json;

use super::*;

fn leaned(before: Json, after: Json) -> (Json, Json) {
    let entry = AuditEntry::new(AuditOp::Alter, "case_file", 7).before(before).after(after).leaned();
    (entry.before.unwrap(), entry.after.unwrap())
}

#[test]
fn an_alteration_keeps_the_id_and_what_changed() {
    let (before, after) = leaned(
        json!({"id": 7, "notes": "a", "ref": "RJ-2026-0001", "flag_youth": 0}),
        json!({"id": 7, "notes": "b", "ref": "RJ-2026-0001", "flag_youth": 1}),
    );
    assert_eq!(before, json!({"id": 7, "notes": "a", "flag_youth": 0}));
    assert_eq!(after, json!({"id": 7, "notes": "b", "flag_youth": 1}));
}

#[test]
fn a_status_and_its_date_are_kept_together() {
    let row = |status: &str, on: &str| json!({"id": 7, "status": status, "status_changed_on": on, "notes": null});
    let (_, after) = leaned(row("received", "2026-11-20"), row("sense_check", "2026-11-20"));
    assert_eq!(after, json!({"id": 7, "status": "sense_check", "status_changed_on": "2026-11-20"}));
    let (before, _) = leaned(row("received", "2026-11-19"), row("received", "2026-11-20"));
    assert_eq!(before, json!({"id": 7, "status": "received", "status_changed_on": "2026-11-19"}));
}

fn logged_store() -> crate::store::Store {
    let mut store = crate::store::Store::open_in_memory().unwrap();
    store.set_desk_day(NaiveDate::from_ymd_opt(2026, 11, 20).unwrap());
    store.write(|tx| tx.audit(&AuditEntry::new(AuditOp::Export, "summary", "2026-11-20"))).unwrap();
    // The tests below rewrite a row as a tamperer, or an older program, would.
    store.conn().execute_batch("DROP TRIGGER audit_log_no_update").unwrap();
    store
}

#[test]
fn each_row_records_the_desks_day_inside_its_hash() {
    let store = logged_store();
    let conn = store.conn();
    let day: String =
        conn.query_row("SELECT desk_day FROM audit_log ORDER BY id DESC LIMIT 1", [], |r| r.get(0)).unwrap();
    assert_eq!(day, "2026-11-20");
    assert_eq!(verify_chain(conn).unwrap().fault, None);
    conn.execute("UPDATE audit_log SET desk_day = '2026-11-21' WHERE id = (SELECT MAX(id) FROM audit_log)", [])
        .unwrap();
    assert!(verify_chain(conn).unwrap().fault.is_some(), "a changed desk day went unnoticed");
}

#[test]
fn a_row_from_before_desk_days_hashes_as_it_always_did() {
    let store = logged_store();
    let conn = store.conn();
    let (id, prev, before_day): (i64, String, String) = conn
        .query_row("SELECT id, prev_hash, hash FROM audit_log ORDER BY id DESC LIMIT 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .unwrap();
    // The same row as an older program wrote it: no day, hashed without one.
    let row: (i64, String, String, String, String, String) = conn
        .query_row("SELECT txn, at_utc, user, op, entity, entity_id FROM audit_log WHERE id = ?1", [id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?))
        })
        .unwrap();
    let hashed = HashedRow {
        txn: row.0,
        at_utc: &row.1,
        user: &row.2,
        op: &row.3,
        entity: &row.4,
        entity_id: &row.5,
        case_id: None,
        before_json: None,
        after_json: None,
        justification: None,
        recipient: None,
        seal: None,
        desk_day: None,
    };
    let old_hash = row_hash(&prev, &hashed);
    assert_ne!(old_hash, before_day);
    conn.execute("UPDATE audit_log SET desk_day = NULL, hash = ?1 WHERE id = ?2", params![old_hash, id]).unwrap();
    assert_eq!(verify_chain(conn).unwrap().fault, None);
}

#[test]
fn other_entries_are_left_whole() {
    let whole = json!({"id": 7, "notes": "a"});
    let entry = AuditEntry::new(AuditOp::Erase, "case_file", 7).before(whole.clone()).after(whole.clone()).leaned();
    assert_eq!((entry.before, entry.after), (Some(whole.clone()), Some(whole)));
}
