//! Row seals: each audit row about a record carries the hash of that
//! record's content just after the change ("id:hash", or "id:-" once it is
//! gone), inside the row's own chained hash. `casedesk check` hashes the live
//! records again and compares them with the newest seal of each, so a record
//! changed, added or removed behind the audit log is found and named.

use std::collections::HashMap;

use rusqlite::types::ValueRef;
use rusqlite::{Connection, OptionalExtension, Row};
use sha2::{Digest, Sha256};

use super::StoreResult;

/// The tables whose records the audited writes (and the bulk loader) change.
pub(crate) const SEALED_TABLES: [&str; 28] = [
    "provider",
    "coordinator",
    "facilitator",
    "venue",
    "venue_room",
    "process_facilitator",
    "agency",
    "case_file",
    "oocd_disposal",
    "person",
    "case_party",
    "checklist_answer",
    "decision",
    "condition",
    "compliance_event",
    "breach",
    "rj_process",
    "outcome_agreement",
    "agreement_item",
    "contact_log",
    "retention",
    "letter",
    "case_document",
    "enquiry",
    "meeting",
    "meeting_attendee",
    "meeting_action",
    "feedback",
];

/// Columns that triggers keep in step with other tables (0006, 0007, 0020,
/// 0025, 0028): they change with no audit row of their own, and say nothing
/// new, so a seal leaves them out.
const MARK_COLUMNS: [&str; 8] = [
    "breach_open",
    "case_open",
    "agreement_awaited",
    "case_live",
    "conditions_held",
    "conditions_open",
    "items_settled_on",
    "progress_on",
];

/// Columns a migration added to a sealed table after seals began (0011,
/// 0016, 0025, 0027, 0030, 0031). While empty they are left out, so a record sealed before they
/// existed hashes as it did then and `check` does not take the upgrade for
/// tampering.
const ADDED_COLUMNS: [&str; 15] = [
    "authorising_rank",
    "yot_referred_on",
    "proceed_reason",
    "time_limit_reason",
    "finalised_on",
    "police_record_updated_on",
    "courses",
    "referral_method",
    "cost_pence",
    "enhanced_rights",
    "reported_on",
    "spoke_with_kind",
    "spoke_with",
    "follow_up_outcome",
    "room_id",
];

/// Columns a migration added with a default (0030: a meeting's length,
/// two hours). At that default they are left out, as an empty added column
/// is: a meeting sealed before lengths existed reads 120 after the upgrade,
/// which is no change.
const ADDED_WITH_DEFAULT: [(&str, i64); 1] = [("duration_minutes", 120)];

/// How many hex digits of a record's hash a seal keeps (64 bits).
const SEAL_DIGITS: usize = 16;

/// The seal "gone": the record was removed.
const GONE: &str = "-";

fn table_index(table: &str) -> Option<usize> {
    SEALED_TABLES.iter().position(|t| *t == table)
}

/// The hash of one record, fed its columns in table order; the marks are
/// left out.
pub(crate) struct RecordHasher(Sha256);

impl RecordHasher {
    pub(crate) fn new() -> RecordHasher {
        RecordHasher(Sha256::new())
    }

    pub(crate) fn column(&mut self, name: &str, value: ValueRef<'_>) {
        if MARK_COLUMNS.contains(&name) || (value == ValueRef::Null && ADDED_COLUMNS.contains(&name)) {
            return;
        }
        if ADDED_WITH_DEFAULT.iter().any(|(column, default)| *column == name && value == ValueRef::Integer(*default)) {
            return;
        }
        let h = &mut self.0;
        h.update((name.len() as u64).to_le_bytes());
        h.update(name.as_bytes());
        match value {
            ValueRef::Null => h.update([0u8]),
            ValueRef::Integer(v) => {
                h.update([1u8]);
                h.update(v.to_le_bytes());
            }
            ValueRef::Real(v) => {
                h.update([2u8]);
                h.update(v.to_bits().to_le_bytes());
            }
            ValueRef::Text(t) | ValueRef::Blob(t) => {
                h.update([3u8]);
                h.update((t.len() as u64).to_le_bytes());
                h.update(t);
            }
        }
    }

    /// The first SEAL_DIGITS hex digits.
    pub(crate) fn finish(self) -> String {
        let digest = self.0.finalize();
        hex::encode(&digest[..SEAL_DIGITS / 2])
    }
}

fn record_hash(row: &Row<'_>, names: &[String]) -> rusqlite::Result<String> {
    let mut hasher = RecordHasher::new();
    for (i, name) in names.iter().enumerate() {
        hasher.column(name, row.get_ref(i)?);
    }
    Ok(hasher.finish())
}

fn column_names(stmt: &rusqlite::Statement<'_>) -> Vec<String> {
    stmt.column_names().iter().map(|s| s.to_string()).collect()
}

/// The seal for an audit entry about `entity` `entity_id` as the record
/// stands now, or None when the entry is not about a sealed record.
pub(crate) fn seal_of(conn: &Connection, entity: &str, entity_id: &str) -> StoreResult<Option<String>> {
    let (Some(_), Ok(id)) = (table_index(entity), entity_id.parse::<i64>()) else { return Ok(None) };
    let mut stmt = conn.prepare_cached(&format!("SELECT * FROM {entity} WHERE id = ?1"))?;
    let names = column_names(&stmt);
    let hash = stmt.query_row([id], |r| record_hash(r, &names)).optional()?;
    Ok(Some(format!("{id}:{}", hash.as_deref().unwrap_or(GONE))))
}

/// Many records' seals in one audit row: "id:hash;hash;…", a seal without
/// an id being for the record after the one before it (a load's ids run on).
#[derive(Debug, Clone, Default)]
pub(crate) struct SealList {
    text: String,
    first: i64,
    last: Option<i64>,
}

impl SealList {
    pub(crate) fn push(&mut self, id: i64, hash: &str) {
        match self.last {
            None => self.first = id,
            Some(_) => self.text.push(';'),
        }
        if self.last != Some(id - 1) {
            self.text.push_str(&id.to_string());
            self.text.push(':');
        }
        self.text.push_str(hash);
        self.last = Some(id);
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.last.is_none()
    }

    /// The seals as the audit row holds them, and "first-last" to name the row by.
    pub(crate) fn finish(self) -> (String, String) {
        let range = format!("{}-{}", self.first, self.last.unwrap_or(self.first));
        (self.text, range)
    }
}

/// The seals of every record of `table` from `first_id` on, `per_row` to a
/// list: how many records are sealed at once, in few audit rows.
pub(crate) fn seal_records_from(
    conn: &Connection,
    table: &str,
    first_id: i64,
    per_row: usize,
    mut emit: impl FnMut(SealList) -> StoreResult<()>,
) -> StoreResult<()> {
    let mut stmt = conn.prepare(&format!("SELECT * FROM {table} WHERE id >= ?1 ORDER BY id"))?;
    let names = column_names(&stmt);
    let mut rows = stmt.query([first_id])?;
    let (mut seals, mut count) = (SealList::default(), 0);
    while let Some(row) = rows.next()? {
        seals.push(row.get("id")?, &record_hash(row, &names)?);
        count += 1;
        if count == per_row {
            emit(std::mem::take(&mut seals))?;
            count = 0;
        }
    }
    if !seals.is_empty() {
        emit(seals)?;
    }
    Ok(())
}

/// The schema version that brought seals (0009_row_seals.sql).
pub(crate) const SEALS_FROM_VERSION: i64 = 9;

/// What comparing the records with their seals found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SealReport {
    pub records: u64,
    /// Records from before seals existed (written before schema 9).
    pub unsealed: u64,
    pub faults: u64,
    /// The first few faults, each naming the table and record.
    pub first_faults: Vec<String>,
}

const FAULTS_SHOWN: usize = 5;

impl SealReport {
    /// "ok (...)" or the faults, the first few named.
    pub fn describe(&self) -> String {
        let older = match self.unsealed {
            0 => String::new(),
            n => format!("; {n} from before seals, not compared"),
        };
        if self.faults == 0 {
            return format!("ok ({} records match the log{older})", self.records - self.unsealed);
        }
        let more = match self.faults as usize - self.first_faults.len() {
            0 => String::new(),
            n => format!("; and {n} more"),
        };
        format!("FAULT: {}{more}", self.first_faults.join("; "))
    }

    fn fault(&mut self, text: String) {
        self.faults += 1;
        if self.first_faults.len() < FAULTS_SHOWN {
            self.first_faults.push(text);
        }
    }
}

/// The newest seal of each record, read from the whole log.
fn newest_seals(conn: &Connection) -> StoreResult<Vec<HashMap<i64, Option<u64>>>> {
    let mut seals: Vec<HashMap<i64, Option<u64>>> = SEALED_TABLES.iter().map(|_| HashMap::new()).collect();
    let mut stmt = conn.prepare("SELECT entity, row_hash FROM audit_log WHERE row_hash IS NOT NULL ORDER BY id")?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let (entity, seals_text): (String, String) = (row.get(0)?, row.get(1)?);
        let Some(table) = table_index(&entity) else { continue };
        let mut id = 0;
        for seal in seals_text.split(';') {
            let hash = match seal.split_once(':') {
                Some((given, hash)) => {
                    let Ok(given) = given.parse::<i64>() else { continue };
                    id = given;
                    hash
                }
                None => {
                    id += 1;
                    seal
                }
            };
            seals[table].insert(id, u64::from_str_radix(hash, 16).ok());
        }
    }
    Ok(seals)
}

/// Hash every record of the sealed tables and compare it with its newest seal.
pub(crate) fn verify_records(conn: &Connection) -> StoreResult<SealReport> {
    let mut report = SealReport::default();
    if !has_seals(conn)? {
        return Ok(report);
    }
    let mut seals = newest_seals(conn)?;
    for (index, table) in SEALED_TABLES.iter().enumerate() {
        let sealed = &mut seals[index];
        // Said in words: "case file record 3".
        let shown = table.replace('_', " ");
        let mut stmt = conn.prepare(&format!("SELECT * FROM {table} ORDER BY id"))?;
        let names = column_names(&stmt);
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            report.records += 1;
            let id: i64 = row.get("id")?;
            let hash = u64::from_str_radix(&record_hash(row, &names)?, 16).ok();
            match sealed.remove(&id) {
                None => report.unsealed += 1,
                Some(None) => report.fault(format!("{shown} record {id} is there, but the log says it was removed")),
                Some(seal) if seal != hash => {
                    report.fault(format!("{shown} record {id} was changed without an audit row"))
                }
                Some(_) => {}
            }
        }
        let mut removed: Vec<i64> = sealed.iter().filter(|(_, seal)| seal.is_some()).map(|(id, _)| *id).collect();
        removed.sort_unstable();
        for id in removed {
            report.fault(format!("{shown} record {id} was removed without an audit row"));
        }
    }
    Ok(report)
}

/// Whether the log has the seal column (schema 9 on).
pub(crate) fn has_seals(conn: &Connection) -> StoreResult<bool> {
    let stmt = conn.prepare("SELECT * FROM audit_log LIMIT 0")?;
    Ok(stmt.column_names().contains(&"row_hash"))
}

#[cfg(test)]
mod tests {
    use super::RecordHasher;
    use rusqlite::types::ValueRef;

    fn hash(columns: &[(&str, ValueRef<'_>)]) -> String {
        let mut hasher = RecordHasher::new();
        columns.iter().for_each(|(name, value)| hasher.column(name, *value));
        hasher.finish()
    }

    /// A meeting sealed before migration 0030 gave it a length (two hours by
    /// default) and a room (none) hashes the same after the upgrade, so
    /// `check` does not take the upgrade for a change made behind its back.
    #[test]
    fn a_meeting_sealed_before_the_diary_hashes_the_same_after_it() {
        let before = [("id", ValueRef::Integer(1)), ("venue", ValueRef::Text(b"Town Hall"))];
        let after = [
            ("id", ValueRef::Integer(1)),
            ("venue", ValueRef::Text(b"Town Hall")),
            ("duration_minutes", ValueRef::Integer(120)),
            ("room_id", ValueRef::Null),
        ];
        assert_eq!(hash(&before), hash(&after));
        let longer = [("id", ValueRef::Integer(1)), ("duration_minutes", ValueRef::Integer(90))];
        assert_ne!(hash(&before[..1]), hash(&longer), "a length set is part of the record");
    }
}
