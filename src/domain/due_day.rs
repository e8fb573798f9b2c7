//! A due date set on a day nobody works: a condition, a new due date, a
//! follow-up or a meeting's action falling on a weekend or bank holiday.
//! DOMAIN.md §11 has a deadline flagged, never moved: the date is kept, but
//! whoever sets it is told, with the next working day, before it is saved
//! (as the diary does for a meeting on such a day).

use chrono::NaiveDate;

use super::dates::day;
use super::workdays::WorkCalendar;

/// "Fri 25 Dec 2026 is a bank holiday (Christmas Day); the next working
/// day is Tue 29 Dec 2026", for a due date ahead of `today` on no working
/// day; None for a working day, today or a day past (recorded, not set).
pub fn due_day_warning(calendar: &WorkCalendar, due: NaiveDate, today: NaiveDate) -> Option<String> {
    if due <= today {
        return None;
    }
    let why = calendar.day_off(due)?;
    let next = calendar.working_day_on_or_after(due);
    Some(format!("{} is {why}; the next working day is {}", day(due), day(next)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).unwrap()
    }

    #[test]
    fn a_due_date_on_a_bank_holiday_or_weekend_ahead_is_flagged_with_the_next_working_day() {
        let calendar = WorkCalendar::england_and_wales();
        let today = ymd(11, 20);
        assert_eq!(
            due_day_warning(&calendar, ymd(12, 25), today).as_deref(),
            Some("Fri 25 Dec 2026 is a bank holiday (Christmas Day); the next working day is Tue 29 Dec 2026")
        );
        assert_eq!(
            due_day_warning(&calendar, ymd(11, 28), today).as_deref(),
            Some("Sat 28 Nov 2026 is a Saturday; the next working day is Mon 30 Nov 2026")
        );
    }

    #[test]
    fn a_working_day_today_or_a_day_past_is_not() {
        let calendar = WorkCalendar::england_and_wales();
        let today = ymd(11, 21); // a Saturday
        assert_eq!(due_day_warning(&calendar, ymd(11, 23), today), None);
        assert_eq!(due_day_warning(&calendar, today, today), None);
        assert_eq!(due_day_warning(&calendar, ymd(11, 15), today), None);
    }
}
