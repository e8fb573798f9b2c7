//! Both lists of one coordinator's cases (or of none's) are the rows of the
//! whole list whose case that coordinator holds, in the same order, paged
//! forwards and backwards, with the counts before each page and per part.

use std::collections::HashMap;

use super::list_tests::{defined, demo_store, walk, ARRANGEMENTS_AS_ONE_QUERY, OUTCOMES_AS_ONE_QUERY};
use super::*;

/// The demo desk of the list tests, with every third case of either list
/// held by nobody (the demo allocates every case it moves on).
fn desk() -> Store {
    let store = demo_store();
    let listed = defined(&store, ARRANGEMENTS_AS_ONE_QUERY).into_iter().chain(defined(&store, OUTCOMES_AS_ONE_QUERY));
    let mut cases: Vec<i64> = listed.map(|(_, _, case)| case).collect();
    cases.sort_unstable();
    cases.dedup();
    for case in cases.iter().step_by(3) {
        store.conn().execute("UPDATE case_file SET coordinator_id = NULL WHERE id = ?1", [case]).unwrap();
    }
    store
}

/// The coordinator of every case (None: nobody holds it yet).
fn holders(store: &Store) -> HashMap<i64, Option<i64>> {
    let mut stmt = store.conn().prepare("SELECT id, coordinator_id FROM case_file").unwrap();
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
    rows.collect::<Result<_, _>>().unwrap()
}

/// Every filter worth trying on `rows`: everyone's, nobody's, the
/// coordinator holding most of them and the one holding fewest.
fn filters(rows: &[(ListKey, Option<i64>, i64)], held: &HashMap<i64, Option<i64>>) -> Vec<CoordinatorFilter> {
    let mut per: HashMap<i64, usize> = HashMap::new();
    for (_, _, case) in rows {
        if let Some(Some(k)) = held.get(case) {
            *per.entry(*k).or_default() += 1;
        }
    }
    let most = per.iter().max_by_key(|(k, n)| (**n, **k)).map(|(k, _)| *k).expect("the demo allocates cases");
    let fewest = per.iter().min_by_key(|(k, n)| (**n, **k)).map(|(k, _)| *k).unwrap();
    vec![
        CoordinatorFilter::All,
        CoordinatorFilter::Unallocated,
        CoordinatorFilter::Only(most),
        CoordinatorFilter::Only(fewest),
    ]
}

fn wanted(whose: CoordinatorFilter, holder: Option<i64>) -> bool {
    match whose {
        CoordinatorFilter::All => true,
        CoordinatorFilter::Unallocated => holder.is_none(),
        CoordinatorFilter::Only(id) => holder == Some(id),
    }
}

/// The keys of `rows` whose case `whose` wants, in list order, and how many
/// of them are in each group.
fn theirs(
    rows: &[(ListKey, Option<i64>, i64)],
    held: &HashMap<i64, Option<i64>>,
    whose: CoordinatorFilter,
) -> (Vec<ListKey>, [usize; 2]) {
    let keys: Vec<ListKey> =
        rows.iter().filter(|(_, _, case)| wanted(whose, held[case])).map(|(k, _, _)| k.clone()).collect();
    let group = |g| keys.iter().filter(|k| k.group == g).count();
    let groups = [group(0), group(1)];
    (keys, groups)
}

/// A list's rows of a filter from a key (the start when None), as keys.
type ReadFrom<'a> = &'a dyn Fn(CoordinatorFilter, Option<&ListKey>, usize) -> Vec<ListKey>;

/// One list's reads, for any filter, as keys.
struct Reads<'a> {
    from: ReadFrom<'a>,
    before: &'a dyn Fn(CoordinatorFilter, &ListKey, usize) -> Vec<ListKey>,
    before_count: &'a dyn Fn(CoordinatorFilter, &ListKey) -> CappedCount,
    /// The count of each part of the list.
    counts: &'a dyn Fn(CoordinatorFilter) -> [CappedCount; 2],
}

/// Each filter's list, walked a page at a time both ways, is the rows of
/// the list as one query whose case it wants, and each part's count theirs.
/// Returns how many rows nobody's and the busiest coordinator's lists hold.
fn filtered_lists_are_their_rows(store: &Store, sql: &str, reads: Reads<'_>) -> (usize, usize) {
    let all = defined(store, sql);
    let held = holders(store);
    for whose in filters(&all, &held) {
        let (expected, groups) = theirs(&all, &held, whose);
        if whose != CoordinatorFilter::All {
            assert!(expected.len() < all.len(), "{whose:?} holds every row");
        }
        let walked = walk(
            |start, n| (reads.from)(whose, start, n),
            |key, n| (reads.before)(whose, key, n),
            |key| (reads.before_count)(whose, key),
        );
        assert_eq!(walked, expected, "{whose:?}");
        assert_eq!((reads.counts)(whose), groups.map(CappedCount::exact), "{whose:?}");
    }
    let (nobody, _) = theirs(&all, &held, CoordinatorFilter::Unallocated);
    let (busiest, _) = theirs(&all, &held, filters(&all, &held)[2]);
    (nobody.len(), busiest.len())
}

#[test]
fn arrangements_of_one_coordinator_are_their_cases_rows_paged_in_order() {
    let store = desk();
    let keys = |rows: Vec<ArrangementRow>| rows.into_iter().map(|r| r.key).collect::<Vec<_>>();
    let (nobody, busiest) = filtered_lists_are_their_rows(
        &store,
        ARRANGEMENTS_AS_ONE_QUERY,
        Reads {
            from: &|whose, start, n| keys(store.arrangements_from(whose, start, n).unwrap()),
            before: &|whose, key, n| keys(store.arrangements_before(whose, key, n).unwrap()),
            before_count: &|whose, key| store.arrangements_before_count(whose, key).unwrap(),
            counts: &|whose| {
                let counts = store.arrangement_counts(whose).unwrap();
                [counts.processes, counts.to_arrange]
            },
        },
    );
    // Nobody's list is longer than a page of the walk (7 rows), so paging
    // with the filter is tried; the busiest coordinator has some.
    assert!(nobody > 7 && busiest > 0, "{nobody} and {busiest} rows");
}

#[test]
fn agreements_of_one_coordinator_are_their_cases_entries_paged_in_order() {
    let store = desk();
    let keys = |rows: Vec<AgreementEntry>| rows.into_iter().map(|r| r.key).collect::<Vec<_>>();
    let (nobody, busiest) = filtered_lists_are_their_rows(
        &store,
        OUTCOMES_AS_ONE_QUERY,
        Reads {
            from: &|whose, start, n| keys(store.agreements_from(whose, start, n).unwrap()),
            before: &|whose, key, n| keys(store.agreements_before(whose, key, n).unwrap()),
            before_count: &|whose, key| store.agreements_before_count(whose, key).unwrap(),
            counts: &|whose| {
                let counts = store.agreement_counts(whose).unwrap();
                [counts.to_record, counts.agreements]
            },
        },
    );
    assert!(nobody > 7 && busiest > 7, "{nobody} and {busiest} entries");
}

#[test]
fn a_case_is_one_of_its_coordinators_cases_only() {
    let store = desk();
    let held = holders(&store);
    let (&mine, &holder) = held.iter().find(|(_, k)| k.is_some()).expect("an allocated case");
    let (&nobodys, _) = held.iter().find(|(_, k)| k.is_none()).expect("a case nobody holds");
    let holder = holder.unwrap();
    assert!(store.case_is_of(CoordinatorFilter::All, mine).unwrap());
    assert!(store.case_is_of(CoordinatorFilter::Only(holder), mine).unwrap());
    assert!(!store.case_is_of(CoordinatorFilter::Only(holder + 1000), mine).unwrap());
    assert!(!store.case_is_of(CoordinatorFilter::Unallocated, mine).unwrap());
    assert!(store.case_is_of(CoordinatorFilter::Unallocated, nobodys).unwrap());
}
