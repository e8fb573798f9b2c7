//! One case's header (with its OOCD facts) and its people.

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use crate::domain::case_status::CaseStatus;
use crate::domain::closure::AgreementTelling;
use crate::domain::status::{DisposalType, OffenceMode, RjStatus};
use crate::domain::types::{ContactChannel, DataSubjectCategory, PartyRole, Service, Source};
use crate::domain::victims_code::referral_timing;
use crate::store::model::CaseFlags;
use crate::store::reads::{calendar_of, parse_day};
use crate::store::sql_types::case_status;
use crate::store::{Store, StoreResult};

/// The OOCD facts shown in the header of an OOCD case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DisposalFacts {
    pub disposal_type: DisposalType,
    pub issued_on: Option<NaiveDate>,
    pub completion_due: Option<NaiveDate>,
    pub extended_exceptionally: bool,
    pub oic_name: Option<String>,
    pub oic_contact: Option<String>,
}

/// Everything the header of the Case screen shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CaseHeader {
    pub case_id: i64,
    pub reference: String,
    pub service: Service,
    pub source: Source,
    pub status: CaseStatus,
    pub paused_from: Option<RjStatus>,
    pub status_changed_on: NaiveDate,
    pub received_on: NaiveDate,
    pub crime_ref: Option<String>,
    pub offence: Option<String>,
    pub offence_date: Option<NaiveDate>,
    pub offence_mode: Option<OffenceMode>,
    pub flags: CaseFlags,
    pub referrer_name: Option<String>,
    pub referrer_contact: Option<String>,
    pub coordinator: Option<String>,
    pub closed_on: Option<NaiveDate>,
    pub closure_outcome: Option<String>,
    pub retention_review_due: Option<NaiveDate>,
    pub disposal: Option<DisposalFacts>,
    /// The Victims' Code clock: when the RJ information falls due, and when
    /// it was recorded as given (which stops the clock).
    pub victim_info_due: Option<NaiveDate>,
    pub victim_info_given_on: Option<NaiveDate>,
    /// When the crime was reported to the police, if the referral said, and
    /// whether the referral came within VC_REFERRAL_WD working days of it.
    pub reported_on: Option<NaiveDate>,
    pub referral_timing: Option<ReferralTiming>,
}

/// How soon after the crime was reported the referral came in (Victims'
/// Code para 4.5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ReferralTiming {
    pub in_time: bool,
    pub working_days: i64,
    pub allowed: u32,
}

impl CaseHeader {
    pub fn is_oocd(&self) -> bool {
        self.service == Service::Oocd
    }

    /// The Victims' Code clock runs: RJ information is due and not yet
    /// recorded as given.
    pub fn awaits_victim_info(&self) -> bool {
        self.victim_info_due.is_some() && self.victim_info_given_on.is_none()
    }

    /// The officer who referred the case, when the police referred it and
    /// the referral names them: name (collar number as typed) and contact.
    pub fn police_referrer(&self) -> Option<(&str, Option<&str>)> {
        let name = self.referrer_name.as_deref().map(str::trim).filter(|n| !n.is_empty())?;
        let contact = self.referrer_contact.as_deref().map(str::trim).filter(|c| !c.is_empty());
        (self.source == Source::Police).then_some((name, contact))
    }

    /// Closed or withdrawn: nothing more is added to it.
    pub fn is_finished(&self) -> bool {
        self.status.is_terminal()
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
    pub role: PartyRole,
    pub category: DataSubjectCategory,
    pub contact_pref: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub address: Option<String>,
    pub interpreter_language: Option<String>,
    pub needs_appropriate_adult: bool,
    /// Enhanced rights under the Victims' Code (a harmed party's).
    pub enhanced_rights: bool,
}

impl CaseParty {
    pub fn name(&self) -> String {
        format!("{} {}", self.given_names, self.family_name)
    }

    pub fn role_label(&self) -> &str {
        self.role.label()
    }

    pub fn category_label(&self) -> &str {
        self.category.label()
    }

    /// How to reach them: the preferred route by its label and its detail,
    /// e.g. "SMS 07700 900123"; a route with no detail on file says so.
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
            Some(route) => {
                // A route typed in the desk's own words is said by its label.
                let said = ContactChannel::parse(route).map_or_else(|| route.to_string(), |c| c.label().to_string());
                match detail(route) {
                    Some(d) => format!("{said} {d}"),
                    None => format!("{said} (no detail on file)"),
                }
            }
            // No route preferred: the first way to reach them on file; an
            // address is one (a letter), so it is not "no contact route".
            None => match (&self.phone, &self.email, &self.address) {
                (Some(p), _, _) => format!("Phone {p}"),
                (None, Some(e), _) => format!("Email {e}"),
                (None, None, Some(a)) => format!("Letter to {a}"),
                _ => "no contact route on file".to_string(),
            },
        };
        if let Some(lang) = self.interpreter_language.as_deref().filter(|l| !l.trim().is_empty()) {
            text.push_str(&format!(" · interpreter: {lang}"));
        }
        if self.needs_appropriate_adult {
            text.push_str(" · needs appropriate adult");
        }
        if self.enhanced_rights {
            text.push_str(" · enhanced rights (Victims' Code)");
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
    /// Each outcome agreement of a case, and when its harmed party was told
    /// its result, if they were.
    pub fn agreements_telling(&self, case_id: i64) -> StoreResult<Vec<AgreementTelling>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT a.status, a.harmed_party_informed_of_result_on AS told_on
             FROM rj_process p JOIN outcome_agreement a ON a.process_id = p.id
             WHERE p.case_id = ?1",
        )?;
        let rows = stmt.query_map(params![case_id], |r| {
            let told_on: Option<String> = r.get("told_on")?;
            Ok(AgreementTelling { status: r.get("status")?, told_on: told_on.map(|d| parse_day(&d)) })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The header of one case, or `None` when there is no such case.
    pub fn case_header(&self, case_id: i64) -> StoreResult<Option<CaseHeader>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT c.id, c.ref, c.service, c.source, c.status, c.paused_from, c.status_changed_on, c.received_on,
                    c.crime_ref, c.offence_desc, c.offence_date, c.offence_mode,
                    c.flag_domestic_abuse, c.flag_intimate_partner, c.flag_hate_crime, c.flag_sexual, c.flag_knife,
                    c.flag_youth, c.referrer_name, c.referrer_contact, k.name AS coordinator, c.closed_on, c.closure_outcome,
                    (SELECT review_due FROM retention WHERE case_id = c.id) AS review_due,
                    d.disposal_type, d.issued_on, d.completion_due, d.extended_exceptionally, d.oic_name,
                    d.oic_contact, c.victim_rj_info_due, c.victim_rj_info_given_on, c.reported_on
             FROM case_file c
             LEFT JOIN coordinator k ON k.id = c.coordinator_id
             LEFT JOIN oocd_disposal d ON d.case_id = c.id
             WHERE c.id = ?1",
        )?;
        let day = |s: Option<String>| s.map(|s| parse_day(&s));
        let header = stmt
            .query_row(params![case_id], |r| {
                let disposal_type: Option<DisposalType> = r.get("disposal_type")?;
                let disposal = match disposal_type {
                    Some(disposal_type) => Some(DisposalFacts {
                        disposal_type,
                        issued_on: day(r.get("issued_on")?),
                        completion_due: day(r.get("completion_due")?),
                        extended_exceptionally: r.get::<_, Option<bool>>("extended_exceptionally")?.unwrap_or(false),
                        oic_name: r.get("oic_name")?,
                        oic_contact: r.get("oic_contact")?,
                    }),
                    None => None,
                };
                Ok(CaseHeader {
                    case_id: r.get("id")?,
                    reference: r.get("ref")?,
                    service: r.get("service")?,
                    source: r.get("source")?,
                    status: case_status(r, "service", "status")?,
                    paused_from: r.get("paused_from")?,
                    status_changed_on: parse_day(&r.get::<_, String>("status_changed_on")?),
                    received_on: parse_day(&r.get::<_, String>("received_on")?),
                    crime_ref: r.get("crime_ref")?,
                    offence: r.get("offence_desc")?,
                    offence_date: day(r.get("offence_date")?),
                    offence_mode: r.get("offence_mode")?,
                    flags: CaseFlags::from_row(r, 12)?,
                    referrer_name: r.get("referrer_name")?,
                    referrer_contact: r.get("referrer_contact")?,
                    coordinator: r.get("coordinator")?,
                    closed_on: day(r.get("closed_on")?),
                    closure_outcome: r.get("closure_outcome")?,
                    retention_review_due: day(r.get("review_due")?),
                    disposal,
                    victim_info_due: day(r.get("victim_rj_info_due")?),
                    victim_info_given_on: day(r.get("victim_rj_info_given_on")?),
                    reported_on: day(r.get("reported_on")?),
                    referral_timing: None,
                })
            })
            .optional()?;
        let Some(mut header) = header else { return Ok(None) };
        if header.reported_on.is_some() {
            let (calendar, rules) = (calendar_of(self.conn())?, self.rules()?);
            header.referral_timing = referral_timing(header.reported_on, header.received_on, &calendar, &rules)
                .map(|(in_time, working_days, allowed)| ReferralTiming { in_time, working_days, allowed });
        }
        Ok(Some(header))
    }

    /// The first `limit` people of a case, in the order they were added, and how many there are.
    pub fn case_parties(&self, case_id: i64, limit: usize) -> StoreResult<CaseParties> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT cp.id AS party_id, p.id AS person_id, p.given_names, p.family_name, cp.role, cp.data_subject_category, p.contact_pref,
                    p.phone, p.email, p.address, p.interpreter_language, p.needs_appropriate_adult,
                    p.enhanced_rights IS NOT NULL AS enhanced
             FROM case_party cp JOIN person p ON p.id = cp.person_id
             WHERE cp.case_id = ?1 ORDER BY cp.id LIMIT ?2",
        )?;
        let people = stmt
            .query_map(params![case_id, limit as i64], |r| {
                Ok(CaseParty {
                    party_id: r.get("party_id")?,
                    person_id: r.get("person_id")?,
                    given_names: r.get("given_names")?,
                    family_name: r.get("family_name")?,
                    role: r.get("role")?,
                    category: r.get("data_subject_category")?,
                    contact_pref: r.get("contact_pref")?,
                    phone: r.get("phone")?,
                    email: r.get("email")?,
                    address: r.get("address")?,
                    interpreter_language: r.get("interpreter_language")?,
                    needs_appropriate_adult: r.get("needs_appropriate_adult")?,
                    enhanced_rights: r.get("enhanced")?,
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
            role: PartyRole::Harmed,
            category: DataSubjectCategory::Victim,
            contact_pref: Some("email".into()),
            phone: Some("07700 900123".into()),
            email: None,
            address: None,
            interpreter_language: None,
            needs_appropriate_adult: false,
            enhanced_rights: false,
        };
        assert_eq!(p.contact_route(), "Email (no detail on file)");
        p.contact_pref = Some("sms".into());
        assert_eq!(p.contact_route(), "SMS 07700 900123");
        p.contact_pref = None;
        assert_eq!(p.contact_route(), "Phone 07700 900123");
        p.phone = None;
        p.address = Some("12 Mill Lane, Northtown".into());
        assert_eq!(p.contact_route(), "Letter to 12 Mill Lane, Northtown");
        p.address = None;
        assert_eq!(p.contact_route(), "no contact route on file");
        assert_eq!(p.role_label(), "Harmed");
        assert_eq!(p.category_label(), "Victim");
    }
}
