//! Recording meetings, their minutes and their actions (issue 14 §6), each
//! change audited and sealed, so undo takes back whatever one action wrote.
//! A meeting concerns the service, not a case: only an action that names a
//! case is audited against it.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{params, OptionalExtension};

use super::{date, int, opt_int, opt_text, text, Cols, Tx};
use crate::domain::meetings::{check_action_done, check_action_due, PersonKind, Who};
use crate::store::limits::{check_lengths, TextKind::*};
use crate::store::{StoreError, StoreResult};

/// A meeting as recorded: when, what, where, who came and what was to be
/// discussed. The minutes and actions follow once it has been held.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMeeting {
    pub held_at: NaiveDateTime,
    pub title: String,
    /// Where, as typed, when it is no room of the directory.
    pub place: Option<String>,
    /// A room of the directory's venues.
    pub room_id: Option<i64>,
    pub agenda: Option<String>,
    pub attendees: Vec<Who>,
}

/// An action agreed at a meeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMeetingAction {
    pub meeting_id: i64,
    pub what: String,
    pub owner: Who,
    pub due_on: NaiveDate,
    pub case_id: Option<i64>,
}

impl Tx<'_> {
    /// Record a meeting with its attendees.
    pub fn record_meeting(&mut self, m: &NewMeeting) -> StoreResult<i64> {
        check_lengths(&[
            ("meeting title", Short, Some(&m.title)),
            ("meeting place", Short, m.place.as_deref()),
            ("agenda", Minutes, m.agenda.as_deref()),
        ])?;
        if m.title.trim().is_empty() {
            return Err(StoreError::Invalid("a meeting needs a title: say what the meeting is".into()));
        }
        let place = match m.room_id {
            Some(room) => Some(self.room_words(room)?),
            None => m.place.clone(),
        };
        let day = date(self.day);
        let cols = vec![
            ("held_at", text(m.held_at.format("%Y-%m-%dT%H:%M").to_string())),
            ("title", text(m.title.trim())),
            ("place", opt_text(&place)),
            ("room_id", opt_int(m.room_id)),
            ("agenda", opt_text(&m.agenda)),
            ("created_on", day.clone()),
            ("updated_on", day),
        ];
        let id = self.insert("meeting", None, cols)?;
        for who in &m.attendees {
            self.add_attendee(id, who)?;
        }
        Ok(id)
    }

    /// Add one attendee to a meeting.
    pub fn add_attendee(&mut self, meeting_id: i64, who: &Who) -> StoreResult<i64> {
        self.meeting_day(meeting_id)?;
        check_lengths(&[("attendee's role", Short, who.role.as_deref())])?;
        let name = self.checked_who(who, "attendee")?;
        let cols = vec![
            ("meeting_id", int(meeting_id)),
            ("kind", text(who.kind.as_str())),
            ("directory_id", opt_int(who.directory_id)),
            ("name", text(name)),
            ("role", opt_text(&who.role)),
        ];
        self.insert("meeting_attendee", None, cols)
    }

    /// Write a meeting's minutes (several lines, kept as typed).
    pub fn write_minutes(&mut self, meeting_id: i64, minutes: &str) -> StoreResult<()> {
        check_lengths(&[("minutes", Minutes, Some(minutes))])?;
        self.meeting_day(meeting_id)?;
        let minutes = minutes.trim_end();
        let value = if minutes.trim().is_empty() { rusqlite::types::Value::Null } else { text(minutes) };
        self.update("meeting", meeting_id, None, vec![("minutes", value), ("updated_on", date(self.day))])
    }

    /// Add an action agreed at a meeting.
    pub fn add_meeting_action(&mut self, a: &NewMeetingAction) -> StoreResult<i64> {
        check_lengths(&[("action", Long, Some(&a.what))])?;
        if a.what.trim().is_empty() {
            return Err(StoreError::Invalid("say what the action is".into()));
        }
        let held_on = self.meeting_day(a.meeting_id)?;
        check_action_due(held_on, a.due_on).map_err(StoreError::Invalid)?;
        if let Some(case_id) = a.case_id {
            self.case_status(case_id)?;
        }
        let owner = self.checked_who(&a.owner, "action's owner")?;
        let cols: Cols = vec![
            ("meeting_id", int(a.meeting_id)),
            ("what", text(a.what.trim())),
            ("owner_kind", text(a.owner.kind.as_str())),
            ("owner_id", opt_int(a.owner.directory_id)),
            ("owner", text(owner)),
            ("due_on", date(a.due_on)),
            ("case_id", opt_int(a.case_id)),
        ];
        self.insert("meeting_action", a.case_id, cols)
    }

    /// Mark an action done on `on`.
    pub fn mark_action_done(&mut self, action_id: i64, on: NaiveDate) -> StoreResult<()> {
        let row: Option<(i64, Option<String>, Option<i64>)> = self
            .conn()
            .query_row(
                "SELECT meeting_id, done_on, case_id FROM meeting_action WHERE id = ?1",
                params![action_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let (meeting_id, done, case_id) = row.ok_or_else(|| StoreError::NotFound(format!("action {action_id}")))?;
        if done.is_some() {
            return Err(StoreError::Invalid("this action is done already".into()));
        }
        check_action_done(self.meeting_day(meeting_id)?, on).map_err(StoreError::Invalid)?;
        self.update("meeting_action", action_id, case_id, vec![("done_on", date(on))])
    }

    /// The day a meeting is held on, or not found.
    fn meeting_day(&self, meeting_id: i64) -> StoreResult<NaiveDate> {
        let held: Option<String> = self
            .conn()
            .query_row("SELECT held_at FROM meeting WHERE id = ?1", params![meeting_id], |r| r.get(0))
            .optional()?;
        let held = held.ok_or_else(|| StoreError::NotFound(format!("meeting {meeting_id}")))?;
        Ok(crate::store::reads::parse_day(&held))
    }

    /// The name to keep for a person picked or typed: a directory entry's
    /// own name (it must exist), or the name typed.
    fn checked_who(&self, who: &Who, what: &str) -> StoreResult<String> {
        check_lengths(&[("name", Name, Some(&who.name))])?;
        let table = match who.kind {
            PersonKind::Typed => {
                return match who.name.trim() {
                    "" => Err(StoreError::Invalid(format!("give the {what}'s name"))),
                    name => Ok(name.to_string()),
                }
            }
            PersonKind::Coordinator => "coordinator",
            PersonKind::Facilitator => "facilitator",
            PersonKind::Provider => "provider",
            PersonKind::Agency => "agency",
        };
        let id = who.directory_id.ok_or_else(|| StoreError::Invalid(format!("pick the {what} from the directory")))?;
        let name: Option<String> = self
            .conn()
            .query_row(&format!("SELECT name FROM {table} WHERE id = ?1"), params![id], |r| r.get(0))
            .optional()?;
        name.ok_or_else(|| StoreError::NotFound(format!("{} {id}", who.kind.label().to_lowercase())))
    }

    /// "Venue — Room" for a room of the directory, as the diary names it.
    fn room_words(&self, room_id: i64) -> StoreResult<String> {
        self.conn()
            .query_row(
                "SELECT v.name || ' — ' || r.name FROM venue_room r JOIN venue v ON v.id = r.venue_id WHERE r.id = ?1",
                params![room_id],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("room {room_id}")))
    }
}
