//! Decisions and status: the rationale, manager review, and the moves of
//! the RJ machine.

use casedesk::domain::types::Service;
use casedesk::store::model::CaseFlags;
use crossterm::event::KeyCode;

use crate::common::{self, ctrl, key, screen, today, type_text};

use super::{answer_clean, open_checklist, press, referral, status_line, status_of, to_risk_assessment};

#[test]
fn a_decision_needs_a_rationale() {
    let mut app = common::empty_app();
    let id = referral(&mut app, Service::RestorativeJustice, 6, "Criminal damage", CaseFlags::default());
    answer_clean(&mut app, id);
    to_risk_assessment(&mut app, id);
    open_checklist(&mut app, id);
    press(&mut app, 'd');
    app.handle_key(key(KeyCode::Enter));
    assert!(app.overlay.is_some(), "the prompt stays open without a rationale");
    assert!(screen(&mut app, 100, 30).contains("Rationale: required"));
    app.handle_key(key(KeyCode::Esc));
    assert_eq!(app.store.decision_count(id).unwrap(), 0);
}

#[test]
fn intake_flags_route_to_manager_review() {
    let mut app = common::empty_app();
    let flags = CaseFlags { domestic_abuse: true, ..CaseFlags::default() };
    let id = referral(&mut app, Service::RestorativeJustice, 3, "Assault on a partner", flags);
    answer_clean(&mut app, id);
    to_risk_assessment(&mut app, id);
    open_checklist(&mut app, id);
    let wide = screen(&mut app, 100, 30);
    assert!(wide.contains("Manager review needed:"), "{wide}");
    assert!(wide.contains("• Domestic abuse (partner /"), "{wide}");
    assert!(wide.contains("Suggested     Refer to manager"), "{wide}");

    // The suggested decision (refer to manager) is the prompt's default.
    press(&mut app, 'd');
    app.handle_key(key(KeyCode::Tab));
    type_text(&mut app, "DA policy route");
    app.handle_key(ctrl('s'));
    let (text, refused) = status_line(&app);
    assert!(!refused, "{text}");
    assert_eq!(text, "Saved RJ-2026-0001: Refer to manager (risk low).");
    assert_eq!(status_of(&app, id), "risk_assessment", "a referral to a manager does not move the case");
    let wide = screen(&mut app, 100, 30);
    assert!(wide.contains("Last decision") && wide.contains("Fri 20 Nov 2026 · test · risk"), "{wide}");

    press(&mut app, 'd');
    type_text(&mut app, "s"); // Suitable
    app.handle_key(key(KeyCode::Tab));
    type_text(&mut app, "victim asked for it");
    app.handle_key(ctrl('s'));
    let (text, refused) = status_line(&app);
    assert_eq!(text, "Not saved: suitable needs manager sign-off (Domestic abuse (partner / familial)): m records it.");
    assert!(refused);
    assert_eq!(app.store.decision_count(id).unwrap(), 1);
}

#[test]
fn awaiting_information_goes_back_to_the_sense_check() {
    let mut app = common::empty_app();
    let id = referral(&mut app, Service::Mediation, 1, "Noise", CaseFlags::default());
    app.store.write(|tx| tx.change_status_path(id, &["sense_check", "awaiting_info"], today())).unwrap();
    open_checklist(&mut app, id);
    press(&mut app, '>');
    assert_eq!(status_of(&app, id), "sense_check");
}
