//! How both lists are read. A list is made of arms, one per group, each a
//! query of its own; the list is the arms one after another in group order.
//!
//! An arm is read on its own, in its own (sort, id) order, with the keyset
//! bound inside it and `LIMIT n`, so it walks an index and stops after a
//! page. (Read as one UNION ordered by the constant group column, SQLite
//! would build and sort every row of every arm before the first came back.)
//! Counts stop at `COUNT_CAP`, so no count walks a whole table.

use std::cmp::Ordering;

use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Row};

use crate::store::views::allocation::CoordinatorFilter;
use crate::store::views::deadlines::COUNT_CAP;
use crate::store::{Store, StoreResult};

use super::{CappedCount, Direction, ListKey};

/// One part of a list: the rows of one group, as pieces of SQL.
pub(super) struct Arm {
    /// Where the arm sits in the list: all of group 0 comes before group 1.
    pub group: i64,
    /// The row's columns (after `grp`, `sk` and `kid`, which come from the
    /// fields below).
    pub columns: &'static str,
    /// The FROM clause a page reads: it walks an index in (sort, id) order,
    /// so a page stops after its rows.
    pub from: &'static str,
    /// The FROM clause for one case's rows (the case is `c`).
    pub by_case: &'static str,
    /// The WHERE condition.
    pub filter: &'static str,
    /// The arm's order: the sort text (`sk`) and the tie-break id (`kid`).
    pub sort: &'static str,
    pub id: &'static str,
}

/// SQL text with its positional values, built together.
struct Query {
    text: String,
    values: Vec<Value>,
}

impl Query {
    fn bind(&mut self, value: Value) -> String {
        self.values.push(value);
        format!("?{}", self.values.len())
    }
}

impl Arm {
    /// `grp`, `sk` and `kid`, then `columns`.
    pub fn select(&self, columns: &str) -> String {
        format!("{} AS grp, {} AS sk, {} AS kid, {columns}", self.group, self.sort, self.id)
    }

    /// Which of the arm's rows lie on the `direction` side of `key`: none
    /// (an arm of a group beyond the key's), all (a group short of it), or
    /// in the key's own group those past its (sort, id): `Some(Some(key))`.
    fn reach<'k>(&self, key: &'k ListKey, direction: Direction) -> Option<Option<&'k ListKey>> {
        match (self.group.cmp(&key.group), direction) {
            (Ordering::Equal, _) => Some(Some(key)),
            (Ordering::Greater, Direction::From) | (Ordering::Less, Direction::Before) => Some(None),
            _ => None,
        }
    }

    /// The arm's rows of `whose` cases past `bound` (all of them when
    /// None), unordered. The bound is written as a range on the sort
    /// expression first, so the index on it serves the range; the
    /// coordinator is a condition on the case each row joins by its key, so
    /// a filtered page walks the same index and skips the others' rows.
    fn query(&self, select: &str, whose: CoordinatorFilter, bound: Option<&ListKey>, direction: Direction) -> Query {
        let mut q =
            Query { text: format!("SELECT {select} FROM {} WHERE ({})", self.from, self.filter), values: vec![] };
        if let Some((condition, id)) = whose.condition() {
            let bound = id.map(|id| q.bind(Value::Integer(id))).unwrap_or_default();
            q.text.push_str(&format!(" AND {condition}{bound}"));
        }
        if let Some(key) = bound {
            let (range, strict, ids) = match direction {
                Direction::From => (">=", ">", ">="),
                Direction::Before => ("<=", "<", "<"),
            };
            let s = q.bind(Value::Text(key.sort.clone()));
            let i = q.bind(Value::Integer(key.id));
            let (sort, id) = (self.sort, self.id);
            q.text.push_str(&format!(" AND {sort} {range} {s} AND ({sort} {strict} {s} OR {id} {ids} {i})"));
        }
        q
    }
}

/// The arms in the order a read in `direction` meets them.
fn in_reading_order(arms: &[Arm], direction: Direction) -> Vec<&Arm> {
    debug_assert!(arms.windows(2).all(|w| w[0].group < w[1].group), "one arm per group, in order");
    match direction {
        Direction::From => arms.iter().collect(),
        Direction::Before => arms.iter().rev().collect(),
    }
}

impl Store {
    /// Up to `limit` rows of `whose` cases on the `direction` side of `key`,
    /// in list order. An arm is read only while the page still has room.
    pub(super) fn arm_rows<T>(
        &self,
        arms: &[Arm],
        whose: CoordinatorFilter,
        key: &ListKey,
        direction: Direction,
        limit: usize,
        read: impl Fn(&Row<'_>) -> rusqlite::Result<T>,
    ) -> StoreResult<Vec<T>> {
        let order = match direction {
            Direction::From => "ASC",
            Direction::Before => "DESC",
        };
        let mut out = Vec::new();
        for arm in in_reading_order(arms, direction) {
            if out.len() >= limit {
                break;
            }
            let Some(bound) = arm.reach(key, direction) else { continue };
            let mut q = arm.query(&arm.select(arm.columns), whose, bound, direction);
            // The limit is written into the text, not bound: SQLite plans
            // with a bound LIMIT's value, so it would prepare the statement
            // again on every read. It is the page's size, so the cached
            // statements stay few; the rows past the page's room are never
            // made, since rows are made one at a time.
            q.text.push_str(&format!(" ORDER BY {} {order}, {} {order} LIMIT {limit}", arm.sort, arm.id));
            let room = limit - out.len();
            let mut stmt = self.conn().prepare_cached(&q.text)?;
            for row in stmt.query_map(params_from_iter(q.values), &read)?.take(room) {
                out.push(row?);
            }
        }
        if direction == Direction::Before {
            out.reverse();
        }
        Ok(out)
    }

    /// How many rows of `whose` cases lie on the `direction` side of `key`,
    /// counted up to `COUNT_CAP`.
    pub(super) fn arm_count(
        &self,
        arms: &[Arm],
        whose: CoordinatorFilter,
        key: &ListKey,
        direction: Direction,
    ) -> StoreResult<CappedCount> {
        let mut total = 0;
        for arm in in_reading_order(arms, direction) {
            if total > COUNT_CAP {
                break;
            }
            let Some(bound) = arm.reach(key, direction) else { continue };
            total += self.count_in_arm(arm, whose, bound, direction)?;
        }
        Ok(CappedCount::of(total))
    }

    /// How many rows of `whose` cases one arm holds, counted up to `COUNT_CAP`.
    pub(super) fn arm_total(&self, arm: &Arm, whose: CoordinatorFilter) -> StoreResult<CappedCount> {
        Ok(CappedCount::of(self.count_in_arm(arm, whose, None, Direction::From)?))
    }

    /// The arm's rows past `bound`, counted up to one past `COUNT_CAP`
    /// (a constant written into the text, not bound: see `arm_rows`).
    /// Counted from the arm's newest end: open work is recent and history
    /// old, so the count reaches its cap soonest that way.
    fn count_in_arm(
        &self,
        arm: &Arm,
        whose: CoordinatorFilter,
        bound: Option<&ListKey>,
        direction: Direction,
    ) -> StoreResult<usize> {
        let mut q = arm.query("1", whose, bound, direction);
        q.text.push_str(&format!(" ORDER BY {} DESC, {} DESC", arm.sort, arm.id));
        let sql = format!("SELECT COUNT(*) FROM ({} LIMIT {})", q.text, COUNT_CAP + 1);
        let count: i64 = self.conn().prepare_cached(&sql)?.query_row(params_from_iter(q.values), |r| r.get(0))?;
        Ok(count.max(0) as usize)
    }

    /// One case's rows of the list, in list order (a case has a handful).
    pub(super) fn arm_rows_of_case<T>(
        &self,
        arms: &[Arm],
        case_id: i64,
        read: impl Fn(&Row<'_>) -> rusqlite::Result<T>,
        key: impl Fn(&T) -> &ListKey,
    ) -> StoreResult<Vec<T>> {
        let mut out = Vec::new();
        for arm in arms {
            let sql =
                format!("SELECT {} FROM {} WHERE ({}) AND c.id = ?1", arm.select(arm.columns), arm.by_case, arm.filter);
            let mut stmt = self.conn().prepare_cached(&sql)?;
            for row in stmt.query_map(params![case_id], &read)? {
                out.push(row?);
            }
        }
        out.sort_by(|a, b| key(a).cmp(key(b)));
        Ok(out)
    }
}
