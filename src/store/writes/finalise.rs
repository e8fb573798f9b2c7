//! Statuses that follow what was recorded (issue 13 §4): an issue date
//! issues the case, one advance walks a referral to its next status, and
//! a case whose conditions are all done is finalised with its Home Office
//! outcome, then its police record marked updated. Each move goes through
//! `change_status`, so the machine's guards and the audit apply.

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};

use super::{date, opt_date, text, Tx};
use crate::domain::caps::CapFinding;
use crate::domain::status::{
    finalise_path, outcome_for, ready_without_conditions, rj_advance, statuses_on_issue, DisposalType, HoOutcome,
    OocdStatus, RjStatus,
};
use crate::domain::types::Service;
use crate::store::model::NewDisposal;
use crate::store::{StoreError, StoreResult};

/// What is on file about a disposal's finalising.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Finalising {
    disposal_id: i64,
    finalised_on: Option<NaiveDate>,
    police_record_updated_on: Option<NaiveDate>,
}

impl Tx<'_> {
    /// Record the disposal as a person gives it on the Case screen: as
    /// `set_disposal_checked`, and when it carries an issue date while the
    /// case is still a draft, the case is issued on that date in the same
    /// write (and made active when it has conditions to monitor), the
    /// issue's guard checked as on any move. Import and the generator set
    /// the status themselves, so they call `set_disposal`.
    /// Returns the warnings and the status the case moved to, if it moved.
    pub fn record_disposal(
        &mut self,
        case_id: i64,
        d: &NewDisposal,
    ) -> StoreResult<(Vec<CapFinding>, Option<OocdStatus>)> {
        let (_, findings) = self.set_disposal_checked(case_id, d)?;
        let mut moved_to = None;
        if let Some(issued_on) = d.issued_on {
            let (_, from, _) = self.case_status(case_id)?;
            let from = OocdStatus::parse(&from).unwrap_or(OocdStatus::Draft);
            for to in statuses_on_issue(from, self.has_conditions(case_id)?) {
                self.change_status(case_id, to.as_str(), issued_on)?;
                moved_to = Some(to);
            }
        }
        Ok((findings, moved_to))
    }

    /// A disposal moved to Issued by its status (`>` on the Case screen, a
    /// bulk move) with no issue date on file takes the move's date as its
    /// issue date, and the rule's completion date if none is set: the two
    /// never disagree, and the time limit runs from the day it was issued.
    pub(super) fn date_the_issue(&mut self, case_id: i64, on: NaiveDate) -> StoreResult<()> {
        let on_file: Option<(i64, Option<NaiveDate>, Option<NaiveDate>, DisposalType)> = self
            .conn()
            .query_row(
                "SELECT id, issued_on, completion_due, disposal_type FROM oocd_disposal WHERE case_id = ?1",
                params![case_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?;
        let Some((id, None, due, disposal)) = on_file else { return Ok(()) };
        let mut cols = vec![("issued_on", date(on))];
        if due.is_none() {
            let rules = self.rules()?;
            if let Some((due, rule)) = crate::domain::caps::default_completion_due(&rules, disposal, on) {
                cols.push(("completion_due", date(due)));
                cols.push(("completion_due_rule", text(&rule)));
            }
        }
        self.update("oocd_disposal", id, Some(case_id), cols)
    }

    /// Move a referral on to the next status of its usual path, through
    /// a waypoint (Logged) when there is one, each step dated `on`. A step
    /// to Transferred needs the coordinator the referral goes to. Returns
    /// the statuses passed through, the last where it now is.
    pub fn advance_referral(
        &mut self,
        case_id: i64,
        on: NaiveDate,
        coordinator: Option<i64>,
    ) -> StoreResult<Vec<RjStatus>> {
        let path = next_referral_steps(self, case_id)?;
        for to in &path {
            match (to, coordinator) {
                (RjStatus::Transferred, Some(coordinator)) => self.transfer_to_coordinator(case_id, coordinator, on)?,
                (RjStatus::Transferred, None) => {
                    return Err(StoreError::Invalid("choose the coordinator the referral is transferred to".into()))
                }
                _ => self.change_status(case_id, to.as_str(), on)?,
            }
        }
        Ok(path)
    }

    /// Finalise a disposal whose conditions are all done: record its Home
    /// Office outcome on `on`, complete the case if it is still running,
    /// and, when given, the day the police record was updated.
    pub fn finalise_case(
        &mut self,
        case_id: i64,
        outcome: HoOutcome,
        on: NaiveDate,
        police_record_updated_on: Option<NaiveDate>,
    ) -> StoreResult<()> {
        let (service, from, _) = self.case_status(case_id)?;
        let from = OocdStatus::parse(&from).filter(|_| service == Service::Oocd).ok_or_else(|| {
            StoreError::Invalid("only an out-of-court disposal is finalised with a Home Office outcome".into())
        })?;
        let disposal = self.disposal_type(case_id)?;
        let on_file = self.finalising(case_id)?;
        if let Some(done) = on_file.finalised_on {
            return Err(StoreError::Invalid(format!(
                "this case was finalised on {} already",
                crate::domain::dates::day(done)
            )));
        }
        let Some(path) = finalise_path(from) else {
            return Err(StoreError::Invalid(format!("a case that is {} cannot be finalised", from.label())));
        };
        let expected = outcome_for(disposal, from);
        if outcome != expected {
            return Err(StoreError::Invalid(format!(
                "a {} that is {} is recorded as {}, not {}",
                disposal.label().to_lowercase(),
                from.label().to_lowercase(),
                expected.label(),
                outcome.label()
            )));
        }
        self.check_not_future(on, "finalised")?;
        if let Some(updated) = police_record_updated_on {
            self.check_police_record_day(updated, on)?;
        }
        // A running disposal is finalised once its conditions are set and
        // done; one that takes none (a youth caution) once it is issued.
        let running = !path.is_empty();
        if running && !ready_without_conditions(disposal) && !self.has_conditions(case_id)? {
            return Err(StoreError::Invalid(format!(
                "a {} is finalised once its conditions are on file and done: add them first",
                disposal.label().to_lowercase()
            )));
        }
        if !self.open_work(case_id)?.is_empty() {
            return Err(StoreError::Invalid(
                "settle the conditions still open (completed, not done or waived) before finalising".into(),
            ));
        }
        for to in path {
            self.change_status(case_id, to.as_str(), on)?;
        }
        let cols = finalising_cols(outcome, on, police_record_updated_on);
        self.update("oocd_disposal", on_file.disposal_id, Some(case_id), cols)
    }

    /// The police record (Niche) of a finalised case was updated on `on`.
    pub fn record_police_record_updated(&mut self, case_id: i64, on: NaiveDate) -> StoreResult<()> {
        let on_file = self.finalising(case_id)?;
        let Some(finalised) = on_file.finalised_on else {
            return Err(StoreError::Invalid("finalise the case (its Home Office outcome) first".into()));
        };
        if let Some(done) = on_file.police_record_updated_on {
            return Err(StoreError::Invalid(format!(
                "the police record was marked updated on {} already",
                crate::domain::dates::day(done)
            )));
        }
        self.check_police_record_day(on, finalised)?;
        let cols = vec![("police_record_updated_on", date(on))];
        self.update("oocd_disposal", on_file.disposal_id, Some(case_id), cols)
    }

    fn check_police_record_day(&self, on: NaiveDate, finalised: NaiveDate) -> StoreResult<()> {
        self.check_not_future(on, "updated")?;
        if on < finalised {
            return Err(StoreError::Invalid(format!(
                "the police record is updated after the case is finalised ({finalised}), not on {on}"
            )));
        }
        Ok(())
    }

    fn check_not_future(&self, on: NaiveDate, what: &str) -> StoreResult<()> {
        if on > self.day {
            return Err(StoreError::Invalid(format!("{on} is still to come: a case is {what} on a day that has come")));
        }
        Ok(())
    }

    fn finalising(&self, case_id: i64) -> StoreResult<Finalising> {
        self.conn()
            .query_row(
                "SELECT id, finalised_on, police_record_updated_on FROM oocd_disposal WHERE case_id = ?1",
                params![case_id],
                |r| {
                    Ok(Finalising {
                        disposal_id: r.get(0)?,
                        finalised_on: r.get(1)?,
                        police_record_updated_on: r.get(2)?,
                    })
                },
            )
            .optional()?
            .ok_or_else(|| StoreError::Invalid("record the disposal before finalising the case".into()))
    }

    fn has_conditions(&self, case_id: i64) -> StoreResult<bool> {
        let sql = "SELECT EXISTS (SELECT 1 FROM condition WHERE case_id = ?1)";
        Ok(self.conn().query_row(sql, params![case_id], |r| r.get(0))?)
    }
}

/// What finalising records on the disposal (the generator's bulk writer too).
pub(crate) fn finalising_cols(
    outcome: HoOutcome,
    on: NaiveDate,
    police_record_updated_on: Option<NaiveDate>,
) -> super::Cols {
    vec![
        ("ho_outcome_code", text(outcome.as_str())),
        ("finalised_on", date(on)),
        ("police_record_updated_on", opt_date(police_record_updated_on)),
    ]
}

/// The statuses one advance would pass through, or why there is none.
fn next_referral_steps(tx: &Tx<'_>, case_id: i64) -> StoreResult<Vec<RjStatus>> {
    let (service, from, _) = tx.case_status(case_id)?;
    let from = RjStatus::parse(&from).filter(|_| service != Service::Oocd).ok_or_else(|| {
        StoreError::Invalid("an out-of-court disposal moves with its disposal and conditions, not by advancing".into())
    })?;
    rj_advance(from).ok_or_else(|| StoreError::Invalid(no_advance(from)))
}

/// Why a referral at `from` has no single next step, in words.
pub fn no_advance(from: RjStatus) -> String {
    match from {
        RjStatus::RiskAssessment => {
            "the next step is the suitability decision: record it on the checklist (c)".to_string()
        }
        RjStatus::AgreementMonitoring | RjStatus::NotSuitable => "the next step is closing the case (x)".to_string(),
        RjStatus::Paused => "a paused referral resumes to where it stopped: use the status move (>)".to_string(),
        other => format!("a referral that is {} has no next status", other.label().to_lowercase()),
    }
}

/// Where a disposal stands on finalising, for the screens to ask the
/// right question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FinalisingState {
    pub reference: String,
    pub disposal: DisposalType,
    pub status: OocdStatus,
    pub finalised_on: Option<NaiveDate>,
    pub police_record_updated_on: Option<NaiveDate>,
    pub outcome: Option<HoOutcome>,
}

impl crate::store::Store {
    /// The finalising of an OOCD case's disposal; `None` when the case has
    /// no disposal (or is a referral).
    pub fn finalising_of(&self, case_id: i64) -> StoreResult<Option<FinalisingState>> {
        let row = self
            .conn()
            .query_row(
                "SELECT c.ref, c.status, d.disposal_type, d.finalised_on, d.police_record_updated_on,
                        d.ho_outcome_code
                   FROM case_file c JOIN oocd_disposal d ON d.case_id = c.id WHERE c.id = ?1",
                params![case_id],
                |r| {
                    let status: String = r.get(1)?;
                    let code: Option<String> = r.get(5)?;
                    Ok((r.get(0)?, status, r.get(2)?, r.get(3)?, r.get(4)?, code))
                },
            )
            .optional()?;
        Ok(row.and_then(|(reference, status, disposal, finalised_on, police_record_updated_on, code)| {
            Some(FinalisingState {
                reference,
                disposal,
                status: OocdStatus::parse(&status)?,
                finalised_on,
                police_record_updated_on,
                outcome: code.as_deref().and_then(HoOutcome::parse),
            })
        }))
    }
}
