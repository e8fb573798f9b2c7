//! Working-day and deadline arithmetic (DOMAIN.md §11).
//!
//! A working day is Monday to Friday and not a bank holiday. "Within N working days
//! of D" means the N-th working day *after* D: D itself is day 0. Calendar-week
//! limits (e.g. "16 weeks") run D + 7×N calendar days and are not moved for
//! holidays; `WorkCalendar::calendar_week_deadline` says when such a date lands on a
//! non-working day so the interface can flag it.
//!
//! The holiday set is data, not code: the store may hold manual holidays or ones
//! imported from the GOV.UK feed, so a `WorkCalendar` is built from any set of dates.
//! Nothing here panics or loops without bound: arithmetic that would run past
//! `NaiveDate::MAX` stops there.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Bound;

use chrono::{Datelike, Days, NaiveDate, Weekday};

use super::holidays;

#[derive(Debug, Clone)]
pub struct WorkCalendar {
    holidays: BTreeSet<NaiveDate>,
    /// Names of holidays the rules do not compute (added by hand or
    /// imported), for saying which holiday a day is.
    names: BTreeMap<NaiveDate, String>,
}

/// A calendar-week deadline, with a flag for the interface when it lands on a
/// weekend or bank holiday (the date itself is never moved: DOMAIN.md §11).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WeekDeadline {
    pub date: NaiveDate,
    pub lands_on_non_working_day: bool,
}

impl WorkCalendar {
    /// The computed England & Wales holidays for 1974..=2200. Builds a few thousand
    /// dates: build once and share it.
    pub fn england_and_wales() -> Self {
        Self::from_holidays(
            (holidays::FIRST_YEAR..=holidays::LAST_YEAR).flat_map(holidays::bank_holidays).map(|holiday| holiday.date),
        )
    }

    pub fn from_holidays(dates: impl IntoIterator<Item = NaiveDate>) -> Self {
        Self { holidays: dates.into_iter().collect(), names: BTreeMap::new() }
    }

    /// The calendar, with the names of holidays the rules do not compute.
    pub fn with_names(mut self, names: impl IntoIterator<Item = (NaiveDate, String)>) -> Self {
        self.names.extend(names);
        self
    }

    /// Why `d` is not a working day, for a note beside a date typed for a
    /// deadline or a meeting: "a bank holiday (Christmas Day)", "a
    /// Saturday", or None on a working day. A holiday is named before its
    /// weekday, so a holiday on a weekend says which holiday it is.
    pub fn day_off(&self, d: NaiveDate) -> Option<String> {
        match self.day_off_name(d)? {
            DayOff::Holiday(Some(name)) => Some(format!("a bank holiday ({name})")),
            DayOff::Holiday(None) => Some("a bank holiday".into()),
            DayOff::Weekend => Some(format!("a {}", if d.weekday() == Weekday::Sat { "Saturday" } else { "Sunday" })),
        }
    }

    /// The same in a few words, where a line is short: "Christmas Day",
    /// "Boxing Day" (a substitute day too), "bank holiday", "weekend".
    pub fn day_off_brief(&self, d: NaiveDate) -> Option<String> {
        match self.day_off_name(d)? {
            DayOff::Holiday(Some(name)) => Some(name.replace(", substitute day", "")),
            DayOff::Holiday(None) => Some("bank holiday".into()),
            DayOff::Weekend => Some("weekend".into()),
        }
    }

    fn day_off_name(&self, d: NaiveDate) -> Option<DayOff> {
        if self.is_holiday(d) {
            let computed = || holidays::bank_holidays(d.year()).into_iter().find(|h| h.date == d).map(|h| h.name);
            let name = self.names.get(&d).cloned().or_else(computed);
            return Some(DayOff::Holiday(name.map(|n| n.replace(" (substitute day)", ", substitute day"))));
        }
        is_weekend(d).then_some(DayOff::Weekend)
    }

    /// The holidays this calendar knows, oldest first.
    pub fn holidays(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        self.holidays.iter().copied()
    }

    pub fn is_holiday(&self, d: NaiveDate) -> bool {
        self.holidays.contains(&d)
    }

    pub fn is_working_day(&self, d: NaiveDate) -> bool {
        is_weekday(d) && !self.is_holiday(d)
    }

    /// The n-th working day after `from` (from = day 0); n = 0 returns `from`
    /// unchanged, even if it is not a working day.
    ///
    /// Found by binary search on `working_days_between`, so a huge `n` costs no more
    /// than a small one. If the n-th working day would lie beyond `NaiveDate::MAX`,
    /// returns `NaiveDate::MAX`.
    pub fn add_working_days(&self, from: NaiveDate, n: u32) -> NaiveDate {
        if n == 0 {
            return from;
        }
        let target = i64::from(n);
        let max_offset = u64::try_from(NaiveDate::MAX.signed_duration_since(from).num_days()).unwrap_or(0);
        if self.working_days_between(from, NaiveDate::MAX) < target {
            return NaiveDate::MAX;
        }
        // Smallest offset whose count reaches `target`. The count grows by at most one
        // a day, so that day is itself the n-th working day.
        let (mut low, mut high) = (1u64, max_offset);
        while low < high {
            let middle = low + (high - low) / 2;
            if self.working_days_between(from, offset(from, middle)) >= target {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        offset(from, low)
    }

    /// The latest day from which `n` working days have run by `to`: a timer
    /// of `n` working days started on it or before has run out on `to`.
    /// The mirror of `add_working_days`, found by the same binary search;
    /// `NaiveDate::MIN` when not even that day is far enough back.
    pub fn working_days_back(&self, to: NaiveDate, n: u32) -> NaiveDate {
        let target = i64::from(n);
        if n == 0 {
            return to;
        }
        if self.working_days_between(NaiveDate::MIN, to) < target {
            return NaiveDate::MIN;
        }
        let back = |days: u64| to.checked_sub_days(Days::new(days)).unwrap_or(NaiveDate::MIN);
        let max_offset = u64::try_from(to.signed_duration_since(NaiveDate::MIN).num_days()).unwrap_or(0);
        let (mut low, mut high) = (1u64, max_offset);
        while low < high {
            let middle = low + (high - low) / 2;
            if self.working_days_between(back(middle), to) >= target {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        back(low)
    }

    /// The first working day strictly after `d` (`NaiveDate::MAX` if there is none).
    pub fn next_working_day(&self, d: NaiveDate) -> NaiveDate {
        self.add_working_days(d, 1)
    }

    /// The nearest working day on or after `d` (`NaiveDate::MAX` if there is none).
    pub fn working_day_on_or_after(&self, d: NaiveDate) -> NaiveDate {
        if self.is_working_day(d) {
            d
        } else {
            self.next_working_day(d)
        }
    }

    /// Working days in (from, to]: 0 when equal, and minus the count in (to, from]
    /// when `to` is before `from`.
    ///
    /// Weekdays are counted arithmetically and only the holidays inside the span are
    /// visited, so a span of centuries costs no more than the holidays in it.
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> i64 {
        if to < from {
            return -self.working_days_between(to, from);
        }
        if to == from {
            return 0;
        }
        let weekdays = weekdays_up_to(to) - weekdays_up_to(from);
        // A manual or imported set may include weekend dates; those are already
        // excluded from `weekdays`, so only weekday holidays are subtracted.
        let weekday_holidays = self
            .holidays
            .range((Bound::Excluded(from), Bound::Included(to)))
            .filter(|holiday| is_weekday(**holiday))
            .count();
        weekdays - i64::try_from(weekday_holidays).unwrap_or(i64::MAX)
    }

    /// `from` + 7×`weeks` calendar days, not moved for holidays, with a flag when the
    /// date is not a working day.
    pub fn calendar_week_deadline(&self, from: NaiveDate, weeks: u32) -> WeekDeadline {
        let date = add_calendar_weeks(from, weeks);
        WeekDeadline { date, lands_on_non_working_day: !self.is_working_day(date) }
    }
}

/// `from` + 7×`weeks` calendar days, not moved for holidays (DOMAIN.md §11).
/// Stops at `NaiveDate::MAX` rather than overflowing.
pub fn add_calendar_weeks(from: NaiveDate, weeks: u32) -> NaiveDate {
    from.checked_add_days(Days::new(u64::from(weeks) * 7)).unwrap_or(NaiveDate::MAX)
}

/// What makes a day no working day.
enum DayOff {
    /// A bank holiday, by name when the calendar knows it.
    Holiday(Option<String>),
    Weekend,
}

fn is_weekend(d: NaiveDate) -> bool {
    !is_weekday(d)
}

fn is_weekday(d: NaiveDate) -> bool {
    !matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

fn offset(from: NaiveDate, days: u64) -> NaiveDate {
    from.checked_add_days(Days::new(days)).unwrap_or(NaiveDate::MAX)
}

/// Number of Mondays-to-Fridays from a fixed origin up to and including `d`, so that
/// the difference of two values counts the weekdays in (a, b]. Day 1 of the common era
/// (1 January AD 1, proleptic Gregorian) is a Monday, so days numbered 7w+1 to 7w+5
/// are Monday to Friday; `div_euclid` keeps this right for dates before AD 1.
fn weekdays_up_to(d: NaiveDate) -> i64 {
    let day = i64::from(d.num_days_from_ce());
    5 * day.div_euclid(7) + day.rem_euclid(7).min(5)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::sync::OnceLock;

    fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).expect("valid test date")
    }

    fn england_and_wales() -> &'static WorkCalendar {
        static CALENDAR: OnceLock<WorkCalendar> = OnceLock::new();
        CALENDAR.get_or_init(WorkCalendar::england_and_wales)
    }

    /// Day-by-day count, the obvious definition, to check the arithmetic one.
    fn brute_force_between(calendar: &WorkCalendar, from: NaiveDate, to: NaiveDate) -> i64 {
        let (low, high, sign) = if from <= to { (from, to, 1) } else { (to, from, -1) };
        let count = low.iter_days().skip(1).take_while(|d| *d <= high).filter(|d| calendar.is_working_day(*d)).count();
        sign * i64::try_from(count).expect("small count")
    }

    #[test]
    fn a_day_off_says_which_holiday_or_weekend_it_is() {
        let calendar = england_and_wales().clone().with_names([(ymd(2026, 12, 24), "Christmas Eve closure".into())]);
        assert_eq!(calendar.day_off(ymd(2026, 12, 25)).as_deref(), Some("a bank holiday (Christmas Day)"));
        assert_eq!(calendar.day_off(ymd(2026, 12, 28)).as_deref(), Some("a bank holiday (Boxing Day, substitute day)"));
        assert_eq!(calendar.day_off(ymd(2026, 12, 26)).as_deref(), Some("a Saturday"));
        assert_eq!(calendar.day_off(ymd(2026, 12, 27)).as_deref(), Some("a Sunday"));
        assert_eq!(calendar.day_off(ymd(2026, 12, 29)), None);
        assert_eq!(calendar.day_off_brief(ymd(2026, 12, 25)).as_deref(), Some("Christmas Day"));
        assert_eq!(calendar.day_off_brief(ymd(2026, 12, 28)).as_deref(), Some("Boxing Day"));
        assert_eq!(calendar.day_off_brief(ymd(2026, 12, 27)).as_deref(), Some("weekend"));
        // A day added by hand is a holiday only once the calendar holds it.
        assert_eq!(calendar.day_off(ymd(2026, 12, 24)), None);
        let added =
            WorkCalendar::from_holidays([ymd(2026, 12, 24)]).with_names([(ymd(2026, 12, 24), "Closure".into())]);
        assert_eq!(added.day_off(ymd(2026, 12, 24)).as_deref(), Some("a bank holiday (Closure)"));
    }

    #[test]
    fn counting_back_finds_the_latest_start_whose_timer_has_run_out() {
        let calendar = england_and_wales();
        // Tue 29 Dec 2026: 25 and 28 December are holidays, 26-27 a weekend.
        assert_eq!(calendar.working_days_back(ymd(2026, 12, 29), 0), ymd(2026, 12, 29));
        assert_eq!(calendar.working_days_back(ymd(2026, 12, 29), 1), ymd(2026, 12, 28));
        assert_eq!(calendar.working_days_back(ymd(2026, 12, 29), 2), ymd(2026, 12, 23));
        for n in 0..40 {
            let start = calendar.working_days_back(ymd(2026, 12, 29), n);
            assert!(calendar.working_days_between(start, ymd(2026, 12, 29)) >= i64::from(n));
            let later = start.succ_opt().unwrap();
            assert!(calendar.working_days_between(later, ymd(2026, 12, 29)) < i64::from(n), "n = {n}");
        }
    }

    #[test]
    fn christmas_2026_skips_christmas_the_weekend_and_the_boxing_day_substitute() {
        let calendar = england_and_wales();
        // Fri 25 Dec is Christmas, Mon 28 Dec is the Boxing Day substitute.
        assert_eq!(calendar.add_working_days(ymd(2026, 12, 24), 1), ymd(2026, 12, 29));
        assert_eq!(calendar.add_working_days(ymd(2026, 12, 24), 2), ymd(2026, 12, 30));
        assert_eq!(calendar.next_working_day(ymd(2026, 12, 24)), ymd(2026, 12, 29));
        assert!(!calendar.is_working_day(ymd(2026, 12, 28)));
        assert_eq!(calendar.working_days_between(ymd(2026, 12, 24), ymd(2026, 12, 31)), 3);
    }

    #[test]
    fn easter_2026_skips_good_friday_and_easter_monday() {
        let calendar = england_and_wales();
        assert!(!calendar.is_working_day(ymd(2026, 4, 3)));
        assert!(!calendar.is_working_day(ymd(2026, 4, 6)));
        assert_eq!(calendar.add_working_days(ymd(2026, 4, 2), 1), ymd(2026, 4, 7));
        // 10 working days from Wed 1 Apr: 2, 7, 8, 9, 10, 13, 14, 15, 16, 17 April.
        assert_eq!(calendar.add_working_days(ymd(2026, 4, 1), 10), ymd(2026, 4, 17));
    }

    #[test]
    fn friday_plus_one_is_monday() {
        let calendar = england_and_wales();
        assert_eq!(calendar.add_working_days(ymd(2025, 3, 7), 1), ymd(2025, 3, 10));
        assert_eq!(calendar.add_working_days(ymd(2025, 3, 7), 5), ymd(2025, 3, 14));
    }

    #[test]
    fn zero_working_days_returns_the_date_unchanged_even_on_a_holiday() {
        let calendar = england_and_wales();
        assert_eq!(calendar.add_working_days(ymd(2025, 12, 25), 0), ymd(2025, 12, 25));
        assert_eq!(calendar.add_working_days(ymd(2025, 3, 8), 0), ymd(2025, 3, 8));
    }

    #[test]
    fn starting_on_a_weekend_counts_from_the_next_working_day() {
        let calendar = england_and_wales();
        assert_eq!(calendar.add_working_days(ymd(2025, 3, 8), 1), ymd(2025, 3, 10));
        assert_eq!(calendar.working_day_on_or_after(ymd(2025, 3, 8)), ymd(2025, 3, 10));
        assert_eq!(calendar.working_day_on_or_after(ymd(2025, 3, 10)), ymd(2025, 3, 10));
        assert_eq!(calendar.working_day_on_or_after(ymd(2026, 12, 25)), ymd(2026, 12, 29));
    }

    #[test]
    fn working_days_between_is_zero_when_equal_and_half_open() {
        let calendar = england_and_wales();
        let friday = ymd(2025, 3, 7);
        assert_eq!(calendar.working_days_between(friday, friday), 0);
        // (Fri, Sat] and (Fri, Sun] hold no working days; (Fri, Mon] holds one.
        assert_eq!(calendar.working_days_between(friday, ymd(2025, 3, 8)), 0);
        assert_eq!(calendar.working_days_between(friday, ymd(2025, 3, 9)), 0);
        assert_eq!(calendar.working_days_between(friday, ymd(2025, 3, 10)), 1);
        assert_eq!(calendar.working_days_between(ymd(2025, 3, 10), friday), -1);
    }

    #[test]
    fn a_year_has_the_expected_number_of_working_days() {
        // 2025: 261 weekdays less 8 bank holidays.
        let calendar = england_and_wales();
        assert_eq!(calendar.working_days_between(ymd(2024, 12, 31), ymd(2025, 12, 31)), 253);
    }

    #[test]
    fn arithmetic_count_matches_day_by_day_count_over_four_centuries() {
        let calendar = england_and_wales();
        let (from, to) = (ymd(1900, 1, 1), ymd(2300, 12, 31));
        assert_eq!(calendar.working_days_between(from, to), brute_force_between(calendar, from, to));
    }

    #[test]
    fn weekend_dates_in_an_imported_set_are_not_subtracted_twice() {
        // Sat 8 and Sun 9 March 2025 imported as "holidays" change nothing.
        let calendar = WorkCalendar::from_holidays([ymd(2025, 3, 8), ymd(2025, 3, 9)]);
        assert_eq!(calendar.working_days_between(ymd(2025, 3, 7), ymd(2025, 3, 10)), 1);
        assert_eq!(calendar.add_working_days(ymd(2025, 3, 7), 1), ymd(2025, 3, 10));
    }

    #[test]
    fn a_manual_calendar_uses_only_its_own_dates() {
        let calendar = WorkCalendar::from_holidays([ymd(2025, 3, 10)]);
        assert_eq!(calendar.add_working_days(ymd(2025, 3, 7), 1), ymd(2025, 3, 11));
        // No E&W holidays in this calendar: Christmas 2025 is a working day here.
        assert!(calendar.is_working_day(ymd(2025, 12, 25)));
    }

    #[test]
    fn calendar_weeks_are_not_moved_but_are_flagged() {
        let calendar = england_and_wales();
        // 16 weeks from Thu 3 Sep 2026 is Thu 24 Dec 2026, a working day.
        let deadline = calendar.calendar_week_deadline(ymd(2026, 9, 3), 16);
        assert_eq!(deadline.date, ymd(2026, 12, 24));
        assert!(!deadline.lands_on_non_working_day);
        // One day later lands on Christmas Day and stays there.
        let deadline = calendar.calendar_week_deadline(ymd(2026, 9, 4), 16);
        assert_eq!(deadline.date, ymd(2026, 12, 25));
        assert!(deadline.lands_on_non_working_day);
        assert_eq!(add_calendar_weeks(ymd(2025, 1, 1), 0), ymd(2025, 1, 1));
    }

    #[test]
    fn extreme_inputs_saturate_instead_of_panicking_or_looping() {
        let calendar = england_and_wales();
        assert_eq!(add_calendar_weeks(NaiveDate::MAX, 1), NaiveDate::MAX);
        assert_eq!(add_calendar_weeks(ymd(2025, 1, 1), u32::MAX), NaiveDate::MAX);
        assert_eq!(calendar.next_working_day(NaiveDate::MAX), NaiveDate::MAX);
        assert_eq!(calendar.add_working_days(ymd(2025, 1, 1), u32::MAX), NaiveDate::MAX);
        assert_eq!(calendar.working_days_between(NaiveDate::MAX, NaiveDate::MAX), 0);
        let whole_range = calendar.working_days_between(NaiveDate::MIN, NaiveDate::MAX);
        assert!(whole_range > 0);
        assert_eq!(calendar.working_days_between(NaiveDate::MAX, NaiveDate::MIN), -whole_range);
        // The largest reachable count still lands on a working day; one more saturates.
        let reachable = u32::try_from(whole_range).expect("fits in u32");
        let far = calendar.add_working_days(NaiveDate::MIN, reachable);
        assert!(calendar.is_working_day(far));
        assert_eq!(calendar.add_working_days(NaiveDate::MIN, reachable + 1), NaiveDate::MAX);
    }

    #[test]
    fn a_calendar_with_no_working_days_left_saturates() {
        // Every weekday of a fortnight near the end of time is a holiday.
        let last = NaiveDate::MAX;
        let start = last.checked_sub_days(Days::new(14)).expect("in range");
        let calendar = WorkCalendar::from_holidays(start.iter_days().take_while(|d| *d <= last));
        assert_eq!(calendar.next_working_day(start), NaiveDate::MAX);
        assert_eq!(calendar.working_day_on_or_after(start), NaiveDate::MAX);
    }

    #[test]
    fn weekday_count_agrees_with_chrono_weekdays() {
        // Anchors the "day 1 of the era is a Monday" assumption, on both sides of AD 1.
        for start in [ymd(-3, 12, 20), ymd(1, 1, 1), ymd(2025, 3, 3)] {
            for day in start.iter_days().take(30) {
                let previous = day.pred_opt().expect("in range");
                let counted = weekdays_up_to(day) - weekdays_up_to(previous);
                assert_eq!(counted == 1, is_weekday(day), "{day}");
            }
        }
    }

    fn date_in_1900_to_2300() -> impl Strategy<Value = NaiveDate> {
        let first = ymd(1900, 1, 1);
        let span = ymd(2300, 12, 31).signed_duration_since(first).num_days();
        (0..=span).prop_map(move |days| {
            first.checked_add_days(Days::new(u64::try_from(days).expect("non-negative"))).expect("in range")
        })
    }

    proptest! {
        #[test]
        fn a_working_day_deadline_is_never_a_weekend_or_bank_holiday(
            from in date_in_1900_to_2300(),
            n in 1u32..=2000,
        ) {
            let deadline = england_and_wales().add_working_days(from, n);
            prop_assert!(is_weekday(deadline), "{} is a weekend", deadline);
            prop_assert!(!holidays::is_bank_holiday(deadline), "{} is a bank holiday", deadline);
            prop_assert!(deadline > from);
        }

        #[test]
        fn counting_back_gives_the_number_added(
            from in date_in_1900_to_2300(),
            n in 0u32..=2000,
        ) {
            let calendar = england_and_wales();
            let deadline = calendar.add_working_days(from, n);
            prop_assert_eq!(calendar.working_days_between(from, deadline), i64::from(n));
        }

        #[test]
        fn adding_more_working_days_never_gives_an_earlier_date(
            from in date_in_1900_to_2300(),
            n in 0u32..=2000,
            extra in 1u32..=30,
        ) {
            let calendar = england_and_wales();
            prop_assert!(
                calendar.add_working_days(from, n) < calendar.add_working_days(from, n + extra)
            );
        }

        #[test]
        fn between_is_antisymmetric_and_matches_the_day_by_day_count(
            a in date_in_1900_to_2300(),
            gap in -1500i64..=1500,
        ) {
            let calendar = england_and_wales();
            let b = if gap >= 0 {
                a.checked_add_days(Days::new(gap.unsigned_abs()))
            } else {
                a.checked_sub_days(Days::new(gap.unsigned_abs()))
            }
            .expect("in range");
            let forward = calendar.working_days_between(a, b);
            prop_assert_eq!(forward, -calendar.working_days_between(b, a));
            prop_assert_eq!(forward, brute_force_between(calendar, a, b));
        }

        #[test]
        fn next_working_day_is_the_first_working_day_after(from in date_in_1900_to_2300()) {
            let calendar = england_and_wales();
            let next = calendar.next_working_day(from);
            prop_assert!(calendar.is_working_day(next));
            prop_assert!(from.iter_days().skip(1).take_while(|d| *d < next).all(|d| !calendar.is_working_day(d)));
        }
    }
}
