//! A `casedesk restore` killed at any moment leaves no hidden copy of the
//! desk behind once the desk is next opened, and raises no false alarm: the
//! desk is either as it was or restored, and `check` passes either way.
//!
//! 30 kills by default; `CASEDESK_RESTORE_KILLS=N` runs more.
#![cfg(unix)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use casedesk::domain::types::{Service, Source};
use casedesk::store::backup;
use casedesk::store::model::NewCase;
use casedesk::store::{OpenMode, Store};
use chrono::{Days, NaiveDate};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use tempfile::TempDir;

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

fn days_ago(n: u64) -> NaiveDate {
    today().checked_sub_days(Days::new(n)).unwrap()
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

/// A desk backed up two days ago (3 rows) and yesterday (5 rows), and a
/// copy of the older backup to restore: the restore goes back past
/// yesterday's manifest, which must not then read as tampering.
fn desk() -> (TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.db");
    add_cases(&mut Store::open(&db, OpenMode::CreateIfMissing).unwrap(), 3);
    let mut store = Store::open(&db, OpenMode::MustExist).unwrap();
    let made = backup::rolling_path(&db, today());
    let older = backup::rolling_path(&db, days_ago(2));
    fs::rename(backup::manifest_path(&made), backup::manifest_path(&older)).unwrap();
    fs::rename(&made, &older).unwrap();
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
    let (dir, db, source) = desk();
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
    let (dir, db, _) = desk();
    let mut gone = Command::new("true").spawn().unwrap();
    gone.wait().unwrap();
    let leftover = dir.path().join(format!(".desk.restore-{}-x1y2z3", gone.id()));
    fs::copy(&db, &leftover).unwrap();
    assert_whole_after_next_open(dir.path(), &db);
}
