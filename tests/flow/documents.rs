//! Documents on file as a user meets them (issue 14 §7): on a new desk, a
//! referral is logged, a document is attached to it from the Case screen (its
//! path pasted with the quotes a file manager adds, and a title), listed on
//! the timeline, and opened with Enter: the system's opener is replaced by a
//! hook, so no program is launched, and the opening is audited.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::common::{ctrl, key, screen, today, type_text};
use super::log_referral;
use casedesk::store::{OpenMode, Store};
use casedesk::tui::action::Action;
use casedesk::tui::app::App;
use casedesk::tui::keymap::Keymap;
use casedesk::tui::opener;
use casedesk::tui::theme::MONOCHROME;
use crossterm::event::KeyCode;
use tempfile::TempDir;

static OPENED: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn record(path: &Path) -> Result<(), String> {
    OPENED.lock().unwrap().push(path.to_path_buf());
    Ok(())
}

fn no_opener(_: &Path) -> Result<(), String> {
    Err("No program to open documents was found on this machine".into())
}

/// The path of the temporary folder, which changes every run, as `TMP`.
fn masked(text: String, dir: &Path) -> String {
    text.replace(&dir.display().to_string(), "TMP")
}

#[test]
fn a_document_is_attached_to_a_case_on_a_new_desk_and_opened() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("desk.db");
    let store = Store::open(&db, OpenMode::CreateIfMissing).unwrap();
    let mut app = App::new(store, today(), Keymap::default(), MONOCHROME).unwrap();
    log_referral(&mut app, 0, "Assault in a shop", "1990-05-01");
    let (saved, error) = app.status.clone().unwrap();
    assert!(!error && saved.starts_with("Saved RJ-2026-0001"), "{saved}");
    let email = dir.path().join("referral email.eml");
    std::fs::write(&email, "From: PC Amir Khan\n\nReferral for Bob Stone.\n").unwrap();

    app.apply(Action::ScreenCase);
    app.handle_key(key(KeyCode::Enter));
    app.handle_key(key(KeyCode::Char('d')));
    insta::assert_snapshot!("attach_prompt_100x30", screen(&mut app, 100, 30));
    insta::assert_snapshot!("attach_prompt_80x24", screen(&mut app, 80, 24));
    // Copied from a file manager: the quotes round the path come with it.
    app.handle_paste(&format!("'{}'", email.display()));
    app.handle_key(key(KeyCode::Tab));
    type_text(&mut app, "Referral email");
    app.handle_key(ctrl('s'));
    let (saved, error) = app.status.clone().unwrap();
    assert!(!error && saved == "Saved: Referral email attached to RJ-2026-0001.", "{saved}");
    insta::assert_snapshot!("document_on_timeline_100x30", screen(&mut app, 100, 30));
    insta::assert_snapshot!("document_on_timeline_80x24", screen(&mut app, 80, 24));

    // Enter on the document's row opens it; the opening is logged.
    opener::use_instead(record);
    app.handle_key(key(KeyCode::Enter));
    let (said, error) = app.status.clone().unwrap();
    assert!(!error && said.starts_with("Opening the document: "), "{said}");
    let opened = OPENED.lock().unwrap().clone();
    assert_eq!(opened.len(), 1);
    assert_eq!(std::fs::read_to_string(&opened[0]).unwrap(), "From: PC Amir Khan\n\nReferral for Bob Stone.\n");
    let conn = rusqlite::Connection::open(&db).unwrap();
    let why: String = conn
        .query_row("SELECT justification FROM audit_log WHERE entity = 'case_document' AND op = 'consult'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(why, "opened the document “Referral email”");

    // Where the machine has no opener, it says so and shows where the file is.
    opener::use_instead(no_opener);
    app.handle_key(key(KeyCode::Enter));
    let (said, error) = app.status.clone().unwrap();
    assert!(error, "{said}");
    assert_eq!(
        masked(said, dir.path()),
        format!(
            "No program to open documents was found on this machine: the document is at TMP/desk-documents/{}",
            hex::encode(<sha2::Sha256 as sha2::Digest>::digest(b"From: PC Amir Khan\n\nReferral for Bob Stone.\n"))
        )
    );
}
