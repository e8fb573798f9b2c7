//! Tamper evidence that survives the next morning: a rewritten or shortened
//! audit chain, a restored rewritten copy and a chain checked against a head
//! printed on an end-of-day summary are all caught after the daily backup of
//! a later day has run.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use casedesk::domain::types::{Service, Source};
use casedesk::store::backup::{self, ManifestFinding};
use casedesk::store::manifests::AuditHead;
use casedesk::store::model::NewCase;
use casedesk::store::{OpenMode, Store, Upkeep};
use chrono::{Days, NaiveDate};
use rusqlite::Connection;
use sha2::{Digest, Sha256};
use tempfile::TempDir;

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

fn next_morning() -> NaiveDate {
    today().checked_add_days(Days::new(1)).unwrap()
}

fn add_cases(store: &mut Store, n: usize) {
    store
        .write(|tx| {
            for _ in 0..n {
                let day = NaiveDate::from_ymd_opt(2026, 11, 2).unwrap();
                tx.create_case(&NewCase::new(Service::Mediation, Source::Police, day))?;
            }
            Ok(())
        })
        .unwrap();
}

/// A desk of 3 cases backed up today (one manifest), then grown by 2 cases.
fn backed_up_desk() -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.db");
    add_cases(&mut Store::open(&db, OpenMode::CreateIfMissing).unwrap(), 3);
    let mut store = Store::open(&db, OpenMode::MustExist).unwrap();
    assert!(backup::rolling_path(&db, today()).exists());
    add_cases(&mut store, 2);
    (dir, db)
}

fn open_raw(db: &Path) -> Connection {
    let raw = Connection::open(db).unwrap();
    raw.execute_batch("DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;")
        .unwrap();
    raw
}

/// What an attacker with the file does: change a row of the log, then
/// recompute every hash after it, so the chain verifies again on its own.
fn rewrite_chain(db: &Path) {
    let raw = open_raw(db);
    raw.execute("UPDATE audit_log SET user = 'someone else' WHERE id = 2", []).unwrap();
    let rows: Vec<(i64, Vec<Option<String>>)> = {
        let mut stmt = raw
            .prepare(
                "SELECT id, CAST(txn AS TEXT), at_utc, user, op, entity, entity_id, CAST(case_id AS TEXT),
                        before_json, after_json, justification, recipient, row_hash, desk_day FROM audit_log ORDER BY id",
            )
            .unwrap();
        let found = stmt
            .query_map([], |r| Ok((r.get(0)?, (1..14).map(|i| r.get(i).unwrap()).collect())))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        found
    };
    let mut prev = "0".repeat(64);
    for (id, fields) in rows {
        let mut h = Sha256::new();
        // A record's seal, when the row has one, is hashed after the rest;
        // a row with a desk day has its seal's slot and then the day.
        let tail = match (fields[11].clone(), fields[12].clone()) {
            (seal, Some(day)) => vec![seal, Some(day)],
            (Some(seal), None) => vec![Some(seal)],
            (None, None) => vec![],
        };
        for field in std::iter::once(Some(prev.clone())).chain(fields.into_iter().take(11)).chain(tail) {
            match field {
                Some(text) => {
                    h.update((text.len() as u64).to_le_bytes());
                    h.update(text.as_bytes());
                }
                None => h.update(u64::MAX.to_le_bytes()),
            }
        }
        let hash = hex::encode(h.finalize());
        raw.execute("UPDATE audit_log SET prev_hash = ?1, hash = ?2 WHERE id = ?3", rusqlite::params![prev, hash, id])
            .unwrap();
        prev = hash;
    }
}

/// The first open of a later day: its daily backup runs first.
fn next_morning_check(db: &Path) -> (Option<String>, casedesk::store::CheckReport) {
    let store = Store::open(db, OpenMode::MustExist).unwrap();
    let refused = backup::backup_if_due(&store, db, next_morning()).err().map(|e| e.to_string());
    (refused, store.check().unwrap())
}

fn assert_caught(report: &casedesk::store::CheckReport, expected: &str) {
    assert!(report.audit.fault.is_none(), "the chain verifies on its own: {:?}", report.audit);
    assert!(!report.is_ok(), "{:?}", report.lines());
    match &report.manifest {
        ManifestFinding::Fault(f) => assert!(f.contains(expected), "{f}"),
        other => panic!("not caught: {other:?}"),
    }
}

#[test]
fn a_rewritten_chain_is_caught_after_the_next_morning() {
    let (_dir, db) = backed_up_desk();
    rewrite_chain(&db);
    let (refused, report) = next_morning_check(&db);
    let refused = refused.expect("the next morning's backup blessed a rewritten chain");
    assert!(refused.contains("casedesk check"), "{refused}");
    assert!(!backup::rolling_path(&db, next_morning()).exists(), "a backup blessed the rewritten chain");
    assert!(backup::rolling_path(&db, today()).exists(), "the older backup was not kept");
    assert_caught(&report, "rewritten");
}

/// The interface opens first and backs up after its first frame, on a
/// thread of its own: that backup must refuse a rewritten chain as the
/// command line's does, or the first morning spent in the interface blesses it.
#[test]
fn the_interfaces_backup_after_its_first_frame_refuses_a_rewritten_chain() {
    let (_dir, db) = backed_up_desk();
    rewrite_chain(&db);
    let store = Store::open_with(&db, OpenMode::MustExist, None, Upkeep::Deferred, None).unwrap();
    let outcome = store.pending_upkeep(next_morning()).expect("the backup is due").run();
    let made = outcome.backup.expect("a backup was due");
    let refused = made.expect_err("the interface's backup blessed a rewritten chain");
    assert!(refused.contains("casedesk check"), "{refused}");
    assert!(!backup::rolling_path(&db, next_morning()).exists(), "a backup blessed the rewritten chain");
    assert!(store.audit_alarm().is_some(), "no alarm was left for the next command");
    assert_caught(&store.check().unwrap(), "rewritten");
}

#[test]
fn rows_cut_off_the_end_are_caught_after_the_next_morning() {
    let (_dir, db) = backed_up_desk();
    open_raw(&db).execute("DELETE FROM audit_log WHERE id > 2", []).unwrap();
    let (refused, report) = next_morning_check(&db);
    assert!(refused.is_some(), "the next morning's backup blessed a shortened chain");
    assert_caught(&report, "removed from its end");
}

#[test]
fn every_manifest_is_checked_not_only_the_newest() {
    let (_dir, db) = backed_up_desk();
    rewrite_chain(&db);
    // A manifest for a later day written anyway (as the old daily backup did):
    // the older one still catches the rewrite.
    let store = Store::open(&db, OpenMode::MustExist).unwrap();
    backup::write_rolling(&store, &db, next_morning()).unwrap();
    assert_caught(&store.check().unwrap(), "rewritten");
}

#[test]
fn the_alarm_stays_until_check_has_been_run() {
    let (_dir, db) = backed_up_desk();
    rewrite_chain(&db);
    let (refused, _) = next_morning_check(&db);
    assert!(refused.is_some());
    // The backups folder goes too: the alarm, beside the desk, stays.
    fs::remove_dir_all(backup::rolling_dir(&db)).unwrap();
    let store = Store::open(&db, OpenMode::ToRead).unwrap();
    let warning = store.backup_warning().expect("the alarm was forgotten");
    assert!(warning.contains("no longer matches the earlier backups"), "{warning}");
    drop(store);
    // With its manifests gone, the desk's own record of its backups still
    // knows the chain was rewritten.
    let out = common::cli::casedesk().arg("--db").arg(&db).arg("check").assert().code(1);
    let text = common::cli::stdout_of(&out);
    assert!(text.contains("earlier alarm:") && text.contains("on the desk's record"), "{text}");
    assert_eq!(Store::open(&db, OpenMode::ToRead).unwrap().backup_warning(), None);
}

#[test]
fn a_rewritten_copy_is_not_restored() {
    let (dir, db) = backed_up_desk();
    let copy = dir.path().join("copy.db");
    Store::open(&db, OpenMode::MustExist).unwrap().backup_to(&copy).unwrap();
    rewrite_chain(&copy);
    let before = fs::read(&db).unwrap();
    let now = chrono::Local::now().naive_local();
    let err = format!("{:#}", backup::restore(&db, &copy, now).expect_err("a rewritten copy was restored"));
    assert!(err.contains("rewritten") && err.contains("nothing was changed"), "{err}");
    assert_eq!(fs::read(&db).unwrap(), before);
    let (_, report) = next_morning_check(&db);
    assert!(report.is_ok(), "{:?}", report.lines());
}

#[test]
fn a_restore_of_an_older_backup_is_not_taken_for_tampering() {
    let (dir, db) = backed_up_desk();
    // The desk grows and is backed up the next morning; then today's (older)
    // backup is restored: the later manifest describes the history left behind.
    let store = Store::open(&db, OpenMode::MustExist).unwrap();
    backup::backup_if_due(&store, &db, next_morning()).unwrap().expect("a backup was due");
    drop(store);
    let older = dir.path().join("older.db");
    fs::copy(backup::rolling_path(&db, today()), &older).unwrap();
    let later = next_morning().checked_add_days(Days::new(1)).unwrap();
    backup::restore(&db, &older, later.and_hms_opt(9, 0, 0).unwrap()).unwrap();
    let store = Store::open(&db, OpenMode::MustExist).unwrap();
    let report = store.check().unwrap();
    assert!(report.is_ok(), "{:?}", report.lines());
}

fn summary_head(db: &Path) -> String {
    let out = common::cli::run(db, &["summary"]).success();
    let text = common::cli::stdout_of(&out);
    let line = text.lines().find(|l| l.starts_with("Audit head: ")).expect("the summary prints its head");
    let head = line.trim_start_matches("Audit head: ").split_whitespace().next().unwrap().to_string();
    AuditHead::parse(&head).expect("a head check takes");
    head
}

#[test]
fn check_head_confirms_the_chain_passes_through_a_printed_head() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.db");
    common::cli::run(&db, &["demo", "--cases", "5"]).success();
    let head = summary_head(&db);
    // Each summary is logged, so each shows a head one row further on.
    for (format, label) in [("json", "\"audit_head\": \""), ("csv", "audit head"), ("html", "Audit head")] {
        let out = common::cli::run(&db, &["summary", "--format", format]).success();
        let text = common::cli::stdout_of(&out);
        assert!(text.contains(label), "the {format} summary has no audit head: {text}");
    }
    let out = common::cli::run(&db, &["check", "--head", &head]).success();
    assert!(common::cli::stdout_of(&out).contains("the log still passes through it"));

    // No backups at all, and the chain rewritten: only the printed head knows.
    let _ = fs::remove_dir_all(backup::rolling_dir(&db));
    rewrite_chain(&db);
    let out = common::cli::run(&db, &["check", "--head", &head]).code(1);
    assert!(common::cli::stdout_of(&out).contains("was rewritten"), "{}", common::cli::stdout_of(&out));
    common::cli::run(&db, &["check", "--head", "12:xyz"]).code(2);
}

// ------------------------------------------------- records changed behind the log

/// A demo desk (bulk loaded, sealed at the end of the load) with a few
/// changes made through the audited writes on top.
fn demo_desk() -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.db");
    common::cli::run(&db, &["demo", "--cases", "20"]).success();
    add_cases(&mut Store::open(&db, OpenMode::MustExist).unwrap(), 2);
    (dir, db)
}

fn check_lines(db: &Path) -> (bool, String) {
    let report = Store::open(db, OpenMode::MustExist).unwrap().check().unwrap();
    (report.is_ok(), report.lines().join("\n"))
}

#[test]
fn a_demo_desk_and_audited_changes_match_their_seals() {
    let (_dir, db) = demo_desk();
    let (ok, lines) = check_lines(&db);
    assert!(ok, "{lines}");
    assert!(lines.contains("records vs audit log: ok ("), "{lines}");
}

#[test]
fn a_case_changed_directly_is_named_by_check() {
    let (_dir, db) = demo_desk();
    // A loaded case and one written through the audited path.
    let raw = Connection::open(&db).unwrap();
    raw.execute("UPDATE case_file SET notes = 'changed quietly' WHERE id IN (3, 21)", []).unwrap();
    let (ok, lines) = check_lines(&db);
    assert!(!ok, "{lines}");
    assert!(lines.contains("case file record 3 was changed without an audit row"), "{lines}");
    assert!(lines.contains("case file record 21 was changed without an audit row"), "{lines}");
}

#[test]
fn a_person_changed_or_removed_directly_is_named_by_check() {
    let (_dir, db) = demo_desk();
    let raw = Connection::open(&db).unwrap();
    raw.execute("UPDATE person SET family_name = 'Someone' WHERE id = 2", []).unwrap();
    raw.execute_batch("PRAGMA foreign_keys = OFF; DELETE FROM contact_log WHERE id = 1;").unwrap();
    let (ok, lines) = check_lines(&db);
    assert!(!ok, "{lines}");
    assert!(lines.contains("person record 2 was changed without an audit row"), "{lines}");
    assert!(lines.contains("contact log record 1 was removed without an audit row"), "{lines}");
}

#[test]
fn a_desk_upgraded_to_seals_has_its_records_sealed_as_they_stand() {
    let (dir, demo) = demo_desk();
    // A desk from before seals: records, and no seal in its log.
    let db = dir.path().join("older.db");
    drop(Store::open(&db, OpenMode::CreateIfMissing).unwrap());
    let raw = Connection::open(&db).unwrap();
    raw.execute("ATTACH DATABASE ?1 AS demo", [demo.to_str().unwrap()]).unwrap();
    raw.execute_batch(
        "INSERT INTO provider SELECT * FROM demo.provider; INSERT INTO coordinator SELECT * FROM demo.coordinator;
         DETACH DATABASE demo; ALTER TABLE audit_log DROP COLUMN row_hash;
         DROP INDEX IF EXISTS audit_log_day_entity; DROP INDEX IF EXISTS audit_log_day_op; DROP INDEX audit_log_desk_day; ALTER TABLE audit_log DROP COLUMN desk_day;
         ALTER TABLE oocd_disposal DROP COLUMN authorising_rank; ALTER TABLE oocd_disposal DROP COLUMN yot_referred_on;
         ALTER TABLE oocd_disposal DROP COLUMN proceed_reason; ALTER TABLE oocd_disposal DROP COLUMN time_limit_reason;
         DROP TABLE backup_made; DROP TABLE service_profile; DROP TABLE IF EXISTS desk_user; DROP TABLE IF EXISTS desk_setting; DROP INDEX IF EXISTS feedback_collected; DROP INDEX IF EXISTS feedback_case; ALTER TABLE feedback DROP COLUMN person_id; ALTER TABLE feedback DROP COLUMN felt_safe; DROP TABLE IF EXISTS checklist_version; DROP TABLE IF EXISTS case_document; DROP TABLE IF EXISTS document_content;
         PRAGMA user_version = 8;",
    )
    .unwrap();
    raw.execute_batch(common::WITHOUT_CASELOAD_COUNTS).unwrap();
    raw.execute_batch(common::WITHOUT_CASE_ENDINGS).unwrap();
    raw.execute_batch(common::WITHOUT_DIRECTORY).unwrap();
    raw.execute_batch(common::WITHOUT_FINALISING).unwrap();
    raw.execute_batch(common::WITHOUT_PEOPLE_AND_PLACES).unwrap();
    raw.execute_batch(common::WITHOUT_HARMED_TOLD).unwrap();
    raw.execute_batch(common::WITHOUT_VICTIMS_CODE).unwrap();
    raw.execute_batch(common::WITHOUT_CASE_PROGRESS).unwrap();
    raw.execute_batch(common::WITHOUT_PROVIDER_RETURNS).unwrap();
    raw.execute_batch(common::WITHOUT_MEETINGS).unwrap();
    drop(raw);
    let (ok, lines) = check_lines(&db);
    assert!(ok, "{lines}");
    assert!(!lines.contains("from before seals"), "{lines}");
    Connection::open(&db).unwrap().execute("UPDATE provider SET name = 'Elsewhere' WHERE id = 1", []).unwrap();
    let (ok, lines) = check_lines(&db);
    assert!(!ok && lines.contains("provider record 1 was changed without an audit row"), "{lines}");
}

#[test]
fn the_interface_keeps_saying_the_alarm_until_check_has_been_run() {
    let (_dir, db) = backed_up_desk();
    rewrite_chain(&db);
    let (refused, _) = next_morning_check(&db);
    assert!(refused.is_some());
    let store = Store::open(&db, OpenMode::MustExist).unwrap();
    let mut app = casedesk::tui::app::App::new(
        store,
        today(),
        casedesk::tui::keymap::Keymap::default(),
        casedesk::tui::theme::MONOCHROME,
    )
    .unwrap();
    // A key press clears what the status line said about the last key; the alarm stays.
    app.handle_key(crossterm::event::KeyEvent::from(crossterm::event::KeyCode::Down));
    let shown = common::screen(&mut app, 200, 30);
    assert!(shown.contains("Warning: the audit log no longer matches the earlier backups"), "{shown}");
}

// ----------------------------------------------------------- a killed restore

/// A `casedesk restore` killed at any moment leaves no hidden copy of the
/// desk behind once the desk is next opened, and raises no false alarm: the
/// desk is either as it was or restored, and `check` passes either way.
/// 30 kills by default; `CASEDESK_RESTORE_KILLS=N` runs more.
#[cfg(unix)]
mod killed_restore {
    use std::process::{Command, Stdio};
    use std::time::{Duration, Instant};

    use rand::{Rng, SeedableRng};
    use rand_chacha::ChaCha8Rng;

    use super::*;

    fn days_ago(n: u64) -> NaiveDate {
        today().checked_sub_days(Days::new(n)).unwrap()
    }

    /// A desk backed up two days ago (3 rows) and yesterday (5 rows), and a
    /// copy of the older backup to restore: the restore goes back past
    /// yesterday's manifest, which must not then read as tampering.
    fn desk_with_two_backups() -> (TempDir, PathBuf, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("desk.db");
        add_cases(&mut Store::open(&db, OpenMode::CreateIfMissing).unwrap(), 3);
        let mut store = Store::open(&db, OpenMode::MustExist).unwrap();
        let made = backup::rolling_path(&db, today());
        let older = backup::rolling_path(&db, days_ago(2));
        fs::rename(backup::manifest_path(&made), backup::manifest_path(&older)).unwrap();
        fs::rename(&made, &older).unwrap();
        // The desk's own record of its backups follows the files' new day.
        let day = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
        Connection::open(&db).unwrap().execute("UPDATE backup_made SET day = ?1", [day(days_ago(2))]).unwrap();
        add_cases(&mut store, 2);
        backup::write_rolling(&store, &db, days_ago(1)).unwrap();
        let source = dir.path().join("older.db");
        fs::copy(&older, &source).unwrap();
        (dir, db, source)
    }

    fn restore_command(db: &Path, source: &Path) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_casedesk"));
        cmd.arg("--db").arg(db).arg("restore").arg(source);
        cmd.env_remove("CASEDESK_DB").env_remove("CASEDESK_TODAY").stdout(Stdio::null()).stderr(Stdio::null());
        cmd
    }

    fn leftovers(dir: &Path) -> Vec<String> {
        fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains(".restore-"))
            .collect()
    }

    fn assert_whole_after_next_open(dir: &Path, db: &Path) {
        let store = Store::open(db, OpenMode::MustExist).unwrap();
        let report = store.check().unwrap();
        assert!(report.is_ok(), "{:?}", report.lines());
        assert_eq!(store.backup_warning(), None);
        assert_eq!(leftovers(dir), Vec::<String>::new());
    }

    #[test]
    fn a_killed_restore_leaves_nothing_hidden_and_no_false_alarm() {
        let (dir, db, source) = desk_with_two_backups();
        // How long one whole restore takes here, to spread the kills over it.
        let started = Instant::now();
        assert!(restore_command(&db, &source).status().unwrap().success());
        let whole = started.elapsed().as_micros() as u64;
        assert_whole_after_next_open(dir.path(), &db);

        let kills = std::env::var("CASEDESK_RESTORE_KILLS").ok().and_then(|v| v.parse().ok()).unwrap_or(30);
        let mut rng = ChaCha8Rng::seed_from_u64(11);
        for _ in 0..kills {
            let mut child = restore_command(&db, &source).spawn().unwrap();
            std::thread::sleep(Duration::from_micros(rng.random_range(0..whole.max(1))));
            let _ = child.kill();
            child.wait().unwrap();
            assert_whole_after_next_open(dir.path(), &db);
        }
    }

    #[test]
    fn a_staging_copy_of_a_process_that_is_gone_is_removed_at_the_next_open() {
        let (dir, db, _) = desk_with_two_backups();
        let mut gone = Command::new("true").spawn().unwrap();
        gone.wait().unwrap();
        let leftover = dir.path().join(format!(".desk.restore-{}-x1y2z3", gone.id()));
        fs::copy(&db, &leftover).unwrap();
        assert_whole_after_next_open(dir.path(), &db);
    }
}

// ------------------------------------------------- backups/ deleted

#[test]
fn a_deleted_backups_folder_is_caught_after_the_next_morning_and_reported_once() {
    let (_dir, db) = backed_up_desk();
    fs::remove_dir_all(backup::rolling_dir(&db)).unwrap();
    // The next morning's first open (the interface's, which backs up after
    // its first frame, so none is made for today again here).
    let store = Store::open_with(&db, OpenMode::MustExist, None, Upkeep::Deferred, None).unwrap();
    let refused = backup::backup_if_due(&store, &db, next_morning()).err().map(|e| e.to_string());
    let report = store.check().unwrap();
    drop(store);
    // A desk without backups is worse off still: today's is made anyway.
    assert_eq!(refused, None);
    assert!(backup::rolling_path(&db, next_morning()).exists(), "no backup was made after the folder went");
    assert!(!report.is_ok(), "{:?}", report.lines());
    assert_eq!(report.backups_made.missing, vec![today()]);
    let lines = report.lines().join("\n");
    assert!(lines.contains("is missing from backups/"), "{lines}");
    let store = Store::open(&db, OpenMode::ToRead).unwrap();
    let alarm = store.backup_warning().expect("no alarm was left for the next command");
    assert!(alarm.contains("missing from backups/"), "{alarm}");
    drop(store);

    // `check` says it once; read, it is not said again.
    let out = common::cli::casedesk().arg("--db").arg(&db).arg("check").assert().code(1);
    assert!(common::cli::stdout_of(&out).contains("missing from backups/"), "{}", common::cli::stdout_of(&out));
    let out = common::cli::casedesk().arg("--db").arg(&db).arg("check").assert().success();
    assert!(common::cli::stdout_of(&out).contains("reported on"), "{}", common::cli::stdout_of(&out));
}

#[test]
fn a_rewritten_chain_with_its_backups_deleted_is_caught_by_the_desks_own_record() {
    let (_dir, db) = backed_up_desk();
    fs::remove_dir_all(backup::rolling_dir(&db)).unwrap();
    rewrite_chain(&db);
    let (refused, report) = next_morning_check(&db);
    let refused = refused.expect("the next morning's backup blessed a rewritten chain");
    assert!(refused.contains("casedesk check"), "{refused}");
    assert!(!report.is_ok(), "{:?}", report.lines());
    let fault = report.backups_made.fault.clone().expect("the desk's record did not catch the rewrite");
    assert!(fault.contains("rewritten"), "{fault}");
}

#[test]
fn backups_the_retention_rules_removed_are_not_missing() {
    let (_dir, db) = backed_up_desk();
    let store = Store::open(&db, OpenMode::MustExist).unwrap();
    for days in 1..=20 {
        let day = today().checked_add_days(Days::new(days)).unwrap();
        backup::backup_if_due(&store, &db, day).unwrap().expect("a backup was due");
    }
    let report = store.check().unwrap();
    assert!(report.is_ok(), "{:?}", report.lines());
    assert!(report.backups_made.recorded <= 11, "{:?}", report.backups_made);
}
