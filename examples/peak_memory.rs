//! Peak memory of the interface: open the desk as `casedesk` does, go to
//! Deadlines, press keys through update and render at 120×40 (moves, pages,
//! every filter, both ends of the list), then report the process's peak
//! resident set size from getrusage.
//!
//!     cargo run --release --example peak_memory -- path/to/desk.db
//!
//! The date is $CASEDESK_TODAY, else 2026-11-20 (the demo's date).

use casedesk::store::{OpenMode, Store};
use casedesk::tui::action::Action;
use casedesk::tui::app::App;
use casedesk::tui::keymap::Keymap;
use casedesk::tui::theme::MONOCHROME;
use chrono::NaiveDate;
use ratatui::backend::TestBackend;
use ratatui::Terminal;

/// The peak resident set so far, in MiB (Linux reports ru_maxrss in KiB).
#[cfg(unix)]
fn peak_mib() -> f64 {
    // SAFETY: getrusage only writes the struct it is given.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) };
    usage.ru_maxrss as f64 / 1024.0
}

/// getrusage is Unix only; elsewhere the figure is not measured (NaN), so
/// the example (built by `cargo test`) still builds on Windows.
#[cfg(not(unix))]
fn peak_mib() -> f64 {
    f64::NAN
}

fn main() -> anyhow::Result<()> {
    let db = std::env::args().nth(1).ok_or_else(|| anyhow::anyhow!("give the database file"))?;
    let today = std::env::var("CASEDESK_TODAY")
        .ok()
        .and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok())
        .unwrap_or(NaiveDate::from_ymd_opt(2026, 11, 20).expect("date"));
    println!("before opening: {:.1} MiB", peak_mib());
    let store = Store::open(std::path::Path::new(&db), OpenMode::MustExist)?;
    println!("store open (checks and the day's backup done): {:.1} MiB", peak_mib());
    let mut app = App::new(store, today, Keymap::default(), MONOCHROME)?;
    let mut term = Terminal::new(TestBackend::new(120, 40))?;
    term.draw(|f| app.render(f))?;
    println!("open on Today: {:.1} MiB", peak_mib());
    let mut keys = vec![Action::ScreenDeadlines];
    keys.extend([Action::Down; 100]);
    keys.extend([Action::PageDown; 50]);
    keys.extend([Action::Filter; 6]);
    keys.extend([Action::FilterService; 4]);
    keys.extend([Action::Bottom, Action::PageUp, Action::Top]);
    for action in keys {
        app.apply(action);
        term.draw(|f| app.render(f))?;
    }
    println!("after Deadlines keys: {:.1} MiB peak resident", peak_mib());
    Ok(())
}
