//! The diary (issue 14 §5): a conference booked with two of the directory's
//! facilitators in one of its rooms, and the warning a second meeting in
//! the same room at an overlapping time asks to confirm before it saves.

use crate::common::{key, screen, type_text};
use casedesk::domain::directory::DirectoryKind;
use casedesk::store::{NewDirectoryEntry, NewRoom};
use casedesk::tui::action::Action;
use casedesk::tui::app::App;
use crossterm::event::KeyCode;

use super::{
    agreements_app, case_id, enter, prompt_message, prompt_title, select, select_next, selected_line, status, tab,
};

const ROOM: &str = "Quayside Centre — Garden Room";

/// A venue with one room and two facilitators, added to the demo directory.
fn with_room_and_facilitators(app: &mut App) {
    app.store
        .write(|tx| {
            let entry = |name: &str| NewDirectoryEntry { name: name.into(), ..Default::default() };
            let venue = tx.add_to_directory(DirectoryKind::Venue, &entry("Quayside Centre"))?;
            tx.add_room(venue, &NewRoom { name: "Garden Room".into(), ..Default::default() })?;
            tx.add_to_directory(DirectoryKind::Facilitator, &entry("Ada Okafor"))?;
            tx.add_to_directory(DirectoryKind::Facilitator, &entry("Ben Hale"))?;
            Ok(())
        })
        .unwrap();
}

/// Start arranging a process for the first case still to arrange, by
/// keys: on Wednesday 25 November at `time`, the facilitators typed; the
/// focus left on the participants. Returns the case's reference.
fn arrange_on_wednesday(app: &mut App, time: &str, facilitators: &str) -> String {
    select(app, "to arrange");
    let reference = selected_line(app).split_whitespace().nth(1).unwrap().to_string();
    app.apply(Action::NewProcess);
    tab(app, 1);
    type_text(app, "2026-11-25");
    tab(app, 1);
    type_text(app, time);
    tab(app, 4);
    type_text(app, facilitators);
    tab(app, 1);
    type_text(app, "both parties");
    reference
}

/// Arrange a process for the first case still to arrange, by keys: the
/// date, time and facilitators typed, the room chosen from the directory.
fn arrange_in_room(app: &mut App, time: &str, facilitators: &str) -> i64 {
    let reference = arrange_on_wednesday(app, time, facilitators);
    tab(app, 1);
    for _ in 0..100 {
        if screen(app, 100, 30).contains(&format!("‹ {ROOM} ›")) {
            break;
        }
        app.handle_key(key(KeyCode::Right));
    }
    assert!(screen(app, 100, 30).contains(&format!("‹ {ROOM} ›")), "the room is offered");
    tab(app, 1);
    app.handle_key(crate::common::ctrl('u'));
    type_text(app, "90");
    enter(app);
    case_id(app, &reference)
}

#[test]
fn a_second_meeting_in_the_same_room_at_an_overlapping_time_is_warned_of_before_it_saves() {
    let mut app = agreements_app();
    with_room_and_facilitators(&mut app);
    let first = arrange_in_room(&mut app, "10:00", "Ada Okafor, Ben Hale");
    let (text, is_error) = status(&app);
    assert!(!is_error && text.starts_with("Saved:"), "{text}");
    let process = app.store.processes_of_case(first).unwrap()[0].clone();
    let booked = app.store.booking_of(process.process_id.unwrap()).unwrap();
    assert_eq!((booked.minutes, booked.facilitator_ids.len()), (90, 2), "both facilitators of the directory linked");
    assert!(booked.room_id.is_some());

    let second = arrange_in_room(&mut app, "11:00", "Cy Marsh, Di Lowe");
    let message = prompt_message(&app).expect("asked to confirm first");
    let expected = format!("{ROOM} is booked for {} Wed 25 Nov 10:00–11:30", process.case_ref);
    assert!(message.starts_with("Check before saving") && message.contains(&expected), "{message}");
    assert!(app.store.processes_of_case(second).unwrap().is_empty(), "nothing saved before it is confirmed");
    insta::assert_snapshot!("prompt_arrange_clash_100x30", screen(&mut app, 100, 30));
    insta::assert_snapshot!("prompt_arrange_clash_80x24", screen(&mut app, 80, 24));

    enter(&mut app);
    let (text, is_error) = status(&app);
    assert!(!is_error && text.starts_with("Saved:"), "{text}");
    assert_eq!(app.store.processes_of_case(second).unwrap().len(), 1, "saved once confirmed");
}

#[test]
fn a_room_picked_with_the_venue_blank_is_where_the_meeting_is_and_a_new_room_moves_it() {
    let mut app = agreements_app();
    with_room_and_facilitators(&mut app);
    app.store
        .write(|tx| {
            let town_hall = NewDirectoryEntry { name: "Town Hall".into(), ..Default::default() };
            let venue = tx.add_to_directory(DirectoryKind::Venue, &town_hall)?;
            tx.add_room(venue, &NewRoom { name: "Room 1".into(), ..Default::default() })
        })
        .unwrap();
    let case = arrange_in_room(&mut app, "10:00", "Ada Okafor, Ben Hale");
    let venue = |app: &App| app.store.processes_of_case(case).unwrap()[0].venue.clone();
    // The venue was left blank: it read "Venue: —" on the list and Today.
    assert_eq!(venue(&app).as_deref(), Some(ROOM));

    enter(&mut app); // edit the arrangements just saved
    assert!(prompt_title(&app).is_some_and(|t| t.starts_with("Arrangements for")), "{:?}", prompt_title(&app));
    tab(&mut app, 8);
    for _ in 0..10 {
        if screen(&mut app, 100, 30).contains("‹ Town Hall — Room 1 ›") {
            break;
        }
        app.handle_key(key(KeyCode::Right));
    }
    enter(&mut app);
    let (text, is_error) = status(&app);
    assert!(!is_error && text.starts_with("Saved"), "{text}");
    assert_eq!(venue(&app).as_deref(), Some("Town Hall — Room 1"), "the venue follows the room it only repeated");
}

#[test]
fn the_week_view_shows_each_day_its_meetings_and_their_clashes() {
    let mut app = agreements_app();
    with_room_and_facilitators(&mut app);
    arrange_in_room(&mut app, "10:00", "Ada Okafor, Ben Hale");
    arrange_in_room(&mut app, "11:00", "Ben Hale");
    enter(&mut app); // saved despite the warning

    app.handle_key(key(KeyCode::Char('d')));
    let this_week = screen(&mut app, 100, 30);
    assert!(this_week.contains("Diary — week of Mon 16 Nov 2026"), "{this_week}");
    assert!(this_week.contains("Sat 21 Nov · weekend"), "{this_week}");
    app.handle_key(key(KeyCode::Right));
    let next_week = screen(&mut app, 100, 30);
    assert!(next_week.contains("Diary — week of Mon 23 Nov 2026 · 3 meetings · 2 with a clash"), "{next_week}");
    assert!(next_week.contains("10:00–11:30") && next_week.contains("⚠ 2 clashes"), "{next_week}");
    insta::assert_snapshot!("week_100x30", next_week);
    insta::assert_snapshot!("week_80x24", screen(&mut app, 80, 24));

    for _ in 0..4 {
        app.handle_key(key(KeyCode::Right));
    }
    assert!(screen(&mut app, 100, 30).contains("Fri 25 Dec · Christmas Day"), "a bank holiday is flagged");
    app.handle_key(key(KeyCode::Char('.')));
    assert!(screen(&mut app, 100, 30).contains("Diary — week of Mon 16 Nov 2026"), "back to this week");
    app.handle_key(key(KeyCode::Char('d')));
    assert!(screen(&mut app, 100, 30).contains("Arrangements —"), "d goes back to the arrangements");
}

/// Record a meeting of no case by keys in the Meetings view (m, a): on
/// Wednesday 25 November at `time`, in the directory's room, with Ada
/// Okafor attending as the directory's facilitator. Returns what the
/// status line said.
fn record_meeting_in_room(app: &mut App, title: &str, time: &str) -> String {
    app.apply(Action::Meetings);
    app.apply(Action::NewAgreement);
    super::retype(app, "2026-11-25");
    tab(app, 1);
    super::retype(app, time);
    tab(app, 1);
    type_text(app, title);
    tab(app, 1);
    // The meetings' own prompt names a room "Venue, Room".
    let offered = "‹ Quayside Centre — Garden Room ›";
    for _ in 0..100 {
        if screen(app, 100, 30).contains(offered) {
            break;
        }
        app.handle_key(key(KeyCode::Right));
    }
    assert!(screen(app, 100, 30).contains(offered), "the room is offered");
    tab(app, 2);
    type_text(app, "ada okafor");
    super::save(app);
    let (text, is_error) = status(app);
    assert!(!is_error && text.contains("Meeting recorded."), "{text}");
    app.apply(Action::Meetings); // back to the arrangements
    text
}

/// A conference on Wednesday at 10:00 in the room with Ada Okafor and Ben
/// Hale, then the Partnership board recorded at 11:00 in the same room with
/// Ada: the app, the conference's case reference and what recording said.
fn conference_then_board() -> (App, String, String) {
    let mut app = agreements_app();
    with_room_and_facilitators(&mut app);
    let conference = arrange_in_room(&mut app, "10:00", "Ada Okafor, Ben Hale");
    let reference = app.store.processes_of_case(conference).unwrap()[0].case_ref.clone();
    let said = record_meeting_in_room(&mut app, "Partnership board", "11:00");
    (app, reference, said)
}

#[test]
fn a_meeting_of_no_case_shows_in_the_week_with_its_clashes_and_enter_opens_it() {
    let (mut app, reference, _) = conference_then_board();

    app.handle_key(key(KeyCode::Char('d')));
    app.handle_key(key(KeyCode::Right));
    let week = screen(&mut app, 100, 30);
    let board = week.lines().find(|l| l.contains("Partnership board")).unwrap_or_else(|| panic!("{week}"));
    assert!(board.contains("11:00–12:00 Meeting") && board.contains("Ada Okafor"), "{board}");
    assert!(board.contains("⚠ 2 clashes"), "the room and Ada Okafor: {board}");
    let conference_line = week.lines().find(|l| l.contains(&reference)).unwrap_or_else(|| panic!("{week}"));
    assert!(conference_line.contains("⚠ 2 clashes"), "{conference_line}");

    select_next(&mut app, |line| line.contains("Partnership board"));
    let shown = screen(&mut app, 100, 30);
    assert!(shown.contains("Meeting: Partnership board · Wed 25 Nov 11:00–12:00 · concerns no case"), "{shown}");
    assert!(shown.contains("1 attending · Facilitators: Ada Okafor"), "{shown}");
    let told = format!("⚠ {ROOM} is booked for {reference} Wed 25 Nov 10:00–11:30; Ada Okafor fac");
    assert!(shown.contains(&told), "{shown}");
    insta::assert_snapshot!("week_meeting_100x30", shown);
    insta::assert_snapshot!("week_meeting_80x24", screen(&mut app, 80, 24));

    app.handle_key(key(KeyCode::Char('o')));
    let (text, is_error) = status(&app);
    assert!(is_error && text.contains("concerns no case"), "{text}");
    enter(&mut app);
    let opened = screen(&mut app, 100, 30);
    assert!(opened.contains("┌ Partnership board — Wed 25 Nov 2026 11:00"), "Enter opens the meeting: {opened}");
    assert!(opened.contains("Present: Ada Okafor") && opened.contains("Minutes"), "{opened}");
}

#[test]
fn a_meeting_of_no_case_and_a_conference_each_name_the_facilitator_they_share() {
    // Recorded after the conference: the board's note names the room and Ada, as the diary does.
    let (mut app, reference, said) = conference_then_board();
    let room = format!("{ROOM} is booked for {reference} Wed 25 Nov 10:00–11:30");
    let ada = format!("Ada Okafor facilitates {reference} Wed 25 Nov 10:00–11:30");
    assert_eq!(said, format!("Meeting recorded. Note: {room}; {ada}."));

    // A conference arranged after it, in another room, is warned of Ada at the board.
    arrange_on_wednesday(&mut app, "11:30", "Ada Okafor");
    enter(&mut app);
    let message = prompt_message(&app).expect("asked to confirm first");
    assert!(message.contains("Ada Okafor facilitates Partnership board Wed 25 Nov 11:00–12:00"), "{message}");
}

#[test]
fn a_meeting_opened_from_the_diary_goes_back_to_the_diary_by_m_or_esc() {
    let mut app = agreements_app();
    app.handle_key(key(KeyCode::Char('d')));
    select_next(&mut app, |line| line.contains("Team meeting"));
    for back in [KeyCode::Char('m'), KeyCode::Esc] {
        enter(&mut app);
        let opened = screen(&mut app, 100, 30);
        assert!(opened.contains("┌ Team meeting — "), "Enter opens the meeting: {opened}");
        app.handle_key(key(back));
        let shown = screen(&mut app, 100, 30);
        assert!(shown.contains("Diary — week of Mon 16 Nov 2026"), "{back:?} goes back to the diary: {shown}");
        assert!(selected_line(&mut app).contains("Team meeting"), "the meeting stays selected");
    }
    app.handle_key(key(KeyCode::Char('d'))); // the arrangements
    app.handle_key(key(KeyCode::Char('m')));
    enter(&mut app);
    app.handle_key(key(KeyCode::Char('m')));
    assert!(screen(&mut app, 100, 30).contains("Meetings and minutes —"), "opened from the list, m goes back to it");
}

#[test]
fn the_diary_detail_names_the_status_by_its_label() {
    let mut app = agreements_app();
    app.handle_key(key(KeyCode::Char('d')));
    select_next(&mut app, |line| line.contains("-2026-"));
    let shown = screen(&mut app, 100, 30);
    assert!(shown.contains(" · Planned") || shown.contains(" · Confirmed"), "{shown}");
    assert!(!shown.contains(" · planned") && !shown.contains(" · confirmed"), "{shown}");
}

/// Seen at 120×40: the facilitators cut while the clash flag's room sat
/// empty at the right; at 80×24 a meeting's count of attendees cut.
#[test]
fn the_week_gives_its_width_to_the_place_and_the_facilitators() {
    let mut app = agreements_app();
    app.handle_key(key(KeyCode::Char('d')));
    let wide = screen(&mut app, 120, 40);
    let line = |text: &str, needle: &str| -> String {
        text.lines().find(|l| l.contains(needle)).unwrap_or_else(|| panic!("{needle}: {text}")).to_string()
    };
    let joint = line(&wide, "MED-2026-0008");
    assert!(joint.contains(" Sarah Whitcombe; Ruth Acheson "), "the facilitators whole: {joint}");
    insta::assert_snapshot!("week_120x40", wide);
    let narrow = screen(&mut app, 80, 24);
    assert!(line(&narrow, "Team meeting").contains(" 2 attending "), "{narrow}");
}

#[test]
fn adding_a_facilitator_to_a_meeting_of_no_case_names_where_else_they_are_booked() {
    let (mut app, reference, _) = conference_then_board();
    app.apply(Action::Meetings);
    select(&mut app, "Partnership board");
    enter(&mut app);
    app.apply(Action::NewProcess);
    type_text(&mut app, "ben hale");
    enter(&mut app);
    let (text, is_error) = status(&app);
    let ben = format!("Ben Hale facilitates {reference} Wed 25 Nov 10:00–11:30.");
    assert!(!is_error && text.starts_with("Attendee added. Note: ") && text.ends_with(&ben), "{text}");
}
