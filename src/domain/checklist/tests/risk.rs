//! The overall risk rating.

use super::*;

#[test]
fn all_no_is_low_and_nothing_answered_is_medium() {
    assert_eq!(overall_risk(&clean()), RiskLevel::Low);
    assert_eq!(overall_risk(&Answers::new()), RiskLevel::Medium);
}

#[test]
fn na_on_risk_counts_as_no() {
    let mut a = clean();
    for c in MEDIUM_IF_UNKNOWN {
        set(&mut a, c, Answer::NotApplicable);
    }
    assert_eq!(overall_risk(&a), RiskLevel::Low);
}

#[test]
fn unknown_on_key_areas_is_medium_but_not_on_others() {
    for c in ["RK_DA", "RK_SEXUAL", "RK_VIOLENCE", "RK_SAFEGUARD_CHILD"] {
        let mut a = clean();
        set(&mut a, c, Answer::Unknown);
        assert_eq!(overall_risk(&a), RiskLevel::Medium, "{c}");
    }
    let mut a = clean();
    set(&mut a, "RK_MH", Answer::Unknown);
    assert_eq!(overall_risk(&a), RiskLevel::Low);
}

#[test]
fn any_present_area_is_at_least_medium() {
    let mut a = clean();
    set_sev(&mut a, "RK_MEDIA", RiskSeverity::Low);
    assert_eq!(overall_risk(&a), RiskLevel::Medium);
}

#[test]
fn unsafe_when_violence_revict_or_power_high() {
    for c in UNSAFE_IF_HIGH {
        let mut a = clean();
        set_sev(&mut a, c, RiskSeverity::High);
        assert_eq!(overall_risk(&a), RiskLevel::Unsafe, "{c}");
        // Medium on the same area is not unsafe.
        set_sev(&mut a, c, RiskSeverity::Medium);
        assert_eq!(overall_risk(&a), RiskLevel::Medium, "{c}");
    }
    // Present with no severity counts as medium, so not unsafe.
    let mut a = clean();
    set(&mut a, "RK_VIOLENCE", Answer::Yes);
    assert_eq!(overall_risk(&a), RiskLevel::Medium);
}

#[test]
fn high_severity_elsewhere_is_high_not_unsafe() {
    let mut a = clean();
    set_sev(&mut a, "RK_MH", RiskSeverity::High);
    assert_eq!(overall_risk(&a), RiskLevel::High);
}

#[test]
fn da_or_sexual_present_at_low_is_high() {
    for c in HIGH_IF_PRESENT {
        let mut a = clean();
        set_sev(&mut a, c, RiskSeverity::Low);
        assert_eq!(overall_risk(&a), RiskLevel::High, "{c}");
    }
}

#[test]
fn severity_sum_boundary_five_vs_six() {
    let mut a = clean();
    set_sev(&mut a, "RK_MH", RiskSeverity::Medium);
    set_sev(&mut a, "RK_SUBSTANCE", RiskSeverity::Medium);
    set_sev(&mut a, "RK_VENUE", RiskSeverity::Low);
    assert_eq!(overall_risk(&a), RiskLevel::Medium, "sum 5");
    set_sev(&mut a, "RK_MEDIA", RiskSeverity::Low);
    assert_eq!(overall_risk(&a), RiskLevel::High, "sum 6");
}

#[test]
fn present_without_severity_counts_as_medium_in_sum() {
    let mut a = clean();
    set(&mut a, "RK_MH", Answer::Yes);
    set(&mut a, "RK_SUBSTANCE", Answer::Yes);
    assert_eq!(overall_risk(&a), RiskLevel::Medium, "sum 4");
    set(&mut a, "RK_VENUE", Answer::Yes);
    assert_eq!(overall_risk(&a), RiskLevel::High, "sum 6");
}

#[test]
fn severity_on_absent_area_is_ignored() {
    let mut a = clean();
    a.set("RK_VIOLENCE", AnswerEntry::new(Answer::No).with_severity(RiskSeverity::High)).unwrap();
    assert_eq!(overall_risk(&a), RiskLevel::Low);
}
