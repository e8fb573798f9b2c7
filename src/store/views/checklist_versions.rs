//! Earlier checklist assessments: starting a new assessment keeps the
//! answers as they stood, dated and numbered, never changed again; the live
//! answers go on as the next version. Read for the Checklist screen.

use chrono::NaiveDate;
use rusqlite::params;

use crate::domain::checklist::{AnswerEntry, Answers};
use crate::store::reads::parse_day;
use crate::store::writes::{date, text};
use crate::store::{Store, StoreError, StoreResult, Tx};

/// One earlier assessment of a case, as it stood when the next began.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EarlierAssessment {
    pub version: i64,
    /// The day the next assessment began, so the day this one was last changed at the latest.
    pub closed_on: NaiveDate,
    /// Answers and severities; notes stay with the audit log.
    pub answers: Answers,
}

impl Store {
    /// The earlier assessments of a case, oldest first.
    pub fn earlier_assessments(&self, case_id: i64) -> StoreResult<Vec<EarlierAssessment>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT version, closed_on, answers_json FROM checklist_version WHERE case_id = ?1 ORDER BY version",
        )?;
        let rows = stmt.query_map(params![case_id], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (version, closed_on, json) = row?;
            let answers = serde_json::from_str(&json).unwrap_or_default();
            out.push(EarlierAssessment { version, closed_on: parse_day(&closed_on), answers });
        }
        Ok(out)
    }
}

impl Tx<'_> {
    /// Keep the case's answers as they stand as an earlier assessment and
    /// go on with the next; returns the number of the one now live.
    pub fn start_new_assessment(&mut self, case_id: i64, on: NaiveDate) -> StoreResult<i64> {
        self.case_status(case_id)?;
        let answers = crate::store::writes::answers_for(self.conn(), case_id)?;
        if answers.is_empty() {
            return Err(StoreError::Invalid(
                "this assessment has no answers yet: answer it first; a new one keeps it as it stands".into(),
            ));
        }
        let kept: i64 = self.conn().query_row(
            "SELECT COUNT(*) FROM checklist_version WHERE case_id = ?1",
            params![case_id],
            |r| r.get(0),
        )?;
        let version = kept + 1;
        let mut lean = Answers::new();
        for (code, entry) in answers.iter() {
            let _ = lean.set(code, AnswerEntry { note: String::new(), ..entry.clone() });
        }
        let json = serde_json::to_string(&lean).map_err(|e| StoreError::Invalid(e.to_string()))?;
        let cols = vec![
            ("case_id", rusqlite::types::Value::Integer(case_id)),
            ("version", rusqlite::types::Value::Integer(version)),
            ("closed_on", date(on)),
            ("answers_json", text(&json)),
        ];
        self.insert("checklist_version", Some(case_id), cols)?;
        Ok(version + 1)
    }
}
