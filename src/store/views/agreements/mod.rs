//! Read models (and screen-specific writes) for the agreements screen: the
//! restorative processes still to be held or arranged, and the outcome
//! agreements that follow them (DOMAIN.md §9.7–9.10, §12.4).
//!
//! Both lists are read a page at a time with keyset pagination over a stable
//! order `(group, sort, id)`: a page starts at a key and the next page at the
//! key after its last row, so paging never counts or skips through rows.
//!
//! One folder: `arrangements.rs` the processes to hold or arrange,
//! `outcomes.rs` the held processes and outcome agreements with their
//! items, `edits.rs` the screen's own writes; the list key and the paging
//! SQL both lists share stay here.

mod arrangements;
mod edits;
mod outcomes;
#[cfg(test)]
mod tests;

pub use arrangements::{parse_datetime, ArrangementCounts, ArrangementRow};
pub use edits::ProcessArrangements;
pub use outcomes::{AgreementCounts, AgreementEntry, AgreementItemRow};

use rusqlite::{params, OptionalExtension};

use crate::store::{Store, StoreResult};

/// Where a row sits in a list's order; pages start at a key.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ListKey {
    /// Which part of the list: 0 comes before 1.
    pub group: i64,
    /// The text the group is ordered by (a date or date-time).
    pub sort: String,
    /// The row's id, so equal sort values still have one order.
    pub id: i64,
}

/// Which way to read from a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Direction {
    /// Rows at or after the key, in order.
    From,
    /// Rows strictly before the key, returned in order.
    Before,
}

fn page_sql(union: &str, direction: Direction) -> String {
    let (cmp, order) = match direction {
        Direction::From => (">=", "ASC"),
        Direction::Before => ("<", "DESC"),
    };
    format!(
        "SELECT * FROM ({union}) WHERE (grp, sk, kid) {cmp} (?1, ?2, ?3)
         ORDER BY grp {order}, sk {order}, kid {order} LIMIT ?4"
    )
}

impl ListKey {
    /// A key before every row: where a list starts.
    fn before_all() -> ListKey {
        ListKey { group: i64::MIN, sort: String::new(), id: i64::MIN }
    }
}

impl Store {
    /// How many rows one of this view's row queries gives.
    fn count_rows(&self, sql: &str) -> StoreResult<i64> {
        Ok(self.conn().prepare_cached(&format!("SELECT COUNT(*) FROM ({sql})"))?.query_row([], |r| r.get(0))?)
    }

    /// The id of the case with this reference.
    pub fn case_id_by_ref(&self, reference: &str) -> StoreResult<Option<i64>> {
        Ok(self
            .conn()
            .prepare_cached("SELECT id FROM case_file WHERE ref = ?1")?
            .query_row(params![reference], |r| r.get(0))
            .optional()?)
    }

    /// How many audit rows record changes to one row (tests check that a
    /// screen's write was audited).
    pub fn audit_rows_for(&self, entity: &str, entity_id: i64) -> StoreResult<i64> {
        Ok(self
            .conn()
            .prepare_cached("SELECT COUNT(*) FROM audit_log WHERE entity = ?1 AND entity_id = ?2")?
            .query_row(params![entity, entity_id.to_string()], |r| r.get(0))?)
    }
}
