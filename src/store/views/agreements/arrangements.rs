//! The arrangements list: processes planned, confirmed or postponed, then
//! the RJ / mediation cases ready for a process with none yet.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{params, OptionalExtension, Row};

use crate::domain::case_status::CaseStatus;
use crate::domain::types::{ProcessKind, ProcessStatus, Service};
use crate::store::reads::parse_day;
use crate::store::sql_types::case_status;
use crate::store::views::allocation::CoordinatorFilter;
use crate::store::{Store, StoreResult};

use super::arms::Arm;
use super::{CappedCount, Direction, ListKey};

/// One row of the arrangements list: a process to be held (planned,
/// confirmed, or postponed and not yet re-arranged), or an RJ / mediation case
/// ready for a process that has none yet ("to arrange").
#[derive(Debug, Clone, PartialEq)]
pub struct ArrangementRow {
    pub key: ListKey,
    /// None for a case that is still to arrange.
    pub process_id: Option<i64>,
    pub case_id: i64,
    pub case_ref: String,
    pub service: Service,
    pub case_status: CaseStatus,
    pub case_status_since: NaiveDate,
    pub kind: Option<ProcessKind>,
    pub scheduled_for: Option<NaiveDateTime>,
    pub venue: Option<String>,
    pub room_booked: bool,
    pub refreshments: Option<String>,
    pub facilitators: String,
    pub participants: String,
    pub status: Option<ProcessStatus>,
    pub reason: Option<String>,
}

/// How many rows each part of the arrangements list holds, counted up to
/// the cap.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ArrangementCounts {
    pub processes: CappedCount,
    pub to_arrange: CappedCount,
}

/// Processes still to happen, soonest first (one with no date last):
/// planned and confirmed ones of live cases, and a postponed one while it is
/// the newest process of a case still being arranged, i.e. until something
/// is arranged in its place. The walk is of the partial index on exactly
/// these statuses in this order (`rj_process_to_hold`); INDEXED BY makes a
/// page fail loudly rather than quietly sort if the index were missing.
const TO_HOLD: Arm = Arm {
    group: 0,
    columns: "p.id AS process_id, c.id AS case_id, c.ref, c.service, c.status AS case_status, c.status_changed_on,
              p.kind, p.scheduled_for, p.venue, p.room_booked, p.refreshments, p.facilitators, p.participants,
              p.status, p.cancellation_reason",
    from: "rj_process p INDEXED BY rj_process_to_hold CROSS JOIN case_file c ON c.id = p.case_id",
    by_case: "case_file c CROSS JOIN rj_process p ON p.case_id = c.id",
    filter: "p.status IN ('planned', 'confirmed', 'postponed')
        AND ((p.status IN ('planned', 'confirmed') AND c.status NOT IN ('closed', 'withdrawn'))
          OR (p.status = 'postponed' AND c.service IN ('restorative_justice', 'mediation')
              AND c.status IN ('preparation', 'process_arranged')
              AND p.id = (SELECT MAX(q.id) FROM rj_process q WHERE q.case_id = c.id)))",
    sort: "COALESCE(p.scheduled_for, '9999-12-31')",
    id: "p.id",
};

/// RJ / mediation cases in preparation (or marked arranged) with nothing
/// planned: neither a planned or confirmed process nor a postponed one shown
/// above; longest waiting first, walking `case_file_to_arrange`.
const TO_ARRANGE: Arm = Arm {
    group: 1,
    columns: "NULL AS process_id, c.id AS case_id, c.ref, c.service, c.status AS case_status, c.status_changed_on,
              NULL AS kind, NULL AS scheduled_for, NULL AS venue, 0 AS room_booked, NULL AS refreshments,
              '' AS facilitators, '' AS participants, NULL AS status, NULL AS cancellation_reason",
    from: "case_file c INDEXED BY case_file_to_arrange",
    by_case: "case_file c",
    filter: "c.service IN ('restorative_justice', 'mediation') AND c.status IN ('preparation', 'process_arranged')
        AND NOT EXISTS (SELECT 1 FROM rj_process p WHERE p.case_id = c.id AND p.status IN ('planned', 'confirmed'))
        AND COALESCE((SELECT p.status FROM rj_process p WHERE p.case_id = c.id ORDER BY p.id DESC LIMIT 1), '')
            <> 'postponed'",
    sort: "c.status_changed_on",
    id: "c.id",
};

/// The arrangements list: processes to hold, then cases to arrange.
const ARRANGEMENTS: [Arm; 2] = [TO_HOLD, TO_ARRANGE];

fn arrangement_row(r: &Row<'_>) -> rusqlite::Result<ArrangementRow> {
    let scheduled: Option<String> = r.get("scheduled_for")?;
    Ok(ArrangementRow {
        key: ListKey { group: r.get("grp")?, sort: r.get("sk")?, id: r.get("kid")? },
        process_id: r.get("process_id")?,
        case_id: r.get("case_id")?,
        case_ref: r.get("ref")?,
        service: r.get("service")?,
        case_status: case_status(r, "service", "case_status")?,
        case_status_since: parse_day(&r.get::<_, String>("status_changed_on")?),
        kind: r.get("kind")?,
        scheduled_for: scheduled.as_deref().and_then(parse_datetime),
        venue: r.get("venue")?,
        room_booked: r.get("room_booked")?,
        refreshments: r.get("refreshments")?,
        facilitators: r.get("facilitators")?,
        participants: r.get("participants")?,
        status: r.get("status")?,
        reason: r.get("cancellation_reason")?,
    })
}

/// A stored `YYYY-MM-DDTHH:MM` (seconds optional).
pub fn parse_datetime(text: &str) -> Option<NaiveDateTime> {
    crate::store::reads::parse_stamp(text)
}

impl Store {
    /// How many rows of `whose` cases each part of the list holds.
    pub fn arrangement_counts(&self, whose: CoordinatorFilter) -> StoreResult<ArrangementCounts> {
        Ok(ArrangementCounts {
            processes: self.arm_total(&TO_HOLD, whose)?,
            to_arrange: self.arm_total(&TO_ARRANGE, whose)?,
        })
    }

    /// Up to `limit` rows of `whose` cases from `from` on (the start of the
    /// list when None): processes soonest first, then cases to arrange,
    /// longest waiting first.
    pub fn arrangements_from(
        &self,
        whose: CoordinatorFilter,
        from: Option<&ListKey>,
        limit: usize,
    ) -> StoreResult<Vec<ArrangementRow>> {
        let start = from.cloned().unwrap_or_else(ListKey::before_all);
        self.arm_rows(&ARRANGEMENTS, whose, &start, Direction::From, limit, arrangement_row)
    }

    /// Up to `limit` rows of `whose` cases just before `key`, in list order.
    pub fn arrangements_before(
        &self,
        whose: CoordinatorFilter,
        key: &ListKey,
        limit: usize,
    ) -> StoreResult<Vec<ArrangementRow>> {
        self.arm_rows(&ARRANGEMENTS, whose, key, Direction::Before, limit, arrangement_row)
    }

    /// How many rows of `whose` cases come before `key` (the position of a
    /// page), counted up to the cap.
    pub fn arrangements_before_count(&self, whose: CoordinatorFilter, key: &ListKey) -> StoreResult<CappedCount> {
        self.arm_count(&ARRANGEMENTS, whose, key, Direction::Before)
    }

    /// The list key of a process (if it is in the list) or, failing that, of
    /// the case's "to arrange" row; with no process given, the "to arrange"
    /// row first.
    pub fn arrangement_key(&self, case_id: i64, process_id: Option<i64>) -> StoreResult<Option<ListKey>> {
        let rows = self.arm_rows_of_case(&ARRANGEMENTS, case_id, arrangement_row, |r| &r.key)?;
        let wanted = rows.iter().find(|r| r.process_id == process_id).or(rows.first());
        Ok(wanted.map(|r| r.key.clone()))
    }

    /// One process as the arrangements list shows it, wherever it is.
    pub fn process_row(&self, process_id: i64) -> StoreResult<Option<ArrangementRow>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT 0 AS grp, COALESCE(p.scheduled_for, '9999-12-31') AS sk, p.id AS kid,
                    p.id AS process_id, c.id AS case_id, c.ref, c.service, c.status AS case_status,
                    c.status_changed_on, p.kind, p.scheduled_for, p.venue, p.room_booked, p.refreshments,
                    p.facilitators, p.participants, p.status, p.cancellation_reason
             FROM rj_process p JOIN case_file c ON c.id = p.case_id WHERE p.id = ?1",
        )?;
        Ok(stmt.query_row(params![process_id], arrangement_row).optional()?)
    }

    /// Which case a process belongs to, when it is planned or confirmed:
    /// how Today's meeting ids are told from agreement item ids.
    pub fn live_process_case(&self, process_id: i64) -> StoreResult<Option<i64>> {
        Ok(self
            .conn()
            .prepare_cached("SELECT case_id FROM rj_process WHERE id = ?1 AND status IN ('planned', 'confirmed')")?
            .query_row(params![process_id], |r| r.get(0))
            .optional()?)
    }

    /// The processes of a case, newest first (tests and the case screen).
    pub fn processes_of_case(&self, case_id: i64) -> StoreResult<Vec<ArrangementRow>> {
        let mut stmt = self.conn().prepare_cached("SELECT id FROM rj_process WHERE case_id = ?1 ORDER BY id DESC")?;
        let ids = stmt.query_map(params![case_id], |r| r.get::<_, i64>(0))?.collect::<Result<Vec<_>, _>>()?;
        ids.into_iter().filter_map(|id| self.process_row(id).transpose()).collect()
    }

    /// A case's reference, service and status.
    pub fn case_brief(&self, case_id: i64) -> StoreResult<Option<(String, Service, CaseStatus)>> {
        Ok(self
            .conn()
            .prepare_cached("SELECT ref, service, status FROM case_file WHERE id = ?1")?
            .query_row(params![case_id], |r| {
                Ok((r.get("ref")?, r.get("service")?, case_status(r, "service", "status")?))
            })
            .optional()?)
    }
}
