//! Every letter is headed and signed by its service's profile: OOCD letters
//! were headed "Restorative Justice & Mediation Service", hard-coded. A
//! letter for a service with no profile yet is refused naming what to fill in.

use super::*;
use casedesk::domain::types::{ProfileField, Sender};
use casedesk::export::letters::{render_letter, LetterFormat};

/// Plain words (nothing Markdown escapes), different for each service.
fn profile(sender: Sender) -> [&'static str; 7] {
    match sender {
        Sender::Oocd => [
            "Northshire Diversion Unit",
            "Police HQ, 2 Quay Road, Northshire NS1 4AA",
            "01632 960111",
            "diversion@northshire.example.org",
            "weekdays 8am to 4pm",
            "Morgan Tallis",
            "Diversion coordinator",
        ],
        Sender::Rj => [
            "Northshire Restorative Service",
            "Unit 5, Mill Yard, Northshire NS2 9ZZ",
            "01632 960222",
            "restore@northshire.example.org",
            "weekdays 10am to 6pm",
            "Ola Brennan",
            "Restorative practitioner",
        ],
    }
}

fn fill(store: &mut Store, sender: Sender) {
    store
        .write(|tx| {
            for (field, value) in ProfileField::ALL.iter().zip(profile(sender)) {
                tx.set_profile_field(sender, *field, value)?;
            }
            Ok(())
        })
        .unwrap();
}

/// A case of `service` referred by a named officer (`oocd_case` would fill
/// in the profiles).
fn case_of(store: &mut Store, service: Service) -> i64 {
    store
        .write(|tx| {
            let mut c = NewCase::new(service, Source::Police, d(2026, 11, 2));
            c.offence_desc = Some("Theft from a shop".into());
            c.referrer_name = Some("PC Ada Fixture".into());
            Ok(tx.create_case(&c)?.id)
        })
        .unwrap()
}

/// The letter as Markdown and as the text of its .docx, read back by an
/// independent reader (zip and roxmltree).
fn written(store: &Store, case_id: i64, dir: &TempDir) -> (String, Vec<String>) {
    let config = empty_config();
    let letter = render_letter(store, &spec(case_id, "acknowledgement", Some(config.path()))).unwrap();
    let path = dir.path().join(format!("letter-{case_id}.docx"));
    std::fs::write(&path, letter.bytes(LetterFormat::Docx).unwrap()).unwrap();
    let paragraphs = docx_paragraphs(&docx_part(&path, "word/document.xml")).into_iter().map(|(t, _)| t).collect();
    (letter.markdown, paragraphs)
}

fn assert_from(sender: Sender, markdown: &str, paragraphs: &[String]) {
    let [name, address, phone, email, hours, signatory, role] = profile(sender);
    assert!(markdown.starts_with(&format!("# {name}\n")), "{markdown}");
    assert_eq!(paragraphs.first().map(String::as_str), Some(name), "the .docx is headed by {name}");
    let text = paragraphs.join("\n");
    for value in [phone, email, hours, signatory, role] {
        assert!(text.contains(value), "{value} is in the letter: {text}");
    }
    // The address block: a line a piece.
    for line in address.split(',').map(str::trim) {
        assert!(paragraphs.iter().any(|p| p == line), "{line} is a line of the address block: {text}");
    }
    assert!(text.contains(&format!("{role}, {name}")), "signed for {name}: {text}");
}

#[test]
fn oocd_and_rj_letters_are_headed_and_signed_by_their_own_service() {
    let mut store = Store::open_in_memory().unwrap();
    fill(&mut store, Sender::Oocd);
    fill(&mut store, Sender::Rj);
    let oocd_id = case_of(&mut store, Service::Oocd);
    let rj_id = case_of(&mut store, Service::RestorativeJustice);
    let dir = TempDir::new().unwrap();
    let (markdown, paragraphs) = written(&store, oocd_id, &dir);
    assert_from(Sender::Oocd, &markdown, &paragraphs);
    assert!(!markdown.contains("Restorative"), "an OOCD letter names no RJ service: {markdown}");
    let (markdown, paragraphs) = written(&store, rj_id, &dir);
    assert_from(Sender::Rj, &markdown, &paragraphs);
    assert!(!markdown.contains("Diversion"), "an RJ letter names no OOCD unit: {markdown}");
}

#[test]
fn a_letter_for_a_service_without_a_profile_is_refused_naming_what_to_fill_in() {
    let mut store = Store::open_in_memory().unwrap();
    fill(&mut store, Sender::Rj);
    let oocd_id = case_of(&mut store, Service::Oocd);
    store.write(|tx| tx.set_profile_field(Sender::Oocd, ProfileField::Name, "Northshire Diversion Unit")).unwrap();
    let config = empty_config();
    let refusal = render_letter(&store, &spec(oocd_id, "acknowledgement", Some(config.path()))).unwrap_err();
    let refusal = refusal.to_string();
    assert!(refusal.starts_with("letters from the OOCD unit need its profile filled in first"), "{refusal}");
    assert!(refusal.contains("(missing: address, phone, email, opening hours, signatory, signatory's role)"));
    assert!(refusal.contains("casedesk settings set --service oocd --field FIELD --value TEXT"), "{refusal}");
    // The RJ service's profile is its own: its letters still go.
    let rj_id = case_of(&mut store, Service::Mediation);
    render_letter(&store, &spec(rj_id, "acknowledgement", Some(config.path()))).unwrap();
}

#[test]
fn the_demo_fills_both_profiles() {
    let store = demo_store(5);
    for sender in Sender::ALL.iter().copied() {
        assert_eq!(store.service_profile(sender).unwrap().missing(), vec![], "{}", sender.label());
    }
}
