//! Every template renders and says what it is for; the user's copy of a
//! template wins over the built-in one.

use casedesk::domain::letter_fit::outcome_of;
use casedesk::domain::types::Sender;
use casedesk::export::letters::{escape_markdown, render_letter, user_template_path, RecipientChoice, TEMPLATES};
use casedesk::store::views::case::Seek;
use casedesk::store::Store;

use super::{demo_store, empty_config, fixture, spec, Fixture};

/// A demo case each template can be written for.
fn demo_case_for(store: &Store, template: &str) -> i64 {
    let cases = store.case_list(&Seek::First, 500).unwrap().rows;
    let fits = |case_id: i64| -> bool {
        let header = store.case_header(case_id).unwrap().unwrap();
        let people = store.case_parties(case_id, 50).unwrap().people;
        let has = |role: &str| people.iter().any(|p| p.role.as_str() == role);
        let open_condition = store
            .letter_conditions(case_id)
            .unwrap()
            .iter()
            .any(|c| matches!(c.status.as_str(), "active" | "referred" | "booked" | "in_progress" | "varied"));
        let oic = header.disposal.as_ref().is_some_and(|d| d.oic_name.is_some());
        match template {
            "acknowledgement" => header.referrer_name.is_some() && header.crime_ref.is_some(),
            "rj_invitation" => header.service.as_str() == "restorative_justice" && has("harmed"),
            "reminder_condition_due" => has("offender") && open_condition,
            "non_compliance_notice" => has("offender") && open_condition && oic,
            "completion_confirmation" => header.status.as_str() == "completed" && has("offender"),
            "agreement_result" => has("harmed") && store.letter_agreement(case_id).unwrap().is_some(),
            // The RJ service's heading too: the other two are on any case.
            "outcome_to_referrer" => {
                outcome_of(header.status).is_some() && header.referrer_name.is_some() && !header.is_oocd()
            }
            "outcome_to_oic" => outcome_of(header.status).is_some() && oic,
            "outcome_to_victim_support" => outcome_of(header.status).is_some() && has("harmed"),
            "handover" => header.coordinator.is_some() && !header.is_oocd(),
            other => panic!("no rule for {other}"),
        }
    };
    cases.iter().map(|r| r.case_id).find(|id| fits(*id)).unwrap_or_else(|| panic!("a demo case fits {template}"))
}

#[test]
fn every_template_renders_for_a_demo_case() {
    let store = demo_store(120);
    let config = empty_config();
    for t in TEMPLATES {
        let case_id = demo_case_for(&store, t.name);
        let header = store.case_header(case_id).unwrap().unwrap();
        let reference = header.reference;
        let sender = store.service_profile(Sender::of(header.service)).unwrap().name.unwrap();
        let letter = render_letter(&store, &spec(case_id, t.name, Some(config.path())))
            .unwrap_or_else(|e| panic!("{} for {reference}: {e:#}", t.name));
        let md = &letter.markdown;
        // Headed by the case's own service, not one name for every letter.
        assert!(md.starts_with(&format!("# {}\n", escape_markdown(&sender))), "{}:\n{md}", t.name);
        assert!(md.contains("20 November 2026"), "{}: today's date:\n{md}", t.name);
        assert!(md.contains(&reference), "{}: the reference:\n{md}", t.name);
        assert!(md.contains(&escape_markdown(&letter.recipient.name)), "{}: the recipient:\n{md}", t.name);
        assert!(!md.contains("{{") && !md.contains("{%") && !md.contains("{#"), "{}: no template text:\n{md}", t.name);
        assert!(!md.contains("\n\n\n"), "{}: no runs of blank lines:\n{md}", t.name);
    }
    // Completion of an agreement, on a case with no conditions, lists its actions.
    let case_id = demo_case_for(&store, "agreement_result");
    assert!(store.letter_conditions(case_id).unwrap().is_empty());
    let mut completion = spec(case_id, "completion_confirmation", Some(config.path()));
    completion.recipient = RecipientChoice::Named { name: "Jo Reader".into(), role: "Responsible".into() };
    let md = render_letter(&store, &completion).unwrap().markdown;
    assert!(md.contains("- Agreed action 1: "), "{md}");
    assert!(!md.contains("\n\n\n"), "{md}");
}

#[test]
fn each_template_says_what_it_is_for() {
    let Fixture { store, case_id, config, .. } = fixture("Robin", "Fixture");
    let md = |store: &Store, name: &str| render_letter(store, &spec(case_id, name, Some(config.path()))).unwrap();
    let reminder = md(&store, "reminder_condition_due");
    assert_eq!(reminder.recipient.name, "Robin Fixture");
    assert!(reminder.markdown.contains("must be completed by **1 December 2026**"), "{}", reminder.markdown);
    assert!(reminder.markdown.contains("| Condition 1 | Letter of apology |"), "{}", reminder.markdown);
    assert!(!reminder.markdown.contains("Provided by"), "no provider line without a provider");
    let notice = md(&store, "non_compliance_notice");
    assert_eq!(
        (notice.recipient.name.as_str(), notice.recipient.role.as_str()),
        ("PC Ada Fixture", "Officer in the case")
    );
    for text in [
        "Robin Fixture has not complied",
        "| What is missing | no evidence of completion has been received |",
        "**Prosecute the original offence** (CJA 2003 s.24)",
        "**Vary the conditions**",
        "**No further action**",
        "crime reference CR/999001/26",
    ] {
        assert!(notice.markdown.contains(text), "{text:?} in\n{}", notice.markdown);
    }
    let ack = md(&store, "acknowledgement");
    assert_eq!(ack.recipient.role, "Referrer");
    assert!(ack.markdown.contains("ada.fixture@example.org"), "{}", ack.markdown);
    let invitation = md(&store, "rj_invitation");
    assert!(invitation.markdown.contains("withdraw at any time"), "{}", invitation.markdown);
    assert!(invitation.markdown.contains("voluntary"), "{}", invitation.markdown);
}

#[test]
fn the_users_copy_of_a_template_is_used_instead_of_the_built_in_one() {
    let Fixture { store, case_id, reference, config, .. } = fixture("Robin", "Fixture");
    let built_in = render_letter(&store, &spec(case_id, "acknowledgement", Some(config.path()))).unwrap();
    assert!(built_in.markdown.contains("Referral received"));
    let copy = user_template_path(config.path(), "acknowledgement");
    std::fs::create_dir_all(copy.parent().unwrap()).unwrap();
    std::fs::write(&copy, "# Our own letterhead\n\nThanks, {{ recipient.name }}, for {{ case.reference }}.\n").unwrap();
    let letter = render_letter(&store, &spec(case_id, "acknowledgement", Some(config.path()))).unwrap();
    assert_eq!(letter.markdown, format!("# Our own letterhead\n\nThanks, PC Ada Fixture, for {reference}.\n"));
    // Other templates are still the built-in ones.
    let other = render_letter(&store, &spec(case_id, "rj_invitation", Some(config.path()))).unwrap();
    assert!(other.markdown.contains("An invitation to take part in restorative justice"));
    // A broken copy is refused with where it is.
    std::fs::write(&copy, "{{ case.reference ").unwrap();
    let err = render_letter(&store, &spec(case_id, "acknowledgement", Some(config.path()))).unwrap_err().to_string();
    assert!(err.starts_with("template acknowledgement (your copy at "), "{err}");
}
