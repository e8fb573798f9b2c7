//! Timing of the Deadlines list on a large database, run by hand:
//! `DEADLINES_BIG_DB=/path cargo test --release --lib deadlines_timing -- --ignored --nocapture`.
//! Figures are thread CPU time: on a busy machine, wall time measures the
//! neighbours.

use std::time::Duration;

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::backend::TestBackend;
use ratatui::Terminal;

use super::{DeadlineFilter, PageAt};
use crate::domain::types::Service;
use crate::store::views::{best_of_five, thread_cpu_time};
use crate::store::{OpenMode, Store};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keymap::Keymap;
use crate::tui::theme::MONOCHROME;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()
}

/// Each read of the list, per filter: the least of five runs.
#[test]
#[ignore]
fn deadlines_timing() {
    let Ok(path) = std::env::var("DEADLINES_BIG_DB") else { return };
    let store = Store::open(std::path::Path::new(&path), OpenMode::MustExist).unwrap();
    let hits: Vec<i64> = store.search("Okafor", 500).unwrap().into_iter().map(|h| h.case_id).collect();
    let first = store.deadline_page(&DeadlineFilter::default(), PageAt::First, 1).unwrap();
    let filters = [
        ("all", DeadlineFilter::default()),
        ("overdue", DeadlineFilter { due_until: today().pred_opt(), ..DeadlineFilter::default() }),
        ("week", DeadlineFilter { due_from: Some(today()), due_until: Some(today()), ..DeadlineFilter::default() }),
        ("provider", DeadlineFilter { provider_id: Some(3), ..DeadlineFilter::default() }),
        ("oocd", DeadlineFilter { service: Some(Service::Oocd), ..DeadlineFilter::default() }),
        ("rj", DeadlineFilter { service: Some(Service::RestorativeJustice), ..DeadlineFilter::default() }),
        ("mediation", DeadlineFilter { service: Some(Service::Mediation), ..DeadlineFilter::default() }),
        ("cases", DeadlineFilter { case_ids: Some(hits), ..DeadlineFilter::default() }),
        ("one case", DeadlineFilter { case_id: first.rows.first().map(|r| r.case_id), ..DeadlineFilter::default() }),
    ];
    for (name, f) in &filters {
        let (page, t1) = best_of_five(|| store.deadline_page(f, PageAt::First, 100).unwrap());
        let (count, t2) = best_of_five(|| store.deadline_count(f).unwrap());
        let key = page.rows.last().map(|r| r.key);
        let (next, t3) =
            best_of_five(|| key.map(|k| store.deadline_page(f, PageAt::After(k), 100).unwrap().rows.len()));
        let (last, t4) = best_of_five(|| store.deadline_page(f, PageAt::Last, 100).unwrap().rows.len());
        let (keys, t5) = best_of_five(|| store.deadline_keys(f, 501).unwrap().len());
        println!(
            "{name:9} page {:>3} {t1:?} | count {count:?} {t2:?} | next {next:?} {t3:?} | last {last} {t4:?} | keys {keys} {t5:?}",
            page.rows.len()
        );
    }
}

/// Median and worst of `presses` CPU times.
fn spread(mut times: Vec<Duration>) -> (Duration, Duration) {
    times.sort();
    (times[times.len() / 2], times[times.len() - 1])
}

/// Keypresses as the user makes them, each with its redraw at 120×40: the
/// median and the worst of 60 presses of each key, repeated from where the
/// last left off (as the benchmark `deadlines_keypress` does).
#[test]
#[ignore]
fn deadlines_keypress_timing() {
    let Ok(path) = std::env::var("DEADLINES_BIG_DB") else { return };
    let open = || {
        let store = Store::open(std::path::Path::new(&path), OpenMode::MustExist).unwrap();
        let mut app = App::new(store, today(), Keymap::default(), MONOCHROME).unwrap();
        app.apply(Action::ScreenDeadlines);
        app
    };
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let actions = [
        Action::Down,
        Action::Up,
        Action::PageDown,
        Action::PageUp,
        Action::Top,
        Action::Bottom,
        Action::Filter,
        Action::FilterProvider,
        Action::FilterService,
    ];
    for action in actions {
        let mut app = open();
        if matches!(action, Action::Up | Action::PageUp) {
            app.apply(Action::Bottom);
        }
        term.draw(|f| app.render(f)).unwrap();
        let times = (0..60)
            .map(|_| {
                let t = thread_cpu_time();
                app.apply(action);
                term.draw(|f| app.render(f)).unwrap();
                thread_cpu_time() - t
            })
            .collect();
        let (median, worst) = spread(times);
        println!("keypress {:32} median {median:>10.3?} worst {worst:>10.3?}", action.to_string());
    }
    // Enter on the words filter, with a family name typed.
    let times = (0..15)
        .map(|_| {
            let mut app = open();
            for _ in 0..3 {
                app.apply(Action::Filter);
            }
            for c in "Okafor".chars() {
                app.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
            }
            let t = thread_cpu_time();
            app.handle_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
            term.draw(|f| app.render(f)).unwrap();
            thread_cpu_time() - t
        })
        .collect();
    let (median, worst) = spread(times);
    println!("keypress {:32} median {median:>10.3?} worst {worst:>10.3?}", "Enter on the words filter");
}
