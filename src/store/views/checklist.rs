//! Read models for the checklist screen: the queue of RJ / mediation
//! referrals whose checklist needs work (a count plus one keyset page), and
//! one case's header, answers and latest decision (DOMAIN.md §12.4).
//! Every write goes through the audited `Tx` methods in `writes::rj`.

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension, Row};
use serde::Serialize;

use crate::domain::case_status::CaseStatus;
use crate::domain::checklist::{Answers, CaseFlags, Decision, IntakeFacts, RiskLevel};
use crate::domain::status::RjStatus;
use crate::domain::types::{CjsStage, Service};
use crate::store::model;
use crate::store::reads::parse_day;
use crate::store::sql_types::case_status;
use crate::store::{Store, StoreResult};

/// The statuses in which a referral's checklist is still being worked:
/// the sense-check, waiting for missing information, and the risk assessment.
pub const QUEUE_STATUSES: [&str; 4] = ["received", "sense_check", "awaiting_info", "risk_assessment"];

/// Where a queue row sits in the queue's order (oldest referral first).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QueueKey {
    pub received_on: NaiveDate,
    pub case_id: i64,
}

/// Which page of the queue to read, relative to a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QueuePage {
    /// The first rows.
    First,
    /// The last rows (returned in queue order).
    Last,
    /// Rows from this key on, the key's own row included (to reload in place).
    From(QueueKey),
    /// Rows after this key.
    After(QueueKey),
    /// Rows before this key (returned in queue order).
    Before(QueueKey),
}

/// One referral in the checklist queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QueueRow {
    pub case_id: i64,
    pub reference: String,
    pub service: Service,
    /// The queue holds RJ and mediation referrals only.
    pub status: RjStatus,
    pub received_on: NaiveDate,
    pub status_changed_on: NaiveDate,
    pub offence: String,
    /// How many of the checklist items have an answer recorded.
    pub answered: i64,
    /// Domestic abuse, sexual offence or hate crime flagged at intake.
    pub specialist_flag: bool,
    /// The latest decision refers the case to a manager who has not signed off.
    pub awaiting_manager: bool,
}

impl QueueRow {
    pub fn key(&self) -> QueueKey {
        QueueKey { received_on: self.received_on, case_id: self.case_id }
    }
}

/// What the checklist screen shows above the items.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChecklistCase {
    pub case_id: i64,
    pub reference: String,
    pub service: Service,
    pub status: CaseStatus,
    pub paused_from: Option<RjStatus>,
    pub received_on: NaiveDate,
    pub status_changed_on: NaiveDate,
    pub crime_ref: Option<String>,
    pub offence: Option<String>,
    pub offence_date: Option<NaiveDate>,
    pub cjs_stage: CjsStage,
    pub flags: model::CaseFlags,
}

impl ChecklistCase {
    /// The intake flags the checklist rules read (the same three the store
    /// reads when it enforces a decision).
    pub fn rule_flags(&self) -> CaseFlags {
        CaseFlags {
            domestic_abuse: self.flags.domestic_abuse,
            sexual: self.flags.sexual,
            hate_crime: self.flags.hate_crime,
        }
    }
}

/// A recorded suitability decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DecisionRecord {
    pub id: i64,
    pub decided_on: NaiveDate,
    pub decision: Decision,
    pub risk_level: RiskLevel,
    pub rationale: String,
    pub decided_by: String,
    pub manager_signoff_by: Option<String>,
    pub manager_signoff_on: Option<NaiveDate>,
}

const QUEUE_COLUMNS: &str = "SELECT c.id, c.ref, c.service, c.status, c.received_on, c.status_changed_on,
        COALESCE(c.offence_desc, '') AS offence,
        (SELECT COUNT(*) FROM checklist_answer a WHERE a.case_id = c.id) AS answered,
        c.flag_domestic_abuse OR c.flag_sexual OR c.flag_hate_crime AS specialist_flag,
        COALESCE((SELECT d.decision = 'refer_to_manager' AND d.manager_signoff_by IS NULL
                  FROM decision d WHERE d.case_id = c.id ORDER BY d.id DESC LIMIT 1), 0) AS awaiting_manager
     FROM case_file c
     WHERE c.service IN ('restorative_justice', 'mediation')
       AND c.status IN ('received', 'sense_check', 'awaiting_info', 'risk_assessment')";

// Keyset pagination over (received_on, id): each page reads only its own rows
// through the (service, status, received_on) index, however deep it is.
const QUEUE_AFTER: &str = "AND (c.received_on, c.id) > (?1, ?2) ORDER BY c.received_on, c.id LIMIT ?3";
const QUEUE_FROM: &str = "AND (c.received_on, c.id) >= (?1, ?2) ORDER BY c.received_on, c.id LIMIT ?3";
const QUEUE_BEFORE: &str = "AND (c.received_on, c.id) < (?1, ?2) ORDER BY c.received_on DESC, c.id DESC LIMIT ?3";

fn queue_row(r: &Row<'_>) -> rusqlite::Result<QueueRow> {
    Ok(QueueRow {
        case_id: r.get("id")?,
        reference: r.get("ref")?,
        service: r.get("service")?,
        status: r.get("status")?,
        received_on: parse_day(&r.get::<_, String>("received_on")?),
        status_changed_on: parse_day(&r.get::<_, String>("status_changed_on")?),
        offence: r.get("offence")?,
        answered: r.get("answered")?,
        specialist_flag: r.get("specialist_flag")?,
        awaiting_manager: r.get("awaiting_manager")?,
    })
}

fn key_text(d: NaiveDate) -> String {
    crate::domain::dates::iso(d)
}

impl Store {
    /// How many referrals are in the checklist queue.
    pub fn checklist_queue_count(&self) -> StoreResult<i64> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT COUNT(*) FROM case_file c
             WHERE c.service IN ('restorative_justice', 'mediation')
               AND c.status IN ('received', 'sense_check', 'awaiting_info', 'risk_assessment')",
        )?;
        Ok(stmt.query_row([], |r| r.get(0))?)
    }

    /// How many queue rows come before `key` (its position, counting from 0).
    pub fn checklist_queue_rank(&self, key: &QueueKey) -> StoreResult<i64> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT COUNT(*) FROM case_file c
             WHERE c.service IN ('restorative_justice', 'mediation')
               AND c.status IN ('received', 'sense_check', 'awaiting_info', 'risk_assessment')
               AND (c.received_on, c.id) < (?1, ?2)",
        )?;
        Ok(stmt.query_row(params![key_text(key.received_on), key.case_id], |r| r.get(0))?)
    }

    /// One page of at most `limit` queue rows, oldest referral first.
    pub fn checklist_queue_page(&self, page: &QueuePage, limit: usize) -> StoreResult<Vec<QueueRow>> {
        let (tail, key, reverse) = match page {
            QueuePage::First => (QUEUE_AFTER, QueueKey { received_on: NaiveDate::MIN, case_id: i64::MIN }, false),
            QueuePage::Last => (QUEUE_BEFORE, QueueKey { received_on: NaiveDate::MAX, case_id: i64::MAX }, true),
            QueuePage::From(k) => (QUEUE_FROM, k.clone(), false),
            QueuePage::After(k) => (QUEUE_AFTER, k.clone(), false),
            QueuePage::Before(k) => (QUEUE_BEFORE, k.clone(), true),
        };
        // Stored dates are YYYY-MM-DD, so the sentinels must sort the same way.
        let date = match page {
            QueuePage::First => String::new(),
            QueuePage::Last => "9999-12-31".to_string(),
            _ => key_text(key.received_on),
        };
        let sql = format!("{QUEUE_COLUMNS} {tail}");
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let rows = stmt.query_map(params![date, key.case_id, limit], queue_row)?;
        let mut rows: Vec<QueueRow> = rows.collect::<Result<_, _>>()?;
        if reverse {
            rows.reverse();
        }
        Ok(rows)
    }

    /// The header facts of one case, or `None` when there is no such case.
    pub fn checklist_case(&self, case_id: i64) -> StoreResult<Option<ChecklistCase>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, ref, service, status, paused_from, received_on, status_changed_on, crime_ref,
                    offence_desc, offence_date, cjs_stage, flag_domestic_abuse, flag_intimate_partner,
                    flag_hate_crime, flag_sexual, flag_knife, flag_youth
             FROM case_file WHERE id = ?1",
        )?;
        let row = stmt
            .query_row(params![case_id], |r| {
                Ok(ChecklistCase {
                    case_id: r.get("id")?,
                    reference: r.get("ref")?,
                    service: r.get("service")?,
                    status: case_status(r, "service", "status")?,
                    paused_from: r.get("paused_from")?,
                    received_on: parse_day(&r.get::<_, String>("received_on")?),
                    status_changed_on: parse_day(&r.get::<_, String>("status_changed_on")?),
                    crime_ref: r.get("crime_ref")?,
                    offence: r.get("offence_desc")?,
                    offence_date: r.get::<_, Option<String>>("offence_date")?.map(|s| parse_day(&s)),
                    cjs_stage: r.get("cjs_stage")?,
                    flags: model::CaseFlags::from_row(r, 11)?,
                })
            })
            .optional()?;
        Ok(row)
    }

    /// What intake recorded that the sense-check asks about, for the
    /// answers it suggests.
    pub fn checklist_intake_facts(&self, case: &ChecklistCase) -> StoreResult<IntakeFacts> {
        let (harmed, contact, responsible): (bool, bool, bool) = self.conn().query_row(
            "SELECT COALESCE(MAX(cp.role = 'harmed'), 0),
                    COALESCE(MAX(cp.role = 'harmed' AND (COALESCE(p.phone, '') <> '' OR COALESCE(p.email, '') <> ''
                                                          OR COALESCE(p.address, '') <> '')), 0),
                    COALESCE(MAX(cp.role = 'offender'), 0)
             FROM case_party cp JOIN person p ON p.id = cp.person_id WHERE cp.case_id = ?1",
            params![case.case_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        let filled = |v: &Option<String>| v.as_deref().is_some_and(|t| !t.trim().is_empty());
        Ok(IntakeFacts {
            crime_ref: filled(&case.crime_ref),
            offence_described: filled(&case.offence),
            offence_dated: case.offence_date.is_some(),
            harmed_recorded: harmed,
            harmed_contact: contact,
            responsible_recorded: responsible,
        })
    }

    /// The checklist answers recorded for a case (at most one per item).
    pub fn checklist_answers(&self, case_id: i64) -> StoreResult<Answers> {
        crate::store::writes::answers_for(self.conn(), case_id)
    }

    /// The newest suitability decision on a case.
    pub fn latest_decision(&self, case_id: i64) -> StoreResult<Option<DecisionRecord>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, decided_on, decision, risk_level, rationale, decided_by, manager_signoff_by,
                    manager_signoff_on
             FROM decision WHERE case_id = ?1 ORDER BY id DESC LIMIT 1",
        )?;
        let row = stmt
            .query_row(params![case_id], |r| {
                Ok(DecisionRecord {
                    id: r.get("id")?,
                    decided_on: parse_day(&r.get::<_, String>("decided_on")?),
                    decision: r.get("decision")?,
                    risk_level: r.get("risk_level")?,
                    rationale: r.get("rationale")?,
                    decided_by: r.get("decided_by")?,
                    manager_signoff_by: r.get("manager_signoff_by")?,
                    manager_signoff_on: r.get::<_, Option<String>>("manager_signoff_on")?.map(|s| parse_day(&s)),
                })
            })
            .optional()?;
        Ok(row)
    }

    /// How many suitability decisions a case has (tests check refusals save nothing).
    pub fn decision_count(&self, case_id: i64) -> StoreResult<i64> {
        let mut stmt = self.conn().prepare_cached("SELECT COUNT(*) FROM decision WHERE case_id = ?1")?;
        Ok(stmt.query_row(params![case_id], |r| r.get(0))?)
    }

    /// The status a case has now.
    pub fn current_case_status(&self, case_id: i64) -> StoreResult<Option<CaseStatus>> {
        let mut stmt = self.conn().prepare_cached("SELECT service, status FROM case_file WHERE id = ?1")?;
        Ok(stmt.query_row(params![case_id], |r| case_status(r, "service", "status")).optional()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::checklist::{Answer, RiskSeverity};
    use crate::domain::types::Source;
    use crate::store::model::NewCase;

    fn day(n: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 10, 1).unwrap() + chrono::Duration::days(i64::from(n))
    }

    /// `n` RJ referrals received on days 0, 0, 1, 1, 2, 2 … (two a day, so
    /// the id breaks ties), plus an OOCD case and a closed referral that
    /// must never appear.
    fn store_with(n: u32) -> Store {
        let mut store = Store::open_in_memory().unwrap();
        store
            .write(|tx| {
                for i in 0..n {
                    tx.create_case(&NewCase::new(Service::RestorativeJustice, Source::Police, day(i / 2)))?;
                }
                tx.create_case(&NewCase::new(Service::Oocd, Source::Police, day(0)))?;
                let gone = tx.create_case(&NewCase::new(Service::Mediation, Source::Housing, day(0)))?;
                tx.change_status(gone.id, "withdrawn", day(1))
            })
            .unwrap();
        store
    }

    fn ids(rows: &[QueueRow]) -> Vec<i64> {
        rows.iter().map(|r| r.case_id).collect()
    }

    #[test]
    fn keyset_pages_walk_the_queue_both_ways_without_gaps() {
        let store = store_with(11);
        assert_eq!(store.checklist_queue_count().unwrap(), 11);
        let all = store.checklist_queue_page(&QueuePage::First, 100).unwrap();
        assert_eq!(ids(&all), (1..=11).collect::<Vec<_>>());
        assert!(all.windows(2).all(|w| (w[0].received_on, w[0].case_id) < (w[1].received_on, w[1].case_id)));

        let mut walked = Vec::new();
        let mut page = store.checklist_queue_page(&QueuePage::First, 4).unwrap();
        while !page.is_empty() {
            walked.extend(ids(&page));
            let last = page.last().unwrap().key();
            page = store.checklist_queue_page(&QueuePage::After(last), 4).unwrap();
        }
        assert_eq!(walked, ids(&all));

        let last = store.checklist_queue_page(&QueuePage::Last, 4).unwrap();
        assert_eq!(ids(&last), [8, 9, 10, 11]);
        let before = store.checklist_queue_page(&QueuePage::Before(last[0].key()), 4).unwrap();
        assert_eq!(ids(&before), [4, 5, 6, 7]);
        let from = store.checklist_queue_page(&QueuePage::From(before[1].key()), 2).unwrap();
        assert_eq!(ids(&from), [5, 6]);
        assert_eq!(store.checklist_queue_rank(&last[0].key()).unwrap(), 7);
    }

    #[test]
    fn case_answers_and_decisions_read_back() {
        let mut store = store_with(1);
        assert!(store.checklist_case(999).unwrap().is_none());
        let case = store.checklist_case(1).unwrap().unwrap();
        assert_eq!(case.reference, "RJ-2026-0001");
        assert_eq!(case.status.as_str(), "received");
        assert!(store.checklist_answers(1).unwrap().is_empty());
        assert!(store.latest_decision(1).unwrap().is_none());
        store
            .write(|tx| {
                let entry = model::ChecklistEntry {
                    item_code: "RK_MH".into(),
                    answer: Answer::Yes,
                    severity: Some(RiskSeverity::Low),
                    note: "GP letter".into(),
                };
                tx.answer_checklist(1, &entry, day(3))
            })
            .unwrap();
        let answers = store.checklist_answers(1).unwrap();
        assert_eq!(answers.present_severity("RK_MH"), Some(RiskSeverity::Low));
        assert_eq!(answers.get("RK_MH").unwrap().note, "GP letter");
        assert_eq!(store.decision_count(1).unwrap(), 0);
        assert_eq!(store.current_case_status(1).unwrap().map(CaseStatus::as_str), Some("received"));
    }
}
