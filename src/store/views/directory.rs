//! The directory's read models: its entries, the coordinators offered for a
//! transfer with their open caseloads, and the caseload per coordinator.

use chrono::NaiveDate;
use rusqlite::params;

use crate::domain::case_status::CaseStatus;
use crate::domain::directory::{AgencyKind, DirectoryKind, Training};
use crate::store::sql_types::case_status;
use crate::store::{Store, StoreResult};

/// One entry as the directory lists it. A field another kind keeps is
/// empty (`None`, `false`, nothing) on this one.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
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
    /// Open cases allocated to a coordinator; any other kind's is 0.
    pub open_cases: u32,
    pub courses: Option<String>,
    pub referral_method: Option<String>,
    pub cost_pence: Option<u32>,
    pub trained_in: Vec<Training>,
    pub vetting_expires: Option<NaiveDate>,
    pub availability: Option<String>,
    pub address: Option<String>,
    pub booking_contact: Option<String>,
    pub agency_kind: Option<AgencyKind>,
    /// A venue's rooms, by name.
    pub rooms: Vec<Room>,
}

/// A room of a venue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Room {
    pub id: i64,
    pub name: String,
    pub capacity: Option<u32>,
    pub accessibility: Option<String>,
    pub refreshments: bool,
}

/// A coordinator's open cases, counted by status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caseload {
    /// The coordinator's id in the directory.
    pub coordinator_id: i64,
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
pub(crate) const OPEN: &str = "c.status NOT IN ('closed', 'withdrawn')";

impl Store {
    /// The directory's entries of `kind` (every kind when none), by name.
    pub fn directory(&self, kind: Option<DirectoryKind>) -> StoreResult<Vec<DirectoryEntry>> {
        let mut entries = Vec::new();
        for k in DirectoryKind::ALL.into_iter().filter(|k| kind.is_none_or(|want| want == *k)) {
            entries.extend(self.directory_of(k)?);
        }
        Ok(entries)
    }

    fn directory_of(&self, kind: DirectoryKind) -> StoreResult<Vec<DirectoryEntry>> {
        let mut stmt = self.conn().prepare_cached(&entries_sql(kind))?;
        let rows = stmt.query_map([], |r| {
            let trained = [
                (Training::Conference, "trained_conference"),
                (Training::Mediation, "trained_mediation"),
                (Training::Shuttle, "trained_shuttle"),
            ];
            let mut trained_in = Vec::new();
            for (training, column) in trained {
                if r.get::<_, bool>(column)? {
                    trained_in.push(training);
                }
            }
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
                courses: r.get("courses")?,
                referral_method: r.get("referral_method")?,
                cost_pence: r.get("cost_pence")?,
                trained_in,
                vetting_expires: r.get("vetting_expires")?,
                availability: r.get("availability")?,
                address: r.get("address")?,
                booking_contact: r.get("booking_contact")?,
                agency_kind: r.get("agency_kind")?,
                rooms: Vec::new(),
            })
        })?;
        let mut entries: Vec<DirectoryEntry> = rows.collect::<Result<_, _>>()?;
        if kind == DirectoryKind::Venue {
            for venue in &mut entries {
                venue.rooms = self.rooms_of(venue.id)?;
            }
        }
        Ok(entries)
    }

    /// A venue's rooms, by name.
    pub fn rooms_of(&self, venue_id: i64) -> StoreResult<Vec<Room>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, name, capacity, accessibility, refreshments FROM venue_room
              WHERE venue_id = ?1 AND active = 1 ORDER BY name COLLATE NOCASE, id",
        )?;
        let rows = stmt.query_map(params![venue_id], |r| {
            Ok(Room {
                id: r.get("id")?,
                name: r.get("name")?,
                capacity: r.get("capacity")?,
                accessibility: r.get("accessibility")?,
                refreshments: r.get("refreshments")?,
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
    /// retired one still holding open cases, by name. Read from the counts
    /// the triggers of migration 0037 keep, not by counting the cases.
    pub fn caseloads(&self) -> StoreResult<Vec<Caseload>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT k.id, k.name, k.active, k.max_caseload, q.service, q.status, q.n
               FROM coordinator k LEFT JOIN caseload_count q ON q.coordinator_id = k.id
              WHERE k.active = 1 OR q.n IS NOT NULL
              ORDER BY k.name COLLATE NOCASE, k.id, q.service, q.status",
        )?;
        let mut rows = stmt.query([])?;
        let mut loads: Vec<Caseload> = Vec::new();
        while let Some(r) = rows.next()? {
            let id: i64 = r.get("id")?;
            if loads.last().is_none_or(|l| l.coordinator_id != id) {
                loads.push(Caseload {
                    coordinator_id: id,
                    name: r.get("name")?,
                    active: r.get("active")?,
                    max_caseload: r.get("max_caseload")?,
                    by_status: Vec::new(),
                });
            }
            if let Some(n) = r.get::<_, Option<u32>>("n")? {
                let load = loads.last_mut().expect("pushed above");
                merge_status(&mut load.by_status, case_status(r, "service", "status")?, n);
            }
        }
        Ok(loads)
    }
}

/// Every kind's entries are read with the same columns, those the kind does
/// not keep as NULL (or 0).
fn entries_sql(kind: DirectoryKind) -> String {
    let (table, own) = match kind {
        DirectoryKind::Coordinator => (
            "coordinator",
            "k.team, k.max_caseload,
             (SELECT COALESCE(SUM(q.n), 0) FROM caseload_count q WHERE q.coordinator_id = k.id) AS open_cases"
                .to_string(),
        ),
        DirectoryKind::Facilitator => (
            "facilitator",
            "k.trained_conference, k.trained_mediation, k.trained_shuttle, k.vetting_expires, k.availability"
                .to_string(),
        ),
        DirectoryKind::Provider => ("provider", "k.courses, k.referral_method, k.cost_pence".to_string()),
        DirectoryKind::Venue => ("venue", "k.address, k.booking_contact".to_string()),
        DirectoryKind::Agency => ("agency", "k.team, k.kind AS agency_kind".to_string()),
    };
    let all = [
        "team",
        "max_caseload",
        "open_cases",
        "trained_conference",
        "trained_mediation",
        "trained_shuttle",
        "vetting_expires",
        "availability",
        "courses",
        "referral_method",
        "cost_pence",
        "address",
        "booking_contact",
        "agency_kind",
    ];
    let absent: Vec<String> =
        all.iter()
            .filter(|c| !own.contains(&format!("k.{c}")) && !own.contains(&format!("AS {c}")))
            .map(|c| {
                if c.starts_with("trained_") || *c == "open_cases" {
                    format!("0 AS {c}")
                } else {
                    format!("NULL AS {c}")
                }
            })
            .collect();
    format!(
        "SELECT k.id, k.name, k.email, k.phone, k.notes, k.active, {own}, {} FROM {table} k
          ORDER BY k.name COLLATE NOCASE, k.id",
        absent.join(", ")
    )
}

/// Restorative justice and mediation share one status machine: a status
/// counted under each service is one line of the caseload.
fn merge_status(merged: &mut Vec<(CaseStatus, u32)>, status: CaseStatus, n: u32) {
    match merged.iter_mut().find(|(s, _)| *s == status) {
        Some((_, total)) => *total += n,
        None => merged.push((status, n)),
    }
}
