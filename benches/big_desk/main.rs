//! Timing of single steps on a large database, run by hand on a copy (the
//! Today timing writes a change to it). Each step is measured only when its
//! variable names a database:
//!
//!     TODAY_BIG_DB=/path/copy.db CASEDESK_TODAY=2026-11-20 cargo bench --bench big_desk
//!     DEADLINES_BIG_DB=/path cargo bench --bench big_desk
//!     AGREEMENTS_BIG_DB=/path cargo bench --bench big_desk
//!     REPORTS_BIG_DB=/path cargo bench --bench big_desk
//!     SEARCH_BIG_DB=/path cargo bench --bench big_desk
//!     SAVES_BIG_DB=/path/copy.db cargo bench --bench big_desk
//!
//! Figures are thread CPU time: on a busy machine, wall time measures the
//! neighbours. A keypress is measured with its redraw, through the app.

mod agreements;
mod clock;
mod deadlines;
mod reports;
mod saves;
mod search;
mod today;

use casedesk::domain::types::ContactChannel;
use casedesk::store::model::NewContact;
use casedesk::store::{OpenMode, Store};
use casedesk::tui::action::Action;
use casedesk::tui::app::App;
use casedesk::tui::keymap::Keymap;
use casedesk::tui::theme::MONOCHROME;
use chrono::NaiveDate;
use ratatui::backend::TestBackend;
use ratatui::Terminal;

/// One part of the timing, given the database's path.
type Step = fn(&str);

fn main() {
    let steps: [(&str, Step); 6] = [
        ("TODAY_BIG_DB", today::run),
        ("DEADLINES_BIG_DB", deadlines::run),
        ("AGREEMENTS_BIG_DB", agreements::run),
        ("REPORTS_BIG_DB", reports::run),
        ("SEARCH_BIG_DB", search::run),
        ("SAVES_BIG_DB", saves::run),
    ];
    let mut ran = false;
    for (variable, run) in steps {
        if let Ok(path) = std::env::var(variable) {
            println!("== {variable}={path}");
            run(&path);
            ran = true;
        }
    }
    if !ran {
        let names: Vec<&str> = steps.iter().map(|(v, _)| *v).collect();
        eprintln!("big_desk: nothing to time; set one of {} to a database", names.join(", "));
    }
}

/// A phone call logged on `case_id`: a save that no check reads.
fn timing_contact(case_id: i64, today: NaiveDate) -> NewContact {
    NewContact {
        case_id,
        person_id: None,
        occurred_on: today,
        channel: ContactChannel::Phone,
        outgoing: true,
        summary: "timing".into(),
        outcome: None,
        follow_up_on: None,
    }
}

/// The day the demo databases are made for.
fn demo_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()
}

fn open(path: &str) -> Store {
    Store::open(std::path::Path::new(path), OpenMode::MustExist).unwrap()
}

fn app(path: &str, today: NaiveDate) -> App {
    App::new(open(path), today, Keymap::default(), MONOCHROME).unwrap()
}

/// A keypress and its redraw.
fn press(app: &mut App, term: &mut Terminal<TestBackend>, action: Action) {
    app.apply(action);
    term.draw(|f| app.render(f)).unwrap();
}
