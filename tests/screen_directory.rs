//! The Directory screen: every kind listed with the selected entry's
//! details beside it, one kind at a time with `f`, names found as loosely
//! spelt with `n`, and entries added, edited, given rooms and retired by
//! keyboard alone, each change undone with the desk's undo. Snapshots at
//! 100×30 and 80×24 over demo data on a fixed date.

mod common;

use casedesk::domain::directory::{DirectoryKind, Training};
use casedesk::store::NewDirectoryEntry;
use casedesk::tui::app::App;
use casedesk::tui::screens::ScreenId;
use common::{demo_app, empty_app, key, screen, type_text};
use crossterm::event::KeyCode;

fn directory_app(app: App) -> App {
    let mut app = app;
    app.handle_key(key(KeyCode::Char('8')));
    assert_eq!(app.current, ScreenId::Directory);
    app
}

fn press(app: &mut App, keys: &str) {
    for c in keys.chars() {
        app.handle_key(key(KeyCode::Char(c)));
    }
}

fn names(app: &App) -> Vec<String> {
    app.store.directory(None).unwrap().into_iter().map(|e| e.name).collect()
}

#[test]
fn every_kind_100x30() {
    let mut app = directory_app(demo_app(40));
    insta::assert_snapshot!("every_kind_100x30", screen(&mut app, 100, 30));
}

#[test]
fn facilitators_80x24() {
    let mut app = directory_app(demo_app(40));
    press(&mut app, "ff");
    insta::assert_snapshot!("facilitators_80x24", screen(&mut app, 80, 24));
}

#[test]
fn a_venue_with_its_rooms_80x24() {
    let mut app = directory_app(demo_app(40));
    press(&mut app, "ffff");
    insta::assert_snapshot!("venue_80x24", screen(&mut app, 80, 24));
}

#[test]
fn empty_100x30_and_80x24() {
    let mut app = directory_app(empty_app());
    insta::assert_snapshot!("empty_100x30", screen(&mut app, 100, 30));
    insta::assert_snapshot!("empty_80x24", screen(&mut app, 80, 24));
}

#[test]
fn add_prompt_80x24() {
    let mut app = directory_app(demo_app(40));
    press(&mut app, "ff");
    press(&mut app, "a");
    insta::assert_snapshot!("add_facilitator_80x24", screen(&mut app, 80, 24));
}

#[test]
fn a_facilitator_is_added_found_loosely_spelt_edited_retired_and_undone_by_keyboard() {
    let mut app = directory_app(empty_app());
    // With every kind shown, `a` asks the kind first: Facilitator is the second.
    press(&mut app, "a");
    app.handle_key(key(KeyCode::Right));
    app.handle_key(key(KeyCode::Enter));
    type_text(&mut app, "Zoë Nowak");
    for _ in 0..3 {
        app.handle_key(key(KeyCode::Tab));
    }
    app.handle_key(key(KeyCode::Char(' ')));
    app.handle_key(key(KeyCode::Enter));
    let shown = app.store.directory(Some(DirectoryKind::Facilitator)).unwrap();
    assert_eq!(shown.len(), 1, "{}", screen(&mut app, 80, 24));
    assert_eq!((shown[0].name.as_str(), shown[0].trained_in.as_slice()), ("Zoë Nowak", &[Training::Conference][..]));

    press(&mut app, "n");
    type_text(&mut app, "zoe");
    app.handle_key(key(KeyCode::Enter));
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("name: \"zoe\"") && text.contains("Zoë Nowak"), "{text}");

    press(&mut app, "e");
    app.handle_key(key(KeyCode::Tab));
    type_text(&mut app, "zoe@volunteers.example.org");
    app.handle_key(key(KeyCode::Enter));
    let edited = app.store.directory(Some(DirectoryKind::Facilitator)).unwrap();
    assert_eq!(edited[0].email.as_deref(), Some("zoe@volunteers.example.org"));
    assert_eq!(edited[0].trained_in, [Training::Conference], "the edit keeps what it did not change");

    press(&mut app, "x");
    app.handle_key(key(KeyCode::Enter));
    assert!(!app.store.directory(None).unwrap()[0].active, "retired");
    assert!(screen(&mut app, 80, 24).contains("retired"));
    press(&mut app, "u");
    assert!(app.overlay.is_some(), "undo asks first: {:?}", app.status);
    app.handle_key(key(KeyCode::Enter));
    assert!(app.store.directory(None).unwrap()[0].active, "undo brings them back");
    assert_eq!(names(&app), ["Zoë Nowak"], "retired, never deleted");
}

#[test]
fn a_venue_gets_a_room_and_a_bad_capacity_keeps_the_form() {
    let mut app = directory_app(empty_app());
    press(&mut app, "ffff");
    press(&mut app, "a");
    type_text(&mut app, "Town Hall");
    app.handle_key(key(KeyCode::Enter));
    press(&mut app, "r");
    type_text(&mut app, "Main hall");
    app.handle_key(key(KeyCode::Tab));
    type_text(&mut app, "lots");
    app.handle_key(key(KeyCode::Enter));
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("Add a room to Town Hall") && text.contains("a number of 0 or more"), "{text}");
    for _ in 0..4 {
        app.handle_key(key(KeyCode::Backspace));
    }
    type_text(&mut app, "40");
    app.handle_key(key(KeyCode::Enter));
    let venues = app.store.directory(Some(DirectoryKind::Venue)).unwrap();
    assert_eq!((venues[0].rooms.len(), venues[0].rooms[0].capacity), (1, Some(40)));
    assert!(screen(&mut app, 80, 24).contains("Main hall (40 people)"));
}

#[test]
fn a_vetting_to_renew_is_on_today_and_enter_opens_the_facilitator_in_the_directory() {
    let mut app = demo_app(40);
    app.handle_key(key(KeyCode::End));
    let shown = screen(&mut app, 80, 24);
    insta::assert_snapshot!("today_vetting_80x24", shown);
    assert!(shown.contains("Facilitators' vetting to renew") && shown.contains("runs out"), "{shown}");
    app.handle_key(key(KeyCode::Char('l')));
    assert!(screen(&mut app, 80, 24).contains("concerns no case"), "no contact is logged against no case");
    app.handle_key(key(KeyCode::Enter));
    assert_eq!(app.current, ScreenId::Directory);
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("Showing facilitators") && text.contains("┌ Hannah Oyelaran"), "{text}");
}

// ===================================================================== the caseload view

#[test]
fn the_caseload_lists_each_coordinators_open_cases_oldest_first_and_enter_opens_one() {
    let mut app = directory_app(demo_app(60));
    // The first coordinator holds more than a maximum of 2.
    let loads = app.store.caseloads().unwrap();
    let first = loads[0].clone();
    assert!(first.open_cases() > 2, "{first:?}");
    let name = first.name.clone();
    let entry = NewDirectoryEntry { name: name.clone(), max_caseload: Some(2), ..Default::default() };
    app.store.write(|tx| tx.edit_directory_entry(DirectoryKind::Coordinator, first.coordinator_id, &entry)).unwrap();
    press(&mut app, "c");
    let text = screen(&mut app, 100, 30);
    assert!(text.contains("Caseload: open cases per coordinator"), "{text}");
    let row = text.lines().find(|l| l.contains(&format!("▶ {name}"))).unwrap();
    assert!(row.contains("over max") && row.contains(" 2 "), "{row}");
    assert!(text.contains(&format!("{name}: {} open, oldest first", first.open_cases())), "{text}");
    let cases = app.store.coordinator_cases(first.coordinator_id, 500).unwrap();
    assert!(cases.windows(2).all(|w| w[0].received_on <= w[1].received_on), "oldest first");
    insta::assert_snapshot!("caseload_100x30", text);
    insta::assert_snapshot!("caseload_80x24", screen(&mut app, 80, 24));

    // Enter moves into the list, down one, Enter opens that case.
    app.handle_key(key(KeyCode::Enter));
    app.handle_key(key(KeyCode::Down));
    app.handle_key(key(KeyCode::Enter));
    assert_eq!(app.current, ScreenId::Case);
    let case = screen(&mut app, 100, 30);
    assert!(case.contains(&cases[1].reference) && case.contains(&format!("Coordinator: {name}")), "{case}");
}

#[test]
fn esc_leaves_the_caseload_for_the_directory() {
    let mut app = directory_app(demo_app(40));
    press(&mut app, "c");
    app.handle_key(key(KeyCode::Enter));
    app.handle_key(key(KeyCode::Esc));
    assert!(screen(&mut app, 100, 30).contains("Caseload: open cases"), "esc first leaves the cases list");
    app.handle_key(key(KeyCode::Esc));
    let text = screen(&mut app, 100, 30);
    assert!(!text.contains("Caseload: open cases") && text.contains("Directory ("), "{text}");
}
