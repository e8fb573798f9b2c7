//! The caseload view's second half: one coordinator's open cases, oldest
//! first, a window at a time (a coordinator may hold thousands).

use chrono::NaiveDate;
use rusqlite::params;

use super::directory::OPEN;
use crate::domain::case_status::CaseStatus;
use crate::domain::status::RjStatus;
use crate::store::reads::parse_day;
use crate::store::sql_types::case_status;
use crate::store::views::allocation::CoordinatorFilter;
use crate::store::{Store, StoreResult};

/// One open case of a coordinator's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseloadCase {
    pub case_id: i64,
    pub reference: String,
    pub status: CaseStatus,
    pub received_on: NaiveDate,
}

/// A coordinator's oldest open cases, read in order from the index of
/// migration 0037 (`case_file_caseload_oldest`), a window at a time.
fn oldest_sql() -> String {
    format!(
        "SELECT c.id, c.ref, c.service, c.status, c.received_on FROM case_file c
          WHERE c.coordinator_id = ?1 AND {OPEN} ORDER BY c.received_on, c.id LIMIT ?2"
    )
}

impl Store {
    /// The oldest `limit` open cases of coordinator `coordinator_id`, by the
    /// day they were received.
    pub fn coordinator_cases(&self, coordinator_id: i64, limit: usize) -> StoreResult<Vec<CaseloadCase>> {
        let mut stmt = self.conn().prepare_cached(&oldest_sql())?;
        let rows = stmt.query_map(params![coordinator_id, limit as i64], |r| {
            Ok(CaseloadCase {
                case_id: r.get("id")?,
                reference: r.get("ref")?,
                status: case_status(r, "service", "status")?,
                received_on: parse_day(&r.get::<_, String>("received_on")?),
            })
        })?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }
}

impl Store {
    /// How many open cases their coordinators hold before preparation
    /// (transferred to them, or the parties being contacted), counted from
    /// the caseload counts kept by migration 0037's triggers: the
    /// arrangements list says where the cases are while it has none.
    pub fn held_before_preparation(&self, whose: CoordinatorFilter) -> StoreResult<u32> {
        let coordinator = match whose {
            CoordinatorFilter::All => None,
            CoordinatorFilter::Only(id) => Some(id),
            CoordinatorFilter::Unallocated => return Ok(0),
        };
        let mut stmt = self.conn().prepare_cached(
            "SELECT COALESCE(SUM(n), 0) FROM caseload_count
              WHERE status IN (?1, ?2) AND (?3 IS NULL OR coordinator_id = ?3)",
        )?;
        let before = [RjStatus::Transferred.as_str(), RjStatus::ContactingParties.as_str()];
        Ok(stmt.query_row(params![before[0], before[1], coordinator], |r| r.get(0))?)
    }
}

#[cfg(test)]
mod tests {
    use super::oldest_sql;
    use crate::store::Store;

    /// However many cases a coordinator holds, a window of the oldest is
    /// read in the index's order: nothing is sorted.
    #[test]
    fn the_oldest_cases_are_read_in_order_from_their_index() {
        let store = Store::open_in_memory().unwrap();
        let mut stmt = store.conn().prepare(&format!("EXPLAIN QUERY PLAN {}", oldest_sql())).unwrap();
        let plan: Vec<String> = stmt.query_map([1, 200], |r| r.get(3)).unwrap().map(Result::unwrap).collect();
        assert_eq!(plan, ["SEARCH c USING COVERING INDEX case_file_caseload_oldest (coordinator_id=?)"]);
    }
}
