//! The rule table in words a person reads: what each rule is, its value in
//! its unit, what it does when crossed, and whether the desk lets it be
//! changed. The Rules view and `casedesk rules` both draw on this, so the two
//! never disagree.

use chrono::NaiveDate;

use super::legal::{Rank, MIN_RANK_RULE, PCSC_COMMENCEMENT_RULE};
use super::rules::{Confidence, Rule};

/// What a rule does when a case crosses it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Effect {
    /// Refuses the save.
    Blocks,
    /// Refuses the save unless a reason is recorded (the conditional
    /// caution time limit: "needs a reason" to go beyond it).
    BlocksWithoutReason,
    /// Saves, saying what is wrong.
    Warns,
    /// Sets when something falls due on Today or the checklist.
    Timer,
    /// A setting of the desk itself (how many backups are kept).
    Setting,
    /// A timer DOMAIN.md describes that nothing on the desk reads yet.
    NotUsedYet,
}

/// The timers seeded from DOMAIN.md that nothing reads yet (issue 13 §5).
/// First contact, transfer, agreement follow-up, breach confirmation,
/// at-risk and harmed party told are read by Today's "Waiting too long" section (`store::today::timers`);
/// the Victims' Code clock, enhanced rights included, is started at intake,
/// and the referral is timed against the report (`domain::victims_code`).
/// None is left unread now. A timer listed here stays in the table, so a
/// force's values survive until it is read, and the Rules view says it does
/// nothing rather than pretend.
/// `tests/rules_read.rs` fails when one is read and still listed here, or a
/// timer is neither.
pub const NOT_YET_USED: &[&str] = &[];

impl Effect {
    pub fn label(self) -> &'static str {
        match self {
            Effect::Blocks => "blocks",
            Effect::BlocksWithoutReason => "needs a reason",
            Effect::Warns => "warns",
            Effect::Timer => "sets a timer",
            Effect::Setting => "desk setting",
            Effect::NotUsedYet => "not used yet",
        }
    }
}

/// What the rule is, in a few words. A rule the desk does not know (one a
/// user added by hand) is named by its id in plain words.
pub fn name(id: &str) -> String {
    NAMES.iter().find(|(k, _)| *k == id).map_or_else(|| id.replace('_', " ").to_lowercase(), |(_, n)| n.to_string())
}

/// What crossing the rule does: verified law blocks, less sure figures
/// warn (as the caps do), the conditional caution time limit blocks unless
/// a reason is given, and working-day figures only time things.
pub fn effect(rule: &Rule) -> Effect {
    if NOT_YET_USED.contains(&rule.id.as_str()) {
        return Effect::NotUsedYet;
    }
    match rule.id.as_str() {
        "CC_TIME_NORMAL" | "CC_TIME_MAX" => Effect::BlocksWithoutReason,
        PCSC_COMMENCEMENT_RULE => Effect::Blocks,
        MIN_RANK_RULE => Effect::Warns,
        _ => match rule.unit.as_str() {
            "wd" | "days" | "years" => Effect::Timer,
            "backups" => Effect::Setting,
            _ if rule.confidence == Confidence::Verified => Effect::Blocks,
            _ => Effect::Warns,
        },
    }
}

/// Whether the desk lets the rule be changed: local figures ([P] and [U] in
/// DOMAIN.md) may be; verified law may not, whatever the reason.
pub fn is_local(rule: &Rule) -> bool {
    rule.confidence != Confidence::Verified
}

/// Why a rule cannot be changed, or None when it can.
pub fn refusal(rule: &Rule) -> Option<String> {
    (!is_local(rule)).then(|| {
        format!(
            "{} is set by law ({}) and cannot be changed on the desk: if the law has changed, a new casedesk release carries it",
            capitalised(&name(&rule.id)),
            rule.source
        )
    })
}

/// The value in its unit, as a person writes it: £50, 20 hours, 5 working
/// days, Inspector, 1 April 2027.
pub fn value_text(rule: &Rule) -> String {
    let v = rule.value;
    let n = number(v);
    match rule.id.as_str() {
        MIN_RANK_RULE => return Rank::at_level(v).map_or(n, |r| r.label().to_string()),
        PCSC_COMMENCEMENT_RULE => return day_from_number(v).map_or(n, super::dates::long),
        _ => {}
    }
    match rule.unit.as_str() {
        "pence" => pounds(v),
        "h" => plural(&n, v, "hour"),
        "weeks" => plural(&n, v, "week"),
        "wd" => plural(&n, v, "working day"),
        "days" => plural(&n, v, "day"),
        "years" => plural(&n, v, "year"),
        "backups" => plural(&n, v, "backup"),
        other => format!("{n} {other}"),
    }
}

/// The unit in words.
pub fn unit_text(unit: &str) -> &str {
    match unit {
        "pence" => "pounds",
        "h" => "hours",
        "wd" => "working days",
        other => other,
    }
}

/// The days a rule applies between, in words.
pub fn in_effect(from: Option<NaiveDate>, to: Option<NaiveDate>) -> String {
    match (from, to) {
        (None, None) => "always".into(),
        (Some(f), None) => format!("from {f}"),
        (None, Some(t)) => format!("until {t}"),
        (Some(f), Some(t)) => format!("{f} to {t}"),
    }
}

/// How sure the source is, in words.
pub fn confidence_text(c: Confidence) -> &'static str {
    match c {
        Confidence::Verified => "verified",
        Confidence::Partial => "partly verified",
        Confidence::Unverified => "not verified",
    }
}

/// A day held in a rule's value as YYYYMMDD.
fn day_from_number(v: f64) -> Option<NaiveDate> {
    let n = v.round() as i64;
    NaiveDate::from_ymd_opt((n / 10_000) as i32, (n / 100 % 100) as u32, (n % 100) as u32)
}

fn number(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

fn pounds(pence: f64) -> String {
    let p = pence.round() as i64;
    if p % 100 == 0 {
        format!("£{}", p / 100)
    } else {
        format!("£{}.{:02}", p / 100, p % 100)
    }
}

fn plural(n: &str, v: f64, word: &str) -> String {
    if v == 1.0 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next().map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}

const NAMES: &[(&str, &str)] = &[
    ("CC_FIN_SUMMARY", "Conditional caution fine, summary offence"),
    ("CC_FIN_EITHER", "Conditional caution fine, either-way offence"),
    ("CC_FIN_INDICTABLE", "Conditional caution fine, indictable offence"),
    ("CC_ATTEND_MAX", "Conditional caution attendance, most hours"),
    ("CC_TIME_NORMAL", "Conditional caution time limit"),
    ("CC_TIME_MAX", "Conditional caution time limit with a reason"),
    ("DC_UNPAID_MAX", "Diversionary caution unpaid work, most hours"),
    ("DC_ATTEND_MAX", "Diversionary caution attendance, most hours"),
    ("COMC_UNPAID_MAX", "Community caution unpaid work, most hours"),
    ("COMC_ATTEND_MAX", "Community caution attendance, most hours"),
    ("PCSC_TIME_NORMAL", "Diversionary and community caution time limit"),
    ("YCC_FIN_1417_SUMMARY", "Youth conditional caution fine, 14 to 17, summary offence"),
    ("YCC_FIN_1417_EITHER", "Youth conditional caution fine, 14 to 17, either-way offence"),
    ("YCC_FIN_1417_INDICTABLE", "Youth conditional caution fine, 14 to 17, indictable offence"),
    ("YCC_FIN_1013_SUMMARY", "Youth conditional caution fine, 10 to 13, summary offence"),
    ("YCC_FIN_1013_EITHER", "Youth conditional caution fine, 10 to 13, either-way offence"),
    ("YCC_FIN_1013_INDICTABLE", "Youth conditional caution fine, 10 to 13, indictable offence"),
    ("YCC_UNPAID_MAX", "Youth conditional caution unpaid work, most hours"),
    ("YCC_ATTEND_MAX", "Youth conditional caution attendance, most hours"),
    ("YCC_TIME_NORMAL", "Youth conditional caution time limit"),
    ("CR_TIME_NORMAL", "Community resolution time limit"),
    ("VC_RJ_INFO_WD", "Victims' Code: restorative justice information to the victim"),
    ("VC_RJ_INFO_ENH_WD", "Victims' Code: restorative justice information, enhanced rights"),
    ("VC_REFERRAL_WD", "Victims' Code: referral to the restorative justice service"),
    ("RETENTION_REVIEW_YEARS", "Retention review after the case ends"),
    ("AT_RISK_WD", "Case at risk after"),
    ("SENSE_CHECK_WD", "New referral sense-checked within"),
    ("FIRST_CONTACT_WD", "First contact with the parties within"),
    ("RISK_ASSESSMENT_WD", "Risk assessment finished within"),
    ("TRANSFER_WD", "Referral transferred to a coordinator within"),
    ("AGREEMENT_FOLLOWUP_WD", "Outcome agreement followed up within"),
    ("HARMED_INFORMED_WD", "Harmed party told the result within"),
    ("BREACH_CONFIRM_WD", "Breach confirmed within"),
    ("AWAITING_INFO_STALE_WD", "Waiting for information, chase after"),
    ("DUE_SOON_WD", "Due soon: days ahead shown on Today"),
    ("VETTING_WARNING_DAYS", "Facilitator's vetting to renew: days ahead shown on Today"),
    ("BACKUP_KEEP", "Daily backups kept"),
    ("BACKUP_KEEP_WEEKLY", "Weekly backups kept after the dailies"),
    (MIN_RANK_RULE, "Lowest rank that may authorise a disposal"),
    (PCSC_COMMENCEMENT_RULE, "Diversionary and community cautions in force from"),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::rules::Rules;

    fn rule(id: &str) -> Rule {
        Rules::defaults().get(id).cloned().expect("a seeded rule")
    }

    #[test]
    fn every_seeded_rule_has_a_name_in_words() {
        for r in Rules::defaults().iter() {
            let n = name(&r.id);
            assert!(!n.contains('_') && n != r.id.to_lowercase(), "{} has no name", r.id);
        }
    }

    #[test]
    fn values_read_in_their_units() {
        assert_eq!(value_text(&rule("CC_FIN_SUMMARY")), "£50");
        assert_eq!(value_text(&rule("CC_ATTEND_MAX")), "20 hours");
        assert_eq!(value_text(&rule("VC_RJ_INFO_ENH_WD")), "1 working day");
        let mut rank = rule("AT_RISK_WD");
        rank.id = MIN_RANK_RULE.into();
        rank.value = 3.0;
        assert_eq!(value_text(&rank), "Inspector");
        rank.id = PCSC_COMMENCEMENT_RULE.into();
        rank.value = 20270401.0;
        assert_eq!(value_text(&rank), "1 April 2027");
    }

    #[test]
    fn verified_law_blocks_and_is_not_editable_local_figures_are() {
        assert_eq!(effect(&rule("CC_FIN_SUMMARY")), Effect::Blocks);
        assert_eq!(effect(&rule("COMC_ATTEND_MAX")), Effect::Warns);
        assert_eq!(effect(&rule("CC_TIME_NORMAL")), Effect::BlocksWithoutReason);
        assert_eq!(effect(&rule("DUE_SOON_WD")), Effect::Timer);
        // Today reads the at-risk and harmed-party-told timers (issue 13 §5).
        assert_eq!(effect(&rule("AT_RISK_WD")), Effect::Timer);
        assert_eq!(effect(&rule("HARMED_INFORMED_WD")), Effect::Timer);
        assert_eq!(effect(&rule("VC_REFERRAL_WD")), Effect::Timer);
        assert!(refusal(&rule("CC_FIN_SUMMARY")).is_some_and(|r| r.contains("SI 2013/615")));
        assert_eq!(refusal(&rule("AT_RISK_WD")), None);
    }
}
