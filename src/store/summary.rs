//! The end-of-day summary of DOMAIN.md §12.5, gathered as references only:
//! no names, addresses or notes, so the file can be saved and sent safely.

use chrono::NaiveDate;
use rusqlite::params;
use serde::Serialize;

use super::reads::{day_text, parse_day};
use super::today::Day;
use super::{Store, StoreResult};
use crate::domain::caps::ConditionKind;
use crate::domain::checklist::{not_suitable_reason, Decision, NotSuitableReason, RiskLevel};
use crate::domain::officers::officer_reference;
use crate::domain::status::{BreachDecision, OocdStatus, RjStatus};
use crate::domain::triage::{ItemKind, TodaySection};
use crate::domain::types::{ComplianceEventType, ProcessKind, Service, Source};

#[derive(Debug, Clone, Serialize)]
pub struct ReferralLine {
    pub reference: String,
    #[serde(serialize_with = "super::summary_done::as_label")]
    pub service: Service,
    #[serde(serialize_with = "super::summary_done::as_label")]
    pub source: Source,
}

#[derive(Debug, Clone, Serialize)]
pub struct DecisionLine {
    pub reference: String,
    #[serde(serialize_with = "decision_label")]
    pub decision: Decision,
    pub risk_level: RiskLevel,
    /// Why, for a not-suitable decision: read from its rating and checklist.
    #[serde(serialize_with = "reason_label")]
    pub reason: Option<NotSuitableReason>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CompletionLine {
    pub reference: String,
    /// The condition's number within its case.
    pub seq: i64,
    #[serde(serialize_with = "super::summary_done::as_label")]
    pub kind: ConditionKind,
}

#[derive(Debug, Clone, Serialize)]
pub struct BreachLine {
    pub reference: String,
    pub identified_on: NaiveDate,
    #[serde(serialize_with = "super::summary_done::as_label")]
    pub decision: BreachDecision,
    pub referred_to: String,
    pub age_working_days: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct DeadlineLine {
    pub reference: String,
    pub item: String,
    pub due_on: NaiveDate,
    /// Working days past due (positive) or until due (negative).
    pub working_days_overdue: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Breaches {
    pub new_today: Vec<BreachLine>,
    pub awaiting_decision: Vec<BreachLine>,
    pub decided_today: Vec<BreachLine>,
}

#[derive(Debug, Clone, Serialize)]
pub struct StatusCount {
    #[serde(serialize_with = "status_label")]
    pub status: String,
    pub cases: i64,
}

/// The whole summary; the field names are the JSON keys.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub date: NaiveDate,
    /// The desk user's name and role (`casedesk settings me`), if given.
    pub prepared_by: Option<String>,
    pub working_day: bool,
    pub next_working_day: NaiveDate,
    pub referrals_received: Vec<ReferralLine>,
    pub decisions: Vec<DecisionLine>,
    pub conditions_completed: Vec<CompletionLine>,
    pub compliance_events: Vec<StatusCount>,
    pub breaches: Breaches,
    /// Cases with a variation agreed on the day, each once.
    pub variations: Vec<String>,
    pub caseloads: Vec<super::summary_attention::CaseloadLine>,
    pub vettings_due: Vec<super::summary_attention::VettingLine>,
    /// Meetings held, agreements signed, actions done, letters sent and
    /// follow-ups done on the day.
    pub done_today: Vec<super::summary_done::ActivityLine>,
    pub overdue: Vec<DeadlineLine>,
    pub due_today: Vec<DeadlineLine>,
    pub due_next_5_working_days: Vec<DeadlineLine>,
    pub agreement_items_due: Vec<DeadlineLine>,
    pub harmed_parties_to_inform: Vec<String>,
    pub referral_pipeline: Vec<StatusCount>,
    pub oocd_pipeline: Vec<StatusCount>,
    pub sense_checks_overdue: Vec<String>,
    pub awaiting_manager_signoff: Vec<String>,
    pub meetings_next_5_working_days: Vec<DeadlineLine>,
    pub victims_code_timers_at_risk: Vec<DeadlineLine>,
    pub contacts_logged: i64,
    /// Enquiries logged on the day: calls about no case yet (issue 14 §4).
    pub enquiries_logged: i64,
    pub retention_reviews_due_this_month: i64,
    pub records_disclosed_today: i64,
    pub audit_chain_ok: bool,
    pub tomorrow: Vec<DeadlineLine>,
    /// The newest audit row as POSITION:first 16 hex digits: printed or
    /// emailed, it anchors the chain (`casedesk check --head`).
    pub audit_head: String,
}

/// How many of the newest audit rows the summary re-verifies.
pub const RECENT_AUDIT_ROWS: u64 = 5_000;

impl Store {
    /// Gather the summary for `day.today`.
    pub fn summary(&self, day: &Day<'_>) -> StoreResult<Summary> {
        let date = day.today;
        let items = self.intake_and_deadline_items(day)?;
        let lines = |section: TodaySection, kinds: &[ItemKind]| -> Vec<DeadlineLine> {
            items
                .iter()
                .filter(|i| i.section == section && kinds.contains(&i.kind))
                .map(|i| DeadlineLine {
                    reference: i.case_ref.clone(),
                    item: item_label(i.kind),
                    due_on: i.date,
                    working_days_overdue: i.working_days,
                })
                .collect()
        };
        let deadline_kinds = [ItemKind::Condition, ItemKind::AgreementItem];
        let agreement_due: Vec<DeadlineLine> = [TodaySection::Overdue, TodaySection::DueToday, TodaySection::DueSoon]
            .iter()
            .flat_map(|s| lines(*s, &[ItemKind::AgreementItem]))
            .collect();
        // The ten soonest deadlines. `items` is in triage order (overdue, due
        // today, due soon, each oldest first), so they are the first ten.
        let deadline_sections = [TodaySection::Overdue, TodaySection::DueToday, TodaySection::DueSoon];
        let tomorrow: Vec<DeadlineLine> = items
            .iter()
            .filter(|i| deadline_sections.contains(&i.section) && deadline_kinds.contains(&i.kind))
            .take(10)
            .map(|i| DeadlineLine {
                reference: i.case_ref.clone(),
                item: item_label(i.kind),
                due_on: i.date,
                working_days_overdue: i.working_days,
            })
            .collect();
        let sense_late: Vec<String> = items
            .iter()
            .filter(|i| i.section == TodaySection::NewReferrals && i.late)
            .map(|i| i.case_ref.clone())
            .collect();
        let signoff: Vec<String> = items
            .iter()
            .filter(|i| i.section == TodaySection::Checklists && i.title.contains("sign-off"))
            .map(|i| i.case_ref.clone())
            .collect();
        // The newest rows only: the full walk is `casedesk check`'s job, and would
        // make the evening summary slow on years of history.
        let chain = super::audit::verify_recent(self.conn(), RECENT_AUDIT_ROWS)?;
        Ok(Summary {
            date,
            prepared_by: self.desk_user()?.map(|u| u.who()),
            working_day: day.calendar.is_working_day(date),
            next_working_day: day.calendar.next_working_day(date),
            referrals_received: self.referrals_received(date)?,
            decisions: self.decisions_on(date)?,
            conditions_completed: self.conditions_completed_on(date)?,
            compliance_events: self.compliance_counts(date)?,
            breaches: self.breaches(day)?,
            variations: self.varied_on(date)?,
            caseloads: self.summary_caseloads()?,
            vettings_due: self.summary_vettings(date)?,
            done_today: self.done_on(date)?,
            overdue: lines(TodaySection::Overdue, &deadline_kinds),
            due_today: lines(TodaySection::DueToday, &deadline_kinds),
            due_next_5_working_days: lines(TodaySection::DueSoon, &deadline_kinds),
            agreement_items_due: agreement_due,
            harmed_parties_to_inform: self.harmed_to_inform()?,
            referral_pipeline: self.pipeline("service <> 'oocd'")?,
            oocd_pipeline: self.pipeline("service = 'oocd'")?,
            sense_checks_overdue: sense_late,
            awaiting_manager_signoff: signoff,
            meetings_next_5_working_days: self.meetings_ahead(day)?,
            victims_code_timers_at_risk: self.victims_code_at_risk(day)?,
            contacts_logged: self.count("SELECT COUNT(*) FROM contact_log WHERE occurred_on = ?1", &day_text(date))?,
            enquiries_logged: self.count("SELECT COUNT(*) FROM enquiry WHERE occurred_on = ?1", &day_text(date))?,
            retention_reviews_due_this_month: self.count(
                "SELECT COUNT(*) FROM retention WHERE decision IS NULL AND review_due <= ?1",
                &day_text(end_of_month(date)),
            )?,
            records_disclosed_today: self.disclosed_on(date)?,
            audit_chain_ok: chain.fault.is_none(),
            tomorrow,
            audit_head: super::manifests::newest_head(self.conn())?.show(),
        })
    }

    fn count(&self, sql: &str, day: &str) -> StoreResult<i64> {
        Ok(self.conn().query_row(sql, params![day], |r| r.get(0))?)
    }

    /// Exports and disclosures made on the desk's day `date`: each row
    /// records the desk's day it was made on (`--today`, or the local date),
    /// so a summary of a day given with `--today` counts that day's work.
    /// Rows from before the desk day was recorded count by the local date of
    /// their (UTC) time: a letter written at 23:23 in Los Angeles is that
    /// evening's work, not the next day's. Both halves read the desk-day
    /// index (the older rows by a time range on its NULL part).
    fn disclosed_on(&self, date: NaiveDate) -> StoreResult<i64> {
        let next = date.succ_opt().unwrap_or(date);
        Ok(self.conn().query_row(
            "SELECT (SELECT COUNT(*) FROM audit_log WHERE desk_day = ?1 AND op IN ('disclose', 'export'))
                  + (SELECT COUNT(*) FROM audit_log
                     WHERE desk_day IS NULL AND at_utc >= ?2 AND at_utc < ?3 AND op IN ('disclose', 'export'))",
            params![date.to_string(), utc_stamp_of_local_midnight(date), utc_stamp_of_local_midnight(next)],
            |r| r.get(0),
        )?)
    }

    fn referrals_received(&self, date: NaiveDate) -> StoreResult<Vec<ReferralLine>> {
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT ref, service, source FROM case_file WHERE received_on = ?1 ORDER BY ref")?;
        let rows = stmt.query_map(params![day_text(date)], |r| {
            Ok(ReferralLine { reference: r.get("ref")?, service: r.get("service")?, source: r.get("source")? })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn decisions_on(&self, date: NaiveDate) -> StoreResult<Vec<DecisionLine>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT c.ref, d.decision, d.risk_level,
                    (SELECT group_concat(a.item_code) FROM checklist_answer a
                     WHERE a.case_id = d.case_id AND a.answer = 'no' AND substr(a.item_code, 1, 3) = 'SU_') AS answered_no
             FROM decision d JOIN case_file c INDEXED BY case_file_live ON c.id = d.case_id
             WHERE d.decided_on = ?1 ORDER BY c.ref, d.id",
        )?;
        let rows = stmt.query_map(params![day_text(date)], |r| {
            let decision: Decision = r.get("decision")?;
            let risk_level: RiskLevel = r.get("risk_level")?;
            let answered_no: Option<String> = r.get("answered_no")?;
            let codes: Vec<&str> = answered_no.as_deref().map(|s| s.split(',').collect()).unwrap_or_default();
            let reason = (decision == Decision::NotSuitable).then(|| not_suitable_reason(risk_level, &codes));
            Ok(DecisionLine { reference: r.get("ref")?, decision, risk_level, reason })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn conditions_completed_on(&self, date: NaiveDate) -> StoreResult<Vec<CompletionLine>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT c.ref, k.seq, k.kind FROM condition k JOIN case_file c INDEXED BY case_file_live ON c.id = k.case_id
             WHERE k.completed_on = ?1 ORDER BY c.ref, k.seq",
        )?;
        let rows = stmt.query_map(params![day_text(date)], |r| {
            Ok(CompletionLine { reference: r.get("ref")?, seq: r.get("seq")?, kind: r.get("kind")? })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn compliance_counts(&self, date: NaiveDate) -> StoreResult<Vec<StatusCount>> {
        self.status_counts(
            "SELECT type, COUNT(*) FROM compliance_event WHERE occurred_on = ?1 GROUP BY type ORDER BY type",
            params![day_text(date)],
        )
    }

    fn pipeline(&self, filter: &'static str) -> StoreResult<Vec<StatusCount>> {
        let sql = format!(
            "SELECT status, COUNT(*) FROM case_file INDEXED BY case_file_open_status
             WHERE {filter} AND status NOT IN ('closed', 'withdrawn')
             GROUP BY status ORDER BY status"
        );
        self.status_counts(&sql, [])
    }

    fn status_counts(&self, sql: &str, p: impl rusqlite::Params) -> StoreResult<Vec<StatusCount>> {
        let mut stmt = self.conn().prepare_cached(sql)?;
        let rows = stmt.query_map(p, |r| Ok(StatusCount { status: r.get(0)?, cases: r.get(1)? }))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Breaches identified today, awaiting a decision, and decided today:
    /// one indexed query each (a single query with OR would walk them all).
    fn breaches(&self, day: &Day<'_>) -> StoreResult<Breaches> {
        let today = day_text(day.today);
        Ok(Breaches {
            new_today: self.breach_lines(day, "b.identified_on = ?1", &[&today])?,
            awaiting_decision: self.breach_lines(day, "b.decision = 'pending'", &[])?,
            decided_today: self.breach_lines(day, "b.decision_on = ?1", &[&today])?,
        })
    }

    fn breach_lines(
        &self,
        day: &Day<'_>,
        filter: &'static str,
        values: &[&dyn rusqlite::ToSql],
    ) -> StoreResult<Vec<BreachLine>> {
        let sql = format!(
            "SELECT c.ref, b.identified_on, b.decision, COALESCE(b.referred_to, '')
             FROM breach b JOIN case_file c INDEXED BY case_file_live ON c.id = b.case_id
             WHERE {filter} ORDER BY b.identified_on, c.ref"
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map(values, |r| {
            let identified = parse_day(&r.get::<_, String>(1)?);
            Ok(BreachLine {
                reference: r.get(0)?,
                identified_on: identified,
                decision: r.get("decision")?,
                // References only: the officer by rank, role and number.
                referred_to: officer_reference(&r.get::<_, String>(3)?),
                age_working_days: day.calendar.working_days_between(identified, day.today),
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn harmed_to_inform(&self) -> StoreResult<Vec<String>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT DISTINCT c.ref FROM outcome_agreement a JOIN rj_process p INDEXED BY rj_process_to_case ON p.id = a.process_id
             JOIN case_file c INDEXED BY case_file_live ON c.id = p.case_id
             WHERE a.harmed_party_informed_of_result_on IS NULL AND a.status <> 'none_wanted'
               AND NOT EXISTS (SELECT 1 FROM agreement_item i WHERE i.agreement_id = a.id AND i.status IN ('open', 'overdue'))
             ORDER BY c.ref",
        )?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn meetings_ahead(&self, day: &Day<'_>) -> StoreResult<Vec<DeadlineLine>> {
        let until = day.calendar.add_working_days(day.today, 5) + chrono::Duration::days(1);
        let mut stmt = self.conn().prepare_cached(
            "SELECT c.ref, m.kind, m.scheduled_for FROM rj_process m INDEXED BY rj_process_scheduled
             JOIN case_file c INDEXED BY case_file_live ON c.id = m.case_id
             WHERE m.status IN ('planned', 'confirmed') AND m.scheduled_for >= ?1 AND m.scheduled_for < ?2
             ORDER BY m.scheduled_for, m.id",
        )?;
        let rows = stmt.query_map(params![day_text(day.today), day_text(until)], |r| {
            let kind: ProcessKind = r.get("kind")?;
            let at = parse_day(&r.get::<_, String>("scheduled_for")?);
            Ok(DeadlineLine {
                reference: r.get("ref")?,
                item: kind.label().to_lowercase(),
                due_on: at,
                working_days_overdue: -day.calendar.working_days_between(day.today, at),
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Victims' Code para 3.6 timers not yet met and due within 2 working days
    /// (or already past), on cases still open: a closed case's clock stopped.
    fn victims_code_at_risk(&self, day: &Day<'_>) -> StoreResult<Vec<DeadlineLine>> {
        let horizon = day.calendar.add_working_days(day.today, 2);
        let mut stmt = self.conn().prepare_cached(
            "SELECT ref, victim_rj_info_due FROM case_file
             WHERE victim_rj_info_due IS NOT NULL AND victim_rj_info_given_on IS NULL AND victim_rj_info_due <= ?1
               AND status NOT IN ('closed', 'withdrawn')
             ORDER BY victim_rj_info_due, ref",
        )?;
        let rows = stmt.query_map(params![day_text(horizon)], |r| {
            let due = parse_day(&r.get::<_, String>(1)?);
            Ok(DeadlineLine {
                reference: r.get(0)?,
                item: "RJ information to victim (Victims' Code 3.6)".into(),
                due_on: due,
                working_days_overdue: day.calendar.working_days_between(due, day.today),
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

fn decision_label<S: serde::Serializer>(decision: &Decision, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(decision.label())
}

fn reason_label<S: serde::Serializer>(reason: &Option<NotSuitableReason>, s: S) -> Result<S::Ok, S::Error> {
    match reason {
        Some(reason) => s.serialize_str(reason.label()),
        None => s.serialize_none(),
    }
}

fn status_label<S: serde::Serializer>(stored: &str, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&status_words(stored))
}

/// A count's status in words: a compliance event, or a referral's or an
/// OOCD case's status, by whichever vocabulary knows it.
pub fn status_words(stored: &str) -> String {
    ComplianceEventType::parse(stored)
        .map(|e| e.label())
        .or_else(|| RjStatus::parse(stored).map(|s| s.label()))
        .or_else(|| OocdStatus::parse(stored).map(|s| s.label()))
        .map_or_else(|| stored.replace('_', " "), str::to_string)
}

fn item_label(kind: ItemKind) -> String {
    match kind {
        ItemKind::Condition => "condition",
        ItemKind::AgreementItem => "agreement item",
        _ => "item",
    }
    .to_string()
}

fn end_of_month(d: NaiveDate) -> NaiveDate {
    use chrono::Datelike;
    let (y, m) = if d.month() == 12 { (d.year() + 1, 1) } else { (d.year(), d.month() + 1) };
    NaiveDate::from_ymd_opt(y, m, 1).map_or(d, |first| first - chrono::Duration::days(1))
}

/// The moment a local day begins, as the audit log writes times (UTC,
/// `YYYY-MM-DDTHH:MM:SS.ffffffZ`, which sorts as text). Where midnight is
/// skipped by a clock change, the day begins at the first local time there is.
pub(crate) fn utc_stamp_of_local_midnight(day: NaiveDate) -> String {
    use chrono::{Local, TimeZone};
    let midnight = day.and_hms_opt(0, 0, 0).expect("midnight exists");
    let start = (0..=2)
        .find_map(|hour| Local.from_local_datetime(&(midnight + chrono::Duration::hours(hour))).earliest())
        .map_or_else(|| midnight.and_utc(), |local| local.with_timezone(&chrono::Utc));
    start.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string()
}
