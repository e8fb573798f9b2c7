//! Date rules the screens, the import and the reports share: the end of the
//! working week, the financial year, whole weeks back from a day, and that a
//! thing recorded as done cannot be dated after today.

use chrono::{Datelike, Duration, NaiveDate};

/// The last working day of this week (Friday), or of next week at a weekend.
pub fn end_of_working_week(today: NaiveDate) -> NaiveDate {
    let from_monday = i64::from(today.weekday().num_days_from_monday());
    let to_friday = if from_monday <= 4 { 4 - from_monday } else { 11 - from_monday };
    today + Duration::days(to_friday)
}

/// The first day of the financial year `day` falls in: the UK public
/// sector's year runs from 1 April.
pub fn financial_year_start(day: NaiveDate) -> NaiveDate {
    let year = if day.month() >= 4 { day.year() } else { day.year() - 1 };
    NaiveDate::from_ymd_opt(year, 4, 1).unwrap_or(day)
}

/// The first day of `weeks` whole weeks ending on `last` (both included).
pub fn weeks_ending(last: NaiveDate, weeks: i64) -> NaiveDate {
    last - Duration::days(7 * weeks - 1)
}

/// Something done or decided cannot be dated after today.
pub fn is_future(day: NaiveDate, today: NaiveDate) -> bool {
    day > today
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn the_working_week_ends_on_friday() {
        assert_eq!(end_of_working_week(d("2026-11-16")), d("2026-11-20"));
        assert_eq!(end_of_working_week(d("2026-11-20")), d("2026-11-20"));
        assert_eq!(end_of_working_week(d("2026-11-21")), d("2026-11-27"));
        assert_eq!(end_of_working_week(d("2026-11-22")), d("2026-11-27"));
    }

    #[test]
    fn the_financial_year_starts_on_the_first_of_april() {
        assert_eq!(financial_year_start(d("2026-11-21")), d("2026-04-01"));
        assert_eq!(financial_year_start(d("2026-04-01")), d("2026-04-01"));
        assert_eq!(financial_year_start(d("2026-03-31")), d("2025-04-01"));
        assert_eq!(financial_year_start(d("2027-01-05")), d("2026-04-01"));
    }

    #[test]
    fn whole_weeks_end_on_the_day_given() {
        assert_eq!(weeks_ending(d("2026-11-21"), 1), d("2026-11-15"));
        assert_eq!(weeks_ending(d("2026-11-21"), 4), d("2026-10-25"));
    }

    #[test]
    fn today_is_not_in_the_future() {
        assert!(!is_future(d("2026-11-21"), d("2026-11-21")));
        assert!(is_future(d("2026-11-22"), d("2026-11-21")));
        assert!(!is_future(d("2025-11-22"), d("2026-11-21")));
    }
}
