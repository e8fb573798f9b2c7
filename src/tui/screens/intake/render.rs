//! Drawing the form: the key hints, the case and people columns, the
//! warnings panel, and each field with its value.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

use crate::export::safe::inert;
use crate::tui::form::{render_lines, Field, FieldKind};
use crate::tui::theme::Theme;

use super::{
    IntakeScreen, Row, CRIME_REF, DISPOSAL, FLAG_DA, FLAG_YOUTH, HARM, LABEL_WIDTH, NOTES, PERSON_FIELDS,
    REFERRER_CONTACT, SERVICE,
};

impl IntakeScreen {
    // ---------- drawing ----------

    /// The keys that work on the focused field, as many as fit in `width`.
    pub(super) fn key_hint(&self, width: usize) -> String {
        let field = self.form.fields.get(self.form.focus);
        let on_choice = field.is_some_and(|f| matches!(f.kind, FieldKind::Choice(_)));
        let in_person = Self::person_of(self.form.focus).is_some();
        let mut parts = Vec::new();
        if on_choice {
            parts.push("←/→ Space choose");
        }
        if self.form.on_lines() {
            parts.push("Enter new line");
        }
        parts.extend(["Tab/↓ next", "Shift-Tab/↑ back"]);
        if in_person {
            parts.extend(["Ctrl-P add person", "Ctrl-D remove person"]);
        } else {
            parts.push("Ctrl-P add a person");
        }
        parts.extend(["Ctrl-S save", "Esc leave", "* required"]);
        let mut hint = String::new();
        for part in parts {
            let extra = if hint.is_empty() { part.width() } else { part.width() + 3 };
            if hint.width() + extra > width {
                break;
            }
            if !hint.is_empty() {
                hint.push_str(" · ");
            }
            hint.push_str(part);
        }
        hint
    }

    pub(super) fn case_rows(&self) -> Vec<Row> {
        let mut rows = vec![Row::Heading("Referral".into())];
        rows.extend((SERVICE..=REFERRER_CONTACT).map(Row::Field));
        rows.push(Row::Heading("Offence".into()));
        rows.extend((CRIME_REF..=DISPOSAL).filter(|i| self.visible(*i)).map(Row::Field));
        rows.push(Row::Heading("Flags".into()));
        rows.extend((FLAG_DA..=FLAG_YOUTH).map(Row::Field));
        rows.push(Row::Heading("Harm and notes".into()));
        rows.extend((HARM..=NOTES).map(Row::Field));
        rows.extend((1..self.form.fields[NOTES].rows()).map(|_| Row::More));
        rows
    }

    pub(super) fn people_rows(&self) -> Vec<Row> {
        let mut rows = Vec::new();
        let focused_person = Self::person_of(self.form.focus).map(|(p, _)| p);
        for p in 0..self.people() {
            let mut heading = format!("Person {} — {}", p + 1, self.role(p).label());
            if focused_person == Some(p) {
                heading.push_str("   (Ctrl-D removes)");
            }
            rows.push(Row::Heading(heading));
            let fields = (0..PERSON_FIELDS).map(|o| Self::person_field(p, o)).filter(|i| self.visible(*i));
            rows.extend(fields.map(Row::Field));
        }
        if self.people() == 0 {
            rows.push(Row::Heading("People".into()));
        }
        rows.push(Row::Hint("Ctrl-P adds another person; a row left blank is not saved.".into()));
        rows
    }

    /// Lines for the panel under the form: possible duplicates, or the note
    /// about the referral just saved.
    pub(super) fn panel(&self) -> Option<(String, Vec<String>, bool)> {
        if let Some(saved) = self.fresh_save() {
            let mut lines = vec![format!(
                "{} saved. {}, or start typing the next referral.",
                saved.key.reference,
                saved.next_step().1
            )];
            lines.extend(saved.warnings.iter().map(|w| format!("⚠ {w}")));
            return Some((" Saved ".into(), lines, false));
        }
        let mut lines: Vec<String> = self.warnings().into_iter().map(|w| format!("⚠ {w}")).collect();
        if let Some(e) = &self.lookup_error {
            lines.push(format!("Could not check for duplicates: {e}"));
        }
        (!lines.is_empty()).then(|| (" Possible duplicates — a warning only: Ctrl-S still saves ".into(), lines, true))
    }

    pub(super) fn render_column(
        &mut self,
        frame: &mut Frame<'_>,
        column: usize,
        rows: &[Row],
        area: Rect,
        theme: &Theme,
    ) -> (bool, bool) {
        let height = area.height as usize;
        if height == 0 {
            return (false, false);
        }
        let mut scroll = self.scroll[column].min(rows.len().saturating_sub(height));
        if let Some(pos) = rows.iter().position(|r| *r == Row::Field(self.form.focus)) {
            // Keep the focused field in view, with its section heading when
            // it opens one, and all its lines.
            let top = if pos > 0 && matches!(rows[pos - 1], Row::Heading(_)) { pos - 1 } else { pos };
            let last = pos + usize::from(self.form.fields[self.form.focus].rows()) - 1;
            if top < scroll {
                scroll = top;
            } else if last >= scroll + height {
                scroll = (last + 1).saturating_sub(height).min(top);
            }
        }
        self.scroll[column] = scroll;
        for (i, row) in rows.iter().skip(scroll).take(height).enumerate() {
            let line = Rect::new(area.x, area.y + i as u16, area.width, 1);
            let below = area.height - i as u16;
            match row {
                Row::Heading(text) => {
                    frame.render_widget(Paragraph::new(Line::styled(text.clone(), theme.heading)), line);
                }
                Row::Hint(text) => {
                    frame.render_widget(Paragraph::new(Line::styled(format!("  {text}"), theme.muted)), line);
                }
                Row::Field(index) => {
                    let rows = self.form.fields[*index].rows().min(below);
                    self.render_field(frame, *index, Rect { height: rows, ..line }, theme)
                }
                Row::More => {}
            }
        }
        (scroll > 0, scroll + height < rows.len())
    }

    fn render_field(&self, frame: &mut Frame<'_>, index: usize, area: Rect, theme: &Theme) {
        let field = &self.form.fields[index];
        let focused = index == self.form.focus;
        let label_width = LABEL_WIDTH.min(area.width);
        let marker = if field.required { "*" } else { "" };
        let label = Line::from(vec![
            Span::styled(format!("  {}", field.label), if focused { theme.title } else { theme.normal }),
            Span::styled(marker, theme.muted),
        ]);
        frame.render_widget(Paragraph::new(label), Rect::new(area.x, area.y, label_width, 1));
        let rest = area.width.saturating_sub(label_width + 1);
        // What is wrong, else a warning, else the day a date written as
        // "yesterday" or "-3wd" was understood to be.
        let note = match self.problem(index) {
            Some(e) => Some((format!(" ✗ {e}"), theme.field_error)),
            None => self
                .field_warning(index)
                .map(|w| (format!(" ⚠ {w}"), theme.warning))
                .or_else(|| field.understood().map(|day| (format!(" {day}"), theme.muted))),
        };
        let note_width = note.as_ref().map_or(0, |(n, _)| (n.width() as u16 + 1).min(rest / 2));
        let value_area = Rect::new(area.x + label_width + 1, area.y, rest.saturating_sub(note_width), area.height);
        render_value(frame, field, value_area, theme, focused);
        if let Some((text, style)) = note {
            let note_area = Rect::new(value_area.x + value_area.width, area.y, note_width, 1);
            frame.render_widget(Paragraph::new(text).style(style), note_area);
        }
    }
}

/// The value of one field: the text with its cursor, or the chosen option.
fn render_value(frame: &mut Frame<'_>, field: &Field, area: Rect, theme: &Theme, focused: bool) {
    let style = if focused { theme.field_focus } else { theme.normal };
    let width = area.width.max(1) as usize;
    if let FieldKind::Choice(options) = &field.kind {
        let label = options.get(field.choice).map_or("", |(_, l)| l.as_str());
        let text = if focused { format!("‹ {label} ›  ←/→ Space") } else { format!("‹ {label} ›") };
        frame.render_widget(Paragraph::new(text).style(style), area);
        return;
    }
    let text = inert(field.input.value());
    if field.lines && !text.is_empty() {
        return render_lines(frame, field, area, style, focused);
    }
    let area = Rect { height: 1, ..area };
    if text.is_empty() && !field.hint.is_empty() {
        frame.render_widget(Paragraph::new(field.hint.clone()).style(theme.muted.patch(style)), area);
    } else {
        let scroll = field.input.visual_scroll(width);
        frame.render_widget(Paragraph::new(text).style(style).scroll((0, scroll as u16)), area);
    }
    if focused {
        let scroll = field.input.visual_scroll(width);
        let x = area.x + field.input.visual_cursor().saturating_sub(scroll) as u16;
        frame.set_cursor_position((x.min(area.x + area.width.saturating_sub(1)), area.y));
    }
}

/// Rows a line takes when wrapped at `width` (words kept whole, roughly).
pub(super) fn wrapped_rows(text: &str, width: usize) -> usize {
    let (mut rows, mut col) = (1, 0);
    for word in text.split(' ') {
        let w = word.width();
        if col > 0 && col + 1 + w > width {
            rows += 1 + (w.saturating_sub(1)) / width.max(1);
            col = w % width.max(1);
        } else {
            col += if col > 0 { 1 + w } else { w };
        }
    }
    rows
}
