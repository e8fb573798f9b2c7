//! Participants' feedback after a process (issue 15 §4), written through
//! the one write path: audited, sealed and undoable like any other record.

use chrono::NaiveDate;

use super::{boolean, date, int, text, Cols, Tx};
use crate::domain::feedback::{may_collect, satisfaction_words, FeedbackFrom, FeedbackRefused, Reply};
use crate::store::limits::{check_lengths, TextKind::Long};
use crate::store::views::feedback::held_or_outcome;
use crate::store::{StoreError, StoreResult};

/// What a participant said after the process.
#[derive(Debug, Clone)]
pub struct NewFeedback {
    pub case_id: i64,
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
        self.insert("feedback", Some(f.case_id), feedback_cols(f))
    }
}

fn refused(why: FeedbackRefused) -> StoreError {
    StoreError::Invalid(why.to_string())
}

fn reply(r: Reply) -> rusqlite::types::Value {
    r.stored().map_or(rusqlite::types::Value::Null, boolean)
}

fn feedback_cols(f: &NewFeedback) -> Cols {
    let comments = f.comments.trim();
    vec![
        ("case_id", int(f.case_id)),
        ("person_role", text(f.from.as_str())),
        ("collected_on", date(f.collected_on)),
        ("satisfied", int(i64::from(f.satisfied))),
        ("would_recommend", reply(f.would_recommend)),
        ("felt_safe", reply(f.felt_safe)),
        ("comments", if comments.is_empty() { rusqlite::types::Value::Null } else { text(comments) }),
    ]
}
