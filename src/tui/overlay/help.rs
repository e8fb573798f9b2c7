//! The help overlay: every key of the screen, grouped by what it is for,
//! generated from the keymap.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};
use ratatui::Frame;

use super::centered;
use crate::tui::action::Action;
use crate::tui::keymap::{Context, Keymap};
use crate::tui::theme::Theme;

/// What the help lists for a screen: its name and its footer's actions.
pub struct HelpFor {
    pub title: &'static str,
    pub footer: Vec<Action>,
}

/// Help lines generated from the keymap, grouped by what the keys are for:
/// the screen's work in the order its footer shows it, the rest of the
/// screen's keys, then moving about lists or forms, then everywhere.
pub fn help_lines(keymap: &Keymap, screen: Context, help: &HelpFor, theme: &Theme) -> Vec<Line<'static>> {
    let key_line = |action: Action, keys: &[crate::tui::keymap::KeyChord]| {
        let keys: Vec<String> = keys.iter().map(|k| k.to_string()).collect();
        Line::from(vec![
            Span::styled(format!("  {:<16}", keys.join(" ")), theme.key),
            Span::raw(action.label().to_string()),
        ])
    };
    let mut lines = vec![Line::styled(format!("The work of {} (as the footer shows it)", help.title), theme.heading)];
    for action in &help.footer {
        let keys = keymap.keys_for(screen, *action);
        if !keys.is_empty() {
            lines.push(key_line(*action, &keys));
        }
    }
    lines.push(Line::from(""));
    let titles = [format!("Also on {}", help.title), "Moving and editing".to_string(), "Everywhere".into()];
    for (context, title) in screen.stack().into_iter().zip(titles) {
        // An action a nearer section (or the footer) binds is listed there only.
        let rest: Vec<Line<'static>> = keymap
            .bindings_of(context)
            .into_iter()
            .filter(|(action, _)| !help.footer.contains(action) && !keymap.shadowed(screen, context, *action))
            .map(|(action, keys)| key_line(action, &keys))
            .collect();
        if !rest.is_empty() {
            lines.push(Line::styled(title, theme.heading));
            lines.extend(rest);
            lines.push(Line::from(""));
        }
    }
    let config = crate::paths::config_dir_hint();
    lines.push(Line::styled(format!("Change keys in {config}/keymap.toml (see assets/keymap.toml)."), theme.muted));
    lines
}

pub(super) fn render_help(
    frame: &mut Frame<'_>,
    area: Rect,
    theme: &Theme,
    keymap: &Keymap,
    screen: Context,
    help: &HelpFor,
    scroll: &mut u16,
) {
    let lines = help_lines(keymap, screen, help, theme);
    // As wide as the longest key's line where the terminal has room (a
    // label was cut mid-word at 120 and 200 columns in a box kept at 80's
    // width). The closing line, the keymap's path, differs from machine to
    // machine and does not set the width.
    let keys = &lines[..lines.len().saturating_sub(1)];
    let widest = keys.iter().map(Line::width).max().unwrap_or(0) as u16;
    let popup = centered(area, widest.saturating_add(2).max(76), area.height.saturating_sub(2));
    frame.render_widget(Clear, popup);
    let max_scroll = (lines.len() as u16).saturating_sub(popup.height.saturating_sub(2));
    *scroll = (*scroll).min(max_scroll);
    let block = Block::bordered()
        .title(" Keys — ↑↓ scroll · any other key closes ")
        .border_style(theme.border)
        .title_style(theme.title);
    frame.render_widget(Paragraph::new(lines).block(block).scroll((*scroll, 0)), popup);
}
