//! What the checklist forces, what a manager must see, and checking a
//! decision against it.

use super::*;

// ---- constraints: forced not suitable ----

#[test]
fn no_acknowledgement_forces_not_suitable() {
    let mut a = clean();
    set(&mut a, "SU_ACCEPTS", Answer::No);
    let c = constraints(&a, &no_flags());
    assert!(has_reason(&c.forced_not_suitable, "SU_ACCEPTS"));
    assert!(has_reason(&c.forced_not_suitable, "does not acknowledge the harm"));
    let errs = validate_decision(Decision::Suitable, "ok", &c, true).unwrap_err();
    assert!(errs.iter().any(|e| matches!(e, DecisionError::ForcedNotSuitable(_))));
    assert_eq!(suggested_decision(&c, &a), Decision::NotSuitable);
}

#[test]
fn unwilling_party_forces_not_suitable() {
    for code in ["SU_WILLING_HARMED", "SU_WILLING_RESP"] {
        let mut a = clean();
        set(&mut a, code, Answer::No);
        let c = constraints(&a, &no_flags());
        assert_eq!(c.forced_not_suitable.len(), 1, "{code}");
        assert!(has_reason(&c.forced_not_suitable, code));
        assert!(has_reason(&c.forced_not_suitable, "voluntarism"));
    }
}

#[test]
fn unknown_willingness_is_not_forced() {
    let mut a = clean();
    set(&mut a, "SU_WILLING_HARMED", Answer::Unknown);
    let c = constraints(&a, &no_flags());
    assert!(c.forced_not_suitable.is_empty());
    assert_eq!(c.suitability_open, ["SU_WILLING_HARMED"]);
}

#[test]
fn unsafe_forces_not_suitable_even_with_signoff() {
    let mut a = clean();
    set_sev(&mut a, "RK_REVICT", RiskSeverity::High);
    let c = constraints(&a, &no_flags());
    assert_eq!(c.risk, RiskLevel::Unsafe);
    assert!(has_reason(&c.forced_not_suitable, "unsafe risk: not suitable for a direct process"));
    assert!(has_reason(&c.forced_not_suitable, "Re-victimisation or retaliation"), "named by label");
    assert!(validate_decision(Decision::Suitable, "ok", &c, true).is_err());
}

// ---- constraints: manager review ----

#[test]
fn high_risk_needs_signoff_and_is_allowed_with_it() {
    let mut a = clean();
    set_sev(&mut a, "RK_MH", RiskSeverity::High);
    let c = constraints(&a, &no_flags());
    assert_eq!(c.risk, RiskLevel::High);
    assert!(c.forced_not_suitable.is_empty());
    assert!(has_reason(&c.manager_review, "sign-off"));
    assert!(has_reason(&c.manager_review, "Mental health (high)"), "named by label: {:?}", c.manager_review);
    assert_eq!(
        validate_decision(Decision::Suitable, "ok", &c, false),
        Err(vec![DecisionError::ManagerReviewRequired(c.manager_review.clone())])
    );
    assert_eq!(validate_decision(Decision::Suitable, "ok", &c, true), Ok(()));
    assert_eq!(suggested_decision(&c, &a), Decision::ReferToManager);
}

#[test]
fn medium_risk_needs_no_review() {
    let mut a = clean();
    set_sev(&mut a, "RK_MH", RiskSeverity::Medium);
    let c = constraints(&a, &no_flags());
    assert_eq!(c.risk, RiskLevel::Medium);
    assert!(c.manager_review.is_empty());
    assert_eq!(validate_decision(Decision::Suitable, "ok", &c, false), Ok(()));
}

#[test]
fn da_present_or_flagged_needs_manager_review() {
    let mut a = clean();
    set_sev(&mut a, "RK_DA", RiskSeverity::Low);
    let c = constraints(&a, &no_flags());
    assert!(has_reason(&c.manager_review, "RK_DA"));
    assert!(has_reason(&c.manager_review, "specialist DA policy"));

    let a = clean();
    let flags = CaseFlags { domestic_abuse: true, ..CaseFlags::default() };
    let c = constraints(&a, &flags);
    assert_eq!(c.risk, RiskLevel::Low);
    assert_eq!(c.manager_review.len(), 1);
    assert!(has_reason(&c.manager_review, "RK_DA"));
    assert!(validate_decision(Decision::Suitable, "ok", &c, false).is_err());
}

#[test]
fn sexual_present_or_flagged_needs_manager_review() {
    let mut a = clean();
    set_sev(&mut a, "RK_SEXUAL", RiskSeverity::Low);
    let c = constraints(&a, &no_flags());
    assert!(has_reason(&c.manager_review, "RK_SEXUAL"));
    assert!(has_reason(&c.manager_review, "specialist assessment"));

    let flags = CaseFlags { sexual: true, ..CaseFlags::default() };
    let c = constraints(&clean(), &flags);
    assert_eq!(c.manager_review.len(), 1);
    assert!(has_reason(&c.manager_review, "RK_SEXUAL"));
}

#[test]
fn hate_present_or_flagged_needs_manager_review() {
    let mut a = clean();
    set_sev(&mut a, "RK_HATE", RiskSeverity::Low);
    let c = constraints(&a, &no_flags());
    // Low hate on its own is medium risk, so only the hate rule applies.
    assert_eq!(c.risk, RiskLevel::Medium);
    assert_eq!(c.manager_review.len(), 1);
    assert!(has_reason(&c.manager_review, "RK_HATE"));

    let flags = CaseFlags { hate_crime: true, ..CaseFlags::default() };
    let c = constraints(&clean(), &flags);
    assert_eq!(c.manager_review.len(), 1);
    assert!(has_reason(&c.manager_review, "RK_HATE"));
    assert!(has_reason(&c.manager_review, "local policy"));
}

#[test]
fn clean_case_has_no_constraints() {
    let a = clean();
    let c = constraints(&a, &no_flags());
    assert_eq!(
        c,
        Constraints {
            risk: RiskLevel::Low,
            forced_not_suitable: vec![],
            manager_review: vec![],
            suitability_open: vec![],
        }
    );
    assert_eq!(suggested_decision(&c, &a), Decision::Suitable);
    assert_eq!(validate_decision(Decision::Suitable, "ok", &c, false), Ok(()));
}

// ---- validate_decision ----

#[test]
fn blank_rationale_refused_for_every_decision() {
    let c = constraints(&clean(), &no_flags());
    for d in Decision::ALL {
        for r in ["", "   ", "\n\t"] {
            assert_eq!(validate_decision(d, r, &c, true), Err(vec![DecisionError::RationaleRequired]), "{d}");
        }
    }
}

#[test]
fn not_suitable_and_refer_always_allowed_with_rationale() {
    let mut a = Answers::new();
    set(&mut a, "SU_ACCEPTS", Answer::No);
    set_sev(&mut a, "RK_VIOLENCE", RiskSeverity::High);
    let flags = CaseFlags { domestic_abuse: true, sexual: true, hate_crime: true };
    let c = constraints(&a, &flags);
    assert!(!c.forced_not_suitable.is_empty() && !c.manager_review.is_empty());
    for d in [Decision::NotSuitable, Decision::ReferToManager] {
        assert_eq!(validate_decision(d, "reason", &c, false), Ok(()));
    }
}

#[test]
fn suitability_unknown_or_no_blocks_suitable_but_na_is_fine() {
    let mut a = clean();
    set(&mut a, "SU_ORDERS", Answer::NotApplicable);
    let c = constraints(&a, &no_flags());
    assert_eq!(validate_decision(Decision::Suitable, "ok", &c, false), Ok(()));

    set(&mut a, "SU_CAPACITY", Answer::Unknown);
    set(&mut a, "SU_METHOD", Answer::No);
    let c = constraints(&a, &no_flags());
    assert!(c.forced_not_suitable.is_empty());
    assert_eq!(
        validate_decision(Decision::Suitable, "ok", &c, true),
        Err(vec![DecisionError::SuitabilityIncomplete(vec!["SU_CAPACITY", "SU_METHOD"])])
    );
    assert_eq!(suggested_decision(&c, &a), Decision::NotSuitable);

    // A missing answer is unknown, so it blocks too.
    a.remove("SU_METHOD");
    set(&mut a, "SU_CAPACITY", Answer::Yes);
    let c = constraints(&a, &no_flags());
    assert_eq!(c.suitability_open, ["SU_METHOD"]);
    assert!(validate_decision(Decision::Suitable, "ok", &c, true).is_err());
    assert_eq!(suggested_decision(&c, &a), Decision::ReferToManager);
}

#[test]
fn all_errors_reported_together() {
    let mut a = clean();
    set(&mut a, "SU_ACCEPTS", Answer::No);
    set_sev(&mut a, "RK_DA", RiskSeverity::Low);
    let c = constraints(&a, &no_flags());
    let errs = validate_decision(Decision::Suitable, " ", &c, false).unwrap_err();
    assert_eq!(errs.len(), 4);
}

#[test]
fn error_messages_are_one_sentence() {
    let errs = [
        DecisionError::RationaleRequired,
        DecisionError::ForcedNotSuitable(vec!["a".into(), "b".into()]),
        DecisionError::ManagerReviewRequired(vec!["c".into()]),
        DecisionError::SuitabilityIncomplete(vec!["SU_METHOD"]),
    ];
    for e in errs {
        let s = e.to_string();
        assert!(s.ends_with('.'), "{s}");
        assert!(!s.contains('\n'));
        assert!(s.chars().next().is_some_and(|c| c.is_uppercase()));
    }
    assert!(UnknownItem("X".into()).to_string().contains('X'));
}
