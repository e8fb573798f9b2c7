//! Drawing the Meetings view: the list of meetings newest first, or one
//! meeting opened with its attendees, agenda, minutes and actions.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListItem, Paragraph, Wrap};
use ratatui::Frame;

use crate::domain::dates;
use crate::export::safe::inert;
use crate::store::views::meetings::{Meeting, MeetingActionRow, MeetingRow};
use crate::tui::text::fit;
use crate::tui::theme::Theme;

use super::words::{hints, render_detail};
use super::AgreementsScreen;

impl AgreementsScreen {
    pub(super) fn render_meetings(&mut self, frame: &mut Frame<'_>, area: Rect, theme: &Theme) {
        match self.meetings.open.clone() {
            Some(meeting) => self.render_open_meeting(&meeting, frame, area, theme),
            None => self.render_meeting_list(frame, area, theme),
        }
    }

    fn render_meeting_list(&mut self, frame: &mut Frame<'_>, area: Rect, theme: &Theme) {
        let [list_area, detail_area] = area.layout(&Layout::vertical([Constraint::Fill(1), Constraint::Length(4)]));
        self.visible = list_area.height.saturating_sub(2).max(1) as usize;
        let width = list_area.width.saturating_sub(4) as usize;
        let items: Vec<ListItem> = self.meetings.rows.iter().map(|r| ListItem::new(list_line(r, width))).collect();
        let title = format!(" Meetings and minutes — {} recorded, newest first ", self.meetings.rows.len());
        let list = List::new(items)
            .block(Block::bordered().title(title).border_style(theme.border))
            .highlight_style(theme.selected)
            .highlight_symbol("▶ ");
        frame.render_stateful_widget(list, list_area, &mut self.meetings.list);
        let detail = match self.selected_meeting_row() {
            Some(row) => vec![
                Line::from(inert(&format!("{} · {}", row.title, row.place.as_deref().unwrap_or("no place given")))),
                hints(&[("Enter", "open: minutes and actions"), ("a", "record a meeting"), ("m", "back")], theme),
            ],
            None => vec![
                Line::from("No meetings are recorded yet."),
                hints(&[("a", "record a meeting: when, title, where, who came, agenda"), ("m", "back")], theme),
            ],
        };
        render_detail(frame, detail_area, detail, theme);
    }

    fn render_open_meeting(&mut self, m: &Meeting, frame: &mut Frame<'_>, area: Rect, theme: &Theme) {
        let rows = m.actions.len().clamp(1, 8) as u16 + 2;
        let [text_area, actions_area] = area.layout(&Layout::vertical([Constraint::Fill(1), Constraint::Length(rows)]));
        let title = format!(" {} — {} ", inert(&m.title), dates::day_at(m.held_at));
        let text = Paragraph::new(meeting_lines(m, theme))
            .wrap(Wrap { trim: false })
            .block(Block::bordered().title(title).border_style(theme.border));
        frame.render_widget(text, text_area);
        self.visible = actions_area.height.saturating_sub(2).max(1) as usize;
        let width = actions_area.width.saturating_sub(4) as usize;
        let items: Vec<ListItem> = m.actions.iter().map(|a| ListItem::new(action_line(a, width))).collect();
        let items = if items.is_empty() { vec![ListItem::new("No actions yet: i adds one.")] } else { items };
        let block = Block::bordered()
            .title(" Actions — i add · c done ")
            .title_top(Line::styled(" Enter minutes · n attendee · m back ", theme.muted).right_aligned())
            .border_style(theme.border);
        let list = List::new(items).block(block).highlight_style(theme.selected).highlight_symbol("▶ ");
        frame.render_stateful_widget(list, actions_area, &mut self.meetings.actions);
    }
}

/// "Mon 16 Nov 10:30  Youth panel · 3 present · 1 action open · minuted".
fn list_line(r: &MeetingRow, width: usize) -> String {
    let open = match r.open_actions {
        0 => "no action open".to_string(),
        1 => "1 action open".to_string(),
        n => format!("{n} actions open"),
    };
    let minuted = if r.minuted { "minuted" } else { "no minutes yet" };
    // Padded to the longest day and time ("Wed 30 Sep 2026 10:00"), so the
    // titles line up whether the day has one digit or two.
    let line = format!("{:<21}  {} · {} present · {open} · {minuted}", dates::day_at(r.held_at), r.title, r.attendees);
    fit(&inert(&line), width)
}

fn action_line(a: &MeetingActionRow, width: usize) -> String {
    let state = match a.done_on {
        Some(on) => format!("done {}", dates::day_short(on)),
        None => format!("due {}", dates::day_short(a.due_on)),
    };
    let case = a.case_ref.as_deref().map_or(String::new(), |r| format!(" ({r})"));
    fit(&inert(&format!("{state:<16} {} · {}{case}", a.owner, a.what)), width)
}

/// Where, who came, the agenda and the minutes, each typed line its own.
fn meeting_lines(m: &Meeting, theme: &Theme) -> Vec<Line<'static>> {
    let present: Vec<String> = m.attendees.iter().map(|w| w.described()).collect();
    let present = if present.is_empty() { "nobody recorded: n adds someone".to_string() } else { present.join(", ") };
    let mut lines = vec![
        labelled("Where: ", m.place.as_deref().unwrap_or("not given"), theme),
        labelled("Present: ", &present, theme),
    ];
    for (heading, text, none) in [
        ("Agenda", m.agenda.as_deref(), "No agenda recorded."),
        ("Minutes", m.minutes.as_deref(), "No minutes yet: Enter writes them."),
    ] {
        lines.push(Line::styled(heading, theme.heading));
        match text.filter(|t| !t.trim().is_empty()) {
            Some(text) => lines.extend(text.lines().map(|l| Line::from(inert(l)))),
            None => lines.push(Line::styled(none, theme.muted)),
        }
    }
    lines
}

fn labelled(label: &'static str, value: &str, theme: &Theme) -> Line<'static> {
    Line::from(vec![Span::styled(label, theme.title), Span::raw(inert(value))])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(day: u32, title: &str) -> MeetingRow {
        let held_at = chrono::NaiveDate::from_ymd_opt(2026, 11, day).unwrap().and_hms_opt(10, 0, 0).unwrap();
        MeetingRow { id: 1, held_at, title: title.into(), place: None, attendees: 2, open_actions: 0, minuted: false }
    }

    /// A one-digit day and a two-digit day start their titles in one column.
    #[test]
    fn titles_line_up_whatever_the_day() {
        let (short, long) = (list_line(&row(6, "Panel"), 80), list_line(&row(18, "Panel"), 80));
        assert_eq!(short.find("Panel"), long.find("Panel"), "{short}\n{long}");
    }
}
