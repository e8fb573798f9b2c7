//! The interface's upkeep: the open returns before the quick check and the
//! day's backup, which run after the first frame on a thread of their own,
//! say "Backing up…" on the status line, then what they found; the desk can
//! be saved meanwhile.

mod common;

use std::fs;
use std::io::{Seek, SeekFrom, Write};
use std::path::Path;
use std::time::Duration;

use casedesk::store::backup;
use casedesk::store::{OpenMode, Store, Upkeep};
use casedesk::tui::app::App;
use casedesk::tui::keymap::Keymap;
use casedesk::tui::theme::MONOCHROME;
use common::desk_file::{add_cases, desk, local_today as today};
use ratatui::backend::TestBackend;
use ratatui::Terminal;

fn open_for_interface(db: &Path) -> Store {
    Store::open_with(db, OpenMode::CreateIfMissing, None, Upkeep::Deferred, None).unwrap()
}

fn status_line(app: &mut App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(120, 30)).unwrap();
    terminal.draw(|f| app.render(f)).unwrap();
    let buffer = terminal.backend().buffer();
    // The status line is the one above the footer.
    (0..buffer.area.width).map(|x| buffer[(x, buffer.area.height - 2)].symbol().to_string()).collect()
}

/// Tick as the event loop does until the upkeep is done (no time is asserted:
/// the cap only stops a broken build from hanging).
fn until_idle(app: &mut App, mut between: impl FnMut(&mut App)) {
    for _ in 0..6000 {
        if !app.busy() {
            return;
        }
        between(app);
        std::thread::sleep(Duration::from_millis(10));
        app.tick();
    }
    panic!("the upkeep never finished");
}

#[test]
fn the_interface_opens_before_the_backup_which_the_status_line_follows() {
    let (_dir, db) = desk(3);
    let rolling = backup::rolling_path(&db, today());
    let store = open_for_interface(&db);
    assert!(!rolling.exists(), "the open made the backup before returning");
    let pending = store.pending_upkeep(today()).expect("a writable desk has upkeep");
    assert!(pending.backup_due());

    let mut app = App::new(store, today(), Keymap::default(), MONOCHROME).unwrap();
    app.start_upkeep(pending);
    assert_eq!(app.upkeep_note(), Some("Backing up…"));
    assert!(status_line(&mut app).contains("Backing up…"), "{}", status_line(&mut app));
    until_idle(&mut app, |_| {});
    assert_eq!(app.upkeep_note(), None);
    assert_eq!(app.status, Some(("Today's backup is made.".to_string(), false)));
    let line = status_line(&mut app);
    assert!(line.contains("Today's backup is made.") && !line.contains("Backing up"), "{line}");
    assert!(rolling.is_file());
    assert_eq!(app.finish_upkeep(), None);

    // The next open the same day has only the check to do.
    drop(app);
    let store = open_for_interface(&db);
    assert!(!store.pending_upkeep(today()).unwrap().backup_due());
}

#[test]
fn the_desk_saves_while_the_backup_runs_and_the_backup_is_one_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.db");
    let opts = casedesk::demo::DemoOptions { cases: 4000, seed: 5, today: today() };
    casedesk::demo::create_database(&db, &opts).unwrap();
    let store = open_for_interface(&db);
    let before = store.case_count().unwrap();
    let run = store.pending_upkeep(today()).unwrap();
    assert!(run.backup_due());
    let mut app = App::new(store, today(), Keymap::default(), MONOCHROME).unwrap();
    app.start_upkeep(run);
    let mut saved_while_busy = 0;
    until_idle(&mut app, |app| {
        add_cases(&mut app.store, 1);
        saved_while_busy += 1;
    });
    assert!(saved_while_busy > 0, "the backup finished before a save could be tried");
    assert_eq!(app.status.as_ref().map(|(text, _)| text.as_str()), Some("Today's backup is made."));
    assert_eq!(app.store.case_count().unwrap(), before + saved_while_busy);

    // The backup holds one consistent state, which restores and checks clean.
    drop(app);
    let rolling = backup::rolling_path(&db, today());
    let restored = dir.path().join("restored.db");
    let now = today().and_hms_opt(12, 0, 0).unwrap();
    backup::restore(&restored, &rolling, now).unwrap();
    let report = Store::open(&restored, OpenMode::MustExist).unwrap().check().unwrap();
    assert!(report.is_ok(), "{:?}", report.lines());
}

#[test]
fn a_damaged_desk_found_after_the_first_frame_is_said_plainly_and_not_backed_up() {
    let (_dir, db) = desk(300);
    let store = open_for_interface(&db);
    let pending = store.pending_upkeep(today()).unwrap();
    // Damage a page in the middle of the file behind the open desk's back.
    let raw = rusqlite::Connection::open(&db).unwrap();
    let pages: i64 = raw.query_row("PRAGMA page_count", [], |r| r.get(0)).unwrap();
    let page_size: i64 = raw.query_row("PRAGMA page_size", [], |r| r.get(0)).unwrap();
    drop(raw);
    let mut file = fs::OpenOptions::new().write(true).open(&db).unwrap();
    file.seek(SeekFrom::Start((pages / 2 * page_size) as u64)).unwrap();
    file.write_all(&vec![0xA5; page_size as usize]).unwrap();
    file.sync_all().unwrap();

    let mut app = App::new(store, today(), Keymap::default(), MONOCHROME).unwrap();
    app.start_upkeep(pending);
    until_idle(&mut app, |_| {});
    let (text, is_error) = app.status.clone().expect("the fault is said");
    assert!(is_error);
    assert!(text.starts_with("The desk is damaged (SQLite's quick check found:"), "{text}");
    assert!(text.contains("restore a backup"), "{text}");
    assert!(!backup::rolling_path(&db, today()).exists(), "a damaged desk was backed up");
}

/// The backup the interface's thread makes goes on the desk's own record, so
/// a `backups/` deleted afterwards is named by `check` (the thread's own
/// connection cannot write the record: the interface does on its return).
#[test]
fn the_backup_made_after_the_first_frame_goes_on_the_desks_record() {
    let (_dir, db) = desk(3);
    let store = open_for_interface(&db);
    let pending = store.pending_upkeep(today()).expect("a writable desk has upkeep");
    let mut app = App::new(store, today(), Keymap::default(), MONOCHROME).unwrap();
    app.start_upkeep(pending);
    until_idle(&mut app, |_| {});
    assert!(backup::rolling_path(&db, today()).is_file());
    drop(app);

    fs::remove_dir_all(backup::rolling_dir(&db)).unwrap();
    let report = open_for_interface(&db).check().unwrap();
    assert_eq!(report.backups_made.missing, vec![today()], "{:?}", report.lines());
}
