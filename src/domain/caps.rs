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
use super::status::{str_enum, DisposalType, OffenceMode};

str_enum! {
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

str_enum! {
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
    let unpaid = sum_hours(conditions, |c| c.kind == ConditionKind::UnpaidWork);
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
                + sum_hours(conditions, |c| {
                    c.kind == ConditionKind::UnpaidWork && c.object != ConditionObject::Rehabilitation
                });
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
mod tests {
    use super::*;
    use ConditionKind as K;
    use ConditionObject as O;
    use DisposalType as D;

    fn cond(kind: K, object: O, hours: Option<f64>, amount_pence: Option<i64>) -> ConditionSpec {
        ConditionSpec { kind, object, hours, amount_pence }
    }
    fn hrs(kind: K, object: O, h: f64) -> ConditionSpec {
        cond(kind, object, Some(h), None)
    }
    fn fine(p: i64) -> ConditionSpec {
        cond(K::FinancialPenalty, O::Punishment, None, Some(p))
    }
    fn ctx(disposal: D, offence_mode: OffenceMode, age: Option<u8>) -> CapContext {
        CapContext { disposal, offence_mode, age }
    }
    fn acc() -> CapContext {
        ctx(D::AdultConditionalCaution, OffenceMode::SummaryOnly, Some(30))
    }
    /// The default rules with one rule changed.
    fn with_rule(id: &str, change: impl Fn(&mut Rule)) -> Rules {
        Rules::new(Rules::defaults().iter().cloned().map(|mut r| {
            if r.id == id {
                change(&mut r);
            }
            r
        }))
    }
    fn ids(f: &[CapFinding]) -> Vec<&str> {
        f.iter().map(|f| f.rule_id.as_str()).collect()
    }
    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn adult_cc_non_rehab_attendance_blocks_over_20h() {
        let r = Rules::defaults();
        let f = check_conditions(&r, &acc(), &[hrs(K::Attendance, O::Reparation, 21.0)]);
        assert_eq!(ids(&f), ["CC_ATTEND_MAX"]);
        assert!(has_blocking(&f));
        let f = check_conditions(&r, &acc(), &[hrs(K::Attendance, O::Reparation, 20.0)]);
        assert!(f.is_empty());
        // Unpaid work counts too, and the message names limit, value and source.
        let f = check_conditions(
            &r,
            &acc(),
            &[hrs(K::Attendance, O::Punishment, 14.0), hrs(K::UnpaidWork, O::Reparation, 10.0)],
        );
        assert_eq!(
            f[0].message,
            "non-rehabilitative attendance totals 24 h; the cap is 20 h (CJA 2003 s.22(3B), verified)"
        );
    }

    #[test]
    fn adult_cc_rehab_attendance_is_exempt() {
        let r = Rules::defaults();
        let f = check_conditions(
            &r,
            &acc(),
            &[hrs(K::Attendance, O::Rehabilitation, 30.0), hrs(K::RehabCourse, O::Rehabilitation, 12.0)],
        );
        assert!(f.is_empty(), "{f:?}");
    }

    #[test]
    fn adult_cc_financial_penalty_by_offence_mode() {
        let r = Rules::defaults();
        let f = check_conditions(&r, &acc(), &[fine(6000)]);
        assert_eq!(ids(&f), ["CC_FIN_SUMMARY"]);
        assert!(has_blocking(&f));
        assert_eq!(
            f[0].message,
            "financial penalty (summary only offence) totals £60; the cap is £50 (SI 2013/615, verified)"
        );
        assert!(check_conditions(&r, &acc(), &[fine(5000)]).is_empty());
        // Penalties add up.
        assert!(has_blocking(&check_conditions(&r, &acc(), &[fine(3000), fine(2001)])));
        // Either way allows £100; indictable-only £150.
        let ew = ctx(D::AdultConditionalCaution, OffenceMode::EitherWay, None);
        assert!(check_conditions(&r, &ew, &[fine(6000)]).is_empty());
        let io = ctx(D::AdultConditionalCaution, OffenceMode::IndictableOnly, None);
        assert_eq!(ids(&check_conditions(&r, &io, &[fine(15001)])), ["CC_FIN_INDICTABLE"]);
        // Compensation is reparation, not a penalty (§2.3).
        let comp = cond(K::ReparationCompensation, O::Reparation, None, Some(50_000));
        assert!(check_conditions(&r, &acc(), &[comp]).is_empty());
    }

    #[test]
    fn changing_a_rule_value_changes_the_outcome() {
        let raised = with_rule("CC_ATTEND_MAX", |r| r.value = 25.0);
        let c = [hrs(K::Attendance, O::Reparation, 21.0)];
        assert!(has_blocking(&check_conditions(&Rules::defaults(), &acc(), &c)));
        assert!(check_conditions(&raised, &acc(), &c).is_empty());
        let lowered = with_rule("CC_FIN_SUMMARY", |r| r.value = 4000.0);
        assert!(has_blocking(&check_conditions(&lowered, &acc(), &[fine(4500)])));
    }

    #[test]
    fn confidence_drives_severity_for_caps() {
        let weak = with_rule("CC_ATTEND_MAX", |r| r.confidence = Confidence::Partial);
        let f = check_conditions(&weak, &acc(), &[hrs(K::Attendance, O::Reparation, 21.0)]);
        assert_eq!(f[0].severity, Severity::Warn);
        assert!(!has_blocking(&f));
    }

    #[test]
    fn missing_rule_means_no_check() {
        let empty = Rules::default();
        let c = [hrs(K::Attendance, O::Reparation, 500.0), fine(1_000_000)];
        assert!(check_conditions(&empty, &acc(), &c).is_empty());
        assert!(
            check_completion_due(&empty, D::AdultConditionalCaution, d(2024, 1, 1), d(2025, 1, 1), false).is_empty()
        );
        assert_eq!(default_completion_due(&empty, D::AdultConditionalCaution, d(2024, 1, 1)), None);
    }

    #[test]
    fn community_resolution_penalty_always_blocks() {
        let c = ctx(D::CommunityResolution, OffenceMode::SummaryOnly, None);
        for rules in [Rules::defaults(), Rules::default()] {
            let f = check_conditions(&rules, &c, &[fine(100)]);
            assert_eq!(ids(&f), ["CR_NO_FINANCIAL_PENALTY"]);
            assert!(has_blocking(&f));
        }
        // Other CR actions are not capped.
        assert!(check_conditions(&Rules::defaults(), &c, &[hrs(K::UnpaidWork, O::Reparation, 40.0)]).is_empty());
    }

    #[test]
    fn negative_values_block() {
        let f = check_conditions(&Rules::defaults(), &acc(), &[hrs(K::Attendance, O::Reparation, -3.0), fine(-500)]);
        assert_eq!(ids(&f), ["NEGATIVE_VALUE", "NEGATIVE_VALUE"]);
        assert!(f[0].message.contains("hours must be zero or more"));
        assert!(f[1].message.contains("amount must be zero or more"));
        // A negative entry cannot offset another to slip under the cap.
        let f = check_conditions(
            &Rules::defaults(),
            &acc(),
            &[hrs(K::Attendance, O::Reparation, 25.0), hrs(K::Attendance, O::Reparation, -10.0)],
        );
        assert_eq!(ids(&f), ["NEGATIVE_VALUE", "CC_ATTEND_MAX"]);
    }

    #[test]
    fn ycc_financial_bands() {
        let r = Rules::defaults();
        let c15 = ctx(D::YouthConditionalCaution, OffenceMode::SummaryOnly, Some(15));
        assert!(check_conditions(&r, &c15, &[fine(3000)]).is_empty());
        assert_eq!(ids(&check_conditions(&r, &c15, &[fine(3001)])), ["YCC_FIN_1417_SUMMARY"]);
        let c12 = ctx(D::YouthConditionalCaution, OffenceMode::EitherWay, Some(12));
        assert_eq!(ids(&check_conditions(&r, &c12, &[fine(2600)])), ["YCC_FIN_1013_EITHER"]);
        // Unknown age: stricter band, with a warning that says so.
        let unknown = ctx(D::YouthConditionalCaution, OffenceMode::SummaryOnly, None);
        let f = check_conditions(&r, &unknown, &[fine(2000)]);
        assert_eq!(ids(&f), ["YCC_FIN_1013_SUMMARY", "YCC_FIN_1013_SUMMARY"]);
        assert_eq!(f[0].severity, Severity::Warn);
        assert!(f[0].message.contains("stricter 10–13"));
        assert_eq!(f[1].severity, Severity::Block);
        assert!(f[1].message.contains("£20"), "{}", f[1].message);
        assert!(f[1].message.contains("£15"));
    }

    #[test]
    fn ycc_hours_warn_because_unverified() {
        let r = Rules::defaults();
        let c = ctx(D::YouthConditionalCaution, OffenceMode::SummaryOnly, Some(15));
        let f = check_conditions(
            &r,
            &c,
            &[
                hrs(K::UnpaidWork, O::Reparation, 11.0),
                hrs(K::Attendance, O::Punishment, 21.0),
                hrs(K::RehabCourse, O::Rehabilitation, 40.0),
            ],
        );
        assert_eq!(ids(&f), ["YCC_UNPAID_MAX", "YCC_ATTEND_MAX"]);
        assert!(f.iter().all(|f| f.severity == Severity::Warn));
    }

    #[test]
    fn pcsc_caps() {
        let r = Rules::defaults();
        let dc = ctx(D::DiversionaryCaution, OffenceMode::EitherWay, Some(40));
        let f = check_conditions(
            &r,
            &dc,
            &[
                hrs(K::UnpaidWork, O::Reparation, 21.0),
                hrs(K::Attendance, O::Reparation, 21.0),
                hrs(K::Attendance, O::Rehabilitation, 50.0),
                fine(1_000_000), // no s.102(3) regulations yet: no rule, no check
            ],
        );
        assert_eq!(ids(&f), ["DC_UNPAID_MAX", "DC_ATTEND_MAX"]);
        assert_eq!(f[0].severity, Severity::Block); // verified
        assert_eq!(f[1].severity, Severity::Warn); // unverified

        let cc = ctx(D::CommunityCaution, OffenceMode::SummaryOnly, Some(40));
        let f = check_conditions(
            &r,
            &cc,
            &[hrs(K::UnpaidWork, O::Reparation, 11.0), hrs(K::Attendance, O::Reparation, 11.0)],
        );
        assert_eq!(ids(&f), ["COMC_UNPAID_MAX", "COMC_ATTEND_MAX"]);
        assert_eq!(f[0].severity, Severity::Block);
        assert_eq!(f[1].severity, Severity::Warn); // partial
        assert!(check_conditions(&r, &cc, &[hrs(K::UnpaidWork, O::Reparation, 10.0)]).is_empty());
    }

    #[test]
    fn completion_due_adult_cc() {
        let r = Rules::defaults();
        let issued = d(2024, 1, 1);
        let at = |weeks: i64| issued + Duration::days(7 * weeks);
        let acc = D::AdultConditionalCaution;

        assert!(check_completion_due(&r, acc, issued, at(16), false).is_empty());

        // 17 weeks: past the partial 16-week norm → warning only.
        let f = check_completion_due(&r, acc, issued, at(17), false);
        assert_eq!(ids(&f), ["CC_TIME_NORMAL"]);
        assert_eq!(f[0].severity, Severity::Warn);
        assert_eq!(
            f[0].message,
            "completion due 17 weeks after issue; the normal limit is 16 weeks \
             (2013 Code (via Olliers), partial) unless an exceptional extension is recorded"
        );
        // Recorded exceptional extension clears the normal-limit finding.
        assert!(check_completion_due(&r, acc, issued, at(17), true).is_empty());

        // 21 weeks: past the 20-week ceiling, still a warning while it is partial …
        let f = check_completion_due(&r, acc, issued, at(21), true);
        assert_eq!(ids(&f), ["CC_TIME_MAX"]);
        assert!(!has_blocking(&f));
        // … and a block once the rule is verified: confidence drives severity.
        let verified = with_rule("CC_TIME_MAX", |r| r.confidence = Confidence::Verified);
        let f = check_completion_due(&verified, acc, issued, at(21), true);
        assert!(has_blocking(&f));
        // Without the extension both limits are reported.
        let f = check_completion_due(&r, acc, issued, at(21), false);
        assert_eq!(ids(&f), ["CC_TIME_NORMAL", "CC_TIME_MAX"]);
    }

    #[test]
    fn completion_due_other_types_and_before_issue() {
        let r = Rules::defaults();
        let issued = d(2024, 3, 1);
        let f = check_completion_due(&r, D::CommunityResolution, issued, issued + Duration::days(85), false);
        assert_eq!(ids(&f), ["CR_TIME_NORMAL"]);
        assert!(f[0].message.contains("due 12 weeks 1 day after issue"), "{}", f[0].message);
        let f = check_completion_due(&r, D::CommunityCaution, issued, issued + Duration::days(113), false);
        assert_eq!(ids(&f), ["PCSC_TIME_NORMAL"]);
        let f = check_completion_due(&r, D::YouthConditionalCaution, issued, issued + Duration::days(113), false);
        assert_eq!(ids(&f), ["YCC_TIME_NORMAL"]);
        assert!(check_completion_due(&r, D::YouthCaution, issued, issued + Duration::days(1000), false).is_empty());

        let f = check_completion_due(&r, D::AdultConditionalCaution, issued, d(2024, 2, 28), false);
        assert_eq!(ids(&f), ["DUE_BEFORE_ISSUE"]);
        assert!(has_blocking(&f));
        assert!(check_completion_due(&r, D::AdultConditionalCaution, issued, issued, false).is_empty());
    }

    #[test]
    fn default_due_dates() {
        let r = Rules::defaults();
        let issued = d(2024, 1, 1);
        assert_eq!(
            default_completion_due(&r, D::AdultConditionalCaution, issued),
            Some((d(2024, 4, 22), "CC_TIME_NORMAL".to_string()))
        );
        assert_eq!(
            default_completion_due(&r, D::CommunityResolution, issued),
            Some((issued + Duration::days(84), "CR_TIME_NORMAL".to_string()))
        );
        assert_eq!(default_completion_due(&r, D::YouthCaution, issued), None);
        let changed = with_rule("CC_TIME_NORMAL", |r| r.value = 10.0);
        assert_eq!(
            default_completion_due(&changed, D::AdultConditionalCaution, issued),
            Some((issued + Duration::days(70), "CC_TIME_NORMAL".to_string()))
        );
        // The default never trips its own check.
        for &disp in D::ALL {
            if let Some((due, _)) = default_completion_due(&r, disp, issued) {
                assert!(check_completion_due(&r, disp, issued, due, false).is_empty());
            }
        }
    }

    #[test]
    fn stored_strings_round_trip() {
        for &k in K::ALL {
            assert_eq!(K::parse(k.as_str()), Some(k));
            assert!(O::ALL.contains(&k.default_object()));
        }
        for &o in O::ALL {
            assert_eq!(O::parse(o.as_str()), Some(o));
        }
        assert_eq!(K::ALL.len(), 18);
        assert_eq!(K::RehabCourse.as_str(), "rehab_course");
        assert_eq!(K::ReparationApologyLetter.as_str(), "reparation_apology_letter");
        assert_eq!(K::parse("bogus"), None);
        assert_eq!(K::FinancialPenalty.default_object(), O::Punishment);
        assert_eq!(K::RehabCourse.default_object(), O::Rehabilitation);
    }

    #[test]
    fn pounds_formatting() {
        assert_eq!(pounds(5000.0), "£50");
        assert_eq!(pounds(5050.0), "£50.50");
        assert_eq!(pounds(7.0), "£0.07");
    }
}
