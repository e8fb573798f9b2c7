//! Rolling backups and their manifests, the manifest check that catches a
//! truncated or rewritten audit log, and restore refusing anything it cannot
//! verify while leaving every file as it was.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use casedesk::domain::types::{Service, Source};
use casedesk::store::backup::{self, ManifestFinding};
use casedesk::store::model::NewCase;
use casedesk::store::{OpenMode, Store};
use chrono::NaiveDate;
use common::desk_file::casedesk;
use rusqlite::Connection;
use tempfile::TempDir;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

/// A database file with `cases` cases (one audit row each), closed again.
fn desk(cases: usize) -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.db");
    let mut store = Store::open(&db, OpenMode::CreateIfMissing).unwrap();
    add_cases(&mut store, cases);
    (dir, db)
}

fn add_cases(store: &mut Store, n: usize) {
    store
        .write(|tx| {
            for _ in 0..n {
                tx.create_case(&NewCase::new(Service::Mediation, Source::Police, d("2026-11-02")))?;
            }
            Ok(())
        })
        .unwrap();
}

fn count(db: &Path, table: &str) -> i64 {
    Connection::open(db).unwrap().query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0)).unwrap()
}

/// A compressed backup decompressed into a temporary SQLite file.
fn unpacked(backup: &Path) -> tempfile::TempPath {
    let mut out = tempfile::NamedTempFile::new().unwrap();
    casedesk::store::compress::decompress_into(backup, out.as_file_mut()).unwrap();
    out.into_temp_path()
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

// ------------------------------------------------------------ rolling backups

#[test]
fn the_first_open_of_the_day_writes_one_backup_and_its_manifest() {
    let (_dir, db) = desk(2);
    // The store that wrote the cases opened an empty desk: nothing to back up then.
    let rolling = backup::rolling_path(&db, today());
    assert!(!rolling.exists(), "an empty desk was backed up");

    let store = Store::open(&db, OpenMode::MustExist).unwrap();
    assert!(rolling.is_file(), "no rolling backup at {}", rolling.display());
    assert_eq!(store.backup_warning(), None);
    let manifest = backup::read_manifest(&backup::manifest_path(&rolling)).unwrap();
    let chain = store.check().unwrap().audit;
    assert_eq!(manifest.audit_rows, 2);
    assert_eq!(manifest.audit_rows, chain.rows);
    assert_eq!(manifest.audit_newest_hash, chain.newest_hash);
    assert_eq!(manifest.schema_version, casedesk::store::SCHEMA_VERSION);
    // The rolling backup is compressed; the manifest names both hashes.
    assert_eq!(manifest.compression.as_deref(), Some("zstd"));
    let file_hash = casedesk::store::compress::hash_plain(&rolling).unwrap().file;
    assert_eq!(manifest.file_sha256.as_deref(), Some(file_hash.as_str()));
    let sqlite = unpacked(&rolling);
    let content_hash = casedesk::store::compress::hash_plain(&sqlite).unwrap().content;
    assert_eq!(manifest.content_sha256.as_deref(), Some(content_hash.as_str()));
    assert_eq!(count(&sqlite, "case_file"), 2);
    drop(store);

    // A second open the same day leaves the backup alone.
    let before = fs::read(&rolling).unwrap();
    let mut store = Store::open(&db, OpenMode::MustExist).unwrap();
    add_cases(&mut store, 1);
    drop(store);
    Store::open(&db, OpenMode::MustExist).unwrap();
    assert_eq!(fs::read(&rolling).unwrap(), before);
    assert_eq!(names_in(&backup::rolling_dir(&db)).len(), 2, "{:?}", names_in(&backup::rolling_dir(&db)));
}

#[test]
fn backups_rotate_to_seven_dailies_and_four_weeklies() {
    let (_dir, db) = desk(1);
    let store = Store::open(&db, OpenMode::MustExist).unwrap();
    // 2026-01-05 is a Monday: 42 days are six whole weeks.
    let first = d("2026-01-05");
    for offset in 0..42 {
        backup::write_rolling(&store, &db, first + chrono::Days::new(offset)).unwrap();
    }
    let dir = backup::rolling_dir(&db);
    let names = names_in(&dir);
    let dbs: Vec<&String> = names.iter().filter(|n| n.ends_with(".db.zst")).collect();
    let manifests: Vec<&String> = names.iter().filter(|n| n.ends_with(".manifest.json")).collect();
    // Today's (made when the store opened) and the six newest of January and
    // February are the dailies; the Sundays of the four weeks before them
    // the weeklies.
    let todays = format!("desk-{}.db.zst", today().format("%Y-%m-%d"));
    let mut expected = vec![todays];
    expected.extend(["02-15", "02-14", "02-13", "02-12", "02-11", "02-10"].map(|d| format!("desk-2026-{d}.db.zst")));
    expected.extend(["02-08", "02-01", "01-25", "01-18"].map(|d| format!("desk-2026-{d}.db.zst")));
    expected.sort();
    let mut dbs: Vec<String> = dbs.into_iter().cloned().collect();
    dbs.sort();
    assert_eq!(dbs, expected, "{names:?}");
    assert_eq!(manifests.len(), 11, "{names:?}");
    assert!(names.contains(&"desk-2026-01-18.manifest.json".to_string()), "{names:?}");

    // The rules are data: smaller numbers keep fewer, and other files stay.
    fs::write(dir.join("notes.txt"), "mine").unwrap();
    let raw = Connection::open(&db).unwrap();
    raw.execute("UPDATE rule SET value = 3 WHERE id = 'BACKUP_KEEP'", []).unwrap();
    raw.execute("UPDATE rule SET value = 1 WHERE id = 'BACKUP_KEEP_WEEKLY'", []).unwrap();
    backup::write_rolling(&store, &db, d("2026-02-16")).unwrap();
    let names = names_in(&dir);
    assert_eq!(names.iter().filter(|n| n.ends_with(".db.zst")).count(), 4, "{names:?}");
    assert_eq!(names.iter().filter(|n| n.ends_with(".manifest.json")).count(), 4, "{names:?}");
    assert!(names.contains(&"desk-2026-02-15.db.zst".to_string()), "{names:?}");
    assert!(names.contains(&"notes.txt".to_string()));
}

#[test]
fn an_uncompressed_backup_of_the_same_day_is_replaced_and_old_ones_rotate_with_the_rest() {
    let (_dir, db) = desk(1);
    let store = Store::open(&db, OpenMode::MustExist).unwrap();
    let day = d("2026-03-02");
    // As an older casedesk wrote them: plain SQLite files named `.db`.
    let plain = backup::plain_rolling_path(&db, day);
    store.backup_to(&plain).unwrap();
    let older = backup::plain_rolling_path(&db, d("2025-01-01"));
    store.backup_to(&older).unwrap();
    backup::write_rolling(&store, &db, day).unwrap();
    assert!(!plain.exists(), "the plain copy of the same day was kept beside the new one");
    assert!(backup::rolling_path(&db, day).is_file());
    // 2025-01-01 is the oldest of three backups: inside the dailies, so kept.
    assert!(older.is_file());
    assert_eq!(backup::rolling_backups(&db).len(), 3);
}

#[cfg(unix)]
#[test]
fn backups_and_manifests_are_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let (_dir, db) = desk(1);
    let store = Store::open(&db, OpenMode::MustExist).unwrap();
    let rolling = backup::rolling_path(&db, today());
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&backup::rolling_dir(&db)), 0o700);
    assert_eq!(mode(&rolling), 0o600);
    assert_eq!(mode(&backup::manifest_path(&rolling)), 0o600);
    let dest = db.with_file_name("manual.db");
    store.backup_to(&dest).unwrap();
    assert_eq!(mode(&dest), 0o600);
    assert_eq!(mode(&backup::manifest_path(&dest)), 0o600);
}

#[test]
fn a_manual_backup_writes_its_manifest_beside_it() {
    let (dir, db) = desk(3);
    let store = Store::open(&db, OpenMode::MustExist).unwrap();
    let dest = dir.path().join("nightly.db");
    store.backup_to(&dest).unwrap();
    let manifest = backup::read_manifest(&dir.path().join("nightly.manifest.json")).unwrap();
    let chain = store.check().unwrap().audit;
    assert_eq!((manifest.audit_rows, manifest.audit_newest_hash), (chain.rows, chain.newest_hash));
    assert_eq!(manifest.database.as_deref(), Some(db.display().to_string().as_str()));
}

// ------------------------------------------------------- manifest vs the log

/// A desk whose rolling backup recorded 3 rows, with 2 more written since.
fn backed_up_then_grown() -> (TempDir, PathBuf, Store) {
    let (dir, db) = desk(3);
    let mut store = Store::open(&db, OpenMode::MustExist).unwrap();
    assert!(backup::rolling_path(&db, today()).exists());
    add_cases(&mut store, 2);
    (dir, db, store)
}

fn drop_audit_triggers(db: &Path) -> Connection {
    let raw = Connection::open(db).unwrap();
    raw.execute_batch("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;").unwrap();
    raw
}

#[test]
fn check_passes_when_the_log_still_holds_the_manifest_hash() {
    let (_dir, _db, store) = backed_up_then_grown();
    let report = store.check().unwrap();
    assert!(report.is_ok(), "{:?}", report.lines());
    assert!(matches!(report.manifest, ManifestFinding::Matches { rows: 3, .. }), "{:?}", report.manifest);
    let line = report.lines().into_iter().find(|l| l.starts_with("audit vs backup manifest")).unwrap();
    assert!(line.contains("ok (row 3 matches desk-"), "{line}");
}

#[test]
fn check_catches_the_newest_rows_deleted_after_a_backup() {
    let (_dir, db, store) = backed_up_then_grown();
    // Cut the log back to 2 rows: the chain of what is left still verifies.
    let raw = drop_audit_triggers(&db);
    assert_eq!(raw.execute("DELETE FROM audit_log WHERE id > 2", []).unwrap(), 3);
    let report = store.check().unwrap();
    assert_eq!(report.audit.fault, None, "the shortened chain itself is consistent");
    assert!(!report.is_ok(), "{:?}", report.lines());
    match &report.manifest {
        ManifestFinding::Fault(f) => assert!(f.contains("removed from its end"), "{f}"),
        other => panic!("truncation not caught: {other:?}"),
    }
    assert!(report.lines().iter().any(|l| l.starts_with("audit vs backup manifest: FAULT")), "{:?}", report.lines());
}

#[test]
fn check_catches_a_rewritten_row_at_the_manifest_position() {
    let (_dir, db, store) = backed_up_then_grown();
    let raw = drop_audit_triggers(&db);
    raw.execute("UPDATE audit_log SET hash = 'forged' || hash WHERE id = 3", []).unwrap();
    let report = store.check().unwrap();
    match &report.manifest {
        ManifestFinding::Fault(f) => assert!(f.contains("rewritten"), "{f}"),
        other => panic!("rewrite not caught: {other:?}"),
    }
    assert!(!report.is_ok());
}

#[test]
fn an_in_memory_store_has_no_manifest_to_compare() {
    let store = Store::open_in_memory().unwrap();
    let report = store.check().unwrap();
    assert_eq!(report.manifest, ManifestFinding::NoBackups);
    assert!(report.is_ok(), "{:?}", report.lines());
}

// -------------------------------------------------------------------- restore

/// A desk, and a verified backup of it at `good.db` taken when it had 1 case;
/// the desk has 3 cases now. Every store is closed.
fn desk_with_backup() -> (TempDir, PathBuf, PathBuf) {
    let (dir, db) = desk(1);
    let good = dir.path().join("good.db");
    let mut store = Store::open(&db, OpenMode::MustExist).unwrap();
    store.backup_to(&good).unwrap();
    add_cases(&mut store, 2);
    (dir, db, good)
}

fn now() -> chrono::NaiveDateTime {
    d("2026-11-20").and_hms_opt(9, 30, 0).unwrap()
}

/// Restore must refuse `src` with a message containing `expected`, leaving
/// `src` and the database byte-for-byte as they were and nothing beside them.
fn assert_refused(dir: &TempDir, db: &Path, src: &Path, expected: &str) {
    let (src_before, db_before, names_before) = (fs::read(src).ok(), fs::read(db).unwrap(), names_in(dir.path()));
    let err = backup::restore(db, src, now()).expect_err("restore should refuse");
    let msg = format!("{err:#}");
    assert!(msg.contains(expected), "{msg}");
    assert!(msg.contains("nothing was changed"), "{msg}");
    assert_eq!(fs::read(src).ok(), src_before, "the source changed");
    assert_eq!(fs::read(db).unwrap(), db_before, "the database changed");
    assert_eq!(names_in(dir.path()), names_before, "files appeared or vanished");
}

#[test]
fn restore_refuses_what_it_cannot_verify() {
    let (dir, db, good) = desk_with_backup();
    let bytes = fs::read(&good).unwrap();

    let garbage = dir.path().join("garbage.db");
    fs::write(&garbage, b"this is not a database at all, just some text").unwrap();
    assert_refused(&dir, &db, &garbage, "not an SQLite file");

    let empty = dir.path().join("empty.db");
    fs::write(&empty, b"").unwrap();
    assert_refused(&dir, &db, &empty, "is empty");

    let truncated = dir.path().join("truncated.db");
    fs::write(&truncated, &bytes[..bytes.len() / 2]).unwrap();
    assert_refused(&dir, &db, &truncated, "damaged");

    let corrupt = dir.path().join("corrupt.db");
    let mut scrambled = bytes.clone();
    for b in scrambled.iter_mut().skip(4096).step_by(7) {
        *b ^= 0x5a;
    }
    fs::write(&corrupt, &scrambled).unwrap();
    assert_refused(&dir, &db, &corrupt, "damaged");

    let tampered = dir.path().join("tampered.db");
    fs::write(&tampered, &bytes).unwrap();
    drop_audit_triggers(&tampered).execute("UPDATE audit_log SET user = 'mallory' WHERE id = 1", []).unwrap();
    assert_refused(&dir, &db, &tampered, "audit chain");

    let newer = dir.path().join("newer.db");
    fs::write(&newer, &bytes).unwrap();
    Connection::open(&newer).unwrap().execute_batch("PRAGMA user_version = 99").unwrap();
    assert_refused(&dir, &db, &newer, "newer casedesk");

    let plain = dir.path().join("plain.db");
    Connection::open(&plain).unwrap().execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);").unwrap();
    assert_refused(&dir, &db, &plain, "no casedesk schema");

    assert_refused(&dir, &db, &db, "the database itself");
    assert_refused(&dir, &db, &dir.path().join("missing.db"), "no file");
}

#[test]
fn restore_swaps_in_a_good_backup_and_keeps_the_old_file_aside() {
    let (dir, db, good) = desk_with_backup();
    let good_before = fs::read(&good).unwrap();
    assert_eq!(count(&db, "case_file"), 3);

    let done = backup::restore(&db, &good, now()).expect("restore");
    assert_eq!(fs::read(&good).unwrap(), good_before, "the source changed");
    assert_eq!(count(&db, "case_file"), 1);
    let aside = done.set_aside.expect("the old file was kept");
    assert_eq!(aside, dir.path().join("desk.db.before-restore-20261120-093000"));
    assert_eq!(count(&aside, "case_file"), 3, "the old file is not complete");
    assert_eq!(done.warning, None);
    assert!(!names_in(dir.path()).iter().any(|n| n.contains(".restore-")), "{:?}", names_in(dir.path()));

    // The restored desk checks clean, manifest included: today's rolling
    // backup was refreshed from it, restore row and all.
    let store = Store::open(&db, OpenMode::MustExist).unwrap();
    let report = store.check().unwrap();
    assert!(report.is_ok(), "{:?}", report.lines());
    assert!(matches!(report.manifest, ManifestFinding::Matches { .. }), "{:?}", report.manifest);
    drop(store);
    let refreshed = backup::read_manifest(&backup::manifest_path(&backup::rolling_path(&db, now().date()))).unwrap();
    assert_eq!(refreshed.audit_rows, 2, "the refreshed backup holds the backup's row and the restore's");

    // A second restore in the same second keeps the first one's file too.
    let again = backup::restore(&db, &good, now()).unwrap().set_aside.unwrap();
    assert_eq!(again, dir.path().join("desk.db.before-restore-20261120-093000-2"));
}

/// The newest audit row: (op, entity, entity_id, after_json, user).
fn newest_audit_row(db: &Path) -> (String, String, String, serde_json::Value, String) {
    let conn = Connection::open(db).unwrap();
    conn.query_row("SELECT op, entity, entity_id, after_json, user FROM audit_log ORDER BY id DESC LIMIT 1", [], |r| {
        let after: String = r.get(3)?;
        Ok((r.get(0)?, r.get(1)?, r.get(2)?, serde_json::from_str(&after).unwrap(), r.get(4)?))
    })
    .unwrap()
}

#[test]
fn a_restore_is_an_alteration_in_the_restored_audit_log() {
    let (dir, db, good) = desk_with_backup();
    let (good_rows, good_newest) = {
        let conn = Connection::open(&good).unwrap();
        conn.query_row(
            "SELECT COUNT(*), (SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1) FROM audit_log",
            [],
            |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)),
        )
        .unwrap()
    };
    let done = backup::restore(&db, &good, now()).expect("restore");
    let aside = done.set_aside.expect("kept aside");

    assert_eq!(count(&db, "audit_log"), good_rows + 1, "one row for the restore, on top of the backup's own");
    let (op, entity, entity_id, after, user) = newest_audit_row(&db);
    assert_eq!((op.as_str(), entity.as_str(), entity_id.as_str()), ("alter", "database", "good.db"));
    assert!(!user.is_empty());
    let canonical = |p: &Path| p.canonicalize().unwrap().display().to_string();
    assert_eq!(after["restored_from"], canonical(&good), "{after}");
    assert_eq!(after["previous_kept_aside_at"], canonical(&aside), "{after}");
    assert_eq!(after["source_newest_audit_hash"], good_newest.as_str(), "{after}");
    assert_eq!(after["source_audit_rows"], good_rows, "{after}");
    // The backup itself is untouched; the restore row went into the copy.
    assert_eq!(count(&good, "audit_log"), good_rows);

    // The chain still verifies, and the command line lists the restore.
    casedesk(&db, &["check"]).success();
    let listing = casedesk(&db, &["audit"]).success();
    let text = String::from_utf8_lossy(&listing.get_output().stdout).into_owned();
    let line =
        text.lines().find(|l| l.contains("database good.db")).unwrap_or_else(|| panic!("no restore in:\n{text}"));
    assert!(line.contains("alter") && line.contains("casedesk restore from the backup"), "{line}");
    drop(dir);
}

#[test]
fn restore_through_the_command_line_is_audited_into_a_new_file_too() {
    let (dir, _db, good) = desk_with_backup();
    let fresh = dir.path().join("fresh.db");
    casedesk(&fresh, &["restore", good.to_str().unwrap()]).success();
    let (op, entity, entity_id, after, _) = newest_audit_row(&fresh);
    assert_eq!((op.as_str(), entity.as_str(), entity_id.as_str()), ("alter", "database", "good.db"));
    assert_eq!(after["previous_kept_aside_at"], serde_json::Value::Null, "nothing was there to keep: {after}");
    casedesk(&fresh, &["check"]).success();
}

#[test]
fn undo_stops_at_a_restore_and_says_why() {
    let (_dir, db, good) = desk_with_backup();
    backup::restore(&db, &good, now()).expect("restore");
    let mut store = Store::open(&db, OpenMode::MustExist).unwrap();
    add_cases(&mut store, 1);
    // The change made after the restore undoes as usual...
    assert!(store.undo_last().unwrap().is_some());
    assert_eq!(store.case_count().unwrap(), 1);
    // ...but undo does not reach past the restore into the backup's history.
    let err = store.undo_last().expect_err("undo past a restore").to_string();
    assert!(err.contains("restore from a backup") && err.contains("kept aside"), "{err}");
    assert_eq!(store.case_count().unwrap(), 1);
    assert!(store.check().unwrap().is_ok());
}

#[test]
fn restore_refuses_a_database_in_use() {
    let (dir, db, good) = desk_with_backup();
    let holder = Store::open(&db, OpenMode::MustExist).unwrap();
    let names_before = names_in(dir.path());
    let err = format!("{:#}", backup::restore(&db, &good, now()).expect_err("in use"));
    assert!(err.contains("in use by another process"), "{err}");
    assert!(err.contains("nothing was changed"), "{err}");
    assert_eq!(names_in(dir.path()), names_before);
    drop(holder);
    assert_eq!(count(&db, "case_file"), 3);
}

#[test]
fn restore_into_a_missing_database_just_installs_it() {
    let (dir, _db, good) = desk_with_backup();
    let fresh = dir.path().join("fresh.db");
    let done = backup::restore(&fresh, &good, now()).unwrap();
    assert_eq!(done.set_aside, None);
    assert_eq!(count(&fresh, "case_file"), 1);
}
