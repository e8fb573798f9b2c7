//! Read models (and screen-specific writes) for the agreements screen: the
//! restorative processes still to be held or arranged, and the outcome
//! agreements that follow them (DOMAIN.md §9.7–9.10, §12.4).
//!
//! Both lists are read a page at a time with keyset pagination over a stable
//! order `(group, sort, id)`: a page starts at a key and the next page at the
//! key after its last row, so paging never counts or skips through rows.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{params, OptionalExtension, Row};

use crate::store::reads::parse_day;
use crate::store::writes::{boolean, opt_text, text};
use crate::store::{Store, StoreError, StoreResult, Tx};

/// Where a row sits in a list's order; pages start at a key.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ListKey {
    /// Which part of the list: 0 comes before 1.
    pub group: i64,
    /// The text the group is ordered by (a date or date-time).
    pub sort: String,
    /// The row's id, so equal sort values still have one order.
    pub id: i64,
}

// ===================================================================== arrangements

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
    pub service: String,
    pub case_status: String,
    pub case_status_since: NaiveDate,
    pub kind: Option<String>,
    pub scheduled_for: Option<NaiveDateTime>,
    pub venue: Option<String>,
    pub room_booked: bool,
    pub refreshments: Option<String>,
    pub facilitators: String,
    pub participants: String,
    pub status: Option<String>,
    pub reason: Option<String>,
}

/// How many rows each part of the arrangements list holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ArrangementCounts {
    pub processes: i64,
    pub to_arrange: i64,
}

/// Processes still to happen: planned and confirmed ones (read through the
/// partial index on open processes), and a postponed one while it is the
/// newest process of a case still being arranged, i.e. until something is
/// arranged in its place. Both arms are bounded by open work, not history.
const PROCESS_ROWS: &str = "
    SELECT 0 AS grp, COALESCE(p.scheduled_for, '9999-12-31') AS sk, p.id AS kid,
           p.id AS process_id, c.id AS case_id, c.ref, c.service, c.status AS case_status, c.status_changed_on,
           p.kind, p.scheduled_for, p.venue, p.room_booked, p.refreshments, p.facilitators, p.participants,
           p.status, p.cancellation_reason
    FROM rj_process p JOIN case_file c ON c.id = p.case_id
    WHERE p.status IN ('planned', 'confirmed') AND c.status NOT IN ('closed', 'withdrawn')
    UNION ALL
    SELECT 0 AS grp, COALESCE(p.scheduled_for, '9999-12-31') AS sk, p.id AS kid,
           p.id AS process_id, c.id AS case_id, c.ref, c.service, c.status AS case_status, c.status_changed_on,
           p.kind, p.scheduled_for, p.venue, p.room_booked, p.refreshments, p.facilitators, p.participants,
           p.status, p.cancellation_reason
    FROM case_file c JOIN rj_process p
         ON p.id = (SELECT MAX(q.id) FROM rj_process q WHERE q.case_id = c.id)
    WHERE c.service IN ('restorative_justice', 'mediation') AND c.status IN ('preparation', 'process_arranged')
      AND p.status = 'postponed'";

/// RJ / mediation cases in preparation (or marked arranged) with nothing
/// planned: neither a planned or confirmed process nor a postponed one shown above.
const TO_ARRANGE_ROWS: &str = "
    SELECT 1 AS grp, c.status_changed_on AS sk, c.id AS kid,
           NULL AS process_id, c.id AS case_id, c.ref, c.service, c.status AS case_status, c.status_changed_on,
           NULL AS kind, NULL AS scheduled_for, NULL AS venue, 0 AS room_booked, NULL AS refreshments,
           '' AS facilitators, '' AS participants, NULL AS status, NULL AS cancellation_reason
    FROM case_file c
    WHERE c.service IN ('restorative_justice', 'mediation') AND c.status IN ('preparation', 'process_arranged')
      AND NOT EXISTS (SELECT 1 FROM rj_process p WHERE p.case_id = c.id AND p.status IN ('planned', 'confirmed'))
      AND COALESCE((SELECT p.status FROM rj_process p WHERE p.case_id = c.id ORDER BY p.id DESC LIMIT 1), '')
          <> 'postponed'";

fn arrangement_row(r: &Row<'_>) -> rusqlite::Result<ArrangementRow> {
    let scheduled: Option<String> = r.get("scheduled_for")?;
    Ok(ArrangementRow {
        key: ListKey { group: r.get("grp")?, sort: r.get("sk")?, id: r.get("kid")? },
        process_id: r.get("process_id")?,
        case_id: r.get("case_id")?,
        case_ref: r.get("ref")?,
        service: r.get("service")?,
        case_status: r.get("case_status")?,
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
    NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S"))
        .ok()
}

// ===================================================================== agreements

/// One entry of the agreements list: a held process still waiting for its
/// outcome agreement, or an agreement with its items.
#[derive(Debug, Clone, PartialEq)]
pub struct AgreementEntry {
    pub key: ListKey,
    /// None while the agreement is still to record.
    pub agreement_id: Option<i64>,
    pub process_id: i64,
    pub case_id: i64,
    pub case_ref: String,
    pub case_status: String,
    pub process_kind: String,
    pub held_on: Option<NaiveDate>,
    pub facilitators: String,
    pub participants: String,
    pub agreed_on: Option<NaiveDate>,
    pub signed_by_harmed: bool,
    pub signed_by_responsible: bool,
    pub copies_given: bool,
    pub review_on: Option<NaiveDate>,
    /// active / completed / partially_completed / not_completed / none_wanted.
    pub status: String,
    pub harmed_informed_on: Option<NaiveDate>,
    pub items: Vec<AgreementItemRow>,
}

impl AgreementEntry {
    /// Items still to do (open or overdue).
    pub fn open_items(&self) -> usize {
        self.items.iter().filter(|i| i.is_open()).count()
    }

    /// The date the last item was closed, when every item is closed.
    pub fn all_closed_on(&self) -> Option<NaiveDate> {
        if self.items.is_empty() || self.open_items() > 0 {
            return None;
        }
        self.items.iter().filter_map(|i| i.completed_on).max().or(self.agreed_on)
    }
}

/// One action of an outcome agreement.
#[derive(Debug, Clone, PartialEq)]
pub struct AgreementItemRow {
    pub id: i64,
    pub agreement_id: i64,
    pub seq: i64,
    pub description: String,
    pub kind: String,
    pub owner: String,
    pub amount_pence: Option<i64>,
    pub amount_paid_pence: i64,
    pub due_on: NaiveDate,
    pub monitoring_method: Option<String>,
    /// open / done / overdue / not_done / waived.
    pub status: String,
    pub completed_on: Option<NaiveDate>,
    pub evidence: Option<String>,
}

impl AgreementItemRow {
    pub fn is_open(&self) -> bool {
        self.status == "open" || self.status == "overdue"
    }

    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.status == "overdue" || (self.status == "open" && self.due_on < today)
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AgreementCounts {
    /// Held processes whose outcome agreement is still to record.
    pub to_record: i64,
    pub agreements: i64,
}

/// Held processes of cases still at the held stage with no agreement yet.
/// Driven from the cases at that stage; the agreement check is one
/// uncorrelated set (outcome_agreement has no index on process_id).
const HELD_ROWS: &str = "
    SELECT 0 AS grp, COALESCE(p.held_on, '') AS sk, p.id AS kid, NULL AS agreement_id,
           p.id AS process_id, c.id AS case_id, c.ref, c.status AS case_status, p.kind, p.held_on,
           p.facilitators, p.participants, NULL AS agreed_on, 0 AS signed_by_harmed, 0 AS signed_by_responsible,
           0 AS copies_given, NULL AS review_on, '' AS status, NULL AS informed_on
    FROM case_file c JOIN rj_process p ON p.case_id = c.id
    WHERE c.service IN ('restorative_justice', 'mediation') AND c.status IN ('process_arranged', 'process_held')
      AND p.status = 'held' AND p.id NOT IN (SELECT process_id FROM outcome_agreement)";

/// Agreements of cases still open.
const AGREEMENT_ROWS: &str = "
    SELECT 1 AS grp, a.agreed_on AS sk, a.id AS kid, a.id AS agreement_id,
           p.id AS process_id, c.id AS case_id, c.ref, c.status AS case_status, p.kind, p.held_on,
           p.facilitators, p.participants, a.agreed_on, a.signed_by_harmed, a.signed_by_responsible,
           a.copies_given, a.review_on, a.status, a.harmed_party_informed_of_result_on AS informed_on
    FROM outcome_agreement a JOIN rj_process p ON p.id = a.process_id JOIN case_file c ON c.id = p.case_id
    WHERE c.status NOT IN ('closed', 'withdrawn')";

fn opt_day(r: &Row<'_>, name: &str) -> rusqlite::Result<Option<NaiveDate>> {
    Ok(r.get::<_, Option<String>>(name)?.filter(|s| !s.is_empty()).map(|s| parse_day(&s)))
}

fn agreement_entry(r: &Row<'_>) -> rusqlite::Result<AgreementEntry> {
    Ok(AgreementEntry {
        key: ListKey { group: r.get("grp")?, sort: r.get("sk")?, id: r.get("kid")? },
        agreement_id: r.get("agreement_id")?,
        process_id: r.get("process_id")?,
        case_id: r.get("case_id")?,
        case_ref: r.get("ref")?,
        case_status: r.get("case_status")?,
        process_kind: r.get("kind")?,
        held_on: opt_day(r, "held_on")?,
        facilitators: r.get("facilitators")?,
        participants: r.get("participants")?,
        agreed_on: opt_day(r, "agreed_on")?,
        signed_by_harmed: r.get("signed_by_harmed")?,
        signed_by_responsible: r.get("signed_by_responsible")?,
        copies_given: r.get("copies_given")?,
        review_on: opt_day(r, "review_on")?,
        status: r.get("status")?,
        harmed_informed_on: opt_day(r, "informed_on")?,
        items: Vec::new(),
    })
}

fn item_row(r: &Row<'_>) -> rusqlite::Result<AgreementItemRow> {
    Ok(AgreementItemRow {
        id: r.get("id")?,
        agreement_id: r.get("agreement_id")?,
        seq: r.get("seq")?,
        description: r.get("description")?,
        kind: r.get("kind")?,
        owner: r.get::<_, Option<String>>("owner")?.unwrap_or_default(),
        amount_pence: r.get("amount_pence")?,
        amount_paid_pence: r.get("amount_paid_pence")?,
        due_on: parse_day(&r.get::<_, String>("due_on")?),
        monitoring_method: r.get("monitoring_method")?,
        status: r.get("status")?,
        completed_on: opt_day(r, "completed_on")?,
        evidence: r.get("evidence")?,
    })
}

/// Which way to read from a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Direction {
    /// Rows at or after the key, in order.
    From,
    /// Rows strictly before the key, returned in order.
    Before,
}

fn page_sql(union: &str, direction: Direction) -> String {
    let (cmp, order) = match direction {
        Direction::From => (">=", "ASC"),
        Direction::Before => ("<", "DESC"),
    };
    format!(
        "SELECT * FROM ({union}) WHERE (grp, sk, kid) {cmp} (?1, ?2, ?3)
         ORDER BY grp {order}, sk {order}, kid {order} LIMIT ?4"
    )
}

impl ListKey {
    /// A key before every row: where a list starts.
    fn before_all() -> ListKey {
        ListKey { group: i64::MIN, sort: String::new(), id: i64::MIN }
    }
}

impl Store {
    /// How many rows one of this view's row queries gives.
    fn count_rows(&self, sql: &str) -> StoreResult<i64> {
        Ok(self.conn().prepare_cached(&format!("SELECT COUNT(*) FROM ({sql})"))?.query_row([], |r| r.get(0))?)
    }

    // ---------------------------------------------------------------- arrangements

    pub fn arrangement_counts(&self) -> StoreResult<ArrangementCounts> {
        Ok(ArrangementCounts {
            processes: self.count_rows(PROCESS_ROWS)?,
            to_arrange: self.count_rows(TO_ARRANGE_ROWS)?,
        })
    }

    /// Up to `limit` rows from `from` on (the start of the list when None):
    /// processes soonest first, then cases to arrange, longest waiting first.
    pub fn arrangements_from(&self, from: Option<&ListKey>, limit: usize) -> StoreResult<Vec<ArrangementRow>> {
        self.arrangements_page(from, limit, Direction::From)
    }

    /// Up to `limit` rows just before `key`, in list order.
    pub fn arrangements_before(&self, key: &ListKey, limit: usize) -> StoreResult<Vec<ArrangementRow>> {
        self.arrangements_page(Some(key), limit, Direction::Before)
    }

    fn arrangements_page(
        &self,
        key: Option<&ListKey>,
        limit: usize,
        direction: Direction,
    ) -> StoreResult<Vec<ArrangementRow>> {
        let start = key.cloned().unwrap_or_else(ListKey::before_all);
        let union = format!("{PROCESS_ROWS} UNION ALL {TO_ARRANGE_ROWS}");
        let mut stmt = self.conn().prepare_cached(&page_sql(&union, direction))?;
        let rows = stmt.query_map(params![start.group, start.sort, start.id, limit as i64], arrangement_row)?;
        let mut rows = rows.collect::<Result<Vec<_>, _>>()?;
        if direction == Direction::Before {
            rows.reverse();
        }
        Ok(rows)
    }

    /// How many arrangement rows come before `key` (the position of a page).
    pub fn arrangements_before_count(&self, key: &ListKey) -> StoreResult<i64> {
        let sql = format!(
            "SELECT COUNT(*) FROM ({PROCESS_ROWS} UNION ALL {TO_ARRANGE_ROWS}) WHERE (grp, sk, kid) < (?1, ?2, ?3)"
        );
        Ok(self.conn().prepare_cached(&sql)?.query_row(params![key.group, key.sort, key.id], |r| r.get(0))?)
    }

    /// The list key of a process (if it is in the list) or, failing that, of
    /// the case's "to arrange" row.
    pub fn arrangement_key(&self, case_id: i64, process_id: Option<i64>) -> StoreResult<Option<ListKey>> {
        let sql = format!(
            "SELECT grp, sk, kid FROM ({PROCESS_ROWS} UNION ALL {TO_ARRANGE_ROWS})
             WHERE case_id = ?1 ORDER BY (process_id IS ?2) DESC, grp, sk, kid LIMIT 1"
        );
        Ok(self
            .conn()
            .prepare_cached(&sql)?
            .query_row(params![case_id, process_id], |r| {
                Ok(ListKey { group: r.get(0)?, sort: r.get(1)?, id: r.get(2)? })
            })
            .optional()?)
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
    pub fn case_brief(&self, case_id: i64) -> StoreResult<Option<(String, String, String)>> {
        Ok(self
            .conn()
            .prepare_cached("SELECT ref, service, status FROM case_file WHERE id = ?1")?
            .query_row(params![case_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()?)
    }

    // ---------------------------------------------------------------- agreements

    pub fn agreement_counts(&self) -> StoreResult<AgreementCounts> {
        Ok(AgreementCounts { to_record: self.count_rows(HELD_ROWS)?, agreements: self.count_rows(AGREEMENT_ROWS)? })
    }

    /// Up to `limit` entries from `from` on, each agreement with its items:
    /// held processes awaiting an agreement first, then agreements oldest first.
    pub fn agreements_from(&self, from: Option<&ListKey>, limit: usize) -> StoreResult<Vec<AgreementEntry>> {
        self.agreements_page(from, limit, Direction::From)
    }

    pub fn agreements_before(&self, key: &ListKey, limit: usize) -> StoreResult<Vec<AgreementEntry>> {
        self.agreements_page(Some(key), limit, Direction::Before)
    }

    fn agreements_page(
        &self,
        key: Option<&ListKey>,
        limit: usize,
        direction: Direction,
    ) -> StoreResult<Vec<AgreementEntry>> {
        let start = key.cloned().unwrap_or_else(ListKey::before_all);
        let union = format!("{HELD_ROWS} UNION ALL {AGREEMENT_ROWS}");
        let mut entries = {
            let mut stmt = self.conn().prepare_cached(&page_sql(&union, direction))?;
            let rows = stmt.query_map(params![start.group, start.sort, start.id, limit as i64], agreement_entry)?;
            rows.collect::<Result<Vec<_>, _>>()?
        };
        if direction == Direction::Before {
            entries.reverse();
        }
        for entry in &mut entries {
            if let Some(id) = entry.agreement_id {
                entry.items = self.agreement_items(id)?;
            }
        }
        Ok(entries)
    }

    /// The items of one agreement in their agreed order (the unique
    /// (agreement_id, seq) index serves this).
    pub fn agreement_items(&self, agreement_id: i64) -> StoreResult<Vec<AgreementItemRow>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, agreement_id, seq, description, kind, owner, amount_pence, amount_paid_pence, due_on,
                    monitoring_method, status, completed_on, evidence
             FROM agreement_item WHERE agreement_id = ?1 ORDER BY seq",
        )?;
        let rows = stmt.query_map(params![agreement_id], item_row)?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    pub fn agreements_before_count(&self, key: &ListKey) -> StoreResult<i64> {
        let sql = format!(
            "SELECT COUNT(*) FROM ({HELD_ROWS} UNION ALL {AGREEMENT_ROWS}) WHERE (grp, sk, kid) < (?1, ?2, ?3)"
        );
        Ok(self.conn().prepare_cached(&sql)?.query_row(params![key.group, key.sort, key.id], |r| r.get(0))?)
    }

    /// The list key of the entry holding an agreement item (when
    /// `item_id` is given) or of the case's first entry.
    pub fn agreement_key(&self, case_id: i64, item_id: Option<i64>) -> StoreResult<Option<ListKey>> {
        let agreement_id: Option<i64> = match item_id {
            Some(id) => self
                .conn()
                .prepare_cached("SELECT agreement_id FROM agreement_item WHERE id = ?1")?
                .query_row(params![id], |r| r.get(0))
                .optional()?,
            None => None,
        };
        let sql = format!(
            "SELECT grp, sk, kid FROM ({HELD_ROWS} UNION ALL {AGREEMENT_ROWS})
             WHERE case_id = ?1 ORDER BY (agreement_id IS ?2) DESC, grp, sk, kid LIMIT 1"
        );
        Ok(self
            .conn()
            .prepare_cached(&sql)?
            .query_row(params![case_id, agreement_id], |r| {
                Ok(ListKey { group: r.get(0)?, sort: r.get(1)?, id: r.get(2)? })
            })
            .optional()?)
    }

    /// The case an agreement item belongs to.
    pub fn agreement_item_case(&self, item_id: i64) -> StoreResult<Option<i64>> {
        Ok(self
            .conn()
            .prepare_cached(
                "SELECT p.case_id FROM agreement_item i JOIN outcome_agreement a ON a.id = i.agreement_id
                 JOIN rj_process p ON p.id = a.process_id WHERE i.id = ?1",
            )?
            .query_row(params![item_id], |r| r.get(0))
            .optional()?)
    }

    /// One agreement with its items, wherever it is (tests and detail).
    pub fn agreement_entry(&self, agreement_id: i64) -> StoreResult<Option<AgreementEntry>> {
        let sql = format!("SELECT * FROM ({AGREEMENT_ROWS_ANY}) WHERE agreement_id = ?1");
        let entry = self.conn().prepare_cached(&sql)?.query_row(params![agreement_id], agreement_entry).optional()?;
        match entry {
            Some(mut e) => {
                e.items = self.agreement_items(agreement_id)?;
                Ok(Some(e))
            }
            None => Ok(None),
        }
    }

    /// The id of the case with this reference.
    pub fn case_id_by_ref(&self, reference: &str) -> StoreResult<Option<i64>> {
        Ok(self
            .conn()
            .prepare_cached("SELECT id FROM case_file WHERE ref = ?1")?
            .query_row(params![reference], |r| r.get(0))
            .optional()?)
    }

    /// How many audit rows record changes to one row (tests check that a
    /// screen's write was audited).
    pub fn audit_rows_for(&self, entity: &str, entity_id: i64) -> StoreResult<i64> {
        Ok(self
            .conn()
            .prepare_cached("SELECT COUNT(*) FROM audit_log WHERE entity = ?1 AND entity_id = ?2")?
            .query_row(params![entity, entity_id.to_string()], |r| r.get(0))?)
    }

    /// The agreements recorded for a process (normally none or one).
    pub fn agreements_of_process(&self, process_id: i64) -> StoreResult<Vec<i64>> {
        let mut stmt =
            self.conn().prepare_cached("SELECT id FROM outcome_agreement WHERE process_id = ?1 ORDER BY id")?;
        let rows = stmt.query_map(params![process_id], |r| r.get(0))?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }
}

/// Every agreement, whatever the case's status.
const AGREEMENT_ROWS_ANY: &str = "
    SELECT 1 AS grp, a.agreed_on AS sk, a.id AS kid, a.id AS agreement_id,
           p.id AS process_id, c.id AS case_id, c.ref, c.status AS case_status, p.kind, p.held_on,
           p.facilitators, p.participants, a.agreed_on, a.signed_by_harmed, a.signed_by_responsible,
           a.copies_given, a.review_on, a.status, a.harmed_party_informed_of_result_on AS informed_on
    FROM outcome_agreement a JOIN rj_process p ON p.id = a.process_id JOIN case_file c ON c.id = p.case_id";

// ===================================================================== writes

/// A change to how a process is arranged. Only the fields that differ from
/// the stored row are written (and so audited).
#[derive(Debug, Clone, PartialEq)]
pub struct ProcessArrangements {
    pub scheduled_for: Option<NaiveDateTime>,
    pub venue: Option<String>,
    pub room_booked: bool,
    pub refreshments: Option<String>,
    pub facilitators: String,
    pub participants: String,
}

/// A process's arrangements as stored, before an edit.
struct StoredArrangements {
    case_id: i64,
    status: String,
    scheduled: Option<String>,
    venue: Option<String>,
    room: bool,
    refreshments: Option<String>,
    facilitators: String,
    participants: String,
}

impl Tx<'_> {
    /// Change the date, time, venue, room booking, refreshments or people of
    /// a process that has not yet happened. One audited update; says which
    /// fields changed (empty when nothing did).
    pub fn update_process_arrangements(
        &mut self,
        process_id: i64,
        a: &ProcessArrangements,
    ) -> StoreResult<Vec<&'static str>> {
        let row = self
            .conn()
            .query_row(
                "SELECT case_id, status, scheduled_for, venue, room_booked, refreshments, facilitators, participants
                 FROM rj_process WHERE id = ?1",
                params![process_id],
                |r| {
                    Ok(StoredArrangements {
                        case_id: r.get(0)?,
                        status: r.get(1)?,
                        scheduled: r.get(2)?,
                        venue: r.get(3)?,
                        room: r.get(4)?,
                        refreshments: r.get(5)?,
                        facilitators: r.get(6)?,
                        participants: r.get(7)?,
                    })
                },
            )
            .optional()?;
        let Some(StoredArrangements {
            case_id,
            status,
            scheduled,
            venue,
            room,
            refreshments,
            facilitators,
            participants,
        }) = row
        else {
            return Err(StoreError::NotFound(format!("rj_process {process_id}")));
        };
        if status == "held" || status == "cancelled" {
            return Err(StoreError::Invalid(format!("this process was {status}: its arrangements are history")));
        }
        if a.facilitators.trim().is_empty() {
            return Err(StoreError::Invalid("name at least one facilitator".into()));
        }
        let new_when = a.scheduled_for.map(|t| t.format("%Y-%m-%dT%H:%M").to_string());
        let clean = |s: &Option<String>| s.as_deref().map(str::trim).filter(|t| !t.is_empty()).map(str::to_string);
        let mut cols = Vec::new();
        let mut changed = Vec::new();
        if new_when != scheduled {
            cols.push(("scheduled_for", opt_text(&new_when)));
            changed.push("date and time");
        }
        if clean(&a.venue) != clean(&venue) {
            cols.push(("venue", opt_text(&a.venue)));
            changed.push("venue");
        }
        if a.room_booked != room {
            cols.push(("room_booked", boolean(a.room_booked)));
            changed.push("room booking");
        }
        if clean(&a.refreshments) != clean(&refreshments) {
            cols.push(("refreshments", opt_text(&a.refreshments)));
            changed.push("refreshments");
        }
        if a.facilitators.trim() != facilitators {
            cols.push(("facilitators", text(a.facilitators.trim())));
            changed.push("facilitators");
        }
        if a.participants.trim() != participants {
            cols.push(("participants", text(a.participants.trim())));
            changed.push("participants");
        }
        if !cols.is_empty() {
            self.update("rj_process", process_id, Some(case_id), cols)?;
        }
        Ok(changed)
    }

    /// Keep why a process was postponed (the schema's one reason column also
    /// serves postponements; `set_process_status` keeps it only on cancelling).
    pub fn note_process_reason(&mut self, process_id: i64, reason: &str) -> StoreResult<()> {
        let case_id: i64 = self
            .conn()
            .query_row("SELECT case_id FROM rj_process WHERE id = ?1", params![process_id], |r| r.get(0))
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("rj_process {process_id}")))?;
        self.update("rj_process", process_id, Some(case_id), vec![("cancellation_reason", text(reason.trim()))])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::types::{ProcessKind, ProcessStatus, Service, Source};
    use crate::store::model::{NewAgreement, NewAgreementItem, NewCase, NewProcess};

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    fn case_at(store: &mut Store, path: &[&str]) -> i64 {
        store
            .write(|tx| {
                let key = tx.create_case(&NewCase::new(Service::Mediation, Source::Housing, day(2)))?;
                for to in path {
                    tx.conn().execute("UPDATE case_file SET status = ?1 WHERE id = ?2", params![to, key.id])?;
                }
                Ok(key.id)
            })
            .unwrap()
    }

    fn process(store: &mut Store, case_id: i64, when: &str, status: ProcessStatus) -> i64 {
        let p = NewProcess {
            kind: ProcessKind::MediationJointMeeting,
            scheduled_for: parse_datetime(when),
            venue: Some("Hall".into()),
            room_booked: false,
            refreshments: None,
            facilitators: "A; B".into(),
            participants: "both neighbours".into(),
            status,
        };
        store.write(|tx| tx.add_process(case_id, &p)).unwrap()
    }

    #[test]
    fn arrangements_page_soonest_first_then_cases_to_arrange() {
        let mut store = Store::open_in_memory().unwrap();
        let a = case_at(&mut store, &["preparation"]);
        let b = case_at(&mut store, &["process_arranged"]);
        let c = case_at(&mut store, &["preparation"]);
        let late = process(&mut store, a, "2026-11-30T10:00", ProcessStatus::Planned);
        let soon = process(&mut store, b, "2026-11-23T18:00", ProcessStatus::Confirmed);
        let all = store.arrangements_from(None, 10).unwrap();
        let ids: Vec<(Option<i64>, i64)> = all.iter().map(|r| (r.process_id, r.case_id)).collect();
        assert_eq!(ids, vec![(Some(soon), b), (Some(late), a), (None, c)]);
        assert_eq!(store.arrangement_counts().unwrap(), ArrangementCounts { processes: 2, to_arrange: 1 });
        // Keyset paging: the page after the first row starts at the second.
        let next = store.arrangements_from(Some(&all[1].key), 1).unwrap();
        assert_eq!(next[0].process_id, Some(late));
        let before = store.arrangements_before(&all[2].key, 5).unwrap();
        assert_eq!(before.len(), 2);
        assert_eq!(before[0].process_id, Some(soon));
        assert_eq!(store.arrangements_before_count(&all[2].key).unwrap(), 2);
    }

    #[test]
    fn a_postponed_process_shows_until_another_is_arranged() {
        let mut store = Store::open_in_memory().unwrap();
        let a = case_at(&mut store, &["preparation"]);
        let first = process(&mut store, a, "2026-11-23T10:00", ProcessStatus::Planned);
        store.write(|tx| tx.set_process_status(first, ProcessStatus::Postponed, day(20), None)).unwrap();
        let rows = store.arrangements_from(None, 10).unwrap();
        assert_eq!(rows.len(), 1, "shown once, as postponed, not also as to arrange");
        assert_eq!(rows[0].status.as_deref(), Some("postponed"));
        let second = process(&mut store, a, "2026-12-01T10:00", ProcessStatus::Planned);
        let rows = store.arrangements_from(None, 10).unwrap();
        assert_eq!(rows.iter().map(|r| r.process_id).collect::<Vec<_>>(), vec![Some(second)]);
    }

    #[test]
    fn held_processes_await_their_agreement_then_the_agreement_lists_its_items() {
        let mut store = Store::open_in_memory().unwrap();
        let a = case_at(&mut store, &["process_held"]);
        let p = process(&mut store, a, "2026-11-10T10:00", ProcessStatus::Planned);
        store.write(|tx| tx.set_process_status(p, ProcessStatus::Held, day(10), None)).unwrap();
        let entries = store.agreements_from(None, 10).unwrap();
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].agreement_id, None);
        assert_eq!(store.agreement_counts().unwrap(), AgreementCounts { to_record: 1, agreements: 0 });
        let agreement = store
            .write(|tx| {
                let id = tx.add_agreement(&NewAgreement {
                    process_id: p,
                    agreed_on: day(10),
                    signed_by_harmed: true,
                    signed_by_responsible: true,
                    copies_given: false,
                    review_on: None,
                })?;
                tx.add_agreement_item(
                    id,
                    &NewAgreementItem {
                        description: "Keep music down after 10pm".into(),
                        kind: crate::domain::types::AgreementItemKind::BehaviourUndertaking,
                        owner: "Flat 3".into(),
                        responsible_person_id: None,
                        amount_pence: None,
                        due_on: day(30),
                        monitoring_method: Some("Phone check".into()),
                    },
                )?;
                Ok(id)
            })
            .unwrap();
        let entries = store.agreements_from(None, 10).unwrap();
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].agreement_id, Some(agreement));
        assert_eq!(entries[0].items.len(), 1);
        assert_eq!(entries[0].open_items(), 1);
        assert_eq!(entries[0].all_closed_on(), None);
        let item = entries[0].items[0].id;
        assert_eq!(store.agreement_key(a, Some(item)).unwrap(), Some(entries[0].key.clone()));
        assert_eq!(store.agreement_item_case(item).unwrap(), Some(a));
    }

    #[test]
    fn editing_arrangements_writes_only_what_changed_and_refuses_history() {
        let mut store = Store::open_in_memory().unwrap();
        let a = case_at(&mut store, &["process_arranged"]);
        let p = process(&mut store, a, "2026-11-23T10:00", ProcessStatus::Planned);
        let edit = ProcessArrangements {
            scheduled_for: parse_datetime("2026-11-23T10:00"),
            venue: Some("Hall".into()),
            room_booked: true,
            refreshments: Some("tea".into()),
            facilitators: "A; B".into(),
            participants: "both neighbours".into(),
        };
        let changed = store.write(|tx| tx.update_process_arrangements(p, &edit)).unwrap();
        assert_eq!(changed, vec!["room booking", "refreshments"]);
        let row = store.process_row(p).unwrap().unwrap();
        assert!(row.room_booked);
        assert_eq!(row.refreshments.as_deref(), Some("tea"));
        let again = store.write(|tx| tx.update_process_arrangements(p, &edit)).unwrap();
        assert!(again.is_empty());
        store.write(|tx| tx.set_process_status(p, ProcessStatus::Held, day(23), None)).unwrap();
        let err = store.write(|tx| tx.update_process_arrangements(p, &edit)).unwrap_err();
        assert!(err.to_string().contains("held"), "{err}");
    }
}
