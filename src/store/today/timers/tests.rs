//! Each timer lists its work from the first working day past its time,
//! never before, reads its length from the rule table, and lets go
//! of the work once it is done.

use chrono::NaiveDate;
use rusqlite::params;

use crate::domain::closure::WorkEnd;
use crate::domain::triage::{ItemKind, TodayItem, TodaySection};
use crate::domain::types::{AgreementItemKind, ContactChannel, ProcessKind, ProcessStatus, Service, Source};
use crate::store::model::{NewAgreement, NewAgreementItem, NewCase, NewContact, NewProcess};
use crate::store::{Day, Store};

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
}

/// Monday 2 November 2026: every timer here starts on it.
const START: u32 = 2;

/// The Timers section on `today`, as (kind, late) pairs.
fn timers_on(store: &Store, today: NaiveDate) -> Vec<(ItemKind, bool, String)> {
    let (calendar, rules) = (store.calendar().unwrap(), store.rules().unwrap());
    let items: Vec<TodayItem> = store.today_items(&Day::new(today, &calendar, &rules)).unwrap();
    let counted = store.today_count(&Day::new(today, &calendar, &rules), TodaySection::Timers).unwrap();
    let timers: Vec<_> =
        items.into_iter().filter(|i| i.section == TodaySection::Timers).map(|i| (i.kind, i.late, i.title)).collect();
    assert_eq!(counted, timers.len(), "the heading counts what the section lists");
    timers
}

fn kinds_on(store: &Store, today: NaiveDate) -> Vec<(ItemKind, bool)> {
    timers_on(store, today).into_iter().map(|(k, late, _)| (k, late)).collect()
}

fn referral(store: &mut Store, status: &str) -> i64 {
    let id = store
        .write(|tx| tx.create_case(&NewCase::new(Service::RestorativeJustice, Source::Police, day(START))))
        .unwrap()
        .id;
    // The status machine's guards are tested elsewhere: here the case is put
    // straight where the timer looks.
    store
        .conn()
        .execute(
            "UPDATE case_file SET status = ?1, status_changed_on = ?2 WHERE id = ?3",
            params![status, "2026-11-02", id],
        )
        .unwrap();
    id
}

/// A phone call to the parties logged on `on`.
fn phone_call(store: &mut Store, case_id: i64, on: NaiveDate, summary: &str) {
    let contact = NewContact {
        case_id,
        person_id: None,
        occurred_on: on,
        channel: ContactChannel::Phone,
        outgoing: true,
        summary: summary.into(),
        outcome: None,
        follow_up_on: None,
    };
    store.write(|tx| tx.log_contact(&contact)).unwrap();
}

#[test]
fn first_contact_runs_out_past_five_working_days_after_the_referral_came_in() {
    let mut store = Store::open_in_memory().unwrap();
    let id = referral(&mut store, "contacting_parties");
    assert_eq!(kinds_on(&store, day(9)), [], "5 working days: not yet");
    let listed = timers_on(&store, day(10));
    assert_eq!(listed, [(ItemKind::FirstContact, true, "RJ: no contact with the parties logged".to_string())]);
    phone_call(&mut store, id, day(10), "Rang the harmed party");
    assert_eq!(kinds_on(&store, day(10)), [], "a contact logged stops the timer");
}

#[test]
fn a_logged_referral_waits_two_working_days_for_its_transfer() {
    let mut store = Store::open_in_memory().unwrap();
    let id = referral(&mut store, "logged");
    let transfer =
        |store: &Store, d| kinds_on(store, day(d)).into_iter().filter(|(k, _)| *k == ItemKind::Transfer).count();
    assert_eq!(transfer(&store, 4), 0);
    assert_eq!(transfer(&store, 5), 1);
    store.conn().execute("UPDATE case_file SET status = 'transferred' WHERE id = ?1", [id]).unwrap();
    assert_eq!(transfer(&store, 5), 0, "transferred: the timer stops");
}

#[test]
fn a_timer_reads_its_length_from_the_rule_table() {
    let mut store = Store::open_in_memory().unwrap();
    referral(&mut store, "logged");
    let has = |store: &Store, kind: ItemKind, d: u32| kinds_on(store, day(d)).iter().any(|(k, _)| *k == kind);
    assert!(!has(&store, ItemKind::FirstContact, 4));
    store.write(|tx| tx.set_rule("FIRST_CONTACT_WD", 1.0, "the service rings the next day")).unwrap();
    assert!(!has(&store, ItemKind::FirstContact, 3), "Tuesday is the one working day allowed");
    assert!(has(&store, ItemKind::FirstContact, 4));
    store.write(|tx| tx.set_rule("TRANSFER_WD", 10.0, "coordinators are few")).unwrap();
    assert!(!has(&store, ItemKind::Transfer, 16), "Monday 16th is the tenth working day");
    assert!(has(&store, ItemKind::Transfer, 17));
}

/// An agreement recorded for a referral's held conference, with one item
/// per description, each due on `START`: (agreement, items).
fn agreement(store: &mut Store, case: i64, items: &[&str]) -> (i64, Vec<i64>) {
    store
        .write(|tx| {
            let process = tx.add_process(
                case,
                &NewProcess {
                    kind: ProcessKind::FaceToFaceConference,
                    scheduled_for: None,
                    venue: None,
                    room_booked: false,
                    refreshments: None,
                    facilitators: "A. Facilitator".into(),
                    participants: "harmed, responsible".into(),
                    status: ProcessStatus::Held,
                },
            )?;
            let agreement = tx.add_agreement(&NewAgreement {
                process_id: process,
                agreed_on: day(1),
                signed_by_harmed: true,
                signed_by_responsible: true,
                copies_given: true,
                review_on: None,
            })?;
            let mut ids = Vec::new();
            for description in items {
                let item = NewAgreementItem {
                    description: (*description).into(),
                    kind: AgreementItemKind::RepairWork,
                    owner: "J. Smith".into(),
                    responsible_person_id: None,
                    amount_pence: None,
                    due_on: day(START),
                    monitoring_method: None,
                };
                ids.push(tx.add_agreement_item(agreement, &item)?);
            }
            Ok((agreement, ids))
        })
        .unwrap()
}

#[test]
fn an_agreement_item_is_followed_up_again_past_five_working_days_after_it_fell_due() {
    let mut store = Store::open_in_memory().unwrap();
    let case = referral(&mut store, "agreement_monitoring");
    let (_, items) = agreement(&mut store, case, &["Repair the fence"]);
    let follow_ups = |store: &Store, d| -> Vec<String> {
        timers_on(store, day(d)).into_iter().filter(|(k, ..)| *k == ItemKind::AgreementFollowUp).map(|t| t.2).collect()
    };
    assert!(follow_ups(&store, 9).is_empty());
    assert_eq!(follow_ups(&store, 10), ["follow up again: Repair the fence"]);
    store.write(|tx| tx.complete_agreement_item(items[0], day(10), "photo of the fence")).unwrap();
    assert!(follow_ups(&store, 10).is_empty());
}

#[test]
fn the_harmed_party_is_told_the_result_within_five_working_days_of_the_last_item_closing() {
    let mut store = Store::open_in_memory().unwrap();
    let case = referral(&mut store, "agreement_monitoring");
    let (agreement, items) = agreement(&mut store, case, &["Repair the fence", "Write an apology"]);
    let to_tell = |store: &Store, d| -> Vec<String> {
        timers_on(store, day(d)).into_iter().filter(|(k, ..)| *k == ItemKind::HarmedInformed).map(|t| t.2).collect()
    };
    store.write(|tx| tx.complete_agreement_item(items[0], day(START), "photo of the fence")).unwrap();
    assert!(to_tell(&store, 20).is_empty(), "an item still open: nothing to tell yet");
    // The last item ends not done on Wednesday 4th: the timer runs from then.
    store.write(|tx| tx.end_agreement_item(items[1], WorkEnd::NotDone, day(4), "would not write it")).unwrap();
    assert!(to_tell(&store, 11).is_empty(), "5 working days since the last item closed: not yet");
    assert_eq!(to_tell(&store, 12), ["tell the harmed party the result"]);
    store.undo_last().unwrap();
    assert!(to_tell(&store, 12).is_empty(), "the closing undone: an item is open again");
    store.write(|tx| tx.end_agreement_item(items[1], WorkEnd::Waived, day(4), "the harmed party let it go")).unwrap();
    assert_eq!(to_tell(&store, 12).len(), 1, "a waived item closes it too");
    store.write(|tx| tx.mark_harmed_informed(agreement, day(12), "partially_completed")).unwrap();
    assert!(to_tell(&store, 12).is_empty(), "told: the timer stops");
    store.write(|tx| tx.set_rule("HARMED_INFORMED_WD", 10.0, "the service's own policy")).unwrap();
    store.conn().execute("UPDATE outcome_agreement SET harmed_party_informed_of_result_on = NULL", []).unwrap();
    assert!(to_tell(&store, 18).is_empty(), "the length is read from the rule");
    assert_eq!(to_tell(&store, 19).len(), 1);
}

#[test]
fn a_breach_awaits_its_decision_no_more_than_two_working_days() {
    let mut store = Store::open_in_memory().unwrap();
    let case = store.write(|tx| tx.create_case(&NewCase::new(Service::Oocd, Source::Police, day(1)))).unwrap().id;
    store
        .conn()
        .execute(
            "INSERT INTO breach (case_id, identified_on, description, referred_to) VALUES (?1, '2026-11-02', 'missed', ?2)",
            params![case, "PC Jones"],
        )
        .unwrap();
    assert_eq!(timers_on(&store, day(4)), []);
    let listed = timers_on(&store, day(5));
    assert_eq!(listed, [(ItemKind::BreachDecision, true, "breach awaiting a decision from PC Jones".to_string())]);
    store.conn().execute("UPDATE breach SET decision = 'no_further_action', status = 'decided'", []).unwrap();
    assert_eq!(timers_on(&store, day(5)), []);
}

#[test]
fn a_referral_with_no_progress_is_at_risk_past_five_working_days() {
    let mut store = Store::open_in_memory().unwrap();
    let id = referral(&mut store, "preparation");
    let at_risk = |store: &Store, d| -> Vec<String> {
        timers_on(store, day(d)).into_iter().filter(|(k, ..)| *k == ItemKind::AtRisk).map(|t| t.2).collect()
    };
    assert!(at_risk(&store, 9).is_empty(), "5 working days since the status moved: not yet");
    assert_eq!(at_risk(&store, 10), ["RJ: no progress recorded in preparation"]);
    phone_call(&mut store, id, day(10), "Prepared the harmed party for the meeting");
    assert!(at_risk(&store, 10).is_empty(), "a contact logged is progress");
    store.write(|tx| tx.set_rule("AT_RISK_WD", 10.0, "the service's own policy")).unwrap();
    store.conn().execute("DELETE FROM contact_log", []).unwrap();
    assert!(at_risk(&store, 16).is_empty(), "the length is read from the rule");
    assert_eq!(at_risk(&store, 17).len(), 1);
}

#[test]
fn progress_is_a_contact_a_checklist_answer_or_a_meeting_since_the_status_moved() {
    let mut store = Store::open_in_memory().unwrap();
    // Each moved to preparation on Monday 2 November; today is Monday 30th.
    let called = referral(&mut store, "preparation");
    let silent = referral(&mut store, "preparation");
    let called_long_ago = referral(&mut store, "preparation");
    let assessed = referral(&mut store, "preparation");
    phone_call(&mut store, called, day(27), "Prepared the harmed party");
    phone_call(&mut store, called_long_ago, day(16), "Prepared the harmed party");
    let entry = crate::store::model::ChecklistEntry {
        item_code: "RK_MH".into(),
        answer: crate::domain::checklist::Answer::No,
        severity: None,
        note: String::new(),
    };
    store.write(|tx| tx.answer_checklist(assessed, &entry, day(26))).unwrap();
    // The cases at risk, each with the day its progress stopped.
    let at_risk = |store: &Store| -> Vec<(i64, NaiveDate)> {
        let (calendar, rules) = (store.calendar().unwrap(), store.rules().unwrap());
        let items = store.today_items(&Day::new(day(30), &calendar, &rules)).unwrap();
        let listed = items.into_iter().filter(|i| i.kind == ItemKind::AtRisk);
        let mut cases: Vec<_> = listed.map(|i| (i.case_id, i.date)).collect();
        cases.sort();
        cases
    };
    assert_eq!(
        at_risk(&store),
        [(silent, day(START)), (called_long_ago, day(16))],
        "a contact 1 working day ago and an answer 2 are progress; one 10 working days ago no longer"
    );
    assert_eq!(timers_on(&store, day(30)).len(), 2, "the heading counts the same");
    store.undo_last().unwrap();
    assert_eq!(at_risk(&store), [(silent, day(START)), (called_long_ago, day(16)), (assessed, day(START))]);
    store.conn().execute("DELETE FROM contact_log WHERE case_id = ?1", [called]).unwrap();
    assert_eq!(at_risk(&store).len(), 4, "the contact gone: back to the status change");
}
