//! Timing of the Agreements screen on a large database, run by hand:
//! `AGREEMENTS_BIG_DB=/path cargo test --release --lib agreements_timing -- --ignored --nocapture`.
//! Each figure is the least thread CPU time of five runs.

use std::time::Duration;

use chrono::NaiveDate;
use ratatui::backend::TestBackend;
use ratatui::Terminal;

use crate::store::views::{best_of_five, thread_cpu_time};
use crate::store::{OpenMode, Store};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keymap::Keymap;
use crate::tui::theme::MONOCHROME;

use super::ListKey;

/// The least of five measured times.
fn least(mut f: impl FnMut() -> Duration) -> Duration {
    (0..5).map(|_| f()).min().unwrap()
}

fn end() -> ListKey {
    ListKey { group: i64::MAX, sort: String::new(), id: 0 }
}

#[test]
#[ignore]
fn agreements_timing() {
    let Ok(path) = std::env::var("AGREEMENTS_BIG_DB") else { return };
    let today = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    let store = Store::open(std::path::Path::new(&path), OpenMode::MustExist).unwrap();

    let (counts, t) = best_of_five(|| store.arrangement_counts().unwrap());
    println!("arrangement counts {counts:?} {t:?}");
    let (rows, t) = best_of_five(|| store.arrangements_from(None, 51).unwrap());
    println!("arrangements first page {} {t:?}", rows.len());
    let (last, t) = best_of_five(|| store.arrangements_before(&end(), 50).unwrap());
    println!("arrangements last page {} {t:?}", last.len());
    if let Some(key) = last.first().map(|r| r.key.clone()) {
        let (n, t) = best_of_five(|| store.arrangements_before_count(&key).unwrap());
        println!("arrangements rows before the last page {n} {t:?}");
    }
    let (counts, t) = best_of_five(|| store.agreement_counts().unwrap());
    println!("agreement counts {counts:?} {t:?}");
    let (rows, t) = best_of_five(|| store.agreements_from(None, 21).unwrap());
    println!("agreements first page {} {t:?}", rows.len());
    let (last, t) = best_of_five(|| store.agreements_before(&end(), 20).unwrap());
    println!("agreements last page {} {t:?}", last.len());
    if let Some(key) = last.first().map(|r| r.key.clone()) {
        let (n, t) = best_of_five(|| store.agreements_before_count(&key).unwrap());
        println!("agreements rows before the last page {n} {t:?}");
    }
    if let Some(row) = rows.last() {
        let (key, t) = best_of_five(|| store.agreement_key(row.case_id, None).unwrap());
        println!("agreement key of a case {:?} {t:?}", key.is_some());
    }
    drop(store);

    // Keypresses as the user makes them, each with its redraw at 100×30.
    let store = Store::open(std::path::Path::new(&path), OpenMode::MustExist).unwrap();
    let mut app = App::new(store, today, Keymap::default(), MONOCHROME).unwrap();
    let mut term = Terminal::new(TestBackend::new(100, 30)).unwrap();
    let mut press = |app: &mut App, action: Action| {
        app.apply(action);
        term.draw(|f| app.render(f)).unwrap();
    };
    let switch = least(|| {
        press(&mut app, Action::ScreenIntake);
        let t = thread_cpu_time();
        press(&mut app, Action::ScreenAgreements);
        thread_cpu_time() - t
    });
    println!("keypress: to Agreements {switch:?}");
    for view in ["arrangements", "agreements"] {
        for action in [Action::Down, Action::PageDown, Action::Bottom, Action::Up, Action::Top] {
            let (_, t) = best_of_five(|| press(&mut app, action));
            println!("keypress: {view} {action:?} {t:?}");
        }
        // Five toggles (an odd number) leave the other view showing.
        let (_, there) = best_of_five(|| press(&mut app, Action::ToggleView));
        println!("keypress: ToggleView from {view} {there:?}");
    }
}
