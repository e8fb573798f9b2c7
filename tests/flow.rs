//! Whole journeys through the desk, driven by keys and actions over an
//! in-memory store on a fixed date, checking the screen and the database at
//! each step: a restorative justice referral from intake to closure, a
//! conditional caution from its disposal through completion and breach, and
//! a referral closed with items open, reopened and withdrawn, and a case
//! edited after intake.

mod common;

#[path = "flow/documents.rs"]
mod documents;

use casedesk::domain::directory::DirectoryKind;
use casedesk::domain::triage::ItemKind;
use casedesk::store::NewDirectoryEntry;
use casedesk::tui::action::Action;
use casedesk::tui::app::App;
use casedesk::tui::form::FieldKind;
use casedesk::tui::overlay::Overlay;
use casedesk::tui::screens::ScreenId;
use common::{ctrl, empty_app, key, screen, type_text};
use crossterm::event::KeyCode;
use tui_input::Input;

#[path = "flow/agreements_whose.rs"]
mod agreements_whose;
#[path = "flow/enquiries.rs"]
mod enquiries;
#[path = "flow/meetings.rs"]
mod meetings;
#[path = "flow/profile.rs"]
mod profile;
#[path = "flow/providers.rs"]
mod providers;

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
/// Ctrl-S saves from any field: Enter in a field of several lines (evidence,
/// reasons) starts a new line there (issue 16 §1).
fn submit(app: &mut App, saved: &str) {
    app.handle_key(ctrl('s'));
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
    // To the referrer, past the received and reported dates.
    for _ in 0..4 {
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
    // Past the harmed party's date of birth, role, phone, email, address and
    // enhanced rights to the responsible party.
    for _ in 0..7 {
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

/// Record an adult conditional caution on the open case, not yet issued:
/// its conditions are agreed first, then it is issued with them (issue 13).
fn record_caution(app: &mut App) {
    app.apply(Action::RecordDisposal);
    fill(app, "Disposal type", "adult_conditional_caution");
    for label in ["Admission recorded", "Consent recorded", "Victim views sought"] {
        fill(app, label, "2026-11-20");
    }
    fill(app, "Signed document ref", "CC/2026/114");
    fill(app, "Authorised by", "Insp Joanna Brightwater");
    fill(app, "Their rank", "inspector");
    submit(app, "Saved the disposal");
}

/// Issue the caution `record_caution` recorded, today (the status line saying `saved`).
fn issue_caution_today(app: &mut App, saved: &str) {
    app.apply(Action::RecordDisposal);
    fill(app, "Issued on", "2026-11-20");
    submit(app, saved);
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
    // The referral is handed to a coordinator from the directory.
    let priya = NewDirectoryEntry { name: "Priya Shah".into(), ..Default::default() };
    app.store.write(|tx| tx.add_to_directory(DirectoryKind::Coordinator, &priya)).unwrap();
    // One key a step, the date filled (issue 13 §4): Suitable to Transferred
    // in one dialog, Logged on the way, asking whose the referral becomes.
    app.apply(Action::NextStep);
    fill(&mut app, "Coordinator", "Priya Shah — 0 open");
    submit(&mut app, "from Suitable to Logged, then Transferred to coordinator on Fri 20 Nov 2026");
    for to in ["contacting_parties", "preparation"] {
        app.apply(Action::NextStep);
        submit(&mut app, "Saved");
        assert_eq!(status_of(&app, "RJ-2026-0001"), to);
    }
    assert_eq!(app.store.case_header(id).unwrap().unwrap().coordinator.as_deref(), Some("Priya Shah"));
    assert!(screen(&mut app, 100, 30).contains("Coordinator: Priya Shah"));

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
    // Held before the day it was planned for: only with the reason (issue 13 §4).
    app.handle_key(key(KeyCode::Enter));
    let Some(Overlay::Prompt(asked_again)) = app.overlay.as_ref() else { panic!("the refused form stays open") };
    let refusal = &asked_again.prompt.message;
    assert!(refusal.contains("planned for 2026-11-23") && refusal.contains("reason"), "{refusal}");
    assert_eq!(status_of(&app, "RJ-2026-0001"), "process_arranged");
    fill(&mut app, "Reason", "Both parties asked to meet sooner");
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
    // The caution's facts are recorded; issuing it before any condition is
    // agreed is refused in words, the form kept to be put right (issue 13).
    record_caution(&mut app);
    app.apply(Action::RecordDisposal);
    fill(&mut app, "Issued on", "2026-11-20");
    app.handle_key(ctrl('s'));
    let (refusal, is_error) = app.status.clone().unwrap();
    assert!(
        is_error && refusal.contains("record at least one condition before issuing the conditional caution"),
        "{refusal}"
    );
    assert!(app.overlay.is_some(), "the refused form stays open");
    app.handle_key(key(KeyCode::Esc));
    assert_eq!(status_of(&app, "OOCD-2026-0001"), "draft");

    // Conditions, agreed before issue: within the caps, then one the 20-hour cap refuses.
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
    // Recording the issue date issues the case in the same save, and with
    // its conditions it is monitored from that day (issue 13 §4).
    issue_caution_today(&mut app, "completion due Fri 12 Mar 2027; the case is now active");
    assert_eq!(status_of(&app, "OOCD-2026-0001"), "active");

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
    // The caution is recorded and its condition agreed before it is issued.
    record_caution(&mut app);
    app.apply(Action::AddCondition);
    fill(&mut app, "Kind", "reparation_apology_letter");
    fill(&mut app, "Description", "Write a letter of apology to the council");
    fill(&mut app, "Due on", "2026-12-18");
    submit(&mut app, "Saved: Letter of apology added");
    app.apply(Action::RecordDisposal);
    let shown = screen(&mut app, 160, 48);
    fill(&mut app, "Disposal type", "Diversionary caution (not in force)");
    fill(&mut app, "Disposal type", "adult_conditional_caution");
    fill(&mut app, "Issued on", "2026-11-20");
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

/// A referral whose outcome agreement is being monitored, with two items
/// still open: set up through the store, as earlier journeys typed it.
fn monitored_referral(app: &mut App) -> i64 {
    use casedesk::domain::checklist::{Answer, Decision, RiskLevel};
    use casedesk::domain::types::{AgreementItemKind, ProcessKind, ProcessStatus, Service, Source};
    use casedesk::store::model::{ChecklistEntry, NewAgreement, NewAgreementItem, NewCase, NewDecision, NewProcess};
    let day = |d: u32| chrono::NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
    app.store
        .write(|tx| {
            let key = tx.create_case(&NewCase::new(Service::RestorativeJustice, Source::Police, day(2)))?;
            tx.change_status(key.id, "sense_check", day(2))?;
            for code in common::SENSE_CHECK.iter().chain(common::SUITABILITY.iter()) {
                let entry = ChecklistEntry {
                    item_code: code.to_string(),
                    answer: Answer::Yes,
                    severity: None,
                    note: String::new(),
                };
                tx.answer_checklist(key.id, &entry, day(3))?;
                if *code == common::SENSE_CHECK[7] {
                    tx.change_status(key.id, "risk_assessment", day(3))?;
                }
            }
            let decision = NewDecision {
                decided_on: day(4),
                decision: Decision::Suitable,
                risk_level: RiskLevel::Low,
                rationale: "both willing".into(),
                manager_signoff_by: None,
                manager_signoff_on: None,
            };
            tx.record_decision(key.id, &decision)?;
            let path =
                ["logged", "transferred", "contacting_parties", "preparation", "process_arranged", "process_held"];
            tx.change_status_path(key.id, &path, day(5))?;
            let process = NewProcess {
                kind: ProcessKind::FaceToFaceConference,
                scheduled_for: None,
                venue: None,
                room_booked: false,
                refreshments: None,
                facilitators: "A. Facilitator".into(),
                participants: "both parties".into(),
                status: ProcessStatus::Held,
            };
            let held = tx.add_process(key.id, &process)?;
            let agreement = NewAgreement {
                process_id: held,
                agreed_on: day(6),
                signed_by_harmed: true,
                signed_by_responsible: true,
                copies_given: true,
                review_on: None,
            };
            let agreement = tx.add_agreement(&agreement)?;
            tx.change_status(key.id, "agreement_monitoring", day(6))?;
            for (description, due) in [("Mend the fence", day(30)), ("Write to the school", day(27))] {
                let item = NewAgreementItem {
                    description: description.into(),
                    kind: AgreementItemKind::RepairWork,
                    owner: "Bob Stone".into(),
                    responsible_person_id: None,
                    amount_pence: None,
                    due_on: due,
                    monitoring_method: None,
                };
                tx.add_agreement_item(agreement, &item)?;
            }
            Ok(key.id)
        })
        .unwrap()
}

/// With nothing to arrange but an agreement to monitor, the Agreements
/// screen opens on the agreements, not on an empty list of arrangements.
#[test]
fn the_agreements_screen_opens_where_the_work_is() {
    let mut app = empty_app();
    monitored_referral(&mut app);
    app.apply(Action::ScreenAgreements);
    let shown = screen(&mut app, 80, 24);
    assert!(shown.contains("Agreements — 1 open") && shown.contains("Mend the fence"), "{shown}");
    // `t` still switches, and the choice is kept on the next visit.
    app.apply(Action::ToggleView);
    app.apply(Action::ScreenToday);
    app.apply(Action::ScreenAgreements);
    assert!(screen(&mut app, 80, 24).contains("Arrangements —"));
}

fn open_on_case_screen(app: &mut App, case_id: i64) {
    use casedesk::tui::screens::Effect;
    app.apply_effect(Effect::Focus { screen: ScreenId::Case, case_id, entity_id: None });
}

#[test]
fn closing_with_agreement_items_open_settles_them_then_the_case_is_reopened_and_the_reopening_undone() {
    let mut app = empty_app();
    let id = monitored_referral(&mut app);
    open_on_case_screen(&mut app, id);

    // Closing asks how each open item ended; nothing is saved without the reason.
    app.apply(Action::CloseCase);
    app.handle_key(key(KeyCode::Char('y')));
    fill(&mut app, "Outcome", "Agreement partly kept");
    fill(&mut app, "1. Mend the fence", "Not done");
    fill(&mut app, "2. Write to the school", "waived");
    fill(&mut app, "1. evidence or reason", "Harmed party moved away");
    app.handle_key(key(KeyCode::Enter));
    assert!(matches!(app.overlay, Some(Overlay::Prompt(_))), "each reason is required");
    fill(&mut app, "2. evidence or reason", "Harmed party moved away");
    submit(&mut app, "closed on Fri 20 Nov 2026");
    assert_eq!(status_of(&app, "RJ-2026-0001"), "closed");
    assert_eq!(app.store.open_work(id).unwrap(), vec![]);
    assert_eq!(app.store.count_for_case("retention", id).unwrap(), 1);
    let text = screen(&mut app, 160, 48);
    assert!(text.contains("Item 1 not done: Repair work") && text.contains("Item 2 waived"), "{text}");

    // Reopened with a reason: back to monitoring, its review cancelled.
    app.apply(Action::ReopenCase);
    fill(&mut app, "Reason", "Harmed party is back and wants the letter");
    submit(&mut app, "back to agreement monitoring");
    assert_eq!(status_of(&app, "RJ-2026-0001"), "agreement_monitoring");
    assert_eq!(app.store.count_for_case("retention", id).unwrap(), 0);
    common::undo(&mut app);
    assert_eq!(status_of(&app, "RJ-2026-0001"), "closed");
    assert_eq!(app.store.count_for_case("retention", id).unwrap(), 1);
    assert!(app.store.check().unwrap().is_ok());
}

#[test]
fn withdrawing_a_referral_says_who_and_why_and_a_party_not_contactable_closes_it() {
    let mut app = empty_app();
    let id = monitored_referral(&mut app);
    open_on_case_screen(&mut app, id);
    app.apply(Action::WithdrawCase);
    fill(&mut app, "Who withdrew", "Responsible party");
    fill(&mut app, "Why", "Not contactable");
    fill(&mut app, "What was said", "Phone disconnected, two letters returned");
    fill(&mut app, "1. Mend the fence", "Not done");
    fill(&mut app, "2. Write to the school", "Not done");
    fill(&mut app, "1. evidence or reason", "Responsible party cannot be reached");
    fill(&mut app, "2. evidence or reason", "Responsible party cannot be reached");
    submit(&mut app, "closed on Fri 20 Nov 2026 (not contactable)");
    let header = app.store.case_header(id).unwrap().unwrap();
    assert_eq!(header.status.as_str(), "closed");
    assert_eq!(
        header.closure_outcome.as_deref(),
        Some("Not contactable (responsible party): Phone disconnected, two letters returned")
    );
    assert!(header.retention_review_due.is_some());
    assert!(app.store.check().unwrap().is_ok());
}

/// Open the edit form for `target`: the chooser's option (by its label's
/// start), or the form straight away when the timeline's selection is it.
fn edit(app: &mut App, target: &str) {
    app.apply(Action::ToggleView); // the audit history: the chooser asks
    app.apply(Action::Edit);
    app.apply(Action::ToggleView);
    let Some(Overlay::Prompt(prompt)) = app.overlay.as_mut() else { panic!("no chooser open") };
    let field = &mut prompt.form.fields[0];
    let FieldKind::Choice(options) = &field.kind else { panic!("the chooser is a choice") };
    field.choice = options.iter().position(|(_, l)| l.starts_with(target)).unwrap_or_else(|| panic!("{options:?}"));
    app.handle_key(key(KeyCode::Enter));
}

/// Issue 13 §1: after intake the referral, a person and a condition are
/// edited on the Case screen; each edit is checked as if new (the penalty
/// cap, the age on the day of issue), refused on its form with nothing
/// saved, audited in words and undone.
#[test]
fn edit_after_intake() {
    let mut app = empty_app();
    log_referral(&mut app, 1, "Criminal damage to a bus shelter", "1988-03-14");
    let id = case_id(&app, "OOCD-2026-0001");
    app.apply(Action::ScreenCase);
    app.apply(Action::Open);
    record_caution(&mut app);
    app.apply(Action::AddCondition);
    fill(&mut app, "Kind", "financial_penalty");
    fill(&mut app, "Description", "Pay towards the shelter's glass");
    fill(&mut app, "Amount £", "50");
    fill(&mut app, "Due on", "2026-12-18");
    submit(&mut app, "Saved: Financial penalty added");
    issue_caution_today(&mut app, "the case is now active");

    // The referral: a fuller offence, and the crime reference put right.
    edit(&mut app, "The referral");
    fill(&mut app, "Offence", "Criminal damage to a bus shelter and a bench");
    fill(&mut app, "Crime reference", "cr/000124/26");
    submit(&mut app, "crime reference CR/000123/26 → CR/000124/26");
    assert!(screen(&mut app, 160, 48).contains("a bus shelter and a bench"));

    // The penalty raised past the cap is refused on its form; corrected, saved.
    edit(&mut app, "Condition 1");
    fill(&mut app, "Amount £", "300");
    app.handle_key(key(KeyCode::Enter));
    let (refusal, is_error) = app.status.clone().unwrap();
    assert!(is_error && refusal.contains("financial penalty"), "{refusal}");
    assert!(matches!(app.overlay, Some(Overlay::Prompt(_))), "the refused form stays open");
    assert_eq!(
        app.store.condition_on_file(app.store.conditions_of(id).unwrap()[0].0).unwrap().condition.amount_pence,
        Some(5000)
    );
    fill(&mut app, "Amount £", "40");
    submit(&mut app, "amount £50.00 → £40.00");

    // A date of birth that makes the responsible a child on the day of issue is refused.
    edit(&mut app, "Bob Stone");
    fill(&mut app, "Date of birth", "2012-01-01");
    app.handle_key(key(KeyCode::Enter));
    let (refusal, is_error) = app.status.clone().unwrap();
    assert!(is_error && refusal.contains("(age recorded: 14)"), "{refusal}");
    app.handle_key(key(KeyCode::Esc));
    let (person, _) = app.store.party(id, bob(&app, id)).unwrap();
    assert_eq!(person.dob.map(|d| d.to_string()).as_deref(), Some("1988-03-14"));

    // Each edit is in the case's history in words, and undo takes the last back.
    app.apply(Action::ToggleView);
    let history = screen(&mut app, 160, 48);
    assert!(history.contains("condition edited: amount £50.00 → £40.00"), "{history}");
    app.apply(Action::ToggleView);
    common::undo(&mut app);
    let penalty = app.store.conditions_of(id).unwrap()[0].0;
    assert_eq!(app.store.condition_on_file(penalty).unwrap().condition.amount_pence, Some(5000));
    assert!(app.store.check().unwrap().is_ok());
}

/// Issue 13 §5: a harmed party's enhanced rights (Victims' Code para 3.6)
/// set later on the Case screen's person edit: the running clock is
/// counted again from the referral, one working day instead of five, the
/// change is in the case's history in words, and undo puts the clock back.
#[test]
fn enhanced_rights_set_after_intake_shorten_the_victims_code_clock() {
    let mut app = empty_app();
    log_referral(&mut app, 0, "Theft of a bicycle from a shed", "1990-01-01");
    let id = case_id(&app, "RJ-2026-0001");
    let due = |app: &App| app.store.case_header(id).unwrap().unwrap().victim_info_due.map(|d| d.to_string());
    assert_eq!(due(&app).as_deref(), Some("2026-11-27"), "received Friday 20th: five working days");
    app.apply(Action::ScreenCase);
    app.apply(Action::Open);
    edit(&mut app, "Ada Lovelace");
    insta::assert_snapshot!("edit_person_form_80x24", screen(&mut app, 80, 24));
    fill(&mut app, "Enhanced rights", "yes");
    submit(&mut app, "enhanced rights as a victim no → yes");
    assert_eq!(due(&app).as_deref(), Some("2026-11-23"), "one working day: Monday 23rd");
    common::undo(&mut app);
    assert_eq!(due(&app).as_deref(), Some("2026-11-27"));
    assert!(app.store.check().unwrap().is_ok());
}

/// Issue 13 §5 (VC_REFERRAL_WD): the day the crime was reported, added on
/// the referral edit, restarts the running clock from the report and the
/// case says how soon the referral followed it (Victims' Code para 4.5).
#[test]
fn a_report_date_on_the_referral_times_it_against_the_victims_code() {
    let mut app = empty_app();
    log_referral(&mut app, 0, "Theft of a bicycle from a shed", "1990-01-01");
    let id = case_id(&app, "RJ-2026-0001");
    app.apply(Action::ScreenCase);
    app.apply(Action::Open);
    edit(&mut app, "The referral");
    fill(&mut app, "Reported to police", "2026-11-16");
    submit(&mut app, "reported to police on none → Mon 16 Nov 2026");
    let header = app.store.case_header(id).unwrap().unwrap();
    assert_eq!(header.victim_info_due.map(|d| d.to_string()).as_deref(), Some("2026-11-23"));
    let wide = screen(&mut app, 120, 30);
    assert!(
        wide.contains(
            "Reported Mon 16 Nov 2026: referred 4 working days on, over the 2 working days the Victims' Code"
        ),
        "{wide}"
    );
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("Reported Mon 16 Nov 2026: referred 4 working days on, over"), "{text}");
    insta::assert_snapshot!("case_reported_late_80x24", text);
    // One day is a day, not "1 working days".
    edit(&mut app, "The referral");
    fill(&mut app, "Reported to police", "2026-11-19");
    submit(&mut app, "reported to police on Mon 16 Nov 2026 → Thu 19 Nov 2026");
    let wide = screen(&mut app, 120, 30);
    assert!(wide.contains("Reported Thu 19 Nov 2026: referred 1 working day on, within"), "{wide}");
}

/// The person id of Bob Stone on case `id`.
fn bob(app: &App, id: i64) -> i64 {
    let people = app.store.case_parties(id, 8).unwrap().people;
    people.iter().find(|p| p.family_name == "Stone").map(|p| p.person_id).expect("Bob Stone is on the case")
}

/// Move down Today until an item of `kind` is selected.
fn select_on_today(app: &mut App, kind: ItemKind) -> bool {
    app.apply(Action::ScreenToday);
    app.apply(Action::Top);
    for _ in 0..60 {
        if app.today_screen().selected().is_some_and(|i| i.kind == kind) {
            return true;
        }
        app.apply(Action::Down);
    }
    false
}

/// Issue 13 §4: a disposal issued by recording its date, its condition
/// done, listed as ready to finalise, finalised from Today with its Home
/// Office outcome, listed until its police record is updated (from the
/// Case screen), then off Today.
#[test]
fn finalise() {
    let mut app = empty_app();
    log_referral(&mut app, 1, "Criminal damage to a bus shelter", "1988-03-14");
    let id = case_id(&app, "OOCD-2026-0001");
    app.apply(Action::ScreenCase);
    app.apply(Action::Open);
    app.apply(Action::AddCondition);
    fill(&mut app, "Kind", "reparation_apology_letter");
    fill(&mut app, "Description", "Write a letter of apology to the council");
    fill(&mut app, "Due on", "2026-11-27");
    submit(&mut app, "added");
    app.apply(Action::RecordDisposal);
    fill(&mut app, "Disposal type", "adult_conditional_caution");
    for label in ["Admission recorded", "Consent recorded", "Victim views sought", "Issued on"] {
        fill(&mut app, label, "2026-11-16");
    }
    fill(&mut app, "Signed document ref", "CC/2026/115");
    submit(&mut app, "the case is now active");
    assert!(!select_on_today(&mut app, ItemKind::Finalise), "a condition is still open");

    app.apply(Action::ScreenDeadlines);
    app.apply(Action::Top);
    app.apply(Action::Complete);
    fill(&mut app, "Evidence", "Letter seen and sent on");
    submit(&mut app, "marked complete");

    assert!(select_on_today(&mut app, ItemKind::Finalise), "ready to finalise once its condition is done");
    app.apply(Action::Finalise);
    fill(&mut app, "Home Office outcome", "Outcome 3: adult caution");
    submit(&mut app, "police record still to update");
    assert_eq!(status_of(&app, "OOCD-2026-0001"), "completed");
    assert!(!select_on_today(&mut app, ItemKind::Finalise));
    assert!(select_on_today(&mut app, ItemKind::PoliceRecord), "the police record is still to update");

    app.apply(Action::OpenCase);
    app.apply(Action::Finalise);
    fill(&mut app, "Police record updated on", "2026-11-20");
    submit(&mut app, "police record updated on Fri 20 Nov 2026");
    assert!(!select_on_today(&mut app, ItemKind::PoliceRecord), "off Today once updated");
    let finalised = app.store.finalising_of(id).unwrap().unwrap();
    assert_eq!(finalised.outcome.map(|o| o.as_str()), Some("3"));
    assert_eq!(finalised.police_record_updated_on.map(|d| d.to_string()).as_deref(), Some("2026-11-20"));
    assert!(app.store.check().unwrap().is_ok());
}
