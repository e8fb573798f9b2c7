//! One case's header (with its OOCD facts) and its people.

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use crate::domain::status::DisposalType;
use crate::domain::types::{DataSubjectCategory, PartyRole, Service};
use crate::store::model::CaseFlags;
use crate::store::reads::parse_day;
use crate::store::{Store, StoreResult};

/// The OOCD facts shown in the header of an OOCD case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DisposalFacts {
    pub disposal_type: String,
    pub issued_on: Option<NaiveDate>,
    pub completion_due: Option<NaiveDate>,
    pub extended_exceptionally: bool,
    pub oic_name: Option<String>,
    pub oic_contact: Option<String>,
}

impl DisposalFacts {
    pub fn kind(&self) -> Option<DisposalType> {
        DisposalType::parse(&self.disposal_type)
    }
}

/// Everything the header of the Case screen shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CaseHeader {
    pub case_id: i64,
    pub reference: String,
    pub service: String,
    pub source: String,
    pub status: String,
    pub paused_from: Option<String>,
    pub status_changed_on: NaiveDate,
    pub received_on: NaiveDate,
    pub crime_ref: Option<String>,
    pub offence: Option<String>,
    pub offence_date: Option<NaiveDate>,
    pub offence_mode: Option<String>,
    pub flags: CaseFlags,
    pub referrer_name: Option<String>,
    pub coordinator: Option<String>,
    pub closed_on: Option<NaiveDate>,
    pub closure_outcome: Option<String>,
    pub retention_review_due: Option<NaiveDate>,
    pub disposal: Option<DisposalFacts>,
}

impl CaseHeader {
    pub fn service_kind(&self) -> Option<Service> {
        Service::parse(&self.service)
    }

    pub fn is_oocd(&self) -> bool {
        self.service_kind() == Some(Service::Oocd)
    }

    /// Closed or withdrawn: nothing more is added to it.
    pub fn is_finished(&self) -> bool {
        matches!(self.status.as_str(), "closed" | "withdrawn")
    }

    /// The flags raised at intake, in words.
    pub fn flag_words(&self) -> Vec<&'static str> {
        let f = &self.flags;
        [
            (f.domestic_abuse, "domestic abuse"),
            (f.intimate_partner, "intimate partner"),
            (f.hate_crime, "hate crime"),
            (f.sexual, "sexual offence"),
            (f.knife, "knife / weapon"),
            (f.youth, "youth"),
        ]
        .into_iter()
        .filter_map(|(on, word)| on.then_some(word))
        .collect()
    }
}

/// One person of a case. Names are shown on the Case screen only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CaseParty {
    pub party_id: i64,
    pub person_id: i64,
    pub given_names: String,
    pub family_name: String,
    pub role: String,
    pub category: String,
    pub contact_pref: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub address: Option<String>,
    pub interpreter_language: Option<String>,
    pub needs_appropriate_adult: bool,
}

impl CaseParty {
    pub fn name(&self) -> String {
        format!("{} {}", self.given_names, self.family_name)
    }

    pub fn role_label(&self) -> &str {
        PartyRole::parse(&self.role).map_or(self.role.as_str(), |r| r.label())
    }

    pub fn category_label(&self) -> &str {
        DataSubjectCategory::parse(&self.category).map_or(self.category.as_str(), |c| c.label())
    }

    /// How to reach them: the preferred route and its detail, e.g.
    /// "phone 07700 900123"; a route with no detail on file says so.
    pub fn contact_route(&self) -> String {
        let detail = |route: &str| -> Option<&String> {
            match route {
                "phone" | "sms" => self.phone.as_ref(),
                "email" => self.email.as_ref(),
                "letter" | "visit" => self.address.as_ref(),
                _ => None,
            }
        };
        let mut text = match self.contact_pref.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            Some(route) => match detail(route) {
                Some(d) => format!("{route} {d}"),
                None => format!("{route} (no detail on file)"),
            },
            None => match (&self.phone, &self.email) {
                (Some(p), _) => format!("phone {p}"),
                (None, Some(e)) => format!("email {e}"),
                _ => "no contact route on file".to_string(),
            },
        };
        if let Some(lang) = self.interpreter_language.as_deref().filter(|l| !l.trim().is_empty()) {
            text.push_str(&format!(" · interpreter: {lang}"));
        }
        if self.needs_appropriate_adult {
            text.push_str(" · needs appropriate adult");
        }
        text
    }
}

/// The people of a case (a page) and how many there are.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CaseParties {
    pub people: Vec<CaseParty>,
    pub total: usize,
}

impl Store {
    /// The header of one case, or `None` when there is no such case.
    pub fn case_header(&self, case_id: i64) -> StoreResult<Option<CaseHeader>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT c.id, c.ref, c.service, c.source, c.status, c.paused_from, c.status_changed_on, c.received_on,
                    c.crime_ref, c.offence_desc, c.offence_date, c.offence_mode,
                    c.flag_domestic_abuse, c.flag_intimate_partner, c.flag_hate_crime, c.flag_sexual, c.flag_knife,
                    c.flag_youth, c.referrer_name, k.name, c.closed_on, c.closure_outcome,
                    (SELECT review_due FROM retention WHERE case_id = c.id),
                    d.disposal_type, d.issued_on, d.completion_due, d.extended_exceptionally, d.oic_name,
                    d.oic_contact
             FROM case_file c
             LEFT JOIN coordinator k ON k.id = c.coordinator_id
             LEFT JOIN oocd_disposal d ON d.case_id = c.id
             WHERE c.id = ?1",
        )?;
        let day = |s: Option<String>| s.map(|s| parse_day(&s));
        let header = stmt
            .query_row(params![case_id], |r| {
                let disposal_type: Option<String> = r.get(23)?;
                let disposal = match disposal_type {
                    Some(disposal_type) => Some(DisposalFacts {
                        disposal_type,
                        issued_on: day(r.get(24)?),
                        completion_due: day(r.get(25)?),
                        extended_exceptionally: r.get::<_, Option<bool>>(26)?.unwrap_or(false),
                        oic_name: r.get(27)?,
                        oic_contact: r.get(28)?,
                    }),
                    None => None,
                };
                Ok(CaseHeader {
                    case_id: r.get(0)?,
                    reference: r.get(1)?,
                    service: r.get(2)?,
                    source: r.get(3)?,
                    status: r.get(4)?,
                    paused_from: r.get(5)?,
                    status_changed_on: parse_day(&r.get::<_, String>(6)?),
                    received_on: parse_day(&r.get::<_, String>(7)?),
                    crime_ref: r.get(8)?,
                    offence: r.get(9)?,
                    offence_date: day(r.get(10)?),
                    offence_mode: r.get(11)?,
                    flags: CaseFlags {
                        domestic_abuse: r.get(12)?,
                        intimate_partner: r.get(13)?,
                        hate_crime: r.get(14)?,
                        sexual: r.get(15)?,
                        knife: r.get(16)?,
                        youth: r.get(17)?,
                    },
                    referrer_name: r.get(18)?,
                    coordinator: r.get(19)?,
                    closed_on: day(r.get(20)?),
                    closure_outcome: r.get(21)?,
                    retention_review_due: day(r.get(22)?),
                    disposal,
                })
            })
            .optional()?;
        Ok(header)
    }

    /// The first `limit` people of a case, in the order they were added, and how many there are.
    pub fn case_parties(&self, case_id: i64, limit: usize) -> StoreResult<CaseParties> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT cp.id, p.id, p.given_names, p.family_name, cp.role, cp.data_subject_category, p.contact_pref,
                    p.phone, p.email, p.address, p.interpreter_language, p.needs_appropriate_adult
             FROM case_party cp JOIN person p ON p.id = cp.person_id
             WHERE cp.case_id = ?1 ORDER BY cp.id LIMIT ?2",
        )?;
        let people = stmt
            .query_map(params![case_id, limit as i64], |r| {
                Ok(CaseParty {
                    party_id: r.get(0)?,
                    person_id: r.get(1)?,
                    given_names: r.get(2)?,
                    family_name: r.get(3)?,
                    role: r.get(4)?,
                    category: r.get(5)?,
                    contact_pref: r.get(6)?,
                    phone: r.get(7)?,
                    email: r.get(8)?,
                    address: r.get(9)?,
                    interpreter_language: r.get(10)?,
                    needs_appropriate_adult: r.get(11)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let total: i64 = self
            .conn()
            .prepare_cached("SELECT COUNT(*) FROM case_party WHERE case_id = ?1")?
            .query_row(params![case_id], |r| r.get(0))?;
        Ok(CaseParties { people, total: total.max(0) as usize })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_contact_route_names_its_detail_or_its_absence() {
        let mut p = CaseParty {
            party_id: 1,
            person_id: 1,
            given_names: "Ann".into(),
            family_name: "Lee".into(),
            role: "harmed".into(),
            category: "victim".into(),
            contact_pref: Some("email".into()),
            phone: Some("07700 900123".into()),
            email: None,
            address: None,
            interpreter_language: None,
            needs_appropriate_adult: false,
        };
        assert_eq!(p.contact_route(), "email (no detail on file)");
        p.contact_pref = None;
        assert_eq!(p.contact_route(), "phone 07700 900123");
        assert_eq!(p.role_label(), "Harmed");
        assert_eq!(p.category_label(), "Victim");
    }
}
