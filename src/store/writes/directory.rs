//! Adding to the directory, retiring from it, and allocating a case to a
//! coordinator. An entry a case names is never deleted: retiring keeps it
//! on the cases that name it and takes it off the lists offered for new work.

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};

use super::{int, opt_text, text, Cols, Tx};
use crate::domain::directory::{name_key, DirectoryKind};
use crate::store::limits::{check_lengths, TextKind::*};
use crate::store::{StoreError, StoreResult};

/// A new coordinator or provider, as typed. Team and maximum caseload are a
/// coordinator's; a provider ignores them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewDirectoryEntry {
    pub name: String,
    pub team: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub notes: Option<String>,
    pub max_caseload: Option<u32>,
}

fn table(kind: DirectoryKind) -> &'static str {
    match kind {
        DirectoryKind::Coordinator => "coordinator",
        DirectoryKind::Provider => "provider",
    }
}

impl Tx<'_> {
    /// Add a coordinator or provider; a name already in the directory (the
    /// same but for case and spacing) is refused, so that retiring and
    /// allocating by name always find one entry.
    pub fn add_to_directory(&mut self, kind: DirectoryKind, entry: &NewDirectoryEntry) -> StoreResult<i64> {
        check_lengths(&[
            ("name", Name, Some(&entry.name)),
            ("team", Name, entry.team.as_deref()),
            ("email address", Short, entry.email.as_deref()),
            ("phone number", Short, entry.phone.as_deref()),
            ("notes", Long, entry.notes.as_deref()),
        ])?;
        let name = entry.name.split_whitespace().collect::<Vec<_>>().join(" ");
        if name.is_empty() {
            return Err(StoreError::Invalid(format!("Give the {}'s name.", kind.as_str())));
        }
        if self.directory_id(kind, &name, false)?.is_some() {
            return Err(StoreError::Invalid(format!(
                "There is already a {} named {name} in the directory: give the new one a name that tells them apart.",
                kind.as_str()
            )));
        }
        let mut cols: Cols = vec![
            ("name", text(name)),
            ("email", opt_text(&entry.email)),
            ("phone", opt_text(&entry.phone)),
            ("notes", opt_text(&entry.notes)),
        ];
        match kind {
            DirectoryKind::Coordinator => {
                cols.push(("team", opt_text(&entry.team)));
                cols.push(("max_caseload", entry.max_caseload.map_or(rusqlite::types::Value::Null, |m| int(m.into()))));
            }
            // The provider's kind of service is not asked for here yet.
            DirectoryKind::Provider => cols.push(("kind", text("other"))),
        }
        self.insert(table(kind), None, cols)
    }

    /// Retire the active entry of that name: it stays on every case that
    /// names it and is offered for no new work.
    pub fn retire_from_directory(&mut self, kind: DirectoryKind, name: &str) -> StoreResult<i64> {
        let Some(id) = self.directory_id(kind, name, true)? else {
            return Err(StoreError::Invalid(format!(
                "No active {} named {} is in the directory: see `casedesk directory list --kind {}`.",
                kind.as_str(),
                name.trim(),
                kind.as_str()
            )));
        };
        self.update_because(table(kind), id, None, vec![("active", int(0))], Some("retired from the directory"))?;
        Ok(id)
    }

    /// Move a referral to Transferred to coordinator and record whose it is,
    /// in one step: a transfer names its coordinator.
    pub fn transfer_to_coordinator(&mut self, case_id: i64, coordinator_id: i64, on: NaiveDate) -> StoreResult<()> {
        self.check_active_coordinator(coordinator_id)?;
        self.change_status(case_id, "transferred", on)?;
        self.assign_coordinator(case_id, coordinator_id, on)
    }

    /// Hand a case to another coordinator, with the reason kept on the
    /// audit row. A retired coordinator takes no new work.
    pub fn reallocate(&mut self, case_id: i64, coordinator_id: i64, reason: &str) -> StoreResult<()> {
        check_lengths(&[("reason", Long, Some(reason))])?;
        if reason.trim().is_empty() {
            return Err(StoreError::Invalid("Say why the case is reallocated.".into()));
        }
        self.check_active_coordinator(coordinator_id)?;
        let cols = vec![("coordinator_id", int(coordinator_id))];
        self.update_because("case_file", case_id, Some(case_id), cols, Some(reason.trim()))
    }

    pub(crate) fn check_active_coordinator(&self, coordinator_id: i64) -> StoreResult<()> {
        let active: Option<bool> = self
            .conn()
            .query_row("SELECT active = 1 FROM coordinator WHERE id = ?1", params![coordinator_id], |r| r.get(0))
            .optional()?;
        match active {
            Some(true) => Ok(()),
            Some(false) => Err(StoreError::Invalid("That coordinator is retired: choose an active one.".into())),
            None => Err(StoreError::NotFound(format!("coordinator {coordinator_id}"))),
        }
    }

    fn directory_id(&self, kind: DirectoryKind, name: &str, active_only: bool) -> StoreResult<Option<i64>> {
        let sql = format!("SELECT id, name, active FROM {} ORDER BY active DESC, id", table(kind));
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let wanted = name_key(name);
        let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, bool>(2)?)))?;
        for row in rows {
            let (id, found, active) = row?;
            if name_key(&found) == wanted && (active || !active_only) {
                return Ok(Some(id));
            }
        }
        Ok(None)
    }
}
