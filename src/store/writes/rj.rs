//! Checklists, decisions, restorative processes and outcome agreements
//! (DOMAIN.md §9, §12.4).

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};

use super::{boolean, date, int, opt_date, opt_int, opt_text, text, Tx};
use crate::domain::checklist::{self, Answer, AnswerEntry, Answers, Decision, RiskSeverity};
use crate::domain::status::RjStatus;
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
        let user = self.user.to_string();
        let cols = vec![
            ("answer", text(entry.answer.as_str())),
            ("severity", entry.severity.map_or(rusqlite::types::Value::Null, |s| text(s.as_str()))),
            ("note", text(entry.note.trim())),
            ("checked_by", text(user)),
            ("checked_on", date(on)),
        ];
        match existing {
            Some(id) => self.update("checklist_answer", id, Some(case_id), cols),
            None => {
                let mut all = vec![("case_id", int(case_id)), ("item_code", text(entry.item_code.clone()))];
                all.extend(cols);
                self.insert("checklist_answer", Some(case_id), all).map(|_| ())
            }
        }
    }

    /// Record a suitability decision. The rules are enforced here, not
    /// advised: a decision the checklist forbids is refused with its reasons.
    pub fn record_decision(&mut self, case_id: i64, d: &NewDecision) -> StoreResult<i64> {
        check_lengths(&[
            ("rationale", Long, Some(&d.rationale)),
            ("manager's name", Name, d.manager_signoff_by.as_deref()),
        ])?;
        let (_, status, _) = self.case_status(case_id)?;
        if status != RjStatus::RiskAssessment.as_str() {
            return Err(StoreError::Invalid(format!(
                "a suitability decision is made at risk assessment; this referral is at {}",
                status.replace('_', " ")
            )));
        }
        let answers = answers_for(self.conn(), case_id)?;
        let flags = flags_for(self.conn(), case_id)?;
        let constraints = checklist::constraints(&answers, &flags);
        let signed_off = d.manager_signoff_by.as_deref().is_some_and(|s| !s.trim().is_empty());
        checklist::validate_decision(d.decision, &d.rationale, &constraints, signed_off).map_err(|errors| {
            StoreError::Invalid(errors.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("; "))
        })?;
        // The recorded level is never below the computed one.
        let risk = d.risk_level.max(constraints.risk);
        let user = self.user.to_string();
        let id = self.insert(
            "decision",
            Some(case_id),
            vec![
                ("case_id", int(case_id)),
                ("decided_on", date(d.decided_on)),
                ("decision", text(d.decision.as_str())),
                ("risk_level", text(risk.as_str())),
                ("rationale", text(d.rationale.trim())),
                ("decided_by", text(user)),
                ("manager_signoff_by", opt_text(&d.manager_signoff_by)),
                ("manager_signoff_on", opt_date(d.manager_signoff_on)),
            ],
        )?;
        self.move_after_decision(case_id, d.decision, d.decided_on)?;
        Ok(id)
    }

    fn move_after_decision(&mut self, case_id: i64, decision: Decision, on: NaiveDate) -> StoreResult<()> {
        let (_, status, _) = self.case_status(case_id)?;
        if status != RjStatus::RiskAssessment.as_str() {
            return Ok(());
        }
        match decision {
            Decision::Suitable => self.change_status(case_id, RjStatus::Suitable.as_str(), on),
            Decision::NotSuitable => self.change_status(case_id, RjStatus::NotSuitable.as_str(), on),
            Decision::ReferToManager => Ok(()),
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
        self.insert(
            "rj_process",
            Some(case_id),
            vec![
                ("case_id", int(case_id)),
                ("kind", text(p.kind.as_str())),
                (
                    "scheduled_for",
                    p.scheduled_for
                        .map_or(rusqlite::types::Value::Null, |t| text(t.format("%Y-%m-%dT%H:%M").to_string())),
                ),
                ("venue", opt_text(&p.venue)),
                ("room_booked", boolean(p.room_booked)),
                ("refreshments", opt_text(&p.refreshments)),
                ("facilitators", text(p.facilitators.trim())),
                ("participants", text(p.participants.trim())),
                ("status", text(p.status.as_str())),
            ],
        )
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
        let mut cols = vec![("status", text(status.as_str()))];
        if status == ProcessStatus::Held {
            cols.push(("held_on", date(on)));
        }
        if status == ProcessStatus::Cancelled {
            cols.push(("cancellation_reason", opt_text(&reason)));
        }
        self.update("rj_process", process_id, Some(case_id), cols)
    }

    pub fn add_agreement(&mut self, a: &NewAgreement) -> StoreResult<i64> {
        let case_id = self.owner_case("rj_process", a.process_id)?;
        self.insert(
            "outcome_agreement",
            Some(case_id),
            vec![
                ("process_id", int(a.process_id)),
                ("agreed_on", date(a.agreed_on)),
                ("signed_by_harmed", boolean(a.signed_by_harmed)),
                ("signed_by_responsible", boolean(a.signed_by_responsible)),
                ("copies_given", boolean(a.copies_given)),
                ("review_on", opt_date(a.review_on)),
                ("status", text("active")),
            ],
        )
    }

    /// Add a SMART item: each names who is responsible and by when (§9.9).
    pub fn add_agreement_item(&mut self, agreement_id: i64, item: &NewAgreementItem) -> StoreResult<i64> {
        check_lengths(&[
            ("item description", Long, Some(&item.description)),
            ("owner", Name, Some(&item.owner)),
            ("monitoring method", Short, item.monitoring_method.as_deref()),
        ])?;
        if item.description.trim().is_empty() || item.owner.trim().is_empty() {
            return Err(StoreError::Invalid("an agreement item needs a description and an owner".into()));
        }
        let case_id = self.agreement_case(agreement_id)?;
        let seq: i64 = self.conn().query_row(
            "SELECT COALESCE(MAX(seq), 0) + 1 FROM agreement_item WHERE agreement_id = ?1",
            params![agreement_id],
            |r| r.get(0),
        )?;
        self.insert(
            "agreement_item",
            Some(case_id),
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
            ],
        )
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
        self.update(
            "agreement_item",
            item_id,
            Some(case_id),
            vec![("status", text("done")), ("completed_on", date(on)), ("evidence", text(evidence.trim()))],
        )
    }

    /// The harmed party has been told how the agreement turned out (§9.9).
    pub fn mark_harmed_informed(&mut self, agreement_id: i64, on: NaiveDate, overall: &str) -> StoreResult<()> {
        check_lengths(&[("overall result", Short, Some(overall))])?;
        let case_id = self.agreement_case(agreement_id)?;
        self.update(
            "outcome_agreement",
            agreement_id,
            Some(case_id),
            vec![("harmed_party_informed_of_result_on", date(on)), ("status", text(overall))],
        )
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

/// The stored checklist answers of a case.
pub(crate) fn answers_for(conn: &Connection, case_id: i64) -> StoreResult<Answers> {
    let mut stmt = conn.prepare("SELECT item_code, answer, severity, note FROM checklist_answer WHERE case_id = ?1")?;
    let rows = stmt.query_map(params![case_id], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, Option<String>>(2)?, r.get::<_, String>(3)?))
    })?;
    let mut answers = Answers::default();
    for row in rows {
        let (code, answer, severity, note) = row?;
        let entry = AnswerEntry {
            answer: Answer::parse(&answer).unwrap_or(Answer::Unknown),
            severity: severity.as_deref().and_then(RiskSeverity::parse),
            note,
        };
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
