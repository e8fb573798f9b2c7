//! Moving a case on and closing it: the moves refused and why.

use crate::common::{ctrl, demo_app, key, screen, type_text};
use casedesk::domain::status::DisposalType;
use crossterm::event::KeyCode;

use super::{case_status, oocd_case, oocd_case_with, open, opened_oocd, status};
use casedesk::domain::caps::{ConditionKind, ConditionObject};
use casedesk::store::model::NewCondition;

#[test]
fn a_move_the_store_refuses_changes_nothing_and_says_why() {
    let mut app = demo_app(20);
    // A draft with nothing on file: issuing it is offered but refused.
    let case_id = oocd_case(&mut app, DisposalType::AdultConditionalCaution, &[]);
    open(&mut app, case_id);
    app.handle_key(key(KeyCode::Char('>')));
    assert!(screen(&mut app, 100, 30).contains("‹ Issued ›"));
    app.handle_key(key(KeyCode::Enter));
    let (message, error) = status(&app);
    assert!(error && message.contains("admission not recorded"), "{message}");
    assert_eq!(case_status(&app, case_id), "draft");
    // A future date is refused before the store is asked.
    app.handle_key(key(KeyCode::Char('>')));
    app.handle_key(key(KeyCode::Tab));
    app.handle_key(ctrl('u'));
    type_text(&mut app, "2026-12-01");
    app.handle_key(key(KeyCode::Enter));
    let (message, error) = status(&app);
    assert!(error && message.contains("future"), "{message}");
    assert_eq!(case_status(&app, case_id), "draft");
}

/// Issue 13: every fact of the issue on file but no condition: the move to
/// Issued is refused in one sentence that says what to do, and once a
/// condition is agreed the same move is saved.
#[test]
fn a_conditional_caution_with_no_condition_is_not_issued_from_the_case_screen() {
    let mut app = demo_app(20);
    let case_id = oocd_case(&mut app, DisposalType::AdultConditionalCaution, &[]);
    let mut facts = app.store.disposal(case_id).unwrap().unwrap();
    crate::common::issued_on_5_october(&mut facts);
    app.store.write(|tx| tx.set_disposal(case_id, &facts)).unwrap();
    open(&mut app, case_id);
    app.handle_key(key(KeyCode::Char('>')));
    app.handle_key(key(KeyCode::Enter));
    let (message, error) = status(&app);
    assert!(error, "{message}");
    assert_eq!(message, "Not saved: record at least one condition before issuing the conditional caution (leave the issue date blank until its conditions are added)");
    assert!(screen(&mut app, 80, 24).contains("record at least one condition before"));
    assert_eq!(case_status(&app, case_id), "draft");
    let rules = app.store.rules().unwrap();
    let letter = NewCondition::new(
        ConditionKind::ReparationApologyLetter,
        ConditionObject::Reparation,
        "Write to the neighbour",
        chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
    );
    app.store.write(|tx| tx.add_condition(case_id, &letter, &rules)).unwrap();
    app.handle_key(key(KeyCode::Char('>')));
    app.handle_key(key(KeyCode::Enter));
    let (message, error) = status(&app);
    assert!(!error, "{message}");
    assert_eq!(case_status(&app, case_id), "issued");
}

#[test]
fn a_case_its_status_machine_will_not_close_is_refused_before_asking() {
    // A draft was never given: it is withdrawn, not closed. (An active
    // caution now closes by way of completion, in the closing step.)
    let (mut app, case_id) = opened_oocd(DisposalType::AdultConditionalCaution, &[]);
    app.handle_key(key(KeyCode::Char('x')));
    let (message, error) = status(&app);
    assert!(error && message.contains("cannot be closed from there"), "{message}");
    assert!(app.overlay.is_none());
    assert_eq!(case_status(&app, case_id), "draft");
    assert_eq!(app.store.case_header(case_id).unwrap().unwrap().retention_review_due, None);
}

/// Issue 13 §4: n proposes the referral's next status dated today, in one
/// dialog that Enter confirms; where there is no single next step it says
/// what the step is instead.
#[test]
fn the_advance_key_moves_a_referral_on_in_one_confirmation() {
    let mut app = demo_app(20);
    let case_id = super::rj_case(&mut app);
    open(&mut app, case_id);
    app.handle_key(key(KeyCode::Char('n')));
    let asked = screen(&mut app, 80, 24);
    insta::assert_snapshot!("advance_prompt_80x24", asked);
    app.handle_key(key(KeyCode::Enter));
    let (message, error) = status(&app);
    assert!(!error && message.contains("from Received to Sense check on Fri 20 Nov 2026"), "{message}");
    assert_eq!(case_status(&app, case_id), "sense_check");
    // The sense-check is not answered: the guard refuses the next step.
    app.handle_key(key(KeyCode::Char('n')));
    app.handle_key(key(KeyCode::Enter));
    let (message, error) = status(&app);
    assert!(error && message.contains("sense-check is not complete"), "{message}");
    assert_eq!(case_status(&app, case_id), "sense_check");
}

/// Issue 13 §4: f on a disposal whose conditions are done asks its Home
/// Office outcome and the police record's day; asked again, only the
/// police record is left.
#[test]
fn finalising_asks_the_outcome_then_the_police_record() {
    let mut app = demo_app(20);
    let letter = NewCondition::new(
        ConditionKind::ReparationApologyLetter,
        ConditionObject::Reparation,
        "Write to the shop owner",
        chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(),
    );
    let (case_id, ids) =
        oocd_case_with(&mut app, DisposalType::AdultConditionalCaution, &["issued", "active"], &[letter]);
    let done = chrono::NaiveDate::from_ymd_opt(2026, 11, 18).unwrap();
    app.store.write(|tx| tx.complete_condition(ids[0], done, "letter seen")).unwrap();
    open(&mut app, case_id);
    app.handle_key(key(KeyCode::Char('f')));
    insta::assert_snapshot!("finalise_prompt_80x24", screen(&mut app, 80, 24));
    app.handle_key(key(KeyCode::Enter));
    let (message, error) = status(&app);
    assert!(!error && message.contains("Outcome 3") && message.contains("still to update"), "{message}");
    assert_eq!(case_status(&app, case_id), "completed");
    app.handle_key(key(KeyCode::Char('f')));
    assert!(screen(&mut app, 80, 24).contains("Police record updated on"));
    app.handle_key(key(KeyCode::Enter));
    let (message, error) = status(&app);
    assert!(!error && message.contains("police record updated on Fri 20 Nov 2026"), "{message}");
    app.handle_key(key(KeyCode::Char('f')));
    let (message, error) = status(&app);
    assert!(error && message.contains("nothing is left to do"), "{message}");
}
