//! The agreements list: held processes still waiting for their outcome
//! agreement, then each agreement with its items.

use crate::domain::types::AgreementStatus;
use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension, Row};

use crate::domain::case_status::CaseStatus;
use crate::domain::types::{AgreementItemKind, AgreementItemStatus, ProcessKind};
use crate::store::reads::parse_day;
use crate::store::sql_types::case_status;
use crate::store::views::allocation::CoordinatorFilter;
use crate::store::{Store, StoreResult};

use super::arms::Arm;
use super::{CappedCount, Direction, ListKey};

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
    pub case_status: CaseStatus,
    pub process_kind: ProcessKind,
    pub held_on: Option<NaiveDate>,
    pub facilitators: String,
    pub participants: String,
    pub agreed_on: Option<NaiveDate>,
    pub signed_by_harmed: bool,
    pub signed_by_responsible: bool,
    pub copies_given: bool,
    pub review_on: Option<NaiveDate>,
    /// None for a held process with no agreement recorded yet.
    pub status: Option<AgreementStatus>,
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
    pub kind: AgreementItemKind,
    pub owner: String,
    pub amount_pence: Option<i64>,
    pub amount_paid_pence: i64,
    pub due_on: NaiveDate,
    pub monitoring_method: Option<String>,
    pub status: AgreementItemStatus,
    pub completed_on: Option<NaiveDate>,
    pub evidence: Option<String>,
}

impl AgreementItemRow {
    pub fn is_open(&self) -> bool {
        matches!(self.status, AgreementItemStatus::Open | AgreementItemStatus::Overdue)
    }

    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.status == AgreementItemStatus::Overdue || (self.status == AgreementItemStatus::Open && self.due_on < today)
    }
}

/// How many entries each part of the agreements list holds, counted up to
/// the cap.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AgreementCounts {
    /// Held processes whose outcome agreement is still to record.
    pub to_record: CappedCount,
    pub agreements: CappedCount,
}

/// Held processes of cases still at the held stage with no agreement yet,
/// oldest first, walking `rj_process_agreement_awaited`: only the processes
/// whose `agreement_awaited` mark is set (triggers keep it with the
/// process's status, its agreements and its case's stage), so a page never
/// passes through the years of processes held before. The conditions the
/// mark stands for are still checked, so a row is listed only if they hold.
const HELD: Arm = Arm {
    group: 0,
    columns: "NULL AS agreement_id, p.id AS process_id, c.id AS case_id, c.ref, c.service, c.status AS case_status,
              p.kind,
              p.held_on, p.facilitators, p.participants, NULL AS agreed_on, 0 AS signed_by_harmed,
              0 AS signed_by_responsible, 0 AS copies_given, NULL AS review_on, NULL AS status, NULL AS informed_on",
    from: "rj_process p INDEXED BY rj_process_agreement_awaited CROSS JOIN case_file c ON c.id = p.case_id",
    by_case: "case_file c CROSS JOIN rj_process p ON p.case_id = c.id",
    filter: "p.agreement_awaited = 1
        AND c.service IN ('restorative_justice', 'mediation') AND c.status IN ('process_arranged', 'process_held')
        AND p.status = 'held' AND NOT EXISTS (SELECT 1 FROM outcome_agreement a WHERE a.process_id = p.id)",
    sort: "COALESCE(p.held_on, '')",
    id: "p.id",
};

/// Agreements of cases still open, oldest first, walking
/// `outcome_agreement_open_case`: only the agreements whose `case_open` mark
/// is set (triggers keep it with the case's status), so the walk never
/// passes through the years of agreements of closed cases. The case's own
/// status is still checked, so a row is listed only if its case is open.
const AGREEMENTS: Arm = Arm {
    group: 1,
    columns: AGREEMENT_COLUMNS,
    from: "outcome_agreement a INDEXED BY outcome_agreement_open_case
           CROSS JOIN rj_process p ON p.id = a.process_id CROSS JOIN case_file c ON c.id = p.case_id",
    by_case: "case_file c CROSS JOIN rj_process p ON p.case_id = c.id
              CROSS JOIN outcome_agreement a ON a.process_id = p.id",
    filter: "a.case_open = 1 AND c.status NOT IN ('closed', 'withdrawn')",
    sort: "a.agreed_on",
    id: "a.id",
};

const AGREEMENT_COLUMNS: &str = "a.id AS agreement_id, p.id AS process_id, c.id AS case_id, c.ref, c.service,
    c.status AS case_status, p.kind, p.held_on, p.facilitators, p.participants, a.agreed_on, a.signed_by_harmed,
    a.signed_by_responsible, a.copies_given, a.review_on, a.status, a.harmed_party_informed_of_result_on AS informed_on";

/// The agreements list: held processes awaiting an agreement, then agreements.
const OUTCOMES: [Arm; 2] = [HELD, AGREEMENTS];

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
        case_status: case_status(r, "service", "case_status")?,
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

impl Store {
    /// How many entries of `whose` cases each part of the list holds.
    pub fn agreement_counts(&self, whose: CoordinatorFilter) -> StoreResult<AgreementCounts> {
        Ok(AgreementCounts {
            to_record: self.arm_total(&HELD, whose)?,
            agreements: self.arm_total(&AGREEMENTS, whose)?,
        })
    }

    /// Up to `limit` entries of `whose` cases from `from` on, each agreement
    /// with its items: held processes awaiting an agreement first, then
    /// agreements oldest first.
    pub fn agreements_from(
        &self,
        whose: CoordinatorFilter,
        from: Option<&ListKey>,
        limit: usize,
    ) -> StoreResult<Vec<AgreementEntry>> {
        let start = from.cloned().unwrap_or_else(ListKey::before_all);
        let entries = self.arm_rows(&OUTCOMES, whose, &start, Direction::From, limit, agreement_entry)?;
        self.with_items(entries)
    }

    /// Up to `limit` entries of `whose` cases just before `key`, in list order.
    pub fn agreements_before(
        &self,
        whose: CoordinatorFilter,
        key: &ListKey,
        limit: usize,
    ) -> StoreResult<Vec<AgreementEntry>> {
        let entries = self.arm_rows(&OUTCOMES, whose, key, Direction::Before, limit, agreement_entry)?;
        self.with_items(entries)
    }

    fn with_items(&self, mut entries: Vec<AgreementEntry>) -> StoreResult<Vec<AgreementEntry>> {
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

    /// How many entries of `whose` cases come before `key` (the position of
    /// a page), counted up to the cap.
    pub fn agreements_before_count(&self, whose: CoordinatorFilter, key: &ListKey) -> StoreResult<CappedCount> {
        self.arm_count(&OUTCOMES, whose, key, Direction::Before)
    }

    /// The list key of the entry holding an agreement item (when
    /// `item_id` is given) or of the case's first entry; with no item
    /// given, a held process awaiting its agreement first.
    pub fn agreement_key(&self, case_id: i64, item_id: Option<i64>) -> StoreResult<Option<ListKey>> {
        let agreement_id: Option<i64> = match item_id {
            Some(id) => self
                .conn()
                .prepare_cached("SELECT agreement_id FROM agreement_item WHERE id = ?1")?
                .query_row(params![id], |r| r.get(0))
                .optional()?,
            None => None,
        };
        let entries = self.arm_rows_of_case(&OUTCOMES, case_id, agreement_entry, |e| &e.key)?;
        let wanted = entries.iter().find(|e| e.agreement_id == agreement_id).or(entries.first());
        Ok(wanted.map(|e| e.key.clone()))
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
        let sql = format!(
            "SELECT {} FROM outcome_agreement a JOIN rj_process p ON p.id = a.process_id
             JOIN case_file c ON c.id = p.case_id WHERE a.id = ?1",
            AGREEMENTS.select(AGREEMENT_COLUMNS)
        );
        let entry = self.conn().prepare_cached(&sql)?.query_row(params![agreement_id], agreement_entry).optional()?;
        match entry {
            Some(mut e) => {
                e.items = self.agreement_items(agreement_id)?;
                Ok(Some(e))
            }
            None => Ok(None),
        }
    }

    /// The agreements recorded for a process (normally none or one).
    pub fn agreements_of_process(&self, process_id: i64) -> StoreResult<Vec<i64>> {
        let mut stmt =
            self.conn().prepare_cached("SELECT id FROM outcome_agreement WHERE process_id = ?1 ORDER BY id")?;
        let rows = stmt.query_map(params![process_id], |r| r.get(0))?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }
}
