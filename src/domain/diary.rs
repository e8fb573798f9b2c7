//! The diary's rules (issue 14 §5): when two bookings overlap, and what a
//! clash found before saving a meeting says. No SQL, no clock.

use chrono::{Duration, NaiveDate, NaiveDateTime};

/// No meeting lasts longer than a day (the schema's check says the same),
/// so a clash can only come from a booking that starts within a day before.
pub const MAX_MINUTES: u32 = 24 * 60;

/// What a meeting usually lasts when nobody says otherwise.
pub const DEFAULT_MINUTES: u32 = 120;

/// A booked stretch of time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot {
    pub start: NaiveDateTime,
    pub minutes: u32,
}

impl Slot {
    pub fn end(&self) -> NaiveDateTime {
        self.start + Duration::minutes(i64::from(self.minutes))
    }

    /// Two slots overlap when each starts before the other ends: one that
    /// ends at 12:00 and one that starts at 12:00 do not clash.
    pub fn overlaps(&self, other: &Slot) -> bool {
        self.start < other.end() && other.start < self.end()
    }

    /// The earliest start a booking overlapping this one can have.
    pub fn earliest_overlapping_start(&self) -> NaiveDateTime {
        self.start - Duration::minutes(i64::from(MAX_MINUTES))
    }
}

/// One reason to look again before saving a meeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Clash {
    /// The room is booked for another meeting (that case, at that time).
    Room { room: String, case_ref: String, at: Slot },
    /// The facilitator runs another meeting at an overlapping time.
    Facilitator { name: String, case_ref: String, at: Slot },
    /// The facilitator's vetting runs out on or before the meeting day.
    VettingExpired { name: String, expires: NaiveDate },
}

/// A meeting's time as typed: "10:30", "9:05", "10.30" or "1030".
pub fn time_from_text(text: &str) -> Option<chrono::NaiveTime> {
    let t = text.trim();
    ["%H:%M", "%H.%M", "%H%M"].iter().find_map(|f| chrono::NaiveTime::parse_from_str(t, f).ok())
}

/// A meeting's length as typed: whole minutes, 1 to a day.
pub fn minutes_from_text(text: &str) -> Result<u32, String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(DEFAULT_MINUTES);
    }
    match t.parse::<u32>() {
        Ok(m) if (1..=MAX_MINUTES).contains(&m) => Ok(m),
        _ => Err(format!("the length is in minutes, from 1 to {MAX_MINUTES}, e.g. 90")),
    }
}

/// Whether a facilitator's vetting has run out by the meeting day (it is
/// valid up to and including the day before its expiry date).
pub fn vetting_expired(expires: NaiveDate, meeting_day: NaiveDate) -> bool {
    expires <= meeting_day
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(h: u32, m: u32, minutes: u32) -> Slot {
        let start = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap().and_hms_opt(h, m, 0).unwrap();
        Slot { start, minutes }
    }

    #[test]
    fn slots_overlap_only_when_each_starts_before_the_other_ends() {
        assert!(at(10, 0, 120).overlaps(&at(11, 0, 30)));
        assert!(at(11, 0, 30).overlaps(&at(10, 0, 120)));
        assert!(at(10, 0, 120).overlaps(&at(9, 0, 90)));
        assert!(!at(10, 0, 120).overlaps(&at(12, 0, 60)), "back to back is no clash");
        assert!(!at(12, 0, 60).overlaps(&at(10, 0, 120)));
    }

    #[test]
    fn lengths_are_whole_minutes_up_to_a_day() {
        assert_eq!(minutes_from_text(""), Ok(DEFAULT_MINUTES));
        assert_eq!(minutes_from_text(" 90 "), Ok(90));
        assert!(minutes_from_text("0").is_err());
        assert!(minutes_from_text("1441").is_err());
        assert!(minutes_from_text("1h").is_err());
    }

    #[test]
    fn vetting_runs_out_on_its_expiry_day() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        assert!(vetting_expired(day, day));
        assert!(!vetting_expired(day.succ_opt().unwrap(), day));
    }
}
