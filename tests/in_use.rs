//! A second casedesk on the same file (issue 5, "Opening safely"): while
//! another process holds the database's write lock, a writing command waits
//! briefly, then says the database is in use by another process and exits
//! nonzero with nothing written; a reading command is not held up; and the
//! interface says the same sentence on a save, keeping what was typed.
//!
//! The lock is held by this test process through its own SQLite connection
//! (`BEGIN IMMEDIATE`, exactly what a saving casedesk holds); the commands
//! run as separate `casedesk` processes.

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use assert_cmd::Command;
use casedesk::store::{OpenMode, Store};
use casedesk::tui::action::Action;
use casedesk::tui::app::App;
use casedesk::tui::keymap::Keymap;
use casedesk::tui::theme::MONOCHROME;
use crossterm::event::KeyCode;
use rusqlite::Connection;
use tempfile::TempDir;

const TODAY: &str = "2026-11-20";
const IN_USE: &str = "the database is in use by another process";
/// The store waits 5 seconds (BUSY_TIMEOUT) before giving up; a refusal
/// much sooner than this did not wait at all.
const AT_LEAST: Duration = Duration::from_secs(4);

fn casedesk(db: &Path) -> Command {
    let mut cmd = Command::cargo_bin("casedesk").expect("binary built");
    cmd.env_remove("CASEDESK_DB").env_remove("CASEDESK_TODAY").arg("--db").arg(db).args(["--today", TODAY]);
    cmd
}

/// A desk with a few invented cases, and a one-case tracker to import.
fn desk() -> (TempDir, PathBuf, PathBuf) {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("desk.db");
    casedesk(&db).args(["demo", "--cases", "5", "--seed", "3"]).assert().success();
    let tracker = dir.path().join("tracker.csv");
    std::fs::write(&tracker, "Service,Source,Received,Notes\nMediation,Police,10/11/2026,From the in-use test\n")
        .unwrap();
    (dir, db, tracker)
}

/// Row counts of what a write touches and the newest audit hash: equal
/// fingerprints mean nothing was written.
fn fingerprint(db: &Path) -> (i64, i64, i64, String) {
    let conn = Connection::open(db).unwrap();
    let count =
        |table: &str| -> i64 { conn.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0)).unwrap() };
    let newest: String =
        conn.query_row("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1", [], |r| r.get(0)).unwrap();
    (count("case_file"), count("person"), count("audit_log"), newest)
}

/// Hold the database's write lock, as a casedesk in the middle of a save does.
fn hold_write_lock(db: &Path) -> Connection {
    let conn = Connection::open(db).unwrap();
    conn.execute_batch("BEGIN IMMEDIATE").unwrap();
    conn
}

fn release(holder: Connection) {
    holder.execute_batch("ROLLBACK").unwrap();
}

#[test]
fn a_writing_command_waits_then_says_the_database_is_in_use_and_writes_nothing() {
    let (_dir, db, tracker) = desk();
    let before = fingerprint(&db);
    let holder = hold_write_lock(&db);

    let started = Instant::now();
    let output = casedesk(&db).arg("import").arg(&tracker).output().unwrap();
    let waited = started.elapsed();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();

    assert!(waited >= AT_LEAST, "refused after {waited:?}, without waiting for the other process: {stderr}");
    assert!(waited < Duration::from_secs(60), "waited {waited:?}: it should give up after a few seconds");
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains(IN_USE), "{stderr}");
    assert!(stderr.contains("try again"), "{stderr}");
    assert_eq!(stderr.trim().lines().count(), 1, "one clear sentence: {stderr}");
    assert!(!stderr.to_lowercase().contains("locked"), "SQLite's own words leaked: {stderr}");
    assert!(output.stdout.is_empty(), "{}", String::from_utf8_lossy(&output.stdout));
    assert_eq!(fingerprint(&db), before, "something was written while the database was in use");

    // The same command, once the other process is done, does write.
    release(holder);
    casedesk(&db).arg("import").arg(&tracker).assert().success();
    let after = fingerprint(&db);
    assert_eq!(after.0, before.0 + 1, "the import should have added its case");
    casedesk(&db).arg("check").assert().success();
}

#[test]
fn a_demo_into_a_desk_in_use_waits_and_refuses_the_same_way() {
    // A second writing path: `demo` into an empty desk another process is writing.
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("empty.db");
    drop(Store::open(&db, OpenMode::CreateIfMissing).unwrap());
    let holder = hold_write_lock(&db);
    let started = Instant::now();
    let output = casedesk(&db).args(["demo", "--cases", "3"]).output().unwrap();
    let waited = started.elapsed();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(waited >= AT_LEAST, "refused after {waited:?}: {stderr}");
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains(IN_USE), "{stderr}");
    release(holder);
    let cases: i64 =
        Connection::open(&db).unwrap().query_row("SELECT COUNT(*) FROM case_file", [], |r| r.get(0)).unwrap();
    assert_eq!(cases, 0, "demo wrote while the database was in use");
}

#[test]
fn a_reading_command_is_not_held_up_by_another_process_writing() {
    let (_dir, db, _tracker) = desk();
    let before = fingerprint(&db);
    let holder = hold_write_lock(&db);
    let started = Instant::now();
    let output = casedesk(&db).arg("today").output().unwrap();
    let waited = started.elapsed();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success(), "{stderr}");
    assert!(waited < AT_LEAST, "a read waited {waited:?} for another process's write");
    assert!(String::from_utf8_lossy(&output.stdout).contains("Today"), "{}", String::from_utf8_lossy(&output.stdout));
    release(holder);
    assert_eq!(fingerprint(&db), before);
}

/// `casedesk ARGS` on `db`, started and left running.
fn spawn(db: &Path, args: &[&str]) -> std::process::Child {
    #[allow(deprecated)]
    let binary = assert_cmd::cargo::cargo_bin("casedesk");
    std::process::Command::new(binary)
        .env_remove("CASEDESK_DB")
        .env_remove("CASEDESK_TODAY")
        .arg("--db")
        .arg(db)
        .args(["--today", TODAY])
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap()
}

/// The newest audit rows' op and entity, newest first.
fn newest_logged(db: &Path, n: i64) -> Vec<(String, String)> {
    let conn = Connection::open(db).unwrap();
    let mut stmt = conn.prepare("SELECT op, entity FROM audit_log ORDER BY id DESC LIMIT ?1").unwrap();
    stmt.query_map([n], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().collect::<Result<_, _>>().unwrap()
}

/// A long write (an import, a demo) holds the desk past the 5 seconds a
/// writer waits. `summary`, `audit` and `tracker` read in a snapshot and
/// wait only to log what they read: they finish once the write ends, the
/// reads logged, rather than giving up as a second writer does.
#[test]
fn reading_commands_outlast_a_long_write_and_log_what_they_read() {
    let (dir, db, _tracker) = desk();
    let tracker_out = dir.path().join("out.csv");
    let holder = hold_write_lock(&db);
    // The long write's own change, committed only after the readers began.
    holder.execute("UPDATE case_file SET notes = 'saved during the export' WHERE id = 1", []).unwrap();
    let readers = [
        spawn(&db, &["summary", "--format", "json"]),
        spawn(&db, &["audit"]),
        spawn(&db, &["tracker", "-o", tracker_out.to_str().unwrap()]),
    ];
    // Longer than a writer waits: without the longer wait to log, all three have given up.
    std::thread::sleep(BUSY_TIMEOUT_AND_MORE);
    assert!(!tracker_out.exists(), "the tracker was written before its export was logged");
    holder.execute_batch("COMMIT").unwrap();
    for reader in readers {
        let output = reader.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        assert!(output.status.success(), "{stderr}");
        assert!(!stderr.contains(IN_USE), "{stderr}");
    }
    // The tracker read the desk as it stood when it began, not after waiting for the write.
    let tracker = std::fs::read_to_string(&tracker_out).unwrap();
    assert!(!tracker.contains("saved during the export"), "the tracker waited for the write to read");
    let mut logged = newest_logged(&db, 3);
    logged.sort();
    let expected = [("consult", "audit_log"), ("export", "summary"), ("export", "tracker")];
    assert_eq!(logged, expected.map(|(o, e)| (o.to_string(), e.to_string())));
}

/// Past the 5 seconds a writer waits, with room for a slow machine to start the readers.
const BUSY_TIMEOUT_AND_MORE: Duration = Duration::from_secs(8);

/// The app over the desk file, on the Intake screen.
fn app_on_intake(db: &Path) -> App {
    let store = Store::open(db, OpenMode::MustExist).unwrap();
    let mut app = App::new(store, common::today(), Keymap::default(), MONOCHROME).unwrap();
    app.apply(Action::ScreenIntake);
    app
}

#[test]
fn a_save_in_the_interface_says_the_database_is_in_use_and_keeps_what_was_typed() {
    let (_dir, db, _tracker) = desk();
    let before = fingerprint(&db);
    let mut app = app_on_intake(&db);
    // Referrer's name: four fields down from Service.
    for _ in 0..4 {
        app.handle_key(common::key(KeyCode::Tab));
    }
    common::type_text(&mut app, "PC Grainne Ui Bhriain");

    let holder = hold_write_lock(&db);
    let started = Instant::now();
    app.handle_key(common::ctrl('s'));
    let waited = started.elapsed();
    let (text, is_error) = app.status.clone().expect("a status line");
    assert!(is_error, "{text}");
    assert!(text.contains(IN_USE), "{text}");
    assert!(waited >= AT_LEAST, "gave up after {waited:?}");
    let screen = common::screen(&mut app, 100, 30);
    assert!(screen.contains(IN_USE), "the status line does not say it:\n{screen}");
    assert!(screen.contains("PC Grainne Ui Bhriain"), "what was typed is gone:\n{screen}");
    assert_eq!(fingerprint(&db), before, "a half-saved referral");

    // Once the other process is done, the same form saves as it stands.
    release(holder);
    app.handle_key(common::ctrl('s'));
    let (text, is_error) = app.status.clone().expect("a status line");
    assert!(!is_error, "{text}");
    assert!(text.starts_with("Saved "), "{text}");
    let saved: String = Connection::open(&db)
        .unwrap()
        .query_row("SELECT referrer_name FROM case_file ORDER BY id DESC LIMIT 1", [], |r| r.get(0))
        .unwrap();
    assert_eq!(saved, "PC Grainne Ui Bhriain");
}
