//! The Victims' Code clock on a referral (`domain::victims_code`): started
//! where a referral and its people are first recorded (the intake screen and
//! `import`, both through here), stopped when the information is given.

use chrono::NaiveDate;
use rusqlite::params;

use super::cases::victim_timer_cols;
use super::{date, Tx};
use crate::domain::rules::Rules;
use crate::domain::types::Service;
use crate::domain::victims_code::{info_due, info_given_problem, rj_info_due, ClockCase};
use crate::domain::workdays::WorkCalendar;
use crate::store::reads::calendar_of;
use crate::store::reads::parse_day;
use crate::store::{StoreError, StoreResult};

impl Tx<'_> {
    /// Start the clock on a referral just recorded, if it runs for it (and
    /// is not running already): returns when the information falls due.
    pub fn start_victim_info_clock(
        &mut self,
        case_id: i64,
        calendar: &WorkCalendar,
        rules: &Rules,
    ) -> StoreResult<Option<NaiveDate>> {
        let (service, status, received, reported, running): (Service, String, String, Option<NaiveDate>, bool) =
            self.conn().query_row(
                "SELECT service, status, received_on, reported_on, victim_rj_info_due IS NOT NULL FROM case_file WHERE id = ?1",
                params![case_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
            )?;
        let (has_harmed_party, enhanced) = self.harmed_party(case_id)?;
        let received_on = parse_day(&received);
        let case =
            ClockCase { service, status: &status, received_on, reported_on: reported, has_harmed_party, enhanced };
        let due = rj_info_due(&case, calendar, rules).filter(|_| !running);
        if let Some(due) = due {
            self.update("case_file", case_id, Some(case_id), victim_timer_cols(due, None))?;
        }
        Ok(due)
    }

    /// Record that the harmed party was given the RJ information on `on`,
    /// which stops the clock.
    /// Refused when no clock runs, when it was already recorded as given,
    /// or on a day before the referral came in or after `today`.
    pub fn record_victim_info_given(&mut self, case_id: i64, on: NaiveDate, today: NaiveDate) -> StoreResult<()> {
        let (running, given, received): (bool, Option<String>, String) = self.conn().query_row(
            "SELECT victim_rj_info_due IS NOT NULL, victim_rj_info_given_on, received_on FROM case_file WHERE id = ?1",
            params![case_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        if !running {
            return Err(StoreError::Invalid(
                "this referral has no Victims' Code clock running: nothing to record".into(),
            ));
        }
        if let Some(given) = given {
            return Err(StoreError::Invalid(format!(
                "the RJ information is already recorded as given on {given}: undo that first to change it"
            )));
        }
        if let Some(problem) = info_given_problem(parse_day(&received), on, today) {
            return Err(StoreError::Invalid(problem));
        }
        self.update("case_file", case_id, Some(case_id), vec![("victim_rj_info_given_on", date(on))])
    }

    /// Count a running clock again from the case's report or received date,
    /// as they now stand (an edit corrected one). A clock stopped, or never started, is
    /// left as it is.
    pub(crate) fn recount_victim_info_clock(&mut self, case_id: i64, rules: &Rules) -> StoreResult<()> {
        let (due, given, received, reported): (Option<String>, Option<String>, String, Option<NaiveDate>) =
            self.conn().query_row(
                "SELECT victim_rj_info_due, victim_rj_info_given_on, received_on, reported_on FROM case_file WHERE id = ?1",
                params![case_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )?;
        let (Some(due), None) = (due, given) else { return Ok(()) };
        let (_, enhanced) = self.harmed_party(case_id)?;
        let from = reported.unwrap_or_else(|| parse_day(&received));
        let recounted = info_due(from, enhanced, &calendar_of(self.conn())?, rules);
        if recounted != parse_day(&due) {
            self.update("case_file", case_id, Some(case_id), vec![("victim_rj_info_due", date(recounted))])?;
        }
        Ok(())
    }

    /// Whether the case has a harmed party, and whether one of them has
    /// enhanced rights under the Victims' Code.
    fn harmed_party(&self, case_id: i64) -> StoreResult<(bool, bool)> {
        Ok(self.conn().query_row(
            "SELECT count(*) > 0, coalesce(max(p.enhanced_rights), 0) FROM case_party cp JOIN person p ON p.id = cp.person_id
              WHERE cp.case_id = ?1 AND cp.role = 'harmed'",
            params![case_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?)
    }
}
