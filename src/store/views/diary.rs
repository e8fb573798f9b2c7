//! The diary (issue 14 §5): the rooms and facilitators a meeting can be
//! booked with, what clashes with a booking before it is saved, and a week
//! of meetings with their clashes marked. The clash check reads the indexes
//! of migration 0030 (`rj_process_room_time`,
//! `process_facilitator_by_facilitator`): one range per room or facilitator.

use chrono::{Duration, NaiveDate, NaiveDateTime};
use rusqlite::{params, Row};

use super::agreements::parse_datetime;
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

/// One meeting of the week.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiaryRow {
    pub process_id: i64,
    pub case_id: i64,
    pub case_ref: String,
    pub kind: ProcessKind,
    pub status: ProcessStatus,
    pub slot: Slot,
    pub venue: Option<String>,
    pub room_id: Option<i64>,
    /// "Venue — Room" when booked in a room of the directory.
    pub room: Option<String>,
    /// As typed on the meeting.
    pub facilitators: String,
    pub booked: Vec<BookedFacilitator>,
    /// What clashes with it, found among the week's meetings.
    pub clashes: Vec<Clash>,
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
    /// times, and facilitators whose vetting has run out by its day.
    /// `except` is the meeting itself when it is being changed.
    pub fn clashes(&self, slot: Slot, booking: &Booking, except: Option<i64>) -> StoreResult<Vec<Clash>> {
        let mut found = Vec::new();
        let (from, to) = (stamp(slot.earliest_overlapping_start()), stamp(slot.end()));
        let except = except.unwrap_or(0);
        if let Some(room_id) = booking.room_id {
            let room = self.room_label(room_id)?;
            for (case_ref, at) in self.room_bookings(room_id, &from, &to, except)? {
                if at.overlaps(&slot) {
                    found.push(Clash::Room { room: room.clone(), case_ref, at });
                }
            }
        }
        for f in self.facilitators_by_id(&booking.facilitator_ids)? {
            for (case_ref, at) in self.facilitator_bookings(f.id, &from, &to, except)? {
                if at.overlaps(&slot) {
                    found.push(Clash::Facilitator { name: f.name.clone(), case_ref, at });
                }
            }
            if let Some(expires) = f.vetting_expires.filter(|e| vetting_expired(*e, slot.start.date())) {
                found.push(Clash::VettingExpired { name: f.name, expires });
            }
        }
        Ok(found)
    }

    /// The room and facilitators a meeting is booked with.
    pub fn booking_of(&self, process_id: i64) -> StoreResult<Booking> {
        let (minutes, room_id) = self
            .conn()
            .prepare_cached("SELECT duration_minutes, room_id FROM rj_process WHERE id = ?1")?
            .query_row(params![process_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(Booking { minutes, room_id, facilitator_ids: self.facilitator_ids_of(process_id)? })
    }

    /// The planned and confirmed meetings of the seven days from `monday`,
    /// by time, each with what clashes with it among them.
    pub fn diary_week(&self, monday: NaiveDate) -> StoreResult<Vec<DiaryRow>> {
        let sql = format!(
            "SELECT p.id, p.case_id, c.ref, p.kind, p.status, p.scheduled_for, p.duration_minutes, p.venue,
                    p.room_id, {ROOM_LABEL} AS room, p.facilitators
             FROM rj_process p INDEXED BY rj_process_scheduled JOIN case_file c ON c.id = p.case_id
             LEFT JOIN venue_room r ON r.id = p.room_id LEFT JOIN venue v ON v.id = r.venue_id
             WHERE p.status IN ('planned', 'confirmed') AND p.scheduled_for >= ?1 AND p.scheduled_for < ?2
             ORDER BY p.scheduled_for, p.id"
        );
        let (from, to) = (day_stamp(monday), day_stamp(monday + Duration::days(7)));
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map(params![from, to], diary_row)?.collect::<Result<Vec<_>, _>>()?;
        let mut week = Vec::with_capacity(rows.len());
        for mut row in rows {
            row.booked = self.facilitators_by_id(&self.facilitator_ids_of(row.process_id)?)?;
            week.push(row);
        }
        mark_clashes(&mut week);
        Ok(week)
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

    fn room_bookings(&self, room_id: i64, from: &str, to: &str, except: i64) -> StoreResult<Vec<(String, Slot)>> {
        let mut stmt = self.conn().prepare_cached(ROOM_CLASHES)?;
        let rows = stmt.query_map(params![room_id, from, to, except], booking_row)?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?.into_iter().flatten().collect())
    }

    fn facilitator_bookings(&self, id: i64, from: &str, to: &str, except: i64) -> StoreResult<Vec<(String, Slot)>> {
        let mut stmt = self.conn().prepare_cached(FACILITATOR_CLASHES)?;
        let rows = stmt.query_map(params![id, from, to, except], booking_row)?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?.into_iter().flatten().collect())
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

fn diary_row(r: &Row<'_>) -> rusqlite::Result<DiaryRow> {
    let at: String = r.get(5)?;
    let start = parse_datetime(&at).unwrap_or_default();
    Ok(DiaryRow {
        process_id: r.get(0)?,
        case_id: r.get(1)?,
        case_ref: r.get(2)?,
        kind: r.get(3)?,
        status: r.get(4)?,
        slot: Slot { start, minutes: r.get(6)? },
        venue: r.get(7)?,
        room_id: r.get(8)?,
        room: r.get(9)?,
        facilitators: r.get(10)?,
        booked: Vec::new(),
        clashes: Vec::new(),
    })
}

/// Each meeting's clashes with the others of the week: the same room or a
/// shared facilitator at overlapping times, and vetting run out by its day.
fn mark_clashes(week: &mut [DiaryRow]) {
    for i in 0..week.len() {
        let mut clashes = Vec::new();
        for (j, other) in week.iter().enumerate() {
            if i == j || !week[i].slot.overlaps(&other.slot) {
                continue;
            }
            if let (Some(room), Some(_)) = (&week[i].room, week[i].room_id.filter(|r| other.room_id == Some(*r))) {
                clashes.push(Clash::Room { room: room.clone(), case_ref: other.case_ref.clone(), at: other.slot });
            }
            for f in week[i].booked.iter().filter(|f| other.booked.iter().any(|g| g.id == f.id)) {
                clashes.push(Clash::Facilitator {
                    name: f.name.clone(),
                    case_ref: other.case_ref.clone(),
                    at: other.slot,
                });
            }
        }
        for f in &week[i].booked {
            if let Some(expires) = f.vetting_expires.filter(|e| vetting_expired(*e, week[i].slot.start.date())) {
                clashes.push(Clash::VettingExpired { name: f.name.clone(), expires });
            }
        }
        week[i].clashes = clashes;
    }
}
