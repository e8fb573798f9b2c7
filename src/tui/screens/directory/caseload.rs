//! The caseload view of the Directory (`c`): every coordinator with their
//! open cases and maximum, the ones over it marked; beside them the
//! selected coordinator's open cases counted by status and listed oldest
//! first. Enter moves into that list, Enter again opens the case, esc goes
//! back out.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Cell, HighlightSpacing, Paragraph, Row, Table, TableState, Wrap};
use ratatui::Frame;

use crate::domain::directory::over_maximum;
use crate::export::safe::inert;
use crate::store::views::caseload::CaseloadCase;
use crate::store::views::directory::Caseload;
use crate::tui::action::Action;
use crate::tui::screens::{Ctx, Effect, ScreenId};
use crate::tui::theme::Theme;

/// How many of a coordinator's cases are listed: the oldest, which are the
/// ones to look at first; the count says how many there are in all.
const CASES_SHOWN: usize = 200;

#[derive(Debug, Default)]
pub(super) struct CaseloadView {
    loads: Vec<Caseload>,
    coordinators: TableState,
    /// The selected coordinator's oldest open cases.
    cases: Vec<CaseloadCase>,
    case_table: TableState,
    /// Whether the keys move in the cases rather than the coordinators.
    in_cases: bool,
}

impl CaseloadView {
    pub(super) fn load(&mut self, ctx: &Ctx<'_>) -> anyhow::Result<()> {
        self.loads = ctx.store.caseloads()?;
        let row = self.coordinators.selected().unwrap_or(0).min(self.loads.len().saturating_sub(1));
        self.coordinators.select((!self.loads.is_empty()).then_some(row));
        self.load_cases(ctx)
    }

    fn load_cases(&mut self, ctx: &Ctx<'_>) -> anyhow::Result<()> {
        self.cases = match self.selected() {
            Some(load) => ctx.store.coordinator_cases(load.coordinator_id, CASES_SHOWN)?,
            None => Vec::new(),
        };
        let row = self.case_table.selected().unwrap_or(0).min(self.cases.len().saturating_sub(1));
        self.case_table.select((!self.cases.is_empty()).then_some(row));
        self.in_cases &= !self.cases.is_empty();
        Ok(())
    }

    fn selected(&self) -> Option<&Caseload> {
        self.coordinators.selected().and_then(|i| self.loads.get(i))
    }

    /// Some(effect) when the key was the view's; None to close it.
    pub(super) fn handle(&mut self, action: Action, page: usize, ctx: &mut Ctx<'_>) -> Option<Effect> {
        let page = page.max(1) as isize;
        let delta = match action {
            Action::Up => -1,
            Action::Down => 1,
            Action::PageUp => -page,
            Action::PageDown => page,
            Action::Top => isize::MIN / 2,
            Action::Bottom => isize::MAX / 2,
            Action::Open => return Some(self.open()),
            Action::Back if self.in_cases => {
                self.in_cases = false;
                return Some(Effect::None);
            }
            Action::Back | Action::Caseload => return None,
            _ => return Some(Effect::None),
        };
        Some(self.move_by(delta, ctx))
    }

    fn open(&mut self) -> Effect {
        if !self.in_cases {
            if self.cases.is_empty() {
                return Effect::Status("This coordinator has no open case.".into());
            }
            self.in_cases = true;
            return Effect::None;
        }
        match self.case_table.selected().and_then(|i| self.cases.get(i)) {
            Some(c) => Effect::Focus { screen: ScreenId::Case, case_id: c.case_id, entity_id: None },
            None => Effect::None,
        }
    }

    fn move_by(&mut self, delta: isize, ctx: &mut Ctx<'_>) -> Effect {
        let (table, len) = if self.in_cases {
            (&mut self.case_table, self.cases.len())
        } else {
            (&mut self.coordinators, self.loads.len())
        };
        if len == 0 {
            return Effect::None;
        }
        let current = table.selected().unwrap_or(0) as isize;
        table.select(Some((current + delta).clamp(0, len as isize - 1) as usize));
        if self.in_cases {
            return Effect::None;
        }
        self.case_table.select(Some(0));
        match self.load_cases(ctx) {
            Ok(()) => Effect::None,
            Err(e) => Effect::Error(format!("Could not read the caseload: {e:#}")),
        }
    }

    pub(super) fn footer() -> Vec<Action> {
        vec![Action::Open, Action::Back]
    }

    pub(super) fn footer_label(&self, action: Action) -> Option<&'static str> {
        match action {
            Action::Open if self.in_cases => Some("open case"),
            Action::Open => Some("cases"),
            Action::Back if self.in_cases => Some("coordinators"),
            Action::Back | Action::Caseload => Some("directory"),
            _ => None,
        }
    }

    /// Draws the view; returns the rows a page holds.
    pub(super) fn draw(&mut self, frame: &mut Frame<'_>, area: Rect, theme: &Theme) -> usize {
        let [head, body] = area.layout(&Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]));
        let said = " Caseload: open cases per coordinator; enter lists a coordinator's, oldest first";
        frame.render_widget(Paragraph::new(Line::styled(said, theme.muted)), head);
        // Room for a name of 18 characters; the cases take the rest.
        let [left, right] = body.layout(&Layout::horizontal([Constraint::Length(38), Constraint::Fill(1)]));
        self.draw_coordinators(frame, left, theme);
        self.draw_cases(frame, right, theme);
        left.height.saturating_sub(3) as usize
    }

    fn draw_coordinators(&mut self, frame: &mut Frame<'_>, area: Rect, theme: &Theme) {
        let rows: Vec<Row> = self
            .loads
            .iter()
            .map(|l| {
                let open = l.open_cases();
                let over = over_maximum(open, l.max_caseload);
                let name = if l.active { inert(&l.name) } else { format!("{} (retired)", inert(&l.name)) };
                let max = l.max_caseload.map_or_else(|| "—".to_string(), |m| m.to_string());
                let mark = if over { "over max" } else { "" };
                let style = if over { theme.overdue } else { theme.normal };
                Row::new(vec![Cell::from(name), Cell::from(open.to_string()), Cell::from(max), Cell::from(mark)])
                    .style(style)
            })
            .collect();
        let widths = [Constraint::Fill(1), Constraint::Length(4), Constraint::Length(3), Constraint::Length(8)];
        let border = if self.in_cases { theme.muted } else { theme.border };
        let block = Block::bordered().title(format!(" Coordinators ({}) ", self.loads.len())).border_style(border);
        let table = Table::new(rows, widths)
            .header(Row::new(vec!["Coordinator", "Open", "Max", ""]).style(theme.heading))
            .row_highlight_style(theme.selected)
            .highlight_symbol("▶ ")
            .highlight_spacing(HighlightSpacing::Always)
            .block(block);
        frame.render_stateful_widget(table, area, &mut self.coordinators);
    }

    fn draw_cases(&mut self, frame: &mut Frame<'_>, area: Rect, theme: &Theme) {
        let border = if self.in_cases { theme.border } else { theme.muted };
        let Some(load) = self.selected() else {
            let said = "No coordinator is in the directory yet: press c, then a to add one.";
            let block = Block::bordered().border_style(border);
            frame.render_widget(
                Paragraph::new(Line::styled(said, theme.muted)).wrap(Wrap { trim: true }).block(block),
                area,
            );
            return;
        };
        let title = format!(" {}: {} open, oldest first ", inert(&load.name), load.open_cases());
        let counts: Vec<String> = load.by_status.iter().map(|(s, n)| format!("{} {n}", s.label())).collect();
        let counts = if counts.is_empty() { "No open case.".to_string() } else { counts.join(" · ") };
        let block = Block::bordered().title(title).border_style(border);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        // Wrapping at words takes a little more than the characters divided.
        let height = (counts.len() as u16 / inner.width.max(1) + 1).clamp(1, 4);
        let [top, list] = inner.layout(&Layout::vertical([Constraint::Length(height), Constraint::Fill(1)]));
        frame.render_widget(Paragraph::new(Line::styled(counts, theme.muted)).wrap(Wrap { trim: true }), top);
        let rows: Vec<Row> = self
            .cases
            .iter()
            .map(|c| {
                Row::new(vec![
                    Cell::from(inert(&c.reference)),
                    Cell::from(crate::domain::dates::day_short(c.received_on)),
                    Cell::from(c.status.label()),
                ])
            })
            .collect();
        let widths = [Constraint::Length(13), Constraint::Length(10), Constraint::Fill(1)];
        let (highlight, symbol) = if self.in_cases { (theme.selected, "▶ ") } else { (theme.normal, "  ") };
        let table = Table::new(rows, widths)
            .header(Row::new(vec!["Case", "Received", "Status"]).style(theme.heading))
            .row_highlight_style(highlight)
            .highlight_symbol(symbol)
            .highlight_spacing(HighlightSpacing::Always);
        frame.render_stateful_widget(table, list, &mut self.case_table);
    }
}
