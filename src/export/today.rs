//! The Today list as plain text, for `casedesk today` and for cron mail.
//!
//! A force-wide desk lists tens of thousands of lines, so each line is
//! written straight into one buffer (padding and dates by hand) rather than
//! through `format!`; the text is the same either way.

use std::collections::HashMap;
use std::fmt::Write as _;

use chrono::NaiveDate;

use crate::domain::triage::{order, sections, TodayItem, TodaySection};
use crate::export::safe::inert;
use crate::store::TodaySectionRead;

/// How many items of each section `casedesk today` lists without `--all`:
/// a morning's worth to read in a terminal or a cron mail. The Today
/// screen pages through the rest.
pub const FIRST_ITEMS: usize = 20;

/// Width of the reference column and of the date column.
const REF_WIDTH: usize = 15;
const WHEN_WIDTH: usize = 28;

/// The whole list as one string (for tests and small desks).
pub fn render(today: NaiveDate, working_day: bool, items: Vec<TodayItem>) -> String {
    let mut text = String::new();
    let _ = write_list(&mut text, today, working_day, whole(items), &HashMap::new(), |text, chunk| {
        text.push_str(chunk);
        Ok::<(), std::convert::Infallible>(())
    });
    text
}

/// Every item, in sections: each section shows all it holds.
pub fn whole(mut items: Vec<TodayItem>) -> Vec<TodaySectionRead> {
    order(&mut items);
    sections(&items)
        .map(|(section, entries)| TodaySectionRead { section, total: entries.len(), items: entries.to_vec() })
        .collect()
}

/// The sections written to `out` in chunks of about 64 KB as they are
/// formatted, so a list of tens of thousands of lines is never held whole
/// in memory. A section that holds more than it lists says how many more;
/// an item of a case a coordinator holds names them (`coordinators`, by case).
pub fn write_to(
    out: &mut impl std::io::Write,
    today: NaiveDate,
    working_day: bool,
    read: Vec<TodaySectionRead>,
    coordinators: &HashMap<i64, String>,
) -> std::io::Result<()> {
    write_list(out, today, working_day, read, coordinators, |out, chunk| out.write_all(chunk.as_bytes()))
}

/// The cases of the items read, for asking whose they are.
pub fn cases_of(read: &[TodaySectionRead]) -> Vec<i64> {
    read.iter().flat_map(|s| s.items.iter().map(|i| i.case_id)).collect()
}

const CHUNK: usize = 64 * 1024;

fn write_list<W, E>(
    sink: &mut W,
    today: NaiveDate,
    working_day: bool,
    read: Vec<TodaySectionRead>,
    coordinators: &HashMap<i64, String>,
    mut flush: impl FnMut(&mut W, &str) -> Result<(), E>,
) -> Result<(), E> {
    let mut out = String::with_capacity(CHUNK + 1024);
    let day_kind = if working_day { "working day" } else { "not a working day" };
    let _ = writeln!(out, "Today: {} ({day_kind})", crate::domain::dates::long_with_weekday(today));
    for TodaySectionRead { section, total, items } in &read {
        let _ = writeln!(out, "\n{} ({total})", section.heading());
        if items.is_empty() {
            out.push_str("  none\n");
        }
        for item in items {
            line(&mut out, *section, item, coordinators.get(&item.case_id));
            if out.len() >= CHUNK {
                flush(sink, &out)?;
                out.clear();
            }
        }
        if *total > items.len() {
            let _ = writeln!(out, "  ... and {} more (casedesk today --all lists every one)", total - items.len());
        }
    }
    flush(sink, &out)
}

/// `  REF             LATE since 2026-11-13 (5 wd)      title · coordinator: Name`
fn line(out: &mut String, section: TodaySection, item: &TodayItem, coordinator: Option<&String>) {
    out.push_str("  ");
    padded(out, REF_WIDTH, |out| out.push_str(item.reference()));
    out.push_str(if item.late { " LATE " } else { "      " });
    padded(out, WHEN_WIDTH, |out| when(out, section, item));
    out.push(' ');
    push_inert(out, &item.title);
    if let Some(name) = coordinator {
        out.push_str(" · coordinator: ");
        push_inert(out, name);
    }
    out.push('\n');
}

/// What `write` adds, then spaces up to `width` characters (as `{:<width}`).
fn padded(out: &mut String, width: usize, write: impl FnOnce(&mut String)) {
    let start = out.len();
    write(out);
    let added = &out[start..];
    let used = if added.is_ascii() { added.len() } else { added.chars().count() };
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(used)));
}

/// `n` in decimal, as `{}` writes it.
fn push_number(out: &mut String, n: i64) {
    if n < 0 {
        out.push('-');
    }
    let mut digits = [0u8; 20];
    let mut rest = n.unsigned_abs();
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    digits[at..].iter().for_each(|d| out.push(char::from(*d)));
}

fn when(out: &mut String, section: TodaySection, item: &TodayItem) {
    let (date, days) = (item.date, item.working_days);
    match section {
        TodaySection::NewReferrals | TodaySection::Checklists | TodaySection::Timers => {
            dated(out, "since ", date, " (", days, " wd)")
        }
        TodaySection::Overdue => dated(out, "due ", date, " (", days, " wd over)"),
        TodaySection::DueSoon => dated(out, "due ", date, " (in ", days.saturating_neg(), " wd)"),
        TodaySection::Meetings => {
            out.push_str("on ");
            push_date(out, date);
        }
        _ => {
            out.push_str("due ");
            push_date(out, date);
        }
    }
}

/// `{word}{date}{open}{days}{close}`, e.g. `due Fri 13 Nov 2026 (5 wd over)`.
fn dated(out: &mut String, word: &str, date: NaiveDate, open: &str, days: i64, close: &str) {
    out.push_str(word);
    push_date(out, date);
    out.push_str(open);
    push_number(out, days);
    out.push_str(close);
}

/// The date in the desk's style.
fn push_date(out: &mut String, date: NaiveDate) {
    out.push_str(&crate::domain::dates::day(date));
}

/// `text` made inert, copied as it is when it is plain printable ASCII (the
/// usual case), so a long list does not allocate once per line.
fn push_inert(out: &mut String, text: &str) {
    if text.bytes().all(|b| (b' '..=b'~').contains(&b)) {
        out.push_str(text);
    } else {
        out.push_str(&inert(text));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::triage::test_item;

    #[test]
    fn chunks_written_to_a_writer_make_the_same_text() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        // Enough lines to span several chunks.
        let items: Vec<_> = (0..3000)
            .map(|n| item(TodaySection::ALL[n % 8], &format!("RJ-2026-{n:04}"), day, n as i64, n % 3 == 0))
            .collect();
        let mut bytes = Vec::new();
        write_to(&mut bytes, day, true, whole(items.clone()), &HashMap::new()).unwrap();
        let text = render(day, true, items);
        assert!(text.len() > 3 * CHUNK, "only {} bytes", text.len());
        assert_eq!(String::from_utf8(bytes).unwrap(), text);
        assert!(text.starts_with("Today: Friday 20 November 2026 (working day)\n"));
    }

    fn item(section: TodaySection, reference: &str, date: NaiveDate, days: i64, late: bool) -> TodayItem {
        TodayItem {
            title: "unpaid work: 20 hours\u{1b}[2J".into(),
            working_days: days,
            ..test_item(section, reference, date, late)
        }
    }

    #[test]
    fn numbers_are_written_as_display_writes_them() {
        for n in [0, 7, -7, 10, 230, -45_678, i64::MAX, i64::MIN] {
            let mut out = String::new();
            push_number(&mut out, n);
            assert_eq!(out, n.to_string());
        }
    }

    /// The hand-written line matches the `format!` it replaces, padding and
    /// dates included, for every section's wording.
    #[test]
    fn lines_match_the_formatted_layout() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let cases = [
            (TodaySection::NewReferrals, "RJ-2026-0001", day(2026, 11, 13), 5, true, "since Fri 13 Nov 2026 (5 wd)"),
            (TodaySection::Overdue, "OOCD-2026-12345", day(2026, 1, 2), 230, true, "due Fri 2 Jan 2026 (230 wd over)"),
            (TodaySection::DueSoon, "Ü-1", day(2026, 11, 27), -5, false, "due Fri 27 Nov 2026 (in 5 wd)"),
            (TodaySection::Meetings, "MED-2026-0002", day(2026, 11, 23), 0, false, "on Mon 23 Nov 2026"),
            (TodaySection::FollowUps, "A-REFERENCE-LONGER-THAN-15", day(987, 3, 4), 1, false, "due Sun 4 Mar 0987"),
            // A timer's date is when it started, not a due date.
            (TodaySection::Timers, "RJ-2026-0041", day(2026, 11, 6), 10, true, "since Fri 6 Nov 2026 (10 wd)"),
        ];
        for (section, reference, date, days, late, when) in cases {
            let mut out = String::new();
            line(&mut out, section, &item(section, reference, date, days, late), None);
            let flag = if late { "LATE" } else { "    " };
            let expected = format!("  {reference:<15} {flag} {when:<28} unpaid work: 20 hours[2J\n");
            assert_eq!(out, expected);
        }
    }
}
