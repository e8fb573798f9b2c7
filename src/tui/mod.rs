//! The interface: one synchronous loop that waits for a key, lets `App`
//! handle it, and redraws only when something changed.

pub mod action;
pub mod app;
pub mod form;
pub mod keymap;
pub mod opener;
pub mod overlay;
pub mod screens;
pub mod text;
pub mod theme;

use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use chrono::NaiveDate;
use crossterm::event::{self, Event};

use crate::paths::config_dir;
use crate::store::{PendingUpkeep, Store};
use app::App;
use keymap::Keymap;
use theme::Theme;

/// The default keymap with the user's file merged over it. A bad user file
/// stops the start with its message rather than half-applying.
pub fn load_keymap() -> anyhow::Result<Keymap> {
    let user_path = config_dir().map(|d| d.join("keymap.toml"));
    let user = match &user_path {
        Some(p) if p.exists() => {
            Some(std::fs::read_to_string(p).with_context(|| format!("cannot read {}", p.display()))?)
        }
        _ => None,
    };
    Keymap::load(user.as_deref()).map_err(|e| match &user_path {
        Some(p) if user.is_some() => anyhow::anyhow!("{e} (in {})", p.display()),
        _ => anyhow::anyhow!(e),
    })
}

/// Set to a file name, the interface writes there the milliseconds from
/// launch to its first frame and quits (after its upkeep): the harness in
/// `benches/first_frame.sh` reads it.
pub const FIRST_FRAME_ENV: &str = "CASEDESK_FIRST_FRAME_FILE";

static LAUNCHED: OnceLock<Instant> = OnceLock::new();

/// Note the moment the program started (first thing in `main`), for the
/// time to the first frame.
pub fn mark_launch() {
    let _ = LAUNCHED.set(Instant::now());
}

/// Run the interface until the user quits. The terminal is restored on every
/// way out, a panic included (ratatui::init installs that hook). `upkeep`
/// (the quick check and the day's backup) starts once the first frame is drawn.
pub fn run(mut store: Store, today: NaiveDate, upkeep: Option<PendingUpkeep>) -> anyhow::Result<()> {
    // What is saved and exported from the desk is logged as done on its day.
    store.set_desk_day(today);
    use std::io::IsTerminal;
    // The keymap first: a mistake in the user's file is named whether or not
    // there is a terminal to draw in.
    let keymap = load_keymap()?;
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        anyhow::bail!(
            "the desk needs a terminal to draw in; for scripts use a command such as `casedesk today` (see --help)"
        );
    }
    let mut app = App::new(store, today, keymap, Theme::from_env())?;
    app.ask_who_you_are();
    let mut terminal = ratatui::try_init().context("could not take over the terminal")?;
    let result = enable_paste().context("could not take over the terminal").and_then(|()| {
        let result = event_loop(&mut terminal, &mut app, upkeep);
        disable_paste();
        result
    });
    ratatui::restore();
    if app.upkeep_note().is_some() {
        // Quitting waits for the backup, so say why the prompt is slow to return.
        crate::tell!("casedesk: finishing today's backup and check before closing ...");
    }
    if let Some(fault) = app.finish_upkeep() {
        crate::tell!("casedesk: warning: {fault}");
    }
    result
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    mut upkeep: Option<PendingUpkeep>,
) -> anyhow::Result<()> {
    let mut dirty = true;
    let mut first_frame = true;
    while !app.quit {
        if dirty {
            terminal.draw(|frame| app.render(frame))?;
            dirty = false;
        }
        if std::mem::take(&mut first_frame) {
            if let Some(pending) = upkeep.take() {
                app.start_upkeep(pending);
                dirty = true;
            }
            note_first_frame(app)?;
        }
        // While a screen counts in the background, look for its result
        // often enough that it appears as soon as it is ready.
        let wait = if app.busy() { Duration::from_millis(25) } else { Duration::from_millis(500) };
        if !event::poll(wait)? {
            dirty |= app.tick();
            continue;
        }
        match event::read()? {
            Event::Key(key) => {
                app.handle_key(key);
                dirty = true;
            }
            Event::Paste(text) => {
                app.handle_paste(&text);
                dirty = true;
            }
            Event::Resize(_, _) => dirty = true,
            _ => {}
        }
    }
    Ok(())
}

/// Ask the terminal to mark pasted text (bracketed paste), so a paste
/// arrives whole and goes into one field instead of being read as keys (a
/// line break as Enter, a tab as Tab). A panic turns it off again before
/// ratatui's own hook restores the rest.
fn enable_paste() -> std::io::Result<()> {
    let restore = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        disable_paste();
        restore(info);
    }));
    crossterm::execute!(std::io::stdout(), crossterm::event::EnableBracketedPaste)
}

fn disable_paste() {
    let _ = crossterm::execute!(std::io::stdout(), crossterm::event::DisableBracketedPaste);
}

/// With `FIRST_FRAME_ENV` set: write the time to the first frame, then quit.
fn note_first_frame(app: &mut App) -> anyhow::Result<()> {
    let Some(file) = std::env::var_os(FIRST_FRAME_ENV) else { return Ok(()) };
    let since = LAUNCHED.get().map_or(Duration::ZERO, Instant::elapsed);
    std::fs::write(&file, format!("{:.1}\n", since.as_secs_f64() * 1000.0))
        .with_context(|| format!("cannot write {}", PathBuf::from(&file).display()))?;
    app.quit = true;
    Ok(())
}
