//! The Deadlines list read page by page, filtered, and timed on a large desk.

use super::*;

fn demo_store() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    crate::demo::generate(&mut store, &crate::demo::DemoOptions { cases: 120, seed: 3, today }).unwrap();
    store
}

fn keys(rows: &[DeadlineRow]) -> Vec<DeadlineKey> {
    rows.iter().map(|r| r.key).collect()
}

/// Every page of `filter`, `size` rows at a time, forwards from the first
/// and backwards from the last: each walk must give `all`, in order, once.
fn walk_both_ways(store: &Store, filter: &DeadlineFilter, size: usize, all: &[DeadlineKey]) {
    // A walk that stops moving would never end: no more pages than rows.
    let most = all.len() + 1;
    let mut walked = Vec::new();
    let mut page = store.deadline_page(filter, PageAt::First, size).unwrap();
    assert!(!page.more_before);
    for _ in 0..most {
        walked.extend(keys(&page.rows));
        if !page.more_after {
            break;
        }
        page = store.deadline_page(filter, PageAt::After(*walked.last().unwrap()), size).unwrap();
    }
    assert_eq!(walked, all, "forwards, {size} at a time, through {filter:?}");

    let mut back: Vec<DeadlineKey> = Vec::new();
    let mut page = store.deadline_page(filter, PageAt::Last, size).unwrap();
    assert!(!page.more_after);
    for _ in 0..most {
        let mut k = keys(&page.rows);
        k.extend(back);
        back = k;
        if !page.more_before {
            break;
        }
        page = store.deadline_page(filter, PageAt::Before(back[0]), size).unwrap();
    }
    assert_eq!(back, all, "backwards, {size} at a time, through {filter:?}");
}

#[test]
fn pages_walked_either_way_give_the_whole_list_once_in_order() {
    let store = demo_store();
    let filter = DeadlineFilter::default();
    let all = keys(&store.deadline_page(&filter, PageAt::First, 10_000).unwrap().rows);
    assert!(all.len() > 30, "the demo lists {} rows", all.len());
    let mut sorted = all.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(all, sorted, "in key order, no row twice");
    assert_eq!(store.deadline_count(&filter).unwrap(), DeadlineCount { count: all.len(), capped: false });
    // Pages that end inside a due date, and pages of one row.
    for size in [7, 1] {
        walk_both_ways(&store, &filter, size, &all);
    }

    // From a key, and around it.
    let at = all.len() / 2;
    let middle = all[at];
    let from = store.deadline_page(&filter, PageAt::From(middle), 5).unwrap();
    assert_eq!(keys(&from.rows), all[at..at + 5].to_vec());
    assert!(from.more_before && from.more_after);
    let around = store.deadline_page_around(&filter, middle, 9).unwrap();
    assert_eq!(keys(&around.rows), all[at - 3..at + 6].to_vec());
    assert_eq!(store.deadline_key_of(middle.source, middle.id).unwrap(), Some(middle));
}

/// Walked page by page, each filter gives its own rows of the whole list:
/// a due-date range (whose ends meet the keys' dates), a provider, a
/// service, and named cases (which are read whole, not walked).
#[test]
fn filtered_pages_walked_either_way_give_the_filtered_list() {
    let store = demo_store();
    let today = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    let rows = store.deadline_page(&DeadlineFilter::default(), PageAt::First, 10_000).unwrap().rows;
    let cases: Vec<i64> = rows.iter().filter(|r| r.case_id > 0).step_by(3).map(|r| r.case_id).collect();
    let dates: Vec<NaiveDate> = rows.iter().map(|r| r.key.due_on).collect();
    let (early, late) = (dates[dates.len() / 4], dates[dates.len() * 3 / 4]);
    // The provider with the most rows listed.
    let providers = store.deadline_providers().unwrap();
    let listed = |name: &str| rows.iter().filter(|r| r.who == name).count();
    let provider = providers.iter().max_by_key(|(_, name)| listed(name)).unwrap().0;
    let filters = [
        DeadlineFilter { due_from: Some(early), due_until: Some(late), ..DeadlineFilter::default() },
        DeadlineFilter { due_until: today.pred_opt(), ..DeadlineFilter::default() },
        DeadlineFilter { provider_id: Some(provider), ..DeadlineFilter::default() },
        DeadlineFilter { service: Some(Service::RestorativeJustice), ..DeadlineFilter::default() },
        DeadlineFilter { case_ids: Some(cases), ..DeadlineFilter::default() },
    ];
    for filter in &filters {
        let all = keys(&store.deadline_page(filter, PageAt::First, 10_000).unwrap().rows);
        assert!(all.len() > 3, "{filter:?} lists {} rows", all.len());
        let expected: Vec<DeadlineKey> = rows
            .iter()
            .filter(|r| filter.due_from.is_none_or(|d| r.key.due_on >= d))
            .filter(|r| filter.due_until.is_none_or(|d| r.key.due_on <= d))
            .filter(|r| filter.service.is_none_or(|s| r.service == s))
            .filter(|r| filter.case_ids.as_ref().is_none_or(|ids| ids.contains(&r.case_id)))
            .filter(|r| filter.provider_id.is_none() || r.key.source == DeadlineSource::Condition)
            // A meeting's action has no service, provider or case.
            .filter(|r| {
                let names_cases = filter.service.is_some() || filter.provider_id.is_some() || filter.case_ids.is_some();
                !names_cases || r.key.source != DeadlineSource::MeetingAction
            })
            .map(|r| r.key)
            .collect();
        if filter.provider_id.is_none() {
            assert_eq!(all, expected, "{filter:?}");
        } else {
            assert!(all.iter().all(|k| expected.contains(k)), "{filter:?}");
        }
        walk_both_ways(&store, filter, 3, &all);
    }
}

#[test]
fn filters_and_keys_agree_with_the_rows() {
    let store = demo_store();
    let today = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    let all = store.deadline_page(&DeadlineFilter::default(), PageAt::First, 10_000).unwrap().rows;
    let overdue = DeadlineFilter { due_until: today.pred_opt(), ..DeadlineFilter::default() };
    let rows = store.deadline_page(&overdue, PageAt::First, 10_000).unwrap().rows;
    assert_eq!(keys(&rows), keys(&all).into_iter().filter(|k| k.due_on < today).collect::<Vec<_>>());
    assert_eq!(store.deadline_keys(&overdue, 3).unwrap(), keys(&rows)[..3].to_vec());

    let rj = DeadlineFilter { service: Some(Service::RestorativeJustice), ..DeadlineFilter::default() };
    let rows = store.deadline_page(&rj, PageAt::First, 10_000).unwrap().rows;
    assert!(!rows.is_empty() && rows.iter().all(|r| r.service == Service::RestorativeJustice));

    let case_id = all[0].case_id;
    let one = DeadlineFilter { case_id: Some(case_id), ..DeadlineFilter::default() };
    let rows = store.deadline_page(&one, PageAt::First, 10_000).unwrap().rows;
    assert_eq!(rows, all.iter().filter(|r| r.case_id == case_id).cloned().collect::<Vec<_>>());
    let listed = DeadlineFilter { case_ids: Some(vec![case_id]), ..DeadlineFilter::default() };
    assert_eq!(store.deadline_page(&listed, PageAt::First, 10_000).unwrap().rows, rows);
    let none = DeadlineFilter { case_ids: Some(vec![]), ..DeadlineFilter::default() };
    assert!(store.deadline_page(&none, PageAt::First, 10).unwrap().rows.is_empty());
}

#[test]
fn completed_items_are_not_listed() {
    let mut store = demo_store();
    let today = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    let all = store.deadline_page(&DeadlineFilter::default(), PageAt::First, 10_000).unwrap().rows;
    let row = all.iter().find(|r| r.key.source == DeadlineSource::AgreementItem).unwrap().clone();
    store.write(|tx| tx.complete_agreement_item(row.key.id, today, "seen")).unwrap();
    assert_eq!(store.deadline_key_of(row.key.source, row.key.id).unwrap(), None);
    let count = store.deadline_count(&DeadlineFilter::default()).unwrap().count;
    assert_eq!(count, all.len() - 1);
}

/// Filtered by coordinator (issue 14 §2), the list holds exactly the rows
/// of that coordinator's cases (or of the cases no one holds), walked
/// either way, and counts them.
#[test]
fn a_coordinator_filter_lists_their_cases_rows_only() {
    use crate::store::views::allocation::CoordinatorFilter;
    let store = demo_store();
    let rows = store.deadline_page(&DeadlineFilter::default(), PageAt::First, 10_000).unwrap().rows;
    let held = store.coordinators_of(&rows.iter().map(|r| r.case_id).collect::<Vec<_>>()).unwrap();
    let coordinator_of = |case_id: i64| {
        let name = held.get(&case_id)?;
        store.filter_coordinators().unwrap().into_iter().find(|c| &c.name == name).map(|c| c.id)
    };
    let busiest = rows.iter().filter_map(|r| coordinator_of(r.case_id)).max().expect("the demo allocates cases");
    for (wanted, holder) in [(CoordinatorFilter::Only(busiest), Some(busiest)), (CoordinatorFilter::Unallocated, None)]
    {
        let expected: Vec<DeadlineKey> =
            rows.iter().filter(|r| r.case_id > 0 && coordinator_of(r.case_id) == holder).map(|r| r.key).collect();
        assert!(!expected.is_empty() && expected.len() < rows.len(), "{wanted:?} narrows the list");
        let filter = DeadlineFilter { coordinator: wanted, ..DeadlineFilter::default() };
        assert_eq!(store.deadline_count(&filter).unwrap().count, expected.len(), "{wanted:?}");
        walk_both_ways(&store, &filter, 4, &expected);
    }
}

/// A meeting's open action (issue 14 §6) is listed among the conditions by
/// its due date, under no case, left out by any filter naming a service,
/// provider, coordinator or case, and gone once done.
#[test]
fn a_meetings_open_action_is_listed_by_due_date_until_done() {
    use crate::domain::meetings::Who;
    use crate::store::views::allocation::CoordinatorFilter;
    use crate::store::{NewMeeting, NewMeetingAction};
    let mut store = demo_store();
    let all = store.deadline_page(&DeadlineFilter::default(), PageAt::First, 10_000).unwrap().rows;
    let condition = all.iter().find(|r| r.key.source == DeadlineSource::Condition).unwrap().clone();
    let meeting = NewMeeting {
        held_at: NaiveDate::from_ymd_opt(2020, 1, 6).unwrap().and_hms_opt(10, 0, 0).unwrap(),
        title: "Partnership panel".into(),
        place: None,
        room_id: None,
        agenda: None,
        attendees: Vec::new(),
    };
    let id = store
        .write(|tx| {
            let meeting_id = tx.record_meeting(&meeting)?;
            tx.add_meeting_action(&NewMeetingAction {
                meeting_id,
                what: "Send the panel's notes".into(),
                owner: Who::typed("Sam Ortiz", None),
                due_on: condition.key.due_on,
                case_id: None,
            })
        })
        .unwrap();
    let rows = store.deadline_page(&DeadlineFilter::default(), PageAt::First, 10_000).unwrap().rows;
    let at = rows.iter().position(|r| r.key.source == DeadlineSource::MeetingAction && r.key.id == id).unwrap();
    let row = &rows[at];
    assert_eq!((row.case_id, row.case_ref.as_str()), (0, "Partnership panel"));
    assert_eq!(
        (row.kind_label().as_str(), row.description.as_str(), row.who.as_str()),
        ("Meeting action", "Send the panel's notes", "Sam Ortiz")
    );
    assert_eq!(row.status_on(condition.key.due_on), "Open");
    assert_eq!(row.status_on(condition.key.due_on.succ_opt().unwrap()), "Overdue");
    // Among the conditions due that day, after them (the source breaks the tie).
    assert!(rows[..at].contains(&condition) && rows[..at].iter().all(|r| r.key.due_on <= row.key.due_on));
    assert!(rows[at + 1..].iter().all(|r| r.key.due_on > row.key.due_on));
    assert_eq!(store.deadline_key_of(DeadlineSource::MeetingAction, id).unwrap(), Some(row.key));
    let due =
        DeadlineFilter { due_from: Some(row.key.due_on), due_until: Some(row.key.due_on), ..DeadlineFilter::default() };
    assert!(store.deadline_keys(&due, 500).unwrap().contains(&row.key));
    for narrowed in [
        DeadlineFilter { service: Some(Service::Oocd), ..DeadlineFilter::default() },
        DeadlineFilter { provider_id: Some(1), ..DeadlineFilter::default() },
        DeadlineFilter { coordinator: CoordinatorFilter::Unallocated, ..DeadlineFilter::default() },
        DeadlineFilter { case_ids: Some(vec![0]), ..DeadlineFilter::default() },
    ] {
        assert!(!store.deadline_keys(&narrowed, 10_000).unwrap().contains(&row.key), "{narrowed:?}");
    }
    let day = row.key.due_on;
    store.write(|tx| tx.mark_action_done(id, day)).unwrap();
    assert_eq!(store.deadline_key_of(DeadlineSource::MeetingAction, id).unwrap(), None);
    assert_eq!(store.deadline_count(&DeadlineFilter::default()).unwrap().count, rows.len() - 1);
}
