//! Tests of the diary's clash check and week against a real store.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::params;

use super::diary::{Booked, Booking};
use crate::domain::diary::{Clash, Slot};
use crate::domain::directory::DirectoryKind;
use crate::domain::meetings::{PersonKind, Who};
use crate::domain::types::{ProcessKind, ProcessStatus, Service, Source};
use crate::store::model::{NewCase, NewProcess};
use crate::store::writes::{NewDirectoryEntry, NewMeeting, NewRoom};
use crate::store::Store;

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
}

fn at(d: u32, h: u32) -> NaiveDateTime {
    day(d).and_hms_opt(h, 0, 0).unwrap()
}

struct Desk {
    store: Store,
    room: i64,
    ann: i64,
    bob: i64,
}

fn desk() -> Desk {
    let mut store = Store::open_in_memory().unwrap();
    let (room, ann, bob) = store
        .write(|tx| {
            let venue = tx.add_to_directory(
                DirectoryKind::Venue,
                &NewDirectoryEntry { name: "Town Hall".into(), ..Default::default() },
            )?;
            let room = tx.add_room(venue, &NewRoom { name: "Room 1".into(), ..Default::default() })?;
            let person = |name: &str, vetting: Option<NaiveDate>| NewDirectoryEntry {
                name: name.into(),
                vetting_expires: vetting,
                ..Default::default()
            };
            let ann = tx.add_to_directory(DirectoryKind::Facilitator, &person("Ann Lee", Some(day(30))))?;
            let bob = tx.add_to_directory(DirectoryKind::Facilitator, &person("Bob Roy", Some(day(24))))?;
            Ok((room, ann, bob))
        })
        .unwrap();
    Desk { store, room, ann, bob }
}

fn meeting(desk: &mut Desk, start: NaiveDateTime, booking: &Booking) -> i64 {
    desk.store
        .write(|tx| {
            let case = tx.create_case(&NewCase::new(Service::RestorativeJustice, Source::Police, day(2)))?;
            tx.conn().execute("UPDATE case_file SET status = 'preparation' WHERE id = ?1", params![case.id])?;
            let id = tx.add_process(
                case.id,
                &NewProcess {
                    kind: ProcessKind::FaceToFaceConference,
                    scheduled_for: Some(start),
                    venue: None,
                    room_booked: true,
                    refreshments: None,
                    facilitators: "Ann Lee; Bob Roy".into(),
                    participants: "both".into(),
                    status: ProcessStatus::Planned,
                },
            )?;
            tx.book_process(id, booking)?;
            Ok(id)
        })
        .unwrap()
}

#[test]
fn a_room_or_facilitator_booked_twice_at_overlapping_times_clashes() {
    let mut desk = desk();
    let booking = Booking { minutes: 120, room_id: Some(desk.room), facilitator_ids: vec![desk.ann] };
    let first = meeting(&mut desk, at(23, 10), &booking);
    // Same room at 11:00 for an hour: the room and Ann clash.
    let slot = Slot { start: at(23, 11), minutes: 60 };
    let clashes = desk.store.clashes(slot, &booking, None).unwrap();
    let first_slot = Slot { start: at(23, 10), minutes: 120 };
    let case_ref = desk.store.process_row(first).unwrap().unwrap().case_ref;
    assert_eq!(
        clashes,
        vec![
            Clash::Room { room: "Town Hall — Room 1".into(), case_ref: case_ref.clone(), at: first_slot },
            Clash::Facilitator { name: "Ann Lee".into(), case_ref, at: first_slot },
        ]
    );
    // Back to back at 12:00, or the meeting itself being changed: no clash.
    assert!(desk.store.clashes(Slot { start: at(23, 12), minutes: 60 }, &booking, None).unwrap().is_empty());
    assert!(desk.store.clashes(slot, &booking, Some(first)).unwrap().is_empty());
    // Another room with Bob: nothing shared.
    let other = Booking { minutes: 60, room_id: None, facilitator_ids: vec![desk.bob] };
    assert!(desk.store.clashes(slot, &other, None).unwrap().is_empty());
}

#[test]
fn vetting_run_out_by_the_meeting_day_is_a_clash() {
    let desk = desk();
    let booking = Booking { minutes: 60, room_id: None, facilitator_ids: vec![desk.bob] };
    let before = desk.store.clashes(Slot { start: at(23, 10), minutes: 60 }, &booking, None).unwrap();
    assert!(before.is_empty(), "{before:?}");
    let on = desk.store.clashes(Slot { start: at(24, 10), minutes: 60 }, &booking, None).unwrap();
    assert_eq!(on, vec![Clash::VettingExpired { name: "Bob Roy".into(), expires: day(24) }]);
}

#[test]
fn the_week_lists_its_meetings_with_their_clashes() {
    let mut desk = desk();
    let booking = Booking { minutes: 120, room_id: Some(desk.room), facilitator_ids: vec![desk.ann] };
    let a = meeting(&mut desk, at(23, 10), &booking);
    let b = meeting(&mut desk, at(23, 11), &Booking { facilitator_ids: vec![], ..booking.clone() });
    let c = meeting(&mut desk, at(27, 10), &booking);
    meeting(&mut desk, at(30, 10), &booking);
    let week = desk.store.diary_week(day(23)).unwrap();
    let ids: Vec<i64> = week.iter().filter_map(|r| r.process_id()).collect();
    assert_eq!(ids, vec![a, b, c], "Monday to Sunday only");
    assert_eq!(week[0].room.as_deref(), Some("Town Hall — Room 1"));
    assert_eq!(week[0].booked.iter().map(|f| f.name.as_str()).collect::<Vec<_>>(), ["Ann Lee"]);
    assert!(matches!(week[0].clashes.as_slice(), [Clash::Room { .. }]));
    assert!(matches!(week[1].clashes.as_slice(), [Clash::Room { .. }]));
    assert!(week[2].clashes.is_empty());
}

#[test]
fn booking_again_links_and_unlinks_facilitators_and_undo_puts_them_back() {
    let mut desk = desk();
    let booking = Booking { minutes: 90, room_id: Some(desk.room), facilitator_ids: vec![desk.ann] };
    let id = meeting(&mut desk, at(23, 10), &booking);
    assert_eq!(desk.store.booking_of(id).unwrap(), booking);
    let changed = Booking { minutes: 45, room_id: None, facilitator_ids: vec![desk.bob] };
    desk.store.write(|tx| tx.book_process(id, &changed)).unwrap();
    assert_eq!(desk.store.booking_of(id).unwrap(), changed);
    desk.store.undo_last().unwrap();
    assert_eq!(desk.store.booking_of(id).unwrap(), booking);
    let refused = desk.store.write(|tx| tx.book_process(id, &Booking { minutes: 0, ..booking.clone() }));
    assert!(refused.is_err());
}

#[test]
fn the_clash_check_reads_its_indexes() {
    for (sql, index) in [
        (super::diary::ROOM_CLASHES, "rj_process_room_time"),
        (super::diary::FACILITATOR_CLASHES, "process_facilitator_by_facilitator"),
    ] {
        let plan = clash_plan(sql);
        assert!(
            plan.contains(&format!("USING COVERING INDEX {index}")) || plan.contains(&format!("USING INDEX {index}")),
            "{plan}"
        );
        assert!(!plan.contains("SCAN p") && !plan.contains("SCAN f"), "{plan}");
    }
}

/// A meeting of no case (the Meetings list) in the room or not, with Ann
/// attending as the directory's facilitator when `with_ann`.
fn panel(desk: &mut Desk, title: &str, start: NaiveDateTime, room: Option<i64>, with_ann: bool) -> i64 {
    let ann = [(desk.ann, "Ann Lee")];
    panel_with(desk, title, start, room, if with_ann { &ann } else { &[] })
}

/// A meeting of no case with these of the directory's facilitators attending.
fn panel_with(desk: &mut Desk, title: &str, start: NaiveDateTime, room: Option<i64>, with: &[(i64, &str)]) -> i64 {
    desk.store
        .write(|tx| {
            let mut attendees = vec![Who::typed("Sam Okoro", Some("chair"))];
            attendees.extend(with.iter().map(|(id, name)| Who {
                kind: PersonKind::Facilitator,
                directory_id: Some(*id),
                name: (*name).into(),
                role: None,
            }));
            tx.record_meeting(&NewMeeting {
                held_at: start,
                title: title.into(),
                place: None,
                room_id: room,
                agenda: None,
                attendees,
            })
        })
        .unwrap()
}

#[test]
fn meetings_of_no_case_join_the_week_by_time_and_clash_like_a_case_meeting() {
    let mut desk = desk();
    let room = Some(desk.room);
    let booking = Booking { minutes: 120, room_id: room, facilitator_ids: vec![desk.ann] };
    let conference = meeting(&mut desk, at(23, 10), &booking);
    let board = panel(&mut desk, "Partnership board", at(23, 11), room, true);
    let briefing = panel(&mut desk, "Team briefing", at(23, 12), room, false);
    panel(&mut desk, "Next week's panel", at(30, 11), room, true);
    let week = desk.store.diary_week(day(23)).unwrap();
    let which: Vec<(Option<i64>, Option<i64>)> = week.iter().map(|r| (r.process_id(), r.meeting_id())).collect();
    assert_eq!(which, vec![(Some(conference), None), (None, Some(board)), (None, Some(briefing))]);
    assert!(matches!(&week[1].what, Booked::Meeting { title, attendees: 2, .. } if title == "Partnership board"));
    assert_eq!(week[1].room.as_deref(), Some("Town Hall — Room 1"));
    let (room, case_ref) = ("Town Hall — Room 1".to_string(), week[0].label().to_string());
    let board_at = Slot { start: at(23, 11), minutes: 60 };
    assert_eq!(
        week[0].clashes,
        vec![
            Clash::Room { room: room.clone(), case_ref: "Partnership board".into(), at: board_at },
            Clash::Facilitator { name: "Ann Lee".into(), case_ref: "Partnership board".into(), at: board_at },
        ]
    );
    let conference_at = Slot { start: at(23, 10), minutes: 120 };
    assert_eq!(
        week[1].clashes,
        vec![
            Clash::Room { room, case_ref: case_ref.clone(), at: conference_at },
            Clash::Facilitator { name: "Ann Lee".into(), case_ref, at: conference_at },
        ]
    );
    assert!(week[2].clashes.is_empty(), "12:00 is back to back with both: {:?}", week[2].clashes);
}

#[test]
fn the_week_reads_its_indexes_whole() {
    let desk = desk();
    let bind = |sql: &str| sql.replace("?1", "'2026-11-23'").replace("?2", "'2026-11-30'");
    let plan = desk.store.query_plan(&bind(super::diary::WEEK_PROCESSES)).unwrap().join("\n");
    // Every column the week shows is in the index: no visit to the table per meeting.
    assert!(plan.contains("USING COVERING INDEX rj_process_diary"), "{plan}");
    let plan = desk.store.query_plan(&bind(super::diary::WEEK_PROCESS_FACILITATORS)).unwrap().join("\n");
    assert!(plan.contains("INDEX rj_process_diary") && !plan.contains("SCAN pf"), "{plan}");
    for sql in [super::diary::WEEK_MEETINGS, super::diary::WEEK_MEETING_FACILITATORS] {
        let plan = desk.store.query_plan(&bind(sql)).unwrap().join("\n");
        assert!(plan.contains("INDEX meeting_held") && !plan.contains("SCAN a"), "{plan}");
    }
}

#[test]
fn saving_a_meeting_of_no_case_checks_its_room_from_an_index() {
    let plan = clash_plan(super::meetings::MEETING_ROOM_CLASHES);
    assert!(plan.contains("INDEX meeting_room_time (room_id=? AND held_at>? AND held_at<?)"), "{plan}");
    assert!(!plan.contains("SCAN"), "{plan}");
}

#[test]
fn booking_a_conference_sees_a_meeting_of_no_case_in_its_room_and_a_meeting_sees_the_conference() {
    let mut desk = desk();
    let room = Some(desk.room);
    let board = panel(&mut desk, "Partnership board", at(23, 11), room, false);
    let booking = Booking { minutes: 120, room_id: room, facilitator_ids: vec![] };
    let found = desk.store.clashes(Slot { start: at(23, 10), minutes: 120 }, &booking, None).unwrap();
    let board_at = Slot { start: at(23, 11), minutes: 60 };
    let room_words = "Town Hall — Room 1".to_string();
    assert_eq!(
        found,
        vec![Clash::Room { room: room_words.clone(), case_ref: "Partnership board".into(), at: board_at }]
    );

    let conference = meeting(&mut desk, at(23, 10), &booking);
    let case_ref = desk.store.diary_week(day(23)).unwrap()[0].label().to_string();
    let seen = desk.store.meeting_room_clashes(desk.room, board_at, board).unwrap();
    let conference_at = Slot { start: at(23, 10), minutes: 120 };
    assert_eq!(seen, vec![Clash::Room { room: room_words, case_ref, at: conference_at }], "and not itself");
    assert!(desk.store.clashes(conference_at, &booking, Some(conference)).unwrap().len() == 1, "the board only");
}

#[test]
fn saving_a_meeting_of_no_case_finds_its_facilitators_booked_elsewhere_and_their_vetting() {
    let mut desk = desk();
    let booking = Booking { minutes: 120, room_id: None, facilitator_ids: vec![desk.ann] };
    let conference = meeting(&mut desk, at(23, 10), &booking);
    let case_ref = desk.store.process_row(conference).unwrap().unwrap().case_ref;
    let board = panel(&mut desk, "Partnership board", at(23, 11), None, true);
    let conference_at = Slot { start: at(23, 10), minutes: 120 };
    let ann_runs = Clash::Facilitator { name: "Ann Lee".into(), case_ref, at: conference_at };
    assert_eq!(desk.store.meeting_clashes(board).unwrap(), vec![ann_runs.clone()], "the conference, not itself");

    // Another meeting of no case Ann attends at 11:30: each names the other.
    let panel_b = panel(&mut desk, "Youth panel", day(23).and_hms_opt(11, 30, 0).unwrap(), None, true);
    let panel_at = Slot { start: day(23).and_hms_opt(11, 30, 0).unwrap(), minutes: 60 };
    let board_at = Slot { start: at(23, 11), minutes: 60 };
    let in_panel = Clash::Facilitator { name: "Ann Lee".into(), case_ref: "Youth panel".into(), at: panel_at };
    assert_eq!(desk.store.meeting_clashes(board).unwrap(), vec![ann_runs, in_panel]);
    let in_board = Clash::Facilitator { name: "Ann Lee".into(), case_ref: "Partnership board".into(), at: board_at };
    assert!(desk.store.meeting_clashes(panel_b).unwrap().contains(&in_board));

    // Back to back at 12:00 is no clash; a typed attendee is never checked.
    assert!(panel(&mut desk, "Lunch", at(23, 12), None, false) > 0);
    let bob = [(desk.bob, "Bob Roy")];
    let on_tuesday = panel_with(&mut desk, "Vetting day", at(24, 10), None, &bob);
    assert_eq!(
        desk.store.meeting_clashes(on_tuesday).unwrap(),
        vec![Clash::VettingExpired { name: "Bob Roy".into(), expires: day(24) }],
        "Bob's vetting runs out on the day"
    );
    let on_monday = panel_with(&mut desk, "Before it runs out", at(23, 14), None, &bob);
    assert!(desk.store.meeting_clashes(on_monday).unwrap().is_empty());
}

#[test]
fn booking_a_conference_finds_its_facilitator_at_a_meeting_of_no_case() {
    let mut desk = desk();
    panel(&mut desk, "Partnership board", at(23, 11), None, true);
    let booking = Booking { minutes: 120, room_id: None, facilitator_ids: vec![desk.ann] };
    let found = desk.store.clashes(Slot { start: at(23, 10), minutes: 120 }, &booking, None).unwrap();
    let board_at = Slot { start: at(23, 11), minutes: 60 };
    assert_eq!(
        found,
        vec![Clash::Facilitator { name: "Ann Lee".into(), case_ref: "Partnership board".into(), at: board_at }]
    );
    // Bob attends nothing; Ann's meeting ends at 12:00, before a 12:00 start.
    let bob = Booking { facilitator_ids: vec![desk.bob], ..booking.clone() };
    assert!(desk.store.clashes(Slot { start: at(23, 10), minutes: 120 }, &bob, None).unwrap().is_empty());
    assert!(desk.store.clashes(Slot { start: at(23, 12), minutes: 60 }, &booking, None).unwrap().is_empty());
}

#[test]
fn a_facilitators_meetings_of_no_case_are_read_from_their_index() {
    let plan = clash_plan(super::meetings::MEETING_FACILITATOR_CLASHES);
    assert!(plan.contains("INDEX meeting_attendee_person (kind=? AND directory_id=?)"), "{plan}");
    assert!(!plan.contains("SCAN a") && !plan.contains("SCAN m"), "{plan}");
}

/// The plan of a clash check's statement, for room or facilitator 1 and a
/// meeting ending at noon on Monday 23 November.
fn clash_plan(sql: &str) -> String {
    let sql = sql.replace("?1", "1").replace("?2", "'2026-11-22T10:00'").replace("?3", "'2026-11-23T12:00'");
    desk().store.query_plan(&sql.replace("?4", "0")).unwrap().join("\n")
}
