//! Text that keeps its lines: pasting into any field, and the multi-line
//! fields (notes, minutes, evidence, reasons) where Enter starts a new line
//! and ↑ ↓ move between lines. The text stays in tui-input's `Input`, line
//! breaks and all, so every field edits by character the same way.

use ratatui::layout::Rect;
use ratatui::widgets::Paragraph;
use ratatui::Frame;
use tui_input::{Input, InputRequest};
use unicode_width::UnicodeWidthStr;

use super::{Field, FieldKind};
use crate::export::safe::inert;

/// Rows a multi-line field is given on screen; longer text scrolls.
pub const LINES_SHOWN: u16 = 3;

/// The key that saves a form whose focused field takes Enter as a new line.
pub const SAVE_KEY_HINT: &str = "Ctrl-S save";

impl Field {
    /// Make a text field keep line breaks (Enter types one).
    pub fn multi_line(mut self) -> Field {
        self.lines = self.kind == FieldKind::Text;
        self
    }

    /// Put pasted text at the cursor, all of it in this field: line breaks
    /// and tabs kept in a multi-line field, each made a space in a one-line
    /// field; other control characters dropped. A prefilled value is
    /// replaced, as by typing.
    pub fn paste(&mut self, text: &str) {
        if matches!(self.kind, FieldKind::Choice(_)) {
            return;
        }
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        let kept = text.chars().filter_map(|c| match c {
            '\n' | '\t' if self.lines => Some(c),
            '\n' | '\t' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        });
        if std::mem::take(&mut self.prefilled) {
            self.input.reset();
        }
        let value = self.input.value();
        let at = value.char_indices().nth(self.input.cursor()).map_or(value.len(), |(i, _)| i);
        let kept: String = kept.collect();
        let joined = format!("{}{kept}{}", &value[..at], &value[at..]);
        let cursor = self.input.cursor() + kept.chars().count();
        self.input = Input::new(joined).with_cursor(cursor);
    }

    /// The keys a multi-line field reads differently from a one-line one.
    /// None when the key is not one of them; Some(false) when ↑ or ↓ would
    /// leave the text (the form then moves to the next field).
    pub(super) fn line_key(&mut self, code: crossterm::event::KeyCode) -> Option<bool> {
        use crossterm::event::KeyCode;
        if !self.lines {
            return None;
        }
        match code {
            KeyCode::Enter => {
                self.input.handle(InputRequest::InsertChar('\n'));
                Some(true)
            }
            KeyCode::Up => Some(self.move_line(false)),
            KeyCode::Down => Some(self.move_line(true)),
            KeyCode::Home => Some(self.set_column(0)),
            KeyCode::End => Some(self.set_column(usize::MAX)),
            _ => None,
        }
    }

    /// (line, column) of the cursor, counted in characters.
    pub fn cursor_line(&self) -> (usize, usize) {
        let before: Vec<char> = self.input.value().chars().take(self.input.cursor()).collect();
        let line = before.iter().filter(|c| **c == '\n').count();
        let column = before.iter().rev().take_while(|c| **c != '\n').count();
        (line, column)
    }

    /// Move to the line above or below, at the same column or the line's
    /// end. False when there is no such line.
    fn move_line(&mut self, down: bool) -> bool {
        let (line, column) = self.cursor_line();
        let target = if down { line + 1 } else { line.wrapping_sub(1) };
        if target >= self.input.value().split('\n').count() {
            return false;
        }
        self.place(target, column);
        true
    }

    fn set_column(&mut self, column: usize) -> bool {
        self.place(self.cursor_line().0, column);
        true
    }

    /// Put the cursor on `line` at `column`, or at the line's end if shorter.
    fn place(&mut self, line: usize, column: usize) {
        let value = self.input.value().to_string();
        let lines: Vec<&str> = value.split('\n').collect();
        let before: usize = lines.iter().take(line).map(|l| l.chars().count() + 1).sum();
        let column = column.min(lines.get(line).map_or(0, |l| l.chars().count()));
        self.input = Input::new(value).with_cursor(before + column);
    }

    /// The rows a field takes on a form.
    pub fn rows(&self) -> u16 {
        if self.lines {
            LINES_SHOWN
        } else {
            1
        }
    }
}

/// Draw a multi-line value in `area`, each line cut at its width and the
/// cursor's line and column kept in view.
pub fn render_lines(frame: &mut Frame<'_>, field: &Field, area: Rect, style: ratatui::style::Style, focused: bool) {
    let value = field.input.value();
    let lines: Vec<String> = value.split('\n').map(inert).collect();
    let (line, column) = field.cursor_line();
    let height = usize::from(area.height.max(1));
    let top = line.saturating_sub(height - 1);
    let width = usize::from(area.width.max(1));
    let cursor_x = lines.get(line).map_or(0, |l| l.chars().take(column).collect::<String>().width());
    let left = (cursor_x + 1).saturating_sub(width);
    for (row, text) in lines.iter().skip(top).take(height).enumerate() {
        let y = area.y + row as u16;
        let shown = Paragraph::new(text.clone()).style(style).scroll((0, left as u16));
        frame.render_widget(shown, Rect::new(area.x, y, area.width, 1));
    }
    if focused {
        let x = area.x + (cursor_x - left) as u16;
        frame.set_cursor_position((x.min(area.right().saturating_sub(1)), area.y + (line - top) as u16));
    }
}
