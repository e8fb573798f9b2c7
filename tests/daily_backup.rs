//! The daily backup: compressed, named by the desk's day, made after the
//! interface's first frame on a thread of its own, and restorable.

mod common;

use std::fs;

use casedesk::store::backup;
use casedesk::store::{OpenMode, Store, Upkeep};
use chrono::NaiveDate;
use common::desk_file::{add_cases, casedesk, count, desk, local_today as today};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

#[test]
fn a_compressed_daily_backup_restores_and_the_desk_checks_clean() {
    let (dir, db) = desk(2);
    let store = Store::open(&db, OpenMode::MustExist).unwrap();
    let rolling = backup::rolling_path(&db, today());
    assert!(rolling.is_file());
    drop(store);
    let mut store = Store::open(&db, OpenMode::MustExist).unwrap();
    add_cases(&mut store, 3);
    drop(store);
    assert_eq!(count(&db, "case_file"), 5);

    let now = d("2026-11-20").and_hms_opt(9, 30, 0).unwrap();
    let done = backup::restore(&db, &rolling, now).expect("restore a compressed backup");
    assert_eq!(count(&db, "case_file"), 2);
    assert_eq!(done.warning, None);
    assert!(!fs::read_dir(dir.path()).unwrap().any(|e| e.unwrap().file_name().to_string_lossy().contains(".restore-")));
    let report = Store::open(&db, OpenMode::MustExist).unwrap().check().unwrap();
    assert!(report.is_ok(), "{:?}", report.lines());
    casedesk(&db, &["check"]).success();
}

#[test]
fn a_damaged_compressed_backup_is_refused_and_nothing_changes() {
    let (dir, db) = desk(2);
    drop(Store::open(&db, OpenMode::MustExist).unwrap());
    let rolling = backup::rolling_path(&db, today());
    let copy = dir.path().join("damaged.db.zst");
    let mut bytes = fs::read(&rolling).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x5A;
    fs::write(&copy, &bytes).unwrap();
    let before = fs::read(&db).unwrap();
    let now = d("2026-11-20").and_hms_opt(9, 30, 0).unwrap();
    let err = backup::restore(&db, &copy, now).unwrap_err().to_string();
    assert!(err.contains("cannot be decompressed") && err.contains("nothing was changed"), "{err}");
    assert_eq!(fs::read(&db).unwrap(), before);
}

#[test]
fn the_daily_backup_is_named_for_the_desks_day_given_by_today() {
    let (_dir, db) = desk(1);
    casedesk(&db, &["--today", "2031-06-17", "check"]).success();
    let named = backup::rolling_path(&db, d("2031-06-17"));
    assert!(named.is_file(), "{:?}", backup::rolling_backups(&db));
    assert!(!backup::rolling_path(&db, today()).exists(), "{:?}", backup::rolling_backups(&db));
}

/// Each desk is given its day as it opens: the day names its backup and is
/// the day its work is logged on. (The day was once also a process-wide
/// setting that could be set only once, so a second desk opened in the same
/// process backed up under the first one's day.)
#[test]
fn each_desk_opened_in_one_process_backs_up_on_the_day_it_was_given() {
    let (_first_dir, first) = desk(1);
    let (_second_dir, second) = desk(1);
    for (db, day) in [(&first, d("2031-06-17")), (&second, d("2031-06-19"))] {
        let store = Store::open_with(db, OpenMode::MustExist, None, Upkeep::BeforeUse, Some(day)).unwrap();
        assert_eq!(store.desk_day(), day);
        assert!(backup::rolling_path(db, day).is_file(), "{:?}", backup::rolling_backups(db));
    }
}

#[test]
fn a_restore_refreshes_the_backup_of_the_desks_day_given_by_today() {
    let (dir, db) = desk(1);
    let copy = dir.path().join("copy.db");
    Store::open(&db, OpenMode::MustExist).unwrap().backup_to(&copy).unwrap();
    casedesk(&db, &["--today", "2031-06-18", "restore", copy.to_str().unwrap()]).success();
    assert!(backup::rolling_path(&db, d("2031-06-18")).is_file(), "{:?}", backup::rolling_backups(&db));
}

#[test]
fn a_backup_named_zst_is_compressed_and_restores() {
    let (dir, db) = desk(2);
    let copy = dir.path().join("copy.db.zst");
    casedesk(&db, &["backup", copy.to_str().unwrap()]).success();
    assert!(casedesk::store::compress::starts_compressed(&copy).unwrap());
    let manifest = backup::read_manifest(&dir.path().join("copy.manifest.json")).unwrap();
    assert_eq!(manifest.compression.as_deref(), Some("zstd"));
    let restored = dir.path().join("restored.db");
    casedesk(&restored, &["restore", copy.to_str().unwrap()]).success();
    assert_eq!(count(&restored, "case_file"), 2);
    casedesk(&restored, &["check"]).success();
}
