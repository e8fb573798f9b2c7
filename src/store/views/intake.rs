//! Read models for the intake screen: the cases and people already on file
//! that a referral being typed may duplicate, and the record as saved.
//!
//! Duplicates are warnings, never blocks: the same crime reference can
//! rightly carry an OOCD case and an RJ referral, and one person can be
//! harmed in one case and responsible in another.

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use crate::domain::case_status::CaseStatus;
use crate::domain::status::{DisposalType, OffenceMode};
use crate::domain::types::{DataSubjectCategory, PartyRole, Service, Source};
use crate::store::sql_types::case_status;
use crate::store::{Store, StoreResult};

/// A case that already carries the crime reference being typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CaseMatch {
    pub case_id: i64,
    pub reference: String,
    pub status: CaseStatus,
}

/// The first page of cases with one crime reference, and how many there are.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CrimeRefMatches {
    pub total: i64,
    pub cases: Vec<CaseMatch>,
}

/// A person on file with the same names and date of birth, in one case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PersonMatch {
    pub person_id: i64,
    pub given_names: String,
    pub family_name: String,
    pub case_id: i64,
    pub reference: String,
    pub status: CaseStatus,
    pub role: PartyRole,
}

/// One person of a saved case, as the intake wrote them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SavedParty {
    pub person_id: i64,
    pub given_names: String,
    pub family_name: String,
    pub dob: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub address: Option<String>,
    pub role: PartyRole,
    pub data_subject_category: DataSubjectCategory,
}

/// A case as saved by the intake form: what a user (or a test) checks after
/// Ctrl-S.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SavedIntake {
    pub case_id: i64,
    pub reference: String,
    pub service: Service,
    pub source: Source,
    pub status: CaseStatus,
    pub received_on: String,
    pub referrer_name: Option<String>,
    pub referrer_contact: Option<String>,
    pub crime_ref: Option<String>,
    pub offence_desc: Option<String>,
    pub offence_date: Option<String>,
    pub offence_mode: Option<OffenceMode>,
    /// Names of the flags set, in schema order (`domestic_abuse`, ...).
    pub flags: Vec<String>,
    pub harm_summary: Option<String>,
    pub notes: Option<String>,
    pub disposal_type: Option<DisposalType>,
    pub parties: Vec<SavedParty>,
}

/// A crime reference as stored: trimmed and upper case (`create_case` stores
/// it so), so "cr/123/26 " and "CR/123/26" are one reference.
pub fn normalise_crime_ref(text: &str) -> String {
    text.trim().to_uppercase()
}

/// Names compared the way a person reads them: spelt alike, whatever their
/// case, spacing, accents or apostrophes (`domain::spelling`).
fn same_name(a: &str, b: &str) -> bool {
    crate::domain::spelling::same_name(a, b)
}

/// At most this many rows are read for one person's possible duplicates.
const PERSON_SCAN_LIMIT: i64 = 200;

impl Store {
    /// Cases already carrying `crime_ref` (normalised), newest first: the
    /// first `limit` and the total.
    pub fn cases_with_crime_ref(&self, crime_ref: &str, limit: usize) -> StoreResult<CrimeRefMatches> {
        let wanted = normalise_crime_ref(crime_ref);
        if wanted.is_empty() {
            return Ok(CrimeRefMatches::default());
        }
        let total: i64 = self
            .conn()
            .prepare_cached("SELECT COUNT(*) FROM case_file WHERE crime_ref = ?1")?
            .query_row(params![wanted], |r| r.get(0))?;
        if total == 0 {
            return Ok(CrimeRefMatches::default());
        }
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, ref, service, status FROM case_file WHERE crime_ref = ?1
             ORDER BY received_on DESC, id DESC LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![wanted, limit as i64], |r| {
            Ok(CaseMatch {
                case_id: r.get("id")?,
                reference: r.get("ref")?,
                status: case_status(r, "service", "status")?,
            })
        })?;
        Ok(CrimeRefMatches { total, cases: rows.collect::<Result<_, _>>()? })
    }

    /// People on file with the same family name, given names and date of
    /// birth (case and spacing ignored), one row per case they are in,
    /// newest case first, at most `limit`.
    pub fn people_matching(
        &self,
        given_names: &str,
        family_name: &str,
        dob: NaiveDate,
        limit: usize,
    ) -> StoreResult<Vec<PersonMatch>> {
        if given_names.trim().is_empty() || family_name.trim().is_empty() {
            return Ok(Vec::new());
        }
        // The search index holds each person's names folded as people spell
        // them (migration 0018), so "Yilmaz" finds "Yılmaz" and "Nowák" finds
        // "Nowak"; the date of birth and the names are then compared in full.
        let family = crate::domain::spelling::fold(family_name);
        if family.is_empty() {
            return Ok(Vec::new());
        }
        let mut stmt = self.conn().prepare_cached(
            "SELECT p.id AS person_id, p.given_names, p.family_name, c.id AS case_id, c.ref, c.service, c.status,
                    cp.role
             FROM search_index s
             JOIN person p ON p.id = (s.rowid - 1) / 2
             JOIN case_party cp ON cp.person_id = p.id
             JOIN case_file c ON c.id = cp.case_id
             WHERE search_index MATCH ?1 AND s.rowid % 2 = 1 AND p.dob = ?2
             ORDER BY c.received_on DESC, c.id DESC, cp.id
             LIMIT ?3",
        )?;
        let dob = crate::domain::dates::iso(dob);
        let rows = stmt.query_map(params![format!("\"{family}\""), dob, PERSON_SCAN_LIMIT], |r| {
            Ok(PersonMatch {
                person_id: r.get("person_id")?,
                given_names: r.get("given_names")?,
                family_name: r.get("family_name")?,
                case_id: r.get("case_id")?,
                reference: r.get("ref")?,
                status: case_status(r, "service", "status")?,
                role: r.get("role")?,
            })
        })?;
        let mut out = Vec::new();
        for row in rows {
            let row = row?;
            if same_name(&row.given_names, given_names) && same_name(&row.family_name, family_name) {
                out.push(row);
                if out.len() >= limit {
                    break;
                }
            }
        }
        Ok(out)
    }

    /// A case as the intake saved it, by its reference; `None` if there is no
    /// such case.
    pub fn saved_intake(&self, reference: &str) -> StoreResult<Option<SavedIntake>> {
        let case = self
            .conn()
            .prepare_cached(
                "SELECT c.id, c.ref, c.service, c.source, c.status, c.received_on, c.referrer_name,
                        c.referrer_contact, c.crime_ref, c.offence_desc, c.offence_date, c.offence_mode,
                        c.flag_domestic_abuse, c.flag_intimate_partner, c.flag_hate_crime, c.flag_sexual,
                        c.flag_knife, c.flag_youth, c.harm_summary, c.notes, d.disposal_type
                 FROM case_file c LEFT JOIN oocd_disposal d ON d.case_id = c.id
                 WHERE c.ref = ?1",
            )?
            .query_row(params![reference], |r| {
                let names = ["domestic_abuse", "intimate_partner", "hate_crime", "sexual", "knife", "youth"];
                let mut flags = Vec::new();
                for name in names {
                    if r.get::<_, bool>(format!("flag_{name}").as_str())? {
                        flags.push(name.to_string());
                    }
                }
                Ok(SavedIntake {
                    case_id: r.get("id")?,
                    reference: r.get("ref")?,
                    service: r.get("service")?,
                    source: r.get("source")?,
                    status: case_status(r, "service", "status")?,
                    received_on: r.get("received_on")?,
                    referrer_name: r.get("referrer_name")?,
                    referrer_contact: r.get("referrer_contact")?,
                    crime_ref: r.get("crime_ref")?,
                    offence_desc: r.get("offence_desc")?,
                    offence_date: r.get("offence_date")?,
                    offence_mode: r.get("offence_mode")?,
                    flags,
                    harm_summary: r.get("harm_summary")?,
                    notes: r.get("notes")?,
                    disposal_type: r.get("disposal_type")?,
                    parties: Vec::new(),
                })
            })
            .optional()?;
        let Some(mut case) = case else { return Ok(None) };
        let mut stmt = self.conn().prepare_cached(
            "SELECT p.id, p.given_names, p.family_name, p.dob, p.phone, p.email, p.address,
                    cp.role, cp.data_subject_category
             FROM case_party cp JOIN person p ON p.id = cp.person_id
             WHERE cp.case_id = ?1 ORDER BY cp.id",
        )?;
        let rows = stmt.query_map(params![case.case_id], |r| {
            Ok(SavedParty {
                person_id: r.get("id")?,
                given_names: r.get("given_names")?,
                family_name: r.get("family_name")?,
                dob: r.get("dob")?,
                phone: r.get("phone")?,
                email: r.get("email")?,
                address: r.get("address")?,
                role: r.get("role")?,
                data_subject_category: r.get("data_subject_category")?,
            })
        })?;
        case.parties = rows.collect::<Result<_, _>>()?;
        Ok(Some(case))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crime_references_normalise_to_the_stored_form() {
        assert_eq!(normalise_crime_ref("  cr/123/26 "), "CR/123/26");
        assert_eq!(normalise_crime_ref(""), "");
    }

    #[test]
    fn names_compare_as_people_spell_them() {
        assert!(same_name("Zoë  Anne", "zoë anne"));
        // Issue 16 §5: the duplicate check missed Zoe against Zoë.
        assert!(same_name("Zoë", "Zoe"));
        assert!(!same_name("Zoë", "Zola"));
    }
}
