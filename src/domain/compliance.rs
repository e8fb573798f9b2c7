//! Compliance as it happens (issue 13 §4): what a condition records as it
//! goes (a session attended, missed or partly done, a part payment) and the
//! running totals those records make. The totals are what letters, reports
//! and screens say, so they come from here and nowhere else.
//!
//! Plain rules over plain values: the store keeps `hours_completed` and
//! `amount_paid_pence` in step by calling `record` in its one write.

use super::types::{ComplianceEventType, ConditionStatus};

/// Where a condition stands: what it requires and what is recorded as done.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Progress {
    pub hours_required: Option<f64>,
    pub hours_done: f64,
    pub amount_pence: Option<i64>,
    pub paid_pence: i64,
}

/// What happened, as the administrator records it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Happened {
    /// A session attended, with the hours it counted for if any.
    Attended {
        hours: Option<f64>,
    },
    Missed,
    /// Part of what was due was done.
    PartlyDone {
        hours: f64,
    },
    /// A payment towards a penalty or compensation, in pence.
    Payment {
        pence: i64,
    },
}

/// A record accepted: the totals after it, and what to warn about.
#[derive(Debug, Clone, PartialEq)]
pub struct Recorded {
    pub after: Progress,
    pub warnings: Vec<String>,
}

impl Happened {
    /// The kind of compliance event kept for it.
    pub fn event_type(self) -> ComplianceEventType {
        match self {
            Happened::Attended { .. } => ComplianceEventType::Attended,
            Happened::Missed => ComplianceEventType::Missed,
            Happened::PartlyDone { .. } => ComplianceEventType::Partial,
            Happened::Payment { .. } => ComplianceEventType::Payment,
        }
    }

    pub fn hours(self) -> Option<f64> {
        match self {
            Happened::Attended { hours } => hours,
            Happened::PartlyDone { hours } => Some(hours),
            _ => None,
        }
    }

    pub fn pence(self) -> Option<i64> {
        match self {
            Happened::Payment { pence } => Some(pence),
            _ => None,
        }
    }
}

/// Check one record against where the condition stands and give the totals
/// after it. A payment beyond what is still to pay is refused (it would
/// show a balance below nothing); hours beyond those required only warn,
/// since a provider may report more than was asked.
pub fn record(now: Progress, what: Happened) -> Result<Recorded, String> {
    let mut after = now;
    let mut warnings = Vec::new();
    if let Some(hours) = what.hours() {
        if !hours.is_finite() || hours <= 0.0 {
            return Err("give the hours done as a number above 0".into());
        }
        after.hours_done += hours;
        if let Some(required) = now.hours_required.filter(|r| after.hours_done > *r) {
            warnings.push(format!(
                "that makes {} done, more than the {} required",
                hours_words(after.hours_done),
                hours_words(required)
            ));
        }
    }
    if let Some(pence) = what.pence() {
        if pence <= 0 {
            return Err("give the amount paid in pounds and pence, above £0".into());
        }
        let Some(amount) = now.amount_pence else {
            return Err("this condition has no amount to pay, so a payment cannot be recorded against it".into());
        };
        let balance = now.balance_pence().unwrap_or(amount);
        if pence > balance {
            return Err(format!(
                "{} is more than the {} still to pay of {}: record at most {}",
                pounds(pence),
                pounds(balance),
                pounds(amount),
                pounds(balance)
            ));
        }
        after.paid_pence += pence;
    }
    Ok(Recorded { after, warnings })
}

/// The status a condition moves to once `what` is recorded against it, if
/// it moves: the first sign of work (a session attended or partly done, a
/// payment) means it is under way, so one not yet started, referred or
/// booked becomes in progress. A missed session is no sign of work, and
/// completing stays a separate step (with its evidence).
pub fn status_after(status: ConditionStatus, what: Happened) -> Option<ConditionStatus> {
    let not_started = matches!(status, ConditionStatus::Active | ConditionStatus::Referred | ConditionStatus::Booked);
    (not_started && what != Happened::Missed).then_some(ConditionStatus::InProgress)
}

impl Progress {
    /// What is still to pay, if the condition has an amount.
    pub fn balance_pence(&self) -> Option<i64> {
        self.amount_pence.map(|a| (a - self.paid_pence).max(0))
    }

    /// Hours still to do, if the condition requires hours.
    pub fn hours_to_do(&self) -> Option<f64> {
        self.hours_required.map(|r| (r - self.hours_done).max(0.0))
    }

    /// Whether what the condition requires (hours, money or both) is all
    /// recorded as done; a condition that requires neither never is.
    pub fn is_all_done(&self) -> bool {
        let hours = self.hours_required.map(|r| r > 0.0 && self.hours_done >= r);
        let money = self.amount_pence.map(|a| a > 0 && self.paid_pence >= a);
        match (hours, money) {
            (None, None) => false,
            (h, m) => h.unwrap_or(true) && m.unwrap_or(true),
        }
    }

    /// The progress in words: "6 of 20 hours done", "£40 of £100 paid, £60
    /// to pay". Nothing for a condition that requires neither.
    pub fn words(&self) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(required) = self.hours_required.filter(|r| *r > 0.0) {
            out.push(format!("{} of {} done", number(self.hours_done), hours_words(required)));
        }
        if let (Some(amount), Some(balance)) = (self.amount_pence.filter(|a| *a > 0), self.balance_pence()) {
            let to_pay =
                if balance == 0 { "nothing to pay".to_string() } else { format!("{} to pay", pounds(balance)) };
            out.push(format!("{} of {} paid, {to_pay}", pounds(self.paid_pence), pounds(amount)));
        }
        out
    }
}

/// Pence in pounds as people write them: "£60", "£37.50".
pub fn pounds(pence: i64) -> String {
    if pence % 100 == 0 {
        format!("£{}", pence / 100)
    } else {
        format!("£{}.{:02}", pence / 100, pence % 100)
    }
}

/// Pounds as typed, "25", "25.5", "£25.00", into pence; None for anything
/// else or below zero.
pub fn pence_from_text(text: &str) -> Option<i64> {
    let t = text.trim().trim_start_matches('£').trim();
    let (pounds, pence) = match t.split_once('.') {
        Some((p, f)) if !f.is_empty() && f.len() <= 2 && f.chars().all(|c| c.is_ascii_digit()) => {
            let f = if f.len() == 1 { format!("{f}0") } else { f.to_string() };
            (p, f.parse::<i64>().ok()?)
        }
        Some(_) => return None,
        None => (t, 0),
    };
    if pounds.is_empty() || !pounds.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    pounds.parse::<i64>().ok()?.checked_mul(100)?.checked_add(pence)
}

/// "6", "2.5".
pub fn number(n: f64) -> String {
    if n.fract() == 0.0 {
        format!("{n:.0}")
    } else {
        format!("{n:.1}")
    }
}

/// "1 hour", "20 hours", "2.5 hours".
pub fn hours_words(n: f64) -> String {
    if n == 1.0 {
        "1 hour".to_string()
    } else {
        format!("{} hours", number(n))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fine(amount: i64, paid: i64) -> Progress {
        Progress { amount_pence: Some(amount), paid_pence: paid, ..Progress::default() }
    }

    fn work(required: f64, done: f64) -> Progress {
        Progress { hours_required: Some(required), hours_done: done, ..Progress::default() }
    }

    #[test]
    fn part_payments_run_down_the_balance() {
        let after = record(fine(10_000, 0), Happened::Payment { pence: 4_000 }).unwrap().after;
        assert_eq!(after.balance_pence(), Some(6_000));
        assert_eq!(after.words(), ["£40 of £100 paid, £60 to pay"]);
        let after = record(after, Happened::Payment { pence: 6_000 }).unwrap().after;
        assert!(after.is_all_done());
        assert_eq!(after.words(), ["£100 of £100 paid, nothing to pay"]);
    }

    #[test]
    fn a_payment_beyond_the_balance_is_refused() {
        let refused = record(fine(10_000, 4_000), Happened::Payment { pence: 7_000 }).unwrap_err();
        assert_eq!(refused, "£70 is more than the £60 still to pay of £100: record at most £60");
        assert!(record(Progress::default(), Happened::Payment { pence: 100 }).is_err(), "nothing to pay");
        assert!(record(fine(10_000, 0), Happened::Payment { pence: 0 }).is_err());
    }

    #[test]
    fn hours_beyond_those_required_warn() {
        let r = record(work(20.0, 18.0), Happened::PartlyDone { hours: 4.0 }).unwrap();
        assert_eq!(r.after.hours_done, 22.0);
        assert_eq!(r.warnings, ["that makes 22 hours done, more than the 20 hours required"]);
        let r = record(work(20.0, 2.0), Happened::Attended { hours: Some(4.0) }).unwrap();
        assert!(r.warnings.is_empty());
        assert_eq!(r.after.words(), ["6 of 20 hours done"]);
        assert!(record(work(20.0, 0.0), Happened::PartlyDone { hours: 0.0 }).is_err());
    }

    #[test]
    fn missed_changes_no_total() {
        let now = work(20.0, 6.0);
        assert_eq!(record(now, Happened::Missed).unwrap().after, now);
        assert!(!now.is_all_done());
        assert!(!Progress::default().is_all_done(), "nothing required, nothing to finish");
    }

    #[test]
    fn the_first_sign_of_work_puts_a_condition_in_progress() {
        let paid = Happened::Payment { pence: 100 };
        let attended = Happened::Attended { hours: None };
        for from in [ConditionStatus::Active, ConditionStatus::Referred, ConditionStatus::Booked] {
            assert_eq!(status_after(from, paid), Some(ConditionStatus::InProgress));
            assert_eq!(status_after(from, attended), Some(ConditionStatus::InProgress));
            assert_eq!(status_after(from, Happened::PartlyDone { hours: 1.0 }), Some(ConditionStatus::InProgress));
            assert_eq!(status_after(from, Happened::Missed), None, "a missed session is no progress");
        }
        assert_eq!(status_after(ConditionStatus::InProgress, paid), None, "already under way");
        assert_eq!(status_after(ConditionStatus::NotCompleted, paid), None);
    }
}
