//! The Deadlines list: each read per filter, then keypresses at 120×40.

use casedesk::domain::types::Service;
use casedesk::store::views::deadlines::{DeadlineFilter, PageAt};
use casedesk::tui::action::Action;
use casedesk::tui::app::App;
use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::backend::TestBackend;
use ratatui::Terminal;

use crate::clock::{best_of_five, spread, timed};

pub fn run(path: &str) {
    reads(path, crate::demo_day());
    keypresses(path);
}

fn filters(path: &str, today: NaiveDate) -> Vec<(&'static str, DeadlineFilter)> {
    let store = crate::open(path);
    let hits: Vec<i64> = store.search("Okafor", 500).unwrap().into_iter().map(|h| h.case_id).collect();
    let first = store.deadline_page(&DeadlineFilter::default(), PageAt::First, 1).unwrap();
    vec![
        ("all", DeadlineFilter::default()),
        ("overdue", DeadlineFilter { due_until: today.pred_opt(), ..DeadlineFilter::default() }),
        ("week", DeadlineFilter { due_from: Some(today), due_until: Some(today), ..DeadlineFilter::default() }),
        ("provider", DeadlineFilter { provider_id: Some(3), ..DeadlineFilter::default() }),
        ("oocd", DeadlineFilter { service: Some(Service::Oocd), ..DeadlineFilter::default() }),
        ("rj", DeadlineFilter { service: Some(Service::RestorativeJustice), ..DeadlineFilter::default() }),
        ("mediation", DeadlineFilter { service: Some(Service::Mediation), ..DeadlineFilter::default() }),
        ("cases", DeadlineFilter { case_ids: Some(hits), ..DeadlineFilter::default() }),
        ("one case", DeadlineFilter { case_id: first.rows.first().map(|r| r.case_id), ..DeadlineFilter::default() }),
    ]
}

/// Each read of the list, per filter: the least of five runs.
fn reads(path: &str, today: NaiveDate) {
    let store = crate::open(path);
    for (name, f) in &filters(path, today) {
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

fn on_deadlines(path: &str) -> App {
    let mut app = crate::app(path, crate::demo_day());
    app.apply(Action::ScreenDeadlines);
    app
}

/// The median and the worst of 60 presses of each key, repeated from where
/// the last left off (as the benchmark `deadlines_keypress` does).
fn keypresses(path: &str) {
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
        let mut app = on_deadlines(path);
        if matches!(action, Action::Up | Action::PageUp) {
            app.apply(Action::Bottom);
        }
        term.draw(|f| app.render(f)).unwrap();
        let times = (0..60).map(|_| timed(|| crate::press(&mut app, &mut term, action))).collect();
        let (median, worst) = spread(times);
        println!("keypress {:32} median {median:>10.3?} worst {worst:>10.3?}", action.to_string());
    }
    // Enter on the words filter, with a family name typed.
    let times = (0..15)
        .map(|_| {
            let mut app = on_deadlines(path);
            for _ in 0..3 {
                app.apply(Action::Filter);
            }
            for c in "Okafor".chars() {
                app.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
            }
            timed(|| {
                app.handle_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
                term.draw(|f| app.render(f)).unwrap();
            })
        })
        .collect();
    let (median, worst) = spread(times);
    println!("keypress {:32} median {median:>10.3?} worst {worst:>10.3?}", "Enter on the words filter");
}
