//! The command line as a user meets it: outputs, exit codes, error messages,
//! and files left untouched by bad input.

mod common;

use std::path::{Path, PathBuf};

use common::cli::{casedesk, stdout_of, TODAY};
use predicates::prelude::*;
use tempfile::TempDir;

fn db_in(dir: &TempDir) -> PathBuf {
    dir.path().join("desk.db")
}

/// A demo database shared by the read-only tests of one test function.
fn demo_db(cases: u32) -> (TempDir, PathBuf) {
    let dir = TempDir::new().unwrap();
    let db = db_in(&dir);
    casedesk()
        .args(["--db", db.to_str().unwrap(), "--today", TODAY, "demo", "--cases", &cases.to_string(), "--seed", "7"])
        .assert()
        .success()
        .stdout(predicate::str::contains(format!("Wrote {cases} invented cases")));
    (dir, db)
}

fn run(db: &Path, args: &[&str]) -> assert_cmd::assert::Assert {
    casedesk().arg("--db").arg(db).args(args).assert()
}

#[test]
fn today_after_demo_has_entries_in_every_section() {
    let (_dir, db) = demo_db(200);
    let out = stdout_of(&run(&db, &["--today", TODAY, "today"]).success());
    assert!(out.starts_with("Today: Friday 20 November 2026 (working day)"), "{out}");
    use casedesk::domain::triage::TodaySection;
    for section in TodaySection::ALL {
        let heading = section.heading();
        let line = out.lines().find(|l| l.starts_with(heading)).unwrap_or_else(|| panic!("no {heading} in\n{out}"));
        let count: usize = line.rsplit_once('(').unwrap().1.trim_end_matches(')').parse().unwrap();
        // The demo finalises no disposal, so no police record waits to be
        // updated; every other section has work in it.
        if *section != TodaySection::PoliceRecord {
            assert!(count > 0, "section {heading} is empty:\n{out}");
        }
    }
}

/// Each section's heading count and the reference lines listed under it.
fn sections_of(out: &str) -> Vec<(String, usize, Vec<String>, Option<String>)> {
    let mut sections: Vec<(String, usize, Vec<String>, Option<String>)> = Vec::new();
    for line in out.lines().skip(1).filter(|l| !l.is_empty()) {
        if let Some(rest) = line.strip_prefix("  ... and ") {
            sections.last_mut().unwrap().3 = Some(rest.to_string());
        } else if let Some(item) = line.strip_prefix("  ").filter(|l| *l != "none") {
            sections.last_mut().unwrap().2.push(item.to_string());
        } else if !line.starts_with(' ') {
            let (heading, count) = line.rsplit_once(" (").unwrap();
            sections.push((heading.to_string(), count.trim_end_matches(')').parse().unwrap(), Vec::new(), None));
        }
    }
    sections
}

#[test]
fn today_lists_the_first_of_each_section_and_all_lists_every_one() {
    let (_dir, db) = demo_db(900);
    let first = sections_of(&stdout_of(&run(&db, &["--today", TODAY, "today"]).success()));
    let all = sections_of(&stdout_of(&run(&db, &["--today", TODAY, "today", "--all"]).success()));
    assert_eq!(first.len(), casedesk::domain::triage::TodaySection::ALL.len());
    let mut cut = 0;
    for (brief, whole) in first.iter().zip(&all) {
        assert_eq!((&brief.0, brief.1), (&whole.0, whole.1), "the same heading and count");
        assert_eq!(whole.2.len(), whole.1, "--all lists every item of {}", whole.0);
        assert_eq!(whole.3, None);
        let shown = whole.1.min(casedesk::export::today::FIRST_ITEMS);
        assert_eq!(brief.2[..], whole.2[..shown], "the first items of {}, in order", brief.0);
        if whole.1 > shown {
            cut += 1;
            let more = format!("{} more (casedesk today --all lists every one)", whole.1 - shown);
            assert_eq!(brief.3.as_deref(), Some(more.as_str()));
        } else {
            assert_eq!(brief.3, None);
        }
    }
    assert!(cut > 0, "900 cases fill at least one section past the first items: {first:?}");
}

/// Issue 14 §2: every line of a case a coordinator holds names them; a
/// case no one holds yet names no one.
#[test]
fn today_names_the_coordinator_of_each_case_that_has_one() {
    use casedesk::store::{OpenMode, Store};
    let (_dir, db) = demo_db(200);
    let out = stdout_of(&run(&db, &["--today", TODAY, "today", "--all"]).success());
    let store = Store::open(&db, OpenMode::ToRead).unwrap();
    let (mut named, mut unnamed) = (0, 0);
    for line in out.lines().filter(|l| l.starts_with("  ") && !l.starts_with("  ...") && l.trim() != "none") {
        let reference = line.split_whitespace().next().unwrap_or_default();
        // A facilitator's vetting is nobody's case.
        let Some((case_id, _)) = store.case_by_ref(reference).unwrap() else { continue };
        match store.coordinators_of(&[case_id]).unwrap().get(&case_id) {
            Some(name) => {
                assert!(line.ends_with(&format!(" · coordinator: {name}")), "{line}");
                named += 1;
            }
            None => {
                assert!(!line.contains("coordinator:"), "{line}");
                unnamed += 1;
            }
        }
    }
    assert!(named > 0 && unnamed > 0, "{out}");
}

#[test]
fn demo_is_deterministic_for_a_seed() {
    let (_a, first) = demo_db(60);
    let (_b, second) = demo_db(60);
    let a = stdout_of(&run(&first, &["--today", TODAY, "today"]).success());
    let b = stdout_of(&run(&second, &["--today", TODAY, "today"]).success());
    assert_eq!(a, b);
}

#[test]
fn demo_refuses_a_database_that_already_has_cases() {
    let (_dir, db) = demo_db(20);
    run(&db, &["--today", TODAY, "demo"]).code(2).stderr(predicate::str::contains("already holds 20 cases"));
}

#[test]
fn summary_json_has_the_agreed_keys_and_no_names() {
    let (_dir, db) = demo_db(200);
    let out = stdout_of(&run(&db, &["summary", "--date", TODAY, "--format", "json"]).success());
    let json: serde_json::Value = serde_json::from_str(&out).expect("summary is JSON");
    for key in [
        "date",
        "referrals_received",
        "decisions",
        "conditions_completed",
        "breaches",
        "overdue",
        "due_next_5_working_days",
        "agreement_items_due",
        "contacts_logged",
    ] {
        assert!(json.get(key).is_some(), "missing key {key}");
    }
    assert_eq!(json["date"], TODAY);
    assert!(!json["overdue"].as_array().unwrap().is_empty());
    // References only: no given or family name from the database appears.
    let conn = rusqlite::Connection::open(&db).unwrap();
    let mut stmt = conn.prepare("SELECT family_name FROM person").unwrap();
    let names: Vec<String> = stmt.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
    assert!(!names.is_empty());
    for name in names {
        assert!(!out.contains(&name), "the summary names {name}");
    }
}

#[test]
fn summary_markdown_and_csv_carry_the_same_overdue_references() {
    let (_dir, db) = demo_db(120);
    let json: serde_json::Value =
        serde_json::from_str(&stdout_of(&run(&db, &["summary", "--date", TODAY, "--format", "json"]).success()))
            .unwrap();
    let md = stdout_of(&run(&db, &["summary", "--date", TODAY, "--format", "md"]).success());
    let csv_text = stdout_of(&run(&db, &["summary", "--date", TODAY, "--format", "csv"]).success());
    assert!(md.starts_with("# End-of-day summary: Fri 20 Nov 2026"));
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let overdue_csv: Vec<String> =
        reader.records().map(Result::unwrap).filter(|r| &r[0] == "Overdue").map(|r| r[1].to_string()).collect();
    let overdue_json: Vec<String> =
        json["overdue"].as_array().unwrap().iter().map(|l| l["reference"].as_str().unwrap().to_string()).collect();
    assert_eq!(overdue_csv, overdue_json);
    // The page counts them all and lists the first few (issue 15 §2).
    assert!(md.contains(&format!("- {} items overdue on ", overdue_json.len())), "{md}");
    assert!(md.contains(overdue_json[0].as_str()), "{} missing from markdown", overdue_json[0]);
}

#[test]
fn summary_to_a_file_is_owner_only_and_audited() {
    let (dir, db) = demo_db(30);
    let out = dir.path().join("eod.md");
    let before = audit_rows(&db, "export");
    run(&db, &["summary", "--date", TODAY, "-o", out.to_str().unwrap()]).success();
    assert!(std::fs::read_to_string(&out).unwrap().contains("End-of-day summary"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&out).unwrap().permissions().mode() & 0o777, 0o600);
    }
    assert_eq!(audit_rows(&db, "export"), before + 1);
}

fn audit_rows(db: &Path, op: &str) -> i64 {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row("SELECT COUNT(*) FROM audit_log WHERE op = ?1", [op], |r| r.get(0)).unwrap()
}

#[test]
fn check_passes_on_a_demo_database_and_sqlite_agrees() {
    let (_dir, db) = demo_db(50);
    run(&db, &["check"])
        .success()
        .stdout(predicate::str::contains("integrity check:   ok"))
        .stdout(predicate::str::contains("audit log chain:   ok"))
        .stdout(predicate::str::contains("All checks passed."));
    if let Ok(out) = std::process::Command::new("sqlite3").arg(&db).arg("PRAGMA integrity_check").output() {
        assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "ok");
    }
}

#[test]
fn check_fails_when_the_audit_log_was_edited() {
    let (_dir, db) = demo_db(20);
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch(
        "DROP TRIGGER audit_log_no_update;
         UPDATE audit_log SET after_json = '{\"tampered\":true}' WHERE id = 5;",
    )
    .unwrap();
    drop(conn);
    run(&db, &["check"]).code(1).stdout(predicate::str::contains("FAULT: audit row 5"));
}

#[test]
fn backup_makes_a_copy_that_passes_check() {
    let (dir, db) = demo_db(40);
    let copy = dir.path().join("copy.db");
    run(&db, &["backup", copy.to_str().unwrap()]).success().stdout(predicate::str::contains("Backed up"));
    run(&copy, &["check"]).success();
    let count = |p: &Path| -> i64 {
        rusqlite::Connection::open(p).unwrap().query_row("SELECT COUNT(*) FROM case_file", [], |r| r.get(0)).unwrap()
    };
    assert_eq!(count(&copy), count(&db));
    // A second backup onto the same name is refused rather than overwriting.
    run(&db, &["backup", copy.to_str().unwrap()]).code(2).stderr(predicate::str::contains("already exists"));
}

#[test]
fn holidays_2022_match_the_official_list() {
    let out = stdout_of(&casedesk().args(["holidays", "--year", "2022"]).assert().success());
    let dates: Vec<&str> = out.lines().map(|l| &l[..10]).collect();
    assert_eq!(
        dates,
        [
            "2022-01-03",
            "2022-04-15",
            "2022-04-18",
            "2022-05-02",
            "2022-06-02",
            "2022-06-03",
            "2022-08-29",
            "2022-09-19",
            "2022-12-26",
            "2022-12-27"
        ]
    );
    assert!(out.contains("2022-06-03 Platinum Jubilee bank holiday"));
}

#[test]
fn holidays_default_to_the_year_of_today() {
    casedesk()
        .args(["--today", "2026-03-01", "holidays"])
        .assert()
        .success()
        .stdout(predicate::str::contains("2026-12-28 Boxing Day (substitute day)"));
}

#[test]
fn the_desk_without_a_terminal_says_so_in_one_line() {
    let dir = TempDir::new().unwrap();
    assert_one_sentence_exit_2(casedesk().arg("--db").arg(db_in(&dir)).assert(), "needs a terminal");
}

// ---- bad input: one sentence on stderr, exit 2, nothing touched ----

fn assert_one_sentence_exit_2(assert: assert_cmd::assert::Assert, needle: &str) {
    let out = assert.code(2);
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert_eq!(stderr.trim_end().lines().count(), 1, "stderr: {stderr}");
    assert!(stderr.contains(needle), "stderr {stderr:?} lacks {needle:?}");
    assert!(!stderr.contains("panicked"));
}

#[test]
fn a_directory_is_refused() {
    let dir = TempDir::new().unwrap();
    assert_one_sentence_exit_2(casedesk().arg("--db").arg(dir.path()).arg("today").assert(), "is a directory");
}

#[test]
fn a_file_that_is_not_a_database_is_refused_and_untouched() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("notes.db");
    std::fs::write(&path, "these are my notes, not a database\n").unwrap();
    for cmd in ["today", "check", "demo"] {
        assert_one_sentence_exit_2(casedesk().arg("--db").arg(&path).arg(cmd).assert(), "not a casedesk database");
    }
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "these are my notes, not a database\n");
    assert!(!dir.path().join("notes.db-wal").exists());
}

#[test]
fn a_newer_database_is_refused_and_untouched() {
    let dir = TempDir::new().unwrap();
    let db = db_in(&dir);
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch("CREATE TABLE future (x); PRAGMA user_version = 99;").unwrap();
    }
    let before = std::fs::read(&db).unwrap();
    assert_one_sentence_exit_2(casedesk().arg("--db").arg(&db).arg("today").assert(), "newer casedesk");
    assert_eq!(std::fs::read(&db).unwrap(), before);
}

#[test]
fn a_missing_database_is_not_created_by_read_commands() {
    let dir = TempDir::new().unwrap();
    let db = db_in(&dir);
    for cmd in ["today", "check", "summary"] {
        assert_one_sentence_exit_2(casedesk().arg("--db").arg(&db).arg(cmd).assert(), "no database at");
    }
    assert!(!db.exists());
}

#[test]
fn a_malformed_date_is_refused() {
    let dir = TempDir::new().unwrap();
    casedesk()
        .arg("--db")
        .arg(db_in(&dir))
        .args(["--today", "20/11/26", "today"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("has a short year: write the year in full, e.g. 20/11/2026"));
    casedesk()
        .args(["holidays", "--year", "banana"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("invalid value"));
}

#[test]
fn the_environment_supplies_db_and_today() {
    let (_dir, db) = demo_db(20);
    let via_flags = stdout_of(&run(&db, &["--today", TODAY, "today"]).success());
    let via_env =
        stdout_of(&casedesk().env("CASEDESK_DB", &db).env("CASEDESK_TODAY", TODAY).arg("today").assert().success());
    assert_eq!(via_flags, via_env);
}

#[test]
fn summary_to_a_directory_is_refused_without_partial_files() {
    let (dir, db) = demo_db(20);
    let target = dir.path().join("out");
    std::fs::create_dir(&target).unwrap();
    assert_one_sentence_exit_2(
        casedesk().arg("--db").arg(&db).args(["summary", "-o"]).arg(&target).assert(),
        "is a directory",
    );
    assert_eq!(std::fs::read_dir(&target).unwrap().count(), 0);
}
