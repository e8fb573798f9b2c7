//! Whose cases a list shows (issue 14 §2): Deadlines and Today filter by
//! coordinator in their own SQL, each arm adding the one condition on its
//! case (`c`) that this writes; and the coordinator of each case a page
//! shows, read for that page's cases alone.

use std::collections::HashMap;

use rusqlite::params_from_iter;

use crate::domain::directory::DirectoryKind;
use crate::store::{Store, StoreResult};

/// Which coordinator's cases are listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CoordinatorFilter {
    /// Everyone's, and the cases nobody holds yet.
    #[default]
    All,
    /// The cases no coordinator holds yet.
    Unallocated,
    /// The cases this coordinator holds.
    Only(i64),
}

impl CoordinatorFilter {
    /// The condition on the case aliased `c`, and the id to bind after it
    /// (when there is one): `None` when every case is wanted.
    pub(crate) fn condition(self) -> Option<(&'static str, Option<i64>)> {
        match self {
            CoordinatorFilter::All => None,
            CoordinatorFilter::Unallocated => Some(("c.coordinator_id IS NULL", None)),
            CoordinatorFilter::Only(id) => Some(("c.coordinator_id = ", Some(id))),
        }
    }
}

/// A coordinator offered as a filter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilterCoordinator {
    pub id: i64,
    pub name: String,
    pub active: bool,
}

impl Store {
    /// The coordinators a list may be filtered by: every active one, and a
    /// retired one still holding open cases, by name.
    pub fn filter_coordinators(&self) -> StoreResult<Vec<FilterCoordinator>> {
        let held = self.directory(Some(DirectoryKind::Coordinator))?;
        Ok(held
            .into_iter()
            .filter(|e| e.active || e.open_cases > 0)
            .map(|e| FilterCoordinator { id: e.id, name: e.name, active: e.active })
            .collect())
    }

    /// The coordinator's name of each of these cases that has one: what a
    /// list shows beside a page of rows, read for that page only.
    pub fn coordinators_of(&self, case_ids: &[i64]) -> StoreResult<HashMap<i64, String>> {
        let mut wanted: Vec<i64> = case_ids.iter().copied().filter(|id| *id > 0).collect();
        wanted.sort_unstable();
        wanted.dedup();
        if wanted.is_empty() {
            return Ok(HashMap::new());
        }
        let list = wanted.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
        let mut stmt = self.conn().prepare_cached(
            "SELECT c.id, k.name FROM case_file c JOIN coordinator k ON k.id = c.coordinator_id
              WHERE c.id IN (SELECT value FROM json_each(?1))",
        )?;
        let rows = stmt.query_map(params_from_iter([format!("[{list}]")]), |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::CoordinatorFilter;

    #[test]
    fn every_case_is_wanted_without_a_condition() {
        assert_eq!(CoordinatorFilter::All.condition(), None);
        assert_eq!(CoordinatorFilter::Unallocated.condition(), Some(("c.coordinator_id IS NULL", None)));
        assert_eq!(CoordinatorFilter::Only(4).condition(), Some(("c.coordinator_id = ", Some(4))));
    }
}
