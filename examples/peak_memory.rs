//! Peak memory of the interface: open the desk as `casedesk` does (the
//! quick check and the day's backup on their own thread after the first
//! frame), go to Deadlines, press keys through update and render at 120×40
//! (moves, pages, every filter, both ends of the list), wait for the
//! backup, then report the process's peak resident set size from getrusage.
//!
//!     cargo run --release --example peak_memory -- path/to/desk.db
//!
//! The date is $CASEDESK_TODAY, else 2026-11-20 (the demo's date); the
//! backup is made when the desk has none of that day or later.

use casedesk::store::{OpenMode, Store, Upkeep};
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
    let store = Store::open_with(std::path::Path::new(&db), OpenMode::MustExist, None, Upkeep::Deferred, None)?;
    println!("store open: {:.1} MiB", peak_mib());
    let upkeep = store.pending_upkeep(today);
    let backup_due = upkeep.as_ref().is_some_and(|u| u.backup_due());
    let mut app = App::new(store, today, Keymap::default(), MONOCHROME)?;
    let mut term = Terminal::new(TestBackend::new(120, 40))?;
    term.draw(|f| app.render(f))?;
    println!("open on Today: {:.1} MiB", peak_mib());
    if let Some(upkeep) = upkeep {
        app.start_upkeep(upkeep);
    }
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
    if let Some(fault) = app.finish_upkeep() {
        println!("upkeep: {fault}");
    }
    let what = if backup_due { "the quick check and the day's backup" } else { "the quick check" };
    println!("after {what}: {:.1} MiB peak resident", peak_mib());
    Ok(())
}
