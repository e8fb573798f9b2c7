//! The Today screen: keypresses with their redraw at 100×30, then each
//! section's reads. Each figure is the least of five runs unless it says
//! otherwise. The desk's day is `CASEDESK_TODAY` (default 2026-11-20).

use std::time::Duration;

use casedesk::domain::triage::{TodayItem, TodaySection};
use casedesk::store::{Day, Store, TodayPlace, TodayRow};
use casedesk::tui::action::Action;
use casedesk::tui::app::App;
use casedesk::tui::keymap::Keymap;
use casedesk::tui::theme::MONOCHROME;
use chrono::NaiveDate;
use ratatui::backend::TestBackend;
use ratatui::Terminal;

use crate::clock::{best_of_five, least, timed};

pub fn run(path: &str) {
    let today = std::env::var("CASEDESK_TODAY")
        .ok()
        .and_then(|s| NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok())
        .unwrap_or_else(crate::demo_day);
    keypresses(path, today);
    reads(path, today);
}

/// A change to the desk, so the list is read again: a contact logged on
/// the first case.
fn change(app: &mut App, today: NaiveDate) {
    let contact = crate::timing_contact(1, today);
    app.store.write(|tx| tx.log_contact(&contact)).unwrap();
}

struct Keys {
    app: App,
    term: Terminal<TestBackend>,
}

impl Keys {
    /// One keypress and its redraw.
    fn press(&mut self, action: Action) -> Duration {
        timed(|| crate::press(&mut self.app, &mut self.term, action))
    }

    fn section(&self) -> Option<TodaySection> {
        self.app.today_screen().selected().map(|i| i.section)
    }

    /// Page down through the whole list: the median press, and the slowest
    /// four with the section they landed in. (A press that brings a
    /// heading near the selection counts that section too.)
    fn walk(&mut self) -> (usize, Duration, Vec<(Duration, Option<TodaySection>)>) {
        self.press(Action::Top);
        let mut times = Vec::new();
        loop {
            let before = self.app.today_screen().selected().map(|i| i.key());
            let t = self.press(Action::PageDown);
            if self.app.today_screen().selected().map(|i| i.key()) == before {
                break;
            }
            times.push((t, self.section()));
        }
        let mut sorted: Vec<Duration> = times.iter().map(|(t, _)| *t).collect();
        sorted.sort();
        times.sort_by_key(|t| std::cmp::Reverse(t.0));
        times.truncate(4);
        (sorted.len(), sorted[sorted.len() / 2], times)
    }

    /// Off to Intake and back to Today.
    fn round_trip(&mut self) -> Duration {
        self.press(Action::ScreenIntake);
        self.press(Action::ScreenToday)
    }
}

fn keypresses(path: &str, today: NaiveDate) {
    let mut term = Terminal::new(TestBackend::new(100, 30)).unwrap();
    // Opening: the app's first read of Today and its first frame.
    let mut app = None;
    let opened = least(5, || {
        let store = crate::open(path);
        timed(|| {
            let mut opened = App::new(store, today, Keymap::default(), MONOCHROME).unwrap();
            term.draw(|f| opened.render(f)).unwrap();
            app = Some(opened);
        })
    });
    println!("open Today {opened:?}");
    let mut keys = Keys { app: app.unwrap(), term };

    for action in [Action::Down, Action::PageDown, Action::Up, Action::PageUp] {
        let (_, t) = best_of_five(|| keys.press(action));
        println!("{action:?} {t:?}");
    }
    let t = least(5, || {
        keys.press(Action::Top);
        keys.press(Action::Bottom)
    });
    println!("End {t:?}");
    let (_, t) = best_of_five(|| keys.press(Action::Up));
    println!("Up from the end {t:?}");
    let t = least(5, || {
        keys.press(Action::Bottom);
        keys.press(Action::Top)
    });
    println!("Home {t:?}");

    keys.press(Action::Top);
    for _ in 0..30 {
        keys.press(Action::PageDown);
    }
    let t = least(5, || {
        change(&mut keys.app, today);
        keys.round_trip()
    });
    println!("back to Today after a change, 30 pages down {t:?}");
    let t = least(5, || keys.round_trip());
    println!("back to Today, nothing changed {t:?}");

    // The first walk reads every page from the file and counts each
    // section once; the second finds them in the page cache and counted.
    for walk in ["first", "second"] {
        let (presses, median, slowest) = keys.walk();
        println!(
            "PageDown through the whole list ({walk} walk): {presses} presses, median {median:?}, slowest {slowest:?}"
        );
    }

    // A change made with the due-soon heading in view: that section, the
    // longest, is counted again on the way back.
    let t = least(5, || {
        keys.press(Action::Top);
        while keys.section().is_some_and(|s| s < TodaySection::DueSoon) {
            keys.press(Action::PageDown);
        }
        change(&mut keys.app, today);
        keys.round_trip()
    });
    println!("back to Today after a change, due-soon heading in view {t:?}");
}

/// A whole section, as the rows after its heading.
fn whole_section(store: &Store, day: &Day<'_>, section: TodaySection, count: usize) -> Vec<TodayItem> {
    let page = store.today_rows_after(day, &TodayPlace::Heading(section), count).unwrap();
    page.rows
        .into_iter()
        .filter_map(|r| match r {
            TodayRow::Item(i) => Some(i),
            TodayRow::Heading(_) => None,
        })
        .collect()
}

fn reads(path: &str, today: NaiveDate) {
    let store = crate::open(path);
    let (calendar, rules) = (store.calendar().unwrap(), store.rules().unwrap());
    let day = Day::new(today, &calendar, &rules);
    for section in TodaySection::ALL {
        let (n, t) = best_of_five(|| store.today_count(&day, *section).unwrap());
        let (page, first) = best_of_five(|| store.today_rows_after(&day, &TodayPlace::Heading(*section), 50).unwrap());
        let key = page.rows.iter().rev().find_map(|r| match r {
            TodayRow::Item(i) => Some(i.key()),
            TodayRow::Heading(_) => None,
        });
        let (_, next) = best_of_five(|| {
            key.as_ref().map(|k| store.today_rows_after(&day, &TodayPlace::Item(k.clone()), 50).unwrap())
        });
        let (_, whole) = best_of_five(|| whole_section(&store, &day, *section, n));
        println!("{section:?}: count {n} {t:?} | first 50 {first:?} | next 50 {next:?} | whole section {whole:?}");
    }
    // Deep into one busy day: the seek goes straight to the key.
    let count = store.today_count(&day, TodaySection::DueToday).unwrap();
    let due_today = whole_section(&store, &day, TodaySection::DueToday, count);
    for at in [10, due_today.len() / 2, due_today.len().saturating_sub(60)] {
        let Some(key) = due_today.get(at).map(|i| i.key()) else { continue };
        let (_, t) = best_of_five(|| store.today_rows_after(&day, &TodayPlace::Item(key.clone()), 50).unwrap());
        println!("50 rows after item {at} of {} due today {t:?}", due_today.len());
    }
    let (items, t) = best_of_five(|| store.today_items(&day).unwrap());
    println!("the whole list (casedesk today, the summary): {} items {t:?}", items.len());
}
