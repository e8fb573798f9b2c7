//! Participants' feedback after a process (issue 15 §4), written through
//! the one write path: audited, sealed and undoable like any other record.

use chrono::NaiveDate;
use rusqlite::params;

use super::{boolean, date, int, text, Cols, Tx};
use crate::domain::feedback::{may_collect, satisfaction_words, FeedbackFrom, FeedbackRefused, Reply};
use crate::domain::types::PartyRole;
use crate::store::limits::{check_lengths, TextKind::Long};
use crate::store::views::feedback::held_or_outcome;
use crate::store::{StoreError, StoreResult};

/// What a participant said after the process.
#[derive(Debug, Clone)]
pub struct NewFeedback {
    pub case_id: i64,
    /// The party who gave it; their part on the case then says `from`.
    pub person_id: Option<i64>,
    /// In which part they gave it, for someone who is not a party.
    pub from: FeedbackFrom,
    pub collected_on: NaiveDate,
    /// 1 (very dissatisfied) to 5 (very satisfied).
    pub satisfied: u8,
    pub would_recommend: Reply,
    pub felt_safe: Reply,
    pub comments: String,
}

impl Tx<'_> {
    /// Record a participant's feedback on a restorative case once a
    /// meeting was held or the case has its outcome.
    pub fn record_feedback(&mut self, f: &NewFeedback) -> StoreResult<i64> {
        check_lengths(&[("comments", Long, Some(&f.comments))])?;
        if satisfaction_words(f.satisfied).is_none() {
            return Err(refused(FeedbackRefused::BadScore));
        }
        let (service, _, _) = self.case_status(f.case_id)?;
        may_collect(service, held_or_outcome(self.conn(), f.case_id)?).map_err(refused)?;
        let from = match f.person_id {
            Some(person_id) => self.party_part(f.case_id, person_id)?,
            None => f.from,
        };
        self.insert("feedback", Some(f.case_id), feedback_cols(f, from))
    }

    /// The part a party has on the case, harmed or responsible before any
    /// other where they have several.
    fn party_part(&self, case_id: i64, person_id: i64) -> StoreResult<FeedbackFrom> {
        let mut stmt =
            self.conn().prepare_cached("SELECT role FROM case_party WHERE case_id = ?1 AND person_id = ?2")?;
        let roles = stmt.query_map(params![case_id, person_id], |r| r.get::<_, PartyRole>(0))?;
        let parts: Vec<FeedbackFrom> = roles.map(|r| r.map(FeedbackFrom::of_party)).collect::<Result<_, _>>()?;
        parts.iter().copied().min_by_key(|p| *p == FeedbackFrom::Other).ok_or_else(|| {
            StoreError::Invalid(
                "That person is not one of the case's people: choose one of them, or someone else.".into(),
            )
        })
    }
}

fn refused(why: FeedbackRefused) -> StoreError {
    StoreError::Invalid(why.to_string())
}

fn reply(r: Reply) -> rusqlite::types::Value {
    r.stored().map_or(rusqlite::types::Value::Null, boolean)
}

fn feedback_cols(f: &NewFeedback, from: FeedbackFrom) -> Cols {
    let comments = f.comments.trim();
    vec![
        ("case_id", int(f.case_id)),
        ("person_id", f.person_id.map_or(rusqlite::types::Value::Null, int)),
        ("person_role", text(from.as_str())),
        ("collected_on", date(f.collected_on)),
        ("satisfied", int(i64::from(f.satisfied))),
        ("would_recommend", reply(f.would_recommend)),
        ("felt_safe", reply(f.felt_safe)),
        ("comments", if comments.is_empty() { rusqlite::types::Value::Null } else { text(comments) }),
    ]
}
