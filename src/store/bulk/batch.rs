//! What the generating thread hands the writing one: the rows of several
//! cases packed into a few buffers (column names, cells, one string of all
//! their text), so a hand-over moves a handful of allocations rather than one
//! per value, and every value is freed on the thread that made it.

use std::ops::Range;

use rusqlite::types::{ToSqlOutput, Value, ValueRef};

use super::{Staged, Table};
use crate::store::audit::ReadyRow;
use crate::store::seal::SealList;

/// Rows a batch gathers before it is handed over.
pub(super) const ROWS_PER_BATCH: usize = 4096;

/// One value, its text (if any) kept in the batch's string.
#[derive(Debug, Clone, Copy)]
enum Cell {
    Null,
    Integer(i64),
    Real(f64),
    Text(u32, u32),
    Blob(u32, u32),
}

/// One row: its table and id, and where its column names and cells are.
#[derive(Debug, Clone)]
pub(super) struct Packed {
    pub(super) table: Table,
    pub(super) id: i64,
    names: Range<usize>,
    cells: Range<usize>,
}

#[derive(Debug, Default)]
pub(crate) struct Batch {
    pub(super) rows: Vec<Packed>,
    names: Vec<&'static str>,
    cells: Vec<Cell>,
    /// The bytes of every text and blob value, one after another.
    bytes: Vec<u8>,
    pub(super) audit: Vec<ReadyRow>,
    /// The seals of the batch's rows, per table in `Table::ALL` order.
    pub(super) seals: Vec<SealList>,
    pub(super) counters: Vec<(String, i32, i64)>,
}

impl Batch {
    /// Pack a row: the insert's columns, then any a later change added, in
    /// name order so rows changed alike share a statement.
    pub(super) fn push(&mut self, row: Staged) {
        let Staged { table, id, base, mut extra } = row;
        extra.sort_by_key(|(name, _)| *name);
        let (names_from, cells_from) = (self.names.len(), self.cells.len());
        for (name, value) in base.into_iter().chain(extra) {
            self.names.push(name);
            let cell = match value {
                Value::Null => Cell::Null,
                Value::Integer(i) => Cell::Integer(i),
                Value::Real(f) => Cell::Real(f),
                Value::Text(t) => {
                    let (start, end) = self.keep(t.as_bytes());
                    Cell::Text(start, end)
                }
                Value::Blob(b) => {
                    let (start, end) = self.keep(&b);
                    Cell::Blob(start, end)
                }
            };
            self.cells.push(cell);
        }
        let packed = Packed { table, id, names: names_from..self.names.len(), cells: cells_from..self.cells.len() };
        self.rows.push(packed);
    }

    /// Add a row's seal to its table's list.
    pub(super) fn add_seal(&mut self, table: Table, id: i64, hash: &str) {
        if self.seals.is_empty() {
            self.seals = Table::ALL.iter().map(|_| SealList::default()).collect();
        }
        self.seals[table.index()].push(id, hash);
    }

    fn keep(&mut self, bytes: &[u8]) -> (u32, u32) {
        let start = self.bytes.len() as u32;
        self.bytes.extend_from_slice(bytes);
        (start, self.bytes.len() as u32)
    }

    pub(super) fn is_full(&self) -> bool {
        self.rows.len() >= ROWS_PER_BATCH
    }

    pub(super) fn names(&self, row: &Packed) -> &[&'static str] {
        &self.names[row.names.clone()]
    }

    /// The row's values as its INSERT binds them: the id, then each column.
    pub(super) fn values<'a>(&'a self, row: &Packed) -> impl Iterator<Item = ToSqlOutput<'a>> + 'a {
        let cells = self.cells[row.cells.clone()].iter().map(move |cell| match *cell {
            Cell::Null => ValueRef::Null,
            Cell::Integer(i) => ValueRef::Integer(i),
            Cell::Real(f) => ValueRef::Real(f),
            Cell::Text(start, end) => ValueRef::Text(&self.bytes[start as usize..end as usize]),
            Cell::Blob(start, end) => ValueRef::Blob(&self.bytes[start as usize..end as usize]),
        });
        std::iter::once(ValueRef::Integer(row.id)).chain(cells).map(ToSqlOutput::Borrowed)
    }
}
