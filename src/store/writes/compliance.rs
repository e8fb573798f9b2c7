//! Compliance as it happens (issue 13 §4): a session attended, missed or
//! partly done, a part payment, each kept as a compliance event with its
//! date and note, and the condition's running totals (`hours_completed`,
//! `amount_paid_pence`) moved in the same write, so undo takes back both.

use chrono::NaiveDate;
use rusqlite::params;

use super::oocd::compliance_cols;
use super::{int, opt_int, opt_real, text, Cols, Tx};
use crate::domain::compliance::{self, Happened, Progress};
use crate::domain::types::ConditionStatus;
use crate::store::limits::{check_lengths, TextKind::*};
use crate::store::{StoreError, StoreResult};

/// One compliance record as the user gives it.
#[derive(Debug, Clone, PartialEq)]
pub struct ComplianceRecord {
    pub what: Happened,
    pub on: NaiveDate,
    /// The evidence or what was said ("receipt 4411", "provider's register").
    pub note: String,
    /// Mark the condition completed if this record finishes it.
    pub complete_when_done: bool,
}

/// What a record did: the totals after it, whether it finished the
/// condition (and so whether it was marked completed), and any warnings.
#[derive(Debug, Clone, PartialEq)]
pub struct ComplianceSaved {
    pub event_id: i64,
    pub progress: Progress,
    pub all_done: bool,
    pub completed: bool,
    pub warnings: Vec<String>,
}

impl Tx<'_> {
    /// Record what happened on a condition and move its totals with it.
    /// The domain refuses a payment beyond the balance; when the hours or
    /// the money are all done, the condition is completed in the same write
    /// if asked, with the record's note as its evidence.
    pub fn record_compliance(&mut self, condition_id: i64, r: &ComplianceRecord) -> StoreResult<ComplianceSaved> {
        check_lengths(&[("compliance note", Long, Some(&r.note))])?;
        let (case_id, status) = self.condition_state(condition_id)?;
        if matches!(status, ConditionStatus::Completed | ConditionStatus::Withdrawn) {
            return Err(StoreError::Invalid(format!(
                "this condition is {}: nothing more can be recorded against it",
                status.label().to_lowercase()
            )));
        }
        let now = self.progress_of(condition_id)?;
        let recorded = compliance::record(now, r.what).map_err(StoreError::Invalid)?;
        let mut event = compliance_cols(condition_id, r.on, r.what.event_type(), &r.note);
        event.extend(amount_cols(r.what));
        let event_id = self.insert("compliance_event", Some(case_id), event)?;
        let mut totals = totals_cols(&recorded.after);
        if let Some(next) = compliance::status_after(status, r.what) {
            totals.push(("status", text(next.as_str())));
        }
        self.update("condition", condition_id, Some(case_id), totals)?;
        let all_done = recorded.after.is_all_done() && !now.is_all_done();
        let completed = all_done && r.complete_when_done;
        if completed {
            let evidence = match r.note.trim() {
                "" => recorded.after.words().join("; "),
                note => note.to_string(),
            };
            self.complete_condition(condition_id, r.on, &evidence)?;
        }
        Ok(ComplianceSaved { event_id, progress: recorded.after, all_done, completed, warnings: recorded.warnings })
    }

    /// What a condition requires and what is recorded as done.
    pub(crate) fn progress_of(&self, condition_id: i64) -> StoreResult<Progress> {
        Ok(self.conn().query_row(
            "SELECT hours_required, hours_completed, amount_pence, amount_paid_pence FROM condition WHERE id = ?1",
            params![condition_id],
            |r| {
                Ok(Progress {
                    hours_required: r.get("hours_required")?,
                    hours_done: r.get("hours_completed")?,
                    amount_pence: r.get("amount_pence")?,
                    paid_pence: r.get("amount_paid_pence")?,
                })
            },
        )?)
    }
}

fn amount_cols(what: Happened) -> Cols {
    vec![("hours", opt_real(what.hours())), ("amount_pence", opt_int(what.pence()))]
}

fn totals_cols(p: &Progress) -> Cols {
    vec![("hours_completed", opt_real(Some(p.hours_done))), ("amount_paid_pence", int(p.paid_pence))]
}
