//! The bad-file corpus: each file casedesk may be pointed at by mistake gets
//! its own clear sentence and exit code, and is left byte-for-byte as it was,
//! with no `-wal`, `-shm` or `-journal` file left beside it.
//!
//! Decided behaviour for an empty file: a command that reads an existing desk
//! (`today`, `check`, ...) says the file holds no casedesk data and leaves it
//! alone; a command that may create a desk (`demo`, the interface) starts one
//! in it, as it would in a missing file.

mod common;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use casedesk::store::{OpenMode, Store, StoreError, SCHEMA_VERSION};
use predicates::prelude::*;
use rand::{RngCore, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rusqlite::Connection;
use tempfile::TempDir;

const TODAY: &str = "2026-11-20";
const SIDECARS: [&str; 3] = ["-wal", "-shm", "-journal"];

fn casedesk(db: &Path) -> Command {
    let mut cmd = Command::cargo_bin("casedesk").expect("binary built");
    cmd.env_remove("CASEDESK_DB").env_remove("CASEDESK_TODAY").arg("--db").arg(db).args(["--today", TODAY]);
    cmd
}

fn sidecar(db: &Path, suffix: &str) -> PathBuf {
    let mut name = db.as_os_str().to_os_string();
    name.push(suffix);
    PathBuf::from(name)
}

/// The file's bytes and which journal files sit beside it.
#[derive(Debug, PartialEq, Eq)]
struct Fingerprint {
    bytes: Vec<u8>,
    sidecars: Vec<&'static str>,
}

fn fingerprint(db: &Path) -> Fingerprint {
    Fingerprint {
        bytes: std::fs::read(db).expect("read the file"),
        sidecars: SIDECARS.into_iter().filter(|s| sidecar(db, s).exists()).collect(),
    }
}

/// Run `args` on `db`, expect exit `code` with `message` on stderr, and the
/// file unchanged.
fn assert_refused(db: &Path, args: &[&str], code: i32, message: &str) {
    let before = fingerprint(db);
    casedesk(db).args(args).assert().code(code).stderr(predicate::str::contains(message));
    assert_eq!(fingerprint(db), before, "{args:?} changed {}", db.display());
}

/// A small real desk, closed cleanly (its WAL checkpointed into the file).
fn demo_desk(dir: &TempDir, name: &str) -> PathBuf {
    let db = dir.path().join(name);
    casedesk(&db).args(["demo", "--cases", "12", "--seed", "3"]).assert().success();
    assert!(SIDECARS.iter().all(|s| !sidecar(&db, s).exists()), "demo left a journal file");
    db
}

/// A migrated desk with no cases, closed cleanly.
fn empty_desk(dir: &TempDir, name: &str) -> PathBuf {
    let db = dir.path().join(name);
    drop(Store::open(&db, OpenMode::CreateIfMissing).expect("create a desk"));
    db
}

#[cfg(unix)]
fn make_read_only(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o444)).unwrap();
}

#[cfg(not(unix))]
fn make_read_only(path: &Path) {
    let mut perms = std::fs::metadata(path).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(path, perms).unwrap();
}

#[test]
fn empty_file_holds_no_casedesk_data_for_commands_that_read_a_desk() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("empty.db");
    std::fs::write(&db, b"").unwrap();
    assert_refused(&db, &["today"], 2, "is empty: it holds no casedesk data");
    assert_refused(&db, &["check"], 2, "is empty: it holds no casedesk data");
    // A command that may create a desk starts one in the empty file.
    casedesk(&db).args(["demo", "--cases", "3"]).assert().success();
    casedesk(&db).arg("check").assert().success();
}

#[test]
fn random_bytes_are_not_a_database() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("noise.db");
    let mut bytes = vec![0u8; 8192];
    ChaCha8Rng::seed_from_u64(5).fill_bytes(&mut bytes);
    std::fs::write(&db, &bytes).unwrap();
    let message = "is not a casedesk database (it is not an SQLite file); nothing was changed";
    assert_refused(&db, &["today"], 2, message);
    assert_refused(&db, &["check"], 2, message);
    // Even a command that may create a desk must not overwrite it.
    assert_refused(&db, &["demo", "--cases", "3"], 2, message);
}

#[test]
fn truncated_database_is_refused_as_damaged() {
    let dir = TempDir::new().unwrap();
    let whole = demo_desk(&dir, "whole.db");
    let bytes = std::fs::read(&whole).unwrap();
    // The page size is the big-endian u16 at offset 16 (1 means 65536).
    let page_size = match u16::from_be_bytes([bytes[16], bytes[17]]) {
        1 => 65_536,
        n => n as usize,
    };
    assert!(bytes.len() > 2 * page_size, "the demo desk should span more than two pages");
    let db = dir.path().join("truncated.db");
    std::fs::write(&db, &bytes[..2 * page_size]).unwrap();
    assert_refused(&db, &["today"], 2, "is damaged (");
    // Damage is what check looks for: a fault found, exit 1, not bad input.
    assert_refused(&db, &["check"], 1, "nothing was changed: restore a backup");
    assert_refused(&db, &["demo", "--cases", "3"], 2, "is damaged (");
}

#[test]
fn damaged_page_is_refused_by_the_quick_check_on_open() {
    let dir = TempDir::new().unwrap();
    let db = demo_desk(&dir, "damaged.db");
    let mut bytes = std::fs::read(&db).unwrap();
    // Scribble over the middle of the file, keeping its length: only reading
    // the pages (the quick check) can find this.
    let middle = bytes.len() / 2 / 4096 * 4096;
    ChaCha8Rng::seed_from_u64(9).fill_bytes(&mut bytes[middle..middle + 3 * 4096]);
    std::fs::write(&db, &bytes).unwrap();
    assert_refused(&db, &["today"], 2, "is damaged (");
    assert_refused(&db, &["check"], 1, "is damaged (");
    assert_refused(&db, &["demo", "--cases", "3"], 2, "nothing was changed: restore a backup");
}

#[test]
fn tampered_audit_row_is_named_by_check_and_today_still_works() {
    let dir = TempDir::new().unwrap();
    let db = demo_desk(&dir, "tampered.db");
    {
        let conn = Connection::open(&db).unwrap();
        conn.execute_batch(
            "DROP TRIGGER audit_log_no_update;
             UPDATE audit_log SET user = 'someone else' WHERE id = 3;",
        )
        .unwrap();
    }
    let before = fingerprint(&db);
    casedesk(&db)
        .arg("check")
        .assert()
        .code(1)
        .stdout(predicate::str::contains("audit row 3: its contents do not match its hash"))
        .stderr(predicate::str::contains("the database has faults"));
    assert_eq!(fingerprint(&db), before, "check changed the file");
    casedesk(&db).arg("today").assert().success().stdout(predicate::str::starts_with("Today: Friday 20 November 2026"));
}

#[test]
fn directory_is_not_a_database_file() {
    let dir = TempDir::new().unwrap();
    let folder = dir.path().join("folder.db");
    std::fs::create_dir(&folder).unwrap();
    for args in [&["today"][..], &["check"], &["demo", "--cases", "3"]] {
        casedesk(&folder)
            .args(args)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("is a directory, not a database file"));
    }
    assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 0, "something was written into the directory");
}

#[test]
fn read_only_file_opens_read_only_and_refuses_changes() {
    let dir = TempDir::new().unwrap();
    let db = empty_desk(&dir, "locked.db");
    make_read_only(&db);
    let before = fingerprint(&db);
    casedesk(&db).arg("today").assert().success().stdout(predicate::str::starts_with("Today: Friday 20 November 2026"));
    casedesk(&db).arg("check").assert().success();
    assert_eq!(fingerprint(&db), before, "reading a read-only file changed it");
    assert_refused(
        &db,
        &["demo", "--cases", "3"],
        2,
        "the database is read-only (opened from a file you cannot write)",
    );

    let mut store = Store::open(&db, OpenMode::MustExist).unwrap();
    assert!(store.is_read_only());
    let err = store.undo_last().unwrap_err();
    assert!(matches!(err, StoreError::ReadOnly), "{err:?}");
    drop(store);
    assert_eq!(fingerprint(&db), before, "the read-only store changed the file");
}

#[test]
fn read_only_file_that_needs_upgrading_is_refused() {
    let dir = TempDir::new().unwrap();
    let db = empty_desk(&dir, "old.db");
    Connection::open(&db).unwrap().execute_batch("PRAGMA user_version = 0").unwrap();
    make_read_only(&db);
    assert_refused(&db, &["today"], 2, "needs upgrading from schema version 0");
}

#[test]
fn newer_schema_is_refused_untouched() {
    let dir = TempDir::new().unwrap();
    let db = empty_desk(&dir, "newer.db");
    let newer = SCHEMA_VERSION + 1;
    Connection::open(&db).unwrap().execute_batch(&format!("PRAGMA user_version = {newer}")).unwrap();
    let message = format!("was written by a newer casedesk (schema version {newer}");
    assert_refused(&db, &["today"], 2, &message);
    assert_refused(&db, &["check"], 2, &message);
    assert_refused(&db, &["demo", "--cases", "3"], 2, &message);
}

/// The `sqlite3` shell, when installed; in CI its absence is a failure.
fn sqlite3_shell() -> Option<std::process::Command> {
    let found = std::process::Command::new("sqlite3").arg("-version").output().is_ok_and(|o| o.status.success());
    if !found {
        assert!(std::env::var_os("CI").is_none(), "the sqlite3 shell is required in CI");
        eprintln!("skipped: the sqlite3 shell is not installed");
        return None;
    }
    Some(std::process::Command::new("sqlite3"))
}

#[test]
fn check_detects_an_audit_row_edited_with_the_sqlite3_shell() {
    let Some(mut shell) = sqlite3_shell() else { return };
    let dir = TempDir::new().unwrap();
    let db = demo_desk(&dir, "edited.db");
    casedesk(&db).arg("check").assert().success();
    let edit = "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET after_json = '{}' WHERE id = 5;";
    let status = shell.arg(&db).arg(edit).status().expect("run sqlite3");
    assert!(status.success(), "sqlite3 could not edit the file");
    casedesk(&db)
        .arg("check")
        .assert()
        .code(1)
        .stdout(predicate::str::contains("audit row 5"))
        .stdout(predicate::str::contains("FAULT"));
}

#[test]
fn empty_file_is_refused_by_must_exist_and_started_by_create_if_missing() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("empty.db");
    std::fs::write(&db, b"").unwrap();
    match Store::open(&db, OpenMode::MustExist) {
        Err(StoreError::Empty(p)) => assert_eq!(p, db),
        Err(other) => panic!("expected Empty, got {other:?}"),
        Ok(_) => panic!("an empty file was opened as an existing desk"),
    }
    assert_eq!(fingerprint(&db), Fingerprint { bytes: Vec::new(), sidecars: Vec::new() });
    let store = Store::open(&db, OpenMode::CreateIfMissing).expect("a new desk starts in an empty file");
    assert!(store.check().unwrap().is_ok());
}

/// A device, a FIFO or a socket named as the desk is refused from its type
/// alone, at once: never opened (a FIFO would wait forever for a writer),
/// never chmodded, never replaced.
#[cfg(unix)]
#[test]
fn a_device_a_fifo_or_a_socket_is_not_a_database_file() {
    use std::os::unix::fs::{FileTypeExt, PermissionsExt};
    let dir = TempDir::new().unwrap();
    let fifo = dir.path().join("pipe.db");
    let name = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path; mkfifo only creates the node.
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o644) }, 0, "mkfifo failed");
    let socket = dir.path().join("socket.db");
    let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
    let null = Path::new("/dev/null");
    let cases = [(null, "is a character device"), (&fifo, "is a named pipe (FIFO)"), (&socket, "is a socket")];
    for (path, kind) in cases {
        let mode_before = std::fs::metadata(path).unwrap().permissions().mode();
        for args in [&["today"][..], &["summary"], &["check"], &["demo", "--cases", "3"], &["import", "x.csv"]] {
            casedesk(path)
                .args(args)
                .timeout(std::time::Duration::from_secs(30))
                .assert()
                .code(2)
                .stderr(predicate::str::contains(kind))
                .stderr(predicate::str::contains("not a database file; nothing was changed"));
        }
        let meta = std::fs::metadata(path).unwrap();
        assert_eq!(meta.permissions().mode(), mode_before, "{} was chmodded", path.display());
        assert!(!meta.is_file(), "{} was replaced by a regular file", path.display());
        assert!(
            SIDECARS.iter().all(|s| !sidecar(path, s).exists()),
            "a journal file was left beside {}",
            path.display()
        );
    }
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
    assert!(std::fs::metadata(null).unwrap().file_type().is_char_device());
}

const FOREIGN: &str = "is a SQLite database of another application, not a casedesk desk; nothing was changed";

/// Another application's SQLite file, in its own (rollback) journal mode.
fn foreign_file(dir: &TempDir, name: &str, setup: &str) -> PathBuf {
    let db = dir.path().join(name);
    Connection::open(&db).unwrap().execute_batch(setup).unwrap();
    assert!(SIDECARS.iter().all(|s| !sidecar(&db, s).exists()));
    db
}

#[test]
fn another_applications_database_is_refused_byte_for_byte_unchanged() {
    let dir = TempDir::new().unwrap();
    let unversioned = foreign_file(
        &dir,
        "notes.db",
        "CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO note VALUES (1, 'hi');",
    );
    // A version number of its own, as many applications keep, without casedesk's tables.
    let versioned =
        foreign_file(&dir, "app.db", "CREATE TABLE item (x); INSERT INTO item VALUES (1); PRAGMA user_version = 3;");
    // casedesk's table names alone do not make a desk: the version says it is not one.
    let lookalike = foreign_file(&dir, "lookalike.db", "CREATE TABLE audit_log (x); CREATE TABLE case_file (y);");
    for db in [&unversioned, &versioned, &lookalike] {
        for args in [&["today"][..], &["summary"], &["audit"], &["check"], &["demo", "--cases", "3"]] {
            assert_refused(db, args, 2, FOREIGN);
        }
        let journal: String = Connection::open(db).unwrap().query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
        assert_eq!(journal, "delete", "{} was switched to WAL", db.display());
        assert!(matches!(Store::open(db, OpenMode::CreateIfMissing), Err(StoreError::Foreign(_))));
    }
}

#[test]
fn a_desk_from_before_the_mark_is_still_a_desk_and_is_marked_when_opened_to_write() {
    let dir = TempDir::new().unwrap();
    // An empty desk: records written now would carry seals (0009) in the
    // log, which a desk of version 7 cannot have.
    let db = dir.path().join("old.db");
    drop(Store::open(&db, OpenMode::CreateIfMissing).unwrap());
    common_version_7_unmarked(&db);
    casedesk(&db).arg("check").assert().success();
    let conn = Connection::open(&db).unwrap();
    let mark: i64 = conn.query_row("PRAGMA application_id", [], |r| r.get(0)).unwrap();
    assert_eq!(mark, casedesk::store::APPLICATION_ID);
    casedesk(&db).arg("today").assert().success();
}

/// A desk as casedesk before migration 0008 left it: version 7, no mark,
/// no record seals (0009), no desk days (0010), no authorising rank (0011), no record of backups (0013),
/// no directory details (0014), no service profiles (0015), no finalising (0016), no facilitators, venues
/// or agencies (0025), no harmed-party-told timer (0026), no enhanced rights or report date (0027), no
/// date of each case's last progress (0028), no meeting lengths, rooms or linked facilitators (0030), no providers' returns or enquiries (0031), no meetings (0033),
/// no follow-up words in its index (0035), no caseload counts (0037).
fn common_version_7_unmarked(db: &Path) {
    let conn = Connection::open(db).unwrap();
    conn.execute_batch(common::WITHOUT_CASELOAD_COUNTS).unwrap();
    conn.execute_batch(common::WITHOUT_MEETINGS).unwrap();
    conn.execute_batch(common::WITHOUT_CASE_PROGRESS).unwrap();
    conn.execute_batch(common::WITHOUT_PROVIDER_RETURNS).unwrap();
    conn.execute_batch(
            "DROP TRIGGER case_file_marks_disposal_live; DROP TRIGGER oocd_disposal_case_live_insert;
             DROP TRIGGER oocd_disposal_case_live_update; DROP INDEX IF EXISTS oocd_disposal_to_finalise;
             DROP TRIGGER IF EXISTS condition_counts_insert; DROP TRIGGER IF EXISTS condition_counts_delete;
             DROP TRIGGER IF EXISTS condition_counts_update; DROP TRIGGER IF EXISTS oocd_disposal_counts_insert;
             DROP TRIGGER IF EXISTS oocd_disposal_counts_update; DROP INDEX IF EXISTS oocd_disposal_ready;
             ALTER TABLE oocd_disposal DROP COLUMN conditions_held; ALTER TABLE oocd_disposal DROP COLUMN conditions_open;
             DROP INDEX oocd_disposal_police_record; DROP INDEX condition_case_status;
             ALTER TABLE oocd_disposal DROP COLUMN finalised_on; ALTER TABLE oocd_disposal DROP COLUMN police_record_updated_on;
             ALTER TABLE oocd_disposal DROP COLUMN case_live;
             DROP TABLE backup_made; DROP TABLE service_profile; DROP TABLE IF EXISTS desk_user; DROP TABLE IF EXISTS desk_setting; DROP INDEX IF EXISTS feedback_collected; DROP INDEX IF EXISTS feedback_case; ALTER TABLE feedback DROP COLUMN person_id; ALTER TABLE feedback DROP COLUMN felt_safe; DROP TABLE IF EXISTS checklist_version; DROP TABLE IF EXISTS case_document; DROP TABLE IF EXISTS document_content; DROP INDEX IF EXISTS audit_log_day_entity; DROP INDEX IF EXISTS audit_log_day_op; DROP INDEX audit_log_desk_day; ALTER TABLE audit_log DROP COLUMN desk_day;
             ALTER TABLE audit_log DROP COLUMN row_hash;
             ALTER TABLE oocd_disposal DROP COLUMN authorising_rank; ALTER TABLE oocd_disposal DROP COLUMN yot_referred_on;
             ALTER TABLE oocd_disposal DROP COLUMN proceed_reason; ALTER TABLE oocd_disposal DROP COLUMN time_limit_reason;
             ALTER TABLE case_file DROP COLUMN closed_from; ALTER TABLE case_file DROP COLUMN withdrawn_by;
             ALTER TABLE case_file DROP COLUMN withdrawal_reason; ALTER TABLE case_file DROP COLUMN withdrawal_note;
             ALTER TABLE agreement_item DROP COLUMN end_reason; ALTER TABLE condition DROP COLUMN end_reason;
             DROP INDEX case_file_coordinator; ALTER TABLE coordinator DROP COLUMN team;
             ALTER TABLE coordinator DROP COLUMN email; ALTER TABLE coordinator DROP COLUMN phone;
             ALTER TABLE coordinator DROP COLUMN max_caseload; ALTER TABLE coordinator DROP COLUMN notes;
             ALTER TABLE provider DROP COLUMN notes;
             DROP INDEX process_facilitator_by_facilitator; DROP TABLE process_facilitator;
             DROP INDEX IF EXISTS rj_process_diary; DROP INDEX rj_process_room_time; ALTER TABLE rj_process DROP COLUMN room_id;
             ALTER TABLE rj_process DROP COLUMN duration_minutes;
             DROP INDEX facilitator_vetting; DROP TABLE facilitator; DROP INDEX venue_room_venue; DROP TABLE venue_room;
             DROP TABLE venue; DROP TABLE agency; ALTER TABLE provider DROP COLUMN courses;
             ALTER TABLE provider DROP COLUMN referral_method; ALTER TABLE provider DROP COLUMN cost_pence;
             DROP TRIGGER agreement_item_settles_insert; DROP TRIGGER agreement_item_settles_update;
             DROP TRIGGER agreement_item_settles_delete; DROP TRIGGER outcome_agreement_settled_insert;
             DROP TRIGGER outcome_agreement_settled_update; DROP INDEX outcome_agreement_to_inform; DROP VIEW agreement_settled;
             ALTER TABLE outcome_agreement DROP COLUMN items_settled_on; ALTER TABLE person DROP COLUMN enhanced_rights;
             ALTER TABLE case_file DROP COLUMN reported_on;
             PRAGMA application_id = 0; PRAGMA user_version = 7;",
        )
        .unwrap();
}

#[test]
fn a_reading_command_leaves_the_journal_mode_as_it_found_it() {
    let dir = TempDir::new().unwrap();
    let db = demo_desk(&dir, "rollback.db");
    Connection::open(&db).unwrap().execute_batch("PRAGMA journal_mode = DELETE").unwrap();
    casedesk(&db).arg("today").assert().success();
    casedesk(&db).args(["summary", "--format", "json"]).assert().success();
    let conn = Connection::open(&db).unwrap();
    let journal: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(journal, "delete", "a reading command switched the desk to WAL");
    let logged: i64 = conn
        .query_row("SELECT COUNT(*) FROM audit_log WHERE op = 'export' AND entity = 'summary'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(logged, 1, "the summary's export is still logged");
}

/// A casedesk still open on `db` after saving one case: its WAL holds frames
/// not yet in the file for as long as it stays open.
fn writer_with_one_new_case(db: &Path, mode: OpenMode) -> Store {
    use casedesk::domain::types::{Service, Source};
    let mut writer = Store::open(db, mode).unwrap();
    let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 2).unwrap();
    writer
        .write(|tx| tx.create_case(&casedesk::store::model::NewCase::new(Service::Mediation, Source::Police, day)))
        .unwrap();
    writer
}

/// A `-wal` of another desk left beside this one (copied with it, or a name
/// reused) must not be replayed into it: SQLite would take it, the desk would
/// shrink to the other's size at the first checkpoint, and `check` would find
/// nothing wrong. It is refused, named, and everything is left as it was.
#[test]
fn a_wal_left_from_another_database_is_refused_and_named() {
    let dir = TempDir::new().unwrap();
    let desk = demo_desk(&dir, "desk.db");
    let other_dir = TempDir::new().unwrap();
    let other = other_dir.path().join("desk.db");
    // Another desk, still open in a writing casedesk: its WAL holds its frames.
    let writer = writer_with_one_new_case(&other, OpenMode::CreateIfMissing);
    assert!(sidecar(&other, "-wal").metadata().unwrap().len() > 0, "the other desk's WAL has no frames");
    let wal = sidecar(&desk, "-wal");
    std::fs::copy(sidecar(&other, "-wal"), &wal).unwrap();
    let (desk_before, wal_before) = (std::fs::read(&desk).unwrap(), std::fs::read(&wal).unwrap());

    for args in [&["today"][..], &["check"], &["summary"], &["demo", "--cases", "3"]] {
        casedesk(&desk)
            .args(args)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(format!("{} does not belong to the desk", wal.display())))
            .stderr(predicate::str::contains("nothing was changed"));
        assert_eq!(std::fs::read(&desk).unwrap(), desk_before, "{args:?} changed the desk");
        assert_eq!(std::fs::read(&wal).unwrap(), wal_before, "{args:?} changed the stray WAL");
        assert!(!sidecar(&desk, "-shm").exists(), "{args:?} left a -shm beside the refused desk");
    }
    assert!(matches!(Store::open(&desk, OpenMode::MustExist), Err(StoreError::StrayWal { .. })));
    drop(writer);

    // Moved away as the sentence says, the desk opens as it was.
    std::fs::remove_file(&wal).unwrap();
    casedesk(&desk).arg("check").assert().success();
}

/// The normal leftover: this desk's own WAL after a crash, with committed
/// changes not yet in the file, is read and kept, not refused.
#[test]
fn a_desks_own_wal_left_by_a_crash_is_taken() {
    let dir = TempDir::new().unwrap();
    let desk = demo_desk(&dir, "desk.db");
    let writer = writer_with_one_new_case(&desk, OpenMode::MustExist);
    // A copy of the file and its WAL as they stand is what a killed casedesk leaves.
    let crashed = dir.path().join("crashed.db");
    std::fs::copy(&desk, &crashed).unwrap();
    std::fs::copy(sidecar(&desk, "-wal"), sidecar(&crashed, "-wal")).unwrap();
    drop(writer);
    casedesk(&crashed).arg("check").assert().success();
    let cases: i64 =
        Connection::open(&crashed).unwrap().query_row("SELECT COUNT(*) FROM case_file", [], |r| r.get(0)).unwrap();
    assert_eq!(cases, 13, "the change committed before the crash was lost");
}

/// Another application's database in WAL mode, left with its `-wal` by a
/// crash: refused as not a desk, with nothing added beside it.
#[test]
fn another_applications_database_with_its_wal_is_refused_and_nothing_is_left_beside_it() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("app.db");
    let app = Connection::open(&db).unwrap();
    app.execute_batch("PRAGMA journal_mode = WAL; CREATE TABLE item (x); INSERT INTO item VALUES (1);").unwrap();
    // The other application "crashes": its WAL stays, its shared-memory file goes.
    let (wal, shm) = (std::fs::read(sidecar(&db, "-wal")).unwrap(), sidecar(&db, "-shm"));
    drop(app);
    std::fs::write(sidecar(&db, "-wal"), &wal).unwrap();
    let _ = std::fs::remove_file(&shm);
    for args in [&["today"][..], &["check"]] {
        assert_refused(&db, args, 2, FOREIGN);
        assert!(!shm.exists(), "{args:?} left a -shm beside another application's database");
    }
}
