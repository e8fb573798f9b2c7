//! Read models for the Case screen: the list of cases (most recently changed
//! first), one case's header and people, its timeline, and its audit history.
//!
//! Every list is read a page at a time with keyset pagination: a page starts
//! at a key and the next page at the key after its last row, never by OFFSET.
//! The timeline merges one indexed per-case query per kind of event
//! (`case_id` indexes) and orders the merge by `(date, rank, id)`, so it pages
//! the same way. The opening of a case is a consultation under DPA 2018 s.62
//! and is logged by `Tx::log_consult` with `CONSULT_JUSTIFICATION`.
//!
//! One folder: `keyset.rs` the paging, `header.rs` one case's header and
//! people, `timeline.rs` the timeline query and `events.rs` each of its rows
//! as a typed event (the interface words them); the list of cases and the
//! audit history stay here.

mod events;
mod header;
mod keyset;
mod timeline;

pub use events::{EventKind, TimelineEntry, TimelineEvent, TimelineKey};
pub use header::{CaseHeader, CaseParties, CaseParty, DisposalFacts};
pub use keyset::{KeyValues, Page, Seek};

use chrono::NaiveDate;
use rusqlite::params;
use rusqlite::types::Value;
use serde::Serialize;

use crate::domain::case_status::CaseStatus;
use crate::domain::types::Service;
use crate::store::reads::parse_day;
use crate::store::sql_types::case_status;
use crate::store::{Store, StoreResult};

use keyset::Keyset;

// ===================================================================== the list of cases

/// One row of the list of cases.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CaseListRow {
    pub case_id: i64,
    pub reference: String,
    pub service: Service,
    pub status: CaseStatus,
    pub received_on: NaiveDate,
    /// The day of the latest status change: the list's order.
    pub changed_on: NaiveDate,
    pub offence: String,
}

/// A place in the list of cases: (status changed on, id).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseListKey(pub String, pub i64);

impl KeyValues for CaseListKey {
    fn values(&self) -> Vec<Value> {
        vec![Value::Text(self.0.clone()), Value::Integer(self.1)]
    }
}

impl CaseListRow {
    pub fn key(&self) -> CaseListKey {
        CaseListKey(crate::domain::dates::iso(self.changed_on), self.case_id)
    }
}

const CASE_LIST: Keyset = Keyset {
    with: "",
    select: "id, ref, service, status, received_on, status_changed_on, COALESCE(offence_desc, '') AS offence",
    from: "case_file",
    filter: "1",
    key: &["status_changed_on", "id"],
};

// ===================================================================== the audit history

/// One row of a case's audit history (DPA 2018 s.62): who, when, what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditLine {
    pub id: i64,
    /// UTC instant as stored, e.g. 2026-11-20T09:14:03.123456Z.
    pub at_utc: String,
    pub user: String,
    pub op: String,
    pub entity: String,
    pub entity_id: String,
    pub justification: Option<String>,
    pub recipient: Option<String>,
}

impl AuditLine {
    /// "2026-11-20 09:14" from the stored instant.
    pub fn when(&self) -> String {
        let stamp = self.at_utc.get(..19).unwrap_or(&self.at_utc);
        match chrono::NaiveDateTime::parse_from_str(stamp, "%Y-%m-%dT%H:%M:%S") {
            Ok(at) => crate::domain::dates::day_at(at),
            // A stamp the desk did not write is shown as stored, not hidden.
            Err(_) => self.at_utc.clone(),
        }
    }
}

const AUDIT: Keyset = Keyset {
    with: "",
    select: "id, at_utc, user, op, entity, entity_id, justification, recipient",
    from: "audit_log",
    filter: "case_id = ?1",
    key: &["id"],
};

/// The justification written with a consultation from the Case screen.
pub const CONSULT_JUSTIFICATION: &str = "opened on the Case screen";

impl Store {
    /// A page of the list of cases, most recently changed first.
    pub fn case_list(&self, seek: &Seek<CaseListKey>, limit: usize) -> StoreResult<Page<CaseListRow>> {
        CASE_LIST.page(
            self,
            Vec::new(),
            seek,
            limit,
            |r| {
                Ok(CaseListRow {
                    case_id: r.get("id")?,
                    reference: r.get("ref")?,
                    service: r.get("service")?,
                    status: case_status(r, "service", "status")?,
                    received_on: parse_day(&r.get::<_, String>("received_on")?),
                    changed_on: parse_day(&r.get::<_, String>("status_changed_on")?),
                    offence: r.get("offence")?,
                })
            },
            CaseListRow::key,
        )
    }

    /// A page of a case's audit history, newest first (keyset by id).
    pub fn case_audit(&self, case_id: i64, seek: &Seek<i64>, limit: usize) -> StoreResult<Page<AuditLine>> {
        AUDIT.page(
            self,
            vec![Value::Integer(case_id)],
            seek,
            limit,
            |r| {
                Ok(AuditLine {
                    id: r.get(0)?,
                    at_utc: r.get(1)?,
                    user: r.get(2)?,
                    op: r.get(3)?,
                    entity: r.get(4)?,
                    entity_id: r.get(5)?,
                    justification: r.get(6)?,
                    recipient: r.get(7)?,
                })
            },
            |a| a.id,
        )
    }

    /// How many times a case has been consulted (opened), per the audit log.
    pub fn case_consultations(&self, case_id: i64) -> StoreResult<i64> {
        Ok(self
            .conn()
            .prepare_cached("SELECT COUNT(*) FROM audit_log WHERE case_id = ?1 AND op = 'consult'")?
            .query_row(params![case_id], |r| r.get(0))?)
    }

    /// How many conditions a case has, whatever their status.
    pub fn case_condition_count(&self, case_id: i64) -> StoreResult<i64> {
        Ok(self
            .conn()
            .prepare_cached("SELECT COUNT(*) FROM condition WHERE case_id = ?1")?
            .query_row(params![case_id], |r| r.get(0))?)
    }

    /// The active providers a condition can be referred to, by name.
    pub fn active_providers(&self, limit: usize) -> StoreResult<Vec<(i64, String)>> {
        let mut stmt =
            self.conn().prepare_cached("SELECT id, name FROM provider WHERE active = 1 ORDER BY name, id LIMIT ?1")?;
        let rows = stmt.query_map(params![limit as i64], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
