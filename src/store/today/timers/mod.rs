//! The local timers of DOMAIN.md §12.4 that Today reads, one arm of the
//! "Waiting too long" section each (a file each here): a referral with no
//! contact logged, one logged but not transferred, an agreement item past
//! its due date and the follow-up after it, a breach awaiting its
//! decision, a referral with no progress recorded (at risk), and an
//! agreement whose harmed party is still to be told how it ended. Each counts working days from a date its index holds, so the
//! section's span stops at the latest start whose timer has run out by
//! today (`WorkCalendar::working_days_back`). An item is listed from the
//! first working day past its time, and every item listed is late: were
//! some late and some not on one day, the list's order (late first, then
//! kind) would differ from the order the arms are merged and paged in.

mod agreement_follow_up;
mod at_risk;
mod breach_decision;
mod first_contact;
mod harmed_informed;
mod transfer;

use chrono::NaiveDate;
use rusqlite::Row;

use super::parts::Parts;
use super::Day;
use crate::domain::rules::Rules;
use crate::domain::triage::ItemKind;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(in crate::store::today) enum Timer {
    FirstContact,
    Transfer,
    AgreementFollowUp,
    BreachDecision,
    AtRisk,
    HarmedInformed,
}

/// What each timer's file gives: its rule, what it lists and how to word it.
struct Spec {
    /// The timer's length in working days, read from its rule.
    days: fn(&Rules) -> u32,
    kind: ItemKind,
    parts: Parts,
    title: fn(&Row<'_>) -> rusqlite::Result<String>,
}

impl Timer {
    fn spec(self) -> Spec {
        match self {
            Timer::FirstContact => first_contact::spec(),
            Timer::Transfer => transfer::spec(),
            Timer::AgreementFollowUp => agreement_follow_up::spec(),
            Timer::BreachDecision => breach_decision::spec(),
            Timer::AtRisk => at_risk::spec(),
            Timer::HarmedInformed => harmed_informed::spec(),
        }
    }

    pub fn kind(self) -> ItemKind {
        self.spec().kind
    }

    pub fn parts(self) -> Parts {
        self.spec().parts
    }

    /// The timer's length on this desk, in working days.
    pub fn days(self, day: &Day<'_>) -> u32 {
        (self.spec().days)(day.rules)
    }

    /// The latest start whose timer has run out by today: more than its
    /// working days have passed since.
    pub fn last_start(self, day: &Day<'_>) -> NaiveDate {
        day.calendar.working_days_back(day.today, self.days(day).saturating_add(1))
    }

    /// The item's title, from the row's columns as `parts` lists them.
    pub fn title(self, r: &Row<'_>) -> rusqlite::Result<String> {
        (self.spec().title)(r)
    }
}

#[cfg(test)]
mod tests;
