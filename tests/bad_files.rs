//! The bad-file corpus: each file casedesk may be pointed at by mistake gets
//! its own clear sentence and exit code, and is left byte-for-byte as it was,
//! with no `-wal`, `-shm` or `-journal` file left beside it.
//!
//! Decided behaviour for an empty file: a command that reads an existing desk
//! (`today`, `check`, ...) says the file holds no casedesk data and leaves it
//! alone; a command that may create a desk (`demo`, the interface) starts one
//! in it, as it would in a missing file.

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
