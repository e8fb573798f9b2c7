//! Every query behind the screens and the summary is served by an index: a
//! plain scan of a table that grows with the caseload fails this test, so
//! dropping an index the desk needs is caught here rather than by a user
//! waiting on a slow screen at 100,000 cases.

mod common;

use std::collections::BTreeSet;
use std::sync::Mutex;

use casedesk::demo::{generate, DemoOptions};
use casedesk::store::{Day, Store};
use casedesk::tui::action::Action;
use casedesk::tui::app::App;
use casedesk::tui::keymap::Keymap;
use casedesk::tui::screens::ScreenId;
use casedesk::tui::theme::MONOCHROME;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

static STATEMENTS: Mutex<Vec<String>> = Mutex::new(Vec::new());

fn record(sql: &str) {
    if let Ok(mut all) = STATEMENTS.lock() {
        all.push(sql.to_string());
    }
}

/// Tables that grow with the caseload. The audit log is among them: only
/// `check` walks all of it, and it is not traced here.
const LARGE: &[&str] = &[
    "audit_log",
    "case_file",
    "person",
    "case_party",
    "condition",
    "compliance_event",
    "breach",
    "decision",
    "checklist_answer",
    "rj_process",
    "outcome_agreement",
    "agreement_item",
    "contact_log",
    "retention",
    "letter",
    "oocd_disposal",
];

/// A plan step that reads the whole of a large table (a SCAN rather than a
/// SEARCH on a key or range). Four scans are allowed: counts served by a
/// covering index and an ordered walk of an index that stops at a LIMIT (the
/// first page of a keyset-paginated list), as the issue asks; the newest
/// rows by id up to a LIMIT (the audit chain's recent rows); and a walk of
/// one of the partial indexes in `WALKED_WHOLE`.
fn full_scan_in(sql: &str, step: &str) -> Option<&'static str> {
    let rest = step.strip_prefix("SCAN ")?;
    let mut words = rest.split_whitespace();
    let table = table_named(sql, words.next()?);
    let index = words.skip_while(|w| *w != "INDEX").nth(1).unwrap_or("");
    let upper = sql.to_ascii_uppercase();
    let counted_from_index = rest.contains("USING COVERING INDEX") && upper.contains("COUNT(");
    let first_page = rest.contains(" INDEX ") && upper.contains("LIMIT");
    let newest_rows = !rest.contains("INDEX") && upper.contains("ORDER BY ID DESC LIMIT");
    let walked_whole = WALKED_WHOLE.iter().any(|(name, _)| *name == index);
    if counted_from_index || first_page || newest_rows || walked_whole {
        return None;
    }
    LARGE.iter().find(|t| **t == table).copied()
}

/// Partial indexes that hold exactly a list the desk shows whole, so
/// walking one reads that list and nothing else. Each is named here on
/// purpose: a walk of any other partial index (say, open conditions by
/// provider, when the due-date index is gone) still counts as a scan.
const WALKED_WHOLE: &[(&str, &str)] = &[
    ("case_file_new_referrals", "referrals awaiting their sense-check: Today lists them all, oldest first"),
    ("breach_pending", "breaches awaiting a decision: the summary lists them all"),
    ("outcome_agreement_uninformed", "agreements whose harmed party is not yet told the result"),
];

/// The table a plan step names: SQLite calls a table by its alias
/// (`SCAN c` for `FROM case_file c`), so the alias is looked up in `sql`.
fn table_named<'a>(sql: &'a str, name: &'a str) -> &'a str {
    const NOT_ALIAS: &[&str] =
        &["ON", "WHERE", "JOIN", "LEFT", "CROSS", "INNER", "INDEXED", "NOT", "ORDER", "GROUP", "LIMIT", "USING", "AS"];
    let words: Vec<&str> = sql.split(|c: char| c.is_whitespace() || c == '(' || c == ')' || c == ',').collect();
    let words: Vec<&str> = words.into_iter().filter(|w| !w.is_empty()).collect();
    for at in 0..words.len() {
        let after_from = at > 0 && ["FROM", "JOIN"].contains(&words[at - 1].to_ascii_uppercase().as_str());
        if !after_from {
            continue;
        }
        let alias = match words.get(at + 1) {
            Some(w) if w.eq_ignore_ascii_case("AS") => words.get(at + 2).copied(),
            Some(w) if !NOT_ALIAS.contains(&w.to_ascii_uppercase().as_str()) => Some(*w),
            _ => None,
        };
        if alias == Some(name) {
            return words[at];
        }
    }
    name
}

fn full_scan(step: &str) -> Option<&'static str> {
    full_scan_in("", step)
}

fn drive_every_screen(app: &mut App) {
    for screen in ScreenId::ALL {
        app.apply(screen.action());
        for action in [Action::Down, Action::PageDown, Action::Open, Action::Back, Action::Filter, Action::ToggleView] {
            app.apply(action);
            // A prompt opened by Open is closed again by Back's key.
            app.overlay = None;
        }
        common::screen(app, 100, 30);
    }
}

#[test]
fn every_screen_and_summary_query_uses_an_index() {
    let mut store = Store::open_in_memory().unwrap();
    generate(&mut store, &DemoOptions { cases: 150, seed: 5, today: common::today() }).unwrap();
    store.trace_sql(Some(record));
    let mut app = App::new(store, common::today(), Keymap::default(), MONOCHROME).unwrap();
    drive_every_screen(&mut app);
    app.store.search("Okafor", 50).unwrap();
    // Deadlines by words: the cases found drive the list.
    app.apply(ScreenId::Deadlines.action());
    for _ in 0..3 {
        app.apply(Action::Filter);
    }
    common::type_text(&mut app, "Okafor");
    app.handle_key(common::key(crossterm::event::KeyCode::Enter));
    assert!(app.overlay.is_none(), "the words filter was applied");
    let (calendar, rules) = (app.store.calendar().unwrap(), app.store.rules().unwrap());
    app.store.summary(&Day::new(common::today(), &calendar, &rules)).unwrap();
    app.store.trace_sql(None);

    let statements: BTreeSet<String> = STATEMENTS
        .lock()
        .unwrap()
        .iter()
        .map(|s| s.trim().to_string())
        .filter(|s| {
            let head = s.to_ascii_uppercase();
            head.starts_with("SELECT") || head.starts_with("WITH")
        })
        .collect();
    assert!(statements.len() > 20, "only {} queries were seen", statements.len());
    let mut faults = Vec::new();
    for sql in &statements {
        for step in app.store.query_plan(sql).unwrap() {
            if let Some(table) = full_scan_in(sql, &step) {
                faults.push(format!("{table}: {step}\n    in: {}", sql.replace('\n', " ")));
            }
        }
    }
    assert!(faults.is_empty(), "queries that scan a whole large table:\n{}", faults.join("\n"));
}

const OPEN_DUE: &str = "SELECT id FROM condition
    WHERE status IN ('active', 'referred', 'booked', 'in_progress', 'varied') AND due_on <= '2026-11-20'";

#[test]
fn the_check_itself_notices_a_dropped_index() {
    let dir = tempfile::TempDir::new().unwrap();
    let path = dir.path().join("desk.db");
    let store = Store::open(&path, casedesk::store::OpenMode::CreateIfMissing).unwrap();
    let plan = store.query_plan(OPEN_DUE).unwrap();
    assert!(plan.iter().all(|s| full_scan(s).is_none()), "{plan:?}");
    drop(store);
    rusqlite::Connection::open(&path).unwrap().execute_batch("DROP INDEX condition_open_due").unwrap();
    let store = Store::open(&path, casedesk::store::OpenMode::MustExist).unwrap();
    let plan = store.query_plan(OPEN_DUE).unwrap();
    assert!(plan.iter().any(|s| full_scan(s) == Some("condition")), "{plan:?}");
}

/// A page of Deadlines walks a due-date index in order and stops at its
/// LIMIT. A sort step would mean reading every row of the range (on a busy
/// due date, thousands) before the first is shown. Reading on from a key
/// walks the rest of the key's date and the dates beyond it, merged: each
/// part starts where its rows begin.
#[test]
fn deadline_pages_are_read_in_index_order_without_a_sort() {
    let mut store = Store::open_in_memory().unwrap();
    generate(&mut store, &DemoOptions { cases: 400, seed: 5, today: common::today() }).unwrap();
    store.trace_sql(Some(record_deadline));
    let mut app = App::new(store, common::today(), Keymap::default(), MONOCHROME).unwrap();
    app.apply(ScreenId::Deadlines.action());
    // Down past the first page reads the next from a key, and up from the
    // bottom the one before; then the filters, a provider's included.
    let walk = std::iter::repeat_n(Action::Down, 120)
        .chain([Action::Bottom])
        .chain(std::iter::repeat_n(Action::Up, 120))
        .chain([Action::Top, Action::Filter, Action::Filter, Action::FilterService, Action::FilterProvider]);
    for action in walk {
        app.apply(action);
    }
    // The provider is picked from a list: the first one.
    app.handle_key(KeyEvent::new(KeyCode::Right, KeyModifiers::NONE));
    app.handle_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    app.store.trace_sql(None);

    let pages: BTreeSet<String> = DEADLINE_STATEMENTS.lock().unwrap().iter().cloned().collect();
    assert!(pages.len() >= 3, "only {} deadline page queries were seen", pages.len());
    let from_a_key = pages.iter().filter(|sql| sql.contains("UNION ALL")).count();
    assert!(from_a_key >= 2, "only {from_a_key} reads from a key were seen");
    assert!(pages.iter().any(|sql| sql.contains("k.provider_id =")), "no read by provider was seen");
    // Meetings' open actions (issue 14 §6) walk their own due-date index.
    let actions: Vec<&String> = pages.iter().filter(|sql| sql.contains("FROM meeting_action m")).collect();
    assert!(actions.iter().filter(|sql| sql.contains("UNION ALL")).count() >= 2, "no action read from a key");
    for sql in actions {
        let plan = app.store.query_plan(sql).unwrap();
        assert!(plan.iter().any(|s| s.contains("meeting_action_open_due")), "{plan:#?}\n{sql}");
        assert!(!plan.iter().any(|s| s.starts_with("SCAN mt")), "{plan:#?}\n{sql}");
    }
    for sql in &pages {
        let plan = app.store.query_plan(sql).unwrap();
        assert!(!plan.iter().any(|s| s.contains("TEMP B-TREE")), "a sort in a page read:\n{plan:#?}\n{sql}");
        // No walk through a whole due date: the part on the key's own date
        // seeks to the key (due date and id), the rest starts past the date.
        if sql.contains("UNION ALL") {
            assert!(
                plan.iter().any(|s| s.contains("(due_on=? AND id>?)") || s.contains("(due_on=? AND id<?)")),
                "{plan:#?}"
            );
        }
    }
}

static DEADLINE_STATEMENTS: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// The keyset page reads of the due-date walk (not those driven by named
/// cases, whose few rows are rightly sorted).
fn record_deadline(sql: &str) {
    let flat = sql.split_whitespace().collect::<Vec<_>>().join(" ");
    let walks_items = flat.contains("FROM condition k CROSS JOIN")
        || flat.contains("FROM agreement_item i CROSS JOIN")
        || flat.contains("FROM meeting_action m INDEXED BY");
    if walks_items && flat.contains("ORDER BY") && flat.contains("LIMIT") {
        if let Ok(mut all) = DEADLINE_STATEMENTS.lock() {
            all.push(sql.trim().to_string());
        }
    }
}

#[test]
fn a_scan_is_seen_through_the_table_alias() {
    let sql = "SELECT c.ref FROM case_file c CROSS JOIN condition AS k ON k.case_id = c.id WHERE c.status = 'x'";
    assert_eq!(full_scan_in(sql, "SCAN c"), Some("case_file"));
    assert_eq!(full_scan_in(sql, "SCAN k"), Some("condition"));
    assert_eq!(full_scan_in(sql, "SEARCH c USING INDEX case_file_status (status=?)"), None);
    assert_eq!(full_scan_in("SELECT 1 FROM provider p", "SCAN p"), None, "provider is a small table");
}

/// Today's queries read index pages only: every step on a large table is a
/// covering index, so no wide row (a case with its notes, a condition with
/// its evidence) is fetched. At 100,000 cases that is about 1,000 pages read
/// for the whole list instead of about 20,000.
#[test]
fn the_today_list_reads_only_covering_indexes() {
    let mut store = Store::open_in_memory().unwrap();
    generate(&mut store, &DemoOptions { cases: 150, seed: 5, today: common::today() }).unwrap();
    let queries = store
        .queries_of(|s| {
            let (calendar, rules) = (s.calendar()?, s.rules()?);
            s.today_items(&Day::new(common::today(), &calendar, &rules))
        })
        .unwrap();
    assert!(queries.len() >= 9, "{queries:#?}");
    let faults = rows_read(&store, queries.iter());
    assert!(faults.is_empty(), "Today steps that read table rows:\n{}", faults.join("\n"));
}

/// The indexes the Today list names with INDEXED BY must exist, or the
/// list fails loudly instead of quietly reading whole tables.
#[test]
fn a_dropped_covering_index_stops_the_today_list_rather_than_slowing_it() {
    let dir = tempfile::TempDir::new().unwrap();
    let path = dir.path().join("desk.db");
    drop(Store::open(&path, casedesk::store::OpenMode::CreateIfMissing).unwrap());
    rusqlite::Connection::open(&path).unwrap().execute_batch("DROP INDEX case_file_live").unwrap();
    let store = Store::open(&path, casedesk::store::OpenMode::ToRead).unwrap();
    let (calendar, rules) = (store.calendar().unwrap(), store.rules().unwrap());
    let err = store.today_items(&Day::new(common::today(), &calendar, &rules)).unwrap_err();
    assert!(err.to_string().contains("case_file_live"), "{err}");
}

/// A page of either Agreements list is read arm by arm, each walking its
/// index in the list's order and stopping at its LIMIT: no sort step, and
/// every arm is seen.
#[test]
fn agreements_pages_are_read_in_index_order_without_a_sort() {
    let mut store = Store::open_in_memory().unwrap();
    generate(&mut store, &DemoOptions { cases: 150, seed: 5, today: common::today() }).unwrap();
    store.trace_sql(Some(record_agreements));
    let mut app = App::new(store, common::today(), Keymap::default(), MONOCHROME).unwrap();
    app.apply(ScreenId::Agreements.action());
    for action in [Action::PageDown, Action::Bottom, Action::Top, Action::ToggleView, Action::Bottom, Action::Top] {
        app.apply(action);
    }
    app.store.trace_sql(None);

    let pages: BTreeSet<String> = AGREEMENTS_STATEMENTS.lock().unwrap().iter().cloned().collect();
    for index in
        ["rj_process_to_hold", "case_file_to_arrange", "rj_process_agreement_awaited", "outcome_agreement_open_case"]
    {
        assert!(pages.iter().any(|sql| sql.contains(index)), "no page read walks {index}");
    }
    for sql in &pages {
        let plan = app.store.query_plan(sql).unwrap();
        assert!(!plan.iter().any(|s| s.contains("TEMP B-TREE")), "a sort in a page read:\n{plan:#?}\n{sql}");
    }
}

static AGREEMENTS_STATEMENTS: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// The ordered reads of an index named for the walk (INDEXED BY).
fn record_agreements(sql: &str) {
    if sql.contains("INDEXED BY") && sql.contains("ORDER BY") && sql.contains("LIMIT") {
        if let Ok(mut all) = AGREEMENTS_STATEMENTS.lock() {
            all.push(sql.trim().to_string());
        }
    }
}

static TODAY_STATEMENTS: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// The indexes the Today list's sections walk, each named with INDEXED BY.
const TODAY_WALKS: &[&str] = &[
    "case_file_new_referrals",
    "case_file_status",
    "condition_open_due",
    "agreement_item_open_due",
    "contact_log_follow_up",
    "rj_process_scheduled",
    "retention_due",
    "oocd_disposal_ready",
    "oocd_disposal_police_record",
    // The timers run out (issue 13 §5); agreement follow-ups walk
    // agreement_item_open_due, above.
    "case_file_first_contact",
    "case_file_awaiting_transfer",
    "breach_pending",
    "case_file_at_risk_progress",
    "outcome_agreement_to_inform",
];

/// What the counts of Today's headings walk: the same, except that open
/// deadlines and follow-ups are counted along the partial indexes of live
/// cases' rows (migration 0007), which need no lookup of each row's case.
const TODAY_COUNTS: &[&str] = &[
    "case_file_new_referrals",
    "case_file_status",
    "condition_live_due",
    "agreement_item_live_due",
    "contact_log_live_follow_up",
    "rj_process_scheduled",
    "retention_due",
    "oocd_disposal_ready",
    "oocd_disposal_police_record",
    "outcome_agreement_to_inform",
];

fn record_today(sql: &str) {
    if TODAY_WALKS.iter().chain(TODAY_COUNTS).any(|index| sql.contains(&format!("INDEXED BY {index}"))) {
        if let Ok(mut all) = TODAY_STATEMENTS.lock() {
            all.push(sql.split_whitespace().collect::<Vec<_>>().join(" "));
        }
    }
}

/// Today reads each section a page at a time (and counts it) by walking
/// that section's covering indexes: every page read, forwards and
/// backwards and from a key in the middle of a day, comes out of an index in
/// the list's order (no sort step), and no step reads a table row.
#[test]
fn today_pages_are_read_in_index_order_from_covering_indexes() {
    let mut store = Store::open_in_memory().unwrap();
    generate(&mut store, &DemoOptions { cases: 300, seed: 5, today: common::today() }).unwrap();
    let mut app = App::new(store, common::today(), Keymap::default(), MONOCHROME).unwrap();
    common::screen(&mut app, 100, 30);
    app.store.trace_sql(Some(record_today));
    app.apply(ScreenId::Intake.action());
    app.apply(ScreenId::Today.action());
    for action in [Action::PageDown; 12] {
        app.apply(action);
    }
    for action in [Action::Bottom, Action::PageUp, Action::PageUp, Action::Up, Action::Top, Action::Down] {
        app.apply(action);
    }
    // A save reads the list again around the selection.
    app.handle_key(common::key(crossterm::event::KeyCode::Char('l')));
    app.handle_key(common::key(crossterm::event::KeyCode::Tab));
    app.handle_key(common::key(crossterm::event::KeyCode::Tab));
    common::type_text(&mut app, "Rang the harmed party");
    app.handle_key(common::ctrl('s'));
    app.store.trace_sql(None);

    let statements: BTreeSet<String> = TODAY_STATEMENTS.lock().unwrap().iter().cloned().collect();
    let pages: Vec<&String> = statements.iter().filter(|s| s.contains("ORDER BY") && s.contains("LIMIT")).collect();
    let counts: Vec<&String> = statements.iter().filter(|s| s.starts_with("SELECT COUNT(*)")).collect();
    for index in TODAY_WALKS {
        assert!(pages.iter().any(|s| s.contains(index)), "no page read walks {index}");
    }
    for index in TODAY_COUNTS {
        assert!(counts.iter().any(|s| s.contains(index)), "no count walks {index}");
    }
    // Disposals ready to finalise, meetings and pending breaches are few:
    // their counts look up each one's case for its status.
    let asks_each = ["rj_process_scheduled", "oocd_disposal_ready", "breach_pending"];
    for count in counts.iter().filter(|c| !asks_each.iter().any(|i| c.contains(i))) {
        assert!(!count.contains(" JOIN "), "a count looks up another table for each row: {count}");
    }
    // Keyset reads both ways: the rest of a key's own day, then the days past it.
    for (what, seen) in [
        ("forwards within a day", pages.iter().any(|s| s.contains(" ASC") && s.contains(".id >"))),
        ("backwards within a day", pages.iter().any(|s| s.contains(" DESC") && s.contains(".id <"))),
        ("backwards from the end", pages.iter().any(|s| s.contains(" DESC") && !s.contains(".id <"))),
    ] {
        assert!(seen, "no page read {what}");
    }
    let mut faults = Vec::new();
    for sql in &statements {
        let plan = app.store.query_plan(sql).unwrap();
        for step in &plan {
            let mut words = step.split_whitespace();
            let (Some(action), Some(name)) = (words.next(), words.next()) else { continue };
            let large = LARGE.contains(&table_named(sql, name));
            let reads_rows = ["SCAN", "SEARCH"].contains(&action) && !step.contains("COVERING INDEX");
            if step.contains("TEMP B-TREE") || (large && reads_rows) || full_scan_in(sql, step).is_some() {
                faults.push(format!("{step}\n    in: {sql}"));
            }
        }
    }
    assert!(faults.is_empty(), "Today reads that sort or read table rows:\n{}", faults.join("\n"));
}

/// A period report counts referrals, completed conditions and decisions per
/// day: each of those reads walks its covering date index in order, so it
/// reads index pages only and groups without a sort. Every other report
/// query reads a covering index too, except where a whole row is needed (a
/// case's received date for a decision, the audit history for a status the
/// case has left since the period ended).
#[test]
fn a_period_report_counts_its_days_from_covering_indexes_without_a_sort() {
    let mut store = Store::open_in_memory().unwrap();
    generate(&mut store, &DemoOptions { cases: 150, seed: 5, today: common::today() }).unwrap();
    let calendar = store.calendar().unwrap();
    let from = common::today() - chrono::Duration::days(364);
    let queries = store.queries_of(|s| casedesk::export::report::gather(s, from, common::today(), &calendar)).unwrap();
    let days: Vec<&String> = queries
        .iter()
        .filter(|sql| {
            sql.contains("GROUP BY received_on, source, service")
                || sql.contains("GROUP BY completed_on")
                || sql.contains("GROUP BY decided_on")
        })
        .collect();
    assert_eq!(days.len(), 3, "{queries:#?}");
    for sql in days {
        let plan = store.query_plan(sql).unwrap();
        assert!(plan.iter().all(|s| !s.contains("TEMP B-TREE")), "a sort:\n{plan:#?}\n{sql}");
        assert!(plan.iter().any(|s| s.contains("COVERING INDEX")), "rows read:\n{plan:#?}\n{sql}");
    }
    let faults =
        rows_read(&store, queries.iter().filter(|sql| !sql.contains("JOIN case_file c") && !sql.contains("audit_log")));
    assert!(faults.is_empty(), "report steps that read table rows:\n{}", faults.join("\n"));
}

/// Each step of these queries that reads rows of a large table (rather
/// than only an index that covers it), with its query.
fn rows_read<'q>(store: &Store, queries: impl Iterator<Item = &'q String>) -> Vec<String> {
    let mut faults = Vec::new();
    for sql in queries {
        for step in store.query_plan(sql).unwrap() {
            let mut words = step.split_whitespace();
            let (Some(action), Some(name)) = (words.next(), words.next()) else { continue };
            let large = LARGE.contains(&table_named(sql, name));
            if large && ["SCAN", "SEARCH"].contains(&action) && !step.contains("COVERING INDEX") {
                faults.push(format!("{step}\n    in: {}", sql.split_whitespace().collect::<Vec<_>>().join(" ")));
            }
        }
    }
    faults
}

/// The facilitators whose vetting needs renewing, listed alone and as
/// Today's section, are read from their partial index alone, never the
/// facilitator table's rows.
#[test]
fn vettings_due_are_read_from_their_index_alone() {
    let mut store = Store::open_in_memory().unwrap();
    generate(&mut store, &DemoOptions { cases: 20, seed: 5, today: common::today() }).unwrap();
    let mut queries =
        store.queries_of(|s| s.vettings_due(common::today(), &casedesk::domain::rules::Rules::defaults())).unwrap();
    assert_eq!(queries.len(), 1, "{queries:#?}");
    let today = store
        .queries_of(|s| {
            let (calendar, rules) = (s.calendar()?, s.rules()?);
            s.today_sections(&Day::new(common::today(), &calendar, &rules), Some(5))
        })
        .unwrap();
    queries.extend(today.into_iter().filter(|q| q.contains("facilitator")));
    assert!(queries.len() >= 2, "Today reads its vetting section: {queries:#?}");
    for query in &queries {
        let plan = store.query_plan(query).unwrap();
        assert!(plan.iter().all(|step| step.contains("COVERING INDEX facilitator_vetting")), "{plan:#?}");
    }
}

/// Filtered by coordinator (issue 14 §2), a page of either Agreements list
/// still walks its index in order and stops at its LIMIT: the coordinator
/// is a condition on the case each row reaches by its key, so no sort and
/// no scan of case_file is added to a page read, a count or a position.
#[test]
fn agreements_pages_of_one_coordinator_walk_the_same_indexes() {
    let mut store = Store::open_in_memory().unwrap();
    generate(&mut store, &DemoOptions { cases: 150, seed: 5, today: common::today() }).unwrap();
    store.trace_sql(Some(record_whose));
    let mut app = App::new(store, common::today(), Keymap::default(), MONOCHROME).unwrap();
    app.apply(ScreenId::Agreements.action());
    // Past "All coordinators" and "No coordinator yet" to the first name;
    // then back one, to nobody's (the picker opens on the choice in force).
    for (code, picks) in [(KeyCode::Right, 2), (KeyCode::Left, 1)] {
        app.apply(Action::FilterCoordinator);
        for _ in 0..picks {
            app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
        }
        app.handle_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
        for action in [Action::PageDown, Action::Bottom, Action::Top, Action::ToggleView, Action::Bottom, Action::Top] {
            app.apply(action);
        }
    }
    app.store.trace_sql(None);

    let reads: BTreeSet<String> = WHOSE_STATEMENTS.lock().unwrap().iter().cloned().collect();
    for condition in ["c.coordinator_id = ", "c.coordinator_id IS NULL"] {
        for index in [
            "rj_process_to_hold",
            "case_file_to_arrange",
            "rj_process_agreement_awaited",
            "outcome_agreement_open_case",
        ] {
            let seen = reads.iter().any(|sql| sql.contains(index) && sql.contains(condition) && sql.contains("LIMIT"));
            assert!(seen, "no read of {index} with {condition}");
        }
    }
    for sql in &reads {
        let plan = app.store.query_plan(sql).unwrap();
        assert!(!plan.iter().any(|s| s.contains("TEMP B-TREE")), "a sort in a filtered read:\n{plan:#?}\n{sql}");
        let scans: Vec<&str> = plan.iter().filter_map(|s| full_scan_in(sql, s)).collect();
        assert!(scans.is_empty(), "a filtered read scans {scans:?}:\n{plan:#?}\n{sql}");
    }
}

static WHOSE_STATEMENTS: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// The reads of an index named for the walk, filtered by coordinator.
fn record_whose(sql: &str) {
    if sql.contains("INDEXED BY") && sql.contains("c.coordinator_id") {
        if let Ok(mut all) = WHOSE_STATEMENTS.lock() {
            all.push(sql.trim().to_string());
        }
    }
}
