//! Whether a case may take participants' feedback yet (issue 15 §4): the
//! one read both the Case screen's prompt and the write path ask.

use rusqlite::{params, Connection};

use crate::domain::feedback::{may_collect, FeedbackFrom, FeedbackRefused, Reply};
use crate::domain::types::{PartyRole, Service};
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

/// One participant's feedback as `casedesk feedback list` shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedbackRow {
    pub reference: String,
    pub collected_on: chrono::NaiveDate,
    /// The party who gave it, when one of the case's people did, and their
    /// part on the case (harmed or responsible before any other).
    pub person: Option<(String, PartyRole)>,
    pub from: FeedbackFrom,
    pub satisfied: Option<u8>,
    pub would_recommend: Reply,
    pub felt_safe: Reply,
    pub comments: Option<String>,
}

impl Store {
    /// Feedback given, newest first: on one case, or on every case.
    pub fn feedback_list(&self, case_id: Option<i64>) -> StoreResult<Vec<FeedbackRow>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT c.ref, f.collected_on, f.person_role, f.satisfied, f.would_recommend, f.felt_safe, f.comments,
                    p.given_names || ' ' || p.family_name AS person,
                    (SELECT cp.role FROM case_party cp WHERE cp.case_id = f.case_id AND cp.person_id = f.person_id
                      ORDER BY cp.role = 'harmed' DESC, cp.role = 'offender' DESC LIMIT 1) AS party_role
               FROM feedback f JOIN case_file c ON c.id = f.case_id LEFT JOIN person p ON p.id = f.person_id
              WHERE ?1 IS NULL OR f.case_id = ?1
              ORDER BY f.collected_on DESC, f.id DESC",
        )?;
        let rows = stmt.query_map(params![case_id], |r| {
            Ok(FeedbackRow {
                reference: r.get("ref")?,
                collected_on: r.get("collected_on")?,
                person: r.get::<_, Option<String>>("person")?.zip(r.get::<_, Option<PartyRole>>("party_role")?),
                from: FeedbackFrom::parse(&r.get::<_, String>("person_role")?).unwrap_or(FeedbackFrom::Other),
                satisfied: r.get("satisfied")?,
                would_recommend: Reply::from_stored(r.get("would_recommend")?),
                felt_safe: Reply::from_stored(r.get("felt_safe")?),
                comments: r.get("comments")?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
