//! Every change to the desk. Each method writes its rows and their audit rows
//! through the same transaction; `Store::write` commits them together.

pub(super) mod cases;
pub(super) mod compliance;
mod diary;
pub(super) mod directory;
mod directory_edits;
mod documents;
pub(super) mod edits;
pub(super) mod endings;
mod feedback;
pub(super) mod finalise;
mod holidays;
pub(super) mod import;
pub(super) mod legal;
mod meetings;
pub(super) mod oocd;
pub(super) mod referrals;
pub(super) mod rj;
mod rules;
pub use directory::NewDirectoryEntry;
pub use directory_edits::NewRoom;
pub use documents::NewDocument;
pub use edits::{CaseItem, ConditionOnFile, Edited, ItemEdit, ItemOnFile, Variation};
pub use feedback::NewFeedback;
pub use finalise::{no_advance, FinalisingState};
pub use holidays::{Added, HolidaySource};
pub use import::ImportedStatus;
pub use meetings::{NewMeeting, NewMeetingAction};
pub use referrals::{NewEnquiry, NewReferral, SpokeWith};
pub(crate) use rj::answers_for;
mod redo_chain;
pub(crate) use redo_chain::redoable_undos;
mod undo;
mod undo_words;
pub use undo::{NextChange, Reversed};
mod victims_code;

use chrono::NaiveDate;
use rusqlite::types::{Value, ValueRef};
use rusqlite::{params, params_from_iter, OptionalExtension};
use serde_json::{Map, Value as Json};

use super::audit::{self, AuditEntry, AuditOp};
use super::{SqlTx, StoreError, StoreResult};

/// A write transaction in progress, carrying who is making the change.
pub struct Tx<'a> {
    tx: &'a SqlTx<'a>,
    user: &'a str,
    /// The desk's day, written with every audit row.
    day: NaiveDate,
    /// Shared by every audit row of this transaction; 0 until the first row.
    txn: i64,
    /// The hashes of documents whose rows retention erasure removed: their
    /// files go once it is saved, if no row names them then. (Undo keeps
    /// the file, for redo: see `Store::sweep_unnamed_documents`.)
    released: Vec<String>,
}

/// Column name and value pairs for a generic insert or update. Column and
/// table names are always constants of this module, never user input.
pub(crate) type Cols = Vec<(&'static str, Value)>;

impl<'a> Tx<'a> {
    pub(crate) fn new(tx: &'a SqlTx<'a>, user: &'a str, day: NaiveDate) -> Self {
        Tx { tx, user, day, txn: 0, released: Vec::new() }
    }

    /// Who is making this change (the OS user), for "decided by" columns.
    pub(crate) fn user(&self) -> &str {
        self.user
    }

    /// The documents' hashes this change let go (see `released`).
    pub(crate) fn take_released(&mut self) -> Vec<String> {
        std::mem::take(&mut self.released)
    }

    pub(crate) fn conn(&self) -> &rusqlite::Connection {
        self.tx
    }

    /// Insert one row and log its collection.
    pub(crate) fn insert(&mut self, table: &'static str, case_id: Option<i64>, cols: Cols) -> StoreResult<i64> {
        let names: Vec<&str> = cols.iter().map(|(n, _)| *n).collect();
        let marks: Vec<String> = (1..=cols.len()).map(|i| format!("?{i}")).collect();
        let sql = format!("INSERT INTO {table} ({}) VALUES ({})", names.join(", "), marks.join(", "));
        self.tx
            .prepare_cached(&sql)
            .and_then(|mut stmt| stmt.execute(params_from_iter(cols.into_iter().map(|(_, v)| v))))
            .map_err(|e| constraint_error(table, e))?;
        let id = self.tx.last_insert_rowid();
        let after = self.snapshot(table, id)?;
        let mut entry = AuditEntry::new(AuditOp::Collect, table, id);
        entry.case_id = case_id.or_else(|| (table == "case_file").then_some(id));
        entry.after = after;
        self.audit(&entry)?;
        Ok(id)
    }

    /// Update one row by id, logging what changed: the columns whose value
    /// moved, before and after (undo reads the "before" back from the log).
    pub(crate) fn update(&mut self, table: &'static str, id: i64, case_id: Option<i64>, cols: Cols) -> StoreResult<()> {
        self.update_because(table, id, case_id, cols, None)
    }

    /// `update`, with why the change was made kept on its audit row.
    pub(crate) fn update_because(
        &mut self,
        table: &'static str,
        id: i64,
        case_id: Option<i64>,
        cols: Cols,
        why: Option<&str>,
    ) -> StoreResult<()> {
        let before = self.snapshot(table, id)?.ok_or_else(|| StoreError::NotFound(format!("{table} {id}")))?;
        let sets: Vec<String> = cols.iter().enumerate().map(|(i, (n, _))| format!("{n} = ?{}", i + 1)).collect();
        let sql = format!("UPDATE {table} SET {} WHERE id = ?{}", sets.join(", "), cols.len() + 1);
        let mut values: Vec<Value> = cols.into_iter().map(|(_, v)| v).collect();
        values.push(Value::Integer(id));
        // Cached like `insert`'s: preparing an UPDATE compiles every trigger
        // on the table into it (the search index's, the list marks' of 0006),
        // which cost more than the write itself.
        self.tx
            .prepare_cached(&sql)
            .and_then(|mut stmt| stmt.execute(params_from_iter(values)))
            .map_err(|e| constraint_error(table, e))?;
        let after = self.snapshot(table, id)?;
        let mut entry = AuditEntry::new(AuditOp::Alter, table, id).before(before);
        entry.case_id = case_id.or_else(|| (table == "case_file").then_some(id));
        entry.after = after;
        entry.justification = why.map(str::to_string);
        self.audit(&entry)
    }

    /// Remove one row by id, logging the whole row so undo can bring it back.
    pub(crate) fn remove(&mut self, table: &'static str, id: i64, case_id: Option<i64>, why: &str) -> StoreResult<()> {
        let before = self.snapshot(table, id)?.ok_or_else(|| StoreError::NotFound(format!("{table} {id}")))?;
        self.tx.execute(&format!("DELETE FROM {table} WHERE id = ?1"), params![id])?;
        let mut entry = AuditEntry::new(AuditOp::Erase, table, id).before(before);
        entry.case_id = case_id;
        entry.justification = Some(why.to_string());
        self.audit(&entry)
    }

    /// Append an audit row in this transaction. An alteration is logged by
    /// the columns it changed, not the whole row (`AuditEntry::leaned`).
    pub fn audit(&mut self, entry: &AuditEntry) -> StoreResult<()> {
        if self.txn == 0 {
            self.txn = audit::next_txn(self.tx)?;
        }
        audit::append(self.tx, self.txn, self.user, &entry.clone().leaned().on_day(self.day)).map(|_| ())
    }

    /// The whole row as JSON: what the audit log keeps as before / after.
    pub(crate) fn snapshot(&self, table: &'static str, id: i64) -> StoreResult<Option<Json>> {
        let sql = format!("SELECT * FROM {table} WHERE id = ?1");
        let mut stmt = self.tx.prepare_cached(&sql)?;
        let names: Vec<String> = stmt.column_names().iter().map(|s| s.to_string()).collect();
        let row = stmt
            .query_row(params![id], |r| {
                let mut map = Map::new();
                for (i, name) in names.iter().enumerate() {
                    map.insert(name.clone(), json_of(r.get_ref(i)?));
                }
                Ok(Json::Object(map))
            })
            .optional()?;
        Ok(row)
    }

    pub(crate) fn today_stamp(&self) -> String {
        chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string()
    }
}

pub(super) fn json_of(v: ValueRef<'_>) -> Json {
    match v {
        ValueRef::Null => Json::Null,
        ValueRef::Integer(i) => Json::from(i),
        ValueRef::Real(f) => Json::from(f),
        ValueRef::Text(t) => Json::from(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(b) => Json::from(hex::encode(b)),
    }
}

/// A constraint the schema enforces, said as a sentence rather than SQL.
fn constraint_error(table: &str, e: rusqlite::Error) -> StoreError {
    if let rusqlite::Error::SqliteFailure(f, Some(msg)) = &e {
        if f.code == rusqlite::ErrorCode::ConstraintViolation {
            return StoreError::Invalid(format!("{table}: {msg}"));
        }
    }
    StoreError::from_sqlite(e)
}

// ---- value helpers: Option-aware conversions into SQLite values ----

pub(crate) fn text(s: impl Into<String>) -> Value {
    Value::Text(s.into())
}

pub(crate) fn opt_text(s: &Option<String>) -> Value {
    match s.as_deref().map(str::trim) {
        Some(t) if !t.is_empty() => Value::Text(t.to_string()),
        _ => Value::Null,
    }
}

pub(crate) fn date(d: NaiveDate) -> Value {
    Value::Text(day_text(d))
}

/// `d` as YYYY-MM-DD: what `format("%Y-%m-%d")` writes, without parsing the
/// format every time (a bulk load writes millions of dates).
pub(crate) fn day_text(d: NaiveDate) -> String {
    use chrono::Datelike;
    if !(0..=9999).contains(&d.year()) {
        return d.format("%Y-%m-%d").to_string();
    }
    let mut text = String::with_capacity(10);
    let digits = |n: u32, width: u32, out: &mut String| {
        for place in (0..width).rev() {
            out.push(char::from(b'0' + (n / 10u32.pow(place) % 10) as u8));
        }
    };
    digits(d.year() as u32, 4, &mut text);
    text.push('-');
    digits(d.month(), 2, &mut text);
    text.push('-');
    digits(d.day(), 2, &mut text);
    text
}

pub(crate) fn opt_date(d: Option<NaiveDate>) -> Value {
    d.map_or(Value::Null, date)
}

pub(crate) fn int(i: i64) -> Value {
    Value::Integer(i)
}

pub(crate) fn opt_int(i: Option<i64>) -> Value {
    i.map_or(Value::Null, Value::Integer)
}

pub(crate) fn boolean(b: bool) -> Value {
    Value::Integer(b as i64)
}

pub(crate) fn opt_real(f: Option<f64>) -> Value {
    f.map_or(Value::Null, Value::Real)
}
