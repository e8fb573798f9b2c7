//! Editing after intake: the referral, a person on the case, a condition
//! and an agreement item (issue 13 §1). Each edit is checked as the thing
//! would be if it were new, written with its old and new values in words on
//! the audit row (so undo puts it back like any change), and then the whole
//! case is checked again against the law as it now stands
//! (`legal::Change::Disposal` with the disposal on file): a penalty over
//! the cap, a youth disposal for an adult, a date of birth that makes the
//! disposal given wrong. A refusal is an error, and `Store::write` then
//! rolls the transaction back: a refused edit changes nothing.

mod current;
mod words;

pub use current::{CaseItem, ConditionOnFile, ItemEdit, ItemOnFile};

use rusqlite::params;

use super::cases::{case_cols, check_person, person_cols, validate_case};
use super::legal::Change;
use super::oocd::{check_condition, condition_cols};
use super::rj::check_item;
use super::{date, text, Cols, Tx};
use crate::domain::caps::CapFinding;
use crate::domain::case_status::CaseStatus;
use crate::domain::rules::Rules;
use crate::domain::types::{AgreementItemStatus, ConditionStatus, PartyRole, Service};
use crate::store::limits::check_case_lengths;
use crate::store::model::{NewCase, NewCondition, NewPerson};
use crate::store::reads::disposal_in;
use crate::store::{StoreError, StoreResult};
use current::{condition_in, item_in, party_in, referral_in};
use words::{hours, pounds, Changes};

/// What an edit did: the fields it moved, in words (empty: nothing
/// changed, nothing written), and the warnings the checks raised.
#[derive(Debug, Default)]
pub struct Edited {
    pub changes: Vec<String>,
    pub warnings: Vec<CapFinding>,
}

/// Why a condition's due date moves: a variation needs a reason, and one
/// beyond the time limit a reason for that too (DOMAIN.md §2.4).
#[derive(Debug, Clone, Copy)]
pub struct Variation<'a> {
    pub reason: &'a str,
    pub beyond_limit: Option<&'a str>,
}

/// The referral columns an edit may set: all of intake's but the
/// reference, the status and when the case was made.
const FIXED_CASE_COLUMNS: [&str; 5] = ["ref", "service", "status", "status_changed_on", "created_at"];

/// The condition columns an edit sets directly; the due date moves only by
/// a variation.
const EDITABLE_CONDITION_COLUMNS: [&str; 8] =
    ["kind", "object", "description", "provider_id", "hours_required", "amount_pence", "payee", "restriction_until"];

impl Tx<'_> {
    /// Change the referral facts of a case. The service changes only to
    /// one whose status machine has the case's status.
    pub fn edit_referral(&mut self, case_id: i64, new: &NewCase, rules: &Rules) -> StoreResult<Edited> {
        check_case_lengths(new)?;
        validate_case(new)?;
        let mut new = new.clone();
        new.crime_ref = new.crime_ref.map(|c| c.trim().to_uppercase());
        let old = referral_in(self.conn(), case_id)?;
        let changes = referral_changes(&old, &new);
        if changes.is_empty() {
            return Ok(Edited::default());
        }
        let mut cols = without(case_cols(&new, "", &self.today_stamp()), &FIXED_CASE_COLUMNS);
        if new.service != old.service {
            self.check_service_change(case_id, old.service, new.service)?;
            cols.push(("service", text(new.service.as_str())));
        }
        self.update_because("case_file", case_id, Some(case_id), cols, Some(&changes.sentence("referral")))?;
        if new.received_on != old.received_on || new.reported_on != old.reported_on {
            // The Victims' Code clock counts from the report, else the referral.
            self.recount_victim_info_clock(case_id, rules)?;
        }
        let warnings = self.recheck(case_id, rules)?;
        Ok(Edited { changes: changes.into_lines(), warnings })
    }

    /// Change a person on a case: their details (kept once, whatever case
    /// they are on) and their role on this case. Every case the person is
    /// on is checked again: a date of birth decides which disposals fit.
    pub fn edit_party(
        &mut self,
        case_id: i64,
        person_id: i64,
        new: &NewPerson,
        role: PartyRole,
        rules: &Rules,
    ) -> StoreResult<Edited> {
        check_person(new)?;
        if new.dob.is_some_and(|born| born > self.day) {
            return Err(StoreError::Invalid("a date of birth cannot be after today".into()));
        }
        let (old, old_role) = party_in(self.conn(), case_id, person_id)?;
        let mut changes = person_changes(&old, new);
        changes.note("role", &old_role, &role, |r| r.label().to_string());
        if changes.is_empty() {
            return Ok(Edited::default());
        }
        let why = changes.sentence("person");
        let cols = without(person_cols(new, &self.today_stamp()), &["created_at"]);
        self.update_because("person", person_id, Some(case_id), cols, Some(&why))?;
        if role != old_role {
            self.change_role(case_id, person_id, role, &why)?;
        }
        let mut warnings = Vec::new();
        for other in self.cases_of(person_id)? {
            // Enhanced rights or a role changed: a running clock is counted again.
            self.recount_victim_info_clock(other, rules)?;
            let found = self.recheck(other, rules)?;
            if other == case_id {
                warnings = found;
            }
        }
        Ok(Edited { changes: changes.into_lines(), warnings })
    }

    /// Change a condition as set: its kind, object, description, provider,
    /// hours or amount, and its due date, which is a variation and needs
    /// `variation` (its reason, and the reason for going beyond the time
    /// limit if it does).
    pub fn edit_condition(
        &mut self,
        condition_id: i64,
        new: &NewCondition,
        variation: Option<Variation<'_>>,
        rules: &Rules,
    ) -> StoreResult<Edited> {
        check_condition(new)?;
        let on_file = condition_in(self.conn(), condition_id)?;
        if !on_file.status.is_open()
            && !matches!(on_file.status, ConditionStatus::NotCompleted | ConditionStatus::Breached)
        {
            return Err(StoreError::Invalid(format!(
                "this condition is {} and cannot be edited",
                on_file.status.label().to_lowercase()
            )));
        }
        let changes = self.condition_changes(&on_file.condition, new)?;
        if changes.is_empty() {
            return Ok(Edited::default());
        }
        let case_id = on_file.case_id;
        let disposal = self.disposal_type(case_id)?;
        let cols = condition_cols(case_id, on_file.seq, new, disposal)
            .into_iter()
            .filter(|(name, _)| EDITABLE_CONDITION_COLUMNS.contains(name))
            .collect();
        self.update_because("condition", condition_id, Some(case_id), cols, Some(&changes.sentence("condition")))?;
        let mut warnings = Vec::new();
        if new.due_on != on_file.condition.due_on {
            let Some(v) = variation.filter(|v| !v.reason.trim().is_empty()) else {
                return Err(StoreError::Invalid(
                    "moving a condition's due date is a variation: give the reason for it".into(),
                ));
            };
            let day = self.day;
            warnings =
                self.vary_condition_due_beyond_limit(condition_id, new.due_on, v.reason, day, rules, v.beyond_limit)?;
        }
        warnings.extend(self.recheck(case_id, rules)?);
        Ok(Edited { changes: changes.into_lines(), warnings })
    }

    /// Change an open agreement item: what is to be done, by whom, by when.
    pub fn edit_agreement_item(&mut self, item_id: i64, new: &ItemEdit) -> StoreResult<Edited> {
        check_item(&new.description, &new.owner, None)?;
        let on_file = item_in(self.conn(), item_id)?;
        if !matches!(on_file.status, AgreementItemStatus::Open | AgreementItemStatus::Overdue) {
            return Err(StoreError::Invalid(format!(
                "this item is {} and cannot be edited",
                on_file.status.label().to_lowercase()
            )));
        }
        let old = &on_file.item;
        let mut changes = Changes::default();
        changes.text("description", &Some(old.description.clone()), &Some(new.description.clone()));
        changes.text("owner", &Some(old.owner.clone()), &Some(new.owner.clone()));
        changes.day("due date", &Some(old.due_on), &Some(new.due_on));
        if changes.is_empty() {
            return Ok(Edited::default());
        }
        let case_id = self.conn().query_row(
            "SELECT p.case_id FROM outcome_agreement a JOIN rj_process p ON p.id = a.process_id WHERE a.id = ?1",
            params![on_file.agreement_id],
            |r| r.get::<_, i64>(0),
        )?;
        let cols = vec![
            ("description", text(new.description.trim())),
            ("owner", text(new.owner.trim())),
            ("due_on", date(new.due_on)),
        ];
        self.update_because("agreement_item", item_id, Some(case_id), cols, Some(&changes.sentence("agreement item")))?;
        Ok(Edited { changes: changes.into_lines(), warnings: Vec::new() })
    }

    /// The case checked again against the law as it now stands, when it
    /// has a disposal: its own checks, the caps over its conditions and its
    /// completion date's time limit.
    fn recheck(&self, case_id: i64, rules: &Rules) -> StoreResult<Vec<CapFinding>> {
        match disposal_in(self.conn(), case_id)? {
            Some(on_file) => self.check_change(case_id, &Change::Disposal(&on_file), rules),
            None => Ok(Vec::new()),
        }
    }

    /// A case keeps its status when it changes service, so the new
    /// service's machine must have it; a disposal belongs to OOCD alone.
    fn check_service_change(&self, case_id: i64, from: Service, to: Service) -> StoreResult<()> {
        let (_, status, _) = self.case_status(case_id)?;
        let Some(now) = CaseStatus::parse(from, &status) else {
            return Err(StoreError::Invalid(format!("the case's status {status:?} is not known")));
        };
        if CaseStatus::parse(to, &status).is_none() {
            return Err(StoreError::Invalid(format!(
                "a {} case has no status \"{}\": the service cannot change while the case is {}",
                to.label().to_lowercase(),
                now.label(),
                now.label().to_lowercase()
            )));
        }
        if from == Service::Oocd && disposal_in(self.conn(), case_id)?.is_some() {
            return Err(StoreError::Invalid(
                "this case has a disposal recorded: an out-of-court disposal cannot become another service".into(),
            ));
        }
        Ok(())
    }

    fn change_role(&mut self, case_id: i64, person_id: i64, role: PartyRole, why: &str) -> StoreResult<()> {
        let party_id: i64 = self.conn().query_row(
            "SELECT id FROM case_party WHERE case_id = ?1 AND person_id = ?2 ORDER BY id LIMIT 1",
            params![case_id, person_id],
            |r| r.get(0),
        )?;
        let cols =
            vec![("role", text(role.as_str())), ("data_subject_category", text(role.default_category().as_str()))];
        self.update_because("case_party", party_id, Some(case_id), cols, Some(why))
    }

    fn cases_of(&self, person_id: i64) -> StoreResult<Vec<i64>> {
        let mut stmt = self.conn().prepare_cached("SELECT DISTINCT case_id FROM case_party WHERE person_id = ?1")?;
        let ids = stmt.query_map(params![person_id], |r| r.get(0))?;
        Ok(ids.collect::<Result<Vec<_>, _>>()?)
    }

    fn condition_changes(&self, old: &NewCondition, new: &NewCondition) -> StoreResult<Changes> {
        let mut changes = Changes::default();
        changes.note("kind", &old.kind, &new.kind, |k| k.label().to_string());
        changes.note("object", &old.object, &new.object, |o| o.label().to_string());
        changes.text("description", &Some(old.description.clone()), &Some(new.description.clone()));
        if old.provider_id != new.provider_id {
            let (was, is) = (self.provider_name(old.provider_id)?, self.provider_name(new.provider_id)?);
            changes.note("provider", &was, &is, Clone::clone);
        }
        changes.note("hours", &old.hours_required, &new.hours_required, hours);
        changes.note("amount", &old.amount_pence, &new.amount_pence, pounds);
        changes.text("payee", &old.payee, &new.payee);
        changes.day("restricted until", &old.restriction_until, &new.restriction_until);
        changes.day("due date", &Some(old.due_on), &Some(new.due_on));
        Ok(changes)
    }

    fn provider_name(&self, id: Option<i64>) -> StoreResult<String> {
        let Some(id) = id else { return Ok("none".into()) };
        let name: Option<String> = rusqlite::OptionalExtension::optional(self.conn().query_row(
            "SELECT name FROM provider WHERE id = ?1",
            params![id],
            |r| r.get(0),
        ))?;
        Ok(name.unwrap_or_else(|| "a provider no longer listed".into()))
    }
}

fn referral_changes(old: &NewCase, new: &NewCase) -> Changes {
    let mut c = Changes::default();
    c.note("service", &old.service, &new.service, |s| s.label().to_string());
    c.note("source", &old.source, &new.source, |s| s.label().to_string());
    c.day("received", &Some(old.received_on), &Some(new.received_on));
    c.text("referrer", &old.referrer_name, &new.referrer_name);
    c.text("referrer's contact", &old.referrer_contact, &new.referrer_contact);
    c.text("crime reference", &old.crime_ref, &new.crime_ref);
    c.text("offence", &old.offence_desc, &new.offence_desc);
    c.day("offence date", &old.offence_date, &new.offence_date);
    c.day("reported to police on", &old.reported_on, &new.reported_on);
    c.note("offence mode", &old.offence_mode, &new.offence_mode, |m| {
        m.map_or_else(|| "not known".into(), |m| m.label().to_lowercase())
    });
    c.note("justice stage", &old.cjs_stage, &new.cjs_stage, |s| s.label().to_string());
    let (was, is) = (&old.flags, &new.flags);
    c.yes_no("domestic abuse", was.domestic_abuse, is.domestic_abuse);
    c.yes_no("intimate partner", was.intimate_partner, is.intimate_partner);
    c.yes_no("hate crime", was.hate_crime, is.hate_crime);
    c.yes_no("sexual", was.sexual, is.sexual);
    c.yes_no("knife", was.knife, is.knife);
    c.yes_no("youth", was.youth, is.youth);
    c.text("harm summary", &old.harm_summary, &new.harm_summary);
    c.text("notes", &old.notes, &new.notes);
    c
}

fn person_changes(old: &NewPerson, new: &NewPerson) -> Changes {
    let mut c = Changes::default();
    c.text("given names", &Some(old.given_names.clone()), &Some(new.given_names.clone()));
    c.text("family name", &Some(old.family_name.clone()), &Some(new.family_name.clone()));
    c.day("date of birth", &old.dob, &new.dob);
    c.text("phone", &old.phone, &new.phone);
    c.text("email", &old.email, &new.email);
    c.text("address", &old.address, &new.address);
    c.text("contact preference", &old.contact_pref, &new.contact_pref);
    c.text("interpreter", &old.interpreter_language, &new.interpreter_language);
    c.yes_no("needs an appropriate adult", old.needs_appropriate_adult, new.needs_appropriate_adult);
    c.yes_no("enhanced rights as a victim", old.enhanced_rights, new.enhanced_rights);
    c
}

/// `cols` without the named columns.
fn without(cols: Cols, names: &[&str]) -> Cols {
    cols.into_iter().filter(|(name, _)| !names.contains(name)).collect()
}
