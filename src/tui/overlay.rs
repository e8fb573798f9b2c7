//! Popups over the current screen: help, the command palette, search, a
//! prompt or confirmation, and an error message. At most one is open.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, List, ListItem, ListState, Paragraph, Wrap};
use ratatui::Frame;
use tui_input::Input;

mod help;
mod rules;
pub use rules::RulesView;

use super::action::Action;
use super::form::{Field, Form, SAVE_KEY_HINT};
use super::keymap::{Context, Keymap};
use super::screens::{FieldId, Prompt, Reply, ScreenId};
use super::theme::Theme;
use crate::export::safe::inert;
use crate::store::views::SearchHit;
pub use help::{help_lines, HelpFor};

pub enum Overlay {
    Help { scroll: u16, help: HelpFor },
    Palette(Palette),
    Search(Search),
    Prompt(PromptState),
    Message { title: String, text: String },
    Rules(RulesView),
}

/// What a key did to the overlay.
pub enum OverlayOutcome {
    /// Still open.
    Stay,
    Close,
    /// Run this action (from the palette).
    Run(Action),
    /// Send this answer to the screen that asked.
    Reply(ScreenId, Reply),
    /// Search wants results for this text.
    Query(String),
    /// Open a search hit.
    OpenCase(i64),
    /// Change a local rule, for the reason given.
    SetRule {
        id: String,
        value: f64,
        reason: String,
    },
}

// ---------- palette ----------

pub struct Palette {
    pub input: Input,
    pub matches: Vec<Action>,
    pub state: ListState,
    /// Every action, in the order shown before anything is typed.
    order: Vec<Action>,
}

impl Palette {
    pub fn new() -> Palette {
        Palette::ordered(Action::ALL.to_vec())
    }

    /// The palette listing `first` before every other action, and Quit
    /// always last, so `:` Enter never quits by accident.
    pub fn ordered(first: Vec<Action>) -> Palette {
        let mut order: Vec<Action> = Vec::with_capacity(Action::ALL.len());
        for action in first.into_iter().chain(Action::ALL.iter().copied()) {
            if action != Action::Quit && !order.contains(&action) {
                order.push(action);
            }
        }
        order.push(Action::Quit);
        let mut p = Palette { input: Input::default(), matches: Vec::new(), state: ListState::default(), order };
        p.refilter();
        p
    }

    /// Fuzzy-match the typed text against every action's name and description.
    pub fn refilter(&mut self) {
        let query = self.input.value().trim();
        self.matches = if query.is_empty() {
            self.order.clone()
        } else {
            let mut matcher = Matcher::new(Config::DEFAULT);
            let pattern = Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart);
            let haystacks: Vec<(String, Action)> =
                self.order.iter().map(|a| (format!("{} {}", a.label(), a.as_str().replace('_', " ")), *a)).collect();
            let texts: Vec<&str> = haystacks.iter().map(|(t, _)| t.as_str()).collect();
            pattern
                .match_list(texts, &mut matcher)
                .into_iter()
                .filter_map(|(text, _)| haystacks.iter().find(|(t, _)| t == text).map(|(_, a)| *a))
                .collect()
        };
        self.state.select((!self.matches.is_empty()).then_some(0));
    }

    fn handle(&mut self, key: &KeyEvent) -> OverlayOutcome {
        match list_key(key, &mut self.state, &mut self.input, &self.matches, |a| OverlayOutcome::Run(*a)) {
            Some(outcome) => outcome,
            None => {
                self.refilter();
                OverlayOutcome::Stay
            }
        }
    }
}

/// The keys of a filtered list under an input line: Esc closes, Enter takes
/// the selected entry (`pick` says what that does), Up and Down move, and
/// any other key edits the input. None when the input changed, for the
/// caller to filter again.
fn list_key<T>(
    key: &KeyEvent,
    state: &mut ListState,
    input: &mut Input,
    entries: &[T],
    pick: impl FnOnce(&T) -> OverlayOutcome,
) -> Option<OverlayOutcome> {
    match key.code {
        KeyCode::Esc => Some(OverlayOutcome::Close),
        KeyCode::Enter => Some(state.selected().and_then(|i| entries.get(i)).map_or(OverlayOutcome::Stay, pick)),
        _ if move_or_type(state, input, key) => None,
        _ => Some(OverlayOutcome::Stay),
    }
}

/// Up and Down move through a filtered list; other keys edit its input line.
/// True when the input changed.
fn move_or_type(state: &mut ListState, input: &mut Input, key: &KeyEvent) -> bool {
    match key.code {
        KeyCode::Up => state.select_previous(),
        KeyCode::Down => state.select_next(),
        _ => {
            let mut field = Field::text("");
            field.input = input.clone();
            if field.type_key(key) {
                *input = field.input;
                return true;
            }
        }
    }
    false
}

/// Paste into a one-line input as into a one-line field.
pub(super) fn paste_into(input: &mut Input, text: &str) {
    let mut field = Field::text("");
    field.input = input.clone();
    field.paste(text);
    *input = field.input;
}

impl Default for Palette {
    fn default() -> Self {
        Palette::new()
    }
}

// ---------- search ----------

pub struct Search {
    pub input: Input,
    pub hits: Vec<SearchHit>,
    pub state: ListState,
    pub searched: bool,
}

impl Search {
    pub fn new() -> Search {
        Search { input: Input::default(), hits: Vec::new(), state: ListState::default(), searched: false }
    }

    pub fn set_hits(&mut self, hits: Vec<SearchHit>) {
        self.hits = hits;
        self.searched = true;
        self.state.select((!self.hits.is_empty()).then_some(0));
    }

    fn handle(&mut self, key: &KeyEvent) -> OverlayOutcome {
        list_key(key, &mut self.state, &mut self.input, &self.hits, |h| OverlayOutcome::OpenCase(h.case_id))
            .unwrap_or_else(|| OverlayOutcome::Query(self.input.value().to_string()))
    }
}

impl Default for Search {
    fn default() -> Self {
        Search::new()
    }
}

// ---------- prompt ----------

pub struct PromptState {
    pub origin: ScreenId,
    pub prompt: Prompt,
    pub form: Form,
    pub problem: Option<String>,
    /// The due dates on days off already pointed out, saved as they are
    /// when the form is sent again unchanged.
    day_off_seen: Option<String>,
}

impl PromptState {
    pub fn new(origin: ScreenId, prompt: Prompt) -> PromptState {
        let fields = prompt.fields.iter().map(|(id, field)| {
            let field = Field { due: id.is_due_date(), ..field.clone() };
            if id.takes_lines() {
                field.multi_line()
            } else {
                field
            }
        });
        let form = Form::new(fields.collect());
        PromptState { origin, prompt, form, problem: None, day_off_seen: None }
    }

    /// Show a refusal beside the field named `id`: the reason after the
    /// refused save's own words ("Not saved: ").
    pub fn mark_fault(&mut self, id: FieldId, text: &str) {
        if let Some(index) = self.prompt.fields.iter().position(|(f, _)| *f == id) {
            let why = text.strip_prefix("Not saved: ").unwrap_or(text);
            self.form.set_fault(index, why.to_string());
        }
    }

    /// The answer: each field's value under its name, with the pending action.
    fn reply(&self) -> Reply {
        let names = self.prompt.fields.iter().map(|(id, _)| *id);
        Reply { pending: self.prompt.pending.clone(), values: names.zip(self.form.values()).collect() }
    }

    /// Send the answer, or say what is wrong with it and stay open.
    fn submit(&mut self) -> OverlayOutcome {
        let errors = self.form.errors();
        if errors.is_empty() {
            // As the diary does for a meeting: said once, then saved as typed.
            match self.form.due_day_warnings() {
                Some(warning) if self.day_off_seen.as_ref() != Some(&warning) => {
                    self.problem = Some(format!("Check before saving (Enter saves anyway): {warning}."));
                    self.day_off_seen = Some(warning);
                    OverlayOutcome::Stay
                }
                _ => OverlayOutcome::Reply(self.origin, self.reply()),
            }
        } else {
            self.problem = Some(errors.join("; "));
            OverlayOutcome::Stay
        }
    }

    fn handle(&mut self, key: &KeyEvent) -> OverlayOutcome {
        let is_confirm = self.form.fields.is_empty();
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        match key.code {
            KeyCode::Esc => OverlayOutcome::Close,
            KeyCode::Char('n') | KeyCode::Char('N') if is_confirm => OverlayOutcome::Close,
            KeyCode::Char('y') | KeyCode::Char('Y') if is_confirm => OverlayOutcome::Reply(self.origin, self.reply()),
            // In a field of several lines Enter starts a new line, so the
            // form is saved with Ctrl-S (or Alt-Enter) there.
            KeyCode::Char('s') if ctrl => self.submit(),
            KeyCode::Enter if alt || !self.form.on_lines() => self.submit(),
            KeyCode::Up | KeyCode::Down | KeyCode::Enter if self.form.on_lines() && self.form.type_key(key) => {
                OverlayOutcome::Stay
            }
            KeyCode::Tab | KeyCode::Down => {
                self.form.next();
                OverlayOutcome::Stay
            }
            KeyCode::BackTab | KeyCode::Up => {
                self.form.prev();
                OverlayOutcome::Stay
            }
            _ => {
                self.form.type_key(key);
                OverlayOutcome::Stay
            }
        }
    }
}

// ---------- the overlay as a whole ----------

impl Overlay {
    pub fn handle(&mut self, key: &KeyEvent, keymap: &Keymap, screen: Context) -> OverlayOutcome {
        match self {
            Overlay::Help { scroll, .. } => match key.code {
                KeyCode::Down | KeyCode::Char('j') => {
                    *scroll = scroll.saturating_add(1);
                    OverlayOutcome::Stay
                }
                KeyCode::Up | KeyCode::Char('k') => {
                    *scroll = scroll.saturating_sub(1);
                    OverlayOutcome::Stay
                }
                KeyCode::PageDown => {
                    *scroll = scroll.saturating_add(10);
                    OverlayOutcome::Stay
                }
                KeyCode::PageUp => {
                    *scroll = scroll.saturating_sub(10);
                    OverlayOutcome::Stay
                }
                _ => {
                    let chord = super::keymap::KeyChord::from_event(key);
                    if keymap.lookup(screen, chord) == Some(Action::Palette) {
                        OverlayOutcome::Run(Action::Palette)
                    } else {
                        OverlayOutcome::Close
                    }
                }
            },
            Overlay::Palette(p) => p.handle(key),
            Overlay::Search(s) => s.handle(key),
            Overlay::Prompt(p) => p.handle(key),
            Overlay::Message { .. } => OverlayOutcome::Close,
            Overlay::Rules(r) => r.handle(key),
        }
    }

    /// Pasted text: into the prompt's focused field, or the search or
    /// palette line (one line: its breaks become spaces).
    pub fn paste(&mut self, text: &str) -> OverlayOutcome {
        match self {
            Overlay::Prompt(p) => p.form.paste(text),
            Overlay::Palette(p) => {
                paste_into(&mut p.input, text);
                p.refilter();
            }
            Overlay::Search(s) => {
                paste_into(&mut s.input, text);
                return OverlayOutcome::Query(s.input.value().to_string());
            }
            Overlay::Rules(r) => r.paste(text),
            Overlay::Help { .. } | Overlay::Message { .. } => {}
        }
        OverlayOutcome::Stay
    }

    pub fn render(&mut self, frame: &mut Frame<'_>, area: Rect, theme: &Theme, keymap: &Keymap, screen: Context) {
        match self {
            Overlay::Help { scroll, help } => help::render_help(frame, area, theme, keymap, screen, help, scroll),
            Overlay::Palette(p) => render_palette(frame, area, theme, keymap, screen, p),
            Overlay::Search(s) => render_search(frame, area, theme, s),
            Overlay::Prompt(p) => render_prompt(frame, area, theme, p),
            Overlay::Rules(r) => rules::render_rules(frame, area, theme, r),
            Overlay::Message { title, text } => {
                let popup = centered(area, 60, 7);
                frame.render_widget(Clear, popup);
                let block = Block::bordered().title(format!(" {title} ")).border_style(theme.overdue);
                let body = Paragraph::new(vec![
                    Line::from(inert(text)),
                    Line::from(""),
                    Line::styled("Press any key to close.", theme.muted),
                ])
                .wrap(Wrap { trim: true })
                .block(block);
                frame.render_widget(body, popup);
            }
        }
    }
}

/// A box of at most `width` × `height` in the middle of `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width.saturating_sub(2)).max(10.min(area.width));
    let h = height.min(area.height.saturating_sub(2)).max(3.min(area.height));
    Rect::new(area.x + (area.width.saturating_sub(w)) / 2, area.y + (area.height.saturating_sub(h)) / 2, w, h)
}

fn render_palette(frame: &mut Frame<'_>, area: Rect, theme: &Theme, keymap: &Keymap, screen: Context, p: &mut Palette) {
    let popup = centered(area, 72, 18);
    frame.render_widget(Clear, popup);
    let block = Block::bordered()
        .title(" Command palette — type to filter · Enter runs · Esc closes ")
        .border_style(theme.border);
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let [input_area, list_area] = inner.layout(&Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]));
    frame.render_widget(Paragraph::new(format!("› {}", p.input.value())), input_area);
    frame.set_cursor_position((input_area.x + 2 + p.input.visual_cursor() as u16, input_area.y));
    let items: Vec<ListItem> = p
        .matches
        .iter()
        .map(|a| {
            let key = keymap.key_label(screen, *a);
            ListItem::new(Line::from(vec![
                Span::styled(format!("{key:<10}"), theme.key),
                Span::raw(a.label().to_string()),
            ]))
        })
        .collect();
    let list = List::new(items).highlight_style(theme.selected);
    frame.render_stateful_widget(list, list_area, &mut p.state);
}

fn render_search(frame: &mut Frame<'_>, area: Rect, theme: &Theme, s: &mut Search) {
    let popup = centered(area, 90, 20);
    frame.render_widget(Clear, popup);
    let block = Block::bordered()
        .title(" Search names, references, crime refs, notes — Enter opens · Esc closes ")
        .border_style(theme.border);
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let [input_area, list_area] = inner.layout(&Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]));
    frame.render_widget(Paragraph::new(format!("/ {}", inert(s.input.value()))), input_area);
    frame.set_cursor_position((input_area.x + 2 + s.input.visual_cursor() as u16, input_area.y));
    if s.hits.is_empty() {
        let text =
            if s.searched && !s.input.value().trim().is_empty() { "No case matches." } else { "Type to search." };
        frame.render_widget(Paragraph::new(text).style(theme.muted), list_area);
        return;
    }
    // The status by its label, as every screen shows it, in a column as wide as the longest here.
    let status_width = s.hits.iter().map(|h| h.status.label().chars().count()).max().unwrap_or(0);
    let items: Vec<ListItem> = s
        .hits
        .iter()
        .map(|h| {
            ListItem::new(Line::from(vec![
                Span::styled(format!("{:<15} ", h.reference), theme.title),
                Span::styled(format!("{:<status_width$} ", h.status.label()), theme.muted),
                Span::raw(inert(&h.summary)),
            ]))
        })
        .collect();
    frame.render_stateful_widget(List::new(items).highlight_style(theme.selected), list_area, &mut s.state);
}

fn render_prompt(frame: &mut Frame<'_>, area: Rect, theme: &Theme, p: &mut PromptState) {
    let width = 76u16.min(area.width.saturating_sub(2));
    // The message wraps: allow for its lines at the popup's inner width.
    let inner_width = width.saturating_sub(2).max(1) as usize;
    let message_lines =
        if p.prompt.message.is_empty() { 0 } else { (p.prompt.message.chars().count() / inner_width + 1).min(4) };
    // A refusal is said whole, however long: it tells the user what to do.
    let problem_lines = match (&p.problem, p.form.fields.is_empty()) {
        (_, true) => 0,
        (Some(problem), false) => wrapped_lines(problem, inner_width).clamp(1, 8) as u16,
        (None, false) => 1,
    };
    let height = p.form.height() + message_lines as u16 + problem_lines + 2;
    let popup = centered(area, width, height);
    frame.render_widget(Clear, popup);
    let hint = match (p.form.fields.is_empty(), p.form.on_lines()) {
        (true, _) => "y yes · n no".to_string(),
        (false, true) => format!("{SAVE_KEY_HINT} · Enter new line · Tab next · Esc cancel"),
        (false, false) => "Enter save · Tab next · Esc cancel".to_string(),
    };
    let block = Block::bordered()
        .title(format!(" {} ", p.prompt.title))
        .title_bottom(Line::styled(format!(" {hint} "), theme.muted))
        .border_style(theme.border)
        .title_style(theme.title);
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let [msg_area, form_area, problem_area] = inner.layout(&Layout::vertical([
        Constraint::Length(message_lines as u16),
        Constraint::Fill(1),
        Constraint::Length(problem_lines),
    ]));
    if message_lines > 0 {
        frame.render_widget(Paragraph::new(inert(&p.prompt.message)).wrap(Wrap { trim: true }), msg_area);
    }
    p.form.render(frame, form_area, theme, true);
    if let Some(problem) = &p.problem {
        let text = Paragraph::new(problem.clone()).style(theme.field_error).wrap(Wrap { trim: true });
        frame.render_widget(text, problem_area);
    }
}

/// The lines `text` takes wrapped at word boundaries to `width` columns.
pub fn wrapped_lines(text: &str, width: usize) -> usize {
    let mut lines = 1;
    let mut used = 0;
    for word in text.split_whitespace() {
        let len = unicode_width::UnicodeWidthStr::width(word);
        if used > 0 && used + 1 + len > width {
            lines += 1 + len / width.max(1);
            used = len % width.max(1);
        } else {
            used += if used > 0 { 1 + len } else { len };
        }
    }
    lines
}

#[cfg(test)]
mod tests;
