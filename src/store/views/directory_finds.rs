//! Finding in the directory: entries of every kind by name, spelt as a
//! person types it ("zoe" finds Zoë), and the facilitators whose vetting
//! needs renewing, read from their index alone for Today.

use chrono::NaiveDate;
use rusqlite::params;

use super::directory::DirectoryEntry;
use crate::domain::directory::{vetting_horizon, DirectoryKind};
use crate::domain::rules::Rules;
use crate::domain::spelling::fold;
use crate::store::{Store, StoreResult};

/// A facilitator whose vetting has run out or runs out within the month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VettingDue {
    pub id: i64,
    pub name: String,
    pub expires: NaiveDate,
}

impl VettingDue {
    /// Run out already, rather than running out soon.
    pub fn lapsed(&self, today: NaiveDate) -> bool {
        self.expires < today
    }
}

impl Store {
    /// The entries of `kind` (every kind when none) whose name holds each
    /// word of `query`, folded as names are ("o'neil", "ONeil" and "Ó Néil"
    /// are one spelling); every entry when the query is blank.
    pub fn directory_search(&self, query: &str, kind: Option<DirectoryKind>) -> StoreResult<Vec<DirectoryEntry>> {
        let words: Vec<String> = fold(query).split_whitespace().map(str::to_string).collect();
        let mut entries = self.directory(kind)?;
        entries.retain(|e| {
            let name = fold(&e.name);
            words.iter().all(|w| name.contains(w.as_str()))
        });
        Ok(entries)
    }

    /// Active facilitators whose vetting has run out or runs out within
    /// the days of its rule (`VETTING_WARNING_DAYS`) of `today`, soonest first.
    pub fn vettings_due(&self, today: NaiveDate, rules: &Rules) -> StoreResult<Vec<VettingDue>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, name, vetting_expires FROM facilitator INDEXED BY facilitator_vetting
              WHERE active = 1 AND vetting_expires IS NOT NULL AND vetting_expires <= ?1
              ORDER BY vetting_expires, id",
        )?;
        let rows = stmt.query_map(params![vetting_horizon(today, rules).to_string()], |r| {
            Ok(VettingDue { id: r.get("id")?, name: r.get("name")?, expires: r.get("vetting_expires")? })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
