//! What is on file now for each thing that can be edited: the edit forms
//! are filled from these, and the edits compare against them.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};

use crate::domain::status::OffenceMode;
use crate::domain::types::{AgreementItemStatus, ConditionStatus, PartyRole};
use crate::store::model::{CaseFlags, NewCase, NewCondition, NewPerson};
use crate::store::{Store, StoreError, StoreResult};

/// What an agreement item says can be changed: what is to be done, by whom,
/// by when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemEdit {
    pub description: String,
    pub owner: String,
    pub due_on: NaiveDate,
}

/// A condition as on file, with the case it belongs to and its state.
#[derive(Debug, Clone)]
pub struct ConditionOnFile {
    pub case_id: i64,
    pub seq: i64,
    pub status: ConditionStatus,
    pub condition: NewCondition,
}

/// An agreement item as on file.
#[derive(Debug, Clone)]
pub struct ItemOnFile {
    pub agreement_id: i64,
    pub seq: i64,
    pub status: AgreementItemStatus,
    pub item: ItemEdit,
}

/// The referral facts of a case, as intake took them.
pub(crate) fn referral_in(conn: &Connection, case_id: i64) -> StoreResult<NewCase> {
    conn.query_row(
        "SELECT service, source, received_on, referrer_name, referrer_contact, crime_ref, offence_desc,
                offence_date, offence_mode, cjs_stage, flag_domestic_abuse, flag_intimate_partner,
                flag_hate_crime, flag_sexual, flag_knife, flag_youth, harm_summary, notes, reported_on
         FROM case_file WHERE id = ?1",
        params![case_id],
        |r| {
            let mut case = NewCase::new(r.get("service")?, r.get("source")?, r.get("received_on")?);
            case.reported_on = r.get("reported_on")?;
            case.referrer_name = r.get("referrer_name")?;
            case.referrer_contact = r.get("referrer_contact")?;
            case.crime_ref = r.get("crime_ref")?;
            case.offence_desc = r.get("offence_desc")?;
            case.offence_date = r.get("offence_date")?;
            case.offence_mode = r.get::<_, Option<String>>("offence_mode")?.as_deref().and_then(OffenceMode::parse);
            case.cjs_stage = r.get("cjs_stage")?;
            case.flags = CaseFlags::from_row(r, 10)?;
            case.harm_summary = r.get("harm_summary")?;
            case.notes = r.get("notes")?;
            Ok(case)
        },
    )
    .optional()?
    .ok_or_else(|| StoreError::NotFound(format!("case {case_id}")))
}

/// A person on a case, and the role they have on it.
pub(crate) fn party_in(conn: &Connection, case_id: i64, person_id: i64) -> StoreResult<(NewPerson, PartyRole)> {
    conn.query_row(
        "SELECT p.family_name, p.given_names, p.dob, p.phone, p.email, p.address, p.contact_pref,
                p.interpreter_language, p.needs_appropriate_adult, p.enhanced_rights IS NOT NULL AS enhanced, cp.role
         FROM case_party cp JOIN person p ON p.id = cp.person_id
         WHERE cp.case_id = ?1 AND cp.person_id = ?2 ORDER BY cp.id LIMIT 1",
        params![case_id, person_id],
        |r| {
            let person = NewPerson {
                family_name: r.get("family_name")?,
                given_names: r.get("given_names")?,
                dob: r.get("dob")?,
                phone: r.get("phone")?,
                email: r.get("email")?,
                address: r.get("address")?,
                contact_pref: r.get("contact_pref")?,
                interpreter_language: r.get("interpreter_language")?,
                needs_appropriate_adult: r.get("needs_appropriate_adult")?,
                enhanced_rights: r.get("enhanced")?,
            };
            Ok((person, r.get("role")?))
        },
    )
    .optional()?
    .ok_or_else(|| StoreError::NotFound(format!("person {person_id} on case {case_id}")))
}

pub(crate) fn condition_in(conn: &Connection, condition_id: i64) -> StoreResult<ConditionOnFile> {
    conn.query_row(
        "SELECT case_id, seq, status, kind, object, description, provider_id, hours_required, amount_pence,
                payee, restriction_until, due_on, due_rule
         FROM condition WHERE id = ?1",
        params![condition_id],
        |r| {
            let mut c = NewCondition::new(
                r.get("kind")?,
                r.get("object")?,
                &r.get::<_, String>("description")?,
                r.get("due_on")?,
            );
            c.provider_id = r.get("provider_id")?;
            c.hours_required = r.get("hours_required")?;
            c.amount_pence = r.get("amount_pence")?;
            c.payee = r.get("payee")?;
            c.restriction_until = r.get("restriction_until")?;
            c.due_rule = r.get("due_rule")?;
            Ok(ConditionOnFile {
                case_id: r.get("case_id")?,
                seq: r.get("seq")?,
                status: r.get("status")?,
                condition: c,
            })
        },
    )
    .optional()?
    .ok_or_else(|| StoreError::NotFound(format!("condition {condition_id}")))
}

pub(crate) fn item_in(conn: &Connection, item_id: i64) -> StoreResult<ItemOnFile> {
    conn.query_row(
        "SELECT agreement_id, seq, status, description, owner, due_on FROM agreement_item WHERE id = ?1",
        params![item_id],
        |r| {
            let item = ItemEdit {
                description: r.get("description")?,
                owner: r.get::<_, Option<String>>("owner")?.unwrap_or_default(),
                due_on: r.get("due_on")?,
            };
            Ok(ItemOnFile { agreement_id: r.get("agreement_id")?, seq: r.get("seq")?, status: r.get("status")?, item })
        },
    )
    .optional()?
    .ok_or_else(|| StoreError::NotFound(format!("agreement item {item_id}")))
}

/// One agreement item of a case, as the edit chooser lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseItem {
    pub id: i64,
    pub seq: i64,
    pub description: String,
    pub due_on: NaiveDate,
}

impl Store {
    /// The referral facts of a case, to fill its edit form.
    pub fn referral(&self, case_id: i64) -> StoreResult<NewCase> {
        referral_in(self.conn(), case_id)
    }

    /// A person on a case and their role, to fill the edit form.
    pub fn party(&self, case_id: i64, person_id: i64) -> StoreResult<(NewPerson, PartyRole)> {
        party_in(self.conn(), case_id, person_id)
    }

    pub fn condition_on_file(&self, condition_id: i64) -> StoreResult<ConditionOnFile> {
        condition_in(self.conn(), condition_id)
    }

    pub fn item_on_file(&self, item_id: i64) -> StoreResult<ItemOnFile> {
        item_in(self.conn(), item_id)
    }

    /// The open agreement items of a case in order (at most `limit`): the
    /// ones that can still be edited.
    pub fn case_items(&self, case_id: i64, limit: usize) -> StoreResult<Vec<CaseItem>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT i.id, i.seq, i.description, i.due_on
             FROM agreement_item i JOIN outcome_agreement a ON a.id = i.agreement_id
             JOIN rj_process p ON p.id = a.process_id
             WHERE p.case_id = ?1 AND i.status IN ('open', 'overdue') ORDER BY a.id, i.seq LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![case_id, limit as i64], |r| {
            Ok(CaseItem { id: r.get(0)?, seq: r.get(1)?, description: r.get(2)?, due_on: r.get(3)? })
        })?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }
}
