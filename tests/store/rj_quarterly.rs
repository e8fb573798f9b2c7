//! The RJ quarterly return against a quarter built by hand (issue 15 §4):
//! what falls in July to September 2026 is counted, June's and October's
//! work is not, and an OOCD case is no restorative referral.

use super::*;
use casedesk::domain::feedback::{FeedbackFrom, Reply};
use casedesk::export::report::rj_quarterly;
use casedesk::export::report::FigureValue::{Count, Number};
use casedesk::store::model::{CaseFlags, NewAgreement};
use casedesk::store::NewFeedback;

fn referral(tx: &mut Tx<'_>, service: Service, source: Source, on: &str, flags: CaseFlags) -> StoreResult<i64> {
    let mut nc = NewCase::new(service, source, d(on));
    nc.flags = flags;
    Ok(tx.create_case(&nc)?.id)
}

/// A referral found not suitable on `on` and closed on `closed`.
fn not_suitable(tx: &mut Tx<'_>, received: &str, on: &str, closed: &str, rules: &Rules) -> StoreResult<i64> {
    let id = referral_at_risk_assessment(tx, &case(Service::RestorativeJustice, received), on)?.id;
    tx.record_decision(id, &decision(Decision::NotSuitable, "harmed party declines", on, None))?;
    tx.close_case(id, d(closed), "not_suitable", rules)?;
    Ok(id)
}

fn held(tx: &mut Tx<'_>, case_id: i64, kind: ProcessKind, on: &str) -> StoreResult<i64> {
    let id = tx.add_process(case_id, &process(kind, &format!("{on} 10:00"), ProcessStatus::Confirmed))?;
    tx.set_process_status(id, ProcessStatus::Held, d(on), None)?;
    Ok(id)
}

fn feedback(case_id: i64, from: FeedbackFrom, on: &str, score: u8, recommend: Reply, safe: Reply) -> NewFeedback {
    NewFeedback {
        case_id,
        person_id: None,
        from,
        collected_on: d(on),
        satisfied: score,
        would_recommend: recommend,
        felt_safe: safe,
        comments: String::new(),
    }
}

#[test]
fn the_rj_quarter_counts_what_fell_in_it() {
    let mut db = FileDb::new();
    let rules = db.store.rules().unwrap();
    db.setup(|tx| {
        // In the quarter: a victim's self-referral (domestic abuse), met face
        // to face, its agreement completed, two said how it went.
        let a = referral(
            tx,
            Service::RestorativeJustice,
            Source::VictimSelf,
            "2026-07-06",
            CaseFlags { domestic_abuse: true, ..CaseFlags::default() },
        )?;
        let meeting = held(tx, a, ProcessKind::FaceToFaceConference, "2026-08-10")?;
        let agreement = tx.add_agreement(&NewAgreement {
            process_id: meeting,
            agreed_on: d("2026-08-10"),
            signed_by_harmed: true,
            signed_by_responsible: true,
            copies_given: true,
            review_on: None,
        })?;
        tx.mark_harmed_informed(agreement, d("2026-09-15"), "completed")?;
        tx.record_feedback(&feedback(a, FeedbackFrom::Harmed, "2026-08-11", 5, Reply::Yes, Reply::Yes))?;
        tx.record_feedback(&feedback(a, FeedbackFrom::Responsible, "2026-08-12", 4, Reply::No, Reply::Yes))?;
        // An offender's self-referral to mediation (hate crime, youth), by shuttle.
        let b = referral(
            tx,
            Service::Mediation,
            Source::OffenderSelf,
            "2026-08-03",
            CaseFlags { hate_crime: true, youth: true, ..CaseFlags::default() },
        )?;
        held(tx, b, ProcessKind::ShuttleIndirect, "2026-09-01")?;
        tx.record_feedback(&feedback(b, FeedbackFrom::Other, "2026-09-02", 3, Reply::Unsure, Reply::Unsure))?;
        // The quarter's last day, from the police, no flag: not suitable, closed.
        not_suitable(tx, "2026-09-30", "2026-09-30", "2026-09-30", &rules)?;
        // June's referral and letters, fed back and closed in October: none of it.
        let e = not_suitable(tx, "2026-06-30", "2026-06-30", "2026-10-01", &rules)?;
        held(tx, e, ProcessKind::LetterExchange, "2026-06-30")?;
        tx.record_feedback(&feedback(e, FeedbackFrom::Harmed, "2026-10-01", 1, Reply::No, Reply::No))?;
        // An out-of-court disposal is not a restorative referral.
        referral(tx, Service::Oocd, Source::Police, "2026-07-10", CaseFlags::default())?;
        Ok(())
    });

    let (from, to) = rj_quarterly::quarter_bounds("2026-Q3").unwrap();
    let report = rj_quarterly::gather(&db.store, from, to).unwrap();
    let got: Vec<(String, String)> = report.figures.iter().map(|f| (f.key.clone(), f.value.text())).collect();
    let want = [
        ("referrals", "3"),
        ("by_source.offender_self", "1"),
        ("by_source.police", "1"),
        ("by_source.victim_self", "1"),
        ("by_offence_group.domestic_abuse", "1"),
        ("by_offence_group.hate_crime", "1"),
        ("by_offence_group.knife", "0"),
        ("by_offence_group.none", "1"),
        ("by_offence_group.sexual", "0"),
        ("by_offence_group.youth", "1"),
        ("victim_initiated", "1"),
        ("offender_initiated", "1"),
        ("outcome.not_suitable", "1"),
        ("conferences", "1"),
        ("indirect", "1"),
        ("held.face_to_face_conference", "1"),
        ("held.shuttle_indirect", "1"),
        ("agreements_completed", "1"),
        ("feedback", "3"),
        ("mean_satisfaction", "4"),
        ("would_recommend", "33.3"),
        ("felt_safe", "66.7"),
    ];
    let want: Vec<(String, String)> = want.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    assert_eq!(got, want);
    assert_eq!(report.figure("feedback").unwrap().value, Count(3));
    assert_eq!(report.figure("felt_safe").unwrap().value, Number(Some(66.7)));
    let labels: Vec<&str> = report.figures.iter().map(|f| f.label.as_str()).collect();
    assert!(
        labels.contains(&"Offence group: No offence flag") && labels.contains(&"Closed: Not suitable"),
        "{labels:?}"
    );
    assert!(report.figures.iter().all(|f| !f.definition.is_empty()));
}
