//! Read models (and screen-specific writes) for the agreements screen: the
//! restorative processes still to be held or arranged, and the outcome
//! agreements that follow them (DOMAIN.md §9.7–9.10, §12.4).
//!
//! Both lists are read a page at a time with keyset pagination over a stable
//! order `(group, sort, id)`: a page starts at a key and the next page at the
//! key after its last row, so paging never counts or skips through rows.
//! Each group is one arm, read on its own and stopped after a page
//! (`arms.rs`); counts stop at a cap.
//!
//! One folder: `arrangements.rs` the processes to hold or arrange,
//! `outcomes.rs` the held processes and outcome agreements with their
//! items, `edits.rs` the screen's own writes, `arms.rs` the paging and
//! counting both lists share; the list key and the capped count stay here.

mod arms;
mod arrangements;
mod edits;
#[cfg(test)]
mod filter_tests;
#[cfg(test)]
mod list_tests;
mod outcomes;
#[cfg(test)]
mod tests;

pub use arrangements::{parse_datetime, ArrangementCounts, ArrangementRow};
pub use edits::ProcessArrangements;
pub use outcomes::{AgreementCounts, AgreementEntry, AgreementItemRow};

use std::fmt;

use rusqlite::{params, OptionalExtension};

use crate::store::views::allocation::CoordinatorFilter;
use crate::store::views::deadlines::COUNT_CAP;
use crate::store::{Store, StoreResult};

/// Where a row sits in a list's order; pages start at a key. Keys compare
/// as the list is ordered (the sort text byte by byte, as SQLite does).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Default)]
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

impl ListKey {
    /// A key before every row: where a list starts.
    fn before_all() -> ListKey {
        ListKey { group: i64::MIN, sort: String::new(), id: i64::MIN }
    }
}

/// A number of rows counted up to `COUNT_CAP`: beyond it the screen says
/// "500+", which is all a person needs to know, and a count stays a few
/// milliseconds however long the list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CappedCount {
    pub count: usize,
    /// True when there are more than `count`.
    pub capped: bool,
}

impl CappedCount {
    /// An exact count.
    pub fn exact(count: usize) -> CappedCount {
        CappedCount { count, capped: false }
    }

    /// `counted` rows seen by a count that stops one past the cap.
    fn of(counted: usize) -> CappedCount {
        CappedCount { count: counted.min(COUNT_CAP), capped: counted > COUNT_CAP }
    }

    /// Two counts together; more than their sum if either was capped.
    pub fn plus(self, other: CappedCount) -> CappedCount {
        CappedCount { count: self.count + other.count, capped: self.capped || other.capped }
    }
}

impl fmt::Display for CappedCount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.count, if self.capped { "+" } else { "" })
    }
}

impl Store {
    /// The id of the case with this reference.
    pub fn case_id_by_ref(&self, reference: &str) -> StoreResult<Option<i64>> {
        Ok(self
            .conn()
            .prepare_cached("SELECT id FROM case_file WHERE ref = ?1")?
            .query_row(params![reference], |r| r.get(0))
            .optional()?)
    }

    /// Whether a case is one of `whose` cases: a list filtered by
    /// coordinator shows its rows only then.
    pub fn case_is_of(&self, whose: CoordinatorFilter, case_id: i64) -> StoreResult<bool> {
        let Some((condition, id)) = whose.condition() else { return Ok(true) };
        let sql = format!(
            "SELECT 1 FROM case_file c WHERE c.id = ?1 AND {condition}{}",
            if id.is_some() { "?2" } else { "" }
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let found = match id {
            Some(id) => stmt.query_row(params![case_id, id], |_| Ok(())),
            None => stmt.query_row(params![case_id], |_| Ok(())),
        };
        Ok(found.optional()?.is_some())
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
