//! Text goes where it is typed (issue 16 §1): a paste goes whole into the
//! field with the cursor, line breaks kept in the fields of several lines
//! (notes, reasons), where Enter starts a new line and Ctrl-S saves.

mod common;

use casedesk::tui::action::Action;
use casedesk::tui::overlay::Overlay;
use casedesk::tui::screens::ScreenId;
use common::{ctrl, demo_app, empty_app, key, screen, type_text};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

const EMAIL: &str = "Fence panels broken on 14 Nov.\nHarmed party prefers a call after 5pm.\nMother\tattends.";

fn tab(app: &mut casedesk::tui::app::App, times: usize) {
    for _ in 0..times {
        app.handle_key(key(KeyCode::Tab));
    }
}

/// Intake with a referral's must-haves typed, the cursor in Notes.
fn intake_at_notes() -> casedesk::tui::app::App {
    let mut app = empty_app();
    app.apply(Action::ScreenIntake);
    // To the referrer, past the received and reported dates.
    tab(&mut app, 4);
    type_text(&mut app, "PC Łucja Nowak");
    tab(&mut app, 2);
    type_text(&mut app, "CR/778899/26");
    tab(&mut app, 1);
    type_text(&mut app, "Criminal damage to a shop window");
    tab(&mut app, 9);
    app
}

#[test]
fn an_email_pasted_into_intake_notes_stays_in_notes() {
    let mut app = intake_at_notes();
    app.handle_paste(EMAIL);
    let shown = screen(&mut app, 80, 24);
    insta::assert_snapshot!("intake_notes_pasted_80x24", shown);
    // Enter starts another line in Notes; ↓ from the last line goes on to Person 1.
    app.handle_key(key(KeyCode::Enter));
    type_text(&mut app, "Call first.");
    app.handle_key(key(KeyCode::Down));
    type_text(&mut app, "Siobhán");
    tab(&mut app, 1);
    type_text(&mut app, "Ní Bhriain");
    app.handle_key(ctrl('s'));
    let (text, is_error) = app.status.clone().unwrap();
    assert!(!is_error, "{text}");
    let saved = app.store.saved_intake("RJ-2026-0001").unwrap().expect("the case");
    assert_eq!(saved.notes.as_deref(), Some(format!("{EMAIL}\nCall first.").as_str()));
    let person = &saved.parties[0];
    assert_eq!((person.given_names.as_str(), person.family_name.as_str()), ("Siobhán", "Ní Bhriain"));
}

#[test]
fn a_paste_into_a_one_line_intake_field_is_one_line() {
    let mut app = empty_app();
    app.apply(Action::ScreenIntake);
    // To the referrer, past the received and reported dates.
    tab(&mut app, 4);
    app.handle_paste("PC Łucja Nowak\nNeighbourhood team");
    tab(&mut app, 2);
    type_text(&mut app, "CR/778899/26");
    tab(&mut app, 1);
    type_text(&mut app, "Criminal damage");
    app.handle_key(ctrl('s'));
    let saved = app.store.saved_intake("RJ-2026-0001").unwrap().expect("the case");
    assert_eq!(saved.referrer_name.as_deref(), Some("PC Łucja Nowak Neighbourhood team"));
    assert_eq!(app.current, ScreenId::Intake);
}

/// The Vary prompt of Deadlines' first row, a new date and `reason` pasted.
fn vary_pasted(reason: &str) -> casedesk::tui::app::App {
    let mut app = demo_app(100);
    app.apply(Action::ScreenDeadlines);
    app.apply(Action::Vary);
    app.handle_paste("18/12/2026");
    tab(&mut app, 1);
    app.handle_paste(reason);
    app
}

/// The Vary prompt's reason takes several lines: Enter there is a new
/// line, and Ctrl-S (or Alt-Enter) saves.
#[test]
fn a_reason_of_several_lines_is_saved_with_ctrl_s() {
    let mut app = vary_pasted("Provider closed.\nCourse moved to the new year.");
    app.handle_key(key(KeyCode::Enter));
    type_text(&mut app, "Agreed by phone.");
    let shown = screen(&mut app, 80, 24);
    assert!(shown.contains("Ctrl-S save · Enter new line"), "{shown}");
    insta::assert_snapshot!("vary_reason_lines_80x24", shown);
    assert!(matches!(app.overlay, Some(Overlay::Prompt(_))), "Enter kept the prompt open");
    app.handle_key(ctrl('s'));
    assert!(app.overlay.is_none(), "Ctrl-S saved");
    let (text, is_error) = app.status.clone().unwrap();
    assert!(!is_error && text.contains("varied to Fri 18 Dec 2026"), "{text}");
}

#[test]
fn alt_enter_saves_from_a_field_of_several_lines() {
    let mut app = vary_pasted("Provider closed.");
    app.handle_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::ALT));
    assert!(app.overlay.is_none(), "Alt-Enter saved");
}

/// Search takes a paste as its query, on one line.
#[test]
fn a_paste_into_search_searches_for_it() {
    let mut app = demo_app(30);
    app.apply(Action::Search);
    app.handle_paste("RJ-2026\n");
    let Some(Overlay::Search(search)) = &app.overlay else { panic!("search is open") };
    assert_eq!(search.input.value(), "RJ-2026 ");
    assert!(!search.hits.is_empty(), "the paste was searched for");
}
