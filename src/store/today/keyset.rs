//! The queries of one arm of a Today section: its count, and its rows from
//! the start or end of the section or past a key, each written as a seek on
//! the arm's index so the index serves the range in the list's order.

use std::cmp::Ordering;

use chrono::NaiveDate;
use rusqlite::types::Value;

use super::arms::{Arm, Parts};
use super::Day;
use crate::domain::directory::vetting_horizon;
use crate::domain::triage::{TodayKey, TodaySection};
use crate::store::reads::day_text;
use crate::store::views::allocation::CoordinatorFilter;

/// The days a section covers: from `lo` (inclusive) to `hi` (exclusive),
/// either open-ended.
#[derive(Debug, Clone, Copy)]
pub(super) struct Span {
    lo: Option<NaiveDate>,
    hi: Option<NaiveDate>,
}

pub(super) fn span(section: TodaySection, arm: Arm, day: &Day<'_>) -> Span {
    let today = day.today;
    let tomorrow = today.succ_opt().unwrap_or(today);
    let after = |d: NaiveDate| d.succ_opt().unwrap_or(d);
    let (lo, hi) = match section {
        TodaySection::NewReferrals | TodaySection::Checklists => (None, None),
        TodaySection::ReadyToFinalise | TodaySection::PoliceRecord => (None, None),
        TodaySection::Overdue => (None, Some(today)),
        TodaySection::DueToday => (Some(today), Some(tomorrow)),
        TodaySection::DueSoon => (Some(tomorrow), Some(after(day.horizon()))),
        TodaySection::FollowUps | TodaySection::RetentionReviews => (None, Some(tomorrow)),
        TodaySection::Meetings => (Some(today), Some(after(day.calendar.next_working_day(today)))),
        TodaySection::Vetting => (None, Some(after(vetting_horizon(today, day.rules)))),
        TodaySection::Timers => match arm {
            Arm::Timer(timer) => (None, Some(after(timer.last_start(day)))),
            _ => (None, None),
        },
    };
    Span { lo, hi }
}

/// Which of an arm's rows a read wants.
#[derive(Debug, Clone, Copy)]
pub(super) enum Seek<'k> {
    /// From the start of the section.
    First,
    /// From the end, backwards.
    Last,
    /// Those after the key (in the same section), forwards.
    After(&'k TodayKey),
    /// Those before the key, backwards.
    Before(&'k TodayKey),
}

impl Seek<'_> {
    pub fn backwards(self) -> bool {
        matches!(self, Seek::Last | Seek::Before(_))
    }
}

/// SQL text with its positional values, built together so a value can
/// never end up in the text.
#[derive(Default)]
pub(super) struct Sql {
    pub text: String,
    pub values: Vec<Value>,
}

impl Sql {
    fn bind(&mut self, value: Value) -> String {
        self.values.push(value);
        format!("?{}", self.values.len())
    }

    fn bind_day(&mut self, d: NaiveDate) -> String {
        self.bind(Value::Text(day_text(d)))
    }
}

/// The WHERE clause of an arm within a section's days, of one
/// coordinator's cases (or none's) when `whose` says so.
fn where_clause(sql: &mut Sql, parts: &Parts, span: Span, whose: CoordinatorFilter) {
    sql.text.push_str(" WHERE ");
    sql.text.push_str(parts.filter);
    if let Some((condition, id)) = whose.condition() {
        let bound = id.map(|id| sql.bind(Value::Integer(id))).unwrap_or_default();
        sql.text.push_str(&format!(" AND {condition}{bound}"));
    }
    if let Some(lo) = span.lo {
        let v = sql.bind_day(lo);
        sql.text.push_str(&format!(" AND {} >= {v}", parts.sort));
    }
    if let Some(hi) = span.hi {
        let v = sql.bind_day(hi);
        sql.text.push_str(&format!(" AND {} < {v}", parts.sort));
    }
}

/// `SELECT COUNT(*)` of an arm's rows in the section. The count's own
/// index has no case to filter by coordinator: a filtered count walks the
/// list's.
pub(super) fn count_sql(arm: Arm, span: Span, whose: CoordinatorFilter) -> Sql {
    let mut parts = arm.parts();
    if let Some((from, filter)) = parts.counted.filter(|_| whose == CoordinatorFilter::All) {
        (parts.from, parts.filter) = (from, filter);
    }
    let mut sql = Sql { text: format!("SELECT COUNT(*) FROM {}", parts.from), values: Vec::new() };
    where_clause(&mut sql, &parts, span, whose);
    sql
}

/// An arm's rows in the section past `seek`, in list order (or its reverse
/// when reading backwards), at most `limit` of them (all when None), as
/// queries to run in turn until `limit` rows have come: past a key, first
/// the rest of the key's own date (or meeting time), then the dates beyond.
/// Each is a seek on the index, so a page deep into a busy day costs no
/// more than the first page of it.
pub(super) fn page_sql(
    arm: Arm,
    span: Span,
    whose: CoordinatorFilter,
    seek: Seek<'_>,
    limit: Option<usize>,
) -> Vec<Sql> {
    let parts = arm.parts();
    let after = !seek.backwards();
    let bounds = match seek {
        Seek::First | Seek::Last => vec![Bound::None],
        Seek::After(key) | Seek::Before(key) => bounds(arm, key),
    };
    bounds
        .into_iter()
        .map(|bound| {
            let mut sql =
                Sql { text: format!("SELECT {} FROM {}{}", parts.columns, parts.from, parts.extra), values: vec![] };
            where_clause(&mut sql, &parts, span, whose);
            bound.write(&mut sql, &parts, after);
            let dir = if after { "ASC" } else { "DESC" };
            let tie = parts.tie.map(|t| format!(", {t} {dir}")).unwrap_or_default();
            sql.text.push_str(&format!(" ORDER BY {} {dir}{tie}, {} {dir}", parts.sort, parts.id));
            if let Some(limit) = limit {
                let n = sql.bind(Value::Integer(limit as i64));
                sql.text.push_str(&format!(" LIMIT {n}"));
            }
            sql
        })
        .collect()
}

/// One keyset bound on an arm, as its index's columns see it. Each holds
/// for reading forwards (rows after it) or backwards (rows before it).
enum Bound {
    None,
    /// Rows sorting on this value, past this tie and id (the id alone when
    /// the arm has no tie column).
    Within {
        at: String,
        tie: Option<String>,
        id: i64,
    },
    /// Rows sorting past this value: after the rows `Within` it.
    Past(String),
    /// Rows sorting from this day on (forwards), or before it (backwards):
    /// an arm that lies wholly on one side of the key on the key's day.
    Split(String),
}

/// The bounds, in reading order, of an arm's rows past `key` (of the same
/// section) in list order.
fn bounds(arm: Arm, key: &TodayKey) -> Vec<Bound> {
    // An arm whose rows are all late (or all not) sits wholly before or
    // after the key on the key's day when the key's lateness differs. Late
    // rows come first: reading forwards, such an arm starts the day after;
    // otherwise it starts on the key's day itself.
    if let Some(late) = arm.late().filter(|late| *late != key.late) {
        let day = if late { key.date.succ_opt().unwrap_or(key.date) } else { key.date };
        return vec![Bound::Split(day_text(day))];
    }
    // The kind is the tie-break after the tie: an arm of an earlier kind
    // has none of its rows equal to the key up to the kind past the key,
    // one of a later kind has all of them.
    let id = match arm.kind().cmp(&key.kind) {
        Ordering::Less => i64::MAX,
        Ordering::Equal => key.id,
        Ordering::Greater => i64::MIN,
    };
    // A meeting's sort column holds its date and time; the key keeps the
    // time as its tie.
    let (at, tie) = match arm {
        Arm::Meetings { .. } => (format!("{}{}", day_text(key.date), key.tie), None),
        Arm::Checklists(_) => (day_text(key.date), Some(key.tie.clone())),
        _ => (day_text(key.date), None),
    };
    vec![Bound::Within { at: at.clone(), tie, id }, Bound::Past(at)]
}

impl Bound {
    fn write(&self, sql: &mut Sql, parts: &Parts, after: bool) {
        let sort = parts.sort;
        match self {
            Bound::None => {}
            Bound::Within { at, tie, id } => {
                let op = if after { ">" } else { "<" };
                let s = sql.bind(Value::Text(at.clone()));
                let i = sql.bind(Value::Integer(*id));
                match (parts.tie, tie) {
                    (Some(column), Some(tie)) => {
                        let t = sql.bind(Value::Text(tie.clone()));
                        sql.text.push_str(&format!(" AND {sort} = {s} AND ({column}, {}) {op} ({t}, {i})", parts.id));
                    }
                    _ => sql.text.push_str(&format!(" AND {sort} = {s} AND {} {op} {i}", parts.id)),
                }
            }
            Bound::Past(at) | Bound::Split(at) => {
                let op = match (self, after) {
                    (Bound::Split(_), true) => ">=",
                    (_, true) => ">",
                    (_, false) => "<",
                };
                let s = sql.bind(Value::Text(at.clone()));
                sql.text.push_str(&format!(" AND {sort} {op} {s}"));
            }
        }
    }
}
