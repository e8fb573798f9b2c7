//! Cases, people, status changes, contacts and closure.

use chrono::{Datelike, NaiveDate};
use rusqlite::{params, OptionalExtension};

use rusqlite::types::Value;

use super::{boolean, date, int, opt_date, opt_int, opt_text, text, Cols, Tx};
use crate::domain::closure;
use crate::domain::dates::age_on;
use crate::domain::rules::Rules;
use crate::domain::status::{
    can_issue, conditions_missing, issue_refusal, oocd_transition, rj_transition, DisposalType, IssueChecklist,
    OocdStatus, RjStatus,
};
use crate::domain::types::Service;
use crate::store::limits::{check_case_lengths, check_lengths, TextKind::*};
use crate::store::model::{CaseKey, NewCase, NewContact, NewPerson, NewProvider, PartyLink};
use crate::store::{StoreError, StoreResult};

impl Tx<'_> {
    /// The next human reference for a service and year, e.g. `RJ-2026-0042`.
    fn next_reference(&mut self, service: Service, year: i32) -> StoreResult<String> {
        let prefix = service.ref_prefix();
        let last: i64 = self.conn().query_row(
            "INSERT INTO ref_counter (prefix, year, last) VALUES (?1, ?2, 1)
             ON CONFLICT (prefix, year) DO UPDATE SET last = last + 1
             RETURNING last",
            params![prefix, year],
            |r| r.get(0),
        )?;
        Ok(reference(prefix, year, last))
    }

    /// Log a new case; it starts in the first status of its service.
    pub fn create_case(&mut self, case: &NewCase) -> StoreResult<CaseKey> {
        check_case_lengths(case)?;
        validate_case(case)?;
        let reference = self.next_reference(case.service, case.received_on.year())?;
        let id = self.insert("case_file", None, case_cols(case, &reference, &self.today_stamp()))?;
        Ok(CaseKey { id, reference })
    }

    /// Add a person and link them to a case in one role.
    pub fn add_party(&mut self, case_id: i64, person: &NewPerson, link: PartyLink) -> StoreResult<i64> {
        check_person(person)?;
        let person_id = self.insert("person", Some(case_id), person_cols(person, &self.today_stamp()))?;
        self.link_party(case_id, person_id, link)?;
        Ok(person_id)
    }

    pub fn link_party(&mut self, case_id: i64, person_id: i64, link: PartyLink) -> StoreResult<i64> {
        self.insert("case_party", Some(case_id), party_cols(case_id, person_id, link))
    }

    /// Move a case to a new status, refusing any move its status machine
    /// forbids and any ending while conditions or agreement items are open.
    pub fn change_status(&mut self, case_id: i64, to: &str, on: NaiveDate) -> StoreResult<()> {
        let (service, from, _) = self.case_status(case_id)?;
        self.check_move(case_id, service, &from, to, on)?;
        self.write_status(case_id, service, &from, to, on)?;
        if service == Service::Oocd && to == OocdStatus::Issued.as_str() {
            self.date_the_issue(case_id, on)?;
        }
        Ok(())
    }

    /// The status machine's guards on one move (issue, sense-check, pause).
    pub(crate) fn check_move(
        &self,
        case_id: i64,
        service: Service,
        from: &str,
        to: &str,
        on: NaiveDate,
    ) -> StoreResult<()> {
        if service == Service::Oocd {
            let disposal = self.disposal_type(case_id)?;
            let from = parse_oocd(from)?;
            let to = parse_oocd(to)?;
            oocd_transition(disposal, from, to).map_err(|e| StoreError::Invalid(e.to_string()))?;
            if to == OocdStatus::Issued {
                let checklist = self.issue_checklist(case_id, on)?;
                can_issue(disposal, &checklist)
                    .map_err(|missing| StoreError::Invalid(issue_refusal(disposal, &missing)))?;
            }
        } else {
            let (_, _, paused_from) = self.case_status(case_id)?;
            let from_status = parse_rj(from)?;
            let to_status = parse_rj(to)?;
            let paused_from = paused_from.as_deref().map(parse_rj).transpose()?;
            if from_status == RjStatus::SenseCheck && to_status == RjStatus::RiskAssessment {
                self.require_sense_check(case_id)?;
            }
            rj_transition(from_status, to_status, paused_from).map_err(|e| StoreError::Invalid(e.to_string()))?;
        }
        Ok(())
    }

    /// Write a checked move: nothing may be open when it ends the case, and
    /// an ending remembers the live status it left, for reopening.
    pub(crate) fn write_status(
        &mut self,
        case_id: i64,
        service: Service,
        from: &str,
        to: &str,
        on: NaiveDate,
    ) -> StoreResult<()> {
        self.refuse_open_work(case_id, service, to)?;
        let sense_checked = service != Service::Oocd && self.sense_checked(case_id)?;
        let cols = status_cols(service, from, to, on, &self.today_stamp(), sense_checked);
        self.update("case_file", case_id, Some(case_id), cols)
    }

    /// Walk a case through several moves (each checked and audited).
    pub fn change_status_path(&mut self, case_id: i64, path: &[&str], on: NaiveDate) -> StoreResult<()> {
        path.iter().try_for_each(|to| self.change_status(case_id, to, on))
    }

    fn sense_checked(&self, case_id: i64) -> StoreResult<bool> {
        let on: Option<String> =
            self.conn()
                .query_row("SELECT sense_checked_on FROM case_file WHERE id = ?1", params![case_id], |r| r.get(0))?;
        Ok(on.is_some())
    }

    pub(crate) fn case_status(&self, case_id: i64) -> StoreResult<(Service, String, Option<String>)> {
        let row: Option<(Service, String, Option<String>)> = self
            .conn()
            .query_row("SELECT service, status, paused_from FROM case_file WHERE id = ?1", params![case_id], |r| {
                Ok((r.get("service")?, r.get("status")?, r.get("paused_from")?))
            })
            .optional()?;
        row.ok_or_else(|| StoreError::NotFound(format!("case {case_id}")))
    }

    /// A caution that takes conditions, at a status only issue leads to,
    /// with none on file: what `can_issue` refuses on a move, for a case set
    /// at its status directly (an import) or whose disposal type is changed
    /// after issue (an edit). `disposal` is the type it has or is to have.
    pub(crate) fn refuse_caution_without_conditions(
        &self,
        case_id: i64,
        disposal: DisposalType,
        status: &str,
    ) -> StoreResult<()> {
        let Some(status) = OocdStatus::parse(status) else { return Ok(()) };
        if conditions_missing(disposal, status, self.conditions_recorded(case_id)?) {
            return Err(StoreError::Invalid(format!(
                "a case at {} has been issued, so its {} needs at least one condition",
                status.label(),
                disposal.label().to_lowercase()
            )));
        }
        Ok(())
    }

    fn conditions_recorded(&self, case_id: i64) -> StoreResult<bool> {
        let sql = "SELECT EXISTS (SELECT 1 FROM condition WHERE case_id = ?1 AND status <> 'withdrawn')";
        Ok(self.conn().query_row(sql, params![case_id], |r| r.get(0))?)
    }

    /// What the record shows of the statutory requirements for issue
    /// (§12.3), with the offender's age on the day of issue: the law asks
    /// how old they are when the disposal is given, not when they offended.
    fn issue_checklist(&self, case_id: i64, issued_on: NaiveDate) -> StoreResult<IssueChecklist> {
        let conditions_recorded = self.conditions_recorded(case_id)?;
        self.conn()
            .query_row(
                "SELECT d.admission_recorded_on IS NOT NULL, d.consent_recorded_on IS NOT NULL,
                        d.signed_document_ref IS NOT NULL,
                        d.victim_views_sought_on IS NOT NULL OR d.victim_views IS NOT NULL,
                        (SELECT p.dob FROM case_party cp JOIN person p ON p.id = cp.person_id
                         WHERE cp.case_id = c.id AND cp.role = 'offender' AND p.dob IS NOT NULL LIMIT 1),
                        EXISTS (SELECT 1 FROM case_party cp WHERE cp.case_id = c.id AND cp.role = 'appropriate_adult')
                 FROM case_file c JOIN oocd_disposal d ON d.case_id = c.id WHERE c.id = ?1",
                params![case_id],
                |r| {
                    Ok(IssueChecklist {
                        admission_recorded: r.get(0)?,
                        consent_recorded: r.get(1)?,
                        signed_document: r.get(2)?,
                        victim_views_sought_or_reason: r.get(3)?,
                        youth_age: r
                            .get::<_, Option<NaiveDate>>(4)?
                            .and_then(|born| age_on(born, issued_on))
                            .and_then(|a| u8::try_from(a).ok()),
                        appropriate_adult_recorded: r.get(5)?,
                        conditions_recorded,
                    })
                },
            )
            .optional()?
            .ok_or_else(|| StoreError::Invalid("record the disposal before issuing it".into()))
    }

    pub(crate) fn disposal_type(&self, case_id: i64) -> StoreResult<DisposalType> {
        let kind: Option<DisposalType> = self
            .conn()
            .query_row("SELECT disposal_type FROM oocd_disposal WHERE case_id = ?1", params![case_id], |r| {
                r.get("disposal_type")
            })
            .optional()?;
        kind.ok_or_else(|| {
            StoreError::Invalid("record the disposal (type, admission, consent) before changing the status".into())
        })
    }

    /// Log that a case's records were looked at (DPA 2018 s.62 consultation),
    /// with why: the screen that showed them.
    pub fn log_consult(&mut self, case_id: i64, justification: &str) -> StoreResult<()> {
        check_lengths(&[("justification", Long, Some(justification))])?;
        let mut entry =
            crate::store::AuditEntry::new(crate::store::AuditOp::Consult, "case_file", case_id).case(case_id);
        entry.justification = Some(justification.to_string());
        self.audit(&entry)
    }

    /// Record a contact with a party, and the follow-up it asks for.
    pub fn log_contact(&mut self, contact: &NewContact) -> StoreResult<i64> {
        check_lengths(&[
            ("contact summary", Long, Some(&contact.summary)),
            ("contact outcome", Long, contact.outcome.as_deref()),
        ])?;
        if contact.summary.trim().is_empty() {
            return Err(StoreError::Invalid("a contact needs a summary of what was said".into()));
        }
        self.case_status(contact.case_id)?;
        self.insert("contact_log", Some(contact.case_id), contact_cols(contact))
    }

    /// Mark a follow-up as done.
    pub fn complete_follow_up(&mut self, contact_id: i64) -> StoreResult<()> {
        let case_id: i64 = self
            .conn()
            .query_row("SELECT case_id FROM contact_log WHERE id = ?1", params![contact_id], |r| r.get(0))
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("contact {contact_id}")))?;
        self.update("contact_log", contact_id, Some(case_id), vec![("follow_up_done", boolean(true))])
    }

    /// Close a case with its outcome, and book its retention review
    /// (DPA 2018 s.39: periodic review of whether to keep it).
    pub fn close_case(&mut self, case_id: i64, on: NaiveDate, outcome: &str, rules: &Rules) -> StoreResult<()> {
        check_lengths(&[("closure outcome", Short, Some(outcome))])?;
        let (_, status, _) = self.case_status(case_id)?;
        if status != "closed" {
            self.change_status(case_id, "closed", on)?;
        }
        self.update("case_file", case_id, Some(case_id), closure_cols(on, outcome))?;
        self.insert("retention", Some(case_id), retention_cols(case_id, on, rules))?;
        Ok(())
    }

    pub fn add_provider(&mut self, provider: &NewProvider) -> StoreResult<i64> {
        check_lengths(&[
            ("provider's name", Name, Some(&provider.name)),
            ("provider's kind", Short, Some(&provider.kind)),
            ("provider's email address", Short, provider.email.as_deref()),
            ("provider's phone number", Short, provider.phone.as_deref()),
        ])?;
        self.insert("provider", None, provider_cols(provider))
    }

    pub fn add_coordinator(&mut self, name: &str, organisation: &str, level: &str) -> StoreResult<i64> {
        check_lengths(&[
            ("coordinator's name", Name, Some(name)),
            ("coordinator's organisation", Name, Some(organisation)),
            ("coordinator's RJC level", Short, Some(level)),
        ])?;
        self.insert("coordinator", None, coordinator_cols(name, organisation, level))
    }

    /// Allocate a referral to a coordinator.
    pub fn assign_coordinator(&mut self, case_id: i64, coordinator_id: i64, on: NaiveDate) -> StoreResult<()> {
        self.update("case_file", case_id, Some(case_id), assignment_cols(coordinator_id, on))
    }

    /// Set the Victims' Code RJ-information timer (para 3.6) on a referral.
    pub fn set_victim_info_timer(
        &mut self,
        case_id: i64,
        due: NaiveDate,
        given_on: Option<NaiveDate>,
    ) -> StoreResult<()> {
        self.update("case_file", case_id, Some(case_id), victim_timer_cols(due, given_on))
    }
}

pub(crate) fn initial_status(service: Service) -> &'static str {
    match service {
        Service::Oocd => OocdStatus::Draft.as_str(),
        _ => RjStatus::Received.as_str(),
    }
}

fn parse_oocd(s: &str) -> StoreResult<OocdStatus> {
    OocdStatus::parse(s).ok_or_else(|| StoreError::Invalid(format!("unknown OOCD status {s:?}")))
}

/// Whether a move between two referral statuses ends the sense-check
/// (statuses already checked by the caller; an unknown one never does).
pub(crate) fn ends_sense_check(from: &str, to: &str) -> bool {
    matches!((RjStatus::parse(from), RjStatus::parse(to)), (Some(f), Some(t)) if RjStatus::ends_sense_check(f, t))
}

fn parse_rj(s: &str) -> StoreResult<RjStatus> {
    RjStatus::parse(s).ok_or_else(|| StoreError::Invalid(format!("unknown referral status {s:?}")))
}

/// What a person needs whenever they are written: a name, and lengths in bounds.
pub(crate) fn check_person(person: &NewPerson) -> StoreResult<()> {
    check_lengths(&[
        ("family name", Name, Some(&person.family_name)),
        ("given names", Name, Some(&person.given_names)),
        ("phone number", Short, person.phone.as_deref()),
        ("email address", Short, person.email.as_deref()),
        ("address", Short, person.address.as_deref()),
        ("contact preference", Short, person.contact_pref.as_deref()),
        ("interpreter language", Short, person.interpreter_language.as_deref()),
    ])?;
    if person.family_name.trim().is_empty() || person.given_names.trim().is_empty() {
        return Err(StoreError::Invalid("a person needs a given name and a family name".into()));
    }
    Ok(())
}

pub(crate) fn validate_case(case: &NewCase) -> StoreResult<()> {
    if let Some(problem) = crate::domain::victims_code::reported_problem(case.reported_on, case.received_on) {
        return Err(StoreError::Invalid(problem));
    }
    if let Some(offence_date) = case.offence_date {
        if offence_date > case.received_on {
            return Err(StoreError::Invalid(format!(
                "the offence date {offence_date} is after the date the referral was received ({})",
                case.received_on
            )));
        }
    }
    Ok(())
}

// ---- the columns each write sets, shared with the bulk loader (`store::bulk`) ----

/// A human reference, e.g. `RJ-2026-0042`.
pub(crate) fn reference(prefix: &str, year: i32, number: i64) -> String {
    format!("{prefix}-{year}-{number:04}")
}

/// A new case, in the first status of its service.
pub(crate) fn case_cols(case: &NewCase, reference: &str, now: &str) -> Cols {
    let f = &case.flags;
    vec![
        ("ref", text(reference)),
        ("service", text(case.service.as_str())),
        ("source", text(case.source.as_str())),
        ("status", text(initial_status(case.service))),
        ("status_changed_on", date(case.received_on)),
        ("received_on", date(case.received_on)),
        ("reported_on", opt_date(case.reported_on)),
        ("referrer_name", opt_text(&case.referrer_name)),
        ("referrer_contact", opt_text(&case.referrer_contact)),
        ("crime_ref", opt_text(&case.crime_ref.as_ref().map(|c| c.trim().to_uppercase()))),
        ("offence_desc", opt_text(&case.offence_desc)),
        ("offence_date", opt_date(case.offence_date)),
        ("offence_mode", case.offence_mode.map_or(Value::Null, |m| text(m.as_str()))),
        ("cjs_stage", text(case.cjs_stage.as_str())),
        ("flag_domestic_abuse", boolean(f.domestic_abuse)),
        ("flag_intimate_partner", boolean(f.intimate_partner)),
        ("flag_hate_crime", boolean(f.hate_crime)),
        ("flag_sexual", boolean(f.sexual)),
        ("flag_knife", boolean(f.knife)),
        ("flag_youth", boolean(f.youth)),
        ("harm_summary", opt_text(&case.harm_summary)),
        ("notes", opt_text(&case.notes)),
        ("created_at", text(now)),
        ("updated_at", text(now)),
    ]
}

pub(crate) fn person_cols(person: &NewPerson, now: &str) -> Cols {
    vec![
        ("family_name", text(person.family_name.trim())),
        ("given_names", text(person.given_names.trim())),
        ("dob", opt_date(person.dob)),
        ("contact_pref", opt_text(&person.contact_pref)),
        ("phone", opt_text(&person.phone)),
        ("email", opt_text(&person.email)),
        ("address", opt_text(&person.address)),
        ("interpreter_language", opt_text(&person.interpreter_language)),
        ("needs_appropriate_adult", boolean(person.needs_appropriate_adult)),
        // NULL, not 0, when not: a person sealed before 0027 keeps its hash.
        ("enhanced_rights", opt_int(person.enhanced_rights.then_some(1))),
        ("created_at", text(now)),
        ("updated_at", text(now)),
    ]
}

pub(crate) fn party_cols(case_id: i64, person_id: i64, link: PartyLink) -> Cols {
    vec![
        ("case_id", int(case_id)),
        ("person_id", int(person_id)),
        ("role", text(link.role.as_str())),
        ("data_subject_category", text(link.category.as_str())),
    ]
}

/// A move from `from` to `to` on `on`; a referral remembers where a pause began.
/// The columns a status move sets. `sense_checked` says whether the case's
/// sense-check has already ended once: only its first end is kept for the
/// reports (a later return to sense-check does not move it).
pub(crate) fn status_cols(
    service: Service,
    from: &str,
    to: &str,
    on: NaiveDate,
    now: &str,
    sense_checked: bool,
) -> Cols {
    let mut cols = vec![("status", text(to)), ("status_changed_on", date(on))];
    if service != Service::Oocd {
        if !sense_checked && ends_sense_check(from, to) {
            cols.push(("sense_checked_on", date(on)));
        }
        let remember = (to == RjStatus::Paused.as_str()).then(|| from.to_string());
        cols.push(("paused_from", opt_text(&remember)));
    }
    // An ending remembers the live status it left, for reopening.
    if let Some(left) = closure::closed_from(service, from, to) {
        cols.push(("closed_from", text(left)));
    }
    cols.push(("updated_at", text(now)));
    cols
}

pub(crate) fn contact_cols(contact: &NewContact) -> Cols {
    vec![
        ("case_id", int(contact.case_id)),
        ("person_id", opt_int(contact.person_id)),
        ("occurred_on", date(contact.occurred_on)),
        ("channel", text(contact.channel.as_str())),
        ("direction", text(if contact.outgoing { "out" } else { "in" })),
        ("summary", text(contact.summary.trim())),
        ("outcome", opt_text(&contact.outcome)),
        ("follow_up_on", opt_date(contact.follow_up_on)),
    ]
}

pub(crate) fn closure_cols(on: NaiveDate, outcome: &str) -> Cols {
    vec![("closed_on", date(on)), ("closure_outcome", text(outcome))]
}

/// The retention review of a case closed on `on`, RETENTION_REVIEW_YEARS later.
pub(crate) fn retention_cols(case_id: i64, on: NaiveDate, rules: &Rules) -> Cols {
    let years = rules.days_or("RETENTION_REVIEW_YEARS", 6);
    // Months clamp at the month's end: a case closed on 29 February is
    // reviewed on 28 February, never before the full years have run.
    let review_due = on.checked_add_months(chrono::Months::new(12 * years)).unwrap_or(on);
    vec![("case_id", int(case_id)), ("closed_on", date(on)), ("review_due", date(review_due))]
}

pub(crate) fn provider_cols(provider: &NewProvider) -> Cols {
    vec![
        ("name", text(provider.name.trim())),
        ("kind", text(provider.kind.as_str())),
        ("email", opt_text(&provider.email)),
        ("phone", opt_text(&provider.phone)),
        ("sla_ack_working_days", int(provider.sla_ack_working_days as i64)),
    ]
}

pub(crate) fn coordinator_cols(name: &str, organisation: &str, level: &str) -> Cols {
    vec![("name", text(name)), ("organisation", text(organisation)), ("rjc_level", text(level))]
}

pub(crate) fn assignment_cols(coordinator_id: i64, on: NaiveDate) -> Cols {
    vec![("coordinator_id", int(coordinator_id)), ("transferred_on", date(on))]
}

pub(crate) fn victim_timer_cols(due: NaiveDate, given_on: Option<NaiveDate>) -> Cols {
    vec![("victim_rj_info_due", date(due)), ("victim_rj_info_given_on", opt_date(given_on))]
}
