//! Issue 14 §3, §4 in the store: a condition referred to a provider, the
//! provider's return completing or flagging it, contacts naming who was
//! spoken to, a follow-up's outcome, and enquiries that concern no case.
//! Every change audited and undone whole.

use super::*;
use casedesk::domain::referrals::{ProviderReturn, SpokeWithKind};
use casedesk::domain::triage::ItemKind;
use casedesk::store::model::NewProvider;
use casedesk::store::{NewEnquiry, NewReferral, SpokeWith};

/// An active caution with a course condition and a provider: (condition, provider).
fn course_and_provider(db: &mut FileDb) -> (i64, i64) {
    let rules = db.store.rules().unwrap();
    db.setup(|tx| {
        let course = condition(ConditionKind::RehabCourse, ConditionObject::Rehabilitation, None, "2026-12-18");
        let (_, ids) = active_with(tx, DisposalType::AdultConditionalCaution, "2026-11-02", &[course], &rules)?;
        let id = ids[0];
        let provider = tx.add_provider(&NewProvider {
            name: "Northgate Courses".into(),
            kind: "course".into(),
            email: None,
            phone: None,
            sla_ack_working_days: 5,
        })?;
        Ok((id, provider))
    })
}

fn refer(db: &mut FileDb, condition_id: i64, provider_id: i64, booked: Option<&str>) -> i64 {
    let calendar = db.store.calendar().unwrap();
    let r = NewReferral {
        condition_id,
        provider_id,
        sent_on: d("2026-11-09"),
        method: "Email".into(),
        booked_for: booked.map(d),
    };
    db.setup(|tx| tx.refer_to_provider(&r, &calendar))
}

fn condition_status(db: &FileDb, id: i64) -> (String, Option<i64>) {
    db.raw()
        .query_row("SELECT status, provider_id FROM condition WHERE id = ?1", params![id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap()
}

#[test]
fn a_referral_names_the_provider_books_the_condition_and_is_undone_whole() {
    let mut db = FileDb::new();
    let (course, provider) = course_and_provider(&mut db);
    let referral = refer(&mut db, course, provider, Some("2026-11-25"));
    assert_eq!(condition_status(&db, course), ("booked".to_string(), Some(provider)));
    let (method, ack_due): (String, String) = db
        .raw()
        .query_row("SELECT method, ack_due FROM provider_referral WHERE id = ?1", params![referral], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    // Five working days from Monday 9 November.
    assert_eq!((method.as_str(), ack_due.as_str()), ("Email", "2026-11-16"));
    let open = db.store.open_referral(course).unwrap().expect("awaiting the return");
    assert_eq!((open.id, open.provider.as_str()), (referral, "Northgate Courses"));
    let listed = db.store.provider_returns_outstanding(Some(provider)).unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].case_ref, "OOCD-2026-0001");

    let words = db.store.undo_last().unwrap().expect("something to undo");
    assert!(words.contains("marked booked"), "{words}");
    assert_eq!(condition_status(&db, course), ("active".to_string(), None));
    assert_eq!(db.count("provider_referral"), 0);
}

#[test]
fn a_completed_return_completes_the_condition() {
    let mut db = FileDb::new();
    let (course, provider) = course_and_provider(&mut db);
    let referral = refer(&mut db, course, provider, None);
    db.setup(|tx| tx.record_provider_return(referral, ProviderReturn::Completed, d("2026-11-19"), "certificate 88"));
    assert_eq!(condition_status(&db, course).0, "completed");
    let evidence: String =
        db.raw().query_row("SELECT evidence FROM condition WHERE id = ?1", params![course], |r| r.get(0)).unwrap();
    assert_eq!(evidence, "return from Northgate Courses: completed; certificate 88");
    assert!(db.store.open_referral(course).unwrap().is_none());
    assert!(db.store.provider_returns_outstanding(None).unwrap().is_empty());
    // A second return on the same referral is refused.
    let again = db.store.write(|tx| tx.record_provider_return(referral, ProviderReturn::Attended, d("2026-11-20"), ""));
    assert!(err_text(again).contains("recorded already"));
}

#[test]
fn did_not_attend_flags_a_follow_up_on_today_and_decides_no_breach() {
    let mut db = FileDb::new();
    let rules = db.store.rules().unwrap();
    let (course, provider) = course_and_provider(&mut db);
    let referral = refer(&mut db, course, provider, Some("2026-11-18"));
    db.setup(|tx| tx.record_provider_return(referral, ProviderReturn::DidNotAttend, d("2026-11-19"), ""));
    // Still open, with a missed session recorded and no breach decided.
    assert_eq!(condition_status(&db, course).0, "booked");
    assert_eq!(db.count("breach"), 0);
    let missed: i64 = db
        .raw()
        .query_row(
            "SELECT COUNT(*) FROM compliance_event WHERE condition_id = ?1 AND type = 'missed'",
            params![course],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(missed, 1);
    let items = db.today_items(&rules);
    let flagged: Vec<&str> = items.iter().filter(|i| i.kind == ItemKind::FollowUp).map(|i| i.title.as_str()).collect();
    assert_eq!(flagged.len(), 1, "{items:?}");
    assert!(flagged[0].contains("did not attend: check for non-compliance"), "{flagged:?}");
    let who: (String, String) = db
        .raw()
        .query_row("SELECT spoke_with_kind, spoke_with FROM contact_log", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap();
    assert_eq!(who, ("provider".to_string(), "Northgate Courses".to_string()));
    // The provider may still send its final word.
    assert!(db.store.open_referral(course).unwrap().is_none());
    // Undo takes back the return, the missed session and the flag together.
    db.store.undo_last().unwrap();
    assert_eq!((db.count("compliance_event"), db.count("contact_log")), (0, 0));
    assert!(db.store.open_referral(course).unwrap().is_some());
}

#[test]
fn a_retired_provider_or_a_finished_condition_is_refused() {
    let mut db = FileDb::new();
    let (course, provider) = course_and_provider(&mut db);
    db.raw().execute("UPDATE provider SET active = 0", []).unwrap();
    let calendar = db.store.calendar().unwrap();
    let r = NewReferral {
        condition_id: course,
        provider_id: provider,
        sent_on: d("2026-11-09"),
        method: String::new(),
        booked_for: None,
    };
    assert!(err_text(db.store.write(|tx| tx.refer_to_provider(&r, &calendar))).contains("retired"));
    db.raw().execute("UPDATE provider SET active = 1", []).unwrap();
    db.setup(|tx| tx.complete_condition(course, d("2026-11-10"), "done"));
    assert!(err_text(db.store.write(|tx| tx.refer_to_provider(&r, &calendar)))
        .contains("only a condition still to be done"));
}

#[test]
fn a_contact_names_who_and_a_follow_up_keeps_its_outcome() {
    let mut db = FileDb::new();
    let (course, _) = course_and_provider(&mut db);
    let case_id: i64 =
        db.raw().query_row("SELECT case_id FROM condition WHERE id = ?1", params![course], |r| r.get(0)).unwrap();
    let contact = NewContact {
        case_id,
        person_id: None,
        occurred_on: d("2026-11-12"),
        channel: ContactChannel::Phone,
        outgoing: true,
        summary: "Asked about the course dates".into(),
        outcome: None,
        follow_up_on: Some(d("2026-11-19")),
    };
    let who = SpokeWith { kind: SpokeWithKind::Agency, name: "Victim Support North".into() };
    let id = db.setup(|tx| tx.log_contact_with(&contact, Some(&who)));
    assert!(err_text(db.store.write(|tx| tx.complete_follow_up_with(id, "  "))).contains("what came of"));
    db.setup(|tx| tx.complete_follow_up_with(id, "Dates confirmed for 2 December"));
    let row: (String, String, bool, String) = db
        .raw()
        .query_row("SELECT spoke_with_kind, spoke_with, follow_up_done, follow_up_outcome FROM contact_log", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .unwrap();
    assert_eq!(row, ("agency".into(), "Victim Support North".into(), true, "Dates confirmed for 2 December".into()));
    assert!(db.store.check().unwrap().is_ok());
}

#[test]
fn an_enquiry_about_no_case_is_logged_counted_and_linked_later() {
    let mut db = FileDb::new();
    let (course, _) = course_and_provider(&mut db);
    let enquiry = NewEnquiry {
        occurred_on: d("2026-11-16"),
        subject: "Is a community resolution possible for shop theft?".into(),
        asked_by: "PC 4471 (response officer)".into(),
        notes: None,
    };
    let id = db.setup(|tx| tx.log_enquiry(&enquiry));
    let blank = NewEnquiry { subject: " ".into(), ..enquiry.clone() };
    assert!(err_text(db.store.write(|tx| tx.log_enquiry(&blank))).contains("subject and who asked"));
    assert_eq!(db.store.enquiries_between(d("2026-11-01"), d("2026-11-30")).unwrap(), 1);
    assert_eq!(db.store.enquiries_between(d("2026-11-17"), d("2026-11-30")).unwrap(), 0);
    let case_id: i64 =
        db.raw().query_row("SELECT case_id FROM condition WHERE id = ?1", params![course], |r| r.get(0)).unwrap();
    db.setup(|tx| tx.link_enquiry(id, case_id));
    let listed = db.store.enquiries(10).unwrap();
    assert_eq!(listed[0].case_ref.as_deref(), Some("OOCD-2026-0001"));
    assert!(db.store.check().unwrap().is_ok());
    db.store.undo_last().unwrap();
    assert_eq!(db.store.enquiries(10).unwrap()[0].case_ref, None);
}
