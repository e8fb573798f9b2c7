//! The Deadlines screen's reads and its own writes: every open condition and
//! agreement item, by due date, a page at a time (DOMAIN.md §2.4–2.5, §9.9,
//! §12.3).
//!
//! Three kinds of row are listed, each read by its own indexed query and
//! merged in one order, (due date, source, id):
//! * open conditions (`condition_open_due`, a partial index on due date);
//! * conditions whose breach awaits a decision (§2.5, §12.3): recording a
//!   breach takes the condition out of the open statuses, but the decision
//!   is still owed, so it stays on the list until it is made;
//! * open agreement items (`agreement_item_open_due`);
//! * open meetings' actions (`meeting_action_open_due`): they concern no
//!   case, so a row of one has case id 0 and the meeting's title where a
//!   case reference would be, and any filter naming cases, a service, a
//!   provider or a coordinator leaves them out.
//!
//! Nothing loads a whole table: a page is `LIMIT n` after (or before) a key,
//! and counts stop at `COUNT_CAP`.

mod arms;
mod edits;
mod narrow;
mod sql;
#[cfg(test)]
mod tests;

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};

use crate::domain::caps::ConditionKind;
use crate::domain::compliance::Progress;
use crate::domain::status::DisposalType;
use crate::domain::types::{AgreementItemKind, AgreementItemStatus, ConditionStatus, Service};
use crate::store::reads::parse_day;
use crate::store::views::allocation::CoordinatorFilter;
use crate::store::{Store, StoreResult};

use arms::Seek;

/// Counts stop here: beyond it the screen says "500+", which is all a
/// person needs to know, and the count stays a few milliseconds at any size.
pub const COUNT_CAP: usize = 500;

/// Where a row comes from. The order is the tie-break after the due date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DeadlineSource {
    Condition,
    AgreementItem,
    MeetingAction,
}

impl DeadlineSource {
    fn code(self) -> i64 {
        match self {
            DeadlineSource::Condition => 0,
            DeadlineSource::AgreementItem => 1,
            DeadlineSource::MeetingAction => 2,
        }
    }

    fn from_code(code: i64) -> Self {
        match code {
            0 => DeadlineSource::Condition,
            1 => DeadlineSource::AgreementItem,
            _ => DeadlineSource::MeetingAction,
        }
    }
}

/// One row's identity, and its place in the list order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DeadlineKey {
    pub due_on: NaiveDate,
    pub source: DeadlineSource,
    pub id: i64,
}

/// Which rows to list. Every field narrows the list; `Default` lists all.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DeadlineFilter {
    /// Due on or after this day.
    pub due_from: Option<NaiveDate>,
    /// Due on or before this day.
    pub due_until: Option<NaiveDate>,
    /// Conditions with this provider (agreement items have owners, not providers).
    pub provider_id: Option<i64>,
    pub service: Option<Service>,
    /// The cases of one coordinator, or of none yet.
    pub coordinator: CoordinatorFilter,
    pub case_id: Option<i64>,
    /// Only these cases (the screen fills it from a search of the words typed).
    pub case_ids: Option<Vec<i64>>,
}

/// Where a page starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageAt {
    First,
    Last,
    /// Rows after this key (not including it).
    After(DeadlineKey),
    /// Rows from this key on (including it).
    From(DeadlineKey),
    /// Rows before this key (not including it).
    Before(DeadlineKey),
}

/// One listed deadline.
#[derive(Debug, Clone, PartialEq)]
pub struct DeadlineRow {
    pub key: DeadlineKey,
    pub case_id: i64,
    pub case_ref: String,
    pub service: Service,
    pub kind: DeadlineKind,
    pub description: String,
    /// The provider of a condition, or the owner of an agreement item ("" if none).
    pub who: String,
    pub status: DeadlineStatus,
    /// The breach awaiting a decision on this condition, if any.
    pub open_breach_id: Option<i64>,
    pub disposal: Option<DisposalType>,
    /// A condition's hours or money required and recorded so far.
    pub progress: Option<Progress>,
}

/// The kind of a listed deadline: a condition and an agreement item have
/// their own vocabularies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeadlineKind {
    Condition(ConditionKind),
    AgreementItem(AgreementItemKind),
    /// An action from a meeting's minutes.
    MeetingAction,
}

/// The status of a listed deadline, in its own source's vocabulary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeadlineStatus {
    Condition(ConditionStatus),
    AgreementItem(AgreementItemStatus),
    /// A meeting's action not yet done: nothing stores it as overdue, so
    /// `status_on` says so once its due date has passed.
    MeetingAction,
}

impl DeadlineKind {
    /// The value stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            DeadlineKind::Condition(k) => k.as_str(),
            DeadlineKind::AgreementItem(k) => k.as_str(),
            DeadlineKind::MeetingAction => "meeting_action",
        }
    }
}

impl DeadlineStatus {
    /// The value stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            DeadlineStatus::Condition(s) => s.as_str(),
            DeadlineStatus::AgreementItem(s) => s.as_str(),
            DeadlineStatus::MeetingAction => "open",
        }
    }
}

impl std::fmt::Display for DeadlineKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::fmt::Display for DeadlineStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl DeadlineRow {
    /// "Rehabilitative course", or "Agreement: Apology".
    pub fn kind_label(&self) -> String {
        match self.kind {
            DeadlineKind::Condition(kind) => kind.label().to_string(),
            DeadlineKind::AgreementItem(kind) => format!("Agreement: {}", kind.label()),
            DeadlineKind::MeetingAction => "Meeting action".into(),
        }
    }

    /// The status in words; a condition whose breach awaits a decision says so.
    pub fn status_label(&self) -> String {
        match self.status {
            DeadlineStatus::Condition(_) if self.open_breach_id.is_some() => "Breach open".into(),
            DeadlineStatus::Condition(status) => status.label().to_string(),
            DeadlineStatus::AgreementItem(s @ (AgreementItemStatus::Open | AgreementItemStatus::Overdue)) => {
                s.label().to_string()
            }
            // Only open and overdue items are listed; any other reads as stored.
            DeadlineStatus::AgreementItem(status) => status.as_str().replace('_', " "),
            DeadlineStatus::MeetingAction => "Open".into(),
        }
    }

    /// The status in words on `today`: a meeting's action past its due
    /// date is overdue (an agreement item's overdue is stored).
    pub fn status_on(&self, today: NaiveDate) -> String {
        match self.status {
            DeadlineStatus::MeetingAction if self.key.due_on < today => "Overdue".into(),
            _ => self.status_label(),
        }
    }
}

/// One page of the list, and whether there is more either side of it.
#[derive(Debug, Clone, Default)]
pub struct DeadlinePage {
    pub rows: Vec<DeadlineRow>,
    pub more_before: bool,
    pub more_after: bool,
}

/// How many rows match, stopping at `COUNT_CAP`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DeadlineCount {
    pub count: usize,
    /// True when there are more than `count`.
    pub capped: bool,
}

/// What a chase or a message needs to know about one item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeadlineBrief {
    pub case_id: i64,
    pub case_ref: String,
    pub label: String,
    pub due_on: NaiveDate,
}

impl Store {
    /// One page of the Deadlines list: at most `size` rows from `at`.
    pub fn deadline_page(&self, filter: &DeadlineFilter, at: PageAt, size: usize) -> StoreResult<DeadlinePage> {
        let size = size.max(1);
        let (seek, descending) = match at {
            PageAt::First => (Seek::None, false),
            PageAt::Last => (Seek::None, true),
            PageAt::After(key) => (Seek::After(key), false),
            PageAt::From(key) => (Seek::After(DeadlineKey { id: key.id - 1, ..key }), false),
            PageAt::Before(key) => (Seek::Before(key), true),
        };
        let mut rows = self.deadline_rows(filter, seek, descending, size + 1)?;
        let more_far = rows.len() > size;
        rows.truncate(size);
        if descending {
            rows.reverse();
        }
        let mut page = DeadlinePage { rows, ..DeadlinePage::default() };
        match at {
            PageAt::First => page.more_after = more_far,
            PageAt::Last => page.more_before = more_far,
            // Coming from a neighbouring page, that page is still there.
            PageAt::After(_) => {
                page.more_after = more_far;
                page.more_before = true;
            }
            PageAt::Before(_) => {
                page.more_before = more_far;
                page.more_after = true;
            }
            PageAt::From(_) => {
                page.more_after = more_far;
                page.more_before = match page.rows.first() {
                    Some(first) => self.deadline_exists(filter, Seek::Before(first.key))?,
                    None => false,
                };
            }
        }
        Ok(page)
    }

    /// A page with `key` in it, about a third of the way down, so there is
    /// context above it.
    pub fn deadline_page_around(
        &self,
        filter: &DeadlineFilter,
        key: DeadlineKey,
        size: usize,
    ) -> StoreResult<DeadlinePage> {
        let size = size.max(2);
        let mut before = self.deadline_rows(filter, Seek::Before(key), true, size / 3 + 1)?;
        let more_before = before.len() > size / 3;
        before.truncate(size / 3);
        before.reverse();
        let after_size = size - before.len();
        let mut after =
            self.deadline_rows(filter, Seek::After(DeadlineKey { id: key.id - 1, ..key }), false, after_size + 1)?;
        let more_after = after.len() > after_size;
        after.truncate(after_size);
        before.extend(after);
        Ok(DeadlinePage { rows: before, more_before, more_after })
    }

    fn deadline_exists(&self, filter: &DeadlineFilter, seek: Seek) -> StoreResult<bool> {
        let descending = matches!(seek, Seek::Before(_));
        Ok(!self.deadline_keys_seek(filter, seek, descending, 1)?.is_empty())
    }

    /// The keys of the first `limit` matching rows in list order: what
    /// "tag every row matching" tags, without loading the rows.
    pub fn deadline_keys(&self, filter: &DeadlineFilter, limit: usize) -> StoreResult<Vec<DeadlineKey>> {
        self.deadline_keys_seek(filter, Seek::None, false, limit)
    }

    /// How many rows match, counted up to `COUNT_CAP`.
    pub fn deadline_count(&self, filter: &DeadlineFilter) -> StoreResult<DeadlineCount> {
        let n = self.deadline_count_capped(filter)?;
        Ok(DeadlineCount { count: n.min(COUNT_CAP), capped: n > COUNT_CAP })
    }

    /// Where a listed item sits in the list order, if it is listed at all
    /// (open, or awaiting a breach decision, on a case still live).
    pub fn deadline_key_of(&self, source: DeadlineSource, id: i64) -> StoreResult<Option<DeadlineKey>> {
        let filter = DeadlineFilter::default();
        let key = match source {
            DeadlineSource::Condition => self
                .conn()
                .query_row("SELECT due_on FROM condition WHERE id = ?1", params![id], |r| r.get::<_, String>(0))
                .optional()?,
            DeadlineSource::AgreementItem => self
                .conn()
                .query_row("SELECT due_on FROM agreement_item WHERE id = ?1", params![id], |r| r.get::<_, String>(0))
                .optional()?,
            DeadlineSource::MeetingAction => self
                .conn()
                .query_row("SELECT due_on FROM meeting_action WHERE id = ?1", params![id], |r| r.get::<_, String>(0))
                .optional()?,
        };
        let Some(due) = key else { return Ok(None) };
        let key = DeadlineKey { due_on: parse_day(&due), source, id };
        // Listed only if the list, read from this key, starts with it.
        let first = self.deadline_keys_seek(&filter, Seek::After(DeadlineKey { id: id - 1, ..key }), false, 1)?;
        Ok(first.first().filter(|k| **k == key).copied())
    }

    /// The case an agreement item belongs to (for focusing from another screen).
    pub fn deadline_item_case(&self, item_id: i64) -> StoreResult<Option<i64>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT p.case_id FROM agreement_item i JOIN outcome_agreement a ON a.id = i.agreement_id
                 JOIN rj_process p ON p.id = a.process_id WHERE i.id = ?1",
                params![item_id],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// The case a condition belongs to.
    pub fn deadline_condition_case(&self, condition_id: i64) -> StoreResult<Option<i64>> {
        Ok(self
            .conn()
            .query_row("SELECT case_id FROM condition WHERE id = ?1", params![condition_id], |r| r.get(0))
            .optional()?)
    }

    /// Providers, by name, for the provider filter (a short reference table).
    pub fn deadline_providers(&self) -> StoreResult<Vec<(i64, String)>> {
        let mut stmt =
            self.conn().prepare_cached("SELECT id, name FROM provider WHERE active = 1 ORDER BY name, id")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The reference of a case (for the header of a case filter).
    pub fn deadline_case_ref(&self, case_id: i64) -> StoreResult<Option<String>> {
        Ok(self
            .conn()
            .query_row("SELECT ref FROM case_file WHERE id = ?1", params![case_id], |r| r.get(0))
            .optional()?)
    }

    /// The due date and status of a condition, as stored.
    pub fn deadline_condition_due(&self, condition_id: i64) -> StoreResult<Option<(NaiveDate, String)>> {
        Ok(self
            .conn()
            .query_row("SELECT due_on, status FROM condition WHERE id = ?1", params![condition_id], |r| {
                Ok((parse_day(&r.get::<_, String>(0)?), r.get(1)?))
            })
            .optional()?)
    }

    /// The due date and status of an agreement item, as stored.
    pub fn deadline_item_due(&self, item_id: i64) -> StoreResult<Option<(NaiveDate, String)>> {
        Ok(self
            .conn()
            .query_row("SELECT due_on, status FROM agreement_item WHERE id = ?1", params![item_id], |r| {
                Ok((parse_day(&r.get::<_, String>(0)?), r.get(1)?))
            })
            .optional()?)
    }

    /// The decision and status of a breach, as stored.
    pub fn deadline_breach_state(&self, breach_id: i64) -> StoreResult<Option<(String, String, Option<NaiveDate>)>> {
        Ok(self
            .conn()
            .query_row("SELECT decision, status, new_due_on FROM breach WHERE id = ?1", params![breach_id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get::<_, Option<String>>(2)?.map(|s| parse_day(&s))))
            })
            .optional()?)
    }

    /// Contacts logged on a case, newest first: (summary, occurred on, follow-up on).
    pub fn deadline_case_contacts(
        &self,
        case_id: i64,
        limit: usize,
    ) -> StoreResult<Vec<(String, NaiveDate, Option<NaiveDate>)>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT summary, occurred_on, follow_up_on FROM contact_log WHERE case_id = ?1 ORDER BY id DESC LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![case_id, limit as i64], |r| {
            Ok((r.get(0)?, parse_day(&r.get::<_, String>(1)?), r.get::<_, Option<String>>(2)?.map(|s| parse_day(&s))))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
