//! Issue 14 §6 on a new desk, by keyboard: a meeting recorded from the
//! Agreements screen's Meetings view (m) with an attendee picked from the
//! directory by typing part of their name and another typed, its minutes
//! pasted with their lines, an action added that then shows on Today, and
//! opened from there (Enter) and marked done there (c), off Today and
//! undone back onto it.

use super::*;

#[test]
fn a_minuted_meeting_whose_action_then_shows_on_today_until_done() {
    let mut app = empty_app();
    // A case, so that Today is a list rather than the welcome.
    log_referral(&mut app, 1, "Theft from a shop", "1990-06-01");
    let entry = NewDirectoryEntry { name: "Priya Shah".into(), ..Default::default() };
    app.store.write(|tx| tx.add_to_directory(DirectoryKind::Coordinator, &entry)).unwrap();

    app.apply(Action::ScreenAgreements);
    app.apply(Action::Meetings);
    insta::assert_snapshot!("meetings_empty_80x24", screen(&mut app, 80, 24));
    app.apply(Action::NewAgreement);
    insta::assert_snapshot!("record_meeting_80x24", screen(&mut app, 80, 24));
    insta::assert_snapshot!("record_meeting_100x30", screen(&mut app, 100, 30));
    // Typed by keys: the suggested 10:00 gives way to the first character.
    app.handle_key(key(KeyCode::Tab));
    type_text(&mut app, "14:30");
    app.handle_key(key(KeyCode::BackTab));
    fill(&mut app, "Title", "Youth panel");
    fill(&mut app, "Or where", "Northgate station, room 2");
    fill(&mut app, "Others", "Sam Patel (Victim Support)");
    // To the attendee, past the day, time, title and room: "priya" finds her.
    for _ in 0..5 {
        app.handle_key(key(KeyCode::Tab));
    }
    type_text(&mut app, "priya");
    submit(&mut app, "Meeting recorded.");
    insta::assert_snapshot!("meetings_100x30", screen(&mut app, 100, 30));
    insta::assert_snapshot!("meetings_80x24", screen(&mut app, 80, 24));

    // Enter opens it; Enter again writes the minutes, pasted with their lines.
    app.apply(Action::Open);
    app.apply(Action::Open);
    app.handle_paste("Three referrals discussed.\nAll suitable for a panel.");
    submit(&mut app, "Minutes saved.");
    let meeting = app.store.meetings().unwrap()[0].id;
    let read = app.store.meeting(meeting).unwrap().unwrap();
    assert_eq!(read.minutes.as_deref(), Some("Three referrals discussed.\nAll suitable for a panel."));
    let present: Vec<String> = read.attendees.iter().map(|w| w.described()).collect();
    assert_eq!(present, ["Priya Shah", "Sam Patel (Victim Support)"]);

    app.apply(Action::NewItem);
    fill(&mut app, "Action", "Send the panel's dates to schools");
    fill(&mut app, "Due on", "2026-11-20");
    app.handle_key(key(KeyCode::Tab));
    type_text(&mut app, "priya");
    submit(&mut app, "Action added.");
    insta::assert_snapshot!("meeting_open_80x24", screen(&mut app, 80, 24));
    insta::assert_snapshot!("meeting_open_100x30", screen(&mut app, 100, 30));

    // Today lists the action as due today; c marks it done.
    assert!(select_on_today(&mut app, ItemKind::MeetingAction));
    let shown = screen(&mut app, 100, 30);
    let row = shown.lines().find(|l| l.contains('▶')).unwrap_or_default();
    assert!(row.contains("Meeting ") && row.contains("due today"), "{shown}");
    assert!(row.contains("Meeting action: Send the panel's dates"), "{shown}");
    assert!(shown.contains("c marks it done."), "{shown}");
    // Enter opens its meeting, the action selected.
    app.apply(Action::Open);
    let shown = screen(&mut app, 100, 30);
    assert!(shown.contains("Youth panel — Fri 20 Nov 2026 14:30"), "{shown}");
    assert!(shown.contains("▶ due Fri 20 Nov   Priya Shah · Send the panel's dates to schools"), "{shown}");
    assert!(select_on_today(&mut app, ItemKind::MeetingAction));
    app.apply(Action::Complete);
    app.handle_key(key(KeyCode::Enter));
    let (said, is_error) = app.status.clone().unwrap_or_default();
    assert!(!is_error && said.contains("Action marked done."), "{said}");
    assert!(!select_on_today(&mut app, ItemKind::MeetingAction));
    let undone = common::undo(&mut app);
    assert!(undone.contains("a meeting's action"), "{undone}");
    assert!(select_on_today(&mut app, ItemKind::MeetingAction));
    assert!(app.store.check().unwrap().is_ok());
}

/// A meeting of no case on Wednesday 25 November at 11:00 in a typed
/// place: a facilitator and a coordinator of the directory with an email,
/// a partner agency without one, and someone typed in with their role.
fn partnership_board(app: &mut App) -> i64 {
    use casedesk::domain::meetings::{PersonKind, Who};
    app.store
        .write(|tx| {
            let with_email = |name: &str, email: Option<&str>| NewDirectoryEntry {
                name: name.into(),
                email: email.map(str::to_string),
                ..Default::default()
            };
            let ada =
                tx.add_to_directory(DirectoryKind::Facilitator, &with_email("Ada Okafor", Some("ada@example.org")))?;
            let priya =
                tx.add_to_directory(DirectoryKind::Coordinator, &with_email("Priya Shah", Some("priya@example.org")))?;
            let support = tx.add_to_directory(DirectoryKind::Agency, &with_email("Victim Support", None))?;
            let picked = |kind, id, name: &str| Who { kind, directory_id: Some(id), name: name.into(), role: None };
            tx.record_meeting(&casedesk::store::NewMeeting {
                held_at: chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap().and_hms_opt(11, 0, 0).unwrap(),
                title: "Partnership board".into(),
                place: Some("Northgate station, room 2".into()),
                room_id: None,
                agenda: None,
                attendees: vec![
                    picked(PersonKind::Facilitator, ada, "Ada Okafor"),
                    picked(PersonKind::Coordinator, priya, "Priya Shah"),
                    picked(PersonKind::Agency, support, "Victim Support"),
                    Who::typed("Sam Patel", Some("chair")),
                ],
            })
        })
        .unwrap()
}

/// Press `e` and read the calendar file the status line says was written.
fn calendar_file_by_e(app: &mut App) -> String {
    app.handle_key(key(KeyCode::Char('e')));
    let (said, is_error) = app.status.clone().unwrap_or_default();
    let path = said.strip_prefix("Calendar file written to ").unwrap_or_else(|| panic!("{said}"));
    assert!(!is_error && path.ends_with("meeting-1.ics"), "{said}");
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn e_writes_a_meeting_of_no_case_as_one_calendar_file_inviting_everyone_with_an_email() {
    // A folder of its own that outlives the test: other tests share the variable.
    let dir = std::env::temp_dir().join(format!("casedesk-flow-meetings-{}", std::process::id()));
    std::env::set_var("CASEDESK_EXPORT_DIR", &dir);
    let mut app = empty_app();
    let meeting = partnership_board(&mut app);
    let audited = app.store.audit_rows_for("meeting", meeting).unwrap();

    // From the Meetings list, the meeting selected.
    app.apply(Action::ScreenAgreements);
    app.apply(Action::Meetings);
    let ics = calendar_file_by_e(&mut app);
    for line in [
        "UID:meeting-1@casedesk",
        "DTSTART:20261125T110000",
        "DURATION:PT1H",
        "SUMMARY:Partnership board",
        "LOCATION:Northgate station\\, room 2",
        "ATTENDEE;CN=\"Ada Okafor\";ROLE=REQ-PARTICIPANT:mailto:ada@example.org",
        "ATTENDEE;CN=\"Priya Shah\";ROLE=REQ-PARTICIPANT:mailto:priya@example.org",
        "DESCRIPTION:Also attending: Victim Support\\; Sam Patel (chair)",
    ] {
        assert!(ics.contains(&format!("\r\n{line}\r\n")), "{line} in:\n{ics}");
    }
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 1, "one event for everyone");
    assert_eq!(app.store.audit_rows_for("meeting", meeting).unwrap(), audited + 1, "logged as an export");

    // From the meeting opened, and from the diary's week: the same file again.
    app.apply(Action::Open);
    assert_eq!(calendar_file_by_e(&mut app).lines().nth(6), ics.lines().nth(6));
    app.apply(Action::Meetings);
    app.apply(Action::Meetings);
    app.apply(Action::Diary);
    app.apply(Action::NextWeek);
    assert!(screen(&mut app, 100, 30).contains("Partnership board"));
    assert!(calendar_file_by_e(&mut app).contains("\r\nSUMMARY:Partnership board\r\n"));
    assert_eq!(app.store.audit_rows_for("meeting", meeting).unwrap(), audited + 3);
}
