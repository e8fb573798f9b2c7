//! The facts of the OOCD monthly return (issue 15 §4): disposals given by
//! type and by Home Office outcome code, completed (and how long they took),
//! breaches found and decided, conditions set by kind.

use chrono::NaiveDate;
use rusqlite::params;

use crate::store::reads::day_text;
use crate::store::{Store, StoreResult};

/// Counts for `from..=to`, each list as (stored value, count), by value.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OocdMonth {
    pub given_by_type: Vec<(String, i64)>,
    pub given_by_outcome_code: Vec<(String, i64)>,
    pub completed: i64,
    /// Mean calendar days from issue to closure of the completed ones.
    pub mean_days_to_completion: Option<f64>,
    pub breaches_found: i64,
    pub breaches_decided: i64,
    pub conditions_by_kind: Vec<(String, i64)>,
}

impl Store {
    pub fn oocd_month(&self, from: NaiveDate, to: NaiveDate) -> StoreResult<OocdMonth> {
        let (from, to) = (day_text(from), day_text(to));
        let (completed, mean_days_to_completion) = self.conn().query_row(
            "SELECT COUNT(*), AVG(julianday(c.closed_on) - julianday(d.issued_on)) FROM case_file c
               JOIN oocd_disposal d ON d.case_id = c.id
              WHERE c.service = 'oocd' AND c.closure_outcome = 'completed' AND c.closed_on BETWEEN ?1 AND ?2",
            params![from, to],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let count =
            |sql: &str| -> StoreResult<i64> { Ok(self.conn().query_row(sql, params![from, to], |r| r.get(0))?) };
        Ok(OocdMonth {
            given_by_type: self.grouped(
                "SELECT disposal_type, COUNT(*) FROM oocd_disposal WHERE issued_on BETWEEN ?1 AND ?2 GROUP BY 1 ORDER BY 1",
                (&from, &to),
            )?,
            given_by_outcome_code: self.grouped(
                "SELECT ho_outcome_code, COUNT(*) FROM oocd_disposal
                  WHERE issued_on BETWEEN ?1 AND ?2 AND ho_outcome_code IS NOT NULL GROUP BY 1 ORDER BY 1",
                (&from, &to),
            )?,
            completed,
            mean_days_to_completion,
            breaches_found: count("SELECT COUNT(*) FROM breach WHERE identified_on BETWEEN ?1 AND ?2")?,
            breaches_decided: count(
                "SELECT COUNT(*) FROM breach WHERE decision_on BETWEEN ?1 AND ?2 AND decision <> 'pending'",
            )?,
            conditions_by_kind: self.grouped(
                "SELECT k.kind, COUNT(*) FROM condition k JOIN oocd_disposal d ON d.case_id = k.case_id
                  WHERE d.issued_on BETWEEN ?1 AND ?2 GROUP BY 1 ORDER BY 1",
                (&from, &to),
            )?,
        })
    }

    pub(crate) fn grouped(&self, sql: &str, (from, to): (&str, &str)) -> StoreResult<Vec<(String, i64)>> {
        let mut stmt = self.conn().prepare_cached(sql)?;
        let rows = stmt.query_map(params![from, to], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
