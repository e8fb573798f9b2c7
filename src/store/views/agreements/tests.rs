//! Tests of the agreements read models and edits against a real store.

use chrono::NaiveDate;

use super::*;
use crate::domain::types::{ProcessKind, ProcessStatus, Service, Source};
use crate::store::model::{NewAgreement, NewAgreementItem, NewCase, NewProcess};
use crate::store::views::allocation::CoordinatorFilter::All;

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
}

fn case_at(store: &mut Store, path: &[&str]) -> i64 {
    store
        .write(|tx| {
            let key = tx.create_case(&NewCase::new(Service::Mediation, Source::Housing, day(2)))?;
            for to in path {
                tx.conn().execute("UPDATE case_file SET status = ?1 WHERE id = ?2", params![to, key.id])?;
            }
            Ok(key.id)
        })
        .unwrap()
}

fn process(store: &mut Store, case_id: i64, when: &str, status: ProcessStatus) -> i64 {
    let p = NewProcess {
        kind: ProcessKind::MediationJointMeeting,
        scheduled_for: parse_datetime(when),
        venue: Some("Hall".into()),
        room_booked: false,
        refreshments: None,
        facilitators: "A; B".into(),
        participants: "both neighbours".into(),
        status,
    };
    store.write(|tx| tx.add_process(case_id, &p)).unwrap()
}

#[test]
fn arrangements_page_soonest_first_then_cases_to_arrange() {
    let mut store = Store::open_in_memory().unwrap();
    let a = case_at(&mut store, &["preparation"]);
    let b = case_at(&mut store, &["process_arranged"]);
    let c = case_at(&mut store, &["preparation"]);
    let late = process(&mut store, a, "2026-11-30T10:00", ProcessStatus::Planned);
    let soon = process(&mut store, b, "2026-11-23T18:00", ProcessStatus::Confirmed);
    let all = store.arrangements_from(All, None, 10).unwrap();
    let ids: Vec<(Option<i64>, i64)> = all.iter().map(|r| (r.process_id, r.case_id)).collect();
    assert_eq!(ids, vec![(Some(soon), b), (Some(late), a), (None, c)]);
    assert_eq!(
        store.arrangement_counts(All).unwrap(),
        ArrangementCounts { processes: CappedCount::exact(2), to_arrange: CappedCount::exact(1) }
    );
    // Keyset paging: the page after the first row starts at the second.
    let next = store.arrangements_from(All, Some(&all[1].key), 1).unwrap();
    assert_eq!(next[0].process_id, Some(late));
    let before = store.arrangements_before(All, &all[2].key, 5).unwrap();
    assert_eq!(before.len(), 2);
    assert_eq!(before[0].process_id, Some(soon));
    assert_eq!(store.arrangements_before_count(All, &all[2].key).unwrap(), CappedCount::exact(2));
}

#[test]
fn a_postponed_process_shows_until_another_is_arranged() {
    let mut store = Store::open_in_memory().unwrap();
    let a = case_at(&mut store, &["preparation"]);
    let first = process(&mut store, a, "2026-11-23T10:00", ProcessStatus::Planned);
    store.write(|tx| tx.set_process_status(first, ProcessStatus::Postponed, day(20), None)).unwrap();
    let rows = store.arrangements_from(All, None, 10).unwrap();
    assert_eq!(rows.len(), 1, "shown once, as postponed, not also as to arrange");
    assert_eq!(rows[0].status.map(|s| s.as_str()), Some("postponed"));
    let second = process(&mut store, a, "2026-12-01T10:00", ProcessStatus::Planned);
    let rows = store.arrangements_from(All, None, 10).unwrap();
    assert_eq!(rows.iter().map(|r| r.process_id).collect::<Vec<_>>(), vec![Some(second)]);
}

#[test]
fn held_processes_await_their_agreement_then_the_agreement_lists_its_items() {
    let mut store = Store::open_in_memory().unwrap();
    let a = case_at(&mut store, &["process_held"]);
    let p = process(&mut store, a, "2026-11-10T10:00", ProcessStatus::Planned);
    store.write(|tx| tx.set_process_status(p, ProcessStatus::Held, day(10), None)).unwrap();
    let entries = store.agreements_from(All, None, 10).unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].agreement_id, None);
    assert_eq!(
        store.agreement_counts(All).unwrap(),
        AgreementCounts { to_record: CappedCount::exact(1), agreements: CappedCount::exact(0) }
    );
    let agreement = store
        .write(|tx| {
            let id = tx.add_agreement(&NewAgreement {
                process_id: p,
                agreed_on: day(10),
                signed_by_harmed: true,
                signed_by_responsible: true,
                copies_given: false,
                review_on: None,
            })?;
            tx.add_agreement_item(
                id,
                &NewAgreementItem {
                    description: "Keep music down after 10pm".into(),
                    kind: crate::domain::types::AgreementItemKind::BehaviourUndertaking,
                    owner: "Flat 3".into(),
                    responsible_person_id: None,
                    amount_pence: None,
                    due_on: day(30),
                    monitoring_method: Some("Phone check".into()),
                },
            )?;
            Ok(id)
        })
        .unwrap();
    let entries = store.agreements_from(All, None, 10).unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].agreement_id, Some(agreement));
    assert_eq!(entries[0].items.len(), 1);
    assert_eq!(entries[0].open_items(), 1);
    assert_eq!(entries[0].all_closed_on(), None);
    let item = entries[0].items[0].id;
    assert_eq!(store.agreement_key(a, Some(item)).unwrap(), Some(entries[0].key.clone()));
    assert_eq!(store.agreement_item_case(item).unwrap(), Some(a));
}

#[test]
fn editing_arrangements_writes_only_what_changed_and_refuses_history() {
    let mut store = Store::open_in_memory().unwrap();
    let a = case_at(&mut store, &["process_arranged"]);
    let p = process(&mut store, a, "2026-11-23T10:00", ProcessStatus::Planned);
    let edit = ProcessArrangements {
        scheduled_for: parse_datetime("2026-11-23T10:00"),
        venue: Some("Hall".into()),
        room_booked: true,
        refreshments: Some("tea".into()),
        facilitators: "A; B".into(),
        participants: "both neighbours".into(),
    };
    let changed = store.write(|tx| tx.update_process_arrangements(p, &edit)).unwrap();
    assert_eq!(changed, vec!["room booking", "refreshments"]);
    let row = store.process_row(p).unwrap().unwrap();
    assert!(row.room_booked);
    assert_eq!(row.refreshments.as_deref(), Some("tea"));
    let again = store.write(|tx| tx.update_process_arrangements(p, &edit)).unwrap();
    assert!(again.is_empty());
    store.write(|tx| tx.set_process_status(p, ProcessStatus::Held, day(23), None)).unwrap();
    let err = store.write(|tx| tx.update_process_arrangements(p, &edit)).unwrap_err();
    assert!(err.to_string().contains("held"), "{err}");
}
