//! What the store takes in and gives back: plain typed records.

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::caps::{ConditionKind, ConditionObject};
use crate::domain::checklist::{Answer, Decision, RiskLevel, RiskSeverity};
use crate::domain::legal::Rank;
use crate::domain::status::{BreachDecision, DisposalType, OffenceMode};
use crate::domain::types::{
    AgreementItemKind, CjsStage, ContactChannel, DataSubjectCategory, PartyRole, ProcessKind, ProcessStatus, Service,
    Source,
};

/// Case-level flags recorded at intake; they route checklists and warnings.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct CaseFlags {
    pub domestic_abuse: bool,
    pub intimate_partner: bool,
    pub hate_crime: bool,
    pub sexual: bool,
    pub knife: bool,
    pub youth: bool,
}

impl CaseFlags {
    /// The six flags of a row that selects them in the order of the
    /// case_file columns (domestic abuse, intimate partner, hate crime,
    /// sexual, knife, youth), the first at column `first`.
    pub fn from_row(r: &rusqlite::Row<'_>, first: usize) -> rusqlite::Result<CaseFlags> {
        Ok(CaseFlags {
            domestic_abuse: r.get(first)?,
            intimate_partner: r.get(first + 1)?,
            hate_crime: r.get(first + 2)?,
            sexual: r.get(first + 3)?,
            knife: r.get(first + 4)?,
            youth: r.get(first + 5)?,
        })
    }
}

/// A referral or OOCD case as logged at intake.
#[derive(Debug, Clone, Serialize)]
pub struct NewCase {
    pub service: Service,
    pub source: Source,
    pub received_on: NaiveDate,
    /// When the crime was reported to the police, if the referral says
    /// (the Victims' Code clocks count from it).
    pub reported_on: Option<NaiveDate>,
    pub referrer_name: Option<String>,
    pub referrer_contact: Option<String>,
    pub crime_ref: Option<String>,
    pub offence_desc: Option<String>,
    pub offence_date: Option<NaiveDate>,
    pub offence_mode: Option<OffenceMode>,
    pub cjs_stage: CjsStage,
    pub flags: CaseFlags,
    pub harm_summary: Option<String>,
    pub notes: Option<String>,
}

impl NewCase {
    /// A case with only the required facts; fill the rest by field.
    pub fn new(service: Service, source: Source, received_on: NaiveDate) -> Self {
        NewCase {
            service,
            source,
            received_on,
            reported_on: None,
            referrer_name: None,
            referrer_contact: None,
            crime_ref: None,
            offence_desc: None,
            offence_date: None,
            offence_mode: None,
            cjs_stage: CjsStage::Unknown,
            flags: CaseFlags::default(),
            harm_summary: None,
            notes: None,
        }
    }
}

/// The identity of a stored case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CaseKey {
    pub id: i64,
    pub reference: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct NewPerson {
    pub family_name: String,
    pub given_names: String,
    pub dob: Option<NaiveDate>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub address: Option<String>,
    pub contact_pref: Option<String>,
    pub interpreter_language: Option<String>,
    pub needs_appropriate_adult: bool,
    /// As a victim, entitled to enhanced rights under the Victims' Code
    /// (most serious crime, persistently targeted, vulnerable or
    /// intimidated): the RJ information falls due sooner.
    pub enhanced_rights: bool,
}

impl NewPerson {
    pub fn named(given_names: &str, family_name: &str) -> Self {
        NewPerson {
            family_name: family_name.to_string(),
            given_names: given_names.to_string(),
            dob: None,
            phone: None,
            email: None,
            address: None,
            contact_pref: None,
            interpreter_language: None,
            needs_appropriate_adult: false,
            enhanced_rights: false,
        }
    }
}

#[derive(Debug, Clone, Copy, Serialize)]
pub struct PartyLink {
    pub role: PartyRole,
    pub category: DataSubjectCategory,
}

/// The OOCD facts of a case (DOMAIN.md §12.2 oocd_case).
#[derive(Debug, Clone, Serialize)]
pub struct NewDisposal {
    pub disposal_type: DisposalType,
    pub gravity_score: Option<u8>,
    pub gravity_matrix: Option<String>,
    pub decision_rationale: Option<String>,
    pub admission_recorded_on: Option<NaiveDate>,
    pub consent_recorded_on: Option<NaiveDate>,
    pub signed_document_ref: Option<String>,
    pub victim_views_sought_on: Option<NaiveDate>,
    pub victim_views: Option<String>,
    pub authorised_by: Option<String>,
    pub cps_decision_ref: Option<String>,
    pub issued_on: Option<NaiveDate>,
    pub completion_due: Option<NaiveDate>,
    pub completion_due_rule: Option<String>,
    pub extended_exceptionally: bool,
    pub oic_name: Option<String>,
    pub oic_contact: Option<String>,
    pub authorising_rank: Option<Rank>,
    /// When the child was referred to the youth offending team (CDA 1998 s.66ZB).
    pub yot_referred_on: Option<NaiveDate>,
    /// Why the decision maker proceeds despite a warning that asks for a reason.
    pub proceed_reason: Option<String>,
    /// Why the completion date goes beyond the time limit.
    pub time_limit_reason: Option<String>,
}

impl NewDisposal {
    pub fn new(disposal_type: DisposalType) -> Self {
        NewDisposal {
            disposal_type,
            gravity_score: None,
            gravity_matrix: None,
            decision_rationale: None,
            admission_recorded_on: None,
            consent_recorded_on: None,
            signed_document_ref: None,
            victim_views_sought_on: None,
            victim_views: None,
            authorised_by: None,
            cps_decision_ref: None,
            issued_on: None,
            completion_due: None,
            completion_due_rule: None,
            extended_exceptionally: false,
            oic_name: None,
            oic_contact: None,
            authorising_rank: None,
            yot_referred_on: None,
            proceed_reason: None,
            time_limit_reason: None,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct NewCondition {
    pub kind: ConditionKind,
    pub object: ConditionObject,
    pub description: String,
    pub provider_id: Option<i64>,
    pub hours_required: Option<f64>,
    pub amount_pence: Option<i64>,
    pub payee: Option<String>,
    pub restriction_until: Option<NaiveDate>,
    pub due_on: NaiveDate,
    pub due_rule: Option<String>,
}

impl NewCondition {
    /// A condition with only what every condition has; fill the rest by field.
    pub fn new(kind: ConditionKind, object: ConditionObject, description: &str, due_on: NaiveDate) -> Self {
        NewCondition {
            kind,
            object,
            description: description.to_string(),
            provider_id: None,
            hours_required: None,
            amount_pence: None,
            payee: None,
            restriction_until: None,
            due_on,
            due_rule: None,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct ChecklistEntry {
    pub item_code: String,
    pub answer: Answer,
    pub severity: Option<RiskSeverity>,
    pub note: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct NewDecision {
    pub decided_on: NaiveDate,
    pub decision: Decision,
    pub risk_level: RiskLevel,
    pub rationale: String,
    pub manager_signoff_by: Option<String>,
    pub manager_signoff_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, Serialize)]
pub struct NewBreach {
    pub case_id: i64,
    pub condition_id: Option<i64>,
    pub identified_on: NaiveDate,
    pub description: String,
    pub reasonable_excuse_claimed: bool,
    pub referred_to: Option<String>,
    pub referred_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, Serialize)]
pub struct BreachOutcome {
    pub decision: BreachDecision,
    pub decision_on: NaiveDate,
    pub new_due_on: Option<NaiveDate>,
    pub excuse_assessment: Option<String>,
    /// Why a new due date goes beyond the time limit, if it does.
    pub time_limit_reason: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct NewProcess {
    pub kind: ProcessKind,
    pub scheduled_for: Option<chrono::NaiveDateTime>,
    pub venue: Option<String>,
    pub room_booked: bool,
    pub refreshments: Option<String>,
    pub facilitators: String,
    pub participants: String,
    pub status: ProcessStatus,
}

#[derive(Debug, Clone, Serialize)]
pub struct NewAgreement {
    pub process_id: i64,
    pub agreed_on: NaiveDate,
    pub signed_by_harmed: bool,
    pub signed_by_responsible: bool,
    pub copies_given: bool,
    pub review_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, Serialize)]
pub struct NewAgreementItem {
    pub description: String,
    pub kind: AgreementItemKind,
    pub owner: String,
    pub responsible_person_id: Option<i64>,
    pub amount_pence: Option<i64>,
    pub due_on: NaiveDate,
    pub monitoring_method: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct NewContact {
    pub case_id: i64,
    pub person_id: Option<i64>,
    pub occurred_on: NaiveDate,
    pub channel: ContactChannel,
    pub outgoing: bool,
    pub summary: String,
    pub outcome: Option<String>,
    pub follow_up_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, Serialize)]
pub struct NewProvider {
    pub name: String,
    pub kind: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub sla_ack_working_days: u32,
}
