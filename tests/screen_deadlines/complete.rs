//! Completing one or many tagged items, with evidence.

use crate::common::{ctrl, key, screen, type_text};
use casedesk::store::views::deadlines::DeadlineFilter;
use casedesk::tui::action::Action;
use crossterm::event::KeyCode;

use super::{
    all_rows, app_on, clear_field, deadlines_app, find_row, is_adult_cc_condition, is_item, prompt_open, status, tag,
};

#[test]
fn complete_the_selected_condition_with_evidence() {
    let (mut app, row) = app_on(is_adult_cc_condition);
    app.apply(Action::Complete);
    assert!(prompt_open(&app));
    type_text(&mut app, "Provider attendance report received");
    app.handle_key(ctrl('s'));
    assert_eq!(status(&app), ("Saved: 1 item marked complete on Fri 20 Nov 2026.".to_string(), false));
    let (_, stored) = app.store.deadline_condition_due(row.key.id).unwrap().unwrap();
    assert_eq!(stored, "completed");
    assert!(!all_rows(&app).iter().any(|r| r.key == row.key), "a completed condition leaves the list");
}

#[test]
fn completion_in_the_future_is_refused_and_nothing_changes() {
    let (mut app, row) = app_on(is_adult_cc_condition);
    app.apply(Action::Complete);
    type_text(&mut app, "report");
    app.handle_key(key(KeyCode::Tab));
    clear_field(&mut app);
    type_text(&mut app, "2026-12-01");
    app.handle_key(key(KeyCode::Enter));
    let (text, is_error) = status(&app);
    assert!(is_error && text.contains("future"), "{text}");
    assert_eq!(app.store.deadline_condition_due(row.key.id).unwrap().unwrap().1, row.status.as_str());
    // The form lost what was typed; now it stays open with it.
    match &app.overlay {
        Some(casedesk::tui::overlay::Overlay::Prompt(p)) => {
            assert_eq!(p.form.values(), ["report", "2026-12-01"]);
            assert!(p.problem.as_deref().is_some_and(|t| t.contains("future")), "{:?}", p.problem);
        }
        _ => panic!("the completion form closed and lost what was typed"),
    }
}

#[test]
fn tagged_conditions_and_agreement_items_complete_together() {
    let mut app = deadlines_app();
    let condition = find_row(&app, is_adult_cc_condition);
    let item = find_row(&app, is_item);
    tag(&mut app, &[&condition, &item]);
    assert!(screen(&mut app, 100, 30).contains("2 tagged"));
    app.apply(Action::Complete);
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("Complete 2 tagged items?"), "confirms first:\n{text}");
    app.handle_key(key(KeyCode::Char('y')));
    assert!(prompt_open(&app), "then asks for the evidence");
    type_text(&mut app, "Confirmed by email");
    app.handle_key(ctrl('s'));
    assert_eq!(status(&app), ("Saved: 2 items marked complete on Fri 20 Nov 2026.".to_string(), false));
    assert_eq!(app.store.deadline_condition_due(condition.key.id).unwrap().unwrap().1, "completed");
    assert_eq!(app.store.deadline_item_due(item.key.id).unwrap().unwrap().1, "done");
    assert!(screen(&mut app, 100, 30).contains("0 tagged"), "completed items are untagged");
}

#[test]
fn declining_the_bulk_confirmation_changes_nothing() {
    let mut app = deadlines_app();
    app.apply(Action::Filter); // overdue
    app.apply(Action::TagAll);
    let before = app.store.deadline_count(&DeadlineFilter::default()).unwrap();
    app.apply(Action::Complete);
    app.handle_key(key(KeyCode::Char('n')));
    assert!(app.overlay.is_none());
    assert_eq!(app.store.deadline_count(&DeadlineFilter::default()).unwrap(), before);
}
