//! The Agreements screen: its reads, then keypresses at 100×30.

use casedesk::store::views::agreements::ListKey;
use casedesk::store::views::allocation::CoordinatorFilter::{self, All, Only, Unallocated};
use casedesk::tui::action::Action;
use ratatui::backend::TestBackend;
use ratatui::Terminal;

use crate::clock::{best_of_five, least, timed};

fn end() -> ListKey {
    ListKey { group: i64::MAX, sort: String::new(), id: 0 }
}

pub fn run(path: &str) {
    reads(path, All);
    // `f` on Agreements: one coordinator's cases (the first in the
    // directory) and the cases no one holds yet, read from the same indexes.
    let first = crate::open(path).filter_coordinators().unwrap().first().map(|c| c.id);
    for filter in first.map(Only).into_iter().chain([Unallocated]) {
        println!("filtered by coordinator: {filter:?}");
        reads(path, filter);
    }
    keypresses(path);
}

fn reads(path: &str, filter: CoordinatorFilter) {
    let store = crate::open(path);
    let (counts, t) = best_of_five(|| store.arrangement_counts(filter).unwrap());
    println!("arrangement counts {counts:?} {t:?}");
    let (rows, t) = best_of_five(|| store.arrangements_from(filter, None, 51).unwrap());
    println!("arrangements first page {} {t:?}", rows.len());
    let (last, t) = best_of_five(|| store.arrangements_before(filter, &end(), 50).unwrap());
    println!("arrangements last page {} {t:?}", last.len());
    if let Some(key) = last.first().map(|r| r.key.clone()) {
        let (n, t) = best_of_five(|| store.arrangements_before_count(filter, &key).unwrap());
        println!("arrangements rows before the last page {n} {t:?}");
    }
    let (counts, t) = best_of_five(|| store.agreement_counts(filter).unwrap());
    println!("agreement counts {counts:?} {t:?}");
    let (rows, t) = best_of_five(|| store.agreements_from(filter, None, 21).unwrap());
    println!("agreements first page {} {t:?}", rows.len());
    let (last, t) = best_of_five(|| store.agreements_before(filter, &end(), 20).unwrap());
    println!("agreements last page {} {t:?}", last.len());
    if let Some(key) = last.first().map(|r| r.key.clone()) {
        let (n, t) = best_of_five(|| store.agreements_before_count(filter, &key).unwrap());
        println!("agreements rows before the last page {n} {t:?}");
    }
    if let Some(row) = rows.last() {
        let (key, t) = best_of_five(|| store.agreement_key(row.case_id, None).unwrap());
        println!("agreement key of a case {:?} {t:?}", key.is_some());
    }
}

/// Keypresses as the user makes them, each with its redraw at 100×30.
fn keypresses(path: &str) {
    let mut app = crate::app(path, crate::demo_day());
    let mut term = Terminal::new(TestBackend::new(100, 30)).unwrap();
    let switch = least(5, || {
        crate::press(&mut app, &mut term, Action::ScreenIntake);
        timed(|| crate::press(&mut app, &mut term, Action::ScreenAgreements))
    });
    println!("keypress: to Agreements {switch:?}");
    for view in ["arrangements", "agreements"] {
        for action in [Action::Down, Action::PageDown, Action::Bottom, Action::Up, Action::Top] {
            let (_, t) = best_of_five(|| crate::press(&mut app, &mut term, action));
            println!("keypress: {view} {action:?} {t:?}");
        }
        // Five toggles (an odd number) leave the other view showing.
        let (_, there) = best_of_five(|| crate::press(&mut app, &mut term, Action::ToggleView));
        println!("keypress: ToggleView from {view} {there:?}");
    }
}
