//! Encryption at rest, through the real binary: `init --encrypt`, personal
//! data absent from every file written (database, WAL, backups), a wrong or
//! missing passphrase refused in one sentence with the file unchanged,
//! `rekey`, and encrypted backups that `check` and `restore` accept.
#![cfg(feature = "encryption")]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use casedesk::store::key::{self, Passphrase};
use casedesk::store::{backup, OpenMode, Store, StoreError};
use predicates::prelude::*;
use rusqlite::Connection;
use tempfile::TempDir;

const TODAY: &str = "2026-11-20";
const PASS: &str = "correct horse battery staple";
const NEW_PASS: &str = "a different passphrase entirely";
const SIDECARS: [&str; 3] = ["-wal", "-shm", "-journal"];

fn casedesk(db: &Path) -> Command {
    let mut cmd = Command::cargo_bin("casedesk").expect("binary built");
    cmd.env_remove("CASEDESK_DB")
        .env_remove("CASEDESK_TODAY")
        .env_remove("CASEDESK_PASSPHRASE")
        .env_remove("CASEDESK_NEW_PASSPHRASE")
        .arg("--db")
        .arg(db)
        .args(["--today", TODAY]);
    cmd
}

fn with_pass(db: &Path, pass: &str) -> Command {
    let mut cmd = casedesk(db);
    cmd.env("CASEDESK_PASSPHRASE", pass);
    cmd
}

fn sidecar(db: &Path, suffix: &str) -> PathBuf {
    let mut name = db.as_os_str().to_os_string();
    name.push(suffix);
    PathBuf::from(name)
}

/// An encrypted desk holding `cases` demo cases, closed cleanly.
fn encrypted_demo(dir: &TempDir, cases: u32) -> PathBuf {
    let db = dir.path().join("secret.db");
    with_pass(&db, PASS)
        .args(["init", "--encrypt"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Created an encrypted database"));
    with_pass(&db, PASS).args(["demo", "--cases", &cases.to_string(), "--seed", "4"]).assert().success();
    db
}

fn plain_demo(dir: &TempDir, cases: u32) -> PathBuf {
    let db = dir.path().join("plain.db");
    casedesk(&db).args(["demo", "--cases", &cases.to_string(), "--seed", "4"]).assert().success();
    db
}

/// A keyed read-only connection, as a tool outside casedesk would make.
fn keyed(db: &Path, pass: &str) -> Connection {
    let conn = Connection::open(db).unwrap();
    conn.pragma_update(None, "key", pass).unwrap();
    conn
}

/// Personal data the demo wrote: every family name, email and address.
fn personal_strings(conn: &Connection) -> Vec<String> {
    let mut stmt = conn
        .prepare("SELECT family_name || ', ' || given_names, email, address FROM person WHERE email IS NOT NULL")
        .unwrap();
    let rows = stmt.query_map([], |r| Ok([r.get::<_, String>(0)?, r.get(1)?, r.get::<_, String>(2)?])).unwrap();
    let strings: Vec<String> = rows.flat_map(|r| r.unwrap()).filter(|s| s.len() >= 8).collect();
    assert!(strings.len() > 20, "the demo should hold people with emails and addresses");
    strings
}

/// Which of `needles` occur anywhere in the file's raw bytes. (Invalid UTF-8
/// becomes U+FFFD; the text SQLite stores is whole UTF-8 runs, kept as they are.)
fn found_in(path: &Path, needles: &[String]) -> Vec<String> {
    let bytes = std::fs::read(path).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    needles.iter().filter(|n| text.contains(n.as_str())).cloned().collect()
}

fn starts_plain(path: &Path) -> bool {
    std::fs::read(path).unwrap().starts_with(b"SQLite format 3\0")
}

#[derive(Debug, PartialEq, Eq)]
struct Fingerprint {
    bytes: Vec<u8>,
    sidecars: Vec<&'static str>,
}

fn fingerprint(db: &Path) -> Fingerprint {
    Fingerprint {
        bytes: std::fs::read(db).unwrap(),
        sidecars: SIDECARS.into_iter().filter(|s| sidecar(db, s).exists()).collect(),
    }
}

fn stderr_of(assert: &assert_cmd::assert::Assert) -> String {
    String::from_utf8(assert.get_output().stderr.clone()).unwrap()
}

#[test]
fn the_build_links_sqlcipher() {
    let version = key::cipher_version().expect("PRAGMA cipher_version answers in the encryption build");
    assert!(version.starts_with('4'), "{version}");
}

#[test]
fn an_encrypted_desk_holds_no_name_in_the_clear_but_a_plain_one_does() {
    let dir = TempDir::new().unwrap();
    let plain = plain_demo(&dir, 20);
    let secret = encrypted_demo(&dir, 20);
    let names = personal_strings(&keyed(&secret, PASS));
    // The same seed writes the same people, so the plain file shows the search works.
    assert_eq!(personal_strings(&Connection::open(&plain).unwrap()), names);
    assert!(!found_in(&plain, &names).is_empty(), "the control: names are readable in a plain desk");
    assert!(!starts_plain(&secret));
    assert_eq!(found_in(&secret, &names), Vec::<String>::new());
}

#[test]
fn changes_in_the_wal_are_encrypted_too() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("wal.db");
    with_pass(&db, PASS).args(["init", "--encrypt"]).assert().success();
    let mut store = Store::open_keyed(&db, OpenMode::MustExist, Some(Passphrase::new(PASS.into()))).unwrap();
    let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    casedesk::demo::generate(&mut store, &casedesk::demo::DemoOptions { cases: 10, seed: 2, today: day }).unwrap();
    let wal = sidecar(&db, "-wal");
    let names = personal_strings(&keyed(&db, PASS));
    assert!(std::fs::metadata(&wal).unwrap().len() > 0, "the changes are still in the WAL");
    assert_eq!(found_in(&wal, &names), Vec::<String>::new());
    drop(store);
}

#[test]
fn a_wrong_passphrase_is_one_sentence_exit_2_and_the_file_is_unchanged() {
    let dir = TempDir::new().unwrap();
    let db = encrypted_demo(&dir, 10);
    let before = fingerprint(&db);
    for args in [&["today"][..], &["check"], &["demo", "--cases", "3"], &["backup", "copy.db"]] {
        let assert = with_pass(&db, "not the passphrase").args(args).assert().code(2);
        let stderr = stderr_of(&assert);
        assert!(stderr.starts_with("casedesk: wrong passphrase or not a casedesk database"), "{args:?}: {stderr}");
        // SQLCipher's own complaints (its log) must not reach the screen.
        assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
        assert_eq!(fingerprint(&db), before, "{args:?} changed the file");
    }
    assert!(!dir.path().join("copy.db").exists());
    let err = Store::open_keyed(&db, OpenMode::MustExist, Some(Passphrase::new("wrong one!".into())))
        .err()
        .expect("a wrong passphrase is refused");
    assert!(matches!(err, StoreError::WrongPassphrase(_)), "{err:?}");
    assert_eq!(fingerprint(&db), before);
}

#[test]
fn no_passphrase_says_how_to_give_one_and_changes_nothing() {
    let dir = TempDir::new().unwrap();
    let db = encrypted_demo(&dir, 5);
    let before = fingerprint(&db);
    // Standard input is not a terminal here, so nothing is asked.
    let assert = casedesk(&db).arg("today").assert().code(2);
    let stderr = stderr_of(&assert);
    assert!(stderr.contains("give its passphrase in CASEDESK_PASSPHRASE"), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    // An empty variable is as good as none (an unset variable in a script).
    casedesk(&db).env("CASEDESK_PASSPHRASE", "").arg("today").assert().code(2);
    assert_eq!(fingerprint(&db), before);
}

#[test]
fn init_refuses_an_existing_file_and_a_short_passphrase() {
    let dir = TempDir::new().unwrap();
    let db = encrypted_demo(&dir, 3);
    let before = fingerprint(&db);
    with_pass(&db, PASS)
        .args(["init", "--encrypt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already exists"));
    casedesk(&db).arg("init").assert().code(2).stderr(predicate::str::contains("already exists"));
    assert_eq!(fingerprint(&db), before);
    let fresh = dir.path().join("short.db");
    with_pass(&fresh, "short")
        .args(["init", "--encrypt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("at least 8 characters"));
    assert!(!fresh.exists(), "a refused init left a file");
    // Without a passphrase and without a terminal, nothing can be chosen.
    casedesk(&fresh)
        .args(["init", "--encrypt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("give the passphrase in CASEDESK_PASSPHRASE"));
    assert!(!fresh.exists());
}

#[test]
fn rekey_makes_the_old_passphrase_fail_and_the_new_one_work_backups_included() {
    let dir = TempDir::new().unwrap();
    let db = encrypted_demo(&dir, 10);
    // The first writing open of the day (with audit rows) writes today's
    // rolling backup; a reading command such as `today` leaves it.
    with_pass(&db, PASS).arg("check").assert().success();
    let rolling = backup::rolling_backups(&db);
    assert_eq!(rolling.len(), 1, "{rolling:?}");
    let old = Passphrase::new(PASS.into());
    let new = Passphrase::new(NEW_PASS.into());
    assert!(key::opens_with(&rolling[0], &old));

    with_pass(&db, PASS)
        .env("CASEDESK_NEW_PASSPHRASE", NEW_PASS)
        .arg("rekey")
        .assert()
        .success()
        .stdout(predicate::str::contains("Changed the passphrase of"))
        .stdout(predicate::str::contains("1 of 1 rolling backups"));

    let assert = with_pass(&db, PASS).arg("today").assert().code(2);
    assert!(stderr_of(&assert).contains("wrong passphrase or not a casedesk database"));
    with_pass(&db, NEW_PASS).arg("check").assert().success().stdout(predicate::str::contains("All checks passed."));
    assert!(key::opens_with(&db, &new) && !key::opens_with(&db, &old));
    assert!(key::opens_with(&rolling[0], &new) && !key::opens_with(&rolling[0], &old));
    // The data came through: the same people as before.
    assert_eq!(personal_strings(&keyed(&db, NEW_PASS)).len(), personal_strings(&keyed(&rolling[0], NEW_PASS)).len());
}

#[test]
fn rekey_with_a_wrong_current_passphrase_or_a_short_new_one_changes_nothing() {
    let dir = TempDir::new().unwrap();
    let db = encrypted_demo(&dir, 5);
    let before = fingerprint(&db);
    let assert =
        with_pass(&db, "not the passphrase").env("CASEDESK_NEW_PASSPHRASE", NEW_PASS).arg("rekey").assert().code(2);
    assert!(stderr_of(&assert).contains("wrong passphrase or not a casedesk database"));
    assert_eq!(fingerprint(&db), before);
    with_pass(&db, PASS)
        .env("CASEDESK_NEW_PASSPHRASE", "short")
        .arg("rekey")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("at least 8 characters"));
    assert!(key::opens_with(&db, &Passphrase::new(PASS.into())));
}

#[test]
fn rekey_refuses_while_another_process_has_the_desk_open() {
    let dir = TempDir::new().unwrap();
    let db = encrypted_demo(&dir, 5);
    let holder = Store::open_keyed(&db, OpenMode::MustExist, Some(Passphrase::new(PASS.into()))).unwrap();
    with_pass(&db, PASS)
        .env("CASEDESK_NEW_PASSPHRASE", NEW_PASS)
        .arg("rekey")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("in use by another process"));
    drop(holder);
    assert!(key::opens_with(&db, &Passphrase::new(PASS.into())));
}

#[test]
fn rolling_and_manual_backups_are_encrypted_and_check_and_restore_accept_them() {
    let dir = TempDir::new().unwrap();
    let db = encrypted_demo(&dir, 30);
    let names = personal_strings(&keyed(&db, PASS));
    with_pass(&db, PASS).arg("check").assert().success().stdout(predicate::str::contains("All checks passed."));
    let rolling = backup::rolling_backups(&db);
    assert_eq!(rolling.len(), 1, "{rolling:?}");

    let copy = dir.path().join("copy.db");
    with_pass(&db, PASS).arg("backup").arg(&copy).assert().success();
    for file in [&rolling[0], &copy] {
        assert!(!starts_plain(file), "{} is a plaintext copy", file.display());
        assert_eq!(found_in(file, &names), Vec::<String>::new(), "{}", file.display());
        with_pass(file, PASS).arg("check").assert().success().stdout(predicate::str::contains("All checks passed."));
        let assert = with_pass(file, "not the passphrase").arg("check").assert().code(2);
        assert!(stderr_of(&assert).contains("wrong passphrase"));
    }

    // Restore the copy over the desk: verified with the passphrase, then swapped in.
    with_pass(&db, PASS)
        .arg("restore")
        .arg(&copy)
        .assert()
        .success()
        .stdout(predicate::str::contains("audit chain of"));
    with_pass(&db, PASS).arg("check").assert().success();
    let before = fingerprint(&db);
    let assert = with_pass(&db, "not the passphrase").arg("restore").arg(&copy).assert().code(2);
    assert!(stderr_of(&assert).contains("wrong passphrase or not a casedesk database"), "{}", stderr_of(&assert));
    let assert = casedesk(&db).arg("restore").arg(&copy).assert().code(2);
    assert!(stderr_of(&assert).contains("give its passphrase in CASEDESK_PASSPHRASE"), "{}", stderr_of(&assert));
    assert_eq!(fingerprint(&db), before, "a refused restore changed the desk");
}

#[test]
fn a_store_that_forgot_its_passphrase_writes_no_backup() {
    let dir = TempDir::new().unwrap();
    let db = encrypted_demo(&dir, 3);
    let mut store = Store::open_keyed(&db, OpenMode::MustExist, Some(Passphrase::new(PASS.into()))).unwrap();
    assert!(store.is_encrypted());
    store.forget_passphrase();
    let dest = dir.path().join("after-forget.db");
    let err = store.backup_to(&dest).expect_err("no key, no backup");
    assert!(err.to_string().contains("wiped from memory"), "{err}");
    assert!(!dest.exists());
    // The desk itself still works: SQLCipher keeps the key it derived.
    assert!(store.case_count().unwrap() > 0);
}

#[test]
fn a_plain_desk_still_opens_without_a_passphrase_in_this_build() {
    let dir = TempDir::new().unwrap();
    let plain = plain_demo(&dir, 5);
    with_pass(&plain, PASS).arg("check").assert().success();
    casedesk(&plain).arg("today").assert().success();
    // And rekey says there is no passphrase to change.
    with_pass(&plain, PASS)
        .env("CASEDESK_NEW_PASSPHRASE", NEW_PASS)
        .arg("rekey")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is not encrypted"));
    assert!(starts_plain(&plain));
}

#[cfg(unix)]
#[test]
fn a_read_only_encrypted_desk_opens_read_only_with_its_passphrase() {
    use std::os::unix::fs::PermissionsExt;
    let dir = TempDir::new().unwrap();
    let db = encrypted_demo(&dir, 5);
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o444)).unwrap();
    let before = fingerprint(&db);
    with_pass(&db, PASS)
        .arg("today")
        .assert()
        .success()
        .stdout(predicate::str::starts_with("Today: Friday 20 November 2026"))
        .stderr(predicate::str::contains("opened read-only"));
    let assert = with_pass(&db, "not the passphrase").arg("today").assert().code(2);
    assert!(stderr_of(&assert).contains("wrong passphrase"), "{}", stderr_of(&assert));
    assert_eq!(fingerprint(&db), before);
}
