//! Queries behind the Today list. Each section is read from its own arms
//! (`arms`), each a query over open work only served by an index that holds
//! every column it reads (migration 0004), in the list's order: the screen
//! reads a section's count and a page of it at a time (`page`), and the
//! command line and the summary read the same queries whole.

mod arms;
mod finalise;
mod keyset;
mod page;
mod parts;
mod timers;

use chrono::NaiveDate;
use rusqlite::Row;

use super::reads::parse_day;
use super::views::allocation::CoordinatorFilter;
use super::{Store, StoreResult};
use crate::domain::rules::Rules;
use crate::domain::triage::{compare, due_soon_horizon, TodayItem, TodaySection};
use crate::domain::workdays::WorkCalendar;
use keyset::Seek;
pub use page::{TodayPlace, TodayRow, TodayRows};

/// One section of the Today list as read: how many items it holds, and
/// the first of them (or all).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TodaySectionRead {
    pub section: TodaySection,
    pub total: usize,
    pub items: Vec<TodayItem>,
}

/// What every Today query needs to know about the day.
pub struct Day<'a> {
    pub today: NaiveDate,
    pub calendar: &'a WorkCalendar,
    pub rules: &'a Rules,
    /// Whose cases the list holds (issue 14 §2): everyone's unless the
    /// screen filters by coordinator.
    pub coordinator: CoordinatorFilter,
}

impl<'a> Day<'a> {
    /// The day for everyone's cases.
    pub fn new(today: NaiveDate, calendar: &'a WorkCalendar, rules: &'a Rules) -> Self {
        Day { today, calendar, rules, coordinator: CoordinatorFilter::All }
    }

    /// The arms of a section this list reads: those of a coordinator's
    /// cases only, when it is filtered by one.
    fn arms(&self, section: TodaySection) -> impl Iterator<Item = arms::Arm> + '_ {
        let all = self.coordinator == CoordinatorFilter::All;
        arms::arms(section).iter().copied().filter(move |arm| all || arm.has_case())
    }

    fn horizon(&self) -> NaiveDate {
        due_soon_horizon(self.today, self.calendar, self.rules.days_or("DUE_SOON_WD", 5))
    }

    fn age(&self, since: NaiveDate) -> i64 {
        self.calendar.working_days_between(since, self.today)
    }
}

impl Store {
    /// Every entry of the Today list for `today`, ordered for triage: each
    /// section read whole by the same queries the screen reads a page of.
    pub fn today_items(&self, day: &Day<'_>) -> StoreResult<Vec<TodayItem>> {
        self.items_of(day, TodaySection::ALL)
    }

    /// The referrals, checklists and deadlines of the Today list, ordered:
    /// what the end-of-day summary draws on (it has its own follow-up,
    /// meeting and retention figures).
    pub(crate) fn intake_and_deadline_items(&self, day: &Day<'_>) -> StoreResult<Vec<TodayItem>> {
        self.items_of(
            day,
            &[
                TodaySection::NewReferrals,
                TodaySection::Checklists,
                TodaySection::Overdue,
                TodaySection::DueToday,
                TodaySection::DueSoon,
            ],
        )
    }

    /// Each section of the Today list with its exact count and its first
    /// `limit` items (every item when None): what `casedesk today` prints.
    /// A section is counted only when it holds more than it shows.
    pub fn today_sections(&self, day: &Day<'_>, limit: Option<usize>) -> StoreResult<Vec<TodaySectionRead>> {
        let mut read = Vec::with_capacity(TodaySection::ALL.len());
        for section in TodaySection::ALL {
            let mut items = self.section_items(day, *section, Seek::First, limit.map(|n| n + 1))?;
            let total = match limit {
                Some(n) if items.len() > n => {
                    items.truncate(n);
                    self.today_count(day, *section)?
                }
                _ => items.len(),
            };
            read.push(TodaySectionRead { section: *section, total, items });
        }
        Ok(read)
    }

    fn items_of(&self, day: &Day<'_>, sections: &[TodaySection]) -> StoreResult<Vec<TodayItem>> {
        let mut items = Vec::new();
        for section in sections {
            items.extend(self.section_items(day, *section, Seek::First, None)?);
        }
        debug_assert!(items.windows(2).all(|w| compare(&w[0], &w[1]).is_lt()), "read in list order");
        Ok(items)
    }
}

/// A list title: `head` (its underscores read as spaces, as `kind_word`
/// does for a stored kind), then `rest`, then " [owner]" when there is one.
/// One allocation: lists build tens of thousands of titles.
fn title(head: &str, rest: &[&str], owner: &str) -> String {
    let owner_len = if owner.is_empty() { 0 } else { owner.len() + 3 };
    let mut out = String::with_capacity(head.len() + rest.iter().map(|p| p.len()).sum::<usize>() + owner_len);
    out.extend(head.chars().map(|c| if c == '_' { ' ' } else { c }));
    rest.iter().for_each(|p| out.push_str(p));
    if !owner.is_empty() {
        out.push_str(" [");
        out.push_str(owner);
        out.push(']');
    }
    out
}

/// A text column borrowed from the row (NULL reads as ""), with no copy.
fn text<'r>(r: &'r Row<'_>, column: usize) -> rusqlite::Result<&'r str> {
    match r.get_ref(column)? {
        rusqlite::types::ValueRef::Null => Ok(""),
        value => {
            value.as_str().map_err(|e| rusqlite::Error::FromSqlConversionFailure(column, value.data_type(), e.into()))
        }
    }
}

/// A date column, read without copying the text.
fn day_at(r: &Row<'_>, column: usize) -> rusqlite::Result<NaiveDate> {
    text(r, column).map(parse_day)
}

fn service_word(service: &str) -> &'static str {
    match service {
        "mediation" => "Mediation",
        "restorative_justice" => "RJ",
        _ => "OOCD",
    }
}

#[cfg(test)]
mod tests;
