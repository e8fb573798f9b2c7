//! The bulk path against the audited one: the same seed must give the same
//! records, row for row, and a database that passes every check.

use chrono::NaiveDate;
use rusqlite::types::Value;

use super::{create_database, generate, generate_bulk, DemoOptions};
use crate::store::bulk::partial_path;
use crate::store::{OpenMode, Store};

fn opts(cases: u32, seed: u64, today: &str) -> DemoOptions {
    DemoOptions { cases, seed, today: NaiveDate::parse_from_str(today, "%Y-%m-%d").unwrap() }
}

/// Every row of every table but the audit log, with the clock's stamps left
/// out, and the search index's rows.
fn records(store: &mut Store) -> Vec<String> {
    store
        .write(|tx| {
            let conn = tx.conn();
            let tables: Vec<String> = conn
                .prepare(
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
                       AND name NOT LIKE 'search_index%' AND name NOT IN ('audit_log', 'undo_log') ORDER BY name",
                )?
                .query_map([], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            let mut out = Vec::new();
            for table in tables.iter().map(String::as_str).chain(["search_index"]) {
                let sql = if table == "search_index" {
                    "SELECT rowid, body FROM search_index ORDER BY rowid".to_string()
                } else {
                    let cols: Vec<String> = conn
                        .prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))?
                        .query_map([], |r| r.get(0))?
                        .collect::<Result<Vec<String>, _>>()?
                        .into_iter()
                        .filter(|c| c != "created_at" && c != "updated_at")
                        .collect();
                    // A table WITHOUT ROWID (a document's content, by its hash) is
                    // read in its primary key's order instead.
                    let without_rowid: bool = conn.query_row(
                        "SELECT sql LIKE '%WITHOUT ROWID%' FROM sqlite_master WHERE name = ?1",
                        [table],
                        |r| r.get(0),
                    )?;
                    let order = if without_rowid { "1" } else { "rowid" };
                    format!("SELECT {} FROM {table} ORDER BY {order}", cols.join(", "))
                };
                let mut stmt = conn.prepare(&sql)?;
                let width = stmt.column_count();
                let rows = stmt.query_map([], |r| {
                    let values: Vec<Value> = (0..width).map(|i| r.get(i)).collect::<Result<_, _>>()?;
                    Ok(format!("{table} {values:?}"))
                })?;
                for row in rows {
                    out.push(row?);
                }
            }
            Ok(out)
        })
        .unwrap()
}

fn first_difference(a: &[String], b: &[String]) -> Option<(usize, String, String)> {
    let n = a.len().max(b.len());
    (0..n).find_map(|i| {
        let (x, y) = (a.get(i).cloned().unwrap_or_default(), b.get(i).cloned().unwrap_or_default());
        (x != y).then_some((i, x, y))
    })
}

fn same_records_both_ways(o: &DemoOptions) {
    let mut audited = Store::open_in_memory().unwrap();
    let report_a = generate(&mut audited, o).unwrap();
    let mut bulk = Store::open_in_memory().unwrap();
    let report_b = generate_bulk(&mut bulk, o).unwrap();
    assert_eq!(report_a, report_b);
    let (a, b) = (records(&mut audited), records(&mut bulk));
    assert!(a.len() > 100 * o.cases as usize / 10, "only {} rows", a.len());
    if let Some((i, x, y)) = first_difference(&a, &b) {
        panic!("row {i} differs:\n audited: {x}\n bulk:    {y}");
    }
    let check = bulk.check().unwrap();
    assert!(check.is_ok(), "{:?}", check.lines());
}

#[test]
fn the_bulk_path_writes_the_same_records_as_the_audited_one() {
    same_records_both_ways(&opts(400, 1, "2026-11-20"));
}

#[test]
fn the_same_records_on_a_bank_holiday_and_another_seed() {
    same_records_both_ways(&opts(150, 9, "2026-12-25"));
}

#[test]
fn the_same_records_where_cases_carry_added_conditions_and_items() {
    // Past the first thousand, cases draw added conditions and items from
    // the generator's second random stream.
    same_records_both_ways(&opts(1_150, 2, "2026-11-20"));
}

#[test]
fn a_bulk_load_is_one_audit_row_per_case_and_the_chain_verifies() {
    let mut store = Store::open_in_memory().unwrap();
    let report = generate_bulk(&mut store, &opts(60, 3, "2026-11-20")).unwrap();
    let (rows, per_case, undone, seal_rows): (i64, i64, i64, i64) = store
        .write(|tx| {
            Ok(tx.conn().query_row(
                "SELECT COUNT(*) FILTER (WHERE row_hash IS NULL),
                        COUNT(*) FILTER (WHERE entity = 'case_file' AND row_hash IS NULL),
                        COUNT(DISTINCT txn), COUNT(*) FILTER (WHERE row_hash IS NOT NULL)
                 FROM audit_log
                WHERE entity NOT IN ('rule', 'service_profile', 'facilitator', 'venue', 'venue_room', 'agency',
                                     'meeting', 'meeting_attendee', 'meeting_action')",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )?)
        })
        .unwrap();
    assert_eq!(per_case, i64::from(report.cases));
    // The demo's PCSC commencement rule, its service profiles and its
    // facilitators, venues, agencies and meetings are written before the
    // load, each in its own transaction.
    assert_eq!(rows, per_case + 12, "one row per case and per provider or coordinator");
    assert_eq!(undone, 1, "the load is one transaction");
    // Then the records are sealed, a thousand to a row: a table of 60 cases
    // needs one row each (issue 11 added these rows).
    assert!((1..=16).contains(&seal_rows), "{seal_rows} rows of seals");
    let check = store.check().unwrap();
    assert!(check.is_ok(), "{:?}", check.lines());
    assert_eq!(check.records.unsealed, 0, "every record loaded is sealed");
}

#[test]
fn a_new_database_is_made_through_a_partial_file_that_never_stays() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.db");
    // A partial file left by a killed run is replaced, not trusted.
    std::fs::write(partial_path(&path), b"left by a crash").unwrap();
    let report = create_database(&path, &opts(40, 2, "2026-11-20")).unwrap();
    assert_eq!(report.cases, 40);
    assert!(!partial_path(&path).exists());
    let store = Store::open(&path, OpenMode::MustExist).unwrap();
    assert_eq!(store.case_count().unwrap(), 40);
    assert!(store.check().unwrap().is_ok());
    // The name is never replaced.
    let again = create_database(&path, &opts(5, 2, "2026-11-20"));
    assert!(again.is_err());
}

#[test]
fn every_case_timeline_reads_the_same_from_a_bulk_load() {
    use crate::store::views::case::{EventKind, Seek};
    use crate::tui::screens::case::timeline_text;
    let o = opts(120, 4, "2026-11-20");
    let (mut audited, mut bulk) = (Store::open_in_memory().unwrap(), Store::open_in_memory().unwrap());
    generate(&mut audited, &o).unwrap();
    generate_bulk(&mut bulk, &o).unwrap();
    let mut status_changes = 0;
    for case_id in 1..=120 {
        let events = |store: &Store| -> Vec<(String, String, bool)> {
            let page = store.case_timeline(case_id, &Seek::First, 1000).unwrap();
            page.rows
                .iter()
                .map(|e| (e.date.to_string(), timeline_text(e), e.kind == EventKind::StatusChange))
                .collect()
        };
        let (a, b) = (events(&audited), events(&bulk));
        assert_eq!(a, b, "case {case_id}");
        status_changes += b.iter().filter(|e| e.2).count();
    }
    assert!(status_changes > 300, "only {status_changes} status changes shown");
}

#[test]
fn undo_refuses_a_bulk_load_but_not_what_came_after_it() {
    use crate::domain::types::ContactChannel;
    use crate::store::model::NewContact;
    let mut store = Store::open_in_memory().unwrap();
    generate_bulk(&mut store, &opts(30, 5, "2026-11-20")).unwrap();
    let refused = store.undo_last().unwrap_err().to_string();
    assert!(refused.contains("loaded in bulk") && refused.contains("casedesk demo"), "{refused}");
    assert_eq!(store.case_count().unwrap(), 30);

    let contact = NewContact {
        case_id: 3,
        person_id: None,
        occurred_on: NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
        channel: ContactChannel::Phone,
        outgoing: true,
        summary: "Called after the demo was loaded".into(),
        outcome: None,
        follow_up_on: None,
    };
    store.write(|tx| tx.log_contact(&contact)).unwrap();
    assert!(store.undo_last().unwrap().is_some(), "the contact is undone");
    assert!(store.undo_last().is_err(), "and then the load is still refused");
    assert!(store.check().unwrap().is_ok());
}

#[test]
fn two_thousand_cases_in_bulk_check_out_with_the_demo_mix_and_are_searchable() {
    let mut store = Store::open_in_memory().unwrap();
    let report = generate_bulk(&mut store, &opts(2000, 1, "2026-11-20")).unwrap();
    let check = store.check().unwrap();
    assert!(check.is_ok(), "{:?}", check.lines());
    let count = |store: &mut Store, sql: &str| -> i64 {
        store.write(|tx| Ok(tx.conn().query_row(sql, [], |r| r.get(0))?)).unwrap()
    };
    let share = |store: &mut Store, service: &str| {
        let n = count(store, &format!("SELECT COUNT(*) FROM case_file WHERE service = '{service}'"));
        n as f64 / 2000.0
    };
    // The plan's weights: OOCD 55 %, RJ 30 %, mediation 13 % (and 2 % archived of each kind).
    for (service, expected) in [("oocd", 0.56), ("restorative_justice", 0.305), ("mediation", 0.135)] {
        let got = share(&mut store, service);
        assert!((got - expected).abs() < 0.04, "{service}: {got:.3} of cases, expected about {expected}");
    }
    let statuses = count(&mut store, "SELECT COUNT(DISTINCT status) FROM case_file");
    assert!(statuses >= 24, "only {statuses} statuses");
    // About 1.3 a case in the first thousand, 2.5 after them.
    let items = i64::from(report.conditions + report.agreement_items);
    assert!((3_400..=4_400).contains(&items), "{items} conditions and agreement items for 2,000 cases");
    assert_eq!(count(&mut store, "SELECT COUNT(*) FROM condition"), i64::from(report.conditions));

    // A generated person is found by name through the search index.
    let (given, family): (String, String) = store
        .write(|tx| {
            Ok(tx.conn().query_row("SELECT given_names, family_name FROM person WHERE id = 1234", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?)
        })
        .unwrap();
    let case_of_1234 = count(&mut store, "SELECT case_id FROM case_party WHERE person_id = 1234 ORDER BY id LIMIT 1");
    let hits = store.search(&format!("{given} {family}"), 500).unwrap();
    assert!(hits.iter().any(|h| h.case_id == case_of_1234), "{given} {family} not found: {hits:?}");
}

#[test]
fn a_failed_build_leaves_neither_the_file_nor_its_partial() {
    use crate::store::bulk::build_new_file;
    use crate::store::StoreError;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.db");
    let failed = build_new_file(&path, |store| {
        generate_bulk(store, &opts(20, 1, "2026-11-20"))?;
        Err::<(), _>(StoreError::Invalid("stopped on purpose".into()))
    });
    assert!(failed.is_err());
    assert!(!path.exists(), "a half-made database was left at the name");
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert!(left.is_empty(), "left behind: {left:?}");
}

#[test]
fn period_reports_read_the_same_from_a_bulk_load() {
    let o = opts(300, 6, "2026-11-20");
    let (mut audited, mut bulk) = (Store::open_in_memory().unwrap(), Store::open_in_memory().unwrap());
    generate(&mut audited, &o).unwrap();
    generate_bulk(&mut bulk, &o).unwrap();
    let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    for (from, to) in [("2026-01-01", "2026-11-20"), ("2026-08-01", "2026-08-31"), ("2025-04-01", "2026-03-31")] {
        let (a, b) =
            (audited.period_figures(day(from), day(to)).unwrap(), bulk.period_figures(day(from), day(to)).unwrap());
        assert_eq!(format!("{a:?}"), format!("{b:?}"), "{from}..{to}");
        assert!(!b.0.sense_checks.is_empty() && !b.0.referrals_by_outcome.is_empty(), "{from}..{to}: {b:?}");
    }
}
