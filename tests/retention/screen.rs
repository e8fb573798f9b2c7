//! The review from the Case screen: keep, erase after asking twice, and
//! why an open case has none.

use crate::common::{ctrl, key, screen, today, type_text};
use casedesk::store::Store;
use casedesk::tui::app::App;
use casedesk::tui::keymap::Keymap;
use casedesk::tui::overlay::Overlay;
use casedesk::tui::screens::{Effect, ScreenId};
use casedesk::tui::theme::MONOCHROME;
use crossterm::event::KeyCode;
use rusqlite::params;

use super::{audit_rows, count, demo_file, due_cases, sql};

fn app_over(store: Store) -> App {
    App::new(store, today(), Keymap::default(), MONOCHROME).unwrap()
}

fn open(app: &mut App, case_id: i64) {
    app.apply_effect(Effect::Focus { screen: ScreenId::Case, case_id, entity_id: None });
    assert_eq!(app.current, ScreenId::Case);
}

fn status(app: &App) -> (String, bool) {
    app.status.clone().unwrap_or_default()
}

#[test]
fn r_on_a_due_case_keeps_it_with_a_reason_and_the_default_next_review() {
    let (_dir, path, store) = demo_file(40);
    let conn = sql(&path);
    let case_id = due_cases(&conn, "%")[0];
    let mut app = app_over(store);
    open(&mut app, case_id);
    assert!(screen(&mut app, 100, 30).contains("retention review"));
    app.handle_key(key(KeyCode::Char('r')));
    let text = screen(&mut app, 100, 30);
    assert!(text.contains("Retention review of") && text.contains("Sat 20 Nov 2032"), "{text}");
    // The reason is required.
    app.handle_key(key(KeyCode::Enter));
    assert!(matches!(app.overlay, Some(Overlay::Prompt(_))));
    app.handle_key(key(KeyCode::Tab));
    type_text(&mut app, "Civil claim pending");
    app.handle_key(ctrl('s'));
    let (message, error) = status(&app);
    assert!(!error && message.contains("next retention review 2032-11-20"), "{message}");
    let due: String =
        conn.query_row("SELECT review_due FROM retention WHERE case_id = ?1", params![case_id], |r| r.get(0)).unwrap();
    assert_eq!(due, "2032-11-20");
}

#[test]
fn r_then_erase_asks_again_and_n_changes_nothing_y_erases_u_refuses() {
    let (_dir, path, store) = demo_file(40);
    let conn = sql(&path);
    let case_id = due_cases(&conn, "%")[0];
    let reference: String =
        conn.query_row("SELECT ref FROM case_file WHERE id = ?1", params![case_id], |r| r.get(0)).unwrap();
    let mut app = app_over(store);
    open(&mut app, case_id);
    let erase_prompt = |app: &mut App| {
        app.handle_key(key(KeyCode::Char('r')));
        app.handle_key(key(KeyCode::Right)); // Keep → Erase personal data
        app.handle_key(key(KeyCode::Tab));
        type_text(app, "No longer needed");
        app.handle_key(ctrl('s'));
    };
    erase_prompt(&mut app);
    let text = screen(&mut app, 100, 30);
    let question = format!("Erase the personal data of {reference}? This cannot be undone.");
    assert!(text.contains(&question), "{text}");
    let before = audit_rows(&conn);
    app.handle_key(key(KeyCode::Char('n')));
    assert!(app.overlay.is_none());
    assert_eq!(audit_rows(&conn), before, "n writes nothing");

    erase_prompt(&mut app);
    app.handle_key(key(KeyCode::Char('y')));
    let (message, error) = status(&app);
    assert!(!error && message.starts_with("Erased:"), "{message}");
    let text = screen(&mut app, 100, 30);
    assert!(text.contains("Erased"), "{text}");
    let left = count(
        &conn,
        "SELECT COUNT(*) FROM person p JOIN case_party c ON c.person_id = p.id
         WHERE c.case_id = ?1 AND p.family_name <> 'Erased'",
        case_id,
    );
    assert_eq!(left, 0);

    // u refuses, and the names stay erased.
    app.handle_key(key(KeyCode::Char('u')));
    let (message, error) = status(&app);
    assert!(error && message.contains("cannot be undone"), "{message}");
    assert_eq!(count(&conn, "SELECT COUNT(*) FROM person p JOIN case_party c ON c.person_id = p.id WHERE c.case_id = ?1 AND p.family_name <> 'Erased'", case_id), 0);

    // A second review says it is done.
    app.handle_key(key(KeyCode::Char('r')));
    assert!(status(&app).0.contains("already been erased"));
}

#[test]
fn r_on_an_open_case_says_why_there_is_no_review() {
    let (_dir, path, store) = demo_file(20);
    let conn = sql(&path);
    let open_case: i64 =
        conn.query_row("SELECT id FROM case_file WHERE status <> 'closed' LIMIT 1", [], |r| r.get(0)).unwrap();
    let mut app = app_over(store);
    open(&mut app, open_case);
    app.handle_key(key(KeyCode::Char('r')));
    let (message, error) = status(&app);
    assert!(error && message.contains("not closed"), "{message}");
    assert!(app.overlay.is_none());
}
