//! The OOCD monthly return's facts against a month built by hand (issue 15
//! §4): what falls in November is counted, October's work is not.

use super::*;
use casedesk::store::model::NewBreach;

fn breach(case_id: i64, on: &str) -> NewBreach {
    NewBreach {
        case_id,
        condition_id: None,
        identified_on: d(on),
        description: "Did not attend".into(),
        reasonable_excuse_claimed: false,
        referred_to: None,
        referred_on: None,
    }
}

#[test]
fn the_oocd_month_counts_what_fell_in_it() {
    let mut db = FileDb::new();
    let rules = db.store.rules().unwrap();
    db.setup(|tx| {
        // November: an adult conditional caution with an apology and a penalty...
        let a_conditions = [apology("2026-11-30"), penalty(5000, "2026-11-30")];
        let (a, _) = active_with(tx, DisposalType::AdultConditionalCaution, "2026-11-02", &a_conditions, &rules)?;
        tx.record_breach(&breach(a.id, "2026-11-12"), d("2026-11-12"))?;
        // ...a community resolution with an apology agreed...
        let b = active_oocd(tx, DisposalType::CommunityResolution, "2026-11-10")?;
        tx.add_condition(b.id, &apology("2026-12-10"), &rules)?;
        // ...and a community resolution given on the 3rd, completed on the 13th.
        closed_resolution(tx, "2026-11-03", "2026-11-13", &rules)?;
        // October: counted in October's return, not November's.
        let (c, _) =
            active_with(tx, DisposalType::AdultConditionalCaution, "2026-10-15", &[apology("2026-11-15")], &rules)?;
        tx.record_breach(&breach(c.id, "2026-10-20"), d("2026-10-20"))?;
        Ok(())
    });
    let m = db.store.oocd_month(d("2026-11-01"), d("2026-11-30")).unwrap();
    let named = |v: &[(String, i64)]| v.iter().map(|(k, n)| (k.clone(), *n)).collect::<Vec<_>>();
    assert_eq!(
        named(&m.given_by_type),
        vec![("adult_conditional_caution".to_string(), 1), ("community_resolution".to_string(), 2)]
    );
    assert_eq!((m.completed, m.mean_days_to_completion), (1, Some(10.0)));
    assert_eq!((m.breaches_found, m.breaches_decided), (1, 0));
    assert_eq!(
        named(&m.conditions_by_kind),
        vec![("financial_penalty".to_string(), 1), ("reparation_apology_letter".to_string(), 2)]
    );
}
