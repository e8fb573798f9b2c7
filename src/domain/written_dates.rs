//! Dates as people write them: in a form field or on the command line.
//! `2026-11-20`, `20/11/2026`, `20 Nov 2026` (a weekday before it is fine,
//! so a date copied off a screen reads back), `20 Nov` (the nearest 20
//! November, as the desk's narrow columns show dates), `today`, `tomorrow`,
//! `yesterday`, `+3` / `-2` days, `+3wd` working days, `+2w` weeks, and a
//! weekday name for the next such day. Day first always, as in the UK; a
//! two-digit year is refused rather than guessed.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use super::dates::{in_range, range_in_words};
use super::workdays::WorkCalendar;

/// Every form, for the message that refuses something else.
pub const ACCEPTED_FORMS: &str =
    "2026-11-20, 20/11/2026, 20 Nov 2026, 20 Nov (the nearest), today, tomorrow, yesterday, +3 or -2 (days), \
     +3wd (working days), +2w (weeks), or a weekday such as fri";

/// Why what was written is not a date the desk takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateProblem {
    Empty,
    /// `20/11/26`: the year to write in full instead.
    ShortYear {
        written: String,
        full: String,
    },
    /// A real date outside the years the desk takes.
    OutOfRange(NaiveDate),
    /// `+3x`: an offset with a unit the desk does not know.
    UnknownUnit(String),
    /// None of the forms (`day_of_calendar` false), or a day/month that
    /// does not exist, such as 30/02/2026.
    NotADate {
        written: String,
        day_of_calendar: bool,
    },
}

impl DateProblem {
    /// The whole sentence, for the command line and import.
    pub fn sentence(&self) -> String {
        match self {
            DateProblem::Empty => format!("no date: write one as {ACCEPTED_FORMS}"),
            DateProblem::ShortYear { written, full } => {
                format!("{written:?} has a short year: write the year in full, e.g. {full}")
            }
            DateProblem::OutOfRange(day) => {
                format!("{} is outside the dates the desk takes ({})", super::dates::day(*day), range_in_words())
            }
            DateProblem::UnknownUnit(written) => {
                format!("{written:?} is not a date: after +3 write d (days), wd (working days) or w (weeks)")
            }
            DateProblem::NotADate { written, day_of_calendar: true } => {
                format!("{written:?} is not a day of the calendar")
            }
            DateProblem::NotADate { written, .. } => format!("{written:?} is not a date: write it as {ACCEPTED_FORMS}"),
        }
    }

    /// A few words beside a form field, where a sentence does not fit.
    pub fn short(&self) -> String {
        match self {
            DateProblem::Empty => "required".to_string(),
            DateProblem::ShortYear { full, .. } => format!("write the year in full: {full}"),
            DateProblem::OutOfRange(_) => format!("a date {}", range_in_words()),
            DateProblem::UnknownUnit(_) => "+3 days, +3wd working days, +2w weeks".to_string(),
            DateProblem::NotADate { day_of_calendar: true, .. } => "no such day".to_string(),
            DateProblem::NotADate { .. } => "not a date: 20/11/2026, 20 Nov, today, +3, +3wd, +2w, fri".to_string(),
        }
    }
}

/// What a person wrote, read as a date, or why it is not one.
pub fn read_written_date(text: &str, today: NaiveDate, calendar: &WorkCalendar) -> Result<NaiveDate, DateProblem> {
    let trimmed = text.trim();
    match relative(&trimmed.to_lowercase(), today, calendar) {
        Some(found) => found.and_then(within_range),
        None => read_fixed_date(trimmed),
    }
}

/// A date written out in full (no "today" or "+3" to count from).
pub fn read_fixed_date(text: &str) -> Result<NaiveDate, DateProblem> {
    let text = text.trim();
    if text.is_empty() {
        return Err(DateProblem::Empty);
    }
    absolute(text).and_then(within_range)
}

fn within_range(day: NaiveDate) -> Result<NaiveDate, DateProblem> {
    if in_range(day) {
        Ok(day)
    } else {
        Err(DateProblem::OutOfRange(day))
    }
}

/// Whether `text` is a fixed date rather than one counted from today, so a
/// form can say which day it understood only when that is not obvious.
pub fn is_plain_iso(text: &str) -> bool {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").is_ok()
}

/// Days counted from today: words, offsets and weekday names. None when
/// `text` is none of these.
fn relative(text: &str, today: NaiveDate, calendar: &WorkCalendar) -> Option<Result<NaiveDate, DateProblem>> {
    match text {
        "today" | "tod" => return Some(Ok(today)),
        "tomorrow" | "tom" => return Some(Ok(today + Duration::days(1))),
        "yesterday" => return Some(Ok(today - Duration::days(1))),
        _ => {}
    }
    if let Some(weekday) = weekday_named(text) {
        return Some(Ok(next_weekday(today, weekday)));
    }
    if let Some(found) = day_and_month(text, today) {
        return Some(found);
    }
    let sign = match text.chars().next()? {
        '+' => 1,
        '-' => -1,
        _ => return None,
    };
    let body = &text[1..];
    let digits = body.chars().take_while(char::is_ascii_digit).count();
    let (number, unit) = body.split_at(digits);
    let count: i64 = number.parse().ok().filter(|n| *n <= 100_000)?;
    Some(match unit {
        "" | "d" => Ok(today + Duration::days(sign * count)),
        "w" => Ok(today + Duration::weeks(sign * count)),
        "wd" => Ok(working_days(today, sign * count, calendar)),
        _ => Err(DateProblem::UnknownUnit(text.to_string())),
    })
}

fn working_days(today: NaiveDate, count: i64, calendar: &WorkCalendar) -> NaiveDate {
    let mut day = today;
    let step = Duration::days(count.signum());
    for _ in 0..count.abs() {
        day += step;
        while !calendar.is_working_day(day) {
            day += step;
        }
    }
    day
}

fn weekday_named(text: &str) -> Option<Weekday> {
    const NAMES: [(&str, Weekday); 7] = [
        ("monday", Weekday::Mon),
        ("tuesday", Weekday::Tue),
        ("wednesday", Weekday::Wed),
        ("thursday", Weekday::Thu),
        ("friday", Weekday::Fri),
        ("saturday", Weekday::Sat),
        ("sunday", Weekday::Sun),
    ];
    // "fri", "frid", "friday", and the usual "tues" and "thurs".
    (text.len() >= 3).then_some(())?;
    NAMES.iter().find(|(name, _)| name.starts_with(text)).map(|(_, day)| *day)
}

/// The next `weekday` after today: "fri" on a Friday is next week's.
fn next_weekday(today: NaiveDate, weekday: Weekday) -> NaiveDate {
    let ahead = (7 + weekday.num_days_from_monday() as i64 - today.weekday().num_days_from_monday() as i64) % 7;
    today + Duration::days(if ahead == 0 { 7 } else { ahead })
}

/// `20 nov` or `fri 20 november`, no year: the 20 November nearest today,
/// last year's, this year's or next year's. Due dates look ahead and
/// offence dates back; the nearest is right for both within six months,
/// and the form shows the day it understood before anything is saved.
fn day_and_month(text: &str, today: NaiveDate) -> Option<Result<NaiveDate, DateProblem>> {
    let words = strip_weekday(text);
    let (day, month) = words.split_once(' ')?;
    let day: u32 = day.parse().ok()?;
    let month = month_named(month)?;
    let year = today.year();
    let nearest = [year - 1, year, year + 1]
        .into_iter()
        .filter_map(|y| NaiveDate::from_ymd_opt(y, month, day))
        .min_by_key(|candidate| (*candidate - today).num_days().abs());
    Some(nearest.ok_or_else(|| DateProblem::NotADate { written: text.to_string(), day_of_calendar: true }))
}

/// "nov", "november" (three letters at least) → 11.
fn month_named(text: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let text = text.trim_end_matches('.');
    (text.len() >= 3).then_some(())?;
    MONTHS.iter().position(|name| name.starts_with(text)).map(|i| i as u32 + 1)
}

/// A fixed date: ISO, day/month/year with slashes, or with the month in
/// words (an optional weekday first, as the desk shows dates).
fn absolute(text: &str) -> Result<NaiveDate, DateProblem> {
    if let Ok(day) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return Ok(day);
    }
    if let Some(found) = day_month_year(text) {
        return found;
    }
    let words = strip_weekday(text);
    for form in ["%d %b %Y", "%d %B %Y"] {
        if let Ok(day) = NaiveDate::parse_from_str(&words, form) {
            return Ok(day);
        }
    }
    Err(DateProblem::NotADate { written: text.to_string(), day_of_calendar: false })
}

/// `20/11/2026`; `20/11/26` refused, naming the full year to write.
fn day_month_year(text: &str) -> Option<Result<NaiveDate, DateProblem>> {
    let parts: Vec<&str> = text.split('/').collect();
    let [day, month, year] = parts.as_slice() else { return None };
    if ![day, month, year].iter().all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit())) {
        return None;
    }
    if year.len() != 4 {
        let full = if year.len() <= 2 { format!("{day}/{month}/20{year:0>2}") } else { format!("{day}/{month}/2026") };
        return Some(Err(DateProblem::ShortYear { written: text.to_string(), full }));
    }
    let (d, m, y) = (day.parse().ok()?, month.parse().ok()?, year.parse().ok()?);
    let no_such_day = || DateProblem::NotADate { written: text.to_string(), day_of_calendar: true };
    Some(NaiveDate::from_ymd_opt(y, m, d).ok_or_else(no_such_day))
}

/// "Fri 20 Nov 2026" → "20 Nov 2026"; anything else unchanged.
fn strip_weekday(text: &str) -> String {
    let mut words = text.split_whitespace();
    let first = words.next().unwrap_or_default().trim_end_matches(',').to_lowercase();
    if weekday_named(&first).is_some() {
        words.collect::<Vec<_>>().join(" ")
    } else {
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// Friday 20 November 2026; Monday 28 December 2026 is a bank holiday.
    fn read(text: &str) -> Result<NaiveDate, String> {
        read_written_date(text, d(2026, 11, 20), &WorkCalendar::england_and_wales()).map_err(|e| e.sentence())
    }

    #[test]
    fn fixed_dates_in_every_form() {
        for text in
            ["2026-11-20", "20/11/2026", "20 Nov 2026", "20 November 2026", "Fri 20 Nov 2026", " friday, 20 nov 2026 "]
        {
            assert_eq!(read(text), Ok(d(2026, 11, 20)), "{text:?}");
        }
        assert_eq!(read("1/2/2027"), Ok(d(2027, 2, 1)), "day first");
    }

    #[test]
    fn words_and_offsets_count_from_today() {
        assert_eq!(read("today"), Ok(d(2026, 11, 20)));
        assert_eq!(read("Tomorrow"), Ok(d(2026, 11, 21)));
        assert_eq!(read("yesterday"), Ok(d(2026, 11, 19)));
        assert_eq!(read("+3"), Ok(d(2026, 11, 23)));
        assert_eq!(read("-2"), Ok(d(2026, 11, 18)));
        assert_eq!(read("+2w"), Ok(d(2026, 12, 4)));
        assert_eq!(read("+1wd"), Ok(d(2026, 11, 23)), "Friday + 1 working day is Monday");
        assert_eq!(read("-1wd"), Ok(d(2026, 11, 19)));
    }

    #[test]
    fn working_days_skip_bank_holidays() {
        let calendar = WorkCalendar::england_and_wales();
        // Wed 23 Dec 2026 + 2 working days: Thu 24, then over Christmas
        // (Fri 25, Mon 28 substitute Boxing Day) to Tue 29.
        assert_eq!(read_written_date("+2wd", d(2026, 12, 23), &calendar), Ok(d(2026, 12, 29)));
        assert_eq!(read_written_date("-1wd", d(2026, 12, 29), &calendar), Ok(d(2026, 12, 24)));
    }

    #[test]
    fn a_weekday_is_the_next_one_never_today() {
        assert_eq!(read("fri"), Ok(d(2026, 11, 27)), "on a Friday, fri is next week's");
        assert_eq!(read("mon"), Ok(d(2026, 11, 23)));
        assert_eq!(read("Thursday"), Ok(d(2026, 11, 26)));
        assert_eq!(read("thurs"), Ok(d(2026, 11, 26)));
    }

    #[test]
    fn a_day_and_month_is_the_nearest_such_day() {
        assert_eq!(read("18 Dec"), Ok(d(2026, 12, 18)));
        assert_eq!(read("Fri 18 December"), Ok(d(2026, 12, 18)), "copied off a screen");
        assert_eq!(read("3 Jan"), Ok(d(2027, 1, 3)), "early next year, not last January");
        assert_eq!(read("12 nov"), Ok(d(2026, 11, 12)), "an offence date last week");
        assert_eq!(read("20 Nov"), Ok(d(2026, 11, 20)));
        let calendar = WorkCalendar::england_and_wales();
        assert_eq!(read_written_date("29 Feb", d(2027, 12, 1), &calendar), Ok(d(2028, 2, 29)), "the next leap day");
        assert!(read("31 Nov").unwrap_err().contains("not a day of the calendar"));
    }

    #[test]
    fn a_two_digit_year_is_refused_with_the_full_year_to_write() {
        let err = read("20/11/26").unwrap_err();
        assert!(err.contains("short year") && err.contains("20/11/2026"), "{err}");
    }

    #[test]
    fn anything_else_is_refused_listing_the_forms() {
        for bad in ["soon", "32/01/2026", "2026-02-30", "+3x", "fr", "20 Nox", "31 Nov", "+", "--2"] {
            let err = read(bad).unwrap_err();
            assert!(err.contains("not") || err.contains("write"), "{bad:?}: {err}");
        }
        assert!(read("soon").unwrap_err().contains(ACCEPTED_FORMS));
    }

    #[test]
    fn dates_outside_the_desks_years_are_refused() {
        assert!(read("1899-12-31").unwrap_err().contains("between 1900 and 2199"));
        assert!(read("+100000").unwrap_err().contains("between 1900 and 2199"));
        assert!(read("01/01/0026").is_err());
    }

    #[test]
    fn without_a_today_only_written_out_dates_are_dates() {
        assert_eq!(read_fixed_date("20 Nov 2026"), Ok(d(2026, 11, 20)));
        assert!(matches!(read_fixed_date("today"), Err(DateProblem::NotADate { .. })));
        assert_eq!(read_fixed_date(" "), Err(DateProblem::Empty));
        assert_eq!(read_fixed_date("30/02/2026").unwrap_err().short(), "no such day");
    }
}
