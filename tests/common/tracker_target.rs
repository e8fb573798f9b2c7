//! A new desk ready to take another desk's tracker (`casedesk tracker`):
//! the import refuses what the desk does not allow, so the PCSC Act 2022
//! Part 6 rule the demo holds (its diversionary and community cautions need
//! it) and the coordinators the referrals name and the providers the
//! conditions name (import finds them in the directory and never adds one)
//! are put there first.

use std::path::Path;

use rusqlite::Connection;

use super::cli::run;

/// Make `target` a desk that takes `source`'s tracker whole.
pub fn ready_for_tracker_of(target: &Path, source: &Path) {
    drop(casedesk::store::Store::open(target, casedesk::store::OpenMode::CreateIfMissing).unwrap());
    let from: f64 = Connection::open(source)
        .unwrap()
        .query_row("SELECT value FROM rule WHERE id = 'PCSC_PART6_IN_FORCE_FROM'", [], |r| r.get(0))
        .unwrap();
    Connection::open(target)
        .unwrap()
        .execute(
            "INSERT INTO rule (id, key, value, unit, source, confidence)
             VALUES ('PCSC_PART6_IN_FORCE_FROM', 'PCSC_PART6_IN_FORCE_FROM', ?1, 'date', 'test', 'unverified')",
            [from],
        )
        .unwrap();
    for kind in ["coordinator", "provider"] {
        let names: Vec<String> = Connection::open(source)
            .unwrap()
            .prepare(&format!("SELECT name FROM {kind} ORDER BY id"))
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        for name in names {
            run(target, &["directory", "add", "--kind", kind, "--name", &name]).success();
        }
    }
}
