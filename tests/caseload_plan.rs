//! The caseload reads an index, not the table (issue 14, Speed): every
//! query `casedesk caseload` runs over the cases of a coordinator is
//! answered from the covering index of open, allocated cases (migration
//! 0036), so its cost follows the open caseload, not the rows scattered
//! across a large file. Checked on SQLite's plan, not on a clock.

mod common;

use common::cli::{run, stdout_of};
use rusqlite::Connection;
use tempfile::TempDir;

#[test]
fn each_coordinators_cases_are_read_from_the_caseload_index() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("desk.db");
    run(&db, &["demo", "--cases", "60"]).success();
    let queries = stdout_of(&run(&db, &["sql", "caseload"]).success());
    let conn = Connection::open(&db).unwrap();
    let per_coordinator: Vec<&str> =
        queries.split(";\n").filter(|q| q.contains("WHERE c.coordinator_id = ") && q.contains("GROUP BY")).collect();
    assert!(!per_coordinator.is_empty(), "{queries}");
    for query in per_coordinator {
        let plan = conn
            .prepare(&format!("EXPLAIN QUERY PLAN {query}"))
            .unwrap()
            .query_map([], |r| r.get::<_, String>(3))
            .unwrap()
            .map(Result::unwrap)
            .collect::<Vec<_>>()
            .join("\n");
        assert!(plan.contains("USING COVERING INDEX case_file_caseload"), "{query}\n{plan}");
    }
}
