//! `casedesk minutes` (issue 14 §6): a meeting's minutes written as
//! Markdown and as a Word document (read back with the independent reader
//! above), headed by the service's profile, with its attendees, agenda,
//! minutes line by line and actions; the meetings listed with their
//! numbers; bad input refused with exit code 2.

use chrono::NaiveDateTime;

use crate::common;
use crate::common::cli::casedesk;
use casedesk::domain::meetings::Who;
use casedesk::store::{NewMeeting, NewMeetingAction, Store};

use super::{d, docx_paragraphs, docx_part};

/// A desk with one minuted meeting and two actions, one done: its id.
fn minuted(store: &mut Store) -> i64 {
    store
        .write(|tx| {
            casedesk::demo::fill_profiles(tx)?;
            let id = tx.record_meeting(&NewMeeting {
                held_at: NaiveDateTime::parse_from_str("2026-11-16 10:30", "%Y-%m-%d %H:%M").unwrap(),
                title: "Youth panel".into(),
                place: Some("Northgate station, room 2".into()),
                room_id: None,
                agenda: Some("1. Referrals\n2. Any other business".into()),
                attendees: vec![Who::typed("Sam Patel", Some("Victim Support")), Who::typed("Ana Lewis", None)],
            })?;
            tx.write_minutes(id, "Three referrals discussed.\nAll suitable.\n\nNo other business.")?;
            for (what, owner, due) in [("Book the hall", "Ana Lewis", 18), ("Write to *schools*", "Sam Patel", 27)] {
                tx.add_meeting_action(&NewMeetingAction {
                    meeting_id: id,
                    what: what.into(),
                    owner: Who::typed(owner, None),
                    due_on: d(2026, 11, due),
                    case_id: None,
                })?;
            }
            tx.mark_action_done(1, d(2026, 11, 17))?;
            Ok(id)
        })
        .unwrap()
}

fn minutes(db: &std::path::Path, args: &[&str]) -> assert_cmd::assert::Assert {
    casedesk().args(["--db", db.to_str().unwrap(), "--today", "2026-11-20", "minutes"]).args(args).assert()
}

#[test]
fn the_minutes_as_markdown_keep_every_line_and_the_actions_table() {
    let (dir, db, id) = common::desk_in_file(minuted);
    let out = dir.path().join("panel.md");
    let assert = minutes(&db, &["--meeting", &id.to_string(), "-o", out.to_str().unwrap()]).success();
    let said = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    assert!(said.starts_with("Wrote the minutes of \"Youth panel\" to "), "{said}");
    let text = std::fs::read_to_string(&out).unwrap();
    for expected in [
        "**Kelvington Out-of-Court Disposals Unit**",
        "# Minutes: Youth panel",
        "16 November 2026 at 10:30, Northgate station, room 2",
        "- Sam Patel (Victim Support)\n- Ana Lewis\n",
        "1\\. Referrals  \n2\\. Any other business",
        "Three referrals discussed.  \nAll suitable.\n\nNo other business.",
        "| Action | Owner | Due | Done |",
        "| Book the hall | Ana Lewis | 18 November 2026 | 17 November 2026 |",
        "| Write to \\*schools\\* | Sam Patel | 27 November 2026 | Not yet |",
    ] {
        assert!(text.contains(expected), "{expected:?} in:\n{text}");
    }
}

#[test]
fn the_minutes_as_a_word_document_read_back_with_the_actions_as_a_table() {
    let (dir, db, id) = common::desk_in_file(minuted);
    let out = dir.path().join("panel.docx");
    minutes(&db, &["--meeting", &id.to_string(), "-o", out.to_str().unwrap()]).success();
    let xml = docx_part(&out, "word/document.xml");
    let texts: Vec<String> = docx_paragraphs(&xml).into_iter().map(|(t, _)| t).collect();
    for expected in ["Minutes: Youth panel", "• Sam Patel (Victim Support)", "Action", "Write to *schools*", "Not yet"]
    {
        assert!(texts.iter().any(|t| t == expected), "{expected:?} in {texts:#?}");
    }
    assert!(xml.contains("<w:tbl>"), "the actions are a table");
    // The minutes keep their typed lines as lines.
    assert!(texts.iter().any(|t| t.starts_with("Three referrals discussed.")), "{texts:#?}");
}

#[test]
fn the_meetings_are_listed_with_their_numbers() {
    let (_dir, db, _) = common::desk_in_file(minuted);
    let assert = minutes(&db, &["--list"]).success();
    let said = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    assert!(said.contains("Number"), "{said}");
    let line = said.lines().find(|l| l.contains("Youth panel")).expect("the meeting is listed");
    assert!(line.trim_start().starts_with('1'), "{line}");
    assert!(line.contains("Written"), "{line}");
}

#[test]
fn an_unknown_meeting_or_a_wrong_extension_is_refused_with_exit_code_2() {
    let (dir, db, _) = common::desk_in_file(minuted);
    let out = dir.path().join("panel.md");
    let assert = minutes(&db, &["--meeting", "9", "-o", out.to_str().unwrap()]).code(2);
    let said = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(said.contains("no meeting has the number 9"), "{said}");
    assert!(!out.exists());
    let bad = dir.path().join("panel.pdf");
    let assert = minutes(&db, &["--meeting", "1", "-o", bad.to_str().unwrap()]).code(2);
    let said = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(said.contains("must end in .docx or .md"), "{said}");
    // The desk itself is never written over.
    minutes(&db, &["--meeting", "1", "-o", db.to_str().unwrap()]).code(2);
}
