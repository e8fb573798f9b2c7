//! Adding a condition: caps, due dates, and cases that take none.

use crate::common::{ctrl, key, screen, type_text};
use casedesk::domain::status::DisposalType;
use casedesk::tui::app::App;
use casedesk::tui::overlay::Overlay;
use crossterm::event::KeyCode;

use super::{find_case, open, opened_oocd, opened_rj, status};

/// Open the condition form, choose the kind by its first letter and type
/// the description.
fn start_condition(app: &mut App, kind: &str, description: &str) {
    app.handle_key(key(KeyCode::Char('a')));
    type_text(app, kind);
    app.handle_key(key(KeyCode::Tab));
    app.handle_key(key(KeyCode::Tab));
    type_text(app, description);
}

#[test]
fn a_blocking_cap_refuses_the_condition_with_its_reason() {
    let (mut app, case_id) = opened_oocd(DisposalType::AdultConditionalCaution, &["issued", "active"]);
    // The condition agreed when the caution was issued.
    let agreed = app.store.case_condition_count(case_id).unwrap();
    // Unpaid work: reparation by default, so it counts towards the 20 h cap.
    start_condition(&mut app, "u", "Clean the underpass");
    app.handle_key(key(KeyCode::Tab));
    app.handle_key(key(KeyCode::Tab));
    type_text(&mut app, "25");
    app.handle_key(key(KeyCode::Enter));
    let (message, error) = status(&app);
    assert!(error, "{message}");
    assert!(message.starts_with("Not saved:") && message.contains("20 h"), "{message}");
    assert_eq!(app.store.case_condition_count(case_id).unwrap(), agreed);
}

/// The typed values of the open prompt, or None when no prompt is open.
fn typed(app: &App) -> Option<Vec<String>> {
    match &app.overlay {
        Some(Overlay::Prompt(p)) => Some(p.form.values()),
        _ => None,
    }
}

/// A save refused (here a cap: £300 is over the adult caution's penalty
/// cap) kept nothing typed: the form closed.
#[test]
fn a_refused_condition_keeps_the_form_open_with_what_was_typed() {
    let (mut app, case_id) = opened_oocd(DisposalType::AdultConditionalCaution, &["issued", "active"]);
    // The condition agreed when the caution was issued.
    let agreed = app.store.case_condition_count(case_id).unwrap();
    start_condition(&mut app, "f", "Pay for the broken window"); // Financial penalty
    for _ in 0..3 {
        app.handle_key(key(KeyCode::Tab));
    }
    type_text(&mut app, "300");
    app.handle_key(key(KeyCode::Enter));
    let (message, error) = status(&app);
    assert!(error && message.starts_with("Not saved:"), "{message}");
    let values = typed(&app).expect("the form stays open");
    assert_eq!(values[0], "financial_penalty");
    assert_eq!(values[2], "Pay for the broken window");
    assert_eq!(values[5], "300");
    assert_eq!(app.store.case_condition_count(case_id).unwrap(), agreed);
    // Corrected in place, it saves.
    app.handle_key(ctrl('u'));
    type_text(&mut app, "50");
    app.handle_key(key(KeyCode::Enter));
    let (message, error) = status(&app);
    assert!(!error, "{message}");
    assert!(typed(&app).is_none());
    assert_eq!(app.store.case_condition_count(case_id).unwrap(), agreed + 1);
}

#[test]
fn a_due_date_before_the_issue_is_refused_and_a_late_one_warns() {
    let (mut app, case_id) = opened_oocd(DisposalType::AdultConditionalCaution, &["issued", "active"]);
    // The condition agreed when the caution was issued.
    let agreed = app.store.case_condition_count(case_id).unwrap();
    let fill = |app: &mut App, due: &str| {
        app.handle_key(key(KeyCode::Char('a')));
        for _ in 0..2 {
            app.handle_key(key(KeyCode::Tab));
        }
        type_text(app, "Attend the victim awareness course");
        for _ in 0..4 {
            app.handle_key(key(KeyCode::Tab));
        }
        app.handle_key(ctrl('u'));
        type_text(app, due);
        app.handle_key(key(KeyCode::Enter));
    };
    fill(&mut app, "2026-10-01");
    let (message, error) = status(&app);
    assert!(error && message.contains("before the issue date"), "{message}");
    assert_eq!(app.store.case_condition_count(case_id).unwrap(), agreed);
    // The refused form stays open with what was typed; start afresh.
    assert!(typed(&app).is_some_and(|v| v[6] == "2026-10-01"));
    app.handle_key(key(KeyCode::Esc));
    // 18 weeks: past the 16-week normal limit (a partial rule, so it warns).
    fill(&mut app, "2027-02-08");
    let (message, error) = status(&app);
    assert!(!error && message.starts_with("Saved:") && message.contains("Warning:"), "{message}");
    assert_eq!(app.store.case_condition_count(case_id).unwrap(), agreed + 1);
}

#[test]
fn conditions_are_refused_on_rj_and_closed_cases() {
    let mut app = opened_rj();
    app.handle_key(key(KeyCode::Char('a')));
    let (message, error) = status(&app);
    assert!(error && message.contains("Agreements"), "{message}");
    assert!(app.overlay.is_none());
    let closed = find_case(&app, |r| r.service.as_str() == "oocd" && r.status.as_str() == "closed").case_id;
    open(&mut app, closed);
    app.handle_key(key(KeyCode::Char('a')));
    let (message, error) = status(&app);
    assert!(error && message.contains("closed"), "{message}");
    assert!(app.overlay.is_none());
}

/// A condition due on Christmas Day ("+5w" from Friday 20 November): the
/// day is flagged beside the field, the save asks once with the next
/// working day, and Enter again keeps the date as typed.
#[test]
fn a_condition_due_on_a_bank_holiday_asks_once_then_keeps_the_date() {
    let (mut app, case_id) = opened_oocd(DisposalType::AdultConditionalCaution, &["issued", "active"]);
    let before = app.store.case_condition_count(case_id).unwrap();
    start_condition(&mut app, "l", "Write to the neighbour"); // Letter of apology
    for _ in 0..4 {
        app.handle_key(key(KeyCode::Tab));
    }
    type_text(&mut app, "+5w");
    assert!(screen(&mut app, 80, 24).contains("= Fri 25 Dec — Christmas Day"));
    app.handle_key(key(KeyCode::Enter));
    let Some(Overlay::Prompt(prompt)) = app.overlay.as_ref() else { panic!("the save asks first") };
    let asked = prompt.problem.clone().unwrap_or_default();
    assert!(
        asked.contains("Fri 25 Dec 2026 is a bank holiday (Christmas Day); the next working day is Tue 29 Dec 2026"),
        "{asked}"
    );
    assert_eq!(app.store.case_condition_count(case_id).unwrap(), before, "nothing saved yet");
    app.handle_key(key(KeyCode::Enter));
    let (message, error) = status(&app);
    assert!(!error && message.ends_with("due Fri 25 Dec 2026."), "{message}");
    assert_eq!(app.store.case_condition_count(case_id).unwrap(), before + 1);
}
