//! The caseload view's second half: one coordinator's open cases, oldest
//! first, a window at a time (a coordinator may hold thousands).

use chrono::NaiveDate;
use rusqlite::params;

use super::directory::OPEN;
use crate::domain::case_status::CaseStatus;
use crate::store::reads::parse_day;
use crate::store::sql_types::case_status;
use crate::store::{Store, StoreResult};

/// One open case of a coordinator's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseloadCase {
    pub case_id: i64,
    pub reference: String,
    pub status: CaseStatus,
    pub received_on: NaiveDate,
}

impl Store {
    /// The oldest `limit` open cases of coordinator `coordinator_id`, by the
    /// day they were received.
    pub fn coordinator_cases(&self, coordinator_id: i64, limit: usize) -> StoreResult<Vec<CaseloadCase>> {
        let sql = format!(
            "SELECT c.id, c.ref, c.service, c.status, c.received_on FROM case_file c
              WHERE c.coordinator_id = ?1 AND {OPEN} ORDER BY c.received_on, c.id LIMIT ?2"
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
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
