//! `casedesk letter`: writing, listing, and refusing bad input.

use std::path::Path;

use crate::common;
use crate::common::cli::casedesk;
use casedesk::export::letters::TEMPLATES;
use casedesk::store::views::case::Seek;
use casedesk::store::{OpenMode, Store};

use casedesk::domain::caps::{ConditionKind, ConditionObject};
use casedesk::store::model::NewCondition;

use super::{d, docx_paragraphs, docx_part, empty_config, oocd_case};

#[test]
fn the_command_line_writes_the_letter_its_row_and_a_disclosure() {
    let config = empty_config();
    let (dir, db, (case_id, reference)) = common::desk_in_file(|store| oocd_case(store, "Robin", "Fixture"));
    let out = dir.path().join("notice.docx");
    // Condition 1 falls due on 1 December: on 5 December it is overdue.
    let assert = casedesk()
        .env("CASEDESK_CONFIG_DIR", config.path())
        .args(["--db", db.to_str().unwrap(), "--today", "2026-12-05", "letter", "--case", &reference])
        .args(["--template", "non_compliance_notice", "-o", out.to_str().unwrap()])
        .assert()
        .success();
    let stdout = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    assert!(stdout.contains("the disclosure to PC Ada Fixture (Officer in the case) is logged"), "{stdout}");
    let texts: Vec<String> =
        docx_paragraphs(&docx_part(&out, "word/document.xml")).into_iter().map(|(t, _)| t).collect();
    assert!(texts.iter().any(|t| t.contains(&reference)), "{texts:#?}");
    assert!(texts.iter().any(|t| t.starts_with("PC Ada Fixture, Officer in the case")), "{texts:#?}");

    let store = Store::open(&db, OpenMode::MustExist).unwrap();
    let letters = store.case_letters(case_id, 10).unwrap();
    assert_eq!(letters.total, 1);
    let row = &letters.rows[0];
    assert_eq!(
        (row.template.as_str(), row.recipient.as_str(), row.format.as_str(), row.written_on),
        ("non_compliance_notice", "PC Ada Fixture (Officer in the case)", "docx", d(2026, 12, 5))
    );
    assert_eq!(Path::new(&row.path), out.as_path());
    let audit = store.case_audit(case_id, &Seek::First, 5).unwrap().rows;
    let disclosure = audit.iter().find(|a| a.op == "disclose").expect("a disclosure row");
    assert_eq!(disclosure.entity, "letter");
    assert_eq!(disclosure.entity_id, row.id.to_string());
    assert_eq!(disclosure.recipient.as_deref(), Some("PC Ada Fixture (Officer in the case)"));
    assert_eq!(disclosure.justification.as_deref(), Some("standard letter: non_compliance_notice"));
    assert!(store.check().unwrap().is_ok(), "the audit chain still verifies");

    // --list names the templates and the letter just written.
    let listed = listing(config.path(), &db, &reference);
    for t in TEMPLATES {
        assert!(listed.contains(t.name), "{} in {listed}", t.name);
    }
    assert!(listed.contains(&format!("Letters written for {reference} (1):")), "{listed}");
    assert!(listed.contains("Notice of non-compliance") && listed.contains("notice.docx"), "{listed}");
    // Its one condition is open: nothing is complete to confirm yet.
    let untrue = |name: &str| listed.lines().any(|l| l.contains(name) && l.contains("(does not fit this case today: "));
    assert!(untrue("completion_confirmation") && untrue("rj_invitation"), "{listed}");
    assert!(!untrue("acknowledgement"), "{listed}");
    // And why, in words.
    assert!(listed.contains("not every condition is completed"), "{listed}");
}

/// Listing the templates needs no case: each with whom it goes to, and a
/// pointer to --case for which fit one.
#[test]
fn the_templates_are_listed_without_a_case() {
    let config = empty_config();
    let (_dir, db, _) = common::desk_in_file(|store| oocd_case(store, "Robin", "Fixture"));
    let listed = casedesk()
        .env("CASEDESK_CONFIG_DIR", config.path())
        .args(["--db", db.to_str().unwrap(), "letter", "--list"])
        .assert()
        .success();
    let listed = String::from_utf8(listed.get_output().stdout.clone()).unwrap();
    for t in TEMPLATES {
        assert!(listed.contains(&format!("{} — to {}", t.title, t.to.describe())), "{} in {listed}", t.name);
    }
    assert!(!listed.contains("does not fit"), "no case, no verdict: {listed}");
    assert!(listed.contains("--case REF"), "{listed}");
    // Without --list a letter still needs its case, said in a sentence, exit 2.
    let asked = casedesk()
        .env("CASEDESK_CONFIG_DIR", config.path())
        .args(["--db", db.to_str().unwrap(), "letter", "--template", "acknowledgement", "-o", "x.docx"])
        .assert()
        .code(2);
    let stderr = String::from_utf8(asked.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("say which case the letter is for"), "{stderr}");
}

/// Issue 15 §1: a notice of non-compliance for a condition neither due nor
/// breached was written. Now it is refused with the reason, and `--force`
/// writes it with that reason logged beside the disclosure.
#[test]
fn a_letter_untrue_of_the_case_is_refused_unless_forced() {
    let config = empty_config();
    let (dir, db, (case_id, reference)) = common::desk_in_file(|store| oocd_case(store, "Robin", "Fixture"));
    let out = dir.path().join("notice.md");
    let letter = |extra: &[&str]| {
        casedesk()
            .env("CASEDESK_CONFIG_DIR", config.path())
            .args(["--db", db.to_str().unwrap(), "--today", "2026-11-20", "letter", "--case", &reference])
            .args(["--template", "non_compliance_notice", "-o", out.to_str().unwrap()])
            .args(extra)
            .assert()
    };
    let refused = letter(&[]).code(2);
    let stderr = String::from_utf8(refused.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.contains("condition 1 (Letter of apology, due Tue 1 Dec 2026) is neither breached nor overdue"),
        "{stderr}"
    );
    assert!(stderr.contains("give --force"), "the command line says how to write it all the same: {stderr}");
    assert!(!out.exists());
    let store = Store::open(&db, OpenMode::MustExist).unwrap();
    assert_eq!(store.case_letters(case_id, 10).unwrap().total, 0);
    drop(store);

    let forced = letter(&["--force"]).success();
    let stdout = String::from_utf8(forced.get_output().stdout.clone()).unwrap();
    assert!(stdout.contains("Wrote \"Notice of non-compliance\" for"), "{stdout}");
    assert!(out.exists());
    let store = Store::open(&db, OpenMode::MustExist).unwrap();
    let audit = store.case_audit(case_id, &Seek::First, 5).unwrap().rows;
    let disclosure = audit.iter().find(|a| a.op == "disclose").expect("a disclosure row");
    let why = disclosure.justification.as_deref().unwrap_or_default();
    assert!(why.contains("written although condition 1 (Letter of apology"), "{why}");
}

#[test]
fn the_command_line_refuses_bad_input_and_writes_nothing() {
    let config = empty_config();
    let (dir, db, (case_id, reference)) = common::desk_in_file(|store| oocd_case(store, "Robin", "Fixture"));
    let run = |args: &[&str]| {
        casedesk()
            .env("CASEDESK_CONFIG_DIR", config.path())
            .args(["--db", db.to_str().unwrap(), "--today", "2026-11-20", "letter"])
            .args(args)
            .assert()
            .code(2)
    };
    let out = dir.path().join("x.pdf");
    let cases: [(Vec<&str>, &str); 4] = [
        (
            vec!["--case", &reference, "--template", "acknowledgement", "-o", out.to_str().unwrap()],
            "must end in .docx or .md",
        ),
        (
            vec!["--case", "RJ-1999-0001", "--template", "acknowledgement", "-o", "a.md"],
            "there is no case \"RJ-1999-0001\"",
        ),
        (vec!["--case", &reference, "--template", "nope", "-o", "a.md"], "no letter template called \"nope\""),
        (
            vec!["--case", &reference, "--template", "agreement_result", "-o", "a.md"],
            "is for a restorative justice or mediation case",
        ),
    ];
    for (args, message) in cases {
        let assert = run(&args);
        let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
        assert!(stderr.contains(message), "{args:?}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "one sentence: {stderr}");
    }
    assert!(!out.exists() && !dir.path().join("a.md").exists());
    let store = Store::open(&db, OpenMode::MustExist).unwrap();
    assert_eq!(store.case_letters(case_id, 10).unwrap().total, 0);
}

#[test]
fn the_command_line_chooses_the_recipient_and_the_condition() {
    let config = empty_config();
    let (dir, db, (case_id, reference)) = common::desk_in_file(|store| {
        let (case_id, reference) = oocd_case(store, "Robin", "Fixture");
        let rules = store.rules().unwrap();
        store
            .write(|tx| {
                let second = NewCondition::new(
                    ConditionKind::ReparationApologyLetter,
                    ConditionObject::Reparation,
                    "Repaint the bus shelter",
                    d(2026, 12, 10),
                );
                tx.add_condition(case_id, &second, &rules)
            })
            .unwrap();
        (case_id, reference)
    });
    let letter = |name: &str, args: &[&str]| {
        let out = dir.path().join(name);
        let assert = casedesk()
            .env("CASEDESK_CONFIG_DIR", config.path())
            .args(["--db", db.to_str().unwrap(), "--today", "2026-11-20", "letter", "--case", &reference])
            .args(args)
            .args(["-o", out.to_str().unwrap()])
            .assert();
        (assert, out)
    };
    // The second condition, by its number, to the person named as on file.
    let (assert, out) =
        letter("reminder.md", &["--template", "reminder_condition_due", "--to", "robin  FIXTURE", "--condition", "2"]);
    assert.success();
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("Repaint the bus shelter"), "{text}");
    assert!(!text.contains("Write to the neighbour"), "{text}");
    assert!(text.contains("Robin Fixture"), "{text}");
    // Someone not on file, with their role.
    let (assert, _) =
        letter("ack.md", &["--template", "acknowledgement", "--to", "Sam Lee", "--to-role", "Housing officer"]);
    assert.success();
    let store = Store::open(&db, OpenMode::MustExist).unwrap();
    let recipients: Vec<String> =
        store.case_letters(case_id, 10).unwrap().rows.into_iter().map(|l| l.recipient).collect();
    assert!(recipients.contains(&"Sam Lee (Housing officer)".to_string()), "{recipients:?}");
    assert_eq!(recipients.len(), 2);
    drop(store);

    // A condition or a person the case does not have: one sentence naming
    // what it does have, exit 2, nothing written.
    for (args, message) in [
        (vec!["--template", "reminder_condition_due", "--condition", "3"], "its conditions are numbered 1, 2"),
        (vec!["--template", "acknowledgement", "--to", "Sam Lee"], "its people: Robin Fixture (responsible)"),
        (vec!["--template", "acknowledgement", "--to", "harmed"], "has no one on file as harmed"),
    ] {
        let (assert, out) = letter("refused.md", &args);
        let stderr = String::from_utf8(assert.code(2).get_output().stderr.clone()).unwrap();
        assert!(stderr.contains(message), "{args:?}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "one sentence: {stderr}");
        assert!(!out.exists());
    }
    let store = Store::open(&db, OpenMode::MustExist).unwrap();
    assert_eq!(store.case_letters(case_id, 10).unwrap().total, 2);

    // --list shows the people and the numbered conditions to choose from.
    let listed = listing(config.path(), &db, &reference);
    assert!(listed.contains("Robin Fixture (responsible)"), "{listed}");
    assert!(listed.contains("1. Write to the neighbour — due Tue 1 Dec 2026"), "{listed}");
    assert!(listed.contains("2. Repaint the bus shelter — due Thu 10 Dec 2026"), "{listed}");
}

/// What `casedesk letter --case REF --list` prints.
fn listing(config: &Path, db: &Path, reference: &str) -> String {
    let listed = casedesk()
        .env("CASEDESK_CONFIG_DIR", config)
        .args(["--db", db.to_str().unwrap(), "letter", "--case", reference, "--list"])
        .assert()
        .success();
    String::from_utf8(listed.get_output().stdout.clone()).unwrap()
}
