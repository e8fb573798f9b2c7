//! Numbered SQL migrations from `assets/migrations`, applied in order and
//! recorded in `PRAGMA user_version`. A shipped file is never edited: a change
//! to the schema is a new file at the end of `MIGRATIONS`.

use rusqlite::{params, Connection, Transaction};

use super::StoreResult;
use crate::domain::rules::Rules;

const MIGRATIONS: &[&str] = &[
    include_str!("../../assets/migrations/0001_initial.sql"),
    include_str!("../../assets/migrations/0002_condition_breach_due.sql"),
    include_str!("../../assets/migrations/0003_sense_checked_on.sql"),
    include_str!("../../assets/migrations/0004_covering_indexes.sql"),
    include_str!("../../assets/migrations/0005_agreements_lists.sql"),
    include_str!("../../assets/migrations/0006_marks_and_report_indexes.sql"),
    include_str!("../../assets/migrations/0007_case_live_marks.sql"),
];

/// The schema version this program writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

pub fn schema_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
}

pub fn apply_all(tx: &Transaction<'_>) -> StoreResult<()> {
    let current = schema_version(tx)?;
    for (index, sql) in MIGRATIONS.iter().enumerate() {
        let version = index as i64 + 1;
        if version <= current {
            continue;
        }
        tx.execute_batch(sql)?;
        if version == 1 {
            seed_rules(tx)?;
        }
        // user_version cannot take a bound parameter.
        tx.execute_batch(&format!("PRAGMA user_version = {version}"))?;
    }
    Ok(())
}

/// A new database starts with DOMAIN.md's figures; from then on the table is
/// the truth and may be edited.
fn seed_rules(tx: &Transaction<'_>) -> StoreResult<()> {
    let mut stmt =
        tx.prepare("INSERT INTO rule (id, key, value, unit, source, confidence) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?;
    let defaults = Rules::defaults();
    let mut rules: Vec<_> = defaults.iter().collect();
    rules.sort_by(|a, b| a.id.cmp(&b.id));
    for rule in rules {
        stmt.execute(params![
            rule.id,
            rule.id.to_lowercase(),
            rule.value,
            rule.unit,
            rule.source,
            rule.confidence.as_str()
        ])?;
    }
    Ok(())
}
