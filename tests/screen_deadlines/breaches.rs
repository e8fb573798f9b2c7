//! Recording a breach and deciding it.

use crate::common::{ctrl, key, type_text};
use casedesk::domain::status::DisposalType;
use casedesk::store::views::deadlines::DeadlineSource;
use casedesk::tui::action::Action;
use crossterm::event::KeyCode;

use super::{
    all_rows, app_on, d, deadlines_app, find_row, focus, is_adult_cc_breach, is_adult_cc_condition, selected_line,
    status,
};

#[test]
fn record_a_breach_on_a_conditional_caution() {
    let (mut app, row) = app_on(is_adult_cc_condition);
    app.apply(Action::Breach);
    type_text(&mut app, "Did not attend the course");
    app.handle_key(ctrl('s'));
    assert_eq!(status(&app), ("Saved: breach recorded.".to_string(), false));
    let listed = all_rows(&app).into_iter().find(|r| r.key.id == row.key.id && r.key.source == row.key.source);
    let listed = listed.expect("the condition stays listed while its breach awaits a decision");
    let breach_id = listed.open_breach_id.expect("an open breach");
    let (decision, state, _) = app.store.deadline_breach_state(breach_id).unwrap().unwrap();
    assert_eq!((decision.as_str(), state.as_str()), ("pending", "open"));
    assert!(selected_line(&mut app).contains("Breach open"));
}

#[test]
fn a_community_resolution_has_no_breach_process() {
    let mut app = deadlines_app();
    let row = find_row(&app, |r| {
        r.key.source == DeadlineSource::Condition && r.disposal == Some(DisposalType::CommunityResolution)
    });
    focus(&mut app, &row);
    app.apply(Action::Breach);
    assert!(app.overlay.is_none(), "refused before asking");
    let (text, is_error) = status(&app);
    assert!(is_error && text.contains("no breach process"), "{text}");
    app.apply(Action::DecideBreach);
    assert!(status(&app).1 && app.overlay.is_none());
}

#[test]
fn decide_a_breach_by_varying_the_condition() {
    let (mut app, row) = app_on(is_adult_cc_breach);
    let breach_id = row.open_breach_id.unwrap();
    app.apply(Action::DecideBreach);
    app.handle_key(key(KeyCode::Right)); // Prosecute → Vary conditions
    app.handle_key(key(KeyCode::Tab));
    type_text(&mut app, "2026-12-18");
    app.handle_key(key(KeyCode::Tab));
    type_text(&mut app, "Hospital letter seen; excuse accepted in part");
    app.handle_key(ctrl('s'));
    let (text, is_error) = status(&app);
    assert!(
        !is_error && text.starts_with("Saved: breach decision — Vary conditions; new due date Fri 18 Dec 2026"),
        "{text}"
    );
    let (decision, state, new_due) = app.store.deadline_breach_state(breach_id).unwrap().unwrap();
    assert_eq!((decision.as_str(), state.as_str(), new_due), ("vary_conditions", "decided", Some(d("2026-12-18"))));
    assert_eq!(app.store.deadline_condition_due(row.key.id).unwrap().unwrap(), (d("2026-12-18"), "varied".to_string()));
}

#[test]
fn varying_on_a_breach_decision_needs_a_date() {
    let (mut app, row) = app_on(is_adult_cc_breach);
    app.apply(Action::DecideBreach);
    app.handle_key(key(KeyCode::Right));
    app.handle_key(key(KeyCode::Enter));
    let (text, is_error) = status(&app);
    assert!(is_error && text.contains("needs a new due date"), "{text}");
    let (decision, state, _) = app.store.deadline_breach_state(row.open_breach_id.unwrap()).unwrap().unwrap();
    assert_eq!((decision.as_str(), state.as_str()), ("pending", "open"));
}
