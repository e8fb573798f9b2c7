//! Audit rows that carry many seals at once (`super::seal`): the seals of
//! every record of a desk upgraded to seals, and of a bulk load's records.
//! Apart from `seal` so that the audit log can seal a row while this writes
//! into the audit log.

use rusqlite::Connection;

use super::audit::{AuditEntry, AuditOp, Chain, ReadyRow};
use super::seal::{seal_records_from, SealList, SEALED_TABLES};
use super::StoreResult;

/// One audit row holding many seals, chained on.
pub(crate) fn append_seal_list(
    conn: &Connection,
    chain: &mut Chain,
    op: AuditOp,
    table: &'static str,
    seals: SealList,
    justification: &str,
) -> StoreResult<()> {
    let (seals, range) = seals.finish();
    let mut entry = AuditEntry::new(op, table, range);
    entry.justification = Some(justification.to_string());
    let mut row = ReadyRow::of(&entry);
    row.seal = Some(seals);
    chain.append(conn, &row)
}

/// Records sealed per audit row when many are sealed at once.
const SEALS_PER_ROW: usize = 1_000;

/// A desk upgraded to seals has its records sealed as they stand, so that
/// from then on a change behind the log is found in every one of them. The
/// rows are consultations (the records were read, not changed): undo passes
/// over them.
pub(crate) fn seal_existing(conn: &Connection) -> StoreResult<()> {
    let mut chain = Chain::start(conn, &super::os_user(), chrono::Local::now().date_naive())?;
    let why = "the records as they stood when casedesk began sealing them";
    for table in SEALED_TABLES {
        seal_records_from(conn, table, i64::MIN, SEALS_PER_ROW, |seals| {
            append_seal_list(conn, &mut chain, AuditOp::Consult, table, seals, why)
        })?;
    }
    Ok(())
}
