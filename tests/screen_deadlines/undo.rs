//! Undo and redo as a person meets them here: undo names the change in the
//! screen's words and asks first, redo (Ctrl-Y here, where U clears tags)
//! puts it back, and the rows brought back are selected.

use crate::common::{ctrl, key, type_text, undo};
use casedesk::tui::action::Action;
use crossterm::event::KeyCode;

use super::{all_rows, app_on, d, is_adult_cc_condition, prompt_open, selected_line, status, tag, vary};

#[test]
fn undo_names_the_variation_in_words_and_redo_puts_it_back() {
    let (mut app, row) = app_on(is_adult_cc_condition);
    vary(&mut app, "2026-12-11", "Course rescheduled by the provider");
    let asked = undo(&mut app);
    let kind = asked.trim_start_matches("Undo: variation of ").split(" for ").next().unwrap().to_string();
    assert!(asked.starts_with("Undo: variation of "), "{asked}");
    assert!(asked.contains(&format!(" for {}, new due date Fri 11 Dec 2026?", row.case_ref)), "{asked}");
    // Words, never the tables the change was kept in.
    assert!(!asked.contains('_') && !asked.contains("compliance event") && !asked.contains("related rows"), "{asked}");
    assert!(!kind.is_empty() && kind != "a condition", "the condition is named by its kind: {asked}");
    assert_eq!(app.store.deadline_condition_due(row.key.id).unwrap().unwrap().0, row.key.due_on);
    let (said, error) = status(&app);
    assert!(!error && said.starts_with("Undone: variation of "), "{said}");

    app.handle_key(ctrl('y'));
    let (said, error) = status(&app);
    assert!(!error && said.starts_with("Redone: variation of "), "{said}");
    assert_eq!(app.store.deadline_condition_due(row.key.id).unwrap().unwrap().0, d("2026-12-11"));
    assert!(app.store.check().unwrap().is_ok());

    // Undo reaches the redone change, and redo puts it back again.
    undo(&mut app);
    assert_eq!(app.store.deadline_condition_due(row.key.id).unwrap().unwrap().0, row.key.due_on);
    app.handle_key(ctrl('y'));
    assert_eq!(app.store.deadline_condition_due(row.key.id).unwrap().unwrap().0, d("2026-12-11"));
    app.handle_key(ctrl('y'));
    assert_eq!(status(&app), ("Nothing to redo.".to_string(), false));
}

#[test]
fn a_new_change_clears_what_redo_would_put_back() {
    let (mut app, row) = app_on(is_adult_cc_condition);
    vary(&mut app, "2026-12-11", "Course rescheduled by the provider");
    undo(&mut app);
    vary(&mut app, "2026-12-18", "Provider moved it again");
    app.handle_key(ctrl('y'));
    assert_eq!(status(&app), ("Nothing to redo.".to_string(), false));
    assert_eq!(app.store.deadline_condition_due(row.key.id).unwrap().unwrap().0, d("2026-12-18"));
}

#[test]
fn esc_on_the_question_leaves_the_change_as_it_is() {
    let (mut app, row) = app_on(is_adult_cc_condition);
    vary(&mut app, "2026-12-11", "Course rescheduled by the provider");
    app.apply(Action::Undo);
    assert!(prompt_open(&app));
    app.handle_key(key(KeyCode::Esc));
    assert_eq!(app.store.deadline_condition_due(row.key.id).unwrap().unwrap().0, d("2026-12-11"));
}

#[test]
fn the_rows_a_bulk_undo_brings_back_are_selected() {
    let mut app = super::deadlines_app();
    let rows: Vec<_> = all_rows(&app).into_iter().filter(is_adult_cc_condition).take(2).collect();
    tag(&mut app, &[&rows[0], &rows[1]]);
    app.apply(Action::Vary);
    app.handle_key(key(KeyCode::Char('y')));
    type_text(&mut app, "2026-12-11");
    app.handle_key(key(KeyCode::Tab));
    type_text(&mut app, "Provider closed for a fortnight");
    // The reason takes lines: Ctrl-S saves.
    app.handle_key(ctrl('s'));
    let (said, error) = status(&app);
    assert!(!error && said.starts_with("Saved: due date of 2 items varied"), "{said}");
    app.apply(Action::Bottom);
    let asked = undo(&mut app);
    assert!(asked.contains(", and 1 more like it?"), "{asked}");
    let line = selected_line(&mut app);
    assert!(line.contains(&rows[0].case_ref), "the first row brought back is selected, not: {line}");
}

/// Two rows next to each other varied together, the list scrolled away
/// and the tags cleared: undo brings both back into view, tagged (the
/// selection bulk actions take), with the cursor on the first.
#[test]
fn a_bulk_undo_scrolls_the_rows_back_into_view_and_tags_them() {
    let mut app = super::deadlines_app();
    let all = all_rows(&app);
    let at = all
        .windows(2)
        .position(|w| w.iter().all(is_adult_cc_condition) && w[0].case_ref != w[1].case_ref)
        .expect("the demo has two such rows together");
    let rows = [all[at].clone(), all[at + 1].clone()];
    tag(&mut app, &[&rows[0], &rows[1]]);
    app.apply(Action::Vary);
    app.handle_key(key(KeyCode::Char('y')));
    type_text(&mut app, "2026-12-11");
    app.handle_key(key(KeyCode::Tab));
    type_text(&mut app, "Provider closed for a fortnight");
    app.handle_key(ctrl('s'));
    assert!(!status(&app).1, "{:?}", status(&app));
    app.apply(Action::ClearTags);
    app.apply(Action::Bottom);
    undo(&mut app);
    let shown = crate::common::screen(&mut app, 100, 30);
    for row in &rows {
        let due = casedesk::domain::dates::day(row.key.due_on);
        let line = shown.lines().find(|l| l.contains(&row.case_ref) && l.contains(&due)).unwrap_or_default();
        assert!(line.contains('✓'), "{} is in view and tagged:\n{shown}", row.case_ref);
    }
    assert_eq!(shown.matches('✓').count(), 2, "only the rows brought back are tagged:\n{shown}");
    assert!(selected_line(&mut app).contains(&rows[0].case_ref), "the cursor is on the first:\n{shown}");
}
