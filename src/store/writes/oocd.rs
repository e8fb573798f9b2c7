//! Disposals, their conditions, compliance and breaches (DOMAIN.md §2, §12.3).

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};

use super::legal::{note_with_reason, rank_text, Change};
use super::{boolean, date, int, opt_date, opt_int, opt_real, opt_text, text, Tx};
use crate::domain::caps::CapFinding;
use crate::domain::rules::Rules;
use crate::domain::status::{breach_decisions_for, BreachDecision, DisposalType, OocdStatus};
use crate::domain::types::{ComplianceEventType, ConditionStatus, Service};
use crate::store::limits::{check_lengths, TextKind::*};
use crate::store::model::{BreachOutcome, NewBreach, NewCondition, NewDisposal};
use crate::store::{StoreError, StoreResult};

impl Tx<'_> {
    /// Record the disposal of an OOCD case, or change what was recorded
    /// (admission, consent, signed document, victim's views, issue date ...).
    /// The legal checks run first (`legal::Change::Disposal`); warnings are
    /// dropped here; `set_disposal_checked` returns them.
    pub fn set_disposal(&mut self, case_id: i64, d: &NewDisposal) -> StoreResult<i64> {
        self.set_disposal_checked(case_id, d).map(|(id, _)| id)
    }

    /// `set_disposal`, with the warnings the decision maker should see.
    pub fn set_disposal_checked(&mut self, case_id: i64, d: &NewDisposal) -> StoreResult<(i64, Vec<CapFinding>)> {
        check_lengths(&[
            ("gravity matrix", Short, d.gravity_matrix.as_deref()),
            ("decision rationale", Long, d.decision_rationale.as_deref()),
            ("signed document reference", Reference, d.signed_document_ref.as_deref()),
            ("victim's views", Long, d.victim_views.as_deref()),
            ("authorising officer", Name, d.authorised_by.as_deref()),
            ("CPS decision reference", Reference, d.cps_decision_ref.as_deref()),
            ("completion due rule", Short, d.completion_due_rule.as_deref()),
            ("officer in the case", Name, d.oic_name.as_deref()),
            ("officer's contact", Short, d.oic_contact.as_deref()),
            ("reason to proceed", Long, d.proceed_reason.as_deref()),
            ("reason for going beyond the time limit", Long, d.time_limit_reason.as_deref()),
        ])?;
        if let Some(score) = d.gravity_score {
            if !(1..=5).contains(&score) {
                return Err(StoreError::Invalid(format!("a gravity score runs from 1 to 5, not {score}")));
            }
        }
        if let (Some(issued), Some(due)) = (d.issued_on, d.completion_due) {
            if due < issued {
                return Err(StoreError::Invalid(format!(
                    "completion is due {}, before the issue date {}",
                    crate::domain::dates::day(due),
                    crate::domain::dates::day(issued)
                )));
            }
        }
        let rules = self.rules()?;
        let findings = self.check_change(case_id, &Change::Disposal(d), &rules)?;
        // Changed to a caution that takes conditions after issue, it needs one.
        let (service, status, _) = self.case_status(case_id)?;
        if service == Service::Oocd {
            self.refuse_caution_without_conditions(case_id, d.disposal_type, &status)?;
        }
        let existing: Option<i64> = self
            .conn()
            .query_row("SELECT id FROM oocd_disposal WHERE case_id = ?1", params![case_id], |r| r.get(0))
            .optional()?;
        let id = match existing {
            Some(id) => self.update("oocd_disposal", id, Some(case_id), disposal_cols(d)).map(|_| id),
            None => {
                let mut cols = vec![("case_id", int(case_id))];
                cols.extend(disposal_cols(d));
                self.insert("oocd_disposal", Some(case_id), cols)
            }
        }?;
        Ok((id, findings))
    }

    /// Add a condition (or, on a community resolution, an agreed action).
    /// Verified caps refuse it; unverified ones come back as warnings.
    pub fn add_condition(
        &mut self,
        case_id: i64,
        c: &NewCondition,
        rules: &Rules,
    ) -> StoreResult<(i64, Vec<CapFinding>)> {
        check_condition(c)?;
        let disposal = self.disposal_type(case_id)?;
        let findings = self.check_change(case_id, &Change::Condition(c), rules)?;
        let seq: i64 = self.conn().query_row(
            "SELECT COALESCE(MAX(seq), 0) + 1 FROM condition WHERE case_id = ?1",
            params![case_id],
            |r| r.get(0),
        )?;
        let id = self.insert("condition", Some(case_id), condition_cols(case_id, seq, c, disposal))?;
        Ok((id, findings))
    }

    /// Mark a condition complete with its evidence.
    pub fn complete_condition(&mut self, condition_id: i64, on: NaiveDate, evidence: &str) -> StoreResult<()> {
        check_lengths(&[("evidence", Long, Some(evidence))])?;
        if evidence.trim().is_empty() {
            return Err(StoreError::Invalid("say what shows the condition was completed (evidence)".into()));
        }
        let (case_id, status) = self.condition_state(condition_id)?;
        if !status.is_open() && status != ConditionStatus::NotCompleted {
            return Err(StoreError::Invalid(format!("this condition is {} and cannot be completed", status.label())));
        }
        self.add_compliance_event(condition_id, on, ComplianceEventType::Completed, evidence)?;
        self.update("condition", condition_id, Some(case_id), condition_done_cols(on, evidence))
    }

    /// Move a condition's due date, with the reason; the time limits apply.
    pub fn vary_condition_due(
        &mut self,
        condition_id: i64,
        new_due: NaiveDate,
        reason: &str,
        on: NaiveDate,
        rules: &Rules,
    ) -> StoreResult<Vec<CapFinding>> {
        self.vary_condition_due_beyond_limit(condition_id, new_due, reason, on, rules, None)
    }

    /// `vary_condition_due`, with the reason for going beyond the time
    /// limit if the new date does; it is kept in the variation's note.
    pub fn vary_condition_due_beyond_limit(
        &mut self,
        condition_id: i64,
        new_due: NaiveDate,
        reason: &str,
        on: NaiveDate,
        rules: &Rules,
        beyond_limit: Option<&str>,
    ) -> StoreResult<Vec<CapFinding>> {
        check_lengths(&[
            ("reason for the variation", Long, Some(reason)),
            ("reason for going beyond the time limit", Long, beyond_limit),
        ])?;
        if reason.trim().is_empty() {
            return Err(StoreError::Invalid("a variation needs a reason".into()));
        }
        let (case_id, status) = self.condition_state(condition_id)?;
        if !status.is_open() && status != ConditionStatus::NotCompleted && status != ConditionStatus::Breached {
            return Err(StoreError::Invalid(format!("this condition is {} and cannot be varied", status.label())));
        }
        let findings = self.check_change(case_id, &Change::Due { new_due, beyond_limit }, rules)?;
        let note = note_with_reason(reason, beyond_limit);
        self.add_compliance_event(condition_id, on, ComplianceEventType::VariationAgreed, &note)?;
        self.update("condition", condition_id, Some(case_id), condition_varied_cols(new_due))?;
        Ok(findings)
    }

    pub fn add_compliance_event(
        &mut self,
        condition_id: i64,
        on: NaiveDate,
        kind: ComplianceEventType,
        note: &str,
    ) -> StoreResult<i64> {
        check_lengths(&[("compliance note", Long, Some(note))])?;
        let (case_id, _) = self.condition_state(condition_id)?;
        self.insert("compliance_event", Some(case_id), compliance_cols(condition_id, on, kind, note))
    }

    pub(crate) fn condition_state(&self, condition_id: i64) -> StoreResult<(i64, ConditionStatus)> {
        let row: Option<(i64, ConditionStatus)> = self
            .conn()
            .query_row("SELECT case_id, status FROM condition WHERE id = ?1", params![condition_id], |r| {
                Ok((r.get("case_id")?, r.get("status")?))
            })
            .optional()?;
        row.ok_or_else(|| StoreError::NotFound(format!("condition {condition_id}")))
    }

    /// Record suspected non-compliance. A community resolution has no breach
    /// process (DOMAIN.md §5): its actions are marked not completed instead.
    pub fn record_breach(&mut self, b: &NewBreach, on: NaiveDate) -> StoreResult<i64> {
        check_lengths(&[
            ("breach description", Long, Some(&b.description)),
            ("\"referred to\"", Short, b.referred_to.as_deref()),
        ])?;
        if b.description.trim().is_empty() {
            return Err(StoreError::Invalid("describe what was not complied with".into()));
        }
        let disposal = self.disposal_type(b.case_id)?;
        if !disposal.has_breach_workflow() {
            return Err(StoreError::Invalid(format!(
                "a {} has no breach process: mark the action not completed and notify the officer in the case",
                disposal.label()
            )));
        }
        if let Some(condition_id) = b.condition_id {
            let (case_id, _) = self.condition_state(condition_id)?;
            if case_id != b.case_id {
                return Err(StoreError::Invalid("that condition belongs to another case".into()));
            }
            self.update("condition", condition_id, Some(case_id), condition_missed_cols())?;
        }
        let id = self.insert("breach", Some(b.case_id), breach_cols(b))?;
        let (_, status, _) = self.case_status(b.case_id)?;
        for to in statuses_after_breach_found(&status, b) {
            self.change_status(b.case_id, to, on)?;
        }
        Ok(id)
    }

    /// Record the decision on a breach (CJA 2003 s.24 / s.24A; PCSC 2022 for
    /// community cautions) and move the case and its condition accordingly.
    pub fn decide_breach(&mut self, breach_id: i64, outcome: &BreachOutcome, rules: &Rules) -> StoreResult<()> {
        check_lengths(&[("assessment of the excuse", Long, outcome.excuse_assessment.as_deref())])?;
        let (case_id, condition_id): (i64, Option<i64>) = self
            .conn()
            .query_row("SELECT case_id, condition_id FROM breach WHERE id = ?1", params![breach_id], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("breach {breach_id}")))?;
        let disposal = self.disposal_type(case_id)?;
        if outcome.decision == BreachDecision::Pending || !breach_decisions_for(disposal).contains(&outcome.decision) {
            return Err(StoreError::Invalid(format!(
                "\"{}\" is not a decision open for a {}",
                outcome.decision.label(),
                disposal.label()
            )));
        }
        self.check_change(case_id, &Change::BreachDecision(outcome), rules)?;
        self.update("breach", breach_id, Some(case_id), breach_decision_cols(outcome))?;
        if let (Some(condition_id), Some(new_due)) = (condition_id, outcome.new_due_on) {
            let beyond = outcome.time_limit_reason.as_deref();
            let on = outcome.decision_on;
            self.vary_condition_due_beyond_limit(condition_id, new_due, VARIED_AFTER_BREACH, on, rules, beyond)?;
        }
        let (_, status, _) = self.case_status(case_id)?;
        for to in statuses_after_breach_decision(&status, outcome.decision) {
            self.change_status(case_id, to, outcome.decision_on)?;
        }
        if outcome.decision == BreachDecision::NoFurtherAction {
            self.close_case(case_id, outcome.decision_on, NO_FURTHER_ACTION, rules)?;
        }
        Ok(())
    }
}

/// The closure outcome of a case whose breach was decided "no further
/// action": closed, not completed, and reviewed for retention like any other.
pub(crate) const NO_FURTHER_ACTION: &str = "Breach decided: no further action (conditions not completed)";

/// What a condition needs whenever it is written: a description, and lengths in bounds.
pub(crate) fn check_condition(c: &NewCondition) -> StoreResult<()> {
    check_lengths(&[
        ("condition description", Long, Some(&c.description)),
        ("payee", Name, c.payee.as_deref()),
        ("due date rule", Short, c.due_rule.as_deref()),
    ])?;
    if c.description.trim().is_empty() {
        return Err(StoreError::Invalid("a condition needs a description of what must be done".into()));
    }
    Ok(())
}

// ---- the columns each write sets, shared with the bulk loader (`store::bulk`) ----

/// The columns of a disposal, shared by recording it and changing it.
pub(crate) fn disposal_cols(d: &NewDisposal) -> super::Cols {
    vec![
        ("regime", text(d.disposal_type.regime().as_str())),
        ("disposal_type", text(d.disposal_type.as_str())),
        ("gravity_score", opt_int(d.gravity_score.map(i64::from))),
        ("gravity_matrix", opt_text(&d.gravity_matrix)),
        ("decision_rationale", opt_text(&d.decision_rationale)),
        ("admission_recorded_on", opt_date(d.admission_recorded_on)),
        ("consent_recorded_on", opt_date(d.consent_recorded_on)),
        ("signed_document_ref", opt_text(&d.signed_document_ref)),
        ("victim_views_sought_on", opt_date(d.victim_views_sought_on)),
        ("victim_views", opt_text(&d.victim_views)),
        ("authorised_by", opt_text(&d.authorised_by)),
        ("cps_decision_ref", opt_text(&d.cps_decision_ref)),
        ("issued_on", opt_date(d.issued_on)),
        ("completion_due", opt_date(d.completion_due)),
        ("completion_due_rule", opt_text(&d.completion_due_rule)),
        ("extended_exceptionally", boolean(d.extended_exceptionally)),
        ("oic_name", opt_text(&d.oic_name)),
        ("oic_contact", opt_text(&d.oic_contact)),
        ("authorising_rank", opt_text(&rank_text(d.authorising_rank))),
        ("yot_referred_on", opt_date(d.yot_referred_on)),
        ("proceed_reason", opt_text(&d.proceed_reason)),
        ("time_limit_reason", opt_text(&d.time_limit_reason)),
    ]
}

pub(crate) fn condition_cols(case_id: i64, seq: i64, c: &NewCondition, disposal: DisposalType) -> super::Cols {
    vec![
        ("case_id", int(case_id)),
        ("seq", int(seq)),
        ("kind", text(c.kind.as_str())),
        ("object", text(c.object.as_str())),
        ("is_statutory_condition", boolean(disposal.has_breach_workflow())),
        ("description", text(c.description.trim())),
        ("provider_id", opt_int(c.provider_id)),
        ("hours_required", opt_real(c.hours_required)),
        ("amount_pence", opt_int(c.amount_pence)),
        ("payee", opt_text(&c.payee)),
        ("restriction_until", opt_date(c.restriction_until)),
        ("due_on", date(c.due_on)),
        ("due_rule", opt_text(&c.due_rule)),
        ("status", text(ConditionStatus::Active.as_str())),
    ]
}

pub(crate) fn condition_done_cols(on: NaiveDate, evidence: &str) -> super::Cols {
    vec![
        ("status", text(ConditionStatus::Completed.as_str())),
        ("completed_on", date(on)),
        ("evidence", text(evidence.trim())),
    ]
}

pub(crate) fn condition_varied_cols(new_due: NaiveDate) -> super::Cols {
    vec![("due_on", date(new_due)), ("status", text(ConditionStatus::Varied.as_str()))]
}

pub(crate) fn condition_missed_cols() -> super::Cols {
    vec![("status", text(ConditionStatus::NotCompleted.as_str()))]
}

pub(crate) fn compliance_cols(condition_id: i64, on: NaiveDate, kind: ComplianceEventType, note: &str) -> super::Cols {
    vec![
        ("condition_id", int(condition_id)),
        ("occurred_on", date(on)),
        ("type", text(kind.as_str())),
        ("note", text(note.trim())),
    ]
}

pub(crate) fn breach_cols(b: &NewBreach) -> super::Cols {
    vec![
        ("case_id", int(b.case_id)),
        ("condition_id", opt_int(b.condition_id)),
        ("identified_on", date(b.identified_on)),
        ("description", text(b.description.trim())),
        ("reasonable_excuse_claimed", boolean(b.reasonable_excuse_claimed)),
        ("referred_to", opt_text(&b.referred_to)),
        ("referred_on", opt_date(b.referred_on)),
    ]
}

pub(crate) fn breach_decision_cols(outcome: &BreachOutcome) -> super::Cols {
    vec![
        ("decision", text(outcome.decision.as_str())),
        ("decision_on", date(outcome.decision_on)),
        ("new_due_on", opt_date(outcome.new_due_on)),
        ("excuse_assessment", opt_text(&outcome.excuse_assessment)),
        ("status", text("decided")),
    ]
}

/// The reason logged when a breach decision moves a condition's due date.
pub(crate) const VARIED_AFTER_BREACH: &str = "varied after breach decision";

/// The moves a case in `status` makes when a breach is recorded: suspected
/// if it was running, then referred if it went straight to someone.
pub(crate) fn statuses_after_breach_found(status: &str, b: &NewBreach) -> Vec<&'static str> {
    let mut moves = Vec::new();
    if matches!(OocdStatus::parse(status), Some(OocdStatus::Active | OocdStatus::AtRisk)) {
        moves.push(OocdStatus::BreachSuspected.as_str());
    }
    if b.referred_to.is_some() {
        moves.push(OocdStatus::BreachReferred.as_str());
    }
    moves
}

/// The moves a case in `status` makes when its breach is decided.
pub(crate) fn statuses_after_breach_decision(status: &str, decision: BreachDecision) -> Vec<&'static str> {
    let mut moves = Vec::new();
    if status == OocdStatus::BreachSuspected.as_str() {
        moves.push(OocdStatus::BreachReferred.as_str());
    }
    moves.extend_from_slice(match decision {
        BreachDecision::VaryConditions => &["varied", "active"],
        BreachDecision::ProsecuteOriginalOffence => &["prosecution"],
        // Closed by `close_case`, with its outcome and retention review.
        BreachDecision::NoFurtherAction => &[],
        _ => &["completed"],
    });
    moves
}
