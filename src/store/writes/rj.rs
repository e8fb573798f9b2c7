//! Checklists, decisions, restorative processes and outcome agreements
//! (DOMAIN.md §9, §12.4).

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};

use rusqlite::types::Value;

use super::{boolean, date, int, opt_date, opt_int, opt_text, text, Cols, Tx};
use crate::domain::checklist::{self, AnswerEntry, Answers, Constraints, Decision};
use crate::domain::status::{check_held_on, RjStatus};
use crate::domain::types::{AgreementItemStatus, ProcessStatus};
use crate::store::limits::{check_lengths, TextKind::*};
use crate::store::model::{ChecklistEntry, NewAgreement, NewAgreementItem, NewDecision, NewProcess};
use crate::store::{StoreError, StoreResult};

impl Tx<'_> {
    /// Answer (or re-answer) one checklist item for a case.
    pub fn answer_checklist(&mut self, case_id: i64, entry: &ChecklistEntry, on: NaiveDate) -> StoreResult<()> {
        check_lengths(&[
            ("checklist item code", Reference, Some(&entry.item_code)),
            ("note", Long, Some(&entry.note)),
        ])?;
        if checklist::item(&entry.item_code).is_none() {
            return Err(StoreError::Invalid(format!("{} is not a checklist item", entry.item_code)));
        }
        self.case_status(case_id)?;
        let existing: Option<i64> = self
            .conn()
            .query_row(
                "SELECT id FROM checklist_answer WHERE case_id = ?1 AND item_code = ?2",
                params![case_id, entry.item_code],
                |r| r.get(0),
            )
            .optional()?;
        let cols = answer_cols(entry, self.user, on);
        match existing {
            Some(id) => self.update("checklist_answer", id, Some(case_id), cols),
            None => self.insert("checklist_answer", Some(case_id), new_answer_cols(case_id, entry, cols)).map(|_| ()),
        }
    }

    /// Record a suitability decision. The rules are enforced here, not
    /// advised: a decision the checklist forbids is refused with its reasons.
    pub fn record_decision(&mut self, case_id: i64, d: &NewDecision) -> StoreResult<i64> {
        check_lengths(&[
            ("rationale", Long, Some(&d.rationale)),
            ("manager's name", Name, d.manager_signoff_by.as_deref()),
        ])?;
        self.reach_risk_assessment(case_id, d.decided_on)?;
        let answers = answers_for(self.conn(), case_id)?;
        let flags = flags_for(self.conn(), case_id)?;
        let constraints = checklist::constraints(&answers, &flags);
        let signed_off = d.manager_signoff_by.as_deref().is_some_and(|s| !s.trim().is_empty());
        checklist::validate_decision(d.decision, &d.rationale, &constraints, signed_off).map_err(|errors| {
            StoreError::Invalid(errors.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("; "))
        })?;
        let id = self.insert("decision", Some(case_id), decision_cols(case_id, d, &constraints, self.user))?;
        let (_, status, _) = self.case_status(case_id)?;
        if let Some(to) = status_after_decision(&status, d.decision) {
            self.change_status(case_id, to, d.decided_on)?;
        }
        Ok(id)
    }

    /// A suitability decision is made at risk assessment. A referral still
    /// at Received or Sense check is walked on to it first, each move the
    /// status machine's own and audited (leaving the sense-check still needs
    /// it complete): the administrator who has just answered the checklist
    /// is not sent back to press "next status" twice before deciding.
    fn reach_risk_assessment(&mut self, case_id: i64, on: NaiveDate) -> StoreResult<()> {
        loop {
            let (_, status, _) = self.case_status(case_id)?;
            let next = match RjStatus::parse(&status) {
                Some(RjStatus::RiskAssessment) => return Ok(()),
                Some(RjStatus::Received) => RjStatus::SenseCheck,
                Some(RjStatus::SenseCheck) => RjStatus::RiskAssessment,
                other => {
                    let at = other.map_or(status.clone(), |s| s.label().to_lowercase());
                    return Err(StoreError::Invalid(format!(
                        "a suitability decision is made at risk assessment; this referral is at {at}"
                    )));
                }
            };
            self.change_status(case_id, next.as_str(), on)?;
        }
    }

    /// Leaving SENSE_CHECK needs every completeness item yes or n/a (§12.4).
    pub(crate) fn require_sense_check(&self, case_id: i64) -> StoreResult<()> {
        let answers = answers_for(self.conn(), case_id)?;
        checklist::sense_check_complete(&answers).map_err(|missing| {
            StoreError::Invalid(format!(
                "the sense-check is not complete: {} still to answer yes or n/a",
                missing.join(", ")
            ))
        })
    }

    /// Arrange a conference, meeting or indirect process.
    pub fn add_process(&mut self, case_id: i64, p: &NewProcess) -> StoreResult<i64> {
        check_lengths(&[
            ("venue", Short, p.venue.as_deref()),
            ("refreshments", Short, p.refreshments.as_deref()),
            ("facilitators", Short, Some(&p.facilitators)),
            ("participants", Short, Some(&p.participants)),
        ])?;
        self.case_status(case_id)?;
        self.insert("rj_process", Some(case_id), process_cols(case_id, p))
    }

    pub fn set_process_status(
        &mut self,
        process_id: i64,
        status: ProcessStatus,
        on: NaiveDate,
        reason: Option<String>,
    ) -> StoreResult<()> {
        check_lengths(&[("reason", Long, reason.as_deref())])?;
        let case_id = self.owner_case("rj_process", process_id)?;
        if status != ProcessStatus::Held {
            return self.update("rj_process", process_id, Some(case_id), process_status_cols(status, on, reason));
        }
        // Held: on a day that has come, and before the planned day only
        // with a reason, which the audit row keeps.
        let planned: Option<String> =
            self.conn()
                .query_row("SELECT scheduled_for FROM rj_process WHERE id = ?1", params![process_id], |r| r.get(0))?;
        let planned = planned.as_deref().and_then(|at| at.get(..10)).and_then(|d| d.parse::<NaiveDate>().ok());
        check_held_on(on, planned, self.day, reason.as_deref()).map_err(StoreError::Invalid)?;
        let early = planned.is_some_and(|planned| on < planned);
        let why =
            reason.as_deref().map(str::trim).filter(|_| early).map(|r| format!("held before its planned day: {r}"));
        let cols = process_status_cols(status, on, reason);
        self.update_because("rj_process", process_id, Some(case_id), cols, why.as_deref())
    }

    pub fn add_agreement(&mut self, a: &NewAgreement) -> StoreResult<i64> {
        let case_id = self.owner_case("rj_process", a.process_id)?;
        self.insert("outcome_agreement", Some(case_id), agreement_cols(a))
    }

    /// Add a SMART item: each names who is responsible and by when (§9.9).
    pub fn add_agreement_item(&mut self, agreement_id: i64, item: &NewAgreementItem) -> StoreResult<i64> {
        check_item(&item.description, &item.owner, item.monitoring_method.as_deref())?;
        let case_id = self.agreement_case(agreement_id)?;
        let seq: i64 = self.conn().query_row(
            "SELECT COALESCE(MAX(seq), 0) + 1 FROM agreement_item WHERE agreement_id = ?1",
            params![agreement_id],
            |r| r.get(0),
        )?;
        self.insert("agreement_item", Some(case_id), item_cols(agreement_id, seq, item))
    }

    pub fn complete_agreement_item(&mut self, item_id: i64, on: NaiveDate, evidence: &str) -> StoreResult<()> {
        check_lengths(&[("evidence", Long, Some(evidence))])?;
        if evidence.trim().is_empty() {
            return Err(StoreError::Invalid("say what shows the item was done (evidence)".into()));
        }
        let (agreement_id, status): (i64, String) = self
            .conn()
            .query_row("SELECT agreement_id, status FROM agreement_item WHERE id = ?1", params![item_id], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("agreement item {item_id}")))?;
        if status != "open" && status != "overdue" {
            return Err(StoreError::Invalid(format!("this item is {status} already")));
        }
        let case_id = self.agreement_case(agreement_id)?;
        self.update("agreement_item", item_id, Some(case_id), item_done_cols(on, evidence))
    }

    /// The harmed party has been told how the agreement turned out (§9.9).
    pub fn mark_harmed_informed(&mut self, agreement_id: i64, on: NaiveDate, overall: &str) -> StoreResult<()> {
        check_lengths(&[("overall result", Short, Some(overall))])?;
        let case_id = self.agreement_case(agreement_id)?;
        self.update("outcome_agreement", agreement_id, Some(case_id), informed_cols(on, overall))
    }

    fn owner_case(&self, table: &'static str, id: i64) -> StoreResult<i64> {
        let sql = format!("SELECT case_id FROM {table} WHERE id = ?1");
        self.conn()
            .query_row(&sql, params![id], |r| r.get(0))
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("{table} {id}")))
    }

    fn agreement_case(&self, agreement_id: i64) -> StoreResult<i64> {
        self.conn()
            .query_row(
                "SELECT p.case_id FROM outcome_agreement a JOIN rj_process p ON p.id = a.process_id WHERE a.id = ?1",
                params![agreement_id],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("agreement {agreement_id}")))
    }
}

/// What an agreement item needs whenever it is written: what is to be done
/// and by whom, with lengths in bounds.
pub(crate) fn check_item(description: &str, owner: &str, monitoring: Option<&str>) -> StoreResult<()> {
    check_lengths(&[
        ("item description", Long, Some(description)),
        ("owner", Name, Some(owner)),
        ("monitoring method", Short, monitoring),
    ])?;
    if description.trim().is_empty() || owner.trim().is_empty() {
        return Err(StoreError::Invalid("an agreement item needs a description and an owner".into()));
    }
    Ok(())
}

// ---- the columns each write sets, shared with the bulk loader (`store::bulk`) ----

/// An answer's own columns: what an answer and a re-answer both set.
pub(crate) fn answer_cols(entry: &ChecklistEntry, user: &str, on: NaiveDate) -> Cols {
    vec![
        ("answer", text(entry.answer.as_str())),
        ("severity", entry.severity.map_or(Value::Null, |s| text(s.as_str()))),
        ("note", text(entry.note.trim())),
        ("checked_by", text(user)),
        ("checked_on", date(on)),
    ]
}

/// A first answer to an item: which case and item, then the answer.
pub(crate) fn new_answer_cols(case_id: i64, entry: &ChecklistEntry, answer: Cols) -> Cols {
    let mut all = vec![("case_id", int(case_id)), ("item_code", text(entry.item_code.clone()))];
    all.extend(answer);
    all
}

/// A decision, at no lower a risk level than the checklist computes.
pub(crate) fn decision_cols(case_id: i64, d: &NewDecision, constraints: &Constraints, user: &str) -> Cols {
    // The recorded level is never below the computed one.
    let risk = d.risk_level.max(constraints.risk);
    vec![
        ("case_id", int(case_id)),
        ("decided_on", date(d.decided_on)),
        ("decision", text(d.decision.as_str())),
        ("risk_level", text(risk.as_str())),
        ("rationale", text(d.rationale.trim())),
        ("decided_by", text(user)),
        ("manager_signoff_by", opt_text(&d.manager_signoff_by)),
        ("manager_signoff_on", opt_date(d.manager_signoff_on)),
    ]
}

/// Where a decision moves a referral at risk assessment (a referral to a
/// manager is not yet a decision, so it stays).
pub(crate) fn status_after_decision(status: &str, decision: Decision) -> Option<&'static str> {
    if status != RjStatus::RiskAssessment.as_str() {
        return None;
    }
    match decision {
        Decision::Suitable => Some(RjStatus::Suitable.as_str()),
        Decision::NotSuitable => Some(RjStatus::NotSuitable.as_str()),
        Decision::ReferToManager => None,
    }
}

pub(crate) fn process_cols(case_id: i64, p: &NewProcess) -> Cols {
    vec![
        ("case_id", int(case_id)),
        ("kind", text(p.kind.as_str())),
        ("scheduled_for", p.scheduled_for.map_or(Value::Null, |t| text(t.format("%Y-%m-%dT%H:%M").to_string()))),
        ("venue", opt_text(&p.venue)),
        ("room_booked", boolean(p.room_booked)),
        ("refreshments", opt_text(&p.refreshments)),
        ("facilitators", text(p.facilitators.trim())),
        ("participants", text(p.participants.trim())),
        ("status", text(p.status.as_str())),
    ]
}

pub(crate) fn process_status_cols(status: ProcessStatus, on: NaiveDate, reason: Option<String>) -> Cols {
    let mut cols = vec![("status", text(status.as_str()))];
    if status == ProcessStatus::Held {
        cols.push(("held_on", date(on)));
    }
    if status == ProcessStatus::Cancelled {
        cols.push(("cancellation_reason", opt_text(&reason)));
    }
    cols
}

pub(crate) fn agreement_cols(a: &NewAgreement) -> Cols {
    vec![
        ("process_id", int(a.process_id)),
        ("agreed_on", date(a.agreed_on)),
        ("signed_by_harmed", boolean(a.signed_by_harmed)),
        ("signed_by_responsible", boolean(a.signed_by_responsible)),
        ("copies_given", boolean(a.copies_given)),
        ("review_on", opt_date(a.review_on)),
        ("status", text("active")),
    ]
}

pub(crate) fn item_cols(agreement_id: i64, seq: i64, item: &NewAgreementItem) -> Cols {
    vec![
        ("agreement_id", int(agreement_id)),
        ("seq", int(seq)),
        ("description", text(item.description.trim())),
        ("responsible_person_id", opt_int(item.responsible_person_id)),
        ("owner", text(item.owner.trim())),
        ("kind", text(item.kind.as_str())),
        ("amount_pence", opt_int(item.amount_pence)),
        ("due_on", date(item.due_on)),
        ("monitoring_method", opt_text(&item.monitoring_method)),
        ("status", text(AgreementItemStatus::Open.as_str())),
    ]
}

pub(crate) fn item_done_cols(on: NaiveDate, evidence: &str) -> Cols {
    vec![("status", text("done")), ("completed_on", date(on)), ("evidence", text(evidence.trim()))]
}

pub(crate) fn informed_cols(on: NaiveDate, overall: &str) -> Cols {
    vec![("harmed_party_informed_of_result_on", date(on)), ("status", text(overall))]
}

/// The stored checklist answers of a case.
pub(crate) fn answers_for(conn: &Connection, case_id: i64) -> StoreResult<Answers> {
    let mut stmt = conn.prepare("SELECT item_code, answer, severity, note FROM checklist_answer WHERE case_id = ?1")?;
    let rows = stmt.query_map(params![case_id], |r| {
        let entry = AnswerEntry { answer: r.get("answer")?, severity: r.get("severity")?, note: r.get("note")? };
        Ok((r.get::<_, String>("item_code")?, entry))
    })?;
    let mut answers = Answers::default();
    for row in rows {
        let (code, entry) = row?;
        // An item code this version no longer knows is skipped, not fatal.
        let _ = answers.set(&code, entry);
    }
    Ok(answers)
}

/// The intake flags that route a checklist to manager review.
pub(crate) fn flags_for(conn: &Connection, case_id: i64) -> StoreResult<checklist::CaseFlags> {
    conn.query_row(
        "SELECT flag_domestic_abuse, flag_sexual, flag_hate_crime FROM case_file WHERE id = ?1",
        params![case_id],
        |r| Ok(checklist::CaseFlags { domestic_abuse: r.get(0)?, sexual: r.get(1)?, hate_crime: r.get(2)? }),
    )
    .optional()?
    .ok_or_else(|| StoreError::NotFound(format!("case {case_id}")))
}
