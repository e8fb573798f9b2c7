//! What `casedesk find` prints of each case the search finds: enough to
//! pick the case out, no names (the parties by their initials only).

use rusqlite::params;

use crate::domain::case_status::CaseStatus;
use crate::domain::types::Service;
use crate::store::sql_types::case_status;
use crate::store::{Store, StoreResult};

/// One case found, as the shell shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundCase {
    pub case_id: i64,
    pub reference: String,
    pub service: Service,
    pub status: CaseStatus,
    /// The responsible and harmed parties' initials, e.g. "J.S.".
    pub initials: Vec<String>,
}

impl Store {
    /// The cases `search` finds for `text`, newest first, at most `limit`.
    pub fn find_cases(&self, text: &str, limit: usize) -> StoreResult<Vec<FoundCase>> {
        let hits = self.search(text, limit)?;
        hits.into_iter().map(|hit| self.found_case(hit.case_id)).collect()
    }

    fn found_case(&self, case_id: i64) -> StoreResult<FoundCase> {
        let (reference, service, status) = self
            .conn()
            .prepare_cached("SELECT ref, service, status FROM case_file WHERE id = ?1")?
            .query_row(params![case_id], |r| {
                Ok((r.get("ref")?, r.get("service")?, case_status(r, "service", "status")?))
            })?;
        let mut stmt = self.conn().prepare_cached(
            "SELECT p.given_names, p.family_name FROM case_party cp JOIN person p ON p.id = cp.person_id
             WHERE cp.case_id = ?1 AND cp.role IN ('offender', 'harmed') ORDER BY cp.role DESC, cp.id",
        )?;
        let initials = stmt
            .query_map(params![case_id], |r| Ok(initials_of(&r.get::<_, String>(0)?, &r.get::<_, String>(1)?)))?
            .collect::<Result<_, _>>()?;
        Ok(FoundCase { case_id, reference, service, status, initials })
    }
}

/// "Mary Jane" "O'Brien" → "M.J.O.": each name's first letter, upper case.
pub(crate) fn initials_of(given_names: &str, family_name: &str) -> String {
    given_names
        .split_whitespace()
        .chain(family_name.split_whitespace())
        .filter_map(|word| word.chars().find(|c| c.is_alphabetic()))
        .flat_map(|c| c.to_uppercase().chain(std::iter::once('.')))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::initials_of;

    #[test]
    fn initials_take_each_name_and_skip_punctuation() {
        assert_eq!(initials_of("Mary Jane", "O'Brien"), "M.J.O.");
        assert_eq!(initials_of("zoë", "Nowak-Smith"), "Z.N.");
        assert_eq!(initials_of("", ""), "");
    }
}
