//! Standard letters as their readers meet them: every template renders for a
//! demo case; the .docx is unzipped and its XML parsed; inserted text is
//! escaped in both formats; a template that needs a missing field fails
//! with the field named and writes nothing; the user's copy of a template
//! wins; the command line and the Case screen each write a letter, list it
//! and log the disclosure.
//!
//! The helpers and every test that takes a snapshot stay in this file
//! (insta names a snapshot after the module it is taken in); the other
//! tests are in `letters/`, one file a subject.

mod common;

use std::io::Read;
use std::path::Path;

use casedesk::demo::{generate, DemoOptions};
use casedesk::domain::caps::{ConditionKind, ConditionObject};
use casedesk::domain::status::{DisposalType, OffenceMode};
use casedesk::domain::types::{DataSubjectCategory, PartyRole, Service, Source};
use casedesk::export::letters::{LetterSpec, RecipientChoice};
use casedesk::store::model::{NewCase, NewCondition, NewDisposal, NewPerson, PartyLink};
use casedesk::store::views::case::Seek;
use casedesk::store::Store;
use casedesk::tui::action::Action;
use casedesk::tui::overlay::Overlay;
use casedesk::tui::screens::{Effect, ScreenId};
use chrono::NaiveDate;
use common::{demo_app, key, screen, today};
use crossterm::event::KeyCode;
use tempfile::TempDir;

#[path = "letters/batch.rs"]
mod batch;
#[path = "letters/command_line.rs"]
mod command_line;
#[path = "letters/docx.rs"]
mod docx;
#[path = "letters/handover.rs"]
mod handover;
#[path = "letters/minutes.rs"]
mod minutes;
#[path = "letters/missing_fields.rs"]
mod missing_fields;
#[path = "letters/outcomes.rs"]
mod outcomes;
#[path = "letters/provider_chase.rs"]
mod provider_chase;
#[path = "letters/rendering.rs"]
mod rendering;
#[path = "letters/saying.rs"]
mod saying;
#[path = "letters/sender.rs"]
mod sender;

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
/// due on 1 December 2026 (no provider). The desk's service profiles are
/// filled in (with the demo's invented details) where they are not yet.
fn oocd_case(store: &mut Store, given: &str, family: &str) -> (i64, String) {
    oocd_case_mailed(store, given, family, None)
}

/// `oocd_case`, the responsible person with an email address.
fn oocd_case_mailed(store: &mut Store, given: &str, family: &str, email: Option<&str>) -> (i64, String) {
    let rules = store.rules().unwrap();
    store
        .write(|tx| {
            casedesk::demo::fill_profiles(tx)?;
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
            person.email = email.map(str::to_string);
            tx.add_party(key.id, &person, link)?;
            let mut disp = NewDisposal::new(DisposalType::AdultConditionalCaution);
            disp.oic_name = Some("PC Ada Fixture".into());
            disp.oic_contact = Some("ada.fixture@example.org".into());
            common::issued_on_5_october(&mut disp);
            tx.set_disposal(key.id, &disp)?;
            let condition = NewCondition::new(
                ConditionKind::ReparationApologyLetter,
                ConditionObject::Reparation,
                "Write to the neighbour",
                d(2026, 12, 1),
            );
            tx.add_condition(key.id, &condition, &rules)?;
            // Conditions are agreed before the caution is issued.
            tx.change_status_path(key.id, &["issued", "active"], d(2026, 10, 5))?;
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
        force: false,
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
    // Templates that fit come first: one along is the reminder.
    app.handle_key(key(KeyCode::Right));
    assert!(screen(&mut app, 100, 30).contains("‹ Reminder of a condition due ›"));
    app.handle_key(key(KeyCode::Enter));

    let (message, error) = app.status.clone().unwrap_or_default();
    let expected = exports.path().join(format!("{reference} - Reminder of a condition due - 2026-11-20.docx"));
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
        after.contains("Letters (1)  Reminder of a condition due  to Robin Fixture (Responsible)  2026-11-20.docx"),
        "{after}"
    );

    // A second letter the same day does not replace the first file.
    app.handle_key(key(KeyCode::Char('w')));
    app.handle_key(key(KeyCode::Right));
    app.handle_key(key(KeyCode::Enter));
    let second = exports.path().join(format!("{reference} - Reminder of a condition due - 2026-11-20 (2).docx"));
    assert!(expected.exists() && second.exists());
    assert_eq!(app.store.case_letters(case_id, 10).unwrap().total, 2);
    app.status = None; // it names the temporary folder
    let listed = screen(&mut app, 100, 30);
    assert!(listed.contains("Letters (2)"), "{listed}");
    insta::assert_snapshot!("case_with_letters_100x30", listed);
    let small = screen(&mut app, 80, 24);
    // One row of letters fits at 80×24; the count's other letter is named.
    assert!(small.contains("Letters (2)") && small.contains("… and 1 more letter"), "{small}");
    insta::assert_snapshot!("case_with_letters_80x24", small);

    // A letter the case does not call for is refused with its reason alone:
    // the interface offers no --force to give, and says "not written" once.
    // It is offered after those that fit, marked as not fitting now.
    app.handle_key(key(KeyCode::Char('w')));
    for _ in 0..20 {
        if screen(&mut app, 100, 30).contains("‹ Notice of non-compliance (does not fit now) ›") {
            break;
        }
        app.handle_key(key(KeyCode::Right));
    }
    assert!(screen(&mut app, 100, 30).contains("‹ Notice of non-compliance (does not fit now) ›"));
    app.handle_key(key(KeyCode::Enter));
    let (refusal, error) = app.status.clone().unwrap_or_default();
    assert!(error, "{refusal}");
    assert!(refusal.starts_with("Letter not written: ") && refusal.ends_with('.'), "{refusal}");
    assert!(!refusal.contains("--force") && refusal.matches("not written").count() == 1, "{refusal}");
    assert_eq!(app.store.case_letters(case_id, 10).unwrap().total, 2, "nothing was written");
    app.overlay = None;

    // From the list, with no case open, the key asks for a case first.
    app.apply(Action::Back);
    app.handle_key(key(KeyCode::Char('w')));
    assert!(app.status.clone().unwrap_or_default().0.contains("Open a case first"), "{:?}", app.status);
}
