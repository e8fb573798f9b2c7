//! The conditions every arm of the Deadlines list adds for the filter's
//! provider, service, coordinator and cases: written once, so the list, its
//! keys and its count narrow alike.

use rusqlite::types::Value;

use super::sql::Sql;
use super::DeadlineFilter;
use crate::store::writes::text;

/// Append the filter's conditions on the item (`k` for a condition) and
/// its case (`c`).
pub(super) fn narrow(sql: &mut Sql, filter: &DeadlineFilter) {
    if let Some(provider) = filter.provider_id {
        let v = sql.bind(Value::Integer(provider));
        sql.push(&format!(" AND k.provider_id = {v}"));
    }
    if let Some(service) = filter.service {
        let v = sql.bind(text(service.as_str()));
        sql.push(&format!(" AND c.service = {v}"));
    }
    if let Some((condition, id)) = filter.coordinator.condition() {
        let bound = id.map(|id| sql.bind(Value::Integer(id))).unwrap_or_default();
        sql.push(&format!(" AND {condition}{bound}"));
    }
    if let Some(case_id) = filter.case_id {
        let v = sql.bind(Value::Integer(case_id));
        sql.push(&format!(" AND c.id = {v}"));
    }
    if let Some(ids) = &filter.case_ids {
        let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
        let v = sql.bind(text(format!("[{list}]")));
        sql.push(&format!(" AND c.id IN (SELECT value FROM json_each({v}))"));
    }
}
