use super::*;
use proptest::prelude::*;
use DisposalType as D;
use OocdStatus as S;

/// The allowed OOCD moves written out as data, independently of
/// `oocd_allowed`: (disposals, from, to).
fn oocd_table() -> Vec<(Vec<DisposalType>, OocdStatus, OocdStatus)> {
    let all = D::ALL.to_vec();
    let breach = vec![
        D::AdultConditionalCaution,
        D::YouthConditionalCaution,
        D::DiversionaryCaution,
        D::CommunityCaution,
        D::Outcome22Diversion,
    ];
    let variable =
        vec![D::AdultConditionalCaution, D::YouthConditionalCaution, D::DiversionaryCaution, D::CommunityCaution];
    let prosecutable =
        vec![D::AdultConditionalCaution, D::YouthConditionalCaution, D::DiversionaryCaution, D::Outcome22Diversion];
    vec![
        (all.clone(), S::Draft, S::Issued),
        (all.clone(), S::Draft, S::Withdrawn),
        (all.clone(), S::Issued, S::Active),
        (all.clone(), S::Issued, S::Withdrawn),
        (all.clone(), S::Active, S::AtRisk),
        (all.clone(), S::AtRisk, S::Active),
        (breach.clone(), S::Active, S::BreachSuspected),
        (breach.clone(), S::AtRisk, S::BreachSuspected),
        (all.clone(), S::Active, S::Completed),
        (all.clone(), S::AtRisk, S::Completed),
        (all.clone(), S::Active, S::Withdrawn),
        (all.clone(), S::AtRisk, S::Withdrawn),
        (vec![D::CommunityResolution], S::Active, S::Closed),
        (vec![D::CommunityResolution], S::AtRisk, S::Closed),
        (breach.clone(), S::BreachSuspected, S::BreachReferred),
        (breach.clone(), S::BreachSuspected, S::Active),
        (variable, S::BreachReferred, S::Varied),
        (prosecutable.clone(), S::BreachReferred, S::Prosecution),
        // No further action closes; only a community caution's penalty completes.
        (breach.clone(), S::BreachReferred, S::Closed),
        (vec![D::CommunityCaution], S::BreachReferred, S::Completed),
        (breach.clone(), S::Varied, S::Active),
        (prosecutable, S::Prosecution, S::Closed),
        (all, S::Completed, S::Closed),
    ]
}

fn in_oocd_table(d: DisposalType, from: OocdStatus, to: OocdStatus) -> bool {
    oocd_table().iter().any(|(ds, f, t)| ds.contains(&d) && *f == from && *t == to)
}

#[test]
fn every_listed_oocd_move_is_allowed() {
    for (ds, from, to) in oocd_table() {
        for d in ds {
            assert_eq!(oocd_transition(d, from, to), Ok(to), "{d:?} {from:?}->{to:?}");
        }
    }
}

#[test]
fn nothing_outside_the_table_is_allowed_and_next_agrees() {
    for &d in D::ALL {
        for &from in S::ALL {
            let next = oocd_next(d, from);
            for &to in S::ALL {
                let expected = in_oocd_table(d, from, to);
                assert_eq!(oocd_transition(d, from, to).is_ok(), expected, "{d:?} {from:?}->{to:?}");
                assert_eq!(next.contains(&to), expected);
            }
        }
    }
}

#[test]
fn sample_forbidden_oocd_moves() {
    let forbidden = [
        (D::AdultConditionalCaution, S::Issued, S::Completed),
        (D::AdultConditionalCaution, S::Draft, S::Active),
        (D::AdultConditionalCaution, S::Active, S::Closed),
        (D::AdultConditionalCaution, S::BreachSuspected, S::Prosecution),
        (D::AdultConditionalCaution, S::Varied, S::Completed),
        (D::CommunityResolution, S::Active, S::BreachSuspected),
        (D::CommunityCaution, S::BreachReferred, S::Prosecution),
        (D::YouthCaution, S::AtRisk, S::BreachSuspected),
        (D::Outcome22Diversion, S::Active, S::Closed),
        (D::DiversionaryCaution, S::Closed, S::Active),
        (D::DiversionaryCaution, S::Withdrawn, S::Draft),
    ];
    for (d, from, to) in forbidden {
        assert_eq!(oocd_transition(d, from, to), Err(TransitionError::Oocd { from, to }));
    }
}

#[test]
fn error_text_uses_labels() {
    let e = oocd_transition(D::AdultConditionalCaution, S::Issued, S::Completed).unwrap_err();
    assert_eq!(e.to_string(), "cannot move a case from Issued to Completed");
    let e = oocd_transition(D::AdultConditionalCaution, S::Active, S::BreachReferred).unwrap_err();
    assert_eq!(e.to_string(), "cannot move a case from Active to Breach referred");
    let e = rj_transition(RjStatus::Paused, RjStatus::Logged, Some(RjStatus::Preparation)).unwrap_err();
    assert_eq!(e.to_string(), "a paused referral can only resume to Preparation, not Logged");
}

#[test]
fn stored_strings_round_trip() {
    fn check<T: Copy + PartialEq + std::fmt::Debug>(
        all: &[T],
        as_str: fn(T) -> &'static str,
        parse: fn(&str) -> Option<T>,
    ) {
        let mut seen = std::collections::HashSet::new();
        for &v in all {
            assert_eq!(parse(as_str(v)), Some(v));
            assert!(seen.insert(as_str(v)), "duplicate {}", as_str(v));
        }
        assert_eq!(parse("nonsense"), None);
    }
    check(D::ALL, D::as_str, D::parse);
    check(Regime::ALL, Regime::as_str, Regime::parse);
    check(OffenceMode::ALL, OffenceMode::as_str, OffenceMode::parse);
    check(BreachDecision::ALL, BreachDecision::as_str, BreachDecision::parse);
    check(S::ALL, S::as_str, S::parse);
    check(RjStatus::ALL, RjStatus::as_str, RjStatus::parse);
    assert_eq!(S::BreachSuspected.as_str(), "breach_suspected");
    assert_eq!(D::AdultConditionalCaution.as_str(), "adult_conditional_caution");
    assert_eq!(Regime::CommonLaw.as_str(), "COMMON_LAW");
    assert_eq!(OffenceMode::SummaryOnly.as_str(), "summary");
    assert_eq!(D::Outcome22Diversion.as_str(), "outcome22_diversion");
}

#[test]
fn serde_uses_the_stored_string() {
    use serde::de::{value::Error, IntoDeserializer};
    use serde::Deserialize;
    for &s in S::ALL {
        let de: serde::de::value::StrDeserializer<Error> = s.as_str().into_deserializer();
        assert_eq!(OocdStatus::deserialize(de), Ok(s));
    }
    let de: serde::de::value::StrDeserializer<Error> = "COMMON_LAW".into_deserializer();
    assert_eq!(Regime::deserialize(de), Ok(Regime::CommonLaw));
}

#[test]
fn regimes_and_breach_workflow() {
    assert_eq!(D::AdultConditionalCaution.regime(), Regime::Cja2003);
    assert_eq!(D::YouthConditionalCaution.regime(), Regime::Cda1998);
    assert_eq!(D::YouthCaution.regime(), Regime::Cda1998);
    assert_eq!(D::DiversionaryCaution.regime(), Regime::Pcsc2022);
    assert_eq!(D::CommunityCaution.regime(), Regime::Pcsc2022);
    assert_eq!(D::CommunityResolution.regime(), Regime::CommonLaw);
    assert_eq!(D::Outcome22Diversion.regime(), Regime::CommonLaw);
    assert!(!D::CommunityResolution.has_breach_workflow());
    assert!(!D::YouthCaution.has_breach_workflow());
    // Outcome 22 defers a prosecution that goes ahead if the activity is not done.
    assert!(D::Outcome22Diversion.has_breach_workflow());
    assert!(D::AdultConditionalCaution.has_breach_workflow());
    assert!(D::CommunityCaution.has_breach_workflow());
}

#[test]
fn breach_decisions_by_disposal() {
    use BreachDecision::*;
    assert!(breach_decisions_for(D::CommunityResolution).is_empty());
    assert!(!breach_decisions_for(D::CommunityCaution).contains(&ProsecuteOriginalOffence));
    assert!(breach_decisions_for(D::CommunityCaution).contains(&FinancialPenaltyImposed));
    assert!(breach_decisions_for(D::CommunityCaution).contains(&FineRegistered));
    for d in [D::AdultConditionalCaution, D::YouthConditionalCaution, D::DiversionaryCaution] {
        assert_eq!(breach_decisions_for(d), &[ProsecuteOriginalOffence, VaryConditions, NoFurtherAction]);
    }
    assert_eq!(breach_decisions_for(D::Outcome22Diversion), &[ProsecuteOriginalOffence, NoFurtherAction]);
    for &d in D::ALL {
        assert!(!breach_decisions_for(d).contains(&Pending));
    }
}

#[test]
fn events_walk_a_conditional_caution() {
    let d = D::AdultConditionalCaution;
    let mut s = S::Draft;
    for (ev, want) in [
        (OocdEvent::Issue, S::Issued),
        (OocdEvent::Activate, S::Active),
        (OocdEvent::FlagAtRisk, S::AtRisk),
        (OocdEvent::SuspectBreach, S::BreachSuspected),
        (OocdEvent::ReferBreach, S::BreachReferred),
        (OocdEvent::DecideBreach(BreachDecision::VaryConditions), S::Varied),
        (OocdEvent::Activate, S::Active),
        (OocdEvent::SuspectBreach, S::BreachSuspected),
        (OocdEvent::ClearSuspicion, S::Active),
        (OocdEvent::SuspectBreach, S::BreachSuspected),
        (OocdEvent::ReferBreach, S::BreachReferred),
        (OocdEvent::DecideBreach(BreachDecision::ProsecuteOriginalOffence), S::Prosecution),
        (OocdEvent::Close, S::Closed),
    ] {
        s = oocd_apply(d, s, ev).unwrap_or_else(|e| panic!("{ev:?}: {e}"));
        assert_eq!(s, want);
    }
}

#[test]
fn event_refusals() {
    use BreachDecision::*;
    // Pending is never a decision.
    assert_eq!(
        oocd_apply(D::AdultConditionalCaution, S::BreachReferred, OocdEvent::DecideBreach(Pending)),
        Err(TransitionError::BreachDecision { disposal: D::AdultConditionalCaution, decision: Pending })
    );
    // Community caution cannot be prosecuted; the penalty completes it.
    assert!(
        oocd_apply(D::CommunityCaution, S::BreachReferred, OocdEvent::DecideBreach(ProsecuteOriginalOffence)).is_err()
    );
    assert_eq!(
        oocd_apply(D::CommunityCaution, S::BreachReferred, OocdEvent::DecideBreach(FinancialPenaltyImposed)),
        Ok(S::Completed)
    );
    // Adult CC cannot take a community-caution decision.
    assert!(oocd_apply(D::AdultConditionalCaution, S::BreachReferred, OocdEvent::DecideBreach(FineRegistered)).is_err());
    // Decisions only on a referred breach; ClearSuspicion only from suspicion.
    assert!(oocd_apply(D::AdultConditionalCaution, S::Active, OocdEvent::DecideBreach(NoFurtherAction)).is_err());
    assert!(oocd_apply(D::AdultConditionalCaution, S::Varied, OocdEvent::ClearSuspicion).is_err());
    // No further action closes the case: its conditions were not done.
    assert_eq!(
        oocd_apply(D::AdultConditionalCaution, S::BreachReferred, OocdEvent::DecideBreach(NoFurtherAction)),
        Ok(S::Closed)
    );
    assert_eq!(
        oocd_apply(D::Outcome22Diversion, S::BreachReferred, OocdEvent::DecideBreach(ProsecuteOriginalOffence)),
        Ok(S::Prosecution)
    );
    // CR: non-completion closes directly; no breach.
    assert_eq!(oocd_apply(D::CommunityResolution, S::AtRisk, OocdEvent::Close), Ok(S::Closed));
    assert!(oocd_apply(D::CommunityResolution, S::Active, OocdEvent::SuspectBreach).is_err());
}

fn full() -> IssueChecklist {
    IssueChecklist {
        admission_recorded: true,
        consent_recorded: true,
        signed_document: true,
        victim_views_sought_or_reason: true,
        youth_age: None,
        appropriate_adult_recorded: false,
        conditions_recorded: true,
    }
}

/// A conditional caution's conditions are in the document signed at issue:
/// none recorded, no issue. A community resolution and a youth caution take
/// none to issue; Outcome 22 is no caution.
#[test]
fn a_conditional_caution_is_not_issued_without_a_condition() {
    let bare = IssueChecklist { conditions_recorded: false, ..full() };
    for d in [D::AdultConditionalCaution, D::DiversionaryCaution, D::CommunityCaution] {
        let missing = can_issue(d, &bare).unwrap_err();
        assert_eq!(missing, vec![NO_CONDITIONS.to_string()], "{d:?}");
        assert_eq!(issue_refusal(d, &missing), "record at least one condition before issuing the conditional caution (leave the issue date blank until its conditions are added)");
    }
    let ycc = IssueChecklist { youth_age: Some(17), ..bare };
    assert_eq!(can_issue(D::YouthConditionalCaution, &ycc).unwrap_err(), vec![NO_CONDITIONS.to_string()]);
    assert_eq!(can_issue(D::YouthCaution, &ycc), Ok(()));
    assert_eq!(can_issue(D::CommunityResolution, &bare), Ok(()));
    assert_eq!(can_issue(D::Outcome22Diversion, &bare), Ok(()));
    // With other items missing too, every one is listed.
    let refusal = issue_refusal(
        D::AdultConditionalCaution,
        &can_issue(D::AdultConditionalCaution, &IssueChecklist::default()).unwrap_err(),
    );
    assert!(refusal.starts_with("cannot issue the Adult conditional caution: admission not recorded"), "{refusal}");
    assert!(refusal.ends_with("; no condition recorded"), "{refusal}");
    // Anywhere issue leads stands on its conditions; a draft or a withdrawal need none.
    assert!(conditions_missing(D::AdultConditionalCaution, S::Active, false));
    assert!(conditions_missing(D::AdultConditionalCaution, S::Closed, false));
    assert!(!conditions_missing(D::AdultConditionalCaution, S::Withdrawn, false));
    assert!(!conditions_missing(D::AdultConditionalCaution, S::Draft, false));
    assert!(!conditions_missing(D::AdultConditionalCaution, S::Active, true));
    assert!(!conditions_missing(D::CommunityResolution, S::Active, false));
}

#[test]
fn issue_guard() {
    // CR needs only the admission.
    let cr = IssueChecklist { admission_recorded: true, ..Default::default() };
    assert_eq!(can_issue(D::CommunityResolution, &cr), Ok(()));
    let err = can_issue(D::CommunityResolution, &IssueChecklist::default()).unwrap_err();
    assert_eq!(err, vec!["admission not recorded".to_string()]);

    // Conditional cautions need all four.
    assert_eq!(can_issue(D::AdultConditionalCaution, &full()), Ok(()));
    let err = can_issue(D::AdultConditionalCaution, &IssueChecklist::default()).unwrap_err();
    assert_eq!(err.len(), 5);
    assert!(err.iter().any(|m| m.contains("consent")));
    assert!(err.iter().any(|m| m.contains("signed")));
    assert!(err.iter().any(|m| m.contains("victim")));

    // Adult-only disposal given to a 17-year-old.
    let young = IssueChecklist { youth_age: Some(17), ..full() };
    assert!(can_issue(D::CommunityCaution, &young).is_err());

    // YCC: appropriate adult at 16, not at 17 (CDA 1998 s.66B).
    let ycc16 = IssueChecklist { youth_age: Some(16), ..full() };
    let err = can_issue(D::YouthConditionalCaution, &ycc16).unwrap_err();
    assert!(err[0].contains("appropriate adult"), "{err:?}");
    let ycc17 = IssueChecklist { youth_age: Some(17), ..full() };
    assert_eq!(can_issue(D::YouthConditionalCaution, &ycc17), Ok(()));
    let ok16 = IssueChecklist { appropriate_adult_recorded: true, ..ycc16 };
    assert_eq!(can_issue(D::YouthConditionalCaution, &ok16), Ok(()));

    // Youth caution: under 17 needs an AA; admission only otherwise.
    let yc = IssueChecklist { admission_recorded: true, youth_age: Some(15), ..Default::default() };
    assert!(can_issue(D::YouthCaution, &yc).is_err());
    let yc17 = IssueChecklist { youth_age: Some(17), ..yc };
    assert_eq!(can_issue(D::YouthCaution, &yc17), Ok(()));
    // Youth disposal without an age.
    assert!(can_issue(D::YouthCaution, &IssueChecklist { youth_age: None, ..yc })
        .unwrap_err()
        .iter()
        .any(|m| m.contains("age")));
}

/// Every allowed RJ move, as data.
fn rj_forward_table() -> Vec<(RjStatus, RjStatus)> {
    use RjStatus::*;
    vec![
        (Received, SenseCheck),
        (SenseCheck, AwaitingInfo),
        (AwaitingInfo, SenseCheck),
        (SenseCheck, RiskAssessment),
        (RiskAssessment, Suitable),
        (RiskAssessment, NotSuitable),
        (NotSuitable, Closed),
        (Suitable, Logged),
        (Logged, Transferred),
        (Transferred, ContactingParties),
        (ContactingParties, Preparation),
        (Preparation, ProcessArranged),
        (ProcessArranged, ProcessHeld),
        (ProcessArranged, Preparation),
        (ProcessHeld, AgreementMonitoring),
        (ProcessHeld, Closed),
        (AgreementMonitoring, Closed),
    ]
}

const RJ_ACTIVE: &[RjStatus] = &[
    RjStatus::Received,
    RjStatus::SenseCheck,
    RjStatus::AwaitingInfo,
    RjStatus::RiskAssessment,
    RjStatus::Suitable,
    RjStatus::Logged,
    RjStatus::Transferred,
    RjStatus::ContactingParties,
    RjStatus::Preparation,
    RjStatus::ProcessArranged,
    RjStatus::ProcessHeld,
    RjStatus::AgreementMonitoring,
];

fn in_rj_table(from: RjStatus, to: RjStatus, paused_from: Option<RjStatus>) -> bool {
    if from == RjStatus::Paused {
        return to == RjStatus::Withdrawn || (Some(to) == paused_from && RJ_ACTIVE.contains(&to));
    }
    rj_forward_table().contains(&(from, to))
        || (RJ_ACTIVE.contains(&from) && matches!(to, RjStatus::Withdrawn | RjStatus::Paused))
}

#[test]
fn rj_table_is_exact() {
    for &from in RjStatus::ALL {
        assert_eq!(from.is_active(), RJ_ACTIVE.contains(&from), "{from:?}");
        let paused_froms = std::iter::once(None).chain(RjStatus::ALL.iter().map(|&p| Some(p)));
        for pf in paused_froms {
            let next = rj_next(from, pf);
            for &to in RjStatus::ALL {
                let want = in_rj_table(from, to, pf);
                assert_eq!(rj_transition(from, to, pf).is_ok(), want, "{from:?}->{to:?} {pf:?}");
                assert_eq!(next.contains(&to), want);
            }
        }
    }
    for (from, to) in rj_forward_table() {
        assert_eq!(rj_transition(from, to, None), Ok(to));
    }
}

#[test]
fn rj_samples() {
    use RjStatus::*;
    assert!(rj_transition(Received, RiskAssessment, None).is_err());
    assert!(rj_transition(NotSuitable, Withdrawn, None).is_err());
    assert!(rj_transition(NotSuitable, Paused, None).is_err());
    assert!(rj_transition(Closed, Received, None).is_err());
    assert!(rj_transition(Paused, Paused, Some(Logged)).is_err());
    assert_eq!(rj_transition(Paused, Logged, Some(Logged)), Ok(Logged));
    assert!(rj_transition(Paused, Logged, None).is_err());
    assert_eq!(rj_transition(Paused, Withdrawn, None), Ok(Withdrawn));
    assert_eq!(rj_transition(Preparation, Paused, None), Ok(Paused));
    assert!(Closed.is_terminal() && Withdrawn.is_terminal() && !Paused.is_terminal());
    assert_eq!(
        rj_transition(Received, Closed, None).unwrap_err().to_string(),
        "cannot move a referral from Received to Closed"
    );
}

#[test]
fn terminal_states_accept_nothing() {
    for &d in D::ALL {
        for from in [S::Closed, S::Withdrawn] {
            assert!(oocd_next(d, from).is_empty());
        }
    }
    for from in [RjStatus::Closed, RjStatus::Withdrawn] {
        for &pf in RjStatus::ALL {
            assert!(rj_next(from, Some(pf)).is_empty());
        }
    }
    assert!(S::Closed.is_terminal() && !S::Closed.is_active());
    assert!(!S::Draft.is_active() && S::Varied.is_active());
}

fn any_disposal() -> impl Strategy<Value = DisposalType> {
    prop::sample::select(D::ALL.to_vec())
}

fn any_event() -> impl Strategy<Value = OocdEvent> {
    prop_oneof![
        Just(OocdEvent::Issue),
        Just(OocdEvent::Activate),
        Just(OocdEvent::FlagAtRisk),
        Just(OocdEvent::ClearAtRisk),
        Just(OocdEvent::SuspectBreach),
        Just(OocdEvent::ReferBreach),
        prop::sample::select(BreachDecision::ALL.to_vec()).prop_map(OocdEvent::DecideBreach),
        Just(OocdEvent::ClearSuspicion),
        Just(OocdEvent::Complete),
        Just(OocdEvent::Close),
        Just(OocdEvent::Withdraw),
    ]
}

/// A step is either an event or a raw target status.
#[derive(Debug, Clone)]
enum Step {
    Event(OocdEvent),
    Target(OocdStatus),
}

fn any_step() -> impl Strategy<Value = Step> {
    prop_oneof![any_event().prop_map(Step::Event), prop::sample::select(S::ALL.to_vec()).prop_map(Step::Target),]
}

/// Walks a case from Draft and returns every status it reached.
fn walk(d: DisposalType, steps: &[Step]) -> Vec<OocdStatus> {
    let mut s = S::Draft;
    let mut seen = vec![s];
    for step in steps {
        let r = match step {
            Step::Event(e) => oocd_apply(d, s, *e),
            Step::Target(t) => oocd_transition(d, s, *t),
        };
        if s.is_terminal() {
            assert!(r.is_err(), "terminal {s:?} accepted {step:?}");
        }
        if let Ok(to) = r {
            assert!(in_oocd_table(d, s, to), "{d:?} {s:?}->{to:?} via {step:?}");
            s = to;
            seen.push(s);
        }
    }
    seen
}

proptest! {
    #[test]
    fn oocd_walks_stay_in_the_table(d in any_disposal(), steps in prop::collection::vec(any_step(), 0..60)) {
        walk(d, &steps);
    }

    #[test]
    fn cr_never_enters_breach(steps in prop::collection::vec(any_step(), 0..60)) {
        let seen = walk(D::CommunityResolution, &steps);
        prop_assert!(!seen.iter().any(|s| matches!(s, S::BreachSuspected | S::BreachReferred | S::Prosecution)));
    }

    #[test]
    fn community_caution_never_prosecuted(steps in prop::collection::vec(any_step(), 0..60)) {
        let seen = walk(D::CommunityCaution, &steps);
        prop_assert!(!seen.contains(&S::Prosecution));
    }

    #[test]
    fn rj_walks_stay_in_the_table_and_resume_home(targets in prop::collection::vec(prop::sample::select(RjStatus::ALL.to_vec()), 0..80)) {
        let mut s = RjStatus::Received;
        let mut paused_from: Option<RjStatus> = None;
        for to in targets {
            let r = rj_transition(s, to, paused_from);
            if s.is_terminal() {
                prop_assert!(r.is_err());
            }
            if let Ok(next) = r {
                prop_assert!(in_rj_table(s, next, paused_from));
                if s == RjStatus::Paused && next != RjStatus::Withdrawn {
                    prop_assert_eq!(Some(next), paused_from);
                }
                paused_from = if next == RjStatus::Paused { Some(s) } else { None };
                s = next;
            }
        }
    }
}
