//! The agreements screen's own writes: changing how a process is arranged,
//! and keeping why it was postponed.

use chrono::NaiveDateTime;
use rusqlite::{params, OptionalExtension};

use crate::store::writes::{boolean, opt_text, text};
use crate::store::{StoreError, StoreResult, Tx};

/// A change to how a process is arranged. Only the fields that differ from
/// the stored row are written (and so audited).
#[derive(Debug, Clone, PartialEq)]
pub struct ProcessArrangements {
    pub scheduled_for: Option<NaiveDateTime>,
    pub venue: Option<String>,
    pub room_booked: bool,
    pub refreshments: Option<String>,
    pub facilitators: String,
    pub participants: String,
}

/// A process's arrangements as stored, before an edit.
struct StoredArrangements {
    case_id: i64,
    status: String,
    scheduled: Option<String>,
    venue: Option<String>,
    room: bool,
    refreshments: Option<String>,
    facilitators: String,
    participants: String,
}

impl Tx<'_> {
    /// Change the date, time, venue, room booking, refreshments or people of
    /// a process that has not yet happened. One audited update; says which
    /// fields changed (empty when nothing did).
    pub fn update_process_arrangements(
        &mut self,
        process_id: i64,
        a: &ProcessArrangements,
    ) -> StoreResult<Vec<&'static str>> {
        let row = self
            .conn()
            .query_row(
                "SELECT case_id, status, scheduled_for, venue, room_booked, refreshments, facilitators, participants
                 FROM rj_process WHERE id = ?1",
                params![process_id],
                |r| {
                    Ok(StoredArrangements {
                        case_id: r.get(0)?,
                        status: r.get(1)?,
                        scheduled: r.get(2)?,
                        venue: r.get(3)?,
                        room: r.get(4)?,
                        refreshments: r.get(5)?,
                        facilitators: r.get(6)?,
                        participants: r.get(7)?,
                    })
                },
            )
            .optional()?;
        let Some(StoredArrangements {
            case_id,
            status,
            scheduled,
            venue,
            room,
            refreshments,
            facilitators,
            participants,
        }) = row
        else {
            return Err(StoreError::NotFound(format!("rj_process {process_id}")));
        };
        if status == "held" || status == "cancelled" {
            return Err(StoreError::Invalid(format!("this process was {status}: its arrangements are history")));
        }
        if a.facilitators.trim().is_empty() {
            return Err(StoreError::Invalid("name at least one facilitator".into()));
        }
        let new_when = a.scheduled_for.map(|t| t.format("%Y-%m-%dT%H:%M").to_string());
        let clean = |s: &Option<String>| s.as_deref().map(str::trim).filter(|t| !t.is_empty()).map(str::to_string);
        let mut cols = Vec::new();
        let mut changed = Vec::new();
        if new_when != scheduled {
            cols.push(("scheduled_for", opt_text(&new_when)));
            changed.push("date and time");
        }
        if clean(&a.venue) != clean(&venue) {
            cols.push(("venue", opt_text(&a.venue)));
            changed.push("venue");
        }
        if a.room_booked != room {
            cols.push(("room_booked", boolean(a.room_booked)));
            changed.push("room booking");
        }
        if clean(&a.refreshments) != clean(&refreshments) {
            cols.push(("refreshments", opt_text(&a.refreshments)));
            changed.push("refreshments");
        }
        if a.facilitators.trim() != facilitators {
            cols.push(("facilitators", text(a.facilitators.trim())));
            changed.push("facilitators");
        }
        if a.participants.trim() != participants {
            cols.push(("participants", text(a.participants.trim())));
            changed.push("participants");
        }
        if !cols.is_empty() {
            self.update("rj_process", process_id, Some(case_id), cols)?;
        }
        Ok(changed)
    }

    /// Keep why a process was postponed (the schema's one reason column also
    /// serves postponements; `set_process_status` keeps it only on cancelling).
    pub fn note_process_reason(&mut self, process_id: i64, reason: &str) -> StoreResult<()> {
        let case_id: i64 = self
            .conn()
            .query_row("SELECT case_id FROM rj_process WHERE id = ?1", params![process_id], |r| r.get(0))
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("rj_process {process_id}")))?;
        self.update("rj_process", process_id, Some(case_id), vec![("cancellation_reason", text(reason.trim()))])
    }
}
