//! Timing of the Today screen on a large database, run by hand on a copy
//! (a change is written to it):
//! `TODAY_BIG_DB=/path/copy.db CASEDESK_TODAY=2026-11-20 cargo test --release --lib today_timing -- --ignored --nocapture`.
//! Each figure is thread CPU time, the least of five runs unless it says
//! otherwise; a keypress is measured with its redraw at 100×30.

use std::time::Duration;

use chrono::NaiveDate;
use ratatui::backend::TestBackend;
use ratatui::Terminal;

use super::keyset::Seek;
use crate::domain::triage::TodaySection;
use crate::store::model::NewContact;
use crate::store::views::{best_of_five, thread_cpu_time};
use crate::store::{Day, OpenMode, Store, TodayPlace, TodayRow};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keymap::Keymap;
use crate::tui::theme::MONOCHROME;

fn open(path: &str) -> Store {
    Store::open(std::path::Path::new(path), OpenMode::MustExist).unwrap()
}

/// A change to the desk, so the list is read again: a contact logged on
/// the first case.
fn change(app: &mut App, today: NaiveDate) {
    let contact = NewContact {
        case_id: 1,
        person_id: None,
        occurred_on: today,
        channel: crate::domain::types::ContactChannel::Phone,
        outgoing: true,
        summary: "timing".into(),
        outcome: None,
        follow_up_on: None,
    };
    app.store.write(|tx| tx.log_contact(&contact)).unwrap();
}

/// The least of five measured times.
fn least(mut f: impl FnMut() -> Duration) -> Duration {
    (0..5).map(|_| f()).min().unwrap()
}

struct Keys {
    app: App,
    term: Terminal<TestBackend>,
}

impl Keys {
    /// One keypress and its redraw.
    fn press(&mut self, action: Action) -> Duration {
        let t = thread_cpu_time();
        self.app.apply(action);
        let app = &mut self.app;
        self.term.draw(|f| app.render(f)).unwrap();
        thread_cpu_time() - t
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
}

#[test]
#[ignore]
fn today_timing() {
    let Ok(path) = std::env::var("TODAY_BIG_DB") else { return };
    let today = std::env::var("CASEDESK_TODAY")
        .ok()
        .and_then(|s| NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok())
        .unwrap_or(NaiveDate::from_ymd_opt(2026, 11, 20).unwrap());
    keypresses(&path, today);
    reads(&path, today);
}

fn keypresses(path: &str, today: NaiveDate) {
    let mut term = Terminal::new(TestBackend::new(100, 30)).unwrap();
    // Opening: the app's first read of Today and its first frame.
    let mut app = None;
    let opened = least(|| {
        let store = open(path);
        let t = thread_cpu_time();
        let mut opened = App::new(store, today, Keymap::default(), MONOCHROME).unwrap();
        term.draw(|f| opened.render(f)).unwrap();
        let t = thread_cpu_time() - t;
        app = Some(opened);
        t
    });
    println!("open Today {opened:?}");
    let mut keys = Keys { app: app.unwrap(), term };

    for action in [Action::Down, Action::PageDown, Action::Up, Action::PageUp] {
        let (_, t) = best_of_five(|| keys.press(action));
        println!("{action:?} {t:?}");
    }
    let t = least(|| {
        keys.press(Action::Top);
        keys.press(Action::Bottom)
    });
    println!("End {t:?}");
    let (_, t) = best_of_five(|| keys.press(Action::Up));
    println!("Up from the end {t:?}");
    let t = least(|| {
        keys.press(Action::Bottom);
        keys.press(Action::Top)
    });
    println!("Home {t:?}");

    keys.press(Action::Top);
    for _ in 0..30 {
        keys.press(Action::PageDown);
    }
    let t = least(|| {
        change(&mut keys.app, today);
        keys.press(Action::ScreenIntake);
        keys.press(Action::ScreenToday)
    });
    println!("back to Today after a change, 30 pages down {t:?}");
    let t = least(|| {
        keys.press(Action::ScreenIntake);
        keys.press(Action::ScreenToday)
    });
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
    let t = least(|| {
        keys.press(Action::Top);
        while keys.section().is_some_and(|s| s < TodaySection::DueSoon) {
            keys.press(Action::PageDown);
        }
        change(&mut keys.app, today);
        keys.press(Action::ScreenIntake);
        keys.press(Action::ScreenToday)
    });
    println!("back to Today after a change, due-soon heading in view {t:?}");
}

fn reads(path: &str, today: NaiveDate) {
    let store = open(path);
    let (calendar, rules) = (store.calendar().unwrap(), store.rules().unwrap());
    let day = Day { today, calendar: &calendar, rules: &rules };
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
        let (_, whole) = best_of_five(|| store.section_items(&day, *section, Seek::First, None).unwrap());
        println!("{section:?}: count {n} {t:?} | first 50 {first:?} | next 50 {next:?} | whole section {whole:?}");
    }
    // Deep into one busy day: the seek goes straight to the key.
    let due_today = store.section_items(&day, TodaySection::DueToday, Seek::First, None).unwrap();
    for at in [10, due_today.len() / 2, due_today.len().saturating_sub(60)] {
        let Some(key) = due_today.get(at).map(|i| i.key()) else { continue };
        let (_, t) = best_of_five(|| store.today_rows_after(&day, &TodayPlace::Item(key.clone()), 50).unwrap());
        println!("50 rows after item {at} of {} due today {t:?}", due_today.len());
    }
    let (items, t) = best_of_five(|| store.today_items(&day).unwrap());
    println!("the whole list (casedesk today, the summary): {} items {t:?}", items.len());
}
