//! Dates on the command line, written as in a form field (`20/11/2026`,
//! `today`, `+3wd`, `fri`, ...: `domain::written_dates`). clap reads each
//! argument alone, before `--today` is known, so an argument is kept as
//! written and read into a day once the desk's day is set.

use chrono::NaiveDate;

use crate::domain::workdays::WorkCalendar;
use crate::domain::written_dates::{read_fixed_date, read_written_date};

/// A date argument as the user wrote it, checked to be one of the forms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrittenDate(String);

impl WrittenDate {
    /// The day this names, counting `today`, `+3` or `fri` from `today`.
    /// Working days skip the England & Wales bank holidays: the command
    /// line reads its dates before any database is opened.
    pub fn on(&self, today: NaiveDate) -> Result<NaiveDate, String> {
        read_written_date(&self.0, today, &WorkCalendar::england_and_wales()).map_err(|problem| problem.sentence())
    }
}

/// clap's reader: refuses at once what is none of the forms, counting
/// relative forms from the local date only to check them (`on` reads them
/// again from the desk's day).
pub fn written_date(text: &str) -> Result<WrittenDate, String> {
    let written = WrittenDate(text.trim().to_string());
    written.on(chrono::Local::now().date_naive())?;
    Ok(written)
}

/// A date written out in full, with nothing to count from: the forms of
/// `written_date` less `today`, `+3` and weekday names.
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    read_fixed_date(text).map_err(|problem| problem.sentence())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// Found by the date fuzz target: "-2-2-2" was read as 3 BC.
    #[test]
    fn a_command_line_date_needs_a_full_year_from_1900() {
        for bad in ["-2-2-2", "2-2-2", "0026-11-20", "+12026-11-20", "1899-12-31", "20/11/26", ""] {
            assert!(parse_date(bad).is_err(), "{bad:?}");
        }
        assert_eq!(parse_date(" 2026-11-20 "), Ok(day(2026, 11, 20)));
        assert_eq!(parse_date("20/11/2026"), Ok(day(2026, 11, 20)));
        assert_eq!(parse_date("2199-12-31"), Ok(day(2199, 12, 31)));
    }

    /// `--today 9999-12-31 demo` stored dates in the year 10000.
    #[test]
    fn a_command_line_date_after_2199_is_refused() {
        let refusal = parse_date("9999-12-31").unwrap_err();
        assert!(refusal.contains("between 1900 and 2199"), "{refusal}");
        assert!(parse_date("2200-01-01").is_err());
    }

    /// Relative forms count from the desk's day, not the day clap ran.
    #[test]
    fn a_written_date_counts_from_the_day_it_is_read_on() {
        let friday = day(2026, 11, 20);
        let read = |text: &str| written_date(text).unwrap().on(friday);
        assert_eq!(read("today"), Ok(friday));
        assert_eq!(read("yesterday"), Ok(day(2026, 11, 19)));
        assert_eq!(read("+3"), Ok(day(2026, 11, 23)));
        assert_eq!(read("-2"), Ok(day(2026, 11, 18)));
        assert_eq!(read("+3wd"), Ok(day(2026, 11, 25)));
        assert_eq!(read("fri"), Ok(day(2026, 11, 27)));
        assert_eq!(read("20 Nov 2026"), Ok(friday));
    }

    #[test]
    fn a_written_date_that_is_none_of_the_forms_lists_them() {
        let refusal = written_date("banana").unwrap_err();
        assert!(refusal.contains("20/11/2026") && refusal.contains("+3wd"), "{refusal}");
        assert!(written_date("20/11/26").unwrap_err().contains("2026"));
    }
}
