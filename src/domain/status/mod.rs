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

    /// Whether this move ends the referral's sense-check: out of received or
    /// sense-check into work. Withdrawing, pausing or closing ends the
    /// referral without a sense-check, so it does not count.
    pub fn ends_sense_check(from: RjStatus, to: RjStatus) -> bool {
        use RjStatus::*;
        matches!(from, Received | SenseCheck) && !matches!(to, Received | SenseCheck | Withdrawn | Paused | Closed)
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
mod tests;
