//! Standard letters as their readers meet them: every template renders for a
//! demo case; the .docx is unzipped and its XML parsed; inserted text is
//! escaped in both formats; a template that needs a missing field fails
//! with the field named and writes nothing; the user's copy of a template
//! wins; the command line and the Case screen each write a letter, list it
//! and log the disclosure.

mod common;

use std::io::Read;
use std::path::{Path, PathBuf};

use casedesk::demo::{generate, DemoOptions};
use casedesk::domain::caps::{ConditionKind, ConditionObject};
use casedesk::domain::status::{DisposalType, OffenceMode};
use casedesk::domain::types::{DataSubjectCategory, PartyRole, Service, Source};
use casedesk::export::letters::{
    escape_markdown, render_letter, user_template_path, write_letter, LetterFormat, LetterSpec, RecipientChoice,
    TEMPLATES,
};
use casedesk::store::model::{NewCase, NewCondition, NewDisposal, NewPerson, PartyLink};
use casedesk::store::views::case::Seek;
use casedesk::store::{OpenMode, Store};
use casedesk::tui::action::Action;
use casedesk::tui::overlay::Overlay;
use casedesk::tui::screens::{Effect, ScreenId};
use chrono::NaiveDate;
use common::cli::casedesk;
use common::{demo_app, key, screen, today};
use crossterm::event::KeyCode;
use tempfile::TempDir;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn demo_store(cases: u32) -> Store {
    let mut store = Store::open_in_memory().unwrap();
    generate(&mut store, &DemoOptions { cases, seed: 11, today: today() }).unwrap();
    store
}

/// An adult conditional caution issued on 5 October 2026, active, with its
/// responsible person (named `given` `family`), its OIC, and one condition
/// due on 1 December 2026 (no provider).
fn oocd_case(store: &mut Store, given: &str, family: &str) -> (i64, String) {
    let rules = store.rules().unwrap();
    store
        .write(|tx| {
            let mut c = NewCase::new(Service::Oocd, Source::Police, d(2026, 10, 1));
            c.offence_desc = Some("Criminal damage to a garden fence".into());
            c.crime_ref = Some("CR/999001/26".into());
            c.offence_mode = Some(OffenceMode::SummaryOnly);
            c.referrer_name = Some("PC Ada Fixture".into());
            c.referrer_contact = Some("ada.fixture@example.org".into());
            let key = tx.create_case(&c)?;
            let link = PartyLink { role: PartyRole::Offender, category: DataSubjectCategory::Suspect };
            let mut person = NewPerson::named(given, family);
            person.address = Some("12 Mill Lane, Kelvington KV1 2AB".into());
            tx.add_party(key.id, &person, link)?;
            let mut disp = NewDisposal::new(DisposalType::AdultConditionalCaution);
            disp.oic_name = Some("PC Ada Fixture".into());
            disp.oic_contact = Some("ada.fixture@example.org".into());
            disp.admission_recorded_on = Some(d(2026, 10, 2));
            disp.consent_recorded_on = Some(d(2026, 10, 2));
            disp.signed_document_ref = Some("DOC-1".into());
            disp.victim_views_sought_on = Some(d(2026, 10, 2));
            disp.issued_on = Some(d(2026, 10, 5));
            tx.set_disposal(key.id, &disp)?;
            tx.change_status_path(key.id, &["issued", "active"], d(2026, 10, 5))?;
            let condition = NewCondition::new(
                ConditionKind::ReparationApologyLetter,
                ConditionObject::Reparation,
                "Write to the neighbour",
                d(2026, 12, 1),
            );
            tx.add_condition(key.id, &condition, &rules)?;
            Ok((key.id, key.reference))
        })
        .unwrap()
}

/// A small demo store with the fixture caution of `oocd_case`, an empty
/// config directory and a directory to write letters into.
struct Fixture {
    store: Store,
    case_id: i64,
    reference: String,
    config: TempDir,
    dir: TempDir,
}

fn fixture(given: &str, family: &str) -> Fixture {
    let mut store = demo_store(5);
    let (case_id, reference) = oocd_case(&mut store, given, family);
    Fixture { store, case_id, reference, config: empty_config(), dir: TempDir::new().unwrap() }
}

fn spec<'a>(case_id: i64, template: &'a str, config_dir: Option<&'a Path>) -> LetterSpec<'a> {
    LetterSpec {
        case_id,
        template,
        recipient: RecipientChoice::AsTemplate,
        condition_id: None,
        today: today(),
        config_dir,
    }
}

/// A config directory with no template copies, so the developer's own
/// config never leaks into a test.
fn empty_config() -> TempDir {
    TempDir::new().unwrap()
}

fn audit_total(store: &Store, case_id: i64) -> usize {
    store.case_audit(case_id, &Seek::First, 1).unwrap().total
}

/// The named part of a .docx, as text.
fn docx_part(path: &Path, part: &str) -> String {
    let file = std::fs::File::open(path).unwrap();
    let mut zip = zip::ZipArchive::new(file).expect("a .docx is a zip");
    let mut entry = zip.by_name(part).unwrap_or_else(|_| panic!("{part} is in the .docx"));
    let mut text = String::new();
    entry.read_to_string(&mut text).unwrap();
    text
}

/// Every paragraph of word/document.xml as (text, bold runs' text).
fn docx_paragraphs(xml: &str) -> Vec<(String, String)> {
    let doc = roxmltree::Document::parse(xml).expect("document.xml is well-formed XML");
    let w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    doc.descendants()
        .filter(|n| n.has_tag_name((w, "p")))
        .map(|p| {
            let mut text = String::new();
            let mut bold = String::new();
            for run in p.children().filter(|n| n.has_tag_name((w, "r"))) {
                let is_bold = run.descendants().any(|n| n.has_tag_name((w, "b")));
                for t in run.descendants().filter(|n| n.has_tag_name((w, "t"))) {
                    let s = t.text().unwrap_or("");
                    text.push_str(s);
                    if is_bold {
                        bold.push_str(s);
                    }
                }
            }
            (text, bold)
        })
        .collect()
}

// ===================================================================== every template

/// A demo case each template can be written for.
fn demo_case_for(store: &Store, template: &str) -> i64 {
    let cases = store.case_list(&Seek::First, 500).unwrap().rows;
    let fits = |case_id: i64| -> bool {
        let header = store.case_header(case_id).unwrap().unwrap();
        let people = store.case_parties(case_id, 50).unwrap().people;
        let has = |role: &str| people.iter().any(|p| p.role == role);
        let open_condition = store
            .letter_conditions(case_id)
            .unwrap()
            .iter()
            .any(|c| matches!(c.status.as_str(), "active" | "referred" | "booked" | "in_progress" | "varied"));
        let oic = header.disposal.as_ref().is_some_and(|d| d.oic_name.is_some());
        match template {
            "acknowledgement" => header.referrer_name.is_some() && header.crime_ref.is_some(),
            "rj_invitation" => header.service == "restorative_justice" && has("harmed"),
            "reminder_condition_due" => has("offender") && open_condition,
            "non_compliance_notice" => has("offender") && open_condition && oic,
            "completion_confirmation" => header.status == "completed" && has("offender"),
            "agreement_result" => has("harmed") && store.letter_agreement(case_id).unwrap().is_some(),
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
        let reference = store.case_header(case_id).unwrap().unwrap().reference;
        let letter = render_letter(&store, &spec(case_id, t.name, Some(config.path())))
            .unwrap_or_else(|e| panic!("{} for {reference}: {e:#}", t.name));
        let md = &letter.markdown;
        assert!(md.starts_with("# Restorative Justice & Mediation Service\n"), "{}:\n{md}", t.name);
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
    assert!(reminder.markdown.contains("- Condition 1: Letter of apology"), "{}", reminder.markdown);
    assert!(!reminder.markdown.contains("Provided by"), "no provider line without a provider");
    let notice = md(&store, "non_compliance_notice");
    assert_eq!(
        (notice.recipient.name.as_str(), notice.recipient.role.as_str()),
        ("PC Ada Fixture", "Officer in the case")
    );
    for text in [
        "Robin Fixture has not complied",
        "What is missing: no evidence of completion has been received",
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

// ===================================================================== docx

#[test]
fn the_docx_unzips_and_its_document_names_the_case_and_recipient() {
    let Fixture { mut store, case_id, reference, config, dir } = fixture("Robin", "Fixture");
    let path = dir.path().join("reminder.docx");
    let written = write_letter(
        &mut store,
        &spec(case_id, "reminder_condition_due", Some(config.path())),
        LetterFormat::Docx,
        &path,
    )
    .unwrap();
    assert_eq!(written.recipient, "Robin Fixture (Responsible)");
    for part in ["[Content_Types].xml", "_rels/.rels", "word/_rels/document.xml.rels", "docProps/app.xml"] {
        roxmltree::Document::parse(&docx_part(&path, part)).unwrap_or_else(|e| panic!("{part}: {e}"));
    }
    let types = docx_part(&path, "[Content_Types].xml");
    assert!(types.contains("wordprocessingml.document.main+xml"), "{types}");
    let paragraphs = docx_paragraphs(&docx_part(&path, "word/document.xml"));
    let texts: Vec<&str> = paragraphs.iter().map(|(t, _)| t.as_str()).collect();
    assert!(texts.iter().any(|t| t.contains(&reference)), "{texts:#?}");
    assert!(texts.contains(&"Robin Fixture"), "the recipient's own line: {texts:#?}");
    assert!(texts.contains(&"12 Mill Lane, Kelvington KV1 2AB"), "{texts:#?}");
    // Headings are bold; bullets begin with a bullet; no Markdown is left.
    let heading = paragraphs.iter().find(|(t, _)| t == "Reminder: a condition is due").expect("the heading");
    assert_eq!(heading.1, heading.0, "the heading is bold");
    assert!(texts.contains(&"• Condition 1: Letter of apology"), "{texts:#?}");
    let due = paragraphs.iter().find(|(t, _)| t.contains("must be completed by")).unwrap();
    assert_eq!(due.1, "1 December 2026", "the **due date** is the bold run");
    assert!(texts.iter().all(|t| !t.contains("**") && !t.starts_with('#') && !t.ends_with('\\')), "{texts:#?}");
    // The document properties carry no personal data.
    let core = docx_part(&path, "docProps/core.xml");
    roxmltree::Document::parse(&core).unwrap();
    for personal in ["Robin", "Fixture", "Mill Lane", &reference, store.user()] {
        assert!(!core.contains(personal), "{personal:?} in core.xml: {core}");
    }
    assert!(core.contains("<dc:title>Reminder of a condition due</dc:title>"), "{core}");
}

#[cfg(unix)]
#[test]
fn a_letter_file_is_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let Fixture { mut store, case_id, config, dir, .. } = fixture("Robin", "Fixture");
    let path = dir.path().join("letter.md");
    write_letter(&mut store, &spec(case_id, "acknowledgement", Some(config.path())), LetterFormat::Md, &path).unwrap();
    assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
}

// ===================================================================== escaping

#[test]
fn inserted_markup_is_escaped_in_markdown_and_in_word() {
    let Fixture { mut store, case_id, config, dir, .. } = fixture("Ann <b>&copy;", "**Lee**");
    let md_path = dir.path().join("r.md");
    let docx_path = dir.path().join("r.docx");
    let s = spec(case_id, "reminder_condition_due", Some(config.path()));
    write_letter(&mut store, &s, LetterFormat::Md, &md_path).unwrap();
    write_letter(&mut store, &s, LetterFormat::Docx, &docx_path).unwrap();

    let md = std::fs::read_to_string(&md_path).unwrap();
    assert!(md.contains("Dear Ann \\<b\\>\\&copy; \\*\\*Lee\\*\\*,"), "{md}");
    assert!(!md.contains("<b>") && !md.contains("**Lee**") && !md.contains(" &copy;"), "no live markup: {md}");

    let xml = docx_part(&docx_path, "word/document.xml");
    assert!(xml.contains("Ann &lt;b&gt;&amp;copy; **Lee**"), "XML-escaped in the raw part");
    assert!(!xml.contains("<b>"), "no raw markup in the XML");
    let paragraphs = docx_paragraphs(&xml);
    let dear = paragraphs.iter().find(|(t, _)| t.starts_with("Dear ")).expect("the greeting");
    assert_eq!(dear.0, "Dear Ann <b>&copy; **Lee**,", "read back as typed");
    assert_eq!(dear.1, "", "the inserted ** does not make anything bold");
}

// ===================================================================== missing fields

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

// ===================================================================== user copies

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

// ===================================================================== command line

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

// ===================================================================== the Case screen

#[test]
fn w_on_the_case_screen_writes_a_letter_and_lists_it() {
    let exports = TempDir::new().unwrap();
    let config = empty_config();
    // This is the only test in this file that reads these variables.
    std::env::set_var("CASEDESK_EXPORT_DIR", exports.path());
    std::env::set_var("CASEDESK_CONFIG_DIR", config.path());
    let mut app = demo_app(5);
    let (case_id, reference) = oocd_case(&mut app.store, "Robin", "Fixture");
    app.apply_effect(Effect::Focus { screen: ScreenId::Case, case_id, entity_id: None });
    assert_eq!(app.current, ScreenId::Case);
    let before = screen(&mut app, 100, 30);
    assert!(before.contains("Letters  None yet — w writes one from a template"), "{before}");

    app.handle_key(key(KeyCode::Char('w')));
    assert!(matches!(app.overlay, Some(Overlay::Prompt(_))));
    let prompt = screen(&mut app, 100, 30);
    assert!(prompt.contains(&format!("Write a letter for {reference}")), "{prompt}");
    assert!(prompt.contains("‹ Acknowledgement of a referral ›"), "{prompt}");
    insta::assert_snapshot!("letter_prompt_100x30", prompt);
    insta::assert_snapshot!("letter_prompt_80x24", screen(&mut app, 80, 24));
    // Template: two along is the reminder.
    app.handle_key(key(KeyCode::Right));
    app.handle_key(key(KeyCode::Right));
    assert!(screen(&mut app, 100, 30).contains("‹ Reminder of a condition due ›"));
    app.handle_key(key(KeyCode::Enter));

    let (message, error) = app.status.clone().unwrap_or_default();
    let expected = exports.path().join(format!("{reference}-reminder_condition_due-2026-11-20.docx"));
    assert!(!error, "{message}");
    assert_eq!(message, format!("Letter written to {}", expected.display()));
    let texts: Vec<String> =
        docx_paragraphs(&docx_part(&expected, "word/document.xml")).into_iter().map(|(t, _)| t).collect();
    assert!(texts.iter().any(|t| t == "Dear Robin Fixture,"), "{texts:#?}");
    let letters = app.store.case_letters(case_id, 10).unwrap();
    assert_eq!(letters.total, 1);
    assert_eq!(letters.rows[0].recipient, "Robin Fixture (Responsible)");
    let after = screen(&mut app, 100, 30);
    assert!(
        after.contains(
            "Letters (1)  2026-11-20  to Robin Fixture (Responsible)  reminder_condition_due-2026-11-20.docx"
        ),
        "{after}"
    );

    // A second letter the same day does not replace the first file.
    app.handle_key(key(KeyCode::Char('w')));
    app.handle_key(key(KeyCode::Right));
    app.handle_key(key(KeyCode::Right));
    app.handle_key(key(KeyCode::Enter));
    let second = exports.path().join(format!("{reference}-reminder_condition_due-2026-11-20-2.docx"));
    assert!(expected.exists() && second.exists());
    assert_eq!(app.store.case_letters(case_id, 10).unwrap().total, 2);
    app.status = None; // it names the temporary folder
    let listed = screen(&mut app, 100, 30);
    assert!(listed.contains("Letters (2)"), "{listed}");
    insta::assert_snapshot!("case_with_letters_100x30", listed);
    insta::assert_snapshot!("case_with_letters_80x24", screen(&mut app, 80, 24));

    // From the list, with no case open, the key asks for a case first.
    app.apply(Action::Back);
    app.handle_key(key(KeyCode::Char('w')));
    assert!(app.status.clone().unwrap_or_default().0.contains("Open a case first"), "{:?}", app.status);
}
