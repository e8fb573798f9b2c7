//! The summary's extra facts for a service manager (issue 15 §2): the cases
//! whose conditions were varied on the day, caseload per coordinator against
//! its maximum, and facilitators' vetting running out. People appear by their
//! directory number, never by name: the summary is references only.

use chrono::NaiveDate;
use rusqlite::params;
use serde::Serialize;

use super::reads::day_text;
use super::{Store, StoreResult};

/// One coordinator's open cases against the most they should hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CaseloadLine {
    /// The coordinator's number in the directory.
    pub coordinator: i64,
    pub open_cases: i64,
    pub max_caseload: Option<i64>,
}

impl CaseloadLine {
    pub fn over_maximum(&self) -> bool {
        self.max_caseload.is_some_and(|max| self.open_cases > max)
    }
}

/// A facilitator whose vetting has run out or runs out soon.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VettingLine {
    /// The facilitator's number in the directory.
    pub facilitator: i64,
    pub expires: NaiveDate,
}

impl Store {
    /// The cases with a variation agreed on `date`: one per case, however
    /// many of its conditions were varied.
    pub(super) fn varied_on(&self, date: NaiveDate) -> StoreResult<Vec<String>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT DISTINCT c.ref FROM compliance_event e INDEXED BY compliance_event_day
               JOIN condition k ON k.id = e.condition_id JOIN case_file c ON c.id = k.case_id
              WHERE e.occurred_on = ?1 AND e.type = 'variation_agreed' ORDER BY c.ref",
        )?;
        let rows = stmt.query_map(params![day_text(date)], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Every active coordinator, and a retired one still holding open cases,
    /// with their open cases (one grouped pass over the coordinator index).
    pub(super) fn summary_caseloads(&self) -> StoreResult<Vec<CaseloadLine>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT k.id, k.max_caseload, COALESCE(n.open, 0) FROM coordinator k
               LEFT JOIN (SELECT coordinator_id, COUNT(*) AS open FROM case_file INDEXED BY case_file_coordinator
                           WHERE coordinator_id IS NOT NULL AND status NOT IN ('closed', 'withdrawn')
                           GROUP BY coordinator_id) n ON n.coordinator_id = k.id
              WHERE k.active = 1 OR n.open > 0 ORDER BY k.id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(CaseloadLine { coordinator: r.get(0)?, max_caseload: r.get(1)?, open_cases: r.get(2)? })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Active facilitators whose vetting runs out within the Directory's
    /// warning horizon (the same rule the Today screen warns by).
    pub(super) fn summary_vettings(&self, today: NaiveDate) -> StoreResult<Vec<VettingLine>> {
        let rules = self.rules()?;
        Ok(self
            .vettings_due(today, &rules)?
            .into_iter()
            .map(|v| VettingLine { facilitator: v.id, expires: v.expires })
            .collect())
    }
}
