//! Letters relaying a case's outcome (issue 15 §1 "Outcomes to
//! stakeholders"): to the referrer, the officer in the case and Victim
//! Support, each refused while the case has no outcome and headed by the
//! case's own service once it has.

use casedesk::export::letters::{render_letter, write_letter, LetterFormat};

use super::{d, fixture, spec, Fixture};

#[test]
fn outcome_letters_wait_for_an_outcome_then_relay_it() {
    let Fixture { mut store, case_id, reference, config, dir } = fixture("Robin", "Fixture");
    for name in ["outcome_to_referrer", "outcome_to_oic", "outcome_to_victim_support"] {
        let path = dir.path().join(format!("{name}.md"));
        let err = write_letter(&mut store, &spec(case_id, name, Some(config.path())), LetterFormat::Md, &path)
            .unwrap_err()
            .to_string();
        assert!(err.contains("the case has no outcome yet to relay"), "{name}: {err}");
        assert!(!path.exists());
    }
    let condition = store.letter_conditions(case_id).unwrap()[0].id;
    store
        .write(|tx| {
            tx.complete_condition(condition, d(2026, 11, 18), "letter seen by the officer")?;
            tx.change_status_path(case_id, &["completed"], d(2026, 11, 19))
        })
        .unwrap();
    let letter = |name| render_letter(&store, &spec(case_id, name, Some(config.path()))).unwrap();
    let oic = letter("outcome_to_oic");
    assert_eq!(oic.recipient.name, "PC Ada Fixture");
    let md = &oic.markdown;
    assert!(md.starts_with("# Kelvington Out-of-Court Disposals Unit\n"), "{md}");
    assert!(md.contains("the case is **completed: every condition was done**"), "{md}");
    assert!(md.contains("| 1. Letter of apology | Write to the neighbour | completed on 18 November 2026 |"), "{md}");
    let referrer = letter("outcome_to_referrer");
    assert_eq!(referrer.recipient.role, "Referrer");
    assert!(referrer.markdown.contains("The outcome of your referral"), "{}", referrer.markdown);
    let support = letter("outcome_to_victim_support");
    assert_eq!(support.recipient.name, "Victim Support");
    assert!(support.markdown.contains(&format!("quote our reference {reference}")), "{}", support.markdown);
    // Written now, and logged as disclosures like every letter.
    let path = dir.path().join("support.docx");
    write_letter(
        &mut store,
        &spec(case_id, "outcome_to_victim_support", Some(config.path())),
        LetterFormat::Docx,
        &path,
    )
    .unwrap();
    assert_eq!(store.case_letters(case_id, 5).unwrap().total, 1);
}
