//! Adding a condition: caps, due dates, and cases that take none.

use crate::common::{ctrl, key, type_text};
use casedesk::domain::status::DisposalType;
use casedesk::tui::app::App;
use crossterm::event::KeyCode;

use super::{find_case, open, opened_oocd, opened_rj, status};

#[test]
fn a_blocking_cap_refuses_the_condition_with_its_reason() {
    let (mut app, case_id) = opened_oocd(DisposalType::AdultConditionalCaution, &["issued", "active"]);
    app.handle_key(key(KeyCode::Char('a')));
    type_text(&mut app, "u"); // Unpaid work: reparation by default, so it counts towards the 20 h cap
    app.handle_key(key(KeyCode::Tab));
    app.handle_key(key(KeyCode::Tab));
    type_text(&mut app, "Clean the underpass");
    app.handle_key(key(KeyCode::Tab));
    app.handle_key(key(KeyCode::Tab));
    type_text(&mut app, "25");
    app.handle_key(key(KeyCode::Enter));
    let (message, error) = status(&app);
    assert!(error, "{message}");
    assert!(message.starts_with("Not saved:") && message.contains("20 h"), "{message}");
    assert_eq!(app.store.case_condition_count(case_id).unwrap(), 0);
}

#[test]
fn a_due_date_before_the_issue_is_refused_and_a_late_one_warns() {
    let (mut app, case_id) = opened_oocd(DisposalType::AdultConditionalCaution, &["issued", "active"]);
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
    assert_eq!(app.store.case_condition_count(case_id).unwrap(), 0);
    // 18 weeks: past the 16-week normal limit (a partial rule, so it warns).
    fill(&mut app, "2027-02-08");
    let (message, error) = status(&app);
    assert!(!error && message.starts_with("Saved:") && message.contains("Warning:"), "{message}");
    assert_eq!(app.store.case_condition_count(case_id).unwrap(), 1);
}

#[test]
fn conditions_are_refused_on_rj_and_closed_cases() {
    let mut app = opened_rj();
    app.handle_key(key(KeyCode::Char('a')));
    let (message, error) = status(&app);
    assert!(error && message.contains("Agreements"), "{message}");
    assert!(app.overlay.is_none());
    let closed = find_case(&app, |r| r.service == "oocd" && r.status == "closed").case_id;
    open(&mut app, closed);
    app.handle_key(key(KeyCode::Char('a')));
    let (message, error) = status(&app);
    assert!(error && message.contains("closed"), "{message}");
    assert!(app.overlay.is_none());
}
