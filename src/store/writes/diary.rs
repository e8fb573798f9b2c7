//! Booking a meeting (issue 14 §5): its length, its room of the directory
//! and the directory's facilitators who run it, each change audited.

use rusqlite::params;

use super::{int, opt_int, Tx};
use crate::domain::diary::MAX_MINUTES;
use crate::store::views::diary::Booking;
use crate::store::{StoreError, StoreResult};

impl Tx<'_> {
    /// Book a meeting as given: its length and room set, the facilitators
    /// no longer named unlinked and the new ones linked.
    pub fn book_process(&mut self, process_id: i64, booking: &Booking) -> StoreResult<()> {
        if !(1..=MAX_MINUTES).contains(&booking.minutes) {
            return Err(StoreError::Invalid(format!(
                "A meeting lasts from 1 to {MAX_MINUTES} minutes: give its length in minutes."
            )));
        }
        let (case_id, minutes, room_id): (i64, u32, Option<i64>) = self.conn().query_row(
            "SELECT case_id, duration_minutes, room_id FROM rj_process WHERE id = ?1",
            params![process_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        if (minutes, room_id) != (booking.minutes, booking.room_id) {
            let cols =
                vec![("duration_minutes", int(i64::from(booking.minutes))), ("room_id", opt_int(booking.room_id))];
            self.update("rj_process", process_id, Some(case_id), cols)?;
        }
        let linked = self.links(process_id)?;
        for (link_id, facilitator_id) in &linked {
            if !booking.facilitator_ids.contains(facilitator_id) {
                self.remove("process_facilitator", *link_id, Some(case_id), "no longer facilitating this meeting")?;
            }
        }
        for facilitator_id in &booking.facilitator_ids {
            if !linked.iter().any(|(_, f)| f == facilitator_id) {
                let cols = vec![("process_id", int(process_id)), ("facilitator_id", int(*facilitator_id))];
                self.insert("process_facilitator", Some(case_id), cols)?;
            }
        }
        Ok(())
    }

    fn links(&self, process_id: i64) -> StoreResult<Vec<(i64, i64)>> {
        let mut stmt =
            self.conn().prepare_cached("SELECT id, facilitator_id FROM process_facilitator WHERE process_id = ?1")?;
        let rows = stmt.query_map(params![process_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
