//! Benchmarks of what the administrator waits for: opening the desk and its
//! Today list, a keypress redrawn, a search, the end-of-day summary, and the
//! demo generator.
//!
//! `cargo bench` uses a 10,000-case database; set `CASEDESK_BENCH_CASES`
//! (e.g. 100000) for a bigger one. The database is generated once into
//! `target/bench-data/` and reused.

use std::path::PathBuf;

use casedesk::demo::{generate, DemoOptions};
use casedesk::export::summary::{render, SummaryFormat};
use casedesk::store::{Day, OpenMode, Store};
use casedesk::tui::action::Action;
use casedesk::tui::app::App;
use casedesk::tui::keymap::Keymap;
use casedesk::tui::theme::MONOCHROME;
use chrono::NaiveDate;
use ratatui::backend::TestBackend;
use ratatui::Terminal;

fn main() {
    divan::main();
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 20).expect("valid date")
}

fn cases() -> u32 {
    std::env::var("CASEDESK_BENCH_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(10_000)
}

/// The benchmark database, generated on first use.
fn database() -> PathBuf {
    let n = cases();
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target").join("bench-data");
    std::fs::create_dir_all(&dir).expect("bench-data folder");
    let path = dir.join(format!("demo-{n}.db"));
    if !path.exists() {
        let partial = dir.join(format!("demo-{n}.db.partial"));
        let _ = std::fs::remove_file(&partial);
        let mut store = Store::open(&partial, OpenMode::CreateIfMissing).expect("open bench db");
        generate(&mut store, &DemoOptions { cases: n, seed: 1, today: today() }).expect("generate");
        drop(store);
        std::fs::rename(&partial, &path).expect("move bench db");
    }
    path
}

fn open() -> Store {
    Store::open(&database(), OpenMode::MustExist).expect("open")
}

fn app_on(action: Action) -> App {
    let mut app = App::new(open(), today(), Keymap::default(), MONOCHROME).expect("app");
    app.apply(action);
    app
}

fn terminal(width: u16, height: u16) -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(width, height)).expect("terminal")
}

/// Open the file and build the whole Today list, as `casedesk today` does.
#[divan::bench(sample_count = 20)]
fn open_and_today_list() -> usize {
    let store = open();
    let (calendar, rules) = (store.calendar().expect("calendar"), store.rules().expect("rules"));
    store.today_items(&Day { today: today(), calendar: &calendar, rules: &rules }).expect("today").len()
}

/// Draw the Today screen at 120×40.
#[divan::bench(sample_count = 50)]
fn today_render_120x40(bencher: divan::Bencher) {
    let mut app = app_on(Action::ScreenToday);
    let mut term = terminal(120, 40);
    bencher.bench_local(|| {
        term.draw(|f| app.render(f)).expect("draw");
    });
}

/// One keypress on Deadlines through update and render: move, page, filter.
#[divan::bench(args = [Action::Down, Action::PageDown, Action::Filter], sample_count = 100)]
fn deadlines_keypress(bencher: divan::Bencher, action: Action) {
    let mut app = app_on(Action::ScreenDeadlines);
    let mut term = terminal(120, 40);
    term.draw(|f| app.render(f)).expect("draw");
    bencher.bench_local(|| {
        app.apply(action);
        term.draw(|f| app.render(f)).expect("draw");
    });
}

/// A keypress on Today: move down and redraw.
#[divan::bench(sample_count = 100)]
fn today_keypress(bencher: divan::Bencher) {
    let mut app = app_on(Action::ScreenToday);
    let mut term = terminal(120, 40);
    bencher.bench_local(|| {
        app.apply(Action::Down);
        term.draw(|f| app.render(f)).expect("draw");
    });
}

/// Search for a family name across every case.
#[divan::bench(sample_count = 50)]
fn search_for_a_name(bencher: divan::Bencher) {
    let store = open();
    bencher.bench_local(|| store.search("Okafor", 200).expect("search").len());
}

/// The end-of-day summary in each format.
#[divan::bench(args = ["md", "csv", "json"], sample_count = 20)]
fn summary(bencher: divan::Bencher, format: &str) {
    let store = open();
    let (calendar, rules) = (store.calendar().expect("calendar"), store.rules().expect("rules"));
    let format = match format {
        "csv" => SummaryFormat::Csv,
        "json" => SummaryFormat::Json,
        _ => SummaryFormat::Md,
    };
    bencher.bench_local(|| {
        let summary = store.summary(&Day { today: today(), calendar: &calendar, rules: &rules }).expect("summary");
        render(&summary, format).expect("render").len()
    });
}

/// The demo generator: 1,000 cases into a fresh in-memory database.
#[divan::bench(sample_count = 5)]
fn demo_1000_cases() {
    let mut store = Store::open_in_memory().expect("memory");
    generate(&mut store, &DemoOptions { cases: 1000, seed: 9, today: today() }).expect("generate");
}
