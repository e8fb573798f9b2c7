//! The Today queries, retention reviews booked on closing, and holidays.

use casedesk::domain::checklist::Decision;
use casedesk::domain::closure::WorkEnd;
use casedesk::domain::status::DisposalType;
use casedesk::domain::triage::{ItemKind, TodaySection};
use casedesk::domain::types::{ProcessKind, ProcessStatus, Service};
use casedesk::store::model::NewAgreement;
use casedesk::store::{Day, Store};
use rusqlite::params;

use super::{
    active_with, agreement_item, all_suitability_yes, apology, case, closed_resolution, contact, d, decision, process,
    referral_at_risk_assessment, status_of, FileDb,
};

// -------------------------------------------------------------- Today list

#[test]
fn the_today_list_has_exactly_the_expected_sections_and_references() {
    let mut db = FileDb::new();
    let rules = db.store.rules().unwrap();

    // OOCD-2026-0001: an adult conditional caution with five conditions.
    let (oocd, conds) = db.setup(|tx| {
        let dues = ["2026-11-18", "2026-11-20", "2026-11-27", "2026-11-30", "2026-11-19"];
        let (key, ids) =
            active_with(tx, DisposalType::AdultConditionalCaution, "2026-11-02", &dues.map(apology), &rules)?;
        // Done already: not on the list although its date has passed.
        tx.complete_condition(ids[4], d("2026-11-17"), "letter received")?;
        Ok((key, ids))
    });

    // RJ-2026-0001: conference held, agreement, a follow-up, two meetings ahead.
    let (rj, overdue_item, meeting, follow_up) = db.setup(|tx| {
        let key = referral_at_risk_assessment(tx, &case(Service::RestorativeJustice, "2026-10-01"), "2026-10-02")?;
        all_suitability_yes(tx, key.id, "2026-10-05")?;
        tx.record_decision(key.id, &decision(Decision::Suitable, "both willing", "2026-10-06", None))?;
        tx.change_status_path(
            key.id,
            &["logged", "transferred", "contacting_parties", "preparation", "process_arranged"],
            d("2026-10-07"),
        )?;
        let held = tx.add_process(
            key.id,
            &process(ProcessKind::FaceToFaceConference, "2026-11-10 10:00", ProcessStatus::Held),
        )?;
        let agreement = tx.add_agreement(&NewAgreement {
            process_id: held,
            agreed_on: d("2026-11-10"),
            signed_by_harmed: true,
            signed_by_responsible: true,
            copies_given: true,
            review_on: Some(d("2026-12-15")),
        })?;
        let overdue_item = tx.add_agreement_item(agreement, &agreement_item("mend the fence", "2026-11-17"))?;
        tx.add_agreement_item(agreement, &agreement_item("write to the school", "2026-12-15"))?;
        let meeting = tx.add_process(
            key.id,
            &process(ProcessKind::CommunityConference, "2026-11-23 10:00", ProcessStatus::Confirmed),
        )?;
        // The day after the next working day: not yet.
        tx.add_process(key.id, &process(ProcessKind::VideoCall, "2026-11-24 14:00", ProcessStatus::Planned))?;
        let follow_up = tx.log_contact(&contact(key.id, "2026-11-12", Some("2026-11-19")))?;
        tx.log_contact(&contact(key.id, "2026-11-12", Some("2026-11-23")))?;
        Ok((key, overdue_item, meeting, follow_up))
    });

    // RJ-2026-0002: received Monday, not sense-checked by Friday.
    let referral = db.store.write(|tx| tx.create_case(&case(Service::RestorativeJustice, "2026-11-16"))).unwrap();

    // MED-2026-0001: in risk assessment since 2 November.
    let mediation = db
        .store
        .write(|tx| referral_at_risk_assessment(tx, &case(Service::Mediation, "2026-10-20"), "2026-11-02"))
        .unwrap();

    // OOCD-2019-0001: closed seven years ago, retention review now due.
    let closed = db.setup(|tx| closed_resolution(tx, "2019-10-01", "2019-11-20", &rules));

    let refs = [&oocd.reference, &rj.reference, &referral.reference, &mediation.reference, &closed.reference];
    assert_eq!(refs, ["OOCD-2026-0001", "RJ-2026-0001", "RJ-2026-0002", "MED-2026-0001", "OOCD-2019-0001"]);

    let items = db.today_items(&rules);
    let got: Vec<_> = items
        .iter()
        .map(|i| {
            (i.section, i.kind, i.case_ref.as_str(), i.date.format("%Y-%m-%d").to_string(), i.working_days, i.late)
        })
        .collect();
    let want: Vec<(TodaySection, ItemKind, &str, String, i64, bool)> = vec![
        (TodaySection::NewReferrals, ItemKind::Referral, "RJ-2026-0002", "2026-11-16".into(), 4, true),
        (TodaySection::Checklists, ItemKind::Checklist, "MED-2026-0001", "2026-11-02".into(), 14, true),
        (TodaySection::Overdue, ItemKind::AgreementItem, "RJ-2026-0001", "2026-11-17".into(), 3, true),
        (TodaySection::Overdue, ItemKind::Condition, "OOCD-2026-0001", "2026-11-18".into(), 2, true),
        (TodaySection::DueToday, ItemKind::Condition, "OOCD-2026-0001", "2026-11-20".into(), 0, false),
        (TodaySection::DueSoon, ItemKind::Condition, "OOCD-2026-0001", "2026-11-27".into(), -5, false),
        (TodaySection::FollowUps, ItemKind::FollowUp, "RJ-2026-0001", "2026-11-19".into(), 1, true),
        (TodaySection::Meetings, ItemKind::Meeting, "RJ-2026-0001", "2026-11-23".into(), 0, false),
        (TodaySection::RetentionReviews, ItemKind::Retention, "OOCD-2019-0001", "2025-11-20".into(), 0, true),
    ];
    // The retention review's age is whatever a year of working days is; compare it apart.
    let mut got_fixed = got.clone();
    let retention_age = got_fixed.last_mut().map(|g| std::mem::replace(&mut g.4, 0));
    assert_eq!(got_fixed, want);
    let calendar = db.store.calendar().unwrap();
    assert_eq!(retention_age, Some(calendar.working_days_between(d("2025-11-20"), d("2026-11-20"))));

    // Each entry points at its own row.
    let ids: Vec<i64> = items.iter().map(|i| i.entity_id).collect();
    let retention_id: i64 =
        db.raw().query_row("SELECT id FROM retention WHERE case_id = ?1", params![closed.id], |r| r.get(0)).unwrap();
    assert_eq!(
        ids,
        [referral.id, mediation.id, overdue_item, conds[0], conds[1], conds[2], follow_up, meeting, retention_id]
    );
    assert!(items[7].title.starts_with("10:00 Community conference at Town Hall"), "{}", items[7].title);
}

#[test]
fn a_meeting_with_no_venue_is_listed_at_no_place() {
    let mut db = FileDb::new();
    let rules = db.store.rules().unwrap();
    db.setup(|tx| {
        let key = referral_at_risk_assessment(tx, &case(Service::RestorativeJustice, "2026-10-01"), "2026-10-02")?;
        tx.change_status_path(
            key.id,
            &["suitable", "logged", "transferred", "contacting_parties", "preparation"],
            d("2026-10-07"),
        )?;
        let mut call = process(ProcessKind::VideoCall, "2026-11-23 14:00", ProcessStatus::Planned);
        call.venue = None;
        tx.add_process(key.id, &call)
    });
    let items = db.today_items(&rules);
    let meeting = items.iter().find(|i| i.section == TodaySection::Meetings).expect("the call is listed");
    // It read "14:00 Video call at ." before.
    assert!(meeting.title.starts_with("14:00 Video call"), "{}", meeting.title);
    assert!(!meeting.title.contains(" at "), "{}", meeting.title);
}

#[test]
fn closing_a_case_books_its_retention_review_six_years_on() {
    let mut db = FileDb::new();
    let rules = db.store.rules().unwrap();
    let key = db.setup(|tx| closed_resolution(tx, "2026-11-02", "2026-11-20", &rules));
    let raw = db.raw();
    let (closed_on, review_due): (String, String) = raw
        .query_row("SELECT closed_on, review_due FROM retention WHERE case_id = ?1", params![key.id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!((closed_on.as_str(), review_due.as_str()), ("2026-11-20", "2032-11-20"));
    assert_eq!(status_of(&raw, key.id), "closed");
}

#[test]
fn a_holiday_added_by_hand_moves_the_next_working_day() {
    let mut db = FileDb::new();
    let rules = db.store.rules().unwrap();
    db.setup(|tx| {
        let key = tx.create_case(&case(Service::Mediation, "2026-11-02"))?;
        tx.add_process(
            key.id,
            &process(ProcessKind::MediationJointMeeting, "2026-11-23 10:00", ProcessStatus::Planned),
        )?;
        tx.add_process(key.id, &process(ProcessKind::MediationShuttle, "2026-11-24 10:00", ProcessStatus::Planned))?;
        Ok(())
    });
    let meeting_dates = |store: &Store| {
        let calendar = store.calendar().unwrap();
        let items = store.today_items(&Day::new(d("2026-11-20"), &calendar, &rules)).unwrap();
        items.iter().filter(|i| i.kind == ItemKind::Meeting).map(|i| i.date.to_string()).collect::<Vec<_>>()
    };
    assert_eq!(meeting_dates(&db.store), ["2026-11-23"]);
    db.raw()
        .execute("INSERT INTO bank_holiday (date, name, source) VALUES ('2026-11-23', 'Local closure', 'manual')", [])
        .unwrap();
    assert_eq!(meeting_dates(&db.store), ["2026-11-23", "2026-11-24"]);
}

#[test]
fn a_withdrawn_cases_conditions_leave_the_today_list() {
    let mut db = FileDb::new();
    let rules = db.store.rules().unwrap();
    db.setup(|tx| {
        let (key, _) =
            active_with(tx, DisposalType::AdultConditionalCaution, "2026-11-02", &[apology("2026-11-18")], &rules)?;
        // Nothing is left open when a case ends: the condition is marked not done first.
        for work in tx.open_work(key.id)? {
            tx.end_work(&work, WorkEnd::NotDone, d("2026-11-19"), "consent withdrawn")?;
        }
        tx.change_status(key.id, "withdrawn", d("2026-11-19"))
    });
    let items = db.today_items(&rules);
    assert_eq!(items, [], "a withdrawn case has no work left to do");
}

#[test]
fn a_case_closed_on_29_february_is_reviewed_no_earlier_than_six_years_on() {
    let mut db = FileDb::new();
    let rules = db.store.rules().unwrap();
    let key = db.setup(|tx| closed_resolution(tx, "2024-02-01", "2024-02-29", &rules));
    let due: String = db
        .raw()
        .query_row("SELECT review_due FROM retention WHERE case_id = ?1", params![key.id], |r| r.get(0))
        .unwrap();
    assert!(due.as_str() == "2030-02-28" || due.as_str() == "2030-03-01", "review booked for {due}");
}

/// A follow-up on Today reads as a person would write it: what the contact
/// was and with whom, never "follow up phone contact".
#[test]
fn a_follow_up_says_what_the_contact_was_and_with_whom() {
    use casedesk::domain::referrals::SpokeWithKind;
    use casedesk::domain::types::ContactChannel;
    use casedesk::store::SpokeWith;
    let mut db = FileDb::new();
    let rules = db.store.rules().unwrap();
    db.setup(|tx| {
        let key = tx.create_case(&case(Service::RestorativeJustice, "2026-11-02"))?;
        let who = SpokeWith { kind: SpokeWithKind::Party, name: "the referrer".into() };
        tx.log_contact_with(&contact(key.id, "2026-11-12", Some("2026-11-19")), Some(&who))?;
        let mut email = contact(key.id, "2026-11-13", Some("2026-11-19"));
        (email.channel, email.outgoing) = (ContactChannel::Email, false);
        tx.log_contact(&email)
    });
    let titles: Vec<String> =
        db.today_items(&rules).into_iter().filter(|i| i.section == TodaySection::FollowUps).map(|i| i.title).collect();
    assert_eq!(titles, ["follow up the call with the referrer: left a message", "follow up the email: left a message"]);
}
