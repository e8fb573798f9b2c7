//! Form fields with validation as you type: used by Intake and by every
//! prompt (evidence, reasons, decisions). Text editing is tui-input's, so
//! non-ASCII names edit correctly.

use std::sync::Arc;

use chrono::NaiveDate;

use crate::domain::workdays::WorkCalendar;
use crate::domain::written_dates::{is_plain_iso, read_fixed_date, read_written_date, DateProblem};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;
use tui_input::{Input, InputRequest};
use unicode_width::UnicodeWidthStr;

use super::theme::Theme;
use crate::export::safe::inert;

#[path = "form_lines.rs"]
mod lines;
pub use lines::{render_lines, LINES_SHOWN, SAVE_KEY_HINT};
#[path = "form_pick.rs"]
mod pick;

/// How to write a date of birth, shown in its empty field.
pub const BIRTH_HINT: &str = "DD/MM/YYYY, e.g. 20/11/1990";
#[derive(Debug, Clone, PartialEq)]
pub enum FieldKind {
    Text,
    /// A date as people write it (`domain::written_dates`): 2026-11-20,
    /// 20/11/2026, 20 Nov 2026, today, +3, +3wd, +2w, fri.
    Date,
    /// A whole number or decimal, e.g. hours or pounds.
    Number,
    /// One of a fixed list: (stored value, label). Space, ← and → choose.
    Choice(Vec<(String, String)>),
}

#[derive(Debug, Clone)]
pub struct Field {
    pub label: String,
    pub kind: FieldKind,
    pub required: bool,
    pub input: Input,
    pub choice: usize,
    /// Greyed text shown when the field is empty.
    pub hint: String,
    /// A value put there for the user (a date or a number), replaced by the
    /// first character typed rather than appended to; moving the cursor or
    /// deleting keeps it to edit.
    pub prefilled: bool,
    /// What "today", "+3" and "+3wd" count from (set by the form's owner).
    pub basis: Option<DateBasis>,
    /// Several lines (notes, minutes, evidence, reasons): Enter starts a
    /// new line and a paste keeps its line breaks (`form_lines`).
    pub lines: bool,
    /// A choice searched by typing part of a label (`form_pick`).
    pub search: bool,
    /// A date something falls due on: one on a weekend or bank holiday is
    /// asked about once before saving (`domain::due_day`).
    pub due: bool,
}

/// The day relative dates count from, and the working days they count in.
#[derive(Debug, Clone)]
pub struct DateBasis {
    pub today: NaiveDate,
    pub calendar: Arc<WorkCalendar>,
}

impl Field {
    pub fn text(label: &str) -> Field {
        Field {
            label: label.to_string(),
            kind: FieldKind::Text,
            required: false,
            input: Input::default(),
            choice: 0,
            hint: String::new(),
            prefilled: false,
            basis: None,
            lines: false,
            search: false,
            due: false,
        }
    }

    /// A date of birth: the date field's other forms ("today", "+3")
    /// mean nothing for one, so its hint shows only how to write it.
    pub fn date_of_birth(initial: Option<NaiveDate>) -> Field {
        Field::date("Date of birth", initial).with_hint(BIRTH_HINT)
    }

    pub fn date(label: &str, initial: Option<NaiveDate>) -> Field {
        let mut f = Field::text(label);
        f.kind = FieldKind::Date;
        f.hint = "DD/MM/YYYY, today, +3, fri".into();
        if let Some(d) = initial {
            // In the desk's style, as every other date on screen; each
            // style reads back as the same day.
            f.input = Input::new(crate::domain::dates::day(d));
            f.prefilled = true;
        }
        f
    }

    pub fn number(label: &str) -> Field {
        let mut f = Field::text(label);
        f.kind = FieldKind::Number;
        f
    }

    pub fn choice(label: &str, options: Vec<(String, String)>, selected: usize) -> Field {
        let mut f = Field::text(label);
        f.choice = selected.min(options.len().saturating_sub(1));
        f.kind = FieldKind::Choice(options);
        f.required = true;
        f
    }

    /// Build a choice from any list of (value, label) string slices.
    pub fn choice_of(label: &str, options: &[(&str, &str)], selected: usize) -> Field {
        Field::choice(label, options.iter().map(|(v, l)| (v.to_string(), l.to_string())).collect(), selected)
    }

    pub fn required(mut self) -> Field {
        self.required = true;
        self
    }

    pub fn with_value(mut self, value: &str) -> Field {
        self.input = Input::new(value.to_string());
        self.prefilled = matches!(self.kind, FieldKind::Date | FieldKind::Number) && !value.is_empty();
        self
    }

    /// A suggested value that the first character typed replaces, as a
    /// date's: a time of day offered as 10:00 is retyped whole, never
    /// added to ("10:0014:00").
    pub fn with_suggestion(mut self, value: &str) -> Field {
        self.input = Input::new(value.to_string());
        self.prefilled = !value.is_empty();
        self
    }

    pub fn with_hint(mut self, hint: &str) -> Field {
        self.hint = hint.to_string();
        self
    }

    /// The value as stored: trimmed text, a normalised date, or the choice's value.
    pub fn value(&self) -> String {
        match &self.kind {
            FieldKind::Choice(options) => options.get(self.choice).map(|(v, _)| v.clone()).unwrap_or_default(),
            FieldKind::Date => {
                let raw = self.input.value().trim();
                self.read_date().map_or_else(|_| raw.to_string(), crate::domain::dates::iso)
            }
            _ => self.input.value().trim().to_string(),
        }
    }

    /// What is wrong with the value, said as the user would fix it.
    pub fn error(&self) -> Option<String> {
        let raw = self.input.value().trim();
        match &self.kind {
            FieldKind::Choice(_) => None,
            _ if raw.is_empty() => self.required.then(|| "required".to_string()),
            FieldKind::Date => self.read_date().err().map(|problem| problem.short()),
            FieldKind::Number if raw.parse::<f64>().map_or(true, |n| !n.is_finite() || n < 0.0) => {
                Some("a number of 0 or more".into())
            }
            _ => None,
        }
    }

    /// The date typed, read as the desk reads dates.
    pub fn read_date(&self) -> Result<NaiveDate, DateProblem> {
        let raw = self.input.value();
        match &self.basis {
            Some(basis) => read_written_date(raw, basis.today, &basis.calendar),
            None => read_fixed_date(raw),
        }
    }

    /// The date typed, if it is one.
    pub fn date_value(&self) -> Option<NaiveDate> {
        self.read_date().ok()
    }

    /// "= Fri 20 Nov 2026" beside a date written any way but the stored
    /// one, so the day understood is seen before it is saved.
    /// A day ahead that is no working day says so (DOMAIN.md §11: a
    /// deadline is flagged, never moved): "= Fri 25 Dec 2026 — a bank
    /// holiday (Christmas Day)". A warning only; the date is kept.
    pub fn understood(&self) -> Option<String> {
        let raw = self.input.value().trim();
        if self.kind != FieldKind::Date || raw.is_empty() {
            return None;
        }
        let date = self.date_value()?;
        let day = crate::domain::dates::understood(date);
        match self.day_off(date) {
            Some(why) => Some(format!("= {day} — {why}")),
            None if is_plain_iso(raw) || raw == crate::domain::dates::day(date) => None,
            None => Some(format!("= {day}")),
        }
    }

    /// Why the date typed is no working day, when it is one ahead of today:
    /// only a deadline or a meeting is set on a day to come, and a date of
    /// birth or of an offence on a Sunday is nothing to warn about.
    pub fn day_off(&self, date: NaiveDate) -> Option<String> {
        let basis = self.basis.as_ref()?;
        if date <= basis.today {
            return None;
        }
        basis.calendar.day_off(date)
    }

    /// `understood` in a few words, for a line too short for it: "= Fri 25
    /// Dec — Christmas Day". Only a flagged date has one.
    pub fn understood_brief(&self) -> Option<String> {
        let date = self.date_value()?;
        let basis = self.basis.as_ref().filter(|b| date > b.today)?;
        let why = basis.calendar.day_off_brief(date)?;
        Some(format!("= {} — {why}", crate::domain::dates::understood_brief(date)))
    }

    /// Why the due date typed needs a second look (a weekend or bank
    /// holiday ahead), with the next working day.
    pub fn due_warning(&self) -> Option<String> {
        let basis = self.basis.as_ref().filter(|_| self.due)?;
        crate::domain::due_day::due_day_warning(&basis.calendar, self.date_value()?, basis.today)
    }

    /// Whether the date typed is flagged as no working day.
    pub fn is_day_off(&self) -> bool {
        self.kind == FieldKind::Date && self.date_value().and_then(|d| self.day_off(d)).is_some()
    }

    fn display_value(&self) -> String {
        match &self.kind {
            FieldKind::Choice(options) => {
                options.get(self.choice).map(|(_, l)| format!("‹ {l} ›{}", self.pick_note())).unwrap_or_default()
            }
            _ => inert(self.input.value()),
        }
    }

    /// Apply a key; true when the field used it.
    pub fn type_key(&mut self, key: &KeyEvent) -> bool {
        if let Some(used) = self.pick_key(key) {
            return used;
        }
        if let FieldKind::Choice(options) = &self.kind {
            let n = options.len().max(1);
            match key.code {
                KeyCode::Right | KeyCode::Char(' ') => self.choice = (self.choice + 1) % n,
                KeyCode::Left => self.choice = (self.choice + n - 1) % n,
                KeyCode::Char(c) => {
                    // Jump to the next option starting with the typed letter.
                    let c = c.to_lowercase().next().unwrap_or(c);
                    let start = self.choice + 1;
                    if let Some(i) =
                        (0..n).map(|k| (start + k) % n).find(|i| options[*i].1.to_lowercase().starts_with(c))
                    {
                        self.choice = i;
                    }
                }
                _ => return false,
            }
            return true;
        }
        let plain = !key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        if let Some(used) = self.line_key(key.code).filter(|_| plain) {
            return used;
        }
        match input_request(key) {
            Some(req) => {
                if self.prefilled && matches!(req, InputRequest::InsertChar(_)) {
                    self.input.reset();
                }
                self.prefilled = false;
                self.input.handle(req);
                true
            }
            None => false,
        }
    }
}

/// Columns kept for a date as typed ("next friday", "18 Dec 2026").
const DATE_WIDTH: u16 = 12;

/// Dates as UK users write them: 2026-11-21 or 21/11/2026, the year in
/// full. chrono alone reads "21/11/26" as the year 26 and "21/11/-26" as
/// 27 BC; only the years the desk accepts everywhere (`domain::dates`) are
/// dates here.
pub fn parse_user_date(text: &str) -> Option<NaiveDate> {
    read_fixed_date(text).ok()
}

pub(crate) fn input_request(key: &KeyEvent) -> Option<InputRequest> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    Some(match key.code {
        KeyCode::Char('w') if ctrl => InputRequest::DeletePrevWord,
        KeyCode::Char('u') if ctrl => InputRequest::DeleteLine,
        KeyCode::Char('a') if ctrl => InputRequest::GoToStart,
        KeyCode::Char('e') if ctrl => InputRequest::GoToEnd,
        KeyCode::Char(_) if ctrl || key.modifiers.contains(KeyModifiers::ALT) => return None,
        KeyCode::Char(c) => InputRequest::InsertChar(c),
        KeyCode::Backspace => InputRequest::DeletePrevChar,
        KeyCode::Delete => InputRequest::DeleteNextChar,
        KeyCode::Left if ctrl => InputRequest::GoToPrevWord,
        KeyCode::Right if ctrl => InputRequest::GoToNextWord,
        KeyCode::Left => InputRequest::GoToPrevChar,
        KeyCode::Right => InputRequest::GoToNextChar,
        KeyCode::Home => InputRequest::GoToStart,
        KeyCode::End => InputRequest::GoToEnd,
        _ => return None,
    })
}

/// A list of fields with one focused.
#[derive(Debug, Clone, Default)]
pub struct Form {
    pub fields: Vec<Field>,
    pub focus: usize,
    changed: bool,
    /// A refused save's reason, shown beside the field at fault until
    /// that field is typed into.
    fault: Option<(usize, String)>,
}

impl Form {
    pub fn new(fields: Vec<Field>) -> Form {
        Form { fields, focus: 0, changed: false, fault: None }
    }

    /// Say `why` beside field `index` and put the cursor there.
    pub fn set_fault(&mut self, index: usize, why: String) {
        if index < self.fields.len() {
            self.focus = index;
            self.fault = Some((index, why));
        }
    }

    /// The refusal shown beside field `index`, if any.
    pub fn fault(&self, index: usize) -> Option<&str> {
        self.fault.as_ref().filter(|(i, _)| *i == index).map(|(_, why)| why.as_str())
    }

    pub fn next(&mut self) {
        if !self.fields.is_empty() {
            self.focus = (self.focus + 1) % self.fields.len();
        }
    }

    pub fn prev(&mut self) {
        if !self.fields.is_empty() {
            self.focus = (self.focus + self.fields.len() - 1) % self.fields.len();
        }
    }

    pub fn type_key(&mut self, key: &KeyEvent) -> bool {
        let used = self.fields.get_mut(self.focus).is_some_and(|f| f.type_key(key));
        self.typed(used);
        used
    }

    /// Put a paste, all of it, into the focused field.
    pub fn paste(&mut self, text: &str) {
        let used = self.fields.get_mut(self.focus).is_some_and(|f| {
            f.paste(text);
            !matches!(f.kind, FieldKind::Choice(_))
        });
        self.typed(used);
    }

    /// Note that the focused field was typed into: the form has changes,
    /// and a refusal said beside that field no longer holds.
    fn typed(&mut self, used: bool) {
        self.changed |= used;
        if used && self.fault.as_ref().is_some_and(|(i, _)| *i == self.focus) {
            self.fault = None;
        }
    }

    /// Whether the focused field takes Enter as a new line.
    pub fn on_lines(&self) -> bool {
        self.fields.get(self.focus).is_some_and(|f| f.lines)
    }

    /// Something was typed since the form was built or last marked saved.
    pub fn is_changed(&self) -> bool {
        self.changed
    }

    pub fn mark_saved(&mut self) {
        self.changed = false;
    }

    pub fn values(&self) -> Vec<String> {
        self.fields.iter().map(Field::value).collect()
    }

    pub fn value(&self, index: usize) -> String {
        self.fields.get(index).map(Field::value).unwrap_or_default()
    }

    /// Every field's problem, labelled, for a refusal message.
    /// Let the date fields read "today", "+3" and "+3wd" from `today`.
    pub fn set_date_basis(&mut self, today: NaiveDate, calendar: &Arc<WorkCalendar>) {
        for field in self.fields.iter_mut().filter(|f| f.kind == FieldKind::Date) {
            field.basis = Some(DateBasis { today, calendar: Arc::clone(calendar) });
        }
    }

    /// Every due date typed on a weekend or bank holiday, in words, for
    /// the save to ask about once.
    pub fn due_day_warnings(&self) -> Option<String> {
        let warnings: Vec<String> = self.fields.iter().filter_map(Field::due_warning).collect();
        (!warnings.is_empty()).then(|| warnings.join("; "))
    }

    pub fn errors(&self) -> Vec<String> {
        self.fields.iter().filter_map(|f| f.error().map(|e| format!("{}: {e}", f.label))).collect()
    }

    /// The height the fields need: a line each, a few for a multi-line one.
    pub fn height(&self) -> u16 {
        self.fields.iter().map(Field::rows).sum()
    }

    /// The first field shown in `visible` rows with the focused one in view.
    fn first_shown(&self, visible: u16) -> usize {
        let mut first = 0;
        while first < self.focus && self.fields[first..=self.focus].iter().map(Field::rows).sum::<u16>() > visible {
            first += 1;
        }
        first
    }

    /// Draw one field per line: label, value, and its error beside it. The
    /// focused field shows the cursor. `scroll` is the first field shown.
    pub fn render(&self, frame: &mut Frame<'_>, area: Rect, theme: &Theme, active: bool) {
        let label_width = self.fields.iter().map(|f| f.label.width() + 2).max().unwrap_or(10).min(24) as u16;
        let mut y = area.y;
        for (index, field) in self.fields.iter().enumerate().skip(self.first_shown(area.height)) {
            if y >= area.bottom() {
                break;
            }
            let rows = field.rows().min(area.bottom() - y);
            let focused = active && index == self.focus;
            let marker = if field.required { "*" } else { " " };
            let label = Paragraph::new(Line::from(vec![
                Span::styled(field.label.clone(), if focused { theme.title } else { theme.normal }),
                Span::styled(marker, theme.muted),
            ]));
            frame.render_widget(label, Rect::new(area.x, y, label_width.min(area.width), 1));
            let rest = area.width.saturating_sub(label_width + 1);
            // Beside the value: what is wrong with it, or else the day a
            // date written as "+3wd" or "fri" was understood to be.
            // A date is short, so its note may take the rest of the line.
            let room = if field.kind == FieldKind::Date { rest.saturating_sub(DATE_WIDTH) } else { rest / 2 };
            let note = match (field.error().or_else(|| self.fault(index).map(str::to_string)), field.understood()) {
                (Some(e), _) => Some((format!(" ✗ {e}"), theme.field_error)),
                (None, Some(day)) if field.is_day_off() => {
                    // The holiday's name matters more than the year or the
                    // wording, so a short line says it in brief.
                    let brief = field.understood_brief().filter(|_| day.width() + 1 > usize::from(room));
                    Some((format!(" {}", brief.unwrap_or(day)), theme.warning))
                }
                (None, Some(day)) => Some((format!(" {day}"), theme.muted)),
                (None, None) => None,
            };
            let note_width = note.as_ref().map_or(0, |(text, _)| (text.width() as u16).min(room));
            let value_width = rest.saturating_sub(note_width);
            let value_area = Rect::new(area.x + label_width + 1, y, value_width, rows);
            self.render_value(frame, field, value_area, theme, focused);
            if let Some((text, style)) = note {
                let note_area = Rect::new(value_area.x + value_width, y, note_width, 1);
                frame.render_widget(Paragraph::new(text).style(style), note_area);
            }
            y += rows;
        }
    }

    fn render_value(&self, frame: &mut Frame<'_>, field: &Field, area: Rect, theme: &Theme, focused: bool) {
        let mut style = if focused { theme.field_focus } else { theme.normal };
        if focused && field.prefilled {
            // Shown selected: the first character typed replaces it.
            style = style.add_modifier(ratatui::style::Modifier::REVERSED);
        }
        let width = area.width.max(1) as usize;
        let text = field.display_value();
        if field.lines && !text.is_empty() {
            return render_lines(frame, field, area, style, focused);
        }
        let area = Rect { height: 1, ..area };
        if text.is_empty() && !field.hint.is_empty() {
            frame.render_widget(Paragraph::new(field.hint.clone()).style(theme.muted.patch(style)), area);
        } else {
            let scroll = if matches!(field.kind, FieldKind::Choice(_)) { 0 } else { field.input.visual_scroll(width) };
            frame.render_widget(Paragraph::new(text).style(style).scroll((0, scroll as u16)), area);
        }
        if focused && !matches!(field.kind, FieldKind::Choice(_)) {
            let scroll = field.input.visual_scroll(width);
            let x = area.x + (field.input.visual_cursor().saturating_sub(scroll)) as u16;
            frame.set_cursor_position((x.min(area.x + area.width.saturating_sub(1)), area.y));
        }
    }
}

#[cfg(test)]
#[path = "form_tests.rs"]
mod tests;
