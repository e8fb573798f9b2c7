//! Reads for meetings and minutes (issue 14 §6): the list of meetings,
//! newest first, and one meeting whole (attendees, agenda, minutes and
//! actions), as the Meetings view and `casedesk minutes` show them.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{params, OptionalExtension, Row};

use crate::domain::diary::{Clash, Slot};
use crate::domain::meetings::{PersonKind, Who};
use crate::store::reads::parse_day;
use crate::store::{Store, StoreResult};

/// One meeting as listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingRow {
    pub id: i64,
    pub held_at: NaiveDateTime,
    pub title: String,
    pub place: Option<String>,
    pub attendees: u32,
    /// Actions not yet done.
    pub open_actions: u32,
    pub minuted: bool,
}

/// A meeting whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meeting {
    pub id: i64,
    pub held_at: NaiveDateTime,
    pub title: String,
    pub place: Option<String>,
    pub agenda: Option<String>,
    pub minutes: Option<String>,
    pub attendees: Vec<Who>,
    pub actions: Vec<MeetingActionRow>,
}

/// An action agreed at a meeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingActionRow {
    pub id: i64,
    pub what: String,
    pub owner: String,
    pub due_on: NaiveDate,
    pub done_on: Option<NaiveDate>,
    pub case_ref: Option<String>,
}

impl Store {
    /// Every meeting, newest first.
    pub fn meetings(&self) -> StoreResult<Vec<MeetingRow>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT m.id, m.held_at, m.title, m.place, m.minutes IS NOT NULL AS minuted,
                    (SELECT COUNT(*) FROM meeting_attendee a WHERE a.meeting_id = m.id) AS attendees,
                    (SELECT COUNT(*) FROM meeting_action x WHERE x.meeting_id = m.id AND x.done_on IS NULL) AS open
               FROM meeting m INDEXED BY meeting_held ORDER BY m.held_at DESC, m.id DESC",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(MeetingRow {
                id: r.get("id")?,
                held_at: held_at(r)?,
                title: r.get("title")?,
                place: r.get("place")?,
                attendees: r.get("attendees")?,
                open_actions: r.get("open")?,
                minuted: r.get("minuted")?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// One meeting with its attendees and actions, or None.
    pub fn meeting(&self, id: i64) -> StoreResult<Option<Meeting>> {
        let found = self
            .conn()
            .query_row(
                "SELECT id, held_at, title, place, agenda, minutes FROM meeting WHERE id = ?1",
                params![id],
                |r| {
                    Ok(Meeting {
                        id: r.get("id")?,
                        held_at: held_at(r)?,
                        title: r.get("title")?,
                        place: r.get("place")?,
                        agenda: r.get("agenda")?,
                        minutes: r.get("minutes")?,
                        attendees: Vec::new(),
                        actions: Vec::new(),
                    })
                },
            )
            .optional()?;
        let Some(mut meeting) = found else { return Ok(None) };
        meeting.attendees = self.attendees(id)?;
        meeting.actions = self.meeting_actions(id)?;
        Ok(Some(meeting))
    }

    /// What else books a room of the directory at an overlapping time: an
    /// RJ conference or another meeting, each read from its room's index
    /// (the diary's own check). `except` is the meeting itself.
    pub fn meeting_room_clashes(&self, room_id: i64, slot: Slot, except: i64) -> StoreResult<Vec<Clash>> {
        self.room_clashes(room_id, slot, 0, except)
    }

    /// Each attendee of a meeting as the minutes name them, with the email
    /// the directory holds for those picked from it (the calendar file
    /// invites them).
    pub fn meeting_contacts(&self, id: i64) -> StoreResult<Vec<(Who, Option<String>)>> {
        let mut stmt = self.conn().prepare_cached(MEETING_CONTACTS)?;
        let rows = stmt.query_map(params![id], |r| Ok((who(r)?, r.get("email")?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The meeting an action was agreed at.
    pub fn meeting_of_action(&self, action_id: i64) -> StoreResult<Option<i64>> {
        let found = self
            .conn()
            .query_row("SELECT meeting_id FROM meeting_action WHERE id = ?1", params![action_id], |r| r.get(0))
            .optional()?;
        Ok(found)
    }

    /// How long a meeting lasts, and its room of the directory if any.
    pub fn meeting_slot(&self, id: i64) -> StoreResult<Option<(Slot, Option<i64>)>> {
        let row = self
            .conn()
            .query_row("SELECT held_at, duration_minutes, room_id FROM meeting WHERE id = ?1", params![id], |r| {
                Ok((Slot { start: held_at_at(r, 0)?, minutes: r.get(1)? }, r.get(2)?))
            })
            .optional()?;
        Ok(row)
    }

    fn attendees(&self, meeting_id: i64) -> StoreResult<Vec<Who>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT kind, directory_id, name, role FROM meeting_attendee WHERE meeting_id = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map(params![meeting_id], who)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn meeting_actions(&self, meeting_id: i64) -> StoreResult<Vec<MeetingActionRow>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT x.id, x.what, x.owner, x.due_on, x.done_on, c.ref
               FROM meeting_action x LEFT JOIN case_file c ON c.id = x.case_id
              WHERE x.meeting_id = ?1 ORDER BY x.id",
        )?;
        let rows = stmt.query_map(params![meeting_id], |r| {
            let done: Option<String> = r.get("done_on")?;
            Ok(MeetingActionRow {
                id: r.get("id")?,
                what: r.get("what")?,
                owner: r.get("owner")?,
                due_on: parse_day(&r.get::<_, String>("due_on")?),
                done_on: done.as_deref().map(parse_day),
                case_ref: r.get("ref")?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

/// Other meetings of no case in a room starting in a range (the index's own columns).
pub(crate) const MEETING_ROOM_CLASHES: &str =
    "SELECT title, held_at, duration_minutes FROM meeting INDEXED BY meeting_room_time
     WHERE room_id = ?1 AND held_at >= ?2 AND held_at < ?3 AND id <> ?4 ORDER BY held_at, id";

/// A meeting's attendees with the email of each one picked from the
/// directory, looked up in the table of their kind.
const MEETING_CONTACTS: &str = "SELECT a.kind, a.directory_id, a.name, a.role,
        CASE a.kind
            WHEN 'coordinator' THEN (SELECT email FROM coordinator WHERE id = a.directory_id)
            WHEN 'facilitator' THEN (SELECT email FROM facilitator WHERE id = a.directory_id)
            WHEN 'provider' THEN (SELECT email FROM provider WHERE id = a.directory_id)
            WHEN 'agency' THEN (SELECT email FROM agency WHERE id = a.directory_id)
        END AS email
   FROM meeting_attendee a WHERE a.meeting_id = ?1 ORDER BY a.id";

/// Other meetings of no case a facilitator of the directory attends,
/// starting in a range, from the index of each person's meetings (0041).
pub(crate) const MEETING_FACILITATOR_CLASHES: &str = "SELECT DISTINCT m.title, m.held_at, m.duration_minutes, m.id
     FROM meeting_attendee a INDEXED BY meeting_attendee_person JOIN meeting m ON m.id = a.meeting_id
     WHERE a.kind = 'facilitator' AND a.directory_id = ?1
       AND m.held_at >= ?2 AND m.held_at < ?3 AND a.meeting_id <> ?4
     ORDER BY m.held_at, m.id";

fn who(r: &Row<'_>) -> rusqlite::Result<Who> {
    let kind: String = r.get("kind")?;
    Ok(Who {
        kind: PersonKind::parse(&kind).unwrap_or(PersonKind::Typed),
        directory_id: r.get("directory_id")?,
        name: r.get("name")?,
        role: r.get("role")?,
    })
}

/// A meeting's stored time ("YYYY-MM-DDTHH:MM"); midnight if it has none.
fn held_at(r: &Row<'_>) -> rusqlite::Result<NaiveDateTime> {
    held_at_at(r, "held_at")
}

fn held_at_at<I: rusqlite::RowIndex>(r: &Row<'_>, column: I) -> rusqlite::Result<NaiveDateTime> {
    let text: String = r.get(column)?;
    let day = parse_day(&text);
    let time = text.get(11..16).and_then(|t| chrono::NaiveTime::parse_from_str(t, "%H:%M").ok()).unwrap_or_default();
    Ok(day.and_time(time))
}
