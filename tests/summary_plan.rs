//! The summary's count of the day's disclosures and exports reads an index
//! of the day's audit rows by op (migration 0039), not every audit row of
//! the day from the table (issue 15, Speed): on a desk whose 108,000 audit
//! rows fell on one day that count was a fifth of the summary's time.
//! Checked on SQLite's plan, not on a clock.

mod common;

use common::cli::{run, stdout_of};
use rusqlite::Connection;
use tempfile::TempDir;

#[test]
fn the_days_disclosures_are_counted_from_the_day_and_op_index() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("desk.db");
    run(&db, &["demo", "--cases", "30"]).success();
    let queries = stdout_of(&run(&db, &["sql", "summary"]).success());
    let count = queries
        .split(";\n")
        .find(|q| q.contains("op IN ('disclose', 'export')"))
        .unwrap_or_else(|| panic!("no count of disclosures in {queries}"));
    let conn = Connection::open(&db).unwrap();
    let plan: Vec<String> = conn
        .prepare(&format!("EXPLAIN QUERY PLAN {count}"))
        .unwrap()
        .query_map([], |r| r.get::<_, String>(3))
        .unwrap()
        .map(Result::unwrap)
        .filter(|step| step.contains("audit_log"))
        .collect();
    assert_eq!(plan.len(), 2, "{plan:?}");
    for step in &plan {
        assert!(step.contains("COVERING INDEX audit_log_day_op"), "{count}\n{plan:?}");
    }
}
