//! How the Deadlines list is read: one query per arm (open conditions,
//! conditions whose breach awaits a decision, open agreement items, open
//! meetings' actions), each
//! walking its own due-date index from a key and stopping after a page,
//! merged in Rust into the list order (due date, source, id).
//!
//! A page is read in two steps: the keys of every arm first, from covering
//! indexes only, which settles which rows the page holds; then the full
//! rows of just those, so the columns that cost a look-up each (provider,
//! open breach, disposal) are read for the page and not for every arm's
//! candidates. A filter naming the cases (one case, or a words search) is
//! read in one step: the cases drive, and their few rows are sorted.

use std::ops::{Bound, RangeBounds};

use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::{params_from_iter, Row};

use super::narrow::narrow;
use super::sql::Sql;
use super::{DeadlineFilter, DeadlineKey, DeadlineKind, DeadlineRow, DeadlineSource, DeadlineStatus, COUNT_CAP};
use crate::domain::compliance::Progress;
use crate::domain::types::Service;
use crate::store::reads::parse_day;
use crate::store::writes::date;
use crate::store::{Store, StoreResult};

const OPEN_CONDITION: &str = "('active', 'referred', 'booked', 'in_progress', 'varied')";
/// The statuses, neither open nor finished, that a condition can hold while
/// a breach of it awaits a decision. With `breach_open = 1` (kept by
/// triggers on breach), exactly the rows of `condition_breach_open_due` and
/// `condition_breach_open_provider`; the predicate is written as the indexes
/// write it so that SQLite can use them.
const BREACH_WAITING: &str = "k.breach_open = 1 AND k.status IN ('draft', 'not_completed', 'breached')";
const LIVE_CASE: &str = "c.status NOT IN ('closed', 'withdrawn')";

/// The direction and bound of one query.
#[derive(Clone, Copy)]
pub(super) enum Seek {
    None,
    /// Strictly after the key.
    After(DeadlineKey),
    /// Strictly before the key.
    Before(DeadlineKey),
}

/// Which rows of the list one read wants: from where, which way, how many.
#[derive(Clone, Copy)]
struct Window {
    seek: Seek,
    descending: bool,
    limit: usize,
}

/// The row sources, as far as a query cares.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Arm {
    OpenConditions,
    BreachedConditions,
    AgreementItems,
    MeetingActions,
}

impl Arm {
    fn source(self) -> DeadlineSource {
        match self {
            Arm::OpenConditions | Arm::BreachedConditions => DeadlineSource::Condition,
            Arm::AgreementItems => DeadlineSource::AgreementItem,
            Arm::MeetingActions => DeadlineSource::MeetingAction,
        }
    }
}

/// Which arms can hold rows for this filter. Conditions belong to OOCD
/// cases and agreement items to restorative processes; a provider filter
/// applies to conditions only. Leaving an arm out, rather than letting it
/// find nothing, keeps an empty arm from being scanned to its end.
fn arms(filter: &DeadlineFilter) -> Vec<Arm> {
    let conditions = matches!(filter.service, None | Some(Service::Oocd));
    let items = filter.provider_id.is_none() && filter.service != Some(Service::Oocd);
    let mut out = Vec::new();
    if conditions {
        out.push(Arm::OpenConditions);
        out.push(Arm::BreachedConditions);
    }
    if items {
        out.push(Arm::AgreementItems);
    }
    // A meeting's action concerns no case, so it has no service, provider
    // or coordinator: any of those set to something specific leaves it out.
    let actions = filter.provider_id.is_none()
        && filter.service.is_none()
        && filter.coordinator.condition().is_none()
        && !by_case(filter);
    if actions {
        out.push(Arm::MeetingActions);
    }
    out
}

/// The alias of an arm's item and its due-date column.
fn columns_of(arm: Arm) -> (&'static str, &'static str) {
    match arm {
        Arm::OpenConditions | Arm::BreachedConditions => ("k", "k.due_on"),
        Arm::AgreementItems => ("i", "i.due_on"),
        Arm::MeetingActions => ("m", "m.due_on"),
    }
}

/// Whether the filter names the cases, so that they drive the reads.
fn by_case(filter: &DeadlineFilter) -> bool {
    filter.case_id.is_some() || filter.case_ids.is_some()
}

/// The due dates one part of a read covers.
#[derive(Clone, Copy)]
enum Dates {
    /// From one bound to the other.
    Range(Bound<NaiveDate>, Bound<NaiveDate>),
    /// One due date, and on it the ids on one side (`>` or `<`) of a
    /// threshold: the rest of a key's own date.
    Day(NaiveDate, &'static str, i64),
}

impl Dates {
    /// The filter's dates.
    fn of(filter: &DeadlineFilter) -> Dates {
        let (from, until) = bounds(filter);
        Dates::Range(from, until)
    }
}

/// The filter's first and last due date, as bounds.
fn bounds(filter: &DeadlineFilter) -> (Bound<NaiveDate>, Bound<NaiveDate>) {
    let bound = |d: Option<NaiveDate>| d.map_or(Bound::Unbounded, Bound::Included);
    (bound(filter.due_from), bound(filter.due_until))
}

/// The later of two lower bounds (or the earlier of two upper bounds, with
/// `later` false): the one range condition SQLite can start its walk from.
/// Given both, it would start from whichever it met first.
fn tighter(a: Bound<NaiveDate>, b: Bound<NaiveDate>, later: bool) -> Bound<NaiveDate> {
    let day = |x: &Bound<NaiveDate>| match x {
        Bound::Included(d) | Bound::Excluded(d) => Some(*d),
        Bound::Unbounded => None,
    };
    match (day(&a), day(&b)) {
        (None, _) => b,
        (_, None) => a,
        (Some(x), Some(y)) if x == y => {
            if matches!(a, Bound::Excluded(_)) {
                a
            } else {
                b
            }
        }
        (Some(x), Some(y)) => {
            if (x > y) == later {
                a
            } else {
                b
            }
        }
    }
}

/// One arm's SELECT with the filter, over `dates`. Columns:
/// src, id, case_id, ref, service, due_on, kind, description, who, status,
/// open_breach_id, disposal_type, and a condition's hours_required,
/// hours_completed, amount_pence, amount_paid_pence (NULL for an item).
fn arm_sql(sql: &mut Sql, arm: Arm, filter: &DeadlineFilter, dates: Dates, keys_only: bool) {
    let src = arm.source().code();
    let (item, due) = columns_of(arm);
    let columns = if keys_only {
        format!("SELECT {src} AS src, {item}.id AS id, {due} AS due_on")
    } else {
        match arm {
            Arm::OpenConditions => format!(
                "SELECT {src} AS src, k.id AS id, k.case_id, c.ref, c.service, k.due_on AS due_on, k.kind,
                        k.description, COALESCE(p.name, '') AS who, k.status,
                        (SELECT b.id FROM breach b WHERE b.case_id = k.case_id AND b.condition_id = k.id
                           AND b.status = 'open' ORDER BY b.id DESC LIMIT 1) AS open_breach_id,
                        (SELECT d.disposal_type FROM oocd_disposal d WHERE d.case_id = k.case_id) AS disposal_type,
                        k.hours_required, k.hours_completed, k.amount_pence, k.amount_paid_pence"
            ),
            Arm::BreachedConditions => format!(
                "SELECT {src} AS src, k.id AS id, k.case_id, c.ref, c.service, k.due_on AS due_on, k.kind,
                        k.description, COALESCE(p.name, '') AS who, k.status,
                        (SELECT MAX(b.id) FROM breach b WHERE b.condition_id = k.id AND b.status = 'open')
                          AS open_breach_id,
                        (SELECT d.disposal_type FROM oocd_disposal d WHERE d.case_id = k.case_id) AS disposal_type,
                        k.hours_required, k.hours_completed, k.amount_pence, k.amount_paid_pence"
            ),
            Arm::AgreementItems => format!(
                "SELECT {src} AS src, i.id AS id, pr.case_id, c.ref, c.service, i.due_on AS due_on, i.kind,
                        i.description, COALESCE(i.owner, '') AS who, i.status, NULL AS open_breach_id,
                        NULL AS disposal_type, NULL AS hours_required, NULL AS hours_completed,
                        NULL AS amount_pence, NULL AS amount_paid_pence"
            ),
            // No case: case id 0 (as on Today), the meeting's title where
            // the reference would be, and a service nothing reads.
            Arm::MeetingActions => format!(
                "SELECT {src} AS src, m.id AS id, 0 AS case_id, mt.title AS ref, 'oocd' AS service,
                        m.due_on AS due_on, NULL AS kind, m.what AS description, m.owner AS who,
                        'open' AS status, NULL AS open_breach_id, NULL AS disposal_type,
                        NULL AS hours_required, NULL AS hours_completed,
                        NULL AS amount_pence, NULL AS amount_paid_pence"
            ),
        }
    };
    sql.push(&columns);
    // CROSS JOIN fixes the loop order: walk the item's due-date index and
    // look each case up, so a page costs its own rows, not the table. The
    // steps to the case read narrow covering indexes (0004), not the wide
    // rows: a walk passes through every row it rejects. When
    // the filter names the cases (one case, or a text match), the cases
    // drive instead and their few items are sorted.
    let from = match (arm, by_case(filter)) {
        (Arm::OpenConditions | Arm::BreachedConditions, false) => {
            " FROM condition k CROSS JOIN case_file c INDEXED BY case_file_live ON c.id = k.case_id
              LEFT JOIN provider p ON p.id = k.provider_id"
        }
        (Arm::OpenConditions | Arm::BreachedConditions, true) => {
            " FROM case_file c CROSS JOIN condition k ON k.case_id = c.id LEFT JOIN provider p ON p.id = k.provider_id"
        }
        (Arm::AgreementItems, false) => {
            " FROM agreement_item i CROSS JOIN outcome_agreement a INDEXED BY outcome_agreement_to_process
                ON a.id = i.agreement_id
              CROSS JOIN rj_process pr INDEXED BY rj_process_to_case ON pr.id = a.process_id
              CROSS JOIN case_file c INDEXED BY case_file_live ON c.id = pr.case_id"
        }
        (Arm::MeetingActions, _) => {
            " FROM meeting_action m INDEXED BY meeting_action_open_due CROSS JOIN meeting mt ON mt.id = m.meeting_id"
        }
        (Arm::AgreementItems, true) => {
            " FROM case_file c CROSS JOIN rj_process pr ON pr.case_id = c.id
              CROSS JOIN outcome_agreement a ON a.process_id = pr.id CROSS JOIN agreement_item i ON i.agreement_id = a.id"
        }
    };
    sql.push(from);
    match arm {
        Arm::OpenConditions => sql.push(&format!(" WHERE k.status IN {OPEN_CONDITION} AND {LIVE_CASE}")),
        // A condition listed as open is not listed again for its breach;
        // the rest are walked by due date among those marked as awaiting a
        // decision, never through the conditions whose breach was decided.
        Arm::BreachedConditions => sql.push(&format!(
            " WHERE {BREACH_WAITING} AND {LIVE_CASE}
                AND EXISTS (SELECT 1 FROM breach b WHERE b.condition_id = k.id AND b.status = 'open')"
        )),
        Arm::AgreementItems => sql.push(&format!(" WHERE i.status IN ('open', 'overdue') AND {LIVE_CASE}")),
        Arm::MeetingActions => sql.push(" WHERE m.done_on IS NULL"),
    }
    match dates {
        Dates::Range(from, until) => {
            for (bound, inclusive, strict) in [(from, ">=", ">"), (until, "<=", "<")] {
                let (day, op) = match bound {
                    Bound::Included(day) => (day, inclusive),
                    Bound::Excluded(day) => (day, strict),
                    Bound::Unbounded => continue,
                };
                let v = sql.bind(date(day));
                sql.push(&format!(" AND {due} {op} {v}"));
            }
        }
        Dates::Day(day, op, threshold) => {
            let d = sql.bind(date(day));
            let t = sql.bind(Value::Integer(threshold));
            sql.push(&format!(" AND {due} = {d} AND {item}.id {op} {t}"));
        }
    }
    if arm != Arm::MeetingActions {
        narrow(sql, filter);
    }
}

/// One arm's rows from the window's key on, in list order (or its reverse),
/// limited. Each arm is read on its own so that it walks its own due-date
/// index and stops after `limit` rows: ordered as one UNION, the constant
/// source column would make SQLite sort every row of a busy due date before
/// the first came back.
///
/// A read from a key is two parts merged in order: the rest of the key's
/// own due date (that date, ids past the key's), then the dates beyond it.
/// Each part starts its walk exactly where its rows begin; a single range
/// on the due date (or a row value, which SQLite serves with the due date
/// alone) would step through every row of a busy date up to the key.
fn arm_page_sql(arm: Arm, filter: &DeadlineFilter, window: Window, keys_only: bool) -> Sql {
    let mut sql = Sql::default();
    let (from, until) = bounds(filter);
    let (key, after) = match window.seek {
        Seek::None => {
            arm_sql(&mut sql, arm, filter, Dates::Range(from, until), keys_only);
            return ordered(sql, window);
        }
        Seek::After(key) => (key, true),
        Seek::Before(key) => (key, false),
    };
    // The source tie-break, folded into an id threshold.
    let threshold = match arm.source().cmp(&key.source) {
        std::cmp::Ordering::Less => i64::MAX,
        std::cmp::Ordering::Equal => key.id,
        std::cmp::Ordering::Greater => i64::MIN,
    };
    let op = if after { ">" } else { "<" };
    if by_case(filter) {
        // The cases' few rows are read whole and sorted, not walked: one
        // part with the bound as a plain condition reads them once.
        arm_sql(&mut sql, arm, filter, Dates::Range(from, until), keys_only);
        let (item, due) = columns_of(arm);
        let d = sql.bind(date(key.due_on));
        let t = sql.bind(Value::Integer(threshold));
        sql.push(&format!(" AND ({due} {op} {d} OR ({due} = {d} AND {item}.id {op} {t}))"));
        return ordered(sql, window);
    }
    if (from, until).contains(&key.due_on) {
        arm_sql(&mut sql, arm, filter, Dates::Day(key.due_on, op, threshold), keys_only);
        sql.push(" UNION ALL ");
    }
    let beyond = if after {
        Dates::Range(tighter(from, Bound::Excluded(key.due_on), true), until)
    } else {
        Dates::Range(from, tighter(until, Bound::Excluded(key.due_on), false))
    };
    arm_sql(&mut sql, arm, filter, beyond, keys_only);
    ordered(sql, window)
}

/// The read's order and limit, after its SELECT (or its two).
fn ordered(mut sql: Sql, window: Window) -> Sql {
    let dir = if window.descending { "DESC" } else { "ASC" };
    // The limit is written into the text, not bound: SQLite plans with a
    // bound LIMIT's value, so it prepares the statement again every time
    // one is bound (about a quarter of a page's time). The limits are a
    // few page sizes, so the cached statements stay few.
    sql.push(&format!(" ORDER BY due_on {dir}, id {dir} LIMIT {}", window.limit));
    sql
}

fn read_row(r: &Row<'_>) -> rusqlite::Result<DeadlineRow> {
    let source = DeadlineSource::from_code(r.get("src")?);
    let (kind, status) = match source {
        DeadlineSource::Condition => {
            (DeadlineKind::Condition(r.get("kind")?), DeadlineStatus::Condition(r.get("status")?))
        }
        DeadlineSource::AgreementItem => {
            (DeadlineKind::AgreementItem(r.get("kind")?), DeadlineStatus::AgreementItem(r.get("status")?))
        }
        DeadlineSource::MeetingAction => (DeadlineKind::MeetingAction, DeadlineStatus::MeetingAction),
    };
    Ok(DeadlineRow {
        key: DeadlineKey { source, id: r.get("id")?, due_on: parse_day(&r.get::<_, String>("due_on")?) },
        case_id: r.get("case_id")?,
        case_ref: r.get("ref")?,
        service: r.get("service")?,
        kind,
        description: r.get("description")?,
        who: r.get("who")?,
        status,
        open_breach_id: r.get("open_breach_id")?,
        disposal: r.get("disposal_type")?,
        progress: progress_of(r)?,
    })
}

/// A condition's running totals, when it requires hours or money.
fn progress_of(r: &Row<'_>) -> rusqlite::Result<Option<Progress>> {
    let progress = Progress {
        hours_required: r.get("hours_required")?,
        hours_done: r.get::<_, Option<f64>>("hours_completed")?.unwrap_or(0.0),
        amount_pence: r.get("amount_pence")?,
        paid_pence: r.get::<_, Option<i64>>("amount_paid_pence")?.unwrap_or(0),
    };
    Ok((progress.hours_required.is_some() || progress.amount_pence.is_some()).then_some(progress))
}

impl Store {
    /// Up to `limit` rows of the list from `seek`, in list order (or its
    /// reverse when `descending`).
    pub(super) fn deadline_rows(
        &self,
        filter: &DeadlineFilter,
        seek: Seek,
        descending: bool,
        limit: usize,
    ) -> StoreResult<Vec<DeadlineRow>> {
        let window = Window { seek, descending, limit };
        if by_case(filter) {
            return self.rows_of_cases(filter, window);
        }
        let keys = self.merged_keys(filter, window)?;
        let mut out = Vec::with_capacity(keys.len());
        for arm in arms(filter) {
            // The arm's share of the page is its first rows from the same
            // seek: the same walk, stopped after that many rows (rows are
            // made one at a time, so the rest are never read).
            let share = keys.iter().filter(|(a, _)| *a == arm).count();
            if share == 0 {
                continue;
            }
            let sql = arm_page_sql(arm, filter, window, false);
            let mut stmt = self.conn().prepare_cached(&sql.text)?;
            for row in stmt.query_map(params_from_iter(sql.values), read_row)?.take(share) {
                out.push(row?);
            }
        }
        sort_in_order(&mut out, |row| row.key, descending);
        Ok(out)
    }

    /// The rows of the cases a filter names, read whole: each arm sorts
    /// its few rows anyway, so reading keys first would read them twice.
    fn rows_of_cases(&self, filter: &DeadlineFilter, window: Window) -> StoreResult<Vec<DeadlineRow>> {
        let mut out = Vec::new();
        for arm in arms(filter) {
            let sql = arm_page_sql(arm, filter, window, false);
            let mut stmt = self.conn().prepare_cached(&sql.text)?;
            for row in stmt.query_map(params_from_iter(sql.values), read_row)? {
                out.push(row?);
            }
        }
        sort_in_order(&mut out, |row| row.key, window.descending);
        out.truncate(window.limit);
        Ok(out)
    }

    /// The keys of up to `limit` rows of the list from `seek`.
    pub(super) fn deadline_keys_seek(
        &self,
        filter: &DeadlineFilter,
        seek: Seek,
        descending: bool,
        limit: usize,
    ) -> StoreResult<Vec<DeadlineKey>> {
        let keys = self.merged_keys(filter, Window { seek, descending, limit })?;
        Ok(keys.into_iter().map(|(_, key)| key).collect())
    }

    /// The first keys of every arm in the window, merged and cut to its
    /// limit, each with the arm it came from.
    fn merged_keys(&self, filter: &DeadlineFilter, window: Window) -> StoreResult<Vec<(Arm, DeadlineKey)>> {
        let mut out = Vec::new();
        for arm in arms(filter) {
            let sql = arm_page_sql(arm, filter, window, true);
            let mut stmt = self.conn().prepare_cached(&sql.text)?;
            let rows = stmt.query_map(params_from_iter(sql.values), |r| {
                Ok(DeadlineKey {
                    source: DeadlineSource::from_code(r.get(0)?),
                    id: r.get(1)?,
                    due_on: parse_day(&r.get::<_, String>(2)?),
                })
            })?;
            for key in rows {
                out.push((arm, key?));
            }
        }
        sort_in_order(&mut out, |(_, key)| *key, window.descending);
        out.truncate(window.limit);
        Ok(out)
    }

    /// How many rows match, counted up to one past `COUNT_CAP`.
    pub(super) fn deadline_count_capped(&self, filter: &DeadlineFilter) -> StoreResult<usize> {
        let arms = arms(filter);
        if arms.is_empty() {
            return Ok(0);
        }
        let mut sql = Sql::default();
        sql.push("SELECT COUNT(*) FROM (");
        for (n, arm) in arms.into_iter().enumerate() {
            if n > 0 {
                sql.push(" UNION ALL ");
            }
            arm_sql(&mut sql, arm, filter, Dates::of(filter), true);
        }
        // Written into the text, not bound (see `arm_page_sql`).
        sql.push(&format!(" LIMIT {})", COUNT_CAP + 1));
        let mut stmt = self.conn().prepare_cached(&sql.text)?;
        let n: i64 = stmt.query_row(params_from_iter(sql.values), |r| r.get(0))?;
        Ok(n.max(0) as usize)
    }
}

/// Sort into list order, or its reverse.
fn sort_in_order<T>(rows: &mut [T], key: impl Fn(&T) -> DeadlineKey, descending: bool) {
    rows.sort_by_key(&key);
    if descending {
        rows.reverse();
    }
}
