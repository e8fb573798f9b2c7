//! Scratch (not committed): CPU time of every screen's keys at scale.
use casedesk::store::{OpenMode, Store};
use casedesk::tui::action::Action;
use casedesk::tui::app::App;
use casedesk::tui::keymap::Keymap;
use casedesk::tui::theme::MONOCHROME;
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use std::time::Duration;

fn cpu() -> Duration {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

#[test]
#[ignore]
fn keys_at_scale() {
    let path = std::env::var("BIG_DB").unwrap();
    let store = Store::open(std::path::Path::new(&path), OpenMode::MustExist).unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    let t = cpu();
    let mut app = App::new(store, today, Keymap::default(), MONOCHROME).unwrap();
    println!("App::new {:?}", cpu() - t);
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
    use Action::*;
    let screens =
        [ScreenToday, ScreenIntake, ScreenChecklist, ScreenDeadlines, ScreenAgreements, ScreenCase, ScreenReports];
    for s in screens {
        let t = cpu();
        app.apply(s);
        term.draw(|f| app.render(f)).unwrap();
        println!("{s:?}: switch {:?}", cpu() - t);
        for a in
            [Down, Down, PageDown, Bottom, Top, Filter, Filter, Filter, ToggleView, ToggleView, Down, Open, Back, Back]
        {
            let mut best = Duration::MAX;
            let mut worst = Duration::ZERO;
            for _ in 0..3 {
                let t = cpu();
                app.apply(a);
                app.overlay = None;
                term.draw(|f| app.render(f)).unwrap();
                let d = cpu() - t;
                best = best.min(d);
                worst = worst.max(d);
            }
            if worst > Duration::from_millis(3) {
                println!("   {a:?}: best {best:?} worst {worst:?}");
            }
        }
    }
}

#[test]
#[ignore]
fn reports_at_scale() {
    let path = std::env::var("BIG_DB").unwrap();
    let store = Store::open(std::path::Path::new(&path), OpenMode::MustExist).unwrap();
    let to = chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    for weeks in [4i64, 13, 52] {
        let from = to - chrono::Duration::weeks(weeks) + chrono::Duration::days(1);
        let t = cpu();
        store.period_facts(from, to).unwrap();
        let a = cpu() - t;
        let t = cpu();
        store.weekly_counts(from, to).unwrap();
        println!("{weeks} weeks: facts {a:?} weekly {:?}", cpu() - t);
    }
}
