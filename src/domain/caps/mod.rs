//! Caps on conditions and limits on completion time (DOMAIN.md §2.3, §2.4, §3,
//! §4.3–4.5, §12.3).
//!
//! Every figure comes from the rule table (`Rules`), never from this file,
//! because many are partial or unverified and some depend on regulations not
//! yet made (§4.1). The rule's confidence decides what a breach of it means:
//! a `Verified` figure is the law as read, so exceeding it **blocks**; a
//! `Partial`/`Unverified` figure is a configurable default, so exceeding it
//! **warns** and the decision maker decides (§12, "configurable defaults").
//! A rule missing from the table means that cap is not checked at all.

use chrono::{Duration, NaiveDate};

use super::rules::{Confidence, Rule, Rules};
use super::status::{DisposalType, OffenceMode};
use crate::text_enum;

text_enum! {
    /// The kind of a condition or CR agreed action (`condition.kind`, §12.2).
    pub enum ConditionKind {
        RehabCourse => ("rehab_course", "Rehabilitative course"),
        RehabReferralSupport => ("rehab_referral_support", "Referral to support service"),
        Attendance => ("attendance", "Attendance at a specified place"),
        UnpaidWork => ("unpaid_work", "Unpaid work"),
        ReparationApologyLetter => ("reparation_apology_letter", "Letter of apology"),
        ReparationApologyVerbal => ("reparation_apology_verbal", "Verbal apology"),
        ReparationRepairDamage => ("reparation_repair_damage", "Repair damage"),
        ReparationCompensation => ("reparation_compensation", "Compensation to victim"),
        ReparationRjParticipation => ("reparation_rj_participation", "Take part in restorative justice"),
        FinancialPenalty => ("financial_penalty", "Financial penalty"),
        RestrictiveNoContact => ("restrictive_no_contact", "No contact"),
        RestrictiveExclusionArea => ("restrictive_exclusion_area", "Exclusion from an area"),
        RestrictiveActivity => ("restrictive_activity", "Not take part in an activity"),
        RestrictiveConduct => ("restrictive_conduct", "Not engage in specified conduct"),
        ForeignOffenderDeparture => ("foreign_offender_departure", "Foreign offender: departure"),
        Sobriety => ("sobriety", "Sobriety"),
        AcceptableBehaviourContract => ("acceptable_behaviour_contract", "Acceptable behaviour contract"),
        Other => ("other", "Other"),
    }
}

text_enum! {
    /// The statutory object of a condition (`condition.object`): CJA 2003
    /// s.22(3) rehabilitation / reparation / punishment, restrictive conditions
    /// supporting them (§2.2), and s.22(3D)–(3E) foreign offenders.
    pub enum ConditionObject {
        Rehabilitation => ("rehabilitation", "Rehabilitation"),
        Reparation => ("reparation", "Reparation"),
        Punishment => ("punishment", "Punishment"),
        Restriction => ("restriction", "Restriction"),
        ForeignOffender => ("foreign_offender", "Foreign offender"),
    }
}

impl ConditionKind {
    /// The object a new condition of this kind starts with; the user may change it.
    /// Plain attendance and unpaid work default to reparation, not
    /// rehabilitation, so that they count towards the caps until someone
    /// records a rehabilitative purpose (s.22(3B) exempts only that purpose).
    pub fn default_object(self) -> ConditionObject {
        use ConditionKind::*;
        match self {
            RehabCourse | RehabReferralSupport | Sobriety => ConditionObject::Rehabilitation,
            Attendance
            | UnpaidWork
            | ReparationApologyLetter
            | ReparationApologyVerbal
            | ReparationRepairDamage
            | ReparationCompensation
            | ReparationRjParticipation
            | Other => ConditionObject::Reparation,
            FinancialPenalty => ConditionObject::Punishment,
            RestrictiveNoContact
            | RestrictiveExclusionArea
            | RestrictiveActivity
            | RestrictiveConduct
            | AcceptableBehaviourContract => ConditionObject::Restriction,
            ForeignOffenderDeparture => ConditionObject::ForeignOffender,
        }
    }

    /// Kinds measured in hours at a specified place: the "attend a specified
    /// place at specified times" condition of CJA 2003 s.22(3A)(b) and the
    /// PCSC 2022 ss.101/110 attendance requirement. Unpaid work is kept apart
    /// because PCSC and the youth guidance cap it separately.
    fn is_attendance(self) -> bool {
        matches!(self, ConditionKind::Attendance | ConditionKind::RehabCourse | ConditionKind::RehabReferralSupport)
    }
}

impl ConditionSpec {
    /// Whether this condition is unpaid work by what it requires, whatever
    /// its label: hours of something other than attendance (repairing
    /// damage for 8 hours, "other" for 15 hours) are hours of work, and a
    /// cap on unpaid work that only read the label could be stepped round.
    fn is_work(&self) -> bool {
        self.kind == ConditionKind::UnpaidWork
            || (!self.kind.is_attendance() && self.object != ConditionObject::Rehabilitation && self.hours.is_some())
    }
}

/// One proposed condition, as far as the caps care.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ConditionSpec {
    pub kind: ConditionKind,
    pub object: ConditionObject,
    pub hours: Option<f64>,
    pub amount_pence: Option<i64>,
}

/// What the caps depend on besides the conditions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CapContext {
    pub disposal: DisposalType,
    pub offence_mode: OffenceMode,
    /// Age at the time of the offence/disposal, if known (YCC bands, SI 2013/608).
    pub age: Option<u8>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The condition set may not be saved/issued as it stands.
    Block,
    /// Shown to the decision maker, who may proceed.
    Warn,
}

/// One problem with a condition set or a deadline.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CapFinding {
    pub severity: Severity,
    /// The rule-table id the finding rests on. Findings that rest on no rule
    /// value use an id of their own: `CR_NO_FINANCIAL_PENALTY`,
    /// `NEGATIVE_VALUE`, `DUE_BEFORE_ISSUE`.
    pub rule_id: String,
    /// Names the limit, the value and the source.
    pub message: String,
}

/// Whether any finding stops the action.
pub fn has_blocking(findings: &[CapFinding]) -> bool {
    findings.iter().any(|f| f.severity == Severity::Block)
}

/// Verified law blocks; anything less sure warns (module doc).
fn severity_for(c: Confidence) -> Severity {
    match c {
        Confidence::Verified => Severity::Block,
        Confidence::Partial | Confidence::Unverified => Severity::Warn,
    }
}

fn source_note(rule: &Rule) -> String {
    format!("({}, {})", rule.source, rule.confidence.as_str())
}

fn pounds(pence: f64) -> String {
    if pence.fract() == 0.0 && (pence as i64) % 100 == 0 {
        format!("£{}", pence as i64 / 100)
    } else {
        format!("£{:.2}", pence / 100.0)
    }
}

#[derive(Clone, Copy)]
enum Unit {
    Hours,
    Pence,
}

impl Unit {
    fn show(self, v: f64) -> String {
        match self {
            Unit::Hours => format!("{v} h"),
            Unit::Pence => pounds(v),
        }
    }
}

/// A finding if `total` exceeds the rule's value; none if the rule is absent.
fn over_cap(rules: &Rules, id: &str, what: &str, total: f64, unit: Unit) -> Option<CapFinding> {
    let rule = rules.get(id)?;
    (total > rule.value).then(|| CapFinding {
        severity: severity_for(rule.confidence),
        rule_id: id.to_string(),
        message: format!(
            "{what} totals {}; the cap is {} {}",
            unit.show(total),
            unit.show(rule.value),
            source_note(rule)
        ),
    })
}

fn block(rule_id: &str, message: String) -> CapFinding {
    CapFinding { severity: Severity::Block, rule_id: rule_id.to_string(), message }
}

/// Valid (finite, non-negative) hours of a condition; invalid values are
/// reported separately and left out of the totals.
fn hours(c: &ConditionSpec) -> f64 {
    c.hours.filter(|h| h.is_finite() && *h >= 0.0).unwrap_or(0.0)
}

fn sum_hours(conditions: &[ConditionSpec], pick: impl Fn(&ConditionSpec) -> bool) -> f64 {
    conditions.iter().filter(|c| pick(c)).map(hours).sum()
}

fn mode_suffix(mode: OffenceMode) -> &'static str {
    match mode {
        OffenceMode::SummaryOnly => "SUMMARY",
        OffenceMode::EitherWay => "EITHER",
        OffenceMode::IndictableOnly => "INDICTABLE",
    }
}

/// Checks a proposed condition set against the caps for its disposal.
pub fn check_conditions(rules: &Rules, ctx: &CapContext, conditions: &[ConditionSpec]) -> Vec<CapFinding> {
    let mut out = Vec::new();

    // Nonsense values are refused outright: they would silently lower a total.
    for c in conditions {
        if let Some(h) = c.hours.filter(|h| !h.is_finite() || *h < 0.0) {
            out.push(block("NEGATIVE_VALUE", format!("{}: hours must be zero or more (got {h})", c.kind.label())));
        }
        if let Some(p) = c.amount_pence.filter(|p| *p < 0) {
            out.push(block(
                "NEGATIVE_VALUE",
                format!("{}: amount must be zero or more (got {} pence)", c.kind.label(), p),
            ));
        }
    }

    let penalties: Vec<&ConditionSpec> =
        conditions.iter().filter(|c| c.kind == ConditionKind::FinancialPenalty).collect();
    let penalty_total: f64 =
        penalties.iter().filter_map(|c| c.amount_pence.filter(|p| *p >= 0)).map(|p| p as f64).sum();
    let unpaid = sum_hours(conditions, ConditionSpec::is_work);
    // Attendance for a rehabilitative purpose does not count (CJA 2003 s.22(3B)).
    let non_rehab_attendance =
        sum_hours(conditions, |c| c.kind.is_attendance() && c.object != ConditionObject::Rehabilitation);
    // PCSC ss.101/110 cap attendance whose only object is reparation (§4.3, §4.4).
    let reparative_attendance =
        sum_hours(conditions, |c| c.kind.is_attendance() && c.object == ConditionObject::Reparation);

    match ctx.disposal {
        DisposalType::AdultConditionalCaution => {
            // s.22(3A)(b)/(3B): unpaid work is attendance at a specified place, so
            // it shares the 20-hour cap unless its purpose is rehabilitative (§4.5 table).
            let adult_non_rehab = non_rehab_attendance
                + sum_hours(conditions, |c| c.is_work() && c.object != ConditionObject::Rehabilitation);
            out.extend(over_cap(rules, "CC_ATTEND_MAX", "non-rehabilitative attendance", adult_non_rehab, Unit::Hours));
            // SI 2013/615: cap by offence classification (§2.3).
            if !penalties.is_empty() {
                let id = format!("CC_FIN_{}", mode_suffix(ctx.offence_mode));
                out.extend(over_cap(
                    rules,
                    &id,
                    &format!("financial penalty ({} offence)", ctx.offence_mode.label().to_lowercase()),
                    penalty_total,
                    Unit::Pence,
                ));
            }
        }
        DisposalType::YouthConditionalCaution => {
            // SI 2013/608: bands 14–17 and 10–13 (§3).
            if !penalties.is_empty() {
                let band = match ctx.age {
                    Some(a) if a >= 14 => "1417",
                    _ => "1013",
                };
                let id = format!("YCC_FIN_{band}_{}", mode_suffix(ctx.offence_mode));
                if ctx.age.is_none() {
                    // Unknown age: the stricter band protects the child; say so.
                    out.push(CapFinding {
                        severity: Severity::Warn,
                        rule_id: id.clone(),
                        message: "age not recorded: the stricter 10–13 financial penalty cap \
                                  is applied (SI 2013/608)"
                            .to_string(),
                    });
                }
                let band_label = if band == "1417" { "14–17" } else { "10–13" };
                out.extend(over_cap(
                    rules,
                    &id,
                    &format!(
                        "financial penalty (age {band_label}, {} offence)",
                        ctx.offence_mode.label().to_lowercase()
                    ),
                    penalty_total,
                    Unit::Pence,
                ));
            }
            // DPP YCC guidance 2010 annex A: unpaid work ≤ 10 h (§3, [U]).
            out.extend(over_cap(rules, "YCC_UNPAID_MAX", "unpaid work", unpaid, Unit::Hours));
            // By analogy with CJA 2003 s.22(3B) (§4.5 table, [U]).
            out.extend(over_cap(
                rules,
                "YCC_ATTEND_MAX",
                "non-rehabilitative attendance",
                non_rehab_attendance,
                Unit::Hours,
            ));
        }
        DisposalType::DiversionaryCaution => {
            // PCSC 2022 s.101 (§4.3). The financial cap awaits s.102(3) regulations:
            // no rule, no check.
            out.extend(over_cap(rules, "DC_UNPAID_MAX", "unpaid work", unpaid, Unit::Hours));
            out.extend(over_cap(rules, "DC_ATTEND_MAX", "reparative attendance", reparative_attendance, Unit::Hours));
        }
        DisposalType::CommunityCaution => {
            // PCSC 2022 s.110 (§4.4). Financial cap awaits s.111(3) regulations.
            out.extend(over_cap(rules, "COMC_UNPAID_MAX", "unpaid work", unpaid, Unit::Hours));
            out.extend(over_cap(rules, "COMC_ATTEND_MAX", "reparative attendance", reparative_attendance, Unit::Hours));
        }
        DisposalType::CommunityResolution => {
            // A CR has voluntary agreed actions, not statutory conditions (§5);
            // a financial penalty needs statutory authority (CJA 2003 s.23A), so
            // it is a hard block whatever the rule table says (§12.3).
            if !penalties.is_empty() {
                out.push(block(
                    "CR_NO_FINANCIAL_PENALTY",
                    "a community resolution cannot carry a financial penalty: its actions are \
                     agreed, not statutory conditions (DOMAIN.md §5, §12.3)"
                        .to_string(),
                ));
            }
        }
        // A youth caution has no conditions (CDA 1998 s.66ZA) and outcome 22
        // activity has no statutory caps: nothing to check.
        DisposalType::YouthCaution | DisposalType::Outcome22Diversion => {}
    }
    out
}

/// The completion-time rules of a disposal: (normal, absolute maximum).
fn time_rules(disposal: DisposalType) -> (Option<&'static str>, Option<&'static str>) {
    match disposal {
        // 2013 Code via Olliers: normally 16 weeks, exceptionally up to 20 (§2.4).
        DisposalType::AdultConditionalCaution => (Some("CC_TIME_NORMAL"), Some("CC_TIME_MAX")),
        // 2013 Youth Code s.9; figure not seen (§3).
        DisposalType::YouthConditionalCaution => (Some("YCC_TIME_NORMAL"), None),
        // PCSC 2022 s.116: left to a Code not yet made (§4.2).
        DisposalType::DiversionaryCaution | DisposalType::CommunityCaution => (Some("PCSC_TIME_NORMAL"), None),
        // Local CR policy (§5).
        DisposalType::CommunityResolution => (Some("CR_TIME_NORMAL"), None),
        DisposalType::YouthCaution | DisposalType::Outcome22Diversion => (None, None),
    }
}

/// A rule in weeks as calendar days (§12.3: calendar weeks).
fn weeks_to_days(rule: &Rule) -> i64 {
    (rule.value * 7.0).round() as i64
}

fn show_days(days: i64) -> String {
    let plural = |n: i64, one: &str| format!("{n} {one}{}", if n == 1 { "" } else { "s" });
    match (days / 7, days % 7) {
        (w, 0) => plural(w, "week"),
        (w, d) => format!("{} {}", plural(w, "week"), plural(d, "day")),
    }
}

/// Checks a completion due date against the disposal's time limits.
pub fn check_completion_due(
    rules: &Rules,
    disposal: DisposalType,
    issued_on: NaiveDate,
    due: NaiveDate,
    extended_exceptionally: bool,
) -> Vec<CapFinding> {
    if due < issued_on {
        return vec![block("DUE_BEFORE_ISSUE", format!("completion due {due} is before the issue date {issued_on}"))];
    }
    let days = (due - issued_on).num_days();
    let (normal, max) = time_rules(disposal);
    let mut out = Vec::new();

    // Past the normal period is allowed only exceptionally, and the exception
    // must be recorded (§2.4, §12.3).
    if let Some(rule) = normal.and_then(|id| rules.get(id)) {
        let limit = weeks_to_days(rule);
        if days > limit && !extended_exceptionally {
            out.push(CapFinding {
                severity: severity_for(rule.confidence),
                rule_id: rule.id.clone(),
                message: format!(
                    "completion due {} after issue; the normal limit is {} {} \
                     unless an exceptional extension is recorded",
                    show_days(days),
                    show_days(limit),
                    source_note(rule)
                ),
            });
        }
    }
    // The ceiling applies even to an exceptional extension (§2.4).
    if let Some(rule) = max.and_then(|id| rules.get(id)) {
        let limit = weeks_to_days(rule);
        if days > limit {
            out.push(CapFinding {
                severity: severity_for(rule.confidence),
                rule_id: rule.id.clone(),
                message: format!(
                    "completion due {} after issue; the maximum, even exceptionally, is {} {}",
                    show_days(days),
                    show_days(limit),
                    source_note(rule)
                ),
            });
        }
    }
    out
}

/// The default completion date: issue date plus the normal period in calendar
/// weeks, with the rule id to store beside it (§12.1 principle 3, §12.3).
/// `None` when the disposal has no time rule or the table lacks it.
pub fn default_completion_due(
    rules: &Rules,
    disposal: DisposalType,
    issued_on: NaiveDate,
) -> Option<(NaiveDate, String)> {
    let rule = rules.get(time_rules(disposal).0?)?;
    let due = issued_on.checked_add_signed(Duration::days(weeks_to_days(rule)))?;
    Some((due, rule.id.clone()))
}

#[cfg(test)]
mod tests;
