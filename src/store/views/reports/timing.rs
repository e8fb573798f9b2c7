//! Timing of the period reports on a large database, run by hand:
//! `REPORTS_BIG_DB=/path cargo test --release --lib reports_timing -- --ignored --nocapture`.
//! Figures are thread CPU time, the least of three runs.

use std::time::Duration;

use chrono::NaiveDate;
use ratatui::backend::TestBackend;
use ratatui::Terminal;

use crate::export::report::gather;
use crate::store::views::thread_cpu_time;
use crate::store::{OpenMode, Store};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keymap::Keymap;
use crate::tui::screens::reports::Period;
use crate::tui::theme::MONOCHROME;

fn least_of_three(mut f: impl FnMut()) -> Duration {
    (0..3)
        .map(|_| {
            let t = thread_cpu_time();
            f();
            thread_cpu_time() - t
        })
        .min()
        .unwrap()
}

#[test]
#[ignore]
fn reports_timing() {
    let Ok(path) = std::env::var("REPORTS_BIG_DB") else { return };
    let today = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    let store = Store::open(std::path::Path::new(&path), OpenMode::MustExist).unwrap();
    let calendar = store.calendar().unwrap();
    let periods = [Period::Last4Weeks, Period::Last13Weeks, Period::Last52Weeks, Period::FinancialYear];
    for period in periods {
        let (from, to) = period.range(today);
        let t = least_of_three(|| {
            gather(&store, from, to, &calendar).unwrap();
        });
        println!("gather {:20} {from}..{to} {t:?}", period.label());
    }
    drop(store);

    // `p` on the Reports screen: each press gathers the next period.
    let store = Store::open(std::path::Path::new(&path), OpenMode::MustExist).unwrap();
    let mut app = App::new(store, today, Keymap::default(), MONOCHROME).unwrap();
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
    app.apply(Action::ScreenReports);
    for _ in 0..8 {
        let t = thread_cpu_time();
        app.apply(Action::Period);
        term.draw(|f| app.render(f)).unwrap();
        println!("keypress: Period {:?}", thread_cpu_time() - t);
    }
}
