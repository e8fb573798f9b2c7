use super::*;
use crate::domain::rules::{Confidence, Rule};
use DisposalType as D;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn case() -> CaseFacts {
    CaseFacts {
        offence_mode: Some(OffenceMode::SummaryOnly),
        domestic_abuse: false,
        intimate_partner: false,
        hate_crime: false,
        age_at_decision: Some(30),
    }
}

/// A disposal with everything on file, issued on 2026-11-02.
fn disposal(kind: DisposalType) -> DisposalFacts<'static> {
    DisposalFacts {
        disposal: kind,
        cps_decision_ref: None,
        authorised_by: Some("Insp Khan"),
        authorising_rank: Some(Rank::Inspector),
        issued_on: Some(d("2026-11-02")),
        decided_on: d("2026-11-02"),
        yot_referred_on: Some(d("2026-11-03")),
        proceed_reason: None,
        conditions: 0,
    }
}

fn with(rules: &[(&str, f64)]) -> Rules {
    Rules::new(Rules::defaults().iter().cloned().chain(rules.iter().map(|(id, value)| Rule {
        id: (*id).to_string(),
        value: *value,
        unit: "local".into(),
        source: "local policy".into(),
        confidence: Confidence::Unverified,
    })))
}

fn blocks(f: &[CapFinding]) -> Vec<&str> {
    f.iter().filter(|f| f.severity == Severity::Block).map(|f| f.message.as_str()).collect()
}

fn warns(f: &[CapFinding]) -> Vec<&str> {
    f.iter().filter(|f| f.severity == Severity::Warn).map(|f| f.message.as_str()).collect()
}

#[test]
fn a_domestic_abuse_or_hate_crime_conditional_caution_needs_a_cps_decision() {
    let r = Rules::defaults();
    for (da, hate) in [(true, false), (false, true)] {
        let c = CaseFacts { domestic_abuse: da, hate_crime: hate, ..case() };
        let found = check_disposal(&r, &c, &disposal(D::AdultConditionalCaution));
        assert_eq!(blocks(&found).len(), 1, "{found:?}");
        assert!(blocks(&found)[0].contains("CPS decision reference"), "{found:?}");
        // Recorded at intake, before it is given: a reminder, not a refusal.
        let in_view = DisposalFacts { issued_on: None, ..disposal(D::AdultConditionalCaution) };
        let found = check_disposal(&r, &c, &in_view);
        assert!(blocks(&found).is_empty() && warns(&found).iter().any(|m| m.contains("CPS")), "{found:?}");
        let with_ref = DisposalFacts { cps_decision_ref: Some("CPS/1"), ..disposal(D::AdultConditionalCaution) };
        assert!(blocks(&check_disposal(&r, &c, &with_ref)).is_empty());
        // A community resolution is no conditional caution: no CPS decision.
        assert!(blocks(&check_disposal(&r, &c, &disposal(D::CommunityResolution))).is_empty());
    }
}

#[test]
fn an_indictable_only_offence_needs_a_cps_decision_for_any_conditional_caution() {
    let r = Rules::defaults();
    let c = CaseFacts { offence_mode: Some(OffenceMode::IndictableOnly), age_at_decision: Some(15), ..case() };
    let found = check_disposal(&r, &c, &disposal(D::YouthConditionalCaution));
    assert!(blocks(&found).iter().any(|m| m.contains("indictable-only")), "{found:?}");
    let either = CaseFacts { offence_mode: Some(OffenceMode::EitherWay), ..c };
    assert!(blocks(&check_disposal(&r, &either, &disposal(D::YouthConditionalCaution))).is_empty());
}

#[test]
fn a_community_resolution_for_intimate_partner_abuse_needs_a_reason_to_proceed() {
    let r = Rules::defaults();
    let c = CaseFacts { domestic_abuse: true, intimate_partner: true, ..case() };
    let found = check_disposal(&r, &c, &disposal(D::CommunityResolution));
    assert!(blocks(&found).iter().any(|m| m.contains("record a reason to proceed")), "{found:?}");
    let reasoned = DisposalFacts { proceed_reason: Some("harmed party's wish"), ..disposal(D::CommunityResolution) };
    let found = check_disposal(&r, &c, &reasoned);
    assert!(blocks(&found).is_empty(), "{found:?}");
    assert!(warns(&found).iter().any(|m| m.contains("intimate partners")), "{found:?}");
    // Domestic abuse between relatives who are not partners: no such rule.
    let relatives = CaseFacts { intimate_partner: false, ..c };
    assert!(check_disposal(&r, &relatives, &disposal(D::CommunityResolution)).is_empty());
}

#[test]
fn the_authorising_officer_and_rank_are_asked_for_and_a_local_minimum_rank_warns() {
    let bare = DisposalFacts { authorised_by: None, authorising_rank: None, ..disposal(D::CommunityResolution) };
    let found = check_disposal(&Rules::defaults(), &case(), &bare);
    assert_eq!(warns(&found).len(), 2, "{found:?}");
    assert!(blocks(&found).is_empty());
    let sergeant = DisposalFacts { authorising_rank: Some(Rank::Sergeant), ..disposal(D::CommunityResolution) };
    // No minimum rank by default.
    assert!(check_disposal(&Rules::defaults(), &case(), &sergeant).is_empty());
    let inspector_or_above = with(&[(MIN_RANK_RULE, Rank::Inspector.level() as f64)]);
    let found = check_disposal(&inspector_or_above, &case(), &sergeant);
    assert_eq!(warns(&found), ["authorised by a sergeant; local policy asks for an inspector or above"]);
    assert!(check_disposal(&inspector_or_above, &case(), &disposal(D::CommunityResolution)).is_empty());
}

#[test]
fn pcsc_cautions_are_not_in_force_until_the_commencement_rule_says_so() {
    let defaults = Rules::defaults();
    assert!(!is_in_force(&defaults, D::DiversionaryCaution, d("2030-01-01")));
    let found = check_disposal(&defaults, &case(), &disposal(D::CommunityCaution));
    assert!(blocks(&found).iter().any(|m| m.contains("not in force")), "{found:?}");
    let commenced = with(&[(PCSC_COMMENCEMENT_RULE, 20270401.0)]);
    assert_eq!(pcsc_in_force_from(&commenced), Some(d("2027-04-01")));
    assert!(!is_in_force(&commenced, D::DiversionaryCaution, d("2027-03-31")));
    assert!(is_in_force(&commenced, D::DiversionaryCaution, d("2027-04-01")));
    assert!(is_in_force(&defaults, D::AdultConditionalCaution, d("2026-01-01")));
}

#[test]
fn a_youth_caution_takes_no_conditions_and_a_youth_disposal_records_the_yot_referral() {
    let r = Rules::defaults();
    let child = CaseFacts { age_at_decision: Some(15), ..case() };
    let with_conditions = DisposalFacts { conditions: 1, ..disposal(D::YouthCaution) };
    assert!(blocks(&check_disposal(&r, &child, &with_conditions))[0].contains("takes no conditions"));
    for kind in [D::YouthCaution, D::YouthConditionalCaution] {
        let unreferred = DisposalFacts { yot_referred_on: None, ..disposal(kind) };
        let found = check_disposal(&r, &child, &unreferred);
        assert!(warns(&found).iter().any(|m| m.contains("youth offending team")), "{found:?}");
        assert!(check_disposal(&r, &child, &disposal(kind)).is_empty());
    }
}

#[test]
fn age_is_taken_on_the_day_of_the_decision() {
    let r = Rules::defaults();
    let adult = CaseFacts { age_at_decision: Some(36), ..case() };
    let found = check_disposal(&r, &adult, &disposal(D::YouthConditionalCaution));
    assert!(blocks(&found).iter().any(|m| m.contains("only for ages 10–17")), "{found:?}");
    let child = CaseFacts { age_at_decision: Some(17), ..case() };
    assert!(blocks(&check_disposal(&r, &child, &disposal(D::AdultConditionalCaution)))[0].contains("18 or over"));
}

#[test]
fn a_conditional_caution_beyond_its_time_limit_needs_a_reason() {
    let r = Rules::defaults();
    let issued = d("2026-11-02");
    // 16 weeks is the normal limit: on it, nothing to say.
    assert!(check_due(&r, D::AdultConditionalCaution, issued, d("2027-02-22"), None).is_empty());
    // 18 weeks: refused without a reason, allowed with one.
    let eighteen = d("2027-03-08");
    assert_eq!(blocks(&check_due(&r, D::AdultConditionalCaution, issued, eighteen, None)).len(), 1);
    assert!(check_due(&r, D::AdultConditionalCaution, issued, eighteen, Some("course dates")).is_empty());
    // 39 weeks: past the maximum; only a reason lets it through, as a warning.
    let far = d("2027-08-02");
    assert_eq!(blocks(&check_due(&r, D::AdultConditionalCaution, issued, far, None)).len(), 2);
    let overridden = check_due(&r, D::AdultConditionalCaution, issued, far, Some("trial of co-accused"));
    assert!(blocks(&overridden).is_empty());
    assert_eq!(warns(&overridden).len(), 1, "{overridden:?}");
    // A community resolution's local limit still only warns.
    assert!(blocks(&check_due(&r, D::CommunityResolution, issued, far, None)).is_empty());
}

#[test]
fn a_breach_decision_with_a_new_date_must_be_to_vary() {
    let due = Some(d("2027-01-04"));
    let msg = check_breach_decision(BreachDecision::ProsecuteOriginalOffence, due).unwrap_err();
    assert!(msg.contains("prosecut") && msg.contains("clear the date"), "{msg}");
    assert!(check_breach_decision(BreachDecision::ProsecuteOriginalOffence, None).is_ok());
    assert!(check_breach_decision(BreachDecision::VaryConditions, due).is_ok());
    assert!(check_breach_decision(BreachDecision::VaryConditions, None).is_err());
}
