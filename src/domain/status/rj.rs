//! The RJ / mediation referral machine (DOMAIN.md §12.4): its statuses and
//! the moves between them, pausing and resuming included.

use super::TransitionError;
use crate::text_enum;

text_enum! {
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

    /// Whether a referral here has been handed to a coordinator: Transferred
    /// and every live status after it. A case said to be here must name
    /// whose it is (an import of a case mid-flight included).
    pub fn is_with_coordinator(self) -> bool {
        use RjStatus::*;
        matches!(
            self,
            Transferred | ContactingParties | Preparation | ProcessArranged | ProcessHeld | AgreementMonitoring
        )
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
