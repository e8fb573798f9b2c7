use super::*;
use crate::domain::caps::ConditionKind;
use crate::domain::checklist::{Decision, NotSuitableReason, RiskLevel};
use crate::export::summary::tests::empty_summary;
use crate::store::summary::CompletionLine;

fn completed(reference: &str, seq: i64) -> CompletionLine {
    CompletionLine { reference: reference.into(), seq, kind: ConditionKind::UnpaidWork }
}

fn overdue(reference: &str, days: i64) -> DeadlineLine {
    DeadlineLine {
        reference: reference.into(),
        item: "condition".into(),
        due_on: empty_summary().date,
        working_days_overdue: days,
    }
}

fn headline<'a>(lines: &'a [Line], starts: &str) -> &'a Line {
    lines.iter().find(|l| l.headline.contains(starts)).unwrap_or_else(|| panic!("no {starts} in {lines:?}"))
}

/// A vetting that has run out says so, apart from one still to run out;
/// enquiries are counted beside contacts; nothing held reads "or".
#[test]
fn vetting_enquiries_and_nothing_held_read_right() {
    use crate::store::summary_attention::VettingLine;
    let mut s = empty_summary();
    let today = s.date;
    s.vettings_due = vec![
        VettingLine { facilitator: 4, expires: today - chrono::Duration::days(12) },
        VettingLine { facilitator: 8, expires: today + chrono::Duration::days(18) },
    ];
    s.contacts_logged = 27;
    s.enquiries_logged = 2;
    let p = page(&s, None);
    let vetting = headline(&p.attention, "vetting");
    assert_eq!(vetting.headline, "2 facilitators' vetting run out or running out");
    assert!(vetting.references[0].starts_with("Facilitator 4 (ran out "), "{:?}", vetting.references);
    assert!(vetting.references[1].starts_with("Facilitator 8 (runs out "), "{:?}", vetting.references);
    assert_eq!(headline(&p.happened, "contacts").headline, "27 contacts and 2 enquiries logged");
    assert_eq!(headline(&p.happened, "held").headline, "No conferences or meetings held");
    s.enquiries_logged = 1;
    assert_eq!(headline(&page(&s, None).happened, "contacts").headline, "27 contacts and 1 enquiry logged");
}

/// A hand-built day: three conditions completed on two cases, eleven
/// items overdue on eleven cases, the oldest 12 working days.
#[test]
fn each_line_counts_what_it_says() {
    let mut s = empty_summary();
    s.conditions_completed =
        vec![completed("OOCD-2026-0001", 1), completed("OOCD-2026-0001", 2), completed("OOCD-2026-0002", 1)];
    s.overdue = (1..=11).map(|n| overdue(&format!("OOCD-2026-{n:04}"), n + 1)).collect();
    let p = page(&s, None);
    let done = headline(&p.happened, "completed");
    assert_eq!(done.headline, "3 conditions completed on 2 cases");
    assert_eq!(done.references, ["OOCD-2026-0001", "OOCD-2026-0002"]);
    let late = headline(&p.attention, "overdue on");
    assert_eq!(late.headline, "11 items overdue on 11 cases, the oldest 12 working days");
    assert_eq!(late.references.len(), CUT);
    assert_eq!(late.more, 3);
    assert_eq!(late.references[0], "OOCD-2026-0011 (condition, 12)", "the oldest first");
    assert_eq!(headline(&p.happened, "letter").headline, "No letters sent");
}

/// A quiet day: each activity line says its own "none" sentence, not
/// one made from its plural ("No conferences and meetings held").
#[test]
fn each_activity_line_says_its_own_none() {
    let p = page(&empty_summary(), None);
    let said: Vec<&str> = p.happened.iter().map(|l| l.headline.as_str()).collect();
    for none in [
        "No disposals finalised",
        "No conferences or meetings held",
        "No outcome agreements signed",
        "No agreement items done",
        "No letters sent",
        "No follow-ups done",
    ] {
        assert!(said.contains(&none), "{none:?} not in {said:?}");
    }
    assert!(!said.iter().any(|l| l.contains(" and meetings")), "{said:?}");
}

/// One activity, and several on fewer cases, count events and cases.
#[test]
fn activity_lines_count_events_on_cases() {
    let mut s = empty_summary();
    let held = |reference: &str| ActivityLine {
        reference: reference.into(),
        activity: Activity::MeetingHeld,
        detail: "Conference".into(),
    };
    s.done_today = vec![held("RJ-2026-0001")];
    assert_eq!(headline(&page(&s, None).happened, "held").headline, "1 conference or meeting held on 1 case");
    s.done_today = vec![held("RJ-2026-0001"), held("RJ-2026-0001"), held("RJ-2026-0002")];
    assert_eq!(headline(&page(&s, None).happened, "held").headline, "3 conferences and meetings held on 2 cases");
}

/// A disposal is its case: counted alone, each with its outcome.
#[test]
fn disposals_finalised_are_counted_alone_with_their_outcome() {
    let mut s = empty_summary();
    s.done_today = vec![ActivityLine {
        reference: "OOCD-2026-0001".into(),
        activity: Activity::DisposalFinalised,
        detail: "Outcome 3: adult caution".into(),
    }];
    let p = page(&s, None);
    let finalised = headline(&p.happened, "finalised");
    assert_eq!(finalised.headline, "1 disposal finalised");
    assert_eq!(finalised.references, ["OOCD-2026-0001 (Outcome 3: adult caution)"]);
}

fn decided(reference: &str, decision: Decision, reason: Option<NotSuitableReason>) -> DecisionLine {
    DecisionLine { reference: reference.into(), decision, risk_level: RiskLevel::Medium, reason }
}

/// A hand-built day: one suitable, two not suitable for two reasons.
#[test]
fn decisions_are_counted_by_reason_in_words() {
    let mut s = empty_summary();
    s.decisions = vec![
        decided("RJ-2026-0001", Decision::NotSuitable, Some(NotSuitableReason::HarmedPartyDeclines)),
        decided("RJ-2026-0002", Decision::Suitable, None),
        decided("RJ-2026-0003", Decision::NotSuitable, Some(NotSuitableReason::RiskTooHigh)),
    ];
    let p = page(&s, None);
    assert_eq!(
        headline(&p.happened, "suitability").headline,
        "3 suitability decisions made: 2 Not suitable (harmed party declines 1, risk too high 1), 1 Suitable"
    );
}

#[test]
fn no_desk_user_is_said_plainly() {
    let mut s = empty_summary();
    s.prepared_by = None;
    assert!(page(&s, None).prepared.starts_with("Prepared by this desk, whose user is not named yet"));
}
