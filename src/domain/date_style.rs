//! How a date is shown to a person: the one place a date becomes words.
//! Every screen, the status line, prompts, tables printed by the command
//! line and the documents' display cells call `shown` (or `day`, which uses
//! the style this desk was set to); machine formats (csv, json, the stored
//! text) are always ISO, whatever the setting, through `iso`.
//!
//! The short form, for narrow columns: the chosen style without its year
//! when the date falls in the same calendar year as the desk's today
//! ("Fri 20 Nov"), and in full otherwise, so a year is never guessed. ISO
//! is never shortened: whoever chose it wants dates that sort as text.
//!
//! Letters and formal documents keep the long form ("20 November 2026"),
//! as letters conventionally do, whatever the style.

use std::cell::Cell;

use chrono::{Datelike, NaiveDate, NaiveDateTime};

/// The ways a desk may show its dates, set in the settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum DateStyle {
    /// "Fri 20 Nov 2026": the default, the day of the week in sight.
    #[default]
    Weekday,
    /// "20 Nov 2026"
    DayMonth,
    /// "20/11/2026": day first, as in the UK.
    Numeric,
    /// "2026-11-20"
    Iso,
}

impl DateStyle {
    /// Every style, in the order the settings offer them.
    pub const ALL: &'static [DateStyle] =
        &[DateStyle::Weekday, DateStyle::DayMonth, DateStyle::Numeric, DateStyle::Iso];

    /// The value stored in the settings.
    pub fn as_str(self) -> &'static str {
        match self {
            DateStyle::Weekday => "weekday",
            DateStyle::DayMonth => "day-month",
            DateStyle::Numeric => "numeric",
            DateStyle::Iso => "iso",
        }
    }

    /// An example of the style, which is also how a person names it.
    pub fn label(self) -> &'static str {
        match self {
            DateStyle::Weekday => "Fri 20 Nov 2026",
            DateStyle::DayMonth => "20 Nov 2026",
            DateStyle::Numeric => "20/11/2026",
            DateStyle::Iso => "2026-11-20",
        }
    }

    /// A style by its stored name or by its example, in any case.
    pub fn parse(text: &str) -> Option<DateStyle> {
        let text = text.trim();
        DateStyle::ALL
            .iter()
            .copied()
            .find(|s| s.as_str().eq_ignore_ascii_case(text) || s.label().eq_ignore_ascii_case(text))
    }

    fn pattern(self, with_year: bool) -> &'static str {
        match (self, with_year) {
            (DateStyle::Weekday, true) => "%a %-d %b %Y",
            (DateStyle::Weekday, false) => "%a %-d %b",
            (DateStyle::DayMonth, true) => "%-d %b %Y",
            (DateStyle::DayMonth, false) => "%-d %b",
            (DateStyle::Numeric, true) => "%d/%m/%Y",
            (DateStyle::Numeric, false) => "%d/%m",
            (DateStyle::Iso, _) => "%Y-%m-%d",
        }
    }
}

/// `day` in `style`, in full.
pub fn shown(day: NaiveDate, style: DateStyle) -> String {
    day.format(style.pattern(true)).to_string()
}

/// `day` in `style` for a narrow column: without the year when it is the
/// year of `today` (see the module's comment for the rule).
pub fn shown_short(day: NaiveDate, style: DateStyle, today: NaiveDate) -> String {
    day.format(style.pattern(day.year() != today.year())).to_string()
}

/// A date and time: the date in `style`, then the time on the 24-hour clock.
pub fn shown_at(at: NaiveDateTime, style: DateStyle) -> String {
    format!("{} {}", shown(at.date(), style), at.format("%H:%M"))
}

/// A time of day alone, on the 24-hour clock.
pub fn time_of_day(at: NaiveDateTime) -> String {
    at.format("%H:%M").to_string()
}

/// The date as machine formats and stored text write it: "2026-11-20".
pub fn iso(day: NaiveDate) -> String {
    day.format("%Y-%m-%d").to_string()
}

/// A month as machine formats write it: "2026-11".
pub fn iso_month(day: NaiveDate) -> String {
    day.format("%Y-%m").to_string()
}

/// The long form letters and documents use: "20 November 2026".
pub fn long(day: NaiveDate) -> String {
    day.format("%-d %B %Y").to_string()
}

/// The long form with its weekday, for a document's title: "Friday 20 November 2026".
pub fn long_with_weekday(day: NaiveDate) -> String {
    day.format("%A %-d %B %Y").to_string()
}

/// The day a typed date was understood as, beside the field: always with
/// its weekday ("Fri 20 Nov 2026"), whatever the style, since `fri` or `+3wd`
/// is checked by the day of the week it lands on.
pub fn understood(day: NaiveDate) -> String {
    shown(day, DateStyle::Weekday)
}

/// `understood` without the year, for a line too short for it.
pub fn understood_brief(day: NaiveDate) -> String {
    day.format(DateStyle::Weekday.pattern(false)).to_string()
}

thread_local! {
    // Kept per thread, set when the desk is opened (with the desk's day)
    // and when the setting changes: every screen and printed table reads
    // them without each call site carrying the style and the day, and tests
    // on other threads keep their own.
    static STYLE: Cell<DateStyle> = const { Cell::new(DateStyle::Weekday) };
    static TODAY: Cell<Option<NaiveDate>> = const { Cell::new(None) };
}

/// Show dates in `style` from now on (on this thread).
pub fn use_style(style: DateStyle) {
    STYLE.with(|s| s.set(style));
}

/// The desk's today, whose year the short form leaves out.
pub fn use_today(today: NaiveDate) {
    TODAY.with(|t| t.set(Some(today)));
}

/// The style dates are shown in now.
pub fn style() -> DateStyle {
    STYLE.with(Cell::get)
}

/// `day` in the desk's style, in full.
pub fn day(day: NaiveDate) -> String {
    shown(day, style())
}

/// How many columns a date in the desk's style takes at most, for a
/// table's date column.
pub fn day_width() -> usize {
    style().label().len()
}

/// `day` in the desk's style for a narrow column: in full until the
/// desk's today is known.
pub fn day_short(day: NaiveDate) -> String {
    match TODAY.with(Cell::get) {
        Some(today) => shown_short(day, style(), today),
        None => shown(day, style()),
    }
}

/// A date and time in the desk's style.
pub fn day_at(at: NaiveDateTime) -> String {
    shown_at(at, style())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn each_style_shows_the_day_as_its_example_reads() {
        for style in DateStyle::ALL.iter().copied() {
            assert_eq!(shown(d(2026, 11, 20), style), style.label());
        }
        assert_eq!(shown(d(2026, 3, 5), DateStyle::Weekday), "Thu 5 Mar 2026");
        assert_eq!(shown(d(2026, 3, 5), DateStyle::Numeric), "05/03/2026");
    }

    #[test]
    fn the_short_form_drops_only_the_year_of_today() {
        let today = d(2026, 11, 20);
        assert_eq!(shown_short(d(2026, 12, 18), DateStyle::Weekday, today), "Fri 18 Dec");
        assert_eq!(shown_short(d(2027, 1, 8), DateStyle::Weekday, today), "Fri 8 Jan 2027");
        assert_eq!(shown_short(d(2026, 12, 18), DateStyle::Numeric, today), "18/12");
        assert_eq!(shown_short(d(2026, 12, 18), DateStyle::Iso, today), "2026-12-18");
    }

    #[test]
    fn a_style_is_named_by_its_code_or_its_example() {
        for style in DateStyle::ALL.iter().copied() {
            assert_eq!(DateStyle::parse(style.as_str()), Some(style));
            assert_eq!(DateStyle::parse(&style.label().to_uppercase()), Some(style));
        }
        assert_eq!(DateStyle::parse("american"), None);
    }

    #[test]
    fn the_desks_style_is_used_until_changed() {
        let day_ = d(2026, 11, 20);
        assert_eq!(day(day_), "Fri 20 Nov 2026");
        assert_eq!(day_short(day_), "Fri 20 Nov 2026", "no today known yet");
        use_today(d(2026, 6, 1));
        assert_eq!(day_short(day_), "Fri 20 Nov");
        use_style(DateStyle::Iso);
        assert_eq!(day(day_), "2026-11-20");
        assert_eq!(day_at(day_.and_hms_opt(14, 5, 0).unwrap()), "2026-11-20 14:05");
        use_style(DateStyle::Weekday);
    }

    #[test]
    fn letters_keep_the_long_form() {
        assert_eq!(long(d(2026, 11, 20)), "20 November 2026");
        assert_eq!(long_with_weekday(d(2026, 11, 20)), "Friday 20 November 2026");
    }
}
