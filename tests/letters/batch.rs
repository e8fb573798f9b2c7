//! Many letters at once (issue 15 §1 "Many at once"): one .docx per case in
//! the folder, each logged on its case as a disclosure; a letter untrue of
//! its case skipped with the reason; one document for printing with every
//! letter from a new page; an email (.eml) to a recipient with an address,
//! read back with an independent base64 decoder.

use std::collections::BTreeMap;

use base64::Engine as _;
use casedesk::export::letters::{write_batch, BatchSpec};
use casedesk::store::Store;

use crate::common::cli::casedesk;

use super::{docx_paragraphs, docx_part, empty_config, fixture, oocd_case, oocd_case_mailed, today, Fixture};

fn spec<'a>(references: &'a [String], folder: &'a std::path::Path, config: &'a std::path::Path) -> BatchSpec<'a> {
    BatchSpec { template: "reminder_condition_due", references, folder, today: today(), config_dir: Some(config) }
}

fn letters_on(store: &Store, case_id: i64) -> usize {
    store.case_letters(case_id, 10).unwrap().total
}

#[test]
fn a_batch_writes_a_letter_per_case_a_copy_for_printing_and_skips_what_is_untrue() {
    let Fixture { mut store, case_id, reference, config, dir } = fixture("Robin", "Fixture");
    let (mailed_id, mailed) = oocd_case_mailed(&mut store, "Sam", "Mailer", Some("sam.mailer@example.org"));
    let references = vec![reference.clone(), mailed.clone(), "OOCD-1999-0001".to_string()];
    let folder = dir.path().join("reminders");
    let outcome = write_batch(&mut store, &spec(&references, &folder, config.path())).unwrap();

    let written: Vec<&str> = outcome.written.iter().map(|l| l.reference.as_str()).collect();
    assert_eq!(written, vec![reference.as_str(), mailed.as_str()]);
    assert_eq!(outcome.skipped.len(), 1, "{:?}", outcome.skipped);
    assert_eq!(outcome.skipped[0].0, "OOCD-1999-0001");
    assert!(outcome.skipped[0].1.contains("there is no case"), "{:?}", outcome.skipped);
    // Each letter is a file in the folder and a disclosure on its case.
    for (letter, id) in outcome.written.iter().zip([case_id, mailed_id]) {
        assert!(letter.written.path.starts_with(&folder) && letter.written.path.is_file());
        assert_eq!(letters_on(&store, id), 1);
    }
    // The copy for printing: both letters, each its own section from page 1.
    let combined = outcome.combined.as_ref().expect("a copy for printing");
    let xml = docx_part(combined, "word/document.xml");
    let texts: Vec<String> = docx_paragraphs(&xml).into_iter().map(|(t, _)| t).collect();
    for who in ["Dear Robin Fixture,", "Dear Sam Mailer,"] {
        assert!(texts.iter().any(|t| t == who), "{who} in the copy for printing");
    }
    assert_eq!(xml.matches("<w:sectPr>").count(), 2, "a section per letter");
    assert_eq!(xml.matches("<w:pgNumType w:start=\"1\"/>").count(), 2, "each numbered from page 1");
    // Only the recipient with an address gets an email.
    assert_eq!(outcome.written[0].email, None);
    let eml_path = outcome.written[1].email.as_ref().expect("an email to Sam Mailer");
    let eml = std::fs::read_to_string(eml_path).unwrap();
    let docx = std::fs::read(&outcome.written[1].written.path).unwrap();
    assert_email(&eml, &mailed, &docx);
}

/// The message's headers, its covering note and its attachment, read back.
fn assert_email(eml: &str, reference: &str, docx: &[u8]) {
    assert!(eml.lines().all(|l| l.len() <= 998), "RFC 5322 line length");
    assert!(!eml.replace("\r\n", "").contains('\n'), "CRLF line ends only");
    let (head, body) = eml.split_once("\r\n\r\n").expect("headers, a blank line, the body");
    let headers: BTreeMap<&str, &str> = head.split("\r\n").filter_map(|l| l.split_once(": ")).collect();
    assert_eq!(headers["To"], "\"Sam Mailer\" <sam.mailer@example.org>");
    assert_eq!(headers["From"], "\"Kelvington Out-of-Court Disposals Unit\" <oocd.unit@kelvington.example.org>");
    assert_eq!(headers["Subject"], format!("Reminder of a condition due, our reference {reference}"));
    assert_eq!(headers["MIME-Version"], "1.0");
    assert!(headers.contains_key("Date") && headers.contains_key("Message-ID"));
    let boundary = headers["Content-Type"]
        .strip_prefix("multipart/mixed; boundary=\"")
        .and_then(|b| b.strip_suffix('"'))
        .expect("multipart/mixed with its boundary");
    let parts: Vec<&str> = body.split(&format!("--{boundary}")).collect();
    assert_eq!(parts.len(), 4, "preamble, note, attachment, end: {body}");
    assert!(parts[3].starts_with("--"), "the closing boundary");
    let decode = |part: &str| {
        let (_, data) = part.split_once("\r\n\r\n").unwrap();
        base64::engine::general_purpose::STANDARD.decode(data.replace("\r\n", "")).unwrap()
    };
    assert!(parts[1].contains("Content-Type: text/plain; charset=utf-8"));
    let note = String::from_utf8(decode(parts[1])).unwrap();
    assert!(note.starts_with("Dear Sam Mailer,"), "{note}");
    assert!(note.contains(&format!("our reference {reference}")) && note.contains("01632 960100"), "{note}");
    assert!(parts[2].contains("Content-Disposition: attachment; filename=\""), "{}", parts[2]);
    assert_eq!(decode(parts[2]), docx, "the attachment is the letter itself");
}

#[test]
fn a_letter_untrue_of_its_case_is_skipped_with_the_reason_and_nothing_written_fails() {
    let Fixture { mut store, case_id, reference, config, dir } = fixture("Robin", "Fixture");
    let folder = dir.path().join("notices");
    let references = vec![reference.clone()];
    let notices = BatchSpec { template: "non_compliance_notice", ..spec(&references, &folder, config.path()) };
    let err = write_batch(&mut store, &notices).unwrap_err().to_string();
    assert!(err.starts_with("no letter was written."), "{err}");
    assert!(
        err.contains(&format!("{reference}: condition 1")) && err.contains("neither breached nor overdue"),
        "{err}"
    );
    assert!(!err.contains("--force"), "a batch offers no --force: {err}");
    assert_eq!(letters_on(&store, case_id), 0);
    let files = std::fs::read_dir(&folder).map(|d| d.count()).unwrap_or(0);
    assert_eq!(files, 0, "nothing in the folder");
}

#[test]
fn the_command_line_writes_a_batch_by_due_date_and_refuses_what_a_batch_cannot_do() {
    let config = empty_config();
    let (dir, db, (_, reference)) = crate::common::desk_in_file(|store| oocd_case(store, "Robin", "Fixture"));
    let folder = dir.path().join("out");
    let run = |extra: &[&str]| {
        casedesk()
            .env("CASEDESK_CONFIG_DIR", config.path())
            .args(["--db", db.to_str().unwrap(), "--today", "2026-11-20", "letter", "--template"])
            .args(["reminder_condition_due", "-o", folder.to_str().unwrap()])
            .args(extra)
            .assert()
    };
    // Condition 1 is due on 1 December: before the 2nd, not before the 1st.
    let none = run(&["--due-before", "2026-12-01"]).code(2);
    let said = String::from_utf8(none.get_output().stderr.clone()).unwrap();
    assert!(said.contains("there are no cases to write to"), "{said}");
    let done = run(&["--due-before", "2/12/2026"]).success();
    let said = String::from_utf8(done.get_output().stdout.clone()).unwrap();
    assert!(said.contains("Wrote 1 \"Reminder of a condition due\" letter(s)"), "{said}");
    assert!(said.contains(&reference) && said.contains("for printing"), "{said}");
    // --force, --to and --condition are for one letter.
    for single in [&["--cases", reference.as_str(), "--force"][..], &["--cases", &reference, "--to", "oic"]] {
        run(single).code(2);
    }
}
