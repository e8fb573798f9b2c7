//! Benchmarks of what the administrator waits for: opening the desk and its
//! Today list, a keypress redrawn (on Today, and in a long note), the
//! caseload view opened and a key in it, the diary week and the Directory
//! opened and a key in each, a search, the end-of-day summary in each
//! format, the RJ quarterly return, and the demo generator.
//!
//! The desk's size is counted in items (conditions plus agreement items):
//!
//!     cargo bench --bench desk                                   # 10,000 items
//!     CASEDESK_BENCH_ITEMS=100000 cargo bench --bench desk
//!     CASEDESK_BENCH_ITEMS=1000000 cargo bench --bench desk
//!
//! The case count that yields about that many items is found by generating a
//! small sample first (the generator's mix decides the ratio); the database
//! is generated once into `target/bench-data/` and reused. Instead,
//! `CASEDESK_BENCH_CASES=N` sets the case count directly, and
//! `CASEDESK_BENCH_DB=FILE` uses an existing database as it is.

use std::path::PathBuf;
use std::sync::OnceLock;

use casedesk::demo::{create_database, generate_bulk, DemoOptions};
use casedesk::export::summary::{render_bytes, SummaryFormat};
use casedesk::store::{Day, OpenMode, Store};
use casedesk::tui::action::Action;
use casedesk::tui::app::App;
use casedesk::tui::keymap::Keymap;
use casedesk::tui::theme::MONOCHROME;
use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::backend::TestBackend;
use ratatui::Terminal;

fn main() {
    let db = database();
    eprintln!("benchmark desk: {}", db.display());
    divan::main();
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 20).expect("valid date")
}

fn env_number(name: &str) -> Option<u64> {
    std::env::var(name).ok().and_then(|v| v.replace(['_', ','], "").parse().ok())
}

/// Cases that generate about `items` items, from the ratio in a sample.
fn cases_for_items(items: u64) -> u32 {
    const SAMPLE: u32 = 2_000;
    let mut store = Store::open_in_memory().expect("memory");
    let report = generate_bulk(&mut store, &DemoOptions { cases: SAMPLE, seed: 1, today: today() }).expect("sample");
    let per_case = f64::from(report.conditions + report.agreement_items) / f64::from(SAMPLE);
    ((items as f64 / per_case).ceil() as u32).max(1)
}

/// The benchmark database, generated on first use.
fn database() -> &'static PathBuf {
    static DB: OnceLock<PathBuf> = OnceLock::new();
    DB.get_or_init(|| {
        if let Ok(path) = std::env::var("CASEDESK_BENCH_DB") {
            return PathBuf::from(path);
        }
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target").join("bench-data");
        std::fs::create_dir_all(&dir).expect("bench-data folder");
        let (cases, name) = match (env_number("CASEDESK_BENCH_CASES"), env_number("CASEDESK_BENCH_ITEMS")) {
            (Some(cases), _) => (cases as u32, format!("demo-{cases}.db")),
            (None, items) => {
                let items = items.unwrap_or(10_000);
                (cases_for_items(items), format!("demo-{items}-items.db"))
            }
        };
        let path = dir.join(name);
        if !path.exists() {
            eprintln!("generating {cases} cases into {} ...", path.display());
            let report = create_database(&path, &DemoOptions { cases, seed: 1, today: today() }).expect("generate");
            eprintln!("  {} items", report.conditions + report.agreement_items);
        }
        path
    })
}

/// The desk opened as the interface opens it.
fn open() -> Store {
    Store::open(database(), OpenMode::MustExist).expect("open")
}

fn app_on(action: Action) -> App {
    let mut app = App::new(open(), today(), Keymap::default(), MONOCHROME).expect("app");
    app.apply(action);
    app
}

fn terminal(width: u16, height: u16) -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(width, height)).expect("terminal")
}

/// Open the file for reading and build the whole Today list, as `casedesk
/// today` does.
#[divan::bench(sample_count = 20)]
fn open_and_today_list() -> usize {
    let store = Store::open(database(), OpenMode::ToRead).expect("open");
    let (calendar, rules) = (store.calendar().expect("calendar"), store.rules().expect("rules"));
    store.today_items(&Day::new(today(), &calendar, &rules)).expect("today").len()
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

/// One keypress on Deadlines through update and render at 120×40: move and
/// page either way, go to either end, and change each filter (each changes
/// what the list reads). Repeated, a move or a page walks on through the
/// list, reading the next page as it runs off this one; moving and paging
/// up start from the bottom. Repeated filter keys step through their values
/// (due dates, every provider, every service).
#[divan::bench(
    args = [
        Action::Down, Action::Up, Action::PageDown, Action::PageUp, Action::Top, Action::Bottom,
        Action::Filter, Action::FilterProvider, Action::FilterService,
    ],
    sample_count = 200
)]
fn deadlines_keypress(bencher: divan::Bencher, action: Action) {
    let mut app = app_on(Action::ScreenDeadlines);
    if matches!(action, Action::Up | Action::PageUp) {
        app.apply(Action::Bottom);
    }
    let mut term = terminal(120, 40);
    term.draw(|f| app.render(f)).expect("draw");
    bencher.bench_local(|| {
        app.apply(action);
        term.draw(|f| app.render(f)).expect("draw");
    });
}

/// The words filter on Deadlines: Enter on "Show the deadlines of cases
/// matching…" with a family name typed, which searches every case and
/// lists the deadlines of those found, redrawn at 120×40.
#[divan::bench(sample_count = 30, sample_size = 1)]
fn deadlines_words_filter(bencher: divan::Bencher) {
    let mut term = terminal(120, 40);
    bencher
        .with_inputs(|| {
            let mut app = app_on(Action::ScreenDeadlines);
            // The words prompt ends the due-date cycle.
            for _ in 0..3 {
                app.apply(Action::Filter);
            }
            for c in "Okafor".chars() {
                app.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
            }
            app
        })
        .bench_local_values(|mut app| {
            app.handle_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
            term.draw(|f| app.render(f)).expect("draw");
            app
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

/// A keypress in Intake's Notes holding a long pasted email (60 lines):
/// a letter typed and taken back, each redrawn, as a person types.
#[divan::bench(sample_count = 100)]
fn notes_keypress(bencher: divan::Bencher) {
    let mut app = app_on(Action::ScreenIntake);
    // Sixteen fields before Notes (fifteen stopped in the one-line Harm
    // summary, which timed a one-line field holding the paste in spaces).
    for _ in 0..16 {
        app.handle_key(KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE));
    }
    let email: Vec<String> =
        (1..=60).map(|n| format!("Line {n} of the referral email, as pasted from the inbox.")).collect();
    app.handle_paste(&email.join("\n"));
    let mut term = terminal(120, 40);
    term.draw(|f| app.render(f)).expect("draw");
    let rows =
        term.backend().buffer().content().chunks(120).map(|row| row.iter().map(|c| c.symbol()).collect::<String>());
    let last_two = rows.filter(|row| row.contains("Line 59 of") || row.contains("Line 60 of")).count();
    assert_eq!(last_two, 2, "the paste is not in Notes, a line each");
    let mut typed = false;
    bencher.bench_local(|| {
        let code = if typed { KeyCode::Backspace } else { KeyCode::Char('x') };
        typed = !typed;
        app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
        term.draw(|f| app.render(f)).expect("draw");
    });
}

/// Opening the caseload view (Directory, `c`) and drawing it at 120×40:
/// every coordinator's open cases by status (the counts migration 0037's
/// triggers keep), and the first coordinator's oldest cases read. Closed
/// again (`c`) outside the timing.
#[divan::bench(sample_count = 100)]
fn caseload_open(bencher: divan::Bencher) {
    let mut app = app_on(Action::ScreenDirectory);
    let mut term = terminal(120, 40);
    bencher.bench_local(|| {
        app.apply(Action::Caseload);
        term.draw(|f| app.render(f)).expect("draw");
        app.apply(Action::Caseload);
    });
}

/// A keypress in the caseload view, redrawn at 120×40: down to the next
/// coordinator (their cases read afresh), up again, into a coordinator's
/// cases and back out.
#[divan::bench(args = [Action::Down, Action::Up, Action::Open, Action::Back], sample_count = 200)]
fn caseload_keypress(bencher: divan::Bencher, action: Action) {
    let mut app = app_on(Action::ScreenDirectory);
    app.apply(Action::Caseload);
    let undo = match action {
        Action::Down => Action::Up,
        Action::Up => Action::Down,
        Action::Open => Action::Back,
        _ => Action::Open,
    };
    if matches!(action, Action::Up) {
        app.apply(Action::Down);
    }
    if matches!(action, Action::Back) {
        app.apply(Action::Open);
    }
    let mut term = terminal(120, 40);
    term.draw(|f| app.render(f)).expect("draw");
    bencher.bench_local(|| {
        app.apply(action);
        term.draw(|f| app.render(f)).expect("draw");
        // Put back as it was (not drawn), so that each sample times the same
        // key: a sample is the key, its redraw and the key undoing it.
        app.apply(undo);
    });
}

/// Time `action` redrawn at 120×40 on a screen set up by `setup`, then
/// undo it untimed (`undo`, where one key undoes it), so each sample times
/// the same key.
fn keypress_on(bencher: divan::Bencher, setup: &[Action], action: Action, undo: Option<Action>) {
    let mut app = app_on(setup[0]);
    for then in &setup[1..] {
        app.apply(*then);
    }
    let mut term = terminal(120, 40);
    term.draw(|f| app.render(f)).expect("draw");
    bencher.bench_local(|| {
        app.apply(action);
        term.draw(|f| app.render(f)).expect("draw");
        if let Some(undo) = undo {
            app.apply(undo);
        }
    });
}

/// Opening the diary (Agreements, `D`) at this week and drawing it at
/// 120×40: the week's meetings of cases and meetings of no case read with
/// their venues, rooms, facilitators, coordinators and clashes. Closed
/// again outside the timing.
#[divan::bench(sample_count = 100)]
fn diary_week_open(bencher: divan::Bencher) {
    keypress_on(bencher, &[Action::ScreenAgreements], Action::Diary, Some(Action::Diary));
}

/// A key in the diary: the week after (the week read afresh, whole: its
/// title counts the meetings and their clashes), and down a meeting, each
/// redrawn at 120×40. On the demo desk of 100,000 cases the week after
/// 20 November is a busy one (about 680 meetings).
#[divan::bench(args = [Action::NextWeek, Action::Down], sample_count = 200)]
fn diary_keypress(bencher: divan::Bencher, action: Action) {
    let undo = if action == Action::NextWeek { Action::PrevWeek } else { Action::Up };
    keypress_on(bencher, &[Action::ScreenAgreements, Action::Diary], action, Some(undo));
}

/// Opening the Directory from Today and drawing it at 120×40.
#[divan::bench(sample_count = 100)]
fn directory_open(bencher: divan::Bencher) {
    keypress_on(bencher, &[Action::ScreenToday], Action::ScreenDirectory, Some(Action::ScreenToday));
}

/// A key in the Directory, redrawn at 120×40: down an entry, and the next
/// kind (coordinators, facilitators, ...: the list read afresh).
#[divan::bench(args = [Action::Down, Action::FilterKind], sample_count = 200)]
fn directory_keypress(bencher: divan::Bencher, action: Action) {
    // The kinds go round (every kind, then each one): samples step round them.
    let undo = (action == Action::Down).then_some(Action::Up);
    keypress_on(bencher, &[Action::ScreenDirectory], action, undo);
}

/// Search for a family name across every case.
#[divan::bench(sample_count = 50)]
fn search_for_a_name(bencher: divan::Bencher) {
    let store = open();
    bencher.bench_local(|| store.search("Okafor", 200).expect("search").len());
}

/// The end-of-day summary gathered and rendered in each format, as `casedesk
/// summary` does between opening the file and writing the output.
#[divan::bench(args = ["md", "csv", "json", "html", "xlsx"], sample_count = 10)]
fn summary(bencher: divan::Bencher, format: &str) {
    let store = Store::open(database(), OpenMode::ToRead).expect("open");
    let (calendar, rules) = (store.calendar().expect("calendar"), store.rules().expect("rules"));
    let format = match format {
        "csv" => SummaryFormat::Csv,
        "json" => SummaryFormat::Json,
        "html" => SummaryFormat::Html,
        "xlsx" => SummaryFormat::Xlsx,
        _ => SummaryFormat::Md,
    };
    bencher.bench_local(|| {
        let summary = store.summary(&Day::new(today(), &calendar, &rules)).expect("summary");
        render_bytes(&summary, format, None).expect("render").len()
    });
}

/// The RJ quarterly return counted and rendered, as `casedesk report --kind
/// rj-quarterly --quarter 2026-Q3` does between opening the file and
/// writing the output (target: under 1 s at 100,000 cases).
#[divan::bench(args = ["md", "xlsx"], sample_count = 10)]
fn rj_quarterly_return(bencher: divan::Bencher, format: &str) {
    use casedesk::export::report::{render, rj_quarterly, ReportFormat};
    let store = Store::open(database(), OpenMode::ToRead).expect("open");
    let format = if format == "xlsx" { ReportFormat::Xlsx } else { ReportFormat::Md };
    let (from, to) = rj_quarterly::quarter_bounds("2026-Q3").expect("quarter");
    bencher.bench_local(|| {
        let report = rj_quarterly::gather(&store, from, to).expect("return");
        render(&report, format).expect("render").len()
    });
}

/// The demo generator as `casedesk demo` runs it: 10,000 cases loaded in
/// bulk into a new file.
#[divan::bench(sample_count = 5)]
fn demo_10000_cases(bencher: divan::Bencher) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let mut run = 0;
    bencher.bench_local(|| {
        run += 1;
        let path = dir.path().join(format!("demo-{run}.db"));
        create_database(&path, &DemoOptions { cases: 10_000, seed: 9, today: today() }).expect("generate")
    });
}
