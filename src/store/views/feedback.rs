//! Whether a case may take participants' feedback yet (issue 15 §4): the
//! one read both the Case screen's prompt and the write path ask.

use rusqlite::{params, Connection};

use crate::domain::feedback::{may_collect, FeedbackRefused};
use crate::domain::types::Service;
use crate::store::{Store, StoreResult};

/// A meeting held on the case, or an outcome agreed at one. (A case
/// withdrawn before any meeting has a closing outcome too, but no process
/// to give feedback on.)
pub(crate) fn held_or_outcome(conn: &Connection, case_id: i64) -> StoreResult<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM rj_process WHERE case_id = ?1 AND status = 'held')
             OR EXISTS (SELECT 1 FROM rj_process p JOIN outcome_agreement a ON a.process_id = p.id
                         WHERE p.case_id = ?1)",
        params![case_id],
        |r| r.get(0),
    )?)
}

impl Store {
    /// Why feedback cannot be taken on this case yet, if it cannot.
    pub fn feedback_refused(&self, case_id: i64, service: Service) -> StoreResult<Option<FeedbackRefused>> {
        Ok(may_collect(service, held_or_outcome(self.conn(), case_id)?).err())
    }
}
