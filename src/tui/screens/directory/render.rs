//! Drawing the Directory: the kind and name shown, the list, and the
//! selected entry's details beside it.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table, Wrap};
use ratatui::Frame;

use super::{kind_words, DirectoryScreen};
use crate::domain::directory::DirectoryKind;
use crate::export::directory::{details, room_words};
use crate::export::safe::inert;
use crate::store::views::directory::DirectoryEntry;
use crate::store::views::referrals::ProviderReferralRow;
use crate::tui::theme::Theme;

impl DirectoryScreen {
    pub(super) fn draw(&mut self, frame: &mut Frame<'_>, area: Rect, theme: &Theme) {
        let [head, body] = area.layout(&Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]));
        frame.render_widget(Paragraph::new(self.head_line(theme)), head);
        let [list, side] = body.layout(&Layout::horizontal([Constraint::Percentage(60), Constraint::Percentage(40)]));
        self.page = list.height.saturating_sub(3) as usize;
        // With one kind shown, its name column is room enough for the names.
        let with_kind = self.kind.is_none();
        let rows: Vec<Row> = self
            .entries
            .iter()
            .map(|e| {
                let status = if e.active { "" } else { "retired" };
                let style = if e.active { theme.normal } else { theme.muted };
                let mut cells = vec![Cell::from(inert(&e.name)), Cell::from(status)];
                if with_kind {
                    cells.insert(0, Cell::from(e.kind.label()));
                }
                Row::new(cells).style(style)
            })
            .collect();
        let block = Block::bordered().title(format!(" Directory ({}) ", self.entries.len())).border_style(theme.border);
        let (widths, header) = if with_kind {
            (vec![Constraint::Length(14), Constraint::Fill(1), Constraint::Length(7)], vec!["Kind", "Name", ""])
        } else {
            (vec![Constraint::Fill(1), Constraint::Length(7)], vec!["Name", ""])
        };
        let table = Table::new(rows, widths)
            .header(Row::new(header).style(theme.heading))
            .row_highlight_style(theme.selected)
            .block(block);
        frame.render_stateful_widget(table, list, &mut self.table);
        let panel = match self.selected() {
            Some(e) => {
                let mut lines = entry_panel(e, theme);
                if e.kind == DirectoryKind::Provider {
                    lines.extend(returns_lines(self.returns.iter().filter(|r| r.provider_id == e.id), theme));
                }
                lines
            }
            None => empty_panel(self.kind.is_none(), self.query.is_empty(), theme),
        };
        let title = self.selected().map_or_else(String::new, |e| format!(" {} ", inert(&e.name)));
        let block = Block::bordered().title(title).border_style(theme.border);
        frame.render_widget(Paragraph::new(panel).wrap(Wrap { trim: true }).block(block), side);
    }

    fn head_line(&self, theme: &Theme) -> Line<'static> {
        let name = if self.query.is_empty() { "any".to_string() } else { format!("\"{}\"", inert(&self.query)) };
        Line::from(vec![
            Span::styled(" Showing ", theme.muted),
            Span::styled(kind_words(self.kind), theme.heading),
            Span::styled("  name: ", theme.muted),
            Span::styled(name, theme.heading),
        ])
    }
}

fn entry_panel(e: &DirectoryEntry, theme: &Theme) -> Vec<Line<'static>> {
    let label = |l: &str| Span::styled(format!("{l}: "), theme.muted);
    let status = if e.active { "Active" } else { "Retired" };
    let mut lines =
        vec![Line::from(vec![Span::styled(e.kind.label(), theme.heading), Span::raw(format!(" · {status}"))])];
    for (l, value) in [("Email", &e.email), ("Phone", &e.phone)] {
        if let Some(v) = value {
            lines.push(Line::from(vec![label(l), Span::raw(inert(v))]));
        }
    }
    for (l, value) in details(e).into_iter().filter(|(l, _)| *l != "Rooms") {
        lines.push(Line::from(vec![label(l), Span::raw(inert(&value))]));
    }
    if !e.rooms.is_empty() {
        lines.push(Line::from(label("Rooms")));
        lines.extend(e.rooms.iter().map(|r| Line::from(format!("  {}", inert(&room_words(r))))));
    }
    if let Some(notes) = &e.notes {
        lines.push(Line::from(vec![label("Notes"), Span::raw(inert(notes))]));
    }
    lines
}

/// A provider's people referred and awaiting its return: case reference
/// and initials (the screen may be seen by others), when due, and what has
/// come back so far; the chase letter asks for the same.
fn returns_lines<'a>(rows: impl Iterator<Item = &'a ProviderReferralRow>, theme: &Theme) -> Vec<Line<'static>> {
    let rows: Vec<&ProviderReferralRow> = rows.collect();
    let heading = format!("Returns outstanding ({})", rows.len());
    let mut lines = vec![Line::from(""), Line::styled(heading, theme.heading)];
    if rows.is_empty() {
        lines.push(Line::styled("None: every referral to it has its return.", theme.muted));
        return lines;
    }
    for r in rows {
        let so_far = if r.returned.is_some() { ", attended so far" } else { "" };
        lines.push(Line::from(format!(
            "{} ({}) due {}, sent {}{so_far}",
            inert(&r.case_ref),
            inert(&r.initials),
            crate::domain::dates::day_short(r.due_on),
            crate::domain::dates::day_short(r.sent_on)
        )));
    }
    lines.push(Line::styled("casedesk letter --template provider-chase asks for them.", theme.muted));
    lines
}

fn empty_panel(every_kind: bool, every_name: bool, theme: &Theme) -> Vec<Line<'static>> {
    let said = if every_name && every_kind {
        "The directory is empty: press a to add a coordinator, facilitator, provider, venue or partner agency."
    } else if every_name {
        "Nothing of this kind is in the directory yet: press a to add one."
    } else {
        "No name matches: press n to search again, or esc to show every name."
    };
    vec![Line::styled(said, theme.muted)]
}
