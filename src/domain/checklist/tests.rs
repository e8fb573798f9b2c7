use super::*;
use proptest::prelude::*;

fn set(a: &mut Answers, code: &str, answer: Answer) {
    a.set(code, AnswerEntry::new(answer)).expect("known code");
}

fn set_sev(a: &mut Answers, code: &str, sev: RiskSeverity) {
    a.set(code, AnswerEntry::new(Answer::Yes).with_severity(sev)).expect("known code");
}

/// Every SC and SU item yes, every risk area no: the cleanest case.
fn clean() -> Answers {
    let mut a = Answers::new();
    for i in ITEMS {
        let ans = if i.section == ChecklistSection::Risk { Answer::No } else { Answer::Yes };
        set(&mut a, i.code, ans);
    }
    a
}

fn no_flags() -> CaseFlags {
    CaseFlags::default()
}

fn has_reason(reasons: &[String], needle: &str) -> bool {
    reasons.iter().any(|r| r.contains(needle))
}

// ---- item table ----

#[test]
fn items_are_in_documented_order_and_sections() {
    let codes: Vec<&str> = ITEMS.iter().map(|i| i.code).collect();
    assert_eq!(
        codes,
        [
            "SC_REF",
            "SC_PARTIES",
            "SC_STAGE",
            "SC_CONSENT_SHARE",
            "SC_OFFENCE",
            "SC_AGE",
            "SC_NO_CONFLICT",
            "SC_DUPLICATE",
            "SU_ACCEPTS",
            "SU_WILLING_HARMED",
            "SU_WILLING_RESP",
            "SU_CAPACITY",
            "SU_PROCEEDINGS",
            "SU_ORDERS",
            "SU_METHOD",
            "SU_FACILITATOR",
            "RK_DA",
            "RK_SEXUAL",
            "RK_HATE",
            "RK_SAFEGUARD_CHILD",
            "RK_SAFEGUARD_ADULT",
            "RK_MH",
            "RK_SUBSTANCE",
            "RK_LD",
            "RK_POWER",
            "RK_REVICT",
            "RK_VIOLENCE",
            "RK_GANG",
            "RK_SUPPORTERS",
            "RK_VENUE",
            "RK_EMOTIONAL",
            "RK_MEDIA",
        ]
    );
    assert_eq!(items_in(ChecklistSection::SenseCheck).count(), 8);
    assert_eq!(items_in(ChecklistSection::Suitability).count(), 8);
    // DOMAIN.md §12.4 lists 15 risk areas but splits safeguarding into
    // child and adult codes, so there are 16 codes.
    assert_eq!(items_in(ChecklistSection::Risk).count(), 16);
    for i in ITEMS {
        let prefix = match i.section {
            ChecklistSection::SenseCheck => "SC_",
            ChecklistSection::Suitability => "SU_",
            ChecklistSection::Risk => "RK_",
        };
        assert!(i.code.starts_with(prefix), "{}", i.code);
    }
}

#[test]
fn codes_unique_labels_short_help_one_line() {
    for (n, i) in ITEMS.iter().enumerate() {
        assert!(ITEMS[n + 1..].iter().all(|j| j.code != i.code), "duplicate {}", i.code);
        assert!(i.label.chars().count() <= 45, "label too long: {}", i.code);
        assert!(!i.label.is_empty() && !i.help.is_empty());
        assert!(!i.help.contains('\n'));
    }
}

#[test]
fn only_health_items_are_sensitive() {
    let sensitive: Vec<&str> = ITEMS.iter().filter(|i| i.sensitive).map(|i| i.code).collect();
    assert_eq!(sensitive, ["RK_MH", "RK_SUBSTANCE", "RK_LD"]);
}

#[test]
fn item_lookup() {
    assert_eq!(item("RK_MH").map(|i| i.section), Some(ChecklistSection::Risk));
    assert!(item("rk_mh").is_none());
    assert!(item("").is_none());
    assert!(item("NOPE").is_none());
}

#[test]
fn rule_constants_name_real_items() {
    let mut all: Vec<&str> = vec![SU_ACCEPTS, SU_WILLING_HARMED, SU_WILLING_RESP, RK_HATE];
    all.extend(UNSAFE_IF_HIGH);
    all.extend(HIGH_IF_PRESENT);
    all.extend(MEDIUM_IF_UNKNOWN);
    for c in all {
        assert!(item(c).is_some(), "{c}");
    }
}

// ---- enums ----

#[test]
fn answer_strings_roundtrip_and_cycle() {
    for a in Answer::ALL {
        assert_eq!(Answer::parse(a.as_str()), Some(a));
        assert!(!a.label().is_empty());
    }
    assert_eq!(Answer::NotApplicable.as_str(), "n/a");
    assert_eq!(Answer::parse("maybe"), None);
    // `next` visits all four and comes back.
    let mut a = Answer::Yes;
    let mut seen = vec![a];
    for _ in 0..3 {
        a = a.next();
        seen.push(a);
    }
    assert_eq!(seen, Answer::ALL);
    assert_eq!(a.next(), Answer::Yes);
    // Risk items skip n/a.
    assert_eq!(Answer::Unknown.next_for(ChecklistSection::Risk), Answer::Yes);
    assert_eq!(Answer::Unknown.next_for(ChecklistSection::Suitability), Answer::NotApplicable);
}

#[test]
fn severity_level_decision_strings() {
    for s in RiskSeverity::ALL {
        assert_eq!(RiskSeverity::parse(s.as_str()), Some(s));
    }
    for l in RiskLevel::ALL {
        assert_eq!(RiskLevel::parse(l.as_str()), Some(l));
    }
    for d in Decision::ALL {
        assert_eq!(Decision::parse(d.as_str()), Some(d));
    }
    for s in ChecklistSection::ALL {
        assert_eq!(ChecklistSection::parse(s.as_str()), Some(s));
    }
    assert_eq!(RiskLevel::Unsafe.as_str(), "unsafe");
    assert_eq!(Decision::ReferToManager.as_str(), "refer_to_manager");
    assert_eq!(Decision::NotSuitable.as_str(), "not_suitable");
    assert!(RiskLevel::Low < RiskLevel::Medium);
    assert!(RiskLevel::Medium < RiskLevel::High);
    assert!(RiskLevel::High < RiskLevel::Unsafe);
    assert!(RiskSeverity::Low < RiskSeverity::High);
}

// ---- answers ----

#[test]
fn answers_missing_is_unknown_and_unknown_codes_refused() {
    let mut a = Answers::new();
    assert_eq!(a.answer("SU_ACCEPTS"), Answer::Unknown);
    assert_eq!(a.set("SU_NOPE", AnswerEntry::new(Answer::Yes)), Err(UnknownItem("SU_NOPE".into())));
    assert!(a.is_empty());
    a.set("SU_ACCEPTS", AnswerEntry::new(Answer::No).with_note("denies")).unwrap();
    assert_eq!(a.answer("SU_ACCEPTS"), Answer::No);
    assert_eq!(a.get("SU_ACCEPTS").map(|e| e.note.as_str()), Some("denies"));
    assert_eq!(a.len(), 1);
}

// ---- sense-check ----

#[test]
fn sense_check_needs_yes_or_na() {
    let mut a = clean();
    assert_eq!(sense_check_complete(&a), Ok(()));
    set(&mut a, "SC_REF", Answer::NotApplicable);
    assert_eq!(sense_check_complete(&a), Ok(()));
    set(&mut a, "SC_AGE", Answer::No);
    set(&mut a, "SC_PARTIES", Answer::Unknown);
    assert_eq!(sense_check_complete(&a), Err(vec!["SC_PARTIES", "SC_AGE"]));
    // Nothing answered: every SC item is outstanding.
    assert_eq!(sense_check_complete(&Answers::new()).map_err(|v| v.len()), Err(8));
}

// ---- overall_risk ----

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
    assert!(has_reason(&c.forced_not_suitable, "RK_REVICT"));
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
    assert!(has_reason(&c.manager_review, "RK_MH"));
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

// ---- properties ----

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
