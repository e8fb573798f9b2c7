//! Arrangements flows: arranging, holding, cancelling, postponing and
//! editing a process, the room warning, and paging.

use crate::common::{demo_app, key, screen, type_text};
use casedesk::domain::types::{ProcessKind, ProcessStatus};
use casedesk::store::model::NewProcess;
use casedesk::store::views::allocation::CoordinatorFilter::All;
use casedesk::tui::action::Action;
use chrono::NaiveDate;
use crossterm::event::KeyCode;

use super::{
    agreements_app, case_id, case_status, day, enter, prompt_message, prompt_title, retype, save, select,
    selected_line, status, tab, CASES,
};

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
    assert_eq!(process.status.map(|s| s.as_str()), Some("planned"));
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
    assert!(text.contains("MED-2026-0008 held on Fri 20 Nov 2026") && text.contains("Process held"), "{text}");
    let row = app.store.process_row(process).unwrap().unwrap();
    assert_eq!(row.status.map(|s| s.as_str()), Some("held"));
    assert_eq!(case_status(&app, case), "process_held");
    let listed = app.store.arrangements_from(All, None, 100).unwrap();
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
    assert_eq!(app.store.process_row(process).unwrap().unwrap().status.map(|s| s.as_str()), Some("planned"));

    app.handle_key(key(KeyCode::Left)); // cancelled -> postponed
    tab(&mut app, 2);
    type_text(&mut app, "Harmed party unwell");
    save(&mut app);
    let (text, is_error) = status(&app);
    assert!(!is_error, "{text}");
    assert!(text.contains("postponed") && text.contains("Preparation"), "{text}");
    let row = app.store.process_row(process).unwrap().unwrap();
    assert_eq!(row.status.map(|s| s.as_str()), Some("postponed"));
    assert_eq!(row.reason.as_deref(), Some("Harmed party unwell"));
    assert_eq!(case_status(&app, case), "preparation");
    let line = selected_line(&mut app);
    assert!(line.contains("RJ-2026-0011") && line.contains("Postponed"), "{line}");

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
    assert_eq!(row.status.map(|s| s.as_str()), Some("planned"));
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

    crate::common::undo(&mut app);
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
                tx.add_process(case, &phone_call(at.and_hms_opt(9 + (i % 6) as u32, 0, 0), i))?;
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
                tx.add_process(case, &phone_call(Some(at), i))?;
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

/// A planned phone call by Ann Byrne, the `i`th of a run added to fill a list.
fn phone_call(at: Option<chrono::NaiveDateTime>, i: i64) -> NewProcess {
    NewProcess {
        kind: ProcessKind::PhoneCall,
        scheduled_for: at,
        venue: None,
        room_booked: false,
        refreshments: None,
        facilitators: "Ann Byrne".into(),
        participants: format!("session {i}"),
        status: ProcessStatus::Planned,
    }
}

/// The initials a narrow list shows for the coordinator of the case `reference`.
fn coordinator_initials(app: &casedesk::tui::app::App, reference: &str) -> String {
    let id = case_id(app, reference);
    let name = app.store.coordinators_of(&[id]).unwrap().remove(&id).expect("the demo allocates its cases");
    name.split_whitespace().filter_map(|w| w.chars().next()).collect()
}

#[test]
fn each_row_shows_its_cases_coordinator_by_initials_at_80_columns() {
    let mut app = agreements_app();
    let shown = screen(&mut app, 80, 24);
    assert!(shown.contains("Status    Coord│"), "{shown}");
    let row = shown.lines().find(|l| l.contains("RJ-2026-0013")).unwrap_or_else(|| panic!("{shown}"));
    let initials = coordinator_initials(&app, "RJ-2026-0013");
    assert!(row.trim_end_matches('│').trim_end().ends_with(&initials), "{initials}: {row}");

    app.apply(Action::ToggleView);
    let shown = screen(&mut app, 80, 24);
    let row = shown.lines().find(|l| l.contains("RJ-2026-0007")).unwrap_or_else(|| panic!("{shown}"));
    let initials = coordinator_initials(&app, "RJ-2026-0007");
    assert!(row.contains(&format!("RJ-2026-0007  {initials} · agreed")), "{initials}: {row}");
}
