//! Issue 14 §3: the chase to a provider for its outstanding returns, headed
//! by the OOCD unit's profile, naming each person by case reference and
//! initials only, logged as a disclosure on each case it names; a provider
//! with nothing outstanding, or not in the directory, is refused.

use casedesk::domain::caps::{ConditionKind, ConditionObject};
use casedesk::domain::referrals::ProviderReturn;
use casedesk::export::letters::write_provider_chase;
use casedesk::store::model::{NewCondition, NewProvider};
use casedesk::store::NewReferral;

use super::{d, fixture, Fixture};

#[test]
fn a_chase_lists_the_returns_outstanding_and_is_a_disclosure_on_each_case() {
    let Fixture { mut store, case_id, reference, dir, .. } = fixture("Robin", "Fixture");
    let rules = store.rules().unwrap();
    let calendar = store.calendar().unwrap();
    let (_, done) = store
        .write(|tx| {
            let provider = tx.add_provider(&NewProvider {
                name: "Northgate Courses".into(),
                kind: "course".into(),
                email: None,
                phone: None,
                sla_ack_working_days: 5,
            })?;
            let mut ids = Vec::new();
            for what in ["Attend the victim awareness course", "Attend the shop theft course"] {
                let c = NewCondition::new(
                    ConditionKind::RehabCourse,
                    ConditionObject::Rehabilitation,
                    what,
                    d(2026, 12, 8),
                );
                let (id, _) = tx.add_condition(case_id, &c, &rules)?;
                let referral = NewReferral {
                    condition_id: id,
                    provider_id: provider,
                    sent_on: d(2026, 11, 2),
                    method: "Email".into(),
                    booked_for: Some(d(2026, 11, 12)),
                };
                ids.push(tx.refer_to_provider(&referral, &calendar)?);
            }
            Ok((ids[0], ids[1]))
        })
        .unwrap();
    // The second has come back completed: only the first is chased.
    store.write(|tx| tx.record_provider_return(done, ProviderReturn::Completed, d(2026, 11, 13), "")).unwrap();
    let path = dir.path().join("chase.md");
    let written = write_provider_chase(&mut store, "northgate courses", d(2026, 11, 20), &path).unwrap();
    assert_eq!((written.referrals, written.cases, written.provider.as_str()), (1, 1, "Northgate Courses"));
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(&format!("{reference} (R.F.): Attend the victim awareness course")), "{text}");
    assert!(text.contains("place booked for 12 November 2026"), "{text}");
    assert!(!text.contains("shop theft"), "a return received is not chased: {text}");
    assert!(!text.contains("Robin"), "initials, never the name: {text}");
    let letters = store.case_letters(case_id, 5).unwrap();
    assert_eq!(
        (letters.rows[0].template.as_str(), letters.rows[0].recipient.as_str()),
        ("provider-chase", "Northgate Courses")
    );

    // Nothing left outstanding, or no such provider: refused, nothing written.
    let open = course_referral(&store, case_id);
    store.write(|tx| tx.record_provider_return(open, ProviderReturn::DidNotAttend, d(2026, 11, 20), "")).unwrap();
    let again = dir.path().join("again.md");
    let refused = write_provider_chase(&mut store, "Northgate Courses", d(2026, 11, 20), &again).unwrap_err();
    assert!(refused.to_string().contains("nothing is outstanding"), "{refused}");
    let unknown = write_provider_chase(&mut store, "Nobody Ltd", d(2026, 11, 20), &again).unwrap_err();
    assert!(unknown.to_string().contains("no provider is named \"Nobody Ltd\""), "{unknown}");
    assert!(!again.exists());
}

/// The referral of the case's condition still awaiting its return.
fn course_referral(store: &casedesk::store::Store, case_id: i64) -> i64 {
    let rows = store.provider_returns_outstanding(None).unwrap();
    rows.iter().find(|r| r.case_id == case_id).expect("one outstanding").referral_id
}
