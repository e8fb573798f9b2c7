//! Varying a due date, its time limits and the reason kept.

use crate::common::{ctrl, key, today, type_text};
use casedesk::tui::action::Action;
use crossterm::event::KeyCode;

use super::{
    app_on, clear_field, d, deadlines_app, find_row, is_adult_cc_condition, is_item, prompt_open, status, tag, vary,
};

#[test]
fn vary_a_condition_with_a_reason() {
    let (mut app, row) = app_on(is_adult_cc_condition);
    vary(&mut app, "2026-12-11", "Course rescheduled by the provider");
    let (text, is_error) = status(&app);
    assert!(!is_error && text.starts_with("Saved: due date of 1 item varied to Fri 11 Dec 2026."), "{text}");
    assert_eq!(app.store.deadline_condition_due(row.key.id).unwrap().unwrap(), (d("2026-12-11"), "varied".to_string()));
}

/// Issue 13 changed this: a date past the 2013 Code's limits (§2.4) was
/// saved with a warning; now it is refused, the form kept, until a reason
/// for going beyond the limit is given, and then it warns.
#[test]
fn a_date_beyond_the_time_limit_needs_a_reason_and_then_warns() {
    let (mut app, row) = app_on(is_adult_cc_condition);
    vary(&mut app, "2027-11-19", "Offender in hospital long term");
    let (text, is_error) = status(&app);
    assert!(is_error && text.contains("weeks") && text.contains("give a reason"), "{text}");
    assert!(prompt_open(&app), "the refused form stays to be put right");
    assert_eq!(app.store.deadline_condition_due(row.key.id).unwrap().unwrap().0, row.key.due_on);
    app.handle_key(key(KeyCode::Tab));
    type_text(&mut app, "Long-term hospital stay; decision maker agreed");
    app.handle_key(ctrl('s'));
    let (text, is_error) = status(&app);
    assert!(!is_error && text.contains("Warning:") && text.contains("reason recorded"), "{text}");
    assert_eq!(app.store.deadline_condition_due(row.key.id).unwrap().unwrap().0, d("2027-11-19"));
}

#[test]
fn a_past_date_or_a_missing_reason_is_refused() {
    let (mut app, row) = app_on(is_adult_cc_condition);
    app.apply(Action::Vary);
    app.handle_key(key(KeyCode::Tab));
    app.handle_key(ctrl('s'));
    assert!(prompt_open(&app), "the reason is required: the prompt stays");
    // Past the reason for going beyond the time limit, back to the date.
    app.handle_key(key(KeyCode::Tab));
    app.handle_key(key(KeyCode::Tab));
    clear_field(&mut app);
    type_text(&mut app, "2026-11-01");
    app.handle_key(key(KeyCode::Tab));
    type_text(&mut app, "typo");
    app.handle_key(ctrl('s'));
    let (text, is_error) = status(&app);
    assert!(is_error && text.contains("before today"), "{text}");
    assert_eq!(app.store.deadline_condition_due(row.key.id).unwrap().unwrap().0, row.key.due_on);
}

#[test]
fn vary_an_agreement_item_keeps_the_reason_in_the_audit_log() {
    let (mut app, row) = app_on(is_item);
    vary(&mut app, "2026-12-04", "Harmed party asked for more time");
    assert!(!status(&app).1, "{:?}", app.status);
    assert_eq!(app.store.deadline_item_due(row.key.id).unwrap().unwrap(), (d("2026-12-04"), "open".to_string()));
    let reasons = app.store.deadline_item_variation_reasons(row.key.id).unwrap();
    assert!(reasons.iter().any(|r| r.ends_with("Harmed party asked for more time")), "{reasons:?}");
    // Undo puts the old date back.
    crate::common::undo(&mut app);
    assert_eq!(app.store.deadline_item_due(row.key.id).unwrap().unwrap().0, row.key.due_on);
}

#[test]
fn one_refused_item_leaves_every_tagged_item_unchanged() {
    let mut app = deadlines_app();
    let first = find_row(&app, is_adult_cc_condition);
    let second = find_row(&app, |r| is_adult_cc_condition(r) && r.key != first.key);
    tag(&mut app, &[&first, &second]);
    // The second is completed elsewhere before the variation is saved.
    app.store.write(|tx| tx.complete_condition(second.key.id, today(), "done elsewhere")).unwrap();
    app.apply(Action::Vary);
    app.handle_key(key(KeyCode::Char('y')));
    type_text(&mut app, "2026-12-11");
    app.handle_key(key(KeyCode::Tab));
    type_text(&mut app, "Provider closed for a week");
    app.handle_key(ctrl('s'));
    let (text, is_error) = status(&app);
    assert!(is_error && text.contains("nothing changed") && text.contains(&second.case_ref), "{text}");
    assert_eq!(app.store.deadline_condition_due(first.key.id).unwrap().unwrap().0, first.key.due_on);
}

/// Issue 13: the time limit holds on a bulk variation as on one item; the
/// reason given once is kept on each.
#[test]
fn tagged_items_varied_past_the_time_limit_need_a_reason() {
    let mut app = deadlines_app();
    let first = find_row(&app, is_adult_cc_condition);
    let second = find_row(&app, |r| is_adult_cc_condition(r) && r.key != first.key);
    tag(&mut app, &[&first, &second]);
    app.apply(Action::Vary);
    app.handle_key(key(KeyCode::Char('y')));
    type_text(&mut app, "2027-11-19");
    app.handle_key(key(KeyCode::Tab));
    type_text(&mut app, "Offender abroad for work");
    app.handle_key(ctrl('s'));
    let (text, is_error) = status(&app);
    assert!(is_error && text.contains("nothing changed") && text.contains("give a reason"), "{text}");
    for row in [&first, &second] {
        assert_eq!(app.store.deadline_condition_due(row.key.id).unwrap().unwrap().0, row.key.due_on);
    }
    app.handle_key(key(KeyCode::Tab));
    type_text(&mut app, "Contract abroad agreed by the decision maker");
    app.handle_key(ctrl('s'));
    let (text, is_error) = status(&app);
    assert!(!is_error && text.contains("varied to Fri 19 Nov 2027") && text.contains("Warning:"), "{text}");
    for row in [&first, &second] {
        assert_eq!(app.store.deadline_condition_due(row.key.id).unwrap().unwrap().0, d("2027-11-19"));
    }
}

/// Issue 16 §6: the refusal of a date past the time limit was cut off at
/// the edge of the form at 120 columns; it wraps, and every word is shown.
#[test]
fn the_refusal_past_the_time_limit_is_shown_whole_at_120_columns() {
    let (mut app, _row) = app_on(is_adult_cc_condition);
    vary(&mut app, "2027-09-01", "Provider closed");
    let problem = match &app.overlay {
        Some(casedesk::tui::overlay::Overlay::Prompt(p)) => p.problem.clone().expect("the form says why"),
        _ => panic!("the form closed: {:?}", app.status),
    };
    let shown = crate::common::screen(&mut app, 120, 40);
    // The form's text, row by row, between its borders.
    let lines: Vec<Vec<char>> = shown.lines().map(|l| l.chars().collect()).collect();
    let top = lines.iter().position(|l| l.iter().collect::<String>().contains("┌ Vary")).expect("the form");
    let left = lines[top].iter().position(|c| *c == '┌').unwrap();
    let right = left + lines[top][left..].iter().position(|c| *c == '┐').unwrap();
    let inside: Vec<String> = lines[top + 1..]
        .iter()
        .take_while(|l| l.get(left) == Some(&'│'))
        .map(|l| l[left + 1..right].iter().collect::<String>().trim().to_string())
        .collect();
    let words = |t: &str| t.split_whitespace().map(str::to_string).collect::<Vec<_>>().join(" ");
    assert!(words(&inside.join(" ")).contains(&words(&problem)), "cut off:\n{problem}\n{shown}");
}
