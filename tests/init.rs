//! `casedesk init`: a new plain database, never over an existing file; and,
//! in a build without encryption, `init --encrypt` and `rekey` saying how to
//! get a build that has it.

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;
use tempfile::TempDir;

fn casedesk(db: &Path) -> Command {
    let mut cmd = Command::cargo_bin("casedesk").expect("binary built");
    cmd.env_remove("CASEDESK_DB")
        .env_remove("CASEDESK_TODAY")
        .env_remove("CASEDESK_PASSPHRASE")
        .arg("--db")
        .arg(db)
        .args(["--today", "2026-11-20"]);
    cmd
}

#[test]
fn init_makes_a_plain_empty_desk_and_refuses_an_existing_file() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("sub").join("new.db");
    casedesk(&db).arg("init").assert().success().stdout(predicate::str::contains("Created a database at"));
    assert!(std::fs::read(&db).unwrap().starts_with(b"SQLite format 3\0"));
    casedesk(&db).arg("check").assert().success().stdout(predicate::str::contains("All checks passed."));
    casedesk(&db).arg("today").assert().success();
    let before = std::fs::read(&db).unwrap();
    casedesk(&db).arg("init").assert().code(2).stderr(predicate::str::contains("already exists"));
    assert_eq!(std::fs::read(&db).unwrap(), before);
    // Even an empty file is someone's: init leaves it alone.
    let empty = dir.path().join("empty.db");
    std::fs::write(&empty, b"").unwrap();
    casedesk(&empty).arg("init").assert().code(2).stderr(predicate::str::contains("already exists"));
    assert_eq!(std::fs::read(&empty).unwrap(), b"");
}

#[cfg(not(feature = "encryption"))]
#[test]
fn without_the_feature_encrypt_and_rekey_say_how_to_build_it() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("never.db");
    casedesk(&db)
        .env("CASEDESK_PASSPHRASE", "correct horse battery staple")
        .args(["init", "--encrypt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("built without encryption"))
        .stderr(predicate::str::contains("cargo build --release --features encryption"));
    assert!(!db.exists(), "a refused init created a file");

    let plain = dir.path().join("plain.db");
    casedesk(&plain).arg("init").assert().success();
    casedesk(&plain)
        .arg("rekey")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cargo build --release --features encryption"));
}

/// A file that may be an encrypted desk (whole pages, no SQLite header) is
/// refused with a pointer to the encryption build, and left as it was.
#[cfg(not(feature = "encryption"))]
#[test]
fn without_the_feature_an_encrypted_looking_file_says_how_to_build_it() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("secret.db");
    let bytes: Vec<u8> = (0..8192u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    std::fs::write(&db, &bytes).unwrap();
    casedesk(&db)
        .arg("today")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is not a casedesk database (it is not an SQLite file)"))
        .stderr(predicate::str::contains("--features encryption"));
    assert_eq!(std::fs::read(&db).unwrap(), bytes);
}
