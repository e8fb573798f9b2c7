//! Leaving a case: back to the queue, to the case, and the footer keys.

use casedesk::domain::types::Service;
use casedesk::store::model::CaseFlags;
use casedesk::tui::screens::ScreenId;
use crossterm::event::KeyCode;

use crate::common::{self, ctrl, key, screen, type_text};

use super::{answer_clean, goto_item, open_checklist, press, referral, status_of, to_risk_assessment};

#[test]
fn esc_goes_back_to_the_queue_and_o_opens_the_case() {
    let mut app = common::empty_app();
    let id = referral(&mut app, Service::RestorativeJustice, 1, "Theft", CaseFlags::default());
    open_checklist(&mut app, id);
    assert!(screen(&mut app, 100, 30).contains("Sense-check ·"));
    app.handle_key(key(KeyCode::Esc));
    let text = screen(&mut app, 100, 30);
    assert!(text.contains("Checklists to work") && text.contains("▶ RJ-2026-0001"), "{text}");
    press(&mut app, 'o');
    assert_eq!(app.current, ScreenId::Case);
}

#[test]
fn the_footer_offers_the_checklist_keys() {
    let mut app = common::empty_app();
    let id = referral(&mut app, Service::RestorativeJustice, 1, "Theft", CaseFlags::default());
    open_checklist(&mut app, id);
    let text = screen(&mut app, 100, 30);
    let footer = text.lines().last().unwrap();
    for k in ["y yes", "n no", "u unknown", "a n/a", "d decide", "Esc back", "e note", "? help"] {
        assert!(footer.contains(k), "{k} missing from {footer:?}");
    }
    goto_item(&mut app, "RK_DA");
    let text = screen(&mut app, 100, 30);
    assert!(text.lines().last().unwrap().contains("s severity"));
}

#[test]
fn six_after_a_decision_opens_that_case_not_the_case_list() {
    let mut app = common::empty_app();
    let id = referral(&mut app, Service::RestorativeJustice, 6, "Criminal damage", CaseFlags::default());
    referral(&mut app, Service::RestorativeJustice, 1, "Theft", CaseFlags::default());
    answer_clean(&mut app, id);
    to_risk_assessment(&mut app, id);
    open_checklist(&mut app, id);
    press(&mut app, 'd');
    type_text(&mut app, "s"); // Suitable
    app.handle_key(key(KeyCode::Tab));
    type_text(&mut app, "both willing");
    app.handle_key(ctrl('s'));
    assert_eq!(status_of(&app, id), "suitable", "{:?}", app.status);

    press(&mut app, '6');
    assert_eq!(app.current, ScreenId::Case);
    let text = screen(&mut app, 80, 24);
    assert!(!text.contains("Cases — most recently changed"), "{text}");
    assert!(text.contains("RJ-2026-0001") && !text.contains("RJ-2026-0002"), "{text}");
}

#[test]
fn six_from_the_queue_opens_the_case_list() {
    let mut app = common::empty_app();
    referral(&mut app, Service::RestorativeJustice, 1, "Theft", CaseFlags::default());
    app.apply(casedesk::tui::action::Action::ScreenChecklist);
    press(&mut app, '6');
    assert_eq!(app.current, ScreenId::Case);
    assert!(screen(&mut app, 80, 24).contains("Cases — most recently changed"));
}
