//! `casedesk letter`: writing, listing, and refusing bad input.

use std::path::Path;

use crate::common;
use crate::common::cli::casedesk;
use casedesk::export::letters::TEMPLATES;
use casedesk::store::views::case::Seek;
use casedesk::store::{OpenMode, Store};

use super::{d, docx_paragraphs, docx_part, empty_config, oocd_case};

#[test]
fn the_command_line_writes_the_letter_its_row_and_a_disclosure() {
    let config = empty_config();
    let (dir, db, (case_id, reference)) = common::desk_in_file(|store| oocd_case(store, "Robin", "Fixture"));
    let out = dir.path().join("notice.docx");
    let assert = casedesk()
        .env("CASEDESK_CONFIG_DIR", config.path())
        .args(["--db", db.to_str().unwrap(), "--today", "2026-11-20", "letter", "--case", &reference])
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
        ("non_compliance_notice", "PC Ada Fixture (Officer in the case)", "docx", d(2026, 11, 20))
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
    let listed = casedesk()
        .env("CASEDESK_CONFIG_DIR", config.path())
        .args(["--db", db.to_str().unwrap(), "letter", "--case", &reference, "--list"])
        .assert()
        .success();
    let listed = String::from_utf8(listed.get_output().stdout.clone()).unwrap();
    for t in TEMPLATES {
        assert!(listed.contains(t.name), "{} in {listed}", t.name);
    }
    assert!(listed.contains(&format!("Letters written for {reference} (1):")), "{listed}");
    assert!(listed.contains("non_compliance_notice") && listed.contains("notice.docx"), "{listed}");
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
        (vec!["--case", &reference, "--template", "agreement_result", "-o", "a.md"], "has no harmed party on file"),
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
