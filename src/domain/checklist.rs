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

/// One checklist question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ChecklistItem {
    /// Stable code stored in the database (e.g. `SU_ACCEPTS`).
    pub code: &'static str,
    pub section: ChecklistSection,
    /// Short label for the checklist pane (kept to 45 columns or fewer).
    pub label: &'static str,
    /// One-line help text shown under the focused item.
    pub help: &'static str,
    /// Answers and notes are likely *sensitive processing* (health data,
    /// DPA 2018 s.35; DOMAIN.md §10.2), so the UI and exports treat them with care.
    pub sensitive: bool,
}

const fn sc(code: &'static str, label: &'static str, help: &'static str) -> ChecklistItem {
    ChecklistItem { code, section: ChecklistSection::SenseCheck, label, help, sensitive: false }
}

const fn su(code: &'static str, label: &'static str, help: &'static str) -> ChecklistItem {
    ChecklistItem { code, section: ChecklistSection::Suitability, label, help, sensitive: false }
}

const fn rk(code: &'static str, label: &'static str, help: &'static str, sensitive: bool) -> ChecklistItem {
    ChecklistItem { code, section: ChecklistSection::Risk, label, help, sensitive }
}

/// Every checklist item, in display order: 8 sense-check, 8 suitability and
/// 16 risk codes, as listed in DOMAIN.md §12.4. (§12.4 counts 15 risk areas;
/// safeguarding is one area with separate child and adult codes.)
pub const ITEMS: &[ChecklistItem] = &[
    // Sense-check (§12.4): all must be yes or n/a to leave SENSE_CHECK.
    sc(
        "SC_REF",
        "Crime/incident or ASB reference present",
        "Crime/incident reference or ASB log number present (n/a for a self-referral with no report).",
    ),
    sc(
        "SC_PARTIES",
        "Harmed and responsible parties identified",
        "Harmed and responsible parties identified, each with a contact route.",
    ),
    sc("SC_STAGE", "CJS stage known", "Criminal justice stage known; for pre-sentence cases the court/OIC is aware."),
    sc(
        "SC_CONSENT_SHARE",
        "Referral made with consent to share",
        "Referral made with the party's knowledge/consent to share their details.",
    ),
    sc("SC_OFFENCE", "Offence/issue described, date known", "Offence or issue described and its date known."),
    sc(
        "SC_AGE",
        "Ages of the parties known",
        "Ages known; an under-18 party means YOT involvement (Victims' Code YOT route, §9.8).",
    ),
    sc("SC_NO_CONFLICT", "No conflict of interest", "No conflict of interest for the service or the coordinator."),
    sc(
        "SC_DUPLICATE",
        "Not already open here or on partner system",
        "Not already open on this or a partner system (myRJ / FIRsT / E-CINS).",
    ),
    // Suitability (§12.4, from §9.4 and §9.5).
    su(
        "SU_ACCEPTS",
        "Responsible party acknowledges the harm",
        "Responsible party acknowledges causing the harm; no acknowledgement means not suitable (§9.4).",
    ),
    su(
        "SU_WILLING_HARMED",
        "Harmed party informed and willing",
        "Harmed party informed and willing, and knows they can withdraw at any point (§9.2).",
    ),
    su(
        "SU_WILLING_RESP",
        "Responsible party willing, genuine motive",
        "Responsible party willing; motivation is not solely self-interest (e.g. hoping for leniency).",
    ),
    su(
        "SU_CAPACITY",
        "Capacity to take part; needs identified",
        "Both have capacity to take part; communication/learning needs and any interpreter identified.",
    ),
    su(
        "SU_PROCEEDINGS",
        "No live proceedings RJ could prejudice",
        "No live investigation/trial RJ could prejudice; bail/court conditions allow contact (or indirect only).",
    ),
    su(
        "SU_ORDERS",
        "No order or licence prohibiting contact",
        "No non-molestation/restraining order or licence condition prohibiting contact (or indirect only).",
    ),
    su(
        "SU_METHOD",
        "At least one safe method available",
        "At least one safe method (direct or indirect) is available.",
    ),
    su(
        "SU_FACILITATOR",
        "Suitably trained facilitator available",
        "Trained facilitator available; a sensitive/complex case needs an advanced practitioner and co-worker.",
    ),
    // Risk areas (§12.4). `sensitive` marks likely health data (DPA 2018 s.35, §10.2).
    rk(
        "RK_DA",
        "Domestic abuse (partner / familial)",
        "Domestic abuse, intimate partner or familial: specialist DA policy route (§9.6).",
        false,
    ),
    rk(
        "RK_SEXUAL",
        "Sexual offence / harmful sexual behaviour",
        "Sexual offence or harmful sexual behaviour: specialist risk tools (e.g. AIM) and co-working (§9.6).",
        false,
    ),
    rk(
        "RK_HATE",
        "Hate crime / incident",
        "Hate crime or incident: local policy often requires specialist or supervisor sign-off (§9.6).",
        false,
    ),
    rk(
        "RK_SAFEGUARD_CHILD",
        "Safeguarding concern: child",
        "Safeguarding concern for a child; link to the child's wider plan (§9.4).",
        false,
    ),
    rk(
        "RK_SAFEGUARD_ADULT",
        "Safeguarding concern: adult at risk",
        "Safeguarding concern for an adult at risk.",
        false,
    ),
    rk("RK_MH", "Mental health", "Mental health concerns (health data: sensitive processing, DPA 2018 s.35).", true),
    rk(
        "RK_SUBSTANCE",
        "Substance misuse",
        "Substance misuse (health data: sensitive processing, DPA 2018 s.35).",
        true,
    ),
    rk(
        "RK_LD",
        "Learning disability / communication needs",
        "Learning disability, neurodivergence or communication needs (sensitive processing, DPA 2018 s.35).",
        true,
    ),
    rk(
        "RK_POWER",
        "Power imbalance, coercion or intimidation",
        "Power imbalance between the parties, coercion or intimidation.",
        false,
    ),
    rk(
        "RK_REVICT",
        "Re-victimisation or retaliation",
        "Risk of re-victimisation or retaliation, including encounters after the meeting.",
        false,
    ),
    rk(
        "RK_VIOLENCE",
        "Violence to participants or facilitators",
        "Risk of violence to participants or facilitators; offender risk level / MAPPA.",
        false,
    ),
    rk(
        "RK_GANG",
        "Organised crime / gang links, exploitation",
        "Organised crime or gang links, or exploitation of either party.",
        false,
    ),
    rk(
        "RK_SUPPORTERS",
        "Supporters' suitability",
        "Suitability of supporters; supporters are risk-assessed too (§9.7).",
        false,
    ),
    rk("RK_VENUE", "Venue / travel safety", "Safety of the venue and of travel to and from it.", false),
    rk(
        "RK_EMOTIONAL",
        "Emotional harm / unrealistic expectations",
        "Risk of emotional harm or unrealistic expectations (e.g. wants an outcome the other party cannot give).",
        false,
    ),
    rk("RK_MEDIA", "Publicity / social media", "Publicity or social media risk.", false),
];

/// Look up an item by its code (exact match).
pub fn item(code: &str) -> Option<&'static ChecklistItem> {
    ITEMS.iter().find(|i| i.code == code)
}

/// The items of one section, in display order.
pub fn items_in(section: ChecklistSection) -> impl Iterator<Item = &'static ChecklistItem> {
    ITEMS.iter().filter(move |i| i.section == section)
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
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn set(a: &mut Answers, code: &str, answer: Answer) {
        a.set(code, AnswerEntry::new(answer)).expect("known code");
    }

    fn set_sev(a: &mut Answers, code: &str, sev: RiskSeverity) {
        a.set(code, AnswerEntry::new(Answer::Yes).with_severity(sev)).expect("known code");
    }

    /// Every SC and SU item yes, every risk area no: the cleanest case.
    fn clean() -> Answers {
        let mut a = Answers::new();
        for i in ITEMS {
            let ans = if i.section == ChecklistSection::Risk { Answer::No } else { Answer::Yes };
            set(&mut a, i.code, ans);
        }
        a
    }

    fn no_flags() -> CaseFlags {
        CaseFlags::default()
    }

    fn has_reason(reasons: &[String], needle: &str) -> bool {
        reasons.iter().any(|r| r.contains(needle))
    }

    // ---- item table ----

    #[test]
    fn items_are_in_documented_order_and_sections() {
        let codes: Vec<&str> = ITEMS.iter().map(|i| i.code).collect();
        assert_eq!(
            codes,
            [
                "SC_REF",
                "SC_PARTIES",
                "SC_STAGE",
                "SC_CONSENT_SHARE",
                "SC_OFFENCE",
                "SC_AGE",
                "SC_NO_CONFLICT",
                "SC_DUPLICATE",
                "SU_ACCEPTS",
                "SU_WILLING_HARMED",
                "SU_WILLING_RESP",
                "SU_CAPACITY",
                "SU_PROCEEDINGS",
                "SU_ORDERS",
                "SU_METHOD",
                "SU_FACILITATOR",
                "RK_DA",
                "RK_SEXUAL",
                "RK_HATE",
                "RK_SAFEGUARD_CHILD",
                "RK_SAFEGUARD_ADULT",
                "RK_MH",
                "RK_SUBSTANCE",
                "RK_LD",
                "RK_POWER",
                "RK_REVICT",
                "RK_VIOLENCE",
                "RK_GANG",
                "RK_SUPPORTERS",
                "RK_VENUE",
                "RK_EMOTIONAL",
                "RK_MEDIA",
            ]
        );
        assert_eq!(items_in(ChecklistSection::SenseCheck).count(), 8);
        assert_eq!(items_in(ChecklistSection::Suitability).count(), 8);
        // DOMAIN.md §12.4 lists 15 risk areas but splits safeguarding into
        // child and adult codes, so there are 16 codes.
        assert_eq!(items_in(ChecklistSection::Risk).count(), 16);
        for i in ITEMS {
            let prefix = match i.section {
                ChecklistSection::SenseCheck => "SC_",
                ChecklistSection::Suitability => "SU_",
                ChecklistSection::Risk => "RK_",
            };
            assert!(i.code.starts_with(prefix), "{}", i.code);
        }
    }

    #[test]
    fn codes_unique_labels_short_help_one_line() {
        for (n, i) in ITEMS.iter().enumerate() {
            assert!(ITEMS[n + 1..].iter().all(|j| j.code != i.code), "duplicate {}", i.code);
            assert!(i.label.chars().count() <= 45, "label too long: {}", i.code);
            assert!(!i.label.is_empty() && !i.help.is_empty());
            assert!(!i.help.contains('\n'));
        }
    }

    #[test]
    fn only_health_items_are_sensitive() {
        let sensitive: Vec<&str> = ITEMS.iter().filter(|i| i.sensitive).map(|i| i.code).collect();
        assert_eq!(sensitive, ["RK_MH", "RK_SUBSTANCE", "RK_LD"]);
    }

    #[test]
    fn item_lookup() {
        assert_eq!(item("RK_MH").map(|i| i.section), Some(ChecklistSection::Risk));
        assert!(item("rk_mh").is_none());
        assert!(item("").is_none());
        assert!(item("NOPE").is_none());
    }

    #[test]
    fn rule_constants_name_real_items() {
        let mut all: Vec<&str> = vec![SU_ACCEPTS, SU_WILLING_HARMED, SU_WILLING_RESP, RK_HATE];
        all.extend(UNSAFE_IF_HIGH);
        all.extend(HIGH_IF_PRESENT);
        all.extend(MEDIUM_IF_UNKNOWN);
        for c in all {
            assert!(item(c).is_some(), "{c}");
        }
    }

    // ---- enums ----

    #[test]
    fn answer_strings_roundtrip_and_cycle() {
        for a in Answer::ALL {
            assert_eq!(Answer::parse(a.as_str()), Some(a));
            assert!(!a.label().is_empty());
        }
        assert_eq!(Answer::NotApplicable.as_str(), "n/a");
        assert_eq!(Answer::parse("maybe"), None);
        // `next` visits all four and comes back.
        let mut a = Answer::Yes;
        let mut seen = vec![a];
        for _ in 0..3 {
            a = a.next();
            seen.push(a);
        }
        assert_eq!(seen, Answer::ALL);
        assert_eq!(a.next(), Answer::Yes);
        // Risk items skip n/a.
        assert_eq!(Answer::Unknown.next_for(ChecklistSection::Risk), Answer::Yes);
        assert_eq!(Answer::Unknown.next_for(ChecklistSection::Suitability), Answer::NotApplicable);
    }

    #[test]
    fn severity_level_decision_strings() {
        for s in RiskSeverity::ALL {
            assert_eq!(RiskSeverity::parse(s.as_str()), Some(s));
        }
        for l in RiskLevel::ALL {
            assert_eq!(RiskLevel::parse(l.as_str()), Some(l));
        }
        for d in Decision::ALL {
            assert_eq!(Decision::parse(d.as_str()), Some(d));
        }
        for s in ChecklistSection::ALL {
            assert_eq!(ChecklistSection::parse(s.as_str()), Some(s));
        }
        assert_eq!(RiskLevel::Unsafe.as_str(), "unsafe");
        assert_eq!(Decision::ReferToManager.as_str(), "refer_to_manager");
        assert_eq!(Decision::NotSuitable.as_str(), "not_suitable");
        assert!(RiskLevel::Low < RiskLevel::Medium);
        assert!(RiskLevel::Medium < RiskLevel::High);
        assert!(RiskLevel::High < RiskLevel::Unsafe);
        assert!(RiskSeverity::Low < RiskSeverity::High);
    }

    // ---- answers ----

    #[test]
    fn answers_missing_is_unknown_and_unknown_codes_refused() {
        let mut a = Answers::new();
        assert_eq!(a.answer("SU_ACCEPTS"), Answer::Unknown);
        assert_eq!(a.set("SU_NOPE", AnswerEntry::new(Answer::Yes)), Err(UnknownItem("SU_NOPE".into())));
        assert!(a.is_empty());
        a.set("SU_ACCEPTS", AnswerEntry::new(Answer::No).with_note("denies")).unwrap();
        assert_eq!(a.answer("SU_ACCEPTS"), Answer::No);
        assert_eq!(a.get("SU_ACCEPTS").map(|e| e.note.as_str()), Some("denies"));
        assert_eq!(a.len(), 1);
    }

    // ---- sense-check ----

    #[test]
    fn sense_check_needs_yes_or_na() {
        let mut a = clean();
        assert_eq!(sense_check_complete(&a), Ok(()));
        set(&mut a, "SC_REF", Answer::NotApplicable);
        assert_eq!(sense_check_complete(&a), Ok(()));
        set(&mut a, "SC_AGE", Answer::No);
        set(&mut a, "SC_PARTIES", Answer::Unknown);
        assert_eq!(sense_check_complete(&a), Err(vec!["SC_PARTIES", "SC_AGE"]));
        // Nothing answered: every SC item is outstanding.
        assert_eq!(sense_check_complete(&Answers::new()).map_err(|v| v.len()), Err(8));
    }

    // ---- overall_risk ----

    #[test]
    fn all_no_is_low_and_nothing_answered_is_medium() {
        assert_eq!(overall_risk(&clean()), RiskLevel::Low);
        assert_eq!(overall_risk(&Answers::new()), RiskLevel::Medium);
    }

    #[test]
    fn na_on_risk_counts_as_no() {
        let mut a = clean();
        for c in MEDIUM_IF_UNKNOWN {
            set(&mut a, c, Answer::NotApplicable);
        }
        assert_eq!(overall_risk(&a), RiskLevel::Low);
    }

    #[test]
    fn unknown_on_key_areas_is_medium_but_not_on_others() {
        for c in ["RK_DA", "RK_SEXUAL", "RK_VIOLENCE", "RK_SAFEGUARD_CHILD"] {
            let mut a = clean();
            set(&mut a, c, Answer::Unknown);
            assert_eq!(overall_risk(&a), RiskLevel::Medium, "{c}");
        }
        let mut a = clean();
        set(&mut a, "RK_MH", Answer::Unknown);
        assert_eq!(overall_risk(&a), RiskLevel::Low);
    }

    #[test]
    fn any_present_area_is_at_least_medium() {
        let mut a = clean();
        set_sev(&mut a, "RK_MEDIA", RiskSeverity::Low);
        assert_eq!(overall_risk(&a), RiskLevel::Medium);
    }

    #[test]
    fn unsafe_when_violence_revict_or_power_high() {
        for c in UNSAFE_IF_HIGH {
            let mut a = clean();
            set_sev(&mut a, c, RiskSeverity::High);
            assert_eq!(overall_risk(&a), RiskLevel::Unsafe, "{c}");
            // Medium on the same area is not unsafe.
            set_sev(&mut a, c, RiskSeverity::Medium);
            assert_eq!(overall_risk(&a), RiskLevel::Medium, "{c}");
        }
        // Present with no severity counts as medium, so not unsafe.
        let mut a = clean();
        set(&mut a, "RK_VIOLENCE", Answer::Yes);
        assert_eq!(overall_risk(&a), RiskLevel::Medium);
    }

    #[test]
    fn high_severity_elsewhere_is_high_not_unsafe() {
        let mut a = clean();
        set_sev(&mut a, "RK_MH", RiskSeverity::High);
        assert_eq!(overall_risk(&a), RiskLevel::High);
    }

    #[test]
    fn da_or_sexual_present_at_low_is_high() {
        for c in HIGH_IF_PRESENT {
            let mut a = clean();
            set_sev(&mut a, c, RiskSeverity::Low);
            assert_eq!(overall_risk(&a), RiskLevel::High, "{c}");
        }
    }

    #[test]
    fn severity_sum_boundary_five_vs_six() {
        let mut a = clean();
        set_sev(&mut a, "RK_MH", RiskSeverity::Medium);
        set_sev(&mut a, "RK_SUBSTANCE", RiskSeverity::Medium);
        set_sev(&mut a, "RK_VENUE", RiskSeverity::Low);
        assert_eq!(overall_risk(&a), RiskLevel::Medium, "sum 5");
        set_sev(&mut a, "RK_MEDIA", RiskSeverity::Low);
        assert_eq!(overall_risk(&a), RiskLevel::High, "sum 6");
    }

    #[test]
    fn present_without_severity_counts_as_medium_in_sum() {
        let mut a = clean();
        set(&mut a, "RK_MH", Answer::Yes);
        set(&mut a, "RK_SUBSTANCE", Answer::Yes);
        assert_eq!(overall_risk(&a), RiskLevel::Medium, "sum 4");
        set(&mut a, "RK_VENUE", Answer::Yes);
        assert_eq!(overall_risk(&a), RiskLevel::High, "sum 6");
    }

    #[test]
    fn severity_on_absent_area_is_ignored() {
        let mut a = clean();
        a.set("RK_VIOLENCE", AnswerEntry::new(Answer::No).with_severity(RiskSeverity::High)).unwrap();
        assert_eq!(overall_risk(&a), RiskLevel::Low);
    }

    // ---- constraints: forced not suitable ----

    #[test]
    fn no_acknowledgement_forces_not_suitable() {
        let mut a = clean();
        set(&mut a, "SU_ACCEPTS", Answer::No);
        let c = constraints(&a, &no_flags());
        assert!(has_reason(&c.forced_not_suitable, "SU_ACCEPTS"));
        assert!(has_reason(&c.forced_not_suitable, "does not acknowledge the harm"));
        let errs = validate_decision(Decision::Suitable, "ok", &c, true).unwrap_err();
        assert!(errs.iter().any(|e| matches!(e, DecisionError::ForcedNotSuitable(_))));
        assert_eq!(suggested_decision(&c, &a), Decision::NotSuitable);
    }

    #[test]
    fn unwilling_party_forces_not_suitable() {
        for code in ["SU_WILLING_HARMED", "SU_WILLING_RESP"] {
            let mut a = clean();
            set(&mut a, code, Answer::No);
            let c = constraints(&a, &no_flags());
            assert_eq!(c.forced_not_suitable.len(), 1, "{code}");
            assert!(has_reason(&c.forced_not_suitable, code));
            assert!(has_reason(&c.forced_not_suitable, "voluntarism"));
        }
    }

    #[test]
    fn unknown_willingness_is_not_forced() {
        let mut a = clean();
        set(&mut a, "SU_WILLING_HARMED", Answer::Unknown);
        let c = constraints(&a, &no_flags());
        assert!(c.forced_not_suitable.is_empty());
        assert_eq!(c.suitability_open, ["SU_WILLING_HARMED"]);
    }

    #[test]
    fn unsafe_forces_not_suitable_even_with_signoff() {
        let mut a = clean();
        set_sev(&mut a, "RK_REVICT", RiskSeverity::High);
        let c = constraints(&a, &no_flags());
        assert_eq!(c.risk, RiskLevel::Unsafe);
        assert!(has_reason(&c.forced_not_suitable, "unsafe risk: not suitable for a direct process"));
        assert!(has_reason(&c.forced_not_suitable, "RK_REVICT"));
        assert!(validate_decision(Decision::Suitable, "ok", &c, true).is_err());
    }

    // ---- constraints: manager review ----

    #[test]
    fn high_risk_needs_signoff_and_is_allowed_with_it() {
        let mut a = clean();
        set_sev(&mut a, "RK_MH", RiskSeverity::High);
        let c = constraints(&a, &no_flags());
        assert_eq!(c.risk, RiskLevel::High);
        assert!(c.forced_not_suitable.is_empty());
        assert!(has_reason(&c.manager_review, "sign-off"));
        assert!(has_reason(&c.manager_review, "RK_MH"));
        assert_eq!(
            validate_decision(Decision::Suitable, "ok", &c, false),
            Err(vec![DecisionError::ManagerReviewRequired(c.manager_review.clone())])
        );
        assert_eq!(validate_decision(Decision::Suitable, "ok", &c, true), Ok(()));
        assert_eq!(suggested_decision(&c, &a), Decision::ReferToManager);
    }

    #[test]
    fn medium_risk_needs_no_review() {
        let mut a = clean();
        set_sev(&mut a, "RK_MH", RiskSeverity::Medium);
        let c = constraints(&a, &no_flags());
        assert_eq!(c.risk, RiskLevel::Medium);
        assert!(c.manager_review.is_empty());
        assert_eq!(validate_decision(Decision::Suitable, "ok", &c, false), Ok(()));
    }

    #[test]
    fn da_present_or_flagged_needs_manager_review() {
        let mut a = clean();
        set_sev(&mut a, "RK_DA", RiskSeverity::Low);
        let c = constraints(&a, &no_flags());
        assert!(has_reason(&c.manager_review, "RK_DA"));
        assert!(has_reason(&c.manager_review, "specialist DA policy"));

        let a = clean();
        let flags = CaseFlags { domestic_abuse: true, ..CaseFlags::default() };
        let c = constraints(&a, &flags);
        assert_eq!(c.risk, RiskLevel::Low);
        assert_eq!(c.manager_review.len(), 1);
        assert!(has_reason(&c.manager_review, "RK_DA"));
        assert!(validate_decision(Decision::Suitable, "ok", &c, false).is_err());
    }

    #[test]
    fn sexual_present_or_flagged_needs_manager_review() {
        let mut a = clean();
        set_sev(&mut a, "RK_SEXUAL", RiskSeverity::Low);
        let c = constraints(&a, &no_flags());
        assert!(has_reason(&c.manager_review, "RK_SEXUAL"));
        assert!(has_reason(&c.manager_review, "specialist assessment"));

        let flags = CaseFlags { sexual: true, ..CaseFlags::default() };
        let c = constraints(&clean(), &flags);
        assert_eq!(c.manager_review.len(), 1);
        assert!(has_reason(&c.manager_review, "RK_SEXUAL"));
    }

    #[test]
    fn hate_present_or_flagged_needs_manager_review() {
        let mut a = clean();
        set_sev(&mut a, "RK_HATE", RiskSeverity::Low);
        let c = constraints(&a, &no_flags());
        // Low hate on its own is medium risk, so only the hate rule applies.
        assert_eq!(c.risk, RiskLevel::Medium);
        assert_eq!(c.manager_review.len(), 1);
        assert!(has_reason(&c.manager_review, "RK_HATE"));

        let flags = CaseFlags { hate_crime: true, ..CaseFlags::default() };
        let c = constraints(&clean(), &flags);
        assert_eq!(c.manager_review.len(), 1);
        assert!(has_reason(&c.manager_review, "RK_HATE"));
        assert!(has_reason(&c.manager_review, "local policy"));
    }

    #[test]
    fn clean_case_has_no_constraints() {
        let a = clean();
        let c = constraints(&a, &no_flags());
        assert_eq!(
            c,
            Constraints {
                risk: RiskLevel::Low,
                forced_not_suitable: vec![],
                manager_review: vec![],
                suitability_open: vec![],
            }
        );
        assert_eq!(suggested_decision(&c, &a), Decision::Suitable);
        assert_eq!(validate_decision(Decision::Suitable, "ok", &c, false), Ok(()));
    }

    // ---- validate_decision ----

    #[test]
    fn blank_rationale_refused_for_every_decision() {
        let c = constraints(&clean(), &no_flags());
        for d in Decision::ALL {
            for r in ["", "   ", "\n\t"] {
                assert_eq!(validate_decision(d, r, &c, true), Err(vec![DecisionError::RationaleRequired]), "{d}");
            }
        }
    }

    #[test]
    fn not_suitable_and_refer_always_allowed_with_rationale() {
        let mut a = Answers::new();
        set(&mut a, "SU_ACCEPTS", Answer::No);
        set_sev(&mut a, "RK_VIOLENCE", RiskSeverity::High);
        let flags = CaseFlags { domestic_abuse: true, sexual: true, hate_crime: true };
        let c = constraints(&a, &flags);
        assert!(!c.forced_not_suitable.is_empty() && !c.manager_review.is_empty());
        for d in [Decision::NotSuitable, Decision::ReferToManager] {
            assert_eq!(validate_decision(d, "reason", &c, false), Ok(()));
        }
    }

    #[test]
    fn suitability_unknown_or_no_blocks_suitable_but_na_is_fine() {
        let mut a = clean();
        set(&mut a, "SU_ORDERS", Answer::NotApplicable);
        let c = constraints(&a, &no_flags());
        assert_eq!(validate_decision(Decision::Suitable, "ok", &c, false), Ok(()));

        set(&mut a, "SU_CAPACITY", Answer::Unknown);
        set(&mut a, "SU_METHOD", Answer::No);
        let c = constraints(&a, &no_flags());
        assert!(c.forced_not_suitable.is_empty());
        assert_eq!(
            validate_decision(Decision::Suitable, "ok", &c, true),
            Err(vec![DecisionError::SuitabilityIncomplete(vec!["SU_CAPACITY", "SU_METHOD"])])
        );
        assert_eq!(suggested_decision(&c, &a), Decision::NotSuitable);

        // A missing answer is unknown, so it blocks too.
        a.remove("SU_METHOD");
        set(&mut a, "SU_CAPACITY", Answer::Yes);
        let c = constraints(&a, &no_flags());
        assert_eq!(c.suitability_open, ["SU_METHOD"]);
        assert!(validate_decision(Decision::Suitable, "ok", &c, true).is_err());
        assert_eq!(suggested_decision(&c, &a), Decision::ReferToManager);
    }

    #[test]
    fn all_errors_reported_together() {
        let mut a = clean();
        set(&mut a, "SU_ACCEPTS", Answer::No);
        set_sev(&mut a, "RK_DA", RiskSeverity::Low);
        let c = constraints(&a, &no_flags());
        let errs = validate_decision(Decision::Suitable, " ", &c, false).unwrap_err();
        assert_eq!(errs.len(), 4);
    }

    #[test]
    fn error_messages_are_one_sentence() {
        let errs = [
            DecisionError::RationaleRequired,
            DecisionError::ForcedNotSuitable(vec!["a".into(), "b".into()]),
            DecisionError::ManagerReviewRequired(vec!["c".into()]),
            DecisionError::SuitabilityIncomplete(vec!["SU_METHOD"]),
        ];
        for e in errs {
            let s = e.to_string();
            assert!(s.ends_with('.'), "{s}");
            assert!(!s.contains('\n'));
            assert!(s.chars().next().is_some_and(|c| c.is_uppercase()));
        }
        assert!(UnknownItem("X".into()).to_string().contains('X'));
    }

    // ---- properties ----

    fn risk_codes() -> Vec<&'static str> {
        items_in(ChecklistSection::Risk).map(|i| i.code).collect()
    }

    /// One risk area: no answer at all, or an answer with an optional severity.
    fn entry_strategy() -> impl Strategy<Value = Option<(Answer, Option<RiskSeverity>)>> {
        let ans = prop::sample::select(Answer::ALL.to_vec());
        let sev = prop::option::of(prop::sample::select(RiskSeverity::ALL.to_vec()));
        prop::option::of((ans, sev))
    }

    fn build(entries: &[Option<(Answer, Option<RiskSeverity>)>]) -> Answers {
        let mut a = Answers::new();
        for (code, e) in risk_codes().into_iter().zip(entries) {
            if let Some((ans, sev)) = e {
                let mut entry = AnswerEntry::new(*ans);
                entry.severity = *sev;
                a.set(code, entry).expect("known code");
            }
        }
        a
    }

    const RISK_COUNT: usize = 16;

    fn effective(sev: Option<RiskSeverity>) -> RiskSeverity {
        sev.unwrap_or(RiskSeverity::Medium)
    }

    proptest! {
        /// No → yes (or n/a / unknown / missing → yes, or no → unknown), or a
        /// higher effective severity on a present area, never lowers the level.
        #[test]
        fn overall_risk_is_monotonic(
            entries in prop::collection::vec(entry_strategy(), RISK_COUNT),
            idx in 0usize..RISK_COUNT,
            new_sev in prop::option::of(prop::sample::select(RiskSeverity::ALL.to_vec())),
        ) {
            let before = overall_risk(&build(&entries));
            let code = risk_codes()[idx];

            // Answer goes up to yes, keeping whatever severity was recorded.
            let mut up = entries.clone();
            let old_sev = entries[idx].and_then(|(_, s)| s);
            up[idx] = Some((Answer::Yes, old_sev));
            let after_yes = overall_risk(&build(&up));
            if entries[idx].map(|(a, _)| a) != Some(Answer::Yes) {
                prop_assert!(after_yes >= before, "{code} -> yes: {before:?} > {after_yes:?}");
            }

            // no / n/a → unknown.
            if matches!(entries[idx], Some((Answer::No | Answer::NotApplicable, _))) {
                let mut unk = entries.clone();
                unk[idx] = Some((Answer::Unknown, old_sev));
                let after_unk = overall_risk(&build(&unk));
                prop_assert!(after_unk >= before, "{code} -> unknown");
            }

            // Raising the effective severity of a present area.
            if let Some((Answer::Yes, s)) = entries[idx] {
                if effective(new_sev) >= effective(s) {
                    let mut raised = entries.clone();
                    raised[idx] = Some((Answer::Yes, new_sev));
                    let after_raise = overall_risk(&build(&raised));
                    prop_assert!(after_raise >= before, "{code} severity raised");
                }
            }
        }

        /// Suitable is never accepted while anything forces not suitable,
        /// whatever the rationale, sign-off or other constraints.
        #[test]
        fn suitable_never_accepted_when_forced(
            forced in prop::collection::vec(".{0,20}", 1..4),
            review in prop::collection::vec(".{0,20}", 0..3),
            open in prop::collection::vec(prop::sample::select(vec!["SU_ACCEPTS", "SU_METHOD"]), 0..3),
            rationale in ".{0,30}",
            signoff in any::<bool>(),
            risk in prop::sample::select(RiskLevel::ALL.to_vec()),
        ) {
            let c = Constraints {
                risk,
                forced_not_suitable: forced,
                manager_review: review,
                suitability_open: open,
            };
            prop_assert!(validate_decision(Decision::Suitable, &rationale, &c, signoff).is_err());
        }

        /// Arbitrary answers on every item never panic, and a suggested
        /// Suitable always validates without sign-off.
        #[test]
        fn suggestion_is_consistent_with_validation(
            all in prop::collection::vec(entry_strategy(), ITEMS.len()),
            da in any::<bool>(), sx in any::<bool>(), hc in any::<bool>(),
        ) {
            let mut a = Answers::new();
            for (i, e) in ITEMS.iter().zip(&all) {
                if let Some((ans, sev)) = e {
                    let mut entry = AnswerEntry::new(*ans);
                    entry.severity = *sev;
                    a.set(i.code, entry).expect("known code");
                }
            }
            let flags = CaseFlags { domestic_abuse: da, sexual: sx, hate_crime: hc };
            let c = constraints(&a, &flags);
            let _ = sense_check_complete(&a);
            if suggested_decision(&c, &a) == Decision::Suitable {
                prop_assert_eq!(validate_decision(Decision::Suitable, "r", &c, false), Ok(()));
            }
            if c.risk == RiskLevel::Unsafe {
                prop_assert!(!c.forced_not_suitable.is_empty());
            }
        }

        /// Arbitrary strings never panic the lookups and parsers.
        #[test]
        fn arbitrary_strings_do_not_panic(s in ".{0,40}") {
            let _ = item(&s);
            let _ = Answer::parse(&s);
            let _ = RiskSeverity::parse(&s);
            let _ = RiskLevel::parse(&s);
            let _ = Decision::parse(&s);
            let mut a = Answers::new();
            let _ = a.set(&s, AnswerEntry::new(Answer::Yes));
            let _ = a.answer(&s);
            let _ = overall_risk(&a);
        }
    }
}
