//! The legal checks on a disposal that are not caps (DOMAIN.md §2–§5, §12.3):
//! who must decide, what must be on file, when a PCSC caution exists at all,
//! how long conditions may run, and what a breach decision may say.
//!
//! Pure functions over plain facts: the store gathers the facts of a case
//! and the change proposed, in one place (`store::writes::legal`), and every
//! path that changes a disposal, a condition or a due date goes through it.
//! Findings reuse the caps' shape: a blocking one refuses the change, a
//! warning is shown and the decision maker may proceed.

use chrono::NaiveDate;

use super::caps::{self, CapFinding, Severity};
use super::rules::Rules;
use super::status::{age_problem, BreachDecision, DisposalType, OffenceMode};
use crate::text_enum;

text_enum! {
    /// The rank of the officer who authorised a disposal
    /// (`oocd_disposal.authorising_rank`), lowest first: local policy may set
    /// a minimum (rule `MIN_AUTHORISING_RANK`, the rank's place in this list).
    pub enum Rank {
        Constable => ("constable", "Constable"),
        Sergeant => ("sergeant", "Sergeant"),
        Inspector => ("inspector", "Inspector"),
        ChiefInspector => ("chief_inspector", "Chief inspector"),
        Superintendent => ("superintendent", "Superintendent"),
        ChiefSuperintendent => ("chief_superintendent", "Chief superintendent"),
        ChiefOfficer => ("chief_officer", "Chief officer"),
    }
}

impl Rank {
    /// 1 for a constable, upwards: what the minimum-rank rule holds.
    pub fn level(self) -> usize {
        Rank::ALL.iter().position(|r| *r == self).map_or(0, |i| i + 1)
    }

    pub fn at_level(level: f64) -> Option<Rank> {
        let i = level.round() as usize;
        i.checked_sub(1).and_then(|i| Rank::ALL.get(i)).copied()
    }
}

/// The rule holding the lowest rank that may authorise a disposal, where
/// local policy sets one. None by default.
pub const MIN_RANK_RULE: &str = "MIN_AUTHORISING_RANK";

/// The rule holding the day PCSC Act 2022 Part 6 (diversionary and
/// community cautions) comes into force, as YYYYMMDD. None by default: the
/// Part is not yet commenced (DOMAIN.md §4.1).
pub const PCSC_COMMENCEMENT_RULE: &str = "PCSC_PART6_IN_FORCE_FROM";

/// The facts of the case a disposal is checked against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CaseFacts {
    pub offence_mode: Option<OffenceMode>,
    pub domestic_abuse: bool,
    pub intimate_partner: bool,
    pub hate_crime: bool,
    /// The offender's age on the day of the decision (issue date, or today
    /// while it is being decided), not on the day of the offence.
    pub age_at_decision: Option<u8>,
}

/// A disposal as proposed, as far as the legal checks care.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DisposalFacts<'a> {
    pub disposal: DisposalType,
    pub cps_decision_ref: Option<&'a str>,
    pub authorised_by: Option<&'a str>,
    pub authorising_rank: Option<Rank>,
    pub issued_on: Option<NaiveDate>,
    /// The day the decision is taken: the issue date once recorded, else today.
    pub decided_on: NaiveDate,
    pub yot_referred_on: Option<NaiveDate>,
    /// A recorded reason to proceed despite a warning that asks for one.
    pub proceed_reason: Option<&'a str>,
    /// Conditions on the case that are not withdrawn.
    pub conditions: usize,
}

fn finding(severity: Severity, rule_id: &str, message: impl Into<String>) -> CapFinding {
    CapFinding { severity, rule_id: rule_id.to_string(), message: message.into() }
}

fn given(s: Option<&str>) -> bool {
    s.is_some_and(|s| !s.trim().is_empty())
}

/// Every legal check on a disposal as proposed.
pub fn check_disposal(rules: &Rules, case: &CaseFacts, d: &DisposalFacts<'_>) -> Vec<CapFinding> {
    let mut out = Vec::new();
    out.extend(cps_decision(case, d));
    out.extend(intimate_partner_resolution(case, d));
    out.extend(in_force(rules, d.disposal, d.decided_on));
    out.extend(authoriser(rules, d));
    out.extend(youth_record(d));
    if d.issued_on.is_some() {
        if let Some(problem) = case.age_at_decision.and_then(|age| age_problem(d.disposal, age)) {
            out.push(finding(Severity::Block, "AGE", format!("{problem} on the day it is given")));
        }
    }
    out
}

/// CPS decision: domestic abuse or hate crime conditional cautions, and any
/// conditional caution for an indictable-only offence (DPP's Guidance,
/// 2013 Code; DOMAIN.md §2.1). Blocking once the caution is given; before
/// that (a referral recording the disposal in view) it is a reminder.
fn cps_decision(case: &CaseFacts, d: &DisposalFacts<'_>) -> Option<CapFinding> {
    if !d.disposal.is_conditional_caution() || given(d.cps_decision_ref) {
        return None;
    }
    let why = if case.offence_mode == Some(OffenceMode::IndictableOnly) {
        "an indictable-only offence"
    } else if case.domestic_abuse {
        "a domestic abuse offence"
    } else if case.hate_crime {
        "a hate crime"
    } else {
        return None;
    };
    Some(finding(
        until_given(d),
        "CPS_DECISION",
        format!(
            "{} for {why} needs the CPS to decide: record the CPS decision reference (DOMAIN.md §2.1)",
            with_article(d.disposal.label())
        ),
    ))
}

/// No community resolution for domestic abuse between intimate partners
/// (DOMAIN.md §5, [P]): a warning that needs a recorded reason to proceed.
fn intimate_partner_resolution(case: &CaseFacts, d: &DisposalFacts<'_>) -> Option<CapFinding> {
    if d.disposal != DisposalType::CommunityResolution || !(case.domestic_abuse && case.intimate_partner) {
        return None;
    }
    let base = "a community resolution is not used for domestic abuse between intimate partners (DOMAIN.md §5)";
    Some(if given(d.proceed_reason) {
        finding(Severity::Warn, "CR_DOMESTIC_PARTNER", format!("{base}; proceeding for the reason recorded"))
    } else {
        finding(until_given(d), "CR_DOMESTIC_PARTNER", format!("{base}: record a reason to proceed"))
    })
}

/// What is missing blocks the disposal being given (an issue date
/// recorded); while it is only in view it warns.
fn until_given(d: &DisposalFacts<'_>) -> Severity {
    if d.issued_on.is_some() {
        Severity::Block
    } else {
        Severity::Warn
    }
}

/// The day PCSC Part 6 came into force, if the rule table holds one.
pub fn pcsc_in_force_from(rules: &Rules) -> Option<NaiveDate> {
    let v = rules.get(PCSC_COMMENCEMENT_RULE)?.value;
    let n = v.round() as i64;
    NaiveDate::from_ymd_opt(i32::try_from(n / 10_000).ok()?, (n / 100 % 100) as u32, (n % 100) as u32)
}

/// Whether a disposal can be given on `on`: diversionary and community
/// cautions only once PCSC Act 2022 Part 6 is in force (DOMAIN.md §4.1).
pub fn is_in_force(rules: &Rules, disposal: DisposalType, on: NaiveDate) -> bool {
    !matches!(disposal, DisposalType::DiversionaryCaution | DisposalType::CommunityCaution)
        || pcsc_in_force_from(rules).is_some_and(|from| from <= on)
}

/// A disposal's name for a picker: "(not in force)" after those that
/// cannot be given on `on`.
pub fn disposal_label(disposal: DisposalType, rules: &Rules, on: NaiveDate) -> String {
    if is_in_force(rules, disposal, on) {
        disposal.label().to_string()
    } else {
        format!("{} (not in force)", disposal.label())
    }
}

fn in_force(rules: &Rules, disposal: DisposalType, on: NaiveDate) -> Option<CapFinding> {
    (!is_in_force(rules, disposal, on)).then(|| {
        let when = match pcsc_in_force_from(rules) {
            Some(from) => format!("from {from}"),
            None => "on a day not yet set".to_string(),
        };
        finding(
            Severity::Block,
            PCSC_COMMENCEMENT_RULE,
            format!(
                "the {} is not in force on {on}: PCSC Act 2022 Part 6 commences {when} (DOMAIN.md §4.1)",
                disposal.label().to_lowercase()
            ),
        )
    })
}

/// Who authorised the disposal, and their rank against local policy.
fn authoriser(rules: &Rules, d: &DisposalFacts<'_>) -> Vec<CapFinding> {
    let mut out = Vec::new();
    if d.issued_on.is_some() && !given(d.authorised_by) {
        out.push(finding(Severity::Warn, "AUTHORISED_BY", "the authorising officer is not recorded"));
    }
    if d.issued_on.is_some() && d.authorising_rank.is_none() {
        out.push(finding(Severity::Warn, "AUTHORISED_BY", "the authorising officer's rank is not recorded"));
    }
    let minimum = rules.get(MIN_RANK_RULE).and_then(|r| Rank::at_level(r.value));
    if let (Some(min), Some(rank)) = (minimum, d.authorising_rank) {
        if rank.level() < min.level() {
            out.push(finding(
                Severity::Warn,
                MIN_RANK_RULE,
                format!(
                    "authorised by {}; local policy asks for {} or above",
                    with_article(rank.label()),
                    with_article(min.label())
                ),
            ));
        }
    }
    out
}

/// "a sergeant", "an inspector".
fn with_article(label: &str) -> String {
    let word = label.to_lowercase();
    let article = if word.starts_with(['a', 'e', 'i', 'o', 'u']) { "an" } else { "a" };
    format!("{article} {word}")
}

/// A youth caution takes no conditions (CDA 1998 s.66ZA); a youth caution
/// or youth conditional caution is referred to the youth offending team
/// (s.66ZB, s.66B), so the referral is recorded once it is given.
fn youth_record(d: &DisposalFacts<'_>) -> Vec<CapFinding> {
    let mut out = Vec::new();
    if d.disposal == DisposalType::YouthCaution && d.conditions > 0 {
        out.push(no_conditions_on_youth_caution());
    }
    if d.disposal.is_youth() && d.issued_on.is_some() && d.yot_referred_on.is_none() {
        out.push(finding(
            Severity::Warn,
            "YOT_REFERRAL",
            "the referral to the youth offending team is not recorded (CDA 1998 s.66ZB)",
        ));
    }
    if let (Some(issued), Some(referred)) = (d.issued_on, d.yot_referred_on) {
        if referred < issued && d.disposal == DisposalType::YouthCaution {
            out.push(finding(
                Severity::Block,
                "YOT_REFERRAL",
                format!("the youth offending team referral ({referred}) is dated before the caution ({issued})"),
            ));
        }
    }
    out
}

/// Refuses a condition on a youth caution (CDA 1998 s.66ZA).
pub fn no_conditions_on_youth_caution() -> CapFinding {
    finding(
        Severity::Block,
        "YOUTH_CAUTION_CONDITIONS",
        "a youth caution takes no conditions: remove them or give a youth conditional caution (CDA 1998 s.66ZA)",
    )
}

/// A completion date against the disposal's time limits. Past the normal
/// limit or the maximum, a conditional caution is refused unless a reason is
/// given for going beyond it (DOMAIN.md §2.4); with one the finding warns,
/// and the reason is kept with the change, so the audit log holds it.
pub fn check_due(
    rules: &Rules,
    disposal: DisposalType,
    issued_on: NaiveDate,
    due: NaiveDate,
    beyond_reason: Option<&str>,
) -> Vec<CapFinding> {
    let reasoned = given(beyond_reason);
    let mut out = caps::check_completion_due(rules, disposal, issued_on, due, reasoned);
    if disposal.is_conditional_caution() {
        for f in out.iter_mut().filter(|f| f.rule_id != "DUE_BEFORE_ISSUE") {
            if reasoned {
                f.severity = Severity::Warn;
                f.message.push_str("; going beyond it for the reason recorded");
            } else {
                f.severity = Severity::Block;
                f.message.push_str(": give a reason to go beyond it, or an earlier date");
            }
        }
    }
    out
}

/// A breach decision that contradicts itself is refused: a new due date
/// belongs only to varying the conditions (CJA 2003 s.24A(2)).
pub fn check_breach_decision(decision: BreachDecision, new_due: Option<NaiveDate>) -> Result<(), String> {
    match (decision, new_due) {
        (BreachDecision::VaryConditions, None) => Err("varying the conditions needs a new due date".into()),
        (BreachDecision::VaryConditions, Some(_)) | (_, None) => Ok(()),
        (other, Some(due)) => Err(format!(
            "a new due date ({due}) only goes with varying the conditions, not with \"{}\": clear the date or \
             choose to vary",
            other.label().to_lowercase()
        )),
    }
}

#[cfg(test)]
mod tests;
