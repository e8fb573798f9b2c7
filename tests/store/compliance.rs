//! Compliance as it happens (issue 13 §4): attended, missed, partly done
//! and part payments, each a compliance event whose amounts move the
//! condition's running totals in the same write, undone together.

use super::*;
use casedesk::domain::compliance::Happened;
use casedesk::store::{ComplianceRecord, ComplianceSaved};

fn record(what: Happened, on: &str, note: &str) -> ComplianceRecord {
    ComplianceRecord { what, on: d(on), note: note.to_string(), complete_when_done: true }
}

/// An active adult conditional caution with a £50 penalty and 12 hours of
/// attendance: (penalty id, attendance id).
fn caution_with_conditions(db: &mut FileDb) -> (i64, i64) {
    let rules = db.store.rules().unwrap();
    db.setup(|tx| {
        let attend = condition(ConditionKind::Attendance, ConditionObject::Reparation, Some(12.0), "2026-12-01");
        let (_, ids) = active_with(
            tx,
            DisposalType::AdultConditionalCaution,
            "2026-11-02",
            &[penalty(5000, "2026-12-01"), attend],
            &rules,
        )?;
        Ok((ids[0], ids[1]))
    })
}

/// (hours_completed, amount_paid_pence, status) as stored.
fn totals(db: &FileDb, id: i64) -> (f64, i64, String) {
    db.raw()
        .query_row("SELECT hours_completed, amount_paid_pence, status FROM condition WHERE id = ?1", params![id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .unwrap()
}

fn events(db: &FileDb, id: i64) -> Vec<(String, Option<f64>, Option<i64>, String)> {
    let conn = db.raw();
    let mut stmt = conn
        .prepare("SELECT type, hours, amount_pence, note FROM compliance_event WHERE condition_id = ?1 ORDER BY id")
        .unwrap();
    let rows = stmt.query_map(params![id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))).unwrap();
    rows.map(Result::unwrap).collect()
}

#[test]
fn part_payments_keep_a_running_balance_and_the_last_completes_the_condition() {
    let mut db = FileDb::new();
    let (fine, _) = caution_with_conditions(&mut db);
    let first: ComplianceSaved = db
        .setup(|tx| tx.record_compliance(fine, &record(Happened::Payment { pence: 2000 }, "2026-11-05", "receipt 1")));
    assert_eq!(first.progress.words(), ["£20 of £50 paid, £30 to pay"]);
    assert!(!first.all_done && !first.completed);
    // The first payment shows the work is under way (issue 13 §4).
    assert_eq!(totals(&db, fine), (0.0, 2000, "in_progress".to_string()));
    let second = db
        .setup(|tx| tx.record_compliance(fine, &record(Happened::Payment { pence: 1050 }, "2026-11-12", "receipt 2")));
    assert_eq!(second.progress.balance_pence(), Some(1950));
    assert_eq!(totals(&db, fine).1, 3050);
    // The last payment clears the balance: the condition is completed in the same write.
    let last = db
        .setup(|tx| tx.record_compliance(fine, &record(Happened::Payment { pence: 1950 }, "2026-11-19", "receipt 3")));
    assert!(last.all_done && last.completed);
    assert_eq!(totals(&db, fine), (0.0, 5000, "completed".to_string()));
    let kinds: Vec<(String, Option<i64>)> = events(&db, fine).into_iter().map(|e| (e.0, e.2)).collect();
    assert_eq!(
        kinds,
        [
            ("payment".to_string(), Some(2000)),
            ("payment".to_string(), Some(1050)),
            ("payment".to_string(), Some(1950)),
            ("completed".to_string(), None)
        ]
    );
}

#[test]
fn a_payment_beyond_the_balance_is_refused_and_nothing_is_written() {
    let mut db = FileDb::new();
    let (fine, _) = caution_with_conditions(&mut db);
    db.setup(|tx| tx.record_compliance(fine, &record(Happened::Payment { pence: 4000 }, "2026-11-05", "")));
    let before = db.count("audit_log");
    let refused = err_text(
        db.store.write(|tx| tx.record_compliance(fine, &record(Happened::Payment { pence: 1500 }, "2026-11-06", ""))),
    );
    assert_eq!(refused, "£15 is more than the £10 still to pay of £50: record at most £10");
    assert_eq!(totals(&db, fine).1, 4000);
    assert_eq!(events(&db, fine).len(), 1);
    assert_eq!(db.count("audit_log"), before);
}

#[test]
fn hours_are_kept_in_step_and_hours_beyond_those_required_warn() {
    let mut db = FileDb::new();
    let (_, hours) = caution_with_conditions(&mut db);
    let keep_open = |what| ComplianceRecord { complete_when_done: false, ..record(what, "2026-11-05", "register") };
    db.setup(|tx| tx.record_compliance(hours, &keep_open(Happened::Missed)));
    assert_eq!(totals(&db, hours).2, "active", "a missed session is no sign of work");
    db.setup(|tx| tx.record_compliance(hours, &keep_open(Happened::Attended { hours: Some(4.0) })));
    assert_eq!(totals(&db, hours).2, "in_progress", "the first session attended puts it in progress");
    let partly = db.setup(|tx| tx.record_compliance(hours, &keep_open(Happened::PartlyDone { hours: 2.5 })));
    assert_eq!(partly.progress.words(), ["6.5 of 12 hours done"]);
    assert_eq!(totals(&db, hours).0, 6.5);
    let over = db.setup(|tx| tx.record_compliance(hours, &keep_open(Happened::Attended { hours: Some(7.0) })));
    assert_eq!(over.warnings, ["that makes 13.5 hours done, more than the 12 hours required"]);
    // Asked to leave it open, it stays open even though the hours are all done.
    assert!(over.all_done && !over.completed);
    assert_eq!(totals(&db, hours), (13.5, 0, "in_progress".to_string()));
    let kinds: Vec<(String, Option<f64>)> = events(&db, hours).into_iter().map(|e| (e.0, e.1)).collect();
    assert_eq!(
        kinds,
        [
            ("missed".to_string(), None),
            ("attended".to_string(), Some(4.0)),
            ("partial".to_string(), Some(2.5)),
            ("attended".to_string(), Some(7.0))
        ]
    );
}

#[test]
fn undo_takes_back_the_event_and_the_totals_together() {
    let mut db = FileDb::new();
    let (fine, _) = caution_with_conditions(&mut db);
    db.setup(|tx| tx.record_compliance(fine, &record(Happened::Payment { pence: 2000 }, "2026-11-05", "receipt 1")));
    db.setup(|tx| tx.record_compliance(fine, &record(Happened::Payment { pence: 3000 }, "2026-11-06", "receipt 2")));
    assert_eq!(totals(&db, fine), (0.0, 5000, "completed".to_string()));
    db.store.undo_last().unwrap();
    assert_eq!(totals(&db, fine), (0.0, 2000, "in_progress".to_string()));
    assert_eq!(events(&db, fine).len(), 1, "the second payment and its completion are gone");
    db.store.undo_last().unwrap();
    assert_eq!(totals(&db, fine), (0.0, 0, "active".to_string()), "undo puts it back as not started");
    assert!(events(&db, fine).is_empty());
    assert!(db.store.check().unwrap().is_ok());
}

#[test]
fn nothing_is_recorded_against_a_completed_condition() {
    let mut db = FileDb::new();
    let (fine, _) = caution_with_conditions(&mut db);
    db.setup(|tx| tx.complete_condition(fine, d("2026-11-05"), "paid at the counter"));
    let refused = err_text(
        db.store.write(|tx| tx.record_compliance(fine, &record(Happened::Payment { pence: 100 }, "2026-11-06", ""))),
    );
    assert!(refused.contains("completed: nothing more can be recorded"), "{refused}");
}

#[test]
fn check_reports_totals_that_differ_from_the_compliance_records() {
    let mut db = FileDb::new();
    let (fine, hours) = caution_with_conditions(&mut db);
    db.setup(|tx| tx.record_compliance(fine, &record(Happened::Payment { pence: 2000 }, "2026-11-05", "receipt 1")));
    db.setup(|tx| tx.record_compliance(hours, &record(Happened::Attended { hours: Some(4.0) }, "2026-11-05", "")));
    let report = db.store.check().unwrap();
    assert!(report.totals.is_ok(), "{}", report.totals.describe());
    assert!(report.is_ok());
    // Changed behind the desk's back: the totals no longer match their events.
    db.raw().execute("UPDATE condition SET amount_paid_pence = 3000 WHERE id = ?1", params![fine]).unwrap();
    db.raw().execute("UPDATE condition SET hours_completed = 6 WHERE id = ?1", params![hours]).unwrap();
    let report = db.store.check().unwrap();
    assert!(!report.is_ok());
    let reference: String = db.raw().query_row("SELECT k.ref FROM case_file k", [], |r| r.get(0)).unwrap();
    assert_eq!(
        report.totals.differences,
        [
            format!("{reference} condition 1 (financial penalty): £30 recorded as paid but its payments add up to £20"),
            format!(
                "{reference} condition 2 (attendance at a specified place): 6 hours recorded as done but its sessions add up to 4 hours"
            ),
        ]
    );
    assert!(report.lines().iter().any(|l| l.starts_with("condition totals:  FAULT: ")), "{:?}", report.lines());
}
