//! Which undo redo puts back, and which change an undo or redo stands
//! for: read from the audit log and the record of undos, walking back from
//! the newest change. A redo's rows name the undo they reverse.

use rusqlite::{params, Connection, OptionalExtension};

use crate::store::StoreResult;

/// The start of a redo's justification, before the undo it reverses.
pub(super) const REDO_MARK: &str = "redo of change ";

/// The undo a redo would reverse: walking back from the newest change over
/// redos and the undos they already put back, the first undo met. Any other
/// change met first means something new was saved, which ends redo.
pub(super) fn redoable_txn(conn: &Connection) -> StoreResult<Option<i64>> {
    Ok(redo_chain(conn, true)?.first().copied())
}

/// Every undo redo can still put back, the next first: what a sweep of
/// stored documents must spare, since redo brings their rows back.
pub(crate) fn redoable_undos(conn: &Connection) -> StoreResult<Vec<i64>> {
    redo_chain(conn, false)
}

/// The walk behind both: stops at the first undo met when `first_only`.
fn redo_chain(conn: &Connection, first_only: bool) -> StoreResult<Vec<i64>> {
    // Newest row first, read by rowid: no sort, and the walk stops early.
    let mut stmt = conn.prepare(
        "SELECT txn, justification FROM audit_log WHERE op IN ('collect', 'alter', 'erase') ORDER BY id DESC",
    )?;
    let mut rows = stmt.query([])?;
    let mut redone: Vec<i64> = Vec::new();
    let mut found = Vec::new();
    let mut seen = None;
    while let Some(r) = rows.next()? {
        let (txn, why): (i64, Option<String>) = (r.get(0)?, r.get(1)?);
        if seen == Some(txn) {
            continue;
        }
        seen = Some(txn);
        if let Some(undo) = why.as_deref().and_then(|w| w.strip_prefix(REDO_MARK)).and_then(|n| n.parse().ok()) {
            redone.push(undo);
            continue;
        }
        if !is_undo(conn, txn)? {
            break;
        }
        if !redone.contains(&txn) {
            found.push(txn);
            if first_only {
                break;
            }
        }
    }
    Ok(found)
}

fn is_undo(conn: &Connection, txn: i64) -> StoreResult<bool> {
    Ok(conn
        .query_row("SELECT 1 FROM undo_log WHERE undone_by_txn = ?1", params![txn], |_| Ok(()))
        .optional()?
        .is_some())
}

/// The change the user made that `txn` undoes or redoes (itself when it
/// is neither), so undo and redo name it in the words it was made in.
pub(super) fn original(conn: &Connection, mut txn: i64) -> StoreResult<i64> {
    // Each step goes to an older transaction, so the walk ends.
    loop {
        let undone: Option<i64> = conn
            .query_row("SELECT txn FROM undo_log WHERE undone_by_txn = ?1", params![txn], |r| r.get(0))
            .optional()?;
        if let Some(older) = undone {
            txn = older;
            continue;
        }
        let why: Option<String> = conn
            .query_row("SELECT MAX(justification) FROM audit_log WHERE txn = ?1", params![txn], |r| r.get(0))
            .optional()?
            .flatten();
        match why.as_deref().and_then(|w| w.strip_prefix(REDO_MARK)).and_then(|n| n.parse::<i64>().ok()) {
            Some(undo) if undo < txn => txn = undo,
            _ => return Ok(txn),
        }
    }
}
