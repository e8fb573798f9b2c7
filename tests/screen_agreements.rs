//! The Agreements screen: arranging restorative processes, recording what
//! happened, outcome agreements and their items. Snapshots of every view and
//! prompt at 100×30 and 80×24, and flows that end in database rows.

mod common;

use casedesk::domain::types::{ProcessKind, ProcessStatus};
use casedesk::store::model::NewProcess;
use casedesk::tui::action::Action;
use casedesk::tui::app::App;
use casedesk::tui::overlay::Overlay;
use casedesk::tui::screens::ScreenId;
use chrono::NaiveDate;
use common::{demo_app, empty_app, key, screen, today, type_text};
use crossterm::event::KeyCode;

/// 100 demo cases: a few processes to hold, cases to arrange, held processes
/// awaiting their agreement and open agreements with items.
const CASES: u32 = 100;

fn agreements_app() -> App {
    let mut app = demo_app(CASES);
    app.apply(Action::ScreenAgreements);
    assert_eq!(app.current, ScreenId::Agreements);
    app
}

fn agreements_view() -> App {
    let mut app = agreements_app();
    app.apply(Action::ToggleView);
    assert!(screen(&mut app, 100, 30).contains("Agreements —"), "the agreements view is shown");
    app
}

/// The line of the list with the selection marker.
fn selected_line(app: &mut App) -> String {
    let text = screen(app, 100, 30);
    text.lines().find(|l| l.contains('▶')).unwrap_or_default().to_string()
}

/// Move the selection down from the top until its line contains `needle`.
fn select(app: &mut App, needle: &str) {
    app.apply(Action::Top);
    select_next(app, |line| line.contains(needle));
}

/// Move the selection down from where it is until `wanted` holds for its line.
fn select_next(app: &mut App, wanted: impl Fn(&str) -> bool) {
    for _ in 0..80 {
        if wanted(&selected_line(app)) {
            return;
        }
        app.apply(Action::Down);
    }
    panic!("no row is the one wanted:\n{}", screen(app, 100, 30));
}

/// An item line with this status.
fn item_with_status(status: &'static str) -> impl Fn(&str) -> bool {
    move |line: &str| line.contains("item ") && line.contains(&format!(" {status} "))
}

/// The outcome agreement of a case's held process.
fn agreement_of(app: &App, reference: &str) -> i64 {
    let processes = app.store.processes_of_case(case_id(app, reference)).unwrap();
    let held = processes.iter().find(|p| p.status.as_deref() == Some("held")).expect("a held process");
    app.store.agreements_of_process(held.process_id.unwrap()).unwrap()[0]
}

fn prompt_message(app: &App) -> Option<String> {
    match &app.overlay {
        Some(Overlay::Prompt(p)) => Some(p.prompt.message.clone()),
        _ => None,
    }
}

fn prompt_title(app: &App) -> Option<String> {
    match &app.overlay {
        Some(Overlay::Prompt(p)) => Some(p.prompt.title.clone()),
        _ => None,
    }
}

fn status(app: &App) -> (String, bool) {
    app.status.clone().expect("a status line")
}

fn case_id(app: &App, reference: &str) -> i64 {
    app.store.case_id_by_ref(reference).unwrap().unwrap_or_else(|| panic!("no case {reference}"))
}

fn case_status(app: &App, case_id: i64) -> String {
    app.store.case_brief(case_id).unwrap().unwrap().2
}

fn tab(app: &mut App, times: usize) {
    for _ in 0..times {
        app.handle_key(key(KeyCode::Tab));
    }
}

fn enter(app: &mut App) {
    app.handle_key(key(KeyCode::Enter));
}

/// Clear the focused prompt field (Ctrl-U) and type `text`.
fn retype(app: &mut App, text: &str) {
    app.handle_key(common::ctrl('u'));
    type_text(app, text);
}

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
}

// ============================================================ snapshots

#[test]
fn arrangements_view_snapshots() {
    let mut app = agreements_app();
    insta::assert_snapshot!("arrangements_100x30", screen(&mut app, 100, 30));
    insta::assert_snapshot!("arrangements_80x24", screen(&mut app, 80, 24));
}

#[test]
fn arrangements_to_arrange_row_snapshot() {
    let mut app = agreements_app();
    select(&mut app, "to arrange");
    insta::assert_snapshot!("arrangements_to_arrange_100x30", screen(&mut app, 100, 30));
}

#[test]
fn agreements_view_snapshots() {
    let mut app = agreements_view();
    insta::assert_snapshot!("agreements_100x30", screen(&mut app, 100, 30));
    insta::assert_snapshot!("agreements_80x24", screen(&mut app, 80, 24));
    select(&mut app, "agreed");
    insta::assert_snapshot!("agreements_agreement_selected_100x30", screen(&mut app, 100, 30));
    select(&mut app, "item 2");
    insta::assert_snapshot!("agreements_item_selected_80x24", screen(&mut app, 80, 24));
}

#[test]
fn empty_database_snapshots() {
    let mut app = empty_app();
    app.apply(Action::ScreenAgreements);
    insta::assert_snapshot!("empty_arrangements_100x30", screen(&mut app, 100, 30));
    insta::assert_snapshot!("empty_arrangements_80x24", screen(&mut app, 80, 24));
    app.apply(Action::NewProcess);
    let (text, is_error) = status(&app);
    assert!(is_error && text.contains("Nothing to arrange"), "{text}");
    app.apply(Action::ToggleView);
    insta::assert_snapshot!("empty_agreements_100x30", screen(&mut app, 100, 30));
    insta::assert_snapshot!("empty_agreements_80x24", screen(&mut app, 80, 24));
    app.apply(Action::NewAgreement);
    let (text, is_error) = status(&app);
    assert!(is_error && text.contains("No agreements yet"), "{text}");
}

#[test]
fn arrangement_prompt_snapshots() {
    let mut app = agreements_app();
    select(&mut app, "to arrange");
    app.apply(Action::NewProcess);
    insta::assert_snapshot!("prompt_arrange_100x30", screen(&mut app, 100, 30));
    insta::assert_snapshot!("prompt_arrange_80x24", screen(&mut app, 80, 24));
    app.handle_key(key(KeyCode::Esc));

    select(&mut app, "RJ-2026-0011");
    app.apply(Action::Open);
    insta::assert_snapshot!("prompt_edit_process_100x30", screen(&mut app, 100, 30));
    insta::assert_snapshot!("prompt_edit_process_80x24", screen(&mut app, 80, 24));
    app.handle_key(key(KeyCode::Esc));

    app.apply(Action::Complete);
    insta::assert_snapshot!("prompt_outcome_100x30", screen(&mut app, 100, 30));
    insta::assert_snapshot!("prompt_outcome_80x24", screen(&mut app, 80, 24));
}

#[test]
fn agreement_prompt_snapshots() {
    let mut app = agreements_view();
    select(&mut app, "agreement to record");
    app.apply(Action::NewAgreement);
    insta::assert_snapshot!("prompt_agreement_100x30", screen(&mut app, 100, 30));
    insta::assert_snapshot!("prompt_agreement_80x24", screen(&mut app, 80, 24));
    app.handle_key(key(KeyCode::Esc));

    select(&mut app, "agreed");
    app.apply(Action::NewItem);
    insta::assert_snapshot!("prompt_item_100x30", screen(&mut app, 100, 30));
    insta::assert_snapshot!("prompt_item_80x24", screen(&mut app, 80, 24));
    app.handle_key(key(KeyCode::Esc));

    app.apply(Action::InformHarmed);
    insta::assert_snapshot!("prompt_inform_harmed_100x30", screen(&mut app, 100, 30));
    insta::assert_snapshot!("prompt_inform_harmed_80x24", screen(&mut app, 80, 24));
    app.handle_key(key(KeyCode::Esc));

    select_next(&mut app, item_with_status("open"));
    app.apply(Action::Complete);
    insta::assert_snapshot!("prompt_complete_item_100x30", screen(&mut app, 100, 30));
    insta::assert_snapshot!("prompt_complete_item_80x24", screen(&mut app, 80, 24));
}

// ============================================================ arrangements flows

#[test]
fn arranging_a_process_saves_it_and_moves_the_case_on() {
    let mut app = agreements_app();
    select(&mut app, "to arrange");
    let reference = selected_line(&mut app).split_whitespace().nth(1).unwrap().to_string();
    let case = case_id(&app, &reference);
    assert_eq!(case_status(&app, case), "preparation");
    let before = app.store.processes_of_case(case).unwrap().len();

    app.handle_key(key(KeyCode::Char('n')));
    assert!(prompt_title(&app).unwrap().contains(&reference));
    tab(&mut app, 1);
    type_text(&mut app, "2026-11-26");
    tab(&mut app, 1);
    type_text(&mut app, "14:30");
    tab(&mut app, 1);
    type_text(&mut app, "Eastfield Library meeting room");
    tab(&mut app, 1);
    app.handle_key(key(KeyCode::Char(' '))); // room booked: yes
    tab(&mut app, 1);
    type_text(&mut app, "tea and coffee");
    tab(&mut app, 1);
    type_text(&mut app, "Ann Byrne, Ruth Acheson");
    tab(&mut app, 1);
    type_text(&mut app, "harmed party with her sister; responsible party");
    enter(&mut app);

    assert!(app.overlay.is_none(), "saved: {:?}", prompt_message(&app));
    let (text, is_error) = status(&app);
    assert!(!is_error, "{text}");
    assert!(text.contains("Saved") && text.contains(&reference) && text.contains("Thu 26 Nov 14:30"), "{text}");
    assert!(text.contains("Process arranged"), "{text}");
    let processes = app.store.processes_of_case(case).unwrap();
    assert_eq!(processes.len(), before + 1);
    let process = &processes[0];
    assert_eq!(process.status.as_deref(), Some("planned"));
    assert_eq!(process.scheduled_for, NaiveDate::from_ymd_opt(2026, 11, 26).unwrap().and_hms_opt(14, 30, 0));
    assert_eq!(process.venue.as_deref(), Some("Eastfield Library meeting room"));
    assert!(process.room_booked);
    assert_eq!(process.refreshments.as_deref(), Some("tea and coffee"));
    assert_eq!(process.facilitators, "Ann Byrne; Ruth Acheson");
    assert_eq!(process.participants, "harmed party with her sister; responsible party");
    assert_eq!(case_status(&app, case), "process_arranged");
    // The new process is selected, listed by its date.
    let line = selected_line(&mut app);
    assert!(line.contains(&reference) && line.contains("Thu 26 Nov 14:30"), "{line}");
}

#[test]
fn a_bad_time_or_a_past_date_is_refused_and_what_was_typed_is_kept() {
    let mut app = agreements_app();
    select(&mut app, "to arrange");
    let reference = selected_line(&mut app).split_whitespace().nth(1).unwrap().to_string();
    let case = case_id(&app, &reference);
    let before = app.store.processes_of_case(case).unwrap().len();

    app.apply(Action::NewProcess);
    tab(&mut app, 1);
    type_text(&mut app, "2026-11-26");
    tab(&mut app, 1);
    type_text(&mut app, "25:99");
    tab(&mut app, 4);
    type_text(&mut app, "Ann Byrne, Ruth Acheson");
    tab(&mut app, 1);
    type_text(&mut app, "both parties");
    enter(&mut app);
    let message = prompt_message(&app).expect("asked again");
    assert!(message.contains("Not saved") && message.contains("HH:MM"), "{message}");
    assert!(screen(&mut app, 100, 30).contains("Ann Byrne, Ruth Acheson"), "typed text kept");
    insta::assert_snapshot!("prompt_arrange_refused_100x30", screen(&mut app, 100, 30));

    // Fix the time, make the date yesterday: refused again. (The prompt asks
    // again from its first field.)
    tab(&mut app, 1);
    retype(&mut app, "2026-11-19");
    tab(&mut app, 1);
    retype(&mut app, "10:00");
    enter(&mut app);
    let message = prompt_message(&app).expect("asked again");
    assert!(message.contains("2026-11-19 is in the past"), "{message}");
    assert_eq!(app.store.processes_of_case(case).unwrap().len(), before, "nothing saved");
    assert_eq!(case_status(&app, case), "preparation");

    // Nothing typed: the required fields keep the form from sending.
    app.handle_key(key(KeyCode::Esc));
    app.apply(Action::NewProcess);
    enter(&mut app);
    assert!(app.overlay.is_some(), "required fields keep the prompt open");
    assert_eq!(app.store.processes_of_case(case).unwrap().len(), before);
}

#[test]
fn recording_a_held_process_moves_the_case_to_process_held() {
    let mut app = agreements_app();
    select(&mut app, "MED-2026-0008");
    let case = case_id(&app, "MED-2026-0008");
    let process = app.store.processes_of_case(case).unwrap()[0].process_id.unwrap();
    assert_eq!(case_status(&app, case), "process_arranged");

    app.handle_key(key(KeyCode::Char('c')));
    assert!(prompt_title(&app).unwrap().contains("What happened"));
    enter(&mut app); // held, today, update case status: yes
    let (text, is_error) = status(&app);
    assert!(!is_error, "{text}");
    assert!(text.contains("MED-2026-0008 held on 2026-11-20") && text.contains("Process held"), "{text}");
    let row = app.store.process_row(process).unwrap().unwrap();
    assert_eq!(row.status.as_deref(), Some("held"));
    assert_eq!(case_status(&app, case), "process_held");
    let listed = app.store.arrangements_from(None, 100).unwrap();
    assert!(listed.iter().all(|r| r.case_id != case), "no longer to hold or arrange");

    // It now waits in the agreements view, selected.
    app.apply(Action::ToggleView);
    let line = selected_line(&mut app);
    assert!(line.contains("MED-2026-0008") && line.contains("agreement to record"), "{line}");
}

#[test]
fn cancelling_needs_a_reason_postponing_returns_to_preparation_and_editing_re_plans() {
    let mut app = agreements_app();
    select(&mut app, "RJ-2026-0011");
    let case = case_id(&app, "RJ-2026-0011");
    let process = app.store.processes_of_case(case).unwrap()[0].process_id.unwrap();

    app.apply(Action::Complete);
    app.handle_key(key(KeyCode::Left)); // held -> cancelled
    enter(&mut app);
    let message = prompt_message(&app).expect("asked again");
    assert!(message.contains("say why it was cancelled"), "{message}");
    assert_eq!(app.store.process_row(process).unwrap().unwrap().status.as_deref(), Some("planned"));

    app.handle_key(key(KeyCode::Left)); // cancelled -> postponed
    tab(&mut app, 2);
    type_text(&mut app, "Harmed party unwell");
    enter(&mut app);
    let (text, is_error) = status(&app);
    assert!(!is_error, "{text}");
    assert!(text.contains("postponed") && text.contains("Preparation"), "{text}");
    let row = app.store.process_row(process).unwrap().unwrap();
    assert_eq!(row.status.as_deref(), Some("postponed"));
    assert_eq!(row.reason.as_deref(), Some("Harmed party unwell"));
    assert_eq!(case_status(&app, case), "preparation");
    let line = selected_line(&mut app);
    assert!(line.contains("RJ-2026-0011") && line.contains("postponed"), "{line}");

    // Re-planned for a new date: the same process, planned again, and the
    // case back to Process arranged.
    enter(&mut app);
    retype(&mut app, "2026-12-02");
    tab(&mut app, 7);
    app.handle_key(key(KeyCode::Right)); // Postponed (still) -> Planned
    enter(&mut app);
    let (text, is_error) = status(&app);
    assert!(!is_error, "{text}");
    assert!(text.contains("moved to Wed 2 Dec 14:30, re-planned; case now Process arranged"), "{text}");
    let row = app.store.process_row(process).unwrap().unwrap();
    assert_eq!(row.status.as_deref(), Some("planned"));
    assert_eq!(row.scheduled_for, NaiveDate::from_ymd_opt(2026, 12, 2).unwrap().and_hms_opt(14, 30, 0));
    assert_eq!(case_status(&app, case), "process_arranged");
}

#[test]
fn editing_arrangements_books_the_room_with_an_audited_change_that_undo_reverses() {
    let mut app = agreements_app();
    select(&mut app, "MED-2026-0008");
    let case = case_id(&app, "MED-2026-0008");
    let process = app.store.processes_of_case(case).unwrap()[0].process_id.unwrap();
    assert!(!app.store.process_row(process).unwrap().unwrap().room_booked);
    let audited = app.store.audit_rows_for("rj_process", process).unwrap();

    enter(&mut app);
    assert!(prompt_title(&app).unwrap().contains("Arrangements for MED-2026-0008"));
    tab(&mut app, 3);
    app.handle_key(key(KeyCode::Char('y'))); // room booked: Yes
    tab(&mut app, 1);
    retype(&mut app, "sandwiches for six");
    enter(&mut app);
    let (text, is_error) = status(&app);
    assert!(!is_error, "{text}");
    assert!(text.contains("room booking, refreshments"), "{text}");
    let row = app.store.process_row(process).unwrap().unwrap();
    assert!(row.room_booked);
    assert_eq!(row.refreshments.as_deref(), Some("sandwiches for six"));
    assert_eq!(app.store.audit_rows_for("rj_process", process).unwrap(), audited + 1);

    app.apply(Action::Undo);
    let row = app.store.process_row(process).unwrap().unwrap();
    assert!(!row.room_booked, "undo read the change back from the audit log");
}

#[test]
fn a_meeting_without_a_room_within_two_working_days_is_flagged() {
    let mut app = agreements_app();
    select(&mut app, "MED-2026-0008");
    let text = screen(&mut app, 100, 30);
    assert!(text.contains("room NOT booked"), "{text}");
    // A room booked further off is not a concern.
    select(&mut app, "MED-2026-0010");
    let text = screen(&mut app, 100, 30);
    assert!(text.contains("room booked") && !text.contains("room NOT booked"), "{text}");
}

#[test]
fn paging_moves_past_the_first_page_and_back() {
    let mut app = demo_app(CASES);
    let case = case_id(&app, "MED-2026-0010");
    // 60 more sessions for one case: more than one page of the list.
    app.store
        .write(|tx| {
            for i in 0..60 {
                let at = day(23) + chrono::Duration::days(i / 6);
                tx.add_process(
                    case,
                    &NewProcess {
                        kind: ProcessKind::PhoneCall,
                        scheduled_for: at.and_hms_opt(9 + (i % 6) as u32, 0, 0),
                        venue: None,
                        room_booked: false,
                        refreshments: None,
                        facilitators: "Ann Byrne".into(),
                        participants: format!("session {i}"),
                        status: ProcessStatus::Planned,
                    },
                )?;
            }
            Ok(())
        })
        .unwrap();
    app.apply(Action::ScreenAgreements);
    let first = screen(&mut app, 100, 30);
    assert!(first.contains("1–50 of"), "{first}");
    app.apply(Action::Bottom);
    let last = screen(&mut app, 100, 30);
    assert!(last.contains("to arrange") && !last.contains("1–50 of"), "{last}");
    app.apply(Action::Top);
    for _ in 0..50 {
        app.apply(Action::Down);
    }
    let second = screen(&mut app, 100, 30);
    assert!(second.contains("51–"), "the next page was read: {second}");
    app.apply(Action::Up);
    assert!(screen(&mut app, 100, 30).contains("1–50 of"), "and the one before");
}

/// Past the count cap the screen says "500+" instead of counting on, and a
/// page beyond the cap says where it is without numbering its rows.
#[test]
fn a_list_longer_than_the_count_cap_shows_a_capped_count() {
    let cap = casedesk::store::views::deadlines::COUNT_CAP;
    let mut app = demo_app(CASES);
    let case = case_id(&app, "MED-2026-0010");
    app.store
        .write(|tx| {
            for i in 0..cap as i64 + 60 {
                let at = day(23).and_hms_opt(9, 0, 0).unwrap() + chrono::Duration::minutes(i);
                tx.add_process(
                    case,
                    &NewProcess {
                        kind: ProcessKind::PhoneCall,
                        scheduled_for: Some(at),
                        venue: None,
                        room_booked: false,
                        refreshments: None,
                        facilitators: "Ann Byrne".into(),
                        participants: format!("session {i}"),
                        status: ProcessStatus::Planned,
                    },
                )?;
            }
            Ok(())
        })
        .unwrap();
    app.apply(Action::ScreenAgreements);
    let first = screen(&mut app, 100, 30);
    assert!(first.contains(&format!("{cap}+ to hold · 3 to arrange · 1–50 of {}+", cap + 3)), "{first}");
    app.apply(Action::Bottom);
    let last = screen(&mut app, 100, 30);
    assert!(last.contains(&format!("· past row {cap} of {}+", cap + 3)), "{last}");
    app.apply(Action::Top);
    assert!(screen(&mut app, 100, 30).contains("1–50 of"), "back at the start, rows are numbered");
}

// ============================================================ agreements flows

#[test]
fn recording_the_agreement_then_an_item() {
    let mut app = agreements_view();
    select(&mut app, "agreement to record");
    let reference = selected_line(&mut app).split_whitespace().nth(1).unwrap().to_string();
    let case = case_id(&app, &reference);
    let process = app.store.processes_of_case(case).unwrap()[0].process_id.unwrap();
    assert!(app.store.agreements_of_process(process).unwrap().is_empty());

    app.handle_key(key(KeyCode::Char('a')));
    tab(&mut app, 3);
    app.handle_key(key(KeyCode::Char('n'))); // copies given: No
    tab(&mut app, 1);
    type_text(&mut app, "2026-12-18");
    enter(&mut app);
    let (text, is_error) = status(&app);
    assert!(!is_error, "{text}");
    assert!(text.contains("agreement for") && text.contains("Agreement monitoring"), "{text}");
    let agreements = app.store.agreements_of_process(process).unwrap();
    assert_eq!(agreements.len(), 1);
    let entry = app.store.agreement_entry(agreements[0]).unwrap().unwrap();
    assert!(entry.signed_by_harmed && entry.signed_by_responsible && !entry.copies_given);
    assert_eq!(entry.review_on, NaiveDate::from_ymd_opt(2026, 12, 18));
    assert_eq!(case_status(&app, case), "agreement_monitoring");
    assert!(selected_line(&mut app).contains("no items yet"));

    app.handle_key(key(KeyCode::Char('i')));
    type_text(&mut app, "Pay for the broken window");
    tab(&mut app, 1);
    app.handle_key(key(KeyCode::Char('r'))); // Restitution payment
    tab(&mut app, 1);
    type_text(&mut app, "Jordan Price");
    tab(&mut app, 1);
    type_text(&mut app, "18/12/2026");
    tab(&mut app, 1);
    type_text(&mut app, "Receipt sent to the coordinator");
    tab(&mut app, 1);
    type_text(&mut app, "45.50");
    enter(&mut app);
    let (text, is_error) = status(&app);
    assert!(!is_error, "{text}");
    assert!(text.contains("owner Jordan Price") && text.contains("18 Dec 2026"), "{text}");
    let entry = app.store.agreement_entry(agreements[0]).unwrap().unwrap();
    let item = &entry.items[0];
    assert_eq!(item.description, "Pay for the broken window");
    assert_eq!(item.kind, "restitution_payment");
    assert_eq!(item.owner, "Jordan Price");
    assert_eq!(item.due_on, NaiveDate::from_ymd_opt(2026, 12, 18).unwrap());
    assert_eq!(item.monitoring_method.as_deref(), Some("Receipt sent to the coordinator"));
    assert_eq!(item.amount_pence, Some(4550));
    assert!(selected_line(&mut app).contains("Pay for the broken"), "the new item is selected");
}

#[test]
fn an_agreement_before_its_meeting_or_an_item_due_before_the_agreement_is_refused() {
    let mut app = agreements_view();
    select(&mut app, "agreement to record");
    let reference = selected_line(&mut app).split_whitespace().nth(1).unwrap().to_string();
    let process = app.store.processes_of_case(case_id(&app, &reference)).unwrap()[0].process_id.unwrap();
    app.apply(Action::NewAgreement);
    retype(&mut app, "2026-01-05");
    enter(&mut app);
    let message = prompt_message(&app).expect("asked again");
    assert!(message.contains("cannot be earlier"), "{message}");
    assert!(app.store.agreements_of_process(process).unwrap().is_empty());
    app.handle_key(key(KeyCode::Esc));

    select(&mut app, "RJ-2026-0005");
    let agreement = agreement_of(&app, "RJ-2026-0005");
    let items = app.store.agreement_items(agreement).unwrap().len();
    app.apply(Action::NewItem);
    type_text(&mut app, "Apologise");
    tab(&mut app, 2);
    type_text(&mut app, "Sam");
    tab(&mut app, 1);
    type_text(&mut app, "2026-01-01");
    enter(&mut app);
    let message = prompt_message(&app).expect("asked again");
    assert!(message.contains("cannot be due before it"), "{message}");
    assert_eq!(app.store.agreement_items(agreement).unwrap().len(), items);
}

#[test]
fn completing_every_item_leaves_telling_the_harmed_party_as_a_warning_then_h_records_it() {
    let mut app = agreements_view();
    select(&mut app, "RJ-2026-0005");
    let agreement = agreement_of(&app, "RJ-2026-0005");
    // Told "completed" with an item open: refused.
    app.apply(Action::InformHarmed);
    tab(&mut app, 1);
    app.handle_key(key(KeyCode::Char('c'))); // Completed
    enter(&mut app);
    let message = prompt_message(&app).expect("asked again");
    assert!(message.contains("1 item is still open"), "{message}");
    app.handle_key(key(KeyCode::Esc));
    assert_eq!(app.store.agreement_entry(agreement).unwrap().unwrap().harmed_informed_on, None);

    // Complete the open item (evidence and date).
    select_next(&mut app, item_with_status("overdue"));
    assert!(selected_line(&mut app).contains("11 Nov 26"));
    app.handle_key(key(KeyCode::Char('c')));
    assert!(prompt_title(&app).unwrap().contains("Mark complete"));
    type_text(&mut app, "Letter received and passed on");
    enter(&mut app);
    let (text, is_error) = status(&app);
    assert!(!is_error && text.contains("marked complete"), "{text}");
    let entry = app.store.agreement_entry(agreement).unwrap().unwrap();
    assert_eq!(entry.open_items(), 0);
    assert_eq!(
        entry
            .items
            .iter()
            .find(|i| i.evidence.as_deref() == Some("Letter received and passed on"))
            .map(|i| i.completed_on),
        Some(Some(today()))
    );

    // Every item closed, not yet told: the warning shows.
    select(&mut app, "RJ-2026-0005");
    let text = screen(&mut app, 100, 30);
    assert!(text.contains("tell the harmed party the result (due by 27 Nov 2026)"), "{text}");
    insta::assert_snapshot!("agreements_all_closed_not_told_100x30", text);

    app.handle_key(key(KeyCode::Char('h')));
    enter(&mut app); // today, "Completed" chosen by default
    let (text, is_error) = status(&app);
    assert!(!is_error, "{text}");
    assert!(text.contains("told on 2026-11-20") && text.contains("completed"), "{text}");
    let entry = app.store.agreement_entry(agreement).unwrap().unwrap();
    assert_eq!(entry.harmed_informed_on, Some(today()));
    assert_eq!(entry.status, "completed");
    assert!(selected_line(&mut app).contains("harmed told: 20 Nov 2026"));

    // Told already: h refuses, and no more items can be added.
    app.apply(Action::InformHarmed);
    assert!(status(&app).1 && status(&app).0.contains("was told the result on 20 Nov 2026"), "{:?}", app.status);
    app.apply(Action::NewItem);
    assert!(status(&app).1 && status(&app).0.contains("closed"), "{:?}", app.status);
}

#[test]
fn actions_on_the_wrong_row_say_what_to_do() {
    let mut app = agreements_view();
    select(&mut app, "agreement to record");
    app.apply(Action::NewItem);
    assert!(status(&app).0.contains("Record the outcome agreement"), "{:?}", app.status);
    app.apply(Action::Complete);
    assert!(status(&app).0.contains("Select an item"), "{:?}", app.status);
    app.apply(Action::Top);
    select_next(&mut app, item_with_status("done"));
    app.apply(Action::Complete);
    assert!(status(&app).0.contains("done already"), "{:?}", app.status);
    select(&mut app, "agreed");
    app.apply(Action::NewAgreement);
    assert!(status(&app).0.contains("already has its outcome agreement"), "{:?}", app.status);
    app.apply(Action::NewProcess);
    assert!(status(&app).0.contains("press t"), "{:?}", app.status);
    assert!(app.overlay.is_none());
}

#[test]
fn open_case_goes_to_the_case_screen() {
    let mut app = agreements_app();
    select(&mut app, "MED-2026-0008");
    app.apply(Action::OpenCase);
    assert_eq!(app.current, ScreenId::Case);
}

// ============================================================ from Today

#[test]
fn a_meeting_on_today_opens_the_arrangements_with_it_selected() {
    let mut app = demo_app(CASES);
    select(&mut app, "joint meeting at");
    assert!(selected_line(&mut app).contains("MED-2026-0008"), "today lists the meeting");
    enter(&mut app);
    assert_eq!(app.current, ScreenId::Agreements);
    let line = selected_line(&mut app);
    assert!(line.contains("MED-2026-0008") && line.contains("Fri 20 Nov 11:30"), "{line}");
}

#[test]
fn an_agreement_item_on_today_opens_the_agreements_with_it_selected() {
    let mut app = demo_app(CASES);
    select(&mut app, "agreement:");
    let today_line = selected_line(&mut app);
    let reference = today_line.split_whitespace().nth(1).unwrap().to_string();
    enter(&mut app);
    assert_eq!(app.current, ScreenId::Agreements);
    let line = selected_line(&mut app);
    assert!(line.contains("item"), "an item line is selected: {line}");
    let text = screen(&mut app, 100, 30);
    assert!(text.contains(&format!("{reference} item")), "the detail names the case: {text}");
}

#[test]
fn e_writes_the_selected_meeting_as_a_calendar_file() {
    // The only test in this file that sets the export folder.
    let dir = tempfile::TempDir::new().unwrap();
    std::env::set_var("CASEDESK_EXPORT_DIR", dir.path());
    let mut app = agreements_app();
    app.handle_key(key(KeyCode::Char('e')));
    let (text, is_error) = status(&app);
    assert!(!is_error && text.starts_with("Calendar file written to"), "{text}");
    let file = std::fs::read_dir(dir.path()).unwrap().next().unwrap().unwrap().path();
    assert_eq!(file.extension().and_then(|e| e.to_str()), Some("ics"));
    let ics = std::fs::read_to_string(&file).unwrap();
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n") && ics.contains("BEGIN:VEVENT"), "{ics}");
    assert!(text.contains(&file.display().to_string()));
}
