//! `casedesk demo` loads its cases in bulk: into a new file made whole
//! before it takes its name (a run killed part-way leaves nothing at the
//! name), or into an existing desk with no cases, in one transaction.
#![cfg(unix)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use casedesk::store::bulk::partial_path;
use casedesk::store::{OpenMode, Store};
use tempfile::TempDir;

const TODAY: &str = "2026-11-20";

fn casedesk(db: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_casedesk"));
    cmd.arg("--db").arg(db).args(["--today", TODAY]).env_remove("CASEDESK_DB").env_remove("CASEDESK_TODAY");
    cmd
}

fn demo(db: &Path, cases: u32) -> std::process::Output {
    casedesk(db).args(["demo", "--cases", &cases.to_string(), "--seed", "4"]).output().expect("run casedesk demo")
}

fn checked(db: &Path) -> Store {
    let store = Store::open(db, OpenMode::MustExist).expect("open the demo");
    let report = store.check().unwrap();
    assert!(report.is_ok(), "{:?}", report.lines());
    store
}

fn files_in(dir: &TempDir) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    files
}

#[test]
fn a_demo_killed_part_way_leaves_nothing_at_the_name_and_the_next_run_succeeds() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("desk.db");
    let mut child = casedesk(&db)
        .args(["demo", "--cases", "300000"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start casedesk demo");
    // Kill it once it is loading: the partial file is being written.
    let started = Instant::now();
    while !partial_path(&db).exists() && started.elapsed() < Duration::from_secs(20) {
        std::thread::sleep(Duration::from_millis(10));
    }
    std::thread::sleep(Duration::from_millis(300));
    child.kill().expect("kill the demo");
    child.wait().expect("reap the demo");
    assert!(!db.exists(), "a half-made database was left at {}", db.display());

    // The next run replaces what the killed one left.
    let out = demo(&db, 25);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(files_in(&dir), std::slice::from_ref(&db), "only the database is left");
    assert_eq!(checked(&db).case_count().unwrap(), 25);
}

#[test]
fn a_demo_goes_into_an_existing_desk_with_no_cases_in_one_load() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("desk.db");
    drop(Store::open(&db, OpenMode::CreateIfMissing).unwrap());
    let out = demo(&db, 30);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let store = checked(&db);
    assert_eq!(store.case_count().unwrap(), 30);
    // Run twice, the second is refused: the desk now holds cases.
    let again = demo(&db, 30);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already holds 30 cases"));
}

#[test]
fn a_new_demo_file_is_the_same_as_one_loaded_into_an_empty_desk() {
    let dir = TempDir::new().unwrap();
    let (fresh, existing) = (dir.path().join("fresh.db"), dir.path().join("existing.db"));
    drop(Store::open(&existing, OpenMode::CreateIfMissing).unwrap());
    for db in [&fresh, &existing] {
        let out = demo(db, 80);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    let summary = |db: &Path| {
        let conn = rusqlite::Connection::open(db).unwrap();
        conn.query_row(
            "SELECT group_concat(ref || status, ',') FROM (SELECT ref, status FROM case_file ORDER BY id)",
            [],
            |r| r.get::<_, String>(0),
        )
        .unwrap()
    };
    assert_eq!(summary(&fresh), summary(&existing));
    checked(&fresh);
}
