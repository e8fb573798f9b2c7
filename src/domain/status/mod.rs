//! Disposal types and the two case status machines: OOCD monitoring
//! (DOMAIN.md §12.3) and RJ / mediation referrals (DOMAIN.md §12.4).
//!
//! The machines are tables, not scattered `if`s, so the interface can offer
//! exactly the moves the law allows (`oocd_next`, `rj_next`) and the store
//! can refuse anything else (`oocd_transition`, `rj_transition`).
//!
//! This file holds the shared vocabulary (disposal types, breach decisions,
//! refusals); `oocd.rs` and `rj.rs` hold the two machines, and
//! `finalise.rs` the moves that follow from what was recorded (issuing,
//! advancing a referral, finalising with its Home Office outcome).

mod finalise;
mod oocd;
mod rj;

pub use finalise::{
    check_held_on, finalise_path, outcome_for, ready_without_conditions, rj_advance, statuses_on_issue, HoOutcome,
    FINALISABLE,
};
pub use oocd::{
    age_problem, can_issue, conditions_missing, issue_refusal, oocd_apply, oocd_next, oocd_transition, IssueChecklist,
    OocdEvent, OocdStatus, NO_CONDITIONS,
};
pub use rj::{rj_next, rj_transition, RjStatus};

use crate::text_enum;

text_enum! {
    /// The kind of out-of-court disposal (DOMAIN.md §1, `oocd_case.disposal_type`).
    pub enum DisposalType {
        /// Non-statutory, common-law discretion (§5).
        CommunityResolution => ("community_resolution", "Community resolution"),
        /// CJA 2003 Part 3, ss.22–27 (§2).
        AdultConditionalCaution => ("adult_conditional_caution", "Adult conditional caution"),
        /// CDA 1998 ss.66A–66H (§3).
        YouthConditionalCaution => ("youth_conditional_caution", "Youth conditional caution"),
        /// CDA 1998 s.66ZA: a caution with no conditions (§3).
        YouthCaution => ("youth_caution", "Youth caution"),
        /// PCSC Act 2022 Part 6 upper tier, prospective (§4.3).
        DiversionaryCaution => ("diversionary_caution", "Diversionary caution"),
        /// PCSC Act 2022 Part 6 lower tier, prospective (§4.4).
        CommunityCaution => ("community_caution", "Community caution"),
        /// Home Office outcome 22: diversionary/educational activity (§7).
        Outcome22Diversion => ("outcome22_diversion", "Outcome 22 diversion"),
    }
}

impl DisposalType {
    /// The legal regime, kept separate from the type so caps and deadlines can
    /// come from a per-regime rule table (§1 design consequence, §4.6).
    pub fn regime(self) -> Regime {
        match self {
            DisposalType::AdultConditionalCaution => Regime::Cja2003,
            DisposalType::YouthConditionalCaution | DisposalType::YouthCaution => Regime::Cda1998,
            DisposalType::DiversionaryCaution | DisposalType::CommunityCaution => Regime::Pcsc2022,
            // CR rests on officers' common-law discretion (§5); outcome 22 is a
            // counting-rules outcome for police-led diversion, not a statutory caution (§7).
            DisposalType::CommunityResolution | DisposalType::Outcome22Diversion => Regime::CommonLaw,
        }
    }

    /// Whether non-compliance runs through breach suspected → referred → decision.
    /// Only the statutory conditional disposals have enforceable conditions:
    /// CJA 2003 s.24, CDA 1998 s.66E, PCSC 2022 ss.106/§4.4. A CR has agreed
    /// actions, not conditions, "not enforceable by police" (§5, §12.3: non-completion
    /// is recorded and referred to the OIC). A youth caution carries no conditions
    /// (s.66ZA), and outcome 22 activity is voluntary diversion.
    pub fn has_breach_workflow(self) -> bool {
        matches!(
            self,
            DisposalType::AdultConditionalCaution
                | DisposalType::YouthConditionalCaution
                | DisposalType::DiversionaryCaution
                | DisposalType::CommunityCaution
                // Deferred prosecution: activity not done means the
                // prosecution deferred goes ahead (§7, Outcome 22).
                | DisposalType::Outcome22Diversion
        )
    }

    /// Caution types whose issue needs the full set of statutory requirements:
    /// admission, consent, signed document, victim views (CJA 2003 s.23,
    /// CDA 1998 s.66B, PCSC 2022 ss.99–100; §2.1, §4.2).
    pub fn is_conditional_caution(self) -> bool {
        self.has_breach_workflow()
    }

    /// Cautions whose conditions are in the signed document the offender
    /// agrees at issue (CJA 2003 s.23, CDA 1998 s.66B, PCSC 2022 ss.98, 109):
    /// one cannot be issued with none. Outcome 22 is no caution, and its
    /// activity is voluntary diversion (§7).
    pub fn needs_conditions_at_issue(self) -> bool {
        self.is_conditional_caution() && self != DisposalType::Outcome22Diversion
    }

    /// Disposals for children aged 10–17 (§3).
    pub fn is_youth(self) -> bool {
        matches!(self, DisposalType::YouthConditionalCaution | DisposalType::YouthCaution)
    }

    /// Disposals that exist only for adults: CJA 2003 s.22(1) (18 or over) and
    /// PCSC 2022 Part 6 (18+, s.98(2)–(3)).
    pub fn is_adult_only(self) -> bool {
        matches!(
            self,
            DisposalType::AdultConditionalCaution | DisposalType::DiversionaryCaution | DisposalType::CommunityCaution
        )
    }
}

text_enum! {
    /// The legal regime of a disposal (`oocd_case.regime`, §12.2).
    pub enum Regime {
        Cja2003 => ("CJA2003", "Criminal Justice Act 2003"),
        Cda1998 => ("CDA1998", "Crime and Disorder Act 1998"),
        Pcsc2022 => ("PCSC2022", "Police, Crime, Sentencing and Courts Act 2022"),
        CommonLaw => ("COMMON_LAW", "Common law (non-statutory)"),
    }
}

text_enum! {
    /// How the offence is triable; financial caps depend on it
    /// (SI 2013/615, SI 2013/608; §2.3, §3).
    pub enum OffenceMode {
        SummaryOnly => ("summary", "Summary only"),
        EitherWay => ("either_way", "Either way"),
        IndictableOnly => ("indictable_only", "Indictable only"),
    }
}

text_enum! {
    /// The decision on a referred breach (`breach.decision`, §12.2).
    pub enum BreachDecision {
        /// Stored while the decision maker has not yet decided; never a decision itself.
        Pending => ("pending", "Pending"),
        /// CJA 2003 s.24 / CDA 1998 s.66E / PCSC 2022: prosecution for the original offence.
        ProsecuteOriginalOffence => ("prosecute_original_offence", "Prosecute original offence"),
        /// CJA 2003 s.24A(2): released "with or without variation of the conditions".
        VaryConditions => ("vary_conditions", "Vary conditions"),
        /// Reasonable excuse accepted (s.24 applies only "without reasonable excuse").
        NoFurtherAction => ("no_further_action", "No further action"),
        /// Community caution: a financial penalty for non-compliance (§4.4).
        FinancialPenaltyImposed => ("financial_penalty_imposed", "Financial penalty imposed"),
        /// Community caution: the unpaid penalty registered as a court fine (§4.4).
        FineRegistered => ("fine_registered", "Fine registered"),
    }
}

impl BreachDecision {
    /// The case status a decision leads to; `None` for `Pending`.
    pub fn target(self) -> Option<OocdStatus> {
        match self {
            BreachDecision::Pending => None,
            BreachDecision::ProsecuteOriginalOffence => Some(OocdStatus::Prosecution),
            BreachDecision::VaryConditions => Some(OocdStatus::Varied),
            // §12.3 has "NFA → COMPLETED"; but conditions not done are not
            // completed, so NFA closes the case with that outcome (issue 13
            // §2). A community caution's penalty does complete it (§4.4).
            BreachDecision::NoFurtherAction => Some(OocdStatus::Closed),
            BreachDecision::FinancialPenaltyImposed | BreachDecision::FineRegistered => Some(OocdStatus::Completed),
        }
    }
}

/// The decisions open to the decision maker on a referred breach.
/// `Pending` is never included: it is the stored state before a decision.
pub fn breach_decisions_for(disposal: DisposalType) -> &'static [BreachDecision] {
    use BreachDecision::*;
    match disposal {
        // Prosecution for the original offence, arrest and variation: CJA 2003
        // ss.24, 24A (§2.5); CDA 1998 s.66E (§3); PCSC 2022 s.106 (§4.3).
        DisposalType::AdultConditionalCaution
        | DisposalType::YouthConditionalCaution
        | DisposalType::DiversionaryCaution => &[ProsecuteOriginalOffence, VaryConditions, NoFurtherAction],
        // Community caution: a financial penalty, registrable as a fine if
        // unpaid, and no prosecution for the original offence (§4.4, §12.3).
        DisposalType::CommunityCaution => &[FinancialPenaltyImposed, FineRegistered, VaryConditions, NoFurtherAction],
        // Outcome 22 diversion defers the prosecution: if the activity is not
        // done, the decision maker prosecutes or lets it go (§7).
        DisposalType::Outcome22Diversion => &[ProsecuteOriginalOffence, NoFurtherAction],
        // No enforceable conditions, so nothing to decide (§5, §12.3).
        DisposalType::CommunityResolution | DisposalType::YouthCaution => &[],
    }
}

/// A move the machine refuses. The text is shown to the user as is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TransitionError {
    #[error("cannot move a case from {from} to {to}")]
    Oocd { from: OocdStatus, to: OocdStatus },
    #[error("cannot apply '{event}' to a case that is {from}")]
    OocdEvent { from: OocdStatus, event: String },
    #[error("'{decision}' is not a breach decision open for a {disposal}")]
    BreachDecision { disposal: DisposalType, decision: BreachDecision },
    #[error("cannot move a referral from {from} to {to}")]
    Rj { from: RjStatus, to: RjStatus },
    #[error("a paused referral can only resume to {}, not {to}", paused_from_label(*.paused_from))]
    RjResume { paused_from: Option<RjStatus>, to: RjStatus },
}

fn paused_from_label(s: Option<RjStatus>) -> &'static str {
    s.map_or("the status it was paused from (not recorded)", |s| s.label())
}

#[cfg(test)]
mod tests;
