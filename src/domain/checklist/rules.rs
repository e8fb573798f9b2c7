//! The rules over the answers: the overall risk rating, what the checklist
//! forces or asks a manager to see, checking a decision, and the decision
//! it points to.

use serde::{Deserialize, Serialize};

use super::answers::Answers;
use super::items::items_in;
use super::vocabulary::{Answer, ChecklistSection, Decision, RiskLevel, RiskSeverity};

pub(super) const SU_ACCEPTS: &str = "SU_ACCEPTS";
pub(super) const SU_WILLING_HARMED: &str = "SU_WILLING_HARMED";
pub(super) const SU_WILLING_RESP: &str = "SU_WILLING_RESP";
pub(super) const RK_DA: &str = "RK_DA";
pub(super) const RK_SEXUAL: &str = "RK_SEXUAL";
pub(super) const RK_HATE: &str = "RK_HATE";

/// Areas that make a case unsafe for a direct process when present at high
/// severity: each is a direct threat to a participant's physical or
/// psychological safety in the room (§9.2 "Safety"; §9.6 indirect methods when
/// face-to-face is unsafe).
pub(super) const UNSAFE_IF_HIGH: [&str; 3] = ["RK_VIOLENCE", "RK_REVICT", "RK_POWER"];

/// Areas that lift the rating to at least high whenever present, because
/// §9.6 sends them down a specialist route whatever the severity.
pub(super) const HIGH_IF_PRESENT: [&str; 2] = [RK_DA, RK_SEXUAL];

/// Areas where "unknown" (or no answer) keeps the rating at least medium: the
/// assessor has not ruled out the risks most likely to harm a participant.
pub(super) const MEDIUM_IF_UNKNOWN: [&str; 4] = [RK_DA, RK_SEXUAL, "RK_VIOLENCE", "RK_SAFEGUARD_CHILD"];

/// Sum of present severities at or above which the rating is high.
pub(super) const HIGH_SUM_THRESHOLD: u32 = 6;

/// Overall risk rating from the risk areas. [PROPOSAL] local default — DOMAIN.md
/// §12.4 names the four ratings but no published scoring was found, so this
/// one is deliberately simple, deterministic and explainable to a manager.
///
/// Each risk area is *present* only when answered yes. n/a is read as no, and
/// a missing answer as unknown. A present area with no severity recorded
/// counts as medium, so that forgetting the severity neither hides a risk nor
/// inflates it to the maximum. Rules, first match wins:
///
/// 1. **Unsafe** if RK_VIOLENCE, RK_REVICT or RK_POWER is present at high
///    severity. These threaten safety in the room itself (RJC principle
///    "Safety", §9.2), and §12.4 says unsafe forces not suitable or an
///    indirect-only method.
/// 2. **High** if any present area is high severity; or RK_DA or RK_SEXUAL is
///    present at any severity (§9.6: specialist policy route / specialist
///    tools); or the severities of present areas add up to 6 or more (low 1,
///    medium 2, high 3), so that several moderate risks together count as
///    one serious one (e.g. three mediums, or medium + medium + low + low).
/// 3. **Medium** if any area is present; or RK_DA, RK_SEXUAL, RK_VIOLENCE or
///    RK_SAFEGUARD_CHILD is unknown, because an assessment that has not ruled
///    these out cannot be rated low (§9.4: risk is assessed dynamically and
///    revisited).
/// 4. Otherwise **Low**.
///
/// The rating never goes down when an answer moves no → unknown → yes or a
/// severity goes up (tested by property).
pub fn overall_risk(answers: &Answers) -> RiskLevel {
    if UNSAFE_IF_HIGH.iter().any(|c| answers.present_severity(c) == Some(RiskSeverity::High)) {
        return RiskLevel::Unsafe;
    }

    let present: Vec<RiskSeverity> =
        items_in(ChecklistSection::Risk).filter_map(|i| answers.present_severity(i.code)).collect();
    let sum: u32 = present.iter().map(|s| s.weight()).sum();

    if present.contains(&RiskSeverity::High)
        || HIGH_IF_PRESENT.iter().any(|c| answers.is_present(c))
        || sum >= HIGH_SUM_THRESHOLD
    {
        return RiskLevel::High;
    }

    if !present.is_empty() || MEDIUM_IF_UNKNOWN.iter().any(|c| answers.answer(c) == Answer::Unknown) {
        return RiskLevel::Medium;
    }

    RiskLevel::Low
}

/// Case-level flags recorded at intake, independent of the risk answers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseFlags {
    pub domestic_abuse: bool,
    pub sexual: bool,
    pub hate_crime: bool,
}

/// What the checklist allows. Each reason is a sentence for a human that names
/// the item(s) behind it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Constraints {
    pub risk: RiskLevel,
    /// Non-empty → the case cannot be decided suitable.
    pub forced_not_suitable: Vec<String>,
    /// Non-empty → a suitable decision needs manager/supervisor sign-off.
    pub manager_review: Vec<String>,
    /// Suitability items answered no or unknown (or not answered), in
    /// checklist order: a suitable decision needs every one yes or n/a.
    pub suitability_open: Vec<&'static str>,
}

/// Present risk areas, e.g. `RK_MH (medium), RK_VENUE (low)`, to explain a rating.
fn present_summary(answers: &Answers) -> String {
    let parts: Vec<String> = items_in(ChecklistSection::Risk)
        .filter_map(|i| answers.present_severity(i.code).map(|s| format!("{} ({})", i.label, s.as_str())))
        .collect();
    if parts.is_empty() {
        "none present".to_string()
    } else {
        parts.join(", ")
    }
}

/// Apply the enforced rules (§12.4, §9.2, §9.4, §9.6) to the answers and the
/// case flags.
pub fn constraints(answers: &Answers, flags: &CaseFlags) -> Constraints {
    let risk = overall_risk(answers);
    let mut forced = Vec::new();
    let mut review = Vec::new();

    // §9.4 (Scottish Government guidance): no acknowledgement → the process
    // should not go ahead.
    if answers.answer(SU_ACCEPTS) == Answer::No {
        forced.push(format!("{SU_ACCEPTS}: responsible party does not acknowledge the harm (§9.4)"));
    }
    // §9.2 voluntarism: participation rests on informed, ongoing consent.
    if answers.answer(SU_WILLING_HARMED) == Answer::No {
        forced.push(format!("{SU_WILLING_HARMED}: harmed party is not willing to take part (voluntarism, §9.2)"));
    }
    if answers.answer(SU_WILLING_RESP) == Answer::No {
        forced.push(format!("{SU_WILLING_RESP}: responsible party is not willing to take part (voluntarism, §9.2)"));
    }
    // §12.4: unsafe forces NOT_SUITABLE or indirect-only. This module does not
    // model an indirect-only route yet, so unsafe is simply not suitable.
    if risk == RiskLevel::Unsafe {
        // Named by label: the reason is read by people.
        let codes: Vec<&str> = UNSAFE_IF_HIGH
            .iter()
            .copied()
            .filter(|c| answers.present_severity(c) == Some(RiskSeverity::High))
            .map(|c| super::item(c).map_or(c, |i| i.label))
            .collect();
        forced.push(format!(
            "unsafe risk: not suitable for a direct process ({} present at high severity)",
            codes.join(", ")
        ));
    }

    // §12.4: high requires supervisor sign-off. Unsafe is included so that, if
    // an indirect-only route is added later, it still needs sign-off.
    if risk >= RiskLevel::High {
        review.push(format!(
            "overall risk {}: supervisor sign-off required (§12.4; {})",
            risk.as_str(),
            present_summary(answers)
        ));
    }
    // §9.6: ACPO 2011 did not support RJ in DA; only case by case under force
    // DA policy, so a manager must route it.
    if answers.is_present(RK_DA) || flags.domestic_abuse {
        review.push(format!(
            "{RK_DA}: domestic abuse ({}): specialist DA policy route, manager review (§9.6)",
            source(answers.is_present(RK_DA), flags.domestic_abuse)
        ));
    }
    // §9.6: sexual offences need specialist initial and ongoing assessment.
    if answers.is_present(RK_SEXUAL) || flags.sexual {
        review.push(format!(
            "{RK_SEXUAL}: sexual offence / harmful sexual behaviour ({}): specialist assessment, manager review (§9.6)",
            source(answers.is_present(RK_SEXUAL), flags.sexual)
        ));
    }
    // §9.6 [P/U]: local hate-crime policies often require sign-off.
    if answers.is_present(RK_HATE) || flags.hate_crime {
        review.push(format!(
            "{RK_HATE}: hate crime ({}): manager review under local policy (§9.6, [P/U])",
            source(answers.is_present(RK_HATE), flags.hate_crime)
        ));
    }

    let suitability_open = items_in(ChecklistSection::Suitability)
        .filter(|i| matches!(answers.answer(i.code), Answer::No | Answer::Unknown))
        .map(|i| i.code)
        .collect();

    Constraints { risk, forced_not_suitable: forced, manager_review: review, suitability_open }
}

/// Where a specialist-route trigger came from, for the reason text.
fn source(present: bool, flagged: bool) -> &'static str {
    match (present, flagged) {
        (true, true) => "risk area present and case flagged at intake",
        (true, false) => "risk area present",
        _ => "case flagged at intake",
    }
}

/// Why a decision cannot be recorded. Display is one sentence.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecisionError {
    #[error("A rationale is required for every suitability decision.")]
    RationaleRequired,
    #[error("The case cannot be suitable: {}.", .0.join("; "))]
    ForcedNotSuitable(Vec<String>),
    #[error("A suitable decision needs manager sign-off: {}.", .0.join("; "))]
    ManagerReviewRequired(Vec<String>),
    #[error("Suitability items must be yes or n/a before a suitable decision: {} still no or unknown.", .0.join(", "))]
    SuitabilityIncomplete(Vec<&'static str>),
}

/// Check a decision against the constraints. Every failing rule is reported,
/// not just the first, so the coordinator sees the whole picture at once.
/// NotSuitable and ReferToManager are always allowed with a rationale: the
/// checklist may only stop a case going ahead, never force one to.
pub fn validate_decision(
    decision: Decision,
    rationale: &str,
    c: &Constraints,
    manager_signoff: bool,
) -> Result<(), Vec<DecisionError>> {
    let mut errors = Vec::new();
    if rationale.trim().is_empty() {
        errors.push(DecisionError::RationaleRequired);
    }
    if decision == Decision::Suitable {
        if !c.forced_not_suitable.is_empty() {
            errors.push(DecisionError::ForcedNotSuitable(c.forced_not_suitable.clone()));
        }
        if !c.manager_review.is_empty() && !manager_signoff {
            errors.push(DecisionError::ManagerReviewRequired(c.manager_review.clone()));
        }
        if !c.suitability_open.is_empty() {
            errors.push(DecisionError::SuitabilityIncomplete(c.suitability_open.clone()));
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// The decision the checklist points to; the coordinator still decides and
/// records a rationale. Hard stops first (forced, or any suitability item
/// answered no); then anything a manager must see (review reasons, or
/// suitability still unknown, which a manager can chase or decide); else
/// suitable. A suggested `Suitable` always passes [`validate_decision`]
/// without sign-off when `c` was built from the same answers.
pub fn suggested_decision(c: &Constraints, answers: &Answers) -> Decision {
    let any_su = |a: Answer| items_in(ChecklistSection::Suitability).any(|i| answers.answer(i.code) == a);
    if !c.forced_not_suitable.is_empty() || any_su(Answer::No) {
        Decision::NotSuitable
    } else if !c.manager_review.is_empty() || !c.suitability_open.is_empty() || any_su(Answer::Unknown) {
        Decision::ReferToManager
    } else {
        Decision::Suitable
    }
}
