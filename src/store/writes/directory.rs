//! Adding to the directory, retiring from it, and allocating a case to a
//! coordinator (editing an entry and a venue's rooms: `directory_edits.rs`). An entry a case names is never deleted: retiring keeps it
//! on the cases that name it and takes it off the lists offered for new work.

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};

use super::{int, opt_text, text, Cols, Tx};
use crate::domain::directory::{name_key, AgencyKind, DirectoryKind, Training};
use crate::store::limits::{check_lengths, TextKind::*};
use crate::store::{StoreError, StoreResult};

/// A new directory entry, as typed. Each kind keeps the fields it has and
/// ignores the rest: team and maximum caseload are a coordinator's (and team
/// an agency's), courses, referral method and cost a provider's, training,
/// vetting and availability a facilitator's, address and booking contact a
/// venue's.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewDirectoryEntry {
    pub name: String,
    pub team: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub notes: Option<String>,
    pub max_caseload: Option<u32>,
    pub courses: Option<String>,
    pub referral_method: Option<String>,
    pub cost_pence: Option<u32>,
    pub trained_in: Vec<Training>,
    pub vetting_expires: Option<NaiveDate>,
    pub availability: Option<String>,
    pub address: Option<String>,
    pub booking_contact: Option<String>,
    pub agency_kind: Option<AgencyKind>,
}

pub(super) fn table(kind: DirectoryKind) -> &'static str {
    match kind {
        DirectoryKind::Coordinator => "coordinator",
        DirectoryKind::Facilitator => "facilitator",
        DirectoryKind::Provider => "provider",
        DirectoryKind::Venue => "venue",
        DirectoryKind::Agency => "agency",
    }
}

impl Tx<'_> {
    /// Add an entry of `kind`; a name already in the directory for that kind
    /// (the same but for case, spacing and accents) is refused, so that
    /// retiring and allocating by name always find one entry.
    pub fn add_to_directory(&mut self, kind: DirectoryKind, entry: &NewDirectoryEntry) -> StoreResult<i64> {
        let name = checked_name(kind, entry)?;
        if self.directory_id(kind, &name, false)?.is_some() {
            return Err(StoreError::Invalid(format!(
                "There is already a {} named {name} in the directory: give the new one a name that tells them apart.",
                kind.noun()
            )));
        }
        let mut cols = entry_cols(kind, &name, entry);
        // The provider's kind of service is not asked for here yet.
        if kind == DirectoryKind::Provider {
            cols.push(("kind", text("other")));
        }
        self.insert(table(kind), None, cols)
    }

    /// Retire the active entry of that name: it stays on every case that
    /// names it and is offered for no new work.
    pub fn retire_from_directory(&mut self, kind: DirectoryKind, name: &str) -> StoreResult<i64> {
        let Some(id) = self.directory_id(kind, name, true)? else {
            return Err(StoreError::Invalid(format!(
                "No active {} named {} is in the directory: see `casedesk directory list --kind {}`.",
                kind.noun(),
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

    pub(super) fn directory_id(&self, kind: DirectoryKind, name: &str, active_only: bool) -> StoreResult<Option<i64>> {
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

/// The entry's name with its spacing tidied, once every field is within its
/// limit; an empty name is refused.
pub(super) fn checked_name(kind: DirectoryKind, entry: &NewDirectoryEntry) -> StoreResult<String> {
    check_lengths(&[
        ("name", Name, Some(&entry.name)),
        ("team", Name, entry.team.as_deref()),
        ("email address", Short, entry.email.as_deref()),
        ("phone number", Short, entry.phone.as_deref()),
        ("notes", Long, entry.notes.as_deref()),
        ("courses", Long, entry.courses.as_deref()),
        ("referral method", Short, entry.referral_method.as_deref()),
        ("availability", Long, entry.availability.as_deref()),
        ("address", Short, entry.address.as_deref()),
        ("booking contact", Short, entry.booking_contact.as_deref()),
    ])?;
    let name = entry.name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err(StoreError::Invalid(format!("Give the {}'s name.", kind.noun())));
    }
    Ok(name)
}

/// The columns an entry of `kind` keeps, every one written (an edit that
/// clears a field stores it empty).
pub(super) fn entry_cols(kind: DirectoryKind, name: &str, entry: &NewDirectoryEntry) -> Cols {
    let number = |n: Option<u32>| n.map_or(rusqlite::types::Value::Null, |n| int(n.into()));
    let mut cols: Cols = vec![
        ("name", text(name)),
        ("email", opt_text(&entry.email)),
        ("phone", opt_text(&entry.phone)),
        ("notes", opt_text(&entry.notes)),
    ];
    match kind {
        DirectoryKind::Coordinator => {
            cols.push(("team", opt_text(&entry.team)));
            cols.push(("max_caseload", number(entry.max_caseload)));
        }
        DirectoryKind::Facilitator => {
            let trained = |t: Training| int(entry.trained_in.contains(&t).into());
            cols.push(("trained_conference", trained(Training::Conference)));
            cols.push(("trained_mediation", trained(Training::Mediation)));
            cols.push(("trained_shuttle", trained(Training::Shuttle)));
            cols.push(("vetting_expires", opt_text(&entry.vetting_expires.map(|d| d.to_string()))));
            cols.push(("availability", opt_text(&entry.availability)));
        }
        DirectoryKind::Provider => {
            cols.push(("courses", opt_text(&entry.courses)));
            cols.push(("referral_method", opt_text(&entry.referral_method)));
            cols.push(("cost_pence", number(entry.cost_pence)));
        }
        DirectoryKind::Venue => {
            cols.push(("address", opt_text(&entry.address)));
            cols.push(("booking_contact", opt_text(&entry.booking_contact)));
        }
        DirectoryKind::Agency => {
            cols.push(("team", opt_text(&entry.team)));
            cols.push(("kind", text(entry.agency_kind.unwrap_or(AgencyKind::Other).as_str())));
        }
    }
    cols
}
