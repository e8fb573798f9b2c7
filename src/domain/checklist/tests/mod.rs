//! Tests of the checklist: the item table, its words, the answers and the
//! sense-check here; the risk rating, the decision rules and the
//! properties each in a file of their own.

use super::rules::{
    HIGH_IF_PRESENT, MEDIUM_IF_UNKNOWN, RK_HATE, SU_ACCEPTS, SU_WILLING_HARMED, SU_WILLING_RESP, UNSAFE_IF_HIGH,
};
use super::*;

mod decisions;
mod properties;
mod risk;

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
