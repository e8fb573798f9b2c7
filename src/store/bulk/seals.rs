//! A bulk load logs one lean audit row per case, with no record seals: at
//! the end, once the triggers' marks are set, it seals every record it wrote
//! (`store::seal`), many to an audit row, so `casedesk check` can compare
//! them with the log like any other.

use rusqlite::Connection;

use super::{Start, Table, BULK_LOAD};
use crate::store::audit::{AuditEntry, AuditOp, Chain, ReadyRow};
use crate::store::seal::{id_range, seal_records_from, SEALS_PER_ROW};
use crate::store::StoreResult;

/// Seal the records the load wrote, table by table, from the first id it used.
pub(super) fn seal_loaded(conn: &Connection, chain: &mut Chain, start: &Start) -> StoreResult<()> {
    for table in Table::ALL {
        seal_records_from(conn, table.name(), start.next_ids[table.index()], SEALS_PER_ROW, |seals| {
            let mut entry = AuditEntry::new(AuditOp::Collect, table.name(), id_range(&seals));
            entry.justification = Some(BULK_LOAD.to_string());
            let mut row = ReadyRow::of(&entry);
            row.seal = Some(seals);
            chain.append(conn, &row)
        })?;
    }
    Ok(())
}
