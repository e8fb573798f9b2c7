//! A template needing a missing field fails naming it and writes nothing.

use std::path::PathBuf;

use casedesk::domain::types::{DataSubjectCategory, PartyRole, Service, Source};
use casedesk::export::letters::{render_letter, user_template_path, write_letter, LetterFormat, RecipientChoice};
use casedesk::store::model::{NewCase, NewPerson, PartyLink};
use tempfile::TempDir;

use super::{audit_total, d, demo_store, empty_config, fixture, spec, Fixture};

#[test]
fn a_template_needing_a_missing_field_fails_naming_it_and_writes_nothing() {
    let Fixture { mut store, case_id, config, .. } = fixture("Robin", "Fixture");
    // The user's copy asks for the condition's provider; this condition has none.
    let copy = user_template_path(config.path(), "reminder_condition_due");
    std::fs::create_dir_all(copy.parent().unwrap()).unwrap();
    std::fs::write(&copy, "Dear {{ recipient.name }},\n\nSee {{ condition.provider }} by {{ condition.due }}.\n")
        .unwrap();
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("out.docx");
    let (letters, audit) = (store.case_letters(case_id, 10).unwrap().total, audit_total(&store, case_id));
    let err = write_letter(
        &mut store,
        &spec(case_id, "reminder_condition_due", Some(config.path())),
        LetterFormat::Docx,
        &path,
    )
    .unwrap_err();
    assert_eq!(
        format!("{err:#}"),
        "template reminder_condition_due uses {{ condition.provider }}, which this case does not have"
    );
    assert!(!path.exists(), "no half-filled letter");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0, "no temp file left either");
    assert_eq!(store.case_letters(case_id, 10).unwrap().total, letters, "no letter row");
    assert_eq!(audit_total(&store, case_id), audit, "no audit row");
}

#[test]
fn a_built_in_template_on_a_case_without_its_facts_names_the_field() {
    let mut store = demo_store(5);
    let case_id = store
        .write(|tx| {
            let key = tx.create_case(&NewCase::new(Service::RestorativeJustice, Source::VictimSelf, d(2026, 11, 2)))?;
            let link = PartyLink { role: PartyRole::Harmed, category: DataSubjectCategory::Victim };
            tx.add_party(key.id, &NewPerson::named("Sam", "Harmed"), link)?;
            Ok(key.id)
        })
        .unwrap();
    let config = empty_config();
    // No agreement on this case.
    let err = render_letter(&store, &spec(case_id, "agreement_result", Some(config.path()))).unwrap_err();
    assert_eq!(err.to_string(), "template agreement_result uses {{ agreement.agreed }}, which this case does not have");
    // Nothing completed to confirm: neither conditions nor an agreement.
    let mut completion = spec(case_id, "completion_confirmation", Some(config.path()));
    completion.recipient = RecipientChoice::Named { name: "Sam Harmed".into(), role: "Harmed".into() };
    let err = render_letter(&store, &completion).unwrap_err();
    assert_eq!(
        err.to_string(),
        "template completion_confirmation uses {{ agreement.items }}, which this case does not have"
    );
    // No responsible person to remind: the recipient is named as missing.
    let err = render_letter(&store, &spec(case_id, "reminder_condition_due", Some(config.path()))).unwrap_err();
    assert!(err.to_string().contains("has no responsible person on file"), "{err}");
    // Addressed to someone named, the missing condition is what fails.
    let mut named = spec(case_id, "reminder_condition_due", Some(config.path()));
    named.recipient = RecipientChoice::Named { name: "Sam Harmed".into(), role: "Harmed".into() };
    let err = render_letter(&store, &named).unwrap_err().to_string();
    assert!(err.starts_with("template reminder_condition_due uses {{ condition."), "{err}");
    assert!(err.ends_with("which this case does not have"), "{err}");
}

#[test]
fn a_file_that_cannot_be_written_leaves_no_row() {
    let Fixture { mut store, case_id, config, .. } = fixture("Robin", "Fixture");
    let path = PathBuf::from("/nonexistent-casedesk-dir/letter.md");
    let audit = audit_total(&store, case_id);
    let err = write_letter(&mut store, &spec(case_id, "acknowledgement", Some(config.path())), LetterFormat::Md, &path)
        .unwrap_err();
    assert!(format!("{err:#}").contains("cannot write in /nonexistent-casedesk-dir"), "{err:#}");
    assert_eq!(store.case_letters(case_id, 10).unwrap().total, 0);
    assert_eq!(audit_total(&store, case_id), audit);
}

/// The commit itself fails after the file is in place (here a deferred
/// foreign key, checked only at commit): the letter written earlier at that
/// path must come back, and no copy of either may be left behind.
#[test]
fn a_letter_whose_record_fails_to_commit_keeps_the_earlier_file() {
    let (dir, db, (case_id, _)) = crate::common::desk_in_file(|store| super::oocd_case(store, "Robin", "Fixture"));
    let trap = rusqlite::Connection::open(&db).unwrap();
    trap.execute_batch(
        "CREATE TABLE trap_parent (id INTEGER PRIMARY KEY);
         CREATE TABLE trap (parent INTEGER REFERENCES trap_parent (id) DEFERRABLE INITIALLY DEFERRED);
         CREATE TRIGGER trap_letter AFTER INSERT ON letter BEGIN INSERT INTO trap VALUES (42); END;",
    )
    .unwrap();
    drop(trap);
    let letters = TempDir::new().unwrap();
    let path = letters.path().join("letter.md");
    std::fs::write(&path, "the letter sent last week").unwrap();
    let mut store = casedesk::store::Store::open(&db, casedesk::store::OpenMode::MustExist).unwrap();
    let config = empty_config();
    let err = write_letter(&mut store, &spec(case_id, "acknowledgement", Some(config.path())), LetterFormat::Md, &path)
        .unwrap_err();
    assert!(format!("{err:#}").contains("FOREIGN KEY"), "{err:#}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "the letter sent last week");
    let left: Vec<_> = std::fs::read_dir(letters.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(left, vec![std::ffi::OsString::from("letter.md")], "nothing else is left beside it");
    assert_eq!(store.case_letters(case_id, 10).unwrap().total, 0);
    drop(dir);
}
