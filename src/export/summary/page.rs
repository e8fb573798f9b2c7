//! The summary as the one page a service manager reads (issue 15 §2): what
//! happened today, each line counting what it says, then what needs
//! attention, then the audit head. Long lists of references are cut to the
//! first few with "and N more"; the workbook and the JSON keep every row.
//! The Markdown, the html page and the workbook's front sheet are all drawn
//! from this, so they say the same thing.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use super::words::{day, plural};
use super::PartyNames;
use crate::store::summary::{BreachLine, DeadlineLine, DecisionLine, Summary};
use crate::store::summary_done::{Activity, ActivityLine};

/// At most this many references beneath a line: the page must stay one page.
pub const CUT: usize = 8;

/// One line of the page: what it counts, and the references beneath it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub headline: String,
    pub references: Vec<String>,
    /// References left off by the cut.
    pub more: usize,
}

#[derive(Debug, Clone)]
pub struct Page {
    pub title: String,
    pub prepared: String,
    pub notice: String,
    pub happened: Vec<Line>,
    pub attention: Vec<Line>,
    pub foot: Vec<String>,
}

/// The page. With `names`, each reference carries its parties' names.
pub fn page(s: &Summary, names: Option<&PartyNames>) -> Page {
    let tag = |reference: &str| names.map_or_else(|| reference.to_string(), |n| n.tagged(reference));
    Page {
        title: format!("End-of-day summary: {}", day(s.date)),
        prepared: prepared(s),
        notice: match names {
            Some(n) => format!(
                "Contains names: disclosed to {} ({}), recorded in the disclosure log.",
                n.recipient, n.justification
            ),
            None => "References only: no names of anyone, officers included (officers by role).".to_string(),
        },
        happened: happened(s, &tag),
        attention: attention(s, &tag),
        foot: foot(s),
    }
}

fn prepared(s: &Summary) -> String {
    let who = s.prepared_by.clone().unwrap_or_else(|| {
        "this desk, whose user is not named yet (name one with casedesk settings me --name NAME --role ROLE)"
            .to_string()
    });
    let kind = if s.working_day { "a working day" } else { "not a working day" };
    format!("Prepared by {who}. {} is {kind}; the next working day is {}.", day(s.date), day(s.next_working_day))
}

type Tag<'a> = dyn Fn(&str) -> String + 'a;

fn happened(s: &Summary, tag: &Tag<'_>) -> Vec<Line> {
    let refs = |list: Vec<&str>| list.into_iter().map(tag).collect::<Vec<_>>();
    let mut out = vec![
        line(
            format!(
                "{} received{}",
                plural(s.referrals_received.len(), "referral"),
                tally(s.referrals_received.iter().map(|r| format!("{} from {}", r.service.label(), r.source.label())))
            ),
            refs(s.referrals_received.iter().map(|r| r.reference.as_str()).collect()),
        ),
        line(
            format!("{} made{}", plural(s.decisions.len(), "suitability decision"), decision_tally(&s.decisions)),
            refs(s.decisions.iter().map(|d| d.reference.as_str()).collect()),
        ),
        on_cases("condition", "completed", s.conditions_completed.iter().map(|c| c.reference.as_str()), tag),
        on_cases("breach", "found", s.breaches.new_today.iter().map(|b| b.reference.as_str()), tag),
        line(
            format!(
                "{} made{}",
                plural(s.breaches.decided_today.len(), "breach decision"),
                tally(s.breaches.decided_today.iter().map(|b| b.decision.label().to_string()))
            ),
            refs(s.breaches.decided_today.iter().map(|b| b.reference.as_str()).collect()),
        ),
        line(
            match s.variations.len() {
                0 => "No variations agreed".to_string(),
                n => format!("Variations agreed on {}", plural(n, "case")),
            },
            refs(s.variations.iter().map(String::as_str).collect()),
        ),
    ];
    out.extend(DONE[..5].iter().map(|d| done(s, d, tag)));
    out.push(contacts_and_enquiries(s));
    out.extend(DONE[5..].iter().map(|d| done(s, d, tag)));
    out
}

/// How one line of the day's activity counts itself: one, many, and the
/// sentence it says when there were none, written whole for each line
/// rather than made from the plural.
struct Done {
    activity: Activity,
    one: &'static str,
    many: &'static str,
    verb: &'static str,
    none: &'static str,
    /// A thing that is its case (a disposal): counted alone, each reference
    /// with its detail ("OOCD-2026-0001 (Outcome 3: adult caution)").
    is_the_case: bool,
}

/// The day's activity lines in the order the page shows them; contacts and
/// enquiries go between the letters and the follow-ups.
const DONE: [Done; 6] = [
    Done {
        activity: Activity::DisposalFinalised,
        one: "disposal",
        many: "disposals",
        verb: "finalised",
        none: "No disposals finalised",
        is_the_case: true,
    },
    Done {
        activity: Activity::MeetingHeld,
        one: "conference or meeting",
        many: "conferences and meetings",
        verb: "held",
        none: "No conferences or meetings held",
        is_the_case: false,
    },
    Done {
        activity: Activity::AgreementSigned,
        one: "outcome agreement",
        many: "outcome agreements",
        verb: "signed",
        none: "No outcome agreements signed",
        is_the_case: false,
    },
    Done {
        activity: Activity::ActionDone,
        one: "agreement item",
        many: "agreement items",
        verb: "done",
        none: "No agreement items done",
        is_the_case: false,
    },
    Done {
        activity: Activity::LetterSent,
        one: "letter",
        many: "letters",
        verb: "sent",
        none: "No letters sent",
        is_the_case: false,
    },
    Done {
        activity: Activity::FollowUpDone,
        one: "follow-up",
        many: "follow-ups",
        verb: "done",
        none: "No follow-ups done",
        is_the_case: false,
    },
];

/// Contacts logged on the day, and beside them the enquiries: calls about
/// no case yet (an officer asking for advice, a member of the public).
fn contacts_and_enquiries(s: &Summary) -> Line {
    let contacts = plural(usize::try_from(s.contacts_logged).unwrap_or(0), "contact");
    let enquiries = match s.enquiries_logged {
        0 => "no enquiries".to_string(),
        1 => "1 enquiry".to_string(),
        n => format!("{n} enquiries"),
    };
    line(format!("{contacts} and {enquiries} logged"), Vec::new())
}

fn attention(s: &Summary, tag: &Tag<'_>) -> Vec<Line> {
    vec![
        aged("item", "overdue", &s.overdue, tag),
        awaiting(&s.breaches.awaiting_decision, tag),
        line(
            format!(
                "{} run out or running out within 2 working days",
                plural(s.victims_code_timers_at_risk.len(), "Victims' Code clock")
            ),
            s.victims_code_timers_at_risk
                .iter()
                .map(|l| format!("{} ({})", tag(&l.reference), day(l.due_on)))
                .collect(),
        ),
        caseloads(s),
        line(
            format!("{} run out or running out", plural(s.vettings_due.len(), "facilitator's vetting")),
            s.vettings_due.iter().map(|v| vetting_words(v.facilitator, v.expires, s.date)).collect(),
        ),
        line(
            format!("{} still to be told the result", plural(s.harmed_parties_to_inform.len(), "harmed party")),
            s.harmed_parties_to_inform.iter().map(|r| tag(r)).collect(),
        ),
        line(
            format!("{} awaiting manager sign-off", plural(s.awaiting_manager_signoff.len(), "decision")),
            s.awaiting_manager_signoff.iter().map(|r| tag(r)).collect(),
        ),
        line(
            format!("{} overdue", plural(s.sense_checks_overdue.len(), "sense-check")),
            s.sense_checks_overdue.iter().map(|r| tag(r)).collect(),
        ),
        on_cases("item", "due today", s.due_today.iter().map(|l| l.reference.as_str()), tag),
    ]
}

fn caseloads(s: &Summary) -> Line {
    let over = s.caseloads.iter().filter(|c| c.over_maximum()).count();
    let mut loads: Vec<_> = s.caseloads.iter().collect();
    // Those over their maximum first, the fullest first: what the manager acts on.
    loads.sort_by_key(|c| (!c.over_maximum(), -c.open_cases, c.coordinator));
    line(
        format!("{} over their maximum caseload, of {}", plural(over, "coordinator"), s.caseloads.len()),
        loads
            .iter()
            .map(|c| match c.max_caseload {
                Some(max) => format!("Coordinator {}: {} of {max}", c.coordinator, c.open_cases),
                None => format!("Coordinator {}: {} (no maximum set)", c.coordinator, c.open_cases),
            })
            .collect(),
    )
}

fn foot(s: &Summary) -> Vec<String> {
    vec![
        format!(
            "Open: {}, {}. Records exported or disclosed today: {}. Retention reviews due this month: {}.",
            plural(super::words::total(&s.referral_pipeline).max(0) as usize, "referral").to_lowercase(),
            plural(super::words::total(&s.oocd_pipeline).max(0) as usize, "OOCD case").replace("No OOCD", "no OOCD"),
            s.records_disclosed_today,
            s.retention_reviews_due_this_month
        ),
        format!(
            "Audit chain (newest 5,000 changes): {}.",
            if s.audit_chain_ok { "intact" } else { "FAULT, run casedesk check" }
        ),
        format!("Audit head: {} (check later with casedesk check --head {}).", s.audit_head, s.audit_head),
    ]
}

fn line(headline: String, mut references: Vec<String>) -> Line {
    let more = references.len().saturating_sub(CUT);
    references.truncate(CUT);
    Line { headline, references, more }
}

/// "3 conditions completed on 2 cases": events, and the cases they fell on.
fn on_cases<'a>(thing: &str, verb: &str, refs: impl Iterator<Item = &'a str>, tag: &Tag<'_>) -> Line {
    let refs: Vec<&str> = refs.collect();
    let cases: BTreeSet<&str> = refs.iter().copied().collect();
    line(counted(refs.len(), &plural(refs.len(), thing), verb, cases.len()), cases.into_iter().map(tag).collect())
}

/// "3 letters sent on 2 cases", or "No letters sent".
fn counted(events: usize, what: &str, verb: &str, cases: usize) -> String {
    match events {
        0 => format!("{what} {verb}"),
        _ => format!("{what} {verb} on {}", plural(cases, "case")),
    }
}

/// "Facilitator 4 (ran out Sun 8 Nov 2026)": an expired vetting says so,
/// apart from one still to run out.
fn vetting_words(facilitator: i64, expires: NaiveDate, today: NaiveDate) -> String {
    let when = if expires < today { "ran out" } else { "runs out" };
    format!("Facilitator {facilitator} ({when} {})", day(expires))
}

fn done(s: &Summary, d: &Done, tag: &Tag<'_>) -> Line {
    let lines: Vec<&ActivityLine> = s.done_today.iter().filter(|a| a.activity == d.activity).collect();
    let cases: BTreeSet<&str> = lines.iter().map(|a| a.reference.as_str()).collect();
    if d.is_the_case {
        let headline = match lines.len() {
            0 => d.none.to_string(),
            1 => format!("1 {} {}", d.one, d.verb),
            n => format!("{n} {} {}", d.many, d.verb),
        };
        return line(headline, lines.iter().map(|a| format!("{} ({})", tag(&a.reference), a.detail)).collect());
    }
    let headline = match lines.len() {
        0 => d.none.to_string(),
        1 => format!("1 {} {} on 1 case", d.one, d.verb),
        n => format!("{n} {} {} on {}", d.many, d.verb, plural(cases.len(), "case")),
    };
    line(headline, cases.into_iter().map(tag).collect())
}

/// "11 items overdue on 9 cases, the oldest 11 working days".
fn aged(thing: &str, state: &str, lines: &[DeadlineLine], tag: &Tag<'_>) -> Line {
    let cases: BTreeSet<&str> = lines.iter().map(|l| l.reference.as_str()).collect();
    let oldest = lines.iter().map(|l| l.working_days_overdue).max().unwrap_or(0);
    let mut sorted: Vec<&DeadlineLine> = lines.iter().collect();
    sorted.sort_by_key(|l| -l.working_days_overdue);
    let mut headline = counted(lines.len(), &plural(lines.len(), thing), state, cases.len());
    if !lines.is_empty() {
        headline.push_str(&format!(", the oldest {}", plural(usize::try_from(oldest).unwrap_or(0), "working day")));
    }
    line(
        headline,
        sorted.iter().map(|l| format!("{} ({}, {})", tag(&l.reference), l.item, l.working_days_overdue)).collect(),
    )
}

fn awaiting(lines: &[BreachLine], tag: &Tag<'_>) -> Line {
    let oldest = lines.iter().map(|b| b.age_working_days).max().unwrap_or(0);
    let mut headline = format!("{} awaiting a decision", plural(lines.len(), "breach"));
    if !lines.is_empty() {
        headline.push_str(&format!(", the longest {}", plural(usize::try_from(oldest).unwrap_or(0), "working day")));
    }
    let mut sorted: Vec<&BreachLine> = lines.iter().collect();
    sorted.sort_by_key(|b| -b.age_working_days);
    let words = |b: &BreachLine| match b.referred_to.as_str() {
        "" => format!("{} ({})", tag(&b.reference), b.age_working_days),
        to => format!("{} ({}, referred to {to})", tag(&b.reference), b.age_working_days),
    };
    line(headline, sorted.into_iter().map(words).collect())
}

/// ": 1 Suitable, 2 Not suitable (harmed party declines 1, risk too high
/// 1)": each decision once, the not-suitable ones by their main reason.
fn decision_tally(decisions: &[DecisionLine]) -> String {
    let mut reasons: BTreeMap<&str, usize> = BTreeMap::new();
    for reason in decisions.iter().filter_map(|d| d.reason) {
        *reasons.entry(reason.label()).or_default() += 1;
    }
    let why: Vec<String> = reasons.into_iter().map(|(what, n)| format!("{what} {n}")).collect();
    tally(decisions.iter().map(|d| match d.reason {
        Some(_) => format!("{} ({})", d.decision.label(), why.join(", ")),
        None => d.decision.label().to_string(),
    }))
}

/// ": 2 Suitable, 1 Refer to manager": how many of each, after a count.
fn tally(items: impl Iterator<Item = String>) -> String {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for item in items {
        *counts.entry(item).or_default() += 1;
    }
    if counts.is_empty() {
        return String::new();
    }
    let parts: Vec<String> = counts.into_iter().map(|(what, n)| format!("{n} {what}")).collect();
    format!(": {}", parts.join(", "))
}

#[cfg(test)]
mod tests;
