//! Properties over arbitrary answers: the rating only rises with risk, a
//! forced case is never suitable, and nothing panics.

use proptest::prelude::*;

use super::*;

fn risk_codes() -> Vec<&'static str> {
    items_in(ChecklistSection::Risk).map(|i| i.code).collect()
}

/// One risk area: no answer at all, or an answer with an optional severity.
fn entry_strategy() -> impl Strategy<Value = Option<(Answer, Option<RiskSeverity>)>> {
    let ans = prop::sample::select(Answer::ALL.to_vec());
    let sev = prop::option::of(prop::sample::select(RiskSeverity::ALL.to_vec()));
    prop::option::of((ans, sev))
}

fn build(entries: &[Option<(Answer, Option<RiskSeverity>)>]) -> Answers {
    let mut a = Answers::new();
    for (code, e) in risk_codes().into_iter().zip(entries) {
        if let Some((ans, sev)) = e {
            let mut entry = AnswerEntry::new(*ans);
            entry.severity = *sev;
            a.set(code, entry).expect("known code");
        }
    }
    a
}

const RISK_COUNT: usize = 16;

fn effective(sev: Option<RiskSeverity>) -> RiskSeverity {
    sev.unwrap_or(RiskSeverity::Medium)
}

proptest! {
    /// No → yes (or n/a / unknown / missing → yes, or no → unknown), or a
    /// higher effective severity on a present area, never lowers the level.
    #[test]
    fn overall_risk_is_monotonic(
        entries in prop::collection::vec(entry_strategy(), RISK_COUNT),
        idx in 0usize..RISK_COUNT,
        new_sev in prop::option::of(prop::sample::select(RiskSeverity::ALL.to_vec())),
    ) {
        let before = overall_risk(&build(&entries));
        let code = risk_codes()[idx];

        // Answer goes up to yes, keeping whatever severity was recorded.
        let mut up = entries.clone();
        let old_sev = entries[idx].and_then(|(_, s)| s);
        up[idx] = Some((Answer::Yes, old_sev));
        let after_yes = overall_risk(&build(&up));
        if entries[idx].map(|(a, _)| a) != Some(Answer::Yes) {
            prop_assert!(after_yes >= before, "{code} -> yes: {before:?} > {after_yes:?}");
        }

        // no / n/a → unknown.
        if matches!(entries[idx], Some((Answer::No | Answer::NotApplicable, _))) {
            let mut unk = entries.clone();
            unk[idx] = Some((Answer::Unknown, old_sev));
            let after_unk = overall_risk(&build(&unk));
            prop_assert!(after_unk >= before, "{code} -> unknown");
        }

        // Raising the effective severity of a present area.
        if let Some((Answer::Yes, s)) = entries[idx] {
            if effective(new_sev) >= effective(s) {
                let mut raised = entries.clone();
                raised[idx] = Some((Answer::Yes, new_sev));
                let after_raise = overall_risk(&build(&raised));
                prop_assert!(after_raise >= before, "{code} severity raised");
            }
        }
    }

    /// Suitable is never accepted while anything forces not suitable,
    /// whatever the rationale, sign-off or other constraints.
    #[test]
    fn suitable_never_accepted_when_forced(
        forced in prop::collection::vec(".{0,20}", 1..4),
        review in prop::collection::vec(".{0,20}", 0..3),
        open in prop::collection::vec(prop::sample::select(vec!["SU_ACCEPTS", "SU_METHOD"]), 0..3),
        rationale in ".{0,30}",
        signoff in any::<bool>(),
        risk in prop::sample::select(RiskLevel::ALL.to_vec()),
    ) {
        let c = Constraints {
            risk,
            forced_not_suitable: forced,
            manager_review: review,
            suitability_open: open,
        };
        prop_assert!(validate_decision(Decision::Suitable, &rationale, &c, signoff).is_err());
    }

    /// Arbitrary answers on every item never panic, and a suggested
    /// Suitable always validates without sign-off.
    #[test]
    fn suggestion_is_consistent_with_validation(
        all in prop::collection::vec(entry_strategy(), ITEMS.len()),
        da in any::<bool>(), sx in any::<bool>(), hc in any::<bool>(),
    ) {
        let mut a = Answers::new();
        for (i, e) in ITEMS.iter().zip(&all) {
            if let Some((ans, sev)) = e {
                let mut entry = AnswerEntry::new(*ans);
                entry.severity = *sev;
                a.set(i.code, entry).expect("known code");
            }
        }
        let flags = CaseFlags { domestic_abuse: da, sexual: sx, hate_crime: hc };
        let c = constraints(&a, &flags);
        let _ = sense_check_complete(&a);
        if suggested_decision(&c, &a) == Decision::Suitable {
            prop_assert_eq!(validate_decision(Decision::Suitable, "r", &c, false), Ok(()));
        }
        if c.risk == RiskLevel::Unsafe {
            prop_assert!(!c.forced_not_suitable.is_empty());
        }
    }

    /// Arbitrary strings never panic the lookups and parsers.
    #[test]
    fn arbitrary_strings_do_not_panic(s in ".{0,40}") {
        let _ = item(&s);
        let _ = Answer::parse(&s);
        let _ = RiskSeverity::parse(&s);
        let _ = RiskLevel::parse(&s);
        let _ = Decision::parse(&s);
        let mut a = Answers::new();
        let _ = a.set(&s, AnswerEntry::new(Answer::Yes));
        let _ = a.answer(&s);
        let _ = overall_risk(&a);
    }
}
