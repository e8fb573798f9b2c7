//! The audit log as `casedesk audit` reads it, row by row.

use super::{Store, StoreResult};

/// One audit row as `casedesk audit` prints it: who, when, what, and for
/// disclosures to whom and why (DPA 2018 s.62(3)).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditLine {
    pub at_utc: String,
    pub user: String,
    pub op: String,
    pub entity: String,
    pub entity_id: String,
    pub case_ref: Option<String>,
    pub recipient: Option<String>,
    pub justification: Option<String>,
}

const AUDIT_LINE_SELECT: &str =
    "SELECT a.at_utc, a.user, a.op, a.entity, a.entity_id, c.ref, a.recipient, a.justification
       FROM audit_log a LEFT JOIN case_file c ON c.id = a.case_id";

impl Store {
    /// Walk the audit log oldest first (all of it, or one case's rows),
    /// handing each row to `visit` as it is read, so a long log is never
    /// held in memory. `visit` returns false to stop early.
    pub fn each_audit_line(&self, case_id: Option<i64>, mut visit: impl FnMut(&AuditLine) -> bool) -> StoreResult<()> {
        let sql = match case_id {
            Some(_) => format!("{AUDIT_LINE_SELECT} WHERE a.case_id = ?1 ORDER BY a.id"),
            None => format!("{AUDIT_LINE_SELECT} ORDER BY a.id"),
        };
        let mut stmt = self.conn().prepare(&sql)?;
        let mut rows = match case_id {
            Some(id) => stmt.query(rusqlite::params![id])?,
            None => stmt.query([])?,
        };
        while let Some(r) = rows.next()? {
            let line = AuditLine {
                at_utc: r.get(0)?,
                user: r.get(1)?,
                op: r.get(2)?,
                entity: r.get(3)?,
                entity_id: r.get(4)?,
                case_ref: r.get(5)?,
                recipient: r.get(6)?,
                justification: r.get(7)?,
            };
            if !visit(&line) {
                break;
            }
        }
        Ok(())
    }
}
