//! No output replaces the desk or a device: every command that writes a file
//! refuses, with exit 2 and one sentence, a target that is the open
//! database, its journal, a file in its backups folder, a folder, a device,
//! a pipe, or a link to any of these; and the desk is left byte for byte as
//! it was, and still opens.

mod common;

use std::path::{Path, PathBuf};

use common::cli::{casedesk, run, stderr_of, TODAY};
use sha2::{Digest, Sha256};
use tempfile::TempDir;

/// A demo desk that has had its first open of the day (so its backups
/// folder holds the daily copy), with a case reference that has a meeting.
struct Desk {
    dir: TempDir,
    db: PathBuf,
    with_meeting: String,
}

fn desk() -> Desk {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("desk.db");
    run(&db, &["demo", "--cases", "30"]).success();
    run(&db, &["check"]).success();
    let backups = dir.path().join("backups");
    if std::fs::read_dir(&backups).map_or(true, |mut d| d.next().is_none()) {
        std::fs::create_dir_all(&backups).unwrap();
        std::fs::write(backups.join("desk-2026-11-19.db"), b"an earlier copy").unwrap();
    }
    let conn = rusqlite::Connection::open(&db).unwrap();
    let with_meeting: String = conn
        .query_row("SELECT c.ref FROM case_file c JOIN rj_process p ON p.case_id = c.id LIMIT 1", [], |r| r.get(0))
        .unwrap();
    drop(conn);
    Desk { dir, db, with_meeting }
}

fn sha256(path: &Path) -> String {
    hex::encode(Sha256::digest(std::fs::read(path).unwrap()))
}

/// Every command that writes a file, with `OUT` where its target goes.
fn writers(case_ref: &str, meeting_ref: &str) -> Vec<Vec<String>> {
    let cmds: [&[&str]; 8] = [
        &["summary", "--date", TODAY, "-o", "OUT"],
        &["summary", "--with-names", "--recipient", "Manager", "--justification", "Review", "-o", "OUT"],
        &["report", "--from", "2026-01-01", "--to", TODAY, "-o", "OUT"],
        &["tracker", "-o", "OUT"],
        &["sample", "--n", "2", "--from", "2026-01-01", "--to", TODAY, "-o", "OUT"],
        &["letter", "--case", case_ref, "--template", "acknowledgement", "-o", "OUT"],
        &["ics", "--case", meeting_ref, "-o", "OUT"],
        &["backup", "OUT"],
    ];
    cmds.iter().map(|c| c.iter().map(|s| s.to_string()).collect()).collect()
}

/// Run every writer at `target` (relative paths from the desk's folder) and
/// check each is refused with `why`, leaving the desk exactly as it was.
fn assert_refused(d: &Desk, target: &Path, why: &str) {
    let before = sha256(&d.db);
    for cmd in writers(&d.with_meeting, &d.with_meeting) {
        let args: Vec<&std::ffi::OsStr> =
            cmd.iter().map(|a| if a == "OUT" { target.as_os_str() } else { std::ffi::OsStr::new(a) }).collect();
        let assert =
            casedesk().current_dir(d.dir.path()).arg("--db").arg(&d.db).args(["--today", TODAY]).args(&args).assert();
        let stderr = stderr_of(&assert);
        assert.code(2);
        assert!(stderr.contains(why), "{cmd:?} at {}: {stderr}", target.display());
        assert!(stderr.contains(&target.display().to_string()), "the sentence names the path: {stderr}");
        assert_eq!(stderr.trim_end().lines().count(), 1, "one sentence: {stderr}");
        assert_eq!(sha256(&d.db), before, "{cmd:?} at {} changed the desk", target.display());
    }
}

#[test]
fn no_output_replaces_the_desk_its_journal_or_its_backups() {
    let d = desk();
    let here = d.dir.path();
    for target in [
        d.db.clone(),
        PathBuf::from("desk.db"),
        PathBuf::from("./desk.db"),
        here.join("../").join(here.file_name().unwrap()).join("desk.db"),
    ] {
        assert_refused(&d, &target, "is the database this desk is using");
    }
    for suffix in ["-wal", "-shm", "-journal"] {
        assert_refused(&d, &here.join(format!("desk.db{suffix}")), "belongs to the database");
    }
    let backup = std::fs::read_dir(here.join("backups")).unwrap().next().unwrap().unwrap().path();
    let backup_hash = sha256(&backup);
    assert_refused(&d, &backup, "is in the desk's backups folder");
    assert_refused(&d, &here.join("backups").join("new-name.md"), "is in the desk's backups folder");
    assert_eq!(sha256(&backup), backup_hash, "the backup is untouched");
    assert!(!here.join("backups").join("new-name.md").exists());
    let folder = here.join("a-folder");
    std::fs::create_dir(&folder).unwrap();
    assert_refused(&d, &folder, "is a directory");
    run(&d.db, &["check"]).success();
}

#[cfg(unix)]
fn make_fifo(path: &Path) {
    let name = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0);
}

#[cfg(unix)]
#[test]
fn no_output_replaces_a_link_to_the_desk_a_device_or_a_pipe() {
    use std::os::unix::fs::FileTypeExt;
    let d = desk();
    let here = d.dir.path();
    let link = here.join("link.db");
    std::os::unix::fs::symlink(&d.db, &link).unwrap();
    assert_refused(&d, &link, "is the database this desk is using");
    // Without inodes (Windows) a hard link is a file of its own name.
    let hard = here.join("hard-link.db");
    std::fs::hard_link(&d.db, &hard).unwrap();
    assert_refused(&d, &hard, "is the database this desk is using");
    let backup = std::fs::read_dir(here.join("backups")).unwrap().next().unwrap().unwrap().path();
    let to_backup = here.join("to-backup.db");
    std::os::unix::fs::symlink(&backup, &to_backup).unwrap();
    assert_refused(&d, &to_backup, "is in the desk's backups folder");
    assert_refused(&d, Path::new("/dev/null"), "is not an ordinary file");
    assert!(std::fs::metadata("/dev/null").unwrap().file_type().is_char_device(), "/dev/null is still a device");
    let fifo = here.join("a-pipe");
    make_fifo(&fifo);
    assert_refused(&d, &fifo, "is not an ordinary file");
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo(), "the pipe is still a pipe");
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink(), "the link is still a link");
    run(&d.db, &["check"]).success();
}

/// A new path, and an ordinary file that is no part of the desk, are fine.
#[test]
fn an_ordinary_new_or_existing_file_is_written() {
    let d = desk();
    let out = d.dir.path().join("summary.md");
    run(&d.db, &["summary", "--date", TODAY, "-o", out.to_str().unwrap()]).success();
    run(&d.db, &["summary", "--date", TODAY, "-o", out.to_str().unwrap()]).success();
    assert!(std::fs::read_to_string(&out).unwrap().contains("End-of-day summary"));
}

/// The interface writes through the same guard: an export folder set to
/// the desk's backups folder gets a refusal on the status line, no file.
#[test]
fn the_interface_does_not_write_into_the_backups_folder() {
    use casedesk::store::{OpenMode, Store};
    use casedesk::tui::app::App;
    let d = desk();
    let backups = d.dir.path().join("backups");
    // Only this test in this binary sets the variable.
    std::env::set_var("CASEDESK_EXPORT_DIR", &backups);
    // Opened as the interface opens it: the day's backup is its own business.
    let store = Store::open(&d.db, OpenMode::MustExist).unwrap();
    let before: Vec<_> = std::fs::read_dir(&backups).unwrap().map(|e| e.unwrap().file_name()).collect();
    let mut app = App::new(store, common::today(), Default::default(), casedesk::tui::theme::MONOCHROME).unwrap();
    app.handle_key(common::key(crossterm::event::KeyCode::Char('e')));
    let (status, is_error) = app.status.clone().unwrap();
    assert!(is_error && status.contains("backups folder"), "{status}");
    assert!(!backups.join("casedesk-summary-2026-11-20.md").exists());
    drop(app);
    let after: Vec<_> = std::fs::read_dir(&backups).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(before.len(), after.len(), "nothing new in the backups folder: {after:?}");
}
