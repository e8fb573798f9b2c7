//! A date typed for a day ahead that is no working day is flagged beside
//! the field where it is entered (issue 13 §5): the day, and the bank
//! holiday or weekend it falls on. A warning, never a refusal: a due date
//! on such a day is asked about once, with the next working day, and then
//! saved as typed (DOMAIN.md §11 flags a deadline, never moves it).

mod common;

use casedesk::tui::action::Action;
use casedesk::tui::app::App;
use casedesk::tui::overlay::Overlay;
use common::{ctrl, demo_app, key, screen, type_text};
use crossterm::event::KeyCode;

/// The Vary prompt of the first row on Deadlines, its date typed.
fn vary_typed(date: &str) -> App {
    let mut app = demo_app(100);
    app.apply(Action::ScreenDeadlines);
    app.apply(Action::Vary);
    assert!(matches!(app.overlay, Some(Overlay::Prompt(_))), "the Vary prompt opens");
    for _ in 0..10 {
        app.handle_key(key(KeyCode::Backspace));
    }
    type_text(&mut app, date);
    app
}

#[test]
fn a_bank_holiday_is_named_beside_the_date() {
    let mut app = vary_typed("2026-12-25");
    // The prompt's line is too short for "= Fri 25 Dec 2026 — a bank
    // holiday (Christmas Day)", so the note is said in brief, not cut short.
    let shown = screen(&mut app, 80, 24);
    assert!(shown.contains("= Fri 25 Dec — Christmas Day"), "{shown}");
    insta::assert_snapshot!("vary_on_christmas_day_80x24", shown);
}

#[test]
fn a_weekend_is_named_and_a_working_day_is_not_flagged() {
    let mut app = vary_typed("sat");
    let shown = screen(&mut app, 80, 24);
    assert!(shown.contains("= Sat 21 Nov 2026 — a Saturday"), "{shown}");
    let mut app = vary_typed("2026-12-29");
    let shown = screen(&mut app, 80, 24);
    assert!(!shown.contains("2026 —"), "Tuesday 29 December is a working day:\n{shown}");
}

#[test]
fn the_flag_warns_the_save_asks_once_and_the_date_is_saved_as_typed() {
    let mut app = vary_typed("2026-12-28");
    let shown = screen(&mut app, 80, 24);
    assert!(shown.contains("= Mon 28 Dec — Boxing Day"), "{shown}");
    app.handle_key(key(KeyCode::Tab));
    type_text(&mut app, "Provider closed until the new year");
    app.handle_key(ctrl('s'));
    let Some(Overlay::Prompt(prompt)) = app.overlay.as_ref() else { panic!("the save asks first") };
    let asked = prompt.problem.clone().unwrap_or_default();
    assert!(asked.contains("the next working day is Tue 29 Dec 2026"), "{asked}");
    app.handle_key(ctrl('s'));
    let (text, is_error) = app.status.clone().unwrap_or_default();
    assert!(!is_error && text.contains("varied to Mon 28 Dec 2026"), "{text}");
}
