//! The Today list read a page at a time gives the whole list, once, in
//! order; and the sections hold what the list held before it was paged.

use std::collections::BTreeSet;

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::params;

use super::{Day, TodayPlace, TodayRow, TodayRows};
use crate::domain::triage::{deadline_section, ItemKind, TodayItem, TodaySection};
use crate::domain::types::{ProcessKind, ProcessStatus};
use crate::store::model::NewProcess;
use crate::store::reads::day_text;
use crate::store::Store;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()
}

fn at(text: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap()
}

/// A demo desk, with meetings added so that one day holds booked and
/// unbooked rooms at the same and at different times.
fn desk() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    crate::demo::generate(&mut store, &crate::demo::DemoOptions { cases: 300, seed: 3, today: today() }).unwrap();
    let cases: Vec<i64> = store
        .conn()
        .prepare("SELECT id FROM case_file WHERE service <> 'oocd' AND status NOT IN ('closed', 'withdrawn') LIMIT 6")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let meetings = [
        ("2026-11-20 09:00", true),
        ("2026-11-20 09:00", false),
        ("2026-11-20 14:00", false),
        ("2026-11-20 08:00", true),
        ("2026-11-23 10:00", true),
        ("2026-11-23 10:00", false),
    ];
    store
        .write(|tx| {
            for (case_id, (when, room_booked)) in cases.iter().zip(meetings) {
                let process = NewProcess {
                    kind: ProcessKind::FaceToFaceConference,
                    scheduled_for: Some(at(when)),
                    venue: Some("Town Hall".into()),
                    room_booked,
                    refreshments: None,
                    facilitators: "A. Facilitator".into(),
                    participants: "harmed, responsible".into(),
                    status: ProcessStatus::Confirmed,
                };
                tx.add_process(*case_id, &process)?;
            }
            Ok(())
        })
        .unwrap();
    finalise_some(&mut store);
    store
}

/// Disposals whose conditions are all done, as a plain query finds them.
const READY: &str = "SELECT d.id, ?1 FROM oocd_disposal d JOIN case_file c ON c.id = d.case_id
     WHERE d.finalised_on IS NULL AND d.issued_on IS NOT NULL
       AND c.status IN ('issued', 'active', 'at_risk', 'completed', 'prosecution')
       AND NOT EXISTS (SELECT 1 FROM condition k WHERE k.case_id = d.case_id
                        AND k.status IN ('active', 'referred', 'booked', 'in_progress', 'varied'))
       AND (d.disposal_type = 'youth_caution' OR EXISTS (SELECT 1 FROM condition k WHERE k.case_id = d.case_id))";

/// Finalise two of the disposals ready for it, so the police record has
/// cases to list and the rest stay ready.
fn finalise_some(store: &mut Store) {
    let ready: Vec<i64> = store
        .conn()
        .prepare(&READY.replace("d.id, ?1", "d.case_id, ''"))
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(ready.len() > 3, "the demo desk has disposals ready to finalise: {ready:?}");
    for case_id in &ready[..2] {
        let state = store.finalising_of(*case_id).unwrap().unwrap();
        let outcome = crate::domain::status::outcome_for(state.disposal, state.status);
        store.write(|tx| tx.finalise_case(*case_id, outcome, today(), None)).unwrap();
    }
}

fn with_day<T>(store: &Store, f: impl FnOnce(&Day<'_>) -> T) -> T {
    let (calendar, rules) = (store.calendar().unwrap(), store.rules().unwrap());
    f(&Day::new(today(), &calendar, &rules))
}

/// The whole list as rows: each heading, then its section's items.
fn whole(items: &[TodayItem]) -> Vec<TodayRow> {
    let mut rows = Vec::new();
    for section in TodaySection::ALL {
        rows.push(TodayRow::Heading(*section));
        rows.extend(items.iter().filter(|i| i.section == *section).cloned().map(TodayRow::Item));
    }
    rows
}

fn place_of(row: &TodayRow) -> TodayPlace {
    match row {
        TodayRow::Heading(s) => TodayPlace::Heading(*s),
        TodayRow::Item(i) => TodayPlace::Item(i.key()),
    }
}

/// The list has what makes paging hard: days whose items are of both
/// kinds, checklists of two services on one day, and a day of meetings
/// with rooms booked and not, at one time and at others.
fn assert_ties(items: &[TodayItem]) {
    let days_of = |section, kind| -> BTreeSet<NaiveDate> {
        items.iter().filter(|i| i.section == section && i.kind == kind).map(|i| i.date).collect()
    };
    let both = days_of(TodaySection::DueSoon, ItemKind::Condition)
        .intersection(&days_of(TodaySection::DueSoon, ItemKind::AgreementItem))
        .count();
    assert!(both > 0, "no day due soon holds both kinds");
    let checklist_days: Vec<_> =
        items.iter().filter(|i| i.section == TodaySection::Checklists).map(|i| i.date).collect();
    assert!(checklist_days.windows(2).any(|w| w[0] == w[1]), "no day with two checklists");
    let meetings: Vec<_> =
        items.iter().filter(|i| i.section == TodaySection::Meetings).map(|i| (i.date, i.late)).collect();
    assert!(meetings.windows(2).any(|w| w[0].0 == w[1].0 && w[0].1 && !w[1].1), "no day with both kinds of room");
}

#[test]
fn pages_walked_either_way_give_the_whole_list_once_in_order() {
    let store = desk();
    with_day(&store, |day| {
        let items = store.today_items(day).unwrap();
        assert_ties(&items);
        let all = whole(&items);
        assert!(all.len() > 150, "the list holds {} rows", all.len());
        for size in [1, 2, 3, 7, 40] {
            let mut walked: Vec<TodayRow> = Vec::new();
            let mut page = store.today_rows_after(day, &TodayPlace::Start, size).unwrap();
            loop {
                assert!(page.rows.len() == size || !page.more, "a short page with more to come");
                walked.extend(page.rows);
                if !page.more {
                    break;
                }
                page = store.today_rows_after(day, &place_of(walked.last().unwrap()), size).unwrap();
            }
            assert_eq!(walked, all, "forwards, {size} at a time");

            let mut back: Vec<TodayRow> = Vec::new();
            let mut page = store.today_rows_before(day, &TodayPlace::End, size).unwrap();
            loop {
                assert!(page.rows.len() == size || !page.more, "a short page with more to come");
                back.splice(0..0, page.rows);
                if !page.more {
                    break;
                }
                page = store.today_rows_before(day, &place_of(&back[0]), size).unwrap();
            }
            assert_eq!(back, all, "backwards, {size} at a time");
        }
    });
}

#[test]
fn the_list_splits_at_any_item_or_heading() {
    let store = desk();
    with_day(&store, |day| {
        let all = whole(&store.today_items(day).unwrap());
        for (n, row) in all.iter().enumerate() {
            let before = store.today_rows_before(day, &place_of(row), 10_000).unwrap();
            let after = store.today_rows_after(day, &place_of(row), 10_000).unwrap();
            assert_eq!(before, TodayRows { rows: all[..n].to_vec(), more: false }, "before row {n}");
            assert_eq!(after, TodayRows { rows: all[n + 1..].to_vec(), more: false }, "after row {n}");
            if let TodayRow::Item(item) = row {
                let from = store.today_rows_after(day, &TodayPlace::Item(item.key().just_before()), 1).unwrap();
                assert_eq!(from.rows, std::slice::from_ref(row), "from row {n}");
                assert_eq!(from.more, n + 1 < all.len());
            }
        }
    });
}

#[test]
fn a_gone_item_leaves_its_place_to_the_next() {
    let mut store = desk();
    let items = with_day(&store, |day| store.today_items(day).unwrap());
    // A condition due soon with others of its section either side.
    let at = (1..items.len() - 1)
        .find(|n| {
            let due_soon = |i: &TodayItem| i.section == TodaySection::DueSoon;
            items[*n].kind == ItemKind::Condition && due_soon(&items[n - 1]) && due_soon(&items[n + 1])
        })
        .unwrap();
    let gone = items[at].clone();
    store.write(|tx| tx.complete_condition(gone.entity_id, today(), "certificate seen")).unwrap();
    with_day(&store, |day| {
        let next = store.today_rows_after(day, &TodayPlace::Item(gone.key().just_before()), 1).unwrap();
        assert_eq!(next.rows, [TodayRow::Item(items[at + 1].clone())]);
        let before = store.today_rows_before(day, &TodayPlace::Item(gone.key()), 1).unwrap();
        assert_eq!(before.rows, [TodayRow::Item(items[at - 1].clone())]);
    });
}

#[test]
fn counts_match_the_sections() {
    let store = desk();
    with_day(&store, |day| {
        let items = store.today_items(day).unwrap();
        for section in TodaySection::ALL {
            let n = items.iter().filter(|i| i.section == *section).count();
            assert_eq!(store.today_count(day, *section).unwrap(), n, "{section:?}");
        }
    });
}

/// Every (section, kind, id) the list should hold, read as the list was
/// read before it was paged: one plain query per kind of work, sections
/// worked out in Rust.
fn expected(store: &Store, day: &Day<'_>) -> BTreeSet<(TodaySection, ItemKind, i64)> {
    let live = "c.status NOT IN ('closed', 'withdrawn')";
    let horizon = day.horizon();
    let until = day.calendar.next_working_day(day.today);
    let rows = |sql: &str, value: String| -> Vec<(i64, String)> {
        let mut stmt = store.conn().prepare(sql).unwrap();
        let rows = stmt.query_map(params![value], |r| Ok((r.get(0)?, r.get::<_, Option<String>>(1)?))).unwrap();
        rows.map(|r| r.map(|(id, d)| (id, d.unwrap_or_default()))).collect::<Result<_, _>>().unwrap()
    };
    let mut out = BTreeSet::new();
    let referrals = "SELECT id, ?1 FROM case_file WHERE service IN ('restorative_justice', 'mediation')
                     AND status IN ('received', 'sense_check')";
    for (id, _) in rows(referrals, String::new()) {
        out.insert((TodaySection::NewReferrals, ItemKind::Referral, id));
    }
    for (id, _) in rows("SELECT id, ?1 FROM case_file WHERE status = 'risk_assessment'", String::new()) {
        out.insert((TodaySection::Checklists, ItemKind::Checklist, id));
    }
    let conditions = format!(
        "SELECT k.id, k.due_on FROM condition k JOIN case_file c ON c.id = k.case_id
         WHERE k.status IN ('active', 'referred', 'booked', 'in_progress', 'varied') AND k.due_on <= ?1 AND {live}"
    );
    let agreement_items = format!(
        "SELECT i.id, i.due_on FROM agreement_item i JOIN outcome_agreement a ON a.id = i.agreement_id
         JOIN rj_process p ON p.id = a.process_id JOIN case_file c ON c.id = p.case_id
         WHERE i.status IN ('open', 'overdue') AND i.due_on <= ?1 AND {live}"
    );
    for (sql, kind) in [(conditions, ItemKind::Condition), (agreement_items, ItemKind::AgreementItem)] {
        for (id, due) in rows(&sql, day_text(horizon)) {
            let due = crate::store::reads::parse_day(&due);
            out.insert((deadline_section(due, day.today, horizon).unwrap(), kind, id));
        }
    }
    let follow_ups = format!(
        "SELECT l.id, ?1 FROM contact_log l JOIN case_file c ON c.id = l.case_id
         WHERE l.follow_up_done = 0 AND l.follow_up_on <= ?1 AND {live}"
    );
    for (id, _) in rows(&follow_ups, day_text(day.today)) {
        out.insert((TodaySection::FollowUps, ItemKind::FollowUp, id));
    }
    let meetings = format!(
        "SELECT m.id, m.scheduled_for FROM rj_process m JOIN case_file c ON c.id = m.case_id
         WHERE m.status IN ('planned', 'confirmed') AND m.scheduled_for >= ?1 AND {live}"
    );
    for (id, when) in rows(&meetings, day_text(day.today)) {
        if crate::store::reads::parse_day(&when) <= until {
            out.insert((TodaySection::Meetings, ItemKind::Meeting, id));
        }
    }
    for (id, _) in rows("SELECT id, ?1 FROM retention WHERE decision IS NULL AND review_due <= ?1", day_text(day.today))
    {
        out.insert((TodaySection::RetentionReviews, ItemKind::Retention, id));
    }
    for (id, _) in rows(READY, String::new()) {
        out.insert((TodaySection::ReadyToFinalise, ItemKind::Finalise, id));
    }
    let police = "SELECT id, ?1 FROM oocd_disposal WHERE finalised_on IS NOT NULL AND police_record_updated_on IS NULL";
    for (id, _) in rows(police, String::new()) {
        out.insert((TodaySection::PoliceRecord, ItemKind::PoliceRecord, id));
    }
    out.extend(timers_expected(store, day));
    let horizon = day_text(crate::domain::directory::vetting_horizon(day.today, day.rules));
    let vetting = "SELECT id, ?1 FROM facilitator WHERE active = 1 AND vetting_expires <= ?1";
    for (id, _) in rows(vetting, horizon) {
        out.insert((TodaySection::Vetting, ItemKind::Vetting, id));
    }
    out
}

/// The timers' items, read plainly: work whose start is more than its
/// timer's working days ago.
fn timers_expected(store: &Store, day: &Day<'_>) -> BTreeSet<(TodaySection, ItemKind, i64)> {
    let live = "c.status NOT IN ('closed', 'withdrawn')";
    let timers = [
        (
            ItemKind::FirstContact,
            "FIRST_CONTACT_WD".to_string(),
            "SELECT id, received_on FROM case_file c WHERE status IN ('logged', 'transferred', 'contacting_parties')
             AND id NOT IN (SELECT case_id FROM contact_log)"
                .to_string(),
        ),
        (
            ItemKind::Transfer,
            "TRANSFER_WD".into(),
            "SELECT id, status_changed_on FROM case_file WHERE status = 'logged'".into(),
        ),
        (
            ItemKind::AgreementFollowUp,
            "AGREEMENT_FOLLOWUP_WD".into(),
            format!(
                "SELECT i.id, i.due_on FROM agreement_item i JOIN outcome_agreement a ON a.id = i.agreement_id
                 JOIN rj_process p ON p.id = a.process_id JOIN case_file c ON c.id = p.case_id
                 WHERE i.status IN ('open', 'overdue') AND {live}"
            ),
        ),
        (
            ItemKind::BreachDecision,
            "BREACH_CONFIRM_WD".into(),
            format!("SELECT b.id, b.identified_on FROM breach b JOIN case_file c ON c.id = b.case_id WHERE b.decision = 'pending' AND {live}"),
        ),
        (
            ItemKind::HarmedInformed,
            "HARMED_INFORMED_WD".into(),
            format!(
                "SELECT a.id, max(i.completed_on) FROM outcome_agreement a JOIN agreement_item i ON i.agreement_id = a.id
                 JOIN rj_process p ON p.id = a.process_id JOIN case_file c ON c.id = p.case_id
                 WHERE a.harmed_party_informed_of_result_on IS NULL AND a.status <> 'none_wanted' AND {live}
                 GROUP BY a.id HAVING sum(i.status IN ('open', 'overdue')) = 0 AND max(i.completed_on) IS NOT NULL"
            ),
        ),
        (
            ItemKind::AtRisk,
            "AT_RISK_WD".into(),
            // Progress: the status change, or a later contact, checklist
            // answer or meeting not cancelled (issue 13 §5).
            "SELECT c.id, max(c.status_changed_on,
                              coalesce((SELECT max(occurred_on) FROM contact_log WHERE case_id = c.id), ''),
                              coalesce((SELECT max(checked_on) FROM checklist_answer WHERE case_id = c.id), ''),
                              coalesce((SELECT max(substr(coalesce(held_on, scheduled_for), 1, 10)) FROM rj_process
                                         WHERE case_id = c.id AND status <> 'cancelled'), ''))
               FROM case_file c WHERE c.status IN ('contacting_parties', 'preparation')
             AND (c.status = 'preparation' OR EXISTS (SELECT 1 FROM contact_log l WHERE l.case_id = c.id))"
                .into(),
        ),
    ];
    let mut out = BTreeSet::new();
    for (kind, rule, sql) in timers {
        let limit = i64::from(day.rules.get(&rule).unwrap().value as u32);
        let mut stmt = store.conn().prepare(&sql).unwrap();
        let found = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))).unwrap();
        for (id, since) in found.map(Result::unwrap) {
            if day.age(crate::store::reads::parse_day(&since)) > limit {
                out.insert((TodaySection::Timers, kind, id));
            }
        }
    }
    out
}

#[test]
fn the_sections_hold_what_plain_queries_find() {
    let store = desk();
    with_day(&store, |day| {
        let items = store.today_items(day).unwrap();
        let got: Vec<_> = items.iter().map(|i| (i.section, i.kind, i.entity_id)).collect();
        let want = expected(&store, day);
        assert_eq!(got.iter().copied().collect::<BTreeSet<_>>(), want);
        assert_eq!(got.len(), want.len(), "no item twice");
        let sections: BTreeSet<_> = want.iter().map(|(s, _, _)| *s).collect();
        assert_eq!(sections.len(), TodaySection::ALL.len(), "every section has items");
    });
}

/// Filtered by coordinator (issue 14 §2), every section holds the items of
/// that coordinator's cases only, counted alike; a facilitator's vetting,
/// nobody's case, is left out.
#[test]
fn a_coordinator_filter_keeps_their_cases_items_only() {
    use crate::store::views::allocation::CoordinatorFilter;
    let mut store = desk();
    // A meeting's action due today that concerns no case: on everyone's
    // list, on no coordinator's (nor under "no coordinator yet").
    store
        .write(|tx| {
            let meeting = tx.record_meeting(&crate::store::NewMeeting {
                held_at: today().and_hms_opt(10, 0, 0).unwrap(),
                title: "Team meeting".into(),
                place: None,
                room_id: None,
                agenda: None,
                attendees: Vec::new(),
            })?;
            tx.add_meeting_action(&crate::store::NewMeetingAction {
                meeting_id: meeting,
                what: "Circulate the rota".into(),
                owner: crate::domain::meetings::Who::typed("Sam Okafor", None),
                due_on: today(),
                case_id: None,
            })
        })
        .unwrap();
    let all = with_day(&store, |day| store.today_items(day).unwrap());
    assert!(all.iter().any(|i| i.kind == ItemKind::MeetingAction), "the action is on everyone's list");
    let held = store.coordinators_of(&all.iter().map(|i| i.case_id).collect::<Vec<_>>()).unwrap();
    let ids: std::collections::HashMap<String, i64> =
        store.filter_coordinators().unwrap().into_iter().map(|c| (c.name, c.id)).collect();
    let holder = |item: &TodayItem| held.get(&item.case_id).map(|name| ids[name]);
    let busiest = all.iter().filter_map(holder).max().expect("the demo allocates cases");
    for (wanted, who) in [(CoordinatorFilter::Only(busiest), Some(busiest)), (CoordinatorFilter::Unallocated, None)] {
        let expected: Vec<TodayItem> = all
            .iter()
            .filter(|i| !matches!(i.kind, ItemKind::Vetting | ItemKind::MeetingAction) && holder(i) == who)
            .cloned()
            .collect();
        assert!(!expected.is_empty() && expected.len() < all.len(), "{wanted:?} narrows the list");
        with_day(&store, |day| {
            let day = Day { coordinator: wanted, ..Day::new(day.today, day.calendar, day.rules) };
            assert_eq!(store.today_items(&day).unwrap(), expected, "{wanted:?}");
            for section in TodaySection::ALL {
                let n = expected.iter().filter(|i| i.section == *section).count();
                assert_eq!(store.today_count(&day, *section).unwrap(), n, "{wanted:?} {section:?}");
            }
        });
    }
}
