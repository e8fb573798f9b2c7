//! SIGKILL at random moments in the four writes a working day is made of:
//! an import, the interface's saves, the day's first backup and a restore.
//! After every kill the desk must open, pass `check`, and hold either all of
//! an interrupted change or none of it.
//!
//! `CASEDESK_CRASH_KIND_CYCLES=N` runs N cycles of each kind (default 5);
//! `CASEDESK_CRASH_KIND_CYCLES=250 cargo test --release --test crash` is
//! 1,000 cycles across the four.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use casedesk::store::{OpenMode, Store};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rusqlite::Connection;
use tempfile::TempDir;

use super::common::tmux::{skip_without_tmux, Tmux};
use super::common::tracker_target::ready_for_tracker_of;
use super::{env_number, TODAY};

fn kind_cycles() -> u64 {
    env_number("CASEDESK_CRASH_KIND_CYCLES", 5)
}

fn rng_for(kind: u64) -> ChaCha8Rng {
    ChaCha8Rng::seed_from_u64(env_number("CASEDESK_CRASH_SEED", 20_261_120) ^ kind)
}

fn casedesk(db: &Path, today: &str) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_casedesk"));
    cmd.arg("--db").arg(db).args(["--today", today]);
    cmd.env_remove("CASEDESK_DB").env_remove("CASEDESK_TODAY").env_remove("CASEDESK_CONFIG_DIR");
    cmd.stdout(Stdio::null()).stderr(Stdio::null());
    cmd
}

fn succeed(cmd: &mut Command, what: &str) {
    let status = cmd.status().unwrap_or_else(|e| panic!("{what}: {e}"));
    assert!(status.success(), "{what} failed: {status}");
}

/// Kill `child` after a random delay of up to `within`; whether it had
/// already finished by then is returned (true: it ran to its end).
fn kill_within(mut child: Child, within: Duration, rng: &mut ChaCha8Rng) -> bool {
    std::thread::sleep(Duration::from_micros(rng.random_range(0..within.as_micros() as u64)));
    let finished = child.try_wait().expect("poll the child").is_some_and(|s| s.success());
    let _ = child.kill();
    let _ = child.wait();
    finished
}

/// Open the desk as casedesk does (recovering its WAL) and run every check.
fn desk_passes_check(db: &Path, what: &str) {
    let store = Store::open(db, OpenMode::MustExist).unwrap_or_else(|e| panic!("{what}: the desk does not open: {e}"));
    let report = store.check().unwrap_or_else(|e| panic!("{what}: check could not run: {e}"));
    assert!(report.is_ok(), "{what}: check failed: {:?}", report.lines());
}

fn count(db: &Path, sql: &str) -> i64 {
    Connection::open(db).unwrap().query_row(sql, [], |r| r.get(0)).unwrap()
}

/// A demo desk of `cases` cases in a fresh folder.
fn demo_desk(cases: u32) -> (TempDir, PathBuf) {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("desk.db");
    succeed(casedesk(&db, TODAY).args(["demo", "--cases", &cases.to_string()]), "demo");
    (dir, db)
}

#[test]
fn an_import_killed_at_any_moment_leaves_all_of_it_or_none() {
    let (dir, source) = demo_desk(400);
    let tracker = dir.path().join("tracker.csv");
    succeed(casedesk(&source, TODAY).arg("tracker").arg("-o").arg(&tracker), "tracker");
    let whole = count(&source, "SELECT COUNT(*) FROM case_file");
    let ready = dir.path().join("ready.db");
    // Without the rule and the coordinators the import was refused, and the
    // cycles below killed nothing but a refusal.
    ready_for_tracker_of(&ready, &source);
    // Left alone, the import brings every case: what the kills interrupt.
    let unkilled = dir.path().join("unkilled.db");
    std::fs::copy(&ready, &unkilled).unwrap();
    succeed(casedesk(&unkilled, TODAY).arg("import").arg(&tracker), "an import left alone");
    assert_eq!(count(&unkilled, "SELECT COUNT(*) FROM case_file"), whole, "an import left alone brings every case");
    let mut rng = rng_for(1);
    for cycle in 1..=kind_cycles() {
        let db = dir.path().join(format!("import-{cycle}.db"));
        std::fs::copy(&ready, &db).unwrap();
        let child = casedesk(&db, TODAY).arg("import").arg(&tracker).spawn().expect("start import");
        let finished = kill_within(child, Duration::from_millis(1500), &mut rng);
        let what = format!("import cycle {cycle}");
        desk_passes_check(&db, &what);
        let cases = count(&db, "SELECT COUNT(*) FROM case_file");
        assert!(cases == 0 || cases == whole, "{what}: {cases} of {whole} cases: an import is all or nothing");
        assert!(!finished || cases == whole, "{what}: the import finished but {cases} of {whole} cases are there");
    }
}

#[test]
fn the_days_first_backup_killed_at_any_moment_harms_nothing() {
    let (_dir, db) = demo_desk(2000);
    let mut cases = count(&db, "SELECT COUNT(*) FROM case_file");
    let mut rng = rng_for(2);
    let first = chrono::NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").unwrap();
    for cycle in 1..=kind_cycles() {
        // Each cycle is a new day, so the writing open makes that day's backup.
        let day = (first + chrono::Days::new(cycle)).to_string();
        let child = casedesk(&db, &day).args(["write-stream", "--count", "1"]).spawn().expect("start a writing open");
        kill_within(child, Duration::from_millis(800), &mut rng);
        let what = format!("backup cycle {cycle}");
        desk_passes_check(&db, &what);
        let now = count(&db, "SELECT COUNT(*) FROM case_file");
        assert!(now == cases || now == cases + 1, "{what}: {now} cases, expected {cases} or one more");
        cases = now;
        succeed(casedesk(&db, &day).arg("check"), &format!("{what}: casedesk check"));
    }
}

#[test]
fn a_restore_killed_at_any_moment_leaves_one_whole_desk_and_no_hidden_copy() {
    let (dir, db) = demo_desk(1000);
    let copy = dir.path().join("copy.db");
    // The days run forward, as a desk's do: the check below opens the desk
    // on the machine's own date, so the restores happen on it too.
    let today = chrono::Local::now().date_naive().to_string();
    succeed(casedesk(&db, &today).arg("backup").arg(&copy), "backup");
    let mut rng = rng_for(3);
    for cycle in 1..=kind_cycles() {
        let child = casedesk(&db, &today).arg("restore").arg(&copy).spawn().expect("start restore");
        kill_within(child, Duration::from_millis(1200), &mut rng);
        let what = format!("restore cycle {cycle}");
        desk_passes_check(&db, &what);
        succeed(casedesk(&db, &today).arg("check"), &format!("{what}: casedesk check"));
        let hidden: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|name| name.starts_with('.'))
            .collect();
        assert!(hidden.is_empty(), "{what}: hidden files left beside the desk: {hidden:?}");
    }
}

/// Every reference holds the year, so the search lists a full page of cases.
const SEARCHED: &str = "2026";

fn consultations(db: &Path) -> i64 {
    count(db, "SELECT COUNT(*) FROM audit_log WHERE op = 'consult'")
}

fn wal_len(db: &Path) -> u64 {
    let mut wal = db.as_os_str().to_os_string();
    wal.push("-wal");
    std::fs::metadata(PathBuf::from(wal)).map(|m| m.len()).unwrap_or(0)
}

/// A search logs each case it lists as consulted; past `FOLD_WAL_ABOVE` of
/// WAL it also folds the WAL into the file as it closes. Killed at any
/// moment, the desk holds every consultation of the searches that finished
/// and all or none of the killed one's.
#[test]
fn a_search_killed_while_folding_the_wal_keeps_its_consultations_all_or_none() {
    let (_dir, db) = demo_desk(2000);
    let find = |db: &Path| casedesk(db, TODAY).args(["find", SEARCHED]).spawn().expect("start find");
    let before = consultations(&db);
    succeed(casedesk(&db, TODAY).args(["find", SEARCHED]), "a search left alone");
    let listed = consultations(&db) - before;
    assert!(listed > 0, "the search lists no case");
    let mut rng = rng_for(5);
    for cycle in 1..=kind_cycles() {
        let mut expected = consultations(&db);
        while wal_len(&db) <= casedesk::store::FOLD_WAL_ABOVE {
            succeed(casedesk(&db, TODAY).args(["find", SEARCHED]), "a search growing the WAL");
            expected += listed;
        }
        let finished = kill_within(find(&db), Duration::from_millis(400), &mut rng);
        let what = format!("search cycle {cycle}");
        desk_passes_check(&db, &what);
        let now = consultations(&db);
        assert!(
            now == expected || now == expected + listed,
            "{what}: {now} consultations, expected {expected} or {listed} more"
        );
        assert!(
            !finished || now == expected + listed,
            "{what}: the search finished but its consultations are not all there"
        );
    }
}

/// The keys of one referral typed into Intake and saved (as in e2e_tmux).
fn type_a_referral(t: &Tmux, n: u64) {
    // Past the received and reported dates to the referrer.
    t.press(&["2", "Tab", "Tab", "Tab", "Tab"]);
    t.type_text(&format!("PC Crash {n}"));
    t.press(&["Tab", "Tab"]);
    t.type_text(&format!("CR/{n:06}/26"));
    t.press(&["Tab"]);
    t.type_text("Criminal damage");
    t.press(&["Tab"; 10]);
    t.type_text("Ann");
    t.press(&["Tab"]);
    t.type_text(&format!("Harmed{n}"));
    // Date of birth, role, phone, email, address, enhanced rights.
    t.press(&["Tab"; 7]);
    t.type_text("Bob");
    t.press(&["Tab"]);
    t.type_text(&format!("Responsible{n}"));
    t.press(&["C-s", "Escape", "1"]);
}

#[test]
fn the_interface_killed_while_saving_keeps_each_referral_whole() {
    if skip_without_tmux() {
        return;
    }
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("desk.db");
    let mut rng = rng_for(4);
    let mut typed = 0;
    for cycle in 1..=kind_cycles() {
        let name = format!("crash-{cycle}");
        let t = Tmux::start_on(&name, env!("CARGO_BIN_EXE_casedesk"), &db, dir.path(), TODAY, 100, 30);
        t.wait_for("Today");
        let pid = t.pane_pid();
        // The kill comes from another thread while the keys are still going in.
        let delay = Duration::from_millis(rng.random_range(0..1500));
        let killer = std::thread::spawn(move || {
            std::thread::sleep(delay);
            Command::new("kill").args(["-KILL", &pid.to_string()]).status().expect("kill runs").success()
        });
        while !killer.is_finished() {
            typed += 1;
            type_a_referral(&t, typed);
        }
        assert!(killer.join().unwrap(), "cycle {cycle}: casedesk (pid {pid}) had exited before it was killed");
        drop(t);
        let what = format!("interface cycle {cycle}");
        desk_passes_check(&db, &what);
        // A referral is saved with both its people or not at all.
        let half_saved = count(
            &db,
            "SELECT COUNT(*) FROM case_file c WHERE (SELECT COUNT(*) FROM case_party p WHERE p.case_id = c.id) != 2",
        );
        assert_eq!(half_saved, 0, "{what}: a referral was saved without both its people");
    }
    assert!(
        count(&db, "SELECT COUNT(*) FROM case_file") > 0,
        "no referral was ever saved: the keys did not reach the form"
    );
}
