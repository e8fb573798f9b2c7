//! The Rules overlay: every rule the desk checks, in words, with its source
//! and what it does. A local rule can be changed here with a reason (the
//! store audits it and undo sets it back); a rule set by law says why not.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Paragraph, Row, Table, TableState, Wrap};
use ratatui::Frame;
use tui_input::Input;

use super::{centered, OverlayOutcome};
use crate::domain::rule_book;
use crate::export::safe::inert;
use crate::store::views::rules::RuleRow;
use crate::tui::theme::Theme;

pub struct RulesView {
    rows: Vec<RuleRow>,
    pub state: TableState,
    pub editing: Option<RuleEdit>,
    /// Why the last try was refused, shown under the list.
    pub problem: Option<String>,
}

/// A new value for one local rule, and the reason for it.
pub struct RuleEdit {
    pub id: String,
    pub value: Input,
    pub reason: Input,
    on_reason: bool,
}

impl RulesView {
    pub fn new(rows: Vec<RuleRow>) -> Self {
        let mut rows = rows;
        rows.sort_by_cached_key(|r| rule_book::name(&r.rule.id));
        RulesView { rows, state: TableState::default().with_selected(Some(0)), editing: None, problem: None }
    }

    /// The list again after a change, the same rule still selected.
    pub fn reload(&mut self, rows: Vec<RuleRow>) {
        let selected = self.state.selected();
        *self = RulesView::new(rows);
        self.state.select(selected);
    }

    fn selected(&self) -> Option<&RuleRow> {
        self.state.selected().and_then(|i| self.rows.get(i))
    }

    pub fn handle(&mut self, key: &KeyEvent) -> OverlayOutcome {
        if self.editing.is_some() {
            return self.handle_edit(key);
        }
        let last = self.rows.len().saturating_sub(1);
        let at = self.state.selected().unwrap_or(0);
        match key.code {
            KeyCode::Esc | KeyCode::Char('q') => return OverlayOutcome::Close,
            KeyCode::Down | KeyCode::Char('j') => self.state.select(Some((at + 1).min(last))),
            KeyCode::Up | KeyCode::Char('k') => self.state.select(Some(at.saturating_sub(1))),
            KeyCode::PageDown => self.state.select(Some((at + 10).min(last))),
            KeyCode::PageUp => self.state.select(Some(at.saturating_sub(10))),
            KeyCode::Enter => self.start_edit(),
            _ => {}
        }
        OverlayOutcome::Stay
    }

    fn start_edit(&mut self) {
        let Some(rule) = self.selected().map(|r| r.rule.clone()) else { return };
        self.problem = rule_book::refusal(&rule);
        if self.problem.is_none() {
            let value = Input::new(format!("{}", rule.value));
            self.editing = Some(RuleEdit { id: rule.id, value, reason: Input::default(), on_reason: false });
        }
    }

    /// Pasted text goes into the value or the reason, whichever is being typed.
    pub fn paste(&mut self, text: &str) {
        if let Some(edit) = self.editing.as_mut() {
            super::paste_into(if edit.on_reason { &mut edit.reason } else { &mut edit.value }, text);
        }
    }

    fn handle_edit(&mut self, key: &KeyEvent) -> OverlayOutcome {
        let Some(edit) = self.editing.as_mut() else { return OverlayOutcome::Stay };
        match key.code {
            KeyCode::Esc => {
                self.editing = None;
                self.problem = None;
            }
            KeyCode::Tab | KeyCode::BackTab | KeyCode::Up | KeyCode::Down => edit.on_reason = !edit.on_reason,
            KeyCode::Enter => match edit.value.value().trim().parse::<f64>() {
                Ok(value) => {
                    return OverlayOutcome::SetRule {
                        id: edit.id.clone(),
                        value,
                        reason: edit.reason.value().to_string(),
                    }
                }
                Err(_) => self.problem = Some("give the new value as a number, e.g. 5".into()),
            },
            _ => {
                let field = if edit.on_reason { &mut edit.reason } else { &mut edit.value };
                if let Some(request) = crate::tui::form::input_request(key) {
                    field.handle(request);
                }
            }
        }
        OverlayOutcome::Stay
    }
}

pub fn render_rules(frame: &mut Frame<'_>, area: Rect, theme: &Theme, view: &mut RulesView) {
    let popup = centered(area, area.width.saturating_sub(4).max(76), area.height.saturating_sub(2));
    frame.render_widget(Clear, popup);
    let block = Block::bordered().title(" Rules ").border_style(theme.key);
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let [list, detail] = inner.layout(&Layout::vertical([Constraint::Fill(1), Constraint::Length(4)]));
    let rows: Vec<Row> = view
        .rows
        .iter()
        .map(|r| {
            let kind = if rule_book::is_local(&r.rule) { "local" } else { "law" };
            Row::new([
                inert(&rule_book::name(&r.rule.id)),
                rule_book::value_text(&r.rule),
                rule_book::effect(&r.rule).label().to_string(),
                kind.to_string(),
            ])
        })
        .collect();
    let widths = [Constraint::Fill(1), Constraint::Length(15), Constraint::Length(14), Constraint::Length(5)];
    let table = Table::new(rows, widths)
        .header(Row::new(["Rule", "Value", "When crossed", "Kind"]).style(theme.muted))
        .row_highlight_style(theme.selected)
        .highlight_symbol("▸ ");
    frame.render_stateful_widget(table, list, &mut view.state);
    frame.render_widget(Paragraph::new(detail_lines(view, theme)).wrap(Wrap { trim: true }), detail);
}

fn detail_lines(view: &RulesView, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    if let Some(edit) = &view.editing {
        let mark = |on: bool| if on { "▸ " } else { "  " };
        lines.push(Line::from(format!("{}New value: {}", mark(!edit.on_reason), inert(edit.value.value()))));
        lines.push(Line::from(format!("{}Reason:    {}", mark(edit.on_reason), inert(edit.reason.value()))));
    } else if let Some(row) = view.selected() {
        let r = &row.rule;
        lines.push(Line::from(format!(
            "{}: {} {} ({}), in effect {}",
            inert(&rule_book::name(&r.id)),
            if rule_book::is_local(r) { "a local rule from" } else { "set by law in" },
            inert(&r.source),
            rule_book::confidence_text(r.confidence),
            rule_book::in_effect(row.effective_from, row.effective_to)
        )));
    }
    match &view.problem {
        Some(p) => lines.push(Line::styled(inert(p), theme.overdue)),
        None if view.editing.is_some() => {
            lines.push(Line::styled("Tab next field · Enter save · Esc cancel", theme.muted))
        }
        None => lines.push(Line::styled("Enter change a local rule · Esc close", theme.muted)),
    }
    lines
}
