//! `casedesk import` and `casedesk tracker` as a user meets them: the round
//! trip through both formats, the corpus of malformed files (each with its
//! own error and the database unchanged), dry runs, date forms, mapping
//! files and workbooks made by another program. Outputs are read back with
//! independent readers (the csv crate, calamine) and the database with SQL.
//!
//! The fixtures and helpers stay in this file; the tests are in
//! `import/`, one file a subject.

mod common;

use std::path::{Path, PathBuf};

use common::cli::{casedesk, run, stderr_of, stdout_of, TODAY};
use rusqlite::{Connection, OpenFlags};
use tempfile::TempDir;

#[path = "import/forms.rs"]
mod forms;
#[path = "import/legal.rs"]
mod legal;
#[path = "import/limits.rs"]
mod limits;
#[path = "import/malformed.rs"]
mod malformed;
#[path = "import/mid_flight.rs"]
mod mid_flight;
#[path = "import/references.rs"]
mod references;
#[path = "import/round_trip.rs"]
mod round_trip;
#[path = "import/workbooks.rs"]
mod workbooks;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import").join(name)
}

fn import(db: &Path, file: &Path, extra: &[&str]) -> assert_cmd::assert::Assert {
    casedesk().arg("--db").arg(db).args(["--today", TODAY, "import"]).arg(file).args(extra).assert()
}

fn demo_db(dir: &TempDir, cases: u32) -> PathBuf {
    let db = dir.path().join("demo.db");
    run(&db, &["demo", "--cases", &cases.to_string(), "--seed", "7"]).success();
    db
}

fn read_only(db: &Path) -> Connection {
    Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap()
}

/// Rows of a query, each as its columns joined by " | ".
fn dump(db: &Path, sql: &str) -> Vec<String> {
    let conn = read_only(db);
    let mut stmt = conn.prepare(sql).unwrap();
    let n = stmt.column_count();
    let rows = stmt
        .query_map([], |r| {
            let cells: Vec<String> = (0..n)
                .map(|i| match r.get_ref(i).unwrap() {
                    rusqlite::types::ValueRef::Null => String::new(),
                    rusqlite::types::ValueRef::Integer(v) => v.to_string(),
                    rusqlite::types::ValueRef::Real(v) => v.to_string(),
                    rusqlite::types::ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
                    rusqlite::types::ValueRef::Blob(_) => "<blob>".into(),
                })
                .collect();
            Ok(cells.join(" | "))
        })
        .unwrap();
    rows.map(Result::unwrap).collect()
}

fn one(db: &Path, sql: &str) -> String {
    dump(db, sql).into_iter().next().unwrap_or_default()
}

/// Row counts of every table an import writes, the reference counters and
/// the newest audit row: equal fingerprints mean nothing was written.
fn fingerprint(db: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for table in ["case_file", "person", "case_party", "oocd_disposal", "condition", "retention", "audit_log"] {
        out.push(format!("{table}: {}", one(db, &format!("SELECT COUNT(*) FROM {table}"))));
    }
    out.extend(dump(db, "SELECT prefix, year, last FROM ref_counter ORDER BY prefix, year"));
    out.push(one(db, "SELECT COALESCE(MAX(id), 0) || ' ' || COALESCE(MAX(hash), '') FROM audit_log"));
    out
}

const CASES_SQL: &str = "SELECT c.ref, c.service, c.source, c.status, c.status_changed_on, c.received_on, c.closed_on,
        c.closure_outcome, c.paused_from, c.crime_ref, c.offence_desc, c.offence_date, c.offence_mode, c.cjs_stage,
        c.flag_domestic_abuse, c.flag_hate_crime, c.flag_youth, c.harm_summary, c.referrer_name, c.notes,
        d.disposal_type, d.issued_on, d.completion_due
    FROM case_file c LEFT JOIN oocd_disposal d ON d.case_id = c.id ORDER BY c.ref";
const CONDITIONS_SQL: &str = "SELECT c.ref, k.seq, k.kind, k.object, k.description, k.due_on, k.status, k.completed_on,
        k.hours_required, k.amount_pence, p.name
    FROM condition k JOIN case_file c ON c.id = k.case_id LEFT JOIN provider p ON p.id = k.provider_id
    ORDER BY c.ref, k.seq";
const PEOPLE_SQL: &str = "SELECT c.ref, cp.role, cp.data_subject_category, p.given_names, p.family_name, p.dob
    FROM case_party cp JOIN person p ON p.id = cp.person_id JOIN case_file c ON c.id = cp.case_id
    ORDER BY c.ref, cp.role, p.family_name, p.given_names";

fn round_trip(extension: &str) {
    let dir = TempDir::new().unwrap();
    let source = demo_db(&dir, 120);
    let tracker = dir.path().join(format!("tracker.{extension}"));
    let exported = run(&source, &["tracker", "-o", tracker.to_str().unwrap()]).success();
    assert!(stderr_of(&exported).contains("Wrote 120 cases"), "{}", stderr_of(&exported));
    let export_row = one(&source, "SELECT op, entity, recipient FROM audit_log ORDER BY id DESC LIMIT 1");
    assert_eq!(export_row, format!("export | tracker | {}", tracker.display()));

    let target = dir.path().join("empty.db");
    common::tracker_target::ready_for_tracker_of(&target, &source);
    let imported = import(&target, &tracker, &[]).success();
    assert!(stdout_of(&imported).starts_with("Imported 120 cases"), "{}", stdout_of(&imported));

    let cases = dump(&source, CASES_SQL);
    assert_eq!(cases.len(), 120);
    assert_eq!(dump(&target, CASES_SQL), cases, "cases differ after the round trip");
    let conditions = dump(&source, CONDITIONS_SQL);
    assert!(conditions.len() > 50, "the demo should carry conditions");
    assert_eq!(dump(&target, CONDITIONS_SQL), conditions, "conditions differ");
    assert_eq!(dump(&target, PEOPLE_SQL), dump(&source, PEOPLE_SQL), "people differ");
    let counters = "SELECT prefix, year, last FROM ref_counter ORDER BY prefix, year";
    assert_eq!(dump(&target, counters), dump(&source, counters), "the next references would differ");

    // One transaction (beside the directory's), and one Combine row that says what came in.
    assert_eq!(
        one(&target, "SELECT COUNT(DISTINCT txn) FROM audit_log WHERE entity NOT IN ('coordinator', 'provider')"),
        "1"
    );
    let combine = one(&target, "SELECT justification FROM audit_log WHERE op = 'combine'");
    assert!(combine.contains(&format!("tracker.{extension}: 120 cases")), "{combine}");
    run(&target, &["check"]).success();
}

/// The good first row of the malformed corpus, as a one-row tracker.
fn good_csv(dir: &TempDir, name: &str, reference: &str) -> PathBuf {
    let text = std::fs::read_to_string(fixture("malformed/unknown_service.csv")).unwrap();
    let mut lines = text.lines();
    let header = lines.next().unwrap();
    let row = lines.next().unwrap().replacen("T/100", reference, 1);
    let path = dir.path().join(name);
    std::fs::write(&path, format!("{header}\n{row}\n")).unwrap();
    path
}

/// People read the tracker: its Flags and Other people cells hold labels
/// ("Domestic abuse", "Parent / guardian"), not the codes kept inside
/// (issue 15 §2); the round trips above read them back.
#[test]
fn the_tracker_speaks_in_labels() {
    let dir = TempDir::new().unwrap();
    let source = demo_db(&dir, 120);
    let tracker = dir.path().join("tracker.csv");
    run(&source, &["tracker", "-o", tracker.to_str().unwrap()]).success();
    let text = std::fs::read_to_string(&tracker).unwrap();
    let codes: Vec<&str> = text
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| w.split('_').filter(|p| !p.is_empty()).count() > 1)
        .collect();
    assert!(codes.is_empty(), "codes in the tracker: {codes:?}");
    assert!(text.contains("Domestic abuse"), "the demo flags some cases as domestic abuse");
}
