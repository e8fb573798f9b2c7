//! The interface: one synchronous loop that waits for a key, lets `App`
//! handle it, and redraws only when something changed.

pub mod action;
pub mod app;
pub mod form;
pub mod keymap;
pub mod overlay;
pub mod screens;
pub mod text;
pub mod theme;

use std::path::PathBuf;
use std::time::Duration;

use anyhow::Context as _;
use chrono::NaiveDate;
use crossterm::event::{self, Event};

use crate::store::Store;
use app::App;
use keymap::Keymap;
use theme::Theme;

/// The platform's config directory for casedesk (keymap.toml lives there).
pub fn config_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("uk", "casedesk", "casedesk").map(|d| d.config_dir().to_path_buf())
}

pub fn config_dir_hint() -> String {
    config_dir().map_or_else(|| "the casedesk config directory".to_string(), |p| p.display().to_string())
}

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

/// Run the interface until the user quits. The terminal is restored on every
/// way out, a panic included (ratatui::init installs that hook).
pub fn run(store: Store, today: NaiveDate) -> anyhow::Result<()> {
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        anyhow::bail!(
            "the desk needs a terminal to draw in; for scripts use a command such as `casedesk today` (see --help)"
        );
    }
    let keymap = load_keymap()?;
    let mut app = App::new(store, today, keymap, Theme::from_env())?;
    let mut terminal = ratatui::try_init().context("could not take over the terminal")?;
    let result = event_loop(&mut terminal, &mut app);
    ratatui::restore();
    result
}

fn event_loop(terminal: &mut ratatui::DefaultTerminal, app: &mut App) -> anyhow::Result<()> {
    let mut dirty = true;
    while !app.quit {
        if dirty {
            terminal.draw(|frame| app.render(frame))?;
            dirty = false;
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
            Event::Resize(_, _) => dirty = true,
            _ => {}
        }
    }
    Ok(())
}
