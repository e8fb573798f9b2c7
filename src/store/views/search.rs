//! Search across every case: references, crime references, offence text,
//! notes and people's names, through the FTS5 index the triggers keep.

use rusqlite::params;
use serde::Serialize;

use crate::domain::case_status::CaseStatus;
use crate::store::sql_types::case_status;
use crate::store::{Store, StoreResult};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SearchHit {
    pub case_id: i64,
    pub reference: String,
    pub status: CaseStatus,
    /// What matched or, failing that, the offence: one line.
    pub summary: String,
}

/// Turn what was typed into an FTS5 query of prefix terms, so "smi CR/01"
/// finds "Smith" and "CR/012345/26"; quotes keep punctuation literal.
fn fts_query(text: &str) -> Option<String> {
    let terms: Vec<String> = text
        .split_whitespace()
        .map(|t| t.replace('"', ""))
        .filter(|t| !t.is_empty())
        .map(|t| format!("\"{t}\" *"))
        .collect();
    (!terms.is_empty()).then(|| terms.join(" "))
}

impl Store {
    /// Cases matching every word typed, newest first, at most `limit`.
    /// A case found by a person is shown by the person as written: their
    /// index row also holds the name folded to ASCII and the phone as
    /// digits, and its snippet read "Jack Nowak Jack Nowak 07700 900299
    /// 07700900299 jack…".
    ///
    /// Only the newest 500 index rows that match are looked at (rowids grow
    /// with the record), so a common name costs the same as a rare one. The
    /// CROSS JOIN keeps SQLite from walking every case to meet the hits.
    pub fn search(&self, text: &str, limit: usize) -> StoreResult<Vec<SearchHit>> {
        let Some(query) = fts_query(text) else { return Ok(Vec::new()) };
        let mut stmt = self.conn().prepare_cached(
            "WITH hits AS (
                 SELECT rowid AS r, snippet(search_index, 0, '', '', '…', 8) AS snip
                 FROM search_index WHERE search_index MATCH ?1 ORDER BY rowid DESC LIMIT 500
             ), cases AS (
                 SELECT r / 2 AS case_id, snip FROM hits WHERE r % 2 = 0
                 UNION ALL
                 SELECT cp.case_id, p.given_names || ' ' || p.family_name || coalesce(' · ' || p.phone, '')
                     || coalesce(' · ' || p.email, '')
                 FROM hits h JOIN case_party cp ON cp.person_id = (h.r - 1) / 2 JOIN person p ON p.id = cp.person_id
                 WHERE h.r % 2 = 1
             )
             SELECT c.id, c.ref, c.service, c.status, MIN(cases.snip) AS summary
             FROM cases CROSS JOIN case_file c ON c.id = cases.case_id
             GROUP BY c.id ORDER BY c.received_on DESC, c.id DESC LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![query, limit as i64], |r| {
            Ok(SearchHit {
                case_id: r.get("id")?,
                reference: r.get("ref")?,
                status: case_status(r, "service", "status")?,
                summary: r.get("summary")?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

impl Store {
    /// The ids of the cases `search` finds, in no order: what a filter by
    /// words needs. The snippets and the order by date are left out, which
    /// is most of a search's time, except when more cases match than
    /// `limit`: then which cases are kept depends on that order.
    pub fn search_case_ids(&self, text: &str, limit: usize) -> StoreResult<Vec<i64>> {
        let Some(query) = fts_query(text) else { return Ok(Vec::new()) };
        let mut stmt = self.conn().prepare_cached(
            "WITH hits AS (
                 SELECT rowid AS r FROM search_index WHERE search_index MATCH ?1 ORDER BY rowid DESC LIMIT 500
             )
             SELECT r / 2 FROM hits WHERE r % 2 = 0
             UNION
             SELECT cp.case_id FROM hits h JOIN case_party cp ON cp.person_id = (h.r - 1) / 2 WHERE h.r % 2 = 1",
        )?;
        let ids = stmt.query_map(params![query], |r| r.get(0))?.collect::<Result<Vec<i64>, _>>()?;
        if ids.len() <= limit {
            return Ok(ids);
        }
        Ok(self.search(text, limit)?.into_iter().map(|hit| hit.case_id).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ids_alone_are_the_cases_a_search_finds() {
        let mut store = Store::open_in_memory().unwrap();
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        crate::demo::generate(&mut store, &crate::demo::DemoOptions { cases: 200, seed: 7, today }).unwrap();
        let sorted = |mut ids: Vec<i64>| {
            ids.sort_unstable();
            ids
        };
        for (text, limit) in [("a", 500), ("a", 5), ("OOCD", 500), ("zzzz", 500), ("", 500)] {
            let found = sorted(store.search(text, limit).unwrap().into_iter().map(|h| h.case_id).collect());
            let ids = sorted(store.search_case_ids(text, limit).unwrap());
            assert_eq!(ids, found, "{text:?} limited to {limit}");
        }
        assert!(store.search_case_ids("a", 500).unwrap().len() > 5, "the demo has names with an a");
    }

    #[test]
    fn a_person_found_is_shown_as_written_once() {
        let mut store = Store::open_in_memory().unwrap();
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        crate::demo::generate(&mut store, &crate::demo::DemoOptions { cases: 200, seed: 7, today }).unwrap();
        let hits = store.search("nowak", 50).unwrap();
        assert!(!hits.is_empty(), "the demo has a Nowak");
        for hit in hits {
            assert_eq!(hit.summary.matches("Nowak").count(), 1, "{}", hit.summary);
            assert!(hit.summary.contains(" · 07700 "), "the phone as written: {}", hit.summary);
            assert!(!hit.summary.contains("07700900"), "the phone's digits are the index's: {}", hit.summary);
        }
    }

    #[test]
    fn typed_words_become_quoted_prefix_terms() {
        assert_eq!(fts_query("smi CR/01").as_deref(), Some("\"smi\" * \"CR/01\" *"));
        assert_eq!(fts_query("  "), None);
        assert_eq!(fts_query("\"\"").as_deref(), None);
    }
}
