//! Styles named by meaning, so a screen says "overdue", not "red". With
//! `NO_COLOR` set, meaning is carried by weight and reverse video instead.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub normal: Style,
    pub muted: Style,
    pub heading: Style,
    pub title: Style,
    pub selected: Style,
    pub tagged: Style,
    pub overdue: Style,
    pub warning: Style,
    pub good: Style,
    pub key: Style,
    pub tab_active: Style,
    pub tab_inactive: Style,
    pub status_ok: Style,
    pub status_error: Style,
    pub field_focus: Style,
    pub field_error: Style,
    pub border: Style,
}

pub const COLOUR: Theme = Theme {
    normal: Style::new(),
    muted: Style::new().fg(Color::DarkGray),
    heading: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
    title: Style::new().add_modifier(Modifier::BOLD),
    selected: Style::new().bg(Color::Blue).fg(Color::White),
    tagged: Style::new().fg(Color::Magenta).add_modifier(Modifier::BOLD),
    overdue: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
    warning: Style::new().fg(Color::Yellow),
    good: Style::new().fg(Color::Green),
    key: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
    tab_active: Style::new().fg(Color::Black).bg(Color::Cyan).add_modifier(Modifier::BOLD),
    tab_inactive: Style::new().fg(Color::Gray),
    status_ok: Style::new().fg(Color::Green),
    status_error: Style::new().fg(Color::White).bg(Color::Red).add_modifier(Modifier::BOLD),
    field_focus: Style::new().fg(Color::Black).bg(Color::Cyan),
    field_error: Style::new().fg(Color::Red),
    border: Style::new().fg(Color::DarkGray),
};

pub const MONOCHROME: Theme = Theme {
    normal: Style::new(),
    muted: Style::new().add_modifier(Modifier::DIM),
    heading: Style::new().add_modifier(Modifier::BOLD),
    title: Style::new().add_modifier(Modifier::BOLD),
    selected: Style::new().add_modifier(Modifier::REVERSED),
    tagged: Style::new().add_modifier(Modifier::BOLD),
    overdue: Style::new().add_modifier(Modifier::BOLD),
    warning: Style::new().add_modifier(Modifier::UNDERLINED),
    good: Style::new(),
    key: Style::new().add_modifier(Modifier::BOLD),
    tab_active: Style::new().add_modifier(Modifier::REVERSED),
    tab_inactive: Style::new(),
    status_ok: Style::new(),
    status_error: Style::new().add_modifier(Modifier::REVERSED),
    field_focus: Style::new().add_modifier(Modifier::REVERSED),
    field_error: Style::new().add_modifier(Modifier::BOLD),
    border: Style::new(),
};

impl Theme {
    /// https://no-color.org: any non-empty NO_COLOR turns colour off.
    pub fn from_env() -> Theme {
        match std::env::var_os("NO_COLOR") {
            Some(v) if !v.is_empty() => MONOCHROME,
            _ => COLOUR,
        }
    }
}
