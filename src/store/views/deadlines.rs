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
//! * open agreement items (`agreement_item_open_due`).
//!
//! Nothing loads a whole table: a page is `LIMIT n` after (or before) a key,
//! and counts stop at `COUNT_CAP`.

use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, OptionalExtension, Row};

use crate::domain::caps::ConditionKind;
use crate::domain::status::DisposalType;
use crate::domain::types::{AgreementItemKind, ConditionStatus, Service};
use crate::store::audit::{AuditEntry, AuditOp};
use crate::store::reads::{day_text, parse_day};
use crate::store::writes::{date, text};
use crate::store::{Store, StoreError, StoreResult, Tx};

/// Counts stop here: beyond it the screen says "500+", which is all a
/// person needs to know, and the count stays a few milliseconds at any size.
pub const COUNT_CAP: usize = 500;

/// Where a row comes from. The order is the tie-break after the due date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DeadlineSource {
    Condition,
    AgreementItem,
}

impl DeadlineSource {
    fn code(self) -> i64 {
        match self {
            DeadlineSource::Condition => 0,
            DeadlineSource::AgreementItem => 1,
        }
    }

    fn from_code(code: i64) -> Self {
        if code == 0 {
            DeadlineSource::Condition
        } else {
            DeadlineSource::AgreementItem
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
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeadlineRow {
    pub key: DeadlineKey,
    pub case_id: i64,
    pub case_ref: String,
    pub service: Service,
    /// The stored kind of the condition or agreement item.
    pub kind: String,
    pub description: String,
    /// The provider of a condition, or the owner of an agreement item ("" if none).
    pub who: String,
    /// The stored status of the condition or item.
    pub status: String,
    /// The breach awaiting a decision on this condition, if any.
    pub open_breach_id: Option<i64>,
    pub disposal: Option<DisposalType>,
}

impl DeadlineRow {
    /// "Rehabilitative course", or "agreement: Apology".
    pub fn kind_label(&self) -> String {
        match self.key.source {
            DeadlineSource::Condition => {
                ConditionKind::parse(&self.kind).map_or_else(|| self.kind.replace('_', " "), |k| k.label().to_string())
            }
            DeadlineSource::AgreementItem => format!(
                "agreement: {}",
                AgreementItemKind::parse(&self.kind)
                    .map_or_else(|| self.kind.replace('_', " "), |k| k.label().to_string())
            ),
        }
    }

    /// The status in words; a condition whose breach awaits a decision says so.
    pub fn status_label(&self) -> String {
        if self.open_breach_id.is_some() && self.key.source == DeadlineSource::Condition {
            return "Breach open".into();
        }
        match self.key.source {
            DeadlineSource::Condition => {
                ConditionStatus::parse(&self.status).map_or_else(|| self.status.clone(), |s| s.label().to_string())
            }
            DeadlineSource::AgreementItem => match self.status.as_str() {
                "open" => "Open".into(),
                "overdue" => "Overdue".into(),
                other => other.replace('_', " "),
            },
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

const OPEN_CONDITION: &str = "('active', 'referred', 'booked', 'in_progress', 'varied')";
/// The statuses, neither open nor finished, that a condition can hold while
/// a breach of it awaits a decision (`condition_breach_due` indexes them).
const AFTER_BREACH: &str = "('draft', 'not_completed', 'breached')";
const LIVE_CASE: &str = "c.status NOT IN ('closed', 'withdrawn')";

/// SQL text with its positional values, built together so a value can
/// never end up in the text.
#[derive(Default)]
struct Sql {
    text: String,
    values: Vec<Value>,
}

impl Sql {
    fn bind(&mut self, value: Value) -> String {
        self.values.push(value);
        format!("?{}", self.values.len())
    }

    fn push(&mut self, s: &str) {
        self.text.push_str(s);
    }
}

/// The direction and bound of one query.
#[derive(Clone, Copy)]
enum Seek {
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

/// The three row sources, as far as a query cares.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Arm {
    OpenConditions,
    BreachedConditions,
    AgreementItems,
}

impl Arm {
    fn source(self) -> DeadlineSource {
        match self {
            Arm::OpenConditions | Arm::BreachedConditions => DeadlineSource::Condition,
            Arm::AgreementItems => DeadlineSource::AgreementItem,
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
    out
}

/// One arm's SELECT with the filter and the seek bound. Columns:
/// src, id, case_id, ref, service, due_on, kind, description, who, status,
/// open_breach_id, disposal_type.
fn arm_sql(sql: &mut Sql, arm: Arm, filter: &DeadlineFilter, seek: Seek, keys_only: bool) {
    let src = arm.source().code();
    let (item, due) = match arm {
        Arm::OpenConditions | Arm::BreachedConditions => ("k", "k.due_on"),
        Arm::AgreementItems => ("i", "i.due_on"),
    };
    let columns = if keys_only {
        format!("SELECT {src} AS src, {item}.id AS id, {due} AS due_on")
    } else {
        match arm {
            Arm::OpenConditions => format!(
                "SELECT {src} AS src, k.id AS id, k.case_id, c.ref, c.service, k.due_on AS due_on, k.kind,
                        k.description, COALESCE(p.name, ''), k.status,
                        (SELECT b.id FROM breach b WHERE b.case_id = k.case_id AND b.condition_id = k.id
                           AND b.status = 'open' ORDER BY b.id DESC LIMIT 1),
                        (SELECT d.disposal_type FROM oocd_disposal d WHERE d.case_id = k.case_id)"
            ),
            Arm::BreachedConditions => format!(
                "SELECT {src} AS src, k.id AS id, k.case_id, c.ref, c.service, k.due_on AS due_on, k.kind,
                        k.description, COALESCE(p.name, ''), k.status,
                        (SELECT MAX(b.id) FROM breach b WHERE b.condition_id = k.id AND b.status = 'open'),
                        (SELECT d.disposal_type FROM oocd_disposal d WHERE d.case_id = k.case_id)"
            ),
            Arm::AgreementItems => format!(
                "SELECT {src} AS src, i.id AS id, pr.case_id, c.ref, c.service, i.due_on AS due_on, i.kind,
                        i.description, COALESCE(i.owner, ''), i.status, NULL, NULL"
            ),
        }
    };
    sql.push(&columns);
    // CROSS JOIN fixes the loop order: walk the item's due-date index and
    // look each case up, so a page costs its own rows, not the table. When
    // the filter names the cases (one case, or a text match), the cases
    // drive instead and their few items are sorted.
    let by_case = filter.case_id.is_some() || filter.case_ids.is_some();
    let from = match (arm, by_case) {
        (Arm::OpenConditions | Arm::BreachedConditions, false) => {
            " FROM condition k CROSS JOIN case_file c ON c.id = k.case_id LEFT JOIN provider p ON p.id = k.provider_id"
        }
        (Arm::OpenConditions | Arm::BreachedConditions, true) => {
            " FROM case_file c CROSS JOIN condition k ON k.case_id = c.id LEFT JOIN provider p ON p.id = k.provider_id"
        }
        (Arm::AgreementItems, false) => {
            " FROM agreement_item i CROSS JOIN outcome_agreement a ON a.id = i.agreement_id
              CROSS JOIN rj_process pr ON pr.id = a.process_id CROSS JOIN case_file c ON c.id = pr.case_id"
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
        // the rest are walked by due date (`condition_breach_due`) and kept
        // only while a breach awaits its decision.
        Arm::BreachedConditions => sql.push(&format!(
            " WHERE k.status IN {AFTER_BREACH} AND {LIVE_CASE}
                AND EXISTS (SELECT 1 FROM breach b WHERE b.condition_id = k.id AND b.status = 'open')"
        )),
        Arm::AgreementItems => sql.push(&format!(" WHERE i.status IN ('open', 'overdue') AND {LIVE_CASE}")),
    }
    if let Some(from) = filter.due_from {
        let v = sql.bind(date(from));
        sql.push(&format!(" AND {due} >= {v}"));
    }
    if let Some(until) = filter.due_until {
        let v = sql.bind(date(until));
        sql.push(&format!(" AND {due} <= {v}"));
    }
    if let Some(provider) = filter.provider_id {
        let v = sql.bind(Value::Integer(provider));
        sql.push(&format!(" AND k.provider_id = {v}"));
    }
    if let Some(service) = filter.service {
        let v = sql.bind(text(service.as_str()));
        sql.push(&format!(" AND c.service = {v}"));
    }
    if let Some(case_id) = filter.case_id {
        let v = sql.bind(Value::Integer(case_id));
        sql.push(&format!(" AND c.id = {v}"));
    }
    if let Some(ids) = &filter.case_ids {
        let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
        let v = sql.bind(text(format!("[{list}]")));
        sql.push(&format!(" AND c.id IN (SELECT value FROM json_each({v}))"));
    }
    // The keyset bound, with the source tie-break folded into an id
    // threshold so the due-date index serves the range.
    match seek {
        Seek::None => {}
        Seek::After(key) => {
            let threshold = match arm.source().cmp(&key.source) {
                std::cmp::Ordering::Less => i64::MAX,
                std::cmp::Ordering::Equal => key.id,
                std::cmp::Ordering::Greater => i64::MIN,
            };
            let d = sql.bind(date(key.due_on));
            let t = sql.bind(Value::Integer(threshold));
            sql.push(&format!(" AND {due} >= {d} AND ({due} > {d} OR {item}.id > {t})"));
        }
        Seek::Before(key) => {
            let threshold = match arm.source().cmp(&key.source) {
                std::cmp::Ordering::Less => i64::MAX,
                std::cmp::Ordering::Equal => key.id,
                std::cmp::Ordering::Greater => i64::MIN,
            };
            let d = sql.bind(date(key.due_on));
            let t = sql.bind(Value::Integer(threshold));
            sql.push(&format!(" AND {due} <= {d} AND ({due} < {d} OR {item}.id < {t})"));
        }
    }
}

/// One arm's rows in list order (or its reverse), limited. Each arm is read
/// on its own so that it walks its own due-date index and stops after
/// `limit` rows: ordered as one UNION, the constant source column would
/// make SQLite sort every row of a busy due date before the first came back.
fn arm_page_sql(arm: Arm, filter: &DeadlineFilter, window: Window, keys_only: bool) -> Sql {
    let mut sql = Sql::default();
    arm_sql(&mut sql, arm, filter, window.seek, keys_only);
    let item = if arm == Arm::AgreementItems { "i" } else { "k" };
    let dir = if window.descending { "DESC" } else { "ASC" };
    let l = sql.bind(Value::Integer(window.limit as i64));
    sql.push(&format!(" ORDER BY {item}.due_on {dir}, {item}.id {dir} LIMIT {l}"));
    sql
}

fn read_row(r: &Row<'_>) -> rusqlite::Result<DeadlineRow> {
    let service: String = r.get(4)?;
    let disposal: Option<String> = r.get(11)?;
    Ok(DeadlineRow {
        key: DeadlineKey {
            source: DeadlineSource::from_code(r.get(0)?),
            id: r.get(1)?,
            due_on: parse_day(&r.get::<_, String>(5)?),
        },
        case_id: r.get(2)?,
        case_ref: r.get(3)?,
        service: Service::parse(&service).unwrap_or(Service::Oocd),
        kind: r.get(6)?,
        description: r.get(7)?,
        who: r.get(8)?,
        status: r.get(9)?,
        open_breach_id: r.get(10)?,
        disposal: disposal.as_deref().and_then(DisposalType::parse),
    })
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

    fn deadline_rows(
        &self,
        filter: &DeadlineFilter,
        seek: Seek,
        descending: bool,
        limit: usize,
    ) -> StoreResult<Vec<DeadlineRow>> {
        self.merged_arms(filter, Window { seek, descending, limit }, false, read_row, |row| row.key)
    }

    fn deadline_exists(&self, filter: &DeadlineFilter, seek: Seek) -> StoreResult<bool> {
        let descending = matches!(seek, Seek::Before(_));
        Ok(!self.deadline_keys_seek(filter, seek, descending, 1)?.is_empty())
    }

    fn deadline_keys_seek(
        &self,
        filter: &DeadlineFilter,
        seek: Seek,
        descending: bool,
        limit: usize,
    ) -> StoreResult<Vec<DeadlineKey>> {
        let read = |r: &Row<'_>| {
            Ok(DeadlineKey {
                source: DeadlineSource::from_code(r.get(0)?),
                id: r.get(1)?,
                due_on: parse_day(&r.get::<_, String>(2)?),
            })
        };
        self.merged_arms(filter, Window { seek, descending, limit }, true, read, |key| *key)
    }

    /// The first `limit` rows of every arm, merged into list order (or its
    /// reverse) and cut to `limit`.
    fn merged_arms<T>(
        &self,
        filter: &DeadlineFilter,
        window: Window,
        keys_only: bool,
        read: impl Fn(&Row<'_>) -> rusqlite::Result<T>,
        key: impl Fn(&T) -> DeadlineKey,
    ) -> StoreResult<Vec<T>> {
        let mut out = Vec::new();
        for arm in arms(filter) {
            let sql = arm_page_sql(arm, filter, window, keys_only);
            let mut stmt = self.conn().prepare_cached(&sql.text)?;
            let rows = stmt.query_map(params_from_iter(sql.values), &read)?;
            for row in rows {
                out.push(row?);
            }
        }
        out.sort_by_key(&key);
        if window.descending {
            out.reverse();
        }
        out.truncate(window.limit);
        Ok(out)
    }

    /// The keys of the first `limit` matching rows in list order: what
    /// "tag every row matching" tags, without loading the rows.
    pub fn deadline_keys(&self, filter: &DeadlineFilter, limit: usize) -> StoreResult<Vec<DeadlineKey>> {
        self.deadline_keys_seek(filter, Seek::None, false, limit)
    }

    /// How many rows match, counted up to `COUNT_CAP`.
    pub fn deadline_count(&self, filter: &DeadlineFilter) -> StoreResult<DeadlineCount> {
        let arms = arms(filter);
        if arms.is_empty() {
            return Ok(DeadlineCount::default());
        }
        let mut sql = Sql::default();
        sql.push("SELECT COUNT(*) FROM (");
        for (n, arm) in arms.into_iter().enumerate() {
            if n > 0 {
                sql.push(" UNION ALL ");
            }
            arm_sql(&mut sql, arm, filter, Seek::None, true);
        }
        let l = sql.bind(Value::Integer(COUNT_CAP as i64 + 1));
        sql.push(&format!(" LIMIT {l})"));
        let mut stmt = self.conn().prepare_cached(&sql.text)?;
        let n: i64 = stmt.query_row(params_from_iter(sql.values), |r| r.get(0))?;
        let n = n.max(0) as usize;
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

impl Tx<'_> {
    /// What a chase or a refusal names: the case, the item in words, its due date.
    pub fn deadline_brief(&self, source: DeadlineSource, id: i64) -> StoreResult<DeadlineBrief> {
        let row: Option<(i64, String, String, String, String, NaiveDate)> = match source {
            DeadlineSource::Condition => self
                .conn()
                .query_row(
                    "SELECT k.case_id, c.ref, k.kind, k.description, COALESCE(p.name, ''), k.due_on
                     FROM condition k JOIN case_file c ON c.id = k.case_id
                     LEFT JOIN provider p ON p.id = k.provider_id WHERE k.id = ?1",
                    params![id],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, parse_day(&r.get::<_, String>(5)?))),
                )
                .optional()?,
            DeadlineSource::AgreementItem => self
                .conn()
                .query_row(
                    "SELECT p.case_id, c.ref, i.kind, i.description, COALESCE(i.owner, ''), i.due_on
                     FROM agreement_item i JOIN outcome_agreement a ON a.id = i.agreement_id
                     JOIN rj_process p ON p.id = a.process_id JOIN case_file c ON c.id = p.case_id
                     WHERE i.id = ?1",
                    params![id],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, parse_day(&r.get::<_, String>(5)?))),
                )
                .optional()?,
        };
        let (case_id, case_ref, kind, description, who, due_on) = row.ok_or_else(|| {
            StoreError::NotFound(match source {
                DeadlineSource::Condition => format!("condition {id}"),
                DeadlineSource::AgreementItem => format!("agreement item {id}"),
            })
        })?;
        let what = match source {
            DeadlineSource::Condition => {
                ConditionKind::parse(&kind).map_or_else(|| kind.replace('_', " "), |k| k.label().to_string())
            }
            DeadlineSource::AgreementItem => format!("agreement item: {description}"),
        };
        let label = if who.is_empty() { what } else { format!("{what} [{who}]") };
        Ok(DeadlineBrief { case_id, case_ref, label, due_on })
    }

    /// Move an agreement item's due date, with the reason. Agreement items
    /// are not statutory (§9.9: "not legally binding"), so no cap applies;
    /// the new date must not be before the agreement was made. The reason is
    /// kept on the audit row beside the change.
    pub fn deadlines_vary_item_due(&mut self, item_id: i64, new_due: NaiveDate, reason: &str) -> StoreResult<()> {
        if reason.trim().is_empty() {
            return Err(StoreError::Invalid("a variation needs a reason".into()));
        }
        let row: Option<(String, String, String, i64)> = self
            .conn()
            .query_row(
                "SELECT i.status, i.due_on, a.agreed_on, p.case_id FROM agreement_item i
                 JOIN outcome_agreement a ON a.id = i.agreement_id JOIN rj_process p ON p.id = a.process_id
                 WHERE i.id = ?1",
                params![item_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?;
        let (status, old_due, agreed_on, case_id) =
            row.ok_or_else(|| StoreError::NotFound(format!("agreement item {item_id}")))?;
        if status != "open" && status != "overdue" {
            return Err(StoreError::Invalid(format!(
                "this agreement item is {} and cannot be varied",
                status.replace('_', " ")
            )));
        }
        let agreed_on = parse_day(&agreed_on);
        if new_due < agreed_on {
            return Err(StoreError::Invalid(format!(
                "the new due date {new_due} is before the agreement was made ({agreed_on})"
            )));
        }
        self.update(
            "agreement_item",
            item_id,
            Some(case_id),
            vec![("due_on", date(new_due)), ("status", text("open"))],
        )?;
        // The reason, on its own audit row in the same transaction (undo
        // restores the row from the update's "before" and passes over this).
        let now = self.snapshot("agreement_item", item_id)?;
        let mut entry = AuditEntry::new(AuditOp::Alter, "agreement_item", item_id).case(case_id);
        entry.before = now.clone();
        entry.after = now;
        entry.justification =
            Some(format!("due date varied from {old_due} to {}: {}", day_text(new_due), reason.trim()));
        self.audit(&entry)
    }
}

/// The reason recorded with an agreement item's variation (tests read it back).
impl Store {
    pub fn deadline_item_variation_reasons(&self, item_id: i64) -> StoreResult<Vec<String>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT justification FROM audit_log WHERE entity = 'agreement_item' AND entity_id = ?1
               AND justification IS NOT NULL ORDER BY id",
        )?;
        let rows = stmt.query_map(params![item_id.to_string()], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::views::best_of_five;
    use crate::store::OpenMode;

    fn demo_store() -> Store {
        let mut store = Store::open_in_memory().unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        crate::demo::generate(&mut store, &crate::demo::DemoOptions { cases: 120, seed: 3, today }).unwrap();
        store
    }

    fn keys(rows: &[DeadlineRow]) -> Vec<DeadlineKey> {
        rows.iter().map(|r| r.key).collect()
    }

    #[test]
    fn pages_walked_either_way_give_the_whole_list_once_in_order() {
        let store = demo_store();
        let filter = DeadlineFilter::default();
        let all = keys(&store.deadline_page(&filter, PageAt::First, 10_000).unwrap().rows);
        assert!(all.len() > 30, "the demo lists {} rows", all.len());
        let mut sorted = all.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(all, sorted, "in key order, no row twice");
        assert_eq!(store.deadline_count(&filter).unwrap(), DeadlineCount { count: all.len(), capped: false });

        // Forwards, seven at a time.
        let mut walked = Vec::new();
        let mut page = store.deadline_page(&filter, PageAt::First, 7).unwrap();
        assert!(!page.more_before);
        loop {
            walked.extend(keys(&page.rows));
            if !page.more_after {
                break;
            }
            page = store.deadline_page(&filter, PageAt::After(*walked.last().unwrap()), 7).unwrap();
        }
        assert_eq!(walked, all);

        // Backwards from the end.
        let mut back: Vec<DeadlineKey> = Vec::new();
        let mut page = store.deadline_page(&filter, PageAt::Last, 7).unwrap();
        assert!(!page.more_after);
        loop {
            let mut k = keys(&page.rows);
            k.extend(back);
            back = k;
            if !page.more_before {
                break;
            }
            page = store.deadline_page(&filter, PageAt::Before(back[0]), 7).unwrap();
        }
        assert_eq!(back, all);

        // From a key, and around it.
        let at = all.len() / 2;
        let middle = all[at];
        let from = store.deadline_page(&filter, PageAt::From(middle), 5).unwrap();
        assert_eq!(keys(&from.rows), all[at..at + 5].to_vec());
        assert!(from.more_before && from.more_after);
        let around = store.deadline_page_around(&filter, middle, 9).unwrap();
        assert_eq!(keys(&around.rows), all[at - 3..at + 6].to_vec());
        assert_eq!(store.deadline_key_of(middle.source, middle.id).unwrap(), Some(middle));
    }

    #[test]
    fn filters_and_keys_agree_with_the_rows() {
        let store = demo_store();
        let today = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        let all = store.deadline_page(&DeadlineFilter::default(), PageAt::First, 10_000).unwrap().rows;
        let overdue = DeadlineFilter { due_until: today.pred_opt(), ..DeadlineFilter::default() };
        let rows = store.deadline_page(&overdue, PageAt::First, 10_000).unwrap().rows;
        assert_eq!(keys(&rows), keys(&all).into_iter().filter(|k| k.due_on < today).collect::<Vec<_>>());
        assert_eq!(store.deadline_keys(&overdue, 3).unwrap(), keys(&rows)[..3].to_vec());

        let rj = DeadlineFilter { service: Some(Service::RestorativeJustice), ..DeadlineFilter::default() };
        let rows = store.deadline_page(&rj, PageAt::First, 10_000).unwrap().rows;
        assert!(!rows.is_empty() && rows.iter().all(|r| r.service == Service::RestorativeJustice));

        let case_id = all[0].case_id;
        let one = DeadlineFilter { case_id: Some(case_id), ..DeadlineFilter::default() };
        let rows = store.deadline_page(&one, PageAt::First, 10_000).unwrap().rows;
        assert_eq!(rows, all.iter().filter(|r| r.case_id == case_id).cloned().collect::<Vec<_>>());
        let listed = DeadlineFilter { case_ids: Some(vec![case_id]), ..DeadlineFilter::default() };
        assert_eq!(store.deadline_page(&listed, PageAt::First, 10_000).unwrap().rows, rows);
        let none = DeadlineFilter { case_ids: Some(vec![]), ..DeadlineFilter::default() };
        assert!(store.deadline_page(&none, PageAt::First, 10).unwrap().rows.is_empty());
    }

    #[test]
    fn completed_items_are_not_listed() {
        let mut store = demo_store();
        let today = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        let all = store.deadline_page(&DeadlineFilter::default(), PageAt::First, 10_000).unwrap().rows;
        let row = all.iter().find(|r| r.key.source == DeadlineSource::AgreementItem).unwrap().clone();
        store.write(|tx| tx.complete_agreement_item(row.key.id, today, "seen")).unwrap();
        assert_eq!(store.deadline_key_of(row.key.source, row.key.id).unwrap(), None);
        let count = store.deadline_count(&DeadlineFilter::default()).unwrap().count;
        assert_eq!(count, all.len() - 1);
    }

    /// Timing on a large database (min of five runs):
    /// `DEADLINES_BIG_DB=/path cargo test --release --lib deadlines_timing -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn deadlines_timing() {
        let Ok(path) = std::env::var("DEADLINES_BIG_DB") else { return };
        let store = Store::open(std::path::Path::new(&path), OpenMode::MustExist).unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        let hits: Vec<i64> = store.search("OOCD", 500).unwrap().into_iter().map(|h| h.case_id).collect();
        let filters = [
            ("all", DeadlineFilter::default()),
            ("overdue", DeadlineFilter { due_until: today.pred_opt(), ..DeadlineFilter::default() }),
            ("week", DeadlineFilter { due_from: Some(today), due_until: Some(today), ..DeadlineFilter::default() }),
            ("provider", DeadlineFilter { provider_id: Some(3), ..DeadlineFilter::default() }),
            ("oocd", DeadlineFilter { service: Some(Service::Oocd), ..DeadlineFilter::default() }),
            ("rj", DeadlineFilter { service: Some(Service::RestorativeJustice), ..DeadlineFilter::default() }),
            ("cases", DeadlineFilter { case_ids: Some(hits), ..DeadlineFilter::default() }),
            ("one case", DeadlineFilter { case_id: Some(150), ..DeadlineFilter::default() }),
        ];
        for (name, f) in &filters {
            let (page, t1) = best_of_five(|| store.deadline_page(f, PageAt::First, 200).unwrap());
            let (count, t2) = best_of_five(|| store.deadline_count(f).unwrap());
            let key = page.rows.last().map(|r| r.key);
            let (next, t3) =
                best_of_five(|| key.map(|k| store.deadline_page(f, PageAt::After(k), 200).unwrap().rows.len()));
            let (last, t4) = best_of_five(|| store.deadline_page(f, PageAt::Last, 200).unwrap().rows.len());
            let (keys, t5) = best_of_five(|| store.deadline_keys(f, 5001).unwrap().len());
            println!(
                "{name:9} page {:>4} {t1:?} | count {count:?} {t2:?} | next {next:?} {t3:?} | last {last} {t4:?} | keys {keys} {t5:?}",
                page.rows.len()
            );
        }
    }
}
