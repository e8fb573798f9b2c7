//! The period reports: gathering each period, then `p` on the Reports
//! screen. Figures are the least of three runs.

use casedesk::export::report::gather;
use casedesk::tui::action::Action;
use casedesk::tui::screens::reports::Period;
use ratatui::backend::TestBackend;
use ratatui::Terminal;

use crate::clock::{least, timed};

pub fn run(path: &str) {
    let today = crate::demo_day();
    let store = crate::open(path);
    let calendar = store.calendar().unwrap();
    let periods = [Period::Last4Weeks, Period::Last13Weeks, Period::Last52Weeks, Period::FinancialYear];
    for period in periods {
        let (from, to) = period.range(today);
        let t = least(3, || timed(|| drop(gather(&store, from, to, &calendar).unwrap())));
        println!("gather {:20} {from}..{to} {t:?}", period.label());
    }
    drop(store);

    // `p` on the Reports screen: each press gathers the next period.
    let mut app = crate::app(path, today);
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
    app.apply(Action::ScreenReports);
    for _ in 0..8 {
        let t = timed(|| crate::press(&mut app, &mut term, Action::Period));
        println!("keypress: Period {t:?}");
    }
}
