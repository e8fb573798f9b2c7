//! The period's figures, each with its written counting definition: what is
//! counted, from which date, which statuses. Commissioners' returns differ in
//! exactly these choices (DOMAIN.md §9.11), so the definition travels with
//! the number wherever it goes.

use serde::{Serialize, Serializer};

use crate::domain::status::{OocdStatus, RjStatus};
use crate::domain::types::{Service, Source};
use crate::domain::workdays::WorkCalendar;
use crate::store::views::reports::{Outcome, PeriodFacts, Tally};

/// One number of the report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figure {
    /// Stable machine name, e.g. `referrals_by_source.police`.
    pub key: String,
    pub label: String,
    pub value: FigureValue,
    pub definition: String,
}

/// A count, a time in working days (none when nothing was timed), or
/// another measure such as a mean score or a percentage (none when there
/// was nothing to measure).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum FigureValue {
    Count(i64),
    WorkingDays(Option<f64>),
    Number(Option<f64>),
}

impl FigureValue {
    /// The value as a plain number for files ("" when there is none).
    pub fn text(self) -> String {
        match self {
            FigureValue::Count(n) => n.to_string(),
            FigureValue::WorkingDays(Some(d)) | FigureValue::Number(Some(d)) if d.fract() == 0.0 => format!("{d:.0}"),
            FigureValue::WorkingDays(Some(d)) | FigureValue::Number(Some(d)) => format!("{d:.1}"),
            FigureValue::WorkingDays(None) | FigureValue::Number(None) => String::new(),
        }
    }

    /// The value for a spreadsheet number cell.
    pub fn number(self) -> Option<f64> {
        match self {
            FigureValue::Count(n) => Some(n as f64),
            FigureValue::WorkingDays(d) | FigureValue::Number(d) => d,
        }
    }
}

/// JSON: a number, or null for a time with nothing timed.
impl Serialize for FigureValue {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            FigureValue::Count(n) => s.serialize_i64(*n),
            FigureValue::WorkingDays(Some(d)) | FigureValue::Number(Some(d)) => s.serialize_f64(*d),
            FigureValue::WorkingDays(None) | FigureValue::Number(None) => s.serialize_none(),
        }
    }
}

const WORKING_DAYS: &str = "Time in working days (Monday to Friday, not England and Wales bank holidays) \
from the received date, which is day 0.";
const MEDIAN: &str = "Median: the middle time (the mean of the two middle ones for an even count); blank if none.";
const P90: &str = "90th percentile (nearest rank): the time at position ⌈0.9 × n⌉ of the n times in order, so \
at least 90% took that long or less; blank if none.";

/// Every figure of the period, in the order the report shows them.
pub fn build(facts: &PeriodFacts, calendar: &WorkCalendar) -> Vec<Figure> {
    let mut out = Vec::new();
    referral_figures(&mut out, facts);
    timing_figures(&mut out, facts, calendar);
    condition_figures(&mut out, facts);
    agreement_figures(&mut out, facts);
    victims_code_figures(&mut out, facts);
    out.push(count(
        "enquiries_logged",
        "Enquiries logged",
        facts.enquiries_logged,
        "Enquiries (a call or question that concerned no case when it came: advice to police officers and \
         staff, a question from the public) logged with a date in the period, whether or not linked to a case \
         since.",
    ));
    out
}

fn figure(key: impl Into<String>, label: impl Into<String>, value: FigureValue, definition: &str) -> Figure {
    Figure { key: key.into(), label: label.into(), value, definition: definition.to_string() }
}

fn count(key: impl Into<String>, label: impl Into<String>, n: i64, definition: &str) -> Figure {
    figure(key, label, FigureValue::Count(n), definition)
}

fn tally_of(tallies: &[Tally], code: &str) -> i64 {
    tallies.iter().filter(|t| t.code == code).map(|t| t.count).sum()
}

fn referral_figures(out: &mut Vec<Figure>, facts: &PeriodFacts) {
    let total: i64 = facts.referrals_by_service.iter().map(|t| t.count).sum();
    out.push(count(
        "referrals_received",
        "Referrals received",
        total,
        "Cases of every service (out-of-court disposal, restorative justice, mediation) whose received date \
         falls in the period, first and last days included, whatever their status now.",
    ));
    let by_service = "Referrals received in the period (received date in the period, every status), counted by \
                      the service they were logged under.";
    for service in Service::ALL {
        let n = tally_of(&facts.referrals_by_service, service.as_str());
        out.push(count(
            format!("referrals_by_service.{}", service.as_str()),
            format!("Referrals by service: {}", service.label()),
            n,
            by_service,
        ));
    }
    let by_source = "Referrals received in the period (received date in the period, every status, every \
                     service), counted by the source recorded at intake.";
    for source in Source::ALL {
        let n = tally_of(&facts.referrals_by_source, source.as_str());
        out.push(count(
            format!("referrals_by_source.{}", source.as_str()),
            format!("Referrals by source: {}", source.label()),
            n,
            by_source,
        ));
    }
    let by_outcome = "Referrals received in the period (received date in the period, every service), by where \
                      each stood at the end of the period's last day: the outcome recorded on closing if it was \
                      closed by then, otherwise its status that day (read back from the status history in the \
                      audit log; changes later undone are ignored).";
    for (outcome, n) in &facts.referrals_by_outcome {
        let (key, label) = outcome_names(outcome);
        out.push(count(key, label, *n, by_outcome));
    }
}

fn outcome_names(outcome: &Outcome) -> (String, String) {
    match outcome {
        Outcome::Closed(text) if text.trim().is_empty() => {
            ("referrals_by_outcome.closed".into(), "Outcome: closed (no outcome recorded)".into())
        }
        Outcome::Closed(text) => {
            (format!("referrals_by_outcome.closed.{}", slug(text)), format!("Outcome: closed — {text}"))
        }
        Outcome::Status(code) => {
            let label = RjStatus::parse(code)
                .map(RjStatus::label)
                .or_else(|| OocdStatus::parse(code).map(OocdStatus::label))
                .unwrap_or(code.as_str());
            (format!("referrals_by_outcome.status.{code}"), format!("Outcome: {label} at period end"))
        }
    }
}

/// A key-safe form of free text: lower-case letters and digits joined by `_`.
fn slug(text: &str) -> String {
    let lowered: String =
        text.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { ' ' }).collect();
    lowered.split_whitespace().collect::<Vec<_>>().join("_")
}

fn timing_figures(out: &mut Vec<Figure>, facts: &PeriodFacts, calendar: &WorkCalendar) {
    let sense_checked = "Restorative justice and mediation referrals whose sense-check ended in the period: \
                         their first move from Received or Sense check to a working status (awaiting \
                         information, risk assessment or later), dated as recorded in the status history (audit \
                         log; undone changes ignored). Moves to withdrawn, paused or closed are not sense-checks.";
    let times: Vec<i64> = facts.sense_checks.iter().map(|(r, d)| calendar.working_days_between(*r, *d)).collect();
    push_timing(out, "sense_check", "Receipt to sense-check", sense_checked, &times);
    let decided = "Cases whose first suitability decision (suitable or not suitable; a referral to a manager is \
                   not yet a decision) was recorded with a decision date in the period, timed from the case's \
                   received date to that decision date.";
    let times: Vec<i64> = facts.decisions.iter().map(|(r, d)| calendar.working_days_between(*r, *d)).collect();
    push_timing(out, "decision", "Receipt to decision", decided, &times);
    let kinds = "Suitability decisions with a decision date in the period, every decision counted (a case decided \
                 again counts again); referrals to a manager are not counted.";
    out.push(count("decisions_suitable", "Decisions: suitable", facts.decisions_suitable, kinds));
    out.push(count("decisions_not_suitable", "Decisions: not suitable", facts.decisions_not_suitable, kinds));
}

fn push_timing(out: &mut Vec<Figure>, key: &str, label: &str, counted: &str, times: &[i64]) {
    out.push(count(format!("{key}_cases"), format!("{label}: cases timed"), times.len() as i64, counted));
    out.push(figure(
        format!("{key}_median_wd"),
        format!("{label}: median (working days)"),
        FigureValue::WorkingDays(median(times)),
        &format!("{counted} {WORKING_DAYS} {MEDIAN}"),
    ));
    out.push(figure(
        format!("{key}_p90_wd"),
        format!("{label}: 90th percentile (working days)"),
        FigureValue::WorkingDays(percentile_nearest_rank(times, 90)),
        &format!("{counted} {WORKING_DAYS} {P90}"),
    ));
}

fn condition_figures(out: &mut Vec<Figure>, facts: &PeriodFacts) {
    out.push(count(
        "conditions_on_time",
        "Conditions completed on time",
        facts.conditions_on_time,
        "Conditions in status Completed whose completion date falls in the period and is on or before their \
         due date (the due date in force, after any variation); completing on the due date itself is on time.",
    ));
    out.push(count(
        "conditions_late",
        "Conditions completed late",
        facts.conditions_late,
        "Conditions in status Completed whose completion date falls in the period and is after their due date \
         (the due date in force, after any variation).",
    ));
    out.push(count(
        "conditions_breached",
        "Conditions breached",
        facts.conditions_breached,
        "Breach records whose identified date falls in the period, counted once per condition however many \
         breach records it has (a breach recorded against the case rather than one condition counts once per \
         record), whatever the breach decision and whatever the condition's status now.",
    ));
}

fn agreement_figures(out: &mut Vec<Figure>, facts: &PeriodFacts) {
    out.push(count(
        "agreements_completed",
        "Outcome agreements completed",
        facts.agreements_completed,
        "Outcome agreements closed as Completed (every item done) whose harmed party was told the result on a \
         date in the period; agreements partly or not completed are not counted.",
    ));
    out.push(count(
        "agreement_items_done",
        "Agreement items done",
        facts.agreement_items_done,
        "Outcome agreement items in status Done whose completion date falls in the period; items waived or not \
         done are not counted.",
    ));
}

fn victims_code_figures(out: &mut Vec<Figure>, facts: &PeriodFacts) {
    let base = "Victims' Code (2020) para 3.6 timers — restorative justice information to the victim within 5 \
                working days of the crime report (1 for enhanced rights) — set on a referral, whose due date falls \
                in the period, judged as at the end of the period's last day.";
    out.push(count(
        "victims_code_met",
        "Victims' Code timers met",
        facts.victims_code_met,
        &format!("{base} Met: information given on or before the due date."),
    ));
    out.push(count(
        "victims_code_missed",
        "Victims' Code timers missed",
        facts.victims_code_missed,
        &format!(
            "{base} Missed: given after the due date, or not given and the due date is before the period's last day."
        ),
    ));
    out.push(count(
        "victims_code_open",
        "Victims' Code timers open",
        facts.victims_code_open,
        &format!("{base} Open: not yet given and due on the period's last day."),
    ));
}

/// The middle value; the mean of the two middle values for an even count.
pub fn median(values: &[i64]) -> Option<f64> {
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    let n = sorted.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(sorted[n / 2] as f64),
        _ => Some((sorted[n / 2 - 1] + sorted[n / 2]) as f64 / 2.0),
    }
}

/// The value at rank ⌈p/100 × n⌉ (1-based) of the sorted values.
pub fn percentile_nearest_rank(values: &[i64], p: u32) -> Option<f64> {
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    let n = sorted.len();
    if n == 0 {
        return None;
    }
    let rank = (p as usize * n).div_ceil(100).clamp(1, n);
    Some(sorted[rank - 1] as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_of_odd_and_even_counts() {
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[5, 1, 3]), Some(3.0));
        assert_eq!(median(&[4, 1, 3, 2]), Some(2.5));
    }

    #[test]
    fn nearest_rank_percentile() {
        assert_eq!(percentile_nearest_rank(&[], 90), None);
        assert_eq!(percentile_nearest_rank(&[7], 90), Some(7.0));
        let ten: Vec<i64> = (1..=10).collect();
        assert_eq!(percentile_nearest_rank(&ten, 90), Some(9.0));
        let eleven: Vec<i64> = (1..=11).collect();
        assert_eq!(percentile_nearest_rank(&eleven, 90), Some(10.0));
    }

    #[test]
    fn values_print_plainly() {
        assert_eq!(FigureValue::Count(3).text(), "3");
        assert_eq!(FigureValue::WorkingDays(Some(2.0)).text(), "2");
        assert_eq!(FigureValue::WorkingDays(Some(2.5)).text(), "2.5");
        assert_eq!(FigureValue::WorkingDays(None).text(), "");
    }

    #[test]
    fn slugs_are_key_safe() {
        assert_eq!(slug("Agreement completed; harmed party informed"), "agreement_completed_harmed_party_informed");
    }
}
