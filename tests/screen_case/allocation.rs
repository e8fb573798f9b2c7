//! Reallocating a referral to another coordinator: one action on the Case
//! screen, with a reason kept in the audit log, and undone like any change.

use crate::common::{ctrl, demo_app, key, screen, type_text};
use casedesk::store::views::case::Seek;
use crossterm::event::KeyCode;

use super::{find_case, open, status};

#[test]
fn reallocating_asks_whom_and_why_and_keeps_the_reason() {
    let mut app = demo_app(60);
    let row =
        find_case(&app, |r| r.service.as_str() == "restorative_justice" && r.status.as_str() == "contacting_parties");
    let before = app.store.case_header(row.case_id).unwrap().unwrap().coordinator.expect("a demo coordinator");
    open(&mut app, row.case_id);
    app.handle_key(key(KeyCode::Char('A')));
    let text = screen(&mut app, 100, 30);
    assert!(text.contains(&format!("Now with {before}.")), "{text}");
    // Move the choice off the current coordinator.
    let choices = app.store.coordinator_choices().unwrap();
    let other = choices.iter().position(|c| c.name != before).unwrap();
    for _ in 0..other {
        app.handle_key(key(KeyCode::Right));
    }
    let to = choices[other].name.clone();
    app.handle_key(key(KeyCode::Tab));
    type_text(&mut app, "coordinator on leave");
    app.handle_key(ctrl('s'));
    let (message, error) = status(&app);
    assert!(!error && message.contains(&format!("reallocated to {to}")), "{message}");
    assert!(screen(&mut app, 100, 30).contains(&format!("Coordinator: {to}")));
    let audit = app.store.case_audit(row.case_id, &Seek::First, 5).unwrap();
    assert_eq!(audit.rows[0].justification.as_deref(), Some("coordinator on leave"));

    crate::common::undo(&mut app);
    let header = app.store.case_header(row.case_id).unwrap().unwrap();
    assert_eq!(header.coordinator.as_deref(), Some(before.as_str()));
}

#[test]
fn a_referral_with_no_coordinator_is_transferred_first() {
    let mut app = demo_app(60);
    let row = find_case(&app, |r| r.status.as_str() == "logged");
    open(&mut app, row.case_id);
    app.handle_key(key(KeyCode::Char('A')));
    let (message, error) = status(&app);
    assert!(error && message.contains("has no coordinator yet: move it to Transferred"), "{message}");
}
