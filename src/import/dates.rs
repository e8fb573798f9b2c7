//! Dates the way UK spreadsheets write them: ISO, day-first with slashes,
//! dashes, dots or spaces, month names, two-digit years, and Excel serial
//! numbers. Day-first always: a UK tracker never means 11/21/2026.

use chrono::{Datelike, Duration, NaiveDate};

/// The forms named in error messages, so the user knows what to type.
pub const DATE_FORMS: &str = "21/11/2026, 21-Nov-2026, 21 Nov 2026 or 2026-11-21";

/// The largest serial Excel shows as a date (31 December 9999).
const MAX_EXCEL_SERIAL: i64 = 2_958_465;

/// Read a date written as text. `None` when it is not one of the forms.
pub fn parse_uk_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    if let Some(serial) = serial_number(text) {
        return excel_serial_date(serial);
    }
    let date_part = strip_midnight_time(text);
    parse_iso(date_part).or_else(|| parse_day_first(date_part))
}

/// An Excel serial day number. Excel counts 1 = 1 January 1900 and keeps
/// Lotus 1-2-3's fictitious 29 February 1900 as day 60, so days from 61 on
/// are one more than a true count from 31 December 1899; day 60 itself is no
/// date at all and is refused.
pub fn excel_serial_date(serial: f64) -> Option<NaiveDate> {
    if !serial.is_finite() || serial < 1.0 {
        return None;
    }
    // A time of day rides in the fraction; the date is the whole part.
    let day = serial.floor() as i64;
    if day > MAX_EXCEL_SERIAL || day == 60 {
        return None;
    }
    let epoch = if day < 60 { NaiveDate::from_ymd_opt(1899, 12, 31)? } else { NaiveDate::from_ymd_opt(1899, 12, 30)? };
    epoch.checked_add_signed(Duration::days(day))
}

/// The serial number Excel shows for a date (the inverse of `excel_serial_date`).
pub fn excel_serial_of(date: NaiveDate) -> Option<f64> {
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30)?;
    let days = (date - epoch).num_days();
    // Before 1 March 1900 Excel's count is one less (no fictitious leap day yet).
    let serial = if date < NaiveDate::from_ymd_opt(1900, 3, 1)? { days - 1 } else { days };
    (1..=MAX_EXCEL_SERIAL).contains(&serial).then_some(serial as f64)
}

/// A cell holding only a number in the range Excel uses for dates, e.g.
/// `46347` when a date column was saved without its date format.
fn serial_number(text: &str) -> Option<f64> {
    let looks_numeric =
        text.chars().all(|c| c.is_ascii_digit() || c == '.') && text.chars().any(|c| c.is_ascii_digit());
    // Eight digits would be 20261121, a compact ISO date rather than a serial.
    if !looks_numeric || text.split('.').next().is_some_and(|whole| whole.len() > 7) {
        return None;
    }
    text.parse::<f64>().ok()
}

/// `2026-11-21 00:00:00` and `2026-11-21T00:00` are how a date column comes
/// out of some exports; the time is dropped.
fn strip_midnight_time(text: &str) -> &str {
    match text.split_once(['T', ' ']) {
        Some((date, time)) if time.contains(':') && !date.contains(' ') => date,
        _ => text,
    }
}

fn parse_iso(text: &str) -> Option<NaiveDate> {
    let parts: Vec<&str> = text.split(['-', '/']).collect();
    match parts.as_slice() {
        [y, m, d] if y.len() == 4 => ymd(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?),
        _ => None,
    }
}

/// `21/11/2026`, `21-11-26`, `21.11.2026`, `21-Nov-2026`, `21 November 2026`.
fn parse_day_first(text: &str) -> Option<NaiveDate> {
    let parts: Vec<&str> = text.split(['/', '-', '.', ' ']).filter(|p| !p.is_empty()).collect();
    let [d, m, y] = parts.as_slice() else {
        return None;
    };
    let day: u32 = d.trim_end_matches(|c: char| c.is_ascii_alphabetic()).parse().ok()?;
    let month = m.parse::<u32>().ok().or_else(|| month_number(m))?;
    let year = full_year(y)?;
    ymd(year, month, day)
}

/// Excel's own rule for two-digit years: 00–29 are 2000–2029, 30–99 are
/// 1930–1999 (so a date of birth in `85` is 1985, a due date in `26` is 2026).
fn full_year(text: &str) -> Option<i32> {
    if !text.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let year: i32 = text.parse().ok()?;
    match text.len() {
        2 if year < 30 => Some(2000 + year),
        2 => Some(1900 + year),
        4 => Some(year),
        _ => None,
    }
}

fn month_number(name: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    let lower = name.to_lowercase();
    // "Sept" is common enough in UK writing to accept.
    let lower = if lower == "sept" { "sep".to_string() } else { lower };
    if lower.len() < 3 {
        return None;
    }
    let position = MONTHS.iter().position(|m| lower.starts_with(m))?;
    let full = chrono::Month::try_from(position as u8 + 1).ok()?.name().to_lowercase();
    // The three-letter form or the full name; "Novem" is a typing slip, not a month.
    (lower.len() == 3 || full == lower).then_some(position as u32 + 1)
}

fn ymd(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, day).filter(|d| d.year() >= 1900)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn every_uk_form_reads_as_the_same_day() {
        for form in [
            "2026-11-21",
            "21/11/2026",
            "21/11/26",
            "21-Nov-2026",
            "21-nov-26",
            "21 Nov 2026",
            "21 November 2026",
            "21.11.2026",
            "21-11-2026",
            "1/11/2026 ",
            "46347",
            "46347.5",
            "2026-11-21 00:00:00",
            "2026-11-21T00:00:00",
            "2026/11/21",
            "21st Nov 2026",
        ] {
            let expected = if form.starts_with("1/") { d("2026-11-01") } else { d("2026-11-21") };
            assert_eq!(parse_uk_date(form), Some(expected), "{form:?}");
        }
    }

    #[test]
    fn september_is_spelled_several_ways() {
        for form in ["3 Sep 2026", "3 Sept 2026", "3 September 2026", "03/09/2026"] {
            assert_eq!(parse_uk_date(form), Some(d("2026-09-03")), "{form:?}");
        }
    }

    #[test]
    fn two_digit_years_follow_excel() {
        assert_eq!(parse_uk_date("01/02/85"), Some(d("1985-02-01")));
        assert_eq!(parse_uk_date("01/02/29"), Some(d("2029-02-01")));
        assert_eq!(parse_uk_date("01/02/30"), Some(d("1930-02-01")));
    }

    #[test]
    fn nonsense_and_impossible_days_are_refused() {
        for bad in [
            "",
            "soon",
            "31/02/2026",
            "29/02/2025",
            "11/21/2026",
            "21 Novem 2026",
            "21 Xyz 2026",
            "2026-13-01",
            "0",
            "60",
            "99999999",
            "21/11",
            "21/11/202",
            "-5",
        ] {
            assert_eq!(parse_uk_date(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn excel_serials_keep_the_1900_leap_year_bug() {
        assert_eq!(excel_serial_date(1.0), Some(d("1900-01-01")));
        assert_eq!(excel_serial_date(59.0), Some(d("1900-02-28")));
        assert_eq!(excel_serial_date(60.0), None, "29 February 1900 never happened");
        assert_eq!(excel_serial_date(61.0), Some(d("1900-03-01")));
        assert_eq!(excel_serial_date(45943.541), Some(d("2025-10-13")));
        assert_eq!(excel_serial_date(46347.0), Some(d("2026-11-21")));
    }

    #[test]
    fn serials_round_trip() {
        for day in ["1900-01-01", "1900-02-28", "1900-03-01", "1985-02-01", "2026-11-21", "9999-12-31"] {
            let serial = excel_serial_of(d(day)).unwrap();
            assert_eq!(excel_serial_date(serial), Some(d(day)), "{day}");
        }
        assert_eq!(excel_serial_of(d("2026-11-21")), Some(46347.0));
    }
}
