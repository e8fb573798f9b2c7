//! Undo, read back from the audit log: the newest change not yet undone is
//! reversed row by row (an added row is erased, an altered row gets its
//! "before" back), and the reversal is itself logged. Because the log is in
//! the database, undo reaches back past a restart.
//!
//! An alteration's "before" holds the columns it changed (older databases
//! hold the whole row): either way, setting those columns back reverses it.

use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension};
use serde_json::Value as Json;

use super::redo_chain::{original, redoable_txn, REDO_MARK};
use super::undo_words::{self, LoggedRow};
use super::Tx;
use crate::store::audit::{AuditEntry, AuditOp};
use crate::store::bulk::BULK_LOAD;
use crate::store::{StoreError, StoreResult};

/// The tables a change can touch; the log's entity names are matched
/// against this list so no SQL is ever built from stored text.
const UNDOABLE: &[&str] = &[
    "case_file",
    "oocd_disposal",
    "person",
    "case_party",
    "checklist_answer",
    "risk_assessment",
    "decision",
    "condition",
    "provider_referral",
    "compliance_event",
    "breach",
    "rj_process",
    "outcome_agreement",
    "agreement_item",
    "feedback",
    "contact_log",
    "enquiry",
    "meeting",
    "meeting_attendee",
    "meeting_action",
    "letter",
    "retention",
    "provider",
    "coordinator",
    "facilitator",
    "venue",
    "venue_room",
    "process_facilitator",
    "agency",
    "rule",
    "bank_holiday",
    "bank_holiday_removed",
    "desk_user",
    "desk_setting",
    "checklist_version",
    "case_document",
];

/// A change undo or redo would reverse next, and the words for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NextChange {
    /// The transaction that would be reversed.
    pub txn: i64,
    /// What it did, in the words of the screens.
    pub words: String,
}

/// What undo or redo reversed: its words, and the rows it brought back or
/// changed (the case and record ids), for the screen to show them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reversed {
    pub words: String,
    pub case_ids: Vec<i64>,
    /// (table, id, case) of every record touched, in log order.
    pub records: Vec<(&'static str, i64, Option<i64>)>,
}

impl crate::store::Store {
    /// What undo would reverse next, in words, without reversing it.
    pub fn next_undo(&self) -> StoreResult<Option<NextChange>> {
        next_undo(self.conn())
    }

    /// What redo would put back next, in words, without doing it.
    pub fn next_redo(&self) -> StoreResult<Option<NextChange>> {
        next_redo(self.conn())
    }

    /// Undo the change `txn` named to the user by `next_undo`.
    pub fn undo_change(&mut self, txn: i64) -> StoreResult<Reversed> {
        self.write(|tx| tx.undo_txn(txn))
    }

    /// Put back the newest undo, if nothing was saved after it.
    pub fn redo_last(&mut self) -> StoreResult<Option<Reversed>> {
        self.write(|tx| tx.redo_last())
    }
}

impl Tx<'_> {
    /// Reverse the newest change not yet undone. Returns what was undone, or
    /// None when there is nothing left.
    pub fn undo_last(&mut self) -> StoreResult<Option<String>> {
        let Some(next) = next_undo(self.conn())? else { return Ok(None) };
        Ok(Some(self.undo_txn(next.txn)?.words))
    }

    /// Undo the change `txn`, which must still be the newest not yet undone
    /// (another window may have saved since it was named to the user).
    pub fn undo_txn(&mut self, txn: i64) -> StoreResult<Reversed> {
        let Some((newest, justification)) = newest_undoable_txn(self.conn())? else {
            return Err(StoreError::Invalid("there is nothing left to undo".into()));
        };
        if newest != txn {
            return Err(StoreError::Invalid(
                "another change was saved since undo was asked: press undo again to see the newest".into(),
            ));
        }
        refuse_bulk_load(justification.as_deref())?;
        let reversed = self.reverse_txn(txn, &format!("undo of change {txn}"))?;
        self.conn().execute(
            "INSERT INTO undo_log (txn, undone_at, undone_by_txn) VALUES (?1, ?2, ?3)",
            params![txn, self.today_stamp(), self.txn],
        )?;
        Ok(reversed)
    }

    /// Put back the newest undo, if nothing else was saved after it.
    pub fn redo_last(&mut self) -> StoreResult<Option<Reversed>> {
        let Some(next) = next_redo(self.conn())? else { return Ok(None) };
        self.redo_txn(next.txn).map(Some)
    }

    /// Reverse the undo `txn`, which must still be the next to redo.
    pub fn redo_txn(&mut self, undo: i64) -> StoreResult<Reversed> {
        if redoable_txn(self.conn())? != Some(undo) {
            return Err(StoreError::Invalid(
                "another change was saved since redo was asked: there is nothing to redo now".into(),
            ));
        }
        // The redo's rows name the undo they reverse, so the next redo
        // passes over it (see `redoable_txn`).
        self.reverse_txn(undo, &format!("{REDO_MARK}{undo}"))
    }

    /// Reverse every row of `txn`, newest first, logging each reversal, and
    /// check the cases it touched as they now stand.
    fn reverse_txn(&mut self, txn: i64, why: &str) -> StoreResult<Reversed> {
        let rows = logged_rows(self.conn(), txn)?;
        let words = undo_words::describe(self.conn(), &logged_rows(self.conn(), original(self.conn(), txn)?)?);
        for row in rows.iter().rev() {
            self.reverse(row, why)?;
        }
        // Undo is a write like any other: it may not end a case over open work.
        for case_id in rows.iter().filter(|r| r.entity == "case_file").map(|r| r.entity_id) {
            if let Ok((service, status, _)) = self.case_status(case_id) {
                self.refuse_open_work(case_id, service, &status)
                    .map_err(|e| StoreError::Invalid(format!("cannot undo: {e}")))?;
            }
        }
        let mut case_ids: Vec<i64> = rows.iter().filter_map(|r| r.case_id).collect();
        case_ids.dedup();
        let records = rows.iter().map(|r| (r.entity, r.entity_id, r.case_id)).collect();
        Ok(Reversed { words, case_ids, records })
    }

    fn reverse(&mut self, row: &LoggedRow, why: &str) -> StoreResult<()> {
        let why = why.to_string();
        if row.entity == "rule" {
            return self.reverse_rule(&row.op, &row.key, row.before.as_ref(), &why);
        }
        if row.entity.starts_with("bank_holiday") {
            return self.reverse_holiday(row.entity, &row.op, &row.key, row.before.as_ref(), &why);
        }
        match (row.op.as_str(), &row.before) {
            ("collect", _) => {
                // A document's stored file stays: redo brings the row back
                // naming it (the day's backup sweeps what no redo can).
                let before = self.snapshot(row.entity, row.entity_id)?;
                self.conn()
                    .execute(&format!("DELETE FROM {} WHERE id = ?1", row.entity), params![row.entity_id])
                    .map_err(|e| StoreError::Invalid(format!("cannot undo: {e}")))?;
                let mut entry = AuditEntry::new(AuditOp::Erase, row.entity, row.entity_id);
                entry.case_id = row.case_id;
                entry.before = before;
                entry.justification = Some(why);
                self.audit(&entry)
            }
            ("alter" | "erase", Some(Json::Object(before))) => {
                let cols: Vec<(&String, Value)> =
                    before.iter().filter(|(k, _)| k.as_str() != "id").map(|(k, v)| (k, sql_value(v))).collect();
                let existing = self.snapshot(row.entity, row.entity_id)?;
                if row.op == "erase" {
                    self.restore_erased(row, before)?;
                } else if existing.is_none() {
                    // Only a whole-row "before" (older logs) can bring the row back.
                    self.restore_erased(row, before).map_err(|_| {
                        StoreError::Invalid("cannot undo: the changed record has since been removed".into())
                    })?;
                } else {
                    self.restore_altered(row, cols)?;
                }
                let after = self.snapshot(row.entity, row.entity_id)?;
                // A row brought back is collected again, so that redo (which
                // reverses this undo) knows to take it away.
                let op = if existing.is_none() { AuditOp::Collect } else { AuditOp::Alter };
                let mut entry = AuditEntry::new(op, row.entity, row.entity_id);
                entry.case_id = row.case_id;
                entry.before = existing;
                entry.after = after;
                entry.justification = Some(why);
                self.audit(&entry)
            }
            _ => Err(StoreError::Invalid("this change has no earlier state to go back to".into())),
        }
    }

    fn restore_altered(&mut self, row: &LoggedRow, cols: Vec<(&String, Value)>) -> StoreResult<()> {
        // Column names come from the row's own snapshot, checked against the table.
        let known = self.columns(row.entity)?;
        let cols: Vec<_> = cols.into_iter().filter(|(k, _)| known.contains(k)).collect();
        // A row that records only a reason (nothing changed) has nothing to set back.
        if cols.is_empty() {
            return Ok(());
        }
        let sets: Vec<String> = cols.iter().enumerate().map(|(i, (k, _))| format!("{k} = ?{}", i + 1)).collect();
        let sql = format!("UPDATE {} SET {} WHERE id = ?{}", row.entity, sets.join(", "), cols.len() + 1);
        let mut values: Vec<Value> = cols.into_iter().map(|(_, v)| v).collect();
        values.push(Value::Integer(row.entity_id));
        self.conn().execute(&sql, params_from_iter(values))?;
        Ok(())
    }

    fn restore_erased(&mut self, row: &LoggedRow, before: &serde_json::Map<String, Json>) -> StoreResult<()> {
        let known = self.columns(row.entity)?;
        let cols: Vec<(&String, Value)> =
            before.iter().filter(|(k, _)| known.contains(k)).map(|(k, v)| (k, sql_value(v))).collect();
        let names: Vec<&str> = cols.iter().map(|(k, _)| k.as_str()).collect();
        let marks: Vec<String> = (1..=cols.len()).map(|i| format!("?{i}")).collect();
        let sql = format!("INSERT INTO {} ({}) VALUES ({})", row.entity, names.join(", "), marks.join(", "));
        self.conn().execute(&sql, params_from_iter(cols.into_iter().map(|(_, v)| v)))?;
        Ok(())
    }

    fn columns(&self, table: &'static str) -> StoreResult<Vec<String>> {
        let stmt = self.conn().prepare(&format!("SELECT * FROM {table} LIMIT 0"))?;
        Ok(stmt.column_names().iter().map(|s| s.to_string()).collect())
    }
}

/// Why the change to `entity` cannot be undone, in words a user can act on.
fn not_undoable(entity: &str) -> StoreError {
    // `casedesk restore` logs itself against the whole database (restore.rs):
    // undo stops there rather than reach into the history of another copy.
    if entity == "database" {
        return StoreError::Invalid(
            "the newest change is a restore from a backup, which undo cannot reverse: to go back, restore the \
             file the restore kept aside (casedesk restore)"
                .into(),
        );
    }
    // A service's profile is set again rather than undone: undo would put
    // a logo's bytes back as text.
    if entity == "service_profile" {
        return StoreError::Invalid(
            "the newest change is to who sends a service's letters, which undo does not reverse: set the line \
             again (P on a case, p on the Directory, or casedesk settings set)"
                .into(),
        );
    }
    StoreError::Invalid(format!("a change to {} cannot be undone", entity.replace('_', " ")))
}

fn sql_value(v: &Json) -> Value {
    match v {
        Json::Null => Value::Null,
        Json::Bool(b) => Value::Integer(*b as i64),
        Json::Number(n) => n.as_i64().map_or_else(|| Value::Real(n.as_f64().unwrap_or(0.0)), Value::Integer),
        Json::String(s) => Value::Text(s.clone()),
        other => Value::Text(other.to_string()),
    }
}

/// The newest change not yet undone: its transaction and the
/// justification of its newest row.
fn newest_undoable_txn(conn: &Connection) -> StoreResult<Option<(i64, Option<String>)>> {
    Ok(conn
        .query_row(
            "SELECT a.txn, a.justification FROM audit_log a
             WHERE a.op IN ('collect', 'alter', 'erase')
               AND NOT EXISTS (SELECT 1 FROM undo_log u WHERE u.txn = a.txn OR u.undone_by_txn = a.txn)
             ORDER BY a.id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

/// A bulk load is one collection of many cases, logged a row per case:
/// it is never taken apart (nor all removed) by undo.
fn refuse_bulk_load(justification: Option<&str>) -> StoreResult<()> {
    if justification == Some(BULK_LOAD) {
        return Err(StoreError::Invalid(
            "the demo cases were loaded in bulk and cannot be undone; to start again, make a new database \
             with `casedesk demo`"
                .into(),
        ));
    }
    Ok(())
}

/// What undo would reverse next, in words; None when nothing is left.
pub(crate) fn next_undo(conn: &Connection) -> StoreResult<Option<NextChange>> {
    let Some((txn, justification)) = newest_undoable_txn(conn)? else { return Ok(None) };
    refuse_bulk_load(justification.as_deref())?;
    let words = undo_words::describe(conn, &logged_rows(conn, original(conn, txn)?)?);
    Ok(Some(NextChange { txn, words }))
}

/// What redo would put back next, in words; None when nothing is left.
pub(crate) fn next_redo(conn: &Connection) -> StoreResult<Option<NextChange>> {
    let Some(txn) = redoable_txn(conn)? else { return Ok(None) };
    let words = undo_words::describe(conn, &logged_rows(conn, original(conn, txn)?)?);
    Ok(Some(NextChange { txn, words }))
}

fn logged_rows(conn: &Connection, txn: i64) -> StoreResult<Vec<LoggedRow>> {
    let mut stmt = conn.prepare(
        "SELECT op, entity, entity_id, case_id, before_json, after_json FROM audit_log
         WHERE txn = ?1 AND op IN ('collect', 'alter', 'erase') ORDER BY id",
    )?;
    let rows = stmt.query_map(params![txn], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, Option<i64>>(3)?,
            r.get::<_, Option<String>>(4)?,
            r.get::<_, Option<String>>(5)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (op, entity, entity_id, case_id, before, after) = row?;
        let entity = UNDOABLE.iter().find(|t| **t == entity).ok_or_else(|| not_undoable(&entity))?;
        let number = match *entity {
            "rule" | "bank_holiday" | "bank_holiday_removed" => Ok(0),
            _ => entity_id.parse().map_err(|_| StoreError::Invalid("unreadable audit row".into())),
        };
        let json = |text: Option<String>| text.and_then(|b| serde_json::from_str(&b).ok());
        out.push(LoggedRow {
            op,
            entity,
            entity_id: number?,
            key: entity_id,
            case_id,
            before: json(before),
            after: json(after),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;
    use serde_json::Value as Json;

    use crate::domain::types::{Service, Source};
    use crate::store::audit::{self, AuditEntry, AuditOp};
    use crate::store::model::NewCase;
    use crate::store::Store;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()
    }

    fn store_with_case() -> (Store, i64) {
        let mut store = Store::open_in_memory().unwrap();
        let id =
            store.write(|tx| tx.create_case(&NewCase::new(Service::Mediation, Source::Housing, day()))).unwrap().id;
        (store, id)
    }

    fn newest_audit(store: &Store) -> (Json, Json) {
        let (before, after): (String, String) = store
            .conn()
            .query_row("SELECT before_json, after_json FROM audit_log ORDER BY id DESC LIMIT 1", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap();
        (serde_json::from_str(&before).unwrap(), serde_json::from_str(&after).unwrap())
    }

    fn case_column(store: &Store, id: i64, column: &str) -> Option<String> {
        let sql = format!("SELECT {column} FROM case_file WHERE id = ?1");
        store.conn().query_row(&sql, [id], |r| r.get(0)).unwrap()
    }

    fn keys(json: &Json) -> Vec<String> {
        json.as_object().unwrap().keys().cloned().collect()
    }

    #[test]
    fn an_alteration_is_logged_by_the_columns_it_changed_and_undone_from_them() {
        let (mut store, id) = store_with_case();
        store.write(|tx| tx.change_status(id, "sense_check", day())).unwrap();
        let (before, after) = newest_audit(&store);
        assert_eq!(keys(&before), keys(&after));
        for key in keys(&after) {
            assert!(["id", "status", "status_changed_on", "updated_at"].contains(&key.as_str()), "{key} logged");
        }
        assert_eq!((before["id"].as_i64(), after["id"].as_i64()), (Some(id), Some(id)));
        assert_eq!((before["status"].as_str(), after["status"].as_str()), (Some("received"), Some("sense_check")));
        // The status date did not move, but a status change always carries it.
        assert_eq!(after["status_changed_on"], before["status_changed_on"]);

        store.undo_last().unwrap().expect("something to undo");
        assert_eq!(case_column(&store, id, "status").as_deref(), Some("received"));
        assert!(store.check().unwrap().is_ok());
    }

    #[test]
    fn an_older_whole_row_alteration_is_still_undone() {
        let (mut store, id) = store_with_case();
        // Written as older versions did: the whole row before and after.
        store
            .write(|tx| {
                let before = tx.snapshot("case_file", id)?.unwrap();
                tx.conn()
                    .execute("UPDATE case_file SET status = 'sense_check', notes = 'moved' WHERE id = ?1", [id])?;
                let after = tx.snapshot("case_file", id)?.unwrap();
                let entry = AuditEntry::new(AuditOp::Alter, "case_file", id).case(id).before(before).after(after);
                audit::append(tx.conn(), audit::next_txn(tx.conn())?, "older", &entry).map(|_| ())
            })
            .unwrap();
        let (before, _) = newest_audit(&store);
        assert!(keys(&before).contains(&"ref".to_string()), "not a whole row: {before}");

        store.undo_last().unwrap().expect("something to undo");
        assert_eq!(case_column(&store, id, "status").as_deref(), Some("received"));
        assert_eq!(case_column(&store, id, "notes"), None);
        assert!(store.check().unwrap().is_ok());
    }

    #[test]
    fn a_row_that_changed_nothing_logs_only_the_id_and_undo_passes_over_it() {
        let (mut store, id) = store_with_case();
        store
            .write(|tx| {
                tx.change_status(id, "sense_check", day())?;
                let now = tx.snapshot("case_file", id)?.unwrap();
                let mut entry =
                    AuditEntry::new(AuditOp::Alter, "case_file", id).case(id).before(now.clone()).after(now);
                entry.justification = Some("a reason, recorded on its own row".into());
                tx.audit(&entry)
            })
            .unwrap();
        let (before, after) = newest_audit(&store);
        assert_eq!((keys(&before), keys(&after)), (vec!["id".to_string()], vec!["id".to_string()]));
        store.undo_last().unwrap().expect("something to undo");
        assert_eq!(case_column(&store, id, "status").as_deref(), Some("received"));
    }
}
