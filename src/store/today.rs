//! Queries behind the Today list. Each section is one query over open work
//! only, served by an index that holds every column it reads (migration
//! 0004), and read row by row into one list without copying text twice.

use chrono::NaiveDate;
use rusqlite::Row;

use super::reads::{day_text, kind_word, parse_day};
use super::{Store, StoreResult};
use crate::domain::rules::Rules;
use crate::domain::triage::{deadline_section, due_soon_horizon, ItemKind, TodayItem, TodaySection};
use crate::domain::workdays::WorkCalendar;

/// What every Today query needs to know about the day.
pub struct Day<'a> {
    pub today: NaiveDate,
    pub calendar: &'a WorkCalendar,
    pub rules: &'a Rules,
}

impl Day<'_> {
    fn horizon(&self) -> NaiveDate {
        due_soon_horizon(self.today, self.calendar, self.rules.days_or("DUE_SOON_WD", 5))
    }

    fn age(&self, since: NaiveDate) -> i64 {
        self.calendar.working_days_between(since, self.today)
    }
}

impl Store {
    /// Every entry of the Today list for `today`, ordered for triage.
    pub fn today_items(&self, day: &Day<'_>) -> StoreResult<Vec<TodayItem>> {
        let mut items = Vec::new();
        self.new_referrals(day, &mut items)?;
        self.checklists_pending(day, &mut items)?;
        self.condition_deadlines(day, &mut items)?;
        self.agreement_deadlines(day, &mut items)?;
        self.follow_ups(day, &mut items)?;
        self.meetings(day, &mut items)?;
        self.retention_reviews(day, &mut items)?;
        crate::domain::triage::order(&mut items);
        Ok(items)
    }

    /// Run one section's query, adding an item for each row to `items`.
    fn collect<F>(
        &self,
        items: &mut Vec<TodayItem>,
        sql: &str,
        params: impl rusqlite::Params,
        mut item: F,
    ) -> StoreResult<()>
    where
        F: FnMut(&Row<'_>) -> rusqlite::Result<TodayItem>,
    {
        let mut stmt = self.conn().prepare_cached(sql)?;
        let mut rows = stmt.query(params)?;
        while let Some(row) = rows.next()? {
            items.push(item(row)?);
        }
        Ok(())
    }

    fn new_referrals(&self, day: &Day<'_>, items: &mut Vec<TodayItem>) -> StoreResult<()> {
        let limit = i64::from(day.rules.days_or("SENSE_CHECK_WD", 2));
        self.collect(
            items,
            "SELECT id, ref, received_on, service, COALESCE(offence_desc, '')
             FROM case_file INDEXED BY case_file_new_referrals
             WHERE service IN ('restorative_justice', 'mediation') AND status IN ('received', 'sense_check')
             ORDER BY received_on",
            [],
            |r| {
                let received = day_at(r, 2)?;
                let age = day.age(received);
                Ok(TodayItem {
                    section: TodaySection::NewReferrals,
                    kind: ItemKind::Referral,
                    entity_id: r.get(0)?,
                    case_id: r.get(0)?,
                    case_ref: r.get(1)?,
                    title: title(service_word(text(r, 3)?), &[" referral: ", text(r, 4)?], ""),
                    date: received,
                    working_days: age,
                    late: age > limit,
                })
            },
        )
    }

    fn checklists_pending(&self, day: &Day<'_>, items: &mut Vec<TodayItem>) -> StoreResult<()> {
        let limit = i64::from(day.rules.days_or("RISK_ASSESSMENT_WD", 10));
        self.collect(
            items,
            "SELECT c.id, c.ref, c.status_changed_on,
                    (SELECT d.decision = 'refer_to_manager' AND d.manager_signoff_by IS NULL
                     FROM decision d WHERE d.case_id = c.id ORDER BY d.id DESC LIMIT 1)
             FROM case_file c WHERE c.status = 'risk_assessment'",
            [],
            |r| {
                let since = day_at(r, 2)?;
                let awaiting_manager: Option<bool> = r.get(3)?;
                let age = day.age(since);
                let title = if awaiting_manager == Some(true) {
                    "awaiting manager sign-off"
                } else {
                    "suitability and risk checklist incomplete"
                };
                Ok(TodayItem {
                    section: TodaySection::Checklists,
                    kind: ItemKind::Checklist,
                    entity_id: r.get(0)?,
                    case_id: r.get(0)?,
                    case_ref: r.get(1)?,
                    title: title.to_string(),
                    date: since,
                    working_days: age,
                    late: age > limit,
                })
            },
        )
    }

    fn condition_deadlines(&self, day: &Day<'_>, items: &mut Vec<TodayItem>) -> StoreResult<()> {
        let horizon = day.horizon();
        self.collect(
            items,
            "SELECT k.id, k.case_id, c.ref, k.due_on, k.kind, k.description, COALESCE(p.name, '')
             FROM condition k JOIN case_file c INDEXED BY case_file_live ON c.id = k.case_id
             LEFT JOIN provider p ON p.id = k.provider_id
             WHERE k.status IN ('active', 'referred', 'booked', 'in_progress', 'varied') AND k.due_on <= ?1
               AND c.status NOT IN ('closed', 'withdrawn')",
            rusqlite::params![day_text(horizon)],
            |r| {
                let title = title(text(r, 4)?, &[": ", text(r, 5)?], text(r, 6)?);
                deadline_item(day, horizon, ItemKind::Condition, r, title)
            },
        )
    }

    fn agreement_deadlines(&self, day: &Day<'_>, items: &mut Vec<TodayItem>) -> StoreResult<()> {
        let horizon = day.horizon();
        self.collect(
            items,
            "SELECT i.id, p.case_id, c.ref, i.due_on, i.kind, i.description, COALESCE(i.owner, '')
             FROM agreement_item i JOIN outcome_agreement a INDEXED BY outcome_agreement_to_process ON a.id = i.agreement_id
             JOIN rj_process p INDEXED BY rj_process_to_case ON p.id = a.process_id
             JOIN case_file c INDEXED BY case_file_live ON c.id = p.case_id
             WHERE i.status IN ('open', 'overdue') AND i.due_on <= ?1
               AND c.status NOT IN ('closed', 'withdrawn')",
            rusqlite::params![day_text(horizon)],
            |r| {
                let title = title("agreement: ", &[text(r, 5)?], text(r, 6)?);
                deadline_item(day, horizon, ItemKind::AgreementItem, r, title)
            },
        )
    }

    fn follow_ups(&self, day: &Day<'_>, items: &mut Vec<TodayItem>) -> StoreResult<()> {
        self.collect(
            items,
            "SELECT l.id, l.case_id, c.ref, l.follow_up_on, l.channel, l.summary
             FROM contact_log l JOIN case_file c INDEXED BY case_file_live ON c.id = l.case_id
             WHERE l.follow_up_done = 0 AND l.follow_up_on <= ?1
               AND c.status NOT IN ('closed', 'withdrawn')",
            rusqlite::params![day_text(day.today)],
            |r| {
                let due = day_at(r, 3)?;
                Ok(TodayItem {
                    section: TodaySection::FollowUps,
                    kind: ItemKind::FollowUp,
                    entity_id: r.get(0)?,
                    case_id: r.get(1)?,
                    case_ref: r.get(2)?,
                    title: title("follow up ", &[text(r, 4)?, " contact: ", text(r, 5)?], ""),
                    date: due,
                    working_days: day.age(due),
                    late: due < day.today,
                })
            },
        )
    }

    fn meetings(&self, day: &Day<'_>, items: &mut Vec<TodayItem>) -> StoreResult<()> {
        let until = day.calendar.next_working_day(day.today);
        self.collect(
            items,
            "SELECT m.id, m.case_id, c.ref, m.scheduled_for, m.kind, COALESCE(m.venue, ''), m.room_booked
             FROM rj_process m INDEXED BY rj_process_scheduled
             JOIN case_file c INDEXED BY case_file_live ON c.id = m.case_id
             WHERE m.status IN ('planned', 'confirmed') AND m.scheduled_for >= ?1 AND m.scheduled_for < ?2
               AND c.status NOT IN ('closed', 'withdrawn')",
            rusqlite::params![day_text(day.today), day_text(until + chrono::Duration::days(1))],
            |r| {
                let at: String = r.get(3)?;
                let kind: String = r.get(4)?;
                let venue: String = r.get(5)?;
                let room_booked: bool = r.get(6)?;
                let time = at.get(11..16).unwrap_or("");
                let room = if room_booked { "" } else { " (room not booked)" };
                Ok(TodayItem {
                    section: TodaySection::Meetings,
                    kind: ItemKind::Meeting,
                    entity_id: r.get(0)?,
                    case_id: r.get(1)?,
                    case_ref: r.get(2)?,
                    title: format!("{time} {} at {venue}{room}", kind_word(&kind)),
                    date: parse_day(&at),
                    working_days: 0,
                    late: !room_booked,
                })
            },
        )
    }

    fn retention_reviews(&self, day: &Day<'_>, items: &mut Vec<TodayItem>) -> StoreResult<()> {
        self.collect(
            items,
            "SELECT t.id, t.case_id, c.ref, t.review_due, t.closed_on
             FROM retention t JOIN case_file c INDEXED BY case_file_live ON c.id = t.case_id
             WHERE t.decision IS NULL AND t.review_due <= ?1",
            rusqlite::params![day_text(day.today)],
            |r| {
                let due = day_at(r, 3)?;
                Ok(TodayItem {
                    section: TodaySection::RetentionReviews,
                    kind: ItemKind::Retention,
                    entity_id: r.get(0)?,
                    case_id: r.get(1)?,
                    case_ref: r.get(2)?,
                    title: title("closed ", &[text(r, 4)?, ": review whether to keep"], ""),
                    date: due,
                    working_days: day.age(due),
                    late: due < day.today,
                })
            },
        )
    }
}

/// Columns: id, case_id, ref, due_on, ... `horizon` is the query's own
/// due-soon bound, worked out once rather than per row.
fn deadline_item(
    day: &Day<'_>,
    horizon: NaiveDate,
    kind: ItemKind,
    r: &Row<'_>,
    title: String,
) -> rusqlite::Result<TodayItem> {
    let due = day_at(r, 3)?;
    let section = deadline_section(due, day.today, horizon).unwrap_or(TodaySection::DueSoon);
    let overdue_by = if due < day.today { day.age(due) } else { -day.calendar.working_days_between(day.today, due) };
    Ok(TodayItem {
        section,
        kind,
        entity_id: r.get(0)?,
        case_id: r.get(1)?,
        case_ref: r.get(2)?,
        title,
        date: due,
        working_days: overdue_by,
        late: section == TodaySection::Overdue,
    })
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
