//! What a reminder says (issue 15 §1 "What it says"): the amount, what is
//! paid and still to pay and how to pay it, the hours and where to attend
//! with the provider's contact, what happens if it is not done for this
//! disposal, and no "contact us" without the phone and email.

use casedesk::domain::caps::{ConditionKind, ConditionObject};
use casedesk::domain::compliance::Happened;
use casedesk::export::letters::{render_letter, LetterSpec, TEMPLATES};
use casedesk::store::model::{NewCondition, NewProvider};
use casedesk::store::{ComplianceRecord, Store};

use super::{d, fixture, spec, Fixture};

/// Compensation of £85 with £25 paid, and a 6-hour course run by a
/// provider with a phone and email, on the fixture caution.
fn money_and_course(store: &mut Store, case_id: i64) -> (i64, i64) {
    let rules = store.rules().unwrap();
    store
        .write(|tx| {
            let provider = tx.add_provider(&NewProvider {
                name: "Northgate Courses".into(),
                kind: "course".into(),
                email: Some("book@northgate.example.org".into()),
                phone: Some("01632 960777".into()),
                sla_ack_working_days: 5,
            })?;
            let mut pay = NewCondition::new(
                ConditionKind::ReparationCompensation,
                ConditionObject::Reparation,
                "Pay compensation for the fence",
                d(2026, 12, 4),
            );
            pay.amount_pence = Some(8_500);
            pay.payee = Some("the neighbour".into());
            let (pay, _) = tx.add_condition(case_id, &pay, &rules)?;
            let payment = ComplianceRecord {
                what: Happened::Payment { pence: 2_500 },
                on: d(2026, 11, 10),
                note: "receipt 1".into(),
                complete_when_done: true,
            };
            tx.record_compliance(pay, &payment)?;
            let mut course = NewCondition::new(
                ConditionKind::RehabCourse,
                ConditionObject::Rehabilitation,
                "Attend and complete the victim awareness course",
                d(2026, 12, 8),
            );
            course.provider_id = Some(provider);
            course.hours_required = Some(6.0);
            let (course, _) = tx.add_condition(case_id, &course, &rules)?;
            Ok((pay, course))
        })
        .unwrap()
}

fn reminder(store: &Store, case_id: i64, condition: i64) -> anyhow::Result<String> {
    let config = super::empty_config();
    let s =
        LetterSpec { condition_id: Some(condition), ..spec(case_id, "reminder_condition_due", Some(config.path())) };
    Ok(render_letter(store, &s)?.markdown)
}

#[test]
fn a_reminder_for_money_gives_the_amount_the_balance_and_how_to_pay() {
    let Fixture { mut store, case_id, reference, .. } = fixture("Robin", "Fixture");
    let (pay, _) = money_and_course(&mut store, case_id);
    let md = reminder(&store, case_id, pay).unwrap();
    for row in ["| Amount | £85 |", "| Paid so far | £25 |", "| Still to pay | £60 |"] {
        assert!(md.contains(row), "{row}: {md}");
    }
    let how = format!(
        "**How to pay.** Pay the £60 still to pay online at pay.kelvington.example.org or by phone on 01632 960101, \
         quoting your reference. Our reference is {reference}."
    );
    assert!(md.contains(&how), "{md}");
    assert!(
        md.contains("you may be arrested and prosecuted for the original offence"),
        "a conditional caution warns of prosecution: {md}"
    );
}

#[test]
fn a_reminder_for_a_course_says_where_to_attend_and_how_to_reach_them() {
    let Fixture { mut store, case_id, .. } = fixture("Robin", "Fixture");
    let (_, course) = money_and_course(&mut store, case_id);
    let md = reminder(&store, case_id, course).unwrap();
    assert!(md.contains("| Hours required | 6 hours |"), "{md}");
    assert!(
        md.contains(
            "**Where to go.** Attend Northgate Courses (01632 960777, book@northgate.example.org) for 6 hours, \
             by 8 December 2026. Contact them to arrange when."
        ),
        "{md}"
    );
    assert!(!md.contains("How to pay"), "nothing to pay: {md}");
}

#[test]
fn no_letter_says_contact_us_without_the_phone_and_email() {
    for t in TEMPLATES {
        let source = t.builtin_source();
        for (at, _) in source.match_indices("contact us") {
            let after = &source[at..(at + 120).min(source.len())];
            assert!(
                after.contains("{{ sender.phone }}") && after.contains("{{ sender.email }}"),
                "{}: \"{after}\"",
                t.name
            );
        }
    }
}
