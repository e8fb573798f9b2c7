//! Who sends letters, filled in on the desk (issue 15 §1): a letter asked
//! for before the service's profile is complete asks for the profile; P on the Case
//! screen asks the case's own service's profile; then the letter is
//! written. From the Directory, p asks which service first; undo says in
//! words how to change it instead of reversing it.

use casedesk::domain::types::{ProfileField, Sender};
use casedesk::tui::action::Action;
use casedesk::tui::app::App;

use super::common::{ctrl, empty_app, key, screen};
use super::{fill, log_referral, submit};
use crossterm::event::KeyCode;

const FILLED: [(&str, &str); 7] = [
    ("Name", "Northshire RJ Service"),
    ("Address", "1 Station Road, Kelvington KV1 1AA"),
    ("Phone", "01632 960000"),
    ("Email", "rj@northshire.example"),
    ("Opening hours", "Monday to Friday, 9am to 5pm"),
    ("Signatory", "Dana Wells"),
    ("Signatory's role", "RJ service manager"),
];

fn write_acknowledgement(app: &mut App) {
    app.handle_key(key(KeyCode::Char('w')));
    fill(app, "Template", "Acknowledgement of a referral");
    fill(app, "Format", "Markdown (.md)");
    app.handle_key(ctrl('s'));
}

#[test]
fn a_letter_asked_for_before_its_profile_asks_for_the_profile_and_is_sent_after() {
    // The letter goes to the export folder, kept out of the home directory
    // (a folder of its own that outlives the test, as other tests share
    // the variable).
    let dir = std::env::temp_dir().join(format!("casedesk-flow-profile-{}", std::process::id()));
    std::env::set_var("CASEDESK_EXPORT_DIR", &dir);
    let mut app = empty_app();
    log_referral(&mut app, 0, "Theft of a bicycle from a shed", "1990-01-01");
    app.apply(Action::ScreenCase);
    app.apply(Action::Open);

    // w before the profile is complete asks for the profile first, saying
    // what is missing, rather than a letter that would be refused.
    app.handle_key(key(KeyCode::Char('w')));
    let text = screen(&mut app, 160, 48);
    assert!(text.contains("Who sends the RJ & mediation service's letters"), "{text}");
    assert!(
        text.contains("still missing: name, address, phone") && text.contains("then w writes the letter"),
        "{text}"
    );
    app.handle_key(key(KeyCode::Esc));

    app.handle_key(key(KeyCode::Char('P')));
    let text = screen(&mut app, 100, 30);
    assert!(text.contains("Who sends the RJ & mediation service's letters"), "{text}");
    insta::assert_snapshot!("profile_form_80x24", screen(&mut app, 80, 24));
    for (label, value) in FILLED {
        fill(&mut app, label, value);
    }
    submit(&mut app, "Saved the RJ & mediation service's profile");
    let profile = app.store.service_profile(Sender::Rj).unwrap();
    assert_eq!(profile.get(ProfileField::Signatory), Some("Dana Wells"));
    assert!(profile.missing().is_empty());

    // Asked again, the form shows what is on file; nothing typed, nothing saved.
    app.handle_key(key(KeyCode::Char('P')));
    assert!(screen(&mut app, 100, 30).contains("Dana Wells"));
    submit(&mut app, "Nothing changed");

    write_acknowledgement(&mut app);
    let (said, error) = app.status.clone().unwrap_or_default();
    assert!(!error && said.starts_with("Letter written to"), "{said}");
}

#[test]
fn the_directory_asks_which_service_and_undo_says_how_to_change_it_instead() {
    let mut app = empty_app();
    app.apply(Action::ScreenDirectory);
    app.handle_key(key(KeyCode::Char('p')));
    let text = screen(&mut app, 100, 30);
    assert!(text.contains("Who sends letters") && text.contains("Service*"), "{text}");
    fill(&mut app, "Service", "RJ & mediation service");
    app.handle_key(key(KeyCode::Enter));
    assert!(screen(&mut app, 100, 30).contains("Who sends the RJ & mediation service's letters"));
    fill(&mut app, "Name", "Northshire RJ Service");
    fill(&mut app, "Phone", "01632 960000");
    submit(&mut app, "still need: address, email, opening hours, signatory, signatory's role");
    assert_eq!(app.store.service_profile(Sender::Rj).unwrap().get(ProfileField::Phone), Some("01632 960000"));

    // Undo says in words that it does not reverse it, and how to change it.
    app.apply(Action::Undo);
    let (said, _) = app.status.clone().unwrap_or_default();
    assert!(said.contains("who sends a service's letters") && said.contains("p on the Directory"), "{said}");
    assert!(!said.contains("service_profile"), "{said}");
    assert_eq!(app.store.service_profile(Sender::Rj).unwrap().get(ProfileField::Name), Some("Northshire RJ Service"));
    assert!(app.store.check().unwrap().is_ok());
}

/// From any other screen (the palette lists it everywhere) it asks which
/// service, as on the Directory.
#[test]
fn from_today_the_palette_asks_which_service() {
    let mut app = empty_app();
    app.apply(Action::ServiceProfile);
    let text = screen(&mut app, 100, 30);
    assert!(text.contains("Who sends letters") && text.contains("Service*"), "{text}");
}
