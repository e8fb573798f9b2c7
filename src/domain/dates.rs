//! The calendar facts every part of the desk shares: which dates are dates
//! at all, and how old someone is on a day.

use chrono::{Datelike, NaiveDate};

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
}
