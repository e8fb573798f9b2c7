//! Crash safety: a child process writes numbered changes, each committed in
//! its own transaction and reported on stdout, and is killed with SIGKILL at a
//! random moment. After every kill the file must pass the integrity, schema and
//! audit-chain checks and hold every change the child reported as committed.
//!
//! 100 cycles by default (a few seconds); `CASEDESK_CRASH_CYCLES=N` runs more,
//! `CASEDESK_CRASH_SEED=S` replays another sequence of kill moments.
#![cfg(unix)]

mod common;
#[path = "crash/kinds.rs"]
mod kinds;

use std::io::{BufRead, BufReader, Read};
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use casedesk::store::crashtest::stream_note;
use casedesk::store::{OpenMode, Store};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rusqlite::Connection;
use tempfile::TempDir;

pub(crate) const TODAY: &str = "2026-11-20";

pub(crate) fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.trim().parse().ok()).unwrap_or(default)
}

/// What one run of the child reported before it was killed.
struct Run {
    committed: Vec<u64>,
}

/// Start `casedesk write-stream`, kill it after a random delay, and collect
/// the commits it reported. Half the runs wait for the first commit before
/// the delay, so the kill lands while changes are being written rather than
/// while the program is still starting.
fn run_and_kill(db: &Path, rng: &mut ChaCha8Rng) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_casedesk"))
        .arg("--db")
        .arg(db)
        .args(["--today", TODAY, "write-stream"])
        .env_remove("CASEDESK_DB")
        .env_remove("CASEDESK_TODAY")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start casedesk write-stream");
    let mut stdout = BufReader::new(child.stdout.take().expect("piped stdout"));
    let mut text = String::new();
    if rng.random_bool(0.5) {
        stdout.read_line(&mut text).expect("read the first commit");
        std::thread::sleep(Duration::from_micros(rng.random_range(0..15_000)));
    } else {
        std::thread::sleep(Duration::from_micros(rng.random_range(0..40_000)));
    }
    child.kill().expect("SIGKILL the writer");
    let status = child.wait().expect("reap the writer");
    stdout.read_to_string(&mut text).expect("read the rest of stdout");
    if status.signal() != Some(9) {
        let mut stderr = String::new();
        child.stderr.take().expect("piped stderr").read_to_string(&mut stderr).unwrap();
        panic!("write-stream ended by itself ({status}) before it was killed: {stderr}");
    }
    Run { committed: parse_commits(&text) }
}

/// "committed N" lines; only whole lines count (a line is written in one call,
/// but a test should not rely on that to pass).
fn parse_commits(text: &str) -> Vec<u64> {
    text.split_inclusive('\n')
        .filter(|line| line.ends_with('\n'))
        .map(|line| {
            let number = line.trim().strip_prefix("committed ").unwrap_or_else(|| panic!("unexpected output {line:?}"));
            number.parse().unwrap_or_else(|_| panic!("unexpected output {line:?}"))
        })
        .collect()
}

/// The notes of every case in id order: change N is the N-th case.
fn stream_notes(db: &Path) -> Vec<String> {
    let conn = Connection::open(db).expect("open for reading");
    let mut stmt = conn.prepare("SELECT notes FROM case_file ORDER BY id").unwrap();
    let notes = stmt.query_map([], |r| r.get::<_, String>(0)).unwrap().collect::<Result<Vec<_>, _>>().unwrap();
    notes
}

/// Open the file the way casedesk does (recovering the WAL), run every check,
/// and confirm the changes are exactly 1..=n with n at least `reported`.
fn verify_after_kill(db: &Path, cycle: u64, reported: u64) -> u64 {
    let store = Store::open(db, OpenMode::MustExist)
        .unwrap_or_else(|e| panic!("cycle {cycle}: the file does not open after the kill: {e}"));
    let report = store.check().unwrap_or_else(|e| panic!("cycle {cycle}: check failed to run: {e}"));
    assert!(report.is_ok(), "cycle {cycle}: checks failed after the kill: {:?}", report.lines());
    drop(store);
    let notes = stream_notes(db);
    let present = notes.len() as u64;
    assert!(reported <= present, "cycle {cycle}: change {reported} was reported committed but only {present} exist");
    for (index, note) in notes.iter().enumerate() {
        assert_eq!(note, &stream_note(index as u64 + 1), "cycle {cycle}: changes out of order or missing");
    }
    present
}

#[test]
fn sigkill_at_random_moments_loses_no_committed_change() {
    let cycles = env_number("CASEDESK_CRASH_CYCLES", 100);
    let mut rng = ChaCha8Rng::seed_from_u64(env_number("CASEDESK_CRASH_SEED", 20_261_120));
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("crash.db");
    let mut present = 0u64;
    let mut killed_while_writing = 0u64;
    for cycle in 1..=cycles {
        let run = run_and_kill(&db, &mut rng);
        if let Some(&first) = run.committed.first() {
            // Numbering continues from the changes already in the file.
            assert_eq!(first, present + 1, "cycle {cycle}: numbering did not continue");
            let expected: Vec<u64> = (first..first + run.committed.len() as u64).collect();
            assert_eq!(run.committed, expected, "cycle {cycle}: commits not reported in sequence");
            killed_while_writing += 1;
        }
        let reported = run.committed.last().copied().unwrap_or(0);
        present = verify_after_kill(&db, cycle, reported);
    }
    // Without kills that land mid-stream this test would prove nothing.
    assert!(killed_while_writing * 2 >= cycles, "only {killed_while_writing} of {cycles} kills came after a commit");
}
