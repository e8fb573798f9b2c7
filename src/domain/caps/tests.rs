use super::*;
use ConditionKind as K;
use ConditionObject as O;
use DisposalType as D;

fn cond(kind: K, object: O, hours: Option<f64>, amount_pence: Option<i64>) -> ConditionSpec {
    ConditionSpec { kind, object, hours, amount_pence }
}
fn hrs(kind: K, object: O, h: f64) -> ConditionSpec {
    cond(kind, object, Some(h), None)
}
fn fine(p: i64) -> ConditionSpec {
    cond(K::FinancialPenalty, O::Punishment, None, Some(p))
}
fn ctx(disposal: D, offence_mode: OffenceMode, age: Option<u8>) -> CapContext {
    CapContext { disposal, offence_mode, age }
}
fn acc() -> CapContext {
    ctx(D::AdultConditionalCaution, OffenceMode::SummaryOnly, Some(30))
}
/// The default rules with one rule changed.
fn with_rule(id: &str, change: impl Fn(&mut Rule)) -> Rules {
    Rules::new(Rules::defaults().iter().cloned().map(|mut r| {
        if r.id == id {
            change(&mut r);
        }
        r
    }))
}
fn ids(f: &[CapFinding]) -> Vec<&str> {
    f.iter().map(|f| f.rule_id.as_str()).collect()
}
fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[test]
fn adult_cc_non_rehab_attendance_blocks_over_20h() {
    let r = Rules::defaults();
    let f = check_conditions(&r, &acc(), &[hrs(K::Attendance, O::Reparation, 21.0)]);
    assert_eq!(ids(&f), ["CC_ATTEND_MAX"]);
    assert!(has_blocking(&f));
    let f = check_conditions(&r, &acc(), &[hrs(K::Attendance, O::Reparation, 20.0)]);
    assert!(f.is_empty());
    // Unpaid work counts too, and the message names limit, value and source.
    let f = check_conditions(
        &r,
        &acc(),
        &[hrs(K::Attendance, O::Punishment, 14.0), hrs(K::UnpaidWork, O::Reparation, 10.0)],
    );
    assert_eq!(
        f[0].message,
        "non-rehabilitative attendance totals 24 h; the cap is 20 h (CJA 2003 s.22(3B), verified)"
    );
}

#[test]
fn adult_cc_rehab_attendance_is_exempt() {
    let r = Rules::defaults();
    let f = check_conditions(
        &r,
        &acc(),
        &[hrs(K::Attendance, O::Rehabilitation, 30.0), hrs(K::RehabCourse, O::Rehabilitation, 12.0)],
    );
    assert!(f.is_empty(), "{f:?}");
}

#[test]
fn adult_cc_financial_penalty_by_offence_mode() {
    let r = Rules::defaults();
    let f = check_conditions(&r, &acc(), &[fine(6000)]);
    assert_eq!(ids(&f), ["CC_FIN_SUMMARY"]);
    assert!(has_blocking(&f));
    assert_eq!(
        f[0].message,
        "financial penalty (summary only offence) totals £60; the cap is £50 (SI 2013/615, verified)"
    );
    assert!(check_conditions(&r, &acc(), &[fine(5000)]).is_empty());
    // Penalties add up.
    assert!(has_blocking(&check_conditions(&r, &acc(), &[fine(3000), fine(2001)])));
    // Either way allows £100; indictable-only £150.
    let ew = ctx(D::AdultConditionalCaution, OffenceMode::EitherWay, None);
    assert!(check_conditions(&r, &ew, &[fine(6000)]).is_empty());
    let io = ctx(D::AdultConditionalCaution, OffenceMode::IndictableOnly, None);
    assert_eq!(ids(&check_conditions(&r, &io, &[fine(15001)])), ["CC_FIN_INDICTABLE"]);
    // Compensation is reparation, not a penalty (§2.3).
    let comp = cond(K::ReparationCompensation, O::Reparation, None, Some(50_000));
    assert!(check_conditions(&r, &acc(), &[comp]).is_empty());
}

#[test]
fn changing_a_rule_value_changes_the_outcome() {
    let raised = with_rule("CC_ATTEND_MAX", |r| r.value = 25.0);
    let c = [hrs(K::Attendance, O::Reparation, 21.0)];
    assert!(has_blocking(&check_conditions(&Rules::defaults(), &acc(), &c)));
    assert!(check_conditions(&raised, &acc(), &c).is_empty());
    let lowered = with_rule("CC_FIN_SUMMARY", |r| r.value = 4000.0);
    assert!(has_blocking(&check_conditions(&lowered, &acc(), &[fine(4500)])));
}

#[test]
fn confidence_drives_severity_for_caps() {
    let weak = with_rule("CC_ATTEND_MAX", |r| r.confidence = Confidence::Partial);
    let f = check_conditions(&weak, &acc(), &[hrs(K::Attendance, O::Reparation, 21.0)]);
    assert_eq!(f[0].severity, Severity::Warn);
    assert!(!has_blocking(&f));
}

#[test]
fn missing_rule_means_no_check() {
    let empty = Rules::default();
    let c = [hrs(K::Attendance, O::Reparation, 500.0), fine(1_000_000)];
    assert!(check_conditions(&empty, &acc(), &c).is_empty());
    assert!(check_completion_due(&empty, D::AdultConditionalCaution, d(2024, 1, 1), d(2025, 1, 1), false).is_empty());
    assert_eq!(default_completion_due(&empty, D::AdultConditionalCaution, d(2024, 1, 1)), None);
}

#[test]
fn community_resolution_penalty_always_blocks() {
    let c = ctx(D::CommunityResolution, OffenceMode::SummaryOnly, None);
    for rules in [Rules::defaults(), Rules::default()] {
        let f = check_conditions(&rules, &c, &[fine(100)]);
        assert_eq!(ids(&f), ["CR_NO_FINANCIAL_PENALTY"]);
        assert!(has_blocking(&f));
    }
    // Other CR actions are not capped.
    assert!(check_conditions(&Rules::defaults(), &c, &[hrs(K::UnpaidWork, O::Reparation, 40.0)]).is_empty());
}

#[test]
fn negative_values_block() {
    let f = check_conditions(&Rules::defaults(), &acc(), &[hrs(K::Attendance, O::Reparation, -3.0), fine(-500)]);
    assert_eq!(ids(&f), ["NEGATIVE_VALUE", "NEGATIVE_VALUE"]);
    assert!(f[0].message.contains("hours must be zero or more"));
    assert!(f[1].message.contains("amount must be zero or more"));
    // A negative entry cannot offset another to slip under the cap.
    let f = check_conditions(
        &Rules::defaults(),
        &acc(),
        &[hrs(K::Attendance, O::Reparation, 25.0), hrs(K::Attendance, O::Reparation, -10.0)],
    );
    assert_eq!(ids(&f), ["NEGATIVE_VALUE", "CC_ATTEND_MAX"]);
}

#[test]
fn ycc_financial_bands() {
    let r = Rules::defaults();
    let c15 = ctx(D::YouthConditionalCaution, OffenceMode::SummaryOnly, Some(15));
    assert!(check_conditions(&r, &c15, &[fine(3000)]).is_empty());
    assert_eq!(ids(&check_conditions(&r, &c15, &[fine(3001)])), ["YCC_FIN_1417_SUMMARY"]);
    let c12 = ctx(D::YouthConditionalCaution, OffenceMode::EitherWay, Some(12));
    assert_eq!(ids(&check_conditions(&r, &c12, &[fine(2600)])), ["YCC_FIN_1013_EITHER"]);
    // Unknown age: stricter band, with a warning that says so.
    let unknown = ctx(D::YouthConditionalCaution, OffenceMode::SummaryOnly, None);
    let f = check_conditions(&r, &unknown, &[fine(2000)]);
    assert_eq!(ids(&f), ["YCC_FIN_1013_SUMMARY", "YCC_FIN_1013_SUMMARY"]);
    assert_eq!(f[0].severity, Severity::Warn);
    assert!(f[0].message.contains("stricter 10–13"));
    assert_eq!(f[1].severity, Severity::Block);
    assert!(f[1].message.contains("£20"), "{}", f[1].message);
    assert!(f[1].message.contains("£15"));
}

#[test]
fn ycc_hours_warn_because_unverified() {
    let r = Rules::defaults();
    let c = ctx(D::YouthConditionalCaution, OffenceMode::SummaryOnly, Some(15));
    let f = check_conditions(
        &r,
        &c,
        &[
            hrs(K::UnpaidWork, O::Reparation, 11.0),
            hrs(K::Attendance, O::Punishment, 21.0),
            hrs(K::RehabCourse, O::Rehabilitation, 40.0),
        ],
    );
    assert_eq!(ids(&f), ["YCC_UNPAID_MAX", "YCC_ATTEND_MAX"]);
    assert!(f.iter().all(|f| f.severity == Severity::Warn));
}

#[test]
fn pcsc_caps() {
    let r = Rules::defaults();
    let dc = ctx(D::DiversionaryCaution, OffenceMode::EitherWay, Some(40));
    let f = check_conditions(
        &r,
        &dc,
        &[
            hrs(K::UnpaidWork, O::Reparation, 21.0),
            hrs(K::Attendance, O::Reparation, 21.0),
            hrs(K::Attendance, O::Rehabilitation, 50.0),
            fine(1_000_000), // no s.102(3) regulations yet: no rule, no check
        ],
    );
    assert_eq!(ids(&f), ["DC_UNPAID_MAX", "DC_ATTEND_MAX"]);
    assert_eq!(f[0].severity, Severity::Block); // verified
    assert_eq!(f[1].severity, Severity::Warn); // unverified

    let cc = ctx(D::CommunityCaution, OffenceMode::SummaryOnly, Some(40));
    let f =
        check_conditions(&r, &cc, &[hrs(K::UnpaidWork, O::Reparation, 11.0), hrs(K::Attendance, O::Reparation, 11.0)]);
    assert_eq!(ids(&f), ["COMC_UNPAID_MAX", "COMC_ATTEND_MAX"]);
    assert_eq!(f[0].severity, Severity::Block);
    assert_eq!(f[1].severity, Severity::Warn); // partial
    assert!(check_conditions(&r, &cc, &[hrs(K::UnpaidWork, O::Reparation, 10.0)]).is_empty());
}

#[test]
fn completion_due_adult_cc() {
    let r = Rules::defaults();
    let issued = d(2024, 1, 1);
    let at = |weeks: i64| issued + Duration::days(7 * weeks);
    let acc = D::AdultConditionalCaution;

    assert!(check_completion_due(&r, acc, issued, at(16), false).is_empty());

    // 17 weeks: past the partial 16-week norm → warning only.
    let f = check_completion_due(&r, acc, issued, at(17), false);
    assert_eq!(ids(&f), ["CC_TIME_NORMAL"]);
    assert_eq!(f[0].severity, Severity::Warn);
    assert_eq!(
        f[0].message,
        "completion due 17 weeks after issue; the normal limit is 16 weeks \
         (2013 Code (via Olliers), partial) unless an exceptional extension is recorded"
    );
    // Recorded exceptional extension clears the normal-limit finding.
    assert!(check_completion_due(&r, acc, issued, at(17), true).is_empty());

    // 21 weeks: past the 20-week ceiling, still a warning while it is partial …
    let f = check_completion_due(&r, acc, issued, at(21), true);
    assert_eq!(ids(&f), ["CC_TIME_MAX"]);
    assert!(!has_blocking(&f));
    // … and a block once the rule is verified: confidence drives severity.
    let verified = with_rule("CC_TIME_MAX", |r| r.confidence = Confidence::Verified);
    let f = check_completion_due(&verified, acc, issued, at(21), true);
    assert!(has_blocking(&f));
    // Without the extension both limits are reported.
    let f = check_completion_due(&r, acc, issued, at(21), false);
    assert_eq!(ids(&f), ["CC_TIME_NORMAL", "CC_TIME_MAX"]);
}

#[test]
fn completion_due_other_types_and_before_issue() {
    let r = Rules::defaults();
    let issued = d(2024, 3, 1);
    let f = check_completion_due(&r, D::CommunityResolution, issued, issued + Duration::days(85), false);
    assert_eq!(ids(&f), ["CR_TIME_NORMAL"]);
    assert!(f[0].message.contains("due 12 weeks 1 day after issue"), "{}", f[0].message);
    let f = check_completion_due(&r, D::CommunityCaution, issued, issued + Duration::days(113), false);
    assert_eq!(ids(&f), ["PCSC_TIME_NORMAL"]);
    let f = check_completion_due(&r, D::YouthConditionalCaution, issued, issued + Duration::days(113), false);
    assert_eq!(ids(&f), ["YCC_TIME_NORMAL"]);
    assert!(check_completion_due(&r, D::YouthCaution, issued, issued + Duration::days(1000), false).is_empty());

    let f = check_completion_due(&r, D::AdultConditionalCaution, issued, d(2024, 2, 28), false);
    assert_eq!(ids(&f), ["DUE_BEFORE_ISSUE"]);
    assert!(has_blocking(&f));
    assert!(check_completion_due(&r, D::AdultConditionalCaution, issued, issued, false).is_empty());
}

#[test]
fn default_due_dates() {
    let r = Rules::defaults();
    let issued = d(2024, 1, 1);
    assert_eq!(
        default_completion_due(&r, D::AdultConditionalCaution, issued),
        Some((d(2024, 4, 22), "CC_TIME_NORMAL".to_string()))
    );
    assert_eq!(
        default_completion_due(&r, D::CommunityResolution, issued),
        Some((issued + Duration::days(84), "CR_TIME_NORMAL".to_string()))
    );
    assert_eq!(default_completion_due(&r, D::YouthCaution, issued), None);
    let changed = with_rule("CC_TIME_NORMAL", |r| r.value = 10.0);
    assert_eq!(
        default_completion_due(&changed, D::AdultConditionalCaution, issued),
        Some((issued + Duration::days(70), "CC_TIME_NORMAL".to_string()))
    );
    // The default never trips its own check.
    for &disp in D::ALL {
        if let Some((due, _)) = default_completion_due(&r, disp, issued) {
            assert!(check_completion_due(&r, disp, issued, due, false).is_empty());
        }
    }
}

#[test]
fn stored_strings_round_trip() {
    for &k in K::ALL {
        assert_eq!(K::parse(k.as_str()), Some(k));
        assert!(O::ALL.contains(&k.default_object()));
    }
    for &o in O::ALL {
        assert_eq!(O::parse(o.as_str()), Some(o));
    }
    assert_eq!(K::ALL.len(), 18);
    assert_eq!(K::RehabCourse.as_str(), "rehab_course");
    assert_eq!(K::ReparationApologyLetter.as_str(), "reparation_apology_letter");
    assert_eq!(K::parse("bogus"), None);
    assert_eq!(K::FinancialPenalty.default_object(), O::Punishment);
    assert_eq!(K::RehabCourse.default_object(), O::Rehabilitation);
}

#[test]
fn pounds_formatting() {
    assert_eq!(pounds(5000.0), "£50");
    assert_eq!(pounds(5050.0), "£50.50");
    assert_eq!(pounds(7.0), "£0.07");
}

#[test]
fn unpaid_work_under_another_label_still_counts_towards_the_unpaid_work_cap() {
    let r = Rules::defaults();
    let comc = ctx(D::CommunityCaution, OffenceMode::SummaryOnly, Some(30));
    // 6 h labelled unpaid work and 6 h of "repair damage": 12 h of work, over the 10 h cap.
    let set = [hrs(K::UnpaidWork, O::Reparation, 6.0), hrs(K::ReparationRepairDamage, O::Reparation, 6.0)];
    assert_eq!(ids(&check_conditions(&r, &comc, &set)), ["COMC_UNPAID_MAX"]);
    // Labelled "other", all of it: still work.
    let ycc = ctx(D::YouthConditionalCaution, OffenceMode::SummaryOnly, Some(15));
    assert_eq!(ids(&check_conditions(&r, &ycc, &[hrs(K::Other, O::Punishment, 11.0)])), ["YCC_UNPAID_MAX"]);
    // And for an adult, hours of work share the 20 h attendance cap.
    let adult = [hrs(K::Attendance, O::Reparation, 12.0), hrs(K::Other, O::Reparation, 9.0)];
    assert_eq!(ids(&check_conditions(&r, &acc(), &adult)), ["CC_ATTEND_MAX"]);
    // A rehabilitative purpose stays exempt, whatever the label.
    assert!(check_conditions(&r, &acc(), &[hrs(K::Other, O::Rehabilitation, 30.0)]).is_empty());
}
