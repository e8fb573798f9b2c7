//! The caseload counts (migration 0037) kept right on every path that moves
//! a case: allocated on transfer, moved on a status change, reallocated,
//! withdrawn, and each of those undone and redone. After every step the
//! counts the caseload view reads are compared with the cases counted
//! afresh, and `check` agrees.

use super::*;
use casedesk::domain::closure::{WithdrawalReason, WithdrawnBy};
use casedesk::domain::directory::DirectoryKind;
use casedesk::store::{NewDirectoryEntry, Withdrawal};

/// Each coordinator's open cases by status as the caseload shows them.
fn shown(db: &FileDb) -> Vec<(i64, String, u32)> {
    let mut shown: Vec<(i64, String, u32)> = db
        .store
        .caseloads()
        .unwrap()
        .into_iter()
        .flat_map(|l| l.by_status.into_iter().map(move |(s, n)| (l.coordinator_id, s.as_str().to_string(), n)))
        .collect();
    shown.sort();
    shown
}

/// The same, counted from the cases themselves.
fn on_file(db: &FileDb) -> Vec<(i64, String, u32)> {
    let conn = db.raw();
    let mut stmt = conn
        .prepare(
            "SELECT coordinator_id, status, COUNT(*) FROM case_file
              WHERE coordinator_id IS NOT NULL AND status NOT IN ('closed', 'withdrawn')
              GROUP BY coordinator_id, status ORDER BY coordinator_id, status",
        )
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap().map(Result::unwrap).collect()
}

fn agree(db: &FileDb, step: &str, open: usize) {
    let (shown, on_file) = (shown(db), on_file(db));
    assert_eq!(shown, on_file, "after {step}");
    assert_eq!(shown.iter().map(|(_, _, n)| *n as usize).sum::<usize>(), open, "open, allocated cases after {step}");
    let check = db.store.check().unwrap();
    assert!(check.caseloads.is_ok(), "after {step}: {}", check.caseloads.describe());
}

fn coordinator(tx: &mut Tx<'_>, name: &str) -> StoreResult<i64> {
    tx.add_to_directory(DirectoryKind::Coordinator, &NewDirectoryEntry { name: name.into(), ..Default::default() })
}

/// A suitable referral, logged, not yet with a coordinator.
fn logged_referral(tx: &mut Tx<'_>, received: &str) -> StoreResult<i64> {
    let key = referral_at_risk_assessment(tx, &case(Service::RestorativeJustice, received), "2026-10-02")?;
    all_suitability_yes(tx, key.id, "2026-10-05")?;
    tx.record_decision(key.id, &decision(Decision::Suitable, "both willing", "2026-10-06", None))?;
    tx.change_status(key.id, "logged", d("2026-10-07"))?;
    Ok(key.id)
}

#[test]
fn the_counts_follow_every_move_of_a_case_and_its_undoing() {
    let mut db = FileDb::new();
    let rules = db.store.rules().unwrap();
    let (priya, tom) = db.setup(|tx| Ok((coordinator(tx, "Priya Shah")?, coordinator(tx, "Tom Hale")?)));
    let (first, second) = db.setup(|tx| Ok((logged_referral(tx, "2026-10-01")?, logged_referral(tx, "2026-10-02")?)));
    agree(&db, "two referrals nobody holds yet", 0);

    db.setup(|tx| {
        tx.change_status(first, "transferred", d("2026-10-08"))?;
        tx.assign_coordinator(first, priya, d("2026-10-08"))
    });
    agree(&db, "a transfer", 1);
    db.setup(|tx| {
        tx.change_status(second, "transferred", d("2026-10-08"))?;
        tx.assign_coordinator(second, priya, d("2026-10-08"))
    });
    agree(&db, "a second transfer to the same coordinator and status", 2);
    db.setup(|tx| tx.change_status(first, "contacting_parties", d("2026-10-09")));
    agree(&db, "a status change", 2);
    db.setup(|tx| tx.reallocate(second, tom, "Priya is on leave"));
    agree(&db, "a reallocation", 2);
    let w = Withdrawal {
        by: WithdrawnBy::HarmedParty,
        reason: WithdrawalReason::HarmedPartyDeclines,
        note: "wants no contact".into(),
        on: d("2026-11-20"),
    };
    db.setup(|tx| tx.withdraw_case(first, &w, &rules));
    agree(&db, "a withdrawal", 1);

    for (undone, open) in [("the withdrawal", 2), ("the reallocation", 2), ("the status change", 2), ("a transfer", 1)]
    {
        db.store.undo_last().unwrap().expect("something to undo");
        agree(&db, &format!("undoing {undone}"), open);
    }
    for (redone, open) in [("a transfer", 2), ("the status change", 2), ("the reallocation", 2), ("the withdrawal", 1)]
    {
        db.store.redo_last().unwrap().expect("something to redo");
        agree(&db, &format!("redoing {redone}"), open);
    }
    assert_eq!(shown(&db), [(tom, "transferred".to_string(), 1)]);
}

#[test]
fn check_reports_a_count_that_differs_from_the_cases() {
    let mut db = FileDb::new();
    let priya = db.setup(|tx| coordinator(tx, "Priya Shah"));
    db.setup(|tx| {
        let id = logged_referral(tx, "2026-10-01")?;
        tx.change_status(id, "transferred", d("2026-10-08"))?;
        tx.assign_coordinator(id, priya, d("2026-10-08"))
    });
    agree(&db, "a transfer", 1);
    db.raw().execute("UPDATE caseload_count SET n = n + 2", []).unwrap();
    let check = db.store.check().unwrap();
    assert!(!check.is_ok());
    let line = check.lines().into_iter().find(|l| l.starts_with("caseload counts:")).expect("a caseload line");
    assert_eq!(
        line,
        "caseload counts:   FAULT: Priya Shah is counted as holding 3 cases of restorative justice at transferred \
         to coordinator but holds 1 case; the file was changed outside casedesk, so restore it from a backup"
    );
}
