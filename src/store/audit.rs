//! The append-only audit log of DPA 2018 s.62: who did what to which record,
//! when, and for disclosures to whom and why. Each row's hash covers the row
//! and the previous row's hash, so any edit, deletion or reordering breaks the
//! chain that `casedesk check` walks.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde_json::{Map, Value as Json};
use sha2::{Digest, Sha256};

use super::seal::{has_seals, seal_of};
use super::StoreResult;

/// The hash that stands before the first row.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The kinds of processing s.62(1) requires a log of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditOp {
    Collect,
    Alter,
    Consult,
    Disclose,
    Combine,
    Erase,
    Export,
}

impl AuditOp {
    pub fn as_str(self) -> &'static str {
        match self {
            AuditOp::Collect => "collect",
            AuditOp::Alter => "alter",
            AuditOp::Consult => "consult",
            AuditOp::Disclose => "disclose",
            AuditOp::Combine => "combine",
            AuditOp::Erase => "erase",
            AuditOp::Export => "export",
        }
    }
}

/// One change to be logged.
#[derive(Debug, Clone)]
pub struct AuditEntry {
    pub op: AuditOp,
    pub entity: &'static str,
    pub entity_id: String,
    pub case_id: Option<i64>,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
    pub justification: Option<String>,
    pub recipient: Option<String>,
    /// The desk's day the change was made on (`--today`, or the local
    /// date); the local date when not given.
    pub desk_day: Option<NaiveDate>,
}

impl AuditEntry {
    pub fn new(op: AuditOp, entity: &'static str, entity_id: impl ToString) -> Self {
        AuditEntry {
            op,
            entity,
            entity_id: entity_id.to_string(),
            case_id: None,
            before: None,
            after: None,
            justification: None,
            recipient: None,
            desk_day: None,
        }
    }

    /// Made on the desk's day `day`, unless a day was given already.
    pub fn on_day(mut self, day: NaiveDate) -> Self {
        self.desk_day.get_or_insert(day);
        self
    }

    pub fn case(mut self, case_id: i64) -> Self {
        self.case_id = Some(case_id);
        self
    }

    pub fn before(mut self, value: serde_json::Value) -> Self {
        self.before = Some(value);
        self
    }

    pub fn after(mut self, value: serde_json::Value) -> Self {
        self.after = Some(value);
        self
    }

    /// An alteration keeps only what it changed: the row's id and, of its
    /// other columns, those whose value differs, before and after. Any other
    /// entry, or one without both rows, is returned as it is.
    pub fn leaned(mut self) -> Self {
        if self.op != AuditOp::Alter {
            return self;
        }
        if let (Some(Json::Object(before)), Some(Json::Object(after))) = (&self.before, &self.after) {
            let (before, after) = changed_columns(before, after);
            self.before = Some(Json::Object(before));
            self.after = Some(Json::Object(after));
        }
        self
    }
}

/// A status and the column that dates it travel together: each is kept
/// when the other changed, because the Case timeline and the reports read a
/// status change as the pair.
const STATUS_PAIR: [&str; 2] = ["status", "status_changed_on"];

/// The id and the changed columns of a row, as (before, after).
fn changed_columns(before: &Map<String, Json>, after: &Map<String, Json>) -> (Map<String, Json>, Map<String, Json>) {
    let mut names: Vec<&str> = vec!["id"];
    names.extend(
        after
            .iter()
            .filter(|(n, v)| *n != "id" && before.get(*n).unwrap_or(&Json::Null) != *v)
            .map(|(n, _)| n.as_str()),
    );
    if STATUS_PAIR.iter().any(|n| names.contains(n)) {
        for n in STATUS_PAIR {
            if after.contains_key(n) && !names.contains(&n) {
                names.push(n);
            }
        }
    }
    let pick = |row: &Map<String, Json>| -> Map<String, Json> {
        names.iter().map(|n| (n.to_string(), row.get(*n).cloned().unwrap_or(Json::Null))).collect()
    };
    (pick(before), pick(after))
}

/// The fields a row's hash covers, in a fixed order.
struct HashedRow<'a> {
    txn: i64,
    at_utc: &'a str,
    user: &'a str,
    op: &'a str,
    entity: &'a str,
    entity_id: &'a str,
    case_id: Option<i64>,
    before_json: Option<&'a str>,
    after_json: Option<&'a str>,
    justification: Option<&'a str>,
    recipient: Option<&'a str>,
    /// The record's seal (`super::seal`); rows from before seals have none,
    /// and their hash is as it always was.
    seal: Option<&'a str>,
    /// The desk's day (0010); rows from before it have none, and their hash
    /// is as it always was.
    desk_day: Option<&'a str>,
}

fn row_hash(prev_hash: &str, row: &HashedRow<'_>) -> String {
    let mut h = Sha256::new();
    let case_id = row.case_id.map(|c| c.to_string());
    let txn = row.txn.to_string();
    let fields = [
        Some(prev_hash),
        Some(txn.as_str()),
        Some(row.at_utc),
        Some(row.user),
        Some(row.op),
        Some(row.entity),
        Some(row.entity_id),
        case_id.as_deref(),
        row.before_json,
        row.after_json,
        row.justification,
        row.recipient,
    ];
    // A dated row always has a slot for its seal, so that a seal and a day
    // can never stand for one another.
    let tail: Vec<Option<&str>> = match (row.seal, row.desk_day) {
        (seal, Some(day)) => vec![seal, Some(day)],
        (Some(seal), None) => vec![Some(seal)],
        (None, None) => vec![],
    };
    for field in fields.into_iter().chain(tail) {
        // A length prefix keeps ("ab","c") and ("a","bc") apart; None differs from "".
        match field {
            Some(text) => {
                h.update((text.len() as u64).to_le_bytes());
                h.update(text.as_bytes());
            }
            None => h.update(u64::MAX.to_le_bytes()),
        }
    }
    hex::encode(h.finalize())
}

/// Append one row, chained to the newest one. Called inside the transaction
/// that makes the change, so the change and its record commit together.
pub fn append(conn: &Connection, txn: i64, user: &str, entry: &AuditEntry) -> StoreResult<i64> {
    let prev_hash = newest_hash(conn)?;
    let mut ready = ReadyRow::of(entry);
    ready.seal = seal_of(conn, entry.entity, &entry.entity_id)?;
    let day = entry.desk_day.unwrap_or_else(|| chrono::Local::now().date_naive());
    let day = has_desk_day(conn)?.then(|| day.to_string());
    insert_row(conn, txn, user, &prev_hash, &ready, day.as_deref())?;
    Ok(conn.last_insert_rowid())
}

/// The hash of the newest row, or the genesis hash on an empty log.
fn newest_hash(conn: &Connection) -> StoreResult<String> {
    Ok(conn
        .prepare_cached("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1")?
        .query_row([], |r| r.get(0))
        .optional()?
        .unwrap_or_else(|| GENESIS_HASH.to_string()))
}

/// An entry as the text its row will hold, stamped with the time: what is
/// left to do is chain it (a bulk load makes these on its generating thread).
#[derive(Debug, Clone)]
pub(crate) struct ReadyRow {
    at_utc: String,
    op: &'static str,
    entity: &'static str,
    entity_id: String,
    case_id: Option<i64>,
    before: Option<String>,
    after: Option<String>,
    justification: Option<String>,
    recipient: Option<String>,
    pub(crate) seal: Option<String>,
}

impl ReadyRow {
    pub(crate) fn of(entry: &AuditEntry) -> ReadyRow {
        ReadyRow {
            at_utc: chrono::Utc::now().format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string(),
            op: entry.op.as_str(),
            entity: entry.entity,
            entity_id: entry.entity_id.clone(),
            case_id: entry.case_id,
            before: entry.before.as_ref().map(|v| v.to_string()),
            after: entry.after.as_ref().map(|v| v.to_string()),
            justification: entry.justification.clone(),
            recipient: entry.recipient.clone(),
            seal: None,
        }
    }
}

/// Whether the log has the desk-day column (0010): a backup from before it
/// being restored has not.
fn has_desk_day(conn: &Connection) -> StoreResult<bool> {
    let stmt = conn.prepare_cached("SELECT * FROM audit_log LIMIT 0")?;
    Ok(stmt.column_names().contains(&"desk_day"))
}

/// Write one row after `prev_hash`, with the desk's `day` when the log has
/// a column for it; returns the new row's hash.
fn insert_row(
    conn: &Connection,
    txn: i64,
    user: &str,
    prev_hash: &str,
    ready: &ReadyRow,
    day: Option<&str>,
) -> StoreResult<String> {
    let row = HashedRow {
        txn,
        at_utc: &ready.at_utc,
        user,
        op: ready.op,
        entity: ready.entity,
        entity_id: &ready.entity_id,
        case_id: ready.case_id,
        before_json: ready.before.as_deref(),
        after_json: ready.after.as_deref(),
        justification: ready.justification.as_deref(),
        recipient: ready.recipient.as_deref(),
        seal: ready.seal.as_deref(),
        desk_day: day,
    };
    let hash = row_hash(prev_hash, &row);
    // A log from before seals or desk days (a backup being restored) has no
    // column for them.
    let mut columns = String::from(
        "txn, at_utc, user, op, entity, entity_id, case_id, before_json, after_json, justification, recipient, prev_hash, hash",
    );
    let mut extra: Vec<&dyn rusqlite::ToSql> = Vec::new();
    if let Some(seal) = &row.seal {
        columns.push_str(", row_hash");
        extra.push(seal);
    }
    if let Some(day) = &row.desk_day {
        columns.push_str(", desk_day");
        extra.push(day);
    }
    let marks: Vec<String> = (1..=13 + extra.len()).map(|i| format!("?{i}")).collect();
    let sql = format!("INSERT INTO audit_log ({columns}) VALUES ({})", marks.join(", "));
    let fixed = params![
        row.txn,
        row.at_utc,
        row.user,
        row.op,
        row.entity,
        row.entity_id,
        row.case_id,
        row.before_json,
        row.after_json,
        row.justification,
        row.recipient,
        prev_hash,
        hash
    ];
    let mut values = fixed.to_vec();
    values.extend(extra);
    conn.prepare_cached(&sql)?.execute(rusqlite::params_from_iter(values))?;
    Ok(hash)
}

/// Many rows of one transaction appended in a row (a bulk load), the newest
/// hash carried along rather than read back for each.
pub(crate) struct Chain {
    txn: i64,
    user: String,
    prev_hash: String,
    /// The desk's day of every row (one transaction is one day), or None on
    /// a log from before desk days.
    day: Option<String>,
}

impl Chain {
    pub(crate) fn start(conn: &Connection, user: &str, day: NaiveDate) -> StoreResult<Chain> {
        Ok(Chain {
            txn: next_txn(conn)?,
            user: user.to_string(),
            prev_hash: newest_hash(conn)?,
            day: has_desk_day(conn)?.then(|| day.to_string()),
        })
    }

    pub(crate) fn append(&mut self, conn: &Connection, row: &ReadyRow) -> StoreResult<()> {
        self.prev_hash = insert_row(conn, self.txn, &self.user, &self.prev_hash, row, self.day.as_deref())?;
        Ok(())
    }
}

/// The transaction number for the next write: one more than the newest row's.
pub fn next_txn(conn: &Connection) -> StoreResult<i64> {
    let last: Option<i64> =
        conn.query_row("SELECT txn FROM audit_log ORDER BY id DESC LIMIT 1", [], |r| r.get(0)).optional()?;
    Ok(last.unwrap_or(0) + 1)
}

/// How many rows the log holds: the position of its newest row.
pub fn chain_length(conn: &Connection) -> StoreResult<u64> {
    let rows: i64 = conn.query_row("SELECT COUNT(*) FROM audit_log", [], |r| r.get(0))?;
    Ok(rows.max(0) as u64)
}

/// The stored hash of the row at `position` (1 is the oldest), if the log is that long.
pub fn hash_at(conn: &Connection, position: u64) -> StoreResult<Option<String>> {
    if position == 0 {
        return Ok(Some(GENESIS_HASH.to_string()));
    }
    let offset = i64::try_from(position - 1).unwrap_or(i64::MAX);
    Ok(conn
        .prepare_cached("SELECT hash FROM audit_log ORDER BY id LIMIT 1 OFFSET ?1")?
        .query_row([offset], |r| r.get(0))
        .optional()?)
}

/// What walking the chain found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainReport {
    pub rows: u64,
    pub newest_hash: String,
    /// The first row whose stored hashes do not match, with the reason.
    pub fault: Option<String>,
}

/// Recompute every hash in id order and compare with what is stored.
pub fn verify_chain(conn: &Connection) -> StoreResult<ChainReport> {
    verify_from(conn, i64::MIN, GENESIS_HASH.to_string())
}

/// Check only the newest `rows` rows, taking the oldest of them as the
/// anchor. The end-of-day summary uses this so that it stays fast on years of
/// history; `casedesk check` walks the whole chain.
pub fn verify_recent(conn: &Connection, rows: u64) -> StoreResult<ChainReport> {
    let anchor: Option<(i64, String)> = conn
        .query_row(
            "SELECT id, prev_hash FROM (SELECT id, prev_hash FROM audit_log ORDER BY id DESC LIMIT ?1)
             ORDER BY id LIMIT 1",
            [rows as i64],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    match anchor {
        Some((first_id, prev)) => verify_from(conn, first_id, prev),
        None => verify_chain(conn),
    }
}

fn verify_from(conn: &Connection, first_id: i64, mut expected_prev: String) -> StoreResult<ChainReport> {
    // A log from before seals (an older backup) is read without them.
    let seal = if has_seals(conn)? { "row_hash" } else { "NULL" };
    let day = if has_desk_day(conn)? { "desk_day" } else { "NULL" };
    let mut stmt = conn.prepare(&format!(
        "SELECT id, at_utc, user, op, entity, entity_id, case_id, before_json, after_json,
                justification, recipient, prev_hash, hash, txn, {seal}, {day}
         FROM audit_log WHERE id >= ?1 ORDER BY id"
    ))?;
    let mut rows = stmt.query([first_id])?;
    let mut count = 0u64;
    while let Some(r) = rows.next()? {
        count += 1;
        let id: i64 = r.get(0)?;
        let fields: [Option<String>; 12] = [
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
            r.get(4)?,
            r.get(5)?,
            r.get::<_, Option<i64>>(6)?.map(|c| c.to_string()),
            r.get(7)?,
            r.get(8)?,
            r.get(9)?,
            r.get(10)?,
            r.get(11)?,
            r.get(12)?,
        ];
        let text = |i: usize| fields[i].as_deref().unwrap_or("");
        let seal: Option<String> = r.get(14)?;
        let day: Option<String> = r.get(15)?;
        if text(10) != expected_prev {
            return Ok(fault(count, expected_prev, id, "its link to the row before it is broken"));
        }
        let row = HashedRow {
            txn: r.get(13)?,
            at_utc: text(0),
            user: text(1),
            op: text(2),
            entity: text(3),
            entity_id: text(4),
            case_id: fields[5].as_deref().and_then(|c| c.parse().ok()),
            before_json: fields[6].as_deref(),
            after_json: fields[7].as_deref(),
            justification: fields[8].as_deref(),
            recipient: fields[9].as_deref(),
            seal: seal.as_deref(),
            desk_day: day.as_deref(),
        };
        let computed = row_hash(text(10), &row);
        if computed != text(11) {
            return Ok(fault(count, expected_prev, id, "its contents do not match its hash"));
        }
        expected_prev = computed;
    }
    Ok(ChainReport { rows: count, newest_hash: expected_prev, fault: None })
}

fn fault(rows: u64, newest_hash: String, id: i64, why: &str) -> ChainReport {
    ChainReport { rows, newest_hash, fault: Some(format!("audit row {id}: {why}")) }
}

#[cfg(test)]
#[path = "audit_tests.rs"]
mod tests;
