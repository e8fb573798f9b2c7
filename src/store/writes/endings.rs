//! How a case ends and comes back (issue 13 §2): settling what is still
//! open, withdrawing with who and why, and reopening. The rule that nothing
//! is open when a case ends is checked in `change_status`, the one write
//! every status move goes through; this file gives the ways to meet it.

use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::{params, Connection, OptionalExtension};

use super::cases::{closure_cols, retention_cols};
use super::{date, opt_text, text, Cols, Tx};
use crate::domain::caps::ConditionKind;
use crate::domain::closure::{
    self, check_nothing_open, withdrawal_status, OpenWork, WithdrawalReason, WithdrawnBy, WorkEnd, WorkKind,
};
use crate::domain::rules::Rules;
use crate::domain::types::{AgreementItemStatus, ComplianceEventType, ConditionStatus, Service};
use crate::store::limits::{check_lengths, TextKind::*};
use crate::store::{StoreError, StoreResult};

/// A withdrawal as the user gives it: who, why (from the list), what was said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Withdrawal {
    pub by: WithdrawnBy,
    pub reason: WithdrawalReason,
    pub note: String,
    pub on: NaiveDate,
}

impl Tx<'_> {
    /// The conditions and agreement items of a case still open, in order.
    pub fn open_work(&self, case_id: i64) -> StoreResult<Vec<OpenWork>> {
        open_work_of(self.conn(), case_id)
    }

    /// Refuses a move into an ending status while anything is open.
    pub(crate) fn refuse_open_work(&self, case_id: i64, service: Service, to: &str) -> StoreResult<()> {
        if !closure::is_ending(service, to) {
            return Ok(());
        }
        check_nothing_open(service, to, &self.open_work(case_id)?).map_err(StoreError::Invalid)
    }

    /// End one open condition or agreement item, with the date and why.
    pub fn end_work(&mut self, work: &OpenWork, end: WorkEnd, on: NaiveDate, reason: &str) -> StoreResult<()> {
        match work.kind {
            WorkKind::Condition => self.end_condition(work.id, end, on, reason),
            WorkKind::AgreementItem => self.end_agreement_item(work.id, end, on, reason),
        }
    }

    /// Mark an agreement item completed, not done or waived (§9.9), with
    /// the date and the reason (for a completed item, what shows it).
    pub fn end_agreement_item(&mut self, item_id: i64, end: WorkEnd, on: NaiveDate, reason: &str) -> StoreResult<()> {
        if end == WorkEnd::Completed {
            return self.complete_agreement_item(item_id, on, reason);
        }
        require_reason(reason, "why the item was not done or was waived")?;
        let (agreement_id, status): (i64, AgreementItemStatus) = self.conn().query_row(
            "SELECT agreement_id, status FROM agreement_item WHERE id = ?1",
            params![item_id],
            |r| Ok((r.get("agreement_id")?, r.get("status")?)),
        )?;
        if !matches!(status, AgreementItemStatus::Open | AgreementItemStatus::Overdue) {
            return Err(StoreError::Invalid(format!("this item is {} already", status.label().to_lowercase())));
        }
        let case_id: i64 = self.conn().query_row(
            "SELECT p.case_id FROM outcome_agreement a JOIN rj_process p ON p.id = a.process_id WHERE a.id = ?1",
            params![agreement_id],
            |r| r.get(0),
        )?;
        let status = if end == WorkEnd::NotDone { AgreementItemStatus::NotDone } else { AgreementItemStatus::Waived };
        self.update("agreement_item", item_id, Some(case_id), item_end_cols(status.as_str(), on, reason))
    }

    fn end_condition(&mut self, condition_id: i64, end: WorkEnd, on: NaiveDate, reason: &str) -> StoreResult<()> {
        if end == WorkEnd::Completed {
            return self.complete_condition(condition_id, on, reason);
        }
        require_reason(reason, "why the condition was not done or was waived")?;
        let (case_id, status) = self.condition_state(condition_id)?;
        if !status.is_open() {
            return Err(StoreError::Invalid(format!("this condition is {} already", status.label().to_lowercase())));
        }
        // Not done is non-compliance, dated like any compliance event; a
        // waived condition no longer applies, as an agreed variation would.
        let (to, event) = match end {
            WorkEnd::NotDone => (ConditionStatus::NotCompleted, ComplianceEventType::NonComplianceReported),
            _ => (ConditionStatus::Withdrawn, ComplianceEventType::VariationAgreed),
        };
        self.add_compliance_event(condition_id, on, event, reason)?;
        let cols = vec![("status", text(to.as_str())), ("end_reason", text(reason.trim()))];
        self.update("condition", condition_id, Some(case_id), cols)
    }

    /// Withdraw a case, saying who and why. A reason that is really an
    /// outcome (harmed party declines, not contactable, not suitable) closes
    /// the case with that outcome instead. Either way the case gets its
    /// retention review (DPA 2018 s.39). Returns the status it ends in.
    pub fn withdraw_case(&mut self, case_id: i64, w: &Withdrawal, rules: &Rules) -> StoreResult<&'static str> {
        check_lengths(&[("what was said", Long, Some(&w.note))])?;
        let (service, from, _) = self.case_status(case_id)?;
        // The machine decides whether the case may be withdrawn from here;
        // an outcome-like reason then ends it as closed rather than withdrawn.
        self.check_move(case_id, service, &from, "withdrawn", w.on)?;
        let to = withdrawal_status(w.reason);
        self.write_status(case_id, service, &from, to, w.on)?;
        self.update("case_file", case_id, Some(case_id), ending_cols(w))?;
        self.insert("retention", Some(case_id), retention_cols(case_id, w.on, rules))?;
        Ok(to)
    }

    /// Reopen a completed, closed or withdrawn case, with the reason (kept on
    /// the audit row), back to the status it left from. Its retention review
    /// is cancelled while it is open again. Returns the status it reopens to.
    pub fn reopen_case(&mut self, case_id: i64, on: NaiveDate, reason: &str) -> StoreResult<String> {
        require_reason(reason, "why the case is reopened")?;
        let (service, status, _) = self.case_status(case_id)?;
        let closed_from: Option<String> =
            self.conn().query_row("SELECT closed_from FROM case_file WHERE id = ?1", params![case_id], |r| r.get(0))?;
        let to = closure::reopen_target(service, &status, closed_from.as_deref()).map_err(StoreError::Invalid)?;
        let review: Option<(i64, Option<String>)> = self
            .conn()
            .query_row("SELECT id, decision FROM retention WHERE case_id = ?1", params![case_id], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?;
        if let Some((_, Some(decision))) = &review {
            if decision == "dispose" {
                return Err(StoreError::Invalid(
                    "this case's personal data was erased at its retention review, so it cannot be reopened".into(),
                ));
            }
        }
        let why = format!("reopened: {}", reason.trim());
        self.update_because(
            "case_file",
            case_id,
            Some(case_id),
            reopen_cols(&to, on, &self.today_stamp()),
            Some(&why),
        )?;
        if let Some((id, _)) = review {
            self.remove("retention", id, Some(case_id), &why)?;
        }
        Ok(to)
    }
}

impl crate::store::Store {
    /// What must be settled before the case can end, for the screens to offer.
    pub fn open_work(&self, case_id: i64) -> StoreResult<Vec<OpenWork>> {
        open_work_of(self.conn(), case_id)
    }
}

/// The conditions and agreement items of a case still open, conditions first.
fn open_work_of(conn: &Connection, case_id: i64) -> StoreResult<Vec<OpenWork>> {
    let open_conditions: Vec<String> = ConditionStatus::OPEN.iter().map(|s| format!("'{}'", s.as_str())).collect();
    let sql = format!(
        "SELECT 'condition', id, seq, kind, due_on FROM condition
          WHERE case_id = ?1 AND status IN ({})
         UNION ALL
         SELECT 'item', i.id, i.seq, i.description, i.due_on FROM agreement_item i
           JOIN outcome_agreement a ON a.id = i.agreement_id JOIN rj_process p ON p.id = a.process_id
          WHERE p.case_id = ?1 AND i.status IN ('open', 'overdue')
         ORDER BY 1, 3",
        open_conditions.join(", ")
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![case_id], |r| {
        Ok((r.get::<_, String>(0)?, r.get(1)?, r.get::<_, i64>(2)?, r.get::<_, String>(3)?, r.get::<_, String>(4)?))
    })?;
    let mut open = Vec::new();
    for row in rows {
        let (what, id, seq, name, due) = row?;
        let (kind, name) = if what == "condition" {
            (WorkKind::Condition, ConditionKind::parse(&name).map_or(name, |k| k.label().to_string()))
        } else {
            (WorkKind::AgreementItem, name)
        };
        open.push(OpenWork { kind, id, seq, name, due });
    }
    Ok(open)
}

fn require_reason(reason: &str, what: &str) -> StoreResult<()> {
    check_lengths(&[("reason", Long, Some(reason))])?;
    if reason.trim().is_empty() {
        return Err(StoreError::Invalid(format!("say {what} (reason)")));
    }
    Ok(())
}

fn item_end_cols(status: &str, on: NaiveDate, reason: &str) -> Cols {
    vec![("status", text(status)), ("completed_on", date(on)), ("end_reason", text(reason.trim()))]
}

/// What a withdrawal records on the case: who, why and what was said, and,
/// for a reason that is really how the case turned out, its closure. Only a
/// closed case has a closure outcome: the reports count a withdrawal as
/// withdrawn, by its status, as they always have.
pub(crate) fn ending_cols(w: &Withdrawal) -> Cols {
    let mut cols = withdrawal_cols(w);
    if w.reason.closes_case() {
        let outcome = match w.note.trim() {
            "" => format!("{} ({})", w.reason.label(), w.by.label().to_lowercase()),
            note => format!("{} ({}): {note}", w.reason.label(), w.by.label().to_lowercase()),
        };
        cols.extend(closure_cols(w.on, &outcome));
    }
    cols
}

pub(crate) fn withdrawal_cols(w: &Withdrawal) -> Cols {
    vec![
        ("withdrawn_by", text(w.by.as_str())),
        ("withdrawal_reason", text(w.reason.as_str())),
        ("withdrawal_note", opt_text(&Some(w.note.trim().to_string()).filter(|n| !n.is_empty()))),
    ]
}

/// A reopened case: back to its status, its ending forgotten.
fn reopen_cols(to: &str, on: NaiveDate, now: &str) -> Cols {
    vec![
        ("status", text(to)),
        ("status_changed_on", date(on)),
        ("closed_on", Value::Null),
        ("closure_outcome", Value::Null),
        ("closed_from", Value::Null),
        ("withdrawn_by", Value::Null),
        ("withdrawal_reason", Value::Null),
        ("withdrawal_note", Value::Null),
        ("updated_at", text(now)),
    ]
}
