//! Issue 14 §6 in the store: a meeting recorded with its attendees (picked
//! from the directory or typed), its minutes, its actions; an open action on
//! Today until it is done. Every change audited, sealed and undone whole.

use super::*;
use casedesk::domain::directory::DirectoryKind;
use casedesk::domain::meetings::{PersonKind, Who};
use casedesk::domain::triage::{ItemKind, TodaySection};
use casedesk::store::{NewDirectoryEntry, NewMeeting, NewMeetingAction};

/// A coordinator in the directory and a meeting on Monday 16 November
/// attended by them and by someone typed in: (meeting, coordinator).
fn panel(db: &mut FileDb) -> (i64, i64) {
    let entry = NewDirectoryEntry { name: "Priya Shah".into(), ..Default::default() };
    let coordinator = db.setup(|tx| tx.add_to_directory(DirectoryKind::Coordinator, &entry));
    db.setup(|tx| {
        let meeting = tx.record_meeting(&NewMeeting {
            held_at: at("2026-11-16 10:00"),
            title: "Youth panel".into(),
            place: Some("Northgate station, room 2".into()),
            room_id: None,
            agenda: Some("1. Referrals\n2. Any other business".into()),
            attendees: vec![
                Who { kind: PersonKind::Coordinator, directory_id: Some(coordinator), name: String::new(), role: None },
                Who::typed("Sam Patel", Some("Victim Support")),
            ],
        })?;
        Ok((meeting, coordinator))
    })
}

fn action(meeting_id: i64, due: &str, owner: Who) -> NewMeetingAction {
    NewMeetingAction {
        meeting_id,
        what: "Send the panel's dates to schools".into(),
        owner,
        due_on: d(due),
        case_id: None,
    }
}

#[test]
fn a_meeting_keeps_its_attendees_by_their_directory_names_and_is_undone_whole() {
    let mut db = FileDb::new();
    let (meeting, _) = panel(&mut db);
    let read = db.store.meeting(meeting).unwrap().expect("recorded");
    let named: Vec<String> = read.attendees.iter().map(Who::described).collect();
    assert_eq!(named, ["Priya Shah", "Sam Patel (Victim Support)"]);
    assert_eq!(read.agenda.as_deref(), Some("1. Referrals\n2. Any other business"));
    let listed = db.store.meetings().unwrap();
    assert_eq!((listed.len(), listed[0].attendees, listed[0].minuted), (1, 2, false));

    let before = max_audit_id(&db.raw());
    db.setup(|tx| tx.write_minutes(meeting, "Agreed:\n- dates to schools\n"));
    let rows = audit_rows_after(&db.raw(), before);
    assert_eq!(shape(&rows), [("alter".to_string(), "meeting".to_string(), meeting.to_string(), None)]);
    assert_eq!(db.store.meeting(meeting).unwrap().unwrap().minutes.as_deref(), Some("Agreed:\n- dates to schools"));

    let words = db.store.undo_last().unwrap().expect("the minutes to undo");
    assert!(words.contains("a meeting"), "{words}");
    assert_eq!(db.store.meeting(meeting).unwrap().unwrap().minutes, None);
    let words = db.store.undo_last().unwrap().expect("the meeting to undo");
    assert!(words.contains("a meeting"), "{words}");
    assert_eq!((db.count("meeting"), db.count("meeting_attendee")), (0, 0));
}

#[test]
fn an_open_action_is_on_today_until_it_is_done() {
    let mut db = FileDb::new();
    let rules = db.store.rules().unwrap();
    let (meeting, coordinator) = panel(&mut db);
    let owner = Who { kind: PersonKind::Coordinator, directory_id: Some(coordinator), name: String::new(), role: None };
    let id = db.setup(|tx| tx.add_meeting_action(&action(meeting, "2026-11-19", owner)));
    let listed: Vec<_> = db.today_items(&rules).into_iter().filter(|i| i.kind == ItemKind::MeetingAction).collect();
    assert_eq!(listed.len(), 1);
    let item = &listed[0];
    assert_eq!((item.section, item.entity_id, item.case_id, item.late), (TodaySection::Overdue, id, 0, true));
    assert_eq!(item.title, "Meeting action: Send the panel's dates to schools [Priya Shah]");
    assert_eq!(item.reference(), "Meeting");

    let done_too_soon = db.store.write(|tx| tx.mark_action_done(id, d("2026-11-15")));
    assert!(err_text(done_too_soon).contains("before the meeting"));
    db.setup(|tx| tx.mark_action_done(id, d("2026-11-20")));
    assert!(db.today_items(&rules).iter().all(|i| i.kind != ItemKind::MeetingAction));
    let again = db.store.write(|tx| tx.mark_action_done(id, d("2026-11-20")));
    assert!(err_text(again).contains("done already"));
    db.store.undo_last().unwrap().expect("the action's done to undo");
    assert_eq!(db.today_items(&rules).iter().filter(|i| i.kind == ItemKind::MeetingAction).count(), 1);
}

#[test]
fn an_action_is_due_no_earlier_than_its_meeting_and_names_someone() {
    let mut db = FileDb::new();
    let (meeting, _) = panel(&mut db);
    let early = db.store.write(|tx| tx.add_meeting_action(&action(meeting, "2026-11-13", Who::typed("Ana", None))));
    assert!(err_text(early).contains("before the meeting"));
    let nobody = db.store.write(|tx| tx.add_meeting_action(&action(meeting, "2026-11-20", Who::typed(" ", None))));
    assert!(err_text(nobody).contains("owner's name"));
    let unpicked = Who { kind: PersonKind::Provider, directory_id: None, name: "Someone".into(), role: None };
    let unpicked = db.store.write(|tx| tx.add_meeting_action(&action(meeting, "2026-11-20", unpicked)));
    assert!(err_text(unpicked).contains("from the directory"));
    let gone = Who { kind: PersonKind::Agency, directory_id: Some(99), name: String::new(), role: None };
    let gone = db.store.write(|tx| tx.add_attendee(meeting, &gone));
    assert!(matches!(gone, Err(StoreError::NotFound(_))), "{gone:?}");
    let untitled = db.store.write(|tx| {
        tx.record_meeting(&NewMeeting {
            held_at: at("2026-11-16 10:00"),
            title: "  ".into(),
            place: None,
            room_id: None,
            agenda: None,
            attendees: vec![],
        })
    });
    assert!(err_text(untitled).contains("needs a title"));
}

#[test]
fn meetings_and_their_actions_are_sealed_so_check_finds_a_change_behind_the_log() {
    let mut db = FileDb::new();
    let (meeting, _) = panel(&mut db);
    let id = db.setup(|tx| tx.add_meeting_action(&action(meeting, "2026-11-20", Who::typed("Ana", None))));
    let report = db.store.check().unwrap();
    assert!(report.is_ok(), "{}", report.lines().join("\n"));
    db.raw().execute("UPDATE meeting_action SET done_on = '2026-11-20' WHERE id = ?1", params![id]).unwrap();
    db.raw().execute("UPDATE meeting SET minutes = 'rewritten' WHERE id = ?1", params![meeting]).unwrap();
    let lines = db.store.check().unwrap().lines().join("\n");
    assert!(lines.contains(&format!("meeting action record {id} was changed without an audit row")), "{lines}");
    assert!(lines.contains(&format!("meeting record {meeting} was changed without an audit row")), "{lines}");
}

#[test]
fn an_action_about_a_case_is_erased_with_it_and_the_minutes_are_kept() {
    let mut db = FileDb::new();
    let rules = db.store.rules().unwrap();
    let case = db.setup(|tx| closed_resolution(tx, "2018-01-08", "2018-03-01", &rules)).id;
    let meeting = db.setup(|tx| {
        tx.record_meeting(&NewMeeting {
            held_at: at("2018-02-05 10:00"),
            title: "Scrutiny panel".into(),
            place: None,
            room_id: None,
            agenda: None,
            attendees: vec![Who::typed("Ana Lewis", None)],
        })
    });
    db.setup(|tx| tx.write_minutes(meeting, "One case reviewed."));
    let mut about_case = action(meeting, "2018-02-20", Who::typed("Ana Lewis", None));
    about_case.what = "Tell Bob Stone's officer the panel's view".into();
    about_case.case_id = Some(case);
    let id = db.setup(|tx| tx.add_meeting_action(&about_case));
    db.setup(|tx| tx.review_erase(case, "six years since it closed", d("2026-11-20")));
    let what: String =
        db.raw().query_row("SELECT what FROM meeting_action WHERE id = ?1", params![id], |r| r.get(0)).unwrap();
    assert_eq!(what, "erased");
    let kept = db.store.meeting(meeting).unwrap().unwrap();
    assert_eq!(kept.minutes.as_deref(), Some("One case reviewed."));
}

#[test]
fn a_second_meeting_in_the_same_room_at_an_overlapping_time_is_found_as_a_clash() {
    use casedesk::domain::diary::Clash;
    use casedesk::store::NewRoom;
    let mut db = FileDb::new();
    let venue = NewDirectoryEntry { name: "Northgate station".into(), ..Default::default() };
    let room = db.setup(|tx| {
        let venue = tx.add_to_directory(DirectoryKind::Venue, &venue)?;
        let room = NewRoom { name: "Room 2".into(), capacity: Some(12), accessibility: None, refreshments: false };
        tx.add_room(venue, &room)
    });
    let in_room = |title: &str, when: &str| NewMeeting {
        held_at: at(when),
        title: title.into(),
        place: None,
        room_id: Some(room),
        agenda: None,
        attendees: vec![],
    };
    let first = db.setup(|tx| tx.record_meeting(&in_room("Youth panel", "2026-11-23 10:00")));
    assert_eq!(db.store.meeting(first).unwrap().unwrap().place.as_deref(), Some("Northgate station — Room 2"));
    // An hour long by default: one at 11:00 follows it, one at 10:30 clashes.
    let after = db.setup(|tx| tx.record_meeting(&in_room("Team meeting", "2026-11-23 11:00")));
    let (slot, booked) = db.store.meeting_slot(after).unwrap().unwrap();
    assert_eq!((slot.minutes, booked), (60, Some(room)));
    assert!(db.store.meeting_room_clashes(room, slot, after).unwrap().is_empty());
    let during = db.setup(|tx| tx.record_meeting(&in_room("Case panel", "2026-11-23 10:30")));
    let (slot, _) = db.store.meeting_slot(during).unwrap().unwrap();
    let clashes = db.store.meeting_room_clashes(room, slot, during).unwrap();
    let names: Vec<&str> = clashes
        .iter()
        .filter_map(|c| match c {
            Clash::Room { case_ref, .. } => Some(case_ref.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(names, ["Youth panel", "Team meeting"]);
}
