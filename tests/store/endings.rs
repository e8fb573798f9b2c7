//! How a case ends and comes back (issue 13 §2): nothing open when it ends,
//! withdrawal with who and why, reopening where it left off; each through
//! the store's write path and undo.

use super::*;
use casedesk::domain::closure::{WithdrawalReason, WithdrawnBy, WorkEnd};
use casedesk::store::model::NewAgreement;
use casedesk::store::Withdrawal;

/// A referral whose agreement is being monitored, with two open items.
fn monitored_referral(db: &mut FileDb) -> (i64, Vec<i64>) {
    db.setup(|tx| {
        let key = referral_at_risk_assessment(tx, &case(Service::RestorativeJustice, "2026-10-01"), "2026-10-02")?;
        all_suitability_yes(tx, key.id, "2026-10-05")?;
        tx.record_decision(key.id, &decision(Decision::Suitable, "both willing", "2026-10-06", None))?;
        let path = ["logged", "transferred", "contacting_parties", "preparation", "process_arranged", "process_held"];
        tx.change_status_path(key.id, &path, d("2026-10-07"))?;
        let held = tx.add_process(
            key.id,
            &process(ProcessKind::FaceToFaceConference, "2026-11-10 10:00", ProcessStatus::Held),
        )?;
        let agreement = tx.add_agreement(&NewAgreement {
            process_id: held,
            agreed_on: d("2026-11-10"),
            signed_by_harmed: true,
            signed_by_responsible: true,
            copies_given: true,
            review_on: None,
        })?;
        tx.change_status(key.id, "agreement_monitoring", d("2026-11-10"))?;
        let fence = tx.add_agreement_item(agreement, &agreement_item("mend the fence", "2026-12-18"))?;
        let letter = tx.add_agreement_item(agreement, &agreement_item("write to the school", "2026-12-15"))?;
        Ok((key.id, vec![fence, letter]))
    })
}

fn item_row(conn: &Connection, id: i64) -> (String, Option<String>, Option<String>, Option<String>) {
    conn.query_row(
        "SELECT status, completed_on, evidence, end_reason FROM agreement_item WHERE id = ?1",
        params![id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )
    .unwrap()
}

fn retention_rows(conn: &Connection, case_id: i64) -> i64 {
    conn.query_row("SELECT COUNT(*) FROM retention WHERE case_id = ?1", params![case_id], |r| r.get(0)).unwrap()
}

#[test]
fn a_case_with_open_agreement_items_cannot_be_closed_and_is_told_which() {
    let mut db = FileDb::new();
    let rules = db.store.rules().unwrap();
    let (case_id, _) = monitored_referral(&mut db);
    let refused = err_text(db.store.write(|tx| tx.close_case(case_id, d("2026-11-20"), "done", &rules)));
    assert!(refused.contains("mend the fence") && refused.contains("write to the school"), "{refused}");
    assert!(refused.contains("completed, not done or waived"), "{refused}");
    let conn = db.raw();
    assert_eq!(status_of(&conn, case_id), "agreement_monitoring");
    assert_eq!(retention_rows(&conn, case_id), 0);
}

#[test]
fn settling_each_item_then_closing_is_one_write_and_undoes_whole() {
    let mut db = FileDb::new();
    let rules = db.store.rules().unwrap();
    let (case_id, items) = monitored_referral(&mut db);
    db.setup(|tx| {
        let open = tx.open_work(case_id)?;
        assert_eq!(open.len(), 2);
        let ends = [WorkEnd::NotDone, WorkEnd::Waived];
        for (work, end) in open.iter().zip(ends) {
            tx.end_work(work, end, d("2026-11-20"), "harmed party moved away")?;
        }
        tx.close_case(case_id, d("2026-11-20"), "Agreement partly kept", &rules)
    });
    let conn = db.raw();
    assert_eq!(status_of(&conn, case_id), "closed");
    assert_eq!(retention_rows(&conn, case_id), 1);
    let reason = Some("harmed party moved away".to_string());
    assert_eq!(item_row(&conn, items[0]), ("not_done".into(), Some("2026-11-20".into()), None, reason.clone()));
    assert_eq!(item_row(&conn, items[1]), ("waived".into(), Some("2026-11-20".into()), None, reason));
    let closed_from: String =
        conn.query_row("SELECT closed_from FROM case_file WHERE id = ?1", params![case_id], |r| r.get(0)).unwrap();
    assert_eq!(closed_from, "agreement_monitoring");

    db.store.undo_last().unwrap();
    assert_eq!(status_of(&conn, case_id), "agreement_monitoring");
    assert_eq!(retention_rows(&conn, case_id), 0);
    assert_eq!(item_row(&conn, items[0]).0, "open");
}

#[test]
fn an_item_is_completed_not_done_or_waived_with_a_date_and_reason() {
    let mut db = FileDb::new();
    let (_, items) = monitored_referral(&mut db);
    db.setup(|tx| tx.end_agreement_item(items[0], WorkEnd::Completed, d("2026-11-19"), "photo of the fence"));
    let conn = db.raw();
    assert_eq!(
        item_row(&conn, items[0]),
        ("done".into(), Some("2026-11-19".into()), Some("photo of the fence".into()), None)
    );
    let refused = err_text(db.store.write(|tx| tx.end_agreement_item(items[1], WorkEnd::Waived, d("2026-11-19"), " ")));
    assert!(refused.contains("reason"), "{refused}");
    let again = err_text(db.store.write(|tx| tx.end_agreement_item(items[0], WorkEnd::NotDone, d("2026-11-19"), "x")));
    assert!(again.contains("already"), "{again}");
}

#[test]
fn a_disposal_cannot_complete_while_a_condition_is_active() {
    let mut db = FileDb::new();
    let (key, condition_id) = db.setup(|tx| {
        let (key, ids) = active_with(
            tx,
            DisposalType::AdultConditionalCaution,
            "2026-11-02",
            &[apology("2026-11-30")],
            &Rules::default(),
        )?;
        Ok((key, ids[0]))
    });
    let refused = err_text(db.store.write(|tx| tx.change_status(key.id, "completed", d("2026-11-20"))));
    assert!(refused.contains("condition 1, Letter of apology"), "{refused}");
    assert_eq!(status_of(&db.raw(), key.id), "active");
    // Settled, it completes; the condition's reason is kept.
    db.setup(|tx| {
        let open = tx.open_work(key.id)?;
        assert_eq!(open.iter().map(|w| w.id).collect::<Vec<_>>(), [condition_id]);
        tx.end_work(&open[0], WorkEnd::Waived, d("2026-11-20"), "victim asked for none")?;
        tx.change_status(key.id, "completed", d("2026-11-20"))
    });
    let (status, reason): (String, String) = db
        .raw()
        .query_row("SELECT status, end_reason FROM condition WHERE id = ?1", params![condition_id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!((status.as_str(), reason.as_str()), ("withdrawn", "victim asked for none"));
}

#[test]
fn a_harmed_party_who_declines_closes_the_case_with_an_outcome_and_a_review() {
    let mut db = FileDb::new();
    let rules = db.store.rules().unwrap();
    let case_id = db.setup(|tx| {
        let key = tx.create_case(&case(Service::RestorativeJustice, "2026-10-01"))?;
        tx.change_status(key.id, "sense_check", d("2026-10-02"))?;
        Ok(key.id)
    });
    let w = Withdrawal {
        by: WithdrawnBy::HarmedParty,
        reason: WithdrawalReason::HarmedPartyDeclines,
        note: "wants no contact".into(),
        on: d("2026-11-20"),
    };
    let status = db.setup(|tx| tx.withdraw_case(case_id, &w, &rules));
    assert_eq!(status, "closed");
    let conn = db.raw();
    let row: (String, String, String, String, String) = conn
        .query_row(
            "SELECT status, closure_outcome, withdrawn_by, withdrawal_reason, closed_on FROM case_file WHERE id = ?1",
            params![case_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .unwrap();
    assert_eq!(
        row,
        (
            "closed".into(),
            "Harmed party declines (harmed party): wants no contact".into(),
            "harmed_party".into(),
            "harmed_party_declines".into(),
            "2026-11-20".into()
        )
    );
    assert_eq!(retention_rows(&conn, case_id), 1);
}

#[test]
fn a_true_withdrawal_stays_withdrawn_and_is_still_reviewed() {
    let mut db = FileDb::new();
    let rules = db.store.rules().unwrap();
    let key = db.setup(|tx| active_oocd(tx, DisposalType::CommunityResolution, "2026-11-02"));
    let w = Withdrawal {
        by: WithdrawnBy::ResponsibleParty,
        reason: WithdrawalReason::ConsentWithdrawn,
        note: String::new(),
        on: d("2026-11-20"),
    };
    assert_eq!(db.setup(|tx| tx.withdraw_case(key.id, &w, &rules)), "withdrawn");
    let conn = db.raw();
    assert_eq!(retention_rows(&conn, key.id), 1);
    let row: (Option<String>, String, String) = conn
        .query_row(
            "SELECT closure_outcome, withdrawn_by, withdrawal_reason FROM case_file WHERE id = ?1",
            params![key.id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(row, (None, "responsible_party".into(), "consent_withdrawn".into()));
    // Not twice: the status machine still decides.
    let again = err_text(db.store.write(|tx| tx.withdraw_case(key.id, &w, &rules)));
    assert!(again.contains("Withdrawn"), "{again}");
}

#[test]
fn reopening_goes_back_to_the_status_it_left_and_cancels_the_review_until_undone() {
    let mut db = FileDb::new();
    let rules = db.store.rules().unwrap();
    let key = db.setup(|tx| active_oocd(tx, DisposalType::CommunityResolution, "2026-11-02"));
    db.setup(|tx| tx.change_status(key.id, "at_risk", d("2026-11-10")));
    db.setup(|tx| tx.close_case(key.id, d("2026-11-18"), "not completed", &rules));
    let before = max_audit_id(&db.raw());

    let refused = err_text(db.store.write(|tx| tx.reopen_case(key.id, d("2026-11-20"), "  ")));
    assert!(refused.contains("reason"), "{refused}");
    assert_eq!(db.setup(|tx| tx.reopen_case(key.id, d("2026-11-20"), "offender asked for more time")), "at_risk");
    let conn = db.raw();
    assert_eq!(status_of(&conn, key.id), "at_risk");
    assert_eq!(retention_rows(&conn, key.id), 0);
    let closed: Option<String> =
        conn.query_row("SELECT closed_on FROM case_file WHERE id = ?1", params![key.id], |r| r.get(0)).unwrap();
    assert_eq!(closed, None);
    let why: String = conn
        .query_row(
            "SELECT justification FROM audit_log WHERE id > ?1 AND entity = 'case_file' ORDER BY id LIMIT 1",
            params![before],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(why, "reopened: offender asked for more time");
    assert!(err_text(db.store.write(|tx| tx.reopen_case(key.id, d("2026-11-20"), "again"))).contains("only"));

    db.store.undo_last().unwrap();
    assert_eq!(status_of(&conn, key.id), "closed");
    assert_eq!(retention_rows(&conn, key.id), 1);
}

#[test]
fn undo_cannot_put_a_case_back_into_an_ending_over_open_work() {
    let mut db = FileDb::new();
    let (case_id, _) = monitored_referral(&mut db);
    // A desk from before the rule closed this case with its items open.
    db.raw()
        .execute("UPDATE case_file SET status = 'closed', closed_from = 'agreement_monitoring', closed_on = '2026-11-18' WHERE id = ?1", params![case_id])
        .unwrap();
    db.setup(|tx| tx.reopen_case(case_id, d("2026-11-20"), "the items were never settled"));
    assert_eq!(status_of(&db.raw(), case_id), "agreement_monitoring");
    let refused = match db.store.undo_last() {
        Err(StoreError::Invalid(msg)) => msg,
        other => panic!("expected the undo to be refused, got {other:?}"),
    };
    assert!(refused.contains("cannot undo") && refused.contains("mend the fence"), "{refused}");
    assert_eq!(status_of(&db.raw(), case_id), "agreement_monitoring");
}
