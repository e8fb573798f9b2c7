//! The OOCD monitoring machine (DOMAIN.md §12.3): its statuses, the moves
//! each disposal type allows, the events that drive it, and the checks
//! before a disposal is issued.

use super::{breach_decisions_for, BreachDecision, DisposalType, TransitionError};
use crate::text_enum;

text_enum! {
    /// OOCD case status (`oocd_case.status`, §12.3).
    pub enum OocdStatus {
        Draft => ("draft", "Draft"),
        Issued => ("issued", "Issued"),
        Active => ("active", "Active"),
        AtRisk => ("at_risk", "At risk"),
        BreachSuspected => ("breach_suspected", "Breach suspected"),
        BreachReferred => ("breach_referred", "Breach referred"),
        Varied => ("varied", "Varied"),
        Prosecution => ("prosecution", "Prosecution"),
        Completed => ("completed", "Completed"),
        Closed => ("closed", "Closed"),
        Withdrawn => ("withdrawn", "Withdrawn"),
    }
}

impl OocdStatus {
    /// Nothing leaves these.
    pub fn is_terminal(self) -> bool {
        matches!(self, OocdStatus::Closed | OocdStatus::Withdrawn)
    }

    /// A live case on the desk: given (issued) and not yet closed or withdrawn.
    /// A draft has not been given to anyone, so it is not active.
    pub fn is_active(self) -> bool {
        !self.is_terminal() && self != OocdStatus::Draft
    }
}

/// The OOCD table (§12.3). One function so `oocd_next` and `oocd_transition`
/// cannot disagree.
fn oocd_allowed(d: DisposalType, from: OocdStatus, to: OocdStatus) -> bool {
    use OocdStatus::*;
    let breach = d.has_breach_workflow();
    let can_decide = |x: BreachDecision| breach_decisions_for(d).contains(&x);
    match (from, to) {
        (Draft, Issued | Withdrawn) => true,
        (Issued, Active | Withdrawn) => true,
        // AT_RISK is a warning state (open condition due soon, §12.3), so it can clear.
        (Active, AtRisk) | (AtRisk, Active) => true,
        (Active | AtRisk, Completed | Withdrawn) => true,
        (Active | AtRisk, BreachSuspected) => breach,
        // CR: non-completion is recorded and referred to the OIC, then the case
        // closes; there is no breach workflow to run (§5, §12.3).
        (Active | AtRisk, Closed) => d == DisposalType::CommunityResolution,
        // Suspicion is confirmed with the provider/OIC (§12.3) or cleared when
        // completion evidence turns up.
        (BreachSuspected, BreachReferred | Active) => breach,
        (BreachReferred, Varied) => can_decide(BreachDecision::VaryConditions),
        // Never for a community caution: no prosecution for the offence (§4.4).
        (BreachReferred, Prosecution) => can_decide(BreachDecision::ProsecuteOriginalOffence),
        // A community caution's penalty is its way to complete (§4.4).
        (BreachReferred, Completed) => {
            can_decide(BreachDecision::FinancialPenaltyImposed) || can_decide(BreachDecision::FineRegistered)
        }
        // No further action ends the case without its conditions done: it
        // closes with that outcome, never as completed (issue 13 §2).
        (BreachReferred, Closed) => can_decide(BreachDecision::NoFurtherAction),
        // Varied conditions run again with a new deadline (CJA 2003 s.24A(2)).
        (Varied, Active) => breach,
        (Prosecution, Closed) => can_decide(BreachDecision::ProsecuteOriginalOffence),
        (Completed, Closed) => true,
        _ => false,
    }
}

/// The statuses a case of this type may move to from `from`, in declaration
/// order, for the interface to offer.
pub fn oocd_next(disposal: DisposalType, from: OocdStatus) -> Vec<OocdStatus> {
    OocdStatus::ALL.iter().copied().filter(|&to| oocd_allowed(disposal, from, to)).collect()
}

/// Checks one move against the table; returns the new status.
pub fn oocd_transition(
    disposal: DisposalType,
    from: OocdStatus,
    to: OocdStatus,
) -> Result<OocdStatus, TransitionError> {
    if oocd_allowed(disposal, from, to) {
        Ok(to)
    } else {
        Err(TransitionError::Oocd { from, to })
    }
}

/// What happened to a case, as the user or the daily sweep reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OocdEvent {
    Issue,
    /// Start monitoring an issued case, or restart it after varied conditions.
    Activate,
    FlagAtRisk,
    ClearAtRisk,
    SuspectBreach,
    ReferBreach,
    DecideBreach(BreachDecision),
    /// Completion evidence found for a suspected breach.
    ClearSuspicion,
    Complete,
    Close,
    Withdraw,
}

impl OocdEvent {
    pub fn label(self) -> &'static str {
        match self {
            OocdEvent::Issue => "issue",
            OocdEvent::Activate => "activate",
            OocdEvent::FlagAtRisk => "flag at risk",
            OocdEvent::ClearAtRisk => "clear at risk",
            OocdEvent::SuspectBreach => "suspect breach",
            OocdEvent::ReferBreach => "refer breach",
            OocdEvent::DecideBreach(_) => "decide breach",
            OocdEvent::ClearSuspicion => "clear suspicion",
            OocdEvent::Complete => "complete",
            OocdEvent::Close => "close",
            OocdEvent::Withdraw => "withdraw",
        }
    }
}

/// Applies an event: works out its target, then checks it against the table.
/// Events that name one meaning (clearing a suspicion, restarting after
/// variation, deciding a breach) are also tied to their source status, so
/// e.g. `ClearSuspicion` cannot be used to leave `Varied`.
pub fn oocd_apply(disposal: DisposalType, from: OocdStatus, event: OocdEvent) -> Result<OocdStatus, TransitionError> {
    use OocdStatus::*;
    let not_here = || TransitionError::OocdEvent { from, event: event.label().to_string() };
    let to = match event {
        OocdEvent::Issue => Issued,
        OocdEvent::Activate if matches!(from, Issued | Varied) => Active,
        OocdEvent::Activate => return Err(not_here()),
        OocdEvent::FlagAtRisk => AtRisk,
        OocdEvent::ClearAtRisk if from == AtRisk => Active,
        OocdEvent::ClearAtRisk => return Err(not_here()),
        OocdEvent::SuspectBreach => BreachSuspected,
        OocdEvent::ReferBreach => BreachReferred,
        OocdEvent::ClearSuspicion if from == BreachSuspected => Active,
        OocdEvent::ClearSuspicion => return Err(not_here()),
        OocdEvent::DecideBreach(decision) => {
            if from != BreachReferred {
                return Err(not_here());
            }
            if !breach_decisions_for(disposal).contains(&decision) {
                return Err(TransitionError::BreachDecision { disposal, decision });
            }
            match decision.target() {
                Some(t) => t,
                None => return Err(TransitionError::BreachDecision { disposal, decision }),
            }
        }
        OocdEvent::Complete => Completed,
        OocdEvent::Close => Closed,
        OocdEvent::Withdraw => Withdrawn,
    };
    oocd_transition(disposal, from, to)
}

/// What is on file before a disposal may be marked issued (§12.3 ISSUED guard).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct IssueChecklist {
    pub admission_recorded: bool,
    pub consent_recorded: bool,
    pub signed_document: bool,
    /// Victim's views sought, or a recorded reason none could be obtained.
    pub victim_views_sought_or_reason: bool,
    /// The offender's age when the disposal is given, if known.
    pub youth_age: Option<u8>,
    pub appropriate_adult_recorded: bool,
    /// At least one condition on file (withdrawn ones aside).
    pub conditions_recorded: bool,
}

/// The missing item when a caution that takes conditions has none.
pub const NO_CONDITIONS: &str = "no condition recorded";

/// Whether a case of this type at `status` would stand without conditions:
/// a caution that takes them cannot be issued, or be anywhere issue leads,
/// with none (`NO_CONDITIONS`). Draft and withdrawn are reached without issue.
pub fn conditions_missing(disposal: DisposalType, status: OocdStatus, conditions_recorded: bool) -> bool {
    let issued = !matches!(status, OocdStatus::Draft | OocdStatus::Withdrawn);
    issued && disposal.needs_conditions_at_issue() && !conditions_recorded
}

/// Why a disposal cannot be issued, as one sentence from `can_issue`'s
/// missing items; conditions alone say what to do.
pub fn issue_refusal(disposal: DisposalType, missing: &[String]) -> String {
    if missing == [NO_CONDITIONS] {
        return "record at least one condition before issuing the conditional caution (leave the issue date blank until its conditions are added)".to_string();
    }
    format!("cannot issue the {}: {}", disposal.label(), missing.join("; "))
}

/// Whether a disposal may be issued; otherwise every missing item, in words.
pub fn can_issue(disposal: DisposalType, c: &IssueChecklist) -> Result<(), Vec<String>> {
    let mut missing = Vec::new();

    // An admission is required for every caution (CJA 2003 s.23, CDA 1998
    // ss.66B/66ZA, PCSC 2022 s.99) and "usually" for a CR (§5). Outcome 22
    // diversion does not depend on one (§7), so it is not demanded.
    if disposal != DisposalType::Outcome22Diversion && !c.admission_recorded {
        missing.push("admission not recorded".to_string());
    }

    if disposal.is_conditional_caution() {
        // The five statutory requirements plus the victim-views duty
        // (§2.1, §3, §4.2).
        if !c.consent_recorded {
            missing.push("consent to the caution not recorded".to_string());
        }
        if !c.signed_document {
            missing.push("signed caution document not recorded".to_string());
        }
        if !c.victim_views_sought_or_reason {
            missing.push("victim's views not sought (or no reason recorded why none could be obtained)".to_string());
        }
    }
    if conditions_missing(disposal, OocdStatus::Issued, c.conditions_recorded) {
        missing.push(NO_CONDITIONS.to_string());
    }

    match c.youth_age {
        None if disposal.is_youth() => missing.push("the child's age is not recorded".to_string()),
        None => {}
        Some(age) => {
            missing.extend(age_problem(disposal, age));
            // YCC: appropriate adult if 16 or under (CDA 1998 s.66B);
            // youth caution: if under 17 (s.66ZA). Same set of ages, two wordings.
            let needs_aa = match disposal {
                DisposalType::YouthConditionalCaution => age <= 16,
                DisposalType::YouthCaution => age < 17,
                _ => false,
            };
            if needs_aa && !c.appropriate_adult_recorded {
                missing.push(format!(
                    "appropriate adult not recorded (required for a {} aged {age})",
                    disposal.label().to_lowercase()
                ));
            }
        }
    }

    if missing.is_empty() {
        Ok(())
    } else {
        Err(missing)
    }
}

/// Whether someone of `age` on the day of the decision may be given this
/// disposal: youth disposals are for 10–17 year olds (§3); CJA 2003 s.22(1)
/// and PCSC 2022 s.98 are for 18 or over.
pub fn age_problem(disposal: DisposalType, age: u8) -> Option<String> {
    let kind = disposal.label().to_lowercase();
    if disposal.is_youth() && !(10..=17).contains(&age) {
        return Some(format!("a {kind} is only for ages 10–17 (age recorded: {age})"));
    }
    if disposal.is_adult_only() && age < 18 {
        return Some(format!("a {kind} is only for adults aged 18 or over (age recorded: {age})"));
    }
    None
}
