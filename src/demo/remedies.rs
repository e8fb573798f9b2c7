//! What a case asks of people: the conditions a disposal may carry, the
//! items of an outcome or mediation agreement, and the words recorded when
//! each is done or each checklist item is answered.

use crate::domain::caps::{ConditionKind as K, ConditionObject as O};
use crate::domain::checklist::Answer;
use crate::domain::status::DisposalType;
use crate::domain::types::AgreementItemKind;

/// An agreement item: kind, text, and whether the harmed party (rather
/// than the responsible party) owns it.
pub(super) type AgreementText = (AgreementItemKind, &'static str, bool);

/// Outcome agreement items after an RJ conference (§9.9).
pub(super) const RJ_AGREEMENT_ITEMS: &[AgreementText] = &[
    (AgreementItemKind::Apology, "Write a letter of apology, passed on by the coordinator", false),
    (AgreementItemKind::RestitutionPayment, "Pay towards the cost of the loss in monthly instalments", false),
    (AgreementItemKind::RepairWork, "Help put right the damage on an agreed Saturday, supervised", false),
    (AgreementItemKind::EngageSupport, "Attend two sessions with Compass Drug & Alcohol Service", false),
    (AgreementItemKind::CommunityWork, "Volunteer four hours at the Eastfield community garden", false),
    (AgreementItemKind::NoContact, "Not approach the harmed party's home or workplace", false),
    (AgreementItemKind::OngoingContact, "Send any further questions through the coordinator", true),
];

/// Written mediation agreements between neighbours (§9.10).
pub(super) const MEDIATION_AGREEMENT_ITEMS: &[AgreementText] = &[
    (AgreementItemKind::BehaviourUndertaking, "Keep music and TV down after 10pm on weeknights", false),
    (AgreementItemKind::BehaviourUndertaking, "Keep to the agreed parking arrangement for the shared drive", false),
    (AgreementItemKind::BehaviourUndertaking, "Put bins out only on collection day and bring them back in", true),
    (
        AgreementItemKind::OngoingContact,
        "Raise any new concern through the mediator before contacting the council",
        true,
    ),
    (AgreementItemKind::RepairWork, "Share the cost of trimming the boundary hedge", false),
    (AgreementItemKind::Other, "Text a day ahead before any noisy DIY or building work", false),
];

/// A condition template: kind, object, and a hint for the provider.
pub(super) type CondTemplate = (K, O, &'static str);

const APOLOGY: CondTemplate = (K::ReparationApologyLetter, O::Reparation, "");
const REPAIR: CondTemplate = (K::ReparationRepairDamage, O::Reparation, "");
const COMPENSATION: CondTemplate = (K::ReparationCompensation, O::Reparation, "");
const SUPPORT: CondTemplate = (K::RehabReferralSupport, O::Rehabilitation, "");
const CONTRACT: CondTemplate = (K::AcceptableBehaviourContract, O::Restriction, "");
const VICTIM_COURSE: CondTemplate = (K::RehabCourse, O::Rehabilitation, "victim");
const ALCOHOL_COURSE: CondTemplate = (K::RehabCourse, O::Rehabilitation, "alcohol");
const ANGER_COURSE: CondTemplate = (K::RehabCourse, O::Rehabilitation, "anger");
const UNPAID_WORK: CondTemplate = (K::UnpaidWork, O::Reparation, "");
const PENALTY: CondTemplate = (K::FinancialPenalty, O::Punishment, "");
const NO_CONTACT: CondTemplate = (K::RestrictiveNoContact, O::Restriction, "");
const ATTENDANCE: CondTemplate = (K::Attendance, O::Reparation, "");

/// The conditions (or, for a community resolution, agreed actions) a
/// disposal of each type may carry; a case draws some of them.
pub(super) fn condition_templates(d: DisposalType) -> &'static [CondTemplate] {
    match d {
        DisposalType::CommunityResolution => &[APOLOGY, REPAIR, COMPENSATION, SUPPORT, CONTRACT, VICTIM_COURSE],
        DisposalType::AdultConditionalCaution => {
            &[ALCOHOL_COURSE, VICTIM_COURSE, UNPAID_WORK, COMPENSATION, PENALTY, APOLOGY, NO_CONTACT, ANGER_COURSE]
        }
        DisposalType::YouthConditionalCaution => &[VICTIM_COURSE, UNPAID_WORK, APOLOGY, SUPPORT, COMPENSATION],
        DisposalType::DiversionaryCaution => &[UNPAID_WORK, ALCOHOL_COURSE, COMPENSATION, APOLOGY],
        DisposalType::CommunityCaution => &[UNPAID_WORK, APOLOGY, ATTENDANCE, VICTIM_COURSE],
        DisposalType::YouthCaution | DisposalType::Outcome22Diversion => &[],
    }
}

pub(super) fn evidence_for(kind: K) -> &'static str {
    match kind {
        K::RehabCourse | K::RehabReferralSupport | K::Attendance => "Provider attendance report received",
        K::UnpaidWork => "Hours confirmed by the unpaid work supervisor",
        K::ReparationApologyLetter => "Letter checked by the OIC and passed to the victim",
        K::ReparationCompensation | K::FinancialPenalty => "Payment receipt seen",
        K::ReparationRepairDamage => "Photos of the repaired damage received",
        K::RestrictiveNoContact | K::AcceptableBehaviourContract => "Period ended with no reported breach",
        _ => "Confirmed by the officer in the case",
    }
}

pub(super) fn note_for(code: &str, answer: Answer) -> &'static str {
    match (code, answer) {
        ("SC_REF", Answer::NotApplicable) => "Self-referral; no crime report",
        ("SC_REF", _) => "Reference on the referral form",
        ("SC_PARTIES", _) => "Both named with phone numbers",
        ("SC_AGE", Answer::Unknown) => "Responsible party's date of birth missing",
        ("SU_ACCEPTS", Answer::No) => "Denies responsibility",
        ("SU_WILLING_HARMED", Answer::No) => "Harmed party does not wish to take part",
        ("SU_WILLING_RESP", Answer::No) => "Responsible party declined",
        ("SU_WILLING_RESP", Answer::Unknown) => "Not yet spoken to",
        ("RK_VIOLENCE", Answer::Unknown) => "Awaiting police intelligence check",
        (_, Answer::Yes) if code.starts_with("RK_") => "See risk narrative; mitigations agreed",
        _ => "",
    }
}
