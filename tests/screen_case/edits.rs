//! Editing after intake from the Case screen (issue 13 §1): the edit key,
//! the chooser, a refusal that keeps the form, and undo.

use crate::common::{ctrl, key, screen, type_text};
use casedesk::tui::action::Action;
use casedesk::tui::app::App;
use casedesk::tui::overlay::Overlay;
use crossterm::event::KeyCode;

use super::{opened_rj, status, with_penalty_selected};

fn typed(app: &App) -> Option<Vec<String>> {
    match &app.overlay {
        Some(Overlay::Prompt(p)) => Some(p.form.values()),
        _ => None,
    }
}

fn amount(app: &App, condition_id: i64) -> Option<i64> {
    app.store.condition_on_file(condition_id).unwrap().condition.amount_pence
}

#[test]
fn a_penalty_edited_over_the_cap_keeps_the_form_then_saves_corrected_and_undoes() {
    let (mut app, _, condition_id) = with_penalty_selected();
    app.handle_key(key(KeyCode::Char('e')));
    for _ in 0..5 {
        app.handle_key(key(KeyCode::Tab));
    }
    app.handle_key(ctrl('u'));
    type_text(&mut app, "300");
    app.handle_key(key(KeyCode::Enter));
    let (message, error) = status(&app);
    assert!(error && message.starts_with("Not saved:") && message.contains("financial penalty"), "{message}");
    let values = typed(&app).expect("the refused form stays open");
    assert_eq!((values[2].as_str(), values[5].as_str()), ("Pay towards the fence", "300"));
    assert_eq!(amount(&app, condition_id), Some(5000), "nothing saved");
    let shown = screen(&mut app, 80, 24);
    let line = shown.lines().find(|l| l.contains("Amount £")).unwrap_or_default();
    assert!(line.contains("300") && line.contains("✗ financial penalty"), "beside the amount:\n{shown}");
    app.handle_key(ctrl('u'));
    type_text(&mut app, "40");
    app.handle_key(key(KeyCode::Enter));
    let (message, error) = status(&app);
    assert!(!error && message.contains("amount £50.00 → £40.00"), "{message}");
    assert!(typed(&app).is_none());
    assert_eq!(amount(&app, condition_id), Some(4000));
    crate::common::undo(&mut app);
    assert_eq!(amount(&app, condition_id), Some(5000), "undone");
}

#[test]
fn moving_the_due_date_asks_for_the_variations_reason() {
    let (mut app, _, condition_id) = with_penalty_selected();
    app.handle_key(key(KeyCode::Char('e')));
    for _ in 0..6 {
        app.handle_key(key(KeyCode::Tab));
    }
    type_text(&mut app, "2026-12-11");
    app.handle_key(key(KeyCode::Enter));
    let (message, error) = status(&app);
    assert!(error && message.contains("give the reason"), "{message}");
    // The cursor is put on the reason, with the refusal beside it.
    let shown = screen(&mut app, 80, 24);
    let line = shown.lines().find(|l| l.contains("Reason for new date")).unwrap_or_default();
    assert!(line.contains("✗ moving a condition"), "beside the reason:\n{shown}");
    type_text(&mut app, "Asked for a week to pay");
    app.handle_key(ctrl('s'));
    let (message, error) = status(&app);
    assert!(!error && message.contains("due date Fri 4 Dec 2026 → Fri 11 Dec 2026"), "{message}");
    let on_file = app.store.condition_on_file(condition_id).unwrap();
    assert_eq!(on_file.condition.due_on.to_string(), "2026-12-11");
}

#[test]
fn with_nothing_editable_selected_a_chooser_asks_which_and_a_person_is_edited() {
    let mut app = opened_rj();
    app.apply(Action::Bottom); // the referral received: edited directly
    app.handle_key(key(KeyCode::Char('e')));
    let Some(Overlay::Prompt(p)) = &app.overlay else { panic!("no form") };
    assert!(p.prompt.title.starts_with("Edit the referral of RJ-2026-"), "{}", p.prompt.title);
    app.handle_key(key(KeyCode::Esc));
    app.apply(Action::ToggleView); // the audit history: nothing on it is edited directly
    app.handle_key(key(KeyCode::Char('e')));
    let Some(Overlay::Prompt(p)) = &app.overlay else { panic!("no chooser") };
    assert_eq!(p.prompt.title.split(' ').next(), Some("Edit"));
    app.handle_key(key(KeyCode::Right)); // the first person: Sam Harmed
    app.handle_key(key(KeyCode::Enter));
    let values = typed(&app).expect("the person's form");
    assert_eq!((values[0].as_str(), values[1].as_str(), values[3].as_str()), ("Sam", "Harmed", "harmed"));
    app.handle_key(key(KeyCode::Tab));
    app.handle_key(ctrl('u'));
    type_text(&mut app, "Harmer");
    app.handle_key(key(KeyCode::Enter));
    let (message, error) = status(&app);
    assert!(!error && message.contains("family name Harmed → Harmer"), "{message}");
}
