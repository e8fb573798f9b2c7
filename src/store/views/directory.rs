//! The directory's read models: its entries, the coordinators offered for a
//! transfer with their open caseloads, and the caseload per coordinator.

use rusqlite::params;

use crate::domain::case_status::CaseStatus;
use crate::domain::directory::DirectoryKind;
use crate::store::sql_types::case_status;
use crate::store::{Store, StoreResult};

/// One coordinator or provider as the directory lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DirectoryEntry {
    pub kind: DirectoryKind,
    pub id: i64,
    pub name: String,
    pub team: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub notes: Option<String>,
    pub max_caseload: Option<u32>,
    pub active: bool,
    /// Open cases allocated to a coordinator; a provider's is 0.
    pub open_cases: u32,
}

/// A coordinator's open cases, counted by status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caseload {
    pub name: String,
    pub active: bool,
    pub max_caseload: Option<u32>,
    pub by_status: Vec<(CaseStatus, u32)>,
}

impl Caseload {
    pub fn open_cases(&self) -> u32 {
        self.by_status.iter().map(|(_, n)| n).sum()
    }
}

/// Open cases: neither closed nor withdrawn (the partial index of 0004/0014).
const OPEN: &str = "c.status NOT IN ('closed', 'withdrawn')";

impl Store {
    /// The directory's entries of `kind` (both kinds when none), by name.
    pub fn directory(&self, kind: Option<DirectoryKind>) -> StoreResult<Vec<DirectoryEntry>> {
        let mut entries = Vec::new();
        for k in DirectoryKind::ALL.into_iter().filter(|k| kind.is_none_or(|want| want == *k)) {
            entries.extend(self.directory_of(k)?);
        }
        Ok(entries)
    }

    fn directory_of(&self, kind: DirectoryKind) -> StoreResult<Vec<DirectoryEntry>> {
        let sql = match kind {
            DirectoryKind::Coordinator => format!(
                "SELECT k.id, k.name, k.team, k.email, k.phone, k.notes, k.max_caseload, k.active,
                        (SELECT COUNT(*) FROM case_file c WHERE c.coordinator_id = k.id AND {OPEN}) AS open_cases
                   FROM coordinator k ORDER BY k.name COLLATE NOCASE, k.id"
            ),
            DirectoryKind::Provider => "SELECT id, name, NULL AS team, email, phone, notes, NULL AS max_caseload,
                        active, 0 AS open_cases
                   FROM provider ORDER BY name COLLATE NOCASE, id"
                .to_string(),
        };
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map([], |r| {
            Ok(DirectoryEntry {
                kind,
                id: r.get("id")?,
                name: r.get("name")?,
                team: r.get("team")?,
                email: r.get("email")?,
                phone: r.get("phone")?,
                notes: r.get("notes")?,
                max_caseload: r.get("max_caseload")?,
                active: r.get("active")?,
                open_cases: r.get("open_cases")?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The active coordinators a case may be handed to, each with their open
    /// caseload, by name.
    pub fn coordinator_choices(&self) -> StoreResult<Vec<DirectoryEntry>> {
        Ok(self.directory_of(DirectoryKind::Coordinator)?.into_iter().filter(|e| e.active).collect())
    }

    /// Open cases per coordinator by status: every active coordinator, and a
    /// retired one still holding open cases.
    pub fn caseloads(&self) -> StoreResult<Vec<Caseload>> {
        let held: Vec<DirectoryEntry> = self
            .directory_of(DirectoryKind::Coordinator)?
            .into_iter()
            .filter(|e| e.active || e.open_cases > 0)
            .collect();
        let sql = format!(
            "SELECT c.service, c.status, COUNT(*) AS n FROM case_file c
              WHERE c.coordinator_id = ?1 AND {OPEN} GROUP BY c.service, c.status ORDER BY c.service, c.status"
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let mut loads = Vec::with_capacity(held.len());
        for e in held {
            let rows = stmt.query_map(params![e.id], |r| Ok((case_status(r, "service", "status")?, r.get("n")?)))?;
            let by_status = merge_statuses(rows.collect::<Result<Vec<_>, _>>()?);
            loads.push(Caseload { name: e.name, active: e.active, max_caseload: e.max_caseload, by_status });
        }
        Ok(loads)
    }
}

/// Restorative justice and mediation share one status machine: a status
/// counted under each service is one line of the caseload.
fn merge_statuses(counts: Vec<(CaseStatus, u32)>) -> Vec<(CaseStatus, u32)> {
    let mut merged: Vec<(CaseStatus, u32)> = Vec::with_capacity(counts.len());
    for (status, n) in counts {
        match merged.iter_mut().find(|(s, _)| *s == status) {
            Some((_, total)) => *total += n,
            None => merged.push((status, n)),
        }
    }
    merged
}
