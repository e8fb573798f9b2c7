//! Moving a case on and closing it: the moves refused and why.

use crate::common::{ctrl, demo_app, key, screen, type_text};
use casedesk::domain::status::DisposalType;
use crossterm::event::KeyCode;

use super::{case_status, oocd_case, open, opened_oocd, status};

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
