//! The marks that let lists walk only open work (migration 0006) and let
//! Today count live cases' deadlines and follow-ups (0007), kept in step
//! with what they stand for by triggers: through the demo's whole history,
//! each write path that moves one (a breach recorded and decided, an
//! agreement recorded, a case closed or withdrawn), undo of each, and a
//! mark written wrong by hand.

use super::*;
use casedesk::demo::{generate, DemoOptions};
use casedesk::domain::closure::WorkEnd;
use casedesk::domain::status::BreachDecision;
use casedesk::store::model::{BreachOutcome, NewAgreement, NewBreach};

/// Each mark, and the rows where it disagrees with what it stands for.
const MARKS: &[(&str, &str)] = &[
    (
        "condition.breach_open",
        "SELECT k.id FROM condition k
         WHERE k.breach_open IS NOT EXISTS (SELECT 1 FROM breach b WHERE b.condition_id = k.id AND b.status = 'open')",
    ),
    (
        "outcome_agreement.case_open",
        "SELECT a.id FROM outcome_agreement a JOIN rj_process p ON p.id = a.process_id
         JOIN case_file c ON c.id = p.case_id
         WHERE a.case_open IS NOT (c.status NOT IN ('closed', 'withdrawn'))",
    ),
    (
        "rj_process.agreement_awaited",
        "SELECT p.id FROM rj_process p JOIN case_file c ON c.id = p.case_id
         WHERE p.agreement_awaited IS NOT (p.status = 'held'
             AND NOT EXISTS (SELECT 1 FROM outcome_agreement a WHERE a.process_id = p.id)
             AND c.service IN ('restorative_justice', 'mediation')
             AND c.status IN ('process_arranged', 'process_held'))",
    ),
    (
        "condition.case_live",
        "SELECT k.id FROM condition k JOIN case_file c ON c.id = k.case_id
         WHERE k.case_live IS NOT (c.status NOT IN ('closed', 'withdrawn'))",
    ),
    (
        "contact_log.case_live",
        "SELECT l.id FROM contact_log l JOIN case_file c ON c.id = l.case_id
         WHERE l.case_live IS NOT (c.status NOT IN ('closed', 'withdrawn'))",
    ),
    (
        "agreement_item.case_live",
        "SELECT i.id FROM agreement_item i JOIN outcome_agreement a ON a.id = i.agreement_id
         JOIN rj_process p ON p.id = a.process_id JOIN case_file c ON c.id = p.case_id
         WHERE i.case_live IS NOT (c.status NOT IN ('closed', 'withdrawn'))",
    ),
    (
        "oocd_disposal.case_live",
        "SELECT d.id FROM oocd_disposal d JOIN case_file c ON c.id = d.case_id
         WHERE d.case_live IS NOT (c.status NOT IN ('closed', 'withdrawn'))",
    ),
    (
        "oocd_disposal.conditions_held",
        "SELECT d.id FROM oocd_disposal d
         WHERE d.conditions_held IS NOT (SELECT count(*) FROM condition k WHERE k.case_id = d.case_id)",
    ),
    (
        "oocd_disposal.conditions_open",
        "SELECT d.id FROM oocd_disposal d
         WHERE d.conditions_open IS NOT (SELECT count(*) FROM condition k WHERE k.case_id = d.case_id
                                          AND k.status IN ('active', 'referred', 'booked', 'in_progress', 'varied'))",
    ),
    (
        "outcome_agreement.items_settled_on",
        "SELECT a.id FROM outcome_agreement a
         WHERE a.items_settled_on IS NOT CASE
             WHEN EXISTS (SELECT 1 FROM agreement_item i WHERE i.agreement_id = a.id AND i.status IN ('open', 'overdue'))
             THEN NULL ELSE (SELECT max(i.completed_on) FROM agreement_item i WHERE i.agreement_id = a.id) END",
    ),
];

/// Every mark, as (table, column).
const MARKED: &[(&str, &str)] = &[
    ("condition", "breach_open"),
    ("outcome_agreement", "case_open"),
    ("rj_process", "agreement_awaited"),
    ("condition", "case_live"),
    ("contact_log", "case_live"),
    ("agreement_item", "case_live"),
    ("oocd_disposal", "case_live"),
];

/// "mark: ids" for every mark that has drifted; empty when all are right.
fn drift(conn: &Connection) -> Vec<String> {
    let mut out = Vec::new();
    for (mark, sql) in MARKS {
        let mut stmt = conn.prepare(sql).unwrap();
        let ids: Vec<i64> = stmt.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
        if !ids.is_empty() {
            out.push(format!("{mark}: {ids:?}"));
        }
    }
    out
}

fn mark(conn: &Connection, table: &str, column: &str, id: i64) -> i64 {
    conn.query_row(&format!("SELECT {column} FROM {table} WHERE id = ?1"), params![id], |r| r.get(0)).unwrap()
}

fn marked(conn: &Connection, table: &str, column: &str, value: i64) -> i64 {
    conn.query_row(&format!("SELECT COUNT(*) FROM {table} WHERE {column} = ?1"), params![value], |r| r.get(0)).unwrap()
}

fn first_id(conn: &Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0)).unwrap_or_else(|e| panic!("the demo has none of: {sql} ({e})"))
}

/// A demo desk in a file, so that a plain connection can read the marks.
fn demo_desk() -> FileDb {
    let mut db = FileDb::new();
    generate(&mut db.store, &DemoOptions { cases: 300, seed: 21, today: d("2026-11-20") }).unwrap();
    db
}

#[test]
fn the_demo_history_leaves_every_mark_in_step() {
    let db = demo_desk();
    let conn = db.raw();
    assert_eq!(drift(&conn), Vec::<String>::new());
    // Not in step by having nothing to mark: each mark is set on some rows
    // and clear on others.
    for &(table, column) in MARKED {
        assert!(marked(&conn, table, column, 1) > 0, "no {table}.{column} set");
        assert!(marked(&conn, table, column, 0) > 0, "no {table}.{column} clear");
    }
}

#[test]
fn a_breach_recorded_decided_and_undone_moves_its_condition_mark() {
    let mut db = demo_desk();
    let conn = db.raw();
    let (condition_id, case_id): (i64, i64) = conn
        .query_row(
            "SELECT k.id, k.case_id FROM condition k JOIN case_file c ON c.id = k.case_id
             JOIN oocd_disposal d ON d.case_id = c.id
             WHERE k.status = 'active' AND k.breach_open = 0 AND c.status = 'active'
               AND d.disposal_type IN ('adult_conditional_caution', 'youth_conditional_caution',
                                       'diversionary_caution', 'community_caution')
             ORDER BY k.id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("the demo has an active condition with a breach process");
    let breach = NewBreach {
        case_id,
        condition_id: Some(condition_id),
        identified_on: d("2026-11-19"),
        description: "Did not attend the second session".into(),
        reasonable_excuse_claimed: false,
        referred_to: None,
        referred_on: None,
    };
    let breach_mark = || mark(&conn, "condition", "breach_open", condition_id);

    db.setup(|tx| tx.record_breach(&breach, d("2026-11-19")));
    assert_eq!((breach_mark(), drift(&conn)), (1, vec![]), "recorded");
    db.store.undo_last().unwrap();
    assert_eq!((breach_mark(), drift(&conn)), (0, vec![]), "recording undone");

    let id = db.setup(|tx| tx.record_breach(&breach, d("2026-11-19")));
    let rules = db.store.rules().unwrap();
    let outcome = BreachOutcome {
        decision: BreachDecision::NoFurtherAction,
        decision_on: d("2026-11-20"),
        new_due_on: None,
        excuse_assessment: None,
        time_limit_reason: None,
    };
    db.setup(|tx| tx.decide_breach(id, &outcome, &rules));
    assert_eq!((breach_mark(), drift(&conn)), (0, vec![]), "decided");
    db.store.undo_last().unwrap();
    assert_eq!((breach_mark(), drift(&conn)), (1, vec![]), "decision undone");
}

#[test]
fn an_agreement_and_its_case_move_the_process_and_agreement_marks() {
    let mut db = demo_desk();
    let conn = db.raw();
    // A held process awaiting its agreement.
    let process_id = first_id(&conn, "SELECT id FROM rj_process WHERE agreement_awaited = 1 ORDER BY id LIMIT 1");
    let awaited = || mark(&conn, "rj_process", "agreement_awaited", process_id);
    let agreement = NewAgreement {
        process_id,
        agreed_on: d("2026-11-20"),
        signed_by_harmed: true,
        signed_by_responsible: true,
        copies_given: false,
        review_on: None,
    };
    let agreement_id = db.setup(|tx| tx.add_agreement(&agreement));
    assert_eq!((awaited(), drift(&conn)), (0, vec![]), "agreement recorded");
    assert_eq!(mark(&conn, "outcome_agreement", "case_open", agreement_id), 1);
    db.store.undo_last().unwrap();
    assert_eq!((awaited(), drift(&conn)), (1, vec![]), "agreement undone");

    let case_id: i64 =
        conn.query_row("SELECT case_id FROM rj_process WHERE id = ?1", params![process_id], |r| r.get(0)).unwrap();
    db.setup(|tx| tx.change_status(case_id, "withdrawn", d("2026-11-20")));
    assert_eq!((awaited(), drift(&conn)), (0, vec![]), "case withdrawn");
    db.store.undo_last().unwrap();
    assert_eq!((awaited(), drift(&conn)), (1, vec![]), "withdrawal undone");

    // An agreement being monitored, on an open case.
    let (agreement_id, case_id): (i64, i64) = conn
        .query_row(
            "SELECT a.id, c.id FROM outcome_agreement a JOIN rj_process p ON p.id = a.process_id
             JOIN case_file c ON c.id = p.case_id WHERE c.status = 'agreement_monitoring' ORDER BY a.id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("the demo has an agreement being monitored");
    let open = || mark(&conn, "outcome_agreement", "case_open", agreement_id);
    assert_eq!(open(), 1);
    let rules = db.store.rules().unwrap();
    let live_items = || {
        conn.query_row(
            "SELECT COUNT(*) FROM agreement_item WHERE agreement_id = ?1 AND case_live = 1",
            params![agreement_id],
            |r| r.get::<_, i64>(0),
        )
        .unwrap()
    };
    let items = live_items();
    assert!(items > 0, "the monitored agreement has items");
    // Its open items settled first, in the same write: a case never closes over open work.
    db.setup(|tx| {
        for work in tx.open_work(case_id)? {
            tx.end_work(&work, WorkEnd::Completed, d("2026-11-20"), "seen done at the review")?;
        }
        tx.close_case(case_id, d("2026-11-20"), "Agreement completed", &rules)
    });
    assert_eq!((open(), live_items(), drift(&conn)), (0, 0, vec![]), "case closed");
    db.store.undo_last().unwrap();
    assert_eq!((open(), live_items(), drift(&conn)), (1, items, vec![]), "closure undone");
}

#[test]
fn a_mark_written_wrong_is_put_right_at_once_and_drift_is_seen_without_the_triggers() {
    let db = demo_desk();
    let conn = db.raw();
    let condition_id = first_id(&conn, "SELECT id FROM condition WHERE breach_open = 1 ORDER BY id LIMIT 1");
    let agreement_id = first_id(&conn, "SELECT id FROM outcome_agreement WHERE case_open = 1 ORDER BY id LIMIT 1");
    let process_id = first_id(&conn, "SELECT id FROM rj_process WHERE agreement_awaited = 1 ORDER BY id LIMIT 1");
    let spoil = |conn: &Connection| {
        conn.execute_batch(&format!(
            "UPDATE condition SET breach_open = 0 WHERE id = {condition_id};
             UPDATE outcome_agreement SET case_open = 0 WHERE id = {agreement_id};
             UPDATE rj_process SET agreement_awaited = 0 WHERE id = {process_id};"
        ))
        .unwrap();
    };
    // Undo writes whole rows back, marks included: a stale mark is corrected.
    spoil(&conn);
    assert_eq!(drift(&conn), Vec::<String>::new());
    assert_eq!(mark(&conn, "condition", "breach_open", condition_id), 1);
    let closed_item = first_id(&conn, "SELECT id FROM agreement_item WHERE case_live = 0 ORDER BY id LIMIT 1");
    conn.execute("UPDATE agreement_item SET case_live = 1 WHERE id = ?1", params![closed_item]).unwrap();
    assert_eq!(mark(&conn, "agreement_item", "case_live", closed_item), 0);
    assert_eq!(drift(&conn), Vec::<String>::new());

    // Without the triggers the same writes are drift, and the check says so.
    let triggers: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND sql LIKE '%breach_open%'
                     OR type = 'trigger' AND sql LIKE '%case_open%' OR type = 'trigger' AND sql LIKE '%agreement_awaited%'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(triggers.len() >= 10, "{triggers:?}");
    for name in &triggers {
        conn.execute_batch(&format!("DROP TRIGGER {name}")).unwrap();
    }
    spoil(&conn);
    let found = drift(&conn);
    assert_eq!(found.len(), 3, "{found:?}");
}

#[test]
fn a_desk_upgraded_to_the_marks_takes_them_from_its_history() {
    let FileDb { dir, path, store } = demo_desk();
    drop(store);
    // The desk as version 5 left it: no marks, no triggers, no indexes on them.
    common::back_to_version_5(&path);

    drop(Store::open(&path, OpenMode::MustExist).unwrap());
    let conn = Connection::open(&path).unwrap();
    assert_eq!(drift(&conn), Vec::<String>::new());
    for &(table, column) in MARKED {
        assert!(marked(&conn, table, column, 1) > 0, "no {table}.{column} set");
        assert!(marked(&conn, table, column, 0) > 0, "no {table}.{column} clear");
    }
    drop(dir);
}

/// "Ready to finalise" reads each disposal's counts of its conditions
/// (0020): a condition completed and the completion undone move them, and a
/// count written wrong (as an undo writes a whole row back) is put right.
#[test]
fn a_disposals_condition_counts_follow_its_conditions_and_are_put_right_when_written_wrong() {
    let mut db = demo_desk();
    let conn = db.raw();
    let (case_id, condition_id): (i64, i64) = conn
        .query_row(
            "SELECT k.case_id, k.id FROM condition k JOIN case_file c ON c.id = k.case_id
             WHERE k.status = 'active' AND c.status = 'active' ORDER BY k.id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("the demo has an active condition on an active case");
    let counts = || {
        conn.query_row(
            "SELECT conditions_held, conditions_open FROM oocd_disposal WHERE case_id = ?1",
            params![case_id],
            |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)),
        )
        .unwrap()
    };
    let (held, open) = counts();
    assert!(open >= 1 && held >= open, "{held} held, {open} open");

    db.setup(|tx| tx.complete_condition(condition_id, d("2026-11-19"), "seen done"));
    assert_eq!((counts(), drift(&conn)), ((held, open - 1), vec![]), "completed");
    db.store.undo_last().unwrap();
    assert_eq!((counts(), drift(&conn)), ((held, open), vec![]), "completion undone");

    conn.execute(
        "UPDATE oocd_disposal SET conditions_held = 0, conditions_open = 0 WHERE case_id = ?1",
        params![case_id],
    )
    .unwrap();
    assert_eq!((counts(), drift(&conn)), ((held, open), vec![]), "written wrong");
}

/// Each case's last progress worked out from the rows themselves (0028).
const PROGRESS: &str = "SELECT id FROM case_file c WHERE progress_on IS NOT max(status_changed_on,
    coalesce((SELECT max(occurred_on) FROM contact_log WHERE case_id = c.id), ''),
    coalesce((SELECT max(checked_on) FROM checklist_answer WHERE case_id = c.id), ''),
    coalesce((SELECT max(substr(coalesce(held_on, scheduled_for), 1, 10)) FROM rj_process
               WHERE case_id = c.id AND status <> 'cancelled'), ''))";

fn progress_drift(conn: &Connection) -> Vec<i64> {
    conn.prepare(PROGRESS).unwrap().query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
}

/// The at-risk timer reads each case's last progress (0028): a desk
/// upgraded takes it from its records, and takes the vetting window's rule.
#[test]
fn a_desk_upgraded_takes_each_cases_last_progress_and_the_vetting_rule() {
    let FileDb { dir, path, store } = demo_desk();
    drop(store);
    common::back_to_version_5(&path);
    drop(Store::open(&path, OpenMode::MustExist).unwrap());
    let conn = Connection::open(&path).unwrap();
    assert_eq!(progress_drift(&conn), Vec::<i64>::new());
    let later: i64 = conn
        .query_row("SELECT count(*) FROM case_file WHERE progress_on > status_changed_on", [], |r| r.get(0))
        .unwrap();
    assert!(later > 0, "some cases made progress after their status moved");
    let days: f64 =
        conn.query_row("SELECT value FROM rule WHERE id = 'VETTING_WARNING_DAYS'", [], |r| r.get(0)).unwrap();
    assert_eq!(days, 30.0);
    drop(dir);
}

/// A case's last progress follows its contacts, and a date written wrong
/// (as an undo writes a whole row back) is put right at once.
#[test]
fn a_cases_last_progress_follows_its_contacts_and_is_put_right_when_written_wrong() {
    let mut db = demo_desk();
    let conn = db.raw();
    assert_eq!(progress_drift(&conn), Vec::<i64>::new(), "the bulk load sets it as the triggers would");
    let case_id: i64 = conn
        .query_row("SELECT id FROM case_file WHERE status = 'preparation' ORDER BY id LIMIT 1", [], |r| r.get(0))
        .expect("the demo has a referral in preparation");
    let contact = NewContact {
        case_id,
        person_id: None,
        occurred_on: d("2026-11-20"),
        channel: ContactChannel::Phone,
        outgoing: true,
        summary: "Prepared the harmed party".into(),
        outcome: None,
        follow_up_on: None,
    };
    db.setup(|tx| tx.log_contact(&contact));
    let progress = || -> String {
        conn.query_row("SELECT progress_on FROM case_file WHERE id = ?1", [case_id], |r| r.get(0)).unwrap()
    };
    assert_eq!(progress(), "2026-11-20");
    db.store.undo_last().unwrap();
    assert!(progress().as_str() < "2026-11-20", "the contact undone");
    conn.execute("UPDATE case_file SET progress_on = '2030-01-01' WHERE id = ?1", [case_id]).unwrap();
    assert_eq!(progress_drift(&conn), Vec::<i64>::new());
}
