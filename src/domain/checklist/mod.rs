//! The RJ / mediation suitability and risk checklist (DOMAIN.md §12.4).
//!
//! Three sections: the sense-check (is the referral complete enough to work on?),
//! the suitability items (can a restorative process go ahead at all?) and the
//! fifteen risk areas (how risky is it, and who must sign it off?). The item
//! list, the scoring and the decision rules are a [PROPOSAL] local default built
//! on the sources summarised in DOMAIN.md §9.2, §9.4–9.6: they are not legal
//! requirements, and the office may tune them.
//!
//! Pure functions over plain types: no I/O, and no panics on any input.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

mod items;

pub use items::{item, items_in, ChecklistItem, ITEMS};

/// Which part of the checklist an item belongs to (DOMAIN.md §12.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChecklistSection {
    /// Completeness of the referral; gates leaving `SENSE_CHECK`.
    SenseCheck,
    /// Threshold questions for any restorative process (§9.4, §9.5).
    Suitability,
    /// Risk areas, each present yes/no/unknown with a severity (§9.4: dynamic,
    /// revisited at every stage).
    Risk,
}

impl ChecklistSection {
    pub const ALL: [ChecklistSection; 3] =
        [ChecklistSection::SenseCheck, ChecklistSection::Suitability, ChecklistSection::Risk];

    pub fn as_str(self) -> &'static str {
        match self {
            ChecklistSection::SenseCheck => "sense_check",
            ChecklistSection::Suitability => "suitability",
            ChecklistSection::Risk => "risk",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "sense_check" => Some(ChecklistSection::SenseCheck),
            "suitability" => Some(ChecklistSection::Suitability),
            "risk" => Some(ChecklistSection::Risk),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ChecklistSection::SenseCheck => "Sense-check",
            ChecklistSection::Suitability => "Suitability",
            ChecklistSection::Risk => "Risk assessment",
        }
    }
}

/// An answer to one item. Risk items use yes/no/unknown only; n/a on a risk
/// item is read as "no" (the area does not arise).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Answer {
    #[serde(rename = "yes")]
    Yes,
    #[serde(rename = "no")]
    No,
    #[serde(rename = "unknown")]
    Unknown,
    #[serde(rename = "n/a")]
    NotApplicable,
}

impl Answer {
    pub const ALL: [Answer; 4] = [Answer::Yes, Answer::No, Answer::Unknown, Answer::NotApplicable];

    pub fn as_str(self) -> &'static str {
        match self {
            Answer::Yes => "yes",
            Answer::No => "no",
            Answer::Unknown => "unknown",
            Answer::NotApplicable => "n/a",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "yes" => Some(Answer::Yes),
            "no" => Some(Answer::No),
            "unknown" => Some(Answer::Unknown),
            "n/a" => Some(Answer::NotApplicable),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Answer::Yes => "Yes",
            Answer::No => "No",
            Answer::Unknown => "Unknown",
            Answer::NotApplicable => "N/A",
        }
    }

    /// The next answer for a one-key UI toggle: yes → no → unknown → n/a → yes.
    pub fn next(self) -> Self {
        match self {
            Answer::Yes => Answer::No,
            Answer::No => Answer::Unknown,
            Answer::Unknown => Answer::NotApplicable,
            Answer::NotApplicable => Answer::Yes,
        }
    }

    /// Like [`Answer::next`], but skips n/a for risk items, which §12.4 records
    /// as yes/no/unknown only.
    pub fn next_for(self, section: ChecklistSection) -> Self {
        let n = self.next();
        if section == ChecklistSection::Risk && n == Answer::NotApplicable {
            n.next()
        } else {
            n
        }
    }
}

impl fmt::Display for Answer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Severity of a risk area that is present (§12.4 "severity").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RiskSeverity {
    Low,
    Medium,
    High,
}

impl RiskSeverity {
    pub const ALL: [RiskSeverity; 3] = [RiskSeverity::Low, RiskSeverity::Medium, RiskSeverity::High];

    pub fn as_str(self) -> &'static str {
        match self {
            RiskSeverity::Low => "low",
            RiskSeverity::Medium => "medium",
            RiskSeverity::High => "high",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "low" => Some(RiskSeverity::Low),
            "medium" => Some(RiskSeverity::Medium),
            "high" => Some(RiskSeverity::High),
            _ => None,
        }
    }

    /// Points used by [`overall_risk`]: low 1, medium 2, high 3.
    pub fn weight(self) -> u32 {
        match self {
            RiskSeverity::Low => 1,
            RiskSeverity::Medium => 2,
            RiskSeverity::High => 3,
        }
    }
}

impl fmt::Display for RiskSeverity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Overall risk rating (§12.4: `low|medium|high|unsafe`). Ordered, so
/// `Low < Medium < High < Unsafe`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RiskLevel {
    Low,
    Medium,
    High,
    Unsafe,
}

impl RiskLevel {
    pub const ALL: [RiskLevel; 4] = [RiskLevel::Low, RiskLevel::Medium, RiskLevel::High, RiskLevel::Unsafe];

    pub fn as_str(self) -> &'static str {
        match self {
            RiskLevel::Low => "low",
            RiskLevel::Medium => "medium",
            RiskLevel::High => "high",
            RiskLevel::Unsafe => "unsafe",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "low" => Some(RiskLevel::Low),
            "medium" => Some(RiskLevel::Medium),
            "high" => Some(RiskLevel::High),
            "unsafe" => Some(RiskLevel::Unsafe),
            _ => None,
        }
    }
}

impl fmt::Display for RiskLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The outcome of the suitability assessment (§12.4: RISK_ASSESSMENT →
/// NOT_SUITABLE | SUITABLE, or up to a manager).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    Suitable,
    NotSuitable,
    ReferToManager,
}

impl Decision {
    pub const ALL: [Decision; 3] = [Decision::Suitable, Decision::NotSuitable, Decision::ReferToManager];

    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Suitable => "suitable",
            Decision::NotSuitable => "not_suitable",
            Decision::ReferToManager => "refer_to_manager",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "suitable" => Some(Decision::Suitable),
            "not_suitable" => Some(Decision::NotSuitable),
            "refer_to_manager" => Some(Decision::ReferToManager),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Decision::Suitable => "Suitable",
            Decision::NotSuitable => "Not suitable",
            Decision::ReferToManager => "Refer to manager",
        }
    }
}

impl fmt::Display for Decision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One recorded answer. `severity` only means something for a risk item
/// answered yes; elsewhere it is kept but ignored. `note` is an *assessment*
/// in the §12.1(5) sense, not a fact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerEntry {
    pub answer: Answer,
    #[serde(default)]
    pub severity: Option<RiskSeverity>,
    #[serde(default)]
    pub note: String,
}

impl AnswerEntry {
    pub fn new(answer: Answer) -> Self {
        AnswerEntry { answer, severity: None, note: String::new() }
    }

    pub fn with_severity(mut self, severity: RiskSeverity) -> Self {
        self.severity = Some(severity);
        self
    }

    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.note = note.into();
        self
    }
}

/// `set` was given a code that is not in [`ITEMS`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{0}' is not a checklist item code.")]
pub struct UnknownItem(pub String);

/// The answers recorded for one case, keyed by item code. A BTreeMap so that
/// serialised answers (and the audit log entries built from them) are stable.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Answers {
    by_code: BTreeMap<String, AnswerEntry>,
}

impl Answers {
    pub fn new() -> Self {
        Answers::default()
    }

    /// Record an answer. Unknown codes are refused so that a typo cannot
    /// silently leave a real item unanswered. (Deserialised data is taken as
    /// is; entries for codes not in [`ITEMS`] are ignored by every rule here.)
    pub fn set(&mut self, code: &str, entry: AnswerEntry) -> Result<(), UnknownItem> {
        match item(code) {
            Some(i) => {
                self.by_code.insert(i.code.to_string(), entry);
                Ok(())
            }
            None => Err(UnknownItem(code.to_string())),
        }
    }

    pub fn get(&self, code: &str) -> Option<&AnswerEntry> {
        self.by_code.get(code)
    }

    /// The answer to an item; a missing answer is `Unknown`, because nothing
    /// recorded is not evidence that a risk is absent.
    pub fn answer(&self, code: &str) -> Answer {
        self.get(code).map_or(Answer::Unknown, |e| e.answer)
    }

    pub fn remove(&mut self, code: &str) -> Option<AnswerEntry> {
        self.by_code.remove(code)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &AnswerEntry)> {
        self.by_code.iter().map(|(k, v)| (k.as_str(), v))
    }

    pub fn len(&self) -> usize {
        self.by_code.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_code.is_empty()
    }

    /// Severity of a risk area counted as present (answered yes); `None` if the
    /// area is not present. Present with no severity recorded counts as medium
    /// (see [`overall_risk`]).
    pub fn present_severity(&self, code: &str) -> Option<RiskSeverity> {
        match self.get(code) {
            Some(e) if e.answer == Answer::Yes => Some(e.severity.unwrap_or(RiskSeverity::Medium)),
            _ => None,
        }
    }

    fn is_present(&self, code: &str) -> bool {
        self.answer(code) == Answer::Yes
    }
}

/// The sense-check gate (§12.4): every SC item must be yes or n/a before the
/// case may leave SENSE_CHECK. The error lists the codes still outstanding, in
/// checklist order.
pub fn sense_check_complete(answers: &Answers) -> Result<(), Vec<&'static str>> {
    let outstanding: Vec<&'static str> = items_in(ChecklistSection::SenseCheck)
        .filter(|i| !matches!(answers.answer(i.code), Answer::Yes | Answer::NotApplicable))
        .map(|i| i.code)
        .collect();
    if outstanding.is_empty() {
        Ok(())
    } else {
        Err(outstanding)
    }
}

const SU_ACCEPTS: &str = "SU_ACCEPTS";
const SU_WILLING_HARMED: &str = "SU_WILLING_HARMED";
const SU_WILLING_RESP: &str = "SU_WILLING_RESP";
const RK_DA: &str = "RK_DA";
const RK_SEXUAL: &str = "RK_SEXUAL";
const RK_HATE: &str = "RK_HATE";

/// Areas that make a case unsafe for a direct process when present at high
/// severity: each is a direct threat to a participant's physical or
/// psychological safety in the room (§9.2 "Safety"; §9.6 indirect methods when
/// face-to-face is unsafe).
const UNSAFE_IF_HIGH: [&str; 3] = ["RK_VIOLENCE", "RK_REVICT", "RK_POWER"];

/// Areas that lift the rating to at least high whenever present, because
/// §9.6 sends them down a specialist route whatever the severity.
const HIGH_IF_PRESENT: [&str; 2] = [RK_DA, RK_SEXUAL];

/// Areas where "unknown" (or no answer) keeps the rating at least medium: the
/// assessor has not ruled out the risks most likely to harm a participant.
const MEDIUM_IF_UNKNOWN: [&str; 4] = [RK_DA, RK_SEXUAL, "RK_VIOLENCE", "RK_SAFEGUARD_CHILD"];

/// Sum of present severities at or above which the rating is high.
const HIGH_SUM_THRESHOLD: u32 = 6;

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
        .filter_map(|i| answers.present_severity(i.code).map(|s| format!("{} ({})", i.code, s.as_str())))
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
        let codes: Vec<&str> = UNSAFE_IF_HIGH
            .iter()
            .copied()
            .filter(|c| answers.present_severity(c) == Some(RiskSeverity::High))
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

#[cfg(test)]
mod tests;
