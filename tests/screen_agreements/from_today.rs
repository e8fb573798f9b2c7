//! Opening the screen from Today with the row selected, and the calendar
//! file of a meeting.

use crate::common::{demo_app, key, screen, today};
use casedesk::demo::{generate, DemoOptions};
use casedesk::domain::triage::ItemKind;
use casedesk::domain::types::{ProcessKind, ProcessStatus};
use casedesk::store::model::NewProcess;
use casedesk::store::Day;
use casedesk::store::Store;
use casedesk::tui::app::App;
use casedesk::tui::keymap::Keymap;
use casedesk::tui::screens::ScreenId;
use casedesk::tui::theme::MONOCHROME;
use chrono::NaiveDate;
use crossterm::event::KeyCode;

use super::{agreement_of, agreements_app, enter, select, selected_line, status, CASES};

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
    select(&mut app, "Agreement:");
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

/// RJ-2026-0005's open items all completed on Thursday 12 November: its
/// harmed party is then to be told the result.
fn settle_rj_0005(app: &mut App) {
    let agreement = agreement_of(app, "RJ-2026-0005");
    let entry = app.store.agreement_entry(agreement).unwrap().unwrap();
    let on = NaiveDate::from_ymd_opt(2026, 11, 12).unwrap();
    for item in entry.items.iter().filter(|i| i.is_open()) {
        app.store.write(|tx| tx.complete_agreement_item(item.id, on, "seen done")).unwrap();
    }
}

/// Today's "tell the harmed party the result" (HARMED_INFORMED_WD): Enter
/// opens the agreement itself, h records the telling, and Today lets go.
#[test]
fn an_agreement_whose_harmed_party_is_still_to_be_told_opens_selected_and_h_records_it() {
    let mut app = demo_app(CASES);
    settle_rj_0005(&mut app);
    // A further meeting planned on the same case: Enter still opens the
    // agreement, not the case's arrangements.
    let case = app.store.agreement_entry(agreement_of(&app, "RJ-2026-0005")).unwrap().unwrap().case_id;
    let follow_up = NewProcess {
        kind: ProcessKind::PhoneCall,
        scheduled_for: None,
        venue: None,
        room_booked: false,
        refreshments: None,
        facilitators: "A. Facilitator".into(),
        participants: "harmed".into(),
        status: ProcessStatus::Planned,
    };
    app.store.write(|tx| tx.add_process(case, &follow_up)).unwrap();
    select(&mut app, "tell the harmed party the result");
    let today_line = selected_line(&mut app);
    let reference = today_line.split_whitespace().nth(1).unwrap().to_string();
    enter(&mut app);
    assert_eq!(app.current, ScreenId::Agreements);
    let line = selected_line(&mut app);
    assert!(line.contains(&reference) && line.contains("harmed told: not yet"), "the agreement is selected: {line}");
    app.handle_key(key(KeyCode::Char('h')));
    enter(&mut app);
    let (text, is_error) = status(&app);
    assert!(!is_error && text.contains("told on Fri 20 Nov 2026"), "{text}");
    app.apply(casedesk::tui::action::Action::ScreenToday);
    let listed = |app: &mut App| {
        screen_lines(app).iter().any(|l| l.contains(&reference) && l.contains("tell the harmed party the result"))
    };
    assert!(!listed(&mut app), "told: Today lets go");
}

/// Every line of Today, paged through from the top.
fn screen_lines(app: &mut App) -> Vec<String> {
    use casedesk::tui::action::Action;
    app.apply(Action::Top);
    let mut lines = Vec::new();
    for _ in 0..30 {
        lines.extend(screen(app, 100, 30).lines().map(str::to_string));
        app.apply(Action::PageDown);
    }
    lines
}

/// The Agreements screen's "due by" reads the same rule as Today's timer.
#[test]
fn the_harmed_party_told_due_date_follows_the_rule() {
    let mut store = Store::open_in_memory().unwrap();
    generate(&mut store, &DemoOptions { cases: CASES, seed: 11, today: today() }).unwrap();
    store.write(|tx| tx.set_rule("HARMED_INFORMED_WD", 1.0, "the service tells the next day")).unwrap();
    let mut app = App::new(store, today(), Keymap::default(), MONOCHROME).unwrap();
    settle_rj_0005(&mut app);
    select(&mut app, "tell the harmed party the result");
    enter(&mut app);
    let (calendar, rules) = (app.store.calendar().unwrap(), app.store.rules().unwrap());
    let first = app
        .store
        .today_items(&Day::new(today(), &calendar, &rules))
        .unwrap()
        .into_iter()
        .find(|i| i.kind == ItemKind::HarmedInformed)
        .expect("the demo has an agreement whose harmed party is still to be told");
    let (by, due) = (first.case_ref, calendar.add_working_days(first.date, 1));
    let text = screen(&mut app, 100, 30);
    assert!(text.contains(&by), "{text}");
    assert!(text.contains(&format!("(due by {})", casedesk::domain::dates::day(due))), "{text}");
}
