//! Drawing Deadlines: the header, the table and the detail pane.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, HighlightSpacing, Paragraph, Row, Table, Wrap};
use ratatui::Frame;

use super::{key_of, DeadlinesScreen, Filters, Scope};
use crate::domain::types::Service;
use crate::export::safe::inert;
use crate::store::views::deadlines::DeadlineSource;
use crate::tui::screens::coordinator_filter::short_name;
use crate::tui::text::{fit, plural, thousands};
use crate::tui::theme::Theme;

impl DeadlinesScreen {
    pub(super) fn draw(&mut self, frame: &mut Frame<'_>, area: Rect, theme: &Theme) {
        let header = self.header_line(theme);
        // The filters take a second line where one is too narrow for them.
        let header_h = if header.width() > area.width as usize { 2 } else { 1 };
        let [header_area, table_area, detail_area] =
            area.layout(&Layout::vertical([Constraint::Length(header_h), Constraint::Fill(1), Constraint::Length(5)]));
        frame.render_widget(Paragraph::new(header).wrap(Wrap { trim: true }), header_area);
        self.view_rows = table_area.height.saturating_sub(3) as usize;

        // Fixed columns, then the rest shared by kind (3/5) and provider (2/5);
        // the coordinator's initials at narrow widths, their name at wide ones.
        const MARK: usize = 1;
        const CASE: usize = 14;
        let due_w = crate::domain::dates::day_width();
        const LEFT: usize = 4;
        const STATUS: usize = 11;
        let inner = table_area.width.saturating_sub(2) as usize;
        let fixed = 2 + MARK + CASE + due_w + LEFT + STATUS + 7;
        // One column spare, so the last column does not touch the border.
        let all = inner.saturating_sub(fixed + 1);
        let (kind_w, desc_w, who_w, coord_w) = columns(all, self.widest_who_and_coordinator());
        let rows: Vec<Row> = self
            .rows
            .iter()
            .zip(&self.left)
            .map(|(r, left)| {
                let tagged = key_of(r.key.source, r.key.id).is_some_and(|k| self.tagged.contains(&k));
                let left_style = if r.key.due_on < self.today { theme.overdue } else { theme.normal };
                let mut cells = vec![
                    Cell::from(if tagged { "✓" } else { " " }).style(theme.tagged),
                    Cell::from(fit(&inert(&r.case_ref), CASE)),
                    Cell::from(fit(&inert(&r.kind_label()), kind_w)),
                ];
                if desc_w > 0 {
                    cells.push(Cell::from(fit(&inert(&r.description), desc_w)));
                }
                cells.extend([
                    Cell::from(fit(&inert(&r.who), who_w)),
                    Cell::from(crate::domain::dates::day(r.key.due_on)).style(left_style),
                    Cell::from(format!("{left:>LEFT$}")).style(left_style),
                    Cell::from(fit(&r.status_on(self.today), STATUS)),
                    Cell::from(fit(
                        &short_name(self.coordinators.get(&r.case_id).map_or("", String::as_str), coord_w),
                        coord_w,
                    )),
                ]);
                Row::new(cells)
            })
            .collect();
        let who_heading = if who_w >= 16 { "Provider / owner" } else { "Who" };
        let coord_heading = if coord_w >= 11 { "Coordinator" } else { "Coord" };
        let (headings, widths): (Vec<&str>, Vec<usize>) = if desc_w > 0 {
            (
                vec!["", "Case", "Kind", "What", who_heading, "Due", "Left", "Status", coord_heading],
                vec![MARK, CASE, kind_w, desc_w, who_w, due_w, LEFT, STATUS, coord_w],
            )
        } else {
            (
                vec!["", "Case", "Kind", who_heading, "Due", "Left", "Status", coord_heading],
                vec![MARK, CASE, kind_w, who_w, due_w, LEFT, STATUS, coord_w],
            )
        };
        let header = Row::new(headings).style(theme.heading);
        let widths = widths.into_iter().map(|w| Constraint::Length(w as u16));
        let block = Block::bordered()
            .title(" Deadlines — open conditions and agreement items by due date ")
            .border_style(theme.border);
        let table = Table::new(rows, widths)
            .header(header)
            .block(block)
            .row_highlight_style(theme.selected)
            .highlight_symbol("▶ ")
            .highlight_spacing(HighlightSpacing::Always);
        frame.render_stateful_widget(table, table_area, &mut self.state);
        let block = Block::bordered().border_style(theme.border);
        let inner = block.inner(detail_area);
        frame.render_widget(block, detail_area);
        let [text_area, keys_area] = inner.layout(&Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]));
        let [text, keys] = self.detail_lines(theme);
        frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), text_area);
        frame.render_widget(Paragraph::new(keys), keys_area);
    }

    pub(super) fn header_line(&self, theme: &Theme) -> Line<'static> {
        let count = if self.count.capped {
            format!("{}+ items", thousands(self.count.count))
        } else {
            format!("{} {}", thousands(self.count.count), plural(self.count.count, "item"))
        };
        let mut spans = vec![
            Span::styled(count, theme.title),
            Span::raw(format!(" · {} tagged  ", thousands(self.tagged.len()))),
            Span::styled("f", theme.key),
            Span::raw(format!(" {} · ", self.filters.due.label())),
            Span::styled("p", theme.key),
            Span::raw(format!(
                " {} · ",
                self.filters.provider.as_ref().map_or("all providers".to_string(), |(_, n)| fit(&inert(n), 24))
            )),
            Span::styled("s", theme.key),
            Span::raw(format!(
                " {} · ",
                match self.filters.service {
                    None => "all services",
                    Some(Service::Oocd) => "OOCD",
                    Some(Service::RestorativeJustice) => "RJ",
                    Some(Service::Mediation) => "mediation",
                }
            )),
            Span::styled("a", theme.key),
            Span::raw(format!(" {}", fit(&self.filters.whose.label(), 24))),
        ];
        if !self.filters.whose.is_all() && self.filters.scope == Scope::All {
            spans.push(Span::raw(" ("));
            spans.push(Span::styled("Esc", theme.key));
            spans.push(Span::raw(" everyone's)"));
        }
        match &self.filters.scope {
            Scope::All => {
                spans.push(Span::raw(" · "));
                spans.push(Span::styled("m", theme.key));
                spans.push(Span::raw(" words"));
            }
            Scope::Case { reference, .. } => {
                spans.push(Span::raw(format!(" · case {} (", inert(reference))));
                spans.push(Span::styled("Esc", theme.key));
                spans.push(Span::raw(" all)"));
            }
            Scope::Matching { text, .. } => {
                spans.push(Span::raw(format!(" · matching \"{}\" (", inert(text))));
                spans.push(Span::styled("Esc", theme.key));
                spans.push(Span::raw(" all)"));
            }
        }
        Line::from(spans)
    }

    pub(super) fn detail_lines(&self, theme: &Theme) -> [Line<'static>; 2] {
        let first = match (self.selected(), self.state.selected()) {
            (Some(row), Some(i)) => {
                let left = self.left.get(i).copied().unwrap_or(0);
                let when = if row.key.due_on == self.today {
                    "due today".to_string()
                } else if left < 0 {
                    format!("overdue by {} working {}", -left, plural((-left) as usize, "day"))
                } else if row.key.due_on < self.today {
                    "overdue".to_string()
                } else {
                    format!("{left} working {} left", plural(left as usize, "day"))
                };
                let role = if row.key.source == DeadlineSource::Condition { "provider" } else { "owner" };
                let who = if row.who.is_empty() { String::new() } else { format!(" · {role}: {}", inert(&row.who)) };
                let breach = if row.open_breach_id.is_some() { " · breach awaits a decision (B)" } else { "" };
                let so_far = row.progress.map(|p| p.words()).unwrap_or_default();
                let so_far = if so_far.is_empty() { String::new() } else { format!(" · {}", so_far.join("; ")) };
                let coordinator = match self.coordinators.get(&row.case_id) {
                    Some(name) => format!(" · coordinator: {}", inert(name)),
                    None => String::new(),
                };
                Line::from(format!(
                    "{} · {}: {}{so_far}{who}{coordinator} · due {} ({when}){breach}",
                    inert(&row.case_ref),
                    row.kind_label(),
                    inert(&row.description),
                    crate::domain::dates::day(row.key.due_on)
                ))
            }
            _ if self.count.count == 0 && self.filters == Filters::default() => {
                Line::from("Nothing is due: there are no open conditions or agreement items.")
            }
            _ => Line::from("Nothing due matches these filters."),
        };
        if self.rows.is_empty() {
            return [first, self.empty_keys(theme)];
        }
        // Tagging all (T) and untagging (U) are in the help (?): the line
        // keeps room for the provider's referral and return at 80 columns.
        let keys = [
            ("Space", "tag"),
            ("B", "decide breach"),
            ("P", "refer"),
            ("R", "return"),
            ("o", "case"),
            ("l", "log contact"),
        ];
        let on_action = self.selected().is_some_and(|r| r.key.source == DeadlineSource::MeetingAction);
        let keys: &[(&str, &str)] = if on_action { &super::meeting_rows::KEYS } else { &keys };
        [first, key_line(keys, theme)]
    }

    /// With nothing listed, the keys that would act on an item mean
    /// nothing: say where items are added, or which keys change the
    /// filters that hide them.
    fn empty_keys(&self, theme: &Theme) -> Line<'static> {
        if self.count.count == 0 && self.filters == Filters::default() {
            return key_line(
                &[("6", "Case, then add a condition"), ("5", "Agreements, then add an agreed item")],
                theme,
            );
        }
        let keys = [("f", "due dates"), ("p", "provider"), ("s", "service"), ("a", "coordinator"), ("m", "words")];
        let mut line = key_line(&keys, theme);
        line.spans.insert(0, Span::raw("Filters: "));
        line
    }
}

/// "Space tag · B decide breach · …": each key styled as a key.
fn key_line(keys: &[(&str, &str)], theme: &Theme) -> Line<'static> {
    let mut spans = Vec::new();
    for (n, (key, label)) in keys.iter().enumerate() {
        if n > 0 {
            spans.push(Span::raw(" · "));
        }
        spans.push(Span::styled(key.to_string(), theme.key));
        spans.push(Span::raw(format!(" {label}")));
    }
    Line::from(spans)
}

/// The widths of kind, what (0: not shown), provider or owner, and
/// coordinator, from the columns the fixed ones leave. Wide terminals also
/// show what is to be done, beside its kind; the coordinator is named where
/// there is room for a name, by initials where there is not.
/// Kind, description, provider or owner, and coordinator: at wide widths the
/// last two as wide as the longest shown (within 30 and 18, never narrower
/// than their headings) and the description the rest, so a page of OOCD
/// conditions with no provider or coordinator reads its descriptions whole.
fn columns(all: usize, (widest_who, widest_coordinator): (usize, usize)) -> (usize, usize, usize, usize) {
    if all >= 100 {
        let kind_w = 26;
        let who_w = (widest_who + 1).clamp("Who".len() + 1, 30);
        let coord_w = (widest_coordinator + 1).clamp("Coord".len() + 1, 18);
        return (kind_w, all - kind_w - who_w - coord_w - 1, who_w, coord_w);
    }
    let coord_w = if all >= 60 { 16 } else { 5 };
    let flexible = all.saturating_sub(coord_w);
    let kind_w = flexible * 3 / 5;
    (kind_w, 0, flexible - kind_w, coord_w)
}

impl DeadlinesScreen {
    /// How wide the longest provider or owner, and the longest coordinator's
    /// name, among the rows shown.
    fn widest_who_and_coordinator(&self) -> (usize, usize) {
        use unicode_width::UnicodeWidthStr;
        let who = self.rows.iter().map(|r| inert(&r.who).width()).max().unwrap_or(0);
        let coordinator =
            self.rows.iter().filter_map(|r| self.coordinators.get(&r.case_id)).map(|n| n.width()).max().unwrap_or(0);
        (who, coordinator)
    }
}
