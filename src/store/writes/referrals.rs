//! Referring a condition to a provider and recording the provider's return
//! (issue 14 §3); who a contact was with, a follow-up's outcome, and the
//! enquiries that concern no case (§4). What a return does to the condition
//! is `domain::referrals`'s; this file carries it out through the audited
//! writes, so undo takes back every row one action wrote.

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};

use super::cases::contact_cols;
use super::{boolean, date, int, opt_date, opt_text, text, Cols, Tx};
use crate::domain::referrals::{can_refer, ProviderReturn, ReturnEffect, SpokeWithKind};
use crate::domain::types::{ConditionStatus, ContactChannel};
use crate::domain::workdays::WorkCalendar;
use crate::store::limits::{check_lengths, TextKind::*};
use crate::store::model::NewContact;
use crate::store::{StoreError, StoreResult};

/// A referral of a condition to a provider, as the administrator sends it.
#[derive(Debug, Clone, PartialEq)]
pub struct NewReferral {
    pub condition_id: i64,
    pub provider_id: i64,
    pub sent_on: NaiveDate,
    /// How it was sent ("email", "the provider's portal").
    pub method: String,
    /// The day of the place booked, when one is.
    pub booked_for: Option<NaiveDate>,
}

/// Who a contact was with: the kind, and the name as picked or typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpokeWith {
    pub kind: SpokeWithKind,
    pub name: String,
}

/// A call or question that concerns no case (yet).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEnquiry {
    pub occurred_on: NaiveDate,
    pub subject: String,
    pub asked_by: String,
    pub notes: Option<String>,
}

impl Tx<'_> {
    /// Refer an open condition to an active provider: the referral is kept
    /// with its acknowledgement due (the provider's working days), and the
    /// condition names the provider and becomes referred, or booked when a
    /// place is.
    pub fn refer_to_provider(&mut self, r: &NewReferral, calendar: &WorkCalendar) -> StoreResult<i64> {
        check_lengths(&[("referral method", Short, Some(&r.method))])?;
        let (case_id, status) = self.condition_state(r.condition_id)?;
        if !can_refer(status) {
            return Err(StoreError::Invalid(format!(
                "this condition is {}: only a condition still to be done can be referred",
                status.label().to_lowercase()
            )));
        }
        let ack_days = self.active_provider_ack_days(r.provider_id)?;
        let cols: Cols = vec![
            ("condition_id", int(r.condition_id)),
            ("sent_on", date(r.sent_on)),
            ("ack_due", date(calendar.add_working_days(r.sent_on, ack_days))),
            ("booked_for", opt_date(r.booked_for)),
            ("method", opt_text(&Some(r.method.trim().to_string()).filter(|m| !m.is_empty()))),
        ];
        let id = self.insert("provider_referral", Some(case_id), cols)?;
        let mut condition = vec![("provider_id", int(r.provider_id))];
        if matches!(status, ConditionStatus::Active | ConditionStatus::Referred | ConditionStatus::Booked) {
            let next = if r.booked_for.is_some() { ConditionStatus::Booked } else { ConditionStatus::Referred };
            condition.push(("status", text(next.as_str())));
        }
        self.update("condition", r.condition_id, Some(case_id), condition)?;
        Ok(id)
    }

    /// Record what the provider sent back on a referral. Completed
    /// completes the condition; attended moves it on; did not attend is kept
    /// as a missed session and flagged with a follow-up due that day, so it
    /// is on Today until someone has looked at it: whether it is a breach is
    /// theirs to decide.
    pub fn record_provider_return(
        &mut self,
        referral_id: i64,
        ret: ProviderReturn,
        on: NaiveDate,
        note: &str,
    ) -> StoreResult<()> {
        check_lengths(&[("note on the return", Long, Some(note))])?;
        let (condition_id, provider, returned) = self.referral_state(referral_id)?;
        if !ProviderReturn::still_outstanding(returned) {
            return Err(StoreError::Invalid(
                "the provider's return on this referral is recorded already: undo it to record another".into(),
            ));
        }
        let (case_id, status) = self.condition_state(condition_id)?;
        if !status.is_open() {
            return Err(StoreError::Invalid(format!(
                "this condition is {}: nothing more can be recorded against it",
                status.label().to_lowercase()
            )));
        }
        self.update("provider_referral", referral_id, Some(case_id), return_cols(ret, on))?;
        let said = match note.trim() {
            // "Return from X", not "X's return": a provider's name often ends in s.
            "" => format!("return from {provider}: {}", ret.label().to_lowercase()),
            n => format!("return from {provider}: {}; {n}", ret.label().to_lowercase()),
        };
        match ret.effect(status) {
            ReturnEffect::Complete => self.complete_condition(condition_id, on, &said),
            ReturnEffect::Progress(next) => {
                self.add_compliance_event(condition_id, on, ret.event_type(), &said)?;
                match next {
                    Some(s) => {
                        self.update("condition", condition_id, Some(case_id), vec![("status", text(s.as_str()))])
                    }
                    None => Ok(()),
                }
            }
            ReturnEffect::FlagForBreachCheck => {
                self.add_compliance_event(condition_id, on, ret.event_type(), &said)?;
                let contact = NewContact {
                    case_id,
                    person_id: None,
                    occurred_on: on,
                    channel: ContactChannel::Other,
                    outgoing: false,
                    summary: format!("{provider} reported did not attend: check for non-compliance"),
                    outcome: None,
                    follow_up_on: Some(on),
                };
                let who = SpokeWith { kind: SpokeWithKind::Provider, name: provider };
                self.log_contact_with(&contact, Some(&who)).map(|_| ())
            }
        }
    }

    /// `log_contact`, naming who was spoken to.
    pub fn log_contact_with(&mut self, contact: &NewContact, who: Option<&SpokeWith>) -> StoreResult<i64> {
        let Some(who) = who.filter(|w| !w.name.trim().is_empty()) else {
            return self.log_contact(contact);
        };
        check_lengths(&[
            ("contact summary", Long, Some(&contact.summary)),
            ("contact outcome", Long, contact.outcome.as_deref()),
            ("who was spoken to", Name, Some(&who.name)),
        ])?;
        if contact.summary.trim().is_empty() {
            return Err(StoreError::Invalid("a contact needs a summary of what was said".into()));
        }
        self.case_status(contact.case_id)?;
        let mut cols = contact_cols(contact);
        cols.push(("spoke_with_kind", text(who.kind.as_str())));
        cols.push(("spoke_with", text(who.name.trim())));
        self.insert("contact_log", Some(contact.case_id), cols)
    }

    /// Mark a follow-up done with what came of it.
    pub fn complete_follow_up_with(&mut self, contact_id: i64, outcome: &str) -> StoreResult<()> {
        check_lengths(&[("follow-up outcome", Long, Some(outcome))])?;
        if outcome.trim().is_empty() {
            return Err(StoreError::Invalid("say what came of the follow-up".into()));
        }
        let case_id = self.contact_case(contact_id)?;
        let cols = vec![("follow_up_done", boolean(true)), ("follow_up_outcome", text(outcome.trim()))];
        self.update("contact_log", contact_id, Some(case_id), cols)
    }

    /// Log a call or question that concerns no case.
    pub fn log_enquiry(&mut self, e: &NewEnquiry) -> StoreResult<i64> {
        check_lengths(&[
            ("enquiry subject", Short, Some(&e.subject)),
            ("who asked", Name, Some(&e.asked_by)),
            ("enquiry notes", Long, e.notes.as_deref()),
        ])?;
        if e.subject.trim().is_empty() || e.asked_by.trim().is_empty() {
            return Err(StoreError::Invalid("an enquiry needs its subject and who asked".into()));
        }
        let cols = vec![
            ("occurred_on", date(e.occurred_on)),
            ("subject", text(e.subject.trim())),
            ("asked_by", text(e.asked_by.trim())),
            ("notes", opt_text(&e.notes.as_ref().map(|n| n.trim().to_string()).filter(|n| !n.is_empty()))),
        ];
        self.insert("enquiry", None, cols)
    }

    /// Link an enquiry to the case it turned out to be about.
    pub fn link_enquiry(&mut self, enquiry_id: i64, case_id: i64) -> StoreResult<()> {
        self.case_status(case_id)?;
        let linked: Option<Option<i64>> = self
            .conn()
            .query_row("SELECT case_id FROM enquiry WHERE id = ?1", params![enquiry_id], |r| r.get(0))
            .optional()?;
        match linked {
            None => Err(StoreError::NotFound(format!("enquiry {enquiry_id}"))),
            Some(Some(c)) if c == case_id => {
                Err(StoreError::Invalid("this enquiry is linked to that case already".into()))
            }
            Some(_) => self.update("enquiry", enquiry_id, Some(case_id), vec![("case_id", int(case_id))]),
        }
    }

    fn active_provider_ack_days(&self, provider_id: i64) -> StoreResult<u32> {
        let row: Option<(bool, i64)> = self
            .conn()
            .query_row("SELECT active, sla_ack_working_days FROM provider WHERE id = ?1", params![provider_id], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?;
        match row {
            None => Err(StoreError::NotFound(format!("provider {provider_id}"))),
            Some((false, _)) => Err(StoreError::Invalid("that provider is retired: choose an active one".into())),
            Some((true, days)) => Ok(u32::try_from(days).unwrap_or(0)),
        }
    }

    /// The referral's condition, its provider's name and any return so far.
    fn referral_state(&self, referral_id: i64) -> StoreResult<(i64, String, Option<ProviderReturn>)> {
        let row: Option<(i64, String, Option<String>)> = self
            .conn()
            .query_row(
                "SELECT r.condition_id, COALESCE(p.name, 'The provider'), r.returned
                   FROM provider_referral r JOIN condition c ON c.id = r.condition_id
                   LEFT JOIN provider p ON p.id = c.provider_id WHERE r.id = ?1",
                params![referral_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let (condition, provider, returned) =
            row.ok_or_else(|| StoreError::NotFound(format!("referral {referral_id}")))?;
        Ok((condition, provider, returned.as_deref().and_then(ProviderReturn::parse)))
    }

    pub(crate) fn contact_case(&self, contact_id: i64) -> StoreResult<i64> {
        self.conn()
            .query_row("SELECT case_id FROM contact_log WHERE id = ?1", params![contact_id], |r| r.get(0))
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("contact {contact_id}")))
    }
}

fn return_cols(ret: ProviderReturn, on: NaiveDate) -> Cols {
    vec![
        ("returned", text(ret.as_str())),
        ("returned_on", date(on)),
        ("attended", boolean(ret != ProviderReturn::DidNotAttend)),
        ("report_received_on", date(on)),
    ]
}
