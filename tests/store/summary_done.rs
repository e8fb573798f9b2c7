//! The manager's summary lists what was done on the day (issue 15 §2): the
//! meeting held, the agreement signed, the agreed action done, the letter
//! sent and the follow-up done, each once, by reference; a change undone is
//! not counted, nor is work of another day.

use super::*;
use casedesk::store::model::NewAgreement;
use casedesk::store::summary_done::Activity;
use casedesk::store::views::letters::NewLetter;

fn agreement(process_id: i64, on: &str) -> NewAgreement {
    NewAgreement {
        process_id,
        agreed_on: d(on),
        signed_by_harmed: true,
        signed_by_responsible: true,
        copies_given: false,
        review_on: None,
    }
}

#[test]
fn the_summary_counts_what_was_done_on_the_day_and_nothing_undone() {
    let mut db = FileDb::new();
    let day = d("2026-11-20");
    db.store.set_desk_day(day);
    let rules = db.store.rules().unwrap();
    let (case_id, reference) = db.setup(|tx| {
        let key = tx.create_case(&case(Service::RestorativeJustice, "2026-10-01"))?;
        Ok((key.id, key.reference))
    });
    let process_id = db.setup(|tx| {
        let id = tx.add_process(
            case_id,
            &process(ProcessKind::FaceToFaceConference, "2026-11-20 10:00", ProcessStatus::Confirmed),
        )?;
        tx.set_process_status(id, ProcessStatus::Held, day, None)?;
        Ok(id)
    });
    db.setup(|tx| {
        let agreement_id = tx.add_agreement(&agreement(process_id, "2026-11-20"))?;
        let first = tx.add_agreement_item(agreement_id, &agreement_item("Repair the fence", "2026-12-01"))?;
        tx.add_agreement_item(agreement_id, &agreement_item("Write an apology", "2026-12-04"))?;
        tx.complete_agreement_item(first, day, "photo seen")?;
        Ok(())
    });
    db.setup(|tx| {
        let contact_id = tx.log_contact(&contact(case_id, "2026-11-18", Some("2026-11-20")))?;
        tx.complete_follow_up(contact_id)?;
        tx.record_letter(&NewLetter {
            case_id,
            template: "agreement_result",
            recipient: "Harmed party",
            format: "md",
            path: "/tmp/letter.md",
            written_on: day,
            written_by: "desk",
            overridden: None,
        })?;
        Ok(())
    });
    // A second follow-up completed and then undone: not done after all.
    db.setup(|tx| tx.log_contact(&contact(case_id, "2026-11-19", Some("2026-11-20"))).map(|_| ()));
    let second: i64 = db.raw().query_row("SELECT MAX(id) FROM contact_log", [], |r| r.get(0)).unwrap();
    db.setup(|tx| tx.complete_follow_up(second));
    db.store.undo_last().unwrap();

    let calendar = db.store.calendar().unwrap();
    let summary = db.store.summary(&Day::new(day, &calendar, &rules)).unwrap();
    let done: Vec<(Activity, &str)> = summary.done_today.iter().map(|a| (a.activity, a.detail.as_str())).collect();
    assert_eq!(
        done,
        vec![
            (Activity::MeetingHeld, "Face-to-face conference"),
            (Activity::AgreementSigned, ""),
            (Activity::ActionDone, "Repair work"),
            (Activity::LetterSent, "agreement_result"),
            (Activity::FollowUpDone, ""),
        ]
    );
    assert!(summary.done_today.iter().all(|a| a.reference == reference));

    // The next day, none of it was done "today".
    let next = d("2026-11-23");
    let summary = db.store.summary(&Day::new(next, &calendar, &rules)).unwrap();
    assert!(summary.done_today.is_empty(), "{:?}", summary.done_today);
}

/// "References only" holds no officer's name either: a breach referred to
/// "DC 7788 Tom Reid" is shown as referred to "DC 7788" (issue 15 §2).
#[test]
fn the_summary_names_an_officer_by_rank_and_number_only() {
    let mut db = FileDb::new();
    super::legal::referred_breach_to(&mut db, "DC 7788 Tom Reid");
    let rules = db.store.rules().unwrap();
    let calendar = db.store.calendar().unwrap();
    let summary = db.store.summary(&Day::new(d("2026-11-20"), &calendar, &rules)).unwrap();
    let referred: Vec<&str> = summary.breaches.awaiting_decision.iter().map(|b| b.referred_to.as_str()).collect();
    assert_eq!(referred, vec!["DC 7788"]);
    let json = serde_json::to_string(&summary).unwrap();
    assert!(!json.contains("Tom Reid"), "{json}");
}

/// Two variations agreed on one case and one on another are variations on
/// two cases, each named once (issue 15 §2: "variation agreed: 2 cases" was
/// two events on one case).
#[test]
fn the_summary_counts_variations_by_case() {
    use casedesk::domain::types::ComplianceEventType::VariationAgreed;
    let mut db = FileDb::new();
    let rules = db.store.rules().unwrap();
    let day = d("2026-11-20");
    let (first, second) = db.setup(|tx| {
        let a_conditions = [apology("2026-12-01"), penalty(5000, "2026-12-02")];
        let (a, a_ids) = active_with(tx, DisposalType::AdultConditionalCaution, "2026-11-02", &a_conditions, &rules)?;
        let (b, b_ids) =
            active_with(tx, DisposalType::AdultConditionalCaution, "2026-11-03", &[apology("2026-12-03")], &rules)?;
        let b1 = b_ids[0];
        for id in [a_ids[0], a_ids[1], b1] {
            tx.add_compliance_event(id, day, VariationAgreed, "new date agreed")?;
        }
        // Another day's variation is not today's.
        tx.add_compliance_event(b1, d("2026-11-19"), VariationAgreed, "earlier")?;
        Ok((a.reference, b.reference))
    });
    let calendar = db.store.calendar().unwrap();
    let summary = db.store.summary(&Day::new(day, &calendar, &rules)).unwrap();
    assert_eq!(summary.variations, vec![first, second]);
}

/// Decisions are counted by the reason the assessment recorded (issue 15
/// §2): the harmed party unwilling, an unsafe rating, a suitable case with
/// no reason at all.
#[test]
fn the_summary_reads_why_a_case_was_not_suitable() {
    use casedesk::domain::checklist::NotSuitableReason;
    let mut db = FileDb::new();
    let on = "2026-11-20";
    let mut decide = |kind: Decision, risk: RiskLevel, no: Option<&str>| {
        db.setup(|tx| {
            let key = referral_at_risk_assessment(tx, &case(Service::RestorativeJustice, "2026-11-02"), on)?;
            all_suitability_yes(tx, key.id, on)?;
            if let Some(code) = no {
                answer(tx, key.id, code, Answer::No, on)?;
            }
            let mut made = decision(kind, "see the checklist", on, None);
            made.risk_level = risk;
            tx.record_decision(key.id, &made)?;
            Ok(key.reference)
        })
    };
    decide(Decision::NotSuitable, RiskLevel::Low, Some("SU_WILLING_HARMED"));
    decide(Decision::NotSuitable, RiskLevel::Unsafe, None);
    decide(Decision::Suitable, RiskLevel::Low, None);
    let rules = db.store.rules().unwrap();
    let calendar = db.store.calendar().unwrap();
    let summary = db.store.summary(&Day::new(d(on), &calendar, &rules)).unwrap();
    let reasons: Vec<Option<NotSuitableReason>> = summary.decisions.iter().map(|line| line.reason).collect();
    assert_eq!(reasons, vec![Some(NotSuitableReason::HarmedPartyDeclines), Some(NotSuitableReason::RiskTooHigh), None]);
    let json = serde_json::to_string(&summary.decisions).unwrap();
    assert!(json.contains("\"reason\":\"harmed party declines\""), "{json}");
}
