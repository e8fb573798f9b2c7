//! A bulk load logs one lean audit row per case; the records it writes are
//! sealed (`store::seal`) on the generating thread, from their final staged
//! values, and the seals of each batch go onto the chain with it, many to an
//! audit row. A staged row leaves out the columns that take their default,
//! so each table's columns and defaults are read once, before the load, and
//! a value is stored as its column's affinity would store it.

use rusqlite::types::{Value, ValueRef};
use rusqlite::Connection;

use super::{Staged, Table, BULK_LOAD};
use crate::store::audit::{AuditOp, Chain};
use crate::store::seal::{RecordHasher, SealList};
use crate::store::seal_rows::append_seal_list;
use crate::store::StoreResult;

/// One column of a loaded table, as `PRAGMA table_info` describes it.
#[derive(Debug, Clone)]
pub(crate) struct Column {
    name: String,
    /// REAL affinity: an integer is stored as a real.
    real: bool,
    default: Value,
}

/// The columns of every loaded table, in `Table::ALL` order.
pub(super) fn table_columns(conn: &Connection) -> StoreResult<Vec<Vec<Column>>> {
    let mut all = Vec::new();
    for table in Table::ALL {
        let mut stmt = conn.prepare(&format!("PRAGMA table_info({})", table.name()))?;
        let columns = stmt.query_map([], |r| {
            let declared: String = r.get(2)?;
            let real = declared.to_ascii_uppercase().contains("REAL");
            let default = literal(r.get::<_, Option<String>>(4)?.as_deref(), real);
            Ok(Column { name: r.get(1)?, real, default })
        })?;
        all.push(columns.collect::<Result<_, _>>()?);
    }
    Ok(all)
}

/// A column default as stored: the schema's defaults are plain literals.
fn literal(sql: Option<&str>, real: bool) -> Value {
    let Some(sql) = sql.map(str::trim) else { return Value::Null };
    if let Some(text) = sql.strip_prefix('\'').and_then(|s| s.strip_suffix('\'')) {
        return Value::Text(text.replace("''", "'"));
    }
    match (sql.parse::<i64>(), sql.parse::<f64>()) {
        (Ok(i), _) if real => Value::Real(i as f64),
        (Ok(i), _) => Value::Integer(i),
        (_, Ok(f)) => Value::Real(f),
        _ => Value::Null,
    }
}

/// The hash of a staged row, as `seal::seal_of` would find it once stored.
pub(super) fn seal_staged(columns: &[Column], row: &Staged) -> String {
    let mut hasher = RecordHasher::new();
    let id = Value::Integer(row.id);
    for column in columns {
        let staged = row.base.iter().chain(&row.extra).find(|(name, _)| *name == column.name).map(|(_, v)| v);
        let value = if column.name == "id" { &id } else { staged.unwrap_or(&column.default) };
        match value {
            Value::Integer(i) if column.real => hasher.column(&column.name, ValueRef::Real(*i as f64)),
            other => hasher.column(&column.name, ValueRef::from(other)),
        }
    }
    hasher.finish()
}

/// The seals of one batch onto the chain, one audit row per table.
pub(super) fn append_seals(conn: &Connection, chain: &mut Chain, seals: Vec<SealList>) -> StoreResult<()> {
    for (table, seals) in Table::ALL.iter().zip(seals).filter(|(_, s)| !s.is_empty()) {
        append_seal_list(conn, chain, AuditOp::Collect, table.name(), seals, BULK_LOAD)?;
    }
    Ok(())
}
