//! Keyset paging: where a page starts, the page read, and the one query
//! shape every list of the Case screen is read with (never OFFSET).

use rusqlite::types::Value;
use rusqlite::{params_from_iter, Row};
use serde::Serialize;

use crate::store::{Store, StoreResult};

/// Where a page starts, in the list's display order (newest first).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seek<K> {
    /// The newest rows.
    First,
    /// The oldest rows.
    Last,
    /// From this key on, the key's own row included (a refresh in place).
    From(K),
    /// The rows after this key (the next page).
    After(K),
    /// The rows before this key (the previous page).
    Before(K),
}

/// One page of a list, where it sits, and how long the list is.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Page<T> {
    pub rows: Vec<T>,
    /// How many rows come before the first one of this page.
    pub offset: usize,
    pub total: usize,
}

impl<T> Default for Page<T> {
    fn default() -> Self {
        Page { rows: Vec::new(), offset: 0, total: 0 }
    }
}

impl<T> Page<T> {
    /// More rows after this page.
    pub fn has_next(&self) -> bool {
        self.offset + self.rows.len() < self.total
    }

    pub fn has_prev(&self) -> bool {
        self.offset > 0
    }
}

/// A key as SQL parameters, in the order of the key's columns.
pub trait KeyValues {
    fn values(&self) -> Vec<Value>;
}

impl KeyValues for i64 {
    fn values(&self) -> Vec<Value> {
        vec![Value::Integer(*self)]
    }
}

/// One keyset-paged query: `WITH {with} SELECT {select} FROM {from} WHERE
/// {filter}`, ordered newest first by the `key` columns. Every part is a
/// constant of this module; values travel only as parameters.
pub(super) struct Keyset {
    pub(super) with: &'static str,
    pub(super) select: &'static str,
    pub(super) from: &'static str,
    pub(super) filter: &'static str,
    pub(super) key: &'static [&'static str],
}

impl Keyset {
    fn key_tuple(&self) -> String {
        format!("({})", self.key.join(", "))
    }

    /// `(?n, ?n+1, ...)` for the key, numbered after the `base` parameters.
    fn marks(&self, first: usize) -> String {
        let marks: Vec<String> = (0..self.key.len()).map(|i| format!("?{}", first + i)).collect();
        format!("({})", marks.join(", "))
    }

    fn order(&self, ascending: bool) -> String {
        let dir = if ascending { "ASC" } else { "DESC" };
        self.key.iter().map(|k| format!("{k} {dir}")).collect::<Vec<_>>().join(", ")
    }

    pub(super) fn page<T, K: KeyValues>(
        &self,
        store: &Store,
        base: Vec<Value>,
        seek: &Seek<K>,
        limit: usize,
        map: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
        key_of: impl Fn(&T) -> K,
    ) -> StoreResult<Page<T>> {
        let (bound, ascending) = match seek {
            Seek::First => (None, false),
            Seek::Last => (None, true),
            Seek::From(k) => (Some(("<=", k)), false),
            Seek::After(k) => (Some(("<", k)), false),
            Seek::Before(k) => (Some((">", k)), true),
        };
        let mut values = base.clone();
        let mut sql = format!("{} SELECT {} FROM {} WHERE ({})", self.with, self.select, self.from, self.filter);
        if let Some((op, key)) = bound {
            sql.push_str(&format!(" AND {} {op} {}", self.key_tuple(), self.marks(values.len() + 1)));
            values.extend(key.values());
        }
        sql.push_str(&format!(" ORDER BY {} LIMIT ?{}", self.order(ascending), values.len() + 1));
        values.push(Value::Integer(limit.max(1) as i64));
        let mut rows: Vec<T> = {
            let mut stmt = store.conn().prepare_cached(&sql)?;
            let mapped = stmt.query_map(params_from_iter(values), map)?;
            mapped.collect::<Result<_, _>>()?
        };
        if ascending {
            rows.reverse();
        }
        let total = self.count::<K>(store, base.clone(), None)?;
        let offset = match rows.first() {
            Some(first) => self.count(store, base, Some(key_of(first)))?,
            None => 0,
        };
        Ok(Page { rows, offset, total })
    }

    /// How many rows in all, or how many come before `above` (newer than it).
    fn count<K: KeyValues>(&self, store: &Store, base: Vec<Value>, above: Option<K>) -> StoreResult<usize> {
        let mut values = base;
        let mut sql = format!("{} SELECT COUNT(*) FROM {} WHERE ({})", self.with, self.from, self.filter);
        if let Some(key) = above {
            sql.push_str(&format!(" AND {} > {}", self.key_tuple(), self.marks(values.len() + 1)));
            values.extend(key.values());
        }
        let mut stmt = store.conn().prepare_cached(&sql)?;
        let n: i64 = stmt.query_row(params_from_iter(values), |r| r.get(0))?;
        Ok(n.max(0) as usize)
    }
}
