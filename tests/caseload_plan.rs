//! The caseload reads kept counts, not the cases (issue 14, Speed): every
//! coordinator's open cases by status are kept by triggers (migration
//! 0037), so `casedesk caseload`, the caseload view and the Directory read
//! a few rows however many cases the desk holds. Checked on the queries and
//! SQLite's plan, not on a clock; and the counts are checked against the
//! cases after the paths that write cases in bulk: a demo and an import.

mod common;

use std::path::Path;

use common::cli::{run, stdout_of};
use rusqlite::Connection;
use tempfile::TempDir;

/// A count: coordinator, service, status, cases.
type Count = (i64, String, String, i64);

/// The kept counts, and the same counted from the cases.
fn kept_and_counted(db: &Path) -> (Vec<Count>, Vec<Count>) {
    let conn = Connection::open(db).unwrap();
    let read = |sql: &str| -> Vec<Count> {
        let mut stmt = conn.prepare(sql).unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))).unwrap().map(Result::unwrap).collect()
    };
    (
        read("SELECT coordinator_id, service, status, n FROM caseload_count ORDER BY 1, 2, 3"),
        read(
            "SELECT coordinator_id, service, status, COUNT(*) FROM case_file
              WHERE coordinator_id IS NOT NULL AND status NOT IN ('closed', 'withdrawn')
              GROUP BY 1, 2, 3 ORDER BY 1, 2, 3",
        ),
    )
}

#[test]
fn the_caseload_command_reads_the_kept_counts_not_the_cases() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("desk.db");
    run(&db, &["demo", "--cases", "60"]).success();
    let queries = stdout_of(&run(&db, &["sql", "caseload"]).success());
    let conn = Connection::open(&db).unwrap();
    let statements: Vec<&str> = queries.split(";\n").map(str::trim).filter(|q| q.starts_with("SELECT")).collect();
    assert!(statements.iter().any(|q| q.contains("caseload_count")), "{queries}");
    for query in statements {
        let plan = conn
            .prepare(&format!("EXPLAIN QUERY PLAN {query}"))
            .unwrap()
            .query_map([], |r| r.get::<_, String>(3))
            .unwrap()
            .map(Result::unwrap)
            .collect::<Vec<_>>()
            .join("\n");
        assert!(!plan.contains("case_file"), "no case is read to show the caseload:\n{query}\n{plan}");
    }
}

#[test]
fn a_demo_and_an_imported_tracker_are_counted_as_their_cases() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("desk.db");
    run(&db, &["demo", "--cases", "60"]).success();
    let (kept, counted) = kept_and_counted(&db);
    assert!(!counted.is_empty(), "the demo allocates open cases");
    assert_eq!(kept, counted, "after a demo");

    let name: String = Connection::open(&db)
        .unwrap()
        .query_row("SELECT name FROM coordinator WHERE active = 1 ORDER BY id LIMIT 1", [], |r| r.get(0))
        .unwrap();
    let tracker = dir.path().join("tracker.csv");
    std::fs::write(
        &tracker,
        format!(
            "Service,Received,Status,Status changed,Paused from,Coordinator\n\
             restorative_justice,01/10/2026,Transferred to coordinator,05/10/2026,,{name}\n\
             mediation,02/10/2026,preparation,25/10/2026,,{name}\n"
        ),
    )
    .unwrap();
    run(&db, &["import", tracker.to_str().unwrap()]).success();
    let (kept_after, counted_after) = kept_and_counted(&db);
    assert_eq!(kept_after, counted_after, "after an import");
    assert_ne!(kept_after, kept, "the imported referrals are counted");
    let check = stdout_of(&run(&db, &["check"]).success());
    assert!(check.contains("caseload counts:   ok"), "{check}");
}
