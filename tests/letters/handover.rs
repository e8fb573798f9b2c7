//! The handover pack for a coordinator (issue 14 §2): the case summary the
//! coordinator needs — parties, risk summary, decision, contact log, next
//! steps — headed by the service's profile, written to the coordinator from
//! the directory and logged on the case as a disclosure.

use casedesk::export::letters::{render_letter, write_letter, LetterFormat};
use casedesk::store::views::case::Seek;
use casedesk::store::{OpenMode, Store};

use crate::common;
use crate::common::cli::casedesk;

use super::{demo_store, docx_paragraphs, docx_part, empty_config, fixture, spec, Fixture};

/// A demo referral with a coordinator, a suitability decision and a
/// contact logged.
fn handed_over(store: &Store) -> i64 {
    let cases = store.case_list(&Seek::First, 500).unwrap().rows;
    cases
        .iter()
        .map(|r| r.case_id)
        .find(|&id| {
            let header = store.case_header(id).unwrap().unwrap();
            header.coordinator.is_some()
                && store.latest_decision(id).unwrap().is_some()
                && !store.handover_contacts(id, 5).unwrap().is_empty()
        })
        .expect("a demo referral with a coordinator, a decision and a contact")
}

#[test]
fn the_handover_pack_tells_the_coordinator_what_they_need() {
    let store = demo_store(120);
    let config = empty_config();
    let case_id = handed_over(&store);
    let header = store.case_header(case_id).unwrap().unwrap();
    let coordinator = header.coordinator.clone().unwrap();
    let letter = render_letter(&store, &spec(case_id, "handover", Some(config.path()))).unwrap();
    assert_eq!((letter.recipient.name.as_str(), letter.recipient.role.as_str()), (coordinator.as_str(), "Coordinator"));
    let md = &letter.markdown;
    let decision = store.latest_decision(case_id).unwrap().unwrap();
    let contact = &store.handover_contacts(case_id, 50).unwrap()[0];
    let parties = store.case_parties(case_id, 50).unwrap().people;
    for text in [
        format!("## Handover of {}", header.reference),
        format!("is allocated to {coordinator}"),
        "### The parties".to_string(),
        format!("- {} — {}", parties[0].name(), parties[0].role_label()),
        "### Risk summary".to_string(),
        "The suitability checklist assessed the risk as **".to_string(),
        "### Decision".to_string(),
        format!("**{}**, decided on", decision.decision.label()),
        "### Contact log".to_string(),
        "| Date | Contact | With | What was said | Outcome |".to_string(),
        contact.channel.label().to_string(),
        "### Next steps".to_string(),
    ] {
        assert!(
            md.contains(&casedesk::export::letters::escape_markdown(&text)) || md.contains(&text),
            "{text:?} in\n{md}"
        );
    }
    assert!(!md.contains("_made") && !md.contains("refer_to_manager"), "no codes:\n{md}");
    assert!(!md.contains("\n\n\n"), "no runs of blank lines:\n{md}");
}

#[test]
fn the_pack_waits_for_a_coordinator_and_is_for_referrals_only() {
    let store = demo_store(120);
    let config = empty_config();
    let cases = store.case_list(&Seek::First, 500).unwrap().rows;
    let unallocated = cases
        .iter()
        .find(|r| {
            r.service != casedesk::domain::types::Service::Oocd
                && store.case_header(r.case_id).unwrap().unwrap().coordinator.is_none()
        })
        .expect("a demo referral with no coordinator yet");
    let err = render_letter(&store, &spec(unallocated.case_id, "handover", Some(config.path()))).unwrap_err();
    assert!(format!("{err:#}").contains("has no coordinator yet: move it to Transferred"), "{err:#}");

    let Fixture { mut store, case_id, dir, config, .. } = fixture("Robin", "Fixture");
    let path = dir.path().join("handover.md");
    let err = write_letter(&mut store, &spec(case_id, "handover", Some(config.path())), LetterFormat::Md, &path)
        .unwrap_err()
        .to_string();
    assert!(err.contains("a handover pack for a coordinator is for a restorative justice or mediation case"), "{err}");
    assert!(!path.exists());
}

#[test]
fn the_command_line_writes_the_handover_and_logs_the_disclosure() {
    let config = empty_config();
    let (dir, db, (case_id, reference, coordinator)) = common::desk_in_file(|store| {
        casedesk::demo::generate(store, &casedesk::demo::DemoOptions { cases: 120, seed: 11, today: common::today() })
            .unwrap();
        let case_id = handed_over(store);
        let header = store.case_header(case_id).unwrap().unwrap();
        (case_id, header.reference, header.coordinator.unwrap())
    });
    let out = dir.path().join("handover.docx");
    let assert = casedesk()
        .env("CASEDESK_CONFIG_DIR", config.path())
        .args(["--db", db.to_str().unwrap(), "--today", "2026-11-20", "letter", "--case", &reference])
        .args(["--template", "handover", "-o", out.to_str().unwrap()])
        .assert()
        .success();
    let stdout = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    assert!(stdout.contains("Wrote \"Handover pack for the coordinator\""), "{stdout}");
    assert!(stdout.contains(&format!("the disclosure to {coordinator} (Coordinator) is logged")), "{stdout}");
    let texts: Vec<String> =
        docx_paragraphs(&docx_part(&out, "word/document.xml")).into_iter().map(|(t, _)| t).collect();
    assert!(texts.iter().any(|t| t == &format!("Handover of {reference}")), "{texts:#?}");

    let store = Store::open(&db, OpenMode::MustExist).unwrap();
    let letters = store.case_letters(case_id, 10).unwrap();
    assert_eq!((letters.total, letters.rows[0].template.as_str()), (1, "handover"));
    let audit = store.case_audit(case_id, &Seek::First, 5).unwrap().rows;
    let disclosure = audit.iter().find(|a| a.op == "disclose").expect("a disclosure row");
    assert_eq!(disclosure.recipient.as_deref(), Some(format!("{coordinator} (Coordinator)").as_str()));
    assert_eq!(disclosure.justification.as_deref(), Some("standard letter: handover"));
}
