//! The lists read arm by arm give exactly the rows, in exactly the order, of
//! the single query that defines them; and counts stop at the cap.

use chrono::NaiveDate;
use rusqlite::params;

use super::*;
use crate::domain::types::{ProcessKind, ProcessStatus};
use crate::store::model::NewProcess;
use crate::store::views::allocation::CoordinatorFilter::All;
use crate::store::views::deadlines::COUNT_CAP;

/// The arrangements list as one query: the definition the arms reproduce.
pub(super) const ARRANGEMENTS_AS_ONE_QUERY: &str = "
    SELECT 0 AS grp, COALESCE(p.scheduled_for, '9999-12-31') AS sk, p.id AS kid, p.id AS process_id, c.id AS case_id
    FROM rj_process p JOIN case_file c ON c.id = p.case_id
    WHERE p.status IN ('planned', 'confirmed') AND c.status NOT IN ('closed', 'withdrawn')
    UNION ALL
    SELECT 0, COALESCE(p.scheduled_for, '9999-12-31'), p.id, p.id, c.id
    FROM case_file c JOIN rj_process p ON p.id = (SELECT MAX(q.id) FROM rj_process q WHERE q.case_id = c.id)
    WHERE c.service IN ('restorative_justice', 'mediation') AND c.status IN ('preparation', 'process_arranged')
      AND p.status = 'postponed'
    UNION ALL
    SELECT 1, c.status_changed_on, c.id, NULL, c.id
    FROM case_file c
    WHERE c.service IN ('restorative_justice', 'mediation') AND c.status IN ('preparation', 'process_arranged')
      AND NOT EXISTS (SELECT 1 FROM rj_process p WHERE p.case_id = c.id AND p.status IN ('planned', 'confirmed'))
      AND COALESCE((SELECT p.status FROM rj_process p WHERE p.case_id = c.id ORDER BY p.id DESC LIMIT 1), '')
          <> 'postponed'";

/// The agreements list as one query.
pub(super) const OUTCOMES_AS_ONE_QUERY: &str = "
    SELECT 0 AS grp, COALESCE(p.held_on, '') AS sk, p.id AS kid, NULL AS agreement_id, c.id AS case_id
    FROM case_file c JOIN rj_process p ON p.case_id = c.id
    WHERE c.service IN ('restorative_justice', 'mediation') AND c.status IN ('process_arranged', 'process_held')
      AND p.status = 'held' AND p.id NOT IN (SELECT process_id FROM outcome_agreement)
    UNION ALL
    SELECT 1, a.agreed_on, a.id, a.id, c.id
    FROM outcome_agreement a JOIN rj_process p ON p.id = a.process_id JOIN case_file c ON c.id = p.case_id
    WHERE c.status NOT IN ('closed', 'withdrawn')";

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()
}

/// A demo desk, with some processes postponed (the demo makes none) and a
/// process with no date, so every kind of row is listed.
pub(super) fn demo_store() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    crate::demo::generate(&mut store, &crate::demo::DemoOptions { cases: 700, seed: 7, today: today() }).unwrap();
    let planned: Vec<i64> = store
        .conn()
        .prepare("SELECT id FROM rj_process WHERE status IN ('planned', 'confirmed') ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(planned.len() >= 6, "the demo arranged {} processes", planned.len());
    store
        .write(|tx| {
            for id in planned.iter().step_by(3) {
                tx.set_process_status(*id, ProcessStatus::Postponed, today(), None)?;
            }
            tx.conn().execute("UPDATE rj_process SET scheduled_for = NULL WHERE id = ?1", params![planned[1]])?;
            Ok(())
        })
        .unwrap();
    store
}

/// (key, id the row is about, case) of every row, in list order.
pub(super) fn defined(store: &Store, sql: &str) -> Vec<(ListKey, Option<i64>, i64)> {
    let sql = format!("SELECT * FROM ({sql}) ORDER BY grp, sk, kid");
    let mut stmt = store.conn().prepare(&sql).unwrap();
    let rows = stmt
        .query_map([], |r| Ok((ListKey { group: r.get(0)?, sort: r.get(1)?, id: r.get(2)? }, r.get(3)?, r.get(4)?)))
        .unwrap();
    rows.collect::<Result<_, _>>().unwrap()
}

/// The list walked a page at a time as the screen walks it, forwards from
/// the start and backwards from the end, with the count before each page.
pub(super) fn walk(
    from: impl Fn(Option<&ListKey>, usize) -> Vec<ListKey>,
    before: impl Fn(&ListKey, usize) -> Vec<ListKey>,
    before_count: impl Fn(&ListKey) -> CappedCount,
) -> Vec<ListKey> {
    let mut forwards: Vec<ListKey> = Vec::new();
    let mut start = None;
    loop {
        let mut page = from(start.as_ref(), 8);
        let next = (page.len() > 7).then(|| page.pop().unwrap());
        if let Some(first) = page.first() {
            assert_eq!(before_count(first), CappedCount::exact(forwards.len()), "rows before {first:?}");
        }
        forwards.extend(page);
        match next {
            Some(key) => start = Some(key),
            None => break,
        }
    }
    let mut backwards: Vec<ListKey> = Vec::new();
    let mut end = ListKey { group: i64::MAX, sort: String::new(), id: 0 };
    loop {
        let page = before(&end, 7);
        let Some(first) = page.first().cloned() else { break };
        backwards.splice(0..0, page);
        end = first;
    }
    assert_eq!(backwards, forwards, "the same list backwards as forwards");
    forwards
}

#[test]
fn arrangements_read_by_arms_are_the_list_as_one_query() {
    let store = demo_store();
    let defined = defined(&store, ARRANGEMENTS_AS_ONE_QUERY);
    let groups = |g| defined.iter().filter(|(k, _, _)| k.group == g).count();
    assert!(groups(0) > 8 && groups(1) > 8, "rows in both parts: {} and {}", groups(0), groups(1));
    assert!(defined.iter().any(|(k, _, _)| k.sort == "9999-12-31"), "a process with no date");
    let keys = |rows: Vec<ArrangementRow>| rows.into_iter().map(|r| r.key).collect::<Vec<_>>();
    let walked = walk(
        |start, n| keys(store.arrangements_from(All, start, n).unwrap()),
        |key, n| keys(store.arrangements_before(All, key, n).unwrap()),
        |key| store.arrangements_before_count(All, key).unwrap(),
    );
    assert_eq!(walked, defined.iter().map(|(k, _, _)| k.clone()).collect::<Vec<_>>());
    let counts = store.arrangement_counts(All).unwrap();
    assert_eq!(counts.processes, CappedCount::exact(groups(0)));
    assert_eq!(counts.to_arrange, CappedCount::exact(groups(1)));

    // A case's key: its process when one is named, else its "to arrange"
    // row, else its first row.
    for (key, process, case_id) in &defined {
        assert_eq!(store.arrangement_key(*case_id, *process).unwrap().as_ref(), Some(key));
        let to_arrange = defined.iter().find(|(_, p, c)| c == case_id && p.is_none());
        let first = defined.iter().find(|(_, _, c)| c == case_id);
        let expected = to_arrange.or(first).map(|(k, _, _)| k);
        assert_eq!(store.arrangement_key(*case_id, None).unwrap().as_ref(), expected);
    }
}

#[test]
fn agreements_read_by_arms_are_the_list_as_one_query() {
    let store = demo_store();
    let defined = defined(&store, OUTCOMES_AS_ONE_QUERY);
    let groups = |g| defined.iter().filter(|(k, _, _)| k.group == g).count();
    assert!(groups(0) > 8 && groups(1) > 8, "rows in both parts: {} and {}", groups(0), groups(1));
    let keys = |rows: Vec<AgreementEntry>| rows.into_iter().map(|r| r.key).collect::<Vec<_>>();
    let walked = walk(
        |start, n| keys(store.agreements_from(All, start, n).unwrap()),
        |key, n| keys(store.agreements_before(All, key, n).unwrap()),
        |key| store.agreements_before_count(All, key).unwrap(),
    );
    assert_eq!(walked, defined.iter().map(|(k, _, _)| k.clone()).collect::<Vec<_>>());
    let counts = store.agreement_counts(All).unwrap();
    assert_eq!(counts.to_record, CappedCount::exact(groups(0)));
    assert_eq!(counts.agreements, CappedCount::exact(groups(1)));

    // Every agreement comes with its items.
    for entry in store.agreements_from(All, None, 1000).unwrap() {
        let items = entry.agreement_id.map(|id| store.agreement_items(id).unwrap()).unwrap_or_default();
        assert_eq!(entry.items, items);
    }
    // A case's key: the entry of a named item's agreement, else a held
    // process awaiting its agreement, else the case's first entry.
    for (key, agreement, case_id) in &defined {
        if let Some(id) = agreement {
            let item = store.agreement_items(*id).unwrap().first().map(|i| i.id);
            if item.is_some() {
                assert_eq!(store.agreement_key(*case_id, item).unwrap().as_ref(), Some(key));
            }
        }
        let held = defined.iter().find(|(_, a, c)| c == case_id && a.is_none());
        let first = defined.iter().find(|(_, _, c)| c == case_id);
        let expected = held.or(first).map(|(k, _, _)| k);
        assert_eq!(store.agreement_key(*case_id, None).unwrap().as_ref(), expected);
    }
}

#[test]
fn counts_stop_at_the_cap_and_say_so() {
    let mut store = Store::open_in_memory().unwrap();
    let case_id = store
        .write(|tx| {
            let key = tx.create_case(&crate::store::model::NewCase::new(
                crate::domain::types::Service::Mediation,
                crate::domain::types::Source::Housing,
                today(),
            ))?;
            tx.conn().execute("UPDATE case_file SET status = 'process_arranged' WHERE id = ?1", params![key.id])?;
            for n in 0..COUNT_CAP + 20 {
                let at = today().and_hms_opt(0, 0, 0).unwrap() + chrono::Duration::minutes(n as i64);
                tx.add_process(
                    key.id,
                    &NewProcess {
                        kind: ProcessKind::PhoneCall,
                        scheduled_for: Some(at),
                        venue: None,
                        room_booked: false,
                        refreshments: None,
                        facilitators: "A".into(),
                        participants: format!("session {n}"),
                        status: ProcessStatus::Planned,
                    },
                )?;
            }
            Ok(key.id)
        })
        .unwrap();
    let counts = store.arrangement_counts(All).unwrap();
    assert_eq!(counts.processes, CappedCount { count: COUNT_CAP, capped: true });
    assert_eq!(counts.processes.to_string(), format!("{COUNT_CAP}+"));
    assert_eq!(counts.to_arrange, CappedCount::exact(0));
    let all = store.arrangements_from(All, None, COUNT_CAP + 100).unwrap();
    assert_eq!(all.len(), COUNT_CAP + 20);
    assert!(all.iter().all(|r| r.case_id == case_id));
    let at = |n: usize| store.arrangements_before_count(All, &all[n].key).unwrap();
    assert_eq!(at(COUNT_CAP), CappedCount::exact(COUNT_CAP));
    assert_eq!(at(COUNT_CAP + 1), CappedCount { count: COUNT_CAP, capped: true });
    assert_eq!(CappedCount::exact(3).plus(at(COUNT_CAP + 1)).to_string(), format!("{}+", COUNT_CAP + 3));
}
