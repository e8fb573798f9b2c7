//! The Agreements screen: arranging restorative processes, recording what
//! happened, outcome agreements and their items. Snapshots of every view and
//! prompt at 100×30 and 80×24, and flows that end in database rows.
//!
//! The helpers and every test that takes a snapshot stay in this file
//! (insta names a snapshot after the module it is taken in); the other
//! flows are in `screen_agreements/`, one file a view.

mod common;

use casedesk::tui::action::Action;
use casedesk::tui::app::App;
use casedesk::tui::overlay::Overlay;
use casedesk::tui::screens::ScreenId;
use chrono::NaiveDate;
use common::{ctrl, demo_app, empty_app, key, screen, today, type_text};
use crossterm::event::KeyCode;

#[path = "screen_agreements/agreements.rs"]
mod agreements;
#[path = "screen_agreements/arrangements.rs"]
mod arrangements;
#[path = "screen_agreements/diary.rs"]
mod diary;
#[path = "screen_agreements/from_today.rs"]
mod from_today;

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
    let held = processes.iter().find(|p| p.status.map(|s| s.as_str()) == Some("held")).expect("a held process");
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
    app.store.case_brief(case_id).unwrap().unwrap().2.as_str().to_string()
}

fn tab(app: &mut App, times: usize) {
    for _ in 0..times {
        app.handle_key(key(KeyCode::Tab));
    }
}

fn enter(app: &mut App) {
    app.handle_key(key(KeyCode::Enter));
}

/// Save the open prompt: Ctrl-S saves from any field, Enter only from a
/// one-line one (issue 16 §1).
fn save(app: &mut App) {
    app.handle_key(ctrl('s'));
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

/// Seen at 120×40 and 200×60: the last column touched the border, and one
/// row's long facilitators fell back to surnames beside full names.
#[test]
fn arrangements_wide_snapshots() {
    let mut app = demo_app(CASES);
    let case = case_id(&app, "MED-2026-0010");
    let at = day(25).and_hms_opt(10, 0, 0);
    let joint = casedesk::store::model::NewProcess {
        kind: casedesk::domain::types::ProcessKind::MediationJointMeeting,
        scheduled_for: at,
        venue: Some("Riverside Methodist Hall, side room".into()),
        room_booked: true,
        refreshments: Some("tea and coffee (ordered)".into()),
        facilitators: "Owen Trevelyan; Ruth Acheson (volunteer facilitator)".into(),
        participants: "both parties".into(),
        status: casedesk::domain::types::ProcessStatus::Confirmed,
    };
    app.store.write(|tx| tx.add_process(case, &joint).map(|_| ())).unwrap();
    app.apply(Action::ScreenAgreements);
    let rows = |text: &str| -> Vec<String> {
        text.lines()
            .filter(|l| (l.starts_with("│▶ ") || l.starts_with("│  ")) && l.contains("-20"))
            .map(str::to_string)
            .collect()
    };
    for (w, h) in [(120, 40), (200, 60)] {
        let text = screen(&mut app, w, h);
        let header = text.lines().find(|l| l.starts_with("│  Ref ")).unwrap_or_else(|| panic!("{text}"));
        for row in rows(&text).iter().map(String::as_str).chain([header]) {
            assert!(row.ends_with(" │"), "a space before the border at {w}: {row}");
        }
    }
    let wide = screen(&mut app, 200, 60);
    let planned: Vec<String> = rows(&wide).into_iter().filter(|r| !r.contains("to arrange")).collect();
    assert!(planned.iter().any(|r| r.contains("Owen Trevelyan; Ruth Acheson ")), "{wide}");
    assert!(planned.iter().all(|r| r.contains("; ")), "every row names its facilitators alike:\n{wide}");
    insta::assert_snapshot!("arrangements_120x40", screen(&mut app, 120, 40));
    insta::assert_snapshot!("arrangements_200x60", wide);
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

// ============================================================ flows with a snapshot on the way

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
    assert!(message.contains("Thu 19 Nov 2026 is in the past"), "{message}");
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
    assert!(selected_line(&mut app).contains("Wed 11 Nov 2026"));
    app.handle_key(key(KeyCode::Char('c')));
    assert!(prompt_title(&app).unwrap().contains("Mark complete"));
    type_text(&mut app, "Letter received and passed on");
    save(&mut app);
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
    assert!(text.contains("tell the harmed party the result (due by Fri 27 Nov 2026)"), "{text}");
    insta::assert_snapshot!("agreements_all_closed_not_told_100x30", text);

    app.handle_key(key(KeyCode::Char('h')));
    enter(&mut app); // today, "Completed" chosen by default
    let (text, is_error) = status(&app);
    assert!(!is_error, "{text}");
    assert!(text.contains("told on Fri 20 Nov 2026") && text.contains("completed"), "{text}");
    let entry = app.store.agreement_entry(agreement).unwrap().unwrap();
    assert_eq!(entry.harmed_informed_on, Some(today()));
    assert_eq!(entry.status.map(|s| s.as_str()), Some("completed"));
    assert!(selected_line(&mut app).contains("harmed told: Fri 20 Nov 2026"));

    // Told already: h refuses, and no more items can be added.
    app.apply(Action::InformHarmed);
    assert!(status(&app).1 && status(&app).0.contains("was told the result on Fri 20 Nov 2026"), "{:?}", app.status);
    app.apply(Action::NewItem);
    assert!(status(&app).1 && status(&app).0.contains("closed"), "{:?}", app.status);
}
