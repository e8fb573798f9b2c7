//! Queries behind the period reports: atomic events (a referral received, a
//! sense-check ended, a decision, a condition completed, a breach, an
//! agreement closed, a Victims' Code timer) counted over one period, so any
//! commissioner's template can be derived from them (DOMAIN.md §9.11).
//!
//! Every query is bounded by the period through an indexed date column and
//! aggregates in SQL; only the two timing measures return one pair of dates
//! per case, because their median and 90th percentile are taken in working
//! days, which SQLite cannot count. Each query reads a covering index (0006)
//! rather than the rows. Referrals, completed conditions and decisions are
//! each counted once per day, in the index's own order (no sort), and the
//! totals, the tallies and the weekly counts are all summed from those days.

use chrono::NaiveDate;
use rusqlite::params;

use crate::store::reads::{day_text, parse_day};
use crate::store::{Store, StoreResult};

/// A label (a stored code, or free text for closure outcomes) and its count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tally {
    pub code: String,
    pub count: i64,
}

/// Where a referral stood at the end of the period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Closed on or before the period end, with the outcome recorded on closing.
    Closed(String),
    /// Still open (or withdrawn) at the period end: its status then.
    Status(String),
}

/// The raw facts of one period; `export::report` turns them into figures.
#[derive(Debug, Clone, Default)]
pub struct PeriodFacts {
    pub referrals_by_source: Vec<Tally>,
    pub referrals_by_service: Vec<Tally>,
    pub referrals_by_outcome: Vec<(Outcome, i64)>,
    /// (received_on, date the sense-check ended) per referral whose
    /// sense-check ended in the period.
    pub sense_checks: Vec<(NaiveDate, NaiveDate)>,
    /// (received_on, decided_on) per case whose first suitability decision
    /// was made in the period.
    pub decisions: Vec<(NaiveDate, NaiveDate)>,
    pub decisions_suitable: i64,
    pub decisions_not_suitable: i64,
    pub conditions_on_time: i64,
    pub conditions_late: i64,
    pub conditions_breached: i64,
    pub agreements_completed: i64,
    pub agreement_items_done: i64,
    pub victims_code_met: i64,
    pub victims_code_missed: i64,
    pub victims_code_open: i64,
    /// Enquiries (calls about no case) logged in the period.
    pub enquiries_logged: i64,
}

/// Counts per week of the period, week 0 starting on the period's first day.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WeeklyCounts {
    pub referrals: Vec<u64>,
    pub conditions_completed: Vec<u64>,
    pub decisions: Vec<u64>,
}

/// A case loaded in bulk (casedesk demo) keeps its status history on its
/// one 'collect' row as [day, from, to] (h below); the reports read its
/// moves from there.
const BULK_HISTORY: &str = "FROM audit_log a, json_each(a.after_json, '$.status_history') h
     WHERE a.case_id = c.id AND a.entity = 'case_file' AND a.op = 'collect'";

/// Audit rows that were undone, or that are themselves an undo, do not
/// count as history.
const NOT_UNDONE: &str = "NOT EXISTS (SELECT 1 FROM undo_log u WHERE u.txn = a.txn)
     AND NOT EXISTS (SELECT 1 FROM undo_log u WHERE u.undone_by_txn = a.txn)";

/// Referrals received on one day from one source for one service.
struct ReferralDay {
    day: NaiveDate,
    source: String,
    service: String,
    count: i64,
}

/// Counts of one day: (day, first count, second count).
type DayCounts = Vec<(NaiveDate, i64, i64)>;

/// The week of the period a day falls in, week 0 starting on `from`.
fn week_of(from: NaiveDate, day: NaiveDate) -> Option<usize> {
    usize::try_from((day - from).num_days() / 7).ok()
}

/// `counts` summed per week into `weeks` slots.
fn per_week(from: NaiveDate, weeks: usize, counts: impl Iterator<Item = (NaiveDate, i64)>) -> Vec<u64> {
    let mut out = vec![0u64; weeks];
    for (day, count) in counts {
        if let Some(slot) = week_of(from, day).and_then(|w| out.get_mut(w)) {
            *slot += u64::try_from(count).unwrap_or(0);
        }
    }
    out
}

/// Counts per code, in code order (as SQLite's GROUP BY gives them).
fn tally<'a>(pairs: impl Iterator<Item = (&'a str, i64)>) -> Vec<Tally> {
    let mut by_code = std::collections::BTreeMap::<&str, i64>::new();
    for (code, count) in pairs {
        *by_code.entry(code).or_default() += count;
    }
    by_code.into_iter().map(|(code, count)| Tally { code: code.to_string(), count }).collect()
}

impl Store {
    /// Every fact of the period `from..=to`, and its counts per week (the
    /// last week may be short).
    pub fn period_figures(&self, from: NaiveDate, to: NaiveDate) -> StoreResult<(PeriodFacts, WeeklyCounts)> {
        let (f, t) = (day_text(from), day_text(to));
        let referrals = self.referral_days(&f, &t)?;
        let conditions = self.completed_condition_days(&f, &t)?;
        let decisions = self.decision_days(&f, &t)?;
        let (met, missed, open) = self.victims_code_timers(&f, &t)?;
        let facts = PeriodFacts {
            referrals_by_source: tally(referrals.iter().map(|r| (r.source.as_str(), r.count))),
            referrals_by_service: tally(referrals.iter().map(|r| (r.service.as_str(), r.count))),
            referrals_by_outcome: self.referral_outcomes(&f, &t)?,
            sense_checks: self.sense_check_dates(&f, &t)?,
            decisions: self.first_decision_dates(&f, &t)?,
            decisions_suitable: decisions.iter().map(|d| d.1).sum(),
            decisions_not_suitable: decisions.iter().map(|d| d.2).sum(),
            conditions_on_time: conditions.iter().map(|c| c.1).sum(),
            conditions_late: conditions.iter().map(|c| c.2).sum(),
            conditions_breached: self.one_count(
                // One per condition however many breach records it has; a
                // breach recorded against the whole case counts once per record.
                "SELECT COUNT(DISTINCT COALESCE('condition ' || condition_id, 'breach ' || id)) FROM breach
                 WHERE identified_on BETWEEN ?1 AND ?2",
                &f,
                &t,
            )?,
            agreements_completed: self.one_count(
                "SELECT COUNT(*) FROM outcome_agreement
                 WHERE harmed_party_informed_of_result_on BETWEEN ?1 AND ?2 AND status = 'completed'",
                &f,
                &t,
            )?,
            agreement_items_done: self.one_count(
                "SELECT COUNT(*) FROM agreement_item WHERE completed_on BETWEEN ?1 AND ?2 AND status = 'done'",
                &f,
                &t,
            )?,
            victims_code_met: met,
            victims_code_missed: missed,
            victims_code_open: open,
            enquiries_logged: self.one_count(
                "SELECT COUNT(*) FROM enquiry WHERE occurred_on BETWEEN ?1 AND ?2",
                &f,
                &t,
            )?,
        };
        let weeks = ((to - from).num_days().max(0) / 7 + 1) as usize;
        let weekly = WeeklyCounts {
            referrals: per_week(from, weeks, referrals.iter().map(|r| (r.day, r.count))),
            conditions_completed: per_week(from, weeks, conditions.iter().map(|c| (c.0, c.1 + c.2))),
            decisions: per_week(from, weeks, decisions.iter().map(|d| (d.0, d.1 + d.2))),
        };
        Ok((facts, weekly))
    }

    /// Referrals received per day, source and service: the grouping follows
    /// `case_file_received`, so it is read in order without a sort.
    fn referral_days(&self, from: &str, to: &str) -> StoreResult<Vec<ReferralDay>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT received_on, source, service, COUNT(*) FROM case_file WHERE received_on BETWEEN ?1 AND ?2
             GROUP BY received_on, source, service",
        )?;
        let rows = stmt.query_map(params![from, to], |r| {
            Ok(ReferralDay {
                day: parse_day(&r.get::<_, String>(0)?),
                source: r.get(1)?,
                service: r.get(2)?,
                count: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Conditions completed per day: (day, on or before the due date in
    /// force, after it).
    fn completed_condition_days(&self, from: &str, to: &str) -> StoreResult<DayCounts> {
        self.day_counts(
            "SELECT completed_on, SUM(completed_on <= due_on), SUM(completed_on > due_on) FROM condition
             WHERE completed_on BETWEEN ?1 AND ?2 AND status = 'completed' GROUP BY completed_on",
            from,
            to,
        )
    }

    /// Suitability decisions per day: (day, suitable, not suitable). A
    /// referral to a manager is not yet a decision.
    fn decision_days(&self, from: &str, to: &str) -> StoreResult<DayCounts> {
        self.day_counts(
            "SELECT decided_on, SUM(decision = 'suitable'), SUM(decision = 'not_suitable') FROM decision
             WHERE decided_on BETWEEN ?1 AND ?2 AND decision IN ('suitable', 'not_suitable') GROUP BY decided_on",
            from,
            to,
        )
    }

    fn day_counts(&self, sql: &str, from: &str, to: &str) -> StoreResult<DayCounts> {
        let mut stmt = self.conn().prepare_cached(sql)?;
        let rows = stmt.query_map(params![from, to], |r| {
            Ok((
                parse_day(&r.get::<_, String>(0)?),
                r.get::<_, Option<i64>>(1)?.unwrap_or(0),
                r.get::<_, Option<i64>>(2)?.unwrap_or(0),
            ))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn one_count(&self, sql: &str, from: &str, to: &str) -> StoreResult<i64> {
        Ok(self.conn().prepare_cached(sql)?.query_row(params![from, to], |r| r.get(0))?)
    }

    /// Referrals received in the period by where they stood at its end: the
    /// closure outcome if closed by then, else the status then. A case whose
    /// status has moved since the period end has its status read back from
    /// the audit log (each case_file row's "after" holds the status and the
    /// date it was set for).
    fn referral_outcomes(&self, from: &str, to: &str) -> StoreResult<Vec<(Outcome, i64)>> {
        let sql = format!(
            "SELECT closed, outcome, COUNT(*) FROM (
                SELECT c.closed_on IS NOT NULL AND c.closed_on <= ?2 AS closed,
                       CASE
                         WHEN c.closed_on IS NOT NULL AND c.closed_on <= ?2 THEN COALESCE(trim(c.closure_outcome), '')
                         WHEN c.status_changed_on <= ?2 THEN c.status
                         ELSE COALESCE(
                           (SELECT json_extract(a.after_json, '$.status') FROM audit_log a
                            WHERE a.case_id = c.id AND a.entity = 'case_file' AND a.entity_id = CAST(c.id AS TEXT)
                              AND json_extract(a.after_json, '$.status_changed_on') <= ?2 AND {NOT_UNDONE}
                            ORDER BY a.id DESC LIMIT 1),
                           (SELECT json_extract(h.value, '$[2]') {BULK_HISTORY}
                              AND json_extract(h.value, '$[0]') <= ?2 ORDER BY h.key DESC LIMIT 1),
                           CASE c.service WHEN 'oocd' THEN 'draft' ELSE 'received' END)
                       END AS outcome
                FROM case_file c WHERE c.received_on BETWEEN ?1 AND ?2)
             GROUP BY closed, outcome ORDER BY COUNT(*) DESC, outcome"
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map(params![from, to], |r| {
            let closed: bool = r.get(0)?;
            let text: String = r.get(1)?;
            let outcome = if closed { Outcome::Closed(text) } else { Outcome::Status(text) };
            Ok((outcome, r.get(2)?))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// For each restorative referral whose sense-check ended in the period:
    /// received_on and the day of its first move out of received /
    /// sense-check to a working status (`sense_checked_on`, kept by
    /// `change_status`).
    fn sense_check_dates(&self, from: &str, to: &str) -> StoreResult<Vec<(NaiveDate, NaiveDate)>> {
        self.date_pairs(
            // `+service`: the service is checked on each row found by the
            // date, never used to look rows up (by service, SQLite would read
            // every restorative case when few have a date yet).
            "SELECT received_on, sense_checked_on FROM case_file
             WHERE sense_checked_on BETWEEN ?1 AND ?2 AND +service IN ('restorative_justice', 'mediation')",
            from,
            to,
        )
    }

    /// Cases whose first suitable / not-suitable decision was made in the
    /// period (a referral to a manager is not yet a decision).
    fn first_decision_dates(&self, from: &str, to: &str) -> StoreResult<Vec<(NaiveDate, NaiveDate)>> {
        self.date_pairs(
            "SELECT c.received_on, d.decided_on FROM decision d JOIN case_file c ON c.id = d.case_id
             WHERE d.decided_on BETWEEN ?1 AND ?2 AND d.decision IN ('suitable', 'not_suitable')
               AND NOT EXISTS (SELECT 1 FROM decision e WHERE e.case_id = d.case_id AND e.id < d.id
                               AND e.decision IN ('suitable', 'not_suitable'))",
            from,
            to,
        )
    }

    fn date_pairs(&self, sql: &str, from: &str, to: &str) -> StoreResult<Vec<(NaiveDate, NaiveDate)>> {
        let mut stmt = self.conn().prepare_cached(sql)?;
        let rows = stmt.query_map(params![from, to], |r| {
            Ok((parse_day(&r.get::<_, String>(0)?), parse_day(&r.get::<_, String>(1)?)))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Victims' Code para 3.6 timers falling due in the period, as at its end:
    /// met, missed, and still open (due on the last day, not yet given).
    fn victims_code_timers(&self, from: &str, to: &str) -> StoreResult<(i64, i64, i64)> {
        Ok(self
            .conn()
            .prepare_cached(
                "SELECT COALESCE(SUM(victim_rj_info_given_on <= victim_rj_info_due), 0),
                    COALESCE(SUM(victim_rj_info_given_on > victim_rj_info_due
                                 OR (victim_rj_info_given_on IS NULL AND victim_rj_info_due < ?2)), 0),
                    COALESCE(SUM(victim_rj_info_given_on IS NULL AND victim_rj_info_due >= ?2), 0)
             FROM case_file WHERE victim_rj_info_due BETWEEN ?1 AND ?2",
            )?
            .query_row(params![from, to], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?)
    }
}
