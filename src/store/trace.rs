//! The statements a command runs, as the `sqlite3` shell can replay them:
//! `casedesk sql today` feeds benches/compare.sh, so the shell is timed on
//! exactly the queries casedesk ran, parameters filled in by SQLite itself.

use std::cell::RefCell;

use super::{Day, Store, StoreResult};

/// Which command's reads a script holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueriesOf {
    /// `casedesk today`: the first `first_items` of each section.
    Today { first_items: usize },
    /// `casedesk today --all`
    TodayAll,
    /// `casedesk summary` (any format: they share one gathering)
    Summary,
    /// `casedesk caseload` (any format)
    Caseload,
}

/// The queries that command runs on this desk for `today`, as a script for
/// the sqlite3 shell.
pub fn queries_script(mut store: Store, today: chrono::NaiveDate, of: QueriesOf) -> StoreResult<String> {
    let statements = store.queries_of(|s| {
        let (calendar, rules) = (s.calendar()?, s.rules()?);
        let day = Day::new(today, &calendar, &rules);
        match of {
            QueriesOf::Today { first_items } => s.today_sections(&day, Some(first_items)).map(drop),
            QueriesOf::TodayAll => s.today_sections(&day, None).map(drop),
            QueriesOf::Summary => s.summary(&day).map(drop),
            QueriesOf::Caseload => s.caseloads().map(drop),
        }
    })?;
    let name = match of {
        QueriesOf::Today { .. } => "today",
        QueriesOf::TodayAll => "today --all",
        QueriesOf::Summary => "summary",
        QueriesOf::Caseload => "caseload",
    };
    Ok(script(&format!("casedesk {name} for {today}"), &statements))
}

thread_local! {
    /// Statements seen on this thread while a recording is on. SQLite calls
    /// the trace hook on the thread that runs the statement, so recordings
    /// on different threads (parallel tests) never mix.
    static SEEN: RefCell<Option<Vec<String>>> = const { RefCell::new(None) };
}

fn record(sql: &str) {
    SEEN.with(|seen| {
        if let Some(all) = seen.borrow_mut().as_mut() {
            all.push(sql.trim().to_string());
        }
    });
}

impl Store {
    /// Run `work` and return every query (SELECT or WITH) it ran, in order
    /// and as often as it ran each, with bound values written in.
    pub fn queries_of<T>(&mut self, work: impl FnOnce(&Store) -> StoreResult<T>) -> StoreResult<Vec<String>> {
        SEEN.with(|seen| *seen.borrow_mut() = Some(Vec::new()));
        self.trace_sql(Some(record));
        let result = work(self);
        self.trace_sql(None);
        let seen = SEEN.with(|seen| seen.borrow_mut().take()).unwrap_or_default();
        result?;
        Ok(seen.into_iter().filter(|sql| is_query(sql)).collect())
    }
}

fn is_query(sql: &str) -> bool {
    let head: String = sql.chars().take(6).collect::<String>().to_ascii_uppercase();
    head.starts_with("SELECT") || head.starts_with("WITH")
}

/// The statements as a script for `sqlite3 FILE '.read SCRIPT'`.
pub fn script(heading: &str, statements: &[String]) -> String {
    let mut out = format!("-- {heading}: the {} queries it runs, in order\n", statements.len());
    for sql in statements {
        out.push_str(sql.trim_end_matches(';'));
        out.push_str(";\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_recording_holds_the_queries_with_their_values_and_nothing_else() {
        let mut store = Store::open_in_memory().unwrap();
        let seen = store
            .queries_of(|s| {
                s.case_by_ref("RJ-2026-0001")?;
                s.case_count()
            })
            .unwrap();
        assert_eq!(seen.len(), 2, "{seen:?}");
        assert!(seen[0].contains("WHERE ref = 'RJ-2026-0001'"), "{}", seen[0]);
        assert_eq!(seen[1], "SELECT COUNT(*) FROM case_file");
        // Recording stops with the work: later queries are not kept anywhere.
        store.case_count().unwrap();
        assert!(SEEN.with(|s| s.borrow().is_none()));
    }

    #[test]
    fn the_script_ends_every_statement_once() {
        let text = script("casedesk today", &["SELECT 1".into(), "SELECT 2;".into()]);
        assert_eq!(text, "-- casedesk today: the 2 queries it runs, in order\nSELECT 1;\nSELECT 2;\n");
    }
}
