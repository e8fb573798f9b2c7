//! The calendar facts every part of the desk shares: which dates are dates
//! at all, how old someone is on a day, the end of the working week, the
//! financial year, whole weeks back from a day, and that a thing recorded as
//! done cannot be dated after today.

use chrono::{Datelike, Duration, NaiveDate};

pub use super::date_style::*;

/// The first and last years the desk accepts. Dates are stored as
/// YYYY-MM-DD text and compared as text, so a year must have four digits;
/// the range is kept well inside that so a slip such as 9999 or 0206 is
/// caught where it is typed, not found years later in a report.
pub const FIRST_YEAR: i32 = 1900;
pub const LAST_YEAR: i32 = 2199;

/// Whether a date lies in the years the desk accepts.
pub fn in_range(day: NaiveDate) -> bool {
    (FIRST_YEAR..=LAST_YEAR).contains(&day.year())
}

/// The range in words, for messages that refuse a date.
pub fn range_in_words() -> String {
    format!("between {FIRST_YEAR} and {LAST_YEAR}")
}

/// Whole years of age on `on`, or `None` before birth. A birthday counts
/// from its own day; someone born on 29 February turns a year older on
/// 1 March in a year without one, as English law reckons it.
pub fn age_on(born: NaiveDate, on: NaiveDate) -> Option<u32> {
    if on < born {
        return None;
    }
    let before_birthday = (on.month(), on.day()) < (born.month(), born.day());
    u32::try_from(on.year() - born.year() - i32::from(before_birthday)).ok()
}

/// The Monday of the week `day` falls in (the diary's weeks run Monday to Sunday).
pub fn monday_of(day: NaiveDate) -> NaiveDate {
    day - Duration::days(i64::from(day.weekday().num_days_from_monday()))
}

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
    fn an_age_turns_over_on_the_birthday_itself() {
        let born = d("2008-06-15");
        for (years, birthday) in [(10, "2018-06-15"), (17, "2025-06-15"), (18, "2026-06-15")] {
            assert_eq!(age_on(born, d(birthday)), Some(years), "on the birthday {birthday}");
            assert_eq!(age_on(born, d(birthday).pred_opt().unwrap()), Some(years - 1), "the day before {birthday}");
        }
    }

    #[test]
    fn a_29_february_birthday_turns_over_on_1_march_in_other_years() {
        let born = d("2008-02-29");
        assert_eq!(age_on(born, d("2026-02-28")), Some(17));
        assert_eq!(age_on(born, d("2026-03-01")), Some(18));
        assert_eq!(age_on(born, d("2028-02-28")), Some(19));
        assert_eq!(age_on(born, d("2028-02-29")), Some(20));
    }

    #[test]
    fn no_age_before_birth() {
        assert_eq!(age_on(d("2010-01-02"), d("2010-01-01")), None);
        assert_eq!(age_on(d("2010-01-02"), d("2010-01-02")), Some(0));
    }

    #[test]
    fn dates_outside_1900_to_2199_are_not_in_range() {
        assert!(in_range(d("1900-01-01")) && in_range(d("2199-12-31")));
        assert!(!in_range(d("1899-12-31")) && !in_range(d("2200-01-01")) && !in_range(d("9999-12-31")));
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
