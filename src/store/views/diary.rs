//! The diary (issue 14 §5): the rooms and facilitators a meeting can be
//! booked with, what clashes with a booking before it is saved, and a week
//! of meetings with their clashes marked. The clash check reads the indexes
//! of migrations 0030 (`rj_process_room_time`,
//! `process_facilitator_by_facilitator`), 0033 (`meeting_room_time`) and
//! 0041 (`meeting_attendee_person`): one range per room or facilitator.

use std::collections::HashMap;

use chrono::{Duration, NaiveDate, NaiveDateTime};
use rusqlite::{params, Row};

use super::agreements::parse_datetime;
use super::meetings::{MEETING_FACILITATOR_CLASHES, MEETING_ROOM_CLASHES};
use crate::domain::diary::{vetting_expired, Clash, Slot};
use crate::domain::directory::name_key;
use crate::domain::types::{ProcessKind, ProcessStatus};
use crate::store::{Store, StoreResult};

/// How a meeting is booked, beyond what it is: how long, in which room of
/// the directory, with which of its facilitators.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Booking {
    pub minutes: u32,
    pub room_id: Option<i64>,
    pub facilitator_ids: Vec<i64>,
}

/// A facilitator of the directory named on a meeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookedFacilitator {
    pub id: i64,
    pub name: String,
    pub vetting_expires: Option<NaiveDate>,
}

/// One meeting of the week: a case's conference or meeting, or a meeting
/// that concerns no case (a team or partner meeting of the Meetings list).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiaryRow {
    pub what: Booked,
    pub slot: Slot,
    /// Where, as typed (a meeting's place holds its room as named when picked).
    pub venue: Option<String>,
    pub room_id: Option<i64>,
    /// "Venue — Room" when booked in a room of the directory.
    pub room: Option<String>,
    /// As typed on a case's meeting; empty on a meeting of no case.
    pub facilitators: String,
    /// The directory's facilitators linked to it (a meeting's attendees
    /// picked from the directory as facilitators).
    pub booked: Vec<BookedFacilitator>,
    /// What clashes with it, found among the week's meetings.
    pub clashes: Vec<Clash>,
}

/// Whose meeting a diary row is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Booked {
    /// A conference, mediation meeting or other process of a case.
    Case {
        process_id: i64,
        case_id: i64,
        case_ref: String,
        kind: ProcessKind,
        status: ProcessStatus,
        /// The coordinator holding the case, if any.
        coordinator: Option<String>,
    },
    /// A meeting of the Meetings list, with how many attend it.
    Meeting { meeting_id: i64, title: String, attendees: u32 },
}

impl DiaryRow {
    /// The case's process, when the row is one.
    pub fn process_id(&self) -> Option<i64> {
        match self.what {
            Booked::Case { process_id, .. } => Some(process_id),
            Booked::Meeting { .. } => None,
        }
    }

    /// The case whose meeting the row is, when it is one.
    pub fn case_id(&self) -> Option<i64> {
        match self.what {
            Booked::Case { case_id, .. } => Some(case_id),
            Booked::Meeting { .. } => None,
        }
    }

    /// The meeting of no case, when the row is one.
    pub fn meeting_id(&self) -> Option<i64> {
        match self.what {
            Booked::Meeting { meeting_id, .. } => Some(meeting_id),
            Booked::Case { .. } => None,
        }
    }

    /// What a clash with this row names: the case's reference or the meeting's title.
    pub fn label(&self) -> &str {
        match &self.what {
            Booked::Case { case_ref, .. } => case_ref,
            Booked::Meeting { title, .. } => title,
        }
    }
}

const ROOM_LABEL: &str = "v.name || ' — ' || r.name";

impl Store {
    /// The active rooms of active venues, as "Venue — Room", by venue then room.
    pub fn bookable_rooms(&self) -> StoreResult<Vec<(i64, String)>> {
        let sql = format!(
            "SELECT r.id, {ROOM_LABEL} FROM venue_room r JOIN venue v ON v.id = r.venue_id
             WHERE r.active = 1 AND v.active = 1 ORDER BY v.name, r.name, r.id"
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The directory's active facilitators among the names typed (spacing
    /// and case aside); a name not in the directory is kept only as typed.
    pub fn facilitators_named(&self, names: &[String]) -> StoreResult<Vec<BookedFacilitator>> {
        let wanted: Vec<String> = names.iter().map(|n| name_key(n)).collect();
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT id, name, vetting_expires FROM facilitator WHERE active = 1 ORDER BY id")?;
        let rows = stmt.query_map([], booked_facilitator)?;
        let mut found = Vec::new();
        for row in rows {
            let f = row?;
            if wanted.contains(&name_key(&f.name)) && !found.iter().any(|g: &BookedFacilitator| g.id == f.id) {
                found.push(f);
            }
        }
        Ok(found)
    }

    /// What a meeting at `slot` booked as `booking` would clash with: other
    /// live meetings in its room or with its facilitators at overlapping
    /// times (of cases, and of no case), and facilitators whose vetting has
    /// run out by its day. `except` is the meeting itself when it is being changed.
    pub fn clashes(&self, slot: Slot, booking: &Booking, except: Option<i64>) -> StoreResult<Vec<Clash>> {
        let mut found = Vec::new();
        let except = except.unwrap_or(0);
        if let Some(room_id) = booking.room_id {
            found.extend(self.room_clashes(room_id, slot, except, 0)?);
        }
        for f in self.facilitators_by_id(&booking.facilitator_ids)? {
            found.extend(self.facilitator_clashes(f, slot, except, 0)?);
        }
        Ok(found)
    }

    /// Everything else booked in a room at times overlapping `slot`: the
    /// live meetings of cases but `except_process`, and the meetings of no
    /// case but `except_meeting`, each read from its room's index.
    pub fn room_clashes(
        &self,
        room_id: i64,
        slot: Slot,
        except_process: i64,
        except_meeting: i64,
    ) -> StoreResult<Vec<Clash>> {
        let room = self.room_label(room_id)?;
        let found =
            self.overlapping(room_id, slot, [(ROOM_CLASHES, except_process), (MEETING_ROOM_CLASHES, except_meeting)])?;
        Ok(found.into_iter().map(|(label, at)| Clash::Room { room: room.clone(), case_ref: label, at }).collect())
    }

    /// Everything else a facilitator of the directory runs or attends at
    /// times overlapping `slot` — the live meetings of cases but
    /// `except_process`, the meetings of no case but `except_meeting`, each
    /// read from the facilitator's index — and their vetting if it has run
    /// out by the day.
    pub fn facilitator_clashes(
        &self,
        f: BookedFacilitator,
        slot: Slot,
        except_process: i64,
        except_meeting: i64,
    ) -> StoreResult<Vec<Clash>> {
        let sources = [(FACILITATOR_CLASHES, except_process), (MEETING_FACILITATOR_CLASHES, except_meeting)];
        let mut found: Vec<Clash> = self
            .overlapping(f.id, slot, sources)?
            .into_iter()
            .map(|(label, at)| Clash::Facilitator { name: f.name.clone(), case_ref: label, at })
            .collect();
        if let Some(expires) = f.vetting_expires.filter(|e| vetting_expired(*e, slot.start.date())) {
            found.push(Clash::VettingExpired { name: f.name, expires });
        }
        Ok(found)
    }

    /// The bookings of one room or facilitator (`id`) overlapping `slot`,
    /// from each statement in turn with the booking it leaves out: only
    /// those starting within a day before it ends can overlap.
    fn overlapping(&self, id: i64, slot: Slot, sources: [(&str, i64); 2]) -> StoreResult<Vec<(String, Slot)>> {
        let (from, to) = (stamp(slot.earliest_overlapping_start()), stamp(slot.end()));
        let mut found = Vec::new();
        for (sql, except) in sources {
            let mut stmt = self.conn().prepare_cached(sql)?;
            let rows = stmt.query_map(params![id, from, to, except], booking_row)?;
            let booked = rows.collect::<Result<Vec<_>, _>>()?.into_iter().flatten();
            found.extend(booked.filter(|(_, at)| at.overlaps(&slot)));
        }
        Ok(found)
    }

    /// What a meeting, as saved, clashes with: whatever else books its room
    /// then (an RJ conference or another meeting), and for each attendee
    /// picked from the directory as a facilitator, the conferences they run
    /// and the other meetings they attend then, and their vetting if it has
    /// run out by its day — the diary's own check, read from indexes.
    pub fn meeting_clashes(&self, id: i64) -> StoreResult<Vec<Clash>> {
        let Some((slot, room)) = self.meeting_slot(id)? else { return Ok(Vec::new()) };
        let mut found = match room {
            Some(room_id) => self.room_clashes(room_id, slot, 0, id)?,
            None => Vec::new(),
        };
        for f in self.meeting_facilitators(id)? {
            found.extend(self.facilitator_clashes(f, slot, 0, id)?);
        }
        Ok(found)
    }

    /// The attendees of a meeting picked from the directory as
    /// facilitators, each once, in the order they were added.
    fn meeting_facilitators(&self, id: i64) -> StoreResult<Vec<BookedFacilitator>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT f.id, f.name, f.vetting_expires FROM meeting_attendee a JOIN facilitator f ON f.id = a.directory_id
              WHERE a.meeting_id = ?1 AND a.kind = 'facilitator' GROUP BY f.id ORDER BY MIN(a.id)",
        )?;
        let rows = stmt.query_map(params![id], booked_facilitator)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The room and facilitators a meeting is booked with.
    pub fn booking_of(&self, process_id: i64) -> StoreResult<Booking> {
        let (minutes, room_id) = self
            .conn()
            .prepare_cached("SELECT duration_minutes, room_id FROM rj_process WHERE id = ?1")?
            .query_row(params![process_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(Booking { minutes, room_id, facilitator_ids: self.facilitator_ids_of(process_id)? })
    }

    /// The planned and confirmed meetings of cases and the meetings of no
    /// case in the seven days from `monday`, by time, each with what
    /// clashes with it among them. A few statements for the whole week,
    /// whatever its size: the facilitators are read for every meeting at
    /// once, not meeting by meeting.
    pub fn diary_week(&self, monday: NaiveDate) -> StoreResult<Vec<DiaryRow>> {
        let (from, to) = (day_stamp(monday), day_stamp(monday + Duration::days(7)));
        let mut week = self.query_week(WEEK_PROCESSES, &from, &to, process_row)?;
        let mut linked = self.facilitators_of_week(WEEK_PROCESS_FACILITATORS, &from, &to)?;
        for row in &mut week {
            row.booked = row.process_id().and_then(|id| linked.remove(&id)).unwrap_or_default();
        }
        let mut meetings = self.query_week(WEEK_MEETINGS, &from, &to, meeting_row)?;
        let mut linked = self.facilitators_of_week(WEEK_MEETING_FACILITATORS, &from, &to)?;
        for row in &mut meetings {
            row.booked = row.meeting_id().and_then(|id| linked.remove(&id)).unwrap_or_default();
        }
        // Both lists come by time; a case's meeting goes first at the same time.
        week.append(&mut meetings);
        week.sort_by_key(|r| (r.slot.start, r.meeting_id().is_some()));
        mark_clashes(&mut week);
        Ok(week)
    }

    fn query_week(
        &self,
        sql: &str,
        from: &str,
        to: &str,
        row: fn(&Row<'_>) -> rusqlite::Result<DiaryRow>,
    ) -> StoreResult<Vec<DiaryRow>> {
        let mut stmt = self.conn().prepare_cached(sql)?;
        let rows = stmt.query_map(params![from, to], row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The directory's facilitators of each meeting of the week, by meeting id.
    fn facilitators_of_week(
        &self,
        sql: &str,
        from: &str,
        to: &str,
    ) -> StoreResult<HashMap<i64, Vec<BookedFacilitator>>> {
        let mut stmt = self.conn().prepare_cached(sql)?;
        let rows = stmt.query_map(params![from, to], |r| {
            Ok((r.get::<_, i64>(0)?, BookedFacilitator { id: r.get(1)?, name: r.get(2)?, vetting_expires: r.get(3)? }))
        })?;
        let mut linked: HashMap<i64, Vec<BookedFacilitator>> = HashMap::new();
        for row in rows {
            let (owner, f) = row?;
            linked.entry(owner).or_default().push(f);
        }
        Ok(linked)
    }

    /// The name and email of each of the directory's facilitators of a
    /// meeting, as linked (the calendar file invites them).
    pub fn facilitator_contacts(&self, process_id: i64) -> StoreResult<Vec<(String, Option<String>)>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT f.name, f.email FROM process_facilitator pf JOIN facilitator f ON f.id = pf.facilitator_id
             WHERE pf.process_id = ?1 ORDER BY pf.id",
        )?;
        let rows = stmt.query_map(params![process_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The "Venue — Room" a meeting is booked in, if any.
    pub fn room_of(&self, process_id: i64) -> StoreResult<Option<String>> {
        match self.booking_of(process_id)?.room_id {
            Some(room_id) => Ok(Some(self.room_label(room_id)?)),
            None => Ok(None),
        }
    }

    fn room_label(&self, room_id: i64) -> StoreResult<String> {
        let sql = format!("SELECT {ROOM_LABEL} FROM venue_room r JOIN venue v ON v.id = r.venue_id WHERE r.id = ?1");
        Ok(self.conn().prepare_cached(&sql)?.query_row(params![room_id], |r| r.get(0))?)
    }

    fn facilitator_ids_of(&self, process_id: i64) -> StoreResult<Vec<i64>> {
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT facilitator_id FROM process_facilitator WHERE process_id = ?1 ORDER BY id")?;
        let rows = stmt.query_map(params![process_id], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn facilitators_by_id(&self, ids: &[i64]) -> StoreResult<Vec<BookedFacilitator>> {
        let mut stmt = self.conn().prepare_cached("SELECT id, name, vetting_expires FROM facilitator WHERE id = ?1")?;
        ids.iter().map(|id| Ok(stmt.query_row(params![id], booked_facilitator)?)).collect()
    }
}

/// Live meetings in a room starting in a range (the index's own columns).
pub(crate) const ROOM_CLASHES: &str = "SELECT c.ref, p.scheduled_for, p.duration_minutes
     FROM rj_process p INDEXED BY rj_process_room_time JOIN case_file c ON c.id = p.case_id
     WHERE p.room_id = ?1 AND p.status IN ('planned', 'confirmed')
       AND p.scheduled_for >= ?2 AND p.scheduled_for < ?3 AND p.id <> ?4";

/// Live meetings of a facilitator starting in a range.
pub(crate) const FACILITATOR_CLASHES: &str = "SELECT c.ref, p.scheduled_for, p.duration_minutes
     FROM process_facilitator f INDEXED BY process_facilitator_by_facilitator
     JOIN rj_process p ON p.id = f.process_id JOIN case_file c ON c.id = p.case_id
     WHERE f.facilitator_id = ?1 AND p.status IN ('planned', 'confirmed')
       AND p.scheduled_for >= ?2 AND p.scheduled_for < ?3 AND p.id <> ?4";

/// The week's meetings of cases, from the diary's own index (migration
/// 0038), which holds every column read here: no visit to the table.
/// The coordinator comes with the case's row, already read for its
/// reference, rather than in a second pass over the week's cases.
pub(crate) const WEEK_PROCESSES: &str = "SELECT p.scheduled_for, p.duration_minutes, p.venue, p.room_id,
            v.name || ' — ' || r.name, p.id, p.case_id, c.ref, p.kind, p.status, p.facilitators, k.name
     FROM rj_process p INDEXED BY rj_process_diary JOIN case_file c ON c.id = p.case_id
     LEFT JOIN coordinator k ON k.id = c.coordinator_id
     LEFT JOIN venue_room r ON r.id = p.room_id LEFT JOIN venue v ON v.id = r.venue_id
     WHERE p.status IN ('planned', 'confirmed') AND p.scheduled_for >= ?1 AND p.scheduled_for < ?2
     ORDER BY p.scheduled_for, p.id";

/// The directory's facilitators of the week's meetings of cases.
pub(crate) const WEEK_PROCESS_FACILITATORS: &str = "SELECT pf.process_id, f.id, f.name, f.vetting_expires
     FROM rj_process p INDEXED BY rj_process_diary JOIN process_facilitator pf ON pf.process_id = p.id
     JOIN facilitator f ON f.id = pf.facilitator_id
     WHERE p.status IN ('planned', 'confirmed') AND p.scheduled_for >= ?1 AND p.scheduled_for < ?2
     ORDER BY pf.id";

/// The week's meetings of no case, with how many attend each.
pub(crate) const WEEK_MEETINGS: &str = "SELECT m.held_at, m.duration_minutes, m.place, m.room_id,
            v.name || ' — ' || r.name, m.id, m.title,
            (SELECT COUNT(*) FROM meeting_attendee a WHERE a.meeting_id = m.id)
     FROM meeting m INDEXED BY meeting_held
     LEFT JOIN venue_room r ON r.id = m.room_id LEFT JOIN venue v ON v.id = r.venue_id
     WHERE m.held_at >= ?1 AND m.held_at < ?2
     ORDER BY m.held_at, m.id";

/// The attendees of the week's meetings of no case picked from the
/// directory as facilitators.
pub(crate) const WEEK_MEETING_FACILITATORS: &str = "SELECT a.meeting_id, f.id, f.name, f.vetting_expires
     FROM meeting m INDEXED BY meeting_held JOIN meeting_attendee a ON a.meeting_id = m.id
     JOIN facilitator f ON f.id = a.directory_id
     WHERE m.held_at >= ?1 AND m.held_at < ?2 AND a.kind = 'facilitator'
     ORDER BY a.id";

/// Times are kept as "YYYY-MM-DDTHH:MM", so they compare as text.
fn stamp(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%dT%H:%M").to_string()
}

fn day_stamp(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn booking_row(r: &Row<'_>) -> rusqlite::Result<Option<(String, Slot)>> {
    let at: String = r.get(1)?;
    Ok(parse_datetime(&at).map(|start| (r.get(0).unwrap_or_default(), Slot { start, minutes: r.get(2).unwrap_or(0) })))
}

fn booked_facilitator(r: &Row<'_>) -> rusqlite::Result<BookedFacilitator> {
    Ok(BookedFacilitator { id: r.get(0)?, name: r.get(1)?, vetting_expires: r.get(2)? })
}

// Both week statements read by position (a busy week is hundreds of rows):
// first the columns they share — when, how long, the place typed, the room
// and its label — then their own.
fn process_row(r: &Row<'_>) -> rusqlite::Result<DiaryRow> {
    let what = Booked::Case {
        process_id: r.get(5)?,
        case_id: r.get(6)?,
        case_ref: r.get(7)?,
        kind: r.get(8)?,
        status: r.get(9)?,
        coordinator: r.get(11)?,
    };
    week_row(r, what, r.get(10)?)
}

fn meeting_row(r: &Row<'_>) -> rusqlite::Result<DiaryRow> {
    let what = Booked::Meeting { meeting_id: r.get(5)?, title: r.get(6)?, attendees: r.get(7)? };
    week_row(r, what, String::new())
}

/// The columns both of the week's statements have first.
fn week_row(r: &Row<'_>, what: Booked, facilitators: String) -> rusqlite::Result<DiaryRow> {
    let at: String = r.get(0)?;
    Ok(DiaryRow {
        what,
        slot: Slot { start: parse_datetime(&at).unwrap_or_default(), minutes: r.get(1)? },
        venue: r.get(2)?,
        room_id: r.get(3)?,
        room: r.get(4)?,
        facilitators,
        booked: Vec::new(),
        clashes: Vec::new(),
    })
}

/// Each meeting's clashes with the others of the week: the same room or a
/// shared facilitator at overlapping times, and vetting run out by its day.
/// Only meetings sharing a room or a facilitator can clash, so each is
/// compared with those alone: a week of hundreds stays quick.
fn mark_clashes(week: &mut [DiaryRow]) {
    let mut sharing: HashMap<Resource, Vec<usize>> = HashMap::new();
    for (i, row) in week.iter().enumerate() {
        for resource in resources(row) {
            sharing.entry(resource).or_default().push(i);
        }
    }
    let found: Vec<Vec<Clash>> = (0..week.len()).map(|i| clashes_of(week, i, &sharing)).collect();
    for (row, clashes) in week.iter_mut().zip(found) {
        row.clashes = clashes;
    }
}

/// What two meetings cannot share at the same time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Resource {
    Room(i64),
    Facilitator(i64),
}

fn resources(row: &DiaryRow) -> impl Iterator<Item = Resource> + '_ {
    row.room_id.map(Resource::Room).into_iter().chain(row.booked.iter().map(|f| Resource::Facilitator(f.id)))
}

fn clashes_of(week: &[DiaryRow], i: usize, sharing: &HashMap<Resource, Vec<usize>>) -> Vec<Clash> {
    let row = &week[i];
    let mut others: Vec<usize> = resources(row)
        .filter_map(|r| sharing.get(&r))
        .flatten()
        .copied()
        .filter(|j| *j != i && row.slot.overlaps(&week[*j].slot))
        .collect();
    others.sort_unstable();
    others.dedup();
    let mut clashes = Vec::new();
    for other in others.into_iter().map(|j| &week[j]) {
        let (case_ref, at) = (other.label().to_string(), other.slot);
        if let (Some(room), true) = (&row.room, row.room_id.is_some() && row.room_id == other.room_id) {
            clashes.push(Clash::Room { room: room.clone(), case_ref: case_ref.clone(), at });
        }
        for f in row.booked.iter().filter(|f| other.booked.iter().any(|g| g.id == f.id)) {
            clashes.push(Clash::Facilitator { name: f.name.clone(), case_ref: case_ref.clone(), at });
        }
    }
    for f in &row.booked {
        if let Some(expires) = f.vetting_expires.filter(|e| vetting_expired(*e, row.slot.start.date())) {
            clashes.push(Clash::VettingExpired { name: f.name.clone(), expires });
        }
    }
    clashes
}
