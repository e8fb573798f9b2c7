//! Opening the screen from Today with the row selected, and the calendar
//! file of a meeting.

use crate::common::{demo_app, key, screen};
use casedesk::tui::screens::ScreenId;
use crossterm::event::KeyCode;

use super::{agreements_app, enter, select, selected_line, status, CASES};

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
