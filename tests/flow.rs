//! Whole journeys through the desk, driven by keys and actions over an
//! in-memory store on a fixed date, checking the screen and the database at
//! each step: a restorative justice referral from intake to closure, and a
//! conditional caution from its disposal through completion and breach.

mod common;

use casedesk::tui::action::Action;
use casedesk::tui::app::App;
use casedesk::tui::form::FieldKind;
use casedesk::tui::overlay::Overlay;
use casedesk::tui::screens::ScreenId;
use common::{ctrl, empty_app, key, screen, type_text};
use crossterm::event::KeyCode;
use tui_input::Input;

/// Set a field of the open prompt by its label: text, date or a choice
/// (matched by stored value or by label).
fn fill(app: &mut App, label: &str, value: &str) {
    let Some(Overlay::Prompt(prompt)) = app.overlay.as_mut() else {
        panic!("no prompt open to fill {label}; screen:\n{}", screen(app, 100, 30));
    };
    let field = prompt
        .form
        .fields
        .iter_mut()
        .find(|f| f.label == label)
        .unwrap_or_else(|| panic!("the prompt has no field {label:?}"));
    match &field.kind {
        FieldKind::Choice(options) => {
            field.choice = options
                .iter()
                .position(|(v, l)| v == value || l == value)
                .unwrap_or_else(|| panic!("{label} has no option {value:?}: {options:?}"));
        }
        _ => field.input = Input::new(value.to_string()),
    }
}

/// Submit the open prompt and expect the status line to say `saved`.
fn submit(app: &mut App, saved: &str) {
    app.handle_key(key(KeyCode::Enter));
    let (text, is_error) = app.status.clone().unwrap_or_default();
    assert!(
        !is_error && text.contains(saved),
        "expected {saved:?}, got {text:?}; overlay open: {}; screen:\n{}",
        app.overlay.is_some(),
        screen(app, 100, 30)
    );
}

fn status_of(app: &App, reference: &str) -> String {
    app.store.case_by_ref(reference).unwrap().unwrap_or_else(|| panic!("no case {reference}")).1
}

fn case_id(app: &App, reference: &str) -> i64 {
    app.store.case_by_ref(reference).unwrap().unwrap().0
}

/// Type a referral into Intake: referrer, crime reference, offence, and two
/// people; `service_left` presses ← on the service choice that many times.
fn log_referral(app: &mut App, service_left: usize, offence: &str, responsible_dob: &str) {
    app.apply(Action::ScreenIntake);
    for _ in 0..service_left {
        app.handle_key(key(KeyCode::Left));
    }
    for _ in 0..3 {
        app.handle_key(key(KeyCode::Tab));
    }
    type_text(app, "PC Amir Khan");
    app.handle_key(key(KeyCode::Tab));
    app.handle_key(key(KeyCode::Tab));
    type_text(app, "CR/000123/26");
    app.handle_key(key(KeyCode::Tab));
    type_text(app, offence);
    // An OOCD referral has one more field (the disposal type) before the people.
    let to_person = if service_left == 1 { 11 } else { 10 };
    for _ in 0..to_person {
        app.handle_key(key(KeyCode::Tab));
    }
    type_text(app, "Ada");
    app.handle_key(key(KeyCode::Tab));
    type_text(app, "Lovelace");
    for _ in 0..6 {
        app.handle_key(key(KeyCode::Tab));
    }
    type_text(app, "Bob");
    app.handle_key(key(KeyCode::Tab));
    type_text(app, "Stone");
    app.handle_key(key(KeyCode::Tab));
    type_text(app, responsible_dob);
    app.handle_key(ctrl('s'));
}

/// Move a case on along its machine from the Case screen.
fn advance(app: &mut App, to: &str) {
    app.apply(Action::AdvanceStatus);
    fill(app, "Move to", to);
    app.handle_key(key(KeyCode::Enter));
    let (text, is_error) = app.status.clone().unwrap_or_default();
    assert!(!is_error, "moving to {to}: {text}");
}

#[test]
fn a_restorative_justice_referral_from_intake_to_closure() {
    let mut app = empty_app();
    log_referral(&mut app, 0, "Assault in a shop", "1990-05-01");
    let (saved, _) = app.status.clone().unwrap();
    assert!(saved.starts_with("Saved RJ-2026-0001"), "{saved}");
    let id = case_id(&app, "RJ-2026-0001");
    assert_eq!(app.store.count_for_case("case_party", id).unwrap(), 2);

    // Checklist: the sense-check, then suitability and risk, then the decision.
    app.handle_key(ctrl('o'));
    assert_eq!(app.current, ScreenId::Checklist);
    app.apply(Action::AdvanceStatus);
    assert_eq!(status_of(&app, "RJ-2026-0001"), "sense_check");
    for _ in 0..8 {
        app.apply(Action::Answer);
        app.apply(Action::Down);
    }
    app.apply(Action::AdvanceStatus);
    fill(&mut app, "Move to", "risk_assessment");
    app.handle_key(key(KeyCode::Enter));
    assert_eq!(status_of(&app, "RJ-2026-0001"), "risk_assessment");
    for _ in 0..8 {
        app.apply(Action::Answer);
        app.apply(Action::Down);
    }
    for _ in 0..16 {
        app.apply(Action::Answer);
        app.apply(Action::Answer);
        app.apply(Action::Down);
    }
    assert!(screen(&mut app, 100, 30).contains("LOW"), "{}", screen(&mut app, 100, 30));
    app.apply(Action::Decide);
    fill(&mut app, "Decision", "suitable");
    fill(&mut app, "Rationale", "Both willing; harm acknowledged; low risk.");
    app.handle_key(key(KeyCode::Enter));
    assert_eq!(status_of(&app, "RJ-2026-0001"), "suitable");
    assert_eq!(app.store.count_for_case("decision", id).unwrap(), 1);

    // Case screen: on through the machine to preparation.
    app.apply(Action::OpenCase);
    assert_eq!(app.current, ScreenId::Case);
    for to in ["logged", "transferred", "contacting_parties", "preparation"] {
        advance(&mut app, to);
    }
    assert_eq!(status_of(&app, "RJ-2026-0001"), "preparation");

    // Agreements: arrange the conference, hold it, record the agreement and its item.
    app.apply(Action::ScreenAgreements);
    app.apply(Action::NewProcess);
    fill(&mut app, "Date", "2026-11-23");
    fill(&mut app, "Time", "10:30");
    fill(&mut app, "Venue", "Kelvington Library, room 2");
    fill(&mut app, "Facilitators", "Jo Rees, Sam Hale");
    fill(&mut app, "Participants", "Ada Lovelace, Bob Stone");
    app.handle_key(key(KeyCode::Enter));
    assert_eq!(status_of(&app, "RJ-2026-0001"), "process_arranged");
    assert_eq!(app.store.count_for_case("rj_process", id).unwrap(), 1);
    app.apply(Action::Complete);
    fill(&mut app, "What happened", "held");
    fill(&mut app, "On", "2026-11-20");
    app.handle_key(key(KeyCode::Enter));
    assert_eq!(status_of(&app, "RJ-2026-0001"), "process_held");
    app.apply(Action::ToggleView);
    app.apply(Action::NewAgreement);
    app.handle_key(key(KeyCode::Enter));
    assert_eq!(status_of(&app, "RJ-2026-0001"), "agreement_monitoring");
    app.apply(Action::NewItem);
    fill(&mut app, "Description", "Write a letter of apology");
    fill(&mut app, "Owner", "Bob Stone");
    fill(&mut app, "Due on", "2026-12-04");
    app.handle_key(key(KeyCode::Enter));
    assert_eq!(app.store.count_for_case("agreement_item", id).unwrap(), 1);
    app.apply(Action::Down);
    app.apply(Action::Complete);
    fill(&mut app, "Evidence", "Letter received and passed on");
    submit(&mut app, "marked complete");
    app.apply(Action::InformHarmed);
    app.handle_key(key(KeyCode::Enter));

    // Close it: the case is closed and its retention review is booked.
    app.apply(Action::ScreenCase);
    app.apply(Action::CloseCase);
    app.handle_key(key(KeyCode::Char('y')));
    fill(&mut app, "Outcome", "Agreement completed; harmed party informed");
    app.handle_key(key(KeyCode::Enter));
    assert_eq!(status_of(&app, "RJ-2026-0001"), "closed");
    assert_eq!(app.store.count_for_case("retention", id).unwrap(), 1);
    assert!(app.store.check().unwrap().is_ok());
}

#[test]
fn a_conditional_caution_through_completion_breach_and_closure() {
    let mut app = empty_app();
    // ← once on the service choice gives the out-of-court disposal.
    log_referral(&mut app, 1, "Criminal damage to a bus shelter", "1988-03-14");
    let (saved, _) = app.status.clone().unwrap();
    assert!(saved.starts_with("Saved OOCD-2026-0001"), "{saved}");
    let id = case_id(&app, "OOCD-2026-0001");
    assert_eq!(status_of(&app, "OOCD-2026-0001"), "draft");

    // Case screen: record the disposal's facts, then issue it.
    app.apply(Action::ScreenCase);
    app.apply(Action::Open);
    // Issuing before admission and consent are on record is refused.
    app.apply(Action::AdvanceStatus);
    fill(&mut app, "Move to", "issued");
    app.handle_key(key(KeyCode::Enter));
    let (refusal, is_error) = app.status.clone().unwrap();
    assert!(is_error && refusal.contains("admission"), "{refusal}");
    assert_eq!(status_of(&app, "OOCD-2026-0001"), "draft");
    app.apply(Action::RecordDisposal);
    fill(&mut app, "Disposal type", "adult_conditional_caution");
    for label in ["Admission recorded", "Consent recorded", "Victim views sought", "Issued on"] {
        fill(&mut app, label, "2026-11-20");
    }
    fill(&mut app, "Signed document ref", "CC/2026/114");
    submit(&mut app, "completion due 2027-03-12");
    advance(&mut app, "issued");
    advance(&mut app, "active");

    // Conditions: within the caps, then one the 20-hour cap refuses.
    app.apply(Action::AddCondition);
    fill(&mut app, "Kind", "unpaid_work");
    fill(&mut app, "Description", "Clean graffiti with the Riverside team");
    fill(&mut app, "Hours", "12");
    fill(&mut app, "Due on", "2026-12-18");
    app.handle_key(key(KeyCode::Enter));
    app.apply(Action::AddCondition);
    fill(&mut app, "Kind", "attendance");
    fill(&mut app, "Description", "Attend a victim awareness session");
    fill(&mut app, "Hours", "9");
    fill(&mut app, "Due on", "2026-12-11");
    app.handle_key(key(KeyCode::Enter));
    let (refusal, is_error) = app.status.clone().unwrap();
    assert!(is_error && refusal.contains("20 h"), "{refusal}");
    app.apply(Action::AddCondition);
    fill(&mut app, "Kind", "reparation_apology_letter");
    fill(&mut app, "Description", "Write a letter of apology to the council");
    fill(&mut app, "Due on", "2026-11-27");
    app.handle_key(key(KeyCode::Enter));
    let conditions = app.store.conditions_of(id).unwrap();
    assert_eq!(conditions.len(), 2, "{conditions:?}");

    // Deadlines: the letter is due first; complete it with evidence.
    app.apply(Action::ScreenDeadlines);
    app.apply(Action::Top);
    app.apply(Action::Complete);
    fill(&mut app, "Evidence", "Letter seen and sent on");
    submit(&mut app, "marked complete");
    let conditions = app.store.conditions_of(id).unwrap();
    assert_eq!(conditions[1].2, "completed", "{conditions:?}");

    // The unpaid work is missed: a breach, referred, then varied.
    app.apply(Action::Top);
    app.apply(Action::Breach);
    fill(&mut app, "What was not done", "Did not attend two sessions");
    fill(&mut app, "Referred to", "PC Amir Khan (OIC)");
    submit(&mut app, "breach recorded");
    assert_eq!(status_of(&app, "OOCD-2026-0001"), "breach_referred");
    app.apply(Action::DecideBreach);
    fill(&mut app, "Decision", "vary_conditions");
    fill(&mut app, "New due date", "2027-01-15");
    app.handle_key(key(KeyCode::Enter));
    assert_eq!(status_of(&app, "OOCD-2026-0001"), "active");
    let unpaid = app.store.conditions_of(id).unwrap()[0].clone();
    assert_eq!((unpaid.2.as_str(), unpaid.3.to_string().as_str()), ("varied", "2027-01-15"));
    app.apply(Action::Top);
    app.apply(Action::Complete);
    fill(&mut app, "Evidence", "Provider confirms 12 hours worked");
    submit(&mut app, "marked complete");

    // Completed, then closed with its retention review.
    app.apply(Action::ScreenCase);
    advance(&mut app, "completed");
    app.apply(Action::CloseCase);
    app.handle_key(key(KeyCode::Char('y')));
    fill(&mut app, "Outcome", "All conditions completed");
    app.handle_key(key(KeyCode::Enter));
    assert_eq!(status_of(&app, "OOCD-2026-0001"), "closed");
    assert_eq!(app.store.count_for_case("retention", id).unwrap(), 1);
    assert_eq!(app.store.count_for_case("breach", id).unwrap(), 1);
    assert!(app.store.check().unwrap().is_ok());
}

/// Issue 13 §3 on the Case screen: the pickers say what is not in force,
/// and a disposal the law refuses is refused beside its form, which stays
/// filled to be put right, then saved once the reason is given.
#[test]
fn a_disposal_past_the_time_limit_is_refused_on_the_form_until_a_reason_is_given() {
    let mut app = empty_app();
    log_referral(&mut app, 1, "Criminal damage to a bus shelter", "1988-03-14");
    let id = case_id(&app, "OOCD-2026-0001");
    app.apply(Action::ScreenCase);
    app.apply(Action::Open);
    app.apply(Action::RecordDisposal);
    let shown = screen(&mut app, 160, 48);
    fill(&mut app, "Disposal type", "Diversionary caution (not in force)");
    fill(&mut app, "Disposal type", "adult_conditional_caution");
    for label in ["Admission recorded", "Consent recorded", "Victim views sought", "Issued on"] {
        fill(&mut app, label, "2026-11-20");
    }
    fill(&mut app, "Signed document ref", "CC/2026/114");
    fill(&mut app, "Authorised by", "Insp Joanna Brightwater");
    fill(&mut app, "Their rank", "inspector");
    // 39 weeks after issue: past the 16 and 20 weeks of the 2013 Code.
    fill(&mut app, "Completion due", "2027-08-20");
    app.handle_key(key(KeyCode::Enter));
    let (refusal, is_error) = app.status.clone().unwrap();
    assert!(is_error && refusal.contains("39 weeks") && refusal.contains("give a reason"), "{refusal}");
    assert!(matches!(app.overlay, Some(Overlay::Prompt(_))), "the refused form stays open:\n{shown}");
    assert_eq!(app.store.disposal(id).unwrap().and_then(|d| d.completion_due), None, "nothing saved");
    fill(&mut app, "Why past the limit", "Awaiting the co-accused's trial");
    submit(&mut app, "Warning:");
    let saved = app.store.disposal(id).unwrap().unwrap();
    assert_eq!(saved.time_limit_reason.as_deref(), Some("Awaiting the co-accused's trial"));
    assert_eq!(saved.authorising_rank.map(|r| r.as_str()), Some("inspector"));
}
