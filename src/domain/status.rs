//! Disposal types and the two case status machines: OOCD monitoring
//! (DOMAIN.md §12.3) and RJ / mediation referrals (DOMAIN.md §12.4).
//!
//! The machines are tables, not scattered `if`s, so the interface can offer
//! exactly the moves the law allows (`oocd_next`, `rj_next`) and the store
//! can refuse anything else (`oocd_transition`, `rj_transition`).

/// Declares an enum that is stored in the database as a snake_case string.
/// Gives `ALL`, `as_str`, `parse`, a human `label` and `Display` (the label),
/// and serialises through the stored string, so the column value, the JSON
/// value and the match arm can never drift apart.
macro_rules! str_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident => ($s:literal, $label:literal) ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        $vis enum $name {
            $( $(#[$vmeta])* #[serde(rename = $s)] $variant ),+
        }

        impl $name {
            /// Every value, in declaration order (for pickers and exhaustive tests).
            pub const ALL: &'static [Self] = &[ $( Self::$variant ),+ ];

            /// The value stored in the database.
            pub fn as_str(self) -> &'static str {
                match self { $( Self::$variant => $s ),+ }
            }

            /// The inverse of `as_str`; `None` for anything else.
            pub fn parse(s: &str) -> Option<Self> {
                match s { $( $s => Some(Self::$variant), )+ _ => None }
            }

            /// The words shown to the user.
            pub fn label(self) -> &'static str {
                match self { $( Self::$variant => $label ),+ }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.label())
            }
        }
    };
}
pub(crate) use str_enum;

str_enum! {
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
        )
    }

    /// Caution types whose issue needs the full set of statutory requirements:
    /// admission, consent, signed document, victim views (CJA 2003 s.23,
    /// CDA 1998 s.66B, PCSC 2022 ss.99–100; §2.1, §4.2).
    pub fn is_conditional_caution(self) -> bool {
        self.has_breach_workflow()
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

str_enum! {
    /// The legal regime of a disposal (`oocd_case.regime`, §12.2).
    pub enum Regime {
        Cja2003 => ("CJA2003", "Criminal Justice Act 2003"),
        Cda1998 => ("CDA1998", "Crime and Disorder Act 1998"),
        Pcsc2022 => ("PCSC2022", "Police, Crime, Sentencing and Courts Act 2022"),
        CommonLaw => ("COMMON_LAW", "Common law (non-statutory)"),
    }
}

str_enum! {
    /// How the offence is triable; financial caps depend on it
    /// (SI 2013/615, SI 2013/608; §2.3, §3).
    pub enum OffenceMode {
        SummaryOnly => ("summary", "Summary only"),
        EitherWay => ("either_way", "Either way"),
        IndictableOnly => ("indictable_only", "Indictable only"),
    }
}

str_enum! {
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
            // NFA and a community-caution penalty both end the breach; the case
            // then completes (§12.3: "NFA → COMPLETED").
            BreachDecision::NoFurtherAction
            | BreachDecision::FinancialPenaltyImposed
            | BreachDecision::FineRegistered => Some(OocdStatus::Completed),
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
        // No enforceable conditions, so nothing to decide (§5, §12.3).
        DisposalType::CommunityResolution | DisposalType::YouthCaution | DisposalType::Outcome22Diversion => &[],
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

// ===================================================================== OOCD

str_enum! {
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
        (BreachReferred, Completed) => {
            can_decide(BreachDecision::NoFurtherAction)
                || can_decide(BreachDecision::FinancialPenaltyImposed)
                || can_decide(BreachDecision::FineRegistered)
        }
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

    if disposal.is_youth() {
        match c.youth_age {
            None => missing.push("the child's age is not recorded".to_string()),
            Some(age) => {
                // Youth disposals are for 10–17 year olds (§3).
                if !(10..=17).contains(&age) {
                    missing.push(format!(
                        "a {} is only for ages 10–17 (age recorded: {age})",
                        disposal.label().to_lowercase()
                    ));
                }
                // YCC: appropriate adult if 16 or under (CDA 1998 s.66B);
                // youth caution: if under 17 (s.66ZA). Same set of ages, two wordings.
                let needs_aa = match disposal {
                    DisposalType::YouthConditionalCaution => age <= 16,
                    _ => age < 17,
                };
                if needs_aa && !c.appropriate_adult_recorded {
                    missing.push(format!(
                        "appropriate adult not recorded (required for a {} aged {age})",
                        disposal.label().to_lowercase()
                    ));
                }
            }
        }
    } else if disposal.is_adult_only() {
        // CJA 2003 s.22(1) and PCSC 2022 s.98: 18 or over only.
        if let Some(age) = c.youth_age.filter(|&a| a < 18) {
            missing.push(format!(
                "a {} is only for adults aged 18 or over (age recorded: {age})",
                disposal.label().to_lowercase()
            ));
        }
    }

    if missing.is_empty() {
        Ok(())
    } else {
        Err(missing)
    }
}

// ======================================================================= RJ

str_enum! {
    /// RJ / mediation referral status (`rj_referral.status`, §12.4).
    pub enum RjStatus {
        Received => ("received", "Received"),
        /// Completeness check. Leaving it for RiskAssessment needs every
        /// sense-check item answered yes / n/a (§12.4); that guard lives in the
        /// checklist module, not in this table.
        SenseCheck => ("sense_check", "Sense check"),
        AwaitingInfo => ("awaiting_info", "Awaiting information"),
        RiskAssessment => ("risk_assessment", "Risk assessment"),
        NotSuitable => ("not_suitable", "Not suitable"),
        Suitable => ("suitable", "Suitable"),
        Logged => ("logged", "Logged"),
        Transferred => ("transferred", "Transferred to coordinator"),
        ContactingParties => ("contacting_parties", "Contacting parties"),
        Preparation => ("preparation", "Preparation"),
        ProcessArranged => ("process_arranged", "Process arranged"),
        ProcessHeld => ("process_held", "Process held"),
        AgreementMonitoring => ("agreement_monitoring", "Agreement monitoring"),
        Closed => ("closed", "Closed"),
        Withdrawn => ("withdrawn", "Withdrawn"),
        /// E.g. pending court proceedings (§12.4); resumes where it stopped.
        Paused => ("paused", "Paused"),
    }
}

impl RjStatus {
    /// Nothing leaves these.
    pub fn is_terminal(self) -> bool {
        matches!(self, RjStatus::Closed | RjStatus::Withdrawn)
    }

    /// Work in progress: can be withdrawn or paused. Participation is voluntary
    /// with a right to withdraw at any point (RJC principles, §9.2), hence
    /// Withdrawn from every active state. NotSuitable only awaits closure and
    /// Paused is waiting, so neither is active.
    pub fn is_active(self) -> bool {
        !matches!(self, RjStatus::Closed | RjStatus::Withdrawn | RjStatus::NotSuitable | RjStatus::Paused)
    }
}

/// The forward RJ table (§12.4), without the Withdrawn/Paused moves that every
/// active state shares and without resuming from Paused.
fn rj_forward(from: RjStatus, to: RjStatus) -> bool {
    use RjStatus::*;
    matches!(
        (from, to),
        (Received, SenseCheck)
            | (SenseCheck, AwaitingInfo)
            | (AwaitingInfo, SenseCheck)
            | (SenseCheck, RiskAssessment)
            | (RiskAssessment, Suitable | NotSuitable)
            | (NotSuitable, Closed)
            | (Suitable, Logged)
            | (Logged, Transferred)
            | (Transferred, ContactingParties)
            | (ContactingParties, Preparation)
            | (Preparation, ProcessArranged)
            // Postponed: back to preparation (rj_process.status 'postponed').
            | (ProcessArranged, Preparation | ProcessHeld)
            // An outcome agreement only "where appropriate" (§9.4 H).
            | (ProcessHeld, AgreementMonitoring | Closed)
            | (AgreementMonitoring, Closed)
    )
}

fn rj_allowed(from: RjStatus, to: RjStatus, paused_from: Option<RjStatus>) -> bool {
    if from == RjStatus::Paused {
        // Resume only to where it stopped, which must itself be an active state.
        return to == RjStatus::Withdrawn || (Some(to) == paused_from && to.is_active());
    }
    rj_forward(from, to) || (from.is_active() && matches!(to, RjStatus::Withdrawn | RjStatus::Paused))
}

/// The statuses a referral may move to. `paused_from` is the status recorded
/// when it was paused; it only matters when `from` is `Paused`.
pub fn rj_next(from: RjStatus, paused_from: Option<RjStatus>) -> Vec<RjStatus> {
    RjStatus::ALL.iter().copied().filter(|&to| rj_allowed(from, to, paused_from)).collect()
}

/// Checks one move; returns the new status. The caller stores `from` as the
/// paused-from status when the target is `Paused`.
pub fn rj_transition(from: RjStatus, to: RjStatus, paused_from: Option<RjStatus>) -> Result<RjStatus, TransitionError> {
    if rj_allowed(from, to, paused_from) {
        return Ok(to);
    }
    if from == RjStatus::Paused && to.is_active() {
        Err(TransitionError::RjResume { paused_from, to })
    } else {
        Err(TransitionError::Rj { from, to })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use DisposalType as D;
    use OocdStatus as S;

    /// The allowed OOCD moves written out as data, independently of
    /// `oocd_allowed`: (disposals, from, to).
    fn oocd_table() -> Vec<(Vec<DisposalType>, OocdStatus, OocdStatus)> {
        let all = D::ALL.to_vec();
        let breach =
            vec![D::AdultConditionalCaution, D::YouthConditionalCaution, D::DiversionaryCaution, D::CommunityCaution];
        let prosecutable = vec![D::AdultConditionalCaution, D::YouthConditionalCaution, D::DiversionaryCaution];
        vec![
            (all.clone(), S::Draft, S::Issued),
            (all.clone(), S::Draft, S::Withdrawn),
            (all.clone(), S::Issued, S::Active),
            (all.clone(), S::Issued, S::Withdrawn),
            (all.clone(), S::Active, S::AtRisk),
            (all.clone(), S::AtRisk, S::Active),
            (breach.clone(), S::Active, S::BreachSuspected),
            (breach.clone(), S::AtRisk, S::BreachSuspected),
            (all.clone(), S::Active, S::Completed),
            (all.clone(), S::AtRisk, S::Completed),
            (all.clone(), S::Active, S::Withdrawn),
            (all.clone(), S::AtRisk, S::Withdrawn),
            (vec![D::CommunityResolution], S::Active, S::Closed),
            (vec![D::CommunityResolution], S::AtRisk, S::Closed),
            (breach.clone(), S::BreachSuspected, S::BreachReferred),
            (breach.clone(), S::BreachSuspected, S::Active),
            (breach.clone(), S::BreachReferred, S::Varied),
            (prosecutable.clone(), S::BreachReferred, S::Prosecution),
            (breach.clone(), S::BreachReferred, S::Completed),
            (breach.clone(), S::Varied, S::Active),
            (prosecutable, S::Prosecution, S::Closed),
            (all, S::Completed, S::Closed),
        ]
    }

    fn in_oocd_table(d: DisposalType, from: OocdStatus, to: OocdStatus) -> bool {
        oocd_table().iter().any(|(ds, f, t)| ds.contains(&d) && *f == from && *t == to)
    }

    #[test]
    fn every_listed_oocd_move_is_allowed() {
        for (ds, from, to) in oocd_table() {
            for d in ds {
                assert_eq!(oocd_transition(d, from, to), Ok(to), "{d:?} {from:?}->{to:?}");
            }
        }
    }

    #[test]
    fn nothing_outside_the_table_is_allowed_and_next_agrees() {
        for &d in D::ALL {
            for &from in S::ALL {
                let next = oocd_next(d, from);
                for &to in S::ALL {
                    let expected = in_oocd_table(d, from, to);
                    assert_eq!(oocd_transition(d, from, to).is_ok(), expected, "{d:?} {from:?}->{to:?}");
                    assert_eq!(next.contains(&to), expected);
                }
            }
        }
    }

    #[test]
    fn sample_forbidden_oocd_moves() {
        let forbidden = [
            (D::AdultConditionalCaution, S::Issued, S::Completed),
            (D::AdultConditionalCaution, S::Draft, S::Active),
            (D::AdultConditionalCaution, S::Active, S::Closed),
            (D::AdultConditionalCaution, S::BreachSuspected, S::Prosecution),
            (D::AdultConditionalCaution, S::Varied, S::Completed),
            (D::CommunityResolution, S::Active, S::BreachSuspected),
            (D::CommunityCaution, S::BreachReferred, S::Prosecution),
            (D::YouthCaution, S::AtRisk, S::BreachSuspected),
            (D::Outcome22Diversion, S::Active, S::Closed),
            (D::DiversionaryCaution, S::Closed, S::Active),
            (D::DiversionaryCaution, S::Withdrawn, S::Draft),
        ];
        for (d, from, to) in forbidden {
            assert_eq!(oocd_transition(d, from, to), Err(TransitionError::Oocd { from, to }));
        }
    }

    #[test]
    fn error_text_uses_labels() {
        let e = oocd_transition(D::AdultConditionalCaution, S::Issued, S::Completed).unwrap_err();
        assert_eq!(e.to_string(), "cannot move a case from Issued to Completed");
        let e = oocd_transition(D::AdultConditionalCaution, S::Active, S::BreachReferred).unwrap_err();
        assert_eq!(e.to_string(), "cannot move a case from Active to Breach referred");
        let e = rj_transition(RjStatus::Paused, RjStatus::Logged, Some(RjStatus::Preparation)).unwrap_err();
        assert_eq!(e.to_string(), "a paused referral can only resume to Preparation, not Logged");
    }

    #[test]
    fn stored_strings_round_trip() {
        fn check<T: Copy + PartialEq + std::fmt::Debug>(
            all: &[T],
            as_str: fn(T) -> &'static str,
            parse: fn(&str) -> Option<T>,
        ) {
            let mut seen = std::collections::HashSet::new();
            for &v in all {
                assert_eq!(parse(as_str(v)), Some(v));
                assert!(seen.insert(as_str(v)), "duplicate {}", as_str(v));
            }
            assert_eq!(parse("nonsense"), None);
        }
        check(D::ALL, D::as_str, D::parse);
        check(Regime::ALL, Regime::as_str, Regime::parse);
        check(OffenceMode::ALL, OffenceMode::as_str, OffenceMode::parse);
        check(BreachDecision::ALL, BreachDecision::as_str, BreachDecision::parse);
        check(S::ALL, S::as_str, S::parse);
        check(RjStatus::ALL, RjStatus::as_str, RjStatus::parse);
        assert_eq!(S::BreachSuspected.as_str(), "breach_suspected");
        assert_eq!(D::AdultConditionalCaution.as_str(), "adult_conditional_caution");
        assert_eq!(Regime::CommonLaw.as_str(), "COMMON_LAW");
        assert_eq!(OffenceMode::SummaryOnly.as_str(), "summary");
        assert_eq!(D::Outcome22Diversion.as_str(), "outcome22_diversion");
    }

    #[test]
    fn serde_uses_the_stored_string() {
        use serde::de::{value::Error, IntoDeserializer};
        use serde::Deserialize;
        for &s in S::ALL {
            let de: serde::de::value::StrDeserializer<Error> = s.as_str().into_deserializer();
            assert_eq!(OocdStatus::deserialize(de), Ok(s));
        }
        let de: serde::de::value::StrDeserializer<Error> = "COMMON_LAW".into_deserializer();
        assert_eq!(Regime::deserialize(de), Ok(Regime::CommonLaw));
    }

    #[test]
    fn regimes_and_breach_workflow() {
        assert_eq!(D::AdultConditionalCaution.regime(), Regime::Cja2003);
        assert_eq!(D::YouthConditionalCaution.regime(), Regime::Cda1998);
        assert_eq!(D::YouthCaution.regime(), Regime::Cda1998);
        assert_eq!(D::DiversionaryCaution.regime(), Regime::Pcsc2022);
        assert_eq!(D::CommunityCaution.regime(), Regime::Pcsc2022);
        assert_eq!(D::CommunityResolution.regime(), Regime::CommonLaw);
        assert_eq!(D::Outcome22Diversion.regime(), Regime::CommonLaw);
        assert!(!D::CommunityResolution.has_breach_workflow());
        assert!(!D::YouthCaution.has_breach_workflow());
        assert!(!D::Outcome22Diversion.has_breach_workflow());
        assert!(D::AdultConditionalCaution.has_breach_workflow());
        assert!(D::CommunityCaution.has_breach_workflow());
    }

    #[test]
    fn breach_decisions_by_disposal() {
        use BreachDecision::*;
        assert!(breach_decisions_for(D::CommunityResolution).is_empty());
        assert!(!breach_decisions_for(D::CommunityCaution).contains(&ProsecuteOriginalOffence));
        assert!(breach_decisions_for(D::CommunityCaution).contains(&FinancialPenaltyImposed));
        assert!(breach_decisions_for(D::CommunityCaution).contains(&FineRegistered));
        for d in [D::AdultConditionalCaution, D::YouthConditionalCaution, D::DiversionaryCaution] {
            assert_eq!(breach_decisions_for(d), &[ProsecuteOriginalOffence, VaryConditions, NoFurtherAction]);
        }
        for &d in D::ALL {
            assert!(!breach_decisions_for(d).contains(&Pending));
        }
    }

    #[test]
    fn events_walk_a_conditional_caution() {
        let d = D::AdultConditionalCaution;
        let mut s = S::Draft;
        for (ev, want) in [
            (OocdEvent::Issue, S::Issued),
            (OocdEvent::Activate, S::Active),
            (OocdEvent::FlagAtRisk, S::AtRisk),
            (OocdEvent::SuspectBreach, S::BreachSuspected),
            (OocdEvent::ReferBreach, S::BreachReferred),
            (OocdEvent::DecideBreach(BreachDecision::VaryConditions), S::Varied),
            (OocdEvent::Activate, S::Active),
            (OocdEvent::SuspectBreach, S::BreachSuspected),
            (OocdEvent::ClearSuspicion, S::Active),
            (OocdEvent::SuspectBreach, S::BreachSuspected),
            (OocdEvent::ReferBreach, S::BreachReferred),
            (OocdEvent::DecideBreach(BreachDecision::ProsecuteOriginalOffence), S::Prosecution),
            (OocdEvent::Close, S::Closed),
        ] {
            s = oocd_apply(d, s, ev).unwrap_or_else(|e| panic!("{ev:?}: {e}"));
            assert_eq!(s, want);
        }
    }

    #[test]
    fn event_refusals() {
        use BreachDecision::*;
        // Pending is never a decision.
        assert_eq!(
            oocd_apply(D::AdultConditionalCaution, S::BreachReferred, OocdEvent::DecideBreach(Pending)),
            Err(TransitionError::BreachDecision { disposal: D::AdultConditionalCaution, decision: Pending })
        );
        // Community caution cannot be prosecuted; the penalty completes it.
        assert!(oocd_apply(D::CommunityCaution, S::BreachReferred, OocdEvent::DecideBreach(ProsecuteOriginalOffence))
            .is_err());
        assert_eq!(
            oocd_apply(D::CommunityCaution, S::BreachReferred, OocdEvent::DecideBreach(FinancialPenaltyImposed)),
            Ok(S::Completed)
        );
        // Adult CC cannot take a community-caution decision.
        assert!(
            oocd_apply(D::AdultConditionalCaution, S::BreachReferred, OocdEvent::DecideBreach(FineRegistered)).is_err()
        );
        // Decisions only on a referred breach; ClearSuspicion only from suspicion.
        assert!(oocd_apply(D::AdultConditionalCaution, S::Active, OocdEvent::DecideBreach(NoFurtherAction)).is_err());
        assert!(oocd_apply(D::AdultConditionalCaution, S::Varied, OocdEvent::ClearSuspicion).is_err());
        // CR: non-completion closes directly; no breach.
        assert_eq!(oocd_apply(D::CommunityResolution, S::AtRisk, OocdEvent::Close), Ok(S::Closed));
        assert!(oocd_apply(D::CommunityResolution, S::Active, OocdEvent::SuspectBreach).is_err());
    }

    fn full() -> IssueChecklist {
        IssueChecklist {
            admission_recorded: true,
            consent_recorded: true,
            signed_document: true,
            victim_views_sought_or_reason: true,
            youth_age: None,
            appropriate_adult_recorded: false,
        }
    }

    #[test]
    fn issue_guard() {
        // CR needs only the admission.
        let cr = IssueChecklist { admission_recorded: true, ..Default::default() };
        assert_eq!(can_issue(D::CommunityResolution, &cr), Ok(()));
        let err = can_issue(D::CommunityResolution, &IssueChecklist::default()).unwrap_err();
        assert_eq!(err, vec!["admission not recorded".to_string()]);

        // Conditional cautions need all four.
        assert_eq!(can_issue(D::AdultConditionalCaution, &full()), Ok(()));
        let err = can_issue(D::AdultConditionalCaution, &IssueChecklist::default()).unwrap_err();
        assert_eq!(err.len(), 4);
        assert!(err.iter().any(|m| m.contains("consent")));
        assert!(err.iter().any(|m| m.contains("signed")));
        assert!(err.iter().any(|m| m.contains("victim")));

        // Adult-only disposal given to a 17-year-old.
        let young = IssueChecklist { youth_age: Some(17), ..full() };
        assert!(can_issue(D::CommunityCaution, &young).is_err());

        // YCC: appropriate adult at 16, not at 17 (CDA 1998 s.66B).
        let ycc16 = IssueChecklist { youth_age: Some(16), ..full() };
        let err = can_issue(D::YouthConditionalCaution, &ycc16).unwrap_err();
        assert!(err[0].contains("appropriate adult"), "{err:?}");
        let ycc17 = IssueChecklist { youth_age: Some(17), ..full() };
        assert_eq!(can_issue(D::YouthConditionalCaution, &ycc17), Ok(()));
        let ok16 = IssueChecklist { appropriate_adult_recorded: true, ..ycc16 };
        assert_eq!(can_issue(D::YouthConditionalCaution, &ok16), Ok(()));

        // Youth caution: under 17 needs an AA; admission only otherwise.
        let yc = IssueChecklist { admission_recorded: true, youth_age: Some(15), ..Default::default() };
        assert!(can_issue(D::YouthCaution, &yc).is_err());
        let yc17 = IssueChecklist { youth_age: Some(17), ..yc };
        assert_eq!(can_issue(D::YouthCaution, &yc17), Ok(()));
        // Youth disposal without an age.
        assert!(can_issue(D::YouthCaution, &IssueChecklist { youth_age: None, ..yc })
            .unwrap_err()
            .iter()
            .any(|m| m.contains("age")));
    }

    /// Every allowed RJ move, as data.
    fn rj_forward_table() -> Vec<(RjStatus, RjStatus)> {
        use RjStatus::*;
        vec![
            (Received, SenseCheck),
            (SenseCheck, AwaitingInfo),
            (AwaitingInfo, SenseCheck),
            (SenseCheck, RiskAssessment),
            (RiskAssessment, Suitable),
            (RiskAssessment, NotSuitable),
            (NotSuitable, Closed),
            (Suitable, Logged),
            (Logged, Transferred),
            (Transferred, ContactingParties),
            (ContactingParties, Preparation),
            (Preparation, ProcessArranged),
            (ProcessArranged, ProcessHeld),
            (ProcessArranged, Preparation),
            (ProcessHeld, AgreementMonitoring),
            (ProcessHeld, Closed),
            (AgreementMonitoring, Closed),
        ]
    }

    const RJ_ACTIVE: &[RjStatus] = &[
        RjStatus::Received,
        RjStatus::SenseCheck,
        RjStatus::AwaitingInfo,
        RjStatus::RiskAssessment,
        RjStatus::Suitable,
        RjStatus::Logged,
        RjStatus::Transferred,
        RjStatus::ContactingParties,
        RjStatus::Preparation,
        RjStatus::ProcessArranged,
        RjStatus::ProcessHeld,
        RjStatus::AgreementMonitoring,
    ];

    fn in_rj_table(from: RjStatus, to: RjStatus, paused_from: Option<RjStatus>) -> bool {
        if from == RjStatus::Paused {
            return to == RjStatus::Withdrawn || (Some(to) == paused_from && RJ_ACTIVE.contains(&to));
        }
        rj_forward_table().contains(&(from, to))
            || (RJ_ACTIVE.contains(&from) && matches!(to, RjStatus::Withdrawn | RjStatus::Paused))
    }

    #[test]
    fn rj_table_is_exact() {
        for &from in RjStatus::ALL {
            assert_eq!(from.is_active(), RJ_ACTIVE.contains(&from), "{from:?}");
            let paused_froms = std::iter::once(None).chain(RjStatus::ALL.iter().map(|&p| Some(p)));
            for pf in paused_froms {
                let next = rj_next(from, pf);
                for &to in RjStatus::ALL {
                    let want = in_rj_table(from, to, pf);
                    assert_eq!(rj_transition(from, to, pf).is_ok(), want, "{from:?}->{to:?} {pf:?}");
                    assert_eq!(next.contains(&to), want);
                }
            }
        }
        for (from, to) in rj_forward_table() {
            assert_eq!(rj_transition(from, to, None), Ok(to));
        }
    }

    #[test]
    fn rj_samples() {
        use RjStatus::*;
        assert!(rj_transition(Received, RiskAssessment, None).is_err());
        assert!(rj_transition(NotSuitable, Withdrawn, None).is_err());
        assert!(rj_transition(NotSuitable, Paused, None).is_err());
        assert!(rj_transition(Closed, Received, None).is_err());
        assert!(rj_transition(Paused, Paused, Some(Logged)).is_err());
        assert_eq!(rj_transition(Paused, Logged, Some(Logged)), Ok(Logged));
        assert!(rj_transition(Paused, Logged, None).is_err());
        assert_eq!(rj_transition(Paused, Withdrawn, None), Ok(Withdrawn));
        assert_eq!(rj_transition(Preparation, Paused, None), Ok(Paused));
        assert!(Closed.is_terminal() && Withdrawn.is_terminal() && !Paused.is_terminal());
        assert_eq!(
            rj_transition(Received, Closed, None).unwrap_err().to_string(),
            "cannot move a referral from Received to Closed"
        );
    }

    #[test]
    fn terminal_states_accept_nothing() {
        for &d in D::ALL {
            for from in [S::Closed, S::Withdrawn] {
                assert!(oocd_next(d, from).is_empty());
            }
        }
        for from in [RjStatus::Closed, RjStatus::Withdrawn] {
            for &pf in RjStatus::ALL {
                assert!(rj_next(from, Some(pf)).is_empty());
            }
        }
        assert!(S::Closed.is_terminal() && !S::Closed.is_active());
        assert!(!S::Draft.is_active() && S::Varied.is_active());
    }

    fn any_disposal() -> impl Strategy<Value = DisposalType> {
        prop::sample::select(D::ALL.to_vec())
    }

    fn any_event() -> impl Strategy<Value = OocdEvent> {
        prop_oneof![
            Just(OocdEvent::Issue),
            Just(OocdEvent::Activate),
            Just(OocdEvent::FlagAtRisk),
            Just(OocdEvent::ClearAtRisk),
            Just(OocdEvent::SuspectBreach),
            Just(OocdEvent::ReferBreach),
            prop::sample::select(BreachDecision::ALL.to_vec()).prop_map(OocdEvent::DecideBreach),
            Just(OocdEvent::ClearSuspicion),
            Just(OocdEvent::Complete),
            Just(OocdEvent::Close),
            Just(OocdEvent::Withdraw),
        ]
    }

    /// A step is either an event or a raw target status.
    #[derive(Debug, Clone)]
    enum Step {
        Event(OocdEvent),
        Target(OocdStatus),
    }

    fn any_step() -> impl Strategy<Value = Step> {
        prop_oneof![any_event().prop_map(Step::Event), prop::sample::select(S::ALL.to_vec()).prop_map(Step::Target),]
    }

    /// Walks a case from Draft and returns every status it reached.
    fn walk(d: DisposalType, steps: &[Step]) -> Vec<OocdStatus> {
        let mut s = S::Draft;
        let mut seen = vec![s];
        for step in steps {
            let r = match step {
                Step::Event(e) => oocd_apply(d, s, *e),
                Step::Target(t) => oocd_transition(d, s, *t),
            };
            if s.is_terminal() {
                assert!(r.is_err(), "terminal {s:?} accepted {step:?}");
            }
            if let Ok(to) = r {
                assert!(in_oocd_table(d, s, to), "{d:?} {s:?}->{to:?} via {step:?}");
                s = to;
                seen.push(s);
            }
        }
        seen
    }

    proptest! {
        #[test]
        fn oocd_walks_stay_in_the_table(d in any_disposal(), steps in prop::collection::vec(any_step(), 0..60)) {
            walk(d, &steps);
        }

        #[test]
        fn cr_never_enters_breach(steps in prop::collection::vec(any_step(), 0..60)) {
            let seen = walk(D::CommunityResolution, &steps);
            prop_assert!(!seen.iter().any(|s| matches!(s, S::BreachSuspected | S::BreachReferred | S::Prosecution)));
        }

        #[test]
        fn community_caution_never_prosecuted(steps in prop::collection::vec(any_step(), 0..60)) {
            let seen = walk(D::CommunityCaution, &steps);
            prop_assert!(!seen.contains(&S::Prosecution));
        }

        #[test]
        fn rj_walks_stay_in_the_table_and_resume_home(targets in prop::collection::vec(prop::sample::select(RjStatus::ALL.to_vec()), 0..80)) {
            let mut s = RjStatus::Received;
            let mut paused_from: Option<RjStatus> = None;
            for to in targets {
                let r = rj_transition(s, to, paused_from);
                if s.is_terminal() {
                    prop_assert!(r.is_err());
                }
                if let Ok(next) = r {
                    prop_assert!(in_rj_table(s, next, paused_from));
                    if s == RjStatus::Paused && next != RjStatus::Withdrawn {
                        prop_assert_eq!(Some(next), paused_from);
                    }
                    paused_from = if next == RjStatus::Paused { Some(s) } else { None };
                    s = next;
                }
            }
        }
    }
}
